"""The eval tab: run `python -m eval run` and show its report (metrics tables + plots).

A subprocess, not the eval Python API in-process: each config builds its own Assistant
(an embedding model each), and the run gets its own index folder so it never writes
the chroma store the chat is reading. The process's log streams into the page.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from . import ui
from assistant.settings import PRESETS, PROJECT_ROOT, Settings

DEFAULT_QUESTIONS = PROJECT_ROOT / "eval" / "questions.jsonl"
CONFIG_CHOICES = list(PRESETS)
IMAGE_LINE = re.compile(r"^!\[.*\]\(.*\)\s*$", re.M)


def run_dir(settings: Settings) -> Path:
    return settings.data_dir / "eval-runs" / time.strftime("%Y%m%d-%H%M%S")


def command(questions: Path, out: Path, configs: list[str]) -> list[str]:
    cmd = [sys.executable, "-m", "eval", "run", "--questions", str(questions), "--out", str(out)]
    for c in configs:
        cmd += ["--config", c]
    return cmd


def run_eval(settings: Settings, uploaded: str | None, configs: list[str] | None):
    """Generator for the Run button: yields (log, report_markdown, plot_paths, status_html)."""
    questions = Path(uploaded) if uploaded else DEFAULT_QUESTIONS
    configs = [c for c in (configs or ["default"]) if c in PRESETS] or ["default"]
    out_dir = run_dir(settings)
    out_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ,
               BRIEFS_CORPUS_DIR=str(settings.corpus_dir),
               BRIEFS_DATA_DIR=str(settings.data_dir / "eval-index"),
               PYTHONUNBUFFERED="1")
    cmd = command(questions, out_dir / "results.jsonl", configs)
    log = [f"$ python -m eval run --questions {questions.name} " + " ".join(f"--config {c}" for c in configs)]
    yield "\n".join(log), "", [], ui.message_html("Running the evaluation…", "info")
    proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, bufsize=1)
    assert proc.stdout is not None
    last = 0.0
    for line in proc.stdout:
        log.append(line.rstrip())
        if time.monotonic() - last > 0.5:  # fewer UI updates than log lines
            last = time.monotonic()
            yield "\n".join(log[-400:]), "", [], ui.message_html("Running the evaluation…", "info")
    code = proc.wait()
    report = out_dir / "report.md"
    if not report.is_file():
        yield ("\n".join(log[-400:]), "", [],
               ui.message_html(f"The evaluation failed (exit code {code}); see the log.", "error"))
        return
    markdown = IMAGE_LINE.sub("", report.read_text(encoding="utf-8"))
    plots = [str(p) for p in sorted(out_dir.glob("*.png"))]
    status = ui.message_html(
        f"Evaluation finished (exit code {code}); report in {out_dir}.", "ok" if code == 0 else "error")
    yield "\n".join(log[-400:]), markdown, plots, status
