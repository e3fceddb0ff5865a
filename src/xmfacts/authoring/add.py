"""Adding a fact and tidying fact files, for the people who keep the fact base.

Both write TOML with tomli-w and never trust it blindly: ``add_fact`` runs the new file
through the same parser as ``xmfacts validate`` before anything is written, and
``format_factbase`` re-reads what it rendered and refuses a file whose values would change.
The existing bytes of a topic file are never re-rendered by ``add_fact``: the new fact is
appended, so comments and hand layout survive.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any

import tomli_w

from xmfacts.errors import FactBaseError, OutputError, Problem, UsageError
from xmfacts.loader import SOURCES_FILE, fact_files, load_factbase, read_files, resolve_facts_dir
from xmfacts.model import Fact
from xmfacts.parsing import KEBAB, parse_factbase
from xmfacts.safewrite import atomic_write
from xmfacts.validate import read_sources, trace

# The article's main subject; most figures are about the city itself.
DEFAULT_ENTITY = "厦门市"

FACT_ORDER = (
    "id", "label", "label_en", "value", "lower", "upper", "date", "unit", "qualifier",
    "as_of", "entity", "measure", "source", "quote", "tags", "note",
)
TOPIC_ORDER = ("title", "title_en")
SOURCE_ORDER = ("id", "title", "outlet", "published", "authors")

_TAG_SEPARATORS = (",", "，")


@dataclass(frozen=True)
class Draft:
    """A fact as typed on the command line, before it has been checked."""

    topic: str
    id: str
    label: str
    label_en: str
    source: str
    quote: str
    entity: str | None = None  # None: DEFAULT_ENTITY
    value: Decimal | None = None
    lower: Decimal | None = None
    upper: Decimal | None = None
    date: str | None = None
    unit: str | None = None
    qualifier: str | None = None  # None: "range" with lower/upper, else "exact"
    as_of: str | None = None
    tags: tuple[str, ...] = ()
    note: str = ""

    @property
    def full_id(self) -> str:
        return f"{self.topic}/{self.id}"


@dataclass(frozen=True)
class Added:
    fact: Fact  # as loaded back from the written file
    path: Path
    created: bool  # a new topic file


class FileState(StrEnum):
    FORMATTED = "formatted"  # already canonical
    CHANGED = "changed"  # would be, or was, rewritten
    COMMENTED = "commented"  # not canonical, but rewriting would drop comments


@dataclass(frozen=True)
class FileFormat:
    path: Path
    state: FileState
    text: str  # the canonical text


@dataclass(frozen=True)
class FormatReport:
    files: tuple[FileFormat, ...]
    written: bool

    def count(self, state: FileState) -> int:
        return sum(1 for f in self.files if f.state is state)


# --- arguments -------------------------------------------------------------------------


def parse_number(text: str, option: str) -> Decimal:
    """A figure exactly as printed: Decimal keeps 29.20's trailing zero, float would not."""
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise UsageError(f"{option} {text!r} is not a number (write it as printed, e.g. 29.20)") from None
    if not number.is_finite():
        raise UsageError(f"{option} {text!r} is not a number (write it as printed, e.g. 29.20)")
    return number


def split_tags(text: str | None) -> tuple[str, ...]:
    """'a, b，c' -> ('a', 'b', 'c'): Chinese input methods type the full-width comma."""
    if not text:
        return ()
    for separator in _TAG_SEPARATORS[1:]:
        text = text.replace(separator, _TAG_SEPARATORS[0])
    return tuple(tag for tag in (part.strip() for part in text.split(_TAG_SEPARATORS[0])) if tag)


def toml_number(number: Decimal) -> int | Decimal:
    """68 stays a TOML integer; tomli-w would write Decimal('68') as the float 68.0."""
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= 0:
        return int(number)
    return number


# --- rendering -------------------------------------------------------------------------


def ordered(table: Mapping[str, Any], order: Sequence[str]) -> dict[str, Any]:
    """Known keys in ``order``, then any others in the order they came."""
    known = {key: table[key] for key in order if key in table}
    return {**known, **{key: value for key, value in table.items() if key not in known}}


def render_table(name: str, table: Mapping[str, Any], array: bool) -> str:
    """One ``[name]`` or ``[[name]]`` table.

    The header is written here rather than by ``tomli_w.dumps({name: [table]})``: tomli-w
    writes an array of tables that fits in 100 columns as ``name = [{ … }]``, which
    appended after existing ``[[fact]]`` tables would become a key of the last one.
    """
    header = f"[[{name}]]\n" if array else f"[{name}]\n"
    return header + tomli_w.dumps(dict(table))


def fact_table(draft: Draft) -> dict[str, Any]:
    """The TOML table for a new fact, keys in canonical order, absent optional keys left out."""
    qualifier = draft.qualifier
    if qualifier is None:
        qualifier = "range" if draft.lower is not None or draft.upper is not None else "exact"
    table: dict[str, Any] = {
        "id": draft.id,
        "label": draft.label,
        "label_en": draft.label_en,
        "value": toml_number(draft.value) if draft.value is not None else None,
        "lower": toml_number(draft.lower) if draft.lower is not None else None,
        "upper": toml_number(draft.upper) if draft.upper is not None else None,
        "date": draft.date,
        "unit": draft.unit,
        "qualifier": qualifier,
        "as_of": draft.as_of or None,
        "entity": draft.entity if draft.entity is not None else DEFAULT_ENTITY,
        "source": draft.source,
        "quote": draft.quote,
        "tags": list(draft.tags) or None,
        "note": draft.note or None,
    }
    return ordered({key: value for key, value in table.items() if value is not None}, FACT_ORDER)


def append_block(old: str, block: str) -> str:
    """``old`` unchanged, then one blank line, then ``block``."""
    return old + ("" if old.endswith("\n") else "\n") + "\n" + block


def canonical_text(data: Mapping[str, Any], sources: bool) -> str:
    """A parsed fact file in canonical form: [topic], then each [[fact]] (or [[source]])."""
    array_key, order = ("source", SOURCE_ORDER) if sources else ("fact", FACT_ORDER)
    entries = data.get(array_key)
    tables: list[dict[str, Any]] = entries if isinstance(entries, list) and all(isinstance(e, dict) for e in entries) else []
    found = data.get("topic") if not sources else None
    header: dict[str, Any] | None = found if isinstance(found, dict) else None
    skip = ({array_key} if tables else set()) | ({"topic"} if header is not None else set())
    rest = {key: value for key, value in data.items() if key not in skip}
    blocks: list[str] = []
    if rest:
        # Keys the loader does not read (sources.toml may have some): kept, and first,
        # because a bare key after a table header would land inside that table.
        blocks.append(tomli_w.dumps(rest))
    if header is not None:
        blocks.append(render_table("topic", ordered(header, TOPIC_ORDER), array=False))
    blocks.extend(render_table(array_key, ordered(table, order), array=True) for table in tables)
    return "\n".join(blocks)


def identical(a: Any, b: Any) -> bool:
    """Equal and of the same type, with Decimals equal digit for digit (29.20 is not 29.2)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(identical(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(identical(x, y) for x, y in zip(a, b))
    if isinstance(a, Decimal):
        return a.as_tuple() == b.as_tuple()
    return bool(a == b)


def has_comment(text: str) -> bool:
    """Whether a ``#`` occurs outside every TOML string (basic, literal, and their multi-line forms)."""
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "#":
            return True
        if char in "\"'":
            if text.startswith(char * 3, i):
                i = _end_of_multiline(text, i + 3, char)
            else:
                i = _end_of_line_string(text, i + 1, char)
            continue
        i += 1
    return False


def _end_of_line_string(text: str, i: int, quote: str) -> int:
    while i < len(text):
        char = text[i]
        if char == "\\" and quote == '"':
            i += 2
            continue
        if char == quote or char == "\n":
            return i + 1
        i += 1
    return i


def _end_of_multiline(text: str, i: int, quote: str) -> int:
    while i < len(text):
        char = text[i]
        if char == "\\" and quote == '"':
            i += 2
            continue
        if text.startswith(quote * 3, i):
            # A closing delimiter may be preceded by one or two quotes that belong to the string.
            run = 3
            while run < 5 and text.startswith(quote, i + run):
                run += 1
            return i + run
        i += 1
    return i


# --- add -------------------------------------------------------------------------------


def add_fact(
    root: str | Path | None,
    draft: Draft,
    title: str | None = None,
    title_en: str | None = None,
    source_texts: Sequence[Path] = (),
) -> Added:
    """Append ``draft`` to its topic file (or create the topic), after validating the result.

    Nothing is written unless the whole fact base, with the new fact in it, passes the
    loader's checks and, with source texts, the quote and figure trace of ``validate``.
    """
    texts = read_sources(source_texts)
    if not KEBAB.fullmatch(draft.topic):
        raise UsageError(f"topic {draft.topic!r} is not kebab-case (a-z, 0-9, -)")
    if f"{draft.topic}.toml" == SOURCES_FILE:
        raise UsageError(f"{draft.topic!r} cannot be a topic: {SOURCES_FILE} lists the sources")
    root_path = resolve_facts_dir(root)
    if not root_path.is_dir():
        raise FactBaseError([Problem(str(root_path), "fact directory does not exist")])
    contents = _require_valid(root_path)

    path = root_path / f"{draft.topic}.toml"
    block = render_table("fact", fact_table(draft), array=True)
    old = contents.get(path)
    if old is None:
        missing = [option for option, given in (("--title", title), ("--title-en", title_en)) if given is None]
        if missing:
            raise UsageError(f"topic {draft.topic!r} is new: give {' and '.join(missing)} to create {path}")
        text = render_table("topic", {"title": title, "title_en": title_en}, array=False) + "\n" + block
    else:
        if title is not None or title_en is not None:
            raise UsageError(f"topic {draft.topic!r} exists: --title and --title-en only name a new topic (edit {path} to rename it)")
        # The base was valid, so the file is UTF-8; decoding and re-encoding gives back the
        # same bytes, BOM and line endings included.
        text = append_block(old.decode("utf-8"), block)

    fact = _check(root_path, {**contents, path: text.encode("utf-8")}, path, draft, texts)
    _replace(path, old, text, during="the fact was being added")
    return Added(_reload(root_path, fact.full_id), path, created=old is None)


def _require_valid(root: Path) -> dict[Path, bytes]:
    """Every fact file's bytes, or the base's own problems: a new fact cannot fix those."""
    problems: list[Problem] = []
    contents = read_files(fact_files(root), problems)
    parse_factbase(root, contents, problems)
    if problems:
        note = "the fact base already has the problems above; fix them first (xmfacts validate); nothing was added"
        raise FactBaseError([*problems, Problem(str(root), note)])
    return contents


def _check(root: Path, contents: dict[Path, bytes], path: Path, draft: Draft, texts: Sequence[str]) -> Fact:
    problems: list[Problem] = []
    base = parse_factbase(root, contents, problems)
    if not problems:
        fact = next(f for f in base.facts if f.full_id == draft.full_id)
        problems = trace(fact, str(path), texts) if texts else []
        if not problems:
            return fact
    raise FactBaseError([_unplaced(p, draft.full_id) for p in problems])


def _unplaced(problem: Problem, full_id: str) -> Problem:
    # The new fact's line is in a file that was never written; pointing there would mislead.
    if problem.fact_id == full_id:
        return dataclasses.replace(problem, line=None, column=None)
    return problem


def _replace(path: Path, old: bytes | None, text: str, during: str) -> None:
    """Write ``text`` over ``path`` only if the file still holds ``old`` (None: does not exist)."""
    try:
        current = path.read_bytes() if path.exists() else None
    except OSError as exc:
        raise OutputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if current != old:
        # Someone saved the file while we were working: writing now would lose their edit.
        raise OutputError(f"{path} changed while {during}; it was not written, run the command again")
    atomic_write(path, text, force=old is not None)


def _reload(root: Path, full_id: str) -> Fact:
    return next(f for f in load_factbase(root).facts if f.full_id == full_id)


# --- fmt -------------------------------------------------------------------------------


def format_factbase(root: str | Path | None, check: bool = False, force: bool = False) -> FormatReport:
    """Rewrite every fact file in canonical form (unless ``check``); values never change.

    Files with comments are left alone unless ``force``: tomli-w cannot keep them.
    """
    root_path = resolve_facts_dir(root)
    load_factbase(root_path)  # an invalid base raises with every problem; tidy a valid one only
    files: list[FileFormat] = []
    originals: dict[Path, bytes] = {}
    refused: list[str] = []
    for path in fact_files(root_path):
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise OutputError(f"cannot read {path}: {exc.strerror or exc}") from None
        try:
            text = raw.decode("utf-8-sig")
            data = tomllib.loads(text, parse_float=Decimal)
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            # The loader accepted it a moment ago: someone is editing the fact base right now.
            raise OutputError(f"{path} changed while formatting; nothing written, run the command again") from None
        new = canonical_text(data, sources=path.name == SOURCES_FILE)
        if not identical(tomllib.loads(new, parse_float=Decimal), data):
            refused.append(f"{path}: formatting would change a value; left alone (please report this)")
            continue
        if new.encode("utf-8") == raw:
            state = FileState.FORMATTED
        elif has_comment(text) and not force:
            state = FileState.COMMENTED
        else:
            state = FileState.CHANGED
        files.append(FileFormat(path, state, new))
        originals[path] = raw
    if refused:
        raise OutputError("\n".join(refused))
    if not check:
        for file in files:
            if file.state is FileState.CHANGED:
                _replace(file.path, originals[file.path], file.text, during="formatting")
    return FormatReport(tuple(files), written=not check)
