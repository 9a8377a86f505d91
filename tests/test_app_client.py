"""API tests: gradio_client calls the app's /chat endpoint like any other program would.

The Python API side runs an Assistant in this process over an identical copy of the app's
corpus (own index folder: two processes must not share one chroma store), so equal
citations mean the endpoint is the product, not a re-implementation of it.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time

import httpx
import pytest
from gradio_client import Client

from app_fixtures import ROOT, BATTERY_2021, BATTERY_2022, BATTERY_QUESTION, app_server  # noqa: F401
from assistant.settings import Settings

ALL_KINDS = ["top5", "policy_news", "corporate_news"]


@pytest.fixture(scope="module")
def python_assistant(app_server, tmp_path_factory):
    try:
        from assistant import Assistant
    except ImportError:
        from assistant.assistant import Assistant
    tmp = tmp_path_factory.mktemp("pyapi")
    shutil.copytree(app_server.corpus_dir, tmp / "corpus")
    return Assistant(Settings(corpus_dir=tmp / "corpus", data_dir=tmp / "data"))


@pytest.fixture()
def client(app_server):
    """A fresh client is a fresh session on the server (its own gr.State)."""
    return Client(app_server.url, verbose=False)


def chat(client: Client, question: str, scope: str = "all", kinds=None) -> dict:
    markdown, sources_html, answer = client.predict(question, scope, kinds or ALL_KINDS, api_name="/chat")
    assert isinstance(markdown, str) and 'data-state="final"' in sources_html, markdown
    return answer


def ids(answer) -> list[str]:
    citations = answer["citations"] if isinstance(answer, dict) else answer.citations
    return [c["item_id"] if isinstance(c, dict) else c.item_id for c in citations]


def test_chat_endpoint_is_named_and_documented(client):
    api = client.view_api(print_info=False, return_format="dict")
    params = [p["parameter_name"] for p in api["named_endpoints"]["/chat"]["parameters"]]
    assert params == ["message", "scope", "kinds"]


@pytest.mark.parametrize("question", [BATTERY_QUESTION, "Compare China's 2021 and 2022 battery policy",
                                      "What did Tesla announce in Shanghai?"])
def test_same_citations_as_python_api(client, python_assistant, question):
    remote = chat(client, question)
    local = python_assistant.ask(question)
    assert ids(remote) == ids(local)
    assert remote["answer"] == local.text and remote["answerable"] == local.answerable
    assert remote == local.to_dict()


def test_battery_answer_cites_both_items(client):
    answer = chat(client, BATTERY_QUESTION)
    headlines = [c["headline"] for c in answer["citations"]]
    assert BATTERY_2021 in headlines and BATTERY_2022 in headlines


def test_filters_reach_retrieval(client, python_assistant):
    answer = chat(client, BATTERY_QUESTION, scope="year:2022", kinds=["top5"])
    assert answer["citations"] and all(c["date"].startswith("2022") and c["kind"] == "top5"
                                       for c in answer["citations"])
    assert ids(answer) == ids(python_assistant.ask(BATTERY_QUESTION, year=2022, kinds=["top5"]))


def test_follow_up_uses_the_clients_own_session(app_server, python_assistant):
    first, second = Client(app_server.url, verbose=False), Client(app_server.url, verbose=False)
    chat(first, BATTERY_QUESTION)
    follow = chat(first, "who issued it?")
    session = python_assistant.session()
    session.ask(BATTERY_QUESTION)
    assert ids(follow) == ids(session.ask("who issued it?"))
    # The second client never asked about batteries: its "it" is not the first client's.
    fresh = chat(second, "who issued it?")
    assert fresh != follow


def test_out_of_corpus_abstains(client):
    answer = chat(client, "What is the best recipe for Neapolitan pizza dough?")
    assert answer["answerable"] is False and answer["citations"] == [] and answer["answer"]


def test_empty_question_is_an_error_message_not_a_crash(client):
    markdown, panel, _ = client.predict("   ", "all", ALL_KINDS, api_name="/chat")
    assert markdown.startswith("⚠️ empty question") and 'data-state="error"' in panel


def raw_chat(url: str, question: str, timeout: float = 60) -> tuple[list, float]:
    """/chat over plain HTTP with the JSON a browser could send: json.dumps escapes a lone
    surrogate as \\udcff, which gradio_client itself cannot even encode."""
    t = time.perf_counter()
    body = json.dumps({"data": [question, "all", ALL_KINDS]})
    r = httpx.post(f"{url}gradio_api/call/chat", content=body, headers={"content-type": "application/json"})
    r.raise_for_status()
    event, data = None, None
    with httpx.stream("GET", f"{url}gradio_api/call/chat/{r.json()['event_id']}", timeout=timeout) as s:
        for line in s.iter_lines():
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event in ("complete", "error"):
                data = json.loads(line[5:])
                break
    assert event == "complete", (event, data)
    return data, time.perf_counter() - t


def test_lone_surrogates_answer_and_block_no_one(app_server, client):
    chat(client, BATTERY_QUESTION)  # warm
    results, errors = {}, []

    def hostile(i):
        try:
            results[i] = raw_chat(app_server.url, f"\udcff{BATTERY_QUESTION}\udcfe")
        except Exception as e:  # reported below
            errors.append(repr(e))

    threads = [threading.Thread(target=hostile, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    t0 = time.perf_counter()
    normal = chat(Client(app_server.url, verbose=False), "What did Tesla announce in Shanghai?")
    normal_s = time.perf_counter() - t0
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert normal["citations"]
    for data, seconds in results.values():
        # The raw event lists every output, state included; pick the panel and the answer.
        panel = next(x for x in data if isinstance(x, str) and "sources-panel" in x)
        answer = next(x for x in data if isinstance(x, dict) and "citations" in x)
        assert answer["citations"] and "\ufffd" in answer["question"] and 'data-state="final"' in panel
    # Before: each hostile ask spent ~8 s in embedding retries under the app-wide lock (24 s here).
    assert normal_s < 5 and max(s for _, s in results.values()) < 5, (normal_s, results)


def test_refuses_a_public_address_without_login(tmp_path):
    env = dict(os.environ, BRIEFS_DATA_DIR=str(tmp_path / "data"), BRIEFS_CORPUS_DIR=str(tmp_path / "corpus"))
    env.pop("BRIEFS_APP__USERS_FILE", None)
    r = subprocess.run([sys.executable, "app.py", "--host", "0.0.0.0", "--port", "0"], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "refusing to serve 0.0.0.0 without login" in r.stderr, r.stderr[-2000:]
    assert not (tmp_path / "data").exists()  # it stopped before touching anything
