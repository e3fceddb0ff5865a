"""xmfacts.compare: differences only where base units agree; an id and a figure is a claim."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xmfacts.check import Finding, Verdict
from xmfacts.compare import Comparison, compare, compare_arguments
from xmfacts.errors import UnknownIdError, UsageError
from xmfacts.index import load_factbase

from .conftest import BASIC


@pytest.fixture(scope="module")
def base():  # type: ignore[no-untyped-def]
    return load_factbase(BASIC)


def test_differences_and_ratios_against_the_first(base) -> None:  # type: ignore[no-untyped-def]
    result = compare(base, ["capital-markets/funds-raised", "capital-markets/funds-raised-since-2023"])
    first, second = result.rows
    assert (first.remark, first.difference, first.base_figure) == ("reference", None, Decimal("598100000000"))
    assert second.difference == Decimal("171400000000") - Decimal("598100000000")
    assert second.ratio == Decimal("1714") / Decimal("5981")


def test_different_base_units_and_dates_are_not_compared(base) -> None:  # type: ignore[no-untyped-def]
    result = compare(base, ["capital-markets/funds-raised", "sme-credit/smes-with-credit", "sme-credit/jinyuan-founded"])
    assert [(r.difference, r.remark) for r in result.rows[1:]] == [
        (None, "not compared: count ≠ CNY"),
        (None, "not compared: a date"),
    ]


def test_an_id_and_a_figure_is_a_checked_claim(base) -> None:  # type: ignore[no-untyped-def]
    finding = compare_arguments(base, ["capital-markets/listed-companies", "70家"])
    assert isinstance(finding, Finding)
    assert (finding.verdict, finding.difference) == (Verdict.MISMATCH, Decimal(2))


def test_two_ids_are_a_comparison(base) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(compare_arguments(base, ["capital-markets/funds-raised", "capital-markets/funds-raised"]), Comparison)


def test_arguments_that_cannot_be_compared(base) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError):
        compare_arguments(base, ["capital-markets/funds-raised"])
    with pytest.raises(UnknownIdError) as info:
        compare_arguments(base, ["capital-markets/funds-raised", "capital-markets/nope"])
    assert info.value.wanted == "capital-markets/nope"
