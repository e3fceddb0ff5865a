"""Everything xmfacts shows: one formatter per output format, chosen once, returning text.

- ``tables``: Rich tables and cards for people (imported only for them: Rich costs ~30 ms);
- ``json``: the JSON schema of docs/json-schema.md, for scripts;
- ``plain``: one-line errors and short reports, no Rich;
- ``export``: the fact base as JSON lines, JSON or CSV;
- ``escape``: control characters made visible before any text reaches a terminal;
- ``html``: the draft with every figure marked, one self-contained page for editors.

Only the CLI writes what a formatter returns to stdout.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xmfacts.present.json import JsonFormatter
    from xmfacts.present.tables import TableFormatter


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"


class CheckFormat(StrEnum):
    """check --format: the output formats plus schema.org ClaimReview for publishing and an
    HTML report for editors."""

    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CLAIMREVIEW = "claimreview"
    HTML = "html"


class ExtractFormat(StrEnum):
    """extract --format: --json, --jsonl and --toml by name, plus the HTML report."""

    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    TOML = "toml"
    HTML = "html"


class ExportFormat(StrEnum):
    JSONL = "jsonl"
    JSON = "json"
    CSV = "csv"
    SQLITE = "sqlite"  # a file for Datasette, with metadata.json beside it


def formatter(fmt: OutputFormat) -> JsonFormatter | TableFormatter:
    if fmt is OutputFormat.TABLE:
        from xmfacts.present.plain import make_stdout_tolerant
        from xmfacts.present.tables import TableFormatter

        make_stdout_tolerant()
        return TableFormatter()
    from xmfacts.present.json import JsonFormatter
    from xmfacts.present.plain import stdout_is_unicode

    # On an ASCII-only stdout (LANG=C, PYTHONIOENCODING=ascii) JSON stays valid via \u escapes.
    return JsonFormatter(ensure_ascii=not stdout_is_unicode(), lines=fmt is OutputFormat.JSONL)
