"""Writing to stdout and stderr without Rich: JSON for scripts, one-line errors for everyone,
and the short plain reports of validate and fmt.

JSON commands go through here only, so `--json` never pays for importing Rich.
"""

from __future__ import annotations

import codecs
import sys
from typing import Any, TextIO

from xmfacts.schema import dumps, dumps_line


def stdout_is_unicode() -> bool:
    return _encodes_unicode(sys.stdout)


def _encodes_unicode(stream: TextIO) -> bool:
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        return codecs.lookup(encoding).name in {"utf-8", "utf-16", "utf-32", "gb18030"}
    except LookupError:
        return False


def emit_json(data: Any) -> None:
    # On an ASCII-only stdout (LANG=C, PYTHONIOENCODING=ascii) JSON stays valid via \u escapes.
    sys.stdout.write(dumps(data, ensure_ascii=not _encodes_unicode(sys.stdout)) + "\n")


def emit_jsonl(rows: list[Any]) -> None:
    ascii_only = not _encodes_unicode(sys.stdout)
    sys.stdout.write("".join(dumps_line(row, ensure_ascii=ascii_only) + "\n" for row in rows))


def error(message: str) -> None:
    """One line per problem on stderr, prefixed so it stands out in a script's log."""
    from xmfacts.textsafe import visible

    for line in message.splitlines() or [""]:
        text = f"xmfacts: error: {visible(line)}\n"
        if not _encodes_unicode(sys.stderr):
            text = text.encode("ascii", "backslashreplace").decode("ascii")
        sys.stderr.write(text)


def make_stdout_tolerant() -> None:
    """Human output on a terminal that cannot show Chinese: replace, don't crash."""
    if not _encodes_unicode(sys.stdout) and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")


def validation(report: Any, sources: int) -> None:
    """validate: each problem on stderr, or one line of good news on stdout."""
    for problem in report.problems:
        error(str(problem))
    if not report.problems:
        traced = f", every quote and figure traced to {sources} source text(s)" if sources else ""
        sys.stdout.write(f"ok: {report.facts} facts in {report.topics} topics{traced}\n")


def format_report(report: Any, check: bool) -> None:
    """fmt: a line per file that changed or was left alone, then the counts."""
    from xmfacts.authoring import FileState

    lines: list[str] = []
    for file in report.files:
        if file.state is FileState.COMMENTED:
            lines.append(f"{file.path}: has comments; left alone (use --force to rewrite and drop them)")
        elif file.state is FileState.CHANGED:
            lines.append(f"{'would reformat' if check else 'reformatted'} {file.path}")
    counts = (
        (report.count(FileState.CHANGED), "would be reformatted" if check else "reformatted"),
        (report.count(FileState.FORMATTED), "already formatted"),
        (report.count(FileState.COMMENTED), "left alone (comments)"),
    )
    lines.append(", ".join(f"{n} file{'' if n == 1 else 's'} {what}" for n, what in counts if n))
    sys.stdout.write("".join(line + "\n" for line in lines))
