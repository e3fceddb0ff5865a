"""Human output: Rich tables on stdout. Imported only when a table is wanted (Rich costs ~30 ms).

Every piece of data goes in as a ``Text`` built from ``visible()`` text, so markup such as
``[bold]`` in a fact file or a query is shown literally and escape sequences never reach
the terminal raw.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from xmfacts.figures import fact_figure, grouped, normalized_figure
from xmfacts.model import Fact, Kind, Topic
from xmfacts.search import Hit

from xmfacts.textsafe import visible

if TYPE_CHECKING:
    from xmfacts.check import Finding
    from xmfacts.compare import Comparison


def stdout_console() -> Console:
    # Built per call so COLUMNS/NO_COLOR and a redirected stdout are read when output happens.
    return Console(file=sys.stdout, highlight=False, soft_wrap=False)


def _t(text: str | None, style: str = "") -> Text:
    return Text(visible(text or ""), style=style)


# Columns that read badly when wrapped (ids, figures, dates) are kept whole where the
# width allows; prose columns (labels, quotes) take the squeeze.
_KEEP_WHOLE = {"topic", "figure", "as of", "ratio", "facts", "line", "verdict"}


def _table(*columns: str) -> Table:
    # a rule between rows: each fact takes several lines, and they must not run together
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False, show_lines=True)
    for name in columns:
        # fold, never truncate: a figure cut short is worse than a wrapped one
        table.add_column(name, overflow="fold", no_wrap=name in _KEEP_WHOLE, ratio=None if name in _KEEP_WHOLE else 1)
    return table


_NARROW = 60  # below this many columns a table squeezes its prose away; rows become stacked cards


def _emit(console: Console, columns: Sequence[str], rows: Sequence[Sequence[Text]]) -> None:
    """Rows as a table, or on a narrow terminal as cards of 'column  value' lines."""
    if console.width >= _NARROW:
        table = _table(*columns)
        for row in rows:
            table.add_row(*row)
        console.print(table)
        return
    for n, row in enumerate(rows):
        if n:
            console.print()
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for name, cell in zip(columns, row):
            if cell.plain:
                grid.add_row(_t(name), cell)
        console.print(grid)


def _fact_cell(fact: Fact, quote: bool = False) -> Text:
    """Id, Chinese label, English label (and quote): one cell, so prose gets the width."""
    cell = _t(fact.full_id, "cyan")
    for text, style in ((fact.label, ""), (fact.label_en, "dim")):
        cell.append("\n")
        cell.append_text(_t(text, style))
    if quote:
        cell.append("\n")
        cell.append_text(_t(fact.quote, "italic"))
    return cell


def search_results(hits: Sequence[Hit]) -> None:
    rows = [[_fact_cell(h.fact, quote=True), _t(fact_figure(h.fact), "bold"), _t(h.fact.as_of or "—")] for h in hits]
    _emit(stdout_console(), ("fact", "figure", "as of"), rows)


def fact_detail(fact: Fact) -> None:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    qualifier = "" if fact.kind is Kind.DATE else f"  ({fact.qualifier.value})"
    rows = [
        ("id", fact.full_id),
        ("label", fact.label),
        ("label_en", fact.label_en),
        ("figure", fact_figure(fact) + qualifier),
        ("normalized", normalized_figure(fact) if fact.kind is not Kind.DATE else ""),
        ("as of", fact.as_of or "—"),
        ("entity", fact.entity),
        ("quote", fact.quote),
        ("source", " — ".join(x for x in (fact.source.title, fact.source.outlet, fact.source.published) if x)),
        ("tags", ", ".join(fact.tags)),
        ("note", fact.note),
    ]
    for name, value in rows:
        if value:
            grid.add_row(_t(name), _t(value))
    stdout_console().print(grid)


def topic_detail(topic: Topic) -> None:
    console = stdout_console()
    heading = _t(topic.title, "bold")
    heading.append_text(_t(f"  {topic.title_en}  ({topic.id}, {len(topic.facts)} facts)"))
    console.print(heading)
    rows = [[_fact_cell(f), _t(fact_figure(f), "bold"), _t(f.as_of or "—")] for f in topic.facts]
    _emit(console, ("fact", "figure", "as of"), rows)


def topics(items: Sequence[Topic]) -> None:
    rows = [[_t(t.id, "cyan"), _t(t.title), _t(t.title_en), _t(str(len(t.facts)))] for t in items]
    _emit(stdout_console(), ("topic", "title", "title_en", "facts"), rows)


_VERDICT_STYLE = {"match": "green", "consistent": "cyan", "mismatch": "bold red", "unknown": "dim"}


# A table lays out every cell (~0.3 ms a row in Rich); a draft of thousands of figures
# reads better, and ten times faster, as one line per figure, like a linter's report.
TABLE_LIMIT = 50


def findings(items: Sequence[Finding]) -> None:
    """One row per figure of the claim: what it says, what the record says, the verdict."""
    from xmfacts.check import summary

    console = stdout_console()
    if len(items) > TABLE_LIMIT:
        _finding_lines(console, items)
    elif items:
        _finding_table(console, items)
    counts = summary(items)
    total = sum(counts.values())
    console.print(_t(f"{total} figure{'s' if total != 1 else ''}: " + ", ".join(f"{n} {v}" for v, n in counts.items())))


def _recorded(f: Finding) -> str:
    from xmfacts.check import recorded_figure

    return recorded_figure(f.fact) if f.fact else ""


def _difference(f: Finding, sep: str) -> str:
    """In the record's own unit (+2家, −4500亿元), which people can check against the quote."""
    if f.difference is None or f.fact is None or f.verdict.value != "mismatch":
        return ""
    text = _signed(f.difference / (f.fact.scale or 1)) + (f.fact.unit or "")
    return text + (f"{sep}×{f.ratio:.3f}" if f.ratio is not None else "")


def _finding_table(console: Console, items: Sequence[Finding]) -> None:
    with_lines = any(f.line > 1 for f in items)
    columns = (("line",) if with_lines else ()) + ("claim", "recorded", "verdict", "difference")
    rows = []
    for f in items:
        claim = _t(f.reading.text, "bold")
        if f.context and f.context != f.reading.text:
            claim.append("\n")
            claim.append_text(_t(f.context, "dim"))
        recorded = _t(f.fact.full_id if f.fact else "—", "cyan")
        if f.fact:
            recorded.append("\n")
            recorded.append_text(_t(_recorded(f)))
        row = [claim, recorded, _t(f.verdict.value, _VERDICT_STYLE[f.verdict.value]), _t(_difference(f, "\n"))]
        rows.append(([_t(str(f.line))] if with_lines else []) + row)
    _emit(console, columns, rows)


def _finding_lines(console: Console, items: Sequence[Finding]) -> None:
    out = Text()
    for f in items:
        out.append_text(_t(f"{f.line}  "))
        out.append_text(_t(f.reading.text, "bold"))
        out.append("  ")
        out.append_text(_t(f.verdict.value, _VERDICT_STYLE[f.verdict.value]))
        if f.fact:
            out.append_text(_t(f"  {f.fact.full_id} = {_recorded(f)}"))
        diff = _difference(f, " ")
        if diff:
            out.append_text(_t(f"  {diff}"))
        out.append("\n")
    out.rstrip()
    # soft wrap: long lines are left to the terminal, so each figure stays one greppable line
    console.print(out, soft_wrap=True)


def _signed(d: Decimal) -> str:
    text = grouped(d.normalize() if d != d.to_integral_value() else d)
    return text if text.startswith("-") else f"+{text}"


def comparison(result: Comparison) -> None:
    rows = []
    for row in result.rows:
        f = row.fact
        diff = _signed(row.difference) if row.difference is not None else ""
        ratio = f"{row.ratio:.3f}×" if row.ratio is not None else ""
        rows.append(
            [_fact_cell(f), _t(fact_figure(f), "bold"), _t(normalized_figure(f)), _t(f.as_of or "—"), _t(diff or row.remark), _t(ratio)]
        )
    _emit(stdout_console(), ("fact", "figure", "normalized", "as of", "difference", "ratio"), rows)
