"""Reading the fact base from its TOML, never from the index (``xmfacts.index``, which
commands read through): ``validate`` reads the TOML, and ``add`` and ``fmt`` need the bytes they
are about to change. Every structural problem in every file is collected before raising,
so an editor fixes them all in one pass.
"""

from __future__ import annotations

import os
from pathlib import Path

from xmfacts.errors import FactBaseError, Problem
from xmfacts.factbase.layout import NO_SOURCES
from xmfacts.factbase.locate import fact_files, read_files, resolve_facts_dir
from xmfacts.model import FactBase


def existing_root(root: str | os.PathLike[str] | None) -> Path:
    root_path = resolve_facts_dir(root)
    try:
        is_dir = root_path.is_dir()
    except OSError as exc:  # e.g. a symlink loop
        raise FactBaseError([Problem(str(root_path), f"cannot read fact directory: {exc.strerror or exc}")]) from None
    if not is_dir:
        raise FactBaseError([Problem(str(root_path), "fact directory does not exist")])
    return root_path


def _read(root_path: Path, problems: list[Problem]) -> dict[Path, bytes]:
    paths = fact_files(root_path)
    if not paths:
        # A sources.toml alone is a fact base with no facts yet (a desk's first); nothing at
        # all is not one, and the user is told what to add rather than that a topic is missing.
        raise FactBaseError([Problem(str(root_path), NO_SOURCES)])
    return read_files(paths, problems)


def parse_toml(root: str | os.PathLike[str] | None = None) -> FactBase:
    """The fact base parsed from its TOML, never from the index: what ``validate`` checks."""
    return read_valid(root)[2]


def read_valid(root: str | os.PathLike[str] | None) -> tuple[Path, dict[Path, bytes], FactBase]:
    """The fact base's directory, every file's bytes and the parsed base, never from the cache.

    A base with no topic yet is valid here: ``add`` creates the first one.
    """
    from xmfacts.factbase.parse import parse_factbase

    root_path = existing_root(root)
    problems: list[Problem] = []
    contents = _read(root_path, problems)
    base = parse_factbase(root_path, contents, problems)
    if problems:
        raise FactBaseError(problems)
    return root_path, contents, base
