"""ask() through the public API and the CLI on the real corpus."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import QuestionError
from assistant.render import markers
from assistant.query import plan

ROOT = Path(__file__).resolve().parent.parent
BATTERY_2021 = "merics-china-industries-2021-11#top5-3"
BATTERY_2022 = "merics-china-industries-2022-11#top5-2"


def items_of(ans):
    return [c.item_id for c in ans.citations]


def first_items(ans, k=5):
    out = []
    for h in ans.retrieved:
        if h.item_id not in out:
            out.append(h.item_id)
    return out[:k]


def test_lithium_question_cites_both_battery_items(assistant):
    ans = assistant.ask("What are China's lithium battery measures?")
    assert ans.answerable
    assert {BATTERY_2021, BATTERY_2022} <= set(items_of(ans))
    assert set(markers(ans.text)) == {c.n for c in ans.citations}


def test_every_quote_is_verbatim_and_every_marker_resolves(assistant):
    questions = [json.loads(l)["question"] for l in (ROOT / "eval" / "questions.jsonl").read_text().splitlines() if l.strip()]
    assert len(questions) >= 60
    for q in questions:
        ans = assistant.ask(q)
        used = markers(ans.text)
        numbers = [c.n for c in ans.citations]
        assert numbers == list(range(1, len(numbers) + 1)), q
        assert set(used) == set(numbers), q  # no dangling marker, no unused citation
        assert len({c.item_id for c in ans.citations}) == len(numbers), q  # one number per item
        retrieved = {h.item_id for h in ans.retrieved}
        for c in ans.citations:
            assert c.item_id in retrieved, q  # never cite what was not retrieved
            source = assistant.item(c.item_id).full_text()
            for part in c.quote.split(" … "):
                assert part in source, (q, part)
        if not ans.answerable:
            assert not ans.citations


@pytest.mark.parametrize("question, item", [
    ("CATL", BATTERY_2021),
    ("Naura", "merics-china-industries-2021-11#corporate_news-3"),
    ("SAMR", BATTERY_2022),
    ("polysilicon", "merics-china-industries-2022-11#policy_news-2"),
    ("7.8 percent", "merics-china-industries-2022-11#top5-4"),
    ("锂离子电池产业链", BATTERY_2022),
    ("锂离子电池行业规范条件", BATTERY_2021),
])
def test_exact_names_numbers_and_chinese_rank_first(assistant, question, item):
    assert first_items(assistant.ask(question))[0] == item


@pytest.mark.parametrize("question", [
    "How many Huawei smartphones were sold in Europe in 2022?",
    "Who won the 2022 Chinese Super League football title?",
    "What were the Top 5 policies in the 2023 brief?",
    "What changes did the 2022 amendment to China's Anti-Monopoly Law introduce?",
])
def test_out_of_corpus_abstains(assistant, question):
    ans = assistant.ask(question)
    assert not ans.answerable and ans.citations == [] and "don't" in ans.text


def test_year_filter_from_text_and_explicit(assistant):
    ans = assistant.ask("What did the CAC release in 2021?")
    assert ans.citations and all(c.date.startswith("2021") for c in ans.citations)
    ans = assistant.ask("What did MIIT release?", year=2022)
    assert ans.citations and all(c.date.startswith("2022") for c in ans.citations)


def test_since_a_day_is_checked_to_the_day(assistant):
    since = assistant.ask("What did MIIT do since November 10, 2022?")
    assert since.citations and all(c.date >= "2022-11-10" for c in since.citations)


def test_plan_reads_dates(assistant):
    info = assistant.info
    assert plan("battery rules in November 2022", info).filters.brief_months == {"2022-11"}
    assert plan("last year's brief on batteries", info).filters.years == {2021}
    assert plan("since October 2022", info).filters.date_from == 20221001
    assert plan("targets for 2025", info).filters.is_empty()
    assert plan("Compare 2021 and 2022 battery policy", info).compare == (2021, 2022)
    assert plan("Which rules did SAMR co-issue?", info).issuers == ("SAMR",)
    assert plan("what did most ministries do", info).issuers == ()  # "most" is not MOST


def test_comparison_cites_both_years_side_by_side(assistant):
    ans = assistant.ask("Compare China's 2021 and 2022 battery policy")
    assert ans.answerable
    assert "### 2021" in ans.text and "### 2022" in ans.text and "What changed" in ans.text
    assert {BATTERY_2021, BATTERY_2022} <= set(items_of(ans))
    # The structure the renderers lay out: one section per period, then the fields table and the summary.
    assert [(b.kind, b.title) for b in ans.blocks] == [("section", "2021"), ("section", "2022"), ("table", ""),
                                                     ("summary", "")]


def test_comparison_with_uncovered_period_says_so(assistant):
    ans = assistant.ask("Compare battery policy in 2019 and 2022")
    assert ans.answerable and "The briefs don't cover 2019" in ans.text
    assert items_of(ans) and all(c.date.startswith("2022") for c in ans.citations)
    assert BATTERY_2022 in items_of(ans)


def test_empty_and_huge_questions(assistant):
    for bad in ["", "   \n\t"]:
        with pytest.raises(QuestionError):
            assistant.ask(bad)
    huge = "What are China's lithium battery measures? " + "x" * 100_000
    ans = assistant.ask(huge)
    assert len(ans.question) <= assistant.settings.answer.max_question_chars


def test_followups_resolve_against_previous_turn(assistant):
    chat = assistant.session()
    first = chat.ask("What does the 2022 notice on the battery supply chain say?")
    assert items_of(first)[0] == BATTERY_2022
    who = chat.ask("Who issued it?")
    assert who.answerable and items_of(who)[0] == BATTERY_2022 and "SAMR" in who.text
    assert "Issuing bodies: MIIT, SAMR" in who.citations[0].quote
    view = chat.ask("What did MERICS say about that?")
    assert items_of(view)[0] == BATTERY_2022
    assert any(part in assistant.item(BATTERY_2022).comment for part in view.citations[0].quote.split(" … "))
    earlier = chat.ask("And in 2021?")
    assert BATTERY_2021 in items_of(earlier)
    # stateless ask() knows nothing of the session
    assert not assistant.ask("Who issued it?").answerable or items_of(assistant.ask("Who issued it?"))[:1] != [BATTERY_2022]


def test_sessions_are_independent(assistant):
    a, b = assistant.session(), assistant.session()
    a.ask("What are China's lithium battery measures?")
    b.ask("What did Naura raise?")
    assert len(a.history) == 1 and len(b.history) == 1


def _cli(*args, env_extra=None):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)


def test_cli_json_contract(settings):
    r = _cli("ask", "What are China's lithium battery measures?", "--json", env_extra={"BRIEFS_DATA_DIR": str(settings.data_dir)})
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert set(out) == {"question", "answer", "answerable", "citations", "facet"}  # + rows/reason/periods when they apply
    assert out["answerable"] is True
    cite = out["citations"][0]
    assert set(cite) == {"n", "brief", "item_id", "kind", "headline", "policy", "policy_cn", "issuers", "date", "quote"}
    assert {BATTERY_2021, BATTERY_2022} <= {c["item_id"] for c in out["citations"]}


def test_cli_empty_question_exit_2_without_traceback(settings):
    r = _cli("ask", "  ", env_extra={"BRIEFS_DATA_DIR": str(settings.data_dir)})
    assert r.returncode == 2 and "Traceback" not in r.stderr and "empty question" in r.stderr


def test_short_and_new_topic_followups(assistant):
    chat = assistant.session()
    chat.ask("Tell me about the VR action plan")
    when = chat.ask("When?")
    assert when.answerable and "November 1, 2022" in when.text
    assert when.citations[0].quote.startswith("Date: November 1, 2022")  # then the supporting sentence
    other = chat.ask("And the 2021 ICT plan?")
    assert items_of(other)[0] == "merics-china-industries-2021-11#top5-1"


def test_kind_words_and_issuer_listing(assistant):
    ans = assistant.ask("Which ministries issued top policies in November 2021?")
    assert len(ans.citations) >= 3 and all(c.kind == "top5" and c.date.startswith("2021") for c in ans.citations)
    assert all("Issuing bod" in c.quote for c in ans.citations)


def test_implicit_followup_without_pronoun_and_no_false_answer(assistant):
    chat = assistant.session()
    chat.ask("What did the CAC's 2021 draft on cross-border data transfers require?")
    how_long = chat.ask("How long should an assessment take?")
    assert how_long.answerable and "45 days" in how_long.text
    again = chat.ask("And how often must it be redone?")
    assert again.answerable and "every two years" in again.text
    off_topic = chat.ask("Who won the Chinese Super League football title?")
    assert not off_topic.answerable and not off_topic.citations


def test_a_comparison_embeds_its_question_once(assistant):
    # per-period retrieval and sentence ranking share one query vector (no repeated model calls)
    embed = assistant.retriever.embed
    calls = []
    original = type(embed).get_query_embedding
    object.__setattr__(embed, "get_query_embedding", lambda text: calls.append(text) or original(embed, text))
    try:
        assistant.retriever._query_vectors.clear()
        assistant.ask("Compare China's 2021 and 2022 battery policy")
    finally:
        object.__delattr__(embed, "get_query_embedding")
    assert len(calls) == 1


def test_acronym_unknown_to_the_briefs_finds_the_name_it_abbreviates(assistant):
    # The brief writes "General Motors"; analysts write "GM".
    ans = assistant.ask("How much will the GM joint venture with SAIC invest?")
    assert ans.answerable
    assert "20 billion" in ans.text
    assert any("General Motors" in c.quote for c in ans.citations)


def test_initialisms_skip_sentence_starts_and_ambiguous_initials():
    from assistant.query import find_initialisms

    found = find_initialisms(["The State Council met. General Motors said so. Then Sun Microsystems, "
                              "Shanghai Metals, Soft Machines and Smart Mobility spoke."])
    assert found["GM"] == ("General Motors",)
    assert found["SC"] == ("State Council",)
    assert "TSC" not in found
    assert "SM" not in found  # four candidates: the initials say nothing


# --- near misses: the topic is in the briefs, the asked-for fact is not ---------------------

@pytest.mark.parametrize("question, why", [
    ("How much did Wanxiang pay when it bought the US battery maker A123?", "amount"),
    ("How much money is CATL putting into sodium-ion battery production?", "amount"),
    ("Which robotaxi licence did Huawei get in Shenzhen?", "Huawei"),
    ("What is the ICT plan's 5G penetration goal for 2030?", "2030"),
])
def test_near_misses_abstain_and_say_what_is_missing(assistant, question, why):
    ans = assistant.ask(question)
    assert not ans.answerable and not ans.citations
    assert why in ans.text


@pytest.mark.parametrize("question, fact", [
    ("How much will the accumulated ICT infrastructure investment grow by 2025?", "3.7 trillion"),
    ("Why did MIIT and SAMR intervene in the battery sector, and how much of an EV's value do batteries make up?",
     "40 percent"),
    ("How many 5G base towers has China installed so far?", "1.15 million"),
])
def test_quantity_questions_with_a_stated_figure_still_answer(assistant, question, fact):
    ans = assistant.ask(question)
    assert ans.answerable and fact in ans.text


def test_new_quantities_ignore_years_names_and_figures_already_asked():
    from assistant.answertypes import new_numbers as new_quantities

    assert new_quantities("as Wanxiang did with US battery maker A123 in 2012.", "How much did A123 cost?") == []
    assert new_quantities("penetration from 15 to 56 percent of 5G users in the 14th FYP", "") == ["15", "56"]
    assert new_quantities("CNY 2.5 trillion to CNY 3.7 trillion", "from CNY 2.5 trillion?") == ["3.7"]
    assert new_quantities("at least three percent of revenue", "") == ["three"]


def test_unknown_names_are_standalone_capitalised_words_the_briefs_lack():
    from assistant.query import CorpusInfo, unknown_names

    info = CorpusInfo(brief_months=("2022-11",), years=(2022,), vocabulary=frozenset({"bmw", "baidu", "china"}))
    assert unknown_names("When did Huawei and Baidu get licences in Shenzhen?", info) == ["Huawei", "Shenzhen"]
    assert unknown_names("Which Munich-based carmaker expanded in China?", info) == []  # a descriptor
    assert unknown_names("Which Top 5 item is about BMW?", info) == []  # the briefs' own format words
    assert unknown_names("Huawei?", info) == []  # sentence-initial capitals say nothing


def test_target_year_the_briefs_never_write_is_uncovered(assistant):
    assert plan("What are the targets for 2030?", assistant.info).uncovered == ("2030",)
    assert plan("What are the targets for 2025?", assistant.info).uncovered == ()


def test_nationalities_are_not_unknown_names():
    from assistant.query import CorpusInfo, unknown_names

    info = CorpusInfo(brief_months=("2022-11",), years=(2022,), vocabulary=frozenset({"china", "chip"}))
    assert unknown_names("How does China answer American, Japanese and Dutch chip curbs?", info) == []
    assert unknown_names("How does China answer the Nexperia chip curbs?", info) == ["Nexperia"]


def test_two_named_periods_are_compared_not_intersected(assistant):
    both = plan("Last year's brief had a royalty target; this year's has a contract target. What are they?",
                assistant.info)
    assert both.compare == (2021, 2022) and both.filters.is_empty()
    months = plan("Tesla in November 2021 versus the SAIC venture in November 2022?", assistant.info)
    assert months.compare == (2021, 2022) and not months.filters.brief_months
    content = plan("How many zones does the November 2022 plan target, versus 2020?", assistant.info)
    assert content.compare == () and content.filters.brief_months == {"2022-11"}


def test_target_bullets_bring_their_target_year(assistant):
    ans = assistant.ask("What 5G base tower density does the ICT plan aim for?")
    assert "26" in ans.text
    assert "targets for 2025" in ans.text  # the bullets' lead-in: the figure's target year


def test_who_or_when_answers_also_quote_the_closest_sentence(assistant):
    ans = assistant.ask("Which agency oversees the new cross-border data transfer security assessments?")
    assert ans.answerable and "CAC" in ans.text
    assert ans.text.count("\n- ") >= 1  # the issuer line plus the sentence on what the agency does


def test_a_new_topic_in_a_chat_is_not_answered_from_the_previous_items(assistant):
    chat = assistant.session()
    assert chat.ask("What are China's lithium battery measures?").answerable
    chip = chat.ask("What are the rules for American chip firms?")  # "the rules for X" names its own topic
    assert not chip.answerable and not chip.citations
    again = chat.ask("Who issued the rules?")  # bare "the rules" points back to the battery answer
    assert again.answerable and "MIIT" in again.text


def test_overview_of_a_brief_lists_its_top5_with_citations(assistant):
    ans = assistant.ask("Summarise the November 2021 brief")
    assert ans.answerable and len(ans.citations) == 5
    assert {c.item_id for c in ans.citations} == {f"merics-china-industries-2021-11#top5-{n}" for n in range(1, 6)}
    assert "ICT infrastructure + IPR enforcement + Battery innovation" in ans.text  # the brief's topics line
    assert all(c.quote and c.quote in ans.text for c in ans.citations)
    topical = plan("What did the November 2022 brief say about batteries?", assistant.info)
    assert topical.intent != "overview"  # a topic of its own: normal retrieval within the brief


def test_citations_carry_the_chinese_policy_name(assistant):
    ans = assistant.ask("What does 锂离子电池行业规范条件 require?")
    assert ans.citations[0].policy_cn.startswith("锂离子电池行业规范条件")


def test_other_news_followups_exclude_what_was_cited_and_keep_the_period(assistant):
    chat = assistant.session()
    first = chat.ask("What did Naura raise money for?")
    other = chat.ask("What other chip news came out the same day?")
    assert other.answerable and "Tencent" in other.text
    assert not {c.item_id for c in first.citations} & {c.item_id for c in other.citations}
    chat.ask("What did the NDRC and NEA do about the photovoltaic industry chain?")
    more = chat.ask("Anything else on PV in that brief?")
    assert more.answerable and "third batch" in more.text


def test_followup_about_something_the_cited_item_lacks_abstains(assistant):
    chat = assistant.session()
    assert chat.ask("What did the CAC's 2021 draft on cross-border data transfers require?").answerable
    fines = chat.ask("What fines will companies face if they breach it?")
    assert not fines.answerable and not fines.citations
    apple = chat.ask("Is Apple going to process its data in China under these rules?")
    assert not apple.answerable and "Apple" in apple.text
    assert chat.ask("Which existing law does it expand on?").answerable  # still on topic: answered


def test_a_content_year_inside_a_named_brief_is_not_a_second_period(assistant):
    p = plan("How many tonnes did China export in 2021 according to the November 2022 brief?", assistant.info)
    assert p.compare == () and p.filters.brief_months == {"2022-11"} and not p.filters.years


def test_news_overview_and_what_else_was_in_that_brief(assistant):
    news = assistant.ask("List the corporate news in the November 2021 brief")
    assert news.answerable and news.citations
    assert {c.kind for c in news.citations} == {"corporate_news"}
    assert {c.brief for c in news.citations} == {"merics-china-industries-2021-11"}
    chat = assistant.session()
    top = chat.ask("Summarise the latest brief")
    rest = chat.ask("What other news was in that brief?")
    assert rest.answerable and {c.kind for c in rest.citations} <= {"policy_news", "corporate_news"}
    assert {c.brief for c in rest.citations} == {c.brief for c in top.citations} == {"merics-china-industries-2022-11"}


def test_a_topic_switch_is_neither_a_comparison_nor_a_followup(assistant):
    chat = assistant.session()
    chat.ask("What are China's lithium battery measures?")
    q = "Different topic: what did MOST plan for the technology market?"
    ans = chat.ask(q)
    assert ans.question == q and ans.answerable and "###" not in ans.text  # one answer, not per-year sections
    assert ans.citations[0].item_id == "merics-china-industries-2022-11#top5-1"


def test_a_followup_with_words_of_its_own_ranks_by_them(assistant):
    chat = assistant.session()
    chat.ask("What is in MOST's five-year plan for high-tech industrial development zones?")
    chat.ask("How many zones were there in 2020?")
    gdp = chat.ask("What share of GDP did they generate?")
    assert gdp.answerable and "13.4 percent" in gdp.text


def test_issuers_named_in_the_question_keep_other_issuers_items_out(assistant):
    ans = assistant.ask("What is the MIIT and SAMR notice on the lithium-ion battery supply chain about?")
    assert [c.item_id for c in ans.citations] == [BATTERY_2022]
    cac = assistant.ask("What did the CAC release in 2021?")  # news items name their issuer in the text
    assert {c.kind for c in cac.citations} >= {"top5", "policy_news"}


def test_switching_period_in_a_chat_keeps_the_new_subject(assistant):
    s = assistant.session()
    assert s.ask("Which 2021 policy news set efficiency standards?").answerable
    ans = s.ask("Switching to 2022: anything on glass?")
    assert ans.answerable and ans.citations[0].date.startswith("2022")
    assert "glass" in assistant.item(ans.citations[0].item_id).full_text()


def test_the_same_day_asked_in_chinese_is_the_cited_items_date(assistant):
    s = assistant.session()
    assert s.ask("Tell me about the building materials carbon peaking plan.").answerable
    ans = s.ask("同一天还有别的消息吗？")
    assert ans.answerable and ans.citations and all(c.date == "2022-11-07" for c in ans.citations)
    assert "Aviation Supplies" in ans.text  # the other item of that day, not the plan again
