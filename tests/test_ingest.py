"""Ingesting files again: an edited file replaces the article its older version gave."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import store_totals
from geo.articles import read_bytes, read_paths
from geo.ingest import ingest_articles
from geo.store import Store

SARAQEB = "HTS shelled Saraqeb in Idlib province on Monday.\n"
SARAQEB_EDITED = "HTS shelled Saraqeb and Binnish in Idlib province on Monday.\n"
ALEPPO = "Russian jets struck Aleppo overnight, the Observatory said.\n"
DARAA = "Regime forces shelled Daraa al-Balad and Busra al-Harir.\n"


def _texts(store: Store) -> list[str]:
    return sorted(store.article(i).article.text for i in store.article_ids())


def _folder(tmp_path: Path, **texts: str) -> Path:
    """A folder "news" holding one .txt file per keyword (``a=SARAQEB``: news/a.txt)."""
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _csv(path: Path, *texts: str) -> None:
    rows = "".join(f'"t{i}","{text.strip()}","SANA","3/4/17"\n' for i, text in enumerate(texts))
    path.write_text("article_title,article_content,source,date\n" + rows, encoding="utf-8")


def test_an_edited_file_replaces_its_older_version(tmp_path, pipeline) -> None:
    folder = _folder(tmp_path, a=SARAQEB, b=ALEPPO)
    with Store(tmp_path / "s.sqlite") as store, Store(":memory:") as fresh:
        first = ingest_articles(read_paths([folder]), store, pipeline)
        assert (first.added, first.replaced) == (2, 0)
        (folder / "a.txt").write_text(SARAQEB_EDITED, encoding="utf-8")
        version = store.version()
        again = ingest_articles(read_paths([folder]), store, pipeline)
        assert (again.added, again.skipped, again.replaced) == (1, 1, 1)
        assert "1 older version of an edited file removed" in again.summary()
        assert _texts(store) == sorted([SARAQEB_EDITED, ALEPPO])  # the older text is gone
        assert store.version() != version
        # the store is what an ingest of the files as they are now makes: totals and places too
        ingest_articles(read_paths([folder]), fresh, pipeline)
        assert store.check() == [] and store.stats() == fresh.stats() and store_totals(store) == store_totals(fresh)
        assert "Binnish" in {p.name for p in store.place_counts()}
        # read once more: nothing changes
        assert ingest_articles(read_paths([folder]), store, pipeline).replaced == 0
        assert store.stats() == fresh.stats()


def test_the_origin_is_the_file_wherever_ingest_runs_from(tmp_path, pipeline, monkeypatch) -> None:
    folder = _folder(tmp_path, a=SARAQEB)
    with Store(tmp_path / "s.sqlite") as store:
        monkeypatch.chdir(tmp_path)
        ingest_articles(read_paths(["news/a.txt"]), store, pipeline)
        (folder / "a.txt").write_text(SARAQEB_EDITED, encoding="utf-8")
        monkeypatch.chdir(folder)
        report = ingest_articles(read_paths(["a.txt"]), store, pipeline)
        assert report.replaced == 1 and _texts(store) == [SARAQEB_EDITED]
        assert store.origins(store.article_ids()[0]) == [str((folder / "a.txt").resolve())]


def test_rows_that_move_in_a_csv_keep_their_articles(tmp_path, pipeline) -> None:
    corpus = tmp_path / "c.csv"
    _csv(corpus, SARAQEB, ALEPPO)
    with Store(":memory:") as store:
        ingest_articles(read_paths([corpus]), store, pipeline)
        _csv(corpus, ALEPPO, DARAA, SARAQEB)  # a row put in, the others moved down
        report = ingest_articles(read_paths([corpus]), store, pipeline)
        assert (report.added, report.replaced) == (1, 0)
        assert len(_texts(store)) == 3 and store.check() == []
        _csv(corpus, ALEPPO, DARAA, SARAQEB_EDITED)  # then the moved row edited: its older version goes
        report = ingest_articles(read_paths([corpus]), store, pipeline)
        assert (report.added, report.replaced) == (1, 1)
        assert [t.split()[0] for t in _texts(store)] == ["HTS", "Regime", "Russian"]
        assert SARAQEB_EDITED.strip() in {t.strip() for t in _texts(store)} and store.check() == []


def test_an_article_another_file_still_gives_is_kept(tmp_path, pipeline) -> None:
    folder = _folder(tmp_path, a=SARAQEB, copy=SARAQEB)  # the same article, twice
    with Store(":memory:") as store:
        assert ingest_articles(read_paths([folder]), store, pipeline).added == 1
        (folder / "a.txt").write_text(SARAQEB_EDITED, encoding="utf-8")
        report = ingest_articles(read_paths([folder / "a.txt"]), store, pipeline)  # the edited file alone
        assert (report.added, report.replaced) == (1, 0)  # copy.txt still gives the first text
        assert _texts(store) == sorted([SARAQEB, SARAQEB_EDITED])


def test_uploads_never_replace_each_other(tmp_path, pipeline) -> None:
    with Store(":memory:") as store:
        ingest_articles(read_bytes("article.txt", SARAQEB.encode()), store, pipeline)
        report = ingest_articles(read_bytes("article.txt", ALEPPO.encode()), store, pipeline)
        # two uploads of the same name are two articles: a name in a browser is no file's identity
        assert (report.added, report.replaced) == (1, 0) and len(_texts(store)) == 2


def test_an_interrupted_ingest_removes_nothing(tmp_path, pipeline) -> None:
    folder = _folder(tmp_path, a=SARAQEB)
    with Store(tmp_path / "s.sqlite") as store:
        ingest_articles(read_paths([folder]), store, pipeline)
        (folder / "a.txt").write_text(SARAQEB_EDITED, encoding="utf-8")

        def stopped():
            yield from read_paths([folder])
            raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            ingest_articles(stopped(), store, pipeline)
        assert _texts(store) == sorted([SARAQEB, SARAQEB_EDITED])  # both, until a batch completes
        assert ingest_articles(read_paths([folder]), store, pipeline).replaced == 1
        assert _texts(store) == [SARAQEB_EDITED] and store.check() == []


def test_a_file_read_with_errors_keeps_its_older_versions_until_read_whole(tmp_path, pipeline) -> None:
    corpus = tmp_path / "c.csv"
    _csv(corpus, SARAQEB, ALEPPO)
    with Store(":memory:") as store:
        ingest_articles(read_paths([corpus]), store, pipeline)
        _csv(corpus, SARAQEB_EDITED, ALEPPO, " ")  # row 3 has no text: an error names the file
        report = ingest_articles(read_paths([corpus]), store, pipeline)
        assert report.errors and (report.added, report.replaced) == (1, 0)
        assert len(_texts(store)) == 3  # the older version waits: a row the error hid might hold it
        _csv(corpus, SARAQEB_EDITED, ALEPPO)
        report = ingest_articles(read_paths([corpus]), store, pipeline)
        assert not report.errors and (report.added, report.replaced) == (0, 1)
        assert sorted(t.strip() for t in _texts(store)) == sorted([SARAQEB_EDITED.strip(), ALEPPO.strip()])
        assert store.check() == []


def test_a_store_that_cannot_remove_older_versions_keeps_the_batch_and_says_so(tmp_path, pipeline,
                                                                             monkeypatch) -> None:
    from geo.errors import StoreError
    folder = _folder(tmp_path, a=SARAQEB)
    with Store(tmp_path / "s.sqlite") as store:
        ingest_articles(read_paths([folder]), store, pipeline)
        (folder / "a.txt").write_text(SARAQEB_EDITED, encoding="utf-8")

        def locked(files):
            raise StoreError("cannot remove the older versions of edited files: database is locked")

        monkeypatch.setattr(store, "remove_superseded", locked)
        report = ingest_articles(read_paths([folder]), store, pipeline)
        assert report.added == 1 and report.replaced == 0
        assert report.errors == ("older versions of edited files kept (cannot remove the older versions "
                                 "of edited files: database is locked)",)
        monkeypatch.undo()
        assert ingest_articles(read_paths([folder]), store, pipeline).replaced == 1  # the next batch does it
        assert _texts(store) == [SARAQEB_EDITED]
