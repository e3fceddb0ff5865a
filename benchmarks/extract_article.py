"""How well `xmfacts extract` drafts the article the fact base was typed from.

Against an EMPTY fact base, every figure is a candidate: how many of the recorded facts in
facts/ does extract draft with the same value, unit and qualifier, and with the same as_of
where the fact has one? And which candidates match no recorded fact (to judge by eye: a
figure the curators left out, or no figure at all)? Against the FULL fact base: candidates
left over would duplicate a recorded fact. Usage:

    python benchmarks/extract_article.py [ARTICLE] [--published YYYY]

ARTICLE defaults to ../shared/sources/*.txt beside the repository.
"""

from __future__ import annotations

import sys
from pathlib import Path

from xmfacts.extract import Candidate, extract
from xmfacts.factbase import load_factbase
from xmfacts.model import Fact, FactBase, Figure


def _key(figure: Figure) -> tuple[object, ...]:
    return (figure.kind, figure.qualifier, figure.value, figure.lower, figure.upper, figure.unit, figure.date)


def _drafted(fact: Fact, candidates: tuple[Candidate, ...]) -> Candidate | None:
    """The candidate that drafts this fact: same figure, and its quote overlaps the fact's."""
    same = [c for c in candidates if _key(c.figure) == _key(fact.figure)]
    quoted = [c for c in same if c.quote in fact.quote or fact.quote in c.quote]
    near = [c for c in same if c.reading.text in fact.quote]
    return (quoted or near or same or [None])[0]


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    published = sys.argv[sys.argv.index("--published") + 1] if "--published" in sys.argv else "2024"
    args = [a for a in args if a != published]
    paths = [Path(a) for a in args] or sorted((Path(__file__).parents[2] / "shared" / "sources").glob("*.txt"))
    if not paths:
        sys.exit("no article: give its path (../shared/sources/*.txt is not there)")
    text = "\n".join(p.read_text(encoding="utf-8") for p in paths)
    base = load_factbase()
    facts = base.facts

    empty = extract(FactBase((), ()), text, source=base.sources[0], published=published)
    found = {f.full_id: _drafted(f, empty.candidates) for f in facts}
    same_figure = [f for f in facts if found[f.full_id] is not None]
    dated = [f for f in facts if f.as_of]
    same_as_of = [f for f in dated if found[f.full_id] is not None and found[f.full_id].as_of == f.as_of]  # type: ignore[union-attr]
    used = {id(c) for c in found.values() if c is not None}
    unmatched = [c for c in empty.candidates if id(c) not in used]
    print(f"article: {len(text):,} characters; fact base: {len(facts)} facts; published {published}")
    print(f"against an empty fact base: {len(empty.candidates)} candidates")
    print(f"  same value, unit and qualifier: {len(same_figure)}/{len(facts)} = {len(same_figure) / len(facts):.1%}")
    print(f"  same as_of where the fact has one: {len(same_as_of)}/{len(dated)} = {len(same_as_of) / len(dated):.1%}")
    for f in facts:
        c = found[f.full_id]
        if c is None:
            print(f"    not drafted: {f.full_id} {f.figure.printed()} ({f.figure.qualifier.value}) {f.quote}")
        elif f.as_of and c.as_of != f.as_of:
            print(f"    as_of {c.as_of} for {f.full_id} (recorded {f.as_of})")
    print(f"  candidates matching no recorded fact: {len(unmatched)} (judge each: a figure left out, or no figure)")
    for c in unmatched:
        print(f"    line {c.line}: {c.figure.printed()} ({c.figure.qualifier.value})  {c.quote}")

    full = extract(base, text, source=base.sources[0], published=published)
    left = full.new
    print(f"against the full fact base: {len(full.candidates)} figures, {len(full.candidates) - len(left)} on record, {len(left)} new")
    for c in left:
        duplicate = [f.full_id for f in facts if _key(f.figure) == _key(c.figure) and (f.quote in text)]
        print(f"    new: line {c.line}: {c.figure.printed()}  {c.quote}" + (f"  (same figure as {', '.join(duplicate)})" if duplicate else ""))


if __name__ == "__main__":
    main()
