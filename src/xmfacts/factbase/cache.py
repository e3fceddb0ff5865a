"""A compiled copy of the fact base, so a lookup does not re-parse TOML on every run.

Parsing and validating the TOML is most of what a lookup costs beyond starting Python
(benchmarks/startup.py). The cache is keyed by a hash of every fact file's bytes, so an
edit is picked up on the next run however quickly it follows; it lives in the user's cache
directory and any trouble with it (unwritable, corrupt, from another version) just means
parsing the TOML as if there were no cache.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from decimal import Decimal
from pathlib import Path
from typing import Any

from xmfacts import __version__
from xmfacts.model import BaseUnit, Fact, FactBase, Kind, Qualifier, Source, Topic

# Bump when the stored layout below changes.
_LAYOUT = 2

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
    parts = [__version__, str(_LAYOUT), sys.version]
    for name, data in files:
        parts.append(f"{name}:{len(data)}:{zlib.crc32(data):08x}{zlib.adler32(data):08x}")
    text = "\n".join(parts).encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(place):08x}-{zlib.crc32(text):08x}{zlib.adler32(text):08x}{len(text):x}"


def _path(key: str) -> Path | None:
    directory = cache_dir()
    return directory / f"factbase-{key.split('-')[0]}.marshal" if directory else None


def load(key: str) -> FactBase | None:
    path = _path(key)
    if path is None:
        return None
    try:
        with open(path, "rb") as handle:
            stored_key, plain = marshal.load(handle)
        return _from_plain(plain) if stored_key == key else None
    except Exception:  # missing, truncated, or written by an incompatible version
        return None


def store(key: str, base: FactBase) -> None:
    path = _path(key)
    if path is None:
        return
    import tempfile  # only on a cache miss

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".factbase.", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            marshal.dump((key, _to_plain(base)), handle)
        os.replace(tmp, path)
    except Exception:
        # A read-only home or a full disk must not break a lookup; the next run parses again.
        try:
            os.unlink(tmp)
        except Exception:
            pass


# marshal is built into the interpreter (pickle costs ~2 ms to import), but it stores only
# plain values: facts travel as tuples of str, int and None, in Fact's field order.


def _dec(d: Decimal | None) -> str | None:
    return None if d is None else str(d)


def _to_plain(base: FactBase) -> tuple[Any, ...]:
    index = {s.id: n for n, s in enumerate(base.sources)}
    sources = tuple((s.id, s.title, s.outlet, s.published, s.authors) for s in base.sources)
    topics = tuple(
        (
            t.id, t.title, t.title_en, t.path,
            tuple(
                (
                    f.topic, f.id, f.label, f.label_en, f.kind.value, f.qualifier.value, f.entity,
                    index[f.source.id], f.quote, _dec(f.value), _dec(f.lower), _dec(f.upper), f.unit,
                    f.scale, f.base_unit.value if f.base_unit else None, f.date, f.as_of, f.tags, f.measure, f.note, f.line,
                )
                for f in t.facts
            ),
        )
        for t in base.topics
    )
    return (base.root, sources, topics)


def _from_plain(plain: tuple[Any, ...]) -> FactBase:
    root, raw_sources, raw_topics = plain
    sources = tuple(Source(*s) for s in raw_sources)
    topics = []
    for tid, title, title_en, path, raw_facts in raw_topics:
        facts = tuple(
            Fact(
                topic, fid, label, label_en, Kind(kind), Qualifier(qualifier), entity, sources[src], quote,
                value=None if value is None else Decimal(value),
                lower=None if lower is None else Decimal(lower),
                upper=None if upper is None else Decimal(upper),
                unit=unit, scale=scale, base_unit=None if base_unit is None else BaseUnit(base_unit),
                date=date, as_of=as_of, tags=tags, measure=measure, note=note, line=line,
            )
            for (topic, fid, label, label_en, kind, qualifier, entity, src, quote, value, lower, upper,
                 unit, scale, base_unit, date, as_of, tags, measure, note, line) in raw_facts
        )
        topics.append(Topic(tid, title, title_en, facts, path))
    return FactBase(tuple(topics), sources, root)
