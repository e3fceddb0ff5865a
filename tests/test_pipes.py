"""A reader that goes away (`| head -1`) ends every command with 141, as for `cat`, never with
0, 1 or 2: under `set -o pipefail` a script would read 1 as "mismatch found".

A big generated fact base makes every listing longer than a pipe holds, so the reader is
gone before the writer is done. Output that fits in a pipe cannot notice the reader leaving
(`cat small.txt | head -1` exits 0 too); those commands are run into a pipe whose reader has
already closed, which is the same event without the race.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import BASIC

BIG = 1500  # facts in one topic: every listing of them is far past a pipe's 64 KiB
LONG_TITLE = " with a title long enough to wrap" * 12


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("big") / "facts"
    root.mkdir()
    shutil.copy(BASIC / "sources.toml", root)
    facts = "".join(
        f"""
[[fact]]
id = "f{i:04d}"
label = "厦门企业数量第{i}项"
label_en = "Count number {i} of companies in Xiamen, long enough to wrap in a table"
value = {i + 1}
unit = "家"
qualifier = "exact"
as_of = "2024"
entity = "厦门市"
measure = ["企业{i}"]
source = "xiamen-practice"
quote = "厦门企业{i + 1}家"
tags = ["企业"]
"""
        for i in range(BIG)
    )
    (root / "big.toml").write_text(f'[topic]\ntitle = "大"\ntitle_en = "Big"\n{facts}', encoding="utf-8")
    for t in range(400):  # enough topics, with titles long enough, that `topics` overflows a pipe too
        (root / f"t{t:03d}.toml").write_text(
            f'[topic]\ntitle = "主题{t}的标题写得长一些以便在表格里换行"\ntitle_en = "Topic {t}{LONG_TITLE}"\n'
            f'\n[[fact]]\nid = "only"\nlabel = "唯一"\nlabel_en = "Only"\nvalue = {t + 1}\nunit = "家"\nqualifier = "exact"\n'
            f'entity = "厦门市"\nmeasure = ["唯一"]\nsource = "xiamen-practice"\nquote = "有{t + 1}家"\n',
            encoding="utf-8",
        )
    return root


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("draft") / "draft.txt"
    path.write_text("厦门境内上市公司有70家，全省占比达四成。\n" * 800, encoding="utf-8")
    return path


def _env(facts: Path) -> dict[str, str]:
    return {**os.environ, "XMFACTS_FACTS": str(facts), "NO_COLOR": "1", "COLUMNS": "100"}


def into_head(facts: Path, *args: str) -> int:
    """Exit status of `xmfacts ARGS | head -1` under pipefail."""
    command = " ".join(f"'{a}'" for a in [sys.executable, "-m", "xmfacts", *args])
    done = subprocess.run(["bash", "-c", f"set -o pipefail; {command} | head -1 > /dev/null"], env=_env(facts), check=False)
    return done.returncode


def into_closed_pipe(facts: Path, *args: str) -> tuple[int, bytes]:
    """Exit status and stderr of xmfacts writing into a pipe nobody reads any more."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run([sys.executable, "-m", "xmfacts", *args], stdout=write, stderr=subprocess.PIPE, env=_env(facts), check=False)
    finally:
        os.close(write)
    return done.returncode, done.stderr


IDS = [f"big/f{i:04d}" for i in range(600)]

LONG = {
    "search table": ["search", "企业", "--limit", "0"],
    "search json": ["search", "企业", "--limit", "0", "--json"],
    "show topic table": ["show", "big"],
    "show topic json": ["show", "big", "--json"],
    "compare table": ["compare", *IDS],
    "compare json": ["compare", *IDS, "--json"],
    "topics table": ["topics"],
    "topics json": ["topics", "--json"],
    "export jsonl": ["export"],
    "export json": ["export", "--format", "json"],
    "export csv": ["export", "--format", "csv"],
    "export csv bom": ["export", "--format", "csv", "--bom"],
}


@pytest.mark.parametrize("args", LONG.values(), ids=LONG.keys())
def test_every_listing_into_head_exits_141(big: Path, args: list[str]) -> None:
    assert into_head(big, *args) == 141


@pytest.mark.parametrize("fmt", [[], ["--json"], ["--jsonl"], ["--format", "claimreview", "--review-url", "https://example.org/c", "--author", "Desk"]], ids=["table", "json", "jsonl", "claimreview"])
def test_check_of_a_long_draft_into_head_exits_141_not_1(draft: Path, fmt: list[str]) -> None:
    # The draft holds mismatches: exit 1 here would tell a script "mismatch found".
    assert into_head(BASIC, "check", "-f", str(draft), *fmt) == 141


def test_validate_json_with_many_problems_into_head_exits_141(big: Path, tmp_path: Path) -> None:
    broken = tmp_path / "facts"
    shutil.copytree(big, broken)
    text = (broken / "big.toml").read_text(encoding="utf-8")
    (broken / "big.toml").write_text(text.replace('unit = "家"', 'unit = "斤"'), encoding="utf-8")
    assert into_head(broken, "validate", "--json") == 141


SHORT = {
    "show fact table": ["show", "capital-markets/listed-companies"],
    "show fact json": ["show", "capital-markets/listed-companies", "--json"],
    "compare claim": ["compare", "capital-markets/listed-companies", "70家"],
    "compare claim json": ["compare", "capital-markets/listed-companies", "70家", "--json"],
    "check table": ["check", "厦门境内上市公司有70家"],
    "check json": ["check", "厦门境内上市公司有70家", "--json"],
    "check jsonl": ["check", "厦门境内上市公司有70家", "--jsonl"],
    "check claimreview": ["check", "厦门境内上市公司有70家", "--format", "claimreview", "--review-url", "https://example.org/c", "--author", "Desk"],
    "topics": ["topics"],
    "validate": ["validate"],
    "validate json": ["validate", "--json"],
    "fmt check": ["fmt", "--check"],
    "version": ["--version"],
}


@pytest.mark.parametrize("args", SHORT.values(), ids=SHORT.keys())
def test_short_output_into_a_closed_pipe_exits_141_quietly(args: list[str]) -> None:
    code, stderr = into_closed_pipe(BASIC, *args)
    assert (code, stderr) == (141, b"")


def test_add_into_a_closed_pipe_exits_141(factbase: Path) -> None:
    code, stderr = into_closed_pipe(
        factbase, "add", "capital-markets", "--id", "new-listings", "--label", "新增上市公司", "--label-en", "New listings",
        "--value", "5", "--unit", "家", "--measure", "新增上市公司", "--source", "xiamen-practice", "--quote", "新增上市公司5家", "--json",
    )  # fmt: skip
    assert (code, stderr) == (141, b"")
