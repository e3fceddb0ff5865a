"""`export --format sqlite` writes a database Datasette serves as it is: tested with Datasette itself."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from ..conftest import Run

SHIPPED = Path(__file__).parents[2] / "facts"


def _export(run: Run, tmp_path: Path) -> Path:
    out = tmp_path / "facts.db"
    result = run("export", "--format", "sqlite", "-o", str(out), facts=SHIPPED)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    return out


def test_the_export_has_facts_topics_and_sources_with_foreign_keys(run: Run, tmp_path: Path) -> None:
    out = _export(run, tmp_path)
    db = sqlite3.connect(out)
    assert db.execute("SELECT count(*) FROM facts").fetchone() == (304,)
    assert db.execute("SELECT count(*) FROM topics").fetchone()[0] > 5
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    targets = {row[2] for row in db.execute("PRAGMA foreign_key_list(facts)")}
    assert targets == {"topics", "sources"}
    row = db.execute("SELECT label, value, unit, qualifier, source FROM facts WHERE id = 'capital-markets/listed-companies'").fetchone()
    assert row == ("厦门境内上市公司数量", 68.0, "家", "exact", "xiamen-practice")
    metadata = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    columns = metadata["databases"]["facts"]["tables"]["facts"]["columns"]
    assert set(columns) == {r[1] for r in db.execute("PRAGMA table_info(facts)")}


def test_an_existing_file_is_kept_without_force(run: Run, tmp_path: Path) -> None:
    (tmp_path / "metadata.json").write_text("{}", encoding="utf-8")
    result = run("export", "--format", "sqlite", "-o", str(tmp_path / "facts.db"))
    assert (result.exit_code, result.stderr) == (2, f"xmfacts: error: {tmp_path / 'metadata.json'} exists; use --force to overwrite it\n")
    assert not (tmp_path / "facts.db").exists()
    assert run("export", "--format", "sqlite").exit_code == 2


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(port: int, path: str) -> Any:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))


def test_datasette_serves_the_export(run: Run, tmp_path: Path) -> None:
    pytest.importorskip("datasette")
    out = _export(run, tmp_path)
    port = _free_port()
    log = (tmp_path / "datasette.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(out), "-m", str(tmp_path / "metadata.json"), "-h", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(port, "/-/versions.json")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"datasette did not start: {(tmp_path / 'datasette.log').read_text(errors='replace')}")
                time.sleep(0.2)
        search = _get(port, "/facts/facts.json?_shape=array&_search=" + urllib.parse.quote("上市公司"))
        assert "capital-markets/listed-companies" in [r["id"] for r in search]
        english = _get(port, "/facts/facts.json?_shape=array&_search=listed")
        assert "capital-markets/listed-companies" in [r["id"] for r in english]
        # issue 25's words for the ordinary search box: two characters, a pinyin word, an English phrase by stem
        for typed, wanted in (("授信", "sme-credit/xinyidai-credit-granted"), ("xinyidai", "sme-credit/xinyidai-credit-granted"),
                              ("listed firms", "capital-markets/listed-companies")):
            found = _get(port, "/facts/facts.json?_shape=array&_search=" + urllib.parse.quote(typed))
            assert wanted in [r["id"] for r in found], typed
        contains = _get(port, "/facts/facts.json?_shape=array&label__contains=" + urllib.parse.quote("授信"))
        assert {r["id"] for r in contains} >= {"sme-credit/xinyidai-credit-granted"}
        assert all("授信" in r["label"] for r in contains)
        described = _get(port, "/-/metadata.json")
        assert described["databases"]["facts"]["tables"]["facts"]["fts_table"] == "facts_fts"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        log.close()


def test_the_search_box_words_are_cut_in_advance() -> None:
    from xmfacts.index import load_factbase
    from xmfacts.present.datasette import search_words

    facts = {f.full_id: f for f in load_factbase(Path(__file__).parents[2] / "facts").facts}
    credit = search_words(facts["sme-credit/xinyidai-credit-granted"]).split()
    # two characters and up, their pinyin up to four, the English words as written
    assert {"授信", "信易贷", "中小企业", "xinyidai", "shouxin", "credit"} <= set(credit)
    assert all(2 <= len(w) <= 8 for w in credit if not w.isascii())
    listed = search_words(facts["capital-markets/listed-companies"]).split()
    # a synonym group one of its words is in: listed companies are also firms and enterprises
    assert {"上市公司", "companies", "firm", "enterprise"} <= set(listed)
