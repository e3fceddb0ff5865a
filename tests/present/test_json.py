"""xmfacts.present.json: the schema of docs/json-schema.md, key for key."""

from __future__ import annotations

import json
from decimal import Decimal

from xmfacts.check import check_text
from xmfacts.index import load_factbase
from hypothesis import given
from hypothesis import strategies as st

from xmfacts.present.json import FACT_KEYS, JsonFormatter, dumps, fact_to_dict, figure_to_dict, finding_to_dict, json_number

from ..conftest import BASIC

BASE = load_factbase(BASIC)


def test_fact_keys_in_schema_order() -> None:
    fact = BASE.facts[0]
    assert tuple(fact_to_dict(fact)) == FACT_KEYS


def test_numbers_keep_integers_and_fractions() -> None:
    assert (json_number(Decimal("68")), json_number(Decimal("1141.58")), json_number(None)) == (68, 1141.58, None)


def test_a_claims_figure_has_the_same_keys_as_a_facts() -> None:
    [finding] = [f for f in check_text(BASE, "厦门境内上市公司70家")]
    row = finding_to_dict(finding)
    assert list(row) == ["span", "claimed", "fact", "verdict", "subject", "difference", "ratio", "explanation", "why"]
    assert list(row["claimed"]) == [*figure_to_dict(BASE.facts[0].figure), "period"]
    assert row["subject"] == ["境内上市公司"]
    assert row["claimed"] == {"kind": "quantity", "value": 70, "lower": None, "upper": None, "unit": "家",
                              "qualifier": "exact", "scale": 1, "base_unit": "count", "date": None, "period": None}


def test_a_dates_claimed_figure_has_no_unit_or_scale() -> None:
    [finding] = check_text(BASE, "金圆集团成立于2011年7月")
    assert finding_to_dict(finding)["claimed"] == {"kind": "date", "value": None, "lower": None, "upper": None,
                                                   "unit": None, "qualifier": "exact", "scale": None, "base_unit": None,
                                                   "date": "2011-07", "period": None}


def test_jsonl_is_one_object_per_line_and_json_one_document() -> None:
    findings = check_text(BASE, "厦门境内上市公司70家，信易贷授信1141.58亿元")
    lines = JsonFormatter(ensure_ascii=False, lines=True).findings(findings).splitlines()
    assert [json.loads(line)["verdict"] for line in lines] == ["mismatch", "match"]
    document = json.loads(JsonFormatter(ensure_ascii=True).findings(findings))
    assert [row["verdict"] for row in document] == ["mismatch", "match"]
    assert JsonFormatter(ensure_ascii=True).findings(findings).isascii()


_leaves = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_values = st.recursive(_leaves, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
                       | st.tuples(inner, inner), max_leaves=20)


@given(_values, st.booleans())
def test_a_document_is_written_as_the_json_module_writes_it(value: object, ascii_only: bool) -> None:
    assert dumps(value, ensure_ascii=ascii_only) == json.dumps(value, ensure_ascii=ascii_only, indent=2)


def test_a_dict_shared_by_many_rows_is_written_in_full_at_each_depth() -> None:
    shared = {"id": "a/b", "tags": ["x", "y"]}
    data = [shared, {"fact": shared}, [[shared]]]
    assert dumps(data) == json.dumps(data, indent=2)
