"""Bringing the index up to date with the TOML files: what changed is read, parsed and written.

A file whose size and mtime are as recorded is not read. A file that changed is read and
hashed; only if its bytes changed is it parsed and its rows replaced, alone. A file edited
within the same clock tick as it was indexed could keep its size and mtime, so a file indexed
less than ``_RACY_NS`` after its last change is re-hashed on the next run (git's "racy" rule).
A change to sources.toml re-parses every file.

A file edited in a few facts, whose facts are still those indexed in the same order, is
re-indexed in place: each unchanged fact keeps its rows and number, and only the changed
facts are prepared again (preparing a whole file of thousands would cost seconds). Anything
else, or a part that cannot keep its rows (``Part.edits_alone``), replaces the file's rows whole.

Every change happens in one transaction, so an interrupted build leaves the previous index; a
second process waits for the first's lock (``LOCK_WAIT``), then finds nothing left to do. Each
feature's part writes its own tables at the same points (``parts``).
"""

from __future__ import annotations

import marshal
import os
import sqlite3
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from xmfacts import __version__
from xmfacts.errors import FactBaseError, Problem
from xmfacts.factbase.layout import SOURCES_FILE, TOPIC_SUFFIX
from xmfacts.index.records import layout_names
from xmfacts.model import Source, Topic

if TYPE_CHECKING:
    from xmfacts.index.parts import FileEdit, Part, PartWriter
    from xmfacts.index.workers import Ready

# What a build needs beyond the check that nothing changed (``_current``) is imported when a
# build happens: a lookup on an unchanged base pays for none of it.


class Target(Protocol):
    """The index being brought up to date (``xmfacts.index.store.Store``)."""

    root: Path
    conn: sqlite3.Connection
    light: bool  # the facts alone, without the features' parts

    def sources(self) -> dict[str, Source]: ...

    def forget(self) -> None: ...

# Bump when the tables below or the way a fact is stored change. The model's field names are
# part of the key too, so a field added to Fact needs nothing here; each part carries its own
# version (Part.version), checked when it is read (Store.ready).
_LAYOUT = 12

_RACY_NS = 3_000_000_000  # a file changed this close to its indexing is re-hashed next time
_BUILD_CACHE_KIB = -131_072  # 128 MiB of SQLite page cache while a whole base is indexed (negative: KiB)

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value);
CREATE TABLE files(name TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, hash TEXT);
CREATE TABLE sources(id TEXT PRIMARY KEY, plain BLOB);
CREATE TABLE topics(id TEXT PRIMARY KEY, file TEXT, title TEXT, title_en TEXT, path TEXT);
CREATE TABLE facts(n INTEGER PRIMARY KEY, full_id TEXT UNIQUE, topic TEXT, file TEXT, pos INTEGER, plain BLOB);
CREATE INDEX facts_order ON facts(file, pos);
CREATE INDEX facts_topic ON facts(topic, pos);
"""


def _key() -> str:
    """This version's layout: an index written by any other is rebuilt, not misread."""
    parts_of_key = [__version__, str(_LAYOUT), f"{sys.version_info[0]}.{sys.version_info[1]}"]
    return " ".join(parts_of_key + layout_names())


def version_key(part: Part) -> str:
    """The meta key holding the version of ``part`` that wrote the index."""
    return f"part {part.name}"


def listing(root: Path) -> dict[str, tuple[int, int]]:
    """Each fact file's size and mtime by name, in name order (the files of ``locate.fact_files``):
    one read of the directory and a stat per file, which is all an unchanged base costs."""
    out: dict[str, tuple[int, int]] = {}
    try:
        with os.scandir(root) as entries:
            found = sorted((e for e in entries if e.name.endswith(TOPIC_SUFFIX)), key=lambda e: e.name)
    except OSError:
        return out
    for entry in found:
        try:
            st = entry.stat()
        except OSError:
            out[entry.name] = (-1, -1)  # reported when it is read
            continue
        out[entry.name] = (st.st_size, st.st_mtime_ns)
    return out


def _fingerprint(stats: dict[str, tuple[int, int]]) -> str:
    return "\n".join(f"{name}\t{size}\t{mtime}" for name, (size, mtime) in sorted(stats.items()))


def _current(conn: sqlite3.Connection, stats: dict[str, tuple[int, int]]) -> bool:
    """Whether the index is of this layout and records these files as they are: one row read."""
    try:
        stored = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('layout', 'files')"))
    except sqlite3.OperationalError:  # no such table: empty, or someone else's database
        return False
    return stored.get("layout") == _key() and stored.get("files") == _fingerprint(stats)


def _schema_current(conn: sqlite3.Connection) -> bool:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'layout'").fetchone()
    except sqlite3.OperationalError:  # no such table: empty, or someone else's database
        return False
    return row is not None and row[0] == _key()


def _parts_current(conn: sqlite3.Connection, chosen: tuple[Part, ...]) -> bool:
    """Whether every part's tables were written by this version of it."""
    for part in chosen:  # one row each: meta also holds the base's vocabulary and summaries
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (version_key(part),)).fetchone()
        if row is None or row[0] != part.version:
            return False
    return True


def sync(store: Target, force: bool, pinyin: bool, stats: dict[str, tuple[int, int]] | None = None, reset: bool = False) -> None:
    """Bring the index up to date with the files: nothing but a stat per file when nothing changed.

    ``force``: write every file again; ``reset``: and the tables too (a part's version changed).
    """
    conn = store.conn
    if stats is None:
        stats = listing(store.root)
    if not force and _current(conn, stats):
        return
    conn.execute("BEGIN IMMEDIATE")  # waits for another builder, then sees what it did
    try:
        _update(store, stats, force, pinyin, reset)
        # what the next run compares its listing with (the files as recorded: a file changed
        # moments ago is recorded so as to be looked at again)
        recorded = {name: (size, mtime) for name, size, mtime in conn.execute("SELECT name, size, mtime_ns FROM files")}
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('files', ?)", (_fingerprint(recorded),))
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('in order below', ?)", (str(in_order_below(conn)),))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        store.forget()


def in_order_below(conn: sqlite3.Connection) -> int:
    """The lowest fact number from which fact-base order may not be number order (see
    ``Store.renumbered_from``): two lookups per file, made once per change and kept in meta."""
    sql = (
        "SELECT (SELECT n FROM facts WHERE file = name ORDER BY pos LIMIT 1),"
        " (SELECT n FROM facts WHERE file = name ORDER BY pos DESC LIMIT 1) FROM files ORDER BY name DESC"
    )
    last = conn.execute("SELECT max(n) FROM facts").fetchone()[0]
    lowest_later = bound = (last or 0) + 1
    for first, final in conn.execute(sql):
        if first is None:  # sources.toml
            continue
        if first > final or final > lowest_later:  # numbered (in part) after a file that follows it
            bound = min(bound, first)
        lowest_later = min(lowest_later, first)
    return bound


class _Changes(NamedTuple):
    contents: dict[Path, bytes | None]  # the files to parse (None: not read yet)
    removed: list[str]
    unreadable: set[str]
    force: bool


def _changes(store: Target, stats: dict[str, tuple[int, int]], force: bool, problems: list[Problem]) -> _Changes:
    """The files to read again and the files gone, since the index recorded them."""
    from xmfacts.index.workers import content_hash

    conn, root = store.conn, store.root
    recorded = {name: (size, mtime, digest) for name, size, mtime, digest in conn.execute("SELECT name, size, mtime_ns, hash FROM files")}
    contents: dict[Path, bytes | None] = {}
    unreadable: set[str] = set()
    for name, stat in stats.items():
        old = recorded.get(name)
        if not force and old is not None and old[:2] == stat:
            continue
        if force and name != SOURCES_FILE:
            contents[root / name] = None  # read when parsed: a whole base's bytes never sit in memory at once
            continue
        try:
            data = (root / name).read_bytes()
        except OSError as exc:
            problems.append(Problem(str(root / name), f"cannot read file: {exc.strerror or exc}"))
            unreadable.add(name)
            continue
        if not force and old is not None and old[2] == content_hash(data):  # touched, not changed
            conn.execute("UPDATE files SET size = ?, mtime_ns = ? WHERE name = ?", (*_trusted(stat), name))
            continue
        contents[root / name] = data
    removed = [name for name in recorded if name not in stats]
    if (root / SOURCES_FILE) in contents or SOURCES_FILE in removed:
        force = True  # every fact refers to a source
    if force:
        for name in stats:
            if root / name not in contents and name not in unreadable:
                contents[root / name] = None
        removed = list(recorded)
    return _Changes(contents, removed, unreadable, force)


def _update(store: Target, stats: dict[str, tuple[int, int]], force: bool, pinyin: bool, reset: bool) -> None:
    from xmfacts.factbase.parse import parse_sources
    from xmfacts.index import workers
    from xmfacts.index.parts import parts
    from xmfacts.index.progress import Progress
    from xmfacts.index.records import record
    from xmfacts.index.workers import content_hash, read

    conn, root, light = store.conn, store.root, store.light
    chosen = () if light else parts()
    # A part whose tables an older version wrote is rewritten whole, here and not only when the
    # part is next asked for: an edit seen in the same run would otherwise stamp the new version
    # on tables whose other files' rows the old version made.
    if reset or not _schema_current(conn) or not _parts_current(conn, chosen):
        _reset(conn, chosen)
        force = True
    problems: list[Problem] = []
    contents, removed, _, force = _changes(store, stats, force, problems)
    sources_path = root / SOURCES_FILE
    recorded_sources = conn.execute("SELECT 1 FROM files WHERE name = ?", (SOURCES_FILE,)).fetchone() is not None
    if sources_path in contents or not recorded_sources:
        if sources_path in contents and contents[sources_path] is None:
            read(sources_path, contents, problems)
        source_list = parse_sources(sources_path, {p: b for p, b in contents.items() if p == sources_path and b is not None}, problems)
    else:
        source_list = list(store.sources().values())
    by_id = {s.id: s for s in source_list}

    writers = [(part, part.writer(conn, force, pinyin)) for part in chosen]
    changed = sorted((p for p in contents if p.name != SOURCES_FILE), key=lambda p: p.name)
    for name in removed:
        _drop_file(conn, name, writers)
    edits, parsed = ({}, {}) if force or light else _edits(conn, changed, contents, by_id, writers, stats)
    changed = [p for p in changed if p not in edits]
    for p in changed:
        if p.name not in removed:
            _drop_file(conn, p.name, writers)
    if sources_path in contents or force:
        conn.execute("DELETE FROM sources")
        conn.executemany("INSERT INTO sources VALUES (?, ?)", [(s.id, marshal.dumps(record(s))) for s in source_list])
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('source order', ?)", (marshal.dumps(tuple(by_id)),))
        if sources_path in contents:
            conn.execute(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
                (SOURCES_FILE, *_trusted(stats[SOURCES_FILE]), content_hash(contents[sources_path] or b"")),
            )
    if not problems:
        for p, change in edits.items():
            _write_in_place(conn, p.name, change, stats[p.name], writers)
    progress = Progress(len(changed))
    # A whole build inserts into the index's b-trees all over (a fact's id, its figures' values):
    # a bigger page cache for its time saves reading pages back from the file. Memory only:
    # what is written, and when, is as with any other cache size.
    cache_size = conn.execute("PRAGMA cache_size").fetchone()[0] if force else None
    if cache_size is not None:
        conn.execute(f"PRAGMA cache_size = {_BUILD_CACHE_KIB}")
    try:
        files = [(p, contents[p]) for p in changed]
        names = tuple(part.name for part in chosen)
        for done, (p, ready) in enumerate(workers.prepared_files(files, by_id, pinyin, names, stats, problems, parsed)):
            if ready is not None and not problems:
                _write_topic(conn, p.name, ready, stats[p.name], writers)
            progress.advance(done + 1, len(ready.facts) if ready else 0)
    finally:
        progress.close()
        if cache_size is not None:
            conn.execute(f"PRAGMA cache_size = {int(cache_size)}")
    if problems:
        raise FactBaseError(problems)
    if force or changed or edits or removed or sources_path in contents:  # not for files only touched
        for part, writer in writers:
            writer.summarise()
            conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (version_key(part), part.version))


def _trusted(stat: tuple[int, int]) -> tuple[int, int]:
    """The size and mtime to record; a file changed moments ago is recorded so as to be re-hashed."""
    size, mtime = stat
    return (size, -1) if time.time_ns() - mtime < _RACY_NS else (size, mtime)


def _reset(conn: sqlite3.Connection, chosen: tuple[Part, ...]) -> None:
    """Empty the database (whatever it held: an older layout, someone else's tables) and create ours."""

    def named(sql: str) -> list[str]:
        return [r[0] for r in conn.execute(sql)]

    for kind in ("view", "trigger"):
        for name in named(f"SELECT name FROM sqlite_master WHERE type = '{kind}'"):
            conn.execute(f'DROP {kind.upper()} IF EXISTS "{name}"')
    # A virtual table first: its shadow tables go with it.
    for name in named("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'"):
        conn.execute(f'DROP TABLE IF EXISTS "{name}"')
    for name in named("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"):
        conn.execute(f'DROP TABLE IF EXISTS "{name}"')
    for schema in (_SCHEMA, *(part.schema for part in chosen)):
        for statement in schema.split(";"):
            if statement.strip():
                conn.execute(statement)
    conn.execute("INSERT INTO meta VALUES ('layout', ?)", (_key(),))


def _drop_file(conn: sqlite3.Connection, name: str, writers: list[tuple[Part, PartWriter]]) -> None:
    for _, writer in writers:  # first: a part finds the file's facts through the facts table
        writer.drop(name)
    conn.execute("DELETE FROM facts WHERE file = ?", (name,))
    conn.execute("DELETE FROM topics WHERE file = ?", (name,))
    conn.execute("DELETE FROM files WHERE name = ?", (name,))


def _write_topic(conn: sqlite3.Connection, name: str, ready: Ready, stat: tuple[int, int], writers: list[tuple[Part, PartWriter]]) -> None:
    topic_id, title, title_en, path = ready.topic
    conn.execute("INSERT INTO topics VALUES (?, ?, ?, ?, ?)", (topic_id, name, title, title_en, path))
    # The numbers SQLite would give the rows (one more than the largest so far, in order), given
    # here so that the parts need not read them back.
    (last,) = conn.execute("SELECT max(n) FROM facts").fetchone()
    first = (last or 0) + 1
    conn.executemany(
        "INSERT INTO facts(n, full_id, topic, file, pos, plain) VALUES (?, ?, ?, ?, ?, ?)",
        [(first + i, full_id, topic_id, name, pos, plain) for i, (full_id, pos, plain) in enumerate(ready.facts)],
    )
    numbers = range(first, first + len(ready.facts))
    for (_, writer), prepared in zip(writers, ready.parts):
        writer.write(name, numbers, prepared)
    conn.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", (name, *_trusted(stat), ready.digest))


# ---- re-indexing an edited file in place ------------------------------------------------------


def _edits(
    conn: sqlite3.Connection,
    changed: list[Path],
    contents: dict[Path, bytes | None],
    sources: dict[str, Source],
    writers: list[tuple[Part, PartWriter]],
    stats: dict[str, tuple[int, int]],
) -> tuple[dict[Path, _InPlace], dict[Path, Topic]]:
    """The edited files that can be re-indexed in place, parsed here, in this process, with
    what each part prepared for them: only when few files changed, as after a reporter's edit
    (a big change goes to worker processes whole). And the others parsed here, so as not to be
    parsed again."""
    from xmfacts.factbase import parse
    from xmfacts.index import workers
    from xmfacts.index.workers import content_hash

    size = sum(max(stats[p.name][0], 0) for p in changed)
    if len(changed) >= workers.PARALLEL_FILES and size >= workers.PARALLEL_BYTES:
        return {}, {}
    edits: dict[Path, _InPlace] = {}
    parsed: dict[Path, Topic] = {}
    for path in changed:
        data = contents[path]
        if data is None:
            continue
        found: list[Problem] = []
        topic = parse.parse_topic(path, data, sources, found)
        if topic is None or found:
            continue  # reported when the file is parsed again, as every other file's problems are
        found_edit = _edit_in_place(conn, path.name, topic, sources, writers)
        if found_edit is not None:
            edit, records = found_edit
            edits[path] = _InPlace(edit, records, content_hash(data), [writer.prepare_edit(path.name, edit) for _, writer in writers])
        else:
            parsed[path] = topic
    return edits, parsed


class _InPlace(NamedTuple):
    edit: FileEdit
    records: list[tuple[int, int, bytes]]  # number, place and record of each fact moved (FileEdit.moved)
    digest: str
    prepared: list[Any]  # each part's (PartWriter.prepare_edit)


def _edit_in_place(
    conn: sqlite3.Connection, name: str, topic: Topic, sources: dict[str, Source], writers: list[tuple[Part, PartWriter]]
) -> tuple[FileEdit, list[tuple[int, int, bytes]]] | None:
    """The edit that brings an indexed file to ``topic``, and the moved facts' records; None
    when its rows must be replaced whole."""
    from xmfacts.index.parts import FileEdit
    from xmfacts.index.records import fact_from, record, without_line

    header = conn.execute("SELECT id, title, title_en, path FROM topics WHERE file = ?", (name,)).fetchone()
    if header is None or (topic.id, topic.title, topic.title_en, topic.path) != tuple(header):
        return None
    old = {full_id: rest for full_id, *rest in conn.execute("SELECT full_id, n, pos, plain FROM facts WHERE file = ? ORDER BY pos", (name,))}
    numbers = [old[f.full_id][0] if f.full_id in old else None for f in topic.facts]
    if None in numbers or any(a >= b for a, b in zip(numbers, numbers[1:])):  # type: ignore[operator]
        return None  # a fact added or moved: numbered afresh
    moved: list[tuple[int, int, bytes]] = []
    edited = []
    for pos, fact in enumerate(topic.facts):
        n, old_pos, old_plain = old[fact.full_id]
        # compared as values: marshal's bytes for equal values may differ (it marks shared objects)
        now, was = record(fact), marshal.loads(old_plain)
        if now == was:
            if pos != old_pos:
                moved.append((n, pos, old_plain))
        elif without_line(now) == without_line(was):
            moved.append((n, pos, marshal.dumps(now)))
        else:
            edited.append((n, pos, fact))
    present = {f.full_id for f in topic.facts}
    gone = [full_id for full_id in old if full_id not in present]
    before = [fact_from(old[f.full_id][2], sources) for _, _, f in edited] + [fact_from(old[i][2], sources) for i in gone]  # as indexed
    if not all(part.edits_alone(topic, before) for part, _ in writers):
        return None
    return FileEdit(topic, numbers, edited, [(n, pos) for n, pos, _ in moved], [old[i][0] for i in gone], before), moved  # type: ignore[arg-type]


def _write_in_place(conn: sqlite3.Connection, name: str, change: _InPlace, stat: tuple[int, int], writers: list[tuple[Part, PartWriter]]) -> None:
    from xmfacts.index.records import record

    edit = change.edit
    for (_, writer), prepared in zip(writers, change.prepared):
        writer.apply_edit(name, edit, prepared)
    conn.executemany("DELETE FROM facts WHERE n = ?", [(n,) for n in edit.gone])
    conn.executemany("UPDATE facts SET pos = ?, plain = ? WHERE n = ?", [(pos, plain, n) for n, pos, plain in change.records])
    conn.executemany("UPDATE facts SET pos = ?, plain = ? WHERE n = ?", [(pos, marshal.dumps(record(fact)), n) for n, pos, fact in edit.edited])
    conn.execute("UPDATE files SET size = ?, mtime_ns = ?, hash = ? WHERE name = ?", (*_trusted(stat), change.digest, name))
