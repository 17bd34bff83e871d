"""Actors of whole articles the engine was not tuned on (``tests/fixtures/unseen_articles*/actors.jsonl``).

Every actor mention of the clean batch (``unseen_articles``) and of the scraped-style batch
(``unseen_articles_2``) was answered by hand before the engine read the articles; each
fixture's commit message states its conventions. The scraped batch answers its title line
and scores it as the clean batch does; the headline repeated in the body, "Related" and
"Tags" lists and the Syrian Coalition's source credit are optional there, caps datelines
hold no actor, and one omitted named mention was added after its first run (that commit's
message says which). The scraped batch's answers were written after the engine had been
fixed on the clean batch: its first measurement is the fair estimate. The third batch
(``unseen_articles_3``, scraped style) was answered the same way before the engine read it;
its one first run is kept in ``actors_first_run.txt`` and its answers were not changed after it.
The fourth (``unseen_articles_4``, scraped style, written after the fixes batch 3 prompted) was
answered and scored the same way: a second fair estimate; the fifth (``unseen_articles_5``), written
after the fixes batch 4 prompted, a third; the sixth (``unseen_articles_6``), a fourth, scored
blind twice: at session 16's start and after that session's actor changes (``actors_second_run.txt``);
the seventh (``unseen_articles_7``), written during session 16 and scored once at its end, a fifth;
the eighth (``unseen_articles_8``, 30 articles), written at session 17's start and scored once, a sixth;
the ninth (``unseen_articles_9``, 16 articles), written later in that session and scored once, a seventh;
the tenth (``unseen_articles_10``, 30 articles), written at session 18's start and scored once, an eighth;
the eleventh (``unseen_articles_11``, 30 articles), written later in that session and scored once, a ninth;
the twelfth (``unseen_articles_12``, 30 articles), written at session 19's start and scored once, a tenth;
the thirteenth (``unseen_articles_13``, 30 articles), written at session 20's start and scored once, an eleventh.
the fourteenth (``unseen_articles_14``, 30 articles), written at session 21's start and scored once, a twelfth;
the fifteenth (``unseen_articles_15``, 18 articles, 14 set after December 2024), written blind at session 23
after its dated phrases and scored once, a thirteenth; the sixteenth (``unseen_articles_16``, 20 articles), written
blind at session 24 and scored once after its first actor fixes, a fourteenth; the seventeenth
(``unseen_articles_17``, 20 articles), written blind at session 26 and scored once, a fifteenth; the
eighteenth (``unseen_articles_18``, 20 articles), written blind later in session 26 and scored once, a sixteenth.

Floors sit just under what the pipeline reaches: a change that loses actors here fails.
``python scripts/evaluate_unseen_actors.py --fixture tests/fixtures/<batch>`` prints every
failure and extra mention with its sentence.
"""

from __future__ import annotations

import csv
from typing import NamedTuple

import pytest

from scripts.evaluate_unseen_actors import REPO, evaluate, load


class Floors(NamedTuple):
    scored: int            # answers scored
    optional: int          # answers counted neither way
    headline: int | None   # scored answers in the title line (None: not counted)
    named: int             # named answers
    coref: int             # coreferent answers
    named_right: int
    coref_right: int
    precision: float
    wrong: int             # engine mentions giving another actor than the answer's, at most
    extra: int             # engine mentions overlapping no answer, at most
    articles: int = 40


BATCHES = {
    # reached named 185, coreferent 110 (174 and 74 as first measured), precision 0.980 (0.969),
    # 7 wrong (6; the 7th, ISIS's "gunmen stormed villages" read as the opposition's), 0 extra (2)
    "unseen_articles": Floors(323, 11, None, 190, 133, named_right=183, coref_right=108, precision=0.975,
                              wrong=7, extra=2),
    # reached named 319, coreferent 89 (307 and 61 as first measured), precision 0.985 (0.987),
    # 3 wrong (3), 3 extra (2: a Related-list capital, "Iraqs neighbours")
    "unseen_articles_2": Floors(441, 90, 47, 328, 113, named_right=317, coref_right=85, precision=0.975,
                                wrong=4, extra=4),
    # first measured (actors_first_run.txt): named 467, coreferent 78, precision 0.977, 11 wrong,
    # 2 extra; reached 472, 96, 0.978, 11, 2
    "unseen_articles_3": Floors(603, 102, 52, 480, 123, named_right=467, coref_right=93, precision=0.97,
                                wrong=12, extra=3),
    # first measured (actors_first_run.txt): named 439, coreferent 102, precision 0.973, 3 wrong,
    # 12 extra; reached 457, 132, 0.980, 4, 8 (3 of them "killed more than 500 fighters" after three
    # groups named in the sentence: their fighters, though the answers leave them out)
    "unseen_articles_4": Floors(620, 121, 56, 462, 158, named_right=455, coref_right=130, precision=0.975,
                                wrong=5, extra=9),
    # the fifth, written after the fixes batch 4 prompted, first measured (actors_first_run.txt):
    # named 362, coreferent 99, precision 0.981, 5 wrong, 4 extra; reached 373, 123, 0.984, 4, 4
    "unseen_articles_5": Floors(535, 139, 53, 382, 153, named_right=360, coref_right=120, precision=0.975,
                                wrong=6, extra=5),
    # the sixth, scored once at session 16's start (actors_first_run.txt): named 426, coreferent 122,
    # precision 0.954; and once more blind after that session's actor changes (actors_second_run.txt):
    # 430, 127, 0.958, 15 wrong, 10 extra
    "unseen_articles_6": Floors(618, 133, 55, 453, 165, named_right=427, coref_right=124, precision=0.95,
                                wrong=16, extra=11),
    # the seventh, written during session 16 and scored once after its changes (actors_first_run.txt):
    # named 428, coreferent 131, precision 0.973, 10 wrong, 6 extra
    "unseen_articles_7": Floors(606, 119, 58, 444, 162, named_right=425, coref_right=128, precision=0.965,
                                wrong=12, extra=8),
    # the eighth, 30 articles written at session 17's start and scored once with that session's first
    # changes (actors_first_run.txt): named 350, coreferent 109, precision 0.943, 12 wrong, 17 extra;
    # after the fixes it prompted: 350, 111, 0.943, 12, 16
    "unseen_articles_8": Floors(493, 81, 45, 361, 132, named_right=348, coref_right=108, precision=0.935,
                                wrong=14, extra=18, articles=30),
    # the ninth, 16 articles answered in 35 minutes and scored once after batch 8's fixes
    # (actors_first_run.txt): named 141, coreferent 43, precision 0.847, 8 wrong, 25 extra (most of the
    # extras are mentions the answers left out: "army units", "engineering units", "The soldiers were
    # hit" after 33 Turkish soldiers, "TSK")
    "unseen_articles_9": Floors(201, 28, 16, 147, 54, named_right=139, coref_right=41, precision=0.83,
                                wrong=10, extra=27, articles=16),
    # the tenth, 30 articles written at session 18's start and scored once after that session's first
    # fixes (actors_first_run.txt): named 283, coreferent 99, precision 0.917, 6 wrong, 29 extra; after
    # the fixes it prompted (a state's official, attack, negotiators, occupier; the air force; the
    # Kurdish-led group): 291, 102, 0.921, 5, 29
    "unseen_articles_10": Floors(416, 88, 32, 300, 116, named_right=288, coref_right=100, precision=0.91,
                                 wrong=7, extra=32, articles=30),
    # the eleventh, 30 articles written later in session 18 and scored once after its fixes
    # (actors_first_run.txt): named 253, coreferent 99, precision 0.916, 4 wrong, 29 extra
    "unseen_articles_11": Floors(386, 99, 38, 271, 115, named_right=250, coref_right=96, precision=0.905,
                                 wrong=6, extra=32, articles=30),
    # the twelfth, 30 articles written at session 19's start and scored once after that session's fixes
    # (actors_first_run.txt): named 284, coreferent 77, precision 0.879, 11 wrong, 40 extra
    "unseen_articles_12": Floors(404, 109, 38, 306, 98, named_right=281, coref_right=74, precision=0.87,
                                 wrong=13, extra=43, articles=30),
    # the thirteenth, 30 articles written at session 20's start and scored once before that session's
    # fixes (actors_first_run.txt): named 279, coreferent 111, precision 0.901, 10 wrong, 34 extra; after
    # the fixes it prompted (Turkey's "the terror group", "the Islamic Republic", "the occupation",
    # "affiliated to Iran"): 281, 116, 0.906, 8, 34; after session 23's dated phrases (the new authorities'
    # names since December 2024) and one-group members: 285, 118, 0.909, 6, 35
    "unseen_articles_13": Floors(427, 118, 35, 294, 133, named_right=283, coref_right=115, precision=0.9,
                                 wrong=10, extra=37, articles=30),
    # the fourteenth, 30 articles written at session 21's start and scored once before that session's
    # fixes (actors_first_run.txt): named 264, coreferent 76, precision 0.910, 4 wrong, 30 extra; after
    # the fixes it prompted (a state's massacre, supervision, auspices, sponsorship): 266, 76, 0.910, 4, 30;
    # after session 23's dated phrases ("the General Security", "the new authorities", "the Interior
    # Ministry" of 2025) and one-group members: 274, 82, 0.916, 3, 30
    "unseen_articles_14": Floors(376, 118, 31, 281, 95, named_right=272, coref_right=80, precision=0.905,
                                 wrong=6, extra=33, articles=30),
    # the fifteenth, 18 articles (14 after December 2024) written blind at session 23 after its dated
    # phrases and scored once (actors_first_run.txt): named 140, coreferent 41, precision 0.931, 7 wrong
    # (Turkey's and Lebanon's "Interior Ministry", "caretaker government", "General Security" of 2025
    # read as Syria's), 7 extra; the engine of session 23's start: 129, 39, 0.946. Session 24 (2025's
    # "Internal Security", another state's own name for a dated one, a minister's ministry, "Israeli
    # bulldozers"): named 142, coreferent 50, precision 0.957, 2 wrong, 7 extra
    # Session 26 ("the attackers" tried and left out; "the terrorist organization" for the Kurdish
    # groups of a Turkish text): named 142, coreferent 52, precision 0.957
    "unseen_articles_15": Floors(212, 107, 19, 147, 65, named_right=142, coref_right=51, precision=0.95,
                                 wrong=2, extra=7, articles=18),
    # the sixteenth, 20 articles written blind at session 24, scored once (actors_first_run.txt): named 204,
    # coreferent 72, precision 0.863, 4 wrong, 41 extra; session 26 ("an Israeli strike / force /
    # violations", "Russian Su-34 bombers", Türkiye's National Defence Ministry): named 209, coreferent 73, 0.865
    "unseen_articles_16": Floors(298, 64, 27, 214, 84, named_right=208, coref_right=72, precision=0.86,
                                 wrong=5, extra=42, articles=20),
    # the seventeenth, 20 articles written blind at session 26, scored once (actors_first_run.txt): named 211,
    # coreferent 68, precision 0.921, 11 wrong, 14 extra; after the fixes it prompted ("YPG/PKK terrorists",
    # "Russian ships", "Russian and government forces"): named 213, coreferent 69, precision 0.925, 10 wrong, 14 extra
    "unseen_articles_17": Floors(309, 75, 25, 218, 91, named_right=212, coref_right=68, precision=0.92,
                                 wrong=11, extra=15, articles=20),
    # the eighteenth, 20 articles written blind later in session 26, scored once after all its fixes
    # (actors_first_run.txt): named 173, coreferent 78, precision 0.947, 6 wrong, 9 extra
    "unseen_articles_18": Floors(289, 70, 21, 190, 99, named_right=172, coref_right=77, precision=0.94,
                                 wrong=7, extra=10, articles=20),
}

_results: dict[str, object] = {}


def answers(batch: str):
    return REPO / "tests/fixtures" / batch / "actors.jsonl"


@pytest.fixture(params=sorted(BATCHES))
def batch(request) -> str:
    return request.param


@pytest.fixture
def result(pipeline, batch):
    if batch not in _results:  # (each batch is parsed once in the session)
        _results[batch] = evaluate(pipeline, answers(batch))
    return _results[batch]


def lexicon_actors() -> set[str]:
    with open(REPO / "data" / "actors.csv", encoding="utf-8", newline="") as fh:
        return {row["actor"] for row in csv.DictReader(line for line in fh if not line.startswith("#"))}


def test_answers_are_sound(batch):
    floors = BATCHES[batch]
    rows = load(answers(batch))
    assert [row["file"] for row, _ in rows] == [f"{i:02d}.txt" for i in range(1, floors.articles + 1)]
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
    assert (scored, optional) == (floors.scored, floors.optional)
    assert floors.headline is None or headline == floors.headline


def test_named_and_coreferent_recall(batch, result):
    floors, c = BATCHES[batch], result.counts
    assert (c["named_answers"], c["coref_answers"]) == (floors.named, floors.coref)
    assert c["named_right"] >= floors.named_right, dict(c)
    assert c["coref_right"] >= floors.coref_right, dict(c)


def test_precision_wrong_and_extra(batch, result):
    floors, c = BATCHES[batch], result.counts
    assert result.precision() >= floors.precision, dict(c)
    assert c["named_wrong_engine"] + c["coref_wrong_engine"] <= floors.wrong, result.failures
    assert c["named_extra"] + c["coref_extra"] <= floors.extra, result.extras
