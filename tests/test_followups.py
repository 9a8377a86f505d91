"""Conversations: what a follow-up points back to, and what it asks of that item. Pure
functions first, then sessions on the real corpus through the public API."""
import pytest

from assistant.answertypes import answer_type
from assistant.lexicon import COMPARE, FACET_ASSESSMENT, FACET_ISSUER

BATTERY_2022 = "merics-china-industries-2022-11#top5-2"
HIDZ_2022 = "merics-china-industries-2022-11#top5-4"
IP_SMES_2022 = "merics-china-industries-2022-11#top5-3"
VR_2022 = "merics-china-industries-2022-11#top5-5"


@pytest.mark.parametrize("question, kind", [
    ("output of that plant?", "figure"),  # a value noun of something pointed back to asks that value
    ("total cost of the deal?", "money"),
    ("the investors of that fund?", "organisation"),
    ("fines?", ""),  # a bare value noun stays a subject
    ("In what year are emissions meant to peak?", "deadline"),
    ("which year is the plant supposed to open?", "deadline"),
    ("What nickel price per tonne does the notice name?", "money"),  # several words before "price"
    ("钢材价格上限是多少？", "money"),
    ("so what for foreign carmakers?", ""),  # "what … for firms" asks no name: the preposition ends it
    ("which others apart from Shell and BASF?", "organisation"),  # names beyond those given
])
def test_answer_types_read_in_conversation(question, kind):
    assert answer_type(question) == kind


def test_so_what_asks_for_the_view_and_put_out_for_the_issuer():
    assert FACET_ASSESSMENT.search("so what for European suppliers?")
    assert not FACET_ASSESSMENT.search("what is the plan for, so to speak?")
    assert FACET_ISSUER.search("and who put it out?")
    assert FACET_ASSESSMENT.search("what problem is the steel notice trying to solve?")


def test_a_value_compared_with_a_clause_compares_no_periods():
    assert COMPARE.search("Compare the two battery notices")
    assert COMPARE.search("2021 vs. 2022")
    assert not COMPARE.search("what output is planned, versus how much there is now?")
    assert not COMPARE.search("the output compared with what it was")


def _last(assistant, *questions):
    s = assistant.session()
    ans = None
    for q in questions:
        ans = s.ask(q)
    return ans


def test_a_bare_company_is_a_new_subject_even_beside_a_similar_item(assistant):
    ans = _last(assistant, "What is the BMW-Brilliance venture spending money on?", "Renault?")
    assert ans.answerable and "Renault" in ans.citations[0].quote


def test_asked_only_whether_it_names_firms_any_sentence_of_the_item_answers(assistant):
    ans = _last(assistant, "Summarise the MIIT-SAMR battery notice of 2022.", "why are policymakers worried?",
                "Are any companies named in it?")
    assert ans.answerable and ans.citations[0].item_id == BATTERY_2022 and "CATL" in ans.text


def test_else_after_picking_a_listed_item_asks_more_of_that_item(assistant):
    ans = _last(assistant, "Which 2022 corporate news mentions BASF?", "the carbon capture one, who else is involved?")
    assert ans.answerable and len(ans.citations) == 1 and "Sinopec" in ans.citations[0].quote


def test_so_what_is_the_view_of_the_item_discussed(assistant):
    first = assistant.ask("Tell me about the 2021 API industry plan.")
    ans = _last(assistant, "Tell me about the 2021 API industry plan.", "so what for foreign companies?")
    assert ans.answerable and ans.citations[0].item_id == first.citations[0].item_id
    assert ans.facet == "comment"


def test_a_year_the_item_discussed_does_not_give_is_not_taken_from_another(assistant):
    ans = _last(assistant, "What did the building materials carbon peaking plan set out?",
                "In what year are emissions meant to peak?")
    assert not ans.answerable  # the non-ferrous plan's "by 2025" is another plan's target


def test_the_view_asked_with_a_judgement_word_is_of_the_item_discussed(assistant):
    ans = _last(assistant, "What does MOST's high-tech zone plan aim for?", "Is MERICS convinced the goals are attainable?")
    assert ans.answerable and ans.citations[0].item_id == HIDZ_2022 and "uphill battle" in ans.text


def test_the_x_one_picks_an_earlier_listed_item_by_its_name(assistant):
    ans = _last(assistant, "List the 2022 items about SMEs.", "what does the stock exchange one do?",
                "how many exchanges are planned, and in which cities?", "the IP one - which body put it out?")
    assert ans.answerable and [c.item_id for c in ans.citations] == [IP_SMES_2022] and "CNIPA" in ans.text


def test_a_company_in_another_item_is_found_past_the_one_cited(assistant):
    ans = _last(assistant, "Tell me about the central SOE projects announced in October 2022.",
                "does Baowu appear in any other item?")
    assert ans.answerable and "Shell" in ans.citations[0].quote


def test_a_measure_asked_of_the_item_discussed_is_not_given_by_its_other_figures(assistant):
    assert not _last(assistant, "Xiaomi's EV plans in 2021?", "annual output of that factory?").answerable


def test_a_part_asked_for_something_must_be_stated_of_it(assistant):
    opening = "Summarise the State Council's IP five-year plan."
    assert not _last(assistant, opening, "does it set a goal for trade secret lawsuits?").answerable
    assert _last(assistant, opening, "does it set a goal for overseas patents?").answerable


def test_a_new_subject_after_and_is_not_read_into_the_item_discussed(assistant):
    ans = _last(assistant, "What are the goals of the 2022 VR plan?", "and quantum tech, then?")
    assert ans.answerable and VR_2022 not in {c.item_id for c in ans.citations} and "quantum" in ans.text.lower()


def test_a_kind_of_company_the_cited_items_lack_is_a_new_subject(assistant):
    ans = _last(assistant, "Summarise MOFCOM's foreign trade plan from the 2021 brief.",
                "Did an American firm pull out of China in the same month?")
    assert ans.answerable and "Yahoo" in ans.citations[0].quote


def test_the_other_one_of_two_is_the_item_not_yet_discussed(assistant):
    ans = _last(assistant, "List the photovoltaic items of November 2022.", "who issued the first one?",
                "how high is their polysilicon price limit?", "the other item: what stage are its pilots at?")
    assert ans.answerable and len(ans.citations) == 1 and "third batch" in ans.citations[0].quote


def test_another_year_after_drilling_into_one_item_asks_the_list_again(assistant):
    # an item is in one brief only: the other year's counterpart is of the list it was picked from
    ans = _last(assistant, "Name the 2022 corporate news about carmakers.", "by when will GM's venture invest that money?",
                "and in 2021?")
    quotes = " ".join(c.quote for c in ans.citations)
    assert ans.answerable and "Tesla" in quotes and "Xiaomi" in quotes


def test_source_asks_where_the_item_discussed_comes_from(assistant):
    ans = _last(assistant, "Which MOFCOM document came out in late 2021?", "source?")
    assert ans.answerable and "foreign trade" in ans.citations[0].quote
    assert "South China Morning Post" in ans.text


def test_a_list_with_its_own_period_kind_and_selection_after_and_is_whole(assistant):
    ans = _last(assistant, "Which 2021 Top 5 items were drafts?", "What about 2022: Top 5 items with several issuers?")
    assert ans.answerable and {c.item_id for c in ans.citations} == {BATTERY_2022, IP_SMES_2022, VR_2022}


def test_a_kind_of_company_alone_after_one_item_asks_for_those_it_names(assistant):
    ans = _last(assistant, "Summarise MIIT's virtual reality plan of late 2022.", "Which American firms are named?")
    assert ans.answerable and [c.item_id for c in ans.citations] == [VR_2022] and "Microsoft" in ans.text


API_2021 = "merics-china-industries-2021-11#top5-4"
BATTERY_2021 = "merics-china-industries-2021-11#top5-3"
PI_CERT_2022 = "merics-china-industries-2022-11#policy_news-7"


def test_the_other_brief_is_the_brief_not_yet_discussed(assistant):
    # the data-export draft of 2021, then the same subject in the brief not discussed
    ans = _last(assistant, "Tell me about the 2021 CAC rules on data leaving China.", "anything comparable in the other edition?")
    assert ans.answerable and ans.citations[0].item_id == PI_CERT_2022


def test_the_previous_brief_counts_briefs_back_from_the_one_discussed(assistant):
    s = assistant.session()
    s.ask("Tell me about the 2022 battery notice")
    ans = s.ask("and in the previous brief?")
    assert ans.answerable and ans.citations[0].item_id == BATTERY_2021
    assert "Nothing dated" not in ans.text  # a period the conversation points to is not widened
    assert s.history[-1].plan.filters.brief_months == frozenset({"2021-11"})


def test_a_brief_before_the_first_is_not_covered(assistant):
    ans = _last(assistant, "Tell me about the 2021 API plan", "and in the previous brief?")
    assert not ans.answerable


def test_a_subject_missing_from_the_other_brief_is_not_answered_by_the_one_discussed(assistant):
    ans = _last(assistant, "Tell me about the 2021 API plan", "what about the other brief?")
    assert not ans.citations or all(c.item_id != API_2021 for c in ans.citations)


def test_another_year_after_several_details_is_of_the_subject_that_started_the_thread(assistant):
    # the last turn asks MERICS's view in words of its own; the year switch is of the notice
    ans = _last(assistant, "What's the 2022 lithium battery notice about?", "who put it out?",
                "what worries Beijing here, in MERICS's reading?", "and the year before?")
    assert ans.answerable and ans.citations[0].item_id == BATTERY_2021


def test_the_other_brief_is_a_period_not_other_items():
    from assistant.followups import asks_other, points_to_period
    assert points_to_period("anything like it in the other brief?")
    assert points_to_period("and in the previous edition?")
    assert not asks_other("and in the other brief?")
    assert asks_other("any other battery news?")


@pytest.mark.parametrize("question, kind", [
    ("How does the draft define important data?", "definition"),
    ("what counts as a key enterprise here?", "definition"),
    ("What is meant by 'little giants'?", "definition"),
    ("Does it name a particular corporation?", "organisation"),
    ("Which multinationals are named?", "organisation"),
    ("Is it relevant for multinational corporations?", ""),  # "for" ends the noun phrase: no name asked (a guard)
])
def test_definitions_and_named_companies_are_answer_types(question, kind):
    assert answer_type(question) == kind


def test_a_term_used_but_not_defined_is_a_near_miss(assistant):
    ans = _last(assistant, "the CAC's 2021 draft rules on administering cyber data security - what are they?",
                "how does it define core data?")
    assert not ans.answerable


HIDZ_PLAN = "merics-china-industries-2022-11#top5-4"


def test_the_rest_of_a_list_once_some_were_picked_out(assistant):
    s = assistant.session()
    listed = s.ask("Which NDRC items are in the 2021 brief?")
    picked = s.ask("which one is about coal?")
    rest = s.ask("and the other ones?")
    left = {c.item_id for c in listed.citations} - {c.item_id for c in picked.citations}
    assert len(left) >= 2 and {c.item_id for c in rest.citations} == left


def test_that_compared_with_a_named_item_is_the_item_just_discussed(assistant):
    ans = _last(assistant, "What goals does the VR plan set?", "how does this compare to the HIDZ plan?")
    assert {c.item_id for c in ans.citations} == {VR_2022, HIDZ_PLAN}


def test_an_item_before_the_comparing_verb_is_a_side():
    from assistant.query import item_sides
    assert item_sides("How does the VR plan compare with the HIDZ plan?") == ("the VR plan", "the HIDZ plan")
    assert item_sides("how does the API plan differ from the IPR plan?") == ("the API plan", "the IPR plan")
    # "and" inside a quoted headline joins no sides
    assert item_sides("how does “Boost for chips and batteries” compare with the HIDZ plan?")[1] == "the HIDZ plan"


def test_a_pronoun_for_a_subject_the_question_names_itself(assistant):
    ans = _last(assistant, "Batteries in the 2022 brief: what is there?", "then the VR plan: what are its goals?")
    assert ans.answerable and ans.citations[0].item_id == VR_2022


def test_going_back_to_an_item_of_an_earlier_answer(assistant):
    ans = _last(assistant, "Batteries in the 2022 brief: what is there?", "Different topic: the VR action plan of 2022.",
                "revisit the battery one: what's MERICS's view?")
    # two earlier items fit "battery"; MERICS's view is asked of the one that carries a comment
    assert ans.answerable and ans.citations[0].item_id == BATTERY_2022


def test_the_two_are_the_items_just_listed(assistant):
    s = assistant.session()
    listed = {c.item_id for c in s.ask("Which Top-5 items deal with intellectual property?").citations}
    ans = s.ask("And what is the difference between the two?")
    assert ans.answerable and len(ans.citations) == 2 and {c.item_id for c in ans.citations} <= listed
    assert s.ask("Which body put out the 2022 one?").citations[0].item_id == IP_SMES_2022


def test_another_thing_with_a_subject_of_its_own_is_not_kept_to_the_last_period(assistant):
    s = assistant.session()
    s.ask("Central SOEs: what did they unveil at the end of October 2022?")
    ans = s.ask("MERICS names another new SOE when discussing batteries. What was it?")
    assert ans.answerable and ans.citations[0].item_id == BATTERY_2022
    assert "Mineral group" in ans.text


def test_the_other_item_of_an_issuer_is_found_past_its_first_ranked_item(assistant):
    s = assistant.session()
    s.ask("Who launched the 2021 initiative on AI medical devices?")
    ans = s.ask("What's the aim of the other MIIT item from 2021, on drugs?")  # its first-ranked MIIT item is off the subject
    assert ans.answerable and "API" in ans.text


NAURA_2021 = "merics-china-industries-2021-11#corporate_news-3"
TENCENT_2021 = "merics-china-industries-2021-11#corporate_news-2"
AI_MEDICAL_2021 = "merics-china-industries-2021-11#policy_news-4"
PV_MEASURES_2022 = "merics-china-industries-2022-11#policy_news-2"
PV_PILOTS_2022 = "merics-china-industries-2022-11#policy_news-4"
SOES_2022 = "merics-china-industries-2022-11#corporate_news-1"
AVIATION_2022 = "merics-china-industries-2022-11#corporate_news-3"


def test_a_company_on_the_same_day_is_searched_on_that_day(assistant):
    ans = _last(assistant, "What did Naura announce in November 2021?", "and tencent on that same day?")
    assert ans.answerable and [c.item_id for c in ans.citations] == [TENCENT_2021]
    # Xiaomi's news is of another day: the day is a filter, not a hint; another day's item is said to be so
    ans = _last(assistant, "What did Naura announce in November 2021?", "and Xiaomi on that same day?")
    assert not ans.answerable or any(n.startswith("Nothing dated") for n in ans.notices)
    assert NAURA_2021 not in [c.item_id for c in ans.citations]


def test_an_issuing_body_the_items_discussed_never_name_is_not_answered_by_them(assistant):
    ans = _last(assistant, "Summarise what the CAC proposed on exporting data in 2021.",
                "does MOFCOM's export control law apply as well?")
    assert not ans.answerable


def test_which_of_a_list_a_body_named_by_description_chose(assistant):
    ans = _last(assistant, "What did MIIT release in November 2021?", "which of these involves the medical products regulator?")
    assert ans.answerable and [c.item_id for c in ans.citations] == [AI_MEDICAL_2021]


def test_a_bare_ordinal_points_at_a_row_whatever_words_follow(assistant):
    ans = _last(assistant, "List the 2022 corporate news about state-owned firms.",
                "and the first - give me a few of the companies")
    assert ans.answerable and [c.item_id for c in ans.citations] == [SOES_2022] and "COFCO" in ans.text


def test_a_plural_of_items_with_a_clause_is_a_list_of_that_section():
    from assistant.query import CorpusInfo, plan
    p = plan("2022 corporate items that name a state-owned buyer?", CorpusInfo(brief_months=("2022-11",), years=(2022,)))
    assert p.enumerate and p.filters.kinds == {"corporate_news"}


def test_guesses_the_items_never_name_are_not_confirmed(assistant):
    ans = _last(assistant, "What goal does the non-ferrous carbon plan set for recycled metal?",
                "which metals does it name - nickel, cobalt?")
    assert not ans.answerable and "nickel" in ans.text
    # one phrase after a dash asks for a part of the item, not a guess
    ans = _last(assistant, "2022 items on carbon peaking in industry?", "the non-ferrous one - target?")
    assert ans.answerable and "24 percent" in ans.text


def test_the_other_one_after_a_detail_one_item_lacked(assistant):
    ans = _last(assistant, "solar items of 2022?", "the smart pilots - how many cities take part?",
                "and the remaining one, who signed it?")
    assert ans.answerable and [c.item_id for c in ans.citations] == [PV_MEASURES_2022]


def test_acknowledgements_item_nouns_and_value_nouns_name_no_topic():
    from assistant.followups import topic_terms
    from assistant.query import CorpusInfo, plan
    for q in ("okay, and that entry - what date is on it?", "the one with figures - what is the number?"):
        assert topic_terms(plan(q, CorpusInfo(brief_months=("2022-11",), years=(2022,)))) == []


MOST_TECH_MARKET_2022 = "merics-china-industries-2022-11#top5-1"


def test_a_policy_named_by_a_definite_phrase_is_a_new_subject_whatever_pronoun_follows(assistant):
    ans = _last(assistant, "Which plan for high-tech zones did the science ministry issue in 2022?",
                "and what about the technology factors plan - what is its main target?")
    assert ans.answerable and [c.item_id for c in ans.citations] == [MOST_TECH_MARKET_2022]


def test_news_lines_answering_together_are_listed_in_date_order(assistant):
    ans = assistant.ask("photovoltaics: anything in November 2022?")
    assert [c.item_id for c in ans.citations] == [PV_MEASURES_2022, PV_PILOTS_2022]  # October 28, then November 11


CCUS_2022 = "merics-china-industries-2022-11#corporate_news-2"
DATA_EXPORT_2021 = "merics-china-industries-2021-11#top5-5"


def test_the_two_after_two_turns_on_one_item_each_is_both_items(assistant):
    ans = _last(assistant, "For 2025, which goals are in the HIDZ plan?",
                "what about the goals of MOST's plan for a market in technology?", "when were the two released?")
    assert ans.answerable and {c.item_id for c in ans.citations} == {HIDZ_2022, MOST_TECH_MARKET_2022}
    assert "October 25, 2022" in ans.text and "November 9, 2022" in ans.text


@pytest.mark.parametrize("turns, meant", [
    # a repair keeps the topic, in the period it names
    (("Who put out the 2022 lithium battery notice?", "sorry - I mean the 2021 one"), BATTERY_2021),
    # "elsewhere" asks for items beyond those cited
    (("Which companies signed the carbon capture memorandum?", "is Baowu mentioned elsewhere in that brief?"), SOES_2022),
    # a short value question whose own words another item fits clearly better is about that item
    (("Who issued the VR plan?", "which firms are exploring carbon capture?"), CCUS_2022),
])
def test_a_turn_is_answered_by_the_item_it_means(assistant, turns, meant):
    ans = _last(assistant, *turns)
    assert ans.answerable and [c.item_id for c in ans.citations] == [meant]


def test_a_comparison_of_the_item_just_discussed_with_another_named_as_an_item(assistant):
    ans = _last(assistant, "What should foreign firms worry about in the data export draft?",
                "compare that with the VR item")
    assert ans.answerable and {c.item_id for c in ans.citations} == {DATA_EXPORT_2021, VR_2022}


def test_the_thing_stands_for_an_item_like_the_one():
    from assistant.followups import topic_terms
    from assistant.query import CorpusInfo, plan
    info = CorpusInfo(brief_months=("2021-11",), years=(2021,))
    assert topic_terms(plan("and the medical devices thing?", info)) == topic_terms(plan("and the medical devices one?", info))
    assert "thing" not in " ".join(topic_terms(plan("what about that drone stuff?", info)))


def test_the_later_one_is_the_item_dated_later_of_those_discussed(assistant):
    ans = _last(assistant, "Who issued the 2021 battery industry draft?", "and the 2022 battery notice?",
                "back to the earlier one: is it binding?")
    assert ans.citations and ans.citations[0].item_id == BATTERY_2021


def test_upgraded_first_is_content_but_came_out_first_asks_for_dates():
    from assistant.lexicon import ASKS_ORDER
    assert ASKS_ORDER.search("which of them came out first?") and ASKS_ORDER.search("which was issued earlier?")
    assert not ASKS_ORDER.search("which zones will be upgraded first?")
