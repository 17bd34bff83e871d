"""Geocoders: the offline gazetteer as a geopy geocoder, and Nominatim.

:class:`OfflineGazetteer` is a :class:`geopy.geocoders.base.Geocoder`, so
code written against geopy (``geocode(query, exactly_one=...)`` returning
``None``, a :class:`geopy.location.Location` or a list of them) can swap it
for Nominatim without change: see :func:`make_geocoder`.

>>> from geo.model import Place
>>> from geo.gazetteer import Gazetteer
>>> g = Gazetteer.from_places([Place("wof:1", "Saraqib", "town", 35.86, 36.81,
...                                  country="SY", admin1="Idleb", names=("Saraqeb",))])
>>> OfflineGazetteer(g).geocode("Saraqeb").raw["id"]
'wof:1'
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from geopy.exc import GeocoderQueryError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point
from rapidfuzz import fuzz

from geo.gazetteer import Gazetteer
from geo.model import Place
from geo.names import name_key, skeleton_key

log = logging.getLogger(__name__)

__all__ = ("KIND_RANK", "NEAR_COUNTRIES", "NEIGHBOURS", "CachedGeocoder", "OfflineGazetteer",
           "make_geocoder")

#: Countries bordering Syria, ranked after Syria and before the world.
NEIGHBOURS = frozenset({"TR", "IQ", "LB", "JO", "IL", "PS"})
#: Syria and its neighbours: where places are meant by any spelling, not only their own names.
NEAR_COUNTRIES = NEIGHBOURS | {"SY"}

#: Tie-break order of kinds (lower first).
KIND_RANK = {
    "country": 0, "governorate": 1, "town": 2, "district": 3, "region": 4,
    "village": 5, "neighbourhood": 6, "other": 7,
}

#: How a query matched a place, best first (``raw["match"]``).
MATCHES = ("exact", "key", "skeleton")

#: How alike (rapidfuzz ratio of the folded keys, 0-100) a skeleton match must be
#: to one of the place's names: more than this (more than half: "xyzzy" and Gaza's
#: Kurdish name "Xeze" are exactly half alike).
SKELETON_MIN_RATIO = 50.0

NOMINATIM_USER_AGENT = "syria-news-map/0.1 (offline-first conflict news dashboard)"


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


class OfflineGazetteer(Geocoder):
    """Geocode place names against the local gazetteer; no network.

    Args:
        gazetteer: the gazetteer to search; default: :meth:`Gazetteer.load`
            of ``path`` (or the shipped file), loaded on first use.
        path: gazetteer file to load when ``gazetteer`` is None.
        timeout, user_agent: accepted for geopy compatibility; unused.
    """

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        path: Path | str | None = None,
        timeout: Any = DEFAULT_SENTINEL,
        user_agent: str | None = None,
    ) -> None:
        super().__init__(timeout=timeout, user_agent=user_agent)
        self._gazetteer = gazetteer
        self._path = path
        self._country_names: dict[str, str] | None = None

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer searched (loaded on first use; raises GazetteerError)."""
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.load(self._path)
        return self._gazetteer

    def candidates(self, query: str, *, country_codes: str | Iterable[str] | None = None
                   ) -> list[tuple[Place, str]]:
        """Every place ``query`` names, ranked best first, with how it matched.

        Ranking: exact name (case-insensitive) before folded key before
        skeleton; then Syria (and every country and national capital), its
        neighbours, the world; then kind (:data:`KIND_RANK`); then larger
        population. A skeleton match (same consonants: an unknown spelling)
        counts only in Syria and its neighbours, and only if one of the
        place's names is also alike letter by letter
        (:data:`SKELETON_MIN_RATIO`): "xyzzy" is not Xuzhou, "Saraqeb" not
        Sorocaba.

        Raises:
            GeocoderQueryError: ``query`` is not a non-empty string, or a
                country code is not two letters.
        """
        if not isinstance(query, str) or not query.strip():
            raise GeocoderQueryError(f"query must be a non-empty string, got {query!r}")
        wanted = _country_codes(country_codes)
        gaz = self.gazetteer
        exact = _norm(query)
        found: dict[str, tuple[Place, int]] = {}
        key = name_key(query)
        for place in gaz.by_key(key) if key else ():
            level = 0 if any(_norm(n) == exact for n in (place.name, *place.names)) else 1
            found[place.id] = (place, level)
        skel = skeleton_key(query)
        for place in gaz.by_skeleton(skel) if skel else ():
            if place.id not in found and _similar(key, place):
                found[place.id] = (place, 2)
        ranked = sorted(
            (pair for pair in found.values() if wanted is None or (pair[0].country or "") in wanted),
            key=lambda pair: _rank(*pair),
        )
        return [(place, MATCHES[level]) for place, level in ranked]

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        country_codes: str | Iterable[str] | None = None,
        limit: int | None = None,
    ) -> Location | list[Location] | None:
        """Geocode a place name.

        Args:
            query: a place name in any spelling the gazetteer knows
                (Saraqeb, Saraqib, سراقب).
            exactly_one: return the best :class:`Location` instead of a list.
            timeout: ignored (nothing goes over a network).
            country_codes: ISO 3166-1 alpha-2 code(s) to restrict results to.
            limit: at most this many results when ``exactly_one`` is False.

        Returns:
            None if nothing matches; else a ``Location(address, Point, raw)``
            (or a ranked list of them), ``raw`` being the gazetteer record
            (:meth:`Gazetteer.record`) plus ``match``: exact, key or skeleton.

        Raises:
            GeocoderQueryError: bad query or country code (a ValueError).
        """
        ranked = self.candidates(query, country_codes=country_codes)
        if not ranked:
            return None
        if exactly_one:
            return self._location(*ranked[0])
        if limit is not None:
            ranked = ranked[:limit]
        return [self._location(place, match) for place, match in ranked]

    def reverse(
        self,
        query: Point | tuple[float, float] | str,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        kinds: Sequence[str] = ("town", "village", "neighbourhood"),
        limit: int = 10,
    ) -> Location | list[Location] | None:
        """The places of ``kinds`` nearest a point, nearest first.

        A linear scan: the first call parses every gazetteer row (about a
        second); fine for occasional use, not for bulk reverse geocoding.
        """
        try:
            point = query if isinstance(query, Point) else Point(query)
        except (ValueError, TypeError) as exc:
            raise GeocoderQueryError(f"not a point: {query!r}") from exc
        lat, lon = point.latitude, point.longitude
        wanted = frozenset(kinds)
        scored = sorted(
            ((_distance_km(lat, lon, p.lat, p.lon), p) for p in self.gazetteer if p.kind in wanted),
            key=lambda pair: pair[0],
        )[:limit]
        if not scored:
            return None
        locations = [self._location(p, "reverse") for _, p in scored]
        return locations[0] if exactly_one else locations

    # ---------------------------------------------------------------- helpers

    def _location(self, place: Place, match: str) -> Location:
        raw = self.gazetteer.record(place.id)
        raw["match"] = match
        return Location(self._address(place), Point(place.lat, place.lon), raw)

    def _address(self, place: Place) -> str:
        parts = [place.name]
        if place.kind not in ("country", "governorate") and place.admin1 and place.admin1 != place.name:
            parts.append(place.admin1)
        if place.kind != "country" and place.country:
            parts.append(self._country_name(place.country))
        return ", ".join(parts)

    def _country_name(self, code: str) -> str:
        if self._country_names is None:
            names: dict[str, str] = {}
            for place in self.gazetteer.by_kind("country"):
                names.setdefault(place.country or "", place.name)
            self._country_names = names
        return self._country_names.get(code, code)


def _similar(key: str, place: Place) -> bool:
    if place.country not in NEAR_COUNTRIES:
        return False
    return any(fuzz.ratio(key, name_key(n)) > SKELETON_MIN_RATIO for n in (place.name, *place.names))


def _rank(place: Place, level: int) -> tuple[int, int, int, int]:
    country = place.country or ""
    # Countries and national capitals are news-worthy wherever they are: they
    # rank with Syria, so "Qatar" is the country before a Syrian hamlet Qatar.
    prominent = place.kind == "country" or place.capital_of is not None
    tier = 0 if country == "SY" or prominent else 1 if country in NEIGHBOURS else 2
    return (level, tier, KIND_RANK.get(place.kind, len(KIND_RANK)), -(place.population or 0))


def _country_codes(codes: str | Iterable[str] | None) -> frozenset[str] | None:
    if codes is None:
        return None
    if isinstance(codes, str):
        codes = [codes]
    out = set()
    for code in codes:
        if not isinstance(code, str) or len(code) != 2 or not code.isalpha():
            raise GeocoderQueryError(f"country code must be ISO 3166-1 alpha-2, got {code!r}")
        out.add(code.upper())
    return frozenset(out)


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


class CachedGeocoder:
    """A geopy geocoder behind geopy's :class:`RateLimiter` and an in-memory cache.

    Repeated queries (same text and options) are answered from the cache;
    others wait ``min_delay_seconds`` between calls, as Nominatim's usage
    policy requires (one request a second). A failed call (no network, service
    down) is retried once after ``error_wait_seconds``, then raised, not
    cached: an outage is not remembered as "no such place".
    """

    def __init__(self, geocoder: Geocoder, *, min_delay_seconds: float = 1.0, max_entries: int = 10_000,
                 error_wait_seconds: float = 2.0) -> None:
        if max_entries <= 0:
            raise ValueError(f"max_entries must be positive, got {max_entries!r}")
        self.geocoder = geocoder
        self._geocode: Callable[..., Any] = RateLimiter(
            geocoder.geocode, min_delay_seconds=min_delay_seconds, max_retries=1,
            error_wait_seconds=error_wait_seconds, swallow_exceptions=False)
        self._cache: dict[tuple[str, str], Any] = {}
        self._max = max_entries

    def geocode(self, query: str, **kwargs: Any) -> Location | list[Location] | None:
        """``geocoder.geocode(query, **kwargs)``, cached and rate-limited."""
        key = (query, repr(sorted(kwargs.items())))
        if key in self._cache:
            return self._cache[key]
        result = self._geocode(query, **kwargs)
        if len(self._cache) >= self._max:
            self._cache.pop(next(iter(self._cache)))  # oldest first
        self._cache[key] = result
        return result


def make_geocoder(name: str = "offline", **kw: Any) -> OfflineGazetteer | CachedGeocoder:
    """A geocoder by name.

    ``offline`` (default): :class:`OfflineGazetteer` (``kw``: gazetteer, path).
    ``nominatim``: geopy's Nominatim (``kw`` passed on; ``user_agent``
    defaulted; ``min_delay_seconds`` for the rate limiter) wrapped in
    :class:`CachedGeocoder`. Constructing it does not touch the network.

    Raises:
        ValueError: an unknown name.
    """
    if name == "offline":
        return OfflineGazetteer(**kw)
    if name == "nominatim":
        from geopy.geocoders import Nominatim

        delay = kw.pop("min_delay_seconds", 1.0)
        kw.setdefault("user_agent", NOMINATIM_USER_AGENT)
        return CachedGeocoder(Nominatim(**kw), min_delay_seconds=delay)
    raise ValueError(f"unknown geocoder {name!r}: expected 'offline' or 'nominatim'")
