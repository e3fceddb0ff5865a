"""What every part of xmfacts needs to know about the characters of a text."""

from __future__ import annotations

# The CJK Unified Ideographs with extension A, and the compatibility block; a character test,
# not a regex, because compiling a Unicode class costs ~2 ms on every run.
CJK_CLASS = "\u3400-\u9fff\uf900-\ufaff"


def is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def has_cjk(text: str) -> bool:
    return any(is_cjk(ch) for ch in text)
