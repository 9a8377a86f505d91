"""Embedding many nodes at the model's own speed.

Texts are embedded longest first, so every model batch pads to similar lengths (the raw
sentence-transformers encode sorts the same way), and written to chroma in large groups rather
than one write per model batch; each group still lands on its own, so a killed run keeps what
it finished."""
from __future__ import annotations

from typing import Callable

from llama_index.core.schema import MetadataMode, TextNode

from .embed import embed_model
from .settings import Settings

Progress = Callable[[str, float], None]


def embed_and_store(nodes: list[TextNode], store, settings: Settings, progress: Progress) -> int:
    """Embed `nodes` and add them to the llama-index vector `store`; returns how many were added."""
    texts = {n.node_id: n.get_content(metadata_mode=MetadataMode.EMBED) for n in nodes}
    ordered = sorted(nodes, key=lambda n: len(texts[n.node_id]), reverse=True)
    model = embed_model(settings.embedding)
    group = max(1, settings.index.write_batch)
    done = 0
    for start in range(0, len(ordered), group):
        chunk = ordered[start:start + group]
        for node, vector in zip(chunk, model.get_text_embedding_batch([texts[n.node_id] for n in chunk])):
            node.embedding = vector
        store.add(chunk)
        done += len(chunk)
        progress(f"embedded {done}/{len(ordered)} chunks", done / len(ordered))
    return done
