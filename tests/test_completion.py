"""Shell completion, driven as the shell drives it: the completion variables in the
environment, the candidates on stdout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import BASIC

XMFACTS = str(Path(sys.executable).parent / "xmfacts")  # the console script, as the shell runs it


def complete(shell: str, words: str, **extra: str) -> list[str]:
    env = {**os.environ, "XMFACTS_FACTS": str(BASIC), "_XMFACTS_COMPLETE": f"complete_{shell}", **extra}
    if shell == "bash":
        env.update(COMP_WORDS=words, COMP_CWORD=str(len(words.split()) - (0 if words.endswith(" ") else 1)))
    else:
        env["_TYPER_COMPLETE_ARGS"] = words
    done = subprocess.run([XMFACTS], capture_output=True, env=env, text=True, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    return done.stdout.splitlines()


@pytest.fixture(autouse=True)
def _installed() -> None:
    if not Path(XMFACTS).exists():
        pytest.skip("the xmfacts console script is not installed beside this Python")


def test_bash_completes_fact_ids_within_a_topic() -> None:
    assert complete("bash", "xmfacts show capital-markets/") == [
        "capital-markets/listed-companies",
        "capital-markets/province-share",
        "capital-markets/funds-raised",
        "capital-markets/funds-raised-since-2023",
    ]
    assert complete("bash", "xmfacts show capital-markets/fu") == ["capital-markets/funds-raised", "capital-markets/funds-raised-since-2023"]


def test_topics_first_then_the_facts_of_the_one_topic_left() -> None:
    assert complete("bash", "xmfacts show ") == ["capital-markets", "sme-credit"]
    assert complete("bash", "xmfacts compare sme") == [
        "sme-credit", "sme-credit/credit-granted", "sme-credit/smes-with-credit", "sme-credit/loan-cost-cut", "sme-credit/jinyuan-founded",
    ]  # fmt: skip


def test_commands_options_and_topics() -> None:
    assert complete("bash", "xmfacts ch") == ["check"]
    assert "--topic" in complete("bash", "xmfacts search --t")
    assert complete("bash", "xmfacts search 授信 --topic s") == ["sme-credit"]
    assert complete("bash", "xmfacts export --topic c") == ["capital-markets"]


def test_zsh_and_fish_get_the_same_candidates() -> None:
    zsh = complete("zsh", "xmfacts show capital-markets/fu")
    assert '"capital-markets/funds-raised"' in zsh[0] and '"capital-markets/funds-raised-since-2023"' in zsh[1]
    fish = complete("fish", "xmfacts show capital-markets/fu", _TYPER_COMPLETE_FISH_ACTION="get-args")
    assert fish == ["capital-markets/funds-raised", "capital-markets/funds-raised-since-2023"]


def test_a_broken_fact_base_completes_nothing_quietly(tmp_path: Path) -> None:
    assert complete("bash", "xmfacts show cap", XMFACTS_FACTS=str(tmp_path / "missing")) in ([], [""])


def test_show_completion_prints_the_script_of_the_shell_it_runs_in() -> None:
    # Typer finds the shell from the processes above it: run it from bash (a list, so that
    # bash stays the parent instead of exec'ing the command), as a user types it.
    done = subprocess.run(["bash", "-c", f"'{XMFACTS}' --show-completion; exit $?"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "_XMFACTS_COMPLETE=complete_bash" in done.stdout


def test_a_lookup_never_imports_the_completer() -> None:
    env = {**os.environ, "XMFACTS_FACTS": str(BASIC)}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", XMFACTS, "show", "capital-markets/listed-companies", "--json"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0
    assert "xmfacts.completion" not in done.stderr
