"""Load test: many dashboard sessions changing filters while an ingest runs.

    python scripts/load_test.py                          # 24 sessions for 60 s, ingest running
    python scripts/load_test.py --sessions 20 --seconds 15 --browsers 2 --json

Starts ``streamlit run dashboard.py`` on a free loopback port over a test
store (the FA-KES dev corpus, ingested first), then for ``--seconds``:

* ``--sessions`` websocket sessions speak Streamlit's own protocol (what the
  browser sends: a ``rerun_script`` message with the widget values) and each
  changes a filter (actor, category, governorate, source, text, or clears
  them) every 0.2-1 s, waiting for the script run to finish each time;
* ``--browsers`` chromium pages (Playwright, one browser, a context each;
  Debian's ``/usr/bin/chromium``) reload the dashboard with filters in the
  URL and wait for the map's markers, catching page errors and dialogs;
* an ingest runs the whole time: ``python -m geo ingest`` on chunks of
  synthetic articles (sentences of the corpus shuffled into new articles),
  one chunk after another, into the same store.

Everything stops by itself: the sessions at the deadline, the ingest after
its current chunk, the server last. Only 127.0.0.1 is contacted.

Reported: requests (script runs and page loads) served, errors (must be 0:
exceptions shown by the app, failed or timed-out runs, closed websockets,
page errors, failed ingest chunks, server tracebacks), response times
(p50/p95/max), filters the app dropped (a selection whose option label
changed under it), and the store's integrity check afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlencode

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from scripts.dashboard_server import start_dashboard, stop_dashboard  # noqa: E402
CHROMIUM = "/usr/bin/chromium"
CORPUS = REPO / "data" / "corpus" / "fakes_dev.csv"
RUN_TIMEOUT = 120.0  # seconds one script run or page load may take before it counts as an error
MULTISELECTS = {"f_actor": "actor", "f_category": "category", "f_gov": "gov", "f_source": "source"}
_COUNT_SUFFIX = re.compile(r"^(.*) \([\d,]+\)$")
WORDS = ("attack", "Idlib", "regime", "rebels", "killed", "Aleppo", "the", "airstrike", "Daesh", "Russian")


# --------------------------------------------------------------------------- results


@dataclass
class Tally:
    """What the clients saw; shared by the asyncio sessions and the browser thread."""

    runs: list[float] = field(default_factory=list)  # seconds per script run (websocket sessions)
    page_loads: list[float] = field(default_factory=list)  # seconds per page load with markers (browsers)
    errors: list[str] = field(default_factory=list)
    lost_filters: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def error(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)


@dataclass
class Report:
    sessions: int
    browsers: int
    seconds: float
    runs: int
    page_loads: int
    requests_per_s: float
    errors: list[str]
    lost_filters: int
    lost_filter_examples: list[str]
    run_p50_ms: float | None
    run_p95_ms: float | None
    run_max_ms: float | None
    page_p50_ms: float | None
    page_p95_ms: float | None
    ingest_chunks: int
    articles_before: int
    articles_after: int
    store_check: str

    def summary(self) -> str:
        line = (f"{self.sessions} websocket sessions + {self.browsers} browser pages for {self.seconds:.0f} s "
                + (f"while ingesting ({self.ingest_chunks} chunks, {self.articles_before} -> {self.articles_after} "
                   "articles)" if self.ingest_chunks else "with no ingest")
                + f": {self.runs} script runs + {self.page_loads} page loads served "
                f"({self.requests_per_s:.1f}/s), {len(self.errors)} errors; script run p50 {self.run_p50_ms} ms, "
                f"p95 {self.run_p95_ms} ms, max {self.run_max_ms} ms")
        if self.page_loads:
            line += f"; page load p50 {self.page_p50_ms} ms, p95 {self.page_p95_ms} ms"
        line += f"; {self.lost_filters} filter selections dropped by the app; store check: {self.store_check}"
        return line


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


# --------------------------------------------------------------------------- the store and the ingest


def geo(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GEO_")}
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)


def article_count(db: Path) -> int:
    done = geo("stats", "--json", "--db", str(db))
    return json.loads(done.stdout)["articles"] if done.returncode == 0 else -1


def synthetic_chunks(folder: Path, chunks: int, per_chunk: int, seed: int) -> list[Path]:
    """JSONL files of new articles made of corpus sentences in a random order."""
    csv.field_size_limit(1 << 26)
    with CORPUS.open(encoding="utf-8", errors="replace", newline="") as handle:
        rows = list(csv.DictReader(handle))
    sentences = [s.strip() + "." for row in rows for s in row.get("article_content", "").split(". ") if len(s) > 40]
    sources = sorted({row.get("source") or "unknown" for row in rows})
    rng = random.Random(seed)
    paths = []
    for c in range(chunks):
        path = folder / f"synthetic-{c:03d}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for i in range(per_chunk):
                text = " ".join(rng.sample(sentences, rng.randint(4, 12)))
                out.write(json.dumps({"title": f"Load test article {c}-{i}", "source": rng.choice(sources),
                                      "date": f"2017-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                                      "text": text}) + "\n")
        paths.append(path)
    return paths


class IngestDriver(threading.Thread):
    """Runs ``python -m geo ingest`` on one chunk after another until stopped."""

    def __init__(self, db: Path, chunks: list[Path], tally: Tally) -> None:
        super().__init__(daemon=True)
        self.db, self.chunks, self.tally = db, chunks, tally
        self.stop = threading.Event()
        self.done = 0

    def run(self) -> None:
        for chunk in self.chunks:
            if self.stop.is_set():
                return
            try:
                result = geo("ingest", str(chunk), "--db", str(self.db), "--no-progress", timeout=RUN_TIMEOUT * 5)
            except subprocess.TimeoutExpired:
                self.tally.error(f"ingest of {chunk.name} timed out")
                continue
            if result.returncode != 0:
                self.tally.error(f"ingest of {chunk.name} exited {result.returncode}: {result.stderr.strip()[-500:]}")
            self.done += 1
        self.tally.error("the ingest ran out of chunks before the end of the test (use more --chunks)")


# --------------------------------------------------------------------------- websocket sessions


class Session:
    """One dashboard session over Streamlit's websocket protocol, acting like a browser tab."""

    def __init__(self, number: int, url: str, tally: Tally, rng: random.Random) -> None:
        self.number, self.tally, self.rng = number, tally, rng
        self.ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.widgets: dict[str, object] = {}  # key -> latest element proto
        self.values: dict[str, list[str] | str] = {}  # key -> what this "browser" holds
        self.query = ""

    async def run(self, deadline: float) -> None:
        from websockets.asyncio.client import connect

        try:
            async with connect(self.ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=30,
                               ping_interval=None) as ws:
                if not await self.rerun(ws):
                    return
                while time.monotonic() < deadline:
                    await asyncio.sleep(self.rng.uniform(0.2, 1.0))
                    if time.monotonic() >= deadline:
                        break
                    wanted = self.change_a_filter()
                    if not await self.rerun(ws):
                        return
                    self.check_kept(wanted)
        except Exception as exc:  # noqa: BLE001 - any failure of a session is an error of the test run
            self.tally.error(f"session {self.number}: {type(exc).__name__}: {exc}")

    def change_a_filter(self) -> tuple[str, str] | None:
        """Pick a new value for one filter, as a user would; returns (URL key, value) to expect."""
        action = self.rng.choice([*MULTISELECTS, "f_text", "clear"])
        if action == "clear":
            for key in MULTISELECTS:
                self.values[key] = []
            self.values["f_text"] = ""
            return None
        if action == "f_text":
            self.values["f_text"] = self.rng.choice(WORDS)
            return ("q", self.values["f_text"])
        proto = self.widgets.get(action)
        options = list(proto.options) if proto is not None else []
        if not options:
            return None
        label = self.rng.choice(options[:30])
        self.values[action] = [label]
        match = _COUNT_SUFFIX.match(label)
        value = match.group(1) if match else label
        if action == "f_actor":  # "HTS-name · HTS · هيئة تحرير الشام (3)": the actor, then its other names
            value = value.split(" \u00b7 ", 1)[0]
        return (MULTISELECTS[action], value)

    def check_kept(self, wanted: tuple[str, str] | None) -> None:
        if wanted is None:
            return
        key, value = wanted
        if value not in parse_qs(self.query).get(key, []):
            with self.tally.lock:
                self.tally.lost_filters.append(f"session {self.number}: {key}={value!r} not kept "
                                               f"(URL now {self.query!r})")

    async def rerun(self, ws) -> bool:
        """Send the widget values, wait for the run to finish; False after an error."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = ""
        for key, value in self.values.items():
            proto = self.widgets.get(key)
            if proto is None:
                continue
            widget = state.widget_states.widgets.add()
            widget.id = proto.id
            if isinstance(value, list):
                widget.string_array_value.data.extend(value)
            else:
                widget.string_value = value
        started = time.monotonic()
        await ws.send(msg.SerializeToString())
        while True:
            remaining = started + RUN_TIMEOUT - time.monotonic()
            if remaining <= 0:
                self.tally.error(f"session {self.number}: no answer in {RUN_TIMEOUT:.0f} s")
                return False
            forward = ForwardMsg()
            forward.ParseFromString(await asyncio.wait_for(ws.recv(), remaining))
            kind = forward.WhichOneof("type")
            if kind == "page_info_changed":
                self.query = forward.page_info_changed.query_string
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                self.element(forward.delta.new_element)
            elif kind == "script_finished":
                status = forward.script_finished
                if status != ForwardMsg.FINISHED_SUCCESSFULLY:
                    self.tally.error(f"session {self.number}: script finished with status {status}")
                    return False
                with self.tally.lock:
                    self.tally.runs.append(time.monotonic() - started)
                return True

    def element(self, element) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.tally.error(f"session {self.number}: the app raised {element.exception.type}: "
                             f"{element.exception.message[:300]}")
            return
        proto = getattr(element, kind)
        widget_id = getattr(proto, "id", "")
        key = widget_id.rsplit("-", 1)[-1] if isinstance(widget_id, str) and widget_id.startswith("$$ID") else None
        if key in MULTISELECTS or key == "f_text":
            self.widgets[key] = proto
            if key in MULTISELECTS and proto.set_value:  # the app set the value: the browser follows
                self.values[key] = list(proto.raw_values)


def run_sessions(url: str, count: int, seconds: float, tally: Tally, seed: int) -> None:
    """The websocket sessions, on an event loop of their own thread (the caller may be running one)."""
    failure: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(_drive_sessions(url, count, seconds, tally, seed))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            failure.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout=seconds + 2 * RUN_TIMEOUT + 60)
    if thread.is_alive():
        tally.error("the sessions did not stop")
    if failure:
        raise failure[0]


async def _drive_sessions(url: str, count: int, seconds: float, tally: Tally, seed: int) -> None:
    deadline = time.monotonic() + seconds
    clients = [Session(i, url, tally, random.Random(seed * 1000 + i)) for i in range(count)]
    tasks = []
    for session in clients:  # a ramp, as users arrive: not all in the same millisecond
        tasks.append(asyncio.create_task(session.run(deadline)))
        await asyncio.sleep(0.05)
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=seconds + RUN_TIMEOUT + 30)


# --------------------------------------------------------------------------- browser pages


def run_browsers(url: str, count: int, seconds: float, tally: Tally, seed: int, options: dict) -> None:
    """``count`` chromium contexts reloading the dashboard with filters until the deadline."""
    from playwright.sync_api import sync_playwright

    rng = random.Random(seed)
    deadline = time.monotonic() + seconds
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        try:
            pages = []
            for i in range(count):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                context.route(re.compile(r"^(?!https?://(127\.0\.0\.1|localhost)[:/]).*"),
                              lambda route: route.abort())  # loopback only
                page = context.new_page()
                page.on("pageerror", lambda exc, i=i: tally.error(f"browser {i}: page error: {exc}"))
                page.on("dialog", lambda d, i=i: (tally.error(f"browser {i}: dialog {d.message!r}"), d.dismiss()))
                pages.append(page)
            while time.monotonic() < deadline:
                # every page navigates at once (users do not wait for each other), then each is awaited
                started = {}
                for i, page in enumerate(pages):
                    key = rng.choice(["actor", "gov", "source", None])
                    query = urlencode({key: rng.choice(options[key])}) if key and options.get(key) else ""
                    started[i] = (time.monotonic(), query)
                    try:
                        page.goto(f"{url}/?{query}", wait_until="commit", timeout=RUN_TIMEOUT * 1000)
                    except Exception as exc:  # noqa: BLE001 - recorded as an error of the run
                        tally.error(f"browser {i}: load of ?{query}: {type(exc).__name__}: {str(exc)[:300]}")
                        started.pop(i)
                for i, (t0, query) in started.items():
                    page = pages[i]
                    try:
                        page.locator('[data-testid="stMetricValue"]').first.wait_for(timeout=RUN_TIMEOUT * 1000)
                        frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
                        frame.locator(".leaflet-container").wait_for(timeout=RUN_TIMEOUT * 1000)
                        exceptions = page.locator('[data-testid="stException"]').count()
                        if exceptions:
                            tally.error(f"browser {i}: the page shows {exceptions} exception(s) for ?{query}")
                        pwned = page.evaluate("() => window.__pwned === undefined ? null : String(window.__pwned)")
                        if pwned is not None:
                            tally.error(f"browser {i}: a script payload ran: {pwned}")
                    except Exception as exc:  # noqa: BLE001 - recorded as an error of the run
                        tally.error(f"browser {i}: load of ?{query}: {type(exc).__name__}: {str(exc)[:300]}")
                        continue
                    with tally.lock:
                        tally.page_loads.append(time.monotonic() - t0)
        finally:
            browser.close()


def facet_values(db: Path) -> dict[str, list[str]]:
    """URL filter values for the browser pages (from the store, before the load)."""
    sys.path.insert(0, str(REPO))
    from geo.store import Store

    with Store(db) as store:
        facets = store.facets()
    return {"actor": [a.actor for a in facets.actors[:15]], "gov": [g for g, _ in facets.governorates[:10]],
            "source": [s for s, _ in facets.sources[:15]]}


# --------------------------------------------------------------------------- the test


def load_test(sessions: int = 24, seconds: float = 60, browsers: int = 0, chunks: int = 60, per_chunk: int = 40,
              seed: int = 1, workdir: Path | None = None, log=None, ingest: bool = True) -> Report:
    """Run the load test (see the module docstring) and return its report."""
    say = (lambda text: print(text, file=log, flush=True)) if log else (lambda text: None)
    with tempfile.TemporaryDirectory(prefix="load-test-", dir=workdir) as tmp:
        folder = Path(tmp)
        db = folder / "load.sqlite"
        say("building the store from the FA-KES dev corpus...")
        built = geo("ingest", str(CORPUS), "--db", str(db), "--no-progress")
        if built.returncode != 0:
            raise RuntimeError(f"could not build the test store: {built.stderr[-2000:]}")
        before = article_count(db)
        chunk_paths = synthetic_chunks(folder, chunks, per_chunk, seed)
        options = facet_values(db) if browsers else {}
        tally = Tally()
        server_log = folder / "streamlit.log"
        server, url = start_dashboard(db, server_log, clean_env=True)
        driver = IngestDriver(db, chunk_paths, tally)
        try:
            say(f"dashboard at {url}; warming up...")
            run_sessions(url, 1, 0.1, Tally(), seed)  # first run: imports, caches
            say(f"{sessions} sessions, {browsers} browser pages, {seconds:.0f} s"
                + (", ingest running" if ingest else ", no ingest"))
            if ingest:
                driver.start()
            started = time.monotonic()
            threads = []
            if browsers:
                threads.append(threading.Thread(target=run_browsers, daemon=True,
                                                args=(url, browsers, seconds, tally, seed, options)))
                threads[-1].start()
            run_sessions(url, sessions, seconds, tally, seed)
            for thread in threads:
                thread.join(timeout=RUN_TIMEOUT + 60)
                if thread.is_alive():
                    tally.error("the browser pages did not stop")
            elapsed = time.monotonic() - started
        finally:
            driver.stop.set()
            if driver.is_alive():
                driver.join(timeout=RUN_TIMEOUT * 5)
            stop_dashboard(server)
        if driver.is_alive():
            tally.error("the ingest did not stop")
        elif not ingest or driver.done < len(chunk_paths):
            tally.errors = [e for e in tally.errors if "ran out of chunks" not in e]
        for line in server_log.read_text(errors="replace").splitlines():
            if "Traceback" in line or "Exception" in line:
                tally.error(f"server log: {line.strip()[:300]}")
        check = geo("check", "--db", str(db))
        if check.returncode != 0:
            tally.error(f"store check failed: {check.stdout.strip()[:500]}")
        after = article_count(db)
    requests = len(tally.runs) + len(tally.page_loads)
    return Report(
        sessions=sessions, browsers=browsers, seconds=round(elapsed, 1), runs=len(tally.runs),
        page_loads=len(tally.page_loads), requests_per_s=round(requests / elapsed, 2), errors=tally.errors,
        lost_filters=len(tally.lost_filters), lost_filter_examples=tally.lost_filters[:5],
        run_p50_ms=percentile(tally.runs, 0.5), run_p95_ms=percentile(tally.runs, 0.95),
        run_max_ms=percentile(tally.runs, 1.0), page_p50_ms=percentile(tally.page_loads, 0.5),
        page_p95_ms=percentile(tally.page_loads, 0.95), ingest_chunks=driver.done, articles_before=before,
        articles_after=after, store_check="sound" if check.returncode == 0 else "FAILED",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=24, help="websocket sessions (default 24)")
    parser.add_argument("--browsers", type=int, default=0, help="chromium pages as well (default 0)")
    parser.add_argument("--seconds", type=float, default=60, help="how long the load lasts (default 60)")
    parser.add_argument("--chunks", type=int, default=60, help="synthetic ingest chunks available (default 60)")
    parser.add_argument("--per-chunk", type=int, default=40, help="articles per chunk (default 40)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-ingest", action="store_true", help="no ingest during the load (for comparison)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    if args.sessions < 1 or args.seconds <= 0 or args.browsers < 0 or args.seconds > 3600:
        parser.error("--sessions >= 1, --browsers >= 0 and 0 < --seconds <= 3600")
    if args.browsers and not Path(CHROMIUM).exists():
        parser.error(f"{CHROMIUM} is not installed (bash scripts/setup.sh --browser)")
    report = load_test(args.sessions, args.seconds, args.browsers, args.chunks, args.per_chunk, args.seed,
                       log=sys.stderr, ingest=not args.no_ingest)
    if args.json:
        print(json.dumps({"summary": report.summary(), **asdict(report)}, indent=1))
    else:
        print(report.summary())
        for error in report.errors[:50]:
            print("ERROR:", error)
        for lost in report.lost_filter_examples:
            print("LOST FILTER:", lost)
    return 0 if not report.errors else 1


if __name__ == "__main__":
    sys.exit(main())
