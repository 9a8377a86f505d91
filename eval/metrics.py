"""Pure scoring functions over result records (dicts as written to results.jsonl).

Nothing here touches the assistant: a report can be recomputed from a results file alone,
and every function is testable on hand-made records.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Iterable, Sequence

RECALL_KS = (1, 3, 5)

# Quotes are dropped, dashes unified and whitespace removed, so '“14th Five-Year” plan' matches
# '14th five‑year plan'. Question writers copy names from PDFs; typography must not fail a match.
_QUOTES = re.compile(r"[\"'`´‘’‚‛“”„‟«»‹›「」『』]")
_DASHES = re.compile(r"[‐‑‒–—―−]")
_SPACE = re.compile(r"\s+")
# [1], [1, 2], [1-3]: the markers an answer may use to point at its citations.
_MARKER = re.compile(r"\[(\d+(?:\s*[,;–-]\s*\d+)*)\]")


def normalize(text: str) -> str:
    """Case-, quote- and space-insensitive form used for every substring match."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = _QUOTES.sub("", text)
    text = _DASHES.sub("-", text)
    return _SPACE.sub("", text)


def matches(expected: str, texts: Iterable[str]) -> bool:
    """True if the normalized expected string occurs in any of the normalized texts."""
    needle = normalize(expected)
    return bool(needle) and any(needle in normalize(t) for t in texts if t)


def _as_list(value) -> list[str]:
    """issuers arrive as a list (citations) or a comma-joined string (hit metadata)."""
    if not value:
        return []
    if isinstance(value, str):
        return [value, *(p.strip() for p in value.split(","))]
    return [", ".join(value), *value]


def citation_texts(citation: dict) -> list[str]:
    """What an expected source may match in a citation: headline, policy (English or Chinese name),
    issuers, quote."""
    return [citation.get("headline", ""), citation.get("policy", ""), citation.get("policy_cn", ""),
            *_as_list(citation.get("issuers")), citation.get("quote", "")]


def hit_texts(hit: dict) -> list[str]:
    """What an expected source may match in a retrieved chunk: metadata plus the chunk text."""
    return [hit.get("headline", ""), hit.get("policy", ""), hit.get("policy_cn", ""),
            *_as_list(hit.get("issuers")), hit.get("text", "")]


@dataclass
class RetrievedItem:
    """Retrieved chunks folded into their item, in order of the item's best-ranked chunk."""

    item_id: str
    rank: int  # 1-based item rank
    texts: list[str] = field(default_factory=list)


def distinct_items(retrieved: Sequence[dict]) -> list[RetrievedItem]:
    """Chunks → distinct items: recall@k counts items, since several chunks of one item
    would otherwise crowd the top-k and hide that other sources were missed."""
    ordered = sorted(enumerate(retrieved), key=lambda p: (p[1].get("rank") or math.inf, p[0]))
    items: dict[str, RetrievedItem] = {}
    for _, hit in ordered:
        key = hit.get("item_id") or f"?{len(items)}"
        if key not in items:
            items[key] = RetrievedItem(item_id=key, rank=len(items) + 1)
        items[key].texts.extend(hit_texts(hit))
    return list(items.values())


def recall_at_k(expected_sources: Sequence[str], items: Sequence[RetrievedItem], k: int) -> float | None:
    """Share of expected sources matched by any of the top-k items; None if nothing is expected."""
    if not expected_sources:
        return None
    top = [t for item in items[:k] for t in item.texts]
    return sum(matches(s, top) for s in expected_sources) / len(expected_sources)


def reciprocal_rank(expected_sources: Sequence[str], items: Sequence[RetrievedItem]) -> float | None:
    """1/rank of the first item matching any expected source (0 if none); None if nothing expected."""
    if not expected_sources:
        return None
    for item in items:
        if any(matches(s, item.texts) for s in expected_sources):
            return 1.0 / item.rank
    return 0.0


def marker_numbers(text: str) -> list[int]:
    """Every citation number referenced by [n] markers, in order, with repeats ([1-3] → 1,2,3)."""
    numbers: list[int] = []
    for m in _MARKER.finditer(text or ""):
        for part in re.split(r"\s*[,;]\s*", m.group(1)):
            bounds = re.split(r"\s*[–-]\s*", part)
            if len(bounds) == 2 and int(bounds[0]) <= int(bounds[1]) <= int(bounds[0]) + 20:
                numbers.extend(range(int(bounds[0]), int(bounds[1]) + 1))
            else:
                numbers.extend(int(b) for b in bounds)
    return numbers


def dangling_markers(text: str, citations: Sequence[dict]) -> int:
    """[n] markers with no citation n: a reader would click into nothing. Must be 0."""
    known = {c.get("n") for c in citations}
    return sum(1 for n in marker_numbers(text) if n not in known)


def unused_citations(text: str, citations: Sequence[dict]) -> int:
    """Citations the answer text never points at (listed sources that support nothing)."""
    used = set(marker_numbers(text))
    return sum(1 for c in citations if c.get("n") not in used)


def citations_cover(expected_sources: Sequence[str], citations: Sequence[dict]) -> bool | None:
    """Do the citations, together, match every expected source? None if nothing is expected."""
    if not expected_sources:
        return None
    texts = [t for c in citations for t in citation_texts(c)]
    return all(matches(s, texts) for s in expected_sources)


def citation_precision(expected_sources: Sequence[str], citations: Sequence[dict]) -> float | None:
    """Share of distinct cited items matching some expected source; None without citations
    or without expected sources (precision is undefined there, coverage already penalizes)."""
    if not expected_sources or not citations:
        return None
    by_item: dict[str, list[str]] = {}
    for i, c in enumerate(citations):
        by_item.setdefault(c.get("item_id") or f"?{i}", []).extend(citation_texts(c))
    good = sum(1 for texts in by_item.values() if any(matches(s, texts) for s in expected_sources))
    return good / len(by_item)


def missing_facts(expected_facts: Sequence[Sequence[str]], answer: str) -> list[list[str]]:
    """Fact groups none of whose alternatives occur in the answer."""
    return [list(g) for g in expected_facts if not any(matches(alt, [answer]) for alt in g)]


def fact_coverage(expected_facts: Sequence[Sequence[str]], answer: str) -> float | None:
    """Share of fact groups satisfied by the answer text; None if no facts are expected."""
    if not expected_facts:
        return None
    return 1 - len(missing_facts(expected_facts, answer)) / len(expected_facts)


def percentile(values: Sequence[float], p: float) -> float | None:
    """Linear-interpolated percentile (p in 0..100), like numpy's default; None if empty."""
    data = sorted(v for v in values if v is not None)
    if not data:
        return None
    pos = (len(data) - 1) * p / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


@dataclass
class QuestionScore:
    """Every per-question number the summaries average; None = not applicable."""

    id: str
    type: str
    config: str
    error: bool
    recall_at_1: float | None
    recall_at_3: float | None
    recall_at_5: float | None
    reciprocal_rank: float | None
    citation_covered: bool | None
    citation_precision: float | None
    dangling_markers: int
    unused_citations: int
    fact_coverage: float | None
    abstention_correct: bool
    false_abstention: bool | None  # only for questions expected answerable
    false_answer: bool | None  # only for questions expected unanswerable
    latency_ms: float | None
    referent_correct: bool | None = None  # was the answer about the item meant (see referent_correct)
    missing_sources: list[str] = field(default_factory=list)  # not in top-5 items
    missing_facts: list[list[str]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def score_record(record: dict) -> QuestionScore:
    """Score one result record (see runner.make_record for its keys)."""
    sources = record.get("expected_sources") or []
    facts = record.get("expected_facts") or []
    expected = bool(record.get("expected_answerable", True))
    error = bool(record.get("error"))
    answer = record.get("answer") or ""
    citations = record.get("citations") or []
    got = bool(record.get("answerable")) and not error
    items = distinct_items(record.get("retrieved") or [])
    recalls = {k: recall_at_k(sources, items, k) for k in RECALL_KS}
    top5 = [t for item in items[:5] for t in item.texts]
    # Citation quality only means something where an answer with sources is expected.
    cite_scope = expected and bool(sources)
    return QuestionScore(
        id=str(record.get("id", "")),
        type=str(record.get("type", "")),
        config=str(record.get("config", "")),
        error=error,
        recall_at_1=recalls[1], recall_at_3=recalls[3], recall_at_5=recalls[5],
        reciprocal_rank=reciprocal_rank(sources, items),
        citation_covered=citations_cover(sources, citations) if cite_scope else None,
        citation_precision=citation_precision(sources, citations) if cite_scope else None,
        dangling_markers=dangling_markers(answer, citations),
        unused_citations=unused_citations(answer, citations),
        fact_coverage=fact_coverage(facts, answer),
        # A crashed question is never "correctly abstained", whatever was expected.
        abstention_correct=(got == expected) and not error,
        false_abstention=(not got) if expected else None,
        false_answer=got if not expected else None,
        latency_ms=(record.get("timings_ms") or {}).get("total"),
        referent_correct=referent_correct(record, items) and not error,
        missing_sources=[s for s in sources if not matches(s, top5)],
        missing_facts=missing_facts(facts, answer),
    )


def referent_texts(record: dict, items: Sequence[RetrievedItem]) -> list[str]:
    """What the answer took the question to be about: the items it cites; when it abstains, the
    item it names as related reading, else its best retrieved item (a follow-up's search is kept to
    the items it resolved to, so that item is its reading of "it")."""
    if record.get("answerable") and record.get("citations"):
        return [t for c in record["citations"] for t in citation_texts(c)]
    related = set(record.get("related") or [])
    chosen = [it for it in items if it.item_id in related] or list(items[:1])
    return [t for it in chosen for t in it.texts]


def referent_correct(record: dict, items: Sequence[RetrievedItem]) -> bool | None:
    """Did the answer settle on every item the question meant, whether or not it could answer?
    None where the subject is unknown: no refers_to and not answerable, or refers_to empty."""
    meant = record.get("refers_to")
    if meant is None:
        meant = record.get("expected_sources") if record.get("expected_answerable", True) else None
    if not meant:
        return None
    texts = referent_texts(record, items)
    return all(matches(s, texts) for s in meant)


def _mean(values: Iterable) -> float | None:
    data = [float(v) for v in values if v is not None]
    return sum(data) / len(data) if data else None


# Metric names double as threshold keys in thresholds.toml; keep them stable.
METRICS: dict[str, str] = {
    "n": "questions",
    "errors": "questions that raised an error",
    "recall_at_1": "gold-source recall@1 (items)",
    "recall_at_3": "gold-source recall@3 (items)",
    "recall_at_5": "gold-source recall@5 (items)",
    "mrr": "MRR (first gold item)",
    "citation_coverage": "answers citing all expected sources",
    "citation_precision": "citation precision (cited items matching a source)",
    "dangling_markers": "[n] markers without a citation (count)",
    "unused_citations": "citations never used in the text (count)",
    "fact_coverage": "key-fact coverage",
    "abstention_accuracy": "abstention accuracy",
    "false_abstention_rate": "false-abstention rate (answerable, abstained)",
    "false_answer_rate": "false-answer rate (unanswerable, answered)",
    "referent_accuracy": "about the item meant (cited, or named when abstaining)",
    "latency_p50_ms": "latency p50 (ms)",
    "latency_p95_ms": "latency p95 (ms)",
}
COUNT_METRICS = {"n", "errors", "dangling_markers", "unused_citations"}


def summarize(scores: Sequence[QuestionScore]) -> dict[str, float | None]:
    """Aggregate metrics for a group of questions; None where no question applies."""
    latencies = [s.latency_ms for s in scores]
    return {
        "n": len(scores),
        "errors": sum(s.error for s in scores),
        "recall_at_1": _mean(s.recall_at_1 for s in scores),
        "recall_at_3": _mean(s.recall_at_3 for s in scores),
        "recall_at_5": _mean(s.recall_at_5 for s in scores),
        "mrr": _mean(s.reciprocal_rank for s in scores),
        "citation_coverage": _mean(s.citation_covered for s in scores),
        "citation_precision": _mean(s.citation_precision for s in scores),
        "dangling_markers": sum(s.dangling_markers for s in scores),
        "unused_citations": sum(s.unused_citations for s in scores),
        "fact_coverage": _mean(s.fact_coverage for s in scores),
        "abstention_accuracy": _mean(s.abstention_correct for s in scores),
        "false_abstention_rate": _mean(s.false_abstention for s in scores),
        "false_answer_rate": _mean(s.false_answer for s in scores),
        "referent_accuracy": _mean(s.referent_correct for s in scores),
        "latency_p50_ms": percentile(latencies, 50),
        "latency_p95_ms": percentile(latencies, 95),
    }


def summarize_by_type(scores: Sequence[QuestionScore]) -> dict[str, dict[str, float | None]]:
    """Per question type, in order of first appearance (types are free text)."""
    groups: dict[str, list[QuestionScore]] = {}
    for s in scores:
        groups.setdefault(s.type, []).append(s)
    return {t: summarize(g) for t, g in groups.items()}
