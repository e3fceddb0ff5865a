"""Verdicts: a claimed figure against a recorded one, as intervals (``judge``), and the finding
that reports it with the recorded figure, difference, ratio and why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from xmfacts.errors import UsageError
from xmfacts.figures import period as periods
from xmfacts.figures.interval import Interval, half_precision, interval_of
from xmfacts.figures.printing import difference_unit, grouped, printed, ratio_text
from xmfacts.figures.reader import Reading
from xmfacts.figures.units import compatible, split_multiplier
from xmfacts.model import BaseUnit, Fact, Figure, Kind, Qualifier

if TYPE_CHECKING:
    pass


Q = Qualifier


class Verdict(StrEnum):
    MATCH = "match"
    CONSISTENT = "consistent"
    OUTDATED = "outdated"
    MISMATCH = "mismatch"
    UNKNOWN = "unknown"


def written_on(as_of: str | None) -> str:
    """When the checked text was written: ``--as-of`` (YYYY[-MM[-DD]]) or today."""
    from xmfacts.figures.period import valid_date

    if as_of is None:
        return periods.today()
    if not valid_date(as_of):
        raise UsageError(f"--as-of {as_of!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return as_of


@dataclass(frozen=True)
class Finding:
    """One figure of the claim text and what the record says about it."""

    reading: Reading
    line: int  # 1-based line of the figure in the checked text
    context: str  # the clause the figure stands in, for people to recognise it
    fact: Fact | None
    verdict: Verdict
    difference: Decimal | None  # claimed − recorded, in the base unit
    ratio: Decimal | None  # claimed / recorded
    explanation: str
    subject: tuple[str, ...] = ()  # the words that tied the figure to its fact
    period: str | None = None  # the period the text gives the figure (ISO, at its precision)
    why: str = ""  # why it was tied to its fact, or to none (``check --explain``)


# Hedges that say the same about a figure's place: 约 and none; above it; below it.
_HEDGE_GROUP = {
    Q.EXACT: "level", Q.ABOUT: "level",
    Q.OVER: "above", Q.AT_LEAST: "above",
    Q.NEARLY: "below", Q.UNDER: "below", Q.AT_MOST: "below",
    Q.RANGE: "range",
}


def _counter(unit: str | None) -> str:
    """The unit without its multiplier: 家 for 万家, 元 for 亿元."""
    return split_multiplier(unit)[1] if unit else ""


# Counter words that stand for one another when people count organisations: a reporter may
# write 50多万家中小企业 where the article has 50多万户. 个 is the generic counter.
_INTERCHANGEABLE = {"家", "户", "所", "个"}


def _same_things_counted(a: str, b: str) -> bool:
    """家 and 项 count different things (firms, technologies): never compare them."""
    return not a or not b or a == b or (a in _INTERCHANGEABLE and b in _INTERCHANGEABLE)


def _comparable(reading: Reading, fact: Fact) -> bool:
    figure = fact.figure
    return _comparable_to(reading, figure.kind, figure.base_unit, _counter(figure.unit))


# A figure written with a multiplier and no unit (1000亿, 31万) leaves out the 元 or the 家
# of an amount or a count; no one writes a span of years or a share so.
_NEVER_BY_MULTIPLIER = frozenset({
    BaseUnit.PERCENT, BaseUnit.PERCENTAGE_POINT, BaseUnit.YEAR, BaseUnit.MONTH, BaseUnit.DAY, BaseUnit.HOUR, BaseUnit.MINUTE,
    BaseUnit.SCORE,
})


def _comparable_to(reading: Reading, kind: Kind, base_unit: BaseUnit | None, counter: str) -> bool:
    if reading.figure.kind is Kind.DATE or kind is Kind.DATE:
        return reading.figure.kind is kind
    if reading.figure.base_unit is BaseUnit.COUNT and base_unit is BaseUnit.COUNT:
        return _same_things_counted(_counter(reading.figure.unit), counter)
    if reading.figure.base_unit in (None, BaseUnit.NUMBER) and base_unit in _NEVER_BY_MULTIPLIER:
        return False  # 连续两年产值突破1000亿: the 1000亿 is not the number of years
    return compatible(reading.figure.base_unit or BaseUnit.NUMBER, base_unit or BaseUnit.NUMBER)


def _checkable(reading: Reading) -> bool:
    """A number with no unit at all is a name or an ordinal far more often than a claim:
    世界500强, 1号孵化器, 1类新药. Checking it would raise false alarms."""
    figure = reading.figure
    return figure.kind is not Kind.QUANTITY or bool(figure.unit) or figure.base_unit not in (None, BaseUnit.NUMBER)


def _interval(figure: Figure) -> Interval | None:
    """None for a date, or for a claim whose numbers its hedge cannot use."""
    if figure.kind is Kind.DATE:
        return None
    try:
        return interval_of(figure)
    except ValueError:
        return None


def _center(figure: Figure) -> Decimal | None:
    """A figure as one base-unit number: its value, or the middle of its range."""
    scale = figure.scale or 1
    if figure.value is not None:
        return figure.value * scale
    if figure.lower is not None and figure.upper is not None:
        return (figure.lower + figure.upper) / 2 * scale
    return None


def _same_at_claim_precision(claimed: Decimal, recorded: Decimal, scale: int) -> bool:
    """1141.6亿 states 1141.58亿: the record rounds to what the claim prints."""
    return abs(recorded - claimed * scale) <= half_precision(claimed) * scale


def _date_verdict(claimed: str, recorded: str) -> Verdict:
    if claimed.startswith("--"):  # 10月16日: no year, compare month and day
        return Verdict.MATCH if recorded[4:] == claimed[1:] else Verdict.MISMATCH
    if claimed == recorded or recorded.startswith(claimed + "-"):
        return Verdict.MATCH  # 2011年 states 2011-07 at the claim's precision
    if claimed.startswith(recorded + "-"):
        return Verdict.CONSISTENT  # more precise than the record: cannot confirm the month
    return Verdict.MISMATCH


def judge(reading: Reading, fact: Fact) -> tuple[Verdict, Decimal | None, Decimal | None]:
    """The verdict for a figure against the fact it speaks about, with difference and ratio."""
    claim, record = reading.figure, fact.figure
    if record.kind is Kind.DATE or claim.kind is Kind.DATE:
        if claim.date is None or record.date is None:
            return Verdict.MISMATCH, None, None
        return _date_verdict(claim.date, record.date), None, None
    claimed = _interval(claim)
    if claimed is None:
        return Verdict.UNKNOWN, None, None
    scale, claim_scale = record.scale or 1, claim.scale or 1
    if _HEDGE_GROUP[claim.qualifier] == _HEDGE_GROUP[record.qualifier]:
        pairs = [(claim.value, record.value)]
        if claim.kind is Kind.RANGE and record.kind is Kind.RANGE:
            pairs = [(claim.lower, record.lower), (claim.upper, record.upper)]
        if all(c is not None and r is not None and _same_at_claim_precision(c, r * scale, claim_scale) for c, r in pairs):
            return Verdict.MATCH, Decimal(0), Decimal(1)
    if claimed.overlaps(interval_of(record)):
        return Verdict.CONSISTENT, None, None
    mine, theirs = _center(claim), _center(record)
    if mine is None or theirs is None:
        return Verdict.MISMATCH, None, None
    return Verdict.MISMATCH, mine - theirs, (mine / theirs if theirs else None)


def recorded_figure(fact: Fact) -> str:
    """The recorded figure as people read it: 68家 (exact, as of 2024)."""
    qualifier = "" if fact.figure.kind is Kind.DATE else fact.figure.qualifier.value
    details = ", ".join(x for x in (qualifier, f"as of {fact.as_of}" if fact.as_of else "") if x)
    return f"{printed(fact.figure)} ({details})" if details else printed(fact.figure)


def _explain(fact: Fact | None, verdict: Verdict, diff: Decimal | None, ratio: Decimal | None, claimed: str | None) -> str:
    if fact is None:
        return "nothing on record about this"
    recorded = recorded_figure(fact)
    if verdict is Verdict.MATCH:
        return f"states the recorded {recorded}"
    if verdict is Verdict.CONSISTENT:
        return f"fits the recorded {recorded} but does not state it"
    if verdict is Verdict.OUTDATED:
        return f"stated for {claimed}; the record has a newer figure: {recorded}"
    if verdict is Verdict.UNKNOWN:
        return f"stated for {claimed}, later than the record ({recorded}): the record cannot say"
    if diff is None:
        return f"the record says {recorded}"
    unit = difference_unit(fact.figure.base_unit)
    unit = f" {unit}" if unit else ""
    sign = "+" if diff > 0 else ""
    times = f", ×{ratio_text(ratio).rstrip('0').rstrip('.')}" if ratio is not None else ""
    return f"the record says {recorded}: off by {sign}{grouped(diff)}{unit}{times}"


def _record_period(fact: Fact) -> str | None:
    """When the record holds: its as_of, else its source's publication date."""
    return fact.as_of or fact.source.published or None


def _finding(r: Reading, fact: Fact | None, line: int, context: str, subject: tuple[str, ...] = (),
             period: str | None = None, why: str = "") -> Finding:
    if fact is None:
        verdict, diff, ratio = Verdict.UNKNOWN, None, None
    else:
        verdict, diff, ratio = judge(r, fact)
    recorded = _record_period(fact) if fact is not None else None
    if verdict is Verdict.MISMATCH and period and recorded and r.figure.kind is not Kind.DATE:
        if periods.before(period, recorded):
            verdict = Verdict.OUTDATED  # right for its time, perhaps; the record is newer
        elif periods.before(recorded, period) or (fact.as_of is None and periods.within(period, recorded)):
            # newer than the record, or a moment inside the year the record was published in when
            # it gives no period of its own (a June page against the article's "1600多家" of 2024):
            # the record cannot say the claim is wrong
            verdict, diff, ratio = Verdict.UNKNOWN, None, None
    if fact is not None:
        why = f"the text names {'、'.join(subject)}" if subject else why
    return Finding(r, line, context, fact, verdict, diff, ratio, _explain(fact, verdict, diff, ratio, period),
                   subject if fact is not None else (), period, why)


def summary(findings: Sequence[Finding]) -> dict[str, int]:
    counts = Counter(f.verdict for f in findings)
    return {v.value: counts.get(v, 0) for v in Verdict}
