"""The fact-base index: one SQLite file per fact base, so a lookup costs the same at a million facts.

The TOML files stay the source of truth (``validate`` reads them); this file is a cache that
any run may rebuild. It holds one row per fact (the fact itself, marshalled, and search's
prepared fields, ``xmfacts.search.fields``), indexed by id and topic, and an FTS5 table
that files each fact under the words ``xmfacts.search.fact_words`` gives (Chinese as single
characters and character pairs, which FTS5's own tokenizers cannot find for 2-character terms
such as 授信; English stems; pinyin). ``show`` reads one row and ``search`` scores only the
facts the full-text index offers. For ``check`` it files each fact under its list of measure
terms and its names, with a small profile apart (``IndexedFacts``): a check reaches only the
facts whose measure a text names, and reads closely only those named near a figure.

Keeping it current costs one ``stat`` per file: a file whose size and mtime are as recorded is
not read. A file that changed is read and hashed; only if its bytes changed is it parsed and
its rows replaced, alone. A file edited within the same clock tick as it was indexed could
keep its size and mtime, so a file indexed less than ``_RACY_NS`` after its last change is
re-hashed on the next run (git's "racy" rule). A change to sources.toml re-parses every file.

A big build (megabytes of changed files) parses and prepares the files in worker processes,
one per core, while this process writes them in order: the same index as one process makes.
Every change happens in one transaction, so an interrupted build leaves the previous index;
a second process waits for the first's lock (``_LOCK_WAIT``), then finds nothing left to do.
A file that is not this layout's index (corrupt, truncated, foreign, older) is replaced;
an index that cannot be written at all is built in memory, as with ``XMFACTS_NO_CACHE=1``.
"""

from __future__ import annotations

import marshal
import os
import sqlite3
import sys
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from enum import Enum
import functools
from functools import cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from xmfacts import __version__
from xmfacts.errors import FactBaseError, Problem
from xmfacts.factbase.layout import SOURCES_FILE, TOPIC_SUFFIX
from xmfacts.model import BaseUnit, Fact, FactBase, Figure, Kind, Qualifier, Source, Topic

if TYPE_CHECKING:
    from xmfacts.check.profile import BaseStats
    from xmfacts.figures.interval import Interval
    from xmfacts.search import Row, SearchIndex

# Bump when the tables below, the way a fact is stored, or what check reads of a fact
# (check.check_profile) change. The model's field names are part of the key too, so a field
# added to Fact needs nothing here; search's prepared fields carry their own version
# (xmfacts.search.INDEX_VERSION).
_LAYOUT = 11

ENV_DIR = "XMFACTS_CACHE_DIR"
ENV_OFF = "XMFACTS_NO_CACHE"

_LOCK_WAIT = 120.0  # seconds to wait for another process's build before doing without the file
_RACY_NS = 3_000_000_000  # a file changed this close to its indexing is re-hashed next time
_BUILD_CACHE_KIB = -131_072  # 128 MiB of SQLite page cache while a whole base is indexed (negative: KiB)
_PROGRESS_AFTER = 1.0  # seconds of building before a progress bar appears (on a terminal)

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value);
CREATE TABLE files(name TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, hash TEXT, prepared BLOB, frequency BLOB);
CREATE TABLE sources(id TEXT PRIMARY KEY, plain BLOB);
CREATE TABLE topics(id TEXT PRIMARY KEY, file TEXT, title TEXT, title_en TEXT, path TEXT);
CREATE TABLE facts(n INTEGER PRIMARY KEY, full_id TEXT UNIQUE, topic TEXT, file TEXT, pos INTEGER, plain BLOB, row BLOB, words TEXT);
CREATE INDEX facts_order ON facts(file, pos);
CREATE INDEX facts_topic ON facts(topic, pos);
CREATE TABLE measure_lists(id INTEGER PRIMARY KEY, terms TEXT UNIQUE);
CREATE TABLE measures(term TEXT, list INTEGER, k INTEGER);
CREATE INDEX measures_term ON measures(term, list);
CREATE INDEX measures_list ON measures(list, term, k);
CREATE TABLE check_shapes(id INTEGER PRIMARY KEY, shape BLOB UNIQUE);
CREATE TABLE check_facts(n INTEGER PRIMARY KEY, list INTEGER, file TEXT, pos INTEGER, shape INTEGER, low REAL, high REAL);
CREATE INDEX check_facts_list ON check_facts(list, n, shape, low, high);
CREATE TABLE check_words(id INTEGER PRIMARY KEY, term TEXT UNIQUE);
CREATE TABLE check_profiles(list INTEGER, n INTEGER, terms TEXT, low TEXT, high TEXT, low_open INTEGER, high_open INTEGER, PRIMARY KEY(list, n)) WITHOUT ROWID;
CREATE TABLE figures(kind INTEGER, v REAL, n INTEGER);
CREATE INDEX figures_value ON figures(kind, v);
CREATE INDEX figures_fact ON figures(n);
CREATE VIRTUAL TABLE grams USING fts5(words, content='facts', content_rowid='n', detail=none, tokenize='unicode61 remove_diacritics 0');
"""

T = TypeVar("T")


def cache_dir() -> Path | None:
    if os.environ.get(ENV_OFF):
        return None
    explicit = os.environ.get(ENV_DIR)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "xmfacts"


def _key() -> str:
    """This version's layout: an index written by any other is rebuilt, not misread."""
    parts = [__version__, str(_LAYOUT), f"{sys.version_info[0]}.{sys.version_info[1]}"]
    parts += [f.name for cls in (Fact, Figure, Source, Topic) for f in fields(cls)]
    return " ".join(parts)


def index_path(root: Path) -> Path | None:
    """Where the index of the fact base at ``root`` lives: one file per fact-base directory."""
    directory = cache_dir()
    if directory is None:
        return None
    place = str(root.resolve()).encode("utf-8", "surrogatepass")
    return directory / f"factbase-{zlib.crc32(place):08x}.sqlite"


def _hash(data: bytes) -> str:
    # zlib's checksums cost nothing to import, where hashlib's OpenSSL costs ~3 ms per run.
    return f"{len(data):x}-{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


# ---- a fact as one marshalled value ---------------------------------------------------------
# marshal is built into the interpreter and reads a small tuple in microseconds. Dataclasses
# travel as tuples in their own field order; a field's type says how its plain value comes
# back (Decimal from text, enums from their value). A fact's source travels as its id.

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
        return value.id  # a fact's source; sources themselves are stored by _record
    return _record(value)


def _record(value: Any) -> tuple[Any, ...]:
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


def _build(cls: type, plain: tuple[Any, ...]) -> Any:
    return cls(*(v if d is None or v is None else d(v) for d, v in zip(_decoders(cls), plain)))


@cache
def _fact_positions() -> tuple[int, int, int]:
    """Where a fact's record holds its figure, its source and its line."""
    names = _names(Fact)
    return names.index("figure"), names.index("source"), names.index("line")


def _fact(plain: bytes, sources: dict[str, Source]) -> Fact:
    values = list(marshal.loads(plain))
    at_figure, at_source, _ = _fact_positions()
    values[at_figure], values[at_source] = _build(Figure, values[at_figure]), sources[values[at_source]]
    return _build(Fact, tuple(values))


# ---- the store --------------------------------------------------------------------------------


class Store:
    """An open, current index of one fact base."""

    def __init__(self, root: Path, conn: sqlite3.Connection, path: Path | None, light: bool = False) -> None:
        self.root = root
        self.conn = conn
        self.path = path  # None: in memory
        # An in-memory index starts with the facts alone (what show and most commands need);
        # search's and check's parts are added the first time one of them asks (_full).
        self.light = light
        self._sources: dict[str, Source] | None = None
        self._in_order_below: int | None = None

    def _full(self, pinyin: bool = False) -> None:
        if self.light:
            self.light = False
            self.conn = sqlite3.connect(":memory:")  # built afresh: the light one has no full-text rows to replace
            _sync(self, force=True, pinyin=pinyin)

    def sources(self) -> dict[str, Source]:
        if self._sources is None:
            self._sources = {sid: _build(Source, marshal.loads(p)) for sid, p in self.conn.execute("SELECT id, plain FROM sources")}
        return self._sources

    def fact(self, full_id: str) -> Fact | None:
        row = self.conn.execute("SELECT plain FROM facts WHERE full_id = ?", (full_id,)).fetchone()
        return _fact(row[0], self.sources()) if row else None

    def has_topic(self, topic_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM topics WHERE id = ?", (topic_id,)).fetchone() is not None

    def topic(self, topic_id: str) -> Topic | None:
        row = self.conn.execute("SELECT title, title_en, path FROM topics WHERE id = ?", (topic_id,)).fetchone()
        if row is None:
            return None
        sources = self.sources()
        facts = tuple(_fact(p, sources) for (p,) in self.conn.execute("SELECT plain FROM facts WHERE topic = ? ORDER BY pos", (topic_id,)))
        return Topic(topic_id, row[0], row[1], facts, row[2])

    def factbase(self) -> FactBase:
        """The whole fact base, as parsing the TOML gives it."""
        sources = self.sources()
        by_topic: dict[str, list[Fact]] = {}
        for topic, plain in self.conn.execute("SELECT topic, plain FROM facts ORDER BY file, pos"):
            by_topic.setdefault(topic, []).append(_fact(plain, sources))
        topics = tuple(
            Topic(tid, title, title_en, tuple(by_topic.get(tid, ())), path)
            for tid, title, title_en, path in self.conn.execute("SELECT id, title, title_en, path FROM topics ORDER BY file")
        )
        order = [sid for (sid,) in self.conn.execute("SELECT value FROM meta WHERE key = 'source order'")]
        ids = marshal.loads(order[0]) if order else tuple(sources)
        return FactBase(topics, tuple(sources[s] for s in ids), str(self.root))

    def rows(self) -> list[Row]:
        self._full()
        return [marshal.loads(r) for (r,) in self.conn.execute("SELECT row FROM facts ORDER BY file, pos")]

    def search_index(self, pinyin: bool = False) -> SearchIndex:
        """Search's summary of the whole base (syllables, unchanging characters), without its
        rows or its vocabulary (``vocabulary``)."""
        from xmfacts.search import INDEX_VERSION, SearchIndex

        self._full(pinyin)
        stored = dict(self.conn.execute("SELECT key, value FROM meta WHERE key IN ('search', 'has pinyin')"))
        if stored.get("search") != INDEX_VERSION or (pinyin and not stored.get("has pinyin")):
            _sync(self, force=True, pinyin=True)
        (summary,) = self.conn.execute("SELECT value FROM meta WHERE key = 'summary'").fetchone()
        syllables, stable, has_pinyin = marshal.loads(summary)
        return SearchIndex((), (), syllables, stable, has_pinyin)

    def vocabulary(self) -> tuple[str, ...]:
        """The terms "did you mean" chooses from: read only when a search finds nothing, since
        it grows with the base (every tag, measure, entity and topic title)."""
        self.search_index()
        (blob,) = self.conn.execute("SELECT value FROM meta WHERE key = 'vocabulary'").fetchone()
        return marshal.loads(blob)  # type: ignore[no-any-return]

    def candidates(
        self,
        match: str | None,
        topic: str | None,
        with_facts: bool = False,
        figures: Sequence[tuple[list[tuple[int, float, float]], str | None]] = (),
    ) -> Iterator[tuple[Callable[[], Fact], Row]]:
        """(a way to get the fact, its prepared fields) in fact-base order: the facts filed under
        ``match`` (all if None), and for each of ``figures`` (search.figure_filter) with a
        figure in its ranges or filed under its words. Rebuilding a fact costs more than
        scoring it: only on demand, and its stored record is read with the candidates only when
        most of them will need it (``with_facts``: a figure is asked for); otherwise one row is
        read for each fact shown."""
        self._full()
        where: list[str] = []
        args: list[object] = []
        if match is not None:
            where.append("n IN (SELECT rowid FROM grams WHERE grams MATCH ?)")
            args.append(match)
        for ranges, written in figures:
            either = ["n IN (SELECT n FROM figures WHERE " + " OR ".join(["(kind = ? AND v BETWEEN ? AND ?)"] * len(ranges)) + ")"]
            args.extend(bound for r in ranges for bound in r)
            if written is not None:
                either.append("n IN (SELECT rowid FROM grams WHERE grams MATCH ?)")
                args.append(written)
            where.append("(" + " OR ".join(either) + ")")
        if topic is not None:
            where.append("topic = ?")
            args.append(topic)
        columns = "n, row, plain" if with_facts else "n, row, NULL"
        sql = f"SELECT {columns} FROM facts" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY file, pos"
        try:
            found = self.conn.execute(sql, args)
        except sqlite3.OperationalError:
            if match is None and not figures:
                raise
            # A query FTS5 cannot read would be a bug in search.match_expression: score every
            # fact rather than fail the search.
            yield from self.candidates(None, topic, with_facts)
            return
        sources = self.sources()
        for n, row, plain in found:
            fact_of = functools.partial(_fact, plain, sources) if with_facts else functools.partial(self.fact_numbered, n)
            yield fact_of, marshal.loads(row)

    def candidates_at(self, numbers: list[int]) -> Iterator[tuple[Callable[[], Fact], Row]]:
        """``candidates`` for the facts numbered ``numbers``, in that order."""
        rows = dict(self.conn.execute(f"SELECT n, row FROM facts WHERE n IN ({', '.join('?' * len(numbers))})", numbers))
        for n in numbers:
            yield functools.partial(self.fact_numbered, n), marshal.loads(rows[n])

    def words_between(self, low: str, high: str) -> list[tuple[str, int]]:
        """The full-text index's words between ``low`` and ``high``, in order, each with how many
        facts are filed under it: read from the index's word list, not from its facts."""
        self._full()
        self.conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.gram_words USING fts5vocab(main, grams, row)")
        sql = "SELECT term, doc FROM temp.gram_words WHERE term > ? AND term < ? ORDER BY term"
        return [(word, count) for word, count in self.conn.execute(sql, (low, high)) if count]

    def filed(self, words: set[str]) -> set[str]:
        """Those of ``words`` some fact is filed under, from the index's word list."""
        self._full()
        self.conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.gram_words USING fts5vocab(main, grams, row)")
        asked = sorted(words)
        sql = f"SELECT term FROM temp.gram_words WHERE term IN ({','.join('?' * len(asked))}) AND doc > 0"
        return {word for (word,) in self.conn.execute(sql, asked)}

    def first_filed(self, word: str, count: int) -> list[int]:
        """The first ``count`` facts, in fact-base order, filed under ``word``.

        The full-text index lists facts by number, and a build numbers them in fact-base order
        (a file's facts one after another as they stand in it, the files by name): the first
        facts it lists are the ones wanted. A file indexed again alone is numbered after all the
        others; the facts numbered from the first such file on are sorted, and the two merged.
        """
        quoted = '"' + word.replace('"', '""') + '"'
        after = self._renumbered_from()
        in_order = "SELECT rowid FROM grams WHERE grams MATCH ? AND rowid < ? ORDER BY rowid LIMIT ?"
        found = [n for (n,) in self.conn.execute(in_order, (quoted, after, count))]
        if after > (self._last_number() or 0):
            return found
        sql = (
            "SELECT n, file, pos FROM facts WHERE n IN (SELECT rowid FROM grams WHERE grams MATCH ? AND rowid >= ?)"
            " ORDER BY file, pos LIMIT ?"
        )
        later = self.conn.execute(sql, (quoted, after, count)).fetchall()
        if not later:
            return found
        places = self.conn.execute(f"SELECT n, file, pos FROM facts WHERE n IN ({', '.join('?' * len(found))})", found).fetchall()
        return [n for n, _, _ in sorted(places + later, key=lambda r: (r[1], r[2]))[:count]]

    def _last_number(self) -> int | None:
        return self.conn.execute("SELECT max(n) FROM facts").fetchone()[0]  # type: ignore[no-any-return]

    def _renumbered_from(self) -> int:
        """The lowest fact number from which fact-base order may not be number order: the first
        of the files indexed alone after a build (one more than the last fact's when there is
        none). Below it, each file's facts come after those of every file before it by name,
        and a file's facts are numbered as they stand in it (a build inserts them so). Two
        lookups per file."""
        if self._in_order_below is None:
            sql = (
                "SELECT (SELECT n FROM facts WHERE file = name ORDER BY pos LIMIT 1),"
                " (SELECT n FROM facts WHERE file = name ORDER BY pos DESC LIMIT 1) FROM files ORDER BY name DESC"
            )
            lowest_later = bound = (self._last_number() or 0) + 1
            for first, last in self.conn.execute(sql):
                if first is None:  # sources.toml
                    continue
                if first > last or last > lowest_later:  # numbered (in part) after a file that follows it
                    bound = min(bound, first)
                lowest_later = min(lowest_later, first)
            self._in_order_below = bound
        return self._in_order_below

    def measure_terms(self) -> list[str]:
        """Every measure term of the fact base, once."""
        self._full()
        return [t for (t,) in self.conn.execute("SELECT DISTINCT term FROM measures")]

    def claim_source(self, terms: Iterable[str]) -> IndexedFacts:
        """What ``check`` may tie a text's figures to: the facts carrying one of these measure terms."""
        self._full()
        return IndexedFacts(self, terms)

    def fact_numbered(self, n: int) -> Fact:
        (plain,) = self.conn.execute("SELECT plain FROM facts WHERE n = ?", (n,)).fetchone()
        return _fact(plain, self.sources())

    def check_stats(self) -> BaseStats:
        from xmfacts.check.profile import BaseStats

        self._full()
        (blob,) = self.conn.execute("SELECT value FROM meta WHERE key = 'check stats'").fetchone()
        count, frequency, lower_words = marshal.loads(blob)
        return BaseStats(count, frequency, frozenset(lower_words))


def _bounds_conditions(claim: Interval, args: list[Any]) -> list[str]:
    """SQL conditions on check_facts that every fact whose figure overlaps ``claim`` meets
    (their arguments appended to ``args``).

    Decimal bounds rounded to the nearest float keep their order (a ≤ b gives float(a) ≤
    float(b)), so a figure whose rounded bounds miss the claim's cannot overlap it: only the
    facts left are compared exactly. Open ends are taken as closed, to be sure.
    """
    conditions = []
    low = None if claim.low is None else float(claim.low)
    high = None if claim.high is None else float(claim.high)
    if low is not None and low == low:  # not NaN, which SQLite would take for NULL
        conditions.append("(high IS NULL OR high >= ?)")
        args.append(low)
    if high is not None and high == high:
        conditions.append("(low IS NULL OR low <= ?)")
        args.append(high)
    return conditions


class IndexedFacts:
    """The facts a check may read (``check.FactSource``), answered from the index: a text about
    上市公司 at a hundred thousand facts reaches thousands of facts measuring listed companies,
    but reads the words only of those it names nearby (or that are about the city), and the
    figures only of those it must compare."""

    _CHUNK = 500  # numbers per query, under SQLite's limit on parameters

    def __init__(self, store: Store, terms: Iterable[str]) -> None:
        self.store = store
        conn = store.conn
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS wanted(term TEXT PRIMARY KEY)")
        conn.execute("DELETE FROM wanted")
        conn.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", [(t,) for t in terms])
        lists = [number for (number,) in conn.execute("SELECT DISTINCT list FROM measures WHERE term IN (SELECT term FROM wanted)")]
        # Facts are numbered in fact-base order. After a build their row numbers are that order,
        # and each list's facts are read from the index on (list, n, shape) alone; once a file has
        # been re-indexed alone, the facts' places in their files number them instead.
        self.rowid: list[int] | None = None
        self.shape_ids: dict[int, int] = {}
        self.list_of: dict[int, int] = {}
        self.lists: dict[int, set[int]] = {}
        if store._renumbered_from() > (store._last_number() or 0):
            for number in lists:
                found = conn.execute("SELECT n, shape FROM check_facts WHERE list = ?", (number,)).fetchall()
                if found:  # a list outlives its facts when their file is re-indexed
                    self.shape_ids.update(found)
                    members = self.lists[number] = {n for n, _ in found}
                    self.list_of.update(dict.fromkeys(members, number))
        else:
            marks = ",".join("?" * len(lists))
            found = conn.execute(f"SELECT n, list, shape FROM check_facts WHERE list IN ({marks}) ORDER BY file, pos", lists).fetchall()
            self.rowid = [row[0] for row in found]
            for i, (_, number, shape) in enumerate(found):
                self.shape_ids[i] = shape
                self.list_of[i] = number
                self.lists.setdefault(number, set()).add(i)
        lists = list(self.lists)
        self.rows = conn.execute(f"SELECT term, list, k FROM measures WHERE list IN ({','.join('?' * len(lists))})", lists).fetchall()
        self._sketches: dict[int, Any] = {}
        self._codes: dict[str, str | None] = {}
        self._numbers: dict[int, int] | None = None  # fact numbers by row number, when they differ

    def measure_rows(self) -> list[tuple[str, int, int]]:
        return self.rows

    def members(self) -> tuple[dict[int, set[int]], dict[int, int]]:
        return self.lists, self.list_of

    def named(self, words: str) -> tuple[set[int] | None, dict[str, set[int]]]:
        from xmfacts.check.profile import sketch_names

        sketches = self.shape_sketches(list(set(self.shape_ids.values())))
        city_shapes: set[int] = set()
        said: dict[int, list[str]] = {}  # the names ``words`` holds, of the shapes it names
        for key, shape in sketches.items():
            names = list(dict.fromkeys(sketch_names(shape)))
            if not any(names):
                city_shapes.add(key)
            else:
                present = [name for name in names if name in words]
                if present:
                    said[key] = present
        city = {i for i, key in self.shape_ids.items() if key in city_shapes}
        of_shape: dict[int, list[int]] = {}
        for i, key in self.shape_ids.items():
            if key in said:
                of_shape.setdefault(key, []).append(i)
        by_name: dict[str, set[int]] = {}
        for key, numbers in of_shape.items():
            for name in said[key]:
                by_name.setdefault(name, set()).update(numbers)
        return city, by_name

    def shapes(self, numbers: Iterable[int]) -> dict[int, int]:
        shape_ids = self.shape_ids
        return {i: shape_ids[i] for i in numbers}

    def shape_sketches(self, keys: Sequence[Any]) -> dict[Any, Any]:
        missing = [k for k in keys if k not in self._sketches]
        for start in range(0, len(missing), self._CHUNK):
            chunk = missing[start : start + self._CHUNK]
            sql = f"SELECT id, shape FROM check_shapes WHERE id IN ({','.join('?' * len(chunk))})"
            self._sketches.update((key, marshal.loads(shape)) for key, shape in self.store.conn.execute(sql, chunk))
        return {k: self._sketches[k] for k in keys}

    def _rows(self, columns: str, numbers: Sequence[int]) -> list[tuple[Any, ...]]:
        """(fact number, columns…) of these facts' profiles, a chunk of numbers per query."""
        by_list: dict[int, list[int]] = {}
        list_of = self.list_of
        if self.rowid is None:
            for i in numbers:
                by_list.setdefault(list_of[i], []).append(i)
        else:
            for i in numbers:
                by_list.setdefault(list_of[i], []).append(self.rowid[i])
        rows = []
        for number, rowids in by_list.items():
            for start in range(0, len(rowids), self._CHUNK):
                chunk = rowids[start : start + self._CHUNK]
                sql = f"SELECT n, {columns} FROM check_profiles WHERE list = ? AND n IN ({','.join('?' * len(chunk))})"
                rows += self.store.conn.execute(sql, [number, *chunk]).fetchall()
        if self.rowid is not None:
            number = {self.rowid[i]: i for i in numbers}
            rows = [(number[row[0]], *row[1:]) for row in rows]
        return rows

    def profiles(self, numbers: Sequence[int]) -> dict[int, tuple[str, tuple[str | None, str | None, bool, bool]]]:
        return {row[0]: (row[1], row[2:]) for row in self._rows("terms, low, high, low_open, high_open", numbers)}

    def intervals(self, numbers: Sequence[int]) -> dict[int, tuple[str | None, str | None, bool, bool]]:
        return {row[0]: row[1:] for row in self._rows("low, high, low_open, high_open", numbers)}

    def may_fit(self, numbers: set[int], lists: Iterable[int], claim: Interval) -> set[int]:
        if not numbers:
            return numbers
        lists = list(dict.fromkeys(lists))
        conditions, args = [f"list IN ({','.join('?' * len(lists))})"], [*lists]
        conditions += _bounds_conditions(claim, args)
        found = [n for (n,) in self.store.conn.execute(f"SELECT n FROM check_facts WHERE {' AND '.join(conditions)}", args)]
        if self.rowid is not None:
            if self._numbers is None:
                self._numbers = {rowid: i for i, rowid in enumerate(self.rowid)}
            found = [self._numbers[n] for n in found if n in self._numbers]
        return numbers.intersection(found)

    def shapes_named(self, words: str) -> dict[Any, Any]:
        from xmfacts.check.profile import sketch_names

        # a few hundred shapes in a base of a million facts (one per subject, unit and scope)
        shapes = [(key, marshal.loads(blob)) for key, blob in self.store.conn.execute("SELECT id, shape FROM check_shapes")]
        return {key: shape for key, shape in shapes if any(name in words for name in sketch_names(shape))}

    def fitting(self, keys: Iterable[Any], claim: Interval) -> Iterator[tuple[str | None, str | None, bool, bool]]:
        keys = list(keys)
        # facts of any measure list: one pass over check_facts, on the rare way to an alarm
        conditions, args = [f"shape IN ({','.join('?' * len(keys))})"], [*keys]
        conditions += _bounds_conditions(claim, args)
        found = self.store.conn.execute(f"SELECT list, n FROM check_facts WHERE {' AND '.join(conditions)} ORDER BY n", args).fetchall()
        for start in range(0, len(found), self._CHUNK):
            chunk = found[start : start + self._CHUNK]
            sql = f"SELECT low, high, low_open, high_open FROM check_profiles WHERE (list, n) IN ({','.join(['(?, ?)'] * len(chunk))})"
            yield from self.store.conn.execute(sql, [v for row in chunk for v in row])

    def word_keys(self, terms: Sequence[str]) -> dict[str, str]:
        missing = [t for t in dict.fromkeys(terms) if t not in self._codes]
        for start in range(0, len(missing), self._CHUNK):
            chunk = missing[start : start + self._CHUNK]
            self._codes.update(dict.fromkeys(chunk))  # None: a word no fact has ever had
            sql = f"SELECT term, id FROM check_words WHERE term IN ({','.join('?' * len(chunk))})"
            self._codes.update((term, _word_code(number)) for term, number in self.store.conn.execute(sql, chunk))
        return {t: code for t in terms if (code := self._codes[t]) is not None}

    def fact(self, number: int) -> Fact:
        return self.store.fact_numbered(number if self.rowid is None else self.rowid[number])


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


def open_store(root: Path, fresh: bool = False, memory: bool = False) -> Store:
    """The index of ``root``, brought up to date; raise FactBaseError for an invalid fact base."""
    stats = _listing(root)
    if not [name for name in stats if name != SOURCES_FILE]:
        raise FactBaseError([Problem(str(root), "no topic files (*.toml) in the fact directory")])
    path = None if memory else index_path(root)
    if path is not None:
        try:
            if fresh:
                _remove(path)
            new = fresh or not path.exists()
            path.parent.mkdir(parents=True, exist_ok=True)
            store = Store(root, sqlite3.connect(path, timeout=_LOCK_WAIT, isolation_level=None), path)
            _sync(store, force=False, pinyin=True, stats=stats)
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
    # spelled only for a query that needs it (Store.search_index).
    _sync(store, force=False, pinyin=False, stats=stats)
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


def _schema_current(conn: sqlite3.Connection) -> bool:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'layout'").fetchone()
    except sqlite3.OperationalError:  # no such table: empty, or someone else's database
        return False
    return row is not None and row[0] == _key()


def _listing(root: Path) -> dict[str, tuple[int, int]]:
    """Each fact file's size and mtime by name, in name order (the files of ``locate.fact_files``):
    one read of the directory and a stat per file, which is all an unchanged base costs."""
    out: dict[str, tuple[int, int]] = {}
    try:
        with os.scandir(root) as listing:
            entries = sorted((e for e in listing if e.name.endswith(TOPIC_SUFFIX)), key=lambda e: e.name)
    except OSError:
        return out
    for entry in entries:
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


def _sync(store: Store, force: bool, pinyin: bool, stats: dict[str, tuple[int, int]] | None = None) -> None:
    """Bring the index up to date with the files: nothing but a stat per file when nothing changed."""
    conn = store.conn
    if stats is None:
        stats = _listing(store.root)
    if not force and _current(conn, stats):
        return
    conn.execute("BEGIN IMMEDIATE")  # waits for another builder, then sees what it did
    try:
        _update(store, stats, force, pinyin, store.light)
        # what the next run compares its listing with (the files as recorded: a file changed
        # moments ago is recorded so as to be looked at again)
        recorded = {name: (size, mtime) for name, size, mtime in conn.execute("SELECT name, size, mtime_ns FROM files")}
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('files', ?)", (_fingerprint(recorded),))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        store._sources = None
        store._in_order_below = None


def _update(store: Store, stats: dict[str, tuple[int, int]], force: bool, pinyin: bool, light: bool) -> None:
    from xmfacts.factbase.parse import parse_sources

    conn, root = store.conn, store.root
    if not _schema_current(conn):
        _reset(conn)
        force = True
    recorded = {name: (size, mtime, digest) for name, size, mtime, digest in conn.execute("SELECT name, size, mtime_ns, hash FROM files")}
    problems: list[Problem] = []
    contents: dict[Path, bytes | None] = {}  # None: not read yet
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
        if not force and old is not None and old[2] == _hash(data):  # touched, not changed
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
    sources_path = root / SOURCES_FILE
    if sources_path in contents or SOURCES_FILE not in recorded:
        if sources_path in contents and contents[sources_path] is None:
            _read(sources_path, contents, problems)
        source_list = parse_sources(sources_path, {p: b for p, b in contents.items() if p == sources_path and b is not None}, problems)
    else:
        source_list = list(store.sources().values())
    by_id = {s.id: s for s in source_list}

    changed = sorted((p for p in contents if p.name != SOURCES_FILE), key=lambda p: p.name)
    # The summaries of the files about to go, so that the whole base's term counts can be
    # brought up to date instead of added up again from every file (_summarise).
    dropped: list[bytes] | None = None
    if not force:
        dropped = []
        for name in dict.fromkeys([*removed, *(p.name for p in changed)]):
            dropped += [blob for (blob,) in conn.execute("SELECT frequency FROM files WHERE name = ? AND frequency IS NOT NULL", (name,))]
    for name in removed:
        _drop_file(conn, name)
    edits, parsed = ({}, {}) if force or light else _edits(conn, changed, contents, by_id, pinyin, stats)
    changed = [p for p in changed if p not in edits]
    for p in changed:
        if p.name not in removed:
            _drop_file(conn, p.name)
    if sources_path in contents or force:
        conn.execute("DELETE FROM sources")
        conn.executemany("INSERT INTO sources VALUES (?, ?)", [(s.id, marshal.dumps(_record(s))) for s in source_list])
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('source order', ?)", (marshal.dumps(tuple(by_id)),))
        if sources_path in contents:
            conn.execute(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, NULL, NULL)",
                (SOURCES_FILE, *_trusted(stats[SOURCES_FILE]), _hash(contents[sources_path] or b"")),
            )
    codes: dict[str, str] = {}  # check's words as their codes (_word_codes), for the files below
    if not problems:
        for p, edit in edits.items():
            _write_in_place(conn, p.name, edit, stats[p.name], codes)
    progress = _Progress(len(changed))
    # A whole build inserts into the index's b-trees all over (a fact's id, its figures' values):
    # a bigger page cache for its time saves reading pages back from the file. Memory only:
    # what is written, and when, is as with any other cache size.
    cache_size = conn.execute("PRAGMA cache_size").fetchone()[0] if force else None
    if cache_size is not None:
        conn.execute(f"PRAGMA cache_size = {_BUILD_CACHE_KIB}")
    try:
        files = [(p, contents[p]) for p in changed]
        for done, (p, ready) in enumerate(_prepared_files(files, by_id, pinyin, light, stats, problems, parsed)):
            if ready is not None and not problems:
                _write_topic(conn, p.name, ready, stats[p.name], codes)
            progress.advance(done + 1, len(ready.facts) if ready else 0)
    finally:
        progress.close()
        if cache_size is not None:
            conn.execute(f"PRAGMA cache_size = {int(cache_size)}")
    if problems:
        raise FactBaseError(problems)
    if not light and (force or changed or edits or removed or sources_path in contents):  # not for files only touched
        _summarise(conn, pinyin, None if dropped is None else (dropped, {p.name for p in [*changed, *edits]}))


def _edits(
    conn: sqlite3.Connection,
    changed: list[Path],
    contents: dict[Path, bytes | None],
    sources: dict[str, Source],
    pinyin: bool,
    stats: dict[str, tuple[int, int]],
) -> tuple[dict[Path, _Edit], dict[Path, Topic]]:
    """The edited files that can be re-indexed in place (see _Edit), parsed here, in this
    process: only when few files changed, as after a reporter's edit (a big change goes to
    worker processes whole). And the others parsed here, so as not to be parsed again."""
    from xmfacts.factbase import parse

    size = sum(max(stats[p.name][0], 0) for p in changed)
    if len(changed) >= _PARALLEL_FILES and size >= _PARALLEL_BYTES:
        return {}, {}
    edits: dict[Path, _Edit] = {}
    parsed: dict[Path, Topic] = {}
    for path in changed:
        data = contents[path]
        indexed = _indexed(conn, path.name) if data is not None else None
        if indexed is None:
            continue
        found: list[Problem] = []
        topic = parse.parse_topic(path, data, sources, found)
        if topic is None or found:
            continue  # reported when the file is parsed again, as every other file's problems are
        edit = _edit_in_place(topic, _hash(data), pinyin, indexed, sources)
        if edit is not None:
            edits[path] = edit
        else:
            parsed[path] = topic
    return edits, parsed


def _trusted(stat: tuple[int, int]) -> tuple[int, int]:
    """The size and mtime to record; a file changed moments ago is recorded so as to be re-hashed."""
    size, mtime = stat
    return (size, -1) if time.time_ns() - mtime < _RACY_NS else (size, mtime)


def _reset(conn: sqlite3.Connection) -> None:
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
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("INSERT INTO meta VALUES ('layout', ?)", (_key(),))


def _drop_file(conn: sqlite3.Connection, name: str) -> None:
    lists = [number for (number,) in conn.execute("SELECT DISTINCT list FROM check_facts WHERE file = ?", (name,))]
    facts = "SELECT list, n FROM check_facts WHERE n IN (SELECT n FROM facts WHERE file = ?)"
    conn.execute(f"DELETE FROM check_profiles WHERE (list, n) IN ({facts})", (name,))
    conn.execute("DELETE FROM check_facts WHERE n IN (SELECT n FROM facts WHERE file = ?)", (name,))
    _drop_unused_lists(conn, lists)
    conn.execute("DELETE FROM figures WHERE n IN (SELECT n FROM facts WHERE file = ?)", (name,))
    conn.execute("INSERT INTO grams(grams, rowid, words) SELECT 'delete', n, words FROM facts WHERE file = ?", (name,))
    conn.execute("DELETE FROM facts WHERE file = ?", (name,))
    conn.execute("DELETE FROM topics WHERE file = ?", (name,))
    conn.execute("DELETE FROM files WHERE name = ?", (name,))


def _drop_unused_lists(conn: sqlite3.Connection, lists: Iterable[int]) -> None:
    """The measure lists among ``lists`` that no fact has any more: a check would read their
    terms for nothing, and an index that is edited for years would keep every list it ever had."""
    unused = [(number,) for number in lists if conn.execute("SELECT 1 FROM check_facts WHERE list = ? LIMIT 1", (number,)).fetchone() is None]
    conn.executemany("DELETE FROM measures WHERE list = ?", unused)
    conn.executemany("DELETE FROM measure_lists WHERE id = ?", unused)


@dataclass(frozen=True)
class _Ready:
    """One topic file, parsed and prepared: plain values only, so a worker process can make it."""

    topic: tuple[str, str, str, str]  # id, title, title_en, path
    facts: list[tuple[str, int, bytes, bytes | None, str, list[tuple[int, float]]]]  # full_id, pos, plain, row, words, figure
    check: list[_CheckEntry]  # what check reads of each fact (_check_entries)
    summary: bytes | None  # what _summarise adds up (_file_summary); None for a light index
    frequency: bytes | None  # check's term counts, apart: only a changed file's are read again
    digest: str


def _file_summary(
    vocabulary: Sequence[str], titles: Sequence[str], syllables: Iterable[str], stable: Iterable[str], claims: BaseStats
) -> tuple[bytes, bytes]:
    """A file's part of the whole base's summary (_summarise), and apart its term counts."""
    summary = (tuple(vocabulary), tuple(titles), tuple(syllables), tuple(stable), claims.count, tuple(claims.lower_words))
    return marshal.dumps(summary), marshal.dumps(claims.frequency)


def _prepare_topic(topic: Topic, digest: str, pinyin: bool, light: bool) -> _Ready:
    header = (topic.id, topic.title, topic.title_en, topic.path)
    if light:
        facts = [(fact.full_id, pos, marshal.dumps(_record(fact)), None, "", []) for pos, fact in enumerate(topic.facts)]
        return _Ready(header, facts, [], None, None, digest)
    from xmfacts.check.profile import base_stats
    from xmfacts.search.fields import figure_values, stable_characters
    from xmfacts.search import prepare

    prepared = prepare(FactBase((topic,), ()), pinyin, words=True)
    facts = [
        (fact.full_id, pos, marshal.dumps(_record(fact)), marshal.dumps(row), words, figure_values(fact))
        for pos, (fact, row, words) in enumerate(zip(topic.facts, prepared.rows, prepared.words))
    ]
    terms, check = _check_entries(topic.facts)
    claims = base_stats(topic.facts, terms)
    stable = stable_characters(prepared.rows, prepared.characters)
    summary, frequency = _file_summary(prepared.vocabulary, prepared.titles, prepared.syllables, stable, claims)
    return _Ready(header, facts, check, summary, frequency, digest)


# What check reads of a fact (_insert_check): its measure terms (joined), its shape (the
# sketch but its interval, marshalled), its interval, and its words.
_CheckEntry = tuple[str, bytes, tuple["str | None", "str | None", bool, bool], str]


def _check_entries(facts: Sequence[Fact]) -> tuple[list[frozenset[str]], list[_CheckEntry]]:
    """Each fact's terms (check.fact_terms), and what check reads of it (_insert_check)."""
    from xmfacts.check.profile import check_profile, fact_terms

    terms = [fact_terms(f) for f in facts]
    check: list[_CheckEntry] = []
    for f, t in zip(facts, terms):
        words, sketch = check_profile(f, t)
        check.append((_SEPARATOR.join(dict.fromkeys(f.measure)), marshal.dumps(sketch[:7]), sketch[7], words))
    return terms, check


# ---- re-indexing an edited file in place ------------------------------------------------------
# A reporter edits one fact of a file of thousands: preparing the whole file again would cost
# seconds at a million facts. A file whose facts are still those indexed, in the same order
# (some edited, some removed), keeps each unchanged fact's rows and number; only the edited
# facts are prepared. The numbers stay in fact-base order, so search's levels read as before
# (Store.first_filed). Anything else (a fact added or moved, a topic retitled, a traditional
# character anywhere, whose folding reaches across facts) replaces the file's rows whole.
#
# The two classes below are plain NamedTuples, not frozen dataclasses: this module is imported
# by every lookup, and defining a dataclass costs ~0.7 ms (its methods are generated with exec).


class _Indexed(NamedTuple):
    """A file's facts as the index holds them."""

    topic: tuple[str, str, str, str]  # id, title, title_en, path
    facts: dict[str, tuple[int, int, bytes, bytes, str]]  # full_id: n, pos, plain, row, words
    frequency: bytes


class _Edit(NamedTuple):
    """An edited file, prepared to be written in place (_write_in_place)."""

    kept: list[tuple[int, int, bytes]]  # n, pos, plain: unchanged facts whose place or line moved
    changed: list[tuple[int, int, bytes, bytes, str, str]]  # n, pos, plain, row, words, the words it had
    figures: list[tuple[int, float, int]]  # the changed facts' figures: kind, value, n
    check: list[tuple[int, int, _CheckEntry]]  # n, pos and what check reads of the changed facts (_insert_check)
    removed: list[tuple[int, str]]  # n, words
    summary: bytes
    frequency: bytes
    digest: str


def _indexed(conn: sqlite3.Connection, name: str) -> _Indexed | None:
    topic = conn.execute("SELECT id, title, title_en, path FROM topics WHERE file = ?", (name,)).fetchone()
    frequency = conn.execute("SELECT frequency FROM files WHERE name = ?", (name,)).fetchone()
    if topic is None or frequency is None or frequency[0] is None:
        return None
    sql = "SELECT full_id, n, pos, plain, row, words FROM facts WHERE file = ? ORDER BY pos"
    facts = {full_id: rest for full_id, *rest in conn.execute(sql, (name,))}
    return _Indexed(tuple(topic), facts, frequency[0])  # type: ignore[arg-type]


def _without_line(plain: tuple[Any, ...]) -> tuple[Any, ...]:
    at = _fact_positions()[2]
    return plain[:at] + plain[at + 1 :]


def _edit_in_place(topic: Topic, digest: str, pinyin: bool, indexed: _Indexed, sources: dict[str, Source]) -> _Edit | None:
    """The edit that brings an indexed file to ``topic``, or None when its rows must be replaced whole."""
    from xmfacts.check.profile import base_stats, fact_terms
    from xmfacts.search.fields import figure_values, folds_alone, stable_characters, summary_of
    from xmfacts.search import prepare

    if (topic.id, topic.title, topic.title_en, topic.path) != indexed.topic:
        return None
    old = indexed.facts
    numbers = [old[f.full_id][0] if f.full_id in old else None for f in topic.facts]
    if None in numbers or any(a >= b for a, b in zip(numbers, numbers[1:])):  # type: ignore[operator]
        return None  # a fact added or moved: numbered afresh
    kept: list[tuple[int, int, bytes]] = []
    edited: list[tuple[int, int, Fact]] = []
    for pos, fact in enumerate(topic.facts):
        n, old_pos, old_plain, _, _ = old[fact.full_id]
        # compared as values: marshal's bytes for equal values may differ (it marks shared objects)
        record, was = _record(fact), marshal.loads(old_plain)
        if record == was:
            if pos != old_pos:
                kept.append((n, pos, old_plain))
        elif _without_line(record) == _without_line(was):
            kept.append((n, pos, marshal.dumps(record)))
        else:
            edited.append((n, pos, fact))
    present = {f.full_id for f in topic.facts}
    gone = [full_id for full_id in old if full_id not in present]
    before = [_fact(old[f.full_id][2], sources) for _, _, f in edited] + [_fact(old[i][2], sources) for i in gone]  # as indexed
    if not folds_alone(topic, before):
        return None
    changed_facts = [f for _, _, f in edited]
    new_rows: Sequence[Row] = ()
    new_words: Sequence[str] = ()
    if changed_facts:  # else not even pypinyin is imported
        alone = Topic(topic.id, topic.title, topic.title_en, tuple(changed_facts), topic.path)
        prepared = prepare(FactBase((alone,), ()), pinyin, words=True)
        new_rows, new_words = prepared.rows, prepared.words
    terms, entries = _check_entries(changed_facts)
    changed = []
    check = []
    for (n, pos, fact), row, words, entry in zip(edited, new_rows, new_words, entries):
        changed.append((n, pos, marshal.dumps(_record(fact)), marshal.dumps(row), words, old[fact.full_id][4]))
        check.append((n, pos, entry))
    # The file's summary: its search part read back from every fact's row, and check's term
    # counts brought up to date (the same as preparing the whole file, tested).
    row_of = {f.full_id: row for f, row in zip(changed_facts, new_rows)}
    every_row = [row_of[f.full_id] if f.full_id in row_of else marshal.loads(old[f.full_id][3]) for f in topic.facts]
    vocabulary, titles, syllables, characters = summary_of(topic, every_row)
    frequency: dict[str, int] = marshal.loads(indexed.frequency)
    for was in before:
        for term in fact_terms(was):
            left = frequency[term] - 1
            if left:
                frequency[term] = left
            else:
                del frequency[term]
    for now in terms:
        for term in now:
            frequency[term] = frequency.get(term, 0) + 1
    claims = replace(base_stats(topic.facts, []), frequency=frequency)  # the count and the English words, and the counts above
    summary, frequency_blob = _file_summary(vocabulary, titles, syllables, stable_characters(every_row, characters), claims)
    removed = [(old[i][0], old[i][4]) for i in gone]
    figures = [(kind, v, n) for n, _, fact in edited for kind, v in figure_values(fact)]
    return _Edit(kept, changed, figures, check, removed, summary, frequency_blob, digest)


def _write_in_place(conn: sqlite3.Connection, name: str, edit: _Edit, stat: tuple[int, int], codes: dict[str, str]) -> None:
    gone = [n for n, _ in edit.removed] + [n for n, *_ in edit.changed]
    conn.executemany("INSERT INTO grams(grams, rowid, words) VALUES ('delete', ?, ?)", [*edit.removed, *((n, old) for n, *_, old in edit.changed)])
    lists = {n: number for n in gone for (number,) in conn.execute("SELECT list FROM check_facts WHERE n = ?", (n,))}
    conn.executemany("DELETE FROM check_profiles WHERE list = ? AND n = ?", [(number, n) for n, number in lists.items()])
    conn.executemany("DELETE FROM check_facts WHERE n = ?", [(n,) for n in gone])
    conn.executemany("DELETE FROM figures WHERE n = ?", [(n,) for n in gone])
    conn.executemany("INSERT INTO figures VALUES (?, ?, ?)", edit.figures)
    conn.executemany("DELETE FROM facts WHERE n = ?", [(n,) for n, _ in edit.removed])
    conn.executemany("UPDATE facts SET pos = ?, plain = ? WHERE n = ?", [(pos, plain, n) for n, pos, plain in edit.kept])
    conn.executemany("UPDATE check_facts SET pos = ? WHERE n = ?", [(pos, n) for n, pos, _ in edit.kept])
    conn.executemany(
        "UPDATE facts SET pos = ?, plain = ?, row = ?, words = ? WHERE n = ?",
        [(pos, plain, row, words, n) for n, pos, plain, row, words, _ in edit.changed],
    )
    conn.executemany("INSERT INTO grams(rowid, words) VALUES (?, ?)", [(n, words) for n, _, _, _, words, _ in edit.changed])
    _insert_check(conn, name, edit.check, codes)
    _drop_unused_lists(conn, set(lists.values()))
    conn.execute(
        "UPDATE files SET size = ?, mtime_ns = ?, hash = ?, prepared = ?, frequency = ? WHERE name = ?",
        (*_trusted(stat), edit.digest, edit.summary, edit.frequency, name),
    )


_SEPARATOR = "\x1f"  # between a fact's measure terms, in one column


def _insert_check(conn: sqlite3.Connection, name: str, facts: list[tuple[int, int, _CheckEntry]], codes: dict[str, str]) -> None:
    """What check reads of each fact (number, position in its file, _CheckEntry): its list of
    measure terms, its shape (check.Shape: names, unit, scope), and apart from those its recorded
    figure and its words (check.check_profile), each word as its code (``_word_code``).

    Facts that list the same measure terms share one list, so a check matches a clause against
    a few hundred lists, not a row per fact and term; facts of the same shape (one entity's
    figures under one measure, many in a big base) share one shape, judged once per figure.
    """
    lists: dict[str, int] = {}
    shapes: dict[bytes, int] = {}
    for _, _, (terms, shape, _, _) in facts:
        if terms not in lists:
            row = conn.execute("SELECT id FROM measure_lists WHERE terms = ?", (terms,)).fetchone()
            if row is None:
                number = conn.execute("INSERT INTO measure_lists(terms) VALUES (?)", (terms,)).lastrowid
                conn.executemany("INSERT INTO measures VALUES (?, ?, ?)", [(t, number, k) for k, t in enumerate(terms.split(_SEPARATOR))])
            else:
                number = row[0]
            lists[terms] = number
        if shape not in shapes:
            row = conn.execute("SELECT id FROM check_shapes WHERE shape = ?", (shape,)).fetchone()
            shapes[shape] = conn.execute("INSERT INTO check_shapes(shape) VALUES (?)", (shape,)).lastrowid if row is None else row[0]
    # the interval's bounds as floats too, rounded to nearest (which keeps their order), so that
    # SQLite can set aside the facts whose figure cannot fit a claim (IndexedFacts.may_fit)
    conn.executemany(
        "INSERT INTO check_facts VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (n, lists[terms], name, pos, shapes[shape], None if low is None else float(low), None if high is None else float(high))
            for n, pos, (terms, shape, (low, high, _, _), _) in facts
        ],
    )
    # filed by measure list, so that the facts of one list a figure reaches lie together
    conn.executemany(
        "INSERT INTO check_profiles VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(lists[terms], n, _word_codes(conn, words, codes), *interval) for n, _, (terms, _, interval, words) in facts],
    )


# A check looks for each word of a clause in the words of thousands of facts. Each word of the
# base is numbered once (check_words) and a fact's words are stored as one string of their
# codes: a word is then found with a search for one character (two for words numbered past
# 63,000) in a string a fifth as long as the words spelled out, several times faster. The codes
# cannot be mistaken for one another: a one-character code is a character of the Basic
# Multilingual Plane, and a two-character code a character of the lower half of the planes
# above it followed by one of the upper half, so a code is found only where it was written.
_SINGLE = (0x100, 0xD800, 0xE000, 0x10000)  # one-character codes: 0x100-0xD7FF and 0xE000-0xFFFF
_HALF = 0x80000  # two-character codes: 0x10000 + high, then 0x90000 + low


def _word_code(number: int) -> str:
    start, surrogates, after, plane = _SINGLE
    if number < surrogates - start:
        return chr(start + number)
    number -= surrogates - start
    if number < plane - after:
        return chr(after + number)
    high, low = divmod(number - (plane - after), _HALF)
    if high >= _HALF:
        raise ValueError("more distinct words than check's codes can number")
    return chr(plane + high) + chr(plane + _HALF + low)


def _word_codes(conn: sqlite3.Connection, words: str, codes: dict[str, str]) -> str:
    """A fact's words (space-separated) as the string of their codes, numbering new words."""
    split = words.split()
    try:
        return "".join(map(codes.__getitem__, split))  # every word seen before: most facts of a big build
    except KeyError:
        pass
    out = []
    for word in split:
        code = codes.get(word)
        if code is None:
            row = conn.execute("SELECT id FROM check_words WHERE term = ?", (word,)).fetchone()
            number = row[0] if row else conn.execute("INSERT INTO check_words(term) VALUES (?)", (word,)).lastrowid
            code = codes[word] = _word_code(number)
        out.append(code)
    return "".join(out)


def _write_topic(conn: sqlite3.Connection, name: str, ready: _Ready, stat: tuple[int, int], codes: dict[str, str]) -> None:
    topic_id, title, title_en, path = ready.topic
    conn.execute("INSERT INTO topics VALUES (?, ?, ?, ?, ?)", (topic_id, name, title, title_en, path))
    # The numbers SQLite would give the rows (one more than the largest so far, in order), given
    # here so that the full-text rows need not be read back from the facts.
    (last,) = conn.execute("SELECT max(n) FROM facts").fetchone()
    first = (last or 0) + 1
    conn.executemany(
        "INSERT INTO facts(n, full_id, topic, file, pos, plain, row, words) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(first + i, full_id, topic_id, name, pos, plain, row, words) for i, (full_id, pos, plain, row, words, _) in enumerate(ready.facts)],
    )
    if ready.summary is not None:
        conn.executemany("INSERT INTO grams(rowid, words) VALUES (?, ?)", [(first + i, fact[4]) for i, fact in enumerate(ready.facts)])
        conn.executemany("INSERT INTO figures VALUES (?, ?, ?)", [(kind, v, first + i) for i, fact in enumerate(ready.facts) for kind, v in fact[5]])
        _insert_check(conn, name, [(first + pos, pos, entry) for pos, entry in enumerate(ready.check)], codes)
    conn.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)", (name, *_trusted(stat), ready.digest, ready.summary, ready.frequency))


# ---- reading and preparing the files, in worker processes for a big build ------------------

_PARALLEL_BYTES = 4_000_000  # changed files holding about 5,000 facts: a few seconds of work
_PARALLEL_FILES = 4


def _read(path: Path, contents: dict[Path, bytes | None], problems: list[Problem]) -> bytes | None:
    try:
        data = contents[path] = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(str(path), f"cannot read file: {exc.strerror or exc}"))
        return None
    return data


def _parse_and_prepare(
    path: Path, data: bytes | None, sources: dict[str, Source], pinyin: bool, light: bool, topic: Topic | None = None
) -> tuple[list[Problem], _Ready | None]:
    """One file prepared; ``topic``: the file already parsed from ``data``."""
    from xmfacts.factbase import parse

    problems: list[Problem] = []
    if data is None:
        data = _read(path, {}, problems)
        if data is None:
            return problems, None
    if topic is None:
        topic = parse.parse_topic(path, data, sources, problems)
    if topic is None or problems:
        return problems, None
    return problems, _prepare_topic(topic, _hash(data), pinyin, light)


def _prepared_files(
    files: list[tuple[Path, bytes | None]],
    sources: dict[str, Source],
    pinyin: bool,
    light: bool,
    stats: dict[str, tuple[int, int]],
    problems: list[Problem],
    parsed: dict[Path, Topic] | None = None,
) -> Iterator[tuple[Path, _Ready | None]]:
    """Each file parsed and prepared, in order; by worker processes when there is much to do.

    The main process writes SQLite while the workers parse and prepare the next few files, one
    file per task; results are taken in the files' order, so the index is the same as a serial
    build's. ``parsed``: files already parsed (_edits: a change small enough for one process).
    """
    workers = _worker_count()
    size = sum(max(stats[p.name][0], 0) for p, _ in files)
    if workers < 2 or len(files) < _PARALLEL_FILES or size < _PARALLEL_BYTES:
        for path, data in files:
            found, ready = _parse_and_prepare(path, data, sources, pinyin, light, (parsed or {}).get(path))
            problems.extend(found)
            yield path, ready
        return
    import multiprocessing

    method = "fork" if sys.platform == "linux" else "spawn"
    pool = multiprocessing.get_context(method).Pool(workers, _worker_start, (sources, pinyin, light))
    try:
        # A few files ahead at most: results would pile up in memory if writing fell behind.
        waiting = iter(files)
        pending = deque((item[0], pool.apply_async(_worker_task, (item,))) for item in islice(waiting, 2 * workers))
        while pending:
            path, result = pending.popleft()
            found, ready = result.get()
            for item in islice(waiting, 1):
                pending.append((item[0], pool.apply_async(_worker_task, (item,))))
            problems.extend(found)
            yield path, ready
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def _worker_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_WORKER: dict[str, Any] = {}


def _worker_start(sources: dict[str, Source], pinyin: bool, light: bool) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    _WORKER.update(sources=sources, pinyin=pinyin, light=light)


def _worker_task(item: tuple[Path, bytes | None]) -> tuple[list[Problem], _Ready | None]:
    return _parse_and_prepare(item[0], item[1], _WORKER["sources"], _WORKER["pinyin"], _WORKER["light"])


def _summarise(conn: sqlite3.Connection, pinyin: bool, update: tuple[list[bytes], set[str]] | None = None) -> None:
    """Search's summary of the whole base, from each file's: what a query reads before the rows.

    ``update``: the term counts of the files just removed or replaced and the names of the
    files just written, when the index was summarised before them. The term counts of check
    (the biggest part, adding them up the most work) are then the last summary's, less the
    files' that went and plus the new files': the same counts, read from those files alone.
    """
    from xmfacts.search import INDEX_VERSION

    vocabulary: dict[str, None] = {}
    titles: dict[str, None] = {}
    syllables: set[str] = set()
    stable: set[str] = set()
    count = 0
    frequency: dict[str, int] = {}
    lower_words: set[str] = set()
    written: set[str] | None = None
    stored = conn.execute("SELECT value FROM meta WHERE key = 'check stats'").fetchone() if update is not None else None
    if update is not None and stored is not None:
        dropped, written = update
        frequency = marshal.loads(stored[0])[1]
        for blob in dropped:
            for term, k in marshal.loads(blob).items():
                left = frequency[term] - k
                if left:
                    frequency[term] = left
                else:
                    del frequency[term]
    for name, blob in conn.execute("SELECT name, prepared FROM files WHERE prepared IS NOT NULL ORDER BY name"):
        v, t, s, c, n, w = marshal.loads(blob)
        count += n
        if written is None or name in written:
            (counts,) = conn.execute("SELECT frequency FROM files WHERE name = ?", (name,)).fetchone()
            for term, k in marshal.loads(counts).items():
                frequency[term] = frequency.get(term, 0) + k
        lower_words.update(w)
        vocabulary.update(dict.fromkeys(v))
        titles.update(dict.fromkeys(t))
        syllables.update(s)
        stable.update(c)
    vocabulary.update(titles)
    summary = (frozenset(syllables), frozenset(stable), pinyin)
    conn.executemany(
        "INSERT OR REPLACE INTO meta VALUES (?, ?)",
        [
            ("summary", marshal.dumps(summary)),
            ("vocabulary", marshal.dumps(tuple(vocabulary))),
            ("check stats", marshal.dumps((count, frequency, tuple(lower_words)))),
            ("search", INDEX_VERSION),
            ("has pinyin", int(pinyin)),
        ],
    )


class _Progress:
    """A progress bar on stderr for a build that takes more than a moment, on a terminal only."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.start = time.monotonic()
        self.bar: Any = None
        self.facts = 0

    def advance(self, files: int, facts: int) -> None:
        self.facts += facts
        if self.bar is None:
            if time.monotonic() - self.start < _PROGRESS_AFTER or not sys.stderr.isatty():
                return
            from xmfacts.present.tables import build_progress  # Rich, only for a long build

            self.bar = build_progress(self.total)
        self.bar.update(files, self.facts)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
