"""xmfacts.text: one normaliser for queries, facts and claims."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xmfacts.text import fold, fold_in_place, has_cjk, is_cjk, to_simplified


@pytest.mark.parametrize(("traditional", "simplified"), [
    ("廈門境內上市公司70家", "厦门境内上市公司70家"),
    ("信易貸", "信易贷"),
    ("1141.58億元", "1141.58亿元"),
    ("實驗室", "实验室"),
    ("創投基金規模", "创投基金规模"),
    ("供應鏈", "供应链"),
    ("厦门上市公司", "厦门上市公司"),  # simplified stays as it is
    ("有多少家上市公司么", "有多少家上市公司么"),  # 么 is simplified, not a variant of 幺
    ("什麼", "什么"),
    ("Xiamen 68", "Xiamen 68"),
])
def test_to_simplified(traditional: str, simplified: str) -> None:
    assert to_simplified(traditional) == simplified


def test_fold_meets_full_width_case_and_traditional() -> None:
    assert fold("ＨＴＤ　廈門１２３") == fold("htd 厦门123") == "htd 厦门123"


@given(st.text())
def test_conversion_keeps_the_length(text: str) -> None:
    assert len(to_simplified(text)) == len(text)


def test_cjk_characters() -> None:
    assert is_cjk("厦") and is_cjk("廈") and not is_cjk("a") and not is_cjk("１")
    assert has_cjk("ab授信") and not has_cjk("listed companies")


@given(st.text())
def test_folding_in_place_keeps_every_offset(text: str) -> None:
    assert len(fold_in_place(text)) == len(text)


def test_folding_in_place_folds_what_it_can() -> None:
    assert fold_in_place("ＨＴＤ廈門……㎡") == "htd厦门……㎡"


@given(st.text())
def test_folding_twice_changes_nothing(text: str) -> None:
    assert fold(fold(text)) == fold(text)


def test_chained_characters_convert_in_one_pass() -> None:
    assert to_simplified(to_simplified("什麼")) == to_simplified("什麼")
