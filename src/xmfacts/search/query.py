"""Reading what a reporter typed: Chinese runs (with question words cut out and words typed
together found), English words, pinyin syllables and initials, and figures (68家, 1141.58亿元,
114.2 billion yuan) as ``Term``s.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import TYPE_CHECKING

from xmfacts.errors import UsageError
from xmfacts.model import BaseUnit, Figure, Kind, Qualifier
from xmfacts.search.prepared import _BACKWARDS_MARK, Row, SearchIndex, _cjk_run
from xmfacts.search.words import _DIGIT_RUN, english_words, spellings, split_query, synonyms
from xmfacts.text import has_cjk, is_cjk, stem

if TYPE_CHECKING:
    from xmfacts.figures.interval import Interval


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


_ZH_FILLER_CHARS = frozenset("多几哪什请吗呢啊呀")


_ZH_PARTICLES = "是的了呢吗啊呀"  # cut from the ends of a question's pieces  # one of them is in every phrase above


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


_PERCENT = frozenset({"%", "percent", "pct", "pc"})


# Hedges, as check reads them (docs/fact-format.md): before a Chinese number, after its
# multiplier or unit, and English words before a number (over RMB 750 billion).
_ZH_HEDGES = {
    "超过": Qualifier.OVER, "超": Qualifier.OVER, "逾": Qualifier.OVER, "过": Qualifier.OVER,
    "将近": Qualifier.NEARLY, "近": Qualifier.NEARLY, "约": Qualifier.ABOUT, "大约": Qualifier.ABOUT,
    "不到": Qualifier.UNDER, "不足": Qualifier.UNDER, "最高": Qualifier.AT_MOST, "达": Qualifier.EXACT,
}
_ZH_HEDGES_AFTER = {"余": Qualifier.AT_LEAST, "多": Qualifier.AT_LEAST, "左右": Qualifier.ABOUT}
_EN_HEDGES = {
    ("nearly",): Qualifier.NEARLY, ("almost",): Qualifier.NEARLY,
    ("about",): Qualifier.ABOUT, ("around",): Qualifier.ABOUT, ("approximately",): Qualifier.ABOUT, ("roughly",): Qualifier.ABOUT,
    ("some",): Qualifier.ABOUT,
    ("over",): Qualifier.OVER, ("above",): Qualifier.OVER, ("more", "than"): Qualifier.OVER,
    ("under",): Qualifier.UNDER, ("below",): Qualifier.UNDER, ("less", "than"): Qualifier.UNDER, ("fewer", "than"): Qualifier.UNDER,
    ("up", "to"): Qualifier.AT_MOST,
}


class QueryNumber:
    """A figure as typed: value × multiplier, good to ± its last digit, in a unit (or any), and
    the hedge typed with it (近1150亿, about 1,600), which makes it an interval as check reads one."""

    __slots__ = ("value", "step", "multiplier", "base", "bare", "qualifier")

    def __init__(
        self, value: Decimal, step: Decimal, multiplier: int = 1, base: BaseUnit | None = None, qualifier: Qualifier = Qualifier.EXACT
    ) -> None:
        self.value = value
        self.step = step  # its last digit's place: 1141.6 → 0.1
        self.multiplier = multiplier
        self.base = base  # None: any unit
        # No multiplier and no unit: may also be the number as printed (1141 for 1141.58亿元).
        self.bare = multiplier == 1 and base is None
        self.qualifier = qualifier

    def interval(self, multiplier: int | None = None) -> Interval | None:
        """The values a hedged figure stands for, by check's one rule (``figures.interval``);
        None for a figure typed without a hedge, which matches what rounds or cuts to it."""
        if self.qualifier is Qualifier.EXACT:
            return None
        from xmfacts.figures.interval import interval_of  # only for a hedged figure: a lookup imports no more

        figure = Figure(Kind.QUANTITY, self.qualifier, self.value, scale=self.multiplier if multiplier is None else multiplier)
        return interval_of(figure)


class Term:
    """One thing the query asks for, and every way it may be found."""

    __slots__ = (
        "text", "kind", "phrases", "prefix", "pinyin", "initials", "number", "text_pattern", "written", "bigrams", "parts", "letters",
        "words", "same", "alternatives", "asks",
    )

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
        same: int = 1,
        alternatives: tuple[Term, ...] = (),
        asks: frozenset[str] = frozenset(),
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
        self.same = same  # words: how many of ``phrases`` score as the word typed (its spellings: r&d, r and d)
        self.alternatives = alternatives  # chinese: its near-synonyms (synonyms_zh.txt), looked at when a search widens
        self.asks = asks  # chinese: the kinds of figure it asks for (金额: CNY), when a search widens

    def __repr__(self) -> str:
        return f"Term({self.text!r}, {self.kind!r})"


# Pinyin as printed or typed with tones: marks on the vowels (xìnyìdài, Xiàmén; ǖ for ü) or a
# digit after each syllable (xin4yi4dai4, lv4). The index spells pinyin without tones, ü as v.
_TONE_MARKED = frozenset("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ")
_TONE_NUMBERED = re.compile(r"(?:[a-z]+[1-5])+[a-z]*")


def toneless(token: str, syllables: frozenset[str] = frozenset()) -> str:
    """A pinyin token with its tones dropped; any other token as it was.

    A token with tone digits is read as pinyin only when every letter run before a digit is a
    syllable of the fact base (``syllables``; when none are given, letters with a vowel): 4.2bn,
    h1 or x86 are not pinyin.
    """
    if not _TONE_MARKED.isdisjoint(token):
        token = token.replace("ü", "v").replace("ǖ", "v").replace("ǘ", "v").replace("ǚ", "v").replace("ǜ", "v")
        return "".join(c for c in unicodedata.normalize("NFD", token) if not unicodedata.combining(c))
    if token[-1:].isdigit() or any(c.isdigit() for c in token[1:]):
        match = _TONE_NUMBERED.fullmatch(token.replace("u:", "v"))
        if match is not None:
            runs = re.split(r"[1-5]", match.group())
            if all(not run or (run in syllables if syllables else _spellable(run)) for run in runs):
                return "".join(runs)
    return token


def _spellable(run: str) -> bool:
    """Without the fact base's syllables: letters that may be a syllable (a vowel, two letters at least)."""
    return len(run) >= 2 and not set(run).isdisjoint("aeiouv")


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
        rf"(?P<after1>余|多)?(?:(?P<multiplier>{multipliers})|(?P<english>{english})(?![a-z]))?"
        rf"(?P<after2>余|多)?(?P<unit>{units})?(?P<after3>余|多|左右)?"
    )


@cache
def _figure_token() -> re.Pattern[str]:
    """A whole token that is a figure: ¥1141.58, rmb114.16, 1141.58亿, 超1000亿元, 2.3万余家, 29.2%, 4.2bn."""
    hedges = "|".join(sorted(_ZH_HEDGES, key=len, reverse=True))
    return re.compile(rf"(?P<currency>rmb|cny|¥)?(?P<hedge>{hedges})?(?P<number>\d+(?:\.\d+)?){_unit_pattern()}")


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
    return QueryNumber(value, step, multiplier, BaseUnit.CNY if match["currency"] else base, _hedge_of(match))


def _hedge_of(match: re.Match[str]) -> Qualifier:
    """The hedge a figure token is typed with: 近1150亿, 1600余家, 5亿元左右."""
    groups = match.groupdict()
    if groups.get("hedge"):
        return _ZH_HEDGES[groups["hedge"]]
    for after in ("after1", "after2", "after3"):
        if groups.get(after):
            return _ZH_HEDGES_AFTER[groups[after]]
    return Qualifier.EXACT


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
        elif i + 1 < len(tokens) and (tokens[i], _strip_edges(tokens[i + 1])) == ("per", "cent"):  # 40 per cent
            base = BaseUnit.PERCENT
            taken.append("per cent")
            i += 2
        if items and isinstance(items[-1], str) and _strip_edges(items[-1]) in _CURRENCY:
            base = BaseUnit.CNY
            taken.insert(0, _strip_edges(items.pop()))
        qualifier = number.qualifier
        for hedge in sorted(_EN_HEDGES, key=len, reverse=True):
            before = [_strip_edges(t) for t in items[-len(hedge) :] if isinstance(t, str)]
            if qualifier is Qualifier.EXACT and len(items) >= len(hedge) and tuple(before) == hedge:
                qualifier = _EN_HEDGES[hedge]
                del items[-len(hedge) :]
                taken.insert(0, " ".join(hedge))
                break
        number = QueryNumber(number.value, number.step, multiplier, base, qualifier)
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


def _words_term(text: str, words: list[str], alternatives: tuple[str, ...] = (), spelled: tuple[str, ...] = ()) -> Term:
    phrase = f" {' '.join(stem(w) for w in words)} "
    letters = "".join(words)
    plain = len(words) == 1 and letters.isalpha() and letters.isascii()
    if len(words) > 1 and "-" in text and letters.isalpha():
        spelled = (*spelled, f" {stem(letters)} ")  # tri-fold is also trifold
    spelled = tuple(p for p in dict.fromkeys(spelled) if p != phrase)
    alternatives = tuple(p for p in alternatives if p != phrase and p not in spelled)
    return Term(
        text,
        "words",
        same=1 + len(spelled),
        phrases=(phrase, *spelled, *alternatives),
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
    question = False
    if not _ZH_FILLER_CHARS.isdisjoint(token):
        cut = _zh_filler().sub(" ", token)
        question, token = cut != token, cut
    for piece in token.split():
        piece = _strip_edges(piece)
        if question:
            # 天马是哪一年落户厦门的: the particles around a question word ask nothing (是, 的, 了)
            piece = piece.rstrip(_ZH_PARTICLES) or piece
            piece = piece.lstrip(_ZH_PARTICLES) or piece
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
    tokens = [toneless(t, syllables) for t in split_query(words, index.stable if index is not None else frozenset())]
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
            found = english_words(token)
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
    spelled = spellings()
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
            if (key in table or key in spelled) and (n > 1 or run[0][1] not in _EN_FILLER):
                text = " ".join(token for _, token, _ in run)
                out.append((run[0][0], _words_term(text, words, table.get(key, ()), spelled.get(key, ()))))
                i += n
                break
        else:
            position, token, words = latin[i]
            i += 1
            if token in _EN_FILLER:
                continue
            out.append((position, _words_term(token, words, (), _hyphen_spellings(token, words))))
    return _join_syllables(out, syllables)


def _hyphen_spellings(token: str, words: list[str]) -> tuple[str, ...]:
    """How a word typed with a hyphen may be written in one: 'tri-fold' as 'trifold'."""
    if len(words) > 1 and "-" in token and all(w.isalpha() for w in words):
        return (f" {stem(''.join(words))} ",)
    return ()


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


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _all_of(words: Iterable[str]) -> str:
    return "(" + " AND ".join(_quoted(w) for w in dict.fromkeys(words)) + ")"


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
