"""The `xmfacts` console script: the lookups people and scripts run most skip building Typer.

``show ID`` and ``search WORDS`` (with ``--json``, ``--limit``, ``--topic`` or
``--facts-dir``) written plainly run straight through ``xmfacts.run``: importing Typer and
building the app is most of what such a lookup costs. Anything else (help, another option,
a spelling this reader does not know) goes to the Typer app in ``xmfacts.cli``, which calls
the same functions, so both ways give the same output and exit code.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xmfacts.index.progress import Bar


def quick(args: Sequence[str]) -> Callable[[], int] | None:
    """The lookup ``args`` ask for, when they are a plain show or search; else None."""
    if not args or args[0] not in ("show", "search"):
        return None
    command, rest = args[0], iter(args[1:])
    json, facts_dir, topic, limit, words = False, None, None, 10, []
    for arg in rest:
        if arg == "--json":
            json = True
        elif arg in ("--facts-dir", "--topic", "-t", "--limit", "-n"):
            value = next(rest, None)
            if value is None or value.startswith("-"):
                return None
            if arg == "--facts-dir":
                facts_dir = Path(value)
            elif command == "search" and arg in ("--topic", "-t"):
                topic = value
            elif command == "search" and value.isdigit():
                limit = int(value)
            else:
                return None
        elif arg.startswith("-"):
            return None  # --help, --explain, -5, --limit=3: the Typer app says what they mean
        else:
            words.append(arg)
    if not words or (command == "show" and len(words) != 1):
        return None
    from xmfacts import run

    if command == "show":
        return lambda: run.show(words[0], json=json, facts_dir=facts_dir)
    return lambda: run.search(words, topic=topic, limit=limit, json=json, explain=False, facts_dir=facts_dir)


def _progress_bar(total_files: int) -> Bar:
    from xmfacts.present.tables import build_progress  # Rich, only for a long build on a terminal

    return build_progress(total_files)


def main() -> None:
    from xmfacts.index.progress import report_with

    report_with(_progress_bar)  # storage draws nothing itself
    lookup = quick(sys.argv[1:])
    if lookup is None:
        from xmfacts.cli import main as with_typer

        with_typer()
        return
    from xmfacts.run import guarded

    sys.exit(guarded(lookup))
