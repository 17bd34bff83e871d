"""The dashboard's cached queries (geo.dashboard_data), outside a page."""

from __future__ import annotations

import re

import pytest

from geo import dashboard_data as dd
from geo.store import Filters, Store


@pytest.fixture
def clear_caches():
    import streamlit as st

    st.cache_data.clear()
    dd.q_map_args.clear()
    yield
    st.cache_data.clear()
    dd.q_map_args.clear()


def test_the_server_start_fills_the_caches_of_the_unfiltered_page(hand_db_copy, monkeypatch, clear_caches):
    monkeypatch.setenv("GEO_DB", str(hand_db_copy))
    dd.prepare_default_view()
    version = dd.store_version(str(hand_db_copy))

    def no_queries(*args, **kwargs):
        raise AssertionError("the page queried the store: the cache was not filled")

    for name in ("stats", "facets", "place_counts", "excerpts_for_places"):
        monkeypatch.setattr(Store, name, no_queries)
    assert dd.q_stats(str(hand_db_copy), version)["articles"] == 3
    assert dd.q_facets(str(hand_db_copy), version).places
    markers = dd.q_markers(str(hand_db_copy), version, Filters())
    assert markers == dd.q_markers(str(hand_db_copy), version, Filters())
    # the map of the page's default view (clustered, no shading) is rendered too
    from geo import maplayers

    monkeypatch.setattr(maplayers, "base_map", no_queries)
    args = dd.q_map_args(str(hand_db_copy), version, Filters(), True, False, dd.map_assets().base_url,
                         dd.map_tiles())
    assert '"Saraqeb"' in args["feature_group"] and "L.markerClusterGroup" in args["feature_group"]
    assert args["returned_objects"] == list(dd.MAP_RETURNS)


def test_the_server_start_leaves_a_missing_store_to_the_first_page(tmp_path, monkeypatch, clear_caches):
    db = tmp_path / "none.sqlite"
    monkeypatch.setenv("GEO_DB", str(db))
    dd.prepare_default_view()
    assert not db.exists()  # the first page creates it, with a progress bar


# --------------------------------------------------------------------------- static files from memory


def _get(app, path: str, method: str = "GET") -> tuple[int | None, dict[str, str], bytes]:
    """One request through an ASGI app: (status, headers, body); status None if it fell through."""
    import asyncio

    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    asyncio.run(app({"type": "http", "method": method, "path": path, "headers": []}, receive, send))
    start = next((m for m in sent if m["type"] == "http.response.start"), None)
    if start is None:
        return None, {}, b""
    headers = {k.decode(): v.decode() for k, v in start["headers"]}
    return start["status"], headers, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


class _Fallback:
    """The app behind the middleware: records what reached it and answers nothing."""

    def __init__(self):
        self.paths: list[str] = []

    async def __call__(self, scope, receive, send):
        self.paths.append(scope["path"])


def test_static_files_are_answered_from_memory_and_the_rest_falls_through(tmp_path):
    (tmp_path / "js").mkdir()
    script = tmp_path / "js" / "index.abc123.js"
    script.write_text("export const x = 1;\n")
    (tmp_path.parent / "secret.txt").write_text("not served")
    behind = _Fallback()
    app = dd.StaticFromMemory(behind, prefix="/static/", folder=tmp_path, cache_control="public, max-age=60")

    status, headers, body = _get(app, "/static/js/index.abc123.js")
    assert (status, body) == (200, b"export const x = 1;\n")
    assert "javascript" in headers["content-type"] and headers["cache-control"] == "public, max-age=60"
    assert headers["content-length"] == str(len(body))
    # kept: answered again without the file (read once)
    script.unlink()
    assert _get(app, "/static/js/index.abc123.js")[2] == body
    assert _get(app, "/static/js/index.abc123.js", "HEAD")[:2] == (200, headers)
    assert _get(app, "/static/js/index.abc123.js", "HEAD")[2] == b""
    # never outside the folder, never a folder, never another method or prefix: the app behind answers
    for path, method in [("/static/../secret.txt", "GET"), ("/static/js/../../secret.txt", "GET"),
                         ("/static//etc/passwd", "GET"), ("/static/js", "GET"), ("/static/js/missing.js", "GET"),
                         ("/static/js/index.abc123.js", "POST"), ("/other/js/index.abc123.js", "GET")]:
        assert _get(app, path, method)[0] is None, path
    assert len(behind.paths) == 7


def test_the_dashboard_serves_streamlits_own_page_scripts_from_memory():
    import re

    [middleware] = dd.static_middleware()
    app = middleware.cls(_Fallback(), *middleware.args, **middleware.kwargs)
    index = (app.folder.parent / "index.html").read_text(encoding="utf-8")
    main_script = re.search(r'src="\./static/(js/index\.[\w-]+\.js)"', index).group(1)
    status, headers, body = _get(app, f"/static/{main_script}")
    assert status == 200 and "javascript" in headers["content-type"] and "immutable" in headers["cache-control"]
    assert body == (app.folder / main_script).read_bytes()


def test_the_page_preloads_the_code_of_the_maps_frame_and_its_imports(tmp_path):
    js = tmp_path / "js"
    js.mkdir()
    (js / "ComponentInstance.h1.js").write_text('import{a}from"./IFrameUtil.h2.js";import"./index.h0.js";')
    (js / "IFrameUtil.h2.js").write_text('import{b as c}from "./urls.h3.js";export const a=1;')
    (js / "urls.h3.js").write_text("export const b=2;")
    (js / "index.h0.js").write_text('import"./ComponentInstance.h1.js";')  # a cycle ends
    (js / "Other.h4.js").write_text("export const x=3;")  # not imported: not preloaded
    chunks = dd.chunk_closure(js)
    assert chunks == ["ComponentInstance.h1.js", "IFrameUtil.h2.js", "index.h0.js", "urls.h3.js"]
    assert dd.chunk_closure(js, ("NoSuchChunk",)) == []
    # what the page loads itself is neither listed nor read for its imports
    (js / "index.h0.js").write_text('import"./ComponentInstance.h1.js";import"./Other.h4.js";')
    assert dd.chunk_closure(js, loaded={"index.h0.js"}) == ["ComponentInstance.h1.js", "IFrameUtil.h2.js",
                                                            "urls.h3.js"]

    index = ('<html><head><script type="module" crossorigin src="./static/js/index.h0.js"></script>\n'
             '<link rel="modulepreload" crossorigin href="./static/js/urls.h3.js"></head><body></body></html>')
    assert dd.loaded_chunks(index) == {"index.h0.js", "urls.h3.js"}
    page = dd.index_with_preloads(index, chunks + ['x.js"><script>alert(1)</script>'])
    links = re.findall(r'<link rel="modulepreload" crossorigin href="\./static/js/([^"]+)">', page)
    assert links == ["urls.h3.js", "ComponentInstance.h1.js", "IFrameUtil.h2.js"]  # each once; no odd names
    assert page.endswith("</head><body></body></html>") and "alert" not in page
    assert dd.index_with_preloads(index, ["urls.h3.js"]) == index


def test_the_dashboards_page_is_streamlits_with_the_maps_frame_preloaded():
    import asyncio

    [route] = dd.preload_routes()
    assert route.path == "/"
    body = asyncio.run(route.endpoint(None)).body.decode()
    assert re.search(r'<script type="module" crossorigin src="\./static/js/index\.[\w-]+\.js">', body)
    assert re.search(r'<link rel="modulepreload" crossorigin href="\./static/js/ComponentInstance\.[\w-]+\.js">',
                     body)
