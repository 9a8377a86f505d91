"""What a start would otherwise rebuild from every brief, kept in data_dir/startup.

Parsed briefs are cached by file name + content hash, so a start re-parses only files that
changed; a manifest of the briefs last synced with the store lets a start skip the sync (no
listing of stored ids, no chunking, no tokenising) when nothing changed, and sync only the
changed briefs otherwise; the corpus views (CorpusInfo) are cached by the set of briefs."""
from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
from pathlib import Path
from typing import Callable, Collection

from .models import Brief
from .parse import read_brief

log = logging.getLogger(__name__)

Progress = Callable[[str, float], None]


def code_key(*modules: str) -> str:
    """Digest of our own modules' source: a cache built by other code is stale."""
    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for name in modules:
        h.update((here / name).read_bytes())
    return h.hexdigest()[:16]


def _brief_key(b: Brief) -> str:
    return f"{b.brief_id}:{b.content_hash}"


class StartupCache:
    """Pickled start-up state of one data_dir; any unreadable part is rebuilt, never fatal."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._parse_code = code_key("parse.py", "formats.py", "models.py", "dates.py", "markup.py", "errors.py")
        self._parsed: dict[str, Brief] = self._load("briefs.pkl", self._parse_code) or {}
        self._used: set[str] = set()
        self._dirty = False

    # --- files -------------------------------------------------------------------------
    def _load(self, name: str, key: str):
        path = self.folder / name
        try:
            with open(path, "rb") as fh:
                saved_key, value = pickle.load(fh)
            return value if saved_key == key else None
        except FileNotFoundError:
            return None
        except Exception as e:
            log.warning("start-up cache %s unreadable (%s); rebuilding it", path, e)
            return None

    def _save(self, name: str, key: str, value) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{name}.{os.getpid()}"
        with open(tmp, "wb") as fh:
            pickle.dump((key, value), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.folder / name)

    # --- parsed briefs -----------------------------------------------------------------
    def read_brief(self, path: Path, max_bytes: int = 2_000_000) -> Brief:
        """read_brief, answered from the cache when the file's bytes are unchanged."""
        data = Path(path).read_bytes()
        key = f"{Path(path).name}:{hashlib.sha256(data).hexdigest()}"
        cached = self._parsed.get(key)
        if cached is None or len(data) > max_bytes:
            cached = read_brief(path, max_bytes)  # errors propagate and are never cached
            self._parsed[key] = cached
            self._dirty = True
        self._used.add(key)
        cached.source = str(path)
        return cached

    def save_briefs(self) -> None:
        """Persist parsed briefs (only those seen by the last load) if anything was parsed."""
        stale = set(self._parsed) - self._used
        if self._dirty or stale:
            for k in stale:
                del self._parsed[k]
            self._save("briefs.pkl", self._parse_code, self._parsed)
            self._dirty = False

    # --- sync with the store -----------------------------------------------------------
    @staticmethod
    def _store_key(settings) -> str:
        """What must be equal for a manifest to describe this store: where it is and how chunks are cut."""
        where = {"index": settings.index.model_dump(exclude={"page_size", "max_brief_bytes"}),
                 "embedding": settings.embedding.model_dump(exclude={"batch_size"}),
                 "data_dir": str(settings.data_dir), "code": code_key("chunk.py")}
        return hashlib.sha256(json.dumps(where, sort_keys=True).encode()).hexdigest()[:16]

    def record_sync(self, settings, briefs: list[Brief], count: int, held: Collection[str] = ()) -> None:
        """Remember that the store holds exactly the chunks of `briefs` (`count` of them), plus
        what it kept of the `held` brief ids (files that failed to parse: synced again once they do)."""
        manifest = {"briefs": {**{b: "" for b in held}, **{b.brief_id: b.content_hash for b in briefs}},
                    "count": count}
        self._save("sync.pkl", self._store_key(settings), manifest)

    def sync(self, store, briefs: list[Brief], progress: Progress | None = None, keep: Collection[str] = ()):
        """store.sync(briefs, keep=keep), doing only what changed since the recorded sync."""
        from .index import SyncReport

        progress = progress or (lambda msg, frac: None)
        manifest = self._load("sync.pkl", self._store_key(store.settings))
        count = store.count()
        if manifest is None or manifest["count"] != count or not store.model_matches():
            # first start, the store changed underneath, or its vectors are another model's
            report = store.sync(briefs, progress, keep=keep)
        else:
            known = manifest["briefs"]
            given = {b.brief_id for b in briefs}
            changed = [b for b in briefs if known.get(b.brief_id) != b.content_hash]
            removed = sorted(set(known) - given - set(keep))
            report = store.sync(changed, progress, prune=False) if changed else SyncReport()
            report.held = sorted(b for b in known if b in keep and b not in given)
            for brief_id in removed:
                report.deleted += store.remove(brief_id)
            if not changed:
                progress(f"index up to date ({count} chunks)", 1.0)
        report.briefs = [b.brief_id for b in briefs]
        total = store.count()
        report.kept = total - report.embedded
        self.record_sync(store.settings, briefs, total, report.held)
        return report

    # --- corpus views ------------------------------------------------------------------
    def corpus_info(self, briefs: list[Brief], build: Callable[[], object]):
        """build() once per set of briefs (and version of our code: the views are made by many modules)."""
        key = hashlib.sha256("\n".join(sorted(map(_brief_key, briefs))).encode()).hexdigest()[:16]
        key += code_key(*sorted(p.name for p in Path(__file__).resolve().parent.glob("*.py")), "data/agencies.json", "data/companies.json")
        info = self._load("info.pkl", key)
        if info is None:
            info = build()
            try:
                self._save("info.pkl", key, info)
            except Exception as e:  # a cache, never fatal
                log.warning("start-up cache: corpus views not saved (%s)", e)
        return info
