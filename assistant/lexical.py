"""The lexical side of retrieval, built once per store state and kept on disk.

BM25 (bm25s), the document frequencies of stemmed terms and the metadata columns that filters
test are rebuilt only when the store's content changes: they are saved under a key derived from
the store's node ids (content hashes) and the code that shapes them, and loaded on restart. A
rebuild re-tokenises only the chunks of new or changed briefs (lexical_parts.py). The chunk texts
stay on disk (bm25s's memory-mapped corpus) and become nodes only when read."""
from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import pickle
import shutil
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from llama_index.core.schema import BaseNode
from llama_index.core.vector_stores.utils import metadata_dict_to_node

from .lexical_parts import Merged, Parts, merge
from .query import Filters
from .startup import code_key

log = logging.getLogger(__name__)

_STATE = "state.pkl"
_PARTS = "parts"


class NodeTable(Sequence):
    """Nodes read on demand from the BM25 corpus (dicts in llama-index's metadata format)."""

    def __init__(self, corpus, ids: list[str]):
        self._corpus, self._ids = corpus, ids
        self._index = {i: k for k, i in enumerate(ids)}

    def __len__(self) -> int:
        return len(self._ids)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        return metadata_dict_to_node(self._corpus[int(k)])

    def position(self, node_id: str) -> int | None:
        return self._index.get(node_id)


class NodesById(Mapping):
    """node id → node, without building every node."""

    def __init__(self, table: NodeTable):
        self._table = table

    def __getitem__(self, node_id: str) -> BaseNode:
        k = self._table.position(node_id)
        if k is None:
            raise KeyError(node_id)
        return self._table[k]

    def __iter__(self):
        return iter(self._table._ids)

    def __len__(self) -> int:
        return len(self._table)


@dataclass
class FilterColumns:
    """Per-node metadata as arrays: a filter becomes a few vectorised comparisons, not a loop."""

    year: np.ndarray
    date_int: np.ndarray
    kind: np.ndarray
    brief_month: np.ndarray
    item_id: np.ndarray
    lead: np.ndarray  # first chunk of an item's main text: what an overview quotes
    number: np.ndarray

    @classmethod
    def of(cls, metas: list[dict]) -> "FilterColumns":
        def col(key, dtype=object, default=""):
            return np.array([m.get(key) or default for m in metas], dtype=dtype)

        lead = np.array([m.get("section") in ("glance", "news") and not m.get("part") for m in metas], dtype=bool)
        return cls(year=col("year", np.int64, 0), date_int=col("date_int", np.int64, 0), kind=col("kind"),
                   brief_month=col("brief_month"), item_id=col("item_id"), lead=lead, number=col("number", np.int64, 0))

    def mask(self, f: Filters) -> np.ndarray:
        """The same test as Filters.matches, for every node at once."""
        m = np.ones(len(self.year), dtype=bool)
        if f.years:
            m &= np.isin(self.year, list(f.years))
        if f.brief_months:
            months = [int(b.replace("-", "")) for b in f.brief_months]
            m &= np.isin(self.brief_month, list(f.brief_months)) | np.isin(self.date_int // 100, months)
        if f.date_from:
            m &= self.date_int >= f.date_from
        if f.date_to:
            m &= self.date_int <= f.date_to
        if f.kinds:
            m &= np.isin(self.kind, list(f.kinds))
        if f.item_ids:
            m &= np.isin(self.item_id, list(f.item_ids))
        if f.exclude_ids:
            m &= ~np.isin(self.item_id, list(f.exclude_ids))
        if f.ranges:
            d = self.date_int
            inside = np.zeros(len(d), dtype=bool)
            for lo, hi in f.ranges:
                inside |= (d >= lo if lo else True) & (d <= hi if hi else True)
            m &= inside & (d != 0)
        return m


_KNOWN_FILTERS = {"years", "brief_months", "date_from", "date_to", "kinds", "item_ids", "exclude_ids", "ranges"}


def vectorised(f: Filters) -> bool:
    """FilterColumns.mask knows every field of Filters (else callers test nodes one by one)."""
    return {x.name for x in dataclasses.fields(f)} <= _KNOWN_FILTERS


@dataclass
class Lexical:
    """What BM25 retrieval and term weighting need, for one state of the store."""

    bm25: object | None  # bm25s.BM25 with its corpus attached, or None for an empty store
    df: Counter
    columns: FilterColumns
    nodes: NodeTable
    # brief id -> content hashes of its chunks: two while another process replaces the brief
    briefs: dict[str, frozenset[str]]

    @classmethod
    def build(cls, merged: Merged, folder: Path) -> "Lexical":
        """Index the merged parts and save the result in `folder` (replaced atomically)."""
        import bm25s

        tmp = folder.with_name(folder.name + f".tmp{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if merged.ids:
            # What llama-index's BM25Retriever(nodes=...) builds, from tokens already made.
            bm25 = bm25s.BM25()
            tokens, merged.tokens = merged.tokens, []  # consumed: BM25 keeps its own matrix, these are large
            bm25.index((tokens, dict(merged.vocab)), show_progress=False)
            del tokens
            bm25.save(str(tmp), corpus=merged.corpus, show_progress=False)
        with open(tmp / _STATE, "wb") as fh:
            pickle.dump({"df": merged.df, "ids": merged.ids, "columns": FilterColumns.of(merged.corpus),
                         "briefs": _brief_versions(merged.corpus)}, fh, protocol=pickle.HIGHEST_PROTOCOL)
        shutil.rmtree(folder, ignore_errors=True)
        try:
            os.replace(tmp, folder)
        except OSError:  # another process saved the same state first: same content, use theirs
            shutil.rmtree(tmp, ignore_errors=True)
        return cls.load(folder)

    @classmethod
    def load(cls, folder: Path) -> "Lexical":
        import bm25s

        with open(folder / _STATE, "rb") as fh:
            state = pickle.load(fh)
        bm25 = None
        corpus: list = []
        if state["ids"]:
            bm25 = bm25s.BM25.load(str(folder), load_corpus=True, mmap=True)
            corpus = bm25.corpus
        return cls(bm25=bm25, df=state["df"], columns=state["columns"], nodes=NodeTable(corpus, state["ids"]),
                   briefs=state["briefs"])


def _brief_versions(corpus: list[dict]) -> dict[str, frozenset[str]]:
    versions: dict[str, set[str]] = {}
    for m in corpus:
        versions.setdefault(str(m.get("brief_id", "")), set()).add(str(m.get("brief_hash", "")))
    return {b: frozenset(h) for b, h in versions.items()}


def lexical_for(index, cache_dir: Path) -> Lexical:
    """The saved lexical state of the store's current content, built (and saved) if missing.
    A build re-tokenises only the chunks no saved part holds (a new or changed brief)."""
    from .paging import stored_ids

    ids = stored_ids(index.collection, index.settings.index.page_size)
    # lexicon.py holds the stopwords and spellings text.py makes terms with
    code = code_key("text.py", "lexicon.py", "chunk.py", "lexical.py", "lexical_parts.py")
    folder = cache_dir / _key(ids, code)
    if (folder / _STATE).exists():
        try:
            return Lexical.load(folder)
        except Exception as e:  # a damaged cache is rebuilt, never fatal
            log.warning("lexical cache %s unreadable (%s); rebuilding", folder, e)
    for old in cache_dir.glob("*") if cache_dir.exists() else []:
        # states of earlier store contents (the parts stay: they are what makes the rebuild cheap)
        if old != folder and ".tmp" not in old.name and old.name != _PARTS:
            shutil.rmtree(old, ignore_errors=True)
    parts = Parts(cache_dir / _PARTS / code)
    parts.prune_other_versions()
    reused, missing = parts.covering(set(ids))
    made = [part for nodes in _pages_of(index, missing) for part in parts.make(nodes)]
    merged = merge([*reused, *made])
    if len(merged.ids) != len(ids):  # chunks deleted while we read (another process's sync): key what we hold
        folder = cache_dir / _key(merged.ids, code)
    return Lexical.build(merged, folder)


def _pages_of(index, missing: set[str]) -> Iterator[list[BaseNode]]:
    """The missing nodes, a page at a time (never all of them in memory). When most of the store
    is missing, it is read in stored order, where a brief's chunks sit together: a brief split
    by a page boundary just makes two parts."""
    from .paging import nodes_by_id, nodes_in, pages

    page_size = index.settings.index.page_size
    if len(missing) <= page_size:
        yield nodes_by_id(index.collection, sorted(missing), page_size)
        return
    for got in pages(index.collection, page_size, ["metadatas", "documents"]):
        nodes = [n for n in nodes_in(got) if n.node_id in missing]
        missing = missing - {n.node_id for n in nodes}  # a record seen twice (store changing) counts once
        yield nodes


def _key(ids: list[str], code: str) -> str:
    from .paging import digest

    return hashlib.sha256(f"{digest(ids)}:{code}".encode()).hexdigest()[:24]
