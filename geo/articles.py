"""Read articles from text, HTML, CSV and JSONL files, folders and uploads.

Every reader is a generator of :class:`~geo.model.Article` and
:class:`~geo.errors.ArticleError` items: a problem with one file, row or line
is *yielded* as an error naming it (``corpus.csv:row 12: no text``) and the
rest of the batch goes on. Nothing here raises on bad input except
:func:`decode_bytes`, whose callers turn its error into an item.

Formats, chosen by the file name's extension (case-insensitive):

- ``.txt``, ``.md``: one article whose text is the whole decoded file, byte
  for byte (line endings and surrounding whitespace kept; only a BOM is
  dropped), so offsets into ``Article.text`` are offsets into the file.
  Title None.
- ``.html``, ``.htm``: the main text extracted by trafilatura (offline);
  title, date, site name and canonical URL from the page's metadata, the
  title falling back to ``<title>``.
- ``.csv``: a header row, then one article per row; columns are matched by
  name, case-insensitively (see :class:`ReadOptions`). ``Article.path`` is
  ``file.csv#row=N`` with N the 1-based data row.
- ``.jsonl``, ``.ndjson``: one JSON object per line, keys matched like CSV
  columns; ``Article.path`` is ``file.jsonl#line=N``.

Folders are read recursively in sorted path order, skipping hidden files and
folders (names starting with ``.``) and not following symlinked folders. A
file of an unsupported type is skipped silently (logged at debug level) when
found in a folder, and reported as ``unsupported file type`` when named
explicitly; a folder with no file to read is reported too.

>>> from geo.model import Article
>>> [a.text for a in read_bytes("note.txt", b"Clashes in Idlib.\\r\\n") if isinstance(a, Article)]
['Clashes in Idlib.\\r\\n']
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import functools
import hashlib
import html
import json
import logging
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from geo.config import Limits
from geo.errors import ArticleError, InputTooLarge
from geo.model import Article

log = logging.getLogger(__name__)

#: What the readers yield.
ReadItem = Article | ArticleError

TEXT_EXTENSIONS = frozenset({".txt", ".md"})
HTML_EXTENSIONS = frozenset({".html", ".htm"})
CSV_EXTENSIONS = frozenset({".csv"})
JSONL_EXTENSIONS = frozenset({".jsonl", ".ndjson"})
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS | HTML_EXTENSIONS | CSV_EXTENSIONS | JSONL_EXTENSIONS

#: Column (or JSON key) names tried in order when ReadOptions names none.
AUTO_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("article_content", "article_text", "content", "text", "body", "full_text"),
    "title": ("article_title", "title", "headline"),
    "source": ("source", "publisher", "outlet", "site_name"),
    "date": ("date", "published", "publish_date", "published_at", "pubdate", "date_published"),
    "url": ("url", "link", "article_url"),
}


@dataclass(frozen=True)
class ReadOptions:
    """How to read corpora, and the limits to enforce.

    Column names are matched case-insensitively against CSV headers and JSON
    keys; ``None`` means try the names in :data:`AUTO_COLUMNS` (which cover
    FA-KES: ``article_title``, ``article_content``, ``source``, ``date``).
    ``date_format`` is a ``strptime`` format; when given, only it is tried.
    ``limits`` defaults to :meth:`Limits.from_env` at construction time.
    """

    text_column: str | None = None
    title_column: str | None = None
    source_column: str | None = None
    date_column: str | None = None
    url_column: str | None = None
    date_format: str | None = None
    limits: Limits = field(default_factory=Limits.from_env)

    def __post_init__(self) -> None:
        for name in ("text_column", "title_column", "source_column", "date_column", "url_column"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise ValueError(f"ReadOptions.{name} must be a non-empty string or None, got {value!r}")
        if self.date_format is not None and "%" not in str(self.date_format):
            raise ValueError(f"ReadOptions.date_format must be a strptime format, got {self.date_format!r}")
        if not isinstance(self.limits, Limits):
            raise ValueError(f"ReadOptions.limits must be a Limits, got {self.limits!r}")

    def column(self, role: str) -> str | None:
        """The column named for ``role`` (text, title, source, date, url), if any."""
        return getattr(self, f"{role}_column")


# --------------------------------------------------------------------------
# ids and dates


def article_id(text: str) -> str:
    """The stable id of an article: 16 hex digits of the SHA-256 of its text.

    Whitespace is normalised first (runs collapsed to one space, ends
    stripped), so the same article read from a ``.txt`` file or a CSV row,
    with CRLF or LF line endings, gets the same id.

    >>> article_id("Clashes in  Idlib.\\r\\n") == article_id("Clashes in Idlib.")
    True
    >>> len(article_id("x"))
    16
    """
    normalised = " ".join(text.split())
    # surrogatepass: a lone surrogate (from a JSON escape) must not make hashing fail
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()[:16]


_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_WEEKDAY_PREFIX = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?!\d)")
_YMD_SLASH = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_DMY_DOTS = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})\b", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.IGNORECASE)
_MIN_YEAR, _MAX_YEAR = 1900, 2100


def parse_date(value: str, date_format: str | None = None) -> dt.date | None:
    """Parse a publication date; None if it cannot be read.

    With ``date_format`` only that ``strptime`` format is tried. Otherwise, in
    order: ``M/D/YY`` or ``M/D/YYYY`` (FA-KES, US order; read as ``D/M/Y`` when only
    that fits, as in ``31/12/2017``), ISO ``YYYY-MM-DD``
    (any time part ignored), ``YYYY/MM/DD``, ``DD.MM.YYYY``, ``5 April 2017``
    and ``April 5, 2017`` (English month names or abbreviations, an optional
    leading weekday, trailing time ignored). Two-digit years follow
    ``strptime``: 69-99 are 1900s, 00-68 2000s. Years outside 1900-2100 give
    None.

    >>> parse_date("4/5/17")
    datetime.date(2017, 4, 5)
    >>> parse_date("31/12/2017"), parse_date("12/31/2017"), parse_date("13/13/2017")
    (datetime.date(2017, 12, 31), datetime.date(2017, 12, 31), None)
    >>> parse_date("Wed, 05 Apr 2017 10:00:00 GMT")
    datetime.date(2017, 4, 5)
    >>> parse_date("last Tuesday") is None
    True
    """
    text = " ".join(str(value).split())
    if not text:
        return None
    if date_format is not None:
        try:
            return _plausible(dt.datetime.strptime(text, date_format).date())
        except ValueError:
            return None
    text = _WEEKDAY_PREFIX.sub("", text)
    for pattern, order in (
        (_US_DATE, "mdy"),
        (_ISO_DATE, "ymd"),
        (_YMD_SLASH, "ymd"),
        (_DMY_DOTS, "dmy"),
        (_DAY_MONTH_YEAR, "dmy"),
        (_MONTH_DAY_YEAR, "mdy"),
    ):
        match = pattern.match(text)
        if match:
            parts = dict(zip(order, match.groups(), strict=True))
            if pattern is _US_DATE and int(parts["m"]) > 12 >= int(parts["d"]):
                parts["m"], parts["d"] = parts["d"], parts["m"]  # 31/12/2017: only day/month fits
            return _date_from_parts(parts)
    return None


def _date_from_parts(parts: dict[str, str]) -> dt.date | None:
    """Build a date from day/month/year strings (month may be a name)."""
    month = _month_number(parts["m"])
    year = int(parts["y"])
    if len(parts["y"]) == 2:
        year += 2000 if year < 69 else 1900
    if month is None:
        return None
    try:
        return _plausible(dt.date(year, month, int(parts["d"])))
    except ValueError:
        return None


def _month_number(word: str) -> int | None:
    """1-12 for a month number or an English month name/abbreviation ("Apr", "Sept")."""
    if word.isdigit():
        return int(word)
    word = word.lower().rstrip(".")
    if len(word) < 3:
        return None
    for number, name in enumerate(_MONTHS, start=1):
        if name.startswith(word):
            return number
    return None


def _plausible(date: dt.date) -> dt.date | None:
    return date if _MIN_YEAR <= date.year <= _MAX_YEAR else None


# --------------------------------------------------------------------------
# decoding

# Signatures of binary formats people upload by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "zip archive (or .docx/.xlsx)"),
    (b"PK\x05\x06", "zip archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7-zip archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
)
# UTF-32 first: its little-endian BOM starts with UTF-16's.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_ASCII_TO_SPACE = bytes.maketrans(bytes(range(128)), b" " * 128)
_MAX_CONTROL_RATIO = 0.05  # more C0 control characters than this: not text
_MAX_NUL_RATIO = 0.01  # more NUL bytes than this: UTF-16 or binary
_MIN_LONG_RUN_BYTES = 16  # less is too little for charset-normalizer to guess from
_BAD_BYTES_HANDLER = "geo.articles.cp1252-for-bad-bytes"


def decode_bytes(data: bytes, where: str) -> str:
    """Decode the bytes of a text file, trying hard not to lose anything.

    In order: a BOM (UTF-8, UTF-16, UTF-32; the BOM is dropped); UTF-16
    without a BOM when NUL bytes fall on alternate positions; UTF-8. Bytes
    that are not UTF-8 are then judged by their runs: when most runs of
    undecodable bytes are one or two bytes long (stray bytes, accented Latin
    letters, curly quotes: cp1252 text or mostly-UTF-8 text with a few bad
    bytes), the valid UTF-8 is kept and only the bad bytes are read as cp1252
    (``0x95`` becomes "•"; bytes cp1252 leaves undefined become U+FFFD).
    Longer runs (Arabic, Cyrillic, ... in a legacy code page) are decoded
    with charset-normalizer's guess, falling back to the same cp1252 repair.
    A multi-byte character cut off at the end (a truncated file) becomes
    U+FFFD, unless the bytes before it are not UTF-8 either (then it is a
    cp1252 letter, as in "café"). A few NUL bytes not laid out as UTF-16 stay
    in the text (the reader then refuses only the article holding them).
    Line endings and whitespace are kept as they are.

    Raises:
        ArticleError: ``where`` names the input; the data is binary (a known
            file signature, more than a few NUL bytes not laid out as UTF-16,
            or mostly control characters).

    >>> decode_bytes(b"\\xef\\xbb\\xbfcaf\\xc3\\xa9 \\x95 menu", "x.txt")
    'café • menu'
    """
    return _decode(data, where)


def _decode(data: bytes, where: str, declared: str | None = None) -> str:
    """:func:`decode_bytes`, trying ``declared`` (an HTML meta charset) before guessing."""
    if not data:
        return ""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise ArticleError(where, f"binary data ({kind}), not text")
    text = _decode_with_bom(data, where)
    if text is None:
        text = _decode_without_bom(data, where, declared)
    if _is_mostly_control(text):
        raise ArticleError(where, "binary data (control characters), not text")
    return text


def _decode_with_bom(data: bytes, where: str) -> str | None:
    """The text after a BOM, or None if there is no BOM."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            if encoding == "utf-8":
                return _decode_mostly_utf8(body, where)
            text = body.decode(encoding, errors="replace")
            if "\ufffd" in text:
                log.warning("%s: invalid or truncated %s; bad bytes replaced by U+FFFD", where, encoding)
            return text
    return None


def _decode_without_bom(data: bytes, where: str, declared: str | None) -> str:
    nuls = data.count(0)
    if nuls > len(data) * _MAX_NUL_RATIO:
        encoding = _sniff_utf16(data)
        if encoding is not None:
            return data.decode(encoding, errors="replace")
        # A few stray NULs in a small text (a corrupt CSV row) are not binary:
        # the text is decoded and the article holding a NUL is refused alone.
        if nuls > len(data) * _MAX_CONTROL_RATIO:
            raise ArticleError(where, "binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        text = _decode_declared(data, declared)
        if text is not None:
            return text
    if _has_long_bad_runs(data):
        guessed = _guess_encoding(data)
        if guessed is not None:
            log.info("%s: not UTF-8; decoded as %s (charset-normalizer)", where, guessed[0])
            return guessed[1]
    return _decode_mostly_utf8(data, where)


def _sniff_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` if NULs sit on one parity only (ASCII-range UTF-16), else None."""
    sample = data[: 1 << 16]
    sample = sample[: len(sample) // 2 * 2]
    if not sample:
        return None
    half = len(sample) // 2
    nul_even = sample[0::2].count(0) / half
    nul_odd = sample[1::2].count(0) / half
    if nul_odd >= 0.1 and nul_even <= 0.01:
        encoding = "utf-16-le"
    elif nul_even >= 0.1 and nul_odd <= 0.01:
        encoding = "utf-16-be"
    else:
        return None
    text = data.decode(encoding, errors="replace")
    # Lone surrogates mean the NUL pattern was a coincidence, not UTF-16.
    return encoding if text.count("\ufffd") <= max(1, len(text) // 100) else None


def _decode_declared(data: bytes, declared: str) -> str | None:
    """``data`` in the declared encoding if Python knows it and it fits, else None."""
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        return None
    if name in ("latin-1", "iso8859-1", "ascii"):
        name = "cp1252"  # as browsers do (WHATWG): "iso-8859-1" pages are cp1252
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        return None


def _has_long_bad_runs(data: bytes) -> bool:
    """True if most non-UTF-8 bytes come in runs of 3 or more (a non-Latin code page).

    A few such bytes (a corrupt or cut-off character) are not enough.
    """
    short = long = 0
    # ASCII bytes become spaces, so split() gives the runs of non-ASCII bytes (fast, in C)
    for run in data.translate(_ASCII_TO_SPACE).split():
        try:
            run.decode("utf-8")
            continue
        except UnicodeDecodeError:
            pass
        if len(run) >= 3:
            long += len(run)
        else:
            short += len(run)
    return long >= _MIN_LONG_RUN_BYTES and long > short


def _guess_encoding(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's best (encoding, text), or None."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    return best.encoding, str(best)


def _decode_mostly_utf8(data: bytes, where: str) -> str:
    """UTF-8, reading each undecodable byte sequence as cp1252 instead."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors=_bad_bytes_handler())
    log.info("%s: not valid UTF-8; undecodable bytes read as cp1252", where)
    return text


@functools.cache
def _bad_bytes_handler() -> str:
    """Register (once, on first use) the codec error handler; return its name."""
    codecs.register_error(_BAD_BYTES_HANDLER, _cp1252_for_bad_bytes)
    return _BAD_BYTES_HANDLER


def _cp1252_for_bad_bytes(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bad UTF-8 bytes as cp1252; a cut-off last character as U+FFFD."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    if err.end == len(err.object) and err.reason == "unexpected end of data":
        try:
            bytes(err.object[: err.start]).decode("utf-8")
        except UnicodeDecodeError:
            pass  # not UTF-8 before the end either: a cp1252 text ending in "é", not a cut character
        else:
            return "\ufffd", err.end
    return bytes(err.object[err.start : err.end]).decode("cp1252", errors="replace"), err.end


def _is_mostly_control(text: str) -> bool:
    sample = text[: 1 << 20]
    return len(_CONTROL_CHARS.findall(sample)) > len(sample) * _MAX_CONTROL_RATIO


# --------------------------------------------------------------------------
# building articles


@dataclass(frozen=True)
class _Fields:
    """The optional fields of an article, as read (not yet cleaned)."""

    title: Any = None
    source: Any = None
    date: Any = None
    url: Any = None


def _make_article(text: str, where: str, path: str, fields: _Fields, options: ReadOptions) -> Article:
    """An Article from raw fields; raises ArticleError if the text is unusable."""
    if not text.strip():
        raise ArticleError(where, "no text" if text == "" else "no text (only whitespace)")
    limit = options.limits.max_text_chars
    if len(text) > limit:
        raise InputTooLarge(where, f"text has {len(text):,} characters, over the limit of {limit:,}")
    if "\x00" in text:
        raise ArticleError(where, "NUL byte in text")
    return Article(
        id=article_id(text),
        text=text,
        title=_clean_label(fields.title, where, "title"),
        source=_clean_label(fields.source, where, "source"),
        date=_read_date(fields.date, where, options.date_format),
        path=path,
        url=_clean_label(fields.url, where, "url"),
    )


def _clean_label(value: Any, where: str = "", field: str = "") -> str | None:
    """A one-line display string (title, source, url) or None if empty; a JSON object, list or
    true/false there is left out with a warning naming ``where`` and the field."""
    if value is None:
        return None
    if isinstance(value, (dict, list, bool)):
        log.warning("%s: %s is not text (a JSON %s); left empty", where, field, _json_kind(value))
        return None
    label = " ".join(_replace_surrogates(str(value)).split())
    return label or None


def _read_date(value: Any, where: str, date_format: str | None) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, (dict, list, bool)):
        log.warning("%s: date is not text (a JSON %s); date left empty", where, _json_kind(value))
        return None
    if not str(value).strip():
        return None
    date = parse_date(str(value), date_format)
    if date is None:
        year = _YEAR.search(str(value))
        if year and not _MIN_YEAR <= int(year.group()) <= _MAX_YEAR:
            log.warning("%s: date %r is outside %d-%d; date left empty", where, str(value)[:80], _MIN_YEAR, _MAX_YEAR)
        else:
            log.warning("%s: unparseable date %r; date left empty", where, str(value)[:80])
    return date


_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


def _json_kind(value: Any) -> str:
    return "object" if isinstance(value, dict) else "list" if isinstance(value, list) else "true/false"


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _replace_surrogates(text: str) -> str:
    """Lone surrogates (JSON ``"\\ud800"``) cannot be stored as UTF-8: U+FFFD instead."""
    return _SURROGATE.sub("\ufffd", text)


# --------------------------------------------------------------------------
# readers by format: (where, path label, data, options) -> items; a whole-file
# problem is raised as ArticleError and turned into an item by _read_data.

Reader = Callable[[str, str, bytes, ReadOptions], Iterator[ReadItem]]


def _read_text(where: str, path: str, data: bytes, options: ReadOptions) -> Iterator[ReadItem]:
    """One article: the whole decoded file."""
    if not data:
        raise ArticleError(where, "empty file")
    yield _make_article(decode_bytes(data, where), where, path, _Fields(), options)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_TAG = re.compile(r"<html[\s>]", re.IGNORECASE)
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)


def _read_html(where: str, path: str, data: bytes, options: ReadOptions) -> Iterator[ReadItem]:
    """One article: the page's main text (trafilatura), title, date, site, URL."""
    if not data:
        raise ArticleError(where, "empty file")
    declared = _META_CHARSET.search(data[:4096])
    page = _decode(data, where, declared.group(1).decode("ascii") if declared else None)
    doc = _extract_html(page, where)
    if (doc is None or not (doc.text or "").strip()) and not _HTML_TAG.search(page[:4096]):
        # trafilatura finds no tree in a bare fragment ("<p>...</p>", a saved article body)
        doc = _extract_html(f"<html><body>{page}</body></html>", where)
    if doc is None or not (doc.text or "").strip():
        raise ArticleError(where, "no article text found")
    title = doc.title or _html_title(page)
    fields = _Fields(title=title, source=doc.sitename or doc.hostname, date=doc.date, url=doc.url)
    yield _make_article(doc.text, where, path, fields, options)


def _extract_html(page: str, where: str) -> Any:
    """trafilatura's document for ``page`` (text and metadata), or None."""
    try:
        import trafilatura
    except ImportError as exc:
        raise ArticleError(where, f"cannot read HTML: trafilatura unavailable ({exc})") from exc
    try:
        return trafilatura.bare_extraction(
            page,
            with_metadata=True,
            include_comments=False,
            # only dates the page states; extensive search guesses from "Copyright 2016"
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, LookupError, RecursionError) as exc:
        # trafilatura/lxml on hostile markup; the page is reported, not fatal
        log.warning("%s: HTML extraction failed: %r", where, exc)
        raise ArticleError(where, f"cannot parse HTML ({type(exc).__name__})") from exc


def _html_title(page: str) -> str | None:
    match = _TITLE_TAG.search(page[: 1 << 16])
    return html.unescape(match.group(1)) if match else None


def _read_csv(where: str, path: str, data: bytes, options: ReadOptions) -> Iterator[ReadItem]:
    """One article per data row; errors name the 1-based data row."""
    text = decode_bytes(data, where)
    if not text.strip():
        raise ArticleError(where, "empty file")
    header_line, body_at, body_line = _csv_header_line(text)
    header = _csv_header(header_line, where)
    columns = _csv_columns(header, where, options)
    yield from columns.problems
    _raise_field_size_limit(len(text))
    rows = 0
    for row_number, row in _csv_rows(text, body_at, body_line, where, _delimiter(header_line)):
        rows += 1
        if isinstance(row, ArticleError):
            yield row
            continue
        row_where = f"{where}:row {row_number}"
        try:
            yield _csv_article(row, len(header), columns, row_where, f"{path}#row={row_number}", options)
        except ArticleError as err:
            yield err
    if rows == 0:
        yield ArticleError(where, "no data rows after the header")


_END_OF_LINE = re.compile(r"\r\n?|\n")
_MAX_CSV_RESTARTS = 20  # malformed records after which a CSV file is given up


class _Lines:
    """The lines of ``text`` from offset ``pos`` on, ends kept (as ``open(newline="")`` gives).

    Only ``\\r\\n``, ``\\r`` and ``\\n`` end a line (``str.splitlines`` also
    splits on characters that may sit inside a CSV field). ``pos`` is where
    the next line starts, so a reader can be restarted after a bad record
    without holding a list of every line.
    """

    def __init__(self, text: str, pos: int) -> None:
        self.text = text
        self.pos = pos

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.pos >= len(self.text):
            raise StopIteration
        match = _END_OF_LINE.search(self.text, self.pos)
        end = match.end() if match else len(self.text)
        line, self.pos = self.text[self.pos : end], end
        return line


def _csv_header_line(text: str) -> tuple[str, int, int]:
    """(first non-blank line, offset after it, its 1-based line number + 1)."""
    lines = _Lines(text, 0)
    for number, line in enumerate(lines, start=1):
        if line.strip():
            return line, lines.pos, number + 1
    raise AssertionError("text has a non-blank line")  # checked by the caller


def _csv_header(line: str, where: str) -> list[str]:
    """The column names in the header line."""
    try:
        header = next(csv.reader([line], delimiter=_delimiter(line), strict=True))
    except csv.Error as exc:
        raise ArticleError(where, f"unreadable CSV header ({exc})") from exc
    return [name.strip() for name in header]


def _delimiter(header_line: str) -> str:
    """Comma, unless the header has none and uses tabs or semicolons."""
    for candidate in (",", "\t", ";"):
        if candidate in header_line:
            return candidate
    return ","


@dataclass(frozen=True)
class _Columns:
    """Column indexes for each role, and problems found with the header."""

    index: dict[str, int]
    problems: tuple[ArticleError, ...] = ()


def _csv_columns(header: list[str], where: str, options: ReadOptions) -> _Columns:
    """Map roles to column indexes; raises ArticleError if there is no text column."""
    positions: dict[str, int] = {}
    for i, name in enumerate(header):
        positions.setdefault(name.lower(), i)
    found = _match_keys(positions, options)
    if "text" not in found:
        named = options.text_column
        wanted = f"no column {named!r}" if named else "no text column"
        listing = ", ".join(repr(name) for name in header[:40])
        # Said in words a user of the CLI or of an upload can act on (not "ReadOptions").
        hint = "" if named else "; the text column must be named " + ", ".join(AUTO_COLUMNS["text"])
        raise ArticleError(where, f"{wanted} (columns: {listing}){hint}")
    problems = tuple(
        ArticleError(where, f"no column {options.column(role)!r} for the {role}; left empty")
        for role in AUTO_COLUMNS
        if options.column(role) and role not in found
    )
    return _Columns(index={role: positions[key] for role, key in found.items()}, problems=problems)


def _match_keys(keys: Iterable[str], options: ReadOptions) -> dict[str, str]:
    """Role -> matching lower-case key, for the roles that have one."""
    available = set(keys)
    found: dict[str, str] = {}
    for role, defaults in AUTO_COLUMNS.items():
        named = options.column(role)
        candidates = (named.strip().lower(),) if named else defaults
        match = next((c for c in candidates if c in available), None)
        if match is not None:
            found[role] = match
    return found


def _raise_field_size_limit(size: int) -> None:
    """Let a field be as long as the whole file (csv's default is 128 KiB).

    ``csv.field_size_limit`` is process-wide; it is only ever raised here.
    """
    wanted = min(size + 1, 2**31 - 1)
    if csv.field_size_limit() < wanted:
        csv.field_size_limit(wanted)


def _csv_rows(
    text: str, pos: int, line_number: int, where: str, delimiter: str
) -> Iterator[tuple[int, list[str] | ArticleError]]:
    """(data row number, fields or error) for the records from offset ``pos``.

    ``line_number`` is the 1-based number of the line at ``pos``, for
    messages. Blank lines are skipped. A malformed record (an unterminated
    quote, which would swallow the rest of the file, or a stray quote) is
    reported and reading resumes on the line after the one it started on;
    after ``_MAX_CSV_RESTARTS`` of those the rest of the file is given up
    (each restart may re-read the whole remainder).
    """
    number = restarts = 0
    while pos < len(text):
        lines = _Lines(text, pos)
        reader = csv.reader(lines, delimiter=delimiter, strict=True)
        record_pos, record_line = pos, line_number
        try:
            for row in reader:
                record_pos, record_line = lines.pos, line_number + reader.line_num
                if row and not (len(row) == 1 and not row[0].strip()):
                    number += 1
                    yield number, row
            return
        except csv.Error as exc:
            # the bad record's first line, past blank lines the reader consumed with it
            skipped = _Lines(text, record_pos)
            for line in skipped:
                if line.strip():
                    break
                record_line += 1
            number += 1
            restarts += 1
            reason = f"malformed CSV ({exc}) in the record starting on line {record_line}"
            if restarts > _MAX_CSV_RESTARTS:
                reason += "; too many malformed records, the rest of the file is not read"
                yield number, ArticleError(f"{where}:row {number}", reason)
                return
            yield number, ArticleError(f"{where}:row {number}", f"{reason}; reading resumes on the next line")
            pos, line_number = skipped.pos, record_line + 1


def _csv_article(
    row: list[str], width: int, columns: _Columns, where: str, path: str, options: ReadOptions
) -> Article:
    """The article in one CSV row; raises ArticleError for a bad row."""
    if len(row) != width:
        raise ArticleError(where, f"{len(row)} fields, but the header has {width}")
    text = row[columns.index["text"]]
    fields = _Fields(**{role: row[i] for role, i in columns.index.items() if role != "text"})
    return _make_article(text, where, path, fields, options)


def _read_jsonl(where: str, path: str, data: bytes, options: ReadOptions) -> Iterator[ReadItem]:
    """One article per JSON object line; errors name the 1-based line."""
    text = decode_bytes(data, where)
    if not text.strip():
        raise ArticleError(where, "empty file")
    # split on \n only: JSON strings may hold U+2028 and friends, which splitlines() splits on
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            try:
                yield _jsonl_article(line, f"{where}:line {number}", f"{path}#line={number}", options)
            except ArticleError as err:
                yield err


def _jsonl_article(line: str, where: str, path: str, options: ReadOptions) -> Article:
    """The article in one JSONL line; raises ArticleError for a bad line."""
    try:
        record = json.loads(line)
    except RecursionError as exc:
        raise ArticleError(where, "invalid JSON (nested too deeply)") from exc
    except ValueError as exc:  # JSONDecodeError, and int strings over the digit limit
        raise ArticleError(where, f"invalid JSON ({exc})") from exc
    if not isinstance(record, dict):
        raise ArticleError(where, f"not a JSON object (a {type(record).__name__})")
    keys: dict[str, str] = {}
    for key in record:
        keys.setdefault(key.strip().lower(), key)
    found = _match_keys(keys, options)
    if "text" not in found:
        listing = ", ".join(repr(k) for k in list(record)[:40])
        raise ArticleError(where, f"no text field (keys: {listing})")
    text = record[keys[found["text"]]]
    if not isinstance(text, str):
        raise ArticleError(where, f"text field is not a string (a {type(text).__name__})")
    fields = _Fields(**{role: record[keys[key]] for role, key in found.items() if role != "text"})
    return _make_article(_replace_surrogates(text), where, path, fields, options)


_READERS: dict[str, Reader] = {
    **{ext: _read_text for ext in TEXT_EXTENSIONS},
    **{ext: _read_html for ext in HTML_EXTENSIONS},
    **{ext: _read_csv for ext in CSV_EXTENSIONS},
    **{ext: _read_jsonl for ext in JSONL_EXTENSIONS},
}


def _read_data(where: str, path: str, suffix: str, data: bytes, options: ReadOptions) -> Iterator[ReadItem]:
    """Dispatch on ``suffix``; a whole-file error becomes the last item."""
    reader = _READERS.get(suffix.lower())
    if reader is None:
        yield ArticleError(where, _unsupported(suffix))
        return
    try:
        yield from reader(where, path, data, options)
    except ArticleError as err:
        yield err


def _unsupported(suffix: str) -> str:
    kinds = ", ".join(sorted(SUPPORTED_EXTENSIONS))
    return f"unsupported file type {suffix or '(no extension)'!r} (supported: {kinds})"


# --------------------------------------------------------------------------
# public entry points


def read_paths(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    options: ReadOptions | None = None,
) -> Iterator[ReadItem]:
    """Read files and folders (recursively), yielding articles and errors.

    ``paths`` is one path or several. Folders are read in sorted path order,
    skipping hidden entries, symlinked folders and (silently) unsupported file
    types; a file named explicitly with an unsupported type, a missing path
    (``no such file``), an unreadable file, and a file over
    ``limits.max_file_bytes`` (refused from its size, before reading) are
    yielded as errors. ``Article.path`` is the path as given, joined with the
    folder's relative path for files found in folders.
    """
    options = options or ReadOptions()
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _read_folder(path, options)
        else:
            yield from _read_file(path, options, explicit=True)


def read_bytes(name: str, data: bytes, options: ReadOptions | None = None) -> Iterator[ReadItem]:
    """Read an upload: ``data`` in the format given by ``name``'s extension.

    ``name`` is untrusted: only its base name is used, to pick the reader and
    to label the articles (``Article.path``) and errors; it is never opened.
    Uploads over ``limits.max_upload_bytes`` are refused whole; articles
    beyond ``limits.max_upload_articles`` are dropped and reported by one
    error at the end saying how many.
    """
    options = options or ReadOptions()
    label = _upload_label(name)
    limits = options.limits
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if len(data) > limits.max_upload_bytes:
        yield InputTooLarge(
            label, f"upload is {len(data):,} bytes, over the limit of {limits.max_upload_bytes:,}"
        )
        return
    items = _read_data(label, label, PurePosixPath(label).suffix, data, options)
    yield from _cap_articles(items, limits.max_upload_articles, label)


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _upload_label(name: str) -> str:
    """The base name of an untrusted upload name, printable and bounded."""
    base = PurePosixPath(str(name).replace("\\", "/")).name
    base = _UNPRINTABLE.sub("?", _replace_surrogates(base))[:200]
    return base or "upload"


def _cap_articles(items: Iterable[ReadItem], cap: int, where: str) -> Iterator[ReadItem]:
    """Pass at most ``cap`` articles (and every error); report how many were dropped."""
    kept = skipped = 0
    for item in items:
        if isinstance(item, Article):
            if kept >= cap:
                skipped += 1
                continue
            kept += 1
        yield item
    if skipped:
        yield InputTooLarge(where, f"more than {cap:,} articles; {skipped:,} skipped")


def _read_folder(root: Path, options: ReadOptions) -> Iterator[ReadItem]:
    """Every supported, non-hidden file under ``root``, in sorted path order."""
    problems: list[OSError] = []
    found: list[Path] = []
    for folder, dirs, files in os.walk(root, onerror=problems.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(folder, f) for f in files if not f.startswith("."))
    for err in problems:
        yield ArticleError(str(err.filename or root), f"cannot read folder ({err.strerror or err})")
    readable = 0
    for path in sorted(found, key=lambda p: p.relative_to(root).parts):
        if path.suffix.lower() in SUPPORTED_EXTENSIONS:
            readable += 1
            yield from _read_file(path, options, explicit=False)
        else:
            log.debug("%s: skipped, unsupported file type", path)
    if not readable and not problems:
        # a folder named by the user that holds nothing to read is a mistake worth a line, not "0 added"
        kinds = ", ".join(sorted(SUPPORTED_EXTENSIONS))
        yield ArticleError(str(root), f"no files to read in this folder (looked for {kinds})")


def _read_file(path: Path, options: ReadOptions, *, explicit: bool) -> Iterator[ReadItem]:
    where = str(path)
    if explicit and path.suffix.lower() not in SUPPORTED_EXTENSIONS and path.exists():
        yield ArticleError(where, _unsupported(path.suffix))
        return
    try:
        data = _load(path, where, options.limits.max_file_bytes)
    except ArticleError as err:
        yield err
        return
    try:
        origin = str(path.resolve())
    except (OSError, RuntimeError):  # (a symlink loop, or a path that cannot be resolved)
        origin = None
    for item in _read_data(where, where, path.suffix, data, options):
        if origin is not None and isinstance(item, Article) and item.path and item.path.startswith(where):
            # where it came from, whatever the folder ingest was run from: the file, and its row
            item = dataclasses.replace(item, origin=origin + item.path[len(where):])
        yield item


def _load(path: Path, where: str, limit: int) -> bytes:
    """The file's bytes; its size is checked before anything is read."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ArticleError(where, "not a regular file")
        if info.st_size > limit:
            raise InputTooLarge(where, f"file is {info.st_size:,} bytes, over the limit of {limit:,}")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)  # never more, even if the file grew meanwhile
    except FileNotFoundError as exc:
        raise ArticleError(where, "no such file") from exc
    except OSError as exc:
        raise ArticleError(where, f"cannot read ({exc.strerror or exc})") from exc
    if len(data) > limit:
        raise InputTooLarge(where, f"file is over the limit of {limit:,} bytes")
    return data
