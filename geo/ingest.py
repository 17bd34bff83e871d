"""Ingest a batch of articles: parse each with the pipeline, save it in the store.

Shared by the CLI (``python -m geo ingest``) and the dashboard (first start,
uploads). Errors are collected, never raised, so one bad file, row or
article does not stop the batch; articles already stored are skipped before
parsing, so re-running an interrupted ingest completes it cheaply and adds no
duplicates.

>>> from geo.errors import ArticleError
>>> from geo.store import Store
>>> with Store(":memory:") as store:
...     report = ingest_articles([ArticleError("x.csv:row 3", "no text")], store, pipeline=None)
>>> report.errors, report.added
(('x.csv:row 3: no text',), 0)
"""

from __future__ import annotations

import logging
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Protocol

from geo import config
from geo.errors import ArticleError, GeoError
from geo.model import Article, ParsedArticle
from geo.store import Store, origin_file

logger = logging.getLogger(__name__)


class Parser(Protocol):
    """What ingest needs of :class:`geo.pipeline.Pipeline`."""

    def parse(self, article: Article) -> ParsedArticle: ...


@dataclass(frozen=True)
class Progress:
    """Passed to the progress callback after each item.

    ``total`` is None when the caller did not know the batch size.
    ``where`` names the item just handled (file path or ``file.csv#row=N``).
    """

    done: int
    total: int | None
    added: int
    skipped: int
    errors: int
    where: str

    @property
    def fraction(self) -> float | None:
        """``done / total`` in 0..1, or None without a total."""
        if not self.total:
            return None
        return min(1.0, self.done / self.total)


@dataclass(frozen=True)
class IngestReport:
    """What one batch did.

    ``added``: articles saved; ``skipped``: already in the store;
    ``errors``: one line per item that could not be read, parsed or saved
    (``where: reason``); ``place_mentions`` / ``actor_mentions``: found in
    the added articles.
    """

    added: int = 0
    skipped: int = 0
    errors: tuple[str, ...] = ()
    place_mentions: int = 0
    actor_mentions: int = 0
    seconds: float = 0.0
    #: articles removed because the file (or row) that gave them now gives another: older
    #: versions of edited files
    replaced: int = 0

    @property
    def read(self) -> int:
        """Articles read (added or skipped)."""
        return self.added + self.skipped

    def summary(self) -> str:
        """One line: "12 articles added (3 already stored), 140 place mentions; 2 errors"."""
        line = f"{self.added:,} article{'s' if self.added != 1 else ''} added"
        if self.skipped:
            line += f" ({self.skipped:,} already stored)"
        line += f", {self.place_mentions:,} place mentions, {self.actor_mentions:,} actor mentions"
        if self.replaced:
            line += f"; {older_versions(self.replaced)} removed"
        if self.errors:
            line += f"; {len(self.errors):,} error{'s' if len(self.errors) != 1 else ''}"
        return line


def _where(article: Article) -> str:
    return article.path or f"article {article.id}"


def ingest_articles(
    items: Iterable[Article | ArticleError],
    store: Store,
    pipeline: Parser | None,
    progress: Callable[[Progress], None] | None = None,
    *,
    total: int | None = None,
) -> IngestReport:
    """Parse and save every article of ``items``; collect every error.

    Args:
        items: what :func:`geo.articles.read_paths` / ``read_bytes`` yield.
        store: the store to write (one transaction per article).
        pipeline: anything with ``parse(article) -> ParsedArticle``; only
            used for articles not yet stored (None is fine for a batch with
            nothing new).
        progress: called after each item with a :class:`Progress`.
        total: the number of items, if known (for the progress fraction).

    A read error, or an article the pipeline or the store's validation
    rejects, becomes one line of ``IngestReport.errors``; the batch goes on.
    An error of the store itself (disk full, database locked beyond its
    timeout) propagates: every later article would fail the same way.

    An article read from a file (:attr:`Article.origin`) replaces the one the same
    file, or the same row of it, gave before: an edited file is not stored twice.
    The older version is removed when the batch ends, if the batch read its file
    whole (no error named the file) and no file still gives it: rows that moved in
    a CSV keep their articles. An interrupted batch removes nothing; the next batch
    that reads the file whole does.
    """
    started = time.perf_counter()
    added = skipped = n_places = n_actors = done = 0
    errors: list[str] = []
    files: dict[str, str] = {}  # file (absolute) -> its label in errors, for the files articles came from
    failed: set[str] = set()  # the labels errors named

    def fail(where: str, line: str) -> None:
        errors.append(line)
        failed.add(_file_label(where))

    for item in items:
        done += 1
        if isinstance(item, ArticleError):
            where = item.where
            fail(where, str(item))
        else:
            where = _where(item)
            if item.origin:
                files.setdefault(origin_file(item.origin), _file_label(item.path or ""))
            if store.has_article(item.id):
                skipped += 1
                _note_origin(store, item)
            elif pipeline is None:
                fail(where, f"{where}: no pipeline to parse it")
            else:
                parsed, error = _parse(pipeline, item, where)
                if parsed is None:
                    fail(where, error)
                else:
                    try:
                        saved = store.save_article(parsed)
                    except GeoError as exc:
                        if not _is_rejection(exc):
                            raise
                        fail(where, f"{where}: not saved ({exc})")
                    else:
                        if saved:
                            added += 1
                            n_places += len(parsed.places)
                            n_actors += len(parsed.actors)
                        else:
                            skipped += 1
                            _note_origin(store, item)  # (saved: its origin went in with it)
        if progress is not None:
            progress(Progress(done, total, added, skipped, len(errors), where))
    whole = [file for file, label in files.items() if label not in failed]
    replaced = 0
    if whole:
        try:
            replaced = store.remove_superseded(whole)
        except GeoError as exc:  # (the batch is stored: say so, and leave them to the next one)
            logger.exception("removing older versions failed")
            errors.append(f"older versions of edited files kept ({exc})")
    return IngestReport(added, skipped, tuple(errors), n_places, n_actors, time.perf_counter() - started,
                        replaced)


def older_versions(n: int) -> str:
    """ "1 older version of an edited file", "3 older versions of edited files"."""
    return f"{n:,} older version of an edited file" if n == 1 else f"{n:,} older versions of edited files"


def _note_origin(store: Store, article: Article) -> None:
    """Record the file (row) a stored article came from (the one it gave before is superseded)."""
    if article.origin:
        store.note_origin(article.id, article.origin)


#: What parsing one odd article may raise (a parser bug): reported, and the batch goes on.
_PARSE_ERRORS = (GeoError, ValueError, IndexError, KeyError, TypeError, RecursionError)


def _parse(pipeline: Parser, article: Article, where: str) -> tuple[ParsedArticle, None] | tuple[None, str]:
    """``article`` parsed, or None and the error line naming ``where``."""
    try:
        return pipeline.parse(article), None
    except _PARSE_ERRORS as exc:  # a parser bug on one odd article must not lose the rest of the batch
        logger.exception("%s: parse failed", where)
        return None, f"{where}: could not be parsed ({type(exc).__name__}: {exc})"


_ERROR_ROW = re.compile(r":(?:row|line) \d+\Z")


def _file_label(where: str) -> str:
    """The file an article's path or an error's place names: ``corpus.csv#row=3`` and
    ``corpus.csv:row 3`` are ``corpus.csv``."""
    return origin_file(_ERROR_ROW.sub("", where))


@dataclass(frozen=True)
class ReparseReport:
    """What :func:`reparse_store` did: articles re-read and changed or unchanged, articles
    this engine had read already (skipped), and one line per failure."""

    changed: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: tuple[str, ...] = ()
    seconds: float = 0.0

    def summary(self) -> str:
        """One line: "120 articles read again: 30 changed, 90 unchanged, 0 failed; 5 already read by this engine"."""
        n = self.changed + self.unchanged + len(self.errors)
        return (f"{n:,} article{'s' if n != 1 else ''} read again: {self.changed:,} changed, "
                f"{self.unchanged:,} unchanged, {len(self.errors):,} failed; "
                f"{self.skipped:,} already read by this engine")


def reparse_store(store: Store, pipeline: Parser, progress: Callable[[Progress], None] | None = None, *,
                  engine: str | None = None, every: bool = False) -> ReparseReport:
    """Read the stored articles again with ``pipeline`` and replace the readings that changed
    (:meth:`Store.replace_article`, one transaction per article: stopped midway, each
    article is as it was or re-read, and a second run goes on where it stopped).

    Only the articles another engine than ``engine`` read, unless ``every`` (or no
    ``engine``). An article that cannot be parsed or saved stays as it was and gets one
    line in the report; an error of the store itself propagates. ``progress`` gets a
    :class:`Progress` after each article (``added``: changed, ``skipped``: unchanged).
    """
    started = time.perf_counter()
    ids = store.article_ids(None if every or engine is None else engine)
    skipped = store.stats()["articles"] - len(ids)
    changed = unchanged = 0
    errors: list[str] = []
    for done, article_id in enumerate(ids, 1):
        stored = store.article(article_id)
        where = f"article {article_id}"
        if stored is not None:  # (None: deleted meanwhile by another process)
            where = _where(stored.article)
            parsed, error = _parse(pipeline, stored.article, where)
            if parsed is None:
                errors.append(error)
            else:
                try:
                    if store.replace_article(parsed):
                        changed += 1
                    else:
                        unchanged += 1
                except GeoError as exc:
                    if not _is_rejection(exc):
                        raise
                    errors.append(f"{where}: not saved ({exc})")
        if progress is not None:
            progress(Progress(done, len(ids), changed, unchanged, len(errors), where))
    return ReparseReport(changed, unchanged, skipped, tuple(errors), time.perf_counter() - started)


def _is_rejection(exc: GeoError) -> bool:
    """Whether the store refused this article's content (vs. failing itself).

    The store raises :class:`~geo.errors.StoreError` naming the article for
    content that does not validate ("article <id>: ...") and wraps SQLite's
    constraint errors (a CHECK on bad data); anything else (locked, disk
    full, read-only) is a failure of the store.
    """
    return str(exc).startswith("article ") or isinstance(exc.__cause__, sqlite3.IntegrityError)


def bundled_paths(data_dir: Path | None = None) -> list[Path]:
    """The articles shipped with the product: the seed articles and the dev corpus."""
    data = Path(data_dir) if data_dir else config.data_dir()
    seeds = sorted((data / "seeds").glob("*.txt"))
    corpus = data / "corpus" / "fakes_dev.csv"
    return [*seeds, *([corpus] if corpus.exists() else [])]


def upload_name(name: str) -> str:
    r"""What to call an uploaded file in messages: its base name, printable, at most 200 characters.

    The name comes from the browser: ``../../etc/passwd`` is shown (and
    stored in ``Article.path``) as ``passwd``; uploads are never written
    to disk under it.

    >>> upload_name("../../etc/passwd.txt"), upload_name("C:\\Users\\x\\a.csv"), upload_name("\x1b[31m.txt")
    ('passwd.txt', 'a.csv', '?[31m.txt')
    """
    base = PurePosixPath(str(name).replace("\\", "/")).name
    base = "".join("?" if (ord(c) < 32 or 127 <= ord(c) < 160 or 0xD800 <= ord(c) < 0xE000) else c for c in base)
    return base[:200] or "upload"


def count_items(items: Sequence[Article | ArticleError]) -> tuple[int, int]:
    """(articles, errors) in a materialised batch."""
    n_errors = sum(1 for i in items if isinstance(i, ArticleError))
    return len(items) - n_errors, n_errors
