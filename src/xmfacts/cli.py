"""The `xmfacts` command: parse arguments, call the core, hand results to a renderer.

Errors from the core are turned into a one-line message and an exit code here, once
(``_edge``). Rich is imported only by commands that print tables.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Optional, TypeVar

import typer

from xmfacts import __version__
from xmfacts.errors import ExitCode, FactBaseError, XmfactsError
from xmfacts.loader import load_factbase
from xmfacts.model import FactBase

app = typer.Typer(
    name="xmfacts",
    help="Look up, compare and check the figures of the Xiamen innovation-and-finance feature.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])
_RATIO = Decimal("0.000001")  # six places: enough to tell 1.000001× from 1×

FactsDir = Annotated[
    Optional[Path],
    typer.Option("--facts-dir", help="Fact base to use instead of the shipped one (also $XMFACTS_FACTS).", show_default=False),
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON (schema in docs/json-schema.md) and nothing else on stdout.")]


class ExportFormat(StrEnum):
    JSONL = "jsonl"
    JSON = "json"
    CSV = "csv"


def _edge(func: F) -> F:
    """Turn core errors and a closed pipe into a message and a documented exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from xmfacts import output

        try:
            return func(*args, **kwargs)
        except XmfactsError as exc:
            output.error(str(exc))
            raise typer.Exit(int(exc.exit_code)) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(int(ExitCode.BROKEN_PIPE)) from None

    return wrapper  # type: ignore[return-value]


def _silence_stdout() -> None:
    # The reader went away (`| head -1`); later flushes at exit must not raise again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _load(facts_dir: Path | None) -> FactBase:
    return load_factbase(facts_dir)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"xmfacts {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Look up, compare and check the figures of the Xiamen innovation-and-finance feature.

    Exit codes: 0 found / no mismatch, 1 nothing found / a mismatch, 2 usage error or invalid fact base.
    """


@app.command()
@_edge
def search(
    query: Annotated[list[str], typer.Argument(help="Words to look for; every word must match.", show_default=False)],
    topic: Annotated[Optional[str], typer.Option("--topic", "-t", help="Only this topic.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="At most N results (0: all).")] = 10,
    json: Json = False,
    facts_dir: FactsDir = None,
) -> None:
    """Find facts by Chinese or English words or by a figure as printed, best first.

    Example: xmfacts search 授信  ·  xmfacts search listed companies  ·  xmfacts search 68家 --json
    """
    from xmfacts import query as q
    from xmfacts.search import search as run_search

    base = _load(facts_dir)
    if topic is not None:
        q.find_topic(base, topic)
    hits = run_search(base, query, topic=topic, limit=limit or None)
    if json:
        from xmfacts import output
        from xmfacts.schema import fact_to_dict

        output.emit_json([{**fact_to_dict(h.fact), "score": h.score} for h in hits])
    elif hits:
        _tables().search_results(hits)
    else:
        from xmfacts import output

        output.error(f"no fact matches {' '.join(query)!r}")
    if not hits:
        raise typer.Exit(int(ExitCode.NOT_FOUND))


@app.command()
@_edge
def show(
    id: Annotated[str, typer.Argument(help="A fact id (topic/fact) or a topic id.", show_default=False)],
    json: Json = False,
    facts_dir: FactsDir = None,
) -> None:
    """Show one fact in full, or list a topic's facts.

    Example: xmfacts show capital-markets/listed-companies  ·  xmfacts show capital-markets
    """
    from xmfacts.model import Topic
    from xmfacts.query import show as run_show

    found = run_show(_load(facts_dir), id)
    if json:
        from xmfacts import output
        from xmfacts.schema import fact_to_dict, topic_to_dict

        output.emit_json(topic_to_dict(found) if isinstance(found, Topic) else fact_to_dict(found))
    elif isinstance(found, Topic):
        _tables().topic_detail(found)
    else:
        _tables().fact_detail(found)


@app.command()
@_edge
def compare(
    ids: Annotated[list[str], typer.Argument(help="Two or more fact ids; the first is the reference.", show_default=False)],
    json: Json = False,
    facts_dir: FactsDir = None,
) -> None:
    """Put facts side by side, with difference and ratio against the first where units agree.

    Example: xmfacts compare private-equity/fund-managers private-equity/equity-investment-firms
    """
    from xmfacts.errors import UsageError
    from xmfacts.query import compare as run_compare

    if len(ids) < 2:
        raise UsageError("compare needs at least two ids")
    result = run_compare(_load(facts_dir), ids)
    if json:
        from xmfacts import output
        from xmfacts.schema import fact_to_dict, json_number

        output.emit_json(
            [
                {
                    "fact": fact_to_dict(r.fact),
                    "base_value": json_number(r.base_figure),
                    "difference": json_number(r.difference),
                    "ratio": json_number(r.ratio.quantize(_RATIO) if r.ratio is not None else None),
                    "remark": r.remark or None,
                }
                for r in result.rows
            ]
        )
    else:
        _tables().comparison(result)


@app.command()
@_edge
def topics(json: Json = False, facts_dir: FactsDir = None) -> None:
    """List the topics with their titles and fact counts.

    Example: xmfacts topics
    """
    base = _load(facts_dir)
    if json:
        from xmfacts import output
        from xmfacts.schema import topic_to_dict

        output.emit_json([topic_to_dict(t, with_facts=False) for t in base.topics])
    else:
        _tables().topics(base.topics)


@app.command()
@_edge
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="jsonl, json or csv.")] = ExportFormat.JSONL,
    topic: Annotated[Optional[str], typer.Option("--topic", "-t", help="Only this topic.")] = None,
    out: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to FILE instead of stdout.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
    facts_dir: FactsDir = None,
) -> None:
    """Print every fact (or one topic's) in the JSON schema, as JSON lines, a JSON array or CSV.

    Example: xmfacts export --format csv -o facts.csv
    """
    from xmfacts import exporting, output
    from xmfacts.query import select

    facts = select(_load(facts_dir), topic)
    if out is None:
        sys.stdout.write(exporting.render(facts, format.value, ensure_ascii=not output.stdout_is_unicode()))
    else:
        exporting.write(facts, format.value, out, force=force)


@app.command()
@_edge
def validate(
    texts: Annotated[
        Optional[list[Path]], typer.Argument(help="More source texts (so a shell glob after --source-text works).", show_default=False)
    ] = None,
    source_text: Annotated[
        Optional[list[Path]],
        typer.Option("--source-text", "-s", help="Article text every quote must occur in (repeatable).", show_default=False),
    ] = None,
    json: Json = False,
    facts_dir: FactsDir = None,
) -> None:
    """Check the whole fact base; with --source-text, trace every quote and figure to the article.

    Example: xmfacts validate --source-text ../shared/sources/*.txt
    """
    from xmfacts import output
    from xmfacts.validate import validate as run_validate

    report = run_validate(facts_dir, [*(source_text or []), *(texts or [])])
    if json:
        output.emit_json(
            {
                "ok": not report.problems,
                "facts": report.facts,
                "topics": report.topics,
                "problems": [
                    {"path": p.path, "line": p.line, "column": p.column, "fact_id": p.fact_id, "message": p.message}
                    for p in report.problems
                ],
            }
        )
    else:
        for problem in report.problems:
            output.error(str(problem))
        if not report.problems:
            traced = f", every quote and figure traced to {len(source_text or []) + len(texts or [])} source text(s)" if (source_text or texts) else ""
            sys.stdout.write(f"ok: {report.facts} facts in {report.topics} topics{traced}\n")
    if report.problems:
        raise typer.Exit(int(ExitCode.ERROR))


def _tables() -> Any:
    from xmfacts import output, render

    output.make_stdout_tolerant()
    return render


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except FactBaseError as exc:  # raised outside a command (should not happen), still no traceback
        from xmfacts import output

        output.error(str(exc))
        sys.exit(int(ExitCode.ERROR))
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(int(ExitCode.BROKEN_PIPE))
