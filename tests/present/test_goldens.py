"""Golden tests: the exact human and JSON output of each command, colour off, 100 columns.

Regenerate after an intended change with XMFACTS_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from ..conftest import BASIC, Run

GOLDEN = Path(__file__).parents[1] / "golden"

CASES = {
    "search-table": ("search", "授信"),
    "search-cards-40-columns": ("search", "授信", "--limit", "1"),
    "search-json": ("search", "上市公司", "--json"),
    "show-fact": ("show", "sme-credit/credit-granted"),
    "show-range": ("show", "sme-credit/loan-cost-cut"),
    "show-date": ("show", "sme-credit/jinyuan-founded"),
    "show-fact-json": ("show", "capital-markets/province-share", "--json"),
    "show-topic": ("show", "capital-markets"),
    "compare-table": ("compare", "capital-markets/funds-raised", "capital-markets/funds-raised-since-2023", "sme-credit/smes-with-credit"),
    "compare-table-120-columns": ("compare", "capital-markets/funds-raised", "capital-markets/funds-raised-since-2023", "sme-credit/smes-with-credit"),
    "search-table-80-columns": ("search", "上市公司"),
    "search-table-120-columns": ("search", "上市公司"),
    "search-cards-50-columns": ("search", "上市公司"),
    "check-table-120-columns": ("check", "厦门境内上市公司有70家，全省占比达三成，募集资金5981万元"),
    "check-table-80-columns": ("check", "厦门境内上市公司有70家，全省占比达三成，募集资金5981万元"),
    "check-cards-50-columns": ("check", "厦门境内上市公司有70家，全省占比达三成，募集资金5981万元"),
    "topics-cards-50-columns": ("topics",),
    "topics-table": ("topics",),
    "export-jsonl": ("export", "--topic", "sme-credit"),
    "export-csv": ("export", "--format", "csv", "--topic", "capital-markets"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(run: Run, name: str) -> None:
    found = re.search(r"(\d+)-columns", name)
    columns = found.group(1) if found else "100"
    result = run(*CASES[name], COLUMNS=columns)
    assert result.exit_code == (1 if name.startswith("check") else 0), result.stderr  # the claims hold mismatches
    path = GOLDEN / f"{name}.txt"
    stdout = result.stdout.replace(str(BASIC), "BASIC")  # topics names the fact base it read
    if os.environ.get("XMFACTS_UPDATE_GOLDEN"):
        path.write_text(stdout, encoding="utf-8")
    assert stdout == path.read_text(encoding="utf-8")


DRAFT = Path(__file__).parents[1] / "drafts" / "draft.md"


def test_golden_long_draft_is_one_line_per_figure(run: Run, tmp_path: Path) -> None:
    """More than TABLE_LIMIT figures: a linter-style line each, then the summary."""
    from xmfacts.present.tables import TABLE_LIMIT

    text = DRAFT.read_text(encoding="utf-8")
    long_draft = tmp_path / "long.md"
    long_draft.write_text(text * 3, encoding="utf-8")
    result = run("check", "-f", str(long_draft))
    assert result.exit_code == 1  # the draft alters figures on purpose
    lines = result.stdout.splitlines()
    assert len(lines) > TABLE_LIMIT + 1
    path = GOLDEN / "check-long-draft-lines.txt"
    if os.environ.get("XMFACTS_UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")


SHIPPED = Path(__file__).parents[2] / "facts"


@pytest.mark.parametrize("columns", ["120", "80", "61"])
def test_ids_are_never_cut_in_a_table(run: Run, columns: str) -> None:
    longest = "high-tech-enterprises/national-high-tech-enterprises"
    result = run("search", "高新技术企业", "--limit", "0", COLUMNS=columns, facts=SHIPPED)
    tokens = [t for line in result.stdout.splitlines() for t in line.split() if "/" in t]
    assert longest in tokens
    from xmfacts.index import load_factbase

    known = {f.full_id for f in load_factbase(SHIPPED).facts}
    assert set(tokens) <= known  # a cut id would leave a head that is no id


def test_verdicts_are_coloured_on_a_terminal_and_plain_otherwise(run: Run) -> None:
    claim = ("check", "厦门境内上市公司有70家，厦门境内上市公司68家，截至2018年底，厦门境内上市公司51家")
    coloured = run(*claim, FORCE_COLOR="1", NO_COLOR="", TERM="xterm-256color", facts=SHIPPED).stdout
    assert "\x1b[1;31mmismatch" in coloured
    assert "\x1b[32mmatch" in coloured
    assert "\x1b[33moutdated" in coloured
    # NO_COLOR on a terminal: no colour (bold stays, as NO_COLOR allows); not a terminal: nothing at all
    assert not re.search(r"\x1b\[[0-9;]*3[0-7]m", run(*claim, NO_COLOR="1", FORCE_COLOR="1", TERM="xterm-256color", facts=SHIPPED).stdout)
    assert "\x1b[" not in run(*claim, NO_COLOR="", TERM="xterm-256color", facts=SHIPPED).stdout


def test_golden_html_report(run: Run) -> None:
    """check --format html of a small fixed draft, byte for byte: SOURCE_DATE_EPOCH fixes "when
    checked", and the fact base's path is the only other thing that varies between machines."""
    result = run("check", "厦门境内上市公司有70家，全省占比达三成，募集资金5981万元", "--format", "html",
                 SOURCE_DATE_EPOCH="1733011200")
    assert result.exit_code == 1, result.stderr
    path = GOLDEN / "check-html.html"
    page = result.stdout.replace(str(BASIC), "BASIC")
    if os.environ.get("XMFACTS_UPDATE_GOLDEN"):
        path.write_text(page, encoding="utf-8")
    assert page == path.read_text(encoding="utf-8")
