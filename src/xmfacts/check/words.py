"""The words of a text as check reads them: sentences and clauses, terms (Chinese pairs and
English stems), change words, and where each figure stands (``figure_places``).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from xmfacts.check.verdicts import _checkable
from xmfacts.figures.english import SUMS_UP_TO
from xmfacts.figures.reader import Reading, read_figures
from xmfacts.text import CJK_CLASS, fold, has_cjk, is_cjk, stem

if TYPE_CHECKING:
    pass


# A full stop ends a sentence, but not after an initial or a short abbreviation: "U.S. dollars",
# "No. 1", "Dec. 3" go on.
_SENTENCE_END = re.compile(r"[。！？!?；;\n]|(?<!\b[A-Z])(?<!\bNo)(?<!\bvs)(?<!\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec))\.(?=\s|$)")


# the comma of 3,900 groups digits: it ends no clause (else "3,900 firms in 2023" leaves its year
# a clause of its own, "900 firms in 2023")
_CLAUSE_END = re.compile(r"[，、：:（）()“”\"]|,(?!(?<=\d,)\d{3}(?!\d))")


_CJK_RUN = re.compile(f"[{CJK_CLASS}]+")


_WORD = re.compile(r"[a-z][a-z'-]+")


_STOP = {"the", "of", "and", "in", "on", "for", "to", "by", "with", "its", "as", "at", "from", "an"}


# What a plan sets out to reach is no record of a figure: 目标是突破9000亿元, 力争达到9000亿元, "aims to
# have 5,000 firms by 2025" are compared only with a fact that records a target. (An estimate,
# 预计 or "expected", is left alone: a year-end report gives its first figures so.)
_HOPED = tuple(fold(w) for w in "目标 力争 争取".split()) + ("target", "goal", "aims to", "aim to", "plans to")

# Another place or a wider whole than the record's: a figure for all of Fujian or China, or for
# another city, is about something else, unless the fact itself speaks of that scope.
_SCOPES = tuple(fold(w) for w in """全国 全省 福建 福建省 福建全省 全球 全世界 世界 我国 中国 国内 北京 上海 深圳 广州 杭州 福州 泉州
    漳州 莆田 宁德 南京 苏州 无锡 成都 武汉 重庆 天津 青岛 宁波 西安 合肥 长沙 台湾 香港 澳门 沈阳 大连 长春 哈尔滨 济南 郑州 南昌
    昆明 贵阳 南宁 海口 东莞 佛山 珠海 汕头 温州 常州 南通 烟台 三明 南平 龙岩 石家庄 太原 兰州 台北 高雄 新加坡
    厦门大学 思明区 湖里区 集美区 海沧区 同安区 翔安区
    浦东 火炬高新区 生物医药港 产业园 园区 软件园 片区""".split()) + ("nationwide", "national total", "across the country", "across china", "the whole province",
    "province-wide", "provincewide", "worldwide", "shanghai", "shenzhen", "beijing", "fuzhou", "quanzhou", "xiamen university",
    "guangzhou", "hangzhou", "nanjing", "suzhou", "wuxi", "ningbo", "chengdu", "wuhan", "chongqing", "tianjin", "qingdao",
    "zhangzhou", "putian", "ningde", "xi'an", "hefei", "changsha", "hong kong", "macao", "macau", "shenyang", "dalian",
    "changchun", "harbin", "jinan", "zhengzhou", "nanchang", "kunming", "guiyang", "nanning", "haikou", "dongguan", "foshan",
    "zhuhai", "shantou", "wenzhou", "taipei", "kaohsiung", "singapore",
    "chinese companies", "chinese firms", "chinese enterprises", "chinese domestic", "china's domestic",
    # the country's own figure in English ("national" alone also names Xiamen's national high-tech enterprises)
    "the national average", "national average", "the national r&d", "the national gdp", "the national level", "the national figure",
    "nationally", "the country's", "china had", "china has", "china's gdp", "china's r&d", "china's total", "china's overall",
) + _HOPED  # a target's scope too



# Places inside the city: a count there is a part of the city's, but an event there (天马2011年进驻
# 厦门火炬高新区) is the city's event all the same.
_WITHIN_CITY = tuple(fold(w) for w in "思明区 湖里区 集美区 海沧区 同安区 翔安区 火炬高新区 生物医药港 产业园 园区 软件园 片区".split())

# A change (净增800家, 增长6.4%) is not a level (4200家, 29.20%), unless the fact records one.
_CHANGE_WORDS = tuple("新增 净增 增加 增长 增速 增幅 同比 环比 提高 下降 减少 上升 回落 认定".split())


_CHANGE_ENGLISH = ("up", "down", "growth", "increase", "rise", "rose", "grew", "grow", "climbed", "jumped", "expanded", "fell", "gain", "gained", "higher", "lower",
                   # "after growing 7.8 percent", "rising 5 percent": the other forms of the same verbs
                   "growing", "grows", "rising", "rises", "risen", "climbing", "jumping", "expanding", "falling", "gaining")  # whole words; increase also as increased


# 增加值 (value added) is a level, though it holds 增加
_CHANGE = re.compile("|".join([*("增加(?!值)" if w == "增加" else w for w in _CHANGE_WORDS),
                               *(rf"\b{w}" if w == "increase" else rf"\b{w}\b" for w in _CHANGE_ENGLISH)]))

# English says a change after its figure too ("4.4 percent more than a year before", "8.3 percent
# above a year earlier"), and a figure a change reaches is a level: "grew 10.2 percent to 297.11
# billion yuan".
_CHANGE_AFTER = re.compile(
    r"\s*(?:(?:more|higher|faster|greater|larger|up|less|lower|down)\s+than\s+(?:in\s+)?(?:(?:a|the|one)\s+(?:year|period)\s+(?:before|earlier|ago)"
    r"|the\s+(?:previous|preceding|prior)\s+year\b)"
    r"|year[- ]on[- ]year\b|from a year (?:before|earlier|ago)\b|over the (?:previous|last|same period of last) year\b"
    # "8.3 percent above a year earlier"
    r"|(?:above|below)\s+(?:(?:a|the|one)\s+year\s+(?:before|earlier|ago)|the\s+(?:previous|preceding|prior)\s+year\b|the\s+same\s+period\b))"
)
_REACHES = re.compile(r"\b(?:to|reaching|reached|at)\s*$")
# "made up 58.2 percent of GDP": a share, no move up
MADE_UP = r"\b(?:made|makes?|making)\s+up\b"
_MADE_UP = re.compile(MADE_UP)


def says_change(lead: str, trail: str) -> bool:
    """Whether a figure is a change, from the words of its clause before it (``lead``) and,
    in English, after it (``trail``): 增长14%, "up 5.5 percent", "4.4 percent more than a year
    before"; but "rose 1.2 percent to 357.29 billion yuan" reaches a level."""
    if has_cjk(lead + trail):
        return bool(_CHANGE.search(lead))
    if _CHANGE_AFTER.match(trail):
        return True
    lead = _MADE_UP.sub(" ", lead)
    return bool(_CHANGE.search(lead)) and not _REACHES.search(lead)


def starts_inside_word(term: str, text: str) -> bool:
    """Whether every place ``text`` says a measure term starts inside a word that holds it but
    means something else (``_HOLDING_WORDS``): the 出口额 of 进出口额 is no exports figure."""
    at = text.find(term)
    if at < 0 or not any(word in text for word in _HOLDING_WORDS):
        return False
    while at >= 0:
        if not any(text.startswith(word, start) for word in _HOLDING_WORDS
                   for start in range(max(0, at - len(word) + 1), at)):
            return False
        at = text.find(term, at + 1)
    return True


# Words that hold a measure term of the base but are not it: 进出口 (trade both ways) holds 出口.
_HOLDING_WORDS = tuple(fold(w) for w in "进出口".split())


# 城镇和农村居民的人均可支配收入依次为5.44万元、2.24万元: a list said "respectively" gives its
# figures in the order of the things named before it, joined by 和, 与 or 及 (a 、 ends a clause).
_RESPECTIVE = re.compile(r"(?:分别|依次)(?:为|是|达到|达|约为)?\s*$")
_JOINED = "和与及"
_JOINED_REACH = 4  # characters before a measure term where a joining word makes it a later one's


def names_a_later_one(term: str, text: str, lead: str) -> bool:
    """Whether the first figure of a list said "respectively" (``lead``: its clause's words
    before it) is not of ``term`` (folded, in ``text``, the clause as measures are looked for):
    every place the clause says the term, a joining word stands just before it, so it is said
    of a later one of the things named (农村 of 城镇和农村居民人均可支配收入), and the list's
    first figure is the first's."""
    if not _RESPECTIVE.search(lead):
        return False
    at = text.find(term)
    if at < 0:
        return False
    while at >= 0:
        # 城镇和农村居民人均可支配收入: 居民人均可支配收入 is said of the later ones too
        before = text[max(0, at - _JOINED_REACH) : at]
        joined = max(before.rfind(j) for j in _JOINED)
        if joined < 0 or not all(is_cjk(c) for c in before[joined + 1 :]):
            return False
        at = text.find(term, at + 1)
    return True


def own_subject(lead: str) -> set[str]:
    """The words an English clause says its figure is of, before it ("and residents' disposable
    income stood at 50,900 yuan": resid, dispos, incom, stemmed as measures are), beside those
    that say only how it moved or stands ("12.4 percent higher", "up 4.3 percent", "a gain of"):
    a clause takes a measure from the clause before only if these are words of that measure.
    Chinese leaves the subject out (服务企业31万家 after 获得授信): always empty."""
    if has_cjk(lead):
        return set()
    return {w for w in _english(lead).split() if w not in _STOP and w not in _ONLY_HOW and not w.isdigit()}


# words that say how a figure moved or stands, not what it is of
_ONLY_HOW = frozenset(stem(w) for w in """and while with but which whereas as a an the of at to by in on from for was were is are be
    been stood stands came comes reached reaching totalled totaled totaling totalling rose rising risen grew growing grown
    up down gain gains gained rise rises increase increased increasing fell falling decline declined higher lower more
    less than after before over nearly almost about around roughly approximately some or another further its their
    jumped climbed expanded slipped edged ended ending annual yearly percent per cent year-on-year year on xiamen city""".split())


def counted_noun(trail: str) -> str | None:
    """The plural noun an English count names right after it ("278 international applications
    were filed": applic, stemmed as measures are), or None (12.4 percent higher, 2,333 of which)."""
    m = _COUNTED_NOUN.match(trail)
    return stem(m.group(1)) if m else None


_COUNTED_NOUN = re.compile(r"\s*(?:[a-z][a-z-]*\s+){0,2}?(?!(?:was|has|is|does|its|this|thus|plus|as|us)\b)([a-z][a-z-]*s)\b(?!')")


def says_name(name: str, text: str) -> bool:
    """Whether ``text`` says a subject's name: a loan product named in quotation marks (“科技信用贷”)
    is not said by 科技信用贷款, which is loans of that kind from any lender."""
    if name not in text:
        return False
    if not name.endswith("贷"):
        return True
    at = text.find(name)
    while at >= 0:
        if text[at + len(name) : at + len(name) + 1] != "款":
            return True
        at = text.find(name, at + 1)
    return False


# 金圆集团旗下的厦门创投, "Xiamen Venture Capital, a subsidiary of Jinyuan Group": the group is
# named as the owner of what the clause is about, which is not the group itself.
_HOLDS_AFTER = re.compile(r"旗下|下属|所属|控股的|参股的|子公司|成员单位|'s (?:subsidiary|unit|arm)\b")
_HELD_BY_BEFORE = re.compile(r"\b(?:subsidiary|unit|arm|member) of (?:the )?$|\b(?:owned|backed|run) by (?:the )?$|\bunder (?:the )?$")


def names_owner(name: str, lead: str) -> bool:
    """Whether the last time ``lead`` (the sentence up to a figure, folded) says ``name`` it names
    the owner of something else the figure is about."""
    at = lead.rfind(name)
    if at < 0:
        return False
    return bool(_HOLDS_AFTER.search(lead, at + len(name)) or _HELD_BY_BEFORE.search(lead, max(0, at - 20), at))


# A count within one field (241 high-tech firms in the field, 该领域国家高企): a part of the city's.
_WITHIN_FIELD = re.compile(r"\bin (?:the|this|that|its) (?:field|sector|industry|segment)\b|(?:该|这一|此)(?:领域|行业|产业)")

# An average over years (年均增长7.8%, average yearly growth of 7.8 percent) is no one year's figure.
_AVERAGE = re.compile(r"年均|平均每年|平均增长|\baverage\b|\bon average\b|\bannuali[sz]ed\b|\bcagr\b")

# A measure that names only a share (占全省, 全省占比, share of Fujian): of what, the sentence says.
_SHARE = re.compile(r"占|比重|比例|\bshare\b|\bproportion\b")

# 其中 / 包括 open a part of what the sentence named before, 另有 another set: a subject does not carry over.
_PART = re.compile(r"其中|包括|包含|含|另有|including|of which|among them")


# Words that, standing right before what a fact measures, name a narrower or other set: 科技型中小企业
# and 专精特新中小企业 are lists within the city's SMEs, 小微企业贷款 is not all lending, 中国企业500强
# is not the Fortune Global 500. A figure so qualified is about that set, unless the fact itself
# speaks of it (its label, quote or tags hold the word).
_NARROWING = tuple(fold(w) for w in """小微 普惠 科技型 创新型 专精特新 小巨人 瞪羚 独角兽 高成长 重点 规上 规模以上 龙头
    骨干 后备 拟上市 上市 民营 外资 外商 国有 境外 海外 中国 全国 世界 全球 我国 服务业 制造业
    科创板 创业板 主板 北交所 新三板 中小板 港股 美股 上交所 深交所 港交所""".split())  # one board's listings are a part
# In English the qualifier may stand anywhere before the figure in its clause (urban residents'
# disposable income per person, income of rural residents): these name a part of the city's people
# or firms wherever they stand.
_NARROWING_ENGLISH = re.compile(r"\b(?:urban|rural|private|state-owned|foreign-funded|micro|tech-based|innovative|speciali[sz]ed|sci-tech|technology-based|science-based|high-growth)\b")
_NARROWING_REACH = 6  # characters before the measure term, within one run of Chinese, where a narrowing word counts
# A measure followed by these is another measure of the same thing: 贷款余额 is a stock, not loans
# made; 上市公司总市值 is not how many companies are listed; 高新技术企业中…的116家 counts a part.
_MEASURE_SUFFIXES = tuple(fold(w) for w in "余额 总额 总市值 市值 占比 比重 中".split())


# A measure that is a bare size (规模突破) is the size of whatever the words right before it name.
_SIZED_BEFORE = re.compile(rf"(?:全市|厦门市?|全省|的)?([{CJK_CLASS}]{{2,6}})$")
_SIZE_OF_ALL = {"全市", "厦门", "厦门市", "我市", "全省", "当地", "整体", "总体"}


def narrowing(text: str, term: str, figure_at: int) -> tuple[str, ...]:
    """The words that qualify ``term`` wherever ``text`` names it (both folded): narrowing words
    just before it, and measure suffixes just after it where it comes before the figure (at
    ``figure_at``): 上市公司总市值6000亿元 is a market value, but 53家上市公司的总市值 still counts
    companies. Empty when one place names it plainly."""
    found: list[str] = []
    at = text.find(term)
    if at < 0:
        return ()
    while at >= 0:
        start = at
        while start > 0 and at - start < _NARROWING_REACH and is_cjk(text[start - 1]):
            start -= 1
        # 当中国家级高企: the 中 of 当中 and the 国 of 国家级 are no 中国 (read one character wider)
        before = _ENDS_IN_ZHONG.sub(r"\1 ", text[max(0, start - 1) : at])[1 if start else 0 :]
        after = text[at + len(term) : at + len(term) + 3]
        here = [w for w in _NARROWING if w in before]
        sized = _SIZED_BEFORE.search(text, max(0, at - 6), at) if term.startswith("规模") and not term.startswith("规模以上") else None
        if sized and sized.group(1) not in _SIZE_OF_ALL:
            here.append(sized.group(1))  # 数字经济规模突破4000亿元 is the size of the digital economy
        if at + len(term) <= figure_at:
            here += [w for w in _MEASURE_SUFFIXES if after.startswith(w)]
        if not here:
            return ()
        found += here
        at = text.find(term, at + 1)
    return tuple(dict.fromkeys(found))


# Kinds of money or output an industry is measured by: a streak or a total of one is not of another
# (连续两年产值突破1000亿 is not the revenue streak, 营收).
_QUANTITY_KINDS = tuple(fold(w) for w in "营收 营业收入 营业额 产值 销售额 利润 税收 市值 交易额 进出口额".split())


def quantity_kinds(text: str) -> tuple[str, ...]:
    """The kinds of quantity ``text`` names (营收, 产值 …)."""
    return tuple(k for k in _QUANTITY_KINDS if k in text)


# Words ending in 中 that put 中国 in a text by accident (其中国家级, 集中国有资本): cut apart
# before scope words are looked for.
_ENDS_IN_ZHONG = re.compile(r"(其中|集中|之中|当中|期中|居中|心中)")


# 全省…为1.48%，厦门则高达2.94%: a clause that turns back to the city (厦门则, 而厦门) is the city's,
# whatever wider place the clauses before it spoke of.
_BACK_TO_CITY = re.compile(r"^\s*(?:而\s*(?:厦门市?|全市)|(?:厦门市?|全市)\s*(?:同年|同期|当年)?\s*(?:则|却))")


def back_to_city(lead: str) -> bool:
    """Whether a figure's clause, before it (``lead``, folded), turns back to the city."""
    return bool(_BACK_TO_CITY.search(lead))


def scope_text(text: str) -> str:
    """``text`` as scope words are looked for in it: ways of saying where Xiamen is left out
    (福建省厦门 names no wider place) and words ending in 中 cut from what follows."""
    return _ENDS_IN_ZHONG.sub(r"\1 ", _APPOSITIONS.sub(" ", text))


# What a measure term is looked for in: 的 and 了 and the city's name said inside a measure do not
# change it (上市的公司, 上市的厦门企业, 获得了授信).
_FILLER = re.compile(r"的|了|厦门市|厦门|相关")  # 供应链相关企业 names 供应链企业


def compact(text: str) -> str:
    """``text`` as measure terms are looked for in it (folded text in, folded text out)."""
    return _FILLER.sub("", text)


# A cap (每家最多5000万元, 融资最高可到1亿元, up to 10 million yuan per firm) is a rule's limit, not a
# total: it is compared only with a fact that is itself a cap (its words hold one of _CAP_WORDS).
_CAP = re.compile(r"最高|最多|上限|封顶|每[家户个项笔]|单[个笔户家项]|\bup to\b|\bper (?:firm|company|enterprise|project)\b|\bcapped\b|\ba maximum of\b")
_CAP_WORDS = tuple(fold(w) for w in "最高 最多 上限 封顶 每家 每户 单个 单笔 单户".split())

# 这109家上市企业 counts a set the text named before (another city's, a list's): what the figure
# is about lies outside its sentence, so nothing there ties it to a fact, and no later clause
# carries it as a subject. (The figure itself is blanked in the text check reads.)
_REFERS_BACK = re.compile(r"(?:这|该|此|上述|前述)\s*$|\bthese\s*$")
_NAMED_BEFORE = re.compile(r"(?:这|该|此|上述|前述) +\S")


def says_cap(lead: str) -> bool:
    """Whether the words before a figure make it a cap, not a total."""
    return bool(_CAP.search(SUMS_UP_TO.sub(" ", lead)))  # "added up to" sums, it sets no cap


def refers_back(lead: str) -> bool:
    """Whether the figure counts a set named before its sentence (这109家)."""
    return bool(_REFERS_BACK.search(lead))


def carries_set_named_before(before: str) -> bool:
    """Whether an earlier clause's subject is such a set (这109家上市企业中, 22家在境内)."""
    return bool(_NAMED_BEFORE.search(before))


# Levels of a thing (市级高企 are not 国家级高企) speak only for the clause they stand in.
_LEVELS = ("市级", "省级", "区级")


# A rank against a wider whole says how good, not whose figure: 处于全国、全球领先水平, 在全国率先
#提出, and the lists a company is ranked into (世界500强, 中国企业500强, 全国百强).
_WHOLES = "全国|全省|全球|世界|国内|国际|中国|我国"
_RANKS = (rf"(?:{_WHOLES})(?:[、和及与](?:{_WHOLES}))?(?:领先|前列|首位|第一|一流|前茅|先进|率先)"
          rf"|(?:{_WHOLES})(?:企业|民营企业|制造业)?[0-9一二三四五六七八九十百千]+强")
_RANK = re.compile(_RANKS)


# Ways of saying where Xiamen is, which name a wider place without changing the scope.
_APPOSITIONS = re.compile(
    r"福建省?厦门|中国厦门|east china's fujian province|southeast china's fujian province|china's fujian province|fujian province's"
    rf"|{_RANKS}"
)


# What a subject is one of (身为中国金融体制改革首批“试验田”之一, "as one of China's first pilot
# cities"): a description of the subject, not where its figures hold.
_ONE_OF = re.compile(r"(?:身为|作为)[^，,。；;]{0,30}之一|\bas one of (?:china's|the country's|the nation's)[^,.;]{0,40}")


# Places the city left behind (把哈尔滨、长春甩在身后, 已越过沈阳): what it is compared with, not
# where its figures hold.
_PASSED = re.compile(r"[把将][^，,。；;]{1,16}?(?:甩在身后|抛在身后|甩在了身后|甩开)|(?:越过|超越|赶超)[^，,。；;]{1,8}?(?=[，,。；;]|$)")


# A name or title in quotation marks, with no clause of its own and no figure in it (“…+未来产业园+
# 创新飞地”, “全国文明城市”): its words name something, not where a figure holds.
_QUOTED_NAME = re.compile(r"[“\"][^“”\"，,。；;！!？?\n]{1,60}[”\"]")


def scope_words(text: str, figures: Sequence[tuple[int, int]]) -> str:
    """``text`` (folded) with the words that name no scope blanked, offsets kept: ranks against a
    wider whole, what a subject is one of, places it left behind and quoted names (above), found in the whole text before it is cut into clauses,
    since a clause may end inside one (处于全国、全球领先水平 is cut at 、). ``figures``: the
    spans of the text's figures; a quotation holding one is what that figure is said of."""
    starts = sorted(s for s, _ in figures)

    def blank(m: re.Match[str]) -> str:
        if m.re is _QUOTED_NAME and bisect.bisect_left(starts, m.start()) < bisect.bisect_left(starts, m.end()):
            return m.group()  # a figure starts inside the quotation
        return " " * len(m.group())

    return _QUOTED_NAME.sub(blank, _PASSED.sub(blank, _ONE_OF.sub(blank, _RANK.sub(blank, text))))


_CITY = {"厦门市", "厦门"}


_NAME_SUFFIXES = re.compile(r"(股份有限公司|有限公司|控股集团|集团|分行|产业)$")


def _terms(text: str, folded: bool = False) -> Counter[str]:
    """Character pairs of Chinese runs and English words: what a claim and a fact share."""
    if not folded:
        text = fold(text)
    terms: Counter[str] = Counter()
    for run in _CJK_RUN.findall(text):
        for i in range(len(run) - 1):
            terms[run[i : i + 2]] += 1
    terms.update(w for w in _WORD.findall(text) if w not in _STOP)
    return terms


def _english(text: str) -> str:
    """Folded English words, stemmed and space-padded, for whole-phrase lookups; a phrase with
    other spellings (per person, per capita: synonyms.txt's ``=`` groups) as its group's first."""
    said = " " + " ".join(stem(w) for w in _ENGLISH_WORD.findall(text)) + " "
    for phrase, first in _spellings():
        if phrase in said:
            said = said.replace(phrase, first).replace(phrase, first)  # twice: " a a " overlaps
    return said


_ENGLISH_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")


def english_between_figures(text: str) -> str:
    """``_english`` of a clause whose figures are blanked, with a "|" where each figure stood:
    the words of a measure said together do not reach across a figure ("exports rose 1.2 percent
    to 357.29 billion yuan and imports …" does not say imports and exports)."""
    if "   " not in text or not _LATIN.search(text):
        return _english(text)  # no figure between words, or no English words to keep apart
    return " | ".join(_english(part) for part in _FIGURE_GAP.split(text))


_LATIN = re.compile(r"[a-z]")
_FIGURE_GAP = re.compile(r" {3,}")  # a blanked figure between words: its own spaces and the words'


@cache
def _spellings() -> tuple[tuple[str, str], ...]:
    """(a spelling, its group's first) as ``_english`` writes them, longest first."""
    from xmfacts.search.words import spelling_groups

    pairs = []
    for group in spelling_groups():
        written = [w for w in (" " + " ".join(stem(w) for w in _ENGLISH_WORD.findall(m)) + " " for m in group) if w.strip()]
        pairs += [(w, written[0]) for w in written[1:] if w != written[0]]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def _without_figures(text: str, readings: Sequence[Reading], offset: int = 0) -> str:
    """The words around figures only: 342家 must not make 家 or 亿元 look like shared subject matter.

    A bare number is left in: it is a name's (1类新药, 1号孵化器, 5G) far more often than a figure.
    """
    chars = list(text)
    for r in readings:
        if not _checkable(r):
            continue
        for i in range(max(r.start - offset, 0), min(r.end - offset, len(chars))):
            chars[i] = " "
    return "".join(chars)


def _says_change(text: str) -> bool:
    """``_CHANGE.search(text)``, in a few substring tests for most facts: the regular expression
    tries each of its words at every position, a fifth of indexing a fact's check profile."""
    plain = text.replace("增加值", "")  # value added, no change
    if any(word in plain for word in _CHANGE_WORDS):
        return True
    return any(word in text for word in _CHANGE_ENGLISH) and bool(_CHANGE.search(text))


class _Boundaries:
    """Where sentences or clauses end, found once per text and looked up by bisection."""

    def __init__(self, pattern: re.Pattern[str], text: str, skip: frozenset[int] = frozenset()) -> None:
        found = [m for m in pattern.finditer(text) if m.start() not in skip]
        self.ends = [m.end() for m in found]
        self.starts = [m.start() for m in found]
        self.length = len(text)

    def around(self, start: int, end: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.ends, start) - 1
        j = bisect.bisect_left(self.starts, end)
        return (self.ends[i] if i >= 0 else 0), (self.starts[j] if j < len(self.starts) else self.length)


# A paragraph break inside a sentence (…厦门天马显示科技副总经理陈\n\n浩说，…: a page that breaks a
# line mid-sentence) ends no sentence: the line before it ends on a word, after a sentence end of
# its own, and the next goes on in words. A heading or a title, which holds no sentence end, still
# stands alone.
_RUN_ON = re.compile(rf"[。！？!?；;][^。！？!?；;\n]*[{CJK_CLASS}]\n\s*(?=[{CJK_CLASS}])")


def _sentences(text: str) -> _Boundaries:
    """Where the sentences of ``text`` end: at 。！？；, a full stop or a line break, but a run-on line break."""
    if "\n" not in text:
        return _Boundaries(_SENTENCE_END, text)
    skip = frozenset(i for m in _RUN_ON.finditer(text) for i in range(m.start(), m.end()) if text[i] == "\n")
    return _Boundaries(_SENTENCE_END, text, skip)


@dataclass(frozen=True)
class FigurePlace:
    """Where a figure stands in a text, as ``check_text`` cuts it: its sentence and its clause.

    Offsets are into the text as given; ``clause`` lies within ``sentence``.
    """

    reading: Reading
    line: int  # 1-based
    sentence: tuple[int, int]
    clause: tuple[int, int]


def figure_places(text: str, readings: Sequence[Reading] | None = None) -> list[FigurePlace]:
    """Every figure of ``text`` (or the ``readings`` given) with the sentence and clause check reads it in."""
    readings = read_figures(text) if readings is None else readings
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    sentences = _sentences(text)
    clauses = _Boundaries(_CLAUSE_END, text)
    places = []
    for r in readings:
        line = bisect.bisect_right(line_starts, r.start)
        s0, s1 = sentences.around(r.start, r.end)
        c0, c1 = clauses.around(r.start, r.end)
        places.append(FigurePlace(r, line, (s0, s1), (max(c0, s0), min(c1, s1))))
    return places
