"""The documentation keeps up with the app: every command is in README.md and shows an example.

Looped over the Typer app's own commands, not a hand-kept list, so a new command without
docs fails here.
"""

from __future__ import annotations

import re

from pathlib import Path

import pytest

from xmfacts.cli import app

from .conftest import Run

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)  # type: ignore[union-attr]


def test_the_app_has_commands() -> None:
    assert {"search", "show", "compare", "check", "add", "fmt"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"xmfacts {command}" in README


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(run: Run, command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert f"xmfacts {command}" in result.stdout.replace("\n", " ")
    assert "Examples:" in result.stdout
    # the example itself, not just the heading: an indented line that runs the command
    assert f"  xmfacts {command}" in result.stdout


def test_every_readme_section_on_architecture_names_real_modules() -> None:
    section = README.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    package = Path(__file__).parents[1] / "src" / "xmfacts"
    named = re.findall(r"`([\w/]+(?:\.py|\.txt|/))`", section)
    assert len(named) > 20, "README's architecture section lists the modules"
    for name in named:
        assert (package / name).exists() or (package.parents[1] / name).exists(), name
    # and every module of the package is named there, by file or within its package's line
    for path in package.rglob("*.py"):
        relative = path.relative_to(package)
        if path.name == "__init__.py":
            continue
        said = str(relative) in named or f"`{path.stem}`" in section
        assert said, f"README's architecture section does not say what {relative} is for"
