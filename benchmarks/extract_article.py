"""How well `xmfacts extract` drafts the article the fact base was typed from.

Against an EMPTY fact base, every figure is a candidate: how many of the recorded facts in
facts/ does extract draft with the same value, unit and qualifier, and with the same as_of
where the fact has one? Which candidates match no recorded fact (to judge by eye: a figure
the curators left out, or no figure at all)? Against the FULL fact base, a candidate left
over would duplicate a recorded fact. Usage:

    python benchmarks/extract_article.py [ARTICLE ...] [--published YYYY]

ARTICLE defaults to ../shared/sources/*.txt beside the repository.
tests/realworld/test_extract_article.py runs the same measurement when the article is there.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from xmfacts.extract import Candidate, extract
from xmfacts.figures.printing import printed
from xmfacts.index import load_factbase
from xmfacts.model import Fact, FactBase, Figure

SOURCES = Path(__file__).resolve().parents[2] / "shared" / "sources"


@dataclass(frozen=True)
class Measurement:
    facts: tuple[Fact, ...]
    drafted: dict[str, Candidate | None]  # fact id → the candidate that drafts it (empty base)
    candidates: tuple[Candidate, ...]  # against the empty base
    unmatched: tuple[Candidate, ...]  # candidates that draft no recorded fact
    left_new: tuple[Candidate, ...]  # against the full base: not on record

    @property
    def same_figure(self) -> list[Fact]:
        return [f for f in self.facts if self.drafted[f.full_id] is not None]

    @property
    def with_subject(self) -> list[Fact]:
        """Drafted with the same figure, and the draft's label or quote names what it is about."""
        return [f for f in self.same_figure if (c := self.drafted[f.full_id]) is not None and names_subject(f.entity, c)]

    @property
    def dated(self) -> list[Fact]:
        return [f for f in self.facts if f.as_of]

    @property
    def same_as_of(self) -> list[Fact]:
        return [f for f in self.dated if (c := self.drafted[f.full_id]) is not None and c.as_of == f.as_of]


def subject_names(entity: str) -> set[str]:
    """How an article names a fact's subject: 厦门盈趣科技股份有限公司 as 盈趣科技, 厦门市 as 厦门,
    柯尔微电子装备（厦门）有限公司 as 柯尔微电子装备; 厦门银行 only whole."""
    core = re.sub(r"（[^）]*）|\([^)]*\)", "", entity)
    core = re.sub(r"(?:股份有限公司|有限公司|公司|集团|产业|市)$", "", core)
    names = {entity, core}
    if core.startswith("厦门") and len(core) > 4:
        names.add(core[2:])
    return {n for n in names if len(n) >= 2}


def names_subject(entity: str, c: Candidate) -> bool:
    said = c.label + " " + c.quote
    return any(name in said for name in subject_names(entity))


def _key(figure: Figure) -> tuple[object, ...]:
    return (figure.kind, figure.qualifier, figure.value, figure.lower, figure.upper, figure.unit, figure.date)


def _drafting(fact: Fact, candidates: tuple[Candidate, ...]) -> Candidate | None:
    """The candidate that drafts this fact: the same figure, its quote overlapping the fact's."""
    same = [c for c in candidates if _key(c.figure) == _key(fact.figure)]
    quoted = [c for c in same if c.quote in fact.quote or fact.quote in c.quote]
    near = [c for c in same if c.reading.text in fact.quote]
    return (quoted or near or same or [None])[0]


def measure(text: str, published: str = "2024") -> Measurement:
    base = load_factbase()
    # the article's own facts: observations from other pages (a source with a URL) are not in it
    facts = tuple(f for f in base.facts if f.source.id == base.sources[0].id)
    empty = extract(FactBase((), ()), text, source=base.sources[0], published=published)
    drafted = {f.full_id: _drafting(f, empty.candidates) for f in facts}
    used = {id(c) for c in drafted.values() if c is not None}
    full = extract(base, text, source=base.sources[0], published=published)
    return Measurement(facts, drafted, empty.candidates, tuple(c for c in empty.candidates if id(c) not in used), full.new)


def main() -> None:
    argv = sys.argv[1:]
    published = "2024"
    if "--published" in argv:
        at = argv.index("--published")
        published = argv[at + 1]
        del argv[at : at + 2]
    paths = [Path(a) for a in argv] or sorted(SOURCES.glob("*.txt"))
    if not paths:
        sys.exit(f"no article: give its path ({SOURCES} is not there)")
    text = "\n".join(p.read_text(encoding="utf-8") for p in paths)
    m = measure(text, published)
    n, d = len(m.facts), len(m.dated)
    print(f"article: {len(text):,} characters; fact base: {n} facts; published {published}")
    print(f"against an empty fact base: {len(m.candidates)} candidates")
    print(f"  same value, unit and qualifier: {len(m.same_figure)}/{n} = {len(m.same_figure) / n:.1%}")
    print(f"  ... and the subject named in the draft's label or quote: {len(m.with_subject)}/{n} = {len(m.with_subject) / n:.1%}")
    print(f"  same as_of where the fact has one: {len(m.same_as_of)}/{d} = {len(m.same_as_of) / d:.1%}")
    for f in m.facts:
        c = m.drafted[f.full_id]
        if c is None:
            print(f"    not drafted: {f.full_id} {printed(f.figure)} ({f.figure.qualifier.value}) {f.quote}")
        elif not names_subject(f.entity, c):
            print(f"    subject {f.entity} not named: {f.full_id} label {c.label!r} quote {c.quote!r}")
        elif f.as_of and c.as_of != f.as_of:
            print(f"    as_of {c.as_of} for {f.full_id} (recorded {f.as_of})")
    print(f"  candidates matching no recorded fact: {len(m.unmatched)} (judge each: a figure left out, or no figure)")
    for c in m.unmatched:
        print(f"    line {c.line}: {printed(c.figure)} ({c.figure.qualifier.value})  {c.quote}")
    print(f"against the full fact base: {len(m.left_new)} candidates not on record (each would duplicate or add a fact)")
    for c in m.left_new:
        print(f"    new: line {c.line}: {printed(c.figure)}  {c.quote}")


if __name__ == "__main__":
    main()
