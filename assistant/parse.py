"""Brief text → Brief with Top-5 and news Items. Tolerant of the layout drift seen across months
("MERICS Top 5" / "MERICS' Top 5", "Article:" / "Policy name:", bullets with or without "•",
"Noteworthy" / "Worth Noting", news lines that lost their bullet)."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .errors import BriefParseError
from .models import Brief, Item

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
_MONTH_RE = "(?:" + "|".join(m.capitalize() for m in MONTHS) + r"|Sept?|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Oct|Nov|Dec)\.?"

TOP5_HEADER = re.compile(r"^\s*MERICS[’'`]?s?\s+Top[\s-]*(?:5|five)\s*:?\s*$", re.I)
NEWS_HEADER = re.compile(r"^\s*(?:Noteworthy|Worth\s+noting|Also\s+noteworthy|In\s+other\s+news)\s*:?\s*$", re.I)
NEWS_KIND = re.compile(r"^\s*(Policy|Corporate|Company|Business)\s+news\s*:?\s*$", re.I)
END_MARK = re.compile(r"^\s*(?:Author\(s\)|Authors?:?|About the authors?)\s*$", re.I)
ITEM_HEAD = re.compile(r"^\s*(\d{1,2})[.)]\s+(\S.*)$")
GLANCE = re.compile(r"^\s*At a glance\s*:\s*(.*)$", re.I)
COMMENT = re.compile(r"^\s*MERICS(?:[’']s?)?\s+comment\s*:\s*(.*)$", re.I)
POLICY = re.compile(r"^\s*(?:Policy(?:\s+name)?|Article|Document|Regulation|Law)\s*:\s*(.*)$", re.I)
ISSUERS = re.compile(r"^\s*Issu(?:ing|ed)\s+(?:bod(?:y|ies)|by|authorit(?:y|ies)|agenc(?:y|ies))\s*:\s*(.*)$", re.I)
DATE_LINE = re.compile(r"^\s*(?:Date|Released|Issued on)\s*:\s*(.*)$", re.I)
BULLET = re.compile(r"^\s*[•·▪◦●\-*–]\s*(.*)$")
NEWS_DATE = re.compile(r"^\s*(?:[•·▪◦●\-*–]\s*)?(" + _MONTH_RE + r")\s+(\d{1,2})\s*:\s*(.*)$")
# A news item glued onto the previous one ("...(MIIT notice) November 15: Three ...").
GLUED_NEWS = re.compile(r"(?<=[)\].;])\s+(?:[•·▪]\s*)?(?=" + _MONTH_RE + r"\s+\d{1,2}\s*:\s)")
CJK = re.compile(r"[\u3400-\u9fff]")


def parse_date(text: str) -> date | None:
    """'November 16, 2021' / 'Nov. 16 2021' / '2021-11-16' → date, else None."""
    text = text.strip()
    m = re.search(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    m = re.search(r"(" + _MONTH_RE + r")\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", text)
    if m:
        return _safe_date(int(m[3]), month_number(m[1]), int(m[2]))
    m = re.search(r"(\d{1,2})\s+(" + _MONTH_RE + r")\s+(\d{4})", text)
    if m:
        return _safe_date(int(m[3]), month_number(m[2]), int(m[1]))
    return None


def month_number(name: str) -> int:
    key = name.strip(". ").lower()[:3]
    return [m[:3] for m in MONTHS].index(key) + 1


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def split_issuers(text: str) -> list[str]:
    """'MIIT, MOE, MCT, NRTA and GASC' → ['MIIT', 'MOE', 'MCT', 'NRTA', 'GASC']."""
    parts = re.split(r",|;|\band\b|&", text)
    return [p.strip(" .") for p in parts if p.strip(" .")]


def split_policy_name(text: str) -> tuple[str, str]:
    """'Name (中文名) (Link)' → ('Name', '中文名'). Parentheses without CJK stay in the English name."""
    text = re.sub(r"\(\s*Link\s*\)", "", text, flags=re.I).strip()
    chinese = ""
    # The Chinese name is the last top-level parenthesis group containing CJK; it may itself
    # contain nested parentheses such as (2021年本).
    depth, start = 0, None
    groups: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if ch in "(（":
            if depth == 0:
                start = i
            depth += 1
        elif ch in ")）" and depth:
            depth -= 1
            if depth == 0 and start is not None:
                groups.append((start, i + 1))
    for s, e in reversed(groups):
        if CJK.search(text[s:e]):
            chinese = text[s + 1:e - 1].strip()
            text = (text[:s] + text[e:]).strip()
            break
    if not chinese and groups == [] and CJK.search(text) and "(" in text:  # unclosed parenthesis
        s = text.index("(")
        chinese, text = text[s + 1:].strip(" )"), text[:s].strip()
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
    comment: list[str] = field(default_factory=list)
    policy: str = ""
    issuers: str = ""
    date_text: str = ""
    date_line: int = 0
    meta_lines: list[str] = field(default_factory=list)
    section: str = "head"  # head | glance | comment | meta


def parse_text(text: str, source: str, brief_id: str | None = None, content_hash: str = "") -> Brief:
    """Parse one brief's text; raises BriefParseError naming source and line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    brief_id = brief_id or Path(source).stem
    top5_at = next((i for i, l in enumerate(lines) if TOP5_HEADER.match(l)), None)
    if top5_at is None:
        raise BriefParseError(source, 1, "no 'MERICS Top 5' heading found: not a MERICS China Industries brief")
    title = _topics_line(lines[:top5_at])

    drafts: list[_ItemDraft] = []
    news: list[tuple[str, int, str]] = []  # (kind, line, text)
    mode, news_kind = "top5", "policy_news"
    for idx in range(top5_at + 1, len(lines)):
        raw, lineno = lines[idx], idx + 1
        if not raw.strip():
            continue
        if END_MARK.match(raw):
            break
        if NEWS_HEADER.match(raw):
            mode = "news"
            continue
        kind_m = NEWS_KIND.match(raw)
        if kind_m and (mode == "news" or (drafts and drafts[-1].date_text)):
            mode = "news"
            news_kind = "policy_news" if kind_m[1].lower() == "policy" else "corporate_news"
            continue
        if mode == "news":
            for piece in GLUED_NEWS.split(raw):
                m = NEWS_DATE.match(piece)
                if m:
                    news.append((news_kind, lineno, piece.strip()))
                elif news:  # wrapped continuation of the previous news item
                    k, ln, prev = news[-1]
                    news[-1] = (k, ln, prev + " " + BULLET.sub(r"\1", piece).strip())
                else:
                    raise BriefParseError(source, lineno, f"expected a dated news item ('Month D: ...'), got {raw.strip()[:60]!r}")
            continue
        _top5_line(drafts, raw, lineno, source)

    if not drafts:
        raise BriefParseError(source, top5_at + 1, "the Top 5 section has no numbered items")
    items = [_finish_item(d, brief_id, source) for d in drafts]
    latest = max(i.date for i in items if i.date)
    counters: dict[str, int] = {}
    for kind, lineno, body in news:
        m = NEWS_DATE.match(body)
        assert m  # only dated lines start news items
        counters[kind] = counters.get(kind, 0) + 1
        month, day = month_number(m[1]), int(m[2])
        # News is dated without a year: it belongs to the brief's year unless that would put it
        # far after the brief (a December item in a January brief).
        year = latest.year - 1 if month - latest.month > 6 else latest.year
        d = _safe_date(year, month, day)
        if d is None:
            raise BriefParseError(source, lineno, f"invalid news date {m[1]} {m[2]}")
        body_text = re.sub(r"\s+", " ", m[3]).strip()
        items.append(Item(
            item_id=f"{brief_id}#{kind}-{counters[kind]}", brief_id=brief_id, kind=kind, date=d,
            headline=news_headline(body_text), number=counters[kind], text=body_text, line=lineno,
        ))
    month_of = max(i.date for i in items if i.date)
    return Brief(brief_id=brief_id, title=title, month=f"{month_of.year:04d}-{month_of.month:02d}",
                 source=source, content_hash=content_hash, items=items)


def _topics_line(header: list[str]) -> str:
    lines = [l.strip() for l in header if l.strip()]
    for l in reversed(lines):
        if "+" in l:
            return l
    skip = re.compile(r"^(MERICS( Briefs| China Industries)?|\d+ min read)$", re.I)
    rest = [l for l in lines if not skip.match(l)]
    return rest[-1] if rest else ""


def _top5_line(drafts: list[_ItemDraft], raw: str, lineno: int, source: str) -> None:
    head = ITEM_HEAD.match(raw)
    cur = drafts[-1] if drafts else None
    # A numbered line starts an item unless we're inside glance bullets ("1. Curb ..."): after
    # the previous item's metadata, or as the next number after its comment (its Date line
    # missing then surfaces as that item's error, not as a swallowed item).
    if head and (cur is None or cur.section in ("meta", "comment") and cur.date_text
                 or cur.section in ("comment", "meta") and int(head[1]) == cur.number + 1
                 or cur.section == "head" and not cur.glance):
        if cur is not None and cur.section == "head" and not cur.glance:
            raise BriefParseError(source, cur.line, f"Top-5 item {cur.number} has no 'At a glance' text")
        drafts.append(_ItemDraft(number=int(head[1]), headline=head[2].strip(), line=lineno))
        return
    if cur is None:
        raise BriefParseError(source, lineno, f"text before the first numbered Top-5 item: {raw.strip()[:60]!r}")
    if m := GLANCE.match(raw):
        cur.section = "glance"
        cur.glance.append(m[1].strip())
    elif m := COMMENT.match(raw):
        cur.section = "comment"
        cur.comment.append(m[1].strip())
    elif m := POLICY.match(raw):
        cur.section, cur.policy = "meta", m[1].strip()
        cur.meta_lines.append(raw.strip())
    elif m := ISSUERS.match(raw):
        cur.section, cur.issuers = "meta", m[1].strip()
        cur.meta_lines.append(raw.strip())
    elif m := DATE_LINE.match(raw):
        cur.section, cur.date_text, cur.date_line = "meta", m[1].strip(), lineno
        cur.meta_lines.append(raw.strip())
    elif cur.section == "glance":
        bullet = BULLET.match(raw)
        if bullet or raw[:1].isspace():
            cur.bullets.append((bullet[1] if bullet else raw).strip())
        else:
            cur.glance.append(raw.strip())
    elif cur.section == "comment":
        cur.comment.append(raw.strip())
    elif cur.section == "meta" and not cur.issuers and not cur.date_text:
        cur.policy = (cur.policy + " " + raw.strip()).strip()  # name wrapped onto a second line
        cur.meta_lines[-1] += "\n" + raw.strip()
    elif cur.section == "head":
        cur.headline = (cur.headline + " " + raw.strip()).strip()
    else:
        raise BriefParseError(source, lineno, f"unexpected line in Top-5 item {cur.number}: {raw.strip()[:60]!r}")


def _finish_item(d: _ItemDraft, brief_id: str, source: str) -> Item:
    if not d.glance:
        raise BriefParseError(source, d.line, f"Top-5 item {d.number} has no 'At a glance' text")
    if not d.date_text:
        raise BriefParseError(source, d.line, f"Top-5 item {d.number} has no 'Date:' line")
    when = parse_date(d.date_text)
    if when is None:
        raise BriefParseError(source, d.date_line, f"unreadable date {d.date_text!r} in Top-5 item {d.number}")
    english, chinese = split_policy_name(d.policy)
    return Item(
        item_id=f"{brief_id}#top5-{d.number}", brief_id=brief_id, kind="top5", date=when,
        headline=d.headline, number=d.number, glance=" ".join(d.glance).strip(), bullets=d.bullets,
        comment="\n\n".join(d.comment).strip(), policy=english, policy_cn=chinese,
        issuers=split_issuers(d.issuers), line=d.line, source_note="\n".join(d.meta_lines),
    )


def read_brief(path: Path, max_bytes: int = 2_000_000) -> Brief:
    """Read and parse one file, refusing binaries, non-UTF-8 and oversize files with a clear error."""
    path = Path(path)
    data = path.read_bytes()
    if len(data) > max_bytes:
        raise BriefParseError(str(path), 1, f"file is {len(data):,} bytes; the limit for a brief is {max_bytes:,}")
    if b"\x00" in data[:8192]:
        raise BriefParseError(str(path), 1, "binary file, not a text brief")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise BriefParseError(str(path), line, "not UTF-8 text") from None
    return parse_text(text, str(path), path.stem, hashlib.sha256(data).hexdigest())


BRIEF_SUFFIXES = (".txt", ".md")


def load_corpus(folder: Path, max_bytes: int = 2_000_000) -> tuple[list[Brief], list[BriefParseError]]:
    """Parse every brief in a folder; a bad file is reported, never fatal for the others."""
    briefs, errors = [], []
    for path in sorted(Path(folder).iterdir()):
        if not path.is_file() or path.name.startswith(".") or path.name.lower() == "readme.md":
            continue
        if path.suffix.lower() not in BRIEF_SUFFIXES:
            errors.append(BriefParseError(str(path), 1, f"skipped: only {'/'.join(BRIEF_SUFFIXES)} files are briefs"))
            continue
        try:
            briefs.append(read_brief(path, max_bytes))
        except BriefParseError as e:
            errors.append(e)
    return briefs, errors
