#!/usr/bin/env python3
"""Speed and memory of the parsing pipeline on the dev corpus.

    python scripts/bench_pipeline.py [--corpus data/corpus/fakes_dev.csv] [--repeat 5]

Says which engine it times: compiled by ``scripts/build_native.py`` (the set-up
builds it) or plain Python (``GEO_PURE_PYTHON=1`` asks for it). Prints start-up
time (loading gazetteer and lexicon), articles per second after start-up (parse only, the corpus parsed ``--repeat`` times): the first
pass, where every name is new to the process, and the later passes over the
same texts, where the per-chunk name plans and gazetteer lookups memoised by
the first are reused (an upper bound: re-reading the same articles), and the
process's peak resident memory.

With ``--then`` (default: the hand-answered unseen articles under
tests/fixtures/, if there), the articles there are parsed once after the first
pass and before the repeats: new text after the corpus, as the rest of a long
ingest of new articles is (many names seen before, their texts not). This is
the figure to expect from an ingest of new articles.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REPO / "data/corpus/fakes_dev.csv")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--then", type=Path, nargs="*", default=None,
                    help="files or folders of new articles parsed once after the first pass "
                         "(default: tests/fixtures/unseen_articles*/ if present)")
    args = ap.parse_args(argv)
    then = args.then if args.then is not None else sorted(REPO.glob("tests/fixtures/unseen_articles*/[0-9]*.txt"))

    t0 = time.perf_counter()
    from geo.articles import read_paths
    from geo.model import Article
    from geo.pipeline import Pipeline
    pipe = Pipeline.default()
    startup = time.perf_counter() - t0

    articles = [a for a in read_paths([args.corpus]) if isinstance(a, Article)]
    fresh = [a for a in read_paths(then) if isinstance(a, Article)] if then else []
    places = actors = 0
    walls: list[float] = []
    cpus: list[float] = []
    fresh_wall = fresh_cpu = 0.0
    for n_pass in range(max(1, args.repeat)):
        t1, c1 = time.perf_counter(), time.process_time()
        for article in articles:
            parsed = pipe.parse(article)
            places += len(parsed.places)
            actors += len(parsed.actors)
        walls.append(time.perf_counter() - t1)
        cpus.append(time.process_time() - c1)
        if n_pass == 0 and fresh:
            t2, c2 = time.perf_counter(), time.process_time()
            for article in fresh:
                pipe.parse(article)
            fresh_wall, fresh_cpu = time.perf_counter() - t2, time.process_time() - c2
    n = len(articles)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    import geo
    print("engine: " + ("compiled (scripts/build_native.py)" if geo.NATIVE else
                        "plain Python (not compiled: scripts/build_native.py builds it)"))
    print(f"start-up (imports + gazetteer + lexicon): {startup:.2f} s")
    print(f"{n} articles, {places / len(walls):.0f} place and {actors / len(walls):.0f} actor mentions per pass")
    print(f"first pass (every name new to the process): {n / walls[0]:,.0f} articles/s "
          f"({n / cpus[0]:,.0f} per CPU-second)")
    if fresh:
        print(f"then {len(fresh)} new articles (new text, after the corpus): {len(fresh) / fresh_wall:,.0f} articles/s "
              f"({len(fresh) / fresh_cpu:,.0f} per CPU-second)")
    if len(walls) > 1:
        rest = len(walls) - 1
        print(f"passes 2-{len(walls)} (the same texts again: an upper bound): "
              f"{n * rest / sum(walls[1:]):,.0f} articles/s ({n * rest / sum(cpus[1:]):,.0f} per CPU-second, "
              f"best pass {n / min(cpus[1:]):,.0f})")
    print(f"all {len(walls)} passes: {n * len(walls) / sum(walls):,.0f} articles/s "
          f"(on a shared machine wall-clock rates can be lower than CPU rates)")
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
