"""python -m eval run | report | gate | ablate.

Exit codes: 0 ok, 1 gate failed, 2 bad input (question file, thresholds, config name, results).
Input errors print one 'error: file:line: message' line, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import gate as gate_mod
from .questions import QuestionFileError, load_followups, load_questions
from .report import build_report
from .runner import known_configs, meta_path, read_results, run

EVAL_DIR = Path(__file__).resolve().parent
DEFAULT_QUESTIONS = EVAL_DIR / "questions.jsonl"
DEFAULT_OUT_DIR = EVAL_DIR / "out"  # gitignored


class UsageError(Exception):
    """Bad input: reported in one line, exit code 2."""


def _configs(names: list[str] | None) -> list[str]:
    names = list(dict.fromkeys(names or ["default"]))  # keep order, drop repeats
    known = known_configs()
    unknown = [n for n in names if n not in known]
    if unknown:
        raise UsageError(f"unknown config(s) {', '.join(unknown)}; known: {', '.join(known)}")
    return names


def _run_and_report(questions_file: Path, followups_file: Path | None, configs: list[str],
                    out: Path, checks_from=None):
    """Load inputs (all validation before any model loads), run, write results + meta + report."""
    questions = load_questions(questions_file)
    followups = load_followups(followups_file) if followups_file else None
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        result = run(questions, configs, out=fh, followups=followups)
    meta = result.meta(configs, str(questions_file), str(followups_file) if followups_file else None)
    meta_path(out).write_text(json.dumps(meta, indent=2), encoding="utf-8")
    checks = checks_from(result.records) if checks_from else None
    report = build_report(result.records, out.parent, meta, checks=checks)
    return result, report, checks


def cmd_run(args) -> int:
    configs = _configs(args.config)
    _, report, _ = _run_and_report(args.questions, args.followups, configs, args.out)
    print(report.summary)
    print(f"results: {args.out}\nreport: {report.path}")
    return 0


def cmd_report(args) -> int:
    try:
        records = read_results(args.results)
    except OSError as e:
        raise UsageError(f"{args.results}: cannot read file: {e.strerror or e}") from None
    except ValueError as e:
        raise UsageError(str(e)) from None
    meta = {}
    if meta_path(args.results).is_file():
        meta = json.loads(meta_path(args.results).read_text(encoding="utf-8"))
    report = build_report(records, args.out_dir or args.results.parent, meta)
    print(report.summary)
    print(f"report: {report.path}")
    return 0


def cmd_gate(args) -> int:
    thresholds = gate_mod.load_thresholds(args.thresholds)  # fail fast, before loading a model
    from .metrics import score_record, summarize

    def checks_from(records):
        return gate_mod.check(summarize([score_record(r) for r in records]), thresholds)

    configs = _configs([args.config])
    result, report, checks = _run_and_report(args.questions, args.followups, configs,
                                             args.out_dir / "results.jsonl", checks_from)
    if result.notes.get(args.config):
        raise UsageError(f"config {args.config}: {result.notes[args.config]}")
    print(report.summary)
    print(f"report: {report.path}")
    failed = gate_mod.failures(checks)
    if failed:
        print(f"GATE FAILED: {len(failed)} metric(s) out of bounds:", file=sys.stderr)
        for c in failed:
            print(f"  - {c.describe()}", file=sys.stderr)
        return 1
    print(f"gate passed ({len(checks)} checks)")
    return 0


def cmd_ablate(args) -> int:
    from .ablate import QuestionSet, ablate

    sets = []
    for spec in args.set:
        name, _, files = spec.partition("=")
        parts = files.split(",") if files else [name]
        sets.append(QuestionSet(name if files else Path(name).stem, Path(parts[0]),
                                Path(parts[1]) if len(parts) > 1 else None))
    for qs in sets:  # validate every file before the model loads
        load_questions(qs.questions)
        if qs.followups:
            load_followups(qs.followups)
    table = ablate(sets, args.rule)
    print(table)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(table + "\n", encoding="utf-8")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m eval", description="Evaluate briefs-assistant on a question set.")
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("run", help="answer every question per config; write results.jsonl + report.md")
    r.add_argument("--questions", type=Path, required=True, help="JSONL question file")
    r.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR / "results.jsonl",
                   help="results JSONL; report.md and PNGs go next to it (default: eval/out/results.jsonl)")
    r.add_argument("--config", action="append", metavar="NAME",
                   help="settings preset; repeat to compare side by side (default: default)")
    r.add_argument("--followups", type=Path, help="JSONL follow-up cases, each run in one session")
    r.set_defaults(func=cmd_run)

    rep = sub.add_parser("report", help="(re)write report.md + PNGs from a results file")
    rep.add_argument("results", type=Path)
    rep.add_argument("--out-dir", type=Path, help="default: the results file's folder")
    rep.set_defaults(func=cmd_report)

    g = sub.add_parser("gate", help="run the default config and fail (exit 1) below thresholds")
    g.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    g.add_argument("--thresholds", type=Path, default=gate_mod.DEFAULT_THRESHOLDS)
    g.add_argument("--followups", type=Path)
    g.add_argument("--config", default="default", help="preset to gate (default: default)")
    g.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR)
    g.set_defaults(func=cmd_gate)

    a = sub.add_parser("ablate", help="each named rule's effect: re-run the sets with that rule off")
    a.add_argument("--set", action="append", required=True, metavar="NAME=QUESTIONS[,FOLLOWUPS]",
                   help="a question set (repeat), e.g. dev=eval/questions.jsonl,eval/followups.jsonl")
    a.add_argument("--rule", action="append", help="only these rules (default: every rule that fired)")
    a.add_argument("--out", type=Path, help="also write the table here")
    a.set_defaults(func=cmd_ablate)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (QuestionFileError, gate_mod.ThresholdsError, UsageError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except Exception as e:
        # The core's own errors (e.g. no corpus) carry a user-facing message; anything else is a bug.
        from assistant.errors import BriefsError

        if isinstance(e, BriefsError):
            print(f"error: {e}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
