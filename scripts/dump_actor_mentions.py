#!/usr/bin/env python3
"""Every actor mention of every corpus article, one tab-separated line each, to diff two lexicons.

    python scripts/dump_actor_mentions.py [--corpus data/corpus/fakes_dev.csv] > before.tsv

Columns: row, start, end, actor, coref, mention text, and the text around it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from geo.articles import read_paths  # noqa: E402
from geo.model import Article  # noqa: E402
from geo.pipeline import Pipeline  # noqa: E402


def one_line(text: str) -> str:
    """``text`` with tabs and line breaks as spaces."""
    return " ".join(text.split())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REPO / "data/corpus/fakes_dev.csv")
    ap.add_argument("--context", type=int, default=70, help="characters of text shown either side")
    args = ap.parse_args(argv)

    pipe = Pipeline.default()
    for item in read_paths([args.corpus]):
        if not isinstance(item, Article):
            continue
        row = str(item.path).rsplit("row=", 1)[1]
        text = item.text
        for m in pipe.parse(item).actors:
            around = (text[max(0, m.start - args.context):m.start] + "[" + text[m.start:m.end] + "]"
                      + text[m.end:m.end + args.context])
            print("\t".join([row, str(m.start), str(m.end), m.actor, "coref" if m.coref else "",
                             one_line(m.text), one_line(around)]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
