"""The stable JSON schema scripts depend on (docs/json-schema.md), and the JSON formatter.

No Rich here: JSON paths stay fast.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from decimal import Decimal
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from xmfacts.fields import FactField, Shape, json_fields
from xmfacts.model import Fact, Figure, Source, Topic

if TYPE_CHECKING:
    from xmfacts.authoring.add import Added
    from xmfacts.check import Finding
    from xmfacts.compare import Comparison
    from xmfacts.extract import Candidate, Extraction
    from xmfacts.factbase.locate import Located
    from xmfacts.search import Hit
    from xmfacts.series import Series
    from xmfacts.validate import Report

RATIO_PLACES = Decimal("0.000001")  # six places: enough to tell 1.000001× from 1×

# The fields the schema shows, and its keys in order (the figure's nine among them).
_JSON_FIELDS = json_fields()
FACT_KEYS = tuple(name for f in _JSON_FIELDS for name in f.column_names)


def json_number(d: Decimal | None) -> int | float | None:
    """Integers stay integers; a JSON reader has no Decimal, so fractions become floats."""
    if d is None:
        return None
    if d == d.to_integral_value():
        return int(d)
    return float(d)


def source_to_dict(source: Source) -> dict[str, Any]:
    return {"id": source.id, "title": source.title, "outlet": source.outlet, "published": source.published or None}


def figure_to_dict(figure: Figure) -> dict[str, Any]:
    """The nine keys of a figure, in schema order; a fact's and a claim's are the same."""
    return {
        "kind": figure.kind.value,
        "value": json_number(figure.value),
        "lower": json_number(figure.lower),
        "upper": json_number(figure.upper),
        "unit": figure.unit,
        "qualifier": figure.qualifier.value,
        "scale": figure.scale,
        "base_unit": figure.base_unit.value if figure.base_unit else None,
        "date": figure.date,
    }


def _json_value(field: FactField) -> Callable[[Fact], Any] | None:
    """How a fact's field reads in JSON; None for the figure, whose nine keys are spliced in."""
    read = attrgetter(field.name)
    if field.shape is Shape.FIGURE:
        return None
    if field.shape is Shape.ID:
        return attrgetter("full_id")  # the id `show` takes, not the short one of the file
    if field.shape is Shape.SOURCE:
        return lambda fact: source_to_dict(fact.source)
    if field.shape is Shape.WORDS:
        return lambda fact: list(read(fact))
    if field.shape is Shape.OPTIONAL_TEXT:
        return lambda fact: read(fact) or None  # an empty note is no note: null
    return read


# Each key's reader, made once: export writes a million facts through here, and deciding by
# shape for every fact took nearly three times as long as the literal dict this replaced;
# readers made once cost about the same as that dict did.
_JSON_VALUES = tuple((f.name, _json_value(f)) for f in _JSON_FIELDS)


def fact_to_dict(fact: Fact) -> dict[str, Any]:
    """Every key always present; absent values are null."""
    out: dict[str, Any] = {}
    for key, read in _JSON_VALUES:
        if read is None:
            out.update(figure_to_dict(fact.figure))
        else:
            out[key] = read(fact)
    return out


def finding_to_dict(finding: Finding, fact_dict: Callable[[Fact], dict[str, Any]] = fact_to_dict) -> dict[str, Any]:
    """A checked figure: where it stands, what it claims, the fact it was compared with, the verdict."""
    r = finding.reading
    return {
        "span": {"text": r.text, "start": r.start, "end": r.end, "line": finding.line, "context": finding.context},
        "claimed": {**figure_to_dict(r.figure), "period": finding.period},
        "fact": fact_dict(finding.fact) if finding.fact else None,
        "verdict": finding.verdict.value,
        "subject": list(finding.subject),
        "difference": json_number(finding.difference),
        "ratio": json_number(finding.ratio.quantize(RATIO_PLACES) if finding.ratio is not None else None),
        "explanation": finding.explanation,
        # the words that tied it to its fact, or why none was (what --explain prints on stderr)
        "why": finding.why,
    }


def candidate_to_dict(extraction: Extraction, c: Candidate) -> dict[str, Any]:
    """extract --json: a figure of the article in the fact schema, plus what the record says.

    ``id`` is the fact's on record, else the suggested one; the rest is what the article says.
    """
    # The figure as the fact it would be, so its keys are a fact's: a curator's script reads
    # extract's output and the fact base's alike. Unreviewed, it has no English label or tags.
    drafted = Fact(
        topic=c.on_record.topic if c.on_record else extraction.topic,
        id=c.on_record.id if c.on_record else c.id,
        label=c.on_record.label if c.on_record else c.label,
        label_en=c.on_record.label_en if c.on_record else "",
        figure=c.figure,
        entity=c.entity,
        source=extraction.source,
        quote=c.quote,
        as_of=c.as_of,
        measure=c.measure,
        note=c.note,
        series=c.on_record.series if c.on_record else c.series,
    )
    return {
        **fact_to_dict(drafted),
        "on_record": c.on_record.full_id if c.on_record else None,
        "verdict": c.verdict.value if c.verdict else None,
        "also": [{"text": m.reading.text, "start": m.reading.start, "end": m.reading.end, "line": m.line} for m in c.also],
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
    """One JSON document, as ``json.dumps(data, indent=2)`` writes it; ensure_ascii for
    terminals that cannot encode Chinese."""
    try:
        return _escape_surrogates(_Indented(ensure_ascii).encode(data, 0))
    except _Unusual:
        return _escape_surrogates(json.dumps(data, ensure_ascii=ensure_ascii, indent=2))


class _Unusual(Exception):
    """A value the fast encoder leaves to the json module."""


class _Indented:
    # json.dumps(indent=2) runs the json module's pure-Python encoder over every value; a checked
    # draft of 50,000 characters holds thousands of findings that repeat the same few facts. The
    # text of a dict or list is made once per object and depth (the renderers hand the same fact
    # dict to every finding that names it), byte for byte what json.dumps writes.

    def __init__(self, ensure_ascii: bool) -> None:
        self.string = json.encoder.encode_basestring_ascii if ensure_ascii else json.encoder.encode_basestring
        self.made: dict[tuple[int, int], str] = {}
        self.keys: dict[str, str] = {}  # each key as written, with its colon: a few dozen, written thousands of times

    def encode(self, value: Any, depth: int) -> str:
        if isinstance(value, str):
            return self.string(value)
        if value is None:
            return "null"
        if value is True:
            return "true"
        if value is False:
            return "false"
        if type(value) is int:
            return int.__repr__(value)
        if type(value) is float and value == value and value not in (float("inf"), float("-inf")):
            return float.__repr__(value)
        if type(value) not in (dict, list):
            raise _Unusual
        key = (id(value), depth)
        made = self.made.get(key)
        if made is None:
            made = self.made[key] = self._container(value, depth)
        return made

    def _container(self, value: dict[Any, Any] | list[Any], depth: int) -> str:
        if not value:
            return "{}" if isinstance(value, dict) else "[]"
        inner = "\n" + "  " * (depth + 1)
        if isinstance(value, dict):
            keys, string, encode = self.keys, self.string, self.encode
            items = []
            for k, v in value.items():
                key = keys.get(k)
                if key is None:
                    if type(k) is not str:
                        raise _Unusual
                    key = keys[k] = string(k) + ": "
                # the scalars most values are, written here rather than by a call each
                items.append(key + (string(v) if type(v) is str else "null" if v is None else encode(v, depth + 1)))
            return "{" + inner + ("," + inner).join(items) + "\n" + "  " * depth + "}"
        return "[" + inner + ("," + inner).join(self.encode(v, depth + 1) for v in value) + "\n" + "  " * depth + "]"


def dumps_line(data: Any, ensure_ascii: bool = False) -> str:
    return _escape_surrogates(json.dumps(data, ensure_ascii=ensure_ascii, separators=(",", ":")))


def comparison_to_list(result: Comparison) -> list[dict[str, Any]]:
    """compare --json: one row per fact, the first the reference."""
    return [
        {
            "fact": fact_to_dict(r.fact),
            "base_value": json_number(r.base_figure),
            "difference": json_number(r.difference),
            "ratio": json_number(r.ratio.quantize(RATIO_PLACES) if r.ratio is not None else None),
            "remark": r.remark or None,
            "years": json_number(r.years),
            "cagr": json_number(r.cagr.quantize(RATIO_PLACES) if r.cagr is not None else None),
        }
        for r in result.rows
    ]


def validation_to_dict(report: Report) -> dict[str, Any]:
    """validate --json."""
    return {
        "ok": not report.problems,
        "facts": report.facts,
        "topics": report.topics,
        "problems": [
            {"path": p.path, "line": p.line, "column": p.column, "fact_id": p.fact_id, "message": p.message}
            for p in report.problems
        ],
        "fact_base": {"path": str(report.where.path), "origin": report.where.origin.value} if report.where else None,
        "notes": [
            {"path": p.path, "line": p.line, "column": p.column, "fact_id": p.fact_id, "message": p.message}
            for p in report.notes
        ],
    }


def _once(make: Callable[[Fact], dict[str, Any]]) -> Callable[[Fact], dict[str, Any]]:
    """``make``, giving the same dict for a fact each time: the encoder writes it once."""
    made: dict[int, tuple[Fact, dict[str, Any]]] = {}

    def once(fact: Fact) -> dict[str, Any]:
        hit = made.get(id(fact))
        if hit is None or hit[0] is not fact:
            hit = made[id(fact)] = (fact, make(fact))
        return hit[1]

    return once


class JsonFormatter:
    """Every result as one JSON document; with ``lines``, a checked draft as one object per line."""

    def __init__(self, ensure_ascii: bool, lines: bool = False) -> None:
        self.ensure_ascii = ensure_ascii
        self.lines = lines

    def _doc(self, data: Any) -> str:
        return dumps(data, ensure_ascii=self.ensure_ascii) + "\n"

    def search(self, hits: Sequence[Hit]) -> str:
        return self._doc([{**fact_to_dict(h.fact), "score": h.score} for h in hits])

    def fact(self, fact: Fact) -> str:
        return self._doc(fact_to_dict(fact))

    def topic(self, topic: Topic) -> str:
        return self._doc(topic_to_dict(topic))

    def series(self, series: Series) -> str:
        from xmfacts.present.series_view import series_to_dict

        return self._doc(series_to_dict(series, fact_to_dict))

    def topics(self, topics: Sequence[Topic], where: Located | None = None) -> str:
        return self._doc([topic_to_dict(t, with_facts=False) for t in topics])

    def findings(self, findings: Sequence[Finding]) -> str:
        rows = [finding_to_dict(f, _once(fact_to_dict)) for f in findings]
        if self.lines:
            return "".join(dumps_line(row, ensure_ascii=self.ensure_ascii) + "\n" for row in rows)
        return self._doc(rows)

    def extraction(self, extraction: Extraction) -> str:
        rows = [candidate_to_dict(extraction, c) for c in extraction.candidates]
        if self.lines:
            return "".join(dumps_line(row, ensure_ascii=self.ensure_ascii) + "\n" for row in rows)
        return self._doc(rows)

    def comparison(self, result: Comparison) -> str:
        return self._doc(comparison_to_list(result))

    def validation(self, report: Report, sources: int) -> str:
        return self._doc(validation_to_dict(report))

    def added(self, added: Added) -> str:
        return self._doc(fact_to_dict(added.fact))

    def added_all(self, added: Sequence[Added]) -> str:
        """add --from --json: the stored facts, in the draft's order."""
        return self._doc([fact_to_dict(a.fact) for a in added])
