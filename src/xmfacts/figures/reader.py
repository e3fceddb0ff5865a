"""Reading figures out of Chinese news text: each number with its unit, hedge and span.

A figure is a number (Arabic or Chinese) with an optional multiplier, unit and hedge
words (hedges before, between and after number and unit). The reader scans a normalized copy of the
text (NFKC per character, so offsets map back) with one precompiled regex, then looks at
a few characters around each hit. It prefers missing a figure to inventing one: a
fact-checker is hurt more by a false alarm on 一大难题 than by a figure it must check by eye.
What a figure stands for is ``xmfacts.figures.interval``'s business, not the reader's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from xmfacts.figures.numerals import DIGITS as _CN_DIGITS
from xmfacts.figures.numerals import PLACES as _CN_UNITS
from xmfacts.figures.numerals import digits_value
from xmfacts.figures.numerals import to_int as _cn_int
from xmfacts.figures.units import MULTIPLIERS, Unit, base_spellings_longest_first, parse_unit
from xmfacts.model import BaseUnit, Figure, Kind, Qualifier

Q = Qualifier


@dataclass(frozen=True)
class Reading:
    """One figure found in a text; offsets and text refer to the original input."""

    text: str
    start: int
    end: int
    figure: Figure


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
_TIME_BASES = {BaseUnit.YEAR, BaseUnit.MONTH, BaseUnit.DAY}
_ONE_WORD_BEFORE = set("第统之唯同单专合万划逐不归其任周整独")  # 统一, 之一, 万一 …
_CHAIN_CLASS = re.compile("产业链|产业集群")
# 全市12条, 四大: a count of the things the class describes (第十二条 is one of them)
_COUNTED_BEFORE = re.compile(r"(?<![第0-9一二两三四五六七八九十])(?:[0-9]+|[一二两三四五六七八九十]+)\s*[条个大]$")
_CLOCK = set("点时:：")
_NOT_POINTS = re.compile("[之钟秒局行店院部会校厂期批类级层别享摊配成]|公司|[0-9]")
_BLANK = "\ufffc"
_BARE = Unit("", 1, BaseUnit.NUMBER)
_BASE_SET = frozenset(base_spellings_longest_first())
_ENGLISH_WORD = re.compile("[A-Za-z]{2,}")


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


_SPACES = " \t\u00a0\u3000"


def _past_spaces(norm: str, p: int) -> int:
    """Other outlets write 70 家 and 1141.58 亿元: skip spaces, but only when a unit follows them."""
    q = p
    while norm[q : q + 1] and norm[q] in _SPACES:
        q += 1
    # 2023 年 is a year written loosely, not 2023 years: left for what it is, a bare number.
    # 4900 多家 is the 4900多家 of other outlets' spacing: the hedge stands between number and unit
    r = q + (norm[q : q + 1] in ("余", "多"))
    if q > p and r < len(norm) and norm[r] not in "年月日" and (_BASE.match(norm, r) or _MULT.match(norm, r)):
        return q
    return p


def _prefix(norm: str, s: int) -> tuple[Qualifier, int]:
    """The hedge word directly before s, and its length."""
    for k in (3, 2, 1):
        q = _BEFORE.get(norm[s - k : s]) if s >= k else None
        if q is not None:
            if k == 1 and s >= 2 and norm[s - 2] in _NOT_HEDGE.get(norm[s - 1], ()):
                return Q.EXACT, 0
            return q, k
    return Q.EXACT, 0


def _date_at(norm: str, s: int) -> tuple[str, int] | None:
    """A date starting at s as (ISO-ish string, end); a year must be 1900-2099 (2011年 vs 20年)."""
    m = _DATE.match(norm, s)
    if m is None:
        return None
    if m.group("y"):
        y = m.group("y")
        year = int(y) if y.isascii() else digits_value(y)
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
    """5G, H2O, COVID-19, PM2.5: digits glued to ASCII letters belong to a name; 10GWh, 100MW are
    a number and a Latin unit of the unit table (no letter after it), so they are figures."""
    b = norm[s - 1 : s]
    if _letter(b):
        return True
    if _letter(norm[e : e + 1]):
        unit = _BASE.match(norm, e)
        return unit is None or not unit.group().isascii() or _letter(norm[unit.end() : unit.end() + 1])
    return b in ("-", "_", "/", ".") and s >= 2 and norm[s - 2].isascii() and norm[s - 2].isalnum()


class _Found(NamedTuple):
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


def _read_at(norm: str, m: re.Match[str]) -> tuple[int, _Found | None]:
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
        return date[1], _Found(s, date[1], Kind.DATE, Q.EXACT, date=date[0])
    value = _number_value(ar, cn)
    if value is None or (not pct and after in ("月", "日", "号")):
        return e, None  # 9月末, 1号孵化器: a month or a label, not an amount
    if pct:
        unit, hedged, end = "%", after in ("余", "多"), e + (after in ("余", "多"))
    else:
        unit, hedged, end = _tail(norm, _past_spaces(norm, e) if ar else e, bool(ar))
    if unit.endswith("分") and (cn or unit != "分" or norm[s - 1 : s] in _CLOCK or _NOT_POINTS.match(norm, end)):
        # 十分重要 (very), 8点30分 (a clock), 3分之1, 2分行 (a branch): no score; the number stands alone
        unit, end = "", e
    hq, hlen = _prefix(norm, s)
    if not hedged and not pct and norm[end : end + 1] in _RANGE_SEPS:
        k = end + 1 + (norm[end : end + 2] == "——")
        m2 = _NUMBER.match(norm, k)
        # The digit before "-" is our own first number: only a letter after the second one disqualifies it.
        if m2 and not m2.group("pct") and not _letter(norm[m2.end() : m2.end() + 1]):
            if ar and len(ar) == 4 and 1900 <= value <= 2099 and _date_at(norm, k):
                return e, _Found(s, e, Kind.DATE, Q.EXACT, date=ar)  # 2021—2023年: two years
            v2 = _number_value(m2.group("ar"), m2.group("cn"))
            unit2, hedged2, end2 = _tail(norm, m2.end(), bool(m2.group("ar")))
            if v2 is not None and not hedged2 and v2 >= value and unit2.startswith(unit):
                if value == 0 and v2 == 1 and unit2 == "":
                    return end2, None  # 0到1 is an idiom, not a range
                end2 += _suffix(norm, end2, True)[1]
                return end2, _Found(s - hlen, end2, Kind.RANGE, Q.RANGE, lower=value, upper=v2, unit=unit2)
    base = (parse_unit(unit) or _BARE).base
    if cn and len(cn) == 1 and not pct:
        has_base = unit not in MULTIPLIERS and unit != ""
        if _CHAIN_CLASS.match(norm, end) and unit == "亿" and cn in ("百", "千") and not _COUNTED_BEFORE.search(norm, max(0, s - 8), s):
            # 平板显示千亿产业链, 第一条千亿产业链: the size class a chain is known by is its scale (but
            # 全市12条千亿产业链 is a threshold the 12 chains pass, no chain's size)
            return end, _Found(s, end, Kind.QUANTITY, Q.EXACT, value=value, unit=unit)
        if not (has_base or hedged or (unit and cn not in _CN_UNITS)):
            return end, None  # 千金, 三折, 千万(不要): a lone character with no unit is a word
        if cn == "一" and ((base is BaseUnit.COUNT and unit in _BASE_SET) or after == "度"):
            return end, None  # 一家企业 = "a company", 一度 = "once"; but 一万多家 is a count
        if cn == "一" and unit in _BASE_SET and "每" in norm[max(0, s - 4) : s]:
            return end, None  # 每生产一吨氢: a rate's denominator, "per tonne"
    if before == "近" and norm[s - 2 : s - 1] not in ("将", "接") and base in _TIME_BASES:
        return end, None  # 近三年, 最近3年 = "in the last three years": a time expression, not 将近三年
    if base in _TIME_BASES and norm[end : end + 1] == "前" and not _NUMBER.match(norm, end + 1):
        return end, None  # 是五年前的两倍, 三个月前: when ("five years ago"), not how long; 2023年前三季度 is a date
    sq, slen = _suffix(norm, end, hedged)
    qualifier = next((q for q in (hq, Q.AT_LEAST if hedged else Q.EXACT, sq) if q is not Q.EXACT), Q.EXACT)
    return end + slen, _Found(s - hlen, end + slen, Kind.QUANTITY, qualifier, value=value, unit=unit)


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
    """Each line in its language: Chinese where it has Chinese characters, else English.

    Traditional characters are read as simplified (億元 is 亿元); the conversion keeps every
    character's place, so spans and offsets are those of the text as given.
    """
    from xmfacts.text import has_cjk, to_simplified

    simplified = to_simplified(text)
    offset = 0
    for line in simplified.splitlines(keepends=True):
        if has_cjk(line) or not _ENGLISH_WORD.search(line):
            found = _scan_chinese(line)
        else:
            from xmfacts.figures.english import read_english

            # in order of appearance, as the Chinese reader gives them (it reads dates first)
            found = iter(sorted(read_english(line), key=lambda f: (f[0], f[1])))
        for start, end, figure in found:
            yield Reading(text[offset + start : offset + end], offset + start, offset + end, figure)
        offset += len(line)


def _scan_chinese(text: str) -> Iterator[tuple[int, int, Figure]]:
    norm, omap = _normalize(text)
    norm = _IDIOMS.sub(_blank, norm)
    pos = 0
    while (m := _NUMBER.search(norm, pos)) is not None:
        resume, f = _read_at(norm, m)
        pos = max(resume, m.end())  # always make progress
        if f is None:
            continue
        start, end = (f.start, f.end) if omap is None else (omap[f.start], omap[f.end - 1] + 1)
        yield start, end, _figure(f)


def _figure(f: _Found) -> Figure:
    if f.kind is Kind.DATE:
        return Figure(Kind.DATE, Q.EXACT, date=f.date)
    unit = parse_unit(f.unit) or _BARE
    return Figure(f.kind, f.qualifier, f.value, f.lower, f.upper, f.unit, unit.scale, unit.base)


def read_figures(text: str) -> list[Reading]:
    """Every figure in text, in order. Never raises, whatever the input."""
    return list(_scan(text))


def read_figure(text: str) -> Reading | None:
    """A single claimed figure ('70家', '超1100亿元', '2011年7月'): the first one, or None."""
    return next(_scan(text), None)




# Hedges said a few words before a figure, which ``read_figures`` (looking only right before the
# number) leaves exact: 规模突破百亿元 is over 100亿元, 最高可获资助1亿元 at most 1亿元. ``check``
# reads a claim with them and ``extract`` drafts a fact with them, so a draft's figure and the
# same words checked again are one statement.
_HEDGE_WORDS = ((re.compile(r"突破$|超出$"), Q.OVER), (re.compile(r"最高[^，。；]{0,6}$|最多[^，。；]{0,4}$"), Q.AT_MOST))


def hedge_before(text: str, clause_start: int, at: int) -> tuple[Qualifier, str] | None:
    """The hedge the words of its clause just before ``at`` give a figure, and those words."""
    before = text[max(clause_start, at - 8) : at]
    for pattern, qualifier in _HEDGE_WORDS:
        m = pattern.search(before)
        if m:
            return qualifier, m.group().rstrip()
    return None


def passed_milestone(text: str, reading: Reading, clause_start: int) -> bool:
    """Whether a figure is a mark a total went past (越过7000亿元和8000亿元的关口, 迈上万亿台阶):
    the total may lie anywhere above it, which no hedge says, so it is no level to compare."""
    return bool(_MILESTONE.match(text, reading.end) or _PASSED.search(text[max(clause_start, reading.start - 3) : reading.start]))


def size_class(text: str, reading: Reading) -> str | None:
    """The class a figure is a bare magnitude of (千亿产业链 for the 千亿 of 平板显示千亿产业链), in
    simplified characters, or None. The class names no thing of its own: ``check`` compares such a
    figure only with a fact recorded under the same class, never with an amount the clause names."""
    from xmfacts.text import to_simplified

    figure = reading.figure
    if figure.unit != "亿" or any(c.isdigit() for c in reading.text):
        return None
    m = _CHAIN_CLASS.match(to_simplified(text[reading.end : reading.end + 4]))
    return to_simplified(reading.text) + m.group() if m else None


# the mark (关口, 大关, 台阶) after the figure, or the verb of passing right before it; simplified or
# traditional (突破 is a hedge of its own: 规模突破百亿元 is over 100亿元)
_MILESTONE = re.compile(r"的?(?:[关關]口|大[关關]|[台臺][阶階])")
_PASSED = re.compile(r"(?:越[过過]|跨[过過]|跨越|[迈邁]上|站上)$")


def hedged(text: str, reading: Reading, clause_start: int) -> Reading:
    """The reading with the hedge of the words before it (``hedge_before``), when it has none of its own."""
    figure = reading.figure
    if figure.qualifier is not Q.EXACT or figure.kind is not Kind.QUANTITY:
        return reading
    found = hedge_before(text, clause_start, reading.start)
    if found is None:
        return reading
    return replace(reading, figure=replace(figure, qualifier=found[0]))
