"""Pinyin of the fact base's Chinese, for people who type 'xinyidai' for 信易贷.

Used only when the fact base is compiled (``xmfacts.search.prepared.prepare``, when a file is indexed):
importing pypinyin costs 140–230 ms and converting a fact ~200 µs (shared/NOTES.md), so a
lookup never imports this module's dependency. Its output is stored in the cache as plain
strings, which ``xmfacts.search`` matches with no pinyin library at all.

Syllables are toneless and lower case, ü written ``v`` (lv for 绿) as on a keyboard without
a Chinese input method. A field's pinyin keeps its syllable boundaries (``xia'men``) so that
a query matches whole syllables only: 'tianma' finds 天马 (tian'ma) and not 天帽子
(tian'mao'zi). Runs of Chinese separated by anything else are separated by a space, so a
query never matches across them.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache, lru_cache
from typing import Any, cast

from xmfacts.text import CJK_CLASS

SYLLABLE_JOINER = "'"
RUN_JOINER = " "
INITIALS_MIN_CHARS = 3  # 'xyd' for 信易贷; two letters (sx for 授信) would hit half the fact base


@cache
def _converter() -> Callable[[str], list[str]] | None:
    try:
        from pypinyin import Style, lazy_pinyin
    except ImportError:  # installed without its dependencies: search works, without pinyin
        return None
    try:
        from pypinyin.constants import PHRASES_DICT, RE_HANS
        from pypinyin.converter import UltimateConverter
        from pypinyin.core import Pinyin
        from pypinyin.seg import mmseg
    except ImportError:  # a pypinyin whose insides moved: the same readings, unremembered
        return lambda run: lazy_pinyin(run, style=Style.NORMAL, errors=lambda chars: ["" for _ in chars])

    # What lazy_pinyin(run, style=Style.NORMAL) does (pypinyin.core.lazy_pinyin: cut the run
    # into its phrase table's words, then read each word), with each word's reading
    # remembered: a word reads the same wherever it stands, and words repeat across a base far
    # more than whole runs do. A whole run is cut at a time, so the phrase table picks the
    # reading in context (银行 yin hang, 行业 hang ye).
    converter = UltimateConverter()
    reader = Pinyin(converter)

    def no_reading(chars: str) -> list[str]:
        return ["" for _ in chars]

    @lru_cache(maxsize=1 << 15)
    def word(text: str) -> tuple[str, ...]:
        return tuple(s for item in converter.convert(text, Style.NORMAL, False, no_reading, strict=True) for s in item)

    cut = _phrase_cut(mmseg.seg, PHRASES_DICT)
    # pypinyin's tables are some 200,000 lists and dicts that live as long as the process:
    # set aside from the garbage collector, which otherwise walks them all at each of its full
    # passes while a big base is indexed (a fiftieth of a first build's time).
    gc.freeze()

    def convert(run: str) -> list[str]:
        # A run all of whose characters pypinyin reads is cut as one piece (what reader.seg
        # does, without testing it character by character).
        words = cut(run) if PHRASES_DICT and RE_HANS.match(run) else reader.seg(run)
        return [s for w in words for s in word(w)]

    return convert


def _phrase_cut(seg: Any, phrases: Mapping[str, Any]) -> Callable[[str], Iterable[str]]:
    """pypinyin's cut of a run into its phrase table's words (mmseg.Seg.cut, strict: the longest
    phrase at each point, else one character), as a plain loop over its prefix set: the same
    words, for a third of the time its generator and method calls take, which building the
    index of a big base spends on every label and quote. pypinyin's own, if it changes."""
    prefixes = getattr(getattr(seg, "_prefix_set", None), "_set", None)
    if getattr(seg, "_no_non_phrases", None) is not True or not isinstance(prefixes, set):
        return cast("Callable[[str], Iterable[str]]", seg.cut)

    def cut(text: str) -> list[str]:
        words: list[str] = []
        remain = text
        while remain:
            last = 0  # length of the longest phrase starting here
            for end in range(1, len(remain) + 1):
                word = remain[:end]
                if word not in prefixes:
                    break
                if word in phrases:
                    last = end
            else:
                if not last:  # the rest is the start of a phrase, not one: a character at a time
                    words.extend(remain)
                    break
            if last:
                words.append(remain[:last])
                remain = remain[last:]
            else:
                words.append(remain[0])
                remain = remain[1:]
        return words

    return cut


def available() -> bool:
    return _converter() is not None


def cjk_runs(text: str) -> list[str]:
    """The maximal runs of Chinese characters in text: 'A股上市公司（厦门）' → ['股上市公司', '厦门']."""
    return _cjk_run().findall(text)


@cache
def _cjk_run() -> re.Pattern[str]:
    # A regex, not a loop over is_cjk: indexing a large base calls this for every field.
    return re.compile(f"[{CJK_CLASS}]+")


@lru_cache(maxsize=1 << 14)
def run_syllables(run: str) -> tuple[tuple[str, ...], ...]:
    """One run's syllables, split wherever a character has no reading (it breaks the run).

    Cached: tags, measures and entities repeat across facts, and pypinyin takes ~0.3 ms a run;
    bounded, because a million facts' quotes would otherwise all stay in memory.
    """
    convert = _converter()
    if convert is None:
        return ()
    pieces: list[list[str]] = [[]]
    for syllable in convert(run):
        clean = _letters(syllable)
        if clean:
            pieces[-1].append(clean)
        elif pieces[-1]:
            pieces.append([])
    return tuple(tuple(p) for p in pieces if p)


@lru_cache(maxsize=4096)  # a few hundred syllables, read again for every run
def _letters(syllable: str) -> str:
    return "".join(c for c in syllable.lower() if "a" <= c <= "z")


def syllable_runs(text: str) -> list[tuple[str, ...]]:
    """Every run of Chinese in text as its syllables: '厦门，信易贷' → [('xia', 'men'), ('xin', 'yi', 'dai')]."""
    return [piece for run in cjk_runs(text) for piece in run_syllables(run)]


def spelled(runs: list[tuple[str, ...]]) -> str:
    """Runs as stored for matching: "xia'men xin'yi'dai"."""
    return RUN_JOINER.join(SYLLABLE_JOINER.join(run) for run in runs)


def initials(runs: list[tuple[str, ...]]) -> list[str]:
    """First letters of every run of three characters or more: 信易贷 → 'xyd'."""
    return ["".join(s[0] for s in run) for run in runs if len(run) >= INITIALS_MIN_CHARS]
