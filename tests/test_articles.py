"""Tests of geo.articles: formats, encodings, bad input, limits, the real corpus."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import json
import re
import time
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.articles import (
    Article,
    ReadOptions,
    article_id,
    decode_bytes,
    parse_date,
    read_bytes,
    read_paths,
)
from geo.config import Limits
from geo.errors import ArticleError, InputTooLarge

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "data" / "corpus" / "fakes_dev.csv"
SEEDS = sorted((REPO / "data" / "seeds").glob("*.txt"))
EXPECTED = REPO / "tests" / "fixtures" / "seeds_expected.jsonl"

DEFAULTS = ReadOptions(limits=Limits())  # independent of GEO_MAX_* in the environment
FAKES_HEADER = "unit_id,article_title,article_content,source,date,location\n"


def split(items):
    """(articles, errors) from a reader's items, checking nothing else comes out."""
    items = list(items)
    assert all(isinstance(item, (Article, ArticleError)) for item in items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, ArticleError)]


def read_one(path: Path, options: ReadOptions = DEFAULTS) -> Article:
    articles, errors = split(read_paths(path, options))
    assert errors == [] and len(articles) == 1
    return articles[0]


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def limits(**kwargs) -> ReadOptions:
    return ReadOptions(limits=Limits(**kwargs))


# --------------------------------------------------------------------------
# ids and dates


def test_article_id_ignores_whitespace_differences():
    assert article_id("Clashes  in\r\nIdlib. ") == article_id("Clashes in Idlib.")
    assert re.fullmatch(r"[0-9a-f]{16}", article_id("x"))
    assert article_id("Clashes in Idlib.") != article_id("Clashes in Hama.")


def test_same_article_from_txt_and_csv_row_has_same_id(tmp_path):
    text = "Regime forces advanced\r\ninto Idlib.\r\n"
    txt = read_one(write(tmp_path / "a.txt", text))
    buf = io.StringIO()
    csv.writer(buf).writerows([["title", "text"], ["T", "Regime forces advanced into Idlib."]])
    row = read_one(write(tmp_path / "a.csv", buf.getvalue()))
    assert txt.id == row.id


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("4/5/17", dt.date(2017, 4, 5)),  # FA-KES: M/D/YY
        ("12/31/16", dt.date(2016, 12, 31)),
        ("1/2/2016", dt.date(2016, 1, 2)),
        ("13/1/17", dt.date(2017, 1, 13)),  # no 13th month: only day/month order fits
        ("31/12/2017", dt.date(2017, 12, 31)),
        ("2017-04-05", dt.date(2017, 4, 5)),
        ("2017-04-05T22:10:00+03:00", dt.date(2017, 4, 5)),
        ("2017/04/05", dt.date(2017, 4, 5)),
        ("05.04.2017", dt.date(2017, 4, 5)),
        ("5 April 2017", dt.date(2017, 4, 5)),
        ("April 5, 2017", dt.date(2017, 4, 5)),
        ("Sept. 3rd 2016", dt.date(2016, 9, 3)),
        ("Wed 05 Apr 2017", dt.date(2017, 4, 5)),
        ("Wed, 05 Apr 2017 10:00:00 GMT", dt.date(2017, 4, 5)),
        (" 4/5/17 ", dt.date(2017, 4, 5)),
    ],
)
def test_parse_date_formats(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    "raw", ["", "  ", "yesterday", "13/13/17", "31/2/17", "2/30/17", "Smarch 5 2017", "0001-01-01", "5/4"]
)
def test_parse_date_gives_none_for_bad_dates(raw):
    assert parse_date(raw) is None


def test_parse_date_with_explicit_format_tries_only_that():
    assert parse_date("05/04/2017", "%d/%m/%Y") == dt.date(2017, 4, 5)
    assert parse_date("2017-04-05", "%d/%m/%Y") is None


def test_unparseable_date_is_logged_and_left_empty(tmp_path, caplog):
    path = write(tmp_path / "c.csv", "text,date\nClashes in Idlib.,someday\n")
    article = read_one(path)
    assert article.date is None
    assert "unparseable date 'someday'" in caplog.text and "c.csv:row 1" in caplog.text


def test_a_date_out_of_range_is_said_to_be_out_of_range(tmp_path, caplog):
    path = write(tmp_path / "d.csv", "text,date\nClashes in Idlib.,9999-12-31\n")
    assert read_one(path).date is None
    assert "date '9999-12-31' is outside 1900-2100" in caplog.text and "d.csv:row 1" in caplog.text


def test_jsonl_fields_of_the_wrong_type_are_left_empty_with_a_warning(tmp_path, caplog):
    path = write(tmp_path / "w.jsonl", '{"text": "Shells hit Idlib.", "source": ["a"], "date": {"y": 1}, "title": true}\n')
    article = read_one(path)
    assert (article.title, article.source, article.date) == (None, None, None)
    for field, kind in (("title", "true/false"), ("source", "list"), ("date", "object")):
        assert f"w.jsonl:line 1: {field} is not text (a JSON {kind})" in caplog.text


@pytest.mark.parametrize("bad", [{"text_column": ""}, {"date_format": "Y-m-d"}, {"limits": 5}])
def test_read_options_reject_bad_values(bad):
    with pytest.raises(ValueError):
        ReadOptions(**bad)


# --------------------------------------------------------------------------
# decoding


@pytest.mark.parametrize(
    "data, expected",
    [
        (codecs.BOM_UTF8 + "café\r\n".encode(), "café\r\n"),
        (codecs.BOM_UTF16_LE + "Idlib — إدلب\n".encode("utf-16-le"), "Idlib — إدلب\n"),
        (codecs.BOM_UTF16_BE + "Idlib — إدلب\n".encode("utf-16-be"), "Idlib — إدلب\n"),
        ("Idlib and Hama — إدلب\n".encode("utf-16-le"), "Idlib and Hama — إدلب\n"),
        ("Idlib and Hama — إدلب\n".encode("utf-16-be"), "Idlib and Hama — إدلب\n"),
        ("Café — “quoted” naïve Größe…".encode("cp1252"), "Café — “quoted” naïve Größe…"),
        ("قصف على مدينة إدلب في شمال سوريا".encode("cp1256"), "قصف على مدينة إدلب في شمال سوريا"),
    ],
)
def test_decode_bytes_encodings(data, expected):
    assert decode_bytes(data, "x.txt") == expected


def test_bad_bytes_in_utf8_are_read_as_cp1252_and_good_utf8_is_kept():
    data = "Idlib — “Saraqeb” ".encode() + b"\x95 Hama \xb5 \x95\x81 end"
    assert decode_bytes(data, "x.txt") == "Idlib — “Saraqeb” • Hama µ •\ufffd end"


def test_truncated_utf8_keeps_the_text_and_marks_the_cut():
    assert decode_bytes("Saraqeb —".encode()[:-1], "x.txt") == "Saraqeb \ufffd"
    assert decode_bytes("Saraqeb —".encode()[:-2], "x.txt") == "Saraqeb \ufffd"
    assert decode_bytes("Saraqeb \U0001f600".encode()[:-1], "x.txt") == "Saraqeb \ufffd"
    assert decode_bytes("Idlib é".encode()[:-1], "x.txt") == "Idlib \ufffd"


@pytest.mark.parametrize(
    "data, kind",
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG image"),
        (b"PK\x03\x04\x14\x00\x00\x00" + bytes(50), "zip archive"),
        (b"\x1f\x8b\x08\x00" + bytes(30), "gzip"),
        (bytes([0, 0, 0x41, 0x7F, 0, 0x12, 0x41, 0]) * 30, "NUL bytes"),
        (b"\x01\x02\x03\x04abc\x05\x06\x07\x08" * 10, "control characters"),
    ],
    ids=["png", "zip", "gzip", "nul", "control"],
)
def test_decode_bytes_refuses_binary(data, kind):
    with pytest.raises(ArticleError) as info:
        decode_bytes(data, "x.txt")
    assert info.value.where == "x.txt"
    assert kind in info.value.reason and "binary" in info.value.reason


def test_html_meta_charset_is_used_when_not_utf8(tmp_path):
    body = "<p>" + "قصف على مدينة إدلب في شمال سوريا. " * 12 + "</p>"
    head = "<head><meta charset='windows-1256'><title>إدلب</title></head>"
    page = f"<html>{head}<body><article>{body}</article></body></html>"
    article = read_one(write(tmp_path / "a.html", page.encode("cp1256")))
    assert "قصف على مدينة إدلب" in article.text


# --------------------------------------------------------------------------
# text files


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seed_text_is_the_decoded_file(seed):
    article = read_one(seed)
    assert article.text == seed.read_bytes().decode("utf-8")
    assert article.title is None and article.path == str(seed)


def test_seed_offsets_of_the_expected_answers_index_into_the_text():
    texts = {p.name: read_one(p).text for p in SEEDS}
    for line in EXPECTED.read_text(encoding="utf-8").splitlines():
        expected = json.loads(line)
        text = texts[expected["source"]]
        assert hashlib.sha256(text.encode()).hexdigest() == expected["text_sha256"]
        for toponym in expected["toponyms"]:
            assert text[toponym["start"] : toponym["end"]] == toponym["surface"]


def test_line_endings_and_surrounding_whitespace_are_kept(tmp_path):
    text = "  Idlib\r\nHama\nAleppo\rHoms\r\n\n"
    assert read_one(write(tmp_path / "a.txt", text)).text == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "cp1252"])
def test_text_file_encodings(tmp_path, encoding):
    text = "Clashes near Saraqeb — “heavy” fighting, café closed.\r\n"
    article = read_one(write(tmp_path / "a.md", text.encode(encoding)))
    assert article.text == text


def test_bom_is_dropped_and_offsets_follow(tmp_path):
    article = read_one(write(tmp_path / "a.txt", codecs.BOM_UTF8 + b"Idlib"))
    assert article.text == "Idlib"


# --------------------------------------------------------------------------
# bad input: each problem is one error naming the file


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \r\n\t \n", "only whitespace"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(64), "binary data (PNG image)"),
        ("archive.csv", b"PK\x03\x04" + bytes(64), "binary data (zip archive"),
        ("nuls.txt", b"abc\x00\x00\x00\x00def\x00\x00\x07\x00\x00", "binary data"),
        ("nul.txt", b"Idlib " * 200 + b"\x00 Hama", "NUL byte in text"),
        ("report.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
        ("noext", b"text", "unsupported file type '(no extension)'"),
        ("empty.html", b"", "empty file"),
        (
            "scripts.html",
            b"<html><head><script>var a = 'Idlib is a city';</script></head>"
            b"<body><script>document.write('Hama and Aleppo are cities too')</script></body></html>",
            "no article text found",
        ),
        ("empty.csv", b"\r\n\r\n", "empty file"),
        ("header.csv", b"title,text\r\n", "no data rows"),
        (
            "notext.csv",
            b"id,headline,when\n1,Idlib,4/5/17\n",
            "no text column (columns: 'id', 'headline', 'when')",
        ),
        ("empty.jsonl", b"\n\n", "empty file"),
    ],
)
def test_bad_file_gives_one_error_naming_it(tmp_path, name, data, reason):
    path = write(tmp_path / name, data)
    articles, errors = split(read_paths(path, DEFAULTS))
    assert articles == []
    assert len(errors) == 1, errors
    assert errors[0].where == str(path)
    assert reason in errors[0].reason


def test_missing_path_is_reported_and_the_rest_still_read(tmp_path):
    good = write(tmp_path / "good.txt", "Idlib")
    articles, errors = split(read_paths([tmp_path / "nope.txt", tmp_path / "nodir", good], DEFAULTS))
    assert [a.text for a in articles] == ["Idlib"]
    assert [(e.where, e.reason) for e in errors] == [
        (str(tmp_path / "nope.txt"), "no such file"),
        (str(tmp_path / "nodir"), "no such file"),
    ]


def test_huge_file_is_refused_from_its_size_without_being_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: takes no disk space

    def no_open(self, *args, **kwargs):
        raise AssertionError(f"{self} was opened")

    monkeypatch.setattr(Path, "open", no_open)
    for options in (DEFAULTS, limits(max_file_bytes=1024)):
        started = time.perf_counter()
        articles, errors = split(read_paths(path, options))
        assert time.perf_counter() - started < 1.0
        assert articles == [] and len(errors) == 1
        assert isinstance(errors[0], InputTooLarge)
        assert "209,715,200 bytes, over the limit" in errors[0].reason


def test_text_over_the_limit_is_an_error_for_that_article(tmp_path):
    write(tmp_path / "long.txt", "x" * 101)
    write(tmp_path / "short.txt", "x" * 100)
    articles, errors = split(read_paths(tmp_path, limits(max_text_chars=100)))
    assert [a.path for a in articles] == [str(tmp_path / "short.txt")]
    assert isinstance(errors[0], InputTooLarge) and errors[0].where == str(tmp_path / "long.txt")
    assert "101 characters, over the limit of 100" in errors[0].reason


def test_not_a_regular_file_is_refused(tmp_path):
    fifo = tmp_path / "pipe.txt"
    import os

    os.mkfifo(fifo)
    articles, errors = split(read_paths(fifo, DEFAULTS))
    assert articles == [] and errors[0].reason == "not a regular file"


# --------------------------------------------------------------------------
# folders


def test_folder_is_read_recursively_sorted_skipping_hidden_and_unknown(tmp_path, caplog):
    for rel in [
        "b.txt",
        "a/z.md",
        "a/sub/y.txt",
        "c.txt",
        ".hidden.txt",
        ".git/x.txt",
        "notes.pdf",
        "a/img.png",
    ]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        write(tmp_path / rel, f"text of {rel}")
    articles, errors = split(read_paths(tmp_path, DEFAULTS))
    assert errors == []
    assert [Path(a.path).relative_to(tmp_path).as_posix() for a in articles] == [
        "a/sub/y.txt", "a/z.md", "b.txt", "c.txt",
    ]  # fmt: skip


@pytest.mark.parametrize("files", [[], ["notes.pdf", "scan.png", ".hidden.txt"]])
def test_folder_with_nothing_to_read_is_an_error(tmp_path, files):
    for name in files:
        write(tmp_path / name, b"Clashes in Idlib.")
    articles, errors = split(read_paths(tmp_path, DEFAULTS))
    assert articles == [] and len(errors) == 1
    assert errors[0].where == str(tmp_path) and errors[0].reason.startswith("no files to read in this folder")


def test_unknown_type_named_explicitly_is_an_error(tmp_path):
    path = write(tmp_path / "notes.pdf", b"%PDF-1.4")
    articles, errors = split(read_paths([path], DEFAULTS))
    assert articles == [] and "unsupported file type '.pdf'" in errors[0].reason


# --------------------------------------------------------------------------
# CSV


def test_csv_rows_become_articles_with_fields(tmp_path):
    path = write(
        tmp_path / "c.csv",
        FAKES_HEADER + '1,Strikes on Idlib,"Jets struck Idlib.\nMany died.",SANA,4/5/17,idlib\n'
        "2,  ,Clashes in Hama.,,,hama\n",
    )
    articles, errors = split(read_paths(path, DEFAULTS))
    assert errors == []
    first, second = articles
    assert (first.title, first.text, first.source, first.date) == (
        "Strikes on Idlib", "Jets struck Idlib.\nMany died.", "SANA", dt.date(2017, 4, 5),
    )  # fmt: skip
    assert first.path == f"{path}#row=1" and second.path == f"{path}#row=2"
    assert (second.title, second.source, second.date) == (None, None, None)


def test_csv_columns_renamed_via_read_options(tmp_path):
    path = write(
        tmp_path / "c.csv", "Story;Head;Outlet;When;Where\nClashes in Hama.;Hama;TRT;05/04/2017;http://x/1\n"
    )
    options = ReadOptions(
        text_column="story", title_column="HEAD", source_column="outlet", date_column="when",
        url_column="where", date_format="%d/%m/%Y", limits=Limits(),
    )  # fmt: skip
    article = read_one(path, options)
    assert (article.text, article.title, article.source, article.date, article.url) == (
        "Clashes in Hama.", "Hama", "TRT", dt.date(2017, 4, 5), "http://x/1",
    )  # fmt: skip


def test_csv_named_column_missing(tmp_path):
    path = write(tmp_path / "c.csv", "text,title\nClashes in Hama.,Hama\n")
    articles, errors = split(read_paths(path, ReadOptions(date_column="published_on", limits=Limits())))
    assert len(articles) == 1 and "no column 'published_on' for the date" in errors[0].reason
    articles, errors = split(read_paths(path, ReadOptions(text_column="story", limits=Limits())))
    assert articles == [] and "no column 'story' (columns: 'text', 'title')" in errors[0].reason


def test_malformed_csv_rows_are_errors_naming_the_row_and_the_rest_goes_in(tmp_path):
    rows = [
        "title,text,source",
        "A,Clashes in Idlib.,SANA",
        'B,"Unbalanced quote in Hama.,TRT',  # row 2: the quote is never closed
        "C,Clashes in Aleppo.,TRT",
        "D,Clashes\x00 in Homs.,TRT",  # row 4: NUL byte
        "E,Clashes in Daraa.",  # row 5: missing column
        "F,Clashes in Raqqa.,TRT,extra",  # row 6: extra column
        "G,,SANA",  # row 7: no text
        "H,   ,SANA",  # row 8: whitespace-only text
        "I,Clashes in Deir ez-Zor.,SANA",
    ]
    path = write(tmp_path / "c.csv", "\r\n".join(rows) + "\r\n")
    articles, errors = split(read_paths(path, DEFAULTS))
    assert [a.title for a in articles] == ["A", "C", "I"]
    assert [a.path.rsplit("#", 1)[1] for a in articles] == ["row=1", "row=3", "row=9"]
    assert [e.where for e in errors] == [f"{path}:row {n}" for n in (2, 4, 5, 6, 7, 8)]
    reasons = [e.reason for e in errors]
    assert "malformed CSV" in reasons[0] and "line 3" in reasons[0]
    assert reasons[1] == "NUL byte in text"
    assert reasons[2] == "2 fields, but the header has 3"
    assert reasons[3] == "4 fields, but the header has 3"
    assert reasons[4] == "no text"
    assert reasons[5] == "no text (only whitespace)"


def test_csv_resumes_after_an_unterminated_quote_that_follows_blank_lines(tmp_path):
    path = write(tmp_path / "c.csv", 'text,title\n\n"Clashes in Idlib.,A\n\n\n"Clashes in Hama.",B\n')
    articles, errors = split(read_paths(path, DEFAULTS))
    assert [a.title for a in articles] == ["B"] and articles[0].path.endswith("#row=2")
    assert errors[0].where == f"{path}:row 1" and "record starting on line 3" in errors[0].reason


def test_csv_gives_up_after_too_many_malformed_records(tmp_path):
    path = write(tmp_path / "c.csv", "text\n" + '"unterminated\n' * 100)
    articles, errors = split(read_paths(path, DEFAULTS))
    assert articles == [] and len(errors) == 21
    assert "the rest of the file is not read" in errors[-1].reason


def test_csv_field_longer_than_the_csv_module_default(tmp_path):
    text = "Idlib " * 50_000  # 300,000 characters > csv's 131,072 default
    path = write(tmp_path / "c.csv", f"text\n{text}\n")
    assert read_one(path, limits(max_text_chars=400_000)).text == text


def test_csv_row_over_the_text_limit_is_an_error_for_that_row_only(tmp_path):
    path = write(tmp_path / "c.csv", "text\n" + "x" * 20 + "\nshort\n")
    articles, errors = split(read_paths(path, limits(max_text_chars=10)))
    assert [a.text for a in articles] == ["short"]
    assert errors[0].where == f"{path}:row 1" and isinstance(errors[0], InputTooLarge)


def test_csv_headers_are_case_insensitive_and_tab_separated_works(tmp_path):
    path = write(tmp_path / "c.csv", "HEADLINE\tBody\tPublished\nHama\tClashes in Hama.\t2017-04-05\n")
    article = read_one(path)
    assert (article.title, article.text, article.date) == ("Hama", "Clashes in Hama.", dt.date(2017, 4, 5))


# --------------------------------------------------------------------------
# JSONL


def test_jsonl_broken_line_is_an_error_and_other_lines_are_read(tmp_path):
    lines = [
        json.dumps(
            {"Title": "A", "Content": "Clashes in Idlib.", "published": "2017-04-05", "link": "http://x/a"}
        ),
        '{"title": "B", "text": "broken',
        "",
        "[1, 2]",
        json.dumps({"title": "C", "text": 42}),
        json.dumps({"headline": "D", "body": "Clashes in Hama.\u2028Second line.", "publisher": "TRT"}),
        json.dumps({"title": "E"}),
    ]
    path = write(tmp_path / "a.jsonl", "\n".join(lines) + "\n")
    articles, errors = split(read_paths(path, DEFAULTS))
    assert [(a.title, a.path) for a in articles] == [("A", f"{path}#line=1"), ("D", f"{path}#line=6")]
    assert articles[0].date == dt.date(2017, 4, 5) and articles[0].url == "http://x/a"
    assert articles[1].text == "Clashes in Hama.\u2028Second line." and articles[1].source == "TRT"
    assert [e.where for e in errors] == [f"{path}:line {n}" for n in (2, 4, 5, 7)]
    assert errors[0].reason.startswith("invalid JSON")
    assert errors[1].reason == "not a JSON object (a list)"
    assert errors[2].reason == "text field is not a string (a int)"
    assert errors[3].reason == "no text field (keys: 'title')"


# --------------------------------------------------------------------------
# HTML

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>Clashes in Idlib | Example News</title>
<meta property="article:published_time" content="2017-10-24T10:00:00Z">
<meta property="og:site_name" content="Example News">
<script>var tracking = "do not extract";</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Clashes in Idlib</h1>
<p>Regime forces advanced into southeastern Idlib on Tuesday, according to reporters on the ground.</p>
<p>Daesh took control of the villages of Deribiye and Niha after heavy fighting near Saraqeb.</p>
</article><footer>Copyright 2016 Example News</footer></body></html>"""


def test_html_main_text_and_metadata_are_extracted(tmp_path):
    article = read_one(write(tmp_path / "page.htm", PAGE))
    assert "Regime forces advanced into southeastern Idlib" in article.text
    assert "villages of Deribiye and Niha" in article.text
    assert "tracking" not in article.text and "Home" not in article.text
    assert article.title and "Clashes in Idlib" in article.title
    assert article.date == dt.date(2017, 10, 24)
    assert article.source == "Example News"
    assert article.id == article_id(article.text)


@pytest.mark.parametrize("fragment", [
    "<p>Regime forces shelled Saraqeb on Tuesday, activists said.</p>",
    "<body><p>Regime forces shelled Saraqeb on Tuesday, activists said.</p></body>",
    "<article><p>Regime forces shelled Saraqeb on Tuesday, activists said.</p></article>",
])  # fmt: skip
def test_html_fragment_without_an_html_element_is_read(tmp_path, fragment):
    article = read_one(write(tmp_path / "body.html", fragment))
    assert article.text == "Regime forces shelled Saraqeb on Tuesday, activists said."


def test_html_page_with_no_text_is_still_refused(tmp_path):
    page = "<html><head><title>Idlib</title></head><body><script>var a = 'Hama';</script></body></html>"
    articles, errors = split(read_paths(write(tmp_path / "p.html", page), DEFAULTS))
    assert articles == [] and errors[0].reason == "no article text found"


# --------------------------------------------------------------------------
# uploads


def test_upload_name_is_only_a_label(tmp_path):
    articles, errors = split(read_bytes("../../etc/passwd\n.txt", b"Clashes in Idlib.", DEFAULTS))
    assert errors == [] and articles[0].path == "passwd?.txt"
    articles, errors = split(read_bytes("C:\\Users\\x\\corpus.CSV", b"text\nA\nB\n", DEFAULTS))
    assert [a.path for a in articles] == ["corpus.CSV#row=1", "corpus.CSV#row=2"]


def test_upload_over_the_byte_limit_is_refused():
    articles, errors = split(read_bytes("a.txt", b"x" * 101, limits(max_upload_bytes=100)))
    assert articles == [] and isinstance(errors[0], InputTooLarge) and errors[0].where == "a.txt"


def test_upload_articles_beyond_the_limit_are_skipped_and_counted():
    data = ("text\n" + "".join(f"Article {i}\n" for i in range(10)) + "\n,\n").encode()
    articles, errors = split(read_bytes("a.csv", data, limits(max_upload_articles=3)))
    assert [a.text for a in articles] == ["Article 0", "Article 1", "Article 2"]
    assert [e.reason for e in errors] == ["2 fields, but the header has 1", "more than 3 articles; 7 skipped"]


def test_upload_of_unsupported_type():
    _, errors = split(read_bytes("photo.jpg", b"\xff\xd8\xff", DEFAULTS))
    assert "unsupported file type '.jpg'" in errors[0].reason


# --------------------------------------------------------------------------
# the real corpus (FA-KES, 381 rows with stray non-UTF-8 bytes)


@pytest.fixture(scope="module")
def corpus():
    return list(read_paths(CORPUS, DEFAULTS))


def test_corpus_every_row_goes_in(corpus):
    articles, errors = split(corpus)
    assert errors == []
    assert len(articles) == 381
    assert [a.path for a in articles] == [f"{CORPUS}#row={n}" for n in range(1, 382)]


def test_corpus_ids_are_unique_unless_texts_are_identical(corpus):
    texts = defaultdict(set)
    for article in split(corpus)[0]:
        texts[article.id].add(" ".join(article.text.split()))
    assert all(len(group) == 1 for group in texts.values())
    # FA-KES repeats a few articles verbatim: 381 rows hold 373 distinct texts
    assert len(texts) == 373


def test_corpus_dates_and_fields(corpus):
    articles = split(corpus)[0]
    assert all(a.date is not None and 2011 <= a.date.year <= 2018 for a in articles)
    assert articles[0].date == dt.date(2017, 4, 5)  # "4/5/17"
    assert all(a.title and a.source for a in articles)


def test_corpus_stray_bytes_are_sane_characters(corpus):
    articles = {a.path.rsplit("=", 1)[1]: a for a in split(corpus)[0]}
    assert "medical attention. •" in articles["38"].text  # 0x95 0x81 in the file
    assert "Syria •_chemical attack•_ kills" in articles["122"].title
    for article in articles.values():
        for field in (article.text, article.title):
            # the only non-ASCII characters are the cp1252 readings of the stray bytes
            assert set(re.findall(r"[^\x00-\x7f]", field)) <= {"•", "\ufffd", "µ"}
            assert "\ufffd" not in field.replace("•\ufffd", "")  # 0x81 only ever follows 0x95


# --------------------------------------------------------------------------
# properties

EXTENSIONS = [".txt", ".md", ".html", ".htm", ".csv", ".jsonl", ".ndjson", ".pdf"]
MARKUP = st.lists(
    st.sampled_from(["<p>", "</p>", "<script>", "</script>", "<title>", "<meta charset='cp1256'>",
                     "&#xd800;", "\x00", "<!--", '"', ",", "\n", "\r", "{", "}", '"text":', "é",
                     "Idlib is a city in north-western Syria. "]),
    max_size=40,
).map(lambda parts: "".join(parts).encode())  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(EXTENSIONS), st.one_of(st.binary(max_size=3000), MARKUP))
def test_read_bytes_never_raises(ext, data):
    items = list(read_bytes("upload" + ext, data, limits(max_text_chars=1000, max_upload_articles=5)))
    assert all(isinstance(item, (Article, ArticleError)) for item in items)
    assert sum(isinstance(item, Article) for item in items) <= 5


def _round_trippable(text: str) -> bool:
    """Texts a .txt file can hold unchanged: not blank, no NUL, no BOM, not binary-looking."""
    controls = len(re.findall(r"[\x00-\x08\x0e-\x1f\x7f]", text))
    return (
        bool(text.strip())
        and "\x00" not in text
        and not text.startswith("\ufeff")
        and controls <= len(text) * 0.05
    )


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1))
def test_text_round_trips_through_txt(text):
    if not _round_trippable(text):
        return
    articles, errors = split(read_bytes("a.txt", text.encode("utf-8"), DEFAULTS))
    assert errors == [] and articles[0].text == text and articles[0].id == article_id(text)


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1), st.text(st.characters(blacklist_categories=("Cs", "Cc"))))
def test_text_round_trips_through_csv(text, title):
    if not _round_trippable(text):
        return
    buf = io.StringIO()
    csv.writer(buf).writerows([["title", "text"], [title, text]])
    articles, errors = split(read_bytes("a.csv", buf.getvalue().encode("utf-8"), DEFAULTS))
    assert errors == [] and articles[0].text == text
