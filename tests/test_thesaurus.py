"""Equivalent forms (thesaurus.py): a question's everyday word found as the briefs' official one,
searched for and counted, without making a near word into a subject the briefs cover."""
from assistant.evidence import Scorer
from assistant.thesaurus import groups, other_forms
from assistant.text import content_terms

PV = "MIIT opened applications for smart photovoltaic (PV) demonstration pilots"


def test_a_passage_with_the_official_form_holds_the_everyday_word():
    terms = content_terms("solar pilots")
    with_forms = Scorer(terms, {"photovolta": 2, "pv": 2, "pilot": 3}, 40, related=groups(set(terms)))
    without = Scorer(terms, {"photovolta": 2, "pv": 2, "pilot": 3}, 40)
    assert with_forms.coverage(PV) == 1.0 and without.coverage(PV) < 1.0


def test_a_word_found_only_through_its_equivalent_weighs_like_that_equivalent():
    # unknown to the corpus, "solar" would weigh the most; found as "photovoltaic" it is no rarer
    terms = content_terms("solar soybeans")
    df = {"photovolta": 5}
    plain = Scorer(terms, df, 40)
    bridged = Scorer(terms, df, 40, related=groups(set(terms)))
    assert bridged.weights["solar"] < plain.weights["solar"] == plain.weights["soybean"]


def test_only_words_the_briefs_never_write_are_searched_in_other_forms():
    vocabulary = frozenset({"photovoltaic", "pv", "chips", "semiconductor", "autonomous", "driving"})
    assert "photovoltaic" in other_forms("solar firms", vocabulary)
    assert other_forms("chip firms", vocabulary) == []  # "chips" is written: the word is found as it is
    assert other_forms("soybean imports", vocabulary) == []


def test_a_group_is_asked_only_by_a_whole_member():
    assert groups(set(content_terms("self-driving taxis")))
    assert not groups(set(content_terms("driving forces")))  # "driving" alone is no self-driving


def test_other_forms_of_written_words_are_for_word_search_only():
    vocabulary = frozenset({"chips", "semiconductor"})
    assert other_forms("chip firms", vocabulary) == []
    assert other_forms("chip firms", vocabulary, written_too=True) == ["semiconductor"]


def test_a_written_word_also_finds_the_briefs_other_form(assistant):
    s = assistant.session()
    s.ask("Which chip designs did Tencent announce?")
    ans = s.ask("any other chip news from that brief?")
    assert ans.answerable and "Naura" in ans.citations[0].quote  # "semiconductor equipment manufacturer"


def test_leaving_a_market_is_ending_a_presence(assistant):
    ans = assistant.ask("Which foreign firm exited China in 2021?")
    assert ans.answerable and "Yahoo" in ans.citations[0].quote


def test_one_of_two_alternatives_found_through_its_equivalent_holds_the_other():
    # "robotaxis or autonomous driving": a line writing "self-driving" holds "autonomous driving"
    # (an equivalent form), and so the alternative it was offered with
    terms = content_terms("unmanned cars or autonomous driving")
    scorer = Scorer(terms, {"self": 2, "drive": 3}, 40, alternatives=[frozenset({"car", "autonom"})],
                    related=groups(set(terms)))
    # "self-driving" is "autonomous driving" (an equivalent form), so the line holds "cars" too
    assert {"car", "autonom"} <= scorer.terms_in("licences for self-driving taxis")


def test_a_tie_up_is_a_joint_venture():
    assert any(frozenset(content_terms("joint venture")) in g for g in groups(set(content_terms("carmaker tie-ups"))))


def test_foreign_is_overseas():
    assert any(frozenset(content_terms("overseas")) in g for g in groups(set(content_terms("foreign patents"))))


def test_a_word_whose_every_form_holds_it_stays_as_rare_as_unwritten():
    # "wind power" / "wind energy": a form counts only if the briefs write all of it, so a known
    # "power" does not make the never-written "wind" common
    terms = content_terms("wind power")
    scorer = Scorer(terms, {"power": 5, "energi": 9}, 84, related=groups(set(terms)))
    assert scorer.weights["wind"] > scorer.weights["power"]
    assert not scorer.has_rarest("upgrading coal power plants", k=1)
