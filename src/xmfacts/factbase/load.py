"""Loading the fact base: from its index (``xmfacts.factbase.store``), kept current with the TOML.

``load_factbase`` gives the whole base (``load_searchable`` with search's prepared fields);
``show`` and ``search`` ask the index directly for one fact or for candidates
(``store.with_store``). ``parse_toml`` and ``read_valid`` never touch the index: ``validate``
reads the TOML, and ``add`` and ``fmt`` need the bytes they are about to change. Every
structural problem in every file is collected before raising, so an editor fixes them all in
one pass.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from xmfacts.errors import FactBaseError, Problem
from xmfacts.factbase.layout import SOURCES_FILE
from xmfacts.factbase.locate import fact_files, read_files, resolve_facts_dir
from xmfacts.model import FactBase

if TYPE_CHECKING:
    from xmfacts.search import SearchIndex


def existing_root(root: str | os.PathLike[str] | None) -> Path:
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
    from xmfacts.factbase.store import with_store

    return with_store(root, lambda store: store.factbase())


def load_searchable(root: str | os.PathLike[str] | None = None) -> tuple[FactBase, SearchIndex]:
    """The fact base and search's prepared index for every fact, from the fact-base index.

    Without a cache (XMFACTS_NO_CACHE, an unwritable directory) the index is built in memory
    on every run, without pinyin: ``xmfacts.search.engine`` adds it only for a query that can use it.
    """
    from xmfacts.factbase.store import Store, with_store
    from xmfacts.search import SearchIndex

    def both(store: Store) -> tuple[FactBase, SearchIndex]:
        summary = store.search_index()
        rows = tuple(store.rows())
        return store.factbase(), SearchIndex(rows, store.vocabulary(), summary.syllables, summary.stable, summary.has_pinyin)

    return with_store(root, both)


def parse_toml(root: str | os.PathLike[str] | None = None) -> FactBase:
    """The fact base parsed from its TOML, never from the index: what ``validate`` checks."""
    from xmfacts.factbase.parse import parse_factbase

    root_path = existing_root(root)
    problems: list[Problem] = []
    contents = _read(root_path, problems)
    base = parse_factbase(root_path, contents, problems)
    if problems:
        raise FactBaseError(problems)
    return base


def read_valid(root: str | os.PathLike[str] | None) -> tuple[Path, dict[Path, bytes], FactBase]:
    """The fact base's directory, every file's bytes and the parsed base, never from the cache.

    A base with no topic yet is valid here: ``add`` creates the first one.
    """
    from xmfacts.factbase.parse import parse_factbase

    root_path = existing_root(root)
    problems: list[Problem] = []
    contents = _read(root_path, problems, need_topics=False)
    base = parse_factbase(root_path, contents, problems)
    if problems:
        raise FactBaseError(problems)
    return root_path, contents, base
