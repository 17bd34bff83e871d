"""The SQLite store: parsed articles in, dashboard queries out.

This is the only module of :mod:`geo` that holds SQL. One file (WAL mode, so
readers never see a half-written article and never block the writer), a
schema built by named migrations recorded in the ``migrations`` table, and
every article written in one transaction.

Threads: a :class:`Store` owns one ``sqlite3`` connection and must not be
shared across threads (``check_same_thread`` stays on). Open one ``Store`` per
thread (in Streamlit: per script run, never in ``st.cache_resource``).

Filters (:class:`Filters`) select *mentions*. Every field is AND-ed with the
others, the values inside one field are OR-ed. A field about the mention's own
kind tests the mention itself (``places`` for a place mention, ``actors`` for
an actor mention); a field about the other kind tests the mention's sentence
(a place mention passes ``actors=("Daesh",)`` when its sentence names Daesh,
an actor mention passes ``places=(...)`` when its sentence names the place).
``text`` is a case-insensitive substring of the sentence or the article title;
dates are inclusive and exclude undated articles.

>>> with Store(":memory:") as store:
...     store.stats()["articles"]
0
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from geo import config
from geo.errors import StoreError
from geo.model import ActorMention, Article, ParsedArticle, Place, PlaceMention, Span
from geo.names import ARABIC_MARKS, ARABIC_VARIANT_LETTERS
from geo.sentences import sentence_index, split_sentences

logger = logging.getLogger(__name__)


_TUPLE_FIELDS = ("actors", "categories", "places", "governorates", "sources")


@dataclass(frozen=True)
class Filters:
    """Which mentions a query looks at (see the module docstring for the rules).

    Tuple fields accept any iterable of non-empty strings (lists become
    tuples); a bare string is refused, since ``actors="Daesh"`` is a mistake.

    >>> Filters(actors=["Daesh"]).actors
    ('Daesh',)
    """

    actors: tuple[str, ...] = ()  # canonical actor names
    categories: tuple[str, ...] = ()  # actor categories
    places: tuple[str, ...] = ()  # place ids
    governorates: tuple[str, ...] = ()  # Place.admin1 values
    sources: tuple[str, ...] = ()
    date_from: dt.date | None = None  # inclusive
    date_to: dt.date | None = None  # inclusive
    text: str | None = None  # substring of the sentence or the article title

    def __post_init__(self) -> None:
        for name in _TUPLE_FIELDS:
            object.__setattr__(self, name, _str_tuple(name, getattr(self, name)))
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if isinstance(value, dt.datetime):
                object.__setattr__(self, name, value.date())
            elif value is not None and not isinstance(value, dt.date):
                raise ValueError(f"Filters.{name} must be a date or None, got {value!r}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"Filters: date_from {self.date_from} is after date_to {self.date_to}")
        if self.text is not None and not isinstance(self.text, str):
            raise ValueError(f"Filters.text must be a string or None, got {self.text!r}")
        if self.text is not None and not self.text.strip():
            object.__setattr__(self, "text", None)


def _str_tuple(name: str, value: object) -> tuple[str, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ValueError(f"Filters.{name} must be a tuple of strings, got {value!r}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, str) or not item:
            raise ValueError(f"Filters.{name}: bad value {item!r}")
    return items


@dataclass(frozen=True)
class PlaceCount:
    """One place on the map: how often it is mentioned and with which actors.

    ``actors`` maps an actor name to the number of this place's mentions whose
    sentence names it (most first); ``categories`` sums ``actors`` per actor
    category; ``top_category`` is the largest (None when no actor at all).
    """

    place_id: str
    name: str
    kind: str
    lat: float
    lon: float
    admin1: str | None
    mentions: int
    articles: int
    actors: dict[str, int] = field(default_factory=dict)
    categories: dict[str, int] = field(default_factory=dict)
    top_category: str | None = None


@dataclass(frozen=True)
class ActorCount:
    """One actor: how many of its mentions pass the filters, in how many articles."""

    actor: str
    category: str
    mentions: int
    articles: int


@dataclass(frozen=True)
class ActorSpan:
    """An actor mention inside an excerpt; offsets are relative to the sentence."""

    start: int
    end: int
    text: str
    actor: str
    category: str
    coref: bool = False


@dataclass(frozen=True)
class Excerpt:
    """A sentence mentioning a place, with its article and the actors in it.

    ``place_spans`` and ``actors`` are offsets into ``sentence`` (so
    ``sentence[s:e]`` is the surface); ``sentence_start`` is the sentence's
    offset in the article text.
    """

    article_id: str
    title: str | None
    source: str | None
    date: dt.date | None
    sentence: str
    sentence_index: int
    sentence_start: int
    place_id: str
    place_spans: tuple[tuple[int, int], ...]
    actors: tuple[ActorSpan, ...] = ()
    path: str | None = None  # the article's file (names an untitled article)

    @property
    def place_span(self) -> tuple[int, int]:
        """The first mention of the place in the sentence."""
        return self.place_spans[0]


@dataclass(frozen=True)
class StoredArticle:
    """An article as stored, with everything found in it (offsets into ``article.text``)."""

    article: Article
    places: tuple[PlaceMention, ...]
    actors: tuple[ActorMention, ...]
    unresolved: tuple[Span, ...]
    sentences: tuple[tuple[int, int], ...]
    added_at: str
    engine: str | None = None  # which engine read it (None: unknown, stored before engines were recorded)

    @property
    def parsed(self) -> ParsedArticle:
        """The same content as a :class:`ParsedArticle`."""
        return ParsedArticle(self.article, self.places, self.actors, self.unresolved, self.sentences, self.engine)


@dataclass(frozen=True)
class MentionRow:
    """One place mention, flat, for CSV / GeoJSON export.

    ``actors`` is the sorted, ``;``-joined names of the actors of the sentence.
    """

    article_id: str
    title: str | None
    source: str | None
    date: dt.date | None
    place_id: str
    place_name: str
    kind: str
    lat: float
    lon: float
    admin1: str | None
    surface: str
    start: int
    end: int
    confidence: float
    sentence: str
    actors: str
    path: str | None = None  # the article's file (and row): what names an untitled .txt
    url: str | None = None


@dataclass(frozen=True)
class PlaceFacet:
    """A place for the searchable list: id, display name, total mentions and Arabic name."""

    place_id: str
    name: str
    kind: str
    admin1: str | None
    mentions: int
    name_ar: str | None = None


@dataclass(frozen=True)
class Facets:
    """The values the dashboard's filter widgets offer, each with a count, most first.

    ``sources``: (source, articles); ``governorates``: (admin1, place mentions);
    ``categories``: (category, actor mentions); ``actors``: every actor;
    ``places``: every mentioned place; ``date_min``/``date_max``: article dates.
    """

    sources: tuple[tuple[str, int], ...] = ()
    governorates: tuple[tuple[str, int], ...] = ()
    categories: tuple[tuple[str, int], ...] = ()
    actors: tuple[ActorCount, ...] = ()
    places: tuple[PlaceFacet, ...] = ()
    date_min: dt.date | None = None
    date_max: dt.date | None = None



# --------------------------------------------------------------------------- schema

_SCHEMA_1 = (
    """CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        title TEXT,
        source TEXT,
        date TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        path TEXT,
        url TEXT,
        n_sentences INTEGER NOT NULL,
        n_places INTEGER NOT NULL,
        n_actors INTEGER NOT NULL,
        n_unresolved INTEGER NOT NULL,
        added_at TEXT NOT NULL,
        text TEXT NOT NULL  -- last: long texts overflow, and columns after them would be slow to read
    )""",
    """CREATE TABLE sentences (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        char_start INTEGER NOT NULL,
        char_end INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (article_id, idx),
        CHECK (0 <= char_start AND char_start < char_end)
    ) WITHOUT ROWID""",
    """CREATE TABLE places (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
        lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
        country TEXT,
        admin1 TEXT,
        admin2 TEXT,
        population INTEGER,
        name_ar TEXT,
        names TEXT NOT NULL DEFAULT '[]',
        wof_id INTEGER,
        gn_id INTEGER,
        capital_of TEXT
    )""",
    """CREATE TABLE place_mentions (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        sentence_idx INTEGER NOT NULL,
        char_start INTEGER NOT NULL,
        char_end INTEGER NOT NULL,
        surface TEXT NOT NULL,
        place_id TEXT NOT NULL REFERENCES places(id),
        confidence REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
        metonymy INTEGER NOT NULL DEFAULT 0,
        method TEXT NOT NULL,
        UNIQUE (article_id, char_start, char_end),
        FOREIGN KEY (article_id, sentence_idx) REFERENCES sentences(article_id, idx) ON DELETE CASCADE
    )""",
    """CREATE TABLE actor_mentions (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        sentence_idx INTEGER NOT NULL,
        char_start INTEGER NOT NULL,
        char_end INTEGER NOT NULL,
        surface TEXT NOT NULL,
        actor TEXT NOT NULL,
        category TEXT NOT NULL,
        coref INTEGER NOT NULL DEFAULT 0,
        UNIQUE (article_id, char_start, char_end, actor),
        FOREIGN KEY (article_id, sentence_idx) REFERENCES sentences(article_id, idx) ON DELETE CASCADE
    )""",
    """CREATE TABLE unresolved (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        sentence_idx INTEGER NOT NULL,
        char_start INTEGER NOT NULL,
        char_end INTEGER NOT NULL,
        surface TEXT NOT NULL,
        UNIQUE (article_id, char_start, char_end),
        FOREIGN KEY (article_id, sentence_idx) REFERENCES sentences(article_id, idx) ON DELETE CASCADE
    )""",
    "CREATE INDEX articles_date ON articles(date)",
    "CREATE INDEX articles_source ON articles(source)",
    "CREATE INDEX places_admin1 ON places(admin1)",
    "CREATE INDEX place_mentions_place ON place_mentions(place_id, article_id, sentence_idx)",
    "CREATE INDEX place_mentions_sentence ON place_mentions(article_id, sentence_idx, place_id)",
    "CREATE INDEX actor_mentions_sentence ON actor_mentions(article_id, sentence_idx, actor, category)",
    "CREATE INDEX actor_mentions_actor ON actor_mentions(actor, category)",
    "CREATE INDEX actor_mentions_category ON actor_mentions(category)",
    "CREATE INDEX unresolved_sentence ON unresolved(article_id, sentence_idx)",
    "CREATE INDEX unresolved_surface ON unresolved(surface)",
)


def _migration_0001_initial(conn: sqlite3.Connection) -> None:
    """Articles, their sentences, places, and place / actor / unresolved mentions."""
    for statement in _SCHEMA_1:
        conn.execute(statement)


_SCHEMA_2 = (
    # ``generation`` counts article writes (a trigger bumps it in the writing transaction,
    # whoever writes): the dashboard's cache key. ``store_id`` tells a rebuilt file apart.
    "CREATE TABLE store_meta (key TEXT PRIMARY KEY, value NOT NULL)",
    """CREATE TRIGGER articles_generation_insert AFTER INSERT ON articles BEGIN
        UPDATE store_meta SET value = value + 1 WHERE key = 'generation'; END""",
    """CREATE TRIGGER articles_generation_delete AFTER DELETE ON articles BEGIN
        UPDATE store_meta SET value = value + 1 WHERE key = 'generation'; END""",
    # Totals over all mentions, kept by save_article in the article's transaction: the
    # unfiltered map, facets and actor list read these instead of grouping 100k mentions.
    """CREATE TABLE place_totals (
        place_id TEXT PRIMARY KEY REFERENCES places(id),
        mentions INTEGER NOT NULL,
        articles INTEGER NOT NULL
    )""",
    """CREATE TABLE place_actor_totals (
        place_id TEXT NOT NULL REFERENCES places(id),
        actor TEXT NOT NULL,
        category TEXT NOT NULL,
        mentions INTEGER NOT NULL,  -- place mentions whose sentence names the actor
        PRIMARY KEY (place_id, actor, category)
    ) WITHOUT ROWID""",
    """CREATE TABLE actor_totals (
        actor TEXT NOT NULL,
        category TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        articles INTEGER NOT NULL,
        PRIMARY KEY (actor, category)
    ) WITHOUT ROWID""",
    # The excerpt ranking (most actors in the sentence, then newest) as columns of the
    # mention, so an index yields a place's best excerpts without reading every sentence.
    "ALTER TABLE place_mentions ADD COLUMN n_actors INTEGER NOT NULL DEFAULT 0",  # distinct actors of the sentence
    "ALTER TABLE place_mentions ADD COLUMN date TEXT",  # the article's date
    "CREATE INDEX place_mentions_rank ON place_mentions(place_id, n_actors DESC, date DESC, article_id, sentence_idx)",
    # The actor filter's subquery reads (article, sentence) from the index alone.
    "CREATE INDEX actor_mentions_actor_sentence ON actor_mentions(actor, article_id, sentence_idx)",
)

_BACKFILL_2 = (
    "UPDATE place_mentions SET "
    "n_actors = (SELECT count(DISTINCT x.actor) FROM actor_mentions x "
    "            WHERE x.article_id = place_mentions.article_id AND x.sentence_idx = place_mentions.sentence_idx), "
    "date = (SELECT a.date FROM articles a WHERE a.id = place_mentions.article_id)",
    "INSERT INTO place_totals (place_id, mentions, articles) "
    "SELECT place_id, count(*), count(DISTINCT article_id) FROM place_mentions GROUP BY place_id",
    "INSERT INTO place_actor_totals (place_id, actor, category, mentions) "
    "SELECT pm.place_id, am.actor, am.category, count(DISTINCT pm.id) FROM place_mentions pm "
    "JOIN actor_mentions am ON am.article_id = pm.article_id AND am.sentence_idx = pm.sentence_idx "
    "GROUP BY pm.place_id, am.actor, am.category",
    "INSERT INTO actor_totals (actor, category, mentions, articles) "
    "SELECT actor, category, count(*), count(DISTINCT article_id) FROM actor_mentions GROUP BY actor, category",
    "INSERT INTO store_meta (key, value) VALUES ('generation', (SELECT count(*) FROM articles)), "
    "('store_id', lower(hex(randomblob(8))))",
)


def _migration_0002_dashboard_aggregates(conn: sqlite3.Connection) -> None:
    """A write generation, totals per place / place and actor / actor, and the excerpt
    ranking on each place mention; filled from the rows already stored."""
    for statement in _SCHEMA_2 + _BACKFILL_2:
        conn.execute(statement)


def _migration_0003_article_engine(conn: sqlite3.Connection) -> None:
    """Which engine read each article (:attr:`geo.pipeline.Pipeline.engine`); NULL for
    the articles stored before, whose engine is unknown."""
    conn.execute("ALTER TABLE articles ADD COLUMN engine TEXT")


def _migration_0004_article_origins(conn: sqlite3.Connection) -> None:
    """Which article each file (or corpus row) gave last, and the articles a file gave
    before it was edited: an ingest of an edited file replaces them (:meth:`Store.note_origin`)."""
    conn.execute("CREATE TABLE article_origins (origin TEXT PRIMARY KEY, article_id TEXT NOT NULL) WITHOUT ROWID")
    conn.execute("CREATE INDEX article_origins_article ON article_origins (article_id)")
    conn.execute("CREATE TABLE superseded (file TEXT NOT NULL, article_id TEXT NOT NULL, "
                 "PRIMARY KEY (file, article_id)) WITHOUT ROWID")


#: Named migrations, applied in order, each in its own transaction and recorded
#: in the ``migrations`` table. To change the schema, append a new entry; never
#: edit one that has shipped.
MIGRATIONS: tuple[tuple[str, Callable[[sqlite3.Connection], None]], ...] = (
    ("0001_initial", _migration_0001_initial),
    ("0002_dashboard_aggregates", _migration_0002_dashboard_aggregates),
    ("0003_article_engine", _migration_0003_article_engine),
    ("0004_article_origins", _migration_0004_article_origins),
)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")  # as LIKE folds


def _like_folded(text: str) -> str:
    """``text`` with ASCII letters lower-cased and nothing else changed, as LIKE compares it
    (``str.lower`` where that is the same thing: on ASCII text, ten times faster)."""
    return text.lower() if text.isascii() else text.translate(_ASCII_LOWER)


_ARABIC_FOLD = str.maketrans({**ARABIC_VARIANT_LETTERS, **dict.fromkeys(ARABIC_MARKS, None)})


def _fold(value: str | None) -> str:
    """Case-fold for the ``geo_fold`` SQL function (SQLite's lower() is ASCII only), with
    Arabic spellings folded as names are: alef forms, ya/alef maqsura, ta marbuta/ha, and
    no vowel marks (ادلب finds إدلب)."""
    return value.casefold().translate(_ARABIC_FOLD) if value else ""


def _date_sql(value: dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.isoformat()


def _date_py(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _marks(values: tuple[str, ...]) -> str:
    return ",".join("?" * len(values))


# --------------------------------------------------------------------------- filters


def _conditions(f: Filters, anchor: str, kind: str) -> tuple[list[str], list[object]]:
    """SQL conditions (and their parameters) selecting the mentions ``f`` lets through.

    ``anchor`` is the alias of the mention table (``place_mentions`` when
    ``kind == "place"``, ``actor_mentions`` when ``kind == "actor"``). Other
    tables are reached through uncorrelated ``IN (SELECT ...)`` subqueries,
    which SQLite evaluates once per query; correlated ``EXISTS`` or joins would
    cost a lookup per mention (10x slower at 100k mentions). Only the first
    condition may drive an index: the others get a unary ``+``, because
    SQLite, lacking statistics, would otherwise probe the cross product of two
    ``IN`` lists (380 places x 3,000 articles: a second per query).
    """
    terms: list[tuple[str, tuple[object, ...]]] = []  # most selective first

    def col(name: str) -> str:
        return f"{'+' if terms else ''}{anchor}.{name}"

    def in_sentences(select: str, values: tuple[object, ...]) -> None:
        terms.append((f"({col('article_id')}, {col('sentence_idx')}) IN ({select})", values))

    if kind == "place":
        if f.places:
            terms.append((f"{col('place_id')} IN ({_marks(f.places)})", f.places))
        if f.governorates:
            terms.append((f"{col('place_id')} IN (SELECT id FROM places WHERE admin1 IN "
                          f"({_marks(f.governorates)}))", f.governorates))
        for column, values in (("actor", f.actors), ("category", f.categories)):
            if values:
                in_sentences(f"SELECT article_id, sentence_idx FROM actor_mentions WHERE {column} IN "
                             f"({_marks(values)})", values)
    else:
        for column, values in (("actor", f.actors), ("category", f.categories)):
            if values:
                terms.append((f"{col(column)} IN ({_marks(values)})", values))
        if f.places:
            in_sentences(f"SELECT article_id, sentence_idx FROM place_mentions WHERE place_id IN "
                         f"({_marks(f.places)})", f.places)
        if f.governorates:
            in_sentences("SELECT x.article_id, x.sentence_idx FROM place_mentions x JOIN places xp "
                         f"ON xp.id = x.place_id WHERE xp.admin1 IN ({_marks(f.governorates)})", f.governorates)
    if f.text:
        match, pattern = _text_match(f.text)
        sentence_ids = f"({col('article_id')}, {col('sentence_idx')})"
        terms.append((f"({sentence_ids} IN (SELECT article_id, idx FROM sentences WHERE {match.format('text')}) "
                       f"OR {col('article_id')} IN (SELECT id FROM articles WHERE {match.format('title')}))",
                       (pattern, pattern)))
    article_where, article_params = _article_conditions(f)
    if article_where:
        terms.append((f"{col('article_id')} IN (SELECT id FROM articles WHERE {' AND '.join(article_where)})",
                      tuple(article_params)))
    return [sql for sql, _ in terms], [value for _, values in terms for value in values]


def _article_conditions(f: Filters) -> tuple[list[str], list[object]]:
    """Conditions on the ``articles`` table: sources and dates."""
    where: list[str] = []
    params: list[object] = []
    if f.sources:
        where.append(f"source IN ({_marks(f.sources)})")
        params += f.sources
    if f.date_from:
        where.append("date >= ?")
        params.append(f.date_from.isoformat())
    if f.date_to:
        where.append("date <= ?")
        params.append(f.date_to.isoformat())
    return where, params


def _text_needle(text: str) -> str:
    """What a text filter looks for: stripped and casefolded (the SQL and the mention index
    alike); other than ASCII, folded as :func:`_fold` folds the texts it is looked for in."""
    needle = text.strip().casefold()
    return needle if needle.isascii() else _fold(needle)


def _text_match(text: str) -> tuple[str, str]:
    """A case-insensitive substring test (``{}`` stands for the column) and its parameter."""
    needle = _text_needle(text)
    if needle.isascii():  # LIKE folds ASCII case in C, far faster than a Python function
        escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return "{} LIKE ? ESCAPE '\\'", f"%{escaped}%"
    return "instr(geo_fold({}), ?) > 0", needle


def _from_mentions(
    f: Filters, kind: str, alias: str, *, with_article: bool = False, with_place: bool = False,
    with_sentence: bool = False,
    where: tuple[str, ...] = (), params: tuple[object, ...] = (),
) -> tuple[str, list[object]]:
    """``FROM ... WHERE ...`` over the mentions of ``kind`` that pass ``f``.

    Joins ``articles a``, ``sentences s`` and ``places p`` when asked or
    needed; ``where``/``params`` are extra conditions AND-ed after ``f``'s.
    """
    table = "place_mentions" if kind == "place" else "actor_mentions"
    sql = f"FROM {table} {alias}"
    if with_article:
        sql += f" JOIN articles a ON a.id = {alias}.article_id"
    if with_place:
        sql += f" JOIN places p ON p.id = {alias}.place_id"
    if with_sentence:
        sql += f" JOIN sentences s ON s.article_id = {alias}.article_id AND s.idx = {alias}.sentence_idx"
    conditions, values = _conditions(f, alias, kind)
    conditions += where
    values += params
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    return sql, values


# --------------------------------------------------------------------------- validation


def _sentences_of(parsed: ParsedArticle) -> tuple[tuple[int, int], ...]:
    """The article's sentences (split here if the pipeline gave none), checked."""
    text = parsed.article.text
    sentences = parsed.sentences or tuple(split_sentences(text))
    previous_end = 0
    for start, end in sentences:
        if not (previous_end <= start < end <= len(text)):
            raise StoreError(
                f"article {parsed.article.id}: bad sentence span {start}..{end} "
                f"(text has {len(text)} characters, previous sentence ends at {previous_end})"
            )
        previous_end = end
    return tuple(sentences)


def _check_span(article: Article, what: str, text: str, start: int, end: int) -> None:
    if not (0 <= start < end <= len(article.text)) or article.text[start:end] != text:
        found = article.text[start:end] if 0 <= start <= end else ""
        raise StoreError(
            f"article {article.id}: {what} {text!r} at {start}..{end} does not match the text ({found!r})"
        )


def _check_text(article: Article) -> None:
    """Raise StoreError for text SQLite cannot hold faithfully.

    A NUL byte: SQLite's ``length()``/``substr()`` stop at it, so :meth:`Store.check`
    would find the article unsound. A lone surrogate: not encodable as UTF-8,
    the write would fail with a UnicodeEncodeError instead of a StoreError.
    """
    if "\x00" in article.text:
        raise StoreError(f"article {article.id}: NUL byte in the text at {article.text.index(chr(0))}")
    for name in ("text", "title", "source", "path", "url"):
        value = getattr(article, name)
        if value is None:
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise StoreError(f"article {article.id}: {name} holds a lone surrogate at {exc.start}") from exc


def _validate(parsed: ParsedArticle, sentences: tuple[tuple[int, int], ...]) -> None:
    """Raise StoreError unless the text can be stored and every mention lies in it, inside a sentence."""
    article = parsed.article
    _check_text(article)
    spans = [("place mention", m.text, m.start, m.end) for m in parsed.places]
    spans += [("actor mention", m.text, m.start, m.end) for m in parsed.actors]
    spans += [("unresolved name", s.text, s.start, s.end) for s in parsed.unresolved]
    for what, text, start, end in spans:
        _check_span(article, what, text, start, end)
        s_start, s_end = sentences[sentence_index(sentences, start)] if sentences else (0, 0)
        if not s_start <= start < s_end:
            raise StoreError(f"article {article.id}: {what} {text!r} at {start}..{end} is in no sentence")


_ORIGIN_ROW = re.compile(r"#(?:row|line)=\d+\Z")


def origin_file(origin: str) -> str:
    """The file of an :attr:`Article.origin`: without its ``#row=N`` or ``#line=N``.

    >>> origin_file("/data/corpus.csv#row=12"), origin_file("/data/a#1.txt")
    ('/data/corpus.csv', '/data/a#1.txt')
    """
    return _ORIGIN_ROW.sub("", origin)


# --------------------------------------------------------------------------- store


class Store:
    """The SQLite store (see the module docstring). Use as a context manager.

    >>> with Store(":memory:") as store:
    ...     store.applied_migrations()
    ['0001_initial', '0002_dashboard_aggregates', '0003_article_engine', '0004_article_origins']
    """

    def __init__(self, path: str | Path | None = None, *, timeout: float = 30.0) -> None:
        """Open (creating folder and file) and migrate the store at ``path``.

        ``None`` means :func:`geo.config.default_db`; ``":memory:"`` is a private
        in-memory store. ``timeout`` is how long (s) a writer waits for another.
        Raises StoreError when the file cannot be opened or migrated.
        """
        if timeout < 0:
            raise ValueError(f"timeout must be >= 0, got {timeout!r}")
        self.path = str(path) if path is not None else str(config.default_db())
        self._conn: sqlite3.Connection | None = None
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
            self._configure(timeout)
            self._migrate()
        except (sqlite3.Error, OSError) as exc:
            self.close()
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc

    # -- connection ------------------------------------------------------------

    @property
    def conn(self) -> sqlite3.Connection:
        """The open connection (StoreError once closed)."""
        if self._conn is None:
            raise StoreError(f"store {self.path} is closed")
        return self._conn

    def _configure(self, timeout: float) -> None:
        conn = self.conn
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode not in ("wal", "memory"):
            logger.warning("store %s: journal mode is %s, not WAL", self.path, mode)
        conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL; loses at most the last commit on power loss
        conn.execute("PRAGMA foreign_keys = ON")
        # the dashboard's GROUP BYs over 100k mentions sort in temp b-trees: keep them in memory
        conn.execute("PRAGMA cache_size = -65536")  # KiB
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.create_function("geo_fold", 1, _fold, deterministic=True)

    @contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``): committed on success, rolled back on error."""
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def close(self) -> None:
        """Close the connection (idempotent)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.path!r})"

    # -- migrations ------------------------------------------------------------

    def _migrate(self) -> None:
        known = {name for name, _ in MIGRATIONS}
        try:
            applied = set(self.applied_migrations())
        except sqlite3.OperationalError:  # a new file: no migrations table yet
            applied = set()
        # An up-to-date store is only read here: opening it (as every dashboard
        # query does) must not wait for the write lock an ingest holds.
        if not known <= applied:
            self._apply_migrations()
            applied = set(self.applied_migrations())
        unknown = applied - known
        if unknown:
            logger.warning("store %s has migrations this code does not know: %s", self.path, sorted(unknown))

    def _apply_migrations(self) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        for name, migration in MIGRATIONS:
            with self.atomic() as conn:
                # checked inside the transaction: another process may have just applied it
                if conn.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                    continue
                logger.info("store %s: applying migration %s", self.path, name)
                migration(conn)
                conn.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, _now()))

    def applied_migrations(self) -> list[str]:
        """Names of the migrations recorded in the store, in the order applied."""
        return [row[0] for row in self.conn.execute("SELECT name FROM migrations ORDER BY rowid")]

    # -- writing ---------------------------------------------------------------

    def save_article(self, parsed: ParsedArticle) -> bool:
        """Write one parsed article in one transaction; False (nothing written) if already stored.

        Writes the article, its sentences, its place / actor mentions and
        unresolved names, and get-or-creates its places by id (a place seen
        again is updated to the newest gazetteer values). Each mention is tied
        to the sentence holding its start; the file it came from, if any
        (:attr:`Article.origin`), as :meth:`note_origin` records it. Raises StoreError, writing nothing,
        when a mention does not match the text or the write fails.
        """
        if not isinstance(parsed, ParsedArticle):
            raise StoreError(f"save_article needs a ParsedArticle, got {type(parsed).__name__}")
        sentences = _sentences_of(parsed)
        _validate(parsed, sentences)
        try:
            with self.atomic() as conn:
                if self._has_article(conn, parsed.article.id):
                    return False
                self._insert(conn, parsed, sentences)
                if parsed.article.origin:
                    self._link_origin(conn, parsed.article.id, parsed.article.origin)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot save article {parsed.article.id}: {exc}") from exc
        return True

    def replace_article(self, parsed: ParsedArticle) -> bool:
        """Write ``parsed`` over the stored article of the same id, in one transaction: its
        sentences, mentions, unresolved names and totals are replaced; its ``added_at`` kept.

        For a store read by an older engine (``python -m geo reparse``). Returns False, and
        writes nothing but ``parsed``'s engine, when what is stored is what ``parsed`` holds
        (its places' gazetteer records included). Raises StoreError, writing nothing, when no article has that id,
        a mention does not match the text or the write fails.
        """
        if not isinstance(parsed, ParsedArticle):
            raise StoreError(f"replace_article needs a ParsedArticle, got {type(parsed).__name__}")
        sentences = _sentences_of(parsed)
        _validate(parsed, sentences)
        article_id = parsed.article.id
        try:
            with self.atomic() as conn:
                stored = self.article(article_id)
                if stored is None:
                    raise StoreError(f"cannot replace article {article_id}: it is not in the store")
                if _same_annotations(stored, parsed, sentences):
                    if stored.engine != parsed.engine:  # the same reading by this engine: stamp it so
                        conn.execute("UPDATE articles SET engine = ? WHERE id = ?", (parsed.engine, article_id))
                        _bump_generation(conn)
                    return False
                old_places, old_actors = self._remove(conn, article_id)
                self._insert(conn, parsed, sentences, added_at=stored.added_at)
                self._drop_spent(conn, old_places, old_actors)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot replace article {article_id}: {exc}") from exc
        return True

    def note_origin(self, article_id: str, origin: str) -> None:
        """Record that ``origin`` (a file, or a row of one: :attr:`Article.origin`) now gives
        the stored article ``article_id``.

        If it gave another one before, that one is an older version of an edited file: it is
        kept as superseded until :meth:`remove_superseded` is told the whole file was read again, and removed
        then if no file gives it any more. Writes only when the origin changed article
        (read first without the write lock: a re-ingest of stored files writes nothing).
        """
        row = self.conn.execute("SELECT article_id FROM article_origins WHERE origin = ?", (origin,)).fetchone()
        if row is not None and row[0] == article_id:
            return
        try:
            with self.atomic() as conn:
                self._link_origin(conn, article_id, origin)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot record where article {article_id} came from: {exc}") from exc

    @staticmethod
    def _link_origin(conn: sqlite3.Connection, article_id: str, origin: str) -> None:
        """:meth:`note_origin` in the caller's transaction (asked again under its lock)."""
        row = conn.execute("SELECT article_id FROM article_origins WHERE origin = ?", (origin,)).fetchone()
        if row is not None and row[0] == article_id:
            return
        conn.execute("INSERT INTO article_origins (origin, article_id) VALUES (?, ?) ON CONFLICT (origin) "
                     "DO UPDATE SET article_id = excluded.article_id", (origin, article_id))
        if row is not None:
            conn.execute("INSERT OR IGNORE INTO superseded (file, article_id) VALUES (?, ?)",
                         (origin_file(origin), row[0]))

    def origins(self, article_id: str) -> list[str]:
        """The files (and rows) that gave ``article_id`` when last read, sorted."""
        return [r[0] for r in self.conn.execute(
            "SELECT origin FROM article_origins WHERE article_id = ? ORDER BY origin", (article_id,))]

    def remove_superseded(self, files: Iterable[str]) -> int:
        """After ``files`` (absolute paths) were each read whole, delete the articles they gave
        before an edit that no file gives any more, with their rows and their share of the
        totals, in one transaction; the number deleted.

        An article a file of them gave before but another origin gives now (a row that moved,
        a copy of the file) is kept. An article no file ever gave (an upload, one stored
        before origins were recorded) is never deleted here.
        """
        removed = 0
        try:
            with self.atomic() as conn:
                for file in sorted(set(files)):
                    ids = [r[0] for r in conn.execute("SELECT article_id FROM superseded WHERE file = ?", (file,))]
                    conn.execute("DELETE FROM superseded WHERE file = ?", (file,))
                    for article_id in ids:
                        if not self._has_article(conn, article_id) or conn.execute(
                                "SELECT 1 FROM article_origins WHERE article_id = ?", (article_id,)).fetchone():
                            continue
                        places, actors = self._remove(conn, article_id)
                        self._drop_spent(conn, places, actors)
                        conn.execute("DELETE FROM superseded WHERE article_id = ?", (article_id,))
                        removed += 1
        except sqlite3.Error as exc:
            raise StoreError(f"cannot remove the older versions of edited files: {exc}") from exc
        return removed

    @staticmethod
    def _drop_spent(conn: sqlite3.Connection, places: list[str], actors: list[tuple[str, str]]) -> None:
        """After :meth:`_remove`: the totals of these places and actors that reached 0, and the
        places no mention is left of. Only their own rows are looked at: a whole-table sweep
        cost ~1 ms an article on 100k mentions, and grows with the store."""
        keys = [(i,) for i in places]
        conn.executemany("DELETE FROM place_totals WHERE place_id = ? AND mentions <= 0", keys)
        conn.executemany("DELETE FROM place_actor_totals WHERE place_id = ? AND mentions <= 0", keys)
        conn.executemany("DELETE FROM actor_totals WHERE actor = ? AND category = ? AND mentions <= 0", actors)
        conn.executemany(
            "DELETE FROM places WHERE id = ? AND NOT EXISTS "
            "(SELECT 1 FROM place_mentions m WHERE m.place_id = places.id)", keys)

    @staticmethod
    def _remove(conn: sqlite3.Connection, article_id: str) -> tuple[list[str], list[tuple[str, str]]]:
        """Delete an article and its rows, and take its mentions off the totals (rows that
        reach 0 are left to the caller); the places and the (actor, category) it mentioned."""
        key = (article_id,)
        places = conn.execute("SELECT place_id, count(*) FROM place_mentions WHERE article_id = ? "
                              "GROUP BY place_id", key).fetchall()
        actors = conn.execute("SELECT actor, category, count(*) FROM actor_mentions WHERE article_id = ? "
                              "GROUP BY 1, 2", key).fetchall()
        conn.executemany("UPDATE place_totals SET mentions = mentions - ?, articles = articles - 1 "
                         "WHERE place_id = ?", [(n, place) for place, n in places])
        conn.executemany(
            "UPDATE place_actor_totals SET mentions = mentions - ? WHERE place_id = ? AND actor = ? AND category = ?",
            [(n, place, actor, category) for place, actor, category, n in conn.execute(
                "SELECT pm.place_id, am.actor, am.category, count(DISTINCT pm.id) " + _JOIN_SENTENCE_ACTORS
                + " WHERE pm.article_id = ? GROUP BY 1, 2, 3", key)])
        conn.executemany(
            "UPDATE actor_totals SET mentions = mentions - ?, articles = articles - 1 WHERE actor = ? AND category = ?",
            [(n, actor, category) for actor, category, n in actors])
        for table in ("place_mentions", "actor_mentions", "unresolved", "sentences", "articles"):
            conn.execute(f"DELETE FROM {table} WHERE {'id' if table == 'articles' else 'article_id'} = ?", key)
        return [place for place, _ in places], [(actor, category) for actor, category, _ in actors]

    @staticmethod
    def _has_article(conn: sqlite3.Connection, article_id: str) -> bool:
        return conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def _insert(self, conn: sqlite3.Connection, parsed: ParsedArticle, sentences: tuple[tuple[int, int], ...],
                added_at: str | None = None) -> None:
        a = parsed.article
        conn.execute(
            "INSERT INTO articles (id, text, title, source, date, path, url, n_sentences, n_places, "
            "n_actors, n_unresolved, added_at, engine) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (a.id, a.text, a.title, a.source, _date_sql(a.date), a.path, a.url, len(sentences),
             len(parsed.places), len(parsed.actors), len(parsed.unresolved), added_at or _now(), parsed.engine),
        )
        conn.executemany(
            "INSERT INTO sentences (article_id, idx, char_start, char_end, text) VALUES (?, ?, ?, ?, ?)",
            [(a.id, i, s, e, a.text[s:e]) for i, (s, e) in enumerate(sentences)],
        )
        conn.executemany(_UPSERT_PLACE, [_place_row(p) for p in {m.place.id: m.place for m in parsed.places}.values()])
        sentence_actors: dict[int, set[tuple[str, str]]] = {}
        for m in parsed.actors:
            sentence_actors.setdefault(sentence_index(sentences, m.start), set()).add((m.actor, m.category))
        place_rows = [(m, sentence_index(sentences, m.start)) for m in parsed.places]
        date = _date_sql(a.date)
        conn.executemany(
            "INSERT INTO place_mentions (article_id, sentence_idx, char_start, char_end, surface, place_id, "
            "confidence, metonymy, method, n_actors, date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(a.id, i, m.start, m.end, m.text, m.place.id, m.confidence, int(m.metonymy), m.method,
              len({actor for actor, _ in sentence_actors.get(i, ())}), date) for m, i in place_rows],
        )
        self._add_totals(conn, parsed, place_rows, sentence_actors)
        conn.executemany(
            "INSERT INTO actor_mentions (article_id, sentence_idx, char_start, char_end, surface, actor, "
            "category, coref) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(a.id, sentence_index(sentences, m.start), m.start, m.end, m.text, m.actor, m.category,
              int(m.coref)) for m in parsed.actors],
        )
        conn.executemany(
            "INSERT INTO unresolved (article_id, sentence_idx, char_start, char_end, surface) VALUES (?, ?, ?, ?, ?)",
            [(a.id, sentence_index(sentences, s.start), s.start, s.end, s.text) for s in parsed.unresolved],
        )

    @staticmethod
    def _add_totals(conn: sqlite3.Connection, parsed: ParsedArticle, place_rows: list[tuple[PlaceMention, int]],
                    sentence_actors: dict[int, set[tuple[str, str]]]) -> None:
        """Add one new article's mentions to the total tables (same transaction as the rows)."""
        places: dict[str, int] = {}
        place_actors: dict[tuple[str, str, str], int] = {}
        for m, i in place_rows:
            places[m.place.id] = places.get(m.place.id, 0) + 1
            for actor, category in sentence_actors.get(i, ()):
                key = (m.place.id, actor, category)
                place_actors[key] = place_actors.get(key, 0) + 1
        actors: dict[tuple[str, str], int] = {}
        for m in parsed.actors:
            actors[(m.actor, m.category)] = actors.get((m.actor, m.category), 0) + 1
        conn.executemany(
            "INSERT INTO place_totals (place_id, mentions, articles) VALUES (?, ?, 1) ON CONFLICT (place_id) "
            "DO UPDATE SET mentions = mentions + excluded.mentions, articles = articles + 1", places.items())
        conn.executemany(
            "INSERT INTO place_actor_totals (place_id, actor, category, mentions) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (place_id, actor, category) DO UPDATE SET mentions = mentions + excluded.mentions",
            [(*key, n) for key, n in place_actors.items()])
        conn.executemany(
            "INSERT INTO actor_totals (actor, category, mentions, articles) VALUES (?, ?, ?, 1) "
            "ON CONFLICT (actor, category) DO UPDATE SET mentions = mentions + excluded.mentions, "
            "articles = articles + 1", [(*key, n) for key, n in actors.items()])

    # -- reading ---------------------------------------------------------------

    def version(self) -> tuple[str, int]:
        """(store id, write generation): changes with every article written or deleted, by any process.

        One indexed read, so a cache can ask on every use; the store id tells a
        rebuilt file from the one it replaced.
        """
        rows = dict(self.conn.execute("SELECT key, value FROM store_meta WHERE key IN ('store_id', 'generation')"))
        return str(rows.get("store_id", "")), int(rows.get("generation", 0))

    def article_ids(self, not_read_by: str | None = None) -> list[str]:
        """The stored articles' ids, oldest first; with ``not_read_by``, only those another
        engine (or an unknown one) read."""
        if not_read_by is None:
            return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY added_at, id")]
        return [r[0] for r in self.conn.execute(
            "SELECT id FROM articles WHERE engine IS NOT ? ORDER BY added_at, id", (not_read_by,))]

    def count_read_by_others(self, engine: str) -> int:
        """How many stored articles another engine (or an unknown one) read."""
        return self.conn.execute("SELECT count(*) FROM articles WHERE engine IS NOT ?", (engine,)).fetchone()[0]

    def mark_read_by(self, engine: str) -> int:
        """Record every article as read by ``engine``, whatever read it; the number changed.

        For stores made otherwise than by reading (the benchmark's copies, spread over
        other places: reading them again would undo that), so the dashboard does not
        offer to re-read them.
        """
        with self.atomic() as conn:
            n = conn.execute("UPDATE articles SET engine = ? WHERE engine IS NOT ?", (engine, engine)).rowcount
            if n:
                _bump_generation(conn)
        return n

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        return self._has_article(self.conn, article_id)

    def stats(self) -> dict[str, int]:
        """Row counts: articles, place_mentions, places, actor_mentions, unresolved."""
        tables = {"articles": "articles", "place_mentions": "place_mentions", "places": "places",
                  "actor_mentions": "actor_mentions", "unresolved": "unresolved"}
        return {key: self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for key, table in tables.items()}

    def place_counts(self, f: Filters = Filters()) -> list[PlaceCount]:
        """One row per place with mentions passing ``f``, most mentioned first.

        ``mentions`` counts place mentions, ``articles`` distinct articles;
        ``actors[name]`` counts the place's mentions whose sentence names the
        actor (a coreferring phrase counts); ``categories[c]`` is the sum of
        ``actors`` over the actors of category ``c``, and ``top_category`` its
        largest (ties: alphabetical). Without filters it reads the total tables.
        """
        return self._place_counts(f, totals=f == Filters())

    def _place_counts(self, f: Filters, *, totals: bool) -> list[PlaceCount]:
        if totals:
            rows = self.conn.execute(
                "SELECT p.id, p.name, p.kind, p.lat, p.lon, p.admin1, t.mentions, t.articles "
                "FROM place_totals t JOIN places p ON p.id = t.place_id WHERE t.mentions > 0 "
                "ORDER BY t.mentions DESC, p.name, p.id").fetchall()
            breakdown = self.conn.execute(
                "SELECT place_id, actor, category, mentions FROM place_actor_totals WHERE mentions > 0 "
                "ORDER BY mentions DESC, actor")
        else:
            from_sql, params = _from_mentions(f, "place", "pm")
            rows = self.conn.execute(
                f"WITH fm AS (SELECT pm.place_id, pm.article_id {from_sql}) "
                "SELECT p.id, p.name, p.kind, p.lat, p.lon, p.admin1, n, n_articles FROM "
                "(SELECT place_id, count(*) AS n, count(DISTINCT article_id) AS n_articles FROM fm GROUP BY place_id) "
                "JOIN places p ON p.id = place_id ORDER BY n DESC, p.name, p.id",
                params,
            ).fetchall()
            breakdown = self.conn.execute(
                "SELECT pm.place_id, am.actor, am.category, count(DISTINCT pm.id) "
                f"{from_sql.replace('FROM place_mentions pm', _JOIN_SENTENCE_ACTORS, 1)} "
                "GROUP BY pm.place_id, am.actor, am.category ORDER BY 4 DESC, 2",
                params,
            )
        return _place_count_rows(((row[0], row[:6], row[6], row[7]) for row in rows), breakdown)

    def actor_counts(self, f: Filters = Filters()) -> list[ActorCount]:
        """One row per actor with mentions passing ``f``, most mentioned first."""
        return self._actor_counts(f, totals=f == Filters())

    def _actor_counts(self, f: Filters, *, totals: bool) -> list[ActorCount]:
        if totals:
            rows = self.conn.execute(
                "SELECT actor, category, mentions, articles FROM actor_totals WHERE mentions > 0 "
                "ORDER BY mentions DESC, actor, category")
        else:
            from_sql, params = _from_mentions(f, "actor", "am")
            rows = self.conn.execute(
                f"SELECT am.actor, am.category, count(*), count(DISTINCT am.article_id) {from_sql} "
                "GROUP BY am.actor, am.category ORDER BY 3 DESC, 1, 2",
                params,
            )
        return [ActorCount(*row) for row in rows]

    def excerpts(self, place_id: str, f: Filters = Filters(), limit: int = 50) -> list[Excerpt]:
        """Sentences mentioning ``place_id`` (mentions passing ``f``): most actors, then newest first.

        One excerpt per sentence, even when it names the place twice.
        """
        return self.excerpts_for_places((place_id,), f, limit).get(place_id, [])

    def excerpts_for_places(self, place_ids: Iterable[str], f: Filters = Filters(),
                            limit_per_place: int = 3) -> dict[str, list[Excerpt]]:
        """The best excerpts of each place (as :meth:`excerpts` ranks them), in four queries in all.

        Returns place id -> excerpts, for the places that have any passing ``f``.
        """
        if isinstance(place_ids, str):
            raise ValueError(f"place_ids must be an iterable of place ids, got the string {place_ids!r}")
        if limit_per_place < 0:
            raise ValueError(f"limit_per_place must be >= 0, got {limit_per_place!r}")
        ids = list(dict.fromkeys(place_ids))
        if not ids or not limit_per_place:
            return {}
        # The rank index (place, n_actors DESC, date DESC, article, sentence) holds each place's
        # mentions best first; n_actors and date are the sentence's and the article's, equal for
        # every mention of the place in one sentence, so DISTINCT leaves one row per sentence.
        order = "ORDER BY pm.n_actors DESC, pm.date DESC, pm.article_id, pm.sentence_idx"
        chosen: list[tuple[str, str, int]] = []  # (place, article, sentence), best first per place
        if f == Filters(places=f.places):
            # Nothing to look up elsewhere: a few index steps per place.
            from_sql, params = _from_mentions(f, "place", "pm", where=("pm.place_id = ?",))
            sql = (f"SELECT DISTINCT pm.place_id, pm.article_id, pm.sentence_idx, pm.n_actors, pm.date "
                   f"{from_sql} {order} LIMIT ?")
            for place_id in ids:
                chosen += [row[:3] for row in self.conn.execute(sql, [*params, place_id, limit_per_place])]
        else:
            # The filters' subqueries would run again for every place: one pass over all the
            # places' mentions in rank order instead, keeping the first ones per place.
            for chunk in _chunks(ids, 500):
                from_sql, params = _from_mentions(f, "place", "pm", where=(f"pm.place_id IN ({_marks(chunk)})",),
                                                  params=tuple(chunk))
                best: dict[str, list[tuple[str, str, int]]] = {}
                for place_id, article_id, idx in self.conn.execute(
                        f"SELECT pm.place_id, pm.article_id, pm.sentence_idx {from_sql} "
                        f"{order.replace('ORDER BY', 'ORDER BY pm.place_id,')}", params):
                    kept = best.setdefault(place_id, [])
                    # a sentence's mentions are neighbours in this order
                    if len(kept) < limit_per_place and (not kept or kept[-1][1:] != (article_id, idx)):
                        kept.append((place_id, article_id, idx))
                chosen += [row for place_id in chunk for row in best.get(place_id, ())]
        return self.excerpts_of(chosen)

    def excerpts_of(self, chosen: Iterable[tuple[str, str, int]]) -> dict[str, list[Excerpt]]:
        """Excerpts for (place id, article id, sentence index) triples, grouped by place in the
        given order (three queries; unknown sentences are left out)."""
        chosen = list(chosen)
        keys = json.dumps(list(dict.fromkeys((a, i) for _, a, i in chosen)))
        with_keys = "WITH k(article_id, idx) AS (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)) "
        sentences: dict[tuple[str, int], tuple] = {}
        place_spans: dict[tuple[str, int, str], list[tuple[int, int]]] = {}
        actors: dict[tuple[str, int], list[tuple]] = {}
        for article_id, idx, title, source, date, offset, text, path in self.conn.execute(
            f"{with_keys}SELECT s.article_id, s.idx, a.title, a.source, a.date, s.char_start, s.text, a.path FROM k "
            "JOIN sentences s ON s.article_id = k.article_id AND s.idx = k.idx JOIN articles a ON a.id = s.article_id",
            (keys,)):
            sentences[(article_id, idx)] = (title, source, date, offset, text, path)
        for article_id, idx, place_id, start, end in self.conn.execute(
            f"{with_keys}SELECT m.article_id, m.sentence_idx, m.place_id, m.char_start, m.char_end FROM k "
            "JOIN place_mentions m ON m.article_id = k.article_id AND m.sentence_idx = k.idx ORDER BY m.char_start",
            (keys,)):
            place_spans.setdefault((article_id, idx, place_id), []).append((start, end))
        for article_id, idx, *row in self.conn.execute(
            f"{with_keys}SELECT m.article_id, m.sentence_idx, m.char_start, m.char_end, m.surface, m.actor, "
            "m.category, m.coref FROM k JOIN actor_mentions m ON m.article_id = k.article_id "
            "AND m.sentence_idx = k.idx ORDER BY m.char_start, m.actor", (keys,)):
            actors.setdefault((article_id, idx), []).append(row)
        out: dict[str, list[Excerpt]] = {}
        for place_id, article_id, idx in chosen:
            if (article_id, idx) not in sentences:
                continue
            title, source, date, offset, text, path = sentences[(article_id, idx)]
            spans = tuple((s - offset, e - offset) for s, e in place_spans.get((article_id, idx, place_id), ()))
            found = tuple(ActorSpan(s - offset, e - offset, surface, actor, category, bool(coref))
                          for s, e, surface, actor, category, coref in actors.get((article_id, idx), ()))
            out.setdefault(place_id, []).append(
                Excerpt(article_id, title, source, _date_py(date), text, idx, offset, place_id, spans, found, path))
        return out

    def article(self, article_id: str) -> StoredArticle | None:
        """The stored article with its mentions (in text order), or None."""
        row = self.conn.execute(
            "SELECT id, text, title, source, date, path, url, added_at, engine FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            return None
        article = Article(row[0], row[1], row[2], row[3], _date_py(row[4]), row[5], row[6])
        key = (article_id,)
        sentences = tuple(self.conn.execute(
            "SELECT char_start, char_end FROM sentences WHERE article_id = ? ORDER BY idx", key))
        places = tuple(
            PlaceMention(surface, s, e, _place_from_row(prow), conf, bool(meto), method)
            for surface, s, e, conf, meto, method, *prow in self.conn.execute(
                f"SELECT pm.surface, pm.char_start, pm.char_end, pm.confidence, pm.metonymy, pm.method, "
                f"{_PLACE_COLUMNS_P} FROM place_mentions pm JOIN places p ON p.id = pm.place_id "
                "WHERE pm.article_id = ? ORDER BY pm.char_start", key)
        )
        actors = tuple(
            ActorMention(surface, s, e, actor, category, bool(coref))
            for surface, s, e, actor, category, coref in self.conn.execute(
                "SELECT surface, char_start, char_end, actor, category, coref FROM actor_mentions "
                "WHERE article_id = ? ORDER BY char_start, id", key)
        )
        unresolved = tuple(Span(*r) for r in self.conn.execute(
            "SELECT surface, char_start, char_end FROM unresolved WHERE article_id = ? ORDER BY char_start", key))
        return StoredArticle(article, places, actors, unresolved, sentences, row[7], row[8])

    def timeline(self, f: Filters = Filters()) -> list[tuple[dt.date, str, int]]:
        """(first day of month, actor, actor mentions) for mentions passing ``f``, by month then actor.

        Undated articles are left out.
        """
        from_sql, params = _from_mentions(f, "actor", "am", with_article=True, where=("a.date IS NOT NULL",))
        rows = self.conn.execute(
            f"SELECT substr(a.date, 1, 7) AS month, am.actor, count(*) {from_sql} "
            "GROUP BY month, am.actor ORDER BY month, am.actor",
            params,
        )
        return [(dt.date.fromisoformat(month + "-01"), actor, n) for month, actor, n in rows]

    def mentions(self, f: Filters = Filters()) -> Iterator[MentionRow]:
        """Every place mention passing ``f`` as a flat row (by article date, article, offset).

        A generator over an open cursor: consume it before writing to this store.
        """
        from_sql, params = _from_mentions(f, "place", "pm", with_article=True, with_place=True, with_sentence=True)
        cursor = self.conn.execute(
            "SELECT pm.article_id, a.title, a.source, a.date, p.id, p.name, p.kind, p.lat, p.lon, p.admin1, "
            "pm.surface, pm.char_start, pm.char_end, pm.confidence, s.text, "
            "(SELECT group_concat(actor, char(31)) FROM (SELECT DISTINCT x.actor FROM actor_mentions x "
            " WHERE x.article_id = pm.article_id AND x.sentence_idx = pm.sentence_idx)), a.path, a.url "
            f"{from_sql} ORDER BY a.date IS NULL, a.date, pm.article_id, pm.char_start",
            params,
        )
        for row in cursor:
            actors = ";".join(sorted(row[15].split("\x1f"))) if row[15] else ""
            yield MentionRow(row[0], row[1], row[2], _date_py(row[3]), *row[4:15], actors, row[16], row[17])

    def facets(self) -> Facets:
        """Values and counts for the filter widgets, most frequent first (from the total tables)."""
        q = self.conn.execute
        date_min, date_max = q("SELECT min(date), max(date) FROM articles").fetchone()
        return Facets(
            sources=tuple(q("SELECT source, count(*) FROM articles WHERE source IS NOT NULL "
                            "GROUP BY source ORDER BY 2 DESC, 1")),
            governorates=tuple(q("SELECT p.admin1, sum(t.mentions) FROM place_totals t JOIN places p "
                                 "ON p.id = t.place_id WHERE p.admin1 IS NOT NULL AND t.mentions > 0 "
                                 "GROUP BY p.admin1 ORDER BY 2 DESC, 1")),
            categories=tuple(q("SELECT category, sum(mentions) FROM actor_totals WHERE mentions > 0 "
                               "GROUP BY category ORDER BY 2 DESC, 1")),
            actors=tuple(self.actor_counts(Filters())),
            places=tuple(PlaceFacet(*r) for r in q(
                "SELECT p.id, p.name, p.kind, p.admin1, t.mentions, p.name_ar FROM place_totals t JOIN places p "
                "ON p.id = t.place_id WHERE t.mentions > 0 ORDER BY 5 DESC, p.name, p.id")),
            date_min=_date_py(date_min),
            date_max=_date_py(date_max),
        )

    def unresolved_names(self, limit: int = 20) -> list[tuple[str, int]]:
        """The most frequent unresolved names: (surface, occurrences), most first."""
        return [tuple(r) for r in self.conn.execute(
            "SELECT surface, count(*) FROM unresolved GROUP BY surface ORDER BY 2 DESC, 1 LIMIT ?", (limit,))]

    # -- integrity -------------------------------------------------------------

    def check(self) -> list[str]:
        """Problems found in the store's contents, one line each; [] when sound.

        Runs SQLite's integrity and foreign-key checks, then the store's own:
        migrations applied, sentences present and matching the text, mention
        offsets inside the text with ``text[start:end] == surface``, every
        mention inside its sentence, no orphan rows, and the per-article counts
        recorded at write time equal to the rows present.
        """
        problems: list[str] = []
        try:
            problems += self._check_sqlite()
            problems += self._check_migrations()
            for label, sql in _CHECKS:
                problems += [f"{label}: {', '.join(map(str, row))}" for row in self.conn.execute(sql).fetchmany(50)]
        except sqlite3.DatabaseError as exc:
            problems.append(f"database error while checking: {exc}")
        return problems

    def _check_sqlite(self) -> list[str]:
        problems = [f"integrity_check: {row[0]}" for row in self.conn.execute("PRAGMA integrity_check")
                    if row[0] != "ok"]
        problems += [f"foreign_key_check: {table} row {rowid} -> {parent}"
                     for table, rowid, parent, _ in self.conn.execute("PRAGMA foreign_key_check")]
        return problems

    def _check_migrations(self) -> list[str]:
        applied = self.applied_migrations()
        return [f"migration {name} not applied" for name, _ in MIGRATIONS if name not in applied]


class MentionIndex:
    """Every place mention of a store as arrays, for :meth:`Store.place_counts` under filters
    without SQL: a filter change then costs milliseconds, not a query over 100k mentions.

    Built once per store version by :meth:`load` (about 0.3 s for 100k mentions,
    in one read transaction) and never changed after, so threads may share it.
    :meth:`place_counts` answers as the store does for any :class:`Filters`;
    for ``text`` it keeps the sentences that mention a place and the titles
    (what the store's text filter searches) and matches them as the store's
    SQL does: ASCII text as ``LIKE`` (ASCII letters of any case), other text
    after ``casefold`` on both sides.

    >>> with Store(":memory:") as store:
    ...     MentionIndex.load(store).place_counts(Filters(actors=("Daesh",)))
    []
    """

    def __init__(self, version: tuple[str, int], places: list[tuple], sources: list[str | None],
                 actor_pairs: list[tuple[str, str]], arrays: dict[str, object], article_ids: list[str],
                 sentences: list[str] | None = None, titles: list[str | None] | None = None) -> None:
        self.version = version
        self._article_ids = article_ids
        # text search: the texts of the sentences keyed by arrays["text_sentence"], the titles
        # by article number, each as LIKE compares them (ASCII case folded) and casefolded
        # (the latter built on the first non-ASCII search)
        self._sentences_like = [_like_folded(s) for s in sentences or ()]
        self._titles_like = [_like_folded(t) if t else "" for t in titles or ()]
        self._raw_text = (sentences or [], titles or [])
        self._folded: tuple[list[str], list[str]] | None = None
        self._fold_lock = threading.Lock()
        self._places = places  # (id, name, kind, lat, lon, admin1) by place number
        self._place_no = {p[0]: i for i, p in enumerate(places)}
        self._source_no = {s: i for i, s in enumerate(sources)}
        self._actor_pairs = actor_pairs  # (actor, category) by number
        self._a = arrays

    @classmethod
    def load(cls, store: Store) -> MentionIndex:
        """Read the store's place mentions, articles and sentence actors (one snapshot)."""
        import numpy as np

        conn = store.conn
        conn.execute("BEGIN")  # one snapshot for every read below (WAL)
        try:
            version = store.version()
            places = conn.execute("SELECT id, name, kind, lat, lon, admin1 FROM places").fetchall()
            articles = conn.execute("SELECT id, source, date, title FROM articles").fetchall()
            mentions = conn.execute(
                "SELECT place_id, article_id, sentence_idx, n_actors FROM place_mentions").fetchall()
            sentence_actors = conn.execute(
                "SELECT DISTINCT article_id, sentence_idx, actor, category FROM actor_mentions").fetchall()
            sentences = conn.execute(  # the ones a text filter can keep a place mention for
                "SELECT s.article_id, s.idx, s.text FROM sentences s WHERE EXISTS (SELECT 1 FROM place_mentions m "
                "WHERE m.article_id = s.article_id AND m.sentence_idx = s.idx)").fetchall()
        finally:
            conn.execute("COMMIT")
        place_no = {p[0]: i for i, p in enumerate(places)}
        article_no = {a[0]: i for i, a in enumerate(articles)}
        sources = sorted({a[1] for a in articles if a[1] is not None})
        source_no = {s: i for i, s in enumerate(sources)}
        pair_no: dict[tuple[str, str], int] = {}
        # a sentence is (article number, index): one int64 key
        width = 1 + max([m[2] for m in mentions] + [x[1] for x in sentence_actors], default=0)
        pm_place = np.fromiter((place_no[m[0]] for m in mentions), np.int32, len(mentions))
        pm_article = np.fromiter((article_no[m[1]] for m in mentions), np.int64, len(mentions))
        pm_sentence = pm_article * width + np.fromiter((m[2] for m in mentions), np.int64, len(mentions))
        sa_sentence = np.fromiter((article_no[x[0]] * width + x[1] for x in sentence_actors), np.int64,
                                  len(sentence_actors))
        sa_pair = np.fromiter((pair_no.setdefault((x[2], x[3]), len(pair_no)) for x in sentence_actors), np.int32,
                              len(sentence_actors))
        # every (place mention, actor of its sentence) pair: the per-actor breakdown of a place
        order = np.argsort(sa_sentence, kind="stable")
        sa_sentence, sa_pair = sa_sentence[order], sa_pair[order]
        lo = np.searchsorted(sa_sentence, pm_sentence, "left")
        n = np.searchsorted(sa_sentence, pm_sentence, "right") - lo
        pma_mention = np.repeat(np.arange(len(mentions)), n)
        within = np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
        pma_pair = sa_pair[np.repeat(lo, n) + within]
        arrays = {
            "pm_place": pm_place, "pm_article": pm_article, "pm_sentence": pm_sentence,
            "sa_sentence": sa_sentence, "sa_pair": sa_pair, "pma_mention": pma_mention, "pma_pair": pma_pair,
            "article_source": np.array([source_no.get(a[1], -1) for a in articles], np.int32),
            "article_date": np.array([dt.date.fromisoformat(a[2]).toordinal() if a[2] else -1 for a in articles],
                                     np.int64),
            # the excerpt ranking: sentence's actors, article date, article id, sentence index
            "pm_n_actors": np.fromiter((m[3] for m in mentions), np.int64, len(mentions)),
            "pm_index": np.fromiter((m[2] for m in mentions), np.int64, len(mentions)),
            "article_rank": np.argsort(np.argsort(np.array([a[0] for a in articles], dtype=object), kind="stable")),
        }
        text_sentence = np.fromiter((article_no[s[0]] * width + s[1] for s in sentences), np.int64, len(sentences))
        order = np.argsort(text_sentence, kind="stable")
        arrays["text_sentence"] = text_sentence[order]
        texts = [sentences[i][2] for i in order]
        return cls(version, places, sources, list(pair_no), arrays, [a[0] for a in articles],
                   texts, [a[3] for a in articles])

    def _mask(self, f: Filters):
        import numpy as np

        a = self._a
        mask = np.ones(len(a["pm_place"]), bool)
        if f.places:
            mask &= np.isin(a["pm_place"], [self._place_no[p] for p in f.places if p in self._place_no])
        if f.governorates:
            wanted = set(f.governorates)
            mask &= np.isin(a["pm_place"], [i for i, p in enumerate(self._places) if p[5] in wanted])
        for values, field_no in ((f.actors, 0), (f.categories, 1)):
            if values:
                wanted = set(values)
                pairs = [i for i, pair in enumerate(self._actor_pairs) if pair[field_no] in wanted]
                mask &= np.isin(a["pm_sentence"], a["sa_sentence"][np.isin(a["sa_pair"], pairs)])
        if f.sources:
            ok = np.isin(a["article_source"], [self._source_no[s] for s in f.sources if s in self._source_no])
            mask &= ok[a["pm_article"]]
        if f.date_from or f.date_to:
            date = a["article_date"][a["pm_article"]]
            ok = date >= 0
            if f.date_from:
                ok &= date >= f.date_from.toordinal()
            if f.date_to:
                ok &= date <= f.date_to.toordinal()
            mask &= ok
        if f.text:
            mask &= self._text_mask(f.text)
        return mask

    def _text_mask(self, text: str):
        """Mentions whose sentence or article title contains ``text`` (as :func:`_text_match`)."""
        import numpy as np

        a = self._a
        needle = _text_needle(text)
        if needle.isascii():
            sentences, titles = self._sentences_like, self._titles_like
        else:
            sentences, titles = self._casefolded()
        hit = np.fromiter((needle in s for s in sentences), bool, len(sentences))
        by_title = np.fromiter((needle in t for t in titles), bool, len(titles))
        mask = np.isin(a["pm_sentence"], a["text_sentence"][hit])
        if len(by_title):
            mask |= by_title[a["pm_article"]]
        return mask

    def _casefolded(self) -> tuple[list[str], list[str]]:
        with self._fold_lock:
            if self._folded is None:
                sentences, titles = self._raw_text
                self._folded = ([_fold(s) for s in sentences], [_fold(t) for t in titles])
            return self._folded

    def excerpt_keys(self, place_ids: Iterable[str], f: Filters = Filters(),
                     limit_per_place: int = 3) -> list[tuple[str, str, int]]:
        """The sentences :meth:`Store.excerpts_for_places` would show, as (place, article,
        sentence index), best first per place (read them with :meth:`Store.excerpts_of`)."""
        import numpy as np

        a = self._a
        wanted = [self._place_no[p] for p in dict.fromkeys(place_ids) if p in self._place_no]
        chosen = np.flatnonzero(self._mask(f) & np.isin(a["pm_place"], wanted))
        place = a["pm_place"][chosen]
        sentence = a["pm_sentence"][chosen]
        date = a["article_date"][a["pm_article"][chosen]]
        order = np.lexsort((a["pm_index"][chosen], a["article_rank"][a["pm_article"][chosen]],
                            np.where(date < 0, np.iinfo(np.int64).max, -date), -a["pm_n_actors"][chosen], place))
        chosen, place, sentence = chosen[order], place[order], sentence[order]
        # one row per (place, sentence), then the first ``limit_per_place`` of each place
        new = np.ones(len(chosen), bool)
        new[1:] = (place[1:] != place[:-1]) | (sentence[1:] != sentence[:-1])
        chosen, place = chosen[new], place[new]
        starts = np.ones(len(chosen), bool)
        starts[1:] = place[1:] != place[:-1]
        start_at = np.maximum.accumulate(np.where(starts, np.arange(len(chosen)), 0))
        chosen = chosen[np.arange(len(chosen)) - start_at < limit_per_place]
        by_place: dict[int, list[tuple[str, str, int]]] = {}
        for i in chosen:
            p = int(a["pm_place"][i])
            by_place.setdefault(p, []).append(
                (self._places[p][0], self._article_ids[int(a["pm_article"][i])], int(a["pm_index"][i])))
        return [key for p in wanted for key in by_place.get(p, ())]

    def place_counts(self, f: Filters = Filters()) -> list[PlaceCount]:
        """What :meth:`Store.place_counts` returns for ``f``."""
        import numpy as np

        a = self._a
        mask = self._mask(f)
        n_places = len(self._places)
        place = a["pm_place"][mask].astype(np.int64)
        mentions = np.bincount(place, minlength=n_places)
        place_articles = np.unique(place * (len(a["article_source"]) + 1) + a["pm_article"][mask])
        articles = np.bincount(place_articles // (len(a["article_source"]) + 1), minlength=n_places)
        kept = mask[a["pma_mention"]]
        n_pairs = len(self._actor_pairs) or 1
        keys, counts = np.unique(a["pm_place"][a["pma_mention"][kept]].astype(np.int64) * n_pairs
                                 + a["pma_pair"][kept], return_counts=True)
        breakdown = sorted(((int(k // n_pairs), *self._actor_pairs[int(k % n_pairs)], int(c))
                            for k, c in zip(keys, counts)), key=lambda r: (-r[3], r[1], r[2]))
        found = sorted((int(i) for i in np.flatnonzero(mentions)),
                       key=lambda i: (-int(mentions[i]), self._places[i][1], self._places[i][0]))
        return _place_count_rows(((i, self._places[i], int(mentions[i]), int(articles[i])) for i in found),
                                 breakdown)


def _place_count_rows(rows: Iterable[tuple], breakdown: Iterable[tuple]) -> list[PlaceCount]:
    """PlaceCounts from ``(key, (id, name, kind, lat, lon, admin1), mentions, articles)`` rows,
    in their order, and a ``(key, actor, category, mentions)`` breakdown, most mentions first
    (the order ``actors`` keeps)."""
    actors: dict[object, dict[str, int]] = {}
    categories: dict[object, dict[str, int]] = {}
    for key, actor, category, n in breakdown:
        actors.setdefault(key, {})[actor] = n
        by_category = categories.setdefault(key, {})
        by_category[category] = by_category.get(category, 0) + n
    out = []
    for key, place, n, n_articles in rows:
        by_category = _most_first(categories.get(key, {}))
        out.append(PlaceCount(*place, n, n_articles, actors.get(key, {}), by_category, next(iter(by_category), None)))
    return out


_JOIN_SENTENCE_ACTORS = (
    "FROM place_mentions pm JOIN actor_mentions am "
    "ON am.article_id = pm.article_id AND am.sentence_idx = pm.sentence_idx"
)


def _bump_generation(conn: sqlite3.Connection) -> None:
    """A write the generation's triggers (article insert or delete) do not see: an article's
    engine stamped. The dashboard's caches, keyed on :meth:`Store.version`, follow it."""
    conn.execute("UPDATE store_meta SET value = value + 1 WHERE key = 'generation'")


def _same_annotations(stored: StoredArticle, parsed: ParsedArticle, sentences: tuple[tuple[int, int], ...]) -> bool:
    """Whether the store already holds what ``parsed`` says of the same article."""
    if stored.article != parsed.article:
        return False

    def places(ms):
        return sorted((m.start, m.end, m.text, _place_row(m.place), m.confidence, bool(m.metonymy), m.method)
                      for m in ms)

    def actors(ms):
        return sorted((m.start, m.end, m.text, m.actor, m.category, bool(m.coref)) for m in ms)

    return (tuple(stored.sentences) == tuple(sentences) and places(stored.places) == places(parsed.places)
            and actors(stored.actors) == actors(parsed.actors)
            and sorted((s.start, s.end, s.text) for s in stored.unresolved)
            == sorted((s.start, s.end, s.text) for s in parsed.unresolved))


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _most_first(counts: dict[str, int]) -> dict[str, int]:
    if len(counts) < 2:
        return dict(counts)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


_PLACE_COLUMNS = ("id", "name", "kind", "lat", "lon", "country", "admin1", "admin2", "population",
                  "name_ar", "names", "wof_id", "gn_id", "capital_of")
_PLACE_COLUMNS_P = ", ".join(f"p.{c}" for c in _PLACE_COLUMNS)
_UPSERT_PLACE = (
    f"INSERT INTO places ({', '.join(_PLACE_COLUMNS)}) VALUES ({_marks(_PLACE_COLUMNS)}) "
    "ON CONFLICT (id) DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in _PLACE_COLUMNS[1:])
)


def _place_row(p: Place) -> tuple[object, ...]:
    return (p.id, p.name, p.kind, p.lat, p.lon, p.country, p.admin1, p.admin2, p.population, p.name_ar,
            json.dumps(list(p.names), ensure_ascii=False), p.wof_id, p.gn_id, p.capital_of)


def _place_from_row(row: list[object]) -> Place:
    values = dict(zip(_PLACE_COLUMNS, row))
    values["names"] = tuple(json.loads(values["names"] or "[]"))
    return Place(**values)


def _mention_checks(table: str, label: str) -> list[tuple[str, str]]:
    """Checks shared by the three mention tables (text match, sentence, orphans)."""
    return [
        (f"{label} does not match the article text (article, start, end, surface)",
         f"SELECT m.article_id, m.char_start, m.char_end, m.surface FROM {table} m "
         "JOIN articles a ON a.id = m.article_id WHERE m.char_start < 0 OR m.char_end <= m.char_start "
         "OR m.char_end > length(a.text) "
         "OR substr(a.text, m.char_start + 1, m.char_end - m.char_start) != m.surface"),
        (f"{label} outside its sentence (article, sentence, start)",
         f"SELECT m.article_id, m.sentence_idx, m.char_start FROM {table} m JOIN sentences s "
         "ON s.article_id = m.article_id AND s.idx = m.sentence_idx "
         "WHERE m.char_start < s.char_start OR m.char_start >= s.char_end"),
        (f"{label} without its article or sentence (article, sentence, start)",
         f"SELECT m.article_id, m.sentence_idx, m.char_start FROM {table} m "
         "WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = m.article_id AND s.idx = m.sentence_idx) "
         "OR NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = m.article_id)"),
    ]


_CHECKS: tuple[tuple[str, str], ...] = (
    ("file gives an article not stored (origin, article)",
     "SELECT o.origin, o.article_id FROM article_origins o "
     "WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = o.article_id)"),
    ("article without sentences (article)",
     "SELECT a.id FROM articles a WHERE trim(a.text) != '' "
     "AND NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.id)"),
    ("sentence does not match the article text (article, sentence)",
     "SELECT s.article_id, s.idx FROM sentences s JOIN articles a ON a.id = s.article_id "
     "WHERE s.char_end > length(a.text) OR substr(a.text, s.char_start + 1, s.char_end - s.char_start) != s.text"),
    ("sentence without its article (article, sentence)",
     "SELECT s.article_id, s.idx FROM sentences s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = s.article_id)"),
    ("sentence numbering has gaps (article, sentences, max index)",
     "SELECT article_id, count(*), max(idx) FROM sentences GROUP BY article_id HAVING count(*) != max(idx) + 1"),
    ("place mention without its place (article, start, place)",
     "SELECT m.article_id, m.char_start, m.place_id FROM place_mentions m "
     "WHERE NOT EXISTS (SELECT 1 FROM places p WHERE p.id = m.place_id)"),
    ("place never mentioned (place)",
     "SELECT p.id FROM places p WHERE NOT EXISTS (SELECT 1 FROM place_mentions m WHERE m.place_id = p.id)"),
    *_mention_checks("place_mentions", "place mention"),
    *_mention_checks("actor_mentions", "actor mention"),
    *_mention_checks("unresolved", "unresolved name"),
    ("place totals differ from the mentions (place, mentions, articles; stored or recounted, not both)",
     "SELECT * FROM (SELECT place_id, mentions, articles FROM place_totals WHERE mentions > 0 EXCEPT "
     "SELECT place_id, count(*), count(DISTINCT article_id) FROM place_mentions GROUP BY place_id) UNION ALL "
     "SELECT * FROM (SELECT place_id, count(*), count(DISTINCT article_id) FROM place_mentions GROUP BY place_id "
     "EXCEPT SELECT place_id, mentions, articles FROM place_totals)"),
    ("place-actor totals differ from the mentions (place, actor, category, mentions)",
     "SELECT * FROM (SELECT place_id, actor, category, mentions FROM place_actor_totals WHERE mentions > 0 EXCEPT "
     "SELECT pm.place_id, am.actor, am.category, count(DISTINCT pm.id) " + _JOIN_SENTENCE_ACTORS + " "
     "GROUP BY 1, 2, 3) UNION ALL SELECT * FROM (SELECT pm.place_id, am.actor, am.category, count(DISTINCT pm.id) "
     + _JOIN_SENTENCE_ACTORS + " GROUP BY 1, 2, 3 EXCEPT "
     "SELECT place_id, actor, category, mentions FROM place_actor_totals)"),
    ("actor totals differ from the mentions (actor, category, mentions, articles)",
     "SELECT * FROM (SELECT actor, category, mentions, articles FROM actor_totals WHERE mentions > 0 EXCEPT "
     "SELECT actor, category, count(*), count(DISTINCT article_id) FROM actor_mentions GROUP BY 1, 2) UNION ALL "
     "SELECT * FROM (SELECT actor, category, count(*), count(DISTINCT article_id) FROM actor_mentions "
     "GROUP BY 1, 2 EXCEPT SELECT actor, category, mentions, articles FROM actor_totals)"),
    ("place mention's ranking columns differ from its sentence and article (article, start, n_actors, date)",
     "SELECT pm.article_id, pm.char_start, pm.n_actors, pm.date FROM place_mentions pm "
     "JOIN articles a ON a.id = pm.article_id WHERE pm.date IS NOT a.date OR pm.n_actors != "
     "(SELECT count(DISTINCT x.actor) FROM actor_mentions x "
     " WHERE x.article_id = pm.article_id AND x.sentence_idx = pm.sentence_idx)"),
    ("counts differ from those written (article, sentences, places, actors, unresolved: recorded/found)",
     "SELECT a.id, a.n_sentences || '/' || (SELECT count(*) FROM sentences x WHERE x.article_id = a.id), "
     "a.n_places || '/' || (SELECT count(*) FROM place_mentions x WHERE x.article_id = a.id), "
     "a.n_actors || '/' || (SELECT count(*) FROM actor_mentions x WHERE x.article_id = a.id), "
     "a.n_unresolved || '/' || (SELECT count(*) FROM unresolved x WHERE x.article_id = a.id) FROM articles a "
     "WHERE a.n_sentences != (SELECT count(*) FROM sentences x WHERE x.article_id = a.id) "
     "OR a.n_places != (SELECT count(*) FROM place_mentions x WHERE x.article_id = a.id) "
     "OR a.n_actors != (SELECT count(*) FROM actor_mentions x WHERE x.article_id = a.id) "
     "OR a.n_unresolved != (SELECT count(*) FROM unresolved x WHERE x.article_id = a.id)"),
)
