"""How much of what other outlets print about Xiamen the fact base has on record (issue 22).

tests/realworld/coverage/passages.toml holds passages from other outlets (2022–2025), restated,
each beat-relevant figure labelled by hand with its period before any data was entered. A
figure is on record when some fact states it (``check``'s own ``judge`` says ``match``: the same
figure at the printed precision, with a compatible hedge; or, for two exact figures, they agree
at the coarser of the two precisions: 7033.89亿元 and 703.39 billion yuan), holds for an overlapping period (its
``as_of``, else its source's date) and names the labelled subject word in its label, English
label, measure or tags. Usage:

    python benchmarks/coverage.py [--facts-dir DIR] [--misses]

Prints the share on record for each half: "frozen" (gathered and committed before the data
was entered; never looked at while entering it) and "tuning" (looked at).
tests/realworld/test_coverage.py fails if the frozen share drops below its floor.
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xmfacts.check.verdicts import Verdict, judge
from xmfacts.figures.interval import half_precision
from xmfacts.figures import period as periods
from xmfacts.figures.reader import Reading, read_figures
from xmfacts.index import load_factbase
from xmfacts.model import Fact, FactBase, Kind, Qualifier
from xmfacts.text import fold

PASSAGES = Path(__file__).resolve().parents[1] / "tests" / "realworld" / "coverage" / "passages.toml"


@dataclass(frozen=True)
class Figure:
    half: str
    url: str
    text: str
    period: str
    beat: bool
    labelled_on_record: bool
    fact: Fact | None  # the fact that has it on record, if any


def _passages() -> list[dict[str, Any]]:
    return list(tomllib.loads(PASSAGES.read_text(encoding="utf-8"))["passage"])


def _reading(text: str, printed: str) -> Reading | None:
    """The figure as the reader reads it where the label stands (a label may be part of a
    reading: 1.68倍 is read as 1.68; 4 percent must not be found inside 4.4 percent)."""
    return next((r for r in read_figures(text) if r.text == printed), None) or next(
        (r for r in read_figures(text) if printed in r.text or r.text in printed), None)


def _overlap(a: str, b: str) -> bool:
    (a0, a1), (b0, b1) = periods.bounds(a), periods.bounds(b)
    return a0 <= b1 and b0 <= a1


def _names(fact: Fact, about: str) -> bool:
    words = fold(" ".join((fact.label, fact.label_en, *fact.measure, *fact.tags)))
    return fold(about) in words


def on_record(base: FactBase, reading: Reading | None, period: str, about: str) -> Fact | None:
    if reading is None:
        return None
    for fact in base.facts:
        held = fact.as_of or fact.source.published
        if period and held and periods.valid_date(held) and not _overlap(period, held):
            continue
        if not _names(fact, about):
            continue
        try:
            verdict = judge(reading, fact)[0]
        except (ValueError, TypeError):
            continue
        if verdict is Verdict.MATCH or _same_when_rounded(reading, fact):
            return fact
    return None


def _same_when_rounded(reading: Reading, fact: Fact) -> bool:
    """Two exact figures that agree at the coarser precision: a more precise page agrees with a
    rounder record (7033.89亿元 with 703.39 billion yuan), as a reader would say."""
    a, b = reading.figure, fact.figure
    if Kind.QUANTITY not in (a.kind,) or b.kind is not Kind.QUANTITY or Qualifier.EXACT not in (a.qualifier,) or b.qualifier is not Qualifier.EXACT:
        return False
    if a.value is None or b.value is None or a.base_unit != b.base_unit:
        return False
    sa, sb = a.scale or 1, b.scale or 1
    slack = max(half_precision(a.value) * sa, half_precision(b.value) * sb)
    return abs(a.value * sa - b.value * sb) <= slack


def measure(base: FactBase) -> list[Figure]:
    found: list[Figure] = []
    for passage in _passages():
        for f in passage["figures"]:
            reading = _reading(passage["text"], f["text"])
            fact = on_record(base, reading, f["period"], f["about"])
            found.append(Figure(passage["half"], passage["url"], f["text"], f["period"], f["beat"], f["on_record"], fact))
    return found


def shares(figures: list[Figure]) -> dict[str, tuple[int, int]]:
    """For each half: (beat-relevant figures on record, beat-relevant figures)."""
    out: dict[str, tuple[int, int]] = {}
    for half in ("frozen", "tuning"):
        beat = [f for f in figures if f.half == half and f.beat]
        out[half] = (sum(f.fact is not None for f in beat), len(beat))
    return out


def main(argv: list[str]) -> int:
    facts_dir = argv[argv.index("--facts-dir") + 1] if "--facts-dir" in argv else None
    figures = measure(load_factbase(facts_dir))
    labelled = [f for f in figures if f.beat]
    print(f"labelled on record before issue 22: {sum(f.labelled_on_record for f in labelled)} of {len(labelled)} beat-relevant figures")
    for half, (have, total) in shares(figures).items():
        print(f"{half:7} {have:3} of {total:3} beat-relevant figures on record ({100 * have / total:.0f} %)")
    have = sum(f.fact is not None for f in labelled)
    print(f"all     {have:3} of {len(labelled):3} ({100 * have / len(labelled):.0f} %)")
    if "--misses" in argv:
        for f in labelled:
            if f.fact is None:
                print(f"  miss [{f.half}] {f.text} ({f.period or 'undated'})  {f.url}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
