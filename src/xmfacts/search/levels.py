"""The words a one-word search is most often typed as, each filed with the points that search
gives a fact: Chinese words of three and four characters (上市公司), English words
(investment, listed) and pinyin words of one to four syllables (xinyidai, shangshi). A
one-word search then reads its best facts from the top of each word's list and counts the
rest, so a word held by a tenth of a million facts costs what it costs at a hundred
(``engine._by_level``).

Chinese characters and pairs are filed so in the full-text index itself (``prepared._level_words``);
these go in a table of their own (``index_part``'s ``levels``), made from a fact's prepared row
alone, so a fact leaving the index is taken out of it by making them again.

A level word is the word, a mark, and 99999 less a thousand times the points (rounded as
``score._rank`` rounds), so the index's word list gives a word's levels best first, with the
number of facts at each; within a level the index lists facts by number, which a full build
gives in fact-base order (equal scores keep that order).

A pinyin word is filed by its letters, not its stem (a search for ``shangxing`` scores the
English stem ``shangx`` and the syllables shang'xing), after a mark of its own: every run of
one to four whole syllables of one pinyin word of a fact, with the points a search for its
letters gives the fact (pinyin and English together). A fact that holds the letters' stem in
English and is filed under that stem's English levels too is also filed under the letters and
a second mark, without points, so a search knows how many facts the two lists share.
"""

from __future__ import annotations

import bisect
import zlib
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path

from xmfacts.search.prepared import Row, long_level_words
from xmfacts.search.query import Term
from xmfacts.search.score import _Fields, _word_factors
from xmfacts.search.weights import _BREADTH_BONUS, _BREADTH_FIELD, _EXACT_BONUS, _FACTOR, _WEIGHTS, ENGLISH, PINYIN, PREFIX, SYNONYM
from xmfacts.search.words import _SEP, spellings, synonyms
from xmfacts.text import stem as english_stem

# After an English stem: a letter no stem holds (stems are a-z and 0-9), so the index's words
# between ``stem + WORD_MARK`` and the next code point are that stem's levels and no other's.
WORD_MARK = "ǂ"


# After a pinyin word's letters: its levels (``letters + PINYIN_MARK + code``), and the word
# that counts the facts also filed under the letters' stem in English (``letters + BOTH_MARK``).
PINYIN_MARK = "ǀ"
BOTH_MARK = "ǁ"


# The longest run of syllables filed as a pinyin word: 上市公司 (shang'shi'gong'si) is four.
# A search whose letters may be a longer run is scored as any search is.
MOST_SYLLABLES = 4


# Marks of the full-text index's own words (pinyin, initials, digits backwards): an English
# word starting with one could be confused with them, and is searched the ordinary way.
_MARKED = ("py", "ii", "dr")


def word_term(stem: str) -> Term:
    """The term a search for one English word whose stem is ``stem`` reads (``query._words_term``
    for a word of three letters or more), without its pinyin and initials: a word a search
    reads by its levels spells no pinyin and no initials of the base (``engine``)."""
    phrase = f" {stem} "
    spelled = tuple(p for p in dict.fromkeys(spellings().get(phrase, ())) if p != phrase)
    alternatives = tuple(p for p in synonyms().get(phrase, ()) if p != phrase and p not in spelled)
    return Term(stem, "words", same=1 + len(spelled), phrases=(phrase, *spelled, *alternatives), prefix=phrase.rstrip())


@lru_cache(maxsize=1 << 16)
def may_level(stem: str) -> bool:
    """Whether a stem is filed with its levels: not a number (a figure is searched as one)
    and not starting as the index's marked words do."""
    return bool(stem) and not stem.isdigit() and not stem.startswith(_MARKED) and stem.isascii() and stem.isalnum()


@cache
def _listed() -> dict[str, Term]:
    """The one-word entries of synonyms.txt (and its spellings), each with its term: a fact
    may match one of them by another word of its group, or by a word it starts."""
    keys = {k.strip() for table in (synonyms(), spellings()) for k in table if len(k.split()) == 1}
    return {k: word_term(k) for k in sorted(keys) if may_level(k)}


@cache
def _listed_by_word() -> tuple[dict[str, tuple[str, ...]], tuple[tuple[str, str], ...]]:
    """For ``_listed``'s entries: each one-word phrase → the entries it finds, and each longer
    phrase with its entry (looked for as written)."""
    by_word: dict[str, list[str]] = {}
    longer: list[tuple[str, str]] = []
    for key, term in _listed().items():
        for phrase in term.phrases:
            if len(phrase.split()) == 1:
                by_word.setdefault(phrase.strip(), []).append(key)
            else:
                longer.append((phrase, key))
    return {w: tuple(keys) for w, keys in by_word.items()}, tuple(longer)


@cache
def digest() -> str:
    """What the English levels depend on beyond the fact: the synonyms and spellings a curator
    lists. An index filed with others is rebuilt (``index_part.SearchPart.version``). The
    file's bytes, not the table read from them: every command checks this, and reading the
    table stems every entry."""
    try:
        data = Path(__file__).with_name("synonyms.txt").read_bytes()
    except OSError:  # a trimmed install: no synonyms (words.synonyms)
        data = b""
    return f"{zlib.crc32(data):08x}"


def level_words(row: Row) -> str:
    """The level words a fact is filed under in the ``levels`` table, space-separated: its
    Chinese words of three and four characters, its English stems (with the words of
    synonyms.txt it matches by a synonym or a word start) and its pinyin words of one to four
    syllables."""
    names, folded, stemmed, spelled, _ = row
    weights = [(_WEIGHTS[name], _BREADTH_FIELD.get(name, name)) for name in names]
    where = _stems_where(stemmed)
    english = _english_levels(names, stemmed, weights, where)
    return " ".join(
        [
            *long_level_words(names, folded.split(_SEP)),
            *(key + WORD_MARK + _code(points) for key, points in english.items()),
            *_pinyin_levels(names, stemmed, spelled, weights, where, english),
        ]
    )


def _stems_where(stemmed: str) -> dict[str, dict[int, bool]]:
    """Each English stem of a fact → the fields holding it → whether it is that whole field."""
    where: dict[str, dict[int, bool]] = {}
    for i, text in enumerate(stemmed.split(_SEP)):
        if text:
            words = text.split()
            whole = len(words) == 1
            for word in words:
                where.setdefault(word, {})[i] = whole
    return where


def _english_levels(
    names: Sequence[str], stemmed: str, weights: Sequence[tuple[float, str]], where: dict[str, dict[int, bool]]
) -> dict[str, float]:
    """Each English stem of a fact with the points a search for it alone gives the fact.

    The points of ``score._word_factors`` and ``score._row_score``, worked out for every stem
    at once: where a field holds the word 1 (2 where it is the whole field), where it holds a
    synonym 0.7, where it holds a word the word starts 0.8; the heaviest such field, and 0.2
    for each further one. An entry of synonyms.txt with a synonym of several words is scored
    by the scorer itself.
    """
    if not where:
        return {}
    listed = _listed()
    by_word, longer_phrases = _listed_by_word()
    ordered = sorted(where)
    asked: set[str] = set()  # entries of synonyms.txt the fact may match
    out: dict[str, float] = {}
    for at, stem in enumerate(ordered):
        for key in by_word.get(stem, ()):
            asked.add(key)
        for size in range(3, len(stem)):  # an entry found by a word it starts
            if stem[:size] in listed:
                asked.add(stem[:size])
        if stem in listed or not may_level(stem):
            continue
        factors = {i: _EXACT_BONUS if whole else 1.0 for i, whole in where[stem].items()}
        following = at + 1
        while following < len(ordered) and ordered[following].startswith(stem):  # the words it starts, next to it in order
            for i in where[ordered[following]]:
                factors.setdefault(i, _FACTOR[PREFIX])
            following += 1
        out[stem] = _points(weights, factors)
    asked.update(key for phrase, key in longer_phrases if phrase in stemmed)
    for key in sorted(asked):
        points = _points(weights, _listed_factors(listed[key], names, stemmed, where, ordered))
        if points:
            out[key] = points
    return out


def _listed_factors(
    term: Term, names: Sequence[str], stemmed: str, where: dict[str, dict[int, bool]], ordered: list[str]
) -> dict[int, float]:
    """The factor of each field of a fact holding an entry of synonyms.txt (English alone):
    worked out from the stems for an entry whose words are one each, by the scorer itself for
    one with a synonym of several words."""
    if any(" " in phrase.strip() for phrase in term.phrases):
        return {i: factor for i, (factor, _) in _word_factors(term, _Fields((tuple(names), "", stemmed, "", ""))).items()}
    return _factors(term, where, ordered)


def _pinyin_levels(
    names: Sequence[str],
    stemmed: str,
    spelled: str,
    weights: Sequence[tuple[float, str]],
    where: dict[str, dict[int, bool]],
    english: dict[str, float],
) -> list[str]:
    """Each pinyin word of one to four syllables of a fact (three letters at least), with the
    points a search for its letters gives the fact: ``score._word_factors``'s pinyin (0.7 in
    each field holding the run) and English (its letters' stem, as ``_english_levels`` finds
    it), the better in each field; and BOTH_MARK where the fact is also filed under that stem.

    A search for letters matches whole syllables of one pinyin word, any run of them
    (``query._syllable_pattern``), so every such run is filed. Letters of fewer than three are
    never read by their levels (a two-letter word has no word start to find, ``engine``).
    """
    if not spelled.strip(_SEP + " "):
        return []
    held: dict[str, list[int]] = {}  # letters → the fields holding them as a run of syllables
    for i, text in enumerate(spelled.split(_SEP)):
        if text:
            for letters in _syllable_runs(text):
                held.setdefault(letters, []).append(i)
    ordered = sorted(where)
    firsts = {stem[:3] for stem in ordered}  # a stem of three letters or more relates to the fact's English only if one of them starts so
    listed = _listed()
    # Most pinyin words of a fact are no English of it: their points depend only on the
    # fields holding them, worked out once per set of fields (a fact has about a hundred words).
    alone: dict[tuple[int, ...], str] = {}
    out: list[str] = []
    for letters, fields in held.items():
        stem = _letters_stem(letters)
        if stem in listed:
            english_factors = _listed_factors(listed[stem], names, stemmed, where, ordered)
        elif len(stem) < 3 or stem[:3] in firsts:
            english_factors = _stem_factors(stem, where, ordered)
        else:
            english_factors = {}
        if english_factors:
            factors = dict.fromkeys(fields, _FACTOR[PINYIN])
            for i, factor in english_factors.items():
                if factor > factors.get(i, 0.0):
                    factors[i] = factor
            suffix = PINYIN_MARK + _code(_points(weights, factors))
        else:
            key = tuple(fields)
            suffix = alone.get(key) or alone.setdefault(key, PINYIN_MARK + _code(_points(weights, dict.fromkeys(fields, _FACTOR[PINYIN]))))
        out.append(letters + suffix)
        if stem in english:
            out.append(letters + BOTH_MARK)
    return out


@lru_cache(maxsize=1 << 12)  # tags, measures, entities and titles repeat across thousands of facts
def _syllable_runs(spelled: str) -> frozenset[str]:
    """The letters of every run of one to four syllables within one pinyin word of a field
    (``xia'men xin'yi'dai``: xia, xiamen, men, xin, xinyi, xinyidai, …), three letters at least."""
    out: set[str] = set()
    for word in spelled.split():
        syllables = word.split("'")  # pinyin.SYLLABLE_JOINER, as query._syllable_pattern spells it
        for start in range(len(syllables)):
            letters = ""
            for syllable in syllables[start : start + MOST_SYLLABLES]:
                letters += syllable
                if len(letters) >= 3:
                    out.add(letters)
    return frozenset(out)


@lru_cache(maxsize=1 << 16)
def _letters_stem(letters: str) -> str:
    """``text.stem`` of a pinyin word's letters, remembered apart from the stems of English
    text: a base's pinyin words outnumber its English words, and would crowd them out."""
    return english_stem(letters)


def _stem_factors(stem: str, where: dict[str, dict[int, bool]], ordered: list[str]) -> dict[int, float]:
    """The English factor of each field of a fact for a word whose stem is ``stem`` and is no
    entry of synonyms.txt: 1 where it is a word (2 the whole field), 0.8 where a word starts with it."""
    factors = {i: _EXACT_BONUS if whole else 1.0 for i, whole in where.get(stem, {}).items()}
    _add_word_starts(factors, stem, where, ordered)
    return factors


def _add_word_starts(factors: dict[int, float], start: str, where: dict[str, dict[int, bool]], ordered: list[str]) -> None:
    """The prefix factor (0.8) for each field holding a word that ``start`` starts, where the
    field has no better one; ``ordered`` is the fact's stems sorted, so those words stand together."""
    at = bisect.bisect_left(ordered, start)
    while at < len(ordered) and ordered[at].startswith(start):
        for i in where[ordered[at]]:
            factors.setdefault(i, _FACTOR[PREFIX])
        at += 1


def _factors(term: Term, where: dict[str, dict[int, bool]], ordered: list[str]) -> dict[int, float]:
    """``score._word_factors`` of a term whose phrases are one word each, from the fields each
    stem is in (pinyin and initials aside)."""
    factors: dict[int, float] = {}
    for n, phrase in enumerate(term.phrases):
        typed = n < term.same
        kind = _FACTOR[ENGLISH] if typed else _FACTOR[SYNONYM]
        for i, whole in where.get(phrase.strip(), {}).items():
            factor = kind * (_EXACT_BONUS if typed and whole else 1.0)
            if factor > factors.get(i, 0.0):
                factors[i] = factor
    _add_word_starts(factors, term.prefix.strip(), where, ordered)
    return factors


def _points(weights: Sequence[tuple[float, str]], factors: dict[int, float]) -> float:
    """``score._row_score``'s points, summed as it sums them (the same float), rounded as ``_rank`` rounds."""
    best = 0.0
    seen: set[str] = set()
    for i, factor in factors.items():
        weight, group = weights[i]
        seen.add(group)
        if factor * weight > best:
            best = factor * weight
    return round(best + _BREADTH_BONUS * (len(seen) - 1), 3) if best else 0.0


CODE_DIGITS = 5  # a level word ends in its points' code: its start, then these many digits


def _code(points: float) -> str:
    return f"{99999 - round(points * 1000):05d}"


def points_of(word: str, start: str) -> float:
    """The points a level word (``start`` and its code) stands for."""
    return (99999 - int(word[len(start) :])) / 1000
