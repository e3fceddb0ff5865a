"""The period a text gives its figures: 截至2018年底, 2020年9月30日, 今年上半年, "at the end of
September 2024", "in 2018".

A figure stated for an earlier period than the record's is not wrong, only older: ``check``
calls it ``outdated``. Periods are ISO dates at the precision written ("2018", "2018-12-31",
"2024-06-30"); 目前 and 至今 say "now", which is no period at all: such a claim is compared with
the record as it stands.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache

_MONTHS = ("january february march april may june july august september october november december").split()
_MONTH_RE = "|".join(_MONTHS + [m[:3] for m in _MONTHS])

_CHINESE = re.compile(
    r"(?P<rel>今年|去年|前年|本年)?(?:(?P<y>(?:19|20)\d\d)年)?"
    # 1-10月, 1—10月, 1至10月: the months of a year so far, to the end of the last
    r"(?:(?P<span>0?1\s*[-—–~至到]\s*)?(?P<m>1[0-2]|0?[1-9])月(?:(?P<d>3[01]|[12]\d|0?[1-9])[日号])?)?"
    r"(?P<tail>底|末|年底|年末|上半年|前三季度|一季度|第一季度|全年|至今(?!年)|以来|来)?"
)
_EVENT_DATE_BEFORE = re.compile(r"[于於]$")
# 较去年, 比2022年, 与去年同期相比, 同上年: the period a figure is compared with
_COMPARED_WITH = re.compile(r"(?:较|比|与|同|相对于?|高于|低于|较之)$")
_ENGLISH = re.compile(
    rf"(?:(?P<end>end of|end-)\s*)?(?:(?P<month>{_MONTH_RE})\.?\s+(?:(?P<day>\d{{1,2}}),?\s+)?)?(?P<year>(?:19|20)\d\d)"
    rf"|(?P<rel>last year|this year|so far this year)",
    re.IGNORECASE,
)
# A part of the year said before it ("the first quarter of 2017", "Q1 2017", "the first half of"):
# the period ends where the part does, as 一季度 and 上半年 do.
_ENGLISH_PART = re.compile(
    r"\b(?:(?P<q1>first quarter|1st quarter|first three months|opening three months|q1|january-march|jan-mar)"
    r"|(?P<h1>first half|first six months|h1|january-june|jan-jun)"
    r"|(?P<q3>first three quarters|first nine months|january-september|jan-sep))\s+(?:of\s+)?(?:the\s+year\s+)?$",
    re.IGNORECASE,
)
_ENGLISH_ATTRIBUTIVE = re.compile(r"(?:'s|\bits|\btheir)\s+$", re.IGNORECASE)
_ENGLISH_COMPARED = re.compile(r"\b(?:than|compared (?:with|to)|versus|vs\.?|over|from)\s+(?:(?:in|that of|the level of|the end of)\s+)?$", re.IGNORECASE)
_ENGLISH_CUE = re.compile(r"\b(?:as of|as at|at the end of|by the end of|by end-|end of|in|during|by|since|through)\s+$", re.IGNORECASE)
ENGLISH_CUE = _ENGLISH_CUE  # the words that put a year as a period (in, during, as of…), before it
# "GDP for 2018", "growth for 2017 at 7.6 percent", "For 2018, …": for a year, after what was
# measured in it or opening the sentence (a plan or target for 2025 is no measure, and a year not
# yet over when written is no period)
_ENGLISH_FOR = re.compile(r"(?:\b(?:gdp|growth|output|revenues?|income|exports|imports|trade|investment|value added|economy|expenditure|spending|sales|profits?)\s+"
                          # "For 2018, the value added…": a sentence that opens on the year it reports
                          r"|^\s*|[.;:]\s+)for\s+$", re.IGNORECASE)


_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def valid_date(text: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a real calendar date: what a fact's as_of, a date
    figure and ``check --as-of`` accept."""
    m = _ISO.fullmatch(text)
    if not m:
        return False
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return False
    return True


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _year_of(relative: str, written: str) -> int:
    now = int(written[:4])
    return {"今年": now, "本年": now, "去年": now - 1, "前年": now - 2}.get(relative, now)


def _of_the_year(m: re.Match[str]) -> bool:
    """Whether a period that names no year (截至6月末, 一季度, 上半年) is a part of the year the
    text was written in (or, if it had not ended then, of the year before): a month that ends
    (末, 底), the months so far (1—8月) or a part of the year. A bare month (6月) is as often an
    event's (6月投产) and stays no period."""
    return bool(m.group("tail") in ("上半年", "前三季度", "一季度", "第一季度") and not m.group("m")
                or m.group("m") and not m.group("d") and (m.group("tail") in ("底", "末") or m.group("span") is not None))


@lru_cache(maxsize=256)  # figures of one sentence ask about the same text
def chinese_period(text: str, written: str) -> str | None:
    """The last period named in ``text`` (simplified Chinese), or None."""
    found: str | None = None
    for m in _CHINESE.finditer(text):
        rel, y, month, day, tail = m.group("rel"), m.group("y"), m.group("m"), m.group("d"), m.group("tail")
        if m.group("span") and month and not day:
            tail = tail or "末"  # 1-10月 runs to the end of October
        if (rel or y) and _COMPARED_WITH.search(text, max(0, m.start() - 3), m.start()) or text.startswith(("同期", "相比"), m.end()):
            continue  # 较去年同期增长12.3%: the year compared with is no period of the figure
        if not (rel or y):
            if not _of_the_year(m):
                continue
            rel = "今年"  # 截至6月末, 一季度: a part of the year the text was written in (or the last)
        if tail in ("至今", "以来", "来"):
            found = None  # 2023年至今: up to now
            continue
        if rel and not y and not month and not tail and rel != "去年":
            found = None  # a bare 今年 says "this year so far": as good as now, whatever came before
            continue
        if not tail and not rel and not re.search(r"(截至|截止|到|至)$", text[max(0, m.start() - 2) : m.start()]):
            # 2018年 or 2012年7月 with no 截至 before and no 底/末 after is an event's date
            # (成立于2012年7月), unless it leads a clause as a time adverbial (2023年，…)
            if text[m.end() : m.end() + 1] not in ("，", ",") or month or _EVENT_DATE_BEFORE.search(text, max(0, m.start() - 1), m.start()):
                continue  # 成立于2009年，目前…: the year of an event, though a comma follows it
            found = y
            continue
        year = int(y) if y else _year_of(rel, written)
        found = _period(year, month, day, tail)
        if not (y or m.group("rel")) and len(written) >= 7 and found[:7] > written[:7]:
            found = _period(year - 1, month, day, tail)  # 截至11月末, written in March: last November
    return found


def _period(year: int, month: str | None, day: str | None, tail: str | None) -> str:
    if month:
        mm = int(month)
        return f"{year}-{mm:02d}-{int(day):02d}" if day else f"{year}-{mm:02d}-{_last_day(year, mm)}" if tail else f"{year}-{mm:02d}"
    if tail in ("上半年",):
        return f"{year}-06-30"
    if tail in ("一季度", "第一季度"):
        return f"{year}-03-31"
    if tail == "前三季度":
        return f"{year}-09-30"
    if tail in ("底", "末", "年底", "年末", "全年"):
        return f"{year}-12-31"
    return str(year)


# The months of a year so far, as English says them: "January-August", "Jan-Aug", "January to
# August", "the first eight months" (of 2022, or of the year the text was written in).
_MONTH_NUMBERS = "two three four five six seven eight nine ten eleven".split()
_ENGLISH_SO_FAR = re.compile(
    rf"\b(?:jan(?:uary)?\.?\s*(?:-|–|to|through)\s*(?P<month>{_MONTH_RE})\b|first (?P<count>{'|'.join(_MONTH_NUMBERS)}) months)"
    r"(?:\s+period)?(?:\s+of(?:\s+the\s+year)?)?(?:\s+(?P<year>(?:19|20)\d\d))?",
    re.IGNORECASE,
)


def _month_number(name: str) -> int:
    """1 for January or Jan, 12 for December or Dec."""
    return next(n for n, full in enumerate(_MONTHS, 1) if full.startswith(name.lower()[:3]))


def says_months_so_far(text: str) -> bool:
    """Whether an English text names the months of a year so far (January-August, the first
    eight months; January-December is the year): a part of a year, which check does not take
    for the year."""
    return any(not m.group("month") or _month_number(m.group("month")) < 12 for m in _ENGLISH_SO_FAR.finditer(text))


def _english_so_far(text: str, written: str) -> tuple[int, str] | None:
    """Where the last months-so-far phrase of ``text`` ends, and the period it ends."""
    last = None
    for m in _ENGLISH_SO_FAR.finditer(text):
        if m.group("month"):
            month = _month_number(m.group("month"))
        else:
            month = _MONTH_NUMBERS.index(m.group("count").lower()) + 2
        year = int(m.group("year")) if m.group("year") else int(written[:4])
        if not m.group("year") and len(written) == 10 and f"{year}-{month:02d}-{_last_day(year, month):02d}" > written:
            year -= 1  # "January-August" in a text of March: last year's
        last = (m.end(), f"{year}-{month:02d}-{_last_day(year, month):02d}")
    return last


@lru_cache(maxsize=256)
def english_period(text: str, written: str) -> str | None:
    """The last period an English ``text`` names ("at the end of September 2024", "in 2018",
    "in the January-August period")."""
    found = _english_year_period(text, written)
    so_far = _english_so_far(text, written)
    if so_far is not None and (found is None or so_far[0] >= found[0]):
        return so_far[1]
    return found[1] if found else None


def _english_year_period(text: str, written: str) -> tuple[int, str | None] | None:
    """Where the last year-bearing period of ``text`` ends, and the period (None: "so far")."""
    found: tuple[int, str | None] | None = None
    for m in _ENGLISH.finditer(text):
        if m.group("rel"):
            rel = m.group("rel").lower()
            found = (m.end(), str(int(written[:4]) - 1) if rel == "last year" else None)
            continue
        if _ENGLISH_COMPARED.search(text, max(0, m.start() - 24), m.start()):
            continue  # "12 percent more than in 2022": the year compared with is no period of the figure
        part = None if m.group("month") or m.group("end") else _ENGLISH_PART.search(text[max(0, m.start() - 32) : m.start()])
        year = int(m.group("year"))
        measured_for = (_ENGLISH_FOR.search(text[max(0, m.start() - 20) : m.start()])
                        # "Xiamen's 2018 GDP", "its 2019 revenue": a past year before what was measured in it
                        or _ENGLISH_ATTRIBUTIVE.search(text[max(0, m.start() - 8) : m.start()]) and re.match(r"\s+[A-Za-z]", text[m.end() :])
                        ) and year < int(written[:4])
        if not m.group("month") and not m.group("end") and not part and not measured_for and not _ENGLISH_CUE.search(text[max(0, m.start() - 16) : m.start()]):
            continue
        if m.group("month"):
            month = _month_number(m.group("month"))
            day = m.group("day")
            period = f"{year}-{month:02d}-{int(day):02d}" if day else f"{year}-{month:02d}-{_last_day(year, month)}" if m.group("end") or _ENGLISH_CUE.search(text[max(0, m.start() - 16) : m.start()]) and "end" in text[max(0, m.start() - 16) : m.start()].lower() else f"{year}-{month:02d}"
        elif part:
            period = f"{year}-03-31" if part.group("q1") else f"{year}-06-30" if part.group("h1") else f"{year}-09-30"
        else:
            period = f"{year}-12-31" if m.group("end") else str(year)
        found = (m.end(), period)
    return found


# A bare year that opens what a sentence says of its figures, without 截至 or a comma:
# "2019年厦门地区生产总值5995.04亿元", "厦门2019年GDP增长7.9%". chinese_period leaves such a
# year alone, since most figures of a text are not observations of a series and an event's
# year (成立于2011年) must not date them; check by period (check.series) asks for it only
# when a figure was tied to an observation of a series, whose periods are years.
_STATED_YEAR = re.compile(r"(?<![于在自从至到0-9])((?:19|20)\d\d)年(?![0-9]|月|以来|来|至今|起|开始|成立|落户|创立)")


# what may stand before such a year: nothing, or the end of a clause (发布会公布，2019年…), and
# at most the city's name
_OPENS = re.compile(r"(?:\A|[，,；;：:])[\s（(“\"]*(?:厦门市?|全市|我市|厦门全市)?\s*\Z")


def stated_year(before: str) -> str | None:
    """The year that opens the clause a figure's sentence states it in (2019年厦门…, 厦门2019年…,
    发布会公布，2022年厦门…), given the words of the sentence before the figure (simplified
    Chinese); None otherwise: a year inside a clause (上报备案的2018年国家级高新技术企业) names a
    batch or an event as often as a period."""
    found = None
    for m in _STATED_YEAR.finditer(before):
        if _OPENS.search(before[: m.start()]):
            found = m.group(1)
    return found


# 由2015年的1500家增加到2023年的3900家: a year written onto a figure with 的 is that figure's
_OWN_YEAR = re.compile(r"((?:19|20)\d\d)年的\s*$")
# 火炬高新区2023年实现工业总产值…: a year before a verb of tallying dates what was tallied
_YEAR_TALLIED = re.compile(r"(?<![于在自从至到比较0-9])((?:19|20)\d\d)年(?=全年|实现|完成|共|累计|新增|全市|全区)")


def year_written_onto(before: str) -> str | None:
    """The year written onto the figure that follows ``before`` (2015年的1500家), or None."""
    m = _OWN_YEAR.search(before)
    return m.group(1) if m else None


def tallied_year(said: str) -> str | None:
    """The year a clause says its subject tallied its figures in (厦门2023年实现…, 全区2023年新增…),
    in simplified Chinese, or None; 于2023年, 从2023年 and 比2022年 are no such year."""
    m = _YEAR_TALLIED.search(said)
    return m.group(1) if m else None


# A year as any text writes it: 2017, 2017年, FY2017.
_ANY_YEAR = re.compile(r"(?<![0-9])(?:19|20)\d\d(?![0-9])")


def that_year(before: str, earlier: str) -> str | None:
    """The year a sentence means by 当年, 同年 or "that year" said before its figure: the last year
    the text before the sentence (``earlier``) names, a year it is compared with aside
    (名次比2020年上升两位); None when the sentence says none of them, or nothing names a year."""
    if not _THAT_YEAR.search(before):
        return None
    years = [m.group() for m in _ANY_YEAR.finditer(earlier) if not _COMPARED_WITH.search(earlier[max(0, m.start() - 16) : m.start()])]
    return years[-1] if years else None


_THAT_YEAR = re.compile(r"当年|同年|\bthat year\b|\bthe same year\b", re.IGNORECASE)
_COMPARED_WITH = re.compile(r"(?:比|较|相比|\bthan|\bcompared with|\bfrom)\s*$", re.IGNORECASE)


def named(text: str, written: str) -> tuple[str, ...]:
    """Every period ``text`` names, in order, each as the words around its year read (2017,
    2017-03-31 for "the first three months of 2017" or 2017年一季度, 2018-12-31 for 2018年底).

    Wider than ``chinese_period`` and ``english_period``, which give the one period that dates a
    figure: this lists what a passage has spoken of, so that an undated figure equal to the
    record of one of those periods can be found (``check.series``).
    """
    found: dict[str, None] = {}
    for m in _ANY_YEAR.finditer(text):
        found[m.group()] = None
        for period in (chinese_period(text[max(0, m.start() - 3) : m.end() + 6], written),
                       english_period(text[max(0, m.start() - 40) : m.end()], written)):
            if period and period.startswith(m.group()) and valid_date(period):
                found[period] = None
    return tuple(found)


def bounds(period: str) -> tuple[date, date]:
    """The first and last day a period covers: "2018" → 2018-01-01 … 2018-12-31."""
    parts = [int(p) for p in period.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], _last_day(parts[0], parts[1]))
    day = date(parts[0], parts[1], parts[2])
    return day, day


def before(claim: str, record: str) -> bool:
    """Whether the claim's period ends before the record's begins."""
    return bounds(claim)[1] < bounds(record)[0]


def within(claim: str, record: str) -> bool:
    """Whether the claim's period lies inside the record's and says more (2024-06-25 in 2024):
    the two figures may both be right, each for its own moment of that year."""
    low, high = bounds(record)
    claim_low, claim_high = bounds(claim)
    return low <= claim_low and claim_high <= high and (claim_low, claim_high) != (low, high)


def today() -> str:
    return date.today().isoformat()


# ---- what a new article's words say about when its figures hold (xmfacts extract) -------------

# Words that say "now": the figure holds as of publication.
NOW = re.compile(r"目前|现有|现已|至今|如今|当前|截至目前|迄今")
# Words whose period depends on when the text was written: without that date it is not guessed.
RELATIVE = re.compile(r"今年|去年|前年|本年|目前|现有|现已|至今|如今|当前|迄今|this year|last year", re.IGNORECASE)
_MONTHS_SO_FAR = re.compile(r"(?:(?P<rel>今年|去年)|(?P<y>(?:19|20)\d\d)年)?(?:1至|1-|1—|前)(?P<m>1[0-2]|[1-9])(?:个)?月")
_DAY_NO_YEAR = re.compile(r"(?:截至|截止到?)(?P<m>1[0-2]|[1-9])月(?P<d>3[01]|[12][0-9]|[1-9])日")
_YEAR_LEADS = re.compile(r"(?:^|[。；;，,\s])(?P<y>(?:19|20)\d\d)年(?![0-9月至到—-])")


def span_period(said: str, written: str) -> str | None:
    """Periods ``chinese_period`` leaves out, which a drafted fact needs: 今年1至10月 and 前10个月
    (to the month's end), 截至6月30日 (the year written), 上半年 in an article of the second half,
    and a year that leads its sentence as its figures' period (2007年厦门高新技术企业实现总产值…)."""
    m = _MONTHS_SO_FAR.search(said)
    if m:
        year = int(m.group("y")) if m.group("y") else int(written[:4]) - (m.group("rel") == "去年")
        month = int(m.group("m"))
        return f"{year}-{month:02d}-{_last_day(year, month)}"
    m = _DAY_NO_YEAR.search(said)
    if m and len(written) >= 7:
        return f"{written[:4]}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"
    if len(written) >= 7 and int(written[5:7]) > 6 and re.search(r"(?<!今年)(?<!去年)上半年", said):
        return f"{written[:4]}-06-30"  # 上半年 in an article from the second half: this year's
    m = _YEAR_LEADS.search(said)
    if m is None:
        return None
    # 2007年厦门…总产值1676.09亿元 dates the figures; 2021年开始谋划 is an event of its own
    clause = re.split(r"[，,；;]", said[m.end() :], maxsplit=1)[0]
    return m.group("y") if re.search(r"[0-9]", clause) else None


def spoken(period: str) -> str:
    """A period as a Chinese label says it: 2018年, 2024年9月, 2018年底, 2024年9月末, 2024年10月16日."""
    parts = [int(p) for p in period.split("-")]
    if len(parts) == 1:
        return f"{parts[0]}年"
    if len(parts) == 2:
        return f"{parts[0]}年{parts[1]}月"
    year, month, day = parts
    if day == _last_day(year, month):
        return f"{year}年底" if month == 12 else f"{year}年{month}月末"
    return f"{year}年{month}月{day}日"
