"""Progress of a long build, shown by whatever the command line hands in.

Storage draws nothing: the CLI gives a factory (``report_with``) that makes a bar for a number
of files, and the build calls it only once building has taken more than a moment and stderr
is a terminal. A library caller or a test that gives none sees no bar.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Protocol

_AFTER = 1.0  # seconds of building before a progress bar appears (on a terminal)


class Bar(Protocol):
    def update(self, files: int, facts: int) -> None: ...

    def close(self) -> None: ...


BarFactory = Callable[[int], Bar]

_factory: BarFactory | None = None


def report_with(factory: BarFactory | None) -> None:
    """How builds show their progress from now on (None: not at all)."""
    global _factory
    _factory = factory


class Progress:
    """A build's progress, shown once it takes more than a moment, on a terminal only."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.start = time.monotonic()
        self.bar: Bar | None = None
        self.facts = 0

    def advance(self, files: int, facts: int) -> None:
        self.facts += facts
        if self.bar is None:
            if _factory is None or time.monotonic() - self.start < _AFTER or not sys.stderr.isatty():
                return
            self.bar = _factory(self.total)
        self.bar.update(files, self.facts)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
