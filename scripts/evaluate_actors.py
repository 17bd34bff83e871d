#!/usr/bin/env python3
"""How the pipeline names actors the way news writes them.

    python scripts/evaluate_actors.py [--fixture tests/fixtures/actor_variants.csv] [--no-dev] [-q]

Each phrase of the fixture is put into neutral sentences (one opening with it,
one with it mid-sentence) and parsed. A phrase naming an actor is right when
an actor mention overlapping it gives the fixture's actor, wrong when mentions
overlap it but none gives that actor, missed when none overlaps it. A phrase
whose actor is ``-`` must give no actor: a mention overlapping it is a false
actor. ``--no-dev`` leaves out the phrases noted "in dev corpus".
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from geo.model import Article, ParsedArticle  # noqa: E402
from geo.pipeline import Pipeline  # noqa: E402

FIXTURE = REPO / "tests" / "fixtures" / "actor_variants.csv"

#: The actor column of a phrase that must give no actor.
NO_ACTOR = "-"

#: Sentence shapes: name -> template ({phrase}).
SHAPES = {
    "opening": "On Monday {phrase} attacked positions near the town, a monitor said.",
    "mid": "Residents said that {phrase} had shelled the village overnight.",
}
OUTCOMES = ("right", "wrong", "missed")


@dataclass(frozen=True)
class Variant:
    """One fixture row: a phrase and the actor it names (``-`` for none)."""

    phrase: str
    actor: str
    in_dev: bool


@dataclass(frozen=True)
class Outcome:
    """How one phrase fared in one sentence shape: right, wrong or missed; ``none`` or
    ``false_actor`` for a phrase that must give no actor."""

    variant: Variant
    shape: str
    outcome: str
    got: str = ""


def load_variants(path: Path = FIXTURE) -> list[Variant]:
    """The fixture's rows."""
    with open(path, encoding="utf-8", newline="") as fh:
        return [Variant(row["phrase"], row["actor"], "in dev corpus" in row["note"])
                for row in csv.DictReader(fh)]


def judge(variant: Variant, shape: str, start: int, parsed: ParsedArticle) -> Outcome:
    """The outcome of the phrase at ``start`` in one parsed sentence."""
    end = start + len(variant.phrase)
    overlapping = [m for m in parsed.actors if m.start < end and start < m.end]
    got = "; ".join(f"{m.text!r} -> {m.actor}" + (" (coref)" if m.coref else "") for m in overlapping)
    if variant.actor == NO_ACTOR:
        return Outcome(variant, shape, "false_actor" if overlapping else "none", got)
    if any(m.actor == variant.actor for m in overlapping):
        return Outcome(variant, shape, "right", got)
    return Outcome(variant, shape, "wrong" if overlapping else "missed", got)


def evaluate(pipe: Pipeline, variants: list[Variant]) -> list[Outcome]:
    """Every variant in every sentence shape."""
    outcomes = []
    for i, v in enumerate(variants):
        for shape, template in SHAPES.items():
            text = template.format(phrase=v.phrase)
            start = template.index("{phrase}")
            parsed = pipe.parse(Article(id=f"actor-variant-{i}-{shape}", text=text, path="x.txt"))
            outcomes.append(judge(v, shape, start, parsed))
    return outcomes


def tally(outcomes: list[Outcome]) -> dict[str, Counter]:
    """Outcome counts per shape (``false_actor`` and ``none`` for the no-actor phrases)."""
    counts: dict[str, Counter] = {shape: Counter() for shape in SHAPES}
    for o in outcomes:
        counts[o.shape][o.outcome] += 1
    return counts


def report(outcomes: list[Outcome], title: str) -> None:
    """Print the counts per shape."""
    print(title)
    for shape, c in tally(outcomes).items():
        total = sum(c[k] for k in OUTCOMES)
        cells = "  ".join(f"{k} {c[k]:>3}" for k in OUTCOMES)
        print(f"  {shape:<8} {cells}  of {total}  ({100 * c['right'] / max(total, 1):.1f}% right);"
              f"  false actors {c['false_actor']} of {c['false_actor'] + c['none']} no-actor phrases")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fixture", type=Path, default=FIXTURE)
    ap.add_argument("--no-dev", action="store_true", help="leave out phrases noted 'in dev corpus'")
    ap.add_argument("-q", "--quiet", action="store_true", help="counts only, no failure list")
    args = ap.parse_args(argv)

    variants = [v for v in load_variants(args.fixture) if not (args.no_dev and v.in_dev)]
    outcomes = evaluate(Pipeline.default(), variants)
    report(outcomes, f"all {len(variants)} phrases:")
    if not args.no_dev:
        report([o for o in outcomes if not o.variant.in_dev],
               f"{sum(not v.in_dev for v in variants)} phrases not in the dev corpus:")
    if not args.quiet:
        print("failures:")
        for o in outcomes:
            if o.outcome not in ("right", "none"):
                v = o.variant
                print(f"  {o.shape:<8} {o.outcome:<11} {v.phrase!r} ({v.actor})" + (f"  got {o.got}" if o.got else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
