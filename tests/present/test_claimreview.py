"""check --format claimreview: schema.org ClaimReview JSON-LD as Google's fact-check
guidelines require it (claimReviewed, reviewRating.alternateName, url; author,
datePublished and itemReviewed as a Claim recommended, and always given here)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from ..conftest import Run

SHIPPED = Path(__file__).parents[2] / "facts"
PUBLISH = ("--format", "claimreview", "--review-url", "https://example.org/checks/1", "--author", "Example Desk")


def test_one_claim_review_per_figure_with_a_fact(run: Run) -> None:
    result = run("check", "厦门境内上市公司有70家，厦门是全国第一", *PUBLISH, facts=SHIPPED)
    assert result.exit_code == 1  # a mismatch, as with every other format
    reviews = json.loads(result.stdout)
    assert len(reviews) == 1  # the figure with nothing on record gets no review
    [review] = reviews
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "厦门境内上市公司有70家"
    assert review["url"] == "https://example.org/checks/1"
    assert review["author"] == {"@type": "Organization", "name": "Example Desk"}
    assert review["datePublished"] == date.today().isoformat()
    assert review["itemReviewed"] == {"@type": "Claim", "text": "厦门境内上市公司有70家"}
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating"
    assert rating["alternateName"] == "mismatch"
    assert rating["ratingExplanation"].startswith("capital-markets/listed-companies = 68家 (exact, as of 2024): the record says")
    assert "“目前厦门境内上市公司68家”" in rating["ratingExplanation"]


def test_every_verdict_with_a_fact_is_reviewed(run: Run) -> None:
    result = run("check", "厦门境内上市公司68家。截至2018年底，厦门境内上市公司51家", *PUBLISH, facts=SHIPPED)
    assert result.exit_code == 0
    assert [r["reviewRating"]["alternateName"] for r in json.loads(result.stdout)] == ["match", "outdated"]


def test_url_and_author_are_required_and_only_with_claimreview(run: Run) -> None:
    missing = run("check", "厦门境内上市公司68家", "--format", "claimreview", facts=SHIPPED)
    assert (missing.exit_code, missing.stdout) == (2, "")
    assert missing.stderr == "xmfacts: error: --format claimreview needs --review-url and --author: where the fact check is published and by whom\n"
    stray = run("check", "厦门境内上市公司68家", "--author", "X", facts=SHIPPED)
    assert (stray.exit_code, stray.stderr) == (2, "xmfacts: error: --review-url and --author go with --format claimreview\n")
    clash = run("check", "厦门境内上市公司68家", "--json", *PUBLISH, facts=SHIPPED)
    assert (clash.exit_code, clash.stderr) == (2, "xmfacts: error: --format claimreview and --json cannot be used together; choose one\n")


def test_format_json_is_the_same_as_the_json_flag(run: Run) -> None:
    flag = run("check", "厦门境内上市公司68家", "--json", facts=SHIPPED)
    option = run("check", "厦门境内上市公司68家", "--format", "json", facts=SHIPPED)
    assert (option.exit_code, option.stdout) == (flag.exit_code, flag.stdout)
