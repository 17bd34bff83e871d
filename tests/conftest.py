"""Shared fixtures. Keep the expensive ones session-scoped."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


@pytest.fixture(scope="session")
def pipeline():
    """The pipeline on the shipped data (loaded once per test session)."""
    from geo.pipeline import Pipeline

    return Pipeline.default()


@pytest.fixture(scope="session")
def gaz():
    """The shipped gazetteer (loaded once per test session)."""
    from geo.gazetteer import Gazetteer

    return Gazetteer.load()


def places_by_surface(pipeline, text: str) -> dict:
    """Surface -> resolved place of every place mention of ``text``."""
    from geo.model import Article

    return {pm.text: pm.place for pm in pipeline.parse(Article(id="x", text=text)).places}


def store_totals(store) -> tuple:
    """A store's total tables and place ids, sorted: what two stores holding the same
    readings must agree on (a re-read or a replaced article against a fresh ingest)."""
    q = store.conn.execute
    return (q("SELECT * FROM place_totals ORDER BY 1").fetchall(),
            q("SELECT * FROM place_actor_totals ORDER BY 1, 2, 3").fetchall(),
            q("SELECT * FROM actor_totals ORDER BY 1, 2").fetchall(),
            q("SELECT id FROM places ORDER BY 1").fetchall())


# --------------------------------------------------------------------------- dashboard stores
# A hand-made store (no pipeline: fast and exact) for the map and AppTest
# tests, and a store built by the real pipeline from the seed articles plus a
# hostile article for the browser tests.

#: Script payloads that must never run: each sets window.__pwned when executed.
HOSTILE_TITLE = '<script>window.__pwned="title"</script><img src=x onerror="window.__pwned=\'img-title\'">'
HOSTILE_SOURCE = 'Evil" onmouseover="window.__pwned=\'source\'" x="'
HOSTILE_TEXT = (
    "Hay'at Tahrir al-Sham fighters entered Saraqeb <script>window.__pwned='text'</script> overnight. "
    "Witnesses in Saraqeb saw <img src=x onerror=\"window.__pwned='img'\"> and "
    "[a link](javascript:window.__pwned='md') near '\"><svg onload=window.__pwned='svg'>.\n\n"
    "=HYPERLINK(\"http://evil.example\") was painted on a wall in Idlib."
)


def _hand_parsed():
    """ParsedArticles written by hand: HTS around Saraqeb, Tel Touqan and Jabal
    al-Zawiya; Daesh alone in Deribiye and Niha; one hostile article."""
    import datetime as dt

    from geo.model import ActorMention, Article, ParsedArticle, Place, PlaceMention
    from geo.sentences import split_sentences

    places = {
        "Saraqeb": Place("wof:101", "Saraqeb", "town", 35.8623, 36.8006, "SY", "Idleb"),
        "Tel Touqan": Place("wof:102", "Tel Touqan", "village", 35.7826, 37.0314, "SY", "Idleb"),
        "Jabal al-Zawiya": Place("region:jabal-al-zawiya", "Jabal al-Zawiya", "region", 35.6833, 36.5167, "SY",
                                 "Idleb"),
        "Deribiye": Place("wof:104", "Deribiye", "village", 35.3780, 37.1900, "SY", "Hama"),
        "Niha": Place("wof:105", "Niha", "village", 35.3200, 37.2500, "SY", "Hama"),
        "Idlib": Place("wof:106", "Idleb", "governorate", 35.7684, 36.6717, "SY", "Idleb"),
        "Aleppo": Place("wof:107", "Aleppo", "town", 36.2021, 37.1343, "SY", "Aleppo"),
    }
    actors = {
        "Hay'at Tahrir al-Sham": ("Hay'at Tahrir al-Sham", "jihadist"),
        "HTS": ("Hay'at Tahrir al-Sham", "jihadist"),
        "Daesh": ("Daesh", "jihadist"),
        "the regime": ("Assad regime", "government and allies"),
        "Russia": ("Russia", "foreign state"),
    }

    def make(aid, text, title, source, date):
        pm, am = [], []
        for surface, place in places.items():
            start = text.find(surface)
            while start >= 0:
                pm.append(PlaceMention(surface, start, start + len(surface), place, 0.9))
                start = text.find(surface, start + 1)
        taken = []
        for surface, (name, cat) in actors.items():
            start = text.find(surface)
            while start >= 0:
                if not any(s <= start < e for s, e in taken):
                    am.append(ActorMention(surface, start, start + len(surface), name, cat))
                    taken.append((start, start + len(surface)))
                start = text.find(surface, start + 1)
        art = Article(aid, text, title, source, date, path=f"{aid}.txt")
        return ParsedArticle(art, tuple(pm), tuple(sorted(am, key=lambda a: a.start)), (),
                             tuple(split_sentences(text)))

    return [
        make("a-hts", "HTS shelled Saraqeb and Tel Touqan. Hay'at Tahrir al-Sham also held Jabal al-Zawiya.\n\n"
                      "Russia bombed Aleppo.", "HTS advances in Idlib", "Anadolu Agency", dt.date(2017, 10, 9)),
        make("a-daesh", "Daesh attacked Deribiye and Niha. Later the regime shelled Saraqeb.",
             "Daesh raids in Hama", "Press TV", dt.date(2017, 11, 2)),
        make("a-hostile", HOSTILE_TEXT, HOSTILE_TITLE, HOSTILE_SOURCE, dt.date(2017, 12, 1)),
    ]


def build_hand_store(path):
    """Write the hand-made articles into a store at ``path``; return the path."""
    from dataclasses import replace

    from geo.pipeline import engine_id
    from geo.store import Store

    with Store(path) as store:
        for parsed in _hand_parsed():
            store.save_article(replace(parsed, engine=engine_id()))  # as if this engine had read them
    return path


@pytest.fixture(scope="session")
def hand_db(tmp_path_factory):
    """Path of a small store built by hand (3 articles, 7 places); treat it as read-only."""
    return build_hand_store(tmp_path_factory.mktemp("hand") / "hand.sqlite")


@pytest.fixture
def hand_db_copy(hand_db, tmp_path):
    """A private copy of the hand-made store, for tests that write."""
    import shutil

    from geo.store import Store

    with Store(hand_db) as store:  # checkpoint the WAL so the copy holds everything
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    target = tmp_path / "hand.sqlite"
    shutil.copy(hand_db, target)
    return target


def write_hostile_jsonl(folder):
    """A JSONL upload whose title, source and text carry script payloads."""
    import json

    path = folder / "hostile.jsonl"
    path.write_text(json.dumps({"title": HOSTILE_TITLE, "source": HOSTILE_SOURCE, "date": "2017-12-01",
                                "text": HOSTILE_TEXT}) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory, pipeline):
    """A store built by the real pipeline from the seed articles plus the hostile article."""
    from geo.articles import read_paths
    from geo.ingest import ingest_articles
    from geo.store import Store

    folder = tmp_path_factory.mktemp("seed")
    hostile = write_hostile_jsonl(folder)
    path = folder / "seed.sqlite"
    with Store(path) as store:
        report = ingest_articles(read_paths([REPO / "data" / "seeds", hostile]), store, pipeline)
    assert report.added == 3 and not report.errors, report
    return path
