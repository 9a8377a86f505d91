"""Embedding many nodes at the model's own speed.

Texts are embedded longest first, so every model batch pads to similar lengths (the raw
sentence-transformers encode sorts the same way). Writing is the caller's: Index.sync stores
whole briefs in large groups rather than one write per model batch."""
from __future__ import annotations

from typing import Callable

from llama_index.core.schema import MetadataMode, TextNode

from .embed import embed_model
from .settings import Settings


def embed_nodes(nodes: list[TextNode], settings: Settings, done: Callable[[int], None]) -> None:
    """Set the embedding of each node, longest text first, one model batch at a time;
    `done(n)` after each batch of n nodes (progress)."""
    texts = {n.node_id: n.get_content(metadata_mode=MetadataMode.EMBED) for n in nodes}
    ordered = sorted(nodes, key=lambda n: len(texts[n.node_id]), reverse=True)
    model = embed_model(settings.embedding)
    batch = max(1, settings.embedding.batch_size)
    for start in range(0, len(ordered), batch):
        chunk = ordered[start:start + batch]
        for node, vector in zip(chunk, model.get_text_embedding_batch([texts[n.node_id] for n in chunk])):
            node.embedding = vector
        done(len(chunk))
