"""Sentence boundaries, so every mention can be tied to the sentence it is in.

A regex splitter tuned for news prose: it does not split after common
abbreviations (U.S., Mr., Gen., Jan.), initials or decimal numbers, and always
splits at line breaks (news files put one paragraph per line; :func:`unwrap_lines`
undoes the line breaks of a text wrapped at a width).

>>> split_sentences("Mr. Smith went to Idlib. He left.\\nThen Hama.")
[(0, 24), (25, 33), (34, 44)]
>>> split_sentences("Clashes hit its countryside.Every hospital closed. The U.S.Army and Dr.Ali stayed.")
[(0, 28), (28, 50), (51, 82)]
"""

from __future__ import annotations

import re
from typing import Final, Sequence

_ABBREVIATIONS: Final = frozenset(
    """mr mrs ms dr gen lt col maj capt sgt st jr sr prof rep sen gov pres
    u.s u.k u.n e.g i.e vs etc jan feb mar apr jun jul aug sep sept oct nov dec
    no approx dept est inc ltd co corp mt ft""".split()
)

#: The length of the longest of _ABBREVIATIONS.
_ABBREVIATION_MAX: Final = max(map(len, _ABBREVIATIONS))

# A candidate boundary: ., ! or ? (with closing quotes/brackets) then space and
# an uppercase letter, digit, quote or bracket; or a line break; or a full stop
# that lost its space in scraping ("its countryside.Every hospital"): two
# lower-case letters or digits before it, a capitalised word right after. It
# starts with a character class (the lookbehinds tell the kinds apart) so that
# the regex engine can skip ahead to the next candidate character instead of
# trying the whole pattern at every position.
_BOUNDARY: Final = re.compile(r"""[.!?\n](?:(?<=\n)\n*|[.!?]*["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9\u0600-\u06ff])"""
                       r"""|(?<=[a-z0-9]{2}\.)(?=[A-Z][a-z]))""")
#: The characters a boundary opens with (_BOUNDARY's first character class).
_MARKS: Final = ".!?\n"
# The word before a full stop, searched in the 12 characters before it (what _is_abbreviation
# reads, without the regex).
_WORD_BEFORE: Final = re.compile(r"[\w.]+$")


#: A hard-wrapped text (an e-mail, a newsletter, a plain-text export) has lines of 60-80
#: characters; a text with wider lines puts one paragraph on each line.
WRAP_WIDTH: Final = (50, 100)
#: How much shorter than the widest line a line may be and still be cut by the wrap: a long
#: word goes to the next line whole.
WRAP_SLACK: Final = 25
_LINE_BREAK: Final = re.compile(r"\r\n|\r|\n")
# A line that ends a sentence or introduces what follows: its break is kept either way.
_LINE_ENDS_CLAUSE: Final = re.compile(r"[.!?:;][\"'”’)\]]*[ \t]*\Z")


def unwrap_lines(text: str) -> str:
    """``text`` with the line breaks inside the paragraphs of a hard-wrapped text as spaces.

    Line breaks end a sentence (:func:`split_sentences`) and no name runs across one,
    as news files put one paragraph per line; a text wrapped at a width cuts its
    sentences and names ("the Jabal\\nal-Zawiya region") instead. A text is taken as
    wrapped when its widest line is 50-100 characters and most lines followed by
    another are cut near that width; then each such break that does not end a
    sentence becomes spaces. Same length as ``text``: every offset into one is an
    offset into the other. Any other text comes back as it is.

    >>> text = ("Government forces shelled the town of Saraqeb and the Jabal\\n"
    ...         "al-Zawiya region overnight, the monitor said, and the town of\\n"
    ...         "Maarat al-Numan was hit too.")
    >>> unwrap_lines(text)[50:90]
    'the Jabal al-Zawiya region overnight, th'
    """
    if "\n" not in text and "\r" not in text:
        return text
    lines: list[tuple[int, int, int]] = []  # (start, end, end of its line break)
    start = 0
    for m in _LINE_BREAK.finditer(text):
        lines.append((start, m.start(), m.end()))
        start = m.end()
    lines.append((start, len(text), len(text)))
    width = max(end - start for start, end, _ in lines)
    if not WRAP_WIDTH[0] <= width <= WRAP_WIDTH[1]:
        return text
    # breaks between two lines of text (not a paragraph's blank line)
    inner = [line for line, after in zip(lines, lines[1:])
             if not text[line[0]:line[1]].isspace() and line[0] < line[1]
             and not text[after[0]:after[1]].isspace() and after[0] < after[1]]
    cut = [line for line in inner if line[1] - line[0] >= width - WRAP_SLACK]
    if len(cut) < 2 or len(cut) < 0.6 * len(inner):
        return text
    chars = list(text)
    for start, end, after in cut:
        if not _LINE_ENDS_CLAUSE.search(text, start, end):
            chars[end:after] = " " * (after - end)
    return "".join(chars)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of ``text``, in order.

    Leading and trailing whitespace is not part of a sentence; empty
    stretches are skipped, so every pair has ``start < end``.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    # _BOUNDARY.finditer(text), tried only where a boundary may open: at each mark from where
    # the last match ended (as the regex engine does, which costs more to skip to the next one,
    # trying each character on the way, than str.find to find them)
    searched = 0
    for first in _mark_offsets(text):
        if first < searched:
            continue  # (inside the last match: "...", a run of line breaks)
        after = _boundary_end(text, first)
        if after < 0:
            continue
        searched = after
        mark = text[first]
        if mark == "." and _is_abbreviation(text, first):
            continue
        _add(text, start, first if mark == "\n" else after, spans)
        start = after
    _add(text, start, len(text), spans)
    return spans


def _boundary_end(text: str, first: int) -> int:
    """Where ``_BOUNDARY.match(text, first)`` ends; -1 where it does not match.

    Read a character at a time, by its code (the regex call costs more than the rest of the
    split per mark). At a line break, the first alternative takes the line breaks after it.
    At another mark, the third needs a full stop that lost its space, an ASCII capital right
    after it ("countryside.Every"), where the second cannot match; the second takes the marks
    and closing quotes after it, then needs white space, an opening quote at most, and a capital,
    a digit or an Arabic letter (what its quantifiers give back could not be white space).
    """
    mark = text[first]
    if mark == "\n":
        end = first + 1
        while end < len(text) and text[end] == "\n":
            end += 1
        return end
    end = first + 1
    if end == len(text):
        return -1
    code = ord(text[end])
    if 65 <= code <= 90:
        if (mark == "." and first >= 2 and _is_lower_or_digit(text[first - 2]) and _is_lower_or_digit(text[first - 1])
                and first + 2 < len(text) and 97 <= ord(text[first + 2]) <= 122):
            return first + 1
        return -1
    while end < len(text) and (ord(text[end]) == 46 or ord(text[end]) == 33 or ord(text[end]) == 63):  # .!?
        end += 1
    while end < len(text) and _is_closing(ord(text[end])):
        end += 1
    at = end
    while at < len(text) and _is_space_at(text, at):
        at += 1
    if at == end or at == len(text):
        return -1
    if _is_opening(ord(text[at])):
        at += 1
        if at == len(text):
            return -1
    code = ord(text[at])
    if 65 <= code <= 90 or 48 <= code <= 57 or 0x600 <= code <= 0x6ff:
        return end
    return -1


def _is_closing(code: int) -> bool:
    """True if ``code`` is one of the closing quotes and brackets ``"'\u201d\u2019)]`` (_BOUNDARY's)."""
    return code == 34 or code == 39 or code == 0x201d or code == 0x2019 or code == 41 or code == 93


def _is_opening(code: int) -> bool:
    """True if ``code`` is one of the opening quotes and brackets ``"'\u201c\u2018([`` (_BOUNDARY's)."""
    return code == 34 or code == 39 or code == 0x201c or code == 0x2018 or code == 40 or code == 91


def _is_lower_or_digit(char: str) -> bool:
    """True if ``char`` is one of ``[a-z0-9]``."""
    code = ord(char)
    return 97 <= code <= 122 or 48 <= code <= 57


def _boundary_end_by_regex(text: str, first: int) -> int:
    """:func:`_boundary_end` by its definition (for the tests)."""
    m = _BOUNDARY.match(text, first)
    return -1 if m is None else m.end()


def _mark_offsets(text: str) -> list[int]:
    """The offsets of the characters of _MARKS in ``text``, in order."""
    offsets: list[int] = []
    for mark in _MARKS:
        at = text.find(mark)
        while at >= 0:
            offsets.append(at)
            at = text.find(mark, at + 1)
    offsets.sort()
    return offsets


def _is_abbreviation(text: str, dot: int) -> bool:
    """True if the word before the full stop at ``dot`` is an abbreviation or an initial.

    The word is ``_WORD_BEFORE.search(text, max(0, dot - 12), dot)``'s, read backwards from
    the dot (the regex, tried at each position of the window, costs several times more): the
    run of word characters and dots that ends at ``dot``, or before a newline right before it
    (where "$" also matches), and starts in the window.
    """
    lo = max(0, dot - 12)
    end = dot
    if end > lo and text[end - 1] == "\n":
        end -= 1
    # (a word longer than every abbreviation is none, however long: it is read no further)
    lo = max(lo, end - _ABBREVIATION_MAX - 1)
    start = end
    while start > lo and _is_word_char_at(text, start - 1):
        start -= 1
    if start == end or end - start > _ABBREVIATION_MAX:
        return False  # (lower-cased, a word is no shorter)
    w = text[start:end].lower()
    return w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha())


def _is_word_char_at(text: str, at: int) -> bool:
    """``_is_word_char(text[at])``, an ASCII character read by its code (compiled, ``ord(text[at])``
    reads the text in place; ``text[at]`` makes a string of it)."""
    code = ord(text[at])
    if code < 128:
        return 97 <= code <= 122 or 65 <= code <= 90 or 48 <= code <= 57 or code == 95 or code == 46
    return _is_word_char(text[at])


def _is_space_at(text: str, at: int) -> bool:
    """``text[at].isspace()``, an ASCII character read by its code (as :func:`_is_word_char_at`)."""
    code = ord(text[at])
    if code < 128:
        return code == 32 or 9 <= code <= 13 or 28 <= code <= 31
    return text[at].isspace()


def _is_word_char(ch: str) -> bool:
    """True if ``ch`` is one of ``[\\w.]`` (a letter, digit or underscore to the regexes, or a dot)."""
    return ch.isalnum() or ch == "_" or ch == "."


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and _is_space_at(text, start):
        start += 1
    while end > start and _is_space_at(text, end - 1):
        end -= 1
    if start < end:
        spans.append((start, end))


def sentence_index(spans: Sequence[tuple[int, int]], offset: int) -> int:
    """The index of the sentence holding ``offset`` (the nearest before it if in a gap; 0 if before the first)."""
    # bisect.bisect_right(spans, offset, key=operator.itemgetter(0)), written out: compiled, its
    # loop costs less than the C bisect's call of the key function at each step
    if isinstance(spans, list):
        return _list_index(spans, offset)  # (compiled, a list's items are read without a Python call)
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if offset < spans[mid][0]:
            hi = mid
        else:
            lo = mid + 1
    return lo - 1 if lo > 0 else 0


def _list_index(spans: list[tuple[int, int]], offset: int) -> int:
    """:func:`sentence_index` over a list."""
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if offset < spans[mid][0]:
            hi = mid
        else:
            lo = mid + 1
    return lo - 1 if lo > 0 else 0
