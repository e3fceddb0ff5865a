"""Tests for xmfacts.figures.interval: the interval each hedge stands for, and overlaps."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from xmfacts.figures.interval import Interval, half_precision, interval_of, step
from xmfacts.figures.reader import read_figure
from xmfacts.model import Figure, Kind, Qualifier

Q = Qualifier


def interval(qualifier: Qualifier, value: D | None, lower: D | None, upper: D | None, scale: int) -> Interval:
    kind = Kind.RANGE if qualifier is Q.RANGE else Kind.QUANTITY
    return interval_of(Figure(kind, qualifier, value, lower, upper, None, scale))



@pytest.mark.parametrize(("value", "expected"), [
    ("1600", "100"), ("2.3", "0.1"), ("80", "10"), ("1141.58", "0.01"), ("68", "1"), ("10", "10"), ("29.20", "0.01"),
])
def test_step(value: str, expected: str) -> None:
    assert step(D(value)) == D(expected)


@pytest.mark.parametrize(("value", "expected"), [
    ("1141.58", "0.005"), ("68", "0.5"), ("1000", "0.5"), ("29.20", "0.005"), ("2.3", "0.05"), ("1E+3", "0.5"),
])
def test_half_precision(value: str, expected: str) -> None:
    assert half_precision(D(value)) == D(expected)


def iv(low: str | None, high: str | None, low_open: bool = False, high_open: bool = False) -> Interval:
    return Interval(None if low is None else D(low), None if high is None else D(high), low_open, high_open)


@pytest.mark.parametrize(("qualifier", "value", "lower", "upper", "scale", "expected"), [
    (Q.EXACT, "1141.58", None, None, 10**8, iv("114157500000", "114158500000", high_open=True)),
    (Q.EXACT, "68", None, None, 1, iv("67.5", "68.5", high_open=True)),
    (Q.ABOUT, "28", None, None, 10**4, iv("252000", "308000", high_open=True)),
    (Q.ABOUT, "1", None, None, 1, iv("0.5", "1.5", high_open=True)),  # widened to the exact interval
    (Q.NEARLY, "400", None, None, 1, iv("360", "400", high_open=True)),
    (Q.OVER, "5", None, None, 10**8, iv("500000000", "600000000", low_open=True, high_open=True)),
    (Q.OVER, "7500", None, None, 10**8, iv("750000000000", "850000000000", low_open=True, high_open=True)),
    (Q.OVER, "1000", None, None, 1, iv("1000", "2000", low_open=True, high_open=True)),
    (Q.OVER, "60", None, None, 1, iv("60", "70", low_open=True, high_open=True)),
    (Q.AT_LEAST, "1600", None, None, 1, iv("1600", "1700", high_open=True)),
    (Q.AT_LEAST, "2.3", None, None, 10**4, iv("23000", "24000", high_open=True)),
    (Q.AT_LEAST, "10", None, None, 1, iv("10", "20", high_open=True)),
    (Q.UNDER, "4", None, None, 1, iv("0", "4", high_open=True)),
    (Q.AT_MOST, "1", None, None, 10**8, iv("0", "100000000")),
    (Q.RANGE, None, "10", "40", 1, iv("9.5", "40.5", high_open=True)),
    (Q.RANGE, None, "5", "10", 10**4, iv("45000", "105000", high_open=True)),
])
def test_interval(qualifier: Qualifier, value: str | None, lower: str | None, upper: str | None, scale: int,
                  expected: Interval) -> None:
    dec = (lambda x: None if x is None else D(x))
    assert interval(qualifier, dec(value), dec(lower), dec(upper), scale) == expected


def test_interval_of_a_reading() -> None:
    r = read_figure("2.3万多家")
    assert r is not None
    assert interval_of(r.figure) == iv("23000", "24000", high_open=True)


def test_interval_needs_its_numbers() -> None:
    with pytest.raises(ValueError):
        interval(Q.EXACT, None, None, None, 1)
    with pytest.raises(ValueError):
        interval(Q.RANGE, None, D(1), None, 1)


@pytest.mark.parametrize(("a", "b", "expected"), [
    (iv("0", "4", high_open=True), iv("3.5", "4.5"), True),
    (iv("0", "4", high_open=True), iv("4", "5"), False),
    (iv("0", "4"), iv("4", "5"), True),
    (iv("4", None, low_open=True), iv(None, "4"), False),
    (iv("1600", "1700", high_open=True), iv("1650", "1650"), True),
    (iv("10", "20"), iv("30", None), False),
    (iv(None, None), iv("1", "2"), True),
])
def test_overlaps(a: Interval, b: Interval, expected: bool) -> None:
    assert a.overlaps(b) is expected
    assert b.overlaps(a) is expected


