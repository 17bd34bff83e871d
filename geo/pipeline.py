"""The pipeline: an article in, its places, actors and sentences out.

>>> from geo.model import Article
>>> parsed = Pipeline.default().parse(Article(id="x", text="HTS shelled Saraqeb in Idlib province."))
>>> [(pm.text, pm.place.name) for pm in parsed.places]
[('Saraqeb', 'Saraqib'), ('Idlib province', 'Idlib Governorate')]
>>> [(a.text, a.actor) for a in parsed.actors]
[('HTS', "Hay'at Tahrir al-Sham")]
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from dataclasses import replace
from pathlib import Path
from typing import Final, Iterator, Sequence

from . import config
from .actors import ActorLexicon, find_actors
from .gazetteer import Gazetteer
from .model import ActorMention, Article, ParsedArticle, PlaceMention, Span, new_parsed_article
from .places import PlaceFinder, ResolveOptions, resolve_places
from .sentences import split_sentences, unwrap_lines

log = logging.getLogger(__name__)


class Pipeline:
    """Sentences -> actors -> place names -> resolved places, for one article at a time.

    Build it once (loading the gazetteer takes most of a second) and reuse it;
    :meth:`parse` is pure and thread-safe.
    """

    def __init__(self, gazetteer: Gazetteer, lexicon: ActorLexicon,
                 not_places: Sequence[str] = (), options: ResolveOptions = ResolveOptions(),
                 given_names: Sequence[str] = (), engine: str | None = None) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.finder = PlaceFinder(gazetteer, not_places, given_names)
        self.options = options
        #: what this pipeline reads with, as a short id (:func:`engine_id`), stored with
        #: every article it parses, so a store can tell the articles an older engine read;
        #: None for a pipeline built by hand from other data
        self.engine = engine
        # the cities the lexicon reads as their states ("Moscow", "Tel Aviv"): places too
        self._seats = frozenset(c for actor in lexicon.actors for c in actor.capitals)
        lexicon.build_eras()  # (with the rest of the loading, not at a batch's first article of 2025)

    @classmethod
    def default(cls, data_dir: Path | None = None) -> "Pipeline":
        """The pipeline on the shipped data (``geo.config.data_dir()`` unless given)."""
        data = Path(data_dir) if data_dir else config.data_dir()
        gazetteer = Gazetteer.load(data / "gazetteer.csv.gz")
        lexicon = ActorLexicon.load(data / "actors.csv")
        not_places_file = data / "not_places.txt"
        not_places = PlaceFinder.load_not_places(not_places_file) if not_places_file.exists() else []
        given_file = data / "given_names.txt"
        given_names = PlaceFinder.load_not_places(given_file) if given_file.exists() else []
        return cls(gazetteer, lexicon, not_places, given_names=given_names, engine=engine_id(data))

    def parse(self, article: Article) -> ParsedArticle:
        """Find and resolve every place and actor of ``article``.

        The title's places are context for resolving the body's (see
        :func:`geo.places.resolve_places`) unless the text opens with the
        title; every mention is in the body. A hard-wrapped text is read with
        its paragraphs' line breaks as spaces (:func:`geo.sentences.unwrap_lines`);
        offsets and mention texts are the article's.
        """
        text = unwrap_lines(article.text)
        lexicon = self.lexicon.at(self.date_of(article, text))
        headline: list[PlaceMention] = []
        if article.title and not _opens_with(text, article.title):  # (HTML text often does)
            # names the gazetteer has; one placed by a guess (fuzzy, sibling) is too weak a clue
            headline = [pm for pm in self._analyse(article.title, lexicon)[2] if pm.method == "exact"]
        sentences, actors, places, unresolved = self._analyse(text, lexicon, headline,
                                                              _title_end(text, article.title))
        if text is not article.text:  # a name read across a line break is the file's text, break and all
            original = article.text
            places = [replace(m, text=original[m.start:m.end]) for m in places]
            actors = [replace(m, text=original[m.start:m.end]) for m in actors]
            unresolved = [replace(m, text=original[m.start:m.end]) for m in unresolved]
        return new_parsed_article(article, tuple(places), tuple(actors), tuple(unresolved), tuple(sentences),
                                  self.engine)

    def date_of(self, article: Article, text: str | None = None) -> dt.date | None:
        """The date the lexicon reads ``article`` as of (its dated phrases: ``data/ACTORS.md``).

        Its own date; else the first date written in its opening ("Published 24.10.2024",
        "4 April 2025 Aleppo SANA-"); else, if it names an era ("after the fall of the Assad
        regime"), the era's start; else None. ``text``: the article's text as read.
        """
        if article.date is not None:
            return article.date
        text = article.text if text is None else text
        return opening_date(text) or self.lexicon.era_of(text)

    def _analyse(self, text: str, lexicon: ActorLexicon, headline: Sequence[PlaceMention] = (),
                 headline_end: int = 0) -> tuple[
            list[tuple[int, int]], list[ActorMention], list[PlaceMention], list[Span]]:
        """Sentences, actors, resolved places and unresolved names of one text."""
        sentences = split_sentences(text)
        body, read = text, sentences
        end = furniture_start(text)
        if end is not None:  # the page's furniture after the story is read for nothing
            body = text[:end]
            read = [(a, min(b, end)) for a, b in sentences if a < end]
        actors = find_actors(body, lexicon, read)
        loose: list[Span] = []
        matches, unknown = self.finder.find(body, _actor_spans(actors, self._seats), loose)
        places, unresolved = resolve_places(body, matches, unknown, self.gazetteer, read,
                                            actors, self.options, headline, headline_end, loose)
        return sentences, actors, places, unresolved


#: The modules whose code decides what is found in a text.
ENGINE_MODULES: Final = ("actors.py", "gazetteer.py", "model.py", "names.py", "pipeline.py", "places.py", "sentences.py")
#: The data files in the data folder that the pipeline reads (and what they are built from).
ENGINE_DATA_SUFFIXES: Final = (".csv", ".txt", ".gz")


def engine_id(data_dir: Path | None = None) -> str:
    """A short id of the engine: a hash of the code of :data:`ENGINE_MODULES` and of the
    data files at the top of ``data_dir`` (gazetteer, lexicon, word lists). Another
    release, an edited lexicon or a rebuilt gazetteer gives another id (~10 ms)."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    data = Path(data_dir) if data_dir else config.data_dir()
    files = [here / name for name in ENGINE_MODULES]
    files += sorted(p for p in data.iterdir() if p.is_file() and p.suffix in ENGINE_DATA_SUFFIXES) \
        if data.is_dir() else []
    for path in files:
        digest.update(path.name.encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"(missing)")
    return digest.hexdigest()[:16]


#: How far into a text its dateline's date is looked for (after its headline and byline).
OPENING_DATE_REACH: Final = 400
_MONTHS: Final = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")), 1) for name in names}
_MONTH: Final = r"(?P<{}>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_OPENING_DATE: Final = re.compile(
    r"\b(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH.format("m1") + r",?\s*(?P<y1>(?:19|20)\d\d)"
    r"|" + _MONTH.format("m2") + r"\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s*(?P<y2>(?:19|20)\d\d)"
    r"|(?P<d3>\d{1,2})(?P<sep>[.\-])(?P<m3>\d{1,2})(?P=sep)(?P<y3>(?:19|20)\d\d)"
    r"|(?P<y4>(?:19|20)\d\d)-(?P<m4>\d\d)-(?P<d4>\d\d))(?!\d)", re.IGNORECASE)


def opening_date(text: str) -> dt.date | None:
    """The first date written in the opening of ``text`` (its dateline), or None.

    Day and month name ("4 April 2025", "Sun 29 Apr 2018"), month name and day ("Aug
    15,2012", "Mon Oct 16 2017"), day first with dots or dashes ("24.10.2024", "14-08-2014")
    and ISO ("2025-04-04"); slashed dates, whose order a text does not say, are left.

    >>> opening_date("Published 24.10.2024 Turkish warplanes struck"), opening_date("Aug 15,2012 - AFP")
    (datetime.date(2024, 10, 24), datetime.date(2012, 8, 15))
    >>> opening_date("Security forces deploy in Aleppo 4 April 2025 Aleppo SANA-")
    datetime.date(2025, 4, 4)
    >>> opening_date("Shells hit Idlib on 31 February 2016.") is None
    True
    """
    # (the regex's alternatives, tried at each of 400 positions, cost about 200,000 instructions a
    # text: it is tried only around a year, which every date it reads has; same answers as
    # _opening_date_everywhere, the spec, which tests check it against)
    if _LONG_SPACE.search(text, 0, OPENING_DATE_REACH):
        return _opening_date_everywhere(text)  # (a date may spread further around its year)
    for year in _YEAR.finditer(text, 0, OPENING_DATE_REACH):
        at = year.start()
        # (single spaces: 17 characters before the year; a run of 2-7 white spaces: up to 29)
        before = _BEFORE_YEAR if _TWO_SPACES.search(text, max(0, at - _BEFORE_YEAR), at) else _BEFORE_YEAR_SINGLE
        found = _first_date(_OPENING_DATE.finditer(text, max(0, at - before),
                                                   min(OPENING_DATE_REACH, year.end() + _AFTER_YEAR)))
        if found is not None:
            return found
    return None


#: A year as the dates of _OPENING_DATE write it, and how far around it such a date can be: it
#: starts at most 29 characters before the year with no run of 8 white spaces ("14th September,
#: 2012", "September. 15th, 2012" with 7 at each space), and ends at most 6 after it ("2012-08-15"),
#: with one more for its (?!\d)
_YEAR: Final = re.compile(r"(?:19|20)\d\d(?!\d)")  # (glued: "Oct 142016")
_LONG_SPACE: Final = re.compile(r"\s{8}")
_BEFORE_YEAR: Final = 40
_BEFORE_YEAR_SINGLE: Final = 17
_TWO_SPACES: Final = re.compile(r"\s\s")
_AFTER_YEAR: Final = 7


def _opening_date_everywhere(text: str) -> dt.date | None:
    """:func:`opening_date` with its regex tried at every position: the spec of its fast path."""
    return _first_date(_OPENING_DATE.finditer(text, 0, OPENING_DATE_REACH))


def _first_date(matches: Iterator[re.Match[str]]) -> dt.date | None:
    """The date of the first of ``matches`` (of _OPENING_DATE) that is one."""
    for found in matches:
        for n in "1234":
            if found.group("y" + n):
                month = found.group("m" + n)
                try:
                    return dt.date(int(found.group("y" + n)), _MONTHS[month.lower()] if n in "12" else int(month),
                                   int(found.group("d" + n)))
                except ValueError:
                    break  # not a date ("31 February"): the next one
    return None


def _opens_with(text: str, title: str) -> bool:
    """True if the text starts with its title: the title's places are mentions already."""
    return text.lstrip().startswith(title.strip())


#: How far into the text its title may start (after a date, a byline: "April 5 2017 by ...").
_TITLE_REACH: Final = 160
#: The title's last characters, looked for in the text: its opening often differs ('"Chemical"
#: Massacre in Idlib' for 'Chemical Massacre in Idlib').
_TITLE_TAIL: Final = 24


def _title_end(text: str, title: str | None) -> int:
    """Where the text's copy of its title ends, if the text opens with one (else 0)."""
    title = (title or "").strip()
    if len(title) < _TITLE_TAIL:
        at = text.find(title, 0, _TITLE_REACH + len(title)) if title else -1
        return at + len(title) if at >= 0 else 0
    tail = title[-_TITLE_TAIL:]
    at = text.find(tail, 0, _TITLE_REACH + len(title))
    return at + len(tail) if at >= 0 else 0


# A news site's list of other stories after the article ("Related News", Reuters's "Related
# Coverage", Sputnik's "... 48 Related" after the view count), and the site's footer after it
# (written so that each alternative opens with a literal character, which lets the engine skip
# in C to where one of them is: "\b" before a word's first letter is "(?<!\w.)" after it, and the
# view count's forms each take the words after them; "\b" first, and a group first, made it try
# every alternative at every position of the page's last 2,000 characters)
_RELATED_AFTER_COUNT: Final = r"[ \t]+(?:Topic|Related)\b"
_RELATED: Final = re.compile(r"R(?<!\w.)elated[ \t]+(?:News|Coverage|Articles|Stories)\b"
                      rf"|\.\.\.[ \t]*\d+{_RELATED_AFTER_COUNT}|\(\d+\){_RELATED_AFTER_COUNT}"
                      rf"|V(?<!\w.)iews[ \t]+\d+{_RELATED_AFTER_COUNT}")
_FOOTER: Final = re.compile(r"Community standards|Comment via Facebook|FOLLOW TRTWORLD|Follow us on|Subscribe to our"
                     r"|\bTags\b", re.IGNORECASE)
#: The most text a list of other stories and a footer take: more after the list is the story going on
#: (Reuters sets its "Related Coverage" box inside the story).
FURNITURE_MAX: Final = 2_000


def furniture_start(text: str) -> int | None:
    """Where a page's furniture after the story starts: a list of other stories' headlines
    with the site's footer after it, at the end of the text. Its names are other stories'
    places and actors, not this one's. None if the text has none.

    >>> furniture_start("Shells hit Idlib. ... 48 Related Army Kills Dozens in Hama Tags Syria Community standards")
    18
    >>> furniture_start("Shells hit Idlib. Related Coverage Aid reaches Homs. The shelling went on all day.") is None
    True
    """
    start = max(0, len(text) - FURNITURE_MAX)
    if text.find("Related", start) == -1 and text.find("Topic", start) == -1:
        return None  # (most texts: the regex, tried at every position, is not run over them)
    for related in _RELATED.finditer(text, start):
        if _has_footer(text, related.end()):
            return related.start()
    return None


#: _FOOTER's phrases, lower-cased.
_FOOTER_PHRASES: Final = ("community standards", "comment via facebook", "follow trtworld", "follow us on",
                          "subscribe to our", "tags")


def _has_footer(text: str, start: int) -> bool:
    """True if _FOOTER matches in the text from ``start`` on.

    The regex, whose phrases open with no one character (each read in any case), is tried at
    each position (in a long text beyond ASCII, half a million instructions); so the text is
    read without it, lower-cased: a phrase in it, "tags" with no word character either side
    (the regex's "\\b" sees the character before ``start`` too). Lower-casing keeps every
    other character's offset, and its IGNORECASE reads as it does but for "\u0130" (which
    lower-cases to two characters), "\u0131" and "\u017f" (read as i and s): a text with
    one of them is left to the regex.
    """
    rest = text[start:]
    if not rest.isascii() and ("\u0130" in rest or "\u0131" in rest or "\u017f" in rest):
        return _FOOTER.search(text, start) is not None
    low = rest.lower()
    for phrase in _FOOTER_PHRASES:
        if phrase != "tags" and phrase in low:
            return True
    at = low.find("tags")
    while at >= 0:
        if not (start + at > 0 and _is_word_char(text[start + at - 1])) \
                and not (at + 4 < len(low) and _is_word_char(text[start + at + 4])):
            return True
        at = low.find("tags", at + 1)
    return False


def _is_word_char(char: str) -> bool:
    """True if ``char`` is a word character to the regexes (\\w): a letter or digit, or "_"."""
    return char.isalnum() or char == "_"


def _actor_spans(actors: Sequence[ActorMention], seats: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Spans of named actors ("Ahrar al-Sham"), inside which no place is sought.

    Coreferent phrases ("the two groups") name no place and block nothing, nor does a city
    standing for its state (``seats``: "Tel Aviv is worried" is Israel and a place, as
    "Ankara, Moscow and Tehran" in the seeds are).
    """
    return [(a.start, a.end) for a in actors if not a.coref and a.text not in seats]
