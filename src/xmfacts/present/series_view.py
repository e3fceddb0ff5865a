"""`show TOPIC/SERIES`: a series' observations as a table (period, figure, change on the previous
period, status, source) with a sparkline of its yearly figures, or as JSON."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from xmfacts.fields import LABEL, LABEL_EN
from xmfacts.figures.printing import printed
from xmfacts.model import BaseUnit, Fact
from xmfacts.series import Series, base_value, end, period_of

_BARS = "▁▂▃▄▅▆▇█"


def changes(series: Series) -> list[tuple[Fact, Fact | None, Decimal | None]]:
    """Each observation, the observation of the period before it (None for the first period),
    and the change from it: percentage points for a share or a rate, else a fraction (0.035 is
    +3.5 %). Two pages' figures for one period are each compared with the period before."""
    out: list[tuple[Fact, Fact | None, Decimal | None]] = []
    for fact in series.observations:
        # the previous period of the same kind: a year after a year, a first half after a first half
        kind = period_of(fact)[4:]
        earlier = [f for f in series.observations if end(f) < end(fact) and period_of(f)[4:] == kind]
        before = earlier[-1] if earlier else None
        change: Decimal | None = None
        if before is not None:
            now, then = base_value(fact), base_value(before)
            if now is not None and then is not None and fact.figure.base_unit == before.figure.base_unit:
                if fact.figure.base_unit is BaseUnit.PERCENT:
                    change = now - then
                elif then:
                    change = now / then - 1
        out.append((fact, before, change))
    return out


def change_text(fact: Fact, change: Decimal | None) -> str:
    if change is None:
        return ""
    if fact.figure.base_unit is BaseUnit.PERCENT:
        return f"{change:+.1f} pp"
    return f"{change * 100:+.1f}%"


def sparkline(series: Series) -> str:
    """One bar per year with a yearly observation (the better record where two pages give one),
    oldest first: a glance at the trend. Empty with fewer than two such years."""
    yearly: dict[str, Decimal] = {}
    for fact in series.observations:
        value = base_value(fact)
        if len(period_of(fact)) == 4 and value is not None and period_of(fact) not in yearly:
            yearly[period_of(fact)] = value
    if len(yearly) < 2:
        return ""
    low, high = min(yearly.values()), max(yearly.values())
    span = high - low or Decimal(1)
    bars = "".join(_BARS[int((v - low) / span * (len(_BARS) - 1))] for v in yearly.values())
    years = list(yearly)
    return f"{bars}  {years[0]}–{years[-1]}"


def series_to_dict(series: Series, fact_to_dict: Any) -> dict[str, Any]:
    """show SERIES --json: the series and its observations oldest first, each a fact with
    `period` and `change` (on the period before: percentage points or a fraction)."""
    latest = series.latest
    return {
        "id": series.id,
        LABEL.name: latest.label.split("（")[0],
        LABEL_EN.name: latest.label_en.rsplit(", ", 1)[0],
        "observations": [
            {**fact_to_dict(fact), "period": period_of(fact), "change": float(change) if change is not None else None}
            for fact, _, change in changes(series)
        ],
    }


def series_rows(series: Series) -> list[list[str]]:
    """period, figure, change, status, source: one row per observation."""
    return [
        [period_of(fact), printed(fact.figure), change_text(fact, change), fact.status or "", fact.source.outlet or fact.source.id]
        for fact, _, change in changes(series)
    ]
