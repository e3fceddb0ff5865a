"""Running a command once its arguments are known: exit codes, writing, and the lookups.

Nothing here imports Typer, so the two lookups scripts call in loops (``show ID --json``,
``search WORDS --json``) can run from ``xmfacts.entry`` without building the Typer app; the
Typer commands in ``xmfacts.cli`` call the same functions.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from xmfacts.errors import NoSuchFactError, UsageError, XmfactsError
from xmfacts.present import OutputFormat, formatter

if TYPE_CHECKING:
    from xmfacts.present.html import ReportInfo

E = TypeVar("E", bound=StrEnum)

class ExitCode(IntEnum):
    """Exit codes, documented in README.md. Like grep: 0 found, 1 nothing found, 2 trouble."""

    OK = 0
    NOT_FOUND = 1  # search found nothing; show: no such fact
    MISMATCH = 1  # check/compare: a figure contradicts the record (like diff); fmt --check: files to reformat
    ERROR = 2  # usage error, invalid fact base, unreadable input, refused write
    BROKEN_PIPE = 141  # the reader closed the pipe early (128 + SIGPIPE, as cat and grep do)


def exit_code(exc: XmfactsError) -> ExitCode:
    # Looking up an id that does not exist is "nothing found"; every other failure is trouble.
    return ExitCode.NOT_FOUND if isinstance(exc, NoSuchFactError) else ExitCode.ERROR


def output_format(json: bool, jsonl: bool = False) -> OutputFormat:
    if json and jsonl:
        # Silently preferring one would hand a script the format it did not parse for.
        raise UsageError("--json and --jsonl cannot be used together; choose one")
    return OutputFormat.JSONL if jsonl else OutputFormat.JSON if json else OutputFormat.TABLE


def chosen_format(chosen: E | None, flags: Mapping[E, bool], default: E) -> E:
    """--format X, or the one shorthand flag given (--json, --jsonl, --toml); two that
    disagree are a usage error, since silently preferring one hands a script the wrong format."""
    named = [fmt for fmt, on in flags.items() if on]
    if len(named) > 1:
        raise UsageError(f"--{named[0].value} and --{named[1].value} cannot be used together; choose one")
    if chosen is not None and named and named[0] is not chosen:
        raise UsageError(f"--format {chosen.value} and --{named[0].value} cannot be used together; choose one")
    return chosen or (named[0] if named else default)


def deliver(text: str, out: Path | None, force: bool = False, page: bool = False) -> None:
    """Write to -o FILE (whole or not at all, see safewrite) or to stdout. A page on a stdout
    that cannot encode Chinese is written with character references, which any browser reads."""
    if out is not None:
        from xmfacts.safewrite import atomic_write

        atomic_write(out, text, force=force)
        return
    if page:
        from xmfacts.present.plain import stdout_is_unicode

        if not stdout_is_unicode():
            from xmfacts.present.html import ascii_only

            text = ascii_only(text)
    write(text)


def checked_at() -> str:
    """Now, in UTC, for a report's header; SOURCE_DATE_EPOCH (reproducible-builds.org) fixes it,
    so the same draft and fact base give the same file byte for byte (golden tests, archives)."""
    from datetime import datetime, timezone

    fixed = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        moment = datetime.fromtimestamp(int(fixed), timezone.utc) if fixed else datetime.now(timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise UsageError(f"SOURCE_DATE_EPOCH={fixed!r} is not a whole number of seconds since 1970") from None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def report_info(name: str, facts_dir: Path | None) -> ReportInfo:
    """A report's header: the draft's name, when, and which fact base (path and how found)."""
    from xmfacts.factbase.locate import locate
    from xmfacts.present.html import ReportInfo

    where = locate(facts_dir)
    return ReportInfo(name=name, checked_at=checked_at(), fact_base=f"{where.path}, {where.how()}")


# CPython's buffered stdout can swallow EPIPE when one write() hands it megabytes and the
# pipe takes only part before its reader leaves (`check -f big.txt | head -1` then exited 1,
# a mismatch to a script). Pieces of a pipe's size each see the error, as does the flush.
_CHUNK = 1 << 14


def write(text: str) -> None:
    for start in range(0, len(text), _CHUNK):
        sys.stdout.write(text[start : start + _CHUNK])
    sys.stdout.flush()


def error(message: str) -> None:
    from xmfacts.present.plain import error_lines

    sys.stderr.write(error_lines(message))


def silence_stdout() -> None:
    # The reader went away (`| head -1`); later flushes at exit must not raise again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def guarded(command: Callable[[], int]) -> int:
    """The command's exit code; a core error becomes its one-line message and documented code."""
    try:
        return command()
    except XmfactsError as exc:
        error(str(exc))
        return int(exit_code(exc))
    except BrokenPipeError:
        silence_stdout()
        return int(ExitCode.BROKEN_PIPE)


def search(query: Sequence[str], topic: str | None, limit: int, json: bool, explain: bool, facts_dir: Path | None) -> int:
    from xmfacts.index.store import with_store
    from xmfacts.search import find_in

    result = with_store(facts_dir, lambda store: find_in(store, query, topic=topic, limit=limit or None))
    hits = list(result.hits)
    if json or hits:
        write(formatter(output_format(json)).search(hits))
    # What the user did not see goes to stderr, never into the JSON on stdout.
    if explain and hits:
        from xmfacts.present.escape import visible
        from xmfacts.search import explain as why

        sys.stderr.write("".join(f"{visible(why(h))}\n" for h in hits))
    if result.total > len(hits):
        sys.stderr.write(f"showing {len(hits)} of {result.total} — use --limit 0 for all\n")
    if hits and result.unmatched:
        from xmfacts.present.escape import visible

        sys.stderr.write(f"no fact has: {visible(', '.join(result.unmatched))}\n")
    if not hits:
        if not json:
            hint = f"; did you mean {', '.join(result.suggestions)}?" if result.suggestions else ""
            error(f"no fact matches {' '.join(query)!r}{hint}")
        return int(ExitCode.NOT_FOUND)
    return int(ExitCode.OK)


def show(id: str, json: bool, facts_dir: Path | None) -> int:
    from xmfacts.index.store import with_store
    from xmfacts.lookup import show_in
    from xmfacts.model import Fact, Topic

    found = with_store(facts_dir, lambda store: show_in(store, id))
    out = formatter(output_format(json))
    if isinstance(found, Topic):
        write(out.topic(found))
    elif isinstance(found, Fact):
        write(out.fact(found))
    else:  # a series (issue 22)
        write(out.series(found))
    return int(ExitCode.OK)
