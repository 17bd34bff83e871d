"""Benchmark the dashboard on a store with >= 100,000 place mentions.

    python scripts/bench_dashboard.py                 # builds var/bench.sqlite once, then measures
    python scripts/bench_dashboard.py --rebuild --mentions 150000 --places 3000

1. Store: the dev corpus and the seeds are parsed once by the pipeline, then
   saved again and again under new ids with shifted dates until the store
   holds ``--mentions`` place mentions (no re-parsing). Copies after the
   first move each mention to one of ``--places`` Syrian towns and villages
   of the gazetteer (a fixed pseudo-random mapping per copy), so the map has
   a few thousand distinct places, as a year of real news would.
2. ``streamlit run dashboard.py`` on that store (network cut off in the
   browser: its resolver finds no host but this one), driven by Playwright in
   Debian's chromium, whose HTTP cache works as a user's does.
3. Prints: time to a rendered map on first load (a new server, so cold
   caches, and a new browser profile, so nothing cached in the browser), on
   a reload (warm), for a new visitor (another new browser profile on the
   server the first load warmed: a shared dashboard opened), time from a filter change in the sidebar to the new map
   (first time: the query runs; second time: cached), and the page size
   (HTTP bytes, websocket bytes, the map's own script). "Rendered" means what
   a user sees: every place is in the map's marker layer and markers or
   clusters are drawn. Where the first load's time goes is printed too:
   Streamlit's page up (sidebar drawn), the map's frame created, Leaflet
   loaded, markers drawn, and the server's script runs (from its log).
4. ``--runs N`` repeats 2-3 with a new server and browser each time and prints
   the medians (the machine is shared: single runs are noisy).
5. ``--floor`` first measures, the same way, a reference page: Streamlit with a
   sidebar widget, a title and the same map (st_folium, base layers, legend,
   one marker) and no store at all, served as the dashboard is (folium imported
   at server start, TCP_NODELAY, Streamlit's files from memory, the map's frame
   code preloaded). What it takes is what any st_folium page
   takes on this machine at this moment, whatever the dashboard does.

Targets (issue 3): first render < 3 s, filter change < 1 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import re
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from geo.articles import read_paths  # noqa: E402
from geo.errors import ArticleError  # noqa: E402
from geo.ingest import bundled_paths  # noqa: E402
from geo.model import ParsedArticle, PlaceMention  # noqa: E402
from geo.store import Filters, Store  # noqa: E402
from scripts.dashboard_server import start_dashboard, stop_dashboard  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
#: No network but this machine: the browser's resolver finds no other host, as offline.
#: (Until 30 Nov the benchmark cut the network off with Playwright's request routing, which
#: no user's browser has: it sends every request through this process and turns the
#: browser's HTTP cache off, microsoft/playwright#7220. On a first page of ~110 requests
#: it cost ~0.5-0.9 s; ``--playwright-routing`` measures that way again.)
OFFLINE_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost"]
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "http://localhost", "ws://localhost", "data:")


# --------------------------------------------------------------------------- the store


def parse_corpus() -> tuple[list[ParsedArticle], object]:
    from geo.pipeline import Pipeline

    started = time.perf_counter()
    pipeline = Pipeline.default()
    parsed = [pipeline.parse(a) for a in read_paths(bundled_paths()) if not isinstance(a, ArticleError)]
    print(f"parsed {len(parsed)} articles in {time.perf_counter() - started:.1f} s", flush=True)
    return parsed, pipeline


def place_pool(pipeline, n: int) -> list:
    """``n`` Syrian towns and villages of the gazetteer, in a fixed order."""
    places = [p for p in pipeline.gazetteer if p.kind in ("town", "village") and p.admin1]
    places.sort(key=lambda p: hashlib.sha1(p.id.encode()).hexdigest())
    return places[:n]


def copy_article(parsed: ParsedArticle, k: int, pool: list) -> ParsedArticle:
    """Copy ``k`` of an article: new id, date shifted by k weeks, places remapped (k > 0)."""
    a = parsed.article
    date = (a.date or dt.date(2017, 1, 1)) + dt.timedelta(weeks=k)
    article = replace(a, id=hashlib.sha256(f"{a.id}/{k}".encode()).hexdigest()[:16], date=date,
                      path=f"{a.path}#copy={k}")
    places = parsed.places
    if k and pool:
        def moved(m: PlaceMention) -> PlaceMention:
            if m.place.kind not in ("town", "village"):
                return m
            h = int(hashlib.sha1(f"{m.place.id}/{k}".encode()).hexdigest()[:8], 16)
            return replace(m, place=pool[h % len(pool)])
        places = tuple(moved(m) for m in places)
    return replace(parsed, article=article, places=places)


def build_store(db: Path, mentions: int, n_places: int) -> None:
    parsed, pipeline = parse_corpus()
    pool = place_pool(pipeline, n_places)
    print(f"{sum(len(p.places) for p in parsed):,} place mentions per copy of the corpus", flush=True)
    started = time.perf_counter()
    with Store(db) as store:
        k = 0
        while store.stats()["place_mentions"] < mentions:
            for p in parsed:
                store.save_article(copy_article(p, k, pool))
            k += 1
            print(f"  copy {k}: {store.stats()['place_mentions']:,} place mentions", flush=True)
        store.conn.execute("PRAGMA optimize")
    print(f"store built in {time.perf_counter() - started:.1f} s", flush=True)


# --------------------------------------------------------------------------- the server


# --------------------------------------------------------------------------- the browser

# True once the map iframe holds a map whose cluster layer has `n` markers and something is drawn.
MAP_READY = """(n) => {
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const w = f && f.contentWindow;
    if (!w || !w.map || !w.L || !w.L.MarkerClusterGroup) { return false; }
    let count = -1;
    w.map.eachLayer(l => { if (l instanceof w.L.MarkerClusterGroup) { count = l.getLayers().length; } });
    const drawn = w.document.querySelectorAll('path.geo-place, .marker-cluster').length;
    return count === n && drawn > 0;
}"""


# Like MAP_READY, noting when each step of the first render was first seen (ms since navigation).
MAP_MILESTONES = """(n) => {
    const t = Math.round(performance.now());
    const r = window.__geoMilestones || (window.__geoMilestones = {});
    const mark = (k) => { if (!(k in r)) { r[k] = t; } };
    if (document.querySelector('[data-testid="stSidebar"] input')) { mark('page_up'); }
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    if (f) { mark('map_frame'); }
    const w = f && f.contentWindow;
    if (w && w.L) { mark('leaflet'); }
    if (!w || !w.map || !w.L || !w.L.MarkerClusterGroup) { return false; }
    let count = -1;
    w.map.eachLayer(l => { if (l instanceof w.L.MarkerClusterGroup) { count = l.getLayers().length; } });
    const drawn = w.document.querySelectorAll('path.geo-place, .marker-cluster').length;
    if (count === n && drawn > 0) { mark('markers'); return r; }
    return false;
}"""


def wait_for_map(page, n: int, label: str, milestones: bool = False) -> dict | None:
    try:
        handle = page.wait_for_function(MAP_MILESTONES if milestones else MAP_READY, arg=n, timeout=60000,
                                        polling=20)
    except Exception:
        seen = page.evaluate(MAP_STATE)
        raise SystemExit(f"{label}: the map never showed {n:,} places; it shows {seen}")
    return handle.json_value() if milestones else None


MAP_STATE = """() => {
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const w = f && f.contentWindow;
    if (!w || !w.map || !w.L || !w.L.MarkerClusterGroup) { return 'no map'; }
    const counts = [];
    w.map.eachLayer(l => { if (l instanceof w.L.MarkerClusterGroup) { counts.push(l.getLayers().length); } });
    return {clusters: counts, drawn: w.document.querySelectorAll('path.geo-place, .marker-cluster').length,
            url: location.search};
}"""


class Meter:
    """Bytes the page received: HTTP bodies (from the browser's own resource timing, read
    after the load, so measuring costs the page nothing) and websocket frames."""

    def __init__(self, page) -> None:
        self.page = page
        self.ws = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload) -> None:
        self.ws += len(payload)

    def reset(self) -> None:
        self.ws = 0

    def http(self) -> tuple[int, int]:
        """(bytes of the bodies the page and the map's frame loaded, bytes that came over
        the network: 0 for a file from the browser's cache)."""
        got = self.page.evaluate(PAGE_BYTES)
        return got["decoded"], got["transferred"]


# Sizes of the page's and the map frame's responses (Resource Timing; same origin, so known).
PAGE_BYTES = """() => {
    const sum = (w) => {
        let decoded = 0, transferred = 0;
        const entries = w.performance.getEntriesByType('navigation').concat(w.performance.getEntriesByType('resource'));
        for (const e of entries) { decoded += e.decodedBodySize || 0; transferred += e.transferSize || 0; }
        return [decoded, transferred];
    };
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const a = sum(window), b = f && f.contentWindow ? sum(f.contentWindow) : [0, 0];
    return {decoded: a[0] + b[0], transferred: a[1] + b[1]};
}"""


def place_count(db: Path, f: Filters) -> int:
    with Store(db) as store:
        return len(store.place_counts(f))


def measure(db: Path | None, url: str, actors: list[str], routing: bool = False) -> dict:
    """Time the page at ``url`` (see the module docstring); ``db`` None: the reference page,
    first load and reload only. ``routing``: cut the network off with Playwright's request
    routing instead (how this script measured until 30 Nov; see :data:`OFFLINE_ARGS`)."""
    from playwright.sync_api import sync_playwright

    results: dict = {}
    n_all = place_count(db, Filters()) if db is not None else 1
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + ([] if routing else OFFLINE_ARGS))
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        blocked: list[str] = []

        def failed(request):
            if not request.url.startswith(LOCAL):
                blocked.append(request.url)

        def route(r):
            if r.request.url.startswith(LOCAL):
                r.continue_()
            else:
                blocked.append(r.request.url)
                r.abort()

        def cut_off(ctx) -> None:
            if routing:
                ctx.route("**/*", route)
            else:
                ctx.on("requestfailed", failed)

        cut_off(context)
        page = context.new_page()
        meter = Meter(page)

        def load(label: str, page=page, meter=meter) -> float:
            meter.reset()
            results.setdefault("navigation_wall", []).append(time.time())
            started = time.perf_counter()
            page.goto(url)
            steps = wait_for_map(page, n_all, label, milestones=True)
            took = time.perf_counter() - started
            results.setdefault("milestones_ms", []).append(steps)
            decoded, transferred = meter.http()
            results.setdefault("http_bytes", []).append(decoded)
            print(f"{label}: map with {n_all:,} places rendered in {took:.2f} s "
                  f"(HTTP {decoded / 1e6:.2f} MB, {transferred / 1e6:.2f} MB of it over the network; "
                  f"websocket {meter.ws / 1e6:.2f} MB)", flush=True)
            print("  seen at (ms since navigation): " + ", ".join(f"{k} {v:,}" for k, v in steps.items()),
                  flush=True)
            return took

        results["first_load_s"] = load("first load (cold server caches)")
        results["page_http_bytes"], results["page_ws_bytes"] = results["http_bytes"][0], meter.ws
        results["map_script_bytes"] = page.evaluate(
            """() => { const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
                       let n = 0; f.contentDocument.querySelectorAll('script:not([src])')
                           .forEach(s => n += s.textContent.length); return n; }""")
        results["reload_s"] = load("reload (warm caches)")
        # Another visitor: a new browser profile (nothing cached in the browser) on the
        # server the first load warmed, as when a shared dashboard is opened.
        visitor = browser.new_context(viewport={"width": 1400, "height": 1000})
        cut_off(visitor)
        visitor_page = visitor.new_page()
        results["visitor_s"] = load("new visitor (new browser profile, warm server)", visitor_page,
                                    Meter(visitor_page))
        visitor.close()
        if db is None:
            browser.close()
            return results

        def choose(actor: str | None, label: str) -> float:
            n = place_count(db, Filters(actors=(actor,)) if actor else Filters())
            if actor is None:
                started = time.perf_counter()
                page.get_by_role("button", name="Reset filters").click()
            else:
                box = page.locator(".st-key-f_actor input")
                box.click()
                box.fill(actor)
                # The option reads "ISIS \u00b7 Daesh, ISIL, ... (1,234)": the actor, its other names, its count
                option = page.get_by_role("option", name=re.compile("^" + re.escape(actor) + r"( \u00b7 .*)? \("))
                option.first.wait_for()
                started = time.perf_counter()  # from the click that changes the filter
                option.first.click()
                page.keyboard.press("Escape")
                # Leave the box: while focused it is taller, and the click meant for the
                # button below lands where the button was.
                page.locator("h1").first.click()
            wait_for_map(page, n, label)
            took = time.perf_counter() - started
            print(f"{label}: {n:,} places in {took:.2f} s", flush=True)
            # The URL is written at the end of the run: wait for it before the next click,
            # or Streamlit may fold that click into the run still going.
            page.wait_for_function("(on) => location.search.includes('actor=') === on", arg=actor is not None)
            page.wait_for_timeout(300)
            return took

        cold, warm = [], []
        for actor in actors:
            cold.append(choose(actor, f"filter to {actor!r} (first time: no cached result)"))
            choose(None, "  reset")
        for actor in actors:
            warm.append(choose(actor, f"filter to {actor!r} again (cached)"))
            choose(None, "  reset")
        results["filter_cold_s"] = cold
        results["filter_warm_s"] = warm
        results["blocked_hosts"] = sorted({u.split("/")[2] for u in blocked})
        browser.close()
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, default=REPO / "var" / "bench.sqlite")
    ap.add_argument("--mentions", type=int, default=100_000, help="place mentions to reach (default 100,000)")
    ap.add_argument("--places", type=int, default=3000, help="distinct towns/villages the copies spread over")
    ap.add_argument("--rebuild", action="store_true", help="rebuild the store even if it is big enough")
    ap.add_argument("--actor", action="append", help="actor to filter on (repeatable)")
    ap.add_argument("--floor", action="store_true", help="also measure the reference page (see above)")
    ap.add_argument("--runs", type=int, default=1, help="measure this many times, each with a new server "
                    "and browser, and print the medians (default 1)")
    ap.add_argument("--playwright-routing", action="store_true",
                    help="cut the network off with Playwright's request routing, as until 30 Nov "
                    "(every request through this process, no HTTP cache: slower; see OFFLINE_ARGS)")
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing (bash scripts/setup.sh --browser installs it)")

    if args.rebuild and args.db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    with Store(args.db) as store:
        have = store.stats()["place_mentions"]
    if have < args.mentions:
        if have:
            raise SystemExit(f"{args.db} has {have:,} place mentions; use --rebuild")
        build_store(args.db, args.mentions, args.places)
    from geo.pipeline import engine_id

    with Store(args.db) as store:
        # its copies are spread over other places: the dashboard must not offer to read them
        # again (that would undo the spread), whichever engine made the store
        store.mark_read_by(engine_id())
        stats = store.stats()
        top = [a.actor for a in store.actor_counts(Filters())[:3]]
    print(f"store {args.db}: {stats['articles']:,} articles, {stats['place_mentions']:,} place mentions, "
          f"{stats['places']:,} places", flush=True)

    log = args.db.with_suffix(".streamlit.log")
    actors = args.actor or [a for a in ("Hay'at Tahrir al-Sham", "ISIS") if a in top] or top[:2]
    runs, floors = [], []
    for run in range(args.runs):
        if args.runs > 1:
            print(f"--- run {run + 1} of {args.runs}", flush=True)
        if args.floor:
            floors.append(measure_floor(args.db.parent, args.playwright_routing))
        proc, url = start_dashboard(args.db, log)
        try:
            results = measure(args.db, url, actors, args.playwright_routing)
        finally:
            stop_dashboard(proc)
        results["script_runs_s"] = script_runs(log)
        first = script_times(log)[:1]
        if first:
            start, end = (t - results["navigation_wall"][0] for t in first[0])
            results["first_script_ms"] = {"start": round(start * 1000), "end": round(end * 1000)}
            print(f"  first script run: from {start * 1000:,.0f} to {end * 1000:,.0f} ms after navigation", flush=True)
        print("  server script runs (s): " + ", ".join(f"{x:.2f}" for x in results["script_runs_s"]), flush=True)
        runs.append(results)
    median = statistics.median
    summary = {
        "store": stats,
        "runs": len(runs),
        "first_load_s": median(r["first_load_s"] for r in runs),
        "reload_s": median(r["reload_s"] for r in runs),
        "visitor_s": median(r["visitor_s"] for r in runs),
        "filter_cold_s": median(x for r in runs for x in r["filter_cold_s"]),
        "filter_warm_s": median(x for r in runs for x in r["filter_warm_s"]),
        "filter_max_s": max(x for r in runs for x in r["filter_cold_s"] + r["filter_warm_s"]),
        "page_http_bytes": median(r["page_http_bytes"] for r in runs),
        "page_ws_bytes": median(r["page_ws_bytes"] for r in runs),
        "map_script_bytes": median(r["map_script_bytes"] for r in runs),
        # page_up may come after the map (the sidebar is drawn last): only runs that saw it
        "first_load_milestones_ms": {k: median(seen) for k in ("page_up", "map_frame", "leaflet", "markers")
                                     if (seen := [r["milestones_ms"][0][k] for r in runs
                                                  if k in r["milestones_ms"][0]])},
        "first_script_run_s": median(r["script_runs_s"][0] for r in runs if r["script_runs_s"]) if all(
            r["script_runs_s"] for r in runs) else None,
        "first_script_ms": {k: median(r["first_script_ms"][k] for r in runs if "first_script_ms" in r)
                            for k in ("start", "end")} if any("first_script_ms" in r for r in runs) else None,
        "floor_first_load_s": median(r["first_load_s"] for r in floors) if floors else None,
        "floor_reload_s": median(r["reload_s"] for r in floors) if floors else None,
        "floor_visitor_s": median(r["visitor_s"] for r in floors) if floors else None,
        "blocked_hosts": sorted({h for r in runs for h in r["blocked_hosts"]}),
        "network_cut_off_by": "Playwright's request routing" if args.playwright_routing else "the browser's resolver",
        "load_average": os.getloadavg(),
    }
    print(json.dumps(summary if args.runs > 1 else {**runs[0], **summary}, indent=2, default=str))
    ok_first = summary["first_load_s"] < 3.0
    ok_filter = summary["filter_cold_s"] < 1.0 and summary["filter_warm_s"] < 1.0
    what = "median of " + str(args.runs) + " runs" if args.runs > 1 else "one run"
    if floors:
        what += f"; the reference page: {summary['floor_first_load_s']:.2f} s"
    print(f"a new visitor on the running server: {summary['visitor_s']:.2f} s"
          + (f" (the reference page: {summary['floor_visitor_s']:.2f} s)" if floors else ""))
    print(f"first render < 3 s: {'yes' if ok_first else 'NO'} ({summary['first_load_s']:.2f} s, {what}); "
          f"filter change < 1 s: {'yes' if ok_filter else 'NO'} (median first time "
          f"{summary['filter_cold_s']:.2f} s, again {summary['filter_warm_s']:.2f} s, slowest "
          f"{summary['filter_max_s']:.2f} s); load average {summary['load_average'][0]:.1f} on "
          f"{os.cpu_count()} CPUs")
    return 0 if ok_first and ok_filter else 1


FLOOR_APP = """
import contextlib
import sys
import threading

import streamlit as st

sys.path.insert(0, {repo!r})


def page():
    st.set_page_config(page_title="reference", layout="wide")
    from streamlit_folium import st_folium
    from geo import maplayers
    from geo.store import PlaceCount

    st.sidebar.multiselect("Actor / group", ["a", "b"], key="f_actor")
    st.title("Reference page")
    assets = maplayers.Assets("/app/static")
    place = PlaceCount("wof:1", "Saraqeb", "town", 35.86, 36.80, "Idleb", 1, 1, {{}}, {{}}, None)
    st_folium(maplayers.base_map(assets=assets), key="map", height=620, use_container_width=True,
              feature_group_to_add=maplayers.place_layers([place], assets=assets),
              layer_control=maplayers.layer_control(), returned_objects=["last_object_clicked_tooltip"])


def warm_up():
    from geo import maplayers  # noqa: F401 - folium, as the dashboard's server start imports it


@contextlib.asynccontextmanager
async def warm_server(_app):
    threading.Thread(target=warm_up, daemon=True).start()
    yield


if __name__ == "__main__":
    page()
else:  # the dashboard's server set-up (see dashboard.py): imports at server start, TCP_NODELAY,
    # Streamlit's files from memory, the map's frame code preloaded
    from geo.dashboard_data import preload_routes, static_middleware, tcp_nodelay

    tcp_nodelay()
    app = st.App(__file__, lifespan=warm_server, routes=preload_routes(), middleware=static_middleware())
"""


def measure_floor(folder: Path, routing: bool = False) -> dict:
    """First load and reload of the reference page (module docstring, 5.), on a new server."""
    app_dir = folder / "bench-reference"
    app_dir.mkdir(parents=True, exist_ok=True)
    (app_dir / "app.py").write_text(FLOOR_APP.format(repo=str(REPO)))
    static = app_dir / "static"
    if not static.exists():
        static.symlink_to(REPO / "static", target_is_directory=True)
    print("reference page (Streamlit + the same map with one marker, no store):", flush=True)
    proc, url = start_dashboard(REPO / "var" / "unused.sqlite", app_dir / "streamlit.log", script=app_dir / "app.py")
    try:
        return measure(None, url, [], routing)
    finally:
        stop_dashboard(proc)


def script_times(log: Path) -> list[tuple[float, float]]:
    """(start, end) wall-clock times of the script runs the dashboard logged."""
    out = []
    for stamp, took in re.findall(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+) script run: ([0-9.]+) s",
                                  log.read_text(errors="replace"), re.M):
        end = dt.datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S.%f").timestamp()
        out.append((end - float(took), end))
    return out


def script_runs(log: Path) -> list[float]:
    """The script-run times the dashboard logged (``script run: 0.123 s``), in order."""
    return [float(m) for m in re.findall(r"script run: ([0-9.]+) s", log.read_text(errors="replace"))]


if __name__ == "__main__":
    raise SystemExit(main())
