"""Checking claims through the fact-base index gives the verdicts of checking against every fact.

The index hands the matcher only the facts whose measure the text names, with the whole base's
term statistics; every real sentence must get the same fact, verdict and subject both ways.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from xmfacts.check import check_claims, check_text
from xmfacts.factbase import load_factbase
from xmfacts.factbase.store import with_store

SHIPPED = Path(__file__).parents[2] / "facts"
SENTENCES = tomllib.loads((Path(__file__).parents[1] / "realworld" / "sentences.toml").read_text(encoding="utf-8"))["sentence"]
DRAFT = (Path(__file__).parents[1] / "drafts" / "draft.md").read_text(encoding="utf-8")


def _verdicts(findings: list) -> list[tuple[str, str | None, str, tuple[str, ...]]]:  # type: ignore[type-arg]
    return [(f.reading.text, f.fact.full_id if f.fact else None, f.verdict.value, f.subject) for f in findings]


def test_claims_checked_through_the_index_get_the_same_verdicts() -> None:
    base = load_factbase(SHIPPED)
    texts = [s["text"] for s in SENTENCES] + [DRAFT]
    for text in texts:
        whole = check_text(base, text, written="2025-01-01")
        indexed = with_store(SHIPPED, lambda store: check_claims(store, text, written="2025-01-01"))
        assert _verdicts(indexed) == _verdicts(whole), text


def test_only_facts_naming_a_measure_of_the_text_are_read() -> None:
    base, terms = with_store(SHIPPED, lambda store: store.facts_measuring(["上市公司"]))
    assert len(terms) == len(base.facts)
    assert 0 < len(base.facts) < len(load_factbase(SHIPPED).facts)
    assert all("上市公司" in f.measure for f in base.facts)


def test_without_a_cache_check_and_search_answer_the_same(run: object) -> None:
    claim = "厦门境内上市公司有70家，天马累计投资超1000亿元，信易贷授信1141.58亿元"
    for args in (("check", claim, "--json"), ("search", "xinyidai", "--json"), ("search", "授信", "--json")):
        cached = run(*args, facts=SHIPPED)  # type: ignore[operator]
        uncached = run(*args, facts=SHIPPED, XMFACTS_NO_CACHE="1")  # type: ignore[operator]
        assert (uncached.exit_code, uncached.stdout) == (cached.exit_code, cached.stdout)
        assert cached.stdout.startswith("[\n")
