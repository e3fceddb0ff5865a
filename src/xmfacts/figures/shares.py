"""Shares said in words: half (一半, 半数, 过半, nearly half) and fractions (1/4, 三分之一).

The number reader leaves these alone for check's sake (it prefers missing a figure to inventing
one, and 一半 is as often "one of two halves" as a share). Two readers still want them, and
both read them here, by one rule, so that what one drafts the other finds:

- ``xmfacts extract`` drafts each as a share in % (一半 is 50 %, 三分之一 33.33 %), and a
  curator reviews it;
- ``xmfacts validate`` (and ``add --source-text``) traces a fact's figure to its quote, and a
  quote that says 一半以上 states 超50 % though it prints no "%".
"""

from __future__ import annotations

import re
from decimal import Decimal

from xmfacts.figures.reader import Reading
from xmfacts.model import BaseUnit, Figure, Kind, Qualifier
from xmfacts.text import fold_in_place, has_cjk

# 的一半 (half of what was named), 占一半, a hedge before or after 一半/半数, or 过半 ending its clause
_HALF = re.compile(r"(?P<hedge>超过|接近|将近|近|约|逾|过|占|(?<=的))?(?P<half>一半|半数)(?P<after>以上|左右)?"
                   r"|(?P<over>过半)(?:数)?(?=\s*(?:[，,。；;！!？?、]|$))")
# 接近福建全省的一半: the hedge that opens the phrase whose 的 the half is of
_HEDGE_OPENS = re.compile(r"(?P<hedge>超过|接近|将近|约占|约)[^，,。；;、]{1,10}的$")
_AFTER = {"以上": Qualifier.OVER, "左右": Qualifier.ABOUT}
_HEDGES = {"超过": Qualifier.OVER, "逾": Qualifier.OVER, "过": Qualifier.OVER, "接近": Qualifier.NEARLY,
           "将近": Qualifier.NEARLY, "近": Qualifier.NEARLY, "约": Qualifier.ABOUT, "约占": Qualifier.ABOUT, "占": Qualifier.EXACT}
# 占上海全市的1/3, 相当于全市的近1/2, 占全省的三分之一: a fraction of a whole is a share too,
# said as half is (after 的 or a hedge); 2024/1/3 and 1/3 alone are not
_FRACTION = re.compile(r"(?P<hedge>超过|接近|将近|近|约|逾|过|占|(?<=的))?(?<![0-9/.])"
                       r"(?:(?P<n>[1-9])\s*/\s*(?P<d>[1-9]|10)(?![0-9/.%])|(?P<cd>[二两三四五六七八九十])分之(?P<cn>[一二三四五六七八九]))"
                       r"(?P<after>以上|左右)?")
# nearly half of Xiamen's total, more than half, accounting for half: English says half as a share
# only after a hedge or a verb of sharing ("the first half of 2024" is a period, "half a year" a span)
_EN_HALF = re.compile(r"\b(?:(?P<hedge>nearly|almost|close to|about|around|roughly|more than|over|less than|under|at least)"
                      r"|(?P<verb>(?:accounts?|accounted|accounting)\s+for|makes?\s+up|made\s+up|representing))\s+(?P<half>half)\b(?!\s+an?\b)",
                      re.IGNORECASE)
# two-thirds of the loans, a third of the firms, nearly a quarter of the output: a fraction said in
# words is a share of what follows its "of"; the first three quarters of 2024 is a period
_EN_FRACTION = re.compile(r"\b(?:(?P<hedge>nearly|almost|close to|about|around|roughly|more than|over|less than|under|at least)\s+)?"
                          r"(?<!first )(?<!last )(?<!past )(?<!next )(?<!opening )"
                          r"(?P<n>an?|one|two|three|four)[\s-](?P<d>third|quarter|fifth|tenth)s?\b"
                          r"(?=(?P<of>\s+of\b))(?!\s+of\s+(?:(?:19|20)\d\d|this year|last year|the year)\b)", re.IGNORECASE)
# rose by a fifth, fell by nearly a third: a change said as a fraction is one in percent
_EN_FRACTION_BY = re.compile(r"\b(?P<verb>rose|grew|increased|climbed|jumped|fell|dropped|declined|shrank|(?:was|were)\s+(?:up|down))\s+by\s+"
                             r"(?:(?P<hedge>nearly|almost|close to|about|around|roughly|more than|over|less than|at least)\s+)?"
                             r"(?P<n>an?|one|two|three|four)[\s-](?P<d>third|quarter|fifth|tenth)s?\b(?!\s+of\b)", re.IGNORECASE)
_EN_DIGITS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
_EN_HEDGES = {"nearly": Qualifier.NEARLY, "almost": Qualifier.NEARLY, "close to": Qualifier.NEARLY, "about": Qualifier.ABOUT,
              "around": Qualifier.ABOUT, "roughly": Qualifier.ABOUT, "more than": Qualifier.OVER, "over": Qualifier.OVER,
              "less than": Qualifier.UNDER, "under": Qualifier.UNDER, "at least": Qualifier.AT_LEAST}
_DIGIT_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def worded_shares(text: str, *, of_something: bool = True) -> list[Reading]:
    """Every share ``text`` says in words, in order: 一半 and 半数 (50 %), 过半, fractions (1/4,
    三分之一, to two places: 33.33 %) and, in English, half after a hedge or a verb of sharing,
    fractions of something (two-thirds of, a quarter of) and changes by a fraction (rose by a fifth).

    With ``of_something`` (the default) a share must be said of something: after 的 or a hedge
    (接近全省的一半, 占一半, 半数以上) or before 的 (三分之一的企业). 另一半时间 and 一半是… are one
    of two halves, and 1/3
    alone may be a ratio, so running text keeps them out. A quote traced for a fact already
    recorded as a share passes ``of_something=False``: there the fact says what to look for.
    """
    simplified = fold_in_place(text)  # 過半 and 約佔 read as 过半 and 约占; offsets are kept
    found: list[Reading] = []

    def share(m: re.Match[str], value: Decimal, hedges: dict[str, Qualifier], at: int | None = None) -> None:
        named = m.group("hedge") is not None or any(m.groupdict().get(g) for g in ("after", "over", "verb", "of"))
        # 三分之一的企业, 一半的企业: a share of what follows its 的 (另一半的时间 is the other half)
        named = named or (simplified.startswith("的", m.end()) and not simplified.startswith("另", max(0, m.start() - 1)))
        if of_something and not named:
            return
        qualifier = _AFTER.get(m.groupdict().get("after") or "") or hedges.get((m.group("hedge") or "").lower(), Qualifier.EXACT)
        if m.groupdict().get("over"):
            qualifier = Qualifier.OVER
        opens = _HEDGE_OPENS.search(simplified[max(0, m.start() - 14) : m.start()]) if m.group("hedge") == "" else None
        if opens and qualifier is Qualifier.EXACT:
            qualifier = _HEDGES[opens.group("hedge")]  # 接近福建全省的一半
        start = m.start() if at is None else at
        figure = Figure(Kind.QUANTITY, qualifier, value, unit="%", scale=1, base_unit=BaseUnit.PERCENT)
        found.append(Reading(text[start : m.end()], start, m.end(), figure))

    for m in _HALF.finditer(simplified):
        share(m, Decimal(50), _HEDGES)
    for m in _FRACTION.finditer(simplified):
        n = int(m.group("n")) if m.group("n") else _DIGIT_CN[m.group("cn")]
        d = int(m.group("d")) if m.group("d") else _DIGIT_CN[m.group("cd")]
        if 0 < n < d:
            # 1/3 is 33.33 %: to two places, as a share is printed; a draft's note says what the text said
            share(m, (Decimal(100 * n) / d).quantize(Decimal("0.01")).normalize(), _HEDGES)
    # English words only in English sentences: a page may hold both languages, line by line
    for m in _EN_HALF.finditer(text):
        if not _among_chinese(text, m):
            share(m, Decimal(50), _EN_HEDGES, at=m.start("hedge") if m.group("hedge") else m.start("half"))
    for m in _EN_FRACTION.finditer(text):
        n, d = _EN_DIGITS[m.group("n").lower()], _EN_DIGITS[m.group("d").lower()]
        if n < d and not _among_chinese(text, m):
            share(m, (Decimal(100 * n) / d).quantize(Decimal("0.01")).normalize(), _EN_HEDGES, at=m.start())
    for m in _EN_FRACTION_BY.finditer(text):
        n, d = _EN_DIGITS[m.group("n").lower()], _EN_DIGITS[m.group("d").lower()]
        if n < d and not _among_chinese(text, m):
            share(m, (Decimal(100 * n) / d).quantize(Decimal("0.01")).normalize(), _EN_HEDGES,
                  at=m.start("hedge") if m.group("hedge") else m.start("n"))
    return sorted(found, key=lambda r: r.start)


def _among_chinese(text: str, m: re.Match[str]) -> bool:
    return has_cjk(text[max(0, m.start() - 20) : m.end() + 20])


def is_worded_share(r: Reading) -> bool:
    """A share read from words (一半, 过半, 1/3, 三分之一, nearly half): it prints no %."""
    return r.figure.unit == "%" and not re.search(r"[%％]|百分之", r.text)
