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
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from geo import config
from geo.errors import StoreError
from geo.model import ActorMention, Article, ParsedArticle, Place, PlaceMention, Span
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
    sentence names it (most first); ``categories`` the same per actor category;
    ``top_category`` is the most frequent category (None when no actor at all).
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

    @property
    def parsed(self) -> ParsedArticle:
        """The same content as a :class:`ParsedArticle`."""
        return ParsedArticle(self.article, self.places, self.actors, self.unresolved, self.sentences)


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


@dataclass(frozen=True)
class PlaceFacet:
    """A place for the searchable list: id, display name and total mentions."""

    place_id: str
    name: str
    kind: str
    admin1: str | None
    mentions: int


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


