"""Start-up cost of a lookup, the figure reporters feel on every command.

Runs each command ROUNDS times, interleaved so machine noise hits all alike, and prints
the median wall time beside the floors of importing typer (and Rich). Usage:

    python benchmarks/startup.py [ROUNDS]
"""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import subprocess
import sys
import time

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 30


def main() -> None:
    xmfacts = shutil.which("xmfacts") or sys.exit("xmfacts is not installed in this environment")
    # pip compiles an installed package to byte-code; an editable checkout may not have it
    # (PYTHONDONTWRITEBYTECODE), and compiling every module on every run is not what users pay.
    import xmfacts as package

    compileall.compile_dir(os.path.dirname(package.__file__), quiet=1)
    py = sys.executable
    commands = {
        "python -c 'import typer'  (floor)": [py, "-c", "import typer"],
        "python -c 'import typer, rich.table'  (floor)": [py, "-c", "import typer, rich.table"],
        "xmfacts show ID --json": [xmfacts, "show", "capital-markets/listed-companies", "--json"],
        "xmfacts search WORD --json": [xmfacts, "search", "授信", "--json"],
        "xmfacts search WORD  (table)": [xmfacts, "search", "授信"],
    }
    env = {**os.environ, "COLUMNS": "100"}
    times: dict[str, list[float]] = {name: [] for name in commands}
    for name, argv in commands.items():  # warm the file cache and byte-code
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    for _ in range(ROUNDS):
        for name, argv in commands.items():
            start = time.perf_counter()
            done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
            times[name].append((time.perf_counter() - start) * 1000)
            if done.returncode not in (0, 1):
                sys.exit(f"{name} failed with exit code {done.returncode}")
    med = {name: statistics.median(t) for name, t in times.items()}
    typer_floor = med["python -c 'import typer'  (floor)"]
    rich_floor = med["python -c 'import typer, rich.table'  (floor)"]
    print(f"median of {ROUNDS} interleaved runs, ms")
    for name, ms in med.items():
        floor = rich_floor if "table" in name else typer_floor
        against = "" if "floor" in name else f"   {ms / floor:5.2f}× its floor"
        print(f"  {name:<48} {ms:7.1f}{against}")


if __name__ == "__main__":
    main()
