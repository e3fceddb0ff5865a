"""A search for one figure (1141, 68家, 1141.58亿元, 40 per cent) reads its best facts from the
figures filed with their points (``search.figlevels``), and finds exactly what scoring every
fact finds: the same hits, scores, explanations and count; a figure without levels (hedged,
more decimals than are filed) is scored as before, with the same output.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

import xmfacts.search.engine as engine
from xmfacts.factbase.load import parse_toml
from xmfacts.index.store import open_store, with_store
from xmfacts.model import FactBase, Kind
from xmfacts.search import find, find_in
from xmfacts.search.figlevels import CODE_MARK, FIGURE_MARK, bare_term, figure_level_words
from xmfacts.search.index_part import load_searchable
from xmfacts.search.levels import points_of
from xmfacts.search.score import _Fields, _term_score

from .conftest import level_vocabulary

SHIPPED = Path(__file__).parents[2] / "facts"

# Figures as a reporter types them: bare, with a unit in Chinese or English, written apart,
# hedged (scored as before), a year, a percentage, more decimals than are filed.
FIXED = [
    "68家", "1141", "1141.58亿元", "1141.58 亿元", "1141亿", "近1150亿", "超1000亿元", "约70家", "40 per cent", "40%", "2011",
    "2011年", "114.2 billion yuan", "rmb 114.2 billion", "70家", "29.2%", "0.5", "3成", "1.5万亿", "about 1,600", "8家",
    "1141.580", "068家", "0", "12", "2023", "5.4", "100", "1亿元",
]


def _answered(root: Path, base: FactBase, query: str, limit: int | None) -> bool:
    """Whether the search through the index equals the search that scores every candidate
    (and, when answered from the levels, scoring every fact); True when it was answered from
    the levels."""
    answered: list[bool] = []
    real = engine._by_figure_level

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        found = real(*args, **kwargs)
        answered.append(found is not None)
        return found

    engine._by_figure_level = spy  # type: ignore[assignment]
    try:
        through_levels = with_store(root, lambda store: find_in(store, query.split(), limit=limit))
        engine._by_figure_level = lambda *args, **kwargs: None  # type: ignore[assignment]
        scored = with_store(root, lambda store: find_in(store, query.split(), limit=limit))
    finally:
        engine._by_figure_level = real  # type: ignore[assignment]
    compared = [scored, find(base, query.split(), limit=limit)] if any(answered) else [scored]
    for other in compared:
        assert [(h.fact, h.score, h.why) for h in through_levels.hits] == [(h.fact, h.score, h.why) for h in other.hits], query
        assert (through_levels.total, through_levels.suggestions, through_levels.unmatched) == (
            other.total, other.suggestions, other.unmatched,
        ), query
    return any(answered)


def _typed(base: FactBase, count: int, seed: int) -> list[str]:
    """Figures of the base as a search may type them: printed, with its unit, in base units,
    rounded, and as its quotes and labels write them (68家, 1141.58亿元)."""
    rng = random.Random(seed)
    facts = rng.sample(list(base.facts), count)
    out: list[str] = []
    for fact in facts:
        figure = fact.figure
        if figure.kind is Kind.DATE:
            out.append((figure.date or "2020")[:4] + rng.choice(["", "年"]))
            continue
        n = figure.value if figure.value is not None else figure.lower
        if n is None:
            continue
        out.append(str(n))
        out.append(str(round(n)))
        if figure.unit:
            out.append(f"{n}{figure.unit}")
            out.append(f"{n} {figure.unit}")
        if figure.scale and figure.scale != 1:
            out.append(str(n * figure.scale))
        tokens = re.findall(r"\d+(?:\.\d+)?[\u4e00-\u9fff]{1,3}", f"{fact.quote} {fact.label}")
        out.extend(rng.sample(tokens, min(2, len(tokens))))
    return list(dict.fromkeys(out))


@pytest.mark.parametrize("limit", [1, 3, 10, 40])
def test_a_figure_ranks_the_same_from_its_levels(synthetic: Path, limit: int) -> None:
    base = parse_toml(synthetic)
    queries = FIXED + _typed(base, 40, limit)
    leveled = {query for query in queries if _answered(synthetic, base, query, limit)}
    assert {"68家", "1141", "1141.58亿元", "40 per cent", "2011", "2011年", "70家"} <= leveled
    # a hedged figure, one of more decimals than are filed or with leading zeros: as before
    assert not leveled & {"近1150亿", "超1000亿元", "约70家", "about 1,600", "1141.580", "0"}
    assert len(leveled) > len(queries) / 2


def test_a_figure_reads_only_the_facts_it_shows(synthetic: Path, facts_read: list[int]) -> None:
    store = open_store(synthetic)
    for query in ("68家", "2011", "40 per cent"):
        facts_read.clear()
        result = find_in(store, [query], limit=10)
        assert 0 < len(result.hits), query
        # the first ten of each of its lists (a unit's, facts without one, the token as
        # written), then the ten shown
        assert len(facts_read) <= 10 * 4, (query, len(facts_read))


def test_each_fact_is_filed_with_the_points_each_bare_number_scores() -> None:
    base, index = load_searchable(SHIPPED)
    checked = 0
    for fact, row in zip(base.facts, index.rows):
        words = figure_level_words(row, fact.figure)
        assert len(words) == len(set(words))
        for word in words:
            key, mark, _ = word.partition(CODE_MARK)
            body = key.removeprefix(FIGURE_MARK)
            if mark and body.replace("p", "").isdigit():
                number = body.replace("p", ".")
                term = bare_term(number)
                assert term is not None
                assert round(_term_score(term, _Fields(row), lambda: fact)[0], 3) == points_of(word, key + CODE_MARK) > 0  # noqa: B023
                checked += 1
        if fact.figure.value is not None and fact.figure.value == fact.figure.value.to_integral_value() and fact.figure.value > 0:
            assert f"{FIGURE_MARK}{int(fact.figure.value)}{CODE_MARK}" in " ".join(words) + " "
    assert checked > 500


def test_an_edited_figure_leaves_no_level_behind(synthetic: Path, tmp_path: Path) -> None:
    root = tmp_path / "facts"
    shutil.copytree(synthetic, root)
    open_store(root)
    # in place: figures and quotes change, a fact goes; another file is removed
    edited = root / "topic-0002.toml"
    text = edited.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^value = (\d+)", lambda m: f"value = {int(m.group(1)) + 7}", text, count=20)
    text = text.replace('quote = "', 'quote = "共有68家，合计1141.58亿元。', 10)
    edited.write_text(text, encoding="utf-8")
    (root / "topic-0003.toml").unlink()
    after_edits = level_vocabulary(root)
    fresh = tmp_path / "fresh"
    shutil.copytree(root, fresh)
    assert after_edits == level_vocabulary(fresh)
    base = parse_toml(root)
    for query in ("68家", "1141.58亿元", "1141", "68", "40 per cent", "2011"):
        for limit in (1, 10):
            _answered(root, base, query, limit)
