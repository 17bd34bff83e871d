"""Tests for ``python -m geo`` (geo.cli), end to end on the shipped data and the real pipeline."""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from geo.cli import build_parser, main
from geo.export import ACTOR_KEYS, ARTICLE_KEYS, PLACE_KEYS, SPAN_KEYS
from geo.store import Store

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "data" / "seeds"
STATS_KEYS = {"articles", "place_mentions", "places", "actor_mentions", "unresolved"}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """A store holding the two seed articles, ingested once for the module."""
    db = tmp_path_factory.mktemp("cli") / "geo.sqlite"
    assert main(["ingest", str(SEEDS), "--db", str(db), "--no-progress"]) == 0
    return db


def test_ingest_twice_adds_nothing_the_second_time(seeded: Path, capsys) -> None:
    capsys.readouterr()
    assert main(["ingest", str(SEEDS), "--db", str(seeded), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "0 added, 2 already present, 0 failed" in out
    with Store(seeded) as store:
        assert store.stats()["articles"] == 2


def test_ingest_of_an_edited_file_says_it_replaced_the_older_version(tmp_path, capsys) -> None:
    article = tmp_path / "a.txt"
    article.write_text("HTS shelled Saraqeb in Idlib province.", encoding="utf-8")
    db = str(tmp_path / "geo.sqlite")
    assert main(["ingest", str(article), "--db", db, "--no-progress"]) == 0
    article.write_text("HTS shelled Saraqeb and Binnish in Idlib province.", encoding="utf-8")
    capsys.readouterr()
    assert main(["ingest", str(article), "--db", db, "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "1 added (replacing 1 older version of an edited file), 0 already present, 0 failed" in out
    assert "store " + db + ": 1 articles" in out


def test_stats_json_is_one_object_matching_the_store(seeded: Path, capsys) -> None:
    assert main(["stats", "--db", str(seeded), "--json"]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert set(counts) == STATS_KEYS and all(isinstance(n, int) for n in counts.values())
    assert counts["articles"] == 2 and counts["place_mentions"] > 10 and counts["actor_mentions"] > 10
    with Store(seeded) as store:
        assert counts == store.stats()


def test_parse_json_follows_the_contract(capsys) -> None:
    assert main(["parse", str(SEEDS), "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    for line in lines:
        obj = json.loads(line)
        assert tuple(obj) == ARTICLE_KEYS
        text = obj["text"]
        assert obj["places"] and obj["actors"]
        for key, keys in (("places", PLACE_KEYS), ("actors", ACTOR_KEYS), ("unresolved", SPAN_KEYS)):
            for entry in obj[key]:
                assert tuple(entry) == keys
                assert text[entry["start"]:entry["end"]] == entry["text"]


def test_parse_does_not_need_a_store(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("GEO_DB", str(tmp_path / "never.sqlite"))
    assert main(["parse", str(SEEDS / "000_89a457f95a041969.txt")]) == 0
    assert "Idlib" in capsys.readouterr().out
    assert not (tmp_path / "never.sqlite").exists()


def test_bad_file_fails_with_one_line_while_good_ones_go_in(tmp_path, capsys) -> None:
    bad = tmp_path / "no_text.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    db = tmp_path / "geo.sqlite"
    assert main(["ingest", str(SEEDS), str(bad), "--db", str(db), "--no-progress"]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if "no_text.csv" in line]
    assert len(errors) == 1 and errors[0].startswith("failed: ")
    with Store(db) as store:
        assert store.stats()["articles"] == 2


def test_control_characters_of_file_names_and_titles_never_reach_the_terminal(tmp_path) -> None:
    # ESC in a name or a title would drive the terminal (colours, cursor, its window title)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "\x1b[2Jempty\x07.txt").write_bytes(b"")
    (folder / "dated\x1b[31m.csv").write_text(
        "article_title,article_content,date\n\x1b]0;pwned\x07Raid,Clashes in Homs.,13/45/17\n", encoding="utf-8")
    # subprocesses: under pytest, logging goes to pytest's handler instead of stderr
    run = functools.partial(subprocess.run, cwd=REPO, capture_output=True, text=True, timeout=60)
    ingest = run([sys.executable, "-m", "geo", "ingest", str(folder), "--db", str(tmp_path / "geo.sqlite"),
                  "--no-progress"])
    parse = run([sys.executable, "-m", "geo", "parse", str(folder)])
    for done in (ingest, parse):
        assert done.returncode == 1
        output = done.stdout + done.stderr
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", output), repr(output)
    assert f"failed: {folder}/?[2Jempty?.txt: empty file" in ingest.stderr.splitlines()
    assert f"WARNING geo.articles: {folder}/dated?[31m.csv:row 1: unparseable date '13/45/17'; date left empty" \
        in ingest.stderr.splitlines()
    assert f"{folder}/dated?[31m.csv#row=1  ?]0;pwned?Raid" in parse.stdout.splitlines()


def test_an_html_page_without_text_is_one_line_on_stderr(tmp_path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    # a subprocess: under pytest, logging goes to pytest's handler instead of stderr
    done = subprocess.run([sys.executable, "-m", "geo", "parse", str(page)],
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and done.stderr.splitlines() == [f"{page}: no article text found"]


def _run_in_terminal(argv: list[str]) -> str:
    """What ``python -m geo argv`` writes to a 100-column terminal (a pty), ``\r`` kept."""
    import fcntl
    import os
    import pty
    import struct
    import termios

    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal size, or tqdm draws a zero-width bar
        fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
        os.chdir(REPO)
        os.execv(sys.executable, [sys.executable, "-m", "geo", *argv])
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.waitpid(pid, 0)
    return b"".join(chunks).decode("utf-8", "replace")


def test_ingest_warnings_do_not_run_into_the_progress_bar(tmp_path) -> None:
    corpus = tmp_path / "dates.csv"
    corpus.write_text("article_content,date\nClashes in Homs.,13/45/17\nClashes in Hama.,4/5/17\n", encoding="utf-8")
    output = _run_in_terminal(["ingest", str(corpus), "--db", str(tmp_path / "geo.sqlite")])
    lines = [line for line in re.split(r"[\r\n]+", output) if line.strip()]
    assert any(line.startswith("ingest: ") for line in lines), output  # the bar was drawn
    warning = [line for line in lines if "unparseable date '13/45/17'" in line]
    assert warning and all(line.startswith("WARNING ") for line in warning), output


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_output_does_not_crash_on_a_narrow_console_encoding_and_json_is_utf8(tmp_path, encoding: str) -> None:
    article = tmp_path / "ar.txt"
    article.write_text("قصف على مدينة حلب. Shelling in Aleppo.", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    run = functools.partial(subprocess.run, cwd=REPO, capture_output=True, timeout=60, env=env)
    as_json = run([sys.executable, "-m", "geo", "parse", str(article), "--json"])
    assert as_json.returncode == 0, as_json.stderr
    assert json.loads(as_json.stdout.decode("utf-8"))["text"] == article.read_text(encoding="utf-8")
    as_text = run([sys.executable, "-m", "geo", "parse", str(article)])
    assert as_text.returncode == 0 and b"Aleppo" in as_text.stdout, as_text.stderr


def test_parse_reports_an_unreadable_path_and_exits_1(tmp_path, capsys) -> None:
    assert main(["parse", str(tmp_path / "missing.txt"), "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.strip().endswith("missing.txt: no such file")


def test_check_passes_on_a_sound_store_and_fails_after_corruption(seeded: Path, tmp_path, capsys) -> None:
    assert main(["check", "--db", str(seeded)]) == 0
    broken = tmp_path / "broken.sqlite"
    shutil.copy(seeded, broken)
    with sqlite3.connect(broken) as raw:
        raw.execute("DELETE FROM sentences WHERE idx = 1")
    raw.close()
    capsys.readouterr()
    assert main(["check", "--db", str(broken)]) == 1
    assert "counts differ" in capsys.readouterr().out


def test_reparse_reads_the_stored_articles_again_with_this_engine(seeded: Path, tmp_path, capsys) -> None:
    from dataclasses import replace

    from geo.cli import default_pipeline

    db = tmp_path / "old.sqlite"
    with Store(seeded) as ingested, Store(db) as store:
        [first, second] = [row[0] for row in ingested.conn.execute("SELECT id FROM articles ORDER BY id")]
        current = default_pipeline().parse(ingested.article(first).article)
        # the first article as an older engine read it: half its places and actors found
        store.save_article(replace(current, places=current.places[::2], actors=current.actors[::2], unresolved=(),
                                   engine="older"))
        store.save_article(ingested.article(second).parsed)  # read by this engine
    capsys.readouterr()
    assert main(["stats", "--db", str(db)]) == 0
    assert "1 of the articles were read by another version of the engine" in capsys.readouterr().out
    assert main(["reparse", "--db", str(db), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "1 article read again: 1 changed, 0 unchanged, 0 failed; 1 already read by this engine" in out
    assert main(["check", "--db", str(db)]) == 0
    with Store(db) as store, Store(seeded) as ingested:
        assert store.article(first).parsed == current and store.article(first).engine == current.engine
        assert store.stats() == ingested.stats()  # as if ingested by this engine
    capsys.readouterr()
    assert main(["stats", "--db", str(db)]) == 0
    assert "another version" not in capsys.readouterr().out
    assert main(["reparse", "--db", str(db), "--no-progress"]) == 0
    assert "0 articles read again: 0 changed, 0 unchanged, 0 failed; 2 already" in capsys.readouterr().out
    assert main(["reparse", "--db", str(db), "--no-progress", "--all"]) == 0
    assert "2 articles read again: 0 changed, 2 unchanged, 0 failed; 0 already" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["stats", "check", "reparse"])
def test_missing_store_is_an_error_not_created(tmp_path, command: str) -> None:
    assert main([command, "--db", str(tmp_path / "none.sqlite")]) == 1
    assert not (tmp_path / "none.sqlite").exists()


@pytest.mark.parametrize("argv", [[], ["ingest"], ["frobnicate"], ["lookup", "Idlib", "--limit", "0"],
                                  ["parse", "x", "--date-format", "no-percent"]])
def test_usage_errors_exit_2(argv: list[str]) -> None:
    assert main(argv) == 2


@pytest.mark.parametrize("argv", [["-v", "lookup", "Saraqeb"], ["lookup", "-v", "Saraqeb"], ["lookup", "Saraqeb"]])
def test_verbose_goes_before_or_after_the_command(argv: list[str]) -> None:
    args = build_parser().parse_args(argv)
    assert args.verbose is ("-v" in argv)


@pytest.mark.parametrize(("argv", "option"), [
    (["parse", "x.csv", "--text-column", " "], "--text-column"),
    (["ingest", "x.csv", "--title-column", ""], "--title-column"),
    (["parse", "x.csv", "--date-format", "dd/mm/yy"], "--date-format"),
    (["parse", "x.csv", "--date-format", "%Q"], "--date-format"),  # a bad directive
])  # fmt: skip
def test_bad_column_options_are_usage_errors_naming_the_option(argv: list[str], option: str, capsys) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"argument {option}:" in err and "ReadOptions" not in err


def test_lookup_lists_ranked_candidates(capsys) -> None:
    assert main(["lookup", "Saraqeb", "--limit", "3", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert 1 <= len(rows) <= 3 and rows[0]["rank"] == 1 and rows[0]["name"] == "Saraqib"


def test_lookup_of_an_unknown_name_exits_1(capsys) -> None:
    assert main(["lookup", "Qwxzqwxz"]) == 1


def test_lookup_geocoder_is_chosen_by_configuration(monkeypatch, capsys) -> None:
    monkeypatch.setenv("GEO_GEOCODER", "no-such-geocoder")
    assert main(["lookup", "Saraqeb"]) == 2
    assert "no-such-geocoder" in capsys.readouterr().err


@pytest.mark.parametrize("setting", ["", " Offline ", "OFFLINE"])
def test_lookup_geocoder_setting_empty_means_offline_and_ignores_case(monkeypatch, capsys, setting: str) -> None:
    monkeypatch.setenv("GEO_GEOCODER", setting)
    assert main(["lookup", "Saraqeb", "--limit", "1"]) == 0
    assert "Saraqib" in capsys.readouterr().out


def test_lookup_bad_geocoder_setting_names_the_variable(monkeypatch, capsys) -> None:
    monkeypatch.setenv("GEO_GEOCODER", "bogus")
    assert main(["lookup", "Saraqeb"]) == 2
    assert "GEO_GEOCODER='bogus'" in capsys.readouterr().err


class _Unreachable:
    """A geocoder whose service cannot be reached (no network)."""

    def geocode(self, query, **kwargs):
        from geopy.exc import GeocoderUnavailable

        raise GeocoderUnavailable("Failed to resolve 'nominatim.openstreetmap.org'")


def test_lookup_geocoder_service_failure_is_one_line_and_exit_1(monkeypatch, capsys) -> None:
    import geo.geocoder

    monkeypatch.setattr(geo.geocoder, "make_geocoder", lambda name: _Unreachable())
    monkeypatch.setenv("GEO_GEOCODER", "nominatim")
    assert main(["lookup", "Aleppo"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == ["error: geocoder nominatim failed: Failed to resolve 'nominatim.openstreetmap.org'"]


def test_lookup_through_the_cached_geocoder_reports_an_outage_in_one_line(monkeypatch, capsys) -> None:
    import geo.geocoder

    outage = geo.geocoder.CachedGeocoder(_Unreachable(), min_delay_seconds=0, error_wait_seconds=0)
    monkeypatch.setattr(geo.geocoder, "make_geocoder", lambda name: outage)
    monkeypatch.setenv("GEO_GEOCODER", "nominatim")
    assert main(["lookup", "Aleppo"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == ["error: geocoder nominatim failed: Failed to resolve 'nominatim.openstreetmap.org'"]


def test_lookup_prints_another_geocoders_records(monkeypatch, capsys) -> None:
    import geo.geocoder
    from geopy.location import Location

    class Foreign:  # a Nominatim-like answer: its own raw record, no "kind"
        def geocode(self, query, **kwargs):
            return [Location("Aleppo, Syria", (36.2, 37.16), {"place_id": 1, "display_name": "Aleppo, Syria"})]

    monkeypatch.setattr(geo.geocoder, "make_geocoder", lambda name: Foreign())
    monkeypatch.setenv("GEO_GEOCODER", "nominatim")
    assert main(["lookup", "Aleppo"]) == 0
    assert capsys.readouterr().out.splitlines() == [" 1. Aleppo, Syria 36.2000,37.1600"]


def test_python_m_geo_runs(seeded: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "geo", "stats", "--db", str(seeded), "--json"],
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and set(json.loads(done.stdout)) == STATS_KEYS


def test_python_m_geo_works_from_any_folder(tmp_path) -> None:
    """scripts/setup.sh installs the engine in place, so a user need not stand in the repo."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    where = subprocess.run([sys.executable, "-c", "import geo; print(geo.__file__)"], cwd=tmp_path,
                           env=env, capture_output=True, text=True)
    repo = Path(__file__).resolve().parent.parent
    assert where.returncode == 0 and Path(where.stdout.strip()).resolve().parent == repo / "geo", (
        f"geo is not importable from outside this checkout ({where.stdout or where.stderr}): "
        "run scripts/setup.sh from it")
    done = subprocess.run([sys.executable, "-m", "geo", "lookup", "Saraqeb"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "1. Saraqib (town, Idleb)" in done.stdout


@pytest.mark.parametrize("name", ["", "   "])
def test_lookup_of_an_empty_name_is_a_usage_error(name, capsys) -> None:
    assert main(["lookup", name]) == 2
    assert "non-empty" in capsys.readouterr().err


def test_lookup_of_gibberish_finds_nothing(capsys) -> None:
    assert main(["lookup", "xyzzy"]) == 1  # not Gaza City, whose Kurdish name Xeze is half alike
    assert "no place named 'xyzzy'" in capsys.readouterr().err


def test_lookup_of_a_huge_name_says_so_in_one_short_line(capsys) -> None:
    assert main(["lookup", "xyzzy" * 20_000]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and len(err) < 200 and "no place named 'xyzzyxyzzy" in err
