"""Hybrid retrieval: chroma (dense) + BM25 over the same stored nodes, fused by reciprocal rank
through llama-index's QueryFusionRetriever, then nudged by exact-term and issuer matches."""
from __future__ import annotations

import copy
import math
import threading
from collections import Counter

import numpy as np

from llama_index.core import VectorStoreIndex
from llama_index.core.llms import MockLLM
from llama_index.core.retrievers import BaseRetriever, QueryFusionRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode
from llama_index.retrievers.bm25 import BM25Retriever

from .embed import embed_model
from .index import Index
from .lexical import Lexical, NodesById, lexical_for, vectorised
from .models import Hit
from .query import Filters, QueryPlan
from .settings import Settings
from .text import TOKEN_PATTERN, content_terms


class _Tap(BaseRetriever):
    """Passes results through, remembering each node's raw score before fusion rescales it."""

    def __init__(self, inner: BaseRetriever, sink: dict[str, float], transform=lambda s: s):
        super().__init__()
        self.inner, self.sink, self.transform = inner, sink, transform

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        results = [r for r in self.inner.retrieve(query_bundle) if (r.score or 0) > 0]
        for r in results:
            self.sink[r.node.node_id] = self.transform(r.score or 0.0)
        return results


class Retriever:
    """Built once per Assistant (BM25 index from chroma's nodes), queried many times."""

    def __init__(self, index: Index, settings: Settings):
        self.index, self.settings = index, settings
        self._query_vectors: dict[str, list[float]] = {}
        self._cache_lock = threading.Lock()
        self.embed = embed_model(settings.embedding)
        self.vector_index = VectorStoreIndex.from_vector_store(index.store, embed_model=self.embed)
        self.refresh()

    def load_lexical(self) -> Lexical:
        """The lexical side for the store's current content (rebuilt only if it changed), not yet in use."""
        return lexical_for(self.index, self.settings.data_dir / "lexical")

    def refresh(self, lexical: Lexical | None = None) -> None:
        """Use `lexical` (default: load it for the store's current content); not per query."""
        self.lexical = lexical or self.load_lexical()
        self.nodes = self.lexical.nodes
        self.by_id = NodesById(self.nodes)
        self.bm25 = None
        if len(self.nodes):
            self.bm25 = BM25Retriever(existing_bm25=self.lexical.bm25, token_pattern=TOKEN_PATTERN,
                                      similarity_top_k=min(self.settings.retrieval.bm25_k, len(self.nodes)))
        # Document frequencies of stemmed terms, for "is this exact term rare and present?"
        self.df: Counter[str] = self.lexical.df

    def retrieve(self, plan: QueryPlan, filters: Filters | None = None, topic: str | None = None) -> list[Hit]:
        """Ranked chunk hits for a plan (optionally overriding its filters/topic)."""
        r = self.settings.retrieval
        filters = plan.filters if filters is None else filters
        if not r.use_filters:
            filters = Filters(kinds=filters.kinds, item_ids=filters.item_ids)  # explicit choices still apply
        query = topic or " ".join([plan.topic, *plan.search_also])
        dense_raw: dict[str, float] = {}
        lexical_raw: dict[str, float] = {}
        retrievers: list[BaseRetriever] = []
        if r.mode in ("hybrid", "dense"):
            dense = self.vector_index.as_retriever(similarity_top_k=r.dense_k, filters=filters.to_metadata_filters())
            # chroma reports exp(-cosine distance); turn it back into a cosine similarity.
            retrievers.append(_Tap(dense, dense_raw, lambda s: 1.0 + math.log(max(s, 1e-9))))
        if r.mode in ("hybrid", "bm25") and self.bm25 is not None:
            retrievers.append(_Tap(self._bm25_for(filters), lexical_raw))
        if not retrievers or not self.nodes:
            return []
        fusion = QueryFusionRetriever(retrievers, llm=MockLLM(), mode="reciprocal_rerank", num_queries=1,
                                      use_async=False, similarity_top_k=r.dense_k + r.bm25_k)
        # word search also looks for the briefs' other forms of the question's words; meaning is
        # searched as asked
        words = query if topic else " ".join([query, *plan.lexical_also])
        bundle = QueryBundle(words, embedding=self.query_vector(query) if r.mode != "bm25" else None)
        fused = fusion.retrieve(bundle)
        key_terms = self.key_terms(query)
        hits = []
        for nws in fused:
            node = nws.node
            meta = dict(node.metadata)
            if not filters.matches(meta):  # belt and braces: the store and BM25 already filtered
                continue
            score = nws.score or 0.0
            # Exact rare terms (names, figures, Chinese characters) must win over paraphrase.
            cover = self.coverage(key_terms, _embed_text(node))
            score *= math.exp(r.coverage_weight * cover)
            if plan.issuers and _mentions_issuer(meta, node.get_content(), plan.issuers):
                score *= 1.0 + r.issuer_boost
            hits.append(Hit(node_id=node.node_id, item_id=meta["item_id"], text=node.get_content(),
                            section=meta.get("section", ""), metadata=meta, score=score,
                            dense=dense_raw.get(node.node_id, 0.0), lexical=lexical_raw.get(node.node_id, 0.0)))
        hits.sort(key=lambda h: h.score, reverse=True)
        for i, h in enumerate(hits, 1):
            h.rank = i
        return hits

    def item_leads(self, filters: Filters) -> list[Hit]:
        """The first chunk of every item the filters allow (Top-5 items unless the filters ask for
        news), newest brief first and in the brief's own order: what an overview of a brief quotes,
        independent of any query."""
        kinds = filters.kinds or {"top5"}
        c = self.lexical.columns
        chosen = c.lead & np.isin(c.kind, list(kinds)) & self._mask(filters)
        order = {"top5": 0, "policy_news": 1, "corporate_news": 2}
        positions = sorted(np.flatnonzero(chosen), key=lambda k: (c.brief_month[k], -order.get(c.kind[k], 3), -int(c.number[k])),
                           reverse=True)
        leads = [self.nodes[k] for k in positions]
        hits = [Hit(node_id=n.node_id, item_id=n.metadata["item_id"], text=n.get_content(), section=n.metadata["section"],
                    metadata=dict(n.metadata), score=1.0) for n in leads]
        for i, h in enumerate(hits, 1):
            h.rank = i
        return hits

    def query_vector(self, text: str) -> list[float]:
        """The question's embedding, computed once: a comparison retrieves per period and the
        answerer ranks sentences with the same vector."""
        cache = self._query_vectors
        vector = cache.get(text)
        if vector is None:
            # Embedded outside any lock (asks run in parallel); two threads asking the same new
            # question may both embed it, which is harmless. Only the eviction is guarded.
            vector = self.embed.get_query_embedding(text)
            with self._cache_lock:
                if len(cache) >= 64:  # a few recent questions are all that repeat
                    cache.pop(next(iter(cache)), None)
                cache[text] = vector
        return vector

    def _bm25_for(self, filters: Filters) -> BM25Retriever:
        if filters.is_empty():
            return self.bm25
        # Same BM25 index, masked: bm25s scores only the nodes the filters let through.
        masked = copy.copy(self.bm25)
        masked.corpus_weight_mask = self._mask(filters).astype(int).tolist()
        return masked

    def _mask(self, filters: Filters) -> np.ndarray:
        """Which nodes the filters let through, from precomputed metadata columns."""
        if vectorised(filters):
            return self.lexical.columns.mask(filters)
        return np.array([filters.matches(n.metadata) for n in self.nodes], dtype=bool)  # a filter the columns lack

    def key_terms(self, text: str) -> dict[str, float]:
        """Stemmed question terms weighted by rarity (idf); terms absent from the corpus weigh 0."""
        n = max(1, len(self.nodes))
        out: dict[str, float] = {}
        for t in content_terms(text):
            df = self.df.get(t, 0)
            out[t] = math.log(1 + n / df) if df else 0.0
        return out

    @staticmethod
    def coverage(key_terms: dict[str, float], text: str) -> float:
        """idf-weighted share of the key terms that occur in text (0..1)."""
        total = sum(key_terms.values())
        if not total:
            return 0.0
        present = set(content_terms(text))
        return sum(w for t, w in key_terms.items() if t in present) / total


def _embed_text(node: TextNode) -> str:
    from llama_index.core.schema import MetadataMode

    return node.get_content(metadata_mode=MetadataMode.EMBED)


def _mentions_issuer(meta: dict, text: str, issuers: tuple[str, ...]) -> bool:
    listed = {s.strip() for s in str(meta.get("issuers", "")).split(",")}
    return any(i in listed or f"({i})" in text or f" {i} " in f" {text} " for i in issuers)
