"""Checking a text: each figure read, tied to a fact by the ``Matcher`` and judged
(``check_text`` in memory, ``check_claims`` through the index, ``check_figure`` for one
fact and figure).
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from xmfacts.check.matcher import NOTHING_NAMED, FactSource, InMemory, Matcher, _Place
from xmfacts.check.profile import BaseStats, base_stats, fact_terms, measures_named
from xmfacts.check.series import Observations, from_topics, in_memory, judge_in_series
from xmfacts.check.verdicts import Finding, Verdict, _checkable, _comparable, _finding
from xmfacts.check.words import (
    _CLAUSE_END,
    _Boundaries,
    _sentences,
    _terms,
    _without_figures,
    carries_set_named_before,
    refers_back,
    says_change,
    scope_words,
)
from xmfacts.errors import UsageError
from xmfacts.figures import period as periods
from xmfacts.figures.reader import Reading, hedged, passed_milestone, read_figure, read_figures, size_class
from xmfacts.model import BaseUnit, Fact, FactBase, Kind, Qualifier
from xmfacts.text import fold, fold_in_place, has_cjk, without_glosses

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from xmfacts.index.store import Store


_LOOK_BACK = 200  # characters before a sentence where 这三家 finds what it counts
_LOOK_BACK_PERIODS = 1500  # characters before a sentence whose periods an undated figure may be of (its own
# sentence dates it by the period readers alone: 上报备案的2022年… names a batch)
# the words before a date up to which other figures hold (截至2023年末, "as of 2023")
_UNTIL = re.compile(r"(?:截至|截止|截止到|直至)\s*$|\b(?:as of|as at|by the end of|at the end of|by end-|at end-)\s*$", re.IGNORECASE)


SAID_IN_OWN_WORDS = "its figure is the record's digit for digit"  # why a level was confirmed in other words than the fact lists


def check_text(base: FactBase, text: str, written: str | None = None) -> list[Finding]:
    """Every figure in ``text`` with its verdict, in order of appearance.

    ``written`` (ISO date, default today) is when the text was written: what 今年 and 去年 mean.
    """
    terms = [fact_terms(f) for f in base.facts]
    return _check(InMemory(base, terms), base_stats(base.facts, terms), text, written, in_memory(base.facts))


def check_claims(store: Store, text: str, written: str | None = None) -> list[Finding]:
    """``check_text`` over the fact-base index: only facts sharing a measure term with the text are read,
    and of those closely only the ones it names (or that are about the city)."""
    from xmfacts.check.index_part import check_stats, claim_source, measure_terms

    # A long draft's figures are read once: for the measures it names and for checking.
    clean, where = without_glosses(text)
    readings = read_figures(clean)
    named = measures_named(clean, measure_terms(store), readings)
    topic = store.topic
    observations = from_topics(lambda t: found.facts if (found := topic(t)) else ())
    stats = check_stats(store)
    findings = _check(claim_source(store, named), stats, text, written, observations, (clean, where, readings))
    # A level confirmed in the text's own words ("Trade with the rest of the world totalled
    # 922.56 billion yuan") names its measure for the change after it ("an increase of 4
    # percent"): facts of that measure are read too, as a check of the whole base reads them.
    confirmed = {m for f in findings if f.fact is not None and f.why.startswith(SAID_IN_OWN_WORDS) for m in f.fact.measure} - named
    if not confirmed:
        return findings
    return _check(claim_source(store, named | confirmed), stats, text, written, observations, (clean, where, readings))


def _check(source: FactSource, stats: BaseStats, text: str, written: str | None,
           observations: Observations | None = None,
           read: tuple[str, list[int], list[Reading]] | None = None) -> list[Finding]:
    clean, where, readings = read or (*without_glosses(text), None)
    findings = _check_clean(source, stats, clean, written, observations, readings)
    if clean is text:
        return findings
    # read without the glosses, shown where each figure stands in the text as given
    moved = []
    for f in findings:
        r = f.reading
        start, end = where[r.start], where[r.end - 1] + 1 if r.end > r.start else where[r.end]
        moved.append(replace(f, reading=replace(r, text=text[start:end], start=start, end=end)))
    return moved


def _check_clean(source: FactSource, stats: BaseStats, text: str, written: str | None,
                 observations: Observations | None = None, readings: list[Reading] | None = None) -> list[Finding]:
    # A claim with no period of its own states its figure as of when it was written: when the
    # user says when that was (--as-of), an older text's figure is outdated, not wrong.
    undated = written
    written = written or periods.today()
    readings = read_figures(text) if readings is None else readings
    words = fold_in_place(_without_figures(text, readings))  # offsets into text hold
    scoped = scope_words(words, [(r.start, r.end) for r in readings if _checkable(r)])
    matcher = Matcher(source, stats, words)
    findings: list[Finding] = []
    folded = fold_in_place(text)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    sentences = _sentences(text)
    clauses = _Boundaries(_CLAUSE_END, text)
    line = 1
    own_words: dict[int, str] = {}  # by sentence: the measure a level was confirmed by in the text's own words
    for j, r in enumerate(readings):
        while line < len(line_starts) and line_starts[line] <= r.start:
            line += 1
        s0, s1 = sentences.around(r.start, r.end)
        c0, c1 = clauses.around(r.start, r.end)
        c0, c1 = max(c0, s0), min(c1, s1)
        # 规模突破百亿元 claims over 100亿元, as extract drafts it: the same words are one statement
        r = hedged(text, r, c0)
        # 越过7000亿元的关口: the total went past the mark, to anywhere above it (突破 has its hedge)
        milestone = r.figure.qualifier is Qualifier.EXACT and passed_milestone(text, r, c0)
        clause, clause_end = words[c0:c1], c1
        # Chinese names the subject first: earlier clauses of the sentence may say what a
        # figure is about (私募基金管理人 … 管理基金规模1931亿元); later ones are about other figures.
        near = _terms(clause, folded=True)
        if not near or not words[c0 : r.start].strip():
            # "2011年，天马落户厦门", "31万家厦门中小企业…，累计获得授信": a figure that leads its
            # clause is the subject of what the rest of the sentence says
            clause, clause_end = words[c0:s1], s1
            near = _terms(clause, folded=True)
        elif r.figure.kind is Kind.DATE and not words[r.end : c1].strip() and has_cjk(words[c0 : r.start]):
            # and so is a date that ends its clause (得益于高层推动1985年，…厦门国际银行宣告诞生),
            # though where the event took place is said in its own clause (成立于1985年，是我国第一家…)
            clause = words[c0:s1]
            near = _terms(clause, folded=True)
        # a name may be said a sentence before, in its paragraph, or after (… 这是一个名为"厦门信易贷"
        # 的平台); a figure that counts a set named before (这三家世界500强企业…) is about what the
        # sentence before names, wherever it stands (as extract dates it by that sentence)
        if refers_back(words[c0 : r.start]) or carries_set_named_before(words[s0 : r.start]):
            p0 = _sentence_before(sentences, words, s0)
        else:
            p0 = max(sentences.around(s0 - 1, s0 - 1)[0] if s0 else 0, line_starts[line - 1])
        n1 = sentences.around(s1 + 1, s1 + 1)[1] if s1 < len(text) else s1
        place = _Place(clause, words[s0:c0], words[min(p0, s0) : n1], words[c0 : r.start], words[r.end : c1], words[max(0, s0 - _LOOK_BACK) : s0],
                       any(b.start >= s0 and b.figure.kind is not Kind.DATE for b in readings[max(0, j - 8) : j]), scoped[s0:clause_end])
        # Its period is said before it in its sentence, or after it in its clause, but not past
        # the next figure: 从2019年的5995.04亿元增加到2021年的7033.89亿元, "from 599.504 billion
        # yuan in 2019 to 703.389 billion yuan in 2021" (English dates a figure after it).
        chinese = has_cjk(folded[s0:c1])
        upto = next((b.start for b in readings[j + 1 : j + 4] if b.start < c1 and (chinese or b.figure.kind is not Kind.DATE)), c1)
        said = folded[s0:upto]
        period = ((periods.chinese_period(said, written) if chinese else periods.english_period(said, written))
                  or periods.that_year(folded[s0 : r.start], folded[max(0, s0 - _LOOK_BACK_PERIODS) : s0]) or undated)
        # 平板显示千亿产业链: a size class, compared only with a fact recorded under that class
        klass = size_class(text, r)
        # 截至2023年末, "as of 2023": the day other figures hold on, which no event's date is
        until = r.figure.kind is Kind.DATE and bool(_UNTIL.search(folded, max(0, r.start - 18), r.start))
        match = matcher.best(r, place, near) if _checkable(r) and not milestone and not klass and not until else None
        if match is None and s0 in own_words and says_change(place.lead, place.trail) and matcher.why == NOTHING_NAMED:
            # "Industrial firms above designated size added 245.08 billion yuan of value, up 4.3
            # percent": the change is of the level its sentence stated, which was confirmed in its own words
            match = matcher.best(r, replace(place, before=f"{place.before} {own_words[s0]}"), near)
        fact, subject = match if match else (None, ())
        why = ("a mark the total went past (关口, 台阶), not its level" if milestone
               else "the day other figures hold on (截至, as of), not an event's date" if until
               else f"a size class ({klass}): no fact recorded under it, of a thing its sentence names" if klass
               else matcher.why) if _checkable(r) else "not a figure to check (a vague amount, an ordinal or a name)"
        # a figure tied to an observation of a series is judged by its period's observation
        judged = functools.partial(_judged, r, line, text[c0:c1].strip(), period, period != undated, observations, folded[s0 : r.start],
                                   functools.partial(periods.named, folded[max(0, s0 - _LOOK_BACK_PERIODS) : s0], written))
        found = judged(fact, subject, why)
        for other, named in matcher.of_class(r, klass, place) if klass else ():
            same = judged(other, named)
            if same.verdict is Verdict.MATCH:
                found = replace(same, why=f"the record is of the size class {klass}, and the text names {'、'.join(named)}")
                break
        if found.verdict is Verdict.UNKNOWN and _checkable(r) and not milestone and not klass:
            # no fact's measure named as it lists it, or none that could judge the figure: a record
            # it equals digit for digit, whose measure the sentence names in its own words, may be
            # confirmed, never contradicted
            for other, named in matcher.same_figure(r, place):
                same = judged(other, named)
                if same.verdict is Verdict.MATCH:
                    found = replace(same, why=f"{SAID_IN_OWN_WORDS}, and the text says {'、'.join(named)} in its own words")
                    own_words[s0] = " ".join(fold(t) for t in named)
                    break
        findings.append(found)
    return findings


def _judged(r: Reading, line: int, context: str, period: str | None, dated: bool, observations: Observations | None, before: str,
            mentioned: Callable[[], Sequence[str]], fact: Fact | None, subject: tuple[str, ...], why: str = "") -> Finding:
    """The finding for a figure tied to ``fact`` (or to none): by its period's observation when
    the fact is in a series (``judge_in_series``), else against the fact itself."""
    return (judge_in_series(r, fact, line, context, subject, period, dated, observations, before, mentioned)
            or _finding(r, fact, line, context, subject, period, why))


def _sentence_before(sentences: _Boundaries, words: str, s0: int) -> int:
    """Where the last sentence with words before ``s0`` begins, past blank lines."""
    p = s0
    while p > 0:
        p = sentences.around(p - 1, p - 1)[0]
        if words[p:s0].strip():
            break
    return p


def check_figure(fact: Fact, figure: str) -> Finding:
    """A claimed figure against one named fact (``xmfacts compare ID 70家``)."""
    reading = read_figure(figure)
    if reading is None:
        raise UsageError(f"no figure in {figure!r}: give a number with its unit, e.g. 70家 or 超1100亿元")
    if not _comparable(reading, fact):
        what = "a date" if reading.figure.kind is Kind.DATE else (reading.figure.base_unit or BaseUnit.NUMBER).value
        raise UsageError(f"{figure!r} is {what}; {fact.full_id} records {fact.figure.base_unit or 'a date'}")
    return _finding(reading, fact, 1, figure, period=None)
