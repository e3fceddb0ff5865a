"""Where the fact base is, and which files make it up.

Found as git finds a repository: ``--facts-dir``, then ``$XMFACTS_FACTS``, then a ``facts/``
folder holding ``sources.toml`` in the current directory or any parent (a checkout), then
the copy bundled with the package. The bundled copy is read-only: ``pip install`` replaces
it, so a fact added there would be thrown away without a word.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from xmfacts.errors import OutputError, Problem
from xmfacts.factbase.layout import SOURCES_FILE, TOPIC_SUFFIX

ENV_VAR = "XMFACTS_FACTS"
CHECKOUT_DIR = "facts"
READ_ONLY = "the bundled fact base is read-only; run inside a checkout or give --facts-dir"


class Origin(StrEnum):
    """How the fact base was found, in the order it is looked for."""

    OPTION = "--facts-dir"
    ENV = ENV_VAR
    CHECKOUT = "checkout"
    BUNDLED = "bundled"


@dataclass(frozen=True)
class Located:
    path: Path
    origin: Origin

    def how(self) -> str:
        """For people: how it was found."""
        return {
            Origin.OPTION: "from --facts-dir",
            Origin.ENV: f"from ${ENV_VAR}",
            Origin.CHECKOUT: "found from the current directory",
            Origin.BUNDLED: "bundled with xmfacts (read-only)",
        }[self.origin]


def default_facts_dir() -> Path:
    """The fact base shipped with xmfacts: inside the installed package, or the checkout's facts/."""
    packaged = Path(__file__).parent.parent / "facts"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "facts"


def find_checkout(start: Path) -> Path | None:
    """The nearest ``facts/`` holding sources.toml at ``start`` or above it."""
    for directory in (start, *start.parents):
        candidate = directory / CHECKOUT_DIR
        if (candidate / SOURCES_FILE).is_file():
            return candidate
    return None


def locate(explicit: str | os.PathLike[str] | None = None) -> Located:
    """--facts-dir, $XMFACTS_FACTS, a checkout's facts/ above the current directory, the bundled copy."""
    if explicit:
        return Located(Path(explicit), Origin.OPTION)
    env = os.environ.get(ENV_VAR)
    if env:
        return Located(Path(env), Origin.ENV)
    try:
        checkout = find_checkout(Path.cwd())
    except OSError:  # the current directory was removed under us
        checkout = None
    if checkout is not None:
        return Located(checkout, Origin.CHECKOUT)
    return Located(default_facts_dir(), Origin.BUNDLED)


def resolve_facts_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    return locate(explicit).path


def writable_facts_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The fact base to write to; never the bundled copy."""
    where = locate(explicit)
    if where.origin is Origin.BUNDLED:
        raise OutputError(READ_ONLY)
    return where.path


def fact_files(root: Path) -> list[Path]:
    """The fact base's TOML files (topics and sources.toml), in name order."""
    return sorted(root.glob(f"*{TOPIC_SUFFIX}"), key=lambda p: p.name)


def read_files(paths: list[Path], problems: list[Problem]) -> dict[Path, bytes]:
    contents: dict[Path, bytes] = {}
    for path in paths:
        try:
            contents[path] = path.read_bytes()
        except OSError as exc:
            problems.append(Problem(str(path), f"cannot read file: {exc.strerror or exc}"))
    return contents
