"""The torch embedding paths: fp32 (llama-index's HuggingFaceEmbedding) and int8 (our own wrapper)."""
from __future__ import annotations

import numpy as np

from assistant.embed import embed_model
from assistant.settings import EmbeddingSettings

TEXTS = ["MIIT pushes battery makers to double down on innovation.",
         "Draft regulations for cross-border data transfers expand government oversight.",
         "China eyes moving up the value chain in drug ingredients."]


def test_int8_vectors_are_unit_length_close_to_fp32_and_tell_texts_apart():
    fp32 = np.array(embed_model(EmbeddingSettings()).get_text_embedding_batch(TEXTS))
    int8_model = embed_model(EmbeddingSettings(int8=True))
    int8 = np.array(int8_model.get_text_embedding_batch(TEXTS))
    assert np.allclose(np.linalg.norm(int8, axis=1), 1.0, atol=1e-4)
    cos = (fp32 * int8).sum(axis=1)
    # quantised, so not identical (measured 0.95-0.96), yet far closer than any two different texts
    assert 0.9 <= cos.min() and cos.max() < 0.9999, cos
    assert (int8 @ int8.T)[np.triu_indices(3, 1)].max() < 0.6
    # a query embeds as the same text alone does (no query prompt for this model)
    assert np.allclose(int8_model.get_query_embedding(TEXTS[0]), int8_model.get_text_embedding(TEXTS[0]))
