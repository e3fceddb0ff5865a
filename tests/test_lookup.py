"""xmfacts.lookup: facts and topics by id, and what to suggest for a typo."""

from __future__ import annotations

import pytest

from xmfacts.errors import NoSuchFactError, UnknownIdError
from xmfacts.index import load_factbase
from xmfacts.lookup import find_fact, find_topic, select, show, suggest
from xmfacts.model import Topic

from .conftest import BASIC

BASE = load_factbase(BASIC)


def test_find_fact_and_topic() -> None:
    assert find_fact(BASE, "sme-credit/credit-granted").id == "credit-granted"
    assert find_topic(BASE, "sme-credit").title_en


def test_show_takes_a_topic_or_a_fact() -> None:
    assert isinstance(show(BASE, "capital-markets"), Topic)
    assert show(BASE, "capital-markets/listed-companies").full_id == "capital-markets/listed-companies"


def test_a_missing_id_in_show_is_nothing_found_elsewhere_a_usage_error() -> None:
    with pytest.raises(NoSuchFactError):
        show(BASE, "capital-markets/listed-company")
    with pytest.raises(UnknownIdError) as info:
        find_fact(BASE, "capital-markets/listed-company")
    assert not isinstance(info.value, NoSuchFactError)
    assert info.value.suggestions == ("capital-markets/listed-companies",)


@pytest.mark.parametrize(("typed", "expected"), [
    ("capital-markets/listed-company", ["capital-markets/listed-companies"]),
    ("sme-credit/credit-grantd", ["sme-credit/credit-granted"]),
    ("capital-market", ["capital-markets"]),
    ("zzzz", []),
])
def test_suggestions(typed: str, expected: list[str]) -> None:
    assert suggest(BASE, typed)[: len(expected) or None] == expected


def test_select_one_topic_or_all() -> None:
    assert len(select(BASE)) == len(BASE.facts)
    assert {f.topic for f in select(BASE, "sme-credit")} == {"sme-credit"}
    with pytest.raises(UnknownIdError):
        select(BASE, "nope")
