"""Every word list and pattern the answering code uses, each named, with the reason it exists.

Rules record when they fire (`fired()`), so each eval record can list the rules behind its answer,
and any rule can be switched off by name (`disable()`), so `python -m eval ablate` can measure
what each one is worth on every question set. A rule whose only support is the question set it
was written for should not survive that measurement."""
from __future__ import annotations

import contextvars
import re
from dataclasses import dataclass, field

_fired: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("fired", default=None)
_DISABLED: set[str] = set()
REGISTRY: dict[str, "Rule | Words"] = {}


def start_recording() -> None:
    """Begin a fresh record of fired rules for the current question (per thread/context)."""
    _fired.set(set())


def fired() -> list[str]:
    return sorted(_fired.get() or ())


def disable(names: list[str] | set[str] | tuple[str, ...]) -> None:
    """Switch rules off process-wide (eval ablation); unknown names are an error."""
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        raise ValueError(f"unknown rule(s): {', '.join(unknown)}; known: {', '.join(sorted(REGISTRY))}")
    _DISABLED.clear()
    _DISABLED.update(names)


def disabled() -> frozenset[str]:
    """The rules switched off now (caches of rule-dependent results key on it)."""
    return frozenset(_DISABLED)


def _note(name: str) -> None:
    rec = _fired.get()
    if rec is not None:
        rec.add(name)


@dataclass(eq=False)
class Rule:
    """A named regular expression and why it exists."""

    name: str
    pattern: str
    reason: str
    flags: int = re.I
    rx: re.Pattern = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.rx = re.compile(self.pattern, self.flags)
        REGISTRY[self.name] = self

    @property
    def on(self) -> bool:
        return self.name not in _DISABLED

    def search(self, text: str) -> re.Match | None:
        if not self.on:
            return None
        m = self.rx.search(text)
        if m:
            _note(self.name)
        return m

    def finditer(self, text: str):
        if not self.on:
            return iter(())
        found = list(self.rx.finditer(text))
        if found:
            _note(self.name)
        return iter(found)

    def sub(self, repl, text: str) -> str:
        if not self.on:
            return text
        out = self.rx.sub(repl, text)
        if out != text:
            _note(self.name)
        return out

    def split(self, text: str) -> list[str]:
        """The text's parts between matches (the whole text when the rule is off)."""
        if not self.on:
            return [text]
        parts = self.rx.split(text)
        if len(parts) > 1:
            _note(self.name)
        return parts


@dataclass(eq=False)
class Words:
    """A named word list and why it exists; `hit(w)` is a membership test that records firing."""

    name: str
    words: frozenset[str]
    reason: str

    def __post_init__(self) -> None:
        REGISTRY[self.name] = self

    @property
    def on(self) -> bool:
        return self.name not in _DISABLED

    def __contains__(self, word: str) -> bool:
        return self.on and word in self.words

    def hit(self, word: str) -> bool:
        if word in self:
            _note(self.name)
            return True
        return False


def words(name: str, text: str, reason: str) -> Words:
    return Words(name, frozenset(text.split()), reason)


# ── Months and periods ────────────────────────────────────────────────────────────────────
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
# Full names first so "June" is not read as "Jun" + "e"; abbreviations with an optional dot.
MONTH_RE = "(?:" + "|".join(m.capitalize() for m in MONTHS) + r"|Sept?|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Oct|Nov|Dec)\.?"
MONTH_NAMES = words("month_names", " ".join(MONTHS) + " jan feb mar apr jun jul aug sep sept oct nov dec",
                    "Months and their abbreviations are dates, never unknown names ('Nov 2021').")

PART_OF_MONTH = Rule(
    "part_of_month",
    r"\b(?:(early|beginning of|start of|mid|middle of|late|end of)|(?:the\s+)?(first|second|third|last|final)\s+"
    r"(week|half|ten days)\s+of)[\s-]*$",
    "A month narrowed to part of it ('mid-October', 'the last week of') is a day range, not the whole month.")
WEEK_OF = Rule("week_of", r"\b(?:the\s+)?week\s+(?:of|starting|beginning)\s*(?:on\s+)?$",
               "'the week of 7 November' is seven days from that day.")
RANGE_BETWEEN = Rule(
    "range_between", r"\b(?:between|from)\s*$",
    "'between A and B' / 'from A to B' bound a date range on both sides.")
RANGE_JOIN = Rule(
    "range_join", r"^\s*(?:and|to|until|till|through|thru|-|–|—|~|至|到)\s*",
    "The word between the two ends of a date range.")
OPEN_START = Rule(
    "open_start", r"\b(?:since|after|from|starting|as of|later than)\s*$",
    "'since X' keeps what is dated X or later.")
OPEN_END = Rule(
    "open_end", r"\b(?:before|prior to|until|till|up to|earlier than)\s*$",
    "'before X' keeps what is dated before X.")
OPEN_START_AFTER = Rule(
    "open_start_after", r"^\s*,?\s*(?:on(?:wards?)?\b(?!\s+(?:the|a|an|what|which|how|who|whether|its?|this|that)\b)|"
    r"(?:and|or)\s+(?:later|after|beyond|since)\b|and\s+after(?:wards)?\b|forward\b)",
    "'X onwards' / 'X or later' keeps what is dated X or later (the word follows the date).")
OPEN_END_AFTER = Rule(
    "open_end_after", r"^\s*,?\s*(?:(?:and|or)\s+(?:earlier|before)\b)",
    "'X or earlier' keeps what is dated X or before (the word follows the date).")
TARGET_YEAR_BEFORE = Rule(
    "target_year_before", r"\b(by|for|until|till|through|to reach|before|target(?:s|ed)? (?:for|of)?)\s*$",
    "A year after 'by'/'targets for' is a target the content states, not the brief's date.")
FRAMING_FOR = Rule(
    "framing_for", r"(?:^|[.?!;]\s*)\W*(?:(?:and|so|now|then|ok|okay)\s*,?\s+)?for\s*$",
    "'For 2022, which items…?': a year opening the question after 'for' frames it; it is the period asked about.")
RELATIVE_LAST_YEAR = Rule(
    "relative_last_year", r"\blast year'?s?\b|\bprevious year\b|\ba year (?:ago|earlier)\b|\bthe year before\b|\bprior year\b",
    "'last year's brief' names the year before the newest brief.")
RELATIVE_SHIFT = Rule(
    "relative_shift", r"\b(?:a|one) year (?P<later>later|after|afterwards|on)\b|\b(?:a|one) year (?P<earlier>earlier|before|prior)\b"
                      r"|\bthe (?:(?P<later2>following|next)|(?P<earlier2>previous|prior)) year\b|\bthe year (?:(?P<later3>after)|(?P<earlier3>before))\b",
    "In a follow-up, 'a year later' / 'the year before' count from the period just discussed, not from the newest brief.")
OTHER_PERIOD = Rule(
    "other_period",
    r"\bthe\s+(?:(?P<other>other)|(?P<earlier>previous|earlier|prior|preceding|older)|(?P<later>next|later|following|subsequent|newer))"
    r"\s+(?:(?P<year>year)|brief|issue|edition|report|newsletter|month)(?:['’]s)?\b"
    r"|另一(?:期|年)|(?P<cnearlier>上|前)一(?:期|年)|(?P<cnlater>下|后)一(?:期|年)",
    "In a follow-up, 'the other brief', 'the previous edition', '上一期' name a brief relative to the one just "
    "discussed: the one(s) not discussed, the one before or the one after (briefs are counted, not calendar years).")
LATEST_BRIEF = Rule(
    "latest_brief", r"\b(latest|newest|most recent|current|this month'?s?)\s+(brief|issue|edition)\b|\bthis year\b",
    "'the latest brief' names the newest brief month.")
BRIEF_NOUN = Rule(
    "brief_noun", r"^\s*(?:(?:'s\s+)?(?:merics\s+)?(?:china\s+industries\s+)?(brief|issue|edition|newsletter)\b|的?(?:简报|月报|报告|期(?![间限内])))",
    "A month followed by 'brief' (简报, 那一期) names a brief, not the items dated in that month.")
BRIEF_ITEM_NOUN = Rule(
    "brief_item_noun", r"^\s*(?:['’]s\s+)?(?:items?|news|stories|entries|top[- ]?(?:5|five)|polic(?:y|ies)|announcements)\b",
    "'the March items' are the items of the March brief when there is one (some are dated February); with "
    "no brief of that month, the items dated in it.")
ITEMS_OF_MONTH = Rule(
    "items_of_month", r"\b(?:items?|news|stories|entries|top[- ]?(?:5|five)(?:\s+items?)?)\s+(?:in|from|of)\s+(?:the\s+)?$",
    "'the policy items in March 2023' are that month's brief's items, like 'the March 2023 items'.")
REPORTED_IN = Rule(
    "reported_in", r"\b(?:reported|covered|mentioned|featured|included)\s+(?:in\s+)?(?:the\s+|last\s+)?$",
    "'mentioned in the March brief' is what that brief reported (some of it dated a month earlier); "
    "'released in November' is what is dated then.")

# ── What the question asks for ────────────────────────────────────────────────────────────
COMPARE = Rule(
    "compare", r"(?:\bcompar\w*+(?:\s+(?:to|with))?+|\bversus\b|\bvs\b\.?+)(?!\s+(?:how|what|where|when|whatever)\b)"
               r"|\bdiffer|\bchanged?\b.*\b(between|from|since|over)\b|\bevolv|\bside by side\b"
               r"|\bcontrast|\bthen and now\b",
    "Comparison words ask for periods side by side even when only one period is named. A value compared with a "
    "clause ('versus what it was before') is compared with its own earlier figure, in one item.")
POLAR = Rule(
    "polar", r"^\W*(?:and\s+)?(?:does|do|did|will|would|is|are|was|were|has|have|had|can|could|should|must)\b",
    "A yes/no question: its answer is the sentence that says yes or no, and 'does the plan list…' lists nothing.")
LIST_REQUEST = Rule(
    "list_request", r"(?:^|[.?!;:]\s*)(?:please\s+)?(?:list|enumerate|name|give|show)\b|\b(?:is|are) there (?:any )?(?:other )?"
                    r"(?:items?|polic(?:y|ies)|news|stories|announcements|developments|documents|plans)\b",
    "Still a list inside a yes/no question: 'Are there any items on X? List them.'")
ASKS_EXISTENCE = Rule(
    "asks_existence", r"^\W*(?:does|do|did|will|would|is|are|was|were|has|have)\b[^?]*?(?<!\blike )(?<!\bas )(?<!\bthan )\b(?:any|a specific|specific)\s+"
                      r"(?P<obj>[\w&-]+(?:\s+(?!for\b|of\b|to\b|in\b|on\b|by\b|from\b|with\b|that\b)[\w&-]+)?)",
    "'Does it name any penalties?': only an item that names what is asked about answers yes or no; the verb is no topic. "
    "'like any other input' compares; it asks for nothing.")
ASKS_THERE = Rule(
    "asks_there", r"^\W*(?:and\s+|so\s+)?(?:is|are|was|were|will)\s+there\s+(?:be\s+)?(?:any\s+|a\s+|an\s+|some\s+)?"
                  r"(?P<obj>[\w&-]+(?:\s+(?!for\b|of\b|to\b|in\b|on\b|by\b|from\b|with\b|that\b|about\b)[\w&-]+)?)",
    "'Were there subsidies for such projects?' asks, like 'does it list any penalties?', whether the items name the thing: an "
    "item that only shares the question's other words says nothing of it.")
EXISTENCE_VAGUE = words(
    "existence_vague", """related other further additional another similar earlier later previous prior new recent more
    move moves step steps action actions news announcement announcements development developments item items entry
    entries story stories push pushes effort efforts drive drives initiative initiatives attempt attempts government official""",
    "'Was there a similar step by the NDRC?', 'were there previous purchases?': words that say how the thing relates to what "
    "was discussed, or that it is some item at all, are nothing the item must write; so are words for the act of "
    "making policy ('a government push to …', 'an official effort'), which every policy item is.")
NAMING_VERBS = words("naming_verbs", "named mentioned listed identified cited singled",
                     "'Are any carmakers named?': the participle after what is asked about asks; it is nothing the "
                     "item must mention.")
ASKS_PROVISION = Rule(
    "asks_provision", r"^\W*(?:and\s+)?(?:does|do|did|will|would|is|are|was|were|has|have)\b[^?]*?\b(?:offer|provide|grant|"
                      r"include|impose|introduce|name|mention|require|give|contain|specif(?:y|ie)|list|set)(?:s|d|ed)?\s+"
                      r"(?:(?:a|an|the|some|specific|new)\s+)?(?P<obj>[\w&-]+(?:\s+(?!for\b|of\b|to\b|in\b|on\b|by\b|"
                      r"from\b|with\b|that\b|among\b|as\b)[\w&-]+)?)",
    "'Does the plan offer tax breaks to…?' asks whether the item provides that thing: only an item that names it "
    "answers yes or no, however well it matches the rest of the question.")
ASKS_EMBEDDED = Rule(
    "asks_embedded", r"^\W*(?:and\s+|so\s+)?(?:does|do|did|will|would|is|are|was|were|has|have)\b[^?]*?\b(?:name|mention|say|specify|list|"
                     r"state|tell|reveal|explain|indicate|show|identify)(?:s|d|ed)?\s+(?:us\s+)?(?P<wh>which|what|who|whom|where|how many|"
                     r"how much|how)\s+(?P<clause>[^?]+)",
    "'Does it say which cities host the pilots?': a yes/no question around a question of its own asks whether the item "
    "answers that one; only an item stating all it asks about does.")
PROVISION_SCOPE = Rule(
    "provision_scope", r"^\s*(?:for|on|regarding|covering)\s+(?:the\s+)?(?P<what>[^?.,;]+)",
    "'Does it set a goal for rural broadband?': a part of an item asked for something names that thing, and "
    "only a sentence of that part that names it answers; an item with other targets does not.")
FIGURE_PARTS = words("figure_parts", "target targets goal goals figure figures number numbers",
                     "Parts of an item that are figures: a target 'for rural broadband' must come with a number.")
FACET_NOUNS = words(
    "facet_nouns", """target targets goal goals aim aims deadline deadlines date dates timeline timelines measure measures
    requirement requirements rule rules condition conditions figure figures number numbers detail details step steps
    limit limits
    plan plans provision provisions mention mentions information data specific specifics comment view""",
    "Nouns naming a part of an item ('any targets', 'any deadline'), which the item states in other words: a yes/no "
    "question about them is answered by the facet, not by the word.")
QUESTION_PARTS = Rule(
    "question_parts", r",?\s+and\s+(?=(?:(?:for|in|by|at|to|from|with)\s+)?(?:what|how|when|who|which|where|why)\b)|\?\s+(?=\S)|[?？](?=[\u3400-\u9fff\d])|;\s*",
    "Where a question asking two things parts ('how big…, and how many…?'): each part's value is checked on its own. "
    "Chinese writes no space after its question mark.")
FIRST_OF_TWO = Rule(
    "first_of_two", r"\bwhich (?:one )?(?:came|comes|was|were|is) (?:out |released |issued |published )?(?:first|earlier|sooner|"
                    r"later|last)\b|\bwhich\b(?:\s+[\w'’-]+){0,6}?\s+(?:higher|lower|larger|smaller|bigger|greater|stricter|"
                    r"tougher|broader|narrower|wider|stronger|weaker|more|less|fewer|longer|shorter|earlier|later)\b",
    "'Which came first, A or B?', 'which sets the higher target, A or B?' set two named items side by side, like "
    "'compare': a comparative asks for both.")
ITEM_SIDE_JOIN = Rule(
    "item_side_join", r"\s+(?:or|and|with|versus|vs\.?|against|to|(?:differs?|differed) from)\s+",
    "Between the two items a comparison names ('the steel plan and the copper notice', 'A or B').")
ITEM_SIDE_END = Rule(
    "item_side_end", r"\s+(?:both|each|respectively|in terms of|when it comes to)\b.*$",
    "What follows the second item ('… each set a deadline') says what is compared, not which item.")
ITEM_SIDE_START = Rule(
    "item_side_start", r"^.*\b(?:between|compare|comparing|of|first|earlier)\b[\s,:-]*",
    "What precedes the first item ('compare', 'which came first -') is the comparison, not the item.")
ITEM_SIDE_NOUN = Rule(
    "item_side_noun", r"\b(?:item|entry|story)\b",
    "'compare it with the VR item': a side may name an item as an item of the brief, not by its kind of instrument.")
ITEM_SIDE_VERB = Rule(
    "item_side_verb", r"^\W*(?:how|where|in what way)\s+(?:does|do|did|is|are|was|were)\s+(?P<item>.+?)(?:\s+(?:compare[sd]?|stack[s]? up|differ))?\s*$",
    "'How does the VR plan compare with the HIDZ plan?': the first item stands before the comparing verb.")
SIDE_PRONOUN = Rule(
    "side_pronoun", r"\b(?:it|that|this|this one|that one|the latter|the former)\b(?=\s+(?:compare[sd]?|stack[s]? up|differ)|\s*$|\s*[?.!])"
                    r"|(?<=\bcompare )(?:it|that|this)\b|(?<=\bcomparing )(?:it|that|this)\b",
    "'How does this compare to the HIDZ plan?': one side of an item comparison is the item just discussed.")
COMPARE_SPLIT = Rule(
    "compare_split", r"\s*(?:\bversus\b|\bdiffer(?:s|ed)? from\b|\bcompare(?:s|d)? (?:with|to)\b|\bvs\.?(?!\w)|\bcompared (?:with|to)\b|\bas opposed to\b|\bagainst\b|\bwhereas\b|"
                     r"\bwhile\b|\bbut\b|;|—|–|\s-\s)\s*",
    "Where a comparison's sides part: 'X in 2021 versus Y in 2022' asks about X for 2021 and Y for 2022.")
# Contracted question words, spelled out: the rules below read "what is", "does not".
_CONTRACTED = {"s": "is", "re": "are", "ll": "will"}
CONTRACTION = Rule(
    "contraction", r"\b(what|who|where|when|how|which|that|it|there|here)['’](s|re|ll)\b"
                   r"|\b(does|do|did|is|are|was|were|has|have|had|would|should|could)n['’]t\b",
    "'What's the budget…?' asks what 'What is the budget…?' asks; only question words and pronouns "
    "take 's as 'is', so a possessive ('MOST's plan') stays.")


def spell_out(text: str) -> str:
    """Contractions of question words and auxiliaries written in full ("what's" → "what is")."""
    def full(m: re.Match) -> str:
        if m[3]:
            return f"{m[3]} not"
        return f"{m[1]} {_CONTRACTED[m[2].lower()]}"
    return CONTRACTION.sub(full, text)


TOPIC_SWITCH = Rule(
    "topic_switch", r"^\s*(?:(?:a\s+)?(?:different|new|another|other|next)\s+(?:topic|subject|question|thing)|"
                    r"switching\s+(?:topics?|subjects?)|on\s+(?:another|a\s+different)\s+(?:note|topic))\s*[:,;.!-]*\s*",
    "'Different topic: …' switches subject; it is no follow-up and compares nothing.")
PURPOSE_FRAME = Rule(
    "purpose_frame", r"^\s*(?:for|as)\s+(?:a|an|my|our|the|this|some)\s+(?!result\b)[^:?.!;,]{1,50}?\s*(?::|\s[-–—]\s)\s*",
    "'For a client memo: which …', 'As an investor: …': who asks, or what for, before a colon frames the "
    "question; it names no topic.")

# Enumeration: the question wants every item that meets its constraints, not the best one.
# Nouns that name items of a brief; "how many companies / measures" asks for a figure in an item.
_ITEM_NOUN = (r"(?:top[\s-]*(?:5|five)\s+)?(?:(?:policy|corporate|company|business)\s+)?(?:items?|polic(?:y|ies)|news|plans?|"
              r"notices?|documents?|regulations?|rules|announcements?|developments|stories|guidelines|drafts?|things)")
# "steel plans - how many?": a plural item noun, then the asking words after a dash, colon or comma
_PLURAL_ITEMS_THEN = (r"\b(?:items|policies|news|plans|notices|documents|regulations|rules|announcements|developments|stories|"
                      r"guidelines|drafts)\b[^?.!;:,–—-]{0,60}?\s*[-–—:,]\s*")
ENUMERATE = Rule(
    "enumerate",
    r"\b(?:list\b|enumerate\b|everything\b|every\b|all\b(?! of (?:it|this|that)\b)|any other|what (?:else|other)|"
    r"how many times\b(?! (?:as|more|larger|bigger|higher|greater)\b)|(?:is|are) there (?:any )?(?:other )?" + _ITEM_NOUN + r"\b|"
    r"(?:how many|number of|count(?: of)?)\s+(?:of\s+(?:the|these|those)\s+)?(?:(?!and\b|or\b)[\w.-]+\s+){0,3}?" + _ITEM_NOUN + r"\b"
    r"|which (?:of (?:the|these|those) )?(?!(?:[\w-]+\s+)?(?:bod(?:y|ies)|agenc(?:y|ies)|ministr(?:y|ies)|departments?|"
    r"authorit(?:y|ies)|issuers?|regulators?)\b)(?:other )?(?:[\w-]+\s+){0,3}?" + _ITEM_NOUN + r"\b"
    r"|\b(?:items|policies|news|stories|developments|announcements)\s+(?:in|from|of)\s+(?:the|both|each)\b"
    r"|what (?:top[\s-]*(?:5|five) )?(?:items|policies|news|plans|notices|documents|regulations|announcements|developments|stories)\b"
    r"|what (?:[\w-]+\s+){1,4}?(?:items|stories|policies|announcements|developments|news) (?:are|were|did|do|does|came|come|"
    r"appear|appeared|show|showed) (?:in|up|out|there)\b"
    r"|what (?:[\w/-]+\s+){0,4}?(?:items|stories|policies|plans|notices|regulations|documents|announcements|developments|news) "
    r"(?:were|are|have been|got) (?:mentioned|covered|listed|reported|featured|included|published|released|issued|announced)\b"
    r"|(?:items|policies|news|plans|notices|announcements|developments|stories) (?:were|came|come|published|released|issued|dated) "
    r"(?:on|in|between|since|during|before|after|by)\b)"
    r"|\bwhere (?:do|does|did) (?:[\w-]+\s+){1,4}?(?:come up|appear|feature|show up|crop up|get mentioned)\b"
    r"|\bwhere (?:is|are|was|were) (?:[\w-]+\s+){1,4}?(?:mentioned|discussed|covered)\b"
    r"|^\W*(?:(?:in\s+)?(?:19|20)\d{2}\s*[:,-]?\s+)?(?:(?!the\b|this\b|that\b|its?\b)[\w-]+\s+){0,2}(?:items|stories|announcements|developments|news)\s+"
    r"(?:that|which|where|about|on|with|mentioning|involving|naming|concerning|related to)\b"
    r"|" + _PLURAL_ITEMS_THEN + r"(?:how many|count|which|list)\b",
    "A question about many items ('which policies…', 'list…', 'how many items…', or just a plural: 'corporate items "
    "that name …'; or the plural first and the ask after a dash: 'notices on steel: which ones, how many?') is answered "
    "from the item table, completely. 'How many towers' asks for a figure, not a count of items.")
CN_TITLE_FILLER = Rule(
    "cn_title_filler", r"关于|印发|的|通知|有哪些|哪些|发布|了|政策",
    "Words every Chinese policy title and question has ('关于…的通知'): a run of them shared with a title names no policy.")
STATED_ITEMS = Rule(
    "stated_items", r"\b(?P<n>two|three|four|both|2|3|4)\s+(?:(?!of\b|and\b|or\b)[\w-]+\s+){0,3}?(?:plans|policies|items|documents|notices|"
    r"regulations|drafts|announcements|stories|guidelines)\b",
    "'the three notices', 'both drafts': the question says how many items answer it, so that many are cited.")
# Chinese counts items with a measure word and a noun for them; "多少个行业" counts sectors a plan names
_ITEM_COUNT_CN = r"(?:多少|几)(?:项|条|个|份)?(?:政策|文件|通知|新闻|消息|动态|条目|规划|计划|法规|规定|草案)"
ENUMERATE_CN = Rule(
    "enumerate_cn", r"(?<!目标有|措施有|要求有|任务有|内容有|目标是|措施是|要求是)哪些|列出|所有|全部|" + _ITEM_COUNT_CN,
    "Chinese words asking for a list or a count. '目标有哪些' asks which targets an item sets, not for a list of items.")
COUNT = Rule("count", r"\bhow many times\b(?! (?:as|more|larger|bigger|higher|greater)\b)|\b(?:how many|number of|count(?: of)?)\s+(?:of\s+(?:the|these|those)\s+)?(?:(?!and\b|or\b)[\w.-]+\s+){0,3}?" + _ITEM_NOUN + r"\b|" + _ITEM_COUNT_CN
             + r"|" + _PLURAL_ITEMS_THEN + r"(?:how many|count)\b",
             "A count question is answered with the count first.")
YEAR_TERM = re.compile(r"(?:19|20)\d{2}")
# A clause ending in a colon ("Notable targets for 2025 include:"): it introduces the bullet list that
# follows it. Not a Rule: punctuation structure, like sentence splitting, not a phrasing.
LEAD_IN_CLAUSE = re.compile(r"[^.:!?]*:")  # a year as a token; not a Rule: it names a kind of token, not a phrasing
MULTI_ISSUER = Rule(
    "multi_issuer",
    r"\b(?:more than one|several|multiple|two or more|jointly|co-?issu\w*|(?<!\bpull )(?<!\bput )(?<!\bbring )(?<!\bget )"
    r"(?<!\bpiece )together(?: with)?|in cooperation with)\b"
    r"(?:(?:\s+[\w-]+){0,2}?\s+(?:ministr|agenc|bod|department|issuer|authorit)\w*)?"
    r"|\bjoint\s+(?:\w+\s+){0,2}?(?:ministr|agenc|bod|department|issu|release|notice|document|polic)|联合",
    "Jointly issued items are those with two or more issuing bodies: a structural constraint, not a topic "
    "('a joint notice' is one; 'a joint venture' is a company matter; 'pull together' asks for a list).")

EITHER_ISSUER = Rule(
    "either_issuer", r"\b(?:alone|solely|individually|on (?:its|their) own|by itself)\s+or\s+(?:jointly|together|with others)\b"
                     r"|\b(?:issu|releas|publish|put out)\w*\s+(?:or|and/or|/)\s+co-?\w+|单独或联合",
    "'alone or jointly', 'issued or co-issued' put no constraint on the number of issuers.")

SEASON = Rule(
    "season",
    r"\b(?:(?P<s1>spring|summer|autumn|winter)|(?:(?<=\bin\s)|(?<=\bof\s)|(?<=\bthe\s)|(?<=\bduring\s)|(?<=\bsince\s)"
    r"|(?<=\bfrom\s))(?P<s2>fall))\b"
    r"(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d{2}))?|(?P<cn>(?P<cy>(?:19|20)\d{2})\s*年\s*)?(?P<cs>春季|夏季|秋季|冬季)",
    "A season names the months items are dated in (autumn: September to November), not a topic word. 'fall' only "
    "after a preposition: it is also a verb.")
PART_OF_YEAR = Rule(
    "part_of_year",
    r"\b(?P<part>early|mid|late|(?:the\s+)?(?:end|beginning|start)\s+of|(?:the\s+)?(?:first|second)\s+half\s+of)[\s-]*"
    r"(?P<y>(?:19|20)\d{2})\b|\b(?P<h>H[12])\s*(?P<hy>(?:19|20)\d{2})\b"
    r"|(?P<cy>(?:19|20)\d{2})\s*年\s*(?P<cp>底|末|初|上半年|下半年)",
    "'late 2021', 'the first half of 2022', '2021年底' name months of a year (late: September to December), not the "
    "whole year and not a topic word.")
TOPIC_MARKER = Rule(
    "topic_marker", r"\b(?:on|about|regarding|concerning|covering|related to|relating to|dealing with|focused on)\s+",
    "'the items behind the push on batteries': what follows 'on' / 'about' names a list's topic; the words before it "
    "frame it, and are dropped when they match nothing.")
DEFINITE_HEAD = Rule(
    "definite_head", r"^\W*(?:(?:and|ok|okay|so|now|(?:and\s+)?(?:what|how)\s+about)\s*,?\s+)?(?:the|that|this)\s+(?P<head>[^-–—:?,]{2,60}?)\s*(?:[-–—:]|,\s+(?=\w))",
    "'the steel standards - who set them?': a definite noun phrase set before the question names the item it asks "
    "about; in a conversation, an item just cited that its words fit.")
OFFERED_VALUES = Rule(
    "offered_values", r"(?:[-–—:]|\b(?:like|such as|e\.g\.|for example|for instance))\s*"
                      r"(?P<values>[\w'’-]+(?:\s+[\w'’-]+)?(?:\s*,\s*[\w'’-]+(?:\s+[\w'’-]+)?)*(?:,?\s+(?:or|and)\s+[\w'’-]+(?:\s+[\w'’-]+)?)?)\s*\??\s*$",
    "'which fuels does it cover - coal, gas?': the analyst's guesses at the answer, closing the "
    "question; items that name none of them do not confirm any.")
COMES_UP = Rule(
    "comes_up", r"\b(?:come|comes|came|coming|show|shows|showed|shown|crop|crops|cropped|turn|turns|turned|pop|pops|"
                r"popped)\s+up\b",
    "'Does quantum come up anywhere?' asks whether the briefs mention it: the verb names no topic ('came out in "
    "October' is still a date).")
CONTRAST_TAIL = Rule(
    "contrast_tail", r"\b(?:rather than|instead of|as opposed to|and not|but not)\b[^,;.?!]*",
    "'drafts rather than final rules': what comes after 'rather than' is what the question does not ask about.")
QUOTED_PHRASE = Rule(
    "quoted_phrase", r"(?<!\w)'[^']{3,80}'(?!\w)|‘[^’]{3,80}’|“[^”]{3,80}”|\"[^\"]{3,80}\"",
    "A list topic in quotes ('specialized and sophisticated' firms) is matched verbatim, not word by word.")
QUOTED_TITLE = Rule(
    "quoted_title", r"《[^》]*》|“[^”]*”|\"[^\"]*\"",
    "A policy's name in title marks or quotes is a name: a year inside it ('(2021年本)', '(2022 Version)') names the "
    "policy, not a period to search.")
LIST_ALTERNATIVE = Rule(
    "list_alternative",
    r"(?<![\w-])or(?![\w-])",
    "A list asked for 'A or B' (two topics, two issuers, two kinds) is the union of the lists for A and for B, "
    "not the items that are both. English only: Chinese writes no spaces to find the two sides by.")
EXAMPLE_LIST = Rule(
    "example_list", r"(?:\s[—–-]\s*|:\s*|\(|\bsuch as\s+|\blike\s+|\be\.g\.,?\s*)(?P<examples>[\w'’./-]+(?:\s+[\w'’./-]+){0,2}"
                    r"(?:\s*,\s*[\w'’./-]+(?:\s+[\w'’./-]+){0,2})+(?:,?\s+(?:or|and)\s+[\w'’./-]+(?:\s+[\w'’./-]+){0,2})?)\s*(?:[—–)?]|$)",
    "'which firms moved into new lines of business — drones, cloud, EVs?': a list of examples says what the list "
    "is of; an item on any one of them belongs on it.")
SHARED_HEADS = words(
    "shared_heads", """companies company firms firm makers maker producers groups businesses enterprises players
    manufacturers items policies news plans rules measures stories documents notices regulations""",
    "The noun 'A or B <noun>' shares: 'German chemical or car companies' are German chemical companies or car "
    "companies.")
ALTERNATIVE_BOUNDARY = words(
    "alternative_boundary",
    """about on with in involving by from of to for at any the a an is are was were be been which what that who
    issued released published issue release publish co-issued jointly together came come out dated announced signed launched adopted
    put made did does do has have had between since before after during until and brief briefs involve involves
    involved concern concerns concerning cover covers covered covering mention mentions mentioned mentioning feature
    features featured include includes included show shows relate relates touch touches discuss discusses affect
    affects""",
    "Where one side of 'A or B' ends: the words that introduce or follow a constraint, not part of it.")

LIST_TARGETS = Rule(
    "list_targets",
    r"\b(?:(?:set|sets|setting|with|have|has|had|include|includes|give|gives|contain|contains|state|states)\s+"
    r"(?:any\s+)?(?:quantitative\s+|numeric(?:al)?\s+|concrete\s+|specific\s+|hard\s+)?(?:20\d\d\s+)?(?:targets?|goals?)"
    r"|(?:quantitative|numeric(?:al)?|concrete)\s+(?:targets?|goals?))\b|设定(?:了)?(?:量化)?目标|量化目标",
    "Items that set targets are those stating a goal with a figure: a structural property of an item (its numeric "
    "bullets), not a topic word ('goals' and 'targets' are worded differently from item to item).")
TARGET_OF = Rule(
    "target_of", r"\b(?:the|its|their|a|any)\s+(?P<of>(?:(?!(?:for|of|its|their|the|a|an|to|in|on|by|and|or|with|one|ones)\b)\w[\w&'’-]*\s+){1,4}?)"
                 r"(?:targets?|goals?)\b",
    "'the recycled metal target', 'the hydrogen production goal': a target named by what it is of; only a sentence "
    "stating a figure for that thing gives it ('which sectors does the plan target?' uses the verb).")
TARGET_AS_VERB = Rule(
    "target_as_verb", r"^\s+(?!(?:for|of|in|on|by|under|from|to|set|is|are|was|were|that|and|or|with|it|they)\b)\w",
    "'measures that target such companies': 'target' followed by its object is the verb, no target asked for.")
DO_AUXILIARY = Rule(
    "do_auxiliary", r"\b(?:do|does|did|will|would)\b",
    "'Which sectors does the plan target?': with an auxiliary before it, a closing 'target' is the verb.")
LIST_SEPARATOR = Rule(
    "list_separator", r"\s*,\s*|,?\s+(?:or|and)\s+",
    "'coal, gas or oil': where one item of a short list ends and the next begins.")
TARGET_KIND_WORDS = words(
    "target_kind_words", "numerical numeric quantitative quantified concrete specific overall official binding main key "
                         "headline top big biggest related",
    "'the numerical targets', 'the patent-related targets': words for what kind of target it is, not what it is of.")
ASKS_TARGETS = Rule(
    "asks_targets", r"\b(?:targets?|goals?|kpis?)\b|目标|指标",
    "An item's targets are asked for: an item that states no goal has none to give.")
TARGET_SENTENCE = Rule(
    "target_sentence",
    r"\b(?:targets?|goals?|aims?|aiming|by 20\d\d|to (?:reach|exceed|increase|grow|raise|boost|cut|reduce|double|triple)"
    r"|increase|grow|raise|boost|reduce|expand|establish)\b",
    "A sentence that sets a target: a goal word or a change verb, beside a figure.")

# Item kinds, as the briefs' own section names say them.
KIND_TOP5 = Rule("kind_top5", r"\btop[\s-]*(?:5|five)\b|\btop (?:policies|policy items|items|stories)\b|\bheadline (?:items|policies|stories)\b",
                 "The briefs' 'Top 5' section, also as readers call a front page's leading items ('top stories').")
KIND_POLICY_NEWS = Rule("kind_policy_news", r"\bpolicy news\b|政策新闻", "The briefs' 'Policy news' section.")
KIND_CORPORATE_NEWS = Rule("kind_corporate_news", r"\b(?:corporate|company|business|firm) (?:news|items?|stories)\b|企业新闻|公司新闻",
                           "The briefs' 'Corporate news' section, also as 'corporate items'.")
KIND_NEWS = Rule("kind_news", r"\bnews\b|新闻|动态", "'news' alone means both news sections.")
KIND_INCLUSIVE = Rule("kind_inclusive", r"\b(?:include|including|counting|incl\.?|plus|as well as|along with|together with)\s+(?:both\s+|all\s+|the\s+)*",
                      "'How many steel items, including the news sections?': sections named after 'counting', "
                      "'including' or 'include' widen the count to them; they restrict nothing.")
KIND_POLICIES = Rule("kind_policies", r"\bpolicies\b|\bpolicy\s+(?:documents?|papers?|texts?|instruments?)\b|政策(?!新闻)",
                     "'policies', 'policy documents' are the Top-5 items and policy news: a company's news is no policy, "
                     "in a list or not.")

# ── Follow-ups ────────────────────────────────────────────────────────────────────────────
ANAPHORA = Rule(
    "anaphora",
    r"\b(it|its|it's|this|that|these|those|they|them|their|the same|such|there|"
    r"the (policy|policies|plan|notice|measure|measures|document|regulation|regulations|rules|draft|item|one|guidelines)"
    r"(?!\s+(?:for|on|of|about|regarding|governing|covering|against|to)\b)"
    r"|the (?:two|pair|latter|former)(?!\s+(?:briefs?|years?|editions?|issues?|months?|periods?|reports?)\b))\b"
    r"|这个|这项|这份|这些|那个|那项|它|(?<!应)该(?=计划|政策|规划|通知|文件|措施|机构|部门|公司|企业|草案|规定)",
    "'it', 'that plan', 'the two', '这个计划' point back to the previous answer; 'the rules for X' names its own topic "
    "and 'the two briefs' names periods.")
POINTS_AT_NO_ITEM = Rule("points_at_no_item", r"^(?:the same|such|there)$",
                         "Words anaphora finds that point at no item: 'the same sort of company', 'such rules', 'were "
                         "there…' name a new subject in the conversation's terms; 'it', 'this plan' point at the item.")
JUDGED_PREDICATE = Rule(
    "judged_predicate", r"\b(?:is|are|was|were|be|seems?|looks?|sounds?)\s+(?:(?:too|very|really|overly|sufficiently|at all)\s+)?"
                        r"(?P<judgment>[a-z]+)\W*$",
    "Asked for MERICS's view, the word closing 'are the targets realistic?' is the judgment asked for, not a "
    "subject: the subject is what the conversation is discussing.")
DEFINITE = Rule("definite", r"\bthe\s+(?!same\b)[a-z]",
                "'what is the purpose?': a definite noun refers to something the conversation is about, when the "
                "question names nothing else; a bare 'IPv6?' names a subject of its own.")
PRO_ONE = Rule(
    "pro_one", r"\b(?:the|that|this|which|other)\s+(?:[\w-]+\s+){0,2}?ones?\b(?!\s+of\b)",
    "'the 2022 one': 'one' stands for the noun just used, so it is the same kind of item as the last answer's.")
PAIR = Rule(
    "pair", r"\b(?:the|these|those)\s+two\b(?!\s+(?:briefs?|years?|editions?|issues?|months?|periods?|reports?)\b)"
            r"|\bboth\b(?!\s+(?:of\s+the\s+)?(?:briefs?|years?|editions?|issues?|months?|periods?|reports?)\b)(?!\s+[\w-]+\s+and\b)"
            r"|\bthe (?:former|latter)\b|这两|两者|两个(?:都|中|里)",
    "'which of the two came first?' after two turns on one item each points at both items: the pair is the "
    "conversation's last two subjects ('both MIIT and NDRC' names its own two).")
ASKS_ORDER = Rule(
    "asks_order", r"\b(?:came|comes|come|was|were|is|are|went)\s+(?:out\s+|published\s+|released\s+|issued\s+|announced\s+)?"
                  r"(?:first|earlier|later|last|sooner)\b",
    "'which of them came out first?' asks for the items' order in time (their dates), not for something called 'first'; "
    "'upgraded first' is about what the item says.")
TEMPORAL_ONE = Rule(
    "temporal_one", r"\bthe\s+(?:(?P<later>later|newer|more recent)|(?P<earlier>earlier|older))\s+"
                    r"(?:one|item|plan|notice|policy|document|draft|regulation|rules)\b",
    "'the later one' after two items came up in the conversation is the one dated later of them (an item is "
    "one brief's, so its date tells them apart).")
THE_OTHER = Rule(
    "the_other", r"\bthe (?:other|remaining|rest of the) (?:one|item|entry|story|policy|plan|notice|document|news item|company|firm|deal)"
                 r"(?P<plural>s|es)?\b|\bthe (?P<rest>rest|others)\b(?!\s+of\b)",
    "'the other one', once one of two listed items was discussed, is the remaining item; 'the other ones', 'the "
    "others', 'the rest', once some of a list were picked out, are the remaining ones: it asks of those items, not for items "
    "other than those cited.")
ORDINAL = Rule(
    "ordinal",
    r"\b(?:the\s+)?(?P<nth>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|1st|2nd|3rd|[4-9]th|10th)"
    r"\s+(?:one|item|row|entry|story|news|plan|policy|notice|document|company|firm|result|deal)\b"
    r"|\b(?:item|row|number|no\.|#)\s*(?P<num>\d{1,2})\b"
    r"|\bthe\s+(?P<bare>first|second|third|fourth|fifth|last)(?=\s*(?:[-–—:,;?!.]|$))"
    r"|第(?P<cn>[一二三四五六七八九十])(?:个|项|条|份|篇)|(?P<cnlast>最后)一?(?:个|项|条|份|篇)",
    "'the second one', 'item 3', 'and the first -', '第一个文件': a follow-up pointing at one row of the last answer, counted in its order.")
CONTINUATION = Rule("continuation", r"^\s*(and|also|what about|how about|and what about|same for|what of)\b",
                    "'and in 2021?' continues the previous question with a change.")
OTHER = Rule("other", r"\b(other|others|else|elsewhere|another|additional|related|further)\b|还有|其他|其它|另外|别的",
             "'What other chip news…?', 'does it appear elsewhere?', '还有什么': the previous topic, minus what was cited.")
WHICH_OF_CITED = Rule(
    "which_of_cited", r"^\W*(?:and\s+|so\s+)?which(?:\s+of\s+(?:them|these|those)\s+[a-z]\w*\b|(?:\s+ones?|\s+of\s+the\s+\w+)?\s+(?:is|was|are|were|has|had|came|comes|did|does|goes|went|"
    r"looks?|seems?|sets?)\b)",
    "'Which is stricter?', 'which of them is about X?', 'which of those involves X?' choose among the items just discussed.")
SAME_DAY = Rule("same_day", r"\b(?:the\s+)?same\s+day\b|\bthat\s+day\b|同一天|同一日|同日|当天|当日",
                "'the same day', '同一天' is the cited items' date.")
INTENT_WORDS = words("intent_words", "issu releas publish announc appear came come date day exampl merics comment target goal say "
                     "think when who concern worri view opinion assess verdict implic make take mention name "
                     "bodi agenc ministri depart author issuer minimum maximum share percentag amount figur number "
                     "suppos meant expect caveat critic doubt takeaway behind responsib item entri thing stuff",
                     "Stems that say what is asked about an item, not which item: a follow-up made only of them "
                     "names no topic of its own. 'Which other bodies…' asks for issuers, a role, not a subject; 'the minimum share?' "
                     "a kind of value; 'supposed to', 'meant to', 'expected to' ask when or whether, of what is named; "
                     "'who is behind it' asks for the issuer; 'MERICS's caveat' for the view; 'that item', 'the entry' "
                     "point at one of the brief's parts, whatever it is about, and so does 'the data thing'.")
ISSUER_ANAPHORA = Rule(
    "issuer_anaphora",
    r"\b(?:this|that|these|those|the same)\s+(?:same\s+)?(?:agency|agencies|ministry|ministries|body|bodies|"
    r"regulator|regulators|department|departments|authority|authorities|issuer|issuers|administration|commission)\b"
    r"|(?:这个|这一|该|同一|这家|此)(?:机构|部门|部委|单位|监管机构)"
    r"|(?<!\bwas )(?<!\bwere )(?<!\bis )(?<!\bare )(?<!\bbe )(?<!\bbeen )\bthey(?=\s+(?:also\s+)?(?:put|puts|issue|issued|issues|"
    r"release|released|releases|publish|published|publishes|unveil|unveiled|unveils|introduce|introduced|introduces)\b)",
    "'What else did this agency publish?': the body that issued the item just discussed, named as if the analyst "
    "had written it, so the question is a list of that body's items. Only a demonstrative points back so: 'the "
    "regulator' may be another body the item names. 'Did they put out…?' is the issuer too: 'they' is who issues; "
    "'were they issued?' is about the items.")
NARROWING = Rule("narrowing", r"\b(?:narrow(?:ed|ing)?|restrict(?:ed|ing)?|limit(?:ed|ing)?|filter(?:ed|ing)?)\b(?:\s+(?:it|that|this|them|those|these|the list))?(?:\s+down)?",
                 "'narrow that to 2022' after a list: the same list, in fewer items; the words name no subject.")
SAME_BRIEF = Rule("same_brief", r"\b(?:that|the\s+same|same|this)\s+(?:brief|issue|edition|month)\b"
                  r"|\b(?:(?:around|at|about)\s+)?(?:the\s+same|that)\s+time\b|同一期|同期|同月|当月|同一个月|那个月",
                  "'that brief', 'around the same time', '同月' is the cited items' brief.")

# ── Issuers ───────────────────────────────────────────────────────────────────────────────
ASKS_ISSUER_NAMES = Rule(
    "asks_issuer_names",
    r"\bwhich (?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|several|multiple)?\s*(?:central |government |state )?"
    r"(?:agencies|bodies|ministries|departments|authorities|issuers)\b|\bby name\b"
    r"|\bname (?:the|all|each|every)\b.{0,30}\b(?:agencies|bodies|ministries|departments|issuers)\b",
    "The issuing bodies asked for by name: an item that says 'three agencies' but names one does not give them.")
AGENCY_COUNT = Rule(
    "agency_count",
    r"\b(two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:central\s+|government\s+|state\s+|national\s+)*"
    r"(?:agencies|ministries|departments|bodies|authorities|regulators)\b",
    "News items say 'Four central agencies published…': that many bodies issued the item.")

AGENCY_NAME = Rule(
    "agency_name",
    r"\b(?:ministry|administration|commission|council|bureau|office|agency|committee|department|academy|court|"
    r"congress|bank|authority|regulator|institute|association|center|centre|group)\b",
    "A 'Name (ACRONYM)' pair in a brief names an issuing body only if the name is an institution's "
    "('Five-Year Plan (FYP)' is not).")

# ── The item table ────────────────────────────────────────────────────────────────────────
TABLE_FILLER = words(
    "table_filler",
    """list enumerate everything every all each any how many count number items item policies policy news
    plans plan notices notice documents document regulations rules announcements announcement developments
    stories story deals deal companies company firms firm corporate business top five released release releases
    issued issue issues issuing published publish publication output came come out come dated date dates announced announce
    made make put forth adopted signed sign launched launch there were was are is did do does got brief briefs
    month months week weeks day days mid early late first last second third half ten between since before after
    until during from on in of and or the a an to by which what when where who whom other else ministry ministries
    agency agencies body bodies department departments issuer issuers authority authorities government central
    jointly involved involve involving more than one several multiple two together cooperation co
    show give tell me please name names altogether total overall merics china chinese industries
    happen happened happening occur occurred took place new latest recent alone per say mention mentions mentioned
    mentioning way ways related relating relate regarding concerning cover covers covered covering touch touches
    touched discuss discusses discussed talk talks about anything something around roughly approximately whether
    contain contains contained containing hold holds carry carries
    edition editions bullet bullets entry entries section sections headline headlines piece pieces coverage
    noteworthy notable relevant linked focused oriented specific specifically explicit explicitly separate
    separately distinct different various individual particular single listed find found pull gather collect compile
    concern concerns concerned
    anywhere elsewhere everywhere somewhere stuff things matters want wants wanted need needs interested looking curious wondering tracking run walk take switch switching
    short shorter long longer main major minor small smaller big bigger key important alike both either
    fall falls fell aimed aim aims times deal deals dealing
    full complete entire whole exhaustive comprehensive
    measures measure steps initiatives guidelines programmes programs instruments follow following
    both either neither across lead leads led co-issue co-issued co-issues co-issuing appear appears appeared report reports reported say says said feature featured include includes included year years onwards onward later earlier rather pls plz thanks thx""" + " " + " ".join(MONTHS)
    + " jan feb mar apr jun jul aug sep sept oct nov dec",
    "Words that only say 'list the items' or restate constraints; what is left of an enumeration question is its topic. "
    "Names of instruments in general ('which measures', 'what steps') are items as such: a topic names what they are about.")
ITEM_KIND_NOUNS = words(
    "item_kind_nouns", """deals deal stories story announcements announcement developments news items entries moves
    policies plans documents notices regulations rules""",
    "Nouns that name the briefs' items as such: in a list of 'announcements and acquisitions', the announcements are every item, so "
    "the word joined to one by 'and'/'or' names another kind of item, not a topic the rows must share.")
LIST_CONJUNCT = Rule("list_conjunct", r"\b([\w'’-]+)((?:\s*,\s*[\w'’-]+)*,?\s+(?:and|or|&)\s+)([\w'’-]+)\b",
                     "Words joined in a list's topic ('stories and mergers', 'plans, standards or measures'): where "
                     "one names items as such (item_kind_nouns), the others are other kinds of item.")
ITEM_NOUNS_CN = Rule("item_nouns_cn", r"政策|文件|通知|新闻|消息|动态|项目|措施|规划|计划|发布|出台|印发|机构|部门|哪些|什么|哪个|列出|所有|全部|多少|几项|几条|"
                     r"有|是|在|和|与|及|年|月|日|号|中国|关于|期间|之间|以来|以后|以前|的|了|吗|呢|？|\?|，|。",
                     "Chinese words that only restate a list question; what is left is its topic.")

# ── Facets: which part of an item a question asks for (facets.py) ────────────────────────
FACET_ISSUER = Rule(
    "facet_issuer",
    r"\bwho\b.*\b(issu|releas|publish|behind|responsib|sign|draft|put out|put (?:it|this|that|them|these|those) out)|\bwhich (ministr|agenc|bod|authorit|department|"
    r"government|regulator|organ)|\bissu(ing|ed) by\b|\bissuing bod|\bby whom\b|\bwhat (agency|ministry|body|authority|"
    r"department|organi[sz]ation)\b|谁|哪个(?:机构|部门|单位)|哪些(?:机构|部门)|发布机构|发文机关|由.{0,6}发布",
    "Who issued it: answered from the source note's issuing bodies.")
FACET_SOURCE = Rule(
    "facet_source",
    r"^\W*(?:and\s+)?(?:the\s+|its\s+|their\s+)?sources?\s*\??\s*$|\bwhat(?:'s|’s| is| are| was| were) (?:the|its|their) "
    r"sources?\b(?!\s+of\b)|\bwhere (?:does|did|do) (?:it|this|that|they|these|those|the \w+) come from\b|出处|来源",
    "'Source?': where an item comes from is its source note (the issuing bodies; a news line's outlets), asked like its "
    "issuer; the word names no subject.")
FACET_DATE = Rule(
    "facet_date",
    r"^\W*(?:and\s+)?when\b|\bwhen (?:was|were|did|is|does|will)\b.{0,60}\b(?:issu|releas|publish|announc|adopt|sign|"
    r"come out|came out|unveil|dated|launch|made public|out)\w*|\bwhat (?:date|day)\b|\bwhich (?:date|day)\b|\bon what date\b"
    r"|何时|什么时候|哪天|哪一天|日期",
    "When it was issued: answered from the item's date. 'when' inside a clause ('apply when firms…') is no date question.")
FACET_ASSESSMENT = Rule(
    "facet_assessment",
    r"\bmerics(?:['’]s?)?\s+(?!briefs?\b)(?:\w+\s+){0,2}?(?:say|said|think|comment|view|assess|argue|expect|see|make|"
    r"describ|conclude|note|warn|flag|highlight|point|worr|fear|predict|consider|believe|judge|evaluat|rate|call|doubt|stress|"
    r"caution|suggest|question|read|interpret|identif)|\b(?:^\W*|and\s+)why\b|\bwhy (?:did|does|do|is|are|was|were|would|has|have)\b|\b(?:according to|in the view of|per) merics\b|\bmerics['’]s? (?:(?:main|key|chief|biggest|central) )?(?:view|take|analysis|"
    r"assessment|comment|concern|worr|criticism|opinion|position|perspective|conclusion|argument|caveat|doubt)|\b(?:concerns?|worr\w*|"
    r"view|opinion|assessment|criticism|conclusion) of merics\b|(?<!public )(?<!for )\bcomment(?!s?\s+(?:period|deadline|phase|window))|\bimplications?\b|\bwhat does (?:this|it|that) mean\b|\bwhy (?:does|is|would|did) (?:it|this|that)\b"
    r"|\bwhy (?:it|this|that) matters\b|\b(?:does|do|did|would) (?:it|this|that) matter\b|\bsignifican(?:t|ce)\b|\banalysts?\b"
    r"|\b(?:will|would|can|could) (?:it|this|that|they|the \w+|these \w+)(?: \w+)? (?:work|succeed|help|be enough|pay off|be effective)|\blikely to (?:succeed|work)|\bchances? of\b"
    r"|\b(?:risks?|challenges?|obstacles?|downsides?) (?:for|to|ahead)\b|\bcriticis|\bskeptic|\bsceptic"
    r"|\bimpact on (?:europe|foreign|european|western)|\bmean for (?:europe|foreign|european|western|companies|firms|business)"
    r"|\b(?:is|are|was|were) merics\s+(?:\w+\s+){0,2}?(?:optimistic|pessimistic|confident|positive|negative|hopeful|doubtful|"
    r"sceptical|skeptical|worried|concerned|critical|bullish|bearish|convinced|upbeat)"
    r"|\btakeaway|\boutlook\b|\bverdict\b|^\W*(?:and\s+|but\s+)?so what\b"
    r"|\b(?:trying|tries|try|seeks?|seeking|meant|intended) to (?:fix|solve|address|tackle|remedy|cure)\b|\bwhat problems?\b|评论|评价|看法|观点|怎么看|如何看|认为|意义|影响|意味着",
    "MERICS's view, why it matters, whether it will work ('so what?'), what problem it is trying to fix: answered "
    "from the MERICS comment. A public comment period and a draft 'for comment' are the policy's consultation, not MERICS's view.")
FACET_MEASURES = Rule(
    "facet_measures",
    r"\bmeasures?\b|\brequire|\brequirements?\b|\bsteps?\b|\bprovisions?\b|\bwhat (?:does|do|did|will) (?:the |this |that |it )?"
    r"(?:\w+ ){0,3}?(?:require|demand|call for|stipulate|mandate|ask|oblige|instruct|tell|task|include|contain|propose|"
    r"introduce|set out|outline|prescribe|cover)|\bcalls? for\b|\bkey points\b|\bmain points\b|\bdetails?\b|\bconditions?\b"
    r"|\brules?\b|\btasks?\b|\binstructions?\b|\bobligations?\b|\bwhat must\b|\bhave to do\b|\bwhat (?:are|were) (?:the |its )?"
    r"(?:main |key )?(?:elements|components|parts|points|actions|instruments|tools)\b|\bhow (?:does|do|will) (?:it|they|the \w+) "
    r"(?:plan|intend|want|aim|seek) to\b|措施|要求|内容|任务|举措",
    "What the policy requires or does: answered from the item's bullet list, which is where the measures are.")
FACET_TARGETS = Rule(
    "facet_targets",
    r"\bhow (?:much|many|high|large|big|fast)\b|\btargets?\b|\bpercent|\bfigures?\b|\bnumbers?\b|\bgoals?\b|\bvalue\b|\bshare\b"
    r"|\bquantitative\b|\bkpis?\b|\bby (?:19|20)\d{2}\b|目标|指标",
    "Targets and figures: numeric bullets with the lead-in that says their year and baseline.")
FACET_POLICY_NAME = Rule(
    "facet_policy_name",
    r"\b(?:what is|what's) the (?:name|title)\b|\bpolicy name\b|\bchinese (?:name|title)\b|\bofficial (?:name|title)\b"
    r"|\b(?:it|this|that|they|these)\s+(?:be\s+)?(?:officially\s+)?called\b"
    r"|\b(?:polic(?:y|ies)|plans?|notices?|regulations?|rules|guidelines?|opinions|laws?|circulars?|directives?|drafts?|"
    r"documents?|measures|initiatives?|programm?es?|strateg(?:y|ies)|standards?)\s+(?:\w+\s+){0,2}?(?:officially\s+)?called\b"
    r"|叫什么|名称",
    "The policy's name: answered from the source note. Only a policy (or 'it') is 'called' so: what a "
    "planned company would be called is another name.")

ASKS_POLICY = Rule(
    "asks_policy", r"\bpolic(?:y|ies)\b|\b(?:action plan|implementation plan|five-year plan|plan|notice|regulations?|rules|"
                   r"guidelines?|opinions|law|circular|directive|draft)\b",
    "A question about a policy instrument: company news beside the answer is about something else.")

ASKS_DOCUMENT = Rule(
    "asks_document", r"\b(?:which|what)\s+(?:[\w-]+\s+){0,2}?(?:documents?|instruments?)\b|\bname (?:of )?(?:the |each |every )?"
                     r"(?:documents?|polic(?:y|ies)|instruments?)\b|\bwhat (?:were|are) (?:they|these|those) called\b",
    "A question asking which documents answers with each item's policy name, not only its headline.")
ASSESSMENT_MARKERS = Rule(
    "assessment_markers",
    r"^(?:however|but|yet|still|although|though|nevertheless|by themselves|in any case)\b|\b(?:unlikely|likely to|could|might|"
    r"risks?|uphill|doubt\w*|unclear|difficult|challeng\w*|concern\w*|worr\w*|opportunit\w*|threat\w*|should remain)\b",
    "Where MERICS judges rather than restates: contrast, hedging, risk and opportunity. A question for its view "
    "is answered by these sentences first.")

# ── Answer types: what kind of value a question wants (answertypes.py) ──────────────────
CONTRACTED_IS = re.compile(r"(?:(?<=\bwhat)|(?<=\bwhere)|(?<=\bwhen)|(?<=\bwhich)|(?<=\bwho)|(?<=\bhow)|(?<=\bwhy))['’]s\b",
                           re.I)  # "what's" is "what is"
# "BYD's", "firms'" (not "what's", "it's": those are "is"); not a Rule, a piece of grammar
POSSESSIVE = re.compile(r"(?<!\bwhat)(?<!\bwho)(?<!\bwhere)(?<!\bwhen)(?<!\bhow)(?<!\bwhy)(?<!\bit)(?<!\bthat)"
                        r"(?<!\bthere)(?<!\bhere)(?<=\w)['’]s?(?!\w)", re.I)
ASKS_PERCENT = Rule(
    "asks_percent",
    r"\bwhat (?:percentage|percent|share|proportion|portion|fraction|rate|ratio)\b|\bwhat (?:[\w-]+ ){1,2}?rates?\b|\bwhat (?:[\w&-]+\s+){0,3}?(?:intensity|"
    r"(?:growth|adoption|penetration|utili[sz]ation|recycling|locali[sz]ation|self-sufficiency) rate|penetration|ratio|proportion|"
    r"percentage|share|stakes?|split|tariffs?|dut(?:y|ies)|tax(?:es)?|levy|levies)\b|\bhow much of\b|\bwhat % |"
    r"\bby how (?:much|many percent)\b|\bhow (?:large|big|high) (?:a |is the |was the )?(?:share|proportion|percentage|rate)\b|百分之|比例|占比",
    "A percentage is asked for: only a sentence stating one answers.")
ASKS_MONEY = Rule(
    "asks_money",
    r"\bhow much (?:[\w-]+ ){0,2}?(?:money|funding|capital|cash|spending|investment|subsid(?:y|ies)|budget|financing)\b|^\W*(?:the\s+)?(?:price|cost|fine|penalty|"
    r"budget|subsidy|valuation)s?(?: cap| ceiling| limit| floor)?\s+(?:for|of|on)\b|\bhow much (?:did|does|will|would|was|is|were|are) \w+(?: [\w'’-]+){0,8}? "
    r"(?:invest|pay|spend|cost|raise|fine|charge|worth|subsidi[sz]e|fund|allocate|earn|lose|capitali[sz]e|financ|budget)|\bwhat (?:(?:is|was|were|are) )?"
    r"(?:the |its |their )?(?:[\w-]+ ){0,3}?(?:prices?|costs?|fines?|penalty|penalties|investment|budget|valuation|amount of (?:money|funding|"
    r"investment)|subsidy|subsidies|funding)(?: cap| limit| ceiling)?(?![\w-])(?! (?:controls?|measures?|polic|rules?|reforms?|"
    r"mechanisms?|regulations?|support|cuts?|structure|reductions?)\b)|\bhow (?:large|big|high) (?:is|was|were|are) (?:the )?(?:fines?|penalty|penalties|"
    r"investment|budget|subsidy|subsidies|prices?|valuation)\b|\bper[- ]share\b|\bwhat (?:is|was|are|were) (?:[\w'’-]+ ){1,6}?worth\b|"
    r"^\W*(?:(?:is|was|are|were) there (?:a |an |any )?|any )(?:[\w-]+ ){0,2}?(?:budget|price tag|valuation)s?\b|"
    r"\b(?:funding|investment|money|monetary|financial|subsidy|budget) (?:amounts?|figures?|sums?|totals?)\b|"
    r"多少钱|金额|投资额|罚款|资金(?:数额|规模|总额|额度)|数额|预算|多少资金|投资规模|融资(?:额|规模)"
    r"|(?:价格|价钱|成本|售价|估值|补贴)(?:上限|下限|标准)?(?:是|为|有)?(?:多少|几何|多高)",
    "An amount of money is asked for: only a sentence with a currency amount answers. 'Is there a budget for it?': a "
    "budget or valuation is an amount, asked after 'any' as well; '资金数额', 'a funding amount' name one outright, "
    "and so does a price asked in Chinese ('价格上限是多少').")
ELLIPTIC = Rule(
    "elliptic", r"^\W*(?:and\s+|so\s+|also\s+)?(?:the\s+|its\s+|their\s+)?"
                r"(?!(?:what|which|who|whom|whose|when|where|why|how|does|do|did|will|would|is|are|was|were|has|have|"
                r"had|can|could|should|must|and|so|also|the|its|their)\b)(?P<np>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)"
                r"(?P<tail>\s+(?:of|for)\s+(?:the|that|this|these|those|its|their)\s+[^?]+?)?\s*\?\s*$",
    "A follow-up of a bare noun ('partner?', 'the investors?') is elliptic: read as 'which partner?' a role "
    "asks for a party or a place; a bare subject, kind or value noun ('subsidies?', 'carmakers?', 'fines?') stays a subject. "
    "A value noun of something pointed back to ('annual output of that mill?') asks for that value.")
HEDGE = Rule(
    "hedge", r"\b(?:exactly|precisely|actually|roughly|approximately|specifically)\b\s*",
    "'What precisely is the threshold?': an adverb sharpening a question changes no answer type; the type rules read the "
    "question without it.")
ASKS_FIGURE = Rule(
    "asks_figure",
    r"\bhow (?:much|many|big|large|high|fast|far)\b|\bwhat (?:(?:is|was|are|were) )?(?:the |its |their )?(?:[\w-]+ ){0,3}?(?:number|"
    r"figure|amount|value|size|volume|capacity|output|density|count|total|threshold|limit|cap|ceiling|minimum|maximum)s?(?![\w-])"
    r"(?! (?:of (?:measures|steps|policies)|controls?|measures?)\b)"
    r"|\b(?:target|goal)s? (?:for|of) (?:the )?(?:number|amount|size|volume|capacity|output|count|total)\b|多少",
    "A figure is asked for: only a sentence stating a new number answers. 'The target for the number of…' too.")
ASKS_CONDITION = Rule(
    "asks_condition", r"\bwhen (?:do|does|did|must|should|would|will|is|are) (?:[\w'’-]+ ){0,10}?(?:have to|has to|had to|need to|needs to|"
                      r"required to|obliged to|supposed to)\b|\bunder (?:what|which) (?:circumstances|conditions)\b|\bin (?:what|which) cases\b",
    "'When do firms have to…' asks for the circumstances as much as for a date.")
HAS_CONDITION = Rule(
    "has_condition", r"\b(?:if|when|whenever|unless|once|in case of|in cases? where|provided that|circumstances|conditions? (?:under|in) which)\b",
    "A sentence stating circumstances: what a 'when do firms have to…' question may be answered by.")
ASKS_DEADLINE = Rule(
    "asks_deadline",
    r"\bdeadline\b|\bby when\b|\buntil when\b|\bhow long\b|\b(?:take|takes|took) effect\b|\bcome into (?:force|effect)\b|"
    r"\bin force\b|\beffective (?:date|from)\b|\bexpire|\bwhen (?:will|must|should|does|do|is|are) (?:[\w'’-]+ ){0,16}?(?:close|end|expire|take effect)\b|\bwhen (?:will|must|should|does|do|is|are) (?:[\w'’-]+ ){0,6}?(?:take effect|"
    r"start|begin|end|apply|be (?:completed|finished|implemented|launched|due|set)|due|finish|complete|submit|comply|meet|reach|"
    r"join|enter|close|open|run|last|expire)\b|\bwhat year will\b|\bby what (?:date|day|time|year)\b"
    r"|\b(?:what|which) (?:date|day|year) (?:must|should|shall|will|are|is) (?:[\w'’-]+ ){0,8}?(?:be )?(?:submitted|completed|"
    r"met|reached|implemented|due|filed|done)\b|\bwhen (?:will|would|shall)\b|\bwhen (?:is|are|was|were) (?:[\w'’-]+ ){0,6}?"
    r"(?:expected|scheduled|due|set|planned) to\b|\bwhen (?:is|are|was|were|will) (?:[\w'’,-]+ ){0,16}?(?:expected|scheduled|due|set|"
    r"planned) to (?:start|begin|open|operate|launch|go|enter|take|come|be)\b"
    r"|\b(?:when|(?:in )?(?:what|which) (?:year|date|month)) (?:is|are|was|were|will|must|should|does|do) (?:[\w'’-]+ ){0,8}?"
    r"(?:expected|scheduled|due|set|planned|supposed|meant|slated|required|targeted) to\b|截止|生效|施行|到期|期限",
    "A date or deadline in the content is asked for (not the item's release date): only a sentence with one answers. "
    "'By what date', a date by which something must be done, and when something will happen or is supposed to, ask for a deadline.")
ASKS_CURRENT = Rule(
    "asks_current", r"\b(?:current|currently|today|today's|now|at present|presently|existing|so far|to date)\b|目前|现在|当前",
    "Today's value is asked for: a goal the item sets for a later year is another value.")
HAS_BASELINE = Rule(
    "has_baseline", r"\b(?:(?:up |down )?from (?:about |around |roughly |some |over |under )?\d|currently|now|today|at present|"
                    r"presently|so far|to date|compared (?:with|to))\b",
    "A goal sentence that also states where things stand ('from 6.3 to 12'; 'currently').")
ASKS_SPAN = Rule(
    "asks_span", r"\b(?:run|runs|running|last|lasts|end|ends|expire|expires|until when|through when|cover|covers|span|spans|"
                 r"period|time ?frame|horizon)\b",
    "How long a plan runs: its name's span ('(2022-2026)') answers that, not a deadline to act by.")
ASKS_PERSON = Rule(
    "asks_person",
    r"\bwho (?:is|was|are|were) (?:the )?(?!behind\b|responsible\b)(?:\w+ ){0,3}?(?:head|chief|leader|director|minister|"
    r"spokes(?:person|man|woman)|ceo|chair(?:man|woman|person)?|founder|president|secretary|official|author|boss)\b|\bwho "
    r"(?:heads|leads|chairs|runs|founded|said|stated|announced that|was appointed|is appointed)\b|\bwhich "
    r"(?:\w+ )?(?:official|person|minister|vice[- ]minister|premier|governor|mayor|ceo|commissioner|chair(?:man|woman|person)?|"
    r"spokes(?:person|man|woman)|executive|leader|politician|individual)\b|\bname of the (?:[\w&-]+ ){0,4}?(?:minister|director|head|official|"
    r"spokes(?:person|man|woman)|ceo|chair(?:man|woman)?|person|leader)\b|\bwho (?:was|were|is|are) appointed\b"
    r"|\bwho (?:\w+ed|\w+ed off) (?:[\w'’-]+ ){0,6}?on behalf of\b|\bwho presented\b|谁(?:是|担任)",
    "A person is asked for: only a sentence naming one answers. Who acted 'on behalf of' a body is a person; who "
    "'signed off on' a plan is the body that approved it.")
ASKS_RANKING = Rule(
    "asks_ranking", r"\b(?:which|what|who)\b[^?]*?\b(?:biggest|largest|highest|lowest|smallest|greatest|fastest|strongest|"
                    r"weakest|richest|top-ranked)\b|最大|最高|最多",
    "Which one is the biggest (highest, …): only a sentence that ranks answers.")
HAS_RANKING = Rule(
    "has_ranking", r"\b(?:biggest|largest|highest|lowest|smallest|greatest|fastest|strongest|weakest|richest|leading|"
                   r"dominant|dominates|dominated|world'?s (?:first|top|largest)|number one|ranks? first)\b",
    "A sentence that ranks something first.")
POLICY_TITLE = Rule(
    "policy_title", r"\b(?:(?:\d{1,2}(?:st|nd|rd|th)|[Ff]ourteenth|[Ff]ifteenth)\s+)?(?:Five-Year Plan|FYP|Action Plan|"
                    r"Implementation Plan|Development Plan|Special Plan|Guidelines|Guiding Opinions)\s+(?:for|on|of)\s+(?:the\s+)?"
                    r"(?P<subject>[A-Z][\w&-]*(?:\s+(?:[A-Z][\w&-]*|and|of|for|the|in))*)",
    "A policy named by its capitalised title ('the Action Plan for Smart Ports'): the briefs must have an item by "
    "that subject, or the question is about a document they never mention.", flags=0)
ASKS_MODEL = Rule(
    "asks_model", r"\b(?:which|what)\s+(?!(?:business|development|growth|governance|economic|operating)\s)(?:[\w-]+\s+){0,2}?"
                  r"(?:models?|variants?|versions?)\b",
    "A product model is asked for ('which car models'): only a sentence naming one answers.")
HAS_MODEL = Rule(
    "has_model", r"\b[A-Z][A-Za-z]{0,4}[-.]?\d{1,4}[A-Za-z]{0,3}\b|\bModel [0-9A-Z]\b|\b\d{3}(?:\s?MAX|-\d{3})\b",
    "A product designation: letters with a number ('A320', 'ES8', 'Model 3', '737 MAX').", flags=0)
HAS_PERCENT = Rule("has_percent", r"(?:\d+(?:\.\d+)?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty)"
                   r")\s*(?:percent|per cent|%|percentage points?)|\b(?:double|triple|half|halve|quadruple)",
                   "A sentence stating a percentage or a ratio.")
MONEY_AMOUNT = Rule(
    "money_amount",
    r"(?:CNY|RMB|USD|EUR|US\$|\$|€|¥|yuan|dollars?|euros?)\s*\d[\d,.]*(?:\s*(?:million|billion|trillion|bn|mn)\b)?"
    r"|\d[\d,.]*\s*(?:million|billion|trillion|bn|mn)?\s*(?:CNY|RMB|USD|EUR|yuan|dollars?|euros?)\b",
    "A currency amount, whole ('EUR 1.4 billion'): a sentence with one states an amount of money, and taking it out "
    "leaves the sentence's other figures.")
ASKS_COUNT_OR_MEASURE = Rule(
    "asks_count_or_measure",
    r"\bhow many\b|\b(?:capacity|capacities|density|throughput|headcount|units?)\b",
    "A count or a physical measure ('how many', 'the capacity of the plant') is no currency amount: a sentence "
    "whose only new figure is money does not give it.")
ASKS_COUNT_OF = Rule("asks_count_of", r"\bhow many\b|\bnumber of\b|多少(?:个|家|座|项)",
                     "A count of things ('how many data centers'): a figure with a unit of measure after it "
                     "('300 ExaFLOPS' of data center computing power) counts nothing.")
COUNT_GLUE = words("count_glue", "to and or - – — from up over about around roughly nearly almost some more than million "
                   "billion thousand hundred trillion mn bn",
                   "Between a figure and its unit: ranges and magnitudes ('from 90 to 300 ExaFLOPS', '2.5 million tonnes').")
MEASURE_UNITS = words("measure_units", """percent % exaflops petaflops flops gw mw kw gwh mwh kwh twh tonnes tonne tons ton
                      mt kg kilograms km kilometres kilometers metres meters hectares gbps mbps tbps barrels litres liters
                      degrees nm watts kilowatts megawatts gigawatts""",
                      "Units of measure: a figure written with one ('300 ExaFLOPS', '56 percent') measures, it counts nothing.")
HAS_DEADLINE = Rule(
    "has_deadline",
    r"\b(?:by|until|till|before|within|starting|effective|no later than|deadline|due|from)\s+(?:the\s+end\s+of\s+|early\s+|"
    r"mid-?\s*|late\s+)?(?:(?:19|20)\d{2}|" + MONTH_RE + r")|\bon\s+" + MONTH_RE + r"\s+\d{1,2}\b"
    r"|\b\d+\s+(?:working\s+)?(?:days|weeks|months|years)\b|\bevery\s+(?:two|three|four|five|\d+)\s+years\b"
    r"|(?<!\d)(?:19|20)\d{2}\s*[-–—/]\s*(?:19|20)?\d{2}(?!\d)",
    "A sentence stating a deadline or a duration ('by 2025', 'within 45 days', a plan's '2022-2026'); a bare year is "
    "a date something happened, not a deadline.")
FRAME_YEAR = Rule(
    "frame_year", r"\b(?:goals?|targets?|objectives?)\s+(?:for|by|until)\s+(?:19|20)\d{2}\b",
    "'Key goals for 2025 include:' framing a bullet list is the deadline of every goal under it.")
HAS_PERSON = Rule(
    "has_person",
    r"\b(?:Vice\s+)?(?:Premier|Minister|President|Chairman|Chairwoman|CEO|Director|Secretary|Governor|Mayor|founder|"
    r"spokes(?:person|man|woman)|Commissioner|Chief)\s+(?:[A-Z][a-z]+\s?){1,3}|\b[A-Z][a-z]+\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?,?\s+"
    r"(?:said|says|stated|announced|argued|told)\b",
    "A sentence naming a person (title and name, or 'Name said').", flags=0)

# What plays a part in a company's deal: a name answers only where the brief names that part.
# Generic kinds ("which firms") are answered by any name the question does not already give.
_ORG_GENERIC = (r"compan(?:y|ies)|firms?|enterprises?|SOEs?|businesses|groups?|brands?|start-?ups?|carmakers?|automakers?|"
                r"makers?|manufacturers?|producers?|conglomerates?|multinationals?|corporations?|MNCs?|players?|developers?|"
                # firms of one trade, named by it ("which airlines", "which chipmakers")
                r"airlines?|carriers?|chipmakers?|steelmakers?|shipbuilders?|shippers?|miners?|refiners?|retailers?|automakers?")
_ORG_ROLE = (r"foundr(?:y|ies)|banks?|investors?|partners?|suppliers?|buyers?|customers?|clients?|contractors?|lenders?|"
             r"shareholders?|backers?|underwriters?|acquirers?|bidders?|operators?|vendors?|consultanc(?:y|ies)|auditors?|"
             r"insurers?|universit(?:y|ies)|institutes?|laborator(?:y|ies)|labs?|funds?|sponsors?|financiers?")
ASKS_ORGANISATION = Rule(
    "asks_organisation",
    r"\b(?:which|what) (?:(?!(?:for|to|in|on|about|with|from|at|by|must|do|does|did|will|would|should|can|could|are|is|were|was|have|has|had|shall|may|"
    r"might|plans?|polic(?:y|ies)|notices?|rules|measures|regulations?|guidelines?|programm?es?|initiatives?|"
    r"documents?|laws?|drafts?|strateg(?:y|ies))\b)[\w-]+ ){0,2}?(?:(?:and|or|&) (?:[\w-]+ )?)?(?:(?P<role>" + _ORG_ROLE + r")|(?P<kind>" + _ORG_GENERIC + r"))\b"
    r"(?! (?:news|items?|stories|story|announcements?|deals?|moves?|developments?|updates?|agenc|ministr|bod|department|regulator))"
    r"|\bwho (?:are|were|is|was) (?:the |its |their )?(?:[\w-]+ ){0,2}?(?P<role2>" + _ORG_ROLE + r")\b"
    r"|\bwho (?:(?:will|would|is going to|are going to|is to|did|does|do) (?P<verb>manufacture|make|produce|build|supply|fund|"
    r"finance|pay|buy|acquire|underwrite|lend|manage|run|operate|oversee|supervise|administer|coordinate|host|enforce|"
    r"certify|assess)|(?P<verb3>manufactures|makes|produces|builds|supplies|funds|finances|pays|"
    r"paid|buys|bought|acquires|acquired|underwrites|lends|lent|manages|managed|runs|operates|operated|oversees|"
    r"supervises|administers|coordinates|hosts|enforces|certifies|assesses))\b"
    r"|\b(?:names?|named|naming|mentions?|mentioned|identif(?:y|ies|ied)|cites?|cited|singles? out) (?:(?:a|an) )?(?:any|specific|particular|"
    r"individual|concrete)(?: (?:specific|particular|individual|concrete))? (?:[\w-]+ ){0,2}?(?:(?P<role3>" + _ORG_ROLE + r")|(?P<kind2>" + _ORG_GENERIC + r"))\b"
    r"|\bany (?:[\w-]+ ){0,2}?(?P<kind3>" + _ORG_GENERIC + r") (?:named|mentioned|listed|identified|singled out)\b"
    r"|\bwhat (?:will|would|is|was|are|were) (?:the |that |this |its |their |a |an )?(?P<mod4>(?:[\w-]+ ){0,3}?)(?P<kind4>SOEs?|"
    r"joint ventures?|JVs?|" + _ORG_GENERIC + r") (?:be )?(?:called|named)\b"
    r"|\bname of (?:the |that |this |its |their |a |an )?(?P<mod5>(?:[\w-]+ ){0,3}?)(?P<kind5>SOEs?|joint ventures?|JVs?|" + _ORG_GENERIC + r")\b"
    r"|(?:提到|提及|点名|列出|列举|指明|说出|哪些|哪家|哪几家|哪个)了?(?:具体|任何|哪些)?的?[\u3400-\u9fff]{0,4}?(?:企业|公司|厂商|厂家|车企|药企)"
    r"|\b(?:which|who)(?: (?:ones?|others?|else))? (?:besides|apart from|other than|aside from|except(?: for)?)\b",
    "An organisation is asked for (a company, a foundry, the investors): only a sentence naming one the question "
    "does not already name answers ('what … for firms' asks no name: a preposition ends the noun phrase); a named part (foundry, investors) must be the one the sentence names. 'What "
    "plan helps makers…' asks for a policy: the company noun is its object. What a company 'will be called', "
    "'the name of' a company, asks for its name ('提到具体的企业吗', '哪些公司' as well), "
    "and the words telling that company apart ('the lithium SOE') must be said where the name is. 'Which ones "
    "besides X and Y?' asks for names beyond those two. Asked whether an item names any "
    "producers, the answer is the names, if it gives them. Who will manage, run or enforce something is a part "
    "the item must name by that verb, not its issuer.")
PLACES = words("places", """
beijing shanghai tianjin chongqing guangdong guangzhou shenzhen jiangsu nanjing suzhou zhejiang hangzhou ningbo
fujian xiamen shandong qingdao jinan hubei wuhan hunan changsha sichuan chengdu shaanxi xian xi'an henan zhengzhou
hebei shanxi anhui hefei jiangxi liaoning shenyang dalian jilin changchun heilongjiang harbin yunnan guizhou
guangxi hainan gansu qinghai ningxia xinjiang tibet inner mongolia hong kong macau macao taiwan pinghu
""", "Places: 'in Shenyang' answers where, not which company; a question for a place needs one the question "
     "does not already name.")
COUNTRIES = words("countries", """
europe eu asia africa america americas germany france italy spain netherlands belgium sweden poland hungary
uk britain japan korea india russia usa us vietnam indonesia singapore malaysia thailand australia canada
mexico brazil states united kingdom
""", "Countries and regions of the world: places, yet no answer to 'in which province or city'.")
# "US export controls": a question about another country's action is about an item that names that
# country, in any of its forms; keys are the COUNTRIES words a question writes.
COUNTRY_FORMS: dict[str, tuple[str, ...]] = {
    "us": ("us", "usa", "united states", "america", "american", "washington"),
    "usa": ("us", "usa", "united states", "america", "american", "washington"),
    "america": ("us", "usa", "united states", "america", "american", "washington"),
    "uk": ("uk", "britain", "united kingdom", "british", "london"),
    "britain": ("uk", "britain", "united kingdom", "british", "london"),
    "eu": ("eu", "europe", "european", "brussels"), "europe": ("eu", "europe", "european", "brussels"),
    "germany": ("germany", "german"), "france": ("france", "french"), "italy": ("italy", "italian"),
    "spain": ("spain", "spanish"), "netherlands": ("netherlands", "dutch"), "belgium": ("belgium", "belgian"),
    "sweden": ("sweden", "swedish"), "poland": ("poland", "polish"), "hungary": ("hungary", "hungarian"),
    "japan": ("japan", "japanese"), "korea": ("korea", "korean"), "india": ("india", "indian"),
    "russia": ("russia", "russian"), "vietnam": ("vietnam", "vietnamese"), "indonesia": ("indonesia", "indonesian"),
    "singapore": ("singapore", "singaporean"), "malaysia": ("malaysia", "malaysian"), "thailand": ("thailand", "thai"),
    "australia": ("australia", "australian"), "canada": ("canada", "canadian"), "mexico": ("mexico", "mexican"),
    "brazil": ("brazil", "brazilian"),
}
CURRENCIES = words("currencies", "cny rmb usd eur hkd jpy gbp", "Currency codes are capitalised but name no one.")
SOURCE_NOTE = Rule(
    "source_note", r"\((?:[^()]|\([^()]*\))*\b(?:article|press release|notice|statement|website|announcement|report|"
                   r"document|post|filing|release)s?\b(?:[^()]|\([^()]*\))*\)",
    "'(Sina article (CN); Caixin article (EN))': where a news line was reported; the outlets it names are no "
    "party to the news.")
ASKS_SUBNATIONAL = Rule("asks_subnational", r"\b(?:city|cities|province|provinces|town|towns|district|districts|port|ports|"
                                            r"municipalit(?:y|ies)|county|counties)\b",
                        "A place inside a country is asked for: a country does not answer it.")
# A deal's other party named by its relation rather than its role word ("a joint venture with X"
# names a partner, "buy … from X" a supplier). Each family: its role words, then the relation.
ROLE_RELATIONS: tuple[tuple[str, Rule], ...] = (
    ("partner partners", Rule("relation_partner", r"\b(?:joint venture|JV|partnership|alliance|agreement|memorandum|MoU|"
                                                  r"cooperation|teamed up|team up)\s+with\b",
                              "'a joint venture with X': X is a partner.")),
    ("partner partners", Rule("relation_joint", r"\band\s+(?:the\s+)?[A-Z][\w-]+(?:\s+(?:of\s+)?[A-Z][\w-]+)*\s+(?:\([A-Z]+\)\s+)?"
                                                r"(?:jointly\s+)?(?:launch|issue|release|publish|sign|announce|unveil)\w*\b",
                              "'MIIT and the NMPA launch…': bodies acting together are partners.", flags=0)),
    ("supplier suppliers vendor vendors seller sellers maker makers manufacturer manufacturers foundry foundries "
     "producer producers", Rule("relation_supplier", r"\b(?:buy|buys|bought|order|orders|ordered|purchase|purchases|"
                                                     r"purchased)\b[^.;]{0,60}?\bfrom\s+[A-Z]|\b(?:made|produced|"
                                                     r"manufactured|supplied|built)\s+by\s+[A-Z]",
                                "'buy 140 aircraft from X', 'made by X': X supplies it.", flags=0)),
    ("investor investors backer backers shareholder shareholders sponsor sponsors financier financiers",
     Rule("relation_investor", r"\bbacked\s+by\s+[A-Z]|[A-Za-z]-backed\b|\bstakes?\s+(?:in|of)\b",
          "'X-backed', 'backed by X', 'a stake in': X invests.", flags=0)),
    ("buyer buyers customer customers client clients acquirer acquirers bidder bidders pay pays paid",
     Rule("relation_buyer", r"\b(?:sold|sells|sell|supplied|delivered)\s+to\s+[A-Z]|\b(?:acquired|bought)\s+by\s+[A-Z]|"
                            r"\b[A-Z][\w&.-]*\s+(?:\w+\s+){0,3}?(?:to\s+)?(?:buy|buys|bought|purchase|purchases|purchased|"
                            r"acquire|acquires|acquired|order|orders|ordered)\s+(?!from\b)[\w$€¥]",
          "'sold to X', 'acquired by X', 'X (plans to) buy…': X buys.", flags=0)),
    ("lender lenders bank banks", Rule("relation_lender", r"\b(?:loans?|credit|financing)\s+from\s+[A-Z]|\b(?:financed|"
                                                          r"funded|lent)\s+by\s+[A-Z]",
                                      "'a loan from X', 'financed by X': X lends.", flags=0)),
)
ASKS_BENEFICIARY = Rule(
    "asks_beneficiary", r"\b(?:target|targets|targeted|targeting|benefit|benefits|benefited|benefiting|eligible|qualify|"
                        r"qualifies|support|supports|supported|help|helps|helped|aimed at|aims at|apply to|applies to|"
                        r"favou?r|favou?rs|prioriti[sz]e|prioriti[sz]es)\b",
    "'Which firms does it target / support / benefit?': who a policy is for is often a kind of firm, not a named one.")
KIND_OF_FIRM = Rule(
    "kind_of_firm", r"\b(?:SMEs?|small and medium-sized (?:enterprises|firms|companies)|little giants?|“?little giant”? (?:firms|"
                    r"companies|enterprises)|“?specialized and sophisticated”? (?:SMEs|firms|companies|enterprises)|"
                    r"(?:state-owned|private|privately owned|foreign|domestic|high-tech|innovative|tech-focused|leading|"
                    r"small|start-up|listed) (?:firms|companies|enterprises|businesses)|SOEs|start-?ups)\b",
    "A kind of firm named in a sentence ('specialized and sophisticated SMEs', 'private firms'): the answer to whom a "
    "policy targets.")
# "which ten cities": how many are asked for sits between the question word and what is asked
_HOW_MANY = r"(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|several|few|many|other) )?"
ASKS_PLACE = Rule(
    "asks_place",
    r"\bin (?:which|what) " + _HOW_MANY + r"(?P<noun>city|cities|province|provinces|regions?|country|countries|locations?|place|towns?|"
    r"districts?|ports?|area)\b|\b(?:which|what) " + _HOW_MANY + r"(?P<noun2>city|cities|province|provinces|regions?|country|countries|"
    r"locations?|towns?|districts?|ports?)\b(?! (?:news|items?))|\bwhere(?: in [A-Z][\w-]*(?: [A-Z][\w-]*)?)? (?:is|was|are|were|will|would|did|does|do|has|have) (?:[\w'’,-]+ ){0,12}?"
    r"(?:be )?(?:built|build|located|locate|based|headquartered|set up|set|sited|held|hosted|opened|open|produced|"
    r"produce|made|make|manufactured|manufacture|assembled|assemble|constructed|construct|deployed|deploy|piloted|pilot|"
    r"tested|test|registered|listed|list|launched|launch|operated|operate|expanded|expanding|expand|invest(?:ed|ing)?)\b|^\W*(?:and |but |so )?where(?: exactly| precisely| specifically| is it| was it| will it be)?\s*\?\s*$|\bwhere (?:exactly )?(?:is|are|was|were) (?:the|its|their|this|that|these|those) [^?,;]{1,60}\?\s*$|\band where\s*\??\s*$",
    "A place is asked for: only a sentence naming a place the question does not name answers.")
HAS_PLACE = Rule(
    "has_place", r"\b(?:in|at|near|across|outside|inside)\s+(?:the\s+)?(?:[a-z-]+\s+)?(?P<name>[A-Z][\w'’-]+)",
    "'in Shenyang', 'at the Lingang hub': a capitalised place after a place preposition.", flags=0)
ASKS_REASON = Rule(
    "asks_reason",
    r"^\W*why\b|\bwhy (?:did|does|do|is|are|was|were|would|has|have|will|should|could)\b|\bwhat (?:is|was|are|were) the "
    r"(?:main )?(?:reasons?|motives?|motivations?|rationale)\b|\bfor what reason\b|\bwhat (?:prompted|drove|motivated|caused)\b"
    r"|\bwhat (?:reasons?|rationale|justification) (?:did|does|do|was|were|is|are|has|have|had)\b|\b(?:give|gave|given|cite|cited|offer|offered|state|"
    r"stated) (?:as )?(?:a |the |any |its |their )?(?:reasons?|rationale|justification)\b",
    "A reason is asked for: a MERICS comment gives one; a news line must state one (because, citing, to curb…).")
ASKS_DEFINITION = Rule(
    "asks_definition",
    r"\bhow (?:does|do|did|will|would) (?:[\w'’-]+ ){1,6}?define\b"
    r"|\bhow (?:is|are|was|were) .{1,40}? defined\b|\bwhat (?:is|are|was|were) meant by\b|\b(?:the )?definition of\b"
    r"|\bwhat (?:counts|count|qualifies|qualify) as\b|如何定义|怎么定义|怎样定义|定义是什么|的定义",
    "A definition is asked for: a sentence must say what the term is (refers to, includes, such as…), not merely use it.")
HAS_DEFINITION = Rule(
    "has_definition",
    r"\b(?:refers? to|referring to|means|(?:is|are) defined|defined as|definitions?|includ(?:e|es|ing)|such as|consists? of|"
    r"compris(?:e|es|ing)|i\.e\.|namely|in other words)\b|:",
    "A sentence that says what a term is, or lists what it covers.")
STATES_OBLIGATION = Rule(
    "states_obligation",
    r"\b(?:must|shall|are required to|is required to|are obliged to|is obliged to|have to|has to|need to|needs to|"
    r"are tasked (?:with|to)|is tasked (?:with|to)|are prohibited from|is prohibited from|may not)\b",
    "A sentence of an item's summary that states what someone must do is one of its measures, "
    "like its bullets, whichever paragraph it stands in.")
HAS_REASON = Rule(
    "has_reason",
    r"\b(?:because|due to|owing to|thanks to|citing|cited|amid|in response to|as a result|driven by|in order to|so as to|"
    r"so that|aim(?:s|ed|ing)? to|seek(?:s|ing)? to|sought to|intend(?:s|ed|ing)? to|in a bid to|in an effort to|"
    r"to (?:curb|address|tackle|counter|prevent|avoid|reduce|cut|ease|stabili[sz]e|secure|ensure|protect|boost|support|"
    r"promote|improve|strengthen|comply|meet|offset|cope|respond))\b",
    "A sentence stating a cause or purpose.")

# Kinds of amount that other amounts do not answer: an industry's target size is no budget, an
# investment no fine. (Words of the question and of the sentence, stemmed when read.)
VALUE_KINDS: tuple[tuple[str, str], ...] = (
    ("penalty", "fine fines fined penalty penalties sanction sanctions"),
    ("subsidy", "subsidy subsidies subsidise subsidize grant grants"),
    ("budget", "budget budgets allocate allocated allocation earmark earmarked"),
    ("tax", "tariff tariffs duty duties tax taxes levy levies"),
    ("wage", "salary salaries wage wages"),
    ("revenue", "revenue revenues sales turnover"),
    ("profit", "profit profits earnings"),
    ("valuation", "valuation valuations valued"),
)
VALUE_CLAUSE = Rule(
    "value_clause",
    r"\b(?:how (?:much|many|big|large|high|long|fast|far)|what (?:percentage|share|proportion|date|deadline|amount|price|"
    r"fine)|when|who|by when|deadline)\b(?P<rest>.*)", "The clause a value question asks its value in ('Why did X act, and "
    r"how much is at stake?'): the sentence holding the value must be about it.", flags=re.I | re.S)
# The thing an asked-for value counts or measures ("how many SMEs", "what share of patents"): a
# figure answers only if it stands next to it; "16 measures for SMEs" does not say how many SMEs.
VALUE_HEAD = Rule(
    "value_head",
    r"\bhow much(?: money| funding)? (?:is|was|will be|has been|are|were) (?:being )?(?:set aside|earmarked|allocated|"
    r"budgeted|spent|invested|provided|committed|available) (?:for|on|to) (?P<for>(?:[\w'’-]+(?:\s+|(?=[?.!,;])|$)){0,6})"
    r"|\bhow (?:many|much)\s+(?P<after>(?:[\w'’-]+\s+){0,6})"
    r"|\bwhat (?:percentage|percent|share|proportion|portion|fraction) of\s+(?P<of>(?:[\w'’-]+\s+){0,6})"
    r"|\bnumber of\s+(?P<num>(?:[\w'’-]+\s+){0,6})"
    r"|\bwhat (?:(?:is|was|are|were|will be)\s+)?(?P<noun>(?:[\w&'’-]+\s+){0,3}?(?:capacity|output|fine|penalty|price(?: cap)?|budget|subsidy|valuation|"
    r"investment|volume|density|threshold|limit|ceiling|quota|intensity|growth rate|penetration(?: rate)?|ratio))\b"
    r"|\bwhen (?:will|must|should|does|do|is|are|would) (?P<when>(?:[\w'’-]+\s+){1,16}?)(?=(?:close|end|expire|"
    r"take effect|start|begin|finish|be (?:completed|finished|implemented|due))\b)",
    "The noun phrase a value question quantifies (or, for money set aside, what it is for): a number answers only "
    "when it stands near it; a deadline "
    "only when its sentence is about what ends ('when does the comment period close?' is not answered by "
    "when an assessment must be done).")
VALUE_HEAD_STOP = words(
    "value_head_stop", """will would did does do is are was were has have had can could should must may might
in of for by to from under at on per with into over within across does get got go goes going be been being it
they there this that these those put puts issued released published announced signed joined took take need
needs received receive""",
    "Where a value question's noun phrase ends: its verb, auxiliary or preposition.")
CODE_TERM = Rule("code_term", r"(?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]{2,8}",
                 "A term of letters and digits ('6g', 'a100', 'ipv6') names one technology or product: a follow-up asking "
                 "about one the items discussed never write is not about them.")
ISSUER_COUNT = Rule(
    "issuer_count",
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+(?:[\w-]+\s+){0,2}?"
    r"(?:agencies|ministries|departments|bodies|regulators|authorities|commissions)\b",
    "'Four central agencies published the plan…': how many bodies issued an item is not a figure of its content; a "
    "question asking how much something falls is not answered by it.")
NAMES_BODIES = Rule("names_bodies", r"\b(?:agenc|ministr|bod(?:y|ies)\b|department|regulator|authorit|commission)",
                    "A question about the issuing bodies ('how many agencies…'), whose count is then a value asked for.")
VALUE_HEAD_PARTICIPLE = words(
    "value_head_participle", "held owned granted sold built made produced located based installed",
    "A participle after the noun ends its phrase ('patents held abroad'); after a possessive it modifies the noun "
    "that follows ('the country's granted patents').")
VALUE_HEAD_SKIP = words("value_head_skip", "the a an its their his her our china china's chinese beijing's new",
                        "Determiners and the country's name before a value question's noun: not what it counts.")
GENERIC_VALUE_NOUNS = words(
    "generic_value_nouns", """money cash amount number figure total value percentage percent share proportion
portion fraction rate sum level size period phase stage term timeline timeframe price tag cost worth""",
    "Words that name the kind of value, not what it counts: they are the answer type, not its head ('the plan "
    "period' ends when the plan does).")

# Standard abbreviations of business and technology writing, for those a brief uses without
# defining them ("GM's China JV"); a brief's own "Name (ACRONYM)" pairs come first.
COMMON_ACRONYMS: dict[str, tuple[str, ...]] = {
    "JV": ("joint venture",), "SOE": ("state-owned enterprise",), "EV": ("electric vehicle",),
    "NEV": ("new energy vehicle",), "IPO": ("initial public offering",), "AI": ("artificial intelligence",),
    "R&D": ("research and development",), "IP": ("intellectual property",), "FDI": ("foreign direct investment",),
    "SME": ("small and medium-sized enterprise",), "IoT": ("Internet of Things",), "PV": ("photovoltaic",),
    "GDP": ("gross domestic product",), "VR": ("virtual reality",), "AR": ("augmented reality",),
    "CCUS": ("carbon capture, utilization and storage",), "MoU": ("memorandum of understanding",),
    "M&A": ("mergers and acquisitions",),
}

ACRONYM_WORDS = words("acronym_words", "most safe sac mot sc it",
                      "Agency acronyms that are also English words: only their capitals name the agency "
                      "('MOST', not 'most'); other acronyms match in any case ('miit', 'cnipa').")

# British and American spellings are one term ("localisation" = "localization", "centre" =
# "center"): questions and briefs are written in either. Applied to every token on both sides,
# so a word that only looks British ("exercise") is changed the same way everywhere.
SPELLING = [(re.compile(r"(?<=[a-z]{3})is(ation|ations|e|ed|es|ing)$"), r"iz\1"),
            (re.compile(r"(?<=[a-z]{3})our(s|ed|ing)?$"), r"or\1"),
            (re.compile(r"(?<=[a-z]{3})tre(s)?$"), r"ter\1"),
            (re.compile(r"^(lic|def|off|pret)ence(s)?$"), r"\1ense\2"),  # licence, defence
            (re.compile(r"^programme(s|d)?$"), r"program\1"),
            (re.compile(r"(?<=[a-z]{3})logue(s)?$"), r"log\1"),  # catalogue, dialogue
            # comparatives and superlatives are their adjective: "smaller firms" are small enterprises
            (re.compile(r"^(small|great|high|low|strong|weak|fast|cheap|long|short|hard|tight|clean|green|old|new|young|"
                        r"rich|poor|deep|broad|quick|slow|near|few)(?:er|est)$"), r"\1"),
            (re.compile(r"^(bi)gg(?:er|est)$"), r"\1g"), (re.compile(r"^(ho)tt(?:er|est)$"), r"\1t"),
            (re.compile(r"^(larg|wid|saf)(?:er|est)$"), r"\1e"), (re.compile(r"^(eas|earl|heav)i(?:er|est)$"), r"\1y")]

ALTERNATIVE = Rule(
    "alternative", r"([^\W\d_][\w-]*)\s*(?:/|\bor\b)\s*([^\W\d_][\w-]*)",
    "'chips / semiconductors', 'solar or photovoltaic': either word names the topic, so a passage with one "
    "of them holds the whole pair.")

# ── Terms ─────────────────────────────────────────────────────────────────────────────────
NUMBER_WORDS = {
    "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
    "ten": "10", "eleven": "11", "twelve": "12", "fifteen": "15", "twenty": "20", "thirty": "30", "forty": "40",
    "fifty": "50", "hundred": "100",
}  # "three percent" and "3 percent" are one term: briefs and questions write numbers either way

# ── Comparisons ───────────────────────────────────────────────────────────────────────────
INSTRUMENT = Rule(
    "instrument",
    r"\b(action plan|implementation plan|five-year plan|special plan|plan|notice|measures|regulations?|rules|"
    r"guidelines?|guiding opinions|opinions|law|catalogue|conditions|standards?|instructions|circular|decision|strategy)\b",
    "The kind of instrument a policy is, read from its name, so a comparison can say 'a draft regulation, then a notice'.")

# ── Overviews of a whole brief ────────────────────────────────────────────────────────────
OVERVIEW = Rule(
    "overview",
    r"\b(summar(?:y|ies|ise|ize|ised|ized)|overview|highlights?|(?:main|key|headline|top|big|biggest|major)\s+"
    r"(?:topics?|themes?|points|stories|items|policies|issues|news)"
    r"|what(?:\s+(?:other|else|news|items|policies|stories))*(?:'s|’s|\s+is|\s+was|\s+were|\s+are)\s+(?:in|covered)"
    r"|cover(?:ed|s)?|about|topics?|themes?|list)\b",
    "'Summarise the brief', 'what were its main topics': a question about a brief as a whole.")
ALL_BRIEFS = Rule("all_briefs", r"\b(?:across|in|from|over)?\s*(?:the|both|all)\s+(?:two|2|three|3)\s+(?:briefs|years|editions|issues)\b"
                  r"|\b(?:across|in|from|over)?\s*(?:both|either|all)(?:\s+(?:of\s+)?the)?\s+(?:briefs?|years?|editions?|issues?)\b",
                  "'across the two briefs', 'either year' name every brief: no period and no topic.")
BRIEF_WORDS = Rule("brief_words", r"\b(brief|briefs|issue|edition|month)\b", "An overview question names a brief (or a period).")
OVERVIEW_FILLER = Rule(
    "overview_filler",
    r"\b(summar\w*|overview|highlights?|main|key|headline|top|big|biggest|major|topics?|themes?|points|stories|items?|"
    r"policies|policy|issues?|news|covered|covers?|cover|about|brief|briefs|edition|month|merics|china|chinese|"
    r"industries|monthly|give|me|tell|list|please|an?|the|\d+|five|corporate|company|business|all)\b",
    "What an overview question says besides 'summarise the brief': nothing topical.")

# ── Names in questions ────────────────────────────────────────────────────────────────────
PROPER = Rule("proper", r"(?<![\w’'-])([A-Z][A-Za-z]*[a-z][A-Za-z]*|[A-Z]{2,})(?![\w-])",
              "A capitalised word standing alone is a name; hyphenated descriptors ('Munich-based') are not the subject.", flags=0)
SENTENCE_START = Rule("sentence_start", r"(^|[.?!:;\"“(]\s*)$",
                      "A word capitalised because it starts a sentence names nothing.", flags=0)
NOT_NAMES = words("not_names", """
american americans british chinese dutch english european europeans french german germans indian
italian japanese korean north south east west western eastern asian african russian spanish swiss
swedish taiwanese canadian australian brazilian mexican turkish israeli arab saudi iranian vietnamese
indonesian malaysian thai singaporean filipino polish czech hungarian ukrainian belgian danish
finnish norwegian austrian portuguese greek irish scottish welsh nordic latin middle
mr mrs ms dr president premier minister vice chairman chairwoman ceo secretary general
""",
                  "Capitalised because English capitalises them (nationalities, titles), not because they name anyone.")
FORMAT_WORDS = words("format_words", "merics china industries top five brief briefs policy news corporate "
                          "noteworthy worth noting glance comment item items",
                     "Words of the briefs' format itself, which questions capitalise ('the Top 5', 'Worth Noting').")
PAREN_ACRONYM = Rule("paren_acronym", r"\(([A-Z][A-Za-z&]{1,7}?)s?\)", "'… (ICT)': an acronym the brief defines.", flags=0)
ACRONYM_IN_TEXT = Rule("acronym_in_text", r"\b[A-Z][A-Z&]{1,6}s?\b",
                       "'API makers', 'R&D': an acronym as a question writes it; a value asked of what it names must be "
                       "stated by an item holding it.", flags=0)
LINK_WORDS = words("link_words", "and of the for in on to", "Words an acronym may skip or spell ('MOST', 'SAMR').")
CAPITALISED_NAME = Rule("capitalised_name", r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,4}\b",
                        "Runs of capitalised words ('General Motors'): candidates for initialisms the briefs never write.", flags=0)
ALIAS = Rule("alias", r"((?:[A-Z][\w’'-]*|of|and|for|the|on|in)(?:\s+(?:[A-Z][\w’'-]*|of|and|for|the|on|in)){1,9})\s+\(([A-Z][A-Za-z]{1,7})\)",
             "'State Administration of Foreign Exchange (SAFE)': an issuer's name and acronym.", flags=0)

# ── Terms: words that carry no topic ───────────────────────────────────────────────────────
STOPWORDS = words("stopwords", """
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on
once only or other our out over own same she should so some such than that the their them then there these
they this those through to too under until up very was we were what when where which while who whom why will
with would you your yours shall may might must
among amongst amid amidst including excluding except via within without upon toward towards onto along
alongside behind beyond despite inside outside throughout beside besides unlike
tell give show list describe explain say said says according regarding concerning please briefs brief edition editions
summarise summarize summarised summarized summarising summarizing summary summaries recap outline
detail details detailed elaborate elaborated rundown
china chinese china's s
""",
                  "Function words (prepositions included: 'among the issuers' names no topic), request verbs and nouns ('summarise', 'explain', 'more detail') and the briefs' own name: they match "
                  "everything and say nothing about a topic.")
QUESTION_FILLER = words("question_filler", """
what which who whom when where why how compare comparison versus vs between change changed changes differ
difference different shift shifted shifts evolve evolved thrust gist
did does do key main major headline new latest recent last year years month months merics
much many anything something else other others another additional any one ones often soon
anywhere elsewhere everywhere somewhere
actually really exactly specifically precisely indeed already still even
mentioned noted covered featured appear appears appeared
mention mentions report reports reported reporting highlight highlights highlighted
across
please interested curious wondering tracking switch switching remember recall go back revisit
similar comparable equivalent counterpart counterparts likewise well
ok okay alright hmm
sorry meant mean quick quickly
every
couple few handful several
issue issued issues issuing publish published publishes publishing release released releases releasing
put puts putting unveil unveiled unveils unveiling launch launched launches launching announce announced announces announcing
""",
                        "Question words, words of change between periods ('shift') or of what a thing is about "
                        "('the gist of'), hedges ('actually', 'already') and what the briefs are asked to have done "
                        "('mentioned', 'noted', 'appeared in', 'reported', 'issued', 'published', 'put out': every item was), that carry intent "
                        "but no topic; so do the analyst's own interests ('I'm tracking…', 'curious about') and moves in the "
                        "conversation ('switch to 2022'), and asking for likeness to what was discussed ('anything similar', 'as well'), and "
                        "acknowledgements that open a turn ('ok, and …'), repairs and hurry ('sorry, I meant …', 'quick: …'), and vague quantities ('a couple of the firms').")
