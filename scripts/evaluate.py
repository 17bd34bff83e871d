#!/usr/bin/env python3
"""Accuracy of the pipeline on the seed articles and the FA-KES dev corpus.

    python scripts/evaluate.py [--corpus data/corpus/fakes_dev.csv] [--seeds-expected tests/fixtures/seeds_expected.jsonl] [-v]

Seeds: every expected toponym found at its offsets and resolved within 10 km
(provinces to the governorate, countries to the country); every actor mention
given its canonical actor. Corpus: how often the governorate holding most of an
article's Syrian place mentions agrees with the FA-KES ``location`` column.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from geo.articles import read_paths  # noqa: E402
from geo.evaluation import FAKES_LABELS, load_expected, score_corpus, score_seed, dominant_governorate  # noqa: E402
from geo.model import Article  # noqa: E402
from geo.pipeline import Pipeline  # noqa: E402


def corpus_labels(path: Path) -> list[str]:
    """The ``location`` column of a FA-KES CSV, in row order."""
    with open(path, encoding="latin-1", newline="") as fh:
        return [row["location"] for row in csv.DictReader(fh)]


def row_number(article: Article) -> int:
    """The 1-based data row of a corpus article (``file.csv#row=12`` -> 12)."""
    return int(str(article.path).rsplit("row=", 1)[1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REPO / "data/corpus/fakes_dev.csv")
    ap.add_argument("--seeds", type=Path, default=REPO / "data/seeds")
    ap.add_argument("--seeds-expected", type=Path, default=REPO / "tests/fixtures/seeds_expected.jsonl")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = ap.parse_args(argv)

    pipe = Pipeline.default()
    total = found = correct = actors = actors_found = coref = coref_found = 0
    for exp in load_expected(args.seeds_expected):
        text = (args.seeds / exp["source"]).read_text(encoding="utf-8")
        parsed = pipe.parse(Article(id=exp["id"], text=text, path=exp["source"]))
        s = score_seed(exp, parsed)
        total += s.toponyms; found += s.found; correct += s.correct
        actors += s.actors; actors_found += s.actors_found
        coref += s.coref_actors; coref_found += s.coref_found
        for p in s.problems:
            print(f"  {exp['source']}: {p}")
    print(f"seeds: toponyms found {found}/{total}, resolved right {correct}/{total}; "
          f"named actor mentions {actors_found}/{actors}; coreferent actor mentions {coref_found}/{coref}")

    labels = corpus_labels(args.corpus)
    pairs = []
    for item in read_paths([args.corpus]):
        if isinstance(item, Article):
            pairs.append((pipe.parse(item), labels[row_number(item) - 1]))
    score = score_corpus(pairs)
    print(f"corpus: dominant governorate agrees with FA-KES location on {score.agree}/{score.articles} "
          f"articles = {score.accuracy:.1%} ({score.no_place} with no Syrian place)")
    if args.verbose:
        for (label, pred), n in score.confusion.most_common():
            print(f"  label {label!r} predicted {pred!r}: {n}")
        for parsed, label in pairs:
            gov = dominant_governorate(parsed)
            if FAKES_LABELS.get(gov or "") != label:
                names = [f"{pm.text}->{pm.place.name}/{pm.place.admin1}" for pm in parsed.places
                         if pm.place.country == "SY" and pm.place.kind != "country"]
                print(f"  MISS {parsed.article.path} label={label} got={gov}: {names[:12]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
