from __future__ import annotations

from decimal import Decimal as D

import pytest

from xmfacts.figures import grouped, plain_number, printed_figure
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
    assert printed_figure(qualifier, dec(value), dec(lower), dec(upper), unit, date) == expected


@pytest.mark.parametrize(("value", "expected"), [("1E+3", "1000"), ("29.20", "29.20"), ("0.5", "0.5")])
def test_plain_number(value: str, expected: str) -> None:
    assert plain_number(D(value)) == expected


@pytest.mark.parametrize(("value", "expected"), [("114158000000", "114,158,000,000"), ("-426700000000", "-426,700,000,000"), ("2.5", "2.5"), ("12345.60", "12,345.6")])
def test_grouped(value: str, expected: str) -> None:
    assert grouped(D(value)) == expected
