"""Numbers that say *which*, not *how many*: ordinals, ranks and names are never drafted.

A curator drafting from a page wants its counts, amounts and shares; a number that orders
(第3位, 3rd), ranks (前三名, 全国四大, top 10) or names (二期项目, 8.6代, 党的二十大, 沪深两大交易所,
No. 1, Class 1, 上一年) is part of the words around a figure, and a draft of it is an error a
curator has to spot and delete. Every such shape is one row of ``RULES`` below: what it
catches, and where it looks (the words just before the number, just after it, and the units
it applies to). ``naming_rule`` is the one question extract asks of every number it reads,
Chinese or English.

A rule looks only at the few characters around a number, never at the article's meaning, so a
shape that is a count as often as a name (3期培训班: three sessions; 金砖五国: five countries)
is left a figure: missing a name is a draft deleted, missing a count is a figure lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xmfacts.figures.english import MONTH_RE
from xmfacts.figures.reader import Reading
from xmfacts.model import BaseUnit
from xmfacts.text import to_simplified

_NEAR = 20  # characters looked at on either side of a number


@dataclass(frozen=True)
class Rule:
    """One shape of a number that is no figure: it applies when each part given matches."""

    kind: str  # ordinal, rank, name or dateline
    example: str  # the shape, as the text prints it
    before: re.Pattern[str] | None = None  # searched in the words just before the number (anchor it at $)
    after: re.Pattern[str] | None = None  # matched on the words just after the figure
    units: frozenset[str] = frozenset()  # only a figure in one of these units; empty: any unit or none
    base: BaseUnit | None = None  # only a figure of this base unit
    unless_after: re.Pattern[str] | None = None  # …but not when these words follow (三代人 counts people)
    written: re.Pattern[str] | None = None  # only a number written so (06: a leading zero)

    def applies(self, before: str, after: str, r: Reading) -> bool:
        if self.units and r.figure.unit not in self.units:
            return False
        if self.written is not None and not self.written.fullmatch(r.text):
            return False
        if self.base is not None and r.figure.base_unit is not self.base:
            return False
        if self.before is not None and not self.before.search(before):
            return False
        if self.after is not None and not self.after.match(after):
            return False
        return not (self.unless_after is not None and self.unless_after.match(after))


# a scope a rank is within: 全国四大 is the country's big four (a quotation mark may stand between)
_SCOPE = r"(?:全国|全球|世界|国内|中国|全省|国内外|国有)[“\"「『]?"
# one-character names of places (沪 Shanghai, 深 Shenzhen, 京津冀): 沪深两大交易所 are the two
# exchanges those names say, not a count of big ones
_PLACES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼港澳台深厦漳泉"
# a word that names by number in English: No. 1, Class 1, Phase 2, Line 3, Fortune Global 500, ISO 9001
_EN_NAMING = (r"No\.?|NO\.?|Nos\.|Number|Article|Chapter|Item|Phase|Class|Type|Grade|Level|Line|Route|Highway|Room|Section|Series|Model"
              r"|Version|Stage|Gen|Gate|Terminal|Berth|Pier|Building|Block|Lot|Fortune|Global|Forbes|S&P|CSI|FTSE|SSE|Vision|Agenda"
              r"|Horizon|top|Top|TOP|ISO|GB|IEC")

# verbs of moving up or down a ranking, as 往前挪了 and 抬升 say it
_MOVED = r"(?:前进|上升|提升|抬升|进位|前移|挪|跃升|攀升|跃居|下滑|下降|后退|后移|倒退|回落|滑落)了?"

RULES: tuple[Rule, ...] = (
    Rule("ordinal", "第3位, 第一家, 第 4 条, 第8.6代: which one of a row", before=re.compile(r"第\s*$")),
    Rule("ordinal", "上一年, 前一年, 那一年, 去年一年, 上市最多的一年: which year, not how long",
         before=re.compile(r"[上下同当每这该的那哪前年]$"), base=BaseUnit.YEAR),
    Rule("rank", "前三名, 前10位: the top N of a ranking", before=re.compile(r"前$"), units=frozenset({"名", "位"})),
    Rule("rank", "全国四大供应链服务商, 国内“四大”, 国有六大行: the big N of a scope", before=re.compile(_SCOPE + "$"),
         units=frozenset({"大"})),
    Rule("name", "沪深两大交易所, 京津冀三大城市群: the N places named just before", before=re.compile(f"[{_PLACES}]{{2,}}$"),
         units=frozenset({"大"})),
    Rule("name", "党的二十大, 中共十八大: a party congress", before=re.compile(r"(?:党的|中共|党)$"), units=frozenset({"大"})),
    Rule("name", "十九届五中全会, 十三届全国人大: a congress by its term", units=frozenset({"届"}),
         after=re.compile(r"\s*(?:全国人大|全国政协|人大|政协|中央|市委|省委|区委|[一二三四五六七八九十]中全会|党代会|代表大会|常委会)")),
    Rule("name", "市十三次党代会, 二十次全会: a congress by its number", units=frozenset({"次"}),
         after=re.compile(r"\s*(?:党代会|党员代表大会|全会|全体会议)")),
    Rule("name", "全国人大五次会议: a session of a congress (召开3次会议 counts them)", units=frozenset({"次"}),
         before=re.compile(r"(?:人大|政协|常委会|届)$"), after=re.compile(r"\s*会议")),
    Rule("name", "8.6代面板, 第三代半导体, 5.5代LTPS: a generation of a technology (三代人 counts people)",
         units=frozenset({"代"}), unless_after=re.compile(r"\s*(?:人|同堂)")),
    Rule("name", "二期项目, 三期工程: a phase of a project", units=frozenset({"期"}),
         after=re.compile(r"\s*(?:项目|工程|产线|生产线|厂房|园区|基地|扩建|建设)")),
    Rule("name", "厦门软件园三期, 翔安机场二期, 园区一期: a phase of a place, named after it (3期培训班 counts sessions)",
         units=frozenset({"期"}), before=re.compile(r"(?:园|港|城|机场|基地|园区|片区|大厦|广场|中心|小区|新城)$")),
    Rule("name", "二十国集团: a group's name", units=frozenset({"国"}), after=re.compile(r"\s*集团")),
    Rule("name", "第十四个五年规划, 三年行动计划: a plan named by the span it covers", units=frozenset({"年"}),
         after=re.compile(r"\s*(?:行动)?(?:规划|计划|纲要)")),
    Rule("name", "No. 1, Class 1, Phase 2, Line 3, top 10, Fortune Global 500, Vision 2030: a number in a name or rank",
         before=re.compile(rf"\b(?:{_EN_NAMING})\s*$")),
    Rule("name", "Seal 06, 007号: a number written with a leading zero is a model's or a room's, no count",
         written=re.compile(r"0\d+")),
    Rule("name", "7×24小时, 5x8: a product that names a schedule or a size, not a span or a count",
         before=re.compile(r"\d\s*[×xX*]\s*$")),
    Rule("name", "flies Boeing 737, runs Windows 11: a number right after a name inside a sentence is the name's",
         before=re.compile(rf"[a-z,]\s+(?!(?i:{MONTH_RE})\.?\s)(?-i:[A-Z][a-z]+)\s+$")),
    Rule("name", "CSI 300 index, 沪深300指数: an index named by how many it holds", after=re.compile(r"\s*(?:[Ii]ndex|指数)")),
    Rule("name", "“2019年中国外贸百强城市”, 《2023胡润百富榜》: the year a list or award is named by, inside its title",
         before=re.compile(r"[“\"「『《]$"), after=re.compile(r"[^”\"」』》]{0,10}?(?:强|榜|排行|名单|排名|指数|奖)")),
    Rule("name", "获评“2023年度中国最具幸福感城市”: the year an award or title is named by, opening its quotation marks",
         before=re.compile(r"[“\"「『《]$"), after=re.compile(r"度")),
    Rule("name", "“十城千辆”工程, “千兆城市”: a number inside a short name in quotation marks, of a programme or title",
         before=re.compile(r"[“\"「『][^”\"」』，,。]{0,6}$"),
         after=re.compile(r"[^“”\"「」『』，,。]{0,6}[”\"」』]\s*(?:工程|计划|行动|项目|政策|战略|体系|模式|工作|示范|城市|品牌|称号|试点)")),
    Rule("name", "获评2022年度全国营商环境标杆城市: the year of a title or award, after the verb of winning it",
         before=re.compile(r"(?:获评|荣获|评为|入选|获得|获)\s*$"), after=re.compile(r"度")),
    Rule("name", "2017年度的软件产业白皮书, 2023年度报告, 2020年度城市外贸竞争力排行: the year a report, list or award is named by",
         after=re.compile(r"度的?[^，,。；;：:]{0,24}?(?:白皮书|蓝皮书|报告|年报|榜单|名单|排行|排名|评选|评价|评估|测评|考评|大奖|奖项)")),
    Rule("rank", "往前挪了两位, 前进3位, 下降1名: places moved in a ranking (新增两位院士 counts people)",
         units=frozenset({"位", "名"}), before=re.compile(_MOVED + r"\s*$")),
    Rule("rank", "抬升4个位次, 上升5个名次: places moved in a ranking, said with 位次", units=frozenset({"个"}),
         after=re.compile(r"\s*(?:位次|名次|排位)")),
    Rule("dateline", "Li Na | May 10 2024: a page's byline or metadata line (Editor:, Updated:, 来源：), when it was posted",
         before=re.compile(r"(?:\||Editor:|Source:|Updated:|Published:|Posted:|来源[:：]|编辑[:：]|发布时间[:：])[^\n]{0,40}$")),
    Rule("rank", "ranked 3, ranks at 5, placed 11: a place in a ranking",
         before=re.compile(r"\b(?:rank(?:s|ed|ing)?|plac(?:es|ed|ing))\s+(?:at\s+)?$", re.IGNORECASE)),
)


def naming_rule(text: str, r: Reading) -> Rule | None:
    """The rule by which the number ``r`` reads orders, ranks or names rather than counts, or None.

    The words around it are read in simplified characters (滬深兩大 is 沪深两大), in their own
    case (Class 1 names; a class of 1 would not)."""
    before = to_simplified(text[max(0, r.start - _NEAR) : r.start])
    after = to_simplified(text[r.end : r.end + _NEAR])
    return next((rule for rule in RULES if rule.applies(before, after, r)), None)
