"""Where claim text comes from: arguments, a draft file, or standard input."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from xmfacts.errors import UsageError


def gather(claims: Sequence[str], file: Path | None) -> str:
    """One text to check; arguments are separate lines, '-' stands for standard input."""
    parts: list[str] = []
    for claim in claims:
        parts.append(_stdin() if claim == "-" else claim)
    if file is not None:
        parts.append(read_draft(file))
    if not parts:
        raise UsageError("nothing to check: give a claim, -f FILE, or - for standard input")
    return "\n".join(parts)


def read_draft(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"--file {path}: cannot read: {exc.strerror or exc}") from None
    return _decode(data, f"--file {path}")


def _stdin() -> str:
    # Decode ourselves: a terminal's locale may say ASCII while the draft is UTF-8.
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        return sys.stdin.read()
    return _decode(stream.read(), "standard input")


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UsageError(f"{where}:{line}: not UTF-8 (byte 0x{data[exc.start]:02x})") from None
