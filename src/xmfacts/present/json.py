"""The stable JSON schema scripts depend on (docs/json-schema.md). No Rich here: JSON paths stay fast."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from xmfacts.model import Fact, Kind, Source, Topic

RATIO_PLACES = Decimal("0.000001")  # six places: enough to tell 1.000001× from 1×

FACT_KEYS = (
    "id", "topic", "label", "label_en", "kind", "value", "lower", "upper", "unit", "qualifier",
    "scale", "base_unit", "date", "as_of", "entity", "quote", "tags", "note", "source",
)


def json_number(d: Decimal | None) -> int | float | None:
    """Integers stay integers; a JSON reader has no Decimal, so fractions become floats."""
    if d is None:
        return None
    if d == d.to_integral_value():
        return int(d)
    return float(d)


def source_to_dict(source: Source) -> dict[str, Any]:
    return {"id": source.id, "title": source.title, "outlet": source.outlet, "published": source.published or None}


def fact_to_dict(fact: Fact) -> dict[str, Any]:
    """Every key always present; absent values are null."""
    return {
        "id": fact.full_id,
        "topic": fact.topic,
        "label": fact.label,
        "label_en": fact.label_en,
        "kind": fact.kind.value,
        "value": json_number(fact.value),
        "lower": json_number(fact.lower),
        "upper": json_number(fact.upper),
        "unit": fact.unit,
        "qualifier": fact.qualifier.value,
        "scale": fact.scale,
        "base_unit": fact.base_unit.value if fact.base_unit else None,
        "date": fact.date,
        "as_of": fact.as_of,
        "entity": fact.entity,
        "quote": fact.quote,
        "tags": list(fact.tags),
        "note": fact.note or None,
        "source": source_to_dict(fact.source),
    }


def finding_to_dict(finding: Any) -> dict[str, Any]:
    """A checked figure (xmfacts.check.Finding): where it stands, what it claims, the verdict."""
    r = finding.reading
    return {
        "span": {"text": r.text, "start": r.start, "end": r.end, "line": finding.line, "context": finding.context},
        "claimed": {
            "kind": r.kind.value,
            "value": json_number(r.value),
            "lower": json_number(r.lower),
            "upper": json_number(r.upper),
            "unit": r.unit if r.kind is not Kind.DATE else None,
            "qualifier": r.qualifier.value,
            "scale": r.scale if r.kind is not Kind.DATE else None,
            "base_unit": r.base_unit.value if r.base_unit else None,
            "date": r.date,
        },
        "fact": fact_to_dict(finding.fact) if finding.fact else None,
        "verdict": finding.verdict.value,
        "difference": json_number(finding.difference),
        "ratio": json_number(finding.ratio.quantize(RATIO_PLACES) if finding.ratio is not None else None),
        "explanation": finding.explanation,
    }


def topic_to_dict(topic: Topic, with_facts: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {"id": topic.id, "title": topic.title, "title_en": topic.title_en}
    if with_facts:
        out["facts"] = [fact_to_dict(f) for f in topic.facts]
    else:
        out["facts"] = len(topic.facts)
    return out


def _escape_surrogates(text: str) -> str:
    # Input that was not valid UTF-8 (a claim piped from a Latin-1 file) arrives as lone
    # surrogates, which no UTF-8 writer accepts; as \uXXXX escapes the JSON stays valid.
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        import re

        return re.sub(r"[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text)


def dumps(data: Any, ensure_ascii: bool = False) -> str:
    """One JSON document; ensure_ascii for terminals that cannot encode Chinese."""
    return _escape_surrogates(json.dumps(data, ensure_ascii=ensure_ascii, indent=2))


def dumps_line(data: Any, ensure_ascii: bool = False) -> str:
    return _escape_surrogates(json.dumps(data, ensure_ascii=ensure_ascii, separators=(",", ":")))


def comparison_to_list(result: Any) -> list[dict[str, Any]]:
    """compare --json: one row per fact (xmfacts.compare.Comparison), the first the reference."""
    return [
        {
            "fact": fact_to_dict(r.fact),
            "base_value": json_number(r.base_figure),
            "difference": json_number(r.difference),
            "ratio": json_number(r.ratio.quantize(RATIO_PLACES) if r.ratio is not None else None),
            "remark": r.remark or None,
        }
        for r in result.rows
    ]


def validation_to_dict(report: Any) -> dict[str, Any]:
    """validate --json (xmfacts.validate.Report)."""
    return {
        "ok": not report.problems,
        "facts": report.facts,
        "topics": report.topics,
        "problems": [
            {"path": p.path, "line": p.line, "column": p.column, "fact_id": p.fact_id, "message": p.message}
            for p in report.problems
        ],
    }
