"""What an answer is made of: the asked value next to what it counts, the whole facet of the
main item, the items a question names, and words written more than one way. Pure functions
first, then the real corpus through the public API."""
import pytest

from assistant.agencies import Agencies
from assistant.answertypes import answer_type, value_head
from assistant.evidence import Scorer
from assistant.query import plan
from assistant.text import content_terms

VR_2022 = "merics-china-industries-2022-11#top5-5"
HIDZ_2022 = "merics-china-industries-2022-11#top5-4"
BATTERY_2021 = "merics-china-industries-2021-11#top5-3"
BATTERY_2022 = "merics-china-industries-2022-11#top5-2"


@pytest.mark.parametrize("question, head", [
    ("How many charging stations will be built?", ("charg", "station")),
    ("What share of the country's exports goes to Europe?", ("countri", "export")),
    ("What percentage of its revenue does a firm spend?", ("revenu",)),
    ("How much money did the fund raise?", ()),  # 'money' names the kind of value, not what it counts
    ("What annual output will the plant reach?", ("annual", "output")),
    ("When was it issued?", ()),
    ("How many patents held abroad will there be?", ("patent",)),  # a participle after the noun ends it
    ("What share of the region's granted licences goes abroad?", ("region", "grant", "licens")),  # before it, not
])
def test_value_head_is_the_noun_the_value_counts(question, head):
    assert value_head(question) == head


@pytest.mark.parametrize("question, kind", [
    ("What fine do firms face?", "money"),
    ("What price cap applies to polysilicon?", "money"),
    ("What price controls does the plan set?", ""),  # a measure, not an amount
    ("What cost-cutting steps are planned?", ""),
    ("Which deputy minister presented the plan?", "person"),
    ("What yearly capacity will the factory have?", "figure"),
    ("When does the consultation close?", "deadline"),
    ("How much will the new state firm be capitalised with?", "money"),
    ("By what date must applications be filed?", "deadline"),  # a deadline, not the item's release date
    ("What date must the reports be submitted by?", "deadline"),
    ("What is the 2030 goal for the number of charging piles?", "figure"),
    ("Which four provinces get the new parks?", "place"),  # how many are asked for sits before the noun
    ("Which airlines take delivery of the jets?", "organisation"),  # firms named by their trade
])
def test_answer_types_read_without_a_copula(question, kind):
    assert answer_type(question) == kind


def test_british_and_american_spellings_are_one_term():
    assert content_terms("organisation localisation centre labour") == \
        content_terms("organization localization center labor")
    assert content_terms("licences programme catalogue defence") == content_terms("licenses program catalog defense")
    assert content_terms("office license") == content_terms("office licence")  # 'office' is no 'offense'


def test_an_acronym_in_a_passage_holds_the_words_it_abbreviates():
    pairs = [("hidz", frozenset({"high", "tech", "industri", "develop", "zone"}))]
    scorer = Scorer(["zone"], {"zone": 3}, 100, synonyms=pairs)
    assert "zone" in scorer.terms_in("Establish roughly 220 HIDZ")
    assert scorer.coverage("Establish roughly 220 HIDZ") == 1.0


def test_agency_acronyms_in_lower_case_except_english_words():
    agencies = Agencies()
    assert agencies.find("what did miit and cnipa issue?") == ["MIIT", "CNIPA"]
    assert agencies.find("the most important plan") == []
    assert agencies.find("the MOST plan") == ["MOST"]
    assert agencies.find("everything the science ministry and the market regulator put out") == ["MOST", "SAMR"]


def test_alone_or_jointly_is_no_issuer_count(assistant):
    p = plan("What did MIIT publish, alone or jointly, in 2021?", assistant.info)
    assert not p.multi_issuer and p.issuer_keys == ("MIIT",) and p.enumerate
    assert plan("What did MIIT publish jointly in 2021?", assistant.info).multi_issuer


def test_a_word_starting_with_all_is_no_list_word(assistant):
    assert not plan("How many new plants will the rules allow?", assistant.info).enumerate
    assert plan("List all battery items", assistant.info).enumerate


def test_an_agency_chinese_name_is_no_policy_name(assistant):
    p = plan("国家知识产权局发布了什么？", assistant.info)
    assert p.named_items == () and p.issuer_keys == ("CNIPA",) and p.enumerate


# ── the real corpus ─────────────────────────────────────────────────────────────────────────

def test_a_figure_next_to_another_noun_does_not_answer_how_many(assistant):
    # The SME item states "16 measures" for SMEs, never how many SMEs are trained.
    ans = assistant.ask("How many SMEs will get IP trainings under the 2022 measures?")
    assert not ans.answerable and ans.reason == "value_missing"


def test_a_figure_next_to_the_counted_noun_answers(assistant):
    ans = assistant.ask("How many headsets does the VR plan want sold?")
    assert ans.answerable and "25 million" in ans.text
    assert ans.citations[0].item_id == VR_2022


def test_an_acronym_answers_for_its_spelled_out_noun(assistant):
    ans = assistant.ask("How many high-tech zones does MOST plan to have by 2025?")
    assert ans.answerable and "220" in ans.text and ans.citations[0].item_id == HIDZ_2022


def test_a_question_about_the_whole_item_gets_its_whole_bullet_list(assistant):
    ans = assistant.ask("Summarise the 2021 MIIT draft on lithium-ion battery makers")
    item = assistant.item(BATTERY_2021)
    assert ans.answerable and all(b in ans.text for b in item.bullets)


def test_asking_for_targets_gets_every_numeric_bullet(assistant):
    ans = assistant.ask("What are the targets of the high-tech zone plan?")
    item = assistant.item(HIDZ_2022)
    numeric = [b for b in item.bullets if any(ch.isdigit() for ch in b)]
    assert ans.answerable and numeric and all(b in ans.text for b in numeric)


def test_a_question_naming_one_item_cites_only_that_item(assistant):
    ans = assistant.ask("MERICS's view of the MIIT/SAMR notice on the lithium battery supply chain?")
    assert [c.item_id for c in ans.citations] == [BATTERY_2022]


def test_a_year_written_in_the_cited_item_is_its_content(assistant):
    chat = assistant.session()
    chat.ask("What are the goals of the virtual reality action plan?")
    ans = chat.ask("what was the industry worth in 2021?")
    assert ans.answerable and "58.39 billion" in ans.text
    assert [c.item_id for c in ans.citations] == [VR_2022]


@pytest.mark.parametrize("first, then, years", [
    ("What are the goals of the virtual reality action plan?", "and in 2021?", {2021}),  # a new period
    # "a year later" counts from the period just discussed, not from the newest brief
    ("What did the NDRC release in November 2021 on coal power plants?", "and one year later?", {2022}),
])
def test_a_follow_up_s_period(assistant, first, then, years):
    chat = assistant.session()
    chat.ask(first)
    chat.ask(then)
    assert chat.history[-1].plan.filters.years == frozenset(years)


def test_a_ranking_question_needs_a_sentence_that_ranks(assistant):
    assert answer_type("Which of the zones is the largest?") == "ranking"
    assert not assistant.ask("which single high-tech zone is the biggest by output?").answerable
    ans = assistant.ask("Where did BASF open its biggest facility?")
    assert ans.answerable and "Pinghu" in ans.text


def test_a_company_the_briefs_never_name_is_the_question_s_subject(assistant):
    # the carbon-capture item covers the rest of the question well; Siemens is not in it
    ans = assistant.ask("What did Shell, Sinopec and Siemens sign on carbon capture?")
    assert not ans.answerable and "Siemens" in ans.text


def test_a_year_belongs_to_the_figure_nearest_to_it(assistant):
    chat = assistant.session()
    chat.ask("What are the goals of the virtual reality action plan?")
    # the bullet says "CNY 58.39 billion in 2021 … sell over 25 million VR headsets" (a 2026 goal)
    assert not chat.ask("in 2021, how many headsets were bought?").answerable


def test_merics_view_is_the_whole_comment(assistant):
    ans = assistant.ask("What is MERICS's take on the ICT five-year plan?")
    comment = assistant.item("merics-china-industries-2021-11#top5-1").comment
    from assistant.text import sentences
    assert ans.answerable and all(x in ans.text for x in sentences(comment))


def test_issuers_are_named_as_the_source_note_writes_them(assistant):
    ans = assistant.ask("Who issued the virtual reality action plan?")
    assert "MIIT, MOE, MCT, NRTA and GASC" in ans.text


def test_a_chinese_value_question_goes_by_type_and_year(assistant):
    ans = assistant.ask("“十四五”国家高新技术产业开发区发展规划：到2025年研发投入强度目标是多少？")
    assert ans.answerable and "7.8 percent" in ans.text


def test_a_value_is_located_by_the_words_that_do_not_name_its_item(assistant):
    # "patents" and "IP plan" name the State Council item; "overseas" and "hold" locate the figure
    ans = assistant.ask("How many patents held abroad does the 2021 IPR protection plan target for 2025?")
    assert ans.answerable and "90,000" in ans.text


def test_comparison_sides_with_their_own_subjects(assistant):
    ans = assistant.ask("Xiaomi in 2021 versus Renault in 2022: what did each announce?")
    by_year = {c.brief[-7:-3]: c.item_id for c in ans.citations}
    texts = {y: assistant.item(i).full_text() for y, i in by_year.items()}
    assert "Xiaomi" in texts["2021"] and "Renault" in texts["2022"]


def test_a_short_question_of_facet_words_follows_up(assistant):
    chat = assistant.session()
    first = chat.ask("What's in the 2022 IP measures for specialized and sophisticated SMEs?")
    ans = chat.ask("the main worry?")
    assert ans.answerable and [c.item_id for c in ans.citations] == [first.citations[0].item_id]


def test_a_question_asking_two_values_is_answered_if_either_is_given(assistant):
    # the VR plan states the industry's size goal, not in the words of "gadgets shipped"
    ans = assistant.ask("How big should the VR industry grow by 2026, and how many gadgets will ship?")
    assert ans.answerable and "350 billion" in ans.text
    assert not assistant.ask("How many SMEs will get IP training, and how many patents will they file?").answerable


def test_a_company_named_in_chinese_is_found_under_its_english_name(assistant):
    ans = assistant.ask("特斯拉在上海投资多少？")
    assert ans.answerable and "Tesla" in ans.text and "1.2 billion" in ans.text
    assert not assistant.ask("华为在上海投资多少？").answerable  # Huawei: never in the briefs


def test_a_question_without_its_own_item_stays_with_the_conversation(assistant):
    chat = assistant.session()
    first = chat.ask("What does the 2021 plan for pharmaceutical ingredients say?")
    # asked alone, this ranks the 2021 IP plan first and the ingredients plan second
    ans = chat.ask("what opportunity does MERICS see for foreign companies?")
    assert ans.citations and ans.citations[0].item_id == first.citations[0].item_id


def test_a_value_asked_of_a_company_must_be_stated_of_it(assistant):
    # the 2022 battery item names CATL only as a company provinces courted; no share is stated of it
    assert not assistant.ask("what percent of the battery market does catl control?").answerable
    ans = assistant.ask("how much is byd-rival tesla putting into its shanghai factory?")
    assert ans.answerable and "1.2 billion" in ans.text


def test_a_question_asking_two_different_things_gets_both(assistant):
    ans = assistant.ask("Give the Chinese name of the data export security measures; who issued them?")
    assert "数据出境安全评估办法" in ans.text and "was issued by CAC" in ans.text
    ans = assistant.ask("Which agencies put out the VR action plan, and what are its 2026 goals?")
    assert "MIIT, MOE, MCT, NRTA and GASC" in ans.text and "25 million" in ans.text


def test_a_yes_no_question_needs_the_item_to_name_what_it_asks_about(assistant):
    chat = assistant.session()
    chat.ask("What does the 2022 notice on the battery supply chain require?")
    ans = chat.ask("does it set any penalties?")
    assert not ans.answerable and "penalties" in ans.text
    # a part of the item asked for by its facet's name is answered by the facet
    assert assistant.ask("Does the VR plan set any targets for headset sales?").answerable


def follow_up(assistant, first: str, then: str):
    """The answer to `then`, asked right after `first` in one conversation."""
    s = assistant.session()
    s.ask(first)
    return s.ask(then)


def missing_then_given(assistant, missing: str, given: str, expected: str) -> None:
    """The first question's value is not stated (a near miss); the second's is, and holds `expected`."""
    ans = assistant.ask(missing)
    assert not ans.answerable and ans.reason == "value_missing"
    ans = assistant.ask(given)
    assert ans.answerable and expected in ans.text


def test_a_figure_about_one_word_of_the_counted_noun_is_another_value(assistant):
    # The ICT plan states "5G user penetration"; users of another network are not counted there.
    missing_then_given(assistant, "What is the 2025 target for the number of IPv6 users in the ICT plan?",
                       "What is the 2025 target for the number of 5G base towers in the ICT plan?", "26")


def test_a_release_date_is_not_a_deadline(assistant):
    missing_then_given(assistant, "By what date must companies apply under the VR action plan?",
                       "On what date was the VR action plan released?", "November 1, 2022")


def test_a_follow_up_may_point_at_an_item_listed_earlier(assistant):
    chat = assistant.session()
    first = chat.ask("List the policy news on carbon peaking in the 2022 brief")
    assert first.answerable and len(first.rows) >= 2
    chat.ask("what recycled metal share does the non-ferrous one aim for?")
    building = next(c.item_id for c in first.citations if "building materials" in c.headline)
    ans = chat.ask("and the building materials plan: how many agencies issued it?")
    assert ans.answerable and [c.item_id for c in ans.citations] == [building]


def test_a_follow_up_about_another_company_leaves_the_cited_item(assistant):
    chat = assistant.session()
    chat.ask("What did Baidu announce in November 2021?")
    ans = chat.ask("And Xiaomi's plans that month?")
    assert ans.answerable and "Xiaomi" in ans.text and "Baidu" not in ans.text


def test_the_other_year_s_one_is_the_same_kind_of_item(assistant):
    chat = assistant.session()
    chat.ask("What does MIIT's 2021 battery regulation require?")
    ans = chat.ask("and what about the 2022 one on batteries?")
    assert ans.answerable and [c.item_id for c in ans.citations] == [BATTERY_2022]


def test_a_paraphrase_may_be_answered_by_an_item_ranked_lower(assistant):
    ans = assistant.ask("Tell me about the plan for producing higher-value raw materials used in medicines")
    assert ans.answerable and ans.citations[0].item_id == "merics-china-industries-2021-11#top5-4"


def test_a_yes_no_question_leads_with_the_sentence_that_answers_it(assistant):
    # one question answered with its matching sentences, one with the whole list of measures
    for q in ["Is the 2021 battery regulation from MIIT binding on companies?",
              "Are the requirements of the 2021 battery draft binding for firms?"]:
        ans = assistant.ask(q)
        first = next(line for line in ans.text.splitlines() if line.startswith("- "))
        assert ans.answerable and "non-binding" in first, q


def test_does_it_list_asks_yes_or_no_and_are_there_any_items_lists(assistant):
    ans = assistant.ask("Does the HIDZ plan list quantum information among its priorities?")
    assert ans.answerable and not ans.rows and ans.citations[0].item_id == HIDZ_2022
    assert "quantum information" in ans.text
    ans = assistant.ask("Are there any policies on hydrogen?")
    assert ans.answerable and len(ans.rows) >= 2


def test_bodies_asked_by_name_must_be_named(assistant):
    # the building-materials news says "Four central agencies published…" and names only MIIT's notice
    ans = assistant.ask("Which four agencies published the carbon peaking plan for building materials?")
    assert not ans.answerable and ans.reason == "value_missing" and "MIIT" in ans.text
    ans = assistant.ask("Which agencies issued the 2021 API implementation plan?")  # a Top-5 item names them all
    assert ans.answerable and "NDRC" in ans.text


def test_who_acted_on_behalf_of_a_company_is_a_person():
    from assistant.answertypes import holds
    assert answer_type("Who signed the order on behalf of the airline?") == "person"
    assert not holds("State-owned China Aviation Supplies announced plans to buy aircraft", "person", "")
    assert holds("On November 20, Vice Premier Liu He reaffirmed the plan", "person", "")


NAURA = ("Chinese semiconductor equipment manufacturer, Naura Technology Group, raises CNY 8.5 billion in funds for "
         "investments in equipment and R&D through a private placement (Yicai article (EN))")
ROBOTAXI = ("Baidu and Pony.ai receive the first licenses to charge passengers for self-driving taxis in Beijing "
            "(Sohu article (CN); South China Morning Post article (EN))")


@pytest.mark.parametrize("question, kind", [
    ("Which lender arranged the loan?", "organisation"),
    ("Who were the buyers of the new shares?", "organisation"),
    ("Who will build the plant?", "organisation"),
    ("Which company news items mention Tesla?", ""),  # items, not a company
    ("In which province will the plant stand?", "place"),
    ("What was invested, and where?", "place"),
    ("What does it aim for, and where does it start from?", ""),  # a baseline, not a place
    ("Why did the firm leave?", "reason"),
    ("What interest rate do the exchanges charge?", "percent"),
    ("Where is the new research centre?", "place"),
    ("Where does the plan want to go?", ""),  # a direction, not a place
])
def test_parties_places_and_reasons_are_answer_types(question, kind):
    assert answer_type(question) == kind


def test_a_named_part_of_a_deal_must_be_the_one_the_sentence_names():
    from assistant.answertypes import holds
    # the firm itself is no investor in it; its source note's outlets are no party to it
    assert not holds(NAURA, "organisation", "Who were the main investors in the share sale?")
    assert holds("The shares were bought by investors including Hillhouse Capital", "organisation",
                 "Who were the main investors in the share sale?")
    # a kind of company: any company the question does not name answers, a ministry does not
    assert holds(ROBOTAXI, "organisation", "Which firms may now charge robotaxi riders?")
    assert not holds(ROBOTAXI, "organisation", "Which firms besides Baidu and Pony.ai may charge riders?")
    from assistant.answertypes import Names
    names = Names(Agencies({"ministry of industry and information technology": "MIIT"}))
    assert not holds("The draft came from MIIT", "organisation", "Which company drafted it?", names=names)
    assert holds("The draft came from Huawei", "organisation", "Which company drafted it?", names=names)


def test_a_place_is_one_the_question_does_not_name_and_a_province_is_no_country():
    from assistant.answertypes import holds
    bba = "BBA announced a battery investment to expand its EV battery production in Shenyang (Electrive article)"
    assert holds(bba, "place", "Where is BBA expanding battery output?")
    assert not holds(bba, "place", "Where in Shenyang will the new line be built?")
    reviews = "India, the United States and the EU have initiated supply chain reviews"
    assert holds(reviews, "place", "Which countries reviewed their supply chains?")
    assert not holds(reviews, "place", "In which provinces will the centres be built?")


def test_a_news_line_answers_why_only_if_it_states_a_cause_and_a_comment_always(assistant):
    ans = assistant.ask("Why is Tencent designing its own chips?")
    assert not ans.answerable and ans.reason == "value_missing"
    ans = assistant.ask("Why did Yahoo withdraw from the Chinese market?")  # "citing a … legal environment"
    assert ans.answerable and "citing" in ans.text
    ans = assistant.ask("Why is MIIT restricting new lithium battery plants?")  # the MERICS comment says why
    assert ans.answerable and ans.citations[0].item_id == BATTERY_2021


def test_a_party_or_place_the_item_does_not_name_is_not_given(assistant):
    ans = assistant.ask("Which foundry produces Tencent's self-designed AI chip?")
    assert not ans.answerable and ans.reason == "value_missing"
    ans = assistant.ask("Which firms got the first paid robotaxi licences in Beijing?")
    assert ans.answerable and "Pony.ai" in ans.text
    ans = assistant.ask("In which cities will the ten future industry technology parks be located?")
    assert not ans.answerable and ans.reason == "value_missing"


def test_capitalised_words_of_titles_bullets_and_acronyms_are_no_company_names(assistant):
    from assistant.answertypes import Names, names_in
    names = Names(assistant.info.agencies, assistant.info.companies, assistant.info.lowercase)
    # a bullet's verb, a policy title's words and a term's acronym are capitalised, not names
    assert names_in("Foster several internationally competitive API companies", names) == []
    assert names_in("MOST issued a Five-Year Plan (FYP) for National High-Tech Industrial Development Zones", names) == []
    # a news line starts with its actor; a company is named anywhere
    assert names_in("Zhaoxin raises CNY 8.5 billion (Yicai article (EN))", names, news=True) == ["Zhaoxin"]
    assert "CATL" in names_in("Chinese companies like CATL are working at the cutting edge", names)


@pytest.mark.parametrize("question, sentence, given", [
    ("What is the budget of the plan?", "Grow the industry to exceed CNY 350 billion", False),  # a size, no budget
    ("What budget does the plan allocate?", "The plan allocates a budget of CNY 2 billion", True),
    ("What fines can regulators impose?", "Firms must invest CNY 1 billion in R&D", False),
    ("What tariff does the bloc levy?", "spending at least three percent of revenue on R&D", False),
    ("What tariff does the bloc levy?", "a tariff of 25 percent on imports", True),
])
def test_an_amount_of_another_kind_does_not_answer(question, sentence, given):
    from assistant.answertypes import holds
    assert holds(sentence, answer_type(question), question) is given


def test_a_question_for_a_stated_reason_is_a_reason_question():
    assert answer_type("What reason did the ministry give for the plan?") == "reason"
    assert answer_type("What rationale did the regulator cite for the ban?") == "reason"


def test_a_place_must_be_where_the_asked_thing_is_not_elsewhere_in_the_item(assistant):
    from assistant.answertypes import holds
    # "in PV products", "in HIDZs": an acronym after "in" is a term, not a place
    assert not holds("MIIT opened applications for pilots that integrate AI in PV products", "place",
                     "Which provinces will host the pilots?")
    assert not holds("Encourage firms in HIDZs to reach an R&D intensity of 7.8 percent", "place",
                     "Which province has the most zones?")
    # the API plan's comment names India and the EU, but about supply-chain reviews, not the centres
    ans = assistant.ask("Where will the high-end API production centres be sited?")
    assert not ans.answerable and ans.reason == "value_missing"


def test_a_follow_up_asking_only_for_names_is_about_the_item_and_leads_with_them(assistant):
    s = assistant.session()
    s.ask("What is the VR action plan?")
    ans = s.ask("Which companies does MERICS mention?")  # "companies" is what is asked, no new subject
    assert ans.answerable and ans.citations[0].item_id == VR_2022
    assert "Microsoft" in ans.text.split("\n")[1]


def test_when_something_will_happen_is_a_deadline_and_a_plan_s_span_is_in_its_name(assistant):
    assert answer_type("When will the aircraft be handed over?") == "deadline"
    assert answer_type("When is the factory expected to open?") == "deadline"
    s = assistant.session()
    s.ask("What did China Aviation Supplies announce?")
    ans = s.ask("When will the planes be delivered?")
    assert not ans.answerable and ans.reason == "value_missing"
    s = assistant.session()
    s.ask("What is the VR action plan?")
    ans = s.ask("Until when does it run?")  # "(2022-2026)" in the plan's name
    assert ans.answerable and ans.citations[0].item_id == VR_2022


def test_what_must_companies_do_asks_no_company():
    assert answer_type("What must companies spend on R&D?") != "organisation"
    assert answer_type("What battery makers does it name?") == "organisation"


def test_and_in_another_year_after_the_briefs_don_t_say_keeps_the_topic(assistant):
    s = assistant.session()
    first = s.ask("What did the 2022 brief report on Tesla?")
    assert not first.answerable  # Tesla's news is in the 2021 brief
    ans = s.ask("And in 2021?")
    assert ans.answerable and "Tesla" in ans.text


def test_the_second_one_is_the_second_row_of_the_last_answer(assistant):
    from assistant.followups import ordinal
    assert (ordinal("Tell me more about the second one."), ordinal("and the last one?"), ordinal("what about item 3")) \
        == (1, -1, 2)
    assert ordinal("Who got the first licences?") is None  # "first" of what happened first
    s = assistant.session()
    first = s.ask("Which corporate news items in the 2022 brief are about batteries or EVs?")
    assert first.answerable and len(first.citations) >= 2
    ans = s.ask("Tell me more about the second one.")
    assert ans.answerable and [c.item_id for c in ans.citations] == [first.citations[1].item_id]


def test_a_pointer_word_and_a_stating_verb_bring_no_topic_to_a_follow_up(assistant):
    s = assistant.session()
    first = s.ask("List the 2022 plans for carbon peaking.")
    assert len(first.rows) == 2
    ans = s.ask("And item 2: what goal does it set?")
    assert ans.answerable and [c.item_id for c in ans.citations] == [first.citations[1].item_id]
    assert "24 percent" in ans.text


def test_a_few_words_of_its_own_ask_a_detail_of_the_item_just_discussed(assistant):
    s = assistant.session()
    first = s.ask("What did BMW's joint venture announce?")
    ans = s.ask("where is the plant?")
    assert ans.answerable and "Shenyang" in ans.text
    assert [c.item_id for c in ans.citations] == [first.citations[0].item_id]


def test_a_request_verb_is_no_topic(assistant):
    from assistant.text import content_terms
    assert content_terms("Summarise the battery notice") == content_terms("the battery notice")
    s = assistant.session()
    s.ask("Summarise the 2022 battery notice")
    ans = s.ask("what about 2021?")
    assert ans.answerable and ans.citations[0].item_id == BATTERY_2021


def test_contracted_question_words_ask_what_the_full_words_ask(assistant):
    from assistant.lexicon import spell_out
    from assistant.query import plan
    assert spell_out("What's MOST's budget? Who’s behind it? Doesn't it say?") == \
        "What is MOST's budget? Who is behind it? Does not it say?"
    assert plan("What's the budget for the technology trading hubs?", assistant.info).answer_type == "money"
    ans = assistant.ask("What's the budget for the new technology trading hubs?")
    assert not ans.answerable and not ans.citations


def test_the_other_year_s_one_keeps_the_topic_not_the_brief_overview(assistant):
    s = assistant.session()
    s.ask("What did MIIT do about batteries in 2022?")
    ans = s.ask("What about the 2021 one?")
    assert ans.answerable and BATTERY_2021 in {c.item_id for c in ans.citations}
    assert "brief**" not in ans.text.split("\n")[0]  # not the "**November 2021 brief** (…)" overview


def test_a_follow_up_half_in_other_words_is_still_read_against_the_item(assistant):
    s = assistant.session()
    s.ask("What's in the VR plan?")
    ans = s.ask("How many headsets should be sold?")  # "sold": the plan writes "sell"
    assert ans.answerable and "25 million" in ans.text


def test_a_deal_s_party_may_be_named_by_its_relation_not_its_role_word(assistant):
    from assistant.answertypes import holds
    q = "Which supplier provides the aircraft the airline is buying?"
    assert holds("The airline plans to buy 140 aircraft from Airbus for USD 17 billion", "organisation", q)
    assert not holds("The airline plans to buy 140 aircraft for USD 17 billion", "organisation", q)
    # a relation of another family names no lender
    assert not holds("BMW's joint venture with Brilliance Automotive invests EUR 1.4 billion", "organisation",
                     "Which bank lends BMW the money?")
    ans = assistant.ask("Who is the supplier of the 140 planes China Aviation Supplies plans to buy?")
    assert ans.answerable and "Airbus" in ans.text


def test_a_figure_asked_with_two_modifiers_is_a_figure_and_must_be_stated_of_the_named_company(assistant):
    from assistant.query import plan
    assert plan("What yearly production capacity will the new plant have?", assistant.info).answer_type == "figure"
    # the battery notice speaks of production capacity, but of no company's plant; Tesla's news gives none
    ans = assistant.ask("What yearly production capacity will Tesla's revamped Shanghai assembly lines reach?")
    assert not ans.answerable and ans.reason == "value_missing" and "Tesla" in ans.text
    # the closest item named is the company's own news, not the battery plan that shares the figure's words
    ans = assistant.ask("What yearly production capacity will Xiaomi's EV plant have?")
    assert not ans.answerable and "Xiaomi announces" in ans.text
    assert assistant.ask("How much will Tesla invest in its Shanghai assembly lines?").answerable


def test_an_item_stating_no_goal_has_no_targets_to_give(assistant):
    s = assistant.session()
    s.ask("Tell me about the national clean production five-year plan")
    ans = s.ask("which goals are in it?")
    assert not ans.answerable and ans.reason == "value_missing"
    ans = assistant.ask("Which goals does the 2022 VR action plan set?")
    assert ans.answerable and "25 million" in ans.text


def test_a_goal_for_later_does_not_say_where_things_stand_today(assistant):
    missing_then_given(assistant, "What share of total supply does recycled non-ferrous metal have today?",
                       "What share of total supply should recycled non-ferrous metal have by 2025?", "24 percent")
    # a goal sentence that states its baseline ("from 6.3 to 12") does say where things stand
    ans = assistant.ask("What is the current number of high-value invention patents per 10,000 people?")
    assert ans.answerable and "6.3" in ans.text


def test_issued_or_led_by_an_agency_is_a_constraint_not_a_topic(assistant):
    ans = assistant.ask("Which items did MIIT issue or lead in 2022?")
    assert ans.answerable and len(ans.rows) >= 3 and "about lead" not in ans.text


def test_comparatives_are_their_adjective(assistant):
    from assistant.text import content_terms
    assert content_terms("smaller bigger larger easier higher") == content_terms("small big large easy high")
    assert content_terms("power computer") == ["power", "comput"]  # -er of no adjective stays
    ans = assistant.ask("What did the government do for smaller high-tech companies and their intellectual property?")
    assert ans.answerable and "SMEs" in ans.text.split("\n")[0]


def test_what_x_plans_were_mentioned_is_a_list(assistant):
    from assistant.query import plan
    assert plan("What energy plans were reported in the 2022 brief?", assistant.info).enumerate
    ans = assistant.ask("What carbon peaking plans were covered in November 2022?")
    assert ans.answerable and len(ans.rows) == 2


def test_a_product_model_is_an_answer_type(assistant):
    from assistant.answertypes import answer_type, holds
    assert answer_type("Which aircraft model is being bought?") == "model"
    assert answer_type("What business model does the plan favour?") == ""
    assert holds("The airline orders 40 A320neo jets", "model", "Which model?")
    assert not holds("The airline orders 140 aircraft from Airbus", "model", "Which model?")
    ans = assistant.ask("Which Airbus models are in China Aviation Supplies' 2022 order?")
    assert not ans.answerable and ans.reason == "value_missing"


def test_a_policy_title_no_item_holds_is_a_document_the_briefs_never_mention(assistant):
    ans = assistant.ask("What does the Action Plan for Smart Ports and Harbour Automation require?")
    assert not ans.answerable and ans.reason == "unknown_name" and "Smart Ports" in ans.text
    ans = assistant.ask("What does the 14th FYP for National Clean Production say?")
    assert ans.answerable and "Clean Production" in ans.text
    # a date, place or issuer after the title is no part of it
    ans = assistant.ask("What does the Five-Year Plan for High-Tech Development Zones In November 2022 By MOST say?")
    assert ans.answerable and "High-Tech" in ans.text


def test_what_something_was_worth_asks_money(assistant):
    from assistant.answertypes import answer_type
    assert answer_type("what was the Airbus order worth?") == "money"
    ans = assistant.ask("What was the Airbus order worth?")
    assert ans.answerable and "17 billion" in ans.text


def test_a_follow_up_naming_another_issuer_is_a_new_subject_in_that_period(assistant):
    ans = follow_up(assistant, "Which licences did Baidu and Pony.ai get in November 2021?",
                    "and what did the transport ministry launch that month?")
    assert ans.answerable and "Ministry of Transport" in ans.text


def test_an_item_far_closer_in_meaning_and_wording_answers_first(assistant):
    ans = assistant.ask("What is MIIT doing with the drug regulator on AI for medicine in 2021?")
    assert ans.answerable and "National Medical Products Administration" in ans.text.split("\n")[0]


def test_the_buyer_is_who_buys(assistant):
    from assistant.answertypes import _relation
    assert _relation("buyer", "State-owned Acme Air announced plans to buy 140 aircraft from Airbus")
    assert not _relation("buyer", "Naura raises CNY 8.5 billion through a private placement")
    ans = follow_up(assistant, "Tell me about the 2022 Airbus order", "who is buying the planes?")
    assert ans.answerable and "China Aviation Supplies" in ans.text


def test_a_short_value_follow_up_is_asked_of_the_item_just_discussed(assistant):
    ans = follow_up(assistant, "What did MIIT and the NMPA launch on AI medical care equipment?",
                    "how much funding is involved?")
    assert not ans.answerable  # the initiative names no sum; Naura's placement is another story
    assert "Naura" not in ans.text


def test_a_comparison_of_what_a_named_body_put_out_lists_its_items_of_each_year(assistant):
    ans = assistant.ask("What did the cyberspace regulator publish about data in November 2021 versus November 2022?")
    heads = [c.headline for c in ans.citations]
    assert any(h.startswith("Draft regulations for cross-border data") for h in heads)
    assert any(h.startswith("CAC issues draft regulations") for h in heads)


def test_the_top_5_section_is_no_five_year_plan(assistant):
    from assistant.query import plan
    assert "FYP" not in plan("Which of the 2022 Top 5 plans set targets for 2025?", assistant.info).topic
    assert "FYP" in plan("Which Five-Year Plans did the 2021 brief cover?", assistant.info).topic
    ans = assistant.ask("Which 2022 Top 5 plans set targets for 2025?")
    assert ans.answerable and len(ans.rows) == 2


def test_a_typo_in_a_list_word_still_asks_for_a_list(assistant):
    from assistant.spelling import corrected
    assert corrected("Which plicies and plans?", assistant.info.vocabulary) == "Which policies and plans?"
    ans = assistant.ask("Which plicies did the NDRC relase in 2021?")
    assert ans.answerable and len(ans.rows) >= 3


def test_where_in_a_country_and_when_expected_to_start_ask_a_place_and_a_date():
    from assistant.answertypes import answer_type
    assert answer_type("where in China will the new plant be located?") == "place"
    assert answer_type("When is the Tesla, BMW and Geely joint plant expected to start operating?") == "deadline"


def test_a_year_later_is_the_period_not_the_topic(assistant):
    ans = follow_up(assistant, "What did the 2021 MIIT battery draft propose?",
                    "and one year later, what did the battery notice require?")
    assert ans.answerable and ans.citations[0].item_id == BATTERY_2022


def test_a_sharpening_adverb_changes_no_answer_type_and_a_budget_is_an_amount():
    from assistant.answertypes import answer_type
    assert answer_type("what precisely is the capacity threshold?") == "figure"
    assert answer_type("is there a budget for the pilots?") == "money"
    assert answer_type("any measures for SMEs?") == ""


def test_a_bullet_s_deadline_is_the_year_its_frame_sets(assistant):
    ans = assistant.ask("By what year should 25 million VR headsets be sold?")
    assert ans.answerable and "2026" in ans.text


def test_what_else_came_out_that_day_lists_everything_else_of_that_day(assistant):
    ans = follow_up(assistant, "What did Tencent announce on November 3, 2021?", "anything else from that day?")
    assert ans.answerable and len(ans.rows) == 2
    assert all(r.date == "2021-11-03" for r in ans.rows)


def test_merics_view_asked_after_an_item_is_that_item_s_comment_if_it_speaks_of_it(assistant):
    ans = follow_up(assistant, "What is the 2021 ICT infrastructure plan about?",
                    "what does MERICS see as the opportunity for foreign firms?")
    assert ans.answerable and [c.headline[:30] for c in ans.citations] == ["Rapid rollout of ICT infrastru"]
    ans = follow_up(assistant, "What is the 2021 ICT infrastructure plan about?",
                    "what does MERICS think of chip export controls?")
    assert "Rapid rollout" not in ans.text


def test_two_bodies_as_the_subject_of_a_verb_ask_what_they_issued_together(assistant):
    ans = assistant.ask("What did MIIT and SAMR put out in 2022?")
    assert ans.answerable and len(ans.rows) == 1 and "battery" in ans.text
    ans = assistant.ask("What did MIIT or SAMR put out in 2022?")
    assert len(ans.rows) > 1


def test_what_the_briefs_are_asked_to_have_done_is_no_topic(assistant):
    ans = assistant.ask("Which Baowu efforts were noted in 2022?")  # 'noted' says nothing of Baowu
    assert {c.headline[:20] for c in ans.citations} == {"11 central SOEs, inc", "Shell, Sinopec, Baow"}


def test_a_chinese_question_asking_two_things_is_answered_in_both_parts(assistant):
    from assistant.query import plan
    p = plan("锂电池供应链通知有哪些要求？是谁发布的？", assistant.info)
    assert [intent for _, intent in p.part_intents][-1] == "issuer" and len(p.part_intents) == 2


def test_a_period_after_rather_than_is_not_asked_for(assistant):
    ans = assistant.ask("Which Top-5 items came out in October 2022 and not in November?")
    assert ans.answerable and ans.rows and all(r.date.startswith("2022-10") for r in ans.rows)


def test_what_x_slash_y_policies_were_issued_is_a_list(assistant):
    from assistant.query import plan
    assert plan("what chip / semiconductor items were published in 2021?", assistant.info).enumerate


def test_a_period_alone_asks_for_that_brief_as_a_whole(assistant):
    from assistant.query import plan
    assert plan("stories from Nov 2021?", assistant.info).intent == "overview"


def test_an_acronym_written_in_the_plural_stands_for_its_words(assistant):
    ans = assistant.ask("Which policies mention SOEs or SMEs?")
    heads = {c.headline[:25] for c in ans.citations}
    assert "Virtual reality to boost " in heads  # its bullet writes "SMEs" only


def test_a_list_of_policies_holds_no_company_news(assistant):
    ans = assistant.ask("Which policies came out in the first half of November 2021?")
    assert ans.answerable and ans.rows and all(r.kind != "corporate_news" for r in ans.rows)
    ans = assistant.ask("Which news came out in the first half of November 2021?")
    assert any(r.kind == "corporate_news" for r in ans.rows)


def test_merics_s_worry_asks_for_the_comment():
    from assistant.facets import classify
    assert classify("what is MERICS's position on the plan?") == "comment"
    assert classify("what is the conclusion of MERICS?") == "comment"
    assert classify("What is in MERICS's November brief?") != "comment"


def test_a_comparison_naming_each_side_s_item_cites_no_neighbour(assistant):
    ans = assistant.ask("Put the 2021 patent protection plan next to the 2022 IP support for small firms.")
    assert ans.answerable and len(ans.citations) == 2  # the MOST plan also helps SMEs, but is not named


def test_a_capacity_or_a_count_is_not_given_by_a_currency_amount(assistant):
    assert not assistant.ask("What is the capacity of the BMW battery plant?").answerable  # only its cost is stated
    ans = assistant.ask("How big is BMW's battery investment?")
    assert ans.answerable and "EUR 1.4 billion" in ans.text


def test_a_new_topic_after_an_overview_is_answered_about_that_topic(assistant):
    ans = follow_up(assistant, "Give me an overview of the November 2021 brief", "and what about the API plan?")
    assert ans.answerable and ans.citations[0].headline.startswith("China eyes moving up the value chain")


def test_and_in_another_year_after_a_list_is_the_same_list_in_that_year(assistant):
    ans = follow_up(assistant, "What did MIIT put out in 2021?", "and in 2022?")
    assert ans.rows and all(r.date.startswith("2022") and "MIIT" in r.issuers for r in ans.rows)


def test_the_first_one_after_a_question_about_the_second_counts_in_the_list(assistant):
    chat = assistant.session()
    first = chat.ask("Which Top-5 items of the 2021 brief are about data or digital infrastructure?")
    assert len(first.citations) >= 2
    chat.ask("tell me about the second one")
    chat.ask("when was it released?")
    ans = chat.ask("and the first one?")
    assert [c.item_id for c in ans.citations] == [first.citations[0].item_id]


def test_which_is_asked_of_the_items_just_discussed(assistant):
    ans = follow_up(assistant, "What battery policies are in the briefs?", "which one is tougher?")
    assert ans.answerable and {c.headline[:20] for c in ans.citations} <= {"MIIT pushes battery ", "Greater regulatory o"}


def test_chinese_which_targets_asks_the_item_s_targets_not_a_list(assistant):
    from assistant.query import plan
    assert not plan("电池通知的目标有哪些？", assistant.info).enumerate
    assert plan("2022年有哪些关于数据的政策？", assistant.info).enumerate


def test_words_every_chinese_title_has_name_no_policy(assistant):
    from assistant.query import chinese_name_items
    assert chinese_name_items("2022年有哪些关于数据的政策？", assistant.info) == []  # "关于数据" opens a 2021 title
    assert chinese_name_items("关于推动原料药产业高质量发展实施方案的通知", assistant.info)
    assert "data" in plan_topic(assistant, "有哪些关于数据的政策？")


def plan_topic(assistant, question: str) -> str:
    from assistant.query import plan
    return plan(question, assistant.info).topic


def cites_only(ans, item_id: str) -> bool:
    """An answer, from that one item alone."""
    return ans.answerable and [c.item_id for c in ans.citations] == [item_id]


def test_a_few_words_another_item_merely_mentions_stay_with_the_item_discussed(assistant):
    s = assistant.session()
    first = s.ask("What did MOST release in October 2022?")
    ans = s.ask("What is the purpose?")  # "purpose" is written once, in another item's MERICS comment
    assert cites_only(ans, first.citations[0].item_id)
    ans = s.ask("IPv6?")  # a bare term is a subject of its own: the ICT plan's comment names it
    assert ans.answerable and "ICT infrastructure" in ans.citations[0].headline
    s = assistant.session()
    s.ask("Tell me about the building materials plan")
    ans = s.ask("what did the vice premier say?")  # a definite noun the item discussed lacks: a new subject
    assert ans.answerable and "ICT infrastructure" in ans.citations[0].headline
    s = assistant.session()
    s.ask("What does the VR plan want?")  # its comment mentions data; the ICT plan's bullet states the target
    ans = s.ask("what is the data center target?")
    assert ans.answerable and "ICT infrastructure" in ans.citations[0].headline
    s = assistant.session()
    first = s.ask("What does the MOT list of technologies include?")
    ans = s.ask("give an example")  # asks about the item discussed; "example" names no subject
    assert cites_only(ans, first.citations[0].item_id)


def test_a_place_noun_asks_a_place_of_the_item_discussed(assistant):
    from assistant.answertypes import asked_noun
    from assistant.query import plan
    assert asked_noun("In which city?") == {"citi"}
    s = assistant.session()
    first = s.ask("Who got licences for self-driving taxis?")
    ans = s.ask("In which city?")
    assert ans.answerable and "Beijing" in ans.text
    assert [c.item_id for c in ans.citations] == [first.citations[0].item_id]
    s = assistant.session()
    s.ask("What did the Ministry of Transport open applications for?")
    assert not s.ask("Which ports are involved?").answerable  # the pilots name no port
    assert plan("Which ports are involved?", assistant.info).answer_type == "place"


def test_only_a_policy_is_called_by_its_policy_name(assistant):
    from assistant.query import plan
    assert plan("What is the 2021 battery draft called?", assistant.info).intent == "policy_name"
    assert plan("what's it called?", assistant.info).intent == "policy_name"
    assert plan("What will the merged steel firm be called?", assistant.info).intent != "policy_name"


def test_a_detail_read_against_the_item_discussed_is_checked_like_any_follow_up(assistant):
    s = assistant.session()
    s.ask("What does the high-tech zones plan aim for by 2025?")
    ans = s.ask("zones in Zhongguancun: how many?")  # a name no brief writes
    assert not ans.answerable and not ans.citations


def test_a_value_of_a_place_no_brief_names_is_not_the_country_s(assistant):
    ans = assistant.ask("How many of the high-tech zones are located in Sichuan?")
    assert not ans.answerable and not ans.citations


def test_who_pays_asks_for_an_organisation_in_any_tense(assistant):
    from assistant.query import plan
    assert plan("who pays for the rollout?", assistant.info).answer_type == "organisation"
    s = assistant.session()
    s.ask("What are the ICT infrastructure goals?")
    assert not s.ask("who pays for the rollout?").answerable  # the plan names no payer
    s = assistant.session()
    first = s.ask("Tell me about the Airbus order")
    ans = s.ask("who paid for them?")  # "X plans to buy …": X pays
    assert cites_only(ans, first.citations[0].item_id)


def test_a_policy_noun_after_what_asks_for_the_policy_not_a_company(assistant):
    from assistant.query import plan
    q = "What plan helps makers of medicine raw materials climb the value chain?"
    assert plan(q, assistant.info).answer_type != "organisation"
    ans = assistant.ask(q)
    assert ans.answerable and "value chain in drug ingredients" in ans.citations[0].headline


def test_a_chinese_follow_up_without_a_topic_of_its_own_asks_about_the_item_discussed(assistant):
    from assistant.query import plan
    s = assistant.session()
    first = s.ask("What is the VR plan?")
    ans = s.ask("它的中文名称是什么？")
    assert cites_only(ans, first.citations[0].item_id)
    assert "虚拟现实" in ans.text
    ans = s.ask("谁发布的？")
    assert cites_only(ans, first.citations[0].item_id)
    assert "MIIT" in ans.text
    assert plan("什么时候生效？", assistant.info).answer_type == "deadline"  # when it takes effect, not its date


def test_which_day_asks_the_date_of_the_item_discussed(assistant):
    s = assistant.session()
    first = s.ask("Tell me about the CAC's personal information certification rules")
    ans = s.ask("which day?")  # "day" names the answer, not a topic ("within 45 days" is another item's)
    assert cites_only(ans, first.citations[0].item_id)
    assert "November 18, 2022" in ans.text


def test_a_year_picks_among_the_items_just_cited(assistant):
    s = assistant.session()
    s.ask("Compare the battery policies of 2021 and 2022")
    ans = s.ask("who issued the 2022 one?")
    assert cites_only(ans, BATTERY_2022)
    assert "SAMR" in ans.text


def test_which_of_them_chooses_among_the_items_just_cited(assistant):
    s = assistant.session()
    first = s.ask("Which policies did MIIT issue in 2022?")
    assert len(first.citations) >= 5
    ans = s.ask("which of them is about solar?")  # no item writes "solar": the photovoltaic one, by meaning
    assert ans.answerable and len(ans.citations) == 1 and "photovoltaic" in ans.citations[0].headline
    s = assistant.session()
    s.ask("Compare the battery policies of 2021 and 2022")
    ans = s.ask("which of them mentions lithium prices?")
    assert cites_only(ans, BATTERY_2022)


def test_the_words_an_item_was_asked_about_in_still_name_it(assistant):
    from assistant.query import plan
    assert plan("what is that watchdog called in full?", assistant.info).intent != "policy_name"  # a body's name
    s = assistant.session()
    first = s.ask("What initiative on AI medical equipment did MIIT launch with the drug regulator?")
    # "regulator" only shares a stem with another item's "regulations", and the analyst's word for the NMPA
    ans = s.ask("spell out the regulator's name")
    assert cites_only(ans, first.citations[0].item_id) and "National Medical Products Administration" in ans.text


@pytest.mark.parametrize("question, kind", [
    ("这个计划有资金规模吗?", "money"),
    ("Does it give a funding amount?", "money"),
    ("Does the notice name any battery producers?", "organisation"),
    ("Are any automakers mentioned?", "organisation"),
])
def test_asking_whether_an_item_names_an_amount_or_a_company(question, kind):
    from assistant.answertypes import answer_type
    assert answer_type(question) == kind


def test_whether_an_item_names_companies_is_answered_by_the_names_it_gives(assistant):
    s = assistant.session()
    first = s.ask("What is the 2021 plan for the drug ingredient industry?")
    ans = s.ask("Does the plan name any specific drug makers?")  # it wants 'several competitive API companies', unnamed
    assert not ans.answerable
    s = assistant.session()
    first = s.ask("What is BMW Brilliance's battery project in Shenyang?")
    ans = s.ask("Are any automakers mentioned?")  # BMW and Brilliance are carmakers, though the words differ
    assert cites_only(ans, first.citations[0].item_id)
    assert cites_only(s.ask("does it involve a carmaker?"), first.citations[0].item_id)
    ans = s.ask("Does it mention any universities?")
    assert not ans.answerable


def test_this_agency_is_the_body_that_issued_the_item_discussed(assistant):
    s = assistant.session()
    s.ask("Who released the rules on personal information protection certification?")
    ans = s.ask("该机构2021年出台过哪些规定?")
    assert {c.date[:4] for c in ans.citations} == {"2021"} and len(ans.citations) == 2
    assert all("CAC" in c.issuers or "CAC" in c.quote for c in ans.citations)
    s = assistant.session()
    first = s.ask("Which body drafted the 2021 lithium battery conditions?")
    ans = s.ask("What else did that ministry put out in 2021?")
    assert len(ans.citations) >= 3 and first.citations[0].item_id not in {c.item_id for c in ans.citations}


def test_a_new_subject_in_the_conversation_s_terms_is_answered_by_the_item_that_states_it(assistant):
    s = assistant.session()
    s.ask("What did the securities regulator and MIIT announce about regional stock exchanges?")
    ans = s.ask("Did any IP support measures target such companies too?")
    assert ans.answerable and "intellectual property support for innovative SMEs" in ans.citations[0].headline
    s = assistant.session()
    s.ask("What does the 2021 lithium battery draft say?")
    assert not s.ask("Were there penalties for such companies?").answerable  # the draft names none
    assert not s.ask("Is there a recycling quota?").answerable


def test_a_comparison_naming_an_instrument_compares_policies_not_company_news(assistant):
    ans = assistant.ask("the 2022 battery notice versus the battery industry draft of 2021")
    assert {c.kind for c in ans.citations} == {"top5"} and len(ans.citations) == 2


def test_asking_whether_there_was_a_related_step_needs_no_word_for_the_relation(assistant):
    s = assistant.session()
    first = s.ask("Which firm ordered Airbus planes in November 2022?")
    ans = s.ask("Were there any previous orders from Airbus?")
    assert cites_only(ans, first.citations[0].item_id) and "292" in ans.text


def test_what_a_brief_reported_is_asked_like_what_it_said(assistant):
    ans = assistant.ask("What does the November 2022 brief report about batteries?")
    assert ans.answerable and ans.citations[0].item_id == BATTERY_2022


def test_the_x_one_picks_one_of_the_items_just_listed(assistant):
    s = assistant.session()
    first = s.ask("Which 2022 items are aimed at SMEs?")
    assert len(first.citations) >= 3
    ans = s.ask("and when was the IP one released?")
    assert len(ans.citations) == 1 and "intellectual property" in ans.citations[0].headline


@pytest.mark.parametrize("question", ["Who will run the zones?", "who oversees the assessments?"])
def test_who_will_run_it_asks_for_a_party_the_item_must_name_by_that_verb(question):
    from assistant.answertypes import answer_type
    assert answer_type(question) == "organisation"


def test_who_will_manage_what_a_plan_sets_up_is_not_its_issuer(assistant):
    s = assistant.session()
    s.ask("What is MOST's five-year plan for high-tech zones?")
    assert not s.ask("Who will manage the zones?").answerable
    assert "MOST" in s.ask("who released it?").text


# ── Follow-ups that name no subject of their own, and lists that do (session 11) ─────────────

def test_a_target_year_is_a_value_of_the_item_discussed_not_a_new_subject(assistant):
    s = assistant.session()
    first = s.ask("What does MIIT's ICT plan aim for?")
    assert cites_only(s.ask("2025 goal?"), first.citations[0].item_id)


def test_a_chinese_question_counting_what_a_plan_names_is_asked_of_that_plan(assistant):
    s = assistant.session()
    first = s.ask("What is the 2022 VR action plan?")
    ans = s.ask("这个计划覆盖多少个行业？")  # sectors the plan names, not items of the briefs
    assert cites_only(ans, first.citations[0].item_id) and "10 sectors" in ans.text


def test_a_count_of_items_with_its_own_year_after_an_item_is_a_new_list(assistant):
    s = assistant.session()
    s.ask("What is the 2022 VR action plan?")
    ans = s.ask("2021年有多少条新闻？")
    assert len(ans.citations) >= 10 and all(c.date.startswith("2021") for c in ans.citations)


def test_a_period_switch_that_finds_nothing_in_that_period_says_so(assistant):
    s = assistant.session()
    assert s.ask("Which company ended its presence in China in 2021?").answerable
    assert not s.ask("and in 2022?").answerable  # not the 2021 item again


def test_other_agencies_on_the_same_day_are_every_other_item_of_that_day(assistant):
    s = assistant.session()
    first = s.ask("Who issued the 2022 battery supply chain notice?")
    ans = s.ask("What other agencies published anything on that day?")
    assert len(ans.citations) >= 2 and first.citations[0].item_id not in {c.item_id for c in ans.citations}
    assert {c.date for c in ans.citations} == {first.citations[0].date}


@pytest.mark.parametrize("question, counts_items", [
    ("这个规划涉及多少个领域？", False),  # fields a plan names
    ("2022年有多少条政策新闻？", True),
    ("一共有几份文件？", True),
])
def test_a_chinese_count_counts_items_only_when_it_names_them(assistant, question, counts_items):
    from assistant.query import plan
    assert plan(question, assistant.info).count is counts_items


def test_asking_for_a_person_by_role_names_no_subject():
    from assistant.answertypes import asked_noun
    assert {"senior", "offici"} <= asked_noun("Which senior official backed it at the time?")


@pytest.mark.parametrize("question, kind", [
    ("What is CATL's market share?", "percent"),  # a possessive inside the noun phrase
    ("What's the firms' share of exports?", "percent"),
    ("what's the delivery timetable?", ""),  # "what's" is "what is", no possessive
    ("What are the exact emission thresholds for steel mills?", "figure"),  # plural, three words before it
    ("What was the country's chip export volume?", "figure"),
    ("What ownership split will the two partners hold?", "percent"),
])
def test_answer_types_read_across_possessives_contractions_and_plurals(question, kind):
    assert answer_type(question) == kind


def test_when_firms_have_to_act_is_answered_by_the_circumstances():
    from assistant.answertypes import holds
    sentence = "Clarifies when companies must file, for example when they hold data on over 1 million people"
    assert holds(sentence, "deadline", "When do companies have to file?")
    assert not holds(sentence, "deadline", "When does the rule take effect?")


@pytest.mark.parametrize("question", ["Is MERICS upbeat about the plan?", "MERICS如何评价该政策？", "MERICS认为这意味着什么？"])
def test_asking_whether_merics_is_optimistic_or_how_it_judges_asks_for_its_comment(question):
    from assistant.facets import classify
    assert classify(question) == "comment"


def test_a_chinese_question_in_two_parts_parts_before_a_figure(assistant):
    from assistant.query import plan
    assert len(plan("该规划由谁发布？2025年的目标是什么？", assistant.info).part_intents) == 2


def test_the_issuers_other_items_do_not_outrank_the_one_on_the_asked_topic(assistant):
    # every MIIT item spells out the ministry's name; the topic word picks which of them is meant
    s = assistant.session()
    s.ask("Who launched the 2021 initiative on AI medical devices?")
    ans = s.ask("What does the other MIIT item of 2021 on pharmaceuticals aim for?")
    assert ans.answerable and "drug ingredients" in ans.citations[0].headline


def test_a_question_saying_how_many_items_answer_it_cites_that_many(assistant):
    from assistant.query import plan
    assert plan("What do the two MOST plans of 2022 target?", assistant.info).stated_items == 2
    assert plan("Do both drafts set deadlines?", assistant.info).stated_items == 2
    ans = assistant.ask("What do the two MOST plans of 2022 target for technology contracts?")
    assert len(ans.citations) == 2 and all("MOST" in c.headline for c in ans.citations)


def test_a_question_asking_which_documents_gets_their_names(assistant):
    ans = assistant.ask("Which documents are behind the battery items of 2021 and 2022?")
    assert "Lithium-ion Battery Industry Regulatory Conditions" in ans.text


def test_a_chinese_ordinal_points_at_a_row_of_the_last_list():
    from assistant.followups import ordinal
    assert ordinal("第一个文件对时限有什么规定？") == 0
    assert ordinal("第三条新闻是谁发布的？") == 2
    assert ordinal("最后一个呢？") == -1


def test_years_set_side_by_side_leave_the_words_around_them_to_both_sides(assistant):
    from assistant.query import plan
    p = plan("Chip rules 2021 vs 2022: what moved from one document to the next?", assistant.info)
    assert p.compare == (2021, 2022) and p.period_topics == ()
    p = plan("Tesla investment in 2021 versus General Motors investment in 2022", assistant.info)
    assert len(p.period_topics) == 2  # each side names its own subject


def test_around_the_same_time_is_a_period_not_a_subject():
    from assistant.lexicon import SAME_BRIEF
    assert SAME_BRIEF.search("Did anyone else act around the same time?")
    assert SAME_BRIEF.search("anything at that time?")


def test_narrowing_a_list_to_a_year_lists_that_years_items_of_the_same_kind(assistant):
    s = assistant.session()
    first = s.ask("Which items did the NDRC issue or co-issue?")
    assert {c.date[:4] for c in first.citations} == {"2021", "2022"}
    ans = s.ask("Narrow it down to 2022.")
    assert ans.answerable and ans.citations and all(c.date.startswith("2022") for c in ans.citations)
    assert {c.item_id for c in ans.citations} <= {c.item_id for c in first.citations}


def test_a_body_acting_with_the_one_named_is_its_partner(assistant):
    from assistant.answertypes import Names, holds
    names = Names(assistant.info.agencies, assistant.info.companies, assistant.info.lowercase)
    sentence = "MOST and the Ministry of Education signed off on the construction of ten science parks"
    assert holds(sentence, "organisation", "Who was MOST's partner on the parks?", "bullet", names, True)


def test_asking_for_more_issuers_than_an_item_names_is_not_answered_by_it(assistant):
    s = assistant.session()
    assert s.ask("What did the NDRC set for energy-intensive industries in 2021?").answerable
    assert not s.ask("Which three ministries issued it?").answerable  # the news line names the NDRC alone


@pytest.mark.parametrize("question,kind", [
    ("partner?", "organisation"), ("and the investors?", "organisation"), ("city?", "place"),
    ("the CEO?", "person"),
    # a bare subject, kind of company or value stays a subject
    ("subsidies?", ""), ("carmakers?", ""), ("fines?", ""),
])
def test_a_bare_role_noun_asks_for_that_party(question, kind):
    assert answer_type(question) == kind


def test_a_bare_role_noun_after_an_item_is_answered_from_it(assistant):
    s = assistant.session()
    assert s.ask("What did GM's joint venture announce?").answerable
    ans = s.ask("Partner?")
    assert ans.answerable and "SAIC" in " ".join(c.quote for c in ans.citations)


def test_they_who_put_something_out_are_the_issuer_just_discussed(assistant):
    s = assistant.session()
    assert s.ask("Summarise the 2021 cyber data security draft from the CAC.").answerable
    ans = s.ask("And the next year, did they put out something further?")
    assert ans.answerable and ans.citations
    assert all(c.date.startswith("2022") and "Cyberspace Administration" in c.quote for c in ans.citations)


def test_merics_view_is_not_sought_in_a_news_line_without_a_comment(assistant):
    s = assistant.session()
    first = s.ask("What did the eleven central SOEs announce?")
    assert first.answerable and all(c.kind == "corporate_news" for c in first.citations)
    ans = s.ask("In MERICS's view, might a state-owned lithium group be set up?")
    assert ans.answerable and ans.citations[0].kind == "top5"
    assert "lithium state-owned enterprise" in assistant.item(ans.citations[0].item_id).comment


def test_the_name_a_company_will_have_must_be_said_of_that_company(assistant):
    from assistant.answertypes import Names, holds
    names = Names(assistant.info.agencies, assistant.info.companies, assistant.info.lowercase)
    asked = "What would the lithium SOE be named?"
    assert answer_type(asked) == "organisation"
    other = "Beijing established the Mineral group, a new SOE tasked to coordinate iron ore imports."
    assert not holds(other, "organisation", asked, "comment", names)
    assert holds("Beijing set up a lithium SOE, the Mineral group.", "organisation", asked, "comment", names)


def test_a_value_asked_of_the_item_in_the_askers_words_is_its_figure(assistant):
    # the news line says "buy … for roughly USD 17 billion": no "agreement", no "worth"
    ans = assistant.ask("China Aviation Supplies will buy 140 Airbus aircraft. How much is the agreement worth?")
    assert ans.answerable and "17 billion" in ans.text


def test_how_many_bodies_issued_an_item_is_no_figure_of_its_content():
    from assistant.answertypes import holds
    line = ("Three government agencies released the plan for carbon peaking in the non-ferrous metal industry, "
            "aiming to cut the carbon intensity of aluminium")
    assert not holds(line, "figure", "By how much is aluminium's carbon intensity to drop?")
    assert holds(line, "figure", "How many agencies released the metals plan?")


def test_who_signed_off_on_a_plan_is_the_body_that_approved_it(assistant):
    assert answer_type("Who signed off on the science parks?") != "person"
    s = assistant.session()
    assert s.ask("Which items cover future industry science parks?").answerable
    ans = s.ask("Who signed off on them?")
    assert ans.answerable and "Ministry of Education" in ans.text


def test_what_a_value_question_counts_reads_across_possessives():
    assert value_head("What was China’s solar export volume?") == ("solar", "export", "volum")
    assert value_head("Roughly what is the price tag?") == ()  # the kind of value, not what it counts


def test_that_month_after_and_is_a_period_not_the_item_just_discussed(assistant):
    s = assistant.session()
    assert s.ask("Tell me about the national clean production plan of 2021.").answerable
    ans = s.ask("And anything from the NDRC on coal plants that month?")
    assert ans.answerable and "coal-fired power plants" in ans.citations[0].quote


def test_whom_a_policy_targets_may_be_a_kind_of_firm(assistant):
    from assistant.answertypes import Names, holds
    names = Names(assistant.info.agencies, assistant.info.companies, assistant.info.lowercase)
    sentence = "Give priority to innovative private firms in public procurement"
    assert holds(sentence, "organisation", "Which companies does the notice support?", "bullet", names)
    assert not holds(sentence, "organisation", "Which companies will build the plants?", "bullet", names)


def test_money_set_aside_must_stand_by_what_it_is_for(assistant):
    assert value_head("How much money is earmarked for the new fund?") == ("fund",)
    # the IP plan gives royalty-trade figures in CNY, none for patent awards
    assert not assistant.ask("How much money is earmarked for patent prizes in the 2021 IP plan?").answerable


def test_ampersand_abbreviations_are_words():
    assert content_terms("R&D and M&A") == ["r&d", "m&a"]


def test_a_follow_up_on_a_kind_of_value_of_an_abbreviation_is_about_the_item(assistant):
    s = assistant.session()
    assert s.ask("What did MIIT require of lithium battery producers in 2021?").answerable
    ans = s.ask("What's the minimum R&D share?")  # "R&D" is one word of its own, "minimum share" a kind of value
    assert ans.answerable and "three percent" in ans.text


def test_a_technology_code_the_item_never_writes_is_not_about_it(assistant):
    s = assistant.session()
    assert s.ask("Tell me about the 2021 ICT industry plan.").answerable
    assert not s.ask("What's the target for 6G?").answerable
    assert s.ask("And for IPv6?").answerable


def test_a_valuation_asked_is_not_answered_by_another_amount():
    from assistant.answertypes import holds
    raised = "Naura raises CNY 8.5 billion in funds for investments in equipment and R&D through a private placement"
    assert not holds(raised, "money", "At what valuation?")
    assert holds("The placement valued Naura at CNY 90 billion", "money", "At what valuation?")
    # "the price tag" of a purchase is what it costs: any amount of the deal answers
    assert holds("plans to buy 140 aircraft from Airbus for roughly USD 17 billion", "money", "What is the price tag?")


def test_asking_in_chinese_which_firms_an_item_names_needs_a_named_firm(assistant):
    assert answer_type("提到了哪些企业？") == "organisation"
    s = assistant.session()
    assert s.ask("2021年关于原料药的政策是什么？").answerable
    assert not s.ask("点名了具体的药企吗？").answerable  # the API plan names no company
    s = assistant.session()
    assert s.ask("What did the 2022 news say about the Airbus order?").answerable
    assert s.ask("提到了哪些公司？").answerable


def test_a_count_is_not_answered_by_a_measure(assistant):
    # "from 90 to 300 ExaFLOPS" of data center computing power is no number of data centers
    assert not assistant.ask("What number of data centres should be built under the ICT plan?").answerable
    assert assistant.ask("In the ICT plan, how many 5G base stations should each 10,000 residents have?").answerable


def test_within_the_item_the_words_beyond_its_name_pick_the_sentence(assistant):
    for q in ("Which sectors does MOST's high-tech zone plan give priority to?",
              "Which sectors get priority in the HIDZ plan?"):  # the acronym's gloss repeats the item's name
        ans = assistant.ask(q)
        assert ans.answerable and "quantum information" in ans.text


def test_a_bare_subject_gets_every_item_about_it(assistant):
    ans = assistant.ask("Anything on quantum in the 2022 brief?")
    assert {HIDZ_2022} < {c.item_id for c in ans.citations}



def test_chinese_value_words_are_searched_in_english(assistant):
    from assistant.query import plan
    topic = plan("研发资金的预算有多少？", assistant.info).topic
    assert "budget" in topic and "funding" in topic


def test_the_words_an_acronym_stands_for_rank_as_the_acronym():
    # "ministry", "information" spelled out for MIIT are not the question's most specific words
    pairs = [("miit", frozenset({"ministri", "industri", "inform", "technolog"}))]
    terms = ["miit", "ministri", "industri", "inform", "technolog", "quota"]
    df = {"miit": 20, "ministri": 8, "industri": 30, "inform": 8, "technolog": 25}
    scorer = Scorer(terms, df, 84, synonyms=pairs)
    assert not scorer.has_rarest("a notice on information for the ministry")
    assert scorer.has_rarest("The Ministry of Industry and Information Technology (MIIT) released a notice")


def test_a_value_asked_of_an_acronym_is_not_given_by_an_item_without_it(assistant):
    # the battery draft's R&D share is no answer for drug-ingredient makers
    assert not assistant.ask("What share of revenue must API makers spend on R&D, focusing on invention patents?").answerable
    ans = assistant.ask("What share of revenue must battery makers spend on R&D, focusing on invention patents?")
    assert ans.answerable and "three percent" in ans.text


def test_names_the_question_already_gives_are_no_answer(assistant):
    assert answer_type("which central SOEs took part?") == "organisation"
    assert answer_type("Which foreign oil and chemical firms opened plants?") == "organisation"
    assert not assistant.ask("Which central SOEs other than Baowu and COFCO were part of the October 31 projects?").answerable
    assert assistant.ask("Which central SOEs took part in the October 31 projects?").answerable


def test_a_question_inside_a_yes_no_question_must_be_answered_by_the_item(assistant):
    # the HIDZ plan names no order in which zones are upgraded; the VR plan does say how many headsets
    assert not assistant.ask("Does the HIDZ plan say which zones will be upgraded first?").answerable
    assert assistant.ask("Does the VR plan say how many headsets should be sold?").answerable


def test_a_target_named_by_what_it_is_of_needs_a_figure_for_that_thing(assistant):
    ans = assistant.ask("What is the hydrogen production target of the HIDZ plan?")
    assert not ans.answerable and "hydrogen production" in ans.text
    assert assistant.ask("What is the R&D intensity target of the HIDZ plan?").answerable
    # "target" as a verb asks what the plan is aimed at, not for a figure
    assert assistant.ask("Which products does the cement and glass carbon plan target?").answerable
