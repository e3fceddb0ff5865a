"""Figures as people read them: the printed form (超1000亿元) and the normalized form."""

from __future__ import annotations

from decimal import Decimal

from xmfacts.model import BaseUnit, Fact, Kind, Qualifier

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


def printed_figure(
    qualifier: Qualifier,
    value: Decimal | None,
    lower: Decimal | None,
    upper: Decimal | None,
    unit: str | None,
    date: str | None,
) -> str:
    """The figure in the article's own notation, e.g. 超1000亿元, 1600余家, 10—40%, 2011-07."""
    if date is not None:
        return date
    unit = unit or ""
    if lower is not None and upper is not None:
        return f"{plain_number(lower)}—{plain_number(upper)}{unit}"
    if value is None:
        return ""
    if qualifier is Qualifier.AT_LEAST:
        from xmfacts.units import split_multiplier  # only here: keeps the unit table off the lookup path

        # 余 follows the multiplier: 2.3万余家, 1600余家
        multiplier, spelling = split_multiplier(unit)
        return f"{plain_number(value)}{multiplier}余{spelling}"
    return f"{_PREFIX.get(qualifier, '')}{plain_number(value)}{unit}"


def fact_figure(fact: Fact) -> str:
    return printed_figure(fact.qualifier, fact.value, fact.lower, fact.upper, fact.unit, fact.date)


def _base(number: Decimal, scale: int) -> Decimal:
    """The figure in its base unit; Decimal so 271.47 亿 is exactly 27147000000."""
    return number * scale


def normalized_figure(fact: Fact) -> str:
    """The figure in its base unit with digit grouping: 114,158,000,000 CNY."""
    if fact.kind is Kind.DATE or fact.scale is None or fact.base_unit is None:
        return fact.date or ""
    unit = "" if fact.base_unit is BaseUnit.NUMBER else f" {fact.base_unit.value}"
    if fact.kind is Kind.RANGE and fact.lower is not None and fact.upper is not None:
        lo = grouped(_base(fact.lower, fact.scale))
        hi = grouped(_base(fact.upper, fact.scale))
        return f"{lo}–{hi}{unit}"
    if fact.value is None:
        return ""
    return f"{grouped(_base(fact.value, fact.scale))}{unit}"


def grouped(d: Decimal) -> str:
    text = plain_number(d.normalize()) if d != d.to_integral_value() else plain_number(d.quantize(Decimal(1)))
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    grouped = f"{int(whole):,}"
    return f"{sign}{grouped}.{frac}" if frac else f"{sign}{grouped}"
