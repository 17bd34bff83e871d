#!/usr/bin/env python3
"""How the pipeline finds the actors of whole articles it was not tuned on (tests/fixtures/unseen_articles).

    python scripts/evaluate_unseen_actors.py [-q] [--fixture PATH]

``--fixture`` names another folder of the same format (NN.txt, actors.jsonl), such as
tests/fixtures/unseen_articles_2 (the same kind of articles as scraped text), or an
answers file itself.

The answers (``actors.jsonl``, one line per article) were written by hand before the
engine read the articles: every actor mention with its span, its canonical actor
(``data/actors.csv``; ``null`` where the lexicon has no row for the group the text names,
a miss of the lexicon), ``coref`` (a description that does not name the actor: "the
group", "the army", bare "terrorists", "both sides"), ``accept`` (other actors judged
right where the referent is ambiguous) and ``optional`` (a debatable mention, scored
neither way). Headlines are answered; pronouns, persons and their titles, monitors and
media are not mentions.

Each scored answer is *right* when an engine mention overlapping its span gives its
actor (or one it accepts), *wrong actor* when engine mentions overlap it but none gives
one, *missed* when none overlaps it: recall is right / answers. Each engine mention is
*correct* when it overlaps an answer whose actor it gives, *wrong* when it overlaps
answers but gives none of their actors, *extra* when it overlaps no answer; mentions
overlapping only optional answers are left out: precision is correct / scored engine
mentions. Both are split by named and coreferent (the answer's flag for recall, the
engine's for precision). Failures and extras are printed with their sentence.
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

from geo.model import Article  # noqa: E402
from scripts.evaluate_unseen import FIXTURE, sentence_of  # noqa: E402

ANSWERS = FIXTURE / "actors.jsonl"
KINDS = ("named", "coref")


@dataclass
class Result:
    """Counts keyed ``<kind>_<outcome>`` (answers: right, wrong, missed; engine mentions:
    correct, wrong_engine, extra), plus the lines to print."""

    counts: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def recall(self, kind: str | None = None) -> float:
        kinds = (kind,) if kind else KINDS
        right = sum(self.counts[f"{k}_right"] for k in kinds)
        total = sum(self.counts[f"{k}_answers"] for k in kinds)
        return right / total if total else 0.0

    def precision(self, kind: str | None = None) -> float:
        kinds = (kind,) if kind else KINDS
        correct = sum(self.counts[f"{k}_correct"] for k in kinds)
        total = sum(self.counts[f"{k}_{o}"] for k in kinds for o in ("correct", "wrong_engine", "extra"))
        return correct / total if total else 0.0


def load(answers: Path = ANSWERS) -> list[tuple[dict, str]]:
    """(row, article text) for each line of the answers."""
    rows = [json.loads(line) for line in answers.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(row, (answers.parent / row["file"]).read_text(encoding="utf-8")) for row in rows]


def acceptable(answer: dict) -> set[str]:
    """The actors judged right for an answer (none for a group the lexicon lacks)."""
    return ({answer["actor"]} if answer["actor"] else set()) | set(answer.get("accept", ()))


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def describe(m) -> str:
    return f"{m.text!r}@{m.start} -> {m.actor}" + (" (coref)" if m.coref else "")


def evaluate(pipe, answers: Path = ANSWERS) -> Result:
    res = Result()
    c = res.counts
    for row, text in load(answers):
        parsed = pipe.parse(Article(id="unseen-" + row["file"], text=text, title=None))
        got = list(parsed.actors)
        headline_end = text.find("\n") if "\n" in text else len(text)
        c["articles"] += 1
        for ans in row["actors"]:
            over = [m for m in got if overlaps(m.start, m.end, ans["start"], ans["end"])]
            ok = acceptable(ans)
            where = f"{row['file']} {ans['text']!r}@{ans['start']}"
            expected = (ans["actor"] or "no lexicon row") + (f" (or {', '.join(ans['accept'])})" if ans.get("accept") else "")
            if ans.get("optional"):
                c["optional"] += 1
                c["optional_found"] += any(m.actor in ok for m in over)
                continue
            kind = "coref" if ans["coref"] else "named"
            c[f"{kind}_answers"] += 1
            c["no_row"] += ans["actor"] is None
            headline = ans["start"] < headline_end
            c["headline_answers"] += headline
            if any(m.actor in ok for m in over):
                c[f"{kind}_right"] += 1
                c["headline_right"] += headline
                continue
            outcome = "wrong" if over else "missed"
            c[f"{kind}_{outcome}"] += 1
            got_text = f" got {'; '.join(describe(m) for m in over)}" if over else ""
            note = f"  [{ans['note']}]" if ans.get("note") else ""
            res.failures.append(f"{outcome.upper():<6} {kind:<5} {where} expected {expected}{got_text}{note}\n"
                                f"      | {sentence_of(text, ans['start'], ans['end'])}")
        for m in got:
            over = [a for a in row["actors"] if overlaps(m.start, m.end, a["start"], a["end"])]
            kind = "coref" if m.coref else "named"
            if over and all(a.get("optional") for a in over):
                c["engine_on_optional"] += 1
                continue
            if any(m.actor in acceptable(a) for a in over):
                c[f"{kind}_correct"] += 1
            elif over:
                c[f"{kind}_wrong_engine"] += 1  # listed with its answer among the failures
            else:
                c[f"{kind}_extra"] += 1
                res.extras.append(f"EXTRA  {kind:<5} {row['file']} {describe(m)}\n"
                                  f"      | {sentence_of(text, m.start, m.end)}")
    return res


def report(res: Result, name: str | None = None) -> list[str]:
    """The figures, one line each (``name``: the fixture folder, shown in the first line)."""
    c = res.counts
    lines = [f"unseen articles{f' ({name})' if name else ''}: {c['articles']}; answers {sum(c[f'{k}_answers'] for k in KINDS)} "
             f"(+{c['optional']} optional, {c['optional_found']} of them found); "
             f"recall {100 * res.recall():.1f}%, precision {100 * res.precision():.1f}%"]
    for k in KINDS:
        engine = sum(c[f"{k}_{o}"] for o in ("correct", "wrong_engine", "extra"))
        lines.append(f"  {k:<5}  answers {c[f'{k}_answers']:>3}: right {c[f'{k}_right']:>3}, wrong actor "
                     f"{c[f'{k}_wrong']:>2}, missed {c[f'{k}_missed']:>3} (recall {100 * res.recall(k):.1f}%);  "
                     f"engine mentions {engine:>3}: correct {c[f'{k}_correct']:>3}, wrong {c[f'{k}_wrong_engine']:>2}, "
                     f"extra {c[f'{k}_extra']:>2} (precision {100 * res.precision(k):.1f}%)")
    lines.append(f"  headlines: right {c['headline_right']} of {c['headline_answers']} answers; "
                 f"answers with no lexicon row: {c['no_row']}; engine mentions on optional answers only: "
                 f"{c['engine_on_optional']}")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-q", "--quiet", action="store_true", help="figures only")
    ap.add_argument("--fixture", type=Path, default=FIXTURE,
                    help="folder with NN.txt and actors.jsonl, or an answers file (default: %(default)s)")
    args = ap.parse_args(argv)
    answers = args.fixture if args.fixture.is_file() else args.fixture / ANSWERS.name
    if not answers.is_file():
        ap.error(f"no answers file: {answers}")
    from geo.pipeline import Pipeline
    res = evaluate(Pipeline.default(), answers)
    if not args.quiet:
        for line in res.failures + res.extras:
            print(line)
    print("\n".join(report(res, answers.parent.name)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
