"""Which fact a figure speaks about: the facts whose measure its clause names, narrowed by the
names said nearby and scored by shared words (``Matcher``), from a ``FactSource`` (the base
in memory, ``InMemory``, or the fact-base index, ``check.index_part.IndexedFacts``).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from xmfacts.check.profile import BaseStats, PlainInterval, Shape, Sketch, _interval_of, _Shape, check_profile, fact_terms, sketch_names
from xmfacts.check.verdicts import _comparable_to, _counter, _interval
from xmfacts.check.words import (
    _AVERAGE,
    _CAP_WORDS,
    _CLAUSE_END,
    _CHANGE,
    _LEVELS,
    _NARROWING_ENGLISH,
    _PART,
    _QUANTITY_KINDS,
    _SCOPES,
    _SHARE,
    _STOP,
    _WITHIN_CITY,
    _WITHIN_FIELD,
    _WORD,
    english_between_figures,
    counted_noun,
    _FIGURE_GAP,
    MADE_UP,
    names_owner,
    own_subject,
    says_change,
    starts_inside_word,
    says_name,
    names_a_later_one,
    back_to_city,
    _english,
    _terms,
    carries_set_named_before,
    compact,
    narrowing,
    quantity_kinds,
    refers_back,
    scope_text,
    says_cap,
)
from xmfacts.figures.interval import Interval
from xmfacts.figures.reader import Reading
from xmfacts.model import BaseUnit, Fact, FactBase, Figure, Kind
from xmfacts.text import fold, has_cjk

if TYPE_CHECKING:
    pass


_SENTENCE_WEIGHT = 0.4  # words elsewhere in the sentence count, but less than the clause's


_NEAR_TIE = 0.85  # candidates this close to the best are told apart by their figures


_SAME_UNIT_BONUS = 3.0  # the same counter word (家, 项, 户) says the same kind of thing is counted


CROWD = 200  # more facts than this that a figure may be (FactSource.holding): it says too little

_MEASURE_WEIGHT = 2.0  # per character of the measure term named: 境内上市公司 says more than 上市


class FactSource(Protocol):
    """The facts a check may tie figures to, as the matcher asks for them: by measure term,
    by name, and a few at a time: their shapes, then the words of those a figure may be about,
    then the figures of those it must compare. ``InMemory`` holds a parsed fact base; the
    fact-base index answers the same questions from SQLite (``xmfacts.check.index_part.IndexedFacts``).
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

    def holding(self, value: float) -> list[Fact]:
        """Facts of the whole base whose recorded figure may be ``value`` (a positive number in
        base units), at least every one whose interval holds it: few, and compared exactly."""


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
        return {k: k for k in shapes if any(says_name(name, words) for name in sketch_names(k))}  # type: ignore[arg-type]

    def fitting(self, keys: Iterable[Hashable], claim: Interval) -> Iterator[PlainInterval]:
        wanted = set(keys)
        return (sketch[7] for n in range(len(self.facts)) for sketch in [self._profile(n)[1]] if sketch[:7] in wanted)

    def fact(self, number: int) -> Fact:
        return self.facts[number]

    def holding(self, value: float) -> list[Fact]:
        out = []
        for n, fact in enumerate(self.facts):
            low, high, _, _ = self._profile(n)[1][7]
            if low is not None and value / 2 <= float(low) <= value and (high is None or float(high) >= value):
                out.append(fact)
        return [] if len(out) > CROWD else out


@lru_cache(maxsize=65536)  # a big fact base repeats its measure terms many times over
def _measure_form(measure: str) -> tuple[str, bool]:
    """A measure term as clauses are searched for it: folded Chinese, or stemmed English words."""
    english = not has_cjk(measure)
    return (_english(fold(measure)) if english else fold(measure)), english


NOTHING_NAMED = "nothing on record measures what its clause names"  # why a figure was tied to nothing, most often


@dataclass(frozen=True)
class _Place:
    """Where a figure stands, as the matcher reads it (all folded)."""

    clause: str
    before: str  # earlier clauses of its sentence
    nearby: str  # its sentence and the one before, where a subject's name may be
    lead: str  # the words of its clause just before it: 净增, 其中 …
    trail: str  # the words of its clause after it: "more than a year before"
    preceding: str = ""  # the text before its sentence, as far as a reader looks back for what 这三家 means
    counted_before: bool = False  # a figure other than a date stands before it in its sentence
    scope: str = ""  # its sentence up to the end of its clause, as scope words are looked for (``words.scope_words``)


# a share said right before its figure: 占全市投资的, "accounting for", "made up", "equal to"
_SHARE_SAID = re.compile(rf"占[^，,。；;]*$|\bshare of\b|\baccount(?:s|ed|ing)? for\b|{MADE_UP}|\bequal(?:ling)? to\b|\bequivalent to\b")
# "Per-capita disposable income came to 54,401 yuan for urban residents": English may say whose
# the measure is after the figure, with "for" or "of"
_FOR_AFTER = re.compile(r"^\s*(?:for|of|among)\s+([a-z][a-z' -]*?)(?=\s{3,}|[,;.]|\band\b|$)")


def _qualified_after(place: _Place) -> str:
    """The words of an English clause before its figure and those after it that say whose it
    is, as one phrase across the figure ("" when nothing follows so)."""
    after = _FOR_AFTER.match(place.trail)
    if not after or has_cjk(place.lead):
        return ""
    # the words before the clause's first figure say the measure; those between figures, the
    # qualifier of the figure before ("… for urban residents and 22,410 yuan for rural ones")
    return " | " + _english(f"{_FIGURE_GAP.split(place.lead)[0]} {after.group(1)}")


# English owners of a measure wider than the city's: China's, Fujian's, the country's (as
# ``_english`` stems them)
_WIDER_OWNERS = "china'|fujian'|country'|nation'|province'|mainland'"
# words that say "per person" (synonyms.txt's spellings of per capita, as ``_english`` reads them)
_PER_HEAD = re.compile(r" per capita |人均")
# what a share said with 占 is of: the words just before it, when and where aside
_SHARE_OWNER = re.compile(r"([\u4e00-\u9fff]{2,10})(?:占|全省占比|全市占比)")
_WHEN_WHERE = re.compile(r"^(?:[上下]半年|前三季度|一季度|今年|去年|全年|目前|其中|当期|同期|厦门市?|全市|我市|福建省?|全省|全国)+"
                         r"|(?:全省|福建省?|全国|全市|的)+$")


# 2018年厦门规上工业全年总产值为6392.32亿元，工业增加值1611.35亿元: the industry a sentence has
# said is above the designated size stays so in its later clauses
_ABOVE_SCALE = re.compile(r"规上工业|规模以上工业")
_INDUSTRY_MEASURE = re.compile(r"(?<!规上)(?<!规模以上)工业(?=增加值|总产值|产值)")


def _above_scale_carried(clause: str, before: str) -> str:
    if not _ABOVE_SCALE.search(before) or _ABOVE_SCALE.search(clause):
        return clause
    return _INDUSTRY_MEASURE.sub("规上工业", clause, count=1)


def _share_owner(lead: str) -> str:
    """The thing a Chinese share is a share of, as its clause names it before 占 (出资笔数 in
    上半年出资笔数占福建总数的57%), or "" when it names none (全省占比达四成)."""
    m = _SHARE_OWNER.search(lead)
    if not m:
        return ""
    owner = _WHEN_WHERE.sub("", m.group(1))
    return owner if len(owner) >= 2 else ""


def _said_together(words: list[str], said: list[str]) -> bool:
    """Whether ``words`` stand side by side in ``said``, in any order; words such as "of" and
    "the" aside (per capita disposable income of urban residents: urban residents' disposable
    income per capita)."""
    # one other word may stand among them (urban residents' … income per capita)
    wanted = Counter(w for w in words if w not in _STOP)
    said = [w for w in said if w not in _STOP]
    size = sum(wanted.values()) + 1
    # nor across a figure (``english_between_figures`` puts a "|" where one stood)
    parts = " ".join(said).split("|")
    return bool(wanted) and any(not wanted - Counter(part[i : i + size])
                                for part in (p.split() for p in parts) for i in range(max(1, len(part) - size + 1)))


def _significant_digits(value: Decimal) -> int:
    """The digits a figure's value holds, leading and trailing zeros aside (50,900: 3; 一千四百: 2)."""
    return len(value.normalize().as_tuple().digits) if value else 0


def _measure_words_said(measure: Sequence[str], said_en: set[str], said_zh: str, least: int = 2) -> tuple[str, ...]:
    """The measure terms a sentence says at least half of, and ``least`` of their words or
    character pairs if they have that many (industrial firms … added … value: industrial added
    value; 增加值 alone is not enough for 规模以上工业增加值): a measure the sentence names in its
    own way."""
    out = []
    for term in measure:
        if has_cjk(term):
            form = fold(term)
            pairs = {form[i : i + 2] for i in range(len(form) - 1)}
            shared = {p for p in pairs if p in said_zh}
        else:
            pairs = {w for w in _english(fold(term)).split() if w not in _STOP}
            shared = pairs & said_en
        if len(shared) >= min(least, len(pairs)) and 2 * len(shared) >= len(pairs):
            out.append(term)
    return tuple(out)


def _names_city(text: str) -> bool:
    return any(name in text for name in _CITY_NAMES)


_CITY_NAMES = ("厦门", "鹭岛", "xiamen")


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
        self.list_terms: dict[int, list[str]] = {}  # each list's terms, as the fact base writes them
        for written, number, k in source.measure_rows():
            self.measure_forms.setdefault(_measure_form(written), []).append((number, k, written))
            self.list_terms.setdefault(number, []).append(written)
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
        self._same: dict[tuple[object, ...], list[tuple[Fact, tuple[str, ...]]]] = {}  # same_figure's answers
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
        self.why = ""  # why the last figure was tied to no fact (``best`` returned None)
        self.carried = ""  # the earlier clause whose measures the last figure's clause carried

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

    def _nearest_measures(self, before: str) -> dict[int, str]:
        """The measures the nearest earlier clause that names any names: a figure whose clause
        names nothing is about what was said last (retail sales were 35.9 billion yuan, 12.4
        percent higher: retail sales, not the investment of the clause before)."""
        clauses = _CLAUSE_END.split(before)
        for k in range(len(clauses) - 1, -1, -1):
            found = self._measures(_above_scale_carried(compact(clauses[k]), "".join(clauses[:k])), english_between_figures(clauses[k]))
            if found:
                self.carried = clauses[k]
                return found
        return {}

    def _measures(self, chinese: str, english: str) -> dict[int, str]:
        """For each measure list, the longest of its terms the text names, as the list writes it."""
        best: dict[int, tuple[int, int, str]] = {}
        keys = {chinese[i : i + 2] for i in range(len(chinese) - 1)} | set(english.split())
        forms = [f for key in keys & self.form_keys.keys() for f in self.form_keys[key]]
        said = english.split()
        found = [(form, is_english) for form, is_english in forms
                 # an English measure of several words is named when they are said together in any
                 # order (companies listed), not apart (listed and 48 companies)
                 if form in (english if is_english else chinese) or (is_english and form.count(" ") > 2 and _said_together(form.split(), said))]
        for form, is_english in found:
            if not is_english and starts_inside_word(form, chinese):
                continue  # 进出口额 names foreign trade, not the 出口额 inside it (exports)
            for n, k, written in self.measure_forms[(form, is_english)]:
                # the longest term wins; between equals, the one the fact lists first
                rank = (len(written), -k, written)
                if n not in best or rank > best[n]:
                    best[n] = rank
        return {n: rank[2] for n, rank in best.items()}

    def same_figure(self, reading: Reading, place: _Place) -> list[tuple[Fact, tuple[str, ...]]]:
        """Facts anywhere in the base whose recorded figure is the claim's, digit for digit and
        with its hedge, and whose measure the figure's sentence names in part, with those words:
        for a figure whose clause names no measure on record in the words the fact lists ("trade
        through the port reached 691.58 billion yuan"). Only figures of three digits or more
        that are not zeros: 7.8 percent or 50家 equal to a record says little."""
        figure = reading.figure
        if figure.kind is not Kind.QUANTITY or figure.value is None:
            return []
        digits = _significant_digits(figure.value)
        if digits < 3:
            return []
        exact = figure.value * (figure.scale or 1)
        if not exact > 0:
            return []
        # a draft repeats its sentences: each figure in each sentence is looked up once
        key = (reading.text, figure, place.before, place.clause, place.nearby)
        if key not in self._same:
            self._same[key] = self._same_figure(figure, exact, place, digits)
        return self._same[key]

    def of_class(self, reading: Reading, size_class: str, place: _Place) -> list[tuple[Fact, tuple[str, ...]]]:
        """Facts recorded under the size class a bare magnitude is of (平板显示千亿产业链: 千亿产业链),
        equal to it, whose own thing the sentence names before it: the fact's entity, or one of its
        tags that no measure term holds (平板显示): the class says how big, never what (厦门第4条千亿产业链 may be
        any chain's)."""
        figure = reading.figure
        if figure.value is None:
            return []
        exact = figure.value * (figure.scale or 1)
        said = compact(place.before + place.lead)
        out = []
        for fact in self.source.holding(float(exact)):
            recorded = fact.figure
            terms = [fold(m) for m in fact.measure]
            if (recorded.value is None or recorded.value * (recorded.scale or 1) != exact or recorded.base_unit is not figure.base_unit
                    or not any(t.startswith(fold(size_class[:2])) and t.endswith(fold(size_class[2:])) for t in terms)):
                continue
            # what the fact is of: its entity unless that is the city, and its tags that no measure term holds
            entity = [] if _names_city(fold(fact.entity)) else [fact.entity]
            things = [fold(t) for t in (*entity, *fact.tags) if has_cjk(t) and not any(fold(t) in term for term in terms)]
            if named := tuple(t for t in things if t in said):
                out.append((fact, named))
        return out

    def _same_figure(self, figure: Figure, exact: Decimal, place: _Place, digits: int) -> list[tuple[Fact, tuple[str, ...]]]:
        sentence = place.before + " " + place.clause
        said_en = set(english_between_figures(sentence).split())
        said_zh = compact(sentence)
        out = []
        for fact in self.source.holding(float(exact)):
            recorded = fact.figure
            if (recorded.base_unit is not figure.base_unit or recorded.qualifier is not figure.qualifier or recorded.value is None
                    or recorded.value * (recorded.scale or 1) != exact):
                continue
            # five digits equal to the record are one figure: one word of its measure will do
            # (trade through the port reached 691.58 billion yuan: foreign trade)
            words = _measure_words_said(fact.measure, said_en, said_zh, 1 if digits >= 5 else 2)
            names = sketch_names(check_profile(fact, fact_terms(fact))[1])
            if words and (not names or any(says_name(n, place.nearby) for n in names)):
                out.append((fact, words))
        return out

    def _eligible(self, reading: Reading, profile: _Shape, change: tuple[bool, bool], scopes: list[str],
                  known: dict[tuple[object, ...], bool]) -> bool:
        """Whether facts of this shape could be what the figure speaks of, their names aside;
        ``known``: the answers so far for this figure (shapes alike in unit, change and scope fare alike)."""
        ok = known.get(profile.key)
        if ok is None:
            ok = known[profile.key] = (
                _comparable_to(reading, profile.kind, profile.base_unit, profile.counter)
                and not (change[0] and not profile.change)  # 净增超过800家 is not the number of firms
                # nor is a level a change: 民营经济约占GDP的五成 is no growth rate (a figure of a
                # growth fact has its change word before it: 增长14%, 增速7.8%, up 5.5 percent)
                and not (profile.change and not change[1] and profile.base_unit in (BaseUnit.PERCENT, BaseUnit.PERCENTAGE_POINT))
                and all(w in profile.scopes for w in scopes)  # 全省上市公司 is not Xiamen's count
            )
        return ok

    def best(self, reading: Reading, place: _Place, near_terms: Counter[str]) -> tuple[Fact, tuple[str, ...]] | None:
        """The fact the figure's clause is about, with the words that say so; None when none is.

        The clause decides (上市企业11家 is about listed firms, whatever the sentence said
        before); earlier clauses carry a subject the clause leaves out (服务企业31万家 after
        获得授信1141.58亿元) and break near-ties.
        """
        scope = scope_text(place.clause if back_to_city(place.lead) else place.scope or place.before + " " + place.clause)
        scopes = [w for w in _SCOPES if w in scope] + [w for w in _LEVELS if w in place.clause]
        if reading.figure.kind is Kind.DATE:
            scopes = [w for w in scopes if w not in _WITHIN_CITY]
        # a change said right before the figure (增长14%), and one said anywhere before it in its
        # sentence (增速分别达到29.20%、37.37%): the first keeps a change from matching a level,
        # the second lets a growth rate be matched at all
        lead_change = says_change(place.lead, place.trail)
        change = (lead_change, lead_change or bool(_CHANGE.search(place.before + place.lead)))
        if not lead_change and _SHARE_SAID.search(place.lead):
            change = (False, False)  # 制造业投资增长30.7%，占全市投资的14.9%: a share, whatever grew before it
        part = bool(_PART.search(place.clause))
        counter = _counter(reading.figure.unit)
        candidates = []
        unnamed: list[int] = []  # facts whose measure the clause names, but not their subject
        # Measures are looked for with 的 and 了 and the city's name left out (上市的公司 names
        # 上市公司; 上市的厦门企业, 上市企业), and in English with the figure's own unit words (34
        # square kilometres names an area).
        in_clause = self._measures(_above_scale_carried(compact(place.clause), place.before),
                                   english_between_figures(place.clause) + _english(reading.text) + _qualified_after(place))
        self.carried = ""
        in_before = {} if part else self._nearest_measures(place.before)
        later = {m: t for m, t in in_clause.items() if names_a_later_one(compact(fold(t)), compact(place.clause), place.lead)}
        if later:
            # the first of figures said "respectively" is not of the last thing named, nor of
            # what an earlier clause measures: its own clause names it, only not in these words
            in_clause = {m: t for m, t in in_clause.items() if m not in later}
            in_before = {}
        if in_before and not in_clause and _PER_HEAD.search(_english(place.clause) + place.clause):
            # "a GDP of 378.4 billion RMB, or 96,536 RMB a head", GDP 3784亿元，人均9.65万元: a figure
            # per person of what the clause before measures is of that measure per person
            terms = [fold(t) for t in in_before.values()]
            per_head = self._measures(" ".join(f"人均{compact(t)}" for t in terms if has_cjk(t)),
                                      " | ".join(f"{_english(t)} per capita | per capita {_english(t)}" for t in terms if not has_cjk(t)))
            in_before = {m: t for m, t in per_head.items() if _PER_HEAD.search(_english(t) + fold(t))}
        own = own_subject(place.lead)
        if own and in_before and not own <= {w for term in in_before.values() for w in _english(fold(term)).split()}:
            in_before = {}  # "and residents' disposable income stood at 50,900 yuan" is not of GDP
        noun = counted_noun(place.trail) if reading.figure.base_unit in (BaseUnit.COUNT, BaseUnit.NUMBER) else None
        if noun and not any(noun in _english(term).split() for term in in_before.values()):
            # "14,678 patents were granted, and 278 international applications were filed": a
            # count of its own things is not of what the clause before measures
            in_before = {}
        self.why = NOTHING_NAMED
        if not in_clause and not in_before:
            return None  # most figures of a draft: nothing on record measures what they count
        clause_facts: set[int] = set().union(*(self.members[m] for m in in_clause))
        reached = clause_facts.union(*(self.members[m] for m in in_before))
        if self.city is None:
            close_by = reached
        else:  # only facts about the city, or named near the figure, can pass the name test
            close_by = reached & self.city
            for name, numbers in self.by_name.items():
                if says_name(name, place.nearby):
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
                    who = said[shape] = next((n for n in shape.names if says_name(n, place.nearby)
                                              and not names_owner(n, place.before + place.lead)), None)
                if shape.names and who is None:
                    if tier == 2:
                        unnamed.append(i)
                    continue  # 天马's investment needs 天马 (or Tianma) said nearby
                passing.append((i, named_by[self.list_of[i]], tier, who))
        if not passing:
            self.why = self._why_none(unnamed, scopes, change[0], [*in_clause.values(), *in_before.values()])
            return None
        self._load_terms([i for i, _, _, _ in passing])
        passing = self._plainly_measured(passing, place, {**in_before, **in_clause}, reading)
        if not passing:
            return None  # _plainly_measured said why
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
            if found is None:
                # 其中国家级高新技术企业616家 after a sentence about biomedicine: the city's count
                # scores as well as the industry's, but only the subject named nearby fits
                named = [c for c in candidates if len(c[3]) > 1 and c not in close]
                maybe_named = self.source.may_fit({c[2] for c in named}, [*in_clause, *in_before], claim) if named else set()
                found = next((c for c in sorted(named, key=lambda c: (c[1], -c[2]), reverse=True)
                              if c[2] in maybe_named and claim.overlaps(self._interval(c[2]))), None)
            if found is not None:
                chosen = found
            # 31万家厦门中小企业…累计获得授信: the figure contradicts the fact its words name
            # (all SMEs) but fits another its clause also names (SMEs granted credit): no alarm
            elif self._any_fits(claim, sorted(self.source.may_fit(set(unnamed), in_clause, claim))):
                self.why = "it fits another fact its clause names, whose subject is not said: no alarm"
                return None
            elif self._any_fits(claim, self._far_unnamed(reading, self.source.may_fit(clause_facts - close_by, in_clause, claim), change, scopes, eligible)):
                self.why = "it fits another fact its clause names, whose subject is not said: no alarm"
                return None
            # 厦门信易贷平台授信1141.58亿元，惠及31万家中小企业: the words name all the city's SMEs
            # (50万余户), but the sentence is about a subject of the base, the platform, and one of
            # its facts (SMEs granted credit, 31万家) fits the figure: no alarm
            elif not self.shape_of[chosen[2]].names and self._named_fits(reading, place.nearby, claim, change, scopes, eligible):
                self.why = "a subject named nearby has a fact it fits: no alarm"
                return None
            elif len(close) > 1:
                # Two facts its words name about equally, and its figure fits neither: which one
                # it contradicts is a guess (observations of one series are judged by period).
                tied = list({f.full_id: f for f in (self.source.fact(c[2]) for c in close)}.values())
                if len({f.series_id if f.series else f.full_id for f in tied}) > 1:
                    self.why = f"two facts fit its words about equally ({', '.join(f.full_id for f in tied[:3])}), and its figure neither: no alarm"
                    return None
        _, _, i, subject = chosen
        return self.source.fact(i), subject

    def _why_none(self, unnamed: list[int], scopes: list[str], change: bool, terms: list[str]) -> str:
        """Why no fact measuring what the clause names could be meant."""
        named = ", ".join(dict.fromkeys(terms))
        if unnamed:
            names = dict.fromkeys(min((n for n in self.shape_of[i].names if has_cjk(n)), key=len, default=self.shape_of[i].names[0])
                                  for i in unnamed if self.shape_of[i].names)
            return f"the facts measuring {named} are about {'、'.join(names)}, not said nearby"
        if scopes:
            return f"its scope ({', '.join(scopes)}) is not the record's"
        if change:
            return "a change, not a level"
        return f"no fact measuring {named} counts or measures it in this unit"

    def _plainly_measured(self, passing: list[tuple[int, str, int, str | None]], place: _Place, named: dict[int, str],
                          reading: Reading) -> list[tuple[int, str, int, str | None]]:
        """The candidates whose measure the text names as the fact means it: 科技型中小企业 names a
        list within the city's SMEs, 贷款余额 a balance rather than loans made (``words.narrowing``);
        a fact whose own words hold the qualifier (a fact about 小微企业贷款余额) is still meant.
        A share named only as a share (占福建全省的90%) is of what its sentence counts: 医疗器械批件72项，
        占福建全省的90% is no share of listed companies."""
        # what the sentence counts: the measure lists it names other than by a share word
        counted = {n: term for n, term in named.items() if not _SHARE.search(term)}
        within_field = bool(_WITHIN_FIELD.search(place.clause))
        share = reading.figure.base_unit is BaseUnit.PERCENT
        # (in English only of a rate: "average disposable income" is a level of its own)
        average = any(has_cjk(m.group()) or share for m in _AVERAGE.finditer(place.lead))
        out = []
        qualifiers: dict[tuple[str, int], tuple[str, ...]] = {}
        cap = says_cap(place.lead)
        kinds = quantity_kinds(place.clause)
        # 这三家世界500强企业 counts a set named before: the city's own when the text around names
        # the city (the article's three Fortune 500 firms), another's or a list's when it does not
        elsewhere = (refers_back(place.lead) or carries_set_named_before(place.before)) and not _names_city(place.preceding + place.before)
        for candidate in passing:
            i, named, tier, _ = candidate
            # a clause that carries its measure from the clause before carries its cap too
            # (融资最高可到1亿元，这类新注册企业则可提高到2000万元)
            if (cap or tier == 1 and says_cap(self.carried)) and not any(self._speaks_of(i, word) for word in _CAP_WORDS):
                self.why = "a cap (最高, 每家, up to), not a total"
                continue  # 融资最高可到1亿元 is a limit, not money raised
            if elsewhere and not self.shape_of[i].names:
                self.why = "it counts a set named before its sentence, and no city is said there"
                continue
            if kinds and not any(self._speaks_of(i, k) for k in kinds) and any(self._speaks_of(i, k) for k in _QUANTITY_KINDS):
                self.why = f"its clause names {'、'.join(kinds)}, which the fact does not measure"
                continue  # the text names 产值; the fact is about 营收
            if average and not (self._speaks_of(i, "年均") or self._speaks_of_term(i, "average")):
                self.why = "an average over years (年均, average), which the fact is not"
                continue
            if within_field and not self.shape_of[i].names:
                self.why = "it counts within one field (in the sector, 该领域); the fact, the whole city"
                continue
            if share and _SHARE.search(named):
                if counted and not any(self._speaks_of_term(i, term) for n in counted for term in self.list_terms[n]):
                    self.why = f"a share of {'、'.join(dict.fromkeys(counted.values()))}, which the fact does not measure"
                    continue
                if not counted and place.counted_before:
                    self.why = "a share of what its sentence counted before, which nothing on record measures"
                    continue
                owner = _share_owner(place.lead)
                if not counted and owner and not any(self._speaks_of(i, owner[k : k + 2]) for k in range(len(owner) - 1)):
                    self.why = f"a share of {owner}, which the fact does not measure"
                    continue  # 出资笔数占福建总数的57% is no share of listed companies
            form, is_english = _measure_form(named)
            if is_english:
                # checked per candidate: the fact may speak of the qualifier (rural income)
                # English qualifies after the figure too: "358 firms recognised as innovative SMEs"
                # …up to the figures beside it: "54,401 yuan for urban residents and 22,410 yuan for
                # rural ones" qualifies each by its own words
                # (the words after the figure before, when this one's follow it, are that one's)
                own_lead = "" if _FOR_AFTER.match(place.trail) and _FIGURE_GAP.search(place.lead) else _FIGURE_GAP.split(place.lead)[-1]
                near = f"{place.before} {own_lead} {_FIGURE_GAP.split(place.trail)[0]}"
                said = [w for w in dict.fromkeys(_NARROWING_ENGLISH.findall(near))
                        if not self._speaks_of_term(i, w)]
                if said:
                    self.why = f"{', '.join(said)} qualifies {named}: another set than the fact's"
                    continue
                # "China's fiscal spending grew 0.3 percent", "Fujian's total fiscal revenue": the
                # measure of a wider place, said as its own ("China's first joint-venture bank" is no measure)
                whose = re.search(rf" ({_WIDER_OWNERS}) (?:\S+ ){{0,2}}{re.escape(form.strip())} ", _english(f"{place.before} {place.lead} {place.trail}"))
                if whose and not self._speaks_of_term(i, whose.group(1).removesuffix("'")):
                    self.why = f"{whose.group(1)}s {named}: another place's measure than the fact's"
                    continue
            else:
                key = (form, tier)
                if key not in qualifiers:
                    text = compact(place.clause if tier == 2 else place.before)
                    qualifiers[key] = narrowing(text, form, len(compact(place.lead)) if tier == 2 else len(text))
                if not all(self._speaks_of(i, word) for word in qualifiers[key]):
                    self.why = f"{'、'.join(qualifiers[key])} qualifies {named}: another set or measure than the fact's"
                    continue
            out.append(candidate)
        return out

    def _speaks_of_term(self, number: int, term: str) -> bool:
        """``_speaks_of`` for a measure term, Chinese or English (each of its words)."""
        if has_cjk(term):
            return self._speaks_of(number, fold(term))
        words = [w for w in _WORD.findall(fold(term)) if w not in _STOP]
        keys = self.source.word_keys(words)
        return bool(words) and all(w in keys and keys[w] in self.terms[number] for w in words)

    def _speaks_of(self, number: int, word: str) -> bool:
        """Whether a fact's own words (label, quote, tags: ``check_profile``) hold every pair of ``word``."""
        pairs = [word[k : k + 2] for k in range(len(word) - 1)] or [word]
        keys = self.source.word_keys(pairs)
        return all(p in keys and keys[p] in self.terms[number] for p in pairs)

    def _named_fits(self, reading: Reading, nearby: str, claim: Interval, change: tuple[bool, bool], scopes: list[str],
                    eligible: dict[tuple[object, ...], bool]) -> bool:
        """Whether a subject said near the figure has a fact, whatever it measures, that the
        figure could be about and whose recorded figure fits it."""
        if self._named is None:
            self._named = {key: self._shape(shape) for key, shape in self.source.shapes_named(self.words).items()}
        keys = [key for key, shape in self._named.items()
                if any(says_name(name, nearby) for name in shape.names) and self._eligible(reading, shape, change, scopes, eligible)]
        return bool(keys) and any(claim.overlaps(_interval_of(plain)) for plain in self.source.fitting(keys, claim))

    def _far_unnamed(self, reading: Reading, numbers: set[int], change: tuple[bool, bool], scopes: list[str],
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
