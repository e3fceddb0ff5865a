"""`xmfacts extract` on real passages from other outlets: precision and recall of the drafted
figures against the hand-labelled expectation in extract/passages.toml (labelled before tuning).

The floors below are the figures measured when this was written (README, "Extracting figures
from a new article"); a change that drafts fewer right figures, or more wrong ones, fails here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from xmfacts.extract import extract
from xmfacts.model import FactBase

PASSAGES = tomllib.loads((Path(__file__).parent / "extract" / "passages.toml").read_text(encoding="utf-8"))["passage"]


@dataclass(frozen=True)
class Score:
    drafted: int
    expected: int
    right: int  # drafted figures that are expected (value, unit, qualifier)
    dated_right: int  # of those, with the expected as_of

    @property
    def precision(self) -> float:
        return self.right / self.drafted

    @property
    def recall(self) -> float:
        return self.right / self.expected


def score() -> Score:
    drafted = expected = right = dated = 0
    for passage in PASSAGES:
        result = extract(FactBase((), ()), passage["text"], published=passage["published"])
        wanted = [(Decimal(f["value"]), f["unit"], f["qualifier"], f["as_of"] or None) for f in passage["figures"]]
        drafted += len(result.candidates)
        expected += len(wanted)
        for c in result.candidates:
            key = (c.figure.value, c.figure.unit, c.figure.qualifier.value)
            hit = next((w for w in wanted if w[:3] == key and w[3] == c.as_of), None) or next((w for w in wanted if w[:3] == key), None)
            if hit is not None:
                wanted.remove(hit)
                right += 1
                dated += hit[3] == c.as_of
    return Score(drafted, expected, right, dated)


def test_precision_and_recall_hold() -> None:
    s = score()
    assert (s.drafted, s.expected) == (40, 40)
    assert s.precision >= PRECISION
    assert s.recall >= RECALL
    assert s.dated_right >= 39


def test_each_passage_yields_figures() -> None:
    for passage in PASSAGES:
        assert extract(FactBase((), ()), passage["text"], published=passage["published"]).candidates, passage["url"]


PRECISION = 1.0  # 40 of 40 (滬深兩大交易所, the two exchanges those names say, was drafted as 2大 until 2026-12-07)
RECALL = 1.0

if __name__ == "__main__":
    s = score()
    print(f"{s.drafted} drafted, {s.expected} expected, {s.right} right: precision {s.precision:.1%}, recall {s.recall:.1%}; "
          f"as_of right for {s.dated_right} of {s.right}")
