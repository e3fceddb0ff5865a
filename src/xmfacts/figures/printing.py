"""Figures as people read them: the printed form (超1000亿元) and the normalized form."""

from __future__ import annotations

from decimal import Decimal

from xmfacts.model import BaseUnit, Figure, Kind, Qualifier

# The Chinese hedge words a qualifier is printed with; 余 goes after the number.
_PREFIX = {
    Qualifier.ABOUT: "约",
    Qualifier.NEARLY: "近",
    Qualifier.OVER: "超",
    Qualifier.UNDER: "不到",
    Qualifier.AT_MOST: "最高",
}


def plain_number(d: Decimal) -> str:
    """Decimal text as printed: no exponent, printed precision kept (29.20 stays 29.20, 1E+3 is 1000)."""
    return format(d, "f")


def printed(figure: Figure) -> str:
    """The figure in the article's own notation, e.g. 超1000亿元, 1600余家, 10—40%, 2011-07."""
    if figure.date is not None:
        return figure.date
    unit = figure.unit or ""
    if figure.lower is not None and figure.upper is not None:
        return f"{plain_number(figure.lower)}—{plain_number(figure.upper)}{unit}"
    if figure.value is None:
        return ""
    if figure.qualifier is Qualifier.AT_LEAST:
        from xmfacts.figures.units import split_multiplier  # only here: keeps the unit table off the lookup path

        # 余 follows the multiplier: 2.3万余家, 1600余家
        multiplier, spelling = split_multiplier(unit)
        return f"{plain_number(figure.value)}{multiplier}余{spelling}"
    return f"{_PREFIX.get(figure.qualifier, '')}{plain_number(figure.value)}{unit}"


def in_base_unit(number: Decimal, scale: int) -> Decimal:
    """The figure in its base unit; Decimal so 271.47 亿 is exactly 27147000000."""
    return number * scale


def normalized(figure: Figure) -> str:
    """The figure in its base unit with digit grouping: 114,158,000,000 CNY."""
    if figure.kind is Kind.DATE or figure.scale is None or figure.base_unit is None:
        return figure.date or ""
    unit = "" if figure.base_unit is BaseUnit.NUMBER else f" {figure.base_unit.value}"
    if figure.kind is Kind.RANGE and figure.lower is not None and figure.upper is not None:
        lo = grouped(in_base_unit(figure.lower, figure.scale))
        hi = grouped(in_base_unit(figure.upper, figure.scale))
        return f"{lo}–{hi}{unit}"
    if figure.value is None:
        return ""
    return f"{grouped(in_base_unit(figure.value, figure.scale))}{unit}"


def grouped(d: Decimal) -> str:
    """Digit groups for people: 114158000000 → 114,158,000,000; fractions keep their digits."""
    text = plain_number(d.normalize()) if d != d.to_integral_value() else plain_number(d.quantize(Decimal(1)))
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    digits = f"{int(whole):,}"
    return f"{sign}{digits}.{frac}" if frac else f"{sign}{digits}"


def signed(d: Decimal) -> str:
    """A difference with its sign: +2, -4,500."""
    text = grouped(d.normalize() if d != d.to_integral_value() else d)
    return text if text.startswith("-") else f"+{text}"


def ratio_text(ratio: Decimal) -> str:
    """A ratio with three decimals, or as many more as it takes not to read 0.000.

    A 万/亿 slip is a ratio of 0.0001: printed as ×0.000 it says "no figure at all".
    """
    places = 3
    while ratio and ratio.quantize(Decimal(1).scaleb(-places)) == 0 and places < 20:
        places += 1
    return f"{ratio:.{places}f}"


def difference_unit(base: BaseUnit | None) -> str:
    """The unit a difference of two figures is in: two percentages differ by percentage points."""
    if base in (BaseUnit.PERCENT, BaseUnit.PERCENTAGE_POINT):
        return "percentage points"
    return "" if base in (None, BaseUnit.NUMBER) else base.value
