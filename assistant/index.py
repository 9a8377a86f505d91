"""The persistent chroma store behind llama-index's ChromaVectorStore, kept in sync with the corpus.

Sync works per node id (content hashes): a node already in the store is never re-embedded,
so a second start, or a start after an indexing run was killed half-way, only embeds what is
missing, and chunks of removed or edited briefs are deleted."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Callable

from llama_index.core.schema import TextNode

from .chunk import brief_nodes
from .embed import count_tokens
from .embedding import embed_and_store
from .models import Brief
from .paging import all_nodes as paged_nodes, pages
from .settings import Settings, force_offline

force_offline()
log = logging.getLogger(__name__)

Progress = Callable[[str, float], None]


@dataclass
class SyncReport:
    embedded: int = 0  # nodes embedded and added now
    deleted: int = 0  # stale nodes removed
    kept: int = 0  # nodes already present
    briefs: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (f"{len(self.briefs)} briefs: {self.embedded} chunks embedded, {self.kept} already indexed, "
                f"{self.deleted} stale removed")


class Index:
    """Chroma collection (embedded persistent, or a `chroma run` server) + llama-index store."""

    def __init__(self, settings: Settings):
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from llama_index.vector_stores.chroma import ChromaVectorStore

        self.settings = settings
        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        if settings.index.chroma_host:
            self.client = chromadb.HttpClient(host=settings.index.chroma_host, port=settings.index.chroma_port,
                                              settings=chroma_settings)
        else:
            path = settings.data_dir / "chroma"
            path.mkdir(parents=True, exist_ok=True)
            self.client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
        # Cosine space: MiniLM embeddings are compared by angle; chroma's default is L2.
        self.collection = self.client.get_or_create_collection(settings.index.collection,
                                                               metadata={"hnsw:space": "cosine"})
        self.store = ChromaVectorStore(chroma_collection=self.collection)
        self._count_tokens = count_tokens(settings.embedding)

    def stored_ids(self) -> dict[str, str]:
        """node id → brief id of everything in the store."""
        return {i: (m or {}).get("brief_id", "")
                for got in pages(self.collection, self.settings.index.page_size, ["metadatas"])
                for i, m in zip(got["ids"], got["metadatas"])}

    def nodes_for(self, brief: Brief) -> list[TextNode]:
        e = self.settings.embedding
        return brief_nodes(brief, self._count_tokens, e.max_tokens, self.settings.index.chunk_tokens)

    def sync(self, briefs: list[Brief], progress: Progress | None = None, prune: bool = True) -> SyncReport:
        """Make the store hold exactly the chunks of `briefs` (others are pruned if `prune`)."""
        progress = progress or (lambda msg, frac: None)
        report = SyncReport(briefs=[b.brief_id for b in briefs])
        stored = self.stored_ids()
        wanted: dict[str, TextNode] = {}
        for brief in briefs:
            for node in self.nodes_for(brief):
                wanted[node.node_id] = node
        names = {b.brief_id for b in briefs}
        stale = [i for i, bid in stored.items() if i not in wanted and (prune or bid in names)]
        if stale:
            self.collection.delete(ids=stale)
            report.deleted = len(stale)
        missing = [n for i, n in wanted.items() if i not in stored]
        report.kept = len(wanted) - len(missing)
        if not missing:
            progress(f"index up to date ({report.kept} chunks)", 1.0)
            return report
        report.embedded = embed_and_store(missing, self.store, self.settings, progress)
        return report

    def all_nodes(self) -> list[TextNode]:
        return paged_nodes(self.collection, self.settings.index.page_size)

    def count(self) -> int:
        return self.collection.count()
