"""Searching through the fact-base index finds exactly what scoring every fact finds.

The full-text index only chooses which facts get scored; if it ever offered fewer facts than
can match, a search through it would lose hits. Every query of the hold-out set and of the
search tests, run both ways over the shipped fact base, must agree hit for hit and score for
score.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from xmfacts.search.index_part import load_searchable
from xmfacts.index.build import in_order_below
from xmfacts.index.store import with_store
from xmfacts.search import index_part as search_part
from decimal import Decimal

from dataclasses import replace

from xmfacts.model import BaseUnit, Fact, Figure, Kind, Qualifier
from xmfacts.text import to_simplified
from xmfacts.search.prepared import FIGURE_PRINTED, FIGURE_SCALED, FIGURE_YEAR, figure_values
from xmfacts.search.query import QueryNumber
from xmfacts.search import Term, find, find_in, parse_query
from xmfacts.search.score import _figure_match
from xmfacts.search.fulltext import figure_filter, match_expression

SHIPPED = Path(__file__).parents[2] / "facts"
HOLD_OUT = tomllib.loads((Path(__file__).parents[1] / "realworld" / "search_queries.toml").read_text(encoding="utf-8"))["query"]
MORE = [
    "授信", "天马", "厦", "信易贷", "厦门上市公司", "上市 公司", "listed companies", "listed firms", "IPOs", "hydro",
    "venture capital funds", "xinyidai", "shang shi gong si", "xyd", "gxjsqy", "jinyuan", "tianma", "1141", "1141.58亿",
    "68家", "40%", "114.2 billion yuan", "廈門 上市公司", "厦门有多少家上市公司", "how many listed companies", "%",
    "信易代", "融资成本降低", "zzzz", "科技 xinyidai 1141",
    # Chinese words typed together (天马厦门投资): pairs no fact holds are left out
    "天马厦门投资", "天马投资额", "信易贷授信总额", "科学城面积多大", "厦门高新技术企业数量", "金圆集团资产规模",
    # figures, as another outlet prints them
    "2011", "2011年", "超1000亿元", "29.2%", "4.2bn", "31万家", "1141.58", "271.47亿元", "68", "1000", "rmb 114 billion",
    "2024", "70家", "0.5", "1600余家", "10", "3", "授信 1141.58亿元", "上市公司 68",
    # as written inside a longer figure: 8家 in 68家, 1.58亿元 in 1141.58亿元
    "8家", "1.58亿元", "141.58亿元", "000亿元", "0余家",
    # hedged, as another outlet rounds a figure: compared as intervals, with facts hedged too (超1000亿元)
    "近1150亿", "约1100亿", "about 1,600", "近70家", "nearly 70", "不到5", "over 40 per cent", "约2011", "近3成",
]


@pytest.mark.parametrize("query", [q["query"] for q in HOLD_OUT] + MORE)
def test_the_index_offers_every_fact_that_can_match(query: str) -> None:
    base, index = load_searchable(SHIPPED)
    scanned = find(base, query.split(), index=index)
    through_index = with_store(SHIPPED, lambda store: find_in(store, query.split()))
    assert [(h.fact, h.score, h.why) for h in through_index.hits] == [(h.fact, h.score, h.why) for h in scanned.hits]
    assert (through_index.total, through_index.suggestions) == (scanned.total, scanned.suggestions)


def test_a_chinese_word_is_looked_up_not_scanned() -> None:
    _, index = load_searchable(SHIPPED)
    assert match_expression(parse_query(["授信"], index), index.syllables) == '"授信"'
    assert match_expression(parse_query(["1141"], index), index.syllables) is None  # figures: filed apart
    [figure] = parse_query(["1141"], index)
    ranges, written = figure_filter(figure)  # type: ignore[misc]
    assert written == '("1141")'
    assert [kind for kind, _, _ in ranges] == [FIGURE_SCALED, FIGURE_PRINTED, FIGURE_YEAR]


def test_a_figure_is_looked_up_not_compared_with_every_fact(monkeypatch: pytest.MonkeyPatch) -> None:
    scored: list[int] = []
    real = search_part.candidates

    def counted(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        for pair in real(*args, **kwargs):  # type: ignore[arg-type]
            scored.append(1)
            yield pair

    monkeypatch.setattr(search_part, "candidates", counted)
    result = with_store(SHIPPED, lambda store: find_in(store, ["1141.58亿元"]))
    assert [h.fact.full_id for h in result.hits][:1] == ["sme-credit/xinyidai-credit-granted"]
    assert 0 < len(scored) < 10  # of 85 facts


@given(
    st.sampled_from(load_searchable(SHIPPED)[0].facts),
    st.decimals(min_value=-10**6, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from([1, 10**4, 10**8]),
    st.sampled_from([None, *BaseUnit]),
    st.booleans(),
)
def test_the_figure_filter_is_never_narrower_than_the_figure_match(fact: Fact, value: Decimal, multiplier: int, base: BaseUnit | None, near: bool) -> None:
    figure = fact.figure
    if near and figure.value is not None:  # mostly a figure close to the fact's own
        value = figure.value + value / 10**6
    for typed in {value, value.quantize(Decimal(1)) if value.is_finite() else value}:
        exponent = typed.as_tuple().exponent
        number = QueryNumber(typed, Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0), multiplier, base)
        found = figure_filter(Term(str(typed), "figure", number=number))
        assert found is not None
        ranges, _ = found
        if _figure_match(number, fact):
            assert any(kind == k and low <= v <= high for kind, v, *_ in figure_values(fact) for k, low, high in ranges)


_HEDGES = [q for q in Qualifier if q not in (Qualifier.EXACT, Qualifier.RANGE)]
_NUMBERS = st.decimals(min_value=-10**4, max_value=10**4, places=2, allow_nan=False, allow_infinity=False)


@given(
    st.sampled_from(load_searchable(SHIPPED)[0].facts),
    st.sampled_from(list(Qualifier)),
    _NUMBERS,
    _NUMBERS,
    st.sampled_from([1, 10**4, 10**8]),
    st.sampled_from(_HEDGES),
    _NUMBERS,
    st.sampled_from([1, 10**4, 10**8]),
)
@example(load_searchable(SHIPPED)[0].facts[0], Qualifier.NEARLY, Decimal(-56), Decimal(0), 1, Qualifier.OVER, Decimal(-60), 1)  # 近 before a fall: empty
def test_a_hedged_figure_finds_every_fact_whose_interval_it_overlaps(
    fact: Fact, recorded: Qualifier, value: Decimal, other: Decimal, scale: int, hedge: Qualifier, typed: Decimal, multiplier: int
) -> None:
    # Any recorded hedge (超1000亿元, 最高1亿元, a range, zero, a fall) against any typed one.
    low, high = sorted((value, other))
    figure = Figure(Kind.QUANTITY, recorded, value if recorded is not Qualifier.RANGE else None, low if recorded is Qualifier.RANGE else None,
                    high if recorded is Qualifier.RANGE else None, "亿元", scale, BaseUnit.CNY)
    fact = replace(fact, figure=figure)
    exponent = typed.as_tuple().exponent
    number = QueryNumber(typed, Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0), multiplier, None, hedge)
    found = figure_filter(Term(str(typed), "figure", number=number))
    assert found is not None
    ranges, _ = found
    if _figure_match(number, fact):
        assert any(kind == k and low <= v <= high for kind, v, *_ in figure_values(fact) for k, low, high in ranges)
    # a hedged search counts, without reading them, the facts whose filed interval lies within
    # the bounds as floats and on no edge of them (part.overlapping): each must overlap
    interval = number.interval()
    assert interval is not None and interval.low is not None
    if interval.overlaps(interval):
        top, bottom = max(high for _, _, high in ranges), float(interval.low)
        inside = [v < top and span_high > bottom for kind, v, span_high, _ in figure_values(fact)
                  if span_high is not None and any(kind == k and low <= v <= high for k, low, high in ranges)]
        if any(inside):
            assert _figure_match(number, fact)


@given(st.decimals(min_value=0, max_value=Decimal(10) ** 20, allow_nan=False, allow_infinity=False))
def test_an_interval_is_filed_under_the_least_power_of_two_it_fits(width: Decimal) -> None:
    from xmfacts.search.prepared import SPAN_LEAST, SPAN_MOST, span_class

    k = span_class(width)
    if k > SPAN_MOST:
        assert width > Decimal(2) ** SPAN_MOST
    else:
        assert width <= Decimal(2) ** k
        assert k == SPAN_LEAST or width > Decimal(2) ** (k - 1)


from ..conftest import BASIC
from .conftest import level_vocabulary
from xmfacts.search.levels import CODE_DIGITS
from xmfacts.errors import UsageError

# Characters of the fixture's facts and of queries people type, with FTS5's own syntax.
ALPHABET = "授信厦门上市公司金圆集团天马投资亿元家融资成本降低易贷廈門xinyidaltsmcopanyfund 0123456789.,%\"*():^-+"


@given(st.text(alphabet=ALPHABET, min_size=1, max_size=12))
def test_any_query_finds_the_same_through_the_index(query: str) -> None:
    base, index = load_searchable(BASIC)
    try:
        scanned = find(base, [query], index=index)
    except UsageError:
        with pytest.raises(UsageError):
            with_store(BASIC, lambda store: find_in(store, [query]))
        return
    through_index = with_store(BASIC, lambda store: find_in(store, [query]))
    expression = match_expression(parse_query([query], index), index.syllables)
    if expression is not None:  # FTS5 reads it (a query it cannot read would fall back to scoring all)
        with_store(BASIC, lambda store: store.conn.execute("SELECT count(*) FROM grams WHERE grams MATCH ?", (expression,)).fetchone())
    assert [(h.fact.full_id, h.score) for h in through_index.hits] == [(h.fact.full_id, h.score) for h in scanned.hits]
    assert (through_index.total, through_index.suggestions) == (scanned.total, scanned.suggestions)
    # with a limit, one Chinese character or pair is ranked from the index's levels
    first = with_store(BASIC, lambda store: find_in(store, [query], limit=2))
    assert [(h.fact.full_id, h.score) for h in first.hits] == [(h.fact.full_id, h.score) for h in scanned.hits[:2]]
    assert first.total == scanned.total


# ---- a base of a few thousand facts, where ties and limits matter -------------------------

import shutil

from xmfacts.factbase.load import parse_toml
from xmfacts.index.store import open_store
from xmfacts.model import FactBase
from xmfacts.search.engine import _by_level
from xmfacts.search.score import _field_by_field, _Fields, _text_score

SCALED = [
    "授信", "天马", "厦", "厦门", "银行", "上市", "思明", "贷款", "亿", "zz", "龙", "上市公司", "授信 厦门", "listed companies", "1141",
    "2011", "68家", "1141.58亿元", "29.2%", "上市公司 68", "8家", "1.58亿元",
    # hedged: facts hedged themselves too, and facts holding the figure as written
    "近1150亿", "约1100亿", "about 1,600", "近70家", "nearly 70", "不到5", "over 40 per cent", "约2011", "近3成", "超1000亿元", "约3.5%",
]


_PARSED: dict[Path, FactBase] = {}


def _same(root: Path, query: str, limit: int | None) -> None:
    base = _PARSED.get(root) or _PARSED.setdefault(root, parse_toml(root))
    scanned = find(base, query.split(), limit=limit)
    through_index = with_store(root, lambda store: find_in(store, query.split(), limit=limit))
    assert [(h.fact, h.score, h.why) for h in through_index.hits] == [(h.fact, h.score, h.why) for h in scanned.hits]
    assert (through_index.total, through_index.suggestions) == (scanned.total, scanned.suggestions)


@pytest.mark.parametrize("limit", [1, 3, 10, 40, None])
def test_thousands_of_facts_rank_the_same_through_the_index(synthetic: Path, limit: int | None) -> None:
    for query in SCALED:
        _same(synthetic, query, limit)


def test_a_common_chinese_word_reads_only_the_facts_it_shows(synthetic: Path, facts_read: list[int]) -> None:
    store = open_store(synthetic)
    index = search_part.search_index(store)
    terms = parse_query(["授信"], index)
    read = facts_read
    leveled = _by_level(store, terms, None, 10)
    assert leveled is not None
    hits, total = leveled
    assert len(hits) == 10 < total and len(read) == 10


@pytest.mark.parametrize("query", ["about 1,600", "近1150亿", "近70家"])
def test_a_hedged_figure_reads_only_the_facts_it_may_show(synthetic: Path, facts_read: list[int], query: str) -> None:
    store = open_store(synthetic)
    index = search_part.search_index(store)
    terms = parse_query(query.split(), index)
    leveled = _by_level(store, terms, None, 3)
    assert leveled is not None
    hits, total = leveled
    # the facts holding it as written and the first few of the others are read, not every one counted
    assert len(hits) == 3 < total and len(set(facts_read)) < total / 2


def _stored_counts_are_exact(root: Path) -> int:
    """Every stored count of a level word (level_counts) is the index's own, and a start marked
    whole has every level of its own stored; how many starts are marked."""
    vocabulary = level_vocabulary(root)
    conn = open_store(root).conn
    for word, n in conn.execute("SELECT word, n FROM level_counts WHERE word != '' AND n >= 0").fetchall():
        assert vocabulary.get(word, 0) == n, word
    starts = [w for (w,) in conn.execute("SELECT word FROM level_counts WHERE n = -1")]
    for start in starts:
        high = start[:-1] + chr(ord(start[-1]) + 1)
        held = {w: c for w, c in vocabulary.items() if start < w < high and c and len(w) == len(start) + CODE_DIGITS}
        stored = {w: c for w, c in conn.execute("SELECT word, n FROM level_counts WHERE word > ? AND word < ?", (start, high)) if c > 0}
        assert held == stored, start
    return len(starts)


def test_the_counts_of_common_level_words_stay_exact_as_files_change(synthetic: Path, tmp_path: Path) -> None:
    root = tmp_path / "facts"
    shutil.copytree(synthetic, root)
    assert _stored_counts_are_exact(root) > 0  # 厦门 and xiamen: more than a thousand facts each
    edited = root / "topic-0002.toml"
    text = to_simplified(edited.read_text(encoding="utf-8"))
    edited.write_text(text.replace("厦门", "漳州", 40), encoding="utf-8")  # in place
    assert _stored_counts_are_exact(root) > 0
    (root / "topic-0003.toml").unlink()  # a file gone
    assert _stored_counts_are_exact(root) > 0
    retitled = root / "topic-0001.toml"  # indexed whole again
    retitled.write_text(retitled.read_text(encoding="utf-8").replace('title = "', 'title = "厦门', 1), encoding="utf-8")
    assert _stored_counts_are_exact(root) > 0
    for query in ("厦门", "xiamen", "厦"):
        _same(root, query, 10)


def test_an_edited_file_ranks_the_same_after_it_is_indexed_again(synthetic: Path, tmp_path: Path) -> None:
    root = tmp_path / "facts"
    shutil.copytree(synthetic, root)
    edited = root / "topic-0002.toml"
    # only a file that folds alone (no traditional character: search.prepared.folds_alone) is
    # re-indexed in place, and the real facts also quote pages printed in traditional characters
    edited.write_text(to_simplified(edited.read_text(encoding="utf-8")), encoding="utf-8")
    # a full build numbers facts in fact-base order: the index lists a word's facts in that order
    store = open_store(root)
    assert store.renumbered_from() == store.last_number() + 1  # type: ignore[operator]
    text = edited.read_text(encoding="utf-8")
    # every fact of the file loses one word and gains another: its old words must leave the index
    edited.write_text(text.replace('label = "', 'label = "授信', 5).replace("授信", "授予"), encoding="utf-8")
    (root / "topic-0003.toml").unlink()
    store = open_store(root)
    # the same facts in the same order: re-indexed in place, each keeping its number
    assert store.renumbered_from() == store.last_number() + 1 == in_order_below(store.conn)  # type: ignore[operator]
    for query in ("授信", "授予", "天马", "授", "约1100亿"):
        for limit in (1, 10, None):
            _same(root, query, limit)
    # a retitled topic is numbered afresh, after every other fact
    retitled = root / "topic-0001.toml"
    retitled.write_text(retitled.read_text(encoding="utf-8").replace('title = "', 'title = "授信', 1), encoding="utf-8")
    store = open_store(root)
    assert store.renumbered_from() <= store.last_number()  # type: ignore[operator]
    # the bound each sync keeps in meta is the one the files and facts tables give
    assert store.renumbered_from() == in_order_below(store.conn)
    _PARSED.pop(root)
    for query in ("授信", "授予", "天马", "授"):
        for limit in (1, 10, None):
            _same(root, query, limit)


def test_chinese_is_scored_from_the_whole_row_as_field_by_field() -> None:
    base, index = load_searchable(SHIPPED)
    words = {w for row in index.rows for text in row[1].split("\0") for w in (text, text[:2], text[-1:], text[1:3])}
    terms = []
    for word in sorted(words):
        try:
            terms.extend(t for t in parse_query([word], index) if t.kind in {"chinese", "literal"})
        except UsageError:  # only question words
            continue
    assert len(terms) > 100
    for row in index.rows:
        fields = _Fields(row)
        for term in terms:
            assert _text_score(term, fields) == _field_by_field(term, fields)


def test_each_chinese_word_is_filed_with_the_points_it_scores() -> None:
    from xmfacts.search.prepared import _LEVEL_MARK, _level_words
    from xmfacts.search import Term

    _, index = load_searchable(SHIPPED)
    checked = 0
    for row in index.rows:
        words = _level_words(row[0], row[1].split("\0"))
        plain = {w for w in words if _LEVEL_MARK not in w}
        leveled = dict(w.split(_LEVEL_MARK) for w in words if _LEVEL_MARK in w)
        assert set(leveled) == plain
        for gram, code in leveled.items():
            score, _ = _text_score(Term(gram, "chinese"), _Fields(row))
            assert (99999 - int(code)) / 1000 == round(score, 3) > 0
            checked += 1
    assert checked > 5000
