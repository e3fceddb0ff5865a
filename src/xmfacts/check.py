"""Checking claims: every figure in a sentence or a draft, marked against the record.

Each figure the number reader finds is matched to the fact it speaks about by the words
around it, among facts whose unit can be compared with it; then both figures become
intervals (``xmfacts.figures.interval``, the one place those rules live) and the verdict follows:

| verdict | when |
|---|---|
| match | the claim states the recorded figure, at the claim's precision, with a compatible hedge |
| consistent | the intervals overlap, but the claim is not the recorded figure (超过1100亿元 for 1141.58亿元) |
| mismatch | the intervals do not overlap: the recorded figure, difference and ratio are shown |
| unknown | nothing on record is about this subject |

Matching weighs the claim's character pairs (and English words) against each fact's label,
entity, tags and quote, rarer pairs counting more (厦门 is in most facts, 私募 in four), the
figure's own clause more than the rest of its sentence. Below a threshold the figure is
``unknown``: a forced match to an unrelated figure would be a false alarm.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from xmfacts.errors import UsageError
from xmfacts.figures.interval import Interval, half_precision
from xmfacts.figures.printing import grouped
from xmfacts.figures.reader import Reading, read_figure, read_figures
from xmfacts.figures.units import compatible, split_multiplier
from xmfacts.model import BaseUnit, Fact, FactBase, Figure, Kind, Qualifier
from xmfacts.text import CJK_CLASS

Q = Qualifier


class Verdict(StrEnum):
    MATCH = "match"
    CONSISTENT = "consistent"
    MISMATCH = "mismatch"
    UNKNOWN = "unknown"


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


# Minimum weighted overlap between a claim's words and a fact's before they are taken to be
# about the same thing: about one distinctive pair of characters plus a common one.
_MIN_SCORE = 4.0
_SENTENCE_WEIGHT = 0.4  # words elsewhere in the sentence count, but less than the clause's
_NEAR_TIE = 0.85  # candidates this close to the best are told apart by their figures
_SAME_UNIT_BONUS = 3.0  # the same counter word (家, 项, 户) says the same kind of thing is counted

_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
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


def _terms(text: str) -> Counter[str]:
    """Character pairs of Chinese runs and English words: what a claim and a fact share."""
    text = unicodedata.normalize("NFKC", text).casefold()
    terms: Counter[str] = Counter()
    for run in _CJK_RUN.findall(text):
        for i in range(len(run) - 1):
            terms[run[i : i + 2]] += 1
    terms.update(w for w in _WORD.findall(text) if w not in _STOP)
    return terms


def _without_figures(text: str, readings: Sequence[Reading], offset: int = 0) -> str:
    """The words around figures only: 342家 must not make 家 or 亿元 look like shared subject matter."""
    chars = list(text)
    for r in readings:
        for i in range(max(r.start - offset, 0), min(r.end - offset, len(chars))):
            chars[i] = " "
    return "".join(chars)


@dataclass(frozen=True)
class _Profile:
    fact: Fact
    terms: frozenset[str]


class Matcher:
    """The fact base prepared for matching claims; build once per check, reuse for every figure."""

    def __init__(self, base: FactBase) -> None:
        self.profiles = [
            _Profile(
                f,
                frozenset(
                    _terms(" ".join((f.label, f.label_en, f.entity, _without_figures(f.quote, read_figures(f.quote)), *f.tags)))
                ),
            )
            for f in base.facts
        ]
        self.postings: dict[str, list[int]] = {}
        for n, p in enumerate(self.profiles):
            for t in p.terms:
                self.postings.setdefault(t, []).append(n)
        self.intervals = [p.fact.figure.interval() for p in self.profiles]
        count = len(self.profiles)
        self.idf = {t: math.log((count + 1) / (len(ids) + 0.5)) for t, ids in self.postings.items()}

    def _scores(self, terms: Iterable[str]) -> dict[int, float]:
        scores: dict[int, float] = {}
        # Walk only the facts that share a term (an inverted index), not every fact per figure.
        for t in terms:
            for i in self.postings.get(t, ()):
                scores[i] = scores.get(i, 0.0) + self.idf[t]
        return scores

    def best(self, reading: Reading, near_terms: Counter[str], before: str) -> Fact | None:
        """The fact the figure's clause is about; the sentence before it may name the subject.

        The clause decides (上市企业11家 is about listed firms, whatever the sentence said
        before); earlier clauses only break near-ties and carry a subject the clause leaves
        out (管理基金规模1931亿元 after 私募基金管理人324家).
        """
        near = self._scores(near_terms)
        far = self._scores(t for t in _terms(before) if t not in near_terms)
        counter = _counter(reading.figure.unit)
        candidates = []
        for i in near.keys() | far.keys():
            fact = self.profiles[i].fact
            # 超过60家 and 近百项 share a clause; the same counter word says the same thing is counted
            bonus = _SAME_UNIT_BONUS if counter and _counter(fact.figure.unit) == counter else 0.0
            own = near.get(i, 0.0) + bonus if i in near else 0.0
            total = own + _SENTENCE_WEIGHT * far.get(i, 0.0)
            if total >= _MIN_SCORE and _comparable(reading, fact):
                candidates.append((own, total, i))
        if not candidates:
            return None
        top = max(own for own, _, _ in candidates)
        close = [(total, i) for own, total, i in candidates if own >= top * _NEAR_TIE]
        # Among facts the words cannot tell apart (a fund's 1931亿元 and 1625亿元 under
        # management), the one whose figure fits the claim is the one meant.
        claim = _interval(reading.figure)
        fitting = [(t, i) for t, i in close if claim is not None and claim.overlaps(self.intervals[i])]
        # ties go to fact-base order, so the same draft always gets the same answer
        return self.profiles[max(fitting or close, key=lambda ti: (ti[0], -ti[1]))[1]].fact


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
    if reading.figure.kind is Kind.DATE or fact.figure.kind is Kind.DATE:
        return reading.figure.kind is fact.figure.kind
    if reading.figure.base_unit is BaseUnit.COUNT and fact.figure.base_unit is BaseUnit.COUNT:
        return _same_things_counted(_counter(reading.figure.unit), _counter(fact.figure.unit))
    return compatible(reading.figure.base_unit or BaseUnit.NUMBER, fact.figure.base_unit or BaseUnit.NUMBER)


def _checkable(reading: Reading) -> bool:
    """A number with no unit at all is a name or an ordinal far more often than a claim:
    世界500强, 1号孵化器, 1类新药. Checking it would raise false alarms."""
    return reading.figure.kind is not Kind.QUANTITY or bool(reading.figure.unit)


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


def _explain(r: Reading, fact: Fact | None, verdict: Verdict, diff: Decimal | None, ratio: Decimal | None) -> str:
    if fact is None:
        return "nothing on record about this"
    recorded = recorded_figure(fact)
    if verdict is Verdict.MATCH:
        return f"states the recorded {recorded}"
    if verdict is Verdict.CONSISTENT:
        return f"fits the recorded {recorded} but does not state it"
    if diff is None:
        return f"the record says {recorded}"
    unit = "" if fact.figure.base_unit in (None, BaseUnit.NUMBER) else f" {fact.figure.base_unit}"
    sign = "+" if diff > 0 else ""
    times = f", ×{ratio:.3f}" if ratio is not None else ""
    return f"the record says {recorded}: off by {sign}{grouped(diff)}{unit}{times}"


def _finding(r: Reading, fact: Fact | None, line: int, context: str) -> Finding:
    if fact is None:
        verdict, diff, ratio = Verdict.UNKNOWN, None, None
    else:
        verdict, diff, ratio = judge(r, fact)
    return Finding(r, line, context, fact, verdict, diff, ratio, _explain(r, fact, verdict, diff, ratio))


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


def check_text(base: FactBase, text: str) -> list[Finding]:
    """Every figure in ``text`` with its verdict, in order of appearance."""
    matcher = Matcher(base)
    findings: list[Finding] = []
    readings = read_figures(text)
    words = _without_figures(text, readings)
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
        # Chinese names the subject first: earlier clauses of the sentence may say what a
        # figure is about (私募基金管理人 … 管理基金规模1931亿元); later ones are about other figures.
        near = _terms(words[c0:c1])
        if not near:
            # "2011年，天马落户厦门": a figure standing alone leads the clause that says what it is
            near = _terms(words[c0:s1])
        fact = matcher.best(r, near, words[s0:c0]) if _checkable(r) else None
        findings.append(_finding(r, fact, line, text[c0:c1].strip()))
    return findings


def check_figure(fact: Fact, figure: str) -> Finding:
    """A claimed figure against one named fact (``xmfacts compare ID 70家``)."""
    reading = read_figure(figure)
    if reading is None:
        raise UsageError(f"no figure in {figure!r}: give a number with its unit, e.g. 70家 or 超1100亿元")
    if not _comparable(reading, fact):
        what = "a date" if reading.figure.kind is Kind.DATE else (reading.figure.base_unit or BaseUnit.NUMBER).value
        raise UsageError(f"{figure!r} is {what}; {fact.full_id} records {fact.figure.base_unit or 'a date'}")
    return _finding(reading, fact, 1, figure)


def summary(findings: Sequence[Finding]) -> dict[str, int]:
    counts = Counter(f.verdict for f in findings)
    return {v.value: counts.get(v, 0) for v in Verdict}
