"""Series: one measure of one subject over time, each fact one observation of it.

A fact joins a series by its ``series`` key (``gdp`` in topic ``economy`` is ``economy/gdp``);
its ``as_of`` is the period it holds for. This module is the one place that groups facts into
series, picks the observation a claim's period speaks of (``select``), and works out growth
between two observations (``growth``): ``check``, ``compare``, ``show`` and the exports all
ask here. Periods themselves (their bounds, which comes first) are ``figures.period``'s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation, localcontext

from xmfacts.figures import period as periods
from xmfacts.model import Fact, Kind, Status

# Between two figures of one period, the one a page calls revised is the better record, and a
# preliminary one the weaker; a figure kept "as printed" (it looks wrong) comes last.
_STATUS_RANK = {Status.REVISED.value: 0, "": 1, Status.PRELIMINARY.value: 2, Status.AS_PRINTED.value: 3}


@dataclass(frozen=True)
class Series:
    id: str  # topic/series
    observations: tuple[Fact, ...]  # oldest first; one period's several sources in fact-base order

    @property
    def latest(self) -> Fact:
        """The observation of the latest period (the better record when two pages give it)."""
        last = end(self.observations[-1])
        return min((f for f in self.observations if end(f) == last), key=_rank)

    @property
    def periods(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(period_of(f) for f in self.observations))


def period_of(fact: Fact) -> str:
    """When an observation holds: its as_of (the parser makes every observation give one)."""
    return fact.as_of or fact.source.published or ""


def end(fact: Fact) -> date:
    """The last day an observation's period covers: 2018 and 截至2018年底 both end 2018-12-31."""
    return periods.bounds(period_of(fact))[1]


def _rank(fact: Fact) -> int:
    return _STATUS_RANK.get(fact.status, 1)


def series_in(facts: Iterable[Fact]) -> dict[str, Series]:
    """Every series of these facts, by full id, in fact-base order of first appearance."""
    grouped: dict[str, list[Fact]] = {}
    for fact in facts:
        if fact.series and periods.valid_date(period_of(fact)):
            grouped.setdefault(fact.series_id, []).append(fact)
    # sorted() is stable: a period's observations keep their order in the file
    return {sid: Series(sid, tuple(sorted(obs, key=end))) for sid, obs in grouped.items()}


@dataclass(frozen=True)
class Selection:
    """The observation a claim is judged against, and what else the series says."""

    observation: Fact  # the one to judge the claim by
    same_period: tuple[Fact, ...]  # every observation of that period (several pages may give it)
    # the claim's period has no observation: the observations either side of it (one at an end)
    nearest: tuple[Fact, ...] = ()
    later: bool = False  # the claim's period is after the latest observation

    @property
    def missing(self) -> bool:
        return bool(self.nearest)


def select(series: Series, period: str | None, dated: bool, fits: Callable[[Fact], bool]) -> Selection:
    """The observation a claim speaks of.

    ``dated``: the text gives the figure a period of its own; it is judged against the
    observation of that period, the one it ``fits`` when several pages give that period.
    Undated (or dated only by when the text was written, ``period``), it is judged against the
    latest observation, as a fact with no series is.
    """
    observations = series.observations
    if not dated or not period or not periods.valid_date(period):
        # what was on record when the text was written: observations whose period had begun (a
        # figure "as of 2024" is the current one for a text written in December 2024)
        known = [f for f in observations if not period or not periods.valid_date(period) or _start(f) <= periods.bounds(period)[1]]
        if not known:
            return Selection(series.latest, _same_period(series, series.latest))
        last = end(known[-1])
        latest = min((f for f in known if end(f) == last), key=_rank)
        return Selection(latest, _same_period(series, latest))
    wanted = periods.bounds(period)[1]
    same = [f for f in observations if end(f) == wanted]
    if same:
        chosen = next((f for f in same if fits(f)), None) or min(same, key=_rank)
        return Selection(chosen, tuple(same))
    earlier = [f for f in observations if end(f) < wanted]
    later = [f for f in observations if end(f) > wanted]
    nearest = tuple(x for x in (earlier[-1] if earlier else None, later[0] if later else None) if x is not None)
    if not later:
        return Selection(series.latest, (), nearest, later=True)
    return Selection(later[0], (), nearest)


def _start(fact: Fact) -> date:
    """The first day an observation's period covers."""
    return periods.bounds(period_of(fact))[0]


def _same_period(series: Series, fact: Fact) -> tuple[Fact, ...]:
    return tuple(f for f in series.observations if end(f) == end(fact))


def conflicts(series: Series) -> list[tuple[Fact, Fact]]:
    """Pairs of observations of one period whose figures differ: both are kept and shown, and
    ``validate`` lists them for a curator to look at."""
    found: list[tuple[Fact, Fact]] = []
    for n, a in enumerate(series.observations):
        for b in series.observations[n + 1 :]:
            if end(a) == end(b) and base_value(a) != base_value(b):
                found.append((a, b))
    return found


# ---- growth between two observations ------------------------------------------------------------


def base_value(fact: Fact) -> Decimal | None:
    """value × scale, for a quantity; None for ranges and dates."""
    figure = fact.figure
    if figure.kind is Kind.QUANTITY and figure.value is not None and figure.scale is not None:
        return figure.value * figure.scale
    return None


def years_between(a: Fact, b: Fact) -> Decimal:
    """Whole months from the end of one period to the end of the other, in years: 2019 to
    2024 is 5; 2023-06-30 to 2024-06-30 is 1."""
    first, last = end(a), end(b)
    months = (last.year - first.year) * 12 + (last.month - first.month)
    return Decimal(months) / 12


@dataclass(frozen=True)
class Growth:
    """From an earlier observation to a later one (or the reverse, as asked)."""

    first: Fact
    last: Fact
    difference: Decimal | None  # last − first, base units
    ratio: Decimal | None  # last / first
    years: Decimal
    cagr: Decimal | None  # compound annual growth rate, as a fraction (0.0713 is 7.13 %)
    remark: str = ""  # why a figure is missing


def growth(first: Fact, last: Fact) -> Growth:
    """Difference, ratio and compound annual growth rate from ``first`` to ``last``."""
    a, b = base_value(first), base_value(last)
    years = years_between(first, last)
    if a is None or b is None:
        return Growth(first, last, None, None, years, None, "not compared: a range or a date")
    if first.figure.base_unit != last.figure.base_unit:
        return Growth(first, last, None, None, years, None, f"not compared: {first.figure.base_unit} ≠ {last.figure.base_unit}")
    ratio = b / a if a else None
    cagr: Decimal | None = None
    remark = ""
    if ratio is None:
        remark = "no ratio: the first figure is zero"
    elif years <= 0:
        remark = "no annual rate: the periods end together or in the wrong order"
    elif ratio <= 0:
        remark = "no annual rate: the figures differ in sign"
    else:
        with localcontext() as ctx:
            ctx.prec = 28
            try:
                cagr = ratio ** (1 / years) - 1
            except InvalidOperation:  # pragma: no cover - guarded above
                cagr = None
    return Growth(first, last, b - a, ratio, years, cagr, remark)


def in_order(facts: Sequence[Fact]) -> list[Fact]:
    """Observations oldest first (compare takes them in any order)."""
    return sorted(facts, key=end)
