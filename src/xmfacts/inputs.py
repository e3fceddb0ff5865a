"""Where claim text comes from: arguments, a draft file, or standard input."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from xmfacts.errors import UsageError


def gather(claims: Sequence[str], file: Path | None) -> str:
    """One text to check. Arguments are joined with spaces into one claim, as echo joins them,
    so a claim typed without quotes (厦门境内上市公司有 70家) keeps its subject; '-' stands
    for standard input. Several claims go one per line through -f or standard input."""
    parts: list[str] = []
    words: list[str] = []
    for claim in claims:
        if claim == "-":
            if words:
                parts.append(" ".join(words))
                words = []
            parts.append(_stdin())
        else:
            words.append(claim)
    if words:
        parts.append(" ".join(words))
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


def refuse_file_name(claims: Sequence[str]) -> None:
    """Arguments that name a file and held no figure: the user forgot -f.

    Checking the file's name would report "0 figures" and exit 0, telling a script the
    draft is clean when it was never read.
    """
    joined = " ".join(c for c in claims if c != "-")
    try:
        named = bool(joined) and Path(joined).is_file()
    except (OSError, ValueError):  # longer than a file name may be, or holding a NUL: a claim
        named = False
    if named:
        import shlex

        raise UsageError(f"{joined} is a file, not a claim (did you mean: xmfacts check -f {shlex.quote(joined)}?)")


def _stdin() -> str:
    if getattr(sys.stdin, "isatty", lambda: False)():
        # A terminal would otherwise wait in silence, looking hung.
        sys.stderr.write("reading claims from standard input (Ctrl-D to end)\n")
        sys.stderr.flush()
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
