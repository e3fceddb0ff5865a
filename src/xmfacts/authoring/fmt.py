"""`xmfacts fmt`: every fact file in one canonical layout; values never change.

Files with comments are left alone unless forced: tomli-w cannot keep them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from xmfacts.authoring.add import replace_if_unchanged
from xmfacts.authoring.tomltext import canonical_text, has_comment, identical
from xmfacts.errors import OutputError
from xmfacts.factbase import read_valid
from xmfacts.factbase.locate import writable_facts_dir
from xmfacts.factbase.layout import SOURCES_FILE
from xmfacts.factbase.parse import read_toml


class FileState(StrEnum):
    FORMATTED = "formatted"  # already canonical
    CHANGED = "changed"  # would be, or was, rewritten
    COMMENTED = "commented"  # not canonical, but rewriting would drop comments


@dataclass(frozen=True)
class FileFormat:
    path: Path
    state: FileState
    text: str  # the canonical text


@dataclass(frozen=True)
class FormatReport:
    files: tuple[FileFormat, ...]

    def count(self, state: FileState) -> int:
        return sum(1 for f in self.files if f.state is state)


def format_factbase(root: str | Path | None, check: bool = False, force: bool = False) -> FormatReport:
    """Rewrite every fact file in canonical form (unless ``check``); values never change.

    Files with comments are left alone unless ``force``: tomli-w cannot keep them.
    """
    if not check:  # --check writes nothing, so it may read the bundled copy
        root = writable_facts_dir(root)
    # An invalid base raises with every problem; only a valid one is tidied.
    _, contents, _ = read_valid(root)
    files: list[FileFormat] = []
    refused: list[str] = []
    for path, raw in contents.items():
        data, text = _parsed(path, raw)
        new = canonical_text(data, sources=path.name == SOURCES_FILE)
        if not identical(_parsed(path, new.encode("utf-8"))[0], data):
            refused.append(f"{path}: formatting would change a value; left alone (please report this)")
            continue
        if new.encode("utf-8") == raw:
            state = FileState.FORMATTED
        elif has_comment(text) and not force:
            state = FileState.COMMENTED
        else:
            state = FileState.CHANGED
        files.append(FileFormat(path, state, new))
    if refused:
        raise OutputError("\n".join(refused))
    if not check:
        for file in files:
            if file.state is FileState.CHANGED:
                replace_if_unchanged(file.path, contents[file.path], file.text, during="formatting")
    return FormatReport(tuple(files))


def _parsed(path: Path, raw: bytes) -> tuple[dict[str, object], str]:
    parsed = read_toml(path, raw, problems := [])
    if parsed is None:  # valid a moment ago, so this is our own rendering failing to read back
        raise OutputError(f"{path}: {problems[0].message}; left alone (please report this)")
    return parsed
