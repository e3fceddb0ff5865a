"""A fact as one marshalled value, the form the index stores it in.

marshal is built into the interpreter and reads a small tuple in microseconds. Dataclasses
travel as tuples in their own field order; a field's type says how its plain value comes
back (Decimal from text, enums from their value). A fact's source travels as its id, and
sources are stored apart, once.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable
from dataclasses import fields
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any

from xmfacts.model import BaseUnit, Fact, Figure, Kind, Qualifier, Source, Topic

_SIMPLE = (str, int, type(None))


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):  # first: a StrEnum is also a str
        return value.value
    if isinstance(value, _SIMPLE):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, Source):
        return value.id  # a fact's source; sources themselves are stored by record()
    return record(value)


def record(value: Any) -> tuple[Any, ...]:
    """A dataclass (a fact, a source) as a tuple of plain values, in its field order."""
    return tuple(_plain(getattr(value, name)) for name in _names(type(value)))


@cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))  # fields() builds its answer anew on every call


_DECODE: dict[str, Callable[[Any], Any]] = {
    "Decimal | None": Decimal,
    "Kind": Kind,
    "Qualifier": Qualifier,
    "BaseUnit | None": BaseUnit,
}


@cache
def _decoders(cls: type) -> tuple[Callable[[Any], Any] | None, ...]:
    return tuple(_DECODE.get(f.type if isinstance(f.type, str) else f.type.__name__) for f in fields(cls))


def build(cls: type, plain: tuple[Any, ...]) -> Any:
    """The dataclass ``record`` made ``plain`` from."""
    return cls(*(v if d is None or v is None else d(v) for d, v in zip(_decoders(cls), plain)))


@cache
def _fact_positions() -> tuple[int, int, int]:
    """Where a fact's record holds its figure, its source and its line."""
    names = _names(Fact)
    return names.index("figure"), names.index("source"), names.index("line")


def fact_from(plain: bytes, sources: dict[str, Source]) -> Fact:
    """A fact from its stored bytes, its source looked up by id."""
    values = list(marshal.loads(plain))
    at_figure, at_source, _ = _fact_positions()
    values[at_figure], values[at_source] = build(Figure, values[at_figure]), sources[values[at_source]]
    return build(Fact, tuple(values))  # type: ignore[no-any-return]


def figure_from(plain: bytes) -> Figure:
    """A fact's figure alone, from its stored bytes."""
    return build(Figure, marshal.loads(plain)[_fact_positions()[0]])  # type: ignore[no-any-return]


def without_line(plain: tuple[Any, ...]) -> tuple[Any, ...]:
    """A fact's record but its line: a fact moved down its file by a comment is unchanged."""
    at = _fact_positions()[2]
    return plain[:at] + plain[at + 1 :]


def layout_names() -> list[str]:
    """The field names a stored record depends on: part of the index's layout key, so a field
    added to the model rebuilds every index instead of being misread."""
    return [f.name for cls in (Fact, Figure, Source, Topic) for f in fields(cls)]
