"""The fact-base index gives back exactly what parsing gives, and never a stale copy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xmfacts.check.index_part import word_code
from xmfacts.index import build, progress, store, workers
from xmfacts.search import index_part as search_part
from xmfacts.index import load_factbase

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


def test_older_caches_go_when_an_index_is_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(tmp_path))
    old = [tmp_path / "factbase-0badc0de.marshal", tmp_path / "factbase-12345678.marshal"]
    for path in old:
        path.write_bytes(b"an older version's cache")
    kept = tmp_path / "notes.marshal"
    kept.write_bytes(b"not ours")
    load_factbase(BASIC)
    assert not any(p.exists() for p in old) and kept.exists()
    # an existing index is opened without listing the directory
    old[0].write_bytes(b"an older version's cache")
    load_factbase(BASIC)
    assert old[0].exists()
    load_factbase(SHIPPED)  # a new index: the directory is tidied again
    assert not old[0].exists()


def test_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("XMFACTS_NO_CACHE", "1")
    load_factbase(BASIC)
    assert list(tmp_path.iterdir()) == []
    assert store.cache_dir() is None


# ---- incremental, interrupted, damaged, concurrent ------------------------------------------

import os
import sqlite3
import subprocess
import sys

from xmfacts.factbase import parse
from xmfacts.factbase.load import parse_toml


def _parsed_files(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the topic files the index parses from now on."""
    seen: list[str] = []
    real = parse.parse_topic

    def spy(path: Path, *args: object) -> object:
        seen.append(path.name)
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(parse, "parse_topic", spy)
    return seen


def test_an_edited_file_is_indexed_alone_and_a_removed_one_goes(factbase: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(tmp_path / "cache"))
    load_factbase(factbase)
    parsed = _parsed_files(monkeypatch)
    load_factbase(factbase)
    assert parsed == []  # nothing changed: nothing read
    path = factbase / "sme-credit.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("金圆集团成立时间", "鹭岛集团成立时间"), encoding="utf-8")
    assert load_factbase(factbase) == parse_toml(factbase)
    assert parsed == ["sme-credit.toml"]
    (factbase / "capital-markets.toml").unlink()
    assert load_factbase(factbase) == parse_toml(factbase)
    assert "capital-markets" not in [t.id for t in load_factbase(factbase).topics]


def test_a_touched_file_is_not_parsed_again(factbase: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(tmp_path / "cache"))
    load_factbase(factbase)
    parsed = _parsed_files(monkeypatch)
    os.utime(factbase / "sme-credit.toml", ns=(10**18, 10**18))
    load_factbase(factbase)
    assert parsed == []


def test_an_interrupted_build_leaves_the_previous_index(factbase: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(tmp_path / "cache"))
    before = load_factbase(factbase)
    path = factbase / "sme-credit.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("金圆集团成立时间", "鹭岛集团成立时间"), encoding="utf-8")

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(parse, "parse_topic", interrupted)
    with pytest.raises(KeyboardInterrupt):
        load_factbase(factbase)
    [index] = (tmp_path / "cache").glob("factbase-*.sqlite")
    kept = sqlite3.connect(index).execute("SELECT count(*) FROM facts").fetchone()[0]
    assert kept == len(before.facts)
    monkeypatch.undo()
    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(tmp_path / "cache"))
    assert load_factbase(factbase) == parse_toml(factbase)


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(b"\x00garbage"),
        lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 3]),
        lambda p: p.write_bytes(p.read_bytes()[:100]),
        lambda p: p.write_bytes(b""),
        lambda p: (p.unlink(), sqlite3.connect(p).executescript("CREATE TABLE meta(x); CREATE TABLE facts(y); INSERT INTO facts VALUES (1);")),
    ],
    ids=["garbage", "truncated", "header only", "empty", "foreign"],
)
def test_a_damaged_index_is_rebuilt(damage: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(tmp_path))
    parsed = load_factbase(BASIC)
    [index] = tmp_path.glob("factbase-*.sqlite")
    damage(index)  # type: ignore[operator]
    assert load_factbase(BASIC) == parsed
    assert load_factbase(BASIC) == parsed


def test_two_processes_building_at_once_both_answer(tmp_path: Path) -> None:
    env = {**os.environ, "XMFACTS_CACHE_DIR": str(tmp_path / "cache"), "XMFACTS_FACTS": str(SHIPPED)}
    env.pop("XMFACTS_NO_CACHE", None)
    command = [sys.executable, "-m", "xmfacts", "search", "授信", "--json"]
    for _ in range(3):
        for index in (tmp_path / "cache").glob("factbase-*"):
            index.unlink()
        runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
        outputs = [r.communicate(timeout=300) for r in runs]
        assert [r.returncode for r in runs] == [0, 0], outputs
        assert outputs[0] == outputs[1]
    assert load_factbase(SHIPPED) == parse_toml(SHIPPED)


def test_a_long_build_shows_progress_on_a_terminal_only(factbase: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[tuple[int, int]] = []

    class Bar:
        def update(self, files: int, facts: int) -> None:
            shown.append((files, facts))

        def close(self) -> None:
            shown.append((-1, -1))

    monkeypatch.setattr(progress, "_factory", lambda total: Bar())  # what the command line hands in
    monkeypatch.setattr(progress, "_AFTER", 0.0)
    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(tmp_path / "not a terminal"))
    load_factbase(factbase)
    assert shown == []
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(tmp_path / "terminal"))
    load_factbase(factbase)
    assert shown == [(1, 4), (2, 8), (-1, -1)]  # files done, facts so far; then closed


def test_show_and_search_read_only_what_they_need(run: object, monkeypatch: pytest.MonkeyPatch) -> None:
    def whole_base(self: object) -> None:
        raise AssertionError("read the whole fact base")

    monkeypatch.setattr(store.Store, "factbase", whole_base)
    monkeypatch.setattr(search_part, "rows", whole_base)
    result = run("show", "capital-markets/listed-companies", "--json")  # type: ignore[operator]
    assert (result.exit_code, result.stderr) == (0, "")
    result = run("search", "授信", "--json")  # type: ignore[operator]
    assert (result.exit_code, len(json.loads(result.stdout))) == (0, 2)
    result = run("show", "capital-markets", "--json")  # type: ignore[operator]
    assert result.exit_code == 0


def _index_content(root: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(cache))
    load_factbase(root)
    [index] = cache.glob("factbase-*.sqlite")
    conn = sqlite3.connect(index)
    # The files table records each file's mtime, which a copy of the base need not share.
    return [line for line in conn.iterdump() if not line.startswith('INSERT INTO "files"')] + [
        repr(row) for row in conn.execute("SELECT name, size, hash FROM files ORDER BY name")
    ]


def test_a_build_by_worker_processes_writes_the_same_index_as_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serial = _index_content(SHIPPED, tmp_path / "serial", monkeypatch)
    monkeypatch.setattr(workers, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(workers, "PARALLEL_FILES", 1)
    monkeypatch.setattr(workers, "worker_count", lambda: 2)
    real_start = workers.worker_start

    def counted(*args: object) -> None:
        (tmp_path / f"worker-{os.getpid()}").touch()  # in the worker: the test's lists are not shared
        real_start(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(workers, "worker_start", counted)
    parallel = _index_content(SHIPPED, tmp_path / "parallel", monkeypatch)
    assert parallel == serial
    assert len(serial) > 100
    assert len(list(tmp_path.glob("worker-*"))) == 2
    monkeypatch.undo()
    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(tmp_path / "parallel"))
    assert load_factbase(SHIPPED) == parse_toml(SHIPPED)


def test_a_problem_found_by_a_worker_process_is_reported(factbase: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from xmfacts.errors import FactBaseError

    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(workers, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(workers, "PARALLEL_FILES", 1)
    monkeypatch.setattr(workers, "worker_count", lambda: 2)
    path = factbase / "sme-credit.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('unit = "', 'unit = "furlongs', 1), encoding="utf-8")
    with pytest.raises(FactBaseError) as raised:
        load_factbase(factbase)
    assert any(p.path == str(path) and "unknown unit" in p.message for p in raised.value.problems)


def _check_stats(root: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[object, ...]:
    import marshal

    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(cache))
    load_factbase(root)
    [index] = cache.glob("factbase-*.sqlite")
    meta = dict(sqlite3.connect(index).execute("SELECT key, value FROM meta"))
    count, frequency, lower_words = marshal.loads(meta["check stats"])
    return count, frequency, frozenset(lower_words), marshal.loads(meta["summary"])


def test_after_edits_the_summary_is_what_a_fresh_build_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    factbase = tmp_path / "facts"
    shutil.copytree(SHIPPED, factbase)
    _check_stats(factbase, tmp_path / "kept", monkeypatch)
    path = factbase / "state-financial-group.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("金圆集团成立时间", "鹭岛集团成立时间").replace("tags = [", 'tags = [\n    "新标签",', 1), encoding="utf-8")
    (factbase / "capital-markets.toml").unlink()
    updated = _check_stats(factbase, tmp_path / "kept", monkeypatch)
    fresh = _check_stats(factbase, tmp_path / "fresh", monkeypatch)
    assert updated == fresh
    assert "鹭岛" in updated[1] and "金圆" in updated[1]  # one fact renamed, others keep the name
    (factbase / "banks.toml").unlink()
    assert _check_stats(factbase, tmp_path / "kept", monkeypatch) == _check_stats(factbase, tmp_path / "fresh2", monkeypatch)


# ---- an edited file re-indexed in place ---------------------------------------------------------


def _facts_of(text: str) -> list[str]:
    head, *facts = text.split("\n[[fact]]\n")
    return [head, *facts]


def _joined(parts: list[str]) -> str:
    return "\n[[fact]]\n".join(parts)


def _relabelled(text: str) -> str:
    return text.replace("厦门国际银行科技金融贷款余额", "厦门国际银行科技贷款余额", 1)


def _one_removed(text: str) -> str:
    parts = _facts_of(text)
    return _joined(parts[:2] + parts[3:])


def _one_commented_out(text: str) -> str:
    # the second fact commented out line by line: the later facts keep their lines, not their places
    lines = text.splitlines(keepends=True)
    headers = [i for i, line in enumerate(lines) if line == "[[fact]]\n"]
    return "".join(f"# {line}" if headers[1] <= i < headers[2] else line for i, line in enumerate(lines))


def _lines_shifted(text: str) -> str:
    # a comment two lines long in the first fact: every later fact's line moves, nothing else of it
    parts = _facts_of(text)
    parts[1] = "# checked against the bank's own report\n# on the day of publication\n" + parts[1]
    return _joined(parts)


def _measured_otherwise(text: str) -> str:
    return text.replace('    "科技金融贷款余额",\n', '    "科技金融贷款余额",\n    "科创贷款总额",\n', 1)


def _traditional(text: str) -> str:
    return text.replace("厦门国际银行科技金融贷款余额", "廈門國際銀行科技金融貸款餘額", 1)


def _simplified(text: str) -> str:
    return text.replace("廈門國際銀行科技金融貸款餘額", "厦门国际银行科技金融贷款余额", 1)


def _one_added(text: str) -> str:
    parts = _facts_of(text)
    return _joined([*parts, parts[1].replace('id = "xib-tech-loans-balance"', 'id = "xib-tech-loans-balance-copy"')])


def _reordered(text: str) -> str:
    parts = _facts_of(text)
    body = [p if p.endswith("\n") else p + "\n" for p in parts[1:]]
    if len(body) < 2:
        return text  # a file left with one fact (after a removal) has no order to change
    return _joined([parts[0], body[1], body[0], *body[2:]]).rstrip("\n") + "\n"


def _index_by_fact(cache: Path) -> dict[str, object]:
    """The index's content keyed by fact id rather than row number, each part decoded (a dict's
    or a set's order is not content); and the full-text index checked against the facts."""
    import marshal

    [index] = cache.glob("factbase-*.sqlite")
    conn = sqlite3.connect(index, isolation_level=None)  # nothing held open for the next build to wait on
    conn.execute("INSERT INTO grams(grams, rank) VALUES ('integrity-check', 1)")  # raises if a fact's words are stale
    facts = conn.execute("SELECT full_id, topic, file, pos, plain, row, words FROM facts JOIN search_rows USING (n) ORDER BY n").fetchall()
    # a word's code depends on the order words were first seen: compared as the words
    word_of = {word_code(number): term for number, term in conn.execute("SELECT id, term FROM check_words")}

    def words(codes: str) -> list[str]:
        out, at = [], 0
        while at < len(codes):
            step = 1 if codes[at] in word_of else 2
            out.append(word_of[codes[at : at + step]])
            at += step
        return out

    sql = (
        "SELECT f.full_id, l.terms, c.file, c.pos, s.shape, c.low, c.high, p.terms, p.low, p.high, p.low_open, p.high_open FROM facts f"
        " JOIN check_facts c ON c.n = f.n JOIN measure_lists l ON l.id = c.list JOIN check_shapes s ON s.id = c.shape"
        " JOIN check_profiles p ON p.n = f.n AND p.list = c.list"
    )
    check = {
        full_id: (terms, file, pos, marshal.loads(shape), low, high, words(codes), interval)
        for full_id, terms, file, pos, shape, low, high, codes, *interval in conn.execute(sql)
    }
    assert conn.execute("SELECT count(*) FROM check_profiles").fetchone()[0] == len(check)  # none left of a fact gone
    figures = sorted(conn.execute("SELECT f.full_id, g.kind, g.v FROM figures g JOIN facts f ON f.n = g.n"))
    assert conn.execute("SELECT count(*) FROM figures").fetchone()[0] == len(figures)  # none left of a fact gone
    measures = {(terms, term, k) for terms, term, k in conn.execute("SELECT l.terms, m.term, m.k FROM measures m JOIN measure_lists l ON l.id = m.list")}

    def summary(blob: bytes) -> tuple[object, ...]:
        v, t, s, c = marshal.loads(blob)
        return v, t, frozenset(s), frozenset(c)

    def stats(blob: bytes) -> tuple[object, ...]:
        n, w = marshal.loads(blob)
        return n, frozenset(w)

    files = {name: (size, digest) for name, size, digest in conn.execute("SELECT name, size, hash FROM files")}
    files |= {f"search {file}": summary(blob) for file, blob in conn.execute("SELECT file, summary FROM search_files")}
    files |= {
        f"check {file}": (stats(blob), marshal.loads(frequency))
        for file, blob, frequency in conn.execute("SELECT file, summary, frequency FROM check_files")
    }
    meta = dict(conn.execute("SELECT key, value FROM meta WHERE key NOT IN ('files', 'layout')"))
    # fact numbers differ between an edited index and a fresh build; the bound each keeps is its own numbers'
    assert int(meta.pop("in order below")) == build.in_order_below(conn)
    count, frequency, lower = marshal.loads(meta.pop("check stats"))
    syllables, stable, has_pinyin = marshal.loads(meta.pop("summary"))
    rest = {k: marshal.loads(v) if isinstance(v, bytes) else v for k, v in meta.items()}
    in_order = [r[0] for r in sorted(facts, key=lambda r: (r[2], r[3]))] == [r[0] for r in facts]
    conn.close()
    return {
        "facts": {full_id: (topic, file, pos, marshal.loads(plain), marshal.loads(row), words) for full_id, topic, file, pos, plain, row, words in facts},
        "in order": in_order, "check": check, "figures": figures, "measures": measures, "files": files,
        "stats": (count, frequency, frozenset(lower)), "summary": (frozenset(syllables), frozenset(stable), has_pinyin), "meta": rest,
    }


@pytest.mark.parametrize(
    ("before", "edit", "prepared_facts"),
    [
        # the same facts in the same order: only the edited ones are prepared again
        (None, _relabelled, 1), (None, _measured_otherwise, 1), (None, _one_removed, 0), (None, _one_commented_out, 0), (None, _lines_shifted, 0),
        # the whole file again (None: all its facts): a traditional character, before or after,
        # is folded with the whole file's text
        (None, _traditional, None), (_traditional, _simplified, None), (None, _one_added, None), (None, _reordered, None),
    ],
)
def test_an_edited_file_is_indexed_as_a_fresh_build_indexes_it(
    before: object, edit: object, prepared_facts: int | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    factbase = tmp_path / "facts"
    shutil.copytree(SHIPPED, factbase)
    path = factbase / "banks.toml"
    if before is not None:
        path.write_text(before(path.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(tmp_path / "kept"))
    load_factbase(factbase)
    text = path.read_text(encoding="utf-8")
    changed = edit(text)  # type: ignore[operator]
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    prepared: list[int] = []
    real_prepare = search_part.prepare

    def counted(base, *args, **kwargs):  # type: ignore[no-untyped-def]
        prepared.append(len(base.facts))
        return real_prepare(base, *args, **kwargs)

    monkeypatch.setattr(search_part, "prepare", counted)
    assert load_factbase(factbase) == parse_toml(factbase)
    monkeypatch.undo()
    in_place = prepared_facts is not None
    assert prepared == ([prepared_facts] if prepared_facts else [] if in_place else [changed.count("[[fact]]")])
    kept = _index_by_fact(tmp_path / "kept")
    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(tmp_path / "fresh"))
    load_factbase(factbase)
    fresh = _index_by_fact(tmp_path / "fresh")
    assert kept["in order"] is in_place and fresh["in order"] is True
    for part in fresh:
        if part != "in order":
            assert kept[part] == fresh[part], part


# Edits a curator makes, as changes to a topic file's text (k picks the fact), applied a few at
# a time to random files: after each round the index must be what a fresh build gives.
def _nth(text: str, old: str, new: str, k: int) -> str:
    at = -1
    for _ in range(k % max(text.count(old), 1) + 1):
        at = text.find(old, at + 1)
    return text if at < 0 else text[:at] + new + text[at + len(old) :]


_EDITS = {
    "relabel": lambda text, k: _nth(text, 'label = "', 'label = "新', k),
    "traditional": lambda text, k: _nth(text, 'label = "', 'label = "廈', k),
    "simplified": lambda text, k: text.replace('label = "廈', 'label = "', 1),
    "measure": lambda text, k: _nth(text, "measure = [\n", 'measure = [\n    "新指标",\n', k),
    "value": lambda text, k: _nth(text, "\nvalue = ", "\nvalue = 1", k),
    "remove": lambda text, k: _joined([p for i, p in enumerate(_facts_of(text)) if i == 0 or i != 1 + k % max(len(_facts_of(text)) - 1, 1)]),
    "comment": lambda text, k: _nth(text, "\n[[fact]]\n", "\n# a reporter's note\n\n[[fact]]\n", k),
    "reorder": lambda text, k: _reordered(text),
}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rounds=st.lists(st.lists(st.tuples(st.integers(0, 14), st.sampled_from(sorted(_EDITS)), st.integers(0, 9)), min_size=1, max_size=3), min_size=1, max_size=3))
def test_any_run_of_edits_leaves_the_index_a_fresh_build_gives(rounds: list[list[tuple[int, str, int]]], tmp_path_factory: pytest.TempPathFactory) -> None:
    import shutil

    from xmfacts.errors import FactBaseError

    work = tmp_path_factory.mktemp("edits")
    factbase = work / "facts"
    shutil.copytree(SHIPPED, factbase)
    files = sorted(p for p in factbase.glob("*.toml") if p.name != "sources.toml")
    env = {"XMFACTS_CACHE_DIR": str(work / "kept")}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XMFACTS_CACHE_DIR", env["XMFACTS_CACHE_DIR"])
        load_factbase(factbase)
    for n, edits in enumerate(rounds):
        for which, kind, k in edits:
            path = files[which % len(files)]
            path.write_text(_EDITS[kind](path.read_text(encoding="utf-8"), k), encoding="utf-8")
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("XMFACTS_CACHE_DIR", str(work / "kept"))
            try:
                assert load_factbase(factbase) == parse_toml(factbase)
            except FactBaseError:
                return  # an edit that leaves the base invalid (a duplicate measure term): nothing to index
            kept = _index_by_fact(work / "kept")
            mp.setenv("XMFACTS_CACHE_DIR", str(work / f"fresh-{n}"))
            load_factbase(factbase)
            fresh = _index_by_fact(work / f"fresh-{n}")
        for part in fresh:
            if part != "in order":
                assert kept[part] == fresh[part], (part, rounds)


@pytest.mark.parametrize("edit", [_relabelled, _one_added])
def test_an_edited_file_is_parsed_once_whether_or_not_it_is_indexed_in_place(
    edit: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    factbase = tmp_path / "facts"
    shutil.copytree(SHIPPED, factbase)
    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(tmp_path / "cache"))
    load_factbase(factbase)
    path = factbase / "banks.toml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    parsed = _parsed_files(monkeypatch)
    assert load_factbase(factbase) == parse_toml(factbase)
    assert parsed == ["banks.toml"]


def test_a_whole_build_gives_back_the_memory_it_took_for_its_page_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a command that built the index goes on reading it with SQLite's own cache size, as one
    # that found it built does
    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(tmp_path))
    seen: list[int] = []
    write_topic = build._write_topic
    monkeypatch.setattr(build, "_write_topic", lambda conn, *a: (seen.append(conn.execute("PRAGMA cache_size").fetchone()[0]), write_topic(conn, *a)))
    built = store.open_store(BASIC)
    assert seen and set(seen) == {build._BUILD_CACHE_KIB}
    found = store.open_store(BASIC)
    assert built.conn.execute("PRAGMA cache_size").fetchone() == found.conn.execute("PRAGMA cache_size").fetchone()
    built.conn.close()
    found.conn.close()


def test_a_new_version_of_a_part_rewrites_every_file_even_when_one_was_edited(
    factbase: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An upgrade that changes what check reads of a fact, seen in the same run as an edit to one
    # file: the other files' rows must not keep what the older version made of them.
    from xmfacts.check import index_part as check_part
    from xmfacts.check import profile

    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(tmp_path / "cache"))

    def scopes_stored() -> set[str]:
        import marshal

        opened = store.open_store(factbase.resolve())
        try:
            check_part.check_stats(opened)
            return {w for (blob,) in opened.conn.execute("SELECT shape FROM check_shapes") for w in marshal.loads(blob)[2]}
        finally:
            opened.conn.close()

    assert "授信" not in scopes_stored()
    monkeypatch.setattr(profile, "_SCOPES", (*profile._SCOPES, "授信"))  # a word of sme-credit.toml only
    monkeypatch.setattr(check_part.CheckPart, "version", check_part.VERSION + "-next")
    path = factbase / "capital-markets.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("value = 68", "value = 69"), encoding="utf-8")
    assert "授信" in scopes_stored()
