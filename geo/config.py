"""Paths and limits, each overridable by an environment variable."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """Where the shipped data lives (env ``GEO_DATA_DIR``, default ``<repo>/data``)."""
    return Path(os.environ.get("GEO_DATA_DIR") or REPO_DIR / "data")


def default_db() -> Path:
    """The default store (env ``GEO_DB``, default ``<repo>/var/geo.sqlite``)."""
    return Path(os.environ.get("GEO_DB") or REPO_DIR / "var" / "geo.sqlite")


MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Size limits on input; every one is configurable (see README, "Limits")."""

    max_file_bytes: int = 50 * MiB
    max_text_chars: int = 200_000
    max_upload_bytes: int = 50 * MiB
    max_upload_articles: int = 5_000

    def __post_init__(self) -> None:
        for name in ("max_file_bytes", "max_text_chars", "max_upload_bytes", "max_upload_articles"):
            value = getattr(self, name)
            if not isinstance(value, int) or value <= 0:
                raise ValueError(f"limit {name} must be a positive integer, got {value!r}")

    @classmethod
    def from_env(cls) -> "Limits":
        """Limits with any ``GEO_MAX_*`` environment variables applied."""
        kwargs = {}
        for name in ("max_file_bytes", "max_text_chars", "max_upload_bytes", "max_upload_articles"):
            raw = os.environ.get("GEO_" + name.upper())
            if raw:
                try:
                    kwargs[name] = int(raw)
                except ValueError as exc:
                    raise ValueError(f"GEO_{name.upper()}={raw!r} is not an integer") from exc
                if kwargs[name] <= 0:
                    raise ValueError(f"GEO_{name.upper()}={raw!r} must be a positive integer")
        return cls(**kwargs)
