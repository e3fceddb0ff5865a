"""`xmfacts add`: one verified fact appended to a topic file, or nothing written at all.

The new file is run through the same parser as ``xmfacts validate`` (and, with source texts,
the quote and figure trace) before anything is written. The existing bytes of a topic file
are never re-rendered: the new fact is appended, so comments and hand layout survive.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
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
from xmfacts.fields import ENTITY, Reads, Shape, add_options, draft_options, field_of_key
from xmfacts.model import Fact
from xmfacts.safewrite import atomic_write
from xmfacts.validate import curation, read_sources, trace

# The article's main subject; most figures are about the city itself.
DEFAULT_ENTITY = "厦门市"

_TAG_SEPARATORS = (",", "，")


def _full_id(draft: Any) -> str:
    return f"{draft.topic}/{draft.id}"


def _draft_type() -> type:
    """A fact as typed on the command line (or read from a draft), before it has been checked.

    Its attributes are the topic and one per option of ``add`` (``xmfacts.fields``), so a new
    fact field reaches add, add --from and extract --toml without being spelled out again:
    text (None when not typed; the entity then is DEFAULT_ENTITY, the qualifier "range" with
    lower/upper, else "exact"), numbers as printed (Decimal), word lists as tuples.
    """
    attributes: list[tuple[str, Any] | tuple[str, Any, Any]] = [("topic", str)]
    for option in draft_options():
        if option.required:
            attributes.append((option.key, str))
        elif option.reads is Reads.WORDS:
            attributes.append((option.key, tuple[str, ...], dataclasses.field(default=())))
        elif option.reads is Reads.NUMBER:
            attributes.append((option.key, Decimal | None, dataclasses.field(default=None)))
        else:
            kind = str if option.default is not None else str | None
            attributes.append((option.key, kind, dataclasses.field(default=option.default)))
    doc = "A fact as typed on the command line (or read from a draft), before it has been checked."
    draft = dataclasses.make_dataclass(
        "Draft", attributes, frozen=True, namespace={"__doc__": doc, "full_id": property(_full_id)}
    )
    draft.__module__ = __name__
    return draft


Draft = _draft_type()


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


def draft_from_options(topic: str, typed: Mapping[str, str | None]) -> Draft:
    """A draft from add's options as typed (by TOML key): numbers as printed, word lists split."""
    values: dict[str, Any] = {}
    for option in add_options():
        text = typed.get(option.key, option.default)
        if option.reads is Reads.NUMBER:
            values[option.key] = parse_number(text, option.flag) if text is not None else None
        elif option.reads is Reads.WORDS:
            values[option.key] = split_tags(text)
        else:
            values[option.key] = text
    return Draft(topic=topic, **values)


_FIELD_OF_KEY = field_of_key()


def fact_table(draft: Draft) -> dict[str, Any]:
    """The TOML table for a new fact, keys in canonical order, absent optional keys left out."""
    table: dict[str, Any] = {}
    for key in FACT_KEYS:
        value = getattr(draft, key)
        if isinstance(value, Decimal):
            value = toml_number(value)
        elif isinstance(value, tuple):
            value = list(value) or None
        elif _FIELD_OF_KEY[key].shape in (Shape.DATE, Shape.OPTIONAL_TEXT):
            value = value or None  # an empty note or date is left out, not written as ""
        table[key] = value
    if draft.qualifier is None:
        table["qualifier"] = "range" if draft.lower is not None or draft.upper is not None else "exact"
    if draft.entity is None:
        table[ENTITY.name] = DEFAULT_ENTITY
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


