"""Actors of whole articles the engine was not tuned on, as scraped text (tests/fixtures/unseen_articles_2/actors.jsonl).

The same answers format and conventions as tests/test_unseen_actors.py, on the 40
FA-KES-style articles (commas and apostrophes lost, page furniture, caps datelines). The
answers were written by hand before the engine read the articles (the fixture's commit
message states the conventions): the title line is answered and scored as in batch 1; the
headline repeated at the start of the body, "Related" headline lists, "Tags" keyword lists
and the Syrian Coalition's source credit are optional; caps datelines hold no actor. One
omitted named mention was added after the first run (commit message of that change).

Floors sit just under what the pipeline reached when first measured: a change that loses
actors here fails. ``python scripts/evaluate_unseen_actors.py --fixture
tests/fixtures/unseen_articles_2`` prints every failure and extra mention with its sentence.
"""

import csv

import pytest

from scripts.evaluate_unseen_actors import REPO, evaluate, load

ANSWERS = REPO / "tests/fixtures/unseen_articles_2/actors.jsonl"

#: 441 scored answers (328 named, 113 coreferent; 47 in title lines) and 90 optional ones in 40 articles
NAMED_RIGHT_FLOOR = 313   # reached 315 (307 as first measured)
COREF_RIGHT_FLOOR = 70    # reached 72 (61 as first measured)
PRECISION_FLOOR = 0.97    # reached 0.987 (368 of 373 engine mentions)
WRONG_LIMIT = 4           # engine mentions giving another actor than the answer's: reached 3
EXTRA_LIMIT = 3           # engine mentions overlapping no answer: reached 2 (a Related-list capital, "Iraqs neighbours")


@pytest.fixture(scope="module")
def result(pipeline):
    return evaluate(pipeline, ANSWERS)


def lexicon_actors() -> set[str]:
    path = REPO / "data" / "actors.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        return {row["actor"] for row in csv.DictReader(line for line in fh if not line.startswith("#"))}


def test_answers_are_sound():
    rows = load(ANSWERS)
    assert [row["file"] for row, _ in rows] == [f"{i:02d}.txt" for i in range(1, 41)]
    names = lexicon_actors()
    scored = optional = headline = 0
    for row, text in rows:
        headline_end = text.find("\n")
        for a in row["actors"]:
            assert text[a["start"]:a["end"]] == a["text"], (row["file"], a)
            assert a["actor"] is None or a["actor"] in names, (row["file"], a)
            assert set(a.get("accept", ())) <= names, (row["file"], a)
            assert isinstance(a["coref"], bool)
            assert a["actor"] is not None or a.get("note"), (row["file"], a)  # a group the lexicon lacks is named
            assert "(furniture)" not in a.get("note", "") or a.get("optional"), (row["file"], a)  # furniture is optional
            optional += bool(a.get("optional"))
            scored += not a.get("optional")
            headline += not a.get("optional") and a["start"] < headline_end
    assert (scored, optional, headline) == (441, 90, 47)


def test_named_and_coreferent_recall(result):
    c = result.counts
    assert (c["named_answers"], c["coref_answers"]) == (328, 113)
    assert c["named_right"] >= NAMED_RIGHT_FLOOR, dict(c)
    assert c["coref_right"] >= COREF_RIGHT_FLOOR, dict(c)


def test_precision_wrong_and_extra(result):
    c = result.counts
    assert result.precision() >= PRECISION_FLOOR, dict(c)
    assert c["named_wrong_engine"] + c["coref_wrong_engine"] <= WRONG_LIMIT, result.failures
    assert c["named_extra"] + c["coref_extra"] <= EXTRA_LIMIT, result.extras
