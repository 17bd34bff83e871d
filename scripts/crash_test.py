"""Kill ``python -m geo ingest`` with SIGKILL at random moments; nothing may be lost.

    python scripts/crash_test.py                     # 60 kills (about 2 minutes)
    python scripts/crash_test.py --runs 15 --seed 7 --json

Each run starts ``python -m geo ingest data/corpus/fakes_dev.csv data/seeds
--db STORE`` and kills it (SIGKILL: no cleanup, no rollback in the process)
at a random moment. Half the runs pick a random time; the other half wait
until the ingest is inside ``Store.save_article`` (the child reports the
start and end of each call on a pipe) and kill it a random fraction of a
millisecond later, so kills inside a write transaction are common rather
than lucky. After every kill:

* ``python -m geo check --db STORE`` must exit 0;
* every stored article must be complete: its sentences, place mentions,
  actor mentions and unresolved names counted in the store equal those of a
  clean reference ingest of the same files (an article is all there or not
  there at all), and no article is stored that the reference lacks.

The next run resumes on the same store (ingest skips stored articles). When a
run finishes by itself the store's ``stats --json`` must equal the reference
exactly (no duplicates, nothing lost) and a fresh store is started. At the
end a last ingest runs to completion and is compared the same way.

The store is read for verification with plain read-only SQL, independently
of :mod:`geo.store`. The program run is a copy of ``geo/`` and ``data/`` taken
at the start, so edits to the working tree meanwhile cannot skew the
comparison. Exit code 0 when every check held, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
INPUTS = ("data/corpus/fakes_dev.csv", "data/seeds")  # relative to the code folder
RUN_TIMEOUT = 300.0  # seconds: no single ingest or check may take longer

#: The child: the CLI as is, with Store.save_article reporting "B" on entry and
#: "E" on exit to the file descriptor in CRASH_MARK_FD (the product is unchanged).
_CHILD = """
import os, sys
from geo import store
fd = int(os.environ["CRASH_MARK_FD"])
save = store.Store.save_article
def marked(self, parsed):
    os.write(fd, b"B")
    try:
        return save(self, parsed)
    finally:
        os.write(fd, b"E")
store.Store.save_article = marked
from geo.cli import main
sys.exit(main(sys.argv[1:]))
"""

Counts = tuple[int, int, int, int]  # sentences, place mentions, actor mentions, unresolved


@dataclass
class Reference:
    stats: dict[str, int]
    articles: dict[str, Counts]
    seconds: float


@dataclass
class Run:
    """One ingest run: how it was stopped and what the store looked like after."""

    number: int
    mode: str  # "random" (kill after a random time) or "in-write" (kill inside save_article)
    killed: bool
    in_write: bool  # killed between save_article's start and end
    after_s: float
    saves_seen: int
    articles: int
    check_exit: int
    problems: list[str] = field(default_factory=list)


@dataclass
class Report:
    runs: list[Run]
    reference: dict[str, int]
    completed_stores: int
    final_stats: dict[str, int]
    seconds: float

    @property
    def kills(self) -> int:
        return sum(r.killed for r in self.runs)

    @property
    def kills_in_write(self) -> int:
        return sum(r.killed and r.in_write for r in self.runs)

    @property
    def problems(self) -> list[str]:
        found = [f"run {r.number}: {p}" for r in self.runs for p in r.problems]
        if self.final_stats != self.reference:
            found.append(f"final stats {self.final_stats} != reference {self.reference}")
        return found

    def summary(self) -> str:
        return (f"{len(self.runs)} runs, {self.kills} killed with SIGKILL ({self.kills_in_write} inside a write "
                f"transaction), {self.completed_stores} stores completed by a run and compared, "
                f"final stats {'equal' if self.final_stats == self.reference else 'DIFFER from'} the reference "
                f"{self.reference}; {len(self.problems)} problems; {self.seconds:.0f} s")


def snapshot(dest: Path) -> Path:
    """A copy of the code and data (``geo/``, ``data/``) to run: edits made to the
    working tree while the test runs cannot change the program half-way."""
    for name in ("geo", "data"):
        shutil.copytree(REPO / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def _env() -> dict[str, str]:
    """The environment of the children: no GEO_* settings from outside (paths, limits)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("GEO_")}


def geo(code: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m geo ARGS`` with the code in ``code``."""
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=code, env=_env(), capture_output=True,
                          text=True, timeout=RUN_TIMEOUT, check=False)


def article_counts(db: Path) -> dict[str, Counts]:
    """Per stored article: rows of sentences, place mentions, actor mentions, unresolved names."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT a.id, (SELECT count(*) FROM sentences x WHERE x.article_id = a.id), "
            "(SELECT count(*) FROM place_mentions x WHERE x.article_id = a.id), "
            "(SELECT count(*) FROM actor_mentions x WHERE x.article_id = a.id), "
            "(SELECT count(*) FROM unresolved x WHERE x.article_id = a.id) FROM articles a"
        ).fetchall()
    finally:
        conn.close()
    return {row[0]: tuple(row[1:]) for row in rows}


def stats(code: Path, db: Path) -> dict[str, int]:
    done = geo(code, "stats", "--json", "--db", str(db))
    if done.returncode != 0:
        raise RuntimeError(f"stats failed: {done.stderr}")
    return json.loads(done.stdout)


def reference(code: Path, workdir: Path) -> Reference:
    """A clean ingest of the inputs, never interrupted."""
    db = workdir / "reference.sqlite"
    started = time.monotonic()
    done = geo(code, "ingest", *INPUTS, "--db", str(db), "--no-progress")
    seconds = time.monotonic() - started
    if done.returncode != 0:
        raise RuntimeError(f"reference ingest failed ({done.returncode}): {done.stderr[-2000:]}")
    return Reference(stats(code, db), article_counts(db), seconds)


def remove_store(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(db) + suffix).unlink(missing_ok=True)


def ingest_and_kill(code: Path, db: Path, mode: str | None, rng: random.Random,
                    max_delay: float) -> tuple[bool, bool, float, int]:
    """Run an ingest; kill it as ``mode`` says (None: let it finish).

    Returns (killed, killed inside save_article, seconds, save_article calls seen).
    """
    read_fd, write_fd = os.pipe()
    env = {**_env(), "CRASH_MARK_FD": str(write_fd)}
    cmd = [sys.executable, "-c", _CHILD, "ingest", *INPUTS, "--db", str(db), "--no-progress"]
    started = time.monotonic()
    child = subprocess.Popen(cmd, cwd=code, env=env, pass_fds=(write_fd,), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    os.close(write_fd)
    marks = bytearray()
    target_saves = rng.randint(1, 40) if mode == "in-write" else None
    deadline = started + (rng.uniform(0.2, max_delay) if mode == "random" else RUN_TIMEOUT)
    killed = False
    try:
        while True:
            now = time.monotonic()
            if now >= deadline:
                killed = _kill(child)
                break
            ready, _, _ = select.select([read_fd], [], [], min(0.05, deadline - now))
            if ready:
                chunk = os.read(read_fd, 65536)
                if not chunk:  # the child exited and closed its end
                    break
                marks += chunk
                if target_saves is not None and marks.count(b"B") >= target_saves and marks.endswith(b"B"):
                    time.sleep(rng.uniform(0, 0.001))  # a save takes 1-2 ms: somewhere inside it
                    killed = _kill(child)
                    break
        child.wait(timeout=RUN_TIMEOUT)
        # what the child managed to report before it died
        while select.select([read_fd], [], [], 0)[0]:
            chunk = os.read(read_fd, 65536)
            if not chunk:
                break
            marks += chunk
    finally:
        os.close(read_fd)
        if child.poll() is None:
            child.kill()
            child.wait()
    return killed, marks.endswith(b"B"), time.monotonic() - started, marks.count(b"B")


def _kill(child: subprocess.Popen) -> bool:
    """SIGKILL ``child`` if it is still running; True if it was."""
    if child.poll() is not None:
        return False
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=RUN_TIMEOUT)
    return True


def verify(code: Path, db: Path, ref: Reference, saves: int = 0) -> tuple[int, int, list[str]]:
    """(check exit code, stored articles, problems) of the store after a run that
    started ``saves`` article writes."""
    if not db.exists():  # killed before it created the store: sound only if it wrote nothing
        return 0, 0, [f"no store after {saves} article writes"] if saves else []
    problems: list[str] = []
    check = geo(code, "check", "--db", str(db))
    if check.returncode != 0:
        problems.append(f"check exited {check.returncode}: {(check.stdout + check.stderr).strip()[:1000]}")
    stored = article_counts(db)
    for article_id, counts in stored.items():
        expected = ref.articles.get(article_id)
        if expected is None:
            problems.append(f"article {article_id} is not in the reference")
        elif counts != expected:
            problems.append(f"article {article_id} incomplete: (sentences, places, actors, unresolved) "
                            f"{counts} != {expected}")
    if len(problems) > 5:
        problems[5:] = [f"... and {len(problems) - 5} more"]
    return check.returncode, len(stored), problems


def crash_test(runs: int, seed: int | None = None, workdir: Path | None = None, log=None) -> Report:
    """Run the whole test (see the module docstring); returns the report."""
    rng = random.Random(seed)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="crash-test-", dir=workdir) as tmp:
        folder = Path(tmp)
        code = snapshot(folder / "code")
        ref = reference(code, folder)
        max_delay = max(1.0, ref.seconds)  # startup, reading and parsing: the whole life of an ingest
        db = folder / "store.sqlite"
        results: list[Run] = []
        completed = 0
        for number in range(1, runs + 1):
            mode = "in-write" if number % 2 == 0 else "random"
            killed, in_write, seconds, saves = ingest_and_kill(code, db, mode, rng, max_delay)
            check_exit, articles, problems = verify(code, db, ref, saves)
            if not killed:  # the ingest finished first: the store must be exactly the reference
                final = stats(code, db)
                if final != ref.stats:
                    problems.append(f"a finished ingest gave {final}, reference {ref.stats}")
                completed += 1
            run = Run(number, mode, killed, in_write, round(seconds, 3), saves, articles, check_exit, problems)
            results.append(run)
            if log:
                print(f"run {number:3d} {mode:8s} {'killed' if killed else 'finished':8s} after {seconds:5.2f} s, "
                      f"{saves:3d} saves{' (in a write)' if killed and in_write else ''}: {articles} articles, "
                      f"check {check_exit}{', ' + '; '.join(problems) if problems else ''}", file=log, flush=True)
            if not killed:
                remove_store(db)
        # resume the last store to completion: everything, once
        ingest_and_kill(code, db, None, rng, max_delay)
        check_exit, _, problems = verify(code, db, ref)
        final = stats(code, db)
        if problems:
            results.append(Run(runs + 1, "final", False, False, 0.0, 0, len(article_counts(db)), check_exit, problems))
        return Report(results, ref.stats, completed, final, time.monotonic() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=60, help="ingest runs to kill (default 60)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: random)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be positive")
    report = crash_test(args.runs, args.seed, log=sys.stderr)
    if args.json:
        print(json.dumps({"summary": report.summary(), "kills": report.kills,
                          "kills_in_write": report.kills_in_write, "completed_stores": report.completed_stores,
                          "reference": report.reference, "final_stats": report.final_stats,
                          "problems": report.problems, "runs": [asdict(r) for r in report.runs]}, indent=1))
    else:
        print(report.summary())
        for problem in report.problems:
            print("PROBLEM:", problem)
    return 0 if not report.problems else 1


if __name__ == "__main__":
    sys.exit(main())
