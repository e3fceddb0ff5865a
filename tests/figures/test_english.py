"""The English reader (figures/english.py): shapes of figures other outlets print in English."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xmfacts.figures.english import read_english
from xmfacts.model import BaseUnit, Qualifier


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # that many or more, said after the number: a count at least that big
        ("Xiamen had 30-plus research institutes.", [("30-plus", Qualifier.AT_LEAST, 30)]),
        ("It hosts 50-odd firms and 300+ companies.", [("50-odd", Qualifier.AT_LEAST, 50), ("300+", Qualifier.AT_LEAST, 300)]),
        ("more than 30-plus firms", [("more than 30-plus", Qualifier.OVER, 30)]),
        # not before a noun it counts, or inside a name or a sum: no figure
        ("a 4+4+6 model", []),
        ("the 2021-plus plan", []),
    ],
)
def test_a_count_said_with_plus_or_odd_is_at_least_that(text: str, expected: list[tuple[str, Qualifier, int]]) -> None:
    got = [(text[s:e], f.qualifier, int(f.value or 0)) for s, e, f in read_english(text)]
    assert got == expected
    assert all(f.base_unit is BaseUnit.COUNT for _, _, f in read_english(text))


@pytest.mark.parametrize("text", ["In the first three quarters, output grew.", "over the past two weeks", "for four years"])
def test_a_span_of_time_in_words_is_no_count(text: str) -> None:
    assert list(read_english(text)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the currency written onto the number opens the figure, whole: never RMB3 of RMB3.5bn
        ("The bank lent RMB3.5bn to them.", ("RMB3.5bn", "3.5", BaseUnit.CNY, 10**9)),
        ("raised CNY33 billion", ("CNY33 billion", "33", BaseUnit.CNY, 10**9)),
        ("raised RMB 1.14 trillion", ("RMB 1.14 trillion", "1.14", BaseUnit.CNY, 10**12)),
    ],
)
def test_a_currency_written_onto_its_number_is_read(text: str, expected: tuple[str, str, BaseUnit, int]) -> None:
    got = [(text[s:e], str(f.value), f.base_unit, f.scale) for s, e, f in read_english(text)]
    assert got == [expected]


def test_a_count_of_things_named_in_quotes_is_a_count() -> None:
    text = 'Xiamen now has 82 "little giant" firms.'
    assert [(text[s:e], f.base_unit) for s, e, f in read_english(text)] == [("82", BaseUnit.COUNT)]


@pytest.mark.parametrize(("text", "date"), [("The platform went live in May 2023.", "2023-05"), ("since May 2021", "2021-05")])
def test_may_after_in_or_since_is_the_month(text: str, date: str) -> None:
    assert [f.date for _, _, f in read_english(text)] == [date]


def test_may_as_a_verb_is_no_date() -> None:
    assert list(read_english("Output may 2030 be doubled")) == []


@pytest.mark.parametrize(
    ("text", "said", "unit"),
    [("It drew US$1.2 billion of foreign capital.", "US$1.2 billion", "billion US dollars"),
     ("a $300 million plant", "$300 million", "million US dollars"),
     ("invested 2 billion US dollars", "2 billion US dollars", "billion US dollars"),
     ("Revenue hit 300 million U.S. dollars.", "300 million U.S. dollars", "million US dollars")],
)
def test_dollars_are_dollars_never_a_bare_number(text: str, said: str, unit: str) -> None:
    got = [(text[s:e], f.unit, f.base_unit) for s, e, f in read_english(text)]
    assert got == [(said, unit, BaseUnit.USD)]


@pytest.mark.parametrize("text", ["It raised HK$3.5bn.", "NT$2 billion", "a S$5 million grant", "€3 billion"])
def test_another_currency_is_no_figure_to_compare(text: str) -> None:
    assert list(read_english(text)) == []


@pytest.mark.parametrize("text", ["up from 2,800 3 years ago", "2 months earlier"])
def test_so_long_ago_is_when_not_how_long(text: str) -> None:
    assert list(read_english(text)) == []


def test_a_wire_services_pct_is_percent() -> None:
    got = [(text[s:e], f.value, f.base_unit) for text in ["Sales rose by 12.5 pct."] for s, e, f in read_english(text)]
    assert got == [("12.5 pct", Decimal("12.5"), BaseUnit.PERCENT)]


@pytest.mark.parametrize(
    ("text", "said", "value", "base"),
    [("Eighty percent of the loans were unsecured.", "Eighty percent", "80", BaseUnit.PERCENT),
     ("Ninety-five per cent of the funds went to SMEs.", "Ninety-five per cent", "95", BaseUnit.PERCENT),
     ("The rate fell one percentage point.", "one percentage point", "1", BaseUnit.PERCENTAGE_POINT),
     ("It rose two percentage points.", "two percentage points", "2", BaseUnit.PERCENTAGE_POINT)],
)
def test_a_share_written_in_words_is_a_percent(text: str, said: str, value: str, base: BaseUnit) -> None:
    got = [(text[s:e], f.value, f.base_unit) for s, e, f in read_english(text)]
    assert got == [(said, Decimal(value), base)]


@pytest.mark.parametrize(("text", "said"), [("GDP grew 5.4pc in the first half.", "5.4pc"), ("Sales rose 3 pc.", "3 pc")])
def test_the_financial_press_pc_is_percent(text: str, said: str) -> None:
    got = [(text[s:e], f.value, f.base_unit) for s, e, f in read_english(text)]
    assert got == [(said, Decimal(said.split("p")[0].strip()), BaseUnit.PERCENT)]


def test_pcs_are_computers_not_percent() -> None:
    assert all(f.base_unit is not BaseUnit.PERCENT for _, _, f in read_english("The school bought 500 PCs and 3 PC monitors."))


@pytest.mark.parametrize(("text", "said", "scale", "base"), [
    ("It paid RMB 800m in tax.", "RMB 800m", 10**6, BaseUnit.CNY),
    ("It raised $20m of funding.", "$20m", 10**6, BaseUnit.USD),
])
def test_m_after_a_currency_is_million(text: str, said: str, scale: int, base: BaseUnit) -> None:
    assert [(text[s:e], f.scale, f.base_unit) for s, e, f in read_english(text)] == [(said, scale, base)]


def test_m_without_a_currency_is_no_million() -> None:
    assert list(read_english("It built a 800m runway, 8 m wide.")) == []


def test_a_multiplier_before_a_unit_stays_in_the_unit() -> None:
    [(s, e, f)] = list(read_english("The port ships 1.2 million tonnes a year."))
    assert (f.unit, f.scale, f.value) == ("million tonnes", 10**6, Decimal("1.2"))
