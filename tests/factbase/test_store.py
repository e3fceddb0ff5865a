"""The fact-base index gives back exactly what parsing gives, and never a stale copy."""

from __future__ import annotations

from pathlib import Path

import pytest

from xmfacts.factbase import store
from xmfacts.factbase import load_factbase

from ..conftest import BASIC

SHIPPED = Path(__file__).parents[2] / "facts"


@pytest.mark.parametrize("root", [BASIC, SHIPPED])
def test_cached_fact_base_equals_the_parsed_one(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(tmp_path))
    parsed = load_factbase(root)
    assert len(list(tmp_path.glob("factbase-*.sqlite"))) == 1
    cached = load_factbase(root)
    assert cached == parsed
    assert cached is not parsed
    # printed precision survives the trip: 29.20 stays 29.20, not 29.2
    assert [str(f.figure.value) for f in cached.facts] == [str(f.figure.value) for f in parsed.facts]


def test_an_edit_is_seen_on_the_next_run(factbase: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(tmp_path / "cache"))
    assert load_factbase(factbase).facts[0].figure.value == 68
    path = factbase / "capital-markets.toml"
    # same size, same second: only the content tells the two apart
    path.write_text(path.read_text(encoding="utf-8").replace("value = 68", "value = 69"), encoding="utf-8")
    assert load_factbase(factbase).facts[0].figure.value == 69


def test_a_corrupt_or_unwritable_cache_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(tmp_path))
    load_factbase(BASIC)
    [stored] = tmp_path.glob("factbase-*.sqlite")
    stored.write_bytes(b"\x00garbage")
    assert len(load_factbase(BASIC).facts) == 8
    blocked = tmp_path / "file"
    blocked.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(blocked / "cache"))
    assert len(load_factbase(BASIC).facts) == 8


def test_each_fact_base_keeps_its_own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(tmp_path))
    load_factbase(BASIC)
    load_factbase(SHIPPED)
    assert len(list(tmp_path.glob("factbase-*.sqlite"))) == 2


def test_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("XMFACTS_NO_CACHE", "1")
    load_factbase(BASIC)
    assert list(tmp_path.iterdir()) == []
    assert store.cache_dir() is None
