"""The parser on both real briefs (every field of one item per brief) and on malformed input."""
from datetime import date
from pathlib import Path

import pytest

from assistant.errors import BriefParseError
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


def test_malformed_item_names_line(tmp_path):
    text = B21.read_text(encoding="utf-8").replace("Date: November 18, 2021", "Date: sometime soon")
    p = tmp_path / "bad.txt"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(BriefParseError) as e:
        read_brief(p)
    assert e.value.line == 65 and "unreadable date" in str(e.value)


def test_binary_and_bad_files_do_not_stop_the_others(corpus_copy: Path):
    (corpus_copy / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (corpus_copy / "latin1.txt").write_bytes("MERICS Top 5\n1. Caf\xe9".encode("latin-1"))
    (corpus_copy / "data.bin").write_bytes(b"\x00\x01")
    briefs, errors = load_corpus(corpus_copy)
    assert sorted(b.month for b in briefs) == ["2021-11", "2022-11"]
    msgs = " ".join(str(e) for e in errors)
    assert "binary" in msgs and "not UTF-8" in msgs and "data.bin" in msgs


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
