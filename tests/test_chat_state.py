"""The chat tab's per-tab state, driven through webapp.chat.respond like gradio drives it."""
from __future__ import annotations

import pytest

from app_fixtures import BATTERY_2021, BATTERY_2022
from app_fixtures import BATTERY_QUESTION as BATTERY
from assistant.web.chat import ALL, respond
from assistant.web.runtime import AssistantHolder


@pytest.fixture(scope="module")
def holder(settings):
    h = AssistantHolder(settings).start()
    assert h.wait(timeout=300), h.error
    return h


def run(holder, message, history, scope=ALL, state=None):
    """Drain the generator as gradio would; returns (answer dict, state) of the last yield."""
    *_, (markdown, panel, data, state) = respond(holder, message, history, scope, None, state)
    return data, state


def cited(data) -> set[str]:
    return {c["headline"] for c in data["citations"]}


def test_filters_survive_a_retry(holder):
    data, state = run(holder, BATTERY, [], scope="year:2022")
    assert BATTERY_2022 in cited(data) and BATTERY_2021 not in cited(data)
    history = [{"role": "user", "content": BATTERY}, {"role": "assistant", "content": data["answer"]}]
    follow, state = run(holder, "Who issued it?", history, state=state)
    assert cited(follow) == {BATTERY_2022}
    # Retry of the follow-up: gradio resends it with the history cut before it, so the
    # session is rebuilt by replaying the first turn; that replay must keep its 2022 scope.
    again, state = run(holder, "Who issued it?", history, state=state)
    assert cited(again) == {BATTERY_2022}
    assert state.questions == [BATTERY, "Who issued it?"]


def test_tabs_do_not_share_history(holder):
    _, first = run(holder, BATTERY, [], scope="year:2021")
    data, second = run(holder, "Who issued it?", [], state=None)
    assert first is not second and second.questions == ["Who issued it?"]
