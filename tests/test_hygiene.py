"""Input hygiene: user text is normalised once at the boundary (assistant.hygiene), so odd
characters get an answer or a clear error within a second, never a crash after retries."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.errors import QuestionError
from assistant.hygiene import clean_question, normalise

ROOT = Path(__file__).resolve().parent.parent
BATTERY = "What are China's lithium battery measures?"


def test_normalise_replaces_surrogates_controls_and_bidi():
    text = "Cafe\u0301 \udcff\ud800 a\x00b\x1bc\u202eevil\u2066 \r\nnext\rline\tend"
    out = normalise(text)
    assert out == "Café \ufffd\ufffd a b cevil \nnext\nline\tend"
    out.encode("utf-8")  # no lone surrogate left


def test_clean_question_collapses_caps_and_refuses_empty():
    assert clean_question("  What\n\n about\tMIIT?  ", 100) == "What about MIIT?"
    assert clean_question("x" * 50, 10) == "x" * 10
    for empty in (None, "", "   ", "\x00\x01\n", "\udcff", "\u202e"):
        with pytest.raises(QuestionError):
            clean_question(empty, 100)


@pytest.mark.parametrize("question", [f"\udcff {BATTERY} \udcff", f"{BATTERY}\x00\x07",
                                      "\ud83d battery measures"])
def test_hostile_characters_answer_within_a_second(assistant, question):
    assistant.ask(BATTERY)  # warm: the first ask loads the model, which is not what is measured
    t = time.perf_counter()
    ans = assistant.ask(question)
    assert time.perf_counter() - t < 1.0
    assert ans.answerable and ans.citations
    ans.text.encode("utf-8")


def test_session_cleans_too(assistant):
    ans = assistant.session().ask(f"{BATTERY}\udcff")
    assert ans.answerable and "\udcff" not in ans.question


def test_only_surrogates_is_a_question_error(assistant):
    t = time.perf_counter()
    with pytest.raises(QuestionError):
        assistant.ask("\udcff\udcfe")
    assert time.perf_counter() - t < 1.0


def _cli_env(settings) -> dict:
    return dict(os.environ, BRIEFS_DATA_DIR=str(settings.data_dir), BRIEFS_CORPUS_DIR=str(settings.corpus_dir),
                PYTHONPATH=str(ROOT))


def test_cli_undecodable_bytes_answer(assistant, settings):
    # Undecodable argv bytes reach Python as lone surrogates (surrogateescape).
    question = BATTERY.encode() + b" \xff\xfe"
    r = subprocess.run([sys.executable, "-m", "assistant", "ask", question], cwd=ROOT, env=_cli_env(settings),
                       capture_output=True, timeout=300)
    assert r.returncode == 0, r.stderr.decode(errors="replace")[-2000:]
    assert b"Traceback" not in r.stderr and b"[1]" in r.stdout


@pytest.mark.parametrize("reader", ["head -1", "true"])  # `true` closes the pipe before any write
def test_cli_closed_pipe_exits_quietly(assistant, settings, reader):
    r = subprocess.run(f"{sys.executable} -m assistant ask \"{BATTERY}\" --json | {reader}; "
                       "echo \"exit=${PIPESTATUS[0]}\" >&2", shell=True, executable="/bin/bash", cwd=ROOT,
                       env=_cli_env(settings), capture_output=True, text=True, timeout=300)
    assert len(r.stdout.splitlines()) == (1 if reader.startswith("head") else 0)
    assert "Traceback" not in r.stderr and "BrokenPipe" not in r.stderr, r.stderr[-2000:]
    assert "exit=0" in r.stderr
