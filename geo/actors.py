"""Actors (states, armed groups, international bodies) named or referred to in news text.

The lexicon is plain data a user can extend (format: ``data/ACTORS.md``):

- ``data/actors.csv``: one row per canonical actor, with its category, kind and
  aliases (case-insensitive names, case-sensitive acronyms, adjectives, country
  names and capitals);
- ``data/actor_phrases.csv``: head nouns (``Russian`` + ``warplanes``), phrases
  that are never actors (``ceasefire regime``), descriptions (``al-Qaeda's Syria
  offshoot``), generic phrases resolved by coreference (``the group``, ``the two
  sides``, ``militants``) and the words that show a country or capital is used
  as a place (``in Damascus``, ``Damascus suburbs``, ``US President``).

:func:`find_actors` folds the text without changing its length (case,
apostrophes, hyphens, accents), finds every alias in one pass over its words, keeps
the leftmost-longest match, drops country and capital names used as places, and
resolves generic phrases to the armed groups named shortly before them.

>>> lexicon = ActorLexicon.load()
>>> [(m.text, m.actor) for m in find_actors("Daesh and the regime attacked.", lexicon)]
[('Daesh', 'ISIS'), ('regime', 'Syrian government')]
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import itertools
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, ClassVar, Final, NamedTuple, cast

import ahocorasick

from . import config
from .errors import GeoError
from .model import ActorMention, new_actor_mention
from .names import ARABIC_CONJUNCTIONS, ARABIC_PREPOSITIONS, ARABIC_VARIANT_LETTERS, is_arabic
from .sentences import split_sentences

log = logging.getLogger(__name__)

#: The categories an actor can have (shown as map filters).
CATEGORIES: Final = (
    "government and allies",
    "opposition",
    "jihadist",
    "Kurdish-led",
    "foreign state",
    "international",
)

#: What an actor is; only ``armed group`` actors are antecedents of "the group".
KINDS: Final = ("state", "armed group", "alliance", "organisation")

#: Head-noun rules of actor_phrases.csv and the actor kinds each applies to.
HEAD_NOUN_RULES: Final = {
    "state_noun": ("state",),
    "group_noun": ("armed group", "alliance"),
    "body_noun": ("organisation",),
}
#: The category of the Syrian government and its allies (Hezbollah, the NDF, Iran-backed militias).
_GOVERNMENT_SIDE: Final = "government and allies"
#: The categories the Kurdish groups' reading as "the terrorist organisation" turns on
_JIHADIST: Final = "jihadist"
_KURDISH_LED: Final = "Kurdish-led"
#: Rules whose phrase is, with no group named near it, the one group the text named before it.
_ONLY_GROUP_RULES: Final = frozenset({"plural", "last_members"})
_ONLY_GROUP_TIMES: Final = 2
#: Phrase rules that yield coreferent mentions (``coref=True``).
COREF_RULES: Final = ("fixed", "last_group", "last_members", "last_two_groups", "plural", "act", "last_state", "last_named",
                      "occupier")
#: Phrase rules listing words around a country or capital that make it a place.
CUE_RULES: Final = ("place_before", "capital_before", "place_after")
#: A phrase that names no actor but shows that an undated text is of its ``since`` date or later
#: ("the fall of the Assad regime", "Ahmed al-Sharaa"), so that the phrases dated so apply to it.
ERA_RULE: Final = "era"
PHRASE_RULES: Final = (*HEAD_NOUN_RULES, "block", "other_group", *COREF_RULES, *CUE_RULES, ERA_RULE)

#: How many sentences before the current one a generic phrase looks back.
LOOKBACK_SENTENCES: Final = 2
#: How many sentences back a definite plural's last reading still holds where no group is named.
_SAME_READING_SENTENCES: Final = 2

ACTOR_COLUMNS: Final = ("actor", "category", "kind", "aliases", "case_sensitive_aliases",
                 "adjectives", "place_names", "capitals", "note")
PHRASE_COLUMNS: Final = ("phrase", "rule", "actor", "category", "since", "note")

_NAMED_RULES: Final = frozenset({"alias", "place", "capital", "adjective"})
#: The internal rule of a dated phrase before its date that another state's alias holds ("the General
#: Security" in 2022): that state's where the text names it near, else no mention (see _phrase_owners).
_OWNED_RULE: Final = "owned"
_COREF_RULES: Final = frozenset(COREF_RULES) | {_OWNED_RULE}
_HYPHENS: Final = "-\u2010\u2011"
_HYPHENS_SET: Final = frozenset(_HYPHENS)
_APOSTROPHES: Final = "'\u2019\u2018`\u00b4\u02bf\u02be\u02bc\u2032\u02bb"
_DASHES: Final = _HYPHENS + "\u2012\u2013\u2014\u2015"
_PARTY_WORDS: Final = frozenset({"between", "among", "amongst"})
_FUNCTION_WORDS: Final = frozenset({
    "the", "a", "an", "and", "or", "but", "in", "on", "at", "of", "to", "for", "from", "with",
    "by", "as", "it", "its", "he", "she", "they", "this", "that", "these", "those", "there",
    "here", "when", "while", "after", "before", "since", "if", "who", "which", "what", "said", "says"})
_TIME_WORDS: Final = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "today", "yesterday"})
#: Capitalised words that start no name: before a country or capital they leave it an actor
#: ("However Russia has denied", "backed by Shiite Iran").
_NOT_NAME_WORDS: Final = frozenset({
    "however", "meanwhile", "moreover", "furthermore", "nevertheless", "nonetheless", "but", "and",
    "also", "yet", "still", "instead", "thus", "hence", "therefore", "besides", "now", "then",
    "later", "earlier", "shiite", "shia", "sunni"})
_LIST_WORDS: Final = frozenset({",", "and", "or", "&", "the", "both", "و", "أو", "او"})  # و: "and" written onto the name
_ARTICLES: Final = frozenset({"al", "el"})
_SUN_ONSETS: Final = ("sh", "th", "dh", "t", "d", "r", "z", "s", "n")

# The last word before an offset: what _word_before reads without the regex
_WORD_BEFORE: Final = re.compile(r"([A-Za-z]+)\W*$")
_WORDS_BACK: Final = re.compile(r"[\w'\u2019.]+|,")
_WORD_AFTER: Final = re.compile(r"(?:['\u2019]s)?[\s\-\u2010\u2011]+([A-Za-z]+)")
# A sentence's end, for a text read backwards: one of .;:!? or a line break, or a spaced dash
# (a dateline's "Moscow (Sputnik) - Russia said" is over at the dash), "[.;:!?\n]|[ \t][-\u2013\u2014][ \t]".
# Written to open with the mark or the dash, so that the engine skips in C to the next one (a
# regex opening with the space before a dash is tried at every space); where a dash is found,
# the end starts at the space before it (_sentence_mark_at).
_SENTENCE_MARK: Final = re.compile(r"[-.;:!?\n\u2013\u2014](?:(?<=[.;:!?\n])|(?<=[ \t].)(?=[ \t]))")
_SPACED_DASHES: Final = "-\u2013\u2014"
#: The characters that end a sentence by themselves (_SENTENCE_MARK's others are spaced dashes).
_SENTENCE_ENDS: Final = ".;:!?\n"
_LETTERS: Final = re.compile(r"[^\W\d_]")
_HEAD_NOUN: Final = re.compile(r"[a-z0-9']+(?: [a-z0-9']+){0,2}")
_WORD_CHARS: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789'")
_APPOSED: Final = re.compile(r"\s*\(?\s*")
_LINKED: Final = re.compile(r"\s+(?:of|from|affiliated (?:to|with)|belonging to|linked (?:to|with)|loyal to|led by)"
                     r"\s+(?:[\w'\u2019-]+\s+){0,4}", re.IGNORECASE)
#: A state's name as a backer ("US-backed", "Russian-led") or broker ("a Russian-brokered deal").
_BACKING_AFTER: Final = re.compile(r"[-\u2010\u2011](?:backed|led|allied|supported|sponsored|brokered|mediated)\b",
                                   re.IGNORECASE)
#: A backer opening a fixed description of a group (folded key: "us backed fighters").
_BACKER: Final = re.compile(r"[\w.]+ (?:backed|allied) ")
#: The sentences before "the army" in which another state's army may be named for it to be that one's.
_ARMY_LOOKBACK: Final = 1
#: A group's label that a text repeats to refer back to it ("the YPG/PKK terror group").
_TERROR_LABEL: Final = re.compile(r"\bterror(?:ist)?\s+(?:group|organi[sz]ation)$", re.IGNORECASE)
#: A group named as the parent of the one after it ("Al-Qaeda affiliate Al-Nusra Front"), within
#: this many characters of that one's start.
_PARENT_GROUP: Final = "al-Qaeda"
_PARENT_GAP: Final = 48
#: An act and who it is by: "a terrorist attack by the terrorists of Jabhat al-Nusra", "carried out by ISIS".
_BY_LINKED: Final = re.compile(r"\s+(?:(?:carried out|claimed|launched|staged|committed|perpetrated)\s+)?by"
                        r"\s+(?:[\w'\u2019-]+\s+){0,4}", re.IGNORECASE)
#: "X and other armed groups affiliated to it": the group named right before the plural.
#: "militants of the terrorist group": a plural linked to a coreferent group phrase, not a name.
_OF_THE_GROUP: Final = re.compile(r"\s+(?:of|from)\s+the\s+(?:terrorist|terror|jihadist|extremist|takfiri)\s+"
                           r"(?:group|organi[sz]ation)\b(?-i:(?!\s+[A-Z]))", re.IGNORECASE)
_LINKED_TO_IT: Final = re.compile(r"\s+(?:affiliated (?:to|with)|belonging to|linked (?:to|with)|loyal to|allied (?:to|with))"
                           r"\s+(?:it|him)\b", re.IGNORECASE)
# The first letters of the words these regexes open with (after white space): see _may_open_word.
_LINKED_FIRST: Final = "ofabl"
_BY_LINKED_FIRST: Final = "clspb"
_OF_THE_GROUP_FIRST: Final = "of"
_LINKED_TO_IT_FIRST: Final = "abl"
#: The last word of a phrase, without a possessive ("coalitions" -> "coalition").
_LAST_WORD: Final = re.compile(r"([A-Za-z]+?)(?:['\u2019]?s)?$")
_ARMY_END: Final = re.compile(r"(?:\barmy|\bmilitary|\barmed forces)$", re.IGNORECASE)
_OF_SYRIA: Final = re.compile(r"\s+(?:of|in)\s+(?:Syria\b|Damascus\b|(?:Syrian\s+)?President\s|Bashar\b|(?:al-)?Assad\b)")
# "Russian and " before a state's headed mention ("Russian and Syrian airstrikes")
# (Both regexes are searched in a window and anchored at its end. Each opens with its capital
# letter, so that the engine skips in C to the next capital, with "(?<![\w.-].)" after it for
# "(?<![\w.-])" before it; and a name's letters are taken possessively ("++"), as what follows
# them cannot be one: "[A-Z][A-Za-z.]*[A-Za-z.]" backtracked letter by letter at every capital.)
_COORDINATED: Final = re.compile(r"([A-Z](?<![\w.-].)[A-Za-z.]++)(?:\s+(?:and|&)\s+(?:allied\s+)?|-|,?[ \t]+)$")
# two states' adjectives joined by a hyphen: "Russian-Turkish patrol" (not "anti-ISIS forces")
_STATES_JOINED: Final = re.compile(r"([A-Z](?<![\w.-].)[A-Za-z]++)-$")
# "ally" heads a state's adjective only after a possessive: "its Russian ally", "his Iranian allies",
# "its Russian and Iranian allies"
_ALLY_NOUNS: Final = frozenset({"ally", "allies"})
_OWNER_BEFORE: Final = re.compile(r"\b(?:its|his|her|their)\s+(?:[A-Z][a-z]+\s+(?:and|&)\s+)?$", re.IGNORECASE)
#: Territory held by an actor: "government-held" (an alias with its hyphen) and "the government-held west".
_HELD_ALIAS: Final = re.compile(r"[-\u2010\u2011](?:held|controlled|besieged)$")
_HELD: Final = re.compile(r"[-\u2010\u2011](?:held|controlled|besieged)\b")
_CLOCK: Final = re.compile(r" \d{1,2}:\d\d\b")
_GOVERNMENT_WORD: Final = re.compile(r"government|authorities", re.IGNORECASE)
# A state named with its government ("the Iraqi government", "Turkeys government", "Turkish authorities"),
# for "the government" and "the authorities".
_GOVERNMENT_END: Final = re.compile(r"\b(?:government|authorities)$", re.IGNORECASE)
# "the Russian side" is a party to talks or a deal, where it is no side of a border or line
_SIDE_AFTER: Final = re.compile(r" side\b(?![ \t]+of\b)")
_PLACE_SIDE_BEFORE: Final = re.compile(r"\b(?i:on|from|at|across|into|onto|to|towards|toward)[ \t]+the[ \t]+\Z")
#: a state named with its men, units or vehicles on the ground ("Turkish soldiers", "Israeli bulldozers"):
#: "the soldiers", "the troops" after it are its
_TROOPS_END: Final = re.compile(r"\b(?:soldiers|troops|units|commandos|patrols|tanks|bulldozers)$",
                                re.IGNORECASE)
_MEMBERS_END: Final = re.compile(r"(?:militants|terrorists|insurgents|jihadists|extremists|fighters|takfiris|gunmen)$", re.IGNORECASE)
_NOT_THE_GROUP_WORDS: Final = frozenset({"other", "rival", "syrian", "syria", "and", "or", "moderate"})
_OTHER_GROUPS: Final = re.compile(r"(?:other|rival)\b", re.IGNORECASE)
_ADJACENT: Final = re.compile(r"(?:[-\u2010\u2011]\w+)?\s*")
#: Names whose possessive may have lost its apostrophe ("Russias"): ASCII, capitalised, ending in a letter.
_POSSESSIVE_S: Final = re.compile(r"[A-Z][A-Za-z' .\-]*[A-Za-z]")


class ActorLexiconError(GeoError, ValueError):
    """The actor lexicon is missing, malformed, or a row is invalid.

    The message names the file and line (``data/actors.csv:12: ...``).
    """


@dataclass(frozen=True)
class Actor:
    """One canonical actor and the names it goes by.

    ``aliases`` match case-insensitively, ``case_sensitive_aliases`` (acronyms:
    IS, US, HTS) only as written. ``adjectives`` name the actor only before a
    head noun of its kind (``Russian`` -> ``Russian warplanes``). ``place_names``
    (countries) are actors unless used as places (``in Turkey``); ``capitals``
    only when metonymic (``Ankara said``, not ``in Ankara``). In adjectives and
    place names, an entry written in capitals (US, U.K.) is case-sensitive.
    """

    name: str
    category: str
    aliases: tuple[str, ...] = ()
    kind: str = "armed group"
    case_sensitive_aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    place_names: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.name or not self.name.strip():
            raise ValueError("an actor needs a non-empty name")
        if self.category not in CATEGORIES:
            raise ValueError(f"actor {self.name!r}: unknown category {self.category!r}; "
                             f"expected one of: {', '.join(CATEGORIES)}")
        if self.kind not in KINDS:
            raise ValueError(f"actor {self.name!r}: unknown kind {self.kind!r}; "
                             f"expected one of: {', '.join(KINDS)}")
        if not (self.aliases or self.case_sensitive_aliases or self.place_names or self.capitals):
            raise ValueError(f"actor {self.name!r} has no alias, place name or capital")
        for surface in self.surfaces():
            if not any(c.isalnum() for c in surface):
                raise ValueError(f"actor {self.name!r}: alias {surface!r} has no letters")

    def surfaces(self) -> tuple[str, ...]:
        """Every name of the actor as written in the lexicon (adjectives included)."""
        return (*self.aliases, *self.case_sensitive_aliases, *self.adjectives,
                *self.place_names, *self.capitals)


@dataclass(frozen=True)
class Phrase:
    """One row of ``actor_phrases.csv``: a phrase and the rule it follows.

    ``actor`` is the actor a ``fixed`` description denotes, or the fallback of
    a generic phrase when no antecedent is found (None: no mention then).
    ``category`` restricts the antecedents of a generic phrase ("the jihadists"
    refers only to a ``jihadist`` actor). ``since``: the phrase applies only to
    articles of that date or later (:meth:`ActorLexicon.at`): "the General
    Security" is Syria's government since December 2024, HTS's Idlib service or
    Lebanon's agency before.
    """

    text: str
    rule: str
    actor: str | None = None
    category: str | None = None
    since: dt.date | None = None

    def __post_init__(self) -> None:
        if not self.text or not any(c.isalnum() for c in self.text):
            raise ValueError(f"phrase {self.text!r} has no letters")
        if self.rule not in PHRASE_RULES:
            raise ValueError(f"phrase {self.text!r}: unknown rule {self.rule!r}; "
                             f"expected one of: {', '.join(PHRASE_RULES)}")
        if self.rule == "fixed" and not self.actor:
            raise ValueError(f"phrase {self.text!r}: rule 'fixed' needs an actor")
        if self.actor and self.rule not in COREF_RULES:
            raise ValueError(f"phrase {self.text!r}: rule {self.rule!r} takes no actor")
        if self.category is not None and self.category not in CATEGORIES:
            raise ValueError(f"phrase {self.text!r}: unknown category {self.category!r}; "
                             f"expected one of: {', '.join(CATEGORIES)}")
        if self.category and (self.rule in ("fixed", "block", "other_group") or self.rule in HEAD_NOUN_RULES
                              or self.rule in CUE_RULES):
            raise ValueError(f"phrase {self.text!r}: rule {self.rule!r} takes no category")
        if self.rule == ERA_RULE and self.since is None:
            raise ValueError(f"phrase {self.text!r}: rule {ERA_RULE!r} needs a date in 'since'")


@dataclass(frozen=True)
class _Pattern:
    """What a folded key in the automaton stands for."""

    rule: str  # "alias", "place", "capital", "adjective" or a phrase rule
    actor: Actor | None  # named actor, a phrase's fallback, or None
    skip: int = 0  # length of a leading "the " that is not part of the mention
    category: str | None = None  # the category antecedents must have
    trim: int = 0  # length of a trailing "-held" that must be hyphenated and is not part of the mention
    #: per word of a dated name (after ``skip``), whether it must be written with a capital ("General
    #: Security", "Internal Security": not "the general security situation"); () for any case
    capitals: tuple[bool, ...] = ()
    #: other states whose own name this dated phrase is, with the words that name them ("the caretaker
    #: government" after "Lebanon's caretaker Prime Minister" is Lebanon's): see _phrase_owners
    owners: tuple[tuple[Actor, re.Pattern[str]], ...] = ()


#: A match: (start, end, pattern). A plain tuple: a NamedTuple is built by a Python-level
#: call, and there are tens of matches in an article.
_Match = tuple[int, int, _Pattern]


class _Entry(NamedTuple):
    """What an automaton key stands for, with what matching it needs worked out beforehand."""

    pattern: _Pattern
    exact: str | None  # the case-sensitive spelling a match must have; None: any case
    heads: _HeadNouns | None  # the head nouns of a named actor's kind
    adjective: bool  # only an actor before a head noun
    capital: bool | None  # a capital (True) or country (False) name, unless used as a place


@dataclass(frozen=True)
class _Cues:
    """Words around a country or capital name that show it is used as a place."""

    place_before: frozenset[str]
    capital_before: frozenset[str]  # place_before included
    place_after: frozenset[str]
    name_words: frozenset[str]  # words of every country and capital (for lists)
    place_before_tails: frozenset[str]  # the last words of two-word cues ("border with")
    capital_before_tails: frozenset[str]
    state_nouns: frozenset[str] = frozenset()  # a state's head nouns ("forces", "foreign ministry")


class ActorLexicon:
    """The actors and phrases of the lexicon, compiled for matching.

    Build one with :meth:`load` (from CSV) or directly from :class:`Actor` and
    :class:`Phrase` values; it is immutable and safe to share between threads.
    """

    categories: tuple[str, ...] = CATEGORIES

    def __init__(self, actors: Iterable[Actor], phrases: Iterable[Phrase] = (),
                 date: dt.date | None = None) -> None:
        """Validate and compile; raise ValueError on duplicate names or clashing aliases.

        ``date``: the phrases with a ``since`` date apply only if it is that date or
        later (None: none of them); :meth:`at` gives the lexicon of another date.
        """
        self.actors: tuple[Actor, ...] = tuple(actors)
        self.phrases: tuple[Phrase, ...] = tuple(phrases)
        self.date = date
        self._by_name = _index_actors(self.actors)
        for phrase in self.phrases:
            if phrase.actor and phrase.actor not in self._by_name:
                raise ValueError(f"phrase {phrase.text!r}: unknown actor {phrase.actor!r}")
        #: the dated phrases (not era cues), oldest first, and the era cues
        self._dated = tuple(sorted((p for p in self.phrases if p.since is not None and p.rule != ERA_RULE),
                                   key=lambda p: cast(dt.date, p.since)))
        self._dated_since = [cast(dt.date, p.since) for p in self._dated]
        self._era_cues = _era_cues(self.phrases)
        self._eras: dict[int, ActorLexicon] = {}  # how many dated phrases apply -> the lexicon with them
        current = tuple(p for p in self.phrases if p.since is None
                        or p.rule != ERA_RULE and date is not None and p.since <= date)
        self._applied = 0 if date is None else bisect.bisect_right(self._dated_since, date)
        self._cues = _build_cues(self.actors, current)
        own = _own_names(self.actors) if self._dated else ()
        owned = {p: _phrase_owners(p, own) for p in self._dated if p.rule == "fixed"}
        # a dated phrase before its date is still another state's where the text names that state
        # ("Lebanese officials said the General Security"), a dated ministry the one the text named
        # ("Turkish Interior Minister ... the Interior Ministry")
        dormant = tuple(p for p in self._dated if (owned.get(p) or p.rule == "last_named")
                        and (date is None or date < cast(dt.date, p.since)))
        ci, cs = _build_keys(self.actors, current, self._by_name, owned, dormant)
        self._automaton = _automaton(ci, cs, _head_nouns(current))
        # one-word adjectives of states, as written ("Russian", "US"), for a coordinated
        # adjective sharing the head noun of the next mention ("Russian and Syrian airstrikes")
        self._coordinated = {surface: _Pattern("adjective", actor) for actor in self.actors
                             if actor.kind == "state" for surface in actor.adjectives
                             if surface[:1].isupper() and " " not in surface}
        self._backed = _backed_groups(self.actors, current, self._by_name)
        self._ministers = _Ministers(self.actors)

    @classmethod
    def load(cls, path: Path | str | None = None,
             phrases_path: Path | str | None = None) -> ActorLexicon:
        """Read ``actors.csv`` (default ``config.data_dir()/'actors.csv'``).

        ``phrases_path`` defaults to ``actor_phrases.csv`` next to it; a missing
        default phrases file means no phrases (no head nouns, cues or coreference).
        Raises :class:`ActorLexiconError` (a ValueError) naming the file and line.
        """
        path = Path(path) if path is not None else config.data_dir() / "actors.csv"
        actors = tuple(_read_actors(path))
        if phrases_path is None:
            phrases_path = path.with_name("actor_phrases.csv")
            if not phrases_path.exists():
                log.info("no %s: actors without head nouns, cues or coreference", phrases_path)
                return cls._build(actors, (), path)
        names = {a.name for a in actors}
        return cls._build(actors, tuple(_read_phrases(Path(phrases_path), names)), path)

    @classmethod
    def _build(cls, actors: tuple[Actor, ...], phrases: tuple[Phrase, ...],
               path: Path) -> ActorLexicon:
        try:
            return cls(actors, phrases)
        except ValueError as exc:
            raise ActorLexiconError(f"{path}: {exc}") from exc

    def at(self, date: dt.date | None) -> ActorLexicon:
        """The lexicon as of ``date``: with the phrases dated then or before it.

        Built once per set of dated phrases and kept; ``self`` when the same
        phrases apply (so with no dated phrases, always). None: no dated phrase.
        """
        applied = 0 if date is None else bisect.bisect_right(self._dated_since, date)
        if applied == self._applied:
            return self
        lexicon = self._eras.get(applied)
        if lexicon is None:
            # (the date of the last phrase that applies, or none: the same lexicon for every date
            # between two phrases' dates)
            when = cast(dt.date, self._dated[applied - 1].since) if applied else None
            lexicon = self._eras[applied] = ActorLexicon(self.actors, self.phrases, when)
        return lexicon

    def build_eras(self) -> None:
        """Build now the lexicon of every date its dated phrases start (:meth:`at` builds each the
        first time an article of its era comes, a tenth of a second's work in the middle of a batch)."""
        for since in sorted(set(self._dated_since)):
            self.at(since)

    def era_of(self, text: str) -> dt.date | None:
        """The latest ``since`` date of the era cues (rule ``era``) in ``text``, or None.

        Only for a text with no date of its own: "the fall of the Assad regime"
        shows it is of December 2024 or later.
        """
        latest: dt.date | None = None
        if not self._era_cues:
            return None
        folded = _era_key(text)
        for spellings, since in self._era_cues:
            if (latest is None or since > latest) and any(_has_words(folded, s) for s in spellings):
                latest = since
        return latest

    def __len__(self) -> int:
        return len(self.actors)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def get(self, name: str) -> Actor:
        """The actor with this canonical name; KeyError if there is none."""
        return self._by_name[name]

    def _scan(self, text: str) -> list[_Match]:
        """Every whole-word match in ``text`` that is not a place use.

        One pass over the words of the lowercased text finds case-insensitive and
        case-sensitive keys alike; the latter are then checked against the
        text with its case kept.
        """
        automaton = self._automaton
        if automaton is None:
            return []
        marked = automaton.mark(text)  # marked[i + 1] is text[i] folded (or a stand-in)
        matches: list[_Match] = []
        # (matches.append and self._place_use are called as they are: compiled, a bound method
        # kept in a local is a Python object, each call through it a Python-level call)
        hyphens, word_chars = _HYPHENS_SET, _WORD_CHARS  # (locals: faster)
        states_at: list[int] = []  # the matches of "the army", "the government" (rule last_state)
        # (automaton.find's keys, read in place: a list of them cost a tuple each)
        for after, found in automaton.search(marked):
            if isinstance(found, _Spellings):
                found = found.at(marked, after)
                if found is None:
                    continue  # other borders than the word's
            length, entries = cast(tuple[int, tuple[_Entry, ...]], found)
            end = after - 1
            start = end - length
            for pattern, exact, heads, adjective, capital in entries:
                if pattern.trim:
                    # "government-held": the alias takes the hyphen ("the government held talks"
                    # is no alias), the mention stops before it, as "rebel" in "rebel-held"
                    cut = end - pattern.trim
                    if text[cut] in hyphens:
                        matches.append((start, cut, pattern))
                    continue
                if pattern.rule == "last_state":
                    if not _is_lower_at(text, start + pattern.skip) and not (
                            pattern.skip == 0 and (_OPENS_SENTENCE.search(text, max(0, start - 3), start)
                                                   and _VERB_AFTER.match(text, end)
                                                   or _in_title_case(text, start, end))):
                        continue  # "the Army of Conquest" is a name; a headline's "Army kills ..." is not, nor
                        # its "Army" among capitalised words ("ISIL Commits Massacre in al-Baghaliyeh Army Repels
                        # Attacks", "Gunmen Attack Army Checkpoints in Western Daraa")
                    if _ends_with(text, start, end, "troops") and _OWNED_AFTER.match(text, end) \
                            or _ends_with(text, start, end, "soldiers") and _SOLDIERS_OWNED_AFTER.match(text, end):
                        continue  # "troops from a Kurdish-Arab alliance", "troops fighting to topple him", "Dissident
                        # soldiers of the Free Syrian Army": not the army's
                    if _ends_with_any(text, start, end, _WHOSE_IS_SAID) and _SAID_OWNER_BEFORE.search(text, max(0, start - 24), start):
                        continue  # "local security forces", "Syrian Kurdish internal security forces", "its soldiers"
                    if _is_hyphen_at(text, end) and _HELD.match(text, end) and text[end - 10:end].lower() == "government":
                        continue  # "the government-held west": the alias "government-held", not "the government"
                    states_at.append(len(matches))
                if pattern.rule == "last_named" and text[max(0, start - 4):start].lower() != "the " and not (
                        text[start].isupper() and _OPENS_SENTENCE.search(text, max(0, start - 3), start)):
                    continue  # "the coalition" or a headline's "Coalition Condemns ...", not "a coalition of rebels"
                if pattern.rule == "fixed" and start and text[start - 1] in hyphens:
                    continue  # a description never starts inside a compound: "U.S.-allied fighters"
                if pattern.capitals and not _capitalised_as(text, start + pattern.skip, end, pattern.capitals):
                    continue  # "the general security situation": no "General Security"
                if exact is not None:
                    # (the regex only where it may match: a space and a digit; str.isdigit holds for \d's
                    # decimal digits, and for a few more)
                    if text[end:end + 1] == " " and text[end + 1:end + 2].isdigit() and _CLOCK.match(text, end):
                        continue  # a time zone: "KSA 15:55 - GMT 12:55"
                    found = text[start:end]
                    if found.isascii() and found.isalnum():  # as fold_case would leave it
                        if found != exact:
                            continue
                    elif fold_case(found) != exact:
                        continue
                    if _in_capitals(text, start, end):
                        continue
                stop = end
                if heads is not None:
                    if marked[after] == " ":
                        at = after + 1  # the next word, in the marked text
                        for noun, size in heads.by_prefix.get(marked[at:at + heads.prefix], ()):
                            # (a slice and a comparison: compiled, marked.startswith(noun, at) is a
                            # Python-level call, and str.find over the range costs more)
                            if marked[at:at + size] == noun and marked[at + size] not in word_chars \
                                    and not (noun == "state" and _NOT_THE_STATE_AFTER.match(marked, at + size)):
                                # ("the Turkish state", not "Syrian state media", "the US State Department")
                                # a name is taken with the head noun after it ("Daesh terrorist group"),
                                # but not after "anti-ISIS": "forces" heads the compound, not ISIS
                                # nor after "Russian-backed": "regime forces" are the regime's, backed by Russia
                                # (read only where a head noun follows: most names have none)
                                if _ends_with(text, start, end, "backed") \
                                        or start and text[start - 1] in hyphens and not self._states_joined(text, start):
                                    break
                                if noun in _ALLY_NOUNS and not _OWNER_BEFORE.search(text, max(0, start - 30), start):
                                    break  # "its Russian ally", not "a US ally, Jordan"
                                stop = end + 1 + size
                                break
                    if adjective and stop == end and text.startswith(" side", end) and pattern.actor is not None \
                            and pattern.actor.kind == "state" and _SIDE_AFTER.match(text, end) \
                            and not _PLACE_SIDE_BEFORE.search(text, max(0, start - 16), start):
                        stop = end + 5  # "talks with the Russian side": a party; not "on the Turkish side"
                    if adjective and stop == end:
                        continue  # an adjective alone ("Russian") is no actor
                    if start > 4 and pattern.actor is not None and pattern.actor.kind == "state" and (
                            stop > end or _ends_with_any(text, start, end, _FORCES_WORDS)):
                        # (an alias that ends with a head noun shares it too: "Russian and government forces")
                        self._coordinated_adjective(text, start, pattern.actor, matches)
                if capital is not None and self._place_use(text, start, end, capital, exact, stop > end):
                    continue
                matches.append((start, stop, pattern))
        if states_at:
            _drop_shorter_states(matches, states_at)
        return matches

    def _states_joined(self, text: str, start: int) -> bool:
        """True if a state's adjective is joined by a hyphen to the one before ``start``
        ("Russian-Turkish patrol"): the compound takes the head noun, not "anti-ISIS forces"."""
        found = _STATES_JOINED.search(text, max(0, start - 30), start)
        return found is not None and found.group(1) in self._coordinated

    def _coordinated_adjective(self, text: str, start: int, actor: Actor, matches: list[_Match]) -> None:
        """A state's adjective coordinated with the mention at ``start`` shares its head noun:
        "Russian" in "Russian and Syrian airstrikes", "Syrian and allied Russian warplanes",
        "Russian & Regime Airstrikes"; added to ``matches``."""
        lo = max(0, start - 40)
        if not _may_coordinate(text[lo:start], self._coordinated):
            return  # (most mentions: the regex, tried at each position of the window, is not run)
        found = _COORDINATED.search(text, lo, start)
        if found is None:
            return
        pattern = self._coordinated.get(found.group(1))
        if pattern is not None and pattern.actor is not actor:
            matches.append((found.start(1), found.end(1), pattern))

    def _place_use(self, text: str, start: int, end: int, capital: bool,
                   exact: str | None, headed: bool) -> bool:
        """True if a country (or ``capital``) name at start..end is a place, not an actor.

        ``headed``: a head noun follows ("US forces"), so only the words before count.
        """
        cues = self._cues
        if text[end:end + 1] in _HYPHENS_SET and _BACKING_AFTER.match(text, end):  # (where it may match)
            return False  # "from the US-backed alliance": the backer, whatever word comes before
        if exact is None and end - start > 3 and text[start:end].isupper():
            return True  # datelines: "MOSCOW (Sputnik) -", "DAMASCUS, Syria"
        if not headed and _placed_by_next_word(text, end, cues) and (capital or not (
                _HEADLINE_VERB_AFTER.match(text, end) and _in_title_case(text, start, end))):
            # (but a title-case headline's country before its verb is the state: "Russia Condemns
            # US Strikes"; not a capital, which is as often the city: "Damascus Suffers Water Cuts")
            return True
        if capital and _DATELINE_AFTER.match(text, end) or _between_places(text, start, end, capital, cues.name_words):
            return True
        if not headed and _may_end_a_road(text, start) and _ROAD_END_BEFORE.search(text, max(0, start - 60), start):
            return True  # "the M5 highway linking Aleppo with Damascus", "the highway linking Damascus with Homs"
        if capital:
            return _governed_by(text, start, cues.capital_before, cues.capital_before_tails, cues.name_words)
        if headed:
            # "killed in US air strikes": a country's forces or strikes are its own after a
            # preposition, but not in a list of names ("relations with Syria Iraq Air strikes ...")
            before = _word_before(text, max(0, start - 30), start)
            if before is not None and text[before[0]].islower():
                return False
        return _governed_by(text, start, cues.place_before, cues.place_before_tails, cues.name_words)


def find_actors(text: str, lexicon: ActorLexicon,
                sentences: Sequence[tuple[int, int]] | None = None) -> list[ActorMention]:
    """Every actor mention of ``text``, sorted by start (then end, actor).

    Named mentions come from the lexicon's names (leftmost-longest wins; the name
    of another actor inside the winner is also reported after a hyphen or as a
    possessive: ``regime`` in "anti-regime groups", ``al-Qaeda`` in "al-Qaeda's
    Syria offshoot"). Generic phrases are resolved against the armed groups
    named in the same or the ``LOOKBACK_SENTENCES`` previous sentences and
    reported with ``coref=True``; one phrase ("the two groups") may yield several
    mentions. ``sentences`` are the (start, end) spans of
    :func:`geo.sentences.split_sentences`, computed if not given.

    >>> lexicon = ActorLexicon.load()
    >>> text = "HTS fought Ahrar al-Sham. The two sides met."
    >>> [(m.text, m.actor) for m in find_actors(text, lexicon) if m.coref]
    [('two sides', 'Ahrar al-Sham'), ('two sides', "Hay'at Tahrir al-Sham")]
    """
    if not text:
        return []
    matches = _by_start(lexicon._scan(text))
    # One pass splits the matches into leftmost-longest ones (top) and the rest, as
    # _select does, and reads the top ones:
    top: list[_Match] = []
    inner: list[_Match] = []
    # (start, end, actor name, coref) -> actor: a mention found twice is reported once
    found: dict[tuple[int, int, str, bool], Actor] = {}
    # The groups generic phrases may refer to, as (start, actor): named armed groups, and
    # groups that are no actor ("the Observatory": None), which "the group" may refer to
    # as well; not a name used as a modifier ("al-Qaeda-linked", "Iran-backed").
    groups: list[tuple[int, Actor | None]] = []
    # The states named, as (start, actor, head): head "army" if named with its army ("Turkish
    # army"), "government" if with its government ("the Iraqi government"), "troops" if with its
    # soldiers ("Turkish soldiers"), else "": for "the army", "the soldiers" and "the government"
    # (rule last_state).
    states: list[tuple[int, Actor, str]] = []
    # Every named mention, as (start, end, actor), for "the coalition" (rule last_named).
    named: list[tuple[int, int, Actor]] = []
    generic: list[int] = []  # the generic phrases in top, resolved once all groups are known
    covered = -1
    for match in matches:
        start, end, pattern = match
        if start < covered:
            inner.append(match)
            continue
        covered = end
        top.append(match)
        rule, actor = pattern.rule, pattern.actor
        if rule in _NAMED_RULES and actor is not None:
            if named and named[-1][1] == start - 1 and _modifies(text, named[-1], actor):
                # "the opposition Syrian National Coalition": "opposition" modifies the name after it
                at, stop, before = named.pop()
                del found[at, stop, before.name, False]
            found[start, end, actor.name, False] = actor
            named.append((start, end, actor))
            if actor.kind == "armed group" and text[end:end + 1] not in _HYPHENS_SET:
                groups.append((start, actor))
            elif actor.kind == "state":
                states.append((start, actor, _state_head(text, start, end)))
        elif rule == "other_group":
            groups.append((start, None))
        elif rule in _COREF_RULES:
            generic.append(len(top) - 1)
            if rule == "fixed" and actor is not None and actor.kind != "state":
                groups.append((start, actor))  # "al-Qaeda's Syria affiliate": a group named (not "the Internal
                # Security ... the group had opened fire": a state's service is no group "the group" is)
    generic = [i for i in generic if not _next_to_name(top, i, text)]
    if generic:
        spans = split_sentences(text) if sentences is None else sentences
        referents = _Referents(text, groups, [first for first, _ in spans], states, named, lexicon._backed,
                               lexicon._ministers)
        for i in generic:
            start, end, pattern = top[i]
            for actor in referents.resolve(top[i]):
                found[start + pattern.skip, end, actor.name, True] = actor
    for start, end, pattern in _nested(top, inner, text) if inner else ():
        if pattern.actor is not None:
            found[start, end, pattern.actor.name, False] = pattern.actor
    return [new_actor_mention(text[start:end], start, end, name, actor.category, coref)
            for (start, end, name, coref), actor in _sorted_found(found)]


# --- folding -----------------------------------------------------------------

@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """Length-preserving character map: apostrophes, dashes, spaces, Latin accents, Arabic alef forms."""
    table = {ord(c): "'" for c in _APOSTROPHES}
    table.update({ord(c): " " for c in _DASHES + "\t\n\r\f\v\u00a0\u2009\u202f\u200a\u2007"})
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFKD", chr(code))[:1]
        if base.isascii() and base.isalpha() and code not in table:
            table[code] = base
    table.update({ord(c): target for c, target in ARABIC_VARIANT_LETTERS.items()})
    return table


class _CaseFolder:
    """:func:`_fold_table` applied quickly (``str.translate`` maps one character at a time).

    ASCII text goes through ``bytes.translate``. Other text without accented
    letters takes one regex substitution per replacement ("'" for apostrophes,
    " " for dashes and spaces); with accented letters, ``str.translate`` takes a
    list indexed by code point (a character past its end raises IndexError, a
    LookupError, and stays as it is).
    """

    def __init__(self) -> None:
        table = _fold_table()
        self.by_code = [ord(table.get(code, chr(code))) for code in range(max(table) + 1)]
        self.ascii_table = bytes(self.by_code[:128]) + bytes(range(128, 256))
        by_target: dict[str, list[str]] = {}
        for code, target in table.items():
            if chr(code) != target:
                by_target.setdefault(target, []).append(chr(code))
        punctuation = ("'", " ")
        self._substitutions = [(_char_class(chars), target) for target, chars in by_target.items()
                               if target in punctuation]
        self._letters = _char_class([c for target, chars in by_target.items()
                                     if target not in punctuation for c in chars])

    def fold(self, text: str) -> str:
        """:func:`fold_case`."""
        if text.isascii():
            return text.encode("ascii").translate(self.ascii_table).decode("ascii")
        if self._letters.search(text):
            return text.translate(self.by_code)
        for chars, target in self._substitutions:
            text = chars.sub(target, text)
        return text


def _char_class(chars: Iterable[str]) -> re.Pattern[str]:
    """A regex matching any one of ``chars`` (none if there are none)."""
    chars = "".join(map(re.escape, chars))
    return re.compile(f"[{chars}]" if chars else "(?!)")


@lru_cache(maxsize=1)
def _case_folder() -> _CaseFolder:
    """The one :class:`_CaseFolder`, made on first use."""
    return _CaseFolder()


def fold_case(text: str) -> str:
    """``text`` with apostrophes, dashes, spaces and accents folded; same length, case kept.

    >>> fold_case("Hay’at Tahrir al-Sham")
    "Hay'at Tahrir al Sham"
    """
    return _case_folder().fold(text)


def fold_text(text: str, cased: str | None = None) -> str:
    """:func:`fold_case`, lowercased, still the same length as ``text``."""
    cased = fold_case(text) if cased is None else cased
    low = cased.lower()
    if len(low) != len(cased):  # a few letters (İ) lowercase to two code points
        low = "".join(c.lower()[:1] for c in cased)
    return low


def _key(surface: str, sensitive: bool) -> str:
    """The automaton key of a lexicon surface: folded, single-spaced."""
    folded = fold_case(surface) if sensitive else fold_text(surface)
    return " ".join(folded.split())


def _variants(key: str) -> set[str]:
    """Spelling variants of a folded key: apostrophes dropped, Arabic article forms.

    >>> sorted(_variants("ahrar al sham"))
    ['ahrar al sham', 'ahrar ash sham', 'ahrar el sham']
    >>> sorted(_variants("al nusra"))
    ['al nusra', 'an nusra', 'el nusra', 'nusra']
    """
    words = key.split(" ")
    options: list[list[str]] = []
    for i, word in enumerate(words):
        if word in _ARTICLES and i + 1 < len(words):
            forms = ["al", "el"] + _assimilated(words[i + 1])
            options.append(forms + ([""] if i == 0 else []))
        else:
            options.append([word])
    out = set()
    for combo in itertools.islice(itertools.product(*options), 64):
        variant = " ".join(w for w in combo if w)
        out.add(variant)
        if "'" in variant:
            out.add(variant.replace("'", ""))
    return out


def _assimilated(word: str) -> list[str]:
    """Sun-letter forms of the article before ``word`` (al-Sham -> ash-Sham)."""
    for onset in _SUN_ONSETS:
        if word.startswith(onset) and len(word) > len(onset):
            return ["a" + onset]
    return []


def _is_capitals(surface: str) -> bool:
    """An acronym written in capitals (US, U.K.): matched case-sensitively."""
    letters = [c for c in surface if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 5


# --- compiling the lexicon -------------------------------------------------------

def _index_actors(actors: Sequence[Actor]) -> dict[str, Actor]:
    by_name: dict[str, Actor] = {}
    for actor in actors:
        if actor.name in by_name:
            raise ValueError(f"actor {actor.name!r} is listed twice")
        by_name[actor.name] = actor
    return by_name


def _build_cues(actors: Sequence[Actor], phrases: Sequence[Phrase]) -> _Cues:
    words = {rule: frozenset(p.text.lower() for p in phrases if p.rule == rule) for rule in CUE_RULES}
    names = {w.lower() for a in actors for n in (*a.place_names, *a.capitals)
             for w in _WORDS_BACK.findall(n)}
    capital_before = words["place_before"] | words["capital_before"]
    return _Cues(words["place_before"], capital_before, words["place_after"], frozenset(names),
                 _tails(words["place_before"]), _tails(capital_before),
                 frozenset(p.text.lower() for p in phrases if p.rule == "state_noun"))


def _backed_groups(actors: Sequence[Actor], phrases: Sequence[Phrase],
                   by_name: dict[str, Actor]) -> dict[str, Actor]:
    """State name -> the armed group it backs, read off the lexicon's "X-backed ..." phrases
    ("US-backed fighters" are the Syrian Democratic Forces: the United States backs them)."""
    words: dict[str, Actor] = {}
    for actor in actors:
        if actor.kind == "state":
            for word in (actor.name, *actor.aliases, *actor.case_sensitive_aliases, *actor.adjectives):
                words.setdefault(word.lower(), actor)
    backed: dict[str, Actor] = {}
    for phrase in phrases:
        backer = _BACKER.match(_key(phrase.text, False)) if phrase.rule == "fixed" and phrase.actor else None
        state = words.get(backer.group().split(" ")[0]) if backer else None
        if state is not None and phrase.actor:
            backed.setdefault(state.name, by_name[phrase.actor])
    return backed


def _tails(cues: frozenset[str]) -> frozenset[str]:
    """The second words of the two-word ``cues``."""
    return frozenset(cue.split(" ")[1] for cue in cues if cue.count(" ") == 1)


class _KeyTable:
    """Automaton keys with the pattern each stands for; lexicon spellings beat variants."""

    EXPLICIT: ClassVar[int] = 2
    VARIANT: ClassVar[int] = 1
    _RULE_ORDER: ClassVar[dict[str, int]] = {"alias": 0, "place": 1, "capital": 2, "adjective": 3}

    def __init__(self) -> None:
        self.keys: dict[str, tuple[int, _Pattern, str]] = {}

    def add(self, key: str, pattern: _Pattern, priority: int, source: str) -> None:
        """Add ``key``; raise ValueError if two lexicon spellings fold to it for different things."""
        old = self.keys.get(key)
        if old is None or priority > old[0]:
            self.keys[key] = (priority, pattern, source)
            return
        old_priority, old_pattern, old_source = old
        if priority < old_priority or old_pattern == pattern:
            return
        if old_pattern.actor == pattern.actor and old_pattern.rule in self._RULE_ORDER:
            if self._RULE_ORDER.get(pattern.rule, 9) < self._RULE_ORDER[old_pattern.rule]:
                self.keys[key] = (priority, pattern, source)
            return
        if priority == self.EXPLICIT:
            raise ValueError(f"{source} clashes with {old_source} (both fold to {key!r})")
        log.debug("%s ignored: %r already stands for %s", source, key, old_source)

    def items(self) -> Iterator[tuple[str, _Pattern]]:
        for key, (_, pattern, _) in self.keys.items():
            yield key, pattern


def _build_keys(actors: Sequence[Actor], phrases: Sequence[Phrase], by_name: dict[str, Actor],
                owned: dict[Phrase, tuple[tuple[Actor, re.Pattern[str]], ...]] | None = None,
                dormant: Sequence[Phrase] = ()) -> tuple[_KeyTable, _KeyTable]:
    """The case-insensitive and case-sensitive key tables of the lexicon.

    ``owned``: the other states a dated phrase may be (:func:`_phrase_owners`); ``dormant``: dated
    phrases before their date, kept only for those states (rule "owned").
    """
    ci, cs = _KeyTable(), _KeyTable()
    owned = owned or {}
    for actor in actors:
        _add_actor(actor, ci, cs)
    for phrase in phrases:
        if phrase.rule in ("block", "other_group") or phrase.rule in COREF_RULES:
            _add_phrase(phrase, ci, by_name, owned.get(phrase, ()))
    for phrase in dormant:
        _add_phrase(phrase, ci, by_name, owned.get(phrase, ()), dormant=True)
    return ci, cs


def _add_actor(actor: Actor, ci: _KeyTable, cs: _KeyTable) -> None:
    """Add an actor's names and their spelling variants."""
    alias = _Pattern("alias", actor)
    named = [(s, alias, False) for s in actor.aliases]
    named += [(s, alias, True) for s in actor.case_sensitive_aliases]
    named += [(s, _Pattern("place", actor), _is_capitals(s)) for s in actor.place_names]
    named += [(s, _Pattern("capital", actor), False) for s in actor.capitals]
    named += [(s, _Pattern("adjective", actor), _is_capitals(s)) for s in actor.adjectives]
    for surface, pattern, sensitive in named:
        held = _HELD_ALIAS.search(surface)
        if held is not None and pattern.rule == "alias":
            pattern = _Pattern("alias", actor, trim=len(held.group()))
        table = cs if sensitive else ci
        source = f"{pattern.rule} {surface!r} of {actor.name!r}"
        key = _key(surface, sensitive)
        table.add(key, pattern, _KeyTable.EXPLICIT, source)
        variants = _variants(key) - {key}
        if pattern.rule != "adjective" and _POSSESSIVE_S.fullmatch(surface):
            # a proper name's possessive with its apostrophe lost: "Russias", "ISILs", "Assad regimes"
            variants |= {variant + "s" for variant in (*variants, key) if variant[-1:] != "s"}
        for variant in variants:
            table.add(variant, pattern, _KeyTable.VARIANT, source)


def _head_nouns(phrases: Sequence[Phrase]) -> dict[str, _HeadNouns]:
    """The folded head nouns of each actor kind (state: forces, troops, ...)."""
    by_kind: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for phrase in phrases:
        for kind in HEAD_NOUN_RULES.get(phrase.rule, ()):
            by_kind[kind].add(_key(phrase.text, False))
    return {kind: _head_noun_table(nouns) for kind, nouns in by_kind.items()}


class _HeadNouns(NamedTuple):
    """The head nouns of one actor kind, to look up where a name ends ("Daesh" + "terrorist group").

    Text after a name is read as up to three whole words of ``[a-z0-9']``, so
    only nouns of that shape can follow one, and the last word must end there
    ("forces", "air strikes"; not "force" in "forcefully"). A noun at
    ``folded[i:]`` is among ``by_prefix[folded[i:i + prefix]]``, longest first.
    """

    prefix: int
    by_prefix: dict[str, tuple[tuple[str, int], ...]]  # (noun, its length)


def _head_noun_table(nouns: Iterable[str]) -> _HeadNouns:
    """The :class:`_HeadNouns` of one kind, from its folded head nouns."""
    usable = sorted((n for n in nouns if _HEAD_NOUN.fullmatch(n)), key=len, reverse=True)
    prefix = min(map(len, usable), default=1)  # as many characters as the shortest noun has
    by_prefix: dict[str, list[tuple[str, int]]] = {}
    for noun in usable:
        by_prefix.setdefault(noun[:prefix], []).append((noun, len(noun)))
    return _HeadNouns(prefix, {key: tuple(values) for key, values in by_prefix.items()})


def _add_phrase(phrase: Phrase, ci: _KeyTable, by_name: dict[str, Actor],
                owners: tuple[tuple[Actor, re.Pattern[str]], ...] = (), dormant: bool = False) -> None:
    key = _key(phrase.text, False)
    skip = 4 if key.startswith("the ") and phrase.rule in COREF_RULES else 0
    backer = _BACKER.match(key) if phrase.rule == "fixed" else None
    if backer:
        skip = backer.end()  # "US-backed fighters": the mention is "fighters", "US" its backer's
    actor = by_name[phrase.actor] if phrase.actor else None
    capitals: tuple[bool, ...] = ()
    if phrase.since is not None:  # a dated name written with capitals is matched only so written
        words = phrase.text[skip:].split()
        if any(w[:1].isupper() for w in words):
            capitals = tuple(w[:1].isupper() for w in words)
    if dormant:  # (before its date: another state's, or the actor named, never its own actor)
        pattern = _Pattern(_OWNED_RULE if phrase.rule == "fixed" else phrase.rule, None, skip, phrase.category,
                           capitals=capitals, owners=owners)
    else:
        pattern = _Pattern(phrase.rule, actor, skip, phrase.category, capitals=capitals, owners=owners)
    source = f"phrase {phrase.text!r}"
    ci.add(key, pattern, _KeyTable.EXPLICIT, source)
    for variant in _variants(key) - {key}:
        ci.add(variant, pattern, _KeyTable.VARIANT, source)


def _automaton(ci: _KeyTable, cs: _KeyTable,
               heads: dict[str, _HeadNouns]) -> _WordAutomaton | None:
    """One automaton over lowercased keys; each stands for one or more :class:`_Entry`.

    ``heads`` are the head nouns by actor kind (:func:`_head_nouns`).
    """
    entries: dict[str, list[_Entry]] = {}
    for key, pattern in ci.items():
        entries.setdefault(key, []).append(_entry(pattern, None, heads))
    for key, pattern in cs.items():
        entries.setdefault(fold_text(key), []).append(_entry(pattern, key, heads))
    if not entries:
        return None
    return _WordAutomaton({key: tuple(values) for key, values in entries.items()})


#: The letters by their frequency in English text.
_LETTERS_BY_FREQUENCY: Final = "etaoinshrdlcumwfgypbvkjxqz"


class _Spellings:
    """The words of the actor automaton written alike once every border is the stand-in
    ("u.s." and "u s"), and what each stands for."""

    def __init__(self) -> None:
        self.words: list[str] = []
        self.values: list[object] = []
        self.to_check = False  # a word has a border of its own: a hit may be none of them

    def add(self, word: str, value: object, written: str) -> None:
        """Add ``word``, which stands for ``value`` and is ``written`` so in the searched text."""
        self.words.append(word)
        self.values.append(value)
        self.to_check = self.to_check or len(self.words) > 1 or written != word

    def at(self, marked: str, after: int) -> object | None:
        """What the word that ends before ``after`` in ``marked`` stands for (None: none of them)."""
        for i in range(len(self.words)):
            word = self.words[i]
            if marked[after - len(word):after] == word:
                return self.values[i]
        return None


class _WordAutomaton:
    """Finds folded keys only as whole words of a text.

    A key must have no letter or digit right before or after it ("is" is not
    found in "this"). Rather than checking every hit, it searches a *marked*
    text (:meth:`mark`) in which the characters that may border a key are few:
    the text folded, its letters, digits, spaces, apostrophes and the other
    characters of keys (dot, slash, ...) kept, every other character replaced
    by one stand-in, and a stand-in added at each end. An offset in the marked
    text is one more than in the text. A key then starts after a border (space,
    apostrophe, other key character or stand-in) and ends before one. The
    specification is an Aho-Corasick automaton that stores each key between
    every two borders (:meth:`iter_by_automaton`, built only where it is asked);
    :meth:`find` searches the marked text with every border written as the
    stand-in, by an automaton of each key between two stand-ins.
    """

    #: Past this many non-ASCII characters in a text, a regex marks it (see :meth:`_mark_few`).
    FEW = 64

    def __init__(self, keys: dict[str, tuple[_Entry, ...]]) -> None:
        """Compile ``keys`` (folded keys and the entries each stands for)."""
        # spaces and apostrophes are kept even if no key has one: head nouns (words of
        # [a-z0-9'] and spaces) then read the same in the marked text as in the folded one
        inner = sorted({" ", "'"} | {c for key in keys for c in key if not c.isalnum()})
        self._inner = frozenset(inner)
        stand_in = next((c for c in map(chr, range(1, 32)) if c not in inner), None)
        if stand_in is None:
            raise ValueError("actor names use every control character; no word boundary is left")
        self._stand_in = stand_in
        fold_ascii = _case_folder().ascii_table
        ascii_map = [chr(code).lower() for code in fold_ascii[:128]]
        ascii_map = [c if c.isalnum() or c in inner else self._stand_in for c in ascii_map]
        self._ascii_table = "".join(ascii_map).encode("ascii") + bytes(range(128, 256))
        others = "[^\\w" + "".join(map(re.escape, inner)) + "]" + ("" if "_" in inner else "|_")
        self._others = re.compile(others)  # \w is what isalnum() accepts, and "_"
        borders = frozenset((*inner, self._stand_in))
        self._borders = borders
        # (values as objects: compiled, a tuple[int, ...] local is a C struct, boxed into a new tuple
        # at every call that takes it; boxed once here, a key's words share it)
        words: dict[str, object] = {}
        for key, entries in keys.items():
            value: object = (len(key), entries)
            words[key] = value
            if is_arabic(key):
                for glued in _with_proclitics(key):
                    words.setdefault(glued, value)  # a name of its own wins
        #: the words to find (the keys, and Arabic keys with their proclitics) and what each stands for
        self._words = words
        # The automaton searches the marked text with every border as the stand-in, and stores
        # each word so written between two stand-ins: one word a key, where every pair of borders
        # round it made 25 (10^5 words, 0.3 G instructions at start-up). A word with a border of
        # its own ("u.s.", "the two sides") is then found wherever other borders stand for its
        # ("u s", "the-two.sides"): where a word has any, a hit is checked against the marked text.
        self._to_stand_in = {ord(char): self._stand_in for char in inner}
        ascii_borders = bytes(ord(char) for char in inner if char.isascii())
        self._ascii_to_stand_in = bytes.maketrans(ascii_borders, self._stand_in.encode("ascii") * len(ascii_borders))
        spellings: dict[str, _Spellings] = {}
        for word, value in words.items():
            written = word.translate(self._to_stand_in)
            spelled = spellings.get(written)
            if spelled is None:
                spelled = spellings[written] = _Spellings()
            spelled.add(word, value, written)
        # A node of the automaton tries its next characters in the order they were first added:
        # the words are added in the order of their characters' frequency in English text (the
        # stand-in, then letters, digits and the other ASCII characters), ASCII words first.
        # (Ranked as bytes: str.translate by a dict cost 30 M instructions here.)
        order = "".join((stand_in, _LETTERS_BY_FREQUENCY, "0123456789"))
        order += "".join(char for char in map(chr, range(128)) if char not in order)
        rank = bytes.maketrans(order.encode("ascii"), bytes(range(128)))
        by_rank = {written.encode("ascii").translate(rank): written for written in spellings if written.isascii()}
        ranked = [by_rank[key] for key in sorted(by_rank)]
        ranked += sorted(written for written in spellings if not written.isascii())
        self._search = ahocorasick.Automaton()
        for written in ranked:
            spelled = spellings[written]
            found: object = spelled if spelled.to_check else spelled.values[0]
            self._search.add_word(f"{self._stand_in}{written}{self._stand_in}", found)
        self._search.make_automaton()
        self._automaton: Any = None  # the Aho-Corasick automaton, built for iter_by_automaton only

    def mark(self, text: str) -> str:
        """``text`` folded (:func:`fold_text`) and marked for :meth:`iter`."""
        if text.isascii():  # folding, lowercasing and marking in one table
            marked = text.encode("ascii").translate(self._ascii_table).decode("ascii")
        else:
            marked = self._mark_few(text) or self._others.sub(self._stand_in, fold_text(text))
        return f"{self._stand_in}{marked}{self._stand_in}"

    def _mark_few(self, text: str) -> str | None:
        """:meth:`mark` without the ends, for a text with few non-ASCII characters (else None).

        The ASCII table marks the text read with "?" for every non-ASCII
        character, which it turns into the stand-in; the characters the marked
        text keeps in some form (’ as an apostrophe, é as e, the letters of
        other scripts) are then put back. Not for a text with Σ, which
        lowercases by its context (ς at the end of a word), nor if "?" is kept.
        """
        raw = text.encode("ascii", "replace")  # one "?" for each non-ASCII character
        if (raw.count(b"?") - text.count("?") > self.FEW or "\u03a3" in text
                or "?" in self._inner):
            return None
        marked = raw.translate(self._ascii_table).decode("ascii")
        pieces: list[str] = []
        done = 0
        at = raw.find(b"?")
        while at >= 0:
            char = text[at]
            if char != "?":
                low = fold_case(char).lower()[:1]
                if low.isalnum() or low in self._inner:
                    pieces += (marked[done:at], low)
                    done = at + 1
            at = raw.find(b"?", at + 1)
        return "".join((*pieces, marked[done:])) if pieces else marked

    def search(self, marked: str) -> Iterator[tuple[int, object]]:
        """The automaton's hits in a marked text, in order of their end, longest first:
        ``(end + 1, found)``, where ``found`` is a key's ``(length, entries)``, or the
        :class:`_Spellings` of the words written alike, to check (:meth:`_Spellings.at`).

        :meth:`find` reads them; :meth:`ActorLexicon._scan` reads them as it does, in place.
        """
        if marked.isascii():  # (bytes translate by a table; str.translate looks up a dict)
            searched = marked.encode("ascii").translate(self._ascii_to_stand_in).decode("ascii")
        else:
            searched = marked.translate(self._to_stand_in)
        return self._search.iter(searched)

    def find(self, marked: str) -> list[tuple[int, object]]:
        """Every whole-word key of a marked text, in order of its end, longest first, as
        :meth:`iter_by_automaton` yields them: ``(end + 1, (length, entries))``, the key
        ``text[end - length:end]``."""
        keys: list[tuple[int, object]] = []
        for after, found in self.search(marked):
            if isinstance(found, _Spellings):
                found = found.at(marked, after)
                if found is None:
                    continue  # other borders than the word's
            keys.append((after, found))
        return keys

    def iter_by_automaton(self, marked: str) -> Iterator[tuple[int, object]]:
        """Every whole-word key of a marked text, in order of its end, longest first: the
        specification of :meth:`find`, an Aho-Corasick automaton of every word between every
        two borders.

        Yields ``(end + 1, (length, entries))``: the key is ``text[end - length:end]``.
        """
        if self._automaton is None:
            automaton = ahocorasick.Automaton()
            borders = sorted(self._borders)
            for word, value in self._words.items():
                for before in borders:
                    for after in borders:
                        automaton.add_word(before + word + after, value)
            automaton.make_automaton()
            self._automaton = automaton
        return iter(self._automaton.iter(marked))


#: Arabic proclitics written onto the next word: and/so, then in/by, for, like.
_ARABIC_PROCLITICS: Final = (*ARABIC_CONJUNCTIONS, *ARABIC_PREPOSITIONS,
                      *(c + p for c in ARABIC_CONJUNCTIONS for p in ARABIC_PREPOSITIONS))


def _with_proclitics(key: str) -> list[str]:
    """An Arabic key with the proclitics it may carry: "وداعش", "لداعش"; "للنظام" (for + the regime).

    The match keeps the key's length, so it starts after the proclitic; "لل" keeps
    the preposition, since the article's alef is gone.
    """
    glued = [p + key for p in _ARABIC_PROCLITICS]
    if key.startswith("ال"):
        glued += [c + "ل" + key[1:] for c in ("", "و", "ف")]
    return glued


def _entry(pattern: _Pattern, exact: str | None, heads: dict[str, _HeadNouns]) -> _Entry:
    """The automaton entry of a pattern (``exact``: its case-sensitive spelling, if any)."""
    named = pattern.rule in _NAMED_RULES
    assert not named or pattern.actor is not None
    return _Entry(pattern, exact,
                  heads=heads[pattern.actor.kind] if named and pattern.actor else None,
                  adjective=pattern.rule == "adjective",
                  capital={"capital": True, "place": False}.get(pattern.rule))


# --- matching ---------------------------------------------------------------------

def _in_capitals(text: str, start: int, end: int) -> bool:
    """True if an acronym sits in a run of capitals (a headline: "WHERE IS THE WAR")."""
    # (a lower-case ASCII letter round it makes it none, read by its code: most acronyms)
    for at in range(max(0, start - 15), start):
        if 97 <= ord(text[at]) <= 122:
            return False
    for at in range(end, min(len(text), end + 15)):
        if 97 <= ord(text[at]) <= 122:
            return False
    around = text[max(0, start - 15):start] + " " + text[end:end + 15]
    return around.isupper() and len(_LETTERS.findall(around)) >= 6


def _word_before(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The span of the word of ASCII letters that only non-word characters follow in text[lo:hi]:
    ``_WORD_BEFORE.search(text, lo, hi).span(1)``, or None where that finds nothing.

    Read backwards from ``hi`` (the regex, anchored at the end, is tried at each letter of
    the window): past the non-word characters (``\\W``: neither alphanumeric nor "_"), then
    over the ASCII letters before them, back to ``lo`` at most. A digit, "_" or a letter
    beyond ASCII there leaves no word.
    """
    end = hi
    while end > lo and not (text[end - 1].isalnum() or text[end - 1] == "_"):
        end -= 1
    begin = end
    while begin > lo and _is_ascii_letter(text[begin - 1]):
        begin -= 1
    return (begin, end) if begin < end else None


def _is_ascii_letter(char: str) -> bool:
    """True if ``char`` is one of ``[A-Za-z]``."""
    code = ord(char)
    return 97 <= code <= 122 or 65 <= code <= 90


def _is_lower_at(text: str, at: int) -> bool:
    """``text[at].islower()``, an ASCII character read by its code (as :func:`_is_space_at`)."""
    code = ord(text[at])
    if code < 128:
        return 97 <= code <= 122
    return text[at].islower()


def _is_hyphen_at(text: str, at: int) -> bool:
    """True if ``at`` is in ``text`` and ``text[at]`` is one of _HYPHENS (read in place, as
    :func:`_is_space_at`)."""
    if at >= len(text):
        return False
    code = ord(text[at])
    return code == 45 or code == 0x2010 or code == 0x2011


def _is_ascii_letter_at(text: str, at: int) -> bool:
    """``_is_ascii_letter(text[at])``, read in place (see :func:`_is_space_at`)."""
    code = ord(text[at])
    return 97 <= code <= 122 or 65 <= code <= 90


def _ends_with(text: str, start: int, end: int, suffix: str) -> bool:
    """``text.endswith(suffix, start, end)``, for ``0 <= start <= end <= len(text)``.

    (Compiled, the method with a range is a Python-level call; a slice and a comparison are not.)
    """
    return end - start >= len(suffix) and text[end - len(suffix):end] == suffix


def _ends_with_any(text: str, start: int, end: int, suffixes: tuple[str, ...]) -> bool:
    """``text.endswith(suffixes, start, end)``, for ``0 <= start <= end <= len(text)``."""
    for suffix in suffixes:
        if _ends_with(text, start, end, suffix):
            return True
    return False


def _is_space_at(text: str, at: int) -> bool:
    """``text[at].isspace()`` (what the regexes' ``\\s`` is), an ASCII character read by its code
    (compiled, ``ord(text[at])`` reads the text in place; ``text[at]`` makes a string of it)."""
    code = ord(text[at])
    if code < 128:
        return code == 32 or 9 <= code <= 13 or 28 <= code <= 31
    return text[at].isspace()


def _may_open_word(text: str, at: int, stop: int, letters: str) -> bool:
    """False where a regex that opens with white space and then one of some words (read in any
    case) cannot match at ``at``, ending by ``stop``: there is no white space there, or the
    character after it is an ASCII character other than one of ``letters`` (the words' first
    letters, lower-case), in either case. A character beyond ASCII is left to the regex (its
    IGNORECASE reads "\u017f" as s, "\u0131" as i, "\u212a" as k). The regex call, tried
    where it fails, costs several times more.
    """
    i = at
    while i < stop and _is_space_at(text, i):
        i += 1
    if i == at or i >= stop:
        return False
    return ord(text[i]) >= 128 or text[i].lower() in letters


def _may_coordinate(window: str, adjectives: dict[str, _Pattern]) -> bool:
    """False where ``_COORDINATED.search`` over ``window`` cannot find one of ``adjectives``.

    Its word, a run of ``[A-Za-z.]``, is followed by the separator to the end: white space,
    a comma, a hyphen or "&", and the words "and" or "and allied". So it is the last such run
    once those characters are passed over, or the one before "and", or before "and allied".
    """
    end = len(window)
    for _ in range(3):
        while end > 0:
            code = ord(window[end - 1])
            if not (code == 44 or code == 45 or code == 38 or _is_space_at(window, end - 1)):  # , - &
                break
            end -= 1
        begin = end
        while begin > 0 and (ord(window[begin - 1]) == 46 or _is_ascii_letter_at(window, begin - 1)):  # [A-Za-z.]
            begin -= 1
        word = window[begin:end]
        if word in adjectives:
            return True
        if word != "and" and word != "allied":
            return False
        end = begin
    return False


#: plurals that are the group a state backs after its owner ("and their mercenaries")
_BACKED_WORDS: Final = ("mercenaries",)
_BACKED_OWNER_BEFORE: Final = re.compile(r"\b(?:its|their)[ \t]+\Z")
# "soldiers", "security forces" (men, services) alone are the army's only where nothing says whose
# they are: not after an owner ("its soldiers", "local security forces", "Syrian Kurdish internal
# security forces"), nor with another state named before them in their sentence (in "Turkey strikes
# regime targets after 33 soldiers killed", neither clearly)
_WHOSE_IS_SAID: Final = ("soldiers", "security forces", "security men", "security services")
_SAID_OWNER_BEFORE: Final = re.compile(r"(?:\b(?:its|their|his|her|our|local|rebel|opposition|police)|[a-z0-9,;:]"
                                r"[ \t]+(?:[A-Z][\w'’-]*[ \t]+)*[A-Z][\w'’-]*)[ \t]+(?:the[ \t]+)?(?:internal[ \t]+)?\Z")
# After "troops", "army": whose they are follows ("troops from a Kurdish-Arab alliance", "troops
# alongside the SDF"), or what they fight for ("troops fighting to topple him")
_OWNED_AFTER: Final = re.compile(r"[ \t]+(?:from|of|alongside|fighting)\b")
# between two groups named as a pair ("the terrorists of Jabhat al-Nusra and Ahrar al-Sham")
_PAIR_GAP: Final = re.compile(r",?[ \t]+(?:and|&)[ \t]+(?:the[ \t]+)?")
_SOLDIERS_OWNED_AFTER: Final = re.compile(r"[ \t]+(?:of|alongside)\b")
# Between a state named as a sentence's subject and its "troops"/"soldiers": a few lower-case words
# ("Ankara has sent thousands of troops", "Russia has so far lost at least 12 soldiers")
# (its first word one of having, sending, keeping, losing, or "which", "said it": not the state's
# ministry that "said 62 soldiers were killed", nor "regime targets after 33 soldiers killed")
_SUBJECTS_TROOPS_GAP: Final = re.compile(
    r"[ \t]+(?:has|have|had|sent|sends|send|deployed|deploys|deploy|lost|loses|kept|keeps|keep|withdrew|withdraws"
    r"|pulled|pulls|will|would|which|also|still|plans|said[ \t]+(?:it|they))\b(?:[ \t]+[a-z0-9][\w'’-]*){0,6}[ \t]+")
#: A second verb of the subject's before its troops, no actor named between ("Israel has carried out
#: hundreds of strikes in Syria since December and sent troops into the buffer zone")
_COORDINATED_SENDING_BEFORE: Final = re.compile(
    r"[^.;:!?\n]{0,160}[ \t]and[ \t]+(?:has[ \t]+|have[ \t]+|had[ \t]+)?(?:sent|sends|deployed|deploys|dispatched"
    r"|moved|pushed)(?:[ \t]+[a-z0-9][\w'’-]*){0,3}[ \t]+")
# Before a word: the start of the text or of a sentence
_OPENS_SENTENCE: Final = re.compile(r"(?:\A|[.!?\n][\"'\u201d\u2019]?[ \t]*)\Z")
# A lower-case word after a name that is not "of" ("Army kills", not "Army of Conquest"), or a
# headline's capitalised verb ("Army Tightens Noose on ...", a sub-headline inside the text)
_NOT_VERBS: Final = r"(?!(?:Units|Forces|Officers|Generals|Commanders|Troops|Soldiers|Divisions|Brigades|Corps|Chiefs|Headquarters)\b)"
_VERB_AFTER: Final = re.compile(rf"[ \t]+(?:(?!of\b)[a-z]|{_NOT_VERBS}[A-Z][a-z]+s\b)")
# ... only the capitalised verb of a title-case headline ("Russia Condemns US Strikes")
_HEADLINE_VERB_AFTER: Final = re.compile(rf"[ \t]+{_NOT_VERBS}[A-Z][a-z]+s\b")


# the words of a headline written in title case, and the small words it leaves in lower case
_TITLE_WORD: Final = re.compile(r"[A-Za-z][\w'’-]*")
_TITLE_SMALL_WORDS: Final = frozenset("a an and as at by for from in into of off on or over the to with".split())


def _in_title_case(text: str, start: int, end: int) -> bool:
    """True if the words round start..end on its line, up to three either side, are a title-case
    headline's: every one capitalised but the small words ("of", "in", "and"), and at least two of
    them, so "Army" there is no part of a name only capitals would show. A word with ``of`` right
    after it is excluded by the callers ("the Army of Conquest")."""
    if text[end:end + 1] in (".", ",") or text[start - 1:start] in (".", ","):
        return False
    # (the line's ends only as far as the words are read: not the whole text's without a line break)
    line_start = text.rfind("\n", max(0, start - 40), start) + 1
    line_end = text.find("\n", end, end + 40)
    if line_end == -1:
        line_end = len(text)
    before = _TITLE_WORD.findall(text, max(line_start, start - 40), start)[-3:]
    after = _TITLE_WORD.findall(text, end, min(line_end, end + 40))[:3]
    if after and after[0].lower() == "of":
        return False
    words = [w for w in before + after if w.lower() not in _TITLE_SMALL_WORDS]
    # (a name's Arabic article is lower-case in a headline too: "al-Baghaliyeh")
    return len(words) >= 2 and all(w[0].isupper() or w[:3].lower() in ("al-", "el-") and w[3:4].isupper()
                                   for w in words)


# A dateline after a capital: "Damascus, SANA -", "Damascus (AFP) -", "BEIRUT, Lebanon (AP) -"
_DATELINE_AFTER: Final = re.compile(r"(?:,[ \t]*[A-Z]\w*(?:[ \t]+[A-Z]\w*)?[ \t]*(?:\([^()\n]{1,30}\)[ \t]*)?"
                             r"|[ \t]*\([^()\n]{1,30}\)[ \t]*)[-\u2013\u2014][ \t]")
# "between X and" before a capital, X one to three words
_BETWEEN_AND: Final = re.compile(r"\bbetween[ \t]+(\S+(?:[ \t]+\S+){0,2}?)[ \t]+and[ \t]+\Z", re.IGNORECASE)


# a road or a line between two places ("the highway between Damascus and Baghdad", "the
# ceasefire line between Israel and Syria"): both are places
_ROUTE_BETWEEN: Final = re.compile(r"\b(?i:road|roads|highway|motorway|route|line|railway|corridor)[ \t]+between[ \t]+\Z")
# an end of a road or a line a verb links ("the M5 highway that links Aleppo with Hama and Damascus",
# "the highway linking Damascus with Homs"): a place
_ROAD_END_BEFORE: Final = re.compile(
    r"\b(?i:links?|linking|linked|connects?|connecting|connected)[ \t]+(?:the[ \t]+)?"
    r"(?:(?:(?:al|el)-)?[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)?[ \t]+(?:with|to|and)[ \t]+"
    r"(?:(?:(?:al|el)-)?[A-Z][\w'’-]*[ \t]+(?:and|&)[ \t]+)?)?\Z")


def _may_end_a_road(text: str, start: int) -> bool:
    """False where _ROAD_END_BEFORE cannot match in the 60 characters before ``start``: an ASCII
    window without "link" or "connect" in any case. (A window beyond ASCII is left to the regex:
    its IGNORECASE reads "\u0130", "\u0131", "\u017f" and "\u212a" as i, s and k. The regex,
    anchored at the end, is tried at each position of the window.)"""
    window = text[max(0, start - 60):start]
    if not window.isascii():
        return True
    low = window.lower()
    return "link" in low or "connect" in low


# "between <capital> and X"
_AND_NAME: Final = re.compile(r"[ \t]+and[ \t]+((?:(?i:al|el)-)?[A-Z][\w'’-]*)")


def _between_places(text: str, start: int, end: int, capital: bool, name_words: frozenset[str]) -> bool:
    """True if a country or capital at start..end is one end of "between A and B" that joins two
    places: a road or a line ("the highway between Damascus and Baghdad", "the ceasefire line
    between Israel and Syria"), or, for a capital, with no country or capital at the other end
    ("the road between al-Sweida and Damascus", "between Damascus and Aleppo"). Talks "between
    Ankara and Damascus" are the two governments'."""
    if text.find("between", max(0, start - 60), start) == -1:
        return False  # (most names: the regexes, tried at each position of the window, are not run)
    if _ROUTE_BETWEEN.search(text, max(0, start - 24), start):
        return True
    found = _BETWEEN_AND.search(text, max(0, start - 60), start)
    if found is not None:  # the name is B
        if _ROUTE_BETWEEN.search(text, max(0, found.start() - 16), found.start() + 8):
            return True
        first = found.group(1).rsplit("-", 1)[-1].rsplit(None, 1)[-1].lower()
        return capital and first[:1].isalpha() and first not in name_words
    if capital and text[max(0, start - 8):start].lower().endswith("between "):  # the name is A
        after = _AND_NAME.match(text, end)
        return after is not None and after.group(1).rsplit("-", 1)[-1].lower() not in name_words
    return False


def _placed_by_next_word(text: str, end: int, cues: _Cues) -> bool:
    """True if the word after a country or capital makes it a place, a title or part of a name.

    "Damascus countryside", "UK-based", "US President", "Jordan Dakamseh",
    "Damascus Opera House"; a following country or capital ("Russia Iran and
    Turkey" with the commas lost) or a function word ("... Damascus The White
    House ...") does not.
    """
    at = _word_after(text, end)
    if at < 0:
        return False
    word = text[at:_ascii_letters_end(text, at)]
    low = word.lower()
    if low in cues.place_after:
        # (but a cue word opening the state's own body after a possessive: "Turkey's National
        # Defence Ministry", where "a US national" is a person)
        return not (text[end:end + 1] in "'\u2019" and _state_noun_at(text, at, cues.state_nouns))
    if not 65 <= ord(word[0]) <= 90 or low in cues.name_words or low in _FUNCTION_WORDS:  # (ASCII letters: A-Z is upper)
        return False
    # a possessive before the state's own body is the state: "Turkey's Foreign Ministry", "Iran's
    # Armed Forces" (not "Turkey's Hatay province")
    return not (text[end:end + 1] in "'\u2019" and _state_noun_at(text, at, cues.state_nouns))


def _word_after(text: str, end: int) -> int:
    """Where the word of ``_WORD_AFTER.match(text, end)`` starts (its group 1); -1 where it does
    not match. Read a character at a time (the regex call costs several times more): an optional
    "'s", spaces and hyphens, then ASCII letters, which end where :func:`_ascii_letters_end` says."""
    at = end
    if end + 1 < len(text) and (text[end] == "'" or text[end] == "\u2019") and text[end + 1] == "s":
        at = end + 2  # (were the rest to fail after "'s", it would fail at the apostrophe too)
    first = at
    while at < len(text):
        code = ord(text[at])
        if not (code == 45 or code == 0x2010 or code == 0x2011 or _is_space_at(text, at)):  # _HYPHENS
            break
        at += 1
    if at == first or at == len(text) or not _is_ascii_letter_at(text, at):
        return -1
    return at


def _ascii_letters_end(text: str, at: int) -> int:
    """Where the run of ASCII letters at ``at`` ends."""
    while at < len(text) and _is_ascii_letter_at(text, at):
        at += 1
    return at


def _state_noun_at(text: str, start: int, nouns: frozenset[str]) -> bool:
    """True if one to three words at ``start``, lower-cased, are one of a state's head nouns."""
    words = _HEAD_NOUN.match(text[start:start + 40].lower())
    if not words:
        return False
    parts = words.group().split(" ")
    return any(" ".join(parts[:n]) in nouns for n in range(len(parts), 0, -1))


#: A verb and a preposition that address a state or its government: not a place cue.
_ADDRESSED: Final = frozenset({"called on", "calls on", "calling on", "call on", "appealed to", "appeals to",
                        "appealing to", "appeal to",
                        # ... or a state a group is tied to ("groups affiliated to Iran", "militias loyal to Iran")
                        "affiliated to", "affiliated with", "loyal to", "linked to", "allied to", "allied with",
                        "belonging to"})
_ADDRESSED_TAILS: Final = frozenset(phrase.split()[-1] for phrase in _ADDRESSED)


def _sentence_mark_at(backwards: str, pos: int) -> int:
    """Where the first sentence end (_SENTENCE_MARK) in ``backwards`` from ``pos`` on starts; -1 if none.

    The start of "[.;:!?\\n]|[ \\t][-\\u2013\\u2014][ \\t]" searched from ``pos``: a spaced
    dash is found at its dash, and starts at the space before it.
    """
    # Read with str.find (the regex is tried at each position; a loop over the characters costs
    # more too): the first of .;:!? or a line break from pos on, and a spaced dash before it from
    # pos + 1 on (one at pos has its space before pos, where the original does not look)
    best = len(backwards)
    for mark in _SENTENCE_ENDS:
        at = backwards.find(mark, pos, best)
        if at >= 0:
            best = at
    dashed = False
    for dash in _SPACED_DASHES:
        at = backwards.find(dash, pos + 1, best)
        while at >= 0 and not (at + 1 < len(backwards) and _is_blank_at(backwards, at - 1)
                               and _is_blank_at(backwards, at + 1)):
            at = backwards.find(dash, at + 1, best)
        if at >= 0:
            best, dashed = at, True
    if best == len(backwards):
        return -1
    return best - 1 if dashed else best


def _is_blank_at(text: str, at: int) -> bool:
    """True if ``text[at]`` is a space or a tab (``[ \\t]``)."""
    code = ord(text[at])
    return code == 32 or code == 9


def _sentence_mark_at_by_regex(backwards: str, pos: int) -> int:
    """:func:`_sentence_mark_at` by its definition (for the tests)."""
    cut = _SENTENCE_MARK.search(backwards, pos)
    if cut is not None and cut.start() == pos and backwards[pos] in _SPACED_DASHES:
        cut = _SENTENCE_MARK.search(backwards, pos + 1)  # (its space is before pos, where the original does not look)
    if cut is None:
        return -1
    at = cut.start()
    return at - 1 if backwards[at] in _SPACED_DASHES else at


def _word_back(backwards: str, pos: int, endpos: int) -> int:
    """Where ``_WORDS_BACK.search(backwards, pos, endpos)`` starts; -1 where it finds nothing.

    (Read a character at a time: the regex costs several times more.) Its end is
    :func:`_word_back_end`'s.
    """
    at = pos
    while at < endpos:
        if ord(backwards[at]) == 44 or _is_back_word_char_at(backwards, at):  # (44: ",")
            return at
        at += 1
    return -1


def _word_back_end(backwards: str, at: int, endpos: int) -> int:
    """Where the match of ``_WORDS_BACK`` that starts at ``at`` (:func:`_word_back`) ends."""
    if ord(backwards[at]) == 44:  # ","
        return at + 1
    at += 1
    while at < endpos and _is_back_word_char_at(backwards, at):
        at += 1
    return at


def _back_word(backwards: str, at: int, endpos: int) -> str:
    """The word (or comma) of ``backwards`` at ``at`` (:func:`_word_back`), the right way round."""
    return backwards[at:_word_back_end(backwards, at, endpos)][::-1]


def _is_back_word_char_at(text: str, at: int) -> bool:
    """``_is_back_word_char(text[at])``, an ASCII character read in place (see :func:`_is_space_at`)."""
    code = ord(text[at])
    if code < 128:  # [0-9A-Za-z_'.]
        return 97 <= code <= 122 or 65 <= code <= 90 or 48 <= code <= 57 or code == 95 or code == 39 or code == 46
    return _is_back_word_char(text[at])


def _is_back_word_char(char: str) -> bool:
    """True if ``char`` is one of ``[\\w'\u2019.]`` (\\w: what isalnum() accepts, and "_")."""
    return char.isalnum() or char == "." or char == "'" or char == "_" or char == "\u2019"


def _governed_by(text: str, start: int, cue_words: frozenset[str], cue_tails: frozenset[str],
                 name_words: frozenset[str]) -> bool:
    """True if the words before ``start`` put the name in a place context.

    Walks back over a coordinated list of country/capital names ("in Ankara,
    Moscow and Tehran") to the word (or two words: "border with") that governs
    it. A capitalised word right before the name that is not a listed name, a
    day or a month, nor the first word of the sentence, makes it part of a
    longer name or a tag list ("Old Damascus", "Tags Syria Damascus"); before
    "and" or a comma it is another list item ("Syria and Russia"). ``cue_tails``
    are the second words of the two-word ``cue_words``.
    """
    # The words are read last first, in the 80 characters before the name reversed, and
    # only as far as needed (mostly one word), back to the start of the sentence: the
    # last of .;:!? or a line break (a line break right before the name is passed over,
    # and then with no other mark before it, no word counts).
    backwards = text[max(0, start - 80):start][::-1]
    newline = backwards[:1] == "\n"
    sentence = _sentence_mark_at(backwards, 1 if newline else 0)
    if sentence < 0:
        if newline:
            return False
        sentence = len(backwards)
    # (the words are _WORDS_BACK's matches: a word at found..found_end, found -1 for none)
    found = _word_back(backwards, 0, sentence)
    listed = False  # a list separator was passed: a capitalised word is then a list item
    while found >= 0:
        found_end = _word_back_end(backwards, found, sentence)
        word = backwards[found:found_end][::-1]
        low = word.lower().rstrip(".")
        glued_and = len(low) > 2 and low[0] == "و" and is_arabic(low[1])
        if glued_and:  # "والأردن": "and" written onto the word before
            word, low = word[1:], low[1:]
        if low in cue_words:
            if low not in _ADDRESSED_TAILS:
                return True
            # (but a state addressed: "called on Washington to end its support", "appealed to Turkey")
            before = _word_back(backwards, found_end, sentence)
            return before < 0 or f"{_back_word(backwards, before, sentence).lower()} {low}" not in _ADDRESSED
        before = _word_back(backwards, found_end, sentence)  # -1: the first word
        if before >= 0 and low in cue_tails \
                and f"{_back_word(backwards, before, sentence).lower().rstrip('.')} {low}" in cue_words:
            return True
        if low in _LIST_WORDS or low in name_words:
            listed = listed or low in _LIST_WORDS
        elif (not (word[:1].isupper() or (listed and is_arabic(word))) or low in _TIME_WORDS
              or low in _NOT_NAME_WORDS):
            return False  # (Arabic has no capitals: after "و" or a comma, any word is a list item)
        elif not listed:
            return before >= 0  # "Old Damascus", "Tags Syria Damascus"
        else:
            listed = False  # "Syria and Russia": another list item
        listed = listed or glued_and
        found = before
    return False


def _select(matches: list[_Match]) -> tuple[list[_Match], list[_Match]]:
    """Split matches into leftmost-longest non-overlapping ones and the rest."""
    top: list[_Match] = []
    inner: list[_Match] = []
    end = -1
    for match in _by_start(matches):
        if match[0] >= end:
            top.append(match)
            end = match[1]
        else:
            inner.append(match)
    return top, inner


def _by_start(matches: list[_Match]) -> list[_Match]:
    """``matches`` sorted in place by start, longest first, and returned (a stable sort)."""
    _sort_by_start(matches)
    return matches


def _sort_by_start(items: list[Any]) -> None:
    """Sort the matches ``items`` in place by start, longest first: an insertion sort, stable.

    The automaton finds names by their end, so most come in order already, and compiled, this
    loop costs less than sorts calling key functions. (The items are typed Any: compiled, a
    typed tuple read from a list is unboxed, and boxed again, a new tuple, where it is stored.)
    """
    for i in range(1, len(items)):
        item: tuple[Any, ...] = items[i]
        j = i
        while j > 0 and _starts_after(items[j - 1], item):
            items[j] = items[j - 1]
            j -= 1
        items[j] = item


def _sorted_found(found: dict[tuple[int, int, str, bool], Actor]) -> list[tuple[tuple[int, int, str, bool], Actor]]:
    """``sorted(found.items())``: the mentions by (start, end, actor name, coref), whose keys
    are distinct, so that actors are never compared (an insertion sort, as :func:`_sort_by_start`:
    most mentions are found in order)."""
    items: list[Any] = list(found.items())
    for i in range(1, len(items)):
        item: tuple[Any, ...] = items[i]
        j = i
        while j > 0 and _key_after(items[j - 1], item):
            items[j] = items[j - 1]
            j -= 1
        items[j] = item
    return items


def _starts_after(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """True if match ``a`` goes after match ``b`` by start, longest first."""
    a_start: int = a[0]
    b_start: int = b[0]
    if a_start != b_start:
        return a_start > b_start
    a_end: int = a[1]
    b_end: int = b[1]
    return a_end < b_end


def _key_after(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """True if the found item (key, actor) ``a`` goes after ``b``: ``a[0] > b[0]``, field by field."""
    a_key: tuple[int, int, str, bool] = a[0]
    b_key: tuple[int, int, str, bool] = b[0]
    if a_key[0] != b_key[0]:
        return a_key[0] > b_key[0]
    if a_key[1] != b_key[1]:
        return a_key[1] > b_key[1]
    if a_key[2] != b_key[2]:
        return a_key[2] > b_key[2]
    return a_key[3] and not b_key[3]


def _nested(top: list[_Match], inner: list[_Match], text: str) -> list[_Match]:
    """Names of other actors inside a compound of a longer match (anti-regime, al-Qaeda's ...).

    Among such names, leftmost-longest wins again ("al-Qaeda" over "Qaeda").
    """
    starts = [start for start, _, _ in top]
    candidates = []
    for match in inner:
        start, end, pattern = match
        _, outer_end, outer = top[_bisect_right(starts, start) - 1]
        if (pattern.rule in _NAMED_RULES and end <= outer_end
                and outer.rule not in ("block", "other_group")
                and outer.actor is not pattern.actor):  # (the actors of a lexicon are distinct)
            candidates.append(match)
    if not candidates:
        return []
    return [match for match in _select(candidates)[0]
            if _in_compound(text, match[0], match[1]) or _in_backer(top, starts, match)]


def _in_backer(top: list[_Match], starts: list[int], match: _Match) -> bool:
    """True if ``match`` is the backer a described group's phrase opens with ("US" in "US-backed
    fighters", whose mention is "fighters")."""
    outer_start, _, outer = top[_bisect_right(starts, match[0]) - 1]
    return outer.rule == "fixed" and match[1] <= outer_start + outer.skip


def _in_compound(text: str, start: int, end: int) -> bool:
    """True if start..end follows a hyphen ("anti-regime") or is possessive ("al-Qaeda's").

    A name before a hyphen ("Iran-backed militia groups", "US-led coalition")
    is part of the longer name and not reported on its own.
    """
    before = text[start - 1:start] if start else ""
    after = text[end:end + 1]
    return (before != "" and before in _HYPHENS) or (after != "" and after in _APOSTROPHES)


# --- coreference --------------------------------------------------------------------

def _modifies(text: str, previous: tuple[int, int, Actor], actor: Actor) -> bool:
    """True if the named mention ``previous`` is the bare word "opposition" right before the
    name of another actor, which it modifies ("the opposition Syrian National Coalition",
    "the opposition High Negotiations Committee")."""
    at, stop, before = previous
    return before is not actor and text[stop:stop + 1] == " " and text[at:stop] == "opposition"


def _drop_shorter_states(matches: list[_Match], states_at: list[int]) -> None:
    """Drop the matches at ``states_at`` ("the government", "the army") that a longer name
    starting after their "the " holds: "the government forces" is the alias "government
    forces", not "the government" and a head noun."""
    wanted = {matches[i][0] + matches[i][2].skip for i in states_at}  # (the only starts read)
    ends: dict[int, int] = {}
    for start, end, pattern in matches:
        if start in wanted and pattern.rule in _NAMED_RULES and end > ends.get(start, -1):
            ends[start] = end
    drop = {i for i in states_at
            if ends.get(matches[i][0] + matches[i][2].skip, -1) > matches[i][1]}
    if drop:
        matches[:] = [match for i, match in enumerate(matches) if i not in drop]


def _state_head(text: str, start: int, end: int) -> str:
    """"army" if the state's mention at start..end ends with its army ("Turkish army"),
    "government" if with its government ("Iraqi government"), "troops" if with its soldiers,
    troops, units or commandos ("Turkish soldiers"), else ""."""
    if start == end:
        return ""
    code = ord(text[end - 1])
    if not (code == 121 or code == 89 or code == 116 or code == 84 or code == 115 or code == 83 or code == 0x17f
            or code == 10):
        return ""  # (each of their words ends with y, t or s, in either case, or with "\u017f", an s to their
        # IGNORECASE; or a line break follows it, where "$" also matches)
    at = max(start, end - 14)
    # (each regex, anchored at the end, is tried at each position of the window: only where the
    # window ends with one of its words, lower-cased. A window beyond ASCII is left to all three:
    # their IGNORECASE reads "\u0130", "\u0131", "\u017f" and "\u212a" as i, s and k)
    # ("$" also matches before a line break at the end: such a window is left to them too)
    window = text[at:end]
    low = window.lower() if window.isascii() and not window.endswith("\n") else None
    # (str.endswith of each word: compiled, a tuple of them is a new tuple at each call)
    if (low is None or low.endswith("army") or low.endswith("military") or low.endswith("armed forces")) \
            and _ARMY_END.search(text, at, end):
        return "army"
    if (low is None or low.endswith("government") or low.endswith("authorities")) \
            and _GOVERNMENT_END.search(text, at, end):
        return "government"
    if (low is None or low.endswith("soldiers") or low.endswith("troops") or low.endswith("units")
            or low.endswith("commandos") or low.endswith("patrols")
            or low.endswith("tanks") or low.endswith("bulldozers")) and _TROOPS_END.search(text, at, end):
        return "troops"
    return ""


def _sentence_of(starts: Sequence[int], offset: int) -> int:
    """The index of the sentence holding ``offset`` (the one before, in a gap)."""
    if isinstance(starts, list):
        return max(0, _bisect_right(starts, offset) - 1)
    return max(0, bisect.bisect_right(starts, offset) - 1)


def _first_named_from(named: Sequence[tuple[int, int, Actor]], offset: int) -> int:
    """``bisect.bisect_right(named, (offset, offset))`` over named mentions (start, end, actor) in
    text order: the first that starts at ``offset`` or after it (one starting there ends after it,
    so sorts after the pair). Over a list, a compiled loop of its own: bisect's call, comparing
    tuples, costs several times more."""
    if not isinstance(named, list):
        return bisect.bisect_right(named, (offset, offset))
    lo, hi = 0, len(named)
    while lo < hi:
        mid = (lo + hi) // 2
        if named[mid][0] < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _bisect_left(values: list[int], value: int) -> int:
    """``bisect.bisect_left(values, value)``, written out (as :func:`_bisect_right`)."""
    lo, hi = 0, len(values)
    while lo < hi:
        mid = (lo + hi) // 2
        if values[mid] < value:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _bisect_right(values: list[int], value: int) -> int:
    """``bisect.bisect_right(values, value)``, written out: compiled, the loop over a list of ints
    costs less than the call of the C function, which compares Python objects."""
    lo, hi = 0, len(values)
    while lo < hi:
        mid = (lo + hi) // 2
        if value < values[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


def _next_to_name(top: list[_Match], i: int, text: str) -> bool:
    """True if a generic phrase only qualifies a name next to it.

    After a name: "HTS militants", "IS-linked militants"; before one, in
    apposition: "the Takfiri group ISIL", "the terrorist group Jabhat al-Nusra".
    """
    start, end, _ = top[i]
    if i:
        _, before_end, before = top[i - 1]
        # (not a phrase with its article: "the agreement reached with Russia the terrorists who
        # refuse it" starts a new noun phrase)
        if before.rule in _NAMED_RULES and _adjacent(text, before_end, start) \
                and not text.startswith(("the ", "The "), start):
            return True
    if i + 1 < len(top):
        after_start, _, after = top[i + 1]
        if after.rule in _NAMED_RULES:
            return _apposed(text, end, after_start)
    return False


def _adjacent(text: str, lo: int, hi: int) -> bool:
    """``_ADJACENT.fullmatch(text, lo, hi) is not None``, for ``lo <= hi``, read a character at
    a time (the regex call costs several times more): a hyphen and word characters, if any,
    then white space to ``hi``."""
    at = lo
    if at < hi and (text[at] == "-" or text[at] == "\u2010" or text[at] == "\u2011"):
        word = at + 1
        while word < hi and (text[word].isalnum() or text[word] == "_"):
            word += 1
        if word > at + 1:
            at = word
    while at < hi and _is_space_at(text, at):
        at += 1
    return at == hi


def _apposed(text: str, lo: int, hi: int) -> bool:
    """``_APPOSED.fullmatch(text, lo, hi) is not None``, for ``lo <= hi``: white space with one
    opening bracket in it at most (read as :func:`_adjacent`)."""
    at = lo
    while at < hi and _is_space_at(text, at):
        at += 1
    if at < hi and ord(text[at]) == 40:  # "("
        at += 1
    while at < hi and _is_space_at(text, at):
        at += 1
    return at == hi


class _Referents:
    """The groups named in one text, for resolving its generic phrases.

    Group ``i`` (an antecedent) starts at ``starts[i]`` in sentence
    ``sentences[i]`` and is ``actors[i]`` (None: a group that is no actor, such
    as a monitor or an NGO); the methods pass groups around by index.
    """

    def __init__(self, text: str, groups: list[tuple[int, Actor | None]],
                 sentence_starts: Sequence[int], states: Sequence[tuple[int, Actor, str]] = (),
                 named: Sequence[tuple[int, int, Actor]] = (), backed: dict[str, Actor] | None = None,
                 ministers: _Ministers | None = None) -> None:
        """``groups``: (start, actor) of the groups named in ``text``, in text order;
        ``states``: (start, actor, head: "army", "government", "troops" or "") of the states named; ``named``:
        (start, end, actor) of every named mention; ``backed``: state name -> the group it backs."""
        self.text = text
        self.backed = backed or {}
        self.ministers = ministers
        self.states = states
        self.named = named
        self.sentence_starts = sentence_starts
        self.starts = [start for start, _ in groups]
        self.actors = [actor for _, actor in groups]
        self.sentences = [_sentence_of(sentence_starts, start) for start in self.starts]
        # a definite plural ("the terrorists") -> (sentence, the group it was read as there)
        self.read_as: dict[str, tuple[int, Actor]] = {}

    def resolve(self, match: _Match) -> list[Actor]:
        """The actors a generic phrase refers to (its fallback actor if none is found)."""
        start, end, pattern = match
        rule, fallback, category = pattern.rule, pattern.actor, pattern.category
        found: list[Actor] = []
        if pattern.owners:
            owner = self._owner_near(start, pattern.owners)
            if owner is not None:
                return [owner]  # "Lebanon's caretaker Prime Minister ... The caretaker government"
            if rule == _OWNED_RULE:
                return []
        if rule == "last_state":
            found = self._subjects(start, end) or self._army(start, end, fallback)
            if not found and _ends_with_any(self.text, start, end, _WHOSE_IS_SAID) and self._other_state_near(start, fallback):
                return []  # "Russia has lost 12 soldiers": not the army's, nor clearly Russia's
        elif rule == "last_named":
            found = self._named_with(start + pattern.skip, end)
            if not found and self.ministers is not None:
                # "Türkiyes Interior Minister Ali Yerlikaya said ... The Interior Ministry allows"
                owner = self.ministers.last_before(self.text, self._sentences_back(start, LOOKBACK_SENTENCES),
                                                   start + pattern.skip, end)
                if owner is not None:
                    return [owner]
            if not found and fallback is not None and self._other_state_near(start, fallback, LOOKBACK_SENTENCES):
                return []  # "Türkiye hosts 2.8 million Syrians ... The Interior Ministry said": not surely Syria's
        elif rule == "occupier":
            return self._occupier(start, fallback)
        elif self.starts or self.named:  # (with no actor named, every phrase has its fallback)
            here = _sentence_of(self.sentence_starts, start)
            if rule == "plural":
                found = self._parties(start, end, here, category,
                                      fallback is not None and fallback.category != _GOVERNMENT_SIDE) \
                    or self._backed_by_owner(start, end, here)
            elif rule == "act":
                found = self._authors(start, end, here, category)
            elif rule in ("last_group", "last_members", "last_two_groups"):
                earlier = self._before(start, here - LOOKBACK_SENTENCES, category)
                if earlier and rule != "last_two_groups":
                    earlier = self._not_named_after(earlier, end, here)
                if rule == "last_group":
                    labelled = self._labelled(start, end)
                    if labelled is not None:
                        return [labelled]
                    if earlier and self.actors[earlier[-1]] is None:
                        return []  # "the group" is the monitor or NGO named last
                    found = self._distinct(earlier[-1:], 1)
                    if not found and category == _JIHADIST and _KURDS_CALLED_TERRORISTS.search(self.text):
                        # a text that labels the Kurdish groups terrorists (Turkey's "PKK/YPG") means
                        # them by "the terrorist organisation" where it named no jihadist group lately
                        found = self._distinct(self._before(start, here - LOOKBACK_SENTENCES, _KURDISH_LED)[-1:], 1)
                elif rule == "last_members":
                    if fallback is not None and fallback.category != _GOVERNMENT_SIDE:
                        # "the militants" whose usage is the opposition's are not the government's
                        # allies named last ("Hezbollah chief ... explosives left by the militants")
                        earlier = self._not_government(earlier)
                    # "the terrorists of Jabhat al-Nusra": the group named right after it; else the
                    # last one the text called so ("between ISIL terrorists and the SDF militia ...
                    # the terrorists"), else the last one named
                    found = self._linked_group(end, here, category) or self._called(start, end, earlier) \
                        or self._distinct(reversed(earlier), 1)
                    phrase = self.text[start + pattern.skip:end].lower()
                    if not found and "terror" in phrase and _KURDS_CALLED_TERRORISTS.search(self.text):
                        # "the terrorists" of a text that calls the Kurdish groups so ("YPG/PKK
                        # terrorists"), where no group is named lately: the Kurdish-led group named last
                        found = self._distinct(reversed(self._before(start, 0, _KURDISH_LED)), 1)
                    if found:
                        self.read_as[phrase] = (here, found[0])
                    elif not earlier and phrase in self.read_as \
                            and here - self.read_as[phrase][0] <= _SAME_READING_SENTENCES:
                        # no group named lately: the group the text's last "the terrorists" was, a
                        # few sentences back (ISIS's terrorists besieging Deir Ezzor, then "the
                        # positions of the terrorists" near al-Shoula), not the opposition by default
                        found = [self.read_as[phrase][1]]
                else:
                    found = self._distinct(reversed(earlier), 2)
                    found = found if len(found) == 2 else []
        if not found and (rule in _ONLY_GROUP_RULES and fallback is not None and fallback.category != _GOVERNMENT_SIDE
                          and _MEMBERS_END.search(self.text, max(start, end - 12), end)
                          or rule == "last_group" and fallback is None) \
                and "other " not in self.text[max(0, start - 6):start + pattern.skip + 6].lower():
            # members ("the terrorists", not "terrorist groups": SANA's for the rebels at large), not
            # "other" ones ("the other militants": others than those named); "The group claimed the
            # attack" three sentences after an ISIS story's last "Islamic State militants"
            found = self._only_group_before(start, category)
        if found:
            return found
        return [fallback] if fallback is not None else []

    def _owner_near(self, start: int, owners: tuple[tuple[Actor, re.Pattern[str]], ...]) -> Actor | None:
        """The state of ``owners`` whose words are written last before ``start``, in its sentence or
        the ``LOOKBACK_SENTENCES`` before it; None if none is."""
        first_offset = self._sentences_back(start, LOOKBACK_SENTENCES)
        best: Actor | None = None
        best_at = -1
        for actor, words in owners:
            for found in words.finditer(self.text, first_offset, start):
                if found.start() > best_at:
                    best, best_at = actor, found.start()
        return best

    def _only_group_before(self, offset: int, category: str | None) -> list[Actor]:
        """The one armed group outside the government's side that the text named before ``offset``
        (of ``category`` if given), if it named only one: ISIS's article's "the terrorists" far
        from its last "ISIS" are ISIS's, not the opposition's by default."""
        only: Actor | None = None
        times = 0
        for i in self._fitting(range(_bisect_left(self.starts, offset)), category):
            actor = self.actors[i]
            if actor is None or actor.category == _GOVERNMENT_SIDE:
                continue
            if only is not None and actor.name != only.name:
                return []
            only = actor
            times += 1
        return [only] if only is not None and times >= _ONLY_GROUP_TIMES else []

    def _occupier(self, start: int, usual: Actor | None) -> list[Actor]:
        """The state "the occupation" at ``start`` is: the one named last before it as an occupier
        ("the US occupation forces ... backed by the occupation"), else ``usual`` (Israel, as Syrian
        and Iranian outlets mean it) if named before it ("The Zionist enemy had closed the crossing
        ... spokesmen of the occupation"), else none."""
        text = self.text
        usual_named = False
        for at, stop, actor in reversed(self.named):
            if at >= start or actor.kind != "state":
                continue
            if "occup" in text[at:stop].lower():
                return [actor]
            usual_named = usual_named or actor is usual
        return [usual] if usual is not None and usual_named else []

    def _backed_by_owner(self, start: int, end: int, here: int) -> list[Actor]:
        """SANA's "(the) US occupation forces and their mercenaries": the group the state named
        last in the sentence backs (the SDF; Turkey's: the opposition's factions)."""
        if not _ends_with_any(self.text, start, end, _BACKED_WORDS) or not self.backed \
                or not _BACKED_OWNER_BEFORE.search(self.text, max(0, start - 8), start):
            return []
        first_offset = self.sentence_starts[here] if here > 0 else 0
        for at, actor, _ in reversed(self.states):
            if first_offset <= at < start:
                backed = self.backed.get(actor.name)
                return [backed] if backed is not None else []
        return []

    def _parties(self, start: int, end: int, here: int, category: str | None,
                 against_government: bool = False) -> list[Actor]:
        """Referents of a plural generic phrase ("militants", "Takfiri groups").

        The group it names right after it ("militants of the Takfiri group
        ISIL"); else the armed groups named earlier in its sentence, if two or
        more; after "between"/"among", those named later in the sentence or in
        the next one ("clashes between Takfiri terrorists ... The fighting
        between Ahrar al-Sham and Hay'at Tahrir al-Sham").
        """
        linked = self._linked_group(end, here, category)
        if linked:
            return linked
        if _may_open_word(self.text, end, len(self.text), _OF_THE_GROUP_FIRST) and _OF_THE_GROUP.match(self.text, end):
            # "30 militants of the terrorist group": the jihadist group "the terrorist group" is
            # (the last one named in this or the LOOKBACK_SENTENCES previous sentences)
            named = self._before(start, here - LOOKBACK_SENTENCES, "jihadist")
            if named and self.actors[named[-1]] is not None:
                return self._distinct(named[-1:], 1)
        after = self._after(end, here + 1, category)
        earlier = self._before(start, here, category)
        if earlier and _may_open_word(self.text, end, len(self.text), _LINKED_TO_IT_FIRST) \
                and _LINKED_TO_IT.match(self.text, end):
            return self._distinct(earlier[-1:], 1)  # "al-Nusra and other groups affiliated to it"
        if against_government:
            # "terrorists", "militants" (the opposition's when no group is named) are none of the
            # government's side named in the sentence ("Syrian soldiers and popular forces ... ISIL
            # used over 120 terrorists")
            earlier = self._not_government(earlier)
        same = self._distinct(earlier, 99)
        if len(same) >= 2 and not self._others(start):
            return same
        if len(same) == 1 and same[0].category == "jihadist" and self._members_of_one(start, end):
            return same  # "strikes on ISIL positions ... killed 100 terrorists": ISIL's
        if not same and here == 1 and self._members_of_one(start, end):
            # "Over 100 ISIL Terrorists Killed in Homs. Over 100 terrorists have been killed": in the
            # lead, the one group named in the headline, if it is jihadist and the only group named
            # there (not further on: a round-up's "In Aleppo, terrorists ..." after an ISIL sentence)
            previous = self._distinct(self._before(start, here - 1, None), 99)
            if len(previous) == 1 and previous[0].category == "jihadist":
                return previous
        word = _word_before(self.text, max(0, start - 20), start)
        if word is not None and self.text[word[0]:word[1]].lower() in _PARTY_WORDS:
            ahead = self._distinct(after, 99)
            if len(ahead) >= 2:
                return ahead
        return []

    def _authors(self, start: int, end: int, here: int, category: str | None) -> list[Actor]:
        """Who an act called terrorist is by ("terrorist rocket attacks"): the group named right after
        it ("by the terrorists of Jabhat al-Nusra", "carried out by ISIS suicide bombers"), else the
        groups outside the government's side named earlier in its sentence ("ISIL operatives ...
        plans to launch terrorist attacks")."""
        after = self._after(end, here + 1, category)
        if after and self._linked(end, self.starts[after[0]], _BY_LINKED, _BY_LINKED_FIRST):
            return self._distinct(after[:1], 1)
        return self._distinct(self._not_government(self._before(start, here, category)), 99)

    def _not_government(self, groups: Iterable[int]) -> list[int]:
        """The ``groups`` not of the government's side (a group that is no actor kept)."""
        actors = self.actors
        return [i for i in groups if (actor := actors[i]) is None or actor.category != _GOVERNMENT_SIDE]

    def _called(self, start: int, end: int, earlier: Sequence[int]) -> list[Actor]:
        """Of the groups named in the sentence of the last of ``earlier``, the last the text named with
        the plural that ends the phrase at start..end as its head noun ("between ISIL terrorists and
        the SDF militia ... the terrorists": ISIL; not a group so called sentences before another)."""
        head = _LAST_WORD.search(self.text, start, end)
        if head is None or not earlier:
            return []
        ending = " " + head.group(0).lower()
        last = self.sentences[earlier[-1]]
        text = self.text
        among = {named.name for named in (self.actors[i] for i in earlier) if named is not None}
        actor = self._last_named_as(start, self.sentence_starts[last] if self.sentence_starts else 0,
                                    lambda at, stop: text[at:stop].lower().endswith(ending), among)
        return [actor] if actor is not None else []

    def _labelled(self, start: int, end: int) -> Actor | None:
        """The group the text last named with the label "the terror group" at start..end repeats
        ("the YPG/PKK terror group ... the terror group": the YPG in a Turkish outlet, though Daesh
        was named between), if the phrase is such a label; else None."""
        text = self.text
        if not _TERROR_LABEL.search(text, start, end):
            return None
        for at, stop, actor in reversed(self.named):
            if at < start and actor.kind != "state":
                if "PKK" in text[at:stop]:
                    # "blamed the YPG/PKK ... said the terror group": Turkey's label for the group it
                    # names so, when it is the group named last
                    return actor
                break
        return self._last_named_as(start, 0, lambda at, stop: _TERROR_LABEL.search(text, at, stop) is not None)

    def _last_named_as(self, start: int, since: int, labelled: Callable[[int, int], bool],
                       among: set[str] | None = None) -> Actor | None:
        """The group (no state) named last before ``start`` and from ``since`` on in a mention that
        ``labelled(at, stop)`` accepts, and among the actors named ``among`` if given."""
        for at, stop, actor in reversed(self.named):
            if at >= start:
                continue
            if at < since:
                break
            if actor.kind != "state" and labelled(at, stop) and (among is None or actor.name in among):
                return actor
        return None

    def _named_with(self, start: int, end: int) -> list[Actor]:
        """The actor named last before ``start`` whose name holds the phrase's last word:
        "the coalition" is the US-led coalition or the Syrian National Coalition, whichever
        was named last ("the coalitions spokesman": its possessive)."""
        head = _LAST_WORD.search(self.text, start, end)
        if head is None:
            return []
        word = head.group(1).lower()
        text = self.text
        for at, stop, actor in reversed(self.named):
            if at < start and word in text[at:stop].lower():
                return [actor]
        if text[max(0, start - 4):start].lower() != "the ":
            # a sentence opening with it, none named before: a headline's "Coalition: Regime Barrel
            # Bombs ..." in the Syrian Coalition's own release, named further on
            for at, stop, actor in self.named:
                if at >= end and word in text[at:stop].lower():
                    return [actor]
        return []

    def _sentences_back(self, start: int, back: int) -> int:
        """The offset of the sentence ``back`` sentences before the one holding ``start`` (0 before the first)."""
        first = _sentence_of(self.sentence_starts, start) - back
        return self.sentence_starts[first] if first > 0 else 0

    def _other_state_near(self, start: int, fallback: Actor | None, back: int = 0) -> bool:
        """True if a state other than ``fallback`` is named before ``start`` in its sentence (or
        from ``back`` sentences before it)."""
        first_offset = self._sentences_back(start, back)
        return any(first_offset <= at < start and actor is not fallback for at, actor, _ in self.states)

    def _subjects(self, start: int, end: int) -> list[Actor]:
        """The state whose "troops"/"soldiers" at ``start`` are, named a few lower-case words before
        them in their sentence ("Ankara has sent thousands of troops into Idlib")."""
        if not _ends_with_any(self.text, start, end, ("troops", "soldiers")):
            return []
        first_offset = self._sentences_back(start, 0)
        for at, stop, actor in reversed(self.named):
            if stop > start:
                continue
            if at >= first_offset and actor.kind == "state" and (
                    _SUBJECTS_TROOPS_GAP.fullmatch(self.text, stop, start)
                    or _COORDINATED_SENDING_BEFORE.fullmatch(self.text, stop, start) is not None):
                return [actor]
            return []
        return []

    def _army(self, start: int, end: int, fallback: Actor | None) -> list[Actor]:
        """The state whose army "the army" at ``start`` is: the one named last with its army
        ("the Turkish army") in this or the previous sentence (a Syrian report's "the army"
        two sentences after "the Lebanese army" is Syria's again), unless
        ``fallback`` (the Syrian government) is named after it. So for "the government": the
        state named last with its government ("the Iraqi government")."""
        head = "government" if _GOVERNMENT_WORD.search(self.text, start, end) else "army"
        # "troops" and "soldiers" are a state's whether named with its army, its government or its
        # troops ("The Iraqi government ... sent troops", "33 Turkish soldiers ... The soldiers")
        heads = ("army", "government", "troops") if _ends_with_any(self.text, start, end, ("troops", "soldiers")) \
            else (head,)
        if head == "government" and _OF_SYRIA.match(self.text, end):
            return []  # "the government of President Bashar Assad", "... in Damascus": the fallback
        first_offset = self._sentences_back(start, _ARMY_LOOKBACK)
        for at, actor, named_with in reversed(self.states):
            if at >= start:
                continue
            if at < first_offset:
                break
            if actor is fallback:
                if len(heads) > 1 and named_with not in heads:
                    continue  # "33 Turkish soldiers were killed in a strike by Assad regime forces. The soldiers"
                break
            if named_with in heads:
                return [actor]
        return []

    def _others(self, start: int) -> bool:
        """True if the plural at ``start`` is "other"/"rival" ones, not the groups named before it
        ("clashes with ISIL that presses the other takfiri groups")."""
        if _OTHER_GROUPS.match(self.text, start):
            return True
        word = _word_before(self.text, max(0, start - 20), start)
        return word is not None and self.text[word[0]:word[1]].lower() in ("other", "rival")

    def _members_of_one(self, start: int, end: int) -> bool:
        """True if a bare plural at start..end may be the members of the one jihadist group named
        before it in its sentence: a plural of members ("militants", not "terrorist groups"), not
        "other"/"rival"/"Syrian" ones, not a list's next item ("and militants"), nor right after a
        verb in -ed ("Nusra terrorists executed militants")."""
        if not _MEMBERS_END.search(self.text, max(start, end - 12), end):
            return False
        word = _word_before(self.text, max(0, start - 20), start)
        if word is None:
            return True
        word_start, word_end = word
        low = self.text[word_start:word_end].lower()
        gap = self.text[word_end:start]
        if self.text[word_start].isupper() and not gap.strip() and not any(stop == word_end for _, stop, _ in self.named):
            return False  # "Palestinian fighters", "Shaitat fighters": the fighters of a name that is no actor's
        if gap.strip() == ")":
            # "(al-Sheitaat) fighters": the fighters of the name in brackets, unless it names a group
            # or glosses one ("Daesh (IS) terrorists", "al-Nusra Front (Qaeda branch in the Levant) terrorists")
            opened = self.text.rfind("(", 0, start)
            return any(opened < at < start or 0 <= opened - stop <= 1 for at, stop, _ in self.named)
        return low not in _NOT_THE_GROUP_WORDS and not low.endswith("ed") and not _OTHER_GROUPS.match(self.text, start)

    def _linked_group(self, end: int, here: int, category: str | None) -> list[Actor]:
        """The group a phrase ending at ``end`` (in sentence ``here``) names right after it, if any."""
        after = self._after(end, here + 1, category)
        if after and self._linked(end, self.starts[after[0]]):
            first = after[0]
            group = self.actors[first]
            if group is not None and group.name == _PARENT_GROUP and len(after) > 1 \
                    and self.starts[after[1]] - self.starts[first] <= _PARENT_GAP:
                # "fighters from Al-Qaeda affiliate Al-Nusra Front", "the Syrian branch of al-Qaeda
                # al-Nusra": the affiliate named right after its parent
                first = after[1]
            elif len(after) > 1 and self._second_of_pair(first, after[1]):
                # "The terrorists of the Nour al-Din al-Zenki Movement and Jabhat Fateh al-Sham": both
                return self._distinct((first, after[1]), 2)
            return self._distinct((first,), 1)
        # an alliance named right after it: "terrorists from Jaish al-Fatah" (alliances are
        # no antecedents of "the group", so they are looked up among the named mentions)
        named = self.named
        i = _first_named_from(named, end)
        if i < len(named):
            at, _, actor = named[i]
            if actor.kind == "alliance" and (category is None or actor.category == category) \
                    and self._linked(end, at):
                return [actor]
        return []

    def _second_of_pair(self, first: int, second: int) -> bool:
        """True if group ``second`` is named right after group ``first`` with "and" between them."""
        stop = next((e for s, e, _ in self.named if s == self.starts[first]), None)
        return stop is not None and _PAIR_GAP.fullmatch(self.text, stop, self.starts[second]) is not None

    def _linked(self, end: int, following: int, link: re.Pattern[str] = _LINKED, first: str = _LINKED_FIRST) -> bool:
        """True if a phrase ending at ``end`` names the group starting at ``following``.

        "terrorists affiliated to Jabhat al-Nusra". (``first``: the first letters of the
        link's words, see :func:`_may_open_word`.)
        """
        return following - end <= 60 and _may_open_word(self.text, end, following, first) \
            and link.fullmatch(self.text, end, following) is not None

    def _before(self, offset: int, first_sentence: int, category: str | None) -> Sequence[int]:
        """The groups before ``offset`` from sentence ``first_sentence`` on, in text order."""
        stop = _bisect_left(self.starts, offset)
        begin = stop
        sentences = self.sentences
        while begin and sentences[begin - 1] >= first_sentence:
            begin -= 1
        return self._fitting(range(begin, stop), category)

    def _after(self, offset: int, last_sentence: int, category: str | None) -> Sequence[int]:
        """The groups from ``offset`` up to sentence ``last_sentence``, in text order."""
        begin = stop = _bisect_left(self.starts, offset)
        sentences = self.sentences
        size = len(sentences)
        while stop < size and sentences[stop] <= last_sentence:
            stop += 1
        return self._fitting(range(begin, stop), category)

    def _not_named_after(self, groups: Sequence[int], end: int, here: int) -> Sequence[int]:
        """``groups`` less those named again later in sentence ``here`` after ``end``: "The militants
        killed five SDF fighters" are not the SDF named the sentence before, but the group before it."""
        later = {actor.name for i in self._after(end, here, None) if (actor := self.actors[i]) is not None}
        if not later:
            return groups
        kept = [i for i in groups if (actor := self.actors[i]) is None or actor.name not in later]
        # (only where another group is left to be it: "22 of the jihadists were killed ... where IS has
        # its capital" are still ISIS's, the monitor named before them none)
        return kept if any(self.actors[i] is not None for i in kept) else groups

    def _fitting(self, groups: range, category: str | None) -> Sequence[int]:
        """The ``groups`` a phrase restricted to ``category`` (None: any) may refer to."""
        if category is None:
            return groups
        actors = self.actors
        return [i for i in groups if (actor := actors[i]) is None or actor.category == category]

    def _distinct(self, groups: Iterable[int], limit: int) -> list[Actor]:
        """The first ``limit`` distinct actors of ``groups``, in the order given."""
        out: list[Actor] = []
        names = set()  # an actor's name stands for it, and is quicker to compare than all its fields
        for i in groups:
            actor = self.actors[i]
            if actor is not None and actor.name not in names:
                out.append(actor)
                names.add(actor.name)
                if len(out) == limit:
                    break
        return out


# --- reading the CSV files ------------------------------------------------------------

#: What makes "state" after a state's adjective no state: "Syrian state media", "state-run", "the US
#: State Department" (read in the folded, lower-case text)
_NOT_THE_STATE_AFTER: Final = re.compile(
    r"[ \t-]+(?:media|television|tv|news|agency|run|owned|broadcaster|department|secretary|of|security|"
    r"council|sponsored|controlled|official|officials|radio|newspaper|daily|awards?|prizes?|compan(?:y|ies)|firms?|"
    r"corporation)\b")
#: The head nouns a state's alias may end with that a coordinated adjective shares
_FORCES_WORDS: Final = ("forces", "troops")
#: The label of Turkish outlets and officials that calls the Kurdish-led groups one terrorist body
#: ("the PKK/YPG-led SDF", "YPG/PKK terrorists")
_KURDS_CALLED_TERRORISTS: Final = re.compile(r"\b(?:PKK/(?:YPG|PYD|SDF)|(?:YPG|PYD|SDF)/PKK)\b")


def _split(cell: str | None) -> tuple[str, ...]:
    """A '|'-joined cell as a tuple of stripped, non-empty items."""
    return tuple(item.strip() for item in (cell or "").split("|") if item.strip())


def _read_rows(path: Path, columns: tuple[str, ...],
               required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of a CSV file whose lines starting with '#' are comments."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ActorLexiconError(f"{path}: actor lexicon file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ActorLexiconError(f"{path}: cannot read actor lexicon ({exc})") from exc
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1)
             if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        raise ActorLexiconError(f"{path}: no header row")
    reader = csv.reader(line for _, line in lines)
    header = [h.strip() for h in next(reader)]
    unknown = [h for h in header if h not in columns]
    missing = [c for c in required if c not in header]
    if unknown or missing:
        raise ActorLexiconError(f"{path}:{lines[0][0]}: bad header: unknown columns {unknown}, "
                                f"missing {missing}; expected columns: {', '.join(columns)}")
    for (lineno, _), values in zip(lines[1:], reader):
        if len(values) > len(header):
            raise ActorLexiconError(f"{path}:{lineno}: {len(values)} fields but the header has "
                                    f"{len(header)} (quote cells that contain commas)")
        yield lineno, dict(zip(header, values + [""] * (len(header) - len(values))))


def other_names(path: Path | str | None = None) -> dict[str, str]:
    """Each actor's best-known other names, to show (and search) next to it in a list.

    Its acronyms (two at most), its first alias when that is not its own name, and its
    first Arabic name: "ISIS" -> "IS, ISIL · Daesh · داعش".
    """
    path = Path(path) if path is not None else config.data_dir() / "actors.csv"
    out: dict[str, str] = {}
    for actor in _read_actors(path):
        arabic = [n for n in (*actor.place_names, *actor.aliases) if is_arabic(n)]
        latin = [n for n in actor.aliases if n not in arabic]
        parts = [", ".join([n for n in actor.case_sensitive_aliases if n != actor.name][:2])]
        if latin and latin[0] != actor.name and len(latin[0]) <= 24:
            parts.append(latin[0])
        parts.append(arabic[0] if arabic else "")
        out[actor.name] = " \u00b7 ".join(p for p in parts if p)
    return out


def _read_actors(path: Path) -> Iterator[Actor]:
    for lineno, row in _read_rows(path, ACTOR_COLUMNS, ("actor", "category", "aliases")):
        try:
            yield Actor(
                name=row["actor"].strip(),
                category=row["category"].strip(),
                kind=row.get("kind", "").strip() or "armed group",
                aliases=_split(row["aliases"]),
                case_sensitive_aliases=_split(row.get("case_sensitive_aliases")),
                adjectives=_split(row.get("adjectives")),
                place_names=_split(row.get("place_names")),
                capitals=_split(row.get("capitals")),
            )
        except ValueError as exc:
            raise ActorLexiconError(f"{path}:{lineno}: {exc}") from exc


def _read_phrases(path: Path, actor_names: set[str]) -> Iterator[Phrase]:
    for lineno, row in _read_rows(path, PHRASE_COLUMNS, ("phrase", "rule")):
        try:
            since_text = row.get("since", "").strip()
            try:
                since = dt.date.fromisoformat(since_text) if since_text else None
            except ValueError:
                raise ValueError(f"phrase {row['phrase'].strip()!r}: 'since' must be a date written "
                                 f"YYYY-MM-DD, got {since_text!r}") from None
            phrase = Phrase(text=row["phrase"].strip(), rule=row["rule"].strip(),
                            actor=row.get("actor", "").strip() or None,
                            category=row.get("category", "").strip() or None, since=since)
        except ValueError as exc:
            raise ActorLexiconError(f"{path}:{lineno}: {exc}") from exc
        if phrase.actor and phrase.actor not in actor_names:
            raise ActorLexiconError(f"{path}:{lineno}: phrase {phrase.text!r}: unknown actor {phrase.actor!r}")
        yield phrase


class _Ministers:
    """The states' ministers and ministries named by a state's word ("Türkiyes Interior Minister",
    "the Turkish Defence Ministry"), for a bare "the Interior Ministry" after them."""

    def __init__(self, actors: Sequence[Actor]) -> None:
        self.by_word: dict[str, Actor] = {}
        for actor in actors:
            if actor.kind == "state":
                for word in _state_words(actor):
                    if not is_arabic(word):
                        self.by_word.setdefault(word, actor)

    def last_before(self, text: str, lo: int, start: int, end: int) -> Actor | None:
        """The state whose minister or ministry of the portfolio of the ministry at start..end ("Interior
        Ministry") is named last in ``text[lo:start]`` ("Türkiyes Interior Minister", "the Turkish
        Interior Ministry"); None if none is, or if start..end is no "<portfolio> Ministry"."""
        words = text[start:end].split()
        if len(words) != 2 or words[1].lower() != "ministry":
            return None  # ("the coalition", "the Ministry"; a portfolio of two words is not looked for)
        portfolio = words[0].lower()
        at = start
        while True:
            at = text.rfind("Minist", lo, at)  # (rare: a regex over the window cost far more)
            if at < 0:
                return None
            if text.startswith("Minister", at) or text.startswith("Ministry", at):
                found = _TITLE_BEFORE.search(text, max(lo, at - 40), at)
                if found is not None and found.group(2).lower() == portfolio:
                    actor = self.state(found.group(1))
                    if actor is not None:
                        return actor

    def state(self, word: str) -> Actor | None:
        """The state ``word`` names, with or without a possessive ("Türkiyes", "Lebanon's")."""
        actor = self.by_word.get(word)
        if actor is None and word[-2:] in ("'s", "\u2019s"):
            actor = self.by_word.get(word[:-2])
        if actor is None and word.endswith("s"):
            actor = self.by_word.get(word[:-1])
        return actor


def _state_words(actor: Actor) -> list[str]:
    """The words that name a state, as written: its name, place names, capitals and adjectives."""
    return [n for n in (actor.name, *actor.place_names, *actor.capitals, *actor.adjectives) if n]


#: the two words before a minister's title: the state's, the portfolio
_TITLE_BEFORE: Final = re.compile(r"(\S+)[ \t]+(\S+)[ \t]+\Z")


def _phrase_owners(phrase: Phrase, own: tuple[tuple[Actor, re.Pattern[str], tuple[str, ...]], ...]
                   ) -> tuple[tuple[Actor, re.Pattern[str]], ...]:
    """The states other than a dated phrase's actor that have it as their own name: an alias of theirs
    is the phrase (or starts it, or starts with it) after their name or adjective, or before "of" and
    their name ("Lebanon's caretaker government", "Lebanese General Security", "General Security of
    Lebanon" for "the caretaker government", "General Security", "General Security forces"); each
    with a regex of the words that name it (name, place names, capitals, adjectives, as written,
    a possessive "s" allowed: "Lebanons caretaker Prime Minister"). ``own``: :func:`_own_names`.

    >>> own = _own_names(ActorLexicon.load().actors)
    >>> [actor.name for actor, _ in _phrase_owners(Phrase("General Security", "fixed", "Syrian government"), own)]
    ['Lebanon']
    """
    core = _key(phrase.text, False)
    core = core[4:] if core.startswith("the ") else core
    return tuple((actor, words) for actor, words, names in own
                 if actor.name != phrase.actor and any(_starts_words(core, n) or _starts_words(n, core) for n in names))


@lru_cache(maxsize=4)
def _own_names(actors: tuple[Actor, ...]) -> tuple[tuple[Actor, re.Pattern[str], tuple[str, ...]], ...]:
    """Each state with a regex of the words that name it and its aliases without them ("lebanese general
    security" -> "general security"), for :func:`_phrase_owners` (once per lexicon and its eras)."""
    out = []
    for actor in actors:
        if actor.kind != "state":
            continue
        names = _state_words(actor)
        keys = {_key(n, False) for n in names}
        own = tuple(rest for rest in (_without_owner(_key(alias, False), keys) for alias in actor.aliases) if rest)
        if own:
            words = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
            out.append((actor, re.compile(rf"(?<!\w)(?:{words})(?:['\u2019]?s)?(?!\w)"), own))
    return tuple(out)


def _without_owner(key: str, owner_keys: set[str]) -> str | None:
    """``key`` (an alias's) without the owner's name before it ("lebanese ", "lebanon's ",
    "lebanons ") or after "of" at its end; None if it has neither."""
    for owner in owner_keys:
        for before in (owner + " ", owner + "'s ", owner + "s "):
            if key.startswith(before):
                return key[len(before):]
        if key.endswith(" of " + owner):
            return key[:-len(owner) - 4]
    return None


def _starts_words(text: str, words: str) -> bool:
    """True if ``text`` starts with the whole words ``words``."""
    return text == words or text.startswith(words + " ")


def _capitalised_as(text: str, start: int, end: int, capitals: tuple[bool, ...]) -> bool:
    """True if the words of ``text[start:end]`` have a capital where ``capitals`` wants one (any
    case where the words do not pair up, as a spelling variant's may not)."""
    words = text[start:end].split()
    if len(words) != len(capitals):
        return True
    return all(word[:1].isupper() or not wanted for word, wanted in zip(words, capitals))


def _era_cues(phrases: Iterable[Phrase]) -> tuple[tuple[tuple[str, ...], dt.date], ...]:
    """(spellings, since) of the era cues, as :func:`_era_key` writes them: with and without
    each apostrophe ("assad's fall", "assads fall")."""
    cues = []
    for phrase in phrases:
        if phrase.rule != ERA_RULE or phrase.since is None:
            continue
        key = _era_key(phrase.text)
        spellings = {key, key.replace("'", "")}
        cues.append((tuple(sorted(spellings)), phrase.since))
    return tuple(cues)


#: Lower-cased, every apostrophe written "'", every dash and white space " ": one character for one.
_ERA_FOLD: Final = {ord(c): "'" for c in _APOSTROPHES} | {ord(c): " " for c in _DASHES + "\t\n\r\f\v"}


def _era_key(text: str) -> str:
    """``text`` as era cues are compared: see :data:`_ERA_FOLD` (same length, so same offsets)."""
    return text.lower().translate(_ERA_FOLD)


def _has_words(text: str, words: str) -> bool:
    """True if ``words`` is in ``text`` with no letter or digit right before or after it."""
    at = text.find(words)
    while at >= 0:
        end = at + len(words)
        if not (at and text[at - 1].isalnum()) and not (end < len(text) and text[end].isalnum()):
            return True
        at = text.find(words, at + 1)
    return False
