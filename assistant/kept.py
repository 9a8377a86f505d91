"""The last indexed version of each brief file, kept next to the index.

When an edit breaks a brief so that it no longer parses, the assistant goes on serving the
version it indexed before (listed, citable, its chunks untouched) instead of losing the brief."""
from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path

from .errors import BriefParseError
from .models import Brief
from .parse import read_brief


FOLDER = "indexed-briefs"  # inside data_dir


class KeptBriefs:
    """A folder holding a byte copy of every brief file as last indexed, under its own name."""

    def __init__(self, folder: Path, max_bytes: int):
        self.folder, self.max_bytes = Path(folder), max_bytes

    def save(self, brief: Brief) -> None:
        """Keep the file `brief` was parsed from, unless it changed since (then it was not what got indexed)."""
        src, dst = Path(brief.source), self.folder / Path(brief.source).name
        try:
            data = src.read_bytes()
        except OSError:
            return
        if hashlib.sha256(data).hexdigest() != brief.content_hash or _same(dst, data):
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = dst.with_name(f".{dst.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, dst)  # a kill never leaves a half-written copy

    def load(self, source: str) -> Brief | None:
        """The kept version of the corpus file `source` (standing in for it), or None."""
        path = self.folder / Path(source).name
        if not path.is_file():
            return None
        try:
            # its warnings were reported when it was indexed
            return replace(read_brief(path, self.max_bytes), source=source, warnings=[])
        except BriefParseError:  # kept by an older parser that read more than this one
            return None

    def prune(self, names: set[str]) -> None:
        """Forget the copies of files no longer in the corpus."""
        if self.folder.is_dir():
            for path in self.folder.iterdir():
                if path.is_file() and path.name not in names:
                    path.unlink()


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False
