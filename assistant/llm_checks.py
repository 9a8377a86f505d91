"""Checks an LLM answer must pass before it replaces the extractive one (pure functions).

Markers are validated and renumbered, unmarked sentences get the marker of the one source that
plainly states them, over-citing is pruned, and every sentence must be backed by the text of the
sources it cites. Citation.quote holds that text (the quote, or the whole item)."""
from __future__ import annotations

import re
from dataclasses import replace

from .render import MARKER_RE
from .models import Citation
from .text import content_terms, sentences


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


_COMPLETE_END = re.compile(r"(?:[.!?][\"'”’)]*|\[\d{1,3}\])\s*$")


def drop_cut_tail(text: str) -> str:
    """Without its last sentence if max_new_tokens cut it off mid-way (no full stop, no marker)."""
    text = text.rstrip()
    if not text or _COMPLETE_END.search(text):
        return text
    ends = list(re.finditer(r"(?:[.!?]|\[\d{1,3}\])(?=\s)", text))
    return text[:ends[-1].end()] if ends else text
