"""A new desk's first article: `extract` into a fact base with no topic yet, drafts a curator
only has to confirm, and `add --from` taking them in (issue 23)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from xmfacts.factbase.layout import NO_SOURCES

from .conftest import BASIC, Run

FIRST_ARTICLE = "目前厦门境内上市公司68家，全省占比达四成。截至今年9月末，厦门国际银行科技金融贷款余额271.47亿元。\n"


@pytest.fixture
def empty_base(tmp_path: Path) -> Path:
    """A desk's fact base before its first fact: sources.toml and nothing else."""
    root = tmp_path / "facts"
    root.mkdir()
    shutil.copy(BASIC / "sources.toml", root / "sources.toml")
    return root


@pytest.fixture
def first_article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(FIRST_ARTICLE, encoding="utf-8")
    return path


def test_extract_drafts_every_figure_into_a_base_with_no_topic(run: Run, empty_base: Path, first_article: Path) -> None:
    result = run("extract", str(first_article), "--published", "2024-11-20", "--json", facts=empty_base)
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["value"], r["unit"], r["on_record"]) for r in rows] == [(68, "家", None), (4, "成", None), (271.47, "亿元", None)]


def test_lookups_on_a_base_with_no_topic_find_nothing_without_failing(run: Run, empty_base: Path) -> None:
    shown = run("show", "capital-markets", facts=empty_base)
    assert (shown.exit_code, shown.stderr) == (1, "xmfacts: error: no fact or topic with id 'capital-markets'\n")
    found = run("search", "上市公司", facts=empty_base)
    assert (found.exit_code, found.stderr) == (1, "xmfacts: error: no fact matches '上市公司'\n")
    assert run("search", "上市公司", "--json", facts=empty_base).stdout.strip() in ("", "[]")
    assert run("validate", facts=empty_base).exit_code == 0
    checked = run("check", "厦门境内上市公司68家", "--json", facts=empty_base)
    assert checked.exit_code == 0 and json.loads(checked.stdout)[0]["verdict"] == "unknown"


def test_a_directory_without_sources_says_what_to_add(run: Run, tmp_path: Path, first_article: Path) -> None:
    bare = tmp_path / "bare"
    bare.mkdir()
    result = run("extract", str(first_article), facts=bare)
    assert result.exit_code == 2
    assert result.stderr == f"xmfacts: error: {bare}: {NO_SOURCES}\n"
    assert "sources.toml" in NO_SOURCES and "[[source]]" in NO_SOURCES
