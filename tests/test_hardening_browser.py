"""Hardening, in Debian's chromium: hostile file names and sources run nothing;
the dashboard serves 20 sessions while an ingest runs.

test_dashboard_browser.py proves hostile titles and texts are inert in the
reader, the panel and the popup. This file adds what it does not reach:

* an upload whose *file name* is a script payload, shown in the upload report
  and (as the article's path) in the reader;
* a *source* that breaks out of attributes, listed in the sidebar's Source
  filter (the dropdown opened) and hovered;
* a scan of every frame's DOM: no ``on*`` attribute, no ``javascript:`` link,
  no element a payload would have created, ``window.__pwned`` never set;
* a short run of scripts/load_test.py: 20 websocket sessions and 2 chromium
  pages changing filters for 15 s while an ingest runs: 0 errors.

Run with ``pytest -m browser``; skipped only when /usr/bin/chromium is
missing (``bash scripts/setup.sh --browser`` installs it).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import urlencode

import pytest
from conftest import HOSTILE_SOURCE

from geo.articles import article_id
from scripts.load_test import CHROMIUM, load_test, start_dashboard, stop_dashboard

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason=f"{CHROMIUM} is not installed (bash scripts/setup.sh --browser installs it)"),
]

FILE_NAME = "<img src=x onerror=\"window.__pwned='file'\">report.txt"
SENT_NAME = FILE_NAME.replace('"', "%22")  # how chromium sends quotes in a file name (multipart)
FILE_TEXT = "Hay'at Tahrir al-Sham fighters entered Saraqeb after heavy shelling, a hostile upload said."
SOURCE_ARTICLE = {
    "title": "Shelling near Tel Touqan <script>window.__pwned='title2'</script>",
    "source": HOSTILE_SOURCE,
    "date": "2017-12-02",
    "text": "Regime forces shelled Tel Touqan and Saraqeb on Saturday, a source said.",
}

#: Every frame: attributes a payload would bring, elements it would create, and the flag it sets.
DOM_SCAN = """() => {
    const bad = [];
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes) {
            const name = attr.name.toLowerCase(), value = attr.value.trim().toLowerCase();
            if (name.startsWith('on')) bad.push(`${el.tagName} ${name}=${attr.value.slice(0, 60)}`);
            if ((name === 'href' || name === 'src' || name === 'action' || name === 'formaction')
                && value.startsWith('javascript:')) bad.push(`${el.tagName} ${name}=${attr.value.slice(0, 60)}`);
            if (name === 'srcdoc') bad.push(`${el.tagName} srcdoc`);
        }
        if (el.tagName === 'SCRIPT' && (el.textContent || '').includes('__pwned')
            && !(el.textContent || '').includes('&lt;')) bad.push('script with a payload');
    }
    for (const img of document.querySelectorAll('img[src="x"], svg[onload]')) bad.push('payload element ' + img.tagName);
    return {bad, pwned: window.__pwned === undefined ? null : String(window.__pwned)};
}"""


@pytest.fixture(scope="module")
def hostile_dashboard(seed_db, tmp_path_factory):
    """The dashboard on a private copy of the seed store (the tests upload into it)."""
    folder = tmp_path_factory.mktemp("hardening-browser")
    db = folder / "seed.sqlite"
    from geo.store import Store

    with Store(seed_db) as store:  # checkpoint, so the copy holds everything
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(seed_db, db)
    server, url = start_dashboard(db, folder / "streamlit.log", clean_env=True)
    yield url
    stop_dashboard(server)


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        ("http://127.0.0.1", "ws://127.0.0.1")) else route.abort())
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


def scan(page) -> None:
    """No frame holds markup or script from the data, and no payload ran."""
    for frame in page.frames:
        found = frame.evaluate(DOM_SCAN)
        assert found["bad"] == [], (frame.url, found["bad"][:10])
        assert found["pwned"] is None, (frame.url, found["pwned"])
    assert page.dialogs == []


def upload(page, url: str, files: list[dict]) -> str:
    """Upload ``files`` through the page's own widget; returns the report shown."""
    page.goto(url)
    page.get_by_role("tab", name="Add articles").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(files)
    uploader = page.locator('[data-testid="stFileUploader"]')
    for f in files:  # long names are shown cut in the middle: wait for their ends
        uploader.get_by_text(f["name"][-10:], exact=False).first.wait_for(timeout=30_000)
    page.get_by_role("button", name="Add to the map").click()
    report = page.locator('.stCode, [data-testid="stCode"]').first
    report.wait_for(timeout=60_000)
    return "\n".join(page.locator('.stCode, [data-testid="stCode"]').all_inner_texts())


def test_hostile_file_name_and_source_are_shown_as_text_and_run_nothing(page, hostile_dashboard):
    files = [
        {"name": FILE_NAME, "mimeType": "text/plain", "buffer": FILE_TEXT.encode()},
        {"name": "sources.jsonl", "mimeType": "application/json",
         "buffer": (json.dumps(SOURCE_ARTICLE) + "\n").encode()},
    ]
    shown = upload(page, hostile_dashboard, files)
    assert f"{SENT_NAME}: 1 article added" in shown  # the name, as text
    assert "sources.jsonl: 1 article added" in shown
    page.wait_for_timeout(500)
    scan(page)

    # the reader names the file (Article.path) and the source
    page.goto(f"{hostile_dashboard}/?{urlencode({'article': article_id(FILE_TEXT)})}")
    reader = page.locator(".st-key-reader")
    reader.get_by_text("report.txt", exact=False).first.wait_for(timeout=30_000)
    reader.get_by_text(SENT_NAME, exact=False).first.wait_for(timeout=30_000)  # each block renders on its own
    page.goto(f"{hostile_dashboard}/?{urlencode({'article': article_id(SOURCE_ARTICLE['text'])})}")
    reader = page.locator(".st-key-reader")
    reader.get_by_text("Tel Touqan", exact=False).first.wait_for(timeout=30_000)
    reader.get_by_text(SOURCE_ARTICLE["title"], exact=False).first.wait_for(timeout=30_000)
    reader.get_by_text(HOSTILE_SOURCE, exact=False).first.wait_for(timeout=30_000)
    reader.get_by_text("Evil", exact=False).first.hover()
    page.wait_for_timeout(300)
    scan(page)

    # the Source filter lists it; open the dropdown, hover the option, pick it
    box = page.locator(".st-key-f_source input")
    box.click()
    option = page.get_by_role("option", name="Evil", exact=False).first
    option.wait_for(timeout=10_000)
    assert HOSTILE_SOURCE in option.inner_text()
    option.hover()
    page.wait_for_timeout(300)
    scan(page)
    option.click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('source=')", timeout=30_000)
    page.wait_for_timeout(1000)
    scan(page)


def test_twenty_sessions_and_two_browsers_while_ingesting(tmp_path):
    report = load_test(sessions=20, seconds=15, browsers=2, chunks=30, per_chunk=30, seed=7, workdir=tmp_path)
    print(report.summary())
    assert report.errors == []
    assert report.lost_filters == 0, report.lost_filter_examples  # every filter given was kept (URL)
    assert report.runs >= 20 and report.page_loads >= 2
    assert report.articles_after > report.articles_before  # the ingest really ran meanwhile
    assert report.store_check == "sound"
