"""Ranking by how much of a query a fact explains, for a search whose words do not all meet in
one fact (issue 25), and the one scorer of a fact against query terms (``score_fact``), which
check may build its retrieval on.

A search first asks for facts holding every word, as typed (``engine``): when some fact does,
that is the answer, unchanged. Otherwise it widens (``widen``): each Chinese word also finds its
near-synonyms (``synonyms_zh.txt``), words typed together are cut where no fact joins them
(天马在厦投资总额 → 天马, 投资, 总额), and an English word no fact holds is tried as two
(trifold → tri fold). Every fact holding any of the words is then scored on each
(``score_fact``), each word weighted by how rare it is in the base (BM25's inverse document
frequency: 厦门, in nearly every fact, says little; 信易贷 says much), and shown if it holds
more than ``SHOWN_AT`` of the query's words and those carry more than ``SHOWN_AT`` of its
weight. A word no fact holds weighs as much as the rarest word can, so that one unknown word
among three familiar ones still lets the facts that hold the three through, and one unknown
word beside one familiar one does not.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from xmfacts.model import Fact
from xmfacts.search.prepared import Row
from xmfacts.search.query import Term, _pairs, _words_term
from xmfacts.search.score import ASKED, Hit, _Fields, _term_score
from xmfacts.search.words import chinese_synonyms, figure_kinds
from xmfacts.text import is_cjk, stem

# A fact is shown when it holds more than this share of the query's words, and the words it
# holds carry more than this share of the query's weight (the sum of each word's rarity). So a
# query of two words still needs both (授信 吞吐量 and 天马私募基金 show nothing, as before);
# of three, two that are not as common as 厦门; of four, three. A word no fact holds weighs as
# much as the rarest word can. Tuned on the tuning half of the fresh queries: a weight share of
# 0.6 hid 嘉庚創新實驗室 對外 融資 (two words of three, 0.55 of the weight).
SHOWN_AT = 0.5


@dataclass(frozen=True)
class TermMatch:
    """How one query term stands in one fact: its points (0: not there) and why."""

    term: str  # as typed (folded)
    points: float
    why: str  # field, kind of match (``explain``'s words); empty when not there


@dataclass(frozen=True)
class FactScore:
    """A fact scored against query terms: one ``TermMatch`` per term, in query order."""

    matches: tuple[TermMatch, ...]

    @property
    def explained(self) -> tuple[str, ...]:
        """The terms the fact holds."""
        return tuple(m.term for m in self.matches if m.points)

    @property
    def missing(self) -> tuple[str, ...]:
        """The terms it does not hold."""
        return tuple(m.term for m in self.matches if not m.points)


def score_fact(terms: Sequence[Term], row: Row, fact: Callable[[], Fact]) -> FactScore:
    """Score one fact against query terms (``query.parse_query``, or ``widen``'s): for each term
    the points of the best field that holds it (field weight × how directly it matched, as
    ``weights`` declares) and why, or 0. ``row`` is the fact's prepared fields
    (``prepared.prepare``); ``fact`` gives the fact itself, called only when a term is a figure.

    The same points the all-words search adds up, so a check that ties a claim to facts can
    ask which of the claim's words a fact explains and how well.
    """
    fields = _Fields(row)
    out = []
    for term in terms:
        points, why = _term_score(term, fields, fact)
        out.append(TermMatch(term.text, points, why if points else ""))
    return FactScore(tuple(out))


def rarity(facts: int, holding: int) -> float:
    """BM25's inverse document frequency of a word ``holding`` of ``facts`` facts hold; a word
    none holds counts as held by one (as rare as a word can be, not infinitely)."""
    holding = max(holding, 1)
    return math.log(1 + (facts - holding + 0.5) / (holding + 0.5))


def held(term: Term, row: Row, fact: Callable[[], Fact]) -> bool:
    """Whether a fact holds a term by the word itself (or a synonym): what a word asks of a
    figure (金额: any amount) ranks, never retrieves, so the facts scored are those the
    full-text index offers."""
    points, why = _term_score(term, _Fields(row), fact)
    return points > 0 and not why.startswith(ASKED)


def may_pass(terms: Sequence[Term], holding: Sequence[int], facts: int, holds: Sequence[bool]) -> bool:
    """Whether a fact that holds the terms marked in ``holds`` (by the word itself) can be
    shown, if it also matched every term that asks something of a figure (``rank_partial``'s
    test, at its most generous): the facts a search through the index need not score."""
    weights = [rarity(facts, n) for n in holding]
    could = [h or bool(t.asks) for t, h in zip(terms, holds)]
    share = sum(w for w, c in zip(weights, could) if c) / (sum(weights) or 1.0)
    return share > SHOWN_AT + 1e-9 and sum(could) > len(terms) * SHOWN_AT


def rank_partial(
    candidates: Iterable[tuple[Callable[[], Fact], Row]],
    terms: Sequence[Term],
    facts: int,
    limit: int | None,
    holding: Sequence[int] | None = None,
) -> tuple[list[Hit], int, tuple[str, ...]]:
    """The candidates (every fact that holds any term) that explain more than ``SHOWN_AT`` of the
    query, best first, at most ``limit``; how many did; and the terms no fact holds.

    A fact's score is the sum of each term's points times the term's rarity over the mean
    rarity of the query's terms: for words equally rare, the all-words score. Equal scores keep
    the order given (fact-base order). ``holding``: how many facts of the base hold each term,
    when the caller knows (the candidates are then only those that ``may_pass``, or a topic's
    facts: a word's rarity is the whole base's); otherwise counted over the candidates, which
    must then be every fact that holds any term.
    """
    scored: list[tuple[FactScore, Callable[[], Fact]]] = []
    counted = [0] * len(terms)
    for fact_of, row in candidates:
        score = score_fact(terms, row, fact_of)
        # A fact is a candidate, and a word counts as held, only by the word itself (see held).
        holds = [m.points > 0 and not m.why.startswith(ASKED) for m in score.matches]
        if any(holds):
            scored.append((score, fact_of))
            for i, h in enumerate(holds):
                counted[i] += h
    if holding is None:
        holding = counted
    weights = [rarity(facts, n) for n in holding]
    whole = sum(weights) or 1.0
    mean = whole / len(weights) if weights else 1.0
    unmatched = tuple(dict.fromkeys(t.text for t, n in zip(terms, holding) if not n))
    shown: list[tuple[float, tuple[str, ...], Callable[[], Fact]]] = []
    for score, fact_of in scored:
        share = sum(w for w, m in zip(weights, score.matches) if m.points) / whole
        held = sum(1 for m in score.matches if m.points)
        if share <= SHOWN_AT + 1e-9 or held <= len(terms) * SHOWN_AT:
            continue
        points = sum(m.points * w for w, m in zip(weights, score.matches)) / mean
        why = [f"{m.term}: {m.why} ({m.points:.1f} × {w / mean:.2f})" for w, m in zip(weights, score.matches) if m.points]
        missing = score.missing
        if missing:
            why.append(f"not matched: {', '.join(missing)} (explains {share:.0%} of the query)")
        shown.append((round(points, 3), tuple(why), fact_of))
    shown.sort(key=lambda h: -h[0])
    total = len(shown)
    kept = shown[:limit] if limit else shown
    return [Hit(fact_of(), points, why) for points, why, fact_of in kept], total, unmatched


def widen(terms: Sequence[Term], filed: Callable[[set[str]], set[str]]) -> list[Term]:
    """The terms of a search that widens: Chinese words with their near-synonyms, Chinese typed
    together cut into the words some fact holds, English compounds tried as two words.

    ``filed``: of some words (character pairs, English stems), those some fact is filed under.
    """
    table = chinese_synonyms()
    wanted: set[str] = set()
    for t in terms:
        if t.kind == "chinese" and t.text not in table:
            wanted.update(p for p in _pairs(t.text) if _all_cjk(p))
        elif _compound(t):
            wanted.add(stem(t.text))
            for i in range(3, len(t.text) - 2):
                wanted.update((t.text[:i], stem(t.text[i:])))
    known = filed(wanted) if wanted else set()
    out: list[Term] = []
    for t in terms:
        if t.kind == "chinese":
            out.extend(_chinese_words(t, known, table))
        elif _compound(t) and stem(t.text) not in known:
            halves = [f" {t.text[:i]} {stem(t.text[i:])} " for i in range(3, len(t.text) - 2) if t.text[:i] in known and stem(t.text[i:]) in known]
            out.append(_words_term(t.text, [t.text], t.phrases[t.same :], (*t.phrases[1 : t.same], *halves)) if halves else t)
        else:
            out.append(t)
    return list({(t.kind, t.text): t for t in out}.values())


def _compound(term: Term) -> bool:
    # at most 24 letters: every cut of the word is looked up, and a pasted run of letters is no compound
    return term.kind == "words" and 6 <= len(term.text) <= 24 and term.text.isalpha() and term.text.isascii()


def _all_cjk(text: str) -> bool:
    return all(is_cjk(c) for c in text)


def _chinese_words(term: Term, known: set[str], table: dict[str, tuple[str, ...]]) -> list[Term]:
    """A Chinese term as the words some fact holds, each with its near-synonyms.

    A word in the synonym table stays whole. One typed together with others (two runs or more
    of character pairs some fact holds, parted by pairs none holds) becomes those runs: the
    characters between them name nothing the base has. A misspelling (信易代: one run) stays as
    typed, for "did you mean".
    """
    text = term.text
    if text in table or text in figure_kinds() or len(text) <= 2 or not _all_cjk(text):
        return [_with_synonyms(text, table)]
    runs: list[str] = []
    current = ""
    for pair in _pairs(text):
        if pair in known:
            current = current + pair[1] if current else pair
        else:
            if current:
                runs.append(current)
            current = ""
    if current:
        runs.append(current)
    if len(runs) < 2:
        return [_with_synonyms(text, table)]
    return [_with_synonyms(run, table) for run in runs]


def _with_synonyms(text: str, table: dict[str, tuple[str, ...]]) -> Term:
    bigrams = frozenset(_pairs(text)) if len(text) > 2 else frozenset()
    alternatives = tuple(Term(s, "chinese", bigrams=frozenset(_pairs(s)) if len(s) > 2 else frozenset()) for s in table.get(text, ()))
    return Term(text, "chinese", bigrams=bigrams, alternatives=alternatives, asks=figure_kinds().get(text, frozenset()))
