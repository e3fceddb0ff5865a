"""What a feature implements to keep tables of its own in the fact-base index.

The index itself (``xmfacts.index.store`` and ``build``) knows files, sources, topics and
facts, nothing else. A feature that reads the base its own way (search's full-text words,
check's measure lists) declares a *part*: its tables, how it prepares a topic file's facts
(in a worker process, from plain values), how it writes them, drops a file, re-indexes a file
edited in a few facts in place, and sums up the whole base. The reads it needs are its own
functions over ``Store.conn``, in its own package.

Parts are registered here by name, as the modules that define them, like datasette's
default plugins: a build imports them, a lookup that reads only facts (``show``) imports none.
A new feature adds a line below and a module with a ``PART``.
"""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Sequence
from functools import cache
from typing import Any, NamedTuple, Protocol

from xmfacts.model import Fact, Topic

REGISTERED: dict[str, str] = {
    "search": "xmfacts.search.index_part",
    "check": "xmfacts.check.index_part",
}


class FileEdit(NamedTuple):
    """A topic file edited in a few facts, to be re-indexed in place: its facts are those
    indexed, in the same order, some changed and some removed (see ``xmfacts.index.build``)."""

    topic: Topic
    numbers: list[int]  # every fact's number, in the file's order
    edited: list[tuple[int, int, Fact]]  # number, place in the file and the fact, for each changed fact
    moved: list[tuple[int, int]]  # number and new place of each unchanged fact whose place or line moved
    gone: list[int]  # the numbers of the removed facts
    before: list[Fact]  # the changed and removed facts as they were indexed


class PartWriter(Protocol):
    """A part's writes during one build (one transaction): it may remember what it needs for
    ``summarise`` (the term counts of the files it dropped, say)."""

    def write(self, file: str, numbers: Sequence[int], prepared: Any) -> None:
        """File a topic file's facts, numbered ``numbers`` (in the file's order), from what
        ``Part.prepare`` made of them."""

    def drop(self, file: str) -> None:
        """Remove everything of the file's facts, while the index still lists them."""

    def prepare_edit(self, file: str, edit: FileEdit) -> Any:
        """Read what an in-place edit needs, before anything of this build is written."""

    def apply_edit(self, file: str, edit: FileEdit, prepared: Any) -> None:
        """Write the edit ``prepare_edit`` prepared."""

    def summarise(self) -> None:
        """Bring the part's summary of the whole base up to date, once the files are written."""


class Part(Protocol):
    name: str
    version: str  # stored with the index: a part finding another rebuilds it (Store.ready)
    schema: str  # its CREATE statements

    def prepare(self, topic: Topic, pinyin: bool) -> Any:
        """What ``PartWriter.write`` files for a topic, as plain values: made in a worker process."""

    def edits_alone(self, topic: Topic, before: Sequence[Fact]) -> bool:
        """Whether the file's unchanged facts keep their rows when some change (else the
        file is re-indexed whole)."""

    def writer(self, conn: sqlite3.Connection, whole: bool, pinyin: bool) -> PartWriter:
        """The part's writer for one build; ``whole``: every file is written afresh."""


@cache
def part(name: str) -> Part:
    return importlib.import_module(REGISTERED[name]).PART  # type: ignore[no-any-return]


def parts() -> tuple[Part, ...]:
    return tuple(part(name) for name in REGISTERED)
