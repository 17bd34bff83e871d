"""Sentence boundaries for excerpts."""

from __future__ import annotations

from geo.sentences import sentence_index, split_sentences


def test_abbreviations_and_initials_do_not_split():
    text = "The U.S. envoy met Gen. Smith in Idlib. Talks ended."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "The U.S. envoy met Gen. Smith in Idlib.", "Talks ended."]


def test_a_full_stop_that_lost_its_space_still_splits():
    # scraped corpora drop the space: "countryside.Every"; abbreviations and initials still hold
    text = "Shells hit its countryside.Every hospital closed in 2014.In May the U.S.Army and Dr.Ali left."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Shells hit its countryside.", "Every hospital closed in 2014.", "In May the U.S.Army and Dr.Ali left."]
    assert len(split_sentences("Version 2.5 of the report.Then talks, e.g.Geneva.")) == 2


def test_line_breaks_always_split():
    text = "Headline without a stop\nBody starts here."
    assert len(split_sentences(text)) == 2


def test_spans_are_trimmed_and_cover_the_words():
    text = "  One.  Two!  "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["One.", "Two!"]


def test_sentence_index_finds_the_holder():
    spans = [(0, 10), (12, 20), (22, 30)]
    assert [sentence_index(spans, o) for o in (0, 11, 15, 29)] == [0, 0, 1, 2]


def test_empty_text_has_no_sentences():
    assert split_sentences("") == []
