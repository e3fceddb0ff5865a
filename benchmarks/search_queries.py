"""Score `xmfacts search` on the fresh queries of issue 25 and on the older hold-out set.

Three sets, each a TOML list of queries with the fact ids a user would accept in the top 3:

- tests/realworld/search_fresh_tune.toml: the half search may be tuned on;
- tests/realworld/search_fresh_frozen.toml: the half frozen before any tuning (measured, never
  tuned on: its misses are not listed unless --details is given after tuning is over);
- tests/realworld/search_queries.toml: issue 11's hold-out (85 queries).

For each set and category (simplified, traditional, pinyin, english, question, figure) it
prints how many queries have one of their facts in the top 3. It searches in process, as
tests/realworld/test_search_queries.py does, through the shipped fact base's index. It
prints figures and asserts nothing: this is a measurement, not a test. Usage:

    python benchmarks/search_queries.py [--details]

--details lists each query of the tuning half with its top 3 (and every miss of the others).
"""

from __future__ import annotations

import sys
import tomllib
from collections import Counter
from pathlib import Path

from xmfacts.errors import UsageError
from xmfacts.search import search
from xmfacts.search.index_part import load_searchable

ROOT = Path(__file__).resolve().parents[1]
REALWORLD = ROOT / "tests" / "realworld"
SETS = (("tune", "search_fresh_tune.toml"), ("frozen", "search_fresh_frozen.toml"), ("hold-out (issue 11)", "search_queries.toml"))
KINDS = ("simplified", "traditional", "pinyin", "english", "question", "figure")


def main(argv: list[str]) -> int:
    details = "--details" in argv
    base, index = load_searchable(ROOT / "facts")
    for name, file in SETS:
        queries = tomllib.loads((REALWORLD / file).read_text(encoding="utf-8"))["query"]
        found: Counter[str] = Counter()
        asked: Counter[str] = Counter()
        lines: list[str] = []
        for q in queries:
            try:
                top = [h.fact.full_id for h in search(base, q["query"].split(), limit=3, index=index)]
            except UsageError as e:
                top = [f"usage error: {e}"]
            hit = bool(set(top) & set(q["expect"]))
            asked[q["kind"]] += 1
            found[q["kind"]] += hit
            if details and (name == "tune" or not hit):
                lines.append(f"  {'ok  ' if hit else 'MISS'} {q['kind']:<11} {q['query']!r} → {', '.join(top) or 'nothing'}" + ("" if hit else f"  (expected {' or '.join(q['expect'])})"))
        total = sum(found.values())
        print(f"{name}: {total} of {len(queries)} in the top 3")
        for kind in KINDS:
            if asked[kind]:
                print(f"  {kind:<11} {found[kind]:>2} of {asked[kind]:<2} ({100 * found[kind] / asked[kind]:.0f} %)")
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
