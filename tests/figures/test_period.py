"""The period a text gives its figures."""

from __future__ import annotations

import pytest

from xmfacts.figures.period import chinese_period, valid_date


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("截至今年9月末，该行科技金融贷款余额", "2024-09-30"),  # 至今 in 截至今年 is not "up to now"
        ("截至2018年底", "2018-12-31"),
        ("其中2023年至今募集资金", None),
        ("今年上半年中海锐悦的营收", "2024-06-30"),
    ],
)
def test_chinese_period(text: str, period: str | None) -> None:
    assert chinese_period(text, "2024-11-20") == period


@pytest.mark.parametrize(
    ("text", "ok"),
    [("2024", True), ("2024-09", True), ("2024-09-30", True), ("2024-13", False), ("2024-02-30", False), ("24", False), ("2024/09", False)],
)
def test_valid_date(text: str, ok: bool) -> None:
    assert valid_date(text) is ok
