"""Unit tests of assistant.ui: escaping, [n] markers → links, highlighting, panel layout."""
from __future__ import annotations

import re
from datetime import date

from assistant.web import ui
from assistant.models import Answer, Block, Citation, Item

SCRIPT = "<script>alert('x')</script>"


def answer(text: str, answerable: bool = True) -> Answer:
    return Answer("q", text, answerable)


def citation(n=1, headline="MIIT pushes battery makers", quote="MIIT released a draft regulation on lithium-ion batteries.",
             **kw) -> Citation:
    base = dict(n=n, brief="merics-china-industries-2021-11", item_id=f"b#top5-{n}", kind="top5",
                headline=headline, policy="Lithium-ion Battery Industry Regulatory Conditions",
                issuers=["MIIT"], date="2021-11-18", quote=quote)
    base.update(kw)
    return Citation(**base)


def item(**kw) -> Item:
    base = dict(item_id="b#top5-1", brief_id="merics-china-industries-2021-11", kind="top5",
                date=date(2021, 11, 18), headline="Headline", glance="Glance text.",
                bullets=["one", "two"], comment="Comment.", policy="Policy", policy_cn="政策",
                issuers=["MIIT", "NDRC"])
    base.update(kw)
    return Item(**base)


# --------------------------------------------------------------------------- escaping

def test_citation_card_escapes_every_corpus_field():
    c = citation(headline=SCRIPT, quote=f"quote {SCRIPT}", policy=SCRIPT, issuers=[SCRIPT],
                 date=SCRIPT, item_id='x"><script>', brief=SCRIPT)
    html = ui.citation_card(c, 1, "question", "answer [1]")
    assert "<script>" not in html
    assert html.count("&lt;script&gt;") >= 5
    assert 'data-item-id="x&quot;&gt;&lt;script&gt;"' in html


def test_item_html_escapes_and_keeps_text():
    it = item(headline=SCRIPT, glance=f"<b>bold</b> & {SCRIPT}", policy_cn="<i>")
    html = ui.item_html(it, "2021-11")
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;" in html
    assert "MIIT, NDRC" in html and "Comment." in html and "• one" in html


def test_answer_markdown_neutralises_html_but_keeps_markdown():
    md = ui.answer_markdown(answer(f"**Bold** {SCRIPT} & more [1]\n\n| 2021 | 2022 |\n|---|---|\n| a [1] | b [2] |"), 3)
    assert "<script>" not in md and "&lt;script&gt;" in md and "&amp; more" in md
    assert md.startswith("**Bold**") and "| 2021 | 2022 |" in md


def test_message_and_progress_html_escape():
    assert "<script>" not in ui.message_html(SCRIPT, "error")
    assert "<script>" not in ui.progress_html(SCRIPT, 0.5, False)
    assert "<script>" not in ui.progress_html("", 1, False, error=SCRIPT)


# --------------------------------------------------------------------------- markers → links

def test_markers_become_links_to_turn_specific_cards():
    md = ui.answer_markdown(answer("China curbs capacity [1] and funds R&D [2][3]."), 2)
    assert re.findall(r"\(#(src-\d+-\d+)\)", md) == ["src-2-1", "src-2-2", "src-2-3"]
    assert "[\\[1\\]](#src-2-1)" in md  # visible text stays "[1]"


def test_link_targets_exist_in_sources_panel():
    turn = ui.Turn(1, "q", "a [1] b [2]", True, [citation(1), citation(2)])
    panel = ui.sources_html([turn])
    md = ui.answer_markdown(answer(turn.answer), 1)
    for target in re.findall(r"\(#(src-\d+-\d+)\)", md):
        assert f'id="{target}"' in panel


def test_non_markers_are_not_linked():
    md = ui.answer_markdown(answer("See [a] and [12b] and [1234]."), 1)
    assert "#src-" not in md


# --------------------------------------------------------------------------- highlighting

def test_highlight_marks_shared_words_only():
    terms = ui.key_terms("What are China's lithium battery measures?")
    out = ui.highlight("MIIT regulates lithium-ion batteries and the battery industry.", terms)
    assert "<mark>lithium</mark>" in out
    assert "<mark>batteries</mark>" in out and "<mark>battery</mark>" in out  # plural meets singular
    assert "<mark>the</mark>" not in out and "<mark>and</mark>" not in out  # stopwords
    assert "<mark>industry</mark>" not in out and "<mark>MIIT</mark>" not in out


def test_highlight_escapes_around_marks():
    out = ui.highlight("<b>battery</b> & co", {"battery"})
    assert out == "&lt;b&gt;<mark>battery</mark>&lt;/b&gt; &amp; co"


def test_card_highlights_words_of_question_and_citing_sentence():
    answer = "Issued by MIIT [1]. Unrelated sentence about SAMR [2]."
    html = ui.citation_card(citation(quote="MIIT and SAMR regulate batteries."), 1, "who issued it?", answer)
    assert "<mark>MIIT</mark>" in html
    assert "<mark>SAMR</mark>" not in html  # SAMR is only in the sentence citing [2]


def test_card_does_not_mark_whole_copied_sentence():
    quote = "The ministry released a notice to reduce imbalances in 2022 between supply and demand."
    answer = quote + " [1]"  # extractive answers copy their source sentence
    html = ui.citation_card(citation(quote=quote), 1, "What did the ministry say about supply?", answer)
    assert "<mark>ministry</mark>" in html and "<mark>supply</mark>" in html and "<mark>2022</mark>" in html
    assert "<mark>imbalances</mark>" not in html and "<mark>notice</mark>" not in html


def test_sentences_citing():
    text = "A first claim [1]. A second [2].\n- bullet [1]\nMarker after the stop. [1] Next one."
    assert ui.sentences_citing(text, 1) == ["A first claim [1].", "- bullet [1]", "Marker after the stop. [1]"]


# --------------------------------------------------------------------------- panel layout

def test_card_shows_all_fields():
    html = ui.citation_card(citation(issuers=["MIIT", "SAMR"]), 1, "battery", "x [1]")
    for text in ("[1]", "MIIT pushes battery makers", "November 2021 brief", "Top-5 item",
                 "Lithium-ion Battery Industry Regulatory Conditions", "MIIT, SAMR", "2021-11-18"):
        assert text in html


def test_sources_panel_latest_open_older_folded():
    t1 = ui.Turn(1, "first?", "a [1]", True, [citation(1, headline="Old item")])
    t2 = ui.Turn(2, "second?", "b [1]", True, [citation(1, headline="New item")])
    html = ui.sources_html([t1, t2])
    assert 'data-turns="2"' in html
    assert html.index("New item") < html.index("<details") < html.index("Old item")
    assert 'id="src-2-1"' in html and 'id="src-1-1"' in html


def test_abstention_is_explicit():
    assert ui.abstention_markdown(answer("", False)).startswith("**Not answerable from the briefs.**")
    assert "briefs" in ui.abstention_markdown(answer("", False))
    panel = ui.sources_html([ui.Turn(1, "pizza?", "no", False, [])])
    assert "src-none" in panel and "do not cover" in panel


def test_labels():
    assert ui.brief_label("merics-china-industries-2022-11") == "November 2022"
    assert ui.brief_label("2021-01") == "January 2021"
    assert ui.brief_label("odd-name") == "odd-name"
    assert ui.kind_label("policy_news") == "Policy news"


def test_item_row_and_search():
    it = item(headline="Battery rules", issuers=["MIIT"])
    assert ui.item_row(it, "2021-11") == ["November 2021", "Top-5 item", "2021-11-18", "Battery rules", "MIIT"]
    assert ui.item_matches(it, "battery miit") and ui.item_matches(it, "")
    assert not ui.item_matches(it, "battery pizza")


def test_progress_states():
    assert 'data-state="indexing"' in ui.progress_html("embedding", 0.42, False)
    assert "42%" in ui.progress_html("embedding", 0.42, False)
    assert 'data-state="ready"' in ui.progress_html("done", 1, True)
    assert 'data-state="error"' in ui.progress_html("", 0, False, error="boom")


def test_comparison_sections_become_columns():
    cmp = Answer("q", "", True, blocks=[Block("section", "**MIIT rules** <b> [1]\n- a [1]", "2021"),
                                        Block("section", "**SAMR rules** [2]", "2022"),
                                        Block("summary", "**What changed:** 2021 [1]; 2022 [2].")])
    md = ui.answer_markdown(cmp, 1)
    assert md.count('<div class="cmp-col">') == 2 and md.startswith('<div class="cmp-cols">')
    assert md.index("### 2021") < md.index("### 2022") < md.index("**What changed:**")
    assert md.index("</div>\n\n</div>") < md.index("**What changed:**")  # summary below the columns
    assert "&lt;b&gt;" in md and "<b>" not in md
    one = Answer("q", "", True, blocks=[Block("section", "text [1]", "Only one")])
    assert ui.answer_markdown(one, 1).startswith("### Only one")
    assert cmp.text.startswith("### 2021\n**MIIT rules**")  # the plain text says the same, without columns


# --------------------------------------------------------------------------- links and images stay text

HOSTILE = ("See [official notice]( https://evil.example/login) and ![t]( http://203.0.113.5/pixel.png) "
           "or [x](https://evil.example) ![y](//203.0.113.5/a.png) <https://evil.example/auto> "
           "www.evil.example/x and phish@evil.example. [ref]: https://evil.example/r [1]")


def _live_link_syntax(md: str) -> list[str]:
    """What a CommonMark/GFM renderer would turn into a link or image, besides our #src anchors."""
    unescaped = re.sub(r"`[^`]*`", "", md)  # code spans render as text
    found = re.findall(r"(?<!\\)!?(?<!\\)\[[^\]]*(?<!\\)\]\s*\((?!#src-)", unescaped)
    found += re.findall(r"(?<!\\)\[[^\]]*(?<!\\)\]:", unescaped)  # reference definitions
    found += re.findall(r"(?i)\b(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.\w+", unescaped)  # autolinks
    found += re.findall(r"<[a-z!/]", unescaped)  # raw HTML
    return found


def test_answer_markdown_makes_no_links_or_images_from_brief_text():
    md = ui.answer_markdown(answer(HOSTILE), 1)
    assert _live_link_syntax(md) == [], md
    assert "[\\[1\\]](#src-1-1)" in md  # our own marker link survives
    for url in ("https://evil.example/login", "http://203.0.113.5/pixel.png", "www.evil.example/x",
                "phish@evil.example"):
        assert f"`{url}`" in md  # still readable, as code text


def test_abstention_makes_no_links_either():
    assert _live_link_syntax(ui.abstention_markdown(answer(HOSTILE, False))) == []


def test_plain_markdown_from_the_core_still_renders():
    md = ui.answer_markdown(answer("**Bold** text [1]\n- bullet [2]\n\n| a | b |\n|---|---|\n| 1 | 2 |"), 1)
    assert md.startswith("**Bold** text [\\[1\\]](#src-1-1)") and "\n- bullet" in md and "| a | b |" in md


def test_sources_panel_and_item_view_show_links_as_text():
    c = citation(quote=HOSTILE, headline="[x]( https://evil.example)", policy="![p](http://203.0.113.5/p.png)")
    panel = ui.sources_html([ui.Turn(1, "q [a](https://evil.example)", "a [1]", True, [c])])
    view = ui.item_html(item(glance=HOSTILE, headline="<iframe src=https://evil.example>"))
    for html in (panel, view):
        assert not re.search(r"<(a|img|iframe|style|link|script)\b", html), html
    assert "&lt;iframe src=https://evil.example&gt;" in view and "[x]( https://evil.example)" in panel


def test_sources_panel_names_its_request_and_state():
    html = ui.sources_html([], 3, "error")
    assert 'data-request="3"' in html and 'data-state="error"' in html
    assert 'data-request="0" data-state="final"' in ui.sources_html([])
