"""geo: offline place and actor extraction for conflict news.

Data flows one way::

    articles -> names/gazetteer -> places, actors -> pipeline -> store -> maplayers

Nothing is loaded at import time; call :func:`geo.gazetteer.load_gazetteer`,
:func:`geo.pipeline.Pipeline.default` etc. explicitly.

The modules in :data:`NATIVE_MODULES` may be compiled to C in place by
``scripts/build_native.py`` (the set-up command runs it). A build is used only
while it matches its source: one older than the source it was compiled from is
passed over for the source, with a warning, as it is when the environment sets
``GEO_PURE_PYTHON=1``. :data:`NATIVE` says which engine this process runs.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings

__version__ = "0.1.0"

#: The engine's hot modules, which ``scripts/build_native.py`` compiles with mypyc.
NATIVE_MODULES = ("model", "names", "sentences", "gazetteer", "places", "actors", "pipeline")


class _SourceFinder:
    """Loads the named modules from their ``.py`` files, passing over a compiled build."""

    def __init__(self, folder: str, names: frozenset[str]) -> None:
        self.folder = folder
        self.names = names

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in self.names:
            return None
        return importlib.util.spec_from_file_location(
            fullname, os.path.join(self.folder, fullname.rpartition(".")[2] + ".py"))


def _native() -> bool:
    """True if the compiled modules are current and wanted; else have them loaded from source."""
    here = os.path.dirname(os.path.abspath(__file__))
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    compiled = {name.split(".")[0] for name in os.listdir(here) if name.endswith(suffixes)}
    compiled &= set(NATIVE_MODULES)
    if not compiled:
        return False
    stale = []
    if os.environ.get("GEO_PURE_PYTHON", "") not in ("", "0"):
        stale = ["(GEO_PURE_PYTHON is set)"]
    else:
        try:
            with open(os.path.join(here, "_native.json"), encoding="utf-8") as fh:
                built = json.load(fh)["modules"]
        except (OSError, ValueError, KeyError, TypeError):
            built = {}
        for name in NATIVE_MODULES:
            try:
                with open(os.path.join(here, name + ".py"), "rb") as fh:
                    current = hashlib.sha256(fh.read()).hexdigest()
            except OSError:
                continue
            if built.get(name + ".py") != current:
                stale.append(name + ".py")
        if stale:
            warnings.warn(f"geo: the compiled engine is older than its source ({', '.join(stale)}): "
                          "running the source; rebuild with `python scripts/build_native.py`",
                          RuntimeWarning, stacklevel=2)
    if stale:
        # every module from source: compiled modules call each other directly, so one
        # compiled module would still run the old code of another
        sys.meta_path.insert(0, _SourceFinder(here, frozenset(f"{__name__}.{n}" for n in NATIVE_MODULES)))
        return False
    return compiled == set(NATIVE_MODULES)


#: True if this process runs the compiled engine (see ``scripts/build_native.py``).
NATIVE = _native()
