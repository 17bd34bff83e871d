"""Name folding: the keys under which place names are indexed and matched.

Transliterations of Arabic names vary wildly (Saraqeb / Saraqib, Tel Touqan /
Tall at Tukan, Um Halahil / Umm Halahil, Jabal al-Zawiya / Jabal az Zawiyah).
:func:`name_key` folds a name so that such variants share one key;
:func:`skeleton_key` folds harder (consonants only) for a fuzzy fallback.
Both work token by token, so a text can be folded once and matched against
the gazetteer with the offsets of every token kept (:func:`tokenize`).

>>> name_key("Tall at Tukan") == name_key("Tel Touqan")
True
>>> name_key("Jabal az-Zawiyah") == name_key("Jabal al-Zawiya")
True
>>> name_key("Umm Halahil") == name_key("Um Halahil")
True
>>> skeleton_key("Deribiye") == skeleton_key("Durabay`ah")
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final, Iterable

from unidecode import unidecode

# Arabic definite articles as transliterated (al-, el-, and sun-letter forms).
ARTICLES: Final = frozenset(
    "al el il ul as ash az an ar at ath ad adh es ech ez en er et ed ec ad".split()
)

# Generic words in place names that are spelled many ways; folded to one form.
_TOKEN_SYNONYMS: Final = {
    **dict.fromkeys(["tel", "tell", "tall", "tal", "til", "tel-"], "tal"),
    **dict.fromkeys(["um", "umm", "oum", "oumm", "om", "omm"], "um"),
    **dict.fromkeys(["deir", "dayr", "dair", "der", "deyr", "dir"], "dir"),
    **dict.fromkeys(["jabal", "jebel", "jabel", "djebel", "jbel", "jebal", "jabl", "gebel"], "jabal"),
    **dict.fromkeys(["kafr", "kfar", "kafar", "kefr", "kfr"], "kafr"),
    **dict.fromkeys(["khirbat", "khirbet", "kherbet", "khirbeh", "khirba", "kherbe"], "khirbat"),
    **dict.fromkeys(["abu", "abou", "abo"], "abu"),
    **dict.fromkeys(["ain", "ayn", "ein", "aayn", "aain"], "ain"),
    **dict.fromkeys(["beit", "bayt", "bait", "beyt"], "bait"),
    **dict.fromkeys(["sheikh", "shaykh", "shaikh", "cheikh", "sheik"], "shaikh"),
    **dict.fromkeys(["saint", "st"], "saint"),
    # Ma'arrat (a town's "cave"): news writes Maaret, Maret, Marret, which fold to "marit"
    "marit": "marat",
}

_NOT_ALNUM: Final = re.compile(r"[^a-z0-9]")
_APOSTROPHES: Final = "'’‘`´ʿʾʼ′ʻ"
_ARABIC: Final = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
#: Arabic marks that are not letters of a name: the harakat (vowel marks), the superscript
#: alef and the tatweel (a stretching stroke).
ARABIC_HARAKAT: Final = "".join(map(chr, range(0x064B, 0x0660))) + "\u0670"
ARABIC_MARKS: Final = ARABIC_HARAKAT + "\u0640"
_ARABIC_DIACRITICS: Final = re.compile(f"[{ARABIC_MARKS}]")
#: Arabic proclitics written onto the next word: a conjunction (and, so), then a preposition
#: (in/by, for, like); geo.places reads them off a word, geo.actors adds them to a name.
ARABIC_CONJUNCTIONS, ARABIC_PREPOSITIONS = "وف", "بلك"
def is_arabic(text: str) -> bool:
    """True if ``text`` starts with a letter of the Arabic block (U+0600-U+06FF).

    Its first character read by its code point: :func:`_is_arabic_by_slice`, the reference,
    made a one-character string and compared it twice (the finder asks of every name it plans)."""
    if not text:
        return False
    c = ord(text[0])
    return 0x600 <= c <= 0x6FF


def _is_arabic_by_slice(text: str) -> bool:
    """:func:`is_arabic` by a slice and string comparisons (the reference, for the tests)."""
    return "\u0600" <= text[:1] <= "\u06ff"


#: Arabic letters news text writes either way: alef with or without hamza or madda, final
#: ya / alef maqsura, ta marbuta / ha (geo.actors folds these too).
ARABIC_VARIANT_LETTERS: Final = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"}
# names also drop the hamza seat of waw and ya, and read qaf as kaf: a name written back
# from a transliteration has ك for the q of "Tukan" (تل الطوكان; the news writes تل طوقان),
# as Latin keys read q as k
_ARABIC_LETTERS: Final = str.maketrans({**ARABIC_VARIANT_LETTERS, "ؤ": "و", "ئ": "ي", "ق": "ك"})

#: A word: letters/digits, with apostrophes or hyphens inside (Hay'at, al-Sham).
TOKEN_RE: Final = re.compile(r"[^\W_]+(?:[" + _APOSTROPHES + r"][^\W_]+)*")
# the same on ASCII text, where the letters and digits are these: a test of a range, not of
# the Unicode tables, for each character
_ASCII_TOKEN_RE: Final = re.compile(r"[A-Za-z0-9]+(?:[" + _APOSTROPHES + r"][A-Za-z0-9]+)*")

# Latin folding rules, applied in this order to each token (after lowercasing and
# stripping diacritics) by _fold_latin: diphthongs ou|oo|aw|au|ow -> u and
# ay|ai|ei|ey|ee|ie|ea -> i; then e -> i, o -> u, q -> k, ph -> f, dj -> j; then
# doubled letters are made single; then a final h after a vowel is dropped.
_DIPHTHONG_U: Final = re.compile(r"ou|oo|aw|au|ow")
_DIPHTHONG_I: Final = re.compile(r"ay|ai|ei|ey|ee|ie|ea")
# A letter's repeats (the letter itself stays): deleted with a plain "" replacement, which runs
# in C, where r"(.)\1+" -> r"\1" expands a template in Python at every call.
_REPEATS: Final = re.compile(r"(?<=(.))\1+")


class Token:
    """One word of a text: its offsets, surface and folded key.

    A plain class with its own ``__init__``: compiled, it is built by a direct call and its
    fields are read from its struct, where a NamedTuple was built through ``tuple.__new__``
    called by Python's protocol (a thousand instructions a token) and read from a list by
    boxed index; a dataclass's ``__init__`` is made at run time, called by Python's protocol too.
    """

    def __init__(self, start: int, end: int, surface: str, key: str) -> None:
        self.start = start
        self.end = end
        self.surface = surface
        self.key = key  # folded by fold_token; "" for a dropped article

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and self.start == other.start and self.end == other.end \
            and self.surface == other.surface and self.key == other.key

    def __repr__(self) -> str:
        return f"Token(start={self.start!r}, end={self.end!r}, surface={self.surface!r}, key={self.key!r})"


def strip_marks(text: str) -> str:
    """Remove combining diacritics (ā -> a, ḩ -> h), keeping base letters."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    # (a compiled loop that asks unicodedata only of a character from U+0300 on, where the first
    # combining one is (tests/test_names.py), and keeps the runs between marks as slices)
    parts: list[str] = []
    start = 0
    for k in range(len(decomposed)):
        if ord(decomposed[k]) >= 0x300 and unicodedata.combining(decomposed[k]):
            if k > start:
                parts.append(decomposed[start:k])
            start = k + 1
    if start == 0:
        return decomposed
    parts.append(decomposed[start:])
    return "".join(parts)


#: entries kept by each word memo below (cleared when full): a plain dict, read in compiled code
#: with no call, where a call through an lru_cache wrapper cost more than most lookups it saved
_MEMO_SIZE: Final = 200_000
_FOLDED: Final[dict[str, str]] = {}


def fold_token(token: str) -> str:
    """Fold one word to its matching key (see the module docstring); memoised.

    Arabic script is normalised (alef forms, ta marbuta, harakat) but not
    transliterated, so Arabic names match Arabic text.
    """
    folded = _FOLDED.get(token)
    if folded is None:
        if len(_FOLDED) >= _MEMO_SIZE:
            _FOLDED.clear()
        folded = _FOLDED[token] = _fold_token(token)
    return folded


def _fold_token(token: str) -> str:
    """:func:`fold_token`, not memoised."""
    if token.isascii():  # the common case: no transliteration needed
        word = token.lower()
        if not word.isalnum():  # (an ASCII word of letters and digits only has nothing to drop: no regex)
            word = _NOT_ALNUM.sub("", word)
        return _fold_latin(word)
    # (each step only where its characters occur, found by compiled loops over the code points)
    arabic = marks = apostrophes = False
    for k in range(len(token)):
        c = ord(token[k])
        if _is_apostrophe(c):
            apostrophes = True
        elif 0x600 <= c <= 0x6FF:
            arabic = True
            if 0x64B <= c <= 0x65F or c == 0x670 or c == 0x640:
                marks = True  # ARABIC_MARKS
        elif 0x750 <= c <= 0x77F or 0x8A0 <= c <= 0x8FF:
            arabic = True
    if apostrophes:
        token = token.translate(_APOSTROPHES_DELETED)
    if arabic:
        if marks:
            token = _ARABIC_DIACRITICS.sub("", token)
        token = token.translate(_ARABIC_LETTERS)
        if token.startswith("ال") and len(token) > 3:
            token = token[2:]
        return token
    word = unidecode(strip_marks(token)).lower()
    if not word.isalnum():  # (unidecode's ASCII, as above)
        word = _NOT_ALNUM.sub("", word)
    return _fold_latin(word)


def _fold_token_by_regex(token: str) -> str:
    """:func:`_fold_token` of a non-ASCII word, each step done whatever it has (the reference)."""
    for ch in _APOSTROPHES:
        token = token.replace(ch, "")
    if _ARABIC.search(token):
        token = _ARABIC_DIACRITICS.sub("", token).translate(_ARABIC_LETTERS)
        if token.startswith("ال") and len(token) > 3:
            token = token[2:]
        return token
    return _fold_latin_by_regex(_NOT_ALNUM.sub("", unidecode(strip_marks(token)).lower()))


_APOSTROPHES_DELETED: Final = str.maketrans("", "", _APOSTROPHES)


def _has_arabic(text: str) -> bool:
    """``_ARABIC.search(text) is not None``, by a compiled loop over the code points."""
    for k in range(len(text)):
        c = ord(text[k])
        if 0x0600 <= c <= 0x06FF or 0x0750 <= c <= 0x077F or 0x08A0 <= c <= 0x08FF:
            return True
    return False


def _fold_latin(word: str) -> str:
    """The vowel and consonant rules above, in order, on a lower-case ASCII word ([a-z0-9]*).

    One compiled scan over the codes finds which rules have work; each rule runs only then,
    the pair rules and the repeats by compiled loops over the codes (tests/test_names.py checks
    it against :func:`_fold_latin_by_regex`, the rules as regexes).
    """
    syn = _TOKEN_SYNONYMS.get(word)
    if syn is not None:
        return syn
    # (no rule makes a letter another rule reads: the pairs make u and i, the letters i, u and
    # k, ph and dj f and j; so what the word has tells which rules have work, or may have)
    n = len(word)
    u_pair = i_pair = has_e = has_o = has_q = ph = dj = False
    prev = 0
    for k in range(n):
        c = ord(word[k])
        if c == 101:  # e
            has_e = True
            if prev == 101:
                i_pair = True  # ee
        elif c == 111:  # o
            has_o = True
            if prev == 111:
                u_pair = True  # oo
        elif c == 113:
            has_q = True
        elif c == 117:  # u
            if prev == 111 or prev == 97:
                u_pair = True  # ou au
        elif c == 119:  # w
            if prev == 97 or prev == 111:
                u_pair = True  # aw ow
        elif c == 105 or c == 121:  # i y
            if prev == 97 or prev == 101:
                i_pair = True  # ai ay ei ey
        elif c == 97:  # a
            if prev == 101:
                i_pair = True  # ea
        elif c == 104:
            if prev == 112:
                ph = True
        elif c == 106:
            if prev == 100:
                dj = True
        if c == 101 and prev == 105:
            i_pair = True  # ie
        prev = c
    if u_pair:
        word = _diphthongs_u(word)
    if i_pair:
        word = _diphthongs_i(word)
    if has_e:
        word = word.replace("e", "i")
    if has_o:
        word = word.replace("o", "u")
    if has_q:
        word = word.replace("q", "k")
    if ph:
        word = word.replace("ph", "f")
    if dj:
        word = word.replace("dj", "j")
    if _has_repeat(word):
        word = _without_repeats(word)
    n = len(word)
    if n > 1 and ord(word[n - 1]) == 104:  # a final h after a vowel
        c = ord(word[n - 2])
        if c == 97 or c == 105 or c == 117:
            word = word[:n - 1]
    syn = _TOKEN_SYNONYMS.get(word)
    return word if syn is None else syn


def _diphthongs_u(word: str) -> str:
    """``_DIPHTHONG_U.sub("u", word)``: each of ou, oo, aw, au, ow, left to right, made u."""
    parts: list[str] = []
    start = 0
    i = 0
    n = len(word)
    while i + 1 < n:
        c = ord(word[i])
        d = ord(word[i + 1])
        if c == 111 and (d == 117 or d == 111 or d == 119) or c == 97 and (d == 119 or d == 117):
            parts.append(word[start:i])
            parts.append("u")
            i += 2
            start = i
        else:
            i += 1
    parts.append(word[start:])
    return "".join(parts)


def _diphthongs_i(word: str) -> str:
    """``_DIPHTHONG_I.sub("i", word)``: each of ay, ai, ei, ey, ee, ie, ea, left to right, made i."""
    parts: list[str] = []
    start = 0
    i = 0
    n = len(word)
    while i + 1 < n:
        c = ord(word[i])
        d = ord(word[i + 1])
        if c == 97 and (d == 121 or d == 105) or c == 101 and (d == 105 or d == 121 or d == 101 or d == 97) \
                or c == 105 and d == 101:
            parts.append(word[start:i])
            parts.append("i")
            i += 2
            start = i
        else:
            i += 1
    parts.append(word[start:])
    return "".join(parts)


def _without_repeats(word: str) -> str:
    """``_REPEATS.sub("", word)``: each run of one character made one (for a word with no newline)."""
    parts: list[str] = []
    start = 0
    i = 1
    n = len(word)
    while i < n:
        c = ord(word[i - 1])
        if ord(word[i]) == c:
            parts.append(word[start:i])
            j = i + 1
            while j < n and ord(word[j]) == c:
                j += 1
            start = j
            i = j + 1
        else:
            i += 1
    parts.append(word[start:])
    return "".join(parts)


def _fold_latin_by_regex(word: str) -> str:
    """:func:`_fold_latin` by its rules as regexes and replacements (the reference for its loops)."""
    if word in _TOKEN_SYNONYMS:
        return _TOKEN_SYNONYMS[word]
    word = _DIPHTHONG_U.sub("u", word)
    word = _DIPHTHONG_I.sub("i", word)
    word = word.replace("e", "i").replace("o", "u").replace("q", "k")
    word = word.replace("ph", "f").replace("dj", "j")
    word = _REPEATS.sub("", word)
    if len(word) > 1 and word[-1] == "h" and word[-2] in "aiu":
        word = word[:-1]
    return _TOKEN_SYNONYMS.get(word, word)


def _has_repeat(word: str) -> bool:
    """True if a letter of ``word`` comes twice in a row (where :data:`_REPEATS` has work)."""
    for i in range(1, len(word)):
        if ord(word[i]) == ord(word[i - 1]):
            return True
    return False


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split ``text`` into word tokens with offsets and folded keys.

    Hyphenated words are split (al-Sham -> al, Sham) so the article can be
    dropped; Arabic articles get an empty key, so ``key`` sequences skip them.
    ``start``/``end`` limit the scan to ``text[start:end]``; offsets stay
    those of ``text``.
    """
    if start < 0:  # (a negative start: the regex path's str.find reads it from the end)
        return _tokenize_by_regex(text, start, end)
    # TOKEN_RE's words read in one compiled loop over the characters, where the regex cost a
    # findall (a match state and a list of strings) and a str.find per word (the chunks
    # tokenized are a few words long: the calls, not the scan, were the cost). A word is a run of
    # letters and digits (str.isalnum, the regex's [^\W_]; ASCII ones by their codes), and an
    # apostrophe with letters or digits after it goes on with it; findall's end is clamped to
    # the text. (tests/test_names.py checks it against _tokenize_by_regex)
    tokens: list[Token] = []
    n = len(text)
    if end is not None and end < n:
        n = max(end, 0)
    i = max(start, 0)
    while i < n:
        c = ord(text[i])  # (is_alnum_at's test written out here: a call a character cost as much)
        if not (97 <= c <= 122 or 65 <= c <= 90 or 48 <= c <= 57 or c >= 128 and text[i].isalnum()):
            i += 1
            continue
        j = i + 1
        while True:
            while j < n:
                c = ord(text[j])
                if 97 <= c <= 122 or 65 <= c <= 90 or 48 <= c <= 57 or c >= 128 and text[j].isalnum():
                    j += 1
                else:
                    break
            if j + 1 < n and _is_apostrophe(ord(text[j])) and is_alnum_at(text, j + 1, ord(text[j + 1])):
                j += 2
            else:
                break
        stop = j
        if j - i > 3 and (text[j - 2] == "'" or text[j - 2] == "’") and (text[j - 1] == "s" or text[j - 1] == "S"):
            stop = j - 2  # "Syria's" is "Syria"
        surface = text[i:stop]
        # (_token_key by name: compiled, a direct call; through a local it is called by Python's protocol)
        tokens.append(Token(i, stop, surface, _token_key(surface)))
        i = j
    return tokens


def is_alnum_at(text: str, i: int, c: int) -> bool:
    """``text[i]`` (code point ``c``) is a regex's [^\\W_]: ``str.isalnum``, an ASCII character
    read by its code (geo.places reads names with it too)."""
    if c < 128:
        return 97 <= c <= 122 or 65 <= c <= 90 or 48 <= c <= 57
    return text[i].isalnum()


def _is_apostrophe(c: int) -> bool:
    """``chr(c)`` is one of _APOSTROPHES: ' ’ ‘ ` ´ ʿ ʾ ʼ ′ ʻ."""
    return c == 39 or c == 0x2019 or c == 0x2018 or c == 96 or c == 0xB4 or c == 0x2BF or c == 0x2BE \
        or c == 0x2BC or c == 0x2032 or c == 0x2BB


def _tokenize_by_regex(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """:func:`tokenize` by its regexes: any text (the reference for its ASCII loop)."""
    tokens: list[Token] = []
    # The words as strings (no match object, no method calls per word), each found again by
    # str.find from the end of the one before: the regex matches at every letter or digit, so
    # the first occurrence of its word from there is where it matched
    pos = start
    for word in (_ASCII_TOKEN_RE if text.isascii() else TOKEN_RE).findall(
            text, start, len(text) if end is None else end):
        start = text.find(word, pos)
        pos = start + len(word)
        surface = word
        if len(surface) > 3 and surface[-1] in "sS" and surface[-2] in "'’":
            surface = surface[:-2]  # "Syria's" is "Syria"
        tokens.append(Token(start, start + len(surface), surface, _token_key(surface)))
    return tokens


_TOKEN_KEYS: Final[dict[str, str]] = {}


def _token_key(surface: str) -> str:
    """A token's key: "" for an article, else its folded word (memoised: see _MEMO_SIZE)."""
    key = _TOKEN_KEYS.get(surface)
    if key is None:
        if len(_TOKEN_KEYS) >= _MEMO_SIZE:
            _TOKEN_KEYS.clear()
        key = _TOKEN_KEYS[surface] = "" if surface.lower() in ARTICLES else fold_token(surface)
    return key


def name_tokens(name: str) -> list[str]:
    """The folded, non-empty token keys of a name ("Tall at Tukan" -> [tal, tukan])."""
    toks = [t.key for t in tokenize(name.replace("-", " "))]
    keys = [k for k in toks if k]
    if not keys:  # a name that is only an article word ("At"): keep it
        keys = [k for k in (fold_token(t.surface) for t in tokenize(name)) if k]
    return keys


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """The key a name is indexed and matched under: folded tokens joined by spaces.

    Memoised: a first pass asks for 4,500 keys of 2,600 names (a place's names, each time
    its spellings are compared), a later pass for 1,200 of 350."""
    return " ".join(name_tokens(name))


_SKELETON_DROP: Final = re.compile(r"[aeiouyhw]")
# its letters deleted by str.translate (in C, no regex call): what _SKELETON_DROP.sub("", ...) does
_SKELETON_DROP_TABLE: Final = str.maketrans("", "", "aeiouyhw")


_ARABIC_LONG_VOWELS: Final = re.compile("[اوي]")
_ARABIC_LONG_VOWELS_TABLE: Final = str.maketrans("", "", "اوي")  # (as _SKELETON_DROP_TABLE)


def skeleton_key(name: str) -> str:
    """A harsher key of consonants only, for fuzzy matching of unknown spellings.

    >>> skeleton_key("Deribiye"), skeleton_key("Dreïbaaé")
    ('drb', 'drb')
    >>> skeleton_key("أم حلاحيل") == skeleton_key("ام حلاحل")
    True
    """
    return skeleton_of_keys(name_tokens(name))


_SKELETONS: Final[dict[str, str]] = {}  # _skeleton_word's memo (see _MEMO_SIZE)


def skeleton_of_keys(keys: Iterable[str]) -> str:
    """:func:`skeleton_key` of a name given as its folded token keys (``name_tokens``)."""
    # (a compiled loop of direct calls: map and a generator call through Python's protocol)
    parts: list[str] = []
    for key in keys:
        skel = skeleton_of_word(key)
        if skel:
            parts.append(skel)
    return " ".join(parts)


def skeleton_of_word(key: str) -> str:
    """The skeleton of one folded token key ("" for none): :func:`skeleton_of_keys` joins those
    of a name's keys that are not empty. Memoised."""
    skel = _SKELETONS.get(key)
    if skel is None:
        if len(_SKELETONS) >= _MEMO_SIZE:
            _SKELETONS.clear()
        skel = _SKELETONS[key] = _skeleton_word(key)
    return skel


def _skeleton_word(tok: str) -> str:
    if not tok.isascii():
        return _skeleton_word_by_table(tok)
    # An ASCII word in one compiled loop over its codes: the first letter, then each letter but
    # a, e, i, o, u, y, h, w, and none that repeats the one kept before it, kept as runs of the
    # word (tests/test_names.py checks it against _skeleton_word_by_table)
    n = len(tok)
    if n == 0:
        return ""
    parts: list[str] = []
    last = ord(tok[0])
    run = 0  # (the start of the run of letters kept up to k)
    for k in range(1, n):
        c = ord(tok[k])
        if c == 97 or c == 101 or c == 105 or c == 111 or c == 117 or c == 121 or c == 104 or c == 119 \
                or c == last:
            if k > run:
                parts.append(tok[run:k])
            run = k + 1
        else:
            last = c
    if run == 0:
        skel = tok
    else:
        if n > run:
            parts.append(tok[run:])
        skel = "".join(parts)
    c = ord(tok[0])
    if c == 97 or c == 101 or c == 105 or c == 111 or c == 117 or c == 121:  # a first vowel goes
        return skel[1:] or tok[0]
    return skel


def _skeleton_word_by_table(tok: str) -> str:
    """:func:`_skeleton_word` by str.translate and the repeats' loop (any word; the reference)."""
    if not tok.isascii() and _has_arabic(tok):  # (an ASCII word has no Arabic letter)
        # long vowels after the first letter are written or not (حلاحيل = حلاحل), as Latin vowels vary
        return tok[:1] + tok[1:].translate(_ARABIC_LONG_VOWELS_TABLE)
    first, rest = tok[:1], tok[1:]
    skel = first + rest.translate(_SKELETON_DROP_TABLE)
    if _has_repeat(skel):
        skel = _without_repeats(skel)  # (a key has no newline, where the two would differ)
    if first in "aeiouy":
        skel = skel[1:] or first
    return skel
