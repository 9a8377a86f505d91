"""Answers built on the item's structure, through the public API on the real corpus."""
from assistant.render import markers

BATTERY_2021 = "merics-china-industries-2021-11#top5-3"
BATTERY_2022 = "merics-china-industries-2022-11#top5-2"


def test_asking_for_measures_quotes_the_whole_bullet_list(assistant):
    ans = assistant.ask("What does the 2022 lithium-ion battery supply chain notice require?")
    item = assistant.item(BATTERY_2022)
    assert ans.answerable and ans.facet == "measures"
    assert all(b in ans.text for b in item.bullets)


def test_asking_for_merics_view_quotes_the_comment(assistant):
    ans = assistant.ask("Will the 2022 battery supply chain notice work, in MERICS's view?")
    item = assistant.item(BATTERY_2022)
    n = next(c.n for c in ans.citations if c.item_id == BATTERY_2022)
    quoted = [line[2:].rsplit(" [", 1)[0] for line in ans.text.splitlines()
              if line.startswith("- ") and line.endswith(f"[{n}]")]
    assert ans.facet == "comment" and quoted
    assert all(q in item.comment for q in quoted)


def test_words_of_change_and_requests_for_detail_are_no_subject(assistant):
    ans = assistant.ask("How did battery policy's thrust shift from the November 2021 brief to the November 2022 one?")
    assert ans.answerable and {BATTERY_2021, BATTERY_2022} <= {c.item_id for c in ans.citations}
    ans = assistant.ask("Renault's deal: details, please.")
    assert ans.answerable and "Geely" in ans.citations[0].quote


def test_a_phrase_quoted_from_an_item_names_it(assistant):
    ans = assistant.ask("Where do 'little giants' fit in?")
    assert ans.answerable and ans.citations[0].item_id == "merics-china-industries-2022-11#top5-3"
    assert not assistant.ask("Where do 'little dragons' fit in?").answerable


def test_the_sentences_writing_a_quoted_phrase_come_first(assistant):
    ans = assistant.ask("How do the 2022 IP measures treat 'little giant' firms?")
    assert ans.answerable and "selection pool" in ans.text


def test_two_named_periods_are_compared_without_the_word_compare(assistant):
    ans = assistant.ask("lithium battery rules in Nov 2021 and Nov 2022?")
    assert ans.periods == ["2021", "2022"]
    assert {BATTERY_2021, BATTERY_2022} <= {c.item_id for c in ans.citations}
    assert "| Issued by | MIIT | MIIT, SAMR |" in ans.text
    assert "SAMR joined" in ans.text  # what changed, computed from the issuers of both periods
    assert set(markers(ans.text)) == {c.n for c in ans.citations}


def test_a_near_miss_names_what_is_missing_and_cites_nothing(assistant):
    ans = assistant.ask("How much is the fine for hoarding batteries under the 2022 notice?")
    assert not ans.answerable and not ans.citations and ans.reason == "value_missing"
    assert "amount" in ans.text


def test_a_yes_no_question_about_a_provision_needs_an_item_that_names_it(assistant):
    ans = assistant.ask("Does the 2021 lithium-ion battery draft offer subsidies to battery makers?")
    assert not ans.answerable and not ans.citations and "subsidies" in ans.text
    ans = assistant.ask("Does the HIDZ plan include artificial intelligence among its priority sectors?")
    assert ans.answerable and "artificial intelligence" in ans.text
    ans = assistant.ask("Does the ICT plan set a target for 5G base towers?")  # a facet, stated in its own words
    assert ans.answerable and "5G base towers" in ans.text


def test_a_paraphrase_with_none_of_the_brief_s_words_finds_the_item_that_stands_out(assistant):
    ans = assistant.ask("Which US web company walked away from China?")
    assert ans.answerable and "Yahoo" in ans.text
    ans = assistant.ask("Who may now collect fares for driverless taxi rides in the capital?")
    assert ans.answerable and "Baidu and Pony.ai" in ans.text
    ans = assistant.ask("What did China promise about cutting methane?")  # a carbon-capture deal stands out, by meaning only
    assert not ans.answerable and not ans.citations


def test_the_name_of_a_person_is_no_policy_name_and_a_closing_date_is_no_item_date(assistant):
    from assistant.facets import classify
    ans = assistant.ask("What is the name of the MIIT official who announced the ICT plan?")
    assert not ans.answerable and "person" in ans.text
    ans = assistant.ask("When does the consultation on the 2021 lithium-ion battery industry regulatory conditions draft close?")
    assert not ans.answerable and "deadline" in ans.text
    ans = assistant.ask("When did the CAC release its draft on data export security evaluation?")
    assert ans.answerable and "October 29, 2021" in ans.text
    assert classify("How long is the public comment period?") != "comment"  # the consultation, not MERICS's view
    assert classify("What does the Draft for Comment require?") != "comment"


def test_a_deadline_answers_only_for_what_it_ends(assistant):
    from assistant.answertypes import value_head
    assert value_head("When does the public consultation period for the battery draft close?") == ("public", "consult")
    ans = assistant.ask("When does the public comment period for the 2021 data export security draft close?")
    assert not ans.answerable and not ans.citations  # its one time limit is for the assessments
    ans = assistant.ask("When must the data transfer assessments be completed?")
    assert ans.answerable and "45 days" in ans.text


def test_a_spelled_out_acronym_finds_the_item(assistant):
    ans = assistant.ask("What does the five-year plan for information and communication technology aim for?")
    assert ans.answerable and ans.citations[0].item_id == "merics-china-industries-2021-11#top5-1"


def test_an_item_closer_in_meaning_answers_when_the_best_ranked_is_off_topic():
    from assistant.answer import compose
    from assistant.evidence import Scorer
    from assistant.models import Hit
    from assistant.query import Filters, QueryPlan
    from assistant.settings import AnswerSettings

    def hit(item_id, text, score, dense):
        meta = {"kind": "top5", "headline": item_id, "brief_id": "b", "date": "2021-11-09"}
        return Hit(node_id=item_id, item_id=item_id, text=text, section="glance", metadata=meta, score=score, dense=dense)

    q = "What about raw materials for medicines?"
    p = QueryPlan(question=q, topic=q, filters=Filters())
    scorer = Scorer(["raw", "materi", "medicin"], {"raw": 2, "materi": 5, "medicin": 3}, 40)
    # ranked first by shared words, but about something else; second: close in meaning
    hits = [hit("raw-figures", "Raw figures on steel output were revised.", 0.9, 0.05),
            hit("api-plan", "A plan for medicines made from better ingredients.", 0.5, 0.7)]
    s = AnswerSettings()
    ans = compose(p, hits, scorer, s)
    assert ans.answerable and ans.citations[0].item_id == "api-plan"
    assert not compose(p, hits, scorer, s.model_copy(update={"judge_depth": 1})).answerable  # the top item alone does not


def test_an_answer_widened_past_the_asked_dates_needs_the_question_s_most_specific_word():
    from assistant.evidence import ItemHits, Scorer
    from assistant.judge import answerable
    from assistant.models import Hit
    from assistant.settings import AnswerSettings

    # close in meaning and sharing a common word ("export"), but not the specific ones
    text = "Companies exporting data abroad must pass a security assessment."
    item = ItemHits("data", {"kind": "top5", "headline": "Data rules"},
                    [Hit(node_id="data", item_id="data", text=text, section="glance", metadata={}, score=1.0, dense=0.55)])
    scorer = Scorer(["semiconductor", "export", "control"], {"semiconductor": 1, "export": 6, "control": 3}, 40)
    s = AnswerSettings()
    assert answerable(item, scorer, s)  # within the asked dates, meaning and a shared word will do
    assert not answerable(item, scorer, s, strict=True)  # from other dates, it must hold a most specific word


def test_a_comparison_side_cites_a_neighbour_only_if_it_is_nearly_as_much_on_the_theme(assistant):
    ans = assistant.ask("Compare MIIT's battery draft of 2021 with the 2022 supply chain notice")
    assert ans.answerable and [c.item_id for c in ans.citations] == [BATTERY_2021, BATTERY_2022]


def test_a_theme_a_period_covers_in_several_items_is_all_of_them_side_by_side(assistant):
    ans = assistant.ask("Compare carmakers' investment news in 2021 and 2022")
    cited = [c.quote for c in ans.citations]
    assert ans.answerable and ans.periods == ["2021", "2022"]
    for firm in ("Tesla", "Renault", "General Motors", "BMW"):  # the 2022 side has three
        assert any(firm in q for q in cited), firm


def test_examples_of_what_a_list_is_of_each_bring_their_items(assistant):
    ans = assistant.ask("List the 2021 corporate news on computing hardware or transport - chips, self-driving taxis, electric vehicles")
    cited = " ".join(c.quote for c in ans.citations)
    for firm in ("Tencent", "Pony.ai", "Xiaomi"):
        assert firm in cited, firm


def test_an_item_stands_out_only_if_it_leads_the_next_by_a_margin():
    """Pure: two items about equally close in meaning both merely resemble the question."""
    from assistant.evidence import ItemHits, Scorer
    from assistant.judge import stands_out
    from assistant.models import Hit, Item
    from assistant.settings import AnswerSettings

    def item(n: int, dense: float) -> ItemHits:
        hit = Hit(node_id=str(n), item_id=str(n), text="", section="news", metadata={}, score=1.0, dense=dense)
        return ItemHits(str(n), {}, [hit], Item(item_id=str(n), brief_id="b", kind="corporate_news", date=None,
                                               headline=f"headline {n}"))

    s = AnswerSettings()
    scorer = Scorer([], {}, 1, similarity=lambda names: [s.standout_min_headline] * len(names))
    alone = [item(1, 0.55), item(2, 0.55 - s.standout_margin - 0.01)]
    assert stands_out(alone, scorer, s) is alone[0]
    close = [item(1, 0.55), item(2, 0.55 - s.standout_margin + 0.01)]
    assert stands_out(close, scorer, s) is None
    low = [item(1, s.standout_min_dense - 0.01), item(2, 0.0)]
    assert stands_out(low, scorer, s) is None


def test_the_item_answered_shows_its_policys_official_name(assistant):
    ans = assistant.ask("What did the State Council set out on intellectual property in 2021?")
    first = ans.text.splitlines()[0]
    assert "Intellectual Property Protection and Utilization" in first  # the name, beside MERICS's headline


def test_a_body_named_on_one_side_of_a_comparison_is_the_subject_of_both(assistant):
    ans = assistant.ask("Set the CAC's 2021 export-data draft against the data rules it adopted in 2022: how do they differ?")
    by_year = {c.date[:4]: c for c in ans.citations}
    assert "CAC" in by_year["2022"].issuers or "Cyberspace" in by_year["2022"].quote


def test_two_items_named_in_a_comparison_are_its_sides(assistant):
    from assistant.query import item_sides
    assert item_sides("Which was issued first: the MIIT battery notice or the NDRC coal plan?") == (
        "the MIIT battery notice", "the NDRC coal plan")
    assert item_sides("How did battery rules change between 2021 and 2022?") == ()
    from assistant.query import plan
    dated = plan("Compare the 2021 battery draft with the 2022 battery notice.", assistant.info)
    assert dated.compare == (2021, 2022) and not dated.item_sides  # a year on each side: the years are the sides
    framed = plan("Batteries 2021 vs 2022: how did the draft conditions differ from the supply-chain notice?", assistant.info)
    assert framed.compare == (2021, 2022) and not framed.item_sides
    ans = assistant.ask("Which came first, the VR action plan or the ICT industry plan?")
    assert {b.title for b in ans.blocks if b.kind == "section"} == {"The VR action plan", "The ICT industry plan"}
    assert len({c.item_id for c in ans.citations}) == 2
    assert "the ICT industry plan came first" in ans.text  # November 2021, a year before the VR plan


def test_another_countrys_action_is_not_answered_by_an_item_that_never_names_it(assistant):
    assert not assistant.ask("Japan's chip export controls?").answerable
    # a country named as a kind of company is the company data's concern, not this check
    assert assistant.ask("What does the VR plan mean for US firms?").answerable


def test_an_issuer_named_is_a_constraint_not_the_subject(assistant):
    # every MIIT item holds "MIIT": whether it issued anything on a subject is decided by the subject
    assert not assistant.ask("Did the CAC publish anything on batteries?").answerable
    assert not assistant.ask("Has MIIT got any chip policy in the 2022 brief?").answerable
    assert assistant.ask("Did MIIT put out anything on batteries?").answerable


def test_a_subject_the_briefs_never_write_is_not_answered_by_a_shared_common_word(assistant):
    assert not assistant.ask("Anything on wind power?").answerable


NAURA_2021 = "merics-china-industries-2021-11#corporate_news-3"
VR_2022 = "merics-china-industries-2022-11#top5-5"


def test_policy_documents_are_not_answered_by_company_news(assistant):
    ans = assistant.ask("Are there policy documents on semiconductor equipment makers?")
    assert NAURA_2021 not in {c.item_id for c in ans.citations}


def test_an_official_push_is_any_policy_and_sales_are_what_is_sold(assistant):
    ans = assistant.ask("Was there an official push to bring VR into factories? What are its sales goals?")
    assert ans.answerable and ans.citations[0].item_id == VR_2022 and "25 million" in ans.text


def test_sections_to_include_widen_a_list_and_a_plural_then_how_many_is_a_count():
    from assistant.query import CorpusInfo, plan
    info = CorpusInfo(brief_months=("2022-11",), years=(2022,))
    p = plan("Which 2022 items did MOST issue? Include the news items too.", info)
    assert p.enumerate and not p.filters.kinds
    p = plan("2022 notices on metals or cement: how many?", info)
    assert p.enumerate and p.count
