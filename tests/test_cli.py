"""Each command, each exit code, and the JSON schema, through the real Typer app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xmfacts import __version__
from xmfacts.present.json import FACT_KEYS

from .conftest import Run


def test_version(run: Run) -> None:
    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, f"xmfacts {__version__}\n")


def test_search_json_has_every_schema_key_and_score(run: Run) -> None:
    result = run("search", "授信", "--json")
    assert result.exit_code == 0
    hits = json.loads(result.stdout)
    assert [h["id"] for h in hits] == ["sme-credit/credit-granted", "sme-credit/smes-with-credit"]
    for hit in hits:
        assert list(hit) == [*FACT_KEYS, "score"]
    first = hits[0]
    assert first["value"] * first["scale"] == 114158000000
    assert (first["lower"], first["upper"], first["date"], first["as_of"], first["note"]) == (None, None, None, None, None)
    assert first["source"] == {
        "id": "xiamen-practice",
        "title": "“鹭”高飞——科技创新和产业创新深度融合的“厦门实践”",
        "outlet": "中国证券报",
        "published": None,
    }
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("words", "first"),
    [
        (["上市公司"], "capital-markets/listed-companies"),
        (["listed", "companies"], "capital-markets/listed-companies"),
        (["listed companies"], "capital-markets/listed-companies"),
        (["1141.58"], "sme-credit/credit-granted"),
        (["1,141.58"], "sme-credit/credit-granted"),
        (["68家"], "capital-markets/listed-companies"),
        (["68"], "capital-markets/listed-companies"),
        (["屿链通"], "sme-credit/loan-cost-cut"),
        (["金圆"], "sme-credit/jinyuan-founded"),
        (["ＳＭＥ"], "sme-credit/credit-granted"),
        (["厦门境内的上市公司"], "capital-markets/listed-companies"),
    ],
)
def test_search_finds_the_right_fact_first(run: Run, words: list[str], first: str) -> None:
    result = run("search", *words, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["id"] == first


def test_several_words_narrow_the_result(run: Run) -> None:
    wide = json.loads(run("search", "上市公司", "--json").stdout)
    narrow = json.loads(run("search", "上市公司", "share", "--json").stdout)
    assert len(wide) == 2
    assert [h["id"] for h in narrow] == ["capital-markets/province-share"]


def test_search_limit_and_topic(run: Run) -> None:
    assert len(json.loads(run("search", "厦门", "--json", "--limit", "1").stdout)) == 1
    only = json.loads(run("search", "厦门", "--json", "--topic", "sme-credit", "--limit", "0").stdout)
    assert {h["topic"] for h in only} == {"sme-credit"}


def test_search_nothing_found_exits_1(run: Run) -> None:
    result = run("search", "吞吐量", "--json")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "[]\n", "")
    table = run("search", "吞吐量")
    assert (table.exit_code, table.stdout) == (1, "")
    assert table.stderr == "xmfacts: error: no fact matches '吞吐量'\n"


def test_numbers_do_not_match_inside_other_numbers(run: Run) -> None:
    assert run("search", "41.58", "--json").exit_code == 1
    assert run("search", "6", "--json").exit_code == 1


def test_search_usage_errors_exit_2(run: Run) -> None:
    empty = run("search", "   ")
    assert empty.exit_code == 2
    assert empty.stderr == "xmfacts: error: empty query: give at least one word, e.g. xmfacts search 授信\n"
    unknown_topic = run("search", "授信", "--topic", "banks")
    assert unknown_topic.exit_code == 2
    assert unknown_topic.stderr == "xmfacts: error: no fact or topic with id 'banks'\n"
    assert run("search").exit_code == 2


def test_show_fact_json(run: Run) -> None:
    result = run("show", "sme-credit/loan-cost-cut", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == list(FACT_KEYS)
    assert (data["kind"], data["value"], data["lower"], data["upper"], data["base_unit"]) == ("range", None, 10, 40, "percent")


def test_show_topic_json(run: Run) -> None:
    data = json.loads(run("show", "capital-markets", "--json").stdout)
    assert (data["id"], data["title"], data["title_en"]) == ("capital-markets", "资本市场", "Capital markets")
    assert [f["id"] for f in data["facts"]][:2] == ["capital-markets/listed-companies", "capital-markets/province-share"]


def test_show_unknown_id_suggests_and_exits_1(run: Run) -> None:
    result = run("show", "capital-markets/listed-company", "--json")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "xmfacts: error: no fact or topic with id 'capital-markets/listed-company' "
        "(did you mean: capital-markets/listed-companies?)\n"
    )


def test_compare_json_differences_only_where_units_agree(run: Run) -> None:
    result = run(
        "compare", "capital-markets/funds-raised", "capital-markets/funds-raised-since-2023",
        "sme-credit/smes-with-credit", "sme-credit/jinyuan-founded", "--json",
    )
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [(r["base_value"], r["difference"], r["ratio"], r["remark"]) for r in rows] == [
        (598100000000, None, None, "reference"),
        (171400000000, -426700000000, 0.286574, None),
        (310000, None, None, "not compared: count ≠ CNY"),
        (None, None, None, "not compared: a date"),
    ]
    assert list(rows[0]["fact"]) == list(FACT_KEYS)


def test_compare_errors(run: Run) -> None:
    one = run("compare", "capital-markets/funds-raised")
    assert (one.exit_code, one.stderr) == (2, "xmfacts: error: compare needs two or more ids, or an id and a figure\n")
    wrong = run("compare", "capital-markets/funds-raised", "capital-markets/nope")
    assert wrong.exit_code == 2
    assert wrong.stderr.startswith("xmfacts: error: no fact or topic with id 'capital-markets/nope'")


def test_topics_json(run: Run) -> None:
    result = run("topics", "--json")
    assert json.loads(result.stdout) == [
        {"id": "capital-markets", "title": "资本市场", "title_en": "Capital markets", "facts": 4},
        {"id": "sme-credit", "title": "中小企业信用融资", "title_en": "SME credit", "facts": 4},
    ]


def test_export_formats(run: Run) -> None:
    lines = run("export").stdout.splitlines()
    assert len(lines) == 8
    assert list(json.loads(lines[0])) == list(FACT_KEYS)
    array = json.loads(run("export", "--format", "json", "--topic", "sme-credit").stdout)
    assert [f["id"] for f in array] == [
        "sme-credit/credit-granted", "sme-credit/smes-with-credit", "sme-credit/loan-cost-cut", "sme-credit/jinyuan-founded",
    ]
    csv_lines = run("export", "--format", "csv").stdout.splitlines()
    assert csv_lines[0].startswith("id,topic,label,label_en,kind,value,lower,upper,unit,qualifier,scale,base_unit,date")
    assert csv_lines[0].endswith("source_id,source_title,source_outlet,source_published")
    assert csv_lines[1].startswith("capital-markets/listed-companies,capital-markets,厦门境内上市公司数量,")
    assert len(csv_lines) == 9
    assert run("export", "--format", "xml").exit_code == 2


@pytest.mark.parametrize("format", ["csv", "sqlite"])
def test_export_to_a_name_no_file_system_holds_is_an_error_not_a_traceback(run: Run, tmp_path: Path, format: str) -> None:
    out = tmp_path / ("a" * 300)
    result = run("export", "--format", format, "-o", str(out))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"xmfacts: error: cannot write {out}: File name too long\n"
    assert list(tmp_path.iterdir()) == []


def test_export_to_file_refuses_to_overwrite_without_force(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "facts.jsonl"
    assert run("export", "-o", str(out)).exit_code == 0
    first = out.read_text(encoding="utf-8")
    assert len(first.splitlines()) == 8
    again = run("export", "-o", str(out), "--format", "csv")
    assert again.exit_code == 2
    assert again.stderr == f"xmfacts: error: {out} exists; use --force to overwrite it\n"
    assert out.read_text(encoding="utf-8") == first
    assert run("export", "-o", str(out), "--format", "csv", "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("id,topic,")
    assert [p.name for p in tmp_path.iterdir()] == ["facts.jsonl"]


def test_invalid_fact_base_exits_2_with_one_line_per_problem(run: Run, factbase: Path) -> None:
    text = (factbase / "capital-markets.toml").read_text(encoding="utf-8")
    (factbase / "capital-markets.toml").write_text(text.replace('unit = "家"', 'unit = "斤"').replace("value = 5981", 'value = "5981"'), encoding="utf-8")
    result = run("search", "授信", "--json", facts=factbase)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"xmfacts: error: {factbase}/capital-markets.toml:5: capital-markets/listed-companies: unknown unit '斤'\n"
        f"xmfacts: error: {factbase}/capital-markets.toml:34: capital-markets/funds-raised: value must be a number, not str '5981'\n"
    )


def test_facts_dir_option_wins_over_environment(run: Run, tmp_path: Path) -> None:
    result = run("topics", "--json", "--facts-dir", str(tmp_path / "missing"))
    assert (result.exit_code, result.stderr) == (2, f"xmfacts: error: {tmp_path}/missing: fact directory does not exist\n")


def test_shipped_fact_base_loads_without_configuration(run: Run) -> None:
    result = run("topics", "--json", facts=None)
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) >= 1
