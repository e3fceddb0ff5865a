"""Ranked search over the fact base: what a reporter types, in Chinese, pinyin, English or figures.

Every query word must match somewhere in a fact (words narrow, as in a search box), except
question words and filler (多少, 有几家, how many, the …), which only make a query a question.
A word scores by the best field it matches, weighted by how much that field says about the
fact (a hit in the label or figure outranks a hit in the quote), times how directly it
matched (the Chinese as typed outranks its pinyin; an English word outranks its synonym);
a little more for each further field it appears in. Equal scores keep fact-base order, and
topic files list their headline figure first, so 天马 brings Tianma's investment before the
layers of its display. ``--explain`` shows each word's field, kind of match and points.

How each kind of word matches:

- Chinese (simplified or traditional): as a substring of a field; a phrase that occurs
  nowhere as typed still finds a fact holding most of its character pairs, for little.
- Latin letters: English by word stem (companies → company, listed → list, electrolyser →
  electrolyzer), then the synonyms in ``search_synonyms.txt``, then pinyin by whole syllables
  (xinyidai, shang shi gong si), then the initials of a Chinese term (xyd for 信易贷).
- A figure: a fact whose figure rounds (or truncates) to it at the query's precision, in any
  unit spelling: 1141, 1141.6, 1,141.58, 1141.58亿, 114.2 billion yuan, 1.14千亿元, 31万, 68家.

Every fact field is prepared once, when the fact base is compiled (``build_index``, stored in
the cache beside the fact base): folded with ``xmfacts.text.fold``, stemmed, and spelled in
pinyin. A query then only folds its own words and scans prepared strings, with no pinyin
library: well under a millisecond per hundred facts (benchmarks/startup.py). Through the
fact-base index (``find_in``) only the facts its full-text index offers are scored, and a
search for one Chinese character or pair reads only the facts it shows (``_by_level``).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from xmfacts.errors import UsageError
from xmfacts.model import BaseUnit, Fact, FactBase, Kind, Topic
from xmfacts.text import CJK_CLASS, converts_to_simplified, fold, has_cjk, is_cjk, stem

if TYPE_CHECKING:
    from xmfacts.factbase.store import Store

# Bump when what build_index stores changes: a cache holding an older index is rebuilt.
INDEX_VERSION = 5

# Field weights: what a hit in each field says about the fact being the one wanted.
_WEIGHTS = {
    "label": 6.0,
    "figure": 6.0,
    "label_en": 5.0,
    "tags": 5.0,
    "measure": 5.0,
    "id": 3.0,
    "entity": 3.0,
    "quote": 2.0,
    "topic": 1.5,
    "note": 0.5,
}
# How directly a word matched, times the field's weight. The typed Chinese or English word
# always outranks its pinyin, initials or synonym in the same field.
CHINESE, ENGLISH, PREFIX, SYNONYM, PINYIN, INITIALS, FIGURE, ROUNDED = (
    "Chinese",
    "English",
    "word start",
    "synonym",
    "pinyin",
    "initials",
    "same number",
    "rounded",
)
_FACTOR = {CHINESE: 1.0, ENGLISH: 1.0, PREFIX: 0.8, SYNONYM: 0.7, PINYIN: 0.7, INITIALS: 0.5, FIGURE: 1.0, ROUNDED: 0.9}
_EXACT_BONUS = 2.0  # the word is the whole field (a tag, the entity)
_BREADTH_BONUS = 0.2  # per further field the word is in; several tags are one field
# A fact's measure names what it counts, and its tags mostly repeat those names: a word in
# both is in one field, not two.
_BREADTH_FIELD = {"measure": "tags"}
_BIGRAM_MIN_COVERAGE = 0.75  # for Chinese words that match nowhere as written
_BIGRAM_FACTOR = 0.5
_SCATTERED_SYLLABLES = 0.5  # 'shang shi gong si' found, but not as one word: half its syllables' average

_SUGGEST_FOR_WORDS = 8

_PINYIN_FIELDS = frozenset({"label", "tags", "entity", "measure", "quote", "topic"})
_INITIALS_FIELDS = frozenset({"tags", "entity", "measure", "topic"})
_SEP = "\0"  # between a fact's fields in the index; fact text never holds control characters
_FACT_SEP = "\1"  # between facts, while the whole base is folded at once

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")
_DIGIT_RUN = re.compile(r"\d+")
_WORD = re.compile(r"[a-z0-9]+")

# Words that make a query a question but name nothing to look for.
_EN_FILLER = frozenset(
    "how many much what what's whats which when where who whom why is are was were be been "
    "the a an does do did have has had of in on at to for by with and or there "
    # hedges around a figure: 'over RMB 750 billion' asks for 超7500亿元
    "over above about around approximately roughly nearly almost under below than more less least most "
    "please".split()
)
# Inside Chinese, where there are no spaces: the question phrase is cut out and the text on
# either side becomes two words (厦门有多少家上市公司 → 厦门, 上市公司). Single characters
# only at the end (吗, 呢), since 有 or 是 inside a name (国有, 有限公司) are content.
_ZH_FILLER = (
    r"(?:是|有|共有|一共有|总共有)?(?:(?:多少|几)[家个条项种户所名位张只年次层席大]?|多[大高长久远重])"
    r"|哪一?[年个些家条项]?|什么时候|什么|请问|[吗呢啊呀]+$"
)
_ZH_FILLER_CHARS = frozenset("多几哪什请吗呢啊呀")  # one of them is in every phrase above
# Sentence punctuation around a word, not inside it (29.2% keeps its %, r&d its &).
_EDGE_PUNCTUATION = "?？!！,，。.;；:：、\"“”'‘’()（）[]【】《》<>"

# Figures: an English multiplier after a number (as a word, or a suffix: 4.2bn), a currency
# before or after it. Not a bare m or b: 10,000 m is a depth.
_EN_MULTIPLIERS = {
    "thousand": 10**3,
    "million": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
    "trn": 10**12,
}
_EN_SUFFIXES = {"mln": 10**6, "trn": 10**12, "mn": 10**6, "bn": 10**9, "tn": 10**12, "k": 10**3}  # longest first
_CURRENCY = frozenset({"rmb", "cny", "yuan", "renminbi", "¥"})
_PERCENT = frozenset({"%", "percent", "pct"})


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


# ---- English word forms ------------------------------------------------------------------


@lru_cache(maxsize=1 << 14)  # bounded: building an index passes every field of the base through here
def _english_words(text: str) -> list[str]:
    # "Fujian's" is Fujian; "Xiang'an" stays two words, as the query's own will.
    return _WORD.findall(text.replace("'s ", " ").replace("’s ", " ").removesuffix("'s").removesuffix("’s"))


def stems(text: str) -> str:
    """A field's English as space-padded stems (" company list on domest exchang "), so a
    phrase is found with one substring search and only at word boundaries."""
    words = _english_words(text)
    return f" {' '.join(stem(w) for w in words)} " if words else ""


@cache
def synonyms() -> dict[str, tuple[str, ...]]:
    """Each stemmed word or phrase of search_synonyms.txt → the other members of its groups."""
    path = Path(__file__).with_name("search_synonyms.txt")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:  # a trimmed install: English still matches, without synonyms
        return {}
    table: dict[str, list[str]] = {}
    for line in lines:
        line = line.split("#", 1)[0]
        members = [m for m in dict.fromkeys(stems(fold(m)) for m in line.split(",")) if m]
        for m in members:
            known = table.setdefault(m, [])
            known.extend(o for o in members if o != m and o not in known)
    return {k: tuple(v) for k, v in table.items()}


# ---- the prepared index ------------------------------------------------------------------

# One fact's searchable text. Plain strings, not objects, because the cache unmarshals it on
# every lookup: per fact, the field names, then the folded text, the stems, the pinyin and
# the initials of every field, each joined by _SEP in the order of the names (an empty
# string where a field has none).
Row = tuple[tuple[str, ...], str, str, str, str]


@dataclass(frozen=True)
class SearchIndex:
    rows: tuple[Row, ...]  # one per fact, in fact-base order (base.facts)
    vocabulary: tuple[str, ...]  # tags, measures, entities and topic titles, for "did you mean"
    syllables: frozenset[str]  # every syllable in the fact base, to read 'shang shi gong si'
    stable: frozenset[str]  # the fact base's characters that fold leaves alone (_normalize_query)
    has_pinyin: bool
    version: int = INDEX_VERSION


def _raw_fields(fact: Fact, topic_title: str, printed: bool = True) -> list[tuple[str, str]]:
    """A fact's searched fields, as written; with ``printed`` false its figure is only its unit,
    the figure's one free text (its qualifier's 约, 超 or 余 and its digits never fold)."""
    from xmfacts.figures.printing import plain_number

    figure = fact.figure
    if printed:
        numbers = " ".join(plain_number(n) for n in (figure.value, figure.lower, figure.upper) if n is not None)
        figure_text = f"{figure.printed()} {numbers}"
    else:
        figure_text = figure.unit or ""
    raw = [
        ("label", fact.label),
        ("label_en", fact.label_en),
        ("figure", figure_text),
        ("id", fact.full_id),
        ("entity", fact.entity),
        ("quote", fact.quote),
        ("topic", topic_title),
        ("note", fact.note),
    ]
    raw.extend(("tags", t) for t in fact.tags)
    raw.extend(("measure", m) for m in fact.measure)
    return [(name, text) for name, text in raw if text]


def build_index(base: FactBase, pinyin: bool = True) -> SearchIndex:
    """Fold, stem and spell in pinyin every searched field: done once per compile, not per query."""
    part = prepare(base, pinyin)
    return SearchIndex(
        part.rows, tuple(dict.fromkeys((*part.vocabulary, *part.titles))), part.syllables, stable_characters(part.rows), part.has_pinyin
    )


@dataclass(frozen=True)
class Prepared:
    """Search's prepared fields for some topics: what the fact-base index stores per file."""

    rows: tuple[Row, ...]
    vocabulary: tuple[str, ...]  # the facts' tags, measures and entities, folded, in order
    titles: tuple[str, ...]  # the topics' titles, folded
    syllables: frozenset[str]
    has_pinyin: bool
    words: tuple[str, ...] = ()  # each row's fact_words, when asked for (prepare(words=True))
    characters: frozenset[str] = frozenset()  # every character of the rows' folded text


def prepare(base: FactBase, pinyin: bool = True, words: bool = False) -> Prepared:
    """Every fact's prepared fields; a whole base, or one topic file of it, give the same rows.

    With ``words``, also each fact's ``fact_words``, made from the same per-field work.
    """
    from xmfacts import pinyin as py

    spell = pinyin and py.available()
    raws = [_raw_fields(fact, f"{topic.title} {topic.title_en}") for topic in base.topics for fact in topic.facts]
    # One normalize call for the whole base, not one per field: fold scans its phrase table once
    # per call. Fact text holds no control characters (the loader refuses them) and fold leaves
    # them alone, so _SEP and _FACT_SEP safely part the fields and the facts.
    titles = [text for topic in base.topics for text in (topic.title, topic.title_en)]
    plain = [_fold_alone(text) for raw in raws for _, text in raw] + [_fold_alone(text) for text in titles]
    if any(traditional for _, traditional in plain):
        texts = [_SEP.join(text for _, text in raw) for raw in raws]
        *folded_facts, folded_titles = normalize(_FACT_SEP.join([*texts, _SEP.join(titles)])).split(_FACT_SEP)
    else:
        # Nothing to convert to simplified characters: each field folds on its own as it would
        # joined (NFKC, case and thousands separators never reach across _SEP), and a field
        # repeated across facts (tags, measures, titles) is folded once.
        folded_list = [folded for folded, _ in plain]
        folded_facts, start = [], 0
        for raw in raws:
            folded_facts.append(_SEP.join(folded_list[start : start + len(raw)]))
            start += len(raw)
        folded_titles = _SEP.join(folded_list[start:])
    rows: list[Row] = []
    all_words: list[str] = []
    vocabulary: dict[str, None] = {}
    syllables: set[str] = set()
    characters: set[str] = set()
    for raw, joined in zip(raws, folded_facts):
        # one string object per field name, so marshal stores each name once for the whole base
        names = tuple(sys.intern(name) for name, _ in raw)
        folded = joined.split(_SEP)
        parts = [_field(name, text, spell) for name, text in zip(names, folded)]
        for name, text in zip(names, folded):
            if name in _VOCABULARY_FIELDS:
                vocabulary[text] = None
        for part in parts:
            syllables.update(part[3])
            characters.update(part[5])
        if words:
            all_words.append(_joined_words((word for part in parts for word in part[4]), names, folded))
        rows.append((names, joined, _SEP.join(p[0] for p in parts), _SEP.join(p[1] for p in parts), _SEP.join(p[2] for p in parts)))
    return Prepared(
        tuple(rows), tuple(vocabulary), tuple(folded_titles.split(_SEP)) if titles else (), frozenset(syllables), spell,
        tuple(all_words), frozenset(characters),
    )


_VOCABULARY_FIELDS = frozenset({"tags", "measure", "entity"})


def folds_alone(topic: Topic, others: Iterable[Fact] = ()) -> bool:
    """Whether ``prepare`` folds each field of this topic's facts (and of ``others``) on its own:
    none holds a traditional character. A fact's row then depends on nothing but the fact and
    its topic's titles, so a file edited in one fact keeps the rows of the others."""
    texts = [topic.title, topic.title_en]
    texts += (text for fact in (*topic.facts, *others) for _, text in _raw_fields(fact, "", printed=False))
    return not converts_to_simplified(unicodedata.normalize("NFKC", _SEP.join(texts)))


def summary_of(topic: Topic, rows: Sequence[Row]) -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str], frozenset[str]]:
    """``prepare``'s vocabulary, titles, syllables and characters of a topic that folds alone
    (``folds_alone``), read back from its facts' rows: a file re-indexed in place prepares only
    the facts that changed, yet its summary covers them all."""
    from xmfacts.pinyin import SYLLABLE_JOINER

    vocabulary: dict[str, None] = {}
    syllables: set[str] = set()
    characters: set[str] = set()
    for names, folded, _, spelled, _ in rows:
        vocabulary.update((text, None) for name, text in zip(names, folded.split(_SEP)) if name in _VOCABULARY_FIELDS)
        syllables.update(spelled.replace(SYLLABLE_JOINER, " ").replace(_SEP, " ").split())
        characters.update(folded)
    characters.discard(_SEP)
    titles = tuple(_fold_alone(text)[0] for text in (topic.title, topic.title_en))
    return tuple(vocabulary), titles, frozenset(syllables), frozenset(characters)


@lru_cache(maxsize=1 << 14)
def _fold_alone(text: str) -> tuple[str, bool]:
    """``normalize(text)`` as it is when no text folded with it holds a traditional character
    (fold's phrase table then applies to none), and whether this one holds one."""
    nfkc = unicodedata.normalize("NFKC", text)
    return _THOUSANDS.sub("", nfkc.casefold()), converts_to_simplified(nfkc)


@lru_cache(maxsize=1 << 12)
def _field(name: str, text: str, spell: bool) -> tuple[str, str, str, tuple[str, ...], tuple[str, ...], frozenset[str]]:
    """One folded field's stems, pinyin, initials, syllables, full-text words and characters.

    Remembered: tags, measures, entities and topic titles repeat across thousands of facts,
    and a base's labels and quotes share much of their wording.
    """
    from xmfacts import pinyin as py

    runs = py.syllable_runs(text) if spell and name in _PINYIN_FIELDS and has_cjk(text) else []
    spelled = py.spelled(runs)
    inits = py.initials(runs) if name in _INITIALS_FIELDS else []
    initials = f" {' '.join(inits)} " if inits else ""
    stemmed = stems(text)
    return stemmed, spelled, initials, tuple(s for run in runs for s in run), _field_words(text, stemmed, spelled, initials), frozenset(text)


def _field_words(folded: str, stemmed: str, spelled: str, initials: str) -> tuple[str, ...]:
    """The words the full-text index files a field under, each once, in a fixed order."""
    words: list[str] = []
    for run in _cjk_run().findall(folded):
        words.extend(run)
        words.extend(map(str.__add__, run, run[1:]))
    words.extend(stemmed.split())
    # every run of digits, even where a letter touches it (x86), and backwards: a figure
    # searched as written is looked for by its digit runs (figure_filter)
    digits = _DIGIT_RUN.findall(folded)
    words.extend(digits)
    words.extend(_BACKWARDS_MARK + run[::-1] for run in digits)
    words.extend(_PINYIN_MARK + s for s in spelled.replace("'", " ").split())
    words.extend(_INITIALS_MARK + s for s in initials.split())
    return tuple(dict.fromkeys(words))


def stable_characters(rows: Sequence[Row], characters: frozenset[str] | None = None) -> frozenset[str]:
    """The rows' characters that fold leaves alone; ``characters`` (Prepared.characters), when
    given, saves reading the rows again."""
    seen = characters if characters is not None else set().union(*(row[1] for row in rows))
    return frozenset(c for c in seen - _changing() if not c.isascii())


@cache
def _changing() -> frozenset[str]:
    """The characters fold may change: traditional ones and the first of each phrase it converts."""
    from xmfacts import t2s_table  # the table fold converts with (xmfacts.text.to_simplified)

    return frozenset(t2s_table.TRADITIONAL).union(phrase[0] for phrase in t2s_table.PHRASES)


_MEMO: list[tuple[FactBase, SearchIndex]] = []


def index_for(base: FactBase, pinyin: bool = True) -> SearchIndex:
    """An index for a fact base given without one (a library caller, a test): built once per base."""
    for known, index in _MEMO:
        if (known is base or known == base) and (index.has_pinyin or not pinyin):
            return index
    index = build_index(base, pinyin)
    _MEMO[:] = [(base, index)]
    return index


# ---- reading the query -------------------------------------------------------------------


# The two classes below are built on every query but defined on every run, and a frozen
# dataclass costs ~0.7 ms to define (its methods are generated with exec): plain classes with
# __slots__, never changed after __init__, keep `search WORD --json` within its start-up budget.


class QueryNumber:
    """A figure as typed: value × multiplier, good to ± its last digit, in a unit (or any)."""

    __slots__ = ("value", "step", "multiplier", "base", "bare")

    def __init__(self, value: Decimal, step: Decimal, multiplier: int = 1, base: BaseUnit | None = None) -> None:
        self.value = value
        self.step = step  # its last digit's place: 1141.6 → 0.1
        self.multiplier = multiplier
        self.base = base  # None: any unit
        # No multiplier and no unit: may also be the number as printed (1141 for 1141.58亿元).
        self.bare = multiplier == 1 and base is None


class Term:
    """One thing the query asks for, and every way it may be found."""

    __slots__ = ("text", "kind", "phrases", "prefix", "pinyin", "initials", "number", "text_pattern", "written", "bigrams", "parts", "letters", "words")

    def __init__(
        self,
        text: str,
        kind: str,
        *,
        phrases: tuple[str, ...] = (),
        prefix: str = "",
        pinyin: re.Pattern[str] | None = None,
        initials: str = "",
        number: QueryNumber | None = None,
        text_pattern: re.Pattern[str] | None = None,
        written: str | None = None,
        bigrams: frozenset[str] = frozenset(),
        parts: tuple[Term, ...] = (),
        letters: str = "",
        words: tuple[frozenset[str], ...] = (),
    ) -> None:
        self.text = text  # as typed (folded), for --explain and "did you mean"
        self.kind = kind  # "chinese", "words", "syllables", "figure" or "literal"
        self.phrases = phrases  # words: stems as typed, then each synonym (" ventur capital ")
        self.prefix = prefix  # words: the stems as a word start (" hydro" finds hydrogen)
        self.pinyin = pinyin  # whole syllables, typed with or without the spaces
        self.initials = initials  # " xyd "
        self.number = number
        self.text_pattern = text_pattern  # figure: the number as written, standing alone
        self.written = written  # figure: the full-text query a text holding it as written matches (with text_pattern)
        self.bigrams = bigrams  # chinese: character pairs, for wording other than the source's
        self.parts = parts  # syllables: each syllable as a word of its own
        self.letters = letters  # what ``pinyin`` spells, for the fact-base index (``match_expression``)
        self.words = words  # chinese typed together: each word's pairs, of which a fact must hold one

    def __repr__(self) -> str:
        return f"Term({self.text!r}, {self.kind!r})"


def _strip_edges(token: str) -> str:
    return token.strip(_EDGE_PUNCTUATION)


@cache
def _unit_pattern() -> str:
    """A multiplier and a unit as printed, each optional, with the hedges that sit around them."""
    from xmfacts.figures.units import MULTIPLIERS, base_spellings_longest_first

    units = "|".join(re.escape(u) for u in base_spellings_longest_first())
    multipliers = "|".join(MULTIPLIERS)  # longest first already: 万亿 before 万
    english = "|".join(_EN_SUFFIXES)
    return (
        rf"(?:余|多)?(?:(?P<multiplier>{multipliers})|(?P<english>{english})(?![a-z]))?"
        rf"(?:余|多)?(?P<unit>{units})?(?:余|多|左右)?"
    )


@cache
def _figure_token() -> re.Pattern[str]:
    """A whole token that is a figure: ¥1141.58, rmb114.16, 1141.58亿, 超1000亿元, 2.3万余家, 29.2%, 4.2bn."""
    return re.compile(rf"(?P<currency>rmb|cny|¥)?(?:超过|超|逾|过|近|约|不到|不足|最高|达)?(?P<number>\d+(?:\.\d+)?){_unit_pattern()}")


@cache
def _unit_token() -> re.Pattern[str]:
    """A multiplier or unit written apart from its number: 1141.58 亿元, 70 家."""
    return re.compile(rf"(?=.){_unit_pattern()}")


def _scale(match: re.Match[str]) -> tuple[int, BaseUnit | None] | None:
    """The multiplier and base unit a match of _unit_pattern stands for; None for an unknown unit."""
    from xmfacts.figures.units import MULTIPLIERS, parse_unit

    multiplier = MULTIPLIERS.get(match["multiplier"] or "", 1) * _EN_SUFFIXES.get(match["english"] or "", 1)
    if not match["unit"]:
        return multiplier, None
    unit = parse_unit(match["unit"])
    return (multiplier * unit.scale, unit.base) if unit is not None else None


def _number(match: re.Match[str]) -> QueryNumber | None:
    try:
        value = Decimal(match["number"])
    except InvalidOperation:
        return None
    scale = _scale(match)
    if scale is None:
        return None
    exponent = value.as_tuple().exponent
    step = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    multiplier, base = scale
    return QueryNumber(value, step, multiplier, BaseUnit.CNY if match["currency"] else base)


def _read_figures(tokens: list[str]) -> list[str | Term]:
    """Tokens with each figure (and the multiplier and currency words around it) made one term."""
    items: list[str | Term] = []
    i = 0
    while i < len(tokens):
        token = _strip_edges(tokens[i])
        match = _figure_token().fullmatch(token) if any(c.isdigit() for c in token) else None
        number = _number(match) if match else None
        if match is None or number is None:
            items.append(tokens[i])
            i += 1
            continue
        taken = [token]
        i += 1
        multiplier, base = number.multiplier, number.base
        apart = _unit_token().fullmatch(_strip_edges(tokens[i])) if i < len(tokens) and number.bare else None
        scale = _scale(apart) if apart is not None else None
        if apart is not None and scale is not None:
            (multiplier, base), i = scale, i + 1
            taken.append(apart.group())
        if i < len(tokens) and _strip_edges(tokens[i]) in _EN_MULTIPLIERS and multiplier == 1:
            multiplier *= _EN_MULTIPLIERS[_strip_edges(tokens[i])]
            taken.append(_strip_edges(tokens[i]))
            i += 1
        if i < len(tokens) and _strip_edges(tokens[i]) in _CURRENCY | _PERCENT:
            base = BaseUnit.CNY if _strip_edges(tokens[i]) in _CURRENCY else BaseUnit.PERCENT
            taken.append(_strip_edges(tokens[i]))
            i += 1
        if items and isinstance(items[-1], str) and _strip_edges(items[-1]) in _CURRENCY:
            base = BaseUnit.CNY
            taken.insert(0, _strip_edges(items.pop()))
        number = QueryNumber(number.value, number.step, multiplier, base)
        # A bare number is also looked for as written (2023 in 2023年以来; 500 in 世界500强),
        # and a Chinese figure token as a substring (68家 in a quote).
        written = None
        if number.bare:
            pattern = re.compile(rf"(?<![\d.]){re.escape(match['number'])}(?!\.?\d)")
            written = _all_of(_DIGIT_RUN.findall(match["number"]))  # each a whole run where it stands
        elif has_cjk(token):
            pattern = re.compile(re.escape(token))
            written = _written_in_chinese(token)
        else:
            pattern = None
        items.append(Term(" ".join(taken), "figure", number=number, text_pattern=pattern, written=written))
    return items


@cache
def _syllable_pattern(letters: str) -> re.Pattern[str]:
    # Any syllable boundary may fall between two letters, but the match must start and end on
    # one: 'tianma' finds tian'ma and not tian'mao'zi.
    return re.compile(r"(?<![a-z])" + "'?".join(letters) + r"(?![a-z])")


def _words_term(text: str, words: list[str], alternatives: tuple[str, ...] = ()) -> Term:
    phrase = f" {' '.join(stem(w) for w in words)} "
    letters = "".join(words)
    plain = len(words) == 1 and letters.isalpha() and letters.isascii()
    return Term(
        text,
        "words",
        phrases=(phrase, *alternatives),
        prefix=phrase.rstrip() if len(words[-1]) >= 3 else "",
        pinyin=_syllable_pattern(letters) if plain and 2 <= len(letters) <= 40 else None,
        initials=f" {letters} " if plain and 3 <= len(letters) <= 12 else "",
        letters=letters if plain and 2 <= len(letters) <= 40 else "",
    )


@cache
def _zh_filler() -> re.Pattern[str]:
    return re.compile(_ZH_FILLER)  # ~1 ms: only for a query that may hold a question word


def _chinese_terms(token: str) -> list[Term]:
    terms = []
    token = _strip_edges(token)
    if not _ZH_FILLER_CHARS.isdisjoint(token):
        token = _zh_filler().sub(" ", token)
    for piece in token.split():
        piece = _strip_edges(piece)
        if piece:
            bigrams = frozenset(piece[i : i + 2] for i in range(len(piece) - 1)) if len(piece) > 2 else frozenset()
            terms.append(Term(piece, "chinese", bigrams=bigrams))
    return terms


def parse_query(
    words: Sequence[str], index: SearchIndex | None = None, filed: Callable[[set[str]], set[str]] | None = None
) -> list[Term]:
    """The terms a query asks for; raise UsageError when it names nothing to look for.

    ``filed``: of some pairs of Chinese characters, those some fact of the base holds. A pair
    none holds is where two words of a query typed without spaces meet (天马厦门投资: 马厦,
    门投), and is left out of the pairs a Chinese word is found by when it is not found whole.
    """
    syllables = index.syllables if index is not None else frozenset()
    tokens = split_query(words, index.stable if index is not None else frozenset())
    if not tokens:
        raise UsageError("empty query: give at least one word, e.g. xmfacts search 授信")
    # Each term keeps the position of the token it came from, so that English and pinyin
    # words, read together below, go back in the order they were typed.
    placed: list[tuple[int, Term]] = []
    latin: list[tuple[int, str, list[str]]] = []  # (position, token, words) for English and pinyin
    literal: list[Term] = []
    for position, item in enumerate(_read_figures(tokens)):
        if isinstance(item, Term):
            placed.append((position, item))
        elif has_cjk(item):
            placed.extend((position, term) for term in _chinese_terms(item))
        else:
            token = _strip_edges(item)
            found = _english_words(token)
            if found:
                latin.append((position, token, found))
            elif item.strip():
                # Only symbols (%, +, .*[): looked for as written, if nothing else is asked.
                literal.append(Term(item, "literal"))
    placed.extend(_latin_terms(latin, syllables))
    placed.sort(key=lambda p: p[0])  # stable: the pieces of one Chinese token keep their order
    terms = [term for _, term in placed]
    if not terms and literal:
        terms = literal
    # A word typed twice asks for nothing more (and a pasted page must not cost a scan per word).
    terms = list({(t.kind, t.text): t for t in terms}.values())
    if filed is not None:
        terms = _without_seams(terms, filed)
    if not terms:
        raise UsageError(
            f"only question words in {' '.join(tokens)!r}: say what to look for, e.g. xmfacts search how many listed companies"
        )
    return terms


def _without_seams(terms: list[Term], filed: Callable[[set[str]], set[str]]) -> list[Term]:
    """Each Chinese word's character pairs, less the seams: a pair of two Chinese characters
    no fact holds, between two pairs some fact holds. 天马厦门投资 is then found by 天马, 厦门
    and 投资 as if typed with spaces; once a word has a seam, a first or last character standing
    alone is let go too (天马投资额: 天马 and 投资). 授信华为 still asks for 华为, which no fact
    holds, and 信易代 is a misspelling to suggest the right word for, not 信易 and 代."""
    cjk = [t for t in terms if t.kind == "chinese" and t.bigrams]
    asked = {pair for t in cjk for pair in _pairs(t.text) if is_cjk(pair[0]) and is_cjk(pair[1])}
    if not asked:
        return terms
    known = filed(asked)
    if known == asked:
        return terms
    out = []
    for t in terms:
        if t in cjk:
            pairs = _pairs(t.text)
            unknown = [i for i, pair in enumerate(pairs) if pair in asked and pair not in known]
            inner = {i for i in unknown if 0 < i < len(pairs) - 1 and pairs[i - 1] in known and pairs[i + 1] in known}
            if inner:
                edges = {i for i in (0, len(pairs) - 1) if i in unknown and pairs[1 if i == 0 else i - 1] in known}
                seams = inner | edges
                # the words between the seams: 天马私募基金 is not found in facts of 私募基金 alone
                words, word = [], set()
                for i, pair in enumerate(pairs):
                    if i in seams:
                        words.append(frozenset(word))
                        word = set()
                    else:
                        word.add(pair)
                words.append(frozenset(word))
                t = Term(t.text, t.kind, bigrams=t.bigrams - {pairs[i] for i in seams}, words=tuple(w for w in words if w))
        out.append(t)
    return out


def _pairs(text: str) -> list[str]:
    return [text[i : i + 2] for i in range(len(text) - 1)]


def pairs_in_rows(rows: Sequence[Row]) -> Callable[[set[str]], set[str]]:
    """``parse_query``'s ``filed`` for an index held in memory: the pairs some row's text holds
    (two Chinese characters never stand astride two fields, which _SEP parts)."""
    return lambda pairs: {pair for pair in pairs if any(pair in row[1] for row in rows)}


def _latin_terms(latin: list[tuple[int, str, list[str]]], syllables: frozenset[str]) -> list[tuple[int, Term]]:
    """English words (with their synonyms) and pinyin, in query order, question words dropped."""
    if not latin:
        return []
    table = synonyms()
    out: list[tuple[int, Term]] = []
    i = 0
    while i < len(latin):
        # The longest run of words typed together that is an entry of the synonym table
        # ("venture capital").
        for n in range(min(5, len(latin) - i), 0, -1):
            run = latin[i : i + n]
            if run[-1][0] - run[0][0] != n - 1:
                continue
            words = [w for _, _, ws in run for w in ws]
            key = f" {' '.join(stem(w) for w in words)} "
            if key in table and (n > 1 or run[0][1] not in _EN_FILLER):
                text = " ".join(token for _, token, _ in run)
                out.append((run[0][0], _words_term(text, words, table[key])))
                i += n
                break
        else:
            position, token, words = latin[i]
            i += 1
            if token in _EN_FILLER:
                continue
            out.append((position, _words_term(token, words)))
    return _join_syllables(out, syllables)


def _join_syllables(terms: list[tuple[int, Term]], syllables: frozenset[str]) -> list[tuple[int, Term]]:
    """'shang shi gong si': single syllables in a row are one word, typed with spaces."""
    out: list[tuple[int, Term]] = []
    run: list[tuple[int, Term]] = []

    def flush() -> None:
        if len(run) >= 2:
            letters = "".join(t.text for _, t in run)
            parts = tuple(t for _, t in run)
            out.append(
                (run[0][0], Term(" ".join(t.text for t in parts), "syllables", pinyin=_syllable_pattern(letters), parts=parts, letters=letters))
            )
        else:
            out.extend(run)
        run.clear()

    for position, term in terms:
        single = term.kind == "words" and len(term.phrases) == 1 and term.text in syllables
        if run and not (single and run[-1][0] + 1 == position):
            flush()
        if single:
            run.append((position, term))
        else:
            out.append((position, term))
    flush()
    return out


# ---- scoring -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    fact: Fact
    score: float
    why: tuple[str, ...] = field(default=(), compare=False)  # per term: field, kind of match, points


@dataclass(frozen=True)
class SearchResult:
    hits: tuple[Hit, ...]  # best first, at most the limit
    total: int  # how many facts matched before the limit
    suggestions: tuple[str, ...] = ()  # when nothing matched: fact-base terms near the words that matched nowhere


class _Fields:
    """One fact's prepared fields, split out of the index row only when a term needs them."""

    def __init__(self, row: Row) -> None:
        self.names, self.folded_all, self.stems_all, self.pinyin_all, self.initials_all = row
        self._split: dict[int, list[str]] = {}

    def column(self, which: int) -> list[str]:
        if which not in self._split:
            self._split[which] = (self.folded_all, self.stems_all, self.pinyin_all, self.initials_all)[which].split(_SEP)
        return self._split[which]

    def each(self, kind: str) -> Iterator[tuple[str, str, str, str, str]]:
        """(name, folded, stems, pinyin, initials) per field; only the columns a kind of term reads."""
        if kind in {"chinese", "literal", "figure"}:
            yield from ((name, folded, "", "", "") for name, folded in zip(self.names, self.column(0)))
        elif kind == "syllables":
            yield from ((name, "", "", spelled, "") for name, spelled in zip(self.names, self.column(2)))
        else:
            yield from zip(self.names, self.column(0), self.column(1), self.column(2), self.column(3))


def _word_match(term: Term, folded: str, stemmed: str, spelled: str, initials: str) -> tuple[float, str]:
    best, how = 0.0, ""
    if stemmed:
        for n, phrase in enumerate(term.phrases):
            if phrase in stemmed:
                kind = ENGLISH if n == 0 else SYNONYM
                factor = _FACTOR[kind] * (_EXACT_BONUS if n == 0 and stemmed == phrase else 1.0)
                if factor > best:
                    best, how = factor, kind
        if not best and term.prefix and term.prefix in stemmed:
            best, how = _FACTOR[PREFIX], PREFIX
    if best < _FACTOR[PINYIN] and spelled and term.pinyin is not None and term.pinyin.search(spelled):
        best, how = _FACTOR[PINYIN], PINYIN
    if best < _FACTOR[INITIALS] and initials and term.initials and term.initials in initials:
        best, how = _FACTOR[INITIALS], INITIALS
    return best, how


def _field_match(term: Term, folded: str, stemmed: str, spelled: str, initials: str) -> tuple[float, str]:
    if term.kind == "chinese" or term.kind == "literal":
        if term.text in folded:
            return (_EXACT_BONUS if folded == term.text else 1.0), CHINESE
        return 0.0, ""
    if term.kind == "words":
        return _word_match(term, folded, stemmed, spelled, initials)
    if term.kind == "syllables":
        if spelled and term.pinyin is not None and term.pinyin.search(spelled):
            return _FACTOR[PINYIN], PINYIN
        return 0.0, ""
    if term.kind == "figure" and term.text_pattern is not None and term.text_pattern.search(folded):
        return 1.0, CHINESE if has_cjk(term.text) else "as written"
    return 0.0, ""


def _may_match(term: Term, fields: _Fields) -> bool:
    """A cheap test on the whole row before looking field by field."""
    if term.kind == "chinese":
        return term.text in fields.folded_all or bool(term.bigrams)
    if term.kind == "literal":
        return term.text in fields.folded_all
    if term.kind == "words":
        return (
            any(p in fields.stems_all for p in term.phrases)
            or bool(term.prefix and term.prefix in fields.stems_all)
            or bool(term.pinyin and fields.pinyin_all and term.pinyin.search(fields.pinyin_all))
            or bool(term.initials and term.initials in fields.initials_all)
        )
    if term.kind == "syllables":
        return bool(fields.pinyin_all and term.pinyin and term.pinyin.search(fields.pinyin_all)) or all(
            _may_match(p, fields) for p in term.parts
        )
    return True  # figures are checked against the fact's own figure


def _figure_match(number: QueryNumber, fact: Fact) -> str:
    """FIGURE if the fact's figure is the one typed, ROUNDED if it rounds or truncates to it, else ''."""
    figure = fact.figure
    if figure.kind is Kind.DATE:
        year = number.value
        # 2011 or 2011年 for an event of 2011-07
        a_year = number.multiplier == 1 and number.base in (None, BaseUnit.YEAR) and number.step == 1
        if a_year and figure.date and 1000 <= year <= 2999 and figure.date.startswith(str(year)):
            return FIGURE
        return ""
    if number.base is not None and figure.base_unit not in (number.base, BaseUnit.NUMBER, None):
        return ""
    # 1141 stands for [1140.5, 1142): 1141.58 rounded (1142) or cut (1141) to whole units.
    low = (number.value - number.step / 2) * number.multiplier
    high = (number.value + number.step) * number.multiplier
    typed = number.value * number.multiplier
    found = ""
    for n in (figure.value, figure.lower, figure.upper):
        if n is None:
            continue
        candidates = [n * (figure.scale or 1)]
        if number.bare:  # also the number as printed: 1141 for 1141.58亿元
            candidates.append(n)
        for v in candidates:
            if v == typed:
                return FIGURE
            if low <= v < high:
                found = ROUNDED
    return found


def _term_score(term: Term, fields: _Fields, fact_of: Callable[[], Fact]) -> tuple[float, str]:
    """The term's points in this fact and why, or 0 when the fact does not have it."""
    if term.kind == "syllables" and not (fields.pinyin_all and term.pinyin and term.pinyin.search(fields.pinyin_all)):
        # The syllables are in the fact, but apart: each must match, and counts for less.
        total, whys = 0.0, []
        for part in term.parts:
            s, why = _term_score(part, fields, fact_of)
            if not s:
                return 0.0, ""
            total += s
            whys.append(why)
        return total / len(term.parts) * _SCATTERED_SYLLABLES, f"syllables apart: {'; '.join(whys)}"
    if term.kind == "chinese" or term.kind == "literal":
        return _text_score(term, fields)
    best, best_why = 0.0, ""
    seen: set[str] = set()  # the fields the term is in
    if term.number is not None:
        kind = _figure_match(term.number, fact_of())
        if kind:
            best, best_why = _FACTOR[kind] * _WEIGHTS["figure"], f"figure, {kind}"
            seen.add("figure")
    if term.kind == "words" and all(term.phrases):
        return _row_score(term, fields, _word_factors(term, fields), best, best_why, seen)
    if term.kind == "figure":
        found = _regex_fields(term.text_pattern, fields.folded_all) if term.text_pattern is not None else ()
        how = CHINESE if has_cjk(term.text) else "as written"
        return _row_score(term, fields, {i: (1.0, how) for i in found}, best, best_why, seen)
    return _field_by_field(term, fields, best, best_why, seen, _may_match(term, fields))


# English words, pinyin and figures are matched as _text_score matches Chinese: by searching
# each column of the row whole, then scoring only the fields that hold the term. A word as
# common as 'companies' is scored for tens of thousands of facts at a million, and looking in
# each of a fact's thirty-odd fields in turn cost up to twice as much. The points are those of
# _field_by_field, field for field (tests/test_search.py holds them equal).


def _substring_fields(text: str, row: str) -> Iterator[tuple[int, bool]]:
    """(field number, whether ``text`` is that whole field) of each field of ``row`` holding ``text``."""
    at = row.find(text)
    index, counted = 0, 0
    while at >= 0:
        index += row.count(_SEP, counted, at)
        end = row.find(_SEP, at)
        if end < 0:
            end = len(row)
        yield index, (at + len(text) == end and (at == 0 or row[at - 1] == _SEP))
        counted = at
        at = row.find(text, end + 1)


def _regex_fields(pattern: re.Pattern[str], row: str) -> Iterator[int]:
    """The number of each field of ``row`` the pattern matches in; it never matches _SEP, and
    the characters it looks around for are never _SEP, so a field matches as it would alone."""
    match = pattern.search(row)
    index, counted = 0, 0
    while match is not None:
        at = match.start()
        index += row.count(_SEP, counted, at)
        yield index
        counted = at
        end = row.find(_SEP, at)
        if end < 0:
            return
        match = pattern.search(row, end + 1)


def _word_factors(term: Term, fields: _Fields) -> dict[int, tuple[float, str]]:
    """``_word_match`` of each field that holds the term: its factor and kind of match."""
    factors: dict[int, tuple[float, str]] = {}
    stems_row = fields.stems_all
    for n, phrase in enumerate(term.phrases):
        if phrase not in stems_row:  # most synonyms of most facts: no generator for nothing
            continue
        kind = ENGLISH if n == 0 else SYNONYM
        for i, whole in _substring_fields(phrase, stems_row):
            factor = _FACTOR[kind] * (_EXACT_BONUS if n == 0 and whole else 1.0)
            if factor > factors.get(i, _NO_MATCH)[0]:
                factors[i] = (factor, kind)
    if term.prefix and term.prefix in stems_row:
        for i, _ in _substring_fields(term.prefix, stems_row):
            factors.setdefault(i, (_FACTOR[PREFIX], PREFIX))
    if term.pinyin is not None and fields.pinyin_all:
        for i in _regex_fields(term.pinyin, fields.pinyin_all):
            if factors.get(i, _NO_MATCH)[0] < _FACTOR[PINYIN]:
                factors[i] = (_FACTOR[PINYIN], PINYIN)
    if term.initials and term.initials in fields.initials_all:
        for i, _ in _substring_fields(term.initials, fields.initials_all):
            if factors.get(i, _NO_MATCH)[0] < _FACTOR[INITIALS]:
                factors[i] = (_FACTOR[INITIALS], INITIALS)
    return factors


_NO_MATCH = (0.0, "")


def _row_score(
    term: Term, fields: _Fields, factors: dict[int, tuple[float, str]], best: float, best_why: str, seen: set[str]
) -> tuple[float, str]:
    """``_field_by_field``'s points, from the factor of each field that holds the term."""
    names = fields.names
    for i in sorted(factors):
        factor, how = factors[i]
        name = names[i]
        points = factor * _WEIGHTS[name]
        seen.add(_BREADTH_FIELD.get(name, name))
        if points > best:
            best, best_why = points, f"{name}, {how}"
    if best:
        # a fact that names the word in several fields is more about it
        return best + _BREADTH_BONUS * (len(seen) - 1), best_why
    return _bigram_score(term, fields)


def _text_score(term: Term, fields: _Fields) -> tuple[float, str]:
    """``_term_score`` for Chinese and symbols, which match as substrings of the folded text.

    The same points as looking field by field, found by searching the whole row: a word as
    common as 授信 is scored for thousands of facts, and most of a fact's thirty-odd fields
    never hold it.
    """
    text, row, names = term.text, fields.folded_all, fields.names
    if not text or _SEP in text:
        return _field_by_field(term, fields)
    at = row.find(text)
    if at < 0:
        return _bigram_score(term, fields)
    best, best_why = 0.0, ""
    seen: set[str] = set()
    index = row.count(_SEP, 0, at)  # the field the first hit is in
    start = row.rfind(_SEP, 0, at) + 1
    while at >= 0:
        end = row.find(_SEP, at)
        if end < 0:
            end = len(row)
        name = names[index]
        points = (_EXACT_BONUS if start == at and at + len(text) == end else 1.0) * _WEIGHTS[name]
        seen.add(_BREADTH_FIELD.get(name, name))
        if points > best:
            best, best_why = points, f"{name}, {CHINESE}"
        # on to the next field that holds the word
        at = row.find(text, end + 1)
        if at >= 0:
            index += 1 + row.count(_SEP, end + 1, at)
            start = row.rfind(_SEP, 0, at) + 1
    return best + _BREADTH_BONUS * (len(seen) - 1), best_why


def _field_by_field(
    term: Term, fields: _Fields, best: float = 0.0, best_why: str = "", seen: set[str] | None = None, may_match: bool = True
) -> tuple[float, str]:
    """The term's best field (``best`` so far: its figure's points), plus a little per further field."""
    factors: dict[int, tuple[float, str]] = {}
    if may_match:
        for i, (_, folded, stemmed, spelled, initials) in enumerate(fields.each(term.kind)):
            factor, how = _field_match(term, folded, stemmed, spelled, initials)
            if factor:
                factors[i] = (factor, how)
    return _row_score(term, fields, factors, best, best_why, set() if seen is None else seen)


def _bigram_score(term: Term, fields: _Fields) -> tuple[float, str]:
    if term.bigrams:
        # A Chinese phrase typed without the source's exact wording (厦门上市公司 for
        # 厦门境内上市公司) still finds the fact when most of its character pairs occur.
        row = fields.folded_all
        found = sum(1 for b in term.bigrams if b in row)
        coverage = found / len(term.bigrams)
        if coverage >= _BIGRAM_MIN_COVERAGE and all(any(pair in row for pair in word) for word in term.words):
            pieces = _pieces(term.text, fields)
            # 厦门上市公司 covers as much of 厦门境内上市公司数量 as of 厦门…上市企业数量, but in
            # two whole words of a label, not in pairs scattered over the quote and the tags
            placed = sum(len(piece) * weight for piece, weight in pieces) / (len(term.text) * _TOP_WEIGHT)
            points = coverage * _BIGRAM_FACTOR * (1 + placed) / 2
            words = " + ".join(piece for piece, _ in pieces)
            return points, f"character pairs, {found} of {len(term.bigrams)}" + (f"; {words}" if words else "")
    return 0.0, ""


_TOP_WEIGHT = max(_WEIGHTS.values())


def _pieces(text: str, fields: _Fields) -> list[tuple[str, float]]:
    """The longest runs of ``text`` the fact holds as written, left to right (two characters
    at least), each with the weight of the heaviest field that holds it."""
    row, names = fields.folded_all, fields.names
    pieces = []
    i = 0
    while i < len(text) - 1:
        j = len(text)
        while j > i + 1 and text[i:j] not in row:
            j -= 1
        if j == i + 1:
            i += 1
            continue
        piece = text[i:j]
        weight, at = 0.0, row.find(piece)
        while at >= 0:
            weight = max(weight, _WEIGHTS[names[row.count(_SEP, 0, at)]])
            at = row.find(piece, at + 1)
        pieces.append((piece, weight))
        i = j
    return pieces


def find(
    base: FactBase,
    words: Sequence[str],
    topic: str | None = None,
    limit: int | None = None,
    index: SearchIndex | None = None,
) -> SearchResult:
    """Facts matching every term, best first (ties keep fact-base order), and how many there were."""
    if index is None:
        index = index_for(base, pinyin=False)
    terms = parse_query(words, index, pairs_in_rows(index.rows))
    if not index.has_pinyin and any(t.pinyin is not None or t.initials for t in terms):
        # An index built without pinyin (no cache): spell the fact base now, as the cache would have.
        index = index_for(base, pinyin=True)
        terms = parse_query(words, index, pairs_in_rows(index.rows))
    pairs: list[tuple[Callable[[], Fact], Row]] = []
    rows = iter(index.rows)
    for t in base.topics:
        for fact in t.facts:
            row = next(rows)
            if topic is None or t.id == topic:
                pairs.append((_given(fact), row))
    shown, total = _rank(pairs, terms, limit)
    suggestions = () if total else _suggest(base, index, terms)
    return SearchResult(tuple(shown), total, suggestions)


def _given(fact: Fact) -> Callable[[], Fact]:
    return lambda: fact


def _rank(candidates: Iterable[tuple[Callable[[], Fact], Row]], terms: list[Term], limit: int | None) -> tuple[list[Hit], int]:
    """The candidates that match every term, best first (equal scores keep the order given),
    at most ``limit`` of them, and how many matched.

    A candidate comes as a way to get its fact, not the fact: from the fact-base index, a fact
    is rebuilt only if a figure is asked for or it is shown, not for each of thousands scored.
    """
    scored: list[tuple[float, tuple[str, ...], Callable[[], Fact]]] = []
    for fact_of, row in candidates:
        fields = _Fields(row)
        total = 0.0
        why: list[str] = []
        for term in terms:
            score, reason = _term_score(term, fields, fact_of)
            if not score:
                break
            total += score
            why.append(f"{term.text}: {reason} ({score:.1f})")
        else:
            scored.append((round(total, 3), tuple(why), fact_of))
    scored.sort(key=lambda h: -h[0])  # stable: equal scores stay in fact-base order
    shown = scored[:limit] if limit else scored
    return [Hit(fact_of(), score, why) for score, why, fact_of in shown], len(scored)


def find_in(store: Store, words: Sequence[str], topic: str | None = None, limit: int | None = None) -> SearchResult:
    """``find`` over the fact-base index: only the facts its full-text index offers are scored.

    The index offers every fact that can match (``match_expression`` is never narrower than
    the scoring), so the result is the same as scoring every fact.
    """
    if topic is not None and not store.has_topic(topic):
        from xmfacts.lookup import find_topic

        find_topic(store.factbase(), topic)  # raises, with the nearest topic ids
    index = store.search_index()
    terms = parse_query(words, index, store.filed)
    if not index.has_pinyin and any(t.pinyin is not None or t.initials for t in terms):
        index = store.search_index(pinyin=True)  # an in-memory index built without pinyin
        terms = parse_query(words, index, store.filed)
    leveled = _by_level(store, terms, topic, limit)
    if leveled is not None:
        shown, total = leveled
    else:
        with_facts = any(t.number is not None for t in terms)  # a figure is compared with every candidate's fact
        figures = [f for f in map(figure_filter, terms) if f is not None]
        shown, total = _rank(store.candidates(match_expression(terms, index.syllables), topic, with_facts, figures), terms, limit)
    suggestions: tuple[str, ...] = ()
    if not total:
        import difflib  # only when nothing was found

        out: dict[str, None] = {}
        vocabulary = store.vocabulary()
        words_asked = {t.text: t for t in terms if t.kind in {"chinese", "words"} and len(t.text) <= 50}
        for term in list(words_asked.values())[:_SUGGEST_FOR_WORDS]:
            pairs = store.candidates(match_expression([term], index.syllables), None)
            if any(_term_score(term, _Fields(row), fact_of)[0] for fact_of, row in pairs):
                continue
            for close in difflib.get_close_matches(term.text, vocabulary, n=3, cutoff=0.6):
                out[close] = None
        suggestions = tuple(out)
    return SearchResult(tuple(shown), total, suggestions)


def _by_level(store: Store, terms: list[Term], topic: str | None, limit: int | None) -> tuple[list[Hit], int] | None:
    """The best ``limit`` hits of a search for one Chinese character or pair, and how many
    facts match, reading only the facts shown (see _LEVEL_MARK); None for any other search."""
    if not limit or topic is not None or len(terms) != 1:
        return None
    term = terms[0]
    text = term.text
    if term.kind != "chinese" or not 1 <= len(text) <= 2 or not all(is_cjk(c) for c in text):
        return None
    start = text + _LEVEL_MARK
    levels = store.words_between(start, text + chr(ord(_LEVEL_MARK) + 1))
    total = sum(count for _, count in levels)
    if not total:
        return None  # nothing matches: the whole search says so and suggests
    chosen: list[tuple[int, float]] = []  # (fact, the score it is filed under), best first
    for word, count in levels:
        score = (99999 - int(word[len(start) :])) / 1000
        chosen.extend((n, score) for n in store.first_filed(word, limit - len(chosen)))
        if len(chosen) >= limit:
            break
    shown, _ = _rank(store.candidates_at([n for n, _ in chosen]), terms, None)
    if len(chosen) < min(limit, total) or [h.score for h in shown] != [score for _, score in chosen]:
        return None  # an index that disagrees with the scoring (it never should): score every fact
    return shown, total


# ---- the full-text index -----------------------------------------------------------------
# The fact-base index (xmfacts.factbase.store) files each fact under words, and asks for the
# facts filed under a query's words before scoring them. A word must never be narrower than
# the scoring: any fact a term can match is filed under its words. Chinese is filed as every
# character and every pair of neighbours (FTS5's own tokenizers cannot find 2-character terms),
# English as stems, pinyin as syllables and initials under a mark of their own; a mark that
# happens to spell an English stem only offers a fact more to score, never one less.

_PINYIN_MARK = "py"
_INITIALS_MARK = "ii"
_BACKWARDS_MARK = "dr"  # a run of digits written backwards: 68家 is found in 168家 by "dr86" *
_MAX_SPELLINGS = 32  # ways to cut a query's letters into syllables, beyond which any first syllable will do


def fact_words(row: Row) -> str:
    """The words the full-text index files a fact under, space-separated: Chinese characters
    and character pairs, English stems, pinyin syllables and initials, field by field, each once;
    then each character and pair again with its points (``_level_words``)."""
    names, folded, stemmed, spelled, initials = row
    fields = zip(folded.split(_SEP), stemmed.split(_SEP), spelled.split(_SEP), initials.split(_SEP))
    return _joined_words((word for field in fields for word in _field_words(*field)), names, folded.split(_SEP))


def _joined_words(field_words: Iterable[str], names: Sequence[str], folded: Sequence[str]) -> str:
    return " ".join(dict.fromkeys([*field_words, *_level_words(names, folded)]))


# A search for one Chinese character or pair (授信, 天马, 厦) is the common query that matches
# thousands of facts, and its points in a fact depend on nothing but the fact: each character
# and pair is also filed with those points (授信s89599: 10.4 points, as 99999 - 10400, so the
# index's word order is best first). Such a search reads its levels from the index's word list,
# takes the first facts of each in fact-base order until the limit is reached, and scores only
# those; the facts it did not read are counted, not scored (find_in, _by_level).
_LEVEL_MARK = "s"


@cache
def _level_suffix(points: float, fields: int) -> str:
    """The mark and code of a level: the score _text_score gives, rounded as _rank rounds."""
    return f"{_LEVEL_MARK}{99999 - round(round(points + _BREADTH_BONUS * (fields - 1), 3) * 1000):05d}"


def _level_words(names: Sequence[str], folded: Sequence[str]) -> list[str]:
    """Each Chinese character and pair of a fact (what the index files it under), and each
    again with the points a search for it alone gives the fact (see _LEVEL_MARK).

    Built for every fact of the base, so with set operations rather than a loop per word:
    fields are taken from the heaviest down, and a word's points are those of the first field
    holding it, or twice a field's weight where it is that whole field.
    """
    texts: dict[str, list[str]] = {}
    for name, text in zip(names, folded):
        texts.setdefault(name, []).append(text)
    best: dict[str, float] = {}
    by_group: dict[str, set[str]] = {}
    exact: list[tuple[str, float]] = []
    for name in sorted(texts, key=_WEIGHTS.__getitem__, reverse=True):
        group = texts[name]
        grams, whole = _shared_grams(name, tuple(group)) if name in _SHARED_FIELDS else _grams(name, group)
        if not grams:
            continue
        best.update(dict.fromkeys(grams.difference(best), _WEIGHTS[name]))
        exact.extend(whole)
        by_group.setdefault(_BREADTH_FIELD.get(name, name), set()).update(grams)
    for text, points in exact:
        best[text] = max(best[text], points)
    fields: Counter[str] = Counter()
    for grams in by_group.values():
        fields.update(grams)
    leveled = map(str.__add__, best, map(_level_suffix, best.values(), map(fields.__getitem__, best)))
    return [*best, *leveled]


def _grams(name: str, texts: Sequence[str]) -> tuple[set[str], tuple[tuple[str, float], ...]]:
    """The Chinese characters and pairs of a field's texts (all its tags, say), and those texts
    that are a whole character or pair, with the points that gives (see _level_words).

    The set is built the same way every time and never changed afterwards, so the order in
    which it gives its words (the order of the index's words) is the same whether it is built
    afresh or remembered (_shared_grams)."""
    runs = _cjk_run().findall(_SEP.join(texts))
    if not runs:
        return set(), ()
    grams = set("".join(runs))
    for run in runs:
        grams.update(map(str.__add__, run, run[1:]))
    points = _WEIGHTS[name] * _EXACT_BONUS
    return grams, tuple((text, points) for text in texts if len(text) <= 2 and text in grams)


# Fields whose text repeats across many facts of a base (a topic's title in each of its facts,
# the same tags and measures on thousands): their characters and pairs are worked out once per
# distinct text, which saves a first build about a tenth of its time. Labels and quotes are
# nearly all different: remembering them would only hold memory.
_SHARED_FIELDS = frozenset({"tags", "measure", "entity", "topic", "figure"})


@lru_cache(maxsize=1 << 12)
def _shared_grams(name: str, texts: tuple[str, ...]) -> tuple[set[str], tuple[tuple[str, float], ...]]:
    return _grams(name, texts)


@cache
def _cjk_run() -> re.Pattern[str]:
    return re.compile(f"[{CJK_CLASS}]+")  # compiled only when the index is built (~2 ms)


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _all_of(words: Iterable[str]) -> str:
    return "(" + " AND ".join(_quoted(w) for w in dict.fromkeys(words)) + ")"


_NOTHING = _quoted("0nothing0")  # filed under no fact: for a term that cannot match


def _spellings(letters: str, syllables: frozenset[str]) -> list[list[str]]:
    """Every way to cut ``letters`` into syllables of the fact base (at most _MAX_SPELLINGS)."""
    out: list[list[str]] = []

    def walk(start: int, taken: list[str]) -> None:
        if len(out) > _MAX_SPELLINGS:
            return
        if start == len(letters):
            out.append(list(taken))
            return
        for end in range(start + 1, min(len(letters), start + 6) + 1):
            if letters[start:end] in syllables:
                taken.append(letters[start:end])
                walk(end, taken)
                taken.pop()

    walk(0, [])
    return out


def _term_expression(term: Term, syllables: frozenset[str]) -> str | None:
    """The index words a fact must be filed under to match ``term``; None: any fact may."""
    if term.kind == "chinese":
        text = term.text
        if not text or not all(is_cjk(c) for c in text):
            return None
        if len(text) <= 2:
            return _quoted(text)
        pairs = sorted({text[i : i + 2] for i in range(len(text) - 1)})
        if not term.bigrams:
            return _all_of(pairs)
        # Found as written, a fact holds every pair; found by its pairs (_BIGRAM_MIN_COVERAGE),
        # it may lack a quarter of them, so it holds at least one of any quarter-plus-one.
        missing = int(len(term.bigrams) * (1 - _BIGRAM_MIN_COVERAGE) + 1e-9)
        some = "(" + " OR ".join(_quoted(p) for p in sorted(term.bigrams)[: missing + 1]) + ")"
        # Words typed together (Term.words) are never found as written, and each lends a pair:
        # 天马厦门投资 reads the facts filed under 天马 and 厦门 and 投资, not all those under 厦门.
        return "(" + " AND ".join([some, *("(" + " OR ".join(map(_quoted, sorted(w))) + ")" for w in term.words)]) + ")"
    if term.kind not in {"words", "syllables"}:
        return None  # figures and symbols are checked against every fact
    ways: list[str] = []
    if term.kind == "syllables":
        parts = [_term_expression(p, syllables) for p in term.parts]
        if any(p is None for p in parts):
            return None
        ways.append("(" + " AND ".join(p for p in parts if p) + ")")
    for phrase in term.phrases:
        if phrase.split():
            ways.append(_all_of(phrase.split()))
    if term.prefix and term.prefix.split():
        *whole, start = term.prefix.split()
        ways.append("(" + " AND ".join([*(_quoted(w) for w in whole), _quoted(start) + " *"]) + ")")
    if term.pinyin is not None:
        spellings = _spellings(term.letters, syllables)
        if len(spellings) > _MAX_SPELLINGS:
            firsts = {s for s in syllables if term.letters.startswith(s)}
            ways.extend(_quoted(_PINYIN_MARK + s) for s in sorted(firsts))
        else:
            ways.extend(_all_of(_PINYIN_MARK + s for s in way) for way in spellings)
    if term.initials.strip():
        ways.append(_quoted(_INITIALS_MARK + term.initials.strip()))
    return "(" + " OR ".join(ways) + ")" if ways else _NOTHING


def match_expression(terms: Sequence[Term], syllables: frozenset[str]) -> str | None:
    """An FTS5 query for the facts that may match every term; None when any fact may."""
    parts = [p for p in (_term_expression(t, syllables) for t in terms) if p is not None]
    return " AND ".join(parts) if parts else None


# A figure (1141, 1141.58亿元, 68家, 2011) is found in a fact's figure or in its text as
# written. The fact-base index files each figure's numbers apart (figure_values), so a search
# by figure reads the facts whose figure lies in the typed figure's range, and those holding it
# as written (its digit runs, or the Chinese around it), instead of comparing every fact.

FIGURE_SCALED, FIGURE_PRINTED, FIGURE_YEAR = 0, 1, 2  # what a filed number is (figure_values)


def figure_values(fact: Fact) -> list[tuple[int, float]]:
    """The numbers the fact-base index files a fact's figure under: each of its bounds in base
    units, and as printed where that differs (1141.58 of 1141.58亿元), or a date's year."""
    figure = fact.figure
    if figure.kind is Kind.DATE:
        year = (figure.date or "")[:4]
        return [(FIGURE_YEAR, float(year))] if len(year) == 4 and year.isdigit() else []
    out: list[tuple[int, float]] = []
    for n in (figure.value, figure.lower, figure.upper):
        if n is not None:
            out.append((FIGURE_SCALED, float(n * (figure.scale or 1))))
            if (figure.scale or 1) != 1:
                out.append((FIGURE_PRINTED, float(n)))
    return out


def figure_filter(term: Term) -> tuple[list[tuple[int, float, float]], str | None] | None:
    """For a figure term: the ranges of filed numbers (figure_values) a matching figure lies in,
    and the full-text query a text holding it as written must match (None: no text can); None
    for a term that is not a figure.

    Never narrower than ``_figure_match`` and ``text_pattern``: the scoring decides.
    """
    number = term.number
    if number is None:
        return None
    # The bounds _figure_match computes, as floats: rounding to the nearest float never swaps
    # two numbers' order, so a figure within them in decimals is within them as floats.
    low = float((number.value - number.step / 2) * number.multiplier)
    high = float((number.value + number.step) * number.multiplier)
    ranges = [(FIGURE_SCALED, low, high)]
    if number.bare:  # also the number as printed
        ranges.append((FIGURE_PRINTED, low, high))
    if number.multiplier == 1 and number.base in (None, BaseUnit.YEAR) and number.step == 1 and 1000 <= number.value <= 2999:
        ranges.append((FIGURE_YEAR, float(number.value), float(number.value)))
    return ranges, term.written  # None when no text holds it as written (text_pattern is None)


def _written_in_chinese(token: str) -> str:
    """The full-text query a text holding a figure such as 68家 or 1141.58亿元 as written
    matches: its Chinese, and each run of digits, whole where the token bounds it (58 and 1000
    of 1141.58亿元 and 超1000亿元); a run it starts with may end a longer one (68家 in 168家),
    so it is looked for backwards, as the start of a run ("dr86" *), and one it ends with as a
    start."""
    parts = [_quoted(run) if len(run) <= 2 else _all_of(run[i : i + 2] for i in range(len(run) - 1)) for run in _cjk_run().findall(token)]
    for m in _DIGIT_RUN.finditer(token):
        run, starts, ends = m.group(), m.start() == 0, m.end() == len(token)
        if not starts and not ends:
            parts.append(_quoted(run))
        elif starts and not ends:
            parts.append(_quoted(_BACKWARDS_MARK + run[::-1]) + " *")
        elif ends and not starts:
            parts.append(_quoted(run) + " *")
    return "(" + " AND ".join(parts) + ")"


def search(
    base: FactBase, words: Sequence[str], topic: str | None = None, limit: int | None = None, index: SearchIndex | None = None
) -> list[Hit]:
    """Facts matching every term, best first; ties keep fact-base order."""
    return list(find(base, words, topic=topic, limit=limit, index=index).hits)


def _suggest(base: FactBase, index: SearchIndex, terms: list[Term]) -> tuple[str, ...]:
    """For each word that matches no fact at all, the closest terms of the fact base."""
    import difflib  # only when nothing was found

    facts = base.facts
    out: dict[str, None] = {}
    # The first few distinct words are enough to say what is near; a pasted page is not a query.
    words = {t.text: t for t in terms if t.kind in {"chinese", "words"} and len(t.text) <= 50}
    for term in list(words.values())[:_SUGGEST_FOR_WORDS]:
        if any(_term_score(term, _Fields(row), _given(fact))[0] for row, fact in zip(index.rows, facts)):
            continue
        for close in difflib.get_close_matches(term.text, index.vocabulary, n=3, cutoff=0.6):
            out[close] = None
    return tuple(out)


def explain(hit: Hit) -> str:
    """Why a fact ranked where it did, one line: each term's best field, kind of match, points."""
    return f"{hit.fact.full_id}  {hit.score:g} = " + "; ".join(hit.why)

