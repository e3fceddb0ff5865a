"""The fact-base index: one SQLite file per fact base, so a lookup costs the same at a million facts.

The TOML files stay the source of truth (``validate`` reads them); this file is a cache that
any run may rebuild. The index itself holds what every command shares: the files as last
seen, the sources, the topics and one row per fact (the fact itself, marshalled: see
``records``), by id, by topic and in fact-base order. ``show`` reads one row. Features keep
tables of their own beside these (``parts``): search's full-text words, check's measure
lists; each reads them with its own functions, after ``Store.ready``.

Keeping it current costs one ``stat`` per file: a file whose size and mtime are as recorded is
not read (``build`` says what happens to one that changed). A file that is not this layout's
index (corrupt, truncated, foreign, older) is replaced; an index that cannot be written at all
is built in memory, as with ``XMFACTS_NO_CACHE=1``.
"""

from __future__ import annotations

import marshal
import os
import sqlite3
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from xmfacts.errors import FactBaseError, Problem
from xmfacts.factbase.layout import NO_SOURCES
from xmfacts.index import build as builder
from xmfacts.index.records import build, fact_from
from xmfacts.model import Fact, FactBase, Source, Topic

if TYPE_CHECKING:
    from xmfacts.index.parts import Part

ENV_DIR = "XMFACTS_CACHE_DIR"
ENV_OFF = "XMFACTS_NO_CACHE"

LOCK_WAIT = 120.0  # seconds to wait for another process's build before doing without the file

T = TypeVar("T")


def cache_dir() -> Path | None:
    if os.environ.get(ENV_OFF):
        return None
    explicit = os.environ.get(ENV_DIR)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "xmfacts"


def index_path(root: Path) -> Path | None:
    """Where the index of the fact base at ``root`` lives: one file per fact-base directory."""
    directory = cache_dir()
    if directory is None:
        return None
    place = str(root.resolve()).encode("utf-8", "surrogatepass")
    return directory / f"factbase-{zlib.crc32(place):08x}.sqlite"


class Store:
    """An open, current index of one fact base."""

    def __init__(self, root: Path, conn: sqlite3.Connection, path: Path | None, light: bool = False) -> None:
        self.root = root
        self.conn = conn
        self.path = path  # None: in memory
        # An in-memory index starts with the facts alone (what show and most commands need);
        # the features' parts are added the first time one of them asks (ready).
        self.light = light
        self._sources: dict[str, Source] | None = None
        self._in_order_below: int | None = None

    # ---- what a feature asks before reading its own tables ---------------------------------

    def ready(self, part: Part, pinyin: bool = False) -> None:
        """Make sure the index holds ``part``'s tables, written by this version of it."""
        if self.light:
            self.light = False
            self.conn = sqlite3.connect(":memory:")  # built afresh: the light one has no part to replace
            builder.sync(self, force=True, pinyin=pinyin)
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (builder.version_key(part),)).fetchone()
        if row is None or row[0] != part.version:
            builder.sync(self, force=True, pinyin=True, reset=True)

    def rebuild(self, pinyin: bool) -> None:
        """Write every file again (an in-memory index asked for pinyin it was built without)."""
        builder.sync(self, force=True, pinyin=pinyin)

    # ---- the facts ---------------------------------------------------------------------------

    def sources(self) -> dict[str, Source]:
        if self._sources is None:
            self._sources = {sid: build(Source, marshal.loads(p)) for sid, p in self.conn.execute("SELECT id, plain FROM sources")}
        return self._sources

    def fact(self, full_id: str) -> Fact | None:
        row = self.conn.execute("SELECT plain FROM facts WHERE full_id = ?", (full_id,)).fetchone()
        return fact_from(row[0], self.sources()) if row else None

    def fact_numbered(self, n: int) -> Fact:
        (plain,) = self.conn.execute("SELECT plain FROM facts WHERE n = ?", (n,)).fetchone()
        return fact_from(plain, self.sources())

    def has_topic(self, topic_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM topics WHERE id = ?", (topic_id,)).fetchone() is not None

    def topic(self, topic_id: str) -> Topic | None:
        row = self.conn.execute("SELECT title, title_en, path FROM topics WHERE id = ?", (topic_id,)).fetchone()
        if row is None:
            return None
        sources = self.sources()
        facts = tuple(fact_from(p, sources) for (p,) in self.conn.execute("SELECT plain FROM facts WHERE topic = ? ORDER BY pos", (topic_id,)))
        return Topic(topic_id, row[0], row[1], facts, row[2])

    def factbase(self) -> FactBase:
        """The whole fact base, as parsing the TOML gives it."""
        sources = self.sources()
        by_topic: dict[str, list[Fact]] = {}
        for topic, plain in self.conn.execute("SELECT topic, plain FROM facts ORDER BY file, pos"):
            by_topic.setdefault(topic, []).append(fact_from(plain, sources))
        topics = tuple(
            Topic(tid, title, title_en, tuple(by_topic.get(tid, ())), path)
            for tid, title, title_en, path in self.conn.execute("SELECT id, title, title_en, path FROM topics ORDER BY file")
        )
        order = [sid for (sid,) in self.conn.execute("SELECT value FROM meta WHERE key = 'source order'")]
        ids = marshal.loads(order[0]) if order else tuple(sources)
        return FactBase(topics, tuple(sources[s] for s in ids), str(self.root))

    # ---- fact-base order and fact numbers ---------------------------------------------------

    def last_number(self) -> int | None:
        return self.conn.execute("SELECT max(n) FROM facts").fetchone()[0]  # type: ignore[no-any-return]

    def renumbered_from(self) -> int:
        """The lowest fact number from which fact-base order may not be number order: the first
        of the files indexed alone after a build (one more than the last fact's when there is
        none). Below it, each file's facts come after those of every file before it by name,
        and a file's facts are numbered as they stand in it (a build inserts them so). Two
        lookups per file."""
        if self._in_order_below is None:
            # kept in meta by each sync that changed the index: read once, not two lookups per file
            row = self.conn.execute("SELECT value FROM meta WHERE key = 'in order below'").fetchone()
            self._in_order_below = int(row[0]) if row else builder.in_order_below(self.conn)
        return self._in_order_below

    def in_number_order(self) -> bool:
        """Whether fact numbers are fact-base order throughout (no file indexed alone since a build)."""
        return self.renumbered_from() > (self.last_number() or 0)

    def forget(self) -> None:
        """Drop what was read before the index changed."""
        self._sources = None
        self._in_order_below = None


def with_store(root: str | os.PathLike[str] | None, use: Callable[[Store], T]) -> T:
    """``use(store)`` on the current index of the fact base at ``root`` (see resolve_facts_dir).

    An index that turns out to be damaged while it is read is replaced and the call made again;
    if that fails too, an in-memory index answers.
    """
    from xmfacts.factbase.load import existing_root

    root_path = existing_root(root)
    for where in ("file", "fresh file", "memory"):
        try:
            store = open_store(root_path, fresh=where == "fresh file", memory=where == "memory")
            return use(store)
        except sqlite3.DatabaseError:
            if where == "memory":
                raise
    raise AssertionError("unreachable")


def load_factbase(root: str | os.PathLike[str] | None = None) -> FactBase:
    """The whole fact base at ``root`` (see resolve_facts_dir), from its index; raise FactBaseError."""
    return with_store(root, lambda store: store.factbase())


def open_store(root: Path, fresh: bool = False, memory: bool = False) -> Store:
    """The index of ``root``, brought up to date; raise FactBaseError for an invalid fact base."""
    stats = builder.listing(root)
    if not stats:
        # A desk's first fact base is a sources.toml alone (extract drafts its first topic);
        # a directory without even that is no fact base, and the user needs to hear what to add.
        raise FactBaseError([Problem(str(root), NO_SOURCES)])
    path = None if memory else index_path(root)
    if path is not None:
        try:
            if fresh:
                _remove(path)
            new = fresh or not path.exists()
            path.parent.mkdir(parents=True, exist_ok=True)
            store = Store(root, sqlite3.connect(path, timeout=LOCK_WAIT, isolation_level=None), path)
            builder.sync(store, force=False, pinyin=True, stats=stats)
            if new:
                _remove_stale(path.parent)
            return store
        except (sqlite3.OperationalError, OSError):
            pass  # locked for too long, unwritable, a full disk: do without the file
        except sqlite3.DatabaseError:
            if fresh:
                raise
            return open_store(root, fresh=True)
    store = Store(root, sqlite3.connect(":memory:"), None, light=True)
    # Without a file, nothing is prepared beyond the facts until a command asks, and pinyin is
    # spelled only for a query that needs it (xmfacts.search.index_part.search_index).
    builder.sync(store, force=False, pinyin=False, stats=stats)
    return store


def _remove_stale(directory: Path) -> None:
    """Remove what older versions left in the cache directory (their ``factbase-*.marshal``
    caches), which nothing reads any more. Only when an index file is created, not on every run:
    listing a directory costs more than the lookup it would slow down."""
    for stale in directory.glob("factbase-*.marshal"):
        try:
            stale.unlink()
        except OSError:
            pass  # another process removed it, or the directory is read-only: harmless


def _remove(path: Path) -> None:
    for p in (path, path.with_name(path.name + "-journal")):
        try:
            p.unlink()
        except FileNotFoundError:
            pass
