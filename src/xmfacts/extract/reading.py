"""Reading a new article for `xmfacts extract`: which numbers are figures to draft (not names,
ranks, ordinals or the periods of other figures), the words around them, and when each holds.

Periods themselves are read by ``xmfacts.figures.period``, the one home for them; this module
only decides which period cue of the article belongs to which figure.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from decimal import Decimal

from xmfacts.check import FigurePlace, Finding
from xmfacts.extract.not_figures import naming_rule
from xmfacts.figures import period as periods
from xmfacts.figures.english import AGO, WORD_NUMBERS, fraction_follows
from xmfacts.figures.numerals import to_int
from xmfacts.figures.reader import Reading
from xmfacts.figures.shares import worded_shares
from xmfacts.figures.units import base_spellings_longest_first, parse_unit
from xmfacts.model import BaseUnit, Figure, Kind, Qualifier
from xmfacts.text import fold_in_place, has_cjk, is_cjk

# A date that only says when another figure holds (截至2018年底, 2023年至今) is no figure of its own.
_PERIOD_AFTER = re.compile(r"(?:底|末|年底|年末|至今|以来|上半年|下半年|前三季度|一季度|第一季度|全年|来|期间)")
PERIOD_BEFORE = re.compile(r"(?:截至|截止到?|到|至|自|从|as of|end of|by)\s*$", re.IGNORECASE)
# 自2020年5月开通以来, 自1985年诞生之日起, 自2011年落户厦门: a date after 自/从 that something
# began on is the date of that beginning, an event to draft; 自2018年以来 is only a period
_SINCE = re.compile(r"[自从]$")
_EVENTS = "开通|成立|设立|创立|创办|组建|启动|上线|开业|开园|开工|动工|投产|运营|运行|落户|挂牌|诞生|揭牌|建成"
_BEGAN = re.compile(rf"\s*(?:正式|全面)?(?:{_EVENTS})")
# what a year that opens its sentence may date instead of the figures after it: a beginning, or
# a thing that came out (2023年，…制氢装备新产品成功问世，…耗电不到4度)
_HAPPENED = rf"{_EVENTS}|问世|发布|推出|亮相|落地|签约|获批|上市|首发|下线"
_EVENT = re.compile(_HAPPENED)
# 近三年…分别达到29.20%、37.37%、17.51%: one figure per year, in order.
_YEARS_LISTED = re.compile(r"(?:近|过去|最近)(?P<n>[2-5两三四五])年")
_CN_SMALL = {"2": 2, "两": 2, "3": 3, "三": 3, "4": 4, "四": 4, "5": 5, "五": 5}
# 新华社福州7月21日电, 台海网11月2日消息, 据新华社5月10日报道, 台海网5月16日援引厦门晚报: when the
# report was filed
_DATELINE = re.compile(r"^\s*(?:[电電讯訊]|消息|报道|報道|报导|報導|援引|引述|转引|轉引)")
# 厦门日报讯（记者 林露虹）12月3日，…: a byline ahead of the day a report opens on
_BYLINE = re.compile(r"^.*?(?:[电電讯訊]|消息)\s*[（(][^（()）]{0,40}[）)]")
_NAMES_DAY = re.compile(r"-\d\d-\d\d$")  # 2024-12-03, --12-03: a date that names its day
# 记者12月3日从市工信局获悉, 12月3日，市工信局召开发布会, 在12月3日举行的发布会上: the day the news was
# told, not a day anything it tells happened (a curator records what was said, as of the report);
# 记者6月3日来到天马的厂区 is the day of a visit, an event
_TOLD = re.compile(r"[向对對](?:记者|記者)|告[诉訴](?:记者|記者)|获悉|獲悉|发布会|發布會|發佈會|通气会|通氣會|吹风会|吹風會")
# "up from 40", "4,000 versus 1,500", "compared with 450 billion yuan": English words that put a
# figure beside another of the same thing
EN_COMPARED_WITH = r"(?:(?:up|down)\s+from|versus|vs\.?|compared\s+(?:with|to))"
_TO_LATER = re.compile(rf"[\s,]+(?:to|{EN_COMPARED_WITH})\s+(?=[\d$]|(?:RMB|US)\b)", re.IGNORECASE)
_SPAN_BEFORE = re.compile(r"(?:前|近|过去|最近)$")  # 今年前10个月: a span of time a figure covers
# 今年已有…82家, 今年以来新增5家: this year so far, as of when the text was written (今年上半年 is a period)
_SO_FAR_THIS_YEAR = re.compile(r"今年(?:以来)?(?![上下前第全一二三四五六七八九十0-9])")


def blank_figures(text: str, readings: Sequence[Reading]) -> str:
    """The text with its figures blanked: the words around figures, offsets kept."""
    chars = list(text)
    for r in readings:
        for i in range(r.start, r.end):
            chars[i] = " "
    return "".join(chars)


def has_words(words: str, where: FigurePlace) -> bool:
    s0, s1 = where.sentence
    return any(is_cjk(ch) or ch.isalpha() for ch in words[s0:s1])


def is_figure(r: Reading, text: str) -> bool:
    """Names, ranks, ordinals and periods are no figures: 世界500强, 1类新药, 第4条, 全国四大, 截至2018年底.

    Ordinals, ranks and names are told by the rules of ``not_figures``, the one place they live."""
    figure = r.figure
    if naming_rule(text, r) is not None:
        return False  # 第4条, 前三名, 全国四大, 二期项目, 上一年, No. 1, Vision 2030: which one, not how many
    if figure.kind is Kind.DATE:
        after = text[r.end : r.end + 4]  # 2024年前三季度: four characters
        if _SINCE.search(text[max(0, r.start - 2) : r.start]) and _BEGAN.match(fold_in_place(text[r.end : r.end + 4])):
            return True  # 自2020年5月开通以来: the date the platform opened, whatever it dates after it
        return not (_PERIOD_AFTER.match(after) or PERIOD_BEFORE.search(text[max(0, r.start - 10) : r.start]))
    if not figure.unit and multiple(text, r.end):
        return True  # 增长2.4倍: a multiple (the curator writes it in a unit of the table)
    # a number with no unit at all names or ranks something far more often than it counts
    return bool(figure.unit) or figure.base_unit not in (None, BaseUnit.NUMBER)


# 平板显示屏成为当地第一条千亿产业链, 平板显示既是首条千亿产业链, 带动…的平板显示千億產業鏈: the thing
# a size class sizes is named just before the class, or before the verb that gives it the class
_SIZED_TAIL = re.compile(r"(?:既是|也是|是|成为|成了|为)?(?:当地|全市|厦门|我市|本地|全省)?(?:第[一二三四五六七八九十0-9]+条|首条)?$")
_SIZED_CUT = re.compile(r".*(?:使得|[，,、；;。：:的在为使让令]|带动|推动|助力)")
_SIZED_PLACE = re.compile(r"(?:全市|当地|厦门市?|我市|本地|全省)")


def sized_thing(text: str, start: int, at: int) -> tuple[str, int] | None:
    """What a size-class figure at ``at`` (``size_class``: 千亿产业链) sizes, as its clause from
    ``start`` names it, and where that name begins; None where the clause names nothing (厦门第4条
    千亿产业链 may be any chain's: such a figure is no draft check could confirm)."""
    lead = fold_in_place(text[start:at])
    lead = lead[: _SIZED_TAIL.search(lead).start()]
    cut = _SIZED_CUT.match(lead)
    b = cut.end() if cut else 0
    b += len(m.group()) if (m := _SIZED_PLACE.match(lead, b)) else 0
    thing = lead[b:]
    if not 2 <= len(thing) <= 10 or not all(is_cjk(c) for c in thing):
        return None
    return text[start + b : start + len(lead)], start + b


def _next_clause_end(text: str, where: FigurePlace) -> int:
    """Where the clause after ``where``'s ends, when a comma joins the two; else where it ends."""
    c1 = where.clause[1]
    if text[c1 : c1 + 1] not in "，,":
        return c1
    return c1 + 1 + len(re.split(r"[，,；;。]", text[c1 + 1 : where.sentence[1]])[0])


def _told(text: str, r: Reading, where: FigurePlace) -> bool:
    """Whether the day ``r`` is the day news was told: its clause, or the clause after it, is about
    a reporter or a press conference."""
    c0, c1 = where.clause
    return bool(_TOLD.search(text[c0:c1]) or _TOLD.search(text[c1 + 1 : _next_clause_end(text, where)]))


def _opens_count(r: Reading, text: str, where: FigurePlace, findings: Sequence[Finding]) -> bool:
    """Whether the day ``r`` is a clause of its own (after a byline, if any) dating a count in the
    clause after it (12月3日，全市新增企业120家), that clause telling no event (12月3日，…揭牌)."""
    c0, c1 = where.clause
    if text[c1 : c1 + 1] not in "，," or _BYLINE.sub("", text[c0:c1]).strip() != r.text:
        return False
    n1 = _next_clause_end(text, where)
    return not _EVENT.search(text[c1 + 1 : n1]) and any(
        c1 < f.reading.start < n1 and f.reading.figure.kind is not Kind.DATE for f in findings)


def multiple(text: str, end: int) -> bool:
    """Whether 倍 follows the number ending at ``end`` (增长2.4倍, 撬动社会资本超 28 倍)."""
    return text[end : end + 3].lstrip().startswith("倍")




# English verbs of something that happened once, before "in 1992"
_EN_HAPPENED_IN = re.compile(r"\b(?:began|begun|started|opened|founded|established|set up|launched|built|completed|moved|relocated"
                             r"|listed|went public|arrived|visited|came|was born|trip to [^,.;]{1,40}?)\s+(?:[^,.;]{0,20}\s)?in\s+$", re.IGNORECASE)


def is_period(r: Reading, text: str, where: FigurePlace, findings: Sequence[Finding]) -> bool:
    """A date or a span that only says when (or over what time) other figures hold."""
    figure = r.figure
    if figure.kind is Kind.DATE:
        if _DATELINE.match(text[r.end : r.end + 2]) or text[r.end : r.end + 2] == "同期":
            return True
        if figure.date is not None and _NAMES_DAY.search(figure.date):
            return _told(text, r, where) or _opens_count(r, text, where, findings)
        # 2007年厦门高新技术企业实现总产值1676.09亿元: a year in the clause of a quantity is its period,
        # and so is a year that is a clause of its own ahead of one (2023年，厦门实现地区生产总值…),
        # unless that clause tells an event (2011年，天马落户厦门: when it came)
        c0, c1 = where.clause
        if figure.date is None or len(figure.date) != 4:
            return False
        # "In 2022, the fund invested…": the year with the word that says when
        lead = text[c0 : r.start].lstrip(" \t，,")
        alone = not text[r.end : c1].strip(" \t，,") and (not lead or periods.ENGLISH_CUE.fullmatch(lead))
        if alone and text[c1 : c1 + 1] in "，,":
            s1 = where.sentence[1]
            after = re.split(r"[，,；;]", text[c1 + 1 : s1])[0]
            return not _EVENT.search(after) and any(
                c1 < f.reading.start < s1 and f.reading.figure.kind is not Kind.DATE for f in findings)
        if _EN_HAPPENED_IN.search(text, max(0, r.start - 60), r.start):
            return False  # "ABB's plant began in 1992 with about 100 staff": when it began, not when 100 held
        return any(c0 <= f.reading.start < c1 and f.reading.figure.kind is not Kind.DATE for f in findings)
    if figure.base_unit not in (BaseUnit.YEAR, BaseUnit.MONTH, BaseUnit.DAY) or not _SPAN_BEFORE.search(text[max(0, r.start - 2) : r.start]):
        return False
    # 近三年，…; 今年前10个月: a span that opens its clause dates it; 已发展近35年 is a figure, and
    # so is the span a total is summed over (过去五年的研发费用加起来…: ``durations``)
    if _SUMMED_OVER.match(text, r.end):
        return False
    lead = re.sub(r"[近前过去最]+$", "", text[where.clause[0] : r.start]).strip()
    return lead in ("", "今年", "去年", "过去", "最近", "这", "在")


# English figures the shared reader leaves alone, preferring to miss a figure to inventing one
# for check: a curator drafting from an English page wants them all, and reviews each.
_EN_WORDS = {**WORD_NUMBERS, "hundred": 100}
_EN_FOLD = re.compile(rf"(?<![\w.])(?:(?P<n>\d+(?:\.\d+)?)-|(?P<w>(?i:{'|'.join(sorted(WORD_NUMBERS, key=len, reverse=True))}))-?)fold\b")
_EN_NUMBER = re.compile(
    r"(?<![\w.,$/-])(?:(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w%°]|[.,]\d|-\w)"
    rf"|(?P<w>(?i:{'|'.join(sorted(_EN_WORDS, key=len, reverse=True))}))\b)"
)
# six years, four months: a span of time, in the unit table's own units
_EN_SPANS = {"year": ("年", BaseUnit.YEAR), "years": ("年", BaseUnit.YEAR), "month": ("个月", BaseUnit.MONTH),
             "months": ("个月", BaseUnit.MONTH), "day": ("天", BaseUnit.DAY), "days": ("天", BaseUnit.DAY)}
_EN_YEAR = re.compile(r"(?:19|20)\d\d")
# in the opening three months of 2017, over the past five years: a span that says which months or
# years other figures cover is their period, not how long something lasted (for six years)
_EN_SPAN_OF = re.compile(r"\s+of\s+(?:(?:19|20)\d\d|the\s+year|this\s+year|last\s+year)\b", re.IGNORECASE)
_EN_SPAN_WHICH = re.compile(r"\b(?:first|opening|last|past|previous|recent|next|coming|final)\s+$", re.IGNORECASE)
# 2.7 and 7.7 percentage points: the first figure of a pair takes the unit of the second
_EN_PAIR = re.compile(r"\s+(?:and|or|to)\s+")
# 507 key provincial and city projects: a count of what follows (a noun, after its modifiers)
# (an abbreviation counts too: 75,178 PE funds, 300 SMEs)
_EN_COUNTED = re.compile(r"\s+(?!(?:and|or|to|of|in|on|at|by|for|from|percent|per|times|million|billion|trillion|thousand)\b)(?:[a-z][a-z-]+|[A-Z]{2,}s?\b)")
# 14 of them state-level, 63 of the top 500 corporations: a count of a part of what was named
_EN_PART_OF = re.compile(r"\s+of\s+(?:them|these|those|which|the|its|their)\b")
# Private equity firms numbered 20,652 by the end of August: a count a verb of totalling gives
# (the number of listed firms was 68 at the end of 2023, and hit 70 by June: was, were and hit say so too)
_EN_TOTALLED = re.compile(r"\b(?:numbered|totall?ed|reached|topped|stood at|amounted to|was|were|hit|exceeded|surpassed)\s+$")
_EN_TOTAL_ENDS = re.compile(r"\s*(?:[,.;)]|by\b|as of\b|at the end\b|in\b|$)")
# Urban jobs rose by 164,700: a count the verb before it changes
_EN_BY = re.compile(r"\b(?:by|to|of)\s+$")
# "reached 68, up from 40 in 2016", "4,000 versus 1,500": the number it is compared with, of the
# same thing
_EN_COMPARED = re.compile(rf"\b{EN_COMPARED_WITH}\s+$", re.IGNORECASE)
# ahead of Fuzhou at 43, Quanzhou at 17 and Nanping at 7: a list that gives each place its count
# of what the sentence counted before (48 listed companies), a place and "at" before each; in a
# sentence that ranks (placed at 11, and Fuzhou at 9) or counts nothing before, "at" is a place
# in a ranking or a time
_EN_PLACE_AT = re.compile(r"\b[A-Z][a-z]+\s+at\s+$")
_EN_LIST_GOES_ON = re.compile(r"\s*(?:[,.;)]|and\b|$)")
_EN_COUNTED_BEFORE = re.compile(r"\d[\d,]*\s+(?:[a-z-]+\s+){0,2}[a-z]+s\b")
_EN_RANKS = re.compile(r"\b(?:rank(?:s|ed|ing)?|plac(?:es|ed|ing)|position)\b", re.IGNORECASE)


def _listed_at(text: str, start: int, end: int) -> bool:
    """Whether the number at ``start`` is one place's count in a list after a count (Fuzhou at 43)."""
    if not (_EN_PLACE_AT.search(text[max(0, start - 20) : start]) and _EN_LIST_GOES_ON.match(text, end)):
        return False
    sentence = re.split(r"[.!?]\s", text[max(0, start - 300) : start])[-1]
    return bool(_EN_COUNTED_BEFORE.search(sentence)) and not _EN_RANKS.search(sentence)


# released on April 19: a day with no year, a date as 10月13日 is, in the publication's year
# (the reader dates only a day its year follows). After "on" only, which says when something
# happened: a dateline (XIAMEN, April 19 (Xinhua) --) has none, and "by", "since" or "from"
# April 19 says when other figures hold.
_EN_MONTH_NAMES = r"January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_EN_MONTHS = {m: n for n, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_EN_DAY = re.compile(rf"\b(?:on)\s+(?P<date>(?:(?P<month>{_EN_MONTH_NAMES})\.?\s+(?P<day>\d{{1,2}})"
                     rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{_EN_MONTH_NAMES})))\b(?!,?\s*(?:19|20)\d\d)(?!\s*(?:st|nd|rd|th)\b)")


def english_figures(text: str, readings: Sequence[Reading]) -> list[Reading]:
    """Counts in English sentences the reader does not read: 507 key projects, rose by 164,700,
    and the 2.7 of "2.7 and 7.7 percentage points"; more than 1,000 companies, which it reads
    with no unit; nine times. Years, ordinals and names
    (top 500) are left out."""
    found: list[Reading] = []
    for r in readings:
        # the reader's bare count: kept as a count when a noun follows (more than 1,000 companies)
        if r.figure.kind is Kind.QUANTITY and not r.figure.unit and not has_cjk(text[max(0, r.start - 20) : r.end + 20]):
            # the 2035 vision, a 2023 list: a year before a noun names, it does not count
            if naming_rule(text, r) is not None or not _EN_COUNTED.match(text, r.end) or _EN_YEAR.fullmatch(r.text):
                continue
            found.append(Reading(r.text, r.start, r.end, dataclasses.replace(r.figure, unit="", scale=1, base_unit=BaseUnit.COUNT)))
    for m in _EN_DAY.finditer(text):
        if any(r.start < m.end() and m.start() < r.end for r in readings):
            continue
        month = _EN_MONTHS[(m.group("month") or m.group("month2")).lower()[:3]]
        day = int(m.group("day") or m.group("day2"))
        if 1 <= day <= 31:
            at = m.start("date")
            found.append(Reading(text[at : m.end()], at, m.end(), Figure(Kind.DATE, date=f"--{month:02d}-{day:02d}")))
    for m in _EN_FOLD.finditer(text):
        # output rose 2.5-fold, a threefold rise: a multiple, as 增长2.5倍 is
        if not any(r.start < m.end() and m.start() < r.end for r in readings) and not has_cjk(text[max(0, m.start() - 20) : m.end() + 20]):
            word = m.group("w")
            value = Decimal(_EN_WORDS[word.lower()]) if word else Decimal(m.group("n"))
            found.append(Reading(m.group(), m.start(), m.end(), Figure(Kind.QUANTITY, value=value, unit="倍", scale=1, base_unit=BaseUnit.NUMBER)))
    readings = [*readings, *found]
    taken = [(r.start, r.end) for r in readings]
    starts = {r.start: r for r in readings}
    for m in _EN_NUMBER.finditer(text):
        start, end = m.span()
        if any(s < end and start < e for s, e in taken) or has_cjk(text[max(0, start - 20) : end + 20]):
            continue
        if _EN_YEAR.fullmatch(m.group()):
            continue
        word = m.group("w")
        value = Decimal(_EN_WORDS[word.lower()]) if word else Decimal(m.group().replace(",", ""))
        counted = _EN_COUNTED.match(text, end) or _EN_PART_OF.match(text, end)
        if word and fraction_follows(text, start, end):
            continue  # two thirds of the loans: a share (``xmfacts.figures.shares``), not two of something
        if word and not counted and not re.match(r"\s+times\b", text[end : end + 7]):
            continue  # "one of", "the two": a number word counts only what it names
        pair = _EN_PAIR.match(text, end)
        after = next((r for at, r in starts.items() if pair and at == pair.end()), None)
        if after is not None and after.figure.kind is Kind.QUANTITY and after.figure.unit:
            f = after.figure
            figure = Figure(Kind.QUANTITY, value=value, unit=f.unit, scale=f.scale, base_unit=f.base_unit)
        elif re.match(r"\s+times\b", text[end : end + 7]):
            figure = Figure(Kind.QUANTITY, value=value, unit="倍", scale=1, base_unit=BaseUnit.NUMBER)  # nine times that of 2002
        elif counted and counted.group().strip() in _EN_SPANS and AGO.match(text, counted.end()):
            continue  # three years ago: when, as 五年前 is
        elif counted and counted.group().strip() in _EN_SPANS and _EN_SPAN_OF.match(text, counted.end()) is None and _EN_SPAN_WHICH.search(text[max(0, start - 12) : start]) is None:
            unit, base = _EN_SPANS[counted.group().strip()]
            figure = Figure(Kind.QUANTITY, value=value, unit=unit, scale=1, base_unit=base)
        elif counted and counted.group().strip() in _EN_SPANS:
            continue  # the opening three months of 2017: which months other figures hold for, a period
        elif counted or (_EN_BY.search(text[max(0, start - 6) : start]) and re.match(r"\s*[,.;]", text[end : end + 2])) or (
                _EN_COMPARED.search(text[max(0, start - 16) : start])) or (
                _EN_TOTALLED.search(text[max(0, start - 12) : start]) and _EN_TOTAL_ENDS.match(text, end)) or (
                _listed_at(text, start, end)):
            figure = Figure(Kind.QUANTITY, value=value, unit="", scale=1, base_unit=BaseUnit.COUNT)
        else:
            continue
        read = Reading(m.group(), start, end, figure)
        if naming_rule(text, read) is None:  # top 500, Class 1, Line 3: a number in a name
            found.append(read)
    return sorted(found, key=lambda r: r.start)


# 产线已在今年2月点亮, 去年10月正式投产: a month of this year or last, the day something began,
# which the reader leaves alone (today's year is the page's); 今年2月末 and 去年10月以来 are periods
_RELATIVE_MONTH = re.compile(r"(?P<rel>今年|去年)(?P<m>1[0-2]|[1-9])月(?:份)?(?![0-9末底以来至到—-])")
_BEGAN_AFTER = re.compile(rf"(?:\d{{1,2}}日)?(?:正式|成功|全面|顺利)?(?:{_HAPPENED}|点亮|亮灯|启用|完工|竣工|通车)")


def relative_months(text: str, readings: Sequence[Reading], published: str | None) -> list[Reading]:
    """Months said against the page's date (今年2月, 去年10月) on which something happened: an
    event's date to draft, in the year the page was written (or the one before)."""
    if not published:
        return []
    found = []
    simplified = fold_in_place(text)
    for m in _RELATIVE_MONTH.finditer(simplified):
        if any(r.start < m.end() and m.start() < r.end for r in readings) or not _BEGAN_AFTER.match(simplified, m.end()):
            continue
        year = int(published[:4]) - (m.group("rel") == "去年")
        found.append(Reading(text[m.start() : m.end()], m.start(), m.end(), Figure(Kind.DATE, date=f"{year}-{int(m.group('m')):02d}")))
    return found


# 已发展近35年: the reader leaves 近N年 alone, since it says "in the last N years" far more often
# (近三年，…; 近5年来; 近三年的研发投入). After words of its own clause, and ending that clause,
# it says how long: nearly N years, a figure to draft.
_NEARLY_SPAN = re.compile(r"近(?P<n>[0-9]{1,3}|[一二两三四五六七八九十]{1,3})(?P<unit>年|个月|天)(?=\s*(?:[，,。；;！!？?]|$))")
_SPAN_UNITS = {"年": BaseUnit.YEAR, "个月": BaseUnit.MONTH, "天": BaseUnit.DAY}
# 最近三年的研发费用加起来是109.94亿元: the span a total is summed over, said before the total
# with 的 and a word of summing after it, is how long the total ran (three years), a figure; 近三年的
# 研发投入占比 with no summing word stays when
_SUMMED_OVER = re.compile(r"的[^，,。；;！!？?]{1,12}?(?:加起来|合计|累计|总计|共计|总和|总额|之和)")
_RECENT_SPAN = re.compile(r"(?:最近|近)(?P<n>[0-9]{1,2}|[一二两三四五六七八九十]{1,3})(?P<unit>年|个月)")


def durations(text: str, readings: Sequence[Reading]) -> list[Reading]:
    """Spans of time the reader leaves alone that say how long (建霖在厦门已发展近35年,), or over
    how long a total was summed (最近三年的研发费用加起来…)."""
    found = []
    for m in _RECENT_SPAN.finditer(text):
        if any(r.start < m.end() and m.start() < r.end for r in readings) or not _SUMMED_OVER.match(text, m.end()):
            continue
        n = m.group("n")
        value = int(n) if n.isdigit() else to_int(n)
        if value:
            unit = m.group("unit")
            start = m.start("n")  # 最近 says which years, not nearly: the span is the number and its unit
            found.append(Reading(text[start : m.end()], start, m.end(),
                                 Figure(Kind.QUANTITY, Qualifier.EXACT, Decimal(value), unit=unit, scale=1, base_unit=_SPAN_UNITS[unit])))
    for m in _NEARLY_SPAN.finditer(text):
        if any(r.start < m.end() and m.start() < r.end for r in readings):
            continue
        lead = re.split(r"[，,、：:；;。！？!?\n]", text[max(0, m.start() - 40) : m.start()])[-1]
        if sum(map(is_cjk, lead)) < 2 or re.search(r"(?:最|将|接|在|于|的)$", lead):
            continue  # 近三年，…; 在近5年: when, not how long
        n = m.group("n")
        value = int(n) if n.isdigit() else to_int(n)
        if value is None:
            continue
        unit = m.group("unit")
        figure = Figure(Kind.QUANTITY, Qualifier.NEARLY, Decimal(value), unit=unit, scale=1, base_unit=_SPAN_UNITS[unit])
        found.append(Reading(m.group(), m.start(), m.end(), figure))
    return found


def figure_key(figure: Figure) -> tuple[object, ...]:
    return (figure.kind, figure.qualifier, figure.value, figure.lower, figure.upper, figure.unit, figure.date)


# quotation marks within a run of words: “小巨人” and, on pages in traditional characters, 「小巨人」
_QUOTES = "“”\"「」『』"


def run_before(words: str, start: int, stop: int) -> tuple[str, int]:
    """The last run of words before ``stop`` (not before ``start``), and where it begins."""
    i = stop
    while i > start and not (is_cjk(words[i - 1]) or words[i - 1] in _QUOTES or words[i - 1].isalpha()):
        i -= 1
    j = i
    while j > start and (is_cjk(words[j - 1]) or words[j - 1] in _QUOTES + "&" or words[j - 1].isalnum()  # R&D
                         or words[j - 1] == "." and words[j - 2 : j - 1].isdigit()):  # 8.6代线
        j -= 1
    return words[j:i], j


def run_after(words: str, start: int, stop: int) -> tuple[str, int]:
    """The first run of words after ``start`` (up to ``stop``), and where it ends."""
    i = start
    while i < stop and words[i] in " \t":
        i += 1
    j = i
    while j < stop and (is_cjk(words[j]) or words[j] in _QUOTES + "&" or words[j].isalnum()):
        j += 1
    return words[i:j], j


def clause_start(words: str, s0: int, at: int) -> int:
    """Where the clause holding ``at`` begins (after the last ，、：; before it)."""
    for i in range(at, s0, -1):
        if words[i - 1] in "，,、：:；;":
            return i
    return s0


def as_of(text: str, r: Reading, where: FigurePlace, published: str | None) -> tuple[str | None, str]:
    """The period the text gives the figure, and a note when it was inferred."""
    s0, _ = where.sentence
    _, c1 = where.clause
    if own := periods.year_written_onto(text[max(0, r.start - 8) : r.start]):
        return own, ""  # 由2015年的1500家增加到2023年的3900家: each count is of its own year
    if to := _TO_LATER.search(text, r.end, c1):
        c1 = to.start()  # "from 1,500 in 2015 to 3,900 in 2023": 1,500 is of 2015
    said = fold_in_place(text[s0:c1])
    relative = periods.RELATIVE.search(said)
    if relative and not published:
        return None, f"the text says {relative.group()}: give --published to date it"
    written = published or periods.today()
    listed = _years_listed(text, r, where, written)
    if listed:
        return listed
    found = periods.chinese_period(said, written) if has_cjk(said) else periods.english_period(said, written)
    if found and (m := re.search(rf"(?:^|[。；;]){found}年[，,]", said)) and not PERIOD_BEFORE.search(said[: said.find(found)]) and _EVENT.search(
            re.split(r"[，,；;]", said[m.end() :])[0]):
        # 2011年，天马落户厦门，累计投资超1000亿元: the year dates the event, not the later figures
        # (2023年，厦门实现地区生产总值8066.49亿元 dates the figure)
        found = None
    if found is None:
        found = periods.span_period(said, written)
    if found is None:
        found = periods.tallied_year(said)
    if found is None and published and (periods.NOW.search(said) or _SO_FAR_THIS_YEAR.search(said)):
        return published, ""
    if found is None and published and re.match(r"\s*(?:这|该|其|上述)", said):
        # 这三家世界500强企业…: a sentence that points back holds as of the one it points to
        before = text[max(0, s0 - 300) : s0].rstrip()
        previous = re.split(r"[。！？!?；;\n]", before[:-1] if before.endswith(("。", "；", ";")) else before)[-1]
        if periods.NOW.search(fold_in_place(previous)):
            return published, ""
    return found, ""


def _years_listed(text: str, r: Reading, where: FigurePlace, written: str) -> tuple[str, str] | None:
    s0, s1 = where.sentence
    sentence = text[s0:s1]
    m = _YEARS_LISTED.search(sentence)
    if not m or "分别" not in sentence:
        return None
    n = _CN_SMALL[m.group("n")]
    listed = sentence[sentence.index("分别") :]
    # the figures of the list, in order: 29.20%、37.37%、17.51%
    spans = [x for x in re.finditer(r"[0-9.]+%", listed)]
    ends = [s0 + sentence.index("分别") + x.end() for x in spans]
    if len(ends) != n or r.end not in ends:
        return None
    year = int(written[:4]) - n + ends.index(r.end)
    return str(year), f"{m.group()}: as_of {year} assumes the list runs oldest first, up to last year"


# Chinese figures the reader leaves alone for check's sake (it prefers missing a figure to
# inventing one), which a curator drafting from the page still wants, and reviews each:
# - a bare magnitude is one of itself (千亿 is 1000亿, 万米 1万米), where the words around it say
#   it is an amount: after a hedge (销售收入过亿元 is over 1亿元, 近万家 nearly 1万家, 营收超千亿。),
#   before 级 (百亿级企业: at least 100亿), or before 余 and a unit (万余人, 亿余元). Not alone
#   before what it sizes (千亿产业链, 万米深海): check reads no bare magnitude, so such a draft
#   could never be confirmed against the text it came from. Otherwise it is a word: 亿万市民, 万家企业 (any ten thousand), 千万
#   (by all means), 百万年 (a span), 每万元 (a rate's denominator), 单位：亿元 and （亿元） (a
#   table's unit);
# - a multiple said with one numeral character (增长一倍, 产值提高近两倍), which the reader takes
#   for a word as it takes 三折 (a multiple in digits, 增长2.4倍, it reads, and ``multiple`` keeps);
# - a share said in words (接近福建全省的一半, 占全省的1/4, nearly half), read by
#   ``xmfacts.figures.shares``, which validate traces a quote with too.
_MAGNITUDE = re.compile(
    r"(?:(?P<two>超过|突破|接近|将近)|(?<![经通不度越穿跨最附靠邻亲贴就赶高招])(?P<one>[过超逾破近]))?"
    # 成百上千 is a manner of speaking, but 形成百亿级 (and 达成, 完成, 构成) puts a class to a figure
    r"(?<![0-9零〇一二两三四五六七八九十百千万亿数几上好每])(?<![^形达完组构]成)(?P<mult>万亿|千亿|百亿|千万|百万|亿|万)")
# 千亿 is printed as the reader reads 千亿元 (1000亿元): a number of the next multiplier down
_MAGNITUDE_VALUES = {"千亿": (1000, "亿"), "百亿": (100, "亿"), "千万": (1000, "万"), "百万": (100, "万")}
_LONE_MULTIPLE = re.compile(r"(?<![0-9零〇一二两三四五六七八九十百千万亿几数第好])(?P<n>[一二两三四五六七八九十])倍")
# 惠及企业上千家, 上百个项目, 上万人, 上百亿元: into the hundreds (thousands, tens of
# thousands), at least that many; 成百上千 is a manner of speaking
_UP_TO_THE = re.compile(r"(?<![成数])(?<!成百)(?<!成千)上(?P<n>百|千|万)(?P<unit>家|个|项|人|户|名|种|所|款|件|次|场|(?:亿|万)?元)")
_TABLE_UNIT = re.compile(r"单位\s*[:：]?\s*$")
_ONE_HEDGES = {"超过": Qualifier.OVER, "突破": Qualifier.OVER, "接近": Qualifier.NEARLY, "将近": Qualifier.NEARLY,
               "过": Qualifier.OVER, "超": Qualifier.OVER, "逾": Qualifier.OVER, "破": Qualifier.OVER, "近": Qualifier.NEARLY}
_BASES = tuple(base_spellings_longest_first())
SHARE_NOTE = "the text says {}: drafted as {}, the share it states"


def word_figures(text: str, readings: Sequence[Reading]) -> list[Reading]:
    """Figures said without a numeral that the reader leaves alone: 过亿元 (over 1亿元), 千亿产业链
    (1000亿), 一半 (50 %), and shares said as fractions (1/4, 三分之一)."""
    found: list[Reading] = []

    def free(a: int, b: int) -> bool:
        # the reader's bare 1 of 1/3 is no figure of its own: the fraction is
        return not any(r.start < b and a < r.end and (r.figure.unit or r.figure.kind is Kind.DATE) for r in (*readings, *found))

    simplified = fold_in_place(text)
    for m in _MAGNITUDE.finditer(simplified):
        end, mult = m.end(), m.group("mult")
        value, printed_mult = _MAGNITUDE_VALUES.get(mult, (1, mult))
        more = simplified[end : end + 1] in ("余", "多")  # 万余人, 亿多元: 1万 or more
        base = next((b for b in _BASES if simplified.startswith(b, end + more) and parse_unit(mult + b)), "")
        more = more and bool(base)
        unit = parse_unit(printed_mult + base)
        after = end + more + len(base)
        nxt = simplified[after : after + 1]
        hedge = m.group("two") or m.group("one")
        if unit is None or not free(m.start(), after) or _TABLE_UNIT.search(simplified, max(0, m.start() - 4), m.start()):
            continue
        if simplified[m.start() - 1 : m.start()] in ("(", "（") and simplified[after : after + 1] in (")", "）"):
            continue  # 营收（亿元）: a column's unit
        if more:
            qualifier = Qualifier.AT_LEAST  # 带动就业万余人, 营收亿余元: whatever the unit
        elif hedge:
            qualifier = _ONE_HEDGES[hedge]
            # 过亿元, 近万家, 营收过亿。: a multiplier the hedge governs stands alone, with its unit or
            # at its clause's end; 过万亿元 is read whole, and 近万米 of a longer word is left alone
            if not base and nxt and is_cjk(nxt) and nxt != "的" and nxt != "级":
                continue
        elif nxt == "级":
            qualifier = Qualifier.AT_LEAST  # 百亿级企业: of the 100亿 class, 100亿 or more
        else:
            continue
        after += nxt == "级"
        figure = Figure(Kind.QUANTITY, qualifier, Decimal(value), unit=unit.text, scale=unit.scale, base_unit=unit.base)
        found.append(Reading(text[m.start() : after], m.start(), after, figure))
    for m in _LONE_MULTIPLE.finditer(simplified):
        if not free(m.start(), m.end()):
            continue
        before = simplified[max(0, m.start() - 2) : m.start()]
        # 近两倍, 超一倍; 最近 and 经过 are words, not hedges
        hedge = before if before in _ONE_HEDGES else before[-1:] if before[-1:] in _ONE_HEDGES and before not in ("最近", "附近", "经过", "通过", "赶超") else ""
        start = m.start() - len(hedge)
        figure = Figure(Kind.QUANTITY, _ONE_HEDGES.get(hedge, Qualifier.EXACT), Decimal(to_int(m.group("n")) or 0), unit="倍", scale=1,
                        base_unit=BaseUnit.NUMBER)
        found.append(Reading(text[start : m.end()], start, m.end(), figure))
    for m in _UP_TO_THE.finditer(simplified):
        unit = parse_unit(("万" if m.group("n") == "万" else "") + m.group("unit"))
        if unit is None or not free(m.start(), m.end()):
            continue
        value = {"百": 100, "千": 1000, "万": 1}[m.group("n")]
        figure = Figure(Kind.QUANTITY, Qualifier.AT_LEAST, Decimal(value), unit=unit.text, scale=unit.scale, base_unit=unit.base)
        found.append(Reading(text[m.start() : m.end()], m.start(), m.end(), figure))
    for r in worded_shares(text):
        # a share said in English is free where its word (half, third) is: the hedge or the word
        # number before it (Three-quarters) is no figure of its own
        at = r.start if has_cjk(r.text) or r.text[-1:].isdigit() else r.end - len("half")
        if free(at, r.end):
            found.append(r)
    return sorted(found, key=lambda r: r.start)
