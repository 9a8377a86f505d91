"""Real-browser tests of the LLM chat: the model's tokens stream into the page, then the verified answer.

The app runs as `python app.py` with answer.answerer = "llm" and llm.base_url pointing at an
OpenAI-compatible server the test starts itself: the stdlib stand-in (openai_stub.py, replies
copied from the prompt's sources, streamed a piece at a time with pauses) in the default run,
llama.cpp with the packaged model under the `llm` marker (make test-llm). A MutationObserver
records every text the chat's newest bot message shows, so the drafts the page really displayed
are checked, not the ones the server sent."""
from __future__ import annotations

import os
import re

import pytest

from app_fixtures import ARTIFACTS, BATTERY_QUESTION, start_app, stop_app
from openai_stub import StubServer, copy_sources, prompt_sources
from test_app_browser import USERS, _panel, _requests, browser, latest_sources, new_page, shot  # noqa: F401
from test_llm import LITHIUM, LLM, llama_server  # noqa: F401

STUB_ANSWER_TIMEOUT_MS = 60_000
LLM_ANSWER_TIMEOUT_MS = 900_000  # one llama.cpp thread on a shared machine: prompt plus 96 tokens
CHUNK_DELAY_S = 0.15  # slow enough that the page renders pieces of the stub's reply one by one
DRAFT_MARK, CURSOR, NOTICE_MARK = "✍️", "▌", "⚠️"

# Every distinct text of the newest bot message, in order, into window.__snapshots.
RECORD_JS = """() => {
  window.__snapshots = [];
  const chat = document.querySelector('#chatbot');
  const note = () => {
    const bots = chat.querySelectorAll('[data-testid="bot"]');
    if (!bots.length) return;
    const text = bots[bots.length - 1].textContent;
    const s = window.__snapshots;
    if (!s.length || s[s.length - 1] !== text) s.push(text);
  };
  new MutationObserver(note).observe(chat, {subtree: true, childList: true, characterData: true});
}"""


def _llm_app(tmp_path_factory, name: str, base_url: str, **llm):
    """The app in LLM mode against base_url (settings reach it through its environment)."""
    tmp = tmp_path_factory.mktemp(name)
    env = {"BRIEFS_ANSWER__ANSWERER": "llm", "BRIEFS_LLM__BASE_URL": base_url,
           **{f"BRIEFS_LLM__{k.upper()}": str(v) for k, v in llm.items()}}
    with pytest.MonkeyPatch.context() as mp:
        for k, v in env.items():
            mp.setenv(k, v)
        server = start_app(tmp, users=USERS)
    return tmp, server


def _finish(tmp, server) -> None:
    stop_app(server)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"app-{tmp.name}.log").write_text(server.log(), encoding="utf-8")


@pytest.fixture(scope="module")
def stub():
    server = StubServer()
    server.chunk_delay = CHUNK_DELAY_S
    yield server
    server.stop()


@pytest.fixture(scope="module")
def stub_app(tmp_path_factory, stub):
    tmp, server = _llm_app(tmp_path_factory, "app-llm-stub", stub.base_url, timeout_s=30)
    yield server
    _finish(tmp, server)


@pytest.fixture(scope="module")
def real_app(tmp_path_factory, llama_server):
    tmp, server = _llm_app(tmp_path_factory, "app-llm-real", llama_server, **LLM)
    yield server
    _finish(tmp, server)


@pytest.fixture()
def stub_page(browser, stub_app):  # noqa: F811 - browser is test_app_browser's fixture
    pg = new_page(browser, stub_app, "reader")
    yield pg
    pg.context.close()


def stream_question(pg, question: str, timeout_ms: int) -> tuple[list[str], str]:
    """Ask in the page; (the drafts it displayed, oldest first, without mark and cursor; the final text)."""
    pg.evaluate(RECORD_JS)
    n = _requests(pg)
    box = pg.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    pg.wait_for_selector(f'#sources-panel .sources-panel[data-request="{n + 1}"]', timeout=timeout_ms)
    final = pg.locator('#chatbot [data-testid="bot"]').last.inner_text()
    assert _panel(pg).get_attribute("data-state") == "final", final
    drafts = [s.strip().removeprefix(DRAFT_MARK).removesuffix(CURSOR).strip()
              for s in pg.evaluate("window.__snapshots") if s.strip().startswith(DRAFT_MARK)]
    return drafts, final


def assert_growing(drafts: list[str]) -> None:
    """Each draft the page showed is a strict prefix of the next: tokens were appended, never rewritten."""
    assert len(drafts) >= 2, f"the page showed {len(drafts)} draft(s): {drafts}"
    for a, b in zip(drafts, drafts[1:]):
        assert b.startswith(a) and len(b) > len(a), (a, b)


def assert_citations_resolve(pg) -> set[str]:
    """Every [n] of the final answer is a link to a card the sources panel lists; returns the hrefs."""
    bot = pg.locator('#chatbot [data-testid="bot"]').last
    links = bot.locator('a[href^="#src-"]')
    hrefs = {links.nth(i).get_attribute("href") for i in range(links.count())}
    assert hrefs, bot.inner_text()
    for href in hrefs:
        assert pg.locator(f"#sources-panel {href}").count() == 1, href
    shown = set(re.findall(r"\[(\d+)\]", bot.inner_text()))
    assert shown == {h.rsplit("-", 1)[1] for h in hrefs}  # no [n] left unlinked
    assert len(latest_sources(pg).strip()) > 0
    return hrefs


def _words(text: str) -> list[str]:
    return re.sub(r"\[\d+\]", " ", text).replace(".", " ").split()


# --------------------------------------------------------------------------- stand-in server

def test_stub_tokens_stream_into_the_chat_then_the_cited_answer(stub, stub_page):
    drafts, final = stream_question(stub_page, BATTERY_QUESTION, STUB_ANSWER_TIMEOUT_MS)
    shot(stub_page, "llm-01-stub-streamed")
    print(f"\n{len(drafts)} drafts shown before the answer")
    assert_growing(drafts)
    reply = copy_sources(stub.requests[-1])  # what the stand-in streamed, word by word
    assert len(drafts) >= 3 and len(drafts[0]) < len(reply) / 2  # seen early, not only at the end
    assert drafts[-1].split() == reply.split()
    assert DRAFT_MARK not in final and CURSOR not in final and NOTICE_MARK not in final
    assert final.split() == reply.split()  # the server's text passed the checks and is what stays
    assert len(assert_citations_resolve(stub_page)) == 2


def test_stub_garbage_shows_the_notice_and_the_extractive_answer(stub, stub_page):
    stub.mode = "garbage"
    try:
        drafts, final = stream_question(stub_page, BATTERY_QUESTION, STUB_ANSWER_TIMEOUT_MS)
    finally:
        stub.mode = "ok"
    shot(stub_page, "llm-02-stub-garbage")
    assert drafts == []  # garbage carries no tokens to show
    notice, _, body = final.partition("\n")
    assert notice.startswith(NOTICE_MARK) and "LLM writer not used" in notice, final
    assert body.strip() and body.split() != copy_sources(stub.requests[-1]).split()
    assert_citations_resolve(stub_page)
    # The extractive answer is built from the same cited sentences the model was sent.
    sent = set(_words(" ".join(prompt_sources(stub.requests[-1]).values())))
    words = _words(body)
    assert sum(w in sent for w in words) / len(words) > 0.6, (body, sent)


# --------------------------------------------------------------------------- real llama.cpp

@pytest.mark.llm
def test_real_llama_server_streams_into_the_chat(browser, real_app):  # noqa: F811
    pg = new_page(browser, real_app, "reader")
    try:
        drafts, final = stream_question(pg, LITHIUM, LLM_ANSWER_TIMEOUT_MS)
        shot(pg, "llm-03-real-streamed")
        print(f"\n{len(drafts)} drafts shown; last: {drafts[-1] if drafts else ''!r}\nfinal: {final!r}")
        assert_growing(drafts)
        assert NOTICE_MARK not in final, final  # the model's answer passed the checks (as in test_llm)
        assert_citations_resolve(pg)
        streamed = set(_words(drafts[-1]))
        words = _words(final)
        assert sum(w in streamed for w in words) / len(words) > 0.8  # the final answer is the server's words
    finally:
        pg.context.close()
