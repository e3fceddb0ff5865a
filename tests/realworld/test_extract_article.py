"""`xmfacts extract` on the article the fact base was typed from (../shared/sources/), when it
is beside the repository: the measurement of benchmarks/extract_article.py, held to its targets.
Skipped in a plain clone without the article."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_SCRIPT = Path(__file__).parents[2] / "benchmarks" / "extract_article.py"
_spec = importlib.util.spec_from_file_location("extract_article", _SCRIPT)
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = bench  # its dataclasses look their module up while being defined
_spec.loader.exec_module(bench)

ARTICLES = sorted(bench.SOURCES.glob("*.txt"))
pytestmark = pytest.mark.skipif(not ARTICLES, reason=f"the article is not beside the repository ({bench.SOURCES})")


@pytest.fixture(scope="module")
def measured() -> object:
    return bench.measure("\n".join(p.read_text(encoding="utf-8") for p in ARTICLES), "2024")


def test_recorded_facts_are_drafted_with_their_figure(measured: object) -> None:
    assert len(measured.same_figure) / len(measured.facts) >= 0.95  # type: ignore[attr-defined]


def test_recorded_facts_are_drafted_with_their_as_of(measured: object) -> None:
    assert len(measured.same_as_of) / len(measured.dated) >= 0.90  # type: ignore[attr-defined]


def test_every_candidate_is_a_recorded_figure(measured: object) -> None:
    assert [c.quote for c in measured.unmatched] == []  # type: ignore[attr-defined]


def test_against_the_full_base_nothing_duplicates_a_fact(measured: object) -> None:
    assert [c.quote for c in measured.left_new] == []  # type: ignore[attr-defined]
