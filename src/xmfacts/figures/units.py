"""The unit table: every unit as printed maps to a scale and a base unit.

Units compose: a printed unit is an optional multiplier (万, 亿, 万亿 …) followed by a
base spelling (元, 家, % …), so 亿元 is CNY × 10^8 and 万家 is count × 10^4 without
listing every pair. A unit that does not parse is a validation error, never a silent pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from xmfacts.model import BaseUnit

# Longest first, so 万亿 wins over 万 and 亿.
MULTIPLIERS: dict[str, int] = {
    "万亿": 10**12,
    "千亿": 10**11,
    "百亿": 10**10,
    "亿": 10**8,
    "千万": 10**7,
    "百万": 10**6,
    "万": 10**4,
    "千": 10**3,
    "百": 10**2,
}

# The measure words Chinese counts with. Tech and finance pages also count steps (超600道工序),
# events (300余场), aircraft and drones (2000架), wafers (20万片), cases (10例), works (3部, 5首),
# satellites (4枚), visits (2700万人次, 3万家次), a port's containers (1255万标箱, in TEU), freight
# trains (开行300列), land parcels (出让12宗) and trips (120班次): a count printed with a word missing here is
# read as no figure at all, or as 2700万人 without its 次.
_COUNT_WORDS = (
    "家 个 项 条 所 种 张 户 层 件 名 人 台 席 位 款 批 只 座 次 支 期 笔 套 颗 辆 艘 间 栋 "
    "块 份 本 篇 处 双 大 届 轮 代 国 省 市 区 县 校 股 "
    "道 场 架 片 例 部 首 枚 人次 家次 架次 辆次 艘次 标箱 标准箱 列 宗 棵 幢 趟 班次"
)

# base spelling -> (scale, base unit)
BASE_SPELLINGS: dict[str, tuple[int, BaseUnit]] = {
    "元": (1, BaseUnit.CNY),
    "%": (1, BaseUnit.PERCENT),
    "成": (10, BaseUnit.PERCENT),
    "个百分点": (1, BaseUnit.PERCENTAGE_POINT),
    "百分点": (1, BaseUnit.PERCENTAGE_POINT),
    "度": (1, BaseUnit.KWH),
    "千瓦时": (1, BaseUnit.KWH),
    # energy and power as battery and solar pages print them, in Chinese or glued in Latin letters
    # (储能电池出货量10GWh, 装机100兆瓦): the reader takes a Latin unit here for a unit, not a name
    "兆瓦时": (10**3, BaseUnit.KWH),
    "吉瓦时": (10**6, BaseUnit.KWH),
    "kWh": (1, BaseUnit.KWH),
    "MWh": (10**3, BaseUnit.KWH),
    "GWh": (10**6, BaseUnit.KWH),
    "千瓦": (1, BaseUnit.KW),
    "兆瓦": (10**3, BaseUnit.KW),
    "吉瓦": (10**6, BaseUnit.KW),
    "kW": (1, BaseUnit.KW),
    "MW": (10**3, BaseUnit.KW),
    "GW": (10**6, BaseUnit.KW),
    "美元": (1, BaseUnit.USD),
    "吨": (1, BaseUnit.TONNE),
    "加仑": (1, BaseUnit.GALLON),
    "平方公里": (1, BaseUnit.KM2),
    "米": (1, BaseUnit.METRE),
    "公里": (1000, BaseUnit.METRE),
    "平方千米": (1, BaseUnit.KM2),
    "平方米": (1, BaseUnit.M2),
    "公顷": (10**4, BaseUnit.M2),
    "亩": (1, BaseUnit.MU),
    "分钟": (1, BaseUnit.MINUTE),
    "小时": (1, BaseUnit.HOUR),
    "天": (1, BaseUnit.DAY),
    "个月": (1, BaseUnit.MONTH),
    "年": (1, BaseUnit.YEAR),
    # a ranking's points (得分77.4分); the reader takes 分 only after digits, never a clock's 8点30分
    "分": (1, BaseUnit.SCORE),
    **{w: (1, BaseUnit.COUNT) for w in _COUNT_WORDS.split()},
}


@dataclass(frozen=True)
class Unit:
    text: str
    scale: int
    base: BaseUnit


@cache
def split_multiplier(text: str) -> tuple[str, str]:
    """A printed unit as (multiplier, base spelling): 万家 → (万, 家), 亿 → (亿, ''), 百分点 → ('', 百分点).

    Whole spellings come first, so 百分点 is not read as 百 × 分点.
    """
    if text in BASE_SPELLINGS:
        return "", text
    for prefix in MULTIPLIERS:
        if text.startswith(prefix):
            return prefix, text[len(prefix) :]
    return "", text


@cache
def parse_unit(text: str) -> Unit | None:
    """Read a printed unit; '' is a bare number. None when the unit is not in the table."""
    multiplier, spelling = split_multiplier(text)
    factor = MULTIPLIERS.get(multiplier, 1)
    if spelling == "":
        return Unit(text, factor, BaseUnit.NUMBER)
    if spelling not in BASE_SPELLINGS:
        return None
    scale, base = BASE_SPELLINGS[spelling]
    if multiplier and base is BaseUnit.PERCENT:
        return None  # 万% and 万成 mean nothing
    return Unit(text, factor * scale, base)


def compatible(a: BaseUnit, b: BaseUnit) -> bool:
    """Whether two figures can be compared: same base unit, or one is a bare number."""
    return a is b or BaseUnit.NUMBER in (a, b)


def base_spellings_longest_first() -> list[str]:
    """Every base spelling, longest first, for readers that match units greedily in text."""
    return sorted(BASE_SPELLINGS, key=len, reverse=True)
