"""xmfacts.fields: each fact field declared once, and every format agreeing with the declaration."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from pathlib import Path

import pytest

from xmfacts import fields
from xmfacts.authoring.add import Draft
from xmfacts.factbase.layout import FACT_KEYS as FILE_KEYS
from xmfacts.factbase.layout import REQUIRED_TEXT
from xmfacts.fields import FACT_FIELDS, FIGURE, SOURCE, Shape
from xmfacts.index import load_factbase
from xmfacts.model import Fact
from xmfacts.present import ExportFormat
from xmfacts.present.datasette import FACT_COLUMNS, SEARCHED
from xmfacts.present.export import CSV_COLUMNS, export_text
from xmfacts.present.json import FACT_KEYS as JSON_KEYS
from xmfacts.present.json import fact_to_dict, figure_to_dict

from .conftest import BASIC, Run

SRC = Path(__file__).parent.parent / "src" / "xmfacts"


# The names a field is known by only as a field. id, topic, source and figure are left out:
# they are ordinary words elsewhere too (a source's id, a topic's title, a claimed figure).
FIELD_NAMES = [f.name for f in FACT_FIELDS if f.shape not in (Shape.ID, Shape.TOPIC, Shape.SOURCE, Shape.FIGURE)]

FACTS = load_factbase(BASIC).facts


def test_the_field_names_are_the_ones_people_know() -> None:
    assert sorted(FIELD_NAMES) == sorted(["label", "label_en", "entity", "quote", "as_of", "tags", "measure", "note", "series", "status"])


@pytest.mark.parametrize("name", FIELD_NAMES)
def test_a_field_name_is_spelled_in_at_most_two_files(name: str) -> None:
    literal = re.compile(rf"""(["']){re.escape(name)}\1""")
    spelled = sorted(
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if literal.search(path.read_text(encoding="utf-8"))
    )
    assert "fields.py" in spelled
    assert len(spelled) <= 2, f"{name!r} is spelled in {spelled}: derive it from xmfacts.fields instead"




def test_every_attribute_of_a_fact_is_declared_once() -> None:
    names = [f.name for f in FACT_FIELDS]
    assert len(names) == len(set(names))
    assert set(names) == {f.name for f in dataclasses.fields(Fact)} - {"line"}


def test_a_field_of_one_key_is_called_the_same_everywhere() -> None:
    # the attribute, the TOML key, the JSON key and the export column are one name, so a
    # curator, a script and the code all speak of the same thing
    for f in FACT_FIELDS:
        if f.shape is not Shape.FIGURE:
            assert f.toml in ((), (f.name,)), f.name
            assert f.column_names == (f.name,), f.name
        assert all(o.key in f.toml for o in f.options), f.name


def test_every_order_holds_each_field_that_format_shows_once() -> None:
    def once(order: tuple[fields.FactField, ...]) -> set[str]:
        assert len(order) == len(set(order))
        return {f.name for f in order}

    assert once(fields.FILE_ORDER) == {f.name for f in FACT_FIELDS if f.toml}
    assert once(fields.COLUMN_ORDER) == {f.name for f in FACT_FIELDS}
    assert once(fields.CARD_ORDER) == {f.name for f in FACT_FIELDS if f.card}
    assert once(fields.OPTION_ORDER) == {f.name for f in FACT_FIELDS if f.options}


def test_the_file_layout_is_the_declaration() -> None:
    assert FILE_KEYS == fields.toml_keys()
    assert len(FILE_KEYS) == len(set(FILE_KEYS))
    assert FILE_KEYS == (
        "id", "series", "label", "label_en", "value", "lower", "upper", "date", "unit", "qualifier",
        "as_of", "status", "entity", "measure", "source", "quote", "tags", "note",
    )
    assert REQUIRED_TEXT == ("id", "label", "label_en", "entity", "source", "quote")
    assert set(REQUIRED_TEXT) == {key for f in FACT_FIELDS if f.required for key in f.toml}


def test_json_keys_are_the_declared_columns_of_the_fields_json_shows() -> None:
    expected = tuple(c.name for f in fields.COLUMN_ORDER if f.json for c in f.columns)
    assert JSON_KEYS == expected
    assert all(tuple(fact_to_dict(fact)) == JSON_KEYS for fact in FACTS)
    # the schema's promise (docs/json-schema.md): measure is not a JSON key
    assert "measure" not in JSON_KEYS
    assert tuple(figure_to_dict(FACTS[0].figure)) == FIGURE.column_names


def test_csv_columns_are_the_json_keys_with_the_source_flattened() -> None:
    header = next(csv.reader(io.StringIO(export_text(FACTS, ExportFormat.CSV))))
    assert header == CSV_COLUMNS
    flat = [k for k in JSON_KEYS if k != SOURCE.name]
    assert CSV_COLUMNS[: len(flat)] == flat
    assert CSV_COLUMNS[len(flat) :] == ["source_id", "source_title", "source_outlet", "source_published"]


def test_datasette_columns_are_every_declared_column_with_its_description() -> None:
    assert FACT_COLUMNS == {c.name: c.description for f in fields.COLUMN_ORDER for c in f.columns}
    assert all(FACT_COLUMNS.values())
    assert SEARCHED == ("label", "label_en", "entity", "quote", "tags", "measure")


def test_add_has_an_option_for_every_key_of_a_fact_file() -> None:
    options = fields.add_options()
    assert sorted(o.key for o in options) == sorted(FILE_KEYS)
    assert [f.name for f in dataclasses.fields(Draft)] == ["topic", *(o.key for o in fields.draft_options())]
    assert all(o.flag == "--" + o.key.replace("_", "-") for o in options)


def test_add_help_lists_the_declared_options_in_order(run: Run) -> None:
    text = run("add", "--help", COLUMNS="200").output.split("Options:")[1]
    places = [text.index(f"  {o.flag} ") for o in fields.add_options()]
    assert places == sorted(places)
    # click wraps help at 80 columns, breaking lines at spaces and after hyphens
    flowed = re.sub(r"(?<=\w)- (?=\w)", "-", " ".join(text.split()))
    assert all(o.help in flowed for o in fields.add_options())


def test_search_weights_are_recorded_on_the_declaration() -> None:
    from xmfacts.search.weights import _WEIGHTS

    assert fields.search_weights() == _WEIGHTS
    assert fields.search_weights() == {
        "label": 6.0, "label_en": 5.0, "tags": 5.0, "measure": 5.0, "id": 3.0, "entity": 3.0,
        "quote": 2.0, "topic": 1.5, "note": 0.5, "figure": 6.0,
    }
