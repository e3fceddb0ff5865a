"""Tests for xmfacts.figures.numerals: Chinese numerals read and written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xmfacts.figures.numerals import digits_value, to_int, written_forms


@pytest.mark.parametrize(
    ("n", "forms"),
    [(4, {"四"}), (10, {"一十", "十"}), (15, {"一十五", "十五"}), (100, {"一百", "百"}), (1000, {"一千", "千"}),
     (105, {"一百零五"}), (2300, {"二千三百"}), (0, set()), (10000, set())],
)
def test_written_forms(n: int, forms: set[str]) -> None:
    assert written_forms(n) == forms


@pytest.mark.parametrize(("text", "value"), [
    ("二十三", 23), ("一百零五", 105), ("三千五", 3500), ("百", 100), ("十", 10), ("四", 4),
    ("三四", None), ("千百", None), ("十三五", None),
])
def test_to_int(text: str, value: int | None) -> None:
    assert to_int(text) == value


def test_years_are_read_digit_by_digit() -> None:
    assert digits_value("二〇二四") == 2024


@given(st.integers(min_value=1, max_value=9999))
def test_every_written_form_reads_back(n: int) -> None:
    assert {to_int(form) for form in written_forms(n)} == {n}
