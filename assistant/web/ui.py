"""HTML/markdown rendering for the web app: sources panel, corpus views, status lines.

Pure functions of the core's records (no gradio import), so escaping, [n] links and
highlighting are unit-tested without a browser. Every string that comes from a brief
goes through html.escape here: briefs are untrusted input (an uploaded brief may
contain markup), and the UI must show it as text, never run it.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Iterable

from .. import render
from ..render import MARKER_RE
from ..dates import month_label
from ..models import KIND_LABELS, Answer, Citation, Item

WORD_RE = re.compile(r"\w+", re.UNICODE)

# Words too common to say anything about why a passage supports a claim.
STOPWORDS = frozenset("""
a an and are as at be been being but by can could did do does for from had has have
how i if in into is it its it's of on or our over so than that the their them then
there these they this those to under up was we were what when where which while who
whom why will with would you your about after also against all any between both
during each few more most other same some such through too very not no nor only own
s t just should now new says said may might must shall one two three per via
""".split())


def esc(text: object) -> str:
    """HTML-escape anything shown from the corpus (quotes too: values land in attributes)."""
    return html.escape("" if text is None else str(text), quote=True)


def source_anchor(turn: int, n: int) -> str:
    """Element id of citation n of answer number `turn`; unique across the conversation."""
    return f"src-{turn}-{n}"


def brief_label(brief: str) -> str:
    """'merics-china-industries-2022-11' or '2022-11' → 'November 2022' (else the id as is)."""
    return month_label(brief)


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


# --------------------------------------------------------------------------- answers

# Anything a markdown renderer (GFM) would turn into a link: scheme URLs, "www." and e-mail
# addresses. Brackets, quotes and closing punctuation end a match: they belong to the sentence.
URL_RE = re.compile(r"(?i)(?:\b[a-z][a-z0-9+.\-]*://|\bwww\.|\bmailto:)[^\s`<>\[\]\"']*[^\s`<>\[\]\"'.,;:!?)]"
                    r"|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
BRACKET_RE = re.compile(r"[\[\]]")


def _plain(text: str) -> str:
    """Brief text for a markdown renderer, shown as itself: HTML escaped, and every bracket that
    is not a [n] marker escaped so no link, image or reference definition can form."""
    safe = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    parts = MARKER_RE.split(safe)  # text, marker number, text, ...
    for i in range(0, len(parts), 2):
        parts[i] = BRACKET_RE.sub(lambda m: "\\" + m.group(0), parts[i])
    return "".join(p if i % 2 == 0 else f"[{p}]" for i, p in enumerate(parts))


def safe_markdown(text: str) -> str:
    """Corpus-derived markdown that renders as text: no HTML, links, images or autolinks.

    Markdown structure the core writes (tables, headings, bold, bullets) still renders. URLs
    are put in code spans, which a renderer never links; brackets and HTML are escaped."""
    out: list[str] = []
    pos = 0
    for m in URL_RE.finditer(text or ""):
        out.append(_plain(text[pos:m.start()]))
        out.append(f"`{m.group(0)}`")  # the match holds no backtick, so one fence suffices
        pos = m.end()
    out.append(_plain((text or "")[pos:]))
    return "".join(out)


def answer_markdown(answer: Answer, turn: int) -> str:
    """The core's answer made safe for the chatbot, with [n] → links to sources and a
    comparison's periods side by side.

    The link text keeps the visible "[n]" and the target is the matching card in the sources
    panel: the only links an answer holds are these in-page anchors."""
    return render.markdown(answer, marker=lambda n: f"[\\[{n}\\]](#{source_anchor(turn, n)})",
                           escape=safe_markdown, columns=side_by_side)


def side_by_side(sections: list[str]) -> str:
    """A comparison's period sections as columns: a flex column each (our own markup, added
    after escaping). Markdown keeps rendering inside because every HTML line stands between
    blank lines."""
    cols = "".join(f'<div class="cmp-col">\n\n{sec.strip()}\n\n</div>\n\n' for sec in sections)
    return f'<div class="cmp-cols">\n\n{cols}</div>'


def abstention_markdown(answer: Answer) -> str:
    """An unanswerable question is stated as such, never shown as an empty answer."""
    body = render.markdown(answer, escape=safe_markdown).strip()
    head = "**Not answerable from the briefs.** "
    return head + (body if body else "None of the indexed MERICS briefs covers this question.")


def sentences_citing(text: str, n: int) -> list[str]:
    """Sentences (or table rows / bullets) of an answer that carry the marker [n]."""
    # The core puts markers after the full stop ("... industry. [1]"): keep them attached.
    parts = re.split(r"(?<=[.!?])\s+(?!\[\d)|(?<=\])\s+(?=[A-Z])|\n+", text or "")
    return [p for p in parts if f"[{n}]" in p]


# --------------------------------------------------------------------------- highlighting

def _norm(word: str) -> str:
    """Crude stemming so 'batteries'/'battery' and 'measures'/'measure' meet."""
    w = word.lower()
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", "")):
        if len(w) > 4 and w.endswith(suffix) and not w.endswith("ss"):
            return w[: -len(suffix)] + repl
    return w


def key_terms(*texts: str) -> set[str]:
    """Normalised content words of the given texts (markers, numbers-only and stopwords dropped)."""
    terms = set()
    for t in texts:
        for w in WORD_RE.findall(MARKER_RE.sub(" ", t or "")):
            lw = w.lower()
            if lw in STOPWORDS or len(lw) < 3 and not lw.isupper() or lw.isdigit() and len(lw) < 4:
                continue
            terms.add(_norm(w))
    return terms


def salient_terms(*texts: str) -> set[str]:
    """Acronyms and numbers of the citing answer sentences (MIIT, SAMR, 2025, 3.7).

    Not every shared word: an extractive answer copies its source, so marking all common
    words would mark the whole quote; issuers and figures are what a reader checks.
    """
    terms = set()
    for t in texts:
        for w in WORD_RE.findall(MARKER_RE.sub(" ", t or "")):
            if (w.isupper() and len(w) >= 2 and w.isalpha()) or (w.isdigit() and len(w) >= 2):
                terms.add(_norm(w))
    return terms


def highlight(passage: str, terms: Iterable[str]) -> str:
    """Escaped passage with <mark> around words whose normal form is in `terms`."""
    wanted = set(terms)
    out: list[str] = []
    pos = 0
    for m in WORD_RE.finditer(passage or ""):
        out.append(esc(passage[pos:m.start()]))
        word = m.group(0)
        out.append(f"<mark>{esc(word)}</mark>" if _norm(word) in wanted else esc(word))
        pos = m.end()
    out.append(esc((passage or "")[pos:]))
    return "".join(out)


# --------------------------------------------------------------------------- sources panel

@dataclass
class Turn:
    """One answered question as the sources panel shows it."""

    turn: int
    question: str
    answer: str
    answerable: bool
    citations: list[Citation] = field(default_factory=list)


def _meta_row(label: str, value: str) -> str:
    if not value:
        return ""
    return f'<div class="src-row"><span class="src-key">{esc(label)}</span> <span class="src-val">{esc(value)}</span></div>'


def citation_card(c: Citation, turn: int, question: str, answer: str) -> str:
    """One source: brief month, headline, kind, policy, issuers, date, highlighted quote."""
    terms = key_terms(question) | salient_terms(*sentences_citing(answer, c.n))
    issuers = ", ".join(c.issuers or [])
    return (
        f'<div class="src-card" id="{source_anchor(turn, c.n)}" data-item-id="{esc(c.item_id)}">'
        f'<div class="src-head"><span class="src-n">[{c.n}]</span> '
        f'<span class="src-headline">{esc(c.headline)}</span></div>'
        f'<div class="src-tags"><span class="src-brief">{esc(brief_label(c.brief))} brief</span>'
        f' · <span class="src-kind">{esc(kind_label(c.kind))}</span>'
        + (f' · <span class="src-date">{esc(c.date)}</span>' if c.date else "")
        + "</div>"
        + _meta_row("Policy:", c.policy + (f" ({c.policy_cn})" if c.policy_cn else ""))
        + _meta_row("Issued by:", issuers)
        + f'<blockquote class="src-quote">{highlight(c.quote, terms)}</blockquote>'
        + "</div>"
    )


def _turn_body(t: Turn) -> str:
    if not t.answerable or not t.citations:
        return ('<div class="src-none">No brief item supports an answer to this question: '
                'the indexed briefs do not cover it.</div>')
    return "".join(citation_card(c, t.turn, t.question, t.answer) for c in t.citations)


def sources_html(turns: list[Turn], request: int = 0, state: str = "final") -> str:
    """The panel beside the chat: latest answer's sources open, earlier ones folded.

    Earlier answers stay reachable because their [n] links point at their own cards. The root
    says which of the tab's messages it belongs to (data-request) and whether that one ended in
    an answer or an error (data-state final | error): browsers and scripts wait for it instead
    of guessing when the chat stopped changing.
    """
    root = (f'<div class="sources-panel" data-turns="{len(turns)}" data-request="{int(request)}" '
            f'data-state="{esc(state)}">')
    if not turns:
        return root + '<div class="src-empty">Sources of each answer appear here.</div></div>'
    latest, *older = reversed(turns)
    parts = [root,
             f'<div class="src-question">Sources for: “{esc(latest.question)}”</div>',
             _turn_body(latest)]
    for t in older:
        parts.append(f'<details class="src-older"><summary>Sources for: “{esc(t.question)}”</summary>'
                     f"{_turn_body(t)}</details>")
    parts.append("</div>")
    return "".join(parts)


# --------------------------------------------------------------------------- corpus

def item_row(item: Item, brief_month: str) -> list[str]:
    """A corpus-table row (no item id: a click finds the item by its row). Plain text: the table
    component shows cell text as text."""
    return [
        brief_label(brief_month),
        kind_label(item.kind),
        item.date.isoformat() if item.date else "",
        item.headline,
        ", ".join(item.issuers),
    ]


def item_matches(item: Item, query: str) -> bool:
    """Every word of the search box occurs in the item's text (case-insensitive)."""
    words = (query or "").lower().split()
    if not words:
        return True
    hay = " ".join([item.headline, item.policy, item.policy_cn, " ".join(item.issuers),
                    item.full_text(), item.item_id]).lower()
    return all(w in hay for w in words)


def item_html(item: Item, brief_month: str = "") -> str:
    """Full text of one item, every line escaped; paragraphs kept."""
    meta = [
        ("Brief:", brief_label(brief_month or item.brief_id)),
        ("Kind:", kind_label(item.kind)),
        ("Date:", item.date.isoformat() if item.date else ""),
        ("Policy:", item.policy + (f" ({item.policy_cn})" if item.policy_cn else "")),
        ("Issued by:", ", ".join(item.issuers)),
        ("Item id:", item.item_id),
    ]
    paras = [p for p in re.split(r"\n\s*\n|\n", item.full_text() or "") if p.strip()]
    if paras and paras[0].strip() == item.headline.strip():
        paras = paras[1:]  # the headline is already the title
    return (
        f'<div class="item-view" data-item-id="{esc(item.item_id)}">'
        f'<h3 class="item-headline">{esc(item.headline)}</h3>'
        + "".join(_meta_row(k, v) for k, v in meta)
        + '<div class="item-text">' + "".join(f"<p>{esc(p)}</p>" for p in paras) + "</div></div>"
    )


def message_html(text: str, kind: str = "info") -> str:
    """A one-line status/error box (kind: info | ok | error)."""
    return f'<div class="msg msg-{esc(kind)}" data-kind="{esc(kind)}">{esc(text)}</div>'


def progress_html(message: str, fraction: float | None, ready: bool, error: str = "") -> str:
    """Index status banner; data-state lets tests and scripts wait for readiness."""
    if error:
        return (f'<div class="index-status" data-state="error">Index could not be built: '
                f"{esc(error)}</div>")
    if ready:
        return f'<div class="index-status" data-state="ready">{esc(message or "Index ready.")}</div>'
    pct = max(0, min(100, round((fraction or 0.0) * 100)))
    return (f'<div class="index-status" data-state="indexing">Indexing the corpus… {pct}% '
            f'<progress max="100" value="{pct}"></progress> <span>{esc(message)}</span></div>')
