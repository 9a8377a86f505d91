"""Dates as briefs write them: "November 16, 2021", "16th of November 2021", "Nov. 16",
"2021-11-16", "16.11.2021", "2021年11月16日"; year-less dates get the brief's year."""
from __future__ import annotations

import re
from datetime import date

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
# Full names come first so "June" is not read as "Jun" + "e".
MONTH_RE = "(?:" + "|".join(m.capitalize() for m in MONTHS) + r"|Sept?|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Oct|Nov|Dec)\.?"
ORD = r"(?:st|nd|rd|th)?"


def month_label(text: str) -> str:
    """'merics-china-industries-2022-11' or '2022-11' → 'November 2022' (else the text as is)."""
    m = re.search(r"(\d{4})-(\d{2})(?!.*\d{4}-\d{2})", text or "")
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{MONTHS[int(m.group(2)) - 1].capitalize()} {m.group(1)}"
    return text or ""


def parse_date(text: str) -> date | None:
    """'November 16, 2021' / 'Nov. 16 2021' / '16th of November 2021' / '2021-11-16' /
    '16.11.2021' / '16/11/2021' → date, else None."""
    text = text.strip()
    m = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", text) or \
        re.search(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b", text)
    if m:
        return safe_date(int(m[1]), int(m[2]), int(m[3]))
    m = re.search(r"\b(" + MONTH_RE + r")\s*(\d{1,2})" + ORD + r"\b,?\s+(\d{4})\b", text, re.I)
    if m:
        return safe_date(int(m[3]), month_number(m[1]), int(m[2]))
    m = re.search(r"\b(\d{1,2})" + ORD + r"[\s-]+(?:of\s+)?(" + MONTH_RE + r")[\s,-]+(\d{4})\b", text, re.I)
    if m:
        return safe_date(int(m[3]), month_number(m[2]), int(m[1]))
    m = re.search(r"\b(\d{1,2})([./])(\d{1,2})\2(\d{4})\b", text)
    if m:
        a, b, y = int(m[1]), int(m[3]), int(m[4])
        # MERICS is a European publisher: "16.11.2021" and an ambiguous "05/11/2021" are
        # day-first; only "11/16/2021" (second number > 12) is read month-first.
        if m[2] == "/" and b > 12 >= a:
            a, b = b, a
        return safe_date(y, b, a)
    return None


def month_day(text: str) -> tuple[int, int] | None:
    """'November 24' / '24th Nov.' (no year) → (11, 24): the year is the brief's, see parse_text."""
    m = re.search(r"\b(" + MONTH_RE + r")\s*(\d{1,2})" + ORD + r"\b", text, re.I)
    if m:
        return month_number(m[1]), int(m[2])
    m = re.search(r"\b(\d{1,2})" + ORD + r"\s+(?:of\s+)?(" + MONTH_RE + r")(?!\w)", text, re.I)
    return (month_number(m[2]), int(m[1])) if m else None


def in_brief_year(month: int, day: int, latest: date) -> date | None:
    """The year of a year-less date: the latest one no more than two months after the brief's
    latest Top-5 date (news can postdate the Top 5; a December item in a January brief is from
    the year before, a January item in a December brief from the year after)."""
    candidates = [d for y in (latest.year + 1, latest.year, latest.year - 1)
                  if (d := safe_date(y, month, day)) and (d - latest).days <= 62]
    return candidates[0] if candidates else None


def month_number(name: str) -> int:
    key = name.strip(". ").lower()[:3]
    return [m[:3] for m in MONTHS].index(key) + 1


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None
