"""Answer every question through the public API, one Assistant per configuration.

Each result record is self-contained (the --json answer, the expectations, retrieved items with
ranks, timings) so `python -m eval report` can rescore a results file without the assistant.
"""
from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TextIO

from .questions import FollowupCase, Question

Log = Callable[[str], None]


def _stderr(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def known_configs() -> list[str]:
    from assistant.settings import PRESETS  # light import: pydantic only

    return list(PRESETS)


def skip_reason(config: str, settings) -> str | None:
    """Why a config cannot run here, or None. The llm preset needs the optional LLM extra;
    without it the config is skipped with a note instead of failing the whole comparison."""
    if config != "llm" and settings.answer.answerer != "llm":
        return None
    from assistant.llm import unavailable

    reason = unavailable(settings)
    return f"skipped: {reason}" if reason else None


def hit_record(hit) -> dict:
    """A retrieved chunk as stored in results: rank and score plus what sources match against."""
    md = hit.metadata or {}
    return {
        "item_id": hit.item_id,
        "headline": md.get("headline", ""),
        "rank": hit.rank,
        "score": round(float(hit.score), 6),
        "policy": md.get("policy", ""),
        "policy_cn": md.get("policy_cn", ""),
        "issuers": md.get("issuers", ""),
        "brief_id": md.get("brief_id", ""),
        "kind": md.get("kind", ""),
        "date": md.get("date", ""),
        "text": hit.text,
    }


def make_record(question: Question, config: str, answer=None, total_ms: float = 0.0,
                error: str | None = None) -> dict:
    """One results.jsonl line: the --json answer plus id/type/config, expectations, ranks, timings."""
    if answer is not None:
        record = answer.to_dict()
        retrieved = [hit_record(h) for h in sorted(answer.retrieved, key=lambda h: h.rank)]
        timings = {k: round(float(v), 2) for k, v in (answer.timings_ms or {}).items()}
    else:
        record = {"question": question.question, "answer": "", "answerable": False, "citations": []}
        retrieved, timings = [], {}
    timings["total"] = round(total_ms, 2)  # wall clock around ask(): what a user waits
    record.update({
        "id": question.id,
        "type": question.type,
        "config": config,
        "expected_sources": question.expected_sources,
        "expected_facts": question.expected_facts,
        "expected_answerable": question.answerable,
        "refers_to": question.refers_to,
        "related": list(answer.related) if answer is not None else [],
        "retrieved": retrieved,
        "timings_ms": timings,
        "error": error,
    })
    if question.case:
        record.update({"case": question.case, "turn": question.turn})
    return record


def _ask(ask: Callable, question: Question, config: str, log: Log) -> dict:
    """Ask and time one question; an exception becomes an error record, not a dead run."""
    from assistant import lexicon

    lexicon.start_recording()  # which named rules this answer rests on (see `python -m eval ablate`)
    start = time.perf_counter()
    try:
        answer = ask(question.question)
    except Exception as e:  # noqa: BLE001 - one broken question must not hide the other results
        ms = (time.perf_counter() - start) * 1000
        log(f"  [{config}] {question.id}: ERROR {type(e).__name__}: {e}")
        record = make_record(question, config, None, ms, f"{type(e).__name__}: {e}")
    else:
        record = make_record(question, config, answer, (time.perf_counter() - start) * 1000)
    record["rules"] = lexicon.fired()
    return record


@dataclass
class RunResult:
    records: list[dict] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # config → why it was skipped
    build_ms: dict[str, float] = field(default_factory=dict)  # config → Assistant() time

    def meta(self, configs: list[str], questions_file: str, followups_file: str | None) -> dict:
        return {"configs": configs, "questions": questions_file, "followups": followups_file,
                "skipped": self.notes, "build_ms": self.build_ms,
                "finished": time.strftime("%Y-%m-%d %H:%M:%S")}


def run(questions: list[Question], configs: list[str], out: TextIO | None = None,
        followups: list[FollowupCase] | None = None, log: Log = _stderr, assistant=None) -> RunResult:
    """Run all questions (and follow-up cases) for each config; records are also streamed to out.
    An `assistant` given is used as is (one config), instead of building one per config."""
    from assistant import Assistant, Settings  # imported here: loading it costs seconds

    result = RunResult()
    base = Settings()
    given = assistant
    for config in configs:
        settings = base.with_preset(config)
        reason = skip_reason(config, settings)
        if reason:
            result.notes[config] = reason
            log(f"[{config}] {reason}")
            continue
        log(f"[{config}] building assistant ...")
        start = time.perf_counter()
        assistant = given or Assistant(settings)  # once per config: it loads the embedding model
        result.build_ms[config] = round((time.perf_counter() - start) * 1000, 1)

        def emit(record: dict) -> None:
            result.records.append(record)
            if out is not None:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                out.flush()  # a long run that dies still leaves usable results

        for i, q in enumerate(questions, start=1):
            record = _ask(assistant.ask, q, config, log)
            emit(record)
            log(f"  [{config} {i}/{len(questions)}] {q.id}: {record['timings_ms']['total']:.0f} ms")
        for case in followups or []:
            session = assistant.session()  # one session per case: turns share history
            for q in case.turns:
                emit(_ask(session.ask, q, config, log))
            log(f"  [{config}] follow-up {case.id}: {len(case.turns)} turns")
        del assistant  # free the model before the next config builds its own
    return result


def read_results(path: str | Path) -> list[dict]:
    """Records of a results.jsonl file (as written by run)."""
    path = Path(path)
    records = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise ValueError(f"{path}:{n}: invalid JSON: {e.msg}") from None
        if not isinstance(record, dict) or "id" not in record:
            raise ValueError(f"{path}:{n}: not a result record")
        records.append(record)
    return records


def meta_path(results: str | Path) -> Path:
    """Run metadata (skipped configs, build times) lives next to the results file."""
    results = Path(results)
    return results.with_name(results.stem + ".meta.json")
