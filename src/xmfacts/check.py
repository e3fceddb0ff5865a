"""Checking claims: every figure in a sentence or a draft, marked against the record.

Each figure the number reader finds is matched to the fact it speaks about by the words
around it, among facts whose unit can be compared with it; then both figures become
intervals (``xmfacts.figures.interval``, the one place those rules live) and the verdict follows:

| verdict | when |
|---|---|
| match | the claim states the recorded figure, at the claim's precision, with a compatible hedge |
| consistent | the intervals overlap, but the claim is not the recorded figure (超过1100亿元 for 1141.58亿元) |
| outdated | the claim states an earlier period than the record's and its figure differs |
| mismatch | the intervals do not overlap: the recorded figure, difference and ratio are shown |
| unknown | nothing on record is about this subject, scope or period |

A figure is tied to a fact only when its clause (or an earlier clause of the same sentence,
whose subject Chinese carries over) names what the fact measures (the fact's ``measure``
terms: 上市公司, 获得授信, listed companies); a fact about a named entity (天马, 金圆集团) also
needs that name nearby, and a claim about another scope (全国, 全省, another city) is about
something else. Among the facts left, the claim's words weigh against each fact's label,
entity, tags and quote, rarer pairs counting more. What tied a figure to its fact is reported
as its ``subject``: a forced match to an unrelated figure would be a false alarm.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from xmfacts.errors import UsageError
from xmfacts.figures import period as periods
from xmfacts.figures.interval import Interval, half_precision
from xmfacts.figures.printing import difference_unit, grouped, ratio_text
from xmfacts.figures.reader import Reading, read_figure, read_figures
from xmfacts.figures.units import compatible, split_multiplier
from xmfacts.model import BaseUnit, Fact, FactBase, Figure, Kind, Qualifier
from xmfacts.text import CJK_CLASS, converts_to_simplified, fold, fold_in_place, has_cjk, stem

if TYPE_CHECKING:
    from xmfacts.factbase.store import Store

Q = Qualifier


class Verdict(StrEnum):
    MATCH = "match"
    CONSISTENT = "consistent"
    OUTDATED = "outdated"
    MISMATCH = "mismatch"
    UNKNOWN = "unknown"


def written_on(as_of: str | None) -> str:
    """When the checked text was written: ``--as-of`` (YYYY[-MM[-DD]]) or today."""
    from xmfacts.factbase.parse import valid_date

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


_SENTENCE_WEIGHT = 0.4  # words elsewhere in the sentence count, but less than the clause's
_NEAR_TIE = 0.85  # candidates this close to the best are told apart by their figures
_SAME_UNIT_BONUS = 3.0  # the same counter word (家, 项, 户) says the same kind of thing is counted
_MEASURE_WEIGHT = 2.0  # per character of the measure term named: 境内上市公司 says more than 上市

_SENTENCE_END = re.compile(r"[。！？!?；;\n]|\.(?=\s|$)")
_CLAUSE_END = re.compile(r"[，,、：:（）()“”\"]")
_CJK_RUN = re.compile(f"[{CJK_CLASS}]+")
_WORD = re.compile(r"[a-z][a-z'-]+")
_STOP = {"the", "of", "and", "in", "on", "for", "to", "by", "with", "its", "as", "at", "from", "an"}

# Hedges that say the same about a figure's place: 约 and none; above it; below it.
_HEDGE_GROUP = {
    Q.EXACT: "level", Q.ABOUT: "level",
    Q.OVER: "above", Q.AT_LEAST: "above",
    Q.NEARLY: "below", Q.UNDER: "below", Q.AT_MOST: "below",
    Q.RANGE: "range",
}

# Another place or a wider whole than the record's: a figure for all of Fujian or China, or for
# another city, is about something else, unless the fact itself speaks of that scope.
_SCOPES = tuple(fold(w) for w in """全国 全省 福建省 福建全省 全球 全世界 世界 我国 中国 国内 北京 上海 深圳 广州 杭州 福州 泉州
    漳州 莆田 宁德 南京 苏州 无锡 成都 武汉 重庆 天津 青岛 宁波 西安 合肥 长沙 台湾 香港 澳门 厦门大学 思明区 湖里区 集美区 海沧区 同安区 翔安区
    浦东 火炬高新区 生物医药港 产业园 园区 软件园 片区""".split()) + ("nationwide", "national total", "across the country", "across china", "the whole province",
    "province-wide", "provincewide", "worldwide", "shanghai", "shenzhen", "beijing", "fuzhou", "quanzhou", "xiamen university",
    "guangzhou", "hangzhou", "nanjing", "suzhou", "wuxi", "ningbo", "chengdu", "wuhan", "chongqing", "tianjin", "qingdao",
    "zhangzhou", "putian", "ningde", "xi'an", "hefei", "changsha", "hong kong", "macao", "macau")
# A change (净增800家, 增长6.4%) is not a level (4200家, 29.20%), unless the fact records one.
_CHANGE_WORDS = tuple("新增 净增 增加 增长 增速 增幅 同比 环比 提高 下降 减少 上升 回落 认定".split())
_CHANGE_ENGLISH = ("up", "down", "growth", "increase", "rise", "rose")  # whole words; increase also as increased
_CHANGE = re.compile("|".join([*_CHANGE_WORDS, *(rf"\b{w}" if w == "increase" else rf"\b{w}\b" for w in _CHANGE_ENGLISH)]))
# 其中 / 包括 open a part of what the sentence named before: a subject does not carry over.
_PART = re.compile(r"其中|包括|包含|含|including|of which|among them")
# Levels of a thing (市级高企 are not 国家级高企) speak only for the clause they stand in.
_LEVELS = ("市级", "省级", "区级")
# Ways of saying where Xiamen is, which name a wider place without changing the scope.
_APPOSITIONS = re.compile(
    r"福建省?厦门|中国厦门|east china's fujian province|southeast china's fujian province|china's fujian province|fujian province's"
    # a rank against a wider whole (处于全国、全球领先水平) says how good, not whose figure
    r"|(?:全国|全省|全球|世界|国内|国际)(?:[、和及与](?:全国|全省|全球|世界|国内|国际))?(?:领先|前列|首位|第一|一流|前茅|先进)"
)
_CITY = {"厦门市", "厦门"}
_NAME_SUFFIXES = re.compile(r"(股份有限公司|有限公司|控股集团|集团|分行|产业)$")


def _terms(text: str, folded: bool = False) -> Counter[str]:
    """Character pairs of Chinese runs and English words: what a claim and a fact share."""
    if not folded:
        text = fold(text)
    terms: Counter[str] = Counter()
    for run in _CJK_RUN.findall(text):
        for i in range(len(run) - 1):
            terms[run[i : i + 2]] += 1
    terms.update(w for w in _WORD.findall(text) if w not in _STOP)
    return terms


def _english(text: str) -> str:
    """Folded English words, stemmed and space-padded, for whole-phrase lookups."""
    return " " + " ".join(stem(w) for w in re.findall(r"[a-z0-9][a-z0-9'-]*", text)) + " "


def _without_figures(text: str, readings: Sequence[Reading], offset: int = 0) -> str:
    """The words around figures only: 342家 must not make 家 or 亿元 look like shared subject matter.

    A bare number is left in: it is a name's (1类新药, 1号孵化器, 5G) far more often than a figure.
    """
    chars = list(text)
    for r in readings:
        if not _checkable(r):
            continue
        for i in range(max(r.start - offset, 0), min(r.end - offset, len(chars))):
            chars[i] = " "
    return "".join(chars)


# What matching needs of one fact, as plain values worked out once per fact, when the fact
# base is indexed (``check_profile``), so a check reads these instead of rebuilding facts:
# (names, English names, scope words in its own text, says a change?, kind, base unit,
#  counter word, interval as (low, high, low open?, high open?) in text). Its words (``fact_terms``)
# travel apart, as one space-separated string: only facts a figure could be about need them.
# All but the interval is the fact's ``Shape``: a big base has many facts of each shape (one
# entity's figures under one measure), so a shape is read and judged once, not once per fact.
Sketch = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], bool, str, "str | None", str, "tuple[str | None, str | None, bool, bool]"]
Shape = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], bool, str, "str | None", str]
PlainInterval = tuple["str | None", "str | None", bool, bool]

_KINDS = {k.value: k for k in Kind}
_BASE_UNITS: dict[str | None, BaseUnit | None] = {None: None, **{u.value: u for u in BaseUnit}}


def _says_change(text: str) -> bool:
    """``_CHANGE.search(text)``, in a few substring tests for most facts: the regular expression
    tries each of its words at every position, a fifth of indexing a fact's check profile."""
    if any(word in text for word in _CHANGE_WORDS):
        return True
    return any(word in text for word in _CHANGE_ENGLISH) and bool(_CHANGE.search(text))


def check_profile(fact: Fact, terms: frozenset[str]) -> tuple[str, Sketch]:
    """One fact as the matcher reads it: its words (``fact_terms``), and the rest (``Sketch``)."""
    own = fold(" ".join((fact.label, fact.label_en, fact.entity, fact.quote, *fact.tags, *fact.measure)))
    figure = fact.figure
    interval = figure.interval()
    sketch: Sketch = (
        *_raw_names(fact),
        tuple(filter(own.__contains__, (*_SCOPES, *_LEVELS))),
        _says_change(own),
        figure.kind.value,
        figure.base_unit.value if figure.base_unit else None,
        _counter(figure.unit),
        (None if interval.low is None else str(interval.low), None if interval.high is None else str(interval.high), interval.low_open, interval.high_open),
    )
    return " ".join(sorted(terms)), sketch


def sketch_names(sketch: Shape | Sketch) -> tuple[str, ...]:
    """Every name a fact may need said nearby, before common words are set aside: what the
    fact-base index files the fact under, so a check reads closely only facts a text names."""
    return (*sketch[0], *sketch[1])


class _Shape:
    """What matching needs of a fact apart from its words and figure (a ``Shape``), shared by
    every fact of that shape: whether a figure may be about it is decided once per shape."""

    __slots__ = ("names", "scopes", "change", "kind", "base_unit", "counter", "key")

    def __init__(self, shape: Shape, names: tuple[str, ...]) -> None:
        _, _, scopes, change, kind, base_unit, counter = shape
        self.key = (scopes, change, kind, base_unit, counter)
        self.names = names
        self.scopes = scopes
        self.change = change
        self.kind = _KINDS[kind]
        self.base_unit = _BASE_UNITS[base_unit]
        self.counter = counter


def _interval_of(plain: PlainInterval) -> Interval:
    low, high, low_open, high_open = plain
    return Interval(None if low is None else Decimal(low), None if high is None else Decimal(high), bool(low_open), bool(high_open))


class FactSource(Protocol):
    """The facts a check may tie figures to, as the matcher asks for them: by measure term,
    by name, and a few at a time: their shapes, then the words of those a figure may be about,
    then the figures of those it must compare. ``InMemory`` holds a parsed fact base; the
    fact-base index answers the same questions from SQLite (``xmfacts.factbase.store.IndexedFacts``).
    Facts are numbered in fact-base order: ties go to the earlier fact."""

    def measure_rows(self) -> Iterable[tuple[str, int, int]]:
        """(measure term as written, measure list number, its place in the list). Facts that
        list the same measure terms share one list: a clause is matched against each list once."""

    def members(self) -> tuple[dict[int, set[int]], Mapping[int, int]]:
        """The facts of each measure list, and each fact's list (by fact number)."""

    def named(self, words: str) -> tuple[set[int] | None, dict[str, set[int]]]:
        """Facts about the city itself (no name needed), and, for each name ``words`` holds,
        the facts filed under it; (None, {}) when every fact is to be read closely."""

    def shapes(self, numbers: Iterable[int]) -> dict[int, Hashable]:
        """Each of these facts' shape, as a key: facts of one shape have the same key."""

    def shape_sketches(self, keys: Sequence[Hashable]) -> dict[Hashable, Shape]:
        """The ``Shape`` of each of these keys."""

    def profiles(self, numbers: Sequence[int]) -> dict[int, tuple[str, PlainInterval]]:
        """The words (``check_profile``) of each of these facts, as one string in which the key
        of each word it has (``word_keys``) is found and no other word's, and its interval."""

    def word_keys(self, terms: Sequence[str]) -> dict[str, str]:
        """What to look for in a fact's ``words`` for each of these words; a word left out is
        in no fact's words."""

    def intervals(self, numbers: Sequence[int]) -> dict[int, PlainInterval]:
        """The recorded figure of each of these facts, as its interval (``check_profile``)."""

    def may_fit(self, numbers: set[int], lists: Iterable[int], claim: Interval) -> set[int]:
        """Of these facts (all of these measure lists), at least every one whose recorded figure
        overlaps the ``claim``: the others need not be compared."""

    def shapes_named(self, words: str) -> dict[Hashable, Shape]:
        """Every shape of the whole base, whatever its facts measure, that names a subject
        (``sketch_names``) ``words`` holds: asked only before a figure is called wrong."""

    def fitting(self, keys: Iterable[Hashable], claim: Interval) -> Iterator[PlainInterval]:
        """The recorded figures of facts of these shapes, at least every one that overlaps the
        ``claim``, a few at a time (the first that fits answers)."""

    def fact(self, number: int) -> Fact:
        """The fact itself, for the one a figure is tied to."""


class InMemory:
    def __init__(self, base: FactBase, terms: Sequence[frozenset[str]]) -> None:
        self.facts = base.facts
        self.fact_terms = terms  # fact_terms of each fact, worked out for base_stats already
        self.lists: dict[tuple[str, ...], int] = {}
        self.list_of = [self.lists.setdefault(tuple(dict.fromkeys(f.measure)), len(self.lists)) for f in self.facts]
        self._profiles: dict[int, tuple[str, Sketch]] = {}

    def measure_rows(self) -> Iterable[tuple[str, int, int]]:
        for terms, number in self.lists.items():
            for k, term in enumerate(terms):
                yield term, number, k

    def members(self) -> tuple[dict[int, set[int]], list[int]]:
        out: dict[int, set[int]] = {}
        for n, number in enumerate(self.list_of):
            out.setdefault(number, set()).add(n)
        return out, self.list_of

    def named(self, words: str) -> tuple[set[int] | None, dict[str, set[int]]]:
        return None, {}

    def _profile(self, n: int) -> tuple[str, Sketch]:
        profile = self._profiles.get(n)
        if profile is None:
            profile = self._profiles[n] = check_profile(self.facts[n], self.fact_terms[n])
        return profile

    def shapes(self, numbers: Iterable[int]) -> dict[int, Hashable]:
        return {n: self._profile(n)[1][:7] for n in numbers}  # the shape is its own key

    def shape_sketches(self, keys: Sequence[Hashable]) -> dict[Hashable, Shape]:
        return {k: k for k in keys}  # type: ignore[misc]

    def profiles(self, numbers: Sequence[int]) -> dict[int, tuple[str, PlainInterval]]:
        # space-padded (" 上市 市公 listed "), so a padded word is found whole
        return {n: (f" {words} ", sketch[7]) for n in numbers for words, sketch in [self._profile(n)]}

    def word_keys(self, terms: Sequence[str]) -> dict[str, str]:
        return {t: f" {t} " for t in terms}

    def intervals(self, numbers: Sequence[int]) -> dict[int, PlainInterval]:
        return {n: self._profile(n)[1][7] for n in numbers}

    def may_fit(self, numbers: set[int], lists: Iterable[int], claim: Interval) -> set[int]:
        return numbers

    def shapes_named(self, words: str) -> dict[Hashable, Shape]:
        shapes = self.shapes(range(len(self.facts))).values()
        return {k: k for k in shapes if any(name in words for name in sketch_names(k))}  # type: ignore[arg-type]

    def fitting(self, keys: Iterable[Hashable], claim: Interval) -> Iterator[PlainInterval]:
        wanted = set(keys)
        return (sketch[7] for n in range(len(self.facts)) for sketch in [self._profile(n)[1]] if sketch[:7] in wanted)

    def fact(self, number: int) -> Fact:
        return self.facts[number]


@lru_cache(maxsize=65536)  # a big fact base repeats its measure terms many times over
def _measure_form(measure: str) -> tuple[str, bool]:
    """A measure term as clauses are searched for it: folded Chinese, or stemmed English words."""
    english = not has_cjk(measure)
    return (_english(fold(measure)) if english else fold(measure)), english


@dataclass(frozen=True)
class _Place:
    """Where a figure stands, as the matcher reads it (all folded)."""

    clause: str
    before: str  # earlier clauses of its sentence
    nearby: str  # its sentence and the one before, where a subject's name may be
    lead: str  # the words of its clause just before it: 净增, 其中 …


def _raw_names(fact: Fact) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The entity as text may name it, and the proper names of its English label; ((), ()) for the city itself."""
    if fact.entity in _CITY:
        return (), ()
    entity = fold(fact.entity)
    short = _NAME_SUFFIXES.sub("", entity.removeprefix("厦门")) or entity
    # Proper names in the English label (Tianma, Jinyuan, Jiageng): what English text calls it.
    # not the first word, which is capitalised because it starts the label
    english = {w.casefold().removesuffix("'s") for w in re.findall(r"\b[A-Z][A-Za-z'-]+", fact.label_en.split(" ", 1)[-1])}
    # a product or platform the source names in quotation marks (“屿链通”, “厦门信易贷”) is the subject too
    quoted = [fold(q) for q in re.findall(r"“([^”]{2,12})”", fact.quote + fact.label)]
    return tuple(dict.fromkeys([entity, short, *quoted])), tuple(sorted(english))


class Matcher:
    """The facts prepared for matching claims; build once per check, reuse for every figure."""

    def __init__(self, source: FactSource, stats: BaseStats, words: str) -> None:
        # ``stats`` are the whole base's even when ``source`` offers only the facts whose
        # measure a text names, so a figure scores as against the whole base. ``words`` is the
        # text being checked (folded, figures blanked): only names it holds are looked up.
        self.source = source
        self.stats = stats
        self.common = frozenset(stats.lower_words | {"xiamen", "fujian", "china", "chinese", "the", "a", "when", "year", "group"})
        # Each measure form, with the facts that have it: a clause is searched for each form
        # once (a substring test in C), not once per fact.
        self.measure_forms: dict[tuple[str, bool], list[tuple[int, int, str]]] = {}
        for written, number, k in source.measure_rows():
            self.measure_forms.setdefault(_measure_form(written), []).append((number, k, written))
        self.members, self.list_of = source.members()
        # Forms by their first two characters (Chinese) or first word (English), so a clause
        # tests only the forms that could start somewhere in it.
        self.form_keys: dict[str, list[tuple[str, bool]]] = {}
        for form, is_english in self.measure_forms:
            key = form.split()[0] if is_english and form.split() else form[:2]
            self.form_keys.setdefault(key, []).append((form, is_english))
        # Facts about the city need no name; the others need one said nearby: a figure reads
        # closely only the facts whose names are near it.
        self.city, self.by_name = source.named(words)
        self.words = words
        self._named: dict[Hashable, _Shape] | None = None  # shapes_named, read before a first alarm
        # What has been read of the facts, kept for the text's other figures: each fact's shape,
        # the shapes themselves, and the words (as ``FactSource.profiles`` gives them) and
        # recorded figures of the facts read.
        self.shape_of: dict[int, _Shape] = {}
        self._shapes: dict[Hashable, _Shape] = {}
        self.terms: dict[int, str] = {}
        self._plain: dict[int, PlainInterval] = {}  # read with the words, made Intervals when compared
        self._intervals: dict[int, Interval] = {}
        self._names: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[str, ...]] = {}
        self._idf: dict[str, float] = {}

    def _load_shapes(self, numbers: Iterable[int]) -> None:
        missing = [n for n in numbers if n not in self.shape_of]
        if not missing:
            return
        keys = self.source.shapes(missing)
        new = [k for k in dict.fromkeys(keys.values()) if k not in self._shapes]
        for key, shape in self.source.shape_sketches(new).items():
            self._shapes[key] = self._shape(shape)
        shapes = self._shapes
        self.shape_of.update((n, shapes[k]) for n, k in keys.items())

    def _shape(self, shape: Shape) -> _Shape:
        raw = shape[:2]
        names = self._names.get(raw)
        if names is None:
            # Proper names in the English label are names unless the base uses them as ordinary words
            names = self._names[raw] = tuple(dict.fromkeys([*shape[0], *sorted(set(shape[1]) - self.common)])) if shape[0] else ()
        return _Shape(shape, names)

    def _load_terms(self, numbers: Sequence[int]) -> None:
        missing = [n for n in numbers if n not in self.terms]
        if missing:
            # one string per fact, not a set: a million-fact base may score hundreds of thousands of facts
            for n, (words, interval) in self.source.profiles(missing).items():
                self.terms[n] = words
                self._plain[n] = interval

    def _interval(self, number: int) -> Interval:
        """The recorded figure of a fact, once read (with its words, or by ``_any_fits``)."""
        interval = self._intervals.get(number)
        if interval is None:
            interval = self._intervals[number] = _interval_of(self._plain[number])
        return interval

    def _any_fits(self, claim: Interval, numbers: Iterable[int]) -> bool:
        """Whether the recorded figure of one of these facts fits the claim: read a few at a time,
        since the first that fits answers."""
        numbers = iter(numbers)
        while True:
            chunk = list(itertools.islice(numbers, 256))
            if not chunk:
                return False
            unread = [n for n in chunk if n not in self._plain]
            if unread:
                self._plain.update(self.source.intervals(unread))
            if any(claim.overlaps(self._interval(n)) for n in chunk):
                return True

    def idf(self, term: str) -> float:
        """Rarer words say more: 私募 (four facts) more than 厦门 (most of them)."""
        value = self._idf.get(term)
        if value is None:
            value = self._idf[term] = math.log((self.stats.count + 1) / (self.stats.frequency.get(term, 0) + 0.5))
        return value

    def _measures(self, chinese: str, english: str) -> dict[int, str]:
        """For each measure list, the longest of its terms the text names, as the list writes it."""
        best: dict[int, tuple[int, int, str]] = {}
        keys = {chinese[i : i + 2] for i in range(len(chinese) - 1)} | set(english.split())
        forms = [f for key in keys & self.form_keys.keys() for f in self.form_keys[key]]
        for form, is_english in forms:
            if form in (english if is_english else chinese):
                for n, k, written in self.measure_forms[(form, is_english)]:
                    # the longest term wins; between equals, the one the fact lists first
                    rank = (len(written), -k, written)
                    if n not in best or rank > best[n]:
                        best[n] = rank
        return {n: rank[2] for n, rank in best.items()}

    def _eligible(self, reading: Reading, profile: _Shape, change: bool, scopes: list[str],
                  known: dict[tuple[object, ...], bool]) -> bool:
        """Whether facts of this shape could be what the figure speaks of, their names aside;
        ``known``: the answers so far for this figure (shapes alike in unit, change and scope fare alike)."""
        ok = known.get(profile.key)
        if ok is None:
            ok = known[profile.key] = (
                _comparable_to(reading, profile.kind, profile.base_unit, profile.counter)
                and not (change and not profile.change)  # 净增超过800家 is not the number of firms
                and all(w in profile.scopes for w in scopes)  # 全省上市公司 is not Xiamen's count
            )
        return ok

    def best(self, reading: Reading, place: _Place, near_terms: Counter[str]) -> tuple[Fact, tuple[str, ...]] | None:
        """The fact the figure's clause is about, with the words that say so; None when none is.

        The clause decides (上市企业11家 is about listed firms, whatever the sentence said
        before); earlier clauses carry a subject the clause leaves out (服务企业31万家 after
        获得授信1141.58亿元) and break near-ties.
        """
        clause_en, before_en = _english(place.clause), _english(place.before)
        scope = _APPOSITIONS.sub(" ", place.before + " " + place.clause)
        scopes = [w for w in _SCOPES if w in scope] + [w for w in _LEVELS if w in place.clause]
        change = bool(_CHANGE.search(place.lead))
        part = bool(_PART.search(place.clause))
        counter = _counter(reading.figure.unit)
        candidates = []
        unnamed: list[int] = []  # facts whose measure the clause names, but not their subject
        in_clause = self._measures(place.clause, clause_en)
        in_before = {} if part else self._measures(place.before, before_en)
        if not in_clause and not in_before:
            return None  # most figures of a draft: nothing on record measures what they count
        clause_facts: set[int] = set().union(*(self.members[m] for m in in_clause))
        reached = clause_facts.union(*(self.members[m] for m in in_before))
        if self.city is None:
            close_by = reached
        else:  # only facts about the city, or named near the figure, can pass the name test
            close_by = reached & self.city
            for name, numbers in self.by_name.items():
                if name in place.nearby:
                    close_by |= reached & numbers
        # Summed exactly (fsum): the points cannot depend on the order the words are added in.
        near_idf = {t: self.idf(t) for t in near_terms}
        far_idf = {t: self.idf(t) for t in _terms(place.before, folded=True) if t not in near_terms}
        passing: list[tuple[int, str, int, str | None]] = []
        eligible: dict[tuple[object, ...], bool] = {}  # facts alike in unit, change and scope fare alike
        said: dict[_Shape, str | None] = {}  # the name of a shape said nearby, if any
        # The clause's own measures first: facts an earlier clause names count only when none of those can.
        for tier, group, named_by in ((2, close_by & clause_facts, in_clause), (1, close_by - clause_facts, in_before)):
            if passing:
                break
            self._load_shapes(group)
            shape_of = self.shape_of
            for i in sorted(group):
                shape = shape_of[i]
                if not self._eligible(reading, shape, change, scopes, eligible):
                    continue
                if shape in said:
                    who = said[shape]
                else:
                    who = said[shape] = next((n for n in shape.names if n in place.nearby), None)
                if shape.names and who is None:
                    if tier == 2:
                        unnamed.append(i)
                    continue  # 天马's investment needs 天马 (or Tianma) said nearby
                passing.append((i, named_by[self.list_of[i]], tier, who))
        if not passing:
            return None
        self._load_terms([i for i, _, _, _ in passing])
        # Each word as the facts' words are searched for it (``FactSource.word_keys``); a word no
        # fact of the base has is in no fact's words, and is not looked for.
        frequency = self.stats.frequency
        keys = self.source.word_keys([t for t in (*near_idf, *far_idf) if t in frequency])
        near_words = [(keys[t], v) for t, v in near_idf.items() if t in keys]
        far_words = [(keys[t], v) for t, v in far_idf.items() if t in keys]
        terms = self.terms
        for i, named, tier, who in passing:
            shape = shape_of[i]
            bonus = _SAME_UNIT_BONUS if counter and shape.counter == counter else 0.0
            words = terms[i]
            shared = [v for t, v in near_words if t in words]
            around = [v for t, v in far_words if t in words]
            near = math.fsum(shared) if shared else 0.0
            far = math.fsum(around) if around else 0.0
            total = near + bonus + _SENTENCE_WEIGHT * far + _MEASURE_WEIGHT * len(named)
            candidates.append((tier, total, i, (named, *([who] if who else []))))
        tier = max(c[0] for c in candidates)
        candidates = [c for c in candidates if c[0] == tier]
        top = max(c[1] for c in candidates)
        close = [c for c in candidates if c[1] >= top * _NEAR_TIE]
        # Among facts the words cannot tell apart (a fund's 1931亿元 and 1625亿元 under
        # management), the one whose figure fits the claim is the one meant.
        claim = _interval(reading.figure)
        # ties go to fact-base order, so the same draft always gets the same answer
        close.sort(key=lambda c: (c[1], -c[2]), reverse=True)
        chosen = close[0]
        if claim is not None:
            # only facts whose figure may fit (``FactSource.may_fit``) are compared exactly
            maybe = self.source.may_fit({c[2] for c in close}, [*in_clause, *in_before], claim)
            fitting = (c for c in close if c[2] in maybe and claim.overlaps(self._interval(c[2])))
            found = next(fitting, None)
            if found is not None:
                chosen = found
            # 31万家厦门中小企业…累计获得授信: the figure contradicts the fact its words name
            # (all SMEs) but fits another its clause also names (SMEs granted credit): no alarm
            elif self._any_fits(claim, sorted(self.source.may_fit(set(unnamed), in_clause, claim))):
                return None
            elif self._any_fits(claim, self._far_unnamed(reading, self.source.may_fit(clause_facts - close_by, in_clause, claim), change, scopes, eligible)):
                return None
            # 厦门信易贷平台授信1141.58亿元，惠及31万家中小企业: the words name all the city's SMEs
            # (50万余户), but the sentence is about a subject of the base, the platform, and one of
            # its facts (SMEs granted credit, 31万家) fits the figure: no alarm
            elif not self.shape_of[chosen[2]].names and self._named_fits(reading, place.nearby, claim, change, scopes, eligible):
                return None
        _, _, i, subject = chosen
        return self.source.fact(i), subject

    def _named_fits(self, reading: Reading, nearby: str, claim: Interval, change: bool, scopes: list[str],
                    eligible: dict[tuple[object, ...], bool]) -> bool:
        """Whether a subject said near the figure has a fact, whatever it measures, that the
        figure could be about and whose recorded figure fits it."""
        if self._named is None:
            self._named = {key: self._shape(shape) for key, shape in self.source.shapes_named(self.words).items()}
        keys = [key for key, shape in self._named.items()
                if any(name in nearby for name in shape.names) and self._eligible(reading, shape, change, scopes, eligible)]
        return bool(keys) and any(claim.overlaps(_interval_of(plain)) for plain in self.source.fitting(keys, claim))

    def _far_unnamed(self, reading: Reading, numbers: set[int], change: bool, scopes: list[str],
                     eligible: dict[tuple[object, ...], bool]) -> Iterator[int]:
        """Facts the clause measures whose names are nowhere near, that could otherwise be meant:
        read only when a figure would be called wrong, and a few at a time."""
        ordered = sorted(numbers)
        for start in range(0, len(ordered), 256):
            chunk = ordered[start : start + 256]
            self._load_shapes(chunk)
            for n in chunk:
                if self._eligible(reading, self.shape_of[n], change, scopes, eligible):
                    yield n


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
        return figure.interval()
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
    if claimed.overlaps(record.interval()):
        return Verdict.CONSISTENT, None, None
    mine, theirs = _center(claim), _center(record)
    if mine is None or theirs is None:
        return Verdict.MISMATCH, None, None
    return Verdict.MISMATCH, mine - theirs, (mine / theirs if theirs else None)


def recorded_figure(fact: Fact) -> str:
    """The recorded figure as people read it: 68家 (exact, as of 2024)."""
    qualifier = "" if fact.figure.kind is Kind.DATE else fact.figure.qualifier.value
    details = ", ".join(x for x in (qualifier, f"as of {fact.as_of}" if fact.as_of else "") if x)
    return f"{fact.figure.printed()} ({details})" if details else fact.figure.printed()


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
             period: str | None = None) -> Finding:
    if fact is None:
        verdict, diff, ratio = Verdict.UNKNOWN, None, None
    else:
        verdict, diff, ratio = judge(r, fact)
    recorded = _record_period(fact) if fact is not None else None
    if verdict is Verdict.MISMATCH and period and recorded and r.figure.kind is not Kind.DATE:
        if periods.before(period, recorded):
            verdict = Verdict.OUTDATED  # right for its time, perhaps; the record is newer
        elif periods.before(recorded, period):
            verdict, diff, ratio = Verdict.UNKNOWN, None, None  # newer than the record: it cannot say
    return Finding(r, line, context, fact, verdict, diff, ratio, _explain(fact, verdict, diff, ratio, period),
                   subject if fact is not None else (), period)


class _Boundaries:
    """Where sentences or clauses end, found once per text and looked up by bisection."""

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self.ends = [m.end() for m in pattern.finditer(text)]
        self.starts = [m.start() for m in pattern.finditer(text)]
        self.length = len(text)

    def around(self, start: int, end: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.ends, start) - 1
        j = bisect.bisect_left(self.starts, end)
        return (self.ends[i] if i >= 0 else 0), (self.starts[j] if j < len(self.starts) else self.length)


@dataclass(frozen=True)
class FigurePlace:
    """Where a figure stands in a text, as ``check_text`` cuts it: its sentence and its clause.

    Offsets are into the text as given; ``clause`` lies within ``sentence``.
    """

    reading: Reading
    line: int  # 1-based
    sentence: tuple[int, int]
    clause: tuple[int, int]


def figure_places(text: str, readings: Sequence[Reading] | None = None) -> list[FigurePlace]:
    """Every figure of ``text`` (or the ``readings`` given) with the sentence and clause check reads it in."""
    readings = read_figures(text) if readings is None else readings
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    sentences = _Boundaries(_SENTENCE_END, text)
    clauses = _Boundaries(_CLAUSE_END, text)
    places = []
    for r in readings:
        line = bisect.bisect_right(line_starts, r.start)
        s0, s1 = sentences.around(r.start, r.end)
        c0, c1 = clauses.around(r.start, r.end)
        places.append(FigurePlace(r, line, (s0, s1), (max(c0, s0), min(c1, s1))))
    return places


@dataclass(frozen=True)
class BaseStats:
    """What scoring a claim needs to know of the whole fact base, not just of the candidates."""

    count: int  # facts
    frequency: dict[str, int]  # per term (_terms of a fact's words), how many facts have it
    lower_words: frozenset[str]  # lower-case words of English labels: not names


def fact_terms(fact: Fact) -> frozenset[str]:
    """The terms of ``_terms`` a fact has (as a set: what the fact-base index stores per fact)."""
    parts = (fact.label, fact.label_en, fact.entity, _quote_words(fact.quote), *fact.tags)
    alone = [_part_terms(part) for part in parts]
    if any(traditional for _, traditional in alone):
        # fold's phrase table then applies to every part: fold them together, as written
        return _term_set(fold(" ".join(parts)))
    # Otherwise a part folds alone as it would among the others (no term reaches across the
    # spaces between them), and tags repeated across facts are read once.
    return frozenset().union(*(terms for terms, _ in alone))


@lru_cache(maxsize=1 << 14)
def _part_terms(text: str) -> tuple[frozenset[str], bool]:
    nfkc = unicodedata.normalize("NFKC", text)
    return _term_set(nfkc.casefold()), converts_to_simplified(nfkc)


def _term_set(folded: str) -> frozenset[str]:
    terms = {pair for run in _CJK_RUN.findall(folded) for pair in map(str.__add__, run, run[1:])}
    terms.update(w for w in _WORD.findall(folded) if w not in _STOP)
    return frozenset(terms)


@lru_cache(maxsize=4096)
def _quote_words(quote: str) -> str:
    # Several facts often come from one sentence; reading its figures is most of the work.
    return _without_figures(quote, read_figures(quote))


def base_stats(facts: Sequence[Fact], terms: Sequence[frozenset[str]] | None = None) -> BaseStats:
    frequency: Counter[str] = Counter()
    for t in terms if terms is not None else map(fact_terms, facts):
        frequency.update(t)
    lower_words = frozenset(w for f in facts for w in re.findall(r"\b[a-z][a-z'-]+", f.label_en))
    return BaseStats(len(facts), dict(frequency), lower_words)


def measures_named(text: str, measures: Iterable[str]) -> set[str]:
    """The measure terms ``text`` names anywhere, as the matcher reads them: the facts that
    carry one are the only ones a figure of the text may be tied to."""
    texts = (text, _without_figures(text, read_figures(text)))
    forms = [(f, _english(f)) for t in texts for f in (fold(t), fold_in_place(t))]
    return {m for m in measures if any(fold(m) in zh if has_cjk(m) else _english(fold(m)) in en for zh, en in forms)}


def check_text(base: FactBase, text: str, written: str | None = None) -> list[Finding]:
    """Every figure in ``text`` with its verdict, in order of appearance.

    ``written`` (ISO date, default today) is when the text was written: what 今年 and 去年 mean.
    """
    terms = [fact_terms(f) for f in base.facts]
    return _check(InMemory(base, terms), base_stats(base.facts, terms), text, written)


def check_claims(store: Store, text: str, written: str | None = None) -> list[Finding]:
    """``check_text`` over the fact-base index: only facts sharing a measure term with the text are read,
    and of those closely only the ones it names (or that are about the city)."""
    return _check(store.claim_source(measures_named(text, store.measure_terms())), store.check_stats(), text, written)


def _check(source: FactSource, stats: BaseStats, text: str, written: str | None) -> list[Finding]:
    # A claim with no period of its own states its figure as of when it was written: when the
    # user says when that was (--as-of), an older text's figure is outdated, not wrong.
    undated = written
    written = written or periods.today()
    readings = read_figures(text)
    words = fold_in_place(_without_figures(text, readings))  # offsets into text hold
    matcher = Matcher(source, stats, words)
    findings: list[Finding] = []
    folded = fold_in_place(text)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    sentences = _Boundaries(_SENTENCE_END, text)
    clauses = _Boundaries(_CLAUSE_END, text)
    line = 1
    for r in readings:
        while line < len(line_starts) and line_starts[line] <= r.start:
            line += 1
        s0, s1 = sentences.around(r.start, r.end)
        c0, c1 = clauses.around(r.start, r.end)
        c0, c1 = max(c0, s0), min(c1, s1)
        clause = words[c0:c1]
        # Chinese names the subject first: earlier clauses of the sentence may say what a
        # figure is about (私募基金管理人 … 管理基金规模1931亿元); later ones are about other figures.
        near = _terms(clause, folded=True)
        if not near or not words[c0 : r.start].strip():
            # "2011年，天马落户厦门", "31万家厦门中小企业…，累计获得授信": a figure that leads its
            # clause is the subject of what the rest of the sentence says
            clause = words[c0:s1]
            near = _terms(clause, folded=True)
        # a name may be said a sentence before or after (… 这是一个名为"厦门信易贷"的平台)
        p0 = sentences.around(s0 - 1, s0 - 1)[0] if s0 else 0
        n1 = sentences.around(s1 + 1, s1 + 1)[1] if s1 < len(text) else s1
        place = _Place(clause, words[s0:c0], words[max(p0, line_starts[line - 1]) : n1], words[c0 : r.start])
        said = folded[s0:c1]
        period = (periods.chinese_period(said, written) if has_cjk(said) else periods.english_period(said, written)) or undated
        match = matcher.best(r, place, near) if _checkable(r) else None
        fact, subject = match if match else (None, ())
        findings.append(_finding(r, fact, line, text[c0:c1].strip(), subject, period))
    return findings


def check_figure(fact: Fact, figure: str) -> Finding:
    """A claimed figure against one named fact (``xmfacts compare ID 70家``)."""
    reading = read_figure(figure)
    if reading is None:
        raise UsageError(f"no figure in {figure!r}: give a number with its unit, e.g. 70家 or 超1100亿元")
    if not _comparable(reading, fact):
        what = "a date" if reading.figure.kind is Kind.DATE else (reading.figure.base_unit or BaseUnit.NUMBER).value
        raise UsageError(f"{figure!r} is {what}; {fact.full_id} records {fact.figure.base_unit or 'a date'}")
    return _finding(reading, fact, 1, figure, period=None)


def summary(findings: Sequence[Finding]) -> dict[str, int]:
    counts = Counter(f.verdict for f in findings)
    return {v.value: counts.get(v, 0) for v in Verdict}
