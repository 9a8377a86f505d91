"""Evidence: retrieved chunks folded into their items (with the items themselves), and the
scorer that weighs a question's terms against them. Typed hand-off from retrieval to judge and
compose."""
from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from typing import Callable

from .models import Hit, Item
from .text import content_terms, sentences


@dataclass
class ItemHits:
    """All retrieved chunks of one item, and the item itself (its fields answer facets that the
    retrieved chunks may lack)."""

    item_id: str
    meta: dict
    hits: list[Hit] = field(default_factory=list)
    item: Item | None = None

    @property
    def score(self) -> float:
        return max(h.score for h in self.hits)

    @property
    def dense(self) -> float:
        return max(h.dense for h in self.hits)

    def text(self) -> str:
        return "\n".join(h.text for h in self.hits)


def group_items(hits: list[Hit], lookup: Callable[[str], Item | None] | None = None) -> list[ItemHits]:
    out: dict[str, ItemHits] = {}
    for h in hits:
        out.setdefault(h.item_id, ItemHits(h.item_id, h.metadata)).hits.append(h)
    if lookup:
        for group in out.values():
            group.item = lookup(group.item_id)
    return sorted(out.values(), key=lambda i: i.score, reverse=True)


class Scorer:
    """Scores question terms against passages; terms the corpus never uses weigh the most.

    `synonyms` are (acronym term, expansion terms) pairs the briefs define themselves ("High-Tech
    Industrial Development Zones (HIDZ)"): a passage that writes the acronym holds its words, and a
    passage that writes the words holds an acronym the question uses. `alternatives` are term pairs
    the question offers either way ("chips or semiconductors"). `members` are the companies of a
    kind the question names ("carmakers"), from the company data (companies.py). `related` are groups
    of equivalent forms ("solar" / "photovoltaic"), from the thesaurus (thesaurus.py)."""

    def __init__(self, question_terms: list[str], df: dict[str, int], n_docs: int, dense_known: bool = True,
                 similarity=None, synonyms: list[tuple[str, frozenset[str]]] | None = None,
                 alternatives: list[frozenset[str]] | None = None,
                 members: list[tuple[str, frozenset[str]]] | None = None,
                 related: list[tuple[frozenset[str], ...]] | None = None):
        self.dense_known = dense_known  # False in BM25-only mode: no similarity to judge by
        self.similarity = similarity  # sentences → cosine similarities to the question, or None
        n = max(1, n_docs)
        self.weights = {t: math.log(1 + n / df[t]) if df.get(t) else math.log(1 + n) for t in question_terms}
        self.known = {t for t in question_terms if df.get(t)}
        self.expansions: dict[str, frozenset[str]] = {}  # every acronym the corpus defines → its words
        for acronym, names in synonyms or []:
            self.expansions[acronym] = self.expansions.get(acronym, frozenset()) | names
        # a passage with either alternative holds both (each still weighs as its own term)
        self.alternatives = [g for g in (alternatives or []) if g <= set(self.weights)]
        asked = set(question_terms)
        # only the pairs the question uses, in either form
        self.synonyms = [(a, names) for a, names in (synonyms or []) if a in asked or names <= asked]
        # (kind term, a member's name terms): a passage naming BMW holds "carmakers"; one way only
        self.members = [(t, names) for t, names in (members or []) if t in asked]
        # equivalent forms (thesaurus.py): a passage writing "photovoltaic" holds a question's "solar"
        self.related = [g for g in (related or []) if any(m <= asked for m in g)]
        for group in self.related:
            # a word the briefs never write, found only through a form they do, is as common as that
            # form: it no longer weighs like a subject the corpus lacks
            # ("wind" is no commoner for "power" being known: a form counts only if the briefs write all of it)
            known = [math.log(1 + n / df[t]) for m in group if all(df.get(x) for x in m) for t in m]
            for m in group:
                for t in m:
                    if t in self.weights and not df.get(t) and known:
                        self.weights[t] = min(known)

    def restricted(self, keep) -> "Scorer":
        """The same scorer weighing only the question terms `keep(term)` accepts (itself if none is)."""
        weights = {t: w for t, w in self.weights.items() if keep(t)}
        if not weights or len(weights) == len(self.weights):
            return self
        narrowed = copy.copy(self)
        narrowed.weights = weights
        return narrowed

    def terms_in(self, text: str) -> set[str]:
        """The passage's terms; an acronym the corpus defines also stands for the words it
        abbreviates ("220 HIDZ" holds "zones"), the question's expansions for its acronyms, and
        one of the question's alternatives for the other."""
        present = set(content_terms(text))
        for group in self.alternatives:
            if present & group:
                present |= group
        for term in [t for t in present if t in self.expansions]:
            present |= self.expansions[term]
        for acronym, names in self.synonyms:
            if names <= present:
                present.add(acronym)
        for term, names in self.members:
            if names <= present:
                present.add(term)
        for group in self.related:
            if any(m <= present for m in group):
                present.update(*group)
        for group in self.alternatives:  # "self-driving" is "autonomous driving", one of "robotaxis or autonomous driving"
            if present & group:
                present |= group
        return present

    def has_rarest(self, text: str, k: int = 2, known_only: bool = False) -> bool:
        """Does text hold one of the question's k most specific terms? A question whose most
        specific words ("offshore wind") appear nowhere is about something else. `known_only`
        ranks only terms the corpus has: is this passage about the theme the corpus knows?"""
        weights = {t: w for t, w in self.weights.items() if not known_only or t in self.known} or self.weights
        # the words an acronym stands for name what the acronym names: ranked as the acronym alone
        spelled = {t for a, names in self.synonyms if a in weights for t in names}
        weights = {t: w for t, w in weights.items() if t not in spelled} or weights
        ranked = sorted(weights.values(), reverse=True)
        if not ranked:
            return True
        cut = ranked[min(k, len(ranked)) - 1]
        rarest = [t for t, w in weights.items() if w >= cut]  # ties all count
        present = self.terms_in(text)
        return any(t in present for t in rarest)

    def known_coverage(self, text: str) -> float:
        """coverage over the terms the corpus uses (all terms if it uses none): inside rows that
        constraints already chose, a word the briefs never write ("mention") is phrasing, not topic."""
        return self._share({t: w for t, w in self.weights.items() if t in self.known} or self.weights, text)

    def coverage(self, text: str) -> float:
        return self._share(self.weights, text)

    def _share(self, weights: dict[str, float], text: str) -> float:
        total = sum(weights.values())
        if not total:
            return 0.0
        present = self.terms_in(text)
        return sum(w for t, w in weights.items() if t in present) / total


def header_text(meta: dict) -> str:
    return " ".join(str(meta.get(k, "")) for k in ("headline", "policy", "policy_cn", "issuers"))




def candidate_units(item: ItemHits, intent: str) -> list[tuple[str, str]]:
    """(section, sentence) candidates of an item, in source order, meta lines only when asked for.
    From the whole item when it is known (a facet's text may sit in a chunk retrieval missed)."""
    meta_wanted = intent in ("issuer", "date", "date+issuer", "policy_name")
    it = item.item
    if it is not None and it.kind == "top5":
        out = [("glance", x) for x in sentences(it.glance) if len(x) > 12]
        out += [("bullet", b) for b in it.bullets if len(b) > 12]
        out += [("comment", x) for x in sentences(it.comment) if len(x) > 12]
        if meta_wanted:
            out += [("meta", x) for x in it.source_note.split("\n") if len(x.strip()) > 12]
        return out
    out = []
    for h in sorted(item.hits, key=lambda h: (h.section != "glance", h.metadata.get("part", 0))):
        if h.section == "meta" and not meta_wanted:
            continue
        for sent in sentences(h.text):
            if len(sent) > 12:
                out.append(("bullet" if f"• {sent}" in h.text else h.section, sent))
    return out


