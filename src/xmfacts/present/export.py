"""Every fact in the JSON schema, as JSON lines, one JSON array, or CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from xmfacts.fields import SOURCE, Shape, json_fields
from xmfacts.model import Fact
from xmfacts.present import ExportFormat
from xmfacts.present.json import FACT_KEYS, dumps, dumps_line, fact_to_dict

# CSV is flat: the source object becomes four columns and word lists (tags) are joined with "|".
_SOURCE_KEYS = ("id", "title", "outlet", "published")  # source_to_dict's
CSV_COLUMNS = [k for k in FACT_KEYS if k != SOURCE.name] + [f"{SOURCE.name}_{k}" for k in _SOURCE_KEYS]
_JOINED = tuple(f.name for f in json_fields() if f.shape is Shape.WORDS)


def rows(facts: Sequence[Fact]) -> list[dict[str, Any]]:
    return [fact_to_dict(f) for f in facts]


# A spreadsheet runs a cell that begins with one of these as a formula: a label drafted from
# another outlet's page can begin with =HYPERLINK( and send whoever clicks it anywhere. OWASP's
# advice (CSV injection): start such a text cell with an apostrophe, which Excel and LibreOffice
# show as text and do not display. Numbers are written as numbers, so -10 stays a number.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_spreadsheet_text(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(facts: Sequence[Fact], spreadsheet: bool = False) -> str:
    """The facts as CSV; ``spreadsheet`` (--bom, the Excel case) defuses formula-like text."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows(facts):
        source = row.pop(SOURCE.name)
        for key in _JOINED:
            row[key] = "|".join(row[key])
        for key, value in source.items():
            row[f"{SOURCE.name}_{key}"] = value
        cells = {k: "" if v is None else v for k, v in row.items()}
        writer.writerow({k: as_spreadsheet_text(v) for k, v in cells.items()} if spreadsheet else cells)
    return buffer.getvalue()


# Excel reads a CSV without a byte-order mark in the system's code page: Chinese turns to
# mojibake. U+FEFF first tells it the file is UTF-8; other readers mostly skip it.
BOM = "\ufeff"


def export_text(facts: Sequence[Fact], fmt: ExportFormat, ensure_ascii: bool = False, bom: bool = False) -> str:
    if fmt is ExportFormat.CSV:
        # Without --bom the CSV is for programs and stays exactly the data (round-trips to JSON);
        # --bom is the spreadsheet case, so that is where formula-like text is defused.
        return (BOM if bom else "") + to_csv(facts, spreadsheet=bom)
    if fmt is ExportFormat.JSON:
        return dumps(rows(facts), ensure_ascii=ensure_ascii) + "\n"
    return "".join(dumps_line(r, ensure_ascii=ensure_ascii) + "\n" for r in rows(facts))
