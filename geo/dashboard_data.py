"""The dashboard's cached engines and queries, one module for the page and the server.

Streamlit keys a cache by its function's module and name: the page runs as
``__main__`` while the server start (``dashboard.warm_up``) imports ``dashboard``,
so the caches both fill must be defined here, where both find the same functions.
:func:`prepare_default_view` fills the unfiltered page's at server start.

Queries are cached with ``st.cache_data`` keyed on the filters and the store's
version (:meth:`~geo.store.Store.version`); each opens its own
:class:`~geo.store.Store`, since a sqlite3 connection must not cross threads.
``st.cache_resource`` holds no connection: only the pipeline, the ingest lock,
the stores' :class:`~geo.store.MentionIndex` and the map's rendered arguments
(:func:`q_map_args`).
"""

from __future__ import annotations

import datetime as dt
import logging
import mimetypes
import os
import re
import threading
import time
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st
from streamlit import runtime
from streamlit.logger import get_logger

from geo import config
from geo.errors import StoreError
from geo.store import ActorCount, Excerpt, Facets, Filters, MentionIndex, PlaceCount, Store, StoredArticle

if TYPE_CHECKING:
    from geo import maplayers

if not runtime.exists():
    # imported before Streamlit's runtime exists (`streamlit run` imports dashboard.py to find
    # its app): the functions below are only defined now, so "No runtime found" says nothing useful
    logging.getLogger("streamlit.runtime.caching.cache_data_api").setLevel(logging.ERROR)

#: At most this many of the most mentioned places get excerpts in their popup (others: counts
#: and top actors; every excerpt is in the panel a click away).
POPUP_PLACES = int(os.environ.get("GEO_POPUP_PLACES", "60"))
POPUP_EXCERPTS = 3

logger = get_logger("dashboard")  # follows streamlit's --logger.level




@st.cache_resource(show_spinner="Loading the gazetteer and the actor lexicon\u2026")
def pipeline():
    """The parsing pipeline (gazetteer + lexicon): built once per process, read-only."""
    from geo.pipeline import Pipeline

    return Pipeline.default()


@st.cache_resource(show_spinner=False)  # also filled at server start, where no spinner can show
def actor_other_names() -> dict[str, str]:
    """Each actor's acronyms and Arabic name, for the actor list's labels (searchable by them)."""
    from geo.actors import other_names

    try:
        return other_names()
    except (OSError, ValueError):  # a broken lexicon is the ingest's error to report, not the list's
        logger.exception("reading the actor lexicon for the actor list failed")
        return {}


@st.cache_resource(show_spinner=False)
def current_engine() -> str:
    """The id of the engine this dashboard reads with (:func:`geo.pipeline.engine_id`,
    ~10 ms), without loading the pipeline."""
    from geo.pipeline import engine_id

    return engine_id()


@st.cache_data(show_spinner=False, max_entries=8)
def q_read_by_others(db: str, version: tuple, engine: str) -> int:
    """How many stored articles another (or an unknown) engine read."""
    with Store(db) as store:
        return store.count_read_by_others(engine)


@st.cache_resource
def ingest_lock() -> threading.Lock:
    """One ingest at a time in this process (the store itself serialises writers across processes)."""
    return threading.Lock()


def db_path() -> str:
    return str(config.default_db())


def store_version(db: str) -> tuple[str, int]:
    """The store's id and write generation: the cache key of every query (one indexed read)."""
    with Store(db) as store:
        return store.version()


@st.cache_data(show_spinner=False, max_entries=8)
def q_stats(db: str, version: tuple) -> dict[str, int]:
    with Store(db) as store:
        return store.stats()


@st.cache_data(show_spinner=False, max_entries=8)
def q_facets(db: str, version: tuple) -> Facets:
    with Store(db) as store:
        return store.facets()


@st.cache_data(show_spinner=False, max_entries=64)
def q_place_counts(db: str, version: tuple, f: Filters) -> list[PlaceCount]:
    # Unfiltered: the store's total tables. Filtered: the mention index once it is built.
    index = mention_indexes().ready(db, version) if f != Filters() else None
    if index is not None:
        return index.place_counts(f)
    with Store(db) as store:
        return store.place_counts(f)


class MentionIndexes:
    """The latest :class:`MentionIndex` of each store, built in a worker thread.

    ``ready`` never waits: it returns the index of that version if built, else
    starts building it (one build per store at a time) and returns None, and
    the caller asks the store instead.
    """

    WARM_DELAY_S = 3.0  # after a page is served: the browser is still drawing it for a second or two

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._built: dict[str, MentionIndex] = {}
        self._building: set[str] = set()

    def ready(self, db: str, version: tuple) -> MentionIndex | None:
        with self._lock:
            index = self._built.get(db)
            if index is not None and index.version == tuple(version):
                return index
            self._start(db, delay=0.0)
        return None

    def warm(self, db: str, version: tuple) -> None:
        """Build the index of ``version`` soon, if it is not built yet."""
        with self._lock:
            index = self._built.get(db)
            if index is None or index.version != tuple(version):
                self._start(db, delay=self.WARM_DELAY_S)

    def _start(self, db: str, delay: float) -> None:  # holding the lock
        if db in self._building:
            return
        self._building.add(db)
        worker = threading.Timer(delay, self._build, args=(db,))
        worker.daemon = True
        worker.start()

    def _build(self, db: str) -> None:
        # (at the process's own priority: a thread the OS deschedules while it holds the GIL
        # would stall the server's threads, which a lower priority made likely under load)
        try:
            started = time.perf_counter()
            with Store(db) as store:
                index = MentionIndex.load(store)
            with self._lock:
                self._built[db] = index
            logger.info("mention index of %s built in %.3f s", index.version, time.perf_counter() - started)
        except Exception:  # noqa: BLE001 - a worker's error would vanish with its thread: log it
            logger.exception("building the mention index of %s failed", db)
        finally:
            with self._lock:
                self._building.discard(db)


@st.cache_resource
def mention_indexes() -> MentionIndexes:
    return MentionIndexes()


@st.cache_data(show_spinner=False, max_entries=64)
def q_actor_counts(db: str, version: tuple, f: Filters) -> list[ActorCount]:
    with Store(db) as store:
        return store.actor_counts(f)


@st.cache_data(show_spinner=False, max_entries=64)
def q_popup_excerpts(db: str, version: tuple, f: Filters, place_ids: tuple[str, ...]) -> dict[str, list[Excerpt]]:
    """The popups' excerpts of a view, in one bulk query (sentences chosen by the mention index
    once it is built, when a filter is set)."""
    index = mention_indexes().ready(db, version) if f != Filters() else None
    with Store(db) as store:
        if index is not None:
            return store.excerpts_of(index.excerpt_keys(place_ids, f, POPUP_EXCERPTS))
        return store.excerpts_for_places(place_ids, f, limit_per_place=POPUP_EXCERPTS)


@st.cache_data(show_spinner=False, max_entries=16)
def q_markers(db: str, version: tuple, f: Filters) -> maplayers.MarkerData:
    """The map's markers of a view (popups included), built once per view for every session."""
    from geo import maplayers  # folium: imported at server start, or after the page's sidebar

    places = q_place_counts(db, version, f)
    popups = q_popup_excerpts(db, version, f, tuple(p.place_id for p in places[:POPUP_PLACES]))
    return maplayers.marker_data(places, popups)


#: The map component's key, height and what a click on it returns (only a click reruns the
#: script, not panning or zooming; the count changes with every click, so clicking again the
#: marker whose panel was just closed opens it again: its tooltip alone would not change).
MAP_KEY = "map"
MAP_HEIGHT = 620
MAP_RETURNS = ("last_object_clicked_tooltip", "last_object_clicked_count")
MAP_TILES = ("auto", "osm", "plain")

_capture_lock = threading.Lock()
_components: list = []  # streamlit_folium's own component function, once imported


def map_assets() -> maplayers.Assets:
    """Leaflet from the app's own static folder when it is served, else from the CDN."""
    from geo import maplayers

    if not st.get_option("server.enableStaticServing"):
        return maplayers.Assets(None)
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return maplayers.Assets(f"/{base}/app/static" if base else "/app/static")


def map_tiles() -> str:
    """GEO_MAP_TILES: auto (OpenStreetMap, boundaries when offline), osm, or plain (else auto)."""
    mode = os.environ.get("GEO_MAP_TILES", "auto")
    return mode if mode in MAP_TILES else "auto"


def map_component():
    """st_folium's component function (what :func:`map_args` captures and the page calls)."""
    with _capture_lock:
        if not _components:
            quiet = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
            level = quiet.level
            quiet.setLevel(logging.ERROR)  # "missing ScriptRunContext", imported at server start
            try:
                import streamlit_folium
            finally:
                quiet.setLevel(level)
            component = streamlit_folium._component_func
            if runtime.exists():
                # Streamlit serves a component's files once it is registered, which its
                # declaration does only in a page's run: imported at server start, it is not.
                runtime.get_instance().component_registry.register_component(component)
            _components.append(component)
        return _components[0]


def folium_component_args(base, layers, control) -> dict:
    """What ``st_folium(base, feature_group_to_add=layers, layer_control=control, ...)`` sends
    the browser: its component's arguments, rendered by st_folium itself and captured
    instead of sent (without its ``on_change``; the page adds its own)."""
    component = map_component()  # first: it imports streamlit_folium
    import streamlit_folium

    captured: dict = {}

    def capture(**kwargs):
        captured.update(kwargs)

    # st_folium computes the map's bounds over every point of the boundaries (a third of its
    # time) for the "bounds" it returns, which MAP_RETURNS leaves out.
    base.get_bounds = lambda: [[None, None], [None, None]]

    with _capture_lock:  # every st_folium call of this process goes through here
        streamlit_folium._component_func = capture
        try:
            streamlit_folium.st_folium(base, key=MAP_KEY, height=MAP_HEIGHT, use_container_width=True,
                                       feature_group_to_add=layers, layer_control=control,
                                       returned_objects=list(MAP_RETURNS))
        finally:
            streamlit_folium._component_func = component
    captured.pop("on_change", None)
    captured["script"] += _QUIET_MOUNT
    return captured


# Run in st_folium's frame after the base map's script, before st_folium compares the map's
# first state with the value the script started with: a difference is sent, which reruns the
# whole page (0.1-0.5 s on the server, as long again in the browser, at every page load: the
# frame counts clicks from 0, the value starts at None). The count starts at the time
# instead, and the value the frame compares with is that state: nothing is sent. A new frame
# of the map (after a switch of tabs) starts past any count an earlier frame sent, so its first
# click is news to the script even if the same marker was the last one clicked.
_QUIET_MOUNT = """
(function () {
    var g = window.__GLOBAL_DATA__;
    if (!g || !g.previous_data || !("last_object_clicked_count" in g.previous_data)) { return; }
    g.last_object_clicked_count = Date.now();
    g.previous_data = Object.assign({}, g.previous_data, {last_object_clicked_count: g.last_object_clicked_count});
})();
"""


@st.cache_resource(show_spinner=False, max_entries=16)
def q_map_args(db: str, version: tuple, f: Filters, cluster: bool, choropleth: bool, assets_url: str | None,
               tiles: str) -> dict:
    """The map component's arguments for a view and the map's options, rendered once for
    every session: folium and st_folium take 0.1-0.5 s to render the 60 KB base and the
    0.5 MB of marker layers, which no rerun of the same view needs to do again.

    Shared, not copied (``cache_resource``): read it, never change it.
    """
    from geo import maplayers

    places = q_place_counts(db, version, f)
    markers = q_markers(db, version, f)
    assets = maplayers.Assets(assets_url)
    base = maplayers.base_map(assets=assets, tiles=tiles)
    layers = maplayers.place_layers(places, assets=assets, cluster=cluster, choropleth=choropleth, markers=markers)
    return folium_component_args(base, layers, maplayers.layer_control())


@st.cache_data(show_spinner=False, max_entries=64)
def q_excerpts(db: str, version: tuple, place_id: str, f: Filters, limit: int) -> list[Excerpt]:
    with Store(db) as store:
        return store.excerpts(place_id, f, limit=limit)


@st.cache_data(show_spinner=False, max_entries=32)
def q_article(db: str, version: tuple, article_id: str) -> StoredArticle | None:
    with Store(db) as store:
        return store.article(article_id)


@st.cache_data(show_spinner=False, max_entries=32)
def q_timeline(db: str, version: tuple, f: Filters) -> list[tuple[dt.date, str, int]]:
    with Store(db) as store:
        return store.timeline(f)


def prepare_default_view() -> None:
    """Fill the query caches of the unfiltered page, the one every visitor opens first.

    Run at server start, while the first browser is still loading Streamlit's scripts:
    its first page then finds the counts, facets, actor names and the rendered map
    cached (0.6 s of a 0.9 s first run on 100k mentions, and the map's 0.1-0.5 s of
    folium). A missing or empty store is left to the first page, which fills it with
    a progress bar.
    """
    db = db_path()
    if not Path(db).is_file():
        return
    started = time.perf_counter()
    try:
        version = store_version(db)
        if not q_stats(db, version)["articles"]:
            return
        q_facets(db, version)
        actor_other_names()  # the actor list's labels: the lexicon, read once
        # the map of the unfiltered page with its default options (clustered, no shading)
        q_map_args(db, version, Filters(), True, False, map_assets().base_url, map_tiles())
    except StoreError as exc:  # not a store, a folder...: the page says so in one line too
        logger.warning("preparing the default view failed: %s", exc)
        return
    except Exception:  # noqa: BLE001 - the page will ask again, and show the error there
        logger.exception("preparing the default view of %s failed", db)
        return
    logger.info("default view of %s prepared: %.3f s", version, time.perf_counter() - started)


# --------------------------------------------------------------------------- serving


def tcp_nodelay() -> None:
    """Send every response at once: TCP_NODELAY on the server's connections.

    Streamlit 1.67 binds its listening socket itself with ``socket.socket(family)``,
    whose ``proto`` is 0, and asyncio sets TCP_NODELAY only on sockets whose proto is
    IPPROTO_TCP. Without it, Nagle's algorithm holds a response's body until the
    browser acknowledges its headers, which the browser delays by 40 ms: every static
    file of Streamlit's front end (~110 on a first page) took 44 ms instead of ~5 ms.
    """
    import asyncio.base_events
    import socket

    def set_nodelay(sock) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    asyncio.base_events._set_nodelay = set_nodelay


class StaticFromMemory:
    """ASGI middleware: the static files under ``prefix`` answered from memory.

    Streamlit's own file handler costs the server 2-4 ms a file (a thread hop for each
    stat, open and read), and a first page asks for ~110 of its files, most of them
    while the server is also starting the page's session and running its script.
    A file is read once, on its first request, and kept (the ~3 MB a page uses of
    Streamlit's 25 MB; at most the folder's size). Only files under ``folder`` are
    answered, by their exact relative path; anything else (or a method other than GET
    and HEAD) goes to the app as before.
    """

    def __init__(self, app, prefix: str, folder: str | Path, cache_control: str) -> None:
        self.app = app
        self.prefix = prefix
        self.folder = Path(folder).resolve()
        self.cache_control = cache_control
        self._files: dict[str, tuple[bytes, list[tuple[bytes, bytes]]]] = {}

    def _entry(self, rel: str) -> tuple[bytes, list[tuple[bytes, bytes]]] | None:
        entry = self._files.get(rel)
        if entry is not None:
            return entry
        # (an empty part also refuses "" and a leading "/")
        if "\\" in rel or any(part in ("", ".", "..") for part in rel.split("/")):
            return None
        path = self.folder / rel
        try:
            if not path.resolve().is_relative_to(self.folder) or not path.is_file():
                return None
            body = path.read_bytes()
        except OSError:
            return None
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind == "application/javascript":
            kind += "; charset=utf-8"
        headers = [(b"content-type", kind.encode()), (b"content-length", str(len(body)).encode()),
                   (b"cache-control", self.cache_control.encode())]
        self._files[rel] = entry = (body, headers)
        return entry

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD") and scope["path"].startswith(self.prefix):
            entry = self._entry(scope["path"][len(self.prefix):])
            if entry is not None:
                body, headers = entry
                await send({"type": "http.response.start", "status": 200, "headers": headers})
                await send({"type": "http.response.body", "body": body if scope["method"] == "GET" else b""})
                return
        await self.app(scope, receive, send)


def static_middleware() -> list:
    """``st.App``'s middleware: Streamlit's front-end files from memory (:class:`StaticFromMemory`)."""
    from starlette.middleware import Middleware
    from streamlit import file_util

    folder = Path(file_util.get_static_dir()) / "static"
    if not folder.is_dir():
        return []
    return [Middleware(StaticFromMemory, prefix="/static/", folder=folder,
                       cache_control=f"public, immutable, max-age={365 * 24 * 3600}")]


#: Streamlit's lazily loaded code for the map: the frame of a component.
MAP_CHUNKS = ("ComponentInstance",)
_STATIC_IMPORT = re.compile(r'(?:\bfrom|\bimport)\s*"\./([\w.\-]+\.js)"')


def chunk_closure(js_dir: Path, names: tuple[str, ...] = MAP_CHUNKS, loaded: Collection[str] = ()) -> list[str]:
    """The files of Streamlit's chunks ``names`` (``ComponentInstance.<hash>.js``) in
    ``js_dir`` and of every chunk they import, in the order found; not those in ``loaded``
    (the page's own scripts, which it loads with their imports already), nor what only they
    import. A name no file has (another Streamlit version) adds nothing."""
    todo = [p.name for name in names for p in sorted(js_dir.glob(f"{name}.*.js"))]
    seen: dict[str, None] = {}
    while todo:
        name = todo.pop(0)
        if name in seen or name in loaded or not (js_dir / name).is_file():
            continue
        seen[name] = None
        todo.extend(_STATIC_IMPORT.findall((js_dir / name).read_text(encoding="utf-8", errors="replace")))
    return list(seen)


def loaded_chunks(index_html: str) -> set[str]:
    """The chunks Streamlit's ``index.html`` loads itself (its script and its preloads)."""
    return set(re.findall(r'(?:href|src)="\./static/js/([^"]+)"', index_html))


def index_with_preloads(index_html: str, chunks: list[str]) -> str:
    """Streamlit's ``index.html`` with a ``modulepreload`` link for each of ``chunks`` it
    does not load already."""
    have = loaded_chunks(index_html)
    links = "".join(f'\n    <link rel="modulepreload" crossorigin href="./static/js/{c}">'
                    for c in chunks if c not in have and re.fullmatch(r"[\w.\-]+\.js", c))
    head, sep, rest = index_html.partition("</head>")
    return head + links + "\n  " + sep + rest if sep and links else index_html


def preload_routes() -> list:
    """``st.App``'s route for ``/``: Streamlit's page with the map's frame code preloaded.

    Streamlit loads an element's code when a script run first draws one: the map's
    frame code (4 small files, one import level at a time) was fetched only once the
    map arrived, 0.3-0.5 s before the frame could be created on a first page. Preloaded
    with the page's own scripts, it is there when the map comes. Empty (Streamlit's own
    page) if its files are not where this version keeps them.
    """
    from starlette.responses import HTMLResponse
    from starlette.routing import Route
    from streamlit import file_util

    static = Path(file_util.get_static_dir())
    index = static / "index.html"
    if not index.is_file() or not (static / "static" / "js").is_dir():
        return []
    page_html = index.read_text(encoding="utf-8")
    chunks = chunk_closure(static / "static" / "js", loaded=loaded_chunks(page_html))
    body = index_with_preloads(page_html, chunks)

    async def page(_request):
        return HTMLResponse(body, headers={"Cache-Control": "no-cache"})

    return [Route("/", page, methods=["GET", "HEAD"])]
