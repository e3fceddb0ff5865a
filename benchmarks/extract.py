"""How long `xmfacts extract` takes on a long article: in-process, and as a whole command.

A curator pastes a long article and waits for the answer; it must come back in under a
second. The text is tests/drafts/draft.md repeated to SIZE characters. Usage:

    python benchmarks/extract.py [SIZE] [ROUNDS]
"""

from __future__ import annotations

from longtext import as_file, long_text, report, rounds, timed, whole_commands

from xmfacts.check import check_text
from xmfacts.extract import extract
from xmfacts.index import load_factbase


def main() -> None:
    text, repeat = long_text(), rounds(5)
    base = load_factbase()
    result = extract(base, text, published="2024-11-20")
    print(f"text of {len(text):,} characters, {len(result.candidates)} figures ({len(result.new)} new), {len(base.facts)} facts")
    report("extract, in process", timed(lambda: extract(base, text, published="2024-11-20"), repeat))
    # the floor: extract matches every figure as check does, so it cannot beat check_text
    report("check_text alone (its floor)", timed(lambda: check_text(base, text, written="2024-11-20"), repeat))
    with as_file(text, ".txt") as path:
        whole_commands(
            [(f"xmfacts extract {flag or '(table)'}", ["extract", str(path), "--published", "2024-11-20", *([flag] if flag else [])]) for flag in ("--json", "--toml", None)],
            repeat,
        )


if __name__ == "__main__":
    main()
