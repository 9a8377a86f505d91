"""Thresholds (eval/thresholds.toml) and the pass/fail check of the gate.

The file has two tables: [min] (metric must be >= value) and [max] (metric must be <= value).
Keys are metric names from metrics.METRICS; an unknown key is an error, so a typo cannot
silently disable a check.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .metrics import METRICS

DEFAULT_THRESHOLDS = Path(__file__).resolve().parent / "thresholds.toml"


class ThresholdsError(Exception):
    """The thresholds file is unreadable or malformed."""


@dataclass(frozen=True)
class Threshold:
    metric: str
    bound: str  # "min" | "max"
    value: float


@dataclass(frozen=True)
class Check:
    threshold: Threshold
    actual: float | None

    @property
    def applicable(self) -> bool:
        """No question of the set exercises the metric (e.g. no unanswerable questions)."""
        return self.actual is not None

    @property
    def passed(self) -> bool:
        if self.actual is None:
            return True  # nothing measured cannot fail; reported as "n/a"
        t = self.threshold
        return self.actual >= t.value if t.bound == "min" else self.actual <= t.value

    def describe(self) -> str:
        t = self.threshold
        op = ">=" if t.bound == "min" else "<="
        actual = "n/a" if self.actual is None else f"{self.actual:.4g}"
        return f"{t.metric} = {actual} (required {op} {t.value:g})"


def load_thresholds(path: str | Path = DEFAULT_THRESHOLDS) -> list[Threshold]:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise ThresholdsError(f"{path}: cannot read file: {e.strerror or e}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ThresholdsError(f"{path}: invalid TOML: {e}") from None
    unknown_tables = set(data) - {"min", "max"}
    if unknown_tables:
        raise ThresholdsError(f"{path}: unknown table(s) {sorted(unknown_tables)}; use [min] and [max]")
    out: list[Threshold] = []
    for bound in ("min", "max"):
        table = data.get(bound, {})
        if not isinstance(table, dict):
            raise ThresholdsError(f"{path}: {bound} must be a table")
        for metric, value in table.items():
            if metric not in METRICS:
                raise ThresholdsError(f"{path}: [{bound}] {metric}: unknown metric; known: {', '.join(METRICS)}")
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ThresholdsError(f"{path}: [{bound}] {metric}: value must be a number")
            out.append(Threshold(metric, bound, float(value)))
    if not out:
        raise ThresholdsError(f"{path}: no thresholds defined")
    return out


def check(summary: dict[str, float | None], thresholds: list[Threshold]) -> list[Check]:
    """One Check per threshold, against an overall summary from metrics.summarize."""
    return [Check(t, summary.get(t.metric)) for t in thresholds]


def failures(checks: list[Check]) -> list[Check]:
    return [c for c in checks if not c.passed]
