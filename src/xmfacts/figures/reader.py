"""Reading figures out of Chinese news text, and the intervals they stand for.

A figure is a number (Arabic or Chinese) with an optional multiplier, unit and hedge
words; see NOTES.md "Reading Chinese numbers". The reader scans a normalized copy of the
text (NFKC per character, so offsets map back) with one precompiled regex, then looks at
a few characters around each hit. It prefers missing a figure to inventing one: a
fact-checker is hurt more by a false alarm on 一大难题 than by a figure it must check by eye.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import MAX_PREC, Decimal, localcontext
from functools import lru_cache
from typing import NamedTuple

from xmfacts.figures import plain_number
from xmfacts.model import BaseUnit, Kind, Qualifier
from xmfacts.units import MULTIPLIERS, Unit, base_spellings_longest_first, parse_unit

Q = Qualifier


@dataclass(frozen=True)
class Reading:
    """One figure found in a text; offsets and text refer to the original input."""

    text: str
    start: int
    end: int
    kind: Kind
    qualifier: Qualifier
    value: Decimal | None
    lower: Decimal | None
    upper: Decimal | None
    unit: str
    scale: int
    base_unit: BaseUnit | None
    date: str | None
    is_change: bool = False


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
# Thousands groups only when exactly three digits follow each comma; 万/亿 are multipliers, never part of the numeral.
_ARABIC = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
_CHINESE = r"[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?"
_NUMBER = re.compile(rf"(?P<pct>百分之)?(?:(?P<ar>{_ARABIC})|(?P<cn>{_CHINESE}))")
_M_CN, _D_CN = "十[一二]?|[一二三四五六七八九]", "三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
_M, _D = rf"1[0-2]|0?[1-9]|{_M_CN}", rf"3[01]|[12][0-9]|0?[1-9]|{_D_CN}"
_DATE = re.compile(
    rf"(?P<y>[0-9]{{4}}|[〇零一二三四五六七八九]{{4}})年(?:(?P<m>{_M})月(?:(?P<d>{_D})[日号])?)?"
    rf"|(?P<m2>{_M})月(?P<d2>{_D})[日号]"
)
_ALT = "|".join
_BASE = re.compile(_ALT(map(re.escape, base_spellings_longest_first())))
_MULT = re.compile(_ALT(sorted(MULTIPLIERS, key=len, reverse=True)))
_MULT_CN = re.compile("万亿|亿|万")  # a Chinese numeral has already eaten 千/百: 三千万 = 3000 万
# Idioms and names whose numerals are not counts; blanked (same length) before scanning.
_IDIOMS = re.compile(_ALT("""千家万户 千方百计 成百上千 成千上万 千千万万 万无一失 一五一十 三来一补 千军万马
    千变万化 三番五次 七上八下 九牛一毛 三天两头 一石二鸟 五花八门 四面八方 一心一意 十全十美 三心二意 一掷千金
    一成不变 一举两得 独一无二 一国两制 十万火急 两张皮 从0到1 从零到一""".split()))
# Hedge words directly before a number, longest first; 达 only says "reaches" (exact).
_BEFORE = {"不超过": Q.AT_MOST, "不高于": Q.AT_MOST, "将近": Q.NEARLY, "接近": Q.NEARLY, "大约": Q.ABOUT, "超过": Q.OVER,
           "不到": Q.UNDER, "不足": Q.UNDER, "最高": Q.AT_MOST, "可达": Q.AT_MOST, "达到": Q.EXACT,
           "高达": Q.EXACT, "近": Q.NEARLY, "约": Q.ABOUT, "超": Q.OVER, "逾": Q.OVER, "过": Q.OVER, "达": Q.EXACT}
# A one-character hedge preceded by one of these is the tail of a word (经过, 签约, 最近), not a hedge.
_NOT_HEDGE = {"过": set("经通不度错越穿跨闯看做有没说去来见走听想试用受吃住当路胜好难放反改回结其"),
              "约": set("签节制合预契相邀赴履违践特公条守解婚隐简"), "近": set("最附靠邻亲贴就远"),
              "超": set("赶高招"), "达": set("通发传表抵送转雷马")}
_AFTER = {"左右": Q.ABOUT, "以上": Q.OVER, "以下": Q.AT_MOST, "以内": Q.AT_MOST}
_RANGE_SEPS = set("—–―-~〜至到")
_CHANGE = re.compile("增长|增加|增速|下降|减少|提高|降低|上涨|下跌|增幅|同比|环比")
_NOT_CHANGE_NEXT = set("值极点至到")  # 增加值 is a level, 增长至X gives the new level
_CLAUSE_END = set("，,。；;：:！!？?\n、")
_TIME_BASES = {BaseUnit.YEAR, BaseUnit.MONTH, BaseUnit.DAY}
_ONE_WORD_BEFORE = set("第统之唯同单专合万划逐不归其任周整独")  # 统一, 之一, 万一 …
_BLANK = "\ufffc"
_BARE = Unit("", 1, BaseUnit.NUMBER)
_BASE_SET = frozenset(base_spellings_longest_first())


@lru_cache(maxsize=4096)
def _nfkc(ch: str) -> str:
    # ，(U+FF0C) is the Chinese clause comma, never a thousands separator; circled and
    # superscript numbers (category No: ①, ²) are list markers, not figures.
    if ch == "，" or unicodedata.category(ch) == "No":
        return ch
    return unicodedata.normalize("NFKC", ch)


def _normalize(text: str) -> tuple[str, list[int] | None]:
    """NFKC character by character, with the original index of every output character (None = identity)."""
    if text.isascii():
        return text, None
    pieces = [c if "\u4e00" <= c <= "\u9fff" else _nfkc(c) for c in text]
    norm = "".join(pieces)
    if len(norm) == len(text) and "" not in pieces:
        return norm, None
    return norm, [i for i, p in enumerate(pieces) for _ in p]


def _cn_int(s: str) -> int | None:
    """二十三 -> 23, 一百零五 -> 105, 三千五 -> 3500, 百 -> 100; None for 三四 / 千百 (vague or malformed)."""
    total, digit, last_unit, zero = 0, None, 10**4, False
    for ch in s:
        if ch in _CN_DIGITS:
            if digit is not None:
                return None  # 三四, 十三五: two digits in a row is an estimate or a name
            if _CN_DIGITS[ch] == 0:
                zero = True
            else:
                digit = _CN_DIGITS[ch]
        else:
            unit = _CN_UNITS[ch]
            if unit >= last_unit or (digit is None and total and not zero):
                return None
            total, digit, last_unit, zero = total + (digit or 1) * unit, None, unit, False
    if digit is not None:  # 二十三: units digit; 三千五: abbreviated next place
        total += digit if zero or last_unit == 10**4 else digit * last_unit // 10
    return total


def _number_value(ar: str | None, cn: str | None) -> Decimal | None:
    if ar:
        return Decimal(ar.replace(",", ""))
    whole, _, frac = (cn or "").partition("点")
    if not whole or (len(whole) > 1 and all(c in _CN_DIGITS for c in whole)):
        return None  # 二〇二四 without 年 is not a quantity
    value = _cn_int(whole)
    if value is None:
        return None
    return Decimal(f"{value}.{''.join(str(_CN_DIGITS[c]) for c in frac)}") if frac else Decimal(value)


def _tail(norm: str, p: int, arabic: bool) -> tuple[str, bool, int]:
    """What follows a number at p: (unit incl. multiplier, whether 余/多 was seen, end)."""
    hedged = norm[p : p + 1] in ("余", "多")
    p += hedged
    direct = _BASE.match(norm, p)
    mult = (_MULT if arabic else _MULT_CN).match(norm, p)
    if mult:
        q = mult.end()
        inner = not hedged and norm[q : q + 1] in ("余", "多")  # 2.3万多家
        base = _BASE.match(norm, q + inner)
        unit = mult.group()
        if base and parse_unit(unit + base.group()) is not None:
            unit += base.group()
        end = q + inner + len(unit) - len(mult.group())
        # 3千瓦时 is a base unit, not 3千 + 瓦时: the longer reading wins, a tie goes to the base spelling.
        if direct is None or end > direct.end():
            return unit, hedged or inner, end
    if direct:
        return direct.group(), hedged, direct.end()
    return "", hedged, p


def _prefix(norm: str, s: int) -> tuple[Qualifier, int]:
    """The hedge word directly before s, and its length."""
    for k in (3, 2, 1):
        q = _BEFORE.get(norm[s - k : s]) if s >= k else None
        if q is not None:
            if k == 1 and s >= 2 and norm[s - 2] in _NOT_HEDGE.get(norm[s - 1], ()):
                return Q.EXACT, 0
            return q, k
    return Q.EXACT, 0


def _is_change(norm: str, s: int) -> bool:
    """A change word (增长, 同比 …) within the same clause, at most ~4 characters before s."""
    lo = max(0, s - 6)
    window = norm[lo:s]
    for i, ch in enumerate(reversed(window)):
        if ch in _CLAUSE_END:
            lo, window = s - i, window[len(window) - i :]
            break
    return any(norm[lo + m.end() : lo + m.end() + 1] not in _NOT_CHANGE_NEXT for m in _CHANGE.finditer(window))


def _date_at(norm: str, s: int) -> tuple[str, int] | None:
    """A date starting at s as (ISO-ish string, end); a year must be 1900-2099 (2011年 vs 20年)."""
    m = _DATE.match(norm, s)
    if m is None:
        return None
    if m.group("y"):
        y = m.group("y")
        year = int(y) if y.isascii() else int("".join(str(_CN_DIGITS[c]) for c in y))
        if not 1900 <= year <= 2099:
            return None
        if m.group("m") is None:
            return f"{year}", m.end()
        day = f"-{_small(m.group('d')):02d}" if m.group("d") else ""
        return f"{year}-{_small(m.group('m')):02d}{day}", m.end()
    return f"--{_small(m.group('m2')):02d}-{_small(m.group('d2')):02d}", m.end()


def _small(t: str) -> int:
    """A month or day number, Arabic or Chinese (the date regex guarantees it is valid)."""
    return int(t) if t.isascii() else int(_number_value(None, t) or 0)


def _letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _ascii_word(norm: str, s: int, e: int) -> bool:
    """5G, H2O, COVID-19, PM2.5: digits glued to ASCII letters belong to a name."""
    b = norm[s - 1 : s]
    if _letter(b) or _letter(norm[e : e + 1]):
        return True
    return b in ("-", "_", "/", ".") and s >= 2 and norm[s - 2].isascii() and norm[s - 2].isalnum()


class _Figure(NamedTuple):
    """A figure found in the normalized text, before offsets are mapped back."""

    start: int
    end: int
    kind: Kind
    qualifier: Qualifier
    value: Decimal | None = None
    lower: Decimal | None = None
    upper: Decimal | None = None
    unit: str = ""
    date: str | None = None


def _read_at(norm: str, m: re.Match[str]) -> tuple[int, _Figure | None]:
    """Read the figure whose number the regex found; returns (where to resume, figure or None)."""
    s, e = m.start(), m.end()
    ar, cn, pct = m.group("ar"), m.group("cn"), m.group("pct")
    before, after = norm[s - 1 : s], norm[e : e + 1]
    if before in ("第", "+") or after in ("+", "几", "来") or _ascii_word(norm, s, e):
        return e, None  # ordinals, 4+4+6, 十几 / 十来个, 5G
    if cn == "一" and before in _ONE_WORD_BEFORE:
        return e, None  # 统一, 之一, 万一
    if cn and before in ("数", "几", "上", "成", "好") and cn[0] in _CN_UNITS:
        return e, None  # 数十, 几百, 上千: vague amounts
    if not pct and (date := _date_at(norm, s)):
        return date[1], _Figure(s, date[1], Kind.DATE, Q.EXACT, date=date[0])
    value = _number_value(ar, cn)
    if value is None or (not pct and after in ("月", "日", "号")):
        return e, None  # 9月末, 1号孵化器: a month or a label, not an amount
    if pct:
        unit, hedged, end = "%", after in ("余", "多"), e + (after in ("余", "多"))
    else:
        unit, hedged, end = _tail(norm, e, bool(ar))
    hq, hlen = _prefix(norm, s)
    if not hedged and not pct and norm[end : end + 1] in _RANGE_SEPS:
        k = end + 1 + (norm[end : end + 2] == "——")
        m2 = _NUMBER.match(norm, k)
        # The digit before "-" is our own first number: only a letter after the second one disqualifies it.
        if m2 and not m2.group("pct") and not _letter(norm[m2.end() : m2.end() + 1]):
            if ar and len(ar) == 4 and 1900 <= value <= 2099 and _date_at(norm, k):
                return e, _Figure(s, e, Kind.DATE, Q.EXACT, date=ar)  # 2021—2023年: two years
            v2 = _number_value(m2.group("ar"), m2.group("cn"))
            unit2, hedged2, end2 = _tail(norm, m2.end(), bool(m2.group("ar")))
            if v2 is not None and not hedged2 and v2 >= value and unit2.startswith(unit):
                if value == 0 and v2 == 1 and unit2 == "":
                    return end2, None  # 0到1 is an idiom, not a range
                end2 += _suffix(norm, end2, True)[1]
                return end2, _Figure(s - hlen, end2, Kind.RANGE, Q.RANGE, lower=value, upper=v2, unit=unit2)
    base = (parse_unit(unit) or _BARE).base
    if cn and len(cn) == 1 and not pct:
        has_base = unit not in MULTIPLIERS and unit != ""
        if not (has_base or hedged or (unit and cn not in _CN_UNITS)):
            return end, None  # 千金, 三折, 千万(不要): a lone character with no unit is a word
        if cn == "一" and ((base is BaseUnit.COUNT and unit in _BASE_SET) or after == "度"):
            return end, None  # 一家企业 = "a company", 一度 = "once"; but 一万多家 is a count
    if before == "近" and norm[s - 2 : s - 1] not in ("将", "接") and base in _TIME_BASES:
        return end, None  # 近三年, 最近3年 = "in the last three years": a time expression, not 将近三年
    sq, slen = _suffix(norm, end, hedged)
    qualifier = next((q for q in (hq, Q.AT_LEAST if hedged else Q.EXACT, sq) if q is not Q.EXACT), Q.EXACT)
    return end + slen, _Figure(s - hlen, end + slen, Kind.QUANTITY, qualifier, value=value, unit=unit)


def _suffix(norm: str, p: int, hedged: bool) -> tuple[Qualifier, int]:
    """左右 / 以上 / 以下 after the unit; a trailing 多 only at a clause end (一年多，) not in 多元."""
    if (q := _AFTER.get(norm[p : p + 2])) is not None:
        return q, 2
    nxt = norm[p + 1 : p + 2]
    if not hedged and norm[p : p + 1] == "多" and not ("\u4e00" <= nxt <= "\u9fff"):
        return Q.AT_LEAST, 1
    return Q.EXACT, 0


def _blank(m: re.Match[str]) -> str:
    return _BLANK * len(m.group())


def _scan(text: str) -> Iterator[Reading]:
    norm, omap = _normalize(text)
    norm = _IDIOMS.sub(_blank, norm)
    pos, prev_end, prev_change = 0, -2, False
    while (m := _NUMBER.search(norm, pos)) is not None:
        resume, f = _read_at(norm, m)
        pos = max(resume, m.end())  # always make progress
        if f is None:
            continue
        # 29.20%、37.37%、17.51%: a list that follows 增速 is a list of changes
        listed = prev_end == f.start - 1 and norm[f.start - 1] == "、"
        change = f.kind is not Kind.DATE and (prev_change if listed else _is_change(norm, f.start))
        prev_end, prev_change = f.end, change
        start, end = (f.start, f.end) if omap is None else (omap[f.start], omap[f.end - 1] + 1)
        unit = parse_unit(f.unit) or _BARE
        is_date = f.kind is Kind.DATE
        yield Reading(text[start:end], start, end, f.kind, f.qualifier, f.value, f.lower, f.upper, f.unit,
                      1 if is_date else unit.scale, None if is_date else unit.base, f.date, change)


def read_figures(text: str) -> list[Reading]:
    """Every figure in text, in order. Never raises, whatever the input."""
    return list(_scan(text))


def read_figure(text: str) -> Reading | None:
    """A single claimed figure ('70家', '超1100亿元', '2011年7月'): the first one, or None."""
    return next(_scan(text), None)


# Figures are formatted in one place; the reader's round-trip tests hold it to reading back.
format_number = plain_number


def step(value: Decimal) -> Decimal:
    """Place value of the last significant digit: 1600 -> 100, 2.3 -> 0.1, 10 -> 10, 68 -> 1.

    An integer's trailing zeros are not significant here: 1600余 means 1600-1699.
    """
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int) or not any(digits):
        return Decimal(1)
    if exponent < 0:
        return Decimal(10) ** exponent
    zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return Decimal(10) ** (exponent + zeros)


def half_precision(value: Decimal) -> Decimal:
    """Half a unit of the last printed digit; an integer's trailing zeros count: 1000 -> 0.5, 29.20 -> 0.005."""
    exponent = value.as_tuple().exponent
    return Decimal(5) * Decimal(10) ** (min(exponent, 0) - 1) if isinstance(exponent, int) else Decimal(0)


@dataclass(frozen=True)
class Interval:
    """Base-unit values a figure stands for; None is unbounded on that side."""

    low: Decimal | None
    high: Decimal | None
    low_open: bool
    high_open: bool

    def overlaps(self, other: Interval) -> bool:
        """Whether some value lies in both (an open end excludes its bound)."""
        # The intersection runs from the larger low to the smaller high; at a tie the open end wins.
        lows = sorted(((i.low, i.low_open) for i in (self, other) if i.low is not None), reverse=True)
        highs = sorted((i.high, not i.high_open) for i in (self, other) if i.high is not None)
        if not lows or not highs:
            return True
        (low, low_open), (high, high_closed) = lows[0], highs[0]
        return low < high or (low == high and not low_open and high_closed)


def interval(qualifier: Qualifier, value: Decimal | None, lower: Decimal | None, upper: Decimal | None,
             scale: int) -> Interval:
    """The interval of base-unit values a figure stands for; every bound is then multiplied by scale.

    v = value, h = half_precision(v) (half a unit of the last printed digit), step = step(v):

    | qualifier | printed                 | interval                                        |
    |-----------|-------------------------|-------------------------------------------------|
    | exact     | 68, 达68                | [v − h, v + h)   (what rounds to v: 四成 and 三成 do not touch) |
    | about     | 约v, 大约v, v左右        | [0.9·v, 1.1·v], widened to at least [v − h, v + h] |
    | nearly    | 近v, 将近v               | [0.9·v, v)                                      |
    | over      | 超/超过/逾/过v, v以上     | (v, ∞)                                          |
    | at_least  | v余, v多                 | [v, v + step)       1600余 → [1600, 1700)       |
    | under     | 不到v, 不足v             | [0, v)                                          |
    | at_most   | 最高v, 可达v, v以下       | [0, v]                                          |
    | range     | X—Y                     | [X − h(X), Y + h(Y))                            |

    Raises ValueError when the figure lacks the numbers its qualifier needs (no value; a range without bounds).
    """
    with localcontext() as ctx:
        ctx.prec = MAX_PREC  # only + and ×, so exact: 271.47 × 10^8 never rounds
        k = Decimal(scale)
        if qualifier is Q.RANGE:
            if lower is None or upper is None:
                raise ValueError("a range needs lower and upper")
            return Interval((lower - half_precision(lower)) * k, (upper + half_precision(upper)) * k, False, True)
        if value is None:
            raise ValueError(f"a {qualifier} figure needs a value")
        v, h = value, half_precision(value)
        high: Decimal | None
        low, high, low_open, high_open = v - h, v + h, False, True
        if qualifier is Q.ABOUT:
            low, high = min(v * Decimal("0.9"), v - h), max(v * Decimal("1.1"), v + h)
        elif qualifier is Q.NEARLY:
            low, high, high_open = v * Decimal("0.9"), v, True
        elif qualifier is Q.OVER:
            low, high, low_open, high_open = v, None, True, False
        elif qualifier is Q.AT_LEAST:
            low, high, high_open = v, v + step(v), True
        elif qualifier is Q.UNDER:
            low, high, high_open = Decimal(0), v, True
        elif qualifier is Q.AT_MOST:
            low, high, high_open = Decimal(0), v, False
        return Interval(low * k, None if high is None else high * k, low_open, high_open)
