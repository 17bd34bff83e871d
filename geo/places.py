"""Finding place names in text and resolving each to one gazetteer place.

Two stages, as in a spaCy pipeline, each pure:

* :meth:`PlaceFinder.find` matches every gazetteer name (folded by
  :mod:`geo.names`, so transliteration variants meet) against the text's
  tokens, longest match first, and collects capitalised names in a
  place context ("the village of X", "near X") that the gazetteer lacks;
* :func:`resolve_places` picks one place per match from its candidates with
  the article's context: Syria and its neighbours first, the governorates
  the article names, closeness to the article's other places, and cue words
  ("Idlib province" is the governorate, "the city of Aleppo" the city).

Names the gazetteer lacks are tried once more by their consonant skeleton
(Deribiye = Durabay'ah) near the article's other places; a name whose every
candidate lies far from the article but which is coordinated with a resolved
place ("the Um Halahil and Zerzur regions") is put next to that sibling with
low confidence. Whatever stays unplaced is returned as unresolved.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Final, Iterable, NamedTuple, Sequence

from geopy.distance import EARTH_RADIUS
from rapidfuzz import fuzz

from .geocoder import NEAR_COUNTRIES, NEIGHBOURS
from .model import ActorMention, Place, PlaceMention, Span, new_place_mention
from .names import (ARABIC_CONJUNCTIONS, ARABIC_HARAKAT, ARABIC_MARKS, ARABIC_PREPOSITIONS, Token, fold_token,
                    is_alnum_at, is_arabic, name_key, skeleton_key, skeleton_of_keys, skeleton_of_word, strip_marks, tokenize)
from .sentences import sentence_index

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

log = logging.getLogger(__name__)


#: Longest place name, in folded tokens, that the matcher tries.
MAX_NAME_TOKENS: Final = 7

# Words after a name that say which kind of place it is.
_GOVERNORATE_CUES: Final = frozenset({"province", "governorate", "provinces", "countryside", "countrysides",
                                       "muhafazah", "governor"})
_LOCALITY_CUES: Final = frozenset({"city", "town", "village", "villages", "towns", "neighbourhood",
                            "neighborhood", "district", "suburb", "camp", "airport", "airbase", "port",
                            # "the nearby al-Hariqa and Bab Srija districts"
                            "neighbourhoods", "neighborhoods", "districts", "quarters"})
_NEIGHBOURHOOD_CUES: Final = frozenset({"neighbourhood", "neighborhood", "neighbourhoods", "neighborhoods",
                                 "quarter", "quarters", "district", "districts"})
_REGION_CUES: Final = frozenset({"region", "regions", "area", "mountains", "mountain", "plain", "valley", "forest"})
#: Lower-case words that end a natural feature's name ("the Barada valley", "the Turkmen mountains").
_FEATURE_WORDS: Final = frozenset({"valley", "plain", "mountains", "mountain"})
# Words before a name that announce a place ("near X", "the town of X").
_LOCATIVE_BEFORE: Final = frozenset({"in", "near", "at", "from", "into", "to", "outside", "around",
                              "toward", "towards", "across", "through", "via", "of", "between",
                              "besieged", "northern", "southern", "eastern", "western", "rural"})
_TYPE_BEFORE: Final = frozenset({"village", "town", "city", "villages", "towns", "district", "province",
                          "neighbourhood", "neighborhood", "neighbourhoods", "neighborhoods",
                          "districts", "quarter", "quarters", "suburb", "camp", "countryside"})
# A run of capitalised (or Arabic-script) words, Arabic articles allowed between
# and before them, and one trailing lower-case word.
# Capitals beyond Latin-1 that open Kurdish and Turkish names (Şiyê, Şêxmeqsûd, İdlib): the
# Latin-1 range alone let a Kurdish name that starts with Ş go unread.
_EXTRA_CAPITALS: Final = "\u010c\u011e\u0130\u015e\u0160\u017d"  # Č Ğ İ Ş Š Ž
_CAP_WORD: Final = rf"[A-Z\u00c0-\u00de{_EXTRA_CAPITALS}\u0600-\u06ff][^\W_]*(?:['’`‘ʿ][^\W_]+)*"
_ARTICLES: Final = "al|el|as|ash|az|an|ar|at|ath|ad|adh|es|ez|en|er|et|ed|ul|il"
_ART: Final = rf"(?:{_ARTICLES})"
_SEP: Final = r"(?:[ \t]+|[ \t]*[-‐‑–][ \t]*)"
# Capitalised function words that open sentences but never a place name: a chunk
# does not start with one (so "The Syrian Observatory" is planned as "Syrian Observatory").
_OPENERS: Final = ("The|A|An|In|On|At|It|He|She|They|We|This|That|These|Those|But|And|As|For|If|"
            "When|While|Meanwhile|However|Earlier|Later|Also|According|After|Before|Since|"
            "There|Their|His|Her|Its|Our|Some|Many|Most|More|Other|Another|Such|Both|Each|"
            "Two|Three|Four|Five|Several|No|Not|Of|To|By|With|From|Over|Under|During|Among|"
            "Last|Next|Local|Separately|Elsewhere|Yet|So|Then|Thus|Moreover|Further|Following")


_OPENER_WORDS: Final = frozenset(_OPENERS.split("|"))
# ... of which these open no name inside a run of capitalised words either (a headline glued to the
# text: "... in al-Sinaa In Deir Ezzor city", where "In Deir" folds as a village "Ayn Dir"); not the
# ones that are also Arabic articles (An Nabk, At Tall, As Suwayda) or a name's word (Many, Most)
_NO_NAME_OPENS: Final = frozenset({"The", "In", "On", "It", "He", "She", "They", "We", "This", "That", "These",
                            "Those", "But", "If", "When", "While", "Meanwhile", "However", "According"})


def _may_spell(window: str, words: tuple[str, ...]) -> bool:
    """False only where no match of a case-insensitive regex that spells one of ``words``
    (lower-case ASCII) can lie in ``window``: an ASCII window that spells none of them, in any
    case. A test in C before the search, which tries its pattern at each position. (In ASCII
    text a letter matches a letter of the pattern only as its upper or lower case; elsewhere
    "K" (Kelvin), "ſ", "ı" and "İ" fold to k, s and i, which ``str.lower`` does not all do: the
    regex decides.)"""
    if not window.isascii():
        return True
    low = window.lower()
    for word in words:
        if word in low:
            return True
    return False


def _after_first_letter(words: str) -> str:
    """A regex for the rest of any of the ``|``-separated ``words`` once their first letter
    is read: "al|as|el" -> "(?:(?<=a)(?:l|s)|(?<=e)(?:l))" (the order of the words kept)."""
    rests: dict[str, list[str]] = {}
    for word in words.split("|"):
        rests.setdefault(word[0], []).append(word[1:])
    return "(?:" + "|".join(f"(?<={first})(?:{'|'.join(rest)})" for first, rest in rests.items()) + ")"


def _opener_rest(words: str) -> str:
    """A regex for the rest of any of the ``|``-separated capitalised ``words`` once their first
    letter is read, that opens with each word's second letter: "An|And|In|A" ->
    "(?:n(?:(?<=An)(?:|d)|(?<=In)(?:))|(?<=A))" (a one-letter word: its look-behind alone).

    Tried at every capital of a text, and for most (no opener there) to its end: an alternative
    that opens with a letter is skipped on a test of that letter, where one that opens with a
    look-behind (:func:`_after_first_letter`'s) is run, and it had one for each first letter.
    """
    groups: dict[str, dict[str, list[str]]] = {}
    alone: list[str] = []
    for word in words.split("|"):
        if len(word) == 1:
            alone.append(f"(?<={word})")
        else:
            groups.setdefault(word[1], {}).setdefault(word[0], []).append(word[2:])
    return "(?:" + "|".join(
        [second + "(?:" + "|".join(f"(?<={first}{second})(?:{'|'.join(rests)})" for first, rests in firsts.items()) + ")"
         for second, firsts in groups.items()] + alone) + ")"


# A chunk is (optional article) capitalised word (separator, optional article, capitalised
# word)* (separator, lower-case tail)?, not after a word character. The regex reads the
# chunk's first letter before anything else: a pattern that starts with a character class
# lets the regex engine skip to the next such letter in C, where one that starts with a
# look-around is tried at every position of the text (a third slower). So the look-arounds
# that belong before the first letter are written after it: "not after a word character"
# looks back two characters, and an article or an opener is matched without its first letter.
_CHUNK_FIRST_WORD_REST: Final = (  # a capitalised first word once its first letter is read (see below)
    # (an opener's letters before an apostrophe open a name: "A'zaz"; not "It's")
    rf"(?!{_opener_rest(_OPENERS)}\b(?!['’`‘ʿ](?!s\b)[^\W_]))[^\W_]*(?:['’`‘ʿ][^\W_]+)*")
_CHUNK_REST: Final = (rf"(?:{_SEP}(?:{_ART}{_SEP})?{_CAP_WORD})*"
               rf"(?:{_SEP}(?P<tail>[a-z][^\W_]*))?")
_NAME_CHUNK: Final = re.compile(
    rf"[aeiuA-Z\u00c0-\u00de{_EXTRA_CAPITALS}\u0600-\u06ff](?<![^\W_].)"
    rf"(?:(?<=[aeiu]){_after_first_letter(_ARTICLES)}{_SEP}(?!(?:{_OPENERS})\b){_CAP_WORD}"  # al-Bab
    rf"|(?<![aeiu]){_CHUNK_FIRST_WORD_REST})"  # Bab
    + _CHUNK_REST
)
# _NAME_CHUNK without its chunks that open with an article: the same match wherever a chunk
# opens with a capital. _name_chunks reads both in a compiled loop (its tests check that it
# reads as they do); _place_after_and matches _NAME_CHUNK itself.
_CAPITAL_CHUNK: Final = re.compile(
    rf"[A-Z\u00c0-\u00de{_EXTRA_CAPITALS}\u0600-\u06ff](?<![^\W_].){_CHUNK_FIRST_WORD_REST}" + _CHUNK_REST)
_ARTICLE_WORDS: Final = frozenset(_ARTICLES.split("|"))
_OPENER_MAX: Final = max(len(word) for word in _OPENER_WORDS)


def _opener_tables() -> tuple[str, str]:
    """The openers' first two letters, "1" at (first - 65) * 128 + second, and their one-letter
    words, "1" at letter - 65: a word that opens with no such pair (or letter) is no opener, and
    _opener_end reads no substring for it."""
    assert all(w.isascii() and w[0].isupper() and w.isalpha() for w in _OPENER_WORDS), "see _opener_end"
    pairs = {(ord(w[0]) - 65) * 128 + ord(w[1]) for w in _OPENER_WORDS if len(w) > 1}
    return ("".join("1" if k in pairs else "0" for k in range(26 * 128)),
            "".join("1" if chr(65 + k) in _OPENER_WORDS else "0" for k in range(26)))


_OPENER_TABLES: Final = _opener_tables()
_OPENER_PAIRS: Final = _OPENER_TABLES[0]
_ONE_LETTER_OPENERS: Final = _OPENER_TABLES[1]


# The chunk regexes read in a compiled loop (_name_chunks): a character by its code point
# (ord(text[i]) is a read of the string's buffer there, where a regex search costs a call, a
# match object and its spans). These tests are the regexes' character classes.
def _is_capital(c: int) -> bool:
    """``chr(c)`` is in _CAP_WORD's first class: [A-Z\\u00c0-\\u00de{_EXTRA_CAPITALS}\\u0600-\\u06ff]."""
    if c <= 90:
        return c >= 65
    if c < 0xC0:
        return False
    return c <= 0xDE or 0x600 <= c <= 0x6FF or c == 0x10C or c == 0x11E or c == 0x130 or c == 0x15E \
        or c == 0x160 or c == 0x17D


def _is_word(text: str, i: int, c: int) -> bool:
    """``text[i]`` (code point ``c``) is a regex's \\w: alphanumeric or "_"."""
    return c == 95 or is_alnum_at(text, i, c)


def _is_apostrophe(c: int) -> bool:
    """``chr(c)`` is one of ['’`‘ʿ]."""
    return c == 39 or c == 0x2019 or c == 96 or c == 0x2018 or c == 0x2BF


def _is_dash(c: int) -> bool:
    """``chr(c)`` is one of [-‐‑–]."""
    return c == 45 or c == 0x2010 or c == 0x2011 or c == 0x2013


def _alnum_end(text: str, i: int, n: int) -> int:
    """The end of r"[^\\W_]*" at ``i``."""
    while i < n:
        c = ord(text[i])
        if 97 <= c <= 122 or 65 <= c <= 90 or 48 <= c <= 57 or c >= 128 and text[i].isalnum():
            i += 1
        else:
            break
    return i


def _word_rest_end(text: str, i: int, n: int) -> int:
    """The end of r"[^\\W_]*(?:['’`‘ʿ][^\\W_]+)*" at ``i`` (greedy: what follows it in a chunk
    may match empty, so the regex keeps its longest reading)."""
    i = _alnum_end(text, i, n)
    while i + 1 < n and _is_apostrophe(ord(text[i])) and is_alnum_at(text, i + 1, ord(text[i + 1])):
        i = _alnum_end(text, i + 2, n)
    return i


def _sep_end(text: str, i: int, n: int) -> int:
    """The end of _SEP at ``i`` that a chunk can go on after (-1: none). Of its readings only the
    longest can: a shorter one leaves a space or a dash next, which opens no word."""
    j = i
    while j < n and (text[j] == " " or text[j] == "\t"):
        j += 1
    if j < n and _is_dash(ord(text[j])):
        j += 1
        while j < n and (text[j] == " " or text[j] == "\t"):
            j += 1
        return j
    return j if j > i else -1


def _chunk_rest_end(text: str, end: int, n: int) -> tuple[int, int]:
    """The end of _CHUNK_REST at ``end`` (after a chunk's first word) and its tail's start (-1: none)."""
    while True:
        sep = _sep_end(text, end, n)
        if sep < 0:
            return end, -1
        c = ord(text[sep]) if sep < n else 0
        if 97 <= c <= 122:
            # (?:_ART _SEP)?: an article is the lower-case letters up to a separator
            j = sep + 1
            while j < n and j - sep < 4 and 97 <= ord(text[j]) <= 122:
                j += 1
            if j < n and (text[j] == " " or text[j] == "\t" or _is_dash(ord(text[j]))) \
                    and _is_article_word(text, sep, j):  # (text[sep:j] in _ARTICLE_WORDS)
                after = _sep_end(text, j, n)
                if after < n and _is_capital(ord(text[after])):
                    end = _word_rest_end(text, after + 1, n)
                    continue
            # the tail: (?:_SEP(?P<tail>[a-z][^\W_]*))?
            return _alnum_end(text, sep + 1, n), sep
        if _is_capital(c):
            end = _word_rest_end(text, sep + 1, n)
            continue
        return end, -1


def _opener_end(text: str, start: int, n: int) -> int:
    """The end of the opener at ``start`` (one of _OPENERS, whole: r"(?:{_OPENERS})\\b" matches
    there), or -1."""
    first = ord(text[start]) - 65
    if first < 0 or first >= 26:
        return -1
    if start + 1 == n:
        return n if _ONE_LETTER_OPENERS[first] == "1" else -1
    second = ord(text[start + 1])
    if second >= 128 or _OPENER_PAIRS[first * 128 + second] != "1":
        if _ONE_LETTER_OPENERS[first] == "1" and not _is_word(text, start + 1, second):
            return start + 1
        return -1
    j = start + 2
    while j < n and j - start <= _OPENER_MAX and _is_word(text, j, ord(text[j])):
        j += 1
    if (j == n or not _is_word(text, j, ord(text[j]))) and text[start:j] in _OPENER_WORDS:
        return j
    return -1


def _article_tables() -> tuple[str, str]:
    """_ARTICLE_WORDS as two tables of "1"s, by their letters' codes (a-z as 0-25): the two-letter
    words at first * 26 + second, and the first two letters of the three-letter ones (which all end
    in "h") likewise; _is_article_word reads them, where a slice and a set look-up cost a string."""
    assert all(len(w) == 2 or len(w) == 3 and w[2] == "h" for w in _ARTICLE_WORDS), "see _is_article_word"
    assert all("a" <= c <= "z" for w in _ARTICLE_WORDS for c in w)
    return ("".join("1" if chr(97 + k // 26) + chr(97 + k % 26) in _ARTICLE_WORDS else "0" for k in range(26 * 26)),
            "".join("1" if chr(97 + k // 26) + chr(97 + k % 26) + "h" in _ARTICLE_WORDS else "0"
                    for k in range(26 * 26)))


_ARTICLE_TABLES: Final = _article_tables()
_ARTICLE_PAIRS: Final = _ARTICLE_TABLES[0]
_ARTICLE_H_PAIRS: Final = _ARTICLE_TABLES[1]


def _is_article_word(text: str, i: int, j: int) -> bool:
    """``text[i:j] in _ARTICLE_WORDS`` (for 0 <= i <= j <= len(text)), read by the letters' codes:
    the chunk reader asks it of the lower-case word after (and before) nearly every chunk."""
    length = j - i
    if length != 2 and length != 3:
        return False
    a = ord(text[i]) - 97
    b = ord(text[i + 1]) - 97
    if a < 0 or a >= 26 or b < 0 or b >= 26:
        return False
    if length == 2:
        return _ARTICLE_PAIRS[a * 26 + b] == "1"
    return ord(text[i + 2]) == 104 and _ARTICLE_H_PAIRS[a * 26 + b] == "1"


def _is_sep_char(c: int) -> bool:
    """``chr(c)`` is one of the characters of _SEP: [ \\t-‐‑–]."""
    return c == 32 or c == 9 or _is_dash(c)


def _sep_start(text: str, lo: int, end: int) -> int:
    """Where the run of _SEP's characters that ends at ``end`` starts (not before ``lo``):
    ``text[lo:end].rstrip(" \\t-‐‑–")`` is ``text[lo:_sep_start(text, lo, end)]``, one slice, where
    the strip made a second string."""
    while end > lo and _is_sep_char(ord(text[end - 1])):
        end -= 1
    return end


def _name_chunks(text: str) -> list[tuple[int, int, int]]:
    """The chunks of ``list(_NAME_CHUNK.finditer(text))``: for each its start, its end and its
    tail's start (-1: none; a tail ends the chunk), read in a compiled loop that steps from one
    capital to the next, where a regex search cost a call and a match object for each chunk (and
    its scan more than this loop). tests/test_places.py checks that both read alike.

    The next chunk is the next _CAPITAL_CHUNK match, unless _NAME_CHUNK matches at the article
    word right before it ("al-Bab"): a chunk that opens with an article has a capital after the
    article and its separator, where _CAPITAL_CHUNK matches too (its test for an opener rejects
    less than the article branch's), and no capital between.
    """
    reader = _ChunkReader(text)
    out: list[tuple[int, int, int]] = []
    while reader.next():
        out.append((reader.start, reader.end, reader.tail))
    return out


class _ChunkReader:
    """:func:`_name_chunks`'s chunks one at a time, each in ``start``, ``end`` and ``tail`` after
    :meth:`next` says there is one: native ints in the reader's struct, where the list made a
    tuple and three boxed ints for each chunk (tracked by the cyclic GC, unpacked again by
    :meth:`PlaceFinder.find`)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0  # (the end of the chunk before)
        self.i = 0  # (where the search for the next capital goes on)
        self.start = 0
        self.end = 0
        self.tail = -1

    def next(self) -> bool:
        """Read the next chunk into ``start``, ``end`` and ``tail``; False if there is none."""
        text = self.text
        n = len(text)
        pos = self.pos
        i = self.i
        while i < n:
            c = ord(text[i])
            i += 1
            if c < 65 or 90 < c < 0xC0 or c > 90 and not _is_capital(c):
                continue
            start = i - 1
            # (?<![^\W_].): no letter or digit before the capital
            if start > 0 and is_alnum_at(text, start - 1, ord(text[start - 1])):
                continue
            # _CHUNK_FIRST_WORD_REST's opener test: no chunk opens with an opener ("The"), but for
            # one whose letters before an apostrophe open a name ("A'zaz"; not "It's")
            opener = _opener_end(text, start, n)
            if opener >= 0 and not (opener + 1 < n and _is_apostrophe(ord(text[opener]))
                                    and is_alnum_at(text, opener + 1, ord(text[opener + 1]))
                                    and not (text[opener + 1] == "s" and (
                                        opener + 2 == n or not _is_word(text, opener + 2, ord(text[opener + 2]))))):
                continue
            end, tail = _chunk_rest_end(text, _word_rest_end(text, i, n), n)
            # _NAME_CHUNK's article branch at the lower-case word before the separator before the
            # capital: an article, alone in its word, then one _SEP, and no opener at the capital
            sep = start
            while sep > pos and _is_sep_char(ord(text[sep - 1])):
                sep -= 1
            if sep < start:
                word = sep
                while word > pos and sep - word <= 3 and 97 <= ord(text[word - 1]) <= 122:
                    word -= 1
                if _is_article_word(text, word, sep) and _sep_end(text, sep, n) == start and opener < 0 \
                        and not (word > 0 and is_alnum_at(text, word - 1, ord(text[word - 1]))):
                    start = word
            self.start = start
            self.end = end
            self.tail = tail
            self.pos = self.i = end
            return True
        self.i = n
        return False


_ALL_CUES: Final = _GOVERNORATE_CUES | _LOCALITY_CUES | _REGION_CUES
_ALL_CUES_LONGEST: Final = max(map(len, _ALL_CUES))  # (a longer word is none of them)
_ENDS_BEFORE: Final = _LOCALITY_CUES | _REGION_CUES
_MONTHS_DAYS: Final = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun
    ramadan eid""".split()
)
_DAYS: Final = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# Generic heads of Arabic place names ("Deir" = monastery, "Tal" = hill): alone they
# name a place only with their article ("al-Tal", "al-Bab").
_GENERIC_HEADS: Final = frozenset(
    "dir tal jabal khan ain kafr abu um bait jisr shaikh wadi khirbat marat kasr bir hamam "
    "ras sahl mazra tala nahr bab ard karyat karya karyit".split()
)


# Head words that start place names only, never a person's or an organisation's (not Abu, Umm,
# Sheikh, Bab, Khan: people and gates): Tal, Kafr, Deir, Khirbet, Maaret, Jabal, Bir, Ain, Wadi, Jisr
_PLACE_HEADS: Final = frozenset("tal kafr dir khirbat marat jabal bir ain wadi jisr".split())


class Match(NamedTuple):
    """A stretch of text that names one or more gazetteer places.

    A NamedTuple rather than a frozen dataclass (as :class:`~geo.names.Token`):
    an article has dozens, made on the hot path.
    """

    start: int
    end: int
    text: str
    key: str
    candidates: tuple[Place, ...]
    method: str = "exact"  # exact | fuzzy


class _Blocked:
    """Membership test for "inside one of these spans", in O(log n) per query."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        # the starts, and the furthest end among spans starting at or before each (a running
        # max), in one compiled loop, where zip(*...) and accumulate(ends, max) call through
        # Python objects
        starts: list[int] = []
        max_end: list[int] = []
        furthest = -1
        for start, end in ordered:
            starts.append(start)
            if end > furthest or not max_end:
                furthest = end
            max_end.append(furthest)
        self.starts: tuple[int, ...] = tuple(starts)
        self.max_end: list[int] = max_end

    def __call__(self, start: int, end: int) -> bool:
        return self.covers(start, end)

    def _starts_up_to(self, start: int) -> int:
        """How many spans start at or before ``start``: ``bisect_right(self.starts, start)``,
        written out: compiled, a loop over the tuple's ints, where bisect_right is called through
        Python's protocol and boxes its arguments."""
        starts = self.starts
        lo, hi = 0, len(starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if start < starts[mid]:
                hi = mid
            else:
                lo = mid + 1
        return lo

    def opens_at(self, start: int) -> bool:
        """True if one of the spans starts at ``start`` (``start in {s for s, _ in spans}``, by
        bisecting the starts: find asked a frozenset made for each article)."""
        i = self._starts_up_to(start)
        return i >= 1 and self.starts[i - 1] == start

    def covers(self, start: int, end: int) -> bool:
        """True if ``start``..``end`` lies inside one of the spans (``self(start, end)``: compiled
        code calls this method directly, where it called the instance through Python's protocol,
        its two ints boxed, at every name in an article with a blocked span)."""
        i = self._starts_up_to(start)
        return i >= 1 and self.max_end[i - 1] >= end

# What a planned item needs from the text around its chunk before it is taken.
_TAKE: Final = 0
_IF_CUE: Final = 1
_IF_STRICT_CUE: Final = 2
#: what a person's name with the article needs to be a landmark named after it: a field word after
#: it ("the al-Omar oil field")
_IF_FIELD: Final = 3
_FIELD_AFTER: Final = re.compile(r"[ \t]+(?i:(?:oil|gas)[ \t]+)?(?i:fields?|oilfields?|gasfields?)\b")
#: a way between two places after their names joined by a dash: "the Albukamal-Qaim border crossing",
#: "the Saraqeb-Ariha road" (ASCII case only)
_ROUTE_AFTER: Final = re.compile(r"[ \t]+(?ai:border[ \t]+)?(?ai:border|crossings?|roads?|highways?|motorways?"
                                 r"|railway|routes?|corridor)\b")
#: the dashes that join the two ends of such a way's name
_PAIR_DASHES: Final = frozenset("-\u2010\u2011\u2013")
# A verb of speech right after a one-word name: a person ("Jundi said"), unless a cue says otherwise.
_SPEECH_VERBS: Final = (
    "said|says|told|added|stated|explained|noted|pointed|confirmed|stressed|wrote|tweeted|"
    "argued|warned|insisted|claimed|denied|asked|replied|continued|concluded|described|urged|announced|"
    "vowed|accused|admitted|acknowledged|declared|condemned|praised|reported")
_SPEECH_AFTER: Final = re.compile(rf"[ \t]+(?:{_SPEECH_VERBS})\b")
_SPEECH_VERB_WORDS: Final = frozenset(_SPEECH_VERBS.split("|"))


def _word_at(text: str, i: int) -> str:
    """The run of word characters (a regex's \\w: alphanumeric or "_") at ``i``, read in a
    compiled loop."""
    j, n = i, len(text)
    while j < n:
        c = ord(text[j])
        if 97 <= c <= 122 or 65 <= c <= 90 or 48 <= c <= 57 or c == 95 or c >= 128 and text[j].isalnum():
            j += 1
        else:
            break
    return text[i:j]


def _after_spaces(text: str, i: int) -> int:
    """Where the spaces and tabs at ``i`` end (``i`` if there are none)."""
    n = len(text)
    while i < n and (ord(text[i]) == 32 or ord(text[i]) == 9):
        i += 1
    return i


def _word_after_spaces(text: str, end: int, comma: bool = False) -> str:
    """The word (:func:`_word_at`) after a comma (if ``comma``: ",?") and the spaces or tabs
    (one at least) at ``end``; "" if no space or tab is there. The regexes read below that
    open with r",?[ \\t]+" and a word need it to be one of theirs (a word ends at a "\\b")."""
    i = end + 1 if comma and end < len(text) and ord(text[end]) == 44 else end
    j = _after_spaces(text, i)
    return _word_at(text, j) if j > i else ""


def _speech_after(text: str, end: int) -> bool:
    """``_SPEECH_AFTER.match(text, end) is not None``: a verb of speech is the whole word after the
    spaces (its "\\b": no word character goes on), read without the regex."""
    return _word_after_spaces(text, end) in _SPEECH_VERB_WORDS
# A medium named after a place is no place, a Syrian one's neither ("Al-Mayadeen channel",
# "the Al Mayadeen broadcaster").
_MEDIA_AFTER: Final = re.compile(r"[ \t]+(?:tv|channel|television|broadcaster|newspaper|radio"
                          r"|media[ \t]+(?:cent(?:er|re)|office)|news[ \t]+network)\b", re.IGNORECASE)
_CLOSING_QUOTES: Final = frozenset('"\u201d\u2019')
# A title or role right before a name: a person's ("commander Abu Omar", "ISIS leader Abu
# Bakr al-Baghdadi", "known as Abu Jaber"). Read in a short window that ends at the name.
_ROLE_BEFORE: Final = re.compile(
    r"\b(?i:commander|leader|chief|spokesman|spokeswoman|spokesperson|emir|amir|activist|minister|"
    r"general|gen|colonel|col|brigadier|lieutenant|lt|captain|capt|sheikh|shaykh|mufti|imam|cleric|"
    r"official|director|envoy|ambassador|president|mr|mrs|ms|dr|journalist|reporter|correspondent|"
    r"photographer|resident|dubbed|alias|nicknamed|known\s+as|named)\.?[ \t]+(?:[A-Z][a-z]+[ \t]+)?\Z")
# (one first name between: "leader Hassan Aboud"; a lower-case word there ends the title)
# ... but a place's other name: "the town also known as Ayn al-Arab", "the city, known as Kobani"
_PLACE_KNOWN_AS: Final = re.compile(r"\b(?i:town|city|village|area|district|neighbou?rhood|region|camp|hill|"
                             r"mountain|province|quarter|suburb)s?(?:,?[ \t]+(?i:which|that|is|was|are|were|"
                             r"also|locally|better|widely|commonly|formerly|now)){0,3},?[ \t]+known[ \t]+as[ \t]+\Z")


def _reversed_alternatives(pattern: str) -> str:
    """The alternatives of ``_ROLE_BEFORE``'s ``(?i:...)``, each spelled backwards (letters
    and ``\\s+`` only)."""
    inner = pattern[len("\\b(?i:"):pattern.index(")\\.?")]
    out = []
    for alternative in inner.split("|"):
        parts = re.findall(r"\\s\+|[a-z]", alternative)
        assert "".join(parts) == alternative, alternative  # (another regex piece: write its reversal here)
        out.append("".join(reversed(parts)))
    return "|".join(out)


# _ROLE_BEFORE's search as an anchored match on the reversed window: a search for a
# pattern ending in \Z tries its 50 words at every position of the window. A window whose
# start is inside a word gets a word character ("_") at its reversed end, for the \b.
_ROLE_BEFORE_REVERSED: Final = re.compile(
    rf"(?:[ \t]+[a-z]+[A-Z])?[ \t]+\.?(?i:{_reversed_alternatives(_ROLE_BEFORE.pattern)})\b")


#: the last word of each of _ROLE_BEFORE's roles, lower-case ("as" of "known as")
_ROLE_LAST_WORDS: Final = frozenset(
    alternative.rpartition("+")[2] for alternative in _ROLE_BEFORE.pattern[len("\\b(?i:"):
                                                                        _ROLE_BEFORE.pattern.index(")\\.?")].split("|"))
assert all(w.isalpha() and w.isascii() and w.islower() for w in _ROLE_LAST_WORDS), _ROLE_LAST_WORDS


def _role_before(text: str, start: int) -> bool:
    """``_ROLE_BEFORE.search(text, max(0, start - 36), start)`` is not None.

    Its regex only where it may match: spaces or tabs end the window, and before them (and
    a full stop) a role's last word, as ASCII letters of either case, or a first name
    ([A-Z][a-z]+), or a character not ASCII (which case-insensitive matching may read as a
    letter of a role): most names have "the" or "in" before them, tested in C.
    """
    lo = max(0, start - 36)
    i = start
    while i > lo and (ord(text[i - 1]) == 32 or ord(text[i - 1]) == 9):
        i -= 1
    if i == start:
        return False  # (the regex ends in [ \t]+\Z)
    j = i - 1 if i > lo and ord(text[i - 1]) == 46 else i  # (a role's "\.?")
    k = j
    while k > lo and (97 <= ord(text[k - 1]) <= 122 or 65 <= ord(text[k - 1]) <= 90):
        k -= 1
    if not (k > lo and ord(text[k - 1]) >= 128) and text[k:j].lower() not in _ROLE_LAST_WORDS \
            and not (j - k >= 2 and 65 <= ord(text[k]) <= 90 and text[k + 1:j].islower()):
        return False
    return _role_before_by_regex(text, start)


def _role_before_by_regex(text: str, start: int) -> bool:
    """``_ROLE_BEFORE.search(text, max(0, start - 36), start)`` is not None, by the regex."""
    lo = max(0, start - 36)
    window = text[lo:start][::-1]
    if lo and (text[lo - 1].isalnum() or text[lo - 1] == "_"):  # (\w: a regex call cost more)
        window += "_"
    return _ROLE_BEFORE_REVERSED.match(window) is not None


# A nisba after a name: a person's ("Abu Omar al-Shishani", "Abu Bakr al-Baghdadi"); not a
# qualifier of a place ("Tal Abyad al-Sharqi": see _QUALIFIERS).
_NISBA_AFTER: Final = re.compile(r"[ \t]+(?:al|el)(?:-|[ \t]+)([A-Z][a-z]+i)\b")  # (hyphen lost: "Abu Bakr al Baghdadi")
# A role after a name and a comma: a person's ("Abu Hassan, an al-Nusra leader", "Abu Jahjah a
# Tunisian terrorist"): an article, at most two words, then the role.
# A nisba of a land abroad after a name: a fighter's nom de guerre, whatever the name before it
# ("Salah Al Din Al Shishani", the Chechen, is no Aleppo neighbourhood; "Abu Omar al-Tunisi").
_FOREIGN_NISBA_AFTER: Final = re.compile(
    r"[ \t]+(?:[Aa]l|[Ee]l)(?:-|[ \t]+)(?:Shishani|Tunisi|Libi|Masri|Urduni|Maghribi|Jazairi|Turkistani|"
    r"Almani|Faransi|Britani|Amriki|Baljiki|Uzbeki|Dagestani|Afghani|Kuwaiti|Jazrawi|Sudani)\b")
# "bin" or "ibn" (son of) and a name after a name: a person's, or a brigade named after one ("the al-Zubair
# bin Awam phalanges" was Iraq's Az Zubayr), whatever the name before it.
_SON_OF_AFTER: Final = re.compile(r"[ \t]+(?:bin|ibn)[ \t]+[A-Z]")
_ROLE_AFTER: Final = re.compile(r",?[ \t]+(?:an?|the)[ \t]+(?:[\w-]+[ \t]+){0,2}?(?:leader|commander|emir|terrorist|"
                         r"militant|fighter|member|spokesman|official|cleric|preacher|jihadist)\b")
_GLUED_LINK: Final = re.compile(r"(?<=[a-z])h(?=ttps?(?:[:/]|st\.co|www))")


def _role_after(text: str, end: int) -> bool:
    """``_ROLE_AFTER.match(text, end) is not None``, the regex only where "a", "an" or "the" is
    the word after the comma and spaces (it needs one of them there)."""
    return _word_after_spaces(text, end, comma=True) in ("a", "an", "the") and _ROLE_AFTER.match(text, end) is not None


def _may_glue_a_link(text: str) -> bool:
    """False where _GLUED_LINK has no match: no "http" after a lower-case letter (most texts with
    a link have it after a space), tested before its substitution, which tries its look-behind
    at every position of the text."""
    at = text.find("http")
    while at != -1:
        if at > 0 and 97 <= ord(text[at - 1]) <= 122:
            return True
        at = text.find("http", at + 4)
    return False
# A news agency's credit line: "Reporting by Tom Perry and Laila Bassam in Beirut; Editing by
# Louise Ireland" (the names up to "in", a semicolon or the end of the sentence)
_CREDIT_WORD: Final = re.compile(r"\b(?:[Rr]eporting|[Ee]diting|[Ww]riting|[Ww]ritten|[Ee]dited|[Cc]ompiled)\Z")
_CREDIT_WORD_ENDS: Final = frozenset({"ting", "tten", "ited", "iled"})  # (reporting, written, edited, compiled)
_CREDIT_NAMES: Final = re.compile(r"(?:[A-Z][\w'’.-]*|and|&|,)(?:[ \t]+(?:[A-Z][\w'’.-]*|and|&)|,)*")


def _credit_lines(text: str) -> list[tuple[int, int]]:
    """The spans of the names a news agency's credit line gives ("Editing by Louise Ireland"), and of
    a byline of names between slashes closing the text (SANA's "Haifa Said / Mazen Eyon")."""
    out = []
    if "/" in text[-80:]:
        byline = _SLASH_BYLINE.search(text, max(0, len(text) - 80))
        if byline:
            out.append(byline.span(1))
    at = text.find(" by ")
    while at != -1:  # (a scan for " by ", then the word before it: a regex tried at every position costs 5x)
        # (the regex's words end in "ting", "tten", "ited" or "iled": most words before "by" do not)
        if text[at - 4:at] in _CREDIT_WORD_ENDS and _CREDIT_WORD.search(text, max(0, at - 10), at):
            names = _CREDIT_NAMES.match(text, at + 4)
            if names:
                out.append(names.span())
        at = text.find(" by ", at + 4)
    return out


_BYLINE_NAME: Final = r"(?:[A-Z][\w'’-]*[ \t]+){0,2}[A-Z][\w'’-]*"
_SLASH_BYLINE: Final = re.compile(rf"(?:\A|[.!?\n])[ \t]*({_BYLINE_NAME}(?:[ \t]*/[ \t]*{_BYLINE_NAME})+)[ \t.]*\Z")
# A name between "said" and "who" is the speaker: '"We came with nothing" said Umm Ahmad who fled ...'
_SAID_BEFORE: Final = re.compile(r"\b(?:said|says|told|added)[ \t]+\Z")
_WHO_AFTER: Final = re.compile(r",?[ \t]+who\b")  # (read by _word_after_spaces: see find)
# The given name before a family name (an article may stand between: "Imad al-Ahmad al-Hamad")
_GIVEN_BEFORE: Final = re.compile(r"\b([A-Z][a-z]+)[ \t]+(?:(?:al|Al|el|El)[ \t]*-[ \t]*)?(?:[A-Z][a-z]+[ \t]+"
                           r"(?:(?:al|Al|el|El)[ \t]*-[ \t]*)?)?\Z")
_KUNYA: Final = re.compile(r"\bAbo?u[ \t]+[A-Z][a-z]+\Z")
# A word after a name that makes it part of an institution's name: "Al-Quds hospital" (in
# Aleppo), "the Dogan news agency", "Al-Iman Brigade". Applied to a name that may be foreign
# (a Syrian town's hospital is in that town: "the Qardaha hospital"), never to a country.
_INSTITUTION_AFTER: Final = re.compile(
    r"[ \t]+(?:hospital|news|agency|media|brigade|brigades|battalion|battalions|force|mosque|school|"
    r"university|radio|tv|channel|broadcaster|newspaper|street|square|hotel|club|group|organi[sz]ation)\b",
    re.IGNORECASE)


# A capitalised institution word after a small place's name: the institution's own name, mostly
# a date's, a person's or a word's ("Teshrin Hospital", "Ibn Sina Hospital", "Nisreen Street" in
# Damascus's al-Tadamun), not the village's.
_NAMED_INSTITUTION_AFTER: Final = re.compile(r"[ \t]+(?:Hospital|University|School|Stadium|Hotel|Prison|Street|Hall|River|"
                                      r"river|tribe|tribes|clan)\b")  # (and a river, a tribe: "the Tayy tribe")
# Words after a country's name that make it an organisation's ("the Syria Campaign", "Syria
# Civil Defence", "the International Syria Support Group", "Syria TV"), matched case-sensitively.
_COUNTRY_ORG_AFTER: Final = re.compile(r"[ \t]+(?:Campaign|Civil[ \t]+Defen[cs]e|Support[ \t]+Group|TV|Television|"
                                r"Deeply|Direct|Association|Solidarity)\b")


# The first words of what the five regexes above look for right after a name (a nisba, "bin", an
# institution, an organisation), lower-cased: a name followed by none of them (nearly every name)
# is ruled out of all five by one match of the word after it (see _may_name_an_institution)
_INSTITUTION_FIRST_WORDS: Final = frozenset("""
    al el bin ibn
    hospital news agency media brigade brigades battalion battalions force mosque school university radio tv
    channel broadcaster newspaper street square hotel club group organisation organization
    stadium prison hall river tribe tribes clan
    campaign civil support television deeply direct association solidarity""".split())


def _may_name_an_institution(text: str, end: int) -> bool:
    """False if none of _FOREIGN_NISBA_AFTER, _SON_OF_AFTER, _INSTITUTION_AFTER,
    _NAMED_INSTITUTION_AFTER and _COUNTRY_ORG_AFTER can match at ``end``: the word after
    it is none of their first words (a word with letters beyond ASCII may fold to one
    under IGNORECASE: "\u017ftreet" is "street", so it is not ruled out)."""
    # (the word r"[ \t]+([^\W\d_]+)" matches at ``end``, read in a compiled loop: the word after
    # every name is read here, and a regex call with its match object cost more than the word)
    i, n = end, len(text)
    while i < n and (text[i] == " " or text[i] == "\t"):
        i += 1
    if i == end:
        return False
    j = i
    plain = True  # (word.isascii(), known from the loop: the str method is a call)
    while j < n:
        c = ord(text[j])
        if 97 <= c <= 122 or 65 <= c <= 90:
            j += 1
        elif c >= 128 and text[j].isalnum() and not text[j].isdecimal():
            j += 1  # [^\W\d_]: a letter (beyond ASCII, a word character but a digit)
            plain = False
        else:
            break
    if j == i:
        return False
    return not plain or _lower_slice(text, i, j) in _INSTITUTION_FIRST_WORDS


class _Item:
    """A name in a chunk, offsets relative to the chunk, before the context around the chunk is seen.

    A plain class (as :class:`~geo.names.Token`): compiled, built by a direct call, where a
    NamedTuple with defaults was built by its ``__new__``, a Python function, at each name planned.
    """

    def __init__(self, start: int, end: int, key: str, places: tuple[Place, ...], needs: int,
                 method: str = "exact", flags: int = 0) -> None:
        self.start = start
        self.end = end
        self.key = key
        self.places = places  # () for a name the gazetteer lacks
        self.needs = needs  # _TAKE, _IF_CUE or _IF_STRICT_CUE
        self.method = method  # "alike": a many-word name the gazetteer spells otherwise (_plan_alike)
        # what find asks of the places at every occurrence, answered once per plan (_with_flags)
        self.flags = flags


# _Item.flags: a name taken as it is and none of its places a major one ("Xelil said"
# makes it a person's); no place a country, capital or major Syrian place (a title before it
# makes it a person's)
_MAY_BE_SPEAKER: Final = 1
_MAY_BE_NAMED: Final = 2


def _with_flags(item: _Item) -> _Item:
    places = item.places
    flags = 0
    if item.needs == _TAKE and places and not any(_is_major(p) for p in places):
        flags |= _MAY_BE_SPEAKER
    if places and not any(p.capital_of or _is_big_name(p) for p in places):
        flags |= _MAY_BE_NAMED
    if not flags:
        return item
    item.flags = flags  # (on the item itself, made for this plan alone: a copy was a second object)
    return item


_FINDER_MEMO_SIZE: Final = 100_000  # entries of each of a PlaceFinder's memos


class PlaceFinder:
    """Matches the gazetteer's names against tokenised text.

    Names that are frequent English words ("At", "March", "Police") are only
    taken when a place cue backs them ("the village of March"); names listed
    in ``not_places`` (people, groups, demonyms) are never taken.

    Only runs of capitalised words (with the Arabic articles between them,
    and one lower-case word after: "Deir ezzor") can hold names, so the text
    is cut into such chunks by one regex. What a chunk holds depends only on
    its words and on whether it opens a sentence, so that analysis is
    memoised; the words around the chunk are checked per occurrence.
    """

    def __init__(self, gazetteer: Gazetteer, not_places: Iterable[str] = (),
                 given_names: Iterable[str] = ()) -> None:
        self.gazetteer = gazetteer
        not_places = [n.strip() for n in not_places if n.strip()]
        self.not_places = frozenset(name_key(n) for n in not_places)
        # a one-word name after one of these is a person's family name ("Abdelsalam Sido")
        self.given_names = frozenset(name_key(n) for n in given_names if n.strip())
        # Arabic name heads listed without the article only ("باب", gate): with it, a town (الباب, al-Bab)
        arabic = [n for n in not_places if is_arabic(n)]
        self._heads_with_article = (frozenset(name_key(n) for n in arabic if not n.startswith("ال"))
                                    - {name_key(n) for n in arabic if n.startswith("ال")})
        # the gazetteer is immutable: memoise its lookups for the hot path. Plain dicts, read by
        # compiled methods (see by_key): an lru_cache is called through Python's protocol, boxes
        # its arguments into a key tuple, and keeps a GC-tracked node per entry
        self._by_key: dict[str, tuple[Place, ...]] = {}
        self._common: dict[str, bool] = {}
        self._english: dict[str, tuple[str, ...]] = {}
        self._plans: dict[str, tuple[_Item, ...]] = {}  # chunks that do not open a sentence
        self._plans_at_start: dict[str, tuple[_Item, ...]] = {}  # chunks that do
        self._plausible: dict[tuple[str, str], tuple[Place, ...]] = {}
        # whether the chunk _plan_chunk planned last may be planned otherwise at a sentence's start
        self._planned_reads_start = True
        # first token -> longest name length starting with it, so most tokens cost one lookup
        self._first: dict[str, int] = {}
        # last tokens of many-word names: a lower-case word after a chunk matters only if it is one
        last_words: set[str] = set()
        # every name key: a key not in it is not looked up (most multi-word keys tried are not).
        # The gazetteer's own dict of its keys (the values are its index lines); these sets are
        # dicts: a dict of strings is not tracked by the cyclic GC, which walks a set's 10^5
        # keys at every full collection
        self._keys: dict[str, str] = gazetteer.key_index()
        for key in self._keys:
            parts = key.split(" ")
            if len(parts) > MAX_NAME_TOKENS:
                continue
            if self._first.get(parts[0], 0) < len(parts):
                self._first[parts[0]] = len(parts)
            if len(parts) > 1:
                last_words.add(parts[-1])
        self._last_words: dict[str, None] = dict.fromkeys(last_words)
        for key in self.not_places:
            # a name of several words listed as no place ("Enab Baladi", an outlet) is read whole,
            # so its first word is not taken alone (Enab, a Hama village's spelling)
            parts = key.split(" ")
            if 1 < len(parts) <= MAX_NAME_TOKENS and self._first.get(parts[0], 0) < len(parts):
                self._first[parts[0]] = len(parts)

    def by_key(self, key: str) -> tuple[Place, ...]:
        """``gazetteer.by_key(key)``, memoised (cleared when full, as the module's memos are)."""
        found = self._by_key.get(key)
        if found is None:
            if len(self._by_key) >= _FINDER_MEMO_SIZE:
                self._by_key.clear()
            found = self._by_key[key] = self.gazetteer.by_key(key)
        return found

    def is_common_word(self, key: str) -> bool:
        """``gazetteer.is_common_word(key)``, memoised."""
        found = self._common.get(key)
        if found is None:
            if len(self._common) >= _FINDER_MEMO_SIZE:
                self._common.clear()
            found = self._common[key] = bool(self.english_words(key))  # (gazetteer.is_common_word)
        return found

    def english_words(self, key: str) -> tuple[str, ...]:
        """``gazetteer.english_words(key)``, memoised (the finder asks it of a name at each
        occurrence: whether the name is written as the English word)."""
        found = self._english.get(key)
        if found is None:
            if len(self._english) >= _FINDER_MEMO_SIZE:
                self._english.clear()
            found = self._english[key] = self.gazetteer.english_words(key)
        return found

    def _plan(self, chunk: str, at_sentence_start: bool) -> tuple[_Item, ...]:
        """``_plan_chunk(chunk, at_sentence_start)``, memoised: a text's chunks recur across texts."""
        plans = self._plans_at_start if at_sentence_start else self._plans
        items = plans.get(chunk)
        if items is None:
            if len(plans) >= _FINDER_MEMO_SIZE:
                plans.clear()
            items = plans[chunk] = self._plan_chunk(chunk, at_sentence_start)
            if not self._planned_reads_start:
                # a plan that never read whether its chunk opens a sentence is the other memo's too
                other = self._plans if at_sentence_start else self._plans_at_start
                if len(other) >= _FINDER_MEMO_SIZE:
                    other.clear()
                other[chunk] = items
        return items

    def _candidates(self, key: str, surface: str) -> tuple[Place, ...]:
        """``_plausible_places(key, surface)``, memoised."""
        found = self._plausible.get((key, surface))
        if found is None:
            if len(self._plausible) >= _FINDER_MEMO_SIZE:
                self._plausible.clear()
            found = self._plausible[(key, surface)] = self._plausible_places(key, surface)
        return found

    def _english_as_written(self, key: str, words: str, item: _Item) -> bool:
        """True if the name ``item`` of the chunk ``words`` is written as the frequent English word
        its key folds from ("More", "Police"), not a transliteration folding alike ("Hass": has)."""
        return words[item.start:item.end].lower() in self.english_words(key)

    @classmethod
    def load_not_places(cls, path: Path) -> list[str]:
        """Read a one-name-per-line list ('#' starts a comment)."""
        names = []
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                names.append(line)
        return names

    def find(self, text: str, blocked: Sequence[tuple[int, int]] = (),
             loose: list[Span] | None = None) -> tuple[list[Match], list[Span]]:
        """Every place name in ``text`` and the capitalised names in place context left unmatched.

        ``blocked`` spans (e.g. actor names such as "Ahrar al-Sham") are not
        searched for places, but for the name of a state inside them ("Iran"
        in "Iran-backed militias").

        ``loose``, if given, gets the names the gazetteer lacks that only a loose cue
        calls places ("in Kabani", "al-Shajara and Jileen"): too weak to report, but a
        similar name near the passage's places may be one (:func:`resolve_places`).
        """
        matches: list[Match] = []
        unknown: list[Span] = []
        persons: set[str] = set()  # one-word names this text gives people ("Redur Xelil", "Xelil said")
        # the people a news agency's credit line names ("Editing by Louise Ireland"): no places
        credits = _credit_lines(text)
        in_credit = _Blocked(credits) if credits else None
        inside = _Blocked(blocked) if blocked else None
        new_match = tuple.__new__  # Match(...) without its Python-level __new__
        last_words = self._last_words
        source = text
        if "http" in text and _may_glue_a_link(text):
            # a scrape glues a tweet's link onto the word before it ("Idlibhttpst.co4KdLx"): the
            # name ends where the link starts (a space for its "h", same length)
            text = _GLUED_LINK.sub(" ", text)
        if not text.isascii() and _HARAKAT.search(text):
            # Arabic vowel marks are no word characters to the regexes: read each as a tatweel (a
            # letter the keys drop, same length), so "دَرعا" is one word; surfaces keep the marks
            text = _HARAKAT.sub("\u0640", text)
        type_lists = _type_list_openers(text)  # (for _in_type_list: most texts ask it of some name)
        chunks = _ChunkReader(text)  # (_name_chunks(text), a chunk at a time)
        while chunks.next():
            base, chunk_end, tail = chunks.start, chunks.end, chunks.tail
            if tail >= 0 and fold_token(text[tail:chunk_end]) not in last_words:
                words = text[base:_sep_start(text, base, tail)]  # "Idlib are": plan "Idlib"
            else:
                words = text[base:chunk_end]
            items = self._plan(words, _sentence_start(text, base))
            # a run of three names or more after a place cue, one of them a sure place, is a list
            # that lost its commas ("in Khan al-Jouz al-Eido al-Hor Kansaba Salma"): its names
            # need no cue of their own. Not a headline's run of capitalised words: no frequent
            # English word (but after an Arabic article: "al-Hor" is no "her"), no unknown name
            # of two words or more, no verb of speech after the run ("William Hague said")
            listed = len(items) >= 3 and any(it.needs == _TAKE and it.places for it in items) \
                and items[0].places and all(it.places or " " not in it.key for it in items) \
                and not any(it.needs != _TAKE and self.is_common_word(it.key) and self._english_as_written(it.key, words, it)
                            and not _ARTICLE_BEFORE.search(words, 0, it.start) for it in items) \
                and not _speech_after(text, base + items[-1].end) \
                and _has_place_cue(text, base + items[0].start, base + items[0].end)
            # two places joined by a dash before a way's word ("the Albukamal-Qaim border crossing")
            # are its two ends, each a place: no person's name, though neither is a big place
            ends = _ends_of_a_way(text, base, words, items) if len(items) >= 2 else None
            if not listed and len(items) >= 2 and all(it.places for it in items) \
                    and not any(it.needs != _TAKE and self.is_common_word(it.key) and self._english_as_written(it.key, words, it)
                                for it in items):
                # two names or more before "and" and a place: a list that lost its commas
                # ("Misraba Mudeira and Beit Sawa", "Um Jalal al-Khiyara and Sinjar")
                listed = self._place_after_and(text, base + items[-1].end)
            for item in items:
                start, end = base + item.start, base + item.end
                # (the name's surface, source[start:end], is sliced where it is used: most names are
                # passed over before)
                if inside and inside.covers(start, end) and not (
                        item.places and (inside.opens_at(start) or _STATE_FORM_BEFORE.search(text, max(0, start - 30), start))
                        and _names_state(source[start:end], item.places)):
                    # (a state opening an actor's mention is a place as well: "Turkey would now turn
                    # to Manbij", "Iran-backed militia groups" (the seeds' answers), "the Kingdom of
                    # Saudi Arabia"; not one inside a group's name: "the Islamic State of Iraq and
                    # the Levant", "the so-called Democratic Syria Troops")
                    continue
                if in_credit and in_credit.covers(start, end):
                    continue
                needs = item.needs
                if needs == _IF_CUE and not listed and not (ends and item in ends) \
                        and not _has_place_cue(text, start, end) \
                        and not (matches and self._taken_before(matches, source[start:end])
                                 and not _capitalised_word_beside(text, start, end)) and not (
                        matches and (_listed_after(text, matches[-1].end, start)
                                     or self._listed_with_a_village(text, matches[-1], end, start))) \
                        and not _held_in_after(text, end) \
                        and (_IN_THE_COUNTRYSIDE_AFTER.match(text, end) is None
                             or _WORD_OF_THE_NAME_BEFORE.search(text, max(0, start - 24), start) is not None) \
                        and not _in_type_list(text, start, end, type_lists) and not _closes_type_list(text, end):
                    # (a cue after: "struck Marea in the Aleppo countryside", "Atman and Alma in the
                    # eastern countryside"; but not for the end of a longer name: "Janah al-Salama in
                    # the countryside"; a list's plural type word: "the neighborhoods of al-Salihin
                    # al-Kalaseh and Bustan al-Qasr")
                    continue
                elif item.flags & _MAY_BE_SPEAKER and (item.key in persons or _speech_after(text, end)) \
                        and not _has_place_cue(text, start, end) and not _after_locative(text, start) \
                        and not (matches and (_COORDINATION.match(text[matches[-1].end:start])
                                              or _latin_list_gap(text, matches[-1].end, start))):
                    # "Xelil said": a person, here and later; not "metres of Tabaqa said
                    # observatory head ..." (a quote's last word, its comma lost), nor a list's
                    # last place ("Residents of Jasim and Inkhil said")
                    persons.add(item.key)
                    continue
                if needs == _IF_FIELD:
                    if _FIELD_AFTER.match(text, end) is None:
                        continue
                elif needs == _IF_STRICT_CUE:
                    cue = _has_place_cue(text, start, end, strict=True)
                    if item.places:  # an Arabic name that is a frequent word: a type word or a list
                        taken = cue or bool(matches) and _listed_after(text, matches[-1].end, start)
                    else:  # a name the gazetteer lacks
                        # also "X west of Aleppo", and any name of a list opened by "the
                        # neighborhoods of" ("the neighborhoods of al-Jamiliyeh Mogambo and ...")
                        taken = (cue or _direction_of_after(text, end)
                                 or _in_type_list(text, start, end, type_lists) or _closes_type_list(text, end)
                                 # (not a headline's "Kurds Advance in Aleppo Countryside": no word of
                                 # the name a frequent English one)
                                 or _held_in_after(text, end)
                                 and not any(map(self.is_common_word, item.key.split()))
                                 # (nor an English noun of action: "Shelling in the countryside of Hama")
                                 and not item.key.endswith(("ing", "ings"))) \
                            and not self.is_common_word(item.key)
                    if not taken:
                        if loose is not None and not item.places and " " not in item.key \
                                and not item.key.endswith(("ing", "ings")) and not self.is_common_word(item.key) \
                                and (_has_place_cue(text, start, end) or matches and (
                                    _listed_after(text, matches[-1].end, start)
                                    or self._listed_with_a_village(text, matches[-1], end, start))):
                            loose.append(Span(source[start:end], start, end))
                        continue
                if item.places:
                    institution = _may_name_an_institution(text, end)  # (else the five regexes below fail)
                    if institution and (_FOREIGN_NISBA_AFTER.match(text, end) or _SON_OF_AFTER.match(text, end)) \
                            and not any(p.kind == "country" for p in item.places):
                        continue  # "Salah Al Din Al Shishani": a fighter (not later: "the Salah al-Din district")
                    if item.flags & _MAY_BE_NAMED and (
                            _role_before(text, start) and not _PLACE_KNOWN_AS.search(text, max(0, start - 48), start)
                            # (not the end of the place before it: "Tayyibat al-Imam Halfaya and Lataminah")
                            and not (matches and start - matches[-1].end <= 1 and " " in matches[-1].key)
                            or _is_nisba(text, end)
                            # (not "withdrew towards al-Hol, a YPG spokesman said")
                            or _role_after(text, end) and not _has_place_cue(text, start, end, strict=True)
                            # '"We came with nothing" said Umm Ahmad who fled ...': the speaker
                            or _word_after_spaces(text, end, comma=True) == "who"  # (_WHO_AFTER.match)
                            and _SAID_BEFORE.search(text, max(0, start - 8), start)
                            or " " not in item.key and self._named_after_given_name(text, source[start:end], start)):
                        # a person's name: "commander Abu Omar", "Abu Bakr al-Baghdadi", "Abu Hassan, an
                        # al-Nusra leader", "Alloush" after "Zahran Alloush"; and later in the article
                        persons.add(item.key)
                        continue
                    if text[end:end + 1] in _CLOSING_QUOTES and _MEDIA_AFTER.match(text, end + 1) \
                            and not any(p.kind == "country" for p in item.places):
                        continue  # 'the opposition "Cham" TV network' (al-Sham, Damascus): a broadcaster
                    if institution and _INSTITUTION_AFTER.match(text, end) \
                            and not any(p.kind == "country" for p in item.places) \
                            and (not all(p.country == "SY" for p in item.places) or _MEDIA_AFTER.match(text, end)):
                        continue  # "Al-Quds hospital" is in Aleppo, not Jerusalem; "Al-Mayadeen channel"
                    if institution and _NAMED_INSTITUTION_AFTER.match(text, end) \
                            and not any(_is_major(p) for p in item.places):
                        continue  # "Teshrin Hospital" (October): named after no place
                    if institution and _COUNTRY_ORG_AFTER.match(text, end) \
                            and any(p.kind == "country" for p in item.places):
                        continue  # "The Syria Campaign", "Syria Civil Defence": organisations
                    matches.append(new_match(Match, (start, end, source[start:end], item.key, item.places, item.method)))
                elif not _NAMED_INSTITUTION_AFTER.match(text, end):  # "al-Sanabel Hall" (was Aleppo's Sunbul)
                    unknown.append(Span(source[start:end], start, end))
        return matches, unknown

    @staticmethod
    def _taken_before(matches: Sequence[Match], surface: str) -> bool:
        """True if the text took the same name, as written, earlier (where a cue said it is a place):
        "the Alawite village of Maan ... Maan lies 25 kilometres north of Hama" (Maan folds as "man")."""
        return any(m.text == surface for m in matches)

    def _place_after_and(self, text: str, end: int) -> bool:
        """True if "and" and a gazetteer place follow ``end`` ("... and Beit Sawa")."""
        joined = _AND_NAME_AFTER.match(text, end)
        if joined is None:
            return False
        chunk = _NAME_CHUNK.match(text, joined.end())
        if chunk is None:
            return False
        words = text[chunk.start():chunk.start("tail")].rstrip(" \t-‐‑–") if chunk.group("tail") else chunk.group()
        items = self._plan(words, False)
        # (the name first in the chunk, or after its article: "... and al-Hamidiyah"; not a
        # street: "... al-Izaa al-Martini and al-Neel Street" are quarters of a city)
        return bool(items) and bool(items[0].places) and (
            items[0].start == 0 or _ARTICLE_ALONE.fullmatch(words, 0, items[0].start) is not None) \
            and _STREET_AFTER.match(text, chunk.start() + items[0].end) is None \
            and not words[items[0].start:items[0].end].endswith(_STREET_WORDS)

    @staticmethod
    def _listed_with_a_village(text: str, previous: Match, end: int, start: int) -> bool:
        """True if a name at ``start``..``end`` follows a Syrian village or quarter in a list ("shells
        hit al-Kalasa and al-Maadi"). Not after a big place ("in Damascus and Tom Miles in
        Geneva"), nor a name that goes on ("Kafr Zita and Jana al-Ulbawi": a longer name)."""
        return _latin_list_gap(text, previous.end, start) \
            and _WORD_GOES_ON.match(text, end) is None \
            and any(p.country == "SY" for p in previous.candidates) and not any(_is_major(p) for p in previous.candidates)

    def _named_after_given_name(self, text: str, surface: str, start: int) -> bool:
        """True if the text gave ``surface`` earlier as a family name, after a given name
        ("Zahran Alloush ... Alloush described", "Imad al-Ahmad al-Hamad ... Al-Hamad was")."""
        if not self.given_names:
            return False
        at = text.find(surface, 0, start)
        while at != -1:
            if not text[at + len(surface):at + len(surface) + 1].isalnum():  # ("Kirkuk" is not in "Kirkuki")
                before = _GIVEN_BEFORE.search(text, max(0, at - 24), at) if _may_end_given_name(text, at) else None
                if before and name_key(before.group(1)) in self.given_names:
                    return True
            at = text.find(surface, at + 1, start)
        return False

    def _plan_chunk(self, chunk: str, at_sentence_start: bool) -> tuple[_Item, ...]:
        """The names in one chunk, longest first, each with what it needs from the context."""
        tokens = tokenize(chunk)
        if "Al" in chunk or "El" in chunk:  # (a substring test in C spares most chunks the loop)
            tokens = [self._unglued(t) if t.surface[:2] in ("Al", "El") else t for t in tokens]
        keyed = [i for i, t in enumerate(tokens) if t.key]
        n = len(keyed)
        # at_sentence_start is read only where a name's word before it in the chunk is the chunk's
        # first token (_next_to_other_name, through _single_needs): where no name can have that
        # word before it, the plan is the same either way (_plan then keeps it for both)
        self._planned_reads_start = n >= 2 and keyed[0] == 0
        # reach[p]: the last q >= p such that keyed tokens p..q are contiguous (see _joined)
        # (set in a compiled loop: list(range(n)) called range through Python's protocol)
        reach = [0] * n
        if n:
            reach[n - 1] = n - 1
        for p in range(n - 2, -1, -1):
            a, b = keyed[p], keyed[p + 1]
            reach[p] = reach[p + 1] if _joined(chunk[tokens[a].end:tokens[b].start], b - a) else p
        items: list[_Item] = []
        pos = 0
        while pos < n:
            planned = len(items)
            step = self._plan_at(chunk, tokens, keyed, reach, pos, at_sentence_start, items)
            if planned and len(items) == planned + 1 and _qualifies(tokens, keyed, reach, pos, items):
                # "Daraa al-Balad" (Daraa's old town), "Daraa al-Mahata": a word after a place
                # and an article qualifies it; it is not another place (Balad in Iraq)
                place, word = items[-2], items.pop()
                items[-1] = _Item(place.start, word.end, place.key, place.places, place.needs)
            elif planned and len(items) == planned + 1 and items[-1].needs == _IF_CUE and items[-1].places \
                    and items[-2].needs == _TAKE and items[-2].places and " " not in items[-1].key \
                    and items[-2].end == tokens[keyed[pos - 1]].end and not self.is_common_word(items[-1].key) \
                    and keyed[pos] - keyed[pos - 1] == 1:  # (no article token between)
                # "Ain Tarma Zamalka and Jobar": a name right after a place is the next place of a
                # list that lost its commas, not a person's surname. Not a name with its article
                # ("al-Raju", "al-Midan"): after a place those are as often a person's nisba or a
                # city's neighbourhood as the next place
                last = items[-1]
                items[-1] = _Item(last.start, last.end, last.key, last.places, _TAKE, last.method, last.flags)
            pos += step
        return tuple([_with_flags(item) for item in items])  # (direct calls: map calls through Python's protocol)

    def _plan_at(self, chunk: str, tokens: list[Token], keyed: list[int], reach: list[int],
                 pos: int, at_sentence_start: bool, items: list[_Item]) -> int:
        first = tokens[keyed[pos]]
        if not _is_name_start(first.surface) or first.surface in _NO_NAME_OPENS:
            return 1
        planned = len(items)
        taken = self._plan_name(chunk, tokens, keyed, reach, pos, at_sentence_start, items)
        if taken < 2 and reach[pos] > pos and first.key in self.given_names:
            # "Yusuf al-Hassan", "Hassan Aboud": a person's name, all of it; a name the gazetteer
            # lacks if a strict place cue says so ("the Tariq al-Bab district")
            del items[planned:]
            n = 1  # the run goes on to an opener or a big place: "Mohamed Abdullah The United States"
            while pos + n <= reach[pos] and _is_name_start(tokens[keyed[pos + n]].surface) \
                    and tokens[keyed[pos + n]].surface not in _OPENER_WORDS and not (
                    self._names_major_place(tokens[keyed[pos + n]])
                    and not _ARTICLE_BEFORE.search(chunk, 0, tokens[keyed[pos + n]].start)):  # ("Tariq al-Bab")
                n += 1
            idx = keyed[pos:pos + n]
            items.append(_Item(first.start, tokens[idx[-1]].end, " ".join(tokens[i].key for i in idx), (),
                               _IF_STRICT_CUE))
            return n
        if first.key == "bab" and len(items) == planned and reach[pos] > pos \
                and _is_name_start(tokens[keyed[pos + 1]].surface):
            # a gate and the quarter round it are named after where the gate leads: "Bab Alnairab"
            # (Aleppo's Bab al-Nairab) is not the village An Nayrab, nor "Bab Antakya" Antakya. One
            # name the gazetteer lacks, kept if a strict place cue says so
            last = tokens[keyed[pos + 1]]
            items.append(_Item(first.start, last.end, f"{first.key} {last.key}", (), _IF_STRICT_CUE))
            return 2
        if taken < 2 and reach[pos] > pos and not is_arabic(first.surface):
            alike = self._plan_alike(chunk, tokens, keyed, reach, pos)
            if alike is not None:
                del items[planned:]  # "Jeb al-Jarrah" is Jubb al Jarrah, not Jeb and Jarrah
                items.append(alike[0])
                return alike[1]
        if taken == 1 and len(items) == planned and first.key in self.not_places and reach[pos] > pos \
                and keyed[pos] > 0 and tokens[keyed[pos] - 1].key == "" \
                and tokens[keyed[pos] - 1].end >= first.start - 1 \
                and not is_arabic(first.surface) and _is_name_start(tokens[keyed[pos + 1]].surface) \
                and not self._may_start_name(tokens[keyed[pos + 1]]):
            # a word that alone is no place ("Sabah", morning; a given name), with its article,
            # opening a longer name the gazetteer lacks: "al-Sabaa Bahrat" (Damascus's Seven Fountains square) is one
            # unknown name, not a word to skip and "Bahrat" alone
            return self._plan_unknown(chunk, tokens, keyed, reach, pos, items)
        if taken:
            return taken
        if is_arabic(first.surface):
            # "وإدلب", "بريف", "للحسكة": and / in / for written onto the name
            for bare in _without_proclitic(first):
                if bare.key in self._first:
                    unglued = list(tokens)
                    unglued[keyed[pos]] = bare
                    planned = len(items)
                    taken = self._plan_name(chunk, unglued, keyed, reach, pos, at_sentence_start, items)
                    if taken == 1 and len(bare.key) < _MIN_BARE:
                        del items[planned:]  # "وتل طوقان" is Tel Touqan, but "بعد" (after) is not "عد"
                        continue
                    if taken:
                        return taken
        possessive = self._lost_apostrophe(first)
        if possessive:
            items.append(_Item(first.start, first.end - 1, possessive[0], possessive[1], _TAKE))
            return 1
        glued = self._plan_glued(first)
        if glued is not None:
            items.append(glued)
            return 1
        return self._plan_unknown(chunk, tokens, keyed, reach, pos, items)

    def _plan_glued(self, token: Token) -> _Item | None:
        """A Syrian name whose first word was written onto the second ("Kafarbatna", "Kfarnabel":
        Kafr Batna, Kafr Nabl; "Telabyad"): the same consonants in two words, and the second
        spelled near the place's. Not a frequent English word ("Director")."""
        # (the regex's words open with k, d, t, b, j, m or a: most keys are ruled out without a call)
        glued = _GLUED_FIRST_WORD.match(token.key) if token.key[:1] in _GLUED_FIRST_LETTERS else None
        if glued is None or token.key in self.not_places or self.is_common_word(token.key):
            return None
        first, rest = glued.groups()
        places = tuple(p for p in self.gazetteer.syrian_by_skeleton(skeleton_of_keys((first, rest)))
                       if any(k.count(" ") == 1 and fuzz.ratio(rest, k.partition(" ")[2]) >= _ALIKE_MIN_RATIO
                              for k in _name_keys(p)))
        return _Item(token.start, token.end, f"{first} {rest}", places, _TAKE, "alike") if places else None

    def _plan_name(self, chunk: str, tokens: list[Token], keyed: list[int], reach: list[int],
                   pos: int, at_sentence_start: bool, items: list[_Item]) -> int:
        """The longest gazetteer name at keyed token ``pos``: the tokens it takes (0: none)."""
        first = tokens[keyed[pos]]
        # the longest name starting with this word, and no longer than its contiguous run
        longest = min(self._first.get(first.key, 0), reach[pos] - pos + 1)
        if not longest:
            return 0
        keys = self._keys
        start = first.start
        # the run's words, and the key of each of its first 1, 2, ... words (each the one before and
        # a word: a string a length, where a slice and a join a length made a list and a string)
        words = [first.key]
        prefixes = [first.key]
        for k in range(pos + 1, pos + longest):
            word = tokens[keyed[k]].key
            words.append(word)
            prefixes.append(f"{prefixes[-1]} {word}")
        for length in range(longest, 0, -1):
            key = prefixes[length - 1]  # (" ".join(words[:length]))
            if key not in keys:
                if length > 1 and key in self.not_places:
                    # "حماة الديار" (guardians of the homeland) holds حماة but is no place; "Enab Baladi"
                    return length
                continue  # the gazetteer has no such name
            last = tokens[keyed[pos + length - 1]]
            places = self._candidates(key, chunk[start:last.end])
            if not places:
                continue
            if key in self.not_places and not (length == 1 and key in self._heads_with_article
                                               and first.surface.startswith("ال")):
                if length == 1 and _article_on(tokens, keyed[pos]):
                    # a person's name with the article is a landmark's where a field word follows
                    # ("the al-Omar oil field"): the landmark rows of the name, if the text says so
                    fields = tuple(p for p in places if p.kind == "other")
                    if fields:
                        items.append(_Item(start, last.end, key, fields, _IF_FIELD))
                return length
            if not _last_capitalised(last.surface) and (length == 1 or last.surface.lower() in _ENDS_BEFORE) \
                    and not (last.surface.lower() in _FEATURE_WORDS and not self._names_one_of(key[:key.rindex(" ")], places)) \
                    and not (length > 1 and last.surface.lower() == "camp"
                             and any(p.kind == "neighbourhood" and p.country == "SY" for p in places)):
                # "Deir ezzor" and "Damascus countryside" are names; "Jabal al-Zawiya region" ends
                # before "region". A valley, plain or mountains the name without its feature word does
                # not name is one name: "the Barada valley" is Wadi Barada (Barada alone a village of
                # Aleppo), "the Yarmouk valley" not Damascus's Yarmouk camp. But a camp the gazetteer
                # has as a quarter of its city is one name: "the Daraa camp" (not Daraa)
                continue
            if length > 1:
                needs = None if all(w in _ARABIC_FUNCTION_WORDS for w in words[:length]) else _TAKE
            else:
                i = keyed[pos]
                if key in _GENERIC_HEADS and _last_word(tokens, i) and not _article_on(tokens, i):
                    # a head word alone, without its article: only the Syrian places called just
                    # that, as written (Deir Ezzor's "Marrat", not Hasakeh's "Marit", which folds alike)
                    places = tuple(p for p in places if p.name == first.surface and p.country == "SY") or places
                needs = self._single_needs(tokens, keyed[pos], key, places, at_sentence_start)
            if needs is not None:
                items.append(_Item(start, last.end, key, places, needs))
            return length
        return 0

    def _names_one_of(self, key: str, places: tuple[Place, ...]) -> bool:
        """True if the gazetteer's name ``key`` names one of ``places``."""
        if key not in self._keys:
            return False
        ids = {p.id for p in places}
        return any(p.id in ids for p in self.by_key(key))

    def _unglued(self, token: Token) -> Token:
        """A name written with its article glued on ("Alwaer", "Bab Alfaraj", "Altibni") read as
        the name without it (its offsets kept); not a name or an English word ("Aleppo", "Almost")."""
        word = token.surface
        if len(word) < 6 or not word[2].islower() or token.key in self._first or token.key in self.not_places \
                or self.is_common_word(token.key):
            return token
        key = fold_token(word[2:])
        return Token(token.start, token.end, word[2].upper() + word[3:], key) if key in self._first else token

    def _plan_alike(self, chunk: str, tokens: list[Token], keyed: list[int], reach: list[int],
                    pos: int) -> tuple[_Item, int] | None:
        """A many-word Syrian name the gazetteer spells otherwise, at keyed token ``pos``.

        Tried only where no name of two words or more starts there: "Jeb al-Jarrah" is
        Jubb al Jarrah, and "Maaret Harma" Ma`arrat Hurmah, not a place "Jeb" (or
        "Maaret") and another after it. The same consonants in the same number of
        words, and a near spelling, are asked of the whole run (three words at most).
        """
        top = min(reach[pos] - pos + 1, _ALIKE_MAX_WORDS)
        # each word's key and skeleton, read once for the runs of every length (in one compiled
        # loop: the slices and comprehensions per length made five lists a run)
        words: list[str] = []
        skels = ""  # skeleton_of_keys(words): the words' skeletons that are not empty, joined
        ends: list[int] = []  # ends[k]: the end of the first k words' part of skels
        for length in range(top, 1, -1):
            last = tokens[keyed[pos + length - 1]]
            if not _is_name_start(last.surface):
                continue
            if not words:
                parts: list[str] = []
                end = 0
                ends.append(0)
                for k in range(pos, pos + length):
                    word = tokens[keyed[k]].key
                    words.append(word)
                    skel = skeleton_of_word(word)
                    if skel:
                        end += len(skel) + 1 if parts else len(skel)
                        parts.append(skel)
                    ends.append(end)
                skels = " ".join(parts)
            alike = self.gazetteer.syrian_by_skeleton(skels[:ends[length]])
            if not alike:
                continue  # (most runs: people's names)
            if length < len(words):
                del words[length:]
            key = " ".join(words)
            if key in self.not_places or any(_is_big_name(p) for word in words for p in self.by_key(word)):
                return None  # "Homs Hama" is a list of two provinces, not the village "Hims - Hamah"
            places = tuple([p for p in alike if _names_alike(key, length, p)])
            if places:
                return _Item(tokens[keyed[pos]].start, last.end, key, places, _TAKE, "alike"), length
        return None

    def _may_start_name(self, token: Token) -> bool:
        """True if a gazetteer name may start with this word (or, in Arabic, after its proclitic)."""
        if token.key in self._first:
            return True
        return is_arabic(token.surface) and any(b.key in self._first for b in _without_proclitic(token))

    def _plausible_places(self, key: str, surface: str) -> tuple[Place, ...]:
        """The places named ``key`` that ``surface`` may mean (see :func:`_plausible`)."""
        return tuple(p for p in self.by_key(key) if _plausible(p, surface))

    def _lost_apostrophe(self, token: Token) -> tuple[str, tuple[Place, ...]] | None:
        """A major place's possessive whose apostrophe was lost in scraping ("Syrias", "Aleppos")."""
        surface = token.surface
        if len(surface) < 5 or surface[-1] != "s" or not _is_name_start(surface):
            return None
        stem = surface[:-1]
        key = fold_token(stem)  # one word: its folded token is its name key
        if key not in self._first:
            return None
        plain = strip_marks(stem).lower()
        # the town, and the governorate named after it, which the words after the name choose
        # ("Aleppos southern countryside", "Idlibs health authority")
        named = [p for p in self.by_key(key) if plain == strip_marks(p.name).lower()]
        governorates = [p for p in self.by_key(key) if p.kind == "governorate"
                        and any(plain == strip_marks(n).lower() for n in p.names)]
        # (the governorate's own town too, however small: "Daraas Manshiyah district" is the city's)
        places = tuple(p for p in named if _is_major(p) or p.kind == "town" and p.country == "SY"
                       and any(g.admin1 == p.admin1 for g in governorates)) \
            + tuple(g for g in governorates if g not in named)
        return (key, places) if places else None

    def _single_needs(self, tokens: list[Token], i: int, key: str, places: tuple[Place, ...],
                      at_sentence_start: bool) -> int | None:
        """What a one-word name needs to be taken as a place (None: never)."""
        surface = tokens[i].surface
        low = surface.lower()
        if low in _MONTHS_DAYS or (low[-1:] == "s" and low[:-1] in _DAYS):  # "Fridays bombing"
            return None
        if key in _GENERIC_HEADS and not _article_on(tokens, i) \
                and not (_last_word(tokens, i) and any(p.name == surface and p.country == "SY" for p in places)):
            # (a head word alone is a place only where a Syrian place is called just that and no
            # name goes on after it: "killed four fighters in Marrat", Deir Ezzor's village, which
            # folds as the head of "Maarat al-Numan" does; or where the type word after it in its
            # chunk calls it one: "in the Mazraa district" of Damascus, not "near Maarat")
            after = _keyed_neighbour(tokens, i, 1)
            return _IF_CUE if after is not None and tokens[after].surface in _NEIGHBOURHOOD_CUES else None
        if len(surface) <= 3 and surface.isupper() and not any(  # (the length first: isupper is a call)
                surface in p.names for p in places):
            return None  # "IS", "UN" are not folded variants of a place
        major = any(_is_major(p) for p in places)
        if is_arabic(surface):
            return self._arabic_needs(key, places, major)
        if i > 0 and self.given_names and not any(_is_big_name(p) for p in places):
            before = _keyed_neighbour(tokens, i, -1)
            if before is not None and tokens[before].key == "abu" and before > 0:
                before = _keyed_neighbour(tokens, before, -1)  # "Leith Abou Fadel": a kunya between
            if before is not None and tokens[before].key in self.given_names \
                    and _is_name_start(tokens[before].surface):
                return None  # "Abdelsalam Sido", "Samir al-Asmar": a person's name
        if (not major or all(_is_far_town(p) for p in places if _is_major(p))) and _next_to_other_name(
                tokens, i, at_sentence_start, self):
            return _IF_CUE  # "Emmanuel Macron", "Ibaa News"; "Kevin Kennedy" (a Colombian city)
        if not self.is_common_word(key):
            return _TAKE
        if major and any(surface == p.name or surface in p.names for p in places):
            return _TAKE
        if any(p.kind == "town" and p.country == "SY" and surface in p.names for p in places) \
                and surface.lower() not in self.english_words(key) \
                and not _next_to_other_name(tokens, i, at_sentence_start):
            # a Syrian town as the news spells it, not the word it folds like: "Marea" (mare); not
            # beside another name ("a letter to Marea Hassan")
            return _TAKE
        if i > 0 and tokens[i - 1].surface.lower() in ("al", "el") and tokens[i - 1].end == tokens[i].start - 1 \
                and any(p.kind in ("town", "village") and p.country in _ARTICLE_TOWN_COUNTRIES for p in places) \
                and not (i > 1 and tokens[i - 2].surface[:1].isupper()):
            # an English word with the Arabic article, after a lower-case word, is a town's name
            # in Syria or an Arab neighbour: "The buses left al-Tall", "strikes on al-Qaim near the
            # border" (not a byline's "Manar al-Freih")
            return _TAKE
        return _IF_CUE

    def _arabic_needs(self, key: str, places: tuple[Place, ...], major: bool) -> int:
        """What a one-word Arabic name needs: Arabic has no capitals to set a name apart.

        A country, governorate or big town is taken as it is (حلب); any other place
        after a preposition, a type word or in a list of places (في سراقب, مدينة سراقب,
        إدلب وسراقب). A name that is also a frequent word needs that even for a big
        place (الجزيرة the island, حصار siege: Hisar, سلطات authorities: Settat), and
        a type word unless it is a Syrian town's (في تدمر) or a big place's: أن, ساحة.
        """
        if not self.is_common_word(key):
            return _TAKE if major else _IF_CUE
        if major or any(p.kind == "town" and p.country == "SY" for p in places):
            return _IF_CUE
        return _IF_STRICT_CUE

    def _names_major_place(self, token: Token) -> bool:
        """True if a word names a country, governorate or big town ("Syria", "Syrias")."""
        if any(_is_major(p) for p in self.by_key(token.key)):
            return True
        return self._lost_apostrophe(token) is not None

    def _names_listed_place(self, token: Token) -> bool:
        """True if a word next to a name makes the two a list of places, not a person's name: a
        country, governorate or big town, or a Syrian town ("Sarmin Taftanaz", its comma lost)."""
        return self._names_major_place(token) or any(
            p.kind == "town" and (p.country == "SY" or p.country in _LISTED_TOWN_COUNTRIES
                                  and _primary_key(p) == token.key)  # (a neighbour's by its own name)
            for p in self.by_key(token.key))

    def _plan_unknown(self, chunk: str, tokens: list[Token], keyed: list[int], reach: list[int],
                      pos: int, items: list[_Item]) -> int:
        """A capitalised name the gazetteer lacks: kept if a strict place cue backs it."""
        length = 0
        while (pos + length <= reach[pos] and length < 4
               and _is_name_start(tokens[keyed[pos + length]].surface)
               and (length == 0 or not self._may_start_name(tokens[keyed[pos + length]])
                    or _was_glued(chunk, tokens[keyed[pos + length]]))):
            # a run of unknown contiguous words; it stops where a known name may start, but for
            # one read off a glued article: "Karam Alnozha" is one unknown name, not Karam and Nozha
            length += 1
        if length == 0:
            return 1
        idx = keyed[pos:pos + length]
        start, end = tokens[idx[0]].start, tokens[idx[-1]].end
        key = " ".join([tokens[i].key for i in idx])
        if key in self.not_places or chunk[start:end].lower() in _MONTHS_DAYS:
            return length
        # whether it is a common English word is asked only if a place cue backs it (rare)
        needs = _IF_STRICT_CUE
        if pos > 0 and reach[pos - 1] >= pos and tokens[keyed[pos - 1]].key in _PLACE_HEADS \
                and (not items or items[-1].end <= tokens[keyed[pos - 1]].start):
            # after a place's own head word ("Tal Hormizd", "Kafr Lusin", "Khirbet X", which the
            # planner passed over): a place the gazetteer lacks, reported (and placed where its
            # context says) with no cue needed
            head = tokens[keyed[pos - 1]]
            start, key, needs = head.start, f"{head.key} {key}", _TAKE
        items.append(_Item(start, end, key, (), needs))
        return length


def _ends_of_a_way(text: str, base: int, words: str, items: tuple[_Item, ...]) -> list[_Item] | None:
    """The items of a chunk (``words``, at ``base`` in ``text``) that are the two ends of a way:
    two gazetteer names joined by a dash (spaces around it allowed), the second before a way's
    word (a road, a border, a crossing: _ROUTE_AFTER) or ending in one ("the Albukamal-Qaim border
    crossing", "the Albukamal-Qaim crossing"). None where there are none."""
    ends = None
    for k in range(len(items) - 1):
        a, b = items[k], items[k + 1]
        if not a.places or not b.places:
            continue
        gap = words[a.end:b.start].strip(" \t")
        if len(gap) != 1 or gap not in _PAIR_DASHES:
            continue
        last = words[b.start:b.end].rsplit(None, 1)[-1]
        if _ROUTE_AFTER.match(text, base + b.end) is None \
                and not (last.islower() and _ROUTE_AFTER.fullmatch(" " + last) is not None):
            continue
        if ends is None:
            ends = []
        ends.append(a)
        ends.append(b)
    return ends


def _was_glued(chunk: str, token: Token) -> bool:
    """True for a token read off a glued article (see PlaceFinder._unglued): its text is not its surface."""
    return chunk[token.start:token.start + 2] != token.surface[:2]


_ALIKE_MAX_WORDS: Final = 3
_ALIKE_MIN_RATIO: Final = 85  # "Jeb al-Jarrah" ~ "Jubb al Jarrah" 87.5; "Rasm al-Tawil" ~ "Rasm at Tuwayliyah" 82 is another village


# the first words of Syrian names that news writes onto the next ("Kafrnabel", "Deirezzor"), as
# folded keys spell them (Kafr, Kfar, Kafar, Kefr; Deir, Dayr; Tal, Tel, Tell; Beit, Bayt; Khan; Jisr;
# Maar, Marr: "Maardebsah"; Abu, Bu: "Abukamal", "Albukamal", "al-Bulel")
_GLUED_FIRST_WORD: Final = re.compile(r"(k[aiu]?f[aiu]?r|d[aiy]{1,2}r|t[aiu]ll?|b[aiy]{1,2}t|khan|jisr|ma{1,2}rr?|a?bu)([a-z]{3,})")
_GLUED_FIRST_LETTERS: Final = frozenset("kdtbjma")  # the first letters of its words (no IGNORECASE)


def _alike(key: str, words: int, name: str) -> bool:
    """True if the name key ``name`` of a place spells ``key`` (of ``words`` words) otherwise."""
    return name.count(" ") == words - 1 and fuzz.ratio(key, name) >= _ALIKE_MIN_RATIO


def _names_alike(key: str, words: int, place: Place) -> bool:
    """``any(_alike(key, words, k) for k in _name_keys(place))``, the keys of the place's names
    folded only as far as an answer needs (a first pass folds each name once, and a place has
    up to fifty names, in many scripts): its ASCII names first, then the others; none written
    in Arabic letters only where ``key`` is ASCII (such a name's key is Arabic letters and
    spaces, which share no more than its spaces with ``key``: a ratio under 50)."""
    keys = _NAME_KEYS.get(place.id)
    if keys is not None:
        for k in keys:
            if _alike(key, words, k):
                return True
        return False
    names = (place.name, *place.names)
    for name in names:
        if name.isascii() and _alike(key, words, name_key(name)):
            return True
    ascii_key = key.isascii()
    for name in names:
        if not name.isascii() and not (ascii_key and _arabic_only(name)) and _alike(key, words, name_key(name)):
            return True
    return False


def _arabic_only(name: str) -> bool:
    """True if every character of ``name`` is of the Arabic block (U+0600-U+06FF) or a space."""
    for c in name:
        if not ("\u0600" <= c <= "\u06ff" or c == " "):
            return False
    return True


_ARTICLE_BEFORE: Final = re.compile(rf"\b(?i:{_ARTICLES})[ \t]*[-‐‑–]?[ \t]*\Z")  # "al-" before a word: "al-Hor" is no "her"
_HARAKAT: Final = re.compile(f"[{ARABIC_HARAKAT}]")  # (the tatweel, a letter to the regexes, is not one)

_MIN_BARE: Final = 3  # letters left after the proclitic for a one-word name: "وحمص" is Homs; "بعد" is not "عد"


#: Arabic function words (folded): a name made of them only ("على أن", that) is no place.
_ARABIC_FUNCTION_WORDS: Final = frozenset(fold_token(w) for w in (
    "في من إلى على عن مع أن إن أنه إنه ما لا لم لن قد كان كانت هو هي هم هذا هذه ذلك تلك التي الذي "
    "الذين بين بعد قبل حتى كل أو ثم إذا لو غير عند منذ حيث كما أي إلا بل لكن").split())


def _without_proclitic(token: Token) -> list[Token]:
    """The word without the proclitics it may carry, fewest stripped first ("وبحلب": بحلب, حلب);
    "لل" is "ل" and the article (للحسكة = ل + الحسكة)."""
    word, start = token.surface, token.start
    out: list[Token] = []

    def bare(skip: int, rest: str) -> None:
        if len(rest.replace("ال", "", 1) if rest.startswith("ال") else rest) >= 2:  # (one word: _MIN_BARE)
            key = fold_token(rest)  # one word: its token key
            if key:
                out.append(Token(start + skip, token.end, word[skip:], key))

    at = 1 if word[:1] in ARABIC_CONJUNCTIONS else 0
    if at:
        bare(1, word[1:])
    if word[at:at + 2] == "لل":
        bare(at + 1, "ا" + word[at + 1:])  # the article's lam is the second
    elif word[at:at + 1] in ARABIC_PREPOSITIONS:
        bare(at + 1, word[at + 1:])
    return out


_ARABIC_LIST_GAP: Final = re.compile(r"[ \t]*[،,][ \t]*و?|[ \t]+و|[ \t]*[-–][ \t]*")  # "دير الزور - تدمر"


# another word of a name after a name ("Jana al-Ulbawi", "Tom Miles")
_WORD_GOES_ON: Final = re.compile(r"[ \t]*[-‐‑–]?[ \t]*(?:(?:al|el)-)?[A-Z]")


def _listed_after(text: str, previous_end: int, start: int) -> bool:
    """True if an Arabic name follows the place before it in a list ("سراقب والقامشلي", "حلب، حماة").

    Arabic has no capitals to tell a name from a word: one in a list of places is a place.
    """
    return (start - previous_end <= 4 and is_arabic(text[start:start + 1])
            and _ARABIC_LIST_GAP.fullmatch(text, previous_end, start) is not None)


def _latin_list_gap(text: str, previous_end: int, start: int) -> bool:
    """``_LATIN_LIST_GAP.fullmatch(text, previous_end, start) is not None``, the regex only where
    a comma or "and" lies between (it needs one)."""
    return (text.find(",", previous_end, start) >= 0 or text.find("and", previous_end, start) >= 0) \
        and _LATIN_LIST_GAP.fullmatch(text, previous_end, start) is not None


def _may_end_given_name(text: str, at: int) -> bool:
    """False where ``_GIVEN_BEFORE.search(text, max(0, at - 24), at)`` finds nothing: the word
    before ``at`` (past its spaces, and a hyphen) is none it ends with, a capitalised one
    ([A-Z][a-z]+) or an article (al, Al, el, El); the window's start ends the word, as it
    ends the regex's text."""
    lo = max(0, at - 24)
    i = at
    while i > lo and (ord(text[i - 1]) == 32 or ord(text[i - 1]) == 9):
        i -= 1
    if i == at:
        if i > lo and ord(text[i - 1]) == 45:  # "al-" right before
            i -= 1
            while i > lo and (ord(text[i - 1]) == 32 or ord(text[i - 1]) == 9):
                i -= 1
        else:
            return False  # (the regex ends in [ \t]+ or a hyphen and spaces)
    elif i > lo and ord(text[i - 1]) == 45:
        i -= 1
        while i > lo and (ord(text[i - 1]) == 32 or ord(text[i - 1]) == 9):
            i -= 1
    j = i
    while j > lo and (97 <= ord(text[j - 1]) <= 122 or 65 <= ord(text[j - 1]) <= 90):
        j -= 1
    word = text[j:i]
    return word in ("al", "Al", "el", "El") or len(word) >= 2 and 65 <= ord(word[0]) <= 90 and word[1:].islower() \
        and word[1:].isalpha()


def _article_on(tokens: list[Token], i: int) -> bool:
    """True if token ``i`` has the Arabic article written onto it ("al-Kafr", "al-Tall")."""
    return i > 0 and tokens[i - 1].key == "" and tokens[i - 1].end >= tokens[i].start - 1


def _last_word(tokens: list[Token], i: int) -> bool:
    """True if no word of a name comes after token ``i`` in its chunk."""
    for j in range(i + 1, len(tokens)):  # (a compiled loop: the slice and all() built a list and a generator)
        if tokens[j].key:
            return False
    return True


def _is_name_start(surface: str) -> bool:
    """``surface[:1].isupper() or is_arabic(surface[:1])``, an ASCII letter by its code (the
    str method is called by Python's protocol)."""
    if not surface:
        return False
    c = ord(surface[0])
    if c < 128:
        return 65 <= c <= 90
    return 0x600 <= c <= 0x6FF or surface[0].isupper()


def _last_capitalised(surface: str) -> bool:
    return _is_name_start(surface) or surface[:1].isdigit()


_JOINER: Final = re.compile(r"[\s\-‐‑–'’`]*(?:\w{1,3}[\s\-‐‑–'’`]+)*")


def _joined(between: str, step: int) -> bool:
    """True if two tokens ``step`` apart with ``between`` between them belong to one name.

    Only spaces, hyphens, apostrophes or one dropped article word may separate them.
    """
    if step == 1 and (between == " " or between == "-"):
        return True
    return step <= 2 and "\n" not in between and _JOINER.fullmatch(between) is not None


def _qualifies(tokens: list[Token], keyed: list[int], reach: list[int], pos: int,
               items: list[_Item]) -> bool:
    """True if the last of ``items``, one word at keyed token ``pos``, follows the place
    planned before it joined by an article only ("Daraa al-Balad")."""
    place, word = items[-2], items[-1]
    here, before = tokens[keyed[pos]], tokens[keyed[pos - 1]]
    return (word.key in _QUALIFIERS and bool(place.places) and place.end == before.end
            and (word.start, word.end) == (here.start, here.end) and reach[pos - 1] >= pos
            and keyed[pos] - keyed[pos - 1] == 2 and tokens[keyed[pos] - 1].surface.lower() in ("al", "el"))


#: Words that qualify a place name after "al-" (old town, station, new, big, small,
#: northern, lower, ...): "Daraa al-Balad" is Daraa, not a place named Balad. Other
#: words after a place and "al-" are often the next place of a list that lost its
#: commas ("Bab al-Faraj al-Ismailiya"), so only these.
_QUALIFIERS: Final = frozenset(fold_token(w) for w in (
    "balad mahata mahatta mahatah jadida jadideh jadidah qadima qadimeh qadimah kabira kabireh kabirah "
    "kubra saghira saghireh sughra sharqi sharqiya sharqiyeh gharbi gharbiya gharbiyeh shamali "
    "shamaliya shamaliyeh janoubi janoubiya janubi janubiya tahta tahtani fawqa fawqani wusta").split())


def _next_to_other_name(tokens: list[Token], i: int, at_sentence_start: bool,
                        finder: PlaceFinder | None = None) -> bool:
    """True if token ``i`` of a chunk stands beside another capitalised word (a person's or an agency's name).

    Tokens of a chunk are separated by spaces, hyphens or articles only; a
    capitalised word that opens the sentence does not count ("The Ibaa ...").
    With a ``finder``, nor does a word its ``_names_listed_place`` says names a place (a
    direct call of the compiled method, where a bound method passed as a callable was
    called by Python's protocol).
    """
    for j in (_keyed_neighbour(tokens, i, -1), _keyed_neighbour(tokens, i, +1)):
        if j is None:
            continue
        word = tokens[j].surface
        if not _is_name_start(word) or word.lower() in _ALL_CUES:
            continue
        if j < i and j == 0 and at_sentence_start:
            continue
        if finder is not None and finder._names_listed_place(tokens[j]):
            continue  # "Syria's Afrin" is two places, not a person's name
        if j > i and word.lower() in _PEOPLES_ADJECTIVES:
            continue  # "hospitals in Hasakah and al-Darbasiyah Kurdish officials said": no surname
        if any(tokens[k].surface in _ENGLISH_ARTICLES for k in range(min(i, j) + 1, max(i, j))):
            continue  # "known in Arabic as Tadmur": the English "as", no name's article, between
        return True
    return False


#: A people's or a faith's adjective, which no surname is: a name before one is no person's
#: ("al-Darbasiyah Kurdish officials said", a comma lost)
_PEOPLES_ADJECTIVES: Final = frozenset({
    "kurdish", "turkmen", "yazidi", "alawite", "druze", "assyrian", "armenian", "circassian", "christian",
    "sunni", "shiite", "bedouin", "turkish", "russian", "iranian", "american", "lebanese", "iraqi",
    "jordanian", "israeli", "french", "british", "syrian"})


#: Where a town's name written with the Arabic article is a town's, though it folds like an
#: English word (see PlaceFinder._single_needs)
_ARTICLE_TOWN_COUNTRIES: Final = frozenset({"SY", "IQ", "LB", "JO"})

#: Romanised Arabic articles that are also English words: written lower-case and apart
#: ("Arabic as Tadmur") they are the English word between two names
_ENGLISH_ARTICLES: Final = frozenset({"as", "at", "an"})


def _keyed_neighbour(tokens: list[Token], i: int, step: int) -> int | None:
    """The nearest token before/after ``i`` that is not an article ("Ammar al-Selmo": Ammar)."""
    j = i + step
    while 0 <= j < len(tokens) and not tokens[j].key:
        j += step
    return j if 0 <= j < len(tokens) else None


def _sentence_start(text: str, offset: int) -> bool:
    """True if only spaces or tabs stand between ``offset`` and the text's start, or a full stop,
    "!", "?", a newline or an opening quote (the characters read by their codes)."""
    i = offset - 1
    while i >= 0 and (ord(text[i]) == 32 or ord(text[i]) == 9):
        i -= 1
    if i < 0:
        return True
    c = ord(text[i])
    return c == 46 or c == 33 or c == 63 or c == 10 or c == 34 or c == 0x201C


# a state's formal name before its short one: "the Kingdom of Saudi Arabia", "the Republic of Turkey"
# (not "the Islamic State of Iraq")
_STATE_FORM_BEFORE: Final = re.compile(r"(?<!Islamic )\b(?:Kingdom|Republic|Sultanate|State)[ \t]+of[ \t]+(?:the[ \t]+)?\Z")


def _names_state(surface: str, places: tuple[Place, ...]) -> bool:
    """True if ``surface`` is the name of a country or capital ("Iran" in "Iran-backed militias")."""
    # (written with its diacritics or without: the gazetteer keeps one spelling of a key, "Turkiye",
    # and an actor's mention may be "Türkiye")
    plain = strip_marks(surface)
    return any((p.kind == "country" or p.capital_of)
               and (surface == p.name or surface in p.names or plain != surface and (plain == p.name or plain in p.names))
               for p in places)  # "the US and Russia": both, not only the one named in full


def _is_far_town(place: Place) -> bool:
    """A town far from Syria that is no capital: beside another name, a person's name is likelier."""
    if place.kind != "town" or place.capital_of:
        return False
    country = place.country  # (read once, as in _is_major)
    return country != "SY" and country not in NEAR_COUNTRIES


def _is_big_name(place: Place) -> bool:
    """A country or a major Syrian place: a name other rules (people's, lists') leave alone."""
    return place.kind == "country" or place.country == "SY" and _is_major(place)


# (called as any(_is_major(p) for p in places), a compiled loop of direct calls: any(map(...))
# calls it through Python's protocol, each call boxed)
def _is_major(place: Place) -> bool:
    """Countries, governorates, capitals, regions and big towns: names safe to take on their own."""
    kind = place.kind  # (read once: a Place's attribute is a dict look-up through Python's protocol)
    if kind in ("country", "governorate", "region") or place.capital_of:
        return True
    return kind == "town" and ((place.population or 0) >= 100_000 or place.id in _GOVERNORATE_SEATS)


#: The governorates' seats the sources give fewer than 100,000 people (GeoNames's figures of the
#: 2000s; al-Hasakah, Daraa and Tartous passed it before 2011): a province's capital is a big town
_GOVERNORATE_SEATS: Final = frozenset({"wof:421168649", "wof:1125979117", "wof:421197257", "wof:890449825",
                                       "wof:421192811"})


#: Demonyms _BEFORE_WORD_AFTER reads past between a name and a camp's or a base's type word
#: ("the Yarmouk Palestinian refugee camp" is the Yarmouk camp's, as "the Yarmouk refugee camp"):
#: written capitalised, as a people's adjective is
_DEMONYMS_BEFORE_CAMP: Final = ("Palestinian", "Syrian", "Iraqi", "Kurdish", "Yazidi", "Lebanese", "Jordanian",
                                "Turkish", "Turkmen", "Russian", "Iranian", "American")

# the word after a name; a direction before "countryside" or "province" is read past
# ("Aleppo northern countryside" is the governorate's, as "Aleppo countryside")
_BEFORE_WORD_AFTER: Final = (r"[\s\-]*(?:\([a-z]{2,15}\)[ \t]+)?"  # a gloss: "al-Izaa (radio) neighborhood"
                      r"(?:(?i:(?:north|south)?(?:east|west)?(?:ern)?)[ \t]+"
                      r"(?=(?i:countryside|province|governorate)\b))?"
                      # the people a camp or a base is for or of, before its type word: "the Yarmouk
                      # Palestinian refugee camp", "the Yarmouk Palestinian camp" (capitalised, as written)
                      rf"(?:(?:{'|'.join(_DEMONYMS_BEFORE_CAMP)})[ \t]+"
                      r"(?=(?:(?i:refugee|displacement|displaced|military)[ \t]+)?(?i:camps?|airbase|airport)\b))?"
                      # what a camp or a base is: "the al-Hol refugee camp", "the Menagh military airport"
                      r"(?:(?i:refugee|displacement|displaced|military)[ \t]+(?=(?i:camps?|airbase|airport)\b))?")
_WORD_AFTER: Final = re.compile(rf"{_BEFORE_WORD_AFTER}([A-Za-z]+)")
_LATIN_WORD: Final = re.compile(r"[A-Za-z]+")


#: the letters that can open one of _BEFORE_WORD_AFTER's optional parts: a bearing (north, south,
#: east, west, -ern), "refugee", "displacement"/"displaced", "military" (either case), a demonym
#: before a camp's type word (capitalised)
_WORD_AFTER_OPENERS: Final = "nsewrdmNSEWRDM" + "".join(
    sorted({w[0] for w in _DEMONYMS_BEFORE_CAMP} - set("NSEWRDM")))
#: the words (lower-case) _BEFORE_WORD_AFTER's optional parts read past: a bearing ((north|south)?
#: (east|west)?(ern)?, not empty), a demonym and a camp's or base's kind
_WORD_AFTER_OPENER_WORDS: Final = frozenset(
    {ns + ew + ern for ns in ("", "north", "south") for ew in ("", "east", "west") for ern in ("", "ern")} - {""}
    | {w.lower() for w in _DEMONYMS_BEFORE_CAMP}
    | {"refugee", "displacement", "displaced", "military"})


def _gap_end(text: str, end: int, stop: int) -> int:
    r"""Where the spaces and hyphens after ``end`` (_BEFORE_WORD_AFTER's ``[\s\-]*``) end, before ``stop``."""
    i = end
    while i < stop:
        c = ord(text[i])  # (str.isspace of an ASCII character by its code: \t-\r, \x1c-\x1f, space)
        if c == 45 or c == 32 or 9 <= c <= 13 or 28 <= c <= 31 or c >= 128 and text[i].isspace():
            i += 1
        else:
            break
    return i


def _plain_word_at(text: str, i: int, stop: int) -> str | None:
    """The word _WORD_AFTER captures when the spaces after a name end at ``i`` (``i < stop``)
    and none of its optional parts can match: an ASCII letter there that opens none of them
    (a gloss opens with "(", the rest with _WORD_AFTER_OPENERS) makes the word the run of
    ASCII letters from it, lower-cased. None where that is not so: the regex's to read."""
    c = ord(text[i])
    if not (97 <= c <= 122 or 65 <= c <= 90) or text[i] in _WORD_AFTER_OPENERS:
        return None
    j = i + 1
    while j < stop and (97 <= ord(text[j]) <= 122 or 65 <= ord(text[j]) <= 90):
        j += 1
    return text[i:j].lower()


def _word_after(text: str, end: int) -> str:
    # (most words after a name are read without the regex, which costs a match object and,
    # its parts all optional, many tries: see _plain_word_at)
    stop = min(len(text), end + 30)
    i = _gap_end(text, end, stop)
    if i >= stop:
        return ""  # (the regex needs a letter or "(" before its end)
    word = _plain_word_at(text, i, stop)
    if word is not None:
        return word
    c = ord(text[i])
    if 97 <= c <= 122 or 65 <= c <= 90:
        # an opener: the regex reads past the word only if it is a bearing or a camp's kind whole
        # (a space must follow it), so any other word is the word; not where a non-ASCII character
        # ends the letters ("ſ" matches "s" in any case: "Northeaſtern" is a bearing)
        j = i + 1
        while j < stop and (97 <= ord(text[j]) <= 122 or 65 <= ord(text[j]) <= 90):
            j += 1
        if j >= stop or ord(text[j]) < 128:
            word = text[i:j].lower()
            if word not in _WORD_AFTER_OPENER_WORDS:
                return word
    elif c < 128 and c != 40:
        return ""  # an ASCII character that is no letter nor "(" (a gloss): the regex finds nothing
    m = _WORD_AFTER.match(text, end, end + 30)
    return m.group(1).lower() if m else ""


def _is_nisba(text: str, end: int) -> bool:
    """True if a kunya has a nisba after it ("Abu Omar al-Shishani"): a person. (Not any
    name: neighbourhoods listed without commas end in -i too, "al-Shaar al-Ansari".)"""
    window_start = max(0, end - 40)
    # (the regex, anchored at the end, is tried at each position of the window: only where it may match)
    if "Ab" not in text[window_start:end] or not _KUNYA.search(text, window_start, end):
        return False
    m = _NISBA_AFTER.match(text, end)
    return m is not None and fold_token(m.group(1)) not in _QUALIFIERS


def _after_locative(text: str, start: int) -> bool:
    """True if the word before ``start`` is a preposition or direction of place ("of", "in", "northern")."""
    before = _words_before(text, start, 1)
    return bool(before) and before[0] in _LOCATIVE_BEFORE


def _words_before(text: str, start: int, n: int = 3) -> list[str]:
    """The last ``n`` Latin words of the 40 characters before ``start``, lower-cased, less the
    Arabic article fused to the name: "the town of al-Quria" -> ["town", "of"].

    ``[w.lower() for w in _LATIN_WORD.findall(window)][-n:]``, read backwards from ``start``
    and only as far as the words it keeps (findall made every word of the window a string,
    with a regex search for each: the words before a name are read a dozen times an article).
    """
    lo = max(0, start - 40)
    # an article fused to the name ("al-" right before it, spaces between or not) is dropped,
    # so one word more is read
    i = start
    while i > lo and text[i - 1] in " \t":
        i -= 1
    want = n + 1 if i > lo and text[i - 1] == "-" else n
    words: list[str] = []
    i = start
    while i > lo and len(words) < want:
        c = ord(text[i - 1])
        if 97 <= c <= 122 or 65 <= c <= 90:  # [A-Za-z]
            # (a word of lower-case letters is its own lower case: lower() made a copy of it; the
            # letters are ASCII, whose lower case is the one str.lower gives)
            upper = c <= 90
            j = i - 1
            while j > lo:
                c = ord(text[j - 1])
                if 97 <= c <= 122:
                    j -= 1
                elif 65 <= c <= 90:
                    upper = True
                    j -= 1
                else:
                    break
            word = text[j:i]
            words.append(word.lower() if upper else word)
            i = j
        else:
            i -= 1
    words.reverse()
    if want > n and words and words[-1] in ("al", "el"):
        del words[-1]
    return words[-n:]


# Arabic words before a name that say it is a place ("مدينة إدلب", the city of Idlib),
# with "و" (and) or "ب" (in) fused to them or not.
_ARABIC_TYPE_BEFORE: Final = frozenset(
    "مدينة بلدة قرية ريف حي منطقة محافظة مخيم ناحية مدينه بلده قريه "
    "مدن بلدات قرى أحياء احياء مناطق مخيمات مدينتي بلدتي قريتي".split())
_ARABIC_WORD_BEFORE: Final = re.compile(r"([\u0600-\u06ff]+)[ \t]+\Z")
_ARABIC_MARKS: Final = re.compile(f"[{ARABIC_MARKS}]")
# Arabic prepositions and directions before a place, as "in X", "near X", "north of X" are.
_ARABIC_LOCATIVE_BEFORE: Final = frozenset(
    "في قرب عند من إلى الى إلي على نحو باتجاه حول خارج داخل عبر بين شمال جنوب شرق غرب "
    "شمالي جنوبي شرقي غربي أطراف اطراف محيط ضواحي مشارف مدخل "
    # "the desert of X", "the road of X", "the residents / people of X", "X airport", "X crossing"
    "بادية طريق سكان أهالي اهالي مطار معبر".split())
_ARABIC_GLUED_BEFORE: Final = re.compile(r"(?<![\u0600-\u06ff])[\u0600-\u06ff]{1,2}\Z")


def _has_arabic_place_cue(text: str, start: int, strict: bool = False) -> bool:
    """An Arabic type word before the name ("مدينة إدلب"); unless ``strict``, also a
    preposition ("في إدلب", "قرب سراقب") or "in" written onto the name ("بسراقب")."""
    if not strict and start and is_arabic(text[start - 1]):
        glued = _ARABIC_GLUED_BEFORE.search(text, max(0, start - 3), start)
        return glued is not None and glued.group() in ("ب", "وب", "فب")
    word = _arabic_word_before(text, start)
    if word in _ARABIC_TYPE_BEFORE:
        return True
    return not strict and word in _ARABIC_LOCATIVE_BEFORE


# a town taken or held: "Iraqi forces had retaken al-Qaim", "Islamic State holds al-Qaim"
_CAPTURED: Final = frozenset({"liberated", "retook", "retaken", "recaptured", "recapture", "captured",
                              "seized", "stormed", "holds"})
# The word before a name that makes it a place: "in X", "near X"; for a name the
# gazetteer lacks (strict) only words that rarely precede anything but a place.
_CUE_BEFORE: Final = _LOCATIVE_BEFORE - {"of", "to"} | {"held", "controlled"} | _CAPTURED  # "rebel-held X"
_STRICT_CUE_BEFORE: Final = frozenset({"near", "outside", "around", "towards", "toward", "held", "controlled"})


# The cue after a name as a regex, the same answers as the word list (see _has_place_cue):
# a Latin word is a maximal run of [A-Za-z], compared lower-cased (ASCII case only: "(?ai:...)").
# (The words before it are read by _cue_before from _words_before, which reads them backwards
# from the name, in a compiled loop: cheaper than the regex on the reversed window it replaced.)
_CUE_AFTER: Final = re.compile(  # _word_after(...) in _ALL_CUES
    rf"{_BEFORE_WORD_AFTER}(?ai:{'|'.join(sorted(_ALL_CUES))})(?![A-Za-z])")
# the same, its leading spaces and hyphens taken without backtracking ("*+"): what follows them
# starts with "(" or a letter, or is "[ \t]+" before a letter (which the spaces taken leave to the
# cue word itself), so giving some back never makes a match; a failing match (most) is tried once
assert _BEFORE_WORD_AFTER.startswith(r"[\s\-]*(")
_CUE_AFTER_ONCE: Final = re.compile(_CUE_AFTER.pattern.replace(r"[\s\-]*", r"[\s\-]*+", 1))
# "the village of X", and a bearing: "east of X", "north-west of X" (not a bare "of": "the
# President of X")
# and the people of a place: "residents of X", "the people of X" (as the Arabic cues' سكان and أهالي)
_BEFORE_OF: Final = _TYPE_BEFORE | {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                             "residents", "inhabitants", "people"}
# a move to a place: "fled to X", "bussed to X", "returning to X" (not a bare "to": "said to X")
_MOVED_BEFORE_TO: Final = frozenset({
    "fled", "flee", "fleeing", "return", "returned", "returning", "bussed", "evacuated", "moved",
    "headed", "heading", "withdrew", "withdrawn", "withdrawing", "retreated", "transferred",
    "deported", "displaced", "relocated", "advanced", "advancing", "marched"})


#: what _CUE_AFTER_ONCE can read first after its spaces and hyphens: a gloss's "(", a bearing
#: (north, south, east, west: also "\u017f", which its IGNORECASE reads as s), "refugee",
#: "displaced", "military", a demonym before a camp's type word, or a cue word (ASCII case
#: only): where the character after them is none of these, _has_place_cue does not try the
#: regex (a test in C of one character, where the regex tries its bearings and some thirty words)
_CUE_AFTER_FIRST_LETTERS: Final = frozenset(
    "(\u017f" + "".join(w[0] + w[0].upper() for w in (*_ALL_CUES, "north", "south", "east", "west",
                                                     "refugee", "displaced", "military", *_DEMONYMS_BEFORE_CAMP)))


def _has_place_cue(text: str, start: int, end: int, strict: bool = False) -> bool:
    """True if the words around ``text[start:end]`` say it is a place ("the village of X", "X province", "near X").

    ``strict``, for names the gazetteer lacks: "near X" but not "in X", and an
    Arabic name only with an Arabic type word before it.

    The word after is :func:`_word_after`'s (read as it reads it: the regex, here
    _CUE_AFTER_ONCE, only where a bearing, a gloss or a camp's kind may come first), the
    words before the last two of :func:`_words_before`'s window: this runs for every
    capitalised name the gazetteer lacks.
    """
    if start < len(text) and 0x600 <= ord(text[start]) <= 0x6FF:  # (is_arabic(text[start:start + 1]))
        if _has_arabic_place_cue(text, start, strict):
            return True
        if strict:
            return False
    stop = min(len(text), end + 30)
    i = _gap_end(text, end, stop)
    if i < stop:
        # _word_after's fast paths, then its regex only where a bearing, a gloss or a camp's
        # kind may come first (_CUE_AFTER_ONCE matches where the word after is a cue)
        c = ord(text[i])
        if 97 <= c <= 122 or 65 <= c <= 90:
            j = i + 1
            while j < stop and (97 <= ord(text[j]) <= 122 or 65 <= ord(text[j]) <= 90):
                j += 1
            if text[i] not in _WORD_AFTER_OPENERS:  # (_plain_word_at's word)
                if j - i <= _ALL_CUES_LONGEST and _lower_slice(text, i, j) in _ALL_CUES:
                    return True
            elif j < stop and ord(text[j]) >= 128 or _lower_slice(text, i, j) in _WORD_AFTER_OPENER_WORDS:
                # a bearing or a camp's kind, whole, or letters a non-ASCII character ends: the regex's
                if text[i] in _CUE_AFTER_FIRST_LETTERS and _CUE_AFTER_ONCE.match(text, end, stop) is not None:
                    return True
            elif j - i <= _ALL_CUES_LONGEST and _lower_slice(text, i, j) in _ALL_CUES:  # (_word_after's word)
                return True
        elif (c >= 128 or c == 40) and text[i] in _CUE_AFTER_FIRST_LETTERS \
                and _CUE_AFTER_ONCE.match(text, end, stop) is not None:
            return True  # (an ASCII character other than a letter or "(": no word, no cue)
    return _cue_before(text, start, strict)


def _cue_before(text: str, start: int, strict: bool) -> bool:
    """True if the words before ``start`` say a name there is a place: "near X", "the village of
    X", "fled to X" (:func:`_has_place_cue`'s test of them).

    :func:`_cue_before_by_words` (its reference) read back in one compiled loop: only the words
    it needs become strings (the last, and the one before it after "of" or "to"), where the
    list of :func:`_words_before` made each a string, and a list, and reversed it.
    """
    lo = start - 40 if start > 40 else 0
    i = start
    while i > lo and (text[i - 1] == " " or text[i - 1] == "\t"):
        i -= 1
    # an article fused to the name ("al-" right before it) is read past
    fused = i > lo and text[i - 1] == "-"
    end = _letters_end_before(text, start, lo)
    if end == lo:
        return False  # no word in the window
    begin = _letters_start_before(text, end, lo)
    last = _lower_slice(text, begin, end)
    if fused and (last == "al" or last == "el"):
        end = _letters_end_before(text, begin, lo)
        if end == lo:
            return False
        begin = _letters_start_before(text, end, lo)
        last = _lower_slice(text, begin, end)
    if last == "of" or last == "to":
        end = _letters_end_before(text, begin, lo)
        if end == lo:
            return False  # "of X" with no word before it
        word = _lower_slice(text, _letters_start_before(text, end, lo), end)
        # "the village of X", "east of X"; "fled to X"
        return word in (_BEFORE_OF if last == "of" else _MOVED_BEFORE_TO)
    return last in (_STRICT_CUE_BEFORE if strict else _CUE_BEFORE)


def _lower_slice(text: str, i: int, j: int) -> str:
    """``text[i:j].lower()``, the slice itself where it has no capital letter and nothing beyond
    ASCII (a word read around a name mostly: lower() made a second string of it)."""
    for k in range(i, j):
        c = ord(text[k])
        if 65 <= c <= 90 or c >= 128:
            return text[i:j].lower()
    return text[i:j]


def _letters_end_before(text: str, i: int, lo: int) -> int:
    """The end of the last run of ASCII letters ([A-Za-z]) in ``text[lo:i]``; ``lo`` if none."""
    while i > lo:
        c = ord(text[i - 1])
        if 97 <= c <= 122 or 65 <= c <= 90:
            return i
        i -= 1
    return lo


def _letters_start_before(text: str, i: int, lo: int) -> int:
    """Where the run of ASCII letters ending at ``i`` starts (not before ``lo``)."""
    while i > lo:
        c = ord(text[i - 1])
        if not (97 <= c <= 122 or 65 <= c <= 90):
            return i
        i -= 1
    return lo


def _cue_before_by_words(text: str, start: int, strict: bool) -> bool:
    """True if the words before ``start`` say a name there is a place: "near X", "the village of
    X", "fled to X": :func:`_cue_before` by the words of :func:`_words_before` (its reference, for
    the tests)."""
    before = _words_before(text, start, 2)
    if not before:
        return False
    last = before[-1]
    if last == "of":
        return len(before) == 2 and before[0] in _BEFORE_OF  # "the village of X", "east of X"
    if last == "to":
        return len(before) == 2 and before[0] in _MOVED_BEFORE_TO  # "fled to X"
    return last in (_STRICT_CUE_BEFORE if strict else _CUE_BEFORE)


# "X west of Aleppo", "X, 5 km north-east of Idlib": the gap from a name to the place it lies off
_BEARING_OFF: Final = (
    r",?[ \t]+(?:(?:about|some|around)[ \t]+)?(?:\d+[ \t]*(?:km|kilomet(?:er|re)s?|miles?)[ \t]+)?"
    r"(?:north|south|east|west)(?:[ \t-]?(?:east|west))?[ \t]+of[ \t]+(?:the[ \t]+(?:city|town|village)[ \t]+of[ \t]+)?"
    r"(?:(?:al|el)-)?")
# ... then a capital: a place, whatever its name
_DIRECTION_OF_AFTER: Final = re.compile(_BEARING_OFF + "[A-Z]")
_NAME_IN_LIST: Final = r"(?:(?:al|el)[ \t]*-[ \t]*)?[A-Z][\w'’`]*"
# A list opened by a plural type word: "the neighborhoods of al-Sabil al-Mogambo al-Furqan and
# al-Midan", "the villages of A, B and C" (its commas kept or lost); ends at the name's own article
_TYPE_LIST_OPEN: Final = re.compile(r"\b(?i:neighbou?rhoods|villages|towns|districts|quarters|areas)[ \t]+of[ \t]+")
# its plural type word, closing the text before "of" (the spaces taken off): what
# :func:`_type_list_openers` checks at each " of " instead of running the opener over the text
_TYPE_LIST_WORD: Final = re.compile(r"\b(?i:neighbou?rhoods|villages|towns|districts|quarters|areas)\Z")
_SPACES: Final = re.compile(r"[ \t]+")
_TYPE_LIST_NAMES: Final = re.compile(
    rf"(?:{_NAME_IN_LIST}(?:[ \t]*-[ \t]*|[ \t]+|[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+))+"
    rf"(?:(?:al|el)[ \t]*-[ \t]*)?")
_TYPE_LIST_REACH: Final = 160


def _letter_after_gap(text: str, end: int) -> str:
    """The character after the spaces, tabs and commas right after ``end``; "" if there are none
    or nothing follows them. _DIRECTION_OF_AFTER and _HELD_IN_AFTER need one of a few letters
    there: a test of it spares most names their regex."""
    i, n = end, len(text)
    while i < n and (ord(text[i]) == 32 or ord(text[i]) == 9 or ord(text[i]) == 44):  # (" \t," by code)
        i += 1
    return text[i] if end < i < n else ""


#: the words _DIRECTION_OF_AFTER can read first after its gap, whole (its "about", "some",
#: "around", then spaces; a bearing, one or two, then a space, a tab or a hyphen)
_DIRECTION_FIRST_WORDS: Final = frozenset(
    ["about", "some", "around"] + [a + b for a in ("north", "south", "east", "west") for b in ("", "east", "west")])


def _ascii_word_after_gap(text: str, end: int) -> str | None:
    """The run of ASCII letters after the spaces, tabs and commas at ``end`` (where
    :func:`_letter_after_gap` reads), lower-cased; None where a character beyond ASCII ends it
    (a regex's IGNORECASE may read more into it): the word the regexes below need whole."""
    i, n = end, len(text)
    while i < n and (ord(text[i]) == 32 or ord(text[i]) == 9 or ord(text[i]) == 44):
        i += 1
    j = i
    while j < n and (97 <= ord(text[j]) <= 122 or 65 <= ord(text[j]) <= 90):
        j += 1
    if j < n and ord(text[j]) >= 128:
        return None
    return text[i:j].lower()


def _direction_of_after(text: str, end: int) -> bool:
    """``_DIRECTION_OF_AFTER.match(text, end) is not None``: "about", "some", "around", a digit,
    or a bearing opens what follows the gap (the regex has no IGNORECASE), as a whole word."""
    letter = _letter_after_gap(text, end)
    if letter == "" or not (letter in "asnew" or letter.isdecimal()):
        return False
    if letter in "asnew":
        word = _ascii_word_after_gap(text, end)
        if word is not None and word not in _DIRECTION_FIRST_WORDS:
            return False  # (lower-case: the regex's words are, and it reads them case-sensitively)
    return _DIRECTION_OF_AFTER.match(text, end) is not None


#: the first letters of _HELD_IN_AFTER after its gap ("village", "town", "area", "in"), with every
#: character its IGNORECASE matches them with (checked over all code points: İ and ı are i's)
_HELD_IN_FIRST_LETTERS: Final = frozenset("vVtTaAiI\u0130\u0131")


def _held_in_after(text: str, end: int) -> bool:
    """``_HELD_IN_AFTER.match(text, end) is not None``, its first letter tested first, then its
    first word: "village", "town", "area" or "in" (in any case), where "and", "at", "the" and
    "to" share their first letters; then whether "countryside", "province" or "governorate",
    one of which it reads (before "of" or at its end), lies in the stretch it can match (see
    _held_in_reach): the regex, its parts all optional and case-insensitive, costs some twenty
    thousand instructions a name."""
    if _letter_after_gap(text, end) not in _HELD_IN_FIRST_LETTERS:
        return False
    word = _ascii_word_after_gap(text, end)
    if word is not None and word != "" and word not in ("in", "village", "town", "area"):
        return False
    stop = _held_in_reach(text, end)
    if stop >= 0:
        window = text[end:stop].lower()  # (ASCII: lower-cased as IGNORECASE reads it)
        if "countryside" not in window and "province" not in window and "governorate" not in window:
            return False
    return _HELD_IN_AFTER.match(text, end) is not None


def _held_in_reach(text: str, end: int) -> int:
    """Where a match of _HELD_IN_AFTER at ``end`` ends at the latest: at the first character none
    of its parts reads (they read ASCII letters, digits, "_", spaces, tabs, commas, hyphens and
    the apostrophes ' and `); -1 where a character beyond ASCII comes first (a letter, or ’)."""
    i, n = end, len(text)
    while i < n:
        c = ord(text[i])
        if 97 <= c <= 122 or 65 <= c <= 90 or 48 <= c <= 57 or c == 32 or c == 9 or c == 44 or c == 45 \
                or c == 39 or c == 96 or c == 95:
            i += 1
        elif c >= 128:
            return -1
        else:
            break
    return i


#: :func:`_type_list_openers` of the last few texts (a plain dict read in compiled code: an
#: lru_cache is called through Python's protocol, at each name the gazetteer lacks)
_TYPE_LIST_OPENERS: Final[dict[str, tuple[tuple[int, int], ...]]] = {}


def _type_list_openers_of(text: str) -> tuple[tuple[int, int], ...]:
    """:func:`_type_list_openers`, memoised for the last four texts."""
    found = _TYPE_LIST_OPENERS.get(text)
    if found is None:
        if len(_TYPE_LIST_OPENERS) >= 4:
            _TYPE_LIST_OPENERS.clear()
        found = _TYPE_LIST_OPENERS[text] = _type_list_openers(text)
    return found


def _type_list_openers(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every "the villages of" (a plural type word and "of") in an article,
    found once: :func:`_in_type_list` asks for each name the gazetteer lacks.

    The spans of :data:`_TYPE_LIST_OPEN`'s matches, found from each "of" between spaces
    (``str.find``, in C) back to its type word: a regex alternation tried at every
    character of the text cost 5-8 % of a whole parse. The characters around each "of" are
    read as code points (no one-character strings).
    """
    spans = []
    n = len(text)
    spaced = "\t" not in text  # (then every "of" between spaces or tabs is found as " of ")
    at = _next_of(text, 1, spaced)
    while at != -1:
        after = at + 2
        c = ord(text[at - 1])
        if (c == 32 or c == 9) and after < n and (ord(text[after]) == 32 or ord(text[after]) == 9):
            word_end = at - 1
            while word_end and (ord(text[word_end - 1]) == 32 or ord(text[word_end - 1]) == 9):
                word_end -= 1
            # (every type word ends in an s, which only "S" and "\u017f" match besides under IGNORECASE)
            if word_end:
                c = ord(text[word_end - 1])
                if (c == 115 or c == 83 or c == 0x17F) and _may_end_type_word(text[max(0, word_end - 4):word_end]):
                    word = _TYPE_LIST_WORD.search(text, max(0, word_end - 14), word_end)
                    if word is not None:
                        space_end = after + 1  # (_SPACES's match from the space or tab after "of")
                        while space_end < n and (ord(text[space_end]) == 32 or ord(text[space_end]) == 9):
                            space_end += 1
                        spans.append((word.start(), space_end))
        at = _next_of(text, after, spaced)
    return tuple(spans)


def _next_of(text: str, i: int, spaced: bool) -> int:
    """The next "of" from ``i`` that :func:`_type_list_openers` reads, or -1: in a text with no
    tab (``spaced``) the next " of " (str.find skips the "of" in "official", "offensive"), in
    any other the next "of"."""
    if spaced:
        at = text.find(" of ", i - 1)
        return at + 1 if at != -1 else -1
    return text.find("of", i)


#: the last four letters of _TYPE_LIST_WORD's words (an ASCII word that ends otherwise is none)
_TYPE_WORD_ENDS: Final = frozenset({"oods", "ages", "owns", "icts", "ters", "reas"})


def _may_end_type_word(tail: str) -> bool:
    """False if the four characters before " of" end none of _TYPE_LIST_WORD's words ("residents",
    "thousands"): ASCII ones, read in any case (beyond ASCII, IGNORECASE may read ſ as s)."""
    return not tail.isascii() or tail.lower() in _TYPE_WORD_ENDS
_WORD_BEFORE_IN_RUN: Final = re.compile(r"([A-Za-z]+)[ \t]+\Z")
_NOT_IN_LIST: Final = re.compile(r"\b[A-Z]{2,}\b")  # "Aleppo Monitor AFP Thursday": a headline, not a list


# the rest of a list closed by a plural type word, after one of its names: " al-Jalloum and Bab
# Qinnasrin neighbourhoods" (after "the al-Farafira")
_TYPE_LIST_CLOSE: Final = re.compile(
    rf"(?:,?[ \t]+(?:and[ \t]+)?{_NAME_IN_LIST}(?:[ \t]+{_NAME_IN_LIST})?){{0,6}}[ \t]+"
    r"(?:neighbou?rhoods|districts|quarters|villages|towns)\b")  # (lower-case: not a headline's "Towns")
_TYPE_LIST_CLOSE_REACH: Final = 120


def _closes_type_list(text: str, end: int) -> bool:
    """True if the name ending at ``end`` is in a list a plural type word closes ("the al-Farafira
    al-Jalloum and Bab Qinnasrin neighbourhoods"): looked for only where such a word follows."""
    # what the regex needs first: spaces or tabs (after a comma or not), then "and", an article,
    # a capital or a type word (a test of a few code points, where most names are followed by
    # "said", "in", "on", a full stop: the window's substring tests cost 2 k instructions)
    n = len(text)
    i = end + 1 if end < n and ord(text[end]) == 44 else end
    j = i
    while j < n and (ord(text[j]) == 32 or ord(text[j]) == 9):
        j += 1
    if j == i or j == n or not (65 <= ord(text[j]) <= 90 or text[j] in "aendqvt"):
        return False
    stop = end + _TYPE_LIST_CLOSE_REACH  # (each word sought in the window, no copy of it made)
    if text.find("neighbo", end, stop) < 0 and text.find("district", end, stop) < 0 \
            and text.find("quarters", end, stop) < 0 and text.find("villages", end, stop) < 0 \
            and text.find("towns", end, stop) < 0:
        return False
    return _TYPE_LIST_CLOSE.match(text, end) is not None


def _in_type_list(text: str, start: int, end: int,
                  openers: tuple[tuple[int, int], ...] | None = None) -> bool:
    """True if the name at ``start`` is in a list opened by a plural type word ("the villages of").

    Not the second word of a name whose generic head stood alone ("Wadi Dahab"), nor a run
    with a month, a day or an acronym in it (a headline's words).
    """
    if openers is None:  # (find passes its text's, read once: the memo hashed the whole text)
        openers = _type_list_openers_of(text)
    if not openers:  # (most articles: no list opened at all)
        return False
    opens = [e for s, e in openers if start - _TYPE_LIST_REACH <= s and e < start]
    if not opens:  # (most names: no list opened within reach)
        return False
    before = _WORD_BEFORE_IN_RUN.search(text, max(0, start - 20), start)
    if before and fold_token(before.group(1)) in _GENERIC_HEADS:
        return False
    surface = text[start:end]
    if _NOT_IN_LIST.search(surface) or any(w.lower() in _MONTHS_DAYS for w in surface.split()):
        return False
    # then nothing but names (at least one) from the opener up to this one
    return any(_TYPE_LIST_NAMES.fullmatch(text, e, start) for e in opens)


def _has_place_cue_by_words(text: str, start: int, end: int, strict: bool = False) -> bool:
    """:func:`_has_place_cue` word by word (its reference, for the tests): the word after read by
    :func:`_word_after` itself; the words before by :func:`_cue_before`, which both share."""
    if is_arabic(text[start:start + 1]):
        if _has_arabic_place_cue(text, start, strict):
            return True
        if strict:
            return False
    return _word_after(text, end) in _ALL_CUES or _cue_before_by_words(text, start, strict)


# --------------------------------------------------------------------------- resolution


@dataclass(frozen=True)
class ResolveOptions:
    """Weights of the resolution score; the defaults were tuned on the dev corpus."""

    admin1_weight: float = 3.0
    proximity_weight: float = 3.0
    proximity_km: float = 40.0
    fuzzy_min_ratio: float = 65.0
    fuzzy_province_ratio: float = 80.0  # a spelling placed by its governorate alone
    fuzzy_min_letters: int = 5
    fuzzy_max_km: float = 60.0
    sibling_far_km: float = 50.0
    max_candidates: int = 8
    container_weight: float = 3.0
    province_weight: float = 8.0  # the container is a governorate named as one ("in Quneitra province")
    section_weight: float = 1.5  # a bulletin's section header's governorate, for the names below it


# Memos of what a place alone decides, keyed by its id (emptied when full): a Place hashes and
# compares by its id, but in Python, which an lru_cache keyed by the place calls at every lookup
_PRIORS: Final[dict[str, float]] = {}
_NAME_KEYS: Final[dict[str, tuple[str, ...]]] = {}
_PRIMARY_KEYS: Final[dict[str, str]] = {}
_PLACE_MEMO_SIZE: Final = 100_000


def _prior(place: Place) -> float:
    """:func:`_prior_of`, memoised."""
    prior = _PRIORS.get(place.id)
    if prior is None:
        if len(_PRIORS) >= _PLACE_MEMO_SIZE:
            _PRIORS.clear()
        prior = _PRIORS[place.id] = _prior_of(place)
    return prior


# The base priors by kind (module constants: a dict written in the function was built at each call)
_SYRIAN_PRIORS: Final[dict[str, float]] = {"governorate": 4.0, "region": 3.5, "town": 3.0, "district": 2.0,
                                           "village": 1.5, "neighbourhood": 0.3, "other": 1.0}
_NEAR_PRIORS: Final[dict[str, float]] = {"governorate": 1.5, "region": 1.5, "town": 1.2, "district": 0.5}


def _prior_of(place: Place) -> float:
    pop = place.population or 0
    popbonus = math.log10(pop) / 3 if pop > 1 else 0.0
    if place.kind == "country":
        return 6.0
    if place.country == "SY":
        base = _SYRIAN_PRIORS.get(place.kind, 1.0)
        if place.kind in ("governorate", "district"):
            # its population is the sum of its towns': no bonus (else the district of
            # Ma'arrat an-Nu'man, 400,000 people, beats the town of the name)
            return base
        return base + popbonus
    if place.capital_of:
        return 3.5 + popbonus
    if place.country in NEAR_COUNTRIES:
        base = _NEAR_PRIORS.get(place.kind, 0.3)
        # (a district's population is its towns', as in Syria: no bonus; else Mardin's district
        # Derik beats al-Malikiyah, which Kurdish news calls Derik)
        return base if place.kind == "district" else base + popbonus
    # a big town far abroad counts half its size: in Syria news a bare "Arak" is the Homs village,
    # not Iran's city (a capital, a neighbour's town, or a town the article names the country of,
    # is another matter)
    return 0.5 + popbonus / 2


def _type_before(before: Sequence[str]) -> str:
    """The place-type word of "the <type> of X" before a name ("village"), else ""."""
    return before[-2] if len(before) >= 2 and before[-1] == "of" else ""


#: Direction words before a name: "eastern Homs" (the desert), "northern Hama" are parts of
#: the governorate; Aleppo's and Damascus's halves are the cities' ("eastern Aleppo").
_COMPASS: Final = frozenset("north south east west northeast northwest southeast southwest".split())
_DIRECTIONS: Final = frozenset("northern southern eastern western northeastern northwestern southeastern southwestern "
                        .split()) | _COMPASS
_CITIES_WITH_HALVES: Final = frozenset({"Aleppo", "Damascus"})
_AIRPORT: Final = "\u2020"  # (see _context)
_DIRECTIONS_OR_AIRPORT: Final = _DIRECTIONS | {_AIRPORT}


# (the cue readings below take a cue's words as a tuple: the compiler indexes it directly, where
# it indexed a Sequence through Python's protocol)
def _governorate_before(before: tuple[str, ...]) -> bool:
    """True if the words before a name make it a governorate: "the province of X", "rural X"
    (the countryside of X: Rural Damascus is a governorate's name), "the Damascus Countryside and X"
    (a list that opened with a governorate)."""
    return _type_before(before) in _GOVERNORATE_CUES or (
        bool(before) and before[-1] in ("rural", _HEADER, _INSTITUTION, _REGION)) or (
        len(before) >= 2 and before[-1] in _ACROSS and (
            before[-2] in _SETTLEMENTS or before[-2] in _OILFIELDS
            or len(before) >= 3 and before[-2] in _FIELDS and before[-3] not in _NOT_A_FIELDS_NAME)) or (
        len(before) >= 2 and before[-1] == "and" and before[-2] in _PROVINCE_WORDS)


# "towns and villages in Aleppo", "11 towns and villages across Idlib", "several towns in Hama",
# "the Syrian town in Idlib", "Babeska a village in Idlib": settlements are in a governorate, not in
# a city of its name (but "a village in Aleppo city": _cue_bonus)
_SETTLEMENTS: Final = frozenset({"towns", "villages", "cities", "town", "village"})
_ACROSS: Final = frozenset({"in", "across", "throughout"})
# "the biggest oil and gas field in Deir al-Zor", "a gas field in Homs", "oilfields in Raqqa": fields
# lie in a governorate's countryside, not in the city of its name
_OILFIELDS: Final = frozenset({"oilfield", "oilfields", "gasfield", "gasfields"})
_FIELDS: Final = frozenset({"field", "fields"})
# ... and a named field ("al-Shaer field in Homs"), but not "the field in X"
_NOT_A_FIELDS_NAME: Final = frozenset({"the", "a", "this", "that", "battle", "killing"})
_PARTS: Final = frozenset({"part", "parts"})
_PROVINCE_WORDS: Final = frozenset({"province", "governorate", "countryside"})


def _bearing_from(before: tuple[str, ...]) -> bool:
    """True for "north of" before a name ("The town lies north of Raqqa", "the Euphrates Valley
    south of Deir Ezzor"): a bearing is taken from the city, there only (but "in the north of Hama"
    may be the governorate's north)."""
    return _type_before(before) in _COMPASS and not (len(before) >= 3 and before[-3] == "the")


def _cue_bonus(place: Place, after: str, before: tuple[str, ...], typed: str, governorate: bool,
               bearing: bool) -> float:
    """What the words around a name (``after``, ``before``) add to ``place``'s score.

    ``typed`` (:func:`_type_before`), ``governorate`` (a governorate cue: :func:`_says_governorate`)
    and ``bearing`` (:func:`_bearing_from`) are readings of the words alone, the same for every
    candidate: :func:`_static_scores_of` takes them once per name, not once per place.
    """
    if governorate:
        # "Idlib province", "the province of Idlib"; not "towns in Aleppo city"
        return 5.0 if place.kind == "governorate" else -2.0
    if before and before[-1] == _AIRPORT:  # "Deir Ezzor military airport": the city's
        return 4.0 if place.kind == "town" else -2.0
    if before and before[-1] in _DIRECTIONS and place.kind == "region" \
            and place.name.split(" ", 1)[0].lower() in (before[-1], before[-1] + "ern"):
        return 4.0  # "eastern Ghouta", "east Ghouta": the region Eastern Ghouta (not Homs's Ghota after "Homs and")
    if before and before[-1] in _DIRECTIONS and place.kind == "governorate" \
            and place.admin1 not in _CITIES_WITH_HALVES:
        return 2.5  # "in Eastern Homs": the governorate's east
    if bearing:
        return -2.0 if place.kind == "governorate" else 0.0
    if before and before[-1] in _POINT_BEFORE:
        return -3.0 if place.kind == "governorate" else 0.0  # "a base near Hasakah": the city
    if after in _NEIGHBOURHOOD_CUES or typed in _NEIGHBOURHOOD_CUES:
        return _NEIGHBOURHOOD_CUE_BONUS.get(place.kind, -1.0)
    if after in _LOCALITY_CUES or typed in _LOCALITY_CUES or typed == "capital":
        return 4.0 if place.kind in ("town", "village", "neighbourhood") else -1.0
    if after in _REGION_CUES:
        return 2.0 if place.kind in ("region", "district", "village", "town", "neighbourhood") else 0.0
    if typed in _HIGHLANDS:  # "the mountains of Latakia": the province's, or a region's
        return 3.0 if place.kind == "governorate" else 2.0 if place.kind == "region" else 0.0
    if after in _FACILITY_WORDS:  # "Idlib University", "Aleppo University Hospital": the city's
        return 3.0 if place.kind == "town" else -1.0
    if after == "crossing":
        return 1.0 if place.kind in ("other", "region") else 0.0
    return 0.0


def _may_cue_a_kind(after: str, before: tuple[str, ...], typed: str, governorate: bool, bearing: bool) -> bool:
    """False where :func:`_cue_bonus` gives every place 0.0: none of the words it reads is one of
    its cues (the tests it makes before it reads a place's fields, in its order)."""
    if governorate or bearing:
        return True
    if before:
        last = before[-1]
        if last == _AIRPORT or last in _DIRECTIONS or last in _POINT_BEFORE:
            return True
    return after in _NEIGHBOURHOOD_CUES or typed in _NEIGHBOURHOOD_CUES or after in _LOCALITY_CUES \
        or typed in _LOCALITY_CUES or typed == "capital" or after in _REGION_CUES or typed in _HIGHLANDS \
        or after in _FACILITY_WORDS or after == "crossing"


_NEIGHBOURHOOD_CUE_BONUS: Final = {"neighbourhood": 5.0, "town": 1.0, "village": 1.0}
#: Words before a name that put it at a point, not over a province: "near X", "outside X"
#: (the blind batches' answers read a capital after them as the city 22 times, never as its province).
_POINT_BEFORE: Final = frozenset({"near", "outside"})


def _says_governorate(after: str, before: tuple[str, ...]) -> bool:
    """True if the words around a name call it a governorate ("Idlib province", "the province
    of Idlib"; not "towns in Aleppo city")."""
    return after in _GOVERNORATE_CUES or _governorate_before(before) and after not in _LOCALITY_CUES


def _capitals_as_actors(matches: Sequence[Match], actors: Sequence[ActorMention]) -> Sequence[Match]:
    """A name the actor finder reads as a state ("Ankara considers the YPG ...": Turkey) is that
    state's capital, not a village of its name near the article's other places (Anqarah in
    Hasakah)."""
    # (the actors' spans gathered at the first name with a capital among its candidates: most
    # articles have none)
    as_actor: set[tuple[int, int]] | None = None
    out = list(matches)
    for i, m in enumerate(matches):
        if len(m.candidates) > 1 and any(p.capital_of for p in m.candidates):
            if as_actor is None:
                as_actor = {(a.start, a.end) for a in actors if not a.coref}
            if (m.start, m.end) in as_actor:
                capitals = tuple(p for p in m.candidates if p.capital_of)
                if len(capitals) < len(m.candidates):
                    out[i] = m._replace(candidates=capitals)
    return out


def _km(a: Place, b: Place) -> float:
    """Great-circle distance in km (geopy's great_circle formula, without its object overhead)."""
    return _haversine(a.lat, a.lon, b.lat, b.lon)


# (typed: a float the compiler keeps unboxed, where geopy's untyped constant made every product
# with it a boxed one)
_EARTH_DIAMETER: Final[float] = 2 * EARTH_RADIUS
_DEG_TO_RAD: Final = math.pi / 180.0  # (math.radians(x) == x * _DEG_TO_RAD)
_ASIN: Final = math.asin  # (no C call of the compiler's: a call of the function, not of a module attribute)


# Not memoised: compiled, the formula on unboxed floats (a few libm calls) costs less than an
# lru_cache's look-up of four boxed floats, even where it hits.
def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    # Written for the compiler: math.sin, math.cos, math.sqrt and math.pow called by name are C
    # calls on unboxed floats (the same libm functions as x ** 2 and the math module's), and
    # math.radians(x) is x * _DEG_TO_RAD, as the math module computes it: the same result
    p1, p2 = lat1 * _DEG_TO_RAD, lat2 * _DEG_TO_RAD
    dphi, dlmb = p2 - p1, (lon2 - lon1) * _DEG_TO_RAD
    h = math.pow(math.sin(dphi / 2), 2.0) + math.cos(p1) * math.cos(p2) * math.pow(math.sin(dlmb / 2), 2.0)
    return _EARTH_DIAMETER * _ASIN(min(1.0, math.sqrt(h)))


def resolve_places(text: str, matches: Sequence[Match], unknown: Sequence[Span],
                   gazetteer: Gazetteer, sentences: Sequence[tuple[int, int]],
                   actors: Sequence[ActorMention] = (),
                   options: ResolveOptions = ResolveOptions(),
                   headline: Sequence[PlaceMention] = (), headline_end: int = 0,
                   loose: Sequence[Span] = ()) -> tuple[list[PlaceMention], list[Span]]:
    """Pick one place for every match; place unknown names by fuzzy or sibling rules.

    Two rounds: the first scores each candidate by its prior, the cue words
    around it and the governorates the article's *other* names point to; the
    second adds closeness to the places chosen in the first. The places of
    the article's ``headline`` (resolved on their own) add their governorates
    as one more mention each would: a headline says where the story is. They
    are context only, not mentions. ``headline_end`` is where the title ends
    when the text carries it (after a date or a byline; 0: it does not).
    Returns the resolved mentions (sorted by offset) and the spans left
    unresolved. A ``loose`` name (see :meth:`PlaceFinder.find`) is a mention only if a
    similar name lies near the passage's places; else it is dropped, not reported.
    """
    if actors:
        matches = _capitals_as_actors(matches, actors)
    # a name with one candidate needs no context: its cue and scores are never read
    cues = _in_headers(text, matches, [_context(text, m, sentences) if len(m.candidates) > 1 else _NO_CUE
                                       for m in matches])
    shared: dict[tuple[tuple[str, ...], tuple[tuple[float, int], ...]], list[tuple[float, Place]]] = {}
    # (only a name said twice or more shares its list: _choose knows a list again under its name only)
    once: set[str] = set()
    again: set[str] = set()
    for m in matches:
        if len(m.candidates) > 1:
            if m.key in once:
                again.add(m.key)
            else:
                once.add(m.key)
    static = [(_static_scores(m, cue, options, shared if m.key in again else None) if len(m.candidates) > 1
               else [(0.0, m.candidates[0])]) for m, cue in zip(matches, cues)]
    static = _with_named_neighbours(text, matches, static, sentences)
    # the votes of _votes_by_key, each mention's cast as it is read (no list of (key, governorates,
    # weight) tuples built for it): the mentions' first, then the headline's
    title_votes: list[tuple[str, tuple[str, ...], float]] = [
        ("\0headline", (pm.place.admin1,), HEADLINE_WEIGHT)
        for pm in headline if pm.place.admin1 and pm.place.kind != "country" and pm.place.country == "SY"]
    votes: dict[str, dict[str, float]] = {}
    for m in matches:
        _vote(votes, m.key, _admins_of(m.candidates), 1.0)
    for key, admins, weight in title_votes:
        _vote(votes, key, admins, weight)
    chosen = _choose(matches, static, votes, {}, options, again)
    # (the chosen place's governorate, as _admin_of gives it, cast alone: a vote split one way)
    votes = {}
    for m, (p, c) in zip(matches, chosen):
        admin1 = p.admin1
        if admin1 and p.kind != "country":
            _vote_one(votes, m.key, admin1, c)
    for key, admins, weight in title_votes:
        _vote(votes, key, admins, weight)
    anchors = _anchors(matches, chosen)
    static = _with_containers(text, matches, static, chosen, options)
    static = _with_sections(matches, static, cues, options)
    chosen = _choose(matches, static, votes, anchors, options, again)
    chosen = _one_sense_per_discourse(matches, chosen, cues)
    _twin_rows_as_written(matches, chosen)
    _district_seats(matches, chosen, cues)
    _province_holders(text, matches, chosen, cues)
    _rural_governorates(matches, chosen, cues, gazetteer)
    _said_foreign(text, matches, chosen)
    _big_towns_listed_with_big_places(text, matches, chosen, cues)
    _governorates_listed_together(text, matches, chosen, cues)
    _villages_listed_together(text, matches, chosen)
    _twins_listed_together(text, matches, chosen)
    _neighbourhoods_listed_together(text, matches, chosen)
    _towns_a_road_links(text, matches, chosen, cues)
    if headline_end:
        _headline_follows_the_story(text, matches, chosen, cues, headline_end)
    in_actor = _Blocked([(a.start, a.end) for a in actors])
    mentions = [_mention(text, m, p, c, in_actor) for m, (p, c) in zip(matches, chosen)]
    _place_in_named_towns(text, matches, mentions, gazetteer, sentences)
    _place_in_possessor_towns(text, matches, mentions, gazetteer)
    # the cues of the names with one candidate, which the three rules below read (cues holds _NO_CUE
    # for them), each found once (see _cue_of)
    cue_memo: dict[int, _Cue] = {}
    _place_in_neighbourhoods_town(text, matches, mentions, cues, gazetteer, sentences, cue_memo)
    _far_villages_follow_their_text(text, matches, mentions, cues, gazetteer, sentences, cue_memo)
    _neighbourhoods_of_the_city_at_hand(text, matches, mentions, cues, gazetteer, sentences, cue_memo)
    _villages_on_their_bearing(text, matches, mentions, gazetteer)
    _villages_by_the_city_at_hand(text, matches, mentions, gazetteer)
    _foreign_villages_off_a_syrian_town(text, mentions, gazetteer)
    mentions, unknown = _said_syrian(text, mentions, unknown)
    mentions, unknown = _foreign_neighbourhoods(text, mentions, unknown)
    mentions, unknown = _foreign_villages_need_their_country(text, mentions, unknown, sentences)
    mentions, unknown = _alike_needs_support(mentions, unknown, options)
    extra, left = _place_unknown(text, unknown, mentions, gazetteer, options, sentences, in_actor)
    if loose:
        extra += _place_loose(loose, mentions + extra, gazetteer, options, sentences)
    return sorted(mentions + extra, key=lambda pm: pm.start), left


def _admin_of(place: Place) -> tuple[str, ...]:
    """(its governorate,) for a place in one (not a country), else ()."""
    admin1 = place.admin1
    return (admin1,) if admin1 and place.kind != "country" else ()


def _admins_of(candidates: tuple[Place, ...]) -> tuple[str, ...]:
    """The governorates of the candidates but countries, in the order of a set of them (as
    ``tuple({p.admin1 for p in candidates if p.admin1 and p.kind != "country"})``, each place's
    governorate read once)."""
    # (most names have one governorate, in one candidate or more: no set is built for them, whose
    # tuple would be that one)
    first: str | None = None
    found: set[str] | None = None
    for p in candidates:
        admin1 = p.admin1
        if admin1 and p.kind != "country":
            if first is None:
                first = admin1
            elif found is not None:
                found.add(admin1)
            elif admin1 != first:
                found = set()
                found.add(first)
                found.add(admin1)
    if found is not None:
        return tuple(found)
    return () if first is None else (first,)


#: What a neighbour's place gains where its passage names that country or its people: a Lebanese
#: report's "the roads leading to Akkar" (after "crossed into Lebanon") is Lebanon's Akkar, not a Homs
#: village spelt alike; "its border crossing at Jaber near Ramtha" after "Jordan closed" is Jordan's.
NAMED_NEIGHBOUR_BONUS: Final = 2.0
# (geocoder's, a static of the compiled module: an imported name is looked up in the module's dict at each use)
_NEIGHBOURS: Final[frozenset[str]] = NEIGHBOURS


def _with_named_neighbours(text: str, matches: Sequence[Match], static: list[list[tuple[float, Place]]],
                           sentences: Sequence[tuple[int, int]]) -> list[list[tuple[float, Place]]]:
    """``static`` with :data:`NAMED_NEIGHBOUR_BONUS` added to the candidates in a neighbouring
    country (Lebanon, Turkey, Iraq, Jordan, Israel, Palestine) that the name's sentence or one next
    to it names (not further: a sub-headline's "Smuggles Oil to Iraq" is no cue for al-Tanf),
    where the name is one of theirs as written (not a folded spelling: SANA's "Binan al-Hos" in a
    round-up naming Iraq is no Iraqi Qaryat al Hawd) and no Syrian place has it as written nor is
    a big place of it (the Golan is Syria's Golan Heights, though Israel is named)."""
    out = static
    for i, (m, scored) in enumerate(zip(matches, static)):
        if len(scored) < 2 or not any(p.country in _NEIGHBOURS for _, p in scored) \
                or any(p.country == "SY" and _is_major(p) for _, p in scored):
            continue
        if any(p.country == "SY" and _written_as(p, m.text) for _, p in scored) and not (
                # (a Syrian place of the name as written: "Rukban camp on the Jordanian border"; but a
                # Syrian village's namesake that is a town or more over the border, in a sentence naming
                # that country, is the town: "crossings in Hermel and Akkar" of a Lebanese army statement)
                all(p.kind == "village" for _, p in scored if p.country == "SY" and _written_as(p, m.text))
                and any(p.country in _NEIGHBOURS and p.kind in _ABOVE_VILLAGE and _written_as(p, m.text)
                        for _, p in scored)):
            continue
        start, end = _passage(sentences, m.start, 1) if sentences else (0, len(text))
        passage = text[start:end]
        gaining = {id(p) for _, p in scored if p.country in _NEIGHBOURS and _written_as(p, m.text)
                   and _names_country(passage, p.country)}
        if gaining:
            if out is static:
                out = list(static)
            out[i] = [(s + NAMED_NEIGHBOUR_BONUS if id(p) in gaining else s, p) for s, p in scored]
    return out


#: The kinds of a neighbour's place that outrank a Syrian village spelt alike (_with_named_neighbours)
_ABOVE_VILLAGE: Final = frozenset({"town", "district", "governorate"})


def _written_as(place: Place, surface: str) -> bool:
    """True if ``surface`` is one of ``place``'s names as written (not a folded spelling of one)."""
    return surface == place.name or surface in place.names


def _place_loose(loose: Sequence[Span], mentions: Sequence[PlaceMention], gazetteer: Gazetteer,
                 o: ResolveOptions, sentences: Sequence[tuple[int, int]]) -> list[PlaceMention]:
    """The loosely cued names the gazetteer spells otherwise, near the passage's places or in the
    governorate it names ("In Lattakia northern countryside ... in Kabani": Kabanah). Not a
    city's neighbourhood: with no cue of its own, a name near a city is as often a town
    outside it ("in Hassia 40 km south of Homs" is no quarter of Homs)."""
    local = _local_points(mentions)
    provinces = [pm for pm in mentions if pm.place.country == "SY" and pm.place.kind == "governorate"]
    sentence_of: dict[int, int] = {}  # (see _fuzzy)
    placed = [_fuzzy(span, local, gazetteer, o, sentences, provinces, None, sentence_of) for span in loose]
    return [pm for pm in placed if pm is not None and pm.place.kind != "neighbourhood"]


#: The weight of a headline's place in the governorate votes: that of one mention.
HEADLINE_WEIGHT: Final = 1.0


_LOCAL_KINDS: Final = frozenset({"town", "village", "region", "neighbourhood", "district"})


def _static_scores(m: Match, cue: "_Cue", o: "ResolveOptions",
                   shared: dict[tuple[tuple[str, ...], tuple[tuple[float, int], ...]], list[tuple[float, Place]]]
                   | None = None) -> list[tuple[float, Place]]:
    """Candidates with the part of their score that does not depend on other names, best first.

    The places are ``m``'s own: the memo holds positions in the candidates, since
    equal candidates of another gazetteer (another pipeline in the process) are
    other objects, and the resolver tells places apart by identity. ``shared`` (one
    article's, whose places are one gazetteer's: one object per id) gives the names whose
    candidates score alike one list, which :func:`_choose` knows again by its id.
    """
    candidates = m.candidates
    # The memo is keyed by the candidates' ids, which hash in C: a Place hashes and compares by
    # its id, but in Python (a tuple of places keyed the memo at the cost of a call per place).
    ids = tuple([p.id for p in candidates])
    memo_key = (m.key, ids, cue, o.max_candidates)
    scored = _STATIC_MEMO.get(memo_key)
    if scored is None:
        if len(_STATIC_MEMO) >= _STATIC_MEMO_SIZE:
            _STATIC_MEMO.clear()
        scored = _STATIC_MEMO[memo_key] = _static_scores_of(m.key, candidates, cue, o.max_candidates)
    if shared is None:
        return [(s, candidates[i]) for s, i in scored]
    alike = (ids, scored)
    out = shared.get(alike)
    if out is None:
        out = shared[alike] = [(s, candidates[i]) for s, i in scored]
    return out


# (Final, as the memos below: a static of the compiled module, where a plain global is looked up
# in the module's dict at each use)
_STATIC_MEMO: Final[dict[tuple[str, tuple[str, ...], "_Cue", int], tuple[tuple[float, int], ...]]] = {}
_STATIC_MEMO_SIZE: Final = 50_000


#: Governorates whose capital's bare name the news uses for the province: since 2015 "Idlib" is the
#: rebels' province, and the city "Idlib city" (the blind batches' answers: 109 governorate, 7 town).
#: The bonus puts the governorate (prior 4.0) ahead of the town (3.0, its population's 1.7 and 1.5
#: for its own name); a city cue ("Idlib city", "the city of Idlib") still wins. Not Hama (63 to 22
#: in the answers, but a city of 700,000 that 2011's news means): it gained five mentions, lost two.
_PROVINCE_FIRST: Final = frozenset({"Idleb"})
_PROVINCE_FIRST_BONUS: Final = 3.0
# ... after these words only, or none ("in Idlib", "to Idlib", "Aleppo and Idlib"; not "near Idlib",
# "shells hit Idlib", a point); a facility named after it is the city's ("Idlib University": a
# town cue, _cue_bonus)
_PROVINCE_FIRST_BEFORE: Final = frozenset({"in", "into", "to", "towards", "toward", "across", "throughout", "from",
                                    "on", "over", "and"})
#: "the mountains of X": the highlands of a province or a region, not a town
_HIGHLANDS: Final = frozenset({"mountains", "hills", "highlands"})
_FACILITY_WORDS: Final = frozenset({"university", "hospital", "prison", "stadium", "museum", "school", "college"})


def _static_scores_of(key: str, candidates: tuple[Place, ...], cue: "_Cue",
                      max_candidates: int) -> tuple[tuple[float, int], ...]:
    scores: list[float] = []
    after, before = cue.after, cue.before
    typed, governorate, bearing = _type_before(before), _says_governorate(after, before), _bearing_from(before)
    # (words that none of _cue_bonus's tests reads give every candidate 0.0: it is not called)
    plain = not _may_cue_a_kind(after, before, typed, governorate, bearing)
    for place in candidates:
        s = _prior(place) + (0.0 if plain else _cue_bonus(place, after, before, typed, governorate, bearing))
        if key == _primary_key(place):
            s += 1.5  # "Adra" is the town named Adra before Daraa, whose old name it also was
        if cue.governorate_in_sentence and place.kind == "governorate":
            s += 1.5
        if place.kind == "governorate" and place.admin1 in _PROVINCE_FIRST \
                and (not before or before[-1] in _PROVINCE_FIRST_BEFORE) and after not in _LOCALITY_CUES:
            s += _PROVINCE_FIRST_BONUS
        if place.kind == "governorate" and place.country != "SY" and place.population \
                and _names_its_own_city(place, key, candidates):
            # a province abroad named after its city counts no population of its own (as Syria's
            # do, see _prior_of): a bare "Gaziantep", "Kilis", "Tel Aviv" is the city the news
            # means; not "Hatay" (its city is Antakya) nor "Gaza" (the Strip; its city is "Gaza City")
            s -= math.log10(place.population) / 3 if place.population > 1 else 0.0
        scores.append(s)
    # best first, ties in the candidates' order (as a stable sort by -score)
    scored = [(scores[i], i) for i in _by_score(scores)]
    if len(scored) > max_candidates:
        # a city's neighbourhood has the lowest prior: it is chosen by its context (a town
        # named after it, the places around it), so the best one is kept for that to decide
        kept = scored[:max_candidates]
        if not any(candidates[i].kind == "neighbourhood" for _, i in kept):
            kept += [si for si in scored if candidates[si[1]].kind == "neighbourhood"][:1]
        scored = kept
    return tuple(scored)


def _names_its_own_city(province: Place, key: str, candidates: tuple[Place, ...]) -> bool:
    """True if ``key`` is the primary name of ``province`` and of a town in it among ``candidates``."""
    if _primary_key(province) != key:
        return False
    return any(c.kind == "town" and c.admin1 == province.admin1 and c.country == province.country
               and _primary_key(c) == key for c in candidates)


def _by_score(scores: list[float]) -> list[int]:
    """The positions of ``scores`` best first, ties in their order: the order of
    ``sorted(enumerate(scores), key=itemgetter(1), reverse=True)`` (a stable sort), by an
    insertion sort compiled over a name's few candidates, where the sort's keyword arguments
    made it a call through Python's protocol. (Scores are finite: no NaN to order.)"""
    order: list[int] = []
    for k in range(len(scores)):
        score = scores[k]
        j = k
        order.append(k)
        while j > 0 and scores[order[j - 1]] < score:
            order[j] = order[j - 1]
            j -= 1
        order[j] = k
    return order


def _plausible(place: Place, surface: str) -> bool:
    """Places far from Syria are meant only by one of their own names, not a folded variant.

    Countries and capitals by any name they have ("Tonnes" is not Tunis),
    other places by their display name ("Dawla" is not Douala).
    """
    if is_arabic(surface):
        if place.kind == "country" and surface.startswith("ال") and surface not in place.names:
            return False  # "السورية" is the adjective Syrian; the country is "سورية" (العراق has its article)
        if place.country in NEAR_COUNTRIES:
            return True
        # a far place by an Arabic name it has (alef forms aside: أستانا = آستانا), not a folded variant
        key = name_key(surface)
        return any(name_key(n) == key for n in place.names if is_arabic(n))
    if place.country in NEAR_COUNTRIES:
        return True
    plain = strip_marks(surface).lower()
    if place.kind == "country" or place.capital_of:
        return plain == strip_marks(place.name).lower() or ((len(plain) >= 4 or surface.isupper()) and any(
            plain == strip_marks(n).lower() for n in place.names))  # "Ben" is not Bern
    name = strip_marks(place.name).lower()
    return plain == name or (name.startswith("the ") and plain == name[4:])  # "(The) Hague"


# "X in Y", "X, Y", "X near Y", "X west of Y", "X in the Y countryside": Y holds X.
_CONTAINER_GAP: Final = re.compile(
    r"(?:\s+(?:region|area|district|neighbou?rhood|town|village|city|camp))?"
    r"\s*(?:,|in|of|near|outside|at)?\s*(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)"
    r"(?:ern)?\s+(?:of\s+)?)?(?:the\s+)?(?:(?:northern|southern|eastern|western|central|rural)\s+)?",
    re.IGNORECASE)


# "the Damascus suburb of Ghouta", "the Aleppo neighbourhood of Salaheddin": the name before holds the one after.
_HOLDER_BEFORE_GAP: Final = re.compile(
    r"['’]?s?\s+(?:suburbs?|neighbou?rhoods?|district|quarter|town|village|city)\s+of\s+(?:the\s+)?",
    re.IGNORECASE)


def _is_container_gap(gap: str) -> bool:
    """``_CONTAINER_GAP.fullmatch(gap) is not None``, memoised: it reads nothing around the gap
    (no look-around, no "\\b"), and the gaps between names repeat (" ", " and ", " in ")."""
    known = _CONTAINER_GAPS.get(gap)
    if known is None:
        if len(_CONTAINER_GAPS) >= _CONTAINER_GAPS_SIZE:
            _CONTAINER_GAPS.clear()
        known = _CONTAINER_GAPS[gap] = _may_be_container_gap(gap) and _CONTAINER_GAP.fullmatch(gap) is not None
    return known


#: The letters of _CONTAINER_GAP's words (lower case), as bits from "a" up, and the characters that
#: fold to some of them in a case-insensitive regex but are not ASCII ("ſ", "ı", "İ", Kelvin's "K").
_CONTAINER_GAP_LETTERS: Final[int] = sum(1 << (ord(c) - 97) for c in set(
    "region area district neighbourhood town village city camp in of near outside at "
    "north south east west the central rural".replace(" ", "")))
_CONTAINER_GAP_FOLDS: Final = frozenset("\u017f\u0131\u0130\u212a")


def _may_be_container_gap(gap: str) -> bool:
    """False where _CONTAINER_GAP cannot match ``gap`` in full: a character that is no space, no
    comma and no letter of its words (in any case), or an "and" (none of its words, nor two of them
    written together, has one). The regex, its optional groups tried in turn, cost 14,000
    instructions a gap (" and ", ". ", " and al-", "city. A source at")."""
    for ch in gap:
        c = ord(ch)
        if 65 <= c <= 90:
            c += 32  # (its lower case)
        if 97 <= c <= 122:
            if not (_CONTAINER_GAP_LETTERS >> (c - 97)) & 1:
                return False
        elif c != 44 and not ch.isspace() and ch not in _CONTAINER_GAP_FOLDS:
            return False
    return "and" not in gap.lower()


_CONTAINER_GAPS: Final[dict[str, bool]] = {}
_CONTAINER_GAPS_SIZE: Final = 20_000


def _is_holder_before_gap(gap: str) -> bool:
    """``_HOLDER_BEFORE_GAP.fullmatch(gap) is not None`` (see _holder_before)."""
    return _holder_before(gap, 0, len(gap))


def _holder_before(text: str, start: int, end: int) -> bool:
    """``_HOLDER_BEFORE_GAP.fullmatch(text, start, end) is not None`` (the regex reads nothing
    around the gap: as its fullmatch of ``text[start:end]``), tried only where the gap opens as a
    match does (an apostrophe, "s" or a space) and ends with "of" or "the" and a space (in any
    case: no character but their capitals folds to o, f, t, h or e, see _may_spell; and
    ``str.isspace`` is the regex's "\\s"). Read in the text, where the gap was sliced out of it
    and stripped at each name."""
    end = min(end, len(text))
    if start >= end:
        return False
    opens = text[start]
    if not (opens in "'’sS\u017f" or opens.isspace()):
        return False
    j = end
    while j > start and text[j - 1].isspace():
        j -= 1
    if j == end:
        return False
    tail = text[max(start, j - 3):j].lower()
    return (tail.endswith("of") or tail == "the") and _HOLDER_BEFORE_GAP.fullmatch(text, start, end) is not None


def _with_containers(text: str, matches: Sequence[Match], static: list[list[tuple[float, Place]]],
                     chosen: Sequence[tuple[Place, float]], o: "ResolveOptions") -> list[list[tuple[float, Place]]]:
    """Favour candidates inside (or near) the place named right after them ("al-Quria in Deir ez-Zor province"),
    or right before them as their holder ("the Damascus suburb of Ghouta")."""
    out = list(static)
    for i in range(len(matches)):
        if len(static[i]) < 2:
            continue
        m = matches[i]
        holder = None
        weight = o.container_weight
        if i + 1 < len(matches):
            nxt = matches[i + 1]
            # (the gap's length first: the regex's optional groups cost 12k instructions a call)
            if 0 <= nxt.start - m.end <= 40 and _is_container_gap(text[m.end:nxt.start]) \
                    and "\n" not in text[m.end:nxt.start]:
                holder = chosen[i + 1][0]
                if holder.kind == "governorate" and _GOVERNORATE_WORD.search(nxt.text):
                    # "Hader in Quneitra province": said outright, it outweighs the article's other places
                    weight = o.province_weight
        if holder is None and i > 0 and _holder_before(text, matches[i - 1].end, m.start):
            holder = chosen[i - 1][0]
        if holder is None:
            continue
        if holder.country != "SY" or holder.kind == "country":
            continue
        out[i] = sorted(((s + (weight if _inside_place(p, holder) else 0.0), p)
                         for s, p in static[i]), key=lambda sp: -sp[0])
    return out


#: A governorate's name said as one ("Quneitra province", "the Hama countryside", "Rif Dimashq")
_GOVERNORATE_WORD: Final = re.compile(r"(?i)\b(?:province|governorate|countryside|rif|rural)\b")


def _with_sections(matches: Sequence[Match], static: list[list[tuple[float, Place]]], cues: Sequence[_Cue],
                   o: "ResolveOptions") -> list[list[tuple[float, Place]]]:
    """Favour, below a bulletin's section header, candidates in the header's governorate.

    A round-up of several governorates ("... Homs The army units destroyed ... Hama Army
    units killed ...") reports each section from its governorate: "Aliyeh" under "Latakia"
    is Latakia's, not the one beside a town of the Idlib section. Only in an article with
    two headers or more: one may be a sentence that opens with the governorate's name.
    """
    heads = {i for i, cue in enumerate(cues) if cue.before and cue.before[-1] == _HEADER}
    if len(heads) < 2:
        return static
    out = list(static)
    section: str | None = None
    for i, m in enumerate(matches):
        if i in heads:
            section = next((p.admin1 for p in m.candidates if p.kind == "governorate"), None)
            continue
        if section is None or len(static[i]) < 2 or not any(p.admin1 == section for _, p in static[i]):
            continue
        out[i] = sorted(((s + (o.section_weight if p.admin1 == section else 0.0), p) for s, p in static[i]),
                        key=lambda sp: -sp[0])
    return out


def _said_syrian(text: str, mentions: list[PlaceMention], unknown: Sequence[Span]
                 ) -> tuple[list[PlaceMention], Sequence[Span]]:
    """"the Syrian town of Hassak": a place the text calls Syrian is not a foreign namesake
    (Lebanon's El Hassek); with no Syrian candidate it is a name the gazetteer lacks."""
    foreign = [pm for pm in mentions if pm.place.country != "SY" and pm.place.kind in _LOCAL_KINDS]
    if not foreign:
        return mentions, unknown
    said = [pm for pm in foreign if _is_said_syrian(_words_before(text, pm.start, 3))]
    if not said:
        return mentions, unknown
    return _as_unknown(mentions, unknown, said)


# "Shamal al-Khatt neighborhoods": the name goes on ("al-" and a capital) up to a neighbourhood's type word
_NEIGHBOURHOOD_NAME_AFTER: Final = re.compile(r"(?:[ \t]+(?:al|el)-[A-Z][\w'’]*)?(?=[ \t]+neighbou?rhoods?\b)")


def _foreign_neighbourhoods(text: str, mentions: list[PlaceMention], unknown: Sequence[Span]
                            ) -> tuple[list[PlaceMention], Sequence[Span]]:
    """A place abroad bigger than a neighbourhood (a governorate, region or town, no capital) that the
    text calls a neighbourhood is not that place: "Shamal al-Khatt neighborhoods" in Daraa city are not
    North Lebanon ("Shamal"). The name, with the words that go on with it, is reported as unresolved."""
    lost = []
    for pm in mentions:
        if pm.place.country == "SY" or pm.place.kind not in ("governorate", "region", "town") \
                or pm.place.capital_of or pm.metonymy:
            continue
        after = _NEIGHBOURHOOD_NAME_AFTER.match(text, pm.end)
        if after is not None:
            lost.append((pm, after.end()))
        elif pm.place.kind == "town" and _listed_after_a_quarter(text, mentions, pm):
            lost.append((pm, pm.end))  # "the neighbourhoods of al-Hamidiyah al-Sheikh Yassin and al-Orfi"
    if not lost:
        return mentions, unknown
    dropped = [pm for pm, _ in lost]
    spans = [Span(text[pm.start:end], pm.start, end) for pm, end in lost]
    # (the words it goes on with are no names of their own: "Khatt" of "Shamal al-Khatt")
    unknown = [u for u in unknown if not any(s.start <= u.start and u.end <= s.end for s in spans)]
    return (_without(mentions, dropped),
            sorted([*unknown, *spans], key=lambda s: s.start))


_CAPITAL_WORD_AFTER: Final = re.compile(r"[ \t]+(?:(?:al|el)-)?[A-Z]")
#: Capitalised words before a name that are no name of their own
_OPENING_WORDS: Final = frozenset({"The", "A", "An", "In", "At", "On", "Near", "From", "To", "And", "But", "Of"})


def _capitalised_word_beside(text: str, start: int, end: int) -> bool:
    """True if a capitalised word stands right before or after the name ("Hadiya Khalaf Abbas",
    "Khazan Rasm al-Shouleh", "The Ariha Today page"): part of a person's or a title's name.
    An opening word ("The", "In") before it does not count."""
    if _CAPITAL_WORD_AFTER.match(text, end):
        return True
    # (_CAPITALISED_BEFORE skips no article: "al-Hamadaniyeh al-Ramouseh" is a list of two quarters)
    before = _CAPITALISED_BEFORE.search(text, max(0, start - 30), start)
    return before is not None and before.group(1) not in _OPENING_WORDS


def _listed_after_a_quarter(text: str, mentions: Sequence[PlaceMention], pm: PlaceMention) -> bool:
    """True if ``pm`` comes right after a Syrian neighbourhood in a list ("... al-Sheikh Yassin and
    al-Orfi"): the list's next quarter of that city, not a town abroad spelt alike (Sanliurfa)."""
    before = [other for other in mentions if other.end <= pm.start]
    if not before:
        return False
    last = max(before, key=lambda other: other.end)
    return last.place.country == "SY" and last.place.kind == "neighbourhood" and _list_gap(text, last.end, pm.start)


def _foreign_villages_need_their_country(text: str, mentions: list[PlaceMention], unknown: Sequence[Span],
                                         sentences: Sequence[tuple[int, int]] = ()
                                         ) -> tuple[list[PlaceMention], Sequence[Span]]:
    """A village or small town abroad is meant only where its passage (three sentences either
    side) names its country, its people ("Lebanese") or another of its places: in a report on
    Syria, "Barna" south of Aleppo, "Orim" or "al-Adawi" are Syrian places the gazetteer lacks
    or spells otherwise, not villages in Gaziantep, Israel or Lebanon, even if Turkey comes up
    further on. They are reported as unresolved names (and placed by the unknown-name rules
    if those can). Two such villages do not hold each other up: "near the al-Sajour river and
    the villages of Qoraa al-Kabireh ... Owsah Jeli" by Manbij are no villages of Israel."""
    abroad = [pm for pm in mentions if pm.place.country != "SY" and not pm.metonymy and (
        pm.place.kind in ("village", "neighbourhood") or pm.place.kind == "town" and not _is_major(pm.place))]
    if not abroad:
        return mentions, unknown
    passages = [_passage_of(sentences, pm.start, len(text)) for pm in abroad]
    named = {id(pm) for pm, (start, end) in zip(abroad, passages)
             if _names_country(text[start:end], pm.place.country)}
    small = {id(pm) for pm in abroad} - named  # (only a place its country backs backs another)
    lost = []
    for pm, (start, end) in zip(abroad, passages):
        if id(pm) not in named and not any(
                other.place.country == pm.place.country and other.text != pm.text and start <= other.start < end
                and id(other) not in small for other in mentions):
            lost.append(pm)
    if not lost:
        return mentions, unknown
    return _as_unknown(mentions, unknown, lost)


_PASSAGE_SENTENCES: Final = 3


def _passage_of(sentences: Sequence[tuple[int, int]], offset: int, length: int) -> tuple[int, int]:
    """The passage around ``offset`` (:data:`_PASSAGE_SENTENCES` either side); the whole text
    (``length``) when the sentences are not known."""
    return _passage(sentences, offset, _PASSAGE_SENTENCES) if sentences else (0, length)


def _passage(sentences: Sequence[tuple[int, int]], offset: int, reach: int) -> tuple[int, int]:
    """The text span of the sentences within ``reach`` of the one holding ``offset``."""
    i = sentence_index(sentences, offset)
    return sentences[max(0, i - reach)][0], sentences[min(len(sentences) - 1, i + reach)][1]


def _alike_needs_support(mentions: list[PlaceMention], unknown: Sequence[Span], o: ResolveOptions
                         ) -> tuple[list[PlaceMention], Sequence[Span]]:
    """A name spelled otherwise than the gazetteer's (method "alike") is taken, as a fuzzy
    spelling is, only in a governorate the article names or near another of its places (if
    it names any): "Jeb al-Jarrah ... east of Homs" is Homs's Jubb al Jarrah, but "Tal
    al-Mal" in a report from Quneitra is no Hama village ("Tall Mallah"); it is reported
    as unresolved."""
    alike = [pm for pm in mentions if pm.method == "alike"]
    if not alike:
        return mentions, unknown
    others = [pm.place for pm in mentions if pm.method != "alike" and pm.place.country == "SY"
              and pm.place.kind != "country"]
    if not others:
        return mentions, unknown  # nothing in the article says where else it would be
    named = {p.admin1 for p in others}
    lost = [pm for pm in alike if pm.place.admin1 not in named
            and not any(_km(pm.place, p) <= o.fuzzy_max_km for p in others)]
    if not lost:
        return mentions, unknown
    return _as_unknown(mentions, unknown, lost)


# The neighbours' adjectives and names as the text may give them without a place mention
# ("the Lebanese town of Hassak", "Turkish villages", "القرى اللبنانية").
_COUNTRY_WORD_LISTS: Final = {
    "LB": "leban|لبنان|اللبناني", "TR": "turk|تركي|التركي", "IL": "israel|golan|إسرائيل|اسرائيل|الإسرائيلي",
    "IQ": "iraq|العراق|عراقي|العراقي", "JO": "jordan|الأردن|اردني|الأردني", "PS": "palestin|west bank|gaza|فلسطين",
}
_COUNTRY_WORDS: Final = {code: re.compile(rf"\b(?:{words})", re.IGNORECASE) for code, words in _COUNTRY_WORD_LISTS.items()}
#: their Latin words (lower-case): what an ASCII text must hold for the regex to match
_COUNTRY_LATIN_WORDS: Final = {code: tuple(w for w in words.split("|") if w.isascii())
                        for code, words in _COUNTRY_WORD_LISTS.items()}


def _names_country(text: str, country: str | None) -> bool:
    """True if the text names the country or its people ("Lebanese") anywhere."""
    words = _COUNTRY_WORDS.get(country) if country else None
    if words is None or country is None:
        return False
    if text.isascii():
        # (ASCII text holds a match only where one of the Latin words does, in any case: a test
        # in C, where the regex, with no first letter to skip to, is tried at every position;
        # and not before the first of them, from where the regex is tried: its \b reads the
        # character before that, as the search from the start would)
        lowered = text.lower()
        first = -1
        for word in _COUNTRY_LATIN_WORDS[country]:
            at = lowered.find(word)
            if at >= 0 and (first < 0 or at < first):
                first = at
        if first < 0:
            return False
        return words.search(text, first) is not None
    return words.search(text) is not None


def _without(mentions: Sequence[PlaceMention], dropped: Sequence[PlaceMention]) -> list[PlaceMention]:
    """``[pm for pm in mentions if pm not in dropped]``, each comparison by its span first: equal
    mentions have equal spans, and PlaceMention.__eq__ is a Python call (``in`` tries identity first)."""
    return [pm for pm in mentions
            if not any(d is pm or d.start == pm.start and d.end == pm.end and d == pm for d in dropped)]


def _as_unknown(mentions: list[PlaceMention], unknown: Sequence[Span], dropped: Sequence[PlaceMention]
                ) -> tuple[list[PlaceMention], list[Span]]:
    """The mentions without ``dropped``, and the unknown names with theirs (in text order)."""
    return (_without(mentions, dropped),
            sorted([*unknown, *(Span(pm.text, pm.start, pm.end) for pm in dropped)], key=lambda s: s.start))


#: How near two rows of one kind lie to be one place twice (the sources' duplicates: As-Sweida's
#: Malah and Mallah, 1 km apart)
_TWIN_ROWS_KM: Final = 3.0


def _twin_rows_as_written(matches: Sequence[Match], chosen: list[tuple[Place, float]]) -> None:
    """Of two rows of one kind within :data:`_TWIN_ROWS_KM` of each other (one place twice in the
    sources), the one that has the name as written: "the town of Malah near Salkhad" is the row
    Malah, not the row Mallah beside it that proximity to Salkhad had picked. And of two rows
    written as the name on either side of the border, Syria's."""
    for i, m in enumerate(matches):
        place = chosen[i][0]
        if len(m.candidates) < 2:
            continue
        if _written_as(place, m.text):
            if place.country != "SY" and place.kind != "country":
                # one place on the border twice, once each side: Syria's row ("the Rukban camp" is
                # Homs's, not the Jordanian town of the name 1 km off)
                twin = next((p for p in m.candidates if p.country == "SY" and p.kind not in ("country", "governorate")
                             and _written_as(p, m.text) and _km(p, place) <= _TWIN_ROWS_KM), None)
                if twin is not None:
                    chosen[i] = (twin, chosen[i][1])
            continue
        twin = next((p for p in m.candidates if p is not place and p.kind == place.kind
                     and p.country == place.country and _written_as(p, m.text)
                     and _km(p, place) <= _TWIN_ROWS_KM), None)
        if twin is not None:
            chosen[i] = (twin, chosen[i][1])


#: Words after or before a name that say it is the district, not its seat
_DISTRICT_WORDS: Final = frozenset({"district", "districts", "region", "area", "mantiqa"})


def _district_seats(matches: Sequence[Match], chosen: list[tuple[Place, float]], cues: Sequence[_Cue]) -> None:
    """A district read for a name its seat town has too is the town unless the text says district
    or region: "the Syrian army liberated Tadmur and al-Qaryatain" is Palmyra, not the desert
    district named after it."""
    for i, m in enumerate(matches):
        place = chosen[i][0]
        if place.kind != "district" or len(m.candidates) < 2:
            continue
        cue = cues[i]
        if cue.after.lower() in _DISTRICT_WORDS or _type_before(cue.before) in _DISTRICT_WORDS:
            continue
        seat = next((p for p in m.candidates if p.kind == "town" and p.admin1 == place.admin1
                     and p.country == place.country and _written_as(p, m.text)), None)
        if seat is not None:
            chosen[i] = (seat, chosen[i][1])


#: A neighbour's people's adjective, lower-case, and the country's code: "the Iraqi town of Rabia"
_NEIGHBOUR_DEMONYMS: Final = {"iraqi": "IQ", "lebanese": "LB", "turkish": "TR", "jordanian": "JO",
                              "israeli": "IL", "palestinian": "PS"}
#: ... as a text writes them, capitalised (a substring test before any word is read)
_NEIGHBOUR_DEMONYMS_WRITTEN: Final = tuple(word.capitalize() for word in _NEIGHBOUR_DEMONYMS)


def _said_foreign(text: str, matches: Sequence[Match], chosen: list[tuple[Place, float]]) -> None:
    """"the Iraqi town of Rabia" is Iraq's Rabi'ah, not Hasakeh's village spelt alike, though the
    Syrian row has the name as written and the Iraqi one only a folded spelling of it: the text
    says whose town it is. Where the name has no candidate in that country it stays as chosen
    (the gazetteer may lack the place; _foreign_villages_need_their_country and the unknown-name
    rules are for the other way round)."""
    if not any(word in text for word in _NEIGHBOUR_DEMONYMS_WRITTEN):
        return  # (most texts name no neighbour's people: no match's words are read)
    for i, m in enumerate(matches):
        place = chosen[i][0]
        if place.country != "SY" or place.kind not in _LOCAL_KINDS or len(m.candidates) < 2:
            continue
        before = _words_before(text, m.start, 3)
        if len(before) != 3 or before[2] != "of" or before[1] not in _LOCALITY_CUES:
            continue
        country = _NEIGHBOUR_DEMONYMS.get(before[0])
        if country is None:
            continue
        theirs = next((p for p in m.candidates if p.country == country and p.kind in _LOCAL_KINDS), None)
        if theirs is not None:
            chosen[i] = (theirs, chosen[i][1])


def _is_said_syrian(before: Sequence[str]) -> bool:
    """True for "Syrian <town/city/village/...> of" before a name."""
    return len(before) == 3 and before[0] == "syrian" and _type_before(before[1:]) in _LOCALITY_CUES


def _rural_governorates(matches: Sequence[Match], chosen: list[tuple[Place, float]], cues: Sequence[_Cue],
                        gazetteer: Gazetteer) -> None:
    """"rural X" (a lower-case "rural", so not part of the name's match) is the governorate
    named "Rural X" where there is one: "rural Damascus" is Rural Damascus (Rif Dimashq),
    a governorate apart from the city's own; so is "the countryside of Damascus". And "the
    region of X" is the region named "X region" where there is one, else X's governorate (not
    Aleppo's or Damascus's, whose regions are the cities' halves)."""
    for i, m in enumerate(matches):
        before = cues[i].before
        if before and (before[-1] == "rural" or _type_before(before) == "countryside"):
            rural = next((p for p in gazetteer.by_key(name_key("Rural " + m.text)) if p.kind == "governorate"), None)
            if rural is not None:
                chosen[i] = (rural, chosen[i][1])
        elif before and _type_before(before) == "region" and chosen[i][0].kind != "region":
            # "the region of Afrin" is the Afrin region (the OCHA district), where the gazetteer has
            # a region named "X region", not the town
            region = next((p for p in gazetteer.by_key(name_key(m.text + " region")) if p.kind == "region"), None) \
                or next((p for p in m.candidates if p.kind == "governorate" and p.admin1 not in _CITIES_WITH_HALVES
                         and chosen[i][0].admin1 == p.admin1), None)  # (else "the region of Idlib": the governorate)
            if region is not None:
                chosen[i] = (region, chosen[i][1])


def _headline_follows_the_story(text: str, matches: Sequence[Match], chosen: list[tuple[Place, float]],
                                cues: Sequence[_Cue], headline_end: int) -> None:
    """A capital's bare name in the title is the governorate if the story's first use of the name
    is: "ISIL terrorists massacre 250 Syrian troops in Raqqa. ... at an airbase in the northern
    province of Raqqa", "Massacre in Idlib ... the town of Khan Sheikhoun in Idlib". A headline
    says where the story is, in the fewest words; the story says it again, with the cue. Not from
    a section header or an institution ("Aleppo Police Command"), which say nothing of the story's
    place; not a title's name with a cue of its own ("Aleppo city", "the province of Hama"). A
    province word after the title's end is none of its cues: the text's copy of a title runs into
    its first sentence ("Bombardment on Idlib in Last Three Days Activists in Idlib province said")."""
    for i, m in enumerate(matches):
        if m.start >= headline_end:
            break
        town, cue = chosen[i][0], cues[i]
        if cue.governorate_in_sentence and _PROVINCE_IN.search(text, m.end, headline_end) is None:
            cue = cue._replace(governorate_in_sentence=False)
        if town.kind != "town" or town.country != "SY" or _has_kind_cue(cue) \
                or _governorate_before(cue.before):
            continue
        province = next((p for p in m.candidates if p.kind == "governorate" and p.admin1 == town.admin1), None)
        if province is None:
            continue
        for j in range(i + 1, len(matches)):
            if matches[j].start < headline_end or not any(p.id == province.id for p in matches[j].candidates):
                continue
            if cues[j].before and cues[j].before[-1] in (_HEADER, _INSTITUTION):
                continue
            if chosen[j][0].id == province.id:
                chosen[i] = (province, chosen[i][1])
            break


# "the village of Asheh in Quneitra", "al-Fouaa town in Idleb": the gap from a village to its holder.
_VILLAGE_IN_GAP: Final = re.compile(  # also "Khanaser southeast Aleppo", "al-Fouaa town in northern Idleb"
    r"(?P<type>\s+(?:village|town))?(?:\s+in(?:\s+(?:north|south)?(?:east|west)?(?:ern)?)?|"
    r"\s+(?:north|south|(?:north|south)?(?:east|west))(?:ern)?)\s+", re.IGNORECASE)
_CITY_AFTER: Final = re.compile(r"[\s,]+(?:city\b|(?:syria['’]?s?\s+)?(?:(?:second|third|fourth|fifth)[\s-]+)?"
                         r"(?:largest|biggest|second|third|fourth|fifth)\s+city\b)",
                         re.IGNORECASE)  # "in Aleppo, Syria's largest city", "Hama, Syria's fourth largest city"
# "in the city of Qamishli, Hasaka." (the comma often lost): a town, then its governorate's
# name closing the sentence, is "A in B"; not a list ("Qamishli, Hasaka and Raqqa")
_LOST_COMMA_GAP: Final = re.compile(r"[ \t]*,?[ \t]+")
_CLAUSE_END: Final = re.compile(r"[ \t]*(?:[.;:!?)\"]|\Z)")


def _province_holders(text: str, matches: Sequence[Match], chosen: list[tuple[Place, float]],
                      cues: Sequence[_Cue]) -> None:
    """"A in B", with A a village or town that lies in B's governorate but not in the city
    of B: B is the governorate ("Hardatnin village in Aleppo", "Khan Sheikhoun in Idlib"),
    as in "A, B" closing a sentence ("in the city of Qamishli, Hasaka.").
    Not when the text calls A a neighbourhood ("the neighborhood of Tareeq al-Bab in Aleppo")."""
    for i in range(1, len(matches)):
        held, holder = chosen[i - 1][0], chosen[i][0]
        if holder.kind != "town" or holder.country != "SY" or held.country != "SY" \
                or held.kind not in ("village", "town") or held.admin1 != holder.admin1:
            continue
        cue = cues[i - 1]
        if cue.after in _NEIGHBOURHOOD_CUES or _type_before(cue.before) in _NEIGHBOURHOOD_CUES:
            continue
        m = matches[i]
        gap = _VILLAGE_IN_GAP.fullmatch(text, matches[i - 1].end, m.start)
        # a place the text calls a village or town is not the city's suburb from 5 km ("al-Fouaa town
        # in Idleb", 8 km from the city); one it does not, from 15 km
        if gap is None:
            # (also a sub-headline whose line break is lost: "... attack on al-Fouaa Idleb In the
            # meantime a woman was injured", al-Fouaa 8 km from the city)
            if not _LOST_COMMA_GAP.fullmatch(text, matches[i - 1].end, m.start) or not (
                    _CLAUSE_END.match(text, m.end) and _km(held, holder) >= 15.0
                    or _HEADER_AFTER.match(text, m.end) and _km(held, holder) >= 5.0):
                continue
        elif _km(held, holder) < (5.0 if gap.group("type") or _typed_or_listed(text, matches, chosen, cues, i - 1, holder)
                                  else 15.0) or _CITY_AFTER.match(text, m.end):
            continue
        province = next((p for p in m.candidates if p.kind == "governorate" and p.admin1 == holder.admin1), None)
        if province is not None:
            chosen[i] = (province, chosen[i][1])


_LIST_JOIN: Final = re.compile(r"[ \t]*(?:,[ \t]*(?:and[ \t]+)?|[ \t]and[ \t]+)")
# ... the second name with its article ("al-Kalasa and al-Maadi")
_LATIN_LIST_GAP: Final = re.compile(_LIST_JOIN.pattern + r"(?:(?:al|el)-)?")
_SETTLEMENT_TYPES: Final = frozenset({"village", "villages", "town", "towns"})


# two names side by side in a list: a bare space (a headline's "Aleppo Hama"), a comma, "and"
_BESIDE: Final = re.compile(r"[ \t]+|" + _LIST_JOIN.pattern)
_KIND_WORDS_AFTER: Final = frozenset({"village", "villages", "town", "towns", "neighbourhood", "neighborhood",
                               "district", "area", "farms", "camp"})


def _big_towns_listed_with_big_places(text: str, matches: Sequence[Match], chosen: list[tuple[Place, float]],
                                      cues: Sequence[_Cue]) -> None:
    """A name read as a village or neighbourhood that is also a big Syrian town's, listed beside a
    big town or a governorate ("Attacks Kill 12 Civilians in Syrias Aleppo Hama"), is that big town:
    a list of big places goes on with one, not with a hamlet the others' votes pulled in (Hama had
    been Aleppo's village Hamah). Not when the text calls it a village or the like ("the village
    of X", "X village")."""
    for i, m in enumerate(matches):
        place = chosen[i][0]
        if place.kind not in _SMALL_KINDS or place.country != "SY" or len(m.candidates) < 2:
            continue
        big = [p for p in m.candidates if p.kind == "town" and p.country == "SY" and _is_major(p)]
        if len(big) != 1 or cues[i].after.lower() in _KIND_WORDS_AFTER \
                or _type_before(cues[i].before) in _SETTLEMENT_TYPES:
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(matches):
                continue
            a, b = (matches[j], m) if j < i else (m, matches[j])
            other = chosen[j][0]
            if other.country == "SY" and other.kind in ("town", "governorate") and _is_major(other) \
                    and _BESIDE.fullmatch(text, a.end, b.start):
                chosen[i] = (big[0], chosen[i][1])
                break


def _governorates_listed_together(text: str, matches: Sequence[Match], chosen: list[tuple[Place, float]],
                                  cues: Sequence[_Cue]) -> None:
    """Three governorates' names or more listed together, one of them read as its governorate, are
    all governorates: "the affected areas in Aleppo Latakia Hama and Idleb" (Idleb alone is the
    province) names four provinces, not three cities and a province. Not a name the text calls a
    town ("Aleppo city"), not where none of them is read as the governorate ("Shelling hit
    Aleppo, Homs and Hama": cities), nor a list of the cities' people ("Residents of Damascus
    Homs and Latakia")."""
    n = len(matches)
    i = 0
    while i < n:
        k = i
        while k + 1 < n and _listed_next(text, matches, k + 1):
            k += 1
        if k - i >= 2:
            run = range(i, k + 1)
            provinces = [_own_governorate(matches[j], chosen[j][0]) for j in run]
            if None not in provinces and not _CITY_PEOPLE_BEFORE.search(text, max(0, matches[i].start - 24), matches[i].start) \
                    and any(chosen[j][0].kind == "governorate" for j in run) \
                    and not any(chosen[j][0].kind != "governorate" and _has_kind_cue(cues[j]) for j in run):
                for j, province in zip(run, provinces):
                    if province is not None:  # (none is: for the type checker)
                        chosen[j] = (province, chosen[j][1])
        i = k + 1


#: Words before a list that make its names cities: "Residents of Damascus Homs and Latakia said"
_CITY_PEOPLE_BEFORE: Final = re.compile(r"(?i)\b(?:residents|inhabitants|people|streets|cities)[ \t]+(?:of|in)[ \t]+\Z")


def _own_governorate(m: Match, place: Place) -> Place | None:
    """The governorate ``place`` is (a governorate) or is the capital of (the big town the
    governorate is named after), among the name's candidates; None for any other place."""
    if place.kind == "governorate":
        return place
    if place.kind != "town" or place.country != "SY" or not _is_major(place):
        return None
    return next((p for p in m.candidates if p.kind == "governorate" and p.admin1 == place.admin1), None)


def _listed_next(text: str, matches: Sequence[Match], j: int) -> bool:
    """True if match ``j`` follows match ``j - 1`` in a list: spaces, commas or "and" between, maybe an
    article before the name."""
    return _list_gap(text, matches[j - 1].end, matches[j].start)


def _list_gap(text: str, start: int, end: int) -> bool:
    """True if ``text[start:end]`` joins two names of a list: spaces, commas or "and", maybe an
    article before the second name."""
    return _spells_list_gap(text, start, end) and bool(
        _BESIDE.fullmatch(text, start, end) or _LATIN_LIST_GAP.fullmatch(text, start, end))


def _spells_list_gap(text: str, start: int, end: int) -> bool:
    """True if ``text[start:end]`` is spelled with spaces, tabs, commas, hyphens and the letters of
    "and", "al" and "el" alone, as any match of _BESIDE or _LATIN_LIST_GAP is (they have no
    IGNORECASE): where it is not, both regexes are spared (most gaps between two names run on
    for words)."""
    for i in range(start, end):
        c = ord(text[i])
        # " ", "\t", ",", "-", "a", "n", "d", "e", "l"
        if not (c == 32 or c == 9 or c == 44 or c == 45 or c == 97 or c == 110 or c == 100 or c == 101 or c == 108):
            return False
    return True


def _villages_listed_together(text: str, matches: Sequence[Match], chosen: list[tuple[Place, float]]) -> None:
    """A village or small town read in another governorate than the two places listed right before
    it, both in one governorate, is its namesake there if it has one: "Fighters in al-Ruhaybah
    Jayroud and al-Nasiriyah will be taken to Jarablus" lists three Qalamoun towns of Rural
    Damascus; Jarablus had pulled al-Nasiriyah to Aleppo's village of that name."""
    for i in range(2, len(matches)):
        place = chosen[i][0]
        if place.country != "SY" or place.kind not in ("village", "town") or len(matches[i].candidates) < 2:
            continue
        a, b = chosen[i - 2][0], chosen[i - 1][0]
        if a.country != "SY" or b.country != "SY" or a.admin1 != b.admin1 or a.admin1 == place.admin1 \
                or a.kind not in ("village", "town") or b.kind not in ("village", "town"):
            continue
        if not (_listed_next(text, matches, i - 1) and _listed_next(text, matches, i)):
            continue
        there = [p for p in matches[i].candidates if p.country == "SY" and p.admin1 == a.admin1
                 and p.kind in ("village", "town")]
        if there:
            chosen[i] = (max(there, key=_prior), chosen[i][1])


_TWIN_KM: Final = 10.0


def _twins_listed_together(text: str, matches: Sequence[Match], chosen: list[tuple[Place, float]]) -> None:
    """A village or town listed as a pair right after a Syrian place ("A and B", "A, B"; not the tail
    of a longer list), read 50 km or more from it, is its namesake within 10 km of it if it has one:
    "the siege of Nubl and Zahraa" are the twin towns north of Aleppo, not Homs's Az Zahrah, in an
    article about Qusayr; "the villages of al-Mazraa and al-Dour" west of Sweida are `Adur, not the
    town Ad Dur near Damascus in an article that also names Jaramana."""
    for i in range(1, len(matches)):
        place, a = chosen[i][0], chosen[i - 1][0]
        if place.country != "SY" or place.kind not in ("village", "town") or len(matches[i].candidates) < 2 \
                or a.country != "SY" or a.kind not in ("village", "town") or _km(a, place) < 50.0:
            continue
        if not _listed_next(text, matches, i):
            continue
        if i >= 2 and _listed_next(text, matches, i - 1) or i + 1 < len(matches) and _listed_next(text, matches, i + 1):
            continue  # a longer list ("in Saraqeb, Qamishli and Qusayr", "Rasm al-Harmal Umm al-Amad and Tal Aran"): no pair
        near = [p for p in matches[i].candidates if p.country == "SY" and p.kind in ("village", "town")
                and _km(a, p) <= _TWIN_KM]
        if near:
            chosen[i] = (min(near, key=lambda p: _km(a, p)), chosen[i][1])


#: How near a neighbourhood listed with another must lie to it to be read as its fellow (km).
_FELLOW_NEIGHBOURHOOD_KM: Final = 8.0


def _neighbourhoods_listed_together(text: str, matches: Sequence[Match], chosen: list[tuple[Place, float]]) -> None:
    """A name listed right before or after a Syrian neighbourhood ("A and B", "A, B"), read 15 km or
    more from it as a village, a neighbourhood or a small town, is its namesake neighbourhood within
    8 km of it if it has one: "shelled Jobar and Qaboun" are Damascus's districts, not Homs's village
    Jawbar, in a report from Homs; "hospitals in Furqan and al-Shahbaa" Aleppo's, not Sweida's Shahba."""
    for i in range(len(matches)):
        place = chosen[i][0]
        if place.country != "SY" or len(matches[i].candidates) < 2 \
                or place.kind not in _SMALL_KINDS and (place.kind != "town" or _is_major(place)):
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(matches) or not _listed_next(text, matches, max(i, j)):
                continue
            fellow = chosen[j][0]
            if fellow.kind != "neighbourhood" or fellow.country != "SY" or _km(fellow, place) < 15.0:
                continue
            near = [p for p in matches[i].candidates if p.kind == "neighbourhood" and p.country == "SY"
                    and _km(fellow, p) <= _FELLOW_NEIGHBOURHOOD_KM]
            if near:
                chosen[i] = (min(near, key=lambda p: _km(fellow, p)), chosen[i][1])
                break


_ROADS: Final = frozenset({"road", "roads", "highway", "highways", "motorway", "route", "routes"})
_ROAD_LINKS: Final = frozenset({"linking", "connecting", "joining", "between", "from"})
_ROAD_END_JOIN: Final = re.compile(r"[ \t]+(?:to|and|with)[ \t]+")


def _towns_a_road_links(text: str, matches: Sequence[Match], chosen: list[tuple[Place, float]],
                        cues: Sequence[_Cue]) -> None:
    """The ends of "the road linking A to B" (connecting, between, from; "and", "with") are towns, not the
    governorates of their names: "a supply route from Iraq into the road linking Hasake to Deir
    Ezzor" had both as governorates (the article's "Hasake and Deir Ezzor provinces" had pulled them)."""
    first = -1  # the match that follows "road linking"
    for i, m in enumerate(matches):
        before = cues[i].before
        if len(before) >= 2 and before[-1] in _ROAD_LINKS and before[-2] in _ROADS:
            first = i
        elif not (i == first + 1 and first >= 0 and _ROAD_END_JOIN.fullmatch(text, matches[first].end, m.start)):
            continue
        place = chosen[i][0]
        if place.kind != "governorate" or place.country != "SY":
            continue
        towns = [p for p in m.candidates if p.kind == "town" and p.admin1 == place.admin1]
        if len(towns) == 1:
            chosen[i] = (towns[0], chosen[i][1])


def _typed_or_listed(text: str, matches: Sequence[Match], chosen: list[tuple[Place, float]],
                     cues: Sequence[_Cue], j: int, holder: Place) -> bool:
    """True if the text calls the place before "in B" a village or town ("the village of A in B",
    "the besieged towns of al-Fouaa and Kafraya in Idleb"), or lists it after another village or
    town of B's governorate that is not in the city ("al-Fouaa and Kafraya in Idleb"): places named
    apart, side by side, are the governorate's localities, not quarters of the city."""
    if _type_before(cues[j].before or _words_before(text, matches[j].start)) in _SETTLEMENT_TYPES:
        return True  # (a name of one candidate has no cue computed)
    if j == 0 or not _LIST_JOIN.fullmatch(text, matches[j - 1].end, matches[j].start):
        return False
    first = chosen[j - 1][0]
    return (first.kind in ("village", "town") and first.admin1 == holder.admin1 and first.id != holder.id
            and _km(first, holder) >= 5.0)


# "X neighbourhood in Y", "X in the city of Y": Y is a town that holds X.
_IN_TOWN_GAP: Final = re.compile(  # also "X neighbourhood of east Aleppo", "X in eastern Damascus"
    r"(?P<type>\s+(?:residential\s+)?(?:neighbou?rhoods?|quarter|district|area|village|town"
    r"|roundabout|square|street|cemetery)[\"”]?)?"  # (a quote closing there: 'the X neighbourhood" in Aleppo')
    r"\s+(?:in|(?(type)of|(?!)))\s+"
    r"(?:the\s+)?(?:(?P<side>(?:north|south|east|west)(?:ern)?\s+)|central\s+)?(?:(?:city|town)\s+of\s+)?",
    re.IGNORECASE)
#: a capitalised "In" after a name, with the town after it going on in lower case: a lost full
#: stop ("... in Bustan al-Qasr and Sheikh Maqsoud In Damascus a car bomb ..."), a new sentence
_NEW_SENTENCE_IN: Final = re.compile(r"[ \t]+In[ \t]+")
_LOWER_CASE_GOES_ON: Final = re.compile(r",?[ \t]+[a-z]")


def _in_town_gap(text: str, end: int, holder: PlaceMention) -> re.Match[str] | None:
    """:data:`_IN_TOWN_GAP` between a name ending at ``end`` and the town ``holder``, unless its
    "In" opens a new sentence (a title-case headline's "X In Aleppo" still puts X there)."""
    if not _may_open_in_town_gap(text, end, holder.start):
        return None
    gap = _IN_TOWN_GAP.fullmatch(text, end, holder.start)
    if gap is not None and _NEW_SENTENCE_IN.fullmatch(text, end, holder.start) \
            and _LOWER_CASE_GOES_ON.match(text, holder.end):
        return None
    return gap


#: The first words of the gaps :data:`_IN_TOWN_GAP` matches: its type words, "residential" and "in".
_IN_TOWN_GAP_FIRST_WORDS: Final = frozenset(
    "residential neighbourhood neighbourhoods neighborhood neighborhoods quarter district area village town "
    "roundabout square street cemetery in".split())


def _may_open_in_town_gap(text: str, start: int, end: int) -> bool:
    """False where ``_IN_TOWN_GAP.fullmatch(text, start, end)`` cannot match: the gap opens with
    no space ("\\s", as ``str.isspace``), or its first word (up to a space or a quote) is ASCII
    and none of :data:`_IN_TOWN_GAP_FIRST_WORDS` in any case (a word with another character, which
    may fold to a letter of theirs, is left to the regex). Most gaps between a name and the next
    place run on for a sentence (" and ...", " said ..."), which the regex, called through Python's
    protocol, read at a cost of thousands of instructions."""
    i = start
    while i < end and text[i].isspace():
        i += 1
    if i == start:
        return False
    j = i
    while j < end:
        c = ord(text[j])
        if c >= 128:
            return True
        if c == 34 or text[j].isspace():  # ('"': the type word's closing quote)
            break
        j += 1
    return text[i:j].lower() in _IN_TOWN_GAP_FIRST_WORDS


_IN_TOWN_GAP_AR: Final = re.compile(r"[ \t]+(?:في[ \t]+(?:مدينة[ \t]+|مدينه[ \t]+)?|بمدينة[ \t]+|ب)")
_IN_TOWN_AFTER: Final = re.compile(  # "in Daraa city", "in Aleppo."; not "in Aleppo northern countryside"
    r"\s+city\b|(?![\w-])(?!\s+(?:(?:north|south|east|west)\w*\s+|rural\s+)?"
    r"(?:countryside|province|governorate|suburbs?|outskirts|desert)\b)", re.IGNORECASE)
_SMALL_KINDS: Final = frozenset({"neighbourhood", "village"})
#: whose towns make a list of two names without their comma ("Sarmin Taftanaz", "on Ceylanpinar
#: Akcakale and other border towns"): Syria's, and its neighbours' by their own names (not
#: "Nayef", a name WOF gives a Turkish town, in "said Jama Nayef a vet")
_LISTED_TOWN_COUNTRIES: Final = frozenset({"TR", "LB", "IQ", "JO"})
_SMALL_KINDS_AND_TOWNS: Final = _SMALL_KINDS | {"town"}
# type words (their starts) of _IN_TOWN_GAP that make X a part of the town, not a village by it
_TOWN_PART_TYPES: Final = ("neighbo", "quarter", "district", "area", "roundabout", "square", "street", "cemetery")
# "X north of Y", "X farms near Y": said of a foreign namesake, X is an unlisted place by Y.
_NEAR_TOWN_GAP: Final = re.compile(
    r"(?:\s+(?:farms?|area|village|town|region))?\s+(?:near|outside|of|"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)"
    r"\s+of)\s+(?:the\s+)?(?:(?:city|town)\s+of\s+)?", re.IGNORECASE)


# "X (neighbourhood/village/area) in (the) (al-)Y countryside": X is by the town Y (its match starts after "al-")
_IN_COUNTRYSIDE_GAP: Final = re.compile(
    r"(?:\s+(?:neighbou?rhoods?|village|town|area|district))?\s+in\s+(?:the\s+)?(?:(?:al|el)-)?", re.IGNORECASE)
_COUNTRYSIDE_AFTER: Final = re.compile(r"\s+countryside\b", re.IGNORECASE)


def _place_in_named_towns(text: str, matches: Sequence[Match], mentions: list[PlaceMention],
                          gazetteer: Gazetteer | None = None, sentences: Sequence[tuple[int, int]] = ()) -> None:
    """A small place the text puts in a town, when the gazetteer has none of its name there.

    "al-Sabil neighborhood in Daraa city": the gazetteer's al-Sabil are neighbourhoods of
    Aleppo, Homs and Hama, 100+ km away, so it is an unlisted neighbourhood of Daraa and is
    placed at the town (confidence 0.3, ``method="container"``), not in another city.
    Only "in" (or "X neighbourhood of Y") says so: a comma or "near" may join two places
    of a list. A place of the town spelled alike comes first: "Barzah in eastern
    Damascus" is Damascus's Barzeh (``method="fuzzy"``), "Hamdaniyeh" Aleppo's Hamadaniyeh.
    A name read as a foreign namesake that the text puts "near" or "north of" a Syrian town
    is an unlisted place by that town (id ``near:<key>@<town>``, confidence 0.25), and so
    are the article's other uses of it: "al-Maleh north of Aleppo" is not the West Bank's.
    """
    # (name key, place it was read as) -> where it went, and the span of text where that holds:
    # the article for a foreign namesake, the passage for a town's part (a bulletin of several
    # cities has an al-Sabil in Aleppo and another in Daraa)
    moved: dict[tuple[str, str], tuple[PlaceMention, int, int]] = {}
    for i in range(len(matches) - 1):
        m, holder = matches[i], mentions[i + 1]
        held = holder.place  # (each field read once for the test most pairs fail)
        if held.country != "SY" or held.kind not in ("town", "governorate"):
            continue
        read = mentions[i].place  # (what it was read as; its mention is replaced at the end of its turn only)
        read_as = read.kind
        if read_as not in _SMALL_KINDS and read_as != "town":
            continue
        gap = _in_town_gap(text, m.end, holder)
        # a town abroad (no capital) the text puts in a Syrian town is a part of it, as a village would be
        # ("al-Sinaa in Damascus city" is not Iraq's Sinah)
        town_abroad = read_as == "town" and read.country != "SY" \
            and not read.capital_of and held.kind == "town"
        if held.kind == "governorate" or read_as == "town" and not town_abroad:
            # a foreign namesake in a Syrian governorate ("Tal al-Samn in the Daraa countryside"),
            # a town named as a town's neighbourhood ("the Tariq al-Bab district of Aleppo")
            if gap is None or not (read.country != "SY" if held.kind == "governorate"
                                   else (gap.group("type") or "").strip().lower().startswith(
                                       ("neighbo", "quarter", "district"))):
                continue
        if gap is not None and gap.group("side") and read.admin1 == held.admin1:
            continue  # "Jubb al-Jarrah in eastern Homs": the governorate's east, where it is
        if gap is not None and _IN_TOWN_AFTER.match(text, holder.end):
            # no type word, or a neighbourhood's: a neighbourhood; "village", "town": a village
            kind = "neighbourhood" if (gap.group("type") or " neighbourhood").strip().lower().startswith(
                _TOWN_PART_TYPES) else "village"
        elif is_arabic(m.text) and _IN_TOWN_GAP_AR.fullmatch(text, m.end, holder.start):  # "حي الميدان في دمشق"
            kind = "village" if _arabic_word_before(text, m.start) in ("قرية", "قريه", "بلدة", "بلده") else "neighbourhood"
        elif held.kind == "town" and _OLD_CITY.fullmatch(m.text) \
                and _OF_OR_IN_GAP.fullmatch(text, m.end, holder.start):
            kind = "neighbourhood"  # "the Old City of Aleppo": its part, not a place by it
        elif read.country != "SY" and _NEAR_TOWN_GAP.fullmatch(text, m.end, holder.start):
            kind = "near"  # "al-Maleh north of Aleppo": not the West Bank's al-Malih
        elif held.kind == "town" and _IN_COUNTRYSIDE_GAP.fullmatch(text, m.end, holder.start) \
                and _COUNTRYSIDE_AFTER.match(text, holder.end):
            kind = "near"  # "al-Salhin neighborhood in al-Bu Kamal countryside": by Abu Kamal
        else:
            continue
        town = held
        if town.kind == "governorate":
            if any(p.admin1 == town.admin1 for p in m.candidates):
                continue  # one of its name is there: the container weight already chose it
            kind = "village"
        elif any(_km(p, town) < (40.0 if kind == "near" else 25.0) for p in m.candidates):
            if kind != "near" and _km(read, town) >= 25.0:
                # the town has one of its name, but the article's other places pulled it elsewhere:
                # the text's "in" wins ("al-Zahraa neighborhood in the city of Homs" is Homs's)
                here = min((p for p in m.candidates if _km(p, town) < 25.0),
                           key=lambda p: (p.kind != kind, _km(p, town)))
                was = read
                mentions[i] = PlaceMention(mentions[i].text, mentions[i].start, mentions[i].end, here,
                                           confidence=0.6, metonymy=mentions[i].metonymy, method=mentions[i].method)
                moved[m.key, was.id] = (mentions[i], *_passage_of(sentences, m.start, len(text)))
            continue
        alike = _spelled_alike_in(gazetteer, m.text, town, 30.0 if kind == "near" else 15.0) \
            if gazetteer is not None and town.kind == "town" else None
        was = read
        if alike is not None:
            mentions[i] = PlaceMention(mentions[i].text, mentions[i].start, mentions[i].end, alike,
                                       confidence=0.5, method="fuzzy")
        else:
            place = _unlisted(m.text, town, "near" if kind == "near" else "in",
                              "village" if kind == "near" else kind)
            mentions[i] = PlaceMention(mentions[i].text, mentions[i].start, mentions[i].end, place,
                                       confidence=0.25 if kind == "near" else 0.3, method="container")
        # the namesake it was read as is wrong wherever else the article (a passage, for a town's
        # part) uses the name
        moved[m.key, was.id] = (mentions[i], *((0, len(text)) if kind == "near"
                                               else _passage_of(sentences, m.start, len(text))))
    if moved:  # the other uses of the name, read as the moved one was, move with it
        for j, (m, pm) in enumerate(zip(matches, mentions)):
            to, start, end = moved.get((m.key, pm.place.id), (None, 0, 0))
            if to is not None and start <= pm.start < end:
                mentions[j] = PlaceMention(pm.text, pm.start, pm.end, to.place, confidence=to.confidence,
                                           metonymy=pm.metonymy, method=to.method)


# "Aleppo's southern Hamdaniya", "Aleppos Rashidin" (the apostrophe lost), "Daraa's Manshiyah"
_POSSESSIVE_GAP: Final = re.compile(r"(?:['’]?s)?[ \t]+(?:(?:north|south|east|west)(?:ern)?[ \t]+|central[ \t]+)?"
                             r"(?:(?:al|el)[ \t]*-[ \t]*)?")


def _possessive_between(text: str, end: int, start: int) -> bool:
    """True if ``text[end:start]`` makes the name before it own the one after ("'s southern ",
    "s " of a lost apostrophe); a bare space does not ("Aleppo Homs" is a list)."""
    return text[end:end + 1] in ("'", "’", "s") and _POSSESSIVE_GAP.fullmatch(text, end, start) is not None


def _place_in_possessor_towns(text: str, matches: Sequence[Match], mentions: list[PlaceMention],
                              gazetteer: Gazetteer) -> None:
    """A small place the text gives a Syrian town as its own ("Aleppo's southern Hamdaniya")
    is that town's: its neighbourhood spelled alike (Hamadaniyeh, not a village of Hama),
    else an unlisted neighbourhood of the town (as "X neighbourhood in Y" makes one)."""
    for i in range(1, len(matches)):
        holder, pm = mentions[i - 1], mentions[i]
        town = holder.place
        if town.country != "SY" or town.kind != "town" or not _is_major(town) \
                or pm.place.kind not in _SMALL_KINDS or _km(pm.place, town) < 15.0:
            continue
        if _possessive_between(text, holder.end, pm.start):
            mentions[i] = _in_town(Span(pm.text, pm.start, pm.end), town, gazetteer)


def _town_of_neighbourhoods(start: int, mentions: Sequence[PlaceMention],
                            sentences: Sequence[tuple[int, int]], wide: bool = True) -> Place | None:
    """The one big Syrian town the article names whose neighbourhoods the text around ``start``
    names: those of its sentence; if ``wide``, else those of its passage, else those of the
    article if it names no other big Syrian town (the first of these that names any
    neighbourhood decides; None if they lie in no named town or in two)."""
    # (one loop reading each place's fields once: the big towns by id, the neighbourhoods)
    by_id: dict[str, Place] = {}
    parts = []
    for pm in mentions:
        place = pm.place
        if place.country != "SY":
            continue
        kind = place.kind
        if kind == "town":
            if _is_major(place):
                by_id[place.id] = place
        elif kind == "neighbourhood" and pm.start != start:
            parts.append(pm)
    towns = list(by_id.values())
    if not towns or not sentences:
        return None
    for reach in ((0, _PASSAGE_SENTENCES, None) if wide else (0,)):
        if reach is None and len(towns) > 1:
            return None
        lo, hi = (0, math.inf) if reach is None else _passage(sentences, start, reach)
        here = [pm.place for pm in parts if lo <= pm.start < hi]
        if here:
            held = [t for t in towns if all(_km(p, t) < 15.0 for p in here)]
            if len(held) > 1:
                # a city and its suburbs (Damascus, Douma, Harasta by Jobar and Qabun): the town of the
                # neighbourhoods' governorate, the biggest of those
                held = [t for t in held if all(p.admin1 == t.admin1 for p in here)]
                held = [max(held, key=lambda t: t.population or 0)] if held else held
            return held[0] if len(held) == 1 else None
    return None


# The rest of a list after one of its names, up to the town that closes it: " al-Furqan
# Maisaloun and al-Jabiryieh in " (commas kept or lost), then the town ("in Aleppo city")
_LIST_TO_TOWN_GAP: Final = re.compile(
    rf"(?:(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+|[ \t]+|[ \t]*-[ \t]*){_NAME_IN_LIST})*"
    r",?[ \t]+in[ \t]+(?:the[ \t]+(?:city|town)[ \t]+of[ \t]+)?")


def _town_closing_list(text: str, i: int, mentions: Sequence[PlaceMention]) -> Place | None:
    """The big Syrian town a list of names closes with, "in <town>", read from its ``i``-th
    mention on: "the neighborhoods of New Aleppo Bab al-Faraj al-Ismailiya al-Furqan Maisaloun
    and al-Jabiryieh in Aleppo city" (not "in Aleppo countryside")."""
    start = mentions[i].end
    for holder in mentions[i + 1:]:
        if holder.start - start > _TYPE_LIST_REACH:
            return None
        town = holder.place
        if town.country == "SY" and town.kind == "town" and _is_major(town):
            if _LIST_TO_TOWN_GAP.fullmatch(text, start, holder.start) and _IN_TOWN_AFTER.match(text, holder.end):
                return town
            return None
    return None


def _said_neighbourhood(cue: _Cue) -> bool:
    """True if the words around a name call it a neighbourhood ("the neighborhood of X", "X
    district", a name in "the neighbourhoods of A, B and C")."""
    return cue.after in _NEIGHBOURHOOD_CUES or _type_before(cue.before) in _NEIGHBOURHOOD_CUES


def _place_in_neighbourhoods_town(text: str, matches: Sequence[Match], mentions: list[PlaceMention],
                                  cues: Sequence[_Cue], gazetteer: Gazetteer,
                                  sentences: Sequence[tuple[int, int]],
                                  cue_memo: dict[int, _Cue]) -> None:
    """A name the text calls a neighbourhood, read as a village far from the town whose
    neighbourhoods its sentence names, is that town's: "the neighborhoods of Sakhour
    Shaar Jabal Badro Ard Alhamra Seif Addawla" are Aleppo's, and Ard al-Hamra is no village of
    Rural Damascus (its neighbourhood spelled alike, else an unlisted one, as "X neighbourhood
    in Aleppo" makes)."""
    for i, (m, pm) in enumerate(zip(matches, mentions)):
        if pm.place.kind != "village" or pm.method == "container":
            continue
        cue = _cue_of(text, m, i, cues, sentences, cue_memo)
        if not _said_neighbourhood(cue) and _NEIGHBOURHOODS_AFTER_NEXT.match(text, m.end) is None:
            continue  # (the first of two: "the al-Jora and al-Qusour districts")
        town = _town_of_neighbourhoods(pm.start, mentions, sentences, wide=False) \
            or _town_closing_list(text, i, mentions)  # (its list's)
        if town is None or _km(pm.place, town) < 25.0:
            continue
        here = [p for p in m.candidates if p.kind in _SMALL_KINDS and _km(p, town) < 15.0]
        if here:
            mentions[i] = PlaceMention(pm.text, pm.start, pm.end, min(here, key=lambda p: _km(p, town)),
                                       confidence=0.5, metonymy=pm.metonymy, method=pm.method)
        else:
            mentions[i] = _in_town(Span(pm.text, pm.start, pm.end), town, gazetteer)


_NEIGHBOURHOOD_KIND: Final = frozenset({"neighbourhood"})
# "terrorists positioned in Douma area fired ... at the neighborhoods of X": where the fire came from
_FIRED_FROM_BEFORE: Final = re.compile(r"\b(?:located|positioned|stationed|deployed|based)[ \t]+in[ \t]+(?:the[ \t]+)?\Z")


def _may_end_fired_from(text: str, start: int, end: int) -> bool:
    """False where _FIRED_FROM_BEFORE cannot match ``text[start:end]``: a match ends with a space
    or a tab and has "ed" in it (its words end so). Tests in C before the regex."""
    return text[end - 1:end] in _SPACE_OR_TAB and text.find("ed", start, end) != -1


def _and_after(text: str, end: int) -> bool:
    """False where _AND_NAME_THEN_NEIGHBOURHOODS cannot match at ``end``: spaces or tabs, then
    "and" and a space or a tab. Read as code points before the regex."""
    i = end
    while i < len(text) and text[i] in _SPACE_OR_TAB:
        i += 1
    return i > end and text.startswith("and", i) and text[i + 3:i + 4] in _SPACE_OR_TAB
# "X and Y neighborhoods" (a list closed by the plural type word): X is a neighbourhood too
_AND_NAME_THEN_NEIGHBOURHOODS: Final = re.compile(
    r"[ \t]+and[ \t]+(?:(?:al|el)-)?[A-Z][\w'’]*(?:[ \t]+[A-Z][\w'’]*){0,2}[ \t]+(?:neighbou?rhoods|districts|quarters)\b")


def _neighbourhoods_of_the_city_at_hand(text: str, matches: Sequence[Match], mentions: list[PlaceMention],
                                        cues: Sequence[_Cue], gazetteer: Gazetteer,
                                        sentences: Sequence[tuple[int, int]],
                                        cue_memo: dict[int, _Cue]) -> None:
    """A name the text calls a neighbourhood, district or quarter, read as a village or a
    neighbourhood 15 km or more from the big Syrian town the text is about there, is that town's.

    The town (a city of 100,000 or a capital, read as the town): the one whose neighbourhoods its
    sentence names, or that closes its list ("... in Aleppo city"); else the nearest Syrian place
    named in its sentence or the sentences before it in its passage, if that is a big town; else
    the article's one big town when all its other Syrian places lie in that town's governorate.
    "the Maghayir district" after "the old quarter of Aleppo city" is not a village of Rural
    Damascus, "Khaldiyeh District" in a report from Homs not Aleppo's, "Jamiyet al-Zahraa
    neighborhood on the western outskirts of Aleppo city" not Homs's Zahra'. Its candidate in the
    town, else one spelled alike, else an unlisted neighbourhood of the town. Kept: a neighbourhood
    of another big town the article names (Homs's Waer in a report that names Idlib), and a
    village of the town's own governorate unless its sentence's neighbourhoods or list say so
    (Aleppo's "district of Al Mallah" is the farms north of the city). The passage's later uses of
    the name follow it."""
    if not sentences:
        return
    towns: dict[str, Place] = {}
    # the mentions the rule reads, in the same pass over the mentions' fields: Syrian villages
    # and neighbourhoods, and small towns (below), as (index, read as a small town). A mention is
    # replaced at its own turn only, so what it is read as here it still is there.
    small: list[tuple[int, bool]] = []
    for i, pm in enumerate(mentions):
        place = pm.place
        if place.country != "SY" or pm.method == "container":
            continue
        kind = place.kind
        if kind == "town":
            if _is_major(place):
                towns[place.id] = place
            else:
                # a small town too: "the neighborhoods of al-Hamidiyah and al-Ummal" in Deir Ezzor city are
                # no town of Tartous. Only to a listed neighbourhood of the town at hand, below
                small.append((i, True))
        elif kind in _SMALL_KINDS:
            small.append((i, False))
    if not towns:
        return
    moved: dict[tuple[str, str], tuple[PlaceMention, int, int]] = {}
    for i, town_read in small:
        if i >= len(matches):
            break  # (the mentions are the matches', one each: as zip(matches, mentions) pairs them)
        m, pm = matches[i], mentions[i]
        place = pm.place
        to, lo, hi = moved.get((m.key, place.id), (None, 0, 0))
        if to is not None and lo <= pm.start < hi:
            mentions[i] = PlaceMention(pm.text, pm.start, pm.end, to.place, confidence=to.confidence,
                                       metonymy=pm.metonymy, method=to.method)
            continue
        cue = _cue_of(text, m, i, cues, sentences, cue_memo)
        # "the X area": only to a listed neighbourhood of the town at hand (below), not to an unlisted one
        area = cue.after == "area" and place.kind == "village" \
            and any(p.kind == "neighbourhood" for p in m.candidates)
        if not (area or _said_neighbourhood(cue) or _and_after(text, pm.end)
                and _AND_NAME_THEN_NEIGHBOURHOODS.match(text, pm.end)):
            continue
        town = _capital_said(text, pm.end, gazetteer) or _town_of_neighbourhoods(pm.start, mentions, sentences, wide=False) \
            or _town_closing_list(text, i, mentions)
        said_here = town is not None  # (its sentence names the town)
        if town is None:
            if place.kind == "village" and place.admin1 in {t.admin1 for t in towns.values()} and not area:
                continue
            si = sentence_index(sentences, pm.start)
            lo, hi = sentences[max(0, si - _PASSAGE_SENTENCES)][0], sentences[si][1]
            # before it, or after it in its sentence as the place it is "of" or "in" ("... on the
            # western outskirts of Aleppo city"; not "north of the capital Damascus")
            near = [o for o in mentions if o is not pm and lo <= o.start < hi and o.place.country == "SY"
                    and o.place.kind not in ("country", "neighbourhood")
                    and (o.start < pm.start or text[o.start - 4:o.start] in (" of ", " in "))
                    and not (_may_end_fired_from(text, max(0, o.start - 16), o.start)
                             and _FIRED_FROM_BEFORE.search(text, max(0, o.start - 16), o.start))]
            if near:
                nearest = min(near, key=lambda o: abs(o.start - pm.start))
                town = nearest.place if nearest.place.id in towns else None
                said_here = nearest.start >= sentences[si][0]
            elif len(towns) == 1:
                only = next(iter(towns.values()))
                if all(o.place.admin1 == only.admin1 for o in mentions
                       if o is not pm and o.place.country == "SY" and o.place.kind != "country"):
                    town = only
        if town is None:
            continue
        # a village by the town that the text calls a neighbourhood is the town's neighbourhood of
        # the name, where there is one ("the al-Jubeila and al-Hweiqa neighborhoods" of Deir ez-Zor
        # city, not the village Jubaylah beside it); else it stays, as a neighbourhood by it does
        by_town = _km(place, town) < 15.0
        if by_town and (place.kind != "village" or area):
            continue
        if not by_town and place.kind == "neighbourhood":
            # a neighbourhood of another big town the article names stays, unless the town at hand is
            # named in its sentence and that one is not ("in Aleppo City Meanwhile in Damascus city
            # ... al-Mazraa neighborhood" is Damascus's)
            s0, s1 = sentences[sentence_index(sentences, pm.start)]
            holders = {o.place.id for o in mentions if o.place.id in towns and _km(place, o.place) < 15.0
                       and (not said_here or s0 <= o.start < s1)}
            if holders:
                continue
        here = [p for p in m.candidates if p.kind == "neighbourhood" and _km(p, town) < 15.0]
        if here:
            mentions[i] = PlaceMention(pm.text, pm.start, pm.end, min(here, key=lambda p: _km(p, town)),
                                       confidence=0.5, metonymy=pm.metonymy, method=pm.method)
        elif area or by_town:
            continue
        else:  # (not a village by the town: "Khaldiyeh District" is Homs's Khalidiyah, not the village 5 km north)
            alike = _spelled_alike_in(gazetteer, pm.text, town, kinds=_NEIGHBOURHOOD_KIND)
            if alike is None and town_read:
                continue
            mentions[i] = PlaceMention(pm.text, pm.start, pm.end, alike, confidence=0.5, method="fuzzy") \
                if alike is not None else _in_town(Span(pm.text, pm.start, pm.end), town, gazetteer)
        moved[m.key, place.id] = (mentions[i], *_passage_of(sentences, pm.start, len(text)))


# "the Barzeh district of the capital", "a neighbourhood of the Syrian capital": Damascus's
_OF_THE_CAPITAL_AFTER: Final = re.compile(r"[ \t]+(?i:neighbou?rhood|district|quarter|suburb)[ \t]+of[ \t]+the[ \t]+"
                                   r"(?:Syrian[ \t]+)?capital\b(?![ \t]+[A-Z])")


def _capital_said(text: str, end: int, gazetteer: Gazetteer) -> Place | None:
    """Damascus, where the name ending at ``end`` is a "district of the capital" (the text's capital
    is Syria's unless another is named right after: "of the capital Beirut" goes on)."""
    if not _OF_THE_CAPITAL_AFTER.match(text, end):
        return None
    return next((p for p in gazetteer.by_key(name_key("Damascus")) if p.capital_of == "SY"), None)


_FAR_KM: Final = 60.0  # a village this far from every other place of the article is a guess by its name alone
_SUPPORT_KINDS: Final = frozenset({"town", "governorate", "district", "region"})


def _supported(place: Place, key: str, points: Sequence[tuple[str, str | None, bool, float, float]]) -> bool:
    """True if one of ``points`` whose name key is not ``key`` is a town, district, region or
    governorate of ``place``'s governorate, or lies within _FAR_KM of it; also where none's key
    is another (the caller's "nothing else in the article": no other name to support it).

    ``points`` are the article's local Syrian mentions as (name key, governorate, of a kind in
    _SUPPORT_KINDS, lat, lon), read once an article where every village read each place's fields.
    """
    admin1, lat, lon = place.admin1, place.lat, place.lon
    other = False
    for k, a, supports, plat, plon in points:
        if k == key:
            continue
        if a == admin1 and supports or _haversine(plat, plon, lat, lon) <= _FAR_KM:  # (_km(other, place))
            return True
        other = True
    return not other


def _far_villages_follow_their_text(text: str, matches: Sequence[Match], mentions: list[PlaceMention],
                                    cues: Sequence[_Cue], gazetteer: Gazetteer,
                                    sentences: Sequence[tuple[int, int]],
                                    cue_memo: dict[int, _Cue]) -> None:
    """A Syrian village (or neighbourhood) that nothing else in the article supports (no town,
    district, region or governorate of its governorate, no place within 60 km) was chosen by its
    name alone; where the text says otherwise, the text wins:

    * called a neighbourhood among a town's neighbourhoods (its passage's): that town's
      ("al-Izaa (radio) neighborhood" among Aleppo's is no village of Hama);
    * else the one governorate its sentence names, else its passage's, else the article's
      (when all its other places lie in one): its candidate there, else an unlisted village
      there ("Al-Muaker ... in the eastern part of Hama province" is not Aleppo's Al Mawakir,
      "the Abedin camp" in a report from Idlib not Daraa's `Abidin).
    """
    if not sentences:
        return
    local = [(j, pm) for j, pm in enumerate(mentions)
             if pm.place.country == "SY" and pm.place.kind != "country"]
    # what _supported reads of each of them, read once (not once for every village)
    points: list[tuple[str, str | None, bool, float, float]] = []
    for j, pm in local:
        o = pm.place
        points.append((matches[j].key, o.admin1, o.kind in _SUPPORT_KINDS, o.lat, o.lon))
    moved: dict[tuple[str, str], PlaceMention] = {}  # (name key, place it was read as) -> its first new reading
    for i, (m, pm) in enumerate(zip(matches, mentions)):
        place = pm.place
        if place.country != "SY" or place.kind not in _SMALL_KINDS or pm.method not in ("exact", "alike"):
            continue
        to = moved.get((m.key, place.id))
        if to is not None:  # the article's later uses of a name follow its first
            mentions[i] = PlaceMention(pm.text, pm.start, pm.end, to.place, confidence=to.confidence,
                                       metonymy=pm.metonymy, method=to.method)
            continue
        if _supported(place, m.key, points):  # (no other name in ``local``, or one supporting it)
            continue
        others = [o for j, o in local if matches[j].key != m.key]
        cue = _cue_of(text, m, i, cues, sentences, cue_memo)
        if _said_neighbourhood(cue):
            town = _town_of_neighbourhoods(pm.start, mentions, sentences)
            if town is not None:
                mentions[i] = moved[m.key, place.id] = _in_town(Span(pm.text, pm.start, pm.end), town, gazetteer)
            continue
        governorate = None
        for reach in (0, _PASSAGE_SENTENCES, None):
            lo, hi = (0, len(text)) if reach is None else _passage(sentences, pm.start, reach)
            if reach is None:
                named = {o.place.admin1 for o in others}
                if len(named) != 1:
                    break
                provinces = [o for o in others if o.place.kind == "governorate"]
            else:
                provinces = [o for o in others if o.place.kind == "governorate" and lo <= o.start < hi]
            found = {o.place.admin1: o.place for o in provinces}
            if len(found) > 1:
                break  # two governorates: the text does not say which
            if found:
                governorate = next(iter(found.values()))
                break
        if governorate is None:
            # no governorate named: the town whose neighbourhoods the article names, if one of them
            # is spelled alike ("Aerial bombardments were focused on Ferdous" in a report from east
            # Aleppo is its Fardos, not Hasakeh's village Al Firdaws)
            town = _town_of_neighbourhoods(pm.start, mentions, sentences)
            alike = _spelled_alike_in(gazetteer, pm.text, town) if town is not None else None
            if alike is not None:
                mentions[i] = moved[m.key, place.id] = PlaceMention(
                    pm.text, pm.start, pm.end, alike, confidence=0.5, metonymy=pm.metonymy, method="fuzzy")
                continue
            # else the one governorate of two or more villages and towns of its sentence ("entered
            # Mashara Umm Batna and al-Hamidiyah and raised the flag over the hill of Tal Kroum":
            # Quneitra's, not Lattakia's Ar Rumaylah, whose old name it is)
            lo, hi = _passage(sentences, pm.start, 0)
            settled = [o for o in others if lo <= o.start < hi and o.place.kind in _SMALL_KINDS_AND_TOWNS]
            if len(settled) < 2 or len({o.place.admin1 for o in settled}) != 1:
                continue
            governorate = next((g for g in gazetteer.governorates() if g.admin1 == settled[0].place.admin1), None)
            if governorate is None:
                continue
        if governorate.admin1 == place.admin1:
            continue
        here = [p for p in m.candidates if p.country == "SY" and p.admin1 == governorate.admin1
                and p.kind in _SMALL_KINDS_AND_TOWNS]
        if here:
            mentions[i] = PlaceMention(pm.text, pm.start, pm.end, max(here, key=_prior), confidence=0.5,
                                       metonymy=pm.metonymy, method=pm.method)
        else:
            mentions[i] = PlaceMention(pm.text, pm.start, pm.end,
                                       _unlisted(pm.text, governorate, "in", "village"),
                                       confidence=0.3, method="container")
        moved[m.key, place.id] = mentions[i]


# "X (town) in Aleppo northern countryside", "X in the northern countryside of Aleppo", "X in the
# Eastern side of Salamiyah": the bearing from the town Y that X lies on (the gap between the two
# names, then the words after Y; both matched at a name's edge)
_BEARING_WORD: Final = r"(?P<d>(?:north|south)?(?:east|west)?)(?:ern)?"
_BEARING_GAP: Final = re.compile(r"[ \t]+(?:(?:town|village|area|city)[ \t]+)?(?:in|of)[ \t]+(?:the[ \t]+)?"
                          rf"(?:{_BEARING_WORD}[ \t]+(?:(?:side|part|parts|countryside|outskirts)[ \t]+of[ \t]+"
                          r"(?:the[ \t]+)?)?)?(?:al-)?", re.IGNORECASE)
_BEARING_AFTER: Final = re.compile(rf"(?:s|'s|\u2019s)?[ \t]+{_BEARING_WORD}[ \t]+countryside\b", re.IGNORECASE)
_BEARING_DEGREES: Final = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
                    "southwest": 225.0, "west": 270.0, "northwest": 315.0}
_BEARING_SLACK: Final = 67.5  # degrees either side of the bearing named


def _bearing_degrees(origin: Place, place: Place) -> float:
    """The compass bearing from one place to another (degrees from north, clockwise; flat-earth)."""
    dx = (place.lon - origin.lon) * math.cos(math.radians(origin.lat))
    return math.degrees(math.atan2(dx, place.lat - origin.lat)) % 360.0


def _on_bearing(origin: Place, place: Place, bearing: float) -> bool:
    off = abs(_bearing_degrees(origin, place) - bearing) % 360.0
    return min(off, 360.0 - off) <= _BEARING_SLACK


def _capital_named_by(gazetteer: Gazetteer, surface: str) -> Place | None:
    """The one big Syrian town a governorate's mention is named after ("Aleppo countryside": Aleppo)."""
    first = _LATIN_WORD.findall(surface)
    towns = [p for p in gazetteer.by_key(fold_token(first[0]))
             if p.kind == "town" and p.country == "SY" and _is_major(p)] if first else []
    return towns[0] if len(towns) == 1 else None


# "al-Jafra east of the city", "Kabajeb, 20 km west of the city"
_OF_THE_CITY_AFTER: Final = re.compile(r",?[ \t]+(?:(?:about|some)[ \t]+)?(?:\d+[ \t]*(?:km|kilomet(?:er|re)s?)[ \t]+)?"
                                r"(?i:(?:north|south)?[ \t-]?(?:east|west)?(?:ern)?)[ \t]+(?:(?:part|side|outskirts)[ \t]+)?"
                                r"of[ \t]+the[ \t]+city\b")
_CITY_AT_HAND_KM: Final = 40.0


def _of_the_city_after(text: str, end: int) -> bool:
    """``_OF_THE_CITY_AFTER.match(text, end) is not None``, tried only where "city" (in lower
    case, as the regex has it) comes before the next full stop or line break, which no match
    crosses (a test in C: most names have no "of the city" after them)."""
    stop = text.find(".", end)
    if stop == -1:
        stop = len(text)
    city = text.find("city", end, stop)
    if city == -1 or "\n" in text[end:city]:
        return False
    return _OF_THE_CITY_AFTER.match(text, end) is not None


def _villages_by_the_city_at_hand(text: str, matches: Sequence[Match], mentions: list[PlaceMention],
                                  gazetteer: Gazetteer) -> None:
    """A village or town "east of the city" is near the city the text is about: the big Syrian town
    named last before it (or the capital a governorate is named after). Read more than 40 km
    from it, it is its namesake within 40 km if it has one ("In Deir Ezzor ... an attack on
    al-Jafra east of the city" is Deir ez-Zor's Jafrah, not Aleppo's Al Jafrah)."""
    for i, (m, pm) in enumerate(zip(matches, mentions)):
        place = pm.place
        if place.country != "SY" or place.kind not in _SMALL_KINDS_AND_TOWNS or len(m.candidates) < 2 \
                or not _of_the_city_after(text, pm.end):
            continue
        city = None
        for before in reversed(mentions[:i]):
            p = before.place
            if p.country == "SY" and p.kind == "town" and _is_major(p):
                city = p
            elif p.country == "SY" and p.kind == "governorate":
                city = _capital_named_by(gazetteer, before.text)
            if city is not None or p.country == "SY" and p.kind == "town":
                break
        if city is None or _km(place, city) <= _CITY_AT_HAND_KM:
            continue
        near = [p for p in m.candidates if p.country == "SY" and p.kind in _SMALL_KINDS_AND_TOWNS
                and _km(p, city) <= _CITY_AT_HAND_KM]
        if near:
            mentions[i] = PlaceMention(pm.text, pm.start, pm.end, min(near, key=lambda p: _km(p, city)),
                                       confidence=0.5, metonymy=pm.metonymy, method=pm.method)


def _villages_on_their_bearing(text: str, matches: Sequence[Match], mentions: list[PlaceMention],
                               gazetteer: Gazetteer) -> None:
    """A village the text places on a bearing from the next town it names ("Sheikh Issa town in
    Aleppo northern countryside", "al-Hardaneh in the Eastern side of Salamiyah") is its namesake
    that lies that way from the town, if the one chosen does not (Aleppo's Ash Shaykh `Isa south
    of the city is not the one north of it). The town: a town named Y, or the town a governorate
    is named after ("Aleppo countryside"). Later uses of the name follow."""
    moved: dict[tuple[str, str], PlaceMention] = {}
    for i, (m, pm) in enumerate(zip(matches, mentions)):
        place = pm.place
        if place.country != "SY" or place.kind not in _SMALL_KINDS_AND_TOWNS or _is_major(place):
            continue
        to = moved.get((m.key, place.id))
        if to is not None:
            mentions[i] = PlaceMention(pm.text, pm.start, pm.end, to.place, confidence=to.confidence,
                                       metonymy=pm.metonymy, method=to.method)
            continue
        if i + 1 >= len(mentions):
            continue
        nxt = mentions[i + 1]
        if nxt.place.country != "SY" or nxt.place.kind not in ("town", "governorate") \
                or not 0 < nxt.start - pm.end <= 60:
            continue
        # (after the cheap tests on the next mention; "p.id != place.id" is "p != place": places
        # are equal by id, and Place.__eq__ is a Python call)
        others = [p for p in m.candidates if p.id != place.id and p.country == "SY"
                  and p.kind in _SMALL_KINDS_AND_TOWNS and not _is_major(p)]
        if not others:
            continue
        gap = _BEARING_GAP.fullmatch(text, pm.end, nxt.start)
        if gap is None:
            continue
        word = gap.group("d") or ""
        if not word:
            after = _BEARING_AFTER.match(text, nxt.end)
            word = after.group("d") if after else ""
        bearing = _BEARING_DEGREES.get(word.lower())
        if bearing is None:
            continue
        origin = nxt.place if nxt.place.kind == "town" else _capital_named_by(gazetteer, nxt.text)
        if origin is None:
            continue
        if _on_bearing(origin, place, bearing):
            continue
        way = [p for p in others if _on_bearing(origin, p, bearing) and _km(origin, p) <= 100.0
               and (p.admin1 == place.admin1 or p.admin1 == nxt.place.admin1)]
        if not way:
            continue
        best = min(way, key=lambda p: _km(origin, p))
        mentions[i] = moved[m.key, place.id] = PlaceMention(
            pm.text, pm.start, pm.end, best, confidence=min(pm.confidence, 0.6),
            metonymy=pm.metonymy, method=pm.method)


#: How far from a Syrian town a village the text places on a bearing from it may lie ("Sousyan
#: northwest of al-Bab"); one read further off is a misreading
_OFF_A_TOWN_KM: Final = 60.0


def _foreign_villages_off_a_syrian_town(text: str, mentions: list[PlaceMention], gazetteer: Gazetteer) -> None:
    """A foreign village or small town the text places on a bearing from a Syrian town ("the village
    of Sousyan northwest of al-Bab") but that lies more than 60 km from it is the Syrian place
    spelled alike near the town, if there is one: Susiyan, 8 km from al-Bab, not Ortanca in
    Adiyaman, which has "Sousyan" among its names and won where the article names Turkey."""
    for i in range(len(mentions) - 1):
        pm, nxt = mentions[i], mentions[i + 1]
        place, town = pm.place, nxt.place
        if place.country is None or place.country == "SY" or place.kind not in ("village", "town") \
                or _is_major(place) or town.country != "SY" or town.kind != "town" \
                or not 0 < nxt.start - pm.end <= 60 or _BEARING_OFF_GAP.fullmatch(text, pm.end, nxt.start) is None \
                or _km(place, town) <= _OFF_A_TOWN_KM:
            continue
        near = _spelled_alike_in(gazetteer, pm.text, town, max_km=_OFF_A_TOWN_KM, kinds=_SMALL_KINDS_AND_TOWNS)
        if near is not None:
            mentions[i] = PlaceMention(pm.text, pm.start, pm.end, near, confidence=0.5,
                                       metonymy=pm.metonymy, method="fuzzy")


_OLD_CITY: Final = re.compile(r"(?i:old)[ \t]+(?i:city|town|quarter)")
_OF_OR_IN_GAP: Final = re.compile(r"[ \t]+(?:of|in)[ \t]+(?:the[ \t]+)?")
_IN_THE_CITY_AFTER: Final = re.compile(r"[ \t]+neighbou?rhoods?[ \t]+in[ \t]+the[ \t]+city\b", re.IGNORECASE)


def _contained(text: str, span: Span, mentions: Sequence[PlaceMention], gazetteer: Gazetteer
               ) -> PlaceMention | None:
    """A name the gazetteer lacks that the text calls a part of a Syrian town ("the Tariq al-Bab
    district of Aleppo", "al-Khadami neighborhood in al-Baath city"): a neighbourhood of that
    town (see _in_town)."""
    holder = next((pm for pm in mentions if span.end < pm.start <= span.end + 40), None)
    if holder is None and _IN_THE_CITY_AFTER.match(text, span.end):
        # "al-Kashef and Shamal al-Khatt neighborhoods in the city": the town its passage last named
        before = [pm for pm in mentions if pm.end <= span.start and pm.place.country == "SY"
                  and pm.place.kind == "town" and span.start - pm.end <= 400]
        return _in_town(span, before[-1].place, gazetteer) if before else None
    if holder is None or holder.place.country != "SY" or holder.place.kind != "town":
        return None
    gap = _in_town_gap(text, span.end, holder)
    if gap is None or not (gap.group("type") or "").strip().lower().startswith(
            _TOWN_PART_TYPES) \
            and _type_before(_words_before(text, span.start)) not in _NEIGHBOURHOOD_CUES:
        return None  # (or "the neighborhood of Tareeq al-Bab in Aleppo")
    return _in_town(span, holder.place, gazetteer)


def _in_town(span: Span, town: Place, gazetteer: Gazetteer) -> PlaceMention:
    """``span`` as a part of ``town``: its neighbourhood spelled alike, else an unlisted one."""
    alike = _spelled_alike_in(gazetteer, span.text, town)
    if alike is not None:
        return PlaceMention(span.text, span.start, span.end, alike, confidence=0.5, method="fuzzy")
    return PlaceMention(span.text, span.start, span.end, _unlisted(span.text, town, "in", "neighbourhood"),
                        confidence=0.3, method="container")


def _unlisted(surface: str, town: Place, relation: str, kind: str) -> Place:
    """A place the gazetteer lacks, put ``relation`` ("in" or "near") ``town``, at its point:
    id ``in:<name key>@<town id>``, name "X (unlisted, in Aleppo)"."""
    return Place(id=f"{relation}:{name_key(surface).replace(' ', '-')}@{town.id}",
                 name=f"{surface} (unlisted, {relation} {town.name})", kind=kind, lat=town.lat, lon=town.lon,
                 country=town.country, admin1=town.admin1, admin2=town.admin2, names=(surface,))


def _possessed(text: str, span: Span, mentions: Sequence[PlaceMention], gazetteer: Gazetteer
               ) -> PlaceMention | None:
    """A name the gazetteer lacks that the text gives a big Syrian town as its own ("Aleppos
    Rashidin", "Aleppo's Qaryat al-Ansari"): a neighbourhood of that town (see _in_town)."""
    holder = next((pm for pm in mentions if span.start - 16 <= pm.end <= span.start
                   and _possessive_between(text, pm.end, span.start)), None)
    if holder is None or holder.place.country != "SY" or holder.place.kind != "town" or not _is_major(holder.place):
        return None
    return _in_town(span, holder.place, gazetteer)


def _spelled_alike_in(gazetteer: Gazetteer, surface: str, town: Place, max_km: float = 15.0,
                      min_ratio: float = 70.0, kinds: frozenset[str] = _SMALL_KINDS) -> Place | None:
    """The neighbourhood or village (``kinds``) of ``town`` (within ``max_km``) whose name is most
    like ``surface``."""
    key = name_key(surface)
    best: tuple[float, Place] | None = None
    for place in _by_skeleton(gazetteer, surface):
        if place.kind not in kinds or place.admin1 != town.admin1 or _km(place, town) > max_km:
            continue
        ratio = max(fuzz.ratio(key, k) for k in _name_keys(place))
        if ratio >= min_ratio and (best is None or ratio > best[0]):
            best = (ratio, place)
    return best[1] if best else None


def _inside_place(place: Place, holder: Place) -> bool:
    if holder.kind == "governorate":
        return place.admin1 == holder.admin1
    return _km(place, holder) < 25.0


def _votes_by_key(items: Iterable[tuple[str, tuple[str, ...], float]]) -> dict[str, dict[str, float]]:
    """Governorate votes of each name key: one vote per mention, split among its governorates."""
    out: dict[str, dict[str, float]] = {}
    for key, admins, weight in items:
        _vote(out, key, admins, weight)
    return out


def _vote(out: dict[str, dict[str, float]], key: str, admins: tuple[str, ...], weight: float) -> None:
    """Adds to ``out`` (see :func:`_votes_by_key`) one mention's vote: ``weight`` split among ``admins``."""
    if not admins:
        return
    votes = out.get(key)
    if votes is None:  # (not setdefault, which makes a dict for every mention)
        votes = out[key] = {}
    share = weight / float(len(admins))  # (as float / int divides: in C, not through Python's protocol)
    for a in admins:
        was = votes.get(a)  # (no default: the compiler boxed a 0.0 for each)
        votes[a] = (0.0 if was is None else was) + share


def _vote_one(out: dict[str, dict[str, float]], key: str, admin1: str, weight: float) -> None:
    """``_vote(out, key, (admin1,), weight)`` without the tuple: one governorate's share is the
    whole weight (``weight / 1.0`` is ``weight``)."""
    votes = out.get(key)
    if votes is None:
        votes = out[key] = {}
    was = votes.get(admin1)
    votes[admin1] = (0.0 if was is None else was) + weight


class _Shares:
    """Governorate shares of the votes of every name but ``key`` (a name is not its own evidence).

    ``of(a)`` is the share of governorate ``a`` as a dict of them, ``{a: v / n for a, v in
    rest.items() if v > 1e-9} if n > 1e-9 else {}``, would give it with ``.get(a, 0.0)``, where
    ``rest`` holds the votes without ``key``'s (``v - own.get(a, 0.0)``, or the total's own value
    when ``key`` has none) and ``n`` their sum: the same operations on the same numbers, worked
    out for the governorates a name's candidates ask for (a few) instead of a dict of them all.
    """

    def __init__(self, votes: dict[str, dict[str, float]], total: dict[str, float], key: str) -> None:
        own = votes.get(key)
        self.total = total
        self.own = own if own else None
        # (the sum of the same values in the same order as sum() of the dict's .values() would
        # give: added one by one from 0.0 into a float the compiler keeps unboxed, where sum()
        # was given a list of boxed ones; Python 3.11's sum() of floats adds them so, one by one)
        n = 0.0
        if own:
            for a, v in total.items():
                mine = own.get(a)  # (no default: the compiler boxed a 0.0 for each)
                n += v - (0.0 if mine is None else mine)
        else:
            for v in total.values():
                n += v
        self.n: float = n

    def of(self, admin1: str) -> float:
        n = self.n
        if not n > 1e-9:
            return 0.0
        v = self.total.get(admin1)
        if v is None:
            return 0.0
        own = self.own
        if own is not None:
            mine = own.get(admin1)  # (no default: the compiler boxed a 0.0 for each)
            v = v - (0.0 if mine is None else mine)
        return v / n if v > 1e-9 else 0.0


def _anchors(matches: Sequence[Match], chosen: Sequence[tuple[Place, float]]) -> dict[str, tuple[Place, float, str]]:
    """Local Syrian places chosen so far, each once, with their best confidence and name key,
    by place id (places are equal by id; a string hashes in C, a Place in Python)."""
    out: dict[str, tuple[Place, float, str]] = {}
    for m, (p, c) in zip(matches, chosen):
        if p.kind in ("town", "village", "region", "neighbourhood"):
            pid = p.id
            was = out.get(pid)
            if was is None:
                out[pid] = (p, c, m.key)
            elif was[1] < c:
                out[pid] = (was[0], c, m.key)  # (the place first chosen stays, as a dict's key does)
    return out


def _choose(matches: Sequence[Match], static: list[list[tuple[float, Place]]],
            votes: dict[str, dict[str, float]], anchors: dict[str, tuple[Place, float, str]],
            o: "ResolveOptions", repeated: set[str] | None = None) -> list[tuple[Place, float]]:
    """The place chosen for each match, and how confident the choice is.

    (``static`` is a list: the compiler indexes it, where a Sequence was read through Python's
    protocol.) ``repeated`` holds the keys of the names that may share a scored list with another
    (:func:`_static_scores`'s ``shared``): the others' picks are not memoised, since no other
    name can ask for them again (None: any name may).
    """
    shares: dict[str, _Shares] = {}
    total: dict[str, float] = {}
    for c in votes.values():
        for a, v in c.items():
            total[a] = v + total.get(a, 0.0)
    chosen = []
    # a name repeated with the same cues scores the same: its scored candidates are then the same
    # list (_static_scores gives one list to the names whose candidates score alike), kept alive
    # by ``static`` while this runs, so the list's id stands for its scores and places (where a key
    # of their values, built and hashed at each round, cost as much as the scoring it saved)
    done: dict[tuple[str, int], tuple[Place, float]] = {}
    near = [_Anchor(a, w, k) for a, w, k in anchors.values()]
    # what closeness to them adds at most (o.proximity_weight times an anchor's weight: a distance
    # is not negative, and exp of a number not above 0 is at most 1): a candidate that could not
    # pass the runner-up even with it is not measured (its score would change nothing)
    heaviest = 0.0
    for anchor in near:
        if anchor.weight > heaviest:
            heaviest = anchor.weight
    closest = max(0.0, o.proximity_weight * heaviest) if o.proximity_km > 0 else math.inf
    admin1_weight = o.admin1_weight
    everyone: _Shares | None = None
    for i, m in enumerate(matches):
        cands = static[i]
        if len(cands) == 1:
            chosen.append((cands[0][1], 0.95))
            continue
        key = m.key
        # (a name said once has a list of its own: no signature is built and hashed for it)
        signature = (key, id(cands)) if repeated is None or key in repeated else None
        picked = done.get(signature) if signature is not None else None
        if picked is None:
            share = shares.get(key)
            if share is None:
                if key in votes:
                    share = _Shares(votes, total, key)
                else:  # a name without votes (a country's): the shares of all the votes
                    if everyone is None:
                        everyone = _Shares(votes, total, key)
                    share = everyone
                shares[key] = share
            best = second = -math.inf
            winner = cands[0][1]
            for s, p in cands:  # the first of the best, and the runner-up's score
                # what the article's other names add: the governorates they point to and,
                # once places are chosen (the second round), closeness to those
                admin1, kind = p.admin1, p.kind
                context = (admin1_weight * share.of(admin1)
                           if admin1 and kind != "country" else 0.0)
                if near:
                    if s + (context + closest) <= second:
                        continue  # (s + (context + closeness) is not above it either: rounding is monotonic)
                    context += _proximity_score(p, kind, admin1, key, near, o)
                s += context
                if s > best:
                    best, second, winner = s, best, p
                elif s > second:
                    second = s
            picked = (winner, max(0.3, min(0.95, 0.5 + (best - second) / 4)))
            if signature is not None:
                done[signature] = picked
        chosen.append(picked)
    return chosen


class _Anchor:
    """A local Syrian place chosen in the first round (see _anchors), as :func:`_proximity_score`
    reads it for every candidate: its fields once (a compiled class's fields are read in C, a
    place's through its dictionary), with the parts of the haversine formula that depend on it
    alone."""

    def __init__(self, place: Place, weight: float, key: str) -> None:
        self.place = place
        self.weight = weight
        self.key = key  # (the name key it was chosen for)
        self.lat: float = place.lat
        self.lon: float = place.lon
        self.admin1: str | None = place.admin1
        self.p2: float = self.lat * _DEG_TO_RAD  # (math.radians)
        self.cos_p2: float = math.cos(self.p2)


def _proximity_score(place: Place, kind: str, admin1: str | None, key: str, anchors: list[_Anchor],
                     o: "ResolveOptions") -> float:
    """What closeness to the places chosen in the first round (``anchors``) adds to ``place``'s
    score (``kind`` and ``admin1`` are its own).

    The distance is :func:`_haversine`'s formula inline, with the factors of each end computed
    once (the same operations on the same numbers: the same result). (``anchors`` is a list: the
    compiler indexes it, where a Sequence was iterated through Python's protocol.)
    """
    if kind == "governorate":
        # a governorate is as close as can be to the places inside it
        best = 0.0
        for a in anchors:
            if a.key != key and a.admin1 == admin1 and a.weight > best:
                best = a.weight
        return o.proximity_weight * best
    if kind in _LOCAL_KINDS:
        best = 0.0
        scale = o.proximity_km
        far = 5 * scale
        reach = far / 111.0  # in degrees of latitude: a cheap first cut
        lat, lon = place.lat, place.lon
        p1 = cos_p1 = 0.0
        have_p1 = False
        for a in anchors:
            if abs(a.lat - lat) > reach or a.key == key or a.place is place:
                continue
            if not have_p1:
                p1 = lat * _DEG_TO_RAD  # (math.radians)
                cos_p1 = math.cos(p1)
                have_p1 = True
            # d = _haversine(lat, lon, a.lat, a.lon), i.e. _km(place, anchor), written as it is
            h = math.pow(math.sin((a.p2 - p1) / 2), 2.0) \
                + cos_p1 * a.cos_p2 * math.pow(math.sin((a.lon - lon) * _DEG_TO_RAD / 2), 2.0)
            d = _EARTH_DIAMETER * _ASIN(min(1.0, math.sqrt(h)))
            if d < far:
                closeness = a.weight * math.exp(-d / scale)
                if closeness > best:
                    best = closeness
        return o.proximity_weight * best
    return 0.0


_PROVINCE_WORD: Final = re.compile(r"[ \t]+(province|governorate)\b", re.IGNORECASE)
_SPACE_OR_TAB: Final = frozenset(" \t")


def _may_open_province_word(text: str, end: int) -> bool:
    """False where :data:`_PROVINCE_WORD` cannot match at ``end``: a match opens with spaces or
    tabs, then the first letter of "province" or "governorate" in either case (no other
    character folds to p or g). A test of a few characters, where most governorates are
    followed by a space and a word of another kind ("Idlib countryside", "Aleppo and")."""
    n = len(text)
    i = end
    while i < n and (text[i] == " " or text[i] == "\t"):
        i += 1
    return end < i < n and text[i] in "pPgG"


def _mention(text: str, m: Match, place: Place, confidence: float,
             in_actor: Callable[[int, int], bool]) -> PlaceMention:
    """The mention of ``m`` as ``place``; "Idlib province" is one governorate mention."""
    end = m.end
    kind = place.kind
    if kind == "governorate" and _may_open_province_word(text, end):  # (the regex where it may match)
        word = _PROVINCE_WORD.match(text, end)
        if word:
            end = word.end()
    metonymy = (kind == "country" or bool(place.capital_of)) and _is_metonymy(m, place, in_actor)
    return new_place_mention(text[m.start:end], m.start, end, place, _rounded(confidence), metonymy, m.method)


def _rounded(confidence: float) -> float:
    """``round(confidence, 3)``, memoised: a builtin that formats the float costs more than a
    look-up, and the confidences are few. Positive ones only, where equal floats are the same
    float (0.0 equals -0.0, which rounds to itself; NaN equals nothing)."""
    if confidence == 0.95:  # (a name's one candidate: most mentions)
        return 0.95
    if not confidence > 0.0:
        return round(confidence, 3)
    rounded = _ROUNDED.get(confidence)
    if rounded is None:
        if len(_ROUNDED) >= _ROUNDED_SIZE:
            _ROUNDED.clear()
        rounded = _ROUNDED[confidence] = round(confidence, 3)
    return rounded


_ROUNDED: Final[dict[float, float]] = {}
_ROUNDED_SIZE: Final = 10_000
class _Cue(NamedTuple):
    """The words around a name that say what kind of place it is (part of a memo key:
    a NamedTuple hashes in C, where a frozen dataclass's hash is a Python function)."""

    after: str
    before: tuple[str, ...]
    governorate_in_sentence: bool


_NO_CUE: Final = _Cue("", (), False)
# (tuple.__new__, called as the function it is: the compiler looked up the method at each call)
_NEW_TUPLE: Final = tuple.__new__


# "the Idlib and Hama countryside", "Raqqa and Deir Ezzor provinces", "Khan Touman and Zitan villages":
# a type word after a two-name list is each name's (not a neighbourhood's: "al-Kashef and Shamal al-Khatt
# neighborhoods in the city" made a far village's namesake a neighbourhood of the article's other city)
# a capitalised name of one or two words, the second maybe with its article ("Deir ez-Zor",
# "Deir Ezzor", "Hama"), as written after a list's "and" or before "province"
_ONE_OR_TWO_WORDS: Final = r"[A-Z][\w'’`]*(?:[ \t-]+(?:(?i:al|el|ez|az|ad)-)?[A-Z][\w'’`]*)?"
# the first of two names a plural neighbourhood word follows ("the al-Jora and al-Qusour districts")
_NEIGHBOURHOODS_AFTER_NEXT: Final = re.compile(
    rf"[ \t]+and[ \t]+(?:(?i:al|el)[ \t]*-[ \t]*)?{_ONE_OR_TWO_WORDS}[ \t]+"
    r"(?i:neighbou?rhoods|districts|quarters)\b")
_NAME_NEXT: Final = re.compile(r",?[ \t]+(?:(?i:al|el)[ \t]*-[ \t]*)?[A-Z]")


def _name_next(text: str, end: int) -> bool:
    """``_NAME_NEXT.match(text, end) is not None``: after the comma and the spaces a capital
    (a match, with its article or without), else the regex only where an article may open
    ("al", "el": no other character folds to a or e under IGNORECASE). A test in C of a
    character or two, where most names have a lower-case word after them."""
    n, i = len(text), end
    if i < n and text[i] == ",":
        i += 1
    j = i
    while j < n and (text[j] == " " or text[j] == "\t"):
        j += 1
    if j == i or j >= n:
        return False  # ("[ \t]+" takes one space or more, and something must follow)
    c = ord(text[j])
    if 65 <= c <= 90:
        return True
    return text[j] in "aAeE" and _NAME_NEXT.match(text, end) is not None


_PLURAL_TYPE_AFTER_NEXT: Final = re.compile(
    # (up to two more names first, their commas maybe lost: "Latakia Hama and Aleppo provinces")
    rf"(?:,?[ \t]+(?:(?i:al|el)[ \t]*-[ \t]*)?{_ONE_OR_TWO_WORDS}){{0,2}},?"
    # (the last maybe after a bearing: "the Idleb and western Aleppo countrysides")
    rf"[ \t]+and[ \t]+(?:(?i:(?:north|south)(?:east|west)?(?:ern)?|east(?:ern)?|west(?:ern)?)[ \t]+)?"
    rf"(?:(?i:al|el)[ \t]*-[ \t]*)?{_ONE_OR_TWO_WORDS}[ \t]+"
    r"(?i:(villages|towns|provinces|governorates|countrysides?))\b")
_PLURAL_TYPE_WORDS: Final = ("villages", "towns", "provinces", "governorates", "countryside")


def _plural_type_after_next(text: str, end: int) -> re.Match[str] | None:
    """``_PLURAL_TYPE_AFTER_NEXT.match(text, end)``, tried only where the text up to the next full
    stop or line break (which no match crosses: it is made of word characters, spaces, tabs,
    commas, hyphens and apostrophes) holds its "and" (in lower case) and may spell a type word
    (see _may_spell): most names are followed by neither."""
    stop = text.find(".", end)
    if stop == -1:
        stop = len(text)
    line_end = text.find("\n", end, stop)
    if line_end != -1:
        stop = line_end
    window = text[end:stop]
    if "and" not in window or not _may_spell(window, _PLURAL_TYPE_WORDS):
        return None
    return _PLURAL_TYPE_AFTER_NEXT.match(text, end)


# Evacuees sent away under a deal go to a province, not a city: "fighters would be bussed to Idlib",
# "will be taken with their families to Jarablus and Idlib", "their departure to Idleb", "left for Idlib"
_EVACUATED_TO_BEFORE: Final = re.compile(
    r"\b(?i:bussed|bused|transferred|evacuated|taken|deported|departure|leave|left|leaving|headed|heading|heads"
    r"|crossed)(?:[ \t]+(?!to\b|for\b|towards?\b|into\b)[\w'’-]+){0,4}[ \t]+(?i:to|for|towards?|into)[ \t]+"
    rf"(?:(?:{_ONE_OR_TWO_WORDS}),?[ \t]+(?:and|&)[ \t]+(?:(?i:to|for)[ \t]+)?)?\Z")

#: how any match of _EVACUATED_TO_BEFORE ends ("to ", "for ", "and "/"& " of "to A and B"): looked
#: for first, in a few characters, before the long search
_EVACUATED_TAIL: Final = re.compile(r"(?:\b(?i:to|for|and|towards?|into)|&)[ \t]+\Z")
# what any match of _EVACUATED_TO_BEFORE spells: its verb ("bussed" and "bused" spell "bus",
# "leave" and "leaving" "leav", "headed", "heading" and "heads" "head")
_EVACUATED_VERBS: Final = ("bus", "transferred", "evacuated", "taken", "deported", "departure", "leav", "left",
                           "head", "crossed")


def _evacuated_to_before(text: str, start: int) -> bool:
    """``_EVACUATED_TO_BEFORE.search(text, max(0, start - 80), start) is not None``, searched
    only where the 80 characters may spell one of its verbs (see _may_spell)."""
    lo = max(0, start - 80)
    return _may_spell(text[lo:start], _EVACUATED_VERBS) and _EVACUATED_TO_BEFORE.search(text, lo, start) is not None


def _may_end_evacuated_tail(text: str, start: int) -> bool:
    """False where _EVACUATED_TAIL cannot match before ``start``: its spaces must end there and
    follow the last letter of "to", "for", "and", "into", "toward" or "towards" (no other letter
    folds to o, r, d or s, but the long s) or an "&" (a test of two characters, where the search
    tries its pattern at each position)."""
    end = start
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    return end < start and end > 0 and text[end - 1] in "oOrRdDsS\u017f&"


def _evacuated_tail_before(text: str, start: int) -> bool:
    """``_EVACUATED_TAIL.search(text, max(0, start - 8), start) is not None``, read in the text:
    the spaces or tabs before ``start`` (inside the 8 characters), and before them an "&" or one
    of its words in any case, whole ("\\b": no word character before it, read outside the 8
    characters too, as the regex's "\\b" does), inside the 8 characters. A match's spaces run to
    ``start`` and follow its word or "&" (neither ends with a space): they are those spaces.
    Where a character before them is not ASCII ("ſ", "ı" and "İ" fold to its letters), the regex
    decides. A test of a few characters, where the search tried its pattern at each position."""
    lo = max(0, start - 8)
    k = start
    while k > lo and (text[k - 1] == " " or text[k - 1] == "\t"):
        k -= 1
    if k == start or k == lo:
        return False
    if text[k - 1] == "&":
        return True
    for i in range(max(lo, k - 7), k):
        if ord(text[i]) >= 128:
            return _EVACUATED_TAIL.search(text, lo, start) is not None
    # (each word by name: a loop over a tuple of them built the tuple at each call)
    return _ends_with_word(text, lo, k, "to") or _ends_with_word(text, lo, k, "for") \
        or _ends_with_word(text, lo, k, "and") or _ends_with_word(text, lo, k, "toward") \
        or _ends_with_word(text, lo, k, "towards") or _ends_with_word(text, lo, k, "into")


def _ends_with_word(text: str, lo: int, k: int, word: str) -> bool:
    """True if ``text`` before ``k`` ends with ``word`` (lower-case ASCII letters), in either case
    of its ASCII letters, whole (no word character before it, as "\\b" reads one), from ``lo`` on."""
    q = k - len(word)
    if q < lo:
        return False
    t = 0
    while t < len(word) and ord(text[q + t]) | 32 == ord(word[t]):  # (an ASCII letter, either case)
        t += 1
    return t == len(word) and (q == 0 or not (text[q - 1].isalnum() or text[q - 1] == "_"))


# "... in the east of the city", "in the western part of the city", "in the heart of the city"
_IN_PART_OF_THE_CITY: Final = re.compile(r",?[ \t]+in[ \t]+the[ \t]+(?i:(?:north|south)?(?:east|west)?(?:ern)?|centre|center|"
                                  r"heart|middle)(?:[ \t]+(?i:part|parts|side))?[ \t]+of[ \t]+the[ \t]+city\b")


_ZONE_WORDS: Final = r"(?i:de-?escalation|demilitari[sz]ed|buffer|safe|ceasefire)[ \t]+(?i:zones?|areas?)"
_ZONE_AFTER: Final = re.compile(rf"[ \t]+{_ZONE_WORDS}\b")
_ZONE_BEFORE: Final = re.compile(rf"\b{_ZONE_WORDS}[ \t]+(?i:around|in|of)[ \t]+(?:the[ \t]+)?\Z")


def _cue_of(text: str, m: Match, i: int, cues: Sequence[_Cue], sentences: Sequence[tuple[int, int]],
            memo: dict[int, _Cue]) -> _Cue:
    """``cues[i]``, or if that is _NO_CUE (not looked for: a name with one candidate) the name's
    :func:`_context`, found once an article for the rules that read it (``memo``)."""
    cue = cues[i]
    if cue is not _NO_CUE:
        return cue
    known = memo.get(i)
    if known is None:
        known = memo[i] = _context(text, m, sentences)
    return known


def _context(text: str, m: Match, sentences: Sequence[tuple[int, int]]) -> _Cue:
    if is_arabic(m.text):
        return _arabic_context(text, m.start)
    after = _word_after(text, m.end)
    if after == "and" or _name_next(text, m.end):  # (a list's next name: "Latakia, Hama and ...")
        plural = _plural_type_after_next(text, m.end)
        if plural is not None:
            after = plural.group(1).lower()
    if after == "sana" and not any(p.kind == "governorate" and p.admin1 in _PROVINCE_FIRST for p in m.candidates):
        # SANA's dateline ("14 October 2019 Raqqa SANA-Army units"): the city it was filed from (the
        # answers: 36 cities, and the governorates "Damascus Countryside" and Idlib's province)
        after = "city"
    elif after == "in" and _IN_PART_OF_THE_CITY.match(text, m.end):
        after = "neighbourhood"  # "al-Haidariya in the east of the city": a quarter of the city at hand
    elif _may_end_evacuated_tail(text, m.start) and _evacuated_tail_before(text, m.start) \
            and _evacuated_to_before(text, m.start) and _word_after(text, m.end) not in _ALL_CUES \
            and not _INSTITUTION_AFTER.match(text, m.end) and not _AIRPORT_AFTER.match(text, m.end) \
            and not any(p.kind == "governorate" and p.admin1 == "Damascus" for p in m.candidates):
        # "would be bussed to Idlib", "their departure to Idleb": rebels sent to the province; not
        # Damascus, whose governorate is the city ("taken by road to Damascus")
        after = "province"
    elif _has_z(text, max(0, m.start - 40), m.end + 40) \
            and "zone" in text[max(0, m.start - 40):m.end + 40].lower() and (  # (the regexes only where a zone is named)
            _ZONE_AFTER.match(text, m.end) or _ZONE_BEFORE.search(text, max(0, m.start - 40), m.start)):
        after = "province"  # "the Idlib de-escalation zone", "the buffer zone around Idlib": the governorate
    before = tuple(_words_before(text, m.start))
    # (as written, before a list's cue below): "in villages of Idlib and Hama" names the governorates
    # holding them, the second one too (a name with no governorate, "villages of Kafr Zita and
    # Latamneh", is one of the villages, below)
    # (before[-2:] == ("villages", "of") or before[-1:] == ("and",) and ..., read word by word: the
    # slices and the tuples compared to them were built at every name)
    n = len(before)
    villages_of = n >= 2 and before[-1] == "of" and before[-2] == "villages" or n >= 1 and before[-1] == "and" \
        and "villages of" in text[max(0, m.start - 60):m.start] and _villages_of_pair(text, m.start)
    if before and before[-1] == "capital":
        # "the provincial capital Hasakeh", "IS's capital Raqqa": the city, there (the article's
        # other bare names keep their own reading: not a kind cue for _one_sense_per_discourse)
        before = (*before[:-1], "capital", "of")
    si = sentence_index(sentences, m.start) if sentences else 0
    gov = False
    if sentences:
        s, e = sentences[si]
        gov = after not in _LOCALITY_CUES and _province_in(text, m.end, e)
        if after not in _ALL_CUES and not _type_before(before) and not (
                before and (before[-1] == "rural" or before[-1] in _DIRECTIONS)):  # "the towns of rural Damascus"
            lo = max(s, m.start - 100)
            # (a match has "of" and its type word in it, in any case: looked for first, in C)
            window = text[lo:m.start]
            low = window.lower()
            # (and from the first of its words only: the regex is tried at each position from there)
            opens = _first_spelling(window, low, _LIST_CUE_WORDS) if "of" in low else -1
            listed = _LIST_CUE.search(text, lo + opens, m.start) if opens >= 0 else None
            # (not a name right after "the": "the villages of the Bekaa" are in it)
            if listed and "." not in text[listed.end():m.start] and text[listed.end():m.start].strip() != "the" and (
                    listed.group(1).lower() != "countryside" or _NAMES_LIST_GAP.fullmatch(text, listed.end(), m.start)):
                # "the neighbourhoods of al-Sabil, al-Furqan and al-Midan": each one is a neighbourhood
                # ("the countryside of Lattakia and Idleb" too, if only names come between)
                before = (*before[:-2], listed.group(1).lower(), "of")
    if len(before) == 3 and before[1] in _PARTS and before[2] == "of" and before[0] in _DIRECTIONS:
        # "two key villages in the Eastern part of Deir Ezzur": settlements in the governorate's east
        words = _words_before(text, m.start, 6)
        if len(words) == 6 and words[0] in _SETTLEMENTS and words[1] in _ACROSS and words[2] == "the":
            before = (*before[:-2], words[0], words[1])
    if " " not in m.key and _sentence_start(text, m.start) and _HEADER_AFTER.match(text, m.end) \
            and any(p.kind == "governorate" for p in m.candidates):  # (the regex after the cheap test)
        before = (*before, _HEADER)  # "... injured. Daraa In the same context ...": a section header
    elif after in _GOV_INSTITUTION_WORDS and _may_open_gov_institution(text, m.end) \
            and _GOV_INSTITUTION_AFTER.match(text, m.end) \
            and any(p.kind == "governorate" for p in m.candidates):
        before = (*before, _INSTITUTION)  # "a source at Aleppo Police Command"
    elif len(before) == 3 and before[-1] in ("in", "for") and _directorate_before(text, m.start, before) \
            and any(p.kind == "governorate" for p in m.candidates):
        before = (*before, _INSTITUTION)  # "the Directorate of Health in Aleppo", "Health director for Aleppo"
    elif after == "region" and before and before[-1] == "the" and not _REGION_OF.match(text, m.end) \
            and any(p.kind == "governorate" and p.admin1 != "Damascus" for p in m.candidates):
        before = (*before, _REGION)  # "attacking DAESH in the Homs region"
    elif before and before[-1] in _SPREAD and after not in _LOCALITY_CUES and after not in _NEIGHBOURHOOD_CUES \
            and any(p.kind == "governorate" and p.admin1 not in _CITIES_WITH_HALVES for p in m.candidates):
        before = (*before, _REGION)  # "26 airstrikes on Sunday across Idlib": the governorate, there
    elif len(before) >= 2 and before[-1] == "for" and before[-2] in _MEMBERS \
            and any(p.kind == "governorate" and p.admin1 not in _CITIES_WITH_HALVES for p in m.candidates):
        before = (*before, _REGION)  # "a Member of Parliament for Latakia": a governorate's seat, there
    elif after in _AIRPORT_WORDS and _AIRPORT_AFTER.match(text, m.end) \
            and any(p.kind == "governorate" for p in m.candidates):
        before, gov = (*before, _AIRPORT), False  # "Deir Ezzor military airport", "Aleppo international airport"
    elif villages_of and any(p.kind == "governorate" for p in m.candidates):
        before = (*before, _REGION)  # "in villages of Idlib and Hama": the governorate, there
    elif before and before[-1] in ("and", "in") and after not in _ALL_CUES \
            and any(p.kind == "governorate" for p in m.candidates):
        # "villages in Idlib and Hama", "the oil fields in Deir Ezzor and Hasaka", "in the southern
        # countryside of Idlib and in Hama": the second name shares the first one's governorate cue
        first = _words_before_pair(text, m.start)
        if first is not None and _governorate_before(first):
            before = (*first, _REGION)
    return _NEW_TUPLE(_Cue, (after, before, gov))  # (_Cue(...) without NamedTuple's __new__, a Python function)


def _has_z(text: str, start: int, end: int) -> bool:
    """True if ``text[start:end]`` has a "z" or a "Z": where it has none, its lower case has no
    "zone" (no other character lower-cases to "z"), and the window is not lower-cased."""
    return text.find("z", start, end) != -1 or text.find("Z", start, end) != -1


def _words_before_pair(text: str, start: int) -> tuple[str, ...] | None:
    """The words before A, where the name at ``start`` is B of "A and (in) B"; None if it is not."""
    lo = max(0, start - 48)
    if not _ends_and(text[lo:start]):
        return None
    pair = _AFTER_NAME_AND.search(text, lo, start)
    return None if pair is None else tuple(_words_before(text, pair.start(1)))


def _ends_and(window: str) -> bool:
    """False where _AFTER_NAME_AND cannot match at the end of ``window``: it ends with "and" and
    spaces, maybe then "in" and spaces (in lower case, as the regex has them)."""
    rest = window.rstrip(" \t")
    if len(rest) == len(window):
        return False
    if rest.endswith("and"):
        return True
    if not rest.endswith("in"):
        return False
    before_in = rest[:-2]
    rest = before_in.rstrip(" \t")
    return len(rest) < len(before_in) and rest.endswith("and")


def _villages_of_pair(text: str, start: int) -> bool:
    """True if the name at ``start`` is the second of "villages of A and B"."""
    first = _words_before_pair(text, start)
    return first is not None and first[-2:] == ("villages", "of")


#: a name, then "and" (and "in") right before the next one ("Deir Ezzor and ", "Idlib and in ")
_AFTER_NAME_AND: Final = re.compile(r"(?<![\w'’`-])((?:(?i:al|el)-)?[A-Z][\w'’`-]*(?:[ \t]+[A-Z][\w'’`-]*){0,2})"
                             r"[ \t]+and[ \t]+(?:in[ \t]+)?\Z")


#: A governorate's institution after its name ("Aleppo Police Command", "Idlibs health authority",
#: "Homs governor"): the governorate's, there only (as "the province of X": the article's other
#: uses of the name are read on their own). Not "Damascus police station", a building in the city.
_INSTITUTION: Final = "\u00b6"
_SERVICES: Final = frozenset({"health", "education"})
_DIRECTORATES: Final = frozenset({"directorate", "department", "director"})


def _directorate_before(text: str, start: int, before: Sequence[str]) -> bool:
    """True for a governorate's directorate before "in" or "for" ("the Directorate of Health in
    Aleppo", "the Department of Education in Idlib", "Health director for Aleppo"): the
    governorate's, as "Aleppo Health Directorate" is (not "the Ministry of Health in Damascus")."""
    if before[-2] in _DIRECTORATES:
        return before[-3] in _SERVICES
    return before[-2] in _SERVICES and before[-3] == "of" and _words_before(text, start, 4)[0] in _DIRECTORATES


#: "the Homs region" (Russian bulletins: "attacking DAESH in the Homs region", by Palmyra) is the
#: governorate, there only; not Damascus's (the city's), nor "the Al-Hasakah region of Syria", a
#: gloss for readers abroad (its city's name, as in the "Archieparchy in Hassak-Nisibis" after it).
_REGION: Final = "\u2021"
#: A word that spreads a bare name over a region: "26 airstrikes on Sunday across Idlib" (the governorate,
#: there only; not Aleppo's or Damascus's, whose halves make "across Aleppo" the city). Not "throughout":
#: "engaged multiple targets throughout Raqa" in a story of raids on the city of Raqa is the city.
_SPREAD: Final = frozenset({"across"})
#: "a Member of Parliament for Latakia", "an MP for Homs": Syria's People's Assembly seats are the
#: governorates' (Aleppo's and Damascus's city and countryside sit apart: not these)
_MEMBERS: Final = frozenset({"parliament", "mp", "mps", "lawmaker", "lawmakers"})
_REGION_OF: Final = re.compile(r"[ \t]+region[ \t]+of\b", re.IGNORECASE)
_GOV_INSTITUTION_WORDS: Final = frozenset({"police", "health", "governor", "s", ""})  # "" before "'s"
_GOV_INSTITUTION_AFTER: Final = re.compile(
    r"(?:['’]?s)?[ \t]+(?:police[ \t]+command|health[ \t]+(?:directorate|authority|department)|governor)\b",
    re.IGNORECASE)


def _may_open_gov_institution(text: str, end: int) -> bool:
    """False where :data:`_GOV_INSTITUTION_AFTER` cannot match at ``end``: a match opens with
    "s" or an apostrophe and "s" (the long s folds to s too) right before its spaces or tabs,
    or with them, then the first letter of "police", "health" or "governor" in either case (no
    other character folds to p, h or g). A test of a few characters, where most names ask for
    it with no word after them (the word set holds "")."""
    n = len(text)
    i = end
    if i < n and (text[i] == "'" or text[i] == "’"):
        i += 1
        if not (i < n and text[i] in "sS\u017f"):
            return False  # (an apostrophe opens a match only with its "s")
        i += 1
    elif i < n and text[i] in "sS\u017f":
        i += 1
    opens = i
    while i < n and (text[i] == " " or text[i] == "\t"):
        i += 1
    return opens < i < n and text[i] in "pPhHgG"


#: A bulletin's section header: a governorate's name alone before the section's first
#: sentence ("... were injured. Homs The army units destroyed ..."; the line breaks are
#: lost in scraped text). The section reports from the governorate, mostly its countryside.
_HEADER: Final = "\u00a7"
#: An airport named after a governorate's capital is the city's (by the city), there only: the
#: article's other uses of the name are read on their own (the marker _AIRPORT, above).
_AIRPORT_WORDS: Final = frozenset({"military", "international", "civil", "civilian", "airport", "air", "airbase", "airfield"})
_AIRPORT_AFTER: Final = re.compile(r"[ \t]+(?:(?:military|international|civil(?:ian)?)[ \t]+)?"
                            r"(?:airport|air[ \t]*base|airfield)\b", re.IGNORECASE)
_IN_HEADER: Final = re.compile(r"(?<![\w-])In[ \t]+\Z")


def _in_headers(text: str, matches: Sequence[Match], cues: list[_Cue]) -> list[_Cue]:
    """A round-up's sections opened by "In" and a governorate's name ("... killing tens of them.
    In Deir Ezzor the Syrian air force ..."): section headers (:data:`_HEADER`) where two
    governorates or more open sentences so; one alone is a place like any ("In Tartous, two
    bombers blew themselves up ..."). Not "In Aleppo city", nor "In Idlib province" (a cue of its own)."""
    heads = [i for i, (m, cue) in enumerate(zip(matches, cues))
             if cue is not _NO_CUE and "In" in text[max(0, m.start - 4):m.start]  # (the regex where it may match)
             and _IN_HEADER.search(text, max(0, m.start - 4), m.start)
             and _sentence_start(text, m.start - 3) and cue.after not in _ALL_CUES and cue.after != "city"
             and any(p.kind == "governorate" for p in m.candidates)]
    if len({next(p.admin1 for p in matches[i].candidates if p.kind == "governorate") for i in heads}) < 2:
        return cues
    out = list(cues)
    for i in heads:
        out[i] = cues[i]._replace(before=(*cues[i].before, _HEADER))
    return out
_HEADER_AFTER: Final = re.compile(rf"[ \t]+(?:{_OPENERS}|Army|Units|Terrorists?|Civilians?|Two|Three"
                            r"|Jabhat|ISIS|ISIL|Daesh|DAESH)\b")  # "... terrorism. Quneitra Jabhat al-Nusra-linked ..."


# An Arabic type word before a name, as the English cue it stands for: "مدينة درعا" is
# "the city of Daraa" (the town), "ريف إدلب" is "Idlib countryside" (the governorate).
_ARABIC_KIND_CUES: Final = {
    **dict.fromkeys(("مدينة", "مدينه", "مدن", "مدينتي"), ("", ("city", "of"))),
    **dict.fromkeys(("بلدة", "بلده", "بلدات", "بلدتي"), ("", ("town", "of"))),
    **dict.fromkeys(("قرية", "قريه", "قرى", "قريتي"), ("", ("village", "of"))),
    **dict.fromkeys(("حي", "أحياء", "احياء"), ("", ("neighbourhood", "of"))),
    **dict.fromkeys(("ريف", "محافظة", "محافظه"), ("countryside", ())),
    **dict.fromkeys(("منطقة", "منطقه"), ("area", ())),
}


#: Arabic words read before a name (with "و"/"ف"/"ب" written onto them or not).
_ARABIC_CUE_WORDS: Final = _ARABIC_TYPE_BEFORE | _ARABIC_LOCATIVE_BEFORE | frozenset(_ARABIC_KIND_CUES)


def _arabic_context(text: str, start: int) -> _Cue:
    word = _arabic_word_before(text, start)
    after, before = _ARABIC_KIND_CUES.get(word, ("", ()))
    return _NEW_TUPLE(_Cue, (after, before, False))  # (_Cue(...), as _context builds it)


def _arabic_word_before(text: str, start: int) -> str:
    """The Arabic word before ``start``, without diacritics and "و"/"ب" written onto it."""
    m = _ARABIC_WORD_BEFORE.search(text, max(0, start - 30), start)
    if not m:
        return ""
    word = _ARABIC_MARKS.sub("", m.group(1))
    for bare in (word, word[1:], word[2:]):  # as written, then without "و"/"ف" and "ب": "ومدينة", "بريف"
        if bare in _ARABIC_CUE_WORDS:
            return bare
        if bare[:1] not in "وفب":
            break
    return word


# r"\b(?:province|governorate)\b" and r"\b(neighbou?rhoods|...|governorates)\s+of\b", written to start
# with the first letter (see _NAME_CHUNK): "\b" before it is "no word character two back".
# Not "the surrounding province": the province around the name, which is then the city's ("its
# campaign for Raqqa ... has since captured most of the surrounding province").
_PROVINCE_IN: Final = re.compile(rf"[pg](?<!\w[pg])(?<!surrounding [pg]){_after_first_letter('province|governorate')}\b",
                          re.IGNORECASE)


def _province_in(text: str, start: int, end: int) -> bool:
    """``_PROVINCE_IN.search(text, start, end) is not None``, its letters looked for first (in C):
    a match has "prov" or "governorate" in it, in any case (no letter but their capitals folds
    to theirs: the dotted and dotless i do to "i", which is not among these)."""
    low = text[start:end].lower()
    if len(low) != end - start:  # (a character lower-cased to two: the positions below would not hold)
        return ("prov" in low or "governorate" in low) and _PROVINCE_IN.search(text, start, end) is not None
    # the search from the first of them (a match begins with one), where the regex is tried at each position
    at = low.find("prov")
    other = low.find("governorate", 0, at) if at >= 0 else low.find("governorate")
    if other >= 0:
        at = other
    return at >= 0 and _PROVINCE_IN.search(text, start + at, end) is not None


def _first_spelling(window: str, low: str, words: tuple[str, ...]) -> int:
    """Where the first match of a case-insensitive regex whose matches open with one of ``words``
    (lower-case ASCII) may open in ``window`` (``low`` is its lower case): the first of the words
    in an ASCII window, -1 where it spells none of them (see _may_spell); 0 in any other window,
    where "K" (Kelvin), "ſ", "ı" and "İ" fold to letters of theirs that ``str.lower`` does not give.
    A search may then start there (its look-behinds still read the text before it)."""
    if not window.isascii():
        return 0
    first = -1
    for word in words:
        at = low.find(word)
        if at >= 0 and (first < 0 or at < first):
            first = at
    return first


_LIST_CUE: Final = re.compile(
    rf"([ndqvtpgc](?<!\w[ndqvtpgc]){_after_first_letter('neighbou?rhoods|districts|quarters|villages|towns|provinces|governorates|countryside')})"
    r"\s+of\b", re.IGNORECASE)
# what any match of _LIST_CUE spells ("neighbo" of "neighbourhoods" and "neighborhoods")
_LIST_CUE_WORDS: Final = ("neighbo", "district", "quarter", "village", "town", "province", "governorate",
                          "countryside")
# Between "the countryside of" and a name: the list's earlier names only ("of Lattakia, Hama and ")
_NAMES_LIST_GAP: Final = re.compile(r"(?:[ \t]+(?:and[ \t]+)?(?:the[ \t]+)?(?:(?i:al|el)[ \t]*-[ \t]*)?[A-Z][\w'’`-]*,?)+[ \t]+(?:and[ \t]+)?")


def _name_keys(place: Place) -> tuple[str, ...]:
    """The name keys of every name of ``place`` (memoised: see _PRIORS)."""
    keys = _NAME_KEYS.get(place.id)
    if keys is None:
        if len(_NAME_KEYS) >= _PLACE_MEMO_SIZE:
            _NAME_KEYS.clear()
        keys = _NAME_KEYS[place.id] = tuple({name_key(n) for n in (place.name, *place.names)} - {""})
    return keys


def _primary_key(place: Place) -> str:
    """The name key of the place's display name (memoised: see _PRIORS)."""
    key = _PRIMARY_KEYS.get(place.id)
    if key is None:
        if len(_PRIMARY_KEYS) >= _PLACE_MEMO_SIZE:
            _PRIMARY_KEYS.clear()
        key = _PRIMARY_KEYS[place.id] = name_key(place.name)
    return key


def _one_sense_per_discourse(matches: Sequence[Match], chosen: list[tuple[Place, float]],
                             cues: Sequence[_Cue]) -> list[tuple[Place, float]]:
    """The same name means the same place throughout an article unless a cue says otherwise.

    The sense taken is the one chosen where a cue word backs it ("Idlib
    province"), else the most confident.
    """
    by_key: dict[str, list[int]] = {}  # (not a defaultdict: compiled, a plain dict's look-up is a C call)
    for i, m in enumerate(matches):
        same = by_key.get(m.key)
        if same is None:
            by_key[m.key] = [i]
        else:
            same.append(i)
    out = list(chosen)
    for key, idxs in by_key.items():
        # "the province of Idlib" names the governorate there and only there: the
        # other "Idlib"s of the article are read on their own (mostly the city)
        if len(idxs) < 2:
            continue
        first = chosen[idxs[0]][0].id
        if all(chosen[i][0].id == first for i in idxs):
            continue  # one sense already (the most common case): nothing below would change
        # a capital cue says nothing of the other mentions ("the provincial capital Hasakeh"),
        # but a type word after the name still does: "the provincial capital Deir Ezzor city"
        # is "Deir Ezzor city", which the article's bare "Deir Ezzor"s follow
        idxs = [i for i in idxs if not _governorate_before(cues[i].before)
                and not (cues[i].before and cues[i].before[-1] in _DIRECTIONS_OR_AIRPORT)
                and not _bearing_from(cues[i].before)
                and (_type_before(cues[i].before) != "capital" or cues[i].after in _LOCALITY_CUES)
                and not _qualified(matches[i])]
        if len(idxs) < 2:
            continue
        cued = [i for i in idxs if _has_kind_cue(cues[i])]
        best = max(cued or idxs, key=lambda i: chosen[i][1])
        for i in idxs:
            if i not in cued and chosen[i][0].id != chosen[best][0].id \
                    and chosen[best][0] in matches[i].candidates:
                out[i] = (chosen[best][0], min(chosen[best][1], chosen[i][1] + 0.1))
    return out


def _qualified(m: Match) -> bool:
    """True if a one-word name carries its qualifier ("Daraa al-Balad", Daraa's old town):
    the words say which place it is, whatever the article's other "Daraa"s are."""
    if " " in m.key:
        return False
    words = _LATIN_WORD.findall(m.text)
    return len(words) > 1 and fold_token(words[-1]) in _QUALIFIERS


def _has_kind_cue(cue: _Cue) -> bool:
    return (cue.after in _GOVERNORATE_CUES or cue.after in _LOCALITY_CUES or cue.after in _FACILITY_WORDS
            or cue.governorate_in_sentence or _type_before(cue.before) in _LOCALITY_CUES
            or bool(cue.before) and cue.before[-1] in _POINT_BEFORE)


def _is_metonymy(m: Match, place: Place, in_actor: Callable[[int, int], bool]) -> bool:
    """A country or capital named inside an actor's name ("Russian-backed forces", "the Damascus government")."""
    if place.kind != "country" and not place.capital_of:
        return False
    return in_actor(m.start, m.end)


def _local_points(mentions: Sequence[PlaceMention]) -> list[PlaceMention]:
    out = []
    for pm in mentions:
        place = pm.place  # (read once)
        if place.country == "SY" and place.kind in ("town", "village", "region"):
            out.append(pm)
    return out


def _place_unknown(text: str, unknown: Sequence[Span], mentions: Sequence[PlaceMention],
                   gazetteer: Gazetteer, o: ResolveOptions,
                   sentences: Sequence[tuple[int, int]] = (),
                   blocked: Callable[[int, int], bool] | None = None) -> tuple[list[PlaceMention], list[Span]]:
    """Resolve names the gazetteer lacks: the town the text puts them in, else fuzzy near the
    article's places, else next to a sibling."""
    local = _local_points(mentions)
    provinces = [pm for pm in mentions if pm.place.country == "SY" and pm.place.kind == "governorate"]
    placed: list[PlaceMention] = []
    left: list[Span] = []
    # the text's own word first ("the X district of Aleppo", "Aleppo's X"), at any use of the name
    said = [_contained(text, span, mentions, gazetteer) or _possessed(text, span, mentions, gazetteer)
            for span in unknown]
    stated: dict[str, list[PlaceMention]] = {}  # name key -> the uses the text put in a town
    sentence_of: dict[int, int] = {}  # (see _fuzzy)
    for pm in said:
        if pm is not None:
            stated.setdefault(name_key(pm.text), []).append(pm)
    for span, pm in zip(unknown, said):
        key = name_key(span.text)
        if pm is None and key not in stated:  # (else it goes with the text's word, below)
            # then the town whose neighbourhoods are named around a name called a neighbourhood,
            # then a similar name nearby
            pm = _neighbourhood_of_the_towns(text, span, mentions, gazetteer, sentences)
            if pm is not None:
                stated.setdefault(key, []).append(pm)
            else:
                # a name the planner cut short ("Daret" of "Daret Izza") is not placed by its province
                cut = _NAME_GOES_ON.match(text, span.end) is not None
                # "al-Jaberiyeh village in Hama province": a similar name elsewhere is not it
                # (none there: an unlisted village of that governorate)
                held = next((pm.place for pm in provinces if span.end < pm.start <= span.end + _HELD_IN_REACH
                             and _HELD_IN_GAP.fullmatch(text, span.end, pm.start)
                             # "the Euphrates in Deir al-Zour province": a river, lake or plain,
                             # not a village (but "the al-Jaberiyeh village in Hama province")
                             and not (_THE_BEFORE.search(text, max(0, span.start - 4), span.start)
                                      and not _HELD_TYPE.match(text, span.end))), None)
                pm = _fuzzy(span, local, gazetteer, o, sentences, () if cut else provinces,
                            held.admin1 if held else None, sentence_of) or _sibling(text, span, [*mentions, *placed], gazetteer, o)
                if pm is None and held is not None and not cut:
                    pm = PlaceMention(span.text, span.start, span.end, _unlisted(span.text, held, "in", "village"),
                                      confidence=0.3, method="container")
                    stated.setdefault(key, []).append(pm)  # (its later uses are that village too)
                elif pm is None and not cut:
                    pm = _on_a_bearing(text, span, mentions)
                    if pm is not None:
                        stated.setdefault(key, []).append(pm)
        if pm is None:
            left.append(span)
        else:
            placed.append(pm)
            if pm.method == "fuzzy":
                local.append(pm)
    if stated:
        # the article's other uses of a name the text put in a town are that place too, not a
        # guess of their own, unresolved or missed for want of a cue ("the Howayqa neighborhood
        # of Deir Ezzor ... Lately attacks focused on Howayqa"); the nearest such use where there
        # are two
        def as_stated(span: Span, was: PlaceMention | None) -> PlaceMention | None:
            uses = stated.get(name_key(span.text))
            if not uses or was is not None and any(was is u for u in uses):
                return was
            to = min(uses, key=lambda u: abs(u.start - span.start))
            return PlaceMention(span.text, span.start, span.end, to.place, confidence=to.confidence,
                                method=to.method)
        placed = [as_stated(Span(pm.text, pm.start, pm.end), pm) or pm for pm in placed]
        still = [(span, as_stated(span, None)) for span in left]
        placed += [pm for _, pm in still if pm is not None]
        left = [span for span, pm in still if pm is None]
        taken = [(pm.start, pm.end) for pm in (*mentions, *placed)] + [(sp.start, sp.end) for sp in left]
        for span in _other_uses(text, {pm.text for uses in stated.values() for pm in uses}, taken, blocked):
            use = as_stated(span, None)
            if use is not None:
                placed.append(use)
    return placed, left


# "X southwest of Damascus", "X, 5 km north of Qatana" (as _DIRECTION_OF_AFTER reads it)
_BEARING_OFF_GAP: Final = re.compile(_BEARING_OFF)


def _on_a_bearing(text: str, span: Span, mentions: Sequence[PlaceMention]) -> PlaceMention | None:
    """A name the gazetteer lacks that the text puts on a bearing off a Syrian town or village ("in
    Jdeidet al-Fadl southwest of Damascus"): an unlisted village near it, in its governorate; off
    Damascus, in Rural Damascus (the city is a governorate of its own, with nothing around it)."""
    gap = _BEARING_OFF_GAP.match(text, span.end)
    if gap is None:
        return None
    anchor = next((pm.place for pm in mentions if pm.start == gap.end()), None)
    if anchor is None or anchor.country != "SY" or anchor.kind not in ("town", "village"):
        return None
    place = _unlisted(span.text, anchor, "near", "village")
    if anchor.admin1 == "Damascus":
        place = dataclasses.replace(place, admin1="Rural Damascus", admin2=None)
    return PlaceMention(span.text, span.start, span.end, place, confidence=0.3, method="container")


def _neighbourhood_of_the_towns(text: str, span: Span, mentions: Sequence[PlaceMention], gazetteer: Gazetteer,
                                sentences: Sequence[tuple[int, int]]) -> PlaceMention | None:
    """A name the gazetteer lacks that the text calls a neighbourhood ("the neighborhood of
    Bab Alnairab") is in the town whose neighbourhoods the text names around it (see
    _town_of_neighbourhoods), if there is one."""
    words = [w for w in _LATIN_WORD.findall(span.text) if w.lower() not in _ARTICLE_WORDS]
    if len(words) > 3 or any(gazetteer.is_common_word(key) and key not in _PLACE_HEADS
                             for key in map(name_key, words)):
        return None  # a headline's words ("Related Daesh Terrorists Attack District of ..."; "Wadi" is a place's)
    # (Match(...) without its Python-level __new__, as _context builds its _Cue)
    m = _NEW_TUPLE(Match, (span.start, span.end, span.text, name_key(span.text), (), "exact"))
    if not _said_neighbourhood(_context(text, m, sentences)):
        return None
    town = _town_of_neighbourhoods(span.start, mentions, sentences)
    return _in_town(span, town, gazetteer) if town is not None else None


def _other_uses(text: str, surfaces: Iterable[str], taken: Sequence[tuple[int, int]],
                blocked: Callable[[int, int], bool] | None = None) -> list[Span]:
    """The uses of ``surfaces`` in ``text`` outside the ``taken`` and ``blocked`` spans, as names
    of their own: not a part of a longer name ("Abu Howayqa", "Howayqa Brigade", "the Akrameh
    al-Makhzumi school")."""
    out = []
    for surface in {_LEADING_ARTICLE.sub("", surface) for surface in surfaces}:
        # (with an article before it or not: "al-Howayqa" is a use of "Howayqa", and the reverse)
        for opens, start, end in _uses_of(text, surface):  # (the name without its article, as the finder takes it)
            if any(s < end and start < e for s, e in taken) or blocked is not None and blocked(start, end) \
                    or _LONGER_NAME_AFTER.match(text, end):
                continue
            before = _CAPITALISED_BEFORE.search(text, max(0, opens - 40), opens)
            if before is not None and before.group(1) not in _OPENER_WORDS:
                continue
            out.append(Span(text[start:end], start, end))
    return out


_NAME_CHARS: Final = r"[\w'’`-]"  # (a character a name goes on with: none may stand beside a use of it)
_NAME_CHAR: Final = re.compile(_NAME_CHARS)
_ARTICLE_OPENS: Final = re.compile(rf"(?<!{_NAME_CHARS})(?i:{_ARTICLES})[ \t]*[-‐‑–][ \t]*\Z")


def _uses_of(text: str, surface: str) -> list[tuple[int, int, int]]:
    """(start of the use with its article, start, end of ``surface``) of every use of ``surface``
    as a whole name in ``text``, with an article before it or not ("al-Howayqa", "Howayqa").

    What ``re.finditer`` of :data:`_USE_OF` with the name put in would find, by ``str.find``:
    a pattern per name cost a regex compilation per name an article carries over.
    """
    uses: list[tuple[int, int, int]] = []
    size = len(surface)
    if not size:
        return uses
    done = 0  # (the uses do not overlap: each search goes on after the last use)
    at = text.find(surface)
    while at != -1:
        end = at + size
        opens = None
        if not _NAME_CHAR.match(text, end):
            article = _ARTICLE_OPENS.search(text, max(done, at - 24), at) if at else None
            if article is not None:
                opens = article.start()
            elif not at or not _NAME_CHAR.match(text, at - 1):
                opens = at
        if opens is None:
            at = text.find(surface, at + 1)
        else:
            uses.append((opens, at, end))
            done = end
            at = text.find(surface, end)
    return uses


#: The regex :func:`_uses_of` stands for, with ``{name}`` the escaped name (its reference, for the tests).
_USE_OF: Final = rf"(?<!{_NAME_CHARS})(?:(?i:{_ARTICLES})[ \t]*[-‐‑–][ \t]*)?({{name}})(?!{_NAME_CHARS})"


_LEADING_ARTICLE: Final = re.compile(rf"^(?i:{_ARTICLES})[ \t]*[-‐‑–][ \t]*(?=\w)")
_LONGER_NAME_AFTER: Final = re.compile(rf"[ \t]*[-‐‑–]?[ \t]*(?:(?i:{_ARTICLES})[ \t]*[-‐‑–][ \t]*)?[A-Z]")  # "Akrameh al-Makhzumi school"
_CAPITALISED_BEFORE: Final = re.compile(r"(?<![\w'’`-])([A-Z][\w'’`]*)[ \t-]+\Z")


_NAME_GOES_ON: Final = re.compile(r"[ \t]*[-‐‑–]?[ \t]*[A-Z]")


def _by_skeleton(gazetteer: Gazetteer, name: str) -> tuple[Place, ...]:
    """The gazetteer's Syrian places whose skeleton is that of ``name`` (memoised by the gazetteer)."""
    return gazetteer.syrian_by_skeleton(skeleton_key(name))


# a name, then the governorate the text puts it in: "al-Jaberiyeh village in Hama province"
# (also "al-Salehia village in the northern countryside of Raqqa province")
# (also "Kfarnabel, in the southern Idlib countryside": a bearing before the governorate's name)
_BEARING: Final = r"(?:north|south)?(?:east|west)?(?:ern)?"
_HELD_IN: Final = (rf"(?:[ \t]+(?:village|town|area))?,?[ \t]+in[ \t]+(?:the[ \t]+)?"
            rf"(?:{_BEARING}[ \t]+(?:countryside[ \t]+of[ \t]+(?:the[ \t]+)?)?|countryside[ \t]+of[ \t]+(?:the[ \t]+)?)?")
_HELD_IN_GAP: Final = re.compile(_HELD_IN, re.IGNORECASE)
# the same before a name that the words after it make a governorate's ("Idlib countryside",
# "the countryside of Idlib", "Deir ez-Zor province"): what makes a name the gazetteer lacks a
# place to :meth:`PlaceFinder.find` (which governorate, if any, is :func:`_place_unknown`'s to say)
_HELD_IN_AFTER: Final = re.compile(
    rf"(?i:{_HELD_IN})(?:(?<=of )(?:(?i:al|el)-)?[A-Z]"
    rf"|(?:(?i:al|el)-)?{_ONE_OR_TWO_WORDS}(?:['’]s)?[ \t]+"
    rf"(?:(?i:{_BEARING})[ \t]+)?(?i:countryside|province|governorate)\b)")
_HELD_IN_REACH: Final = 48
# a capitalised word right before a name (and its article): the name is the end of a longer one
_WORD_OF_THE_NAME_BEFORE: Final = re.compile(r"[A-Z][\w'’`]*[ \t]+(?:(?i:al|el)[ \t]*-[ \t]*)?\Z")
# the governorate's countryside, its name said before: "in Atman and Alma in the eastern countryside"
_IN_THE_COUNTRYSIDE_AFTER: Final = re.compile(rf",?[ \t]+in[ \t]+the[ \t]+(?:(?i:{_BEARING})[ \t]+)?countryside\b")
_THE_BEFORE: Final = re.compile(r"\b[Tt]he[ \t]+\Z")
_HELD_TYPE: Final = re.compile(r"[ \t]+(?i:village|town|area)\b")


def _sentence_at(sentences: Sequence[tuple[int, int]], offset: int, memo: dict[int, int]) -> int:
    """``sentence_index(sentences, offset)``, memoised in ``memo``."""
    si = memo.get(offset)
    if si is None:
        si = memo[offset] = sentence_index(sentences, offset)
    return si


def _fuzzy(span: Span, local: Sequence[PlaceMention], gazetteer: Gazetteer,
           o: ResolveOptions, sentences: Sequence[tuple[int, int]] = (),
           provinces: Sequence[PlaceMention] = (), held: str | None = None,
           sentence_of: dict[int, int] | None = None) -> PlaceMention | None:
    """A spelling the gazetteer lacks, taken as a similar name near a place of the same
    passage, or inside a governorate the passage names ("the village of Taduf ... in
    the province of Aleppo"), as if at the edge of the reach; only inside the governorate
    ``held`` when the text puts the name in it. ``sentence_of`` holds the sentences of the
    offsets read so far (one article's), where each unknown name read every place's again."""
    if sentences:
        if sentence_of is None:
            sentence_of = {}
        here = sentence_index(sentences, span.start)
        local = [pm for pm in local if abs(_sentence_at(sentences, pm.start, sentence_of) - here) <= 1]
        provinces = [pm for pm in provinces if abs(_sentence_at(sentences, pm.start, sentence_of) - here) <= 1]
    if not local and not provinces:
        return None
    key = name_key(span.text)
    if len(key.replace(" ", "")) < o.fuzzy_min_letters:
        return None
    best: tuple[float, Place] | None = None
    # the governorate stands in only where the passage has no closer place, and for a
    # near spelling: a province is big, and holds many names of one skeleton
    inside = {pm.place.admin1 for pm in provinces} - {pm.place.admin1 for pm in local}
    # a great-circle distance is at least the distance along the meridian: places
    # further in latitude than that from every local place are skipped unmeasured
    reach = math.degrees(o.fuzzy_max_km / EARTH_RADIUS)
    lats = [pm.place.lat for pm in local]
    low, high = (min(lats) - reach, max(lats) + reach) if lats else (90.0, -90.0)
    for place in _by_skeleton(gazetteer, span.text):
        if place.country != "SY" or held is not None and place.admin1 != held:
            continue
        d = min(_km(place, pm.place) for pm in local) if low <= place.lat <= high else math.inf
        min_ratio = o.fuzzy_min_ratio
        if d > o.fuzzy_max_km:
            if place.admin1 not in inside:
                continue
            d, min_ratio = o.fuzzy_max_km, o.fuzzy_province_ratio  # as if at the edge of the reach
        closeness = math.exp(-d / 20)
        if best is not None and 1.0 + closeness <= best[0]:
            continue  # (its score, at most 100 / 100 + closeness, cannot beat the best: its names unread)
        ratio = max(fuzz.ratio(key, k) for k in _name_keys(place))
        if ratio < min_ratio:
            continue
        if ratio < o.fuzzy_province_ratio and any(
                pm.place.id == place.id and fuzz.ratio(key, name_key(pm.text)) < o.fuzzy_min_ratio for pm in local):
            # the passage spells this place otherwise, and not as a typo would ("Otaya ... Otoya"):
            # a loosely similar name beside it is another place ("Balyun ... a teacher from
            # Iblin": Ablin, not Balyun)
            continue
        score = ratio / 100 + closeness
        if best is None or score > best[0]:
            best = (score, place)
    if best is None:
        return None
    return PlaceMention(span.text, span.start, span.end, best[1],
                        confidence=round(min(0.8, 0.3 + best[0] / 4), 3), method="fuzzy")


_STREET_WORDS: Final = ("Street", "street", "Road", "road")
_STREET_AFTER: Final = re.compile(r"[ \t]+(?:Street|street|Road|road)\b")
# a name's article, alone before it: "al-" of "al-Hamidiyah"
_ARTICLE_ALONE: Final = re.compile(rf"(?i:{_ARTICLES})[ \t]*[-‐‑–]?[ \t]*")
# "and" before a name: the last item of a list ("... and Beit Sawa", "... and al-Mufti")
_AND_NAME_AFTER: Final = re.compile(r"[ \t]+and[ \t]+(?=[A-Z]|(?:al|el|as|ad|ar|an|at|ash|az)-)")
_COORDINATION: Final = re.compile(r"^\s*(?:,|and|or|&|,\s*and)\s*$")


def _is_coordination_gap(text: str, start: int, end: int) -> bool:
    """``_COORDINATION.match(text[start:end]) is not None``, read in the text: the gap less its
    spaces at both ends (the regex's "\\s" is ``str.isspace``, and its "\\s*$" takes a last line
    break as a space) is ",", "and", "or", "&", or "," then spaces and "and" (case-sensitive:
    the regex is)."""
    i, j = start, end
    while i < j and text[i].isspace():
        i += 1
    while j > i and text[j - 1].isspace():
        j -= 1
    size = j - i
    if size == 1:
        return text[i] == "," or text[i] == "&"
    if size == 2:
        return text.startswith("or", i)
    if size == 3 and text.startswith("and", i):
        return True
    if size >= 4 and text[i] == "," and text.startswith("and", j - 3):
        k = i + 1
        while k < j - 3 and text[k].isspace():
            k += 1
        return k == j - 3
    return False


def _sibling(text: str, span: Span, mentions: Sequence[PlaceMention], gazetteer: Gazetteer,
             o: ResolveOptions) -> PlaceMention | None:
    """A name coordinated with a resolved local place ("the Um Halahil and Zerzur regions").

    Taken only when every gazetteer place of a similar name lies far away, so
    the name is most likely an unlisted place beside its sibling.
    """
    sibling = None
    for pm in mentions:
        if pm.place.country != "SY" or pm.place.kind not in ("town", "village", "region"):
            continue
        # (read in the text: the gap, however long, was sliced out of it for each place)
        if _is_coordination_gap(text, pm.end, span.start) if pm.end <= span.start \
                else _is_coordination_gap(text, span.end, pm.start):
            sibling = pm
            break
    if sibling is None:
        return None
    similar = [p for p in _by_skeleton(gazetteer, span.text) if p.country == "SY"]
    if any(_km(p, sibling.place) < o.sibling_far_km for p in similar):
        return None
    return PlaceMention(span.text, span.start, span.end, _unlisted(span.text, sibling.place, "near", "village"),
                        confidence=0.25, method="sibling")
