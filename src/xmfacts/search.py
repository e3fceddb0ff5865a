"""Ranked search over the fact base: Chinese without spaces, English words, figures as printed.

Every query word must match somewhere in a fact (words narrow, as in a search box). A word
scores by the best field it matches, weighted by how much that field says about the fact:
a hit in the label or figure outranks a hit in the quote; a little more for each further
field it appears in. Equal scores keep fact-base order, and topic files list their headline
figure first, so 天马 brings Tianma's investment before the layers of its display. The fact base is small enough that
a scan over prepared strings answers in well under a millisecond per hundred facts
(benchmarks/startup.py); a million-fact base will want a persistent index behind ``search``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from xmfacts.errors import UsageError
from xmfacts.figures.printing import plain_number
from xmfacts.model import Fact, FactBase
from xmfacts.text import has_cjk

# Field weights: what a hit in each field says about the fact being the one wanted.
_WEIGHTS = {
    "label": 6.0,
    "figure": 6.0,
    "label_en": 5.0,
    "tags": 5.0,
    "id": 3.0,
    "entity": 3.0,
    "quote": 2.0,
    "topic": 1.5,
    "note": 0.5,
}
_EXACT_BONUS = 2.0  # the word is the whole field (a tag, the entity)
_BREADTH_BONUS = 0.2
_BIGRAM_MIN_COVERAGE = 0.75  # for Chinese words that match nowhere as written
_BIGRAM_FACTOR = 0.5

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")


def normalize(text: str) -> str:
    """Fold full-width forms, case and thousands separators so 'ＨＴＤ', 'htd' and 'HTD' meet."""
    return _THOUSANDS.sub("", unicodedata.normalize("NFKC", text).casefold())


@dataclass(frozen=True)
class Hit:
    fact: Fact
    score: float


@dataclass(frozen=True)
class _Prepared:
    fact: Fact
    fields: tuple[tuple[str, str], ...]  # (field name, normalized text), one per tag
    haystack: str  # every field joined, for bigram coverage


def _prepare(fact: Fact, topic_title: str) -> _Prepared:
    figure = fact.figure.printed()
    numbers = " ".join(plain_number(n) for n in (fact.figure.value, fact.figure.lower, fact.figure.upper) if n is not None)
    raw: list[tuple[str, str]] = [
        ("label", fact.label),
        ("label_en", fact.label_en),
        ("figure", f"{figure} {numbers}"),
        ("id", fact.full_id),
        ("entity", fact.entity),
        ("quote", fact.quote),
        ("topic", topic_title),
        ("note", fact.note),
    ]
    raw.extend(("tags", t) for t in fact.tags)
    raw = [(name, text) for name, text in raw if text]
    # One normalize call per fact, not per field: fact text holds no control characters
    # (the loader refuses them), so NUL safely separates the fields.
    texts = normalize("\0".join(text for _, text in raw)).split("\0")
    fields = tuple((name, text) for (name, _), text in zip(raw, texts))
    return _Prepared(fact, fields, "\n".join(texts))


def _english_variants(word: str) -> tuple[str, ...]:
    """Crude plural folding, enough for 'companies' and 'company', 'funds' and 'fund' to meet."""
    if word.endswith("ies") and len(word) > 4:
        return (word, word[:-3] + "y")
    if word.endswith("es") and len(word) > 4:
        return (word, word[:-2], word[:-1])
    if word.endswith("s") and len(word) > 3:
        return (word, word[:-1])
    if word.endswith("y") and len(word) > 3:
        return (word, word[:-1] + "ies")
    return (word,)


class _Term:
    """One query word and how to find it in a field."""

    def __init__(self, word: str) -> None:
        self.word = word
        self.cjk = has_cjk(word)
        if self.cjk:
            self.pattern = None
        elif _NUMBER.fullmatch(word):
            # 68 must not hit 680 or 6.8; a number stands alone or next to non-digits.
            self.pattern = re.compile(rf"(?<![\d.]){re.escape(word)}(?!\.?\d)")
        else:
            alts = "|".join(re.escape(v) for v in _english_variants(word))
            self.pattern = re.compile(rf"(?<![a-z0-9])(?:{alts})")
        self.bigrams = {word[i : i + 2] for i in range(len(word) - 1)} if self.cjk and len(word) > 2 else set()

    def field_score(self, text: str) -> float:
        if self.pattern is None:
            pos = text.find(self.word)
        else:
            m = self.pattern.search(text)
            pos = m.start() if m else -1
        if pos < 0:
            return 0.0
        return _EXACT_BONUS if text == self.word else 1.0

    def score(self, prepared: _Prepared) -> float:
        best = 0.0
        breadth = 0
        for name, text in prepared.fields:
            s = self.field_score(text)
            if s:
                best = max(best, s * _WEIGHTS[name])
                breadth += 1
        if best or not self.bigrams:
            # a fact that names the word in several fields is more about it
            return best + _BREADTH_BONUS * (breadth - 1) if best else 0.0
        # A Chinese phrase typed without the source's exact wording (厦门上市公司 for
        # 厦门境内上市公司) still finds the fact when most of its character pairs occur.
        found = sum(1 for b in self.bigrams if b in prepared.haystack)
        coverage = found / len(self.bigrams)
        return coverage * _BIGRAM_FACTOR if coverage >= _BIGRAM_MIN_COVERAGE else 0.0


def split_query(words: Sequence[str]) -> list[str]:
    """Query words from the command line; '天马 投资' as one argument is two words."""
    return [w for part in words for w in normalize(part).split()]


def search(base: FactBase, words: Sequence[str], topic: str | None = None, limit: int | None = None) -> list[Hit]:
    """Facts matching every word, best first; ties keep fact-base order."""
    terms = [_Term(w) for w in split_query(words)]
    if not terms:
        raise UsageError("empty query: give at least one word, e.g. xmfacts search 授信")
    hits: list[Hit] = []
    for t in base.topics:
        if topic is not None and t.id != topic:
            continue
        title = f"{t.title} {t.title_en}"
        for fact in t.facts:
            prepared = _prepare(fact, title)
            total = 0.0
            for term in terms:
                s = term.score(prepared)
                if not s:
                    break
                total += s
            else:
                hits.append(Hit(fact, round(total, 3)))
    hits.sort(key=lambda h: -h.score)  # stable: equal scores stay in fact-base order
    return hits[:limit] if limit else hits
