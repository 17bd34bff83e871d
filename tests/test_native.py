"""The compiled engine (scripts/build_native.py): used only while it matches its source,
and it reads exactly as the source does."""

from __future__ import annotations

import importlib.machinery
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import geo

REPO = Path(__file__).resolve().parent.parent
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]
PROBE = "import geo, geo.places, geo.actors; print(geo.NATIVE, geo.places.__file__, geo.actors.__file__)"


def _built() -> bool:
    return all((REPO / "geo" / f"{name}{SUFFIX}").exists() for name in geo.NATIVE_MODULES)


def _buildable() -> bool:
    try:
        import mypyc  # noqa: F401
    except ImportError:
        return False
    return shutil.which("cc") is not None or shutil.which("gcc") is not None


def _copy_engine(to: Path) -> Path:
    """A copy of geo/, with its build if any (the shared library is in it too)."""
    shutil.copytree(REPO / "geo", to / "geo", ignore=shutil.ignore_patterns("__pycache__"))
    return to


def _probe(cwd: Path, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GEO_PURE_PYTHON")}
    return subprocess.run([sys.executable, "-c", PROBE], cwd=cwd, capture_output=True, text=True,
                          env={**environ, **env}, timeout=120)


def test_the_set_up_builds_the_compiled_engine_where_it_can():
    if not _buildable():
        pytest.skip("no mypyc or no C compiler here: the engine runs as plain Python")
    if _built() and not geo.NATIVE:
        pytest.skip("the build is older than its source (edited since): rebuild with scripts/build_native.py")
    assert geo.NATIVE, "mypyc and a C compiler are here but the engine is not compiled: run scripts/build_native.py"


def test_an_extension_without_its_manifest_is_never_loaded(tmp_path):
    # a broken or half-done build (no manifest written): the source runs, nothing crashes
    engine = _copy_engine(tmp_path)
    (engine / "geo" / "_native.json").unlink(missing_ok=True)
    for name in geo.NATIVE_MODULES:
        (engine / "geo" / f"{name}{SUFFIX}").write_bytes(b"not an extension module")
    run = _probe(engine)
    assert run.returncode == 0, run.stderr
    native, places, actors = run.stdout.split()
    assert native == "False"
    assert places == str(engine / "geo" / "places.py") and actors == str(engine / "geo" / "actors.py")
    assert "older than its source" in run.stderr and "places.py" in run.stderr


@pytest.mark.skipif(not _built(), reason="the engine is not compiled here")
def test_a_build_older_than_its_source_is_passed_over_for_every_module(tmp_path):
    engine = _copy_engine(tmp_path)
    run = _probe(engine)
    assert run.returncode == 0, run.stderr
    if geo.NATIVE:  # an up-to-date build is used as it is
        assert run.stdout.split()[0] == "True" and run.stdout.split()[1].endswith(SUFFIX)
    with open(engine / "geo" / "places.py", "a", encoding="utf-8") as fh:
        fh.write("\n# edited after the build\n")
    run = _probe(engine)
    assert run.returncode == 0, run.stderr
    native, places, actors = run.stdout.split()
    # actors.py is unchanged, but compiled actors would call the compiled (old) places
    assert (native, places, actors) == ("False", str(engine / "geo" / "places.py"), str(engine / "geo" / "actors.py"))
    assert "places.py" in run.stderr
    if geo.NATIVE:  # (from an up-to-date build, the warning names the edited file only)
        assert "actors.py" not in run.stderr


@pytest.mark.skipif(not _built(), reason="the engine is not compiled here")
def test_pure_python_can_be_asked_for():
    run = _probe(REPO, GEO_PURE_PYTHON="1")
    assert run.returncode == 0, run.stderr
    assert run.stdout.split()[:2] == ["False", str(REPO / "geo" / "places.py")]


@pytest.mark.skipif(not geo.NATIVE, reason="the compiled engine is not in use here")
def test_the_compiled_engine_reads_as_the_source_does():
    paths = [str(p) for p in sorted((REPO / "data" / "seeds").glob("*.txt"))]
    paths += [str(p) for p in sorted(REPO.glob("tests/fixtures/unseen_articles*/[0-9]*.txt"))[::7]]
    assert len(paths) > 30
    out = {}
    for pure in ("0", "1"):
        run = subprocess.run([sys.executable, "-m", "geo", "parse", *paths, "--json"], cwd=REPO,
                             capture_output=True, text=True, timeout=600,
                             env={**os.environ, "GEO_PURE_PYTHON": pure})
        assert run.returncode == 0, run.stderr
        out[pure] = run.stdout
    assert out["0"].count("\n") == len(paths)
    assert out["0"] == out["1"]
