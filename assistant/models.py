"""Typed records that cross module boundaries: parse → index → retrieve → answer → UI."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Literal

from .errors import BriefWarning

ItemKind = Literal["top5", "policy_news", "corporate_news"]
KIND_LABELS: dict[str, str] = {
    "top5": "Top-5 item",
    "policy_news": "Policy news",
    "corporate_news": "Corporate news",
}


@dataclass
class Item:
    """One Top-5 policy item or one news item of a brief."""

    item_id: str  # stable: "<brief_id>#top5-3", "<brief_id>#policy_news-4"
    brief_id: str
    kind: ItemKind
    date: date | None
    headline: str  # Top-5: its title; news: the news text's first clause
    number: int | None = None  # Top-5 rank (1..5); news: position in its list
    glance: str = ""  # "At a glance" paragraph(s), without the bullets
    bullets: list[str] = field(default_factory=list)
    comment: str = ""  # "MERICS comment" paragraphs joined by blank lines
    policy: str = ""  # English policy name
    policy_cn: str = ""  # Chinese policy name, from the parentheses
    issuers: list[str] = field(default_factory=list)
    text: str = ""  # news items: the full news text (with its source note)
    source_note: str = ""  # Top-5: the verbatim policy-name / issuing-body / date lines
    line: int = 0  # 1-based line in the source file where the item starts

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    def full_text(self, labels: bool = True) -> str:
        """Everything the brief says about this item, as plain text (`labels`: with the brief's
        "MERICS comment:" label, which every Top-5 item carries and so says nothing of its topic)."""
        if self.kind != "top5":
            return self.text
        parts = [self.headline, self.glance, *("• " + b for b in self.bullets)]
        if self.comment:
            parts.append(("MERICS comment: " if labels else "") + self.comment)
        parts.append(self.source_note)
        return "\n".join(p for p in parts if p)


@dataclass
class Brief:
    """One monthly MERICS China Industries brief."""

    brief_id: str  # from the file name stem, e.g. "merics-china-industries-2022-11"
    title: str  # the topics line, e.g. "ICT infrastructure + IPR enforcement + ..."
    month: str  # "YYYY-MM", from the latest item date in the content
    source: str  # file path it was parsed from
    content_hash: str  # sha256 of the file bytes: re-index only what changed
    items: list[Item] = field(default_factory=list)
    # Fields the parser could not read (file and line each); the items carry them empty.
    warnings: list[BriefWarning] = field(default_factory=list, compare=False, repr=False)

    @property
    def year(self) -> int:
        return int(self.month[:4])

    def top5(self) -> list[Item]:
        return [i for i in self.items if i.kind == "top5"]

    def news(self) -> list[Item]:
        return [i for i in self.items if i.kind != "top5"]


@dataclass
class Hit:
    """One retrieved chunk with the scores that ranked it."""

    node_id: str
    item_id: str
    text: str  # the chunk's body (without the context header)
    section: str  # "glance" | "comment" | "news" | "meta"
    metadata: dict
    score: float  # fused score used for ranking
    dense: float = 0.0  # cosine similarity from the vector store (0 if not retrieved densely)
    lexical: float = 0.0  # BM25 score (0 if not retrieved lexically)
    rank: int = 0


@dataclass
class Citation:
    """A numbered source behind one or more [n] markers of an answer."""

    n: int
    brief: str
    item_id: str
    kind: str
    headline: str
    policy: str
    issuers: list[str]
    date: str  # ISO date or ""
    quote: str  # verbatim text of the cited source
    policy_cn: str = ""  # the policy's Chinese name, as the brief gives it

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class AnswerRow:
    """One row of a multi-item (table) answer; `n` is the row's citation number."""

    n: int
    date: str  # ISO date or ""
    kind: str
    headline: str
    policy: str
    policy_cn: str
    issuers: list[str]
    brief: str

    def to_dict(self) -> dict:
        return asdict(self)


BlockKind = Literal["text", "table", "section", "summary", "notice"]


@dataclass
class Block:
    """One part of an answer, in reading order. Its text may hold [n] markers (render.MARKER_RE);
    a "section" is one period of a comparison, titled by the period."""

    kind: BlockKind
    text: str
    title: str = ""

    def plain(self) -> str:
        return f"### {self.title}\n{self.text}" if self.kind == "section" else self.text


@dataclass
class Answer:
    """What ask() returns; to_dict() is the CLI's --json structure.

    `blocks` is the answer's structure, which renderers (render.py) lay out; `text` is its plain
    markdown, derived from the blocks (an answer built from text alone is one text block)."""

    question: str
    text: str
    answerable: bool
    citations: list[Citation] = field(default_factory=list)
    # Not part of the --json contract: for eval and UI.
    retrieved: list[Hit] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    # an abstention's closest item(s), named as reading, not evidence: what a near miss was about
    related: list[str] = field(default_factory=list)
    # In --json where they apply:
    rows: list[AnswerRow] = field(default_factory=list)  # multi-item answers: every matching item
    facet: str = ""  # what part of the items was asked for (facets.py), "list" for table answers
    reason: str = ""  # why the briefs don't say (judge.Reason), "" when answered
    periods: list[str] = field(default_factory=list)  # compared periods, in order
    blocks: list[Block] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.blocks and not self.text:
            self.text = "\n\n".join(b.plain() for b in self.blocks if b.text or b.title)
        elif self.text and not self.blocks:
            self.blocks = [Block("text", self.text)]

    @property
    def notices(self) -> list[str]:
        """Lines said before the answer proper ("Nothing dated … answers this")."""
        return [b.text for b in self.blocks if b.kind == "notice"]

    def with_notice(self, notice: str) -> "Answer":
        return replace(self, text="", blocks=[Block("notice", notice), *self.blocks])

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "answer": self.text,
            "answerable": self.answerable,
            "citations": [c.to_dict() for c in self.citations],
            **({"rows": [r.to_dict() for r in self.rows]} if self.rows else {}),
            "facet": self.facet,
            **({"reason": self.reason} if self.reason else {}),
            **({"periods": self.periods} if self.periods else {}),
        }
