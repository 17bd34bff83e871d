"""The gazetteer: every known place, looked up by folded name.

The gazetteer is built by ``scripts/build_gazetteer.py`` into
``data/gazetteer.csv.gz`` and loaded with :meth:`Gazetteer.load`.

File format (``geo-gazetteer/2``), a gzipped UTF-8 text in four parts:

1. one line: ``#`` and a JSON object of metadata: ``format``,
   ``names_fingerprint`` (which :mod:`geo.names` folded the keys), and the
   line counts ``places``, ``keys``, ``skeletons``, ``common_words``;
2. a CSV table, header :data:`COLUMNS` then one place a row (list cells,
   ``names`` and ``members``, are ``|``-joined; ``source``, ``method`` and
   ``members`` say where a point came from and, for computed points such as
   regions, how);
3. the name-key index: one line per :func:`~geo.names.name_key`,
   ``key<TAB>row row ...`` (0-based rows of part 2), sorted by key;
4. the same for :func:`~geo.names.skeleton_key`, then for the folded keys
   of frequent English words: ``key<TAB>word word ...``.

Loading splits the text into lines and does nothing more: lookups bisect the
sorted index lines and parse a CSV row into a :class:`~geo.model.Place` only
when the place is asked for, which keeps :meth:`Gazetteer.load` well under a
second. A file whose ``names_fingerprint`` differs from the running
:mod:`geo.names` is re-keyed on load (slower, with a warning).

>>> from geo.model import Place
>>> g = Gazetteer.from_places([Place("wof:1", "Saraqib", "town", 35.86, 36.81,
...                                  country="SY", names=("Saraqib", "Saraqeb"))])
>>> [p.id for p in g.by_key(name_key("Saraqeb"))]
['wof:1']
"""

from __future__ import annotations

import csv
import gc
import gzip
import hashlib
import json
import logging
import zlib
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from geo import config
from geo.errors import GazetteerError
from geo.model import Place, new_place
from geo.names import fold_token, name_key, skeleton_key

log = logging.getLogger(__name__)

FORMAT = "geo-gazetteer/2"

#: entries kept by :meth:`Gazetteer.syrian_by_skeleton` (cleared when full)
_MEMO_SIZE = 50_000

#: The columns of the place table, in order.
COLUMNS: Final = (
    "id", "name", "kind", "lat", "lon", "country", "admin1", "admin2", "population",
    "name_ar", "wof_id", "gn_id", "capital_of", "names", "source", "method", "members",
)
_COUNTRY: Final = COLUMNS.index("country")  # (neither the first cell nor the last)

# Names folded to fingerprint geo.names: if a folding rule changes, the keys
# stored in a built file no longer match what the matcher computes.
_PROBES = (
    "Tall at Tukan", "Tel Touqan", "Saraqeb", "Umm Halahil", "Jabal az-Zawiyah",
    "Deir ez-Zor", "Dayr az Zawr", "Khirbet Ghazaleh", "Kafr Nabl", "Ma'arrat al-Nu'man",
    "Abou Kamal", "Ain al-Arab", "Beit Jinn", "Sheikh Maqsoud", "Qamishli", "Douma",
    "Aleppo", "Hasakeh", "Idlib", "At", "Police", "March", "Saint Simeon", "Djebel Druze",
    "Phoenicia", "ʿAyn ʿĪsá", "Ḩamāh", "إدلب", "الرقة", "حلب", "Zurzur", "Deribiye", "تل طوقان", "أم حلاحيل",
)


def names_fingerprint() -> str:
    """A short hash of how :mod:`geo.names` folds a fixed set of names."""
    folded = "\n".join(f"{name_key(p)}\t{skeleton_key(p)}" for p in _PROBES)
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:16]


def default_path() -> Path:
    """``<data_dir>/gazetteer.csv.gz`` (see :func:`geo.config.data_dir`)."""
    return config.data_dir() / "gazetteer.csv.gz"


def place_keys(place: Place) -> tuple[list[str], list[str]]:
    """The name keys and skeleton keys of every name of ``place`` (deduplicated)."""
    names = list(dict.fromkeys(n for n in (place.name, *place.names, place.name_ar) if n))
    keys = list(dict.fromkeys(k for k in map(name_key, names) if k))
    skels = list(dict.fromkeys(s for s in map(skeleton_key, names) if s))
    return keys, skels


def index_lines(index: Mapping[str, Iterable[object]]) -> list[str]:
    """``key<TAB>v v ...`` lines sorted by key: the index format of the file."""
    for key in index:
        if not key or any(c in key for c in "\t\n"):
            raise ValueError(f"bad index key {key!r}")
    return sorted(f"{k}\t{' '.join(map(str, v))}" for k, v in index.items())


def _row_ids(values: str) -> list[int]:
    """``list(map(int, values.split()))`` for the values of an index line: its ASCII digits read
    in a compiled loop, where ``map`` called ``int`` on a string made for each row by the split.
    Anything but runs of digits between single spaces (never in a built file) goes to the split."""
    out: list[int] = []
    n = 0
    digits = 0
    for k in range(len(values)):
        c = ord(values[k])
        if 48 <= c <= 57 and digits < 18:  # (18 digits: still a short int)
            n = n * 10 + (c - 48)
            digits += 1
        elif c == 32 and digits:
            out.append(n)
            n = 0
            digits = 0
        else:
            return [int(v) for v in values.split()]
    if not digits:
        return [int(v) for v in values.split()]
    out.append(n)
    return out


def _int_cell(cell: str) -> int:
    """``int(cell)`` of a cell of ASCII digits (a population, an id), read in a compiled loop
    (the C call parsed a Python int); any other cell goes to ``int``."""
    n = 0
    if not 0 < len(cell) <= 18:
        return int(cell)
    for k in range(len(cell)):
        c = ord(cell[k])
        if not 48 <= c <= 57:
            return int(cell)
        n = n * 10 + (c - 48)
    return n


def _find(lines: Sequence[str], key: str) -> str | None:
    """The values part of ``key``'s line in sorted index ``lines``, or None (by bisecting all
    the lines: the reference :func:`_find_in` is tested against)."""
    probe = key + "\t"
    i = bisect_left(lines, probe)
    if i < len(lines) and lines[i].startswith(probe):
        return lines[i][len(probe):]
    return None


def _prefix_spans(lines: Sequence[str]) -> dict[str, tuple[int, int]]:
    """The rows of sorted index ``lines`` that share their first two characters, by those
    characters: ``prefix -> (lo, hi)``. Each span's end is bisected (the first line from the
    least string above the prefix on): some two thousand bisections at load, where a pass
    over the 10^5 lines cost five times that."""
    spans: dict[str, tuple[int, int]] = {}
    lo, n = 0, len(lines)
    while lo < n:
        prefix = lines[lo][:2]
        if len(prefix) < 2:  # (a line of one character starts no probe: a key and a tab)
            lo += 1
            continue
        second = ord(prefix[1])
        hi = n if second == 0x10FFFF else bisect_left(lines, prefix[0] + chr(second + 1), lo + 1, n)
        spans[prefix] = (lo, hi)
        lo = hi
    return spans


def _find_in(lines: Sequence[str], spans: dict[str, tuple[int, int]], key: str) -> str | None:
    """:func:`_find`, bisecting only the lines that share the probe's first two characters
    (``spans``, from :func:`_prefix_spans`): some ten string comparisons, where the whole
    index of 10^5 lines took twenty; none for a probe no line starts like. A line that starts
    with the probe is among them, and the first line from them on that is not below the
    probe is the first in all the lines."""
    probe = key + "\t"
    span = spans.get(probe[:2])
    if span is None:
        return None
    lo, hi = span
    i = bisect_left(lines, probe, lo, hi)
    if i < hi and lines[i].startswith(probe):
        return lines[i][len(probe):]
    return None


class Gazetteer:
    """An immutable index of places by id, folded name key and skeleton key.

    Build one with :meth:`load` (the shipped file) or :meth:`from_places`
    (tests, small fixtures). Lookups return tuples of :class:`Place` in file
    order; ranking is the caller's job (see :mod:`geo.geocoder`).
    """

    def __init__(
        self,
        *,
        rows: Sequence[str] | None,
        places: list[Place | None],
        key_lines: Sequence[str],
        skeleton_lines: Sequence[str],
        common_lines: Sequence[str] = (),
        path: Path | None = None,
    ) -> None:
        """Use :meth:`load` or :meth:`from_places`.

        ``rows`` are the unparsed CSV rows of the places not yet in
        ``places``; the ``*_lines`` are sorted index lines (:func:`index_lines`).
        """
        self.path = path
        self._rows = rows
        self._places = places
        self._key_lines = key_lines
        self._key_index: dict[str, str] | None = None
        self._skeleton_lines = skeleton_lines
        self._common_lines = common_lines
        # (the two indexes read by bisection, a few thousand look-ups a first pass)
        self._skeleton_spans = _prefix_spans(skeleton_lines)
        self._common_spans = _prefix_spans(common_lines)
        self._ids: dict[str, int] | None = None
        self._governorates: tuple[Place, ...] | None = None
        self._syrian_skeletons: dict[str, tuple[Place, ...]] = {}

    # ------------------------------------------------------------------ build

    @classmethod
    def from_places(
        cls, places: Iterable[Place], *, common_words: Mapping[str, Sequence[str]] | Iterable[str] = ()
    ) -> Gazetteer:
        """A gazetteer of ``places``, keyed by :func:`name_key` of each one's names.

        ``common_words`` gives what :meth:`is_common_word` flags: a mapping
        key -> English words, or plain English words (folded here).

        Raises:
            GazetteerError: two places share an id.
        """
        places = list(places)
        by_key, by_skel = _index(places)
        if not isinstance(common_words, Mapping):
            folded: dict[str, list[str]] = {}
            for w in common_words:
                folded.setdefault(name_key(w), []).append(w)
            common_words = folded
        gaz = cls(rows=None, places=list(places), key_lines=index_lines(by_key),
                  skeleton_lines=index_lines(by_skel), common_lines=index_lines(common_words))
        gaz._id_index()
        return gaz

    @classmethod
    def load(cls, path: Path | str | None = None) -> Gazetteer:
        """Load the built gazetteer (default :func:`default_path`).

        Raises:
            GazetteerError: the file is missing, not a gazetteer, or
                truncated; the message names the file. (A bad row is reported
                when the place is first asked for.)
        """
        path = Path(path) if path is not None else default_path()
        try:
            raw = path.read_bytes()
        except FileNotFoundError as exc:
            raise GazetteerError(
                f"{path}: gazetteer file not found (build it with scripts/build_gazetteer.py)"
            ) from exc
        except OSError as exc:
            raise GazetteerError(f"{path}: cannot read the gazetteer: {exc}") from exc
        # Splitting allocates ~3x10^5 strings: keep the cyclic GC from
        # rescanning them as they are made.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            try:
                text = gzip.decompress(raw).decode("utf-8")
            except (OSError, EOFError, zlib.error, UnicodeDecodeError) as exc:
                raise GazetteerError(f"{path}: corrupt gazetteer file ({exc})") from exc
            gaz = cls._parse(text, path)
        finally:
            if was_enabled:
                gc.enable()
        log.info("loaded %d places from %s", len(gaz), path)
        return gaz

    @classmethod
    def _parse(cls, text: str, path: Path) -> Gazetteer:
        head, _, text = text.partition("\n")
        try:
            if not head.startswith("#"):
                raise ValueError("no metadata line")
            meta = json.loads(head[1:])
            if not isinstance(meta, dict) or meta.get("format") != FORMAT:
                found = meta.get("format") if isinstance(meta, dict) else meta
                raise ValueError(f"format {found!r}, expected {FORMAT!r}")
            counts = [int(meta[k]) for k in ("places", "keys", "skeletons", "common_words")]
        except (ValueError, KeyError, TypeError) as exc:
            raise GazetteerError(f"{path}: not a gazetteer file: {exc}") from exc
        # a tuple, and its slices too: a tuple of strings is untracked by the cyclic GC at its
        # first collection, where a list of 10^5 lines is walked at every full collection
        lines = tuple(text.split("\n"))
        if lines and lines[-1] == "":
            lines = lines[:-1]
        if len(lines) != 1 + sum(counts):
            raise GazetteerError(f"{path}: truncated or corrupt: {len(lines)} lines, "
                                 f"expected {1 + sum(counts)}")
        if tuple(lines[0].split(",")) != COLUMNS:
            raise GazetteerError(f"{path}: unexpected columns {lines[0][:200]!r}")
        n_places, n_keys, n_skels, _ = counts
        a = 1 + n_places
        b = a + n_keys
        c = b + n_skels
        gaz = cls(rows=lines[1:a], places=[None] * n_places, key_lines=lines[a:b],
                  skeleton_lines=lines[b:c], common_lines=lines[c:], path=path)
        if meta.get("names_fingerprint") != names_fingerprint():
            log.warning("%s was built with another version of geo.names: re-keying its names "
                        "(slow); rebuild it with scripts/build_gazetteer.py", path)
            gaz._rekey()
        return gaz

    def _rekey(self) -> None:
        """Recompute every key with the running :mod:`geo.names`."""
        by_key, by_skel = _index([self._place(i) for i in range(len(self))])
        common: dict[str, list[str]] = {}
        for line in self._common_lines:
            for w in line.partition("\t")[2].split():
                common.setdefault(name_key(w), []).append(w)
        self._key_lines = index_lines(by_key)
        self._key_index = None
        self._skeleton_lines = index_lines(by_skel)
        self._common_lines = index_lines(common)
        self._skeleton_spans = _prefix_spans(self._skeleton_lines)
        self._common_spans = _prefix_spans(self._common_lines)

    def _id_index(self) -> dict[str, int]:
        if self._ids is None:
            if self._rows is None:
                ids = [p.id for p in self._places if p is not None]
            else:
                ids = [row.partition(",")[0] for row in self._rows]
            index = {pid: i for i, pid in enumerate(ids)}
            if len(index) != len(ids):
                dup = next(p for p in ids if ids.count(p) > 1)
                raise GazetteerError(f"{self.path or 'gazetteer'}: duplicate place id {dup!r}")
            self._ids = index
        return self._ids

    def _fields(self, i: int) -> list[str]:
        """The CSV cells of row ``i``."""
        assert self._rows is not None
        row = self._rows[i]
        if '"' not in row:  # most rows have no quoted cell: a plain split is 5x faster
            cells = row.split(",")
        else:
            try:
                (cells,) = csv.reader([row])
            except (csv.Error, ValueError) as exc:
                raise GazetteerError(f"{self.path}: bad place row {i + 1}: {exc}") from exc
        if len(cells) != len(COLUMNS):
            raise GazetteerError(f"{self.path}: bad place row {i + 1}: {len(cells)} cells, "
                                 f"expected {len(COLUMNS)}")
        return cells

    def _place(self, i: int, cells: list[str] | None = None) -> Place:
        """The place of row ``i``, parsed on first use (from its ``cells``, if the caller has them)."""
        place = self._places[i]
        if place is None:
            (pid, name, kind, lat, lon, country, admin1, admin2, population, name_ar, wof_id,
             gn_id, capital_of, names, _source, _method, _members) = self._fields(i) if cells is None else cells
            try:
                place = new_place(
                    pid, name, kind, float(lat), float(lon), country or None, admin1 or None,
                    admin2 or None, _int_cell(population) if population else None, name_ar or None,
                    tuple(names.split("|")) if names else (), _int_cell(wof_id) if wof_id else None,
                    _int_cell(gn_id) if gn_id else None, capital_of or None)
            except (ValueError, TypeError) as exc:
                raise GazetteerError(f"{self.path}: bad place row {i + 1}: {exc}") from exc
            self._places[i] = place
        return place

    def _places_of(self, found: str | None, key: str) -> tuple[Place, ...]:
        """The places of the rows ``found`` (an index line's values) of ``key``."""
        if not found:
            return ()
        try:
            places = self._places
            return tuple([places[i] or self._place(i) for i in _row_ids(found)])
        except (ValueError, IndexError) as exc:
            raise GazetteerError(f"{self.path}: bad index line for {key!r}") from exc

    def key_index(self) -> dict[str, str]:
        """Every name key -> its index line (``key<TAB>row row ...``), the first one a key has.

        A dict read for each name looked up, where bisecting the sorted lines cost some twenty
        string comparisons and a call; built at the first look-up (the finder builds it as it
        is made, where it made a dict of the keys before: about as long)."""
        index = self._key_index
        if index is None:
            index = {}
            for line in self._key_lines:
                tab = line.find("\t")
                if tab > 0:
                    key = line[:tab]
                    if key not in index:
                        index[key] = line
            self._key_index = index
        return index

    # ----------------------------------------------------------------- lookup

    def __len__(self) -> int:
        return len(self._places)

    def __iter__(self) -> Iterator[Place]:
        """Every place, in file order (parses every row: slow on first use)."""
        return (self._place(i) for i in range(len(self._places)))

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._id_index()

    def __repr__(self) -> str:
        return f"<Gazetteer {len(self)} places from {self.path or 'memory'}>"

    def get(self, place_id: str) -> Place:
        """The place with this id (``wof:85678373``). Raises KeyError."""
        return self._place(self._id_index()[place_id])

    def by_key(self, key: str) -> tuple[Place, ...]:
        """Every place with a name whose :func:`name_key` is ``key``."""
        line = self.key_index().get(key) if key else None
        return self._places_of(line[len(key) + 1:] if line is not None else None, key)

    def by_skeleton(self, skel: str, country: str | None = None) -> tuple[Place, ...]:
        """Every place with a name whose :func:`skeleton_key` is ``skel``; only those
        of ``country`` (ISO code) if given, and the others' rows are left unparsed
        (a short skeleton has hundreds of places)."""
        if country is None:
            return self._places_of(_find_in(self._skeleton_lines, self._skeleton_spans, skel) if skel else None, skel)
        found = _find_in(self._skeleton_lines, self._skeleton_spans, skel) if skel else None
        if not found:
            return ()
        places, rows = self._places, self._rows
        # (a row with no quoted cell and all its cells has its country cell between two commas: one
        # without the probe, ",SY,", is another country's, left unsplit: most rows of a skeleton.
        # The others are split once, for the test and the place both)
        probe = f",{country},"
        out = []
        try:
            for i in _row_ids(found):
                place = places[i]
                if place is None:
                    assert rows is not None
                    row = rows[i]
                    if probe not in row and '"' not in row and row.count(",") == len(COLUMNS) - 1:
                        continue
                    cells = self._fields(i)
                    if cells[_COUNTRY] != country:
                        continue
                    place = self._place(i, cells)
                if place.country == country:
                    out.append(place)
        except (ValueError, IndexError) as exc:
            raise GazetteerError(f"{self.path}: bad index line for {skel!r}") from exc
        return tuple(out)

    def syrian_by_skeleton(self, skel: str) -> tuple[Place, ...]:
        """``by_skeleton(skel, "SY")``, memoised: the matcher asks for the same few
        thousand skeletons again and again."""
        found = self._syrian_skeletons.get(skel)
        if found is None:
            if len(self._syrian_skeletons) >= _MEMO_SIZE:
                self._syrian_skeletons.clear()
            found = self._syrian_skeletons[skel] = self.by_skeleton(skel, "SY") if skel else ()
        return found

    def keys(self) -> Iterable[str]:
        """Every name key, sorted (for building the matcher)."""
        return (line.partition("\t")[0] for line in self._key_lines)

    def skeletons(self) -> Iterable[str]:
        """Every skeleton key, sorted."""
        return (line.partition("\t")[0] for line in self._skeleton_lines)

    def is_common_word(self, key: str) -> bool:
        """True if ``key`` is what a frequent English word folds to.

        ``key`` is a one-word :func:`name_key`; a plain word is folded first,
        so ``is_common_word("police")`` and ``is_common_word(name_key("Police"))``
        agree. The flag covers English words ("at", "march", "more") and
        transliterations that fold like one (Hass and "has" both fold to
        ``has``): such a key needs more evidence than a capital letter. See
        :meth:`english_words` for the words themselves.
        """
        return bool(self.english_words(key))

    def english_words(self, key: str) -> tuple[str, ...]:
        """The frequent English words that fold to ``key`` (``()`` if none)."""
        if not key:
            return ()
        found = _find_in(self._common_lines, self._common_spans, key)
        # name_key is not idempotent (a key "ai" folds again to "i"): fold
        # only what is not already a key.
        if found is None and key not in self.key_index():
            # (a key of letters and digits only is one word, whose name key is its folded token:
            # fold_token, a direct call and a dict read, where name_key tokenizes it through
            # its lru_cache)
            folded = fold_token(key) if key.isalnum() else name_key(key)
            if folded and folded != key:
                found = _find_in(self._common_lines, self._common_spans, folded)
        return tuple(found.split()) if found else ()

    def by_kind(self, kind: str) -> tuple[Place, ...]:
        """Every place of this kind, in file order."""
        if self._rows is None:
            return tuple(p for p in self if p.kind == kind)
        probe = f",{kind},"  # cheap pre-filter on the raw rows
        found = (self._place(i) for i, row in enumerate(self._rows) if probe in row)
        return tuple(p for p in found if p.kind == kind)

    def governorates(self) -> tuple[Place, ...]:
        """The governorates of Syria (kind ``governorate``, country SY), by ``admin1``."""
        if self._governorates is None:
            govs = [p for p in self.by_kind("governorate") if p.country == "SY"]
            self._governorates = tuple(sorted(govs, key=lambda p: p.admin1 or p.name))
        return self._governorates

    def record(self, place_id: str) -> dict[str, Any]:
        """The full record of a place as a plain dict: the :class:`Place`
        fields, plus ``source``, ``method`` and ``members`` (where the point
        came from) for a loaded gazetteer. Raises KeyError."""
        i = self._id_index()[place_id]
        place = self._place(i)
        rec: dict[str, Any] = {
            "id": place.id, "name": place.name, "kind": place.kind, "lat": place.lat,
            "lon": place.lon, "country": place.country, "admin1": place.admin1,
            "admin2": place.admin2, "population": place.population, "name_ar": place.name_ar,
            "names": list(place.names), "wof_id": place.wof_id, "gn_id": place.gn_id,
            "capital_of": place.capital_of,
        }
        if self._rows is not None:
            source, method, members = self._fields(i)[-3:]
            rec.update(source=source, method=method, members=members.split("|") if members else [])
        return rec


def _index(places: Sequence[Place]) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    by_key: dict[str, list[int]] = {}
    by_skel: dict[str, list[int]] = {}
    for i, p in enumerate(places):
        keys, skels = place_keys(p)
        for k in keys:
            by_key.setdefault(k, []).append(i)
        for s in skels:
            by_skel.setdefault(s, []).append(i)
    return by_key, by_skel
