"""Checks on the optional LLM answerer that need no model: marker validation, grounding,
fallback (a canned reply stands in for the model, which is not the point here)."""
from __future__ import annotations

import pytest

from assistant.answer import markers
from assistant.llm import LLMAnswerer, ungrounded, validate
from assistant.models import Answer, Citation
from assistant.settings import Settings


def cite(n: int, item: str) -> Citation:
    return Citation(n=n, brief="b", item_id=item, kind="top5", headline=f"H{n}", policy="", issuers=[],
                    date="2022-11-01", quote=f"quote {n}")


CITES = [cite(1, "a"), cite(2, "b"), cite(3, "c")]


# --- marker validation (pure, no model) -------------------------------------------------
def test_validate_keeps_valid_markers_and_drops_unused_citations():
    text, kept = validate("A holds [1]. C holds [3].", CITES)
    assert text == "A holds [1]. C holds [2]."  # renumbered in order of first use
    assert [(c.n, c.item_id) for c in kept] == [(1, "a"), (2, "c")]


def test_validate_drops_markers_that_name_no_citation():
    text, kept = validate("A holds [2] [7]. Z is made up [9].", CITES)
    assert text == "A holds [1]. Z is made up."
    assert [c.item_id for c in kept] == ["b"]
    assert set(markers(text)) == {c.n for c in kept}


def test_validate_splits_marker_lists_and_merges_repeats():
    text, kept = validate("Both [3, 1]. Again [1][1].", CITES)
    assert text == "Both [1][2]. Again [2]."
    assert [c.item_id for c in kept] == ["c", "a"]


def test_validate_moves_a_trailing_marker_into_its_sentence():
    assert validate("A holds. [1] B too. [2][9]", CITES)[0] == "A holds [1]. B too [2]."


def test_validate_without_valid_marker_is_none():
    assert validate("No citation at all.", CITES) is None
    assert validate("Only bad ones [0] [4].", CITES) is None


def _answerer(raw=None, error=None) -> LLMAnswerer:
    """An LLMAnswerer whose model is replaced by a canned reply (no model needed)."""
    a = LLMAnswerer.__new__(LLMAnswerer)
    a.settings = Settings()
    calls = []

    def generate(question, sources):
        calls.append(sources)
        if error:
            raise error
        return raw

    a.generate = generate
    a.calls = calls
    return a


def _extractive(answerable=True) -> Answer:
    return Answer(question="q?", text="Extractive [1]. More [2]." if answerable else "The briefs don't say.",
                  answerable=answerable, citations=list(CITES[:2]) if answerable else [],
                  timings_ms={"total": 10.0})


def test_abstentions_never_reach_the_model():
    a = _answerer("x [1]")
    ans = _extractive(answerable=False)
    assert a.answer(ans) is ans and a.calls == []


@pytest.mark.parametrize("raw,error", [("no markers here", None), ("only [5]", None), (None, TimeoutError("slow")),
                                       (None, RuntimeError("boom"))])
def test_falls_back_to_the_extractive_answer(raw, error):
    ans = _extractive()
    out = _answerer(raw, error).answer(ans)
    assert out.text == ans.text and out.citations == ans.citations
    assert out.timings_ms["llm_used"] == 0.0 and "llm" in out.timings_ms


def test_sources_are_numbered_as_the_citations():
    a = _answerer("B says so [2].")
    out = a.answer(_extractive())
    sources = a.calls[0]
    assert [s.split(" ", 1)[0] for s in sources] == ["[1]", "[2]"] and "quote 2" in sources[1]
    assert out.text == "B says so [1]." and [c.item_id for c in out.citations] == ["b"]
    assert out.timings_ms["llm_used"] == 1.0 and out.timings_ms["total"] >= 10.0




BATTERY = Citation(n=1, brief="b", item_id="x", kind="top5", headline="Battery supply chain", policy="",
                   issuers=["MIIT", "SAMR"], date="2022-11-18",
                   quote="Batteries account for around 40 percent of an EV’s value … Prevent disorderly production capacity expansion of new battery projects")


def test_grounded_sentences_pass():
    text = "In 2022, MIIT and SAMR moved to prevent disorderly capacity expansion of battery projects [1]. Batteries are around 40 percent of an EV's value [1]."
    assert ungrounded(text, [BATTERY]) == []


def test_a_sentence_without_marker_is_ungrounded():
    assert ungrounded("Battery projects face curbs [1]. Prices will double next year.", [BATTERY]) == ["Prices will double next year."]


def test_an_invented_figure_is_ungrounded():
    assert len(ungrounded("Batteries are 60 percent of an EV's value [1].", [BATTERY])) == 1


def test_words_the_source_lacks_are_ungrounded():
    assert len(ungrounded("Huawei smartphone sales collapsed across European markets [1].", [BATTERY])) == 1


def test_ungrounded_llm_text_falls_back():
    ans = Answer(question="q?", text="Extractive [1].", answerable=True, citations=[BATTERY], timings_ms={"total": 1.0})
    out = _answerer("Batteries are 60 percent of an EV's value [1].").answer(ans)
    assert out.text == ans.text and out.timings_ms["llm_used"] == 0.0


def test_attribute_marks_a_sentence_one_source_states():
    from assistant.llm import attribute

    other = Citation(n=2, brief="b", item_id="y", kind="top5", headline="VR plan", policy="", issuers=["MIIT"],
                     date="2022-11-01", quote="Grow the VR industry to exceed CNY 350 billion")
    text = attribute("Batteries account for around 40 percent of an EV’s value. The VR industry should exceed CNY 350 billion [2].",
                     [BATTERY, other])
    assert text == "Batteries account for around 40 percent of an EV’s value [1]. The VR industry should exceed CNY 350 billion [2]."
    assert ungrounded(text, [BATTERY, other]) == []


def test_prune_drops_a_marker_whose_source_does_not_back_the_sentence():
    from assistant.llm import prune_markers

    older = Citation(n=2, brief="b", item_id="y", kind="top5", headline="Battery draft", policy="", issuers=["MIIT"],
                     date="2021-11-18", quote="MIIT released a draft regulation regarding the lithium-ion battery industry")
    text = "In 2022, MIIT and SAMR moved to prevent disorderly capacity expansion of battery projects [1][2]."
    assert prune_markers(text, [BATTERY, older]) == ("In 2022, MIIT and SAMR moved to prevent disorderly capacity "
                                                     "expansion of battery projects [1].")
    both = "MIIT released a draft regulation in 2021 [2] and, with SAMR, curbed battery projects in 2022 [1]."
    assert prune_markers(both, [BATTERY, older]) == both  # neither alone backs it: both stay


def test_pruned_citation_is_dropped_and_numbers_stay_dense():
    older = Citation(n=2, brief="b", item_id="y", kind="top5", headline="Battery draft", policy="", issuers=["MIIT"],
                     date="2021-11-18", quote="MIIT released a draft regulation regarding the lithium-ion battery industry")
    ans = Answer(question="q?", text="Extractive [1][2].", answerable=True, citations=[BATTERY, older],
                 timings_ms={"total": 1.0})
    out = _answerer("In 2022, MIIT and SAMR moved to prevent disorderly capacity expansion of battery projects [1][2].").answer(ans)
    assert out.timings_ms["llm_used"] == 1.0
    assert [c.item_id for c in out.citations] == ["x"] and out.text.endswith("[1].")
