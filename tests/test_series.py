"""Series (issue 22): observations grouped by series, the observation a period speaks of,
growth between two, check by period, and validate's rules for observations from other pages."""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from xmfacts.check import check_text
from xmfacts.index import load_factbase
from xmfacts.model import FactBase
from xmfacts.series import growth, select, series_in
from xmfacts.validate import validate

from .conftest import Run

PAGES = """
[[source]]
id = "bulletin-2019"
title = "Economy Value, 2019"
outlet = "english.xm.gov.cn"
published = "2020-07-12"
url = "http://english.xm.gov.cn/2019.html"
kind = "government site"

[[source]]
id = "daily-2023"
title = "2022年统计公报发布"
outlet = "海峡导报"
published = "2023-03-23"
url = "http://example.org/2022.html"
kind = "newspaper"

[[source]]
id = "daily-2025"
title = "十四五回顾"
outlet = "海峡导报"
published = "2025-09-23"
url = "http://example.org/2025.html"
kind = "mirror"
"""

OBSERVATION = """
[[fact]]
id = "{id}"
series = "gdp"
label = "厦门地区生产总值（{year}年）"
label_en = "Xiamen GDP, {year}"
value = {value}
unit = "亿元"
as_of = "{year}"
entity = "厦门市"
measure = ["地区生产总值", "GDP", "gross domestic product"]
source = "{source}"
quote = "{quote}"
"""

GDP = [
    ("gdp-2019", "2019", "5995.04", "bulletin-2019", "amounted to 599.504 billion yuan"),
    ("gdp-2022", "2022", "7802.66", "daily-2023", "地区生产总值(GDP)7802.66亿元"),
    ("gdp-2024", "2024", "8589", "daily-2025", "2024年的8589亿元"),
]


def _write(root: Path, observations: list[tuple[str, str, str, str, str]]) -> None:
    (root / "sources.toml").write_text((root / "sources.toml").read_text(encoding="utf-8") + PAGES, encoding="utf-8")
    body = "".join(OBSERVATION.format(id=i, year=y, value=v, source=s, quote=q) for i, y, v, s, q in observations)
    (root / "economy.toml").write_text('[topic]\ntitle = "经济"\ntitle_en = "Economy"\n' + body, encoding="utf-8")


@pytest.fixture
def base(factbase: Path) -> FactBase:
    _write(factbase, GDP)
    return load_factbase(factbase)


def test_observations_are_grouped_by_series_oldest_first(base: FactBase) -> None:
    [series] = series_in(base.facts).values()
    assert series.id == "economy/gdp"
    assert [f.id for f in series.observations] == ["gdp-2019", "gdp-2022", "gdp-2024"]
    assert series.latest.id == "gdp-2024"


def test_the_observation_of_a_period_or_the_nearest_ones(base: FactBase) -> None:
    [series] = series_in(base.facts).values()
    never = lambda f: False  # noqa: E731
    assert select(series, "2022", True, never).observation.id == "gdp-2022"
    assert select(series, "2022-12-31", True, never).observation.id == "gdp-2022"  # 截至2022年底
    between = select(series, "2020", True, never)
    assert ([f.id for f in between.nearest], between.later) == (["gdp-2019", "gdp-2022"], False)
    after = select(series, "2026", True, never)
    assert ([f.id for f in after.nearest], after.later) == (["gdp-2024"], True)
    assert select(series, None, False, never).observation.id == "gdp-2024"
    # undated, written in 2023: what was on record then
    assert select(series, "2023-06-01", False, never).observation.id == "gdp-2022"


def test_growth_between_two_observations_gives_the_compound_annual_rate(base: FactBase) -> None:
    by_id = {f.id: f for f in base.facts}
    g = growth(by_id["gdp-2019"], by_id["gdp-2024"])
    assert g.years == 5
    assert g.difference == Decimal("2593.96") * 10**8
    assert g.ratio is not None and round(g.ratio, 4) == Decimal("1.4327")
    assert g.cagr is not None and round(g.cagr * 100, 2) == Decimal("7.46")  # (8589/5995.04)^(1/5) - 1


@pytest.mark.parametrize("claim", [
    "2022年厦门地区生产总值7802.66亿元",
    "2022年厦門地區生產總值7802.66億元",
    "In 2022 Xiamen's GDP was 780.27 billion yuan",
    "截至2022年底，厦门地区生产总值7802.66亿元",
])
def test_a_dated_claim_equal_to_its_periods_observation_is_a_match(base: FactBase, claim: str) -> None:
    [finding] = [f for f in check_text(base, claim) if f.fact is not None]
    assert (finding.verdict.value, finding.fact.id) == ("match", "gdp-2022")


@pytest.mark.parametrize("claim", [
    "2022年厦门地区生产总值7900亿元",
    "2022年厦門地區生產總值7900億元",
    "In 2022 Xiamen's GDP was 790 billion yuan",
])
def test_a_different_figure_for_that_period_is_a_mismatch(base: FactBase, claim: str) -> None:
    [finding] = [f for f in check_text(base, claim) if f.fact is not None]
    assert (finding.verdict.value, finding.fact.id) == ("mismatch", "gdp-2022")


def test_a_period_with_no_observation_names_the_nearest(base: FactBase) -> None:
    [earlier] = [f for f in check_text(base, "2020年厦门地区生产总值6384亿元") if f.fact is not None]
    assert earlier.verdict.value == "outdated"
    assert "2019: 5995.04亿元" in earlier.explanation and "2022: 7802.66亿元" in earlier.explanation
    [later] = [f for f in check_text(base, "2026年厦门地区生产总值9500亿元") if f.fact is not None]
    assert later.verdict.value == "unknown" and "2024: 8589亿元" in later.explanation


def test_an_undated_claim_is_judged_by_the_latest_observation(base: FactBase) -> None:
    # a figure of another page's yearly series with no period said is never called wrong: news
    # text gives such figures periods it does not spell out (过去十年, 前五个月)
    [now] = [f for f in check_text(base, "厦门地区生产总值7802.66亿元") if f.fact is not None]
    assert (now.verdict.value, now.fact.id) == ("unknown", "gdp-2024")
    assert "no period said" in now.explanation
    [then] = [f for f in check_text(base, "厦门地区生产总值7802.66亿元", written="2023-05-01") if f.fact is not None]
    assert (then.verdict.value, then.fact.id) == ("match", "gdp-2022")


def test_an_event_year_inside_a_sentence_does_not_date_a_figure(base: FactBase) -> None:
    # 上报备案的2022年… names a batch, not the period: judged as undated, by the latest
    [finding] = [f for f in check_text(base, "日前，上报备案的2022年地区生产总值核算结果显示为7802.66亿元") if f.fact is not None]
    assert finding.fact.id == "gdp-2024"


def test_two_pages_with_different_figures_for_one_period_are_both_kept_and_shown(factbase: Path) -> None:
    _write(factbase, [*GDP, ("gdp-2022-b", "2022", "7803.5", "daily-2025", "2022年的7803.5亿元")])
    base = load_factbase(factbase)
    [finding] = [f for f in check_text(base, "2022年厦门地区生产总值7803.5亿元") if f.fact is not None]
    assert (finding.verdict.value, finding.fact.id) == ("match", "gdp-2022-b")
    [other] = [f for f in check_text(base, "2022年厦门地区生产总值7802.66亿元") if f.fact is not None]
    assert other.fact.id == "gdp-2022"
    assert "the same period elsewhere: 7803.5亿元" in other.explanation
    [note] = validate(factbase).notes
    assert "economy/gdp: 2022 is 7802.66亿元 in daily-2023 and 7803.5亿元 in daily-2025" in note.message


def test_an_observation_from_another_page_states_its_figure_in_a_short_citation(factbase: Path) -> None:
    _write(factbase, [
        *GDP,
        ("gdp-2021", "2021", "7033.89", "daily-2023", "全年地区生产总值7000亿元"),
        ("gdp-2020", "2020", "6384.02", "daily-2023", "面对疫情的严峻考验和错综复杂的国际国内形势，厦门市委市政府科学统筹、精准施策稳增长，全年全市地区生产总值(GDP)6384.02亿元，比上年增长5.7%"),
    ])
    problems = [p.message for p in validate(factbase).problems]
    assert problems == [
        "figure 7033.89亿元 is not stated in its citation '全年地区生产总值7000亿元'",
        "citation of 76 characters: cite only the words that state the figure (at most 60)",
    ]


def test_an_observation_needs_its_pages_url_and_date(factbase: Path) -> None:
    _write(factbase, GDP)
    sources = factbase / "sources.toml"
    sources.write_text(sources.read_text(encoding="utf-8").replace('published = "2023-03-23"\n', 'published = ""\n'), encoding="utf-8")
    [problem] = validate(factbase).problems
    assert problem.message == "source 'daily-2023' needs a published date (YYYY, YYYY-MM or YYYY-MM-DD) for an observation from its page"


def test_the_article_is_still_traced_to_its_text(run: Run, factbase: Path) -> None:
    _write(factbase, GDP)
    result = run("validate", "-s", str(Path(__file__).parent / "fixtures" / "excerpt.txt"), facts=factbase)
    assert result.exit_code == 0, result.stderr


def test_compare_of_two_observations_gives_the_compound_annual_growth_rate(run: Run, factbase: Path) -> None:
    _write(factbase, GDP)
    rows = json.loads(run("compare", "economy/gdp-2024", "economy/gdp-2019", "--json", facts=factbase).stdout)
    assert [(r["years"], r["cagr"]) for r in rows] == [(None, None), (5, 0.074559)]  # from 2019 to 2024, whichever comes first
    table = run("compare", "economy/gdp-2019", "economy/gdp-2024", facts=factbase, COLUMNS="120").stdout
    assert "+7.46%" in table and "CAGR" in table
    # facts of no series: no CAGR column at all
    assert "CAGR" not in run("compare", "capital-markets/listed-companies", "capital-markets/province-share", facts=factbase).stdout


def test_the_sqlite_export_has_series_and_observations_to_chart(run: Run, factbase: Path, tmp_path: Path) -> None:
    _write(factbase, GDP)
    out = tmp_path / "facts.db"
    assert run("export", "--format", "sqlite", "-o", str(out), facts=factbase).exit_code == 0
    db = sqlite3.connect(out)
    assert db.execute("SELECT id, label, observations, first_period, last_period, latest FROM series").fetchall() == [
        ("economy/gdp", "厦门地区生产总值", 3, "2019", "2024", "economy/gdp-2024"),
    ]
    assert db.execute("SELECT period, base_value, source, url FROM observations ORDER BY period").fetchall() == [
        ("2019", 599504000000.0, "bulletin-2019", "http://english.xm.gov.cn/2019.html"),
        ("2022", 780266000000.0, "daily-2023", "http://example.org/2022.html"),
        ("2024", 858900000000.0, "daily-2025", "http://example.org/2025.html"),
    ]
    assert db.execute("SELECT kind FROM sources WHERE id = 'bulletin-2019'").fetchone() == ("government site",)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    meta = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    assert set(meta["databases"]["facts"]["tables"]) >= {"series", "observations"}


def test_show_of_a_series_lists_its_observations_with_change_and_a_sparkline(run: Run, factbase: Path) -> None:
    _write(factbase, GDP)
    table = run("show", "economy/gdp", facts=factbase, COLUMNS="100")
    assert table.exit_code == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].startswith("厦门地区生产总值  Xiamen GDP  (economy/gdp, 3 observations)")
    assert lines[1] == "▁▅█  2019–2024"
    assert [line.split()[:3] for line in lines if line[:4].isdigit()] == [
        ["2019", "5995.04亿元", "english.xm.gov.cn"], ["2022", "7802.66亿元", "+30.2%"], ["2024", "8589亿元", "+10.1%"],
    ]
    data = json.loads(run("show", "economy/gdp", "--json", facts=factbase).stdout)
    assert [(o["id"], o["period"], o["change"] and round(o["change"], 4)) for o in data["observations"]] == [
        ("economy/gdp-2019", "2019", None), ("economy/gdp-2022", "2022", 0.3015), ("economy/gdp-2024", "2024", 0.1008),
    ]
    missing = run("show", "economy/gpd", facts=factbase)
    assert missing.exit_code == 1 and "did you mean" in missing.stderr


SHIPPED = Path(__file__).parents[1] / "facts"


@pytest.mark.parametrize(("query", "first"), [
    (("GDP", "2021"), "economy/gdp-2021"),
    (("厦门2021年地区生产总值",), "economy/gdp-2021"),
    (("2018", "高新技术企业"), "high-tech-enterprises/national-hte-2018"),
])
def test_search_finds_observations_by_period(run: Run, query: tuple[str, ...], first: str) -> None:
    hits = json.loads(run("search", *query, "--json", facts=SHIPPED).stdout)
    assert hits[0]["id"] == first


def test_the_shipped_series_say_what_the_article_says_last(run: Run) -> None:
    # the article's facts are the latest observations of their series
    for series, latest in [("high-tech-enterprises/national-hte", "high-tech-enterprises/national-high-tech-enterprises"),
                           ("capital-markets/listed-company-count", "capital-markets/listed-companies")]:
        data = json.loads(run("show", series, "--json", facts=SHIPPED).stdout)
        assert data["observations"][-1]["id"] == latest


def test_extract_drafts_a_new_period_of_a_known_series_as_its_next_observation(run: Run, factbase: Path, tmp_path: Path) -> None:
    _write(factbase, GDP)
    article = tmp_path / "article.txt"
    article.write_text("2026年，厦门地区生产总值9100.5亿元。", encoding="utf-8")
    rows = json.loads(run("extract", str(article), "--published", "2027-03-20", "--json", facts=factbase).stdout)
    [gdp] = [r for r in rows if r["value"] == 9100.5]
    assert (gdp["id"], gdp["series"], gdp["as_of"], gdp["on_record"], gdp["label"]) == ("extracted/gdp-2026", "gdp", "2026", None, "厦门地区生产总值")
    assert "the next observation of economy/gdp (latest 2024): add it to topic economy" in gdp["note"]
    draft = run("extract", str(article), "--published", "2027-03-20", "--toml", facts=factbase).stdout
    assert 'id = "gdp-2026"\nseries = "gdp"\n' in draft


def test_check_through_the_index_judges_by_period_too(run: Run, factbase: Path) -> None:
    _write(factbase, GDP)
    result = run("check", "2022年厦门地区生产总值7802.66亿元；2022年厦门地区生产总值7900亿元", "--json", facts=factbase)
    judged = [(f["verdict"], f["fact"]["id"]) for f in json.loads(result.stdout) if f["fact"]]
    assert judged == [("match", "economy/gdp-2022"), ("mismatch", "economy/gdp-2022")]
    assert result.exit_code == 1


def test_a_bare_english_number_is_never_an_observation(base: FactBase) -> None:
    # "a population of 5.18 million": a count of people, not an amount of yuan
    [finding] = [f for f in check_text(base, "The GDP of the city, with a population of 5.18 million, grew in 2022.") if f.reading.text == "5.18 million"]
    assert (finding.verdict.value, finding.fact) == ("unknown", None)


@pytest.mark.parametrize(("claim", "verdict", "fact"), [
    ("2019年厦门GDP增长7.9%", "match", "economy/gdp-growth-2019"),
    ("2019年厦门GDP增长8.5%", "mismatch", "economy/gdp-growth-2019"),
    ("In 2023, Xiamen's GDP grew by 3.1 percent", "match", "economy/gdp-growth-2023"),
])
def test_a_growth_rate_claimed_for_a_year_is_judged_by_that_years_growth(run: Run, claim: str, verdict: str, fact: str) -> None:
    found = [f for f in json.loads(run("check", claim, "--json", facts=SHIPPED).stdout) if f["fact"]]
    assert [(f["verdict"], f["fact"]["id"]) for f in found] == [(verdict, fact)]


def test_an_undated_figure_of_an_earlier_observation_is_outdated_not_wrong() -> None:
    # the article's count is today's; an undated 3607家 is the series' count of March 2023
    shipped = load_factbase(Path(__file__).parents[1] / "facts")
    [found] = [f for f in check_text(shipped, "据最新数据，我市的国家级高新技术企业总数已达3607家。") if f.fact is not None]
    assert found.verdict.value == "outdated"
    assert "2023-03" in found.explanation
    [other] = [f for f in check_text(shipped, "据最新数据，我市的国家级高新技术企业总数已达3700家。") if f.fact is not None]
    assert other.verdict.value == "mismatch"


@pytest.mark.parametrize(
    ("text", "verdict", "fact"),
    [
        # the period said a sentence before, and the record's own figure for it: that observation
        ("2022年，全市经济平稳增长。地区生产总值7802.66亿元。", "match", "gdp-2022"),
        ("Xiamen's economy grew steadily in 2022. Its gross domestic product came to 780.266 billion yuan.", "match", "gdp-2022"),
        # …or that figure rounded, when it keeps four digits or more
        ("2022年，全市经济平稳增长。地区生产总值7802.7亿元。", "match", "gdp-2022"),
        # a figure the record does not hold for that period stays an undated one
        ("2022年，全市经济平稳增长。地区生产总值7812.7亿元。", "unknown", "gdp-2024"),
        # nor does a period the passage never named lend its figure
        ("全市经济平稳增长。地区生产总值7802.66亿元。", "unknown", "gdp-2024"),
    ],
)
def test_an_undated_figure_equal_to_the_record_of_a_period_the_passage_named_is_that_periods(
    base: FactBase, text: str, verdict: str, fact: str
) -> None:
    [found] = [f for f in check_text(base, text) if f.fact is not None]
    assert (found.verdict.value, found.fact.id) == (verdict, fact)


def test_a_part_of_a_year_with_no_observation_is_unknown_not_outdated(base: FactBase) -> None:
    # a running total (1-11月, January-November) is no earlier level of a yearly series
    for text in ("In the January-November period of 2022, Xiamen's GDP came to 700 billion yuan.",
                 "2022年1-11月，厦门地区生产总值7000亿元。"):
        [found] = [f for f in check_text(base, text, written="2022-12-20") if f.reading.figure.kind.value == "quantity"]
        assert found.verdict.value == "unknown", text
