"""Text as search compares it: folded (NFKC, traditional to simplified, case, thousands
separators), English stemmed, and the synonyms a curator lists in ``synonyms.txt``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from xmfacts.text import fold, stem

if TYPE_CHECKING:
    pass


_SEP = "\0"  # between a fact's fields in the index; fact text never holds control characters


_FACT_SEP = "\1"  # between facts, while the whole base is folded at once


_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")


_DIGIT_RUN = re.compile(r"\d+")


_WORD = re.compile(r"[a-z0-9]+")


def normalize(text: str) -> str:
    """The one normaliser (``xmfacts.text.fold``: NFKC, traditional → simplified, case), and
    thousands separators dropped so 1,141.58 and 1141.58 meet."""
    return _THOUSANDS.sub("", fold(text))


def _normalize_query(text: str, stable: frozenset[str]) -> str:
    """``normalize``, without loading the traditional-Chinese table when it cannot change a thing.

    fold changes a character only if it is in the table (as a character or a phrase's first);
    ``stable`` holds the fact base's characters that are not (SearchIndex.stable). A query made
    of those, as most are, folds to NFKC and casefold alone: the same result, without the
    ~1.7 ms of loading a 4,000-character table on every run.
    """
    nfkc = unicodedata.normalize("NFKC", text)
    if all(c in stable for c in nfkc if not c.isascii()):
        return _THOUSANDS.sub("", nfkc.casefold())
    return normalize(text)


def split_query(words: Sequence[str], stable: frozenset[str] = frozenset()) -> list[str]:
    """Query words from the command line; '天马 投资' as one argument is two words."""
    return [w for part in words for w in _normalize_query(part, stable).split()]


@lru_cache(maxsize=1 << 14)  # bounded: building an index passes every field of the base through here
def english_words(text: str) -> list[str]:
    # "Fujian's" is Fujian; "Xiang'an" stays two words, as the query's own will.
    return _WORD.findall(text.replace("'s ", " ").replace("’s ", " ").removesuffix("'s").removesuffix("’s"))


def stems(text: str) -> str:
    """A field's English as space-padded stems (" company list on domest exchang "), so a
    phrase is found with one substring search and only at word boundaries."""
    words = english_words(text)
    return f" {' '.join(stem(w) for w in words)} " if words else ""


@cache
def synonym_groups() -> tuple[tuple[str, ...], ...]:
    """The groups of synonyms.txt, each member folded as written ("company", "initial public offering")."""
    path = Path(__file__).with_name("synonyms.txt")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:  # a trimmed install: English still matches, without synonyms
        return ()
    groups = []
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("="):  # a = line spells one word (``spellings``): no synonyms
            groups.append(tuple(m for m in (fold(m).strip() for m in line.split(",")) if m))
    return tuple(groups)


@cache
def synonyms() -> dict[str, tuple[str, ...]]:
    """Each stemmed word or phrase of synonyms.txt → the other members of its groups."""
    table: dict[str, list[str]] = {}
    for group in synonym_groups():
        members = [m for m in dict.fromkeys(stems(m) for m in group) if m]
        for m in members:
            known = table.setdefault(m, [])
            known.extend(o for o in members if o != m and o not in known)
    return {k: tuple(v) for k, v in table.items()}


@cache
def chinese_synonyms() -> dict[str, tuple[str, ...]]:
    """Each folded word of synonyms_zh.txt → the other members of its groups, in the order listed."""
    path = Path(__file__).with_name("synonyms_zh.txt")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:  # a trimmed install: Chinese still matches as typed
        return {}
    table: dict[str, list[str]] = {}
    for line in lines:
        line = line.split("#", 1)[0]
        if "=>" in line:  # what a word asks of a figure (figure_kinds), not a group
            continue
        members = [m for m in dict.fromkeys(normalize(m).strip() for m in line.replace("，", ",").split(",")) if m]
        for m in members:
            known = table.setdefault(m, [])
            known.extend(o for o in members if o != m and o not in known)
    return {k: tuple(v) for k, v in table.items()}


@cache
def spelling_groups() -> tuple[tuple[str, ...], ...]:
    """The groups of synonyms.txt marked ``=`` (spellings of one word: R&D, R and D), each
    member folded as written. check reads English through them too: one list for both."""
    path = Path(__file__).with_name("synonyms.txt")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return ()
    groups = []
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line.startswith("="):
            groups.append(tuple(m for m in dict.fromkeys(fold(m).strip() for m in line[1:].split(",")) if m))
    return tuple(groups)


@cache
def spellings() -> dict[str, tuple[str, ...]]:
    """English spellings of one word (a group in synonyms.txt marked ``=``): each stemmed member
    → the others. Unlike a synonym, a spelling scores as the word typed (R&D and R and D)."""
    table: dict[str, list[str]] = {}
    for group in spelling_groups():
        members = [m for m in dict.fromkeys(stems(m) for m in group) if m]
        for m in members:
            known = table.setdefault(m, [])
            known.extend(o for o in members if o != m and o not in known)
    return {k: tuple(v) for k, v in table.items()}


@cache
def figure_kinds() -> dict[str, frozenset[str]]:
    """Each folded word of a ``WORDS => KINDS`` line of synonyms_zh.txt → the kinds of figure
    it asks for: base units (``BaseUnit`` values) or ``date``."""
    path = Path(__file__).with_name("synonyms_zh.txt")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    table: dict[str, set[str]] = {}
    for line in lines:
        line = line.split("#", 1)[0]
        if "=>" not in line:
            continue
        words, kinds = line.split("=>", 1)
        asked = {k.strip() for k in kinds.split(",") if k.strip()}
        for word in words.replace("，", ",").split(","):
            if normalize(word).strip():
                table.setdefault(normalize(word).strip(), set()).update(asked)
    return {k: frozenset(v) for k, v in table.items()}
