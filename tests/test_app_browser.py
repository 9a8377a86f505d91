"""Real-browser tests: Debian's chromium driven by Playwright against `python app.py`.

Tests run in file order and share one app (module fixture): the upload tests come last
because they change the corpus. Screenshots go to test-artifacts/.
"""
from __future__ import annotations

import json
import time
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page

from app_fixtures import (ARTIFACTS, BATTERY_2021, BATTERY_2022, BATTERY_QUESTION, MAX_UPLOAD_BYTES,
                          UPLOAD_HEADLINE, app_server, browser, make_brief, upload_brief)  # noqa: F401

ANSWER_TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def page(browser, app_server):
    """One tab for the whole conversation; records every request that leaves the machine."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1100})
    pg = ctx.new_page()
    pg.external_requests = []
    pg.on("request", lambda r: _note_external(pg, r.url))
    open_app(pg, app_server.url)
    yield pg
    ctx.close()


def _note_external(pg, url: str) -> None:
    host = urlparse(url).hostname
    if url.startswith(("http:", "https:", "ws:", "wss:")) and host not in ("127.0.0.1", "localhost"):
        pg.external_requests.append(url)


def open_app(pg: Page, url: str) -> None:
    pg.goto(url, wait_until="load")
    pg.wait_for_selector('.index-status[data-state="ready"]', timeout=120_000)


def shot(pg: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def ask(pg: Page, question: str) -> str:
    """Type a question, wait for its answer to finish streaming; returns the answer's text."""
    turns = _turns(pg)
    box = pg.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    pg.wait_for_selector(f'#sources-panel .sources-panel[data-turns="{turns + 1}"]',
                         timeout=ANSWER_TIMEOUT_MS)
    return _settled_answer(pg)


def _turns(pg: Page) -> int:
    return int(pg.locator("#sources-panel .sources-panel").get_attribute("data-turns") or 0)


def _settled_answer(pg: Page) -> str:
    """The last bot message once streaming has stopped changing it."""
    last, deadline = None, time.monotonic() + ANSWER_TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        text = pg.locator('#chatbot [data-testid="bot"]').last.inner_text()
        if text == last and "Searching the briefs" not in text:
            return text
        last = text
        pg.wait_for_timeout(400)
    raise AssertionError("answer kept changing")


def latest_sources(pg: Page) -> str:
    """Text of the newest answer's source cards (earlier answers are folded in <details>)."""
    return "\n".join(pg.locator("#sources-panel .sources-panel > .src-card").all_inner_texts())


# --------------------------------------------------------------------------- chat

def test_page_loads_offline(page):
    shot(page, "01-start")
    assert page.locator("#chatbot").is_visible()
    assert page.get_by_text("Compare China's 2021 and 2022 battery policy").first.is_visible()
    assert page.external_requests == []


def test_battery_question_cites_both_battery_items(page):
    answer = ask(page, BATTERY_QUESTION)
    sources = latest_sources(page)
    assert BATTERY_2021 in sources and BATTERY_2022 in sources
    assert "November 2021 brief" in sources and "November 2022 brief" in sources
    assert "Top-5 item" in sources and "MIIT" in sources
    assert page.locator("#sources-panel .src-quote mark").count() > 0  # supporting words
    assert "[1]" in answer
    # [n] markers are links to cards that exist; clicking one flashes its card.
    links = page.locator('#chatbot [data-testid="bot"]').last.locator('a[href^="#src-1-"]')
    assert links.count() >= 2
    for href in {links.nth(i).get_attribute("href") for i in range(links.count())}:
        assert page.locator(f"#sources-panel {href}").count() == 1
    links.first.click()
    page.wait_for_selector("#sources-panel .src-card.flash", timeout=5_000)
    shot(page, "02-battery-answer")


def test_follow_up_uses_the_conversation(page):
    answer = ask(page, "who issued it?")
    assert "MIIT" in answer
    sources = latest_sources(page)
    assert BATTERY_2021 in sources or BATTERY_2022 in sources
    assert page.locator("#sources-panel details.src-older").count() == 1  # first answer folded
    shot(page, "03-follow-up")


def test_second_tab_has_its_own_history(browser, app_server, page):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    other = ctx.new_page()
    try:
        open_app(other, app_server.url)
        assert _turns(other) == 0
        assert other.locator('#chatbot [data-testid="bot"]').count() == 0
        ask(other, "What did Tesla announce in Shanghai?")
        assert _turns(other) == 1  # not 3: the first tab's turns are not here
        assert _turns(page) == 2  # and the first tab did not get this one
    finally:
        ctx.close()


def test_comparison_renders_side_by_side(browser, app_server):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1100})
    pg = ctx.new_page()
    try:
        open_app(pg, app_server.url)
        pg.get_by_text("Compare China's 2021 and 2022 battery policy").first.click()  # example
        pg.wait_for_selector('#sources-panel .sources-panel[data-turns="1"]', timeout=ANSWER_TIMEOUT_MS)
        _settled_answer(pg)
        cols = pg.locator('#chatbot [data-testid="bot"] .cmp-col')
        assert cols.count() == 2
        a, b = cols.nth(0).bounding_box(), cols.nth(1).bounding_box()
        assert b["x"] > a["x"] + a["width"] / 2 and abs(a["y"] - b["y"]) < 40  # next to each other
        assert "2021" in cols.nth(0).inner_text() and "2022" in cols.nth(1).inner_text()
        sources = latest_sources(pg)
        assert BATTERY_2021 in sources and BATTERY_2022 in sources
        shot(pg, "04-compare")
    finally:
        ctx.close()


def test_out_of_corpus_question_abstains_visibly(page):
    answer = ask(page, "What is the best recipe for Neapolitan pizza dough?")
    assert answer.startswith("Not answerable from the briefs.")
    assert page.locator("#sources-panel .sources-panel > .src-none").count() == 1
    shot(page, "05-abstention")


def test_year_and_kind_filters_apply(page):
    page.locator("#scope-filter input").click()
    page.get_by_role("option", name="Year 2022").click()
    ask(page, BATTERY_QUESTION)
    sources = latest_sources(page)
    assert BATTERY_2022 in sources and BATTERY_2021 not in sources
    page.locator("#scope-filter input").click()
    page.get_by_role("option", name="All briefs").click()


# --------------------------------------------------------------------------- corpus / escaping

def search_corpus(pg: Page, query: str) -> None:
    """Type into the corpus search and wait for the table to re-render with fewer rows.

    The dataframe keeps a hidden copy of old cells for a while, so callers pick visible ones.
    """
    grid = pg.locator("#corpus-table [role=grid]")
    before = grid.get_attribute("aria-rowcount")
    pg.locator("#corpus-search textarea, #corpus-search input").first.fill(query)
    pg.wait_for_function(
        "before => document.querySelector('#corpus-table [role=grid]').getAttribute('aria-rowcount') !== before",
        arg=before, timeout=10_000)


def test_markup_in_a_brief_shows_as_text(page):
    page.get_by_role("tab", name="Corpus").click()
    search_corpus(page, "quantum sensor")
    cell = page.locator("#corpus-table").get_by_text("<script>window.__xss=1</script>", exact=False)
    cell = cell.filter(visible=True).first
    cell.wait_for(timeout=10_000)
    cell.click()
    view = page.locator("#item-view .item-view")
    view.wait_for(timeout=10_000)
    text = view.inner_text()
    assert "<script>window.__xss=1</script>" in text and '<img src=x onerror="window.__xss=2">' in text
    assert "Quantum Sensor Industry Rules <script>alert(1)</script>" in text
    assert "<b>bold</b> & co." in text
    assert page.locator("#item-view script, #item-view img, #corpus-table script").count() == 0
    shot(page, "06-corpus-script-as-text")
    page.get_by_role("tab", name="Chat").click()
    ask(page, "What rules did MIIT set for quantum sensor makers?")
    assert "<script>window.__xss=1</script>" in latest_sources(page)
    assert page.locator("#sources-panel script, #chatbot script, #sources-panel img").count() == 0
    assert page.evaluate("window.__xss") is None  # nothing from the brief ran


def test_corpus_lists_items_and_shows_full_text(page):
    page.get_by_role("tab", name="Corpus").click()
    search_corpus(page, "battery MIIT")
    table = page.locator("#corpus-table")
    table.get_by_text(BATTERY_2021).filter(visible=True).first.wait_for(timeout=10_000)
    assert table.get_by_text(BATTERY_2022).filter(visible=True).count() >= 1
    assert table.get_by_text("quantum sensor").filter(visible=True).count() == 0  # search narrows the list
    table.get_by_text(BATTERY_2021).filter(visible=True).first.click()
    page.wait_for_selector('#item-view [data-item-id="merics-china-industries-2021-11#top5-3"]')
    assert "three percent of revenue" in page.locator("#item-view").inner_text()
    page.get_by_role("tab", name="Chat").click()


# --------------------------------------------------------------------------- adding briefs

def _upload(pg: Page, path) -> str:
    pg.get_by_role("tab", name="Add a brief").click()
    pg.locator("#brief-upload input[type=file]").set_input_files(str(path))
    pg.locator("#brief-upload").get_by_text(path.stem).first.wait_for(timeout=10_000)
    pg.locator("#add-brief").click()
    # Every upload message names its file, so an earlier message is never mistaken for it.
    msg = pg.locator("#add-status .msg", has_text=path.name)
    msg.wait_for(timeout=120_000)
    kind = msg.get_attribute("data-kind")
    text = msg.inner_text()
    # Clear the file so the next upload starts fresh.
    clear = pg.locator('#brief-upload button[aria-label="Clear"]')
    if clear.count():
        clear.first.click()
    return f"{kind}: {text}"


def test_upload_rejects_bad_files_and_keeps_the_index(page, tmp_path):
    not_brief = tmp_path / "meeting-notes.txt"
    not_brief.write_text("Notes from Tuesday\n\nWe discussed lunch options and the printer.\n", encoding="utf-8")
    result = _upload(page, not_brief)
    assert result.startswith("error:") and "meeting-notes.txt" in result and "line" in result
    shot(page, "07-upload-error")

    big = tmp_path / "merics-china-industries-2023-03.txt"
    text = make_brief("2023-03", "Padding", "A padded brief", "Padding text. " * 10, "P", "政策", "MIIT")
    big.write_text(text + ("\n" + "x" * 100) * (MAX_UPLOAD_BYTES // 100 + 5), encoding="utf-8")
    result = _upload(page, big)
    assert result.startswith("error:") and "limit" in result

    broken = tmp_path / "merics-china-industries-2023-05.txt"
    broken.write_text(upload_brief().replace("At a glance:", "Glance:"), encoding="utf-8")
    result = _upload(page, broken)
    assert result.startswith("error:") and "line" in result

    # Nothing indexed was lost: the battery items still answer with both sources.
    page.get_by_role("tab", name="Chat").click()
    ask(page, BATTERY_QUESTION)
    sources = latest_sources(page)
    assert BATTERY_2021 in sources and BATTERY_2022 in sources


def test_uploaded_brief_is_answerable_at_once(page, app_server, tmp_path):
    path = tmp_path / "merics-china-industries-2023-04.txt"
    path.write_text(upload_brief(), encoding="utf-8")
    result = _upload(page, path)
    assert result.startswith("ok:") and "April 2023" in result, result
    shot(page, "08-upload-ok")
    assert (app_server.corpus_dir / path.name).is_file()
    page.get_by_role("tab", name="Chat").click()
    ask(page, "What is the graphene desalination membrane pilot programme?")
    assert UPLOAD_HEADLINE in latest_sources(page)
    page.locator("#scope-filter input").click()
    assert page.get_by_role("option", name="Year 2023").count() == 1  # filters know the new brief
    page.keyboard.press("Escape")
    shot(page, "09-uploaded-brief-answer")


# --------------------------------------------------------------------------- eval tab

def test_eval_tab_runs_an_uploaded_question_set(page, tmp_path):
    questions = tmp_path / "mini-questions.jsonl"
    rows = [
        {"id": "m1", "question": "How is MIIT pushing battery makers to double down on innovation?",
         "type": "lookup", "expected_sources": [BATTERY_2021], "expected_facts": [["three percent"]],
         "answerable": True},
        {"id": "m2", "question": "What is the best recipe for Neapolitan pizza dough?", "type": "unanswerable",
         "expected_sources": [], "expected_facts": [], "answerable": False},
    ]
    questions.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    page.get_by_role("tab", name="Evaluation").click()
    page.locator("#eval-questions input[type=file]").set_input_files(str(questions))
    page.locator("#eval-questions").get_by_text(questions.stem).first.wait_for(timeout=10_000)
    page.locator("#run-eval").click()
    page.wait_for_selector("#eval-status .msg-ok, #eval-status .msg-error", timeout=300_000)
    status = page.locator("#eval-status").inner_text()
    assert "finished" in status, page.locator("#eval-log textarea").input_value()[-2000:]
    report = page.locator("#eval-report")
    assert report.locator("table").count() >= 1 and "R@5" in report.inner_text()
    page.wait_for_selector("#eval-plots img", timeout=20_000)
    shot(page, "10-eval")
