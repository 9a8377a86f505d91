"""The policy tracker: every Top-5 policy as a row, filtered, exported as CSV, drawn on a timeline.

No gradio here: rows, filters, CSV and the plot are plain functions of the core's Briefs, so
they are unit-tested without a browser. The timeline is a matplotlib PNG; clicks on it arrive as
pixel positions and `point_at` maps them back to the item drawn there.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from ..dates import month_label
from ..models import Brief

ALL = "All"
HEADERS = ["Date", "Policy", "Chinese name", "Issuing bodies", "Instrument", "Brief"]

# Instrument type from the policy's own name, most specific first: a draft is a draft whatever
# it drafts; "Notice on … Measures" is measures; a bare notice is a notice.
INSTRUMENTS: list[tuple[str, re.Pattern]] = [(name, re.compile(pattern, re.I)) for name, pattern in [
    ("draft", r"\bdraft\b|for (?:public )?comments?\b|征求意见"),
    ("law", r"\blaw\b|法(?:》|$)"),
    ("regulations", r"\bregulations?\b|\bregulatory conditions\b|\brules\b|\bprovisions\b|条例|规定|规范条件"),
    ("measures", r"\bmeasures\b|办法|措施"),
    ("plan", r"\bplan\b|\bprogramme\b|\bprogram\b|规划|计划|方案"),
    ("guidelines", r"\bguidelines?\b|\bguidance\b|\bopinions?\b|指导意见|指南|意见"),
    ("notice", r"\bnotice\b|\bcircular\b|通知"),
    ("standard", r"\bstandards?\b|标准"),
    ("catalogue", r"\bcatalogue\b|\bcatalog\b|\blist\b|目录|名单"),
]]
OTHER = "other"


@dataclass
class PolicyRow:
    """One Top-5 policy as the tracker shows it."""

    item_id: str
    brief_id: str
    brief: str  # "November 2021"
    date: str  # ISO, or "" if the brief gave none
    policy: str
    policy_cn: str
    issuers: list[str]
    instrument: str
    headline: str

    @property
    def year(self) -> str:
        return self.date[:4]

    def cells(self) -> list[str]:
        return [self.date, self.policy, self.policy_cn, ", ".join(self.issuers), self.instrument, self.brief]


def instrument_type(policy: str, policy_cn: str = "") -> str:
    """'Measures on Smart Port Pilots (Draft for Comments)' → 'draft'."""
    text = f"{policy} {policy_cn}"
    return next((name for name, rx in INSTRUMENTS if rx.search(text)), OTHER)


def policy_rows(briefs: list[Brief]) -> list[PolicyRow]:
    """Every Top-5 item of every brief, newest policy first."""
    rows = [PolicyRow(item_id=i.item_id, brief_id=b.brief_id, brief=month_label(b.month),
                      date=i.date.isoformat() if i.date else "", policy=i.policy or i.headline,
                      policy_cn=i.policy_cn, issuers=list(i.issuers), instrument=instrument_type(i.policy, i.policy_cn),
                      headline=i.headline)
            for b in briefs for i in b.top5()]
    return sorted(rows, key=lambda r: (r.date, r.item_id), reverse=True)


def issuer_choices(rows: list[PolicyRow]) -> list[str]:
    """Issuing bodies, most active first (ties alphabetical)."""
    counts: dict[str, int] = {}
    for r in rows:
        for i in r.issuers:
            counts[i] = counts.get(i, 0) + 1
    return [ALL] + sorted(counts, key=lambda i: (-counts[i], i))


def year_choices(rows: list[PolicyRow]) -> list[str]:
    return [ALL] + sorted({r.year for r in rows if r.year}, reverse=True)


def filter_rows(rows: list[PolicyRow], issuer: str | None = None, year: str | None = None,
                text: str | None = None) -> list[PolicyRow]:
    """Rows of this issuer and year whose cells contain every word of `text` (case-insensitive)."""
    words = (text or "").lower().split()
    out = []
    for r in rows:
        if issuer and issuer != ALL and issuer not in r.issuers:
            continue
        if year and year != ALL and r.year != str(year):
            continue
        hay = " ".join(r.cells()).lower()
        if all(w in hay for w in words):
            out.append(r)
    return out


def csv_text(rows: list[PolicyRow]) -> str:
    """The rows as CSV (UTF-8 with header; Chinese names kept)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(HEADERS + ["Headline", "Item id"])  # the id lets a spreadsheet join back to the briefs
    for r in rows:
        w.writerow(r.cells() + [r.headline, r.item_id])
    return buf.getvalue()


# --------------------------------------------------------------------------- timeline

@dataclass
class Point:
    """Where one policy was drawn, in image pixels (origin top left, as a click reports it)."""

    x: float
    y: float
    item_id: str


PLOT_DPI = 100
PLOT_SIZE = (9.0, 3.6)  # inches
CLICK_RADIUS_PX = 14  # a click this close to a point opens it


def timeline_png(rows: list[PolicyRow], path: Path) -> list[Point]:
    """Draw the policies over time (one lane and colour per lead issuing body) into a PNG;
    returns where each point landed, for `point_at`."""
    import matplotlib

    matplotlib.use("Agg")  # no display: the server renders files
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from datetime import date

    dated = [r for r in rows if r.date]
    lanes = list(dict.fromkeys(r.issuers[0] if r.issuers else "unknown" for r in
                               sorted(dated, key=lambda r: r.date)))
    fig, ax = plt.subplots(figsize=PLOT_SIZE, dpi=PLOT_DPI)
    try:
        cmap = plt.get_cmap("tab10")
        drawn: list[tuple[float, float, str]] = []
        for k, lane in enumerate(lanes):
            mine = [r for r in dated if (r.issuers[0] if r.issuers else "unknown") == lane]
            xs = [mdates.date2num(date.fromisoformat(r.date)) for r in mine]
            ax.scatter(xs, [k] * len(mine), s=70, color=cmap(k % 10), label=lane, zorder=3)
            drawn += [(x, k, r.item_id) for x, r in zip(xs, mine)]
        ax.set_yticks(range(len(lanes)), lanes)
        ax.set_ylim(-0.7, max(len(lanes), 1) - 0.3)
        locator = mdates.AutoDateLocator(maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.grid(axis="x", alpha=0.3)
        if not drawn:
            ax.text(0.5, 0.5, "No policies match the filters", ha="center", va="center", transform=ax.transAxes)
            ax.set_xticks([])
        if len(drawn) == 1:  # one date: give the axis some width
            ax.set_xlim(drawn[0][0] - 30, drawn[0][0] + 30)
        fig.tight_layout()
        fig.canvas.draw()
        height = fig.get_size_inches()[1] * PLOT_DPI
        points = []
        for x, y, item_id in drawn:
            px, py = ax.transData.transform((x, y))
            points.append(Point(float(px), float(height - py), item_id))
        fig.savefig(path, dpi=PLOT_DPI)
    finally:
        plt.close(fig)
    return points


def point_at(points: list[Point], x: float, y: float) -> str | None:
    """The item drawn nearest to a click at (x, y) pixels, if the click is on it."""
    best = min(points, key=lambda p: (p.x - x) ** 2 + (p.y - y) ** 2, default=None)
    if best is None or (best.x - x) ** 2 + (best.y - y) ** 2 > CLICK_RADIUS_PX ** 2:
        return None
    return best.item_id
