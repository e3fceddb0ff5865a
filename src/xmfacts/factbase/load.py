"""Loading the fact base: from the compiled cache when it is current, else from the TOML.

``load_factbase`` is the only way lookups get facts (``load_searchable`` for search, which
also needs the prepared index compiled beside them); ``read_valid`` is for the commands that
write fact files (add, fmt) and need the bytes they are about to change. Every structural
problem in every file is collected before raising, so an editor fixes them all in one pass.
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
    return _load(root, with_index=False)[0]


def load_searchable(root: str | os.PathLike[str] | None = None) -> tuple[FactBase, SearchIndex]:
    """The fact base and search's prepared index, both from the cache when it is current.

    Without a cache (XMFACTS_NO_CACHE, an unwritable directory) the index is built on every
    run, without pinyin: ``xmfacts.search.find`` adds it only for a query that can use it.
    """
    base, index = _load(root, with_index=True)
    if index is None:
        from xmfacts.search import build_index

        index = build_index(base, pinyin=False)
    return base, index


def _load(root: str | os.PathLike[str] | None, with_index: bool) -> tuple[FactBase, SearchIndex | None]:
    root_path = _existing_root(root)
    problems: list[Problem] = []
    contents = _read(root_path, problems)

    from xmfacts.factbase import cache

    key = cache.fingerprint(root_path, [(p.name, data) for p, data in contents.items()])
    base: FactBase | None = None
    if not problems:
        if not with_index:
            cached_base = cache.load(key)
            if cached_base is not None:
                return cached_base, None
        else:
            cached = cache.load_with_index(key)
            if cached is not None:
                from xmfacts.search import index_from_plain

                base, plain_index = cached
                index = index_from_plain(plain_index)
                if index is not None:
                    return base, index
                # stored by another version of search: build the index again below

    if base is None:
        from xmfacts.factbase.parse import parse_factbase  # only when the cache cannot answer

        base = parse_factbase(root_path, contents, problems)
        if problems:
            raise FactBaseError(problems)

    # Compiling the fact base includes search's index (folding, stems, pinyin), so that no
    # lookup pays for it; it is built only if the cache can be written.
    built: list[SearchIndex] = []

    def compile_index() -> object:
        from xmfacts.search import build_index, index_to_plain

        built.append(build_index(base))
        return index_to_plain(built[0])

    cache.store(key, base, compile_index)
    return base, built[0] if built else None


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
