"""Brief files → the text the parser reads: text decoded by content, web pages and PDFs converted.

- .txt/.md: UTF-8 (with or without BOM), UTF-16 (with or without BOM) or Windows-1252, told
  apart by the bytes themselves, since a file's name says nothing about its encoding.
- .html/.htm: a saved web page. trafilatura finds the article and drops navigation, cookie
  banners, share links, related content and footers; its markdown goes to the parser's
  markdown path (headings, bold labels, "- " bullets).
- .pdf: a printed web page or report. pdfplumber gives each line with its position and font;
  from that we rebuild what the text layer loses: page headers/footers and banners printed on
  every page are dropped, wrapped lines and two-line headings are joined, list items (drawn
  bullets or indentation) become "•" bullets. A PDF without text (a scan) is refused.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass

from .errors import BriefParseError

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
PDF_SUFFIXES = (".pdf",)
BRIEF_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + PDF_SUFFIXES

_SNIFF = 8192  # bytes looked at to tell binaries and BOM-less UTF-16 apart
# C0 controls other than tab/newline/carriage return/form feed never occur in a text brief.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


# --------------------------------------------------------------------------- dispatch

def brief_text(data: bytes, source: str, suffix: str) -> str:
    """The parser's input for one file's bytes; BriefParseError if it cannot be read."""
    suffix = suffix.lower()
    if suffix in PDF_SUFFIXES:
        return pdf_text(data, source)
    if suffix in HTML_SUFFIXES:
        return html_markdown(decode_text(data, source), source)
    return decode_text(data, source)


def converted(suffix: str) -> bool:
    """Is the parser's line number one of converted text rather than of the file itself?"""
    return suffix.lower() in HTML_SUFFIXES + PDF_SUFFIXES


# --------------------------------------------------------------------------- text encodings

def _utf16_order(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' if the bytes look like BOM-less UTF-16 text: mostly-ASCII text
    in UTF-16 has a NUL in every other byte, on the odd side (LE) or the even side (BE)."""
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even = sum(1 for b in head[0:pairs * 2:2] if b == 0)
    odd = sum(1 for b in head[1:pairs * 2:2] if b == 0)
    if odd >= 0.3 * pairs and even <= 0.05 * pairs:
        return "utf-16-le"
    if even >= 0.3 * pairs and odd <= 0.05 * pairs:
        return "utf-16-be"
    return None


def decode_text(data: bytes, source: str) -> str:
    """Bytes → str by content: BOM, then BOM-less UTF-16, UTF-8, Windows-1252; else a clear error."""
    if data[:3] == b"\xef\xbb\xbf":
        encodings = ["utf-8-sig"]
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encodings = ["utf-16"]
    elif b"\x00" in data[:_SNIFF]:
        order = _utf16_order(data[:_SNIFF])
        if order is None:
            raise BriefParseError(source, 1, "binary file, not a text brief")
        encodings = [order]
    else:
        # Windows-1252 last: it decodes almost any byte string, UTF-8 only real UTF-8.
        encodings = ["utf-8", "cp1252"]
    first_error: UnicodeDecodeError | None = None
    for enc in encodings:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as e:
            first_error = first_error or e
            continue
        if (bad := _CONTROL.search(text[:_SNIFF * 4])) is not None:
            line = text[:bad.start()].count("\n") + 1
            raise BriefParseError(source, line, "binary file, not a text brief (control characters)")
        return text
    if encodings[0].startswith("utf-16"):
        raise BriefParseError(source, 1, "UTF-16 text that does not decode")
    line = data[: first_error.start].count(b"\n") + 1 if first_error else 1
    raise BriefParseError(source, line, "not UTF-8, UTF-16 or Windows-1252 text")


# --------------------------------------------------------------------------- HTML

def html_markdown(page: str, source: str) -> str:
    """A web page's main article as markdown (trafilatura: boilerplate dropped, lists and bold kept)."""
    import trafilatura

    md = trafilatura.extract(page, output_format="markdown", include_formatting=True, include_links=False,
                             include_images=False, include_tables=True, include_comments=False,
                             favor_recall=True, deduplicate=False, with_metadata=False)
    if not md or not md.strip():
        raise BriefParseError(source, 1, "no article text found in this web page")
    return md


# --------------------------------------------------------------------------- PDF

# Layout rules, as fractions of the page or of the body font size (points vary by printer).
_BAND = 0.12  # top/bottom share of the page where running headers and footers live
_REPEAT_SHARE = 0.5  # a band line on at least this share of pages (and 2+) is page furniture
_MIN_PREFIX = 12  # a repeated line this long also marks longer lines starting with it
_SPACE = 0.15  # a horizontal gap (× font size) between two words that is a space
_PARA_GAP = 0.6  # vertical gap (× body size) between lines that starts a new paragraph
_HEADING_RATIO = 1.1  # text this much larger than the body text is a heading
_INDENT = 1.0  # left indent (× body size) that marks a list item's lines
_PAGE_NUMBER = re.compile(r"(?:^|\s)(?:page\s*)?\d{1,4}\s*(?:/|of)\s*\d{1,4}\s*$|^\s*[-–]?\s*\d{1,4}\s*[-–]?\s*$", re.I)
_BULLET_CHAR = re.compile(r"^\s*[•·▪◦●■‣⁃○►▸–-]\s+")
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)]*$")
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # font size of its first word
    first_word: float  # width of its first word: did it fit at the end of the line above?
    page: int
    height: float  # the page's height
    bullet: bool = False  # a list marker (drawn or typed) stands left of it
    bold_start: bool = False  # starts in a bold face ("Issuing body:" labels)
    bold_end: bool = False


def _bold(word: dict) -> bool:
    return bool(_BOLD.search(word.get("fontname", "")))


def _page_lines(words: list[dict], page: int, height: float) -> list[_Line]:
    """Words in drawing order → lines. A line ends where the next word sits lower, or jumps back
    to the left: a banner printed over the text shares its height with a body line, but is
    drawn apart from it."""
    lines: list[_Line] = []
    cur: _Line | None = None
    for w in words:
        if cur is not None and abs(w["top"] - cur.top) < 0.5 * cur.size and w["x0"] >= cur.x1 - 1:
            # Words split at a font change (a CJK fallback font) touch: no space between them.
            cur.text += (" " if w["x0"] - cur.x1 > _SPACE * cur.size else "") + w["text"]
            cur.x1, cur.bottom, cur.bold_end = w["x1"], max(cur.bottom, w["bottom"]), _bold(w)
            continue
        cur = _Line(text=w["text"], x0=w["x0"], x1=w["x1"], top=w["top"], bottom=w["bottom"], size=w["size"],
                    first_word=w["x1"] - w["x0"], page=page, height=height, bold_start=_bold(w), bold_end=_bold(w))
        lines.append(cur)
    return lines


def _marks(page) -> list[tuple[float, float, float]]:
    """(x1, top, bottom) of small drawn shapes: the discs and squares of list bullets."""
    out = []
    for obj in page.curves + page.rects:
        w, h = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
        if 0 < w <= 8 and 0 < h <= 8:
            out.append((obj["x1"], obj["top"], obj["bottom"]))
    return out


def _pdf_lines(data: bytes, source: str) -> list[_Line]:
    import pdfplumber
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    lines: list[_Line] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for n, page in enumerate(pdf.pages):
                marks = _marks(page)
                words = page.extract_words(use_text_flow=True, extra_attrs=["size", "fontname"])
                for line in _page_lines(words, n, float(page.height)):
                    if _BULLET_CHAR.match(line.text):
                        line.text, line.bullet = _BULLET_CHAR.sub("", line.text, count=1), True
                    else:
                        line.bullet = any(x1 <= line.x0 + 1 and top < (line.top + line.bottom) / 2 < bottom + 2
                                          for x1, top, bottom in marks)
                    if line.text.strip():
                        lines.append(line)
    except (PdfminerException, PSException, ValueError, KeyError, TypeError) as e:
        raise BriefParseError(source, 1, f"not a readable PDF ({type(e).__name__}: {e})") from None
    if not lines:
        raise BriefParseError(source, 1, "this PDF has no text layer (a scan or images only): "
                                         "run OCR on it first, or add the brief as text")
    return lines


def _furniture(lines: list[_Line]) -> set[int]:
    """Indexes of running headers/footers, page numbers and banners printed on every page."""
    pages = len({l.page for l in lines})

    def in_band(l: _Line) -> bool:
        return l.top < _BAND * l.height or l.bottom > (1 - _BAND) * l.height

    def key(l: _Line) -> str:
        return re.sub(r"\d+", "#", l.text.strip().lower())

    seen = Counter(k for k, _ in {(key(l), l.page) for l in lines if in_band(l)})
    need = max(2, _REPEAT_SHARE * pages)
    repeated = {k for k, n in seen.items() if n >= need}
    # A banner may print a little more on one page (its buttons on the first): same start.
    starts = tuple(k for k in repeated if len(k) >= _MIN_PREFIX)

    def furniture(l: _Line) -> bool:
        k = key(l)
        return k in repeated or bool(starts) and k.startswith(starts) or bool(_PAGE_NUMBER.search(l.text))

    return {i for i, l in enumerate(lines) if in_band(l) and furniture(l)}


def _join(a: str, b: str) -> str:
    """A line and its wrapped continuation: no space after a hyphen or between CJK characters."""
    a, b = a.rstrip(), b.lstrip()
    if not a:
        return b
    if (a[-1] == "-" and len(a) > 1 and a[-2].isalnum()) or (_CJK.match(a[-1]) and b and _CJK.match(b[0])):
        return a + b
    return a + " " + b


def pdf_text(data: bytes, source: str) -> str:
    """A PDF's text rebuilt as one paragraph per line, blank lines between blocks, "•" bullets."""
    lines = _pdf_lines(data, source)
    drop = _furniture(lines)
    body = [l for i, l in enumerate(lines) if i not in drop]
    if not body:
        raise BriefParseError(source, 1, "this PDF holds only page headers and footers")
    size = Counter(round(l.size, 1) for l in body for _ in l.text).most_common(1)[0][0]
    plain = [l for l in body if abs(l.size - size) < 0.5]
    left = Counter(round(l.x0) for l in plain).most_common(1)[0][0]
    right = max(l.x1 for l in plain)
    space = 0.3 * size

    blocks: list[tuple[str, str]] = []  # (kind, text): kind heading | para | bullet
    prev: _Line | None = None
    for l in body:
        heading = l.size > _HEADING_RATIO * size
        indented = l.x0 > left + _INDENT * size
        kind = "heading" if heading else "bullet" if (l.bullet or indented) else "para"
        cont = False
        if prev is not None and blocks:
            last_kind = blocks[-1][0]
            same_page = prev.page == l.page
            gap = l.top - prev.bottom if same_page else 0.0
            # Greedy wrapping: the line above ended early only if this line's first word would
            # have fitted after it; then it was a hard break (<br>, end of paragraph).
            full = prev.x1 + space + l.first_word > right - 1
            # A bold start after regular text is a label on a new line ("Issuing body:"); across a
            # page break, where no gap tells, a finished sentence ends the paragraph.
            full = full and not (l.bold_start and not prev.bold_end) \
                and (same_page or not _SENTENCE_END.search(prev.text))
            if kind == "heading":
                cont = last_kind == "heading" and abs(prev.size - l.size) < 0.5 and gap < _PARA_GAP * l.size
            elif kind == "bullet":
                cont = last_kind == "bullet" and not l.bullet and full and gap < _PARA_GAP * size
            else:
                cont = last_kind == "para" and full and gap < _PARA_GAP * size
        if cont:
            blocks[-1] = (blocks[-1][0], _join(blocks[-1][1], l.text))
        else:
            blocks.append((kind, l.text.strip()))
        prev = l

    out: list[str] = []
    for i, (kind, text) in enumerate(blocks):
        if kind == "bullet":
            out.append("  • " + text)
            if i + 1 == len(blocks) or blocks[i + 1][0] != "bullet":
                out.append("")
        else:
            out += [text, ""]
    return "\n".join(out)
