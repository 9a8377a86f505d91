"""Which extraction library? Parse each fixture rendering of the corpus briefs with each candidate
and count items and fields that differ from the .txt brief (whitespace-normalised).

    PYTHONPATH=. python bench/formats.py

Candidates: the chosen pipeline (assistant.formats: pdfplumber with layout rebuild, trafilatura
markdown), and the plain alternatives it was measured against (pypdf and pdfplumber plain text,
BeautifulSoup + markdownify after dropping nav/header/footer/aside/cookie elements). The
alternatives need `pip install pypdf beautifulsoup4 markdownify`; a missing one is skipped."""
from __future__ import annotations

import io
import re
import time
from pathlib import Path

from assistant.errors import BriefParseError
from assistant.formats import html_markdown, pdf_text
from assistant.parse import parse_text, read_brief

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "web"
FIELDS = ("kind", "date", "headline", "glance", "bullets", "comment", "policy", "policy_cn", "issuers", "text")


def _norm(v) -> str:
    return re.sub(r"\s+", " ", str(v)).strip()


def pypdf_plain(data: bytes) -> str:
    import pypdf

    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)


def plumber_plain(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages)


def soup_markdown(data: bytes) -> str:
    from bs4 import BeautifulSoup
    from markdownify import markdownify

    soup = BeautifulSoup(data, "lxml")
    for tag in soup.select("nav, header, footer, aside, script, style, form, button, "
                           "[class*=cookie], [id*=cookie], [class*=consent], [class*=share]"):
        tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body
    return markdownify(str(root), heading_style="ATX", bullets="-")


CANDIDATES = {
    "pdf": {"pdfplumber + layout (chosen)": lambda d: pdf_text(d, "x"), "pdfplumber plain": plumber_plain,
            "pypdf plain": pypdf_plain},
    "html": {"trafilatura markdown (chosen)": lambda d: html_markdown(d.decode("utf-8"), "x"),
             "bs4 + markdownify": soup_markdown},
}


def compare(stem: str, ext: str, name: str, convert) -> str:
    txt = read_brief(ROOT / "corpus" / f"{stem}.txt")
    data = (FIXTURES / f"{stem}.{ext}").read_bytes()
    t0 = time.perf_counter()
    try:
        text = convert(data)
        got = parse_text(text, f"{stem}.{ext}", stem)
    except BriefParseError as e:
        return f"{stem:34} {name:30} parse error: {e.message[:70]}"
    ms = (time.perf_counter() - t0) * 1000
    diff = sum(_norm(getattr(a, f)) != _norm(getattr(b, f)) for a, b in zip(txt.items, got.items) for f in FIELDS)
    return (f"{stem:34} {name:30} items {len(got.items):2}/{len(txt.items):2}  differing fields {diff:3}"
            f"  title {'ok' if got.title == txt.title else 'differs'}  {ms:6.0f} ms")


def main() -> None:
    for ext, cands in CANDIDATES.items():
        for stem in sorted(p.stem for p in FIXTURES.glob(f"*.{ext}")):
            for name, fn in cands.items():
                try:
                    print(compare(stem, ext, name, fn))
                except ImportError as e:
                    print(f"{stem:34} {name:30} skipped: {e}")


if __name__ == "__main__":
    main()
