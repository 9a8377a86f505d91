"""Real-browser tests: Debian's chromium driven by Playwright against `python app.py`.

One app serves the module (an index build is the slow part), started with a users file, so
every page signs in: `editor` may change the corpus, `reader` may only chat. Each test opens
its own browser context and page, so no test depends on another's state or order. An answer
counts as finished when the sources panel names the page's latest message with data-state
final (or error), which the app sets with the finished answer. Screenshots go to test-artifacts/.
"""
from __future__ import annotations

import json
from urllib.parse import urlparse

import pytest
from gradio_client import Client
from playwright.sync_api import Page, expect

from app_fixtures import (ARTIFACTS, BATTERY_2021, BATTERY_2022, BATTERY_QUESTION, MAX_UPLOAD_BYTES,
                          UPLOAD_HEADLINE, browser, make_brief, start_app, stop_app, upload_brief,  # noqa: F401
                          xss_brief)

ANSWER_TIMEOUT_MS = 60_000
USERS = {"editor": ("editor", "editor-pass"), "reader": ("reader", "reader-pass")}


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("app-browser")
    server = start_app(tmp, {"merics-china-industries-2023-02.txt": xss_brief()}, users=USERS)
    yield server
    stop_app(server)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"app-{tmp.name}.log").write_text(server.log(), encoding="utf-8")


def new_page(browser, app_server, user: str = "editor") -> Page:
    """A fresh signed-in tab that records every request leaving 127.0.0.1."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1100})
    pg = ctx.new_page()
    pg.external_requests = []
    pg.on("request", lambda r: _note_external(pg, r.url))
    r = ctx.request.post(app_server.url + "login", form={"username": user, "password": USERS[user][1]})
    assert r.ok, r.text()
    pg.goto(app_server.url, wait_until="load")
    pg.wait_for_selector('.index-status[data-state="ready"]', timeout=120_000)
    return pg


@pytest.fixture()
def page(browser, app_server):
    pg = new_page(browser, app_server)
    yield pg
    pg.context.close()


def _note_external(pg, url: str) -> None:
    host = urlparse(url).hostname
    if not url.startswith(("data:", "blob:", "about:")) and host not in ("127.0.0.1",):
        pg.external_requests.append(url)


def shot(pg: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _panel(pg: Page):
    return pg.locator("#sources-panel .sources-panel")


def _requests(pg: Page) -> int:
    return int(_panel(pg).get_attribute("data-request") or 0)


def _turns(pg: Page) -> int:
    return int(_panel(pg).get_attribute("data-turns") or 0)


def wait_answer(pg: Page, request: int) -> str:
    """The bot's message for the tab's request-th message, once the app says it is final."""
    pg.wait_for_selector(f'#sources-panel .sources-panel[data-request="{request}"]', timeout=ANSWER_TIMEOUT_MS)
    text = pg.locator('#chatbot [data-testid="bot"]').last.inner_text()
    assert _panel(pg).get_attribute("data-state") == "final", text
    return text


def ask(pg: Page, question: str) -> str:
    n = _requests(pg)
    box = pg.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    return wait_answer(pg, n + 1)


def latest_sources(pg: Page) -> str:
    """Text of the newest answer's source cards (earlier answers are folded in <details>)."""
    return "\n".join(pg.locator("#sources-panel .sources-panel > .src-card").all_inner_texts())


def choose_scope(pg: Page, label: str) -> None:
    pg.locator("#scope-filter input").click()
    pg.get_by_role("option", name=label).click()


# --------------------------------------------------------------------------- chat

def test_page_loads_offline(page):
    shot(page, "01-start")
    assert page.locator("#chatbot").is_visible()
    assert page.get_by_text("Battery policy: 2021 side by side with 2022").first.is_visible()
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
    ask(page, BATTERY_QUESTION)
    answer = ask(page, "who issued it?")
    assert "MIIT" in answer
    sources = latest_sources(page)
    assert BATTERY_2021 in sources or BATTERY_2022 in sources
    assert page.locator("#sources-panel details.src-older").count() == 1  # first answer folded
    shot(page, "03-follow-up")


def test_second_tab_has_its_own_history(browser, app_server, page):
    ask(page, BATTERY_QUESTION)
    other = new_page(browser, app_server)
    try:
        assert _turns(other) == 0
        assert other.locator('#chatbot [data-testid="bot"]').count() == 0
        ask(other, "What did Tesla announce in Shanghai?")
        assert _turns(other) == 1  # not 2: the first tab's turn is not here
        assert _turns(page) == 1  # and the first tab did not get this one
    finally:
        other.context.close()


def test_comparison_renders_side_by_side(page):
    page.get_by_text("Battery policy: 2021 side by side with 2022").first.click()  # example
    wait_answer(page, 1)
    cols = page.locator('#chatbot [data-testid="bot"] .cmp-col')
    assert cols.count() == 2
    a, b = cols.nth(0).bounding_box(), cols.nth(1).bounding_box()
    assert b["x"] > a["x"] + a["width"] / 2 and abs(a["y"] - b["y"]) < 40  # next to each other
    assert "2021" in cols.nth(0).inner_text() and "2022" in cols.nth(1).inner_text()
    sources = latest_sources(page)
    assert BATTERY_2021 in sources and BATTERY_2022 in sources
    shot(page, "04-compare")


def test_out_of_corpus_question_abstains_visibly(page):
    answer = ask(page, "What is the best recipe for Neapolitan pizza dough?")
    assert answer.startswith("Not answerable from the briefs.")
    assert page.locator("#sources-panel .sources-panel > .src-none").count() == 1
    shot(page, "05-abstention")


def test_empty_question_is_an_error_not_an_answer(page):
    n = _requests(page)
    page.locator("#question textarea").fill("\u202e")  # only a bidi mark: empty once cleaned
    page.locator("#question textarea").press("Enter")
    page.wait_for_selector(f'#sources-panel .sources-panel[data-request="{n + 1}"][data-state="error"]',
                           timeout=ANSWER_TIMEOUT_MS)
    assert page.locator('#chatbot [data-testid="bot"]').last.inner_text().startswith("⚠️ empty question")


def test_year_and_kind_filters_apply(page):
    choose_scope(page, "Year 2022")
    ask(page, BATTERY_QUESTION)
    sources = latest_sources(page)
    assert BATTERY_2022 in sources and BATTERY_2021 not in sources
    dates = page.locator("#sources-panel .sources-panel > .src-card .src-date").all_inner_texts()
    assert dates and all(d.startswith("2022-") for d in dates), dates


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


LIVE = ("a[href*='evil'], a[href*='203.0.113'], img[src*='203.0.113'], iframe, link[href*='evil'], "
        "#chatbot script, #sources-panel script, #item-view script, #corpus-table script, "
        "#sources-panel img, #item-view img")


def test_markup_and_outside_links_in_a_brief_stay_text(page):
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
    assert "https://evil.example/login" in text and "203.0.113.5/pixel.png" in text  # shown, as text
    assert page.locator(LIVE).count() == 0
    shot(page, "06-corpus-script-as-text")
    page.get_by_role("tab", name="Chat").click()
    answer = ask(page, "What rules did MIIT set for quantum sensor makers?")
    sources = latest_sources(page)
    assert "<script>window.__xss=1</script>" in sources
    assert "https://evil.example/login" in answer + sources and "203.0.113.5/pixel.png" in answer + sources
    page.wait_for_timeout(1000)  # time for any image or frame the page might try to load
    assert page.locator(LIVE).count() == 0
    assert page.evaluate("window.__xss") is None  # nothing from the brief ran
    assert page.external_requests == []  # no request left 127.0.0.1
    shot(page, "06b-chat-links-as-text")


def test_content_security_policy_allows_no_outside_origin(page, app_server):
    import urllib.request

    with urllib.request.urlopen(app_server.url) as r:  # the login page carries it too
        csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "connect-src 'self'" in csp and "http" not in csp
    # The wall itself: even an image the page inserts on purpose is never fetched; Chromium
    # reports the attempt, then fails it as blocked by the policy before any connection.
    # (Only that request: the page's own queue stream may be cut as it settles, which is not this.)
    with page.expect_event("requestfailed", predicate=lambda r: "203.0.113.5" in r.url, timeout=10_000) as failed:
        blocked = page.evaluate("""() => new Promise(done => {
            document.addEventListener('securitypolicyviolation', e => done(e.blockedURI), {once: true});
            const img = document.createElement('img'); img.src = 'http://203.0.113.5/csp.png';
            document.body.appendChild(img); })""")
    assert "203.0.113.5" in blocked
    assert failed.value.url == "http://203.0.113.5/csp.png" and "csp" in (failed.value.failure or "").lower(), failed.value.failure


def test_corpus_lists_items_and_shows_full_text(page):
    page.get_by_role("tab", name="Corpus").click()
    search_corpus(page, "battery MIIT")
    table = page.locator("#corpus-table")
    table.get_by_text(BATTERY_2021).filter(visible=True).first.wait_for(timeout=10_000)
    assert table.get_by_text(BATTERY_2022).filter(visible=True).count() >= 1
    # search narrows the list; the old rows may still be drawn for a moment, so wait for them to go
    expect(table.get_by_text("quantum sensor").filter(visible=True)).to_have_count(0, timeout=10_000)
    table.get_by_text(BATTERY_2021).filter(visible=True).first.click()
    page.wait_for_selector('#item-view [data-item-id="merics-china-industries-2021-11#top5-3"]')
    assert "three percent of revenue" in page.locator("#item-view").inner_text()


# --------------------------------------------------------------------------- who may change the corpus

def test_reader_sees_no_corpus_or_eval_controls_and_the_api_refuses(browser, app_server, tmp_path):
    pg = new_page(browser, app_server, "reader")
    try:
        assert ask(pg, BATTERY_QUESTION)  # chat is for everyone
        assert pg.get_by_role("tab", name="Corpus").is_visible()
        assert pg.get_by_role("tab", name="Add a brief").count() == 0
        assert pg.get_by_role("tab", name="Evaluation").count() == 0
        assert pg.locator("#brief-upload, #add-brief, #run-eval").count() == 0
        pg.get_by_role("tab", name="Corpus").click()
        pg.locator("#corpus-table").wait_for(timeout=10_000)
        assert not pg.locator("#remove-brief, #remove-choice").filter(visible=True).count()
        shot(pg, "11-reader")
    finally:
        pg.context.close()
    reader = Client(app_server.url, auth=("reader", USERS["reader"][1]), verbose=False)
    path = tmp_path / "merics-china-industries-2023-06.txt"
    path.write_text(upload_brief(), encoding="utf-8")
    from gradio_client import handle_file

    with pytest.raises(Exception, match="editor role"):
        reader.predict([handle_file(str(path))], api_name="/add_brief")
    with pytest.raises(Exception, match="editor role"):
        reader.predict(None, ["default"], api_name="/run_eval")
    with pytest.raises(Exception, match="editor role"):
        reader.predict("merics-china-industries-2021-11", api_name="/remove_brief")
    assert not (app_server.corpus_dir / path.name).exists()
    assert (app_server.corpus_dir / "merics-china-industries-2021-11.txt").is_file()
    # Nobody gets in without a password.
    with pytest.raises(Exception):
        Client(app_server.url, verbose=False).predict(BATTERY_QUESTION, "all", [], api_name="/chat")


def test_editor_sees_the_controls(page):
    assert page.get_by_role("tab", name="Add a brief").is_visible()
    assert page.get_by_role("tab", name="Evaluation").is_visible()
    page.get_by_role("tab", name="Corpus").click()
    page.locator("#remove-brief").wait_for(state="visible", timeout=10_000)


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
    assert page.get_by_role("option", name="April 2023 brief", exact=False).count() == 1  # filters know it
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
    if "finished (exit code 0)" not in status:  # only a run that exited 0 counts (exit 1 writes a report too)
        page.get_by_text("Log").click()  # the log sits in a folded accordion
        pytest.fail(status + "\n" + page.locator("#eval-log textarea").input_value()[-2000:])
    assert page.locator("#eval-status .msg-ok").count() == 1
    report = page.locator("#eval-report")
    assert report.locator("table").count() >= 1 and "R@5" in report.inner_text()
    page.wait_for_selector("#eval-plots img", timeout=20_000)
    shot(page, "10-eval")
