"""The optional local-LLM answerer (make test-llm; needs the llm extra, not part of `make test`)."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.llm

from assistant.answer import markers
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
BATTERY_2021 = "merics-china-industries-2021-11#top5-3"
BATTERY_2022 = "merics-china-industries-2022-11#top5-2"


# --- the real model, end to end ---------------------------------------------------------
@pytest.fixture(scope="module")
def llm_assistant(tmp_path_factory):
    from assistant import Assistant

    t0 = time.perf_counter()
    a = Assistant(Settings(answer={"answerer": "llm"}, data_dir=tmp_path_factory.mktemp("llm-index"),
                           corpus_dir=ROOT / "corpus"))
    print(f"\nassistant ready (index + model joined) in {time.perf_counter() - t0:.1f} s")
    return a


def _check(ans):
    used = markers(ans.text)
    numbers = [c.n for c in ans.citations]
    assert used, ans.text
    assert numbers == list(range(1, len(numbers) + 1))
    assert set(used) == set(numbers)  # every [n] resolves, no citation left unused
    retrieved = {h.item_id for h in ans.retrieved}
    assert all(c.item_id in retrieved for c in ans.citations)


def test_lithium_question_end_to_end(llm_assistant):
    t0 = time.perf_counter()
    ans = llm_assistant.ask("What are China's lithium battery measures?")
    print(f"\nlithium: {time.perf_counter() - t0:.1f} s, llm {ans.timings_ms['llm']:.0f} ms\n{ans.text}")
    assert ans.answerable and ans.timings_ms["llm_used"] == 1.0, ans.text
    _check(ans)
    assert {BATTERY_2021, BATTERY_2022} <= {c.item_id for c in ans.citations}


@pytest.mark.parametrize("question", ["What is China's plan to move up the value chain in drug ingredients?",
                                      "Compare China's 2021 and 2022 battery policy."])
def test_more_questions_end_to_end(llm_assistant, question):
    t0 = time.perf_counter()
    ans = llm_assistant.ask(question)
    print(f"\n{question}: {time.perf_counter() - t0:.1f} s, llm_used={ans.timings_ms.get('llm_used')}\n{ans.text}")
    if ans.answerable:
        _check(ans)  # LLM text or extractive fallback: both must cite soundly


def test_abstention_skips_the_model(llm_assistant):
    ans = llm_assistant.ask("What did the US semiconductor export controls of October 2022 restrict?")
    assert not ans.answerable and "llm" not in ans.timings_ms
