"""The dashboard's logic, run headless with Streamlit's AppTest.

The map is a custom component (st_folium): AppTest cannot draw it, but the
arguments sent to the browser are there to inspect, so "what the map holds"
is the marker data in the component's script.
"""

from __future__ import annotations

import html
import json
import re
import urllib.parse
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conftest import HOSTILE_TEXT, REPO
from geo.store import Filters, Store

APP = str(REPO / "dashboard.py")
HTS = "Hay'at Tahrir al-Sham"


def app(db: Path, **params: str | list[str]) -> AppTest:
    """The dashboard on store ``db``, with URL query parameters, run once."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


@pytest.fixture(autouse=True)
def _store_env(monkeypatch, hand_db):
    monkeypatch.setenv("GEO_DB", str(hand_db))
    monkeypatch.setenv("GEO_MAP_TILES", "auto")


def map_args(at: AppTest) -> dict:
    components = at.get("component_instance")
    assert len(components) == 1, "one map expected"
    return json.loads(components[0].proto.json_args)


def map_places(at: AppTest) -> set[str]:
    """Names of the places the map draws (from the marker rows' tooltips)."""
    script = map_args(at)["feature_group"]  # the layers that follow the filters
    match = re.search(r"var data = (\[.*?\]);\n", script, re.S)
    assert match, "no marker rows in the map script"
    return {html.unescape(row[8]) for row in json.loads(match.group(1))}


def url(at: AppTest) -> dict[str, list[str]]:
    """The page's query parameters, every value as a list."""
    return {k: (v if isinstance(v, list) else [v]) for k, v in at.query_params.items()}


def html_bodies(at: AppTest) -> str:
    return "\n".join(node.proto.body for node in at.get("html"))


def no_exception(at: AppTest) -> AppTest:
    assert not at.exception, [e.message for e in at.exception]
    return at


ALL = {"Saraqeb", "Tel Touqan", "Jabal al-Zawiya", "Deribiye", "Niha", "Idleb", "Aleppo"}


def test_the_map_shows_every_place_without_filters(hand_db):
    at = no_exception(app(hand_db))
    assert map_places(at) == ALL
    assert [m.value for m in at.metric][:2] == ["7", "10"]


def test_the_map_uses_the_app_s_own_leaflet(hand_db):
    args = map_args(no_exception(app(hand_db)))
    links = args["js_links"] + args["css_links"]
    assert links and all(u.startswith("/app/static/") for u in links), links
    # only clicks rerun the script: panning and zooming do not
    assert args["returned_objects"] == ["last_object_clicked_tooltip", "last_object_clicked_count"]


def test_actor_filter_changes_what_the_map_holds(hand_db):
    at = no_exception(app(hand_db))
    at.multiselect(key="f_actor").select(HTS).run()
    no_exception(at)
    assert map_places(at) == {"Saraqeb", "Tel Touqan", "Jabal al-Zawiya"}
    at.multiselect(key="f_actor").unselect(HTS).select("Daesh").run()
    assert map_places(at) == {"Deribiye", "Niha"}


@pytest.mark.parametrize("key, value, expected", [
    ("f_category", "government and allies", {"Saraqeb"}),
    ("f_gov", "Hama", {"Deribiye", "Niha"}),
    ("f_source", "Press TV", {"Deribiye", "Niha", "Saraqeb"}),
])
def test_each_filter_changes_the_map(hand_db, key, value, expected):
    at = no_exception(app(hand_db))
    at.multiselect(key=key).select(value).run()
    assert map_places(no_exception(at)) == expected


def open_place_picker(at: AppTest) -> AppTest:
    at.session_state["f_place_open"] = True  # the expander's key: AppTest has no click on it
    return no_exception(at.run())


def test_the_place_list_is_sent_only_while_its_expander_is_open(hand_db):
    at = no_exception(app(hand_db))
    assert [e.label for e in at.expander] == ["Town / place"]
    assert not [w for w in at.multiselect if w.key == "f_place_pick"]  # 3,300 options on a big store
    open_place_picker(at)
    assert at.multiselect(key="f_place_pick").options  # every mentioned place, searchable


def test_the_place_filter_outlives_its_closed_expander(hand_db):
    at = open_place_picker(app(hand_db))
    at.multiselect(key="f_place_pick").select("wof:102").run()
    assert map_places(no_exception(at)) == {"Tel Touqan"}
    assert url(at) == {"place": ["wof:102"]}
    at.session_state["f_place_open"] = False
    no_exception(at.run())
    assert not [w for w in at.multiselect if w.key == "f_place_pick"]
    assert map_places(at) == {"Tel Touqan"}  # still filtered, and a caption says so
    assert "Filtered to 1 place: open to see or change." in [c.value for c in at.caption]
    assert url(at) == {"place": ["wof:102"]}
    open_place_picker(at)
    assert at.multiselect(key="f_place_pick").value == ["wof:102"]
    at.multiselect(key="f_place_pick").unselect("wof:102").run()
    assert map_places(no_exception(at)) == ALL


def test_a_reset_empties_the_open_place_list_and_the_next_pick_takes(hand_db):
    at = open_place_picker(app(hand_db))
    at.multiselect(key="f_place_pick").select("wof:102").run()
    at.button(key="reset_filters").click().run()
    assert at.multiselect(key="f_place_pick").value == []  # set elsewhere: pushed into the open list
    assert map_places(no_exception(at)) == ALL
    at.multiselect(key="f_place_pick").select("wof:101").run()
    assert at.session_state["f_place"] == ["wof:101"]
    assert url(no_exception(at)) == {"place": ["wof:101"]}


def test_a_url_with_places_opens_the_place_filter(hand_db):
    at = no_exception(app(hand_db, place="wof:102"))
    assert at.multiselect(key="f_place_pick").value == ["wof:102"]
    assert map_places(at) == {"Tel Touqan"}


def test_text_and_date_filters(hand_db):
    import datetime as dt

    at = no_exception(app(hand_db))
    at.text_input(key="f_text").input("overnight").run()
    assert map_places(no_exception(at)) == {"Saraqeb"}
    at.text_input(key="f_text").input("").run()
    at.date_input(key="f_dates").set_value((dt.date(2017, 11, 1), dt.date(2017, 11, 30))).run()
    assert map_places(no_exception(at)) == {"Deribiye", "Niha", "Saraqeb"}
    assert url(at) == {"from": ["2017-11-01"], "to": ["2017-11-30"]}


def test_filters_that_match_nothing_say_so(hand_db):
    at = no_exception(app(hand_db, q="no such words anywhere"))
    assert [m.value for m in at.metric][:2] == ["0", "0"]
    assert any("No place mentions pass these filters" in i.value for i in at.info)
    assert not no_exception(app(hand_db)).info


def test_url_parameters_set_the_filters(hand_db):
    at = no_exception(app(hand_db, actor=HTS))
    assert at.multiselect(key="f_actor").value == [HTS]
    assert map_places(at) == {"Saraqeb", "Tel Touqan", "Jabal al-Zawiya"}


def test_filters_round_trip_through_the_url(hand_db):
    at = no_exception(app(hand_db))
    at.multiselect(key="f_actor").select(HTS).run()
    at.multiselect(key="f_gov").select("Idleb").run()
    at.text_input(key="f_text").input("Saraqeb").run()
    no_exception(at)
    params = url(at)
    assert params == {"actor": [HTS], "gov": ["Idleb"], "q": ["Saraqeb"]}
    again = no_exception(app(hand_db, **params))
    assert again.multiselect(key="f_actor").value == [HTS]
    assert again.multiselect(key="f_gov").value == ["Idleb"]
    assert again.text_input(key="f_text").value == "Saraqeb"
    assert map_places(again) == map_places(at) == {"Saraqeb", "Tel Touqan"}  # same sentence


def test_map_options_round_trip_through_the_url(hand_db):
    at = no_exception(app(hand_db))
    assert at.checkbox(key="opt_cluster").value and not at.checkbox(key="opt_choropleth").value
    assert '"disableClusteringAtZoom": 10' in map_args(at)["feature_group"]
    at.checkbox(key="opt_cluster").uncheck().run()
    at.checkbox(key="opt_choropleth").check().run()
    no_exception(at)
    assert url(at) == {"cluster": ["0"], "shade": ["1"]}
    layers = map_args(at)["feature_group"]
    assert '"disableClusteringAtZoom": 1,' in layers and '["Governorate", "Mentions"]' in layers  # shaded
    again = no_exception(app(hand_db, cluster="0", shade="1"))
    assert not again.checkbox(key="opt_cluster").value and again.checkbox(key="opt_choropleth").value
    assert map_args(again)["feature_group"] == layers
    assert not again.warning  # no "value set both by the widget and Session State"


def test_unknown_url_values_are_dropped(hand_db):
    at = no_exception(app(hand_db, actor=["Nobody", HTS], place="wof:999", **{"from": "garbage"}, show="x"))
    assert at.multiselect(key="f_actor").value == [HTS]
    assert at.session_state["f_place"] == []
    assert not [w for w in at.multiselect if w.key == "f_place_pick"]  # nothing chosen: closed
    assert url(at) == {"actor": [HTS]}


def test_reset_clears_filters_and_url(hand_db):
    at = no_exception(app(hand_db, actor=HTS, gov="Idleb"))
    at.button(key="reset_filters").click().run()
    assert map_places(no_exception(at)) == ALL
    assert url(at) == {}


def test_place_panel_lists_all_its_excerpts_escaped(hand_db):
    at = no_exception(app(hand_db, show="wof:101"))
    bodies = html_bodies(at)
    assert "<h3>Saraqeb</h3>" in bodies
    assert bodies.count("<blockquote dir=\"auto\">") == 4  # four sentences name Saraqeb
    assert "&lt;script&gt;window.__pwned=&#x27;text&#x27;&lt;/script&gt;" in bodies
    assert "<script>window" not in bodies and "<img src=x" not in bodies
    assert '<mark class="actor cat-jihadist" title="Hay&#x27;at Tahrir al-Sham (jihadist)">HTS</mark>' in bodies


def test_a_place_link_in_the_reader_keeps_the_view(hand_db):
    at = no_exception(app(hand_db, article="a-hostile", actor=[HTS], cluster="0"))
    link = re.search(r'<a href="([^"]*place=wof%3A101[^"]*)"', "".join(html_bodies(at))).group(1)
    query = urllib.parse.parse_qs(html.unescape(link)[1:])
    assert query == {"article": ["a-hostile"], "actor": [HTS], "cluster": ["0"],
                     "place": ["wof:101"], "show": ["wof:101"]}


def test_a_place_link_of_a_reader_opened_in_the_page_keeps_the_article_and_new_filters(hand_db):
    # the URL is written at the end of a run: links built from it missed what the run changed
    at = no_exception(app(hand_db, show="wof:104"))
    at.button(key="read_0").click().run()
    link = re.search(r'<a href="([^"]*place=wof%3A104[^"]*)"', html_bodies(no_exception(at))).group(1)
    assert urllib.parse.parse_qs(html.unescape(link)[1:]) == {
        "article": ["a-daesh"], "place": ["wof:104"], "show": ["wof:104"]}
    at.text_input(key="f_text").input("Hama").run()
    link = re.search(r'<a href="([^"]*place=wof%3A104[^"]*)"', html_bodies(no_exception(at))).group(1)
    assert urllib.parse.parse_qs(html.unescape(link)[1:]) == {
        "q": ["Hama"], "article": ["a-daesh"], "place": ["wof:104"], "show": ["wof:104"]}


def test_reader_shows_the_article_escaped_and_links_back_to_the_map(hand_db):
    at = no_exception(app(hand_db, article="a-hostile"))
    bodies = html_bodies(at)
    assert "&lt;script&gt;window.__pwned=&quot;title&quot;&lt;/script&gt;" in bodies  # the title
    assert "Evil&quot; onmouseover=" in bodies  # the source
    assert '<a href="?article=a-hostile&amp;place=wof%3A101&amp;show=wof%3A101" target="_self"><mark class="place"' in bodies
    assert "[a link](javascript:" in bodies  # markdown stays text: st.html renders no markdown
    for raw in ("<script>window", "<img src=x", "<svg onload", 'onmouseover="'):
        assert raw not in bodies
    # a place button of the reader filters the map to that place
    button = next(b for b in at.button if b.key.startswith("reader_place_") and b.label == "Saraqeb")
    button.click().run()
    assert at.multiselect(key="f_place_pick").value == ["wof:101"]  # opened, to show it
    assert map_places(no_exception(at)) == {"Saraqeb"}


def test_read_button_of_an_excerpt_opens_its_article(hand_db):
    at = no_exception(app(hand_db, show="wof:104"))  # Deribiye: one excerpt, from a-daesh
    at.button(key="read_0").click().run()
    no_exception(at)
    assert url(at) == {"article": ["a-daesh"], "show": ["wof:104"]}
    assert "Daesh raids in Hama" in html_bodies(at)
    at.button(key="reader_close").click().run()
    assert url(at) == {"show": ["wof:104"]}


def test_the_reader_opens_under_the_excerpt_whose_button_was_clicked(hand_db):
    at = no_exception(app(hand_db, show="wof:101"))  # Saraqeb: four excerpts
    at.button(key="read_0").click().run()
    bodies = no_exception(at).get("html")
    order = [i for i, node in enumerate(bodies) if "<blockquote dir=\"auto\">" in node.proto.body or "geo-reader" in node.proto.body]
    kinds = ["reader" if "geo-reader" in bodies[i].proto.body else "excerpt" for i in order]
    assert kinds[:3] == ["excerpt", "reader", "excerpt"], kinds  # not after the last excerpt
    at.button(key="panel_close").click().run()  # no panel: the reader stays, on its own
    assert "geo-reader" in html_bodies(no_exception(at))


def open_tab(at: AppTest, label: str) -> AppTest:
    """Switch the page's tabs (only the open tab runs)."""
    at.session_state["view"] = label  # the tabs' key: AppTest has no click on a tab
    return no_exception(at.run())


def test_overview_tables_follow_the_filters(hand_db):
    at = no_exception(app(hand_db, actor="Daesh"))
    assert not at.dataframe  # the overview's queries only run once its tab is open
    open_tab(at, "Overview")
    places, actors = (df.value for df in at.dataframe)
    assert set(places["place"]) == {"Deribiye", "Niha"}
    assert list(actors["actor"]) == ["Daesh"]


def test_the_timeline_has_every_month_quiet_ones_at_zero(hand_db_copy, monkeypatch):
    from streamlit import dataframe_util

    monkeypatch.setenv("GEO_DB", str(hand_db_copy))
    at = open_tab(app(hand_db_copy), "Add articles")
    row = {"title": "Later", "date": "2018-04-02", "text": "Daesh fighters attacked Niha again, residents said."}
    at.file_uploader(key="upload_files").set_value([("later.jsonl", json.dumps(row).encode(), "text/plain")]).run()
    at.button(key="upload_go").click().run()
    open_tab(at, "Overview")
    chart = next(node for node in at.get("vega_lite_chart"))
    rows = dataframe_util.convert_arrow_bytes_to_pandas_df(chart.proto.datasets[0].data.data)
    months = sorted(set(rows["month"]))
    with Store(hand_db_copy) as store:
        dated = sorted({d.strftime("%Y-%m") for d, _, _ in store.timeline(Filters())})
    assert months[0] == dated[0] and months[-1] == dated[-1] and len(dated) < len(months)
    year, month = map(int, dated[0].split("-"))
    expected = []
    while (year, month) <= tuple(map(int, dated[-1].split("-"))):
        expected.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    assert months == expected  # no month skipped: the x axis is time


def test_exports_of_the_store_neutralise_formulas(hand_db):
    """What the CSV download serves (dashboard.export_csv is this call)."""
    import csv
    import io

    from geo import maplayers
    from geo.store import Filters

    with Store(hand_db) as store:
        text = maplayers.mentions_csv(store.mentions(Filters(places=("wof:106",))))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and rows[0]["sentence"].startswith("'=HYPERLINK(")
    assert all(r["path"] for r in rows)  # an untitled .txt is named by its file


def test_upload_good_and_bad_files(hand_db_copy, monkeypatch):
    monkeypatch.setenv("GEO_DB", str(hand_db_copy))
    at = open_tab(app(hand_db_copy), "Add articles")
    before = int(at.metric[2].value)
    good = "Clashes broke out in Saraqeb between Hay'at Tahrir al-Sham and Daesh on Monday.".encode()
    jsonl = (json.dumps({"title": "Good row", "text": "Russia bombed Aleppo again."}) + "\n{broken\n").encode()
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    at.file_uploader(key="upload_files").set_value([
        ("good.txt", good, "text/plain"),
        ("rows.jsonl", jsonl, "application/json"),
        ("picture.png", png, "image/png"),
        ("empty.txt", b"", "text/plain"),
        ("../../etc/passwd.txt", HOSTILE_TEXT.encode(), "text/plain"),
    ]).run()
    at.button(key="upload_go").click().run()
    no_exception(at)
    shown = "\n".join(c.value for c in at.code)
    assert "good.txt: 1 article added" in shown
    assert "rows.jsonl: 1 article added" in shown and "rows.jsonl:line 2" in shown
    assert "picture.png:" in shown and "empty.txt:" in shown
    assert "\npasswd.txt: 1 article added" in shown and "../" not in shown  # only the base name is used
    assert int(at.metric[2].value) == before + 3
    assert len(at.error) >= 2 and len(at.success) >= 2
    with Store(hand_db_copy) as store:
        assert store.stats()["articles"] == before + 3
        assert not store.check()


def test_first_start_fills_an_empty_store_with_the_bundled_articles(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    for entry in (REPO / "data").iterdir():
        if entry.name != "corpus":  # the seeds only: quick
            (data / entry.name).symlink_to(entry)
    db = tmp_path / "new" / "geo.sqlite"
    monkeypatch.setenv("GEO_DATA_DIR", str(data))
    monkeypatch.setenv("GEO_DB", str(db))
    at = no_exception(app(db))
    assert [s.value for s in at.success] == [
        next(s.value for s in at.success if s.value.startswith("First start: 2 articles added"))]
    assert at.metric[2].value == "2"
    assert map_places(at)  # the seeds' places are on the map
    with Store(db) as store:
        assert store.stats()["articles"] == 2 and not store.check()


@pytest.mark.parametrize("kind", ["not a store", "a folder"])
def test_a_store_that_cannot_be_opened_is_one_line_on_the_page_not_a_traceback(tmp_path, monkeypatch, kind):
    db = tmp_path / "my_store.sqlite"
    if kind == "a folder":
        db.mkdir()
    else:
        db.write_bytes(b"not a database" * 100)
    monkeypatch.setenv("GEO_DB", str(db))
    at = no_exception(app(db))
    assert len(at.error) == 1 and "GEO_DB" in at.error[0].value
    assert [c.value for c in at.code] == [f"cannot open store {db}: " + (
        "file is not a database" if kind == "not a store" else "unable to open database file")]
    assert not at.metric and not at.get("component_instance")  # nothing else drawn


def test_an_upload_keeps_the_filters_and_updates_counts(hand_db_copy, monkeypatch):
    monkeypatch.setenv("GEO_DB", str(hand_db_copy))
    at = no_exception(app(hand_db_copy, actor=HTS))
    assert at.multiselect(key="f_actor").options[0] == f"{HTS} \u00b7 HTS \u00b7 هيئة تحرير الشام (3)"
    open_tab(at, "Add articles")
    text = f"{HTS} fighters shelled Saraqeb again.".encode()
    at.file_uploader(key="upload_files").set_value([("again.txt", text, "text/plain")]).run()
    at.button(key="upload_go").click().run()
    no_exception(at)
    assert at.multiselect(key="f_actor").value == [HTS]  # labels changed (4), the choice stays
    assert at.multiselect(key="f_actor").options[0] == f"{HTS} \u00b7 HTS \u00b7 هيئة تحرير الشام (4)"
    assert at.metric[2].value == "4" and int(at.metric[1].value) > 4  # articles; HTS place mentions
    assert url(at) == {"actor": [HTS]}


def test_an_upload_already_in_the_store_is_not_reported_as_added(hand_db_copy, monkeypatch):
    monkeypatch.setenv("GEO_DB", str(hand_db_copy))
    at = open_tab(app(hand_db_copy), "Add articles")
    text = b"Daesh fighters attacked Niha at dawn, residents said."
    for _ in range(2):
        at.file_uploader(key="upload_files").set_value([("same.txt", text, "text/plain")]).run()
        at.button(key="upload_go").click().run()
    no_exception(at)
    assert not at.success
    assert any("already in the store" in i.value for i in at.info)
    assert "same.txt: 0 articles added (1 already stored)" in at.code[0].value
    assert at.code[0].proto.wrap_lines  # long reasons wrap instead of running off the page


def test_an_upload_with_new_dates_widens_an_untouched_date_range(hand_db_copy, monkeypatch):
    monkeypatch.setenv("GEO_DB", str(hand_db_copy))
    at = no_exception(app(hand_db_copy))
    mentions = at.metric[1].value
    open_tab(at, "Add articles")
    row = {"title": "Later", "date": "2018-04-02", "text": "Daesh fighters attacked Niha again, residents said."}
    at.file_uploader(key="upload_files").set_value([("later.jsonl", json.dumps(row).encode(), "text/plain")]).run()
    at.button(key="upload_go").click().run()
    no_exception(at)
    assert at.date_input(key="f_dates").value[1].isoformat() == "2018-04-02"
    assert url(at) == {}  # no date filter appeared by itself
    assert int(at.metric[1].value) == int(mentions) + 1  # the new article is counted


def test_an_upload_with_new_dates_keeps_a_date_range_the_user_chose(hand_db_copy, monkeypatch):
    monkeypatch.setenv("GEO_DB", str(hand_db_copy))
    at = open_tab(app(hand_db_copy, **{"from": "2017-11-01"}), "Add articles")
    chosen = at.date_input(key="f_dates").value
    row = {"title": "Later", "date": "2018-04-02", "text": "Daesh fighters attacked Niha again, residents said."}
    at.file_uploader(key="upload_files").set_value([("later.jsonl", json.dumps(row).encode(), "text/plain")]).run()
    at.button(key="upload_go").click().run()
    assert no_exception(at).date_input(key="f_dates").value == chosen
    assert url(at)["from"] == ["2017-11-01"]


@pytest.mark.parametrize("limit, shown", [("52428800", "Up to 50 MiB"), ("512000", "Up to 500 KiB"),
                                          ("1572864", "Up to 1.5 MiB"), ("900", "Up to 900 bytes")])
def test_upload_limit_is_shown_in_a_readable_unit(hand_db, monkeypatch, limit, shown):
    monkeypatch.setenv("GEO_MAX_UPLOAD_BYTES", limit)
    at = no_exception(open_tab(app(hand_db), "Add articles"))
    assert any(shown + " and" in t.value for t in at.text), [t.value for t in at.text]


def test_an_empty_map_offers_the_chosen_places_with_no_other_filter(hand_db):
    # Tel Touqan (wof:102) is never named with Daesh: the map is empty, and one click shows it
    at = no_exception(app(hand_db, actor="Daesh", place="wof:102", cluster="0"))
    assert map_places(at) == set()
    at.button(key="only_places").click().run()
    assert map_places(no_exception(at)) == {"Tel Touqan"}
    assert url(at) == {"place": ["wof:102"], "cluster": ["0"]}


def test_the_server_sends_responses_without_nagle_delay(monkeypatch):
    """Streamlit binds its socket with proto 0, which asyncio leaves with Nagle's algorithm on
    (44 ms per static file instead of ~5): the server-side module turns TCP_NODELAY on."""
    import asyncio
    import asyncio.base_events
    import importlib.util
    import socket

    monkeypatch.setattr(asyncio.base_events, "_set_nodelay", asyncio.base_events._set_nodelay)
    spec = importlib.util.spec_from_file_location("dashboard_server_side", APP)
    spec.loader.exec_module(importlib.util.module_from_spec(spec))  # as `streamlit run` imports it

    async def accepted_nodelay() -> int:
        seen = asyncio.get_running_loop().create_future()

        def on_connect(reader, writer):
            seen.set_result(writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        listener = socket.socket(family=socket.AF_INET)  # as Streamlit binds it: proto 0
        listener.bind(("127.0.0.1", 0))
        server = await asyncio.start_server(on_connect, sock=listener)
        async with server:
            _, writer = await asyncio.open_connection(*listener.getsockname())
            value = await asyncio.wait_for(seen, 10)
            writer.close()
        return value

    assert asyncio.run(accepted_nodelay()) != 0


def test_articles_an_older_engine_read_can_be_read_again_from_the_page(hand_db_copy, monkeypatch):
    """A store an older engine wrote: the sidebar says how many, and one button re-reads
    them with this engine (its readings then replace the older ones)."""
    monkeypatch.setenv("GEO_DB", str(hand_db_copy))
    with Store(hand_db_copy) as store:
        store.conn.execute("UPDATE articles SET engine = 'older' WHERE id != 'a-hts'")
        before = store.article("a-daesh").parsed
    at = no_exception(app(hand_db_copy))
    assert any("2 articles were read by another version of the engine" in c.value for c in at.caption)
    at.button(key="reparse").click().run()
    no_exception(at)
    assert any(s.value.startswith("2 articles read again:") and "0 failed; 1 already read by this engine" in s.value
               for s in at.success)
    assert not [b for b in at.button if b.key == "reparse"]  # every article is this engine's now
    with Store(hand_db_copy) as store:
        from geo.pipeline import engine_id

        assert store.count_read_by_others(engine_id()) == 0 and store.check() == []
        after = store.article("a-daesh").parsed
    assert after.article == before.article and after.places  # read again by the real pipeline
    assert map_places(at)  # and the map drawn from them
