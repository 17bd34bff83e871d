"""Shared fixtures. Keep the expensive ones session-scoped."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


@pytest.fixture(scope="session")
def pipeline():
    """The pipeline on the shipped data (loaded once per test session)."""
    from geo.pipeline import Pipeline

    return Pipeline.default()
