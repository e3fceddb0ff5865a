"""`xmfacts validate`: every quote in the article, every figure in its quote."""

from __future__ import annotations

import json
from pathlib import Path


from xmfacts.validate import validate

from .conftest import BASIC, FIXTURES, Run

EXCERPT = FIXTURES / "excerpt.txt"


def test_the_basic_fixture_traces_to_its_excerpt(run: Run) -> None:
    result = run("validate", "--source-text", str(EXCERPT))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "ok: 8 facts in 2 topics, every quote and figure traced to 1 source text(s)\n"


def test_a_quote_wrapped_across_lines_in_the_source_still_counts(factbase: Path) -> None:
    # the excerpt breaks "…的情况下，\n累计获得授信…" over two lines
    path = factbase / "sme-credit.toml"
    text = path.read_text(encoding="utf-8").replace('quote = "累计获得授信1141.58亿元"', 'quote = "的情况下， 累计获得授信1141.58亿元"')
    path.write_text(text, encoding="utf-8")
    assert validate(factbase, [EXCERPT]).problems == ()


def test_every_kind_of_tracing_mistake_is_reported(factbase: Path) -> None:
    path = factbase / "capital-markets.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("value = 68", "value = 69")  # mistyped figure
    text = text.replace('quote = "全省占比达四成"', 'quote = "全省占比达五成"')  # quote not in the article
    text = text.replace("value = 4\n", "value = 5\n")
    path.write_text(text, encoding="utf-8")
    sme = factbase / "sme-credit.toml"
    sme.write_text(sme.read_text(encoding="utf-8").replace('date = "2011-07"', 'date = "2011-08"'), encoding="utf-8")
    problems = [str(p) for p in validate(factbase, [EXCERPT]).problems]
    assert problems == [
        f"{path}:5: capital-markets/listed-companies: figure 69家 is not printed in its quote '目前厦门境内上市公司68家'",
        f"{path}:19: capital-markets/province-share: quote not found in the source text: '全省占比达五成'",
        f"{sme}:45: sme-credit/jinyuan-founded: figure 2011-08 is not printed in its quote '成立于2011年7月的金圆集团'",
    ]


def test_ranges_and_chinese_numerals_are_read_in_quotes(factbase: Path) -> None:
    path = factbase / "sme-credit.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("upper = 40", "upper = 45"), encoding="utf-8")
    [problem] = validate(factbase, [EXCERPT]).problems
    assert problem.message == "figure 10—45% is not printed in its quote '“屿链通”可为客户降低融资成本10%—40%'"


def test_cli_reports_problems_with_exit_2_and_json(run: Run, factbase: Path) -> None:
    path = factbase / "capital-markets.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("value = 68", "value = 69"), encoding="utf-8")
    result = run("validate", "-s", str(EXCERPT), facts=factbase)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"xmfacts: error: {path}:5: capital-markets/listed-companies: figure 69家 is not printed in its quote '目前厦门境内上市公司68家'\n"
    )
    as_json = json.loads(run("validate", "-s", str(EXCERPT), "--json", facts=factbase).stdout)
    assert as_json == {
        "ok": False,
        "facts": 8,
        "topics": 2,
        "problems": [
            {
                "path": str(path),
                "line": 5,
                "column": None,
                "fact_id": "capital-markets/listed-companies",
                "message": "figure 69家 is not printed in its quote '目前厦门境内上市公司68家'",
            }
        ],
        "fact_base": {"path": str(factbase), "origin": "XMFACTS_FACTS"},
        "notes": [],
    }


def test_structural_problems_come_first_and_all_at_once(run: Run, factbase: Path) -> None:
    (factbase / "broken.toml").write_text("[topic\n", encoding="utf-8")
    result = run("validate", "--json", facts=factbase)
    assert result.exit_code == 2
    [problem] = json.loads(result.stdout)["problems"]
    assert (problem["path"], problem["line"], problem["column"]) == (str(factbase / "broken.toml"), 1, 7)


def test_source_text_may_follow_as_arguments_and_must_exist(run: Run, tmp_path: Path) -> None:
    assert run("validate", "--source-text", str(EXCERPT), str(EXCERPT)).stdout.endswith("traced to 2 source text(s)\n")
    missing = run("validate", "--source-text", str(tmp_path / "none.txt"))
    assert missing.exit_code == 2
    assert missing.stderr == f"xmfacts: error: --source-text {tmp_path}/none.txt: cannot read: No such file or directory\n"


def test_basic_fixture_is_clean_without_source_texts() -> None:
    report = validate(BASIC)
    assert (report.facts, report.topics, report.problems) == (8, 2, ())


def test_a_fact_without_measure_is_reported(factbase: Path) -> None:
    path = factbase / "capital-markets.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('measure = ["境内上市公司", "上市公司", "listed companies"]\n', ""), encoding="utf-8")
    problems = [str(p) for p in validate(factbase).problems]
    assert problems == [
        f'{path}:5: capital-markets/listed-companies: no measure: say what the figure measures '
        '(measure = ["上市公司", "listed companies"]; add --measure)'
    ]
