"""PDF and HTML briefs, and text decoded by content: each must give what the .txt gives.

The fixtures in tests/fixtures/web/ are the two corpus briefs rendered as a merics.org-like page
(navigation, cookie banner, share links, author box, related content, footer) and that page
printed to PDF by Debian chromium (running header with date and title, footer with URL and
page number, the cookie banner on every page, two-line headings, wrapped bullets), made by
tests/fixtures/web/render_page.py."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from assistant.corpus import safe_name
from assistant.errors import BriefParseError
from assistant.formats import decode_text, pdf_text
from assistant.parse import load_corpus, read_brief

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "tests" / "fixtures" / "web"
STEMS = ["merics-china-industries-2021-11", "merics-china-industries-2022-11"]
FIELDS = ("item_id", "kind", "number", "date", "headline", "glance", "bullets", "comment", "policy", "policy_cn",
          "issuers", "text")


def _norm(value):
    """Whitespace as a renderer leaves it: the .txt has two no-break spaces a web page collapses."""
    if isinstance(value, list):
        return [_norm(v) for v in value]
    return re.sub(r"\s+", " ", value).strip() if isinstance(value, str) else value


@pytest.mark.parametrize("ext", ["html", "pdf"])
@pytest.mark.parametrize("stem", STEMS)
def test_rendering_gives_the_txt_items_field_for_field(stem, ext):
    txt = read_brief(ROOT / "corpus" / f"{stem}.txt")
    got = read_brief(WEB / f"{stem}.{ext}")
    assert (got.brief_id, got.title, got.month) == (txt.brief_id, txt.title, txt.month)
    assert len(got.items) == len(txt.items)
    for a, b in zip(txt.items, got.items):
        for f in FIELDS:
            assert _norm(getattr(b, f)) == _norm(getattr(a, f)), (a.item_id, f)


def test_pdf_page_furniture_stays_out_of_the_text():
    text = pdf_text((WEB / f"{STEMS[0]}.pdf").read_bytes(), "x.pdf")
    for furniture in ("We use cookies", "use of cookies", "file://", "| Merics", "1/7", "7/7"):
        assert furniture not in text
    # Two-line headings are one line; wrapped bullets are one bullet.
    assert "\n5. Draft regulations for cross-border data transfers expand government oversight\n" in text
    assert "\n  • Increase the number of high-value invention patents from 6.3 to 12 per 10,000 people\n" in text


def test_html_drops_navigation_banner_and_footer():
    from assistant.formats import html_markdown

    md = html_markdown((WEB / f"{STEMS[1]}.html").read_text(encoding="utf-8"), "x.html")
    for furniture in ("Publications", "cookies", "Imprint", "All rights reserved", "Related content", "Share on"):
        assert furniture not in md


def test_pdf_without_text_layer_gets_a_clear_error(tmp_path):
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=612, height=792)  # what a scanner without OCR gives: pages, no text
    buf = io.BytesIO()
    w.write(buf)
    p = tmp_path / "scanned-brief.pdf"
    p.write_bytes(buf.getvalue())
    with pytest.raises(BriefParseError) as e:
        read_brief(p)
    assert "no text layer" in e.value.message and "OCR" in e.value.message


def test_broken_pdf_and_empty_page_get_clear_errors(tmp_path):
    bad = tmp_path / "truncated.pdf"
    bad.write_bytes((WEB / f"{STEMS[0]}.pdf").read_bytes()[:3000])
    with pytest.raises(BriefParseError) as e:
        read_brief(bad)
    assert "PDF" in e.value.message
    page = tmp_path / "cookie-wall.html"
    page.write_text("<html><head><script>document.cookie='x'</script></head><body></body></html>", encoding="utf-8")
    with pytest.raises(BriefParseError) as e:
        read_brief(page)
    assert "no article text" in e.value.message


def test_converted_errors_say_the_line_is_of_the_extracted_text(tmp_path):
    page = tmp_path / "not-a-brief.html"
    page.write_text("<html><body><article><h1>Lunch</h1>" + "<p>We discussed lunch options at length today.</p>" * 5
                    + "</article></body></html>", encoding="utf-8")
    with pytest.raises(BriefParseError) as e:
        read_brief(page)
    assert "extracted from the HTML" in e.value.message


def test_load_corpus_reads_every_format(tmp_path):
    for ext in ("html", "pdf"):
        (tmp_path / f"{STEMS[0]}-{ext}.{ext}").write_bytes((WEB / f"{STEMS[0]}.{ext}").read_bytes())
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    briefs, errors = load_corpus(tmp_path)
    assert sorted(len(b.items) for b in briefs) == [19, 19]
    assert [Path(e.source).name for e in errors] == ["notes.docx"] and ".pdf" in errors[0].message


# --------------------------------------------------------------------------- encodings

PLAIN = ROOT / "tests" / "fixtures" / "plain-copy-brief.txt"


def _fields(b):
    return [tuple(getattr(i, f) for f in FIELDS) for i in b.items]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-8-sig", "utf-16"])
def test_text_encodings_are_detected_by_content(tmp_path, encoding):
    p = tmp_path / "plain-copy-brief.txt"
    p.write_bytes(PLAIN.read_text(encoding="utf-8").encode(encoding))  # -le/-be: no byte-order mark
    assert _fields(read_brief(p)) == _fields(read_brief(PLAIN))


def test_windows_1252_text_is_read(tmp_path):
    text = PLAIN.read_text(encoding="utf-8").replace("Local chip funds", "Local “café” chip funds")
    text = "".join(ch for ch in text if ch.encode("cp1252", errors="ignore"))  # what Notepad could save
    p = tmp_path / "plain-copy-brief.txt"
    p.write_bytes(text.encode("cp1252"))
    utf8 = tmp_path / "utf8" / "plain-copy-brief.txt"
    utf8.parent.mkdir()
    utf8.write_text(text, encoding="utf-8")
    assert _fields(read_brief(p)) == _fields(read_brief(utf8))
    assert "“café”" in decode_text(p.read_bytes(), "x")


def test_binaries_are_still_refused():
    for data in (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(256)), b"\x00\x01\x02\x03" * 50):
        with pytest.raises(BriefParseError) as e:
            decode_text(data, "x")
        assert "binary" in e.value.message


# --------------------------------------------------------------------------- upload names

@pytest.mark.parametrize("name, safe", [
    (".something.txt", "something.txt"),
    ("...merics.md", "merics.md"),
    ("(1).txt", "1.txt"),
    ("《简报》.pdf", "brief.pdf"),
    ("../../etc/merics-2021-11.md", "merics-2021-11.md"),
    ("C:\\Users\\me\\My brief (Nov 2021).PDF", "My-brief-Nov-2021.pdf"),
    ("merics-china-industries-2022-11.html", "merics-china-industries-2022-11.html"),
])
def test_upload_names_are_safe_and_visible(name, safe):
    assert safe_name(name) == safe


def test_upload_name_of_an_unreadable_type_is_refused():
    with pytest.raises(BriefParseError):
        safe_name("brief.docx")
