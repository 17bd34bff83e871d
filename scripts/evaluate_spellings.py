#!/usr/bin/env python3
"""How the pipeline reads spellings of Syrian places that journalists use.

    python scripts/evaluate_spellings.py [--fixture tests/fixtures/spelling_variants.csv] [--no-dev] [-q]

Each spelling of the fixture is put into a few neutral sentences (no cue, a
type-word cue, the governorate) and parsed; the mention covering the spelling
is found & right when it resolves to ``gazetteer_name`` (several names, for
duplicate gazetteer rows of one place, are ``|``-joined) in ``governorate``,
found but wrong otherwise; a spelling no mention covers is unresolved when an
unresolved span covers it, else missed. ``--no-dev`` leaves out the spellings
noted "in dev corpus".
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

FIXTURE = REPO / "tests" / "fixtures" / "spelling_variants.csv"

#: Where a governorate's places are, as news writes it (keyed by the OCHA admin1 name).
GOVERNORATE_PHRASES = {
    "Idleb": "the Idlib countryside", "Aleppo": "the Aleppo countryside", "Hama": "the Hama countryside",
    "Homs": "the Homs countryside", "Rural Damascus": "the Damascus countryside", "Damascus": "Damascus",
    "Dar'a": "the Daraa countryside", "Al-Hasakeh": "the Hasakah countryside", "Ar-Raqqa": "the Raqqa countryside",
    "Deir-ez-Zor": "the Deir ez-Zor countryside", "Lattakia": "the Latakia countryside",
    "Tartous": "the Tartus countryside", "Quneitra": "the Quneitra countryside", "As-Sweida": "the Sweida countryside",
}

#: Sentence shapes: name -> template ({place}, {governorate}).
SHAPES = {
    "bare": "Fighting was reported in {place} on Monday.",
    "cue": "Regime aircraft struck the town of {place} on Monday.",
    "governorate": "Regime aircraft struck {place} in {governorate} on Monday.",
}
OUTCOMES = ("right", "wrong", "unresolved", "missed")


@dataclass(frozen=True)
class Variant:
    """One fixture row: a spelling and the place it names."""

    spelling: str
    governorate: str
    gazetteer_names: tuple[str, ...]
    in_dev: bool


@dataclass(frozen=True)
class Outcome:
    """How one spelling fared in one sentence shape."""

    variant: Variant
    shape: str
    outcome: str
    got: str = ""
    wrong_governorate: bool = False


def load_variants(path: Path = FIXTURE) -> list[Variant]:
    """The fixture's rows."""
    with open(path, encoding="utf-8", newline="") as fh:
        return [Variant(row["spelling"], row["governorate"], tuple(row["gazetteer_name"].split("|")),
                        "in dev corpus" in row["note"])
                for row in csv.DictReader(fh)]


def judge(variant: Variant, shape: str, text: str, start: int, parsed: ParsedArticle) -> Outcome:
    """The outcome of the spelling at ``start`` in one parsed sentence."""
    end = start + len(variant.spelling)

    def overlap(s: int, e: int) -> int:
        return min(e, end) - max(s, start)

    covering = [m for m in parsed.places if overlap(m.start, m.end) > 0]
    if covering:
        m = max(covering, key=lambda m: overlap(m.start, m.end))
        place = m.place
        right = place.admin1 == variant.governorate and place.name in variant.gazetteer_names
        got = f"{m.text!r} -> {place.name} ({place.kind}, {place.admin1 or place.country})"
        return Outcome(variant, shape, "right" if right else "wrong", got,
                       wrong_governorate=place.admin1 != variant.governorate)
    if any(overlap(s.start, s.end) > 0 for s in parsed.unresolved):
        return Outcome(variant, shape, "unresolved")
    return Outcome(variant, shape, "missed")


def evaluate(pipe: Pipeline, variants: list[Variant]) -> list[Outcome]:
    """Every variant in every sentence shape."""
    outcomes = []
    for i, v in enumerate(variants):
        for shape, template in SHAPES.items():
            text = template.format(place=v.spelling, governorate=GOVERNORATE_PHRASES[v.governorate])
            start = text.index(v.spelling)
            parsed = pipe.parse(Article(id=f"variant-{i}-{shape}", text=text, path="x.txt"))
            outcomes.append(judge(v, shape, text, start, parsed))
    return outcomes


def tally(outcomes: list[Outcome]) -> dict[str, Counter]:
    """Outcome counts per shape, and ``wrong_governorate``: mentions placed in another governorate."""
    counts: dict[str, Counter] = {shape: Counter() for shape in SHAPES}
    for o in outcomes:
        counts[o.shape][o.outcome] += 1
        counts[o.shape]["wrong_governorate"] += o.wrong_governorate
    return counts


def report(outcomes: list[Outcome], title: str) -> None:
    """Print the counts per shape."""
    print(title)
    for shape, c in tally(outcomes).items():
        total = sum(c[k] for k in OUTCOMES)
        cells = "  ".join(f"{k} {c[k]:>3}" for k in OUTCOMES)
        print(f"  {shape:<12} {cells}  of {total}  ({100 * c['right'] / max(total, 1):.1f}% right;"
              f" {c['wrong_governorate']} in another governorate)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fixture", type=Path, default=FIXTURE)
    ap.add_argument("--no-dev", action="store_true", help="leave out spellings noted 'in dev corpus'")
    ap.add_argument("-q", "--quiet", action="store_true", help="counts only, no failure list")
    args = ap.parse_args(argv)

    variants = [v for v in load_variants(args.fixture) if not (args.no_dev and v.in_dev)]
    outcomes = evaluate(Pipeline.default(), variants)
    report(outcomes, f"all {len(variants)} spellings:")
    if not args.no_dev:
        report([o for o in outcomes if not o.variant.in_dev],
               f"{sum(not v.in_dev for v in variants)} spellings not in the dev corpus:")
    if not args.quiet:
        print("failures:")
        for o in outcomes:
            if o.outcome != "right":
                v = o.variant
                print(f"  {o.shape:<12} {o.outcome:<10} {v.spelling!r} ({v.governorate}: {'|'.join(v.gazetteer_names)})"
                      + (f"  got {o.got}" if o.got else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
