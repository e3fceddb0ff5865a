"""Help people can read at 80 columns: examples, whole descriptions, real usage lines."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from xmfacts.cli import app

from .conftest import Run

COMMANDS = [c.callback.__name__ for c in app.registered_commands]  # type: ignore[union-attr]


@pytest.mark.parametrize("command", ["", *COMMANDS])
@pytest.mark.parametrize("columns", [80, 120])
def test_help_never_overflows_the_terminal(run: Run, command: str, columns: int) -> None:
    result = run(*([command] if command else []), "--help", COLUMNS=str(columns))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    # the example lines of a command's help are shell commands and are not wrapped
    prose = [line for line in lines if not line.lstrip().startswith("xmfacts ") and not line.startswith("        --")]
    assert max(cell_len(line) for line in prose) <= columns, "\n".join(l for l in prose if cell_len(l) > columns)


def test_help_with_chinese_is_wrapped_by_display_width(run: Run) -> None:
    result = run("add", "--help", COLUMNS="80")
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 80
    # the option that holds Chinese still says all of it
    assert "(亿元, 万家, %)" in " ".join(result.stdout.split())


def test_main_help_has_examples_and_every_whole_description(run: Run) -> None:
    result = run("--help", COLUMNS="80")
    text = " ".join(result.stdout.split())
    assert "Examples: xmfacts search 上市公司 xmfacts show capital-markets/listed-companies" in text
    for info in app.registered_commands:
        first_line = (info.callback.__doc__ or "").strip().splitlines()[0]  # type: ignore[union-attr]
        assert f"{info.callback.__name__} {first_line}" in text  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("compare", "Usage: xmfacts compare [OPTIONS] ID ID... | compare ID FIGURE"),
        ("search", "Usage: xmfacts search [OPTIONS] QUERY..."),
        ("show", "Usage: xmfacts show [OPTIONS] ID"),
        ("check", "Usage: xmfacts check [OPTIONS] CLAIM... | -f FILE | -"),
        ("topics", "Usage: xmfacts topics [OPTIONS]"),
    ],
)
def test_usage_lines_name_the_real_arguments(run: Run, command: str, usage: str) -> None:
    result = run(command, "--help", COLUMNS="100")
    assert result.stdout.splitlines()[0] == usage
    assert not re.search(r"\{[A-Z_]+\}", result.stdout)
