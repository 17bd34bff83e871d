#!/usr/bin/env python3
"""Speed and memory of the parsing pipeline on the dev corpus.

    python scripts/bench_pipeline.py [--corpus data/corpus/fakes_dev.csv] [--repeat 5]

Prints start-up time (loading gazetteer and lexicon), articles per second
after start-up (parse only, the corpus parsed ``--repeat`` times), and the
process's peak resident memory.
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
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    from geo.articles import read_paths
    from geo.model import Article
    from geo.pipeline import Pipeline
    pipe = Pipeline.default()
    startup = time.perf_counter() - t0

    articles = [a for a in read_paths([args.corpus]) if isinstance(a, Article)]
    t1 = time.perf_counter()
    c1 = time.process_time()
    places = actors = 0
    for _ in range(args.repeat):
        for article in articles:
            parsed = pipe.parse(article)
            places += len(parsed.places)
            actors += len(parsed.actors)
    elapsed = time.perf_counter() - t1
    cpu = time.process_time() - c1
    n = len(articles) * args.repeat
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"start-up (imports + gazetteer + lexicon): {startup:.2f} s")
    print(f"parsed {n} articles ({len(articles)} x {args.repeat}) in {elapsed:.2f} s: "
          f"{n / elapsed:,.0f} articles/s, {places / args.repeat:.0f} place and "
          f"{actors / args.repeat:.0f} actor mentions per pass")
    print(f"CPU time: {cpu:.2f} s = {n / cpu:,.0f} articles per CPU-second "
          f"(on a shared machine the wall-clock rate above can be lower)")
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
