"""Reading TOML fact files into validated facts, collecting every problem on the way."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from xmfacts.errors import Problem
from xmfacts.factbase.layout import FACT_KEYS, KEBAB, REQUIRED_TEXT, SOURCES_FILE
from xmfacts.fields import FACT_FIELDS, SERIES, STATUS, FactField, Shape
from xmfacts.figures.period import valid_date
from xmfacts.figures.units import parse_unit
from xmfacts.model import Fact, FactBase, Figure, Kind, Qualifier, Source, SourceKind, Status, Topic

_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")
_FACT_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*fact[ \t]*\]\]", re.MULTILINE)

# The fields a fact file gives as one string each, the ones it may leave out (read and reported
# in declaration order, the order curators have always seen the problems in), and the word lists.
_TEXT_FIELDS = tuple(f for f in FACT_FIELDS if f.shape is Shape.TEXT)
_OPTIONAL_FIELDS = tuple(f for f in FACT_FIELDS if f.shape in (Shape.DATE, Shape.WORDS, Shape.OPTIONAL_TEXT))
_WORD_KEYS = tuple(key for f in FACT_FIELDS if f.shape is Shape.WORDS for key in f.toml)


def parse_factbase(root: Path, contents: dict[Path, bytes], problems: list[Problem]) -> FactBase:
    """Topics and sources from the files' bytes; problems are appended, not raised."""
    sources = _load_sources(root / SOURCES_FILE, contents, problems)
    by_id = {s.id: s for s in sources}
    topics: list[Topic] = []
    for path in sorted(contents, key=lambda p: p.name):
        if path.name == SOURCES_FILE:
            continue
        topic = _load_topic(path, contents[path], by_id, problems)
        if topic is not None:
            topics.append(topic)
    return FactBase(topics=tuple(topics), sources=tuple(sources), root=str(root))


def parse_sources(path: Path, contents: dict[Path, bytes], problems: list[Problem]) -> list[Source]:
    """sources.toml alone: the fact-base index parses it apart from the topic files."""
    return _load_sources(path, contents, problems)


def parse_topic(path: Path, raw: bytes, sources: dict[str, Source], problems: list[Problem]) -> Topic | None:
    """One topic file alone, against the sources by id: the index re-reads only an edited file."""
    return _load_topic(path, raw, sources, problems)


def read_toml(path: Path, raw: bytes, problems: list[Problem]) -> tuple[dict[str, Any], str] | None:
    """Parse one TOML file, reporting non-UTF-8 and malformed files as problems."""
    try:
        # A BOM is what some Windows editors add; it is harmless, so accept it.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(str(path), f"not UTF-8 (byte 0x{raw[exc.start]:02x})", line=line))
        return None
    data = read_canonical(text)
    if data is not None:
        return data, text
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        pos = _TOML_POS.search(msg)
        line = int(pos.group(1)) if pos else None
        col = int(pos.group(2)) if pos else None
        problems.append(Problem(str(path), f"TOML syntax error: {_TOML_POS.sub('', msg).strip()}", line=line, column=col))
        return None
    return data, text


# ---- a fast reader for the layout `xmfacts fmt` writes ----------------------------------------
# tomllib reads a fact in ~200 µs, most of a big build's parsing. A file in the layout fmt
# writes (tomli-w's: [topic], [[fact]] and [[source]] headers, `key = value` lines, strings,
# numbers, booleans and arrays of strings one per line) is read here line by line; on the first
# line that is anything else the whole file goes to tomllib, so the result (and any error, with
# its line) is always tomllib's. tests/factbase/test_parse.py compares the two on generated files.

_CANON_KEY = re.compile(r"([A-Za-z0-9_-]+) = (.+)\Z")
_CANON_STRING = re.compile(r'"((?:[^"\\\x00-\x08\x0a-\x1f\x7f]|\\[btnfr"\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*)"\Z')
_CANON_ITEM = re.compile(r'    ("(?:[^"\\\x00-\x08\x0a-\x1f\x7f]|\\[btnfr"\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*"),\Z')
_CANON_ESCAPE = re.compile(r'\\(?:([btnfr"\\])|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))')
_CANON_INT = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")
_CANON_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?\Z")
_CANON_TABLES = {"[topic]": "topic"}
_CANON_ARRAYS = {"[[fact]]": "fact", "[[source]]": "source"}
_SIMPLE_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


class _NotCanonical(Exception):
    pass


def _unescape(m: re.Match[str]) -> str:
    if m.group(1):
        return _SIMPLE_ESCAPES[m.group(1)]
    code = int(m.group(2) or m.group(3), 16)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise _NotCanonical  # tomllib's to report
    return chr(code)


def _canonical_string(body: str) -> str:
    return _CANON_ESCAPE.sub(_unescape, body) if "\\" in body else body


def read_canonical(text: str) -> dict[str, Any] | None:
    """What ``tomllib.loads(text, parse_float=Decimal)`` gives, for a file in fmt's layout; None
    for any other file (which tomllib then reads, or reports)."""
    try:
        return _read_canonical(text)
    except _NotCanonical:
        return None


def _read_canonical(text: str) -> dict[str, Any]:
    data: dict[str, Any] = {}
    table: dict[str, Any] | None = None  # keys before any header: left to tomllib
    lines = iter(text.split("\n"))
    for line in lines:
        if not line:
            continue
        m = _CANON_KEY.match(line)
        if m is None:
            if line in _CANON_TABLES:
                name = _CANON_TABLES[line]
                if name in data:
                    raise _NotCanonical
                table = data[name] = {}
            elif line in _CANON_ARRAYS:
                name = _CANON_ARRAYS[line]
                array = data.setdefault(name, [])
                if not isinstance(array, list):
                    raise _NotCanonical
                table = {}
                array.append(table)
            else:
                raise _NotCanonical
            continue
        key, value = m.groups()
        if table is None or key in table:
            raise _NotCanonical
        first = value[0]
        if first == '"':
            s = _CANON_STRING.match(value)
            if s is None:
                raise _NotCanonical
            table[key] = _canonical_string(s.group(1))
        elif value == "[":
            items: list[str] = []
            for item in lines:
                if item == "]":
                    break
                s = _CANON_ITEM.match(item)
                if s is None:
                    raise _NotCanonical
                items.append(_canonical_string(s.group(1)[1:-1]))
            else:
                raise _NotCanonical  # the file ended inside the array
            table[key] = items
        elif value == "[]":
            table[key] = []
        elif value == "true" or value == "false":
            table[key] = value == "true"
        elif _CANON_INT.match(value):
            table[key] = int(value)
        elif _CANON_FLOAT.match(value):
            table[key] = Decimal(value)
        else:
            raise _NotCanonical
    return data


def _load_sources(path: Path, contents: dict[Path, bytes], problems: list[Problem]) -> list[Source]:
    if path not in contents:
        if not path.exists():
            problems.append(Problem(str(path), "missing: the fact base needs a sources.toml listing [[source]] entries"))
        return []
    parsed = read_toml(path, contents[path], problems)
    if parsed is None:
        return []
    data, _ = parsed
    entries = data.get("source", [])
    if not isinstance(entries, list):
        problems.append(Problem(str(path), "'source' must be an array of tables ([[source]])"))
        return []
    sources: list[Source] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, 1):
        sid = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(sid, str) or not sid:
            problems.append(Problem(str(path), f"source #{n} has no id"))
            continue
        if sid in seen:
            problems.append(Problem(str(path), f"duplicate source id {sid!r}"))
            continue
        seen.add(sid)
        authors = entry.get("authors", [])
        kind = entry.get("kind", "")
        if kind and kind not in _SOURCE_KINDS:
            problems.append(Problem(str(path), f"source {sid!r}: unknown kind {kind!r} (expected one of: {', '.join(_SOURCE_KINDS)})"))
            kind = ""
        sources.append(
            Source(
                id=sid,
                title=str(entry.get("title", "")),
                outlet=str(entry.get("outlet", "")),
                published=str(entry.get("published", "")),
                authors=tuple(str(a) for a in authors) if isinstance(authors, list) else (),
                url=str(entry.get("url", "")),
                kind=str(kind),
            )
        )
    return sources


_SOURCE_KINDS = tuple(k.value for k in SourceKind)
_STATUSES = tuple(s.value for s in Status)


def _load_topic(path: Path, raw: bytes, sources: dict[str, Source], problems: list[Problem]) -> Topic | None:
    topic_id = path.stem
    if not KEBAB.fullmatch(topic_id):
        problems.append(Problem(str(path), f"topic file name {path.name!r} is not kebab-case (a-z, 0-9, -)"))
        return None
    parsed = read_toml(path, raw, problems)
    if parsed is None:
        return None
    data, text = parsed
    header = data.get("topic")
    if not isinstance(header, dict):
        problems.append(Problem(str(path), "missing [topic] table with title and title_en"))
        header = {}
    for key in ("title", "title_en"):
        if key in header and not (isinstance(header[key], str) and header[key].strip()):
            problems.append(Problem(str(path), f"[topic] {key} must be a non-empty string"))
        elif key in header and _CONTROL.search(header[key]):
            problems.append(Problem(str(path), f"[topic] {key} contains a control character"))
        elif key not in header and isinstance(data.get("topic"), dict):
            problems.append(Problem(str(path), f"[topic] is missing {key}"))
    raw_facts = data.get("fact", [])
    if not isinstance(raw_facts, list):
        problems.append(Problem(str(path), "'fact' must be an array of tables ([[fact]])"))
        raw_facts = []
    unknown_top = set(data) - {"topic", "fact"}
    for key in sorted(unknown_top):
        problems.append(Problem(str(path), f"unknown top-level key {key!r}"))

    lines = _header_lines(text)
    facts: list[Fact] = []
    seen: dict[str, int] = {}
    for n, raw in enumerate(raw_facts):
        line = lines[n] if n < len(lines) else None
        fact = _build_fact(path, topic_id, raw, line, sources, problems)
        if fact is None:
            continue
        if fact.id in seen:
            problems.append(
                Problem(str(path), f"duplicate id (first at line {seen[fact.id]})", line=line, fact_id=fact.full_id)
            )
            continue
        seen[fact.id] = line or 0
        facts.append(fact)
    return Topic(
        id=topic_id,
        title=str(header.get("title", "")),
        title_en=str(header.get("title_en", "")),
        facts=tuple(facts),
        path=str(path),
    )


def _header_lines(text: str) -> list[int]:
    """The line of each [[fact]] header, counting newlines from the previous one (counting from
    the top for each made a 2,000-fact file cost seconds)."""
    lines: list[int] = []
    line, counted = 1, 0
    for m in _FACT_HEADER.finditer(text):
        line += text.count("\n", counted, m.start())
        counted = m.start()
        lines.append(line)
    return lines


def _number(raw: dict[str, Any], key: str, report: Any) -> Decimal | None:
    v = raw.get(key)
    if v is None:
        return None
    # bool is an int subclass in Python; "value = true" is a typo, not a figure.
    if isinstance(v, bool) or not isinstance(v, (int, Decimal)):
        report(f"{key} must be a number, not {type(v).__name__} {v!r}")
        return None
    d = Decimal(v)
    if not d.is_finite():
        report(f"{key} must be a finite number")
        return None
    return d


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _strings(raw: dict[str, Any]) -> list[tuple[str, str]]:
    found = [(k, v) for k, v in raw.items() if isinstance(v, str)]
    for key in _WORD_KEYS:
        items = raw.get(key)
        if isinstance(items, list):
            found += [(key, t) for t in items if isinstance(t, str)]
    return found


def _build_fact(
    path: Path,
    topic_id: str,
    raw: Any,
    line: int | None,
    sources: dict[str, Source],
    problems: list[Problem],
) -> Fact | None:
    if not isinstance(raw, dict):
        problems.append(Problem(str(path), "each [[fact]] must be a table", line=line))
        return None
    short = raw.get("id")
    label = f"{topic_id}/{short}" if isinstance(short, str) and short else f"{topic_id}/<fact #{line}>"
    before = len(problems)

    def report(message: str) -> None:
        problems.append(Problem(str(path), message, line=line, fact_id=label))

    for key in sorted(set(raw) - set(FACT_KEYS)):
        report(f"unknown key {key!r}")
    for key, text in _strings(raw):
        bad = _CONTROL.search(text)
        if bad:
            # An escape sequence in a label would be replayed by every terminal that shows it.
            report(f"{key} contains control character U+{ord(bad.group()):04X}")
    for key in REQUIRED_TEXT:
        if key not in raw:
            report(f"missing required field {key!r}")
        elif not isinstance(raw[key], str) or not raw[key].strip():
            report(f"{key} must be a non-empty string")
    if isinstance(short, str) and short and not KEBAB.fullmatch(short):
        report(f"id {short!r} is not kebab-case (a-z, 0-9, -)")

    qualifier: Qualifier | None = None
    q = raw.get("qualifier", "exact")
    try:
        qualifier = Qualifier(q)
    except ValueError:
        report(f"unknown qualifier {q!r} (expected one of: {', '.join(x.value for x in Qualifier)})")

    value = _number(raw, "value", report)
    lower = _number(raw, "lower", report)
    upper = _number(raw, "upper", report)
    date = raw.get("date")
    unit = raw.get("unit")

    kind: Kind | None = None
    if "date" in raw:
        kind = Kind.DATE
        if any(k in raw for k in ("value", "lower", "upper", "unit")):
            report("a dated event has 'date' and no value, lower, upper or unit")
        if not isinstance(date, str) or not valid_date(date):
            report(f"date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    elif "lower" in raw or "upper" in raw:
        kind = Kind.RANGE
        if "value" in raw:
            report("a range has lower and upper, not value")
        if "lower" not in raw or "upper" not in raw:
            report("a range needs both lower and upper")
        elif lower is not None and upper is not None and lower > upper:
            report(f"lower {lower} is greater than upper {upper}")
        if qualifier is not None and qualifier is not Qualifier.RANGE:
            report("a fact with lower and upper needs qualifier = \"range\"")
    elif "value" in raw:
        kind = Kind.QUANTITY
        if qualifier is Qualifier.RANGE:
            report("qualifier \"range\" needs lower and upper instead of value")
    else:
        report("missing value (or lower and upper for a range, or date for an event)")

    parsed_unit = None
    if kind in (Kind.QUANTITY, Kind.RANGE):
        if "unit" not in raw:
            report("missing required field 'unit'")
        elif not isinstance(unit, str):
            report("unit must be a string")
        else:
            parsed_unit = parse_unit(unit)
            if parsed_unit is None:
                report(f"unknown unit {unit!r}")

    optional = {f.name: _optional(f, raw, report) for f in _OPTIONAL_FIELDS}
    _series_keys(optional, report)
    source_id = raw.get("source")
    if isinstance(source_id, str) and source_id and source_id not in sources:
        report(f"source {source_id!r} is not listed in {SOURCES_FILE}")

    if len(problems) > before or kind is None or qualifier is None:
        return None
    return Fact(
        topic=topic_id,
        id=short,
        figure=Figure(
            kind=kind,
            qualifier=qualifier,
            value=value,
            lower=lower,
            upper=upper,
            unit=unit if kind is not Kind.DATE else None,
            scale=parsed_unit.scale if parsed_unit else None,
            base_unit=parsed_unit.base if parsed_unit else None,
            date=date if kind is Kind.DATE else None,
        ),
        source=sources[source_id],
        line=line or 0,
        **{f.name: raw[key] for f in _TEXT_FIELDS for key in f.toml},
        **optional,
    )


def _series_keys(optional: dict[str, str | tuple[str, ...] | None], report: Callable[[str], None]) -> None:
    """A series is named like an id (it becomes topic/series), and an observation of one says
    when it held: a series is its observations in time."""
    series, status = optional.get(SERIES.name), optional.get(STATUS.name)
    if isinstance(series, str) and series and not KEBAB.fullmatch(series):
        report(f"series {series!r} is not kebab-case (a-z, 0-9, -)")
    if isinstance(series, str) and series and not optional.get("as_of"):
        report("an observation of a series needs as_of: the period its figure holds for")
    if isinstance(status, str) and status and status not in _STATUSES:
        report(f"unknown status {status!r} (expected one of: {', '.join(_STATUSES)})")


def _optional(field: FactField, raw: dict[str, Any], report: Callable[[str], None]) -> str | tuple[str, ...] | None:
    """A field the file may leave out, as the fact holds it; a wrong one is reported."""
    (key,) = field.toml
    if field.shape is Shape.DATE:
        when = raw.get(key)
        if when is not None and (not isinstance(when, str) or (when and not valid_date(when))):
            report(f"{key} {when!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        return when or None  # an empty date says no more than a missing one
    if field.shape is Shape.WORDS:
        words = raw.get(key, [])
        if not isinstance(words, list) or not all(isinstance(t, str) and (t.strip() or not field.nonblank) for t in words):
            report(f"{key} must be an array of {'non-empty ' if field.nonblank else ''}strings")
            words = []
        return tuple(words)
    text = raw.get(key, "")
    if not isinstance(text, str):
        report(f"{key} must be a string")
        text = ""
    return text
