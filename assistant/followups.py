"""Follow-ups resolved against the previous turn: pure functions from (question plan, previous
turn) to the plan actually answered. "who issued it?" narrows to the items just cited, "and in
2021?" keeps the topic in a new period, "what other chip news…?" excludes what was cited."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import NamedTuple

from .answertypes import asked_noun
from .lexicon import (ASKS_ORDER, ANAPHORA, CONTINUATION, DEFINITE_HEAD, INSTRUMENT, FACET_ASSESSMENT, FACET_SOURCE, INTENT_WORDS, ISSUER_ANAPHORA, JUDGED_PREDICATE, NARROWING, ORDINAL, OTHER, OTHER_PERIOD, PRO_ONE, QUOTED_TITLE, RELATIVE_SHIFT, SAME_BRIEF, SAME_DAY, Rule,
                      WHICH_OF_CITED, YEAR_TERM)
from .models import Answer
from .query import CorpusInfo, Filters, QueryPlan, is_list_word as _list_word, is_topic_switch, only_kinds, plan, without_gloss, without_kinds
from .text import content_terms


@dataclass
class Turn:
    question: str
    plan: QueryPlan
    answer: Answer


def plan_turn(question: str, info: CorpusInfo, prev: Turn | None, brief_months: dict[str, str],
              alone: QueryPlan | None = None, **explicit) -> QueryPlan:
    """The plan of a chat turn: the question's own (`alone`, if the caller planned it already),
    resolved against the last answered turn when it points back to it."""
    p = alone if alone is not None and not explicit else plan(question, info, **explicit)
    named = name_issuer(question, prev, info)
    if named != question:
        question, p = named, plan(named, info, **explicit)
    if prev is None:
        return p
    kinds = only_kinds(question)
    if kinds and len(prev.answer.citations) >= 2 and not asks_other(question):  # "what other news…?" wants more
        # "the news ones only" after a list: the same list, of those kinds; "and the Top 5 ones?"
        # right after is of the list that was restricted, not of its news items
        f = prev.plan.filters
        ids = f.item_ids if f.item_ids and f.kinds and prev.plan.enumerate else frozenset(c.item_id for c in prev.answer.citations)
        return replace(prev.plan, question=question, enumerate=True, either=(),
                       filters=replace(f, kinds=kinds, item_ids=ids))
    kinds_of_company = company_kinds_only(question, info) if prev.plan.enumerate and len(prev.answer.citations) >= 2 else ()
    if kinds_of_company:
        # "the French ones only" after a list: the same list, of companies of that kind
        return replace(prev.plan, question=question, enumerate=True, either=(),
                       company_kinds=prev.plan.company_kinds + kinds_of_company,
                       filters=replace(prev.plan.filters, item_ids=frozenset(c.item_id for c in prev.answer.citations)))
    # "the steel one - who else signed it?" picks an item just cited by its words: it is
    # about that item, and "else" asks for more of that item's parties, not for other items
    picks = _picks_cited(question, p, prev)
    if not picks and (not is_followup(question, p) or _whole_list(p) or _names_another_instrument(question, prev)):
        if asks_other(question) and prev.answer.citations:
            # "what else did MIIT put out in 2021?" names its own subject, minus what was just cited
            return p.with_filters(exclude_ids=p.filters.exclude_ids | {c.item_id for c in prev.answer.citations})
        return p
    p = replace(p, enumerate=False)  # about what was just answered, not a fresh list over the table
    p = shift_period(p, prev, info, brief_months)
    kinds = {c.kind for c in prev.answer.citations}
    if PRO_ONE.search(question) and len(kinds) == 1 and not p.filters.kinds:  # "the 2022 one": the same kind of item
        p = p.with_filters(kinds=frozenset(kinds))
    if asks_other(question) and not picks:
        return resolve_other(p, prev, brief_months)
    # "are German firms active in that sector?" points back to the item ("that month" does not)
    new_kind = _new_kind_of_company(p, prev, info) and not ANAPHORA.search(_without_periods(question))
    named = frozenset(info.agencies.find(_cited_lines(prev))) if info.agencies is not None else frozenset()
    return resolve(p, prev, new_kind=new_kind, bodies_named=named)


def _whole_list(p: QueryPlan) -> bool:
    """"and for 2023, the Top 5 items with several issuers?": a list question with a period, a
    kind of item and a selection of its own asks everything itself; only its opening word
    continues the conversation."""
    return (p.enumerate and names_period(p) and bool(p.filters.kinds)
            and bool(p.multi_issuer or p.issuer_keys or p.company_kinds or topic_terms(p)))


def _cited_lines(prev: Turn) -> str:
    """What the previous answer cited, as its headlines and quoted lines."""
    return " ".join(f"{c.headline} {c.quote}" for c in prev.answer.citations)


def names_new_company(p: QueryPlan, text: str) -> bool:
    """The question names a company ("Renault?") that the text never mentions, by any of its names."""
    low = text.lower()
    return bool(p.company_names) and not any(n.lower() in low for n in p.company_names)


def _new_kind_of_company(p: QueryPlan, prev: Turn, info: CorpusInfo) -> bool:
    """"did a Japanese firm pull back that week?" after a ministry's plan: a kind of company the
    items just cited name none of is a new subject."""
    if not p.company_kinds or info.companies is None:
        return False
    return not {k for k, _ in p.company_kinds} & info.companies.categories_of(_cited_lines(prev))


def one_item(question: str) -> re.Match | None:
    """"the steel one", "the IP one": a singular "the … one" naming one item ("the other one" and
    "the German ones" name none)."""
    one = PRO_ONE.search(question)
    return one if one and not one[0].lower().startswith("other") and not one[0].lower().endswith("ones") else None


def _head_fit(head: str, prev: Turn) -> tuple[int, int]:
    """How many of a definite noun phrase's own words there are, and how many the items just cited
    write ("plan", "notice" name a kind of instrument, not which one)."""
    own = {t for t in content_terms(INSTRUMENT.sub(" ", head)) if t not in INTENT_WORDS}
    return len(own), len(own & set(content_terms(_cited_lines(prev))))


def _names_another_instrument(question: str, prev: Turn) -> bool:
    """"and the steel standards - when do they apply?" after a chip plan: a policy named by a definite
    noun phrase whose words the items just cited mostly lack is a new subject, whatever pronoun follows."""
    head = DEFINITE_HEAD.search(question)
    if not head or not INSTRUMENT.search(head["head"]):
        return False
    n, cited = _head_fit(head["head"], prev)
    return n > 0 and 2 * cited <= n


def _picks_cited(question: str, p: QueryPlan, prev: Turn) -> bool:
    """"the steel one": "the … one" with words of its own, at least half of which the items
    just cited write; so does "the steel standards - …", a definite noun phrase set before the question,
    if more than half of its words are theirs."""
    head = DEFINITE_HEAD.search(question)
    if head and not one_item(question):
        n, cited = _head_fit(head["head"], prev)
        return n > 0 and 2 * cited > n
    own = set(topic_terms(p)) if one_item(question) else set()
    return bool(own) and 2 * len(own & set(content_terms(_cited_lines(prev)))) >= len(own)


def company_kinds_only(question: str, info: CorpusInfo) -> tuple[tuple[str, str], ...]:
    """"the German ones", "only the state-owned ones": the kinds of company a question names by a
    pronoun "ones" for the companies just listed, when it names nothing else; else ()."""
    if info.companies is None or not re.search(r"\bones\b", question, re.I):
        return ()
    text = re.sub(r"\bones\b", "companies", question, flags=re.I)
    found = info.companies.categories_in(text)
    rest = text
    for _, a, b in sorted(found, key=lambda x: -x[1]):
        rest = rest[:a] + " " + rest[b:]
    left = [w for w in re.findall(r"[\w'’-]+", rest) if content_terms(w) and not _list_word(w.lower())]
    return tuple((k, text[a:b]) for k, a, b in found) if found and not left else ()


def name_issuer(question: str, prev: Turn | None, info: CorpusInfo) -> str:
    """"What else did this agency publish in 2021?" → "… did CAC publish …": the body that issued
    the item just discussed, when it is one body, written in; else the question unchanged."""
    cited = prev.answer.citations if prev is not None else []
    m = ISSUER_ANAPHORA.search(question) if cited and info.agencies is not None else None
    if not m:
        return question
    # a news line names its actor in its own sentence, not in an issuer field
    keys = list(cited[0].issuers) or info.agencies.find(f"{cited[0].headline} {cited[0].quote}")[:1]
    if len(keys) != 1:
        return question
    # spaced, so the name stays a word of its own beside Chinese text and figures ("该机构2021年")
    return f"{question[:m.start()]} {info.agencies.label(keys[0])} {question[m.end():]}".strip()


def shift_period(p: QueryPlan, prev: Turn, info: CorpusInfo, brief_months: dict[str, str] | None = None) -> QueryPlan:
    """"a year later?" after a question about November 2021 asks about 2022, "the other brief" about
    the brief not discussed: the shift counts from the periods just discussed (asked, else those of
    the items cited)."""
    shifted = shifted_period(p.question, prev, info, brief_months or {})
    if shifted is None:
        return p
    years, months, missing, rule = shifted
    # a period the conversation points to is asked for, not a year the text might merely mention
    return replace(p, filters=replace(p.filters, years=years, brief_months=months), explicit=True,
                   topic=rule.sub(" ", p.topic),  # "a year later" is the period, not the topic
                   uncovered=tuple(u for u in p.uncovered if not u.isdigit()) + missing)


class Shift(NamedTuple):
    """A period named relative to the conversation's: as years or as briefs (by month)."""

    years: frozenset[int]
    months: frozenset[str]
    missing: tuple[str, ...]  # periods the briefs do not cover ("the previous brief" of the first)
    rule: Rule  # the lexicon rule that matched: its words are the period, not the topic


def shifted_period(question: str, prev: Turn, info: CorpusInfo, brief_months: dict[str, str]) -> Shift | None:
    """The period a relative follow-up points to; None if the question names no relative period
    or nothing was discussed."""
    f = prev.plan.filters
    m = RELATIVE_SHIFT.search(question)
    if m:
        delta = 1 if (m["later"] or m["later2"] or m["later3"]) else -1
        base = set(f.years) | {int(k[:4]) for k in f.brief_months} or {int(c.date[:4]) for c in prev.answer.citations if c.date}
        if not base:
            return None
        years = frozenset(y + delta for y in base)
        return Shift(years, frozenset(), tuple(str(y) for y in sorted(years) if y not in info.years), RELATIVE_SHIFT)
    m = OTHER_PERIOD.search(question)
    if not m:
        return None
    months = sorted(info.brief_months)
    base = set(f.brief_months) or {k for k in months if int(k[:4]) in f.years} \
        or {brief_months[c.brief] for c in prev.answer.citations if c.brief in brief_months}
    if not base:
        return None
    if m["earlier"] or m["cnearlier"]:
        target = [k for k in months if k < min(base)][-1:]
    elif m["later"] or m["cnlater"]:
        target = [k for k in months if k > max(base)][:1]
    else:
        target = [k for k in months if k not in base]
    if not target:  # nothing before the first brief: that period is not covered
        return Shift(frozenset(), frozenset(), (m[0],), OTHER_PERIOD)
    if m["year"] or "年" in m[0]:
        return Shift(frozenset(int(k[:4]) for k in target), frozenset(), (), OTHER_PERIOD)
    return Shift(frozenset(), frozenset(target), (), OTHER_PERIOD)


def points_to_period(question: str) -> bool:
    """"a year later", "the other brief": a period named relative to the conversation's."""
    return bool(RELATIVE_SHIFT.search(question) or OTHER_PERIOD.search(question))


def asks_other(question: str) -> bool:
    """"What other chip news…?", "anything else?": more of the topic, beyond what was cited ("the
    other brief" names a period, not more items)."""
    return bool(OTHER.search(QUOTED_TITLE.sub(" ", OTHER_PERIOD.sub(" ", question))))  # a quoted name's words ask nothing


def topic_terms(p: QueryPlan) -> list[str]:
    asked = asked_noun(p.question)
    # "the second one", "item 2" point at a row of the last answer: no topic
    m = ORDINAL.search(p.question)
    pointer = set(content_terms(m[0])) if m else set()
    pointer |= {t for order in ASKS_ORDER.finditer(p.question) for t in content_terms(order[0])}  # asks for dates
    # a Chinese question's topic is what the glossary put in English: "它的中文名称是什么？" names none
    # Chinese terms the glossary knows are in the topic in English; the characters left are phrasing
    # ("MERICS怎么看？"), in a mixed question as in a Chinese one
    cjk = bool(re.search(r"[\u3400-\u9fff]", p.question))
    # "that same day" is a time, not a subject; "narrow it down" asks for fewer of the same
    topic = NARROWING.sub(" ", SAME_BRIEF.sub(" ", SAME_DAY.sub(" ", without_kinds(p.topic))))
    judged = JUDGED_PREDICATE.search(p.question) if p.intent == "comment" else None
    if judged:
        asked = asked | set(content_terms(judged["judgment"]))
    if p.intent == "comment":
        # "is MERICS convinced…", "how does MERICS judge…": the words asking for the view are no subject
        topic = FACET_ASSESSMENT.sub(" ", topic)
    topic = FACET_SOURCE.sub(" ", topic)  # "source?" asks for a part of the item, like "who issued it?"

    def own(text: str) -> list[str]:
        # a year that is no filter ("2025 target?") is a value the item states, not a subject
        return [t for t in content_terms(text) if t not in INTENT_WORDS and t not in asked and t not in pointer
                and not (cjk and re.search(r"[\u3400-\u9fff]", t)) and not YEAR_TERM.fullmatch(t)]
    # the planner's gloss ("R&D (research and development)") spells out words the question has
    # already: counted, "R&D" would be three words of its own; a question only in Chinese has its
    # words there
    return own(without_gloss(topic)) or own(topic)


def is_followup(question: str, p: QueryPlan) -> bool:
    """Short questions that point back ("it", "that", "and in 2021?") rather than name a topic."""
    if is_topic_switch(question):  # "Different topic: …" is never about the last answer
        return False
    f = p.filters
    if ((p.enumerate or p.intent == "overview") and (f.years or f.brief_months or f.kinds) and not ANAPHORA.search(question)
            and not CONTINUATION.search(question) and not WHICH_OF_CITED.search(question)):
        return False  # "how many news items in 2021?" asks for a list of its own, however short
    # a Chinese word is about two characters, and Chinese writes no spaces between words
    words = _LATIN_WORD.findall(question) + re.findall(r"[\u3400-\u9fff]{2}", question)
    new_terms = topic_terms(p)
    # a question asking for one facet (MERICS's view, the measures) and naming no subject of its own
    # is about what was just discussed, however many words it takes
    if (CONTINUATION.search(question) or (not new_terms and (len(words) <= 5 or p.intent not in ("general", "overview")))
            or ordinal(question) is not None
            or (PRO_ONE.search(question) and not new_terms)  # "no - rather the 2022 one": "one" is the noun just used
            or SAME_DAY.search(question)
            or OTHER_PERIOD.search(question)  # "the other brief" only has a meaning in a conversation
            or (WHICH_OF_CITED.search(question) and len(new_terms) <= 2)):
        return True  # "and in 2021?", "When?", "Why?", "the main worry?", "which is stricter?"
    return bool(ANAPHORA.search(question)) and (len(words) <= 12 or len(new_terms) <= 2)


# a run of non-CJK text holding a letter or digit ("MERICS", "2021"): Chinese characters beside it are counted apart
_LATIN_WORD = re.compile(r"[^\s\u3400-\u9fff]*[^\W\u3400-\u9fff][^\s\u3400-\u9fff]*")


_NTH = {w: i for i, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth".split())}


def ordinal(question: str) -> int | None:
    """The row a follow-up points at ("the second one" → 1, "the last one" → -1), else None."""
    m = ORDINAL.search(question)
    if not m:
        return None
    if m["num"]:
        return int(m["num"]) - 1
    if m["cn"] or m["cnlast"]:
        return -1 if m["cnlast"] else "一二三四五六七八九十".index(m["cn"])
    nth = (m["nth"] or m["bare"]).lower()
    return -1 if nth == "last" else _NTH.get(nth, int(re.sub(r"\D", "", nth) or 1) - 1)


def pointed_at(k: int, prev: Turn | None) -> Turn | None:
    """The last turn narrowed to its row k ("the second one": 1), if it has that row."""
    if prev is None or len(prev.answer.citations) < 2 or not -1 <= k < len(prev.answer.citations):
        return prev
    return replace(prev, answer=replace(prev.answer, citations=[prev.answer.citations[k]]))


def names_period(p: QueryPlan) -> bool:
    """The plan has a period (or other filter) of its own, or compares periods."""
    return p.filters != Filters(kinds=p.filters.kinds) or bool(p.compare)


def resolve(p: QueryPlan, prev: Turn, new_kind: bool = False, bodies_named: frozenset[str] = frozenset()) -> QueryPlan:
    """Carry the previous topic; narrow to its cited items unless the follow-up changes period.
    `new_kind`: the question names a kind of company the cited items do not; `bodies_named`: the
    issuing bodies the cited lines name, by their full names too."""
    topic = f"{prev.plan.topic} {p.topic}".strip()
    changes_period = names_period(p)
    cited = _cited_lines(prev).lower()
    cited_issuers = {k for c in prev.answer.citations for k in c.issuers} | bodies_named
    new_issuer = p.issuer_keys and not any(k in cited_issuers or k.lower() in cited for k in (*p.issuer_keys, *p.issuers))
    if names_new_company(p, cited) or new_issuer or new_kind:
        # "And Tesla's plans that month?": a company (or issuing body) the last answer did not name
        # is the new subject, in the period just discussed unless the question names its own.
        f = p.filters if changes_period else replace(prev.plan.filters, item_ids=frozenset(), kinds=p.filters.kinds)
        if SAME_DAY.search(p.question):
            f = _same_day(f, prev)  # "and Baidu, that same day?": the day of what was cited, not its words
        return replace(p, topic=_without_periods(p.topic), filters=f,
                       intent=p.intent if p.intent != "general" else prev.plan.intent)
    if (PRO_ONE.search(p.question) and topic_terms(p) and not changes_period
            and (len(prev.answer.citations) >= 2 or _picks_cited(p.question, p, prev))):
        # "and when did the VR one come out?" after a list: its words pick among the items just cited
        # (or the one the conversation's earlier answers point to)
        return narrow_to_cited(p, prev, own_topic=True, choose=True)
    if ordinal(p.question) is not None and not changes_period:
        # "and the first - who are the firms?": the row pointed at is the subject, whatever words follow
        return narrow_to_cited(p, prev, own_topic=bool(topic_terms(p)))
    period_only = SAME_BRIEF.search(p.question) or SAME_DAY.search(p.question)
    if CONTINUATION.search(p.question) and topic_terms(p) and not ANAPHORA.search(_without_periods(p.question)):
        # "And the 2021 ICT plan?": a new topic asked the same way; keep the question's intent
        # (a brief's overview is no way of asking about one topic). "that month" points back to a
        # period, not to the item: the new topic in the year of what was cited.
        kept = prev.plan.intent if prev.plan.intent != "overview" else "general"
        years = frozenset(int(c.date[:4]) for c in prev.answer.citations if c.date)
        f = replace(p.filters, years=years) if period_only and years and not changes_period else p.filters
        return replace(p, intent=p.intent if p.intent != "general" else kept, filters=f)
    if (changes_period and prev.plan.enumerate and not topic_terms(p)
            and (CONTINUATION.search(p.question) or NARROWING.search(p.question))):
        # "and in 2022?", "narrow that to 2022" after a list: the same list in that period
        return replace(prev.plan, question=p.question, filters=replace(p.filters, kinds=p.filters.kinds or prev.plan.filters.kinds),
                       month_ranges=p.month_ranges, uncovered=p.uncovered, compare=p.compare)
    if changes_period:
        # "and in 2021?": same topic, new period, fresh retrieval over the whole corpus.
        own = len(topic_terms(p)) >= 2  # a follow-up with two topic words of its own names its topic
        carried = p.topic if own else prev.plan.topic if CONTINUATION.search(p.question) else topic
        # "what about the 2021 one?" names a period and nothing else: not the 2021 brief's overview
        asks_own = p.intent not in ("general", "overview") or (own and p.intent == "overview")
        p = replace(p, topic=carried, intent=p.intent if asks_own else prev.plan.intent)
        if carried is prev.plan.topic:
            # the question asked again of another period: the kind of company it asked about too
            p = replace(p, company_kinds=p.company_kinds or prev.plan.company_kinds)
        return p
    # "which of them is about solar?": the words that tell the cited items apart, not the topic they
    # share, choose among them
    own = topic_terms(p)
    if own and WHICH_OF_CITED.search(p.question):
        return narrow_to_cited(p, prev, own_topic=True, choose=True)
    return narrow_to_cited(p, prev, own_topic=len(own) >= 2)


def _without_periods(question: str) -> str:
    """The question without "that month", "the same day": they point back to a time, not to an item."""
    return SAME_BRIEF.sub(" ", SAME_DAY.sub(" ", question))


def _same_day(f: Filters, prev: Turn) -> Filters:
    """The filters restricted to the day(s) of the items just cited."""
    days = [int(c.date.replace("-", "")) for c in prev.answer.citations if c.date]
    return replace(f, date_from=min(days), date_to=max(days)) if days else f


def resolve_other(p: QueryPlan, prev: Turn, brief_months: dict[str, str]) -> QueryPlan:
    """"Was there other EV news in that brief?": the question's own topic (or the previous one),
    in the period it points to, excluding the items already cited."""
    cited = prev.answer.citations
    f = p.filters
    period = bool(SAME_DAY.search(p.question) or SAME_BRIEF.search(p.question))
    if SAME_DAY.search(p.question):
        f = _same_day(f, prev)
    elif SAME_BRIEF.search(p.question):
        f = replace(f, brief_months=frozenset(brief_months[c.brief] for c in cited if c.brief in brief_months))
    own = SAME_BRIEF.sub(" ", SAME_DAY.sub(" ", p.topic))  # the period is now a filter, not a topic
    topic = own if topic_terms(replace(p, topic=own)) else prev.plan.topic
    if not period and f == Filters(kinds=f.kinds) and topic is prev.plan.topic:
        # "anything else?": more of the same, where it was found; a subject of its own ("another
        # state firm, in the steel item?") is searched wherever it is
        f = replace(prev.plan.filters, kinds=f.kinds or prev.plan.filters.kinds, item_ids=frozenset())
    f = replace(f, exclude_ids=frozenset(c.item_id for c in cited))
    if period and topic is prev.plan.topic:
        # "anything else from that day?" names a period and no subject: everything else in it
        return replace(p, topic="", table_topic="", filters=f, compare=(), enumerate=True)
    return replace(p, topic=topic, filters=f, compare=())


def narrow_to_cited(p: QueryPlan, prev: Turn, own_topic: bool = False, choose: bool = False) -> QueryPlan:
    """The question about the items the previous answer cited, with both turns' topic words, or
    with its own words only when it has some: the cited items already carry the old topic, and
    a follow-up asking for one figure of those items must rank that figure's sentence, not the old topic's."""
    topic = p.topic if own_topic else f"{prev.plan.topic} {p.topic}".strip()
    cited = frozenset(c.item_id for c in prev.answer.citations)
    if not cited:
        return replace(p, topic=topic)
    filters = replace(prev.plan.filters, item_ids=cited)
    # The question points at these items: they need no similarity to it (the session checks that
    # its own words are in them); one that `choose`s among them is answered by those that fit it best.
    return replace(p, topic=topic, filters=filters, compare=(), named_items=tuple(cited), choose=choose)
