"""Facts side by side, or one claimed figure against one fact.

Differences and ratios are given only where the base units agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from xmfacts.errors import UsageError
from xmfacts.figures.units import compatible
from xmfacts.lookup import find_fact
from xmfacts.model import BaseUnit, Fact, FactBase, Kind

if TYPE_CHECKING:  # check itself is imported only when a figure is compared
    from xmfacts.check import Finding


@dataclass(frozen=True)
class ComparedFact:
    fact: Fact
    base_figure: Decimal | None  # value × scale; None for ranges and dates
    difference: Decimal | None  # against the first fact, in base units
    ratio: Decimal | None
    remark: str  # why there is no difference, when there is none
    # two observations of one series: years from the earlier period's end to the later's, and
    # the compound annual growth rate over them (a fraction: 0.0746 is 7.46 % a year)
    years: Decimal | None = None
    cagr: Decimal | None = None


@dataclass(frozen=True)
class Comparison:
    rows: tuple[ComparedFact, ...]


def _base_figure(fact: Fact) -> Decimal | None:
    from xmfacts.series import base_value  # one rule for a fact's figure in its base unit

    return base_value(fact)


def _compatible(a: Fact, b: Fact) -> bool:
    return compatible(a.figure.base_unit or BaseUnit.NUMBER, b.figure.base_unit or BaseUnit.NUMBER)


def compare_arguments(base: FactBase, args: Sequence[str]) -> Comparison | Finding:
    """``compare ID ID…`` puts facts side by side; ``compare ID FIGURE`` checks a claimed figure.

    The second argument is a figure when it is not a fact id and has no slash in it.
    """
    if len(args) < 2:
        raise UsageError("compare needs two or more ids, or an id and a figure")
    if len(args) == 2 and "/" not in args[1]:
        from xmfacts.check import check_figure

        return check_figure(find_fact(base, args[0]), args[1])
    return compare(base, args)


def compare(base: FactBase, ids: Sequence[str]) -> Comparison:
    """Facts side by side; differences and ratios only where the base units agree."""
    facts = [find_fact(base, i) for i in ids]
    first = facts[0]
    first_figure = _base_figure(first)
    rows: list[ComparedFact] = []
    for n, fact in enumerate(facts):
        figure = _base_figure(fact)
        diff = ratio = None
        remark = ""
        if n == 0:
            remark = "reference"
        elif figure is None or first_figure is None:
            what = "a date" if Kind.DATE in (fact.figure.kind, first.figure.kind) else "a range"
            remark = f"not compared: {what}"
        elif not _compatible(fact, first):
            remark = f"not compared: {fact.figure.base_unit} ≠ {first.figure.base_unit}"
        else:
            diff = figure - first_figure
            ratio = figure / first_figure if first_figure else None
            remark = "" if ratio is not None else "no ratio: reference is zero"
        years = cagr = None
        if n and diff is not None and fact.series and fact.series_id == first.series_id:
            from xmfacts.series import growth, in_order

            grown = growth(*in_order([first, fact]))
            years, cagr = grown.years, grown.cagr
        rows.append(ComparedFact(fact, figure, diff, ratio, remark, years, cagr))
    return Comparison(tuple(rows))
