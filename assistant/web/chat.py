"""The chat tab's logic: filters → core Session.ask → answer markdown + sources panel.

Kept apart from the layout so the session rules read in one place. The answer is shown the
moment the core returns it: the extractive answerer produces it whole, so there is nothing
real to stream, and replaying it word by word would only make every user wait.
"""
from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gradio as gr

from . import ui
from assistant import render
from assistant.errors import BriefsError, QuestionError
from assistant.hygiene import normalise
from assistant.llm import Final, stream_ask
from assistant.models import KIND_LABELS

from .runtime import AssistantHolder, NotReady

ALL = "all"
KIND_CHOICES = [(label, kind) for kind, label in KIND_LABELS.items()]
EXAMPLES = [
    "What do China's lithium-ion battery rules require?",
    "Battery policy: 2021 side by side with 2022",
    "Which bodies issued the cross-border data transfer rules?",
    "What did Tesla announce in Shanghai?",
    "Summarise the latest brief",
]


@dataclass
class ChatState:
    """Per browser tab (gr.State): the core Session plus what the sources panel shows."""

    session: Any = None
    questions: list[str] = field(default_factory=list)  # user turns the session has seen
    filters: list[dict] = field(default_factory=list)  # the filters each of those turns used
    turns: list[ui.Turn] = field(default_factory=list)
    requests: int = 0  # messages this tab sent; the sources panel names the one it answers


def scope_choices(briefs) -> list[tuple[str, str]]:
    """Dropdown entries: all, each year, each brief (newest first, as the core lists them)."""
    years = sorted({b.year for b in briefs}, reverse=True)
    return ([("All briefs", ALL)]
            + [(f"Year {y}", f"year:{y}") for y in years]
            + [(f"{ui.brief_label(b.month)} brief — {b.title}"[:90], f"brief:{b.brief_id}") for b in briefs])


def filters_from(scope: str | None, kinds: list[str] | None) -> dict:
    """UI values → ask() keyword filters; 'everything' is expressed as no filter."""
    out: dict = {}
    scope = scope or ALL
    if scope.startswith("year:") and scope[5:].strip().isdigit():
        out["year"] = int(scope[5:])
    elif scope.startswith("brief:"):
        out["brief"] = scope.split(":", 1)[1]
    kinds = [k for k in (kinds or []) if k in KIND_LABELS]
    if kinds and len(kinds) < len(KIND_LABELS):
        out["kinds"] = kinds
    return out


def text_of(content: Any) -> str:
    """A chat message's text: gradio 6 may hold a string or a list of typed parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(text_of(c) for c in content)
    if isinstance(content, dict):
        return str(content.get("text", "")) if content.get("type", "text") == "text" else ""
    return ""


def _rebuild(holder: AssistantHolder, questions: list[str], old: ChatState) -> ChatState:
    """A fresh session replaying the questions still on screen, with the filters they had.

    Clear, undo and retry shorten the visible conversation; the core session must not
    remember turns the user removed, so it is rebuilt from what is still shown.
    """
    known = dict(zip(old.questions, old.filters))
    state = ChatState(session=holder.assistant.session())
    for i, q in enumerate(questions):
        # Undo/retry cut the end, so position matches first; an edited turn falls back to text.
        same_place = i < len(old.questions) and old.questions[i] == q
        filters = old.filters[i] if same_place and i < len(old.filters) else known.get(q, {})
        try:
            with holder.lock.read():
                answer = state.session.ask(q, **filters)
        except BriefsError:
            answer = None
        state.questions.append(q)
        state.filters.append(filters)
        if answer is not None:
            state.turns.append(ui.Turn(len(state.turns) + 1, q, answer.text, answer.answerable,
                                       list(answer.citations)))
    return state


def respond(holder: AssistantHolder, message: Any, history: list[dict], scope: str | None,
            kinds: list[str] | None, state: ChatState | None):
    """ChatInterface fn: yields (markdown, sources_html, answer_json, state).

    The last yield always renders the sources panel with this message's number and final or
    error: browsers and scripts wait for that instead of guessing when the chat settled."""
    # Normalised here, at the web boundary, so what the state keeps and the page shows is the
    # same text the core sees (the core normalises again; it is idempotent).
    question = normalise(text_of(message)).strip()
    state = state if isinstance(state, ChatState) else ChatState()
    state.requests += 1
    n = state.requests

    def fail(text: str):
        return f"⚠️ {text}", ui.sources_html(state.turns, n, "error"), gr.skip(), state

    while not holder.done:  # first start: show indexing progress in the chat itself
        yield (f"⏳ Indexing the corpus… {holder.fraction:.0%} — {holder.message}",
               gr.skip(), gr.skip(), state)
        time.sleep(0.5)
    try:
        prior = [normalise(text_of(m.get("content"))).strip()
                 for m in history or [] if m.get("role") == "user"]
        if state.session is None or prior != state.questions:
            state = _rebuild(holder, prior, state)
            state.requests = n
    except NotReady as e:
        yield fail(str(e))
        return

    filters = filters_from(scope, kinds)
    writer, notice = holder.assistant.writer, ""
    try:
        if writer is None:
            with holder.lock.read():
                answer = state.session.ask(question, **filters)
        else:  # LLM mode: the model's tokens as they arrive, then the verified answer
            def ask():
                with holder.lock.read():  # taken in stream_ask's worker thread, which runs the whole ask
                    return state.session.ask(question, **filters)

            draft = ""
            for event in stream_ask(writer, ask):
                if isinstance(event, Final):
                    answer, notice = event.answer, event.notice
                else:
                    draft += event.text
                    yield "✍️ " + ui.esc(draft) + " ▌", gr.skip(), gr.skip(), state
    except QuestionError as e:
        yield fail(str(e))
        return
    except Exception as e:  # the chat says what went wrong instead of a dead spinner
        yield fail(f"The assistant failed: {type(e).__name__}: {e}")
        return

    turn = ui.Turn(len(state.turns) + 1, question, answer.text, answer.answerable,
                   list(answer.citations))
    state.questions.append(question)
    state.filters.append(filters)
    state.turns.append(turn)
    markdown = (ui.answer_markdown(answer, turn.turn) if answer.answerable
                else ui.abstention_markdown(answer))
    if notice and answer.answerable:  # the model's draft failed its check: say so above the extractive answer
        markdown = f"⚠️ *{notice}*\n\n{markdown}"
    yield markdown, ui.sources_html(state.turns, n, "final"), answer.to_dict(), state


def answer_export(state: ChatState | None) -> tuple[str, str | None]:
    """The latest answer as Markdown with its sources as footnotes: text to copy, file to download."""
    from assistant.models import Answer

    if not isinstance(state, ChatState) or not state.turns:
        return "", None
    t = state.turns[-1]
    md = render.export_markdown(Answer(question=t.question, text=t.answer, answerable=t.answerable,
                                          citations=list(t.citations)))
    path = Path(tempfile.mkdtemp(prefix="briefs-answer-")) / f"answer-{t.turn}.md"
    path.write_text(md, encoding="utf-8")
    return md, str(path)
