"""Chat sessions: a history of turns; each question is planned against the last answered turn
(followups.py), answered, and checked against the items it was narrowed to (judge.py)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from .evidence import group_items
from .lexicon import ANAPHORA, COMPARE, CONTINUATION, DEFINITE, PAIR, POINTS_AT_NO_ITEM, SIDE_PRONOUN, TEMPORAL_ONE, THE_OTHER
from .followups import (Turn, names_new_company, names_period, narrow_to_cited, one_item, ordinal, plan_turn, pointed_at, points_to_period,
                        shifted_period, topic_terms)
from .answer import abstain
from .hygiene import clean_question
from .judge import Reason, followup_verdict
from .models import Answer
from .text import content_terms
from .query import QueryPlan, item_sides, plan


class Answerer(Protocol):
    """What a session needs of the assistant: its public face, no private members."""

    settings: Any
    info: Any
    retriever: Any
    synonyms: list

    def answer_plan(self, p: QueryPlan) -> Answer: ...
    def scorer(self, terms: list[str], text: str = "", members: list | None = None) -> Any: ...
    def members(self, p: QueryPlan) -> list: ...
    def briefs(self) -> list: ...
    def item(self, item_id: str) -> Any: ...


@dataclass
class Session:
    assistant: Answerer
    history: list[Turn] = field(default_factory=list)
    # (question, corpus info, its plan alone): one planning of a turn's words, read by every check
    _own: tuple | None = field(default=None, repr=False, compare=False)

    def ask(self, question: str, **filters) -> Answer:
        a = self.assistant
        q = clean_question(question, a.settings.answer.max_question_chars)
        last_answered = self.last_answered()
        prev = self._referent(q, last_answered)
        row = ordinal(q)
        if prev is last_answered and row is None and PAIR.search(q):
            prev = self._pair(prev)
        when = TEMPORAL_ONE.search(q) if prev is not None and row is None else None
        if when:
            prev = self._by_date(prev, later=bool(when["later"]))
        if prev is last_answered and row is not None:
            # "the second one": counted, unless its words pick the item; "and the first one?" after a
            # question about the second counts in the list that both came from
            prev = pointed_at(row, self._last_list(row) or last_answered)
        if prev is not None and row is None:
            prev = _of_years(prev, self._alone(q).filters.years)
        if prev is not None and row is None and not self._own_terms(q):
            prev = self._before_drilling(prev, self._period_years(q, prev))
        other = THE_OTHER.search(q) if prev is not None and row is None else None
        if other:
            # the item its words pick, or else the one(s) of the list not yet discussed; planned as
            # "that item": it is what is asked about, not items besides it
            several = bool(other["plural"] or other["rest"])
            rest = self._the_other(self._discussed(prev), several) if prev is last_answered else prev
            if rest is not None and (len(rest.answer.citations) == 1 or several):
                prev, q = rest, THE_OTHER.sub("those items" if several else "that item", q)
        if prev is not None and row is None:
            q = self._side_named(q, prev)
        last = self.history[-1] if self.history else None
        if (last is not None and not last.answer.answerable and CONTINUATION.search(q)
                and not (last.answer.reason in (Reason.VALUE_MISSING, Reason.NOT_IN_CITED) and (self._alone(q).filters.years or points_to_period(q)))):
            # a detail one item lacks is not asked again of another year: items are in one brief only
            if self._asks_period(q):
                # "and in 2021?" after "the briefs don't say" for 2022: the same topic in the other period
                prev = last
        p = plan_turn(q, a.info, prev, self._brief_months(), alone=self._alone(q), **filters)
        if prev is not None and p.enumerate and self._kind_in_cited(p, prev):
            # "which German firms does it name?" right after one plan whose text names
            # some: a kind of company, and nothing else, asked of the item just discussed
            p = narrow_to_cited(replace(p, enumerate=False), prev)
        ans = None
        if (prev is not None and p.filters.years and not p.filters.item_ids and not CONTINUATION.search(q)
                and not p.enumerate and p.intent != "overview" and _years_in_cited(p, prev, a)):
            # "what was it worth in 2021?" after a 2022 plan that says "up from … in 2021": the
            # year is the cited item's content, not a new period ("and in 2021?" is one, and so is
            # a list's year).
            narrowed = narrow_to_cited(replace(p, filters=replace(p.filters, years=frozenset())), prev)
            retry = self._check_narrowed(narrowed, a.answer_plan(narrowed))
            if retry.answerable:
                p, ans = narrowed, retry
        ans = ans or a.answer_plan(p)
        if ans.answerable and p.filters.item_ids and prev is not None:
            ans = self._check_narrowed(p, ans)
        elif (ans.answerable and prev is not None and _open_question(p) and ans.citations
              and not (p.company_names or p.unknown_names)
              and (len(q.split()) <= a.settings.answer.followup_detail_words or self._all_cited(q, prev))
              and ans.citations[0].item_id not in {c.item_id for c in prev.answer.citations}
              and (p.answer_type or (DEFINITE.search(q) and not self._names_subject(q, ans.citations[0].item_id)))
              and not self._new_subject(q, prev, ans.citations[0].item_id)):
            # "how much money is behind it?": a few words asking a value, naming nothing of their own,
            # ask it of the item just discussed; another item's figure would answer another question.
            # So does "what is the purpose?", whose definite noun another item's comment merely
            # mentions; words that item states ("the data center target?") name a new subject, and a
            # bare "IPv6?" is a new subject wherever the briefs write it.
            narrowed = narrow_to_cited(p, prev)
            retry = self._check_narrowed(narrowed, a.answer_plan(narrowed))
            # a definite noun the item discussed lacks as well ("the vice premier") is the other item's after all
            if p.answer_type or retry.answerable or retry.reason != Reason.NOT_IN_CITED:
                p, ans = narrowed, retry
        elif (ans.answerable and prev is not None and _open_question(p) and ans.citations
              and ans.citations[0].item_id not in {c.item_id for c in prev.answer.citations}
              and not (p.company_names and names_new_company(p, _cited_text(a, prev)))
              and not (CONTINUATION.search(q) and self._own_terms(q))
              and not self._new_subject(q, prev, ans.citations[0].item_id)
              and (_points_at_cited(ans, prev, a.settings.answer.followup_top_items)
                   or (p.intent == "comment" and self._cited_covers(q, prev)))):
            # The conversation's item ranks among the best for a question that names no item or
            # period of its own (a question about what MERICS expects for European suppliers, asked
            # right after one plan), or asks MERICS's view in words that plan's text holds: the
            # analyst is still asking about that plan.
            narrowed = narrow_to_cited(p, prev, own_topic=True)
            retry = self._check_narrowed(narrowed, a.answer_plan(narrowed))
            # a value the item discussed lacks is lacking: another item's figure answers another question
            if retry.answerable or (p.answer_type and retry.reason == Reason.VALUE_MISSING):
                p, ans = narrowed, retry
        if (not ans.answerable and prev is not None and not p.uncovered and not p.filters.item_ids
                and not self._asks_period(q)  # "and in 2022?" found nothing in 2022: that is the answer
                and _mostly_known(p.topic, a.retriever.key_terms(p.topic))
                and (_points_at_cited(ans, prev, a.settings.answer.followup_top_items)
                     or _a_detail(q, self._own_terms(q), a.settings.answer.followup_detail_words))):
            # a question naming only a detail of the last answer ("how long does it take?") has no topic of its own;
            # read it against the previous answer before giving up.
            narrowed = narrow_to_cited(p, prev)
            retry = self._check_narrowed(narrowed, a.answer_plan(narrowed))
            if retry.answerable:
                p, ans = narrowed, retry
        if (not ans.answerable and ans.reason in (Reason.NOT_IN_CITED, Reason.VALUE_MISSING) and prev is not None
                and p.filters.item_ids
                and not p.answer_type
                and len(self._own_terms(q)) >= a.settings.answer.followup_min_own_terms):
            # "was there a tax break for the same sort of company?": words the items discussed lack, with
            # no pronoun for those items, name a new subject in the conversation's terms; another item
            # answers if it states them. With a pronoun ("now the VR plan: what are its goals?"), the
            # words must name that item by its name: the pronoun is then the question's own subject.
            cited = frozenset(c.item_id for c in prev.answer.citations)
            wider = replace(p, filters=replace(p.filters, item_ids=frozenset(), exclude_ids=p.filters.exclude_ids | cited),
                            choose=False)
            retry = a.answer_plan(wider)
            if (retry.answerable and retry.citations and self._names_subject(q, retry.citations[0].item_id)
                    and (not _points_to_item(q) or self._names_by_name(q, retry.citations[0].item_id))):
                p, ans = wider, retry
        self.history.append(Turn(q, p, ans))
        return ans

    def _check_narrowed(self, p: QueryPlan, ans: Answer) -> Answer:
        """A follow-up read against the cited items must be about them: "what fines will companies
        face?" after a draft that names no fines gets "the briefs don't say", not the draft again."""
        a = self.assistant
        own = self._own_terms(p.question)
        # "are any carmakers named?": a carmaker the item names is the word's answer
        scorer = a.scorer(own, members=a.members(self._alone(p.question)))
        cited = " ".join(_item_text(a, i) for i in p.filters.item_ids)
        # the words in which the analyst already asked about these items name them too ("the
        # medical products regulator" for the NMPA)
        asked = " ".join(t.question for t in self.history if t.answer.answerable
                         and {c.item_id for c in t.answer.citations} <= set(p.filters.item_ids))
        bodies = frozenset(a.info.agencies.find(cited)) if a.info.agencies is not None else None
        verdict = followup_verdict(p, own, f"{cited} {asked}", scorer, a.settings.answer, bodies)
        if verdict.answerable:
            return ans
        return abstain(p, ans.retrieved, verdict.message, verdict.reason)

    def _kind_in_cited(self, p: QueryPlan, prev: Turn) -> bool:
        """The plan lists companies of a kind and asks nothing else (no topic, period or issuer),
        and the one item just cited names companies of that kind."""
        a = self.assistant
        companies = a.info.companies
        if not p.company_kinds or companies is None or len(prev.answer.citations) != 1 or names_period(p) or p.issuer_keys:
            return False
        kind_words = set(content_terms(" ".join(w for _, w in p.company_kinds)))
        if set(self._own_terms(p.question)) - kind_words:
            return False
        return {k for k, _ in p.company_kinds} <= companies.categories_of(_cited_text(a, prev))

    def _cited_covers(self, question: str, prev: Turn) -> bool:
        """The items just cited hold the question's own words: MERICS's view of "the opening for
        overseas suppliers", asked right after one item, is that item's comment if it speaks of them."""
        own = self._own_terms(question)
        # MERICS's view is in an item's comment: an item without one (a news line) holds no view to ask about
        cited = " ".join(_item_text(self.assistant, c.item_id) for c in prev.answer.citations
                         if _has_comment(self.assistant, c.item_id))
        return bool(own) and self.assistant.scorer(own).coverage(cited) >= self.assistant.settings.answer.followup_min_own_coverage

    def _all_cited(self, question: str, prev: Turn) -> bool:
        """Every word the question brings is in the items just cited: however long, it names
        nothing the conversation has not been discussing."""
        own = self._own_terms(question)
        cited = _cited_text(self.assistant, prev)
        return bool(own) and set(own) <= self.assistant.scorer(own).terms_in(cited)

    def _names_subject(self, question: str, item_id: str) -> bool:
        """The question's own words are in what the item states (its headline, lead, bullets and
        policy name; a news item's line), not only in MERICS's comment on it."""
        own = self._own_terms(question)
        try:
            it = self.assistant.item(item_id)
        except KeyError:
            return False
        subject = " ".join([it.headline, it.glance, *it.bullets, it.policy]) if it.kind == "top5" else it.full_text()
        return bool(own) and self.assistant.scorer(own).coverage(subject) >= self.assistant.settings.answer.followup_subject_coverage

    def _new_subject(self, question: str, prev: Turn, item_id: str) -> bool:
        """"which firms are exploring carbon capture?" after the VR plan: words of its own that the
        item answering it alone states, and fits clearly better than any item just cited, name a new
        subject, however short the question and whatever value it asks."""
        a = self.assistant
        own = self._own_terms(question)
        # one word of its own ("where is the plant?") asks a detail of the item just discussed
        if len(own) < a.settings.answer.followup_min_own_terms or not self._names_subject(question, item_id):
            return False
        # as the conversation's referent is picked: the other item fits its words clearly better
        scorer = a.scorer(own)
        best_cited = max((scorer.coverage(_item_text(a, c.item_id)) for c in prev.answer.citations), default=0.0)
        return scorer.coverage(_item_text(a, item_id)) >= best_cited + a.settings.answer.followup_referent_margin

    def _names_by_name(self, question: str, item_id: str) -> bool:
        """Every word the question brings of its own is in the item's name (headline and policy
        name; a news item's line)."""
        own = self._own_terms(question)
        name = _name_text(self.assistant, item_id)
        return bool(own) and bool(name) and self.assistant.scorer(own).coverage(name) >= 1.0

    def _alone(self, question: str) -> QueryPlan:
        """The question planned on its own words, once per turn."""
        info = self.assistant.info
        if self._own is None or self._own[0] != question or self._own[1] is not info:
            self._own = (question, info, plan(question, info))
        return self._own[2]

    def _own_terms(self, question: str) -> list[str]:
        """The topic words the question brings itself."""
        return topic_terms(self._alone(question))

    def _referent(self, question: str, prev: Turn | None) -> Turn | None:
        """"the building materials one": a follow-up whose own words fit one item the conversation
        cited (the last answer's or an earlier one's) clearly better than every other is about that
        item alone, as if it had just been cited alone."""
        a = self.assistant
        s = a.settings.answer
        if prev is None:
            return prev
        own = self._own_terms(question)
        # "the IP one" names an item by one word of its own, on purpose ("the German ones" narrows a list)
        one = one_item(question)
        if len(own) < s.followup_min_own_terms and not (own and one):
            return prev
        scorer = a.scorer(own)

        turns = [t for t in self.history[-s.followup_referent_turns:] if t.answer.answerable and t.answer.citations]
        if prev not in turns:
            turns.append(prev)
        # "the IP one" names the item: its name is what the words must fit
        text_of = _name_text if one else _item_text
        texts = {c.item_id: text for t in turns for c in t.answer.citations if (text := text_of(a, c.item_id))}
        scored = [(scorer.coverage(texts[c.item_id]), -i, c.item_id, t, c)
                  for i, t in enumerate(reversed(turns)) for c in t.answer.citations if c.item_id in texts]
        if len(scored) < 2:
            return prev
        scored.sort(key=lambda x: x[:3], reverse=True)
        top, rest = scored[0], [x for x in scored[1:] if x[2] != scored[0][2]]
        # the item pointed at holds the question's most specific word ("quantum tech?" is not about
        # the item that writes "technologies")
        if rest and top[0] >= rest[0][0] + s.followup_referent_margin and scorer.has_rarest(texts[top[2]], k=1, known_only=True):
            return replace(top[3], answer=replace(top[3].answer, citations=[top[4]]))
        # "revisit the battery item" after a turn on another item: the words fit the items of one
        # earlier answer equally, and none of the last one's: that answer is what they point back to
        tied = [x for x in scored if x[0] >= top[0] > 0]
        if tied and not any(x[3] is prev for x in tied) and scorer.has_rarest(texts[top[2]], k=1, known_only=True):
            latest = max(x[1] for x in tied)  # the most recent answer citing them
            t = next(x[3] for x in tied if x[1] == latest)
            return replace(t, answer=replace(t.answer, citations=[x[4] for x in tied if x[1] == latest]))
        return prev

    def _before_drilling(self, prev: Turn, years: frozenset[int]) -> Turn:
        """"and in 2021?" after the analyst drilled into a 2022 item (asked who issued it, what MERICS
        thinks, or picked it from a list): an item is in one brief only, so the other year's
        counterpart is of the question that brought the item up, the earliest of the turns before
        that cited it (and perhaps more), not of the last detail asked."""
        cited = {c.item_id for c in prev.answer.citations}
        if not years or not cited or any(c.date and int(c.date[:4]) in years for c in prev.answer.citations):
            return prev
        i = self.history.index(prev) if prev in self.history else len(self.history)
        origin = prev
        for t in reversed(self.history[:i]):
            if not t.answer.answerable:
                continue  # a detail the item lacked interrupts no thread
            if not cited <= {c.item_id for c in t.answer.citations}:
                break
            origin = t
        return origin

    def _side_named(self, q: str, prev: Turn) -> str:
        """"How does this compare to the HIDZ plan?" right after one item: the pronoun is that
        item, written by its headline in quotes so the comparison names both sides."""
        m = SIDE_PRONOUN.search(q) if len(prev.answer.citations) == 1 and COMPARE.search(q) else None
        if not m or item_sides(q):
            return q
        try:
            it = self.assistant.item(prev.answer.citations[0].item_id)
        except KeyError:
            return q
        # in quotes: a name, whose years ("(2022-2026)") are no periods and whose words name one item
        named = f"{q[:m.start()]}“{it.headline}”{q[m.end():]}"
        return named if item_sides(named) else q

    def _brief_months(self) -> dict[str, str]:
        """Each brief's month, by brief id."""
        return {b.brief_id: b.month for b in self.assistant.briefs()}

    def _asks_period(self, q: str) -> bool:
        """The question names a period, or points to one relative to the conversation ("the other brief")."""
        return names_period(self._alone(q)) or points_to_period(q)

    def _period_years(self, q: str, prev: Turn) -> frozenset[int]:
        """The years a question asks about: those it names, else those its relative period points to."""
        years = self._alone(q).filters.years
        shifted = shifted_period(q, prev, self.assistant.info, self._brief_months())
        if years or shifted is None:
            return years
        return shifted.years | frozenset(int(m[:4]) for m in shifted.months)

    def _the_other(self, prev: Turn, several: bool = False) -> Turn | None:
        """The recent list some of whose items were just discussed, narrowed to the items not
        discussed: one of two ("the other one"), or any number left (`several`: "the other ones",
        "the rest"); None if there is no such answer."""
        discussed = {c.item_id for c in prev.answer.citations}
        if not discussed or (len(discussed) != 1 and not several):
            return None
        recent = self.history[-self.assistant.settings.answer.followup_referent_turns:]
        for t in reversed(recent):
            ids = {c.item_id for c in t.answer.citations}
            left = [c for c in t.answer.citations if c.item_id not in discussed]
            if t.answer.answerable and discussed < ids and (len(left) == 1 or several):
                return replace(t, answer=replace(t.answer, citations=left))
        return None

    def _pair(self, prev: Turn) -> Turn:
        """"the two" after an answer on one item: that item and the one item of the latest answer
        before it on another, as if both had just been cited (earlier first); else the last answer."""
        if len(prev.answer.citations) != 1:
            return prev
        mine = prev.answer.citations[0]
        recent = self.history[-self.assistant.settings.answer.followup_referent_turns:]
        for t in reversed(recent):
            others = [c for c in t.answer.citations if c.item_id != mine.item_id]
            if t is prev or not t.answer.answerable or not others:
                continue
            return replace(prev, answer=replace(prev.answer, citations=[others[0], mine])) if len(others) == 1 else prev
        return prev

    def _by_date(self, prev: Turn, later: bool) -> Turn:
        """"the later one": of the dated items the recent answers cited, the latest (or earliest),
        as if it alone had been cited; the last answer if they do not differ in date."""
        recent = [t for t in self.history[-self.assistant.settings.answer.followup_referent_turns:] if t.answer.answerable]
        cited = {c.item_id: (t, c) for t in recent for c in t.answer.citations if c.date}
        if len({c.date for _, c in cited.values()}) < 2:
            return prev
        pick = (max if later else min)(cited.values(), key=lambda tc: tc[1].date)
        return replace(pick[0], answer=replace(pick[0].answer, citations=[pick[1]]))

    def _discussed(self, prev: Turn) -> Turn:
        """The last answer, or the items of it that a question since then was about: a detail one
        item lacked ("the pilots - how many cities?") still discussed that item."""
        last = self.history[-1] if self.history else None
        ids = set(last.answer.related) if last is not None and not last.answer.answerable else set()
        picked = [c for c in prev.answer.citations if c.item_id in ids]
        if not picked or len(picked) == len(prev.answer.citations):
            return prev
        return replace(prev, answer=replace(prev.answer, citations=picked))

    def _last_list(self, row: int) -> Turn | None:
        """The latest answer with more than one item, if it has that row (and is recent)."""
        recent = self.history[-self.assistant.settings.answer.followup_referent_turns:]
        return next((t for t in reversed(recent) if t.answer.answerable and len(t.answer.citations) >= 2
                     and -1 <= row < len(t.answer.citations)), None)

    def last_answered(self) -> Turn | None:
        return next((t for t in reversed(self.history) if t.answer.answerable), None)

    def reset(self) -> None:
        self.history.clear()


def _item_text(a: Answerer, item_id: str) -> str:
    """An item the conversation cited, as text; "" once its brief was removed."""
    try:
        return a.item(item_id).full_text()
    except KeyError:
        return ""


def _cited_text(a: Answerer, prev: Turn) -> str:
    """The items the previous answer cited, as text."""
    return " ".join(_item_text(a, c.item_id) for c in prev.answer.citations)


def _name_text(a: Answerer, item_id: str) -> str:
    """What names an item the conversation cited: a Top-5 item's headline and policy, a news item's line."""
    try:
        it = a.item(item_id)
    except KeyError:
        return ""
    return f"{it.headline} {it.policy}" if it.kind == "top5" else it.full_text()


def _has_comment(a: Answerer, item_id: str) -> bool:
    try:
        return bool(a.item(item_id).comment)
    except KeyError:
        return False


def _of_years(prev: Turn, years: frozenset[int]) -> Turn:
    """"who issued the 2022 one?" after an answer citing a 2021 and a 2022 item: the year picks
    the cited items dated in it, as if only they had been cited."""
    cited = prev.answer.citations
    picked = [c for c in cited if c.date and int(c.date[:4]) in years]
    if not years or not 0 < len(picked) < len(cited):
        return prev
    return replace(prev, answer=replace(prev.answer, citations=picked))


def _years_in_cited(p: QueryPlan, prev: Turn, a: Answerer) -> bool:
    """Every year the follow-up names is written in the items the previous answer cited."""
    cited = _cited_text(a, prev)
    return bool(cited) and all(str(y) in cited for y in p.filters.years)


def _points_to_item(question: str) -> bool:
    """"Does it…", "this plan": a pronoun or a definite item noun for something already discussed
    ("the same sort of company", "such rules", "were there…" point at no item)."""
    return any(not POINTS_AT_NO_ITEM.search(m[0]) for m in ANAPHORA.finditer(question))


def _open_question(p: QueryPlan) -> bool:
    """A question that names no period, issuer or item of its own."""
    f = p.filters
    return not (f.years or f.brief_months or f.ranges or f.date_from or f.date_to or f.item_ids or p.compare
                or p.issuer_keys or p.named_items or p.enumerate or p.uncovered)


def _mostly_known(topic: str, weights: dict[str, float]) -> bool:
    """At least half of the question's words occur in the corpus (a football question's do not;
    "how many headsets should be sold?" writes "sold" for the briefs' "sell")."""
    return bool(weights) and sum(1 for w in weights.values() if w == 0) / len(weights) <= 0.5


def _a_detail(question: str, own_terms: list[str], max_words: int) -> bool:
    """"Where is the plant?", "how many jobs?": so few words of its own name a detail of what was
    just discussed, not a new subject."""
    return len(question.split()) <= max_words and len(own_terms) <= 1


def _points_at_cited(ans: Answer, prev: Turn, top: int) -> bool:
    """The question alone already ranks an item the previous answer cited among its best few:
    "how long does the assessment take?" after the data-transfer answer is about that item;
    "the rules for chip firms" after a battery answer is a new topic the briefs lack."""
    ranked = [g.item_id for g in group_items(ans.retrieved)[:top]]
    return bool(set(ranked) & {c.item_id for c in prev.answer.citations})


