"""xmfacts.present.export: JSON lines, one JSON array, and flat CSV of the same facts."""

from __future__ import annotations

import csv
import io
import json

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
