"""Name folding: transliteration variants share a key, distinct names do not."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from geo.names import Token, _tokenize_by_regex, name_key, skeleton_key, tokenize


@pytest.mark.parametrize("a, b", [
    ("Saraqeb", "Saraqib"),
    ("Tel Touqan", "Tall at Tukan"),
    ("Um Halahil", "Umm Halahil"),
    ("Jabal al-Zawiya", "Jabal az-Zawiyah"),
    ("Deir ez-Zor", "Dayr az Zawr"),
    ("Maarat al-Numan", "Ma`arrat an Nu`man"),
    ("Idleb", "Idlib"),
    ("Hay'at Tahrir", "Hayat Tahrir"),
    ("Sarjeh", "Sarjé"),
])
def test_variants_share_a_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a, b", [("Aleppo", "Idlib"), ("Homs", "Hama"), ("Niha", "Nahr")])
def test_different_names_keep_different_keys(a, b):
    assert name_key(a) != name_key(b)


def test_skeleton_meets_where_vowels_differ():
    assert skeleton_key("Deribiye") == skeleton_key("Durabay`ah") == skeleton_key("Dreïbaaé")


def test_tokens_keep_offsets_and_drop_possessives():
    text = "Syria's Jabal al-Zawiya"
    tokens = tokenize(text)
    assert [text[t.start:t.end] for t in tokens] == ["Syria", "Jabal", "al", "Zawiya"]
    assert [t.key for t in tokens][2] == ""  # the article is dropped from keys


def test_arabic_script_is_normalised_not_transliterated():
    assert name_key("إدلب") == name_key("ادلب")


def test_tokenize_limits_to_a_window():
    text = "Hama and Homs"
    assert [t.surface for t in tokenize(text, 9)] == ["Homs"]


@pytest.mark.parametrize("name", ["", "   ", "-", "\u2776:\U00016800"])
def test_names_without_letters_have_an_empty_key(name):
    assert name_key(name) == ""


def test_maaret_spellings_share_a_key():
    # Ma'arrat (a town's "cave") as the news writes it: Maaret, Maret, Marret
    assert {name_key(n) for n in ("Maaret Misrin", "Maret Misrin", "Marret Misrin", "Ma`arrat Misrin")} \
        == {name_key("Ma`arrat Misrin")}


@settings(max_examples=2000, deadline=None)
@given(text=st.lists(st.sampled_from(["a", "Z", "9", "s", "S", "'", "`", "-", "_", " ", ".", "\t", "al", "'s", "ab'c"]),
                     max_size=20).map("".join),
       start=st.integers(-3, 25), end=st.one_of(st.none(), st.integers(-3, 25)))
@example(text="Syria's al-Zawiya", start=0, end=None)
def test_ascii_tokenize_is_the_regex_tokenize(text, start, end):
    # tokenize reads ASCII text in a loop of its own: the same tokens as its regexes
    assert tokenize(text, start, end) == _tokenize_by_regex(text, start, end)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aeiouyhwAEbdrslmnkt'é\u017fاويبلمن ", max_size=12))
@example("hawiya")
@example("حلاحيل")
def test_skeleton_word_deletes_as_its_regexes(tok) -> None:
    """_skeleton_word's deletions by str.translate are those of the regexes it stood for."""
    from geo.names import _ARABIC, _ARABIC_LONG_VOWELS, _REPEATS, _SKELETON_DROP, _has_repeat, _skeleton_word
    if not tok.isascii() and _ARABIC.search(tok):
        want = tok[:1] + _ARABIC_LONG_VOWELS.sub("", tok[1:])
    else:
        first = tok[:1]
        want = first + _SKELETON_DROP.sub("", tok[1:])
        if _has_repeat(want):
            want = _REPEATS.sub("", want)
        if first in "aeiouy":
            want = want[1:] or first
    assert _skeleton_word(tok) == want


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["a", "e", "i", "o", "u", "y", "w", "h", "q", "p", "d", "j", "k", "r", "s", "t", "1",
                                 "ou", "aw", "ei", "ea", "ph", "dj", "ah", "umm", "tel", "deir", "marit"]),
                max_size=10).map("".join))
@example("marit")
@example("ouaih")
@example("eeaiyh")
@example("pphhdjj")
def test_fold_latin_is_its_regexes(word) -> None:
    """_fold_latin's loops fold as its rules' regexes and replacements do."""
    from geo.names import _fold_latin, _fold_latin_by_regex
    assert _fold_latin(word) == _fold_latin_by_regex(word)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="aab\u0600\u06ff\u05ff\u0700\u0750\u077f\u0780\u089f\u08a0\u08ff\u0900'’‘`´ʿʾʼ′ʻé ", max_size=8))
def test_arabic_test_and_apostrophes_are_their_regex_and_replacements(text) -> None:
    """_has_arabic is _ARABIC.search; the apostrophes' table deletes as one replace for each."""
    from geo.names import _APOSTROPHES, _APOSTROPHES_DELETED, _ARABIC, _has_arabic
    assert _has_arabic(text) == bool(_ARABIC.search(text))
    want = text
    for ch in _APOSTROPHES:
        want = want.replace(ch, "")
    assert text.translate(_APOSTROPHES_DELETED) == want


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="a\u05ff\u0600\u0627\u06ff\u0700\u0750 ", max_size=3))
def test_arabic_start_read_by_its_code_as_by_its_slice(text) -> None:
    """is_arabic reads the first character's code as its reference compares the first slice."""
    from geo.names import _is_arabic_by_slice, is_arabic
    assert is_arabic(text) == _is_arabic_by_slice(text)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="aabbc\u00e9\u0627 ", max_size=12))
def test_without_repeats_is_the_regex(text) -> None:
    """_without_repeats makes each run one character, as _REPEATS.sub does (no newline)."""
    from geo.names import _REPEATS, _has_repeat, _without_repeats
    assert _without_repeats(text) == _REPEATS.sub("", text)
    assert _has_repeat(text) == (_REPEATS.search(text) is not None)


def test_no_character_before_u0300_combines() -> None:
    """strip_marks asks unicodedata only of characters from U+0300 on: none before combines."""
    import unicodedata
    assert not any(unicodedata.combining(chr(c)) for c in range(0x300))


@settings(max_examples=2000, deadline=None)
@given(st.text(max_size=10) | st.text(alphabet="aeAÉéèñçāḩ\u0301\u0327\u0300ﬁ½ Ω", max_size=10))
def test_strip_marks_is_its_generator(text) -> None:
    """strip_marks's loop keeps what the generator it stood for keeps."""
    import unicodedata
    from geo.names import strip_marks
    want = text if text.isascii() else "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    assert strip_marks(text) == want


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="aoeqhAÉéñāḩ\u0301'’‘`´ʿʾʼ′ʻ-ابلمنالقةىأؤئ\u064b\u064e\u0650\u065f\u0670\u0640\u0750\u08a0\u06ff ",
               min_size=1, max_size=10))
@example("al-Ma’arrat")
@example("الرَّقة")
def test_fold_token_steps_only_where_they_have_work(token) -> None:
    """_fold_token's checks for apostrophes, Arabic and marks fold as each step done anyway."""
    from geo.names import _fold_token, _fold_token_by_regex
    if not token.isascii():
        assert _fold_token(token) == _fold_token_by_regex(token)


def test_tokens_compare_by_their_fields():
    # Token is a plain (compiled) class: equal by its four fields, as the NamedTuple it was
    assert tokenize("al-Bab") == [Token(0, 2, "al", ""), Token(3, 6, "Bab", "bab")]
    assert Token(0, 2, "al", "") != Token(0, 2, "al", "al") and Token(0, 2, "al", "") != (0, 2, "al", "")
    assert repr(Token(0, 3, "Bab", "bab")) == "Token(start=0, end=3, surface='Bab', key='bab')"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="aeiouyhwbdkmrstzAHB1\néا", max_size=10))
@example("muhammad")
@example("ayn")
@example("")
@example("hhb")
def test_skeleton_word_is_its_table_reading(word):
    # _skeleton_word reads an ASCII word in a compiled loop: the same skeleton as str.translate
    # and the repeats' loop
    from geo.names import _skeleton_word, _skeleton_word_by_table
    assert _skeleton_word(word) == _skeleton_word_by_table(word)


@settings(max_examples=3000, deadline=None)
@given(text=st.lists(st.sampled_from(["a", "Z", "9", "s", "S", "'", "’", "‘", "`", "´", "ʿ", "ʾ", "ʼ", "′", "ʻ", "-", "_",
                                      " ", ".", "é", "ا", "ب", "٣", "\u0301", "\u064e", "ǅ", "ß", "’s", "ab’c", "حلب"]),
                     max_size=20).map("".join),
       start=st.integers(0, 25), end=st.one_of(st.none(), st.integers(-3, 25)))
@example(text="Syria’s al-Zawiya", start=0, end=None)
@example(text="Ma`arrat ʿAyn", start=0, end=None)
def test_tokenize_is_the_regex_tokenize_beyond_ascii(text, start, end):
    # tokenize reads any text in its compiled loop: the same tokens as TOKEN_RE's
    assert tokenize(text, start, end) == _tokenize_by_regex(text, start, end)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="aeiouyhwkqdjpsAEZ19élاب٣ǅß", min_size=1, max_size=8))
@example("ai")
@example("al")
@example("st")
def test_name_key_of_one_alphanumeric_word_is_its_fold(word):
    # Gazetteer.english_words folds a key of letters and digits with fold_token, not name_key
    from geo.names import fold_token
    if word.isalnum():
        assert name_key(word) == fold_token(word)
