"""Reading and preparing topic files for the index, in worker processes when there is much to do.

The main process writes SQLite while the workers parse and prepare the next few files, one
file per task; results are taken in the files' order, so the index is the same as a serial
build's. What a worker sends back is plain values only (``Ready``).
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from collections import deque
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

from xmfacts.errors import Problem
from xmfacts.index.parts import part
from xmfacts.index.records import record
from xmfacts.model import Source, Topic

PARALLEL_BYTES = 4_000_000  # changed files holding about 5,000 facts: a few seconds of work
PARALLEL_FILES = 4


class Ready(NamedTuple):
    """One topic file, parsed and prepared: plain values only, so a worker process can make it.

    A NamedTuple, not a frozen dataclass: this module is imported by every build, and defining
    a dataclass costs ~0.7 ms (its methods are generated with exec).
    """

    topic: tuple[str, str, str, str]  # id, title, title_en, path
    facts: list[tuple[str, int, bytes]]  # full_id, place in the file, the fact's record
    parts: list[Any]  # what each part prepared (Part.prepare), in the order asked for
    digest: str


def content_hash(data: bytes) -> str:
    # zlib's checksums cost nothing to import, where hashlib's OpenSSL costs ~3 ms per run.
    return f"{len(data):x}-{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def read(path: Path, contents: dict[Path, bytes | None], problems: list[Problem]) -> bytes | None:
    try:
        data = contents[path] = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(str(path), f"cannot read file: {exc.strerror or exc}"))
        return None
    return data


def _prepare_topic(topic: Topic, digest: str, pinyin: bool, names: tuple[str, ...]) -> Ready:
    header = (topic.id, topic.title, topic.title_en, topic.path)
    facts = [(fact.full_id, pos, marshal.dumps(record(fact))) for pos, fact in enumerate(topic.facts)]
    return Ready(header, facts, [part(name).prepare(topic, pinyin) for name in names], digest)


def _parse_and_prepare(
    path: Path, data: bytes | None, sources: dict[str, Source], pinyin: bool, names: tuple[str, ...], topic: Topic | None = None
) -> tuple[list[Problem], Ready | None]:
    """One file prepared; ``topic``: the file already parsed from ``data``."""
    from xmfacts.factbase import parse

    problems: list[Problem] = []
    if data is None:
        data = read(path, {}, problems)
        if data is None:
            return problems, None
    if topic is None:
        topic = parse.parse_topic(path, data, sources, problems)
    if topic is None or problems:
        return problems, None
    return problems, _prepare_topic(topic, content_hash(data), pinyin, names)


def prepared_files(
    files: list[tuple[Path, bytes | None]],
    sources: dict[str, Source],
    pinyin: bool,
    names: tuple[str, ...],
    stats: dict[str, tuple[int, int]],
    problems: list[Problem],
    parsed: dict[Path, Topic] | None = None,
) -> Iterator[tuple[Path, Ready | None]]:
    """Each file parsed and prepared for the parts ``names``, in order; by worker processes
    when there is much to do. ``parsed``: files already parsed (a change small enough for one
    process)."""
    count = worker_count()
    size = sum(max(stats[p.name][0], 0) for p, _ in files)
    if count < 2 or len(files) < PARALLEL_FILES or size < PARALLEL_BYTES:
        for path, data in files:
            found, ready = _parse_and_prepare(path, data, sources, pinyin, names, (parsed or {}).get(path))
            problems.extend(found)
            yield path, ready
        return
    import multiprocessing

    method = "fork" if sys.platform == "linux" else "spawn"
    pool = multiprocessing.get_context(method).Pool(count, worker_start, (sources, pinyin, names))
    try:
        # A few files ahead at most: results would pile up in memory if writing fell behind.
        waiting = iter(files)
        pending = deque((item[0], pool.apply_async(_worker_task, (item,))) for item in islice(waiting, 2 * count))
        while pending:
            path, result = pending.popleft()
            found, ready = result.get()
            for item in islice(waiting, 1):
                pending.append((item[0], pool.apply_async(_worker_task, (item,))))
            problems.extend(found)
            yield path, ready
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def worker_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_WORKER: dict[str, Any] = {}


def worker_start(sources: dict[str, Source], pinyin: bool, names: tuple[str, ...]) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    _WORKER.update(sources=sources, pinyin=pinyin, names=names)


def _worker_task(item: tuple[Path, bytes | None]) -> tuple[list[Problem], Ready | None]:
    return _parse_and_prepare(item[0], item[1], _WORKER["sources"], _WORKER["pinyin"], _WORKER["names"])
