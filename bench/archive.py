"""`python -m bench.archive --sizes 10 100`: index, restart and answer over synthetic archives.

For each size it builds a fictional archive in a temp folder (bench/synth.py) and prints:
index wall time (`python -m assistant index` in a fresh process, model load included), the raw
sentence-transformers encode time of the same chunk texts in the same run and their ratio,
restart to first answer, warm p50/p95 over QUESTIONS, peak RSS of the index and the serving
process, and the store's size on disk; then a PNG of time and memory against size.
Every measurement runs in its own process, so peak RSS is that phase's own."""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import get_args

from assistant.settings import EmbeddingSettings

from .synth import make_archive

QUESTIONS = (
    "What are China's lithium battery measures?",
    "Compare China's 2021 and 2022 battery policy",
    "What did the CAC release?",
    "Who issued the notice on the lithium-ion battery industry?",
    "What did MERICS say about the 5G rollout?",
    "Which chip companies raised money?",
    "What are the hydrogen targets?",
    "Summarise the latest brief",
    "What did MIIT issue about industrial internet?",
    "What does the briefs say about football?",
)
ROUNDS = 3  # timed passes over QUESTIONS, after one untimed warm-up pass


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_s() -> float:
    """CPU seconds of this process, all threads: unlike wall time, barely moved by other jobs on the machine."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _phase_encode(corpus: Path, data: Path) -> dict:
    """Raw encode of exactly the texts the index embeds (batch as configured): sentence-transformers,
    or for an ONNX embedding.backend the ONNX session's own batched encode."""
    from llama_index.core.schema import MetadataMode
    from sentence_transformers import SentenceTransformer

    from assistant.embed import model_path, quantize_int8
    from assistant.index import Index
    from assistant.parse import load_corpus
    from assistant.settings import Settings

    s = Settings(corpus_dir=corpus, data_dir=data)
    briefs, _ = load_corpus(corpus)
    index = Index(s)
    texts = [n.get_content(metadata_mode=MetadataMode.EMBED) for b in briefs for n in index.nodes_for(b)]
    if s.embedding.backend != "torch":
        from assistant.embed import embed_model

        encode = embed_model(s.embedding).encode
    else:
        model = SentenceTransformer(model_path(s.embedding), device="cpu")
        if s.embedding.int8:
            quantize_int8(model)
        encode = lambda t: model.encode(t, batch_size=s.embedding.batch_size, normalize_embeddings=True)  # noqa: E731
    t, cpu = time.perf_counter(), _cpu_s()
    encode(texts)
    return {"chunks": len(texts), "encode_s": time.perf_counter() - t, "encode_cpu_s": _cpu_s() - cpu, "rss_mb": _peak_rss_mb()}


def _phase_serve(corpus: Path, data: Path, spawned: float) -> dict:
    from assistant import Assistant, Settings

    a = Assistant(Settings(corpus_dir=corpus, data_dir=data))
    first = a.ask(QUESTIONS[0])
    restart = time.time() - spawned
    for q in QUESTIONS:  # warm-up: each question's candidate sentences get embedded once per process
        a.ask(q)
    times = []
    for _ in range(ROUNDS):
        for q in QUESTIONS:
            t = time.perf_counter()
            a.ask(q)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {"restart_s": restart, "first_answerable": first.answerable, "chunks": a.store.count(), "p50_ms": statistics.median(times),
            "p95_ms": times[int(0.95 * (len(times) - 1))], "rss_mb": _peak_rss_mb()}


def _phase_index(corpus: Path, data: Path) -> dict:
    from assistant.cli import main

    code = main(["--corpus-dir", str(corpus), "--data-dir", str(data), "index"])
    return {"exit": code, "rss_mb": _peak_rss_mb(), "cpu_s": _cpu_s()}


def _run_phase(name: str, corpus: Path, data: Path, env: dict) -> tuple[dict, float]:
    """One phase in a fresh interpreter; returns its JSON result and wall seconds."""
    t = time.time()
    cmd = [sys.executable, "-m", "bench.archive", "--phase", name, "--corpus", str(corpus), "--data", str(data),
           "--spawned", repr(t)]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.time() - t
    if out.returncode:
        raise RuntimeError(f"phase {name} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1]), wall


def _du_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


PHASES = ("index", "encode", "serve")


def measure(size: int, work: Path, env: dict, phases: tuple[str, ...] = PHASES) -> dict:
    """The figures of the phases asked for; without "index" the store already built in `work`
    is reused (e.g. to re-measure restart and latency after a start-up change without re-embedding)."""
    corpus, data = work / f"corpus-{size}", work / f"data-{size}"
    row: dict = {"briefs": size}
    if "index" in phases:
        shutil.rmtree(data, ignore_errors=True)
        make_archive(size, corpus)
        idx, row["index_s"] = _run_phase("index", corpus, data, env)
        row.update(index_cpu_s=idx["cpu_s"], index_rss_mb=idx["rss_mb"])
    elif not data.is_dir():
        raise SystemExit(f"no store to reuse at {data}: run with the index phase first (and --work {work})")
    if "encode" in phases:
        enc, _ = _run_phase("encode", corpus, data, env)
        row.update(chunks=enc["chunks"], encode_s=enc["encode_s"], encode_cpu_s=enc["encode_cpu_s"])
        if "index" in phases:
            row.update(ratio=enc["encode_s"] / row["index_s"], cpu_ratio=enc["encode_cpu_s"] / row["index_cpu_s"])
    if "serve" in phases:
        srv, _ = _run_phase("serve", corpus, data, env)
        row.update(restart_s=srv["restart_s"], p50_ms=srv["p50_ms"], p95_ms=srv["p95_ms"], serve_rss_mb=srv["rss_mb"],
                   chunks=row.get("chunks", srv["chunks"]))
    row["store_mb"] = _du_mb(data)
    return row


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["briefs"] for r in rows]
    fig, (t_ax, m_ax) = plt.subplots(1, 2, figsize=(11, 4))
    for key, label in (("index_s", "index (wall)"), ("encode_s", "raw encode"), ("restart_s", "restart to first answer")):
        t_ax.plot(sizes, [r.get(key, float("nan")) for r in rows], marker="o", label=label)
    t_ax.set(xscale="log", yscale="log", xlabel="briefs", ylabel="seconds", title="time")
    t_ax.legend()
    for key, label in (("index_rss_mb", "peak RSS indexing"), ("serve_rss_mb", "peak RSS serving"), ("store_mb", "store on disk")):
        m_ax.plot(sizes, [r.get(key, float("nan")) for r in rows], marker="o", label=label)
    m_ax.set(xscale="log", xlabel="briefs", ylabel="MB", title="memory and disk")
    m_ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)


COLUMNS = (("briefs", "{:d}"), ("chunks", "{:d}"), ("index_s", "{:.1f}"), ("encode_s", "{:.1f}"), ("ratio", "{:.2f}"), ("index_cpu_s", "{:.0f}"),
           ("encode_cpu_s", "{:.0f}"), ("cpu_ratio", "{:.2f}"),
           ("restart_s", "{:.1f}"), ("p50_ms", "{:.0f}"), ("p95_ms", "{:.0f}"), ("index_rss_mb", "{:.0f}"),
           ("serve_rss_mb", "{:.0f}"), ("store_mb", "{:.0f}"))


def table(rows: list[dict]) -> str:
    lines = ["| " + " | ".join(c for c, _ in COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(f.format(r[c]) if c in r else "–" for c, f in COLUMNS) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.archive", description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[10, 100], help="archive sizes in briefs")
    p.add_argument("--out", type=Path, default=Path("bench/out"), help="where the JSON and PNG go")
    p.add_argument("--keep", action="store_true", help="keep the temp archives and stores")
    p.add_argument("--int8", action="store_true", help="index and encode with embedding.int8 on")
    p.add_argument("--backend", choices=get_args(EmbeddingSettings.model_fields["backend"].annotation),
                   help="index and encode with this embedding.backend")
    p.add_argument("--phases", nargs="+", choices=PHASES, default=list(PHASES),
                   help="phases to run; leave out encode to skip the raw encode, index to reuse the store in --work")
    p.add_argument("--work", type=Path, help="folder for the archives and stores (kept); default a temp folder")
    p.add_argument("--phase", choices=["index", "encode", "serve"], help=argparse.SUPPRESS)
    p.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--spawned", type=float, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.phase:
        phase = {"index": lambda: _phase_index(args.corpus, args.data),
                 "encode": lambda: _phase_encode(args.corpus, args.data),
                 "serve": lambda: _phase_serve(args.corpus, args.data, args.spawned)}[args.phase]
        result = phase()
        print(json.dumps(result))
        return 0
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).resolve().parent.parent),
                                                                    os.environ.get("PYTHONPATH")]))}
    if args.int8:
        env["BRIEFS_EMBEDDING__INT8"] = "true"
    if args.backend:
        env["BRIEFS_EMBEDDING__BACKEND"] = args.backend
    work = args.work or Path(tempfile.mkdtemp(prefix="briefs-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for size in args.sizes:
            rows.append(measure(size, work, env, tuple(args.phases)))
            print(table(rows[-1:]).splitlines()[-1], flush=True)
    finally:
        if not (args.keep or args.work):
            shutil.rmtree(work, ignore_errors=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "archive.json").write_text(json.dumps(rows, indent=2))
    plot(rows, args.out / "archive.png")
    print(table(rows))
    print(f"plot: {args.out / 'archive.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
