"""The English reader (figures/english.py): shapes of figures other outlets print in English."""

from __future__ import annotations

import pytest

from xmfacts.figures.english import read_english
from xmfacts.model import BaseUnit, Qualifier


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # that many or more, said after the number: a count at least that big
        ("Xiamen had 30-plus research institutes.", [("30-plus", Qualifier.AT_LEAST, 30)]),
        ("It hosts 50-odd firms and 300+ companies.", [("50-odd", Qualifier.AT_LEAST, 50), ("300+", Qualifier.AT_LEAST, 300)]),
        ("more than 30-plus firms", [("more than 30-plus", Qualifier.OVER, 30)]),
        # not before a noun it counts, or inside a name or a sum: no figure
        ("a 4+4+6 model", []),
        ("the 2021-plus plan", []),
    ],
)
def test_a_count_said_with_plus_or_odd_is_at_least_that(text: str, expected: list[tuple[str, Qualifier, int]]) -> None:
    got = [(text[s:e], f.qualifier, int(f.value or 0)) for s, e, f in read_english(text)]
    assert got == expected
    assert all(f.base_unit is BaseUnit.COUNT for _, _, f in read_english(text))


@pytest.mark.parametrize("text", ["In the first three quarters, output grew.", "over the past two weeks", "for four years"])
def test_a_span_of_time_in_words_is_no_count(text: str) -> None:
    assert list(read_english(text)) == []
