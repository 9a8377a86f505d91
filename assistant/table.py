"""The item table: one row per item (date, kind, headline, policy EN + CN, issuers), the answer to
structured questions ("which…", "list…", "what came out on…", "everything the NDRC issued").

Constraints filter the table exactly, never by similarity; a topic, if the question has one, is
judged afterwards by the caller. Selection says which constraint emptied the set, so "none" can say
why."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from .agencies import Agencies, stated_issuer_count
from .companies import Companies, trade_of
from .models import KIND_LABELS, Brief, Item
from .answertypes import new_numbers
from .lexicon import LEAD_IN_CLAUSE, TARGET_SENTENCE
from .text import sentences


@dataclass(frozen=True)
class Row:
    item_id: str
    brief_id: str
    brief_month: str
    kind: str
    date: date | None
    headline: str
    policy: str
    policy_cn: str
    issuers: tuple[str, ...]  # agency keys (canonical), in the brief's order
    issuer_count: int  # bodies behind the item: listed, or stated ("Four central agencies…")
    lead: str  # what the item is: its first sentence (news: its whole text)
    source_note: str = ""  # Top-5: the verbatim policy / issuing body / date lines
    company_kinds: frozenset[str] = frozenset()  # kinds of company it involves (companies.py): automotive, foreign, …
    targets: tuple[str, ...] = ()  # the sentences stating a goal with a figure (numeric targets)

    @property
    def sets_targets(self) -> bool:
        return bool(self.targets)

    @property
    def date_int(self) -> int:
        return int(self.date.strftime("%Y%m%d")) if self.date else 0

    @property
    def year(self) -> int:
        return self.date.year if self.date else int(self.brief_month[:4])


def build_rows(briefs: list[Brief], agencies: Agencies, companies: Companies | None = None) -> list[Row]:
    rows = []
    for b in briefs:
        for it in b.items:
            rows.append(_row(b, it, agencies, companies))
    rows.sort(key=lambda r: (r.date_int, r.item_id))
    return rows


def _row(brief: Brief, item: Item, agencies: Agencies, companies: Companies | None) -> Row:
    if item.kind == "top5":
        issuers = tuple(dict.fromkeys(agencies.canon(i) for i in item.issuers))
        lead = next(iter(sentences(item.glance)), item.headline)
        count = len(issuers)
    elif item.kind == "policy_news":
        # News items name their issuer in the text ("The NDRC and NEA outlined…", "(MIIT notice)").
        issuers = tuple(agencies.find(item.text))
        lead = item.text
        count = max(len(issuers), stated_issuer_count(item.text))
    else:  # companies announce corporate news; an agency named there is not its issuer
        issuers, lead, count = (), item.text, 0
    kinds: frozenset[str] = frozenset()
    if companies is not None:
        # what the item is about (a Top-5 item's lead, a news item's text), not companies its comment cites
        kinds = frozenset(companies.categories_of(lead) | {k for k, _, _ in companies.categories_in(lead)})
    return Row(item.item_id, brief.brief_id, brief.month, item.kind, item.date, item.headline, item.policy,
               item.policy_cn, issuers, count, lead, item.source_note, kinds, _targets(item))


def _targets(item: Item) -> tuple[str, ...]:
    """Goals with a figure: the sentences of what the item states (not the MERICS comment) that hold
    a new number (not a year) and a goal word or change verb. Where the item introduces its bullet
    list as its targets ("Notable targets for 2025 include:"), the list is the targets, each bullet
    whatever its wording ("More than double overseas patents…", "Foster several … companies")."""
    if item.kind == "top5" and item.bullets:
        lead_in = next((c.strip() for c in LEAD_IN_CLAUSE.findall(item.glance) if TARGET_SENTENCE.rx.search(c)), "")
        if lead_in:
            return (lead_in, *item.bullets)
    stated = [*sentences(item.glance), *item.bullets] if item.kind == "top5" else sentences(item.text)
    return tuple(x for x in stated if new_numbers(x, "") and TARGET_SENTENCE.rx.search(x))


def targets_line(targets: tuple[str, ...]) -> str:
    """A row's targets as one line: after a lead-in ("… include:") its list, else separated by semicolons."""
    head, *rest = targets
    return f"{head} {'; '.join(rest)}" if rest and head.rstrip().endswith(":") else "; ".join(targets)


@dataclass(frozen=True)
class TableQuery:
    """Exact constraints of a structured question (empty = unconstrained)."""

    ranges: tuple[tuple[int, int], ...] = ()  # YYYYMMDD, inclusive, 0 = open; OR-ed
    years: frozenset[int] = frozenset()
    brief_months: frozenset[str] = frozenset()  # items of these briefs
    kinds: frozenset[str] = frozenset()
    issuers: tuple[str, ...] = ()
    all_issuers: bool = False  # every named issuer (jointly issued) rather than any
    joint_first: bool = False  # every named issuer if some rows have them all, else any
    multi_issuer: bool = False  # two or more issuing bodies
    item_ids: frozenset[str] = frozenset()
    exclude_ids: frozenset[str] = frozenset()
    company_kinds: tuple[tuple[str, str], ...] = ()  # (category key, as the question wrote it): all must hold
    sets_targets: bool = False  # only items stating a goal with a figure


@dataclass
class Selection:
    rows: list[Row]
    emptied_by: str = ""  # the constraint that left nothing, said in words
    steps: list[tuple[str, int]] = field(default_factory=list)  # (constraint, rows left)


def select(rows: list[Row], q: TableQuery, agencies: Agencies) -> Selection:
    """Apply each constraint in turn; the first that leaves nothing is named."""
    steps: list[tuple[str, list]] = []

    def keep(label: str, test) -> None:
        nonlocal rows
        rows = [r for r in rows if test(r)]
        steps.append((label, rows))

    if q.item_ids:
        keep("the items asked about", lambda r: r.item_id in q.item_ids)
    if q.exclude_ids:
        keep("other than those already cited", lambda r: r.item_id not in q.exclude_ids)
    if q.brief_months:
        keep("in the " + " / ".join(sorted(q.brief_months)) + " brief", lambda r: r.brief_month in q.brief_months)
    if q.years:
        keep("dated " + " / ".join(map(str, sorted(q.years))), lambda r: r.year in q.years)
    if q.ranges:
        keep("dated " + " or ".join(_describe_range(lo, hi) for lo, hi in q.ranges),
             lambda r: any((not lo or r.date_int >= lo) and (not hi or r.date_int <= hi) for lo, hi in q.ranges)
             and r.date is not None)
    if q.kinds:
        keep("of kind " + " / ".join(KIND_LABELS.get(k, k) for k in sorted(q.kinds)), lambda r: r.kind in q.kinds)
    if q.issuers:
        joint = q.all_issuers or (q.joint_first and any(all(i in r.issuers for i in q.issuers) for r in rows))
        names = " and ".join(agencies.label(i) for i in q.issuers) if joint else \
            " or ".join(agencies.label(i) for i in q.issuers)
        if joint:
            keep(f"issued by {names}", lambda r: all(i in r.issuers for i in q.issuers))
        else:
            keep(f"issued by {names}", lambda r: any(i in r.issuers for i in q.issuers))
    if q.multi_issuer:
        keep("with two or more issuing bodies", lambda r: r.issuer_count >= 2)
    if q.sets_targets:
        keep("setting numeric targets", lambda r: r.sets_targets)
    if q.company_kinds:
        trades = {w: trade_of(w) for _, w in q.company_kinds}
        keep("involving " + " ".join(w for _, w in q.company_kinds),
             lambda r: all(k in r.company_kinds or (trades[w] is not None and trades[w].search(r.lead))
                           for k, w in q.company_kinds))
    emptied = next((label for label, left in steps if not left), "")
    return Selection(rows, emptied, [(label, len(left)) for label, left in steps])


def _describe_range(lo: int, hi: int) -> str:
    def fmt(d: int) -> str:
        return date(d // 10000, d // 100 % 100, d % 100).strftime("%-d %B %Y")

    if lo and hi:
        start, end = date(lo // 10000, lo // 100 % 100, lo % 100), date(hi // 10000, hi // 100 % 100, hi % 100)
        if start.day == 1 and (end.month, end.year) == (start.month, start.year) and end.day >= 28 \
                and (end.replace(day=28) + timedelta(days=4)).month != end.month:
            return start.strftime("in %B %Y")  # a whole month
        return fmt(lo) if lo == hi else f"{fmt(lo)} to {fmt(hi)}"
    return f"from {fmt(lo)}" if lo else f"until {fmt(hi)}"
