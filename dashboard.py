"""The dashboard: a map of the places and actors in conflict news, with the excerpts
and articles behind every marker.

    streamlit run dashboard.py          # store: $GEO_DB or var/geo.sqlite

Thin by design: widgets, layout and calls into :mod:`geo`. The cached queries live
in :mod:`geo.dashboard_data`: ``st.cache_data`` keyed on the filters and the store's
version (its id and write generation, :meth:`~geo.store.Store.version`: one indexed
read, bumped by every article an ingest commits, here or by the CLI); each query
opens its own :class:`~geo.store.Store`, since a sqlite3 connection must not cross
threads. ``st.cache_resource`` holds no connection: only the pipeline (a
read-only engine), the ingest lock and the store's
:class:`~geo.store.MentionIndex` (arrays, read-only once built; built in a
worker thread with its own Store, a moment after a page is served, so the
first filter change counts from memory instead of querying 100k mentions) and
the map's rendered component arguments (:func:`~geo.dashboard_data.q_map_args`:
folium and st_folium run once per view and options, not on every rerun).

The map is a fixed base plus the layers the filters change, which st_folium
swaps in place; it returns only the clicked marker's tooltip, so panning
and zooming never rerun the script. Filters and the map's options live in the
URL (``?actor=...&shade=1``) both ways. Section timings go to the log (``--logger.level=info``).

``streamlit run dashboard.py`` finds the ``st.App`` at the end of this file and
serves the page through it: its lifespan imports folium and pandas and fills the
unfiltered page's query caches at server start (:func:`warm_up`), while the first
browser is still loading Streamlit's own scripts, instead of in the first page's run. The page itself runs as
``__main__``, as under any ``streamlit run`` (and Streamlit's AppTest).

Environment: ``GEO_DB`` (the store), ``GEO_MAP_TILES`` (auto | osm | plain),
``GEO_POPUP_PLACES`` (how many places get excerpts in their popup), and the
``GEO_MAX_*`` limits of :mod:`geo.config`.

Every piece of article text that reaches HTML goes through
``geo.maplayers`` (``html.escape`` piece by piece); everything else is shown
with widgets that render plain text (``st.text``, ``st.code``, ``st.dataframe``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import html
import json
import os
import threading
import time
import urllib.parse
from collections.abc import Sequence

import streamlit as st
from streamlit.logger import get_logger

from geo import config
from geo.articles import ReadOptions, read_bytes, read_paths
from geo.ingest import IngestReport, Progress, bundled_paths, ingest_articles, reparse_store, upload_name
from geo.dashboard_data import (MAP_KEY, MAP_TILES, actor_other_names, current_engine, db_path, ingest_lock, map_assets,
                                 map_component, map_tiles, mention_indexes, pipeline, prepare_default_view,
                                 static_middleware, preload_routes,
                                 q_actor_counts, q_article, q_excerpts, q_facets, q_map_args, q_place_counts,
                                 q_read_by_others, q_stats, q_timeline, store_version, tcp_nodelay)
from geo.errors import StoreError
from geo.store import Facets, Filters, PlaceCount, Store

PANEL_PAGE = 25
TIMELINE_ACTORS = 8
URL_TEXT_MAX = 200

PAGE_CSS = """
.geo-html blockquote { margin: 0.3em 0; padding-left: 0.8em; border-left: 3px solid #ccc; }
.geo-src { color: #666; font-size: 0.85em; }
.geo-reader p { line-height: 1.6; }
"""

# Widget key -> URL parameter. Multiselects hold lists; the text box a string.
URL_LISTS = {"f_actor": "actor", "f_category": "category", "f_place": "place", "f_gov": "gov", "f_source": "source"}
# The place filter's expander and, while it is open, its multiselect (see place_picker).
PLACE_BOX, PLACE_PICKER, PLACE_SYNCED = "f_place_open", "f_place_pick", "_f_place_synced"


logger = get_logger("dashboard")  # follows streamlit's --logger.level


@contextlib.contextmanager
def timed(label: str):
    """Log how long a part of the page took (``streamlit run ... --logger.level=info``)."""
    started = time.perf_counter()
    yield
    logger.info("%s: %.3f s", label, time.perf_counter() - started)


def import_map_modules() -> None:
    """Import ``geo.maplayers`` (folium) into the script's namespace.

    folium (which imports pandas) takes a second to import on a busy machine: the server
    start imports it (:func:`warm_up`), and a page that comes before that is done waits
    for it here. Later runs find it imported.
    """
    global maplayers
    from geo import maplayers


# --------------------------------------------------------------------------- exports


def export_csv(db: str, f: Filters) -> bytes:
    """The filtered mentions as CSV (run only when the download button is clicked)."""
    with Store(db) as store:
        return maplayers.mentions_csv(store.mentions(f)).encode("utf-8")


def export_geojson(db: str, f: Filters) -> bytes:
    with Store(db) as store:
        return json.dumps(maplayers.mentions_geojson(store.mentions(f)), ensure_ascii=False).encode("utf-8")


# --------------------------------------------------------------------------- ingest


def show_progress(bar, label: str):
    """A progress callback drawing on ``bar`` (counts only: file names are untrusted)."""

    def update(p: Progress) -> None:
        if p.done % 5 and p.done != p.total:
            return
        text = f"{label}: {p.done:,}/{p.total:,} \u00b7 {p.added:,} added" if p.total else f"{label}: {p.done:,}"
        bar.progress(p.fraction or 0.0, text=text)

    return update


def check_store(db: str) -> None:
    """Stop the page with one line when the store cannot be opened (``GEO_DB`` names a folder,
    a file that is not a store, a store of a newer release...), as ``python -m geo`` does,
    instead of a traceback."""
    try:
        store_version(db)
    except StoreError as exc:
        st.title("Conflict news map \u2014 Syria")
        st.error("The store cannot be opened: set GEO_DB to a store file (a new one is made and filled on "
                 "the first start) and reload the page.", icon=":material/error:")
        st.code(str(exc), language=None, wrap_lines=True)  # plain text: a path is no Markdown
        st.stop()


def ensure_bundled_data(db: str) -> None:
    """First start: fill an empty store with the bundled articles, with a progress bar."""
    if q_stats(db, store_version(db))["articles"]:
        return
    lock = ingest_lock()
    if not lock.acquire(blocking=False):
        with st.spinner("Another session is loading the bundled articles; the map follows\u2026"):
            lock.acquire()
    try:
        if q_stats(db, store_version(db))["articles"]:  # another session did it while we waited
            return
        bar = st.progress(0.0, text="First start: reading the bundled articles\u2026")
        items = list(read_paths(bundled_paths()))
        with Store(db) as store:
            report = ingest_articles(items, store, pipeline(), show_progress(bar, "First start: parsing articles"),
                                     total=len(items))
        bar.empty()
        st.session_state["first_start_report"] = report
    finally:
        lock.release()


def reparse_in_page(db: str) -> None:
    """Read the articles an older engine read again, with a progress bar; the report is
    shown by the next run (:func:`engine_notice`)."""
    bar = st.sidebar.progress(0.0, text="Reading the articles again\u2026")

    def update(p: Progress) -> None:
        if p.done % 5 == 0 or p.done == p.total:
            bar.progress(p.fraction or 0.0, text=f"Reading again: {p.done:,}/{p.total:,} \u00b7 {p.added:,} changed")

    with ingest_lock(), Store(db) as store:
        parser = pipeline()
        report = reparse_store(store, parser, update, engine=parser.engine)
    bar.empty()
    st.session_state["reparse_report"] = report
    st.rerun()  # the counts, filters and map with the new readings


def engine_notice(db: str, version: tuple) -> None:
    """Under the store's counts: how many articles an older engine read, and a button that
    reads them again (``python -m geo reparse`` from the page); the last re-read's report."""
    report = st.session_state.pop("reparse_report", None)
    if report is not None:
        st.sidebar.success(report.summary() + ".", icon=":material/check:")
        for line in report.errors[:5]:
            st.sidebar.text(line)
    older = q_read_by_others(db, version, current_engine())
    if not older:
        return
    st.sidebar.caption(f"{older:,} article{'s were' if older != 1 else ' was'} read by another version of "
                       "the engine: reading them again brings them up to this one's places and actors.")
    if st.sidebar.button("Read them again", key="reparse"):
        reparse_in_page(db)


def ingest_uploads(db: str, files: Sequence) -> list[tuple[str, IngestReport]]:
    """Read and ingest uploaded files one by one, with a progress bar."""
    options = ReadOptions()
    limit = options.limits.max_upload_bytes
    results: list[tuple[str, IngestReport]] = []
    bar = st.progress(0.0, text="Reading the uploads\u2026")
    with ingest_lock(), Store(db) as store:
        for i, upload in enumerate(files, 1):
            name = upload_name(upload.name)
            if upload.size > limit:
                results.append((name, IngestReport(errors=(
                    f"{name}: upload is {upload.size:,} bytes, over the limit of {limit:,}",))))
                continue
            items = list(read_bytes(name, upload.getvalue(), options))
            report = ingest_articles(items, store, pipeline(), show_progress(bar, f"File {i}/{len(files)}"),
                                     total=len(items))
            results.append((name, report))
    bar.empty()
    return results


# --------------------------------------------------------------------------- filters <-> URL


def _valid(values: Sequence[str], allowed: set[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v in allowed))


def seed_state_from_url(facets: Facets) -> None:
    """Once per session: widget state from the URL (unknown values are dropped)."""
    ss = st.session_state
    if ss.get("_seeded"):
        return
    qp = st.query_params
    allowed = {
        "f_actor": {a.actor for a in facets.actors},
        "f_category": {c for c, _ in facets.categories},
        "f_place": {p.place_id for p in facets.places},
        "f_gov": {g for g, _ in facets.governorates},
        "f_source": {s for s, _ in facets.sources},
    }
    for key, param in URL_LISTS.items():
        ss[key] = _valid(qp.get_all(param), allowed[key])
    ss["f_text"] = (qp.get("q") or "")[:URL_TEXT_MAX]
    if facets.date_min and facets.date_max:
        lo, hi = facets.date_min, facets.date_max
        start, end = _parse_date(qp.get("from")) or lo, _parse_date(qp.get("to")) or hi
        start, end = min(max(start, lo), hi), min(max(end, lo), hi)
        ss["f_dates"] = (min(start, end), max(start, end))
    ss["opt_cluster"] = qp.get("cluster") != "0"  # map options: on by default / off by default
    ss["opt_choropleth"] = qp.get("shade") == "1"
    show = qp.get("show")
    ss["show"] = show if show in allowed["f_place"] else None
    ss["article"] = qp.get("article") or None
    ss["_seeded"] = True


def follow_date_bounds(facets: Facets) -> None:
    """Keep an untouched date range spanning the store's dates when they change (an upload).

    A range still on the old bounds would otherwise become a filter nobody set: it
    would hide the new articles outside it, and every undated one.
    """
    ss = st.session_state
    bounds = (facets.date_min, facets.date_max) if facets.date_min and facets.date_max else None
    old = ss.get("_date_bounds")
    if bounds and old and bounds != old:
        dates = ss.get("f_dates")
        if not (isinstance(dates, (tuple, list)) and len(dates) == 2) or tuple(dates) == old:
            ss["f_dates"] = bounds
        else:  # the user's own range: kept, within the new bounds
            lo, hi = (min(max(d, bounds[0]), bounds[1]) for d in dates)
            ss["f_dates"] = (lo, hi)
    elif bounds and "f_dates" not in ss:  # the first dated articles of a store
        ss["f_dates"] = bounds
    ss["_date_bounds"] = bounds


def _parse_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def current_filters(facets: Facets) -> Filters:
    ss = st.session_state
    date_from = date_to = None
    dates = ss.get("f_dates")
    if facets.date_min and isinstance(dates, (tuple, list)) and len(dates) == 2:
        if (dates[0], dates[1]) != (facets.date_min, facets.date_max):
            date_from, date_to = dates
    return Filters(
        actors=ss.get("f_actor", []), categories=ss.get("f_category", []), places=ss.get("f_place", []),
        governorates=ss.get("f_gov", []), sources=ss.get("f_source", []),
        date_from=date_from, date_to=date_to, text=(ss.get("f_text") or "").strip()[:URL_TEXT_MAX] or None,
    )


def view_query(f: Filters) -> dict[str, list[str]]:
    """The URL parameters of this run's view: filters ``f``, map options, open place and article."""
    wanted: dict[str, list[str]] = {
        "actor": list(f.actors), "category": list(f.categories), "place": list(f.places),
        "gov": list(f.governorates), "source": list(f.sources),
        "from": [f.date_from.isoformat()] if f.date_from else [],
        "to": [f.date_to.isoformat()] if f.date_to else [],
        "q": [f.text] if f.text else [],
        "show": [st.session_state["show"]] if st.session_state.get("show") else [],
        "cluster": [] if st.session_state.get("opt_cluster", True) else ["0"],
        "shade": ["1"] if st.session_state.get("opt_choropleth") else [],
        "article": [st.session_state["article"]] if st.session_state.get("article") else [],
    }
    return {k: v for k, v in wanted.items() if v}


def write_url(f: Filters) -> None:
    """Mirror the view into the URL (only when it changed)."""
    wanted = view_query(f)
    current = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    if current != wanted:
        st.query_params.from_dict(wanted)


def reset_filters(facets: Facets) -> None:
    ss = st.session_state
    for key in URL_LISTS:
        ss[key] = []
    ss["f_text"] = ""
    if facets.date_min and facets.date_max:
        ss["f_dates"] = (facets.date_min, facets.date_max)


def keep_only_places(facets: Facets) -> None:
    """Drop every filter but the places (and keep the map's options)."""
    places = list(st.session_state.get("f_place", []))
    reset_filters(facets)
    st.session_state["f_place"] = places


def set_place_filter(place_id: str) -> None:
    """Show one place on the map (from the reader or the panel)."""
    st.session_state["f_place"] = [place_id]
    st.session_state[PLACE_BOX] = True  # show which place the map is filtered to
    st.session_state["show"] = place_id


def open_article(article_id: str, slot: int | None = None) -> None:
    """Open an article in the reader; ``slot``: the panel's excerpt whose button opened it."""
    st.session_state["article"] = article_id
    st.session_state["article_slot"] = slot


def close(key: str) -> None:
    st.session_state[key] = None


# --------------------------------------------------------------------------- layout pieces


def sidebar_filters(facets: Facets) -> None:
    actor_n = {a.actor: a.mentions for a in facets.actors}
    cat_n = dict(facets.categories)
    # the Arabic name too, so the list can be searched in Arabic (سراقب finds Saraqib)
    place_label = {p.place_id: f"{p.name}" + (f" ({p.admin1})" if p.admin1 and p.admin1 != p.name else "")
                   + (f" \u00b7 {p.name_ar}" if p.name_ar else "") + f" \u00b7 {p.mentions:,}"
                   for p in facets.places}
    gov_n = dict(facets.governorates)
    source_n = dict(facets.sources)
    sb = st.sidebar
    sb.header("Filters")
    # "HTS · هيئة تحرير الشام": the list finds a group by its acronyms and Arabic name too
    other = {a: f" \u00b7 {names}" for a, names in actor_other_names().items() if names}
    sb.multiselect("Actor / group", list(actor_n), key="f_actor",
                   format_func=lambda a: f"{a}{other.get(a, '')} ({actor_n.get(a, 0):,})", placeholder="All actors")
    sb.multiselect("Actor category", list(cat_n), key="f_category",
                   format_func=lambda c: f"{c} ({cat_n.get(c, 0):,})", placeholder="All categories")
    place_picker(sb, place_label)
    sb.multiselect("Governorate", list(gov_n), key="f_gov",
                   format_func=lambda g: f"{g} ({gov_n.get(g, 0):,})", placeholder="All governorates")
    sb.multiselect("Source", list(source_n), key="f_source",
                   format_func=lambda s: f"{s} ({source_n.get(s, 0):,})", placeholder="All sources")
    if facets.date_min and facets.date_max:
        sb.date_input("Article dates", key="f_dates", min_value=facets.date_min, max_value=facets.date_max,
                      help="Narrowing the dates leaves out undated articles.")
    sb.text_input("Text contains", key="f_text", max_chars=URL_TEXT_MAX,
                  help="A word or phrase in the sentence or the article title.")
    sb.button("Reset filters", key="reset_filters", on_click=reset_filters, args=(facets,))
    sb.divider()
    sb.subheader("Map")
    # values seeded from the URL (seed_state_from_url), so no value= here
    sb.checkbox("Cluster overlapping markers", key="opt_cluster")
    sb.checkbox("Shade governorates by mentions", key="opt_choropleth")


def sync_place_filter() -> None:
    """Take the town / place list's pick into ``f_place`` before the filters are read.

    The sidebar is drawn after the map (see :func:`main`), so this is the half of
    :func:`place_picker` that must come first. Which of the two moved since they last
    agreed? ``f_place``, if set elsewhere (opening the list, a reset, a reader's place):
    then it goes into the list. Otherwise the list is the user's and wins, callback or
    not (a pick sent while the run that first drew the list was still going may come
    without one), and never gets a value pushed into it while open.
    """
    ss = st.session_state
    chosen = ss.get("f_place", [])
    # the list's expander: opened by a URL with places in it, or by set_place_filter
    if not ss.get(PLACE_BOX, bool(chosen)):
        ss.pop(PLACE_SYNCED, None)  # its list is not drawn: opening it starts again from f_place
        return
    if PLACE_PICKER not in ss or ss.get(PLACE_SYNCED) != chosen:
        ss[PLACE_PICKER] = list(chosen)
    ss["f_place"] = list(ss[PLACE_PICKER])
    ss[PLACE_SYNCED] = list(ss[PLACE_PICKER])


def place_picker(sb, place_label: dict[str, str]) -> None:
    """The town / place filter: a searchable list of every mentioned place, in an expander
    that runs only while open.

    The list (3,300 places on a big store) costs the browser 0.4-0.5 s on every page
    it is sent with, open or not, so a closed expander sends nothing. The filter itself
    lives in ``f_place`` (the URL's ``place``), not in the widget: a widget that is not
    drawn loses its state. :func:`sync_place_filter` keeps the two in step. A caption
    says how many places are chosen while it is closed (not the label: a new label is a
    new expander to Streamlit, which closed it on every pick).
    """
    ss = st.session_state
    chosen = ss.get("f_place", [])
    opened = {} if PLACE_BOX in ss else {"expanded": bool(chosen)}
    box = sb.expander("Town / place", key=PLACE_BOX, on_change="rerun", **opened)
    if chosen and not box.open:
        sb.caption(f"Filtered to {len(chosen):,} place{'s' if len(chosen) > 1 else ''}: open to see or change.")
    if not box.open:
        return
    if PLACE_PICKER not in ss:  # opened by this run's own expander (a first run with places in the URL)
        ss[PLACE_PICKER] = list(chosen)
    picked = box.multiselect("Town / place", list(place_label), key=PLACE_PICKER, label_visibility="collapsed",
                             format_func=lambda p: place_label.get(p, p), placeholder="Type to search places")
    ss["f_place"] = list(picked)
    ss[PLACE_SYNCED] = list(picked)


def tile_mode() -> str:
    """GEO_MAP_TILES: auto (OpenStreetMap, boundaries when offline), osm, or plain."""
    if os.environ.get("GEO_MAP_TILES", "auto") not in MAP_TILES:
        st.warning("GEO_MAP_TILES must be auto, osm or plain; using auto.")
    return map_tiles()


def render_map(db: str, version: tuple, f: Filters, places: list[PlaceCount]) -> None:
    """The map: a fixed base (kept by the browser across reruns) plus the layers the filters
    change, swapped in place by st_folium (no reload of the map's page)."""
    ss = st.session_state
    assets = map_assets()
    if not assets.offline:
        st.warning("Static file serving is off (run from the repository folder so .streamlit/config.toml "
                   "applies): the map loads Leaflet from the internet.")
    with timed("map layers"):
        # Rendered once per view and options for every session (the default view at server
        # start): reruns that keep the view (a click on the map, the panel's buttons) send
        # the same layer, so an open popup stays open.
        args = q_map_args(db, version, f, ss.get("opt_cluster", True), ss.get("opt_choropleth", False),
                          assets.base_url, tile_mode())
    with timed("st_folium"):
        kwargs = {**args, "default": dict(args["default"])}  # the cached arguments stay as they are
        out = map_component()(**kwargs, on_change=functools.partial(_map_changed, args["key"])) or {}
    tip = out.get("last_object_clicked_tooltip")
    clicks = out.get("last_object_clicked_count")
    if tip and clicks != ss.get("_map_clicks"):
        place_id = maplayers.tooltip_index(places).get(tip)
        if place_id:
            ss["show"] = place_id
            ss["panel_limit"] = PANEL_PAGE
    ss["_map_clicks"] = clicks


def _map_changed(widget_key: str) -> None:
    """st_folium's own on_change: the map's value also under its key (``st.session_state.map``)."""
    st.session_state[MAP_KEY] = st.session_state.get(widget_key, {})


def html_block(body: str) -> None:
    """Escaped HTML built by geo.maplayers (st.html sanitises it once more)."""
    st.html(f'<div class="geo-html">{body}</div>')


def render_place_panel(db: str, version: tuple, f: Filters, places: list[PlaceCount]) -> None:
    ss = st.session_state
    place_id = ss.get("show")
    if not place_id:
        ss["article_slot"] = None
        st.caption("Click a place on the map to read its excerpts here.")
        return
    place = next((p for p in places if p.place_id == place_id), None)
    limit = ss.get("panel_limit", PANEL_PAGE)
    excerpts = q_excerpts(db, version, place_id, f, limit + 1)
    slot = ss.get("article_slot")
    if not (isinstance(slot, int) and slot < min(limit, len(excerpts))
            and excerpts[slot].article_id == ss.get("article")):
        slot = None
    ss["article_slot"] = slot  # None: the reader goes under the panel (main)
    with st.container(border=True, key="place_panel"):
        if place is None:
            html_block("<h3>No mentions of this place pass the current filters.</h3>")
        else:
            html_block(
                f"<h3>{html.escape(place.name)}</h3><p>"
                + html.escape(" \u00b7 ".join(x for x in (place.kind, place.admin1) if x))
                + f" \u2014 {maplayers.plural(place.mentions, 'mention')} in {maplayers.plural(place.articles, 'article')}</p>"
            )
        cols = st.columns(3)
        cols[0].button("Filter the map to this place", key="panel_filter", on_click=set_place_filter,
                       args=(place_id,))
        cols[1].button("Close", key="panel_close", on_click=close, args=("show",))
        for i, ex in enumerate(excerpts[:limit]):
            label = maplayers.article_label(ex.title, ex.source, ex.date, ex.path)
            html_block(f'<blockquote dir="auto">{maplayers.excerpt_html(ex)}</blockquote>'
                       f'<div class="geo-src" dir="auto">{html.escape(label)}</div>')
            st.button("Read the article", key=f"read_{i}", on_click=open_article, args=(ex.article_id, i))
            if i == slot:  # under the button that opened it, not below every other excerpt
                render_reader(db, version, f)
        if len(excerpts) > limit:
            st.button("Show more excerpts", key="panel_more",
                      on_click=lambda: ss.__setitem__("panel_limit", limit + PANEL_PAGE))


def place_link_template(f: Filters) -> str:
    """The reader's link of a place: this view (filters, options, the open article) shown on
    that place, as the "Show on the map" buttons do; ``{place_id}`` is filled per place.

    Built from this run's view, not from ``st.query_params``: the URL is written at the end
    of the run (:func:`write_url`), so it does not yet hold what this run changed (the
    article just opened, a filter just set)."""
    kept = [(k, v) for k, values in view_query(f).items() if k not in ("place", "show") for v in values]
    query = urllib.parse.urlencode(kept)  # no braces left: they are %-encoded
    return "?" + (query + "&" if query else "") + "place={place_id}&show={place_id}"


def render_reader(db: str, version: tuple, f: Filters) -> None:
    ss = st.session_state
    article_id = ss.get("article")
    if not article_id:
        return
    stored = q_article(db, version, article_id)
    with st.container(border=True, key="reader"):
        if stored is None:
            st.text(f"No article with id {article_id!r} in the store.")
            st.button("Close", key="reader_close_missing", on_click=close, args=("article",))
            return
        a = stored.article
        meta = " \u00b7 ".join(str(x) for x in (a.source, a.date, a.path) if x)
        html_block(f"<h3 dir='auto'>{html.escape(maplayers.article_title(a.title, a.path))}</h3>"
                   f"<p class='geo-src' dir='auto'>{html.escape(meta)}</p>")
        if a.url:
            st.text(f"URL: {a.url}")
        st.button("Close the article", key="reader_close", on_click=close, args=("article",))
        html_block(f'<div class="geo-reader">{maplayers.article_html(stored, place_link_template(f))}</div>')
        seen = {p.place.id: p.place for p in stored.places}
        if seen:
            st.caption("Show on the map:")
            cols = st.columns(4)
            for i, place in enumerate(seen.values()):
                cols[i % 4].button(place.name, key=f"reader_place_{i}", on_click=set_place_filter,
                                   args=(place.id,), help=f"{place.kind}, {place.admin1 or place.country or ''}")


def render_overview(db: str, version: tuple, f: Filters, places: list[PlaceCount]) -> None:
    import pandas as pd  # here, not at the top: the map's first run does not wait for it

    actors = q_actor_counts(db, version, f)
    timeline = q_timeline(db, version, f)
    st.subheader("Mentions of the main actors by month")
    if timeline:
        df = pd.DataFrame(timeline, columns=["month", "actor", "mentions"])
        df["month"] = [m.strftime("%Y-%m") for m in df["month"]]  # one tick per month, not per day
        top = df.groupby("actor")["mentions"].sum().nlargest(TIMELINE_ACTORS).index
        wide = df[df.actor.isin(top)].pivot_table(index="month", columns="actor", values="mentions",
                                                  aggfunc="sum", fill_value=0)
        # every month from the first to the last, quiet ones at 0: the axis is time, not a list
        months = pd.period_range(min(wide.index), max(wide.index), freq="M").strftime("%Y-%m")
        wide = wide.reindex(months, fill_value=0).rename_axis("month")
        st.line_chart(wide, height=300)
    else:
        st.caption("No dated articles pass the filters.")
    # One above the other: side by side, six columns of places did not fit half a page.
    st.subheader("Top places")
    st.dataframe(
        pd.DataFrame(
            [(p.name, p.admin1 or "", p.kind, p.mentions, p.articles,
              next(iter(p.actors), "")) for p in places[:25]],
            columns=["place", "governorate", "kind", "mentions", "articles", "top actor"],
        ),
        hide_index=True, key="top_places",
    )
    st.subheader("Top actors")
    st.dataframe(
        pd.DataFrame([(a.actor, a.category, a.mentions, a.articles) for a in actors[:25]],
                     columns=["actor", "category", "mentions", "articles"]),
        hide_index=True, key="top_actors",
    )
    st.subheader("Download the filtered mentions")
    c1, c2 = st.columns(2)
    c1.download_button("CSV", data=lambda: export_csv(db, f), file_name="mentions.csv", mime="text/csv",
                       key="dl_csv", on_click="ignore")
    c2.download_button("GeoJSON", data=lambda: export_geojson(db, f), file_name="mentions.geojson",
                       mime="application/geo+json", key="dl_geojson", on_click="ignore")


def size_text(n: int) -> str:
    """A byte count for people: "50 MiB", "1.5 MiB", "512 KiB", "900 bytes" (never "0 MiB")."""
    for unit, size in (("GiB", 1024 * config.MiB), ("MiB", config.MiB), ("KiB", 1024)):
        if n >= size:
            return f"{n / size:,.1f}".removesuffix(".0") + f" {unit}"
    return f"{n:,} bytes"


def render_upload(db: str) -> None:
    limits = ReadOptions().limits
    st.subheader("Add articles")
    st.text(
        "Text (.txt, .md), web pages (.html) or corpora (.csv, .jsonl: one article per row, with a text "
        f"column such as article_content or text). Up to {size_text(limits.max_upload_bytes)} and "
        f"{limits.max_upload_articles:,} articles per file."
    )
    files = st.file_uploader("Files", accept_multiple_files=True, key="upload_files")
    if st.button("Add to the map", key="upload_go", disabled=not files, type="primary"):
        st.session_state["upload_results"] = ingest_uploads(db, files)
        st.rerun()  # so the counts, filters and map above show the new articles
    for name, report in st.session_state.get("upload_results", []):
        line = f"{name}: {report.summary()}"
        # wrap_lines: an error line names the file and the reason, often wider than the page
        if report.errors and not report.read:
            st.error("Nothing added from one file; see the reasons below.", icon=":material/error:")
            st.code(line + "\n" + "\n".join(report.errors), language=None, wrap_lines=True)
        elif report.errors:
            st.warning("Some articles could not be added; see the reasons below.", icon=":material/warning:")
            st.code(line + "\n" + "\n".join(report.errors), language=None, wrap_lines=True)
        elif not report.added:
            st.info("Nothing new: the file's articles are already in the store.", icon=":material/info:")
            st.code(line, language=None, wrap_lines=True)
        else:
            st.success("File added.", icon=":material/check:")
            st.code(line, language=None, wrap_lines=True)


# --------------------------------------------------------------------------- page


def main() -> None:
    started = time.perf_counter()
    st.set_page_config(page_title="Conflict news map \u2014 Syria", page_icon=":world_map:", layout="wide")
    db = db_path()
    check_store(db)
    ensure_bundled_data(db)
    with timed("version and facets"):
        version = store_version(db)
        stats = q_stats(db, version)
        facets = q_facets(db, version)
    seed_state_from_url(facets)
    follow_date_bounds(facets)
    sync_place_filter()
    f = current_filters(facets)
    with timed("import the map modules"):
        import_map_modules()

    with timed("place counts"):
        places = q_place_counts(db, version, f)
    st.title("Conflict news map \u2014 Syria")
    report = st.session_state.get("first_start_report")
    if report is not None:
        st.success(f"First start: {report.summary()}.", icon=":material/check:")
    counts = st.container()  # the counts go here, sent after the map (see below)

    # Only the open tab runs (on_change="rerun"): the overview's queries wait until it is opened.
    tab_map, tab_overview, tab_upload = st.tabs(["Map", "Overview", "Add articles"], key="view",
                                                on_change="rerun")
    if tab_map.open:
        if not places:
            tab_map.info("No place mentions pass these filters: widen them or press Reset filters.",
                         icon=":material/filter_alt_off:")
            if f.places and f != Filters(places=f.places):
                # e.g. a place of the reader ("Show on the map") never named with the chosen actor
                tab_map.button("Show the chosen places with no other filter", key="only_places",
                               on_click=keep_only_places, args=(facets,))
        with tab_map, timed("map"):
            render_map(db, version, f, places)
        with tab_map, timed("panel and reader"):
            render_place_panel(db, version, f, places)
            if st.session_state.get("article_slot") is None:
                render_reader(db, version, f)
    if tab_overview.open:
        with tab_overview, timed("overview"):
            render_overview(db, version, f, places)
    if tab_upload.open:
        with tab_upload:
            render_upload(db)
    # What the browser loads code for (metrics, st.html, the sidebar's widgets) comes after
    # the map: a first page loads each element's code as it comes, one after the other,
    # and the map's frame was created 0.2-0.4 s later behind the metrics' and st.html's.
    n_mentions = sum(p.mentions for p in places)
    c1, c2, c3 = counts.columns(3)
    c1.metric("Places", f"{len(places):,}")
    c2.metric("Place mentions", f"{n_mentions:,}")
    c3.metric("Articles in the store", f"{stats['articles']:,}")
    st.html(f"<style>{maplayers.HIGHLIGHT_CSS}\n{PAGE_CSS}</style>")
    # The sidebar last (0.3-0.6 s sooner a map on a first page than after the filters'
    # widgets): its values were read above, from the state.
    with timed("sidebar"):
        sidebar_filters(facets)
    st.sidebar.caption(f"Store: {stats['articles']:,} articles, {stats['place_mentions']:,} place mentions, "
                       f"{stats['actor_mentions']:,} actor mentions.")
    engine_notice(db, version)
    write_url(f)
    mention_indexes().warm(db, version)
    logger.info("script run: %.3f s (%s)", time.perf_counter() - started, f)


# --------------------------------------------------------------------------- server start


def warm_up() -> None:
    """Import what the first page needs and no page has imported yet.

    folium (with pandas) takes 0.5-1.2 s to import on this VM: done at server start,
    while the first browser is still loading Streamlit's own scripts, the first page
    does not wait for it.
    """
    started = time.perf_counter()
    import pandas  # noqa: F401 - folium's import pulls it in; the overview uses it

    from geo import maplayers  # noqa: F401 - folium and its plugins

    logger.info("server warm-up (folium, pandas): %.3f s", time.perf_counter() - started)
    prepare_default_view()


@contextlib.asynccontextmanager
async def warm_server(_app):
    """st.App lifespan: start :func:`warm_up` without holding up the server's start."""
    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    yield


if __name__ == "__main__":  # Streamlit runs this file as the page
    main()
else:  # `streamlit run dashboard.py` finds this app and serves the page with it
    tcp_nodelay()
    app = st.App(__file__, lifespan=warm_server, routes=preload_routes(), middleware=static_middleware())
