"""One exception family for the core; the CLI turns each into a message and exit code once."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes, documented in README.md. Like grep: 0 found, 1 nothing found, 2 trouble."""

    OK = 0
    NOT_FOUND = 1  # search found nothing; show: no such fact; check/compare: a mismatch
    MISMATCH = 1
    ERROR = 2  # usage error, invalid fact base, unreadable input, refused write
    BROKEN_PIPE = 141  # the reader closed the pipe early (128 + SIGPIPE, as cat and grep do)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the fact base, located as precisely as we can."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    fact_id: str | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        if self.fact_id:
            where += f": {self.fact_id}"
        return f"{where}: {self.message}"


class XmfactsError(Exception):
    """Base class: every failure the core reports to a user."""

    exit_code: ExitCode = ExitCode.ERROR


class FactBaseError(XmfactsError):
    """The fact base cannot be used as it is; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in problems))


class UnknownIdError(XmfactsError):
    """An id names no fact or topic; carries the closest ids to suggest."""

    def __init__(self, wanted: str, suggestions: list[str], exit_code: ExitCode = ExitCode.ERROR) -> None:
        self.wanted = wanted
        self.suggestions = tuple(suggestions)
        self.exit_code = exit_code
        hint = f" (did you mean: {', '.join(suggestions)}?)" if suggestions else ""
        super().__init__(f"no fact or topic with id {wanted!r}{hint}")


class UsageError(XmfactsError):
    """An argument the core cannot work with (empty query, unreadable figure, …)."""


class OutputError(XmfactsError):
    """An output file that cannot or must not be written."""
