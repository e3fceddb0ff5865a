"""One exception family for the core; the CLI turns each into a message and exit code once."""

from __future__ import annotations

from dataclasses import dataclass


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


class FactBaseError(XmfactsError):
    """The fact base cannot be used as it is; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in problems))


class UnknownIdError(XmfactsError):
    """An id given as an argument names no fact or topic; carries the closest ids to suggest."""

    def __init__(self, wanted: str, suggestions: list[str]) -> None:
        self.wanted = wanted
        self.suggestions = tuple(suggestions)
        hint = f" (did you mean: {', '.join(suggestions)}?)" if suggestions else ""
        super().__init__(f"no fact or topic with id {wanted!r}{hint}")


class NoSuchFactError(UnknownIdError):
    """The id a user looked up does not exist: nothing found, as grep says, not a usage error."""


class UsageError(XmfactsError):
    """An argument the core cannot work with (empty query, unreadable figure, …)."""


class OutputError(XmfactsError):
    """An output file that cannot or must not be written."""
