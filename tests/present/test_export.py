"""xmfacts.present.export: JSON lines, one JSON array, and flat CSV of the same facts."""

from __future__ import annotations

import csv
import io
import json

import pytest

from xmfacts.index import load_factbase
from xmfacts.present import ExportFormat
from xmfacts.present.export import CSV_COLUMNS, export_text
from xmfacts.present.json import fact_to_dict

from ..conftest import BASIC

FACTS = load_factbase(BASIC).facts


def test_jsonl_and_json_hold_the_same_facts() -> None:
    lines = [json.loads(line) for line in export_text(FACTS, ExportFormat.JSONL).splitlines()]
    assert lines == json.loads(export_text(FACTS, ExportFormat.JSON)) == [fact_to_dict(f) for f in FACTS]


def test_csv_is_flat_with_joined_tags_and_source_columns() -> None:
    rows = list(csv.DictReader(io.StringIO(export_text(FACTS, ExportFormat.CSV))))
    assert list(rows[0]) == CSV_COLUMNS
    assert len(rows) == len(FACTS)
    first = FACTS[0]
    assert rows[0]["tags"] == "|".join(first.tags)
    assert rows[0]["source_id"] == first.source.id
    assert rows[0]["lower"] == ""  # null is an empty cell


def test_bom_starts_the_csv_so_excel_reads_utf8() -> None:
    text = export_text(FACTS, ExportFormat.CSV, bom=True)
    assert text == "\ufeff" + export_text(FACTS, ExportFormat.CSV)
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbf")


def test_cli_bom_in_a_file_and_refused_for_json(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "facts.csv"
    assert run("export", "--format", "csv", "--bom", "-o", str(out)).exit_code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,topic,label,")
    assert "厦门境内上市公司数量" in data.decode("utf-8-sig")
    refused = run("export", "--format", "json", "--bom")
    assert (refused.exit_code, refused.stdout) == (2, "")
    assert refused.stderr == "xmfacts: error: --bom goes with --format csv (a JSON reader would choke on it)\n"


def _with_label(tmp_path, label: str, label_en: str = "Listed companies"):  # type: ignore[no-untyped-def]
    import shutil

    base = tmp_path / "facts"
    shutil.copytree(BASIC, base)
    topic = base / "capital-markets.toml"
    text = topic.read_text(encoding="utf-8")
    text = text.replace('label = "厦门境内上市公司数量"', f"label = {json.dumps(label)}", 1)
    text = text.replace('label_en = "Companies listed on domestic exchanges, based in Xiamen"', f"label_en = {json.dumps(label_en)}", 1)
    topic.write_text(text, encoding="utf-8")
    return base


def test_bom_csv_writes_a_formula_as_text_for_excel(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """OWASP, CSV injection: a text cell a spreadsheet would run starts with an apostrophe."""
    formula = '=HYPERLINK("http://example.invalid","x")'
    base = _with_label(tmp_path, formula, "@SUM(1+1)")
    out = tmp_path / "facts.csv"
    assert run("export", "--format", "csv", "--bom", "-o", str(out), facts=base).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    row = next(r for r in rows if r["id"] == "capital-markets/listed-companies")
    assert (row["label"], row["label_en"]) == ("'" + formula, "'@SUM(1+1)")
    assert row["value"] == "68"  # a number stays a number
    untouched = [r for r in rows if r["id"] != "capital-markets/listed-companies"]
    assert all(not v.startswith("'") for r in untouched for v in r.values())


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_defused_and_numbers_are_not(start: str) -> None:
    from xmfacts.present.export import as_spreadsheet_text

    assert as_spreadsheet_text(f"{start}1+1") == f"'{start}1+1"
    assert as_spreadsheet_text(-10) == -10 and as_spreadsheet_text(-1.5) == -1.5
    assert as_spreadsheet_text("厦门") == "厦门" and as_spreadsheet_text(" =x") == " =x"


def test_plain_csv_is_data_for_programs_and_stays_exact(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    formula = '=HYPERLINK("http://example.invalid","x")'
    result = run("export", "--format", "csv", facts=_with_label(tmp_path, formula))
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert next(r for r in rows if r["id"] == "capital-markets/listed-companies")["label"] == formula


def test_export_help_says_what_bom_does_to_formulas(run) -> None:  # type: ignore[no-untyped-def]
    help_text = " ".join(run("export", "--help").stdout.split())
    assert "leading '" in help_text and "formula" in help_text
