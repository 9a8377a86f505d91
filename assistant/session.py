"""Chat sessions: follow-ups ("who issued it?", "and in 2021?") resolved against the previous
turn's topic and cited items, without an LLM."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .answer import abstain
from .evidence import Scorer, group_items
from .models import Answer
from .lexicon import ANAPHORA, CONTINUATION, OTHER, SAME_BRIEF, SAME_DAY
from .query import Filters, QueryPlan, is_topic_switch, plan
from .text import content_terms

if TYPE_CHECKING:
    from .assistant import Assistant



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
            # A follow-up is about what was just answered, not a fresh list over the whole table.
            p = replace(p, enumerate=False)
            if OTHER.search(q):
                p = resolve_other(p, prev, {b.brief_id: b.month for b in a.briefs()})
            else:
                p = resolve(p, prev)
        ans = a.answer_plan(p)
        if ans.answerable and p.filters.item_ids:
            ans = self._check_narrowed(p, ans)
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

    def _check_narrowed(self, p: QueryPlan, ans: Answer) -> Answer:
        """A follow-up read against the cited items must be about them: "what fines will companies
        face?" after a draft that names no fines gets "the briefs don't say", not the draft again."""
        if p.unknown_names:
            return abstain(p, ans.retrieved)  # says which names the briefs never mention
        a, s = self.assistant, self.assistant.settings.answer
        own = _topic_terms(plan(p.question, a.info))
        if len(own) < s.followup_min_own_terms:
            return ans
        scorer = Scorer(own, a.retriever.df, len(a.retriever.nodes), synonyms=a.synonyms)
        cited = " ".join(a.item(i).full_text() for i in p.filters.item_ids)
        if scorer.coverage(cited) < s.followup_min_own_coverage:
            return abstain(p, ans.retrieved, "The briefs don't say: the items discussed so far don't cover this.")
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
    if is_topic_switch(question):  # "Different topic: …" is never about the last answer
        return False
    words = question.split()
    new_terms = _topic_terms(p)
    if CONTINUATION.search(question) or (len(words) <= 3 and not new_terms):
        return True  # "and in 2021?", "When?", "Why?"
    return bool(ANAPHORA.search(question)) and (len(words) <= 12 or len(new_terms) <= 2)


def resolve(p: QueryPlan, prev: Turn) -> QueryPlan:
    """Carry the previous topic; narrow to its cited items unless the follow-up changes period."""
    topic = f"{prev.plan.topic} {p.topic}".strip()
    changes_period = p.filters != Filters(kinds=p.filters.kinds) or bool(p.compare)
    if CONTINUATION.search(p.question) and _topic_terms(p) and not ANAPHORA.search(p.question):
        # "And the 2021 ICT plan?": a new topic asked the same way; keep the question's intent.
        return replace(p, intent=p.intent if p.intent != "general" else prev.plan.intent)
    if changes_period:
        # "and in 2021?": same topic, new period, fresh retrieval over the whole corpus.
        own = len(_topic_terms(p)) >= 2  # "and in 2022, what IP measures were there?" names its topic
        carried = p.topic if own else prev.plan.topic if CONTINUATION.search(p.question) else topic
        return replace(p, topic=carried, intent=p.intent if p.intent != "general" else prev.plan.intent)
    return narrow_to_cited(p, prev, own_topic=len(_topic_terms(p)) >= 2)


def resolve_other(p: QueryPlan, prev: Turn, brief_months: dict[str, str]) -> QueryPlan:
    """"Was there other EV news in that brief?": the question's own topic (or the previous one),
    in the period it points to, excluding the items already cited."""
    cited = prev.answer.citations
    f = p.filters
    if SAME_DAY.search(p.question):
        days = [int(c.date.replace("-", "")) for c in cited if c.date]
        if days:
            f = replace(f, date_from=min(days), date_to=max(days))
    elif SAME_BRIEF.search(p.question):
        f = replace(f, brief_months=frozenset(brief_months[c.brief] for c in cited if c.brief in brief_months))
    elif f == Filters(kinds=f.kinds):
        f = replace(prev.plan.filters, kinds=f.kinds or prev.plan.filters.kinds, item_ids=frozenset())
    own = SAME_BRIEF.sub(" ", SAME_DAY.sub(" ", p.topic))  # the period is now a filter, not a topic
    topic = own if _topic_terms(replace(p, topic=own)) else prev.plan.topic
    return replace(p, topic=topic, filters=replace(f, exclude_ids=frozenset(c.item_id for c in cited)), compare=())


def _mostly_known(topic: str, weights: dict[str, float]) -> bool:
    """Most of the question's words occur in the corpus (a football question's do not)."""
    return bool(weights) and sum(1 for w in weights.values() if w == 0) / len(weights) < 0.5


def _points_at_cited(ans: Answer, prev: Turn, top: int) -> bool:
    """The question alone already ranks an item the previous answer cited among its best few:
    "how long does the assessment take?" after the data-transfer answer is about that item;
    "the rules for chip firms" after a battery answer is a new topic the briefs lack."""
    ranked = [g.item_id for g in group_items(ans.retrieved)[:top]]
    return bool(set(ranked) & {c.item_id for c in prev.answer.citations})


def narrow_to_cited(p: QueryPlan, prev: Turn, own_topic: bool = False) -> QueryPlan:
    """The question about the items the previous answer cited, with both turns' topic words, or
    with its own words only when it has some: the cited items already carry the old topic, and
    "what share of GDP did they generate?" must rank the GDP sentence, not the old topic's."""
    topic = p.topic if own_topic else f"{prev.plan.topic} {p.topic}".strip()
    cited = frozenset(c.item_id for c in prev.answer.citations)
    if not cited:
        return replace(p, topic=topic)
    filters = replace(prev.plan.filters, item_ids=cited)
    return replace(p, topic=topic, filters=filters, compare=())
