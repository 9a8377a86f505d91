"""The policy tracker and take-away answers as pure functions (no browser)."""
from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from assistant import render
from assistant.models import Answer, Brief, Citation, Item
from assistant.parse import read_brief
from assistant.web import tracker

ROOT = Path(__file__).resolve().parent.parent
BRIEFS = [read_brief(p) for p in sorted((ROOT / "corpus").glob("*.txt"))]


def test_every_top5_policy_is_a_row_with_its_instrument_type():
    rows = tracker.policy_rows(BRIEFS)
    assert len(rows) == 10 and [r.date for r in rows] == sorted((r.date for r in rows), reverse=True)
    by_policy = {r.policy: r for r in rows}
    draft = by_policy["Lithium-ion Battery Industry Regulatory Conditions (2021) (Draft for Comment)"]
    assert (draft.date, draft.issuers, draft.instrument, draft.brief) == ("2021-11-18", ["MIIT"], "draft", "November 2021")
    assert draft.policy_cn == "锂离子电池行业规范条件(2021年本)(征求意见稿)"
    def kind(start: str) -> str:
        return next(r.instrument for r in rows if r.policy.startswith(start))

    assert kind("14th Five-Year Plan for the Development") == "plan"
    assert kind("Measures for Data Export Security") == "draft"
    assert kind("Notice on Improving the Collaborative") == "notice"
    assert kind("Notice on Intellectual Property Rights Measures") == "measures"
    assert tracker.instrument_type("Cybersecurity Law") == "law"
    assert tracker.instrument_type("Something else entirely") == "other"
    assert "item_id" not in " ".join(tracker.HEADERS).lower().replace(" ", "_")


def test_filters_by_issuer_year_and_text():
    rows = tracker.policy_rows(BRIEFS)
    assert tracker.issuer_choices(rows)[:2] == ["All", "MIIT"]
    assert tracker.year_choices(rows) == ["All", "2022", "2021"]
    miit21 = tracker.filter_rows(rows, "MIIT", "2021")
    assert {r.policy[:20] for r in miit21} == {"14th Five-Year Plan ", "Lithium-ion Battery ", "Implementation Plan "}
    assert [r.item_id for r in tracker.filter_rows(rows, text="battery supply")] == [
        "merics-china-industries-2022-11#top5-2"]
    assert tracker.filter_rows(rows, "CAC", "2022") == []


def test_csv_export_holds_the_filtered_rows():
    rows = tracker.filter_rows(tracker.policy_rows(BRIEFS), "MIIT", "2022")
    got = list(csv.reader(io.StringIO(tracker.csv_text(rows))))
    assert got[0] == ["Date", "Policy", "Chinese name", "Issuing bodies", "Instrument", "Brief", "Headline", "Item id"]
    assert len(got) == 1 + len(rows) == 4
    assert all("MIIT" in line[3] and line[0].startswith("2022") for line in got[1:])


def test_timeline_points_map_clicks_back_to_items(tmp_path):
    rows = tracker.policy_rows(BRIEFS)
    png = tmp_path / "t.png"
    points = tracker.timeline_png(rows, png)
    assert png.read_bytes()[:4] == b"\x89PNG" and len(points) == len(rows)
    from PIL import Image

    w, h = Image.open(png).size
    for p in points:
        assert 0 < p.x < w and 0 < p.y < h
        assert tracker.point_at(points, p.x + 1, p.y - 1) is not None
    cac = next(p for p in points if p.item_id.endswith("2021-11#top5-5"))
    assert tracker.point_at(points, cac.x, cac.y) == cac.item_id
    assert tracker.point_at(points, 1, 1) is None


def test_answer_export_has_footnoted_sources():
    cite = Citation(n=1, brief="merics-china-industries-2021-11", item_id="x#top5-3", kind="top5",
                    headline="MIIT pushes battery makers", policy="Battery Conditions (Draft)", issuers=["MIIT"],
                    date="2021-11-18", quote="Curb new [projects](http://evil.example) that *expand* capacity",
                    policy_cn="锂离子电池")
    md = render.export_markdown(Answer("What are the battery measures?", "MIIT curbs capacity. [1]", True, [cite]))
    assert "## What are the battery measures?" in md
    assert "MIIT curbs capacity. [^1]" in md
    foot = next(line for line in md.splitlines() if line.startswith("[^1]: "))
    for part in ("November 2021 brief", "2021-11-18", "MIIT pushes battery makers", "Battery Conditions (Draft) (锂离子电池)",
                 "issued by MIIT", "Quote:"):
        assert part in foot
    assert "[projects](" not in md and "\\[projects\\]" in foot  # brief text cannot become a live link
    no = render.export_markdown(Answer("Pizza?", "The briefs don't say.", False, []))
    assert "Not answerable" in no and "[^" not in no
