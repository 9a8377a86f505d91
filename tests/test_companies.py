"""Companies as typed entities: names found in brief text, categories named in questions, the data file."""
import json
import re
from pathlib import Path

import pytest

from assistant.companies import DATA_FILE, Companies


@pytest.fixture(scope="module")
def companies() -> Companies:
    return Companies()


# Verbatim from corpus/merics-china-industries-2021-11.txt and -2022-11.txt.
BRIEF_SENTENCES = [
    "Chinese companies like CATL, which recently announced breakthroughs in sodium-ion batteries, are working at "
    "the cutting-edge of battery technology.",
    "Startups like Volkswagen-backed Quantumscape intend to leapfrog competitors with solid-state batteries.",
    "In the past, Chinese firms might have bought these startups, as Wanxiang did with bankrupt US battery maker A123 "
    "in 2012.",
    "November 1: Yahoo ends its presence in China, citing an \"increasingly challenging business and legal "
    "environment” (Sina article (CN); Reuters article (EN))",
    "November 3: Tencent announces it is making three computer chips of its own design, namely an AI computing chip, "
    "a video processor, and a network interface controller for cloud computing (Sina article (CN); Caixin article (EN))",
    "November 3: Chinese semiconductor equipment manufacturer, Naura Technology Group, raises CNY 8.5 billion in funds "
    "for investments in equipment and R&D through a private placement (Yicai article (EN))",
    "November 25: Baidu and Pony.ai receive the first licenses to charge passengers for self-driving taxis in Beijing "
    "(Sohu article (CN); South China Morning Post article (EN))",
    "November 26: Public documents reveal that Tesla plans to invest CNY 1.2 billion in revamping the assembly lines of "
    "its Shanghai Gigafactory (Gasgoo article (EN))",
    "November 28: Xiaomi announces plans to set up its EV headquarters and open its first EV factory in Beijing "
    "(Beijing E-Town announcement (CN); Reuters article (EN))",
    "Encourage technology trading marketplaces (CTEX, Shanghai’s STEX, Shenzhen Stock Exchange) to establish new "
    "institutions and supporting services for trading intellectual property (IP) rights and S&T achievements",
    "After local governments jostled to attract investment from companies like CATL or BYD, provincial MIIT and SAMR "
    "departments are now tasked to supervise the sector more stringently",
    "This is what happened in July for iron ore when Beijing established the Mineral group, a new SOE tasked to "
    "coordinate China’s imports of the commodity and increase its bargaining power.",
    "As big IT companies such as Meta, Microsoft and Tencent commercialize VR, China is actively promoting VR "
    "technology to boost domestic demand",
    "October 31: 11 central SOEs, including Baowu and COFCO, announced the creation of specialized integration and "
    "resource-sharing projects in fields including aviation, intelligent manufacturing and high-end power equipment",
    "November 4: Shell, Sinopec, Baowu and BASF signed a Memorandum of Understanding to explore the feasibility of "
    "establishing an open-source carbon capture, utilization and storage (CCUS) project in China (Shell press release)",
    "November 7: State-owned China Aviation Supplies announced plans to buy 140 aircraft from Airbus for roughly "
    "USD 17 billion; this follows orders of 292 Airbus planes in July and 40 in September (Yicai article)",
    "November 8: French and Chinese carmakers Renault and Geely announced that they signed a non-binding agreement "
    "to set up a joint venture to develop and build hybrid powertrains and internal combustion engines for cars",
    "November 14: BMW’s China joint venture with Brilliance Automotive, BBA, announced a battery investment worth "
    "EUR 1.4 billion to expand its existing EV battery production in Shenyang (Electrive article)",
    "November 23: BASF opened its biggest facility globally for treating component surfaces in Pinghu, China",
    "November 24: General Motors’ China JV with SAIC Motor announced plans to invest an additional CNY 20 billion by "
    "2025 in a bid to penetrate China’s rapidly expanding EV market (Yicai article)",
]

# Every company the two briefs name; news outlets cited as sources (Sina, Reuters, Yicai...) are no entries.
BRIEF_COMPANIES = [
    "CATL", "Volkswagen", "QuantumScape", "Wanxiang", "A123 Systems", "Yahoo", "Tencent", "Naura Technology Group",
    "Baidu", "Pony.ai", "Tesla", "Xiaomi", "China Technology Exchange", "Shanghai Technology Exchange",
    "Shenzhen Stock Exchange", "BYD", "China Mineral Resources Group", "Meta", "Microsoft", "Baowu", "COFCO", "Shell",
    "Sinopec", "BASF", "China Aviation Supplies", "Airbus", "Renault", "Geely", "BMW", "Brilliance Automotive",
    "BMW Brilliance Automotive", "General Motors", "SAIC Motor",
]


def test_every_company_the_briefs_name_is_found(companies):
    found = {name for sentence in BRIEF_SENTENCES for name in companies.find(sentence)}
    assert sorted(found) == sorted(BRIEF_COMPANIES)


def test_the_whole_briefs_name_those_companies_and_no_other(companies):
    # Catches false hits in running text ('Metaverse', 'shell', 'Industrial Internet') as well as misses.
    corpus = Path(__file__).resolve().parent.parent / "corpus"
    found = {name for path in sorted(corpus.glob("merics-china-industries-202*-11.txt"))
             for name in companies.find(path.read_text(encoding="utf-8"))}
    assert sorted(found) == sorted(BRIEF_COMPANIES)


def test_names_come_in_order_of_first_mention(companies):
    assert companies.find(BRIEF_SENTENCES[14]) == ["Shell", "Sinopec", "Baowu", "BASF"]


def test_a_joint_venture_types_both_partners(companies):
    sentence = BRIEF_SENTENCES[17]
    assert companies.find(sentence)[:2] == ["BMW", "Brilliance Automotive"]
    assert {"automotive", "foreign", "european", "german", "chinese"} <= companies.categories_of(sentence)
    assert {"automotive", "foreign", "european", "german"} <= companies.by_name["BMW"].categories
    brilliance = companies.by_name["Brilliance Automotive"].categories
    assert "chinese" in brilliance and "foreign" not in brilliance and "european" not in brilliance


def test_a_state_buyer_and_a_foreign_planemaker(companies):
    cats = companies.categories_of(BRIEF_SENTENCES[15])
    assert {"aviation", "state_owned", "chinese", "foreign", "european"} <= cats
    assert "state_owned" in companies.by_name["China Aviation Supplies"].categories
    assert "state_owned" not in companies.by_name["Airbus"].categories


def test_categories_of_fictional_news(companies):
    assert companies.categories_of("宁德时代与宝马签署电池供应协议") >= {"batteries", "automotive", "german", "chinese"}
    assert "semiconductors" in companies.categories_of("SMIC and ASML discussed lithography tools")
    assert "internet" not in companies.categories_of("A village meeting discussed the harvest")


def test_categories_in_finds_carmakers_with_their_span(companies):
    question = "list the corporate news involving carmakers"
    assert companies.categories_in(question) == [("automotive", 34, 43)]
    assert question[34:43] == "carmakers"


@pytest.mark.parametrize("question, keys", [
    ("Which foreign companies left China?", ["foreign"]),
    ("news about European firms", ["european"]),
    ("American tech companies in the briefs", ["american", "tech"]),
    ("What did state-owned enterprises announce?", ["state_owned"]),
    ("list chipmakers", ["semiconductors"]),
    ("internet platforms and energy companies", ["internet", "energy"]),
    ("German and French carmakers", ["german", "french", "automotive"]),
    ("Chinese battery makers", ["chinese", "batteries"]),
    ("an automaker", ["automotive"]),
    ("EV makers", ["automotive"]),
])
def test_categories_analysts_write(companies, question, keys):
    assert [k for k, _, _ in companies.categories_in(question)] == keys


def test_category_spans_cover_the_words(companies):
    question = "US firms and Chinese state-owned carmakers"
    spans = {k: question[s:e] for k, s, e in companies.categories_in(question)}
    assert spans == {"american": "US firms", "chinese": "Chinese", "state_owned": "state-owned",
                     "automotive": "carmakers"}


def test_chinese_category_words(companies):
    assert [(k, s, e) for k, s, e in companies.categories_in("外资车企")] == [("foreign", 0, 2), ("automotive", 2, 4)]
    assert [k for k, _, _ in companies.categories_in("列出涉及国企和民营企业的新闻")] == ["state_owned", "private"]
    assert [k for k, _, _ in companies.categories_in("芯片企业有哪些")] == ["semiconductors"]


def test_no_category_in_ordinary_words(companies):
    # 'us' is a pronoun, 'foreign' here qualifies investment, 'exchange' is cooperation, 'utility' a patent type.
    for text in ["tell us companies' views", "foreign investment rules", "international exchange and cooperation",
                 "utility model patents", "energy efficiency standards"]:
        assert companies.categories_in(text) == [], text


def test_a_name_inside_another_word_does_not_match(companies):
    assert companies.find("the mosaic of policies") == []  # holds 'saic'
    assert companies.find("a shell company; a metaverse; IBMW") == []
    assert companies.find("the People’s Bank of China cut rates") == []  # holds 'Bank of China'
    assert companies.find("SAIC-GM and Volkswagen-backed firms") == ["SAIC Motor", "General Motors", "Volkswagen"]


def test_a_longer_name_wins_its_span(companies):
    assert companies.find("Naura Technology Group") == ["Naura Technology Group"]
    assert companies.find("BMW Brilliance Automotive") == ["BMW Brilliance Automotive"]


def test_members_of_a_category(companies):
    automotive = companies.members("automotive")
    assert {"BMW", "SAIC Motor", "Tesla", "BYD", "Renault"} <= set(automotive)
    assert "Tencent" not in automotive
    assert {"Sinopec", "SAIC Motor", "Baowu", "China Aviation Supplies"} <= set(companies.members("state_owned"))
    assert "Tesla" not in companies.members("state_owned")
    assert set(companies.members("foreign")).isdisjoint(companies.members("chinese"))
    with pytest.raises(ValueError, match="unknown company category"):
        companies.members("carmakers")


def test_the_data_file_is_valid():
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    categories = data["categories"]
    for key, c in categories.items():
        assert c["en"] and c["cn"], key
        assert all(re.fullmatch(r"[A-Z]{2}", code) for code in c.get("countries", ())), key
    names = [c["name"] for c in data["companies"]]
    assert len(names) == len(set(names)), "duplicate company names"
    every_name = [n for c in data["companies"] for n in (c["name"], *c["aliases"], *c["cn"])]
    assert len(every_name) == len(set(every_name)), "a name given to two companies"
    for c in data["companies"]:
        assert set(c["tags"]) <= set(categories), c["name"]
        assert re.fullmatch(r"[A-Z]{2}", c["country"]), c["name"]
        assert c["state_owned"] in (True, False, None), c["name"]
    assert len(names) >= 200
    phrases = [p.lower() for c in categories.values() for p in (*c["en"], *c["cn"], *c.get("modifiers", ()))]
    assert len(phrases) == len(set(phrases)), "a category word given twice"


def test_phrases_come_singular_and_plural():
    categories = json.loads(DATA_FILE.read_text(encoding="utf-8"))["categories"]
    for key, c in categories.items():
        for phrase in c["en"]:
            if phrase.endswith("makers") or phrase.endswith("companies") or phrase.endswith("firms"):
                singular = phrase[:-3] + "y" if phrase.endswith("ies") else phrase[:-1]
                assert singular in c["en"], (key, phrase)


def test_the_kind_of_company_asked_for_names_none_of_their_items(assistant):
    # one line says "carmakers" and "set up a joint venture", the others name their carmakers' joint
    # ventures: "which carmakers" asks for all three, not for the one whose words the question shares
    from assistant.answertypes import asks_several
    assert asks_several("Which carmakers set up joint ventures?") and not asks_several("Which company did it?")
    ans = assistant.ask("Which carmakers set up joint ventures or investments in 2022?")
    heads = " ".join(c.headline for c in ans.citations)
    assert ans.answerable and all(n in heads for n in ("Renault", "BMW", "General Motors"))


def test_firms_described_by_their_trade_are_found_by_kind(assistant):
    kinds = {k for k, _, _ in assistant.info.companies.categories_in("the phone and gadget maker and a web portal")}
    assert {"electronics", "internet"} <= kinds
    ans = assistant.ask("What did the US web company do in China in 2021?")
    assert ans.answerable and "Yahoo" in ans.citations[0].quote


def test_an_airline_is_not_any_aviation_company(assistant):
    """The state buyer of the Airbus jets is an aviation company, not an airline: the briefs name none."""
    ans = assistant.ask("Which airline ordered the Airbus jets in November 2022?")
    assert not ans.answerable and "airline" in ans.text
    ans = assistant.ask("Which aviation company ordered the Airbus jets in November 2022?")
    assert ans.answerable and "China Aviation Supplies" in ans.text
