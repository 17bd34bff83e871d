"""Sentence boundaries, so every mention can be tied to the sentence it is in.

A regex splitter tuned for news prose: it does not split after common
abbreviations (U.S., Mr., Gen., Jan.), initials or decimal numbers, and always
splits at line breaks (news files put one paragraph per line).

>>> split_sentences("Mr. Smith went to Idlib. He left.\\nThen Hama.")
[(0, 24), (25, 33), (34, 44)]
>>> split_sentences("Clashes hit its countryside.Every hospital closed. The U.S.Army and Dr.Ali stayed.")
[(0, 28), (28, 50), (51, 82)]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from operator import itemgetter

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr gen lt col maj capt sgt st jr sr prof rep sen gov pres
    u.s u.k u.n e.g i.e vs etc jan feb mar apr jun jul aug sep sept oct nov dec
    no approx dept est inc ltd co corp mt ft""".split()
)

# A candidate boundary: ., ! or ? (with closing quotes/brackets) then space and
# an uppercase letter, digit, quote or bracket; or a line break; or a full stop
# that lost its space in scraping ("its countryside.Every hospital"): two
# lower-case letters or digits before it, a capitalised word right after. It
# starts with a character class (the lookbehinds tell the kinds apart) so that
# the regex engine can skip ahead to the next candidate character instead of
# trying the whole pattern at every position.
_BOUNDARY = re.compile(r"""[.!?\n](?:(?<=\n)\n*|[.!?]*["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9\u0600-\u06ff])"""
                       r"""|(?<=[a-z0-9]{2}\.)(?=[A-Z][a-z]))""")
# The word before a full stop, searched in the 12 characters before it.
_WORD_BEFORE = re.compile(r"[\w.]+$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of ``text``, in order.

    Leading and trailing whitespace is not part of a sentence; empty
    stretches are skipped, so every pair has ``start < end``.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        first, after = m.span()
        mark = text[first]
        if mark == "." and _is_abbreviation(text, first):
            continue
        _add(text, start, first if mark == "\n" else after, spans)
        start = after
    _add(text, start, len(text), spans)
    return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    # pos/endpos instead of a slice: "$" still matches at ``dot`` (or before a
    # newline right before it), as it would at the end of text[dot - 12:dot]
    word = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not word:
        return False
    w = word.group().lower()
    return w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha())


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def sentence_index(spans: list[tuple[int, int]] | tuple[tuple[int, int], ...], offset: int) -> int:
    """The index of the sentence holding ``offset`` (the nearest before it if in a gap; 0 if before the first)."""
    return max(bisect_right(spans, offset, key=_start) - 1, 0)


_start = itemgetter(0)
