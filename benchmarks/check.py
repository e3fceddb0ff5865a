"""How long `xmfacts check` takes on a long draft: in-process, and as a whole command.

A fact-checker runs a whole draft through before publication; it must come back in well
under a second. The draft is tests/drafts/draft.md repeated to SIZE characters. Usage:

    python benchmarks/check.py [SIZE] [ROUNDS]
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from xmfacts.check import check_text
from xmfacts.factbase import load_factbase

SIZE = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 7
DRAFT = Path(__file__).parents[1] / "tests" / "drafts" / "draft.md"


def main() -> None:
    unit = DRAFT.read_text(encoding="utf-8")
    text = (unit * (SIZE // len(unit) + 1))[:SIZE]
    base = load_factbase()
    runs = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        findings = check_text(base, text)
        runs.append((time.perf_counter() - start) * 1000)
    print(f"draft of {len(text):,} characters, {len(findings)} figures, {len(base.facts)} facts")
    print(f"  check_text, in process      median {statistics.median(runs):7.1f} ms  (min {min(runs):.1f})")

    xmfacts = shutil.which("xmfacts")
    if xmfacts:
        with tempfile.NamedTemporaryFile("w", suffix=".md", encoding="utf-8", delete=False) as handle:
            handle.write(text)
        for flag, name in (("--json", "xmfacts check -f --json"), ("--jsonl", "xmfacts check -f --jsonl"), (None, "xmfacts check -f  (human)")):
            whole = []
            for _ in range(ROUNDS):
                argv = [xmfacts, "check", "-f", handle.name] + ([flag] if flag else [])
                start = time.perf_counter()
                subprocess.run(argv, stdout=subprocess.DEVNULL, check=False)
                whole.append((time.perf_counter() - start) * 1000)
            print(f"  {name:<27} median {statistics.median(whole):7.1f} ms  (min {min(whole):.1f})")
        Path(handle.name).unlink()


if __name__ == "__main__":
    main()
