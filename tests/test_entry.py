"""xmfacts.entry: plain JSON lookups skip Typer, and give what the Typer app gives."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from xmfacts.entry import quick

from .conftest import BASIC


@pytest.mark.parametrize("args", [
    ["show", "capital-markets/listed-companies", "--json"],
    ["show", "--json", "capital-markets"],
    ["search", "授信", "--json"],
    ["search", "listed", "companies", "--json", "--limit", "2", "--topic", "capital-markets"],
    ["search", "--facts-dir", "somewhere", "授信", "--json", "-n", "0"],
    ["show", "capital-markets/listed-companies"],
    ["search", "上市公司"],
])
def test_plain_lookups_are_quick(args: list[str]) -> None:
    assert quick(args) is not None


@pytest.mark.parametrize("args", [
    [], ["--help"], ["--version"], ["check", "68家", "--json"],
    ["show", "a", "b", "--json"], ["show", "--json"], ["search", "--json"],
    ["search", "授信", "--json", "--explain"], ["search", "授信", "--json", "--limit"],
    ["search", "授信", "--json", "--limit", "-1"], ["search", "授信", "--json", "--limit=3"],
    ["search", "-5", "--json"], ["show", "x", "--json", "--topic", "t"], ["search", "授信", "--json", "--help"],
])
def test_anything_else_goes_to_the_typer_app(args: list[str]) -> None:
    assert quick(args) is None


def _run(code: str, args: list[str], cache: Path) -> tuple[int, str, str]:
    env = {**os.environ, "XMFACTS_FACTS": str(BASIC), "XMFACTS_CACHE_DIR": str(cache), "COLUMNS": "100"}
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=False)
    return done.returncode, done.stdout, done.stderr


ENTRY = "import sys; sys.argv[0] = 'xmfacts'; from xmfacts.entry import main; main()"
TYPER = "import sys; sys.argv[0] = 'xmfacts'; from xmfacts.cli import main; main()"


@pytest.mark.parametrize("args", [
    ["show", "capital-markets/listed-companies", "--json"],
    ["show", "capital-markets", "--json"],
    ["show", "capital-markets/listed-company", "--json"],
    ["search", "授信", "--json"],
    ["search", "上市公司", "--json", "-n", "1"],
    ["search", "zzzzqq", "--json"],
    ["search", "授信", "--json", "--topic", "nope"],
    ["search", "", "--json"],
    ["show", "capital-markets/listed-companies"],
    ["show", "capital-markets"],
    ["search", "授信"],
    ["search", "上市公司", "-n", "1"],
    ["search", "zzzzqq"],
])
def test_the_quick_way_and_the_typer_app_agree(args: list[str], tmp_path: Path) -> None:
    assert _run(ENTRY, args, tmp_path) == _run(TYPER, args, tmp_path)


def test_a_quick_lookup_does_not_import_typer(tmp_path: Path) -> None:
    code = ENTRY.replace("main()", "\ntry:\n    main()\nexcept SystemExit:\n    pass\nprint('typer' in sys.modules, 'rich' in sys.modules, file=sys.stderr)")
    status, out, err = _run(code, ["show", "capital-markets/listed-companies", "--json"], tmp_path)
    assert (status, err) == (0, "False False\n")
    assert '"id": "capital-markets/listed-companies"' in out
