"""Periods a question names: days, day ranges, parts of months, months, in every common form.

"on 9 Nov 2022", "November 9", "2022-11-09", "2022年11月9日", "between 1 and 10 November 2022",
"Nov 1-10", "mid-October 2021", "the last week of October", "since 15 November 2022", "Nov. 2022",
"2022-11", "11/2022", "2022/11", "11月". Bare years stay with the planner (it knows which years are targets).
Pure functions: the question and the years the corpus covers in, spans out."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from .lexicon import (BRIEF_ITEM_NOUN, BRIEF_NOUN, ITEMS_OF_MONTH, COMPARE, MONTH_RE, MONTHS, OPEN_END, OPEN_END_AFTER, OPEN_START, OPEN_START_AFTER,
                      PART_OF_MONTH, PART_OF_YEAR, RANGE_BETWEEN, RANGE_JOIN, REPORTED_IN, SEASON, WEEK_OF)

# First month of each season (meteorological: three months each; winter runs into the next year).
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12,
                 "春季": 3, "夏季": 6, "秋季": 9, "冬季": 12}

# first and last month of each part of a year
_YEAR_PART = {"early": (1, 4), "beginning of": (1, 4), "start of": (1, 4), "初": (1, 4), "mid": (5, 8),
              "late": (9, 12), "end of": (10, 12), "底": (10, 12), "末": (10, 12),
              "first half of": (1, 6), "h1": (1, 6), "上半年": (1, 6), "second half of": (7, 12), "h2": (7, 12),
              "下半年": (7, 12)}

_ORD = r"(?:st|nd|rd|th)?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_ATOM = re.compile(
    r"(?P<cy>\d{4})\s*年\s*(?P<cm>\d{1,2})\s*月(?:\s*(?P<cd>\d{1,2})\s*[日号])?"
    r"|(?<![\d年])(?P<xm>\d{1,2})\s*月(?:\s*(?P<xd>\d{1,2})\s*[日号])?"
    r"|\b(?P<iy>(?:19|20)\d{2})-(?P<im>0?[1-9]|1[0-2])(?:-(?P<id>\d{1,2}))?\b"
    r"|\b(?P<dd>" + _DAY + r")" + _ORD + r"(?:\s*(?:-|–|to|and|until|till|through|thru)\s*(?P<dd2>" + _DAY + r")" + _ORD + r")?"
    r"\s+(?:of\s+)?(?P<dm>" + MONTH_RE + r")(?![a-z])(?:,?\s+(?P<dy>(?:19|20)\d{2}))?"
    r"|\b(?P<mm>" + MONTH_RE + r")(?![a-z])\s*(?P<md>" + _DAY + r")" + _ORD + r"(?![\d.,]\d)(?!\d)"
    r"(?:\s*(?:-|–|to|and|until|till|through|thru)\s*(?P<md2>" + _DAY + r")" + _ORD + r"(?!\d))?"
    r"(?:,?\s+(?P<my>(?:19|20)\d{2}))?"
    r"|\b(?P<nd>" + _DAY + r")(?P<sep>[./])(?P<nm>0?[1-9]|1[0-2])(?P=sep)(?P<ny>(?:19|20)\d{2})\b"
    r"|(?<![\d/.])(?P<sm>0?[1-9]|1[0-2])/(?P<sy>(?:19|20)\d{2})\b|\b(?P<ty>(?:19|20)\d{2})/(?P<tm>0?[1-9]|1[0-2])(?![\d/])"
    r"|\b(?P<om>" + MONTH_RE + r")(?![a-z])(?:,?\s+(?:of\s+)?(?P<oy>(?:19|20)\d{2}))?",
    re.I)
# A lone month word is a month only where a month can stand: "may" and "march" are also verbs.
_MONTH_CONTEXT = re.compile(r"\b(?:in|of|since|after|before|until|till|during|from|between|and|to|early|mid|late|"
                            r"end of|beginning of|start of|week of|half of|days of|through)[\s-]*$", re.I)


@dataclass(frozen=True)
class Period:
    """One period named in a question: where it stands and the day ranges it covers."""

    start: int  # character span in the question
    end: int
    ranges: tuple[tuple[int, int], ...]  # (YYYYMMDD, YYYYMMDD) inclusive, OR-ed; 0 = open end
    precision: str  # "day" | "part" | "month"
    months: tuple[str, ...] = ()  # "YYYY-MM" keys when precision == "month"
    brief: bool = False  # "the November 2022 brief": a brief, not what is dated in that month
    brief_items: bool = False  # "the Nov 2022 items": that brief's items, if there is such a brief
    text: str = ""

    @property
    def years(self) -> set[int]:
        return {(lo or hi) // 10000 for lo, hi in self.ranges if lo or hi}


def _ymd(y: int, m: int, d: int) -> int:
    return y * 10000 + m * 100 + d


def _month(name: str) -> int:
    return [m[:3] for m in MONTHS].index(name.strip(". ").lower()[:3]) + 1


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _part(y: int, m: int, which: tuple[str | None, str | None, str | None]) -> tuple[int, int]:
    """Day range of 'early/mid/late' or 'the first/last week/half/ten days of' a month."""
    word, ordinal, unit = (w.lower() if w else None for w in which)
    last = _last_day(y, m)
    if word:
        if word in ("early", "beginning of", "start of"):
            return _ymd(y, m, 1), _ymd(y, m, 10)
        if word in ("mid", "middle of"):
            return _ymd(y, m, 11), _ymd(y, m, 20)
        return _ymd(y, m, 21), _ymd(y, m, last)  # late, end of
    size = {"week": 7, "half": 15, "ten days": 10}[unit]
    if ordinal in ("last", "final"):
        return _ymd(y, m, last - size + 1 if unit != "half" else 16), _ymd(y, m, last)
    k = {"first": 0, "second": 1, "third": 2}[ordinal]
    lo = 1 + k * size
    hi = last if unit == "half" and k == 1 else min(last, lo + size - 1)
    return _ymd(y, m, lo), _ymd(y, m, hi)


def find_periods(question: str, years: tuple[int, ...]) -> list[Period]:
    """Every dated expression in the question, ranges joined, years inferred where missing:
    from a year the question names, else every year the corpus covers."""
    named_years = [int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", question)]
    default_years = tuple(dict.fromkeys(y for y in named_years if y in years)) or tuple(years) or ()
    atoms = []
    for m in _ATOM.finditer(question):
        atom = _read_atom(m, question)
        if atom:
            atoms.append(atom)
    periods: list[Period] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        before = question[:a["start"]]
        after_end = a["end"]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        join = RANGE_JOIN.rx.match(question[a["end"]:b["start"]]) if b else None
        # "did it change between March and June?" sets two periods side by side, not the months between them
        compared = join is not None and join[0].strip().lower() == "and" and bool(COMPARE.search(before))
        if b and join and join.end() == b["start"] - a["end"] and not compared and (
                RANGE_BETWEEN.search(before) or join[0].strip().lower() not in ("and", "to")):
            # "between 1 November and 10 November 2022", "from October 25 to November 3"
            ys = b["y"] and (b["y"],) or a["y"] and (a["y"],) or default_years
            ranges = []
            for y in ys:
                ay = a["y"] or y
                lo = _ymd(ay, a["m"], a["d"] or 1)
                hi = _ymd(b["y"] or y, b["m"], b["d2"] or b["d"] or _last_day(b["y"] or y, b["m"]))
                if lo <= hi:
                    ranges.append((lo, hi))
            periods.append(Period(a["start"], b["end"], tuple(ranges), "day", text=question[a["start"]:b["end"]]))
            i += 2
            continue
        ys = (a["y"],) if a["y"] else default_years
        part = PART_OF_MONTH.search(before) if not a["d"] else None
        week = WEEK_OF.search(before) if a["d"] and not a["d2"] else None  # "the week of 7 November"
        ranges, months, precision = [], [], "day"
        for y in ys:
            if week:
                ranges.append((_ymd(y, a["m"], a["d"]), _plus_days(_ymd(y, a["m"], a["d"]), 6)))
            elif a["d"]:
                ranges.append((_ymd(y, a["m"], a["d"]), _ymd(y, a["m"], a["d2"] or a["d"])))
            elif part:
                ranges.append(_part(y, a["m"], (part[1], part[2], part[3])))
                precision = "part"
            else:
                ranges.append((_ymd(y, a["m"], 1), _ymd(y, a["m"], _last_day(y, a["m"]))))
                months.append(f"{y:04d}-{a['m']:02d}")
                precision = "month"
        start = part.start() if part else week.start() if week else a["start"]
        opened = OPEN_START.search(before)
        if OPEN_START_AFTER.search(question[after_end:]) or (opened and not RANGE_BETWEEN.search(before)):
            after = re.search(r"\b(?:after|later than)\s*$", before, re.I)  # "after X" excludes X itself
            ranges = [(_plus_one(hi) if after else lo, 0) for lo, hi in ranges]
            precision, months = "day", []
        elif OPEN_END.search(before) or OPEN_END_AFTER.search(question[after_end:]):
            inclusive = re.search(r"\b(?:until|till|up to)\s*$", before, re.I) or OPEN_END_AFTER.search(
                question[after_end:])
            ranges = [(0, hi if inclusive else _minus_one(lo)) for lo, hi in ranges]
            precision, months = "day", []
        brief = bool(BRIEF_NOUN.rx.match(question[after_end:])) or bool(
            re.search(r"\b(?:brief|issue|edition)\s+(?:of|from|for|dated)\s*$", before, re.I)) or bool(
            REPORTED_IN.search(question[:start]))
        periods.append(Period(start, after_end, tuple(ranges), precision, tuple(months), brief,
                              bool(BRIEF_ITEM_NOUN.rx.match(question[after_end:]) or ITEMS_OF_MONTH.search(question[:start]))
                              and precision == "month",
                              question[start:after_end]))
        i += 1
    periods += _seasons(question, default_years, periods)
    return periods + _year_parts(question, periods)


def _year_parts(question: str, found: list[Period]) -> list[Period]:
    """"late 2021", "H1 2022", "2021年底": those months of the year; after "brief", the brief then."""
    out = []
    for m in PART_OF_YEAR.finditer(question):
        if any(p.start < m.end() and m.start() < p.end for p in found):
            continue
        part = " ".join(w for w in (m["part"] or m["h"] or m["cp"]).lower().split() if w != "the")
        y = int(m["y"] or m["hy"] or m["cy"])
        first, last = _YEAR_PART[part]
        brief = bool(BRIEF_NOUN.rx.match(question[m.end():]))
        out.append(Period(m.start(), m.end(), ((_ymd(y, first, 1), _ymd(y, last, _last_day(y, last))),), "part",
                          brief=brief, text=m[0]))
    return out


def _seasons(question: str, default_years: tuple[int, ...], found: list[Period]) -> list[Period]:
    """"autumn 2021", "in the fall", "2021年秋季": the three months of the season, in each year."""
    out = []
    for m in SEASON.finditer(question):
        if any(p.start < m.end() and m.start() < p.end for p in found):
            continue
        word = (m["s1"] or m["s2"] or m["cs"]).lower()
        year = m["y"] or m["cy"]
        ranges = []
        for y in ((int(year),) if year else default_years):
            first = _SEASON_START[word]
            last_y, last_m = (y + 1, 2) if first == 12 else (y, first + 2)
            ranges.append((_ymd(y, first, 1), _ymd(last_y, last_m, _last_day(last_y, last_m))))
        if ranges:
            out.append(Period(m.start(), m.end(), tuple(ranges), "part", text=m[0]))
    return out


def _plus_days(ymd: int, days: int) -> int:
    from datetime import date, timedelta

    d = date(ymd // 10000, ymd // 100 % 100, ymd % 100) + timedelta(days=days)
    return _ymd(d.year, d.month, d.day)


def _plus_one(ymd: int) -> int:
    return _plus_days(ymd, 1)


def _minus_one(ymd: int) -> int:
    from datetime import date, timedelta

    d = date(ymd // 10000, ymd // 100 % 100, ymd % 100) - timedelta(days=1)
    return _ymd(d.year, d.month, d.day)


def _read_atom(m: re.Match, question: str) -> dict | None:
    g = m.groupdict()
    y = mo = d = d2 = None
    if g["cm"]:
        y, mo, d = int(g["cy"]), int(g["cm"]), g["cd"] and int(g["cd"])
    elif g["xm"]:
        mo, d = int(g["xm"]), g["xd"] and int(g["xd"])
    elif g["im"]:
        y, mo, d = int(g["iy"]), int(g["im"]), g["id"] and int(g["id"])
    elif g["dm"]:
        y, mo, d, d2 = g["dy"] and int(g["dy"]), _month(g["dm"]), int(g["dd"]), g["dd2"] and int(g["dd2"])
    elif g["nd"]:  # "9.11.2022", "09/11/2022": day first, as a European publisher writes it
        y, mo, d = int(g["ny"]), int(g["nm"]), int(g["nd"])
    elif g["sm"]:  # "11/2022"
        y, mo = int(g["sy"]), int(g["sm"])
    elif g["tm"]:  # "2022/11"
        y, mo = int(g["ty"]), int(g["tm"])
    elif g["mm"]:
        y, mo, d, d2 = g["my"] and int(g["my"]), _month(g["mm"]), int(g["md"]), g["md2"] and int(g["md2"])
    elif g["om"]:
        y, mo = g["oy"] and int(g["oy"]), _month(g["om"])
        word = g["om"]
        if not y:
            # a lone month word: capitalised or after a preposition; "may"/"march" need the preposition
            context = _MONTH_CONTEXT.search(question[:m.start()])
            if word.lower().rstrip(".") in ("may", "march") and not (context and word[0].isupper()):
                return None
            if not (word[0].isupper() or context):
                return None
            if word.isupper() and len(word.rstrip(".")) > 1:
                return None  # "income from MAR filings": a month in capitals, with no year or day, is an acronym
    if not mo or not 1 <= mo <= 12:
        return None
    if d and not 1 <= d <= 31:
        return None
    return {"start": m.start(), "end": m.end(), "y": y, "m": mo, "d": d or None, "d2": d2 or None}
