"""The LLM writer against a real model (make test-llm; needs the llm extra, not part of `make test`).

llama.cpp's own OpenAI-compatible server (the prebuilt xllamacpp wheel) is started by the test in
its own process with the packaged Qwen2.5-Coder-1.5B GGUF, one thread and short generations: the
machine's cores are shared, so each prompt is processed once and then served from the server's
prompt cache."""
from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.render import markers
from assistant.llm import Final, Token, stream_ask
from assistant.settings import Settings

pytestmark = pytest.mark.llm

ROOT = Path(__file__).resolve().parent.parent
LITHIUM = "What are China's lithium battery measures?"
BATTERY_2021 = "merics-china-industries-2021-11#top5-3"
BATTERY_2022 = "merics-china-industries-2022-11#top5-2"
LLM = {"threads": 1, "max_new_tokens": 96, "timeout_s": 600, "context_window": 4096}
START_TIMEOUT_S = 300


def _env(data_dir: Path, **extra: str) -> dict:
    env = {**os.environ, "BRIEFS_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    env.update({f"BRIEFS_LLM__{k.upper()}": str(v) for k, v in LLM.items()})
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def llama_server(settings, tmp_path_factory):
    """`python -m assistant.llm_server`: the packaged model behind llama.cpp's HTTP server on 127.0.0.1."""
    from assistant.llm_server import unavailable

    if reason := unavailable(Settings()):
        pytest.fail(f"the LLM test group needs the llm extra: {reason}")
    log = tmp_path_factory.mktemp("llama-server") / "server.log"
    t0 = time.perf_counter()
    with open(log, "w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "assistant.llm_server", "--port", "0"], cwd=ROOT,
                                env=_env(settings.data_dir), stdout=subprocess.PIPE, stderr=err, text=True)
    try:
        ready, _, _ = select.select([proc.stdout], [], [], START_TIMEOUT_S)
        url = proc.stdout.readline().strip() if ready else ""
        assert url.startswith("http://127.0.0.1:"), f"server did not start: {log.read_text()[-2000:]}"
        print(f"\nllama.cpp server at {url} in {time.perf_counter() - t0:.1f} s (model joined on first run)")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def server_assistant(assistant, settings, llama_server):
    from assistant import Assistant

    s = settings.model_copy(update={"answer": settings.answer.model_copy(update={"answerer": "llm"}),
                                    "llm": settings.llm.model_copy(update={**LLM, "base_url": llama_server})})
    return Assistant(s, sync=False)


def _check(ans):
    used = markers(ans.text)
    numbers = [c.n for c in ans.citations]
    assert used, ans.text
    assert numbers == list(range(1, len(numbers) + 1))
    assert set(used) == set(numbers)  # every [n] resolves, no citation left unused
    retrieved = {h.item_id for h in ans.retrieved}
    assert all(c.item_id in retrieved for c in ans.citations)


@pytest.fixture(scope="module")
def lithium_stream(server_assistant):
    t0 = time.perf_counter()
    events = list(stream_ask(server_assistant.writer, lambda: server_assistant.ask(LITHIUM)))
    print(f"\nlithium over HTTP: {time.perf_counter() - t0:.1f} s, {len(events) - 1} streamed pieces")
    return events


def test_lithium_streams_from_the_server_and_cites_soundly(lithium_stream):
    tokens, final = lithium_stream[:-1], lithium_stream[-1]
    assert isinstance(final, Final) and all(isinstance(t, Token) for t in tokens)
    ans = final.answer
    print(f"llm {ans.timings_ms['llm']:.0f} ms, used={ans.timings_ms['llm_used']}, notice={final.notice!r}\n"
          f"streamed: {''.join(t.text for t in tokens)!r}\nfinal: {ans.text}")
    assert len(tokens) > 10  # the model's text arrived piece by piece
    assert ans.answerable and ans.timings_ms["llm_used"] == 1.0, final.notice
    _check(ans)
    assert {c.item_id for c in ans.citations} <= {BATTERY_2021, BATTERY_2022}
    streamed = set("".join(t.text for t in tokens).split())
    assert sum(w in streamed for w in ans.text.split()) / len(ans.text.split()) > 0.8  # the server's words


def test_cli_json_returns_the_servers_text(settings, llama_server, lithium_stream):
    env = _env(settings.data_dir, BRIEFS_CORPUS_DIR=str(settings.corpus_dir), BRIEFS_ANSWER__ANSWERER="llm",
               BRIEFS_LLM__BASE_URL=llama_server)
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "assistant", "ask", "--json", LITHIUM], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=900)
    print(f"\nCLI: {time.perf_counter() - t0:.1f} s (prompt cached by the server)")
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    data = json.loads(r.stdout)
    streamed = lithium_stream[-1].answer.text
    # Greedy decoding from a cached prompt may end differently, but it starts as the streamed answer did.
    assert data["answer"][:80] == streamed[:80], (data["answer"], streamed)
    assert set(markers(data["answer"])) == {c["n"] for c in data["citations"]}
    assert [c["n"] for c in data["citations"]] == list(range(1, len(data["citations"]) + 1))


def test_abstention_skips_the_model(server_assistant):
    ans = server_assistant.ask("What did the US semiconductor export controls of October 2022 restrict?")
    assert not ans.answerable and "llm" not in ans.timings_ms


def test_in_process_model_without_a_base_url(assistant, settings):
    """No llm.base_url: the packaged model is served inside the app's own process."""
    from assistant import Assistant

    s = settings.model_copy(update={"answer": settings.answer.model_copy(update={"answerer": "llm"}),
                                    "llm": settings.llm.model_copy(update={**LLM, "max_new_tokens": 48})})
    a = Assistant(s, sync=False)
    t0 = time.perf_counter()
    ans = a.ask(LITHIUM)
    print(f"\nin-process: {time.perf_counter() - t0:.1f} s, used={ans.timings_ms['llm_used']}\n{ans.text}")
    assert ans.answerable and ans.timings_ms["llm"] > 0
    _check(ans)  # the model's text or the extractive fallback: both must cite soundly
