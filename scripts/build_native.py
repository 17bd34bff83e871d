#!/usr/bin/env python3
"""Compile the engine's hot modules to C with mypyc, in place (optional).

    python scripts/build_native.py           # build (about a minute and a half on 2 cores)
    python scripts/build_native.py --clean   # remove the build: plain Python again

The set-up command runs this. The modules in :data:`geo.NATIVE_MODULES` are
compiled from their own source, unchanged, into extension modules next to it
(``geo/places.cpython-311-x86_64-linux-gnu.so`` ...) plus one shared library
(``geo/_native__mypyc...so``); ``import geo.places`` then loads the compiled one. It parses
about 1.4x as fast (``scripts/bench_pipeline.py`` says which engine it timed).

Nothing depends on it: without a C compiler or mypy the build fails with a
message and the engine runs as plain Python. A manifest (``geo/_native.json``)
records the hash of each compiled source; ``geo/__init__.py`` loads the source
instead of a build that is older than it (and warns), or when the environment
sets ``GEO_PURE_PYTHON=1``.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.machinery
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GEO = REPO / "geo"
#: the shared library's module (mypyc's group name): ``geo/_native__mypyc*.so``, inside the
#: package so that an editable install finds it from any folder
GROUP = "geo._native"


def _native_modules() -> tuple[str, ...]:
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from geo import NATIVE_MODULES
    return NATIVE_MODULES


def built_files() -> list[Path]:
    """The build's files: an extension per module, the shared library, the manifest."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    ours = {*_native_modules(), GROUP.rpartition(".")[2] + "__mypyc"}
    found = [p for p in GEO.iterdir() if p.name.endswith(suffixes) and p.name.split(".")[0] in ours]
    manifest = GEO / "_native.json"
    return found + ([manifest] if manifest.exists() else [])


def clean() -> None:
    for path in built_files():
        path.unlink()


def source_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _current(hashes: dict[str, str]) -> bool:
    """True if the build on disk was made from these sources, by this Python and mypy."""
    import mypy.version
    try:
        manifest = json.loads((GEO / "_native.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    return (manifest.get("modules") == hashes and manifest.get("mypy") == mypy.version.__version__
            and manifest.get("python") == f"{sys.version_info.major}.{sys.version_info.minor}"
            and all((GEO / f"{name[:-3]}{suffix}").exists() for name in hashes))


def build() -> int:
    try:
        from mypyc.build import mypycify
        from setuptools import setup
        import mypy.version
    except ImportError as exc:
        print(f"build_native: mypyc is not installed ({exc}); the engine runs as plain Python", file=sys.stderr)
        return 1
    if shutil.which(os.environ.get("CC", "cc")) is None and shutil.which("gcc") is None:
        print("build_native: no C compiler (cc, gcc); the engine runs as plain Python", file=sys.stderr)
        return 1
    modules = _native_modules()
    sources = [f"geo/{name}.py" for name in modules]
    hashes = {f"{name}.py": source_hash(GEO / f"{name}.py") for name in modules}
    if _current(hashes):
        print("build_native: the compiled engine is up to date", file=sys.stderr)
        return 0
    clean()  # a half-done build must never be loaded: the manifest is written last
    here = Path.cwd()
    os.chdir(REPO)  # mypyc names modules by their path: geo/places.py is geo.places
    try:
        with tempfile.TemporaryDirectory(prefix="geo-native-") as tmp:
            setup(name="geo-native",
                  ext_modules=mypycify(["--ignore-missing-imports", *sources], opt_level="3", group_name=GROUP, target_dir=tmp),
                  script_args=["--quiet", "build_ext", "--inplace", "--build-temp", str(Path(tmp) / "obj"),
                               "--build-lib", str(Path(tmp) / "lib")])
    except (SystemExit, Exception) as exc:  # setuptools exits on a compiler error
        clean()
        print(f"build_native: the build failed ({exc!r}); the engine runs as plain Python", file=sys.stderr)
        return 1
    finally:
        os.chdir(here)
    if any(source_hash(GEO / name) != digest for name, digest in hashes.items()):
        clean()
        print("build_native: a source changed during the build; run it again", file=sys.stderr)
        return 1
    manifest = {"modules": hashes, "mypy": mypy.version.__version__,
                "python": f"{sys.version_info.major}.{sys.version_info.minor}"}
    (GEO / "_native.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    print(f"build_native: compiled {', '.join(sources)}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clean", action="store_true", help="remove the build and exit")
    args = ap.parse_args(argv)
    if args.clean:
        clean()
        return 0
    return build()


if __name__ == "__main__":
    sys.exit(main())
