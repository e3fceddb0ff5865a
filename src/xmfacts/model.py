"""The fact base's data model: plain frozen dataclasses shared by every part of xmfacts.

A ``Figure`` is what a number says (value or range or date, unit, hedge); it is the one type
for a figure everywhere: a recorded fact holds one, a claim read from text holds one, and
``compare`` puts them side by side. The model imports nothing of xmfacts: the interval a
figure stands for is ``xmfacts.figures.interval.interval_of`` and its printed forms are
``xmfacts.figures.printing.printed`` and ``normalized``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Qualifier(StrEnum):
    """How the source hedges a figure; the words map as documented in docs/fact-format.md."""

    EXACT = "exact"
    ABOUT = "about"  # 约, 左右
    NEARLY = "nearly"  # 近
    OVER = "over"  # 超, 超过, 逾, 过
    AT_LEAST = "at_least"  # 余, 多 (more than a round number)
    UNDER = "under"  # 不到, 不足
    AT_MOST = "at_most"  # 最高, 可达
    RANGE = "range"  # X—Y


class Status(StrEnum):
    """What a page says of its own figure: a statistics bureau prints a preliminary GDP in
    March and a revised one a year later; both stay on record, each with its status."""

    PRELIMINARY = "preliminary"  # 初步核算, "preliminary estimation"
    REVISED = "revised"  # 修订, 最终核实
    AS_PRINTED = "as printed"  # recorded as the page prints it, where it looks wrong (see note)


class SourceKind(StrEnum):
    """What kind of page a source is: a bulletin outranks a reprint of it."""

    ARTICLE = "article"  # the feature the fact base was typed from
    STATISTICAL_BULLETIN = "statistical bulletin"  # 统计公报, the bureau's own page
    GOVERNMENT_SITE = "government site"  # the city's or a bureau's site (english.xm.gov.cn)
    NEWSPAPER = "newspaper"  # an outlet's own page
    MIRROR = "mirror"  # a reprint of another page, on a site that is not its publisher's
    REPORT = "report"  # a research or rating report


class Kind(StrEnum):
    QUANTITY = "quantity"
    RANGE = "range"
    DATE = "date"


class BaseUnit(StrEnum):
    """The fixed vocabulary every printed unit normalizes to."""

    CNY = "CNY"
    COUNT = "count"
    PERCENT = "percent"
    PERCENTAGE_POINT = "percentage_point"
    KWH = "kWh"
    GALLON = "gallon"
    USD = "USD"  # 美元: foreign investment and Taiwan and overseas firms' capital are told in dollars
    TONNE = "t"  # 吨: a port's cargo, a plant's output, emissions cut
    KW = "kW"  # 千瓦, 兆瓦: a power plant's or a storage site's capacity (kWh is the energy it gives)
    KM2 = "km2"
    M2 = "m2"  # a building's or a site's floor area (65万平方米), kept apart from a district's km2
    MU = "mu"  # 亩, the land measure a site is given in (1216亩): 666.67 m2 is no whole scale
    METRE = "m"
    MINUTE = "minute"
    HOUR = "hour"
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    # A bare number, or a number with a multiplier but no unit (1.2万亿): comparable with any quantity.
    NUMBER = "number"
    # 分: points of a score or an index a ranking gives (综合得分77.4分), after NUMBER so the
    # numbers an index files the others under stay as they were
    SCORE = "score"


@dataclass(frozen=True)
class Figure:
    """A number as printed: ``value`` (or ``lower``/``upper``) keeps its printed precision.

    ``value * scale`` is the figure in ``base_unit``; a date has ``date`` and nothing else.
    """

    kind: Kind
    qualifier: Qualifier = Qualifier.EXACT
    value: Decimal | None = None
    lower: Decimal | None = None
    upper: Decimal | None = None
    unit: str | None = None
    scale: int | None = None
    base_unit: BaseUnit | None = None
    date: str | None = None


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    outlet: str = ""
    published: str = ""
    authors: tuple[str, ...] = ()
    url: str = ""  # where a reader can open the source; reports link it only when http(s)
    kind: str = ""  # a SourceKind value, or "" when not said


@dataclass(frozen=True)
class Fact:
    """One recorded figure, who it is about, and where it was printed."""

    topic: str
    id: str  # short id, unique within the topic
    label: str
    label_en: str
    figure: Figure
    entity: str
    source: Source
    quote: str
    as_of: str | None = None
    tags: tuple[str, ...] = ()
    measure: tuple[str, ...] = ()  # what the figure measures, as people name it (both languages)
    note: str = ""
    # The series this fact is one observation of: the same measure of the same subject over
    # time, named in its topic (gdp → economy/gdp). "" for a fact that stands alone.
    series: str = ""
    status: str = ""  # a Status value, or "" (as printed, nothing said)
    line: int = 0  # line of the [[fact]] header in its file, for error messages

    @property
    def full_id(self) -> str:
        return f"{self.topic}/{self.id}"

    @property
    def series_id(self) -> str:
        """The full id of its series (topic/series), or "" when it is one of none."""
        return f"{self.topic}/{self.series}" if self.series else ""


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    title_en: str
    facts: tuple[Fact, ...] = field(default=())
    path: str = ""


@dataclass(frozen=True)
class FactBase:
    topics: tuple[Topic, ...]
    sources: tuple[Source, ...]
    root: str = ""

    @property
    def facts(self) -> tuple[Fact, ...]:
        return tuple(f for t in self.topics for f in t.facts)
