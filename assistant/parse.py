"""Brief text → Brief with Top-5 and news Items.

Briefs arrive as text or markdown copied from the web, so the parser is tolerant of layout drift:
- the drift seen across real months ("MERICS Top 5" / "MERICS' Top 5", "Article:" / "Policy name:",
  "Issuing body" / "Issuing bodies", bullets with or without "•", "Noteworthy" / "Worth Noting",
  news lines that lost their bullet or were glued onto the previous one);
- what a web copy adds: markdown headings, bold labels, links, escapes, HTML entities, CRLF,
  BOM, non-breaking and zero-width spaces, curly quotes;
- plausible wording changes: other label names ("Issued by", "Issuing authority", "Release
  date"), labels on a line of their own, dates written day-first / abbreviated / ISO / with
  ordinals, numbered or unmarked bullets, headlines whose number was lost, news dated "Nov 24",
  "24 November" or "Nov. 24 –", other news section titles.
Structure it cannot place raises BriefParseError naming file and line; the only text dropped
is page furniture (a teaser between the Top-5 heading and item 1, footers after the news).
A field it cannot read (an impossible or unreadable date, an unknown label among an item's
policy lines) costs that field, not the brief: a BriefWarning naming file and line goes into
Brief.warnings and the item is kept with the field empty."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .dates import MONTH_RE, ORD, in_brief_year, month_day, month_number, parse_date, safe_date
from .errors import BriefParseError, BriefWarning
from .formats import BRIEF_SUFFIXES, brief_text, converted
from .markup import clean_line as _clean
from .models import Brief, Item

_Q = r"[’'‘`´]"  # apostrophes as typed or as "smart" quotes
_COLON = r"[:：]"  # a fullwidth colon survives copies from Chinese-language pages
_BULLET_CHARS = r"[•·▪◦●■□‣⁃○►▸➢➤✓✔\-*–—+]"

# ── Lines are matched after _clean(): markdown markup removed, so "## MERICS Top 5",
# "**Policy name:**" and "* **Nov 3:**" look like their plain-text forms. ──
TOP5_HEADER = re.compile(
    r"^\s*(?:(?:The\s+)?MERICS\s*(?:" + _Q + r"\s*s?)?\s+Top[\s-]*(?:\d{1,2}|three|four|five|six|seven|ten)"
    r"(?:\s+[\w’'-]+){0,6}|Top[\s-]*(?:5|five))\s*" + _COLON + r"?\s*$", re.I)
NEWS_HEADER = re.compile(
    r"^\s*(?:(?:Also\s+)?(?:noteworthy|worth\s+noting|of\s+note)(?:\s+(?:developments|news|items|this\s+month))?"
    r"|(?:Other|Further|More)\s+(?:(?:noteworthy|notable|important|relevant)\s+)?(?:developments|news)"
    r"|(?:Other\s+)?notable\s+developments|In\s+other\s+news|(?:News\s+)?in\s+brief|What\s+else\s+happened"
    r"|Other\s+things\s+worth\s+noting)\s*" + _COLON + r"?\s*$", re.I)
NEWS_KIND = re.compile(
    r"^\s*(Policy|Policies|Regulatory|Government|Political|Corporate|Company|Companies|Business|Industry|Market)"
    r"\s+(?:news|developments|updates)\s*" + _COLON + r"?\s*$", re.I)
END_MARK = re.compile(r"^\s*(?:Author\(s\)|Authors?" + _COLON + r"?|About\s+the\s+authors?)\s*$", re.I)
# Page furniture after the news; only ends the news (within the Top 5 it is kept, see EXTRA_META).
NEWS_END = re.compile(r"^\s*(?:Related\s+(?:content|publications|articles)|Share(?:\s+this(?:\s+page|\s+article)?)?"
                      r"|Subscribe(?:\s+to\s+.{0,40})?|Footnotes|Endnotes|Tags|Topics)\s*$", re.I)
# "1. Headline", "1) …", "#1 …", "No. 1: …", "1 – …"; the space after the number keeps "2.5 million" out.
ITEM_HEAD = re.compile(r"^\s*(?:No\.\s*|#)?(\d{1,2})\s*(?:[.):]|\s[-–—])\s+(\S.*)$")


def _label(names: str, bare: str, dash: bool = False) -> re.Pattern:
    """'Name: value' (or 'Name – value' if dash), or the label alone on its line with its value on
    the next: 'Name:' for any name, without the colon only for the unmistakable `bare` ones
    (a glance line that is just "Regulations" must stay text)."""
    value = _COLON + r"\s*(.*)" + (r"|\s[-–—]\s+(.*)" if dash else r"|(?!)()")
    return re.compile(r"^\s*(?:(?:" + names + r")\s*(?:" + value + r")|(?:" + bare + r"))\s*$", re.I)


_MERICS_COMMENT = r"MERICS\s*(?:" + _Q + r"\s*s?)?\s+(?:comment|commentary|analysis|view|take|assessment)"
GLANCE = _label(r"At\s+a\s+glance|In\s+a\s+nutshell", r"At\s+a\s+glance", dash=True)
COMMENT = _label(_MERICS_COMMENT + r"|Comment|Commentary|Our\s+(?:comment|view|take)", _MERICS_COMMENT, dash=True)
POLICY = _label(r"Policy|Policies|Policy\s+names?|Policy\s+documents?|Name\s+of\s+(?:the\s+)?(?:policy|document)"
                r"|Articles?|Documents?|Regulations?|Laws?|(?:Original\s+|Official\s+)?Title",
                r"Policy(?:\s+names?)?|Articles?|Documents?")
# "Issuing <anything but a date word>" covers body/bodies/authority/agency/department/...;
# it is tried before DATE_LINE, so "Issued by" is an issuer and "Issued on" a date.
_ISSUING = r"Issu(?:ing|ed)\s+(?!date|on\b|time)(?:by|[\w()/]+)"
ISSUERS = _label(_ISSUING + r"|Issuers?|(?:Published|Released)\s+by|Publishers?|Authorit(?:y|ies)", _ISSUING)
_DATE_BARE = r"Dates?|(?:Release|Issue|Publication)\s+date"
DATE_LINE = _label(_DATE_BARE + r"|Date\s+(?:of\s+)?(?:release|issue|issuance|publication|issued|released|published)"
                   r"|(?:Issuing|Issuance)\s+date|Released(?:\s+on)?|Issued(?:\s+on)?|Published(?:\s+on)?", _DATE_BARE)
BULLET = re.compile(r"^\s*" + _BULLET_CHARS + r"\s*(.*)$")
# Numbered or lettered sub-points inside "At a glance": "1)", "(2)", "a.", "iv)".
NUMBERED_BULLET = re.compile(r"^\s*\(?(?:\d{1,2}|[a-h]|[ivx]{1,4})[.)]\s+(\S.*)$")
# After an item's Date line: "Label: value" ("Link: https://…"), a URL, or a short line such as
# "Download the document (PDF)"; kept in the item's source note.
EXTRA_META = re.compile(r"^\s*(?:[A-Z][\w ()/’'-]{1,30}" + _COLON + r"\s*\S.*|.*https?://\S+.*|\s*(?:\S+\s+){0,5}\S+)$")
# "Status: draft" among the policy lines, before the Date: a label we do not know (up to four words).
UNKNOWN_LABEL = re.compile(r"^\s*([A-Z][\w’'-]*(?:\s+[\w’'()/-]+){0,3})\s*" + _COLON + r"\s*\S")
_UNDATED = "the item is indexed without a date"

_DAY_MONTH = (r"(?:(" + MONTH_RE + r")\s*(\d{1,2})" + ORD + r"|(\d{1,2})" + ORD + r"\s+(?:of\s+)?(" + MONTH_RE + r")"
              r"|(\d{4})-(\d{1,2})-(\d{1,2}))")
# "November 3:", "Nov. 3 –", "3 November:", "Nov 15–16:", "November 3, 2022:", "2022-11-03:"
NEWS_DATE = re.compile(
    r"^\s*(?:" + _BULLET_CHARS + r"\s*|\d{1,2}[.)]\s+)?(?:On\s+)?\b" + _DAY_MONTH + r"(?:\s*[-–—/&]\s*\d{1,2}" + ORD + r")?"
    r"(?:,?\s+(\d{4}))?\s*(?:" + _COLON + r"|\s[-–—]\s|[-–—]\s)\s*(\S.*)$", re.I)
# A news item glued onto the previous one ("...(MIIT notice) November 15: Three ...").
GLUED_NEWS = re.compile(r"(?<=[)\].;])\s+(?:[•·▪]\s*)?(?=" + MONTH_RE + r"\s+\d{1,2}\s*:\s)")
CJK = re.compile(r"[\u3400-\u9fff]")

# Words that make one side of an "and" a complete issuer on its own: "MOF and MOT" and
# "State Council and Ministry of Finance" are two issuers; "Ministry of Housing and Urban-Rural
# Development" and "Ministry of Agriculture and Rural Affairs" are one.
_ISSUER_END = re.compile(r"(?:\b[A-Z]{2,}[a-z]?|Council|Commission|Administration|Ministry|Office|Bureau|Agency"
                         r"|Committee|Bank|Court|Procuratorate|Department|Association|Group|Corporation"
                         r"|Government|Congress|Academy|Institute|\))$")
_ISSUER_START = re.compile(r"^(?:[A-Z]{2,}[a-z]?\b|the\b|The\b|Ministry\b|National\b|State\b|Supreme\b|Central\b"
                           r"|China\b|Chinese\b|Cyberspace\b|General\b|People" + _Q + r"s\b|Standing\b)")


def split_issuers(text: str) -> list[str]:
    """'MIIT, MOE, MCT, NRTA and GASC' → ['MIIT', 'MOE', 'MCT', 'NRTA', 'GASC']; separators
    inside parentheses ("State Council (Office, General)") do not split."""
    parts, depth, buf = [], 0, ""
    for ch in text:  # split at top-level , ; / 、
        if ch in "(（[":
            depth += 1
        elif ch in ")）]":
            depth = max(depth - 1, 0)
        if depth == 0 and ch in ",;/、，；":
            parts.append(buf)
            buf = ""
        else:
            buf += ch
    parts.append(buf)
    out: list[str] = []
    for part in parts:
        # pieces alternate text, separator, text, …
        pieces = re.split(r"(\s+(?:and|as\s+well\s+as)\s+|\s*&\s*)", part.strip(" ."))
        merged = [pieces[0]]
        for sep, nxt in zip(pieces[1::2], pieces[2::2]):
            if _ISSUER_END.search(merged[-1].strip(" .")) or _ISSUER_START.match(nxt.strip()):
                merged.append(nxt)
            else:  # the "and" is part of one body's name
                merged[-1] += sep + nxt
        out += [re.sub(r"^(?:and|&)\s+", "", p.strip(" .")) for p in merged]
    return [p for p in out if p]


def split_policy_name(text: str) -> tuple[str, str]:
    """'Name (中文名) (Link)' → ('Name', '中文名'). Parentheses without CJK stay in the English name."""
    # "(Link)", "[Link]", "(PDF)" and a bare "Link" left by a markdown link after the Chinese name
    text = re.sub(r"[(\[]\s*(?:Link|PDF)\b[^()\[\]]*[)\]]|(?<=[)）》])\s*Link\s*$", "", text.strip(), flags=re.I).strip()
    chinese = ""
    # The Chinese name is the last top-level bracket group containing CJK; it may itself
    # contain nested parentheses such as (2021年本). 《…》 is the Chinese title bracket.
    depth, start = 0, None
    groups: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if ch in "(（《":
            if depth == 0:
                start = i
            depth += 1
        elif ch in ")）》" and depth:
            depth -= 1
            if depth == 0 and start is not None:
                groups.append((start, i + 1))
    cjk_groups = [(s, e) for s, e in groups if CJK.search(text[s:e])]
    if len(cjk_groups) > 1 and re.search(r"[;；]", text):
        # "A (甲) (Link); B (乙) (Link)": two documents, both Chinese names
        chinese = "; ".join(text[s + 1:e - 1].strip() for s, e in cjk_groups)
        for s, e in reversed(cjk_groups):
            text = text[:s] + text[e:]
        text = re.sub(r"\s+([;；])", r"\1", text).strip()
    elif cjk_groups:
        s, e = cjk_groups[-1]
        chinese = text[s + 1:e - 1].strip()
        text = (text[:s] + text[e:]).strip()
    if not chinese and groups == [] and CJK.search(text) and "(" in text:  # unclosed parenthesis
        s = text.index("(")
        chinese, text = text[s + 1:].strip(" )"), text[:s].strip()
    if not chinese and CJK.search(text):  # Chinese name without brackets: from its first character on
        m = re.search(r"[“\"「]?[\u3400-\u9fff]", text)
        chinese, text = text[m.start():].strip(), text[:m.start()].strip(" -–—:;,/")
    english = re.sub(r"\s+", " ", text).strip()
    return english, chinese


def news_headline(text: str, limit: int = 160) -> str:
    """A news item's text without its trailing source note, cut at a word boundary."""
    head = re.sub(r"\s*\((?:[^()]|\([^()]*\))*\)\s*$", "", text).strip()
    if len(head) <= limit:
        return head
    return head[:limit].rsplit(" ", 1)[0] + "…"


@dataclass
class _ItemDraft:
    number: int
    headline: str
    line: int
    glance: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    loose_bullets: bool = False  # bullets that lost their markers (see _glance_line)
    marked_bullet_line: int = 0  # line of the last bullet with a marker
    comment: list[str] = field(default_factory=list)
    policy: str = ""
    issuers: str = ""
    date_text: str = ""
    date_line: int = 0
    pending: str = ""  # a label alone on its line: its value is the next line
    meta_lines: list[str] = field(default_factory=list)
    section: str = "head"  # head | glance | comment | meta


def _next_text(lines: list[str], idx: int) -> str:
    """The next non-blank line after lines[idx], or '': several layout rules look ahead."""
    for j in range(idx + 1, len(lines)):
        if lines[j].strip():
            return lines[j]
    return ""


def parse_text(text: str, source: str, brief_id: str | None = None, content_hash: str = "") -> Brief:
    """Parse one brief's text; raises BriefParseError naming source and line."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [_clean(l) for l in raw]
    brief_id = brief_id or Path(source).stem
    if not any(l.strip() for l in lines):
        raise BriefParseError(source, 1, "the file is empty: not a MERICS China Industries brief")
    start = _top5_start(lines)
    if start is None:
        raise BriefParseError(source, 1, "no 'MERICS Top 5' heading found: not a MERICS China Industries brief")
    title = _topics_line(lines[:max(start, 0)])

    drafts: list[_ItemDraft] = []
    news: list[tuple[str, int, list[str]]] = []  # (kind, line, text lines)
    warnings: list[BriefWarning] = []
    mode, news_kind = "top5", "policy_news"
    for idx in range(start + 1, len(lines)):
        line, lineno = lines[idx], idx + 1
        if not line.strip():
            continue
        if END_MARK.match(line) or mode == "news" and NEWS_END.match(line):
            break
        if NEWS_HEADER.match(line):
            mode = "news"
            continue
        kind_m = NEWS_KIND.match(line)
        if kind_m and (mode == "news" or (drafts and drafts[-1].date_text)):
            mode = "news"
            news_kind = "policy_news" if kind_m[1].lower()[:3] in ("pol", "reg", "gov") else "corporate_news"
            continue
        if mode == "top5" and _starts_news(drafts, line, _next_text(lines, idx)):
            mode = "news"  # the news section's heading is missing or worded unlike any we know
            if not NEWS_DATE.match(line):
                continue
        if mode == "news":
            _news_line(news, news_kind, line, lineno, source)
            continue
        _top5_line(drafts, line, lineno, source, _next_text(lines, idx), lines[idx - 1] if idx else "", warnings)

    if not drafts:
        raise BriefParseError(source, start + 1, "the Top 5 section has no numbered items")
    items = [_finish_item(d, brief_id, source, warnings) for d in drafts]
    dated = [i.date for i in items if i.date]
    yearless = [(i, d) for i, d in zip(items, drafts) if i.date is None and month_day(d.date_text)]
    if not dated:  # the brief's month comes from its dates: without one it has no place
        if not yearless:
            raise BriefParseError(source, drafts[0].date_line, "no Top-5 date can be read: the brief's month is unknown")
        d = yearless[0][1]
        raise BriefParseError(source, d.date_line, f"no Top-5 date has a year: {d.date_text!r}")
    latest = max(dated)
    for item, d in yearless:
        item.date = in_brief_year(*month_day(d.date_text), latest)
        if item.date is None:
            warnings.append(BriefWarning(source, d.date_line,
                                         f"invalid date {d.date_text!r} in Top-5 item {d.number}: {_UNDATED}"))
    counters: dict[str, int] = {}
    for kind, lineno, parts in news:
        body = _join(parts)
        counters[kind] = counters.get(kind, 0) + 1
        d, body_text = _news_date(body, latest, source, lineno, warnings)
        body_text = re.sub(r"\s+", " ", body_text).strip()
        items.append(Item(
            item_id=f"{brief_id}#{kind}-{counters[kind]}", brief_id=brief_id, kind=kind, date=d,
            headline=news_headline(body_text), number=counters[kind], text=body_text, line=lineno,
        ))
    month_of = max(i.date for i in items if i.date)
    return Brief(brief_id=brief_id, title=title, month=f"{month_of.year:04d}-{month_of.month:02d}",
                 source=source, content_hash=content_hash, items=items, warnings=warnings)


def _top5_start(lines: list[str]) -> int | None:
    """Index of the 'MERICS Top 5' heading; if a copy lost it, the line before the first item
    (the headline above the first 'At a glance'). None: not a brief."""
    at = next((i for i, l in enumerate(lines) if TOP5_HEADER.match(l)), None)
    if at is not None:
        return at
    glance = next((i for i, l in enumerate(lines) if re.match(r"\s*At\s+a\s+glance\b", l, re.I)), None)
    if glance is None:
        return None
    head = max((i for i in range(glance) if lines[i].strip()), default=None)
    return None if head is None else head - 1


def _starts_news(drafts: list[_ItemDraft], line: str, next_line: str) -> bool:
    """After the last item's Date line, a dated line (or an unknown heading above one) is news."""
    cur = drafts[-1] if drafts else None
    if cur is None or not cur.date_text or cur.pending or ITEM_HEAD.match(line) or _is_label(line):
        return False
    if GLANCE.match(next_line):  # an unnumbered headline
        return False
    return bool(NEWS_DATE.match(line) or NEWS_DATE.match(next_line) or NEWS_KIND.match(next_line))


def _news_line(news: list[tuple[str, int, list[str]]], kind: str, line: str, lineno: int, source: str) -> None:
    pieces = GLUED_NEWS.split(line)
    if len(pieces) > 1 and re.fullmatch(r"\s*\d{1,2}[.)]\s*", pieces[0]):
        pieces[:2] = [pieces[0] + " " + pieces[1]]  # "1. May 4: …" is a numbered item, not two glued ones
    for piece in pieces:
        bullet = BULLET.match(piece)
        if NEWS_DATE.match(piece):
            news.append((kind, lineno, [piece.strip()]))
        elif bullet and bullet[1].strip():  # a bulleted item whose date is missing: kept, undated
            news.append((kind, lineno, [bullet[1].strip()]))
        elif news:  # wrapped continuation of the previous news item
            news[-1][2].append(piece.strip())
        else:
            raise BriefParseError(source, lineno, f"expected a dated news item ('Month D: ...'), got {line.strip()[:60]!r}")


def _news_date(body: str, latest: date, source: str, lineno: int,
               warnings: list[BriefWarning]) -> tuple[date | None, str]:
    """(date, text) of a news item; an undated item, or one whose date is impossible, keeps date
    None (the latter its text verbatim, the date as written included)."""
    m = NEWS_DATE.match(body)
    if not m:
        return None, body
    if m[5]:  # ISO
        year, month, day = int(m[5]), int(m[6]), int(m[7])
    else:
        month, day = month_number(m[1] or m[4]), int(m[2] or m[3])
        year = int(m[8]) if m[8] else None  # news rarely says its year
    d = safe_date(year, month, day) if year else in_brief_year(month, day, latest)
    if d is None:
        written = m[0][:m.start(9)].strip(" :–—-•·▪*")
        warnings.append(BriefWarning(source, lineno, f"invalid news date {written!r}: {_UNDATED}"))
        return None, body[min(m.start(g) for g in (1, 3, 5) if m[g]):]  # without its bullet
    return d, m[9]


def _topics_line(header: list[str]) -> str:
    lines = [l.strip() for l in header if l.strip()]
    for l in reversed(lines):
        if "+" in l:
            return l
    skip = re.compile(r"^(MERICS( Briefs| China Industries)?|\d+ min read)$", re.I)
    rest = [l for l in lines if not skip.match(l)]
    return rest[-1] if rest else ""


def _hard_wrapped(prev_line: str) -> bool:
    """Does the next line continue prev_line's paragraph? Yes if prev_line was cut short
    (hard-wrapped text); a long line or one ending a sentence is a paragraph of its own
    (web copies often separate paragraphs by a single line break)."""
    prev = prev_line.strip()
    return bool(prev) and len(prev) <= 100 and not re.search(r"[.!?:;][\"'”’)]*$", prev)


def _join(parts: list[str]) -> str:
    """Lines of one paragraph as one line; a word hyphenated at the line end ("non-\nbinding")
    keeps its hyphen but gets no space. (Linear: a huge file must not make this quadratic.)"""
    out: list[str] = []
    for part in filter(None, (p.strip() for p in parts)):
        if out and not (len(out[-1]) > 1 and out[-1][-1] == "-" and out[-1][-2].isalnum()):
            out.append(" ")
        out.append(part)
    return "".join(out)


def _is_label(line: str) -> bool:
    return any(p.match(line) for p in (GLANCE, COMMENT, POLICY, ISSUERS, DATE_LINE))


def _value(m: re.Match) -> str:
    return (m[1] if m[1] is not None else m[2] or "").strip()


def _top5_line(drafts: list[_ItemDraft], line: str, lineno: int, source: str, next_line: str,
               prev_line: str, warnings: list[BriefWarning]) -> None:
    wrapped = _hard_wrapped(prev_line)
    head = ITEM_HEAD.match(line)
    cur = drafts[-1] if drafts else None
    before_glance = bool(GLANCE.match(next_line)) and not _is_label(line)
    # A numbered line starts an item unless we're inside glance bullets ("1. Curb ..."): after
    # the previous item's metadata, or as the next number after its comment (its Date line
    # missing then surfaces as that item's error, not as a swallowed item), or when an
    # "At a glance" follows it.
    if head and (cur is None or before_glance
                 or cur.section in ("meta", "comment") and cur.date_text
                 or cur.section in ("comment", "meta") and int(head[1]) == cur.number + 1
                 or cur.section == "head" and not cur.glance):
        if cur is not None and cur.section == "head" and not cur.glance:
            raise BriefParseError(source, cur.line, f"Top-5 item {cur.number} has no 'At a glance' text")
        # Copies of HTML lists may number every item "1.": keep ranks (and item ids) unique.
        number = int(head[1]) if cur is None or int(head[1]) > cur.number else cur.number + 1
        drafts.append(_ItemDraft(number=number, headline=head[2].strip(), line=lineno))
        return
    # A headline that lost its number: the line above an "At a glance" once the previous item
    # has more than its headline (a headline wrapped onto two lines stays one headline).
    if before_glance and not BULLET.match(line) and (cur is None or cur.section != "head"):
        drafts.append(_ItemDraft(number=cur.number + 1 if cur else 1, headline=line.strip(), line=lineno))
        return
    if cur is None:
        if _is_label(line):
            raise BriefParseError(source, lineno, f"text before the first numbered Top-5 item: {line.strip()[:60]!r}")
        return  # a subtitle or teaser between the heading and item 1
    if cur.pending and not _is_label(line):
        _set_meta(cur, cur.pending, line.strip(), lineno)
        cur.meta_lines[-1] += "\n" + line.strip()
        cur.pending = ""
    elif m := GLANCE.match(line):
        _no_second(cur, "At a glance", bool(cur.glance), source, lineno)
        cur.section, cur.pending = "glance", ""
        if _value(m):
            _glance_line(cur, _value(m), lineno, True)
    elif m := COMMENT.match(line):
        _no_second(cur, "MERICS comment", bool(cur.comment), source, lineno)
        cur.section, cur.pending = "comment", ""
        if _value(m):
            cur.comment.append(_value(m))
    elif (m := POLICY.match(line)) or (m := ISSUERS.match(line)) or (m := DATE_LINE.match(line)):
        what = "policy" if m.re is POLICY else "issuers" if m.re is ISSUERS else "date"
        if what == "policy" and cur.policy and not (cur.issuers or cur.date_text) and _value(m):
            cur.policy += "; " + _value(m)  # one "Policy name:" line per document
            cur.meta_lines[-1] += "\n" + line.strip()
            return
        label = {"policy": "Policy name", "issuers": "Issuing body", "date": "Date"}[what]
        _no_second(cur, label, bool(getattr(cur, "date_text" if what == "date" else what)), source, lineno)
        cur.section = "meta"
        cur.meta_lines.append(line.strip())
        cur.pending = "" if _value(m) else what  # "Date:" with nothing after it: the value is on the next line
        if _value(m):
            _set_meta(cur, what, _value(m), lineno)
    elif cur.section == "glance":
        _glance_line(cur, line, lineno, wrapped)
    elif cur.section == "comment":
        if cur.comment and wrapped:  # a paragraph hard-wrapped over several lines
            cur.comment[-1] = _join([cur.comment[-1], line])
        else:
            cur.comment.append(line.strip())
    elif cur.section == "meta" and not cur.date_text and (m := UNKNOWN_LABEL.match(line)):
        # not a wrapped policy name: merged into it (or into the issuers) it would corrupt that field
        cur.meta_lines.append(line.strip())
        warnings.append(BriefWarning(source, lineno, f"unknown label {m[1]!r} in Top-5 item {cur.number}: "
                                                     "kept in its source note, not read as a field"))
    elif cur.section == "meta" and not cur.date_text and (cur.policy or cur.issuers):
        # a policy name (or issuer list) wrapped onto a second line
        if cur.issuers:
            cur.issuers = _join([cur.issuers, line])
        else:
            cur.policy = _join([cur.policy, line])
        cur.meta_lines[-1] += "\n" + line.strip()
    elif cur.section == "meta" and cur.date_text and EXTRA_META.match(line):
        cur.meta_lines.append(line.strip())  # e.g. "Link: https://…", kept in the source note
    elif cur.section == "head":
        cur.headline = _join([cur.headline, line])
    else:
        raise BriefParseError(source, lineno, f"unexpected line in Top-5 item {cur.number}: {line.strip()[:60]!r}")


def _no_second(cur: _ItemDraft, label: str, seen: bool, source: str, lineno: int) -> None:
    """A field met twice means an item boundary went unrecognised: say so rather than let the
    next item overwrite this one."""
    if seen:
        raise BriefParseError(source, lineno, f"a second {label!r} in Top-5 item {cur.number} (line {cur.line}): "
                                              "is the next item's headline or 'At a glance' missing?")


def _set_meta(cur: _ItemDraft, what: str, value: str, lineno: int) -> None:
    if what == "policy":
        cur.policy = value
    elif what == "issuers":
        cur.issuers = value
    else:
        cur.date_text, cur.date_line = value, lineno


def _glance_line(cur: _ItemDraft, line: str, lineno: int, wrapped: bool) -> None:
    if " • " in line.strip():  # a list collapsed onto one line: "… include: • A • B"
        first, *rest = re.split(r"\s+•\s+", line)
        if first.strip():
            _glance_line(cur, first, lineno, wrapped)
        for part in rest:
            _glance_line(cur, "• " + part, lineno, False)
        return
    bullet = BULLET.match(line) or (NUMBERED_BULLET.match(line) if cur.glance else None)
    if bullet and bullet[1].strip():
        cur.bullets.append(bullet[1].strip())
        cur.marked_bullet_line = lineno
    elif not cur.glance:  # the first text after "At a glance", however indented
        cur.glance.append(line.strip())
    elif cur.marked_bullet_line == lineno - 1 and line[:1].isspace():
        cur.bullets[-1] = _join([cur.bullets[-1], line])  # a bullet wrapped onto an indented line
        cur.marked_bullet_line = lineno
    elif line[:1].isspace():
        cur.bullets.append(line.strip())
    elif (cur.loose_bullets or not cur.bullets) and cur.glance[-1].rstrip().endswith(":") \
            and not (cur.bullets and line.rstrip().endswith(".") and not cur.bullets[-1].endswith(".")):
        # Plain-text copies of HTML lists lose their markers: after "… include:", each line is
        # a bullet, unless the item's bullets had markers, or the line is a sentence after
        # bullets that were not ("Attached to the policy are …").
        cur.bullets.append(line.strip())
        cur.loose_bullets = True
    elif wrapped and not cur.bullets:  # the glance paragraph hard-wrapped
        cur.glance[-1] = _join([cur.glance[-1], line])
    else:
        cur.glance.append(line.strip())


def _finish_item(d: _ItemDraft, brief_id: str, source: str, warnings: list[BriefWarning]) -> Item:
    if not d.glance:
        raise BriefParseError(source, d.line, f"Top-5 item {d.number} has no 'At a glance' text")
    if not d.date_text:
        raise BriefParseError(source, d.line, f"Top-5 item {d.number} has no 'Date:' line")
    when = parse_date(d.date_text)
    if when is None and month_day(d.date_text) is None:
        warnings.append(BriefWarning(source, d.date_line,
                                     f"unreadable date {d.date_text!r} in Top-5 item {d.number}: {_UNDATED}"))
    english, chinese = split_policy_name(d.policy)
    return Item(
        item_id=f"{brief_id}#top5-{d.number}", brief_id=brief_id, kind="top5", date=when,
        headline=d.headline, number=d.number, glance=" ".join(d.glance).strip(), bullets=d.bullets,
        comment="\n\n".join(d.comment).strip(), policy=english, policy_cn=chinese,
        issuers=split_issuers(d.issuers), line=d.line, source_note="\n".join(d.meta_lines),
    )


def read_brief(path: Path, max_bytes: int = 2_000_000) -> Brief:
    """Read and parse one file (text, web page or PDF), refusing binaries, undecodable text and
    oversize files with a clear error."""
    path = Path(path)
    data = path.read_bytes()
    if len(data) > max_bytes:
        raise BriefParseError(str(path), 1, f"file is {len(data):,} bytes; the limit for a brief is {max_bytes:,}")
    text = brief_text(data, str(path), path.suffix)
    try:
        return parse_text(text, str(path), path.stem, hashlib.sha256(data).hexdigest())
    except BriefParseError as e:
        if not converted(path.suffix):
            raise
        raise BriefParseError(e.source, e.line, f"{e.message} (line of the text extracted from the "
                                                f"{path.suffix.lower().lstrip('.').upper()})") from None


def load_corpus(folder: Path, max_bytes: int = 2_000_000, read=read_brief) -> tuple[list[Brief], list[BriefParseError]]:
    """Parse every brief in a folder (with `read`, e.g. a cached read_brief); a bad file is reported,
    never fatal for the others. The errors include each parsed brief's warnings (fields it could not read)."""
    briefs, errors = [], []
    for path in sorted(Path(folder).iterdir()):
        if not path.is_file() or path.name.startswith(".") or path.name.lower() == "readme.md":
            continue
        if path.suffix.lower() not in BRIEF_SUFFIXES:
            errors.append(BriefParseError(str(path), 1, f"skipped: only {'/'.join(BRIEF_SUFFIXES)} files are briefs"))
            continue
        try:
            brief = read(path, max_bytes)
        except BriefParseError as e:
            errors.append(e)
            continue
        briefs.append(brief)
        errors += brief.warnings
    return briefs, errors
