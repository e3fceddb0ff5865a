"""The authoring core: adding a fact without touching the old bytes, and canonical formatting."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xmfacts.authoring import (
    Draft,
    FileState,
    add_fact,
    canonical_text,
    fact_table,
    format_factbase,
    has_comment,
    identical,
    parse_number,
    render_table,
    split_tags,
    toml_number,
)
from xmfacts.errors import FactBaseError, OutputError, Problem, UsageError
from xmfacts.loader import load_factbase
from xmfacts.model import Fact, Kind
from xmfacts.parsing import parse_factbase


SOURCES = '[[source]]\nid = "s1"\ntitle = "Source"\n'
TOPIC = "capital-markets"


def draft(**changes: object) -> Draft:
    base = Draft(
        topic=TOPIC,
        id="new-listings",
        label="新增上市公司",
        label_en="New listings",
        source="xiamen-practice",
        quote="新增上市公司29.20家",
        value=Decimal("29.20"),
        unit="家",
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def listing(root: Path) -> dict[str, bytes]:
    """Every file in the directory (hidden temp files included) with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(root.iterdir())}


def unplaced(facts: tuple[Fact, ...]) -> list[Fact]:
    return [dataclasses.replace(f, line=0) for f in facts]


# --- arguments and rendering -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "toml"),
    [("29.20", "29.20"), ("68", "68"), ("68.00", "68.00"), ("-3.5", "-3.5"), ("0.0001", "0.0001"), ("1e2", "100")],
)
def test_numbers_keep_their_printed_precision(text: str, toml: str) -> None:
    assert tomli_w.dumps({"value": toml_number(parse_number(text, "--value"))}) == f"value = {toml}\n"


@pytest.mark.parametrize("text", ["abc", "", "1,141.58", "NaN", "Infinity", "5x"])
def test_non_numbers_are_usage_errors_naming_the_option(text: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_number(text, "--lower")
    assert str(info.value) == f"--lower {text!r} is not a number (write it as printed, e.g. 29.20)"


def test_tags_split_on_ascii_and_full_width_commas() -> None:
    assert split_tags(" 上市公司，资本市场 , listed companies,,， ") == ("上市公司", "资本市场", "listed companies")
    assert split_tags("") == ()
    assert split_tags(None) == ()


def test_fact_table_is_in_canonical_order_and_omits_absent_keys() -> None:
    table = fact_table(draft(as_of="2024", tags=("a",), note="n", entity="厦门象屿"))
    assert list(table) == ["id", "label", "label_en", "value", "unit", "qualifier", "as_of", "entity", "source", "quote", "tags", "note"]
    bare = fact_table(draft(value=None, unit=None, date="2011-07"))
    assert bare == {
        "id": "new-listings", "label": "新增上市公司", "label_en": "New listings", "date": "2011-07",
        "qualifier": "exact", "entity": "厦门市", "source": "xiamen-practice", "quote": "新增上市公司29.20家",
    }
    ranged = fact_table(draft(value=None, lower=Decimal("10"), upper=Decimal("40"), unit="%"))
    assert list(ranged)[3:7] == ["lower", "upper", "unit", "qualifier"]
    assert (ranged["lower"], ranged["upper"], ranged["qualifier"]) == (10, 40, "range")


def test_a_short_fact_is_still_an_array_of_tables() -> None:
    # tomli-w alone would write a short one as `fact = [{ … }]`, which cannot be appended.
    short = {"id": "a", "value": 1}
    assert tomli_w.dumps({"fact": [short]}).startswith("fact = [")
    assert render_table("fact", short, array=True) == '[[fact]]\nid = "a"\nvalue = 1\n'


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
        assert (fact.unit, fact.date, fact.as_of) == (d.unit, d.date, d.as_of)
        assert fact.tags == d.tags
        for name in ("value", "lower", "upper"):
            ours, theirs = getattr(fact, name), getattr(d, name)
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
    assert [(f.value.as_tuple() if f.value is not None else None) for f in after.facts] == [
        (f.value.as_tuple() if f.value is not None else None) for f in before.facts
    ]
    assert after.sources == before.sources


# --- add ---------------------------------------------------------------------------------

ODD = (
    "# Capital markets, kept by hand\n"
    "[topic]   # the header\n"
    'title="资本市场"\n'
    "title_en = 'Capital markets'\n"
    "\n\n"
    "[[fact]]\n"
    '  id = "listed-companies"   # 68家\n'
    'label = "厦门境内上市公司数量"\n'
    'label_en = """Companies listed on domestic exchanges, # not a comment\nbased in Xiamen"""\n'
    "value=68\n"
    'unit = "家"\n'
    'entity = "厦门市"\n'
    'source = "xiamen-practice"\n'
    'quote = "目前厦门境内上市公司68家"\n'
    'tags = [ "上市公司",\n  "listed companies" ]  # trailing comment, no newline at the end'
)

NEW_BLOCK = (
    "[[fact]]\n"
    'id = "new-listings"\n'
    'label = "新增上市公司"\n'
    'label_en = "New listings"\n'
    "value = 29.20\n"
    'unit = "家"\n'
    'qualifier = "exact"\n'
    'entity = "厦门市"\n'
    'source = "xiamen-practice"\n'
    'quote = "新增上市公司29.20家"\n'
)


@pytest.mark.parametrize(
    ("old", "separator"),
    [
        pytest.param(None, b"\n", id="fixture"),
        pytest.param(ODD.encode("utf-8"), b"\n\n", id="comments-odd-spacing-no-final-newline"),
        pytest.param(b"\xef\xbb\xbf" + ODD.replace("\n", "\r\n").encode("utf-8") + b"\r\n", b"\n", id="bom-crlf"),
    ],
)
def test_add_keeps_the_old_bytes_exactly(factbase: Path, old: bytes | None, separator: bytes) -> None:
    path = factbase / f"{TOPIC}.toml"
    if old is not None:
        path.write_bytes(old)
    old_bytes = path.read_bytes()
    added = add_fact(factbase, draft())
    new_bytes = path.read_bytes()
    assert new_bytes.startswith(old_bytes)
    assert new_bytes == old_bytes + separator + NEW_BLOCK.encode("utf-8")
    assert (added.path, added.created, added.fact.full_id, str(added.fact.value)) == (path, False, f"{TOPIC}/new-listings", "29.20")
    assert added.fact.line == old_bytes.count(b"\n") + separator.count(b"\n") + 1
    assert sorted(os.listdir(factbase)) == ["capital-markets.toml", "sme-credit.toml", "sources.toml"]


def test_add_creates_a_new_topic_file(factbase: Path) -> None:
    added = add_fact(factbase, draft(topic="new-topic", tags=("上市", "IPO"), note="as printed"), title="新主题", title_en="New topic")
    assert added.created
    assert (factbase / "new-topic.toml").read_text(encoding="utf-8") == (
        '[topic]\ntitle = "新主题"\ntitle_en = "New topic"\n\n'
        + NEW_BLOCK
        + 'tags = [\n    "上市",\n    "IPO",\n]\nnote = "as printed"\n'
    )
    assert [t.id for t in load_factbase(factbase).topics] == ["capital-markets", "new-topic", "sme-credit"]


@pytest.mark.parametrize(
    ("topic", "titles", "message"),
    [
        ("new-topic", (None, None), "topic 'new-topic' is new: give --title and --title-en to create {root}/new-topic.toml"),
        ("new-topic", ("新", None), "topic 'new-topic' is new: give --title-en to create {root}/new-topic.toml"),
        (TOPIC, ("新", None), f"topic '{TOPIC}' exists: --title and --title-en only name a new topic (edit {{root}}/{TOPIC}.toml to rename it)"),
        ("New_Topic", ("新", "New"), "topic 'New_Topic' is not kebab-case (a-z, 0-9, -)"),
        ("../escape", ("新", "New"), "topic '../escape' is not kebab-case (a-z, 0-9, -)"),
        ("sources", ("新", "New"), "'sources' cannot be a topic: sources.toml lists the sources"),
    ],
)
def test_add_topic_usage_errors(factbase: Path, topic: str, titles: tuple[str | None, str | None], message: str) -> None:
    before = listing(factbase)
    with pytest.raises(UsageError) as info:
        add_fact(factbase, draft(topic=topic), title=titles[0], title_en=titles[1])
    assert str(info.value) == message.format(root=factbase)
    assert listing(factbase) == before


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        ({"unit": "斤"}, ["{path}: capital-markets/new-listings: unknown unit '斤'"]),
        ({"id": "listed-companies"}, ["{path}: capital-markets/listed-companies: duplicate id (first at line 5)"]),
        (
            {"value": None, "unit": None, "date": "2024-02-30"},
            ["{path}: capital-markets/new-listings: date '2024-02-30' is not YYYY, YYYY-MM or YYYY-MM-DD"],
        ),
        ({"as_of": "24"}, ["{path}: capital-markets/new-listings: as_of '24' is not YYYY, YYYY-MM or YYYY-MM-DD"]),
        ({"id": "New_Listings"}, ["{path}: capital-markets/New_Listings: id 'New_Listings' is not kebab-case (a-z, 0-9, -)"]),
        ({"source": "nowhere"}, ["{path}: capital-markets/new-listings: source 'nowhere' is not listed in sources.toml"]),
        ({"qualifier": "roughly"}, [
            "{path}: capital-markets/new-listings: unknown qualifier 'roughly' (expected one of: exact, about, nearly, over, at_least, under, at_most, range)"
        ]),
        ({"lower": Decimal(1)}, [
            "{path}: capital-markets/new-listings: a range has lower and upper, not value",
            "{path}: capital-markets/new-listings: a range needs both lower and upper",
        ]),
        ({"label": "  "}, ["{path}: capital-markets/new-listings: label must be a non-empty string"]),
    ],
)
def test_add_of_an_invalid_fact_writes_nothing(factbase: Path, changes: dict[str, object], problems: list[str]) -> None:
    before = listing(factbase)
    with pytest.raises(FactBaseError) as info:
        add_fact(factbase, draft(**changes))
    assert [str(p) for p in info.value.problems] == [p.format(path=factbase / f"{TOPIC}.toml") for p in problems]
    assert listing(factbase) == before


def test_add_traces_the_quote_and_figure_to_the_source_text(factbase: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("今年新增上市\n公司29.20家，募集资金5981亿元。", encoding="utf-8")
    before = listing(factbase)
    path = factbase / f"{TOPIC}.toml"
    with pytest.raises(FactBaseError) as info:
        add_fact(factbase, draft(quote="新增上市公司30家"), source_texts=[article])
    assert [str(p) for p in info.value.problems] == [
        f"{path}: {TOPIC}/new-listings: quote not found in the source text: '新增上市公司30家'",
        f"{path}: {TOPIC}/new-listings: figure 29.20家 is not printed in its quote '新增上市公司30家'",
    ]
    assert listing(factbase) == before
    with pytest.raises(UsageError):
        add_fact(factbase, draft(), source_texts=[tmp_path / "missing.txt"])
    assert listing(factbase) == before
    assert add_fact(factbase, draft(), source_texts=[article]).fact.quote == "新增上市公司29.20家"


def test_add_refuses_while_the_base_has_other_problems(factbase: Path) -> None:
    broken = factbase / "sme-credit.toml"
    broken.write_text(broken.read_text(encoding="utf-8").replace('unit = "万家"', 'unit = "斤"'), encoding="utf-8")
    before = listing(factbase)
    with pytest.raises(FactBaseError) as info:
        add_fact(factbase, draft())
    assert [str(p) for p in info.value.problems] == [
        f"{broken}:17: sme-credit/smes-with-credit: unknown unit '斤'",
        f"{factbase}: the fact base already has the problems above; fix them first (xmfacts validate); nothing was added",
    ]
    assert listing(factbase) == before


def test_add_refuses_when_the_file_changed_meanwhile(factbase: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import xmfacts.authoring as authoring

    path = factbase / f"{TOPIC}.toml"
    real_check = authoring._check

    def edit_meanwhile(*args: object, **kwargs: object) -> Fact:
        fact = real_check(*args, **kwargs)  # type: ignore[arg-type]
        path.write_bytes(path.read_bytes() + b"# someone else\n")
        return fact

    monkeypatch.setattr(authoring, "_check", edit_meanwhile)
    with pytest.raises(OutputError) as info:
        add_fact(factbase, draft())
    assert str(info.value) == f"{path} changed while the fact was being added; it was not written, run the command again"
    assert path.read_text(encoding="utf-8").endswith('tags = ["募集资金", "funds raised"]\n# someone else\n')


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
    assert (report.count(FileState.CHANGED), report.written) == (3, False)
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


def test_identical_tells_printed_precision_and_types_apart() -> None:
    assert identical({"a": [Decimal("29.20"), 1, "x"]}, {"a": [Decimal("29.20"), 1, "x"]})
    assert not identical(Decimal("29.20"), Decimal("29.2"))
    assert not identical(68, Decimal("68"))
    assert not identical(True, 1)
    assert not identical([1], [1, 2])


@pytest.mark.parametrize(
    ("text", "commented"),
    [
        ('a = "x"\n', False),
        ("# top\n", True),
        ('a = 1 # trailing\n', True),
        ('a = "#not"\n', False),
        ("a = '#not'\n", False),
        ('a = "say \\"#\\" ok"\n', False),
        ('a = "back\\\\" # yes\n', True),
        ("a = 'C:\\' # yes\n", True),
        ('a = """\n# inside\n"""\n', False),
        ("a = '''\n# inside\n'''\n", False),
        ('a = """x""""\n# after\n', True),
        ('a = """ \\""" # still inside """\n', False),
        ('a = ""\nb = 2 # c\n', True),
        ("a = ''\nb = '#'\n", False),
        ('"k#ey" = 1\n', False),
        ('tags = ["a#", "b"] # c\n', True),
        ("a = '''x''''' # after\n", True),
    ],
)
def test_comment_detection(text: str, commented: bool) -> None:
    tomllib.loads(text)  # every case is valid TOML
    assert has_comment(text) is commented
