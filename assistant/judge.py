"""Every abstention decision in one place: is the evidence relevant, does it hold the kind of
value asked for, are the asked periods and names covered. Returns a Verdict with its reason."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from enum import Enum

from .answertypes import DESCRIBE, GATE_ONLY, Names, answer_type, asked_noun, holds, number_spans, value_head
from .evidence import ItemHits, Scorer, header_text, candidate_units
from .followups import topic_terms
from .agencies import stated_issuer_count
from .lexicon import (ACRONYM_IN_TEXT, ASKS_EMBEDDED, DO_AUXILIARY, LIST_SEPARATOR, TARGET_AS_VERB, TARGET_KIND_WORDS, TARGET_OF, YEAR_TERM, OFFERED_VALUES, QUOTED_PHRASE, COUNTRY_FORMS, FIGURE_PARTS, PROVISION_SCOPE, ASKS_COUNT_OF, COUNT_GLUE, MEASURE_UNITS, CODE_TERM, EXISTENCE_VAGUE, NAMING_VERBS, ASKS_CURRENT, ASKS_EXISTENCE, ASKS_THERE, ASKS_ISSUER_NAMES, ASKS_PROVISION, ASKS_SPAN, ASKS_TARGETS, COUNTRIES,
                      FACET_NOUNS, FRAME_YEAR, INTENT_WORDS, HAS_BASELINE, MONTH_NAMES, PLACES, POLICY_TITLE, QUESTION_PARTS, TARGET_SENTENCE,
                      VALUE_CLAUSE)
from .query import QueryPlan
from .settings import AnswerSettings
from .text import content_terms, mostly_chinese


class Reason(str, Enum):
    ANSWERED = "answered"
    UNCOVERED_PERIOD = "uncovered_period"  # a period no brief covers
    NOTHING_RELEVANT = "nothing_relevant"  # no retrieved item is about the question
    UNKNOWN_NAME = "unknown_name"  # the question is about someone the briefs never name
    VALUE_MISSING = "value_missing"  # the item is on topic but does not give the asked-for value
    NOT_IN_CITED = "not_in_cited"  # a follow-up the items discussed so far do not cover
    EMPTY_SELECTION = "empty_selection"  # a list question whose constraints match no item
    NONE_ON_TOPIC = "none_on_topic"  # a list question whose selected items are not about its topic


@dataclass(frozen=True)
class Verdict:
    answerable: bool
    reason: Reason
    message: str = ""


ANSWERED = Verdict(True, Reason.ANSWERED)


def item_coverage(item: ItemHits, scorer: Scorer) -> float:
    return scorer.coverage(item.text() + "\n" + header_text(item.meta))


def answerable(item: ItemHits, scorer: Scorer, s: AnswerSettings, strict: bool = False) -> bool:
    """Calibrated on eval/questions.jsonl: relevant if semantically close or lexically covered.

    `strict`, for answers found only after widening past the asked dates: the weakest (both-moderate)
    rule is dropped, and a close meaning with few shared words must still hold the question's most
    specific word."""
    item_text = item.text() + "\n" + header_text(item.meta)
    cover = scorer.coverage(item_text)
    if not scorer.dense_known:
        return cover >= s.min_coverage_strong
    d = item.dense
    return ((d >= s.min_dense_strong and cover >= s.min_coverage_floor and (not strict or scorer.has_rarest(item_text)))
            or cover >= s.min_coverage_alone
            or (cover >= s.min_coverage_strong and d >= s.min_dense_floor)
            or (not strict and d >= s.min_dense and cover >= s.min_term_coverage and scorer.has_rarest(item_text))
            or headline_similarity(item, scorer) >= s.min_headline_similarity)


def stands_out(items: list[ItemHits], scorer: Scorer, s: AnswerSettings) -> ItemHits | None:
    """The item far closer in meaning to the question than any other, and close to its headline:
    what a paraphrase with none of the brief's words (a firm described, not named) is
    about. None if no item stands out so."""
    if not scorer.dense_known or len(items) < 2:
        return None
    first, second = sorted(items, key=lambda it: -it.dense)[:2]
    if (first.dense >= s.standout_min_dense and first.dense - second.dense >= s.standout_margin
            and headline_similarity(first, scorer) >= s.standout_min_headline):
        return first
    return None


def headline_similarity(item: ItemHits, scorer: Scorer) -> float:
    """How close the question is in meaning to what the item is called (headline, policy name):
    a paraphrase that shares no words with the brief ("rely more on machines") still names it."""
    it = item.item
    if it is None or scorer.similarity is None:
        return 0.0
    names = [n for n in (it.headline, it.policy) if n]
    return max(scorer.similarity(names), default=0.0)


def _focused(scorer: Scorer, question: str) -> Scorer:
    focus = _focus(question)
    return scorer.restricted(focus.__contains__) if len(focus) >= 2 else scorer


def gives_value(item: ItemHits, scorer: Scorer, plan: QueryPlan, ratio: float,
                best: tuple[float, float] | None = None, window: int = 6, head_share: float = 0.5,
                names: Names | None = None) -> bool:
    """Does the item state the asked kind of value (plan.answer_type) in a sentence nearly as
    on-topic as the best sentence (the item's own, or `best` across all candidate items), with any
    year the question names as content?

    The best-matching sentence of an on-topic item often states other figures than the one asked
    for; those answer other questions. So do figures of another item about a neighbouring topic.
    On-topic is read two ways, and either will do: with all the question's words, and without the
    words naming the item (its lead repeats them; the sentence holding the value need not)."""
    kind = plan.answer_type
    if kind == "reason" and item.item is not None and item.item.comment:
        return True  # an item's MERICS comment says why it matters and why it was done
    units = candidate_units(item, "numeric")
    if kind == "deadline" and item.item is not None and item.item.policy and ASKS_SPAN.search(plan.question):
        units = [*units, ("meta", item.item.policy)]  # "…Action Plan (2022-2026)": the plan's span is in its name
    if not units:
        return False
    focused = _focused(scorer, plan.question)
    readings = (focused, _without_name(focused, item, plan.value_head))
    covers = [[sc.coverage(u) for _, u in units] for sc in readings]
    bests = [max(c, default=0.0) for c in covers] if best is None else list(best)
    if kind in GATE_ONLY and item.meta.get("kind") == "top5":
        # a name or place has no figure to stand next to: its sentence must be about what the
        # question asks beyond the item's name ("India" of a sentence on supply-chain reviews does
        # not say where the plan's production centres will be). A news item is one sentence: its
        # name is all of it.
        covers, bests = covers[1:], bests[1:]
    if mostly_chinese(plan.question):
        bests = [0.0, 0.0]  # a Chinese question matches no English sentence word by word: its year and type decide
    item_year = str(item.meta.get("year", ""))
    # Chinese writes a year against its characters ("到2025年"): digits bound it, not \b
    years = {y for y in re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", plan.question) if y != item_year}
    frame = " ".join(u for sec, u in units if sec == "glance" and u.rstrip().endswith(":"))
    named = scorer.terms_in(header_text(item.meta))
    distinct = frozenset(t for t in plan.value_head if t not in named) & scorer.terms_in(item.text())
    deadline_of = {t for t in plan.value_head if t not in named}  # what must end, beyond the item's name
    current = kind != "deadline" and bool(ASKS_CURRENT.search(plan.question))
    news = item.meta.get("kind") != "top5"
    # "are any firms named in it?" of the item the conversation chose: a question naming only the
    # party or place it asks for points at no part of the item, so any sentence naming one answers
    anywhere = kind in GATE_ONLY and bool(plan.filters.item_ids) and not topic_terms(replace(plan, topic=plan.question))
    for i, (section, sent) in enumerate(units):
        context = sent + (" " + frame if section == "bullet" else "")
        if not anywhere and not any(c[i] >= ratio * b for c, b in zip(covers, bests)):
            continue
        if not holds(sent, kind, plan.question, section, names, news):
            # "Key goals for 2025 include:" dates every bullet under it: the deadline of a bullet
            # that says what the question asks beyond the item's name ("roughly 220 HIDZ")
            framed = (kind == "deadline" and section == "bullet" and FRAME_YEAR.search(frame)
                      and (scorer.terms_in(sent) & set(scorer.weights)) - named)
            if not framed:
                continue
        if kind == "deadline" and deadline_of and not deadline_of & scorer.terms_in(sent):
            continue  # the date something else must be done by
        if not names_company(context, plan.company_names):
            continue  # a share asked of one company: a share stated of the whole market is another value
        if current and TARGET_SENTENCE.search(sent) and not HAS_BASELINE.search(sent):
            continue  # a goal for 2025 does not say where things stand today
        # a value asked for each of several periods may sit in a sentence of its own per period
        dated = all(y in context for y in years) if len(years) < 3 else any(y in context for y in years)
        if dated and _near_head(sent, plan, focused, window, years, head_share, distinct):
            return True
    return False


def _without_name(scorer: Scorer, item: ItemHits, head: tuple[str, ...]) -> Scorer:
    """The question's words that locate a value within the item: the words naming the item
    ("the State Council's IP plan") pick the item, and its lead sentence repeats them, but the
    sentence that holds the value ("overseas patents from 40,000 to 90,000") need not."""
    named = scorer.terms_in(header_text(item.meta)) - set(head)
    # years are checked against each sentence's context apart from this (gives_value)
    narrowed = scorer.restricted(lambda t: t not in named and not re.fullmatch(r"(?:19|20)\d{2}", t))
    return narrowed if len(narrowed.weights) >= 2 else scorer


def names_company(text: str, names: tuple[str, ...]) -> bool:
    """Does the text name one of the question's companies (any of their names)? True if none asked."""
    if not names:
        return True
    low = text.lower()
    return any(re.search(r"(?<!\w)" + re.escape(n.lower()) + r"(?!\w)", low) if n.isascii() else n in text
               for n in names)


def _near_head(sentence: str, plan: QueryPlan, scorer: Scorer, window: int, years: set[str] = frozenset(),
               share: float = 0.5, distinct: frozenset[str] = frozenset()) -> bool:
    """Does a figure of the sentence stand within `window` words of what the question counts
    (and, when the sentence writes a year the question asks about, is it that year's figure)?"""
    if not plan.value_head or plan.answer_type not in ("figure", "percent", "money"):
        return True
    words = sentence.split()
    # A noun the briefs never write stands next to no figure: the value is not given (a wrong
    # figure is worse than "the briefs don't say").
    head = set(plan.value_head)
    spans = number_spans(sentence, plan.question)
    at_year = [j for j, w in enumerate(words) if any(y in w for y in years)]
    if at_year and spans and all(y in sentence for y in years):  # a year only the frame writes dates every figure
        # "CNY 350 billion (up from CNY 58.39 billion in 2021), and sell 25 million headsets": a
        # year belongs to the figure nearest to it; 2021's figure is 58.39 billion, not 25 million
        spans = sorted({min(spans, key=lambda i: abs(i - j)) for j in at_year})
    # What it counts stands by the figure, and the sentence holds most of the words that tell it
    # apart: "gigabit broadband users" are not "5G users". Those are the head's words the item
    # writes elsewhere but its name does not; a word the item never writes is the asker's phrasing.
    need = math.floor(len(distinct) * share) + 1 if distinct else 0  # more than that share
    if len(distinct & scorer.terms_in(sentence)) < need:
        return False
    if plan.answer_type == "figure" and ASKS_COUNT_OF.search(plan.question):
        spans = [i for i in spans if not _counts_other(words, i, head)]
    return any(head & scorer.terms_in(" ".join(words[max(0, i - window): i + window + 1])) for i in spans)


def _counts_other(words: list[str], i: int, head: set[str]) -> bool:
    """The figure at word i is a measure, not a count: "from 90 to 300 ExaFLOPS" of computing
    power is no number of data centers, "56 percent" no number of users."""
    j = i + 1
    while j < len(words) and (COUNT_GLUE.hit(words[j].lower().strip(",.;:")) or re.fullmatch(r"\d[\d,.]*", words[j].strip(",.;:()"))):
        j += 1
    unit = words[j].lower().strip(",.;:()") if j < len(words) else ""
    return MEASURE_UNITS.hit(unit) and not head & set(content_terms(unit))


def _focus(question: str) -> set[str]:
    """The question's terms after its value word ("Why did X act, and how much is at stake?": the
    clause after the value word; "how big" itself is no topic)."""
    m = VALUE_CLAUSE.search(question)
    return set(content_terms(m["rest"])) if m else set()


def topic_verdict(plan: QueryPlan, items: list[ItemHits], scorer: Scorer, s: AnswerSettings,
                  strict: bool = False, standout: ItemHits | None = None) -> Verdict:
    """Is the best retrieved item about the question at all? `standout`: the item stands_out found
    (placed first by the composer), which is about it by meaning alone."""
    if plan.uncovered:
        return Verdict(False, Reason.UNCOVERED_PERIOD, f"The briefs don't cover {', '.join(plan.uncovered)}.")
    title = POLICY_TITLE.search(plan.question)
    if title and not plan.named_items and not _titled(title["subject"], items[:s.judge_depth]):
        return Verdict(False, Reason.UNKNOWN_NAME, f"The briefs don't mention a {title[0]}.")
    # named exactly (a policy's Chinese title, a phrase quoted from it): no similarity needed
    named = bool(items) and (items[0].item_id in plan.named_items or quotes_item(plan.question, items[0]))
    if not items or not (named or (standout is not None and standout is items[0])
                         or answerable(items[0], subject_scorer(plan, scorer), s, strict)):
        return Verdict(False, Reason.NOTHING_RELEVANT)  # the composer says what was searched
    country = _country_unnamed(plan, items[0])
    if country and not named:
        # "an EU ban on chip tools?": another country's action is not a Chinese firm's chip line
        return Verdict(False, Reason.UNKNOWN_NAME, f"The briefs don't say anything about this for {country}.")
    places = plan.answer_type and any(PLACES.hit(n.lower()) or COUNTRIES.hit(n.lower()) for n in plan.unknown_names)
    if (plan.unknown_companies or places
            or (plan.unknown_names and item_coverage(items[0], scorer) < s.min_coverage_strong)):
        # The question is about someone the briefs never name; a similar-sounding item about
        # someone else ("Baidu's robotaxi licence" for Huawei's) would be a wrong answer. A
        # company is never incidental: "the order from Boeing" is not answered by Airbus's; nor is
        # a place a value is asked of: the country's figure is not that province's.
        return Verdict(False, Reason.UNKNOWN_NAME, f"The briefs don't mention {names_list(plan.unknown_names)}.")
    return ANSWERED


def subject_scorer(plan: QueryPlan, scorer: Scorer) -> Scorer:
    """The scorer without the words naming the issuing bodies the question names: "did MIIT issue
    anything on chips?" is about chips, and any MIIT item holds "MIIT"."""
    if not plan.issuers:
        return scorer
    named = set(content_terms(" ".join(plan.issuers)))
    named |= {t for acronym, words in scorer.synonyms if acronym in named for t in words}
    return scorer.restricted(lambda t: t not in named)


def _country_unnamed(plan: QueryPlan, item: ItemHits) -> str:
    """A country the question names (not as a kind of company: "US firms") that the item never
    mentions in any form; "" if none."""
    kinds = " ".join(w for _, w in plan.company_kinds).lower()
    text = (item.item.full_text() if item.item else item.text()).lower()
    for m in re.finditer(r"[A-Za-z]+", plan.question):
        word = m[0].lower()
        if word not in COUNTRY_FORMS or not COUNTRIES.hit(word) or word in kinds.split():
            continue
        if word == "us" and m[0] != "US":
            continue  # the pronoun
        if not any(re.search(rf"\b{re.escape(f)}\b", text) for f in COUNTRY_FORMS[word]):
            return m[0]
    return ""


def quotes_item(question: str, item: ItemHits) -> bool:
    """The question quotes a phrase of two or more words that the item writes, word for word
    (up to inflection): "the 'little giants'" names the item that speaks of "little giant" firms."""
    return writes_quoted(question, item.item.full_text() if item.item else item.text())


def writes_quoted(question: str, text: str) -> bool:
    """The text writes a phrase of two or more words the question quotes, word for word (up to inflection)."""
    quotes = list(QUOTED_PHRASE.finditer(question))
    if not quotes:  # most questions quote nothing: no need to read the text
        return False
    terms = content_terms(text)
    for m in quotes:
        quoted = content_terms(m[0])
        if len(quoted) >= 2 and any(terms[i:i + len(quoted)] == quoted for i in range(len(terms) - len(quoted) + 1)):
            return True
    return False


def _titled(subject: str, items: list[ItemHits]) -> bool:
    """Does one of the items hold every word of a policy title's subject ("… for Smart Ports and
    Harbour Automation")? A document the briefs never mention is in none of them."""
    # a month, place or acronym after the title ("… Zones in November", "… by MIIT") is no part of it
    kept = [w for w in re.findall(r"[\w&'’-]+", subject)
            if not (w.isupper() or MONTH_NAMES.hit(w.lower()) or PLACES.hit(w.lower()) or COUNTRIES.hit(w.lower())
                    or w.lower() in ("china", "chinese") or re.fullmatch(r"(?:19|20)\d\d", w))]
    asked = set(content_terms(" ".join(kept)))
    return not asked or any(asked <= set(content_terms(it.item.full_text() if it.item else it.text())) for it in items)


def names_list(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def giving_value(plan: QueryPlan, chosen: list[ItemHits], scorer: Scorer, s: AnswerSettings,
                 names: Names | None = None) -> list[ItemHits]:
    """The chosen items that state the kind of value asked for, in a sentence about its focus (for
    a question asking two values, either one)."""
    kept: set[str] = set()
    for part in _value_parts(plan):
        focused = _focused(scorer, part.question)
        units = [(it, u) for it in chosen for _, u in candidate_units(it, "numeric")]
        best = (max((focused.coverage(u) for _, u in units), default=0.0),
                max((_without_name(focused, it, part.value_head).coverage(u) for it, u in units), default=0.0))
        named = _acronyms(part.question, scorer)
        kept |= {it.item_id for it in chosen
                 if named <= scorer.terms_in(it.text() + "\n" + header_text(it.meta))
                 and gives_value(it, scorer, part, s.quantity_sentence_ratio, best, s.value_head_window,
                                 s.value_head_share, names)}
    return [it for it in chosen if it.item_id in kept]


def _acronyms(question: str, scorer: Scorer) -> set[str]:
    """The acronyms the briefs define that the question uses ("API", "R&D"): a value asked of API
    makers is not given by an item on battery makers, however alike the rest of the sentence."""
    return {t for t in content_terms(" ".join(m[0] for m in ACRONYM_IN_TEXT.finditer(question))) if t in scorer.expansions}


def _value_parts(plan: QueryPlan) -> list[QueryPlan]:
    """Each part of a question that asks two values ("how big…, and how many…?"), as a plan of its
    own; the plan itself when it asks one."""
    parts = [x for x in QUESTION_PARTS.split(plan.question) if x and x.strip()]
    typed = [replace(plan, question=x, answer_type=t, value_head=value_head(x)) for x in parts if (t := answer_type(x))]
    return typed if len(typed) >= 2 else [plan]


def value_verdict(plan: QueryPlan, chosen: list[ItemHits], scorer: Scorer, s: AnswerSettings,
                  names: Names | None = None) -> Verdict:
    """A near miss: the items are on topic, but none states the kind of value asked for."""
    top = chosen[0].meta.get("headline", "") if chosen else ""
    kind = _kind_unnamed(plan, chosen, names)
    if kind:
        # "which Japanese carmaker…?" is not answered by a sentence on a German carmaker's startup
        return Verdict(False, Reason.VALUE_MISSING,
                       f"The briefs don't name {_a(kind)} here: the closest item (“{top}”) names none.")
    if not plan.answer_type or giving_value(plan, chosen, scorer, s, names):
        return ANSWERED
    return Verdict(False, Reason.VALUE_MISSING,
                   f"The briefs don't give {DESCRIBE[plan.answer_type]}: the closest item (“{top}”) covers the "
                   f"topic but does not state it.")


def _kind_unnamed(plan: QueryPlan, chosen: list[ItemHits], names: Names | None) -> str:
    """A company of the kind asked for ("which Japanese carmaker…?") that no chosen item names: no
    company it names is of every kind asked, by the registry ("foreign shipping companies" names a
    kind, no company). The kind as the question wrote it, or ""."""
    companies = names.companies if names is not None else None
    if plan.answer_type != "organisation" or not plan.company_kinds or companies is None or not chosen:
        return ""
    keys = {k for k, _ in plan.company_kinds}
    for it in chosen:
        text = it.item.full_text() if it.item is not None else it.text()
        if any(keys <= companies.categories_of(name) for name in companies.find(text)):
            return ""
    return " ".join(dict.fromkeys(w for _, w in plan.company_kinds))


def _a(noun: str) -> str:
    if noun.endswith("s") and not noun.endswith("ss"):
        return f"any {noun}"  # "which Chinese airlines…?": the kind as the question wrote it, a plural
    return f"an {noun}" if noun[:1].lower() in "aeiou" else f"a {noun}"


def existence_verdict(plan: QueryPlan, chosen: list[ItemHits], scorer: Scorer, s: AnswerSettings) -> Verdict:
    """"Does it name any penalties?": the items must name the thing asked about, not just share
    the question's other words; else the briefs don't say."""
    inner = ASKS_EMBEDDED.search(plan.question)
    if inner and chosen:
        asked = {t for t in content_terms(inner["clause"]) if t not in INTENT_WORDS} - asked_noun(plan.question)
        clause = scorer.restricted(asked.__contains__)
        # most of what the inner question asks must be stated ("headsets should be sold": "sell")
        if asked and clause is not scorer and not any(clause.coverage(it.text() + "\n" + header_text(it.meta))
                                                      >= s.embedded_min_coverage for it in chosen):
            top = chosen[0].meta.get("headline", "")
            return Verdict(False, Reason.VALUE_MISSING, f"The briefs don't say: the closest item (“{top}”) does not say "
                                                        f"{inner['wh']} {inner['clause'].strip()}.")
        return ANSWERED
    m = ASKS_EXISTENCE.search(plan.question) or ASKS_THERE.search(plan.question)
    if not m:
        m = ASKS_PROVISION.search(plan.question)
        if m and any(FACET_NOUNS.hit(w) for w in m["obj"].lower().split()):
            # "does it set a target…?": the item states its targets in its own words; a target "for
            # rural broadband" must be stated of it
            return _scoped_part(plan, m, chosen, scorer)
    if not m or not chosen:
        return ANSWERED
    # "are any carmakers named?": the kind of value asked for is the answer type's to find (a carmaker's
    # name), and the verb after it asks, it names nothing
    words = [w for w in m["obj"].lower().split()
             if not FACET_NOUNS.hit(w) and not NAMING_VERBS.hit(w) and not EXISTENCE_VAGUE.hit(w)]
    asked = set(content_terms(" ".join(words))) - asked_noun(plan.question)
    if not asked or any(asked <= scorer.terms_in(it.text() + "\n" + header_text(it.meta)) for it in chosen):
        return ANSWERED
    top = chosen[0].meta.get("headline", "")
    return Verdict(False, Reason.VALUE_MISSING,
                   f"The briefs don't say: the closest item (“{top}”) does not mention {m['obj']}.")


def _scoped_part(plan: QueryPlan, m, chosen: list[ItemHits], scorer: Scorer) -> Verdict:
    """An item's part asked "for" something: a sentence of the item (with a figure, when targets or
    figures are asked for) must name every word of that something."""
    scope = PROVISION_SCOPE.search(plan.question[m.end():])
    what = set(content_terms(scope["what"])) if scope else set()
    if not what or not chosen:
        return ANSWERED
    figures = any(FIGURE_PARTS.hit(w) for w in m["obj"].lower().split())
    for it in chosen:
        for _, sent in candidate_units(it, "numeric"):
            if what <= scorer.terms_in(sent) and (not figures or number_spans(sent, plan.question)):
                return ANSWERED
    top = chosen[0].meta.get("headline", "")
    return Verdict(False, Reason.VALUE_MISSING,
                   f"The briefs don't say: the closest item (“{top}”) gives no {m['obj']} for {scope['what'].strip()}.")


def targets_verdict(plan: QueryPlan, chosen: list[ItemHits], scorer: Scorer, s: AnswerSettings) -> Verdict:
    """"What targets does it set?": an item whose own text (not MERICS's comment on it) holds no
    goal word or change verb states no targets, and its lead is no answer. "The hydrogen production
    target?": a sentence with a figure must be about most of what the target is of."""
    of = TARGET_OF.search(plan.question) if plan.intent == "numeric" and not plan.answer_type and chosen else None
    after = plan.question[of.end():] if of else ""
    if of and ((DO_AUXILIARY.search(plan.question[:of.start()]) and not after.strip(" ?")) or TARGET_AS_VERB.search(after)):
        of = None  # "which sectors does the plan target?", "measures that target such companies": the verb
    # words naming a Top-5 item ("the HIDZ plan's target") are no part of what the target is of; a news line has no name but itself
    named = set(content_terms(" ".join(header_text(it.meta) for it in chosen if it.meta.get("kind") == "top5")))
    kind = set(content_terms(" ".join(w for w in re.split(r"[\s-]+", of["of"]) if TARGET_KIND_WORDS.hit(w.lower())))) if of else set()
    asked = {t for t in content_terms(of["of"]) if t not in INTENT_WORDS and not YEAR_TERM.fullmatch(t)} - named - kind if of else set()
    subject = scorer.restricted(asked.__contains__)
    if asked and subject is not scorer and not any(
            subject.coverage(sent) >= s.target_of_min_coverage
            and _figure_near(sent, asked, plan.question, subject, s.target_figure_window)
            for it in chosen for _, sent in candidate_units(it, "numeric")):
        top = chosen[0].meta.get("headline", "")
        return Verdict(False, Reason.VALUE_MISSING, f"The briefs don't give that target: the closest item (“{top}”) "
                                                    f"states no figure for {of['of'].strip()}.")
    if (plan.intent != "numeric" or plan.answer_type or not chosen or not ASKS_TARGETS.search(plan.question)
            or any(it.item is None or TARGET_SENTENCE.search(_stated(it.item)) for it in chosen)):
        return ANSWERED
    top = chosen[0].meta.get("headline", "")
    return Verdict(False, Reason.VALUE_MISSING, f"The briefs don't give targets: the closest item (“{top}”) states none.")


def _figure_near(sent: str, asked: set[str], question: str, scorer: Scorer, window: int) -> bool:
    """A figure within `window` words of a word of what the target is of."""
    words = sent.split()
    near = [i for i, w in enumerate(words) if scorer.terms_in(w) & asked]
    return any(abs(i - j) <= window for i in number_spans(sent, question) for j in near)


def _stated(item) -> str:
    """What an item itself states: a Top-5 item's summary and bullets, a news item's text."""
    return "\n".join([item.glance, *item.bullets]) if item.kind == "top5" else item.text


def named_issuers_verdict(plan: QueryPlan, chosen: list[ItemHits], agencies) -> Verdict:
    """"Which three agencies issued it?": an item that says how many bodies issued it ("Three
    government agencies released…") but names fewer of them does not give their names."""
    if not chosen or agencies is None or not ASKS_ISSUER_NAMES.search(plan.question):
        return ANSWERED
    top = chosen[0]
    if top.meta.get("kind") == "top5":  # a Top-5 item lists its issuing bodies in its source note
        return ANSWERED
    text = top.text()
    # "which four agencies…?" says how many there are; an item naming fewer does not give them
    stated, named = max(stated_issuer_count(text), stated_issuer_count(plan.question)), agencies.find(text)
    if stated <= len(named):
        return ANSWERED
    which = ", ".join(named) if named else "none of them"
    return Verdict(False, Reason.VALUE_MISSING,
                   f"The briefs don't name them: the item (“{top.meta.get('headline', '')}”) says {stated} bodies "
                   f"issued it and names {which}.")


def followup_verdict(plan: QueryPlan, own_terms: list[str], cited_text: str, scorer: Scorer,
                     s: AnswerSettings, cited_bodies: frozenset[str] | None = None) -> Verdict:
    """A follow-up answered from the items just cited must share enough of its own words with
    them; a name the briefs never mention is never in them, nor a company or issuing body
    (`cited_bodies`: the keys of those the items name) they never name."""
    if plan.unknown_names:
        return Verdict(False, Reason.UNKNOWN_NAME, "The briefs don't say: nothing in the indexed briefs answers this "
                                                   f"question. They never mention {names_list(plan.unknown_names)}.")
    low = cited_text.lower()
    if plan.company_names and not any(n.lower() in low for n in plan.company_names):
        # a company is never incidental: items that never name it say nothing of it
        return Verdict(False, Reason.NOT_IN_CITED, f"The briefs don't say: the items discussed so far don't mention {plan.company_names[0]}.")
    offered = OFFERED_VALUES.search(plan.question)
    # "- target?", "- when?" name a part of the item, not a guess at its answer
    values = LIST_SEPARATOR.split(offered["values"]) if offered else []
    guesses = [g for v in values if not any(FACET_NOUNS.hit(w) for w in v.lower().split())
               and (g := [t for t in content_terms(v) if t not in INTENT_WORDS])]
    if len(values) < 2 and offered and offered[0][:1] in "-–—:":
        guesses = []  # one phrase after a dash asks for a part ("the second one - deadline?"), guessing nothing
    if guesses and not any(set(g) <= scorer.terms_in(cited_text) for g in guesses):
        return Verdict(False, Reason.NOT_IN_CITED, "The briefs don't say: the items discussed so far name none of "
                                                   f"{offered['values'].strip()}.")
    if plan.issuer_keys and cited_bodies is not None and not set(plan.issuer_keys) & cited_bodies:
        # so is an issuing body: "does MOFCOM's law cover it?" is not answered by the CAC's draft
        return Verdict(False, Reason.NOT_IN_CITED, "The briefs don't say: the items discussed so far are not from "
                                                   f"{(plan.issuers or plan.issuer_keys)[0]}.")
    # a code for a technology or product ("6G", "A100") names one thing: items that never write it don't cover it
    present = scorer.terms_in(cited_text)
    if any(CODE_TERM.rx.fullmatch(t) and t not in present for t in own_terms):
        return Verdict(False, Reason.NOT_IN_CITED, "The briefs don't say: the items discussed so far don't cover this.")
    if len(own_terms) < s.followup_min_own_terms or scorer.coverage(cited_text) >= s.followup_min_own_coverage:
        return ANSWERED
    return Verdict(False, Reason.NOT_IN_CITED, "The briefs don't say: the items discussed so far don't cover this.")
