"""The fact base as an SQLite database that Datasette serves as it is, and its metadata.json.

``datasette facts.db -m metadata.json`` gives a newsroom a browsable, linkable fact base with
a JSON API, without xmfacts growing a server. Tables ``facts``, ``topics`` and ``sources``
with foreign keys; ``facts_fts`` (FTS5 over words cut in advance: ``search_words``) makes
Datasette's search box and ``?_search=`` find Chinese of two characters or more (授信), pinyin
(xinyidai) and English by stem and synonym (listed firms).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from xmfacts import __version__
from xmfacts.fields import COLUMN_ORDER, FACT_FIELDS, LABEL, LABEL_EN, SERIES, SOURCE, STATUS, Shape
from xmfacts.model import Fact, FactBase
from xmfacts.present.json import fact_to_dict, json_number

# Column → what it means, for Datasette's column descriptions (docs/json-schema.md in short):
# every field's columns, measure too (JSON leaves it out; check and search go by it, a newsroom may too).
FACT_COLUMNS = {c.name: c.description for f in COLUMN_ORDER for c in f.columns}
TOPIC_COLUMNS = {"id": "Topic id", "title": "Title, in Chinese", "title_en": "Title, in English", "facts": "How many facts it holds"}
SOURCE_COLUMNS = {
    "id": "Source id",
    "title": "Title of the article",
    "outlet": "Where it was published",
    "published": "When it was published",
    "authors": "Authors (JSON array)",
    "url": "Where the page can be read (http or https), if known",
    "kind": "What kind of page: article, statistical bulletin, government site, newspaper, mirror, report",
}
# A series is one measure of one subject over time; each observation is a fact (issue 22).
SERIES_TABLE = SERIES.name
SERIES_COLUMNS = {
    "id": "Series id, topic/series",
    "topic": "Topic id",
    LABEL.name: "What it measures, in Chinese (its latest observation's label, without the period)",
    LABEL_EN.name: "What it measures, in English",
    "unit": "The unit its latest observation is printed in",
    "observations": "How many observations it has",
    "first_period": "Its earliest period",
    "last_period": "Its latest period",
    "latest": "Fact id of its latest observation",
}
OBSERVATION_COLUMNS = {
    "fact": "Fact id of the observation",
    SERIES.name: "Series id",
    "period": "When the figure held (YYYY, YYYY-MM or YYYY-MM-DD)",
    "value": "The figure as printed, in `unit`",
    "unit": "The unit as printed",
    "base_value": "value × scale: the figure in base_unit, comparable across observations (chart this)",
    "base_unit": "CNY, count, percent …",
    "qualifier": "exact, about, over …",
    STATUS.name: "preliminary, revised or as printed, where the page says so",
    "source": "Source id",
    "url": "The page",
    "published": "When the page was published",
}
# What Datasette's search box looks in: the words a reader would search a fact by.
SEARCHED = tuple(f.name for f in FACT_FIELDS if f.datasette_search)
# Word lists are stored as JSON arrays: SQLite has no array, and Datasette shows JSON readably.
_ARRAYS = tuple(f.name for f in COLUMN_ORDER if f.shape is Shape.WORDS)


def _columns(names: Sequence[str], primary: str) -> str:
    return ", ".join(f"{n} TEXT PRIMARY KEY" if n == primary else n for n in names)


def database(base: FactBase, facts: Sequence[Fact]) -> bytes:
    """An SQLite database of ``facts`` with their topics and sources, as the bytes of its file."""
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"CREATE TABLE sources ({_columns(list(SOURCE_COLUMNS), 'id')})")
    conn.execute(f"CREATE TABLE topics ({_columns(list(TOPIC_COLUMNS), 'id')})")
    fact_columns = ", ".join(
        "id TEXT PRIMARY KEY" if n == "id" else
        "topic TEXT NOT NULL REFERENCES topics(id)" if n == "topic" else
        "source TEXT NOT NULL REFERENCES sources(id)" if n == "source" else
        f"{n} REAL" if n in {"value", "lower", "upper"} else
        f"{n} INTEGER" if n == "scale" else n
        for n in FACT_COLUMNS
    )
    conn.execute(f"CREATE TABLE facts ({fact_columns})")
    conn.execute("CREATE INDEX facts_topic ON facts(topic)")
    conn.execute("CREATE INDEX facts_source ON facts(source)")
    conn.executemany(
        f"INSERT INTO sources VALUES ({', '.join('?' * len(SOURCE_COLUMNS))})",
        [(s.id, s.title, s.outlet, s.published or None, json.dumps(list(s.authors), ensure_ascii=False), s.url or None, s.kind or None)
         for s in base.sources],
    )
    counts = {t.id: sum(1 for f in facts if f.topic == t.id) for t in base.topics}
    conn.executemany(
        "INSERT INTO topics VALUES (?, ?, ?, ?)", [(t.id, t.title, t.title_en, counts[t.id]) for t in base.topics if counts[t.id]]
    )
    conn.executemany(f"INSERT INTO facts VALUES ({', '.join('?' * len(FACT_COLUMNS))})", [_row(f) for f in facts])
    # Datasette's search box quotes each word typed and asks the full-text table for all of
    # them; the table holds each fact's words cut in advance (``search_words``), one row per
    # fact, found by rowid as metadata.json says (fts_table, fts_pk).
    conn.execute(f'CREATE VIRTUAL TABLE facts_fts USING fts5({SEARCH_WORDS}, tokenize="porter unicode61 remove_diacritics 2")')
    rowids = dict(conn.execute("SELECT id, rowid FROM facts"))
    conn.executemany(f"INSERT INTO facts_fts(rowid, {SEARCH_WORDS}) VALUES (?, ?)", [(rowids[f.full_id], search_words(f)) for f in facts])
    _series_tables(conn, facts)
    conn.commit()
    return conn.serialize()


SEARCH_WORDS = "words"  # facts_fts's one column
_CUT_UP_TO = 8  # the longest Chinese word the search box finds (国家高新技术企业)
_PINYIN_UP_TO = 4  # the longest word also written in pinyin (xinyidai, shangshigongsi)


def search_words(fact: Fact) -> str:
    """A fact's searched fields (``SEARCHED``) as the words Datasette's search box may be typed
    with, space-separated for FTS5's unicode61 tokenizer, which keeps a run of Chinese whole and
    stems English (porter): every run of two to eight Chinese characters in them (授信, 上市公司,
    国家高新技术企业; folded to simplified, so 信易贷 also finds a fact printed 信易貸), runs of up to four in
    toneless pinyin (xinyidai, shangshi gongsi), the English words, and the members of every
    synonym group one of them is in (listed firms: the fact says listed companies)."""
    from xmfacts import pinyin
    from xmfacts.search.words import english_words, synonym_groups
    from xmfacts.text import fold, stem

    fields = [getattr(fact, name) for name in SEARCHED]
    texts = [fold(field if isinstance(field, str) else " ".join(field)) for field in fields]
    words: dict[str, None] = {}
    english = english_words(" ".join(texts))  # the words search reads: Fujian's is Fujian
    for text in texts:
        for run in pinyin.cjk_runs(text):
            syllables = pinyin.run_syllables(run)
            spoken = syllables[0] if len(syllables) == 1 and len(syllables[0]) == len(run) else None
            for i in range(len(run)):
                for j in range(i + 2, min(len(run), i + _CUT_UP_TO) + 1):
                    words[run[i:j]] = None
                    if spoken and j - i <= _PINYIN_UP_TO:
                        words["".join(spoken[i:j])] = None
    words.update(dict.fromkeys(english))
    said = {stem(w) for w in english}
    for group in synonym_groups():
        if any(all(stem(w) in said for w in member.split()) for member in group):
            words.update(dict.fromkeys(w for member in group for w in member.split()))
    return " ".join(words)


def _series_tables(conn: sqlite3.Connection, facts: Sequence[Fact]) -> None:
    """Tables series and observations: one row per series and per observation, so a newsroom can
    chart a measure over the years (``/facts/observations?series=economy/gdp&_sort=period``)."""
    from xmfacts.series import period_of, series_in

    conn.execute("CREATE TABLE series (id TEXT PRIMARY KEY, topic TEXT NOT NULL REFERENCES topics(id), label, label_en, unit, "
                 "observations INTEGER, first_period, last_period, latest TEXT REFERENCES facts(id))")
    conn.execute("CREATE TABLE observations (fact TEXT PRIMARY KEY REFERENCES facts(id), series TEXT NOT NULL REFERENCES series(id), "
                 "period, value REAL, unit, base_value REAL, base_unit, qualifier, status, source TEXT REFERENCES sources(id), url, published)")
    all_series = series_in(facts)
    conn.executemany("INSERT INTO series VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        (s.id, s.latest.topic, s.latest.label.split("（")[0], s.latest.label_en.rsplit(", ", 1)[0], s.latest.figure.unit,
         len(s.observations), period_of(s.observations[0]), period_of(s.observations[-1]), s.latest.full_id)
        for s in all_series.values()
    ])
    conn.executemany(f"INSERT INTO observations VALUES ({', '.join('?' * len(OBSERVATION_COLUMNS))})", [
        (f.full_id, s.id, period_of(f), json_number(f.figure.value), f.figure.unit,
         json_number(f.figure.value * f.figure.scale) if f.figure.value is not None and f.figure.scale else None,
         f.figure.base_unit.value if f.figure.base_unit else None, f.figure.qualifier.value, f.status or None,
         f.source.id, f.source.url or None, f.source.published or None)
        for s in all_series.values() for f in s.observations
    ])


def _row(fact: Fact) -> tuple[Any, ...]:
    d = fact_to_dict(fact)
    d[SOURCE.name] = fact.source.id
    for name in _ARRAYS:
        d[name] = json.dumps(list(getattr(fact, name)), ensure_ascii=False)
    return tuple(d[n] for n in FACT_COLUMNS)


def metadata(database_name: str) -> str:
    """metadata.json for ``datasette DB -m metadata.json``: titles, licence, a description per column."""
    described = {
        "facts": ("Every figure, with its hedge, unit, date, entity and the quote it comes from", FACT_COLUMNS),
        "topics": ("The fact base's topics, one file of facts each", TOPIC_COLUMNS),
        "sources": ("The articles and pages the figures are quoted from", SOURCE_COLUMNS),
        SERIES_TABLE: ("Each measure over the years: one row per series", SERIES_COLUMNS),
        "observations": ("Each observation of a series: period, figure and the page that printed it", OBSERVATION_COLUMNS),
    }
    tables: dict[str, Any] = {
        name: {"description": text, "columns": dict(columns)} for name, (text, columns) in described.items()
    }
    tables["facts"].update({"fts_table": "facts_fts", "fts_pk": "rowid", "sort": "id", "label_column": LABEL.name})
    tables["topics"]["label_column"] = "title"
    tables["sources"]["label_column"] = "title"
    tables[SERIES_TABLE]["label_column"] = LABEL_EN.name
    tables["observations"]["sort"] = "period"
    meta = {
        "title": "xmfacts: the figures of Xiamen's technology innovation and finance",
        "description": "A curated, sourced fact base: every figure with its quote and source. "
        "Search box: Chinese of two to eight characters (授信, 上市公司), pinyin without tones (xinyidai), or English (listed firms).",
        "source": "xmfacts " + __version__,
        "license": "MIT (xmfacts); figures and quotes belong to the sources listed in the sources table",
        "databases": {database_name: {"tables": tables}},
    }
    return json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
