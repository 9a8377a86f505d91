"""Pure pieces of answering: the facet classifier, answer types, acronyms the briefs define, the lexicon."""
import pytest

from assistant import lexicon
from assistant.answertypes import answer_type, holds
from assistant.facets import classify
from assistant.query import find_acronyms


@pytest.mark.parametrize("question, facet", [
    ("What does the new notice require local governments to do?", "measures"),
    ("what are the main steps in the plan", "measures"),
    ("What conditions must battery makers meet?", "measures"),
    ("What does MERICS make of the data rules?", "comment"),
    ("Will the plan work?", "comment"),
    ("Why does this matter for European firms?", "comment"),
    ("What are the targets of the ICT plan?", "numeric"),
    ("Who issued the satellite plan?", "issuer"),
    ("When was the VR plan released?", "date"),
    ("Which agency issued it and when was it published?", "date+issuer"),
    ("What is the Chinese name of the SME notice?", "policy_name"),
    ("这项政策由哪个机构发布？", "issuer"),
    ("What is the plan about?", "general"),
])
def test_facet_cues(question, facet):
    assert classify(question) == facet


def test_a_when_clause_is_no_date_question():
    assert classify("What must firms do when they export data?") != "date"
    assert classify("When will the rules take effect?") != "date"  # a deadline is in the text
    # the circumstances in which something must be done, however long the subject before "have to"
    assert classify("When do firms moving customer records from Chinese servers abroad have to file an assessment?") != "date"


def test_similarity_fallback_picks_the_closest_description():
    def sims(texts):  # a stand-in for embeddings: the assessment descriptions are closest
        return [0.9 if "assessment" in t else 0.2 for t in texts]

    assert classify("Is it a good idea?", sims) == "comment"
    assert classify("Is it a good idea?", lambda texts: [0.1] * len(texts)) == "general"


@pytest.mark.parametrize("question, kind", [
    ("How much will the company invest in its new factory?", "money"),
    ("What share of GDP did the zones generate in 2020?", "percent"),
    ("What is the deadline for comments?", "deadline"),
    ("When will the rules take effect?", "deadline"),
    ("Who is the MIIT spokesperson?", "person"),
    ("How many base towers has China installed?", "figure"),
    ("What does the plan say about robots?", ""),
])
def test_answer_types(question, kind):
    assert answer_type(question) == kind


def test_holds_needs_a_new_value_of_the_asked_kind():
    q = "How much will Xiaomi invest?"
    assert not holds("Xiaomi announces plans to open its first EV factory in Beijing", "money", q)
    assert holds("Tesla plans to invest CNY 1.2 billion in its Gigafactory", "money", q)
    assert holds("at least three percent of revenue", "percent", "What share of revenue?")
    assert not holds("an MIIT spokesperson said China has 1.15 million towers", "person", "Who is the spokesperson?")
    assert holds("On November 20, Vice Premier Liu He reaffirmed", "person", "Who spoke?")
    assert holds("assessments should be completed within 45 days", "deadline", "How long?")


def test_acronyms_the_briefs_define_in_any_case():
    found = find_acronyms(["a plan for the information and communication technology (ICT) industry",
                           "National High-Tech Industrial Development Zones (HIDZ)",
                           "the Ministry of Science and Technology (MOST) said", "(CAC notice (CN))",
                           "a new state-owned enterprise (SOE)"])
    assert found["ICT"] == ("information and communication technology",)
    assert found["HIDZ"] == ("High-Tech Industrial Development Zones",)
    assert found["MOST"] == ("Ministry of Science and Technology",)
    assert found["SOE"] == ("state-owned enterprise",)
    assert "CN" not in found


def test_every_rule_has_a_reason_and_can_be_switched_off():
    assert all(r.reason for r in lexicon.REGISTRY.values())
    lexicon.start_recording()
    assert lexicon.ENUMERATE.search("list all policies")
    assert "enumerate" in lexicon.fired()
    lexicon.disable(["enumerate"])
    try:
        assert lexicon.ENUMERATE.search("list all policies") is None
    finally:
        lexicon.disable([])
    with pytest.raises(ValueError, match="unknown rule"):
        lexicon.disable(["no_such_rule"])


def test_an_obligation_stated_in_prose_is_one_of_the_measures(assistant):
    ans = assistant.ask("What measures are in the data export draft of 2021?")
    # the summary's "companies … must … receive approval" stands between the lead and the bullets
    assert "receive approval from central authorities" in ans.text
    assert "Requires data transfer requests to be reassessed" in ans.text
