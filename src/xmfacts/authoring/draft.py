"""The draft `xmfacts extract --toml` prints, and reading one back for `xmfacts add --from`.

A draft is a topic file in the canonical layout (what `xmfacts fmt` writes): a curator opens
it in an editor, deletes what they do not want, fills in ``label_en`` and fixes what the note
asks, then ``add --from`` takes the rest in through every check ``add`` makes.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xmfacts.authoring.add import Draft, fact_table
from xmfacts.authoring.tomltext import canonical_text
from xmfacts.errors import UsageError
from xmfacts.factbase.layout import FACT_KEYS
from xmfacts.fields import Reads, draft_options
from xmfacts.model import Kind

if TYPE_CHECKING:
    from xmfacts.extract import Candidate, Extraction


def candidate_draft(extraction: Extraction, c: Candidate) -> Draft:
    figure = c.figure
    return Draft(
        topic=extraction.topic,
        id=c.id,
        label=c.label,
        label_en="",
        source=extraction.source.id,
        quote=c.quote,
        entity=c.entity,
        value=figure.value if figure.kind is Kind.QUANTITY else None,
        lower=figure.lower,
        upper=figure.upper,
        date=figure.date,
        unit=figure.unit or None,
        qualifier=figure.qualifier.value if figure.kind is not Kind.DATE else None,
        as_of=c.as_of,
        measure=c.measure,
        note=c.note,
        series=c.series or None,
    )


def draft_toml(extraction: Extraction) -> str:
    """The new figures as a topic file, in the canonical layout; on-record figures are left out."""
    facts = [fact_table(candidate_draft(extraction, c)) for c in extraction.new]
    title, title_en = extraction.topic_title, extraction.topic_title_en
    if not (title and title_en):
        # A new topic: titles a curator may rewrite, but that let the reviewed draft in as it is
        # (a desk's first article drafts into a topic no one has named yet).
        title = title or extraction.source.title or extraction.topic
        title_en = title_en or extraction.topic.replace("-", " ").capitalize()
    # The topic's id rides in the draft, so `add --from DRAFT.toml` needs no TOPIC argument.
    topic = {"title": title, "title_en": title_en, "id": extraction.topic}
    return canonical_text({"topic": topic, "fact": facts}, sources=False)


def read_draft(path: Path) -> tuple[dict[str, str], list[Draft]]:
    """A reviewed draft: its [topic] titles and each [[fact]] as a Draft for ``add``.

    A fact whose label_en is still empty has not been reviewed: refused, by id.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"), parse_float=Decimal)
    except OSError as exc:
        raise UsageError(f"--from {path}: cannot read: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"--from {path}: not a TOML draft: {exc}") from None
    topic = data.get("topic") if isinstance(data.get("topic"), dict) else {}
    facts = data.get("fact")
    if not isinstance(facts, list) or not facts or not all(isinstance(f, dict) for f in facts):
        raise UsageError(f"--from {path}: no [[fact]] tables to add")
    drafts = [_draft(path, n, table) for n, table in enumerate(facts, 1)]
    unreviewed = [d.id for d in drafts if not d.label_en.strip()]
    if unreviewed:
        raise UsageError(f"--from {path}: label_en is empty (not reviewed yet): {', '.join(unreviewed)}; nothing was added")
    return {k: str(v) for k, v in topic.items() if isinstance(v, str) and v}, drafts


def _draft(path: Path, n: int, table: dict[str, Any]) -> Draft:
    where = f"--from {path}: fact {n} ({table.get('id', '?')})"
    unknown = [k for k in table if k not in FACT_KEYS]
    if unknown:
        raise UsageError(f"{where}: unknown key {unknown[0]!r}")

    def text(key: str, default: str | None = "") -> Any:
        value = table.get(key, default)
        if value is not None and not isinstance(value, str):
            raise UsageError(f"{where}: {key} must be a string")
        return value

    def number(key: str) -> Decimal | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            raise UsageError(f"{where}: {key} must be a number")
        return Decimal(value)

    def strings(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise UsageError(f"{where}: {key} must be an array of strings")
        return tuple(value)

    # Read in the draft's own order, so of two wrong keys the same one is named as always;
    # a required field left out reads as "", which add then reports as empty.
    values: dict[str, Any] = {}
    for option in draft_options():
        if option.reads is Reads.NUMBER:
            values[option.key] = number(option.key)
        elif option.reads is Reads.WORDS:
            values[option.key] = strings(option.key)
        else:
            values[option.key] = text(option.key, "" if option.required else option.default)
    return Draft(topic="", **values)
