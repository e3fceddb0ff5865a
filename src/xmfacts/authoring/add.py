"""`xmfacts add`: one verified fact appended to a topic file, or nothing written at all.

The new file is run through the same parser as ``xmfacts validate`` (and, with source texts,
the quote and figure trace) before anything is written. The existing bytes of a topic file
are never re-rendered: the new fact is appended, so comments and hand layout survive.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from xmfacts.authoring.tomltext import ordered, render_table, toml_number
from xmfacts.errors import FactBaseError, OutputError, Problem, UsageError
from xmfacts.factbase import read_valid
from xmfacts.index import load_factbase
from xmfacts.factbase.load import existing_root
from xmfacts.factbase.layout import FACT_KEYS, KEBAB, SOURCES_FILE, TOPIC_SUFFIX
from xmfacts.factbase.locate import writable_facts_dir
from xmfacts.factbase.parse import parse_factbase
from xmfacts.model import Fact
from xmfacts.safewrite import atomic_write
from xmfacts.validate import curation, read_sources, trace

# The article's main subject; most figures are about the city itself.
DEFAULT_ENTITY = "厦门市"

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
    measure: tuple[str, ...] = ()
    note: str = ""

    @property
    def full_id(self) -> str:
        return f"{self.topic}/{self.id}"


@dataclass(frozen=True)
class Added:
    fact: Fact  # as loaded back from the written file
    path: Path
    created: bool  # a new topic file


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
        "measure": list(draft.measure) or None,
        "tags": list(draft.tags) or None,
        "note": draft.note or None,
    }
    return ordered({key: value for key, value in table.items() if value is not None}, FACT_KEYS)


def append_block(old: str, block: str) -> str:
    """``old`` unchanged, then one blank line, then ``block``."""
    return old + ("" if old.endswith("\n") else "\n") + "\n" + block


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
    return add_facts(root, draft.topic, [draft], title, title_en, source_texts)[0]


def add_facts(
    root: str | Path | None,
    topic: str,
    drafts: Sequence[Draft],
    title: str | None = None,
    title_en: str | None = None,
    source_texts: Sequence[Path] = (),
    new_topic_titles: tuple[str | None, str | None] = (None, None),
) -> list[Added]:
    """Append every draft to ``topic``'s file in one write, or nothing if any of them fails.

    ``new_topic_titles`` (a draft's [topic]) name the topic when it is new and no title is given.
    """
    texts = read_sources(source_texts)
    if not KEBAB.fullmatch(topic):
        raise UsageError(f"topic {topic!r} is not kebab-case (a-z, 0-9, -)")
    if f"{topic}{TOPIC_SUFFIX}" == SOURCES_FILE:
        raise UsageError(f"{topic!r} cannot be a topic: {SOURCES_FILE} lists the sources")
    drafts = [dataclasses.replace(d, topic=topic) for d in drafts]
    root_path, contents = _require_valid(writable_facts_dir(root))

    path = root_path / f"{topic}{TOPIC_SUFFIX}"
    blocks = [render_table("fact", fact_table(d), array=True) for d in drafts]
    old = contents.get(path)
    if old is None:
        title = title if title is not None else new_topic_titles[0]
        title_en = title_en if title_en is not None else new_topic_titles[1]
        missing = [option for option, given in (("--title", title), ("--title-en", title_en)) if given is None]
        if missing:
            raise UsageError(f"topic {topic!r} is new: give {' and '.join(missing)} to create {path}")
        text = render_table("topic", {"title": title, "title_en": title_en}, array=False) + "\n" + "\n".join(blocks)
    else:
        if title is not None or title_en is not None:
            raise UsageError(f"topic {topic!r} exists: --title and --title-en only name a new topic (edit {path} to rename it)")
        # The base was valid, so the file is UTF-8; decoding and re-encoding gives back the
        # same bytes, BOM and line endings included.
        text = old.decode("utf-8")
        for block in blocks:
            text = append_block(text, block)

    facts = _check(root_path, {**contents, path: text.encode("utf-8")}, path, drafts, texts)
    replace_if_unchanged(path, old, text, during="the fact was being added")
    return [Added(_reload(root_path, fact.full_id), path, created=old is None) for fact in facts]


def _require_valid(root: str | Path | None) -> tuple[Path, dict[Path, bytes]]:
    """Every fact file's bytes, or the base's own problems: a new fact cannot fix those."""
    root_path = existing_root(root)  # no fact base at all is its own error, with nothing to fix first
    try:
        _, contents, _ = read_valid(root_path)
    except FactBaseError as exc:
        note = "the fact base already has the problems above; fix them first (xmfacts validate); nothing was added"
        raise FactBaseError([*exc.problems, Problem(str(root_path), note)]) from None
    return root_path, contents


def _check(root: Path, contents: dict[Path, bytes], path: Path, drafts: Sequence[Draft], texts: Sequence[str]) -> list[Fact]:
    problems: list[Problem] = []
    base = parse_factbase(root, contents, problems)
    ids = [d.full_id for d in drafts]
    if not problems:
        facts = [next(f for f in base.facts if f.full_id == full_id) for full_id in ids]
        problems = [p for fact in facts for p in curation(fact, str(path)) + (trace(fact, str(path), texts) if texts else [])]
        if not problems:
            return facts
    return_problems = [_unplaced(p, ids) for p in problems]
    raise FactBaseError(return_problems)


def _unplaced(problem: Problem, full_ids: Sequence[str]) -> Problem:
    # The new fact's line is in a file that was never written; pointing there would mislead.
    if problem.fact_id in full_ids:
        return dataclasses.replace(problem, line=None, column=None)
    return problem


def replace_if_unchanged(path: Path, old: bytes | None, text: str, during: str) -> None:
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


