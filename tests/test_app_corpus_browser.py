"""Corpus management in real Chromium: several briefs per upload (text, PDF, a hidden name, a bad
file), removing a brief, the policy tracker's filters and timeline, the CSV export, and taking an
answer away as Markdown. One app for the module; every test opens its own page and depends on no
other test's state (the removal test uploads the brief it removes)."""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page

from app_fixtures import (ARTIFACTS, BATTERY_QUESTION, CORPUS, UPLOAD_HEADLINE, browser, make_brief,  # noqa: F401
                          start_app, stop_app, upload_brief)

WEB = Path(__file__).resolve().parent / "fixtures" / "web"
ANSWER_TIMEOUT_MS = 60_000
UPLOAD_TIMEOUT_MS = 180_000


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """The app on a tmp copy of the corpus, with an upload limit a printed PDF fits under."""
    tmp = tmp_path_factory.mktemp("corpus-app")
    server = start_app(tmp, env={"BRIEFS_APP__MAX_UPLOAD_BYTES": "400000"})
    yield server
    stop_app(server)
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(server.log_path, ARTIFACTS / f"app-{tmp.name}.log")


@pytest.fixture()
def page(browser, app_server):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1200}, accept_downloads=True)
    pg = ctx.new_page()
    pg.goto(app_server.url, wait_until="load")
    pg.wait_for_selector('.index-status[data-state="ready"]', timeout=120_000)
    yield pg
    ctx.close()


def shot(pg: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"corpus-{name}.png"), full_page=True)


def rows_of(pg: Page, table: str) -> list[list[str]]:
    """Rendered body rows of a gradio dataframe (a virtual list: enough for the few rows tested)."""
    return pg.evaluate(
        """sel => [...document.querySelectorAll(sel + ' .virtual-body [role=row]')]
              .map(tr => [...tr.querySelectorAll('[role=gridcell]')].map(td => td.innerText.trim()))
              .filter(r => r.some(c => c))""", table)


def wait_rows(pg: Page, table: str, check, timeout_s: float = 20) -> list[list[str]]:
    """Rows once `check(rows)` holds (the table re-renders after each filter event)."""
    deadline = pg.evaluate("Date.now()") + timeout_s * 1000
    rows = rows_of(pg, table)
    while not check(rows):
        if pg.evaluate("Date.now()") > deadline:
            raise AssertionError(f"{table} never matched; last rows: {rows}")
        pg.wait_for_timeout(300)
        rows = rows_of(pg, table)
    return rows


def pick(pg: Page, elem_id: str, option: str) -> None:
    pg.locator(f"#{elem_id} input").click()
    pg.get_by_role("option", name=option, exact=True).click()


def open_corpus(pg: Page) -> None:
    pg.get_by_role("tab", name="Corpus").click()
    wait_rows(pg, "#tracker-table", lambda rows: len(rows) >= 10)


def upload(pg: Page, paths: list[Path]) -> dict[str, str]:
    """Upload files in one go; returns file name → 'kind: message' for each."""
    pg.get_by_role("tab", name="Add a brief").click()
    pg.locator("#brief-upload input[type=file]").set_input_files([str(p) for p in paths])
    for p in paths:
        pg.locator("#brief-upload").get_by_text(p.stem.lstrip(".")).first.wait_for(timeout=10_000)
    pg.locator("#add-brief").click()
    out = {}
    for p in paths:
        msg = pg.locator("#add-status .msg", has_text=p.name)
        msg.wait_for(timeout=UPLOAD_TIMEOUT_MS)
        out[p.name] = f"{msg.get_attribute('data-kind')}: {msg.inner_text()}"
    return out


def ask(pg: Page, question: str) -> str:
    """Ask in the chat; returns the sources panel's text once the app says the answer is final."""
    pg.get_by_role("tab", name="Chat").click()
    panel = pg.locator("#sources-panel .sources-panel")
    n = int(panel.get_attribute("data-request") or 0) + 1
    box = pg.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    pg.wait_for_selector(f'#sources-panel .sources-panel[data-request="{n}"]', timeout=ANSWER_TIMEOUT_MS)
    assert panel.get_attribute("data-state") == "final", pg.locator('#chatbot [data-testid="bot"]').last.inner_text()
    return "\n".join(pg.locator("#sources-panel .sources-panel > .src-card").all_inner_texts())


# --------------------------------------------------------------------------- tracker

def test_tracker_filters_by_issuer_year_and_text(page):
    open_corpus(page)
    shot(page, "tracker")
    rows = rows_of(page, "#tracker-table")
    assert all(len(r) == 6 for r in rows)  # date, policy, Chinese name, issuers, instrument, brief: no item id
    img = page.locator("#tracker-timeline img").first
    page.wait_for_function("el => el.complete && el.naturalWidth > 0", arg=img.element_handle(), timeout=10_000)
    assert not any("#top5-" in c for r in rows for c in r)
    pick(page, "tracker-issuer", "CAC")
    rows = wait_rows(page, "#tracker-table", lambda rows: len(rows) == 1)
    assert rows[0][0] == "2021-10-29" and rows[0][1].startswith("Measures for Data Export Security Evaluation")
    assert rows[0][3] == "CAC" and rows[0][4] == "draft"
    pick(page, "tracker-issuer", "MIIT")
    pick(page, "tracker-year", "2022")
    rows = wait_rows(page, "#tracker-table", lambda rows: len(rows) == 3 and all(r[0].startswith("2022") for r in rows))
    assert all("MIIT" in r[3] for r in rows)
    page.locator("#tracker-search textarea, #tracker-search input").first.fill("battery")
    rows = wait_rows(page, "#tracker-table", lambda rows: len(rows) == 1)
    assert rows[0][1].startswith("Notice on Improving the Collaborative and Stable Development of the Lithium-ion")
    # A row opens its item.
    page.locator("#tracker-table .virtual-body [role=row]").first.locator("[role=gridcell]").nth(1).click()
    page.wait_for_selector('#item-view [data-item-id="merics-china-industries-2022-11#top5-2"]', timeout=10_000)
    shot(page, "tracker-filtered")


def test_timeline_point_opens_its_item(page, tmp_path):
    from assistant.web import tracker

    open_corpus(page)
    page.locator("#tracker-search textarea, #tracker-search input").first.fill("lithium-ion regulatory conditions")
    wait_rows(page, "#tracker-table", lambda rows: len(rows) == 1)
    # Where the app drew the point: the same rows drawn by the same code.
    from assistant.parse import read_brief

    rows = tracker.filter_rows(tracker.policy_rows([read_brief(p) for p in sorted(CORPUS.glob("*.txt"))]),
                               text="lithium-ion regulatory conditions")
    points = tracker.timeline_png(rows, tmp_path / "timeline-probe.png")
    assert len(points) == 1
    img = page.locator("#tracker-timeline img").first
    page.wait_for_function("el => el.complete && el.naturalWidth > 0", arg=img.element_handle(), timeout=10_000)
    natural = page.evaluate("el => [el.naturalWidth, el.naturalHeight]", img.element_handle())
    box = img.bounding_box()
    # The image is scaled to fit, keeping its aspect ratio: find the drawn area inside the box.
    scale = min(box["width"] / natural[0], box["height"] / natural[1])
    off_x = (box["width"] - natural[0] * scale) / 2
    off_y = (box["height"] - natural[1] * scale) / 2
    img.click(position={"x": off_x + points[0].x * scale, "y": off_y + points[0].y * scale})
    page.wait_for_selector('#item-view [data-item-id="merics-china-industries-2021-11#top5-3"]', timeout=10_000)
    assert "MIIT" in page.locator("#item-view").inner_text()
    shot(page, "timeline-click")


def test_csv_export_holds_the_filtered_policies(page):
    open_corpus(page)
    pick(page, "tracker-issuer", "MIIT")
    pick(page, "tracker-year", "2021")
    wait_rows(page, "#tracker-table", lambda rows: len(rows) == 3 and all(r[0].startswith("2021") for r in rows))
    page.wait_for_timeout(500)  # the download button gets its new file with the same event
    with page.expect_download(timeout=20_000) as dl:
        page.locator("#tracker-csv").click()
    text = Path(dl.value.path()).read_text(encoding="utf-8-sig")
    got = list(csv.reader(io.StringIO(text)))
    assert got[0][:5] == ["Date", "Policy", "Chinese name", "Issuing bodies", "Instrument"]
    assert len(got) == 4 and all(r[0].startswith("2021") and "MIIT" in r[3] for r in got[1:])
    assert any(r[2] == "锂离子电池行业规范条件(2021年本)(征求意见稿)" for r in got[1:])  # Chinese names survive


# --------------------------------------------------------------------------- upload / remove

def test_upload_several_files_at_once(page, app_server, tmp_path):
    new = tmp_path / "merics-china-industries-2023-04.txt"
    new.write_text(upload_brief(), encoding="utf-8")
    hidden = tmp_path / ".merics-china-industries-2023-06.md"
    hidden.write_text(make_brief("2023-06", "Tidal power", "Tidal turbines get a feed-in tariff",
                                 "The NEA set a feed-in tariff for tidal turbines.", "Tidal Power Tariff Notice",
                                 "潮汐发电电价通知", "NEA"), encoding="utf-8")
    pdf = tmp_path / "merics-china-industries-2022-11.pdf"  # same id as the .txt: replaces it
    shutil.copy(WEB / pdf.name, pdf)
    junk = tmp_path / "lunch-notes.txt"
    junk.write_text("We discussed lunch.\n", encoding="utf-8")
    results = upload(page, [new, hidden, pdf, junk])
    shot(page, "upload-several")
    assert results[new.name].startswith("ok: Added") and "April 2023" in results[new.name]
    assert results[hidden.name].startswith("ok: Added") and "merics-china-industries-2023-06" in results[hidden.name]
    assert results[pdf.name].startswith("ok: Replaced") and "20 items" in results[pdf.name]
    assert results[junk.name].startswith("error:") and "line" in results[junk.name]
    names = {p.name for p in app_server.corpus_dir.iterdir()}
    assert {"merics-china-industries-2023-04.txt", "merics-china-industries-2023-06.md",
            "merics-china-industries-2022-11.pdf"} <= names
    assert "merics-china-industries-2022-11.txt" not in names and not any(n.startswith(".") for n in names)
    assert UPLOAD_HEADLINE in ask(page, "What is the graphene desalination membrane pilot programme?")
    assert "Greater regulatory oversight" in ask(page, BATTERY_QUESTION)  # the 2022 brief, now from the PDF
    open_corpus(page)
    pick(page, "tracker-year", "2023")
    wait_rows(page, "#tracker-table", lambda rows: {r[1] for r in rows} >= {
        "Graphene Desalination Membrane Pilot Programme", "Tidal Power Tariff Notice"})


def test_remove_a_brief(page, app_server, tmp_path):
    path = tmp_path / "merics-china-industries-2023-09.txt"
    path.write_text(make_brief("2023-09", "Seabed mining", "Seabed nodule mining licences are capped",
                               "The Ministry of Natural Resources capped seabed nodule mining licences.",
                               "Seabed Mineral Licence Measures", "海底矿产许可办法", "MNR"), encoding="utf-8")
    assert upload(page, [path])[path.name].startswith("ok:")
    assert "Seabed nodule mining licences are capped" in ask(page, "What about seabed nodule mining licences?")
    open_corpus(page)
    page.locator("#remove-choice input").click()
    page.get_by_role("option").filter(has_text="merics-china-industries-2023-09.txt").click()
    page.once("dialog", lambda d: d.accept())  # the confirm() before deleting
    page.locator("#remove-brief").click()
    msg = page.locator("#remove-status .msg")
    msg.wait_for(timeout=60_000)
    assert msg.get_attribute("data-kind") == "ok" and "merics-china-industries-2023-09" in msg.inner_text()
    shot(page, "removed")
    assert not (app_server.corpus_dir / path.name).exists()
    wait_rows(page, "#tracker-table", lambda rows: rows and not any("Seabed" in r[1] for r in rows))
    assert "Seabed nodule mining" not in ask(page, "What about seabed nodule mining licences?")
    # Cancelling the confirm removes nothing.
    open_corpus(page)
    page.locator("#remove-choice input").click()
    page.get_by_role("option").first.click()
    before = {p.name for p in app_server.corpus_dir.iterdir()}
    page.once("dialog", lambda d: d.dismiss())
    page.locator("#remove-brief").click()
    page.locator("#remove-status .msg", has_text="Choose a brief").wait_for(timeout=20_000)
    assert {p.name for p in app_server.corpus_dir.iterdir()} == before


# --------------------------------------------------------------------------- take-away answer

def test_answer_downloads_as_markdown_with_footnotes(page):
    ask(page, BATTERY_QUESTION)
    page.get_by_text("Take this answer away").click()
    box = page.locator("#answer-markdown textarea")
    page.wait_for_function("el => el.value.includes('[^1]:')", arg=box.element_handle(), timeout=20_000)
    with page.expect_download(timeout=20_000) as dl:
        page.locator("#answer-download").click()
    md = Path(dl.value.path()).read_text(encoding="utf-8")
    assert md.startswith("## What are China") and "[^1]" in md.split("\n[^1]:")[0]
    foot = [line for line in md.splitlines() if line.startswith("[^")]
    assert len(foot) >= 2 and any("November 2021 brief" in f and "issued by MIIT" in f and "Quote:" in f for f in foot)
    assert md.strip() == box.input_value().strip()  # what "copy" gives is what the file holds
