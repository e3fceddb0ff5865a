"""What every part of xmfacts needs to know about the characters of a text, and the one
normaliser that queries, facts and claims all go through.

``fold`` makes two spellings of the same words meet: NFKC (full-width ＡＢＣ１２３ and
compatibility forms), traditional → simplified Chinese (廈門 → 厦门, 億元 → 亿元) and case.
The conversion is character for character, so a claim's offsets survive it; its table is
generated from OpenCC's data (``t2s_table``) and loaded only for text that holds Chinese.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

# The CJK Unified Ideographs with extension A, and the compatibility block; a character test,
# not a regex, because compiling a Unicode class costs ~2 ms on every run.
CJK_CLASS = "\u3400-\u9fff\uf900-\ufaff"


def is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def has_cjk(text: str) -> bool:
    return any(is_cjk(ch) for ch in text)


@cache
def _table() -> tuple[dict[int, int], dict[str, str], frozenset[str]]:
    from xmfacts import t2s_table

    chars = str.maketrans(t2s_table.TRADITIONAL, t2s_table.SIMPLIFIED)
    # A phrase is looked for only when its first character is in the text.
    return chars, t2s_table.PHRASES, frozenset(p[0] for p in t2s_table.PHRASES)


def to_simplified(text: str) -> str:
    """廈門境內上市公司 → 厦门境内上市公司; the same length, so offsets into ``text`` stay valid."""
    if text.isascii():
        return text
    chars, phrases, starts = _table()
    converted = text.translate(chars)
    if converted == text:
        return text  # nothing traditional: the phrases (traditional spellings) cannot apply
    present = starts.intersection(text)
    if present:
        # Only the phrases starting with a character of the text, in the table's order: the
        # same replacements as trying every phrase, without ~0.5 ms of scanning per call.
        by_start = _phrases_by_start()
        for _, phrase, simplified in sorted(entry for c in present for entry in by_start[c]):
            if phrase in text:
                text = text.replace(phrase, simplified)
        converted = text.translate(chars)
    return converted


def converts_to_simplified(text: str) -> bool:
    """Whether ``to_simplified`` changes anything in text: one of its characters is traditional."""
    return not text.isascii() and text.translate(_table()[0]) != text


@cache
def _phrases_by_start() -> dict[str, list[tuple[int, str, str]]]:
    out: dict[str, list[tuple[int, str, str]]] = {}
    for n, (phrase, simplified) in enumerate(_table()[1].items()):
        out.setdefault(phrase[0], []).append((n, phrase, simplified))
    return out


def fold(text: str) -> str:
    """The form two spellings of the same words meet in: NFKC, simplified Chinese, casefolded."""
    return to_simplified(unicodedata.normalize("NFKC", text)).casefold()


@cache
def _fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch).casefold()
    return folded if len(folded) == 1 else ch


def fold_in_place(text: str) -> str:
    """``fold`` one character for one character (… stays …, not ...), so offsets into text hold."""
    if text.isascii():
        return text.lower()
    return to_simplified("".join(map(_fold_char, text)))


@lru_cache(maxsize=1 << 14)
def stem(word: str) -> str:
    """A word's stem for matching, not for reading: companies → company, listed and listing →
    list, electrolysers → electrolyzer, licences → licens, centres → center.

    Plurals and simple inflections only (no -ment or -ion): a stemmer that merges more merges
    words a reporter keeps apart. Applied alike to queries and facts, so a stem only has to be
    the same for two forms, not a real word.
    """
    w = word
    # British and American spellings meet in the American one: electrolyser, licence,
    # commercialisation, labour, centre.
    if len(w) > 5:
        w = w.replace("yse", "yze").replace("ysing", "yzing").replace("cence", "cense")
        if len(w) > 6:
            w = re.sub(r"is(e|ed|es|er|ers|ing|ation|ations)$", r"iz\1", w)
        w = re.sub(r"our(s?)$", r"or\1", w)
    if len(w) > 4:
        w = re.sub(r"tre(s?)$", r"ter\1", w)
    # Plurals.
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith("sses"):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    # -ing and -ed, undoubling the consonant they doubled (planned → plan).
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]
            break
    # A final e, so finance and financing meet (financ).
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


# Mirror sites copy traditional-Chinese pages with a pinyin gloss after some characters
# (發(fā)展, 項(xiàng)目): the gloss splits words and clauses for anything reading the text. A gloss is a
# parenthesised run of lower-case pinyin holding a tone mark, right after a Chinese character;
# genuine parentheses (AI), (2024), (含) never look like that.
_GLOSS = re.compile(f"(?<=[{CJK_CLASS}])\\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]*\\)")


def without_glosses(text: str) -> tuple[str, list[int]]:
    """``text`` without mirror sites' pinyin glosses, and for each of its offsets (and its end)
    the offset in ``text``: what is read in the one is shown where it stands in the other."""
    if "(" not in text or not _GLOSS.search(text):
        return text, list(range(len(text) + 1))
    kept: list[str] = []
    where: list[int] = []
    at = 0
    for m in _GLOSS.finditer(text):
        kept.append(text[at : m.start()])
        where.extend(range(at, m.start()))
        at = m.end()
    kept.append(text[at:])
    where.extend(range(at, len(text) + 1))
    return "".join(kept), where
