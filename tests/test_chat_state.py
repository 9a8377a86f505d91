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
    assert f'data-request="{state.requests}" data-state="final"' in panel, markdown
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


QUESTIONS = [BATTERY, "Compare China's 2021 and 2022 battery policy", "What did Tesla announce in Shanghai?",
             "Which bodies issued the cross-border data transfer rules?", "Summarise the latest brief",
             "What is the best recipe for Neapolitan pizza dough?"]


def test_parallel_asks_give_the_serial_answers(holder):
    """Asks share the index under a read lock: the core's ask path (query-vector and sentence
    caches, BM25, chroma) must give every thread the answer it gives alone."""
    import threading

    serial = {}
    for q in QUESTIONS:
        data, _ = run(holder, q, [])
        serial[q] = data
    results, errors = [], []
    barrier = threading.Barrier(12)

    def worker(i):
        try:
            barrier.wait()
            for k in range(3):
                q = QUESTIONS[(i + k) % len(QUESTIONS)]
                data, _ = run(holder, f"{q} ", [])  # a new string each time: no shared cache hit
                results.append((q, data))
        except Exception as e:  # reported below with its thread
            errors.append(f"{i}: {type(e).__name__}: {e}")

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors, errors
    assert len(results) == 36
    for q, data in results:
        assert data == {**serial[q], "question": data["question"]}, q


def test_read_write_lock_excludes_and_survives_errors():
    import threading
    import time

    from assistant.web.runtime import ReadWriteLock

    lock = ReadWriteLock()
    with pytest.raises(RuntimeError):
        with lock.read():
            raise RuntimeError("a failing ask")
    with pytest.raises(RuntimeError):
        with lock.write():
            raise RuntimeError("a failing upload")
    events = []
    with lock.read(), lock_acquired_in_thread(lock.read) as other_reader:  # readers share
        assert other_reader.wait(2)
    reading = threading.Event()

    def writer():
        reading.wait()
        with lock.write():
            events.append("write")

    t = threading.Thread(target=writer)
    with lock.read():
        t.start()
        reading.set()
        time.sleep(0.3)
        events.append("read done")  # the writer waited for the reader
    t.join(5)
    assert events == ["read done", "write"]


class lock_acquired_in_thread:
    """Context: takes `acquire()` (a context-manager factory) in another thread; yields an Event
    set once it got it."""

    def __init__(self, acquire):
        import threading

        self.acquire, self.got, self.release = acquire, threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._run)

    def _run(self):
        with self.acquire():
            self.got.set()
            self.release.wait(5)

    def __enter__(self):
        self.thread.start()
        return self.got

    def __exit__(self, *exc):
        self.release.set()
        self.thread.join(5)


def test_answer_shown_when_ready_not_replayed(holder):
    """The whole answer in one update: no word-by-word replay of a finished string."""
    outs = list(respond(holder, BATTERY, [], ALL, None, None))
    assert len(outs) == 1
    markdown, panel, data, state = outs[0]
    assert data["answer"] and markdown.count("[\\[") >= 1 and 'data-state="final"' in panel


def test_hostile_characters_in_a_chat_message(holder):
    data, state = run(holder, f"\udcff{BATTERY}\x00", [])
    assert data["answerable"] and "\udcff" not in state.questions[0] and "\x00" not in state.questions[0]
    *_, (markdown, panel, data, state) = respond(holder, "\udcff\u202e", [], ALL, None, None)
    assert markdown.startswith("⚠️ empty question") and 'data-request="1" data-state="error"' in panel
