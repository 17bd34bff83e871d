"""Hardening: bad input at every door, and properties of the parser on any text.

The doors: the CLI (``python -m geo ingest`` and ``parse``) and the upload
path of the dashboard (``geo.articles.read_bytes`` then
``geo.ingest.ingest_articles``). Each bad file gives one line naming the file
(and the row or line); everything good in the same batch goes in, which is
checked by comparing the store's counts with those of a batch of only the
good files.
"""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import re
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.articles import ReadOptions, article_id, decode_bytes, read_bytes, read_paths
from geo.config import Limits, MiB
from geo.errors import ArticleError, InputTooLarge
from geo.ingest import ingest_articles
from geo.model import Article
from geo.names import fold_token, name_key, skeleton_key, tokenize
from geo.store import Store

REPO = Path(__file__).resolve().parent.parent
DEFAULTS = ReadOptions(limits=Limits())  # independent of GEO_MAX_* in the environment


# --------------------------------------------------------------------------- the bad batch


def png_bytes() -> bytes:
    """A real 1x1 PNG image."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
            + chunk(b"IEND", b""))


def zip_bytes() -> bytes:
    """A real zip archive holding a text file."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("article.txt", "Clashes in Idlib and Saraqeb.")
    return buf.getvalue()


GOOD_TEXT = "Hay'at Tahrir al-Sham fighters shelled Saraqeb, in Idlib province, on Monday."
UTF16_TEXT = "Russian jets struck Maarat al-Numan and Khan Shaykhun in southern Idlib — إدلب, on {}."
CP1252_TEXT = "Regime forces \u201centered\u201d Tel Touqan \u2013 residents fled toward Saraqeb, said a caf\u00e9"
MIXED_TEXT = "Daesh attacked Deribiye.\r\nThe regime shelled Niha.\nRebels held Hama.\rAleppo was calm."
GOOD_HTML = (
    "<html><head><title>Shelling in Idlib</title><script>var x = 1;</script></head><body><article>"
    "<h1>Shelling in Idlib</h1><p>Government forces shelled Saraqeb and Maarat al-Numan on Tuesday, "
    "killing five civilians, according to the Syrian Observatory for Human Rights.</p>"
    "<p>Turkish troops reinforced their posts near Taftanaz airbase in the Idlib countryside.</p>"
    "</article></body></html>"
)

#: name -> (bytes, articles that go in, reasons expected (substrings), one per error).
#: Files that are fine (encodings, line endings, extra columns) are in here too: a
#: batch as a newsroom receives it.
BATCH: dict[str, tuple[bytes, int, tuple[str, ...]]] = {
    "good.txt": (GOOD_TEXT.encode(), 1, ()),
    "page.html": (GOOD_HTML.encode(), 1, ()),
    "empty.txt": (b"", 0, ("empty file",)),
    "blank.txt": (b"  \r\n\t \n  ", 0, ("only whitespace",)),
    "photo.png": (png_bytes(), 0, ("unsupported file type '.png'",)),
    "photo.txt": (png_bytes(), 0, ("binary data (PNG image)",)),
    "archive.zip": (zip_bytes(), 0, ("unsupported file type '.zip'",)),
    "archive.csv": (zip_bytes(), 0, ("binary data (zip archive",)),
    "truncated.txt": ("Clashes near Saraqeb — ".encode()[:-2], 1, ()),
    "utf16-bom.txt": (UTF16_TEXT.format("Monday").encode("utf-16"), 1, ()),
    "utf16-le.txt": (UTF16_TEXT.format("Tuesday").encode("utf-16-le"), 1, ()),
    "utf16-be.txt": (UTF16_TEXT.format("Friday").encode("utf-16-be"), 1, ()),
    "windows-1252.txt": (CP1252_TEXT.encode("cp1252"), 1, ()),
    "line-endings.md": (MIXED_TEXT.encode(), 1, ()),
    "missing-columns.csv": (b"title,source,date\nClashes,Reuters,2017-04-05\n", 0, ("no text column",)),
    "extra-columns.csv": (
        (b"title,text,lat,lon,notes,\nSaraqeb,Shelling hit Saraqeb on Monday.,35.8,36.8,x,\n"
         b"Hama,Daesh attacked Deribiye in Hama.,35.1,37.1,y,\n"), 2, ()),
    "renamed-columns.csv": (b"Headline,Story Body\nClashes,Clashes in Idlib.\n", 0, ("no text column",)),
    "quotes.csv": (
        (b'title,text\nBad,"Clashes in Idlib that never close\nGood,Shelling in Hama city.\n'
         b'Also good,"Rebels ""held"" Maarat al-Numan."\n'), 2, ("malformed CSV",)),
    "nul.csv": (b"title,text\nBad,Clashes in\x00 Idlib.\nGood,Shelling in Homs today.\n", 1, ("NUL byte",)),
    "broken.jsonl": (
        (b'{"title": "one", "text": "Airstrikes on Ariha in Idlib."}\n'
         b'{"title": "two", "text": "Shelling in Ha\n'
         b'{"title": "three", "text": "Clashes near Jisr al-Shughur."}\n'), 2, ("invalid JSON",)),
    "scripts.html": (
        (b"<html><head><script>var a = 'Idlib';</script></head><body><script>document.write('Hama')"
         b"</script><script src='x.js'></script><noscript></noscript></body></html>"), 0, ("no article text",)),
}
#: Where each row/line error must point.
ROW_OF = {"quotes.csv": "row 1", "nul.csv": "row 1", "broken.jsonl": "line 2"}
GOOD_ARTICLES = sum(n for _, n, _ in BATCH.values())


def write_batch(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, (data, _, _) in BATCH.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def check_errors(lines: list[str], named: callable) -> None:
    """Every expected reason appears once, on a line naming the file (and row)."""
    for name, (_, _, reasons) in BATCH.items():
        mine = [line for line in lines if named(name, line)]
        assert len(mine) == len(reasons), (name, mine)
        for reason, line in zip(reasons, mine):
            assert reason in line, (name, line)
            assert "\n" not in line
            if name in ROW_OF:
                assert ROW_OF[name] in line, line
    assert len(lines) == sum(len(r) for _, _, r in BATCH.values()), lines


# --------------------------------------------------------------------------- the upload door


def test_upload_batch_every_bad_file_has_one_reason_and_the_good_go_in(pipeline, tmp_path):
    items = [item for name, (data, _, _) in BATCH.items() for item in read_bytes(name, data, DEFAULTS)]
    with Store(tmp_path / "uploads.sqlite") as store:
        report = ingest_articles(items, store, pipeline)
        assert report.added == GOOD_ARTICLES, report
        check_errors(list(report.errors), lambda name, line: line.startswith(name + ":"))
        assert store.check() == []
        stats = store.stats()
    # the same counts as a batch of only the good articles: nothing good was lost
    good = [item for item in items if isinstance(item, Article)]
    with Store(":memory:") as clean:
        ingest_articles(good, clean, pipeline)
        assert clean.stats() == stats


def test_upload_decodings_give_the_exact_text():
    def text_of(name: str) -> str:
        (article,) = [a for a in read_bytes(name, BATCH[name][0], DEFAULTS) if isinstance(a, Article)]
        return article.text

    for name, day in (("utf16-bom.txt", "Monday"), ("utf16-le.txt", "Tuesday"), ("utf16-be.txt", "Friday")):
        assert text_of(name) == UTF16_TEXT.format(day)
    assert text_of("windows-1252.txt") == CP1252_TEXT  # the final "é" too: not a cut UTF-8 character
    assert text_of("line-endings.md") == MIXED_TEXT  # offsets index the file as it is
    assert text_of("truncated.txt") == "Clashes near Saraqeb \ufffd"


def test_a_few_nul_bytes_cost_one_row_not_the_file():
    # A NUL in a small CSV used to make the whole file "binary"; only its row is bad.
    items = list(read_bytes("nul.csv", BATCH["nul.csv"][0], DEFAULTS))
    assert [str(i) for i in items if isinstance(i, ArticleError)] == ["nul.csv:row 1: NUL byte in text"]
    assert [a.text for a in items if isinstance(a, Article)] == ["Shelling in Homs today."]
    # ...while data that is mostly NULs stays binary
    with pytest.raises(ArticleError, match="binary data"):
        decode_bytes(b"ab\x00\x00cd\x00\x00" * 10, "x.txt")


@pytest.mark.parametrize("name", ["../../etc/passwd.txt", "..\\..\\windows\\win.ini.txt", "/etc/shadow.txt"])
def test_upload_name_is_a_label_only(name):
    items = list(read_bytes(name, b"Clashes in Idlib.", DEFAULTS))
    (article,) = items
    assert "/" not in article.path and "\\" not in article.path and ".." not in article.path


def test_upload_over_the_size_limit_is_refused_whole_with_a_clear_message():
    options = ReadOptions(limits=Limits(max_upload_bytes=1 * MiB))
    data = b"Clashes in Idlib. " * (MiB // 16)
    (error,) = list(read_bytes("big.txt", data, options))
    assert isinstance(error, InputTooLarge)
    assert str(error) == f"big.txt: upload is {len(data):,} bytes, over the limit of {MiB:,}"


def test_upload_article_count_and_text_length_limits():
    options = ReadOptions(limits=Limits(max_upload_articles=3, max_text_chars=40))
    rows = "".join(f"t{i},Clashes number {i} in Idlib.\n" for i in range(5)) + "long," + "x" * 41 + "\n"
    items = list(read_bytes("many.csv", ("title,text\n" + rows).encode(), options))
    errors = [str(i) for i in items if isinstance(i, ArticleError)]
    assert sum(isinstance(i, Article) for i in items) == 3
    assert errors == ["many.csv:row 6: text has 41 characters, over the limit of 40",
                      "many.csv: more than 3 articles; 2 skipped"]


def page_upload(db: Path, files: list[tuple[str, bytes]]):
    """Upload ``files`` through the dashboard's own widget (AppTest); returns the app after it ran."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=120).run()
    at.session_state["view"] = "Add articles"  # the tabs' key; only the open tab runs
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    at.file_uploader(key="upload_files").set_value([(name, data, "application/octet-stream")
                                                    for name, data in files]).run()
    at.button(key="upload_go").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_page_upload_batch_every_bad_file_has_one_reason_and_the_good_go_in(hand_db_copy, monkeypatch):
    monkeypatch.setenv("GEO_DB", str(hand_db_copy))
    for name in ("GEO_MAX_FILE_BYTES", "GEO_MAX_TEXT_CHARS", "GEO_MAX_UPLOAD_BYTES", "GEO_MAX_UPLOAD_ARTICLES"):
        monkeypatch.delenv(name, raising=False)
    with Store(hand_db_copy) as store:
        before = store.stats()["articles"]
    at = page_upload(hand_db_copy, [(name, data) for name, (data, _, _) in BATCH.items()])
    shown = "\n".join(block.value for block in at.code)
    lines = [line for line in shown.splitlines()
             if ":" in line and not any(line.startswith(f"{name}: ") and " added" in line for name in BATCH)]
    check_errors(lines, lambda name, line: line.startswith(name + ":"))
    with Store(hand_db_copy) as store:
        assert store.stats()["articles"] == before + GOOD_ARTICLES
        assert store.check() == []


def test_page_upload_limits_come_from_the_environment(hand_db_copy, monkeypatch):
    monkeypatch.setenv("GEO_DB", str(hand_db_copy))
    monkeypatch.setenv("GEO_MAX_UPLOAD_BYTES", "1000")
    monkeypatch.setenv("GEO_MAX_UPLOAD_ARTICLES", "2")
    monkeypatch.setenv("GEO_MAX_TEXT_CHARS", "60")
    rows = "".join(f"Row {i},Shelling of Saraqeb number {i}.\n" for i in range(4))
    at = page_upload(hand_db_copy, [
        ("big.txt", b"Clashes in Idlib. " * 100),
        ("rows.csv", ("title,text\n" + rows + "Long," + "x" * 61 + "\n").encode()),
    ])
    shown = "\n".join(block.value for block in at.code)
    assert "big.txt: upload is 1,800 bytes, over the limit of 1,000" in shown
    assert "rows.csv: 2 articles added" in shown
    assert "rows.csv:row 5: text has 61 characters, over the limit of 60" in shown
    assert "rows.csv: more than 2 articles; 2 skipped" in shown
    # the page tells the limits before anyone uploads
    assert any("2 articles per file" in t.value for t in at.text), [t.value for t in at.text]


# --------------------------------------------------------------------------- the CLI doors

HUGE = 200 * MiB


def geo_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """``python -m geo ARGS`` from the repository, GEO_MAX_* taken from ``env`` only."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GEO_MAX_")}
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=REPO, env={**clean, **(env or {})},
                          capture_output=True, text=True, timeout=timeout, check=False)


def error_lines(stderr: str, prefix: str = "") -> list[str]:
    """The per-input error lines of stderr (log lines of libraries left out)."""
    return [line[len(prefix):] for line in stderr.splitlines()
            if line.startswith(prefix) and not line.startswith(("WARNING ", "INFO ", "DEBUG "))]


@pytest.fixture(scope="module")
def cli_batch(tmp_path_factory):
    """The bad batch on disk, plus a 200 MB sparse file (no disk used, nothing read)."""
    folder = tmp_path_factory.mktemp("batch")
    paths = write_batch(folder)
    huge = folder / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(HUGE)
    return folder, paths, huge


def reference_stats(pipeline, paths) -> dict[str, int]:
    """The store counts of only the good articles of ``paths``, ingested in-process."""
    good = [item for item in read_paths(paths, DEFAULTS) if isinstance(item, Article)]
    assert len(good) == GOOD_ARTICLES
    with Store(":memory:") as store:
        ingest_articles(good, store, pipeline)
        return store.stats()


def test_cli_ingest_batch_reasons_good_files_in_and_a_200_mb_file_refused_in_little_memory(
        cli_batch, pipeline, tmp_path):
    folder, paths, huge = cli_batch
    db = tmp_path / "cli.sqlite"
    # Run the CLI in a child that first loads the pipeline, then ingests, and
    # reports its peak memory before and after: the difference is what reading
    # the batch (and refusing the 200 MB file) cost.
    probe = (
        "import json, resource, sys\n"
        "from geo.cli import default_pipeline, main\n"
        "default_pipeline()\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "code = main(sys.argv[1:])\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(json.dumps({'code': code, 'before_kib': before, 'after_kib': after}), file=sys.stderr)\n"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GEO_MAX_")}
    run = subprocess.run(
        [sys.executable, "-c", probe, "ingest", *map(str, [huge, *paths]), "--db", str(db), "--no-progress"],
        cwd=REPO, env=clean, capture_output=True, text=True, timeout=300, check=False)
    memory = json.loads(run.stderr.strip().splitlines()[-1])
    assert memory["code"] == 1, run.stderr  # 1: some input failed
    growth_mib = (memory["after_kib"] - memory["before_kib"]) / 1024
    # Reading the file would add its 200 MiB to the peak; refusing it from its size adds nothing.
    # (The absolute peak is mostly the pipeline, loaded before: not a property of reading.)
    assert growth_mib < 40, memory
    lines = error_lines(run.stderr, "failed: ")
    assert f"{huge}: file is {HUGE:,} bytes, over the limit of {Limits().max_file_bytes:,}" in lines
    lines.remove(next(line for line in lines if line.startswith(str(huge))))
    check_errors(lines, lambda name, line: line.startswith(f"{folder / name}:"))
    assert f"{GOOD_ARTICLES} added, 0 already present, {len(lines) + 1} failed" in run.stdout
    # every good article of the batch went in: the counts of a batch of only the good ones
    stats = geo_cli("stats", "--json", "--db", str(db))
    assert stats.returncode == 0 and json.loads(stats.stdout) == reference_stats(pipeline, paths)
    assert geo_cli("check", "--db", str(db)).returncode == 0
    print(f"peak RSS {memory['after_kib'] / 1024:.0f} MiB, +{growth_mib:.1f} MiB while refusing a "
          f"{HUGE // MiB} MiB file")


def test_cli_parse_batch_one_line_per_bad_input_and_json_for_the_good(cli_batch):
    folder, paths, huge = cli_batch
    run = geo_cli("parse", "--json", str(huge), *map(str, paths))
    assert run.returncode == 1
    parsed = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(parsed) == GOOD_ARTICLES
    lines = error_lines(run.stderr)
    assert lines[0] == f"{huge}: file is {HUGE:,} bytes, over the limit of {Limits().max_file_bytes:,}"
    check_errors(lines[1:], lambda name, line: line.startswith(f"{folder / name}:"))


def test_cli_renamed_columns_can_be_named(cli_batch):
    folder, _, _ = cli_batch
    run = geo_cli("parse", "--json", "--text-column", "story body", "--title-column", "HEADLINE",
                  str(folder / "renamed-columns.csv"))
    assert run.returncode == 0, run.stderr
    (article,) = [json.loads(line) for line in run.stdout.splitlines()]
    assert json.dumps(article).count("Clashes in Idlib.") >= 1


def test_cli_limits_come_from_the_environment(tmp_path):
    small = tmp_path / "small.txt"
    small.write_text("Clashes in Idlib. " * 100)  # 1,800 bytes, 1,800 characters
    run = geo_cli("parse", str(small), env={"GEO_MAX_FILE_BYTES": "1000"})
    assert run.returncode == 1
    assert error_lines(run.stderr) == [f"{small}: file is 1,800 bytes, over the limit of 1,000"]
    run = geo_cli("parse", str(small), env={"GEO_MAX_TEXT_CHARS": "500"})
    assert error_lines(run.stderr) == [f"{small}: text has 1,800 characters, over the limit of 500"]
    # a bad value is a usage error naming the variable, not a traceback
    run = geo_cli("parse", str(small), env={"GEO_MAX_FILE_BYTES": "lots"})
    assert run.returncode == 2 and "GEO_MAX_FILE_BYTES='lots' is not an integer" in run.stderr
    assert "Traceback" not in run.stderr
    run = geo_cli("parse", str(small), env={"GEO_MAX_TEXT_CHARS": "-5"})
    assert run.returncode == 2 and "GEO_MAX_TEXT_CHARS='-5' must be a positive integer" in run.stderr


def test_folder_ingest_skips_unknown_types_and_reports_the_rest(cli_batch, tmp_path):
    folder, _, huge = cli_batch
    run = geo_cli("parse", "--json", str(folder))
    assert run.returncode == 1
    lines = error_lines(run.stderr)
    # in a folder, files of other types (.png, .zip) are skipped silently; the rest as above
    assert not any("photo.png" in line or "archive.zip" in line for line in lines)
    assert any(line.startswith(f"{huge}: file is") for line in lines)
    assert len(run.stdout.splitlines()) == GOOD_ARTICLES


# --------------------------------------------------------------------------- properties

# Text shaped like the news: gazetteer names, actor names, punctuation,
# scripts and the characters that trip offset arithmetic (combining marks,
# astral characters, U+2028, CRLF, ligatures whose case-folding changes length).
WORDS = st.sampled_from([
    "Idlib", "Saraqeb", "Saraqib", "al-Sham", "Hay'at Tahrir al-Sham", "HTS", "ISIS", "Daesh", "the", "Tel",
    "Touqan", "Aleppo's", "Jabal", "az-Zawiya", "province", "Syria", "Russia", "Turkey", "إدلب", "حلب",
    "Deir ez-Zor", "Umm", "the two groups", "they", "Ahrar al-Sham", "SDF", "YPG", "regime", "Homs", "Hama",
    "\n\n", ".", ", ", " ", "-", "'", "\u2019", "\u0301", "\u0130", "\u00df", "\ufb01", "\u200b", "\r\n",
    "\u2028", "\U0001f600", "(", ")", '"', "Mr.", "U.S.", "3", "2017",
])
NEWSY = st.lists(st.one_of(WORDS, st.text(max_size=4)), max_size=60).map(" ".join)
JAMMED = st.lists(WORDS, max_size=60).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=300), NEWSY, JAMMED)


def check_spans(text: str, spans, what: str) -> None:
    for span in spans:
        assert 0 <= span.start < span.end <= len(text), (what, span)
        assert text[span.start:span.end] == span.text, (what, span)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_parse_any_text_offsets_stay_inside_and_match(pipeline, text):
    if not text:
        return
    parsed = pipeline.parse(Article(article_id(text), text))
    check_spans(text, parsed.places, "place")
    check_spans(text, parsed.actors, "actor")
    check_spans(text, parsed.unresolved, "unresolved")
    end = 0
    for start, stop in parsed.sentences:
        assert end <= start < stop <= len(text), parsed.sentences
        end = stop


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(NEWSY, JAMMED, st.text(max_size=200)))
def test_parsed_any_text_is_stored_soundly_or_refused_by_name(pipeline, text):
    if not text.strip():
        return
    article = Article(article_id(text), text)
    with Store(":memory:") as store:
        report = ingest_articles([article], store, pipeline)
        assert store.check() == []
        if "\x00" in text or any("\ud800" <= c <= "\udfff" for c in text):
            # SQLite cannot hold these faithfully: refused, with a reason naming the article
            assert report.added == 0 and report.errors[0].startswith(f"article {article.id}: not saved")
        else:
            assert report.added == 1, report.errors


@pytest.mark.parametrize("text, reason", [
    ("Clashes in\x00 Idlib.", "NUL byte in the text at 10"),
    ("Clashes in Idlib\ud800.", "text holds a lone surrogate at 16"),
])
def test_store_door_refuses_what_sqlite_cannot_hold_and_the_batch_goes_on(text, reason, pipeline):
    # Readers never produce these (they refuse NULs, replace surrogates), but the
    # store is a door of its own: before, a NUL made `check` fail afterwards and a
    # surrogate stopped the whole batch with a UnicodeEncodeError.
    bad, good = Article("bad", text), Article("good", "Shelling in Saraqeb today.")
    with Store(":memory:") as store:
        report = ingest_articles([bad, good], store, pipeline)
        assert report.added == 1 and report.errors == (f"article bad: not saved (article bad: {reason})",)
        assert store.check() == []


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=200))
def test_tokenize_offsets_index_the_text(text):
    end = 0
    for token in tokenize(text):
        assert end <= token.start < token.end <= len(text)
        assert text[token.start:token.end] == token.surface
        end = token.end


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=80))
def test_name_folding_never_fails(text):
    for value in (name_key(text), skeleton_key(text), fold_token(text)):
        assert isinstance(value, str) and "\n" not in value


@settings(max_examples=1000, deadline=None)
@given(st.text(min_size=1, max_size=30))
def test_a_name_in_a_sentence_folds_as_it_is_indexed(name):
    # The finder matches the token keys of the text against the gazetteer's name
    # keys: a name must fold the same alone and inside a sentence.
    if not any(token.key for token in tokenize(name)):
        return
    text = f"Clashes near {name} on Monday"
    inside = [t.key for t in tokenize(text) if t.start >= 13 and t.end <= 13 + len(name)]
    assert " ".join(k for k in inside if k) == name_key(name)


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ -"), min_size=1, max_size=30))
def test_name_keys_ignore_case(name):
    assert name_key(name) == name_key(name.upper()) == name_key(name.lower())


@pytest.mark.parametrize("value", ["-5", "0", "abc", "1.5"])
def test_a_bad_limit_in_the_environment_names_the_variable(monkeypatch, value):
    from geo.config import Limits

    monkeypatch.setenv("GEO_MAX_FILE_BYTES", value)
    with pytest.raises(ValueError, match=f"GEO_MAX_FILE_BYTES='{re.escape(value)}'"):
        Limits.from_env()
