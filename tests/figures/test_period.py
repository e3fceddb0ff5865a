"""The period a text gives its figures."""

from __future__ import annotations

import pytest

from xmfacts.figures.period import chinese_period, english_period, tallied_year, that_year, valid_date, year_written_onto


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("截至今年9月末，该行科技金融贷款余额", "2024-09-30"),  # 至今 in 截至今年 is not "up to now"
        ("截至2018年底", "2018-12-31"),
        ("其中2023年至今募集资金", None),
        ("今年上半年中海锐悦的营收", "2024-06-30"),
        # a part of a year that names none is of the year the text was written in
        ("截至6月末，全市科技贷款余额", "2024-06-30"),
        ("一季度，厦门进出口总值", "2024-03-31"),
        ("前三季度，全市新增授信", "2024-09-30"),
        ("6月投产", None),  # a bare month is as often an event's
        # a bare 今年 later in the sentence is now, whatever period came before it
        ("截至12月底，全市高企2142家，预计今年将新增", None),
        # the year a figure is compared with is not its period
        ("截至今年9月末，全市高企4136家，较去年同期增长", "2024-09-30"),
        ("2023年，全市实现GDP，比2022年增长", "2023"),
        # an event's year followed by a comma dates the event, not what follows
        ("厦门创投成立于2009年，目前管理基金规模", None),
        # the months of a year so far, to the end of the last
        ("2024年1-10月全市固定资产投资", "2024-10-31"),
        ("1—8月，厦门一般公共预算总收入", "2024-08-31"),
        ("11月1日至5日", None),
    ],
)
def test_chinese_period(text: str, period: str | None) -> None:
    assert chinese_period(text, "2024-11-20") == period


@pytest.mark.parametrize(
    ("text", "ok"),
    [("2024", True), ("2024-09", True), ("2024-09-30", True), ("2024-13", False), ("2024-02-30", False), ("24", False), ("2024/09", False)],
)
def test_valid_date(text: str, ok: bool) -> None:
    assert valid_date(text) is ok


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("in the first quarter of 2017,", "2017-03-31"),
        ("in the opening three months of 2017", "2017-03-31"),
        ("Q1 2017", "2017-03-31"),
        ("in the first half of 2022", "2022-06-30"),
        ("in the first three quarters of 2023", "2023-09-30"),
        ("in 2017", "2017"),
        ("at the end of 2023", "2023-12-31"),
        # a year with no cue is a name's or an event's as often as a period
        ("the 2017 plan", None),
        # a sentence that opens on the (past) year it reports
        ("For 2018, the value added of industry grew", "2018"),
        ("a plan for 2025", None),
        # the year a figure is compared with is no period of it
        ("reported 2,500 enterprises in 2023, 12 percent more than in 2022", "2023"),
        ("exports rose 5 percent over 2022", None),
        # the months of a year so far end with their last month, this year's when no year is said
        ("in the January-August period of 2022,", "2022-08-31"),
        ("in the first eight months of 2022", "2022-08-31"),
        ("from January to August 2022", "2022-08-31"),
        ("in the Jan-Oct period", "2024-10-31"),
        ("in 2023 as a whole, and in the January-November period", "2024-11-30"),
    ],
)
def test_english_period(text: str, period: str | None) -> None:
    assert english_period(text, "2024-12-01") == period


def test_months_so_far_not_yet_over_are_last_years() -> None:
    assert english_period("in the January-November period", "2024-03-02") == "2023-11-30"


@pytest.mark.parametrize(
    ("before", "earlier", "year"),
    [
        ("当年厦门的进出口总额", "2021年厦门在内地城市中排第8位，名次比2020年上升两位。", "2021"),  # a year compared with is no period
        ("同年，厦门", "2019年天马在厦门投产。", "2019"),
        ("that year the city's trade", "Xiamen ranked eighth in 2021, two places higher than 2020.", "2021"),
        ("厦门的进出口总额", "2021年厦门在内地城市中排第8位。", None),  # no 当年: the sentence is not dated by it
        ("当年厦门的进出口总额", "厦门在内地城市中排第8位。", None),  # nothing named a year
    ],
)
def test_that_year_is_the_last_year_named_before(before: str, earlier: str, year: str | None) -> None:
    assert that_year(before, earlier) == year


@pytest.mark.parametrize(("text", "written", "period"), [("截至11月末", "2024-03-05", "2023-11-30"), ("上半年", "2024-03-01", "2023-06-30"),
                                                         ("截至9月末", "2024", "2024-09-30")])
def test_a_part_of_the_year_not_yet_over_is_last_years(text: str, written: str, period: str) -> None:
    assert chinese_period(text, written) == period


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Xiamen's regional GDP for 2018 added up to", "2018"),
        ("Preliminary estimates put economic growth for 2017 at", "2017"),
        ("The plan for 2018 sets", None),  # a plan is no measure
        ("GDP for 2025 is expected to reach", None),  # a year not yet over when written
    ],
)
def test_for_a_year_after_what_was_measured_is_its_period(text: str, period: str | None) -> None:
    assert english_period(text, "2024-12-01") == period


@pytest.mark.parametrize(("before", "year"), [("企业数量由2015年的", "2015"), ("增加到2023年的 ", "2023"), ("企业数量达到", None), ("2023年，", None)])
def test_the_year_written_onto_a_figure(before: str, year: str | None) -> None:
    assert year_written_onto(before) == year


@pytest.mark.parametrize(
    ("said", "year"),
    [("火炬高新区2023年实现工业总产值3000多亿元", "2023"), ("全区2022年新增企业500家", "2022"),
     ("天马于2011年落户厦门", None), ("比2022年增长5%", None), ("2019年的40家", None)],
)
def test_a_year_before_a_verb_of_tallying(said: str, year: str | None) -> None:
    assert tallied_year(said) == year
