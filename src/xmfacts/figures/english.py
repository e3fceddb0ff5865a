"""Reading figures out of English news text: China Daily, Xinhua English, government sites.

``68 listed companies``, ``114.2 billion yuan``, ``RMB 1.14 trillion``, ``more than 4,200``,
``nearly 400``, ``over 30 percent``, ``in August 1985``. Like the Chinese reader it prefers
missing a figure to inventing one: ordinals (7th), names (5G, COVID-19) and bare numbers with
nothing after them are not read as counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from xmfacts.model import BaseUnit, Figure, Kind, Qualifier

Q = Qualifier

_MONTHS = {m: n for n, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTHS.update({m[:3]: n for m, n in list(_MONTHS.items())})
_MONTHS["sept"] = 9

_HEDGES = {
    "more than": Q.OVER, "over": Q.OVER, "above": Q.OVER, "exceeding": Q.OVER, "in excess of": Q.OVER,
    "upwards of": Q.OVER, "nearly": Q.NEARLY, "almost": Q.NEARLY, "close to": Q.NEARLY, "about": Q.ABOUT,
    "around": Q.ABOUT, "approximately": Q.ABOUT, "roughly": Q.ABOUT, "some": Q.ABOUT, "up to": Q.AT_MOST,
    "at most": Q.AT_MOST, "less than": Q.UNDER, "fewer than": Q.UNDER, "under": Q.UNDER, "below": Q.UNDER,
    "at least": Q.AT_LEAST,
}
# "m" only after a currency: RMB 800m and $20m are millions, an 800m runway is metres
_MULTIPLIERS = {"thousand": 10**3, "million": 10**6, "mln": 10**6, "mn": 10**6, "m": 10**6, "billion": 10**9, "bln": 10**9,
                "bn": 10**9, "trillion": 10**12, "tln": 10**12}
_MONEY = r"yuan|rmb|cny|renminbi"
# foreign investment and overseas firms' capital are told in dollars: never a number of yuan
_DOLLARS = r"us\$|usd|\$"
_DOLLARS_AFTER = r"(?:us\s|u\.s\.\s?)?dollars|usd"
# a number in another currency (HK$, NT$, S$, euros, pounds) is no figure xmfacts can compare
_OTHER_MONEY = re.compile(r"(?:hk|nt|s|a|c)\$$|[€£]$", re.IGNORECASE)
_UNITS: dict[str, tuple[str, int, BaseUnit]] = {
    "percentage points": ("个百分点", 1, BaseUnit.PERCENTAGE_POINT),
    "percentage point": ("个百分点", 1, BaseUnit.PERCENTAGE_POINT),
    "percent": ("%", 1, BaseUnit.PERCENT), "per cent": ("%", 1, BaseUnit.PERCENT), "%": ("%", 1, BaseUnit.PERCENT),
    "pct": ("%", 1, BaseUnit.PERCENT),  # a wire service's "rose 12.5 pct"
    "pc": ("%", 1, BaseUnit.PERCENT),  # the British financial press's "grew 5.4pc"
    "square kilometers": ("平方公里", 1, BaseUnit.KM2), "square kilometres": ("平方公里", 1, BaseUnit.KM2),
    "sq km": ("平方公里", 1, BaseUnit.KM2), "km2": ("平方公里", 1, BaseUnit.KM2),
    # a 100,000-square-meter plant: English sizes a site with a hyphened unit before the noun
    "square meters": ("平方米", 1, BaseUnit.M2), "square metres": ("平方米", 1, BaseUnit.M2), "sq m": ("平方米", 1, BaseUnit.M2),
    "square-meter": ("平方米", 1, BaseUnit.M2), "square-metre": ("平方米", 1, BaseUnit.M2),
    "square-kilometer": ("平方公里", 1, BaseUnit.KM2), "square-kilometre": ("平方公里", 1, BaseUnit.KM2),
    "gallons": ("加仑", 1, BaseUnit.GALLON), "kilowatt-hours": ("度", 1, BaseUnit.KWH), "kwh": ("度", 1, BaseUnit.KWH),
    "minutes": ("分钟", 1, BaseUnit.MINUTE), "hours": ("小时", 1, BaseUnit.HOUR), "days": ("天", 1, BaseUnit.DAY),
    "months": ("个月", 1, BaseUnit.MONTH), "years": ("年", 1, BaseUnit.YEAR),
    # a battery plant's output and a solar park's capacity, a port's cargo
    "gwh": ("吉瓦时", 10**6, BaseUnit.KWH), "mwh": ("兆瓦时", 10**3, BaseUnit.KWH), "gw": ("吉瓦", 10**6, BaseUnit.KW),
    "mw": ("兆瓦", 10**3, BaseUnit.KW), "gigawatt-hours": ("吉瓦时", 10**6, BaseUnit.KWH), "gigawatts": ("吉瓦", 10**6, BaseUnit.KW),
    "megawatts": ("兆瓦", 10**3, BaseUnit.KW), "tonnes": ("吨", 1, BaseUnit.TONNE), "tons": ("吨", 1, BaseUnit.TONNE),
}
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
_HEDGE_RE = "|".join(sorted(map(re.escape, _HEDGES), key=len, reverse=True))
# pct and pc in lower case only: 278 PCT applications are patents filed under the treaty, 500 PCs
# are computers, and neither is a percent
_UNIT_RE = "|".join(f"(?-i:{u})" if u in ("pct", "pc") else re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_MULT_RE = "|".join(sorted(_MULTIPLIERS, key=len, reverse=True))
_FIGURE = re.compile(
    rf"(?:(?P<hedge>{_HEDGE_RE})\s+)?"
    rf"(?:(?P<pre>{_MONEY}|¥|(?P<usd>{_DOLLARS}))\s?)?"
    rf"(?P<num>{_NUM})"
    rf"(?:[\s-]?(?P<mult>{_MULT_RE})\b)?"  # 100-billion-yuan, as an adjective
    rf"(?:(?:\s?|-)(?P<unit>{_UNIT_RE})(?![a-z]))?"
    rf"(?:[\s-](?:(?P<post>{_MONEY})|(?P<usd_after>{_DOLLARS_AFTER}))\b)?",
    re.IGNORECASE,
)
# 5-6 percent, 8-10 research centers, 3–5 billion yuan: a range written with a dash, in the unit
# after its second number (2021-2023 is two years, COVID-19 a name, 24-7 no figure)
_RANGE = re.compile(
    rf"(?<![\w.,/-])(?P<lo>{_NUM})\s?[-–—]\s?(?P<hi>{_NUM})(?![\w.,-]*\d)"
    rf"(?:[\s-]?(?P<mult>{_MULT_RE})\b)?"
    rf"(?:\s?(?P<unit>{_UNIT_RE})(?![a-z]))?"
    rf"(?:[\s-](?P<post>{_MONEY})\b)?",
    re.IGNORECASE,
)
# "added up to 479.141 billion yuan" sums, it sets no cap: its "up to" is no hedge
_SUMS = r"\b(?:add|amount|sum|total)(?:s|ed|ted|med|ing|ting|ming)?\s+"
_SUMS_UP = re.compile(_SUMS + "$", re.IGNORECASE)
SUMS_UP_TO = re.compile(_SUMS + r"up to\b", re.IGNORECASE)
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
MONTH_RE = _MONTH_RE  # month names and their abbreviations (lower case), for the words around a number
_DATE = re.compile(rf"\b(?:(?P<month>{_MONTH_RE})\.?\s+(?:(?P<day>\d{{1,2}}),?\s+)?)?(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"\s+(?:[\"“'‘]?[a-z][a-z&-]*[\"”'’]?\s+){0,3}?[\"“'‘]?[a-z][a-z-]*s\b", re.IGNORECASE)  # 68 (listed) companies, 82 "little giant" firms, 12 R&D institutes
# "three years ago", "two months earlier": when something was, not how long anything took
AGO = re.compile(r"\s+(?:ago|earlier|before)\b", re.IGNORECASE)
_IN_MONTH = re.compile(r"\b(?:in|since|by|from|until|of|early|late|mid-?)\s+$", re.IGNORECASE)


# Counts written as words (four national labs, Twelve firms). "one" is left out: "one of the
# firms" is far more often a phrase than a claim.
_WORD_NUMBERS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split()) if n >= 2}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_WORD_NUMBERS.update(_TENS)
# Forty-two firms is 42, not the two its last word says; a dozen is 12 (two dozen, 24)
_WORD_NUMBERS.update({f"{tens}{dash}{unit}": n + u for tens, n in _TENS.items() for unit, u in _WORD_NUMBERS.items() if u < 10
                      for dash in ("-", " ")})
_WORD_NUMBERS.update({"a dozen": 12, "dozen": 12})
# the number words of one word (Nineteen, forty-two), as extract reads them before "of the firms"
WORD_NUMBERS = {w: n for w, n in _WORD_NUMBERS.items() if " " not in w and "dozen" not in w}
# one billion yuan, five million people, twenty-five billion yuan: a number word with a
# multiplier is an amount, never a phrase ("one" included), whatever noun follows
_WORD_MULTIPLIERS = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_WORD_FIGURE = re.compile(
    rf"(?:(?P<hedge>{_HEDGE_RE})\s+)?\b(?P<word>{'|'.join(sorted(_WORD_NUMBERS, key=len, reverse=True))}|one)\b"
    rf"(?:\s+(?P<dozen>dozen)\b)?(?:\s+(?P<mult>{'|'.join(_WORD_MULTIPLIERS)})\b)?(?:\s+(?P<money>{_MONEY})\b)?",
    re.IGNORECASE,
)
_WORD_PERCENT = re.compile(r"\s+(?:percentage points?|percent|per\s+cent)\b", re.IGNORECASE)
# two-thirds of the loans is a share, read by ``xmfacts.figures.shares``: not two of something
_FRACTION_AFTER = re.compile(r"[\s-](?:thirds?|quarters?|fifths?|tenths?|halves)\b", re.IGNORECASE)


_SPAN_BEFORE = re.compile(r"\b(?:first|last|past|next|opening|previous|recent)\s+$", re.IGNORECASE)


def fraction_follows(text: str, start: int, end: int) -> bool:
    """Whether the number word at ``start``–``end`` is the numerator of a fraction (two-thirds,
    three quarters of the firms); the first three quarters counts quarters of a year."""
    return _FRACTION_AFTER.match(text, end) is not None and not _SPAN_BEFORE.search(text, max(0, start - 12), start)
# What may stand between a number written as a word and the plural noun it counts: up to two
# describing words, none of them a word of grammar ("two of the firms" is not a count of two).
_COUNTED_AFTER = re.compile(r"\s+(?:(?!(?:of|the|a|an|and|or|to|in|on|at|for|by|with|from|than|as)\b)[a-z][a-z-]*\s+){0,2}?[a-z][a-z-]*s\b", re.IGNORECASE)


# A bare number that English says is a count of what its clause counts: the two ends of "from
# 1,500 (in 2015) to 4,200". Any other bare number stays unread ("numbered 20,652" as often
# counts the nation's firms as the city's, and nothing else in its clause says which).
_PLUS = re.compile(r"(?:-plus|-odd|\+)(?![\w+])", re.IGNORECASE)
_FROM_TO_START = re.compile(r"\bfrom\s+\Z", re.IGNORECASE)
_FROM_TO = re.compile(
    r"(?:\s+(?:in|at the end of|by)\s+(?:19|20)\d\d)?\s+to\s+(?:about\s+|nearly\s+|more than\s+|over\s+)?[\d,.]*\d"
    # "from 8 to 12 percent": the first number shares the second's unit, which a bare count has not
    r"(?![\d,.]*\s*(?:%|percent|per cent|pct|pc\b|billion|million|trillion|thousand|yuan|dollars?|usd|rmb|square|sq|km|kilomet|hectares?|mu\b|times|years?|months?|days?))",
    re.IGNORECASE,
)
_FROM_TO_END = re.compile(r"\bfrom\s+[\d,.]+(?:\s+(?:in|at the end of|by)\s+(?:19|20)\d\d)?\s+to\s+\Z", re.IGNORECASE)


def _value(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def read_english(text: str) -> Iterator[tuple[int, int, Figure]]:
    """(start, end, figure) for every figure in English ``text``, in order. Never raises."""
    taken: list[tuple[int, int]] = []
    for m in _DATE.finditer(text):
        if not m.group("month") and not re.search(r"\b(?:in|since|by|of|from|until|to|end|year)\s+$", text[max(0, m.start() - 12) : m.start()], re.I):
            continue  # a bare 2018 is a date only where English says so ("in 2018", "by the end of 2018")
        if m.group("month") and m.group("month").lower() == "may" and not m.group("day") and not _IN_MONTH.search(text, max(0, m.start() - 8), m.start()):
            continue  # "may 2020" is too often the verb; "in May 2023" is the month
        year = m.group("year")
        month = _MONTHS.get((m.group("month") or "").lower().rstrip("."))
        date = year if month is None else f"{year}-{month:02d}" + (f"-{int(m.group('day')):02d}" if m.group("day") else "")
        taken.append((m.start(), m.end()))
        yield m.start(), m.end(), Figure(Kind.DATE, Q.EXACT, date=date)
    for m in _WORD_FIGURE.finditer(text):
        word, mult = m.group("word").lower(), (m.group("mult") or "").lower()
        value = Decimal(1 if word == "one" else _WORD_NUMBERS[word.replace(" ", "-") if word.replace(" ", "-") in _WORD_NUMBERS else word])
        if m.group("dozen"):
            value *= 12  # two dozen
        end = m.end("dozen") if m.group("dozen") else m.end("word")
        percent = None if mult else _WORD_PERCENT.match(text, end)
        if fraction_follows(text, m.start("word"), m.end("word")) or (word == "dozen" and not m.group("dozen")) or (
                word == "one" and not mult and not percent):
            continue  # two-thirds (a share), a lone "dozen", "one of": no count of things
        qualifier = _HEDGES.get((m.group("hedge") or "").lower(), Q.EXACT)
        if mult:
            taken.append((m.start(), m.end()))
            money = bool(m.group("money"))
            yield m.start(), m.end(), Figure(Kind.QUANTITY, qualifier, value, unit=f"{mult} yuan" if money else mult,
                                             scale=_WORD_MULTIPLIERS[mult], base_unit=BaseUnit.CNY if money else BaseUnit.NUMBER)
            continue
        if percent:
            # Eighty percent of the loans, ninety-five per cent, two percentage points: in words
            taken.append((m.start(), percent.end()))
            unit = " ".join(percent.group().lower().split())
            base = _UNITS[unit][2]
            yield m.start(), percent.end(), Figure(Kind.QUANTITY, qualifier, value, unit=unit, scale=1, base_unit=base)
            continue
        after = _COUNTED_AFTER.match(text, end)
        if after is None or re.match(r"\s*(?:years?|quarters?|months?|weeks?|days?|hours?|minutes?|times)\b", text[end:], re.IGNORECASE):
            continue  # four years is a duration, the first three quarters a period, two times a ratio: not counts of things
        taken.append((m.start(), end))
        yield m.start(), end, Figure(Kind.QUANTITY, qualifier, value, unit="", scale=1, base_unit=BaseUnit.COUNT)
    for m in _RANGE.finditer(text):
        lo, hi = _value(m.group("lo")), _value(m.group("hi"))
        if not lo < hi or (1900 <= lo <= 2099 and 1900 <= hi <= 2099) or any(a < m.end() and m.start() < b for a, b in taken):
            continue
        scale = _MULTIPLIERS.get((m.group("mult") or "").lower(), 1)
        unit_word = (m.group("unit") or "").lower()
        if m.group("post"):
            unit, base = f"{m.group('mult') or ''} yuan".strip(), BaseUnit.CNY
        elif unit_word:
            unit, base = unit_word, _UNITS[unit_word][2]
            scale *= _UNITS[unit_word][1]
        elif _NOUN_AFTER.match(text, m.end()):
            unit, base = m.group("mult") or "", BaseUnit.COUNT  # 8-10 research centers
        else:
            continue
        taken.append((m.start(), m.end()))
        yield m.start(), m.end(), Figure(Kind.RANGE, Q.RANGE, lower=lo, upper=hi, unit=unit, scale=scale, base_unit=base)
    for m in _FIGURE.finditer(text):
        s, e = m.start("num"), m.end("num")
        if any(a < e and s < b for a, b in taken):
            continue
        before, after = text[s - 1 : s], text[e : e + 1]
        if m.group("pre"):
            before = text[m.start() - 1 : m.start()]  # RMB3.5bn: the currency, written onto the number, opens the figure
        at = m.start("pre") if m.group("pre") else s
        if _OTHER_MONEY.search(text[max(0, at - 3) : at + (m.group("usd") == "$")]):
            continue  # HK$3.5bn, NT$2 billion, €3 billion: another currency
        if (before.isalpha() or before and before in "-_/#") or after.isalpha() and not m.group("mult") and not m.group("unit"):
            continue  # 5G, COVID-19, 7th, No.1
        plus = _PLUS.match(text, e) if not m.group("mult") and not m.group("unit") else None
        if plus and _NOUN_AFTER.match(text, plus.end()):
            # 30-plus research institutes, 50-odd firms, 300+ companies: that many or more
            hedge = m.group("hedge")
            start = m.start("hedge") if hedge else s
            yield start, plus.end(), Figure(Kind.QUANTITY, _HEDGES.get((hedge or "").lower(), Q.AT_LEAST), _value(m.group("num")),
                                            unit="", scale=1, base_unit=BaseUnit.COUNT)
            continue
        if after == "-" and not m.group("mult") and not m.group("unit") or text[e : e + 3] in ("st ", "nd ", "rd ", "th "):
            continue
        value = _value(m.group("num"))
        hedge = m.group("hedge") if m.group("hedge") and not _SUMS_UP.search(text[max(0, m.start() - 12) : m.start()]) else None
        qualifier = _HEDGES.get((hedge or "").lower(), Q.EXACT)
        scale = _MULTIPLIERS.get((m.group("mult") or "").lower(), 1)
        dollars = bool(m.group("usd") or m.group("usd_after"))
        money = bool(m.group("pre") or m.group("post")) and not dollars
        unit_word = (m.group("unit") or "").lower()
        if (m.group("mult") or "").lower() == "m" and not (dollars or money):
            continue
        start = m.start("hedge") if hedge else m.start("pre") if m.group("pre") else s
        end = m.end()
        if dollars:
            unit, base = (m.group("mult") or "") + " US dollars", BaseUnit.USD
        elif money:
            unit, base = (m.group("mult") or "") + " yuan", BaseUnit.CNY
        elif unit_word:
            printed, unit_scale, base = _UNITS[unit_word]
            if base in (BaseUnit.YEAR, BaseUnit.MONTH, BaseUnit.DAY) and AGO.match(text, end):
                continue  # "3 years ago": when, not how long
            # 1.2 million tonnes: the multiplier stays in the unit as written, as in "billion yuan"
            unit, scale = f"{m.group('mult')} {unit_word}" if m.group("mult") else unit_word, scale * unit_scale
        elif _NOUN_AFTER.match(text, end) and not (_YEAR_LIKE.fullmatch(m.group("num")) and not m.group("hedge") and not m.group("mult")):
            # 68 listed companies, nearly 400 firms: a count of what the noun names (the 2035
            # vision, a 2023 list: a year before a noun names it)
            unit, base = m.group("mult") or "", BaseUnit.COUNT
        elif m.group("mult"):
            unit, base = m.group("mult"), BaseUnit.NUMBER
        elif _FROM_TO_END.search(text, max(0, start - 40), start) or (_FROM_TO_START.search(text, max(0, start - 6), start) and _FROM_TO.match(text, end)):
            # "rose from 1,500 in 2015 to 4,200": the counts the clause speaks of, then and now
            unit, base = "", BaseUnit.COUNT
        else:
            continue  # a bare number: a name or an ordinal far more often than a claim
        yield start, end, Figure(Kind.QUANTITY, qualifier, value, unit=unit.strip(), scale=scale, base_unit=base)
