"""Shared helpers: run the CLI in-process against fixture fact bases, with colour off."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner, Result

from xmfacts.cli import app

# Test modules that load a fact base when they are imported do so before any fixture runs:
# from the start, the whole session keeps its index away from the user's real cache.
os.environ["XMFACTS_CACHE_DIR"] = tempfile.mkdtemp(prefix="xmfacts-tests-")

# No time limits in tests: speed is measured by benchmarks/, and a slow CI machine must not
# turn a correct answer into a failure.
settings.register_profile("xmfacts", deadline=None)
# CI (.ci/run sets HYPOTHESIS_PROFILE=ci) draws the same examples every run, so that a submission
# is judged on its own change; a developer's runs keep drawing new ones, to find what they break.
settings.register_profile("ci", deadline=None, derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "xmfacts"))

FIXTURES = Path(__file__).parent / "fixtures"
BASIC = FIXTURES / "basic"

Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    """Invoke xmfacts with the basic fixture fact base, 100 columns, no colour."""

    def invoke(*args: str, facts: Path | None = BASIC, input: str | None = None, **env: str) -> Result:
        environment = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "XMFACTS_FACTS": str(facts) if facts else None}
        environment.update(env)
        return CliRunner().invoke(app, list(args), input=input, env=environment, catch_exceptions=False)

    return invoke


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read or write the user's real fact-base cache."""
    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture
def factbase(tmp_path: Path) -> Path:
    """A writable copy of the basic fixture fact base, for tests that break it."""
    target = tmp_path / "facts"
    shutil.copytree(BASIC, target)
    return target
