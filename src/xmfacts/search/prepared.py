"""A fact made searchable, once, when its file is indexed: each field folded, stemmed and spelled
in pinyin (``prepare``), the words the full-text index files it under (``fact_words``, with
the scored levels of its characters and pairs) and the numbers its figure is filed under
(``figure_values``). A query never does this work again.
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from xmfacts.fields import ENTITY, FIGURE, ID, LABEL, LABEL_EN, MEASURE, NOTE, QUOTE, TAGS, TOPIC
from xmfacts.model import BaseUnit, Fact, FactBase, Kind, Topic
from xmfacts.search.weights import _BREADTH_BONUS, _BREADTH_FIELD, _EXACT_BONUS, _WEIGHTS
from xmfacts.search.words import _DIGIT_RUN, _FACT_SEP, _SEP, _THOUSANDS, normalize, stems
from xmfacts.text import CJK_CLASS, converts_to_simplified, has_cjk

if TYPE_CHECKING:
    pass


# Bump when what build_index stores changes: a cache holding an older index is rebuilt.
INDEX_VERSION = 12


_PINYIN_FIELDS = frozenset(f.name for f in (LABEL, TAGS, ENTITY, MEASURE, QUOTE, TOPIC))


_INITIALS_FIELDS = frozenset(f.name for f in (TAGS, ENTITY, MEASURE, TOPIC))


# One fact's searchable text. Plain strings, not objects, because the cache unmarshals it on
# every lookup: per fact, the field names, then the folded text, the stems, the pinyin and
# the initials of every field, each joined by _SEP in the order of the names (an empty
# string where a field has none).
Row = tuple[tuple[str, ...], str, str, str, str]


@dataclass(frozen=True)
class SearchIndex:
    rows: tuple[Row, ...]  # one per fact, in fact-base order (base.facts)
    vocabulary: tuple[str, ...]  # tags, measures, entities and topic titles, for "did you mean"
    syllables: frozenset[str]  # every syllable in the fact base, to read 'shang shi gong si'
    stable: frozenset[str]  # the fact base's characters that fold leaves alone (_normalize_query)
    has_pinyin: bool
    version: int = INDEX_VERSION


def _raw_fields(fact: Fact, topic_title: str, printed: bool = True) -> list[tuple[str, str]]:
    """A fact's searched fields, as written; with ``printed`` false its figure is only its unit,
    the figure's one free text (its qualifier's 约, 超 or 余 and its digits never fold)."""
    from xmfacts.figures.printing import plain_number
    from xmfacts.figures.printing import printed as printed_form

    figure = fact.figure
    if printed:
        numbers = " ".join(plain_number(n) for n in (figure.value, figure.lower, figure.upper) if n is not None)
        figure_text = f"{printed_form(figure)} {numbers}"
    else:
        figure_text = figure.unit or ""
    raw = [
        (LABEL.name, fact.label),
        (LABEL_EN.name, fact.label_en),
        (FIGURE.name, figure_text),
        (ID.name, fact.full_id),
        (ENTITY.name, fact.entity),
        (QUOTE.name, fact.quote),
        (TOPIC.name, topic_title),
        (NOTE.name, fact.note),
    ]
    raw.extend((TAGS.name, t) for t in fact.tags)
    raw.extend((MEASURE.name, m) for m in fact.measure)
    return [(name, text) for name, text in raw if text]


def build_index(base: FactBase, pinyin: bool = True) -> SearchIndex:
    """Fold, stem and spell in pinyin every searched field: done once per compile, not per query."""
    part = prepare(base, pinyin)
    return SearchIndex(
        part.rows, tuple(dict.fromkeys((*part.vocabulary, *part.titles))), part.syllables, stable_characters(part.rows), part.has_pinyin
    )


@dataclass(frozen=True)
class Prepared:
    """Search's prepared fields for some topics: what the fact-base index stores per file."""

    rows: tuple[Row, ...]
    vocabulary: tuple[str, ...]  # the facts' tags, measures and entities, folded, in order
    titles: tuple[str, ...]  # the topics' titles, folded
    syllables: frozenset[str]
    has_pinyin: bool
    words: tuple[str, ...] = ()  # each row's fact_words, when asked for (prepare(words=True))
    characters: frozenset[str] = frozenset()  # every character of the rows' folded text


def prepare(base: FactBase, pinyin: bool = True, words: bool = False) -> Prepared:
    """Every fact's prepared fields; a whole base, or one topic file of it, give the same rows.

    With ``words``, also each fact's ``fact_words``, made from the same per-field work.
    """
    from xmfacts import pinyin as py

    spell = pinyin and py.available()
    raws = [_raw_fields(fact, f"{topic.title} {topic.title_en}") for topic in base.topics for fact in topic.facts]
    # One normalize call for the whole base, not one per field: fold scans its phrase table once
    # per call. Fact text holds no control characters (the loader refuses them) and fold leaves
    # them alone, so _SEP and _FACT_SEP safely part the fields and the facts.
    titles = [text for topic in base.topics for text in (topic.title, topic.title_en)]
    plain = [_fold_alone(text) for raw in raws for _, text in raw] + [_fold_alone(text) for text in titles]
    if any(traditional for _, traditional in plain):
        texts = [_SEP.join(text for _, text in raw) for raw in raws]
        *folded_facts, folded_titles = normalize(_FACT_SEP.join([*texts, _SEP.join(titles)])).split(_FACT_SEP)
    else:
        # Nothing to convert to simplified characters: each field folds on its own as it would
        # joined (NFKC, case and thousands separators never reach across _SEP), and a field
        # repeated across facts (tags, measures, titles) is folded once.
        folded_list = [folded for folded, _ in plain]
        folded_facts, start = [], 0
        for raw in raws:
            folded_facts.append(_SEP.join(folded_list[start : start + len(raw)]))
            start += len(raw)
        folded_titles = _SEP.join(folded_list[start:])
    rows: list[Row] = []
    all_words: list[str] = []
    vocabulary: dict[str, None] = {}
    syllables: set[str] = set()
    characters: set[str] = set()
    for raw, joined in zip(raws, folded_facts):
        # one string object per field name, so marshal stores each name once for the whole base
        names = tuple(sys.intern(name) for name, _ in raw)
        folded = joined.split(_SEP)
        parts = [_field(name, text, spell) for name, text in zip(names, folded)]
        for name, text in zip(names, folded):
            if name in _VOCABULARY_FIELDS:
                vocabulary[text] = None
        for part in parts:
            syllables.update(part[3])
            characters.update(part[5])
        if words:
            all_words.append(_joined_words((word for part in parts for word in part[4]), names, folded))
        rows.append((names, joined, _SEP.join(p[0] for p in parts), _SEP.join(p[1] for p in parts), _SEP.join(p[2] for p in parts)))
    return Prepared(
        tuple(rows), tuple(vocabulary), tuple(folded_titles.split(_SEP)) if titles else (), frozenset(syllables), spell,
        tuple(all_words), frozenset(characters),
    )


_VOCABULARY_FIELDS = frozenset(f.name for f in (TAGS, MEASURE, ENTITY))


def folds_alone(topic: Topic, others: Iterable[Fact] = ()) -> bool:
    """Whether ``prepare`` folds each field of this topic's facts (and of ``others``) on its own:
    none holds a traditional character. A fact's row then depends on nothing but the fact and
    its topic's titles, so a file edited in one fact keeps the rows of the others."""
    texts = [topic.title, topic.title_en]
    texts += (text for fact in (*topic.facts, *others) for _, text in _raw_fields(fact, "", printed=False))
    return not converts_to_simplified(unicodedata.normalize("NFKC", _SEP.join(texts)))


def summary_of(topic: Topic, rows: Sequence[Row]) -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str], frozenset[str]]:
    """``prepare``'s vocabulary, titles, syllables and characters of a topic that folds alone
    (``folds_alone``), read back from its facts' rows: a file re-indexed in place prepares only
    the facts that changed, yet its summary covers them all."""
    from xmfacts.pinyin import SYLLABLE_JOINER

    vocabulary: dict[str, None] = {}
    syllables: set[str] = set()
    characters: set[str] = set()
    for names, folded, _, spelled, _ in rows:
        vocabulary.update((text, None) for name, text in zip(names, folded.split(_SEP)) if name in _VOCABULARY_FIELDS)
        syllables.update(spelled.replace(SYLLABLE_JOINER, " ").replace(_SEP, " ").split())
        characters.update(folded)
    characters.discard(_SEP)
    titles = tuple(_fold_alone(text)[0] for text in (topic.title, topic.title_en))
    return tuple(vocabulary), titles, frozenset(syllables), frozenset(characters)


@lru_cache(maxsize=1 << 14)
def _fold_alone(text: str) -> tuple[str, bool]:
    """``normalize(text)`` as it is when no text folded with it holds a traditional character
    (fold's phrase table then applies to none), and whether this one holds one."""
    nfkc = unicodedata.normalize("NFKC", text)
    return _THOUSANDS.sub("", nfkc.casefold()), converts_to_simplified(nfkc)


@lru_cache(maxsize=1 << 12)
def _field(name: str, text: str, spell: bool) -> tuple[str, str, str, tuple[str, ...], tuple[str, ...], frozenset[str]]:
    """One folded field's stems, pinyin, initials, syllables, full-text words and characters.

    Remembered: tags, measures, entities and topic titles repeat across thousands of facts,
    and a base's labels and quotes share much of their wording.
    """
    from xmfacts import pinyin as py

    runs = py.syllable_runs(text) if spell and name in _PINYIN_FIELDS and has_cjk(text) else []
    spelled = py.spelled(runs)
    inits = py.initials(runs) if name in _INITIALS_FIELDS else []
    initials = f" {' '.join(inits)} " if inits else ""
    stemmed = stems(text)
    return stemmed, spelled, initials, tuple(s for run in runs for s in run), _field_words(text, stemmed, spelled, initials), frozenset(text)


def _field_words(folded: str, stemmed: str, spelled: str, initials: str) -> tuple[str, ...]:
    """The words the full-text index files a field under, each once, in a fixed order."""
    words: list[str] = []
    for run in _cjk_run().findall(folded):
        words.extend(run)
        words.extend(map(str.__add__, run, run[1:]))
    words.extend(stemmed.split())
    # every run of digits, even where a letter touches it (x86), and backwards: a figure
    # searched as written is looked for by its digit runs (figure_filter)
    digits = _DIGIT_RUN.findall(folded)
    words.extend(digits)
    words.extend(_BACKWARDS_MARK + run[::-1] for run in digits)
    words.extend(_PINYIN_MARK + s for s in spelled.replace("'", " ").split())
    words.extend(_INITIALS_MARK + s for s in initials.split())
    return tuple(dict.fromkeys(words))


def stable_characters(rows: Sequence[Row], characters: frozenset[str] | None = None) -> frozenset[str]:
    """The rows' characters that fold leaves alone; ``characters`` (Prepared.characters), when
    given, saves reading the rows again."""
    seen = characters if characters is not None else set().union(*(row[1] for row in rows))
    return frozenset(c for c in seen - _changing() if not c.isascii())


@cache
def _changing() -> frozenset[str]:
    """The characters fold may change: traditional ones and the first of each phrase it converts."""
    from xmfacts import t2s_table  # the table fold converts with (xmfacts.text.to_simplified)

    return frozenset(t2s_table.TRADITIONAL).union(phrase[0] for phrase in t2s_table.PHRASES)


_MEMO: list[tuple[FactBase, SearchIndex]] = []


def index_for(base: FactBase, pinyin: bool = True) -> SearchIndex:
    """An index for a fact base given without one (a library caller, a test): built once per base."""
    for known, index in _MEMO:
        if (known is base or known == base) and (index.has_pinyin or not pinyin):
            return index
    index = build_index(base, pinyin)
    _MEMO[:] = [(base, index)]
    return index


_PINYIN_MARK = "py"


_INITIALS_MARK = "ii"


_BACKWARDS_MARK = "dr"  # a run of digits written backwards: 68家 is found in 168家 by "dr86" *


_MAX_SPELLINGS = 32  # ways to cut a query's letters into syllables, beyond which any first syllable will do


def fact_words(row: Row) -> str:
    """The words the full-text index files a fact under, space-separated: Chinese characters
    and character pairs, English stems, pinyin syllables and initials, field by field, each once;
    then each character and pair again with its points (``_level_words``)."""
    names, folded, stemmed, spelled, initials = row
    fields = zip(folded.split(_SEP), stemmed.split(_SEP), spelled.split(_SEP), initials.split(_SEP))
    return _joined_words((word for field in fields for word in _field_words(*field)), names, folded.split(_SEP))


def _joined_words(field_words: Iterable[str], names: Sequence[str], folded: Sequence[str]) -> str:
    return " ".join(dict.fromkeys([*field_words, *_level_words(names, folded)]))


# A search for one Chinese character or pair (授信, 天马, 厦) is the common query that matches
# thousands of facts, and its points in a fact depend on nothing but the fact: each character
# and pair is also filed with those points (授信s89599: 10.4 points, as 99999 - 10400, so the
# index's word order is best first). Such a search reads its levels from the index's word list,
# takes the first facts of each in fact-base order until the limit is reached, and scores only
# those; the facts it did not read are counted, not scored (find_in, _by_level).
_LEVEL_MARK = "s"


@cache
def _level_suffix(points: float, fields: int) -> str:
    """The mark and code of a level: the score _text_score gives, rounded as _rank rounds."""
    return f"{_LEVEL_MARK}{99999 - round(round(points + _BREADTH_BONUS * (fields - 1), 3) * 1000):05d}"


def _level_words(names: Sequence[str], folded: Sequence[str]) -> list[str]:
    """Each Chinese character and pair of a fact (what the index files it under), and each
    again with the points a search for it alone gives the fact (see _LEVEL_MARK).

    Built for every fact of the base, so with set operations rather than a loop per word:
    fields are taken from the heaviest down, and a word's points are those of the first field
    holding it, or twice a field's weight where it is that whole field.
    """
    best = _best_points(names, folded, False)
    leveled = map(str.__add__, best, map(_level_suffix, *zip(*best.values()))) if best else iter(())
    return [*best, *leveled]


def long_level_words(names: Sequence[str], folded: Sequence[str]) -> list[str]:
    """Each Chinese word of three and four characters of a fact, with the points a search for
    it alone gives the fact, as _level_words gives characters and pairs (``levels``)."""
    best = _best_points(names, folded, True)
    return list(map(str.__add__, best, map(_level_suffix, *zip(*best.values())))) if best else []


def _best_points(names: Sequence[str], folded: Sequence[str], long: bool) -> dict[str, tuple[float, int]]:
    """Each Chinese character and pair (``long``: each run of three and four characters) of a
    fact, with the points of the heaviest field holding it and how many fields hold it."""
    texts: dict[str, list[str]] = {}
    for name, text in zip(names, folded):
        texts.setdefault(name, []).append(text)
    best: dict[str, float] = {}
    by_group: dict[str, set[str]] = {}
    exact: list[tuple[str, float]] = []
    for name in sorted(texts, key=_WEIGHTS.__getitem__, reverse=True):
        group = texts[name]
        if name in _SHARED_FIELDS:
            grams, whole = _shared_grams(name, tuple(group), long)
        else:
            grams, whole = _grams(name, group, long)
        if not grams:
            continue
        best.update(dict.fromkeys(grams.difference(best), _WEIGHTS[name]))
        exact.extend(whole)
        by_group.setdefault(_BREADTH_FIELD.get(name, name), set()).update(grams)
    for text, points in exact:
        best[text] = max(best[text], points)
    fields: Counter[str] = Counter()
    for grams in by_group.values():
        fields.update(grams)
    return {gram: (points, fields[gram]) for gram, points in best.items()}


def _grams(name: str, texts: Sequence[str], long: bool = False) -> tuple[set[str], tuple[tuple[str, float], ...]]:
    """The Chinese characters and pairs of a field's texts (all its tags, say), and those texts
    that are a whole character or pair, with the points that gives (see _level_words); with
    ``long``, its runs of three and four characters instead.

    The set is built the same way every time and never changed afterwards, so the order in
    which it gives its words (the order of the index's words) is the same whether it is built
    afresh or remembered (_shared_grams)."""
    runs = _cjk_run().findall(_SEP.join(texts))
    if not runs:
        return set(), ()
    if long:
        grams = {run[i : i + size] for run in runs for size in (3, 4) for i in range(len(run) - size + 1)}
        sizes = (3, 4)
    else:
        grams = set("".join(runs))
        for run in runs:
            grams.update(map(str.__add__, run, run[1:]))
        sizes = (1, 2)
    points = _WEIGHTS[name] * _EXACT_BONUS
    return grams, tuple((text, points) for text in texts if len(text) in sizes and text in grams)


# Fields whose text repeats across many facts of a base (a topic's title in each of its facts,
# the same tags and measures on thousands): their characters and pairs are worked out once per
# distinct text, which saves a first build about a tenth of its time. Labels and quotes are
# nearly all different: remembering them would only hold memory.
_SHARED_FIELDS = frozenset(f.name for f in (TAGS, MEASURE, ENTITY, TOPIC, FIGURE))


@lru_cache(maxsize=1 << 12)
def _shared_grams(name: str, texts: tuple[str, ...], long: bool = False) -> tuple[set[str], tuple[tuple[str, float], ...]]:
    return _grams(name, texts, long)


@cache
def _cjk_run() -> re.Pattern[str]:
    return re.compile(f"[{CJK_CLASS}]+")  # compiled only when the index is built (~2 ms)


FIGURE_SCALED, FIGURE_PRINTED, FIGURE_YEAR = 0, 1, 2  # what a filed number is (figure_values)

# A hedged search (近1150亿, about 1,600) compares intervals (figures.interval): a fact matches
# when its interval overlaps the one typed. So a figure's interval is filed too, by its low end,
# under a kind that says how wide it is at most: SPAN_SCALED (in base units) or SPAN_PRINTED (as
# printed) plus the class k - SPAN_LEAST of a width of at most 2**k. An interval overlapping
# [a, b] has its low end in [a - 2**k, b] (``fulltext.figure_filter``), whatever the hedge.
SPAN_SCALED, SPAN_PRINTED = 100, 300
SPAN_LEAST, SPAN_MOST = -30, 60  # 2**-30 to 2**60; a wider interval is class SPAN_MOST + 1: any low end


def span_class(width: Decimal) -> int:
    """The least k (from SPAN_LEAST) with width <= 2**k; SPAN_MOST + 1 for a wider one."""
    if width <= Decimal(2) ** SPAN_LEAST:
        return SPAN_LEAST
    if width > Decimal(2) ** SPAN_MOST:
        return SPAN_MOST + 1
    k = math.ceil(math.log2(width))  # a float's guess, made exact in decimals: each fact is filed so
    while width > Decimal(2) ** k:
        k += 1
    while Decimal(2) ** (k - 1) >= width:
        k -= 1
    return k


def unit_number(base: BaseUnit | None) -> int:
    """A base unit as the figures table files it (-1: none)."""
    return list(BaseUnit).index(base) if base is not None else -1


def figure_values(fact: Fact) -> list[tuple[int, float, float | None, int | None]]:
    """The numbers the fact-base index files a fact's figure under (kind, number, and for an
    interval its high end and unit): each of its bounds in base units, and as printed where
    that differs (1141.58 of 1141.58亿元), or a date's year; and its interval, in base units and
    as printed (SPAN_SCALED, SPAN_PRINTED), by its low end."""
    figure = fact.figure
    if figure.kind is Kind.DATE:
        year = (figure.date or "")[:4]
        return [(FIGURE_YEAR, float(year), None, None)] if len(year) == 4 and year.isdigit() else []
    out: list[tuple[int, float, float | None, int | None]] = []
    for n in (figure.value, figure.lower, figure.upper):
        if n is not None:
            out.append((FIGURE_SCALED, float(n * (figure.scale or 1)), None, None))
            if (figure.scale or 1) != 1:
                out.append((FIGURE_PRINTED, float(n), None, None))
    from xmfacts.figures.interval import scaled_and_printed  # only when a fact is indexed

    try:
        scaled, printed = scaled_and_printed(figure)
    except ValueError:  # a figure without the numbers its qualifier needs: no hedged search finds it
        return out
    for kind, span in ((SPAN_SCALED, scaled), (SPAN_PRINTED, printed)):
        # an empty interval (近 before a fall: [0.9v, v) with v < 0) overlaps nothing
        if span is not None and span.low is not None and span.high is not None and span.overlaps(span):
            out.append((kind + span_class(span.high - span.low) - SPAN_LEAST, float(span.low), float(span.high), unit_number(figure.base_unit)))
    return out
