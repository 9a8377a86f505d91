"""Question → QueryPlan: topic text, metadata filters (years, months, ranges, issuers),
comparison periods and intent. Pure functions over the question and a CorpusInfo."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from typing import Callable

from .agencies import Agencies
from .companies import Companies
from .answertypes import answer_type, value_head
from .facets import classify

from .dates import month_label
from .lexicon import (ITEM_SIDE_NOUN, ALIAS, EXAMPLE_LIST, LIST_SEPARATOR, BRIEF_WORDS, KIND_INCLUSIVE, CAPITALISED_NAME, FORMAT_WORDS, LINK_WORDS, NOT_NAMES, OVERVIEW,
                      OVERVIEW_FILLER, CN_TITLE_FILLER, ALL_BRIEFS, STATED_ITEMS, NUMBER_WORDS, PAREN_ACRONYM, PROPER, SENTENCE_START, COMPARE, COUNT, ENUMERATE, ENUMERATE_CN, ITEM_KIND_NOUNS, ITEM_NOUNS_CN, LIST_CONJUNCT, KIND_CORPORATE_NEWS, KIND_NEWS,
                      EITHER_ISSUER, KIND_POLICIES, KIND_POLICY_NEWS, KIND_TOP5, LATEST_BRIEF, MONTH_NAMES, MULTI_ISSUER, RELATIVE_LAST_YEAR,
                      TABLE_FILLER, TARGET_YEAR_BEFORE, FRAMING_FOR, TOPIC_SWITCH, COMPARE_SPLIT, QUESTION_PARTS, spell_out,
                      ALTERNATIVE_BOUNDARY, ASKS_POLICY, COMES_UP, CONTRAST_TAIL, FIRST_OF_TWO, PURPOSE_FRAME, PRO_ONE, ITEM_SIDE_END, ITEM_SIDE_JOIN, ITEM_SIDE_START, ITEM_SIDE_VERB, TOPIC_MARKER, LIST_ALTERNATIVE, SHARED_HEADS, LIST_REQUEST, LIST_TARGETS, POLAR, QUOTED_TITLE)
from .periods import find_periods
from .glossary import to_english
from .thesaurus import groups as thesaurus_groups, other_forms
from .spelling import corrected, known_forms
from .text import STOPWORDS, content_terms, mostly_chinese

_YEAR = r"(?:19|20)\d{2}"


@dataclass(frozen=True)
class CorpusInfo:
    """What the question parser needs to know about the indexed corpus."""

    brief_months: tuple[str, ...]  # sorted "YYYY-MM"
    years: tuple[int, ...]  # years that have items
    aliases: dict[str, str] = field(default_factory=dict)  # lowercased name or acronym → canonical acronym
    vocabulary: frozenset[str] = frozenset()  # lowercased tokens of the corpus
    lowercase: frozenset[str] = frozenset()  # stems of words the corpus writes in lower case (so no names)
    initialisms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "GM" → ("General Motors",)
    agencies: Agencies | None = None  # issuing bodies as entities
    companies: Companies | None = None  # companies as typed entities (sector, origin, ownership)
    corpus_companies: frozenset[str] = frozenset()  # the companies the briefs name (canonical names)
    acronyms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "ICT" → its expansions in the briefs
    cn_names: dict[str, str] = field(default_factory=dict)  # item id → Chinese policy name
    # question → (texts → cosine similarities to it): the facet classifier's fallback on meaning
    # (None in the assistant until its thresholds are calibrated; see facets.py)
    similarity: Callable[[str], Callable[[list[str]], list[float]]] | None = None

    @property
    def newest(self) -> str:
        return self.brief_months[-1] if self.brief_months else ""

    def members_named(self, kind: str) -> list[str]:
        """The companies of a kind ("automotive") that the briefs name, sorted."""
        return sorted(set(self.companies.members(kind)) & self.corpus_companies) if self.companies else []


@dataclass(frozen=True)
class Filters:
    years: frozenset[int] = frozenset()
    date_from: int = 0  # YYYYMMDD inclusive, 0 = open
    date_to: int = 0
    brief_months: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    item_ids: frozenset[str] = frozenset()
    exclude_ids: frozenset[str] = frozenset()  # "what other chip news…?": not the items already cited
    ranges: tuple[tuple[int, int], ...] = ()  # day ranges (YYYYMMDD, inclusive, 0 = open), OR-ed

    def is_empty(self) -> bool:
        return self == Filters()

    def matches(self, meta: dict) -> bool:
        """The same test chroma applies, for retrievers that filter in Python (BM25)."""
        d = int(meta.get("date_int") or 0)
        if self.years and int(meta.get("year") or 0) not in self.years:
            return False
        if self.brief_months and not (meta.get("brief_month") in self.brief_months
                                      or any(str(d).startswith(m.replace("-", "")) for m in self.brief_months)):
            return False
        if self.date_from and d < self.date_from:
            return False
        if self.date_to and d > self.date_to:
            return False
        if self.kinds and meta.get("kind") not in self.kinds:
            return False
        if self.item_ids and meta.get("item_id") not in self.item_ids:
            return False
        if self.exclude_ids and meta.get("item_id") in self.exclude_ids:
            return False
        if self.ranges and not (d and any((not lo or d >= lo) and (not hi or d <= hi) for lo, hi in self.ranges)):
            return False
        return True

    def to_metadata_filters(self):
        """llama-index MetadataFilters (translated to a chroma `where`) or None."""
        from llama_index.core.vector_stores import FilterCondition, MetadataFilter, MetadataFilters

        parts: list = []
        if self.years:
            parts.append(MetadataFilter(key="year", operator="in", value=sorted(self.years)))
        if self.brief_months:
            ors = [MetadataFilter(key="brief_month", operator="in", value=sorted(self.brief_months))]
            for m in sorted(self.brief_months):
                y, mo = int(m[:4]), int(m[5:7])
                ors.append(MetadataFilters(filters=[
                    MetadataFilter(key="date_int", operator=">=", value=y * 10000 + mo * 100 + 1),
                    MetadataFilter(key="date_int", operator="<=", value=y * 10000 + mo * 100 + 31)]))
            parts.append(MetadataFilters(filters=ors, condition=FilterCondition.OR))
        if self.date_from:
            parts.append(MetadataFilter(key="date_int", operator=">=", value=self.date_from))
        if self.date_to:
            parts.append(MetadataFilter(key="date_int", operator="<=", value=self.date_to))
        if self.kinds:
            parts.append(MetadataFilter(key="kind", operator="in", value=sorted(self.kinds)))
        if self.item_ids:
            parts.append(MetadataFilter(key="item_id", operator="in", value=sorted(self.item_ids)))
        if self.exclude_ids:
            parts.append(MetadataFilter(key="item_id", operator="nin", value=sorted(self.exclude_ids)))
        if self.ranges:
            ors = [MetadataFilters(filters=[MetadataFilter(key="date_int", operator=">=", value=max(lo, 1)),
                                            MetadataFilter(key="date_int", operator="<=", value=hi or 99991231)])
                   for lo, hi in self.ranges]
            parts.append(ors[0] if len(ors) == 1 else MetadataFilters(filters=ors, condition=FilterCondition.OR))
        return MetadataFilters(filters=parts) if parts else None

    def describe(self) -> str:
        bits = []
        if self.years:
            bits.append("/".join(map(str, sorted(self.years))))
        if self.brief_months:
            bits.append("brief " + "/".join(sorted(self.brief_months)))
        if self.date_from:
            bits.append(f"since {_fmt(self.date_from)}")
        if self.date_to:
            bits.append(f"until {_fmt(self.date_to)}")
        if self.ranges:
            bits.append(" or ".join(f"{_fmt(lo) if lo else '…'} to {_fmt(hi) if hi else '…'}" for lo, hi in self.ranges))
        if self.kinds:
            bits.append("/".join(sorted(self.kinds)))
        return ", ".join(bits)


def _fmt(d: int) -> str:
    return f"{d // 10000:04d}-{d // 100 % 100:02d}-{d % 100:02d}"


Intent = str  # a facets.Facet, or "overview" (a whole brief)


@dataclass(frozen=True)
class QueryPlan:
    question: str
    topic: str  # question without its time expressions, for retrieval
    filters: Filters
    issuers: tuple[str, ...] = ()  # issuing bodies named, as answers label them ("MIIT", "State Council")
    compare: tuple[int, ...] = ()  # years to answer side by side
    period_topics: tuple[str, ...] = ()  # each compared year's own topic ("X in 2021 versus Y in 2022"), else ()
    item_sides: tuple[str, ...] = ()  # two items compared by name ("the steel plan and the copper notice"), else ()
    intent: Intent = "general"
    uncovered: tuple[str, ...] = ()  # periods asked for that no brief covers
    explicit: bool = False  # filters came from the caller (API/CLI/UI) or a period the conversation points to, not read from the text
    unknown_names: tuple[str, ...] = ()  # proper names the briefs never mention ("Huawei")
    unknown_companies: tuple[str, ...] = ()  # of those, companies (companies.py): the question is about them
    # Structured questions, answered from the item table (table.py):
    enumerate: bool = False  # every matching item, not the best one
    count: bool = False  # "how many…": the count first
    stated_items: int = 0  # "the two plans": how many items the question says answer it
    # the briefs' words for question words they never write ("solar" → "photovoltaic"): searched
    # for too, but not scored as words the question asked (thesaurus.py)
    search_also: tuple[str, ...] = ()
    # the briefs' other forms of words they do write ("chip" → "semiconductor"): for word search only
    lexical_also: tuple[str, ...] = ()
    issuer_keys: tuple[str, ...] = ()  # agency keys of the issuers named
    all_issuers: bool = False  # "jointly issued by MIIT and SAMR": every named issuer
    multi_issuer: bool = False  # "involved more than one ministry"
    joint_first: bool = False  # two bodies as a verb's subject: what they issued together, if anything, else either's
    company_kinds: tuple[tuple[str, str], ...] = ()  # kinds of company asked for: ("automotive", "carmakers")
    company_names: tuple[str, ...] = ()  # every name of the companies the question names that the briefs name
    part_intents: tuple[tuple[str, str], ...] = ()  # (part, facet) of a question asking two different things
    table_topic: str = ""  # what is left once list words and constraints are gone ("" = none)
    table_focus: str = ""  # the part of it after "on" / "about", tried when the whole topic matches nothing
    month_ranges: tuple[tuple[int, int], ...] = ()  # the named months as day ranges (items dated in them)
    named_items: tuple[str, ...] = ()  # items the question names exactly (a pasted Chinese policy name)
    choose: bool = False  # "which of them is about X?": the named items that fit its words best answer, not all
    answer_type: str = ""  # the kind of value asked for (answertypes.py); "" = any on-topic sentence
    value_head: tuple[str, ...] = ()  # stemmed terms of what that value counts ("how many SMEs" → smes)
    either: tuple["QueryPlan", ...] = ()  # a list asked for "A or B": the plans of "A" and of "B", listed together
    sets_targets: bool = False  # a list of the items that set numeric targets

    def with_filters(self, **changes) -> "QueryPlan":
        # the sides of an "or" were planned with the old filters: the changed plan is one list
        return replace(self, filters=replace(self.filters, **changes), either=())


def is_topic_switch(question: str) -> bool:
    return bool(TOPIC_SWITCH.rx.match(question))


def plan(question: str, info: CorpusInfo, *, year: int | None = None, brief: str | None = None,
         kinds: list[str] | None = None) -> QueryPlan:
    """Understand a question: explicit arguments win over what the text implies."""
    original = corrected(spell_out(question.strip()), info.vocabulary)
    q = PURPOSE_FRAME.sub("", TOPIC_SWITCH.sub("", original)) or original
    topic = q
    years: set[int] = set()
    months: set[str] = set()
    month_ranges: list[tuple[int, int]] = []
    ranges: list[tuple[int, int]] = []
    date_from = date_to = 0
    brief_named = False
    uncovered: list[str] = []
    missing_years: set[int] = set()
    covered_years = set(info.years)

    def drop(span: str) -> None:
        nonlocal topic
        topic = topic.replace(span, " ")

    # Days, day ranges, parts of months, months (periods.py); bare years below.
    periods = find_periods(q, tuple(sorted(covered_years)))
    lists = bool(ENUMERATE.search(q) or ENUMERATE_CN.search(q))
    contrasts = [m.span() for m in CONTRAST_TAIL.finditer(q)]
    for p in periods:
        drop(p.text)
        if any(a <= p.start < b for a, b in contrasts):
            continue  # "issued in 2022 rather than 2021": the period after the contrast is not asked for
        if p.precision == "month" and not p.ranges[0][0] == 0:
            for key in p.months:
                months.add(key)
                if key not in info.brief_months and int(key[:4]) not in covered_years:
                    uncovered.append(month_label(key))
            month_ranges += p.ranges
            brief_named = brief_named or p.brief or (p.brief_items and all(k in info.brief_months for k in p.months))
        elif (ends := _brief_ends(p, info)) and not lists:
            # "from March 2022 to March 2023": a range from one brief's month to another's
            # names both briefs, a comparison of the two (a list over the range stays a range)
            years |= ends
        else:
            for lo, hi in p.ranges:
                if lo and not hi:  # "since October 2022"
                    date_from = max(date_from, lo)
                elif hi and not lo:  # "before November 2022"
                    date_to = min(date_to, hi) if date_to else hi
                else:
                    ranges.append((lo, hi))
            for y in p.years:
                if y not in covered_years and str(y) not in info.vocabulary:
                    uncovered.append(p.text)
    # bare years, unless they are targets ("by 2025", "targets for 2025")
    # Latin-letter boundaries, not \b: "发改委2021年" writes the year against Chinese characters
    titles = [t.span() for t in QUOTED_TITLE.finditer(topic)]
    for m in re.finditer(r"(?<![A-Za-z0-9_-])(" + _YEAR + r")(?:['’]s)?(?![A-Za-z0-9_-])", topic):
        y = int(m[1])
        if any(a < m.start() < b for a, b in titles):  # "(2021年本)" inside a quoted policy name names the policy
            continue
        framed = FRAMING_FOR.search(topic[:m.start()]) and re.match(r"\s*[,:]", topic[m.end():])
        if (TARGET_YEAR_BEFORE.search(topic[:m.start()]) and not framed) or re.match(r"\s*[-–—/]\s*\d{2,4}", topic[m.end():]) \
                or re.search(r"\d{4}\s*[-–—/]\s*$", topic[:m.start()]):
            # a target year or a plan period ("2021-2025") describes content, not a brief; a
            # target year no brief ever writes ("by 2030") cannot have an answer in them
            if info.vocabulary and m[1] not in info.vocabulary and y not in covered_years:
                uncovered.append(str(y))
            continue
        if y in covered_years:
            years.add(y)
            drop(m[0])
        elif m[1] not in info.vocabulary:
            uncovered.append(str(y))  # a year the briefs never mention: nothing to find
            missing_years.add(y)
            drop(m[0])
    low = q.lower()
    relative_year = False
    if info.years:
        newest_year = int(info.newest[:4]) if info.newest else max(info.years)
        if RELATIVE_LAST_YEAR.search(low):
            relative_year = True
            years.add(newest_year - 1)
            if newest_year - 1 not in covered_years:
                uncovered.append(str(newest_year - 1))
        if LATEST_BRIEF.search(low):
            months.add(info.newest)
            brief_named = True

    month_years = {int(m[:4]) for m in months}
    if brief_named and years and month_years - years and not relative_year:
        # a bare year next to a named brief dates the content ("figures for 2019 in the May 2020 brief")
        years = set()
    # Two or more periods named are a comparison, with or without the word "compare".
    compare: tuple[int, ...] = ()
    # a part of a month names its year too ("mid-November 2021 and November 2022"); a day asked of
    # two years ("the 3rd of November, in both years") is a list of those days
    range_years = {y for p in periods if p.precision == "part" and _YEAR_IN.search(p.text) for y in p.years}
    asked = years | missing_years | month_years | range_years
    says_compare = bool(COMPARE.search(q))
    if says_compare or len(asked) >= 2:
        # With no year named, "compare" means across the briefs (the last two years); a question that
        # names a year it does not compare ("November 2022 plan versus 2020") compares content
        names_a_year = bool(re.search(r"\b" + _YEAR + r"\b", q)) or bool(ranges)
        span = sorted(asked) if len(asked) >= 2 else \
            sorted(covered_years)[-2:] if len(covered_years) >= 2 and not asked and not names_a_year else []
        if span:
            compare = tuple(span)
            # each period gets its own filter: its year, or the part of it the question names
            # ("mid-November 2021": that range; the other side's whole year)
            if range_years:
                ranges = [*ranges, *((y * 10000 + 101, y * 10000 + 1231) for y in span if y not in range_years)]
            years, months, month_ranges = set(), set(), []
            # a period the briefs lack is said in its own section, not a reason to abstain
            uncovered = [u for u in uncovered if not (u.isdigit() and int(u) in missing_years)]
    if not compare and years and {int(m[:4]) for m in months} - years:
        years = set()
    topic = _expand_acronyms(_in_english(topic, info), info)
    agencies = info.agencies
    issuer_keys = tuple(agencies.find(q)) if agencies else ()
    issuers = tuple(agencies.label(k) for k in issuer_keys) if agencies else tuple(_issuers(q, info))
    intent = classify(q, info.similarity(topic) if info.similarity else None)
    asked = answer_type(q)
    if (intent in ("issuer", "date+issuer", "policy_name") and asked == "person") or (intent == "date" and asked == "deadline"):
        # "who signed it on behalf of the firm?", "the name of the spokesperson" ask for a person, not
        # the issuing body or the policy's name; "when does the comment period close?" for a deadline,
        # not the item's date
        intent = "general"
    # a day or part of a month names what is dated then, not a brief to summarise
    if is_overview(q, topic, bool(months or years or compare)) and not (ranges or date_from or date_to):
        intent = "overview"

    kind_words = set(section_kinds(q))
    wants_list = lists
    if wants_list and POLAR.search(q) and not LIST_REQUEST.search(q):
        wants_list = False  # "does the plan list hydrogen among its sectors?" asks yes or no
    if (intent == "overview" or wants_list or kind_words) and names_news(q):
        # "what news was in that brief?"; "Top 5 items plus the news": the news sections as well
        kind_words |= {"policy_news", "corporate_news"}
    widened = KIND_INCLUSIVE.search(q)
    if widened and kind_words and not named_kinds(q[:widened.start()]):
        kind_words = set()  # every section named only as included: none is left out
    policies = not kind_words and KIND_POLICIES.search(q) and not KIND_NEWS.search(q)
    if policies:
        kind_words |= {"top5", "policy_news"}
    multi = None if EITHER_ISSUER.search(q) else MULTI_ISSUER.search(q)
    if multi and any(w.end() <= multi.start() and len(q[w.end():multi.start()].split()) <= 3 for w in KIND_INCLUSIVE.finditer(q)):
        multi = None  # "…, including ones it co-issued": joint items are let in, the others not left out
    cn_items = chinese_name_items(_without_agencies(q, info), info)
    if year:
        years = {int(year)}
        if int(year) not in covered_years:
            uncovered.append(str(year))
    if brief:
        months = {brief} if re.fullmatch(r"\d{4}-\d{2}", brief) else months
        brief_named = True
    period_topics = _period_topics(q, compare, info) if compare else ()
    if compare and not says_compare and not period_topics and LIST_REQUEST.search(q):
        # "name all X of both years": one list over both periods, not two answers side by side
        years, compare = set(compare), ()
    if compare and not kinds and (not wants_list or says_compare or period_topics):
        # "the Top-5 policy of 2022 versus the policy news of 2023": a kind names one side only; a
        # list's kind over periods that share its subject ("which Top 5 items of both briefs…") is of both
        kind_words = set()
    filters = Filters(years=frozenset(years), brief_months=frozenset(months), kinds=frozenset(kinds or kind_words),
                      date_from=date_from, date_to=date_to,
                      ranges=tuple(dict.fromkeys(ranges)), item_ids=frozenset(cn_items))
    topic = re.sub(r"\s+", " ", re.sub(r"\b(in|of|during|from|and|between|on|since|before|after)\s+(?=[?.!,]|$)", " ", topic)).strip()
    topic = COMES_UP.sub(" ", ALL_BRIEFS.sub(" ", CONTRAST_TAIL.sub(" ", topic)))
    if policies and filters.kinds:
        topic = KIND_POLICIES.sub(" ", topic)  # now a filter: "policy documents" names the sections, not a subject
    targets = LIST_TARGETS.search(q)
    table_topic = _table_topic(topic.replace(targets[0], " ") if targets and targets[0] in topic else topic, q, info, multi)
    markers = list(TOPIC_MARKER.finditer(topic))
    focus = _table_topic(topic[markers[-1].end():], q, info, multi) if markers else ""
    # what the list is "on", when words before it frame the topic ("behind the push on batteries")
    table_focus = focus if focus and focus != table_topic and set(focus.split()) < set(table_topic.split()) else ""
    company_kinds = tuple((k, q[a:b]) for k, a, b in info.companies.categories_in(q)) if info.companies else ()
    # A structured question: list words, or constraints (a day, a range, an issuer, a kind of item
    # or company) with no topic left.
    constrained = bool(ranges or date_from or date_to or issuer_keys or multi or company_kinds
                       or (kind_words and (months or years)))
    # Periods compared with no topic but an issuer ("what the CAC put out in 2021 and in 2022") are
    # the item table over both periods.
    enumerate_ = (not compare or (issuer_keys and not table_topic)) and intent != "overview" and not cn_items and (
        wants_list or (constrained and not table_topic and intent not in ("comment", "policy_name")))
    named_sides = item_sides(q) if (compare or says_compare or FIRST_OF_TWO.search(q)) and not period_topics else ()
    if named_sides and len({int(y) for y in _YEAR_IN.findall(q)} & covered_years) >= 2:
        named_sides = ()  # "the 2020 draft and the 2023 rules", "steel, 2020 vs 2023: …": the years are the sides
    if named_sides:
        compare = ()  # two items named, in one year or none: they are the sides, not the briefs' years
        # "which plan sets the higher target, A or B?" chooses between the two: no list
        enumerate_ = enumerate_ and not FIRST_OF_TWO.search(q)
    unknown = tuple(unknown_names(q, info))
    if info.companies:  # a company named in Chinese ("华为") the briefs never mention is as unknown as "Huawei"
        unknown += tuple(n for n in info.companies.find(q) if n not in info.corpus_companies and n not in unknown)
    modifiers = info.companies.modifiers if info.companies else frozenset()
    # examples of what the list is of ("— chips, robotaxis, cars") say more than an "or" before them
    examples = _examples(q) if enumerate_ else []
    sides = [plan(side, info, year=year, brief=brief, kinds=kinds) for side in or_sides(q, modifiers)] if enumerate_ and not examples else []
    either = tuple(sides) if len(sides) == 2 and all(x.enumerate for x in sides) else ()
    unwritten = other_forms(topic or q, info.vocabulary)
    all_forms = other_forms(topic or q, info.vocabulary, written_too=True)
    # "a steelmaker": word search also looks for the companies of that kind the briefs name (Baowu)
    all_forms += _members_named(company_kinds, info)
    found = QueryPlan(question=original, topic=topic or q, filters=filters, issuers=issuers, compare=compare,
                     period_topics=period_topics, item_sides=named_sides,
                     intent=intent, uncovered=tuple(dict.fromkeys(uncovered)),
                     explicit=bool(year or brief or kinds), unknown_names=unknown,
                     unknown_companies=tuple(n for n in unknown if info.companies and info.companies.find(n)),
                     enumerate=enumerate_, count=bool(COUNT.search(q)), stated_items=_stated_items(q),
                     search_also=tuple(unwritten), lexical_also=tuple(x for x in all_forms if x not in unwritten),
                     issuer_keys=issuer_keys,
                     all_issuers=bool(multi) and len(issuer_keys) >= 2, multi_issuer=bool(multi) and len(issuer_keys) < 2,
                     # "MIIT or SAMR" is split into its sides (`either`) before this counts
                     joint_first=len(issuer_keys) >= 2 and not (multi or wants_list or EITHER_ISSUER.search(q)),
                     table_topic=table_topic, table_focus=table_focus, named_items=tuple(cn_items), company_kinds=company_kinds,
                     company_names=_company_names(q, info), part_intents=_part_intents(q),
                     answer_type="" if wants_list or intent in ("issuer", "date", "date+issuer", "policy_name")
                     else answer_type(q),
                     value_head=value_head(q),
                     month_ranges=tuple(month_ranges) if not brief_named else (), either=either,
                     sets_targets=bool(targets))
    if examples:
        # the list is of the whole topic or of any one example ("— chips, robotaxis, cars")
        # (the kind of company framing it, "automotive stories", is no constraint on an example's items)
        found = replace(found, either=(found, *(replace(found, table_topic=x, table_focus="", company_kinds=()) for x in examples)))
    return found


def _examples(question: str) -> list[str]:
    """The examples a list question gives of what it wants ("— chips, robotaxis, cars"), as topics."""
    m = EXAMPLE_LIST.search(question)
    if not m:
        return []
    parts = LIST_SEPARATOR.split(m["examples"])
    return [x.strip() for x in parts if content_terms(x)]


def or_sides(question: str, modifiers: frozenset[str] = frozenset(), max_words: int = 6) -> tuple[str, ...]:
    """'items about A or B in 2022' → ('items about A in 2022', 'items about B in 2022'): the question
    once with each side of its first 'or', so each is a list of its own; () when the 'or' joins no
    two phrases ('or not', 'issued or co-issued'). A head noun and a leading kind-of-company word
    (`modifiers`: 'German') belong to both sides."""
    m = LIST_ALTERNATIVE.search(question)
    if not m or EITHER_ISSUER.search(question) or question[max(0, m.start() - 1)] == "/":
        return ()
    if any(x.start() <= m.start() < x.end() for x in MULTI_ISSUER.finditer(question)):
        return ()  # "two or more bodies" counts issuers, it offers no alternatives

    def bare(word: str) -> str:
        return word.strip(".,;:?!()\"'“”‘’").lower()

    left = list(re.finditer(r"\S+", question[:m.start()]))
    a_start = m.start()
    for w in reversed(left[-max_words:]):
        if bare(w[0]) in ALTERNATIVE_BOUNDARY or re.search(r"[,;:?!]$", w[0]):
            break
        a_start = w.start()
    b_start, b_end = m.end(), m.end()
    after = list(re.finditer(r"\S+", question[m.end():]))[:max_words + 1]
    for i, w in enumerate(after):
        word = bare(w[0])
        if b_end == m.end() and word in ("the", "a", "an"):
            b_start = b_end = m.end() + w.end()
            continue
        if word == "and" and b_end > m.end() and _noun_tail(question[m.end() + w.end():]):
            continue  # "chipmakers or new fabs and assembly lines?": the nouns joined by "and" are one side
        if word in ALTERNATIVE_BOUNDARY or not word:
            break
        b_end = m.end() + w.start() + len(w[0].rstrip(".,;:?!"))
        if re.search(r"[,;:?!.]$", w[0]):
            break
    a, b = question[a_start:m.start()].strip(), question[b_start:b_end].strip()
    if not (content_terms(a) and content_terms(b)):
        return ()
    head = b.split()[-1]
    if len(b.split()) > 1 and head.lower() in SHARED_HEADS and head.lower() not in a.lower().split():
        a = f"{a} {head}"  # "German chemical or car companies": both sides are companies
    first = a.split()[0]
    if len(a.split()) > 1 and first.lower() in modifiers and first.lower() not in b.lower().split():
        b = f"{first} {b}"  # ... and both are German
    return tuple(question[:a_start] + side + question[b_end:] for side in (a, b))


def _noun_tail(rest: str, max_words: int = 3) -> bool:
    """Is what follows an "and" a few words ending the question, with no list phrasing or period
    ("… and production lines?"), rather than a clause of its own ("… and were issued in 2022?")?"""
    clause = re.split(r"[,;:?!.]", rest, maxsplit=1)
    if len(clause) < 2:
        return False
    words = [w.strip("\"'“”‘’()").lower() for w in clause[0].split()]
    return (0 < len(words) <= max_words and not any(_filler(w) or w in ALTERNATIVE_BOUNDARY or re.search(r"\d", w)
                                                    for w in words)
            and not clause[1].strip())


def item_sides(question: str) -> tuple[str, ...]:
    """The two items a comparison names, each by an instrument word ("the steel plan or the
    copper notice"); () when it does not name two."""
    for clause in re.split(r"[?.;!]|\s[-–—]\s|:", question):
        quoted = [t.span() for t in QUOTED_TITLE.finditer(clause)]
        for m in ITEM_SIDE_JOIN.finditer(clause):
            if any(x < m.start() < y for x, y in quoted):
                continue  # "and" inside a quoted headline joins no sides
            a = ITEM_SIDE_START.sub("", clause[:m.start()]).strip(" ,")
            verb_last = ITEM_SIDE_VERB.search(clause[:m.start()])
            if verb_last:  # "how does the VR plan compare with …", "how does the API plan differ from …"
                a = verb_last["item"].strip(" ,")
            # "which sets the bigger target, the HIDZ plan or …": the first side starts after the comma
            a = a.rsplit(",", 1)[-1].strip() if ASKS_POLICY.search(a.rsplit(",", 1)[-1]) else a
            b = ITEM_SIDE_END.sub("", clause[m.end():]).strip(" ,")
            # each side names an instrument, or an item by its headline in quotes
            if all((ASKS_POLICY.search(x) or QUOTED_TITLE.search(x) or ITEM_SIDE_NOUN.search(x)) and content_terms(x) for x in (a, b)):
                return a, b
    return ()


def _brief_ends(period, info: CorpusInfo) -> frozenset[int]:
    """The years of a two-ended range whose ends are the months of briefs in different years
    ("from March 2022 to March 2023"); else empty."""
    if len(period.ranges) != 1:
        return frozenset()
    lo, hi = period.ranges[0]
    if not lo or not hi or lo // 10000 == hi // 10000:
        return frozenset()
    months = {f"{d // 10000:04d}-{d // 100 % 100:02d}" for d in (lo, hi)}
    return frozenset(int(m[:4]) for m in months) if months <= set(info.brief_months) else frozenset()


def _period_topics(question: str, years: tuple[int, ...], info: CorpusInfo) -> tuple[str, ...]:
    """Each compared year's own topic when the question's sides name one year each and a
    subject of their own ("Tesla's investment in 2021 versus GM's in 2022"); () when the
    periods share one theme ("battery policy in 2021 versus 2022")."""
    parts = [x for x in COMPARE_SPLIT.split(question) if x and x.strip()]
    if len(parts) < 2:
        return ()
    if re.search(rf"(?<!\d){_YEAR}(?!\d)(?:{COMPARE_SPLIT.rx.pattern})(?:in |the )?{_YEAR}(?!\d)", question):
        return ()  # "EV rules 2021 vs 2022: …" sets the years side by side, and the words around them are of both
    topics, owns = [], []
    for y in years:
        side = [x for x in parts if re.search(rf"(?<!\d){y}(?!\d)", x)]
        if len(side) != 1:
            return ()
        text = re.sub(r"(?<![\d])(?:19|20)\d{2}(?![\d])", " ", side[0])
        own = [w for w in _table_topic(text, text, info, None).lower().split() if w.strip("'’") in info.vocabulary]
        if not own:
            return ()
        owns.append(set(content_terms(" ".join(own))))
        # the side's subject: its words minus item kinds and list phrasing ("rules … in the 2021 news")
        for rule in (KIND_TOP5, KIND_CORPORATE_NEWS, KIND_POLICY_NEWS, KIND_NEWS):
            text = rule.sub(" ", text)
        words = [w for w in re.findall(r"[\w’'&-]+", text) if not _filler(w.lower())]
        topics.append(_expand_acronyms(" ".join(words), info))
    if len(set(topics)) < len(topics):
        return ()
    # "chip news in 2021 versus the semiconductor policy of 2023": equivalent words (thesaurus.py)
    # on each side are one theme, not two subjects
    if any(all(any(m <= own for m in g) for own in owns) for g in thesaurus_groups(set().union(*owns))):
        return ()
    return tuple(topics)


_YEAR_IN = re.compile(r"(?<!\d)" + _YEAR + r"(?!\d)")


def is_list_word(word: str) -> bool:
    """A word that only says 'list the items' or restates a constraint (TABLE_FILLER, inflected)."""
    return _filler(word)


def _filler(word: str) -> bool:
    """A list word, or an inflection of one ("involves" of "involve"); not a word that merely shares
    a stem with one ("industry" is a topic, "industries" of the briefs' name is not)."""
    return word in TABLE_FILLER or any(word.endswith(end) and word[:-len(end)] in TABLE_FILLER
                                       for end in ("s", "es", "d", "ed", "ing"))


def section_kinds(question: str) -> frozenset[str]:
    """The sections a question names by their own names ("Top 5", "corporate news")."""
    return frozenset(k for rule, k in ((KIND_TOP5, "top5"), (KIND_CORPORATE_NEWS, "corporate_news"),
                                       (KIND_POLICY_NEWS, "policy_news")) if rule.search(question))


def names_news(question: str) -> bool:
    """"news" on its own, beside or instead of a news section's name: both news sections."""
    return bool(KIND_NEWS.search(KIND_POLICY_NEWS.sub(" ", KIND_CORPORATE_NEWS.sub(" ", question))))


def named_kinds(question: str) -> frozenset[str]:
    """The item kinds a question names outright ("the news items": both news sections), whatever it asks."""
    return section_kinds(question) | ({"policy_news", "corporate_news"} if names_news(question) else frozenset())


def only_kinds(question: str) -> frozenset[str]:
    """"the news ones only", "only the Top 5 ones": the kinds a question names when it names
    nothing else (no topic, period or issuer); else none."""
    kinds = named_kinds(question)
    left = [w for w in re.findall(r"[\w'’-]+", without_kinds(question)) if not _filler(w.lower()) and content_terms(w)]
    return kinds if kinds and not left else frozenset()


def without_kinds(text: str) -> str:
    """The text without the names of the briefs' sections ("news", "Top 5"): they name no topic."""
    for rule in (KIND_TOP5, KIND_CORPORATE_NEWS, KIND_POLICY_NEWS, KIND_NEWS):
        text = rule.sub(" ", text)
    return text


def _stated_items(question: str) -> int:
    """"two plans", "both documents": how many items the question says there are (0: it does not say)."""
    m = STATED_ITEMS.search(question)
    if not m:
        return 0
    n = m["n"].lower()
    return 2 if n == "both" else int(NUMBER_WORDS.get(n, n))


def _item_conjunct(m: re.Match) -> str:
    """'announcements and acquisitions' → 'announcements': beside a noun naming items as such, the other nouns name
    other kinds of item, and a list of them all is every item of the other constraints."""
    words = [m[1], *(w for w in re.findall(r"[\w'’-]+", m[2]) if w.lower() not in ("and", "or")), m[3]]
    if len(words) > 2:
        # "plans, standards or measures": a series that starts with items as such lists kinds of item;
        # "chips, batteries or announcements" lists topics, and only its last pair is read as a pair
        if ITEM_KIND_NOUNS.hit(words[0].lower()):
            return words[0]
        head = m[0][:m.start(2) - m.start(0) + m[2].rfind(",") + 1]
        return head + " " + _item_conjunct(re.match(r"([\w'’-]+)(\s+(?:and|or|&)\s+)([\w'’-]+)", f"{words[-2]} or {words[-1]}"))
    a, b = m[1].lower(), m[3].lower()
    if ITEM_KIND_NOUNS.hit(a) and not _filler(b):
        return m[1]
    if ITEM_KIND_NOUNS.hit(b) and not _filler(a):
        return m[3]
    return m[0]


def _table_topic(topic: str, question: str, info: CorpusInfo, multi) -> str:
    """The topic of a structured question: its words minus list words, kinds, issuers and constraints."""
    text = _without_agencies(topic, info)
    if info.companies:  # "carmakers", "foreign firms" constrain the rows by kind of company
        for _, a, b in sorted(info.companies.categories_in(text), key=lambda x: -x[1]):
            text = text[:a] + " " + text[b:]
    if multi:
        text = text.replace(multi[0], " ")
    for rule in (KIND_TOP5, KIND_CORPORATE_NEWS, KIND_POLICY_NEWS):
        text = rule.sub(" ", text)
    text = ITEM_NOUNS_CN.sub(" ", text)
    text = LIST_CONJUNCT.sub(_item_conjunct, text)
    # quotes and possessives come off a word before the filler test, not a plural's s ("SMEs")
    left = [w for w in re.findall(r"[\w’'-]+", text) if not _filler(w.lower())
            and not _filler(re.sub(r"^['’]+|['’]+s?$", "", w.lower())) and not re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)", w.lower())]
    # "battery-related", "EV-focused": a compound's filler half ("related") says "about", nothing more
    left = [w.rsplit("-", 1)[0] if "-" in w.strip("-") and _filler(w.rsplit("-", 1)[1].lower()) else w for w in left]
    kept = [w.strip("-") for w in left if content_terms(w) and not _filler(w.strip("-").lower())]
    if mostly_chinese(question):  # its topic is what the glossary and the name lookups put in English
        kept = [w for w in kept if not re.search(r"[\u3400-\u9fff]", w)]
    return " ".join(kept)


def _in_english(text: str, info: CorpusInfo) -> str:
    """Chinese policy terms put in English (glossary.py), except inside an agency's name:
    国家知识产权局 names an issuer, whose name the planner reads as a whole."""
    spans = sorted(info.agencies.spans(text)) if info.agencies else []
    out, pos = [], 0
    for s, e in spans:
        out += [to_english(text[pos:s]), text[s:e]]
        pos = e
    return "".join(out + [to_english(text[pos:])])


def _without_agencies(text: str, info: CorpusInfo) -> str:
    """The text with agency names blanked: 国家知识产权局 names an issuer, not a policy whose name holds it."""
    if info.agencies:
        for s, e in sorted(info.agencies.spans(text), reverse=True):
            # a word joined to the name by a slash is another form of it ("Cyberspace/Cybersecurity
            # Administration", "CAC/Cybersecurity Administration"), not a topic
            before, after = re.search(r"[\w-]+\s*/\s*$", text[:s]), re.match(r"\s*/\s*[\w-]+", text[e:])
            s, e = s - (len(before[0]) if before else 0), e + (len(after[0]) if after else 0)
            text = text[:s] + " " + text[e:]
    return text


def chinese_name_items(question: str, info: CorpusInfo, min_chars: int = 4) -> list[str]:
    """Items whose Chinese policy name shares a long run of characters with the question: a
    pasted Chinese name (or a long enough part of it) names that item exactly."""
    runs = re.findall(r"[\u3400-\u9fff]{%d,}" % min_chars, CN_TITLE_FILLER.sub(" ", question))
    every = "".join(re.findall(r"[\u3400-\u9fff]+", question))
    if not runs or not info.cn_names:
        return []
    best: dict[str, int] = {}
    for item_id, name in info.cn_names.items():
        # quotes, digits and brackets vary between copies; words every title has name nothing
        name = "".join(re.findall(r"[\u3400-\u9fff]+", CN_TITLE_FILLER.sub("", name)))
        for run in runs:
            n = _longest_common(run, name)
            if n >= min_chars:
                best[item_id] = max(best.get(item_id, 0), n)
    if not best:
        return []
    top = max(best.values())
    # the best match, and any other name pasted whole: a question may name two policies
    whole = {i for i in best if "".join(re.findall(r"[\u3400-\u9fff]+", info.cn_names[i])) in every}
    return [i for i, n in best.items() if n == top or i in whole]


def _longest_common(a: str, b: str) -> int:
    """Length of the longest common substring (short strings: dynamic programming is enough)."""
    best = 0
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0] * (len(b) + 1)
        for j, cb in enumerate(b, 1):
            if ca == cb:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def is_overview(question: str, topic: str, names_period: bool) -> bool:
    """"Summarise the November 2022 brief", "What were its Top 5 topics?": about a brief as a
    whole, so no retrieval question is left once the overview words are gone."""
    if not (names_period or BRIEF_WORDS.search(question)):
        return False
    # "news from Nov 2021?": a period and nothing topical is the brief as a whole, overview word or not
    # "the 2022 one" stands for one item, not for the brief
    return ((bool(OVERVIEW.search(question)) or names_period) and not content_terms(OVERVIEW_FILLER.sub(" ", topic))
            and not PRO_ONE.search(question))


def _part_intents(question: str) -> tuple[tuple[str, str], ...]:
    """The parts of a question asking two different things of an item (its name and its issuer,
    its issuer and its targets) with the facet each asks for; () for a question asking one."""
    parts = [x.strip() for x in QUESTION_PARTS.split(question) if x and x.strip()]
    if len(parts) < 2:
        return ()
    intents = [classify(x) for x in parts]
    return tuple(zip(parts, intents)) if len(set(intents)) >= 2 else ()


def _members_named(company_kinds: tuple[tuple[str, str], ...], info: CorpusInfo) -> list[str]:
    """The companies the briefs name of each kind the question asks about."""
    return sorted({n for k, _ in company_kinds for n in info.members_named(k)})


def _company_names(question: str, info: CorpusInfo) -> tuple[str, ...]:
    """All the names of the companies a question names, of those the briefs name too."""
    if not info.companies:
        return ()
    out: list[str] = []
    for name in info.companies.find(question):
        if name in info.corpus_companies:
            c = info.companies.by_name[name]
            out += [n for n in (c.name, *c.aliases, *c.cn) if n not in out]
    return tuple(out)


def _named_otherwise(word: str, info: CorpusInfo) -> bool:
    """A company the briefs write under another of its names ("VW" for Volkswagen)."""
    if not info.companies:
        return False
    return any(name in info.corpus_companies for name in info.companies.find(word))


def unknown_names(question: str, info: CorpusInfo) -> list[str]:
    """Capitalised names in the question that no indexed brief contains (sentence-initial
    words excluded: "Which" is capitalised for grammar, not because it names anything)."""
    if not info.vocabulary:
        return []
    out: list[str] = []
    for m in PROPER.finditer(question):
        word = m[1]
        if SENTENCE_START.search(question[:m.start()]):
            continue
        if word.lower() in info.vocabulary or word.lower() in FORMAT_WORDS or word.lower() in NOT_NAMES \
                or MONTH_NAMES.hit(word.lower().rstrip(".")) \
                or word.lower() in info.aliases \
                or word in info.initialisms or _named_otherwise(word, info):
            continue
        if word not in out:
            out.append(word)
    return out


def _issuers(question: str, info: CorpusInfo) -> list[str]:
    found: list[str] = []
    for name, acronym in info.aliases.items():
        if name == acronym.lower():
            hit = re.search(r"\b" + re.escape(acronym) + r"\b", question)  # acronyms are case-sensitive: MOST ≠ most
        else:
            hit = re.search(r"\b" + re.escape(name) + r"\b", question, re.I)
        if hit and acronym not in found:
            found.append(acronym)
    return found


def _expand_acronyms(topic: str, info: CorpusInfo) -> str:
    """Both forms of a term for both retrievers: an acronym the briefs define gets its expansion
    ("ICT" → "information and communication technology") and an expansion its acronym; an acronym
    the briefs never use ("GM") gets the corpus names with those initials ("General Motors"); a
    company named in Chinese or by another name gets the name the briefs use."""
    extra: list[str] = []
    low = " ".join(content_terms(KIND_TOP5.sub(" ", topic)))  # the "Top 5" section is no "Five-Year Plan"
    for acr, names in info.acronyms.items():
        if re.search(r"\b" + re.escape(acr) + r"s?\b", topic):
            extra.extend(n for n in names if n not in extra)
        elif any(" ".join(content_terms(n)) and " ".join(content_terms(n)) in low for n in names):
            extra.append(acr)
    for acr in dict.fromkeys(re.findall(r"\b[A-Z]{2,5}\b", topic)):
        if acr.lower() in info.vocabulary or acr.lower() in info.aliases or acr in info.acronyms:
            continue
        extra.extend(p for p in info.initialisms.get(acr, ()) if p not in extra)
    if info.companies:  # a company written another way ("巴斯夫", "VW") as the briefs name it
        extra.extend(n for n in info.companies.find(topic) if n in info.corpus_companies
                     and n.lower() not in topic.lower() and n not in extra)
    extra.extend(w for w in known_forms(topic, info.vocabulary) if w not in extra)  # typos, compounds
    return f"{topic} ({' / '.join(extra)})" if extra else topic


def without_gloss(topic: str) -> str:
    """The topic without the other forms _expand_acronyms appended to it."""
    return _GLOSS.sub("", topic)


_GLOSS = re.compile(r"\s\([^()]*\)\s*$")  # the " (form / form)" _expand_acronyms appends


def find_acronyms(texts: list[str]) -> dict[str, tuple[str, ...]]:
    """'information and communication technology (ICT)', 'state-owned enterprise (SOE)': acronyms the
    briefs define, whatever the case of the words, found by matching the letters to the words'
    initials just before the parentheses. Used to read either form of a term as the other."""
    found: dict[str, list[str]] = {}
    for text in texts:
        for m in PAREN_ACRONYM.finditer(text):
            acr = m[1]
            letters = [c.lower() for c in acr if c.isalpha() and c.isupper()] or [acr[0].lower()]
            words = re.findall(r"[\w’'-]+", text[max(0, m.start() - 160):m.start()])[-12:]
            name = _initials_match(words, letters)
            if name and name.lower() != acr.lower():
                found.setdefault(acr, [])
                if name not in found[acr]:
                    found[acr].append(name)
    return {k: tuple(v) for k, v in found.items()}


def _initials_match(words: list[str], letters: list[str]) -> str:
    """The shortest run of trailing words whose initials spell the letters. A link word ("of",
    "and") may give its letter or none (MOST, but SAMR); a hyphenated word its first letter or
    one per part (SOE from "state-owned", HIDZ from "High-Tech")."""
    for start in range(len(words) - 1, max(-1, len(words) - len(letters) - 6), -1):
        run = words[start:]
        if run[0].lower() in LINK_WORDS or any(re.search(r"[A-Z]{2}", w) for w in run):
            continue  # a name starts with a content word and holds no other acronym ("CAC notice")
        if _spells(run, letters):
            return " ".join(run)
    return ""


def _spells(words: list[str], letters: list[str]) -> bool:
    if not words:
        return not letters
    w, rest = words[0], words[1:]
    options = []
    if w.lower() in LINK_WORDS:
        options = [[], [w[0].lower()]]
    else:
        parts = [p for p in w.split("-") if p]
        options = [[w[0].lower()], [p[0].lower() for p in parts]] if len(parts) > 1 else [[w[0].lower()]]
    for opt in options:
        if letters[:len(opt)] == opt and _spells(rest, letters[len(opt):]):
            return True
    return False


def find_initialisms(texts: list[str], limit: int = 3) -> dict[str, tuple[str, ...]]:
    """Capitalised names in the corpus by their initials: 'General Motors' → 'GM'.

    Only consulted for acronyms absent from the corpus, so a wrong guess costs little;
    more than `limit` candidates means the initials say nothing and none is kept."""
    found: dict[str, list[str]] = {}
    for text in texts:
        for m in CAPITALISED_NAME.finditer(text):
            words = m[0].split()
            while words and words[0].lower() in STOPWORDS:  # sentence starts: "The State Council"
                words = words[1:]
            for start in range(len(words) - 1):  # every sub-name: "The General Motors" holds "General Motors"
                for end in range(start + 2, len(words) + 1):
                    name = " ".join(words[start:end])
                    key = "".join(w[0] for w in words[start:end])
                    if name not in found.setdefault(key, []):
                        found[key].append(name)
    return {k: tuple(v) for k, v in found.items() if len(v) <= limit}


def find_aliases(texts: list[str], issuers: list[str]) -> dict[str, str]:
    """'Ministry of Natural Resources (MNR)' in the corpus → alias map.

    Learned from the briefs themselves so new issuers in new briefs are understood."""
    aliases: dict[str, str] = {}
    for acr in issuers:
        aliases[acr.lower()] = acr
    for text in texts:
        for m in ALIAS.finditer(text):
            name = re.sub(r"^(?:The|the|and|of|for|on|in)\s+", "", m[1]).strip()
            acr = m[2]
            if not acr.isupper() or len(name.split()) < 2:
                continue
            aliases.setdefault(acr.lower(), acr)
            aliases.setdefault(name.lower(), acr)
    return aliases
