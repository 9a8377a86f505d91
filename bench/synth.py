"""Synthetic archives for benchmarks: re-dated, labelled copies of the real and fictional briefs.

Copy k of base brief b shifts every year 2010-2049 in the text by an even offset, so each copy
has its own brief month, and says on its first line that it is fictional. Written to a folder
of the caller's choosing, never to corpus/."""
from __future__ import annotations

import re
from pathlib import Path

from assistant.settings import PROJECT_ROOT

BASES = (PROJECT_ROOT / "corpus" / "merics-china-industries-2021-11.txt",
         PROJECT_ROOT / "corpus" / "merics-china-industries-2022-11.txt",
         PROJECT_ROOT / "eval" / "synthetic" / "merics-china-industries-2023-03.txt",
         PROJECT_ROOT / "eval" / "synthetic-md" / "merics-china-industries-2023-06.md")
FIRST_SHIFT = 5  # years; the first copies land after the real archive
_YEAR = re.compile(r"(?<!\d)20[1-4]\d(?!\d)")  # not amounts such as 2,000 or 1900


def redate(text: str, shift: int) -> str:
    return _YEAR.sub(lambda m: str(int(m.group()) + shift), text)


def make_archive(n: int, folder: Path) -> list[Path]:
    """Write n fictional briefs into folder (created); returns their paths."""
    folder = Path(folder)
    if folder.resolve().is_relative_to((PROJECT_ROOT / "corpus").resolve()):
        raise ValueError("synthetic briefs never go into corpus/")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(n):
        base = BASES[k % len(BASES)]
        shift = FIRST_SHIFT + 2 * (k // len(BASES))
        text = base.read_text(encoding="utf-8")
        label = f"FICTIONAL BENCHMARK COPY {k} of {base.stem}, every year moved by {shift}; not a MERICS publication"
        out = folder / f"fictional-{k:04d}-{base.stem}{base.suffix}"
        out.write_text(f"{label}\n\n{redate(text, shift)}", encoding="utf-8")
        paths.append(out)
    return paths
