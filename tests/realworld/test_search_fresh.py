"""Issue 25's fresh reporter queries (tests/realworld/search_fresh_*.toml), run against the
shipped fact base: each category of each half must keep at least 90 % of its queries with one
of their facts in the top 3. The frozen half was committed before search was tuned for the
issue and is never tuned on; a query search gets wrong stays in the set.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from xmfacts.search import search
from xmfacts.search.index_part import load_searchable

HERE = Path(__file__).parent

# Measured before issue 25 (tune / frozen, of 4 each): simplified 0 / 1, traditional 0 / 3,
# pinyin 1 / 1, english 3 / 3, question 2 / 3, figure 2 / 2; after it, 4 of 4 in every one.
AT_LEAST = 0.9


@pytest.mark.parametrize("half", ["search_fresh_tune.toml", "search_fresh_frozen.toml"])
def test_fresh_queries_find_their_fact_in_the_top_3_in_every_category(half: str) -> None:
    queries = tomllib.loads((HERE / half).read_text(encoding="utf-8"))["query"]
    assert len(queries) == 24
    base, index = load_searchable(HERE.parents[1] / "facts")
    asked: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for q in queries:
        top = [h.fact.full_id for h in search(base, q["query"].split(), limit=3, index=index)]
        asked[q["kind"]] += 1
        found[q["kind"]] += bool(set(top) & set(q["expect"]))
    assert set(asked) == {"simplified", "traditional", "pinyin", "english", "question", "figure"}
    low = {kind: f"{found[kind]} of {asked[kind]}" for kind in asked if found[kind] < AT_LEAST * asked[kind]}
    assert not low, low
