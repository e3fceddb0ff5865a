"""The full-text query that offers a search its candidates: never narrower than the scoring, so
the index finds every fact that can match (``match_expression``, ``figure_filter``).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from xmfacts.model import BaseUnit
from xmfacts.search.prepared import (
    _INITIALS_MARK,
    _MAX_SPELLINGS,
    _PINYIN_MARK,
    FIGURE_PRINTED,
    FIGURE_SCALED,
    FIGURE_YEAR,
    SPAN_LEAST,
    SPAN_MOST,
    SPAN_PRINTED,
    SPAN_SCALED,
)
from xmfacts.search.query import Term, _all_of, _quoted
from xmfacts.search.weights import _BIGRAM_MIN_COVERAGE
from xmfacts.text import is_cjk

if TYPE_CHECKING:
    pass


_FAR = 1e300  # an interval's open end, as a bound SQLite compares


_NOTHING = _quoted("0nothing0")  # filed under no fact: for a term that cannot match


def _spellings(letters: str, syllables: frozenset[str]) -> list[list[str]]:
    """Every way to cut ``letters`` into syllables of the fact base (at most _MAX_SPELLINGS)."""
    out: list[list[str]] = []

    def walk(start: int, taken: list[str]) -> None:
        if len(out) > _MAX_SPELLINGS:
            return
        if start == len(letters):
            out.append(list(taken))
            return
        for end in range(start + 1, min(len(letters), start + 6) + 1):
            if letters[start:end] in syllables:
                taken.append(letters[start:end])
                walk(end, taken)
                taken.pop()

    walk(0, [])
    return out


def _term_expression(term: Term, syllables: frozenset[str]) -> str | None:
    """The index words a fact must be filed under to match ``term``; None: any fact may."""
    if term.kind == "chinese" and term.alternatives:
        ways = [_term_expression(t, syllables) for t in (Term(term.text, "chinese", bigrams=term.bigrams, words=term.words), *term.alternatives)]
        return None if None in ways else "(" + " OR ".join(w for w in ways if w) + ")"
    if term.kind == "chinese":
        text = term.text
        if not text or not all(is_cjk(c) for c in text):
            return None
        if len(text) <= 2:
            return _quoted(text)
        pairs = sorted({text[i : i + 2] for i in range(len(text) - 1)})
        if not term.bigrams:
            return _all_of(pairs)
        # Found as written, a fact holds every pair; found by its pairs (_BIGRAM_MIN_COVERAGE),
        # it may lack a quarter of them, so it holds at least one of any quarter-plus-one.
        missing = int(len(term.bigrams) * (1 - _BIGRAM_MIN_COVERAGE) + 1e-9)
        some = "(" + " OR ".join(_quoted(p) for p in sorted(term.bigrams)[: missing + 1]) + ")"
        # Words typed together (Term.words) are never found as written, and each lends a pair:
        # 天马厦门投资 reads the facts filed under 天马 and 厦门 and 投资, not all those under 厦门.
        return "(" + " AND ".join([some, *("(" + " OR ".join(map(_quoted, sorted(w))) + ")" for w in term.words)]) + ")"
    if term.kind not in {"words", "syllables"}:
        return None  # figures and symbols are checked against every fact
    ways: list[str] = []
    if term.kind == "syllables":
        parts = [_term_expression(p, syllables) for p in term.parts]
        if any(p is None for p in parts):
            return None
        ways.append("(" + " AND ".join(p for p in parts if p) + ")")
    for phrase in term.phrases:
        if phrase.split():
            ways.append(_all_of(phrase.split()))
    if term.prefix and term.prefix.split():
        *whole, start = term.prefix.split()
        ways.append("(" + " AND ".join([*(_quoted(w) for w in whole), _quoted(start) + " *"]) + ")")
    if term.pinyin is not None:
        spellings = _spellings(term.letters, syllables)
        if len(spellings) > _MAX_SPELLINGS:
            firsts = {s for s in syllables if term.letters.startswith(s)}
            ways.extend(_quoted(_PINYIN_MARK + s) for s in sorted(firsts))
        else:
            ways.extend(_all_of(_PINYIN_MARK + s for s in way) for way in spellings)
    if term.initials.strip():
        ways.append(_quoted(_INITIALS_MARK + term.initials.strip()))
    return "(" + " OR ".join(ways) + ")" if ways else _NOTHING


def match_expression(terms: Sequence[Term], syllables: frozenset[str]) -> str | None:
    """An FTS5 query for the facts that may match every term; None when any fact may."""
    parts = [p for p in (_term_expression(t, syllables) for t in terms) if p is not None]
    return " AND ".join(parts) if parts else None


def figure_filter(term: Term) -> tuple[list[tuple[int, float, float]], str | None] | None:
    """For a figure term: the ranges of filed numbers (figure_values) a matching figure lies in,
    and the full-text query a text holding it as written must match (None: no text can); None
    for a term that is not a figure.

    Never narrower than ``_figure_match`` and ``text_pattern``: the scoring decides.
    """
    number = term.number
    if number is None:
        return None
    hedged = number.interval()
    if hedged is not None:  # compared as intervals (score._hedged_match): a fact's overlapping it
        ranges = _spans_overlapping(hedged.low, hedged.high, SPAN_SCALED)
        if number.bare:  # also the figure as printed
            ranges += _spans_overlapping(hedged.low, hedged.high, SPAN_PRINTED)
    else:
        # The bounds _figure_match computes, as floats: rounding to the nearest float never swaps
        # two numbers' order, so a figure within them in decimals is within them as floats.
        low = float((number.value - number.step / 2) * number.multiplier)
        high = float((number.value + number.step) * number.multiplier)
        ranges = [(FIGURE_SCALED, low, high)]
        if number.bare:  # also the number as printed
            ranges.append((FIGURE_PRINTED, low, high))
    if number.multiplier == 1 and number.base in (None, BaseUnit.YEAR) and number.step == 1 and 1000 <= number.value <= 2999:
        ranges.append((FIGURE_YEAR, float(number.value), float(number.value)))
    return ranges, term.written  # None when no text holds it as written (text_pattern is None)


def _spans_overlapping(low: Decimal | None, high: Decimal | None, kind: int) -> list[tuple[int, float, float]]:
    """The filed intervals (prepared.SPAN_SCALED or SPAN_PRINTED) that may overlap [low, high]:
    of each width class k, those whose low end is within [low - 2**k, high] (computed in
    decimals, then rounded to floats, which keeps their order)."""
    top = float(high) if high is not None else _FAR
    out = []
    for k in range(SPAN_LEAST, SPAN_MOST + 1):
        out.append((kind + k - SPAN_LEAST, float(low - Decimal(2) ** k) if low is not None else -_FAR, top))
    out.append((kind + SPAN_MOST + 1 - SPAN_LEAST, -_FAR, top))
    return out
