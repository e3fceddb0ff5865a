"""A compiled copy of the fact base, so a lookup does not re-parse TOML on every run.

Parsing and validating the TOML is most of what a lookup costs beyond starting Python
(benchmarks/startup.py). The cache is keyed by a hash of every fact file's bytes, so an
edit is picked up on the next run however quickly it follows; it lives in the user's cache
directory and any trouble with it (unwritable, corrupt, from another version) just means
parsing the TOML as if there were no cache.

Beside the fact base, the file holds search's prepared index (every field folded, stemmed
and spelled in pinyin: ``xmfacts.search.build_index``) as a second marshal record, so a
search neither re-normalises the facts nor imports pypinyin, and ``show`` does not even
read it.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from collections.abc import Callable
from dataclasses import fields
from decimal import Decimal
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

from xmfacts import __version__
from xmfacts.model import BaseUnit, Fact, FactBase, Figure, Kind, Qualifier, Source, Topic

# Bump when the way the model is stored below changes (not when the model gains a field:
# the model's field names are part of the key). Search's index carries its own version.
_LAYOUT = 5

ENV_DIR = "XMFACTS_CACHE_DIR"
ENV_OFF = "XMFACTS_NO_CACHE"


def cache_dir() -> Path | None:
    if os.environ.get(ENV_OFF):
        return None
    explicit = os.environ.get(ENV_DIR)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "xmfacts"


def fingerprint(root: Path, files: list[tuple[str, bytes]]) -> str:
    """Place, then version and each file's name, size and two checksums (64 bits of content).

    zlib's checksums cost nothing to import, where hashlib's OpenSSL costs ~3 ms per run.
    The place comes first and alone, so each fact base keeps a cache file of its own.
    """
    place = str(root.resolve()).encode("utf-8", "surrogatepass")
    parts = [__version__, str(_LAYOUT), sys.version, *(f.name for cls in (Fact, Figure, Source) for f in fields(cls))]
    for name, data in files:
        parts.append(f"{name}:{len(data)}:{zlib.crc32(data):08x}{zlib.adler32(data):08x}")
    text = "\n".join(parts).encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(place):08x}-{zlib.crc32(text):08x}{zlib.adler32(text):08x}{len(text):x}"


def _path(key: str) -> Path | None:
    directory = cache_dir()
    return directory / f"factbase-{key.split('-')[0]}.marshal" if directory else None


def load(key: str) -> FactBase | None:
    found = _load(key, with_index=False)
    return found[0] if found else None


def load_with_index(key: str) -> tuple[FactBase, Any] | None:
    """The fact base and the plain search index stored beside it (None if it has none)."""
    return _load(key, with_index=True)


def _load(key: str, with_index: bool) -> tuple[FactBase, Any] | None:
    path = _path(key)
    if path is None:
        return None
    try:
        # Each record is stored as marshalled bytes: marshal.loads on bytes reads at memory
        # speed, where marshal.load on a file goes object by object (~2 ms for a base this
        # size); and a lookup that needs no search index never unpacks it.
        stored_key, base, index = marshal.loads(path.read_bytes())
        if stored_key != key:
            return None
        return _from_plain(marshal.loads(base)), marshal.loads(index) if with_index and index is not None else None
    except Exception:  # missing, truncated, or written by an incompatible version
        return None


def store(key: str, base: FactBase, index: Callable[[], Any] | None = None) -> None:
    """Write the fact base, and the plain search index that ``index()`` builds.

    ``index`` is called only once the cache file can be written: building it imports pypinyin
    (~200 ms), which a run that cannot keep the result should not pay.
    """
    path = _path(key)
    if path is None:
        return
    import tempfile  # only on a cache miss

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".factbase.", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            packed_index = marshal.dumps(index()) if index is not None else None
            handle.write(marshal.dumps((key, marshal.dumps(_to_plain(base)), packed_index)))
        os.replace(tmp, path)
    except Exception:
        # A read-only home or a full disk must not break a lookup; the next run parses again.
        try:
            os.unlink(tmp)
        except Exception:
            pass


# marshal is built into the interpreter (pickle costs ~2 ms to import), but it stores only
# plain values. Dataclasses travel as tuples in their own field order and are rebuilt the
# same way, so a field added to the model needs nothing here; a field's type says how its
# plain value comes back (Decimal from text, enums from their value).

_SIMPLE = (str, int, type(None))


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):  # first: a StrEnum is also a str, which marshal cannot store
        return value.value
    if isinstance(value, _SIMPLE):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    return tuple(_plain(getattr(value, f.name)) for f in fields(value))


_DECODE: dict[str, Callable[[Any], Any]] = {
    "Decimal | None": Decimal,
    "Kind": Kind,
    "Qualifier": Qualifier,
    "BaseUnit | None": BaseUnit,
}


@cache
def _decoders(cls: type) -> tuple[tuple[int, Callable[[Any], Any]], ...]:
    """(position, decoder) of each field whose plain value needs turning back into its type."""
    found = ((n, _DECODE.get(f.type if isinstance(f.type, str) else f.type.__name__)) for n, f in enumerate(fields(cls)))
    return tuple((n, d) for n, d in found if d is not None)


def _build(cls: type, plain: tuple[Any, ...] | list[Any]) -> Any:
    values = list(plain)
    for n, decode in _decoders(cls):
        if values[n] is not None:
            values[n] = decode(values[n])
    return cls(*values)


def _fact_plain(fact: Fact, at: tuple[int, int]) -> tuple[Any, ...]:
    values = [_plain(getattr(fact, f.name)) if n not in at else None for n, f in enumerate(fields(fact))]
    return tuple(values)


def _to_plain(base: FactBase) -> tuple[Any, ...]:
    # A fact's source is stored once, by position in base.sources; its figure beside it.
    index = {s.id: n for n, s in enumerate(base.sources)}
    names = [f.name for f in fields(Fact)]
    at = (names.index("figure"), names.index("source"))
    topics = tuple(
        (t.id, t.title, t.title_en, t.path, tuple((_plain(f.figure), index[f.source.id], _fact_plain(f, at)) for f in t.facts))
        for t in base.topics
    )
    return (base.root, _plain(base.sources), topics)


def _from_plain(plain: tuple[Any, ...]) -> FactBase:
    root, raw_sources, raw_topics = plain
    sources = tuple(_build(Source, s) for s in raw_sources)
    names = [f.name for f in fields(Fact)]
    at_figure, at_source = names.index("figure"), names.index("source")
    topics = []
    for tid, title, title_en, path, raw_facts in raw_topics:
        facts = []
        for figure, source, rest in raw_facts:
            values = list(rest)
            values[at_figure], values[at_source] = _build(Figure, figure), sources[source]
            facts.append(_build(Fact, values))
        topics.append(Topic(tid, title, title_en, tuple(facts), path))
    return FactBase(tuple(topics), sources, root)
