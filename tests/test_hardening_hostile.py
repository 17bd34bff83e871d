"""Hardening: hostile input (HTML/JS in titles, sources, texts and file names;
spreadsheet formulas) is shown as text everywhere, never run.

Rather than looking for a few known strings, every piece of HTML the map and
the dashboard build from untrusted text is *parsed* and its structure checked:
only the tags and attributes the code itself writes may appear, links only go
to ``?place=...``, and the untrusted text reads back verbatim as text. The
browser proof (no script runs) is in test_dashboard_browser.py and
test_hardening_browser.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from html.parser import HTMLParser

import pytest
from conftest import HOSTILE_SOURCE, HOSTILE_TITLE, REPO
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from geo import maplayers
from geo.articles import ReadOptions, read_bytes
from geo.config import Limits
from geo.ingest import ingest_articles, upload_name
from geo.model import ActorMention, Article, Place, PlaceMention
from geo.store import (
    ActorSpan,
    Excerpt,
    Filters,
    MentionRow,
    PlaceCount,
    Store,
    StoredArticle,
)

PAYLOADS = [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=\"window.__pwned=2\">",
    "<svg/onload=window.__pwned=3>",
    "<a href=\"javascript:window.__pwned=4\">x</a>",
    "[md link](javascript:window.__pwned=5)",
    "javascript:window.__pwned=6",
    "\" onmouseover=\"window.__pwned=7\" x=\"",
    "' onfocus='window.__pwned=8' autofocus '",
    "\"><iframe srcdoc=\"<script>parent.__pwned=9</script>\">",
    "</textarea></title></style></script><script>window.__pwned=10</script>",
    "<!--", "-->", "<![CDATA[", "]]>", "&lt;script&gt;", "&amp;", "&#x3C;script&#x3E;",
    "{{7*7}}", "${7*7}", "`", "\u2028", "\u2029", "</", "<", ">", "&", "\\", "%3Cscript%3E",
]
#: Untrusted text: payloads glued to ordinary words and random characters.
HOSTILE = st.lists(st.one_of(st.sampled_from(PAYLOADS), st.sampled_from(["Saraqeb", "HTS", " ", "."]),
                             st.text(max_size=6)), min_size=1, max_size=8).map("".join)

#: What the code itself writes: tag -> attributes it may carry.
ALLOWED_TAGS = {  # dir: "auto" only (Arabic text right to left)
    "div": {"class", "dir"}, "b": set(), "ol": set(), "li": {"dir"}, "p": {"class", "dir"}, "br": set(),
    "h3": {"dir"}, "blockquote": {"dir"}, "mark": {"class", "title"}, "a": {"href", "target"},
}
CLASS_VALUE = re.compile(r"^[\w -]+$")  # category_css keeps letters and digits of any script


class _Structure(HTMLParser):
    """Tags, attributes and text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.other: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.other.append(f"comment {data!r}")

    def handle_decl(self, decl):
        self.other.append(f"decl {decl!r}")

    def unknown_decl(self, data):
        self.other.append(f"decl {data!r}")

    def handle_pi(self, data):
        self.other.append(f"pi {data!r}")


#: The legend's colour swatches (colours come from the code, not the data).
LEGEND_TAGS = {**ALLOWED_TAGS, "i": {"style"}, "div": {"class", "style"}}
STYLE_VALUE = re.compile(r"^(background:#[0-9a-f]{6}|color:#555;margin-top:3px)$")


def check_fragment(fragment: str, *untrusted: str, allowed: dict[str, set[str]] = ALLOWED_TAGS) -> str:
    """Assert ``fragment`` holds only our own markup; return its text (entities decoded).

    Each of ``untrusted`` must read back verbatim in the text.
    """
    parser = _Structure()
    parser.feed(fragment)
    parser.close()
    assert parser.other == [], parser.other
    for tag, attrs in parser.tags:
        assert tag in allowed, (tag, attrs, fragment)
        for name, value in attrs:
            assert name in allowed[tag], (tag, name, fragment)
            if name == "style":
                assert STYLE_VALUE.match(value or ""), value
            if name == "class":
                assert CLASS_VALUE.match(value or ""), (tag, value)
            if name == "dir":
                assert value == "auto", value
            if name == "href":  # a query string of this page, every value URL-encoded
                assert value and re.fullmatch(
                    r"\?(?:[a-z]+=[A-Za-z0-9%._~+-]*&)*place=[A-Za-z0-9%._~-]*(?:&show=[A-Za-z0-9%._~-]*)?", value), value
            if name == "target":
                assert value == "_self"
    text = "".join(parser.text)
    for piece in untrusted:
        if piece:
            assert piece in text, (piece, text)
    return text


def hostile_place(name: str, admin1: str, actor: str) -> PlaceCount:
    return PlaceCount("wof:1", name, "town", 35.86, 36.80, admin1, 3, 2, {actor: 2}, {"jihadist": 2}, "jihadist")


def hostile_excerpt(sentence: str, title: str, source: str, actor: str, category: str) -> Excerpt:
    sentence = "HTS shelled Saraqeb: " + sentence
    return Excerpt("a1", title, source, dt.date(2017, 1, 2), sentence, 0, 0, "wof:1", ((12, 19),),
                   (ActorSpan(0, 3, "HTS", actor, category),))


# --------------------------------------------------------------------------- map popups and tooltips


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE)
def test_popup_and_tooltip_hold_hostile_text_as_text(title, source, sentence, name, actor):
    place = hostile_place(name, source, actor)
    ex = hostile_excerpt(sentence, title, source, actor, "jihadist")
    popup = maplayers.popup_html(place, [ex], max_chars=10_000)
    check_fragment(popup, name, actor, " ".join(sentence.split()) and sentence,
                   maplayers.article_label(title, source, ex.date))
    # what the browser gets: the marker row's tooltip and popup pieces
    (row,) = maplayers.place_rows([place], {"wof:1": [ex]})
    tooltip = row[maplayers.ROW_TOOLTIP]
    assert check_fragment(tooltip) == " ".join(maplayers.tooltip_text(place).split())
    assert maplayers.row_popup_html(row) == maplayers.popup_html(place, [ex])
    check_fragment(maplayers.row_popup_html(row), name, actor)
    assert isinstance(row[maplayers.ROW_PLACE_ID], str) and all(isinstance(row[i], int) for i in (4, 6))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE, HOSTILE, HOSTILE, HOSTILE)
# (found by hypothesis: a blank line in a category split the actor's title across two paragraphs)
@example("<script>window.__pwned=1</script>", "x", "<script>window.__pwned=1</script>", "\n\n")
def test_reader_html_holds_hostile_text_as_text(text, place_id, actor, category):
    text = "HTS took Saraqeb. " + text
    place = Place(place_id or "x", "Saraqeb", "town", 35.86, 36.80, admin1="Idleb")
    stored = StoredArticle(
        Article("a1", text, "t", "s"),
        (PlaceMention("Saraqeb", 9, 16, place, 0.9),),
        (ActorMention("HTS", 0, 3, actor, category),),
        (), ((0, len(text)),), "2017-01-01",
    )
    body = maplayers.article_html(stored)
    shown = check_fragment(body)
    # the text reads back (paragraph breaks become tags, so compare the words)
    assert "".join(shown.split()) == "".join(text.split())


def test_the_whole_map_page_has_no_markup_from_the_data():
    name = PAYLOADS[1]
    places = [hostile_place(f"Saraqeb {p}", p, f"HTS {p}") for p in PAYLOADS]
    places = [PlaceCount(f"wof:{i}", *dataclass_values(p)[1:]) for i, p in enumerate(places)]
    excerpts = {p.place_id: [hostile_excerpt(" ".join(PAYLOADS), " ".join(PAYLOADS), p.admin1, p.admin1,
                                             f"cat {p.admin1}")] for p in places}
    page = maplayers.map_html(maplayers.build_map(places, excerpts))
    assert name in html.unescape(page) or "onerror" in page
    for pattern in (r"<script>window", r"<img\b", r"<svg\b", r"<iframe\b", r"\son\w+=\"window", r"<a href=\"javascript"):
        assert not re.search(pattern, page, re.IGNORECASE), pattern
    # the marker rows sit inside a <script>: nothing in them may close it or open a comment
    start = page.index("var data = ")
    data = page[start:page.index("];", start)]
    assert "</" not in data and "<!--" not in data


def dataclass_values(obj) -> list:
    return [getattr(obj, f) for f in obj.__dataclass_fields__]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE)
def test_legend_escapes_unknown_categories(category):
    place = PlaceCount("wof:1", "Saraqeb", "town", 35.86, 36.80, "Idleb", 1, 1, {}, {category: 1}, category)
    page = maplayers.map_html(maplayers.build_map([place]))
    match = re.search(r"div\.innerHTML = (\".*?\");\n", page)
    assert match, "legend not found"
    check_fragment(json.loads(match.group(1)), allowed=LEGEND_TAGS)  # listed or not, never markup


# --------------------------------------------------------------------------- the dashboard


def walk(node, out: list) -> list:
    out.append(node)
    for child in getattr(node, "children", {}).values():
        walk(child, out)
    return out


#: Elements whose text Streamlit renders as Markdown (a javascript: link would be live).
MARKDOWN_ELEMENTS = {"markdown", "caption", "title", "header", "subheader", "alert", "error", "warning",
                     "success", "info", "exception", "tab", "expander"}


@pytest.mark.parametrize("params", [
    {"article": "a-hostile", "show": "wof:101"},
    {"show": "wof:101", "q": "overnight"},
    {"source": HOSTILE_SOURCE, "article": "a-hostile"},
])
def test_dashboard_html_holds_hostile_text_as_text(hand_db, monkeypatch, params):
    """Every st.html block the app builds passes the structure check; the payloads
    reach Markdown-rendering elements nowhere."""
    monkeypatch.setenv("GEO_DB", str(hand_db))
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    nodes = walk(at._tree, [])
    bodies = [n.proto.body for n in nodes if getattr(n, "type", "") == "html"]
    shown = ""
    for body in bodies:
        if body.lstrip().startswith("<style>"):
            assert "<" not in body.strip()[len("<style>"):-len("</style>")], "data in the style block"
            continue
        fragment = re.sub(r'^<div class="geo-html">|</div>$', "", body.strip())
        shown += check_fragment(fragment.replace('<div class="geo-reader">', "<div class=\"geo-reader\">"))
    assert HOSTILE_TITLE in shown and "<script>window.__pwned='text'</script>" in shown
    if "source" in params:
        assert HOSTILE_SOURCE in shown
    for node in nodes:
        kind = getattr(node, "type", "")
        if kind in MARKDOWN_ELEMENTS:
            assert "pwned" not in str(node.proto), (kind, node.proto)
        if kind in ("button", "download_button", "checkbox", "metric"):
            assert "pwned" not in node.label, node.label  # labels render Markdown too


# --------------------------------------------------------------------------- uploads and file names


@pytest.mark.parametrize("name, shown", [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\Windows\\win.ini.txt", "win.ini.txt"),
    ("/etc/passwd.txt", "passwd.txt"),
    ("....//....//etc/x.txt", "x.txt"),
    ("C:\\Users\\me\\<img src=x onerror=alert(1)>.txt", "<img src=x onerror=alert(1)>.txt"),
    ("report\x1b[31m\r\n.txt", "report?[31m??.txt"),
    ("..", ".."),
    ("", "upload"),
    ("a" * 500 + ".txt", "a" * 200),
])
def test_upload_names_are_base_names_only(name, shown):
    assert upload_name(name) == shown
    assert "/" not in upload_name(name) and "\\" not in upload_name(name)
    for item in read_bytes(name, b"Clashes in Idlib.", ReadOptions(limits=Limits())):
        where = item.path if isinstance(item, Article) else item.where
        assert "/" not in where and "\\" not in where and not any(ord(c) < 32 for c in where)


def test_uploads_are_never_written_to_disk(hand_db_copy, tmp_path, monkeypatch):
    """The upload path reads bytes in memory: no file appears anywhere under the
    repository, the store's folder or the working directory, whatever the name."""
    monkeypatch.chdir(tmp_path)
    watched = [REPO, hand_db_copy.parent, tmp_path]
    before = {p for root in watched for p in root.rglob("*") if ".git" not in p.parts}
    names = ["../../etc/passwd.txt", "../evil.txt", "/tmp/evil.txt", "..\\..\\evil.txt"]
    with Store(hand_db_copy) as store:
        for name in names:
            items = list(read_bytes(upload_name(name), f"Shelling of Saraqeb, {name}.".encode(),
                                    ReadOptions(limits=Limits())))
            report = ingest_articles(items, store, None)
            assert report.errors and all("/" not in e.split(":")[0] for e in report.errors)
    after = {p for root in watched for p in root.rglob("*") if ".git" not in p.parts}
    new = {p for p in after - before if "__pycache__" not in p.parts and ".hypothesis" not in p.parts
           and p.suffix not in (".sqlite-wal", ".sqlite-shm")}
    assert new == set()
    source = (REPO / "dashboard.py").read_text() + (REPO / "geo" / "ingest.py").read_text()
    writers = re.findall(r"(?<![\w.])open\(|\.write_(?:bytes|text)\(|\.save\(|shutil\.|tempfile", source)
    assert writers == [], f"an upload may be written to disk: {writers}"


# --------------------------------------------------------------------------- CSV export

FORMULA = st.sampled_from(["=", "+", "-", "@", "\t", "\r", "＝", " =", "\n=", "'="])


def mention_row(title: str, source: str, sentence: str, surface: str, actors: str) -> MentionRow:
    return MentionRow("a1", title, source, dt.date(2017, 1, 2), "wof:1", surface, "town", 35.86, -36.8,
                      "Idleb", surface, 0, 3, 0.9, sentence, actors)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(FORMULA, HOSTILE), min_size=5, max_size=5))
def test_csv_export_neutralises_every_formula_cell(cells):
    values = [prefix + rest for prefix, rest in cells]
    text = maplayers.mentions_csv([mention_row(*values)])
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 2 and len(rows[1]) == len(maplayers.MENTION_COLUMNS)  # no row injected
    for column, cell in zip(maplayers.MENTION_COLUMNS, rows[1]):
        if column in ("lat", "lon"):
            continue  # floats: "-36.8" is a number to a spreadsheet
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell)
        if column in ("title", "source", "sentence", "surface", "actors"):
            original = values[("title", "source", "sentence", "surface", "actors").index(column)]
            assert cell in (original, "'" + original)
    assert rows[1][maplayers.MENTION_COLUMNS.index("lon")] == "-36.8"  # numbers stay numbers


def test_csv_export_of_the_store_neutralises_the_hostile_article(hand_db):
    """What the dashboard's CSV download serves (dashboard.export_csv): every text cell."""
    with Store(hand_db) as store:
        rows = list(store.mentions(Filters()))
        text = maplayers.mentions_csv(rows)
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert len(parsed) == len(rows) > 0
    for row in parsed:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or column in ("lat", "lon"), (column, cell)
    assert any(r["sentence"].startswith("'=HYPERLINK(") for r in parsed)
    assert any(r["title"] == HOSTILE_TITLE for r in parsed)  # shown as text, not stripped
    assert "csv_safe" in (REPO / "geo" / "maplayers.py").read_text()
    assert "maplayers.mentions_csv(" in (REPO / "dashboard.py").read_text()
