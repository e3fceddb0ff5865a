"""xmfacts.authoring.add: a fact added without touching the old bytes, or nothing written."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
import tomli_w

from xmfacts.authoring.add import add_fact, fact_table, parse_number, split_tags
from xmfacts.authoring.tomltext import render_table, toml_number
from xmfacts.errors import FactBaseError, OutputError, UsageError
from xmfacts.index import load_factbase
from xmfacts.model import Fact


from .helpers import ODD, TOPIC, draft, listing


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
    assert list(table) == ["id", "label", "label_en", "value", "unit", "qualifier", "as_of", "entity", "measure", "source", "quote", "tags", "note"]
    bare = fact_table(draft(value=None, unit=None, date="2011-07"))
    assert bare == {
        "id": "new-listings", "label": "新增上市公司", "label_en": "New listings", "date": "2011-07",
        "qualifier": "exact", "entity": "厦门市", "measure": ["新增上市公司"], "source": "xiamen-practice",
        "quote": "新增上市公司29.20家",
    }
    ranged = fact_table(draft(value=None, lower=Decimal("10"), upper=Decimal("40"), unit="%"))
    assert list(ranged)[3:7] == ["lower", "upper", "unit", "qualifier"]
    assert (ranged["lower"], ranged["upper"], ranged["qualifier"]) == (10, 40, "range")


def test_a_short_fact_is_still_an_array_of_tables() -> None:
    # tomli-w alone would write a short one as `fact = [{ … }]`, which cannot be appended.
    short = {"id": "a", "value": 1}
    assert tomli_w.dumps({"fact": [short]}).startswith("fact = [")
    assert render_table("fact", short, array=True) == '[[fact]]\nid = "a"\nvalue = 1\n'


# --- add ---------------------------------------------------------------------------------

NEW_BLOCK = (
    "[[fact]]\n"
    'id = "new-listings"\n'
    'label = "新增上市公司"\n'
    'label_en = "New listings"\n'
    "value = 29.20\n"
    'unit = "家"\n'
    'qualifier = "exact"\n'
    'entity = "厦门市"\n'
    "measure = [\n"
    '    "新增上市公司",\n'
    "]\n"
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
    assert (added.path, added.created, added.fact.full_id, str(added.fact.figure.value)) == (path, False, f"{TOPIC}/new-listings", "29.20")
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
        f"{broken}:18: sme-credit/smes-with-credit: unknown unit '斤'",
        f"{factbase}: the fact base already has the problems above; fix them first (xmfacts validate); nothing was added",
    ]
    assert listing(factbase) == before


def test_add_refuses_when_the_file_changed_meanwhile(factbase: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import xmfacts.authoring.add as authoring

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


def test_add_refuses_a_fact_without_measure(factbase: Path) -> None:
    before = listing(factbase)
    with pytest.raises(FactBaseError) as info:
        add_fact(factbase, draft(measure=()))
    assert [p.message for p in info.value.problems] == [
        'no measure: say what the figure measures (measure = ["上市公司", "listed companies"]; add --measure)'
    ]
    assert listing(factbase) == before
