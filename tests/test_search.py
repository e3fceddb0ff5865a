"""Ranking rules of search, on the basic fixture and on the shipped fact base."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xmfacts.errors import UsageError
from xmfacts.factbase import load_factbase
from xmfacts.search import normalize, search, split_query

from .conftest import BASIC

SHIPPED = Path(__file__).parents[1] / "facts"


def ids(words: list[str], root: Path = BASIC, **kw: object) -> list[str]:
    return [h.fact.full_id for h in search(load_factbase(root), words, **kw)]  # type: ignore[arg-type]


def test_every_word_must_match() -> None:
    assert ids(["授信", "1141.58"]) == ["sme-credit/credit-granted"]
    assert ids(["授信", "吞吐量"]) == []


def test_english_plurals_fold() -> None:
    assert ids(["company"]) == ids(["companies"]) != []


def test_numbers_match_whole() -> None:
    assert ids(["68"]) == ["capital-markets/listed-companies"]
    assert ids(["8"]) == []


def test_chinese_phrase_with_other_wording_falls_back_to_character_pairs() -> None:
    assert ids(["厦门境内的上市公司"]) == ["capital-markets/listed-companies"]
    assert ids(["上市的公司厦门"]) == []


def test_empty_query_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        search(load_factbase(BASIC), [" ", ""])


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("授信", "sme-credit/xinyidai-credit-granted"),
        ("上市公司", "capital-markets/listed-companies"),
        ("私募", "private-equity/fund-managers"),
        ("天马", "display-industry/tianma-xiamen-investment"),
        ("金圆", "state-financial-group/assets-under-management"),
        ("科学城", "science-city/area"),
        ("屿链通", "supply-chain/yuliantong-financing-cost-cut"),
        ("listed companies", "capital-markets/listed-companies"),
        ("hydrogen", "innovation-labs/pem-power-per-tonne"),
    ],
)
def test_reporters_queries_find_the_headline_fact_first(query: str, first: str) -> None:
    assert ids(query.split(), SHIPPED)[0] == first


def test_private_equity_finds_the_private_fund_facts() -> None:
    assert {i.split("/")[0] for i in ids(["private", "equity"], SHIPPED)[:4]} == {"private-equity"}


@given(st.text(max_size=40))
def test_normalize_and_split_never_raise_and_leave_no_blank_words(text: str) -> None:
    words = split_query([text])
    assert all(w and not w.isspace() for w in words)
    assert normalize(normalize(text)) == normalize(text)
