"""`xmfacts validate`: the structural checks of the loader, plus tracing every figure to the source.

With source texts, each quote must occur verbatim in one of them (whitespace aside) and the
fact's own figure must be printed inside its quote, so a mistyped value cannot land. An
observation from another page (its source has a URL) is not traced to those texts: its
citation must be a few words of that page that state its figure, and its source must say
where (URL) and when (published) it was printed. Two pages that give one period of a series
different figures are listed as notes, not refused: both stay on record.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from xmfacts.errors import FactBaseError, Problem, UsageError
from xmfacts.factbase.load import parse_toml
from xmfacts.factbase.locate import Located, locate
from xmfacts.figures.numerals import written_forms
from xmfacts.figures.printing import plain_number, printed
from xmfacts.model import BaseUnit, Fact, Kind, Topic
from xmfacts.figures.period import valid_date

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Report:
    facts: int
    topics: int
    problems: tuple[Problem, ...]
    where: Located | None = None  # which fact base was read, and how it was found
    # one period of a series given different figures by two pages: listed, never refused
    notes: tuple[Problem, ...] = ()


def squeeze(text: str) -> str:
    """Whitespace does not count: the source wraps lines and spaces where the quote may not."""
    return _SPACE.sub("", text)


def read_sources(paths: Sequence[Path]) -> list[str]:
    texts = []
    for path in paths:
        try:
            texts.append(squeeze(path.read_text(encoding="utf-8-sig")))
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise UsageError(f"--source-text {path}: cannot read: {reason}") from None
    return texts


def validate(root: str | Path | None, source_texts: Sequence[Path] = ()) -> Report:
    """Every problem in the fact base; an empty tuple when it is clean."""
    texts = read_sources(source_texts)
    where = locate(root)
    try:
        base = parse_toml(where.path)  # the TOML itself: the index is only a cache of it
    except FactBaseError as exc:
        return Report(0, 0, exc.problems, where)
    problems: list[Problem] = []
    for topic in base.topics:
        ids = {f.id for f in topic.facts}
        for fact in topic.facts:
            if fact.series in ids:  # `show TOPIC/NAME` would show the fact, never the series
                problems.append(Problem(topic.path, f"series {fact.series!r} is also a fact id of {topic.id}: name the series apart",
                                        line=fact.line, fact_id=fact.full_id))
            problems.extend(curation(fact, topic.path))
            if fact.source.url:
                problems.extend(citation(fact, topic.path))
            elif texts:
                problems.extend(trace(fact, topic.path, texts))
    return Report(len(base.facts), len(base.topics), tuple(problems), where, tuple(differing(base.topics)))


# A citation is the few words of a page that state a figure (地区生产总值7033.89亿元), never its
# sentences: the fact base quotes other outlets only as far as a figure needs.
CITATION_MAX = 60


def citation(fact: Fact, path: str) -> list[Problem]:
    """An observation from another page: its figure stated in a short citation, and a page
    that says where and when."""
    found: list[Problem] = []

    def problem(message: str) -> None:
        found.append(Problem(path, message, line=fact.line, fact_id=fact.full_id))

    if len(squeeze(fact.quote)) > CITATION_MAX:
        problem(f"citation of {len(squeeze(fact.quote))} characters: cite only the words that state the figure (at most {CITATION_MAX})")
    if not (figure_in_quote(fact) or states_in_other_units(fact)):
        problem(f"figure {_expected(fact)} is not stated in its citation {fact.quote!r}")
    if not fact.source.url.startswith(("http://", "https://")):
        problem(f"source {fact.source.id!r}: url {fact.source.url!r} is not an http(s) address")
    if not (fact.source.published and valid_date(fact.source.published)):
        problem(f"source {fact.source.id!r} needs a published date (YYYY, YYYY-MM or YYYY-MM-DD) for an observation from its page")
    return found


def states_in_other_units(fact: Fact) -> bool:
    """A page in English prints 599.504 billion yuan where the record, in the unit table's units,
    holds 5995.04亿元: the same figure at the same precision, only scaled. A bare count (14,678
    patents) states a figure counted in 件."""
    from xmfacts.figures.reader import read_figures
    from xmfacts.model import BaseUnit

    record = fact.figure
    if record.kind is not Kind.QUANTITY or record.value is None or record.scale is None:
        return False
    for r in (reading.figure for reading in read_figures(fact.quote)):
        if r.value is None or r.scale is None or r.qualifier is not record.qualifier:
            continue
        same_unit = r.base_unit == record.base_unit or (r.base_unit in (None, BaseUnit.NUMBER) and record.base_unit is BaseUnit.COUNT)
        if same_unit and r.value * r.scale == record.value * record.scale:
            return True
    return False


def differing(topics: Sequence[Topic]) -> list[Problem]:
    """One note per pair of observations of a period whose figures differ."""
    from xmfacts.series import conflicts, series_in

    notes: list[Problem] = []
    for topic in topics:
        for series in series_in(topic.facts).values():
            for a, b in conflicts(series):
                message = f"{series.id}: {a.as_of} is {printed(a.figure)} in {a.source.id} and {printed(b.figure)} in {b.source.id} ({b.full_id}); both kept"
                notes.append(Problem(topic.path, message, line=a.line, fact_id=a.full_id))
    return notes


def curation(fact: Fact, path: str) -> list[Problem]:
    """What a fact needs beyond a valid file: for now, a measure."""
    if fact.measure:
        return []
    # check ties a figure only to a fact whose measure the claim names: without one, no
    # claim can ever be checked against this fact
    message = 'no measure: say what the figure measures (measure = ["上市公司", "listed companies"]; add --measure)'
    return [Problem(path, message, line=fact.line, fact_id=fact.full_id)]


def trace(fact: Fact, path: str, texts: Sequence[str]) -> list[Problem]:
    """The quote must be in a source text and the fact's own figure in its quote."""
    found: list[Problem] = []
    quote = squeeze(fact.quote)
    if not any(quote in text for text in texts):
        found.append(Problem(path, f"quote not found in the source text: {fact.quote!r}", line=fact.line, fact_id=fact.full_id))
    if not figure_in_quote(fact):
        found.append(Problem(path, f"figure {_expected(fact)} is not printed in its quote {fact.quote!r}", line=fact.line, fact_id=fact.full_id))
    return found


def _expected(fact: Fact) -> str:
    """The figure as the quote should print it: 68家, 10—40%, 2011-07 (the hedge is the quote's own)."""
    figure = fact.figure
    if figure.kind is Kind.QUANTITY and figure.value is not None:
        return f"{plain_number(figure.value)}{figure.unit}"
    return printed(figure)


def _printed_forms(value: Decimal) -> set[str]:
    forms = {plain_number(value)}
    if value == value.to_integral_value():
        forms |= written_forms(int(value))
        if value == 1:
            forms.add("")  # a bare multiplier: 万米 is one 万 of 米
    return forms


def figure_in_quote(fact: Fact) -> bool:
    """Read the quote's figures as a fact-checker would (四成, 近百项, 2011年7月) and find the fact's own.

    The number reader skips bare multipliers (千亿产业链, 万米深海) on purpose, since in
    running text they are mostly words; here the fact says what to look for, so the figure
    written out (千亿, 万米) is enough. So is a share said in words (一半以上, 三分之一, 1/4),
    which states its % without printing it: ``extract`` drafts such shares by the same reader.
    """
    from xmfacts.figures.reader import read_figures
    from xmfacts.figures.shares import worded_shares

    record = fact.figure
    if record.kind is Kind.QUANTITY and record.value is not None:
        quote = squeeze(fact.quote)
        if any(form + str(record.unit) in quote for form in _printed_forms(record.value)):
            return True
        if record.base_unit is BaseUnit.PERCENT and record.scale == 1:
            if any(s.figure.value == record.value for s in worded_shares(fact.quote, of_something=False)):
                return True
    for r in (reading.figure for reading in read_figures(fact.quote)):
        if record.kind is Kind.DATE:
            if r.date is not None and (r.date == record.date or (r.date.startswith("--") and str(record.date).endswith(r.date[1:]))):
                return True
        elif record.kind is Kind.RANGE:
            if (r.lower, r.upper, r.unit) == (record.lower, record.upper, record.unit):
                return True
        elif r.value == record.value and r.unit == record.unit:
            return True
    return False
