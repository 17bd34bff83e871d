"""The folium map of places and actors, built from store query results.

No streamlit here. The map comes in two parts, so a page can keep the first
and swap only the second when the filters change (``st_folium(base,
feature_group_to_add=layers)``); :func:`build_map` joins them for a
standalone page:

* :func:`base_map` (fixed): base layers **OpenStreetMap** tiles and **Plain
  (offline)**, the OCHA country outline on a plain background (in
  ``tiles="auto"`` mode the page switches to it by itself when no tile
  loads); **Governorates** (OCHA admin1 outlines, in a pane below the
  markers); the legend.
* :func:`place_layers` (follows the filters): **Places**, one
  ``CircleMarker`` per place built in the browser from compact rows
  (:func:`marker_data`) in a :class:`folium.plugins.FastMarkerCluster` (not
  thousands of Python ``Marker`` objects), clustered only where markers
  overlap. Radius grows with the square root of the mentions, colour is the
  place's most frequent actor category (:data:`CATEGORY_COLOURS`). Tooltip:
  name and counts, plain text, so ``st_folium`` can return it on a click
  (:func:`tooltip_index` maps it back to the place); popup: counts, top
  actors and the best excerpts with actors in ``<mark>``, joined in the
  browser from escaped pieces (:func:`marker_popup_html` is the same join in
  Python); both are bound to a marker when it is first pointed at or
  clicked, not for every marker up front. Optionally **Mentions by
  governorate**, a choropleth.

The layers are chosen to scale to a few thousand places (100,000 mentions):
about 140 bytes per place (governorates, kinds and actor names are sent once
in tables), 0.1 s to build 3,300 places (``scripts/bench_dashboard.py``).
:func:`place_rows` is the older, self-contained row per place (each popup
piece spelled out), kept for callers that want one row per place.

All untrusted text (article titles, sources, sentences, place and actor
names) is escaped with :func:`html.escape` piece by piece before it reaches
HTML; highlights are built around the escaped pieces, never by substituting
inside HTML (:func:`mark_spans`). The reader's HTML (:func:`article_html`)
and the CSV / GeoJSON exports (formula cells neutralised, :func:`csv_safe`)
live here too.

Offline: pass ``assets=Assets(base_url)`` and every script and stylesheet
the page loads comes from ``base_url`` (the app's ``static/`` folder, see
``static/README.md``) instead of a CDN.
"""

from __future__ import annotations

import csv
import html
import io
import json
import logging
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import quote

import folium
import folium.plugins
from branca.element import Element, MacroElement
from folium.template import Template

from geo import config
from geo.model import check_coordinates
from geo.names import is_arabic
from geo.store import Excerpt, MentionRow, PlaceCount, StoredArticle

logger = logging.getLogger(__name__)

#: Marker colour per actor category (the legend shows them in this order).
CATEGORY_COLOURS: dict[str, str] = {
    "government and allies": "#d62728",
    "opposition": "#2ca02c",
    "jihadist": "#252525",
    "Kurdish-led": "#e6ab02",
    "foreign state": "#7570b3",
    "international": "#1f77b4",
}
#: Colour of places mentioned with no actor at all.
NO_ACTOR_COLOUR = "#8c8c8c"
NO_ACTOR_LABEL = "no actor named"

#: Syria, for the initial view.
SYRIA_CENTER = (35.0, 38.5)
SYRIA_ZOOM = 7

MIN_RADIUS = 4.0
MAX_RADIUS = 22.0

TileMode = Literal["auto", "osm", "plain"]


# --------------------------------------------------------------------------
# Offline assets
# --------------------------------------------------------------------------

#: Files under ``static/`` (served by Streamlit at ``<base>/app/static/``).
_OFFLINE_FILES = {
    "leaflet_js": "leaflet/leaflet.js",
    "leaflet_css": "leaflet/leaflet.css",
    "markercluster_js": "leaflet.markercluster/leaflet.markercluster.js",
    "markercluster_css": "leaflet.markercluster/MarkerCluster.css",
    "markercluster_default_css": "leaflet.markercluster/MarkerCluster.Default.css",
}


@dataclass(frozen=True)
class Assets:
    """Where the browser loads Leaflet and its plugins from.

    ``base_url`` is the URL of the ``static/`` folder, e.g. ``/app/static/``
    under ``streamlit run`` with ``server.enableStaticServing``, or a
    ``file://`` URL for a saved page. None keeps folium's CDN links.

    >>> Assets("/app/static").url("leaflet_js")
    '/app/static/leaflet/leaflet.js'
    """

    base_url: str | None = None

    def url(self, name: str) -> str:
        """The URL of one asset (a key of the offline file table)."""
        if self.base_url is None:
            raise ValueError("Assets(None) uses folium's CDN links; no local URL")
        return self.base_url.rstrip("/") + "/" + _OFFLINE_FILES[name]

    @property
    def offline(self) -> bool:
        return self.base_url is not None


def static_dir() -> Path:
    """The vendored asset folder (``<repo>/static``)."""
    return config.REPO_DIR / "static"


def _use_assets(m: folium.Map | None, cluster: folium.plugins.MarkerCluster | None, assets: Assets) -> None:
    """Point the map (and the cluster layer) at local copies of their scripts.

    Instance attributes shadow folium's class-level CDN lists, so other maps
    in the same process keep their defaults. jQuery, Bootstrap and
    awesome-markers are dropped: nothing on this map uses them.
    """
    if not assets.offline:
        return
    if m is not None:
        m.default_js = [("leaflet", assets.url("leaflet_js"))]
        m.default_css = [("leaflet_css", assets.url("leaflet_css"))]
    if cluster is not None:
        cluster.default_js = [("markerclusterjs", assets.url("markercluster_js"))]
        cluster.default_css = [
            ("markerclustercss", assets.url("markercluster_css")),
            ("markerclusterdefaultcss", assets.url("markercluster_default_css")),
        ]


# --------------------------------------------------------------------------
# Text -> escaped HTML with highlights
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Highlight:
    """A stretch of text to wrap in ``<mark>`` (offsets into the text being marked).

    ``css`` is a class name chosen by the caller (not user data); ``title``
    (a tooltip) and ``href`` (makes the highlight a link) are escaped.
    """

    start: int
    end: int
    css: str = "actor"
    title: str | None = None
    href: str | None = None


def mark_spans(text: str, spans: Iterable[Highlight], start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` as escaped HTML with each span wrapped in ``<mark>``.

    Overlapping spans: the one starting first (the longer on a tie) wins.
    Spans outside the window are clipped. Ellipses mark a cut window.

    >>> mark_spans("HTS took <Saraqeb>", [Highlight(0, 3, "actor", "Hay'at Tahrir al-Sham")])
    '<mark class="actor" title="Hay&#x27;at Tahrir al-Sham">HTS</mark> took &lt;Saraqeb&gt;'
    """
    end = len(text) if end is None else min(end, len(text))
    start = max(0, min(start, end))
    chosen: list[Highlight] = []
    pos = start
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        s, e = _whole_arabic_word(text, max(span.start, start), min(span.end, end), pos, end)
        if e <= s or s < pos:
            continue
        chosen.append(Highlight(s, e, span.css, span.title, span.href))
        pos = e
    out: list[str] = ["\u2026"] if start > 0 else []
    pos = start
    for span in chosen:
        out.append(html.escape(text[pos : span.start]))
        attrs = f' class="{_attribute(span.css)}"'
        if span.title:
            attrs += f' title="{_attribute(span.title)}"'
        inner = f"<mark{attrs}>{html.escape(text[span.start : span.end])}</mark>"
        if span.href:
            inner = f'<a href="{_attribute(span.href)}" target="_self">{inner}</a>'
        out.append(inner)
        pos = span.end
    out.append(html.escape(text[pos:end]))
    if end < len(text):
        out.append("\u2026")
    return "".join(out)


def _attribute(value: str) -> str:
    """An attribute value escaped, its line breaks as character references: the reader cuts
    the marked-up text into paragraphs at blank lines, which must never fall inside a tag
    (an actor category of two line breaks split a title across two paragraphs).

    >>> _attribute('a "b"\\n\\nc')
    'a &quot;b&quot;&#10;&#10;c'
    """
    return html.escape(value).replace("\r", "&#13;").replace("\n", "&#10;")


def _is_arabic_letter(char: str) -> bool:
    return is_arabic(char) and char.isalpha()


def _whole_arabic_word(text: str, start: int, end: int, low: int, high: int) -> tuple[int, int]:
    """A highlight of Arabic text widened to whole words (within ``low``..``high``).

    A name may carry a proclitic ("بسراقب", in Saraqib): marking only its letters
    would cut the word, whose letters then no longer join across the mark.

    >>> text = "قصف بسراقب"
    >>> s, e = _whole_arabic_word(text, 5, 10, 0, len(text)); text[s:e]
    'بسراقب'
    """
    if start < end and _is_arabic_letter(text[start]):
        while start > low and _is_arabic_letter(text[start - 1]):
            start -= 1
    if start < end and _is_arabic_letter(text[end - 1]):
        while end < high and _is_arabic_letter(text[end]):
            end += 1
    return start, end


def category_css(category: str | None) -> str:
    """A CSS class name for an actor category (``cat-government-and-allies``)."""
    if not category:
        return "cat-none"
    return "cat-" + "".join(c if c.isalnum() else "-" for c in category.lower())


def excerpt_html(ex: Excerpt, max_chars: int | None = None) -> str:
    """One excerpt: the sentence with its place in bold-ish ``<mark class="place">``
    and actors in ``<mark class="actor cat-...">``, cut to ``max_chars`` around
    the place when given. Everything escaped.
    """
    spans = [Highlight(s, e, "place") for s, e in ex.place_spans]
    spans += [
        Highlight(a.start, a.end, f"actor {category_css(a.category)}", f"{a.actor} ({a.category})")
        for a in ex.actors
    ]
    start, end = 0, len(ex.sentence)
    if max_chars and len(ex.sentence) > max_chars:
        ps, pe = ex.place_spans[0] if ex.place_spans else (0, 0)
        middle = (ps + pe) // 2
        start = max(0, middle - max_chars // 2)
        end = min(len(ex.sentence), start + max_chars)
        start = max(0, end - max_chars)
        start, end = _word_window(ex.sentence, start, end, ps, pe)
    return mark_spans(ex.sentence, spans, start, end)


def _word_window(text: str, start: int, end: int, keep_start: int, keep_end: int) -> tuple[int, int]:
    """``start``/``end`` moved inwards to the nearest space, so a cut excerpt shows whole
    words (never past ``keep_start``/``keep_end``, the place; a window inside one long
    word stays as it is).

    >>> text = "troops shelled the village of Saraqeb overnight"
    >>> s, e = _word_window(text, 10, 44, 30, 37); text[s:e]
    'the village of Saraqeb'
    """
    if start > 0 and not text[start - 1].isspace():
        space = text.find(" ", start, keep_start)
        if space != -1:
            start = space + 1
    if end < len(text) and not text[end].isspace():
        space = text.rfind(" ", keep_end, end)
        if space != -1:
            end = space
    return start, end


def article_label(title: str | None, source: str | None, date: object | None, path: str | None = None) -> str:
    """Plain text "Title — Source, 2017-10-09" (unescaped; escape where used).

    An article without a title (a text file) is named by its file.
    """
    tail = ", ".join(str(x) for x in (source, date) if x)
    return article_title(title, path) + (f" \u2014 {tail}" if tail else "")


def article_title(title: str | None, path: str | None = None) -> str:
    """The title, else the file's name ("report.txt" for ``uploads/report.txt``), else "(untitled)".

    >>> article_title(None, "data/seeds/seed_1.txt"), article_title("Raids", "a.txt"), article_title(None)
    ('seed_1.txt', 'Raids', '(untitled)')
    """
    if title:
        return title
    name = (path or "").replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return name or "(untitled)"


def article_html(stored: StoredArticle, place_link: str | None = "?place={place_id}") -> str:
    """The whole article text with every place and actor highlighted, escaped.

    ``place_link`` is a URL template for place highlights (``{place_id}`` is
    replaced by the URL-quoted place id), so a place in the reader links back
    to the map filtered on it; None for no links. Paragraph breaks are kept.
    """
    spans = [
        Highlight(
            p.start,
            p.end,
            "place",
            f"{p.place.name} ({p.place.kind}{', ' + p.place.admin1 if p.place.admin1 else ''})",
            place_link.format(place_id=quote(p.place.id, safe="")) if place_link else None,
        )
        for p in stored.places
    ]
    spans += [
        Highlight(a.start, a.end, f"actor {category_css(a.category)}", f"{a.actor} ({a.category})")
        for a in stored.actors
    ]
    body = mark_spans(stored.article.text, spans)
    paragraphs = [p.strip().replace("\n", "<br>") for p in body.replace("\r\n", "\n").split("\n\n")]
    return "".join(f'<p dir="auto">{p}</p>' for p in paragraphs if p)  # Arabic right to left


#: CSS for popups, panels and the reader (class names set above).
HIGHLIGHT_CSS = "\n".join(
    [
        "mark.place { background: #cfe3ff; padding: 0 2px; border-radius: 2px; }",
        "mark.actor { background: #ffe08a; padding: 0 2px; border-radius: 2px; }",
        "mark.cat-none { background: #eee; }",
    ]
    + [
        f"mark.actor.{category_css(c)} {{ box-shadow: inset 0 -2px 0 {colour}; }}"
        for c, colour in CATEGORY_COLOURS.items()
    ]
    + [
        ".geo-popup { font-size: 12px; line-height: 1.35; }",
        ".geo-popup .geo-head { font-size: 13px; margin-bottom: 2px; }",
        ".geo-popup .geo-actors { color: #444; margin-bottom: 4px; }",
        ".geo-popup ol { padding-left: 16px; margin: 4px 0; }",
        ".geo-popup li { margin-bottom: 6px; }",
        ".geo-popup .geo-src { color: #666; font-size: 11px; }",
        ".geo-legend { background: rgba(255,255,255,0.92); padding: 6px 8px; font: 12px/1.4 sans-serif;"
        " border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.3); }",
        ".geo-legend i { display: inline-block; width: 11px; height: 11px; border-radius: 50%;"
        " margin-right: 5px; vertical-align: -1px; border: 1px solid #333; }",
        ".geo-legend i.geo-square { border-radius: 0; border-color: #8c6d31; opacity: 0.75; }",  # as drawn (0.55 fill)
        ".leaflet-container { background: #e8eef1; }",
    ]
)


# --------------------------------------------------------------------------
# Places
# --------------------------------------------------------------------------


def valid_places(places: Iterable[PlaceCount]) -> list[PlaceCount]:
    """The places whose coordinates are finite and in range; others are logged and dropped."""
    good = []
    for p in places:
        try:
            check_coordinates(p.lat, p.lon)
        except ValueError as exc:
            logger.warning("place %s (%r) left off the map: %s", p.place_id, p.name, exc)
            continue
        good.append(p)
    return good


def marker_radius(mentions: int, max_mentions: int) -> float:
    """Pixel radius: area proportional to mentions, from MIN_RADIUS to MAX_RADIUS.

    >>> marker_radius(1, 1), marker_radius(0, 100)
    (22.0, 4.0)
    """
    if max_mentions <= 0 or mentions <= 0:
        return MIN_RADIUS
    share = math.sqrt(min(mentions, max_mentions) / max_mentions)
    return round(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * share, 1)


def place_colour(place: PlaceCount) -> str:
    """The colour of the place's most frequent actor category."""
    return CATEGORY_COLOURS.get(place.top_category or "", NO_ACTOR_COLOUR)


def plural(n: int, word: str) -> str:
    """"1 mention", "2,300 mentions"."""
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def tooltip_text(place: PlaceCount) -> str:
    """One line of plain text: "Saraqeb (Idleb) · 12 mentions in 5 articles".

    ``st_folium`` returns this text (``last_object_clicked_tooltip``) when
    the marker is clicked; :func:`tooltip_index` maps it back to the place.
    """
    where = f" ({place.admin1})" if place.admin1 and place.admin1 != place.name else ""
    return (
        f"{place.name}{where} \u00b7 {plural(place.mentions, 'mention')}"
        f" in {plural(place.articles, 'article')}"
    )


def tooltip_texts(places: Sequence[PlaceCount]) -> list[str]:
    """:func:`tooltip_text` for each place, made unique with " #2", " #3"... suffixes."""
    seen: dict[str, int] = {}
    out = []
    for p in places:
        text = " ".join(tooltip_text(p).split())
        n = seen.get(text, 0) + 1
        seen[text] = n
        out.append(text if n == 1 else f"{text} #{n}")
    return out


def tooltip_index(places: Sequence[PlaceCount]) -> dict[str, str]:
    """Tooltip text -> place id for the markers :func:`build_map` draws from ``places``."""
    places = valid_places(places)
    return dict(zip(tooltip_texts(places), (p.place_id for p in places)))


@dataclass(frozen=True)
class PopupParts:
    """The escaped pieces of a place's popup; the browser joins them (see :func:`popup_html`).

    Sent as pieces rather than whole popups so the page carries no markup
    repeated thousands of times, and popups are built only when opened.
    """

    head: str  # "<b>Saraqeb</b> · Idleb · town"
    actors: str  # "Hay'at Tahrir al-Sham 5 · Daesh 2" (may be "")
    excerpts: str  # "<ol><li>...</li></ol>..." (may be "")


def popup_parts(place: PlaceCount, excerpts: Sequence[Excerpt] = (), max_excerpts: int = 3,
                max_chars: int = 280, max_actors: int = 4) -> PopupParts:
    """The pieces of the popup of one place: name, top actors, best excerpts with their articles."""
    meta = "".join(f" \u00b7 {html.escape(x)}" for x in (place.admin1, place.kind) if x)
    head = f"<b>{html.escape(place.name)}</b>{meta}"
    top = sorted(place.actors.items(), key=lambda kv: (-kv[1], kv[0]))[:max_actors]
    actors = " \u00b7 ".join(f"{html.escape(a)} {n:,}" for a, n in top)
    parts = []
    if excerpts:
        parts.append("<ol>")
        for ex in excerpts[:max_excerpts]:
            label = article_label(ex.title, ex.source, ex.date, ex.path)
            parts.append(f'<li dir="auto">{excerpt_html(ex, max_chars)}'
                         f'<div class="geo-src" dir="auto">{html.escape(label)}</div></li>')
        parts.append("</ol>")
        if place.mentions > len(excerpts[:max_excerpts]):
            parts.append('<div class="geo-src">Every excerpt: in the panel under the map.</div>')
    return PopupParts(head, actors, "".join(parts))


def popup_html(place: PlaceCount, excerpts: Sequence[Excerpt] = (), **limits) -> str:
    """The whole popup of one place, as the browser builds it from :func:`popup_parts`
    (see :func:`row_popup_html`)."""
    p = popup_parts(place, excerpts, **limits)
    actors = f'<div class="geo-actors">{p.actors}</div>' if p.actors else ""
    return (f'<div class="geo-popup"><div class="geo-head">{p.head}</div>'
            f"<div>{plural(place.mentions, 'mention')} in {plural(place.articles, 'article')}</div>"
            f"{actors}{p.excerpts}</div>")


# Row of place_rows: [lat, lon, radius, colour, mentions, tooltip, articles, place id, head, actors,
# excerpts]; row_popup_html joins the pieces into the popup.
ROW_TOOLTIP, ROW_PLACE_ID = 5, 7


def row_popup_html(row: Sequence) -> str:
    """The popup the browser builds from a row of :func:`place_rows` (same as :func:`popup_html`)."""
    actors = f'<div class="geo-actors">{row[9]}</div>' if row[9] else ""
    return (f'<div class="geo-popup"><div class="geo-head">{row[8]}</div>'
            f"<div>{plural(row[4], 'mention')} in {plural(row[6], 'article')}</div>{actors}{row[10]}</div>")

# Cluster bubbles show the total mentions of their places, not the number of places,
# in neutral grey: markercluster's default green/yellow/orange would read as actor
# categories of the legend.
_CLUSTER_ICON = """function (cluster) {
    var children = cluster.getAllChildMarkers(), total = 0;
    for (var i = 0; i < children.length; i++) { total += children[i].options.mentions || 1; }
    var shade = total < 10 ? "0.55" : (total < 100 ? "0.7" : "0.85");
    return L.divIcon({
        html: '<div style="background-color:rgba(70,70,70,' + shade + ');color:#fff"><span>' + total + "</span></div>",
        className: "marker-cluster geo-cluster",
        iconSize: new L.Point(40, 40)
    });
}"""


def place_rows(places: Sequence[PlaceCount], excerpts: Mapping[str, Sequence[Excerpt]] | None = None,
               ) -> list[list]:
    """The compact rows the browser turns into markers:
    ``[lat, lon, radius, colour, mentions, tooltip, articles, place_id, head, actors, excerpts]``;
    tooltip and the last three are escaped HTML (:func:`popup_parts`, joined
    in the browser as :func:`row_popup_html` does); the id becomes the
    marker's ``placeId`` option, for scripts and tests.
    """
    places = valid_places(places)
    excerpts = excerpts or {}
    top = max((p.mentions for p in places), default=0)
    rows = []
    for p, tip in zip(places, tooltip_texts(places)):
        parts = popup_parts(p, excerpts.get(p.place_id, ()))
        rows.append([
            round(float(p.lat), 5), round(float(p.lon), 5), marker_radius(p.mentions, top), place_colour(p),
            int(p.mentions), html.escape(tip), int(p.articles), p.place_id, parts.head, parts.actors,
            parts.excerpts,
        ])
    return rows


@dataclass(frozen=True)
class MarkerData:
    """The markers as the browser gets them: compact rows plus the tables they index.

    A row is ``[lat, lon, radius, colour#, mentions, tooltip, articles, place_id,
    name, admin1#, kind#, [actor#, n, ...], excerpts, duplicate#]`` (``#``: an
    index into a table, -1 for none; trailing empty fields are left off).
    ``tooltip`` is the escaped "name (admin1)" the browser completes with the
    counts (:func:`marker_tooltip`), or ``[whole tooltip]`` where that would
    not give :func:`tooltip_texts`'s text; ``excerpts`` is the escaped HTML of
    :func:`popup_parts`. Strings repeated from place to place (governorates,
    kinds, actor names, colours) are sent once, so 3,300 places take about
    half the bytes of :func:`place_rows`.
    """

    rows: list[list]
    colours: list[str]
    admin1: list[str]  # escaped
    kinds: list[str]  # escaped
    actors: list[str]  # escaped

    def tables(self) -> dict[str, list[str]]:
        return {"colours": self.colours, "admin1": self.admin1, "kinds": self.kinds, "actors": self.actors}


def marker_data(places: Sequence[PlaceCount], excerpts: Mapping[str, Sequence[Excerpt]] | None = None,
                max_actors: int = 4) -> MarkerData:
    """The compact markers of ``places`` (bad coordinates dropped); popups of the
    places in ``excerpts`` carry those excerpts (see :class:`MarkerData`)."""
    places = valid_places(places)
    excerpts = excerpts or {}
    top = max((p.mentions for p in places), default=0)
    tables: dict[str, dict[str, int]] = {"colours": {}, "admin1": {}, "kinds": {}, "actors": {}}

    escaped: dict[str, str] = {}

    def index(table: str, value: str | None, escape: bool = True) -> int:
        """The number of ``value`` (escaped) in ``table``, -1 for none."""
        if not value:
            return -1
        if escape:
            value = escaped.get(value) or escaped.setdefault(value, html.escape(value))
        return tables[table].setdefault(value, len(tables[table]))

    rows = []
    seen: dict[str, int] = {}
    for p in places:
        text = " ".join(tooltip_text(p).split())
        n = seen[text] = seen.get(text, 0) + 1
        where = f" ({p.admin1})" if p.admin1 and p.admin1 != p.name else ""
        base = html.escape(" ".join(f"{p.name}{where}".split()))
        tooltip: str | list[str] = base
        if _complete_tooltip(base, p.mentions, p.articles, n) != html.escape(text if n == 1 else f"{text} #{n}"):
            tooltip = [html.escape(text if n == 1 else f"{text} #{n}")]
        pairs: list[int] = []
        for actor, count in sorted(p.actors.items(), key=lambda kv: (-kv[1], kv[0]))[:max_actors]:
            pairs += [index("actors", actor), int(count)]
        found = excerpts.get(p.place_id, ())
        row = [round(float(p.lat), 5), round(float(p.lon), 5), marker_radius(p.mentions, top),
               index("colours", place_colour(p), escape=False), int(p.mentions), tooltip, int(p.articles),
               p.place_id, html.escape(p.name), index("admin1", p.admin1), index("kinds", p.kind), pairs,
               popup_parts(p, found).excerpts if found else "", n if n > 1 else 0]
        while row[-1] in ("", 0, []) and len(row) > 12:
            row.pop()
        rows.append(row)
    return MarkerData(rows, *(list(tables[t]) for t in ("colours", "admin1", "kinds", "actors")))


def _complete_tooltip(base: str, mentions: int, articles: int, duplicate: int) -> str:
    """The tooltip as the browser completes it from a row (keep in step with _MARKER_JS)."""
    tail = f" #{duplicate}" if duplicate > 1 else ""
    return f"{base} \u00b7 {plural(mentions, 'mention')} in {plural(articles, 'article')}{tail}"


def _field(row: Sequence, i: int, default=None):
    return row[i] if len(row) > i else default


def marker_tooltip(data: MarkerData, row: Sequence) -> str:
    """The (escaped) tooltip the browser gives the marker of ``row``."""
    if isinstance(row[5], list):
        return row[5][0]
    return _complete_tooltip(row[5], row[4], row[6], _field(row, 13, 0))


def marker_popup_html(data: MarkerData, row: Sequence) -> str:
    """The popup the browser builds from ``row`` (the same as :func:`popup_html` of its place)."""
    meta = "".join(f" \u00b7 {table[i]}" for table, i in ((data.admin1, row[9]), (data.kinds, row[10])) if i >= 0)
    pairs = _field(row, 11, [])
    actors = " \u00b7 ".join(f"{data.actors[pairs[k]]} {pairs[k + 1]:,}" for k in range(0, len(pairs), 2))
    actors = f'<div class="geo-actors">{actors}</div>' if actors else ""
    return (f'<div class="geo-popup"><div class="geo-head"><b>{row[8]}</b>{meta}</div>'
            f"<div>{plural(row[4], 'mention')} in {plural(row[6], 'article')}</div>{actors}"
            f"{_field(row, 12, '')}</div>")


def _js_data(value: object) -> str:
    """JSON for a script: nothing in it can close the script or open a comment."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/").replace(
        "<!--", "\\u003c!--").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


# The browser side of MarkerData: marker_tooltip and marker_popup_html in JavaScript.
_MARKER_JS = """(function () {
    var T = %s;
    // Python's "{:,}"; toLocaleString is 50x slower, and runs twice per marker.
    function thousands(n) { return String(n).replace(/\\B(?=(\\d{3})+(?!\\d))/g, ","); }
    function plural(n, word) { return thousands(n) + " " + word + (n === 1 ? "" : "s"); }
    function tooltip(row) {
        if (typeof row[5] !== "string") { return row[5][0]; }
        return row[5] + " \u00b7 " + plural(row[4], "mention") + " in " + plural(row[6], "article")
            + (row[13] > 1 ? " #" + row[13] : "");
    }
    function popup(row) {
        var head = "<b>" + row[8] + "</b>" + (row[9] >= 0 ? " \u00b7 " + T.admin1[row[9]] : "")
            + (row[10] >= 0 ? " \u00b7 " + T.kinds[row[10]] : "");
        var pairs = row[11] || [], actors = [];
        for (var k = 0; k < pairs.length; k += 2) {
            actors.push(T.actors[pairs[k]] + " " + thousands(pairs[k + 1]));
        }
        return '<div class="geo-popup"><div class="geo-head">' + head + '</div><div>'
            + plural(row[4], "mention") + " in " + plural(row[6], "article") + "</div>"
            + (actors.length ? '<div class="geo-actors">' + actors.join(" \u00b7 ") + "</div>" : "")
            + (row[12] || "") + "</div>";
    }
    // A marker gets its tooltip and popup when first pointed at or clicked (see _PlaceCluster):
    // binding them up front took more than half the time of drawing 3,300 places.
    function bind(marker) {
        var row = marker._geoRow;
        marker.bindTooltip(tooltip(row));
        marker.bindPopup(function () { return popup(row); }, {maxWidth: 380, maxHeight: 320});
    }
    function marker(row) {
        var m = L.circleMarker(new L.LatLng(row[0], row[1]), {
            radius: row[2], color: "#333333", weight: 1, opacity: 0.9,
            fillColor: T.colours[row[3]], fillOpacity: 0.75, mentions: row[4], placeId: row[7],
            className: "geo-place"
        });
        m._geoRow = row;
        return m;
    }
    marker.bind = bind;
    return marker;
})()"""


# --------------------------------------------------------------------------
# Boundaries
# --------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _read_geojson(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def load_boundaries(level: int, boundaries_dir: Path | None = None) -> dict:
    """The OCHA boundaries of Syria: 0 = country, 1 = governorates, 2 = districts."""
    folder = Path(boundaries_dir) if boundaries_dir else config.data_dir() / "boundaries"
    return json.loads(_read_geojson(str(folder / f"syr_admin{level}.geojson")))


def governorate_mentions(places: Iterable[PlaceCount]) -> dict[str, int]:
    """Mentions per governorate (``PlaceCount.admin1``), for the choropleth."""
    out: dict[str, int] = {}
    for p in places:
        if p.admin1:
            out[p.admin1] = out.get(p.admin1, 0) + p.mentions
    return out


_CHOROPLETH = ("#fff5eb", "#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603")


def shade_scale(top: int) -> list[tuple[str, str]]:
    """The shading's legend: (mentions, colour) for each colour :func:`_shade` can give.

    >>> shade_scale(100)
    [('0', '#ffffff'), ('1\u20134', '#fdd0a2'), ('5\u201316', '#fdae6b'), ('17\u201336', '#fd8d3c'), ('37\u201364', '#e6550d'), ('65\u2013100', '#a63603')]
    """
    steps = len(_CHOROPLETH) - 1
    scale, low = [("0", "#ffffff")], 1
    for k in range(1, steps + 1):
        high = top if k == steps else math.floor((k / steps) ** 2 * top)
        while high < top and _shade(high + 1, top) == _CHOROPLETH[k]:
            high += 1  # float rounding at the edges: follow _shade itself
        if high >= low:
            scale.append((f"{low:,}" if high == low else f"{low:,}\u2013{high:,}", _CHOROPLETH[k]))
            low = high + 1
    return scale


def _shade(value: int, top: int) -> str:
    if value <= 0 or top <= 0:
        return "#ffffff"
    step = math.ceil(math.sqrt(value / top) * (len(_CHOROPLETH) - 1))
    return _CHOROPLETH[max(1, min(step, len(_CHOROPLETH) - 1))]


# --------------------------------------------------------------------------
# Map elements
# --------------------------------------------------------------------------


class _Legend(MacroElement):
    """A Leaflet control listing the marker colours (and what the size means)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: "bottomright"});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create("div", "geo-legend");
            div.innerHTML = {{ this.html|tojson }};
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, entries: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self._name = "Legend"
        self.html = (_legend_html("Most named with", entries)
                     + '<div style="color:#555;margin-top:3px">size: number of mentions</div>')


def _legend_html(title: str, entries: Sequence[tuple[str, str]], swatch_class: str = "") -> str:
    """A legend's title and one row per (label, colour), escaped."""
    swatch = f'<i class="{swatch_class}" ' if swatch_class else "<i "
    rows = "".join(f'<div>{swatch}style="background:{html.escape(colour)}"></i>{html.escape(label)}</div>'
                   for label, colour in entries)
    return f"<div><b>{html.escape(title)}</b></div>{rows}"


class _LayerLegend(MacroElement):
    """A legend shown while its layer is on the map (the shading's scale).

    It follows the layer: switched off in the layer control, or swapped out by
    st_folium when the filters change, the legend goes with it.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var layer = {{ this._parent.get_name() }};
            var legend = L.control({position: "bottomleft"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "geo-legend");
                div.innerHTML = {{ this.html|tojson }};
                return div;
            };
            layer.on("add", function () { legend.addTo(layer._map); });
            layer.on("remove", function () { legend.remove(); });
            if (layer._map) { legend.addTo(layer._map); }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, title: str, entries: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self._name = "LayerLegend"
        self.html = _legend_html(title, entries, swatch_class="geo-square")


class _ForgetSwappedLayers(MacroElement):
    """Let the browser free the layers st_folium swapped out.

    On a rerun st_folium removes the previous layers from the map but keeps
    them in ``window.feature_group``; the new layers' script starts by
    emptying that list (the old ones are off the map by then).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.feature_group = [];
        {% endmacro %}
        """
    )


class _TileFallback(MacroElement):
    """Switch from the tile layer to the plain base layer when no tile loads.

    Without a network every tile request fails; the map stays usable on the
    boundaries instead of showing grey squares. Once a tile has loaded, later
    errors (a flaky connection) change nothing.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var tiles = {{ this.tiles.get_name() }};
            var plain = {{ this.plain.get_name() }};
            var loaded = false;
            tiles.on("tileload", function () { loaded = true; });
            tiles.on("tileerror", function () {
                if (loaded || !map.hasLayer(tiles)) { return; }
                map.removeLayer(tiles);
                if (!map.hasLayer(plain)) { plain.addTo(map); }
                map.getContainer().setAttribute("data-tiles", "offline");
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, tiles: folium.TileLayer, plain: folium.FeatureGroup) -> None:
        super().__init__()
        self._name = "TileFallback"
        self.tiles = tiles
        self.plain = plain


class _RawScript(Element):
    """Already-rendered JavaScript, added to the page as is.

    folium wraps every rendered script in ``Element(script)``, which compiles
    it as a Jinja template: for a layer with thousands of rows that re-parse
    costs more than everything else together (0.5 s for 3,000 places).
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs) -> str:
        return self._text


_NO_SCRIPT = Template("{% macro script(this, kwargs) %}{% endmacro %}")


class _RawScriptRender:
    """Render an element's script as :class:`_RawScript` (for elements with large scripts)."""

    def render(self, **kwargs) -> None:
        template = self._template
        self._template = _NO_SCRIPT
        try:
            super().render(**kwargs)
        finally:
            self._template = template
        script = template.module.__dict__["script"](self, kwargs)
        self.get_root().script.add_child(_RawScript(script), name=self.get_name())


class _GeoJson(_RawScriptRender, folium.GeoJson):
    """folium.GeoJson without the Jinja re-parse of its script (the boundaries: 60 KB, every run)."""


class _PlaceCluster(_RawScriptRender, folium.plugins.FastMarkerCluster):
    """FastMarkerCluster over :class:`MarkerData`, whose (large) script skips folium's Jinja.

    Jinja's ``tojson`` would write every ``<`` and ``&`` of the escaped HTML as a
    six-character escape; :func:`_js_data` keeps the script safe without that.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = (function(){
                var callback = {{ this.marker_js }};
                var data = {{ this.data_js }};
                var cluster = L.markerClusterGroup({{ this.options|tojavascript }});
                cluster.options.iconCreateFunction = {{ this.icon_create_function.strip() }};
                var markers = new Array(data.length);
                for (var i = 0; i < data.length; i++) { markers[i] = callback(data[i]); }
                // A marker's tooltip and popup, bound on its first pointing or click, shown at once
                // (what its own handlers, bound from then on, do). Registered before st_folium's
                // click handler on this layer, which reads the clicked marker's tooltip.
                cluster.on("mouseover click", function (e) {
                    var m = e.layer;
                    if (!m || !m._geoRow || m.getTooltip()) { return; }
                    callback.bind(m);
                    if (e.type === "click") { m.openPopup(); } else { m.openTooltip(); }
                });
                cluster.addLayers(markers);
                cluster.addTo({{ this._parent.get_name() }});
                return cluster;
            })();
        {% endmacro %}"""
    )

    def __init__(self, markers: MarkerData, **kwargs) -> None:
        super().__init__([], **kwargs)
        self.marker_js = _MARKER_JS % _js_data(markers.tables())
        self.data_js = _js_data(markers.rows)


def base_map(
    *,
    assets: Assets = Assets(),
    tiles: TileMode = "auto",
    boundaries_dir: Path | None = None,
    height: int | str = "100%",
) -> folium.Map:
    """The part of the map that no filter changes: base layers, governorate
    outlines, legend, styles. Same arguments, same map (so ``st_folium`` keeps
    the page's map and only swaps the layers of :func:`place_layers`).

    Args:
        assets: where Leaflet comes from (:class:`Assets`); the default is folium's CDN.
        tiles: "auto" (OpenStreetMap, falling back to the plain layer when tiles
            fail to load), "osm", or "plain" (start on the boundaries; tiles
            stay selectable).
    """
    # Explicit zoom limits: without them the map's max zoom comes from the tile layer, and once
    # the offline fallback removes it, the marker clusters have no zoom range to cluster over.
    if tiles not in ("auto", "osm", "plain"):
        raise ValueError(f"tiles must be 'auto', 'osm' or 'plain', got {tiles!r}")
    m = folium.Map(location=SYRIA_CENTER, zoom_start=SYRIA_ZOOM, tiles=None, control_scale=True,
                   height=height, prefer_canvas=False)
    m.options.update(minZoom=3, maxZoom=18)  # folium only passes these on to a tile layer
    m.get_root().header.add_child(Element(f"<style>{HIGHLIGHT_CSS}</style>"), name="geo_css")
    # Boundaries go in panes under the markers, so switching a boundary
    # layer on later never covers the markers and steals their clicks.
    folium.map.CustomPane("geo-base", z_index=250, pointer_events=False).add_to(m)
    folium.map.CustomPane("geo-boundaries", z_index=350, pointer_events=True).add_to(m)

    osm = folium.TileLayer("OpenStreetMap", name="OpenStreetMap", show=tiles != "plain")
    osm.add_to(m)
    plain = folium.FeatureGroup(name="Plain (offline)", overlay=False, show=tiles == "plain")
    _GeoJson(
        load_boundaries(0, boundaries_dir),
        name="Syria",
        style_function=lambda _f: {"color": "#777777", "weight": 1.5, "fillColor": "#fbf8f1",
                                   "fillOpacity": 1.0},
        pane="geo-base",
        interactive=False,
        control=False,
    ).add_to(plain)
    plain.add_to(m)
    if tiles == "auto":
        _TileFallback(osm, plain).add_to(m)

    _GeoJson(
        load_boundaries(1, boundaries_dir),
        name="Governorates",
        style_function=lambda _f: {"color": "#555555", "weight": 1.2, "fill": False, "dashArray": "4 3"},
        pane="geo-boundaries",
        interactive=False,
    ).add_to(m)
    entries = list(CATEGORY_COLOURS.items()) + [(NO_ACTOR_LABEL, NO_ACTOR_COLOUR)]
    _Legend(entries).add_to(m)
    _use_assets(m, None, assets)
    return m


def place_layers(
    places: Sequence[PlaceCount],
    excerpts: Mapping[str, Sequence[Excerpt]] | None = None,
    *,
    assets: Assets = Assets(),
    cluster: bool = True,
    choropleth: bool = False,
    boundaries_dir: Path | None = None,
    markers: MarkerData | None = None,
) -> list[folium.FeatureGroup]:
    """The layers that follow the filters: "Places" and, when ``choropleth``,
    "Mentions by governorate".

    Args:
        places: rows of :meth:`Store.place_counts`; bad coordinates are dropped (and logged).
        excerpts: place id -> the best excerpts for its popup (others get counts only).
        cluster: cluster markers that overlap (up to zoom 10); False draws every marker.
        choropleth: add the governorates shaded by their places' mentions.
        markers: ``marker_data(places, excerpts)`` if the caller kept them from an
            earlier call (they cost most of the build for thousands of places).
    """
    places = valid_places(places)
    groups = []
    if choropleth:
        counts = governorate_mentions(places)
        top = max(counts.values(), default=0)
        admin1 = load_boundaries(1, boundaries_dir)
        shaded = {
            "type": "FeatureCollection",
            "features": [
                {**f, "properties": {**f["properties"], "mentions": counts.get(f["properties"]["NAME_EN"], 0)}}
                for f in admin1["features"]
            ],
        }
        shading = folium.FeatureGroup(name="Mentions by governorate")
        _GeoJson(
            shaded,
            name="Mentions by governorate",
            style_function=lambda f: {"color": "#8c6d31", "weight": 0.8, "fillOpacity": 0.55,
                                      "fillColor": _shade(f["properties"]["mentions"], top)},
            tooltip=folium.GeoJsonTooltip(fields=["NAME_EN", "mentions"], aliases=["Governorate", "Mentions"]),
            pane="geo-boundaries",
            control=False,
        ).add_to(shading)
        _LayerLegend("Mentions by governorate", shade_scale(top)).add_to(shading)
        groups.append(shading)

    group = folium.FeatureGroup(name="Places")
    layer = _PlaceCluster(
        markers if markers is not None else marker_data(places, excerpts),
        icon_create_function=_CLUSTER_ICON,
        control=False,
        # Cluster only markers that really overlap, and none once zoomed in.
        maxClusterRadius=28 if cluster else 0,
        disableClusteringAtZoom=10 if cluster else 1,
        spiderfyOnMaxZoom=False,
        showCoverageOnHover=False,
        # One pass over all markers: chunked loading (200 ms slices, 50 ms apart) drew
        # 3,300 places 0.1-0.15 s later and blocks the page no less in total.
        chunkedLoading=False,
    )
    layer.add_to(group)
    _use_assets(None, layer, assets)
    groups.append(group)
    _ForgetSwappedLayers().add_to(groups[0], index=0)
    return groups


def layer_control() -> folium.LayerControl:
    """The control switching base layers and overlays (for ``st_folium(layer_control=...)``)."""
    return folium.LayerControl(collapsed=True)


def build_map(
    places: Sequence[PlaceCount],
    excerpts: Mapping[str, Sequence[Excerpt]] | None = None,
    *,
    assets: Assets = Assets(),
    tiles: TileMode = "auto",
    cluster: bool = True,
    choropleth: bool = False,
    boundaries_dir: Path | None = None,
    height: int | str = "100%",
) -> folium.Map:
    """The whole map in one piece (:func:`base_map` + :func:`place_layers` +
    layer control), zoomed to the places: for a standalone page or a test.
    The arguments are those of the two functions.
    """
    m = base_map(assets=assets, tiles=tiles, boundaries_dir=boundaries_dir, height=height)
    for group in place_layers(places, excerpts, assets=assets, cluster=cluster, choropleth=choropleth,
                              boundaries_dir=boundaries_dir):
        group.add_to(m)
    layer_control().add_to(m)
    places = valid_places(places)
    if places:
        lats = [p.lat for p in places]
        lons = [p.lon for p in places]
        if max(lats) - min(lats) > 0.05 or max(lons) - min(lons) > 0.05:
            m.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], max_zoom=9)
    return m


def map_html(m: folium.Map) -> str:
    """The standalone page of a map (what tests inspect and ``save`` writes)."""
    return m.get_root().render()


# --------------------------------------------------------------------------
# Exports
# --------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> object:
    """A cell value a spreadsheet will not run: text starting with = + - @ (or a
    tab / carriage return) gets a leading apostrophe. Numbers pass unchanged.

    >>> csv_safe("=HYPERLINK(\\"http://x\\")"), csv_safe(-3), csv_safe("Idlib")
    ('\\'=HYPERLINK("http://x")', -3, 'Idlib')
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


MENTION_COLUMNS = ("article_id", "title", "source", "date", "path", "url", "place_id", "place_name", "kind", "lat",
                   "lon", "admin1", "surface", "start", "end", "confidence", "sentence", "actors")


def mentions_csv(rows: Iterable[MentionRow]) -> str:
    """The mentions as CSV text (UTF-8, header row), formula cells neutralised."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(MENTION_COLUMNS)
    for r in rows:
        writer.writerow([csv_safe("" if getattr(r, c) is None else getattr(r, c)) for c in MENTION_COLUMNS])
    return buf.getvalue()


def mentions_geojson(rows: Iterable[MentionRow]) -> dict:
    """The mentions as a GeoJSON FeatureCollection of points (one per mention)."""
    features = []
    for r in rows:
        try:
            check_coordinates(r.lat, r.lon)
        except ValueError:
            continue
        props = {c: getattr(r, c) for c in MENTION_COLUMNS if c not in ("lat", "lon")}
        props["date"] = r.date.isoformat() if r.date else None
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [r.lon, r.lat]},
                         "properties": props})
    return {"type": "FeatureCollection", "features": features}
