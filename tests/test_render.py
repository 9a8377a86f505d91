"""The one renderer: an Answer's blocks laid out for the CLI, the web chat and the export."""
from __future__ import annotations

from assistant import render
from assistant.models import Answer, Block, Citation


def cite(n: int) -> Citation:
    return Citation(n=n, brief="merics-china-industries-2022-11", item_id=f"b#top5-{n}", kind="top5",
                    headline=f"Item {n}", policy="", issuers=["MIIT", "NDRC"], date=f"2022-11-0{n}", quote="q")


COMPARISON = Answer("compare?", "", True, citations=[cite(1), cite(2)], blocks=[
    Block("section", "A [1]", "2021"), Block("section", "B [2]", "2022"), Block("table", "| x |\n|---|"),
    Block("summary", "**What changed:** more [1][2]")])


def test_text_is_derived_from_blocks_and_text_alone_is_one_block():
    assert COMPARISON.text == "### 2021\nA [1]\n\n### 2022\nB [2]\n\n| x |\n|---|\n\n**What changed:** more [1][2]"
    plain = Answer("q", "just text [1]", True)
    assert [(b.kind, b.text) for b in plain.blocks] == [("text", "just text [1]")]


def test_markers_resolved_in_one_place():
    md = render.markdown(COMPARISON, marker=lambda n: f"<{n}>")
    assert "A <1>" in md and "more <1><2>" in md and "[1]" not in md
    assert render.markers("a [1] b [12] [1234] [x]") == [1, 12]


def test_sections_are_laid_out_together_and_only_sections():
    md = render.markdown(COMPARISON, columns=lambda secs: "COLS(" + "|".join(secs) + ")")
    assert md.startswith("COLS(### 2021\nA [1]|### 2022\nB [2])\n\n| x |")
    single = Answer("q", "", True, blocks=[Block("section", "A", "2021"), Block("summary", "s")])
    assert "COLS" not in render.markdown(single, columns=lambda secs: "COLS")


def test_escape_applies_to_brief_text_and_titles_but_keeps_markers():
    ans = Answer("q", "", True, blocks=[Block("section", "<b> [1]", "<i>"), Block("section", "x", "2022")])
    md = render.markdown(ans, escape=lambda t: t.replace("<", "&lt;"))
    assert "### &lt;i>" in md and "&lt;b> [1]" in md


def test_notice_comes_first_and_is_listed():
    ans = Answer("q", "body [1]", True, citations=[cite(1)]).with_notice("Nothing dated 2020 answers this.")
    assert ans.notices == ["Nothing dated 2020 answers this."]
    assert ans.text.startswith("Nothing dated 2020 answers this.\n\nbody [1]")


def test_terminal_lists_sources_after_the_answer():
    out = render.terminal(COMPARISON)
    assert out.index("What changed") < out.index("Sources:")
    assert "[2] Item 2 (merics-china-industries-2022-11, 2022-11-02) — MIIT, NDRC" in out
    assert "Sources:" not in render.terminal(Answer("q", "The briefs don't say.", False))
