"""Each rule that decides what a figure is about, on a claim written for it (check/words.py).

A false alarm is the worst answer check can give: each of these claims was a false alarm or a
missed tie before its rule, and each rule must keep the article's own wording matching.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xmfacts.check import check_text
from xmfacts.check.words import (
    compact,
    counted_noun,
    names_a_later_one,
    narrowing,
    own_subject,
    says_cap,
    says_change,
    says_name,
    starts_inside_word,
)
from xmfacts.figures.english import read_english
from xmfacts.index import load_factbase
from xmfacts.text import without_glosses

BASE = load_factbase(Path(__file__).parents[2] / "facts")


def _verdict(text: str, figure: str, written: str | None = "2024-12-01") -> tuple[str, str | None]:
    [found] = [f for f in check_text(BASE, text, written=written) if f.reading.text.strip() == figure]
    return found.verdict.value, found.fact.full_id if found.fact else None


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        # a narrowing word before the measure: a list within the city's SMEs, not all of them
        ("厦门科技型中小企业近3000家", "近3000家", ("unknown", None)),
        ("厦门专精特新中小企业1734家", "1734家", ("unknown", None)),
        # a balance is not loans made; 53 companies' market value still counts companies
        ("兴业银行厦门分行小微企业贷款余额523.33亿元", "523.33亿元", ("unknown", None)),
        # a cap is a rule's limit, not capital raised
        ("上市企业融资最高可到1亿元", "1亿元", ("unknown", None)),
        # a set named before the sentence, with no city said around it
        ("这109家上市企业中,22家在境内。", "109家", ("unknown", None)),
        # the same words after a sentence about Xiamen: the article's own 这三家世界500强企业
        ("厦门建设、国贸控股、象屿集团跻身世界500强。这三家世界500强企业以供应链为基础。", "三家",
         ("match", "supply-chain/fortune-global-500-companies")),
        # a hedge said a few words before the figure (突破, 最高…) is the claim's, as the record's is
        ("厦门已形成10条规模突破百亿元的重点产业链。", "百亿元", ("match", "industrial-system/key-chain-scale-threshold")),
        ("厦门科学城的企业型新型研发机构最高可获资助1亿元。", "1亿元", ("match", "science-city/rd-institution-grant-max")),
        ("天马在厦门累计投资突破1000亿元。", "1000亿元", ("match", "display-industry/tianma-xiamen-investment")),
        ("天马在厦门累计投资1000亿元。", "1000亿元", ("consistent", "display-industry/tianma-xiamen-investment")),
        # a rank against a wider whole names no scope, though a clause ends inside it (全国、全球领先)
        ("厦门有超过60家科技型企业和高校院所的近百项技术或产品处于全国、全球领先水平。", "超过60家",
         ("match", "high-tech-enterprises/leading-firms-and-institutes")),
        ("全国有超过60家科技型企业和高校院所。", "超过60家", ("unknown", None)),
        ("彼时，厦门在全国率先提出“离岸金融”概念，并于1987年1月建立厦门外汇调剂中心。", "1987年1月",
         ("match", "financial-reform/fx-swap-centre-founded")),
        ("彼时，厦门在全国提出“离岸金融”概念，并于1987年1月建立厦门外汇调剂中心。", "1987年1月", ("unknown", None)),
        # nor does a list a company is ranked into (世界500强), nor a quoted name (“…未来产业园…”)
        ("跻身世界500强企业的厦门建设、国贸控股、象屿集团，占据全国四大供应链服务商的三席。", "三席",
         ("match", "supply-chain/xiamen-seats-in-top-four")),
        ("搭建起“新型研发机构+未来产业园+创新飞地”产业育成孵化服务体系，厦门科学城1号孵化器为核心载体集聚各类企业和机构超过1800家。",
         "超过1800家", ("match", "science-city/incubator-no1-tenants")),
        # … but a quotation holding the figure is what the figure is said of
        ("“全国境内上市公司有5000家”，他说。", "5000家", ("unknown", None)),
        # a paragraph broken mid-sentence is one sentence; a heading still stands alone
        ("“我们攻克了难题。”天马副总经理陈\n\n浩说，累计投资超1000亿元。", "超1000亿元", ("match", "display-industry/tianma-xiamen-investment")),
        ("“我们攻克了难题。”天马副总经理陈。\n\n浩说，累计投资超1000亿元。", "超1000亿元", ("unknown", None)),
        ("天马副总经理\n\n浩说，累计投资超1000亿元。", "超1000亿元", ("unknown", None)),
        # output value is not revenue
        ("2021年、2022年连续两年产值突破1000亿。", "两年", ("unknown", None)),
        # 其中国家级 is not the scope 中国, and the subject named before is the one meant
        ("厦门生物医药与健康领域的企业有1600多家，其中国家级高新技术企业616家。", "616家", ("match", "biomedicine/high-tech-companies")),
        # 的 inside a measure, English measures in another order, a unit that names the measure
        ("厦门境内上市的公司目前共有68家。", "68家", ("match", "capital-markets/listed-companies")),
        ("Xiamen has 68 companies listed on domestic exchanges.", "68", ("match", "capital-markets/listed-companies")),
        ("There were 5,358 companies listed on China's domestic stock market.", "5,358", ("unknown", None)),
        ("Xiamen Science City covers 34 square kilometres.", "34 square kilometres", ("match", "science-city/area")),
        # events told in other words, and counts written as words
        ("Xiamen International Bank opened in 1985.", "1985", ("match", "financial-reform/xiamen-international-bank-founded")),
        ("Xiamen has two provincial innovation labs.", "two", ("match", "innovation-labs/provincial-labs")),
        # a share said only as a share is of what its sentence counts: device approvals, not
        # listed companies; the article's own wording still shares listed companies
        ("新获批的第三类医疗器械注册证72项，占福建全省的90%。", "90%", ("unknown", None)),
        ("目前厦门境内上市公司68家，全省占比达四成。", "达四成", ("match", "capital-markets/listed-companies-share-of-fujian")),
        # a count within one field is not the city's count
        ("Xiamen's biomedicine output was 58.9 billion yuan, and 241 state-level high-tech enterprises in the field are based there.",
         "241", ("unknown", None)),
        # an average over years is no one year's growth
        ("2012年至2021年，厦门GDP年均增长7.8%。", "7.8%", ("unknown", None)),
        ("Xiamen's GDP grew at an average of 7.8 percent a year from 2012 to 2021.", "7.8 percent", ("unknown", None)),
        # 当中国家级 holds no 中国; 另有 opens another set, which the earlier subject does not reach
        ("厦门生物医药企业1600多家，当中国家级高企616家，另有骨干企业40家。", "616家", ("match", "biomedicine/high-tech-companies")),
        ("厦门生物医药企业1600多家，当中国家级高企616家，另有骨干企业40家。", "40家", ("unknown", None)),
        # another spelling of the measure (per resident is per capita), a gain is a change, and
        # urban residents are a part of the city's people wherever the word stands
        ("In the first quarter of 2017, average disposable income per resident in Xiamen stood at 13,437 yuan.", "13,437 yuan",
         ("match", "economy/income-per-capita-2017-03-31")),
        ("Fixed-asset investment in Xiamen totalled 48.2 billion yuan in the first quarter of 2017, a gain of 10.2 percent.", "10.2 percent",
         ("match", "economy/fixed-asset-investment-growth-2017-03-31")),
        ("In 2023, urban residents' disposable income per person in Xiamen came to 72,880 yuan.", "72,880 yuan",
         ("match", "economy/urban-income-per-capita-2023")),
        # a figure whose clause names nothing is about what the nearest clause before it names
        ("Fixed-asset investment totalled 48.2 billion yuan in the first quarter of 2017, a gain of 10.2 percent, "
         "while consumer goods retail sales were 35.9 billion yuan, 12.4 percent higher.", "12.4 percent",
         ("match", "economy/retail-sales-growth-2017-03-31")),
        # a clause that carries its measure from the clause before carries its cap too
        ("上市企业融资最高可到1亿元，这类新注册企业则可提高到2000万元。", "2000万元", ("unknown", None)),
        # an English measure said in another order, with its small words and one other word apart
        ("In 2021, the disposable income of urban residents per person in Xiamen reached 67,200 yuan.", "67,200 yuan",
         ("match", "economy/urban-income-per-capita-2021")),
        # foreign capital actually used is actually utilized foreign capital
        ("In the first quarter of 2017, foreign capital actually used came to 6.1 billion yuan.", "6.1 billion yuan",
         ("match", "economy/foreign-investment-2017-03-31")),
        # the city's economy is its GDP, the digital economy is not
        ("In the first quarter of 2017, Xiamen's economy expanded 8.1 percent, reaching 90.6 billion yuan.", "8.1 percent",
         ("match", "economy/gdp-growth-2017-03-31")),
        ("In 2023, Xiamen's digital economy reached 300 billion yuan.", "300 billion yuan", ("unknown", None)),
        # English may say a change after its figure, and a change may reach a level: "grew 10.2
        # percent to 297.11 billion yuan" is a growth rate and the year's level
        ("In 2022 fixed-asset investment in Xiamen grew 10.2 percent to 297.11 billion yuan.", "297.11 billion yuan",
         ("match", "economy/fixed-asset-investment-2022")),
        ("In 2022 fixed-asset investment in Xiamen grew 10.2 percent to 297.11 billion yuan.", "10.2 percent",
         ("match", "economy/fixed-asset-investment-growth-2022")),
        ("Xiamen's GDP was 780.27 billion yuan in 2022, 4.4 percent more than a year before.", "4.4 percent",
         ("match", "economy/gdp-growth-2022")),
        ("Xiamen's GDP was 780.27 billion yuan in 2022, 4.4 percent of it from services.", "4.4 percent", ("unknown", None)),
        # an English count of its own things is not of what the clause before it measures
        ("In 2017, 14,678 domestic patents were granted in Xiamen, and 300 international applications were filed.", "300",
         ("unknown", None)),
        ("In 2017, 14,678 domestic patents were granted in Xiamen, and 300 more patents were granted later.", "300",
         ("mismatch", "science-technology/patents-granted-2017")),
        # "added up to" sums: no cap, no hedge
        ("In 2018, Xiamen's regional GDP added up to 479.141 billion yuan.", "479.141 billion yuan", ("match", "economy/gdp-2018")),
        # the words of a measure said together do not reach across a figure: exports, then imports
        ("In 2020 Xiamen's exports rose 1.2 percent to 357.29 billion yuan and imports leapt 16 percent to 334.29 billion yuan.",
         "357.29 billion yuan", ("match", "economy/exports-2020")),
        ("In 2020 Xiamen's exports rose 1.2 percent to 357.29 billion yuan and imports leapt 16 percent to 334.29 billion yuan.",
         "334.29 billion yuan", ("match", "economy/imports-2020")),
        # a loan product named in quotation marks (“科技信用贷”) is not said by 科技信用贷款, loans
        # of that kind from any lender; said on its own it is
        ("2020年底前，二十多家银行和担保机构共发放科技信用贷款6.03亿元。", "6.03亿元", ("unknown", None)),
        ("兴业银行厦门分行靠“科技信用贷”提供贷款支持超过20亿元。", "超过20亿元", ("match", "banks/cib-tech-credit-loan-amount")),
        # 进出口 (trade both ways) holds 出口 (exports): its 出口额 is no exports figure
        ("2019年，厦门货物贸易的进出口额是6412.9亿元。", "6412.9亿元", ("match", "economy/foreign-trade-2019")),
        ("2019年，厦门货物贸易的进出口额是6000亿元。", "6000亿元", ("mismatch", "economy/foreign-trade-2019")),
        ("2020年，厦门出口额为3000亿元。", "3000亿元", ("mismatch", "economy/exports-2020")),
        # 当年 is the year the passage named last; a mark the total went past is no level
        ("2021年，厦门进出口排全国第8位。当年厦门进出口总额为8000亿元。", "8000亿元", ("mismatch", "economy/foreign-trade-2021")),
        ("2021年，厦门进出口排全国第8位。当年厦门进出口总额越过7000亿元和8000亿元的关口。", "8000亿元", ("unknown", None)),
        ("2021年，厦门进出口排全国第8位。当年厦门进出口总额越过7000亿元和8000亿元的关口。", "7000亿元", ("unknown", None)),
        # a record the figure equals digit for digit, whose measure the sentence says in its own
        # words, is confirmed; a figure that differs, or of fewer than three digits, is left alone
        ("In 2022, industrial firms above designated size in Xiamen added 245.08 billion yuan of value.", "245.08 billion yuan",
         ("match", "economy/industrial-value-added-2022")),
        ("In 2022, industrial firms above designated size in Xiamen added 245.09 billion yuan of value.", "245.09 billion yuan",
         ("unknown", None)),
        ("In 2022, a new fund in Xiamen raised 245.08 billion yuan.", "245.08 billion yuan", ("unknown", None)),
        # an English clause that says what its figure is of takes no measure from the clause before
        ("In 2018, services gave 54.6 percent of the growth in Xiamen's GDP, and residents' disposable income stood at 51,900 yuan.",
         "51,900 yuan", ("unknown", None)),
        # … and one equal to a record whose measure it says in its own words is that record
        ("In 2018, services gave 54.6 percent of the growth in Xiamen's GDP, and residents' disposable income stood at 50,900 yuan.",
         "50,900 yuan", ("match", "economy/income-per-capita-2018-b")),
        # five digits equal to the record: one word of its measure will do; fewer digits need two
        ("In 2020, trade through Xiamen's port reached 691.58 billion yuan.", "691.58 billion yuan", ("match", "economy/foreign-trade-2020")),
        ("2017年，厦门全市发明专利授权2333件。", "2333件", ("match", "science-technology/invention-patents-granted-2017")),
        # a list said "respectively": its first figure is not of the last thing named, nor of
        # both; it may still equal the first's record
        ("2018年，厦门城镇和农村居民的人均可支配收入依次为5.44万元、2.24万元。", "5.44万元", ("match", "economy/urban-income-per-capita-2018")),
        ("2018年，厦门城镇和农村居民的人均可支配收入依次为5.44万元、2.24万元。", "2.24万元", ("match", "economy/rural-income-per-capita-2018")),
        ("2018年，厦门城镇和农村居民的人均可支配收入依次为5.45万元、2.24万元。", "5.45万元", ("unknown", None)),
        # English a reader uses for a measure the record names otherwise (facts' measure lists)
        ("In 2017 the city collected RMB 118.729 billion in general budget revenue, 9.6 % more than in the previous year.", "9.6 %",
         ("match", "public-finance/budget-revenue-growth-2017")),
        ("In 2017 Xiamen's output per permanent resident came to 109.74 thousand yuan.", "109.74 thousand yuan",
         ("match", "economy/gdp-per-capita-2017")),
        ("截至2014年末，厦门拥有发明专利4135件。", "4135件", ("outdated", "science-technology/valid-invention-patents-2020")),
        # a clause that turns back to the city (厦门则) is the city's, whatever place came before
        ("2014年福建全省R&D占GDP的比重为1.48%，厦门则高达2.94%。", "高达2.94%", ("outdated", "science-technology/rd-intensity-2025-09-23")),
        ("2014年福建全省R&D占GDP的比重为1.48%，厦门则高达2.94%。", "1.48%", ("unknown", None)),
        ("2014年福建全省R&D占GDP的比重为1.48%，泉州高达2.94%。", "高达2.94%", ("unknown", None)),
        # mirror sites' pinyin glosses are read through
        ("廈門(mén)擁有國家級(jí)高新技術(shù)企業(yè)4200餘家。", "4200餘家", ("match", "high-tech-enterprises/national-high-tech-enterprises")),
        # a share said with 占 is of what its clause names before it: 出资笔数 is no listed company
        ("厦门基金出资最为活跃，上半年出资笔数占福建总数的57%。", "57%", ("unknown", None)),
        ("厦门上市公司数量占福建全省的四成。", "四成", ("match", "capital-markets/listed-companies-share-of-fujian")),
        # English qualifies a count after its figure too: innovative SMEs are a list within the SMEs
        ("The latest count shows 358 firms in Xiamen recognised as innovative SMEs.", "358", ("unknown", None)),
    ],
)
def test_a_rule_decides_what_the_figure_is_about(text: str, figure: str, expected: tuple[str, str | None]) -> None:
    assert _verdict(text, figure) == expected


def test_a_measure_that_starts_inside_a_word_holding_it_is_not_said() -> None:
    assert starts_inside_word("出口额", "进出口额为6412.9亿元")
    assert starts_inside_word("出口", "进出口总值")
    assert not starts_inside_word("出口额", "进出口总值增长，出口额为3572.9亿元")
    assert not starts_inside_word("出口", "出口增长")


def test_the_first_figure_said_respectively_is_not_of_a_later_thing_named() -> None:
    clause = "城镇和农村居民人均可支配收入依次为"
    assert names_a_later_one("农村居民人均可支配收入", clause, clause)
    assert names_a_later_one("居民人均可支配收入", clause, clause)
    assert not names_a_later_one("城镇居民人均可支配收入", "城镇居民人均可支配收入和农村依次为", "城镇居民人均可支配收入和农村依次为")
    assert not names_a_later_one("农村居民人均可支配收入", clause, "城镇和农村居民人均可支配收入为")  # no list said respectively
    assert not names_a_later_one("出口", "出口增速分别为", "出口增速分别为")  # one thing named, several figures


def test_a_measure_said_in_other_words_needs_half_its_words_and_two_of_them() -> None:
    from xmfacts.check.matcher import _measure_words_said
    from xmfacts.check.words import english_between_figures

    said = set(english_between_figures("trade through the port reached").split())
    assert _measure_words_said(["foreign trade"], said, "") == ()
    assert _measure_words_said(["foreign trade"], said, "", least=1) == ("foreign trade",)
    assert _measure_words_said(["规模以上工业增加值"], set(), "去年规模以上工业总产值为，增加值") == ("规模以上工业增加值",)
    assert _measure_words_said(["规模以上工业增加值"], set(), "增加值") == ()


def test_an_english_clause_may_say_what_its_figure_is_of() -> None:
    assert own_subject("and residents' disposable income stood at ") == {"residents'", "disposabl", "incom"}  # stemmed
    assert own_subject("a gain of ") == set()
    assert own_subject("while ") == set()
    assert own_subject("同比增长") == set()


def test_an_english_count_names_its_own_noun() -> None:
    assert counted_noun(" international applications were filed") == "application"
    assert counted_noun(" more than a year before") is None
    assert counted_noun(" was granted") is None
    assert counted_noun(" of which covered inventions") is None


def test_a_loan_product_is_not_named_by_the_common_word_for_such_loans() -> None:
    assert says_name("科技信用贷", "通过科技信用贷发放")
    assert not says_name("科技信用贷", "发放科技信用贷款")
    assert says_name("科技信用贷", "发放科技信用贷款，其中科技信用贷")
    assert says_name("天马", "天马微电子")


@pytest.mark.parametrize(
    ("lead", "trail", "change"),
    [
        ("增长", "", True),
        ("规模达", "", False),
        ("exports rose ", " to", True),
        ("exports rose 1.2 percent to ", "", False),
        ("sales reached ", " after rising", False),
        ("", " more than a year before", True),
        ("", " more than in the previous year", True),
        ("", " higher than the preceding year", True),
        ("", " more than the previous one", False),
        ("", " year on year", True),
        ("", " of the total", False),
        ("up ", "", True),
        ("", " above a year earlier", True),
        ("the services sector made up ", " of gdp", False),
        ("规上工业增加值", "", False),  # value added is a level, though it holds 增加
        ("规上工业增加值增长", "", True),
    ],
)
def test_a_change_is_said_before_its_figure_or_in_english_after_it(lead: str, trail: str, change: bool) -> None:
    assert says_change(lead, trail) is change


def test_a_measure_suffix_counts_only_before_the_figure() -> None:
    assert narrowing("上市公司总市值", "上市公司", 7) == ("总市值",)
    assert narrowing("家a股上市公司总市值", "上市公司", 0) == ()
    assert narrowing("科技型中小企业", "中小企业", 7) == ("科技型",)
    assert narrowing("科技型中小企业和中小企业", "中小企业", 12) == ()  # named plainly once


def test_caps_and_filler() -> None:
    assert says_cap("每家最多") and says_cap("up to ") and not says_cap("累计")
    assert compact("在境内上市的厦门企业") == "在境内上市企业"


def test_glosses_are_removed_with_offsets_kept() -> None:
    text = "廈門(mén)日報 項(xiàng)目80余項(xiàng)，(AI)和(2024)"
    clean, where = without_glosses(text)
    assert clean == "廈門日報 項目80余項，(AI)和(2024)"
    at = clean.index("80")
    assert text[where[at] : where[at + 3] + 1] == "80余項"
    assert len(where) == len(clean) + 1


@pytest.mark.parametrize(
    ("text", "values"),
    [("four national labs", [4]), ("Twelve firms", [12]), ("two of the firms", []), ("four years", []), ("one of three banks", [3])],
)
def test_counts_written_as_words(text: str, values: list[int]) -> None:
    assert [int(f.value) for _, _, f in read_english(text)] == values


def test_explain_says_on_stderr_why_each_figure_was_tied_or_not(run: object) -> None:
    shipped = Path(__file__).parents[2] / "facts"
    result = run("check", "厦门科技型中小企业近3000家，天马累计投资超1000亿元", "--explain", "--json", facts=shipped)  # type: ignore[operator]
    assert result.exit_code == 0
    assert result.stderr == (
        "1:近3000家  unknown  -  科技型 qualifies 中小企业: another set or measure than the fact's\n"
        "1:超1000亿元  match  display-industry/tianma-xiamen-investment  the text names 累计投资、天马\n"
    )
    assert [f["verdict"] for f in json.loads(result.stdout)] == ["unknown", "match"]  # stdout is JSON alone


def test_a_period_said_after_the_next_figure_is_that_figures() -> None:
    # 5995.04亿元 is 2019's GDP, not 2021's: no mismatch against the 2021 observation
    verdict, _ = _verdict("厦门地区生产总值从2019年的5995.04亿元增加到2021年的7033.89亿元。", "5995.04亿元")
    assert verdict not in ("mismatch", "outdated")


def test_two_facts_its_words_name_alike_and_a_figure_that_fits_neither_is_no_alarm() -> None:
    # 管理规模 is the private funds' 1931亿元 and the equity investors' 1625亿元 alike
    [found] = [f for f in check_text(BASE, "厦门管理规模达1800亿元。", written="2024-12-01") if f.reading.text.endswith("亿元")]
    assert found.verdict.value == "unknown"
    assert "private-equity/fund-aum" in found.why and "private-equity/equity-investment-aum" in found.why
    # one the words tell apart is still compared
    assert _verdict("厦门私募基金管理人管理基金规模1800亿元。", "1800亿元", written=None) == ("mismatch", "private-equity/fund-aum")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the thing the class sizes is named before it: the fact recorded under that class
        ("在厦门，平板显示既是第一条千亿产业链，也是高新区最大的产业。", ("match", "display-industry/display-chain-scale")),
        ("天马带动了火炬高新区的平板顯示千億產業鏈。", ("match", "display-industry/display-chain-scale")),
        # any chain's class: 产业链 alone names the key chains' count, never to be compared with 千亿
        ("这是厦门第4条千亿产业链。", ("unknown", None)),
        ("厦门集成电路将成为新的千亿产业链。", ("unknown", None)),
    ],
)
def test_a_size_class_is_compared_only_with_a_fact_recorded_under_it(text: str, expected: tuple[str, str | None]) -> None:
    assert _verdict(text, "千億" if "千億" in text else "千亿") == expected


def test_a_change_after_a_level_confirmed_in_other_words_is_of_that_level() -> None:
    text = "Industrial firms above designated size added 245.08 billion yuan of value, up 4.3 percent."
    assert _verdict(text, "245.08 billion yuan", written="2023-02-01") == ("match", "economy/industrial-value-added-2022")
    assert _verdict(text, "4.3 percent", written="2023-02-01") == ("match", "economy/industrial-value-added-growth-2022")
    # only a change is carried: a second level of the sentence is not taken for the first's measure
    other = "Industrial firms above designated size added 245.08 billion yuan of value, and the port 100 billion yuan."
    assert _verdict(other, "100 billion yuan", written="2023-02-01") == ("unknown", None)


def test_capital_raised_in_other_words_is_the_cumulative_total_not_the_part_since_2023() -> None:
    # 融资 was a word of the since-2023 part alone: the cumulative 5981亿元 was a mismatch against it
    text = "厦门企业借助资本市场累计融资5981亿元，2023年以来融资1714亿元。"
    assert _verdict(text, "5981亿元") == ("match", "capital-markets/capital-raised-cumulative")
    assert _verdict(text, "1714亿元") == ("match", "capital-markets/capital-raised-since-2023")
    assert _verdict("厦门企业借助资本市场融资5000亿元。", "5000亿元")[0] == "unknown"


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # a target is no record of a figure
        ("2024年厦门GDP目标是突破9000亿元。", "9000亿元"),
        ("厦门力争GDP达到9000亿元。", "达到9000亿元"),
        ("Xiamen aims to have 5,000 national high-tech enterprises.", "5,000"),
        ("The city's target is a GDP of 900 billion yuan.", "900 billion yuan"),
        # nor is the country's own figure said in English Xiamen's
        ("China had more than 400,000 national high-tech enterprises by the end of 2023.", "more than 400,000"),
        ("The national R&D intensity was 2.65 percent in 2024.", "2.65 percent"),
        ("The country's GDP grew 5 percent in 2024.", "5 percent"),
    ],
)
def test_a_target_or_the_countrys_figure_is_a_scope_of_its_own(text: str, figure: str) -> None:
    assert _verdict(text, figure, written="2025-03-01") == ("unknown", None)


@pytest.mark.parametrize(
    ("text", "figure", "clause"),
    [
        ("The city had 3,900 high-tech firms in 2023.", "2023", "The city had 3,900 high-tech firms in 2023"),
        ("Xiamen, with 1,141.58 billion yuan lent, leads.", "1,141.58 billion yuan", " with 1,141.58 billion yuan lent"),
        ("In Xiamen, 120 firms listed.", "120", " 120 firms listed"),  # a comma between words still cuts
    ],
)
def test_the_comma_that_groups_digits_ends_no_clause(text: str, figure: str, clause: str) -> None:
    from xmfacts.check.words import figure_places

    [place] = [p for p in figure_places(text) if p.reading.text == figure]
    assert text[slice(*place.clause)] == clause


def test_a_figure_measured_for_a_year_in_english_is_checked_against_that_year() -> None:
    text = "Xiamen's regional GDP for 2018 added up to 479.141 billion yuan, 7.7 percent higher than a year earlier."
    assert _verdict(text, "479.141 billion yuan", "2021-06-01")[0] == "match"
    assert _verdict(text, "7.7 percent", "2021-06-01") == ("match", "economy/gdp-growth-2018")


def test_industry_said_to_be_above_the_designated_size_stays_so_in_later_clauses() -> None:
    text = "据统计，2018年全市规模以上工业实现总产值6392.32亿元，工业增加值1611.35亿元，增长8.8%。"
    assert _verdict(text, "1611.35亿元", "2019-01-25") == ("outdated", "economy/industrial-value-added-2022")
    assert _verdict(text, "8.8%", "2019-01-25") == ("outdated", "economy/industrial-value-added-growth-2022")
    # without the size said, 工业增加值 alone is no measure of the above-size figures
    assert _verdict("据统计，2018年全市工业增加值1611.35亿元。", "1611.35亿元", "2019-01-25")[0] == "unknown"


@pytest.mark.parametrize("lead", ["after growing ", "rising ", "the total, climbing "])
def test_every_form_of_an_english_verb_of_change_says_a_change(lead: str) -> None:
    assert says_change(lead, " percent.")
