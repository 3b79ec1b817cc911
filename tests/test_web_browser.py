"""End-to-end in real headless Chromium (Debian's ``chromium``, installed by scripts/setup-system.sh):
search, open an article, see the highlights and their hover/focus cards, open a speaker page, paste an
article, and save a screenshot of each page under ``screenshots/``. A missing browser fails, never skips."""

from __future__ import annotations

import itertools
import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect, sync_playwright

from saidwhat.web import create_app
from saidwhat.web.settings import WebSettings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT_DIR = Path(__file__).resolve().parent.parent
SHOTS = ROOT_DIR / "screenshots"

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(db: Path, settings: WebSettings | None = None) -> Iterator[str]:
    """A real uvicorn server for the app over ``db`` on 127.0.0.1; yields its base URL."""
    app = create_app(db, settings=settings)
    app.state.live.warm_up()
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def base_url(web_store) -> Iterator[str]:
    with running_server(web_store) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()
    assert dialogs == [], f"a script ran in the page: {dialogs}"


def _shot(page: Page, name: str) -> Path:
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 0
    return path


def _after_content(page: Page, selector: str) -> str:
    return page.locator(selector).evaluate("el => getComputedStyle(el, '::after').content")


def test_web_browser_search_article_speaker_journey(page: Page):
    page.goto("/")
    expect(page.get_by_role("heading", name="Who said what")).to_be_visible()
    expect(page.locator(".top-speakers li").first).to_contain_text("Jane Holloway")
    _shot(page, "overview")

    page.get_by_role("searchbox", name="Search quotes").first.fill("bridge")
    page.keyboard.press("Enter")
    expect(page).to_have_url("/search?q=bridge")
    results = page.locator(".result-item")
    expect(results.first).to_be_visible()
    expect(results.first.locator("blockquote b").first).to_have_text("bridge")
    _shot(page, "search")

    results.first.locator("a.article-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Harbour bridge opens")
    marks = page.locator(".article-text mark.q")
    assert marks.count() >= 2
    target = page.locator("mark.q:target")
    expect(target).to_have_count(1)
    # Holloway and Baker are told apart by colour.
    holloway = page.locator('.who-group:has-text("Jane Holloway") .swatch')
    baker = page.locator('.who-group:has-text("Tom Baker") .swatch')
    colour = "el => getComputedStyle(el).backgroundColor"
    assert holloway.evaluate(colour) != baker.evaluate(colour)
    # Focus (keyboard) shows who said it and the cue; hover does too.
    first = marks.first
    first.focus()
    expect(first).to_be_focused()
    assert "Holloway" in _after_content(page, ".article-text mark.q >> nth=0")
    assert "said" in _after_content(page, ".article-text mark.q >> nth=0")
    marks.nth(1).hover()
    assert "Baker" in _after_content(page, ".article-text mark.q >> nth=1")
    _shot(page, "article")

    page.locator(".who").get_by_role("link", name="Jane Holloway").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jane Holloway")
    expect(page.locator(".pill-list").first).to_contain_text("Holloway")
    expect(page.locator("svg.chart rect.bar")).not_to_have_count(0)
    expect(page.locator(".results .result-item").first).to_be_visible()
    _shot(page, "speaker")


def test_web_browser_article_text_is_never_markup(page: Page):
    page.goto("/search?source=Evening+Post&q=paper")
    page.locator("a.article-link").first.click()
    text = page.locator(".article-text")
    expect(text).to_contain_text('<script>alert("pwned")</script>')
    expect(text).to_contain_text('<b onmouseover="alert(1)">this</b>')
    expect(text).to_contain_text("<img src=x onerror=alert(2)>")
    # the one script is the citation copier, from this server
    assert (
        page.locator('script:not([src="/static/cite.js"]), .article-text img, .article-text b').count() == 0
    )
    expect(page.get_by_role("heading", level=1)).to_have_text('Protest at <i>town hall</i> "signs"')
    page.locator(".article-text mark.q").first.hover()
    _shot(page, "article-hostile")


def test_web_browser_paste_extracts_live(page: Page):
    page.goto("/paste")
    page.get_by_label("Article").fill(
        'Coach Mia Reyes praised her team on Saturday.\n\n"They never stopped running," Reyes said after the match.'
    )
    page.get_by_role("button", name="Find who said what").click()
    expect(page.locator("#result-head")).to_contain_text("quote")
    mark = page.locator(".article-text mark.q", has_text="They never stopped running")
    expect(mark).to_have_count(1)
    mark.focus()
    assert "Mia Reyes" in mark.evaluate("el => getComputedStyle(el, '::after').content")
    _shot(page, "paste")


def test_web_browser_article_index_facets_and_downloads(page: Page):
    page.goto("/articles")
    rows = page.locator(".article-table tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.last).to_contain_text("Fire warning")  # undated, listed after the dated ones
    expect(rows.last).to_contain_text("undated")
    page.get_by_role("link", name="Quotes").click()
    expect(page).to_have_url("/articles?sort=quotes")
    with page.expect_download() as listed:
        page.get_by_role("link", name="CSV").click()
    assert listed.value.suggested_filename == "saidwhat-articles.csv"
    assert "Harbour bridge opens" in Path(listed.value.path()).read_text(encoding="utf-8")
    _shot(page, "articles")

    page.goto("/search?q=harbour")
    facet = page.locator('.facet[data-facet="speaker"] a').first
    expect(facet).to_be_visible()
    name = facet.inner_text()
    facet.click()
    expect(page).to_have_url(re.compile(r"speaker_id=\d+"))
    expect(page.locator(".result-item .speaker").first).to_have_text(name)
    with page.expect_download() as found:
        page.get_by_role("link", name="JSON").click()
    quotes = json.loads(Path(found.value.path()).read_text(encoding="utf-8"))
    assert quotes and all(q["speaker_name"] == name for q in quotes)
    _shot(page, "search-facets")

    page.goto("/paste")
    page.get_by_label("Article").fill('"We will win," the coach said.')
    page.get_by_role("button", name="Find who said what").click()
    with page.expect_download() as pasted:
        page.get_by_role("button", name="Download the result as JSON").click()
    assert (
        json.loads(Path(pasted.value.path()).read_text(encoding="utf-8"))["quotes"][0]["text"]
        == "We will win"
    )


def test_web_browser_phone_shows_who_said_it_and_readable_chart_labels(browser: Browser, base_url: str):
    context = browser.new_context(
        base_url=base_url, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    phone = context.new_page()
    try:
        phone.goto("/search?q=bridge")
        phone.locator("a.article-link").first.click()
        last = phone.locator(".article-text mark.q[data-last]").first
        expect(last).to_be_visible()
        assert phone.evaluate("matchMedia('(hover: none)').matches")
        assert "Holloway" in last.evaluate("el => getComputedStyle(el, '::after').content")
        _shot(phone, "article-phone")
        phone.locator(".who").get_by_role("link", name="Jane Holloway").click()
        labels = phone.locator("svg.chart text.tick")
        expect(labels.first).to_be_visible()
        boxes = [labels.nth(i).bounding_box() for i in range(labels.count())]
        assert all(b is not None for b in boxes)
        boxes.sort(key=lambda b: b["x"])
        assert all(a["x"] + a["width"] <= b["x"] for a, b in itertools.pairwise(boxes))
        assert all(b["height"] >= 10 for b in boxes)  # readable on a phone
        _shot(phone, "speaker-phone")
    finally:
        context.close()


def test_web_browser_phone_speaker_list_shows_gender_without_sideways_scrolling(
    browser: Browser, base_url: str
):
    context = browser.new_context(
        base_url=base_url, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    phone = context.new_page()
    try:
        phone.goto("/speakers?gender=female")
        row = phone.locator(".speaker-table tbody tr", has_text="Jane Holloway")
        expect(row.locator(".gender-cell")).to_have_text(re.compile("female"))
        expect(phone.locator(".speaker-table th.wide").first).to_be_hidden()  # kind and articles
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        _shot(phone, "speakers-phone")
        row.get_by_role("link", name="Jane Holloway").click()
        expect(phone.locator(".gender-line")).to_contain_text("female")
        expect(phone.locator("code", has_text="set-gender")).to_be_visible()
    finally:
        context.close()


def test_web_browser_copy_with_citation(page: Page):
    page.goto("/search?q=bridge")
    box = page.locator(".result-item details.cite").first
    box.locator("summary").click()
    line = box.locator("input.cite-line")
    expect(line).to_be_visible()
    assert " — " in line.input_value() and "“" in line.input_value()
    assert line.evaluate("el => el.selectionEnd - el.selectionStart") == len(line.input_value())


LAYOUT_PAGES = ["/", "/search?q=bridge", "/speakers", "/articles"]


@pytest.mark.parametrize("width", [1280, 390])
def test_web_browser_pages_fit_without_overflow_or_clipped_controls(
    browser: Browser, base_url: str, width: int
):
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 900})
    tab = context.new_page()
    try:
        tab.goto("/search?q=bridge")
        article = tab.locator("a.article-link").first.get_attribute("href")
        tab.locator(".result-item a.speaker").first.click()
        speaker = urlsplit(tab.url).path
        for path in [*LAYOUT_PAGES, article, speaker]:
            tab.goto(path)
            assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
            clipped = tab.evaluate(
                """() => { const ctx = document.createElement('canvas').getContext('2d');
                   // a select's chosen option or a date field's mm/dd/yyyy wider than the box: cut off
                   const shownCut = el => { const text = el.tagName === 'SELECT'
                     ? (el.options[el.selectedIndex] || {}).text || '' : el.type === 'date' ? 'mm/dd/yyyy' : '';
                     if (!text) return false; ctx.font = getComputedStyle(el).font;
                     return ctx.measureText(text).width + 40 > el.clientWidth; };
                   return [...document.querySelectorAll('input:not([type=hidden]), select, button')]
                   .filter(el => el.offsetParent !== null)
                   .filter(el => { const r = el.getBoundingClientRect(), f = (el.form || el.parentElement)
                   .getBoundingClientRect(); return r.right > window.innerWidth + 0.5 || r.left < -0.5
                   || r.right > f.right + 0.5 || shownCut(el); })
                   .map(el => el.name || el.id || el.outerHTML.slice(0, 60)); }"""
            )
            assert clipped == [], (path, clipped)
            form = tab.locator("header.site form.quick-search")
            if width >= 1280 and form.count():  # one row: no search box wrapped onto a row of its own
                box, nav = form.bounding_box(), tab.locator("header.site nav").bounding_box()
                assert box is not None and nav is not None and box["y"] < nav["y"] + nav["height"], path
            name = re.sub(r"[^a-z0-9]+", "-", urlsplit(path).path).strip("-") or "home"
            _shot(tab, f"layout-{width}-{name}")
    finally:
        context.close()


def test_web_browser_corrects_a_speaker_on_the_article_page(
    browser: Browser, web_store: Path, tmp_path: Path
):
    """Under serve --edit: open the address with the token, give a quote another speaker on its article
    page, and find it on that speaker's page and in the CSV download."""
    import shutil

    db = tmp_path / "edit.db"
    shutil.copyfile(web_store, db)
    settings = WebSettings(edit_token="browser-token", allowed_hosts=("127.0.0.1", "localhost"))
    with running_server(db, settings) as url:
        context = browser.new_context(base_url=url, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto("/check?token=browser-token")
        expect(page.get_by_role("button", name="Right").first).to_be_visible()
        page.goto("/articles?sort=title")
        page.get_by_role("link", name="Harbour bridge opens").first.click()
        item = page.locator(".corrections li", has_text="tolls would be dropped")
        item.get_by_label("Said by").fill("Tom Baker")
        item.get_by_role("button", name="Change speaker").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Harbour bridge opens")
        missed = "opened the new harbour bridge on Monday"
        page.locator("article.reader").evaluate(
            """(el, words) => { const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
               for (let n = walk.nextNode(); n; n = walk.nextNode()) { const at = n.data.indexOf(words);
                 if (at >= 0) { const r = document.createRange(); r.setStart(n, at);
                   r.setEnd(n, at + words.length); getSelection().removeAllRanges();
                   getSelection().addRange(r); return; } } }""",
            missed,
        )
        page.get_by_role("button", name="Use the selected text").click()
        expect(page.get_by_label("Its words, as in the article")).to_have_value(missed)
        page.locator("#add-speaker").fill("Hannah Reed")
        page.get_by_role("button", name="Add quote").click()
        expect(page.locator(".who")).to_contain_text("Hannah Reed")
        _shot(page, "article-corrected")
        page.goto("/speakers")
        page.get_by_role("link", name="Tom Baker").first.click()
        expect(page.locator("main")).to_contain_text("tolls would be dropped")
        download = page.request.get(f"{url}/api/quotes?format=csv&speaker=Tom%20Baker")
        assert "tolls would be dropped within a year" in download.text()
        context.close()
