"""Whole articles the engine was not tuned on, scraped style, third batch (tests/fixtures/unseen_articles_3).

The same kind of articles as tests/test_unseen_articles_2.py (FA-KES scrape artefacts:
stripped punctuation, lost full stops, glued dates and URLs, "Related"/"Tags" lists,
headlines repeated in the body, capitalised datelines, outlet spellings), written after the
engine had been fixed on batches 1 and 2 and scored once before any further change: the
fair estimate of how the engine reads unseen FA-KES articles. Outlets are weighted as in
FA-KES; the batch stresses roundups, homonyms, transliteration variants, neighbourhoods,
metonymic capitals, places abroad and place-like names of people and organisations. The
answers were made by hand before the engine was run on the texts (see the fixture's
README.md for the conventions; title lines, repeated headlines, caps datelines and
Related/Tags lists are left out, so what the engine finds there counts as extra).

Floors sit just under what the pipeline reached on the first run: a change that loses
places here fails. ``python scripts/evaluate_unseen.py --fixture
tests/fixtures/unseen_articles_3`` prints every failure and extra mention with its sentence;
first_run.txt in the fixture is the first run's full output.
"""

import pytest

from scripts.evaluate_unseen import REPO, evaluate, load

FIXTURE = REPO / "tests/fixtures/unseen_articles_3"

#: 747 expected mentions in 40 articles
FOUND_FLOOR = 680       # reached 683 (missed 64, 37 of them places the gazetteer has no row for)
RIGHT_FLOOR = 629       # reached 632
WRONG_GOVERNORATE_LIMIT = 17  # reached 15
EXTRA_LIMIT = 152       # reached 148 (95 in title lines, repeated headlines and caps datelines, 30 in Related/Tags lists; 23 in running text: "US-led", rivers, people and organisations)
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
    assert c["expected"] == 747
    assert c["found"] >= FOUND_FLOOR, dict(c)
    assert c["right"] >= RIGHT_FLOOR, dict(c)

def test_wrong_governorate_and_extra(result):
    c = result.counts
    assert c["wrong_governorate"] <= WRONG_GOVERNORATE_LIMIT, result.failures
    assert c["extra"] <= EXTRA_LIMIT, dict(c)

def test_dominant_governorate(result):
    assert result.counts["dominant_agree"] >= DOMINANT_FLOOR, result.dominant_misses
