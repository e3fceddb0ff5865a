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

from xmfacts.factbase.load import load_searchable
from xmfacts.factbase.store import with_store
from xmfacts.search import find, find_in, match_expression, parse_query

SHIPPED = Path(__file__).parents[2] / "facts"
HOLD_OUT = tomllib.loads((Path(__file__).parents[1] / "realworld" / "search_queries.toml").read_text(encoding="utf-8"))["query"]
MORE = [
    "授信", "天马", "厦", "信易贷", "厦门上市公司", "上市 公司", "listed companies", "listed firms", "IPOs", "hydro",
    "venture capital funds", "xinyidai", "shang shi gong si", "xyd", "gxjsqy", "jinyuan", "tianma", "1141", "1141.58亿",
    "68家", "40%", "114.2 billion yuan", "廈門 上市公司", "厦门有多少家上市公司", "how many listed companies", "%",
    "信易代", "融资成本降低", "zzzz", "科技 xinyidai 1141",
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
    assert match_expression(parse_query(["1141"], index), index.syllables) is None  # figures: every fact is scored


from hypothesis import given
from hypothesis import strategies as st

from ..conftest import BASIC
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
