"""What check reads of a fact: its measure terms and names (``fact_terms``), its shape (names,
unit, scope) and interval (``check_profile``), and the counts of terms across the base
(``base_stats``) that weigh rare words above common ones.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from xmfacts.check.verdicts import _counter
from xmfacts.check.words import _CITY, _CJK_RUN, _LEVELS, _NAME_SUFFIXES, _SCOPES, _STOP, _WORD, _english, _says_change, _without_figures, compact
from xmfacts.figures.interval import Interval, interval_of
from xmfacts.figures.reader import Reading, read_figures
from xmfacts.model import BaseUnit, Fact, Kind
from xmfacts.text import converts_to_simplified, fold, fold_in_place, has_cjk

if TYPE_CHECKING:
    pass


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


def check_profile(fact: Fact, terms: frozenset[str]) -> tuple[str, Sketch]:
    """One fact as the matcher reads it: its words (``fact_terms``), and the rest (``Sketch``)."""
    own = fold(" ".join((fact.label, fact.label_en, fact.entity, fact.quote, *fact.tags, *fact.measure)))
    figure = fact.figure
    interval = interval_of(figure)
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


def _raw_names(fact: Fact) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The entity as text may name it, and the proper names of its English label; ((), ()) for the city itself."""
    if fact.entity in _CITY:
        return (), ()
    entity = fold(fact.entity)
    short = _NAME_SUFFIXES.sub("", entity.removeprefix("厦门")) or entity
    # Proper names in the English label (Tianma, Jinyuan, Jiageng): what English text calls it.
    # not the first word, which is capitalised because it starts the label
    rest = fact.label_en.split(" ", 1)[-1]
    runs = re.findall(r"\b[A-Z][A-Za-z'-]+(?:\s+[A-Z][A-Za-z'-]+)+", rest)
    # the words of a name the city's own (Xiamen Venture Capital) are common ones alone: "a
    # foreign-funded venture" does not name it
    city_runs = [run for run in runs if run.startswith("Xiamen ") and run.count(" ") >= 2]
    of_city = {w for run in city_runs for w in run.split()[1:]}
    english = {w.casefold().removesuffix("'s") for w in re.findall(r"\b[A-Z][A-Za-z'-]+", rest) if w not in of_city}
    # and names of several words as a whole (Science City), which stay names where their words
    # are common ones (science, city)
    for run in runs:
        phrase = run.casefold().removesuffix("'s")
        english.update({phrase, phrase.removeprefix("xiamen ")} - {""})
        if run in city_runs:
            english.add(phrase.rsplit(" ", 1)[0])  # Xiamen International (Bank), as English text shortens it
    # a product or platform the source names in quotation marks (“屿链通”, “厦门信易贷”) is the subject too
    quoted = [fold(q) for q in re.findall(r"“([^”]{2,12})”", fact.quote + fact.label)]
    return tuple(dict.fromkeys([entity, short, *quoted])), tuple(sorted(english))


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


def measures_named(text: str, measures: Iterable[str], readings: Sequence[Reading] | None = None) -> set[str]:
    """The measure terms ``text`` names anywhere, as the matcher reads them: the facts that
    carry one are the only ones a figure of the text may be tied to. ``readings`` are the
    text's figures when the caller has read them."""
    # Never narrower than the matcher: Chinese as written and as measures are looked for in a
    # clause (words.compact), English by its words wherever they stand.
    texts = (text, _without_figures(text, read_figures(text) if readings is None else readings))
    folded = [f for t in texts for f in (fold(t), fold_in_place(t))]
    # one search per measure (no measure holds \0), over each distinct form of the text once
    chinese = "\0".join(dict.fromkeys(folded + [compact(f) for f in folded]))
    english = set(_english(" ".join(folded)).split())
    # GDP 3784亿元，人均9万元: the matcher reads 人均 onto the measure of the clause before
    per_head = "人均" in chinese
    return {m for m in measures if (_named_zh(fold(m), chinese, per_head) if has_cjk(m)
                                    else english.issuperset(w for w in _english(fold(m)).split() if w not in _STOP))}


def _named_zh(measure: str, chinese: str, per_head: bool) -> bool:
    """Whether the text names a Chinese measure, or, where it says 人均, the measure 人均 is put onto."""
    return measure in chinese or (per_head and measure.startswith("人均") and measure[2:] in chinese)
