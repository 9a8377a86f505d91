"""Which part of an item a question asks for, named after the brief's own structure:
lead sentence (what it is), bullets (measures, requirements), numeric bullets (targets), MERICS
comment (assessment, why it matters), source note (issuer, date, policy name).

Cue rules (lexicon.FACET_*) decide where they speak. Given a `similarity`, a question no cue
speaks for is compared with short descriptions of each facet. The assistant does not pass one
yet: switched on uncalibrated, it read an "instruct local departments" question as a request for
the MERICS comment and cost the dev set a question (facts 0.970 → 0.962); it needs thresholds
measured on labelled questions first."""
from __future__ import annotations

from typing import Callable, Literal

from .lexicon import (ASKS_CONDITION, ASKS_DEADLINE, FACET_ASSESSMENT, FACET_DATE, FACET_ISSUER, FACET_MEASURES, FACET_POLICY_NAME, FACET_SOURCE,
                      FACET_TARGETS)

Facet = Literal["general", "measures", "numeric", "comment", "issuer", "date", "date+issuer", "policy_name"]

# Descriptions of each facet for the similarity fallback: what such a question is about, not any
# particular question.
DESCRIPTIONS: dict[str, list[str]] = {
    "comment": ["What is the analysts' assessment of this policy and why does it matter?",
                "Will this policy work, and what are its risks and consequences for foreign companies?",
                "How significant is this move and what does it tell us about Beijing's intentions?"],
    "measures": ["What measures, requirements and steps does the policy contain?",
                 "What does the document oblige companies and local governments to do?"],
    "numeric": ["What quantitative targets and figures does the plan set for the coming years?"],
    "general": ["What is this policy about?", "What does the brief say about this topic?",
                "What happened and what was announced?"],
}


# In order: the source note's facets, then the MERICS view, then figures, then the measures.
_CUES: list[tuple] = [(FACET_POLICY_NAME, "policy_name"), (FACET_ASSESSMENT, "comment"), (FACET_TARGETS, "numeric"),
                      (FACET_MEASURES, "measures")]


def classify(question: str, similarity: Callable[[list[str]], list[float]] | None = None,
             min_similarity: float = 0.45, margin: float = 0.05) -> Facet:
    """The facet a question asks for. `similarity` maps texts to their cosine similarity with
    the question (None: cue rules only)."""
    who = FACET_ISSUER.search(question) or FACET_SOURCE.search(question)
    # a deadline, or the circumstances in which something must be done, are in the text
    when = FACET_DATE.search(question) and not ASKS_DEADLINE.search(question) and not ASKS_CONDITION.search(question)
    if who and when:
        return "date+issuer"
    if who:
        return "issuer"
    if when:
        return "date"
    cued = next((facet for rule, facet in _CUES if rule.search(question)), None)
    if cued:
        return cued
    if similarity is None:
        return "general"
    names = [name for name, texts in DESCRIPTIONS.items() for _ in texts]
    sims = similarity([t for texts in DESCRIPTIONS.values() for t in texts])
    best: dict[str, float] = {}
    for name, sim in zip(names, sims):
        best[name] = max(best.get(name, -1.0), sim)
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    (top, s1), (_, s2) = ranked[0], ranked[1]
    if top != "general" and s1 >= min_similarity and s1 - max(s2, best["general"]) >= margin:
        return top  # type: ignore[return-value]
    return "general"
