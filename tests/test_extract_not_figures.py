"""`xmfacts extract` drafts no ordinal, rank or name as a figure, and still drafts the count beside
it (issue 23). The shapes live in one table, ``xmfacts.extract.not_figures.RULES``; the tests
take their examples from it, so a rule documented there and not kept fails here."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xmfacts.extract import extract
from xmfacts.extract.not_figures import RULES
from xmfacts.figures.numerals import written_forms
from xmfacts.figures.printing import printed
from xmfacts.model import FactBase

EMPTY = FactBase((), ())


def drafted(text: str) -> list[str]:
    return [printed(c.figure) for c in extract(EMPTY, text, published="2024").candidates]


def _examples() -> list[str]:
    """Every shape a rule's example names (the words before its colon, comma-separated)."""
    return [shape.strip() for rule in RULES for shape in rule.example.split(":")[0].split(", ")]


@pytest.mark.parametrize("shape", _examples())
def test_every_shape_a_rule_names_is_no_draft_beside_a_count(shape: str) -> None:
    if shape.isascii():
        text = f"The report names {shape} twice, and Xiamen is home to 120 companies.\n"
        assert drafted(text) == ["120"], shape
    else:
        assert drafted(f"报告提到{shape}，厦门新增企业120家。\n") == ["120家"], shape


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("厦门GDP排名全省第3位，企业数量居全国第三，新增企业300家。", ["300家"]),
        ("全国前5名企业共占60%。", ["60%"]),
        ("前三名依次为建发、国贸、象屿，营收合计1万亿元。", ["1万亿元"]),
        ("天马二期项目投资50亿元，天马8.6代面板产线投资330亿元。", ["50亿元", "330亿元"]),
        ("厦门软件园三期规划面积10平方公里，已入驻企业2000余家，举办培训3期。", ["10平方公里", "2000余家", "3期"]),
        ("党的二十大以来，厦门新增企业500家。", ["500家"]),
        ("福建在境內的滬深兩大交易所上市的公司合計98家。", ["98家"]),
        ("作为国内“四大”大宗供应链头部企业之一，象屿营收5000亿元。", ["5000亿元"]),
        # places moved in a ranking are about the rank: two sets of other outlets' pages label them so
        ("厦门比前一年上升了12位，去年一年净增超过800家。", ["超800家"]),
        ("经济总量的座次往前挪了两位，增幅排位抬升4个位次，引进院士两位。", ["2位"]),
        ("《第十四个五年规划纲要》提出，新增企业500家。", ["500家"]),
        ("厦门地铁3号线开通，日均客流20万人次；12345热线受理诉求80万件；5G基站达到1.2万个。", ["20万人次", "80万件", "1.2万个"]),
        ("Xiamen is No. 1 in exports, which reached 500 billion yuan.", ["500billion yuan"]),
        ("It is among the Top 10 cities, home to 300 high-tech companies.", ["300"]),
        ("Line 3 of the metro carries 200,000 passengers a day.", ["200000"]),
        ("Xiamen has won approval for 8 new Class 1 drugs and 72 Class 3 medical devices.", ["8", "72"]),
        ("63 of the top 500 corporations worldwide have invested here.", ["63"]),
        ("Vision 2030 sets 50 goals.", ["50"]),
        ("The city's 2035 vision sets a target of 30 national labs.", ["30"]),
        ("The airline flies Boeing 737 jets on 40 routes, and the report released March 29 lists 12 firms.", ["40", "29", "12"]),
        ("推行7×24小时政务服务，建成便民服务站80个。", ["80个"]),
        ("厦门获评2022年度全国营商环境标杆城市，签约项目120个。", ["120个"]),
        ("在2016年度省级高成长企业(工业和信息化领域)名单中，厦门有12家企业入围。", ["12家"]),
        ("厦门在2023年度全国城市营商环境评价中位列第八，签约项目150个。", ["150个"]),
        ("厦门获批全国首批“千兆城市”，入选“十城千辆”工程，推广新能源汽车3万辆。", ["3万辆"]),
        ("It is the No 1 port and the NO.2 hub, with 300 berths.", ["300"]),
        ("厦门港吞吐量全国第一，首家中外合资银行落户，跻身全国前十，4K产业产值超100亿元，A股上市公司68家，B轮融资5亿元，C919项目带动企业30家。",
         ["超100亿元", "68家", "5亿元", "30家"]),
        ("“十四五”期间，落实《中国制造二〇二五》和“中国制造2025”，新增企业500家。", ["500家"]),
        ("Xiamen ranked third and was the first city to close a Series B round, with 40 firms.", ["40"]),
        ("参评的297座城市里，厦门在“2019年中国外贸百强城市”中得分最高，新增企业500家。", ["297座", "500家"]),
    ],
)
def test_ordinals_ranks_and_names_are_left_and_the_counts_beside_them_drafted(text: str, figures: list[str]) -> None:
    assert drafted(text + "\n") == figures


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("国贸控股集团原有四大赛道。", "4大"),  # 原有 has: it counts the tracks
        ("把生物医药产业确定为三大战略性新兴产业之一。", "3大"),
        ("三代人共同经营这家企业。", "3代"),  # generations of people, not of a technology
        ("该校举办了3期培训班。", "3期"),  # sessions held, not a phase of a project
        ("The class of 30 students visited.", "30"),  # a lower-case class counts
        ("该市召开了3次会议。", "3次"),  # meetings held, not a session's number
        ("厦门连续三届获评全国文明城市。", "3届"),
    ],
)
def test_counts_that_look_like_ranks_or_names_are_still_drafted(text: str, figure: str) -> None:
    assert figure in drafted(text + "\n")


def _chinese(n: int) -> str:
    return sorted(written_forms(n))[0]


# a name, rank or ordinal around a number n, as the page prints it
Shape = Callable[[int], str]
_CHINESE_SHAPES: list[Shape] = [
    lambda n: f"厦门GDP排名全省第{n}位",
    lambda n: f"厦门居全国第{_chinese(n)}",
    lambda n: f"厦门在全国排名前{n}名",
    lambda n: f"跻身全国{_chinese(n)}大港口",
    lambda n: f"党的{_chinese(n)}大以来",
    lambda n: f"{_chinese(n)}期项目已经开工",
    lambda n: f"{n}.5代面板产线建成",
    lambda n: f"地铁{n}号线开通",
    lambda n: f"入选世界{n}强",
    lambda n: f"{n}类新药获批",
    lambda n: f"{_chinese(n)}届全国人大{_chinese(n % 9 + 1)}次会议期间",
]
_ENGLISH_SHAPES: list[Shape] = [
    lambda n: f"Xiamen ranks No. {n} in exports",
    lambda n: f"it is among the top {n} cities",
    lambda n: f"Class {n} drugs were approved",
    lambda n: f"Phase {n} of the park opened",
    lambda n: f"Line {n} of the metro opened",
    lambda n: f"it made the Fortune Global {n} list",
    lambda n: f"the CSI {n} index rose",
    lambda n: f"Xiamen ranked {n} in the province",
]


@settings(max_examples=60, deadline=None)
@given(shape=st.sampled_from(_CHINESE_SHAPES), n=st.integers(1, 99), count=st.integers(1, 99999),
       unit=st.sampled_from(["家", "个", "项", "亿元", "%"]), first=st.booleans())
def test_a_chinese_name_or_rank_beside_a_count_leaves_only_the_count(shape: Shape, n: int, count: int, unit: str, first: bool) -> None:
    name, figure = shape(n), f"厦门新增企业{count}{unit}"
    text = f"{name}，{figure}。\n" if first else f"{figure}，{name}。\n"
    assert drafted(text) == [f"{count}{unit}"], text


@settings(max_examples=40, deadline=None)
@given(shape=st.sampled_from(_ENGLISH_SHAPES), n=st.integers(1, 999), count=st.integers(2, 999999))
def test_an_english_name_or_rank_beside_a_count_leaves_only_the_count(shape: Shape, n: int, count: int) -> None:
    name = shape(n)
    text = f"{name[0].upper()}{name[1:]}, and Xiamen is home to {count:,} companies.\n"
    assert drafted(text) == [str(count)], text


def test_the_rules_are_one_table_each_with_its_example() -> None:
    # every rule says what it catches by example, and catches something: a rule with no part
    # to match on would hold every number a non-figure
    for rule in RULES:
        assert rule.kind in ("ordinal", "rank", "name", "dateline") and ":" in rule.example
        assert rule.before or rule.after or rule.units or rule.base or rule.written, rule.example
