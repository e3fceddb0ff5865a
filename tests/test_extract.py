"""`xmfacts extract`: figures of a new article, on record or drafted, and `add --from`."""

from __future__ import annotations

import json
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from xmfacts.authoring.tomltext import canonical_text
from xmfacts.extract import extract, suggest_id
from xmfacts.figures.printing import printed
from xmfacts.index import load_factbase
from xmfacts.model import FactBase, Kind, Qualifier
from xmfacts.validate import squeeze

from .conftest import BASIC, Run

ARTICLE = """据厦门证监局统计，目前厦门境内上市公司70家，全省占比达四成。
截至今年9月末，厦门国际银行科技金融贷款余额271.47亿元，较年初增长14%。
截至今年9月末，厦门国际银行科技金融贷款余额271.47亿元，较年初增长14%。
跻身世界500强企业的厦门建设，第8.6代生产线，1号孵化器为核心载体。
近三年，厦门银行普惠型小微企业贷款增速分别达到29.20%、37.37%、17.51%。
70家 271.47亿元
"""
EMPTY = FactBase((), ())


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_figures_on_record_carry_the_fact_and_verdict() -> None:
    result = extract(load_factbase(BASIC), ARTICLE, published="2024-11-20")
    on_record = [(c.reading.text, c.on_record.full_id, c.verdict.value) for c in result.candidates if c.on_record]
    assert on_record == [("70家", "capital-markets/listed-companies", "mismatch"), ("达四成", "capital-markets/province-share", "match")]
    assert result.contradicted


def test_candidates_are_drafted_with_period_entity_and_measure() -> None:
    new = extract(load_factbase(BASIC), ARTICLE, published="2024-11-20").new
    assert [(printed(c.figure), c.as_of, c.entity, c.measure[0]) for c in new] == [
        ("271.47亿元", "2024-09-30", "厦门国际银行", "科技金融贷款余额"),
        ("14%", "2024-09-30", "厦门国际银行", "科技金融贷款余额较年初增长"),  # a change of what its sentence counted
        ("29.20%", "2021", "厦门银行", "普惠型小微企业贷款增速"),
        ("37.37%", "2022", "厦门银行", "普惠型小微企业贷款增速"),
        ("17.51%", "2023", "厦门银行", "普惠型小微企业贷款增速"),
    ]
    assert all(c.verdict is None for c in new)


def test_names_ordinals_and_captions_are_no_candidates() -> None:
    texts = [c.reading.text for c in extract(EMPTY, ARTICLE, published="2024").candidates]
    # 世界500强, 第8.6代, 1号孵化器 are names; the caption line repeats figures said above; the
    # repeated sentence yields one candidate per figure
    assert texts == ["70家", "达四成", "271.47亿元", "14%", "达到29.20%", "37.37%", "17.51%"]


def test_every_quote_is_verbatim_and_states_its_figure() -> None:
    for c in extract(EMPTY, ARTICLE, published="2024").new:
        assert squeeze(c.quote) in squeeze(ARTICLE)
        assert ARTICLE[c.quote_start : c.quote_end] == c.quote
        assert c.reading.text in c.quote


def test_relative_periods_need_a_publication_date() -> None:
    c = extract(EMPTY, "目前厦门境内上市公司68家。").new[0]
    assert c.as_of is None
    assert "--published" in c.note
    assert extract(EMPTY, "目前厦门境内上市公司68家。", published="2024").new[0].as_of == "2024"


def test_a_date_without_a_year_takes_the_publications() -> None:
    c = extract(EMPTY, "10月16日，习近平总书记在厦门听取工作汇报。", published="2024-11-20").new[0]
    assert (c.figure.kind, c.figure.date) == (Kind.DATE, "2024-10-16")


def test_a_period_date_is_no_figure_but_an_event_is() -> None:
    result = extract(EMPTY, "截至2018年底，厦门境内上市公司51家。天马成立于1983年。", published="2024")
    assert [(c.reading.text, c.as_of) for c in result.candidates] == [("51家", "2018-12-31"), ("1983年", None)]
    # the event is Tianma's: its subject names it, and what happened is the measure (issue 23)
    assert result.candidates[1].entity == "天马" and result.candidates[1].measure == ("成立",)


def test_a_hedge_before_the_figure_is_kept_with_a_note() -> None:
    c = extract(EMPTY, "企业型新型研发机构最高可获资助1亿元。").new[0]
    assert c.figure.qualifier is Qualifier.AT_MOST
    assert "最高" in c.note


def test_suggested_ids_are_kebab_case_and_unique() -> None:
    assert suggest_id("上市公司") == "shangshi-gongsi"
    assert suggest_id("listed companies") == "listed-companies"
    ids = [c.id for c in extract(EMPTY, ARTICLE, published="2024").new]
    assert len(set(ids)) == len(ids)


def test_json_rows_are_facts_with_on_record_and_verdict(run: Run, article: Path) -> None:
    result = run("extract", str(article), "--published", "2024-11-20", "--json")
    assert result.exit_code == 1  # 70家 contradicts the record
    rows = json.loads(result.stdout)
    assert rows[0]["on_record"] == "capital-markets/listed-companies" and rows[0]["verdict"] == "mismatch"
    assert rows[2] == {
        "id": "extracted/guoji-yinhang-keji-jinrong-daikuan", "topic": "extracted", "label": "厦门国际银行科技金融贷款余额（2024年9月末）", "label_en": "",
        "kind": "quantity", "value": 271.47, "lower": None, "upper": None, "unit": "亿元", "qualifier": "exact", "scale": 100000000,
        "base_unit": "CNY", "date": None, "as_of": "2024-09-30", "entity": "厦门国际银行", "quote": "厦门国际银行科技金融贷款余额271.47亿元",
        "tags": [], "note": "Drafted by xmfacts extract: check label, entity, as_of and measure, and write label_en.",
        "series": None, "status": None,
        # the fixture lists one source: the drafts are from it without --source (issue 23)
        "source": {"id": "xiamen-practice", "title": "“鹭”高飞——科技创新和产业创新深度融合的“厦门实践”", "outlet": "中国证券报", "published": None},
        "on_record": None, "verdict": None,
        # the article repeats the sentence: drafted once, and the reader told where else it stands
        "also": [{"text": "271.47亿元", "start": 95, "end": 103, "line": 3}],
    }


def test_a_figure_stated_again_is_drafted_once_and_shown_wherever_it_stands(run: Run, article: Path) -> None:
    table = run("extract", str(article), "--published", "2024-11-20")
    [row] = [line for line in table.stdout.splitlines() if "271.47亿元" in line and "extracted/" in line]
    assert row.split()[0] == "2," and row.split()[1] == "3"
    page = run("extract", str(article), "--published", "2024-11-20", "--format", "html")
    assert page.stdout.count('<span class="fig-t">271.47亿元</span>') == 2


def test_jsonl_is_one_row_per_line(run: Run, article: Path) -> None:
    result = run("extract", str(article), "--published", "2024", "--jsonl")
    assert [json.loads(line)["quote"] for line in result.stdout.splitlines()][:2] == ["目前厦门境内上市公司70家", "全省占比达四成"]


def test_exit_0_when_nothing_contradicts(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("目前厦门境内上市公司68家。", encoding="utf-8")
    result = run("extract", str(path), "--published", "2024", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["verdict"] == "match"


def test_table(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("目前厦门境内上市公司68家。截至今年9月末，厦门国际银行科技金融贷款余额271.47亿元。", encoding="utf-8")
    result = run("extract", str(path), "--published", "2024")
    assert result.exit_code == 0
    assert result.stdout == (
        "line   figure       verdict   fact                                           quote                  \n"
        "────────────────────────────────────────────────────────────────────────────────────────────────────\n"
        "1      68家         match     capital-markets/listed-companies               目前厦门境内上市公司68 \n"
        "                                                                             家                     \n"
        "                                                                                                    \n"
        "1      271.47亿元   new       extracted/guoji-yinhang-keji-jinrong-daikuan   厦门国际银行科技金融贷 \n"
        "                              厦门国际银行科技金融贷款余额（2024年9月末）    款余额271.47亿元       \n"
        "2 figures: 1 new, 1 match\n"
    )


def test_toml_draft_is_in_the_canonical_layout(run: Run, article: Path) -> None:
    result = run("extract", str(article), "--published", "2024", "--toml", "--source", "xiamen-practice", "--topic", "banks")
    draft = result.stdout
    data = tomllib.loads(draft, parse_float=Decimal)
    assert canonical_text(data, sources=False) == draft
    assert [f["id"] for f in data["fact"]] == [
        "guoji-yinhang-keji-jinrong-daikuan", "guoji-yinhang-ejiao-nianchu-zengzhang", "xiamen-yinhang-puhui-xingxiao-weiqi",
        "xiamen-yinhang-puhui-xingxiao-weiqi-2", "xiamen-yinhang-puhui-xingxiao-weiqi-3",
    ]
    assert data["fact"][2]["value"].as_tuple() == Decimal("29.20").as_tuple()  # its printed zero kept
    assert all(f["label_en"] == "" and f["measure"] and f["source"] == "xiamen-practice" for f in data["fact"])


def test_the_article_may_come_on_standard_input(run: Run) -> None:
    result = run("extract", "-", "--published", "2024", "--jsonl", input="目前厦门境内上市公司68家。")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["on_record"] == "capital-markets/listed-companies"


def test_a_bad_publication_date_is_a_usage_error(run: Run, article: Path) -> None:
    result = run("extract", str(article), "--published", "2024-13")
    assert result.exit_code == 2
    assert result.stderr == "xmfacts: error: --published '2024-13' is not YYYY, YYYY-MM or YYYY-MM-DD\n"


def test_the_sources_date_dates_the_article(run: Run, factbase: Path, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("目前厦门国际银行科技金融贷款余额271.47亿元。", encoding="utf-8")
    row = json.loads(run("extract", str(path), "--source", "xiamen-practice", "--jsonl", facts=factbase).stdout)
    assert (row["as_of"], row["source"]["id"]) == (None, "xiamen-practice")  # the source has no date: not guessed
    assert "give --published" in row["note"]
    sources = factbase / "sources.toml"
    sources.write_text(sources.read_text(encoding="utf-8").replace('published = ""', 'published = "2024-11"'), encoding="utf-8")
    row = json.loads(run("extract", str(path), "--source", "xiamen-practice", "--jsonl", facts=factbase).stdout)
    assert (row["as_of"], row["source"]["published"]) == ("2024-11", "2024-11")


def test_unreadable_article_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    result = run("extract", str(tmp_path / "missing.txt"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"xmfacts: error: ARTICLE {tmp_path / 'missing.txt'}: cannot read")


def test_extract_writes_nothing(run: Run, factbase: Path, article: Path) -> None:
    before = {p.name: p.read_bytes() for p in factbase.iterdir()}
    run("extract", str(article), "--toml", facts=factbase)
    assert {p.name: p.read_bytes() for p in factbase.iterdir()} == before


# Any text at all: extract never raises, and every quote it drafts is the article's own words.
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from(["截至今年9月末，", "目前", "厦门", "上市公司", "68家", "约28万户", "近三年，", "分别达到29.20%、37.37%",
                           "2011年，", "天马成立于1983年", "第8.6代", "10月16日", "。", "，", "\n", "1141.58亿元", "该行", "贷款余额"])


@given(st.lists(st.one_of(_PIECES, st.text(max_size=5)), max_size=20).map("".join), st.sampled_from([None, "2024", "2024-11-20"]))
def test_extract_never_raises_and_quotes_are_verbatim(text: str, published: str | None) -> None:
    for c in extract(EMPTY, text, published=published).candidates:
        assert text[c.quote_start : c.quote_end] == c.quote
        assert c.quote_start <= c.reading.start and c.reading.end <= c.quote_end  # the quote states the figure


def test_an_english_figure_is_drafted_with_a_note_on_its_unit() -> None:
    result = extract(EMPTY, "By the end of September 2024, the bank had 27.1 billion yuan in tech loans.\n", published="2024-11-20")
    [c] = result.candidates  # "the end of September 2024" is the period, not a figure
    assert (c.figure.value, c.as_of, c.measure, c.label) == (Decimal("27.1"), "2024-09-30", ("tech loans",), "tech loans")
    assert "unit 'billion yuan' is not in the unit table" in c.note


def test_a_sentence_that_points_back_takes_its_period() -> None:
    text = "目前，全市供应链企业有2.3万多家。\n\n这三家世界500强企业以供应链业务为基础。"
    assert [c.as_of for c in extract(EMPTY, text, published="2024").new] == ["2024", "2024"]
    assert [c.as_of for c in extract(EMPTY, "去年营收增长。这三家企业很大。", published="2024").new] == [None]


def test_a_figure_newer_than_the_record_is_new_with_a_note() -> None:
    [c] = extract(load_factbase(BASIC), "截至2025年底，厦门境内上市公司70家。", published="2026-02").candidates
    assert (c.on_record, c.verdict, c.as_of) == (None, None, "2025-12-31")
    assert c.note.endswith("newer than the record's capital-markets/listed-companies: update it rather than add")


def test_an_older_figure_is_on_record_as_outdated() -> None:
    [c] = extract(load_factbase(BASIC), "截至2018年底，厦门境内上市公司51家。", published="2019").candidates
    assert (c.on_record.full_id if c.on_record else None, c.verdict.value if c.verdict else None) == (
        "capital-markets/listed-companies", "outdated")
