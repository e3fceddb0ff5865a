"""Bad input never crashes xmfacts, leaks into the terminal, or loses data (issue: robustness).

In-process cases go through CliRunner; pipes, encodings and signals need a real process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from xmfacts import safewrite
from xmfacts.errors import OutputError

from .conftest import BASIC, Run

SHIPPED = Path(__file__).parents[1] / "facts"
DOCUMENTED_EXIT_CODES = {0, 1, 2}


def xmfacts(*args: str, env: dict[str, str] | None = None, shell: str | None = None) -> subprocess.CompletedProcess[bytes]:
    """The real command in a child process (pipes and terminal encodings are real there)."""
    environment = {**os.environ, "XMFACTS_FACTS": str(BASIC), "NO_COLOR": "1", **(env or {})}
    if shell:
        return subprocess.run(["bash", "-c", shell], capture_output=True, env=environment, check=False)
    return subprocess.run([sys.executable, "-m", "xmfacts", *args], capture_output=True, env=environment, check=False)


# ---- hostile queries and claims -------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [".*[", "(?P<x>", "\\", "[bold red]x[/]", "\x00", "\x1b[31mred", "\ud800", "ＡＢＣ１２３", "授信abc１２３", "a" * 1_000_000],
)
def test_odd_queries_are_handled(run: Run, query: str) -> None:
    result = run("search", query, "--json")
    assert result.exit_code in (0, 1)
    hits = json.loads(result.stdout)
    # a hit is only ever a fact that matched: nothing found is an empty list and exit 1
    assert isinstance(hits, list) and (result.exit_code == 1) == (hits == [])


def test_control_characters_in_a_query_are_shown_escaped(run: Run) -> None:
    result = run("search", "\x1b[31mred\x07")
    assert result.exit_code == 1
    assert result.stderr == "xmfacts: error: no fact matches '\\x1b[31mred\\x07'\n"


def test_unknown_id_with_markup_and_escapes_is_shown_literally(run: Run) -> None:
    result = run("show", "[bold]x[/]\x1b[2J")
    assert result.exit_code == 1
    assert result.stderr.startswith("xmfacts: error: no fact or topic with id '[bold]x[/]\\x1b[2J'")


def test_rich_markup_in_data_is_shown_literally(run: Run, factbase: Path) -> None:
    path = factbase / "capital-markets.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("厦门境内上市公司数量", "[bold red]x[/] [link=http://e.vil]点[/link]"), encoding="utf-8")
    result = run("show", "capital-markets/listed-companies", facts=factbase)
    assert result.exit_code == 0
    assert "label       [bold red]x[/] [link=http://e.vil]点[/link]" in result.stdout


def test_escape_sequences_in_fact_files_are_refused(run: Run, factbase: Path) -> None:
    path = factbase / "capital-markets.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("厦门境内上市公司数量", "\\u001b[2J清屏"), encoding="utf-8")
    result = run("search", "清屏", facts=factbase)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"xmfacts: error: {path}:5: capital-markets/listed-companies: label contains control character U+001B\n"


def test_lone_surrogates_in_a_claim_keep_json_valid(run: Run) -> None:
    result = run("check", "厦门境内上市公司\udce968家", "--json", facts=SHIPPED)
    assert result.exit_code == 0
    [row] = json.loads(result.stdout)
    assert row["span"]["context"] == "厦门境内上市公司\udce968家"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=80))
def test_any_text_to_search_and_check_gives_a_documented_exit_code(run: Run, text: str) -> None:
    for args in (("search", text), ("search", text, "--json"), ("check", text), ("check", text, "--jsonl")):
        result = run(*args, facts=SHIPPED)
        assert result.exit_code in DOCUMENTED_EXIT_CODES, (args, result.stderr)
        assert "Traceback" not in result.stderr


# ---- output channels ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pipeline",
    [
        "python -m xmfacts export --format jsonl --facts-dir {facts} | head -1",
        "python -m xmfacts search 企业 --limit 0 --facts-dir {facts} | head -1",
        "python -m xmfacts check -f {draft} | head -1",
    ],
)
def test_a_closed_pipe_ends_quietly(pipeline: str) -> None:
    # Enough output that the reader is gone before the writer is done.
    draft = Path(__file__).parent / "drafts" / "draft.md"
    big = (draft.read_text(encoding="utf-8") * 40)
    tmp = Path(os.environ.get("TMPDIR", "/tmp")) / f"xmfacts-pipe-{os.getpid()}.md"
    tmp.write_text(big, encoding="utf-8")
    try:
        shell = f"set -o pipefail; {pipeline.format(facts=SHIPPED, draft=tmp).replace('python', sys.executable, 1)}; echo \"exit=$?\" >&2"
        done = xmfacts(shell=shell, env={"XMFACTS_FACTS": str(SHIPPED)})
    finally:
        tmp.unlink()
    stderr = done.stderr.decode()
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr and "Exception ignored" not in stderr
    assert stderr.strip().splitlines()[-1] in {"exit=0", "exit=1", "exit=141"}
    assert len(done.stdout.decode().splitlines()) == 1


def test_ascii_only_terminal_gets_valid_json_and_readable_tables() -> None:
    env = {"PYTHONIOENCODING": "ascii", "COLUMNS": "100"}
    as_json = xmfacts("search", "授信", "--json", env=env)
    assert as_json.returncode == 0
    assert as_json.stdout.isascii()
    assert json.loads(as_json.stdout)[0]["label"] == "“厦门信易贷”平台中小企业累计获得授信"
    table = xmfacts("search", "授信", env=env)
    assert (table.returncode, table.stderr) == (0, b"")
    assert b"sme-credit/credit-granted" in table.stdout
    missing = xmfacts("show", "资本/市场", env=env)
    assert missing.returncode == 1
    assert missing.stderr == b"xmfacts: error: no fact or topic with id '\\u8d44\\u672c/\\u5e02\\u573a'\n"


def test_lang_c_is_not_a_problem() -> None:
    done = xmfacts("search", "授信", "--json", env={"LANG": "C", "LC_ALL": "C"})
    assert done.returncode == 0
    assert json.loads(done.stdout)[0]["id"] == "sme-credit/credit-granted"


@pytest.mark.parametrize("columns", [20, 30, 80])
def test_narrow_dumb_terminals_wrap_chinese_without_cutting_it(run: Run, columns: int) -> None:
    cases = {
        ("search", "授信"): "“厦门信易贷”平台中小企业累计获得授信",
        ("show", "sme-credit/credit-granted"): "“厦门信易贷”平台中小企业累计获得授信",
        ("show", "capital-markets"): "企业通过资本市场累计募集资金",
        ("topics",): "中小企业信用融资",
    }
    for args, label in cases.items():
        result = run(*args, COLUMNS=str(columns), TERM="dumb", NO_COLOR="1")
        assert result.exit_code == 0
        assert "\x1b" not in result.stdout and "\ufffd" not in result.stdout
        assert max(cell_len(line) for line in result.stdout.splitlines()) <= columns
        # every character of the label is still there, only wrapped
        flat = "".join(line.strip() for line in result.stdout.splitlines())
        assert label in flat


# ---- data safety ----------------------------------------------------------------------------


def test_an_interrupted_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")

    def crash(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(safewrite.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        safewrite.atomic_write(target, "new\n", force=True)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_an_unwritable_directory_is_a_clear_error(run: Run, tmp_path: Path) -> None:
    result = run("export", "-o", str(tmp_path / "missing" / "out.jsonl"))
    assert result.exit_code == 2
    assert result.stderr == f"xmfacts: error: cannot write in {tmp_path}/missing: No such file or directory\n"


def test_refusing_to_overwrite_keeps_the_file(tmp_path: Path) -> None:
    target = tmp_path / "keep.txt"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError):
        safewrite.atomic_write(target, "theirs")
    assert target.read_text(encoding="utf-8") == "mine"


def test_no_traceback_from_the_console_script_on_a_bad_fact_base(tmp_path: Path) -> None:
    (tmp_path / "x.toml").write_text("[topic\n", encoding="utf-8")
    done = xmfacts("topics", env={"XMFACTS_FACTS": str(tmp_path)})
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr
    assert done.stderr.decode().startswith(f"xmfacts: error: {tmp_path}")


def test_app_is_importable_without_rich_for_json_commands() -> None:
    code = (
        "import sys; sys.argv=['xmfacts','show','capital-markets/listed-companies','--json'];"
        "from xmfacts.cli import main\n"
        "try:\n main()\nexcept SystemExit: pass\n"
        "print('rich' in sys.modules, 'pydantic' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, env={**os.environ, "XMFACTS_FACTS": str(BASIC)}, check=False)
    assert done.stderr == b"False False\n"
    assert json.loads(done.stdout)["id"] == "capital-markets/listed-companies"
