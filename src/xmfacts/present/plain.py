"""Plain text without Rich: one-line errors for everyone, stdout encoding, and the short
reports of validate and fmt. JSON commands write only through here and json.py, so `--json`
never pays for importing Rich.
"""

from __future__ import annotations

import codecs
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from collections.abc import Sequence

    from xmfacts.authoring.fmt import FormatReport
    from xmfacts.check import Finding
    from xmfacts.validate import Report


def stdout_is_unicode() -> bool:
    return encodes_unicode(sys.stdout)


def encodes_unicode(stream: TextIO) -> bool:
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        return codecs.lookup(encoding).name in {"utf-8", "utf-16", "utf-32", "gb18030"}
    except LookupError:
        return False


def error_lines(message: str) -> str:
    """One line per problem, prefixed so it stands out in a script's log."""
    # only on the way to an error: a JSON lookup that succeeds does not compile its pattern
    from xmfacts.present.escape import visible

    text = "".join(f"xmfacts: error: {visible(line)}\n" for line in message.splitlines() or [""])
    if not encodes_unicode(sys.stderr):
        text = text.encode("ascii", "backslashreplace").decode("ascii")
    return text


def make_stdout_tolerant() -> None:
    """Human output on a terminal that cannot show Chinese: replace, don't crash."""
    if not encodes_unicode(sys.stdout) and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")


def validation(report: Report, sources: int) -> str:
    """validate: one line of good news; problems go to stderr as errors."""
    if report.problems:
        return ""
    traced = f", every quote and figure traced to {sources} source text(s)" if sources else ""
    return f"ok: {report.facts} facts in {report.topics} topics{traced}\n"


def format_report(report: FormatReport, check: bool) -> str:
    """fmt: a line per file that changed or was left alone, then the counts."""
    from xmfacts.authoring.fmt import FileState

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
    return "".join(line + "\n" for line in lines)


def explained_findings(findings: Sequence[Finding]) -> str:
    """``check --explain``: a line per figure, its place, verdict and fact, and why it was tied
    to that fact or to none: what a fact-checker reads before trusting an alarm."""
    from xmfacts.present.escape import visible  # only when asked: a lookup's start-up stays as it was

    lines = []
    for f in findings:
        fact = f.fact.full_id if f.fact is not None else "-"
        lines.append(f"{f.line}:{visible(f.reading.text.strip())}  {f.verdict.value}  {fact}  {visible(f.why)}\n")
    return "".join(lines)
