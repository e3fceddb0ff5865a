"""How long `xmfacts check` takes on a long draft: in-process, and as a whole command.

A fact-checker runs a whole draft through before publication; it must come back in well
under a second. The draft is tests/drafts/draft.md repeated to SIZE characters. Usage:

    python benchmarks/check.py [SIZE] [ROUNDS]
"""

from __future__ import annotations

from longtext import as_file, long_text, report, rounds, timed, whole_commands

from xmfacts.check import check_claims, check_text
from xmfacts.index import load_factbase
from xmfacts.index.store import with_store


def main() -> None:
    text, repeat = long_text(), rounds(7)
    base = load_factbase()
    findings = check_text(base, text)
    print(f"draft of {len(text):,} characters, {len(findings)} figures, {len(base.facts)} facts")
    report("check_text, in process", timed(lambda: check_text(base, text), repeat))
    report("check_claims, in process", timed(lambda: with_store(None, lambda store: check_claims(store, text)), repeat))
    with as_file(text, ".md") as path:
        whole_commands(
            [(f"xmfacts check -f {flag or '(human)'}", ["check", "-f", str(path), *([flag] if flag else [])]) for flag in ("--json", "--jsonl", None)],
            repeat,
        )


if __name__ == "__main__":
    main()
