"""Load test of the web app: `python bench/load.py [--clients 20] [--questions 3]`.

Starts `python app.py --port 0` on its own copy of the corpus and a fresh data folder, waits
until the index is ready, then drives N concurrent gradio_client sessions (one Client each,
so one server-side session each) asking M questions in turn from a fixed list. Prints the
latency percentiles, errors and answers without a citation; exits 1 on any error or uncited
answer. A single-client run first gives the unloaded latency.

Targets (README): single client p50 <= 300 ms; 20 clients x 3 questions p95 <= 1.5 s,
0 errors, every answer cited. Figures depend on what else loads the CPU: say so with them.
"""
from __future__ import annotations

import argparse
import math
import os
import resource
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Answerable questions about different items, so sessions do not just hit one cached answer.
QUESTIONS = [
    "What are China's lithium battery measures?",
    "What did Tesla announce in Shanghai?",
    "Which bodies issued the cross-border data transfer rules?",
    "Compare China's 2021 and 2022 battery policy",
    "What does MOST say about technology as a factor of production?",
    "Summarise the latest brief",
]
SERVING_RE = re.compile(r"\[app\] Serving on (http://127\.0\.0\.1:\d+/)")
ALL_KINDS = ["top5", "policy_news", "corporate_news"]


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    uncited: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def start_app(tmp: Path, timeout: float) -> tuple[subprocess.Popen, str, Path]:
    shutil.copytree(ROOT / "corpus", tmp / "corpus")
    env = dict(os.environ, BRIEFS_CORPUS_DIR=str(tmp / "corpus"), BRIEFS_DATA_DIR=str(tmp / "data"),
               PYTHONUNBUFFERED="1")
    env.pop("BRIEFS_APP__USERS_FILE", None)
    log = tmp / "app.log"
    proc = subprocess.Popen([sys.executable, "app.py", "--port", "0"], cwd=ROOT, env=env,
                            stdout=log.open("w"), stderr=subprocess.STDOUT)
    deadline, url = time.monotonic() + timeout, ""
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"app exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        text = log.read_text(errors="replace")
        if not url and (m := SERVING_RE.search(text)):
            url = m.group(1)
        if url and "[app] Index ready" in text:
            urllib.request.urlopen(url, timeout=10).read(100)
            return proc, url, log
        if "[app] Index could not be built" in text:
            break
        time.sleep(0.5)
    proc.terminate()
    raise SystemExit(f"app not ready after {timeout:.0f} s:\n{log.read_text()[-3000:]}")


def session(url: str, questions: list[str], run: Run, start: threading.Barrier) -> None:
    from gradio_client import Client

    try:
        # Plain http on loopback: no TLS to verify. With verification on, httpx loads the CA
        # bundle for every request's new connection (~45 ms CPU each), which would measure the
        # client library on this shared CPU rather than the app.
        client = Client(url, verbose=False, ssl_verify=False)
    except Exception as e:  # counted, not raised: one broken session must not hide the others
        with run.lock:
            run.errors.append(f"connect: {type(e).__name__}: {e}")
        start.abort()
        return
    start.wait()
    for q in questions:
        t = time.perf_counter()
        try:
            markdown, panel, answer = client.predict(q, "all", ALL_KINDS, api_name="/chat")
        except Exception as e:
            with run.lock:
                run.errors.append(f"{q!r}: {type(e).__name__}: {e}")
            continue
        elapsed = time.perf_counter() - t
        with run.lock:
            run.latencies.append(elapsed)
            if not isinstance(answer, dict) or 'data-state="final"' not in panel:
                run.errors.append(f"{q!r}: no final answer: {str(markdown)[:200]}")
            elif not answer.get("citations"):
                run.uncited.append(q)


def drive(url: str, clients: int, per_client: int) -> Run:
    run = Run()
    start = threading.Barrier(clients)
    threads = [threading.Thread(target=session, args=(url, [QUESTIONS[(c + k) % len(QUESTIONS)]
                                                            for k in range(per_client)], run, start))
               for c in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return run


def cpu_seconds(pid: int | None) -> float:
    """User+system CPU time of a process so far (Linux /proc), to tell app cost from waiting."""
    if pid is None:
        return float("nan")
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)  # nearest rank: the smallest value with p% of values at or below it
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


def own_cpu_seconds() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def report(name: str, run: Run, wall: float, cpu: float, client_cpu: float) -> str:
    lat = run.latencies
    ms = lambda s: f"{s * 1000:.0f} ms"  # noqa: E731
    return (f"{name}: {len(lat)} answers in {wall:.1f} s; p50 {ms(statistics.median(lat) if lat else float('nan'))}, "
            f"p95 {ms(percentile(lat, 95))}, max {ms(max(lat) if lat else float('nan'))}; "
            f"errors {len(run.errors)}, uncited {len(run.uncited)}; "
            f"CPU per answer: app {ms(cpu / max(1, len(lat)))}, clients {ms(client_cpu / max(1, len(lat)))}")


def timed(name: str, url: str, clients: int, per_client: int, pid: int | None) -> tuple:
    cpu, own, t = cpu_seconds(pid), own_cpu_seconds(), time.perf_counter()
    run = drive(url, clients, per_client)
    return name, run, time.perf_counter() - t, cpu_seconds(pid) - cpu, own_cpu_seconds() - own


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--clients", type=int, default=20, help="concurrent sessions (default 20)")
    p.add_argument("--questions", type=int, default=3, help="questions per session (default 3)")
    p.add_argument("--single", type=int, default=10, help="questions of the single-client run first (0 = skip)")
    p.add_argument("--url", help="drive an app already running here instead of starting one")
    p.add_argument("--start-timeout", type=float, default=600, help="seconds to wait for the index")
    args = p.parse_args(argv)
    sys.path.insert(0, str(ROOT))

    proc = None
    tmp = Path(tempfile.mkdtemp(prefix="briefs-load-"))
    try:
        if args.url:
            url = args.url
        else:
            t = time.perf_counter()
            proc, url, _ = start_app(tmp, args.start_timeout)
            print(f"app ready at {url} in {time.perf_counter() - t:.1f} s", flush=True)
        drive(url, 1, 1)  # warm-up: the first ask loads the model's lazy parts
        runs = []
        pid = proc.pid if proc else None
        if args.single:
            runs.append(timed("1 client", url, 1, args.single, pid))
            print(report(*runs[-1]), flush=True)
        runs.append(timed(f"{args.clients} clients x {args.questions}", url, args.clients, args.questions, pid))
        print(report(*runs[-1]), flush=True)
        print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
              "(other processes count too)")
        failed = [e for _, r, *_ in runs for e in r.errors] + [f"uncited: {q}" for _, r, *_ in runs for q in r.uncited]
        for line in failed[:20]:
            print(f"  {line}", file=sys.stderr)
        return 1 if failed else 0
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
