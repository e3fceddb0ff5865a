"""Writing to stdout and stderr without Rich: JSON for scripts, one-line errors for everyone.

JSON commands go through here only, so `--json` never pays for importing Rich.
"""

from __future__ import annotations

import codecs
import sys
from typing import Any, TextIO

from xmfacts.schema import dumps, dumps_line


def stdout_is_unicode() -> bool:
    return _encodes_unicode(sys.stdout)


def _encodes_unicode(stream: TextIO) -> bool:
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        return codecs.lookup(encoding).name in {"utf-8", "utf-16", "utf-32", "gb18030"}
    except LookupError:
        return False


def emit_json(data: Any) -> None:
    # On an ASCII-only stdout (LANG=C, PYTHONIOENCODING=ascii) JSON stays valid via \u escapes.
    sys.stdout.write(dumps(data, ensure_ascii=not _encodes_unicode(sys.stdout)) + "\n")


def emit_jsonl(rows: list[Any]) -> None:
    ascii_only = not _encodes_unicode(sys.stdout)
    sys.stdout.write("".join(dumps_line(row, ensure_ascii=ascii_only) + "\n" for row in rows))


def error(message: str) -> None:
    """One line per problem on stderr, prefixed so it stands out in a script's log."""
    from xmfacts.textsafe import visible

    for line in message.splitlines() or [""]:
        text = f"xmfacts: error: {visible(line)}\n"
        if not _encodes_unicode(sys.stderr):
            text = text.encode("ascii", "backslashreplace").decode("ascii")
        sys.stderr.write(text)


def make_stdout_tolerant() -> None:
    """Human output on a terminal that cannot show Chinese: replace, don't crash."""
    if not _encodes_unicode(sys.stdout) and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")
