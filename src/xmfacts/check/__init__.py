"""Checking claims: every figure in a sentence or a draft, marked against the record.

Each figure the number reader finds is matched to the fact it speaks about by the words
around it, among facts whose unit can be compared with it; then both figures become
intervals (``xmfacts.figures.interval``, the one place those rules live) and the verdict follows:

| verdict | when |
|---|---|
| match | the claim states the recorded figure, at the claim's precision, with a compatible hedge |
| consistent | the intervals overlap, but the claim is not the recorded figure (超过1100亿元 for 1141.58亿元) |
| outdated | the claim states an earlier period than the record's and its figure differs |
| mismatch | the intervals do not overlap: the recorded figure, difference and ratio are shown |
| unknown | nothing on record is about this subject, scope or period |

A figure is tied to a fact only when its clause (or an earlier clause of the same sentence,
whose subject Chinese carries over) names what the fact measures (the fact's ``measure``
terms: 上市公司, 获得授信, listed companies); a fact about a named entity (天马, 金圆集团) also
needs that name nearby, and a claim about another scope (全国, 全省, another city) is about
something else. Among the facts left, the claim's words weigh against each fact's label,
entity, tags and quote, rarer pairs counting more. What tied a figure to its fact is reported
as its ``subject``: a forced match to an unrelated figure would be a false alarm.

The package, one module per concern: ``verdicts`` (comparing a figure with a recorded one, and
the findings), ``words`` (sentences, clauses and the words of a text), ``profile`` (what check
reads of a fact: its measure terms, names and shape), ``matcher`` (which fact a figure speaks
about), ``claims`` (checking a text) and ``index_part`` (check's tables in the fact-base index,
and the reads a check makes there).
"""

from xmfacts.check.claims import check_claims, check_figure, check_text
from xmfacts.check.verdicts import Finding, Verdict, judge, recorded_figure, summary, written_on
from xmfacts.check.verdicts import _checkable as checkable
from xmfacts.check.words import FigurePlace, figure_places

__all__ = [
    "Finding", "FigurePlace", "Verdict", "check_claims", "check_figure", "check_text", "checkable", "figure_places", "judge",
    "recorded_figure", "summary", "written_on",
]
