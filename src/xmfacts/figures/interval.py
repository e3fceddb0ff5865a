"""The interval a figure stands for: the one place the hedge rules live.

A claim and a record are compared as intervals of base-unit values: they match when the
claim states the recorded figure, are consistent when the intervals overlap, and contradict
each other when they do not. The table in ``interval_of`` is the whole rule book.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import MAX_PREC, Decimal, localcontext

from xmfacts.model import Figure, Kind, Qualifier

Q = Qualifier


def step(value: Decimal) -> Decimal:
    """Place value of the last significant digit: 1600 -> 100, 2.3 -> 0.1, 10 -> 10, 68 -> 1.

    An integer's trailing zeros are not significant here: 1600余 means 1600-1699.
    """
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int) or not any(digits):
        return Decimal(1)
    if exponent < 0:
        return Decimal(10) ** exponent
    zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return Decimal(10) ** (exponent + zeros)


def leading_unit(value: Decimal) -> Decimal:
    """One unit of the leading digit: 7500 -> 1000, 60 -> 10, 5 -> 1, 0.5 -> 0.1."""
    return Decimal(10) ** value.adjusted() if value else Decimal(1)


def half_precision(value: Decimal) -> Decimal:
    """Half a unit of the last printed digit; an integer's trailing zeros count: 1000 -> 0.5, 29.20 -> 0.005."""
    exponent = value.as_tuple().exponent
    return Decimal(5) * Decimal(10) ** (min(exponent, 0) - 1) if isinstance(exponent, int) else Decimal(0)


@dataclass(frozen=True)
class Interval:
    """Base-unit values a figure stands for; None is unbounded on that side."""

    low: Decimal | None
    high: Decimal | None
    low_open: bool
    high_open: bool

    def overlaps(self, other: Interval) -> bool:
        """Whether some value lies in both (an open end excludes its bound)."""
        # The intersection runs from the larger low to the smaller high; at a tie the open end wins.
        lows = sorted(((i.low, i.low_open) for i in (self, other) if i.low is not None), reverse=True)
        highs = sorted((i.high, not i.high_open) for i in (self, other) if i.high is not None)
        if not lows or not highs:
            return True
        (low, low_open), (high, high_closed) = lows[0], highs[0]
        return low < high or (low == high and not low_open and high_closed)


def interval_of(figure: Figure) -> Interval:
    """The interval of base-unit values a figure stands for; every bound is then multiplied by its scale.

    A date stands for no quantity: its interval is unbounded.

    v = value, h = half_precision(v) (half a unit of the last printed digit), step = step(v):

    | qualifier | printed                 | interval                                        |
    |-----------|-------------------------|-------------------------------------------------|
    | exact     | 68, 达68                | [v − h, v + h)   (what rounds to v: 四成 and 三成 do not touch) |
    | about     | 约v, 大约v, v左右        | [0.9·v, 1.1·v], widened to at least [v − h, v + h] |
    | nearly    | 近v, 将近v               | [0.9·v, v)                                      |
    | over      | 超/超过/逾/过v, v以上     | (v, v + 10^⌊log₁₀ v⌋)  超7500 → (7500, 8500), 超60 → (60, 70) |
    | at_least  | v余, v多                 | [v, v + step)       1600余 → [1600, 1700)       |
    | under     | 不到v, 不足v             | [0, v)                                          |
    | at_most   | 最高v, 可达v, v以下       | [0, v]                                          |
    | range     | X—Y                     | [X − h(X), Y + h(Y))                            |

    Raises ValueError when the figure lacks the numbers its qualifier needs (no value; a range without bounds).
    """
    if figure.kind is Kind.DATE:
        return Interval(None, None, False, False)
    qualifier, value, lower, upper = figure.qualifier, figure.value, figure.lower, figure.upper
    with localcontext() as ctx:
        ctx.prec = MAX_PREC  # only + and ×, so exact: 271.47 × 10^8 never rounds
        k = Decimal(figure.scale or 1)
        if qualifier is Q.RANGE:
            if lower is None or upper is None:
                raise ValueError("a range needs lower and upper")
            return Interval((lower - half_precision(lower)) * k, (upper + half_precision(upper)) * k, False, True)
        if value is None:
            raise ValueError(f"a {qualifier} figure needs a value")
        v, h = value, half_precision(value)
        high: Decimal | None
        low, high, low_open, high_open = v - h, v + h, False, True
        if qualifier is Q.ABOUT:
            low, high = min(v * Decimal("0.9"), v - h), max(v * Decimal("1.1"), v + h)
        elif qualifier is Q.NEARLY:
            low, high, high_open = v * Decimal("0.9"), v, True
        elif qualifier is Q.OVER:
            # "X and a bit": a writer with 8600 would not write 超7500. Looser than 余/多 on
            # purpose, because writers round 超 down further.
            low, high, low_open, high_open = v, v + leading_unit(v), True, True
        elif qualifier is Q.AT_LEAST:
            low, high, high_open = v, v + step(v), True
        elif qualifier is Q.UNDER:
            low, high, high_open = Decimal(0), v, True
        elif qualifier is Q.AT_MOST:
            low, high, high_open = Decimal(0), v, False
        return Interval(low * k, None if high is None else high * k, low_open, high_open)


def scaled_and_printed(figure: Figure) -> tuple[Interval, Interval | None]:
    """A figure's interval in base units, and as printed where that differs (1141.58 of
    1141.58亿元; None where it does not): a bare number is compared with either (search).

    Raises ValueError as ``interval_of`` does."""
    printed = interval_of(replace(figure, scale=1)) if (figure.scale or 1) != 1 else None
    return interval_of(figure), printed
