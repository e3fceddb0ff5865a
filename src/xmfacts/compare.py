"""Facts side by side: differences and ratios only where the base units agree."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from xmfacts.model import BaseUnit, Fact, FactBase, Kind
from xmfacts.query import find_fact
from xmfacts.units import compatible


@dataclass(frozen=True)
class ComparedFact:
    fact: Fact
    base_figure: Decimal | None  # value × scale; None for ranges and dates
    difference: Decimal | None  # against the first fact, in base units
    ratio: Decimal | None
    remark: str  # why there is no difference, when there is none


@dataclass(frozen=True)
class Comparison:
    rows: tuple[ComparedFact, ...]


def _figure(fact: Fact) -> Decimal | None:
    if fact.kind is Kind.QUANTITY and fact.value is not None and fact.scale is not None:
        return fact.value * fact.scale
    return None


def _compatible(a: Fact, b: Fact) -> bool:
    return compatible(a.base_unit or BaseUnit.NUMBER, b.base_unit or BaseUnit.NUMBER)


def compare(base: FactBase, ids: Sequence[str]) -> Comparison:
    """Facts side by side; differences and ratios only where the base units agree."""
    facts = [find_fact(base, i) for i in ids]
    first = facts[0]
    first_figure = _figure(first)
    rows: list[ComparedFact] = []
    for n, fact in enumerate(facts):
        figure = _figure(fact)
        diff = ratio = None
        remark = ""
        if n == 0:
            remark = "reference"
        elif figure is None or first_figure is None:
            what = "a date" if Kind.DATE in (fact.kind, first.kind) else "a range"
            remark = f"not compared: {what}"
        elif not _compatible(fact, first):
            remark = f"not compared: {fact.base_unit} ≠ {first.base_unit}"
        else:
            diff = figure - first_figure
            ratio = figure / first_figure if first_figure else None
            remark = "" if ratio is not None else "no ratio: reference is zero"
        rows.append(ComparedFact(fact, figure, diff, ratio, remark))
    return Comparison(tuple(rows))
