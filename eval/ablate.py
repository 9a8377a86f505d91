"""`python -m eval ablate`: what each named rule of the lexicon is worth, on every question set.

Runs each set once with every rule on, then once per rule that fired, with that rule off, and
reports the change in key-fact coverage, abstention accuracy and citing all sources. A rule whose
removal changes nothing anywhere, or helps only the set it was written for, is a candidate to drop.
Rules read while the corpus is indexed (acronym and alias mining) are measured only as far as they
act on questions: the assistant is built once."""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from .metrics import score_record, summarize
from .questions import load_followups, load_questions
from .runner import run

KEYS = [("fact_coverage", "facts"), ("abstention_accuracy", "abst"), ("citation_coverage", "cite-all")]


@dataclass
class QuestionSet:
    name: str
    questions: Path
    followups: Path | None = None


def _score(assistant, qs: QuestionSet) -> tuple[dict, set[str]]:
    questions = load_questions(qs.questions)
    followups = load_followups(qs.followups) if qs.followups else None
    result = run(questions, ["default"], out=io.StringIO(), followups=followups, log=lambda m: None,
                 assistant=assistant)
    fired = {r for rec in result.records for r in rec.get("rules", [])}
    return summarize([score_record(r) for r in result.records]), fired


def ablate(sets: list[QuestionSet], only: list[str] | None = None) -> str:
    from assistant import Assistant, lexicon

    assistant = Assistant()
    base, fired = {}, set()
    for qs in sets:
        base[qs.name], f = _score(assistant, qs)
        fired |= f
    rules = sorted(only or fired)
    header = "| rule | reason | " + " | ".join(f"{qs.name} Δ{label}" for qs in sets for _, label in KEYS) + " |"
    lines = [header, "|---|---|" + "---|" * (len(sets) * len(KEYS))]
    try:
        for name in rules:
            lexicon.disable([name])
            cells = []
            for qs in sets:
                summary, _ = _score(assistant, qs)
                for key, _ in KEYS:
                    b, a = base[qs.name].get(key), summary.get(key)
                    cells.append("n/a" if a is None or b is None else f"{a - b:+.3f}")
            reason = lexicon.REGISTRY[name].reason.replace("|", "/")
            lines.append(f"| `{name}` | {reason[:90]} | " + " | ".join(cells) + " |")
    finally:
        lexicon.disable([])
    never = sorted(set(lexicon.REGISTRY) - fired)
    baseline = "Baseline: " + "; ".join(
        f"{qs.name} " + ", ".join(f"{label} {base[qs.name].get(key) or 0:.3f}" for key, label in KEYS) for qs in sets)
    return "\n".join([baseline, "", *lines, "", f"Rules not seen deciding a question on these sets (word lists and index-time rules are not recorded): {', '.join(never) or 'none'}"])
