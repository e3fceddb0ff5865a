"""Check by period: a figure tied to an observation of a series is judged against the
observation of the period the text gives it (``xmfacts.series.select`` picks it).

The matcher still decides *what* a figure is about (which measure, which subject); this
module only decides *when*, after it. ``claims._check`` calls ``judge_in_series`` for every
figure whose fact has a series, and keeps its own ``_finding`` for every other: one call, so
the matcher and the verdicts know nothing of series.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from xmfacts.check.verdicts import Finding, Verdict, _finding, judge, recorded_figure
from xmfacts.figures import period as periods
from xmfacts.figures.reader import Reading
from xmfacts.model import BaseUnit, Fact, Kind
from xmfacts.series import Series, base_value, period_of, select, series_in
from xmfacts.series import end as end_of
from xmfacts.text import has_cjk

# The observations of a fact's series, as the check's fact source can give them (the parsed
# base in memory, or the fact's topic read from the index).
Observations = Callable[[Fact], Sequence[Fact]]


def in_memory(facts: Sequence[Fact]) -> Observations:
    """The observations of a series, from a parsed fact base (``check_text``)."""
    by_series: dict[str, Series] | None = None

    def observations(fact: Fact) -> Sequence[Fact]:
        nonlocal by_series
        if by_series is None:
            by_series = series_in(facts)
        found = by_series.get(fact.series_id)
        return found.observations if found else (fact,)

    return observations


def from_topics(read_topic: Callable[[str], Sequence[Fact]]) -> Observations:
    """The observations of a series, reading its topic once (``check_claims`` over the index)."""
    cache: dict[str, dict[str, Series]] = {}

    def observations(fact: Fact) -> Sequence[Fact]:
        if fact.topic not in cache:
            cache[fact.topic] = series_in(read_topic(fact.topic))
        found = cache[fact.topic].get(fact.series_id)
        return found.observations if found else (fact,)

    return observations


_ROUNDED_DIGITS = 4


def _same_figure(reading: Reading, fact: Fact) -> bool:
    """The claim states the observation's figure digit for digit, or rounded from four digits on, with the same hedge."""
    claimed, recorded = reading.figure, base_value(fact)
    if claimed.kind is not Kind.QUANTITY or claimed.value is None or recorded is None or claimed.qualifier is not fact.figure.qualifier:
        return False
    if claimed.value * (claimed.scale or 1) == recorded:
        return True
    # 154.24 billion yuan for the recorded 1542.42亿元: the record to the claim's last digit,
    # where the claim has digits enough (four) that no other period's figure rounds to it by chance
    return len(claimed.value.normalize().as_tuple().digits) >= _ROUNDED_DIGITS and judge(reading, fact)[0] is Verdict.MATCH


def _cited(fact: Fact) -> str:
    return f"{recorded_figure(fact)} [{fact.source.outlet or fact.source.id}]"


# Words that make a figure a part of a year: 前五个月, 一季度, 1-8月, first quarter, Q1, year to
# date; and the months so far English names (first five months, January-August), as the period
# reader reads them (``periods.says_months_so_far``).
_PART_OF_YEAR = re.compile(
    r"前[一二三四五六七八九十两\d]+个?月|[一二三四1-4]季度|上半年|下半年|前三季|\d{1,2}[-—~至]\d{1,2}月|"
    r"\bfirst (?:quarter|half)\b|\bq[1-4]\b|\byear[- ]to[- ]date\b"
)


def _part_of_year(text: str) -> bool:
    return _PART_OF_YEAR.search(text) is not None or periods.says_months_so_far(text)


def judge_in_series(reading: Reading, fact: Fact | None, line: int, context: str, subject: tuple[str, ...],
                    period: str | None, dated: bool, observations: Observations | None, before: str = "",
                    mentioned: Callable[[], Sequence[str]] = tuple) -> Finding | None:
    """The finding for a figure tied to an observation of a series; None when the fact is in
    no series (the caller then judges it as before).

    ``dated``: the text gives the figure its own period (not merely when it was written).
    ``before``: the words of its sentence before it (folded), where a bare year may date it
    (2019年厦门地区生产总值…), which check leaves alone for figures of no series.
    ``mentioned``: the periods the passage named before the figure's sentence (``periods.named``).
    """
    if fact is None or not fact.series or observations is None:
        return None
    obs = tuple(observations(fact))
    if len(obs) < 2 and fact.as_of and len(fact.as_of) == 4:
        # 2021年1-10月制造业投资增幅达30.7%, against a series that has only 2023's whole year: a
        # running total of months is no earlier level of a yearly figure; nor is a figure of a
        # sentence with no period of its own after the passage named such months
        part = (period if dated and period and _part_of_year(before + context.casefold())
                else None if dated else next(reversed(mentioned()), None))
        if part and len(part) > 4 and not part.endswith("-12-31"):
            return Finding(reading, line, context, None, Verdict.UNKNOWN, None, None,
                           f"a part of {part[:4]}, and {fact.series_id} records whole years", (), period, "a part of the year, not on record")
    if len(obs) < 2:
        return None  # a series of one is a fact like any other
    series = Series(fact.series_id, obs)
    claimed = reading.figure
    if not has_cjk(reading.text) and claimed.base_unit in (None, BaseUnit.NUMBER) and fact.figure.base_unit is not None:
        # "a population of 5.18 million": in English an amount says yuan or $, a bare
        # multiplier counts people or things; never an observation of a measured series
        return Finding(reading, line, context, None, Verdict.UNKNOWN, None, None,
                       f"a bare number in English is not compared with {series.id}", (), period)
    if not dated and has_cjk(before):
        year = periods.stated_year(before)
        if year is not None:
            period, dated = year, True
    if period and len(period) == 4 and _part_of_year(before + context.casefold()):
        # 2021年前五个月外贸增长33.6%: a part of the year the period reader did not date; the
        # year's observation is another figure
        return Finding(reading, line, context, None, Verdict.UNKNOWN, None, None,
                       f"a part of {period}, not the year {series.id} records", (), period, "a part of the year, not the year's figure")
    chosen = select(series, period, dated, lambda f: judge(reading, f)[0] is Verdict.MATCH)
    if chosen.missing and period and len(period) > 4 and _part_of_year(before + context.casefold()):
        # "in the January-November period": months of a year the series has no figure for. A
        # running total is no earlier level of a yearly series: the record cannot say.
        return Finding(reading, line, context, None, Verdict.UNKNOWN, None, None,
                       f"a part of {period[:4]} {series.id} has no observation for", (), period, "a part of the year, not on record")
    if chosen.missing:
        near = "; ".join(f"{period_of(f)}: {_cited(f)}" for f in chosen.nearest)
        if chosen.later:
            return Finding(reading, line, context, chosen.observation, Verdict.UNKNOWN, None, None,
                           f"stated for {period}, after the latest observation of {series.id} ({near}): the record cannot say",
                           subject, period)
        # the record it is older than is the series as it stands: its latest observation
        return Finding(reading, line, context, series.latest, Verdict.OUTDATED, None, None,
                       f"stated for {period}, for which {series.id} has no observation; nearest: {near}",
                       subject, period)
    finding = _finding(reading, chosen.observation, line, context, subject, period)
    if not dated and finding.verdict is not Verdict.MATCH:
        # "…in the first three months of 2017. Foreign capital actually used came to 6.1 billion
        # yuan": the passage said the period a sentence before. Only the record's own figure for
        # a period the passage named is taken as that period's, and only to the last digit (a
        # passage naming ten years names some year whose growth rounds to "8 percent"): a figure
        # equal to none of them is judged as an undated one, as before.
        said = {periods.bounds(p)[1]: p for p in mentioned()}
        stated = [f for f in series.observations if end_of(f) in said and _same_figure(reading, f)]
        if stated:
            found = _finding(reading, stated[-1], line, context, subject, period_of(stated[-1]))
            return replace(found, why=f"{found.why}; the passage speaks of {said[end_of(stated[-1])]} before it")
    if not dated and finding.verdict in (Verdict.MISMATCH, Verdict.OUTDATED) and chosen.observation.source.url:
        # A figure of another page's series (GDP, trade, growth) changes every year, and news
        # text gives it a period it does not always spell out (过去十年, on the year, 前五个月):
        # with no period said, the record cannot call it wrong. The article's own figures, the
        # current ones, are still compared as before.
        return Finding(reading, line, context, chosen.observation, Verdict.UNKNOWN, None, None,
                       f"no period said, and {series.id} changes from year to year: the record cannot say which it is",
                       subject, period, "no period said for a figure of a series that changes every year")
    if not dated and finding.verdict is Verdict.MISMATCH:
        # 国家级高新技术企业总数已达3607家, undated: no figure of today's, but the series' own of
        # an earlier period. The text is older than the record, not wrong.
        earlier = [f for f in series.observations if f is not chosen.observation and judge(reading, f)[0] is Verdict.MATCH]
        if earlier:
            return Finding(reading, line, context, chosen.observation, Verdict.OUTDATED, None, None,
                           f"no period said; {series.id} recorded it for {period_of(earlier[-1])} ({_cited(earlier[-1])}), "
                           f"and {period_of(chosen.observation)} is {_cited(chosen.observation)}",
                           subject, period, "no period said, and it is an earlier observation of its series")
    others = [f for f in chosen.same_period if f is not chosen.observation and f.figure != chosen.observation.figure]
    if others:
        also = "; ".join(_cited(f) for f in others)
        finding = replace(finding, explanation=f"{finding.explanation}; the same period elsewhere: {also}")
    return finding
