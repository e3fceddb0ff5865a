"""What search's tests share: a synthetic base of thousands of facts."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SYNTHETIC_SIZE = 2500


@pytest.fixture
def facts_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The numbers of the facts a search reads the candidates of (``candidates_at``), in order."""
    from xmfacts.search import index_part

    read: list[int] = []
    real = index_part.candidates_at

    def counted(store, numbers: list[int]):  # type: ignore[no-untyped-def]
        read.extend(numbers)
        return real(store, numbers)

    monkeypatch.setattr(index_part, "candidates_at", counted)
    return read


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real facts varied into thousands (benchmarks/scale.py): many facts tie on every score."""
    spec = importlib.util.spec_from_file_location("scale", Path(__file__).parents[2] / "benchmarks" / "scale.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    root = tmp_path_factory.mktemp("synthetic") / "facts"
    module.generate(root, SYNTHETIC_SIZE)
    return root


def level_vocabulary(root: Path) -> dict[str, int]:
    """Every word of the index's ``levels`` table with how many facts it files, from the
    index's own word list, once SQLite's integrity check of that table has passed."""
    from xmfacts.index.store import open_store

    store = open_store(root)
    store.conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.v USING fts5vocab(main, levels, row)")
    store.conn.execute("INSERT INTO levels(levels, rank) VALUES ('integrity-check', 1)")
    return dict(store.conn.execute("SELECT term, doc FROM temp.v"))
