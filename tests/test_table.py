"""Questions about many items, answered from the item table: lists, dates, issuers, Chinese names."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.agencies import Agencies
from assistant.query import plan
from assistant.render import markers

ROOT = Path(__file__).resolve().parent.parent
NEWS_2022 = "merics-china-industries-2022-11#policy_news-"


def cited(ans):
    return {c.item_id for c in ans.citations}


def test_agency_names_acronyms_and_chinese_names_are_one_entity():
    a = Agencies()
    for text in ["MIIT", "the Ministry of Industry and Information Technology", "工业和信息化部", "工信部"]:
        assert a.find(text) == ["MIIT"], text
    assert a.find("the most important plan") == []  # MOST the ministry is written in capitals
    assert a.find("The National Development and Reform Commission and National Energy Administration") == ["NDRC", "NEA"]


def test_corpus_pairs_add_institutions_but_not_other_acronyms():
    a = Agencies({"national data bureau": "NDB", "five-year plan": "FYP"})
    assert a.find("the NDB") == ["NDB"] and a.find("the FYP") == []


def test_a_day_lists_every_item_dated_that_day(assistant):
    ans = assistant.ask("What came out on 3 November 2021?")
    assert ans.answerable and len(ans.rows) == 3  # the NDRC coal notice, Tencent's chips, Naura's funds
    assert all(r.date == "2021-11-03" for r in ans.rows)
    assert set(markers(ans.text)) == {c.n for c in ans.citations} == {r.n for r in ans.rows}


def test_a_range_across_a_month_end_is_exact(assistant):
    ans = assistant.ask("List everything from October 25 to November 1, 2022")
    dates = sorted(r.date for r in ans.rows)
    assert dates and dates[0] >= "2022-10-25" and dates[-1] <= "2022-11-01"
    assert {"2022-10-25", "2022-10-26", "2022-10-28", "2022-10-31", "2022-11-01"} <= set(dates)


@pytest.mark.parametrize("name", ["NDRC", "the National Development and Reform Commission", "国家发改委"])
def test_everything_an_issuer_issued_includes_policy_news(assistant, name):
    ans = assistant.ask(f"everything the {name} issued")
    ids = cited(ans)
    assert "merics-china-industries-2021-11#top5-4" in ids or any("top5" in i for i in ids)
    assert any("policy_news" in i for i in ids)
    assert all("NDRC" in r.issuers for r in ans.rows)


def test_a_list_with_a_topic_keeps_only_relevant_rows(assistant):
    ans = assistant.ask("Which items are about batteries?")
    assert ans.answerable
    assert {"merics-china-industries-2021-11#top5-3", "merics-china-industries-2022-11#top5-2"} <= cited(ans)
    assert all("batter" in assistant.item(i).full_text().lower() for i in cited(ans))


def test_jointly_issued_top5_items(assistant):
    ans = assistant.ask("Which Top-5 policies involved more than one ministry?")
    assert ans.rows and all(r.kind == "top5" and len(r.issuers) >= 2 for r in ans.rows)
    assert len(ans.rows) == sum(1 for b in assistant.briefs() for i in b.top5() if len(i.issuers) >= 2)


def test_an_empty_selection_says_which_constraint_emptied_it(assistant):
    ans = assistant.ask("List the corporate news from mid-October 2021")
    assert not ans.answerable and not ans.citations
    assert "October 2021" in ans.text


def test_a_topic_the_selected_items_lack_is_not_answered(assistant):
    ans = assistant.ask("Which items did the CAC issue about football?")
    assert not ans.answerable and not ans.citations


def test_a_pasted_chinese_policy_name_resolves_to_its_item(assistant):
    ans = assistant.ask("锂离子电池行业规范条件由哪个机构发布？")
    assert ans.answerable and cited(ans) == {"merics-china-industries-2021-11#top5-3"}
    assert "MIIT" in ans.text


def test_month_abbreviations_are_periods_not_unknown_names(assistant):
    ans = assistant.ask("battery regulation Nov 2021")
    assert ans.answerable and "merics-china-industries-2021-11#top5-3" in cited(ans)


def test_cli_json_carries_the_rows(settings):
    env = {"BRIEFS_DATA_DIR": str(settings.data_dir), "BRIEFS_CORPUS_DIR": str(settings.corpus_dir),
           "PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"}
    out = subprocess.run([sys.executable, "-m", "assistant", "ask", "--json", "What did MOST issue in November 2022?"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    data = json.loads(out.stdout)
    assert [r["date"] for r in data["rows"]] == ["2022-11-09", "2022-11-28"]
    assert all(r["n"] in {c["n"] for c in data["citations"]} for r in data["rows"])


def _with_brief(tmp_path_factory, name: str, brief: Path):
    """An assistant over the two real briefs plus `brief`, indexed in a throwaway folder."""
    from assistant import Assistant, Settings

    base = tmp_path_factory.mktemp(name)
    corpus = base / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    shutil.copy(brief, corpus)
    return Assistant(Settings(corpus_dir=corpus, data_dir=base / "data"))


@pytest.fixture(scope="module")
def three_briefs(tmp_path_factory):
    """The two real briefs plus the fictional March 2023 one: an unseen month."""
    return _with_brief(tmp_path_factory, "three", ROOT / "eval" / "synthetic" / "merics-china-industries-2023-03.txt")


def test_unseen_month_lists_by_issuer_and_range(three_briefs):
    ans = three_briefs.ask("Which policies did MOFCOM issue in 2023?")
    assert {r.date for r in ans.rows} == {"2023-03-21", "2023-02-17"}  # not MOF's 2023-03-03 chip subsidies
    ans = three_briefs.ask("What was released between 1 and 10 March 2023?")
    dates = [r.date for r in ans.rows]
    assert dates and all("2023-03-01" <= d <= "2023-03-10" for d in dates) and "2023-03-08" in dates


def test_unseen_month_issuer_named_in_chinese(three_briefs):
    ans = three_briefs.ask("国家能源局发布了哪些政策？")
    assert ans.rows and all("NEA" in r.issuers for r in ans.rows)
    assert "2023-03-08" in {r.date for r in ans.rows}


def test_a_day_or_part_of_a_month_lists_its_items_not_the_brief(assistant):
    ans = assistant.ask("the second week of November 2021: anything?")
    assert ans.answerable and ans.rows
    assert all("2021-11-08" <= r.date <= "2021-11-14" for r in ans.rows)
    ans = assistant.ask("Nov 3 2021 — what happened, pls?")
    assert len(ans.rows) == 3 and all(r.date == "2021-11-03" for r in ans.rows)


def test_issued_or_coissued_keeps_single_issuer_items(assistant):
    ans = assistant.ask("what did MIIT issue or co-issue in November 2021?")
    ids = cited(ans)
    assert "merics-china-industries-2021-11#top5-1" in ids  # the ICT plan, MIIT alone
    assert "merics-china-industries-2021-11#top5-4" in ids  # the API plan, NDRC with MIIT


def test_kinds_of_company_constrain_a_list(assistant):
    ans = assistant.ask("Which carmakers made the 2022 corporate news?")
    texts = [assistant.item(i).full_text() for i in cited(ans)]
    assert ans.answerable and all(r.kind == "corporate_news" for r in ans.rows)
    for company in ("Renault", "BMW", "General Motors"):  # the BMW and GM items never say "carmaker"
        assert any(company in t for t in texts), company
    assert not any("Airbus" in t for t in texts)
    foreign = assistant.ask("Show every 2022 corporate news item about foreign firms")
    assert any("Airbus" in assistant.item(i).full_text() for i in cited(foreign))
    assert not assistant.ask("Which 2021 corporate news involve European companies?").rows


def test_a_common_abbreviation_matches_its_words(assistant):
    ans = assistant.ask("Any corporate news mentioning joint ventures? List them.")
    assert any("China JV with SAIC" in assistant.item(i).full_text() for i in cited(ans))


def test_or_splits_a_list_into_its_two_sides():
    from assistant.query import or_sides
    assert or_sides("which items about hydrogen or batteries came out in 2022?") == (
        "which items about hydrogen came out in 2022?", "which items about batteries came out in 2022?")
    assert or_sides("list what the State Council or the CAC issued") == (
        "list what the State Council issued", "list what the CAC issued")
    # no two phrases joined: nothing to split
    assert or_sides("list items issued or co-issued by MIIT") == ()
    assert or_sides("is it binding or not?") == ()
    assert or_sides("items on batteries and/or chips") == ()
    # a shared head noun and a leading kind-of-company word belong to both sides
    assert or_sides("news involving Japanese steel or car makers", frozenset({"japanese"})) == (
        "news involving Japanese steel makers", "news involving Japanese car makers")


def test_a_list_of_two_kinds_of_company_is_their_union(assistant):
    # no corporate news involves both a carmaker and a chip company: "or" is not "and"
    ans = assistant.ask("Which corporate news involve carmakers or chip companies?")
    assert ans.answerable and all(r.kind == "corporate_news" for r in ans.rows)
    texts = [assistant.item(c.item_id).full_text() for c in ans.citations]
    assert any("Naura" in t for t in texts) and any("Renault" in t for t in texts)  # both sides listed


def test_a_chinese_list_topic_is_searched_in_english(assistant):
    from assistant.glossary import to_english
    assert "photovoltaic" in to_english("光伏政策") and to_english("battery rules") == "battery rules"
    ans = assistant.ask("2022年有哪些政策新闻涉及光伏？")
    assert ans.answerable and ans.rows
    assert all(r.kind == "policy_news" and r.date.startswith("2022") for r in ans.rows)
    assert all("photovoltaic" in assistant.item(c.item_id).full_text().lower() for c in ans.citations)


def test_two_pasted_chinese_names_answer_both_and_their_years_are_names(assistant):
    names = {i.item_id: i.policy_cn for b in assistant.briefs() for i in b.items if "锂离子电池" in i.policy_cn}
    assert len(names) == 2
    q = "和".join(f"《{n}》" for n in names.values()) + "分别由哪个部门发布？"
    ans = assistant.ask(q)
    assert ans.answerable and cited(ans) == set(names)
    from assistant.query import plan
    assert plan(f"《{next(n for n in names.values() if '2021' in n)}》是谁发布的？", assistant.info).filters.years == frozenset()


def test_words_about_documents_and_listing_are_no_topic(assistant):
    ans = assistant.ask("Show me every single policy news entry of the 2022 edition")
    assert ans.answerable and len(ans.rows) == 8 and all(r.kind == "policy_news" for r in ans.rows)


def test_items_setting_targets_are_a_row_property(assistant):
    ans = assistant.ask("Which 2022 Top-5 items set quantitative targets?")
    assert ans.answerable and ans.rows and all(r.kind == "top5" and r.date.startswith("2022") for r in ans.rows)
    cited_ids = cited(ans)
    assert "merics-china-industries-2022-11#top5-2" not in cited_ids  # the battery notice sets no figure
    assert "merics-china-industries-2022-11#top5-4" in cited_ids  # the HIDZ plan: 220 zones by 2025
    assert "220" in ans.text  # short lists show each item's targets


def test_a_list_topic_may_match_by_meaning(assistant):
    # the briefs write "photovoltaic", never "solar"
    ans = assistant.ask("which 2022 items are about solar power?")
    assert ans.answerable and ans.rows
    assert all("photovoltaic" in assistant.item(c.item_id).full_text().lower() for c in ans.citations)
    assert not assistant.ask("list the items about football clubs").answerable


def test_a_chinese_list_keeps_no_untranslated_words_as_topic(assistant):
    ans = assistant.ask("生态环境部在2022年的简报中发布了什么？")
    assert ans.answerable and len(ans.rows) == 1 and ans.rows[0].issuers == ["MEE"]


def test_what_comes_after_rather_than_is_not_asked_about(assistant):
    ans = assistant.ask("Which 2021 Top-5 items were drafts for comment rather than adopted final rules?")
    assert ans.answerable and cited(ans) == {"merics-china-industries-2021-11#top5-3", "merics-china-industries-2021-11#top5-5"}


def test_which_bodies_issued_it_asks_for_issuers_not_a_list(assistant):
    from assistant.query import plan
    assert not plan("Which bodies issued the draft measures on cross-border data?", assistant.info).enumerate
    assert not plan("Which body released notices on lithium batteries?", assistant.info).enumerate
    assert plan("Which of the 2022 Top-5 items came from MOST?", assistant.info).enumerate


def test_a_kind_of_company_named_by_its_trade_includes_items_naming_that_trade(assistant):
    # Tencent is an internet company, but its news is about making chips
    ans = assistant.ask("Which corporate news involve chip companies?")
    texts = [assistant.item(c.item_id).full_text() for c in ans.citations]
    assert ans.answerable and any("Tencent" in t for t in texts) and any("Naura" in t for t in texts)
    from assistant.companies import trade_of
    assert trade_of("carmakers") is None and trade_of("chip companies").search("three computer chips")


def test_a_quoted_list_topic_is_matched_verbatim(assistant):
    ans = assistant.ask('Which items mention "carbon peaking"?')
    assert ans.answerable and len(ans.rows) == 2
    assert all("carbon peaking" in assistant.item(c.item_id).full_text() for c in ans.citations)


def test_items_that_only_resemble_a_topic_are_not_listed_beside_those_about_it(assistant):
    ans = assistant.ask("List the items about the photovoltaic industry")
    assert ans.answerable and all("photovoltaic" in assistant.item(c.item_id).full_text().lower() for c in ans.citations)


def test_a_part_of_a_month_against_another_year_is_each_side_s_own_period(assistant):
    from assistant.query import plan
    p = plan("What did the CAC put out in late November 2021 and in 2022?", assistant.info)
    assert p.compare == (2021, 2022)
    assert (20211121, 20211130) in p.filters.ranges and (20220101, 20221231) in p.filters.ranges
    ans = assistant.ask("What did the CAC put out in late October 2021 and in 2022?")
    dates = {r.date for r in ans.rows}
    assert "2021-10-29" in dates and "2022-11-18" in dates and "2021-11-14" not in dates


def test_an_inflected_list_verb_is_no_topic(assistant):
    ans = assistant.ask("Which corporate news in the 2022 brief involves carmakers?")
    assert ans.answerable and len(ans.rows) == 3
    assert "merics-china-industries-2022-11#corporate_news-4" in cited(ans)  # Renault and Geely


def test_a_list_row_quotes_the_sentence_that_puts_it_on_the_list(assistant):
    """A Top-5 row's first sentence says what the policy is; the topic may sit in a bullet."""
    ans = assistant.ask("Which policies would curb new battery factories?")
    assert ans.rows and "merics-china-industries-2021-11#top5-3" in cited(ans)
    # the bullet, or the lead's second sentence on new plants (a factory is a plant): not the lead's first
    assert ("Curb new manufacturing projects that simply expand production capacity" in ans.text
            or "establishes restrictions on new battery plants" in ans.text)
    lead = "MIIT released a draft regulation regarding China’s lithium-ion battery industry."
    assert lead in ans.text  # still said first: what the policy is


def test_a_row_only_near_the_topic_must_come_near_the_closest_row(assistant):
    ans = assistant.ask("Which plans for carbon peaking did the 2022 brief report?")
    rows = [r.headline for r in ans.rows]
    assert len(rows) == 2 and all("carbon peaking" in h for h in rows), rows  # not the CCUS memorandum


def test_a_word_joined_to_an_issuer_by_a_slash_is_that_issuer(assistant):
    ans = assistant.ask("Which items involve the Internet/Cyberspace Administration of China?")
    assert ans.answerable and len(ans.rows) == 3 and all(r.issuers == ["CAC"] for r in ans.rows)


def test_which_with_a_long_modifier_is_still_a_list(assistant):
    from assistant.query import plan
    assert plan("Which new energy vehicle news came out in 2022?", assistant.info).enumerate


def test_an_acronym_written_against_chinese_characters_is_found():
    from assistant.companies import Companies
    a = Agencies()
    assert a.find("2022年MIIT发布了什么") == ["MIIT"]  # CJK characters are word characters too
    assert a.find("MIIT-led") == []  # a hyphen still joins a word
    assert Companies().find("宁德时代和BMW在沈阳") == ["CATL", "BMW"]


def test_leading_stories_and_news_items_are_all_three_sections(assistant):
    from assistant.query import plan
    p = plan("Show me the top stories and the short news items that MOST put out in 2022", assistant.info)
    assert p.enumerate and p.filters.kinds == {"top5", "policy_news", "corporate_news"}
    assert p.table_topic == ""  # "short" says which items, not what they are about
    ans = assistant.ask("Show me the top stories and the short news items that MOST put out in 2022")
    assert len(ans.citations) == 3 and any(c.kind == "policy_news" for c in ans.citations)


def test_a_noun_naming_items_makes_the_noun_beside_it_another_kind_of_item(assistant):
    from assistant.query import plan
    q = "Which carmaker announcements and investments did the 2022 brief report?"
    assert plan(q, assistant.info).table_topic == ""
    ans = assistant.ask(q)
    # the Renault-Geely venture invests nothing, but it is a carmaker's announcement
    assert any("Renault" in c.quote for c in ans.citations) and any("SAIC" in c.quote for c in ans.citations)
    assert plan("Which items on batteries and recycling?", assistant.info).table_topic == "batteries recycling"


def test_a_list_question_names_its_own_year_after_an_item_of_that_year(assistant):
    s = assistant.session()
    s.ask("Summarise the CAC draft on assessing outbound data transfers")
    ans = s.ask("List the CAC's items dated 2021")  # a list's year, though the item just cited writes 2021
    assert len(ans.citations) == 2 and all(c.date.startswith("2021") for c in ans.citations)


def test_just_the_news_items_narrows_the_list_just_given(assistant):
    s = assistant.session()
    first = s.ask("Everything MIIT issued or co-issued in the 2022 brief")
    assert {c.kind for c in first.citations} >= {"top5", "policy_news"}
    ans = s.ask("just the news items")
    assert ans.answerable and {c.kind for c in ans.citations} == {"policy_news"}
    assert {c.item_id for c in ans.citations} < {c.item_id for c in first.citations}
    ans = s.ask("and the Top 5 ones?")  # of the list that was narrowed, not of its news items
    assert ans.answerable and {c.kind for c in ans.citations} == {"top5"}


def test_a_list_naming_its_own_period_after_a_list_is_not_a_narrowing_of_it(assistant):
    s = assistant.session()
    s.ask("Everything MIIT issued or co-issued in the 2022 brief")
    ans = s.ask("list the 2021 policy news")
    assert ans.answerable and all(c.date.startswith("2021") and c.kind == "policy_news" for c in ans.citations)


def test_where_a_term_comes_up_across_the_briefs_lists_every_item_naming_it(assistant):
    from assistant.query import plan
    p = plan("Where does hydrogen show up across both briefs?", assistant.info)
    assert p.enumerate and not p.filters.years
    assert "two" not in plan("Where is hydrogen mentioned across the two briefs?", assistant.info).topic
    ans = assistant.ask("Where does hydrogen show up across both briefs?")
    assert len(ans.citations) == 2 and {c.date[:4] for c in ans.citations} == {"2021", "2022"}


def test_what_got_released_on_a_day_is_that_days_list(assistant):
    ans = assistant.ask("What got published on 18 November 2022?")
    assert len(ans.citations) == 3 and all(c.date == "2022-11-18" for c in ans.citations)


def test_kinds_of_instrument_offered_as_alternatives_restrict_nothing(assistant):
    from assistant.query import plan
    q = "List what the NDRC put out, whether plans, standards or measures"
    p = plan(q, assistant.info)
    assert p.table_topic == "" and p.issuer_keys
    assert len(assistant.ask(q).citations) >= 3


def test_an_everyday_word_lists_the_items_written_in_official_terms(assistant):
    ans = assistant.ask("Which 2022 news items concern solar?")
    assert len(ans.citations) == 2 and all("photovoltaic" in c.quote for c in ans.citations)
    ans = assistant.ask("Which 2021 corporate news is about chips?")  # "semiconductor" names chips too
    assert len(ans.citations) == 2 and any("Naura" in c.quote for c in ans.citations)
    assert assistant.ask("anything about driverless cars in 2021?").answerable


@pytest.fixture(scope="module")
def june_brief(tmp_path_factory):
    """The two real briefs plus the fictional June 2023 one (Markdown)."""
    return _with_brief(tmp_path_factory, "june", ROOT / "eval" / "synthetic-md" / "merics-china-industries-2023-06.md")


def test_values_for_several_periods_may_sit_in_a_sentence_each(june_brief):
    ans = june_brief.ask("What are the per-car limits on the NEV purchase tax break for 2024-2025 and for 2026-2027?")
    assert ans.answerable and "30,000" in ans.text and "15,000" in ans.text


def test_nouns_joined_by_and_at_the_end_are_one_side_of_an_or():
    from assistant.query import or_sides
    assert or_sides("which news concern chipmakers or new fabs and assembly lines?") == (
        "which news concern chipmakers?", "which news concern new fabs and assembly lines?")
    # a clause after "and" belongs to both sides
    assert or_sides("which items concern hydrogen or batteries and were issued in 2022?") == (
        "which items concern hydrogen and were issued in 2022?", "which items concern batteries and were issued in 2022?")


def test_a_list_naming_a_kind_of_company_or_a_topic_lists_both(assistant):
    ans = assistant.ask("Which corporate news concern automakers or battery factories and plants?")
    texts = " ".join(assistant.item(c.item_id).full_text() for c in ans.citations)
    assert all(name in texts for name in ("Renault", "SAIC", "Tesla", "Brilliance"))


def test_the_analysts_wishes_are_no_list_topic(assistant):
    ans = assistant.ask("List the NDRC's items from the brief of late 2021, I want every one.")
    assert len(ans.citations) == 4 and all(c.date.startswith("2021") for c in ans.citations)
    ans = assistant.ask("Which 2022 items did MIIT issue? I want them all.")
    assert len(ans.rows) == 7 and all("MIIT" in r.issuers for r in ans.rows)


def test_a_kind_of_company_said_with_ones_narrows_the_list_just_given(assistant):
    s = assistant.session()
    first = s.ask("List 2022 company news on European businesses.")
    assert len(first.citations) >= 4
    ans = s.ask("only the German ones")
    ids = {c.item_id for c in ans.citations}
    assert ans.answerable and 2 <= len(ids) < len(first.citations) and ids <= {c.item_id for c in first.citations}
    assert any("BMW" in assistant.item(i).full_text() for i in ids)  # German by the company data, not by the word


def test_a_month_before_an_item_noun_names_that_months_brief(assistant):
    ans = assistant.ask("Which Nov 2022 news items are about solar power?")
    assert {c.date[:7] for c in ans.citations} == {"2022-10", "2022-11"}  # the brief reports late-October items too
    # with no brief of that month, the items dated in it
    dated = assistant.ask("Which Oct 2021 items are there?")
    assert dated.citations and all(c.date.startswith("2021-10") for c in dated.citations)


def test_coming_up_asks_whether_the_briefs_mention_it(assistant):
    from assistant.query import plan
    from assistant.text import content_terms
    assert content_terms(plan("Does hydrogen come up anywhere?", assistant.info).topic) == ["hydrogen"]


def test_joint_ventures_of_a_kind_of_company_are_that_kind(assistant):
    ans = assistant.ask("Which car joint ventures made the 2022 news?")
    texts = " ".join(assistant.item(c.item_id).full_text() for c in ans.citations)
    assert all(name in texts for name in ("Renault", "SAIC", "Brilliance"))


def test_pulling_items_together_is_a_list_not_a_joint_issue(assistant):
    from assistant.lexicon import MULTI_ISSUER
    assert MULTI_ISSUER.search("which notices did MIIT issue together with SAMR?")
    assert not MULTI_ISSUER.search("Pull together every item on chips")
    ans = assistant.ask("Put together all corporate news on carmakers.")
    assert len(ans.rows) >= 5 and all(r.kind == "corporate_news" for r in ans.rows)


def test_words_framing_a_list_topic_give_way_to_what_it_is_on(assistant):
    from assistant.query import plan
    q = "Which 2022 items are behind the push on batteries?"
    p = plan(q, assistant.info)
    assert p.table_focus == "batteries" and set(p.table_focus.split()) < set(p.table_topic.split())
    ans = assistant.ask(q)
    assert ans.answerable and ans.citations
    assert all("batter" in assistant.item(c.item_id).full_text().lower() for c in ans.citations)


def test_sections_named_as_included_restrict_nothing(assistant):
    from assistant.query import plan
    p = plan("How many items on batteries are there in both briefs, including policy and corporate news?", assistant.info)
    assert p.enumerate and p.filters.kinds == frozenset()
    assert plan("Count the corporate news items on batteries.", assistant.info).filters.kinds == {"corporate_news"}


def test_a_compound_ending_in_a_list_word_keeps_its_subject(assistant):
    from assistant.query import plan
    assert plan("List the battery-related items", assistant.info).table_topic == "battery"
    assert plan("List the long-term plans", assistant.info).table_topic == "long-term"  # "term" is no list word


def test_a_list_over_two_named_years_is_one_list_of_the_kind_named(assistant):
    ans = assistant.ask("Every Top 5 item MIIT issued, 2021 and 2022 briefs: the complete list please")
    assert ans.answerable and len(ans.citations) == 6 and {c.kind for c in ans.citations} == {"top5"}


def test_a_list_of_one_is_that_item_in_full(assistant):
    ans = assistant.ask("tell me everything about hidz")
    assert [c.item_id for c in ans.citations] == ["merics-china-industries-2022-11#top5-4"] and "7.8 percent" in ans.text


def test_which_of_two_named_items_sets_more_compares_them(assistant):
    for q in ("Which sets the bigger contract goal: the HIDZ plan or the MOST plan on the technology market?",
              "Which 2022 plan sets the bigger contract target, the HIDZ plan or the MOST technology market plan?"):
        ans = assistant.ask(q)  # "which … plan" alone would read as a list
        assert len(ans.citations) == 2 and "5 trillion" in ans.text and "2.5 trillion" in ans.text
    assert ans.blocks[0].title == "The HIDZ plan"


def test_news_and_top_stories_alike_lists_both_kinds(assistant):
    ans = assistant.ask("List every CAC item across both briefs, Top 5 and news alike.")
    assert ans.answerable and len(ans.citations) == 3


def test_a_kind_of_company_is_also_searched_by_the_names_of_its_members(assistant):
    p = plan("Did a steelmaker sign anything in the autumn?", assistant.info)
    assert "Baowu" in p.lexical_also


def test_a_count_over_a_partitive_is_a_list_of_a_named_company(assistant):
    ans = assistant.ask("How many of the November 2022 corporate news items name BASF?")
    assert ans.answerable and len(ans.citations) == 2 and all("BASF" in c.quote for c in ans.citations)


def test_a_bullet_list_introduced_as_targets_is_the_targets(assistant):
    ans = assistant.ask("Which Top 5 items of 2021 set 2025 targets?")
    # the API plan's targets are words, not figures; the IPR plan's "More than double" has no goal verb
    assert "internationally competitive API companies" in ans.text
    assert "More than double overseas patents" in ans.text
    assert ":;" not in ans.text


def test_a_range_from_one_brief_month_to_another_compares_the_briefs(assistant):
    from assistant.query import plan
    p = plan("How did MIIT's line on batteries move from November 2021 to November 2022?", assistant.info)
    assert p.compare == (2021, 2022)
    listed = plan("List MIIT's items from November 2021 to November 2022", assistant.info)
    assert listed.enumerate and not listed.compare  # a list over the range stays a range


def test_a_company_of_a_kind_is_found_whatever_its_news_says(assistant):
    # no item names a departure in these words: the items involving foreign firms are asked
    ans = assistant.ask("In 2021, which foreign firm left?")
    assert ans.answerable and "Yahoo" in ans.citations[0].quote


def test_a_company_of_another_kind_does_not_answer_for_the_kind_asked(assistant):
    # the battery draft names a German carmaker's startup and a bankrupt US battery maker
    assert not assistant.ask("Which Japanese carmaker cut production?").answerable
    assert not assistant.ask("Which state-owned firm went bankrupt?").answerable
    assert assistant.ask("Which German carmaker expanded battery production?").answerable


def test_instrument_nouns_in_general_are_no_topic_of_a_list(assistant):
    ans = assistant.ask("NDRC: which measures?")
    ndrc = {r.item_id for r in assistant.rows if "NDRC" in r.issuers}
    assert {c.item_id for c in ans.citations} == ndrc


def test_prepositions_and_included_joint_items_restrict_no_list(assistant):
    p = plan("Which 2022 Top-5 items have MIIT among their issuers?", assistant.info)
    assert p.enumerate and p.table_topic == ""
    assert len(cited(assistant.answer_plan(p))) == 3  # the IP, battery and VR items
    inclusive = plan("List the NDRC's 2021 items, including ones it co-issued.", assistant.info)
    assert inclusive.enumerate and not inclusive.multi_issuer
    assert len(cited(assistant.answer_plan(inclusive))) == 4
    assert plan("Which NDRC items were co-issued?", assistant.info).multi_issuer


def test_a_list_asked_over_two_years_is_one_list_not_a_comparison(assistant):
    p = plan("Please name all company news from 2021 and 2022 involving carmakers.", assistant.info)
    assert p.enumerate and not p.compare and p.filters.years == {2021, 2022}
    assert plan("Compare the carmaker news of 2021 and 2022.", assistant.info).compare == (2021, 2022)


def test_who_asks_or_what_for_names_no_topic(assistant):
    p = plan("For a client memo: which items are about batteries?", assistant.info)
    assert p.table_topic == "batteries"
    assert plan("As a journalist - which items are about batteries?", assistant.info).table_topic == "batteries"


def test_a_month_before_a_chinese_brief_noun_names_the_brief(assistant):
    p = plan("2022年11月简报中有哪些光伏政策？", assistant.info)
    assert p.filters.brief_months == {"2022-11"} and not p.month_ranges
    assert len(cited(assistant.answer_plan(p))) == 2  # one PV item is dated October


def test_rows_chosen_by_a_kind_of_company_need_only_some_of_the_topic(assistant):
    # carmakers' news is all plants, deals and investments: any of the topic's words will do
    p = plan("Over both briefs, which company news is about foreign carmakers putting money into or partnering on car "
             "production in China?", assistant.info)
    names = " ".join(c.headline or c.quote for c in assistant.answer_plan(p).citations)
    for firm in ("Tesla", "Renault", "BMW", "General Motors"):
        assert firm in names
