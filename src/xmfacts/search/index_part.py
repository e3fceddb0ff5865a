"""Search's part of the fact-base index: its tables, how it files a fact, and the reads a search makes.

Each fact's prepared fields (``prepared.prepare``: folded, stemmed, spelled in pinyin) are
stored as one row, and an FTS5 table files the fact under the words ``prepared.fact_words``
gives (Chinese as single characters and character pairs, which FTS5's own tokenizers cannot
find for 2-character terms such as 授信; English stems; pinyin; each character and pair again
with its points, so a one-word search reads its best facts first). Each figure's numbers are
filed apart (``prepared.figure_values``), so a search by figure reads the facts in its range.
A search scores only the facts the full-text index offers (``candidates``). A second
full-text table, ``levels``, files each fact under its Chinese words of three and four
characters, its English stems and its pinyin words of one to four syllables with the points a
search for one of them gives it (``levels.level_words``); it keeps no text of its own (a fact
leaving it is taken out by making its words again from its row), since each fact's words
there are as many as in ``grams``.
"""

from __future__ import annotations

import functools
import itertools
import json
import marshal
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from xmfacts.index.parts import FileEdit
from xmfacts.index.records import fact_from, figure_from
from xmfacts.model import Fact, FactBase, Figure, Topic
from xmfacts.search.levels import CODE_DIGITS, digest, level_words
from xmfacts.search.prepared import INDEX_VERSION, SPAN_SCALED, Row, SearchIndex, figure_values, folds_alone, prepare, stable_characters, summary_of

if TYPE_CHECKING:
    from xmfacts.index.store import Store

_SCHEMA = f"""
CREATE TABLE search_rows(n INTEGER PRIMARY KEY, row BLOB, words TEXT);
CREATE TABLE search_files(file TEXT PRIMARY KEY, summary BLOB);
CREATE TABLE figures(kind INTEGER, v REAL, n INTEGER, high REAL, unit INTEGER);
CREATE INDEX figures_value ON figures(kind, v);
CREATE INDEX figures_fact ON figures(n);
CREATE INDEX figures_span ON figures(kind, v, high, unit, n) WHERE kind >= {SPAN_SCALED};
CREATE VIRTUAL TABLE grams USING fts5(words, content='search_rows', content_rowid='n', detail=none, tokenize='unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE levels USING fts5(words, content='', detail=none, tokenize='unicode61 remove_diacritics 0');
CREATE TABLE level_counts(word TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID;
"""


class Filed(NamedTuple):
    """A topic file as search files it (made in a worker process)."""

    rows: list[bytes]  # each fact's prepared fields (Row), marshalled
    words: list[str]  # each fact's full-text words (fact_words)
    levels: list[str]  # each fact's level words (levels.level_words)
    figures: list[list[tuple[int, float, float | None, int | None]]]  # each fact's filed numbers (figure_values)
    summary: bytes  # the file's part of the base's summary (_summary)


def _summary(vocabulary: Sequence[str], titles: Sequence[str], syllables: Any, stable: Any) -> bytes:
    # sets sorted: a set's order depends on how it was built, and a worker process builds it
    # otherwise than one process would; the index must be the same either way
    # (and in marshal's version 2, which marks no shared objects: the same values, the same bytes)
    return marshal.dumps((tuple(vocabulary), tuple(titles), tuple(sorted(syllables)), tuple(sorted(stable))), 2)


class SearchPart:
    name = "search"
    schema = _SCHEMA

    @property
    def version(self) -> str:
        # English words are filed with the points their synonyms give: other synonyms, another index
        return f"{INDEX_VERSION}-{digest()}"

    def prepare(self, topic: Topic, pinyin: bool) -> Filed:
        prepared = prepare(FactBase((topic,), ()), pinyin, words=True)
        stable = stable_characters(prepared.rows, prepared.characters)
        return Filed(
            [marshal.dumps(row) for row in prepared.rows], list(prepared.words), [all_level_words(row, f.figure) for row, f in zip(prepared.rows, topic.facts)],
            [figure_values(f) for f in topic.facts],
            _summary(prepared.vocabulary, prepared.titles, prepared.syllables, stable),
        )

    def edits_alone(self, topic: Topic, before: Sequence[Fact]) -> bool:
        return folds_alone(topic, before)

    def writer(self, conn: sqlite3.Connection, whole: bool, pinyin: bool) -> _Writer:
        return _Writer(conn, pinyin)


PART = SearchPart()


def all_level_words(row: Row, figure: Figure) -> str:
    """A fact's words in the ``levels`` table: its words' (``levels.level_words``) and its
    figure's (``figlevels.figure_level_words``)."""
    from xmfacts.search.figlevels import figure_level_words  # only when filing: a search imports no more

    return " ".join([level_words(row), *figure_level_words(row, figure)])


def _stored_level_words(row: bytes, plain: bytes) -> str:
    """The level words a fact was filed under, made again from its stored row and record."""
    return all_level_words(marshal.loads(row), figure_from(plain))


class _Edit(NamedTuple):
    changed: list[tuple[int, bytes, str, str]]  # n, row, words, the words it had
    removed: list[tuple[int, str]]  # n, words
    levels: list[tuple[int, str, str]]  # n, the level words it had, its level words ("" when removed)
    figures: list[tuple[int, float, int, float | None, int | None]]  # the changed facts' figures: kind, value, n, high, unit
    summary: bytes


# A one-word search counts the facts of its word's levels (``words_between``): read from the
# index's word list, each count reads its level's facts, and 厦门's or xiamen's levels hold most
# of a million facts. So the levels of a word whose levels hold at least COUNTED facts in all
# are stored with their counts (level_counts), with the word's start (its level words less their
# code, ``levels``) marked by a count of -1; as is each other level word filed for at least
# COUNTED facts. The counts are made once the base is built, then kept as files change.
COUNTED = 1000


def _start(word: str) -> str | None:
    """A level word's start (less its code), or None for one without a code."""
    return word[:-CODE_DIGITS] if len(word) > CODE_DIGITS and word[-CODE_DIGITS:].isdigit() else None


class _Writer:
    def __init__(self, conn: sqlite3.Connection, pinyin: bool) -> None:
        self.conn = conn
        self.pinyin = pinyin
        self.counting = conn.execute("SELECT 1 FROM level_counts WHERE word = ''").fetchone() is not None  # "" marks them made
        self.whole: set[str] | None = None  # the starts whose levels are all stored, once asked

    def _count(self, words: Iterable[str], by: int) -> None:
        """Add ``by`` to the stored count of each of these level words: those stored, and every
        level of a start whose levels are all stored (a level new to it is stored then)."""
        if not self.counting:
            return
        if self.whole is None:
            self.whole = {w for (w,) in self.conn.execute("SELECT word FROM level_counts WHERE n = -1")}
        change = Counter(w for text in words for w in text.split())
        whole = self.whole
        added = [(w, by * k) for w, k in change.items() if _start(w) in whole]
        self.conn.executemany("INSERT INTO level_counts VALUES (?, ?) ON CONFLICT(word) DO UPDATE SET n = n + excluded.n", added)
        self.conn.executemany("UPDATE level_counts SET n = n + ? WHERE word = ?", [(by * k, w) for w, k in change.items() if _start(w) not in whole])

    def _make_counts(self) -> None:
        _vocabulary_table(self.conn, "levels")
        self.conn.execute("DELETE FROM level_counts")
        whole: set[str] = set()
        # The word list is in order, so a start's levels come together: read as a stream, one
        # start at a time (a million facts file some six million level words).
        for start, levels in itertools.groupby(self.conn.execute("SELECT term, doc FROM temp.levels_words"), key=lambda r: _start(r[0])):
            rows = list(levels)
            if start is not None and sum(c for _, c in rows) >= COUNTED:
                whole.add(start)
                rows.append((start, -1))
            else:
                rows = [(w, c) for w, c in rows if c >= COUNTED]
            self.conn.executemany("INSERT INTO level_counts VALUES (?, ?)", rows)
        self.conn.execute("INSERT INTO level_counts VALUES ('', ?)", (COUNTED,))
        self.counting, self.whole = True, whole

    def write(self, file: str, numbers: Sequence[int], filed: Filed) -> None:
        conn = self.conn
        conn.executemany("INSERT INTO search_rows VALUES (?, ?, ?)", zip(numbers, filed.rows, filed.words))
        conn.executemany("INSERT INTO grams(rowid, words) VALUES (?, ?)", zip(numbers, filed.words))
        conn.executemany("INSERT INTO levels(rowid, words) VALUES (?, ?)", zip(numbers, filed.levels))
        self._count(filed.levels, 1)
        conn.executemany("INSERT INTO figures VALUES (?, ?, ?, ?, ?)", [(kind, v, n, high, unit) for n, values in zip(numbers, filed.figures) for kind, v, high, unit in values])
        conn.execute("INSERT OR REPLACE INTO search_files VALUES (?, ?)", (file, filed.summary))

    def drop(self, file: str) -> None:
        conn = self.conn
        facts = "SELECT n FROM facts WHERE file = ?"
        conn.execute(f"DELETE FROM figures WHERE n IN ({facts})", (file,))
        stored = f"SELECT s.n, s.row, f.plain FROM search_rows s JOIN facts f ON f.n = s.n WHERE f.file = ?"
        had = [(n, _stored_level_words(row, plain)) for n, row, plain in conn.execute(stored, (file,))]
        conn.executemany("INSERT INTO levels(levels, rowid, words) VALUES ('delete', ?, ?)", had)
        self._count((words for _, words in had), -1)
        conn.execute(f"INSERT INTO grams(grams, rowid, words) SELECT 'delete', n, words FROM search_rows WHERE n IN ({facts})", (file,))
        conn.execute(f"DELETE FROM search_rows WHERE n IN ({facts})", (file,))
        conn.execute("DELETE FROM search_files WHERE file = ?", (file,))

    def prepare_edit(self, file: str, edit: FileEdit) -> _Edit:
        """The changed facts prepared alone, and the file's summary read back from every fact's
        row (the same as preparing the whole file, tested)."""
        topic = edit.topic
        stored = "SELECT s.n, s.row, s.words, f.plain FROM search_rows s JOIN facts f ON f.n = s.n WHERE f.file = ?"
        old = {n: (row, words, plain) for n, row, words, plain in self.conn.execute(stored, (file,))}
        changed_facts = [fact for _, _, fact in edit.edited]
        new_rows: Sequence[Row] = ()
        new_words: Sequence[str] = ()
        if changed_facts:  # else not even pypinyin is imported
            alone = Topic(topic.id, topic.title, topic.title_en, tuple(changed_facts), topic.path)
            prepared = prepare(FactBase((alone,), ()), self.pinyin, words=True)
            new_rows, new_words = prepared.rows, prepared.words
        changed = [(n, marshal.dumps(row), words, old[n][1]) for (n, _, _), row, words in zip(edit.edited, new_rows, new_words)]
        row_of = {n: row for (n, _, _), row in zip(edit.edited, new_rows)}
        every_row = [row_of[n] if n in row_of else marshal.loads(old[n][0]) for n in edit.numbers]
        vocabulary, titles, syllables, characters = summary_of(topic, every_row)
        figures = [(kind, v, n, high, unit) for n, _, fact in edit.edited for kind, v, high, unit in figure_values(fact)]
        removed = [(n, old[n][1]) for n in edit.gone]
        levels = [(n, _stored_level_words(old[n][0], old[n][2]), "") for n in edit.gone]
        levels += [
            (n, _stored_level_words(old[n][0], old[n][2]), all_level_words(row, fact.figure)) for (n, _, fact), row in zip(edit.edited, new_rows)
        ]
        return _Edit(changed, removed, levels, figures, _summary(vocabulary, titles, syllables, stable_characters(every_row, characters)))

    def apply_edit(self, file: str, edit: FileEdit, prepared: _Edit) -> None:
        conn = self.conn
        gone = [n for n, _ in prepared.removed] + [n for n, *_ in prepared.changed]
        conn.executemany("INSERT INTO grams(grams, rowid, words) VALUES ('delete', ?, ?)", [*prepared.removed, *((n, old) for n, *_, old in prepared.changed)])
        conn.executemany("DELETE FROM figures WHERE n = ?", [(n,) for n in gone])
        conn.executemany("INSERT INTO figures VALUES (?, ?, ?, ?, ?)", prepared.figures)
        conn.executemany("DELETE FROM search_rows WHERE n = ?", [(n,) for n, _ in prepared.removed])
        conn.executemany("UPDATE search_rows SET row = ?, words = ? WHERE n = ?", [(row, words, n) for n, row, words, _ in prepared.changed])
        conn.executemany("INSERT INTO grams(rowid, words) VALUES (?, ?)", [(n, words) for n, _, words, _ in prepared.changed])
        conn.executemany("INSERT INTO levels(levels, rowid, words) VALUES ('delete', ?, ?)", [(n, had) for n, had, _ in prepared.levels])
        conn.executemany("INSERT INTO levels(rowid, words) VALUES (?, ?)", [(n, new) for n, _, new in prepared.levels if new])
        self._count((had for _, had, _ in prepared.levels), -1)
        self._count((new for _, _, new in prepared.levels), 1)
        conn.execute("UPDATE search_files SET summary = ? WHERE file = ?", (prepared.summary, file))

    def summarise(self) -> None:
        """Search's summary of the whole base, from each file's: what a query reads before the rows;
        and, once the base is built, the counts of its level words filed for many facts."""
        if not self.counting:
            self._make_counts()
        vocabulary: dict[str, None] = {}
        titles: dict[str, None] = {}
        syllables: set[str] = set()
        stable: set[str] = set()
        for (blob,) in self.conn.execute("SELECT summary FROM search_files ORDER BY file"):
            v, t, s, c = marshal.loads(blob)
            vocabulary.update(dict.fromkeys(v))
            titles.update(dict.fromkeys(t))
            syllables.update(s)
            stable.update(c)
        vocabulary.update(titles)
        self.conn.executemany(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)",
            [
                ("summary", marshal.dumps((frozenset(syllables), frozenset(stable), self.pinyin))),
                ("vocabulary", marshal.dumps(tuple(vocabulary))),
                ("has pinyin", int(self.pinyin)),
            ],
        )


# ---- the reads a search makes ----------------------------------------------------------------


def search_index(store: Store, pinyin: bool = False) -> SearchIndex:
    """Search's summary of the whole base (syllables, unchanging characters), without its rows
    or its vocabulary (``vocabulary``)."""
    store.ready(PART, pinyin)
    if pinyin and not store.conn.execute("SELECT value FROM meta WHERE key = 'has pinyin'").fetchone()[0]:
        store.rebuild(pinyin=True)  # an in-memory index built without pinyin
    (summary,) = store.conn.execute("SELECT value FROM meta WHERE key = 'summary'").fetchone()
    syllables, stable, has_pinyin = marshal.loads(summary)
    return SearchIndex((), (), syllables, stable, has_pinyin)


def rows(store: Store) -> list[Row]:
    """Every fact's prepared fields, in fact-base order."""
    store.ready(PART)
    sql = "SELECT s.row FROM facts f JOIN search_rows s ON s.n = f.n ORDER BY f.file, f.pos"
    return [marshal.loads(r) for (r,) in store.conn.execute(sql)]


def vocabulary(store: Store) -> tuple[str, ...]:
    """The terms "did you mean" chooses from: read only when a search finds nothing, since
    it grows with the base (every tag, measure, entity and topic title)."""
    search_index(store)
    (blob,) = store.conn.execute("SELECT value FROM meta WHERE key = 'vocabulary'").fetchone()
    return marshal.loads(blob)  # type: ignore[no-any-return]


def candidates(store: Store, match: str | None, topic: str | None, *args: Any, **kwargs: Any) -> Iterator[tuple[Callable[[], Fact], Row]]:
    """``numbered_candidates`` (the same arguments) without the numbers."""
    for _, fact_of, row in numbered_candidates(store, match, topic, *args, **kwargs):
        yield fact_of, row


def numbered_candidates(
    store: Store,
    match: str | None,
    topic: str | None,
    with_facts: bool = False,
    figures: Sequence[tuple[list[tuple[int, float, float]], str | None]] = (),
    numbers: set[int] | None = None,
) -> Iterator[tuple[int, Callable[[], Fact], Row]]:
    """(the fact's number, a way to get the fact, its prepared fields) in fact-base order: the facts filed under
    ``match`` (all if None), and for each of ``figures`` (fulltext.figure_filter) with a
    figure in its ranges or filed under its words, or those numbered ``numbers`` when given. Rebuilding a fact costs more than
    scoring it: only on demand, and its stored record is read with the candidates only when
    most of them will need it (``with_facts``: a figure is asked for); otherwise one row is
    read for each fact shown."""
    store.ready(PART)
    where: list[str] = []
    args: list[object] = []
    if numbers is not None:
        where.append("f.n IN (SELECT value FROM json_each(?))")
        args.append(json.dumps(sorted(numbers)))
    if match is not None:
        where.append("f.n IN (SELECT rowid FROM grams WHERE grams MATCH ?)")
        args.append(match)
    for ranges, written in figures:
        ways = ["f.n IN (SELECT n FROM figures WHERE " + " OR ".join(["(kind = ? AND v BETWEEN ? AND ?)"] * len(ranges)) + ")"]
        args.extend(bound for r in ranges for bound in r)
        if written is not None:
            ways.append("f.n IN (SELECT rowid FROM grams WHERE grams MATCH ?)")
            args.append(written)
        where.append("(" + " OR ".join(ways) + ")")
    if topic is not None:
        where.append("f.topic = ?")
        args.append(topic)
    columns = "f.n, s.row, f.plain" if with_facts else "f.n, s.row, NULL"
    sql = f"SELECT {columns} FROM facts f JOIN search_rows s ON s.n = f.n" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY f.file, f.pos"
    try:
        found = store.conn.execute(sql, args)
    except sqlite3.OperationalError:
        if match is None and not figures:
            raise
        # A query FTS5 cannot read would be a bug in fulltext.match_expression: score every
        # fact rather than fail the search.
        yield from numbered_candidates(store, None, topic, with_facts)
        return
    sources = store.sources()
    for n, row, plain in found:
        fact_of = functools.partial(fact_from, plain, sources) if with_facts else functools.partial(store.fact_numbered, n)
        yield n, fact_of, marshal.loads(row)


def with_figures(store: Store, ranges: Sequence[tuple[int, float, float]]) -> set[int]:
    """The facts with a number filed in ``ranges`` (kind, low, high)."""
    store.ready(PART)
    where = " OR ".join(["(kind = ? AND v BETWEEN ? AND ?)"] * len(ranges))
    return {n for (n,) in store.conn.execute(f"SELECT n FROM figures WHERE {where}", [b for r in ranges for b in r])}


def overlapping(store: Store, ranges: Sequence[tuple[int, float, float]], low: float, units: Sequence[int] | None) -> dict[int, bool]:
    """The facts whose interval is filed in ``ranges`` (``fulltext.figure_filter`` of a hedged
    figure: by their low end) and reaches ``low`` (the typed interval's low end) by its high end,
    of these ``units`` (None: any); each with whether it stands on an edge of those bounds as
    floats (its low end at their top, its high end at ``low``), where only the decimals can say
    whether the intervals overlap. Read range by range: one query for all of them, with its
    facts grouped in SQL, costs several times as much at a million facts."""
    store.ready(PART)
    top = max(high for _, _, high in ranges)
    in_units = f" AND unit IN ({', '.join('?' * len(units))})" if units is not None else ""
    # kind >= SPAN_SCALED: read from the intervals' own index alone (figures_span), no row looked up
    one = f"SELECT n, v >= ? OR high <= ? FROM figures WHERE kind = ? AND v BETWEEN ? AND ? AND high >= ?{in_units} AND kind >= {SPAN_SCALED}"
    sql = " UNION ALL ".join([one] * len(ranges))
    args: list[object] = []
    for kind, start, stop in ranges:
        args.extend([top, low, kind, start, stop, low, *(units or ())])
    edge: dict[int, bool] = {}
    for n, on_edge in store.conn.execute(sql, args):
        edge[n] = edge.get(n, True) and bool(on_edge)  # within on one row is within
    return edge


def first_in_order(store: Store, numbers: set[int], count: int) -> list[int]:
    """The first ``count`` of these facts in fact-base order (``first_filed``): by number below
    ``renumbered_from``, and those numbered from it on merged in by their place."""
    after = store.renumbered_from()
    first = sorted(n for n in numbers if n < after)[:count]
    later = [n for n in numbers if n >= after]
    if not later:
        return first
    place = places(store, first + later)
    return sorted(first + later, key=place.__getitem__)[:count]


def filed_under(store: Store, match: str, topic: str | None) -> set[int]:
    """The facts (of ``topic``, if given) the full-text index files under ``match``."""
    if topic is None:
        return {n for (n,) in store.conn.execute("SELECT rowid FROM grams WHERE grams MATCH ?", (match,))}
    sql = "SELECT n FROM facts WHERE topic = ? AND n IN (SELECT rowid FROM grams WHERE grams MATCH ?)"
    return {n for (n,) in store.conn.execute(sql, (topic, match))}


def fact_count(store: Store, topic: str | None) -> int:
    """How many facts the base (or the topic) holds: what a word's rarity is measured against."""
    if topic is None:
        return int(store.conn.execute("SELECT count(*) FROM facts").fetchone()[0])
    return int(store.conn.execute("SELECT count(*) FROM facts WHERE topic = ?", (topic,)).fetchone()[0])


def candidates_at(store: Store, numbers: list[int]) -> Iterator[tuple[Callable[[], Fact], Row]]:
    """``candidates`` for the facts numbered ``numbers``, in that order."""
    found = dict(store.conn.execute(f"SELECT n, row FROM search_rows WHERE n IN ({', '.join('?' * len(numbers))})", numbers))
    for n in numbers:
        yield functools.partial(store.fact_numbered, n), marshal.loads(found[n])


def _vocabulary_table(conn: sqlite3.Connection, table: str = "grams") -> None:
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{table}_words USING fts5vocab(main, {table}, row)")


def words_between(store: Store, low: str, high: str, table: str = "grams") -> list[tuple[str, int]]:
    """The full-text index's words between ``low`` and ``high``, in order, each with how many
    facts are filed under it: read from the index's word list, not from its facts.
    ``table``: ``levels`` for the words levels.level_words gives; the levels of a word start
    (``low``) whose levels hold many facts are read from their stored counts (``level_counts``)."""
    store.ready(PART)
    if table == "levels" and store.conn.execute("SELECT 1 FROM level_counts WHERE word = ? AND n = -1", (low,)).fetchone():
        sql = "SELECT word, n FROM level_counts WHERE word > ? AND word < ? ORDER BY word"
    else:
        _vocabulary_table(store.conn, table)
        sql = f"SELECT term, doc FROM temp.{table}_words WHERE term > ? AND term < ? ORDER BY term"
    return [(word, count) for word, count in store.conn.execute(sql, (low, high)) if count > 0]


def filed_count(store: Store, word: str, table: str = "grams") -> int:
    """How many facts are filed under ``word``, from the index's word list (or its stored count)."""
    store.ready(PART)
    if table == "levels":
        stored = store.conn.execute("SELECT n FROM level_counts WHERE word = ? AND n >= 0", (word,)).fetchone()
        if stored is not None:
            return int(stored[0])
    _vocabulary_table(store.conn, table)
    found = store.conn.execute(f"SELECT doc FROM temp.{table}_words WHERE term = ?", (word,)).fetchone()
    return int(found[0]) if found else 0


def count_filed(store: Store, match: str) -> int:
    """How many facts the full-text index files under ``match``, without reading one."""
    return int(store.conn.execute("SELECT count(*) FROM grams WHERE grams MATCH ?", (match,)).fetchone()[0])


def places(store: Store, numbers: Sequence[int]) -> dict[int, tuple[str, int]]:
    """Each fact's file and position in it: its place in fact-base order."""
    sql = "SELECT n, file, pos FROM facts WHERE n IN (SELECT value FROM json_each(?))"
    return {n: (file, pos) for n, file, pos in store.conn.execute(sql, (json.dumps(list(numbers)),))}


def filed(store: Store, words: set[str]) -> set[str]:
    """Those of ``words`` some fact is filed under, from the index's word list."""
    store.ready(PART)
    _vocabulary_table(store.conn)
    asked = sorted(words)
    sql = f"SELECT term FROM temp.grams_words WHERE term IN ({','.join('?' * len(asked))}) AND doc > 0"
    return {word for (word,) in store.conn.execute(sql, asked)}


def first_filed(store: Store, word: str, count: int, table: str = "grams") -> list[int]:
    """The first ``count`` facts, in fact-base order, filed under ``word``.

    The full-text index lists facts by number, and a build numbers them in fact-base order
    (a file's facts one after another as they stand in it, the files by name): the first
    facts it lists are the ones wanted. A file indexed again alone is numbered after all the
    others; the facts numbered from the first such file on are sorted, and the two merged.
    """
    conn = store.conn
    quoted = '"' + word.replace('"', '""') + '"'
    after = store.renumbered_from()
    in_order = f"SELECT rowid FROM {table} WHERE {table} MATCH ? AND rowid < ? ORDER BY rowid LIMIT ?"
    found = [n for (n,) in conn.execute(in_order, (quoted, after, count))]
    if after > (store.last_number() or 0):
        return found
    sql = (
        f"SELECT n, file, pos FROM facts WHERE n IN (SELECT rowid FROM {table} WHERE {table} MATCH ? AND rowid >= ?)"
        " ORDER BY file, pos LIMIT ?"
    )
    later = conn.execute(sql, (quoted, after, count)).fetchall()
    if not later:
        return found
    places = conn.execute(f"SELECT n, file, pos FROM facts WHERE n IN ({', '.join('?' * len(found))})", found).fetchall()
    return [n for n, _, _ in sorted(places + later, key=lambda r: (r[1], r[2]))[:count]]


def load_searchable(root: str | os.PathLike[str] | None = None) -> tuple[FactBase, SearchIndex]:
    """The fact base and search's prepared index for every fact, from the fact-base index
    (for a library caller or a test that searches a whole base in memory with ``find``)."""
    from xmfacts.index.store import with_store

    def both(store: Store) -> tuple[FactBase, SearchIndex]:
        summary = search_index(store)
        return store.factbase(), SearchIndex(tuple(rows(store)), vocabulary(store), summary.syllables, summary.stable, summary.has_pinyin)

    return with_store(root, both)
