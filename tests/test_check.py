"""Claim checking against the shipped fact base: verdict rules, matching, and a whole draft."""

from __future__ import annotations

import io
import json
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from xmfacts.check import Verdict, check_figure, check_text, summary
from xmfacts.errors import UsageError
from xmfacts.index import load_factbase
from xmfacts.factbase.locate import resolve_facts_dir
from xmfacts.inputs import gather
from xmfacts.model import FactBase
from xmfacts.lookup import find_fact

from .conftest import BASIC, Run

DRAFT = Path(__file__).parent / "drafts" / "draft.md"


@pytest.fixture(scope="module")
def base() -> FactBase:
    return load_factbase(resolve_facts_dir(Path(__file__).parents[1] / "facts"))


@pytest.mark.parametrize(
    ("claim", "fact_id", "verdict"),
    [
        ("厦门境内上市公司68家", "capital-markets/listed-companies", Verdict.MATCH),
        ("厦门境内上市公司有70家", "capital-markets/listed-companies", Verdict.MISMATCH),
        ("天马累计投资超1000亿元", "display-industry/tianma-xiamen-investment", Verdict.MATCH),
        ("天马累计投资约900亿元", "display-industry/tianma-xiamen-investment", Verdict.MISMATCH),
        ("天马累计投资1200亿元", "display-industry/tianma-xiamen-investment", Verdict.CONSISTENT),
        ("金圆集团管理金融资产规模约3000亿元", "state-financial-group/assets-under-management", Verdict.MISMATCH),
        ("厦门信易贷帮助中小企业累计获得授信超过1100亿元", "sme-credit/xinyidai-credit-granted", Verdict.CONSISTENT),
        ("厦门信易贷帮助中小企业累计获得授信1141.6亿元", "sme-credit/xinyidai-credit-granted", Verdict.MATCH),
        ("厦门信易贷帮助中小企业累计获得授信1100亿元", "sme-credit/xinyidai-credit-granted", Verdict.MISMATCH),
        ("厦门信易贷帮助中小企业累计获得授信约1100亿元", "sme-credit/xinyidai-credit-granted", Verdict.CONSISTENT),
        ("厦门上市公司全省占比达40%", "capital-markets/listed-companies-share-of-fujian", Verdict.MATCH),
        ("厦门上市公司全省占比达三成", "capital-markets/listed-companies-share-of-fujian", Verdict.MISMATCH),
        ("生物医药与健康领域企业1600多家", "biomedicine/companies", Verdict.MATCH),
        ("生物医药与健康领域企业1650家", "biomedicine/companies", Verdict.CONSISTENT),
        ("生物医药与健康领域企业1800家", "biomedicine/companies", Verdict.MISMATCH),
        ("全市供应链企业有2.3万多家", "supply-chain/supply-chain-companies", Verdict.MATCH),
        ("厦门象屿“屿链通”可为客户降低融资成本10%—40%", "supply-chain/yuliantong-financing-cost-cut", Verdict.MATCH),
        ("厦门象屿“屿链通”可为客户降低融资成本20%", "supply-chain/yuliantong-financing-cost-cut", Verdict.CONSISTENT),
        ("厦门象屿“屿链通”可为客户降低融资成本50%—60%", "supply-chain/yuliantong-financing-cost-cut", Verdict.MISMATCH),
        ("成立于2011年7月的金圆集团", "state-financial-group/founded", Verdict.MATCH),
        ("金圆集团成立于2011年", "state-financial-group/founded", Verdict.MATCH),
        ("金圆集团成立于2012年7月", "state-financial-group/founded", Verdict.MISMATCH),
        ("厦门私募基金管理人近330家", "private-equity/fund-managers", Verdict.CONSISTENT),
    ],
)
def test_verdicts(base: FactBase, claim: str, fact_id: str, verdict: Verdict) -> None:
    [finding] = [f for f in check_text(base, claim) if f.reading.figure.kind.value != "date" or "成立" in claim]
    assert finding.fact is not None and finding.fact.full_id == fact_id
    assert finding.verdict is verdict, finding.explanation


@pytest.mark.parametrize("claim", ["厦门港集装箱吞吐量1255万标箱", "今年厦门接待游客1.2亿人次", "他买了3个苹果"])
def test_figures_about_nothing_on_record_are_unknown(base: FactBase, claim: str) -> None:
    [finding] = check_text(base, claim)
    assert (finding.verdict, finding.fact, finding.explanation) == (Verdict.UNKNOWN, None, "nothing on record about this")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the clause decides, not the sentence before it
        ("生物医药产业中，国家级高新技术企业616家，上市企业11家", [("biomedicine/high-tech-companies", "match"), ("biomedicine/listed-companies", "match")]),
        # a figure leading its sentence is about what follows
        ("2011年，天马落户厦门", [("display-industry/tianma-moved-to-xiamen", "match")]),
        # 家 and 项 count different things
        ("厦门有超过60家科技型企业和高校院所的近百项技术或产品处于全国领先水平",
         [("high-tech-enterprises/leading-firms-and-institutes", "match"), ("high-tech-enterprises/leading-technologies", "match")]),
        # names and rankings are not counts: no false alarm
        ("厦门生物医药产业上市1类新药6个", [(None, "unknown"), ("biomedicine/class1-drugs-launched", "match")]),
        ("跻身世界500强企业的厦门建设", [(None, "unknown")]),
        ("占据全国四大供应链服务商的三席", [(None, "unknown"), ("supply-chain/xiamen-seats-in-top-four", "match")]),
    ],
)
def test_matching_by_clause_and_counter(base: FactBase, text: str, expected: list[tuple[str | None, str]]) -> None:
    assert [(f.fact.full_id if f.fact else None, f.verdict.value) for f in check_text(base, text)] == expected


def test_mismatch_reports_difference_and_ratio_in_base_units(base: FactBase) -> None:
    [finding] = check_text(base, "金圆集团管理金融资产规模约3000亿元")
    assert finding.difference == Decimal(-4500 * 10**8)
    assert finding.ratio == Decimal("0.4")
    assert finding.explanation == "the record says 超7500亿元 (over): off by -450,000,000,000 CNY, ×0.4"


def test_several_figures_in_one_sentence_are_each_matched(base: FactBase) -> None:
    text = "厦门共有私募基金管理人324家，管理基金规模1931亿元，其中股权投资机构211家，管理规模1625亿元。"
    found = [(f.fact.id if f.fact else None, f.verdict) for f in check_text(base, text)]
    assert found == [
        ("fund-managers", Verdict.MATCH),
        ("fund-aum", Verdict.MATCH),
        ("equity-investment-firms", Verdict.MATCH),
        ("equity-investment-aum", Verdict.MATCH),
    ]


def test_spans_point_into_the_text(base: FactBase) -> None:
    text = "第一段。\n厦门境内上市公司有70家"
    [finding] = check_text(base, text)
    assert (finding.reading.start, finding.reading.end, finding.line) == (14, 17, 2)
    assert text[finding.reading.start : finding.reading.end] == "70家"


def test_the_draft(base: FactBase) -> None:
    """A draft restating 23 figures of the article, 7 altered, and one figure the article lacks."""
    findings = check_text(base, DRAFT.read_text(encoding="utf-8"))
    altered = {"70家", "342家", "2012年7月", "约3000亿元", "43平方公里", "约12亿元", "3.2万多家"}
    off_record = {"1255万"}
    by_text = {f.reading.text: f for f in findings}
    assert len(findings) == 24
    for text, finding in by_text.items():
        if text in altered:
            assert finding.verdict is Verdict.MISMATCH, text
        elif text in off_record:
            assert finding.verdict is Verdict.UNKNOWN, text
        else:
            # a faithful figure is never an alarm; two whose platform (信易贷) the draft does not
            # name nearby are unknown: their subject cannot be told from the words
            assert finding.verdict in (Verdict.MATCH, Verdict.CONSISTENT, Verdict.UNKNOWN), text
    assert summary(findings) == {"match": 14, "consistent": 0, "outdated": 0, "mismatch": 7, "unknown": 3}


def test_check_figure_against_one_fact(base: FactBase) -> None:
    fact = find_fact(base, "capital-markets/listed-companies")
    assert check_figure(fact, "70家").verdict is Verdict.MISMATCH
    assert check_figure(fact, "68家").verdict is Verdict.MATCH
    with pytest.raises(UsageError, match="no figure in 'many'"):
        check_figure(fact, "many")
    with pytest.raises(UsageError, match="is CNY; capital-markets/listed-companies records count"):
        check_figure(fact, "70亿元")


SHIPPED = Path(__file__).parents[1] / "facts"


def test_cli_check_exit_codes_and_json(run: Run) -> None:
    ok = run("check", "厦门境内上市公司68家", "--json", facts=SHIPPED)
    assert ok.exit_code == 0
    [row] = json.loads(ok.stdout)
    assert list(row) == ["span", "claimed", "fact", "verdict", "subject", "difference", "ratio", "explanation", "why"]
    assert row["span"] == {"text": "68家", "start": 8, "end": 11, "line": 1, "context": "厦门境内上市公司68家"}
    assert row["claimed"] == {
        "kind": "quantity", "value": 68, "lower": None, "upper": None, "unit": "家",
        "qualifier": "exact", "scale": 1, "base_unit": "count", "date": None, "period": None,
    }
    assert (row["verdict"], row["fact"]["id"]) == ("match", "capital-markets/listed-companies")
    assert row["why"] == "the text names 境内上市公司"
    [scoped] = json.loads(run("check", "全国境内上市公司5000家", "--json", facts=SHIPPED).stdout)
    assert (scoped["fact"], scoped["why"]) == (None, "its scope (全国) is not the record's")
    bad = run("check", "厦门境内上市公司有70家", "--jsonl", facts=SHIPPED)
    assert bad.exit_code == 1
    assert json.loads(bad.stdout.splitlines()[0])["difference"] == 2


def test_cli_check_reads_stdin_and_files(run: Run, tmp_path: Path) -> None:
    piped = run("check", "-", "--json", input="天马累计投资超1000亿元", facts=SHIPPED)
    assert [r["verdict"] for r in json.loads(piped.stdout)] == ["match"]
    drafted = run("check", "-f", str(DRAFT), "--json", facts=SHIPPED)
    assert drafted.exit_code == 1
    assert Counter(r["verdict"] for r in json.loads(drafted.stdout)) == {"match": 14, "mismatch": 7, "unknown": 3}
    latin = tmp_path / "latin.txt"
    latin.write_bytes("a\ncaf\xe9".encode("latin-1"))
    broken = run("check", "-f", str(latin), facts=SHIPPED)
    assert (broken.exit_code, broken.stderr) == (2, f"xmfacts: error: --file {latin}:2: not UTF-8 (byte 0xe9)\n")
    nothing = run("check", facts=SHIPPED)
    assert (nothing.exit_code, nothing.stderr) == (2, "xmfacts: error: nothing to check: give a claim, -f FILE, or - for standard input\n")


def test_cli_check_table(run: Run) -> None:
    result = run("check", "厦门境内上市公司有70家", facts=SHIPPED)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "1 figure: 0 match, 0 consistent, 0 outdated, 1 mismatch, 0 unknown"
    assert "+2家" in result.stdout and "×1.029" in result.stdout


def test_cli_check_without_figures_is_not_an_error(run: Run) -> None:
    result = run("check", "厦门是一座美丽的城市", facts=SHIPPED)
    assert (result.exit_code, result.stdout) == (0, "0 figures: 0 match, 0 consistent, 0 outdated, 0 mismatch, 0 unknown\n")


def test_cli_compare_id_figure(run: Run) -> None:
    mismatch = run("compare", "capital-markets/listed-companies", "70家", "--json", facts=SHIPPED)
    assert mismatch.exit_code == 1
    [row] = json.loads(mismatch.stdout)
    assert (row["verdict"], row["difference"], row["ratio"]) == ("mismatch", 2, 1.029412)
    consistent = run("compare", "sme-credit/xinyidai-credit-granted", "超1100亿元", "--json", facts=SHIPPED)
    assert consistent.exit_code == 0
    assert json.loads(consistent.stdout)[0]["verdict"] == "consistent"
    wrong = run("compare", "capital-markets/listed-companies", "lots", facts=SHIPPED)
    assert wrong.exit_code == 2


# ---- terminal habits (issue 13): forgotten quotes and -f, stdin on a terminal, one format ----


def test_words_typed_without_quotes_are_one_claim(run: Run) -> None:
    # `xmfacts check 厦门境内上市公司有 70家`: the shell splits it; 70家 keeps its subject.
    result = run("check", "厦门境内上市公司有", "70家", "--json", facts=SHIPPED)
    assert result.exit_code == 1
    [row] = json.loads(result.stdout)
    assert (row["verdict"], row["fact"]["id"], row["span"]["context"]) == ("mismatch", "capital-markets/listed-companies", "厦门境内上市公司有 70家")


def test_a_file_name_without_f_is_refused_with_the_command_meant(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.md").write_text("厦门境内上市公司有70家\n", encoding="utf-8")
    result = run("check", "draft.md", facts=SHIPPED)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "xmfacts: error: draft.md is a file, not a claim (did you mean: xmfacts check -f draft.md?)\n"
    # a claim that merely looks like a file name is checked as usual
    assert run("check", "notes.md", facts=SHIPPED).exit_code == 0


@pytest.mark.parametrize("claim", [
    # a sentence from xmenglish.cn with no figure the reader takes, longer than a file name may be
    "Torch Hi-Tech Zone has followed the path of development " * 8,
    "a claim with a \0 in it",
])
def test_a_claim_no_file_could_be_named_is_checked_not_looked_up(run: Run, claim: str) -> None:
    result = run("check", claim, "--json", facts=SHIPPED)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "[]\n", "")


def test_stdin_on_a_terminal_says_it_is_waiting(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal("厦门境内上市公司68家"))
    assert gather(["-"], None) == "厦门境内上市公司68家"
    assert capsys.readouterr().err == "reading claims from standard input (Ctrl-D to end)\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO("piped"))
    assert gather(["-"], None) == "piped"
    assert capsys.readouterr().err == ""


def test_json_and_jsonl_together_are_a_usage_error(run: Run) -> None:
    result = run("check", "厦门境内上市公司68家", "--json", "--jsonl", facts=SHIPPED)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "xmfacts: error: --json and --jsonl cannot be used together; choose one\n"


def test_percent_differences_are_percentage_points(run: Run) -> None:
    result = run("check", "全省占比达三成", "--json", facts=SHIPPED)
    [row] = json.loads(result.stdout)
    assert row["explanation"] == "the record says 4成 (exact, as of 2024): off by -10 percentage points, ×0.75"
    table = run("check", "全省占比达三成", facts=SHIPPED)
    assert "-10个百分点" in table.stdout and "×0.750" in table.stdout


def test_a_wan_yi_slip_shows_a_ratio_that_is_not_zero(run: Run) -> None:
    table = run("check", "企业通过资本市场累计募集资金5981万元", facts=BASIC)
    assert (table.exit_code, "×0.0001" in table.stdout, "×0.000 " in table.stdout) == (1, True, False)
    [row] = json.loads(run("check", "企业通过资本市场累计募集资金5981万元", "--json", facts=BASIC).stdout)
    assert row["explanation"].endswith("×0.0001")


def test_a_facts_terms_are_the_terms_of_its_words_without_its_figures() -> None:
    from xmfacts.check.words import _terms, _without_figures
    from xmfacts.check.profile import fact_terms
    from xmfacts.index import load_factbase
    from xmfacts.figures.reader import read_figures

    import dataclasses

    facts = load_factbase(Path(__file__).parents[1] / "facts").facts
    assert len(facts) > 50
    # a traditional character in one part: fold's phrase table applies to all of them (反覆 → 反复)
    odd = dataclasses.replace(facts[0], label="廈門" + facts[0].label, tags=(*facts[0].tags, "反覆"))
    assert "反复" in fact_terms(odd)
    for f in (*facts, odd):
        words = " ".join((f.label, f.label_en, f.entity, _without_figures(f.quote, read_figures(f.quote)), *f.tags))
        assert fact_terms(f) == frozenset(_terms(words)), f.full_id


def test_a_facts_change_words_are_found_as_the_pattern_finds_them() -> None:
    # check_profile tells whether a fact speaks of a change with substring tests first; what
    # it says must be what the pattern the matcher reads clauses with says.
    from xmfacts.check.words import _CHANGE, _says_change
    from xmfacts.index import load_factbase

    facts = load_factbase(Path(__file__).parents[1] / "facts").facts
    texts = [" ".join((f.label, f.label_en, f.entity, f.quote, *f.tags, *f.measure)).casefold() for f in facts]
    texts += ["新增", "the rise", "sunrise", "upward", "up", "rose garden", "ups and downs", "increases", "growths", "", "同 比"]
    assert any(_says_change(t) for t in texts) and not all(_says_change(t) for t in texts)
    for text in texts:
        assert _says_change(text) == bool(_CHANGE.search(text)), text
