"""Hardening: ingests running while the dashboard is read by several sessions.

Two ``python -m geo ingest`` processes write the same store at once (their
inputs overlap), while reader threads run the dashboard's queries in a loop,
each query on its own :class:`~geo.store.Store` as ``dashboard.py`` does.
What must hold:

* readers never fail (no ``sqlite3.OperationalError`` "database is locked",
  no StoreError) and never see half an article: every article they open has
  all the sentences and mentions it has once the writers are done;
* what a reader sees only grows (WAL snapshots, commits in order);
* both writers wait for each other and succeed (exit 0), and the store ends
  with exactly the counts of one clean ingest: nothing twice, nothing lost.

The browser-level load test is scripts/load_test.py (test_hardening_browser.py).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from geo.articles import read_paths
from geo.ingest import ingest_articles
from geo.model import Article
from geo.store import Filters, Store

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "data" / "corpus" / "fakes_dev.csv"
SEEDS = REPO / "data" / "seeds"
READERS = 8
TIME_LIMIT = 120.0  # seconds: the writers must be done by then


@dataclass
class ReaderLog:
    """What one reader thread did and saw."""

    rounds: int = 0
    queries: int = 0
    latencies: list[float] = field(default_factory=list)  # seconds per query, Store opening included
    errors: list[str] = field(default_factory=list)
    seen: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)  # article -> counts when read
    articles_seen: list[int] = field(default_factory=list)  # facets' article total, round by round


def counts_of(stored) -> tuple[int, int, int, int]:
    return len(stored.sentences), len(stored.places), len(stored.actors), len(stored.unresolved)


def check_article(stored) -> None:
    """Offsets of everything in the article index its text."""
    text = stored.article.text
    for m in (*stored.places, *stored.actors, *stored.unresolved):
        assert text[m.start:m.end] == m.text, (stored.article.id, m)


def reader(db: Path, stop: threading.Event, log: ReaderLog, seed: int) -> None:
    """The dashboard's queries, each on its own Store, until ``stop``."""
    rng = random.Random(seed)

    def query(fn):
        started = time.perf_counter()
        with Store(db) as store:
            result = fn(store)
        log.latencies.append(time.perf_counter() - started)
        log.queries += 1
        return result

    while not stop.is_set():
        try:
            facets = query(lambda s: s.facets())
            total = query(lambda s: s.stats()["articles"])
            log.articles_seen.append(total)
            f = Filters()
            choice = rng.randrange(5)
            if choice == 0 and facets.actors:
                f = Filters(actors=(rng.choice(facets.actors).actor,))
            elif choice == 1 and facets.governorates:
                f = Filters(governorates=(rng.choice(facets.governorates)[0],))
            elif choice == 2 and facets.sources:
                f = Filters(sources=(rng.choice(facets.sources)[0],))
            elif choice == 3:
                f = Filters(text=rng.choice(["attack", "Idlib", "the", "regime"]))
            places = query(lambda s, f=f: s.place_counts(f))
            query(lambda s, f=f: s.actor_counts(f))
            query(lambda s, f=f: s.timeline(f))
            query(lambda s, f=f: sum(1 for _ in s.mentions(f)))
            for place in places[:3]:
                for ex in query(lambda s, f=f, pid=place.place_id: s.excerpts(pid, f, limit=5)):
                    for start, end in ex.place_spans:
                        assert 0 <= start < end <= len(ex.sentence), ex
                    stored = query(lambda s, aid=ex.article_id: s.article(aid))
                    assert stored is not None, f"excerpt of {ex.article_id} but no article"
                    check_article(stored)
                    log.seen[ex.article_id] = counts_of(stored)
            log.rounds += 1
        except Exception as exc:  # noqa: BLE001 - every failure is the finding: record and stop
            log.errors.append(f"{type(exc).__name__}: {exc}")
            return


def reference_counts(pipeline) -> dict[str, int]:
    """The store counts of one clean, in-process ingest of the corpus and the seeds."""
    with Store(":memory:") as store:
        items = [i for i in read_paths([CORPUS, SEEDS]) if isinstance(i, Article)]
        ingest_articles(items, store, pipeline)
        return store.stats()


def test_two_writers_and_eight_readers(tmp_path, pipeline):
    db = tmp_path / "shared.sqlite"
    Store(db).close()  # created and migrated, as the dashboard's first start leaves it
    env = {k: v for k, v in os.environ.items() if not k.startswith("GEO_")}
    writer_inputs = [[str(CORPUS)], [str(SEEDS), str(CORPUS)]]  # overlapping: both want the corpus
    stop = threading.Event()
    logs = [ReaderLog() for _ in range(READERS)]
    threads = [threading.Thread(target=reader, args=(db, stop, log, i), daemon=True) for i, log in enumerate(logs)]
    for t in threads:
        t.start()
    started = time.monotonic()
    writers = [subprocess.Popen([sys.executable, "-m", "geo", "ingest", *paths, "--db", str(db), "--no-progress"],
                                cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for paths in writer_inputs]
    try:
        outputs = [w.communicate(timeout=TIME_LIMIT) for w in writers]
    finally:
        for w in writers:
            if w.poll() is None:
                w.kill()
        writing = time.monotonic() - started
        stop.set()
        for t in threads:
            t.join(timeout=30)
    assert not any(t.is_alive() for t in threads), "a reader hung"

    # writers waited for each other and succeeded
    for w, (out, err) in zip(writers, outputs):
        assert w.returncode == 0, err
        assert "locked" not in err and "Traceback" not in err, err
    # readers never failed, and saw the store only grow
    errors = [e for log in logs for e in log.errors]
    assert errors == [], errors
    for log in logs:
        assert log.rounds > 0
        assert log.articles_seen == sorted(log.articles_seen), "a reader saw the store shrink"
    # every article a reader opened was already complete
    with Store(db) as store:
        assert store.check() == []
        final = {aid: counts_of(store.article(aid)) for log in logs for aid in log.seen}
        stats = store.stats()
    incomplete = [(aid, counts, final[aid]) for log in logs for aid, counts in log.seen.items() if counts != final[aid]]
    assert incomplete == []
    # nothing twice, nothing lost
    assert stats == reference_counts(pipeline)

    latencies = sorted(x for log in logs for x in log.latencies)
    figures = {
        "readers": READERS, "writers": len(writers), "writing_s": round(writing, 1),
        "rounds": sum(log.rounds for log in logs), "queries": len(latencies),
        "articles_checked": len({aid for log in logs for aid in log.seen}),
        "query_p50_ms": round(1000 * statistics.median(latencies), 1),
        "query_p95_ms": round(1000 * latencies[int(0.95 * (len(latencies) - 1))], 1),
        "query_max_ms": round(1000 * latencies[-1], 1), "errors": 0,
    }
    print("concurrency:", json.dumps(figures))


def test_a_reader_opens_and_reads_while_a_writer_holds_its_transaction(tmp_path):
    """WAL readers never wait for writers, and opening a Store (which every dashboard
    query does) is a read when the store is up to date."""
    db = tmp_path / "open.sqlite"
    Store(db).close()
    with Store(db) as writer, writer.atomic():
        started = time.monotonic()
        with Store(db, timeout=5) as reader:
            assert reader.stats()["articles"] == 0
            assert reader.place_counts(Filters()) == []
        assert time.monotonic() - started < 1.0


def test_a_writer_waits_for_another_writer_s_long_transaction(tmp_path):
    """A writer blocked by another's open transaction waits (busy timeout), then succeeds."""
    db = tmp_path / "busy.sqlite"
    holder = Store(db)
    try:
        done: list[object] = []

        def write() -> None:
            from geo.model import ParsedArticle

            try:
                with Store(db) as store:
                    done.append(store.save_article(ParsedArticle(Article("x1", "Clashes in Idlib."))))
            except Exception as exc:  # noqa: BLE001
                done.append(exc)

        with holder.atomic():  # hold the write lock for a while
            thread = threading.Thread(target=write)
            thread.start()
            time.sleep(1.5)
            assert done == [], "the second writer did not wait"
        thread.join(timeout=30)
        assert done == [True]
    finally:
        holder.close()


@pytest.mark.parametrize("timeout", [0.2])
def test_a_writer_that_waits_too_long_gets_a_store_error_not_a_crash(tmp_path, timeout):
    """Beyond the busy timeout the error is a StoreError naming the store, and nothing is half-written."""
    from geo.errors import StoreError
    from geo.model import ParsedArticle

    db = tmp_path / "busy.sqlite"
    holder = Store(db)
    try:
        with holder.atomic():
            with pytest.raises(StoreError) as info:
                store = Store(db, timeout=timeout)
                try:
                    store.save_article(ParsedArticle(Article("x1", "Clashes in Idlib.")))
                finally:
                    store.close()
            assert "locked" in str(info.value) and str(db) in str(info.value) or "x1" in str(info.value)
    finally:
        holder.close()
    with Store(db) as store:
        assert store.stats()["articles"] == 0 and store.check() == []
