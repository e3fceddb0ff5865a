"""Find, read and validate the fact base.

``load_factbase`` is the only way the rest of xmfacts gets facts, so a compiled cache can
later be slotted in behind it without touching its callers. Every structural problem in
every file is collected before raising, so a fact-base editor fixes them all in one pass.
"""

from __future__ import annotations

import os
from pathlib import Path

from xmfacts.errors import FactBaseError, Problem
from xmfacts.model import FactBase

ENV_VAR = "XMFACTS_FACTS"
SOURCES_FILE = "sources.toml"


def default_facts_dir() -> Path:
    """The fact base shipped with xmfacts: inside the installed package, or the checkout's facts/."""
    packaged = Path(__file__).with_name("facts")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "facts"


def resolve_facts_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--facts-dir wins over $XMFACTS_FACTS, which wins over the shipped fact base."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return default_facts_dir()


def load_factbase(root: str | os.PathLike[str] | None = None) -> FactBase:
    """Load and validate the fact base at ``root`` (see resolve_facts_dir); raise FactBaseError."""
    root_path = resolve_facts_dir(root)
    problems: list[Problem] = []
    try:
        is_dir = root_path.is_dir()
    except OSError as exc:  # e.g. a symlink loop
        raise FactBaseError([Problem(str(root_path), f"cannot read fact directory: {exc.strerror or exc}")]) from None
    if not is_dir:
        raise FactBaseError([Problem(str(root_path), "fact directory does not exist")])

    paths = fact_files(root_path)
    topic_paths = [p for p in paths if p.name != SOURCES_FILE]
    if not topic_paths:
        raise FactBaseError([Problem(str(root_path), "no topic files (*.toml) in the fact directory")])

    from xmfacts import cache

    contents = read_files(paths, problems)
    key = cache.fingerprint(root_path, [(p.name, data) for p, data in contents.items()])
    if not problems:
        cached = cache.load(key)
        if cached is not None:
            return cached

    from xmfacts.parsing import parse_factbase  # only when the cache cannot answer

    base = parse_factbase(root_path, contents, problems)
    if problems:
        raise FactBaseError(problems)
    cache.store(key, base)
    return base


def fact_files(root: Path) -> list[Path]:
    """The fact base's TOML files (topics and sources.toml), in name order."""
    return sorted(root.glob("*.toml"), key=lambda p: p.name)


def read_files(paths: list[Path], problems: list[Problem]) -> dict[Path, bytes]:
    contents: dict[Path, bytes] = {}
    for path in paths:
        try:
            contents[path] = path.read_bytes()
        except OSError as exc:
            problems.append(Problem(str(path), f"cannot read file: {exc.strerror or exc}"))
    return contents


