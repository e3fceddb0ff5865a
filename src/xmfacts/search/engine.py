"""A search, end to end: over a fact base in memory (``find``) or through the fact-base index
(``find_in``), which scores only the candidates its full-text index offers and reads a
one-word search's best facts from their levels (``_by_level``: a Chinese word of one to four
characters, an English word, a pinyin word of one to four syllables), so its cost grows with
the facts shown, not with the base. When no fact holds every word, both widen and rank by how
much of the query each fact explains (``ranked``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import xmfacts.search.index_part as part
from xmfacts.model import BaseUnit, Fact, FactBase, Qualifier
from xmfacts.search.fulltext import _spellings, figure_filter, match_expression
from xmfacts.search.levels import BOTH_MARK, CODE_DIGITS, MOST_SYLLABLES, PINYIN_MARK, WORD_MARK, _listed, may_level, points_of, word_term
from xmfacts.search.prepared import _INITIALS_MARK, _LEVEL_MARK, _MAX_SPELLINGS, Row, SearchIndex, index_for
from xmfacts.search.query import QueryNumber, Term, _all_of, _pairs, _quoted, pairs_in_rows, parse_query
from xmfacts.search.score import Hit, SearchResult, _Fields, _given, _rank, _term_score
from xmfacts.search.weights import _BIGRAM_FACTOR
from xmfacts.text import is_cjk

if TYPE_CHECKING:
    from xmfacts.index.store import Store


_SUGGEST_FOR_WORDS = 8


def find(
    base: FactBase,
    words: Sequence[str],
    topic: str | None = None,
    limit: int | None = None,
    index: SearchIndex | None = None,
) -> SearchResult:
    """Facts matching every term, best first (ties keep fact-base order), and how many there
    were; when none matches every term, those that explain most of the query (``ranked``)."""
    if index is None:
        index = index_for(base, pinyin=False)
    terms = parse_query(words, index, pairs_in_rows(index.rows))
    if not index.has_pinyin and any(t.pinyin is not None or t.initials for t in terms):
        # An index built without pinyin (no cache): spell the fact base now, as the cache would have.
        index = index_for(base, pinyin=True)
        terms = parse_query(words, index, pairs_in_rows(index.rows))
    pairs: list[tuple[Callable[[], Fact], Row]] = []
    rows = iter(index.rows)
    for t in base.topics:
        for fact in t.facts:
            row = next(rows)
            if topic is None or t.id == topic:
                pairs.append((_given(fact), row))
    shown, total = _rank(pairs, terms, limit)
    if total:
        return SearchResult(tuple(shown), total)
    # No fact holds every word: widen, and rank by how much of the query each fact explains.
    from xmfacts.search.ranked import held, rank_partial, widen  # only then: a lookup imports no more

    wide = widen(terms, _filed_in_rows(index.rows))
    holding = None
    if topic is not None:  # a word's rarity is the base's, whatever topic is shown
        every = list(zip(base.facts, index.rows))
        holding = [sum(held(t, row, _given(fact)) for fact, row in every) for t in wide]
    shown, total, unmatched = rank_partial(pairs, wide, len(index.rows), limit, holding)
    suggestions = () if total else _suggest(base, index, terms)
    return SearchResult(tuple(shown), total, suggestions, unmatched)


def _filed_in_rows(rows: Sequence[Row]) -> Callable[[set[str]], set[str]]:
    """``widen``'s ``filed`` for an index held in memory: Chinese pairs some row's text holds,
    English words some row's stems hold (what the full-text index files them under)."""

    def filed(words: set[str]) -> set[str]:
        out = set()
        for word in words:
            if word.isascii():
                padded = f" {word} "
                if any(padded in row[2] for row in rows):
                    out.add(word)
            elif any(word in row[1] for row in rows):
                out.add(word)
        return out

    return filed


def find_in(store: Store, words: Sequence[str], topic: str | None = None, limit: int | None = None) -> SearchResult:
    """``find`` over the fact-base index: only the facts its full-text index offers are scored.

    The index offers every fact that can match (``match_expression`` is never narrower than
    the scoring), so the result is the same as scoring every fact.
    """
    if topic is not None and not store.has_topic(topic):
        from xmfacts.lookup import find_topic

        find_topic(store.factbase(), topic)  # raises, with the nearest topic ids
    index = part.search_index(store)
    terms = parse_query(words, index, functools.partial(part.filed, store))
    if not index.has_pinyin and any(t.pinyin is not None or t.initials for t in terms):
        index = part.search_index(store, pinyin=True)  # an in-memory index built without pinyin
        terms = parse_query(words, index, functools.partial(part.filed, store))
    leveled = _by_level(store, terms, topic, limit, index.syllables)
    if leveled is not None:
        shown, total = leveled
    else:
        with_facts = any(t.number is not None for t in terms)  # a figure is compared with every candidate's fact
        figures = [f for f in map(figure_filter, terms) if f is not None]
        shown, total = _rank(part.candidates(store, match_expression(terms, index.syllables), topic, with_facts, figures), terms, limit)
    if total:
        return SearchResult(tuple(shown), total)
    # No fact holds every word: widen, and rank by how much of the query each fact explains.
    from xmfacts.search.ranked import held, may_pass, rank_partial, widen  # only then: a lookup imports no more

    wide = widen(terms, functools.partial(part.filed, store))
    facts = part.fact_count(store, None)  # a word's rarity is the base's, whatever topic is shown
    with_facts = any(t.number is not None or t.asks for t in wide)
    holders = _holders(store, wide, index.syllables, None)
    if holders is None:  # a term any fact may hold (symbols): score every fact
        holding = None
        if topic is not None:
            every = part.candidates(store, None, None, with_facts)
            counted = [0] * len(wide)
            for fact_of, row in every:
                for i, t in enumerate(wide):
                    counted[i] += held(t, row, fact_of)
            holding = counted
        found = part.candidates(store, None, topic, with_facts)
        shown, total, unmatched = rank_partial(found, wide, facts, limit, holding)
    else:
        # Only the facts that may be shown are scored whole (at a million facts, most facts
        # holding 厦门 hold nothing else the query asks); the words' rarity is known already.
        holding = [len(h) for h in holders]
        union: set[int] = set().union(*holders)
        kept = {n for n in union if may_pass(wide, holding, facts, [n in h for h in holders])}
        found = part.candidates(store, None, topic, with_facts, numbers=kept)
        shown, total, unmatched = rank_partial(found, wide, facts, limit, holding)
    suggestions: tuple[str, ...] = ()
    if not total:
        import difflib  # only when nothing was found

        out: dict[str, None] = {}
        vocabulary = part.vocabulary(store)
        words_asked = {t.text: t for t in terms if t.kind in {"chinese", "words"} and len(t.text) <= 50}
        for term in list(words_asked.values())[:_SUGGEST_FOR_WORDS]:
            pairs = part.candidates(store, match_expression([term], index.syllables), None)
            if any(_term_score(term, _Fields(row), fact_of)[0] for fact_of, row in pairs):
                continue
            for close in difflib.get_close_matches(term.text, vocabulary, n=3, cutoff=0.6):
                out[close] = None
        suggestions = tuple(out)
    return SearchResult(tuple(shown), total, suggestions, unmatched)


def _holders(store: Store, terms: list[Term], syllables: frozenset[str], topic: str | None) -> list[set[int]] | None:
    """For each term of a search that widens, the facts that hold it (``ranked.held``); None
    when some term may be held by any fact.

    A Chinese word of one or two characters (and its synonyms of as many) is held exactly by
    the facts the full-text index files under it, read without scoring; any other term is
    scored alone over the facts its full-text query offers (never fewer than hold it)."""
    from xmfacts.search.fulltext import _term_expression
    from xmfacts.search.ranked import held

    out: list[set[int]] = []
    for term in terms:
        figures = figure_filter(term)
        expression = None if figures is not None else _term_expression(term, syllables)
        if figures is None and expression is None:
            return None
        if figures is None and expression is not None and _filed_whole(term):
            out.append(part.filed_under(store, expression, topic))
            continue
        found = part.numbered_candidates(store, expression, topic, term.number is not None, [figures] if figures else ())
        out.append({n for n, fact_of, row in found if held(term, row, fact_of)})
    return out


def _filed_whole(term: Term) -> bool:
    """Whether the full-text index files a fact under ``term`` exactly when the fact holds it:
    a Chinese word of one or two characters is filed as itself (its characters and pairs)."""
    return term.kind == "chinese" and all(
        1 <= len(t.text) <= 2 and all(is_cjk(c) for c in t.text) and not t.bigrams for t in (term, *term.alternatives)
    )


# A one-word English search reads its levels and scores, besides, the facts that hold only
# words it starts (invest: investor), which are not filed under it; beyond this many it scores
# its candidates as any search does.
_STARTS_AT_MOST = 1000


def _by_level(store: Store, terms: list[Term], topic: str | None, limit: int | None, syllables: frozenset[str] = frozenset()) -> tuple[list[Hit], int] | None:
    """The best ``limit`` hits of a one-word search (a Chinese word of one to four characters,
    an English word, a pinyin word of one to four syllables), and how many facts match, reading
    only the facts shown (see prepared._LEVEL_MARK and ``levels``); None for any other search."""
    if not limit or topic is not None or len(terms) != 1:
        return None
    term = terms[0]
    if term.kind == "figure" and term.number is not None and term.number.qualifier is not Qualifier.EXACT:
        return _by_hedged_figure(store, term, limit)
    if term.kind == "figure":
        return _by_figure_level(store, term, limit)
    if term.kind == "words" and term.pinyin is not None and _spellings(term.letters, syllables):
        return _by_pinyin_level(store, term, limit, syllables)
    plan = _level_plan(store, term, syllables)
    if plan is None:
        return None
    start, table, total, starts = plan
    levels = _levels(store, start, table)
    filed = sum(count for _, count in levels)
    if total is None:
        total = filed + len(starts)
    if not total:
        return None  # nothing matches: the whole search says so and suggests
    chosen = _first_of(store, levels, start, table, limit)  # (fact, the score it is filed under), best first
    if starts:  # merged in fact-base order, as scoring every fact would order them
        place = part.places(store, [n for n, _ in chosen] + [n for n, _ in starts])
        chosen = sorted(chosen + starts, key=lambda c: (-c[1], place[c[0]]))[:limit]
    if total > filed + len(starts) and (len(chosen) < limit or chosen[-1][1] <= _BIGRAM_MOST):
        return None  # facts holding a word's pairs, not the word, may be among those shown
    shown, _ = _rank(part.candidates_at(store, [n for n, _ in chosen]), terms, None)
    if len(chosen) < min(limit, total) or [h.score for h in shown] != [score for _, score in chosen]:
        return None  # an index that disagrees with the scoring (it never should): score every fact
    return shown, total


def _levels(store: Store, start: str, table: str) -> list[tuple[str, int]]:
    """A word's levels (its level words, ``start`` and a code of five digits), best first, each
    with how many facts it files."""
    high = start[:-1] + chr(ord(start[-1]) + 1)
    return [(w, c) for w, c in part.words_between(store, start, high, table) if len(w) == len(start) + CODE_DIGITS]


def _first_of(store: Store, levels: list[tuple[str, int]], start: str, table: str, limit: int) -> list[tuple[int, float]]:
    """The first ``limit`` facts of a word's levels, best first and in fact-base order within a
    level, each with the points it is filed under."""
    chosen: list[tuple[int, float]] = []
    for word, _ in levels:
        score = points_of(word, start)
        chosen.extend((n, score) for n in part.first_filed(store, word, limit - len(chosen), table))
        if len(chosen) >= limit:
            break
    return chosen


def _by_pinyin_level(store: Store, term: Term, limit: int, syllables: frozenset[str]) -> tuple[list[Hit], int] | None:
    """``_by_level`` for a word that may be pinyin of some fact (xinyidai, shangshi): its facts
    are those filed under its letters' pinyin levels (``levels.PINYIN_MARK``: holding the
    syllables, with the points of pinyin and English together), those filed under its stem's
    English levels (holding the word in English), and those holding only words it starts.

    The best ``limit`` of each list, scored, hold the best ``limit`` of all: a fact on both
    lists scores its pinyin points, never fewer than its English ones, so no fact ranks below
    its place on either list. How many facts match is counted from the lists, less those on
    both (``levels.BOTH_MARK``). None when its letters may be a run of more syllables than are
    filed (they are scored as before)."""
    letters = term.letters
    ways = _spellings(letters, syllables)
    if len(ways) > _MAX_SPELLINGS or any(len(way) > MOST_SYLLABLES for way in ways):
        return None
    plan = _word_plan(store, term)
    if plan is None or term.pinyin is None:
        return None
    stem, starts = plan
    by_pinyin, by_english = _levels(store, letters + PINYIN_MARK, "levels"), _levels(store, stem + WORD_MARK, "levels")
    both = part.filed_count(store, letters + BOTH_MARK, "levels")
    starts_held = sum(1 for _, _, held in starts if held)  # holding the syllables too: filed under them
    total = sum(c for _, c in by_pinyin) + sum(c for _, c in by_english) - both + len(starts) - starts_held
    if not total:
        return None  # nothing matches: the whole search says so and suggests
    pinyin_first = dict(_first_of(store, by_pinyin, letters + PINYIN_MARK, "levels", limit))
    english_first = dict(_first_of(store, by_english, stem + WORD_MARK, "levels", limit))
    read = list(dict.fromkeys([*pinyin_first, *english_first]))
    scores = {n: points for n, points, _ in starts}
    for n, (fact_of, row) in zip(read, part.candidates_at(store, read)):
        points = round(_term_score(term, _Fields(row), fact_of)[0], 3)
        if n in pinyin_first:
            expected = pinyin_first[n]
        elif term.pinyin.search(row[3]):
            # On the pinyin list too, below its first ``limit``: it cannot be shown, unless that
            # list was read to its end without it (an index that disagrees with the scoring).
            if len(pinyin_first) < limit:
                return None
            expected = points
        else:
            expected = english_first[n]
        if points != expected:
            return None  # an index that disagrees with the scoring (it never should): score every fact
        scores[n] = points
    return _best_shown(store, term, scores, limit, total)


def _best_shown(store: Store, term: Term, scores: dict[int, float], limit: int, total: int) -> tuple[list[Hit], int] | None:
    """The ``limit`` best of these scored facts (ties in fact-base order), as the scorer shows
    them; None when it scores them otherwise (an index that disagrees with it)."""
    place = part.places(store, list(scores))
    chosen = sorted(scores.items(), key=lambda c: (-c[1], place[c[0]]))[:limit]
    shown, _ = _rank(part.candidates_at(store, [n for n, _ in chosen]), [term], None)
    if len(chosen) < min(limit, total) or [h.score for h in shown] != [score for _, score in chosen]:
        return None
    return shown, total


def _by_figure_level(store: Store, term: Term, limit: int) -> tuple[list[Hit], int] | None:
    """``_by_level`` for a figure (``figlevels``): a bare number reads its levels (figure and
    text together); a figure with a multiplier or unit reads the levels of its value in base
    units (of its unit and of facts without one: the points of the figure alone) and, typed in
    Chinese, those of the token as written (the points of the whole search, for the facts whose
    text holds it), merged as ``_by_pinyin_level`` merges its two lists: a fact on both scores
    at least its figure's points. None for a figure that has no levels (a hedge, more decimals
    than are filed, a currency typed before it): it is scored as before."""
    from xmfacts.search.figlevels import BOTH_MARK as FIGURE_BOTH  # only for a figure: a word search imports no more
    from xmfacts.search.figlevels import CODE_MARK, DATE_UNIT, bare_key, bare_term, token_key, token_term, units_read, value_key, value_of

    number = term.number
    if number is None or number.qualifier is not Qualifier.EXACT:
        return None
    if number.bare:
        filed = bare_term(term.text)
        if filed is None or not _same_figure(filed, term):
            return None
        start = bare_key(term.text) + CODE_MARK
        levels = _levels(store, start, "levels")
        total = sum(count for _, count in levels)
        if not total:
            return None  # nothing matches: the whole search says so and suggests
        return _shown(store, term, dict(_first_of(store, levels, start, "levels", limit)), {}, limit, total)
    value = value_of(number)
    if value is None:
        return None
    steps, exponent = value
    if term.text_pattern is not None:
        token = token_term(term.text)
        if token is None or not _same_figure(token, term):
            return None
    units = units_read(number, exponent)
    prefix = value_key(steps, exponent)
    by_unit: dict[str, list[tuple[str, int]]] = {}
    for word, count in part.words_between(store, prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1), "levels"):
        unit, _, code = word[len(prefix) :].partition(CODE_MARK)
        if len(code) == CODE_DIGITS and code.isdigit() and (unit in units if units is not None else unit != DATE_UNIT):
            by_unit.setdefault(unit, []).append((word, count))
    total = sum(count for levels in by_unit.values() for _, count in levels)
    by_figure: dict[int, float] = {}
    for unit, levels in sorted(by_unit.items()):
        by_figure.update(_first_of(store, levels, prefix + unit + CODE_MARK, "levels", limit))
    by_text: dict[int, float] = {}
    if term.text_pattern is not None:
        start = token_key(term.text) + CODE_MARK
        levels = _levels(store, start, "levels")
        total += sum(count for _, count in levels) - part.filed_count(store, token_key(term.text) + FIGURE_BOTH, "levels")
        by_text = dict(_first_of(store, levels, start, "levels", limit))
    if not total:
        return None
    return _shown(store, term, by_figure, by_text, limit, total)


# A hedged figure's search scores the facts holding it as written; beyond this many it scores
# its candidates as any search does.
_HOLDERS_AT_MOST = 5000


def _by_hedged_figure(store: Store, term: Term, limit: int) -> tuple[list[Hit], int] | None:
    """``_by_level`` for a hedged figure (近1150亿, about 1,600): the facts whose interval overlaps
    the one typed (``part.overlapping``) all score the figure's points, and
    those holding it as written (few) may score more: the best ``limit`` are among those and the
    first ``limit`` of the others, and how many match is counted without reading the rest. A
    date of the year it may be (约2011) scores otherwise, and is scored whole too. None for a
    figure whose words many facts hold: it is scored as before."""
    from xmfacts.search.fulltext import figure_filter
    from xmfacts.search.prepared import FIGURE_YEAR, unit_number
    from xmfacts.search.score import _figure_match

    number, typed = term.number, term.number.interval() if term.number is not None else None
    found = figure_filter(term)
    if number is None or typed is None or typed.low is None or found is None or not typed.overlaps(typed):
        return None  # an empty interval typed (近-5) is scored as before
    ranges, written = found
    # scored whole: the facts holding the figure as written, and the dates of the year it may be
    holders = part.filed_under(store, written, None) if written is not None else set()
    years = [r for r in ranges if r[0] == FIGURE_YEAR]
    if years:
        holders |= part.with_figures(store, years)
        ranges = [r for r in ranges if r[0] != FIGURE_YEAR]
    if len(holders) > _HOLDERS_AT_MOST:
        return None
    units = None if number.base is None else [unit_number(number.base), unit_number(BaseUnit.NUMBER), unit_number(None)]
    rows = part.overlapping(store, ranges, float(typed.low), units)
    edges = sorted(n for n, edge in rows.items() if edge)
    if len(edges) > _HOLDERS_AT_MOST:
        return None
    # on an edge as floats: the decimals decide (an open end excludes its bound)
    apart = {n for n, (fact_of, _) in zip(edges, part.candidates_at(store, edges)) if not _figure_match(number, fact_of())}
    overlap = rows.keys() - apart
    first = part.first_in_order(store, overlap - holders, limit)
    read = list(dict.fromkeys([*sorted(holders), *first]))
    scores: dict[int, float] = {}
    for n, (fact_of, row) in zip(read, part.candidates_at(store, read)):
        points = round(_term_score(term, _Fields(row), fact_of)[0], 3)
        if points:
            scores[n] = points
    total = len(overlap | scores.keys())
    if not total:
        return None  # nothing matches: the whole search says so and suggests
    return _best_shown(store, term, scores, limit, total)


def _same_figure(filed: Term, typed: Term) -> bool:
    """Whether a search's figure is the one its levels are filed for (the same number, unit
    and text looked for)."""
    a, b = filed.number, typed.number
    assert a is not None and b is not None
    same_text = (filed.text_pattern.pattern if filed.text_pattern else None) == (typed.text_pattern.pattern if typed.text_pattern else None)
    return same_text and _number_as(a) == _number_as(b)


def _number_as(number: QueryNumber) -> tuple[object, ...]:
    return (number.value, number.step, number.multiplier, number.base, number.bare, number.qualifier)


def _shown(store: Store, term: Term, first: dict[int, float], by_text: dict[int, float], limit: int, total: int) -> tuple[list[Hit], int] | None:
    """The best ``limit`` of the facts read from a figure's levels, scored: ``first`` (each
    with the points it is filed under) and ``by_text`` (a token's, with the points of the whole
    search). A fact of ``first`` that scores more holds the token too: below the first
    ``limit`` of that list, it cannot be shown (unless that list was read to its end without
    it: an index that disagrees with the scoring)."""
    read = list(dict.fromkeys([*by_text, *first]))
    scores: dict[int, float] = {}
    for n, (fact_of, row) in zip(read, part.candidates_at(store, read)):
        points = round(_term_score(term, _Fields(row), fact_of)[0], 3)
        expected = by_text[n] if n in by_text else first[n]
        if points != expected and (n in by_text or term.text_pattern is None or len(by_text) < limit):
            return None  # an index that disagrees with the scoring (it never should): score every fact
        scores[n] = points
    return _best_shown(store, term, scores, limit, total)


# A Chinese word found by its pairs, not as written (_bigram_score), scores at most this: below
# any fact holding it as written (the lightest field's weight).
_BIGRAM_MOST = _BIGRAM_FACTOR


def _level_plan(store: Store, term: Term, syllables: frozenset[str]) -> tuple[str, str, int | None, list[tuple[int, float]]] | None:
    """Where a one-word search's levels are filed (the start of its level words, and the table),
    how many facts match when the levels do not say (None: those they list), and the facts
    that match and are not filed under it, each with its points; None when it has no levels."""
    text = term.text
    if term.kind == "chinese" and not term.alternatives and not term.asks and 1 <= len(text) <= 4 and all(is_cjk(c) for c in text):
        if len(text) <= 2:
            return (text + _LEVEL_MARK, "grams", None, []) if not term.bigrams else None
        pairs = _pairs(text)
        if term.words or term.bigrams != frozenset(pairs):
            return None
        # A fact holding all its pairs matches (_bigram_score: three quarters of three pairs or
        # fewer is all of them); those holding the word as written are the levels.
        return text + _LEVEL_MARK, "levels", part.count_filed(store, _all_of(pairs)), []
    if term.pinyin is not None and _spellings(term.letters, syllables):
        return None  # it may be pinyin of some fact: read by its pinyin levels (_by_pinyin_level)
    plan = _word_plan(store, term)
    if plan is None:
        return None
    stem, starts = plan
    return stem + WORD_MARK, "levels", None, [(n, points) for n, points, _ in starts]


def _word_plan(store: Store, term: Term) -> tuple[str, list[tuple[int, float, bool]]] | None:
    """For a one-word search read by its English levels: its stem, and the facts that match
    and are not filed under the stem (they hold only words it starts), each with its points
    and whether it holds the word as pinyin; None when the word has no levels, or its initials
    are filed (``levels`` knows nothing of initials)."""
    if term.kind != "words" or term.number is not None or term.parts or len(term.phrases[:1]) != 1:
        return None
    stem = term.phrases[0].strip()
    if " " in stem or not may_level(stem):
        return None
    filed_as = word_term(stem)
    if (term.phrases, term.same, term.prefix) != (filed_as.phrases, filed_as.same, filed_as.prefix):
        return None  # a word of one or two letters has no word start to find
    if term.initials.strip() and part.filed(store, {_INITIALS_MARK + term.initials.strip()}):
        return None
    starts: list[tuple[int, float, bool]] = []
    if stem not in _listed():  # a word of synonyms.txt is filed for every fact matching it
        # From just after the stem: the index's word list counts a word's facts by reading them,
        # and the stem itself (xiamen: some 940,000 facts of a million) is not wanted here.
        longer = part.words_between(store, stem + "\x01", stem + "~")
        if sum(count for _, count in longer) > _STARTS_AT_MOST:
            return None
        if longer:
            numbers = part.filed_under(store, f"{_quoted(stem)} * NOT {_quoted(stem)}", None)
            for n, (fact_of, row) in zip(sorted(numbers), part.candidates_at(store, sorted(numbers))):
                points, _ = _term_score(term, _Fields(row), fact_of)
                if points:
                    starts.append((n, round(points, 3), bool(term.pinyin is not None and term.pinyin.search(row[3]))))
    return stem, starts


def search(
    base: FactBase, words: Sequence[str], topic: str | None = None, limit: int | None = None, index: SearchIndex | None = None
) -> list[Hit]:
    """Facts matching every term, best first; ties keep fact-base order."""
    return list(find(base, words, topic=topic, limit=limit, index=index).hits)


def _suggest(base: FactBase, index: SearchIndex, terms: list[Term]) -> tuple[str, ...]:
    """For each word that matches no fact at all, the closest terms of the fact base."""
    import difflib  # only when nothing was found

    facts = base.facts
    out: dict[str, None] = {}
    # The first few distinct words are enough to say what is near; a pasted page is not a query.
    words = {t.text: t for t in terms if t.kind in {"chinese", "words"} and len(t.text) <= 50}
    for term in list(words.values())[:_SUGGEST_FOR_WORDS]:
        if any(_term_score(term, _Fields(row), _given(fact))[0] for row, fact in zip(index.rows, facts)):
            continue
        for close in difflib.get_close_matches(term.text, index.vocabulary, n=3, cutoff=0.6):
            out[close] = None
    return tuple(out)
