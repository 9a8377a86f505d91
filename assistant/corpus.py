"""Files in the corpus folder: safe names for uploads, atomic writes, removal.

The loader skips hidden files, so an upload must never land under a name starting with a dot
(it would be reported as added, then silently vanish at the next start); and a name is only
ever a file name inside the corpus folder, never a path."""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from .errors import BriefParseError
from .formats import BRIEF_SUFFIXES

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str) -> str:
    """A visible, portable file name for an uploaded brief: 'My brief (Nov).PDF' → 'My-brief-Nov.pdf',
    '.hidden.txt' → 'hidden.txt', '../../x.md' → 'x.md'. Raises BriefParseError for a type we can't read."""
    base = Path(str(name).replace("\\", "/")).name
    stem, suffix = os.path.splitext(base.lstrip(". "))  # ".notes.txt" would be hidden from the loader
    suffix = suffix.lower()
    if suffix not in BRIEF_SUFFIXES:
        raise BriefParseError(base or str(name), 1, f"only {', '.join(BRIEF_SUFFIXES)} briefs can be added")
    stem = _UNSAFE.sub("-", stem).strip(".-_ ")
    stem = re.sub(r"-{2,}", "-", stem)
    return (stem or "brief") + suffix


def store(src: Path, folder: Path, name: str) -> Path:
    """Copy src to folder/name atomically: a reader (or a crash) sees the old file or the new one."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    fd, tmp = tempfile.mkstemp(prefix=".upload-", dir=folder)  # hidden: the loader skips it meanwhile
    os.close(fd)
    try:
        shutil.copyfile(src, tmp)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def discard(path: Path, folder: Path) -> bool:
    """Delete a brief file if it lies in the corpus folder (never anything outside it)."""
    path, folder = Path(path).resolve(), Path(folder).resolve()
    if path.parent != folder or not path.is_file():
        return False
    path.unlink()
    return True
