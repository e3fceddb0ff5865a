"""A one-word search (a Chinese word of three or four characters, an English word, a pinyin
word of one to four syllables) reads its best facts from the words filed with their points
(``search.levels``), and finds exactly what scoring every fact finds: the same hits, scores,
explanations and count.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

import xmfacts.search.engine as engine
from xmfacts.errors import UsageError
from xmfacts.factbase.load import parse_toml
from xmfacts.index.store import open_store, with_store
from xmfacts.model import FactBase
from xmfacts.search import Term, find, find_in
from xmfacts.search.index_part import load_searchable
from xmfacts.search.levels import BOTH_MARK, PINYIN_MARK, WORD_MARK, level_words, may_level, points_of, word_term
from xmfacts.search.prepared import _LEVEL_MARK
from xmfacts.search.query import _syllable_pattern
from xmfacts.search.score import _Fields, _term_score, _text_score
from xmfacts.search.words import _SEP
from xmfacts.text import stem as stem_of

from .conftest import level_vocabulary

SHIPPED = Path(__file__).parents[2] / "facts"
ONE_WORD = [
    "上市公司", "上市公", "科学城", "信易贷", "股权投资", "技术企业", "listed", "investment", "invest", "companies", "bank",
    "deposit", "loan", "list", "ipo", "venture", "display", "credit", "rmb", "hydrogen", "electrolyser", "firms",
]


def _same(root: Path, base: FactBase, query: str, limit: int | None) -> bool:
    """Whether the search through the index equals scoring every fact; True when it was
    answered from the levels."""
    answered: list[bool] = []
    real = engine._by_level

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        found = real(*args, **kwargs)
        answered.append(found is not None)
        return found

    engine._by_level = spy  # type: ignore[assignment]
    try:
        through_index = with_store(root, lambda store: find_in(store, query.split(), limit=limit))
    finally:
        engine._by_level = real  # type: ignore[assignment]
    scanned = find(base, query.split(), limit=limit)
    assert [(h.fact, h.score, h.why) for h in through_index.hits] == [(h.fact, h.score, h.why) for h in scanned.hits], query
    assert (through_index.total, through_index.suggestions) == (scanned.total, scanned.suggestions), query
    return any(answered)


@pytest.mark.parametrize("limit", [1, 3, 10, 40])
def test_one_word_ranks_the_same_from_its_levels(synthetic: Path, limit: int) -> None:
    base = parse_toml(synthetic)
    leveled = {query for query in ONE_WORD if _same(synthetic, base, query, limit)}
    # every one of them is read from its levels (a word found only by its pinyin would not be)
    assert leveled == set(ONE_WORD)


# Pinyin words of the synthetic base: typed plain, with tone marks and with tone numbers; one
# that is also English of a fact (xiamen), entries of synonyms.txt (yuan, renminbi), a stem
# that is not its letters (xinxing: xinx), a run inside a longer word (shigong of shang'shi'gong'si).
PINYIN = [
    "xinyidai", "xiamen", "shangshi", "shangshigongsi", "shigong", "tianma", "jinyuan", "xinxing", "yuan", "renminbi",
    "xìnyìdài", "xin4yi4dai4", "shang4shi4", "Xiàmén",
]


@pytest.mark.parametrize("limit", [1, 3, 10, 40])
def test_a_pinyin_word_ranks_the_same_from_its_levels(synthetic: Path, limit: int) -> None:
    base = parse_toml(synthetic)
    leveled = {query for query in PINYIN if _same(synthetic, base, query, limit)}
    assert leveled == set(PINYIN)


def test_longer_pinyin_and_words_of_two_letters_are_scored_as_before(synthetic: Path) -> None:
    base = parse_toml(synthetic)
    # five syllables and more are not filed; two letters have no word start to find
    for query in ("xiamenshangshigongsi", "shangshigongsishuliang", "vc", "pe", "上市公司 68", "listed companies", "xyd"):
        assert not _same(synthetic, base, query, 10), query


def _fact(n: int, label: str, label_en: str, tags: list[str], quote: str = "数据") -> dict[str, object]:
    return {
        "id": f"f{n}", "label": label, "label_en": label_en, "value": n + 1, "unit": "家", "qualifier": "exact", "entity": "某公司",
        "source": "xiamen-practice", "quote": f"{quote}{n + 1}家", "tags": tags,
    }


# Each kind of holder of a pinyin word, three times over so that limits cut through ties.
HOLDERS = [
    ("平台贷款", "Xinyidai loans", ["贷款"], "数据"),  # the word in English only
    ("信易贷平台", "Credit platform", ["平台"], "数据"),  # in pinyin only
    ("信易贷", "Xinyidai", ["信易贷", "xinyidai"], "数据"),  # both, in the same fields
    ("贷款平台", "Loans", ["贷款"], "信易贷的数据"),  # pinyin in the quote only
    ("平台", "Xinyidaiplus app", ["平台"], "数据"),  # only a word it starts
    ("信易贷", "Xinyidaiplus", ["平台"], "数据"),  # a word it starts, and the pinyin
    ("新兴产业", "Emerging industries", ["产业"], "数据"),  # xinxing, whose stem is xinx, in pinyin
    ("产业", "Xinxing district", ["产业"], "数据"),  # … in English
    ("新型显示", "Xinxings", ["新兴"], "数据"),  # … both, English in another form of the stem
    ("人民公社", "Gongshe", ["公社"], "数据"),  # gongshe, whose stem is gongsh
    ("人民币存款", "Deposits", ["存款"], "数据"),  # renminbi, an entry of synonyms.txt, in pinyin
    ("存款", "RMB deposits", ["存款"], "数据"),  # … and its synonym
]


@pytest.fixture(scope="module")
def holders(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("holders") / "facts"
    root.mkdir()
    shutil.copy(Path(__file__).parents[1] / "fixtures" / "basic" / "sources.toml", root / "sources.toml")
    facts = [_fact(n, *HOLDERS[n % len(HOLDERS)]) for n in range(3 * len(HOLDERS))]
    for part in range(2):  # two files: fact-base order runs across them
        body = {"topic": {"title": f"测试{part}", "title_en": f"Test {part}"}, "fact": facts[part::2]}
        (root / f"topic-{part}.toml").write_text(tomli_w.dumps(body), encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "query",
    ["xinyidai", "xìnyìdài", "xin4yi4dai4", "Xinyidai", "xinyi", "yidai", "daiping", "xinxing", "xīnxīng", "xin1xing1", "gongshe", "renminbi", "yuan", "shuju"],
)
def test_a_pinyin_word_held_in_english_pinyin_or_both(holders: Path, query: str) -> None:
    base = parse_toml(holders)
    for limit in (1, 2, 4, 7, 100):
        assert _same(holders, base, query, limit), (query, limit)


def test_a_pinyin_word_counts_each_fact_once(holders: Path) -> None:
    result = with_store(holders, lambda store: find_in(store, ["xinyidai"], limit=2))
    # in English only, pinyin only, both, the quote, a word it starts, both again: six kinds, three of each
    assert result.total == 18 == find(parse_toml(holders), ["xinyidai"]).total


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_any_run_of_syllables_ranks_the_same_from_its_levels(data: st.DataObject) -> None:
    """A run of syllables of some fact of the shipped base, typed plain or with tone numbers:
    read from the levels (up to four syllables) or scored, the same hits either way."""
    base, index = load_searchable(SHIPPED)
    words = sorted({w for row in index.rows for w in row[3].replace(_SEP, " ").split()})
    syllables = data.draw(st.sampled_from(words)).split("'")
    start = data.draw(st.integers(0, len(syllables) - 1))
    run = syllables[start : start + data.draw(st.integers(1, 6))]
    typed = "".join(f"{s}{data.draw(st.sampled_from(['', '1', '4']))}" for s in run) if data.draw(st.booleans()) else "".join(run)
    limit = data.draw(st.sampled_from([1, 2, 5, 30]))
    try:
        scanned = find(base, [typed], limit=limit, index=index)
    except UsageError:
        # a syllable that is an English question word alone (an, who): both ways refuse it
        with pytest.raises(UsageError):
            with_store(SHIPPED, lambda store: find_in(store, [typed], limit=limit))
        return
    through_index = with_store(SHIPPED, lambda store: find_in(store, [typed], limit=limit))
    assert [(h.fact, h.score, h.why) for h in through_index.hits] == [(h.fact, h.score, h.why) for h in scanned.hits]
    assert (through_index.total, through_index.suggestions) == (scanned.total, scanned.suggestions)


def test_a_common_word_reads_only_the_facts_it_shows(synthetic: Path, facts_read: list[int]) -> None:
    store = open_store(synthetic)
    read = facts_read
    for query in ("上市公司", "investment", "companies"):
        read.clear()
        result = find_in(store, [query], limit=10)
        assert len(result.hits) == 10 < result.total
        assert len(read) <= 10 + 1000, query  # the shown, and the facts holding only words it starts
    for query in ("xiamen", "shangshi", "xinyidai"):
        read.clear()
        result = find_in(store, [query], limit=10)
        assert len(result.hits) == 10 < result.total
        # the first ten of its pinyin levels and of its English ones, then the ten shown (no
        # fact here holds a longer word these start)
        assert 0 < len(read) <= 10 + 10 + 10, query


def test_each_fact_is_filed_with_the_points_each_word_scores() -> None:
    _, index = load_searchable(SHIPPED)
    checked = 0
    for row in index.rows:
        pieces = level_words(row).split()
        filed = [w for w in pieces if PINYIN_MARK not in w and BOTH_MARK not in w]
        chinese = {w.split(_LEVEL_MARK)[0]: points_of(w, w.split(_LEVEL_MARK)[0] + _LEVEL_MARK) for w in filed if WORD_MARK not in w}
        english = {w.split(WORD_MARK)[0]: points_of(w, w.split(WORD_MARK)[0] + WORD_MARK) for w in filed if WORD_MARK in w}
        assert len(chinese) + len(english) == len(filed)  # each word once
        assert len(pieces) == len(set(pieces))
        folded = row[1].split(_SEP)
        runs = {text[i : i + size] for text in folded for size in (3, 4) for i in range(len(text) - size + 1)}
        assert set(chinese) == {g for g in runs if all("\u3400" <= c <= "\u9fff" for c in g)}
        for gram, points in chinese.items():
            assert round(_text_score(Term(gram, "chinese"), _Fields(row))[0], 3) == points > 0
            checked += 1
        stems = {s for s in row[2].replace(_SEP, " ").split() if may_level(s)}
        assert stems <= set(english)  # every stem, and the words of synonyms.txt matched otherwise
        for stem, points in english.items():
            assert round(_term_score(word_term(stem), _Fields(row), lambda: None)[0], 3) == points > 0  # type: ignore[arg-type,return-value]
            checked += 1
        pinyin = {w.split(PINYIN_MARK)[0]: points_of(w, w.split(PINYIN_MARK)[0] + PINYIN_MARK) for w in pieces if PINYIN_MARK in w}
        both = {w.removesuffix(BOTH_MARK) for w in pieces if BOTH_MARK in w}
        # every run of one to four whole syllables of one pinyin word, of three letters or more
        runs = {
            "".join(syllables[i : i + size])
            for word in row[3].replace(_SEP, " ").split()
            for syllables in [word.split("'")]
            for size in range(1, 5)
            for i in range(len(syllables) - size + 1)
        }
        assert set(pinyin) == {r for r in runs if len(r) >= 3}
        assert both == {letters for letters in pinyin if stem_of(letters) in english}
        for letters, points in pinyin.items():
            term = word_term(stem_of(letters))  # a search for the letters, without initials (none is filed as initials here)
            term.pinyin, term.letters = _syllable_pattern(letters), letters
            assert round(_term_score(term, _Fields(row), lambda: None)[0], 3) == points > 0  # type: ignore[arg-type,return-value]
            checked += 1
    assert checked > 5000


def test_an_edited_file_leaves_no_level_behind(synthetic: Path, tmp_path: Path) -> None:
    root = tmp_path / "facts"
    shutil.copytree(synthetic, root)
    open_store(root)
    # in place: every fact of a file loses a word and gains another
    edited = root / "topic-0002.toml"
    edited.write_text(edited.read_text(encoding="utf-8").replace('label = "', 'label = "上市公司 listing ', 5).replace("上市", "上线"), encoding="utf-8")
    (root / "topic-0003.toml").unlink()
    retitled = root / "topic-0001.toml"  # re-indexed whole
    retitled.write_text(retitled.read_text(encoding="utf-8").replace('title = "', 'title = "investment ', 1), encoding="utf-8")
    after_edits = level_vocabulary(root)
    fresh = tmp_path / "fresh"
    shutil.copytree(root, fresh)
    assert after_edits == level_vocabulary(fresh)
    base = parse_toml(root)
    for query in ("上市公司", "上线公司", "investment", "listing", "list", "shangshi", "shangxian", "xiamen"):
        for limit in (1, 10):
            assert _same(root, base, query, limit)


def test_an_index_filed_with_other_synonyms_is_filed_again() -> None:
    from xmfacts.search.index_part import PART
    from xmfacts.search.levels import digest
    from xmfacts.search.prepared import INDEX_VERSION

    assert PART.version == f"{INDEX_VERSION}-{digest()}"
    assert isinstance(sqlite3.sqlite_version, str)
