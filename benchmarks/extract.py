"""How long `xmfacts extract` takes on a long article: in-process, and as a whole command.

A curator pastes a long article and waits for the answer; it must come back in under a
second. The text is tests/drafts/draft.md repeated to SIZE characters. Usage:

    python benchmarks/extract.py [SIZE] [ROUNDS]
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
from xmfacts.extract import extract
from xmfacts.factbase import load_factbase

SIZE = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
DRAFT = Path(__file__).parents[1] / "tests" / "drafts" / "draft.md"


def main() -> None:
    unit = DRAFT.read_text(encoding="utf-8")
    text = (unit * (SIZE // len(unit) + 1))[:SIZE]
    base = load_factbase()
    runs, floor = [], []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        result = extract(base, text, published="2024-11-20")
        runs.append((time.perf_counter() - start) * 1000)
        # the floor: extract matches every figure as check does, so it cannot beat check_text
        start = time.perf_counter()
        check_text(base, text, written="2024-11-20")
        floor.append((time.perf_counter() - start) * 1000)
    print(f"text of {len(text):,} characters, {len(result.candidates)} figures ({len(result.new)} new), {len(base.facts)} facts")
    print(f"  extract, in process           median {statistics.median(runs):7.1f} ms  (min {min(runs):.1f})")
    print(f"  check_text alone (its floor)  median {statistics.median(floor):7.1f} ms  (min {min(floor):.1f})")

    xmfacts = shutil.which("xmfacts")
    if xmfacts:
        with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as handle:
            handle.write(text)
        for flag, name in (("--json", "xmfacts extract --json"), ("--toml", "xmfacts extract --toml"), (None, "xmfacts extract (table)")):
            whole = []
            for _ in range(ROUNDS):
                argv = [xmfacts, "extract", handle.name, "--published", "2024-11-20"] + ([flag] if flag else [])
                start = time.perf_counter()
                subprocess.run(argv, stdout=subprocess.DEVNULL, check=False)
                whole.append((time.perf_counter() - start) * 1000)
            print(f"  {name:<29} median {statistics.median(whole):7.1f} ms  (min {min(whole):.1f})")
        Path(handle.name).unlink()


if __name__ == "__main__":
    main()
