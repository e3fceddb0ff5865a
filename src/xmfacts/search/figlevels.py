"""Levels of figures: each fact filed under the figures a search may type for it, with the
points that search gives the fact, so a search for one figure (1141, 68家, 40 per cent,
1141.58亿元) reads its best facts from the top of its levels and counts the rest, as a
one-word search does (``levels``, ``engine._by_figure_level``).

A search for a figure scores a fact by its figure (the same number, or one that rounds to the
one typed) and by the fields whose text holds the figure as typed. Three kinds of level word,
each ``FIGURE_MARK``, a key, ``CODE_MARK`` and the points' code (``levels._code``):

- a bare number (``1141``, ``1141.58``, ``2011``): the number as typed, with the points of the
  whole search (figure and text); every number of at most ``MOST_DECIMALS`` decimals the
  fact's figure rounds to, as printed and in base units, its year, and every number its text
  holds standing alone;
- a figure with a multiplier or unit (``68家``, ``40 per cent``, ``1141.58亿元``, ``1141 亿元``):
  the figure in base units (a whole number of the typed precision's steps, and that
  precision), with the fact's unit (a search in one unit reads the levels of that unit and of
  facts without one), and the points of its figure alone;
- a Chinese figure token (``68家``, ``1141.58亿``): every such token a fact's text holds (any
  run of its digits that ends before the Chinese), with the points of the whole search, and
  ``BOTH_MARK`` where the fact's figure is also that figure, so a search counts the facts on
  both lists once.

The points come from the scorer itself (``score._term_score``), for the term the query reader
makes of the key (``query._read_figures``). A hedged figure (近1150亿, about 1,600), one of more
decimals, with leading zeros, currency written before it or with other words is searched as
before.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from xmfacts.model import BaseUnit, Figure, Kind, Qualifier
from xmfacts.search.levels import _code
from xmfacts.search.query import QueryNumber, Term, _figure_token, _read_figures, _scale
from xmfacts.search.score import _Fields, _figure_match, _term_score

if TYPE_CHECKING:
    from xmfacts.search.prepared import Row

# Marks: letters of no other level word, so the index's tokenizer keeps a key whole.
FIGURE_MARK = "ǃ"
CODE_MARK = "ǂ"
BOTH_MARK = "ǁ"

# The most decimals a figure is filed at (1141.58 is filed as 1141, 1142, 1141.5, 1141.6,
# 1141.58); a search typing more is scored as before.
MOST_DECIMALS = 2

# The longest Chinese a figure token ends with: a multiplier (万亿) and a unit (平方公里).
_MOST_SUFFIX = 6

_UNITS = list(BaseUnit)
ANY_UNIT, DATE_UNIT = "x", "d"

_CANONICAL = re.compile(rf"(?:0|[1-9][0-9]*)(?:\.[0-9]{{1,{MOST_DECIMALS}}})?")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_STANDING = re.compile(r"(?<![\d.])\d+")
_DIGITS = re.compile(r"\d+")


def bare_key(number: str) -> str:
    return FIGURE_MARK + number.replace(".", "p")


def value_key(steps: int, exponent: int) -> str:
    """The start of a figure's keys in base units, for every unit: ``value_key + unit``."""
    return f"{FIGURE_MARK}{steps}e{exponent + 10}u"


def token_key(token: str) -> str:
    return FIGURE_MARK + token.replace(".", "p")


def unit_code(base: BaseUnit) -> str:
    return str(_UNITS.index(base))


class _Figured:
    """What the scorer reads of a fact for a figure: its figure."""

    __slots__ = ("figure",)

    def __init__(self, figure: Figure) -> None:
        self.figure = figure


# ---- the query: which levels a figure search reads -----------------------------------------


def _one_term(token: str) -> Term | None:
    items = _read_figures([token])
    if len(items) != 1 or not isinstance(items[0], Term) or items[0].number is None:
        return None
    return items[0]


@lru_cache(maxsize=1 << 12)  # bounded: a build of a million facts meets as many numbers
def bare_term(number: str) -> Term | None:
    """The term a search for a bare number reads, when it has levels: a number as a figure
    is filed (no leading zero, at most MOST_DECIMALS decimals, more than 0)."""
    if not _CANONICAL.fullmatch(number) or Decimal(number) <= 0:
        return None
    term = _one_term(number)
    if term is None or term.text != number or not term.number.bare or term.number.qualifier is not Qualifier.EXACT:  # type: ignore[union-attr]
        return None
    return term


@lru_cache(maxsize=1 << 12)  # bounded: a build of a million facts meets as many numbers
def token_term(token: str) -> Term | None:
    """The term a search for a Chinese figure token reads, when it has levels: digits, then a
    multiplier or unit in Chinese, no hedge (68家, 1141.58亿元, 3万家)."""
    match = _NUMBER.match(token)
    if match is None or match.end() == len(token) or not _all_chinese(token[match.end() :]):
        return None
    whole = _figure_token().fullmatch(token)  # most runs of Chinese after a number are no unit
    if whole is None or any(whole[g] for g in ("currency", "hedge", "english", "after1", "after2", "after3")) or _scale(whole) is None:
        return None
    term = _one_term(token)
    if term is None or term.text != token or term.text_pattern is None or term.text_pattern.pattern != re.escape(token):
        return None
    number = term.number
    if number is None or number.bare or number.qualifier is not Qualifier.EXACT:
        return None
    return term if value_of(number) is not None else None


def _all_chinese(text: str) -> bool:
    from xmfacts.text import is_cjk

    return all(is_cjk(c) for c in text)


def value_of(number: QueryNumber) -> tuple[int, int] | None:
    """A figure typed with a multiplier or unit, as filed: how many of its precision's steps it
    is (in base units) and that precision's power of ten; None when it is not filed so."""
    if number.qualifier is not Qualifier.EXACT or number.bare:
        return None
    size = (number.step * number.multiplier).normalize()
    sign, digits, exponent = size.as_tuple()
    if digits != (1,) or not isinstance(exponent, int) or exponent < -MOST_DECIMALS:
        return None
    steps = number.value * number.multiplier / Decimal(1).scaleb(exponent)
    if steps != steps.to_integral_value() or steps <= 0:
        return None
    return int(steps), exponent


def units_read(number: QueryNumber, exponent: int) -> frozenset[str] | None:
    """The units whose levels a figure search reads; None: every unit but dates'."""
    if number.base is None:
        return None
    units = {unit_code(number.base), ANY_UNIT}
    if number.base is BaseUnit.YEAR and number.multiplier == 1 and exponent == 0:
        units.add(DATE_UNIT)  # 2011年: a date of 2011 (score._figure_match)
    return frozenset(units)


# ---- the fact: the level words it is filed under -------------------------------------------


def figure_level_words(row: Row, figure: Figure) -> list[str]:
    """A fact's figure level words (see the module's doc), from its prepared row and figure."""
    fields = _Fields(row)
    fact = _Figured(figure)

    def fact_of() -> Any:
        return fact

    out: list[str] = []
    written = _standing(fields.folded_all)
    for number in sorted(_bare_numbers(figure) | written):
        # A number the text does not hold standing alone is found by the figure alone: the same
        # points as the term a search makes, without its pattern (compiled once per number).
        term = bare_term(number) if number in written else _figure_term(number)
        if term is not None:
            points = round(_term_score(term, fields, fact_of)[0], 3)
            if points:
                out.append(bare_key(number) + CODE_MARK + _code(points))
    unit = _unit_of(figure)
    for steps, exponent in sorted(_values(figure)):
        points = round(_term_score(_value_term(steps, exponent), fields, fact_of)[0], 3)
        if points:
            out.append(value_key(steps, exponent) + unit + CODE_MARK + _code(points))
    for token in sorted(_tokens(fields.folded_all)):
        term = token_term(token)
        if term is None:
            continue
        points = round(_term_score(term, fields, fact_of)[0], 3)
        if points:
            out.append(token_key(token) + CODE_MARK + _code(points))
            if _figure_match(term.number, fact):  # type: ignore[arg-type]
                out.append(token_key(token) + BOTH_MARK)
    return out


def _unit_of(figure: Figure) -> str:
    if figure.kind is Kind.DATE:
        return DATE_UNIT
    if figure.base_unit in (None, BaseUnit.NUMBER):
        return ANY_UNIT
    return unit_code(figure.base_unit)


def _near(c: Decimal, exponent: int) -> range:
    """The numbers of steps of 10**exponent that a figure typed at that precision may be for
    ``c`` to round or cut to it: (c - step, c + step / 2], more than 0 (``_figure_match``)."""
    step = Decimal(1).scaleb(exponent)
    low = ((c - step) / step).to_integral_value(rounding="ROUND_FLOOR") + 1
    high = ((c + step / 2) / step).to_integral_value(rounding="ROUND_FLOOR")
    return range(max(int(low), 1), int(high) + 1)


def _figure_numbers(figure: Figure, printed: bool) -> set[Decimal]:
    out: set[Decimal] = set()
    for n in (figure.value, figure.lower, figure.upper):
        if n is not None:
            out.add(n * (figure.scale or 1))
            if printed:
                out.add(n)
    return out


def _bare_numbers(figure: Figure) -> set[str]:
    """Every bare number a search may type for the fact's figure: those it rounds to (as
    printed and in base units), and its year."""
    out: set[str] = set()
    if figure.kind is Kind.DATE:
        year = (figure.date or "")[:4]
        if len(year) == 4 and year.isdigit():
            out.add(year)
    for c in _figure_numbers(figure, True):
        if c > 0:
            for decimals in range(MOST_DECIMALS + 1):
                out.update(str(Decimal(k).scaleb(-decimals)) for k in _near(c, -decimals))
    return out


def _standing(folded: str) -> set[str]:
    """Every number the text holds standing alone (``query``: a bare number's text_pattern)."""
    out: set[str] = set()
    for m in _STANDING.finditer(folded):
        out.add(m.group())
        fraction = _DIGITS.match(folded, m.end() + 1) if folded[m.end() : m.end() + 1] == "." else None
        if fraction is not None:
            out.add(m.group() + "." + fraction.group())
    return out


def _values(figure: Figure) -> set[tuple[int, int]]:
    """Every figure in base units (steps, power of ten) a search with a unit may type for the fact."""
    out: set[tuple[int, int]] = set()
    if figure.kind is Kind.DATE:
        year = (figure.date or "")[:4]
        if len(year) == 4 and year.isdigit():
            out.add((int(year), 0))
        return out
    for c in _figure_numbers(figure, False):
        exponent = -MOST_DECIMALS
        while c > 0 and Decimal(1).scaleb(exponent) <= 2 * c:
            out.update((k, exponent) for k in _near(c, exponent))
            exponent += 1
    return out


@lru_cache(maxsize=1 << 12)  # bounded: a build of a million facts meets as many numbers
def _figure_term(number: str) -> Term | None:
    """``bare_term`` without the text it looks for."""
    if not _CANONICAL.fullmatch(number) or Decimal(number) <= 0:
        return None
    value = Decimal(number)
    exponent = value.as_tuple().exponent
    return Term(number, "figure", number=QueryNumber(value, Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)))


@lru_cache(maxsize=1 << 12)  # bounded: a build of a million facts meets as many numbers
def _value_term(steps: int, exponent: int) -> Term:
    """A figure typed with a unit, as the scorer reads it for a fact of that unit: its bounds
    in base units (those of any multiplier and unit it may be typed with), no text."""
    number = QueryNumber(Decimal(steps).scaleb(exponent), Decimal(1).scaleb(exponent))
    number.bare = False
    return Term(str(number.value), "figure", number=number)


def _tokens(folded: str) -> set[str]:
    """Every Chinese figure token the text holds: a run of digits (with its decimals) ending
    where Chinese starts, from any of its digits, and one to _MOST_SUFFIX characters of it."""
    out: set[str] = set()
    for m in re.finditer(r"[\d.]+(?=[\u3400-\u9fff\U00020000-\U0003ffff])", folded):
        end = m.end()
        starts = [p for p in range(m.start(), end) if _NUMBER.fullmatch(folded, p, end)]
        if not starts:
            continue
        suffixes = []
        for length in range(1, _MOST_SUFFIX + 1):
            suffix = folded[end : end + length]
            if len(suffix) < length or not _all_chinese(suffix):
                break
            suffixes.append(suffix)
        out.update(folded[p:end] + suffix for p in starts for suffix in suffixes)
    return out
