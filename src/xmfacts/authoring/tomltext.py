"""TOML text for fact files: tables in canonical key order, comment detection, value identity.

tomli-w writes; ``tomllib`` (through the parser) reads back, and ``identical`` makes sure a
rewrite never changes a value, 29.20 included.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import tomli_w

from xmfacts.factbase.layout import FACT_KEYS, SOURCE_KEYS, TOPIC_KEYS


def toml_number(number: Decimal) -> int | Decimal:
    """68 stays a TOML integer; tomli-w would write Decimal('68') as the float 68.0."""
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= 0:
        return int(number)
    return number


def ordered(table: Mapping[str, Any], order: Sequence[str]) -> dict[str, Any]:
    """Known keys in ``order``, then any others in the order they came."""
    known = {key: table[key] for key in order if key in table}
    return {**known, **{key: value for key, value in table.items() if key not in known}}


def render_table(name: str, table: Mapping[str, Any], array: bool) -> str:
    """One ``[name]`` or ``[[name]]`` table.

    The header is written here rather than by ``tomli_w.dumps({name: [table]})``: tomli-w
    writes an array of tables that fits in 100 columns as ``name = [{ … }]``, which
    appended after existing ``[[fact]]`` tables would become a key of the last one.
    """
    header = f"[[{name}]]\n" if array else f"[{name}]\n"
    return header + tomli_w.dumps(dict(table))


def canonical_text(data: Mapping[str, Any], sources: bool) -> str:
    """A parsed fact file in canonical form: [topic], then each [[fact]] (or [[source]])."""
    array_key, order = ("source", SOURCE_KEYS) if sources else ("fact", FACT_KEYS)
    entries = data.get(array_key)
    tables: list[dict[str, Any]] = entries if isinstance(entries, list) and all(isinstance(e, dict) for e in entries) else []
    found = data.get("topic") if not sources else None
    header: dict[str, Any] | None = found if isinstance(found, dict) else None
    skip = ({array_key} if tables else set()) | ({"topic"} if header is not None else set())
    rest = {key: value for key, value in data.items() if key not in skip}
    blocks: list[str] = []
    if rest:
        # Keys the loader does not read (sources.toml may have some): kept, and first,
        # because a bare key after a table header would land inside that table.
        blocks.append(tomli_w.dumps(rest))
    if header is not None:
        blocks.append(render_table("topic", ordered(header, TOPIC_KEYS), array=False))
    blocks.extend(render_table(array_key, ordered(table, order), array=True) for table in tables)
    return "\n".join(blocks)


def identical(a: Any, b: Any) -> bool:
    """Equal and of the same type, with Decimals equal digit for digit (29.20 is not 29.2)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(identical(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(identical(x, y) for x, y in zip(a, b))
    if isinstance(a, Decimal):
        return a.as_tuple() == b.as_tuple()
    return bool(a == b)


def has_comment(text: str) -> bool:
    """Whether a ``#`` occurs outside every TOML string (basic, literal, and their multi-line forms)."""
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "#":
            return True
        if char in "\"'":
            if text.startswith(char * 3, i):
                i = _end_of_multiline(text, i + 3, char)
            else:
                i = _end_of_line_string(text, i + 1, char)
            continue
        i += 1
    return False


def _end_of_line_string(text: str, i: int, quote: str) -> int:
    while i < len(text):
        char = text[i]
        if char == "\\" and quote == '"':
            i += 2
            continue
        if char == quote or char == "\n":
            return i + 1
        i += 1
    return i


def _end_of_multiline(text: str, i: int, quote: str) -> int:
    while i < len(text):
        char = text[i]
        if char == "\\" and quote == '"':
            i += 2
            continue
        if text.startswith(quote * 3, i):
            # A closing delimiter may be preceded by one or two quotes that belong to the string.
            run = 3
            while run < 5 and text.startswith(quote, i + run):
                run += 1
            return i + run
        i += 1
    return i


