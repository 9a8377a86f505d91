"""Periods named in questions (periods.find_periods): every date form and range, pure function."""
import pytest

from assistant.periods import find_periods
from assistant.query import plan

YEARS = (2021, 2022)


def ranges(q):
    return [r for p in find_periods(q, YEARS) for r in p.ranges]


@pytest.mark.parametrize("q", [
    "What came out on 9 November 2022?", "what came out on Nov 9, 2022", "items of November 9th, 2022",
    "items dated 2022-11-09", "2022年11月9日发布了什么？", "on 9 Nov. 2022",
])
def test_one_day_in_every_form(q):
    assert ranges(q) == [(20221109, 20221109)]


def test_a_day_without_year_is_that_day_in_every_covered_year():
    assert ranges("what came out on Nov 9?") == [(20211109, 20211109), (20221109, 20221109)]


def test_a_year_named_elsewhere_dates_a_yearless_day():
    assert ranges("In 2021, what was released on November 15?") == [(20211115, 20211115)]


@pytest.mark.parametrize("q,expected", [
    ("between 1 and 10 November 2022", (20221101, 20221110)),
    ("between Nov 1 and Nov 10, 2022", (20221101, 20221110)),
    ("Nov 1-10 2022", (20221101, 20221110)),
    ("from October 25 to November 3, 2022", (20221025, 20221103)),  # across a month end
    ("mid-October 2021", (20211011, 20211020)),
    ("early November 2022", (20221101, 20221110)),
    ("late Nov 2022", (20221121, 20221130)),
    ("in the last week of October 2022", (20221025, 20221031)),
    ("the first week of November 2021", (20211101, 20211107)),
    ("the second half of February 2022", (20220216, 20220228)),  # February ends on the 28th
    ("since 15 November 2022", (20221115, 0)),
    ("after 15 November 2022", (20221116, 0)),
    ("after October 2022", (20221101, 0)),
    ("before November 2022", (0, 20221031)),
    ("until November 2022", (0, 20221130)),
])
def test_ranges(q, expected):
    assert ranges(q) == [expected]


@pytest.mark.parametrize("q", ["Nov 2022", "nov 2022", "Nov. 2022", "November 2022", "2022-11", "2022年11月",
                               "November of 2022", "11/2022", "2022/11"])
def test_month_forms(q):
    (p,) = find_periods(q, YEARS)
    assert p.precision == "month" and p.months == ("2022-11",)


def test_two_months_are_two_periods_not_a_range():
    ps = find_periods("battery policy in Nov 2021 and Nov 2022", YEARS)
    assert [p.months for p in ps] == [("2021-11",), ("2022-11",)]


def test_a_month_followed_by_brief_names_the_brief():
    (p,) = find_periods("what was in the Nov. 2022 brief", YEARS)
    assert p.brief


@pytest.mark.parametrize("q", ["may I ask about batteries?", "what may MIIT do next", "the march of progress"])
def test_verbs_are_not_months(q):
    assert find_periods(q, YEARS) == []


@pytest.mark.parametrize("q,expected", [
    ("what came out on 9.11.2022", (20221109, 20221109)),
    ("items of 09/11/2022", (20221109, 20221109)),
    ("the week of 7 November 2022", (20221107, 20221113)),
    ("between November 1 and 10, 2022", (20221101, 20221110)),
    ("from November 1 through 10, 2022", (20221101, 20221110)),
    ("from 20 November 2022 onwards", (20221120, 0)),  # 'from' alone names the day; 'onwards' opens it
    ("anything dated 9 Nov 2022 or later", (20221109, 0)),
    ("what came out 18 November 2022 or earlier", (0, 20221118)),
])
def test_more_forms(q, expected):
    assert ranges(q) == [expected]


@pytest.mark.parametrize("q, expected", [
    ("policies proposed in autumn 2021", [(20210901, 20211130)]),
    ("rules from the fall of 2022", [(20220901, 20221130)]),
    ("plans released in winter 2021", [(20211201, 20220228)]),
    ("2022年春季发布的政策", [(20220301, 20220531)]),
    ("what came out in summer", [(20210601, 20210831), (20220601, 20220831)]),
])
def test_seasons_are_their_three_months(q, expected):
    assert ranges(q) == expected


def test_fall_as_a_verb_is_no_season():
    assert ranges("did battery prices fall in 2022") == []


def test_a_month_abbreviation_in_capitals_without_year_or_day_is_an_acronym():
    assert find_periods("income from SEP licensing", YEARS) == []
    assert find_periods("what did MAR say?", YEARS) == []
    (p,) = find_periods("news from NOV 2021", YEARS)
    assert p.months == ("2021-11",)


def test_a_month_after_a_reporting_verb_names_the_brief_of_that_month():
    (reported,) = find_periods("what was mentioned in October 2021?", YEARS)
    (released,) = find_periods("what was released in October 2021?", YEARS)
    assert reported.brief and not released.brief


@pytest.mark.parametrize("q,expected", [
    ("items from late 2021", (20210901, 20211231)),
    ("in the first half of 2022", (20220101, 20220630)),
    ("H2 2021 news", (20210701, 20211231)),
    ("2022年初的政策", (20220101, 20220430)),
    ("at the end of 2021", (20211001, 20211231)),
])
def test_parts_of_a_year(q, expected):
    assert ranges(q) == [expected]


def test_a_part_of_a_year_before_brief_names_the_brief():
    (p,) = find_periods("what was in the late-2021 brief", YEARS)
    assert p.brief and p.ranges == ((20210901, 20211231),)


def test_what_changed_between_two_months_compares_them():
    ps = find_periods("How did the rules change between March 2022 and November 2022?", YEARS)
    assert [p.ranges for p in ps] == [((20220301, 20220331),), ((20221101, 20221130),)]


@pytest.mark.parametrize("q, items", [
    ("which Top 5 items in May 2023 were about steel?", True),  # the items of that month's brief
    ("the news in October 2022 about chips", True),
    ("what was published in Nov 2022?", False),  # what is dated then
])
def test_items_in_a_month_are_that_briefs_items(q, items):
    (p,) = find_periods(q, YEARS)
    assert p.brief_items is items


def test_equivalent_words_on_each_side_of_a_comparison_are_one_theme(assistant):
    from assistant.query import plan
    p = plan("How did chip news in 2021 compare with the semiconductor plans of 2022?", assistant.info)
    assert p.compare == (2021, 2022) and p.period_topics == ()
    own = plan("How did chip news in 2021 compare with the battery plans of 2022?", assistant.info)
    assert own.period_topics  # two subjects of their own


def test_a_year_opening_the_question_after_for_is_its_period(assistant):
    assert plan("For 2021, what came out of MIIT?", assistant.info).filters.years == frozenset({2021})
    assert not plan("Which goals are set for 2025?", assistant.info).filters.years  # a target year is content
