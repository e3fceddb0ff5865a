"""Tests for xmfacts.figures.reader: every notation the reader must read, and what it must not."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xmfacts.figures.printing import plain_number
from xmfacts.figures.reader import Reading, hedge_before, hedged, read_figure, read_figures
from xmfacts.model import BaseUnit, Kind, Qualifier
Q = Qualifier
ARTICLE = Path("/work/shared/sources/000_0d4691d70acc4ceb.txt")

# (input, span text, qualifier, value as printed, unit, scale, base unit)
QUANTITIES = [
    ("31万家", "31万家", Q.EXACT, "31", "万家", 10**4, BaseUnit.COUNT),
    ("1141.58亿元", "1141.58亿元", Q.EXACT, "1141.58", "亿元", 10**8, BaseUnit.CNY),
    ("四成", "四成", Q.EXACT, "4", "成", 10, BaseUnit.PERCENT),
    ("近百项", "近百项", Q.NEARLY, "100", "项", 1, BaseUnit.COUNT),
    ("逾5亿元", "逾5亿元", Q.OVER, "5", "亿元", 10**8, BaseUnit.CNY),
    ("不到4度", "不到4度", Q.UNDER, "4", "度", 1, BaseUnit.KWH),
    ("超过1000亿元", "超过1000亿元", Q.OVER, "1000", "亿元", 10**8, BaseUnit.CNY),
    ("超1000亿元", "超1000亿元", Q.OVER, "1000", "亿元", 10**8, BaseUnit.CNY),
    ("1600余家", "1600余家", Q.AT_LEAST, "1600", "家", 1, BaseUnit.COUNT),
    ("1600多家", "1600多家", Q.AT_LEAST, "1600", "家", 1, BaseUnit.COUNT),
    ("2.3万多家", "2.3万多家", Q.AT_LEAST, "2.3", "万家", 10**4, BaseUnit.COUNT),
    ("芯片制造要经过超600道工序", "超600道", Q.OVER, "600", "道", 1, BaseUnit.COUNT),
    ("全年举办活动300余场", "300余场", Q.AT_LEAST, "300", "场", 1, BaseUnit.COUNT),
    ("登记的无人机有2000架", "2000架", Q.EXACT, "2000", "架", 1, BaseUnit.COUNT),
    ("月产晶圆20万片", "20万片", Q.EXACT, "20", "万片", 10**4, BaseUnit.COUNT),
    ("旅客吞吐量2700万人次", "2700万人次", Q.EXACT, "2700", "万人次", 10**4, BaseUnit.COUNT),
    ("项目总投资约5000万美元", "约5000万美元", Q.ABOUT, "5000", "万美元", 10**4, BaseUnit.USD),
    ("港口货物吞吐量2.2亿吨", "2.2亿吨", Q.EXACT, "2.2", "亿吨", 10**8, BaseUnit.TONNE),
    ("光伏电站装机100兆瓦", "100兆瓦", Q.EXACT, "100", "兆瓦", 10**3, BaseUnit.KW),
    ("新增装机容量120万千瓦", "120万千瓦", Q.EXACT, "120", "万千瓦", 10**4, BaseUnit.KW),
    ("储能电池出货量10GWh，", "10GWh", Q.EXACT, "10", "GWh", 10**6, BaseUnit.KWH),  # a Latin unit, not a name as 5G is
    ("集装箱吞吐量1255万标准箱", "1255万标准箱", Q.EXACT, "1255", "万标准箱", 10**4, BaseUnit.COUNT),
    ("中欧班列今年开行300列", "300列", Q.EXACT, "300", "列", 1, BaseUnit.COUNT),
    ("全年出让土地12宗", "12宗", Q.EXACT, "12", "宗", 1, BaseUnit.COUNT),
    ("29.20%", "29.20%", Q.EXACT, "29.20", "%", 1, BaseUnit.PERCENT),
    ("34平方公里", "34平方公里", Q.EXACT, "34", "平方公里", 1, BaseUnit.KM2),
    ("建筑面积共101万平方米", "101万平方米", Q.EXACT, "101", "万平方米", 10**4, BaseUnit.M2),
    ("地铁全长25公里", "25公里", Q.EXACT, "25", "公里", 10**3, BaseUnit.METRE),
    ("用地1216 畝", "1216 畝", Q.EXACT, "1216", "亩", 1, BaseUnit.MU),
    ("年产85000加仑", "85000加仑", Q.EXACT, "85000", "加仑", 1, BaseUnit.GALLON),
    ("十余张", "十余张", Q.AT_LEAST, "10", "张", 1, BaseUnit.COUNT),
    ("200多种", "200多种", Q.AT_LEAST, "200", "种", 1, BaseUnit.COUNT),
    ("超7500亿元", "超7500亿元", Q.OVER, "7500", "亿元", 10**8, BaseUnit.CNY),
    ("约28万户", "约28万户", Q.ABOUT, "28", "万户", 10**4, BaseUnit.COUNT),
    ("50多万户", "50多万户", Q.AT_LEAST, "50", "万户", 10**4, BaseUnit.COUNT),
    ("近400家", "近400家", Q.NEARLY, "400", "家", 1, BaseUnit.COUNT),
    ("2.6亿元", "2.6亿元", Q.EXACT, "2.6", "亿元", 10**8, BaseUnit.CNY),
    ("1.2万亿", "1.2万亿", Q.EXACT, "1.2", "万亿", 10**12, BaseUnit.NUMBER),
    ("3千万", "3千万", Q.EXACT, "3", "千万", 10**7, BaseUnit.NUMBER),
    ("一百多万", "一百多万", Q.AT_LEAST, "100", "万", 10**4, BaseUnit.NUMBER),
    ("5亿元左右", "5亿元左右", Q.ABOUT, "5", "亿元", 10**8, BaseUnit.CNY),
    ("百分之三十", "百分之三十", Q.EXACT, "30", "%", 1, BaseUnit.PERCENT),
    ("3个百分点", "3个百分点", Q.EXACT, "3", "个百分点", 1, BaseUnit.PERCENTAGE_POINT),
    ("营收过千亿元", "过千亿元", Q.OVER, "1000", "亿元", 10**8, BaseUnit.CNY),
    ("超4万亿元", "超4万亿元", Q.OVER, "4", "万亿元", 10**12, BaseUnit.CNY),
    ("１１４１．５８亿元", "１１４１．５８亿元", Q.EXACT, "1141.58", "亿元", 10**8, BaseUnit.CNY),
    ("1,141.58亿元", "1,141.58亿元", Q.EXACT, "1141.58", "亿元", 10**8, BaseUnit.CNY),
    ("10余年", "10余年", Q.AT_LEAST, "10", "年", 1, BaseUnit.YEAR),
    ("20年", "20年", Q.EXACT, "20", "年", 1, BaseUnit.YEAR),
    ("三年", "三年", Q.EXACT, "3", "年", 1, BaseUnit.YEAR),
    ("1255万标箱", "1255万标箱", Q.EXACT, "1255", "万标箱", 10**4, BaseUnit.COUNT),  # containers, in TEU
    ("三千", "三千", Q.EXACT, "3000", "", 1, BaseUnit.NUMBER),
    ("二十三", "二十三", Q.EXACT, "23", "", 1, BaseUnit.NUMBER),
    ("一百零五", "一百零五", Q.EXACT, "105", "", 1, BaseUnit.NUMBER),
    ("两家", "两家", Q.EXACT, "2", "家", 1, BaseUnit.COUNT),
    ("千亿元", "千亿元", Q.EXACT, "1000", "亿元", 10**8, BaseUnit.CNY),
    ("综合得分77.4分", "77.4分", Q.EXACT, "77.4", "分", 1, BaseUnit.SCORE),
    ("监测得分 93.68 分", "93.68 分", Q.EXACT, "93.68", "分", 1, BaseUnit.SCORE),
    # a chain's size class (its own unit, as printed): 平板显示千亿产业链, 第十二条百亿产业集群
    ("平板显示千亿产业链", "千亿", Q.EXACT, "1000", "亿", 10**8, BaseUnit.NUMBER),
    ("第十二条百亿产业集群", "百亿", Q.EXACT, "100", "亿", 10**8, BaseUnit.NUMBER),
    ("百万个房间", "百万个", Q.EXACT, "100", "万个", 10**4, BaseUnit.COUNT),
    ("三点五亿元", "三点五亿元", Q.EXACT, "3.5", "亿元", 10**8, BaseUnit.CNY),
    ("3千瓦时", "3千瓦时", Q.EXACT, "3", "千瓦时", 1, BaseUnit.KWH),
    ("全省占比达四成", "达四成", Q.EXACT, "4", "成", 10, BaseUnit.PERCENT),
    ("最高可达1亿元", "可达1亿元", Q.AT_MOST, "1", "亿元", 10**8, BaseUnit.CNY),
    ("不超过3家", "不超过3家", Q.AT_MOST, "3", "家", 1, BaseUnit.COUNT),
    ("将近三年", "将近三年", Q.NEARLY, "3", "年", 1, BaseUnit.YEAR),
    ("20%以上", "20%以上", Q.OVER, "20", "%", 1, BaseUnit.PERCENT),
    ("组建一年多，", "一年多", Q.AT_LEAST, "1", "年", 1, BaseUnit.YEAR),
    ("四个月", "四个月", Q.EXACT, "4", "个月", 1, BaseUnit.MONTH),
    ("世界500强", "500", Q.EXACT, "500", "", 1, BaseUnit.NUMBER),
    ("经过20年的布局", "20年", Q.EXACT, "20", "年", 1, BaseUnit.YEAR),  # 经过 is a word, not the hedge 过
    ("签约3家", "3家", Q.EXACT, "3", "家", 1, BaseUnit.COUNT),  # 签约 is a word, not the hedge 约
    ("一万多家", "一万多家", Q.AT_LEAST, "1", "万家", 10**4, BaseUnit.COUNT),  # 一 with a multiplier is a number
    ("统一到3家", "3家", Q.EXACT, "3", "家", 1, BaseUnit.COUNT),  # not the range 一到3
    ("两千多家", "两千多家", Q.AT_LEAST, "2000", "家", 1, BaseUnit.COUNT),
    ("0.5个百分点", "0.5个百分点", Q.EXACT, "0.5", "个百分点", 1, BaseUnit.PERCENTAGE_POINT),
    # English writes an amount as an adjective with hyphens (China Daily, 2021-06-02)
    ("Xiamen's first 100-billion-yuan industrial chain", "100-billion-yuan", Q.EXACT, "100", "billion yuan", 10**9, BaseUnit.CNY),
    # an English text that starts with its figure (a citation of a page's few words)
    ("600.5 billion yuan of total foreign trade value", "600.5 billion yuan", Q.EXACT, "600.5", "billion yuan", 10**9, BaseUnit.CNY),
    # a sum that "added up to" a figure is that figure, with no cap; "up to" alone is one
    ("the city's output added up to 479.141 billion yuan", "479.141 billion yuan", Q.EXACT, "479.141", "billion yuan", 10**9, BaseUnit.CNY),
    ("grants of up to 5 million yuan", "up to 5 million yuan", Q.AT_MOST, "5", "million yuan", 10**6, BaseUnit.CNY),
]


@pytest.mark.parametrize(("text", "span", "qualifier", "value", "unit", "scale", "base"), QUANTITIES)
def test_quantity(text: str, span: str, qualifier: Qualifier, value: str, unit: str, scale: int,
                  base: BaseUnit) -> None:
    readings = read_figures(text)
    assert len(readings) == 1, readings
    r = readings[0]
    assert (r.text, r.figure.kind, r.figure.qualifier, str(r.figure.value), r.figure.unit, r.figure.scale, r.figure.base_unit) == (
        span, Kind.QUANTITY, qualifier, value, unit, scale, base)
    assert (r.figure.lower, r.figure.upper, r.figure.date) == (None, None, None)
    assert text[r.start : r.end] == span


# (input, span text, lower, upper, unit, scale)
RANGES = [
    ("10%—40%", "10%—40%", "10", "40", "%", 1),
    ("5—10分钟", "5—10分钟", "5", "10", "分钟", 1),
    ("10-40", "10-40", "10", "40", "", 1),
    ("10～20天", "10～20天", "10", "20", "天", 1),
    ("３－５天", "３－５天", "3", "5", "天", 1),
    ("5至10分钟", "5至10分钟", "5", "10", "分钟", 1),
    ("三到五年", "三到五年", "3", "5", "年", 1),
    ("5万—10万元", "5万—10万元", "5", "10", "万元", 10**4),
    ("约5—10分钟左右", "约5—10分钟左右", "5", "10", "分钟", 1),
    ("一到两年", "一到两年", "1", "2", "年", 1),
]


@pytest.mark.parametrize(("text", "span", "lower", "upper", "unit", "scale"), RANGES)
def test_range(text: str, span: str, lower: str, upper: str, unit: str, scale: int) -> None:
    [r] = read_figures(text)
    assert (r.text, r.figure.kind, r.figure.qualifier, r.figure.value, str(r.figure.lower), str(r.figure.upper), r.figure.unit, r.figure.scale) == (
        span, Kind.RANGE, Q.RANGE, None, lower, upper, unit, scale)


DATES = [
    ("2011年7月", "2011年7月", "2011-07"),
    ("成立于2011年7月的金圆集团", "2011年7月", "2011-07"),
    ("2024年6月", "2024年6月", "2024-06"),
    ("10月16日", "10月16日", "--10-16"),
    ("2024年6月5日", "2024年6月5日", "2024-06-05"),
    ("1983年", "1983年", "1983"),
    ("二〇二四年六月五日", "二〇二四年六月五日", "2024-06-05"),
    ("十月十六日", "十月十六日", "--10-16"),
]


@pytest.mark.parametrize(("text", "span", "date"), DATES)
def test_date(text: str, span: str, date: str) -> None:
    [r] = read_figures(text)
    assert (r.text, r.figure.kind, r.figure.qualifier, r.figure.date, r.figure.value, r.figure.unit, r.figure.scale, r.figure.base_unit) == (
        span, Kind.DATE, Q.EXACT, date, None, None, None, None)


def test_year_range_reads_as_two_years() -> None:
    assert [(r.text, r.figure.date) for r in read_figures("2021—2023年")] == [("2021", "2021"), ("2023年", "2023")]


NOT_FIGURES = ["第4条", "第8.6代", "第一", "十几家", "数十所", "几百人", "上百家", "成百上千", "一大难题", "一批",
               "一举拿下", "一键发起", "统一", "之一", "一流", "三来一补", "4+4+6", "从0到1", "从零开始", "万米深海",
               "H2O", "5G", "COVID-19", "PM2.5", "近三年", "最近3年", "近几年", "三四个", "十三五", "9月末",
               "1号孵化器", "一掷千金", "千万不要", "十分重要", "三分之一", "千亿级", "千万产业链", "每生产一吨", "5G基站", "4K电视", "一成不变", "两张皮", "一家企业", "一度是", "三折叠", "两院院士",
               "a 5-year plan", "the 14th Five-Year Plan", "grew 10-fold", "a 3-day trip",
               # bare numbers English does not call counts: a rank, a line, a count with no from…to
               "ranked 3 to 5", "Line 3 to the airport", "firms numbered 20,652"]


@pytest.mark.parametrize(("text", "count"), [("全市12条千亿产业链", "12条"), ("四大千亿产业集群", "四大"), ("10个百亿产业链", "10个"),
                                           ("下一条千亿产业链", None)])
def test_a_size_class_after_a_count_is_a_threshold_not_read(text: str, count: str | None) -> None:
    # the 12 chains each pass 千亿: no one chain's size, so the reader reads only the count
    assert [r.text for r in read_figures(text)] == ([count] if count else [])


@pytest.mark.parametrize(("text", "numbers"), [("下午3点20分", ["3", "20"]), ("8时30分", ["8", "30"]), ("3分之1", ["3", "1"]),
                                             ("厦门2分行", ["2"])])
def test_a_clock_a_fraction_or_a_branch_takes_no_points(text: str, numbers: list[str]) -> None:
    assert [(r.text, r.figure.unit) for r in read_figures(text)] == [(n, "") for n in numbers]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_a_figure(text: str) -> None:
    assert read_figures(text) == []
    assert read_figure(text) is None


def test_offsets_map_back_through_normalization() -> None:
    text = "共有１，６００家和①３家，约２８万户"
    readings = read_figures(text)
    assert [(r.text, r.start, r.end) for r in readings] == [("１", 2, 3), ("６００家", 4, 8), ("３家", 10, 12),
                                                           ("约２８万户", 13, 18)]
    assert all(text[r.start : r.end] == r.text for r in readings)


def test_article_sentences() -> None:
    text = "目前，全市供应链企业有2.3万多家，年营业额超4万亿元，跻身世界500强企业的厦门建设"
    assert [(r.text, r.figure.qualifier, str(r.figure.value), r.figure.unit) for r in read_figures(text)] == [
        ("2.3万多家", Q.AT_LEAST, "2.3", "万家"), ("超4万亿元", Q.OVER, "4", "万亿元"), ("500", Q.EXACT, "500", "")]


def test_read_figure_returns_the_first() -> None:
    r = read_figure("超1100亿元，约5家")
    assert r is not None and (r.text, r.figure.qualifier, r.figure.value, r.figure.unit) == ("超1100亿元", Q.OVER, D(1100), "亿元")
    assert read_figure("") is None


def test_whole_article_offsets_and_no_junk() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    readings = read_figures(text)
    assert all(text[r.start : r.end] == r.text for r in readings)
    assert all(a.end <= b.start for a, b in zip(readings, readings[1:]))
    texts = {r.text for r in readings}
    assert {"31万家", "1141.58亿元", "超7500亿元", "10%—40%", "5—10分钟", "十余张", "逾5亿元"} <= texts
    assert not texts & {"一", "一大", "一批", "三年", "近三年", "0到1", "4", "第一"}


# ---- properties ---------------------------------------------------------------------------------------------------


def check_offsets(text: str, readings: list[Reading]) -> None:
    for r in readings:
        assert text[r.start : r.end] == r.text
        assert 0 <= r.start < r.end <= len(text)


@settings(max_examples=400)
@given(st.text() | st.text(alphabet=st.characters(exclude_categories=())))  # the second includes lone surrogates
def test_never_raises_on_any_text(text: str) -> None:
    check_offsets(text, read_figures(text))
    read_figure(text)


FIGURE_BITS = list("0123456789一二两三十百千万亿余多近约超过不到达第左右以上下%.,，—-~至年月日家元成个百分点之几数") + [
    "１", "５", "．", "％", "①", "\ud800", "\x00", "平方公里", "个百分点", "增长", "、", "H", " "]


@settings(max_examples=400)
@given(st.lists(st.sampled_from(FIGURE_BITS), max_size=30).map("".join))
def test_offsets_on_figure_like_text(text: str) -> None:
    check_offsets(text, read_figures(text))


decimals = st.decimals(min_value=0, max_value=10**12, places=4, allow_nan=False, allow_infinity=False) | st.integers(
    min_value=0, max_value=10**12).map(D)


@given(decimals)
def test_round_trip(d: D) -> None:
    r = read_figure(plain_number(d) + "元")
    assert r is not None and r.figure.value == d and r.figure.unit == "元" and r.figure.scale == 1
    assert str(r.figure.value) == plain_number(d)  # printed precision survives
    r = read_figure(plain_number(d) + "亿元")
    assert r is not None and r.figure.value == d and r.figure.unit == "亿元" and r.figure.scale == 10**8


def test_large_inputs_do_not_raise() -> None:
    assert read_figures("1" * 100_000)[0].figure.value == D("1" * 100_000)
    check_offsets("２" * 50_000, read_figures("２" * 50_000))



@pytest.mark.parametrize("text", ["0 ", "5 ", "70 ", "2023 "])
def test_a_number_before_trailing_spaces(text: str) -> None:
    [r] = read_figures(text)
    assert (r.text, r.figure.unit) == (text.strip(), "")


@pytest.mark.parametrize(
    ("text", "said", "value", "unit", "scale", "base"),
    [
        ("Forty-two firms joined the programme.", "Forty-two", "42", "", 1, BaseUnit.COUNT),  # not the two it ends on
        ("The park hosts twenty five chip designers.", "twenty five", "25", "", 1, BaseUnit.COUNT),
        ("The city added a dozen research institutes.", "a dozen", "12", "", 1, BaseUnit.COUNT),
        ("Nearly two dozen banks signed.", "Nearly two dozen", "24", "", 1, BaseUnit.COUNT),
        ("The fund will lend five billion yuan.", "five billion yuan", "5", "billion yuan", 10**9, BaseUnit.CNY),
        ("It has one billion yuan in assets.", "one billion yuan", "1", "billion yuan", 10**9, BaseUnit.CNY),
        ("Two million people visited the expo.", "Two million", "2", "million", 10**6, BaseUnit.NUMBER),
    ],
)
def test_english_numbers_in_words(text: str, said: str, value: str, unit: str, scale: int, base: BaseUnit) -> None:
    [r] = read_figures(text)
    assert (r.text, str(r.figure.value), r.figure.unit, r.figure.scale, r.figure.base_unit) == (said, value, unit, scale, base)


def test_pct_before_a_noun_is_a_patent_treaty_not_a_percent() -> None:
    # the fact base cites "278 PCT international patents applications": a count of applications
    [r] = read_figures("the city had 278 PCT international patent applications")
    assert (r.text, r.figure.base_unit) == ("278", BaseUnit.COUNT)


def test_two_years_with_a_dash_are_no_range() -> None:
    assert [r.figure.kind for r in read_figures("Output doubled in 2021-2023.")] == [Kind.DATE]


@pytest.mark.parametrize(
    ("text", "said", "lower", "upper", "unit", "base"),
    [
        ("Growth is expected at 5-6 percent this year.", "5-6 percent", "5", "6", "percent", BaseUnit.PERCENT),
        ("The park will host 8-10 research centers.", "8-10", "8", "10", "", BaseUnit.COUNT),
        ("Each grant is 3.5–4.2 billion yuan.", "3.5–4.2 billion yuan", "3.5", "4.2", "billion yuan", BaseUnit.CNY),
    ],
)
def test_an_english_range_with_a_dash(text: str, said: str, lower: str, upper: str, unit: str, base: BaseUnit) -> None:
    [r] = read_figures(text)
    assert (r.text, r.figure.kind, str(r.figure.lower), str(r.figure.upper), r.figure.unit, r.figure.base_unit) == (
        said, Kind.RANGE, lower, upper, unit, base)


@pytest.mark.parametrize("text", ["Two-thirds of the firms grew.", "one of the firms", "dozens of firms", "a dozen",
                                  "open 24-7 for shoppers", "COVID-19 cases fell"])
def test_english_words_that_count_nothing(text: str) -> None:
    assert read_figures(text) == []


def test_english_figures_come_in_order_of_appearance() -> None:
    text = "Xiamen's GDP grew from 599.504 billion yuan in 2019 to 703.389 billion yuan in 2021."
    assert [r.text for r in read_figures(text)] == ["599.504 billion yuan", "2019", "703.389 billion yuan", "2021"]


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("规模突破百亿元", Qualifier.OVER),
        ("企业型新型研发机构最高可获资助1亿元", Qualifier.AT_MOST),
        ("每家最多5000万元", Qualifier.AT_MOST),
        ("规模达百亿元", Qualifier.EXACT),
        ("最高，获资助1亿元", Qualifier.EXACT),  # another clause's 最高
        ("突破超过100亿元", Qualifier.OVER),  # the reader's own hedge stands
    ],
)
def test_a_hedge_a_few_words_before_the_figure(text: str, qualifier: Qualifier) -> None:
    r = read_figures(text)[-1]
    clause = text.rfind("，") + 1
    assert hedged(text, r, clause).figure.qualifier is qualifier
    assert (hedge_before(text, clause, r.start) is None) == (qualifier is Qualifier.EXACT)


def test_a_hedge_between_a_spaced_number_and_its_unit() -> None:
    # other outlets space 4900 多家 as they space 70 家: the hedge is the figure's, not a word
    [r] = read_figures("为 4900 多家小微企业解了燃眉之急")
    assert (r.text, r.figure.value, r.figure.unit, r.figure.qualifier) == ("4900 多家", D(4900), "家", Q.AT_LEAST)
    [r] = read_figures("共 120 余项成果")
    assert (r.figure.value, r.figure.unit, r.figure.qualifier) == (D(120), "项", Q.AT_LEAST)
    assert [x.figure.unit for x in read_figures("2023 多年")] == [""]  # a year written loosely stays a bare number


@pytest.mark.parametrize(("text", "counts"), [
    ("the number of firms rose from 1,500 in 2015 to 4,200 in 2024", ["1,500", "4,200"]),
    ("it grew from 1,500 to 4,200", ["1,500", "4,200"]),
    # the first number shares the second's unit: not a count
    ("the share grew from 8 to 12 percent", ["12 percent"]),
])
def test_both_ends_of_from_to_are_read(text: str, counts: list[str]) -> None:
    assert [r.text for r in read_figures(text) if r.figure.kind is not Kind.DATE] == counts


@pytest.mark.parametrize(("text", "expected"), [("是五年前的两倍多", []), ("三个月前投产", []), ("10年前", []),
                                               ("2023年前三季度", ["2023年"])])
def test_so_long_ago_is_when_not_how_long(text: str, expected: list[str]) -> None:
    assert [r.text for r in read_figures(text)] == expected
