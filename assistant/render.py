"""Answers laid out for a reader: the one place that turns an Answer's blocks into markdown.

The CLI, the web chat and the take-away export all walk the same blocks; they differ only in
how a [n] marker is written (plain, an in-page link, a footnote), how brief text is escaped, and
whether a comparison's period sections stand side by side. Nothing downstream re-parses
answer text for its structure."""
from __future__ import annotations

import re
from typing import Callable

from .dates import month_label
from .models import Answer, Block

# The one inline token an answer's text carries for a citation: composers and the LLM writer both
# write it, renderers resolve it.
MARKER_RE = re.compile(r"\[(\d{1,3})\]")


def markers(text: str) -> list[int]:
    """[n] numbers used in an answer text."""
    return [int(n) for n in MARKER_RE.findall(text)]


def _same(text: str) -> str:
    return text


def markdown(answer: Answer, marker: Callable[[int], str] | None = None, escape: Callable[[str], str] = _same,
             columns: Callable[[list[str]], str] | None = None) -> str:
    """The answer as markdown. `escape` makes brief text safe for the target and must keep [n]
    markers; `marker` writes each (default: as "[n]"); `columns` lays out a comparison's
    consecutive period sections (default: one after another)."""
    def body(text: str) -> str:
        safe = escape(text)
        return MARKER_RE.sub(lambda m: marker(int(m.group(1))), safe) if marker else safe

    def section(b: Block) -> str:
        return f"### {escape(b.title)}\n{body(b.text)}"

    out: list[str] = []
    run: list[str] = []  # consecutive sections, laid out together
    for b in answer.blocks:
        if b.kind == "section":
            run.append(section(b))
            continue
        if run:
            out.append(columns(run) if columns and len(run) > 1 else "\n\n".join(run))
            run = []
        if b.text:
            out.append(body(b.text))
    if run:
        out.append(columns(run) if columns and len(run) > 1 else "\n\n".join(run))
    return "\n\n".join(out)


def terminal(answer: Answer) -> str:
    """The CLI's answer: the markdown, then each numbered source on a line."""
    lines = [markdown(answer)]
    if answer.citations:
        lines += ["", "Sources:"]
        for c in answer.citations:
            who = f" — {', '.join(c.issuers)}" if c.issuers else ""
            lines.append(f"[{c.n}] {c.headline} ({c.brief}, {c.date}){who}")
    return "\n".join(lines)


def _md_inline(text: str) -> str:
    """Brief text inside markdown: one line, and no markup of its own (links, emphasis, HTML)."""
    flat = re.sub(r"\s+", " ", text or "").strip()
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", flat)


def export_markdown(answer: Answer) -> str:
    """An answer to keep: the question, the answer with [n] as footnote marks, and each numbered
    source as a footnote (brief, date, item headline, policy name, issuers, verbatim quote)."""
    lines = [f"## {_md_inline(answer.question)}", ""]
    if not answer.answerable:
        lines += [f"**Not answerable from the briefs.** {markdown(answer).strip()}".strip(), ""]
        return "\n".join(lines)
    known = {c.n for c in answer.citations}
    lines += [markdown(answer, marker=lambda n: f"[^{n}]" if n in known else f"[{n}]").strip(), ""]
    for c in answer.citations:
        parts = [f"MERICS China Industries, {month_label(c.brief)} brief"]
        if c.date:
            parts.append(c.date)
        parts.append(f"“{_md_inline(c.headline)}”")
        if c.policy:
            parts.append("policy: " + _md_inline(c.policy + (f" ({c.policy_cn})" if c.policy_cn else "")))
        if c.issuers:
            parts.append("issued by " + _md_inline(", ".join(c.issuers)))
        lines.append(f"[^{c.n}]: " + "; ".join(parts) + f". Quote: “{_md_inline(c.quote)}”")
    return "\n".join(lines) + "\n"
