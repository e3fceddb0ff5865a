from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xmfacts.model import BaseUnit
from xmfacts.figures.units import BASE_SPELLINGS, MULTIPLIERS, compatible, parse_unit, split_multiplier


@pytest.mark.parametrize(
    ("text", "scale", "base"),
    [
        ("亿元", 10**8, BaseUnit.CNY), ("万亿元", 10**12, BaseUnit.CNY), ("万元", 10**4, BaseUnit.CNY),
        ("万家", 10**4, BaseUnit.COUNT), ("万户", 10**4, BaseUnit.COUNT), ("家", 1, BaseUnit.COUNT),
        ("成", 10, BaseUnit.PERCENT), ("%", 1, BaseUnit.PERCENT), ("个百分点", 1, BaseUnit.PERCENTAGE_POINT),
        ("度", 1, BaseUnit.KWH), ("加仑", 1, BaseUnit.GALLON), ("平方公里", 1, BaseUnit.KM2), ("万米", 10**4, BaseUnit.METRE),
        ("公里", 10**3, BaseUnit.METRE), ("万平方米", 10**4, BaseUnit.M2), ("公顷", 10**4, BaseUnit.M2), ("万亩", 10**4, BaseUnit.MU),
        ("分钟", 1, BaseUnit.MINUTE), ("个月", 1, BaseUnit.MONTH), ("年", 1, BaseUnit.YEAR),
        ("亿美元", 10**8, BaseUnit.USD), ("万吨", 10**4, BaseUnit.TONNE), ("万千瓦", 10**4, BaseUnit.KW), ("兆瓦", 10**3, BaseUnit.KW),
        ("兆瓦时", 10**3, BaseUnit.KWH), ("GWh", 10**6, BaseUnit.KWH), ("MW", 10**3, BaseUnit.KW), ("万标箱", 10**4, BaseUnit.COUNT),
        ("", 1, BaseUnit.NUMBER), ("万", 10**4, BaseUnit.NUMBER), ("亿", 10**8, BaseUnit.NUMBER),
    ],
)
def test_units_as_printed(text: str, scale: int, base: BaseUnit) -> None:
    unit = parse_unit(text)
    assert unit is not None and (unit.scale, unit.base) == (scale, base)


@pytest.mark.parametrize("text", ["斤", "万%", "万成", "英镑", "亿亿元", " 家"])
def test_unknown_units_are_refused(text: str) -> None:
    assert parse_unit(text) is None


@given(st.sampled_from(sorted(MULTIPLIERS)), st.sampled_from(sorted(BASE_SPELLINGS)))
def test_every_multiplier_composes_with_every_non_percent_unit(multiplier: str, spelling: str) -> None:
    unit = parse_unit(multiplier + spelling)
    scale, base = BASE_SPELLINGS[spelling]
    if base is BaseUnit.PERCENT:
        assert unit is None
    elif unit is not None and (multiplier + spelling) not in BASE_SPELLINGS:
        assert (unit.scale, unit.base) == (MULTIPLIERS[multiplier] * scale, base)


def test_bare_numbers_compare_with_anything() -> None:
    assert compatible(BaseUnit.NUMBER, BaseUnit.CNY)
    assert compatible(BaseUnit.COUNT, BaseUnit.COUNT)
    assert not compatible(BaseUnit.COUNT, BaseUnit.CNY)


@pytest.mark.parametrize(
    ("text", "parts"),
    [("万家", ("万", "家")), ("亿元", ("亿", "元")), ("亿", ("亿", "")), ("家", ("", "家")), ("百分点", ("", "百分点")), ("个百分点", ("", "个百分点")), ("", ("", ""))],
)
def test_split_multiplier_reads_whole_spellings_first(text: str, parts: tuple[str, str]) -> None:
    assert split_multiplier(text) == parts
