"""The claims of the real-claims issue's table, each with the verdict a fact-checker expects."""

from __future__ import annotations

from pathlib import Path

import pytest

from xmfacts.check import Verdict, check_text
from xmfacts.index import load_factbase

BASE = load_factbase(Path(__file__).parents[1] / "facts")


@pytest.mark.parametrize(("claim", "figure", "fact_id", "verdict"), [
    ("厦门市财政收入1200亿元", "1200亿元", None, Verdict.UNKNOWN),
    ("厦门大学有16个学部", "16个", None, Verdict.UNKNOWN),
    ("上市公司70家", "70家", "capital-markets/listed-companies", Verdict.MISMATCH),
    ("厦门信易贷平台帮助中小企业累计获得授信1141.58亿元，服务企业31万家", "31万家", "sme-credit/xinyidai-smes-granted-credit", Verdict.MATCH),
    ("厦门境内上市公司 70 家", "70 家", "capital-markets/listed-companies", Verdict.MISMATCH),
    ("金圆集团管理金融资产规模超8500亿元", "超8500亿元", "state-financial-group/assets-under-management", Verdict.MISMATCH),
    ("Xiamen has 70 listed companies", "70", "capital-markets/listed-companies", Verdict.MISMATCH),
    ("廈門境內上市公司70家", "70家", "capital-markets/listed-companies", Verdict.MISMATCH),
    ("截至2018年底，厦门境内上市公司51家", "51家", "capital-markets/listed-companies", Verdict.OUTDATED),
    # 中小企业 names the city's 50万余户 SMEs, but the sentence is about the platform, which
    # reached 31万家 of them: no alarm, though the clause never says 获得授信
    ("厦门信易贷平台授信1141.58亿元，惠及31万家中小企业", "31万家", None, Verdict.UNKNOWN),
    ("The Xiamen Xinyidai platform has granted 114.158 billion yuan of credit, benefiting 310,000 SMEs", "310,000", None, Verdict.UNKNOWN),
    # … and without the platform, or with a figure none of its facts has, the alarm stands
    ("厦门中小企业有31万家", "31万家", "sme-credit/smes-in-xiamen", Verdict.MISMATCH),
    ("厦门信易贷平台授信1141.58亿元，惠及41万家中小企业", "41万家", "sme-credit/smes-in-xiamen", Verdict.MISMATCH),
    # a figure with a multiplier and no unit is an amount or a count, never a span of years
    # (written after a 台海网 sentence of 2024-06-25, in simplified characters; 连续 is a measure
    # of the 3-year streak of revenue)
    ("经过多年培育，生物医药产业已成为厦门重要的优势产业，2021年、2022年连续两年产值突破1000亿。", "1000亿", None, Verdict.UNKNOWN),
    # an event in a place inside the city is the city's event; a count there is only a part
    ("天马于2011年进驻厦门火炬高新区", "2011年", "display-industry/tianma-moved-to-xiamen", Verdict.MATCH),
    ("天马于2012年进驻厦门火炬高新区", "2012年", "display-industry/tianma-moved-to-xiamen", Verdict.MISMATCH),
    ("火炬高新区境内上市公司70家", "70家", None, Verdict.UNKNOWN),
    # Fujian named alone is the province's count
    ("截至6月30日，福建在境内上市的公司合计98家", "98家", None, Verdict.UNKNOWN),
    # a subject's own fact chosen by its measure is compared, whatever else it has on record
    ("天马在厦门累计投资超500亿元", "超500亿元", "display-industry/tianma-xiamen-investment", Verdict.MISMATCH),
    # the listings of one board are a part of the city's, even when the list carries the measure
    ("厦门共有上市公司68家，其中科创板上市企业11家、北交所3家", "3家", None, Verdict.UNKNOWN),
    # a group named as the owner of what the clause is about: the event is not the group's
    ("金圆集团旗下的厦门市创业投资有限公司成立于2009年", "2009年", None, Verdict.UNKNOWN),
    ("金圆集团成立于2009年", "2009年", "state-financial-group/founded", Verdict.MISMATCH),
    # a size (规模) is the size of what is named before it: the digital economy is no industry chain
    ("2023年，厦门市数字经济规模突破4000亿元", "4000亿元", None, Verdict.UNKNOWN),
    ("已形成长达10条规模突破百亿元的重点产业链", "百亿元", "industrial-system/key-chain-scale-threshold", Verdict.MATCH),
    # a share is no growth, whatever grew before it in the sentence; value added is a level
    ("2018年厦门第三产业增加值占GDP比重58.2%", "58.2%", "economy/tertiary-industry-share-2018", Verdict.MATCH),
    ("The services sector made up 58.2 percent of Xiamen's GDP in 2018.", "58.2 percent", None, Verdict.UNKNOWN),
    ("For 2018, the value added of Xiamen's industrial firms above designated size grew 8.8 percent to 161.135 billion yuan, "
     "equal to 33.6% of the city's GDP.", "33.6%", None, Verdict.UNKNOWN),
    # a date that ends its clause is of the event the rest of the sentence tells; what the
    # subject is one of (身为…之一) names no scope
    ("得益于高层推动1985年,在厦门一幢小楼中,厦门国际银行宣告诞生。", "1985年", "financial-reform/xiamen-international-bank-founded", Verdict.MATCH),
    ("身为中国金融体制改革首批试点之一,厦门国际银行自1985年诞生之日起就助推特区经济。", "1985年",
     "financial-reform/xiamen-international-bank-founded", Verdict.MATCH),
    # 相关 is filler (供应链相关企业 are supply-chain companies); 上市 narrows a measure to a
    # listed subset (上市的生物医药企业 are no count of all biomedicine companies)
    ("截至2022年6月末，厦门的供应链相关企业共16859家", "16859家", "supply-chain/supply-chain-companies", Verdict.OUTDATED),
    ("截至2019年底，在沪深A股上市的生物医药企业10家", "10家", None, Verdict.UNKNOWN),
    ("廈門國際銀行成立於1985年，是我國第一家中外合資銀行", "1985年", "financial-reform/xiamen-international-bank-founded", Verdict.MATCH),
    # another city's figures are its own; a city left behind or named before "厦门同年则为" is no scope of Xiamen's
    ("2022年，瀋陽方面公布當年GDP為7695.8億元。", "7695.8億元", None, Verdict.UNKNOWN),
    ("2021年，沈阳GDP为7249.7亿元，厦门同年则为7033.89亿元。", "7033.89亿元", "economy/gdp-2021-b", Verdict.MATCH),
    ("2019年厦门地区生产总值为5995.04亿元，把哈尔滨、长春甩在身后，增长7.9%。", "7.9%", "economy/gdp-growth-2019", Verdict.MATCH),
    # the words of a name of the city's own organisation are no name alone ("a foreign-funded
    # venture" is not Xiamen Venture Capital), but its name shortened is (Xiamen International)
    ("Xiamen is home to a foreign-funded venture; Meitu, set up in the city in 2008, serves 100 countries.", "2008", None, Verdict.UNKNOWN),
    ("Government companies own 75 per cent of Xiamen International, set up in 1985 as the first such bank.", "1985",
     "financial-reform/xiamen-international-bank-founded", Verdict.MATCH),
    # English says whose the measure is after the figure: each figure by its own words
    ("In 2018, per-capita disposable income came to 54,401 yuan for urban residents and 22,410 yuan for rural ones.",
     "54,401 yuan", "economy/urban-income-per-capita-2018", Verdict.CONSISTENT),
    ("In 2018, per-capita disposable income came to 54,401 yuan for urban residents and 22,410 yuan for rural ones.",
     "22,410 yuan", "economy/rural-income-per-capita-2018", Verdict.CONSISTENT),
    # a wider place's own measure in English (China's, Fujian's), but not a description of a subject
    ("China's fiscal spending grew 0.3 percent in 2021.", "0.3 percent", None, Verdict.UNKNOWN),
    ("Fujian's total fiscal revenue was 550 billion yuan in 2018.", "550 billion yuan", None, Verdict.UNKNOWN),
    ("Xiamen International Bank, China's first Sino-foreign bank, was founded in 1985.", "1985",
     "financial-reform/xiamen-international-bank-founded", Verdict.MATCH),
    # English says a measure in other words (synonyms.txt's spellings)
    ("The city's economic output reached 479.141 billion yuan in 2018.", "479.141 billion yuan", "economy/gdp-2018", Verdict.MATCH),
    ("Fiscal spending in Xiamen grew 10.8 percent in 2021.", "10.8 percent", "public-finance/fiscal-expenditure-growth-2021", Verdict.MATCH),
    # a figure per person of what the clause before measures
    ("Xiamen's economy expanded 7.9 percent in 2016 to a GDP of 378.4 billion RMB, or 90,000 RMB a head.", "90,000 RMB",
     "economy/gdp-per-capita-2016", Verdict.MISMATCH),
    ("2016年厦门地区生产总值3784亿元，人均9万元。", "9万元", "economy/gdp-per-capita-2016", Verdict.MISMATCH),
    # "U.S." ends no sentence: the growth after the conversion is still of the trade before it
    ("Xiamen's foreign trade for January to June 2022 passed 444.32 billion yuan (about 65.8 billion U.S. dollars), "
     "8.3 percent above a year earlier.", "8.3 percent", "economy/foreign-trade-growth-2022-06-30", Verdict.MATCH),
    # the day other figures hold on is no event's date, though the sentence tells an event
    ("厦门国际银行成立于1985年，截至2023年末资产总额突破1.1万亿元", "2023年", None, Verdict.UNKNOWN),
    ("Xiamen International Bank, founded in 1985, had assets of 1.1 trillion yuan as of 2023.", "2023", None, Verdict.UNKNOWN),
    ("Xiamen International Bank, founded in 1985, had assets of 1.1 trillion yuan as of 2023.", "1985",
     "financial-reform/xiamen-international-bank-founded", Verdict.MATCH),
])
def test_claims_from_other_outlets(claim: str, figure: str, fact_id: str | None, verdict: Verdict) -> None:
    [finding] = [f for f in check_text(BASE, claim) if f.reading.text == figure]
    assert (finding.fact.full_id if finding.fact else None, finding.verdict) == (fact_id, verdict), finding.explanation


@pytest.mark.parametrize("claim", [
    "天马第6代柔性AMOLED生产线", "第二条", "Xiamen ranked 7th nationwide", "it ranked 13th in the country",
    "1号孵化器为核心载体", "在厦门一栋不算起眼的四层小楼里",
])
def test_ordinals_ranks_names_and_buildings_are_never_compared(claim: str) -> None:
    assert all(f.fact is None and f.verdict is Verdict.UNKNOWN for f in check_text(BASE, claim))


def test_a_claim_about_another_scope_is_unknown() -> None:
    for claim in ("福建全省上市公司170家", "全国上市公司超过5000家", "上海浦东新区上市公司170家",
                  "Guangzhou, Nanjing, Wuxi, Ningbo and Chengdu have more than 100 listed companies respectively"):
        assert [f.verdict for f in check_text(BASE, claim)] == [Verdict.UNKNOWN], claim


def test_a_passage_that_named_its_year_dates_later_figures_equal_to_that_years_record() -> None:
    text = ("China Daily's overview of the city gives Xiamen's 2018 GDP as 479.14 billion yuan, 7.7% more than in the previous year. "
            "Total fiscal revenue was 128.33 billion yuan and local-level fiscal revenue 75.45 billion yuan. "
            "Retail sales increased to 154.24 billion yuan.")
    found = {f.reading.text: f for f in check_text(BASE, text, written="2019-04-30")}
    assert [(found[k].fact.series_id if found[k].fact else None, found[k].verdict) for k in
            ("479.14 billion yuan", "128.33 billion yuan", "75.45 billion yuan", "154.24 billion yuan")] == [
        ("economy/gdp", Verdict.MATCH), ("public-finance/budget-revenue", Verdict.MATCH),
        ("public-finance/local-fiscal-revenue", Verdict.MATCH), ("economy/retail-sales", Verdict.MATCH)]


def test_months_of_a_year_are_no_earlier_level_of_a_figure_recorded_for_whole_years() -> None:
    text = "2021年1-10月全市固定资产投资增长16.2%。分项来看，制造业投资增幅达30.7%，占全市投资的14.9%。"
    found = {f.reading.text: f for f in check_text(BASE, text, written="2021-12-02")}
    assert [(found[k].fact, found[k].verdict) for k in ("达30.7%", "14.9%")] == [(None, Verdict.UNKNOWN)] * 2
    # the same growth said of a whole year before the record's is outdated
    [whole] = [f for f in check_text(BASE, "2021年厦门制造业投资增长30.7%。", written="2022-02-01") if f.reading.text == "30.7%"]
    assert whole.verdict is Verdict.OUTDATED


def test_a_period_later_than_the_record_is_unknown_and_an_earlier_one_outdated() -> None:
    *_, later = check_text(BASE, "截至2025年底，厦门境内上市公司70家")  # after the year itself
    # written before the earliest count on record (end of March 2018)
    [earlier] = check_text(BASE, "厦门境内上市公司45家", written="2017-12-31")
    assert (later.verdict, earlier.verdict) == (Verdict.UNKNOWN, Verdict.OUTDATED)
    assert (later.period, earlier.period) == ("2025-12-31", "2017-12-31")


def test_a_share_of_something_else_is_not_xiamens_share_of_fujians_listed_companies() -> None:
    # China Daily, 2022-07-14: the Torch zone's share of the city's high-tech firms
    text = "The more than 1,200 high-tech enterprises there account for nearly 50 percent of Xiamen's total."
    [share] = [f for f in check_text(BASE, text) if f.reading.text == "nearly 50 percent"]
    assert (share.fact, share.verdict) == (None, Verdict.UNKNOWN)
    [share] = check_text(BASE, "厦门境内上市公司数量占福建全省的四成")
    assert (share.fact.full_id if share.fact else None, share.verdict) == ("capital-markets/listed-companies-share-of-fujian", Verdict.MATCH)
