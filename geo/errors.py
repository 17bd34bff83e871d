"""The project's exception tree.

Every error subclasses :class:`GeoError` and also the builtin it resembles, so
callers can catch either. Errors raised because of another carry it as
``__cause__`` (``raise ... from exc``).
"""

from __future__ import annotations


class GeoError(Exception):
    """Base class of every error raised by :mod:`geo`."""


class ArticleError(GeoError, ValueError):
    """An input (file, row, upload) that cannot be read as an article.

    ``where`` names the file and, for corpora, the row (``corpus.csv:12``);
    ``reason`` says what is wrong in a few words. ``str(err)`` is the one-line
    message shown to users: ``corpus.csv:12: missing text column``.
    """

    def __init__(self, where: str, reason: str) -> None:
        self.where = where
        self.reason = reason
        super().__init__(f"{where}: {reason}")


class InputTooLarge(ArticleError):
    """A file, upload or article text over a configured limit."""


class GazetteerError(GeoError, ValueError):
    """The gazetteer file is missing, corrupt, or a record is invalid."""


class StoreError(GeoError, RuntimeError):
    """The store cannot be opened, migrated or written."""


class IntegrityError(StoreError):
    """The store's contents are inconsistent (see ``python -m geo check``)."""
