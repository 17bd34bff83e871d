"""News phrasings of actors (tests/fixtures/actor_variants.csv) read in neutral sentences.

The floors sit just under what the pipeline reaches: a lexicon change that loses phrasings
fails here. ``python scripts/evaluate_actors.py`` lists every failure.
"""

import pytest

from geo.actors import ActorLexicon
from scripts.evaluate_actors import FIXTURE, NO_ACTOR, SHAPES, evaluate, load_variants, tally

#: Phrases given their actor, per sentence shape: all of them, and those the dev corpus never showed.
RIGHT_FLOORS = {"opening": 447, "mid": 447}
RIGHT_FLOORS_NOT_IN_DEV = {"opening": 235, "mid": 235}
#: Phrases that name no actor ("is", "Turkish coffee", "the White Helmets") read as one, per shape, at most.
FALSE_ACTOR_LIMIT = 0


@pytest.fixture(scope="module")
def outcomes(pipeline):
    return evaluate(pipeline, load_variants(FIXTURE))


def test_fixture_is_broad():
    variants = load_variants(FIXTURE)
    named = [v for v in variants if v.actor != NO_ACTOR]
    assert len(named) >= 150
    assert sum(not v.in_dev for v in named) >= 100
    assert len(variants) - len(named) >= 25
    assert len({v.phrase for v in variants}) == len(variants), "a phrase is listed twice"
    actors = {a.name for a in ActorLexicon.load().actors}
    assert {v.actor for v in named} <= actors, "an actor the lexicon lacks"
    assert len({v.actor for v in named}) >= 40


@pytest.mark.parametrize("shape", SHAPES)
def test_right_floor(outcomes, shape):
    counts = tally(outcomes)[shape]
    assert counts["right"] >= RIGHT_FLOORS[shape], dict(counts)


@pytest.mark.parametrize("shape", SHAPES)
def test_right_floor_outside_dev_corpus(outcomes, shape):
    counts = tally([o for o in outcomes if not o.variant.in_dev])[shape]
    assert counts["right"] >= RIGHT_FLOORS_NOT_IN_DEV[shape], dict(counts)


@pytest.mark.parametrize("shape", SHAPES)
def test_false_actor_limit(outcomes, shape):
    counts = tally(outcomes)[shape]
    assert counts["false_actor"] <= FALSE_ACTOR_LIMIT, dict(counts)
