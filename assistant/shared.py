"""Several app processes on one `chroma run` server.

Each process has its own corpus folder; the server is what they share. Every synced brief's
text is registered in a small side collection ("<collection>-briefs"), so a process can see
which briefs the store holds, parse the ones it lacks, and never prune a brief another process
added. Removing a brief from one process's folder therefore does not remove it from the server."""
from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path

from .errors import BriefParseError
from .formats import brief_text
from .models import Brief
from .paging import pages
from .parse import parse_text

log = logging.getLogger(__name__)


class BriefRegistry:
    """brief_id → (content hash, full text) of every brief in the shared store."""

    def __init__(self, index):
        self.page_size = index.settings.index.page_size
        # No embedding function: records carry a placeholder vector and are only ever read by id.
        self.collection = index.client.get_or_create_collection(f"{index.settings.index.collection}-briefs",
                                                                embedding_function=None)

    def hashes(self) -> dict[str, str]:
        """brief_id → content hash: the cheap "did the store change?" check."""
        return {i: (m or {}).get("content_hash", "")
                for got in pages(self.collection, self.page_size, ["metadatas"]) for i, m in zip(got["ids"], got["metadatas"])}

    def register(self, briefs: list[Brief]) -> None:
        """Record briefs whose text the store does not hold yet (call after their chunks are stored)."""
        known = self.hashes()
        new = [b for b in briefs if known.get(b.brief_id) != b.content_hash]
        for b in new:
            text = _text_of(b)
            if text is None:
                continue
            self.collection.upsert(ids=[b.brief_id], embeddings=[[1.0]], documents=[text],
                                   metadatas=[{"content_hash": b.content_hash, "name": Path(b.source).name}])

    def forget(self, brief_id: str) -> None:
        """A brief removed on purpose leaves the registry, so no process brings it back."""
        self.collection.delete(ids=[brief_id])

    def briefs(self, ids: list[str]) -> list[Brief]:
        """Parse the registered briefs `ids` (a bad record is logged and skipped)."""
        out = []
        for start in range(0, len(ids), self.page_size):
            got = self.collection.get(ids=ids[start:start + self.page_size], include=["documents", "metadatas"])
            for bid, text, meta in zip(got["ids"], got["documents"], got["metadatas"]):
                try:
                    out.append(parse_text(text, f"chroma:{meta.get('name') or bid}", bid, meta.get("content_hash", "")))
                except BriefParseError as e:
                    log.warning("registered brief %s does not parse: %s", bid, e)
        return out


def _text_of(brief: Brief) -> str | None:
    """The brief's text as parsed: from its file, or None if it came from the registry itself."""
    path = Path(brief.source)
    if brief.source.startswith("chroma:") or not path.is_file():
        return None
    try:  # the parser's input: decoded text, or the text extracted from a PDF or web page
        return brief_text(path.read_bytes(), brief.source, path.suffix)
    except (OSError, BriefParseError):
        return None


def merge(local: list[Brief], registry: BriefRegistry) -> list[Brief]:
    """Local briefs plus the registered briefs this process lacks (a local copy wins); briefs
    taken from the registry earlier go when another process removed them."""
    registered = registry.hashes()
    local = [b for b in local if not b.source.startswith("chroma:") or b.brief_id in registered]
    have = {b.brief_id for b in local}
    hashes = {b.content_hash for b in local}
    missing = [i for i, h in registered.items() if i not in have and h not in hashes]
    return [*local, *registry.briefs(missing)]


def consistent(stored: Mapping[str, frozenset[str]], registered: Mapping[str, str]) -> bool:
    """Does the store hold one version of each registered brief, the registered one, and nothing
    else? Not while another process is mid-sync: it stores chunks first, deletes stale ones next
    and registers last."""
    return dict(stored) == {b: frozenset({h}) for b, h in registered.items()}
