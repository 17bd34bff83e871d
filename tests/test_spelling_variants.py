"""News spellings of Syrian places (tests/fixtures/spelling_variants.csv) read in neutral sentences.

The floors sit just under what the pipeline reaches: a change that loses spellings fails here.
``python scripts/evaluate_spellings.py`` lists every failure.
"""

import pytest

from scripts.evaluate_spellings import FIXTURE, SHAPES, evaluate, load_variants, tally

#: Found & right (the place named in the fixture, in its governorate), per sentence shape.
RIGHT_FLOORS = {"bare": 760, "cue": 760, "governorate": 830}
#: Mentions put in another governorate, per shape, at most: with no context a name shared
#: by villages of several governorates may go to any of them; with the governorate named
#: almost none should.
WRONG_GOVERNORATE_LIMITS = {"bare": 72, "cue": 70, "governorate": 1}


@pytest.fixture(scope="module")
def counts(pipeline):
    return tally(evaluate(pipeline, load_variants(FIXTURE)))


def test_fixture_is_broad():
    variants = load_variants(FIXTURE)
    assert len(variants) >= 150
    assert len({v.governorate for v in variants}) == 14
    assert len({v.spelling for v in variants}) == len(variants), "a spelling is listed twice"


@pytest.mark.parametrize("shape", SHAPES)
def test_right_floor(counts, shape):
    assert counts[shape]["right"] >= RIGHT_FLOORS[shape], dict(counts[shape])


@pytest.mark.parametrize("shape", SHAPES)
def test_wrong_governorate_limit(counts, shape):
    assert counts[shape]["wrong_governorate"] <= WRONG_GOVERNORATE_LIMITS[shape], dict(counts[shape])
