"""Tests for geo.store: schema, transactions, queries and the integrity check."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from dataclasses import replace

import pytest

from conftest import store_totals
from geo.errors import StoreError
from geo.model import ActorMention, Article, ParsedArticle, Place, PlaceMention, Span
from geo.sentences import split_sentences
from geo.store import MIGRATIONS, ActorCount, Filters, MentionIndex, Store

IDLIB = Place("wof:85678373", "Idlib Governorate", "governorate", 35.7684, 36.6717, "SY", "Idleb",
              names=("Idlib", "Idleb"), wof_id=85678373)
SARAQEB = Place("wof:1", "Saraqib", "town", 35.8647, 36.8006, "SY", "Idleb", names=("Saraqeb",))
HAMA = Place("wof:2", "Hama", "town", 35.1318, 36.7578, "SY", "Hama")
GENEVA = Place("gn:2660646", "Geneva", "town", 46.2022, 6.1457, "CH")
PLACES = {"Idlib": IDLIB, "Saraqeb": SARAQEB, "Hama": HAMA, "Geneva": GENEVA}
ACTORS = {
    "Daesh": ("Daesh", "jihadist"),
    "HTS": ("Hayat Tahrir al-Sham", "jihadist"),
    "the regime": ("Assad regime", "government and allies"),
    "Russia": ("Russia", "foreign state"),
}


def find(text: str, surface: str, nth: int = 0) -> tuple[int, int]:
    """The offsets of the ``nth`` occurrence of ``surface`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return start, start + len(surface)


def parsed(text: str, *, id: str = "a1", title: str | None = "Title", source: str | None = "AA",
           date: dt.date | None = dt.date(2017, 10, 9), unresolved: tuple[str, ...] = (),
           coref: tuple[tuple[str, str], ...] = ()) -> ParsedArticle:
    """A ParsedArticle with every known place and actor surface of ``text`` found."""
    places = [PlaceMention(s, *span, PLACES[s], 0.9) for s in PLACES
              for i in range(text.count(s)) for span in [find(text, s, i)]]
    actors = [ActorMention(s, *find(text, s, i), *ACTORS[s]) for s in ACTORS for i in range(text.count(s))]
    actors += [ActorMention(s, *find(text, s), name, "jihadist", coref=True) for s, name in coref]
    spans = tuple(Span(s, *find(text, s)) for s in unresolved)
    article = Article(id, text, title, source, date, path=f"{id}.txt")
    return ParsedArticle(article, tuple(places), tuple(actors), spans, tuple(split_sentences(text)))


TEXT_1 = ("Daesh attacked Saraqeb in Idlib. Russia bombed Hama.\n"
          "Talks in Geneva went on. HTS and Daesh clashed near Zerzur; the two groups fought in Idlib.")
TEXT_2 = "The regime shelled Hama. Saraqeb was calm."


@pytest.fixture
def store() -> Store:
    with Store(":memory:") as s:
        yield s


@pytest.fixture
def filled(store: Store) -> Store:
    store.save_article(parsed(TEXT_1, unresolved=("Zerzur",), coref=(("the two groups", "Daesh"),
                                                                     ("the two groups", "Hayat Tahrir al-Sham"))))
    store.save_article(parsed(TEXT_2.replace("The regime", "the regime"), id="a2", source="SANA",
                              title="Hama news", date=dt.date(2017, 11, 2)))
    return store


def test_new_store_is_migrated_and_empty(store: Store) -> None:
    assert store.applied_migrations() == [name for name, _ in MIGRATIONS]
    assert store.stats() == {"articles": 0, "place_mentions": 0, "places": 0, "actor_mentions": 0, "unresolved": 0}
    assert store.check() == []


def test_file_store_uses_wal_and_creates_folder(tmp_path) -> None:
    path = tmp_path / "sub" / "geo.sqlite"
    with Store(path) as s:
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with Store(path) as s:  # reopening applies nothing twice
        assert s.applied_migrations() == [name for name, _ in MIGRATIONS]


def test_default_path_comes_from_config(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("GEO_DB", str(tmp_path / "env.sqlite"))
    with Store() as s:
        assert s.path == str(tmp_path / "env.sqlite")


def test_unreadable_file_raises_store_error(tmp_path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError, match="bad.sqlite"):
        Store(bad)


def test_new_migration_is_applied_once(tmp_path, monkeypatch) -> None:
    import geo.store as store_module

    path = tmp_path / "geo.sqlite"
    Store(path).close()
    calls = []
    extra = ("0002_test", lambda conn: calls.append(conn.execute("CREATE TABLE t (x)")))
    monkeypatch.setattr(store_module, "MIGRATIONS", (*MIGRATIONS, extra))
    Store(path).close()
    with Store(path) as s:
        assert s.applied_migrations() == [*(name for name, _ in MIGRATIONS), "0002_test"]
    assert len(calls) == 1


def test_save_article_writes_everything(filled: Store) -> None:
    assert filled.stats() == {"articles": 2, "place_mentions": 7, "places": 4, "actor_mentions": 7, "unresolved": 1}
    assert filled.has_article("a1") and not filled.has_article("zz")
    assert filled.check() == []


def test_save_article_twice_writes_nothing(filled: Store) -> None:
    before = filled.stats()
    assert filled.save_article(parsed(TEXT_2, id="a2")) is False
    assert filled.stats() == before


def test_mismatched_span_is_refused_and_nothing_written(store: Store) -> None:
    good = parsed(TEXT_1)
    bad_mention = PlaceMention("Hama", 0, 4, HAMA, 0.5)
    with pytest.raises(StoreError, match="'Hama' at 0..4"):
        store.save_article(ParsedArticle(good.article, good.places + (bad_mention,), good.actors))
    assert store.stats()["articles"] == 0


def test_failed_write_rolls_back_the_whole_article(store: Store) -> None:
    good = parsed(TEXT_1)
    with pytest.raises(StoreError, match="UNIQUE"):
        store.save_article(ParsedArticle(good.article, good.places + good.places[:1], good.actors))
    assert store.stats() == {"articles": 0, "place_mentions": 0, "places": 0, "actor_mentions": 0, "unresolved": 0}


def test_sentences_are_split_when_missing(store: Store) -> None:
    p = parsed(TEXT_2)
    store.save_article(ParsedArticle(p.article, p.places, p.actors))
    assert store.article("a1").sentences == tuple(split_sentences(TEXT_2))


def test_article_round_trips(filled: Store) -> None:
    original = parsed(TEXT_1, unresolved=("Zerzur",), coref=(("the two groups", "Daesh"),
                                                            ("the two groups", "Hayat Tahrir al-Sham")))
    stored = filled.article("a1")
    assert stored.article == original.article
    assert set(stored.places) == set(original.places)
    assert set(stored.actors) == set(original.actors)
    assert stored.unresolved == original.unresolved
    assert filled.article("missing") is None


def test_place_counts_counts_mentions_articles_and_sentence_actors(filled: Store) -> None:
    counts = {c.place_id: c for c in filled.place_counts(Filters())}
    idlib = counts[IDLIB.id]
    assert (idlib.mentions, idlib.articles) == (2, 1)
    # sentence 1 names Daesh; the last sentence names HTS, Daesh and (coref) both again
    assert idlib.actors == {"Daesh": 2, "Hayat Tahrir al-Sham": 1}
    assert idlib.top_category == "jihadist"
    assert counts[HAMA.id].actors == {"Assad regime": 1, "Russia": 1}
    assert counts[GENEVA.id].top_category is None
    assert [c.name for c in filled.place_counts(Filters())] == ["Hama", "Idlib Governorate", "Saraqib", "Geneva"]


@pytest.mark.parametrize("f, expected", [
    (Filters(actors=("Russia",)), {HAMA.id}),
    (Filters(actors=("Russia", "Assad regime")), {HAMA.id}),
    (Filters(categories=("jihadist",)), {IDLIB.id, SARAQEB.id}),
    (Filters(places=(GENEVA.id,)), {GENEVA.id}),
    (Filters(governorates=("Hama",)), {HAMA.id}),
    (Filters(sources=("SANA",)), {HAMA.id, SARAQEB.id}),
    (Filters(date_from=dt.date(2017, 11, 2)), {HAMA.id, SARAQEB.id}),
    (Filters(date_to=dt.date(2017, 10, 9)), {IDLIB.id, SARAQEB.id, HAMA.id, GENEVA.id}),
    (Filters(text="TALKS"), {GENEVA.id}),
    (Filters(text="hama news"), {HAMA.id, SARAQEB.id}),
    (Filters(sources=("AA",), actors=("Assad regime",)), set()),
])
def test_filters_select_place_mentions(filled: Store, f: Filters, expected: set[str]) -> None:
    assert {c.place_id for c in filled.place_counts(f)} == expected


def test_actor_counts_filter_actor_mentions_by_their_sentence(filled: Store) -> None:
    assert filled.actor_counts(Filters(places=(HAMA.id,))) == [
        ActorCount("Assad regime", "government and allies", 1, 1), ActorCount("Russia", "foreign state", 1, 1)]
    assert [c.actor for c in filled.actor_counts(Filters(actors=("Daesh",)))] == ["Daesh"]
    assert filled.actor_counts(Filters())[0] == ActorCount("Daesh", "jihadist", 3, 1)


def test_excerpts_rank_by_actors_then_date(filled: Store) -> None:
    excerpts = filled.excerpts(IDLIB.id, Filters())
    assert len(excerpts) == 2
    best = excerpts[0]
    assert {a.actor for a in best.actors} == {"Daesh", "Hayat Tahrir al-Sham"}
    s, e = best.place_span
    assert best.sentence[s:e] == "Idlib"
    assert all(best.sentence[a.start:a.end] == a.text for a in best.actors)
    newest_first = [x.article_id for x in filled.excerpts(SARAQEB.id, Filters(), limit=5)]
    assert newest_first == ["a1", "a2"]  # a1 has an actor (Daesh), a2 none
    assert filled.excerpts(SARAQEB.id, Filters(), limit=1)[0].article_id == "a1"


def test_excerpts_carry_their_article_s_file(filled: Store) -> None:
    # an untitled article (a text file) is named by its file wherever an excerpt shows
    assert {(x.article_id, x.path) for x in filled.excerpts(SARAQEB.id, Filters(), limit=5)} == {
        ("a1", "a1.txt"), ("a2", "a2.txt")}
    bulk = filled.excerpts_for_places((SARAQEB.id,), Filters(), limit_per_place=5)
    assert {x.path for x in bulk[SARAQEB.id]} == {"a1.txt", "a2.txt"}


def test_timeline_counts_actor_mentions_per_month(filled: Store) -> None:
    timeline = filled.timeline(Filters(actors=("Daesh", "Assad regime")))
    assert timeline == [(dt.date(2017, 10, 1), "Daesh", 3), (dt.date(2017, 11, 1), "Assad regime", 1)]


def test_mentions_rows_are_flat_with_sentence_actors(filled: Store) -> None:
    rows = list(filled.mentions(Filters(places=(HAMA.id,))))
    assert [(r.article_id, r.surface, r.actors) for r in rows] == [("a1", "Hama", "Russia"),
                                                                   ("a2", "Hama", "Assad regime")]
    assert rows[0].sentence == "Russia bombed Hama." and rows[0].admin1 == "Hama"
    assert len(list(filled.mentions(Filters()))) == filled.stats()["place_mentions"]


def test_facets_list_values_with_counts(filled: Store) -> None:
    facets = filled.facets()
    assert facets.sources == (("AA", 1), ("SANA", 1))
    assert facets.governorates == (("Idleb", 4), ("Hama", 2))
    assert facets.categories[0] == ("jihadist", 5)
    assert (facets.date_min, facets.date_max) == (dt.date(2017, 10, 9), dt.date(2017, 11, 2))
    assert {p.place_id for p in facets.places} == {IDLIB.id, SARAQEB.id, HAMA.id, GENEVA.id}


@pytest.mark.parametrize("kwargs", [
    {"actors": "Daesh"}, {"places": ("",)}, {"date_from": "2017-01-01"},
    {"date_from": dt.date(2018, 1, 1), "date_to": dt.date(2017, 1, 1)}, {"text": 3},
])
def test_bad_filters_are_refused(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        Filters(**kwargs)


def test_check_finds_a_deleted_sentence(tmp_path) -> None:
    path = tmp_path / "geo.sqlite"
    with Store(path) as s:
        s.save_article(parsed(TEXT_1))
    raw = sqlite3.connect(path)
    raw.execute("DELETE FROM sentences WHERE idx = 0")
    raw.commit()
    raw.close()
    with Store(path) as s:
        problems = s.check()
    assert any("foreign_key_check" in p for p in problems)
    assert any("counts differ" in p for p in problems)


def test_check_finds_a_shifted_mention(tmp_path) -> None:
    path = tmp_path / "geo.sqlite"
    with Store(path) as s:
        s.save_article(parsed(TEXT_1))
        s.conn.execute("UPDATE place_mentions SET char_start = char_start + 1 WHERE surface = 'Hama'")
        assert any("does not match the article text" in p for p in s.check())


def test_store_refuses_use_from_another_thread(store: Store) -> None:
    errors = []
    thread = threading.Thread(target=lambda: errors.append(_try(store.stats)))
    thread.start()
    thread.join()
    assert isinstance(errors[0], sqlite3.ProgrammingError)


def _try(fn):
    try:
        return fn()
    except sqlite3.ProgrammingError as exc:
        return exc


@pytest.mark.parametrize("needle, hits", [("ÉCOLE", 1), ("école", 1), ("50%", 1), ("5_%", 0), ("_", 0)])
def test_text_filter_is_a_case_insensitive_literal_substring(store: Store, needle: str, hits: int) -> None:
    store.save_article(parsed("Shelling hit an école in Hama, 50% destroyed."))
    assert len(store.place_counts(Filters(text=needle))) == hits


def test_readers_never_see_a_half_written_article_and_writers_wait(tmp_path) -> None:
    path = tmp_path / "geo.sqlite"
    with Store(path) as writer, Store(path) as reader, Store(path, timeout=0.2) as impatient:
        with writer.atomic() as conn:
            conn.execute("INSERT INTO articles (id, text, n_sentences, n_places, n_actors, n_unresolved, "
                         "added_at) VALUES ('x', 'Hama.', 1, 0, 0, 0, 'now')")
            assert reader.stats()["articles"] == 0  # WAL: the reader sees the last commit, without waiting
            with pytest.raises(StoreError, match="locked"):
                impatient.save_article(parsed(TEXT_2))  # waited 0.2 s for the writer, then gave up
            conn.execute("INSERT INTO sentences VALUES ('x', 0, 0, 5, 'Hama.')")
        assert reader.stats()["articles"] == 1
        assert reader.check() == []


def test_mention_outside_every_sentence_is_refused(store: Store) -> None:
    p = parsed(TEXT_2)
    with pytest.raises(StoreError, match="in no sentence"):
        store.save_article(ParsedArticle(p.article, p.places, p.actors, sentences=((25, 42),)))


def _old_store(path, source: Store) -> None:
    """A store at ``path`` as 0001_initial left it, holding ``source``'s rows."""
    raw = sqlite3.connect(path)
    MIGRATIONS[0][1](raw)
    raw.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    raw.execute("INSERT INTO migrations VALUES ('0001_initial', '2026-01-01T00:00:00+00:00')")
    for table in ("articles", "sentences", "places", "place_mentions", "actor_mentions", "unresolved"):
        columns = [r[1] for r in raw.execute(f"PRAGMA table_info({table})")]
        rows = source.conn.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
        raw.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(columns))})", rows)
    raw.commit()
    raw.close()


def test_old_store_upgrades_keeping_its_rows_and_filling_the_totals(filled: Store, tmp_path) -> None:
    path = tmp_path / "old.sqlite"
    _old_store(path, filled)
    with Store(path) as s:
        assert s.applied_migrations() == [name for name, _ in MIGRATIONS]
        assert s.stats() == filled.stats()
        assert s.check() == []
        assert s.place_counts() == filled.place_counts()
        assert s.actor_counts() == filled.actor_counts()
        assert s.facets() == filled.facets()
        assert s.excerpts(SARAQEB.id) == filled.excerpts(SARAQEB.id)
        assert s.version()[1] == 2  # the generation starts at the articles already there
        assert s.count_read_by_others("any") == 2 and s.article("a1").engine is None  # engine unknown


def test_totals_agree_with_grouping_the_mentions(filled: Store) -> None:
    assert filled._place_counts(Filters(), totals=True) == filled._place_counts(Filters(), totals=False)
    assert filled._actor_counts(Filters(), totals=True) == filled._actor_counts(Filters(), totals=False)
    assert filled.check() == []


def test_check_finds_totals_that_drifted(filled: Store) -> None:
    filled.conn.execute("UPDATE place_totals SET mentions = mentions + 1 WHERE place_id = ?", (HAMA.id,))
    filled.conn.execute("DELETE FROM actor_totals WHERE actor = 'Russia'")
    problems = filled.check()
    assert any(p.startswith("place totals differ") and HAMA.id in p for p in problems)
    assert any(p.startswith("actor totals differ") and "Russia" in p for p in problems)


def test_version_changes_with_each_article_written(store: Store) -> None:
    store_id, first = store.version()
    assert store_id and first == 0
    store.save_article(parsed(TEXT_1))
    assert store.version() == (store_id, 1)
    store.save_article(parsed(TEXT_1))  # already stored: nothing written
    assert store.version() == (store_id, 1)
    with Store(":memory:") as other:
        assert other.version()[0] != store_id


def test_excerpts_for_places_match_one_query_per_place(filled: Store) -> None:
    ids = [IDLIB.id, SARAQEB.id, HAMA.id, GENEVA.id, "wof:nowhere"]
    for f in (Filters(), Filters(actors=("Daesh",)), Filters(text="hama")):
        bulk = filled.excerpts_for_places(ids, f, limit_per_place=1)
        assert set(bulk) <= set(ids[:4])
        for place_id in ids:
            assert bulk.get(place_id, []) == filled.excerpts(place_id, f, limit=1)
    assert [len(v) for v in filled.excerpts_for_places([SARAQEB.id], limit_per_place=5).values()] == [2]
    assert filled.excerpts_for_places([], Filters()) == {}


def test_excerpts_for_places_refuses_a_bare_string(filled: Store) -> None:
    with pytest.raises(ValueError, match="string"):
        filled.excerpts_for_places(SARAQEB.id)


@pytest.mark.parametrize("f", [
    Filters(), Filters(actors=("Daesh",)), Filters(actors=("Daesh", "Russia")), Filters(categories=("jihadist",)),
    Filters(actors=("Daesh",), categories=("foreign state",)), Filters(places=(HAMA.id, "wof:nowhere")),
    Filters(governorates=("Idleb",)), Filters(sources=("SANA",)), Filters(sources=("nobody",)),
    Filters(date_from=dt.date(2017, 11, 1)), Filters(date_to=dt.date(2017, 10, 9)),
    Filters(actors=("Assad regime",), governorates=("Hama",), date_from=dt.date(2017, 1, 1)),
    # text: in the sentence or the title; ASCII in any case (as LIKE), other text casefolded
    Filters(text="hama"), Filters(text="HAMA"), Filters(text=" daesh LEFT "), Filters(text="news"),
    Filters(text="é calm"), Filters(text="ÉTÉ"), Filters(text="straße"), Filters(text="no such words"),
    Filters(text="100%"), Filters(text="a_b"), Filters(text="Idlib", actors=("Russia",)),
    # Arabic spellings folded: alef forms, ta marbuta, vowel marks
    Filters(text="ادلب"), Filters(text="إدلبَ"), Filters(text="مدينه"),
])
def test_mention_index_counts_as_the_store_does(filled: Store, f: Filters) -> None:
    filled.save_article(parsed("Daesh left Hama. Nothing else.", id="a3", source=None, date=None))
    filled.save_article(parsed("Été calm in Hama, STRASSE 100% a_b.", id="a4", title=None))
    filled.save_article(parsed("قصفت الطائرات مدينةَ إدلب قرب Hama.", id="a5", title=None))
    index = MentionIndex.load(filled)
    assert index.version == filled.version()
    assert index.place_counts(f) == filled._place_counts(f, totals=False)


@pytest.mark.parametrize("f", [Filters(), Filters(actors=("Daesh",)), Filters(categories=("foreign state",)),
                               Filters(sources=("SANA",)), Filters(date_from=dt.date(2017, 11, 1)),
                               Filters(text="calm"), Filters(text="NEWS")])
def test_mention_index_chooses_the_excerpts_the_store_does(filled: Store, f: Filters) -> None:
    filled.save_article(parsed("Daesh left Hama. Hama and Saraqeb were calm; Russia watched Hama.", id="a3",
                               date=None))
    ids = [HAMA.id, SARAQEB.id, "wof:nowhere", IDLIB.id]
    index = MentionIndex.load(filled)
    for limit in (1, 2, 5):
        assert filled.excerpts_of(index.excerpt_keys(ids, f, limit)) == filled.excerpts_for_places(ids, f, limit)


def test_the_place_facets_carry_the_arabic_names(seed_db):
    # the dashboard's place list is searchable in Arabic through them
    with Store(seed_db) as store:
        by_name = {p.name: p for p in store.facets().places}
    assert by_name["Saraqib"].name_ar == "سراقب"


@pytest.mark.parametrize("needle", ["ادلب", "إدلب", "مدينه", "مدينة"])
def test_an_arabic_text_filter_folds_spellings(store: Store, needle: str) -> None:
    store.save_article(parsed("قصفت الطائرات مدينةَ إدلب قرب Hama.", title=None))
    assert [p.name for p in store.place_counts(Filters(text=needle))] == ["Hama"]


def test_replace_article_writes_a_new_reading_over_the_old_one(filled: Store) -> None:
    # the old reading: Saraqeb read as Hama's town, Geneva and an actor missed
    new = parsed(TEXT_1, unresolved=("Zerzur",), coref=(("the two groups", "Daesh"),
                                                         ("the two groups", "Hayat Tahrir al-Sham")))
    old = ParsedArticle(new.article, tuple(m if m.text != "Saraqeb" else PlaceMention(
        m.text, m.start, m.end, Place("wof:9", "Sarakib", "village", 35.0, 36.0, "SY", "Hama"), 0.4)
        for m in new.places if m.text != "Geneva"), new.actors[1:], (), new.sentences)
    with Store(":memory:") as fresh, Store(":memory:") as reread:
        for s in (fresh, reread):
            s.save_article(parsed(TEXT_2.replace("The regime", "the regime"), id="a2", source="SANA",
                                  title="Hama news", date=dt.date(2017, 11, 2)))
        fresh.save_article(new)
        reread.save_article(old)
        added_at = reread.article("a1").added_at
        version = reread.version()
        assert reread.replace_article(new) is True
        assert reread.version() != version  # the dashboard's caches see the change
        assert reread.check() == []  # totals, counts, sentences and places all agree with the rows
        assert store_totals(reread) == store_totals(fresh)  # as if the new reading had been ingested
        assert reread.stats() == fresh.stats()
        assert "wof:9" not in {p for (p,) in store_totals(reread)[3]}  # the old reading's place is gone
        stored = reread.article("a1")
        assert stored.parsed == fresh.article("a1").parsed and stored.added_at == added_at
        version = reread.version()
        assert reread.replace_article(new) is False  # the same reading: nothing written
        assert reread.version() == version
        # the same reading by another engine: only the article's engine is written
        assert reread.count_read_by_others("e2") == 2 and sorted(reread.article_ids("e2")) == ["a1", "a2"]
        assert reread.replace_article(replace(new, engine="e2")) is False
        assert reread.article("a1").engine == "e2" and reread.article_ids("e2") == ["a2"]
        assert reread.article("a1").parsed == fresh.article("a1").parsed and reread.check() == []
        assert reread.version() != version  # (the dashboard's count of older readings follows)
        assert reread.mark_read_by("e3") == 2 and reread.count_read_by_others("e3") == 0
        assert reread.mark_read_by("e3") == 0 and reread.check() == []


def test_replace_article_takes_off_what_the_new_reading_lacks(filled: Store) -> None:
    # the reverse of the test above: the new reading drops a place (Geneva) and an actor (Russia,
    # named in this article only): their totals go, and Geneva's place row
    current = parsed(TEXT_1, unresolved=("Zerzur",))
    fewer = ParsedArticle(current.article, tuple(m for m in current.places if m.text != "Geneva"),
                          tuple(m for m in current.actors if m.actor != "Russia"), (), current.sentences)
    with Store(":memory:") as reread, Store(":memory:") as fresh:
        reread.save_article(current)
        fresh.save_article(fewer)
        assert reread.replace_article(fewer) is True
        assert reread.check() == [] and store_totals(reread) == store_totals(fresh) and reread.stats() == fresh.stats()
        assert ("Russia", "foreign state") not in {(a, c) for a, c, *_ in store_totals(reread)[2]}
        assert ("gn:2660646",) not in store_totals(reread)[3]  # Geneva is mentioned no more


def test_replace_article_refuses_an_unknown_article_and_writes_nothing(filled: Store) -> None:
    before = (filled.stats(), store_totals(filled), filled.version())
    with pytest.raises(StoreError, match="not in the store"):
        filled.replace_article(parsed(TEXT_2, id="nope"))
    bad = parsed(TEXT_2, id="a2")
    bad = ParsedArticle(bad.article, (PlaceMention("Hama", 0, 4, HAMA, 0.9),), (), (), bad.sentences)
    with pytest.raises(StoreError):  # "The " is not "Hama": refused before anything is written
        filled.replace_article(bad)
    assert (filled.stats(), store_totals(filled), filled.version()) == before
