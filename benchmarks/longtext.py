"""What the long-text benchmarks share: the text, and timing a function or a whole command.

The text is tests/drafts/draft.md repeated to SIZE characters (``python benchmarks/X.py
[SIZE] [ROUNDS]``); each timing prints its median and minimum in milliseconds.
"""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

SIZE = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
DRAFT = Path(__file__).parents[1] / "tests" / "drafts" / "draft.md"


def rounds(default: int) -> int:
    return int(sys.argv[2]) if len(sys.argv) > 2 else default


def long_text(size: int = SIZE) -> str:
    unit = DRAFT.read_text(encoding="utf-8")
    return (unit * (size // len(unit) + 1))[:size]


def report(name: str, runs: Sequence[float]) -> None:
    print(f"  {name:<29} median {statistics.median(runs):7.1f} ms  (min {min(runs):.1f})")


def timed(work: Callable[[], object], repeat: int) -> list[float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        runs.append((time.perf_counter() - start) * 1000)
    return runs


@contextmanager
def as_file(text: str, suffix: str) -> Iterator[Path]:
    with tempfile.NamedTemporaryFile("w", suffix=suffix, encoding="utf-8", delete=False) as handle:
        handle.write(text)
    try:
        yield Path(handle.name)
    finally:
        Path(handle.name).unlink()


def whole_commands(commands: Sequence[tuple[str, list[str]]], repeat: int) -> None:
    """Each (name, arguments after `xmfacts`) as a whole process, when xmfacts is installed."""
    xmfacts = shutil.which("xmfacts")
    if not xmfacts:
        return
    # as benchmarks/startup.py: byte-code as pip leaves an installed package, not a module
    # compiled again on every run of an editable checkout under PYTHONDONTWRITEBYTECODE
    import xmfacts as package

    compileall.compile_dir(os.path.dirname(package.__file__), quiet=1)
    for name, args in commands:
        report(name, timed(lambda: subprocess.run([xmfacts, *args], stdout=subprocess.DEVNULL, check=False), repeat))
