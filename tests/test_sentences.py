"""Sentence boundaries for excerpts."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from geo.sentences import sentence_index, split_sentences, unwrap_lines


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


WRAPPED = """Government forces shelled the town of Saraqeb and the Jabal
al-Zawiya region on Saturday, while Hay'at Tahrir al-Sham fighters
moved towards Tel Touqan, the monitor said. Residents of Maarat
al-Numan fled north.

A second paragraph, wrapped at the same width as the first one
was, names Deir ez-Zor and ends here."""


def test_the_line_breaks_of_a_hard_wrapped_text_are_unwrapped_in_place():
    unwrapped = unwrap_lines(WRAPPED)
    assert len(unwrapped) == len(WRAPPED)  # every offset still indexes the file's text
    assert "the Jabal al-Zawiya region" in unwrapped and "Maarat al-Numan" in unwrapped
    assert unwrapped.count("\n") == 2  # the paragraphs stay apart
    assert "monitor said. Residents" in unwrapped
    crlf = unwrap_lines(WRAPPED.replace("\n", "\r\n"))  # a wrapped Windows file: "\r\n" as two spaces
    assert len(crlf) == len(WRAPPED) + WRAPPED.count("\n") and crlf.count("\r\n") == 2
    assert crlf.split() == unwrapped.split()


@pytest.mark.parametrize("text", [
    "Headline without a stop\nBody starts here.",  # one paragraph per line (the seeds, most corpora)
    "Killed in:\nIdlib\nHama\nHoms countryside\nDaraa",  # a list of short lines
    "Shelling on Saraqeb killed five civilians, the civil defence said.\n"  # lines ending a sentence
    "Airstrikes on Ariha killed three people, activists in the city said.\n"
    "Clashes near Tel Touqan killed two fighters, the Observatory said.",
    "The regime shelled the eastern Ghouta overnight and again in the morning, and the\n"  # one wrap:
    "ceasefire was over",  # not a text wrapped at a width
])
def test_texts_that_are_not_hard_wrapped_keep_their_line_breaks(text):
    assert unwrap_lines(text) == text


_SENTENCE_PIECES = ["Idlib", "U.S.", "Mr.", "Gen", "3.5", "a", "A", "he", "It", "x1", "كان", "“", "\"", "'", "(", ")",
                    "]", "...", ".", "!", "?", "?!", ".\"", ".)"]
_SENTENCE_SEPS = [" ", "  ", "\t", "\n", "\n\n", " \n", "\r\n", ""]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_SENTENCE_PIECES + _SENTENCE_SEPS), max_size=40))
@example(["He", " ", "left", "...", " ", "Then", " ", "Hama", "."])
@example(["Idlib", ".", "\n\n", "Hama", "\n", "\n"])
def test_split_sentences_tries_the_boundary_regex_where_finditer_would(pieces) -> None:
    """split_sentences, which tries _BOUNDARY only at the marks a boundary opens with, splits as
    a reading of every _BOUNDARY.finditer match does."""
    from geo.sentences import _BOUNDARY, _add, _is_abbreviation

    text = "".join(pieces)
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        first, after = m.span()
        if text[first] == "." and _is_abbreviation(text, first):
            continue
        _add(text, start, first if text[first] == "\n" else after, spans)
        start = after
    _add(text, start, len(text), spans)
    assert split_sentences(text) == spans


@given(st.lists(st.integers(0, 60), max_size=12), st.integers(-5, 70))
def test_sentence_index_is_the_bisect_of_the_starts(starts, offset) -> None:
    import bisect

    spans = [(s, s + 1) for s in sorted(starts)]
    expected = max(bisect.bisect_right([s for s, _ in spans], offset) - 1, 0)
    assert sentence_index(spans, offset) == expected
    assert sentence_index(tuple(spans), offset) == expected  # (a list is read by a loop of its own)


_BOUNDARY_PIECES = _SENTENCE_PIECES + _SENTENCE_SEPS + ["A", "Z", "0", "9", "@", "[", "\u0628", " A", ". 7", "\u00c9",
                                                        "administration", "approx", "Sept", "\u0130", "_", "x.",
                                                        "countryside", "Every", "ab", "Cd", "z9", "b", "\u201d", "\u2019",
                                                        "\u201c", "\u2018", "\u00a0", "\u3000", "\x1c", "\u0600", "\u06ff",
                                                        "\u0700", "(", "[", "]", "'The", "\"A"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_BOUNDARY_PIECES), max_size=30))
def test_boundary_end_is_where_the_boundary_regex_ends(pieces) -> None:
    """_boundary_end, which reads the common boundaries without the regex, ends where
    _BOUNDARY.match does, at every mark (and at every other character)."""
    from geo.sentences import _boundary_end, _boundary_end_by_regex

    text = "".join(pieces)
    for first in range(len(text)):
        if text[first] in ".!?\n":
            assert _boundary_end(text, first) == _boundary_end_by_regex(text, first), (text, first)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_BOUNDARY_PIECES), max_size=30))
def test_is_abbreviation_reads_the_word_the_regex_finds(pieces) -> None:
    """_is_abbreviation, which reads back from the dot no further than the longest abbreviation,
    decides as the word _WORD_BEFORE finds in the 12 characters before the dot would."""
    from geo.sentences import _ABBREVIATIONS, _WORD_BEFORE, _is_abbreviation

    text = "".join(pieces)
    for dot in range(len(text)):
        found = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
        word = found.group().lower() if found else ""
        expected = word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())
        assert _is_abbreviation(text, dot) == expected, (text, dot)
