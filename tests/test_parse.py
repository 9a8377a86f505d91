"""The parser on both real briefs (every field of one item per brief), on layouts of months it has not
seen (fixtures and reformatted real briefs) and on malformed input."""
import re
from datetime import date
from pathlib import Path

import pytest

from assistant.errors import BriefParseError
from assistant.dates import parse_date
from assistant.parse import load_corpus, parse_text, read_brief, split_issuers, split_policy_name

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

B21 = CORPUS / "merics-china-industries-2021-11.txt"
B22 = CORPUS / "merics-china-industries-2022-11.txt"


def test_2021_brief_counts_and_month():
    b = read_brief(B21)
    assert b.month == "2021-11"
    assert b.title == "ICT infrastructure + IPR enforcement + Battery innovation"
    assert [i.number for i in b.top5()] == [1, 2, 3, 4, 5]
    assert len([i for i in b.items if i.kind == "policy_news"]) == 8
    assert len([i for i in b.items if i.kind == "corporate_news"]) == 6


def test_2021_battery_item_every_field():
    item = read_brief(B21).top5()[2]
    assert item.item_id == "merics-china-industries-2021-11#top5-3"
    assert item.headline == "MIIT pushes battery makers to double down on innovation"
    assert item.glance.startswith("MIIT released a draft regulation regarding China’s lithium-ion battery industry.")
    assert item.bullets[0] == "Curb new manufacturing projects that simply expand production capacity"
    assert len(item.bullets) == 3
    assert item.comment.startswith("The production of lithium-ion batteries is a key sector")
    assert "European Battery Alliance" in item.comment
    assert item.policy == "Lithium-ion Battery Industry Regulatory Conditions (2021) (Draft for Comment)"
    assert item.policy_cn == "锂离子电池行业规范条件(2021年本)(征求意见稿)"
    assert item.issuers == ["MIIT"]
    assert item.date == date(2021, 11, 18)


def test_2022_brief_counts_and_layout_variants():
    b = read_brief(B22)  # "MERICS Top 5", "Article:", "Noteworthy", an unbulleted news line
    assert b.month == "2022-11"
    assert len(b.top5()) == 5
    policy = [i for i in b.items if i.kind == "policy_news"]
    assert len(policy) == 8
    assert len([i for i in b.items if i.kind == "corporate_news"]) == 7
    unbulleted = [i for i in policy if i.date == date(2022, 11, 15)]
    assert unbulleted and "24 percent" in unbulleted[0].text


def test_2022_multi_issuer_item_every_field():
    item = read_brief(B22).top5()[4]
    assert item.headline == "Virtual reality to boost manufacturing and other economic sectors"
    assert item.issuers == ["MIIT", "MOE", "MCT", "NRTA", "GASC"]
    assert item.policy == "Virtual Reality and Manufacturing Application Integration Development Action Plan (2022-2026)"
    assert item.policy_cn == "虚拟现实与行业应用融合发展行动计划(2022—2026年)"
    assert item.date == date(2022, 11, 1)
    assert len(item.bullets) == 3 and "25 million VR headsets" in item.bullets[0]
    assert item.source_note.startswith("Article: Virtual Reality")


def test_news_item_fields():
    news = [i for i in read_brief(B21).items if i.kind == "corporate_news"]
    naura = news[2]
    assert naura.date == date(2021, 11, 3)
    assert naura.text.startswith("Chinese semiconductor equipment manufacturer, Naura Technology Group")
    assert naura.text.endswith("(Yicai article (EN))")
    assert "Yicai" not in naura.headline and naura.headline.startswith("Chinese semiconductor")


def test_glued_news_items_are_split(tmp_path):
    text = B22.read_text(encoding="utf-8").replace(
        "(MIIT notice)\n\n    November 15:", "(MIIT notice) November 15:")
    b = parse_text(text, "glued.txt")
    assert len([i for i in b.items if i.kind == "policy_news"]) == 8


def test_helpers():
    assert split_issuers("MIIT, MOE, MCT, NRTA and GASC") == ["MIIT", "MOE", "MCT", "NRTA", "GASC"]
    assert split_policy_name("Name (2021) (中文(2021年本)) (Link)") == ("Name (2021)", "中文(2021年本)")


def test_not_a_brief_names_file_and_line(tmp_path):
    p = tmp_path / "notes.txt"
    p.write_text("Shopping list\neggs\n")
    with pytest.raises(BriefParseError) as e:
        read_brief(p)
    assert "notes.txt:1" in str(e.value) and "not a MERICS" in str(e.value)


def _warnings(brief) -> list[tuple[int, str]]:
    return [(w.line, w.message) for w in brief.warnings]


@pytest.mark.parametrize("written, problem", [("sometime soon", "unreadable date"),
                                              ("November 31, 2021", "invalid date"),
                                              ("February 30", "invalid date")])
def test_a_bad_top5_date_costs_the_date_not_the_brief(tmp_path, written, problem):
    p = tmp_path / "bad.txt"
    p.write_text(B21.read_text(encoding="utf-8").replace("Date: November 18, 2021", f"Date: {written}"), encoding="utf-8")
    b = read_brief(p)
    item = b.top5()[2]
    assert (item.date, item.headline, item.issuers) == (None, "MIIT pushes battery makers to double down on innovation", ["MIIT"])
    assert f"Date: {written}" in item.source_note  # the date as written stays readable
    assert len(b.items) == len(read_brief(B21).items) and b.month == "2021-11"
    assert _warnings(b) == [(65, f"{problem} {written!r} in Top-5 item 3: the item is indexed without a date")]
    assert str(b.warnings[0]).startswith(f"{p}:65: ")
    briefs, errors = load_corpus(tmp_path)  # the corpus loader reports it on the errors channel
    assert [b.brief_id for b in briefs] == ["bad"] and [str(e) for e in errors] == [str(b.warnings[0])]


def test_a_bad_news_date_costs_the_date_not_the_brief():
    text = B21.read_text(encoding="utf-8").replace("November 14: CAC issues", "November 31: CAC issues")
    b = parse_text(text, "news.txt")
    good = parse_text(B21.read_text(encoding="utf-8"), "good.txt")
    assert len(b.items) == len(good.items)
    cac = next(i for i in b.items if "CAC issues draft regulations" in i.text)
    assert cac.date is None and cac.text.startswith("November 31: CAC issues draft regulations")
    assert _warnings(b) == [(116, "invalid news date 'November 31': the item is indexed without a date")]
    assert [i.date for i in b.items if i is not cac] == [g.date for i, g in zip(b.items, good.items) if i is not cac]


def test_an_unknown_label_costs_that_line_not_the_issuers():
    text = B21.read_text(encoding="utf-8").replace("Issuing body: MIIT\nDate: November 18, 2021",
                                                   "Issuing body: MIIT\nLegal status: draft for comment\nDate: November 18, 2021")
    b = parse_text(text, "label.txt")
    item = b.top5()[2]
    assert (item.issuers, item.date) == (["MIIT"], date(2021, 11, 18))
    assert "Legal status: draft for comment" in item.source_note
    assert _warnings(b) == [(65, "unknown label 'Legal status' in Top-5 item 3: kept in its source note, not read as a field")]


def test_real_briefs_parse_without_warnings():
    assert read_brief(B21).warnings == [] and read_brief(B22).warnings == []


def test_binary_and_bad_files_do_not_stop_the_others(corpus_copy: Path):
    (corpus_copy / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (corpus_copy / "latin1.txt").write_bytes("MERICS Top 5\n1. Caf\xe9".encode("latin-1"))
    (corpus_copy / "data.bin").write_bytes(b"\x00\x01")
    briefs, errors = load_corpus(corpus_copy)
    assert sorted(b.month for b in briefs) == ["2021-11", "2022-11"]
    msgs = " ".join(str(e) for e in errors)
    # Latin-1 text is read (as Windows-1252) and then fails as what it is: no brief.
    assert "binary" in msgs and "latin1.txt" in msgs and "data.bin" in msgs


FIXTURE = Path(__file__).resolve().parent / "fixtures" / "variant-brief.txt"


def test_layout_variants_of_an_unseen_brief():
    """BOM, CRLF, 'MERICS Top-5:', '1)' numbering, '-' and bare indented bullets, 'Policy:' /
    'Document:', 'Issued by:' with ';' and '&', day-first and abbreviated dates, 'Worth noting',
    'Company news', two news items on one line, a wrapped news item, a December item in a
    January brief."""
    b = read_brief(FIXTURE)
    assert (b.title, b.month) == ("Robotics push + Chip subsidies", "2023-01")
    one, two = b.top5()
    assert one.bullets == ["Double robot density to 500 units per 10,000 workers", "Grow the industry by 20 percent a year"]
    assert (one.policy, one.policy_cn, one.issuers, one.date) == (
        "Robotics Industry Development Plan", "机器人产业发展规划", ["MIIT", "NDRC", "MOST"], date(2023, 1, 18))
    assert one.comment == "Robots are central to upgrading.\n\nA second paragraph of comment."
    assert (two.bullets, two.issuers, two.date) == (["Cut taxes for fabs below 28 nm"], ["State Council"], date(2023, 1, 5))
    news = b.news()
    assert [n.date for n in news] == [date(2022, 12, 28), date(2023, 1, 3), date(2023, 1, 9)]
    assert all(n.kind == "corporate_news" for n in news)
    assert news[2].text == "Gamma Motors recalls 10,000 cars after a brake fault (Gamma notice)"


def test_missing_date_line_is_reported_on_its_item(tmp_path):
    p = tmp_path / "nodate.txt"
    p.write_text(FIXTURE.read_text(encoding="utf-8-sig").replace("Date: 18 January 2023\n", ""), encoding="utf-8")
    with pytest.raises(BriefParseError) as e:
        read_brief(p)
    assert "Top-5 item 1 has no 'Date:' line" in str(e.value) and e.value.line == 9


# ── Briefs of months the parser has not seen: web copies as markdown or plain text. ──
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MARKDOWN = FIXTURES / "markdown-brief.md"
PLAIN_COPY = FIXTURES / "plain-copy-brief.txt"


def test_markdown_web_copy_every_field():
    """'## MERICS Top 5', '### 1.' headlines, bold labels (colon inside and outside the bold),
    '*' bullets, *emphasis*, an HTML entity, markdown links around the Chinese name, '(Link)' and
    the news sources, 'Issuing authorities' with '&', ISO and ordinal dates, 'Other noteworthy
    developments', 'Policy News' / 'Company news', bold news dates ('Nov. 28', '12 May')."""
    b = read_brief(MARKDOWN)
    assert (b.brief_id, b.title, b.month) == ("markdown-brief", "EV charging + Data exchanges", "2023-05")
    one, two = b.top5()
    assert (one.item_id, one.kind, one.number, one.line) == ("markdown-brief#top5-1", "top5", 1, 9)
    assert one.headline == "Charging networks to reach every county"
    assert one.glance == ("The National Development and Reform Commission (NDRC) and the National Energy Administration "
                          "(NEA) want charging points in every county by 2025. The guidance asks local governments to:")
    assert one.bullets == ["Cover all highway service areas with fast chargers",
                           "Support private investment in R&D for battery swapping"]
    assert one.comment == "Charging is the bottleneck for rural EV sales.\n\nLocal governments will pay for much of it."
    assert (one.policy, one.policy_cn) == ("Guidance on Accelerating Charging Infrastructure", "关于加快推进充电基础设施建设的指导意见")
    assert (one.issuers, one.date) == (["NDRC", "NEA"], date(2023, 5, 17))
    assert one.source_note == ("Policy name: Guidance on Accelerating Charging Infrastructure (关于加快推进充电基础设施建设的指导意见) (Link)\n"
                               "Issuing authorities: NDRC & NEA\nDate: 2023-05-17")
    assert "http" not in one.full_text() and "*" not in one.full_text()
    # a bare markdown "[Link](…)" after the Chinese name; "Issued by"; "May 2nd, 2023"
    assert (two.headline, two.number, two.line) == ("Data exchanges get national rules", 2, 24)
    assert (two.policy, two.policy_cn) == ("Opinions on a Data Basic System", "关于构建数据基础制度的意见")
    assert (two.issuers, two.date, two.bullets) == (["State Council"], date(2023, 5, 2), ["Unify trading rules across provinces"])
    news = b.news()
    assert [(n.kind, n.date, n.line) for n in news] == [
        ("policy_news", date(2023, 5, 4), 42),
        ("policy_news", date(2022, 11, 28), 43),  # after the brief's month: last year's
        ("corporate_news", date(2023, 5, 12), 47),
    ]
    assert news[0].item_id == "markdown-brief#policy_news-1" and news[2].item_id == "markdown-brief#corporate_news-1"
    assert news[0].text == "MIIT publishes draft safety rules for robotaxis (MIIT notice)"
    assert news[0].headline == "MIIT publishes draft safety rules for robotaxis"
    assert news[2].text == "BYD opens a plant in Uzbekistan (Reuters article)"  # "Author(s)" ends the brief


def test_plain_text_copy_that_lost_its_list_markers_every_field():
    """CRLF, curly 'MERICS’ Top 5', headlines without numbers, bullets without markers,
    hard-wrapped glance and comment, labels alone on their line with the value below,
    'Issuing authority' naming ministries in full, '24th November 2022' and a year-less
    'Nov. 9', a non-breaking space in 'At a glance', news dated 'Nov 3 –' and '28 October:',
    an undated bulleted news item, and page furniture ('Related content') after the news."""
    b = read_brief(PLAIN_COPY)
    assert (b.title, b.month) == ("Chip equipment + Drones", "2022-11")
    one, two = b.top5()
    assert (one.item_id, one.number, one.line) == ("plain-copy-brief#top5-1", 1, 7)
    assert one.headline == "Local chip funds get a new mandate"
    assert one.glance == ("Provincial governments were told to steer semiconductor funds towards equipment and materials. "
                          "The guidance lists:")
    assert one.bullets == ["Lithography and etching equipment", "Photoresists and specialty gases"]
    assert one.comment == ("The shift shows that Beijing sees equipment as the main bottleneck of its chip industry."
                           "\n\nChip funds have a mixed record.")
    assert (one.policy, one.policy_cn) == ("Guidance on Integrated Circuit Investment Funds", "集成电路产业投资基金指导意见")
    assert one.issuers == ["Ministry of Industry and Information Technology", "Ministry of Finance"]
    assert one.date == date(2022, 11, 24)
    assert one.source_note.splitlines()[:2] == ["Policy name", "Guidance on Integrated Circuit Investment Funds"]
    assert (two.item_id, two.number, two.line, two.headline) == ("plain-copy-brief#top5-2", 2, 28, "Drone exports need a licence")
    assert (two.glance, two.bullets, two.comment) == (
        "MOFCOM announced export controls on some long-range drones.", [], "The rules mirror US controls.")
    assert (two.policy, two.policy_cn) == ("Announcement on Export Controls on Drones", "关于对无人机实施出口管制的公告")
    assert (two.issuers, two.date) == (["MOFCOM", "GAC"], date(2022, 11, 9))
    news = b.news()
    assert [(n.kind, n.number, n.date, n.line) for n in news] == [
        ("policy_news", 1, date(2022, 11, 3), 42),
        ("policy_news", 2, date(2022, 10, 28), 43),
        ("corporate_news", 1, None, 47),
    ]
    assert news[0].text == "MIIT publishes rules for robotaxi pilots (MIIT notice)"
    assert news[2].text == "SMIC raises its capital spending plan (SMIC release)"  # nothing of the footer


def test_utf16_text_is_read_like_utf8(tmp_path):
    p = tmp_path / "plain-copy-brief.txt"
    p.write_bytes(PLAIN_COPY.read_text(encoding="utf-8").encode("utf-16"))  # Windows "Unicode" Notepad
    assert [(i.item_id, i.date, i.text, i.glance) for i in read_brief(p).items] == \
        [(i.item_id, i.date, i.text, i.glance) for i in read_brief(PLAIN_COPY).items]


def _fields(b):
    return [(i.item_id, i.kind, i.date, i.headline, i.glance, i.bullets, i.comment, i.policy, i.policy_cn,
             i.issuers, i.text) for i in b.items]


def _as_markdown(text: str) -> str:
    text = re.sub(r"(?m)^(MERICS'? Top 5|Worth Noting|Noteworthy)$", r"## \1", text)
    text = re.sub(r"(?m)^(Policy news|Corporate news)$", r"### \1", text)
    text = re.sub(r"(?m)^(\d\. )", r"### \1", text)
    text = re.sub(r"(?m)^(At a glance|MERICS comment|Policy name|Article|Issuing bod(?:y|ies)|Date):", r"**\1:**", text)
    text = re.sub(r"(?m)^  • (\w+ \d+):", r"* **\1:**", text)
    return re.sub(r"(?m)^  • ", "- ", text).replace("(Link)", "([Link](https://www.gov.cn/x.htm))")


@pytest.mark.parametrize("brief", [B21, B22], ids=["2021", "2022"])
@pytest.mark.parametrize("transform", [
    pytest.param(lambda t: re.sub(r"\n\s*\n+", "\n", t), id="no-blank-lines"),
    pytest.param(lambda t: "\ufeff" + t.replace("At a glance", "At\u00a0a glance").replace("\n", "\r\n"), id="bom-crlf-nbsp"),
    pytest.param(_as_markdown, id="markdown"),
])
def test_real_briefs_reformatted_parse_the_same(brief, transform):
    """Every field of every item survives copying a real brief in another layout."""
    original = read_brief(brief)
    reformatted = parse_text(transform(brief.read_text(encoding="utf-8")), brief.name, brief.stem)
    assert _fields(reformatted) == _fields(original)
    assert (reformatted.title, reformatted.month) == (original.title, original.month)


@pytest.mark.parametrize("text, expected", [
    ("November 16, 2021", date(2021, 11, 16)), ("16 November 2021", date(2021, 11, 16)),
    ("Nov. 16, 2021", date(2021, 11, 16)), ("2021-11-16", date(2021, 11, 16)),
    ("November 16th, 2021", date(2021, 11, 16)), ("16th of November 2021", date(2021, 11, 16)),
    ("16.11.2021", date(2021, 11, 16)), ("11/16/2021", date(2021, 11, 16)), ("2021年11月16日", date(2021, 11, 16)),
    ("november 16 2021 (published November 20, 2021)", date(2021, 11, 16)),
    ("sometime soon", None), ("November 2021", None), ("February 30, 2021", None),
])
def test_parse_date_formats(text, expected):
    assert parse_date(text) == expected


def test_issuers_and_policy_names_in_other_layouts():
    assert split_issuers("National Development and Reform Commission and National Energy Administration") == [
        "National Development and Reform Commission", "National Energy Administration"]
    assert split_issuers("Ministry of Commerce and NDRC; SAMR/CAC") == ["Ministry of Commerce", "NDRC", "SAMR", "CAC"]
    assert split_issuers("State Council (General Office, Legal Affairs)") == ["State Council (General Office, Legal Affairs)"]
    assert split_policy_name("Measures on Technical Committees《全国专业标准化技术委员会管理办法》") == (
        "Measures on Technical Committees", "全国专业标准化技术委员会管理办法")
    assert split_policy_name("Guidance A (指导意见甲) (Link); Notice B (通知乙) (Link)") == (
        "Guidance A; Notice B", "指导意见甲; 通知乙")
    assert split_policy_name("Hydrogen Plan (2021-2035) （氢能规划（2021-2035年））Link") == (
        "Hydrogen Plan (2021-2035)", "氢能规划（2021-2035年）")


# ── Files that are not (whole) briefs: a clear error naming file and line. ──
def test_article_mentioning_merics_is_not_a_brief():
    with pytest.raises(BriefParseError) as e:
        read_brief(FIXTURES / "not-a-brief-article.txt")
    assert e.value.source.endswith("not-a-brief-article.txt") and e.value.line == 1
    assert "not a MERICS China Industries brief" in str(e.value)


@pytest.mark.parametrize("content", ["", "\n\n   \n", "\ufeff\r\n"], ids=["empty", "blank", "bom-only"])
def test_empty_file_names_file_and_line(tmp_path, content):
    p = tmp_path / "empty.md"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(BriefParseError) as e:
        read_brief(p)
    assert str(e.value).startswith(f"{p}:1: the file is empty")


def test_truncated_brief_names_the_unfinished_item(tmp_path):
    lines = MARKDOWN.read_text(encoding="utf-8").splitlines()
    p = tmp_path / "truncated.md"
    p.write_text("\n".join(lines[:31]), encoding="utf-8")  # cut after item 2's comment
    with pytest.raises(BriefParseError) as e:
        read_brief(p)
    assert (e.value.line, e.value.message) == (24, "Top-5 item 2 has no 'Date:' line")


def test_year_less_dates_need_one_dated_item(tmp_path):
    text = PLAIN_COPY.read_text(encoding="utf-8").replace("24th November 2022", "24th November")
    with pytest.raises(BriefParseError) as e:
        parse_text(text, "noyear.txt")
    assert e.value.line == 26 and "no Top-5 date has a year" in e.value.message


def test_markup_quoted_in_a_brief_is_kept_verbatim():
    """Only markdown markup is removed: HTML a brief quotes and '__' inside words stay text."""
    headline = "MIIT pushes <b>battery</b> makers <script>window.__xss=1</script> & R&D"
    text = B21.read_text(encoding="utf-8").replace("MIIT pushes battery makers to double down on innovation", headline)
    assert parse_text(text, "markup.txt").top5()[2].headline == headline


def test_item_without_at_a_glance_label_is_an_error():
    text = PLAIN_COPY.read_text(encoding="utf-8").replace("At\u00a0a glance: MOFCOM", "Glance: MOFCOM")
    with pytest.raises(BriefParseError) as e:
        parse_text(text, "noglance.txt")
    # item 2's headline is no longer recognised, so its fields collide with item 1's
    assert e.value.line == 32 and "a second 'MERICS comment' in Top-5 item 1 (line 7)" in e.value.message


def test_item_that_lost_number_and_glance_label_is_an_error_not_a_merge():
    text = B22.read_text(encoding="utf-8").replace("5. Virtual reality to boost", "Virtual reality to boost")
    text = text.replace("At a glance: Five government agencies", "Five government agencies")
    with pytest.raises(BriefParseError) as e:
        parse_text(text, "merged.txt")
    assert e.value.line == 90 and e.value.message.startswith("unexpected line in Top-5 item 4: 'Virtual reality")
