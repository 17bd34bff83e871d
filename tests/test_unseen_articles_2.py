"""Whole articles the engine was not tuned on, as scraped text (tests/fixtures/unseen_articles_2).

The same kind of articles as tests/test_unseen_articles.py, written in the style of the
FA-KES scrapes: commas and apostrophes stripped ("Syrias", "Sarmin Taftanaz and ..."), lost
full stops, date stamps, share counts, glued URLs, "Related"/"Tags" lists, headlines
repeated in the body, capitalised datelines, outlet spellings. The answers were made by
hand before the engine was run on the texts (see the fixture's README.md for the
conventions: title lines, repeated headlines, caps datelines and Related/Tags lists are
left out, so what the engine finds there counts as extra).

Floors sit just under what the pipeline reached on the first run: a change that loses
places here fails. ``python scripts/evaluate_unseen.py --fixture
tests/fixtures/unseen_articles_2`` prints every failure and extra mention with its sentence.
"""

import pytest

from scripts.evaluate_unseen import REPO, evaluate, load

FIXTURE = REPO / "tests/fixtures/unseen_articles_2"

#: 585 expected mentions in 40 articles
FOUND_FLOOR = 562       # reached 565 (552 as first measured)
RIGHT_FLOOR = 540       # reached 543 (523 as first measured)
WRONG_GOVERNORATE_LIMIT = 8   # reached 6 (11 as first measured)
EXTRA_LIMIT = 168       # reached 163 (167 as first measured; 99 in title lines, repeated headlines and caps datelines, 54 in Related/Tags lists)
DOMINANT_FLOOR = 40     # of 40

@pytest.fixture(scope="module")
def result(pipeline):
    return evaluate(pipeline, FIXTURE)

def test_fixture_is_sound():
    rows = load(FIXTURE)
    assert len(rows) == 40
    govs = set()
    for row, text in rows:
        assert 120 <= len(text.split()) <= 300, row["file"]
        for p in row["places"]:
            assert text[p["start"]:p["end"]] == p["text"], (row["file"], p)
            govs.add(p["governorate"])
    assert len(govs - {None}) == 14
    assert len({row["dominant"] for row, _ in rows}) == 14

def test_found_and_right(result):
    c = result.counts
    assert c["expected"] == 585
    assert c["found"] >= FOUND_FLOOR, dict(c)
    assert c["right"] >= RIGHT_FLOOR, dict(c)

def test_wrong_governorate_and_extra(result):
    c = result.counts
    assert c["wrong_governorate"] <= WRONG_GOVERNORATE_LIMIT, result.failures
    assert c["extra"] <= EXTRA_LIMIT, dict(c)

def test_dominant_governorate(result):
    assert result.counts["dominant_agree"] >= DOMINANT_FLOOR, result.dominant_misses
