"""check --format claimreview: schema.org ClaimReview JSON-LD, the markup fact-checkers
publish beside a fact check for search engines and Google's Fact Check tools.

One ClaimReview per checked figure that has a fact; a figure with nothing on record has no
review to publish. Google's guidelines require ``claimReviewed``, ``reviewRating`` (with
``alternateName``, the rating people read) and ``url``, and recommend ``author``,
``datePublished`` and ``itemReviewed`` as a ``Claim``: all are always present.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from xmfacts.present.json import dumps

if TYPE_CHECKING:
    from xmfacts.check import Finding


@dataclass(frozen=True)
class Publisher:
    """Who publishes the reviews, and where: --author and --review-url."""

    author: str
    url: str
    published: str  # ISO date the reviews are published


def claim_review(finding: Finding, publisher: Publisher) -> dict[str, Any]:
    from xmfacts.check import recorded_figure

    fact = finding.fact
    assert fact is not None  # only figures with a fact are reviewed
    source = " — ".join(x for x in (fact.source.title, fact.source.outlet, fact.source.published) if x)
    explanation = f"{fact.full_id} = {recorded_figure(fact)}: {finding.explanation}. Quote: “{fact.quote}” ({source})."
    claim = finding.context or finding.reading.text
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": publisher.url,
        "datePublished": publisher.published,
        "author": {"@type": "Organization", "name": publisher.author},
        "claimReviewed": claim,
        "itemReviewed": {"@type": "Claim", "text": claim},
        "reviewRating": {
            "@type": "Rating",
            "alternateName": finding.verdict.value,
            "ratingExplanation": explanation,
        },
    }


def claim_reviews(findings: Sequence[Finding], publisher: Publisher, ensure_ascii: bool = False) -> str:
    """A JSON array of ClaimReview objects (a JSON-LD document), one per figure with a fact."""
    return dumps([claim_review(f, publisher) for f in findings if f.fact is not None], ensure_ascii=ensure_ascii) + "\n"
