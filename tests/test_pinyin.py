"""xmfacts.pinyin reads a run as pypinyin's lazy_pinyin does, word by remembered word."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from pypinyin import Style, lazy_pinyin

from xmfacts import pinyin

FACTS = Path(__file__).resolve().parents[1] / "facts"


def _reference(run: str) -> list[str]:
    return lazy_pinyin(run, style=Style.NORMAL, errors=lambda chars: ["" for _ in chars])


def _convert(run: str) -> list[str]:
    convert = pinyin._converter()
    assert convert is not None
    return convert(run)


def test_every_run_of_the_fact_base_reads_as_lazy_pinyin_reads_it() -> None:
    runs = {run for path in FACTS.glob("*.toml") for run in pinyin.cjk_runs(path.read_text(encoding="utf-8"))}
    assert len(runs) > 100
    for run in sorted(runs):
        assert _convert(run) == _reference(run), run


# Characters of the fact base (so phrases of pypinyin's table occur) and any of the ranges a run
# is made of, including characters pypinyin has no reading for.
_BASE_CHARS = sorted({c for path in FACTS.glob("*.toml") for run in pinyin.cjk_runs(path.read_text(encoding="utf-8")) for c in run})
_ANY_CJK = st.characters(min_codepoint=0x3400, max_codepoint=0x9FFF) | st.characters(min_codepoint=0xF900, max_codepoint=0xFAFF)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_BASE_CHARS) | _ANY_CJK, min_size=1, max_size=12).map("".join))
def test_a_run_reads_as_lazy_pinyin_reads_it(run: str) -> None:
    assert _convert(run) == _reference(run)
    # again, now that its words are remembered
    assert _convert(run) == _reference(run)


def test_a_reading_depends_on_the_words_around_it() -> None:
    assert _convert("银行行业") == ["yin", "hang", "hang", "ye"]
    assert pinyin.syllable_runs("厦门绿色金融") == [("xia", "men", "lv", "se", "jin", "rong")]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_BASE_CHARS) | _ANY_CJK, min_size=1, max_size=12).map("".join))
def test_a_run_is_cut_into_the_words_pypinyin_cuts_it_into(run: str) -> None:
    from pypinyin.constants import PHRASES_DICT
    from pypinyin.seg import mmseg

    cut = pinyin._phrase_cut(mmseg.seg, PHRASES_DICT)
    assert cut is not mmseg.seg.cut  # the fast loop, not pypinyin's own
    assert list(cut(run)) == list(mmseg.seg.cut(run))
    # a run ending in the start of a phrase that is no phrase: one character at a time
    prefixes = mmseg.seg._prefix_set._set
    for prefix in ("银行业务" + run, run + "中华人民共和", "中华人民共和国" + run):
        assert list(cut(prefix)) == list(mmseg.seg.cut(prefix))
    assert any(p not in PHRASES_DICT and len(p) > 1 for p in list(prefixes)[:1000])


def test_pypinyins_tables_are_left_out_of_garbage_collection() -> None:
    # they live as long as the process; walking them at each full collection slows a build
    import gc

    pinyin._converter.cache_clear()
    gc.unfreeze()
    assert pinyin._converter() is not None
    assert gc.get_freeze_count() > 100_000
