"""The value types of geo.model: built fast on the hot path, the same as built by their classes,
frozen, and picklable and copyable whether the module runs compiled or from source."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import pickle

import pytest

from geo.model import (
    ActorMention,
    Article,
    ParsedArticle,
    Place,
    PlaceMention,
    Span,
    new_actor_mention,
    new_parsed_article,
    new_place,
    new_place_mention,
)

PLACE = Place("t:1", "Saraqib", "town", 35.86, 36.8, "SY", "Idleb", "Idleb", 32000, "سراقب",
              ("Saraqib", "Saraqeb"), 101, None, None)
MENTION = PlaceMention("Saraqeb", 4, 11, PLACE, 0.9, False, "variant")
ACTOR = ActorMention("HTS", 0, 3, "Hay'at Tahrir al-Sham", "jihadist", True)
ARTICLE = Article("a1", "HTS in Saraqeb.", "T", "sana", dt.date(2018, 2, 3), "x.txt", None, "/x.txt")
PARSED = ParsedArticle(ARTICLE, (MENTION,), (ACTOR,), (Span("Foo", 0, 3),), ((0, 15),), "engine 1")
VALUES = [PLACE, MENTION, ACTOR, ARTICLE, PARSED, Span("Foo", 0, 3)]


def _fields(value: object) -> list[object]:
    return [getattr(value, f.name) for f in dataclasses.fields(value)]  # type: ignore[arg-type]


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_values_survive_pickle_and_copy(value):
    for again in (pickle.loads(pickle.dumps(value)), copy.copy(value), copy.deepcopy(value)):
        assert type(again) is type(value)
        assert again == value and _fields(again) == _fields(value)
    assert dataclasses.replace(value) == value


def test_an_article_keeps_its_origin_through_pickle():
    # origin is not part of equality, so compare it on its own
    assert pickle.loads(pickle.dumps(ARTICLE)).origin == "/x.txt"


def test_the_fast_builders_build_what_the_classes_build():
    built = [
        (new_place(*_fields(PLACE)), PLACE),  # type: ignore[arg-type]
        (new_place_mention(*_fields(MENTION)), MENTION),  # type: ignore[arg-type]
        (new_actor_mention(*_fields(ACTOR)), ACTOR),  # type: ignore[arg-type]
        (new_parsed_article(*_fields(PARSED)), PARSED),  # type: ignore[arg-type]
    ]
    for fast, slow in built:
        assert type(fast) is type(slow)
        assert repr(fast) == repr(slow) and fast == slow and hash(fast) == hash(slow)
        assert _fields(fast) == _fields(slow)
        for field in dataclasses.fields(fast):
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(fast, field.name, getattr(slow, field.name))


@pytest.mark.parametrize("lat, kind", [(95.0, "town"), (float("nan"), "town"), (35.0, "hamlet")])
def test_the_place_builder_checks_what_the_class_checks(lat, kind):
    with pytest.raises(ValueError):
        new_place("t:2", "X", kind, lat, 36.0, "SY", None, None, None, None, (), None, None, None)


def test_the_mention_builder_checks_the_confidence():
    with pytest.raises(ValueError, match="confidence"):
        new_place_mention("Saraqeb", 0, 7, PLACE, 1.5, False, "exact")
