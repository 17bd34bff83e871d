"""Whole articles the engine was not tuned on: seven batches of 40, four of 30 and one of 16, each answered by hand
before the engine read it (``tests/fixtures/unseen_articles*``).

* ``unseen_articles``: clean prose in the outlets' styles (SANA, Reuters, AFP, Sputnik, ...).
* ``unseen_articles_2``: written as the FA-KES scrapes are: commas and apostrophes stripped
  ("Syrias", "Sarmin Taftanaz and ..."), lost full stops, date stamps, share counts, glued
  URLs, "Related"/"Tags" lists, headlines repeated in the body, capitalised datelines.
* ``unseen_articles_3``: the same style, outlets weighted as in FA-KES, stressing round-ups,
  homonyms, spellings, neighbourhoods, metonymic capitals and place-like names; written after
  the engine had been fixed on the first two and scored once before any further change (its
  first_run.txt): the fair estimate of how the engine reads unseen FA-KES articles.
* ``unseen_articles_4``: the same again, written after the fixes batch 3 prompted, other years
  (2012-2019), stories and spellings; scored once before any further change (first_run.txt):
  the second fair estimate.
* ``unseen_articles_5``: the same again, written after the fixes batch 4 prompted (2011-2020);
  scored once near the session's end (first_run.txt): the third fair estimate.
* ``unseen_articles_6``: the same again (2011-2021), written after batch 5's fixes and scored
  once at the next session's start (first_run.txt): the fourth fair estimate.
* ``unseen_articles_7``: the same again (2011-2022), written during that session and scored once
  after its fixes (first_run.txt): the fifth fair estimate.
* ``unseen_articles_8``: 30 more (2011-2022), written at session 17's start and scored once with
  that session's first changes (first_run.txt): the sixth fair estimate.
* ``unseen_articles_9``: 16 more, written later in that session and scored once after batch 8's
  fixes (first_run.txt): the seventh.
* ``unseen_articles_10``: 30 more (2012-2023), written at session 18's start and scored once after
  that session's first fixes (first_run.txt): the eighth.
* ``unseen_articles_11``: 30 more (2012-2024), written later in that session and scored once after
  its fixes and batch 10's (first_run.txt): the ninth.
* ``unseen_articles_12``: 30 more (2012-2024), written at session 19's start and scored once after
  that session's fixes (first_run.txt): the tenth.
* ``unseen_articles_13``: 30 more (2012-2025), written at session 20's start and scored once before
  that session's fixes (first_run.txt): the eleventh.
* ``unseen_articles_14``: 30 more (2012-2025), written at session 21's start and scored once before
  that session's fixes (first_run.txt): the twelfth.
* ``unseen_articles_15``: 18 more (14 after December 2024), written blind at session 23 after its
  fixes and scored once (first_run.txt): the thirteenth.
* ``unseen_articles_16``: 20 more (12 of 2012-2019, 8 of 2020-2026), written blind at session 24 and
  scored once after its first fixes (first_run.txt): the fourteenth.
* ``unseen_articles_17``: 20 more (12 of 2012-2019, 8 of 2020-2026), written blind at session 26 and
  scored once after that session's first fixes (first_run.txt): the fifteenth.
* ``unseen_articles_18``: 20 more (12 of 2012-2019, 8 of 2020-2026), written blind later in session 26
  and scored once after all its fixes (first_run.txt): the sixteenth.

Each fixture's README.md (batches 2 and 3) gives the conventions: title lines, repeated
headlines, caps datelines and Related/Tags lists are left out of the answers, so what the
engine finds there counts as extra. Floors sit just under what the pipeline reaches: a
change that loses places here fails. ``python scripts/evaluate_unseen.py --fixture
tests/fixtures/<batch>`` prints every failure and extra mention with its sentence.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from scripts.evaluate_unseen import REPO, evaluate, load


class Floors(NamedTuple):
    expected: int           # mentions in the answers
    words: tuple[int, int]  # the length of an article
    found: int
    right: int
    wrong_governorate: int  # at most
    extra: int              # at most
    dominant: int           # of the articles
    within_161km: int       # found and within 161 km of the answer's row (the peers' measure)
    articles: int = 40
    governorates: int = 14  # named in the answers


BATCHES = {
    # reached 357 found, 347 right (324 as first measured), 1 wrong governorate, 80 extra (most
    # in headlines and datelines the answers leave out), dominant 39 (Yarmouk: four Rural
    # Damascus places against two in Damascus, the rule's answer read right); 338 within 161 km
    "unseen_articles": Floors(361, (120, 250), found=355, right=345, wrong_governorate=2, extra=83, dominant=39,
                              within_161km=336),
    # reached 574 found, 551 right (552 and 523 as first measured), 5 wrong governorate (11),
    # 166 extra (most in title lines, repeated headlines, caps datelines and Related/Tags lists);
    # 561 within 161 km
    "unseen_articles_2": Floors(585, (120, 300), found=572, right=549, wrong_governorate=6, extra=169, dominant=40,
                                within_161km=559),
    # reached 707 found, 664 right (683 and 632 as first measured), 12 wrong governorate (15), 145
    # extra (most in the furniture; in running text "US-led", people, organisations); of the 40
    # missed, most are places the gazetteer has no row for. Within 161 km: 673 of the 686
    # mentions with a row (657 as first measured: 99.7 % of the 659 found)
    "unseen_articles_3": Floors(747, (120, 300), found=705, right=662, wrong_governorate=13, extra=148, dominant=40,
                                within_161km=671),
    # as first measured (first_run.txt): 623 found, 577 right, 9 wrong governorate, 150 extra;
    # within 161 km 609 of the 643 mentions with a row (98.9 % of the 616 found). Reached 629, 593,
    # 4, 149 and 614 (13 answers of batches 1-4 gained the landmark rows added after: the Hmeimim
    # base, the Nasib crossing, the Menagh base, beside the namesake village they named)
    "unseen_articles_4": Floors(658, (120, 300), found=627, right=591, wrong_governorate=5, extra=152, dominant=40,
                                within_161km=612),
    # written after the fixes batch 4 prompted and scored once (first_run.txt): 579 found, 547
    # right, 11 wrong governorate, 152 extra, dominant 39; within 161 km 563 of the 586 mentions
    # with a row (98.4 % of the 572 found). Extra 154 -> 158 at session 23: the "Albukamal-Qaim border
    # crossing" of 14's headline and its repeat (two places each), lines the answers leave out (their
    # Syria and Iraq are extras too); batch 14's answers mark the same pair in running text
    "unseen_articles_5": Floors(601, (120, 300), found=577, right=545, wrong_governorate=12, extra=158, dominant=39,
                                within_161km=561),
    # written after batch 5's fixes (session 15) and scored once at session 16's start (first_run.txt):
    # 626 found, 586 right, 10 wrong governorate, 172 extra, dominant 39; within 161 km 614 of the
    # 639 mentions with a row (99.5 % of the 617 found)
    "unseen_articles_6": Floors(658, (120, 300), found=623, right=583, wrong_governorate=12, extra=175, dominant=39,
                                within_161km=611),
    # written during session 16 and scored once near its end, after its fixes (first_run.txt): 659
    # found, 625 right, 10 wrong governorate, 163 extra, dominant 40; within 161 km 647 of the 664
    # mentions with a row (99.5 % of the 650 found)
    "unseen_articles_7": Floors(681, (120, 300), found=656, right=622, wrong_governorate=12, extra=166, dominant=40,
                                within_161km=644),
    # 30 articles written by a helper at session 17's start and scored once, blind (first_run.txt): 490
    # found, 463 right, 8 wrong governorate, 118 extra, dominant 27; within 161 km 484 of the 495
    # mentions with a row (99.6 % of the 486 found). After the fixes it prompted: 490, 471, 3, 118, 28, 485
    "unseen_articles_8": Floors(503, (120, 300), found=487, right=466, wrong_governorate=5, extra=121, dominant=28,
                                within_161km=482, articles=30),
    # 16 articles written by a helper later in session 17 (in 35 minutes: 12 governorates named, 9
    # dominant) and scored once, blind, after batch 8's fixes (first_run.txt): 228 found, 204 right, 9
    # wrong governorate, 71 extra, dominant 16; within 161 km 217 of the 227 mentions with a row (97.7 %
    # of the 222 found). After three spellings it showed (Thiban, Salaheddin, Halab al-Jadida) and al-Tall:
    # 232, 210, 8, 71, 16, 222
    "unseen_articles_9": Floors(235, (120, 300), found=229, right=207, wrong_governorate=9, extra=74, dominant=16,
                                within_161km=219, articles=16, governorates=12),
    # 30 articles written by a helper at session 18's start and scored once, blind, after that session's
    # fixes prompted by batches 7-9 (first_run.txt): 476 found, 464 right, 7 wrong governorate, 157
    # extra, dominant 29; within 161 km 470 of the 477 mentions with a row (99.8 % of the 471 found).
    # After the fixes it prompted (Kafranbel Hass, al-Kalaseh, al-Hamdaniyah, al-Wafideen, al-Zahraa):
    # 481, 472, 6, 158, 29, 475
    "unseen_articles_10": Floors(492, (120, 300), found=479, right=469, wrong_governorate=7, extra=162, dominant=29,
                                 within_161km=472, articles=30),
    # 30 articles written by a helper late in session 18 and scored once, blind, after that session's
    # fixes and batch 10's (first_run.txt): 419 found, 401 right, 2 wrong governorate, 133 extra,
    # dominant 28; within 161 km 414 of the 423 mentions with a row (98.8 % of the 419 found)
    "unseen_articles_11": Floors(428, (120, 300), found=416, right=397, wrong_governorate=3, extra=137, dominant=28,
                                 within_161km=410, articles=30),
    # 30 articles written by a helper at session 19's start and scored once, blind, after that session's
    # fixes (first_run.txt): 375 found, 364 right, 0 wrong governorate, 147 extra, dominant 28; within
    # 161 km 374 of the 380 mentions with a row (100.0 % of the 374 found)
    "unseen_articles_12": Floors(383, (120, 300), found=372, right=361, wrong_governorate=2, extra=150, dominant=28,
                                 within_161km=371, articles=30),
    # 30 articles written by a helper at session 20's start and scored once, blind, before that
    # session's fixes (first_run.txt): 468 found, 455 right, 4 wrong governorate, 134 extra, dominant
    # 29; within 161 km 459 of the 464 mentions with a row (99.8 % of the 460 found). After the fixes
    # it prompted ("near Hasakah", "countrysides", "the Damascus Countryside and Daraa", Marea, al-Tanf,
    # al-Dour): 471, 467, 0, 134, 29, 463
    "unseen_articles_13": Floors(472, (120, 300), found=468, right=464, wrong_governorate=2, extra=137, dominant=28,
                                 within_161km=460, articles=30),
    # 30 articles written by a helper at session 21's start and scored once, blind, before that
    # session's fixes (first_run.txt): 523 found, 505 right, 3 wrong governorate, 160 extra, dominant
    # 29; within 161 km 513 of the 519 mentions with a row (99.8 % of the 514 found). After the fixes
    # it prompted (Türkiye, Iblin, Tel Aviv's city, al-Hosn, Qandil, Wadi Khaled): 524, 511, 3, 160, 29, 514;
    # session 26 (a list of provinces, a name taken before): 527, 517, 3, 160, 29, 517
    "unseen_articles_14": Floors(531, (120, 300), found=526, right=516, wrong_governorate=4, extra=161, dominant=29,
                                 within_161km=516, articles=30),
    # 18 articles (14 after December 2024) written blind by a helper at session 23 and scored once after
    # that session's fixes (first_run.txt): 266 found, 252 right, 7 wrong governorate, 86 extra,
    # dominant 18; within 161 km 262 of the 266 mentions with a row (100.0 % of the 262 found). The
    # engine of session 23's start: 263 found, 250 right. Session 26 (Hawik, al-Sabouniyah, Enab Baladi):
    # 266 found, 256 right, 6 wrong governorate, 85 extra, 262 within 161 km
    "unseen_articles_15": Floors(272, (120, 300), found=265, right=255, wrong_governorate=7, extra=86, dominant=18,
                                 within_161km=261, articles=18),
    # first run, session 24: 318 found, 306 right, 4 in the wrong governorate, 107 extra, dominant 20 / 20;
    # session 26 (Iraqi Rabia, Lebanese Hermel, Homs's al-Muhajireen, Hbeit, a name before "Kurdish"):
    # 319 found, 313 right, 1 wrong governorate, 105 extra, 311 within 161 km
    "unseen_articles_16": Floors(323, (120, 330), found=318, right=312, wrong_governorate=2, extra=106, dominant=20,
                                 within_161km=310, articles=20),
    # first run, session 26 (after its first fixes): 324 found, 304 right, 4 in the wrong governorate,
    # 81 extra, dominant 20 / 20; within 161 km 316 of the 320 mentions with a row (99.7 % of the 317 found).
    # After the fixes it prompted (the port of Tartous, al-Orfi, Maan, the mountains of Latakia,
    # al-Naimah): 326 found, 313 right, 3 wrong governorate, 81 extra, 318 within 161 km
    "unseen_articles_17": Floors(329, (120, 330), found=325, right=312, wrong_governorate=4, extra=82, dominant=20,
                                 within_161km=317, articles=20),
    # first run, session 26's end: 326 found, 303 right, 4 in the wrong governorate, 81 extra, dominant
    # 20 / 20; within 161 km 318 of the 320 mentions with a row (99.4 % of the 320 found)
    "unseen_articles_18": Floors(329, (120, 330), found=325, right=302, wrong_governorate=5, extra=82, dominant=20,
                                 within_161km=317, articles=20),
}

_results: dict[str, object] = {}


@pytest.fixture(params=sorted(BATCHES))
def batch(request) -> str:
    return request.param


@pytest.fixture
def result(pipeline, batch):
    if batch not in _results:  # (each batch is parsed once in the session)
        _results[batch] = evaluate(pipeline, REPO / "tests/fixtures" / batch)
    return _results[batch]


def test_fixture_is_sound(batch):
    floors = BATCHES[batch]
    rows = load(REPO / "tests/fixtures" / batch)
    assert len(rows) == floors.articles
    govs = set()
    for row, text in rows:
        assert floors.words[0] <= len(text.split()) <= floors.words[1], row["file"]
        for p in row["places"]:
            assert text[p["start"]:p["end"]] == p["text"], (row["file"], p)
            govs.add(p["governorate"])
    assert len(govs - {None}) == floors.governorates
    assert sum(len(row["places"]) for row, _ in rows) == floors.expected


def test_found_and_right(batch, result):
    floors, c = BATCHES[batch], result.counts
    assert c["expected"] == floors.expected
    assert c["found"] >= floors.found, dict(c)
    assert c["right"] >= floors.right, dict(c)


def test_wrong_governorate_and_extra(batch, result):
    floors, c = BATCHES[batch], result.counts
    assert c["wrong_governorate"] <= floors.wrong_governorate, result.failures
    assert c["extra"] <= floors.extra, dict(c)


def test_within_161_km(batch, result):
    """The peers' measure: nearly every place found is within 100 miles of the answer's."""
    floors, c = BATCHES[batch], result.counts
    assert c["found_with_row"] <= c["with_row"] <= c["expected"]
    assert c["right"] - c["found"] + c["found_with_row"] <= c["within_161km"] <= c["found_with_row"]
    assert c["within_161km"] >= floors.within_161km, result.failures


def test_dominant_governorate(batch, result):
    assert result.counts["dominant_agree"] >= BATCHES[batch].dominant, result.dominant_misses


@pytest.mark.parametrize("batch", ["unseen_articles_2", "unseen_articles_3", "unseen_articles_4",
                                   "unseen_articles_5"])
def test_every_governorate_is_some_article_s_dominant_one(batch):
    rows = load(REPO / "tests/fixtures" / batch)
    assert len({row["dominant"] for row, _ in rows}) == 14
