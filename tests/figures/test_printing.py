"""Tests for xmfacts.figures.printing: figures in the article's notation and in base units."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from xmfacts.figures.printing import difference_unit, grouped, normalized, plain_number, printed, ratio_text, signed
from xmfacts.model import BaseUnit, Figure, Kind
from xmfacts.model import Qualifier as Q


@pytest.mark.parametrize(
    ("qualifier", "value", "lower", "upper", "unit", "date", "expected"),
    [
        (Q.EXACT, "68", None, None, "家", None, "68家"),
        (Q.OVER, "1000", None, None, "亿元", None, "超1000亿元"),
        (Q.AT_LEAST, "1600", None, None, "家", None, "1600余家"),
        (Q.AT_LEAST, "2.3", None, None, "万家", None, "2.3万余家"),
        (Q.NEARLY, "100", None, None, "项", None, "近100项"),
        (Q.ABOUT, "28", None, None, "万户", None, "约28万户"),
        (Q.UNDER, "4", None, None, "度", None, "不到4度"),
        (Q.AT_MOST, "1", None, None, "亿元", None, "最高1亿元"),
        (Q.RANGE, None, "10", "40", "%", None, "10—40%"),
        (Q.EXACT, "29.20", None, None, "%", None, "29.20%"),
        (Q.EXACT, None, None, None, None, "2011-07", "2011-07"),
    ],
)
def test_printed_figure(qualifier: Q, value: str | None, lower: str | None, upper: str | None, unit: str | None, date: str | None, expected: str) -> None:
    dec = (lambda x: None if x is None else D(x))
    kind = Kind.DATE if date else Kind.RANGE if lower else Kind.QUANTITY
    assert printed(Figure(kind, qualifier, dec(value), dec(lower), dec(upper), unit, date=date)) == expected


@pytest.mark.parametrize(("value", "expected"), [("1E+3", "1000"), ("29.20", "29.20"), ("0.5", "0.5"),
                                                 ("1141.58", "1141.58"), ("1E-7", "0.0000001"), ("0", "0")])
def test_plain_number(value: str, expected: str) -> None:
    assert plain_number(D(value)) == expected


@pytest.mark.parametrize(("value", "expected"), [("114158000000", "114,158,000,000"), ("-426700000000", "-426,700,000,000"), ("2.5", "2.5"), ("12345.60", "12,345.6")])
def test_grouped(value: str, expected: str) -> None:
    assert grouped(D(value)) == expected


@pytest.mark.parametrize(("value", "expected"), [("2", "+2"), ("-4500", "-4,500"), ("0.50", "+0.5"), ("0", "+0")])
def test_signed(value: str, expected: str) -> None:
    assert signed(D(value)) == expected


@pytest.mark.parametrize(("figure", "expected"), [
    (Figure(Kind.QUANTITY, Q.EXACT, D("1141.58"), unit="亿元", scale=10**8, base_unit=BaseUnit.CNY), "114,158,000,000 CNY"),
    (Figure(Kind.RANGE, Q.RANGE, None, D("10"), D("40"), "%", 1, BaseUnit.PERCENT), "10–40 percent"),
    (Figure(Kind.QUANTITY, Q.EXACT, D("1.2"), unit="万亿", scale=10**12, base_unit=BaseUnit.NUMBER), "1,200,000,000,000"),
    (Figure(Kind.DATE, date="2011-07"), "2011-07"),
])
def test_normalized(figure: Figure, expected: str) -> None:
    assert normalized(figure) == expected


@pytest.mark.parametrize(
    ("ratio", "text"),
    [("1.0294", "1.029"), ("0.75", "0.750"), ("0.0001", "0.0001"), ("0.00012345", "0.0001"), ("0.000000001", "0.000000001"), ("0", "0.000"), ("12.5", "12.500")],
)
def test_ratio_text_never_reads_zero_for_a_ratio_that_is_not(ratio: str, text: str) -> None:
    assert ratio_text(D(ratio)) == text


def test_differences_of_percentages_are_percentage_points() -> None:
    assert difference_unit(BaseUnit.PERCENT) == "percentage points"
    assert difference_unit(BaseUnit.CNY) == "CNY"
    assert difference_unit(BaseUnit.NUMBER) == difference_unit(None) == ""
