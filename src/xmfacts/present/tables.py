"""Human output: Rich tables, rendered to text for the terminal the CLI writes to.

Imported only when a table is wanted (Rich costs ~30 ms). Every piece of data goes in as a
``Text`` built from ``visible()`` text, so markup such as ``[bold]`` in a fact file or a
query is shown literally and escape sequences never reach the terminal raw.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from xmfacts.fields import CARD_ORDER, QUOTE, FactField, Shape
from xmfacts.figures.printing import normalized, printed, ratio_text, signed
from xmfacts.model import BaseUnit, Fact, Kind, Topic
from xmfacts.present.escape import visible

if TYPE_CHECKING:
    from xmfacts.authoring.add import Added
    from xmfacts.check import Finding
    from xmfacts.compare import Comparison
    from xmfacts.extract import Extraction
    from xmfacts.factbase.locate import Located
    from xmfacts.search import Hit
    from xmfacts.series import Series
    from xmfacts.validate import Report


def stdout_console() -> Console:
    # Built per call so COLUMNS/NO_COLOR and a redirected stdout are read when output happens.
    return Console(file=sys.stdout, highlight=False, soft_wrap=False)


def _text(*items: tuple[RenderableType, bool]) -> str:
    """What the console would print, as text (with colour codes on a colour terminal)."""
    console = stdout_console()
    with console.capture() as capture:
        for item, soft_wrap in items:
            console.print(item, soft_wrap=soft_wrap)
    return capture.get()


def _t(text: str | None, style: str = "") -> Text:
    return Text(visible(text or ""), style=style)


# Columns that read badly when wrapped (figures, dates) are kept whole; an id is kept whole
# always (one cut in two cannot be copied); prose columns (labels, quotes) take the squeeze.
_KEEP_WHOLE = {"topic", "figure", "as of", "ratio", "facts", "line", "verdict"}
_MIN_PROSE = 10  # the least a wrapping column is given before a table becomes cards
_GAP = 3  # cells between two columns of a SIMPLE_HEAD table without edges


def _table(columns: Sequence[str], widths: Sequence[int]) -> Table:
    # a rule between rows: each fact takes several lines, and they must not run together
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False, show_lines=True)
    for name, width in zip(columns, widths):
        # fold, never truncate: a figure cut short is worse than a wrapped one
        table.add_column(name, overflow="fold", no_wrap=name in _KEEP_WHOLE, width=width)
    return table


_NARROW = 60  # below this many columns a table squeezes its prose away; rows become stacked cards
_FIGURE_WORD = re.compile(r"[-+×]?\d[\d,.]*")  # the digits of a figure; its unit may wrap


def _lines(cells: Sequence[Text]) -> list[str]:
    return [line for cell in cells for line in cell.plain.splitlines()]


def _least(name: str, lines: list[str], id_width: int | None) -> int:
    """The narrowest a column may be: its ids, or all of a kept-whole column, or in prose
    a few words and the longest figure (a number cut in two is misread)."""
    natural = max([cell_len(name), *(cell_len(line) for line in lines)])
    if id_width is not None:
        return max(id_width, cell_len(name))
    if name in _KEEP_WHOLE:
        return natural
    figures = [cell_len(word) for line in lines for word in _FIGURE_WORD.findall(line)]
    return min(natural, max([cell_len(name), _MIN_PROSE, *figures]))


def _layout(columns: Sequence[str], rows: Sequence[Sequence[Text]], id_widths: dict[str, int], width: int) -> list[int] | None:
    """Every column's width, or None when the terminal cannot hold the table.

    Rich would squeeze the widest column first, and that is the one holding the ids. Here
    each column gets its least (ids and figures whole); what is left goes to the columns
    that want more, in proportion to how much more.
    """
    lines = [_lines([row[n] for row in rows]) for n in range(len(columns))]
    natural = [max([cell_len(name), *(cell_len(line) for line in held)]) for name, held in zip(columns, lines)]
    widths = [_least(name, held, id_widths.get(name)) for name, held in zip(columns, lines)]
    spare = width - sum(widths) - _GAP * (len(columns) - 1)
    if spare < 0:
        return None
    return _fill(widths, natural, spare)[0]


def _fill(widths: list[int], targets: list[int], spare: int) -> tuple[list[int], int]:
    """Widen columns toward their targets with at most ``spare`` cells, in proportion to need."""
    wants = [max(0, t - w) for t, w in zip(targets, widths)]
    total = sum(wants)
    if total <= spare:
        return [w + x for w, x in zip(widths, wants)], spare - total
    given = [spare * x // total for x in wants]
    leftover = spare - sum(given)
    for n in sorted(range(len(widths)), key=lambda i: wants[i] - given[i], reverse=True)[:leftover]:
        given[n] += 1
    return [w + g for w, g in zip(widths, given)], 0


def _rows(columns: Sequence[str], rows: Sequence[Sequence[Text]], ids: dict[str, Sequence[str]] | None = None) -> list[tuple[RenderableType, bool]]:
    """Rows as a table, or, when the terminal is too narrow for it, as cards of 'column  value' lines.

    ``ids`` names the column holding fact ids and the ids in it: that column is never
    narrower than its longest id, so an id can always be copied whole from a table.
    """
    width = stdout_console().width
    id_widths = {name: max((cell_len(i) for i in held), default=0) for name, held in (ids or {}).items()}
    widths = _layout(columns, rows, id_widths, width) if width >= _NARROW else None
    if widths is not None:
        table = _table(columns, widths)
        for row in rows:
            table.add_row(*row)
        return [(table, False)]
    # every card's labels share one width, so the values line up from card to card
    label_width = max(cell_len(name) for name in columns)
    out: list[tuple[RenderableType, bool]] = []
    for n, row in enumerate(rows):
        if n:
            out.append((Text(), False))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True, min_width=label_width)
        grid.add_column(overflow="fold")
        for name, cell in zip(columns, row):
            if cell.plain:
                grid.add_row(_t(name), cell)
        out.append((grid, False))
    return out


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


def search(hits: Sequence[Hit]) -> str:
    rows = [[_fact_cell(h.fact, quote=True), _t(printed(h.fact.figure), "bold"), _t(h.fact.as_of or "—")] for h in hits]
    return _text(*_rows(("fact", "figure", "as of"), rows, {"fact": [h.fact.full_id for h in hits]}))


def _card_rows(fact: Fact, field: FactField) -> list[tuple[str, str]]:
    """A field's rows in ``show``'s card, as a reader wants it: the figure with its hedge and
    its base-unit value, the source by title rather than id."""
    assert field.card is not None
    shape = field.shape
    if shape is Shape.FIGURE:
        figure = fact.figure
        if figure.kind is Kind.DATE:
            return [(field.card, printed(figure)), ("normalized", "")]
        return [(field.card, f"{printed(figure)}  ({figure.qualifier.value})"), ("normalized", normalized(figure))]
    if shape is Shape.ID:
        return [(field.card, fact.full_id)]
    if shape is Shape.SOURCE:
        return [(field.card, " — ".join(x for x in (fact.source.title, fact.source.outlet, fact.source.published) if x))]
    if shape is Shape.WORDS:
        return [(field.card, ", ".join(getattr(fact, field.name)))]
    if shape is Shape.DATE:
        return [(field.card, getattr(fact, field.name) or "—")]  # a dash says "the source gives no date"
    return [(field.card, getattr(fact, field.name))]


def fact(fact: Fact) -> str:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for field in CARD_ORDER:
        for name, value in _card_rows(fact, field):
            if value:
                grid.add_row(_t(name), _t(value))
    return _text((grid, False))


def topic(topic: Topic) -> str:
    heading = _t(topic.title, "bold")
    heading.append_text(_t(f"  {topic.title_en}  ({topic.id}, {len(topic.facts)} facts)"))
    rows = [[_fact_cell(f), _t(printed(f.figure), "bold"), _t(f.as_of or "—")] for f in topic.facts]
    return _text((heading, False), *_rows(("fact", "figure", "as of"), rows, {"fact": [f.full_id for f in topic.facts]}))


def topics(items: Sequence[Topic], where: Located | None = None) -> str:
    rows = [[_t(t.id, "cyan"), _t(t.title), _t(t.title_en), _t(str(len(t.facts)))] for t in items]
    # which fact base this is: the bundled copy, a checkout, or one named on purpose
    footer = [(_t(f"fact base {where.how()}:\n{where.path}", "dim"), False)] if where else []
    return _text(*_rows(("topic", "title", "title_en", "facts"), rows, {"topic": [t.id for t in items]}), *footer)


POINTS = "个百分点"  # two percentages differ by percentage points, as Chinese newsrooms write it

_VERDICT_STYLE = {"match": "green", "consistent": "cyan", "outdated": "yellow", "mismatch": "bold red", "unknown": "dim"}


# A table lays out every cell (~0.3 ms a row in Rich); a draft of thousands of figures
# reads better, and ten times faster, as one line per figure, like a linter's report.
TABLE_LIMIT = 50


def findings(items: Sequence[Finding]) -> str:
    """One row per figure of the claim: what it says, what the record says, the verdict."""
    from xmfacts.check import summary

    parts: list[tuple[RenderableType, bool]] = []
    if len(items) > TABLE_LIMIT:
        parts.append(_finding_lines(items))
    elif items:
        parts.extend(_finding_table(items))
    counts = summary(items)
    total = sum(counts.values())
    parts.append((_t(f"{total} figure{'s' if total != 1 else ''}: " + ", ".join(f"{n} {v}" for v, n in counts.items())), False))
    return _text(*parts)


def _recorded(f: Finding) -> str:
    from xmfacts.check import recorded_figure

    return recorded_figure(f.fact) if f.fact else ""


def _difference(f: Finding, sep: str) -> str:
    """In the record's own unit (+2家, −4500亿元), which people can check against the quote."""
    from xmfacts.check import Verdict  # loaded already: findings come from check

    if f.difference is None or f.fact is None or f.verdict is not Verdict.MISMATCH:
        return ""
    if f.fact.figure.base_unit is BaseUnit.PERCENT:
        # 三成 against 4成 is 10 percentage points apart, not "-1成" or "-10%"
        text = signed(f.difference) + POINTS
    else:
        text = signed(f.difference / (f.fact.figure.scale or 1)) + (f.fact.figure.unit or "")
    return text + (f"{sep}×{ratio_text(f.ratio)}" if f.ratio is not None else "")


def _finding_table(items: Sequence[Finding]) -> list[tuple[RenderableType, bool]]:
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
            # why this fact: the words of the claim that tied it
            recorded.append("\n")
            recorded.append_text(_t("via " + ", ".join(f.subject), "dim"))
        row = [claim, recorded, _t(f.verdict.value, _VERDICT_STYLE[f.verdict.value]), _t(_difference(f, "\n"))]
        rows.append(([_t(str(f.line))] if with_lines else []) + row)
    return _rows(columns, rows, {"recorded": [f.fact.full_id for f in items if f.fact]})


def _finding_lines(items: Sequence[Finding]) -> tuple[RenderableType, bool]:
    out = Text()
    for f in items:
        out.append_text(_t(f"{f.line}  "))
        out.append_text(_t(f.reading.text, "bold"))
        out.append("  ")
        out.append_text(_t(f.verdict.value, _VERDICT_STYLE[f.verdict.value]))
        if f.fact:
            out.append_text(_t(f"  {f.fact.full_id} = {_recorded(f)}  via {', '.join(f.subject)}"))
        diff = _difference(f, " ")
        if diff:
            out.append_text(_t(f"  {diff}"))
        out.append("\n")
    out.rstrip()
    # soft wrap: long lines are left to the terminal, so each figure stays one greppable line
    return out, True


def comparison(result: Comparison) -> str:
    rows = []
    for row in result.rows:
        f = row.fact
        diff = signed(row.difference) if row.difference is not None else ""
        if diff and f.figure.base_unit is BaseUnit.PERCENT:
            diff += POINTS
        ratio = f"{ratio_text(row.ratio)}×" if row.ratio is not None else ""
        rows.append(
            [_fact_cell(f), _t(printed(f.figure), "bold"), _t(normalized(f.figure)), _t(f.as_of or "—"), _t(diff or row.remark), _t(ratio)]
        )
    ids = {"fact": [row.fact.full_id for row in result.rows]}
    headers = ("fact", "figure", "normalized", "as of", "difference", "ratio")
    if any(row.cagr is not None for row in result.rows):
        # observations of one series: the compound annual growth rate, only then (a column
        # of dashes would tell nothing about facts that are not)
        for cells, row in zip(rows, result.rows):
            cells.append(_t(f"{row.cagr * 100:+.2f}% a year over {row.years.normalize():f} years" if row.cagr is not None and row.years else ""))
        headers = (*headers, "CAGR")
    return _text(*_rows(headers, rows, ids))


def extraction(result: Extraction) -> str:
    """One row per figure of the article: the figure, on record (verdict) or new, which fact, the quote."""
    rows = []
    ids = []
    for c in result.candidates:
        verdict = c.verdict.value if c.verdict else "new"
        ids.append(c.on_record.full_id if c.on_record else f"{result.topic}/{c.id}")
        fact = _t(ids[-1], "cyan" if c.on_record else "")
        if c.on_record is None:
            fact.append("\n")
            fact.append_text(_t(c.label, "dim"))
        # a figure the article states again is drafted once: its row names every line it is on
        lines = ", ".join(str(n) for n in dict.fromkeys((c.line, *(m.line for m in c.also))))
        rows.append([_t(lines), _t(printed(c.figure), "bold"), _t(verdict, _VERDICT_STYLE.get(verdict, "bold")), fact, _t(c.quote)])
    counts = ", ".join(
        f"{n} {v}" for v, n in ((v, sum(1 for c in result.candidates if (c.verdict.value if c.verdict else "new") == v))
                                for v in ("new", "match", "consistent", "outdated", "mismatch")) if n
    )
    total = len(result.candidates)
    summary = _t(f"{total} figure{'s' if total != 1 else ''}" + (f": {counts}" if counts else ""))
    return _text(*_rows(("line", "figure", "verdict", "fact", QUOTE.name), rows, {"fact": ids}), (summary, False))


def series(found: Series) -> str:
    """show TOPIC/SERIES: the observations, oldest first, and a sparkline of the yearly ones."""
    from xmfacts.present.series_view import series_rows, sparkline

    latest = found.latest
    heading = _t(latest.label.split("（")[0], "bold")
    heading.append_text(_t(f"  {latest.label_en.rsplit(', ', 1)[0]}  ({found.id}, {len(found.observations)} observations)"))
    line = sparkline(found)
    rows = [[_t(c, "bold" if n == 1 else "") for n, c in enumerate(r)] for r in series_rows(found)]
    table = _rows(("period", "figure", "change", "status", "source"), rows)
    return _text((heading, False), *([(_t(line), False)] if line else []), *table)


class TableFormatter:
    """Every result as people read it: tables (cards when narrow), and one-line reports."""

    series = staticmethod(series)

    search = staticmethod(search)
    fact = staticmethod(fact)
    topic = staticmethod(topic)
    topics = staticmethod(topics)
    findings = staticmethod(findings)
    comparison = staticmethod(comparison)
    extraction = staticmethod(extraction)

    @staticmethod
    def validation(report: Report, sources: int) -> str:
        from xmfacts.present.plain import validation

        return validation(report, sources)

    @staticmethod
    def added(added: Added) -> str:
        return f"added {added.fact.full_id} to {added.path}{' (new topic)' if added.created else ''}\n"

    @staticmethod
    def added_all(added: Sequence[Added]) -> str:
        return "".join(TableFormatter.added(a) for a in added)

class BuildProgress:
    """The fact-base index being built: files and facts done, rate and time left, on stderr."""

    def __init__(self, total_files: int) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._progress = Progress(
            TextColumn("indexing facts"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files, {task.fields[facts]:,} facts, {task.fields[rate]:,.0f}/s"),
            TimeRemainingColumn(),
            console=Console(file=sys.stderr),
            transient=True,
        )
        self._task = self._progress.add_task("index", total=total_files, facts=0, rate=0.0)
        self._progress.start()

    def update(self, files: int, facts: int) -> None:
        elapsed = self._progress.tasks[0].elapsed or 1e-9
        self._progress.update(self._task, completed=files, facts=facts, rate=facts / elapsed)

    def close(self) -> None:
        self._progress.stop()


def build_progress(total_files: int) -> BuildProgress:
    return BuildProgress(total_files)
