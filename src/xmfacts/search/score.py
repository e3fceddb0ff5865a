"""Scoring a fact against each term: the best field it matches, weighted by the field and the
kind of match, plus breadth; ``_rank`` orders the candidates and ``explain`` says why.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from xmfacts.model import BaseUnit, Fact, Kind, Qualifier
from xmfacts.search.prepared import Row
from xmfacts.search.query import QueryNumber, Term
from xmfacts.search.weights import (
    _BIGRAM_FACTOR,
    _BIGRAM_MIN_COVERAGE,
    _BREADTH_BONUS,
    _BREADTH_FIELD,
    _EXACT_BONUS,
    _FACTOR,
    _SCATTERED_SYLLABLES,
    _WEIGHTS,
    CHINESE,
    ENGLISH,
    FIGURE,
    HEDGED,
    INITIALS,
    PINYIN,
    PREFIX,
    ROUNDED,
    SYNONYM,
)
from xmfacts.search.words import _SEP
from xmfacts.text import has_cjk


@dataclass(frozen=True)
class Hit:
    fact: Fact
    score: float
    why: tuple[str, ...] = field(default=(), compare=False)  # per term: field, kind of match, points


@dataclass(frozen=True)
class SearchResult:
    hits: tuple[Hit, ...]  # best first, at most the limit
    total: int  # how many facts matched before the limit
    suggestions: tuple[str, ...] = ()  # when nothing matched: fact-base terms near the words that matched nowhere
    unmatched: tuple[str, ...] = ()  # when no fact held every word: the query words no fact holds


class _Fields:
    """One fact's prepared fields, split out of the index row only when a term needs them."""

    def __init__(self, row: Row) -> None:
        self.names, self.folded_all, self.stems_all, self.pinyin_all, self.initials_all = row
        self._split: dict[int, list[str]] = {}

    def column(self, which: int) -> list[str]:
        if which not in self._split:
            self._split[which] = (self.folded_all, self.stems_all, self.pinyin_all, self.initials_all)[which].split(_SEP)
        return self._split[which]

    def each(self, kind: str) -> Iterator[tuple[str, str, str, str, str]]:
        """(name, folded, stems, pinyin, initials) per field; only the columns a kind of term reads."""
        if kind in {"chinese", "literal", "figure"}:
            yield from ((name, folded, "", "", "") for name, folded in zip(self.names, self.column(0)))
        elif kind == "syllables":
            yield from ((name, "", "", spelled, "") for name, spelled in zip(self.names, self.column(2)))
        else:
            yield from zip(self.names, self.column(0), self.column(1), self.column(2), self.column(3))


def _word_match(term: Term, folded: str, stemmed: str, spelled: str, initials: str) -> tuple[float, str]:
    best, how = 0.0, ""
    if stemmed:
        for n, phrase in enumerate(term.phrases):
            if phrase in stemmed:
                kind = ENGLISH if n < term.same else SYNONYM
                factor = _FACTOR[kind] * (_EXACT_BONUS if n < term.same and stemmed == phrase else 1.0)
                if factor > best:
                    best, how = factor, kind
        if not best and term.prefix and term.prefix in stemmed:
            best, how = _FACTOR[PREFIX], PREFIX
    if best < _FACTOR[PINYIN] and spelled and term.pinyin is not None and term.pinyin.search(spelled):
        best, how = _FACTOR[PINYIN], PINYIN
    if best < _FACTOR[INITIALS] and initials and term.initials and term.initials in initials:
        best, how = _FACTOR[INITIALS], INITIALS
    return best, how


def _field_match(term: Term, folded: str, stemmed: str, spelled: str, initials: str) -> tuple[float, str]:
    if term.kind == "chinese" or term.kind == "literal":
        if term.text in folded:
            return (_EXACT_BONUS if folded == term.text else 1.0), CHINESE
        return 0.0, ""
    if term.kind == "words":
        return _word_match(term, folded, stemmed, spelled, initials)
    if term.kind == "syllables":
        if spelled and term.pinyin is not None and term.pinyin.search(spelled):
            return _FACTOR[PINYIN], PINYIN
        return 0.0, ""
    if term.kind == "figure" and term.text_pattern is not None and term.text_pattern.search(folded):
        return 1.0, CHINESE if has_cjk(term.text) else "as written"
    return 0.0, ""


def _may_match(term: Term, fields: _Fields) -> bool:
    """A cheap test on the whole row before looking field by field."""
    if term.kind == "chinese":
        return term.text in fields.folded_all or bool(term.bigrams)
    if term.kind == "literal":
        return term.text in fields.folded_all
    if term.kind == "words":
        return (
            any(p in fields.stems_all for p in term.phrases)
            or bool(term.prefix and term.prefix in fields.stems_all)
            or bool(term.pinyin and fields.pinyin_all and term.pinyin.search(fields.pinyin_all))
            or bool(term.initials and term.initials in fields.initials_all)
        )
    if term.kind == "syllables":
        return bool(fields.pinyin_all and term.pinyin and term.pinyin.search(fields.pinyin_all)) or all(
            _may_match(p, fields) for p in term.parts
        )
    return True  # figures are checked against the fact's own figure


def _figure_match(number: QueryNumber, fact: Fact) -> str:
    """FIGURE if the fact's figure is the one typed, ROUNDED if it rounds or truncates to it, else ''."""
    figure = fact.figure
    if figure.kind is Kind.DATE:
        year = number.value
        # 2011 or 2011年 for an event of 2011-07
        a_year = number.multiplier == 1 and number.base in (None, BaseUnit.YEAR) and number.step == 1
        if a_year and figure.date and 1000 <= year <= 2999 and figure.date.startswith(str(year)):
            return FIGURE
        return ""
    if number.base is not None and figure.base_unit not in (number.base, BaseUnit.NUMBER, None):
        return ""
    if number.qualifier is not Qualifier.EXACT:
        return _hedged_match(number, fact)
    # 1141 stands for [1140.5, 1142): 1141.58 rounded (1142) or cut (1141) to whole units.
    low = (number.value - number.step / 2) * number.multiplier
    high = (number.value + number.step) * number.multiplier
    typed = number.value * number.multiplier
    found = ""
    for n in (figure.value, figure.lower, figure.upper):
        if n is None:
            continue
        candidates = [n * (figure.scale or 1)]
        if number.bare:  # also the number as printed: 1141 for 1141.58亿元
            candidates.append(n)
        for v in candidates:
            if v == typed:
                return FIGURE
            if low <= v < high:
                found = ROUNDED
    return found


def _hedged_match(number: QueryNumber, fact: Fact) -> str:
    """HEDGED if a figure typed with a hedge (近1150亿, about 1,600) may be the fact's: their
    intervals overlap, by the rule check compares a claim with the record by
    (``figures.interval``); a bare number also as the fact's figure is printed."""
    from xmfacts.figures.interval import scaled_and_printed  # check's one rule, for a hedged figure only

    try:
        scaled, printed = scaled_and_printed(fact.figure)
    except ValueError:  # a figure without the numbers its qualifier needs: validate refuses it
        return ""
    recorded = [scaled, printed] if number.bare and printed is not None else [scaled]
    typed = number.interval()
    return HEDGED if typed is not None and any(typed.overlaps(r) for r in recorded) else ""


def _term_score(term: Term, fields: _Fields, fact_of: Callable[[], Fact]) -> tuple[float, str]:
    """The term's points in this fact and why, or 0 when the fact does not have it."""
    if term.kind == "syllables" and not (fields.pinyin_all and term.pinyin and term.pinyin.search(fields.pinyin_all)):
        # The syllables are in the fact, but apart: each must match, and counts for less.
        total, whys = 0.0, []
        for part in term.parts:
            s, why = _term_score(part, fields, fact_of)
            if not s:
                return 0.0, ""
            total += s
            whys.append(why)
        return total / len(term.parts) * _SCATTERED_SYLLABLES, f"syllables apart: {'; '.join(whys)}"
    if term.kind == "chinese" or term.kind == "literal":
        points, why = _text_score(term, fields)
        if not points and term.asks:
            return _asked_score(term, fact_of())
        return points, why
    best, best_why = 0.0, ""
    seen: set[str] = set()  # the fields the term is in
    if term.number is not None:
        kind = _figure_match(term.number, fact_of())
        if kind:
            best, best_why = _FACTOR[kind] * _WEIGHTS["figure"], f"figure, {kind}"
            seen.add("figure")
    if term.kind == "words" and all(term.phrases):
        return _row_score(term, fields, _word_factors(term, fields), best, best_why, seen)
    if term.kind == "figure":
        found = _regex_fields(term.text_pattern, fields.folded_all) if term.text_pattern is not None else ()
        how = CHINESE if has_cjk(term.text) else "as written"
        return _row_score(term, fields, {i: (1.0, how) for i in found}, best, best_why, seen)
    return _field_by_field(term, fields, best, best_why, seen, _may_match(term, fields))


def _substring_fields(text: str, row: str) -> Iterator[tuple[int, bool]]:
    """(field number, whether ``text`` is that whole field) of each field of ``row`` holding ``text``."""
    at = row.find(text)
    index, counted = 0, 0
    while at >= 0:
        index += row.count(_SEP, counted, at)
        end = row.find(_SEP, at)
        if end < 0:
            end = len(row)
        yield index, (at + len(text) == end and (at == 0 or row[at - 1] == _SEP))
        counted = at
        at = row.find(text, end + 1)


def _regex_fields(pattern: re.Pattern[str], row: str) -> Iterator[int]:
    """The number of each field of ``row`` the pattern matches in; it never matches _SEP, and
    the characters it looks around for are never _SEP, so a field matches as it would alone."""
    match = pattern.search(row)
    index, counted = 0, 0
    while match is not None:
        at = match.start()
        index += row.count(_SEP, counted, at)
        yield index
        counted = at
        end = row.find(_SEP, at)
        if end < 0:
            return
        match = pattern.search(row, end + 1)


def _word_factors(term: Term, fields: _Fields) -> dict[int, tuple[float, str]]:
    """``_word_match`` of each field that holds the term: its factor and kind of match."""
    factors: dict[int, tuple[float, str]] = {}
    stems_row = fields.stems_all
    for n, phrase in enumerate(term.phrases):
        if phrase not in stems_row:  # most synonyms of most facts: no generator for nothing
            continue
        kind = ENGLISH if n < term.same else SYNONYM
        for i, whole in _substring_fields(phrase, stems_row):
            factor = _FACTOR[kind] * (_EXACT_BONUS if n < term.same and whole else 1.0)
            if factor > factors.get(i, _NO_MATCH)[0]:
                factors[i] = (factor, kind)
    if term.prefix and term.prefix in stems_row:
        for i, _ in _substring_fields(term.prefix, stems_row):
            factors.setdefault(i, (_FACTOR[PREFIX], PREFIX))
    if term.pinyin is not None and fields.pinyin_all:
        for i in _regex_fields(term.pinyin, fields.pinyin_all):
            if factors.get(i, _NO_MATCH)[0] < _FACTOR[PINYIN]:
                factors[i] = (_FACTOR[PINYIN], PINYIN)
    if term.initials and term.initials in fields.initials_all:
        for i, _ in _substring_fields(term.initials, fields.initials_all):
            if factors.get(i, _NO_MATCH)[0] < _FACTOR[INITIALS]:
                factors[i] = (_FACTOR[INITIALS], INITIALS)
    return factors


_NO_MATCH = (0.0, "")


def _row_score(
    term: Term, fields: _Fields, factors: dict[int, tuple[float, str]], best: float, best_why: str, seen: set[str]
) -> tuple[float, str]:
    """``_field_by_field``'s points, from the factor of each field that holds the term."""
    names = fields.names
    for i in sorted(factors):
        factor, how = factors[i]
        name = names[i]
        points = factor * _WEIGHTS[name]
        seen.add(_BREADTH_FIELD.get(name, name))
        if points > best:
            best, best_why = points, f"{name}, {how}"
    if best:
        # a fact that names the word in several fields is more about it
        return best + _BREADTH_BONUS * (len(seen) - 1), best_why
    return _bigram_score(term, fields)


def _text_score(term: Term, fields: _Fields) -> tuple[float, str]:
    """``_term_score`` for Chinese and symbols, which match as substrings of the folded text.

    The same points as looking field by field, found by searching the whole row: a word as
    common as 授信 is scored for thousands of facts, and most of a fact's thirty-odd fields
    never hold it.
    """
    text, row, names = term.text, fields.folded_all, fields.names
    if not text or _SEP in text:
        return _field_by_field(term, fields)
    at = row.find(text)
    if at < 0:
        if term.alternatives:
            return _synonym_score(term, fields)
        return _bigram_score(term, fields)
    best, best_why = 0.0, ""
    seen: set[str] = set()
    index = row.count(_SEP, 0, at)  # the field the first hit is in
    start = row.rfind(_SEP, 0, at) + 1
    while at >= 0:
        end = row.find(_SEP, at)
        if end < 0:
            end = len(row)
        name = names[index]
        points = (_EXACT_BONUS if start == at and at + len(text) == end else 1.0) * _WEIGHTS[name]
        seen.add(_BREADTH_FIELD.get(name, name))
        if points > best:
            best, best_why = points, f"{name}, {CHINESE}"
        # on to the next field that holds the word
        at = row.find(text, end + 1)
        if at >= 0:
            index += 1 + row.count(_SEP, end + 1, at)
            start = row.rfind(_SEP, 0, at) + 1
    return best + _BREADTH_BONUS * (len(seen) - 1), best_why


ASKED = "figure, is a "  # how _asked_score explains itself: a match by what the word asks, not by the word


def _asked_score(term: Term, fact: Fact) -> tuple[float, str]:
    """A word that names what a figure is (金额: an amount of money; 年份: a date), found in a
    fact whose figure is one, as a synonym of the figure's unit."""
    figure = fact.figure
    kind = "date" if figure.kind is Kind.DATE else (figure.base_unit.value if figure.base_unit is not None else "")
    if kind in term.asks:
        return _WEIGHTS["figure"] * _FACTOR[SYNONYM], f"{ASKED}{kind}"
    return 0.0, ""


def _synonym_score(term: Term, fields: _Fields) -> tuple[float, str]:
    """A Chinese word the fact lacks, found by a near-synonym (synonyms_zh.txt), below the word
    as typed; else by its character pairs, as any word."""
    best, best_why = 0.0, ""
    for alternative in term.alternatives:
        points, why = _text_score(alternative, fields)
        points *= _FACTOR[SYNONYM]
        if points > best:
            best, best_why = points, f"synonym {alternative.text}, {why}"
    return (best, best_why) if best else _bigram_score(term, fields)


def _field_by_field(
    term: Term, fields: _Fields, best: float = 0.0, best_why: str = "", seen: set[str] | None = None, may_match: bool = True
) -> tuple[float, str]:
    """The term's best field (``best`` so far: its figure's points), plus a little per further field."""
    factors: dict[int, tuple[float, str]] = {}
    if may_match:
        for i, (_, folded, stemmed, spelled, initials) in enumerate(fields.each(term.kind)):
            factor, how = _field_match(term, folded, stemmed, spelled, initials)
            if factor:
                factors[i] = (factor, how)
    return _row_score(term, fields, factors, best, best_why, set() if seen is None else seen)


def _bigram_score(term: Term, fields: _Fields) -> tuple[float, str]:
    if term.bigrams:
        # A Chinese phrase typed without the source's exact wording (厦门上市公司 for
        # 厦门境内上市公司) still finds the fact when most of its character pairs occur.
        row = fields.folded_all
        found = sum(1 for b in term.bigrams if b in row)
        coverage = found / len(term.bigrams)
        if coverage >= _BIGRAM_MIN_COVERAGE and all(any(pair in row for pair in word) for word in term.words):
            pieces = _pieces(term.text, fields)
            # 厦门上市公司 covers as much of 厦门境内上市公司数量 as of 厦门…上市企业数量, but in
            # two whole words of a label, not in pairs scattered over the quote and the tags
            placed = sum(len(piece) * weight for piece, weight in pieces) / (len(term.text) * _TOP_WEIGHT)
            points = coverage * _BIGRAM_FACTOR * (1 + placed) / 2
            words = " + ".join(piece for piece, _ in pieces)
            return points, f"character pairs, {found} of {len(term.bigrams)}" + (f"; {words}" if words else "")
    return 0.0, ""


_TOP_WEIGHT = max(_WEIGHTS.values())


def _pieces(text: str, fields: _Fields) -> list[tuple[str, float]]:
    """The longest runs of ``text`` the fact holds as written, left to right (two characters
    at least), each with the weight of the heaviest field that holds it."""
    row, names = fields.folded_all, fields.names
    pieces = []
    i = 0
    while i < len(text) - 1:
        j = len(text)
        while j > i + 1 and text[i:j] not in row:
            j -= 1
        if j == i + 1:
            i += 1
            continue
        piece = text[i:j]
        weight, at = 0.0, row.find(piece)
        while at >= 0:
            weight = max(weight, _WEIGHTS[names[row.count(_SEP, 0, at)]])
            at = row.find(piece, at + 1)
        pieces.append((piece, weight))
        i = j
    return pieces


def _given(fact: Fact) -> Callable[[], Fact]:
    return lambda: fact


def _rank(candidates: Iterable[tuple[Callable[[], Fact], Row]], terms: list[Term], limit: int | None) -> tuple[list[Hit], int]:
    """The candidates that match every term, best first (equal scores keep the order given),
    at most ``limit`` of them, and how many matched.

    A candidate comes as a way to get its fact, not the fact: from the fact-base index, a fact
    is rebuilt only if a figure is asked for or it is shown, not for each of thousands scored.
    """
    scored: list[tuple[float, tuple[str, ...], Callable[[], Fact]]] = []
    for fact_of, row in candidates:
        fields = _Fields(row)
        total = 0.0
        why: list[str] = []
        for term in terms:
            score, reason = _term_score(term, fields, fact_of)
            if not score:
                break
            total += score
            why.append(f"{term.text}: {reason} ({score:.1f})")
        else:
            scored.append((round(total, 3), tuple(why), fact_of))
    scored.sort(key=lambda h: -h[0])  # stable: equal scores stay in fact-base order
    shown = scored[:limit] if limit else scored
    return [Hit(fact_of(), score, why) for score, why, fact_of in shown], len(scored)


def explain(hit: Hit) -> str:
    """Why a fact ranked where it did, one line: each term's best field, kind of match, points."""
    return f"{hit.fact.full_id}  {hit.score:g} = " + "; ".join(hit.why)
