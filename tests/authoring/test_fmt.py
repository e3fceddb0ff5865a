"""xmfacts.authoring.fmt: one canonical layout, values never changed; round trips."""

from __future__ import annotations

import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xmfacts.authoring.add import Draft, fact_table
from xmfacts.authoring.fmt import FileState, format_factbase
from xmfacts.authoring.tomltext import canonical_text, has_comment, identical
from xmfacts.errors import FactBaseError, OutputError, Problem
from xmfacts.index import load_factbase
from xmfacts.model import Fact, Kind
from xmfacts.factbase.parse import parse_factbase


from .helpers import ODD, SOURCES, TOPIC, listing, unplaced


# --- round trip --------------------------------------------------------------------------

_IDS = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
# The parser refuses control characters other than tab and newline (a terminal would replay them).
_TRICKY = st.text(alphabet=st.sampled_from('厦门市上市公司"\\\n\t \'#[]=ab{}'), min_size=1, max_size=12)
_ANY = st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=20)
_TEXT = st.one_of(_TRICKY, _ANY).filter(lambda s: s.strip() != "")
_UNITS = st.sampled_from(["家", "亿元", "%", "万家", "成", "", "个百分点", "平方公里"])
_NOT_RANGE = st.sampled_from(["exact", "about", "nearly", "over", "at_least", "under", "at_most"])


@st.composite
def _decimals(draw: st.DrawFn) -> Decimal:
    return Decimal(draw(st.integers(-(10**9), 10**9))).scaleb(-draw(st.integers(0, 4)))


@st.composite
def _dates(draw: st.DrawFn) -> str:
    day = draw(st.dates(min_value=date(1900, 1, 1)))
    return day.isoformat()[: draw(st.sampled_from([4, 7, 10]))]


@st.composite
def _drafts(draw: st.DrawFn, fact_id: str) -> Draft:
    kind = draw(st.sampled_from(list(Kind)))
    numbers: dict[str, object] = {}
    if kind is Kind.QUANTITY:
        numbers = {"value": draw(_decimals()), "unit": draw(_UNITS), "qualifier": draw(_NOT_RANGE)}
    elif kind is Kind.RANGE:
        low, high = sorted([draw(_decimals()), draw(_decimals())])
        numbers = {"lower": low, "upper": high, "unit": draw(_UNITS)}
    else:
        numbers = {"date": draw(_dates()), "qualifier": draw(_NOT_RANGE)}
    return Draft(
        topic="round-trip",
        id=fact_id,
        label=draw(_TEXT),
        label_en=draw(_TEXT),
        source="s1",
        quote=draw(_TEXT),
        entity=draw(st.one_of(st.none(), _TEXT)),
        as_of=draw(st.one_of(st.none(), _dates())),
        tags=tuple(draw(st.lists(st.one_of(_TEXT, st.just("")), max_size=3))),
        note=draw(st.one_of(st.just(""), _TEXT)),
        **numbers,  # type: ignore[arg-type]
    )


@st.composite
def _topics(draw: st.DrawFn) -> tuple[str, str, list[Draft]]:
    ids = draw(st.lists(_IDS, min_size=1, max_size=4, unique=True))
    return draw(_TEXT), draw(_TEXT), [draw(_drafts(fact_id)) for fact_id in ids]


def _parse(text: str) -> tuple[Fact, ...]:
    root = Path("/nonexistent/facts")
    problems: list[Problem] = []
    base = parse_factbase(root, {root / "sources.toml": SOURCES.encode(), root / "round-trip.toml": text.encode()}, problems)
    assert problems == []
    return base.facts


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_topics())
def test_round_trip_write_load_write_load_keeps_every_fact(topic: tuple[str, str, list[Draft]]) -> None:
    title, title_en, drafts = topic
    text = canonical_text({"topic": {"title": title, "title_en": title_en}, "fact": [fact_table(d) for d in drafts]}, sources=False)
    facts = _parse(text)
    assert [f.id for f in facts] == [d.id for d in drafts]
    for fact, d in zip(facts, drafts):
        assert (fact.label, fact.label_en, fact.quote, fact.note) == (d.label, d.label_en, d.quote, d.note)
        assert fact.entity == (d.entity if d.entity is not None else "厦门市")
        assert (fact.figure.unit, fact.figure.date, fact.as_of) == (d.unit, d.date, d.as_of)
        assert fact.tags == d.tags
        for name in ("value", "lower", "upper"):
            ours, theirs = getattr(fact.figure, name), getattr(d, name)
            # same digits and the same exponent: 29.20 must not come back as 29.2
            assert (ours.as_tuple() if ours is not None else None) == (theirs.as_tuple() if theirs is not None else None)
    again = canonical_text(tomllib.loads(text, parse_float=Decimal), sources=False)
    assert again == text
    assert _parse(again) == facts


def test_fixture_base_survives_load_format_load(factbase: Path) -> None:
    before = load_factbase(factbase)
    format_factbase(factbase)
    after = load_factbase(factbase)
    assert unplaced(after.facts) == unplaced(before.facts)
    assert [(f.figure.value.as_tuple() if f.figure.value is not None else None) for f in after.facts] == [
        (f.figure.value.as_tuple() if f.figure.value is not None else None) for f in before.facts
    ]
    assert after.sources == before.sources


# --- fmt ---------------------------------------------------------------------------------


def test_fmt_is_idempotent_and_keeps_values(factbase: Path) -> None:
    parsed = {p.name: tomllib.loads(p.read_text(encoding="utf-8"), parse_float=Decimal) for p in factbase.glob("*.toml")}
    first = format_factbase(factbase)
    assert [(f.path.name, f.state) for f in first.files] == [
        ("capital-markets.toml", FileState.CHANGED), ("sme-credit.toml", FileState.CHANGED), ("sources.toml", FileState.CHANGED),
    ]
    after_first = listing(factbase)
    second = format_factbase(factbase)
    assert [f.state for f in second.files] == [FileState.FORMATTED] * 3
    assert listing(factbase) == after_first
    for name, data in parsed.items():
        assert identical(tomllib.loads((factbase / name).read_text(encoding="utf-8"), parse_float=Decimal), data)
    text = (factbase / "sme-credit.toml").read_text(encoding="utf-8")
    assert "value = 1141.58\n" in text and not text.endswith("\n\n") and "\n\n\n" not in text
    assert (factbase / "sources.toml").read_text(encoding="utf-8") == (
        '[[source]]\nid = "xiamen-practice"\ntitle = "“鹭”高飞——科技创新和产业创新深度融合的“厦门实践”"\n'
        'outlet = "中国证券报"\npublished = ""\nauthors = [\n    "彭勇",\n]\n'
    )


def test_fmt_puts_keys_in_canonical_order(factbase: Path) -> None:
    path = factbase / "order.toml"
    path.write_text(
        '[[fact]]\nquote = "q"\nsource = "xiamen-practice"\nentity = "e"\nunit = "%"\nupper = 40.0\nlower = 10\n'
        'qualifier = "range"\nlabel_en = "L"\nid = "a"\nlabel = "标"\n\n\n\n'
        "[topic]\ntitle_en = 'Order'\ntitle = '顺序'\n",
        encoding="utf-8",
    )
    format_factbase(factbase)
    assert path.read_text(encoding="utf-8") == (
        '[topic]\ntitle = "顺序"\ntitle_en = "Order"\n\n'
        '[[fact]]\nid = "a"\nlabel = "标"\nlabel_en = "L"\nlower = 10\nupper = 40.0\nunit = "%"\n'
        'qualifier = "range"\nentity = "e"\nsource = "xiamen-practice"\nquote = "q"\n'
    )


def test_fmt_orders_sources_and_keeps_unknown_keys_last(factbase: Path) -> None:
    path = factbase / "sources.toml"
    path.write_text(
        'note = "kept"\n[[source]]\nurl = "https://example.com"\nauthors = ["彭勇"]\noutlet = "中国证券报"\n'
        'id = "xiamen-practice"\npublished = ""\ntitle = "T"\n',
        encoding="utf-8",
    )
    format_factbase(factbase)
    assert path.read_text(encoding="utf-8") == (
        'note = "kept"\n\n[[source]]\nid = "xiamen-practice"\ntitle = "T"\noutlet = "中国证券报"\npublished = ""\n'
        'authors = [\n    "彭勇",\n]\nurl = "https://example.com"\n'
    )


def test_fmt_check_writes_nothing(factbase: Path) -> None:
    before = listing(factbase)
    report = format_factbase(factbase, check=True)
    assert report.count(FileState.CHANGED) == 3
    assert listing(factbase) == before


def test_fmt_leaves_commented_files_alone_unless_forced(factbase: Path) -> None:
    path = factbase / f"{TOPIC}.toml"
    path.write_bytes(ODD.encode("utf-8"))
    before = path.read_bytes()
    report = format_factbase(factbase)
    assert [(f.path.name, f.state) for f in report.files] == [
        ("capital-markets.toml", FileState.COMMENTED), ("sme-credit.toml", FileState.CHANGED), ("sources.toml", FileState.CHANGED),
    ]
    assert path.read_bytes() == before
    forced = format_factbase(factbase, force=True)
    assert [f.state for f in forced.files] == [FileState.CHANGED, FileState.FORMATTED, FileState.FORMATTED]
    text = path.read_text(encoding="utf-8")
    assert not has_comment(text)
    assert 'label_en = "Companies listed on domestic exchanges, # not a comment\\nbased in Xiamen"\n' in text


def test_fmt_refuses_an_invalid_base(factbase: Path) -> None:
    (factbase / "sme-credit.toml").write_text("[topic]\n", encoding="utf-8")
    before = listing(factbase)
    with pytest.raises(FactBaseError):
        format_factbase(factbase)
    assert listing(factbase) == before


def test_fmt_never_writes_a_file_whose_values_would_change(factbase: Path) -> None:
    # 1e0 is read as Decimal('1'), which tomli-w would write as 1.0: a different printed figure.
    path = factbase / f"{TOPIC}.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("value = 68\n", "value = 1e0\n"), encoding="utf-8")
    before = listing(factbase)
    with pytest.raises(OutputError) as info:
        format_factbase(factbase)
    assert str(info.value) == f"{path}: formatting would change a value; left alone (please report this)"
    assert listing(factbase) == before
