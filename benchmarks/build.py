"""Where the first build of the fact-base index spends its time: CPU seconds per phase.

Builds the index of a fact base from nothing in a fresh cache directory, once, with the
build's inner steps wrapped in CPU-time counters (time.process_time of this process, so
the figures hold on a busy machine; worker processes, if any, are counted apart by
os.times). Prints each phase's share, the whole build's CPU and wall time, and the peak
memory of this process (ru_maxrss). Usage:

    python benchmarks/build.py FACT_DIR [--edit] [--serial] [--keep]

--edit: then re-index after editing one topic file (of a copy sharing the others by hard link,
so TMPDIR should be on the base's file system). --serial: no worker processes, so that every
phase is counted (a worker's phases are not). --keep: leave the index (and the copy) for
another look.

Phases overlap nowhere: a phase's time excludes the phases it calls.
"""

from __future__ import annotations

import os
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

_spent: dict[str, float] = {}
_stack: list[list[float]] = []


def _timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        _stack.append([0.0])
        try:
            return fn(*args, **kwargs)
        finally:
            inner = _stack.pop()[0]
            total = time.process_time() - start
            _spent[name] = _spent.get(name, 0.0) + total - inner
            if _stack:
                _stack[-1][0] += total

    return wrapper


def _instrument() -> None:
    import xmfacts.check.index_part as check_part
    import xmfacts.search.index_part as search_part
    from xmfacts.factbase import parse
    from xmfacts.index import build, workers
    from xmfacts.search import prepared

    targets: list[tuple[Any, str, str]] = [
        (parse, "read_toml", "TOML reading"),
        (parse, "_build_fact", "fact validation"),
        (search_part, "prepare", "search: prepared.prepare"),
        (prepared, "fact_words", "search: prepared.fact_words"),
        (search_part, "level_words", "search: levels.level_words"),
        (search_part, "stable_characters", "search: stable_characters"),
        (check_part, "fact_terms", "check: profile.fact_terms"),
        (check_part, "base_stats", "check: profile.base_stats"),
        (parse, "_load_topic", "the rest of parsing"),
        (workers, "record", "marshal record"),
        (search_part._Writer, "summarise", "search: summarise"),
        (check_part._Writer, "summarise", "check: summarise"),
        (search_part._Writer, "write", "search: SQLite writes"),
        (check_part._Writer, "write", "check: SQLite writes"),
        (workers, "_prepare_topic", "the rest of preparing a topic"),
        (build, "_write_topic", "the rest of the SQLite writes"),
        (build, "_write_in_place", "SQLite writes in place"),
        (build, "_edit_in_place", "the rest of an edit in place"),
        (build, "_edits", "the rest of re-indexing in place (parsing)"),
        (build, "_update", "the rest of the build"),
    ]
    for module, attr, name in targets:
        if hasattr(module, attr):
            setattr(module, attr, _timed(name, getattr(module, attr)))


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        sys.exit(__doc__)
    root = Path(args[0]).resolve()
    cache = Path(tempfile.mkdtemp(prefix="xmfacts-build-"))  # TMPDIR on the base's file system for --edit
    os.environ["XMFACTS_CACHE_DIR"] = str(cache)
    try:
        if "--edit" in sys.argv:
            # The base may be read-only and large: edit a copy sharing all but one file by hard link.
            shutil.copytree(root, cache / "base", copy_function=os.link)
            root = cache / "base"
        from xmfacts.index.store import index_path, open_store

        _instrument()
        if "--serial" in sys.argv:
            from xmfacts.index import workers

            workers.PARALLEL_BYTES = 1 << 62
        wall, cpu, children = time.perf_counter(), time.process_time(), os.times()
        open_store(root).conn.close()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        after = os.times()
        workers = after.children_user + after.children_system - children.children_user - children.children_system
        total = sum(_spent.values()) or 1.0
        print(f"first build of {root}: {cpu:.1f} s CPU (this process), {workers:.1f} s CPU (workers), {wall:.1f} s wall")
        for name, spent in sorted(_spent.items(), key=lambda kv: -kv[1]):
            print(f"  {name:<40} {spent:7.2f} s  {100 * spent / total:4.0f} %")
        path = index_path(root)
        if path is not None and path.exists():
            print(f"index: {path.stat().st_size / 2**20:.0f} MiB")
        if "--edit" in sys.argv:
            _reindex_after_edit(root, open_store)
        print(f"peak memory (this process): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    finally:
        if "--keep" in sys.argv:
            print(f"kept: XMFACTS_CACHE_DIR={cache} (and the base copy in it)")
        else:
            shutil.rmtree(cache, ignore_errors=True)


def _reindex_after_edit(root: Path, open_store: Callable[[Path], Any]) -> None:
    victim = sorted(p for p in root.glob("*.toml") if p.name != "sources.toml")[0]
    text = victim.read_text(encoding="utf-8")
    victim.unlink()  # break the hard link before writing
    victim.write_text(text.replace('note = "', 'note = "Edited. ', 1), encoding="utf-8")
    _spent.clear()
    wall, cpu = time.perf_counter(), time.process_time()
    open_store(root).conn.close()
    print(f"re-index after editing {victim.name}: {time.process_time() - cpu:.2f} s CPU, {time.perf_counter() - wall:.2f} s wall")
    for name, spent in sorted(_spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<40} {spent:7.2f} s")


if __name__ == "__main__":
    main()
