"""Whose fact base: --facts-dir, $XMFACTS_FACTS, a checkout's facts/ above the current
directory, then the bundled copy, which add and fmt refuse to write."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from xmfacts.factbase.locate import READ_ONLY, Origin, default_facts_dir, locate

from ..authoring.test_cli import ADD
from ..conftest import BASIC, Run


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A project with facts/sources.toml, as a fresh clone has."""
    shutil.copytree(BASIC, tmp_path / "project" / "facts")
    deeper = tmp_path / "project" / "drafts" / "2024"
    deeper.mkdir(parents=True)
    return tmp_path / "project"


def test_order_option_then_env_then_checkout_then_bundled(checkout: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("XMFACTS_FACTS", raising=False)
    monkeypatch.chdir(checkout / "drafts" / "2024")  # any depth below the checkout
    assert locate() == locate(None)
    assert (locate().path, locate().origin) == (checkout / "facts", Origin.CHECKOUT)
    monkeypatch.setenv("XMFACTS_FACTS", str(BASIC))
    assert (locate().path, locate().origin) == (BASIC, Origin.ENV)
    assert (locate(tmp_path).path, locate(tmp_path).origin) == (tmp_path, Origin.OPTION)
    monkeypatch.delenv("XMFACTS_FACTS")
    monkeypatch.chdir(tmp_path)
    assert (locate().path, locate().origin) == (default_facts_dir(), Origin.BUNDLED)


def test_a_facts_folder_without_sources_toml_is_not_a_checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XMFACTS_FACTS", raising=False)
    (tmp_path / "facts").mkdir()  # a folder of photos called facts, say
    monkeypatch.chdir(tmp_path)
    assert locate().origin is Origin.BUNDLED


def test_add_writes_into_the_checkout_found_from_a_subdirectory(run: Run, checkout: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(checkout / "drafts")
    result = run(*ADD, facts=None)
    assert result.exit_code == 0, result.stderr
    assert "new-listings" in (checkout / "facts" / "capital-markets.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("args", [ADD, ("fmt",), ("fmt", "--force")])
def test_the_bundled_copy_is_read_only(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]) -> None:
    monkeypatch.chdir(tmp_path)  # no checkout above
    bundled = {p.name: p.read_bytes() for p in default_facts_dir().iterdir() if p.is_file()}
    result = run(*args, facts=None)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"xmfacts: error: {READ_ONLY}\n"
    assert READ_ONLY == "the bundled fact base is read-only; run inside a checkout or give --facts-dir"
    assert {p.name: p.read_bytes() for p in default_facts_dir().iterdir() if p.is_file()} == bundled


def test_fmt_check_may_read_the_bundled_copy(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("fmt", "--check", facts=None).exit_code == 0


def test_topics_and_validate_say_which_fact_base(run: Run, checkout: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(checkout)
    topics = run("topics", facts=None)
    assert topics.stdout.endswith(f"fact base found from the current directory:\n{checkout / 'facts'}\n")
    report = json.loads(run("validate", "--json", facts=None).stdout)
    assert report["fact_base"] == {"path": str(checkout / "facts"), "origin": "checkout"}
    option = json.loads(run("validate", "--json", "--facts-dir", str(BASIC)).stdout)
    assert option["fact_base"] == {"path": str(BASIC), "origin": "--facts-dir"}
    monkeypatch.chdir(checkout.parent)
    assert "fact base bundled with xmfacts (read-only):\n" in run("topics", facts=None).stdout
