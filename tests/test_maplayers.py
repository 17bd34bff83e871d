"""Tests for geo.maplayers: the folium map, escaping, offline assets, exports.

The map is tested by inspecting the HTML folium generates (what the browser
gets), the browser itself in test_dashboard_browser.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import math
import re
from dataclasses import replace

import pytest

from geo import maplayers
from geo.maplayers import Assets, Highlight, build_map, map_html, mark_spans
from geo.model import Article, Place, PlaceMention, ActorMention
from geo.store import ActorSpan, Excerpt, MentionRow, PlaceCount, StoredArticle

SCRIPT = '<script>window.__pwned=1</script>'
IMG = '<img src=x onerror="window.__pwned=2">'


def place(pid="wof:1", name="Saraqeb", lat=35.8623, lon=36.8006, mentions=12, articles=5,
          admin1="Idleb", top="jihadist", actors=None) -> PlaceCount:
    return PlaceCount(pid, name, "town", lat, lon, admin1, mentions, articles,
                      actors if actors is not None else {"Hay'at Tahrir al-Sham": mentions},
                      {top: mentions} if top else {}, top)


def excerpt(sentence: str, place_surface: str, actor_surface: str | None = None, title="Title",
            source="Anadolu Agency", pid="wof:1") -> Excerpt:
    ps = sentence.index(place_surface)
    actors = ()
    if actor_surface:
        s = sentence.index(actor_surface)
        actors = (ActorSpan(s, s + len(actor_surface), actor_surface, "Hay'at Tahrir al-Sham", "jihadist"),)
    return Excerpt("a1", title, source, dt.date(2017, 10, 9), sentence, 0, 0, pid,
                   ((ps, ps + len(place_surface)),), actors)


def data_rows(page: str) -> list[list]:
    """The marker rows FastMarkerCluster embeds (``var data = [...];``)."""
    match = re.search(r"var data = (\[.*?\]);\n", page, re.S)
    assert match, "no marker data in the page"
    return json.loads(match.group(1))


def page_markers(page: str) -> tuple[maplayers.MarkerData, list[list]]:
    """The marker tables and rows of a map page, as the browser reads them."""
    match = re.search(r"var T = (\{.*?\});\n", page, re.S)
    assert match, "no marker tables in the page"
    rows = data_rows(page)
    return maplayers.MarkerData(rows, **json.loads(match.group(1))), rows


# --------------------------------------------------------------------------- markers


def test_one_marker_per_place_with_tooltip_counts():
    places = [place(), place("wof:2", "Tel Touqan", 35.78, 37.03, mentions=3, articles=2)]
    data, rows = page_markers(map_html(build_map(places)))
    assert len(rows) == 2
    assert maplayers.marker_tooltip(data, rows[0]) == "Saraqeb (Idleb) \u00b7 12 mentions in 5 articles"
    assert maplayers.marker_tooltip(data, rows[1]) == "Tel Touqan (Idleb) \u00b7 3 mentions in 2 articles"


def test_radius_grows_with_mentions_and_stays_bounded():
    radii = [maplayers.marker_radius(n, 1000) for n in (0, 1, 10, 100, 1000, 5000)]
    assert radii == sorted(radii)
    assert radii[0] == maplayers.MIN_RADIUS and radii[-1] == maplayers.MAX_RADIUS


def test_colour_follows_top_category_and_legend_lists_categories():
    places = [place(top="government and allies"), place("wof:2", top=None, actors={})]
    page = map_html(build_map(places))
    data, rows = page_markers(page)
    assert data.colours[rows[0][3]] == maplayers.CATEGORY_COLOURS["government and allies"]
    assert data.colours[rows[1][3]] == maplayers.NO_ACTOR_COLOUR
    for category in maplayers.CATEGORY_COLOURS:
        assert category in page  # the legend


@pytest.mark.parametrize("lat, lon", [(math.nan, 36.0), (35.0, math.inf), (91.0, 36.0), (35.0, -181.0)])
def test_bad_coordinates_are_dropped_not_fatal(lat, lon, caplog):
    places = [place(), place("wof:bad", "Nowhere", lat, lon)]
    rows = data_rows(map_html(build_map(places)))
    assert [r[7] for r in rows] == ["wof:1"]
    assert "wof:bad" in caplog.text


def test_tooltip_index_maps_clicked_tooltip_back_to_place():
    twins = [place("wof:1", "Sarjeh"), place("wof:2", "Sarjeh"), place("wof:3", "Niha", mentions=1, articles=1)]
    index = maplayers.tooltip_index(twins)
    assert index == {
        "Sarjeh (Idleb) \u00b7 12 mentions in 5 articles": "wof:1",
        "Sarjeh (Idleb) \u00b7 12 mentions in 5 articles #2": "wof:2",
        "Niha (Idleb) \u00b7 1 mention in 1 article": "wof:3",
    }


def test_clustering_only_where_markers_overlap():
    page = map_html(build_map([place()], cluster=True))
    assert re.search(r'"maxClusterRadius": 28', page) and re.search(r'"disableClusteringAtZoom": 10', page)
    page = map_html(build_map([place()], cluster=False))
    assert re.search(r'"disableClusteringAtZoom": 1\b', page)


def test_popup_shows_best_excerpts_with_actor_marked_and_article():
    ex = excerpt("Hay'at Tahrir al-Sham fighters entered Saraqeb at dawn.", "Saraqeb", "Hay'at Tahrir al-Sham")
    html = maplayers.popup_html(place(), [ex])
    assert '<mark class="actor cat-jihadist" title="Hay&#x27;at Tahrir al-Sham (jihadist)">' in html
    assert '<mark class="place">Saraqeb</mark>' in html
    assert "Title \u2014 Anadolu Agency, 2017-10-09" in html


def test_an_untitled_article_is_named_by_its_file():
    ex = replace(excerpt("HTS entered Saraqeb.", "Saraqeb", title=None), path="uploads/report <1>.txt")
    assert "report &lt;1&gt;.txt \u2014 Anadolu Agency, 2017-10-09" in maplayers.popup_html(place(), [ex])
    assert "(untitled)" in maplayers.popup_html(place(), [replace(ex, path=None)])


def test_popup_cuts_long_sentences_around_the_place():
    sentence = "x" * 1000 + " Saraqeb " + "y" * 1000
    html = maplayers.excerpt_html(excerpt(sentence, "Saraqeb"), max_chars=200)
    assert "Saraqeb" in html and len(html) < 300 and html.startswith("\u2026") and html.endswith("\u2026")


def test_a_cut_excerpt_shows_whole_words():
    sentence = " ".join(f"word{i:03d}" for i in range(100)) + " HTS shelled Saraqeb. " + " ".join(
        f"tail{i:03d}" for i in range(100))
    html = maplayers.excerpt_html(excerpt(sentence, "Saraqeb", "HTS"), max_chars=120)
    inner = html.strip("\u2026")
    words = re.sub(r"<[^>]+>", "", inner).split()
    assert "Saraqeb." in words and '<mark class="place">Saraqeb</mark>' in html
    assert all(re.fullmatch(r"(word|tail)\d{3}|HTS|shelled|Saraqeb\.", w) for w in words), words
    assert len(inner) <= 120 + len('<mark class="place"></mark>') + 200  # marks add markup only


# --------------------------------------------------------------------------- escaping


def test_hostile_text_is_escaped_everywhere_in_the_page():
    hostile = place(name=f"Saraqeb {IMG}", actors={f"HTS {SCRIPT}": 3}, admin1=f"Idleb{SCRIPT}")
    ex = excerpt(f"HTS entered Saraqeb {SCRIPT} {IMG} '\"><svg onload=alert(1)>", "Saraqeb", "HTS",
                 title=f"{SCRIPT}{IMG}", source='Evil" onmouseover="alert(1)')
    page = map_html(build_map([hostile], {"wof:1": [ex]}))
    assert "window.__pwned" in page  # the payload is there, as text...
    for raw in ("<script>window", "<img src=x", "<svg onload", 'onmouseover="alert'):
        assert raw not in page  # ...never as markup
    # what the browser will put in the popup and tooltip: escaped HTML
    data, (row,) = page_markers(page)
    assert "Saraqeb &lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;" in row[8]  # the name
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in data.actors[row[11][0]]  # an actor name
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in data.admin1[row[9]]  # the governorate
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in row[12]  # the excerpt and its title
    assert "&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;" in row[12]
    assert "Evil&quot; onmouseover=&quot;alert(1)" in row[12]
    tooltip = maplayers.marker_tooltip(data, row)
    assert "<" not in tooltip  # tooltip: text only
    # the browser's pieces make the popup and tooltip Python describes
    whole = maplayers.popup_html(hostile, [ex])
    assert maplayers.marker_popup_html(data, row) == whole
    assert tooltip == maplayers.tooltip_texts([hostile])[0].replace("&", "&amp;").replace("<", "&lt;").replace(
        ">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")
    assert whole.count("&lt;script&gt;") == 4 and "<script" not in whole  # governorate, actor, sentence, title


ODD_NAMES = ["Saraqeb", "  Tel \n Touqan ", "", " ", "A & B", "<b>x</b>", "Idleb", "x #2", "\u2028x"]


@pytest.mark.parametrize("name", ODD_NAMES)
@pytest.mark.parametrize("admin1", [None, "Idleb", " odd\tgov ", "<i>"])
def test_marker_rows_give_the_tooltips_and_popups_of_their_places(name, admin1):
    twins = [place("wof:1", name, admin1=admin1), place("wof:2", name, admin1=admin1),
             place("wof:3", name, admin1=admin1, mentions=1, articles=1, actors={}, top=None)]
    excerpts = {"wof:1": [excerpt(f"HTS took Saraqeb {SCRIPT}.", "Saraqeb", "HTS")]}
    page = map_html(build_map(twins, excerpts))
    data, rows = page_markers(page)
    assert [maplayers.marker_tooltip(data, r) for r in rows] == [
        t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace(
            "'", "&#x27;") for t in maplayers.tooltip_texts(twins)]
    assert [maplayers.marker_popup_html(data, r) for r in rows] == [
        maplayers.popup_html(p, excerpts.get(p.place_id, ())) for p in twins]
    assert [r[7] for r in rows] == ["wof:1", "wof:2", "wof:3"]
    # the clicked tooltip (as text) leads back to the place
    index = maplayers.tooltip_index(twins)
    assert [index[html.unescape(maplayers.marker_tooltip(data, r))] for r in rows] == ["wof:1", "wof:2", "wof:3"]


def test_marker_data_is_smaller_than_full_rows():
    places = [place(f"wof:{i}", f"Village {i}", 35 + i / 1000, 36.5, mentions=i + 1, admin1="Aleppo",
                    actors={"ISIS": i, "Syrian Democratic Forces": 3, "Syrian government": 2}) for i in range(500)]
    compact = len(json.dumps(maplayers.marker_data(places).rows))
    assert compact < 0.7 * len(json.dumps(maplayers.place_rows(places)))


def test_mark_spans_escapes_each_piece_and_resolves_overlaps():
    text = "<b>HTS</b> & Hay'at Tahrir al-Sham"
    spans = [Highlight(3, 6, "actor", 'a"b'), Highlight(4, 20, "actor"), Highlight(13, 34, "actor", href="?x=<1>")]
    out = mark_spans(text, spans)
    assert out == ('&lt;b&gt;<mark class="actor" title="a&quot;b">HTS</mark>&lt;/b&gt; &amp; '
                   '<a href="?x=&lt;1&gt;" target="_self"><mark class="actor">Hay&#x27;at Tahrir al-Sham</mark></a>')


def test_article_html_highlights_places_and_actors_and_links_places():
    text = "HTS took Saraqeb <script>x()</script>.\n\nRussia bombed it."
    saraqeb = Place("wof:1", "Saraqeb", "town", 35.86, 36.80, "SY", "Idleb")
    stored = StoredArticle(
        Article("a1", text, SCRIPT, None, None),
        (PlaceMention("Saraqeb", 9, 16, saraqeb, 0.9),),
        (ActorMention("HTS", 0, 3, "Hay'at Tahrir al-Sham", "jihadist"),
         ActorMention("Russia", text.index("Russia"), text.index("Russia") + 6, "Russia", "foreign state")),
        (), ((0, 38), (40, len(text))), "2017-10-09T00:00:00",
    )
    out = maplayers.article_html(stored)
    assert out.count("<p dir=\"auto\">") == 2
    assert '<a href="?place=wof%3A1" target="_self"><mark class="place"' in out
    assert '<mark class="actor cat-foreign-state" title="Russia (foreign state)">Russia</mark>' in out
    assert "&lt;script&gt;x()&lt;/script&gt;" in out and "<script>" not in out


# --------------------------------------------------------------------------- offline assets and layers


def test_offline_map_loads_nothing_from_a_cdn():
    page = map_html(build_map([place()], assets=Assets("/app/static")))
    sources = re.findall(r'<script[^>]+src="([^"]+)"', page) + re.findall(r'<link[^>]+href="([^"]+)"', page)
    assert sources and all(s.startswith("/app/static/") for s in sources), sources
    urls = set(re.findall(r"https?://[^\"'\s\\)]+", page))
    # Only the optional tile layer (and its attribution link) may name a remote host.
    assert urls <= {"https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://www.openstreetmap.org/copyright"}, urls
    for s in sources:
        assert (maplayers.static_dir() / s.removeprefix("/app/static/")).is_file(), s


def test_offline_assets_leave_folium_defaults_alone():
    import folium

    before = list(folium.Map.default_js)
    build_map([place()], assets=Assets("/app/static"))
    assert folium.Map.default_js == before
    page = map_html(build_map([place()]))  # default: folium's CDN links
    assert "cdn.jsdelivr.net/npm/leaflet@" in page


def test_vendored_leaflet_is_the_version_folium_expects():
    import folium

    cdn = dict(folium.Map.default_js)["leaflet"]
    version = re.search(r"leaflet@([\d.]+)", cdn).group(1)
    head = (maplayers.static_dir() / "leaflet" / "leaflet.js").read_text()[:300]
    assert f"Leaflet {version}" in head
    assert (maplayers.static_dir() / "leaflet" / "LICENSE").is_file()
    assert (maplayers.static_dir() / "leaflet.markercluster" / "LICENSE").is_file()


def test_base_layers_tiles_and_plain_boundaries_with_fallback():
    page = map_html(build_map([place()], tiles="auto"))
    assert "Plain (offline)" in page and "OpenStreetMap" in page
    assert 'tiles.on("tileerror"' in page  # switches to the plain layer when tiles fail
    page = map_html(build_map([place()], tiles="plain"))
    assert 'tiles.on("tileerror"' not in page


def test_unknown_tile_mode_is_refused():
    with pytest.raises(ValueError, match="'satellite'"):
        maplayers.base_map(tiles="satellite")


def test_governorates_layer_and_choropleth_counts():
    places = [place(mentions=7), place("wof:2", "Hama", 35.13, 36.75, mentions=3, admin1="Hama"),
              place("wof:3", "Maarrat", 35.6, 36.7, mentions=2)]
    assert maplayers.governorate_mentions(places) == {"Idleb": 9, "Hama": 3}
    page = map_html(build_map(places, choropleth=True))
    assert "Governorates" in page and "Mentions by governorate" in page
    assert '"NAME_EN": "Idleb", "NAME_AR": "\\u0625\\u062f\\u0644\\u0628", "PCODE": "SY07", "mentions": 9' in page \
        or re.search(r'"NAME_EN": "Idleb"[^}]*"mentions": 9', page)


def test_layer_scales_to_thousands_of_places():
    """3,000 places (100,000 mentions): a small page."""
    places = [place(f"wof:{i}", f"Village {i}", 32.5 + (i % 60) * 0.09, 35.8 + (i // 60) * 0.1,
                    mentions=1 + (i * 7) % 90, articles=1) for i in range(3000)]
    page = map_html(build_map(places))
    base = len(map_html(build_map([])))
    per_place = (len(page) - base) / len(places)
    assert len(data_rows(page)) == 3000
    assert per_place < 1000, per_place  # bytes per marker, popup included (no excerpts)


# --------------------------------------------------------------------------- exports


def mention(**changes) -> MentionRow:
    values = dict(article_id="a1", title="=HYPERLINK(\"http://evil\")", source="+cmd", date=dt.date(2017, 10, 9),
                  place_id="wof:1", place_name="Saraqeb", kind="town", lat=35.86, lon=36.8, admin1="Idleb",
                  surface="Saraqeb", start=10, end=17, confidence=0.9, sentence="-2+3 @SUM(A1)",
                  actors="Daesh;Hay'at Tahrir al-Sham")
    values.update(changes)
    return MentionRow(**values)


@pytest.mark.parametrize("value, expected", [
    ("=1+2", "'=1+2"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"),
    ("Idlib", "Idlib"), ("", ""), (-3, -3), (0.5, 0.5),
])
def test_csv_safe_neutralises_formulas(value, expected):
    assert maplayers.csv_safe(value) == expected


def test_mentions_csv_neutralises_every_text_cell():
    rows = list(csv.reader(io.StringIO(maplayers.mentions_csv([mention()]))))
    assert rows[0] == list(maplayers.MENTION_COLUMNS)
    record = dict(zip(rows[0], rows[1]))
    assert record["title"] == "'=HYPERLINK(\"http://evil\")"
    assert record["source"] == "'+cmd" and record["sentence"] == "'-2+3 @SUM(A1)"
    assert record["place_name"] == "Saraqeb" and record["lat"] == "35.86"


def test_mentions_geojson_is_points_in_lon_lat_order():
    doc = maplayers.mentions_geojson([mention(), mention(lat=math.nan)])
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 1
    feature = doc["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [36.8, 35.86]}
    assert feature["properties"]["date"] == "2017-10-09"
    json.dumps(doc)  # serialisable


@pytest.mark.parametrize("top", [1, 2, 3, 7, 25, 100, 999, 12_345])
def test_the_shading_scale_names_the_colour_of_every_count(top):
    scale = maplayers.shade_scale(top)
    colour_of = {}
    for label, colour in scale:
        low, _, high = label.replace(",", "").partition("\u2013")
        for v in range(int(low), int(high or low) + 1):
            assert v not in colour_of
            colour_of[v] = colour
    assert sorted(colour_of) == list(range(0, top + 1))  # every count from 0 to the top, once
    assert all(maplayers._shade(v, top) == c for v, c in colour_of.items())


def test_shaded_governorates_come_with_their_scale():
    from jinja2.utils import htmlsafe_json_dumps  # how the page embeds the legend's HTML

    legend = maplayers._LayerLegend("Mentions by governorate", maplayers.shade_scale(40))
    assert maplayers.shade_scale(40)[-1][0].endswith("40")  # the busiest governorate: 40 mentions
    assert "26\u201340</div>" in legend.html
    page = map_html(build_map([place(mentions=40)], choropleth=True))
    assert str(htmlsafe_json_dumps(legend.html)) in page
    assert 'legend.addTo(layer._map)' in page
    assert "legend.addTo(layer._map)" not in map_html(build_map([place(mentions=40)]))


def test_arabic_highlights_take_whole_words():
    # the name is سراقب; "ب" (in) is written onto it: the mark covers the word, letters stay joined
    text = "قصفت الطائرات بسراقب أمس"
    start = text.index("سراقب")
    out = maplayers.mark_spans(text, [maplayers.Highlight(start, start + 5, "place")])
    assert '<mark class="place">بسراقب</mark>' in out
    # Latin text is marked as given
    assert maplayers.mark_spans("al-Bab", [maplayers.Highlight(3, 6, "place")]) == 'al-<mark class="place">Bab</mark>'
