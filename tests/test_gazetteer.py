"""Tests of geo.gazetteer: a ten-row fixture, then the shipped gazetteer."""

from __future__ import annotations

import gzip
import math

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from geo.errors import GazetteerError
from geo.gazetteer import Gazetteer, _int_cell, _row_ids, default_path, index_lines
from geo.model import Article, Place
from geo.names import name_key, skeleton_key


def km(a: Place, lat: float, lon: float) -> float:
    dy = (a.lat - lat) * 111.2
    dx = (a.lon - lon) * 111.2 * math.cos(math.radians(lat))
    return math.hypot(dx, dy)


# ---------------------------------------------------------------- fixture

TEN = [
    Place("wof:85678373", "Idlib Governorate", "governorate", 35.7684, 36.6717, country="SY",
          admin1="Idleb", names=("Idlib", "Idleb", "إدلب")),
    Place("wof:890432567", "Idlib", "town", 35.9306, 36.6339, country="SY", admin1="Idleb",
          population=128840, names=("Idlib", "Idleb")),
    Place("wof:890449833", "Saraqib", "town", 35.8645, 36.8059, country="SY", admin1="Idleb",
          names=("Saraqib", "Saraqeb", "Sarakeb")),
    Place("wof:1360164891", "Tall at Tukan", "village", 35.8226, 36.9537, country="SY",
          admin1="Idleb", names=("Tall at Tukan",)),
    Place("wof:1226122725", "Niha", "village", 35.4928, 36.9096, country="SY", admin1="Idleb"),
    Place("wof:1260281255", "Niha", "village", 33.2725, 35.3958, country="LB", admin1="South Lebanon"),
    Place("wof:1343937895", "Durabay`ah", "village", 35.4962, 36.9389, country="SY", admin1="Idleb"),
    Place("gn:524901", "Moscow", "town", 55.752, 37.618, country="RU", capital_of="RU",
          population=10381222, names=("Moskva",)),
    Place("gn:298795", "Turkey", "country", 39.0, 35.0, country="TR", names=("Türkiye",)),
    Place("region:jabal-al-zawiya", "Jabal al-Zawiya", "region", 35.6852, 36.5271, country="SY",
          admin1="Idleb", names=("Jabal az-Zawiyah",)),
]


@pytest.fixture
def small() -> Gazetteer:
    return Gazetteer.from_places(TEN, common_words=["at", "march", "police"])


def test_fixture_has_ten_places(small):
    assert len(small) == 10
    assert "gn:524901" in small


@pytest.mark.parametrize("spelling", ["Saraqib", "Saraqeb", "SARAKEB"])
def test_spellings_share_a_key(small, spelling):
    assert [p.id for p in small.by_key(name_key(spelling))] == ["wof:890449833"]


def test_by_key_returns_all_homonyms(small):
    assert {p.country for p in small.by_key(name_key("Niha"))} == {"SY", "LB"}


def test_skeleton_finds_unknown_spelling(small):
    assert [p.id for p in small.by_skeleton(skeleton_key("Deribiye"))] == ["wof:1343937895"]


def test_get_unknown_id_raises_key_error(small):
    with pytest.raises(KeyError):
        small.get("wof:0")


def test_unknown_key_finds_nothing(small):
    assert small.by_key("no such place") == ()
    assert small.by_key("") == ()


def test_keys_lists_every_name(small):
    assert {name_key(n) for n in ("Idlib", "Saraqib", "Tel Touqan", "Jabal al-Zawiya")} <= set(small.keys())


def test_governorates_are_syrian_governorates(small):
    assert [p.id for p in small.governorates()] == ["wof:85678373"]


@pytest.mark.parametrize("word", ["at", "march", "police", "Police", "MARCH"])
def test_common_words_are_flagged(small, word):
    assert small.is_common_word(word)


@pytest.mark.parametrize("word", ["idlib", "saraqib", "moscow"])
def test_place_names_are_not_common_words(small, word):
    assert not small.is_common_word(word)


def test_duplicate_ids_are_refused():
    with pytest.raises(GazetteerError, match="duplicate"):
        Gazetteer.from_places([TEN[0], TEN[0]])


def test_record_holds_the_place_fields(small):
    rec = small.record("gn:524901")
    assert rec["id"] == "gn:524901" and rec["capital_of"] == "RU" and rec["kind"] == "town"


# ----------------------------------------------------------- bad files


def test_missing_file_raises_gazetteer_error(tmp_path):
    path = tmp_path / "nope.csv.gz"
    with pytest.raises(GazetteerError, match="nope.csv.gz"):
        Gazetteer.load(path)


@pytest.mark.parametrize(
    "content",
    [
        b"not gzip at all",
        gzip.compress(b"id,name\n1,x\n"),
        gzip.compress(b'#{"format": "something-else"}\n'),
        gzip.compress(b"#{not json\n"),
        gzip.compress(b"\xff\xfe\x00garbage"),
    ],
    ids=["not-gzip", "plain-csv", "other-format", "bad-json", "not-utf8"],
)
def test_corrupt_file_raises_gazetteer_error(tmp_path, content):
    path = tmp_path / "bad.csv.gz"
    path.write_bytes(content)
    with pytest.raises(GazetteerError, match="bad.csv.gz"):
        Gazetteer.load(path)


def test_truncated_file_raises_gazetteer_error(tmp_path):
    text = gzip.decompress(default_path().read_bytes())
    path = tmp_path / "short.csv.gz"
    path.write_bytes(gzip.compress(text[: len(text) // 2]))
    with pytest.raises(GazetteerError, match="short.csv.gz"):
        Gazetteer.load(path)


# ------------------------------------------------------ shipped gazetteer


def test_shipped_gazetteer_is_big(gaz):
    assert len(gaz) > 40_000
    assert len(set(gaz.keys())) > 100_000


@pytest.mark.parametrize(
    "name, place_id",
    [
        ("Saraqeb", "wof:890449833"),
        ("Saraqib", "wof:890449833"),
        ("Tel Touqan", "wof:1360164891"),
        ("Um Halahil", "wof:1243243761"),
        ("Niha", "wof:1226122725"),
        ("Aleppo", "wof:421202163"),
        ("Syria", "wof:85632413"),
    ],
)
def test_seed_places_are_found(gaz, name, place_id):
    assert place_id in {p.id for p in gaz.by_key(name_key(name))}


def test_idlib_is_governorate_and_city(gaz):
    found = {p.id: p for p in gaz.by_key(name_key("Idlib"))}
    gov = found["wof:85678373"]
    assert gov.kind == "governorate" and gov.admin1 == "Idleb"
    assert (gov.lat, gov.lon) == pytest.approx((35.7684, 36.6717), abs=1e-3)
    assert found["wof:890432567"].kind == "town"


@pytest.mark.parametrize("name, population", [("Daraa", 97_969), ("Qamishli", 184_231), ("Jaramana", 99_999)])
def test_a_town_the_source_gives_no_population_takes_geonames(gaz, name, population):
    (town,) = [p for p in gaz.by_key(name_key(name)) if p.kind == "town" and p.country == "SY"]
    assert town.population == population


def test_niha_is_in_syria_and_lebanon(gaz):
    found = gaz.by_key(name_key("Niha"))
    assert "wof:1226122725" in {p.id for p in found}
    assert sum(p.country == "LB" for p in found) >= 2


def test_three_zurzur(gaz):
    assert len([p for p in gaz.by_key(name_key("Zurzur")) if p.country == "SY"]) == 3


def test_jabal_al_zawiya_is_a_region_near_its_villages(gaz):
    (region,) = [p for p in gaz.by_key(name_key("Jabal al-Zawiya")) if p.kind == "region"]
    assert km(region, 35.68, 36.53) < 15
    assert len(gaz.record(region.id)["members"]) >= 10


@pytest.mark.parametrize(
    "name", ["Eastern Ghouta", "Ghouta", "Ghab plain", "al-Ghab", "Jabal al-Akrad", "Jabal Turkman",
             "Qalamoun", "Jabal Shahshabu", "Jabal al-Arbain", "Wadi Barada", "Houla",
             "Euphrates valley", "Afrin region"],
)
def test_added_regions_exist_in_syria(gaz, name):
    regions = [p for p in gaz.by_key(name_key(name)) if p.kind == "region"]
    assert regions and all(p.country == "SY" and p.admin1 for p in regions)


def test_moscow_is_the_russian_capital(gaz):
    assert any(p.capital_of == "RU" for p in gaz.by_key(name_key("Moscow")))


@pytest.mark.parametrize("name, country", [("Geneva", "CH"), ("Astana", "KZ"), ("Ankara", "TR"),
                                           ("Tehran", "IR"), ("Beirut", "LB")])
def test_world_cities_exist(gaz, name, country):
    assert any(p.country == country for p in gaz.by_key(name_key(name)))


@pytest.mark.parametrize("name", ["Russia", "Iran", "Turkey", "United States", "US", "UK", "Qatar"])
def test_countries_exist(gaz, name):
    assert any(p.kind == "country" for p in gaz.by_key(name_key(name)))


def test_fourteen_governorates_with_ocha_names(gaz):
    govs = gaz.governorates()
    assert sorted(p.admin1 for p in govs) == sorted([
        "Damascus", "Aleppo", "Rural Damascus", "Homs", "Hama", "Lattakia", "Idleb", "Tartous",
        "Dar'a", "As-Sweida", "Quneitra", "Deir-ez-Zor", "Ar-Raqqa", "Al-Hasakeh"])
    assert all(p.id.startswith("wof:") for p in govs)


@pytest.mark.parametrize("spelling", ["Deir Ezzor", "Deir el-Zour", "Deir ez-Zor", "Hasakeh", "Deraa",
                                      "Sweida", "Kobani", "Ain al-Arab", "Qamishli", "Tadmur"])
def test_news_spellings_are_known(gaz, spelling):
    assert any(p.country == "SY" for p in gaz.by_key(name_key(spelling)))


@pytest.mark.parametrize("word", ["at", "march", "police", "more", "hospital", "camp"])
def test_frequent_english_words_are_common(gaz, word):
    assert gaz.is_common_word(word)


@pytest.mark.parametrize("word", ["idlib", "syria", "aleppo", "damascus", "moscow", "russia", "geneva"])
def test_place_names_are_not_common(gaz, word):
    assert not gaz.is_common_word(word)


def test_display_names_are_latin(gaz):
    for place in gaz.governorates():
        assert place.name.isascii()
    assert gaz.get("wof:85678373").name == "Idlib Governorate"


def test_adjective_is_not_a_name_of_syria(gaz):
    assert "Syrian" not in gaz.get("wof:85632413").names


# ------------------------------------------------------ place records


def _one_row_file(tmp_path, row: str):
    """A gazetteer file of the shipped one's header and ``row`` as its only place."""
    from geo.gazetteer import COLUMNS, FORMAT, names_fingerprint
    meta = {"format": FORMAT, "names_fingerprint": names_fingerprint(),
            "places": 1, "keys": 1, "skeletons": 0, "common_words": 0}
    import json
    text = f"#{json.dumps(meta)}\n{','.join(COLUMNS)}\n{row}\nx\t0\n"
    path = tmp_path / "one.csv.gz"
    path.write_bytes(gzip.compress(text.encode("utf-8")))
    return path


def test_loaded_places_are_the_places_the_dataclass_builds(gaz):
    """Rows are built without the dataclass's __init__: same fields, same repr, same equality."""
    import dataclasses
    for place in gaz.by_key(name_key("Idlib")) + gaz.by_key(name_key("Moscow")):
        rebuilt = Place(**{f.name: getattr(place, f.name) for f in dataclasses.fields(Place)})
        assert repr(rebuilt) == repr(place)
        assert rebuilt == place and hash(rebuilt) == hash(place)
        values = [getattr(place, f.name) for f in dataclasses.fields(Place)]
        assert values == [getattr(rebuilt, f.name) for f in dataclasses.fields(Place)]
        assert [type(v) for v in values] == [type(getattr(rebuilt, f.name)) for f in dataclasses.fields(Place)]
        with pytest.raises(dataclasses.FrozenInstanceError):
            place.name = "x"  # type: ignore[misc]


@pytest.mark.parametrize("lat, kind", [("95.0", "town"), ("nan", "town"), ("inf", "town"),
                                       ("35.0", "hamlet"), ("north", "town")])
def test_a_bad_row_raises_when_its_place_is_asked_for(tmp_path, lat, kind):
    row = f"t:1,X,{kind},{lat},36.0,SY,,,,,,,,X,test,,"
    gaz = Gazetteer.load(_one_row_file(tmp_path, row))
    with pytest.raises(GazetteerError, match="bad place row 1"):
        gaz.get("t:1")


def test_a_good_row_loads(tmp_path):
    gaz = Gazetteer.load(_one_row_file(tmp_path, "t:1,X,town,35.0,36.0,SY,Idleb,,120,,,,,X|Y,test,,"))
    assert gaz.get("t:1") == Place("t:1", "X", "town", 35.0, 36.0, country="SY", admin1="Idleb",
                                   population=120, names=("X", "Y"))
    assert repr(gaz.get("t:1")) == repr(Place("t:1", "X", "town", 35.0, 36.0, country="SY",
                                              admin1="Idleb", population=120, names=("X", "Y")))


def test_baghuz_is_abu_kamals_only():
    # GeoNames gave two Kasan villages by al-Malikiyah the name Baghuz: dropped (data/place_aliases.csv)
    from geo.gazetteer import Gazetteer
    from geo.names import name_key
    assert {p.admin1 for p in Gazetteer.load().by_key(name_key("Baghouz"))} == {"Deir-ez-Zor"}


@pytest.mark.parametrize("spelling, place_id", [
    # news spellings the blind batches met (data/place_aliases.csv)
    ("Banyas", "wof:890449871"),  # the town, not only its district
    ("Mhambel", "wof:1193258535"),
    ("Squelbiyeh", "wof:421181203"),
    ("Qasr Ibn Wardan", "wof:1293707243"),
    ("Ghmam", "wof:1242877349"),
    ("al-Rabweh", "nbhd:N0047"),
    ("Sbeineh", "wof:1327224563"),
    ("Qraya", "wof:1242878867"),
    ("al-Raee", "wof:1209209613"),  # (folds to "rai", al-Rai to "ri")
    ("al-Zahera", "nbhd:N0080"),  # (batch 7)
    ("Conico", "region:conoco-field"),
    ("Hobait", "wof:1209802489"),  # southern Idlib's al-Habit (batch 8), not only Latakia's Hubayt
])
def test_news_spellings_of_batch_6(gaz, spelling, place_id):
    assert place_id in {p.id for p in gaz.by_key(name_key(spelling))}


def test_banyas_is_the_town(pipeline):
    text = "The militias stormed Ras al-Nabaa in the south of Banyas and killed entire families."
    assert {pm.text: (pm.place.kind, pm.place.id) for pm in pipeline.parse(Article(id="x", text=text)).places}[
        "Banyas"] == ("town", "wof:890449871")


def test_hobait_by_khan_sheikhoun_is_idlibs(pipeline):
    text = "Regime forces shelled Hobait near Khan Sheikhoun."
    assert {pm.text: pm.place.admin1 for pm in pipeline.parse(Article(id="x", text=text)).places}["Hobait"] == "Idleb"


def _skeleton_file(tmp_path, rows: list[str]):
    """A gazetteer file of ``rows``, all under the skeleton of "Zurzur"."""
    from geo.gazetteer import COLUMNS, FORMAT, names_fingerprint
    import json
    meta = {"format": FORMAT, "names_fingerprint": names_fingerprint(),
            "places": len(rows), "keys": 1, "skeletons": 1, "common_words": 0}
    every = " ".join(map(str, range(len(rows))))
    text = (f"#{json.dumps(meta)}\n{','.join(COLUMNS)}\n" + "".join(r + "\n" for r in rows)
            + f"{name_key('Zurzur')}\t{every}\n{skeleton_key('Zurzur')}\t{every}\n")
    path = tmp_path / "skeleton.csv.gz"
    path.write_bytes(gzip.compress(text.encode("utf-8")))
    return path


_SKELETON_ROWS = [
    "t:1,Zurzur,village,35.0,36.0,SY,Idleb,,,,,,,Zurzur,test,,",
    't:2,"Zurzur, al",village,35.0,36.0,SY,Idleb,,,,,,,Zurzur,test,,',  # a quoted cell
    "t:3,Zurzur,village,33.0,35.0,LB,SY,,,,,,,Zurzur,test,,",  # ",SY," in another cell
    't:4,Zurzur,village,35.0,36.0,"SY",Idleb,,,,,,,Zurzur,test,,',  # the country cell quoted
    "t:5,Zurzur,village,39.0,35.0,TR,,,,,,,,Zurzur,test,,",
]


def test_by_skeleton_of_a_country_reads_each_rows_country_cell(tmp_path):
    # by_skeleton(skel, country) leaves most rows unsplit (see its substring test): the same
    # places as the country's among all of them, in file order
    skel = skeleton_key("Zurzur")
    ids = [p.id for p in Gazetteer.load(_skeleton_file(tmp_path, _SKELETON_ROWS)).by_skeleton(skel, "SY")]
    every = Gazetteer.load(_skeleton_file(tmp_path, _SKELETON_ROWS)).by_skeleton(skel)
    assert ids == [p.id for p in every if p.country == "SY"] == ["t:1", "t:2", "t:4"]
    assert [p.id for p in Gazetteer.load(_skeleton_file(tmp_path, _SKELETON_ROWS)).by_skeleton(skel, "TR")] == ["t:5"]


@pytest.mark.parametrize("row", ["t:6,Zurzur,village,39.0,35.0,TR,,,", "t:6,Zurzur,village,39.0,35.0,TR,,,,,,,,,,,,,"])
def test_by_skeleton_of_a_country_still_refuses_a_row_of_too_few_or_many_cells(tmp_path, row):
    gaz = Gazetteer.load(_skeleton_file(tmp_path, [*_SKELETON_ROWS, row]))
    with pytest.raises(GazetteerError, match="bad index line"):  # (its GazetteerError is a ValueError)
        gaz.by_skeleton(skeleton_key("Zurzur"), "SY")


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["0", "1", "7", "9", "12", "007", "123456789012345678", "1234567890123456789",
                                 " ", "  ", "\t", "+", "-", "_", "x", "٣", "\r"]), max_size=8).map("".join))
@example("12 7 0")
@example("")
@example(" 5")
@example("5 ")
def test_row_ids_read_as_int_of_each_value(values):
    # _row_ids reads an index line's row numbers in a compiled loop: the ints of its split, or
    # the ValueError that int raises
    try:
        expected = list(map(int, values.split()))
    except ValueError:
        with pytest.raises(ValueError):
            _row_ids(values)
    else:
        assert _row_ids(values) == expected


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["0", "1", "7", "9", "00", "123456789", "1234567890123456789", " ", "+", "-", "_",
                                 ".5", "x", "٣"]), min_size=1, max_size=4).map("".join))
@example("128840")
@example("123456789012345678")
@example("1234567890123456789")
def test_int_cell_is_int(cell):
    try:
        expected = int(cell)
    except ValueError:
        with pytest.raises(ValueError):
            _int_cell(cell)
    else:
        assert _int_cell(cell) == expected


def test_key_index_holds_every_key_and_its_first_line():
    gaz = Gazetteer.from_places(TEN)
    index = gaz.key_index()
    assert list(index) == list(gaz.keys())
    assert all(index[k] == f"{k}\t" + " ".join(str(TEN.index(p)) for p in gaz.by_key(k)) for k in index)
    assert gaz.by_key(name_key("Saraqeb")) == gaz.by_key(name_key("Sarakeb")) and gaz.by_key("nowhere") == ()


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.text(alphabet="ab c\u0627", min_size=1, max_size=4), max_size=30),
       st.text(alphabet="ab c\u0627", max_size=4))
def test_find_in_prefix_spans_is_find(keys, key):
    # _find_in bisects only the lines sharing the probe's first two characters: the same line
    from geo.gazetteer import _find, _find_in, _prefix_spans
    lines = index_lines({k: [i] for i, k in enumerate(dict.fromkeys(k for k in keys if k.strip()))})
    spans = _prefix_spans(lines)
    for probe in [key, *keys]:
        assert _find_in(lines, spans, probe) == _find(lines, probe)
