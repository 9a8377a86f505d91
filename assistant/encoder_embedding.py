"""A llama-index embedding over any batch encoder we own (ONNX graph, quantised torch model).

llama-index's HuggingFaceEmbedding builds its SentenceTransformer privately; a model we change
(int8) must be one we hold, so the wrappers share this small base instead."""
from __future__ import annotations

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding


class EncoderEmbedding(BaseEmbedding):
    """Subclasses give `encode(texts) -> unit vectors`; queries embed like texts (no query prompt
    for these models, as on the default torch path)."""

    def encode(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self.encode(texts).tolist() if texts else []

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embeddings([text])[0]

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._get_text_embedding(query)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    async def _aget_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embedding(text)
