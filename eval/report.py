"""Markdown report + PNG plots from result records (one column per config)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .gate import Check
from .metrics import COUNT_METRICS, METRICS, QuestionScore, score_record, summarize, summarize_by_type

# Metrics shown in per-type tables and plots (all of METRICS would not fit a row).
TYPE_COLUMNS = ["n", "recall_at_1", "recall_at_3", "recall_at_5", "mrr", "citation_coverage",
                "citation_precision", "dangling_markers", "unused_citations", "fact_coverage",
                "abstention_accuracy", "false_abstention_rate", "false_answer_rate",
                "referent_accuracy", "latency_p50_ms", "latency_p95_ms"]
SHORT = {"n": "n", "recall_at_1": "R@1", "recall_at_3": "R@3", "recall_at_5": "R@5", "mrr": "MRR",
         "citation_coverage": "cite cov", "citation_precision": "cite prec",
         "dangling_markers": "dangling [n]", "unused_citations": "unused cites",
         "fact_coverage": "facts", "abstention_accuracy": "abstain acc",
         "false_abstention_rate": "false abst", "false_answer_rate": "false ans",
         "referent_accuracy": "referent",
         "latency_p50_ms": "p50 ms", "latency_p95_ms": "p95 ms", "errors": "errors"}
PLOT_METRICS = ["recall_at_5", "mrr", "citation_coverage", "fact_coverage", "abstention_accuracy"]


@dataclass
class Report:
    path: Path  # report.md
    markdown: str
    summary: str  # the tables only, for printing to a terminal
    plots: list[Path]
    overall: dict[str, dict[str, float | None]]  # config → metric → value


def fmt(metric: str, value: float | None) -> str:
    if value is None:
        return "n/a"
    if metric in COUNT_METRICS:
        return str(int(value))
    if metric.endswith("_ms"):
        return f"{value:.0f}"
    return f"{value:.3f}"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def _slug(name: str) -> str:
    """Config names like 'hybrid+filters' become safe file-name parts."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_") or "config"


def configs_in(records: Sequence[dict], meta: dict | None = None) -> list[str]:
    """Configs in run order (meta) or in order of first appearance."""
    order = [c for c in (meta or {}).get("configs", [])]
    for r in records:
        if r.get("config", "") not in order:
            order.append(r.get("config", ""))
    return order


def _plot_by_type(by_type: dict[str, dict], title: str, path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")  # files only: no display on a server/CI
    import matplotlib.pyplot as plt

    types = list(by_type)
    width = 0.8 / len(PLOT_METRICS)
    fig, ax = plt.subplots(figsize=(max(6.0, 1.4 * len(types) + 2), 4))
    for i, metric in enumerate(PLOT_METRICS):
        values = [by_type[t][metric] if by_type[t][metric] is not None else float("nan") for t in types]
        ax.bar([x + (i - (len(PLOT_METRICS) - 1) / 2) * width for x in range(len(types))],
               values, width, label=SHORT[metric])
    ax.set_xticks(range(len(types)), [f"{t}\n(n={by_type[t]['n']})" for t in types])
    ax.set_ylim(0, 1.05)
    ax.set_title(title)
    ax.legend(fontsize=8, ncols=len(PLOT_METRICS), loc="lower center", bbox_to_anchor=(0.5, -0.35))
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def _plot_by_config(overall: dict[str, dict], path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    configs = list(overall)
    width = 0.8 / len(configs)
    fig, ax = plt.subplots(figsize=(8, 4))
    for i, config in enumerate(configs):
        values = [overall[config][m] if overall[config][m] is not None else float("nan") for m in PLOT_METRICS]
        ax.bar([x + (i - (len(configs) - 1) / 2) * width for x in range(len(PLOT_METRICS))],
               values, width, label=config)
    ax.set_xticks(range(len(PLOT_METRICS)), [SHORT[m] for m in PLOT_METRICS])
    ax.set_ylim(0, 1.05)
    ax.set_title("Metrics by config")
    ax.legend(fontsize=8, ncols=min(len(configs), 6), loc="lower center", bbox_to_anchor=(0.5, -0.25))
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def _plot_latency(latencies: dict[str, list[float]], path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (hist, box) = plt.subplots(1, 2, figsize=(10, 4))
    everything = [v for values in latencies.values() for v in values]
    lo, hi = min(everything), max(everything)
    n_bins = min(30, max(5, len(everything) // (2 * len(latencies))))
    # Shared bins so configs are comparable bar for bar.
    bins = [lo + (hi - lo) * i / n_bins for i in range(n_bins + 1)] if hi > lo else n_bins
    for config, values in latencies.items():
        hist.hist(values, bins=bins, alpha=0.5, label=config)
    hist.set_xlabel("ms per question")
    hist.set_ylabel("questions")
    hist.set_title("Latency histogram")
    hist.legend(fontsize=8)
    box.boxplot(list(latencies.values()))
    box.set_xticks(range(1, len(latencies) + 1), list(latencies))
    box.set_ylabel("ms per question")
    box.set_title("Latency by config")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def _problems(scores: Sequence[QuestionScore], records: Sequence[dict]) -> list[str]:
    """One line per question that lost points, so a regression can be traced to questions."""
    answers = {(r.get("config", ""), r.get("id")): r for r in records}
    lines = []
    for s in scores:
        issues = []
        if s.error:
            issues.append(f"error: {answers[(s.config, s.id)].get('error')}")
        if not s.abstention_correct and not s.error:
            issues.append("answered but expected abstention" if s.false_answer else "abstained but answerable")
        if s.missing_sources:
            issues.append("sources not in top-5: " + "; ".join(s.missing_sources))
        if s.citation_covered is False:
            issues.append("citations miss an expected source")
        if s.missing_facts:
            issues.append("missing facts: " + "; ".join(" / ".join(g) for g in s.missing_facts))
        if s.dangling_markers:
            issues.append(f"{s.dangling_markers} [n] without citation")
        if issues:
            lines.append(f"- `{s.id}` ({s.type}): " + " · ".join(issues))
    return lines


def build_report(records: Sequence[dict], out_dir: str | Path, meta: dict | None = None,
                 checks: list[Check] | None = None, name: str = "report.md") -> Report:
    """Write report.md and its PNGs into out_dir; returns the markdown too."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    meta = meta or {}
    configs = [c for c in configs_in(records, meta) if c not in meta.get("skipped", {})]
    scores = {c: [score_record(r) for r in records if r.get("config", "") == c] for c in configs}
    overall = {c: summarize(s) for c, s in scores.items()}

    parts = ["# Evaluation report", ""]
    info = []
    if meta.get("questions"):
        info.append(f"Questions: `{meta['questions']}`")
    if meta.get("followups"):
        info.append(f"Follow-ups: `{meta['followups']}`")
    if meta.get("finished"):
        info.append(f"Finished: {meta['finished']}")
    if info:
        parts += [" · ".join(info), ""]
    for config, note in meta.get("skipped", {}).items():
        parts.append(f"> **{config}**: {note}")
    if meta.get("skipped"):
        parts.append("")

    summary = ["## Overall", ""]
    summary.append(_table(["metric", *configs],
                          [[METRICS[m], *(fmt(m, overall[c][m]) for c in configs)] for m in METRICS]))
    if meta.get("build_ms"):
        summary += ["", "Assistant build time (ms): " + ", ".join(
            f"{c} {v:.0f}" for c, v in meta["build_ms"].items())]
    summary.append("")
    if checks is not None:
        summary += ["## Gate", ""]
        summary.append(_table(["check", "result"], [
            [c.describe(), "n/a" if not c.applicable else ("pass" if c.passed else "**FAIL**")]
            for c in checks]))
        summary.append("")
    if len(configs) > 1:  # the comparison per type, one small table per headline metric
        by_type_all = {c: summarize_by_type(scores[c]) for c in configs}
        types = list(dict.fromkeys(t for c in configs for t in by_type_all[c]))
        summary += ["## Per question type, configs side by side", ""]
        for metric in PLOT_METRICS:
            summary += [f"**{METRICS[metric]}**", ""]
            summary.append(_table(["type", *configs], [
                [t, *(fmt(metric, by_type_all[c][t][metric]) if t in by_type_all[c] else "–" for c in configs)]
                for t in types]))
            summary.append("")
    for config in configs:
        by_type = summarize_by_type(scores[config])
        summary += [f"## Per question type: {config}", ""]
        summary.append(_table(["type", *(SHORT[m] for m in TYPE_COLUMNS)],
                              [[t, *(fmt(m, v[m]) for m in TYPE_COLUMNS)] for t, v in by_type.items()]))
        summary.append("")
    parts += summary

    plots: list[Path] = []
    if records and configs:
        parts += ["## Plots", ""]
        if len(configs) > 1:
            p = _plot_by_config(overall, out_dir / "metrics_by_config.png")
            plots.append(p)
            parts += [f"![metrics by config]({p.name})", ""]
        for config in configs:
            if not scores[config]:
                continue
            p = _plot_by_type(summarize_by_type(scores[config]), f"Metrics by question type ({config})",
                              out_dir / f"metrics_by_type_{_slug(config)}.png")
            plots.append(p)
            parts += [f"![metrics by type, {config}]({p.name})", ""]
        latencies = {c: [s.latency_ms for s in scores[c] if s.latency_ms is not None] for c in configs}
        latencies = {c: v for c, v in latencies.items() if v}
        if latencies:
            p = _plot_latency(latencies, out_dir / "latency.png")
            plots.append(p)
            parts += [f"![latency]({p.name})", ""]

    parts += ["## Questions that lost points", ""]
    for config in configs:
        lines = _problems(scores[config], records)
        parts += [f"### {config}", "", *(lines or ["- none"]), ""]

    markdown = "\n".join(parts)
    path = out_dir / name
    path.write_text(markdown, encoding="utf-8")
    return Report(path=path, markdown=markdown, summary="\n".join(summary), plots=plots, overall=overall)
