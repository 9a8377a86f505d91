"""Optional LLM writer (answer.answerer = "llm"); needs `pip install -e '.[llm]'`.

It never retrieves on its own: it rewrites an answerable extractive Answer from that answer's
evidence, numbered [1]..[n] as the citations are: each citation's verbatim quote, or with
llm.evidence = "items" the whole cited items. The model is any OpenAI-compatible server
(llm.base_url: Ollama, vLLM, LM Studio, llama.cpp server) or, without one, the packaged GGUF
served in-process by llama.cpp (llm_server.py); both go through llama-index's OpenAILike client.

Every backend gets the same checks. Markers that name no citation are dropped, citations the text
never uses are dropped, the rest are renumbered in order of first use. If no valid marker is left,
a sentence is not supported by the text of the sources it cites (no marker, a figure they lack,
mostly other words), or the server is down, slow (llm.timeout_s) or answers garbage, the
extractive answer is returned unchanged and a one-line notice is logged. Abstentions never reach
the model. timings_ms gets "llm" (ms spent) and "llm_used" (1.0 if the LLM text was kept, 0.0 if
the extractive answer was the fallback). stream_ask() yields the tokens as they arrive."""
from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass, replace
from typing import Callable, Iterator

from . import prompts
from .errors import BriefsError
from .llm_checks import attribute, drop_cut_tail, prune_markers, ungrounded, validate
from .llm_server import locate_model, serve, unavailable  # unavailable: eval.runner imports it from here
from .models import KIND_LABELS, Answer, Block, Citation
from .settings import LLMSettings, Settings

log = logging.getLogger(__name__)

CHARS_PER_TOKEN = 3  # conservative for English prose with names and figures
PROMPT_OVERHEAD_TOKENS = 400  # rules + worked example


# --- the answerer -----------------------------------------------------------------------
class Cancelled(Exception):
    """The reader of a stream went away; the generation is abandoned."""


def _reason(e: Exception, s: LLMSettings) -> str:
    """One line saying why the writer failed (never a traceback, never a multi-line body)."""
    name = type(e).__name__
    if isinstance(e, TimeoutError) or "Timeout" in name:
        return f"no answer within {s.timeout_s:g} s"
    if "Connection" in name:
        return f"cannot reach the LLM server at {s.base_url or 'the in-process model'}"
    detail = " ".join(str(e).split())[:160]
    return f"{name}: {detail}" if detail else name


class LLMAnswerer:
    """Rewrites extractive answers with an LLM; falls back to them on any doubt."""

    def __init__(self, settings: Settings, item_text: Callable[[str], str] | None = None):
        self.settings = settings
        self.item_text = item_text  # item_id -> the item's full text (lead, bullets, comment, source note)
        if reason := unavailable(settings):  # fail early (BriefsError) if the extra is missing
            raise BriefsError(reason)
        self.path = None if settings.llm.base_url else locate_model(settings)
        self._llm = None
        self._llm_lock = threading.Lock()
        # Per asking thread: token sink, cancel flag, last notice (stream_ask sets the first two).
        self.per_thread = threading.local()

    # --- evidence -----------------------------------------------------------------------
    def evidence(self, ans: Answer) -> list[Citation]:
        """The citations with quote replaced by what the writer reads, cut to fit the context."""
        s = self.settings.llm
        budget = max(200, (s.context_window - s.max_new_tokens - PROMPT_OVERHEAD_TOKENS) * CHARS_PER_TOKEN
                     // max(1, len(ans.citations)))
        out = []
        for c in ans.citations:
            text = ""
            if s.evidence == "items" and self.item_text is not None:
                try:
                    text = self.item_text(c.item_id)
                except KeyError:
                    text = ""
            text = text or c.quote or "\n".join(h.text for h in ans.retrieved if h.item_id == c.item_id)
            out.append(replace(c, quote=text[:budget]))
        return out

    @staticmethod
    def sources(evidence: list[Citation]) -> list[str]:
        """The evidence as the model sees it, one numbered block per citation."""
        return [prompts.source_block(c.n, c.headline, KIND_LABELS.get(c.kind, c.kind), c.date, c.issuers, c.quote)
                for c in evidence]

    # --- generation ---------------------------------------------------------------------
    def client(self):
        """llama-index's OpenAI-compatible client, built once (starting the in-process server if needed)."""
        with self._llm_lock:
            if self._llm is None:
                from llama_index.llms.openai_like import OpenAILike

                s = self.settings.llm
                base = s.base_url.rstrip("/") if s.base_url else serve(self.path, s)
                # No retries: a server that is down or slow must cost one timeout, not several.
                self._llm = OpenAILike(model=s.model or "default", api_base=base, api_key=s.api_key or "none",
                                       is_chat_model=True, context_window=s.context_window,
                                       max_tokens=s.max_new_tokens, temperature=s.temperature,
                                       timeout=s.timeout_s, max_retries=0, additional_kwargs={"seed": 0})
            return self._llm

    def tokens(self, question: str, sources: list[str]) -> Iterator[str]:
        """The model's text piece by piece as the server sends it; TimeoutError past llm.timeout_s."""
        from llama_index.core.llms import ChatMessage

        llm = self.client()  # first use imports the client and may start the in-process server: not timed
        deadline = time.monotonic() + self.settings.llm.timeout_s
        messages = [ChatMessage(role=m["role"], content=m["content"]) for m in prompts.messages(question, sources)]
        stream = llm.stream_chat(messages)
        try:
            for chunk in stream:
                if chunk.delta:
                    yield chunk.delta
                if time.monotonic() > deadline:
                    raise TimeoutError(f"LLM answer took longer than {self.settings.llm.timeout_s} s")
        finally:
            getattr(stream, "close", lambda: None)()  # ends the request: the server stops generating

    def generate(self, question: str, sources: list[str]) -> str:
        """The model's whole text; each piece also goes to this thread's stream sink, if any."""
        sink = getattr(self.per_thread, "sink", None)
        cancel = getattr(self.per_thread, "cancel", None)
        out: list[str] = []
        for piece in self.tokens(question, sources):
            if cancel is not None and cancel.is_set():
                raise Cancelled("the reader went away")
            out.append(piece)
            if sink is not None:
                sink(piece)
        return "".join(out)

    # --- verification -------------------------------------------------------------------
    @staticmethod
    def check(raw: str, evidence: list[Citation]) -> tuple[str, list[Citation]] | str:
        """(text, citations) if raw survives marker validation and the grounding check, else why not."""
        result = validate(drop_cut_tail(raw), evidence)
        if result is not None:  # attribute unmarked sentences, prune over-citing, renumber
            result = validate(prune_markers(attribute(*result), result[1]), result[1])
        if result is None:
            return "the LLM answer had no valid [n] citation"
        if bad := ungrounded(*result):
            return f"{len(bad)} sentence(s) of the LLM answer are not supported by the sources they cite"
        return result

    def answer(self, ans: Answer) -> Answer:
        """The LLM version of an answerable extractive answer, or that answer itself."""
        self.per_thread.notice = ""
        if not ans.answerable or not ans.citations:
            return ans
        t0 = time.perf_counter()
        evidence = self.evidence(ans)
        try:
            result = self.check(self.generate(ans.question, self.sources(evidence)), evidence)
        except Exception as e:  # noqa: BLE001 - the extractive answer is always there to fall back on
            result = _reason(e, self.settings.llm)
        ms = (time.perf_counter() - t0) * 1000
        timings = {**ans.timings_ms, "llm": ms, "llm_used": 0.0 if isinstance(result, str) else 1.0}
        if "total" in timings:
            timings["total"] += ms
        if isinstance(result, str):
            self.per_thread.notice = f"LLM writer not used ({result}); showing the extractive answer."
            log.warning(self.per_thread.notice)
            return replace(ans, timings_ms=timings)
        text, kept = result
        quotes = {c.item_id: c.quote for c in ans.citations}  # the verbatim quotes, not the writer's evidence
        citations = [replace(c, quote=quotes[c.item_id]) for c in kept]
        # The notices (e.g. the widened period) are said before the writer's text too.
        blocks = [*(b for b in ans.blocks if b.kind == "notice"), Block("text", text)]
        return replace(ans, text="", blocks=blocks, citations=citations, timings_ms=timings)


# --- streaming --------------------------------------------------------------------------
@dataclass
class Token:
    """A piece of the model's text as it arrived (markers not yet checked)."""

    text: str


@dataclass
class Final:
    """The verified answer; notice is non-empty when it is the extractive fallback."""

    answer: Answer
    notice: str = ""


def stream_ask(answerer: LLMAnswerer, ask: Callable[[], Answer]) -> Iterator[Token | Final]:
    """Run ask() (which ends in answerer.answer) in a worker thread and yield the model's tokens
    as they arrive, then the Final answer. Errors of ask() itself are re-raised here."""
    events: queue.Queue = queue.Queue()
    cancel = threading.Event()
    done = object()

    def work() -> None:
        local = answerer.per_thread
        local.sink, local.cancel = (lambda t: events.put(Token(t))), cancel
        try:
            ans = ask()
            events.put(Final(ans, getattr(local, "notice", "")))
        except BaseException as e:  # noqa: BLE001 - handed to the reading thread
            events.put(e)
        finally:
            local.sink = local.cancel = None
            events.put(done)

    worker = threading.Thread(target=work, name="llm-stream", daemon=True)
    worker.start()
    try:
        while (event := events.get()) is not done:
            if isinstance(event, BaseException):
                raise event
            yield event
    finally:
        cancel.set()  # a reader that stops early ends the generation at its next token
