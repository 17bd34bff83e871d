"""Doctests of compiled engine modules (scripts/build_native.py) run on their source.

A module that mypyc compiled keeps no docstring examples, and pytest would refuse to
import its .py next to the compiled one; its doctests are collected from the source,
loaded under a private name, whose imports are the package's own (compiled) modules.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from _pytest.doctest import DoctestModule

import geo

GEO = Path(geo.__file__).resolve().parent


class _SourceDoctests(DoctestModule):
    def _getobj(self):
        name = f"geo._source_of_{self.path.stem}"
        if name not in sys.modules:
            spec = importlib.util.spec_from_file_location(name, self.path)
            module = importlib.util.module_from_spec(spec)
            module.__package__ = "geo"  # its relative imports are the package's modules
            sys.modules[name] = module  # (dataclasses look their module up)
            spec.loader.exec_module(module)
        return sys.modules[name]


@pytest.hookimpl(wrapper=True)
def pytest_collect_file(file_path: Path, parent):
    collected = yield
    if geo.NATIVE and file_path.suffix == ".py" and file_path.stem in geo.NATIVE_MODULES \
            and file_path.resolve().parent == GEO:
        # (a python Module too when the file is named on the command line: it holds no tests)
        return [_SourceDoctests.from_parent(parent, path=file_path) for c in collected
                if isinstance(c, DoctestModule)]
    return collected
