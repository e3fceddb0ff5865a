"""Where the fact base is, and which files make it up."""

from __future__ import annotations

import os
from pathlib import Path

from xmfacts.errors import Problem
from xmfacts.factbase.layout import TOPIC_SUFFIX

ENV_VAR = "XMFACTS_FACTS"


def default_facts_dir() -> Path:
    """The fact base shipped with xmfacts: inside the installed package, or the checkout's facts/."""
    packaged = Path(__file__).parent.parent / "facts"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "facts"


def resolve_facts_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--facts-dir wins over $XMFACTS_FACTS, which wins over the shipped fact base."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return default_facts_dir()


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
