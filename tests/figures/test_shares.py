"""Shares said in words (xmfacts.figures.shares): what extract drafts and validate traces alike."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from xmfacts.figures.shares import worded_shares
from xmfacts.model import BaseUnit, Fact, Figure, Kind, Qualifier, Source
from xmfacts.validate import figure_in_quote

_TENS = "二三四五六七八九十"  # denominators 2..10
_ONES = "一二三四五六七八九"  # numerators 1..9
_HEDGES = {"": Qualifier.EXACT, "约": Qualifier.ABOUT, "超过": Qualifier.OVER, "接近": Qualifier.NEARLY, "近": Qualifier.NEARLY}
_AFTER = {"": None, "以上": Qualifier.OVER, "左右": Qualifier.ABOUT}


def _share(n: int, d: int) -> Decimal:
    return (Decimal(100 * n) / d).quantize(Decimal("0.01")).normalize()


def _fact(value: Decimal, quote: str) -> Fact:
    figure = Figure(Kind.QUANTITY, Qualifier.EXACT, value, unit="%", scale=1, base_unit=BaseUnit.PERCENT)
    return Fact("t", "x", "l", "l", figure, "厦门市", Source("s", "t"), quote, measure=("占比",))


@given(n=st.integers(1, 9), d=st.integers(2, 10), arabic=st.booleans(), hedge=st.sampled_from(sorted(_HEDGES)),
       after=st.sampled_from(sorted(_AFTER)))
def test_a_fraction_of_a_whole_is_its_share_with_its_hedge(n: int, d: int, arabic: bool, hedge: str, after: str) -> None:
    assume(n < d)
    said = f"{n}/{d}" if arabic else f"{_TENS[d - 2]}分之{_ONES[n - 1]}"
    text = f"厦门企业数量占全省的{hedge}{said}{after}。"
    [share] = worded_shares(text)
    assert share.text == f"{hedge}{said}{after}"
    assert (share.figure.value, share.figure.unit) == (_share(n, d), "%")
    assert share.figure.qualifier is (_AFTER[after] or _HEDGES[hedge])
    # validate finds the share in a quote that says it, and no other share there
    assert figure_in_quote(_fact(_share(n, d), text))
    assert not figure_in_quote(_fact(_share(n, d) + 1, text))


@given(st.sampled_from(["另一半时间用于培训", "一半是研发人员", "比例为1/3", "截至2024/1/3"]))
def test_a_share_of_nothing_named_is_none_in_running_text(text: str) -> None:
    assert worded_shares(text) == []


def test_a_quote_of_a_fact_already_a_share_may_say_half_alone() -> None:
    # the fact says it is a 50 % share: 另一半 in its quote states it, where running text would not
    assert [r.figure.value for r in worded_shares("另一半时间用于培训", of_something=False)] == [Decimal(50)]


@pytest.mark.parametrize(
    ("text", "said", "value", "qualifier"),
    [
        ("Two-thirds of the firms reported higher revenue.", "Two-thirds", "66.67", Qualifier.EXACT),
        ("About two thirds of the new loans went to small firms.", "About two thirds", "66.67", Qualifier.ABOUT),
        ("A quarter of the fund is for chip makers.", "A quarter", "25", Qualifier.EXACT),
        ("Three-quarters of the park's firms are private.", "Three-quarters", "75", Qualifier.EXACT),
        ("Nearly a third of the companies are foreign-funded.", "Nearly a third", "33.33", Qualifier.NEARLY),
        ("It holds one-fifth of the province's patents.", "one-fifth", "20", Qualifier.EXACT),
    ],
)
def test_a_fraction_in_english_words_is_a_share_of_what_follows_its_of(text: str, said: str, value: str, qualifier: Qualifier) -> None:
    [share] = worded_shares(text)
    assert (share.text, share.figure.value, share.figure.unit, share.figure.qualifier) == (said, Decimal(value), "%", qualifier)


@pytest.mark.parametrize("text", ["In the first three quarters of 2024, output rose.", "Output in the third quarter rose.",
                                  "Three quarters of 2024 have passed.", "He took a third look."])
def test_an_english_quarter_of_a_year_is_no_share(text: str) -> None:
    assert worded_shares(text) == []


def test_an_english_line_of_a_page_that_also_holds_chinese_reads_its_fractions() -> None:
    text = "About one-third of the firms are high-tech.\n厦门有企业一半以上在岛内。\n"
    assert [(r.text, r.figure.value) for r in worded_shares(text)] == [("About one-third", Decimal("33.33")), ("一半以上", Decimal("50"))]


@pytest.mark.parametrize(
    ("text", "said", "value", "qualifier"),
    [("Exports to ASEAN rose by one-fifth, to 120.5 billion yuan.", "one-fifth", "20", Qualifier.EXACT),
     ("Output fell by nearly a third.", "nearly a third", "33.33", Qualifier.NEARLY)],
)
def test_an_english_change_by_a_fraction_is_a_percent(text: str, said: str, value: str, qualifier: Qualifier) -> None:
    [share] = worded_shares(text)
    assert (share.text, share.figure.value, share.figure.qualifier) == (said, Decimal(value), qualifier)


@pytest.mark.parametrize("text", ["Sales were handled by a third party.", "It was taken over by a fifth bidder."])
def test_a_fraction_after_by_with_no_change_is_no_share(text: str) -> None:
    assert worded_shares(text) == []
