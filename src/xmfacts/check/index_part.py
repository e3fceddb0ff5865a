"""Check's part of the fact-base index: its tables, how it files a fact, and the reads a check makes.

Each fact is filed under its list of measure terms (facts listing the same terms share one
list, so a check matches a clause against a few hundred lists, not a row per fact and term),
with its shape (names, unit and scope: facts of one shape are judged once per figure), its
recorded figure as an interval and its words apart (``profile.check_profile``). A check
reaches only the facts whose measure a text names (``claim_source``), and reads closely only
those named near a figure (``IndexedFacts``).
"""

from __future__ import annotations

import marshal
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, NamedTuple

from xmfacts.check.profile import BaseStats, base_stats, check_profile, fact_terms, sketch_names
from xmfacts.check.matcher import CROWD
from xmfacts.check.words import says_name
from xmfacts.index.parts import FileEdit
from xmfacts.model import Fact, Topic

if TYPE_CHECKING:
    from xmfacts.figures.interval import Interval
    from xmfacts.index.store import Store

# Bump when what check reads of a fact (profile.check_profile, fact_terms) or these tables change.
VERSION = "7"

_SCHEMA = """
CREATE TABLE measure_lists(id INTEGER PRIMARY KEY, terms TEXT UNIQUE);
CREATE TABLE measures(term TEXT, list INTEGER, k INTEGER);
CREATE INDEX measures_term ON measures(term, list);
CREATE INDEX measures_list ON measures(list, term, k);
CREATE TABLE check_shapes(id INTEGER PRIMARY KEY, shape BLOB UNIQUE);
CREATE TABLE check_facts(n INTEGER PRIMARY KEY, list INTEGER, file TEXT, pos INTEGER, shape INTEGER, low REAL, high REAL);
CREATE INDEX check_facts_list ON check_facts(list, n, shape, low, high);
CREATE INDEX check_facts_low ON check_facts(low, high);
CREATE TABLE check_words(id INTEGER PRIMARY KEY, term TEXT UNIQUE);
CREATE TABLE check_profiles(list INTEGER, n INTEGER, terms TEXT, low TEXT, high TEXT, low_open INTEGER, high_open INTEGER, PRIMARY KEY(list, n)) WITHOUT ROWID;
CREATE TABLE check_files(file TEXT PRIMARY KEY, summary BLOB, frequency BLOB);
"""

_SEPARATOR = "\x1f"  # between a fact's measure terms, in one column


class Entry(NamedTuple):
    """What check reads of one fact."""

    terms: str  # its measure terms, joined by _SEPARATOR
    shape: bytes  # its shape (the sketch but its interval), marshalled
    interval: tuple[str | None, str | None, bool, bool]
    words: str  # space-separated


class Filed(NamedTuple):
    """A topic file as check files it (made in a worker process)."""

    entries: list[Entry]
    summary: bytes  # the file's fact count and English words (BaseStats)
    frequency: bytes  # its term counts, apart: only a changed file's are read again


def _entries(facts: Sequence[Fact]) -> tuple[list[frozenset[str]], list[Entry]]:
    terms = [fact_terms(f) for f in facts]
    entries = []
    for f, t in zip(facts, terms):
        words, sketch = check_profile(f, t)
        entries.append(Entry(_SEPARATOR.join(dict.fromkeys(f.measure)), marshal.dumps(sketch[:7]), sketch[7], words))
    return terms, entries


def _blobs(stats: BaseStats) -> tuple[bytes, bytes]:
    # sorted, and in marshal's version 2 (no shared-object marks): a worker process's bytes are one process's
    return marshal.dumps((stats.count, tuple(sorted(stats.lower_words))), 2), marshal.dumps(stats.frequency, 2)


class CheckPart:
    name = "check"
    version = VERSION
    schema = _SCHEMA

    def prepare(self, topic: Topic, pinyin: bool) -> Filed:
        terms, entries = _entries(topic.facts)
        return Filed(entries, *_blobs(base_stats(topic.facts, terms)))

    def edits_alone(self, topic: Topic, before: Sequence[Fact]) -> bool:
        return True  # a fact's profile depends on nothing but the fact

    def writer(self, conn: sqlite3.Connection, whole: bool, pinyin: bool) -> _Writer:
        return _Writer(conn, whole)


PART = CheckPart()


class _Edit(NamedTuple):
    check: list[tuple[int, int, Entry]]  # n, place and what check reads of each changed fact
    summary: bytes
    frequency: bytes


class _Writer:
    def __init__(self, conn: sqlite3.Connection, whole: bool) -> None:
        self.conn = conn
        self.whole = whole
        self.codes: dict[str, str] = {}  # words as their codes (_word_codes), for this build
        # The term counts of the files dropped or edited, and the files written: the base's
        # counts are then brought up to date instead of added up again from every file.
        self.dropped: list[bytes] = []
        self.written: set[str] = set()

    def write(self, file: str, numbers: Sequence[int], filed: Filed) -> None:
        _insert(self.conn, file, [(n, pos, entry) for pos, (n, entry) in enumerate(zip(numbers, filed.entries))], self.codes)
        self.conn.execute("INSERT OR REPLACE INTO check_files VALUES (?, ?, ?)", (file, filed.summary, filed.frequency))
        self.written.add(file)

    def drop(self, file: str) -> None:
        conn = self.conn
        if not self.whole:
            self.dropped += [blob for (blob,) in conn.execute("SELECT frequency FROM check_files WHERE file = ?", (file,))]
        lists = [number for (number,) in conn.execute("SELECT DISTINCT list FROM check_facts WHERE file = ?", (file,))]
        facts = "SELECT list, n FROM check_facts WHERE n IN (SELECT n FROM facts WHERE file = ?)"
        conn.execute(f"DELETE FROM check_profiles WHERE (list, n) IN ({facts})", (file,))
        conn.execute("DELETE FROM check_facts WHERE n IN (SELECT n FROM facts WHERE file = ?)", (file,))
        _drop_unused_lists(conn, lists)
        conn.execute("DELETE FROM check_files WHERE file = ?", (file,))

    def prepare_edit(self, file: str, edit: FileEdit) -> _Edit:
        """The changed facts' entries, and the file's term counts brought up to date."""
        terms, entries = _entries([fact for _, _, fact in edit.edited])
        (old,) = self.conn.execute("SELECT frequency FROM check_files WHERE file = ?", (file,)).fetchone()
        self.dropped.append(old)
        frequency: dict[str, int] = marshal.loads(old)
        for was in edit.before:
            for term in fact_terms(was):
                left = frequency[term] - 1
                if left:
                    frequency[term] = left
                else:
                    del frequency[term]
        for now in terms:
            for term in now:
                frequency[term] = frequency.get(term, 0) + 1
        stats = replace(base_stats(edit.topic.facts, []), frequency=frequency)  # the count and the English words, and the counts above
        return _Edit([(n, pos, entry) for (n, pos, _), entry in zip(edit.edited, entries)], *_blobs(stats))

    def apply_edit(self, file: str, edit: FileEdit, prepared: _Edit) -> None:
        conn = self.conn
        gone = [*edit.gone, *(n for n, _, _ in edit.edited)]
        lists = {n: number for n in gone for (number,) in conn.execute("SELECT list FROM check_facts WHERE n = ?", (n,))}
        conn.executemany("DELETE FROM check_profiles WHERE list = ? AND n = ?", [(number, n) for n, number in lists.items()])
        conn.executemany("DELETE FROM check_facts WHERE n = ?", [(n,) for n in gone])
        conn.executemany("UPDATE check_facts SET pos = ? WHERE n = ?", [(pos, n) for n, pos in edit.moved])
        _insert(conn, file, prepared.check, self.codes)
        _drop_unused_lists(conn, set(lists.values()))
        conn.execute("UPDATE check_files SET summary = ?, frequency = ? WHERE file = ?", (prepared.summary, prepared.frequency, file))
        self.written.add(file)

    def summarise(self) -> None:
        """The counts of terms across the base (BaseStats), from each file's."""
        conn = self.conn
        count = 0
        frequency: dict[str, int] = {}
        lower_words: set[str] = set()
        stored = None if self.whole else conn.execute("SELECT value FROM meta WHERE key = 'check stats'").fetchone()
        if stored is not None:
            frequency = marshal.loads(stored[0])[1]
            for blob in self.dropped:
                for term, k in marshal.loads(blob).items():
                    left = frequency[term] - k
                    if left:
                        frequency[term] = left
                    else:
                        del frequency[term]
        for file, summary in conn.execute("SELECT file, summary FROM check_files ORDER BY file"):
            n, words = marshal.loads(summary)
            count += n
            lower_words.update(words)
            if stored is None or file in self.written:
                (counts,) = conn.execute("SELECT frequency FROM check_files WHERE file = ?", (file,)).fetchone()
                for term, k in marshal.loads(counts).items():
                    frequency[term] = frequency.get(term, 0) + k
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('check stats', ?)", (marshal.dumps((count, frequency, tuple(lower_words))),))


def _drop_unused_lists(conn: sqlite3.Connection, lists: Iterable[int]) -> None:
    """The measure lists among ``lists`` that no fact has any more: a check would read their
    terms for nothing, and an index that is edited for years would keep every list it ever had."""
    unused = [(number,) for number in lists if conn.execute("SELECT 1 FROM check_facts WHERE list = ? LIMIT 1", (number,)).fetchone() is None]
    conn.executemany("DELETE FROM measures WHERE list = ?", unused)
    conn.executemany("DELETE FROM measure_lists WHERE id = ?", unused)


def _insert(conn: sqlite3.Connection, file: str, facts: list[tuple[int, int, Entry]], codes: dict[str, str]) -> None:
    """What check reads of each fact (number, place in its file, Entry): its list of measure
    terms, its shape, and apart from those its recorded figure and its words, each word as its
    code (``word_code``)."""
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
            lists[terms] = number  # type: ignore[assignment]
        if shape not in shapes:
            row = conn.execute("SELECT id FROM check_shapes WHERE shape = ?", (shape,)).fetchone()
            shapes[shape] = conn.execute("INSERT INTO check_shapes(shape) VALUES (?)", (shape,)).lastrowid if row is None else row[0]  # type: ignore[assignment]
    # the interval's bounds as floats too, rounded to nearest (which keeps their order), so that
    # SQLite can set aside the facts whose figure cannot fit a claim (IndexedFacts.may_fit)
    conn.executemany(
        "INSERT INTO check_facts VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (n, lists[terms], file, pos, shapes[shape], None if low is None else float(low), None if high is None else float(high))
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


def word_code(number: int) -> str:
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
            code = codes[word] = word_code(number)
        out.append(code)
    return "".join(out)


# ---- the reads a check makes -----------------------------------------------------------------


def measure_terms(store: Store) -> list[str]:
    """Every measure term of the fact base, once."""
    store.ready(PART)
    return [t for (t,) in store.conn.execute("SELECT DISTINCT term FROM measures")]


def claim_source(store: Store, terms: Iterable[str]) -> IndexedFacts:
    """What ``check`` may tie a text's figures to: the facts carrying one of these measure terms."""
    store.ready(PART)
    return IndexedFacts(store, terms)


def check_stats(store: Store) -> BaseStats:
    store.ready(PART)
    (blob,) = store.conn.execute("SELECT value FROM meta WHERE key = 'check stats'").fetchone()
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
        if store.in_number_order():
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
        self._facts: dict[int, Fact] = {}

    def measure_rows(self) -> list[tuple[str, int, int]]:
        return self.rows

    def members(self) -> tuple[dict[int, set[int]], dict[int, int]]:
        return self.lists, self.list_of

    def named(self, words: str) -> tuple[set[int] | None, dict[str, set[int]]]:

        sketches = self.shape_sketches(list(set(self.shape_ids.values())))
        city_shapes: set[int] = set()
        said: dict[int, list[str]] = {}  # the names ``words`` holds, of the shapes it names
        for key, shape in sketches.items():
            names = list(dict.fromkeys(sketch_names(shape)))
            if not any(names):
                city_shapes.add(key)
            else:
                present = [name for name in names if says_name(name, words)]
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

        # a few hundred shapes in a base of a million facts (one per subject, unit and scope)
        shapes = [(key, marshal.loads(blob)) for key, blob in self.store.conn.execute("SELECT id, shape FROM check_shapes")]
        return {key: shape for key, shape in shapes if any(says_name(name, words) for name in sketch_names(shape))}

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
            self._codes.update((term, word_code(number)) for term, number in self.store.conn.execute(sql, chunk))
        return {t: code for t in terms if (code := self._codes[t]) is not None}

    def holding(self, value: float) -> list[Fact]:
        # a record equal to a claim of three digits or more has an interval that starts within
        # half its value below it; a figure a crowd of records may be says little, and is not read
        rows = self.store.conn.execute(
            "SELECT n FROM check_facts WHERE low BETWEEN ? AND ? AND (high IS NULL OR high >= ?) LIMIT ?",
            (value / 2, value, value, CROWD + 1)).fetchall()
        return [] if len(rows) > CROWD else [self.store.fact_numbered(n) for (n,) in sorted(rows)]

    def fact(self, number: int) -> Fact:
        # a draft names the same few facts again and again: each is decoded once
        fact = self._facts.get(number)
        if fact is None:
            fact = self._facts[number] = self.store.fact_numbered(number if self.rowid is None else self.rowid[number])
        return fact


