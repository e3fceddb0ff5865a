"""Golden tests: the exact human and JSON output of each command, colour off, 100 columns.

Regenerate after an intended change with XMFACTS_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import os
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
    "topics-table": ("topics",),
    "export-jsonl": ("export", "--topic", "sme-credit"),
    "export-csv": ("export", "--format", "csv", "--topic", "capital-markets"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(run: Run, name: str) -> None:
    columns = "40" if "40-columns" in name else "100"
    result = run(*CASES[name], COLUMNS=columns)
    assert result.exit_code == 0, result.stderr
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
