"""How well `xmfacts extract` drafts held-out passages from other outlets (issue 23).

tests/realworld/heldout/passages_*.toml label every figure of each passage for `check`, dates
and ordinals too. For drafting, each label is one of:

- a **figure** to draft (a count, an amount, a share, an event's date): recall is how many of
  these a candidate stands on;
- **not a figure**: an ordinal or rank (第7位, 第四個), a name (the 500强 of a list's name), a
  dateline; drafting one is an error;
- a **period** of other figures (到2022年底, "the year", "policy years"): neither needed nor an
  error, since a curator records it as as_of.

The kind is read from the label alone (its text and its `why`, written before extract was run on
the set), never from what extract does. Each passage is extracted into an empty fact base with
its page's date as --published. Usage:

    python benchmarks/extract_heldout.py [FILE.toml ...] [--set heldout|heldout2|…|heldout9] [--details]

FILE defaults to the passages of tests/realworld/heldout, or with --set to those of the set named
(the later rounds, heldout2 to heldout5, hold passages only); sentences_*.toml (one sentence or
two from a page) are read alike.

--details lists the misses and wrong drafts, for the tuning half only: the frozen half is for
measuring, never for tuning.
"""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from heldout import HELDOUT, SETS, locate

from xmfacts.extract import extract
from xmfacts.model import FactBase

DEFAULT_FILES = ["passages_tuning.toml", "passages_frozen.toml"]
_NOT_FIGURE = re.compile(r"\branks?\b|ordinal|dateline|\bname\b", re.IGNORECASE)
# "the year", "year of the revenue", "date of the count", "date (end of 2021)", "target year": a period;
# "date of an annual day" is an event's date, a figure
_PERIOD = re.compile(r"\b(?:the|policy|list|list's|target) years?\b|^(?:date|year)\b(?! of an?\b)|\byear of\b|\bas of\b|\bperiod\b",
                     re.IGNORECASE)


def kind(label: dict[str, str]) -> str:
    """figure, not-figure or period, from the label's text and why."""
    text, why = label["text"], label.get("why", "")
    if text.startswith("第") or re.fullmatch(r"\d+(?:st|nd|rd|th)", text) or _NOT_FIGURE.search(why):
        return "not-figure"
    if _PERIOD.search(why):
        return "period"  # "the year", "year of the revenue": when other figures hold
    return "figure"


@dataclass
class Score:
    figures: int = 0
    drafted: int = 0
    not_figures: int = 0
    not_figures_drafted: int = 0
    periods_drafted: int = 0
    unlabelled: int = 0
    details: list[str] = field(default_factory=list)


def score_passage(item: dict, s: Score) -> None:
    text = item["text"]
    labels = item.get("figure", [])
    spans = locate(text, [f["text"] for f in labels])
    candidates = extract(FactBase((), ()), text, published=item.get("published") or None).candidates
    used: set[int] = set()
    for label, span in zip(labels, spans, strict=True):
        k = kind(label)
        # a candidate stands on the label where the article states its figure, the first time or again
        hits = [i for i, c in enumerate(candidates)
                if span and any(r.start < span[1] and span[0] < r.end for r in (c.reading, *(m.reading for m in c.also)))]
        used.update(hits)
        if k == "figure":
            s.figures += 1
            s.drafted += bool(hits)
            if not hits:
                s.details.append(f"    missed {label['text']!r} ({label.get('why', '')})")
        elif k == "not-figure":
            s.not_figures += 1
            s.not_figures_drafted += bool(hits)
            if hits:
                s.details.append(f"    drafted a non-figure {label['text']!r} ({label.get('why', '')}) as {candidates[hits[0]].label!r}")
        else:
            s.periods_drafted += bool(hits)
    for i, c in enumerate(candidates):
        if i not in used:
            s.unlabelled += 1
            s.details.append(f"    drafted unlabelled {c.reading.text!r}: {c.quote!r}")


def main(argv: list[str]) -> None:
    details = "--details" in argv
    argv = [a for a in argv if a != "--details"]
    folder = HELDOUT
    if "--set" in argv:
        at = argv.index("--set")
        if at + 1 >= len(argv) or argv[at + 1] not in SETS:
            sys.exit(f"extract_heldout: --set takes one of {', '.join(SETS)}")
        folder = SETS[argv[at + 1]][0]
        del argv[at : at + 2]
    unknown = [a for a in argv if a.startswith("--")]
    if unknown:
        sys.exit(f"extract_heldout: unknown option {unknown[0]}")
    names = argv or [str(folder / n) for n in DEFAULT_FILES]
    for name in names:
        path = Path(name)
        # passages label every figure; single sentences from a page are measured the same way
        items = tomllib.loads(path.read_text(encoding="utf-8"))["sentence"]
        s = Score()
        for item in items:
            score_passage(item, s)
        recall = s.drafted / s.figures if s.figures else 0.0
        print(f"{path.name}: {len(items)} texts; figures drafted {s.drafted}/{s.figures} ({recall:.1%}); "
              f"ordinals, ranks, names or datelines drafted {s.not_figures_drafted}/{s.not_figures}; "
              f"periods drafted {s.periods_drafted}; drafts on no label {s.unlabelled}")
        if details and "frozen" not in path.name:
            print("\n".join(s.details))


if __name__ == "__main__":
    main(sys.argv[1:])
