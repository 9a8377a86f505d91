"""Checks on the optional LLM writer that need no model: marker validation, grounding, and
fallback. Replies come over real HTTP from a scripted OpenAI-compatible server (openai_stub)."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from assistant.render import markers
from assistant.errors import QuestionError
from assistant.llm import Final, LLMAnswerer, Token, stream_ask
from assistant.llm_checks import attribute, drop_cut_tail, prune_markers, ungrounded, validate
from assistant.models import Answer, Citation
from assistant.settings import Settings
from assistant.text import content_terms, sentences

from openai_stub import StubServer, copy_sources


def cite(n: int, item: str) -> Citation:
    return Citation(n=n, brief="b", item_id=item, kind="top5", headline=f"H{n}", policy="", issuers=[],
                    date="2022-11-01", quote=f"quote {n}")


CITES = [cite(1, "a"), cite(2, "b"), cite(3, "c")]


# --- marker validation (pure, no model) -------------------------------------------------
def test_validate_keeps_valid_markers_and_drops_unused_citations():
    text, kept = validate("A holds [1]. C holds [3].", CITES)
    assert text == "A holds [1]. C holds [2]."  # renumbered in order of first use
    assert [(c.n, c.item_id) for c in kept] == [(1, "a"), (2, "c")]


def test_validate_drops_markers_that_name_no_citation():
    text, kept = validate("A holds [2] [7]. Z is made up [9].", CITES)
    assert text == "A holds [1]. Z is made up."
    assert [c.item_id for c in kept] == ["b"]
    assert set(markers(text)) == {c.n for c in kept}


def test_validate_splits_marker_lists_and_merges_repeats():
    text, kept = validate("Both [3, 1]. Again [1][1].", CITES)
    assert text == "Both [1][2]. Again [2]."
    assert [c.item_id for c in kept] == ["c", "a"]


def test_validate_moves_a_trailing_marker_into_its_sentence():
    assert validate("A holds. [1] B too. [2][9]", CITES)[0] == "A holds [1]. B too [2]."


def test_a_sentence_cut_off_by_the_token_limit_is_dropped():
    assert drop_cut_tail("A holds [1]. B was cut off in the mid") == "A holds [1]."
    assert drop_cut_tail("A holds [1]. B ends [2]") == "A holds [1]. B ends [2]"
    assert drop_cut_tail("No sentence ever ended") == "No sentence ever ended"


def test_validate_without_valid_marker_is_none():
    assert validate("No citation at all.", CITES) is None
    assert validate("Only bad ones [0] [4].", CITES) is None


@pytest.fixture(scope="module")
def stub():
    """A real OpenAI-compatible HTTP server on 127.0.0.1 whose replies each test scripts."""
    server = StubServer(reply=lambda body: server.script(body) if callable(server.script) else server.script)
    server.script = ""
    yield server
    server.stop()


def _answerer(stub, raw="", timeout_s=30.0, **llm) -> LLMAnswerer:
    stub.mode, stub.script = "ok", raw
    return LLMAnswerer(Settings(llm={"base_url": stub.base_url, "timeout_s": timeout_s, **llm}))


def _extractive(answerable=True) -> Answer:
    return Answer(question="q?", text="Extractive [1]. More [2]." if answerable else "The briefs don't say.",
                  answerable=answerable, citations=list(CITES[:2]) if answerable else [],
                  timings_ms={"total": 10.0})


def test_abstentions_never_reach_the_model(stub):
    a = _answerer(stub, "x [1]")
    before = len(stub.requests)
    ans = _extractive(answerable=False)
    assert a.answer(ans) is ans and len(stub.requests) == before


@pytest.mark.parametrize("raw", ["no markers here", "only [5]"])
def test_falls_back_to_the_extractive_answer(stub, raw, caplog):
    ans = _extractive()
    out = _answerer(stub, raw).answer(ans)
    assert out.text == ans.text and out.citations == ans.citations
    assert out.timings_ms["llm_used"] == 0.0 and "llm" in out.timings_ms
    notices = [r.getMessage() for r in caplog.records if "LLM writer not used" in r.getMessage()]
    assert notices and "no valid [n] citation" in notices[-1] and "\n" not in notices[-1]


def test_sources_are_numbered_as_the_citations(stub):
    a = _answerer(stub, "B says so [2].")
    out = a.answer(_extractive())
    prompt = stub.requests[-1]["messages"][-1]["content"]
    assert "[1] H1 (" in prompt and "[2] H2 (" in prompt and "quote 2" in prompt
    assert out.text == "B says so [1]." and [c.item_id for c in out.citations] == ["b"]
    assert out.timings_ms["llm_used"] == 1.0 and out.timings_ms["total"] >= 10.0


BATTERY = Citation(n=1, brief="b", item_id="x", kind="top5", headline="Battery supply chain", policy="",
                   issuers=["MIIT", "SAMR"], date="2022-11-18",
                   quote="Batteries account for around 40 percent of an EV’s value … Prevent disorderly production capacity expansion of new battery projects")


def test_grounded_sentences_pass():
    text = "In 2022, MIIT and SAMR moved to prevent disorderly capacity expansion of battery projects [1]. Batteries are around 40 percent of an EV's value [1]."
    assert ungrounded(text, [BATTERY]) == []


def test_a_sentence_without_marker_is_ungrounded():
    assert ungrounded("Battery projects face curbs [1]. Prices will double next year.", [BATTERY]) == ["Prices will double next year."]


def test_an_invented_figure_is_ungrounded():
    assert len(ungrounded("Batteries are 60 percent of an EV's value [1].", [BATTERY])) == 1


def test_words_the_source_lacks_are_ungrounded():
    assert len(ungrounded("Huawei smartphone sales collapsed across European markets [1].", [BATTERY])) == 1


def test_ungrounded_llm_text_falls_back(stub):
    ans = Answer(question="q?", text="Extractive [1].", answerable=True, citations=[BATTERY], timings_ms={"total": 1.0})
    out = _answerer(stub, "Batteries are 60 percent of an EV's value [1].").answer(ans)
    assert out.text == ans.text and out.timings_ms["llm_used"] == 0.0


def test_attribute_marks_a_sentence_one_source_states():
    other = Citation(n=2, brief="b", item_id="y", kind="top5", headline="VR plan", policy="", issuers=["MIIT"],
                     date="2022-11-01", quote="Grow the VR industry to exceed CNY 350 billion")
    text = attribute("Batteries account for around 40 percent of an EV’s value. The VR industry should exceed CNY 350 billion [2].",
                     [BATTERY, other])
    assert text == "Batteries account for around 40 percent of an EV’s value [1]. The VR industry should exceed CNY 350 billion [2]."
    assert ungrounded(text, [BATTERY, other]) == []


def test_prune_drops_a_marker_whose_source_does_not_back_the_sentence():
    older = Citation(n=2, brief="b", item_id="y", kind="top5", headline="Battery draft", policy="", issuers=["MIIT"],
                     date="2021-11-18", quote="MIIT released a draft regulation regarding the lithium-ion battery industry")
    text = "In 2022, MIIT and SAMR moved to prevent disorderly capacity expansion of battery projects [1][2]."
    assert prune_markers(text, [BATTERY, older]) == ("In 2022, MIIT and SAMR moved to prevent disorderly capacity "
                                                     "expansion of battery projects [1].")
    both = "MIIT released a draft regulation in 2021 [2] and, with SAMR, curbed battery projects in 2022 [1]."
    assert prune_markers(both, [BATTERY, older]) == both  # neither alone backs it: both stay


def test_pruned_citation_is_dropped_and_numbers_stay_dense(stub):
    older = Citation(n=2, brief="b", item_id="y", kind="top5", headline="Battery draft", policy="", issuers=["MIIT"],
                     date="2021-11-18", quote="MIIT released a draft regulation regarding the lithium-ion battery industry")
    ans = Answer(question="q?", text="Extractive [1][2].", answerable=True, citations=[BATTERY, older],
                 timings_ms={"total": 1.0})
    out = _answerer(stub, "In 2022, MIIT and SAMR moved to prevent disorderly capacity expansion of battery projects [1][2].").answer(ans)
    assert out.timings_ms["llm_used"] == 1.0
    assert [c.item_id for c in out.citations] == ["x"] and out.text.endswith("[1].")


# --- the writer over real HTTP, on real extractive answers ------------------------------
ROOT = Path(__file__).resolve().parent.parent
LITHIUM = "What are China's lithium battery measures?"


@pytest.fixture(scope="module")
def lithium(assistant):
    """The extractive answer the writer starts from (the shared real assistant)."""
    return assistant.ask(LITHIUM)


def test_server_text_comes_back_with_resolving_citations(stub, lithium):
    out = _answerer(stub, copy_sources).answer(lithium)
    assert out.timings_ms["llm_used"] == 1.0, out.text
    assert out.text == copy_sources(stub.requests[-1])  # the server's words, markers already 1..n
    assert markers(out.text) == [c.n for c in out.citations] == [1, 2]
    assert [c.item_id for c in out.citations] == [c.item_id for c in lithium.citations[:2]]
    assert [c.quote for c in out.citations] == [c.quote for c in lithium.citations[:2]]  # verbatim quotes kept


def test_items_evidence_lets_the_writer_use_what_the_quotes_left_out(stub, lithium, assistant):
    """With evidence = "items" the prompt holds each cited item whole, and a sentence taken from
    a part the extractive quote skipped is verified against that item's text."""
    first = lithium.citations[0]
    quotes_prompt = stub_prompt(stub, _answerer(stub, "x", evidence="quotes"), lithium)
    full = assistant.item(first.item_id).full_text()
    unquoted = next(s for s in sentences(full) if s not in quotes_prompt and len(content_terms(s)) >= 5)
    reply = f"{unquoted.rstrip('.')} [1]."
    items = _answerer(stub, reply, evidence="items")
    items.item_text = lambda item_id: assistant.item(item_id).full_text()
    assert "MERICS comment:" in stub_prompt(stub, items, lithium) and unquoted in stub.requests[-1]["messages"][-1]["content"]
    out = items.answer(lithium)
    assert out.timings_ms["llm_used"] == 1.0 and out.text == reply and out.citations[0].item_id == first.item_id


def stub_prompt(stub, answerer, ans) -> str:
    answerer.answer(ans)
    return stub.requests[-1]["messages"][-1]["content"]


def test_server_down_gives_the_extractive_answer_and_a_notice(lithium, caplog):
    closed = StubServer()
    closed.stop()  # nothing listens on that port any more
    t0 = time.perf_counter()
    out = LLMAnswerer(Settings(llm={"base_url": closed.base_url, "timeout_s": 5})).answer(lithium)
    assert time.perf_counter() - t0 < 5
    assert out.text == lithium.text and out.citations == lithium.citations and out.timings_ms["llm_used"] == 0.0
    notice = [r.getMessage() for r in caplog.records if "LLM writer not used" in r.getMessage()][-1]
    assert "cannot reach the LLM server" in notice and "\n" not in notice


@pytest.mark.parametrize("mode", ["garbage", "slow", "trickle"])
def test_garbage_or_slow_server_falls_back_within_the_timeout(stub, lithium, mode):
    a = _answerer(stub, copy_sources, timeout_s=1.5)
    stub.mode, stub.delay = mode, (0.3 if mode == "trickle" else 5.0)
    t0 = time.perf_counter()
    out = a.answer(lithium)
    took = time.perf_counter() - t0
    stub.mode = "ok"
    assert out.text == lithium.text and out.timings_ms["llm_used"] == 0.0
    assert took < 1.5 + 3.0, f"{mode}: {took:.1f} s"  # the timeout, plus slack for a loaded machine


def test_stream_yields_tokens_then_the_verified_answer(stub, lithium):
    a = _answerer(stub, copy_sources)
    events = list(stream_ask(a, lambda: a.answer(lithium)))
    tokens, final = events[:-1], events[-1]
    assert len(tokens) > 5 and all(isinstance(t, Token) for t in tokens)
    assert isinstance(final, Final) and not final.notice
    assert "".join(t.text for t in tokens).strip() == final.answer.text  # markers were already 1..n


def test_stream_replaced_by_the_extractive_answer_when_the_check_fails(stub, lithium):
    a = _answerer(stub, "Battery prices will fall by 80 percent next year [1].")
    events = list(stream_ask(a, lambda: a.answer(lithium)))
    assert any(isinstance(e, Token) for e in events[:-1])
    final = events[-1]
    assert final.answer.text == lithium.text and "not supported by the sources" in final.notice


def test_stream_reraises_errors_of_ask(stub):
    a = _answerer(stub, copy_sources)

    def broken():
        raise QuestionError("empty question")

    with pytest.raises(QuestionError):
        list(stream_ask(a, broken))


def test_cli_json_uses_the_server_and_falls_back_when_it_is_down(stub, settings, assistant):
    import json
    import os
    import subprocess
    import sys

    def ask(base_url):
        env = {**os.environ, "BRIEFS_DATA_DIR": str(settings.data_dir), "BRIEFS_CORPUS_DIR": str(settings.corpus_dir),
               "BRIEFS_ANSWER__ANSWERER": "llm", "BRIEFS_LLM__BASE_URL": base_url, "BRIEFS_LLM__TIMEOUT_S": "10",
               "PYTHONPATH": str(ROOT)}
        r = subprocess.run([sys.executable, "-m", "assistant", "ask", "--json", LITHIUM], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
        return json.loads(r.stdout), r.stderr

    _answerer(stub, copy_sources)
    data, _ = ask(stub.base_url)
    assert data["answer"] == copy_sources(stub.requests[-1])
    assert markers(data["answer"]) == [c["n"] for c in data["citations"]] == [1, 2]
    closed = StubServer()
    closed.stop()
    data, err = ask(closed.base_url)
    assert data["answer"] == assistant.ask(LITHIUM).text and data["citations"]
    assert "LLM writer not used (cannot reach the LLM server" in err


# --- the chat tab streams the writer's tokens -------------------------------------------
@pytest.fixture(scope="module")
def llm_holder(settings, stub, assistant):
    from assistant.web.runtime import AssistantHolder

    s = settings.model_copy(update={"answer": settings.answer.model_copy(update={"answerer": "llm"}),
                                    "llm": settings.llm.model_copy(update={"base_url": stub.base_url, "timeout_s": 5})})
    h = AssistantHolder(s).start()
    assert h.wait(timeout=300), h.error
    return h


def _chat(holder, question):
    from assistant.web.chat import respond

    return [out[0] for out in respond(holder, question, [], None, None, None)]


def test_chat_streams_the_servers_tokens_then_settles_the_citations(stub, llm_holder):
    stub.mode, stub.script = "ok", copy_sources
    shown = _chat(llm_holder, LITHIUM)
    drafts = [m for m in shown if m.startswith("✍️")]
    assert len(drafts) > 5 and all(len(a) < len(b) for a, b in zip(drafts, drafts[1:]))  # grows token by token
    final = shown[-1]
    assert not final.startswith("✍️") and "⚠️" not in final
    assert "[\\[1\\]](#" in final and "[\\[2\\]](#" in final  # markers became links to the sources panel


def test_chat_replaces_a_failed_draft_by_the_extractive_answer_visibly(stub, llm_holder, lithium):
    stub.mode, stub.script = "ok", "Battery prices will fall by 80 percent next year [1]."
    shown = _chat(llm_holder, LITHIUM)
    assert any("80 percent" in m for m in shown if m.startswith("✍️"))
    final = shown[-1]
    assert final.startswith("⚠️ *LLM writer not used") and "80 percent" not in final
    assert lithium.citations[0].quote.split(" … ")[0][:40] in final
