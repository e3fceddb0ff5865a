"""The `xmfacts` command: parse arguments, call the core, hand the result to a formatter.

Errors from the core become a one-line message and a documented exit code once (``_edge``,
through ``xmfacts.run``, where the exit codes live); only this module and ``xmfacts.run``
write to stdout. Rich is imported only by
commands that print tables.
"""

# No `from __future__ import annotations` here: Typer would have to eval every string
# annotation on each run (~10 ms); real annotation objects cost nothing to read.
import copy
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional, TypeVar

import typer

from xmfacts import __version__
from xmfacts.errors import UsageError, XmfactsError
from xmfacts.cli_typer import usage as _usage
from xmfacts.cli_typer import with_field_options as _with_field_options
from xmfacts.fields import add_options
from xmfacts.index import load_factbase
from xmfacts.present import CheckFormat, ExportFormat, ExtractFormat, OutputFormat, formatter
from xmfacts.run import ExitCode
from xmfacts.run import error as _error
from xmfacts.run import exit_code as _exit_code
from xmfacts.run import output_format as _format
from xmfacts.run import silence_stdout as _silence_stdout
from xmfacts.run import deliver as _deliver
from xmfacts.run import write as _write


app = typer.Typer(
    name="xmfacts",
    # --install-completion / --show-completion for bash, zsh and fish; building the two
    # options costs ~0.3 ms a run, and the id completer below loads only on <TAB>.
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain click help and usage errors: the same in every terminal, in logs and under
    # NO_COLOR, and no Rich import for a mistyped option.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])

FactsDir = Annotated[
    Optional[Path],
    typer.Option(
        "--facts-dir",
        help="Fact base to use (also $XMFACTS_FACTS); else facts/ in this directory or a parent, else the bundled copy.",
        show_default=False,
    ),
]


def _complete_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    from xmfacts.completion import fact_or_topic_ids

    return fact_or_topic_ids(ctx.params.get("facts_dir"), incomplete)


def _complete_topics(ctx: typer.Context, incomplete: str) -> list[str]:
    from xmfacts.completion import topic_ids

    return topic_ids(ctx.params.get("facts_dir"), incomplete)


Json = Annotated[bool, typer.Option("--json", help="Print JSON (schema in docs/json-schema.md) and nothing else on stdout.")]
Output = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to FILE instead of stdout (not a table).", show_default=False)]
Force = Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")]


def _edge(func: F) -> F:
    """Turn core errors and a closed pipe into a message and a documented exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except XmfactsError as exc:
            _error(str(exc))
            raise typer.Exit(int(_exit_code(exc))) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(int(ExitCode.BROKEN_PIPE)) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        try:
            _write(f"xmfacts {__version__}\n")
        except BrokenPipeError:  # outside any command's _edge; click would say 1
            _silence_stdout()
            raise typer.Exit(int(ExitCode.BROKEN_PIPE)) from None
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Look up, compare and check the figures of the Xiamen innovation-and-finance feature.

    \b
    Examples:
      xmfacts search 上市公司
      xmfacts show capital-markets/listed-companies
      xmfacts check "厦门境内上市公司有70家"
      xmfacts check -f draft.md
      xmfacts compare capital-markets/listed-companies 70家

    Exit codes: 0 found / no mismatch, 1 nothing found / a mismatch, 2 usage error or
    invalid fact base, 141 the reader closed the pipe. Every command has --help.
    """


@app.command(cls=_usage('QUERY...'))
@_edge
def search(
    query: Annotated[list[str], typer.Argument(help="Words to look for; every word must match (question words need not).", show_default=False, metavar="QUERY")],
    topic: Annotated[Optional[str], typer.Option("--topic", "-t", help="Only this topic.", autocompletion=_complete_topics)] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="At most N results (0: all).")] = 10,
    json: Json = False,
    explain: Annotated[bool, typer.Option("--explain", help="Say on stderr why each fact ranked where it did.")] = False,
    facts_dir: FactsDir = None,
) -> None:
    """Find facts by Chinese (simplified or traditional), pinyin, English words or a figure as quoted, best first.

    \b
    Examples:
      xmfacts search 授信
      xmfacts search 廈門 上市公司
      xmfacts search xinyidai
      xmfacts search how many listed companies
      xmfacts search 114.2 billion yuan --json
    """
    from xmfacts import run

    code = run.search(query, topic=topic, limit=limit, json=json, explain=explain, facts_dir=facts_dir)
    if code:
        raise typer.Exit(code)


@app.command(cls=_usage('ID'))
@_edge
def show(
    id: Annotated[str, typer.Argument(help="A fact id (topic/fact) or a topic id.", show_default=False, metavar="ID", autocompletion=_complete_ids)],
    json: Json = False,
    facts_dir: FactsDir = None,
) -> None:
    """Show one fact in full, or list a topic's facts.

    \b
    Examples:
      xmfacts show capital-markets/listed-companies
      xmfacts show capital-markets
    """
    from xmfacts import run

    run.show(id, json=json, facts_dir=facts_dir)


@app.command(cls=_usage('ID ID... | compare ID FIGURE'))
@_edge
def compare(
    ids: Annotated[
        list[str], typer.Argument(help="Two or more fact ids (the first is the reference), or one id and a claimed figure.", show_default=False, metavar="ID_OR_FIGURE", autocompletion=_complete_ids)
    ],
    json: Json = False,
    facts_dir: FactsDir = None,
) -> None:
    """Put facts side by side, or diff a claimed figure against one fact (exit 1 on a mismatch).

    \b
    Examples:
      xmfacts compare private-equity/fund-managers private-equity/equity-investment-firms
      xmfacts compare capital-markets/listed-companies 70家
    """
    from xmfacts.compare import Comparison, compare_arguments

    result = compare_arguments(load_factbase(facts_dir), ids)
    if isinstance(result, Comparison):
        _write(formatter(_format(json)).comparison(result))
    else:
        _report_findings([result], _format(json))


@app.command(cls=_usage('CLAIM... | -f FILE | -'))
@_edge
def check(
    claims: Annotated[
        Optional[list[str]], typer.Argument(help="Claim text; '-' reads standard input.", show_default=False, metavar="CLAIM")
    ] = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Check a whole draft (UTF-8 text).", show_default=False)] = None,
    json: Json = False,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object per figure, one per line.")] = False,
    as_of: Annotated[
        Optional[str],
        typer.Option("--as-of", help="When the text was written (YYYY[-MM[-DD]]): what 今年, 去年 and 目前 mean. Default: today.", show_default=False),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Also exit 1 when a figure is outdated.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Say on stderr, for each figure, the words that tied it to its fact, or why none was.")] = False,
    format: Annotated[
        Optional[CheckFormat],
        typer.Option("--format", help="table, json, jsonl, claimreview (schema.org ClaimReview JSON-LD, one per figure with a fact), "
                     "or html: the draft with every figure marked, one file for editors.", show_default=False),
    ] = None,
    out: Output = None,
    force: Force = False,
    review_url: Annotated[Optional[str], typer.Option("--review-url", help="With claimreview: the URL of the published fact check.", show_default=False)] = None,
    author: Annotated[Optional[str], typer.Option("--author", help="With claimreview: the organisation publishing the fact check.", show_default=False)] = None,
    facts_dir: FactsDir = None,
) -> None:
    """Mark every figure in a claim or a draft: match, consistent, outdated, mismatch or unknown (exit 1 on a mismatch).

    \b
    Examples:
      xmfacts check "厦门境内上市公司有70家"
      xmfacts check "截至2018年底，厦门境内上市公司51家"
      xmfacts check -f draft.md --as-of 2024-11-20
      cat draft.txt | xmfacts check -
      xmfacts check -f draft.md --format claimreview --review-url https://example.org/check --author "Example Desk"
      xmfacts check -f draft.md --format html -o report.html
    """
    from xmfacts.check import check_claims, written_on
    from xmfacts.index.store import with_store
    from xmfacts.inputs import gather, refuse_file_name

    chosen = _check_format(format, json, jsonl, review_url, author)
    if out is not None and chosen is CheckFormat.TABLE:
        raise UsageError("-o writes json, jsonl, claimreview or html: give --format (a table is for the terminal)")
    when = written_on(as_of) if as_of is not None else None
    text = gather(claims or [], file)
    findings = with_store(facts_dir, lambda store: check_claims(store, text, written=when))
    if not findings and claims:
        refuse_file_name(claims)
    if chosen is CheckFormat.CLAIMREVIEW:
        from xmfacts.figures.period import today
        from xmfacts.present.claimreview import Publisher, claim_reviews
        from xmfacts.present.plain import stdout_is_unicode

        publisher = Publisher(author=author or "", url=review_url or "", published=today())
        _deliver(claim_reviews(findings, publisher, ensure_ascii=not stdout_is_unicode()), out, force)
    elif chosen is CheckFormat.HTML:
        from xmfacts.present.html import check_report
        from xmfacts.run import report_info

        name = file.name if file is not None else "standard input" if "-" in (claims or []) else "claims"
        _deliver(check_report(text, findings, report_info(name, facts_dir)), out, force, page=True)
    else:
        _deliver(formatter(OutputFormat(chosen.value)).findings(findings), out, force)
    if explain:
        from xmfacts.present.plain import explained_findings

        sys.stderr.write(explained_findings(findings))
    _exit_on(findings, strict)


def _check_format(chosen: Optional[CheckFormat], json: bool, jsonl: bool, review_url: Optional[str], author: Optional[str]) -> CheckFormat:
    flags = CheckFormat(_format(json, jsonl).value)
    if chosen is not None and (json or jsonl) and chosen is not flags:
        raise UsageError(f"--format {chosen.value} and --{flags.value} cannot be used together; choose one")
    chosen = chosen or flags
    if chosen is CheckFormat.CLAIMREVIEW:
        # Google's guidelines require the review's URL; an author without a name is no author.
        missing = [name for name, value in (("--review-url", review_url), ("--author", author)) if not value]
        if missing:
            raise UsageError(f"--format claimreview needs {' and '.join(missing)}: where the fact check is published and by whom")
    elif review_url or author:
        raise UsageError("--review-url and --author go with --format claimreview")
    return chosen


@app.command()
@_edge
def extract(
    article: Annotated[str, typer.Argument(help="The article: a UTF-8 text file, or '-' for standard input.", show_default=False, metavar="ARTICLE")],
    source: Annotated[Optional[str], typer.Option("--source", help="Id of the article in sources.toml (its publication date is used unless --published).", show_default=False)] = None,
    published: Annotated[
        Optional[str], typer.Option("--published", help="When the article appeared (YYYY[-MM[-DD]]): what 今年, 目前 and 10月16日 mean.", show_default=False)
    ] = None,
    topic: Annotated[str, typer.Option("--topic", "-t", help="Topic the new figures are drafted for (suggested ids are unique in it).")] = "extracted",
    json: Json = False,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object per figure, one per line.")] = False,
    toml: Annotated[bool, typer.Option("--toml", help="Print the new figures as a draft topic file for `add --from` (writes nothing).")] = False,
    format: Annotated[
        Optional[ExtractFormat],
        typer.Option("--format", help="table, json, jsonl, toml (as the flags), or html: the article with every figure marked.", show_default=False),
    ] = None,
    out: Output = None,
    force: Force = False,
    facts_dir: FactsDir = None,
) -> None:
    """Read a new article: say which figures are on record (and whether it agrees), draft the rest as facts.

    Nothing is written: review the --toml draft, then `xmfacts add TOPIC --from DRAFT.toml`.
    Exit 1 when a figure contradicts the record.

    \b
    Examples:
      xmfacts extract article.txt --published 2024-11-20
      xmfacts extract article.txt --source xiamen-practice --topic banks --toml > draft.toml
      cat article.txt | xmfacts extract - --json
      xmfacts extract article.txt --published 2024-11-20 --format html -o figures.html
    """
    from xmfacts.extract import extract as run_extract
    from xmfacts.extract import publication_date
    from xmfacts.inputs import gather
    from xmfacts.model import Source
    from xmfacts.run import chosen_format

    F = ExtractFormat
    chosen = chosen_format(format, {F.JSON: json, F.JSONL: jsonl, F.TOML: toml}, F.TABLE)
    if out is not None and chosen is F.TABLE:
        raise UsageError("-o writes json, jsonl, toml or html: give --format (a table is for the terminal)")
    base = load_factbase(facts_dir)
    if source is None and len(base.sources) == 1:
        # a desk's base lists the article it is drafting from: its drafts need no --source
        source = base.sources[0].id
    known = next((s for s in base.sources if s.id == source), None) if source else None
    when = publication_date(published) if published is not None else (known.published or None if known else None)
    text = gather(["-"], None) if article == "-" else _read_article(Path(article))
    result = run_extract(base, text, topic=topic, source=known or Source(source or "", ""), published=when)
    if chosen is F.TOML:
        from xmfacts.authoring.draft import draft_toml

        _deliver(draft_toml(result), out, force)
    elif chosen is F.HTML:
        from xmfacts.present.html import extract_report
        from xmfacts.run import report_info

        name = "standard input" if article == "-" else Path(article).name
        _deliver(extract_report(text, result, report_info(name, facts_dir)), out, force, page=True)
    else:
        _deliver(formatter(OutputFormat(chosen.value)).extraction(result), out, force)
    if result.contradicted:
        raise typer.Exit(int(ExitCode.MISMATCH))


def _read_article(path: Path) -> str:
    from xmfacts.errors import UsageError
    from xmfacts.inputs import read_draft

    try:
        return read_draft(path)
    except UsageError as exc:
        raise UsageError(str(exc).replace("--file ", "ARTICLE ", 1)) from None


def _report_findings(findings: list[Any], fmt: OutputFormat, strict: bool = False) -> None:
    _write(formatter(fmt).findings(findings))
    _exit_on(findings, strict)


def _exit_on(findings: list[Any], strict: bool) -> None:
    from xmfacts.check import Verdict

    failing = {Verdict.MISMATCH, Verdict.OUTDATED} if strict else {Verdict.MISMATCH}
    if any(f.verdict in failing for f in findings):
        raise typer.Exit(int(ExitCode.MISMATCH))


@app.command(cls=_usage(''))
@_edge
def topics(json: Json = False, facts_dir: FactsDir = None) -> None:
    """List the topics with their titles and fact counts.

    \b
    Examples:
      xmfacts topics
    """
    from xmfacts.factbase.locate import locate

    where = locate(facts_dir)
    _write(formatter(_format(json)).topics(load_factbase(where.path).topics, where))


@app.command(cls=_usage(''))
@_edge
def export(
    format: Annotated[ExportFormat, typer.Option("--format", help="jsonl, json, csv, or sqlite (for Datasette; needs -o).")] = ExportFormat.JSONL,
    topic: Annotated[Optional[str], typer.Option("--topic", "-t", help="Only this topic.", autocompletion=_complete_topics)] = None,
    out: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to FILE instead of stdout.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
    bom: Annotated[
        bool,
        typer.Option("--bom", help="For a spreadsheet: start the CSV with a UTF-8 byte-order mark, so Excel shows Chinese right, and "
                     "write a text cell that begins with =, +, -, @, a tab or a carriage return with a leading ' so it is never run "
                     "as a formula (numbers stay numbers)."),
    ] = False,
    facts_dir: FactsDir = None,
) -> None:
    """Print every fact (or one topic's) in the JSON schema, as JSON lines, a JSON array or CSV; or write an SQLite file for Datasette.

    \b
    Examples:
      xmfacts export --format csv -o facts.csv
      xmfacts export --format csv --bom -o facts-for-excel.csv
      xmfacts export --format sqlite -o facts.db   # and metadata.json: datasette facts.db -m metadata.json
    """
    from xmfacts.lookup import select
    from xmfacts.present.export import export_text

    if bom and format is not ExportFormat.CSV:
        raise UsageError("--bom goes with --format csv (a JSON reader would choke on it)")
    if format is ExportFormat.SQLITE and out is None:
        raise UsageError("--format sqlite writes a database file: give -o FILE, e.g. -o facts.db")
    base = load_factbase(facts_dir)
    facts = select(base, topic)
    if format is ExportFormat.SQLITE and out is not None:
        from xmfacts.present.datasette import database, metadata
        from xmfacts.safewrite import atomic_write, refuse_existing

        beside = out.parent / "metadata.json"
        for path in (out, beside):
            refuse_existing(path, force)  # both, before either is written
        atomic_write(out, database(base, facts), force=force)
        atomic_write(beside, metadata(out.stem), force=force)
        return
    if out is None:
        from xmfacts.present.plain import stdout_is_unicode

        _write(export_text(facts, format, ensure_ascii=not stdout_is_unicode(), bom=bom))
    else:
        from xmfacts.safewrite import atomic_write

        atomic_write(out, export_text(facts, format, bom=bom), force=force)


@app.command(cls=_usage('[FILE...]'))
@_edge
def validate(
    texts: Annotated[
        Optional[list[Path]], typer.Argument(help="More source texts (so a shell glob after --source-text works).", show_default=False, metavar="FILE")
    ] = None,
    source_text: Annotated[
        Optional[list[Path]],
        typer.Option("--source-text", "-s", help="Article text every quote must occur in (repeatable).", show_default=False),
    ] = None,
    json: Json = False,
    facts_dir: FactsDir = None,
) -> None:
    """Check the whole fact base; with --source-text, trace every quote and figure to the article.

    \b
    Examples:
      xmfacts validate --source-text ../shared/sources/*.txt
    """
    from xmfacts.validate import validate as run_validate

    sources = [*(source_text or []), *(texts or [])]
    report = run_validate(facts_dir, sources)
    if not json:
        for problem in report.problems:
            _error(str(problem))
        for note in report.notes:  # two pages, one period, two figures: shown, not refused
            typer.echo(f"xmfacts: note: {note}", err=True)
    _write(formatter(_format(json)).validation(report, len(sources)))
    if report.problems:
        raise typer.Exit(int(ExitCode.ERROR))


@app.command(cls=_usage(" ".join(["TOPIC", *(f"{o.flag} {o.metavar}" for o in add_options() if o.required), "| [TOPIC] --from DRAFT"])))
@_edge
@_with_field_options
def add(
    topic: Annotated[
        Optional[str],
        typer.Argument(help="Topic id: the file TOPIC.toml in the fact base; a new id creates it. With --from, the draft's [topic] id by default.",
                       show_default=False, metavar="[TOPIC]", autocompletion=_complete_topics),
    ] = None,
    from_draft: Annotated[
        Optional[Path],
        typer.Option("--from", help="Add every [[fact]] of a reviewed `extract --toml` draft instead (all or nothing).", show_default=False),
    ] = None,
    topic_option: Annotated[
        Optional[str], typer.Option("--topic", "-t", help="Topic id, as TOPIC (for --from, instead of the draft's [topic] id).", show_default=False, autocompletion=_complete_topics)
    ] = None,
    title: Annotated[Optional[str], typer.Option("--title", help="Chinese title of a new topic (required when TOPIC is new).", show_default=False)] = None,
    title_en: Annotated[Optional[str], typer.Option("--title-en", help="English title of a new topic (required when TOPIC is new).", show_default=False)] = None,
    source_text: Annotated[
        Optional[list[Path]],
        typer.Option("--source-text", "-s", help="Article text the quote must occur in, with the figure in the quote (repeatable).", show_default=False),
    ] = None,
    json: Json = False,
    facts_dir: FactsDir = None,
    **fields: Optional[str],
) -> None:
    """Add one verified fact to a topic file, after checking it as validate would; nothing is written if it fails.

    The fact is appended: the file's existing text and comments stay exactly as they were.

    \b
    Examples:
      xmfacts add capital-markets --id new-listings --label 新增上市公司 \\
          --label-en "New listings" --value 5 --unit 家 --measure 新增上市公司 \\
          --source xiamen-practice --quote "新增上市公司5家"
      xmfacts add --from draft.toml --source-text article.txt
    """
    from xmfacts.authoring.add import add_fact, add_facts, draft_from_options
    from xmfacts.errors import UsageError

    options = add_options()
    if topic is not None and topic_option is not None and topic != topic_option:
        raise UsageError(f"TOPIC {topic!r} and --topic {topic_option!r} disagree: give one")
    topic = topic or topic_option
    if from_draft is not None:
        given = [o.flag for o in options if o.default is None and fields[o.key] is not None]
        # a note is "" when not given; only one with words in it is named
        typed = [o.flag for o in options if o.default is not None and fields[o.key]]
        if given or typed:
            raise UsageError(f"--from takes every field from the draft; leave out {', '.join(given or typed)}")
        from xmfacts.authoring.draft import read_draft

        titles, drafts = read_draft(from_draft)
        # extract writes the topic it drafted for into the draft's [topic]: a curator adds the
        # reviewed draft without retyping it, and TOPIC or --topic still sends it elsewhere
        topic = topic or titles.get("id")
        if topic is None:
            raise UsageError(f"--from {from_draft}: its [topic] has no id: give TOPIC or --topic")
        added_all = add_facts(facts_dir, topic, drafts, title=title, title_en=title_en, source_texts=source_text or [],
                              new_topic_titles=(titles.get("title"), titles.get("title_en")))
        _write(formatter(_format(json)).added_all(added_all))
        return
    if topic is None:
        raise UsageError("give TOPIC, the topic to add the fact to (or --from DRAFT.toml)")
    missing = [o.flag for o in options if o.required and fields[o.key] is None]
    if missing:
        raise UsageError(f"give {', '.join(missing)} (or --from DRAFT.toml)")

    draft = draft_from_options(topic, fields)
    added = add_fact(facts_dir, draft, title=title, title_en=title_en, source_texts=source_text or [])
    _write(formatter(_format(json)).added(added))


@app.command(cls=_usage(''))
@_edge
def fmt(
    check: Annotated[bool, typer.Option("--check", help="Write nothing; list the files that would change and exit 1 if any would.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Also rewrite files that have comments, dropping the comments.")] = False,
    facts_dir: FactsDir = None,
) -> None:
    """Rewrite the fact files in one canonical key order and layout (tomli-w); values never change.

    Files with comments are reported and left alone unless --force; with --check they do not count as changes.

    \b
    Examples:
      xmfacts fmt --check
    """
    from xmfacts.authoring.fmt import FileState, format_factbase
    from xmfacts.present.plain import format_report

    report = format_factbase(facts_dir, check=check, force=force)
    _write(format_report(report, check))
    if check and report.count(FileState.CHANGED):
        raise typer.Exit(int(ExitCode.MISMATCH))


# The command list of `xmfacts --help` shows each command's whole first line: click would
# cut it at ~45 characters, mid-sentence.
for _info in app.registered_commands:
    _info.short_help = (_info.callback.__doc__ or "").strip().splitlines()[0]  # type: ignore[union-attr]


def _app_for(argv: list[str]) -> typer.Typer:
    """The app with only the command being run, when one is named.

    Typer inspects every command's signature on each run (~0.4 ms a command); a lookup pays
    for its own command only. `xmfacts --help`, a mistyped command and the tests see the
    whole app.
    """
    wanted = argv[1] if len(argv) > 1 else ""
    only = [c for c in app.registered_commands if (c.name or c.callback.__name__) == wanted]  # type: ignore[union-attr]
    if not only:
        return app
    single = copy.copy(app)  # same settings and callback (--version), one command
    single.registered_commands = only
    return single


def main() -> None:
    """Console-script entry point."""
    try:
        _app_for(sys.argv)()
    except XmfactsError as exc:  # raised outside a command (should not happen), still no traceback
        _error(str(exc))
        sys.exit(int(ExitCode.ERROR))
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(int(ExitCode.BROKEN_PIPE))
