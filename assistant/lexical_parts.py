"""Per-brief shares of the lexical state, kept on disk so a change re-tokenises only what changed.

bm25s cannot add or remove documents in an index (its idf and average length are global), so
adding a brief still rebuilds the BM25 matrix; what it no longer redoes is reading every chunk
from the store and tokenising it. Each part holds one brief's chunks as the lexical state needs
them (node dicts, bm25s token ids, content-term document frequencies) and is named by a digest
of its node ids: node ids are content hashes of everything stored, so equal names mean equal
content, and a part whose ids are not all in the store any more is simply not used."""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import shutil
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import numpy as np
from llama_index.core.schema import BaseNode, MetadataMode
from llama_index.core.vector_stores.utils import node_to_metadata_dict

from .text import TOKEN_PATTERN, content_terms

log = logging.getLogger(__name__)

STOPWORDS = "en"  # what llama-index's BM25Retriever passes to bm25s.tokenize


def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")  # llama-index's BM25Retriever default


@dataclass
class Part:
    """One brief's chunks, tokenised: what a rebuild of the lexical state reuses."""

    brief_id: str
    ids: list[str]  # node ids, sorted
    corpus: list[dict]  # node dicts as llama-index's BM25Retriever keeps them
    words: list[str]  # this part's bm25s vocabulary (stemmed), by token id
    # bm25s token ids of every chunk's embedded text, chunk k at tokens[offsets[k]:offsets[k + 1]]
    # (flat arrays: a few bytes a token, where lists of Python ints cost ~36)
    tokens: np.ndarray
    offsets: np.ndarray
    df: Counter  # stemmed content terms, counted once per chunk

    @classmethod
    def of(cls, brief_id: str, nodes: list[BaseNode]) -> "Part":
        import bm25s

        nodes = sorted(nodes, key=lambda n: n.node_id)
        texts = [n.get_content(metadata_mode=MetadataMode.EMBED) for n in nodes]
        tokenized = bm25s.tokenize(texts, stopwords=STOPWORDS, stemmer=_stemmer(), token_pattern=TOKEN_PATTERN,
                                   show_progress=False)
        words = [""] * len(tokenized.vocab)
        for word, k in tokenized.vocab.items():
            words[k] = word
        df: Counter[str] = Counter()
        for t in texts:
            df.update(set(content_terms(t)))
        lengths = [len(t) for t in tokenized.ids]
        return cls(brief_id=brief_id, ids=[n.node_id for n in nodes],
                   corpus=[node_to_metadata_dict(n) | {"node_id": n.node_id} for n in nodes], words=words,
                   tokens=np.fromiter(chain.from_iterable(tokenized.ids), dtype=np.int32, count=sum(lengths)),
                   offsets=np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64), df=df)

    @property
    def name(self) -> str:
        return hashlib.sha256("\n".join(self.ids).encode()).hexdigest()[:24]


class Parts:
    """The part files of one folder (one folder per version of the code that shapes them)."""

    def __init__(self, folder: Path):
        self.folder = folder

    def covering(self, ids: set[str]) -> tuple[list[Part], set[str]]:
        """Saved parts whose chunks are all in `ids` (disjoint), and the ids none of them covers.
        Parts not used are deleted: they describe chunks the store no longer holds."""
        chosen: list[Part] = []
        covered: set[str] = set()
        for path in sorted(self.folder.glob("*.pkl")) if self.folder.is_dir() else []:
            try:
                with open(path, "rb") as fh:
                    part = pickle.load(fh)
            except Exception as e:  # a damaged part is re-tokenised, never fatal
                log.warning("lexical part %s unreadable (%s); rebuilding it", path, e)
                part = None
            if isinstance(part, Part) and set(part.ids) <= ids and covered.isdisjoint(part.ids):
                chosen.append(part)
                covered.update(part.ids)
            else:
                path.unlink(missing_ok=True)
        return chosen, ids - covered

    def make(self, nodes: list[BaseNode]) -> list[Part]:
        """New parts for `nodes`, one per brief, saved."""
        by_brief: dict[str, list[BaseNode]] = defaultdict(list)
        for n in nodes:
            by_brief[str(n.metadata.get("brief_id", ""))].append(n)
        made = [Part.of(b, ns) for b, ns in by_brief.items()]
        self.folder.mkdir(parents=True, exist_ok=True)
        for part in made:
            tmp = self.folder / f"{part.name}.tmp{os.getpid()}"
            with open(tmp, "wb") as fh:
                pickle.dump(part, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.folder / f"{part.name}.pkl")
        return made

    def prune_other_versions(self) -> None:
        """Parts made by other versions of the code are never read again."""
        for old in self.folder.parent.glob("*") if self.folder.parent.is_dir() else []:
            if old != self.folder:
                shutil.rmtree(old, ignore_errors=True)


@dataclass
class Merged:
    """Every part in one canonical order (brief id, then node id): equal stores give equal states."""

    ids: list[str]
    corpus: list[dict]
    tokens: list[list[int]]
    vocab: dict[str, int]
    df: Counter


def merge(parts: list[Part]) -> Merged:
    """Concatenate parts, mapping each part's token ids onto one vocabulary (numpy, no re-tokenising)."""
    vocab: dict[str, int] = {}
    rows: list[tuple[str, str, dict, list[int]]] = []
    df: Counter[str] = Counter()
    for part in parts:
        remap = np.array([vocab.setdefault(w, len(vocab)) for w in part.words], dtype=np.int64)
        mapped, off = remap[part.tokens], part.offsets
        for k, (node_id, doc) in enumerate(zip(part.ids, part.corpus)):
            rows.append((part.brief_id, node_id, doc, mapped[off[k]:off[k + 1]].tolist()))
        df.update(part.df)
    rows.sort(key=lambda r: (r[0], r[1]))
    return Merged(ids=[r[1] for r in rows], corpus=[r[2] for r in rows], tokens=[r[3] for r in rows],
                  vocab=vocab, df=df)
