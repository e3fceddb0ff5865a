"""Loading the fact base: from the compiled cache when it is current, else from the TOML.

``load_factbase`` is the only way lookups get facts; ``read_valid`` is for the commands that
write fact files (add, fmt) and need the bytes they are about to change. Every structural
problem in every file is collected before raising, so an editor fixes them all in one pass.
"""

from __future__ import annotations

import os
from pathlib import Path

from xmfacts.errors import FactBaseError, Problem
from xmfacts.factbase.layout import SOURCES_FILE
from xmfacts.factbase.locate import fact_files, read_files, resolve_facts_dir
from xmfacts.model import FactBase


def _existing_root(root: str | os.PathLike[str] | None) -> Path:
    root_path = resolve_facts_dir(root)
    try:
        is_dir = root_path.is_dir()
    except OSError as exc:  # e.g. a symlink loop
        raise FactBaseError([Problem(str(root_path), f"cannot read fact directory: {exc.strerror or exc}")]) from None
    if not is_dir:
        raise FactBaseError([Problem(str(root_path), "fact directory does not exist")])
    return root_path


def _read(root_path: Path, problems: list[Problem], need_topics: bool = True) -> dict[Path, bytes]:
    paths = fact_files(root_path)
    if need_topics and not [p for p in paths if p.name != SOURCES_FILE]:
        raise FactBaseError([Problem(str(root_path), "no topic files (*.toml) in the fact directory")])
    return read_files(paths, problems)


def load_factbase(root: str | os.PathLike[str] | None = None) -> FactBase:
    """Load and validate the fact base at ``root`` (see resolve_facts_dir); raise FactBaseError."""
    root_path = _existing_root(root)
    problems: list[Problem] = []
    contents = _read(root_path, problems)

    from xmfacts.factbase import cache

    key = cache.fingerprint(root_path, [(p.name, data) for p, data in contents.items()])
    if not problems:
        cached = cache.load(key)
        if cached is not None:
            return cached

    from xmfacts.factbase.parse import parse_factbase  # only when the cache cannot answer

    base = parse_factbase(root_path, contents, problems)
    if problems:
        raise FactBaseError(problems)
    cache.store(key, base)
    return base


def read_valid(root: str | os.PathLike[str] | None) -> tuple[Path, dict[Path, bytes], FactBase]:
    """The fact base's directory, every file's bytes and the parsed base, never from the cache.

    A base with no topic yet is valid here: ``add`` creates the first one.
    """
    from xmfacts.factbase.parse import parse_factbase

    root_path = _existing_root(root)
    problems: list[Problem] = []
    contents = _read(root_path, problems, need_topics=False)
    base = parse_factbase(root_path, contents, problems)
    if problems:
        raise FactBaseError(problems)
    return root_path, contents, base
