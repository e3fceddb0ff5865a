"""Human output: Rich tables on stdout. Imported only when a table is wanted (Rich costs ~30 ms).

Every piece of data goes in as a ``Text`` built from ``visible()`` text, so markup such as
``[bold]`` in a fact file or a query is shown literally and escape sequences never reach
the terminal raw.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from decimal import Decimal

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from xmfacts.figures import fact_figure, grouped, normalized_figure
from xmfacts.model import Fact, Topic
from xmfacts.query import Comparison
from xmfacts.search import Hit
from xmfacts.textsafe import visible


def stdout_console() -> Console:
    # Built per call so COLUMNS/NO_COLOR and a redirected stdout are read when output happens.
    return Console(file=sys.stdout, highlight=False, soft_wrap=False)


def _t(text: str | None, style: str = "") -> Text:
    return Text(visible(text or ""), style=style)


# Columns that read badly when wrapped (ids, figures, dates) are kept whole where the
# width allows; prose columns (labels, quotes) take the squeeze.
_KEEP_WHOLE = {"topic", "figure", "as of", "ratio", "facts"}


def _table(*columns: str) -> Table:
    # a rule between rows: each fact takes several lines, and they must not run together
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False, show_lines=True)
    for name in columns:
        # fold, never truncate: a figure cut short is worse than a wrapped one
        table.add_column(name, overflow="fold", no_wrap=name in _KEEP_WHOLE, ratio=None if name in _KEEP_WHOLE else 1)
    return table


_NARROW = 60  # below this many columns, tables become stacked cards


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


def _cards(console: Console, facts: Sequence[Fact]) -> None:
    for n, fact in enumerate(facts):
        if n:
            console.print()
        _detail_grid(console, fact, brief=True)


def search_results(hits: Sequence[Hit]) -> None:
    console = stdout_console()
    if console.width < _NARROW:
        _cards(console, [h.fact for h in hits])
        return
    table = _table("fact", "figure", "as of")
    for hit in hits:
        f = hit.fact
        table.add_row(_fact_cell(f, quote=True), _t(fact_figure(f), "bold"), _t(f.as_of or "—"))
    console.print(table)


def fact_detail(fact: Fact) -> None:
    _detail_grid(stdout_console(), fact)


def _detail_grid(console: Console, fact: Fact, brief: bool = False) -> None:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    qualifier = "" if fact.kind.value == "date" else f"  ({fact.qualifier.value})"
    rows = [
        ("id", fact.full_id),
        ("label", fact.label),
        ("label_en", fact.label_en),
        ("figure", fact_figure(fact) + qualifier),
        ("normalized", normalized_figure(fact) if fact.kind.value != "date" else ""),
        ("as of", fact.as_of or "—"),
        ("entity", fact.entity),
        ("quote", fact.quote),
        ("source", " — ".join(x for x in (fact.source.title, fact.source.outlet, fact.source.published) if x)),
        ("tags", ", ".join(fact.tags)),
        ("note", fact.note),
    ]
    if brief:
        rows = [r for r in rows if r[0] in {"id", "label", "label_en", "figure", "as of", "quote"}]
    for name, value in rows:
        if value:
            grid.add_row(_t(name), _t(value))
    console.print(grid)


def topic_detail(topic: Topic) -> None:
    console = stdout_console()
    heading = _t(topic.title, "bold")
    heading.append_text(_t(f"  {topic.title_en}  ({topic.id}, {len(topic.facts)} facts)"))
    console.print(heading)
    if console.width < _NARROW:
        _cards(console, topic.facts)
        return
    table = _table("fact", "figure", "as of")
    for f in topic.facts:
        table.add_row(_fact_cell(f), _t(fact_figure(f), "bold"), _t(f.as_of or "—"))
    console.print(table)


def topics(items: Sequence[Topic]) -> None:
    table = _table("topic", "title", "title_en", "facts")
    for t in items:
        table.add_row(_t(t.id, "cyan"), _t(t.title), _t(t.title_en), _t(str(len(t.facts))))
    stdout_console().print(table)


def _signed(d: Decimal) -> str:
    text = grouped(d)
    return text if text.startswith("-") else f"+{text}"


def comparison(result: Comparison) -> None:
    table = _table("fact", "figure", "normalized", "as of", "difference", "ratio")
    for row in result.rows:
        f = row.fact
        diff = _signed(row.difference) if row.difference is not None else ""
        ratio = f"{row.ratio:.3f}×" if row.ratio is not None else ""
        table.add_row(
            _fact_cell(f), _t(fact_figure(f), "bold"), _t(normalized_figure(f)),
            _t(f.as_of or "—"), _t(diff or row.remark), _t(ratio),
        )
    stdout_console().print(table)
