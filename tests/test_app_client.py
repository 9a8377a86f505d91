"""API tests: gradio_client calls the app's /chat endpoint like any other program would.

The Python API side runs an Assistant in this process over an identical copy of the app's
corpus (own index folder: two processes must not share one chroma store), so equal
citations mean the endpoint is the product, not a re-implementation of it.
"""
from __future__ import annotations

import shutil

import pytest
from gradio_client import Client

from app_fixtures import BATTERY_2021, BATTERY_2022, BATTERY_QUESTION, app_server  # noqa: F401
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
    assert isinstance(markdown, str) and isinstance(sources_html, str)
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
    markdown, _, _ = client.predict("   ", "all", ALL_KINDS, api_name="/chat")
    assert markdown.startswith("⚠️")
