"""Chat sessions: follow-ups ("who issued it?", "and in 2021?") resolved against the previous
turn's topic and cited items, without an LLM."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .models import Answer
from .query import Filters, QueryPlan, plan
from .text import content_terms

if TYPE_CHECKING:
    from .assistant import Assistant

# "the rules" points back; "the rules for chip firms" names its own topic.
_ANAPHORA = re.compile(r"\b(it|its|it's|this|that|these|those|they|them|their|the same|such|there|"
                       r"the (policy|policies|plan|notice|measure|measures|document|regulation|regulations|rules|draft|item|one|guidelines)"
                       r"(?!\s+(?:for|on|of|about|regarding|governing|covering|against|to)\b))\b", re.I)
_CONTINUATION = re.compile(r"^\s*(and|also|what about|how about|and what about|same for|what of)\b", re.I)


@dataclass
class Turn:
    question: str
    plan: QueryPlan
    answer: Answer


@dataclass
class Session:
    assistant: "Assistant"
    history: list[Turn] = field(default_factory=list)

    def ask(self, question: str, **filters) -> Answer:
        a = self.assistant
        q = a._clean(question)
        p = plan(q, a.info, **filters)
        prev = self.last_answered()
        if prev is not None and is_followup(q, p):
            p = resolve(p, prev)
        ans = a.answer_plan(p)
        if (not ans.answerable and prev is not None and not p.uncovered and not p.filters.item_ids
                and _mostly_known(p.topic, a.retriever.key_terms(p.topic))
                and _points_at_cited(ans, prev, a.settings.answer.followup_top_items)):
            # "How long should an assessment take?" names no topic the briefs know on its own;
            # read it against the previous answer before giving up.
            narrowed = narrow_to_cited(p, prev)
            retry = a.answer_plan(narrowed)
            if retry.answerable:
                p, ans = narrowed, retry
        self.history.append(Turn(q, p, ans))
        return ans

    def last_answered(self) -> Turn | None:
        return next((t for t in reversed(self.history) if t.answer.answerable), None)

    def reset(self) -> None:
        self.history.clear()


_INTENT_WORDS = {"issu", "releas", "publish", "date", "merics", "comment", "target", "goal", "say", "think", "when", "who"}


def _topic_terms(p: QueryPlan) -> list[str]:
    return [t for t in content_terms(p.topic) if t not in _INTENT_WORDS]


def is_followup(question: str, p: QueryPlan) -> bool:
    """Short questions that point back ("it", "that", "and in 2021?") rather than name a topic."""
    words = question.split()
    new_terms = _topic_terms(p)
    if _CONTINUATION.search(question) or (len(words) <= 3 and not new_terms):
        return True  # "and in 2021?", "When?", "Why?"
    return bool(_ANAPHORA.search(question)) and (len(words) <= 12 or len(new_terms) <= 2)


def resolve(p: QueryPlan, prev: Turn) -> QueryPlan:
    """Carry the previous topic; narrow to its cited items unless the follow-up changes period."""
    topic = f"{prev.plan.topic} {p.topic}".strip()
    changes_period = p.filters != Filters(kinds=p.filters.kinds) or bool(p.compare)
    if _CONTINUATION.search(p.question) and _topic_terms(p) and not _ANAPHORA.search(p.question):
        # "And the 2021 ICT plan?": a new topic asked the same way; keep the question's intent.
        return replace(p, intent=p.intent if p.intent != "general" else prev.plan.intent)
    if changes_period:
        # "and in 2021?": same topic, new period, fresh retrieval over the whole corpus.
        own = len(_topic_terms(p)) >= 2  # "and in 2022, what IP measures were there?" names its topic
        carried = p.topic if own else prev.plan.topic if _CONTINUATION.search(p.question) else topic
        return replace(p, topic=carried, intent=p.intent if p.intent != "general" else prev.plan.intent)
    return narrow_to_cited(p, prev)


def _mostly_known(topic: str, weights: dict[str, float]) -> bool:
    """Most of the question's words occur in the corpus (a football question's do not)."""
    return bool(weights) and sum(1 for w in weights.values() if w == 0) / len(weights) < 0.5


def _points_at_cited(ans: Answer, prev: Turn, top: int) -> bool:
    """The question alone already ranks an item the previous answer cited among its best few:
    "how long does the assessment take?" after the data-transfer answer is about that item;
    "the rules for chip firms" after a battery answer is a new topic the briefs lack."""
    from .answer import group_items

    ranked = [g.item_id for g in group_items(ans.retrieved)[:top]]
    return bool(set(ranked) & {c.item_id for c in prev.answer.citations})


def narrow_to_cited(p: QueryPlan, prev: Turn) -> QueryPlan:
    """The question about the items the previous answer cited, with both turns' topic words."""
    topic = f"{prev.plan.topic} {p.topic}".strip()
    cited = frozenset(c.item_id for c in prev.answer.citations)
    if not cited:
        return replace(p, topic=topic)
    filters = replace(prev.plan.filters, item_ids=cited)
    return replace(p, topic=topic, filters=filters, compare=())
