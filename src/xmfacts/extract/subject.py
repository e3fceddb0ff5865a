"""Who or what a new article's figure is about: the subject its clause names, or carries from
the sentences before it (天马落户厦门，累计投资超1000亿元 is Tianma's; a paragraph that goes on
about a company without naming it again is still about that company).

A curator reads a draft by its subject first: a figure drafted as "厦门累计投资" instead of
Tianma's investment would be filed under the wrong thing, so the draft says whose figure it is
in its entity, its label and, where the sentence allows, its quote.
"""

from __future__ import annotations

import re

from xmfacts.text import fold

# The article's main place when a clause names no other subject.
DEFAULT_ENTITY = "厦门市"
CITIES = ("厦门", "福州", "泉州", "漳州", "莆田", "宁德", "深圳", "上海", "北京", "广州", "杭州", "南京", "苏州", "成都", "武汉")

_CJK = "\u4e00-\u9fff"
# Organisations a clause names as its subject: 嘉庚创新实验室, 厦门国际银行, 金圆集团, 中海锐悦公司,
# 柯尔微电子装备（厦门）有限公司.
_ORG = re.compile(
    rf"[{_CJK}]{{2,12}}?(?:[（(][{_CJK}]{{2,4}}[）)])?(?:创新实验室|实验室|研究院|研究所|控股集团|集团|银行(?!业)|分行|有限公司|公司|科学城|交易所|大学|高新区|自贸片区|开发区)"
)  # 厦门银行业 is the city's banks, no bank
# An organisation named by the title of the person speaking for it: 盈趣科技董事长, 厦门天马显示科技副总经理.
_TITLED = re.compile(rf"[{_CJK}]{{2,10}}?(?=副总经理|总经理|副董事长|董事长|党委书记|总裁|负责人)")
# Words no name holds: a match with one of them is a description (境内上市公司, 各类企业), not a subject.
_GENERIC = re.compile(r"上市|企业|各类|技术|目前|境内|得到|潜力|其他|这|那|[一两二三四五六七八九十几数多]家|中小|科技型|我国|全国|第一|我们|记者|相关|当地|调研|小分队")
# Words of a clause, not of a name: 即可完成从质押发起到银行 ends in 银行 but names no bank.
_NOT_NAME = re.compile(r"[从到把被给让]|即可|完成|发起|获得|得到|可为|需要")
# What comes before a name in its clause (来自, 由, 吸引…), cut off; 自 of 自贸片区 is the name's own.
_ORG_LEAD = re.compile(r".*(?:的|自(?!贸)|了|在|由|向|与|为|是|把|将|和|及|、|推出|吸引|联合|走进|根据|随着|对于|通过|加入|落户|持有|受托|管理|建设|成立|组建|建立|设立)")
# A clause that refers back to the subject of the sentence before (该行 = "that bank").
# 其中, 其他, 其余 and 其次 open a part of the sentence before, and point back at no name.
_BACK_REFERENCE = re.compile(r"^(?:该行|该公司|该集团|该实验室|该院|其(?![中他余次实])|该)")
# Before a sentence's own subject: when (2011年，目前，截至今年9月末，) and connectives.
_LEAD_IN = re.compile(
    r"^[\s“”‘’\"]*(?:(?:(?:19|20)\d\d年(?:\d{1,2}月)?(?:\d{1,2}日)?|(?:今年|去年)(?:上半年|下半年|前三季度|一季度|以来|[0-9]{1,2}月(?:末|底)?)?|目前|此外|同时|其中|另外|截至[^，,]{1,12}|近年来)[，,]?\s*)*"
)
# A sentence that opens with its subject: 天马成立于1983年, 厦门象屿研发搭建了…, 厦门创投吸引….
_LEAD_NAME = re.compile(
    rf"([{_CJK}]{{2,8}}?)(?=成立|落户|研发|推出|聚焦|吸引|专注|持有|拥有|就|已|还|先后|通过|累计|是|在|将|联合|组建|自主|总部|共有|有"
    # 火炬高新区现有…, 厦门全市今年已有…: the name ends before now and where
    r"|现有|现已|目前|今年|去年|全市"
    # 火炬高新区2023年实现…: and before the year it tallies
    r"|(?:19|20)\d\d年)"
)
# 这是一个名为“厦门信易贷”的…平台干出来的: the sentence after a figure names whose it was.
_NAMED_AFTER = re.compile(r"^\s*这(?:是|就是)[^。！？]{0,20}?(?:名为|叫做?|被称为)“([^”]{2,12})”")
# 生物医药与健康产业是厦门的另一张“产业名片”: a sector named after its figures, as the sentence's topic.
_SECTOR_IS = re.compile(rf"([{_CJK}]{{2,12}}?(?:产业|行业))是")
# 习近平总书记: a leader's words and deeds are his, not the city's.
_LEADER = re.compile(rf"([{_CJK}]{{2,3}})(?=总书记)")
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
_CARRY_SENTENCES = 4  # how far back a subject carries: a paragraph or so, never across the article


def org_names(text: str) -> list[str]:
    """Names of organisations in text, in order; 兴业银行厦门分行 is one name, not two, and
    厦门建设、国贸控股、象屿集团 (a list that ends in one) is one subject."""
    found: list[tuple[int, int, str, bool]] = []
    for pattern in (_ORG, _TITLED):
        for m in pattern.finditer(text):
            name = _ORG_LEAD.sub("", m.group())
            if len(name) < 2 or (pattern is _ORG and len(name) < 3) or _GENERIC.search(fold(name)) or _NOT_NAME.search(name):
                continue
            start = m.end() - len(name)
            if any(s <= start < e or start <= s < m.end() for s, e, _, _ in found):
                continue
            found.append((start, m.end(), name, name == m.group()))
    found.sort()
    names: list[str] = []
    last_end = -1
    for start, end, name, whole in found:
        if names and start == last_end and whole:
            names[-1] += name  # 兴业银行 + 厦门分行
        else:
            listed = re.search(rf"((?:[{_CJK}]{{2,8}}、)+)$", text[:start])
            if listed:
                items = listed.group(1).rstrip("、").split("、")
                items[0] = re.sub(r".*(?:的|了|在|是|和|及)", "", items[0])
                if all(len(i) >= 2 and not _GENERIC.search(fold(i)) for i in items):
                    name = "、".join([*items, name])
            names.append(name)
        last_end = end
    return names


# “创新联合体组建一年多，…。”盈趣科技董事长林松华说: quoted words are the speaker's organisation's.
_SPEAKER = re.compile(r"^[。！？!?]?[”」]([^“”。\n]{2,30}?)(?:说|表示|介绍|指出)")


def subject_in(text: str, folded: str, s0: int, s1: int, at: int, end: int, clause_end: int, place: str, event: bool,
               counted: bool = False) -> str:
    """The subject of the figure at ``at``…``end`` in the sentence ``s0``…``s1``, as ``text`` writes it.

    Names are found in ``folded`` (``fold_in_place``: simplified characters, offsets kept), so a
    page in traditional characters (廈門國際銀行) names its subject as one in simplified does; the
    name is then taken from the text itself at the same place, in the page's own script.
    """
    name = subject_at(folded, s0, s1, at, end, clause_end, place, event, counted)
    if name == place or folded is text:
        return name
    spots = [m.start() for m in re.finditer(re.escape(name), folded)]
    if not spots:
        return name
    nearest = min(spots, key=lambda i: abs(i - at))
    return text[nearest : nearest + len(name)]


def subject_at(text: str, s0: int, s1: int, at: int, end: int, clause_end: int, place: str, event: bool, counted: bool = False) -> str:
    """The subject of the figure at ``at``…``end`` in the sentence ``s0``…``s1``."""
    before = org_names(text[s0:at])
    if before:
        return before[-1]
    if event:
        # 成立于2011年7月的金圆集团, 1985年，我国第一家中外合资银行——厦门国际银行成立: what the
        # date is about follows it in its sentence
        after = org_names(text[end:s1]) or [m.group(1) for m in _LEADER.finditer(text[end:s1])]
        if after:
            return after[0]
    sentence = text[s0:at]
    if _BACK_REFERENCE.search(sentence.lstrip("，, ")) or re.search(r"[，,]\s*(?:该行|该公司|其(?![中他余次实]))", sentence):
        names = org_names(text[max(0, s0 - 200) : s0])
        if names:
            return names[-1]
    pointed = _NAMED_AFTER.match(text[s1 + 1 : s1 + 80])
    if pointed:
        return pointed.group(1)
    speaker = _SPEAKER.match(text[s1 : s1 + 40])
    if speaker and org_names(speaker.group(1)):
        return org_names(speaker.group(1))[0]
    lead = _lead_name(text[s0:s1], place)
    if lead:
        return lead
    # 辟出34平方公里的土地建设厦门科学城: the subject named after the figure, later in its clause
    # (two家省级创新实验室 is what is counted, not whose count it is)
    after = [] if counted else org_names(text[end:clause_end])
    if after and text.find(after[0], end) - end > 2:
        return after[0]
    if _names_place(text[s0:s1] if event else sentence, place):
        return place  # 1986年，厦门被确定为…: an event the city's own
    sector = _SECTOR_IS.search(text[end:s1])
    if sector:
        return sector.group(1)
    carried = _carried(text, s0, place)
    return carried or place


def _lead_name(sentence: str, place: str) -> str | None:
    """The name a sentence opens with, after when and connectives: 天马 in 2011年，天马落户厦门."""
    rest = sentence[_LEAD_IN.match(sentence).end() :]  # type: ignore[union-attr]
    m = _LEAD_NAME.match(rest)
    if not m:
        return None
    name = m.group(1)
    if name in CITIES or name in (place, place.removesuffix("市"), "全市", "全省"):
        return place if name in (place, place.removesuffix("市"), "全市") else None
    # 全市每万人有效发明专利: a scope and a rate's denominator, no name
    if _GENERIC.search(fold(name)) or re.search(r"[0-9]|说|为|对|以|从|据|与|的|被|每|^全[市省国区]", name):
        return None
    return name


def _names_place(sentence: str, place: str) -> bool:
    return any(word in sentence for word in (place.removesuffix("市"), "全市"))


def _carried(text: str, s0: int, place: str) -> str | None:
    """The subject the sentences before carry: the last one any of them names."""
    end = s0
    seen = 0
    while end > 0 and seen < _CARRY_SENTENCES:
        start = _sentence_start(text, end - 1)
        sentence = text[start : end - 1] if end - 1 >= start else ""
        end = start
        if not sentence.strip():
            continue
        if sentence.lstrip().startswith("#"):
            return None  # a heading: what follows it starts afresh
        seen += 1
        named = _named_in(sentence, place)
        if named:
            return named
    return None


def _sentence_start(text: str, at: int) -> int:
    i = at
    while i > 0 and not _SENTENCE_END.match(text[i - 1]):
        i -= 1
    return i


def _named_in(sentence: str, place: str) -> str | None:
    """The subject a whole sentence names last, for the sentences after it."""
    sector = _SECTOR_IS.search(sentence)
    names = org_names(sentence)
    if sector and (not names or sentence.find(names[-1]) < sector.start()):
        return sector.group(1)
    if names:
        return names[-1]
    lead = _lead_name(sentence, place)
    if lead:
        return lead
    return place if _names_place(sentence, place) else None


def short_name(entity: str, place: str) -> str:
    """How a label names the subject: 厦门 for the city, a company without 股份有限公司 or （厦门）."""
    if entity in (place, DEFAULT_ENTITY):
        return entity.removesuffix("市")
    name = re.sub(r"（[^）]*）|\([^)]*\)", "", entity)
    return re.sub(r"(?:股份有限公司|有限公司)$", "", name) or entity


def mentions(entity: str, place: str) -> tuple[str, ...]:
    """The words that name the subject in the article, longest first."""
    names = {entity, short_name(entity, place)}
    if "、" in entity:
        names |= set(entity.split("、"))
    return tuple(sorted((n for n in names if len(n) >= 2), key=len, reverse=True))
