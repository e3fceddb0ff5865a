"""Make text from fact files and user input safe to write to a terminal."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls (ESC starts terminal escape sequences),
# and lone surrogates (unencodable; they crash any UTF-8 writer).
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def visible(text: str) -> str:
    """Show control characters as \\xNN escapes instead of letting the terminal act on them."""
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)
