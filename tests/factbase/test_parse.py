from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xmfacts.errors import FactBaseError
from xmfacts.factbase.layout import NO_SOURCES
from xmfacts.factbase.locate import resolve_facts_dir
from xmfacts.index import load_factbase
from xmfacts.model import BaseUnit, Kind, Qualifier

from ..conftest import BASIC

FACT = """
[[fact]]
id = "{id}"
label = "标签"
label_en = "Label"
value = {value}
unit = "{unit}"
qualifier = "{qualifier}"
entity = "厦门市"
measure = ["数量"]
source = "{source}"
quote = "引文"
tags = ["t"]
"""


def write_topic(root: Path, name: str, *facts: str, header: str = '[topic]\ntitle = "题"\ntitle_en = "T"\n') -> Path:
    path = root / f"{name}.toml"
    path.write_text(header + "".join(facts), encoding="utf-8")
    return path


def fact(id: str = "a", value: str = "1", unit: str = "家", qualifier: str = "exact", source: str = "xiamen-practice") -> str:
    return FACT.format(id=id, value=value, unit=unit, qualifier=qualifier, source=source)


def problems_of(root: Path) -> list[str]:
    with pytest.raises(FactBaseError) as info:
        load_factbase(root)
    return [str(p) for p in info.value.problems]


def test_loads_fixture_with_decimal_precision_and_normalized_units() -> None:
    base = load_factbase(BASIC)
    assert [t.id for t in base.topics] == ["capital-markets", "sme-credit"]
    credit = next(f for f in base.facts if f.id == "credit-granted")
    assert credit.figure.value == Decimal("1141.58")
    assert str(credit.figure.value) == "1141.58"
    assert (credit.figure.scale, credit.figure.base_unit) == (10**8, BaseUnit.CNY)
    smes = next(f for f in base.facts if f.id == "smes-with-credit")
    assert (smes.figure.scale, smes.figure.base_unit) == (10**4, BaseUnit.COUNT)
    share = next(f for f in base.facts if f.id == "province-share")
    assert (share.figure.value * share.figure.scale, share.figure.base_unit) == (40, BaseUnit.PERCENT)
    cut = next(f for f in base.facts if f.id == "loan-cost-cut")
    assert (cut.figure.kind, cut.figure.lower, cut.figure.upper, cut.figure.qualifier) == (Kind.RANGE, 10, 40, Qualifier.RANGE)
    founded = next(f for f in base.facts if f.id == "jinyuan-founded")
    assert (founded.figure.kind, founded.figure.date, founded.figure.unit, founded.figure.scale) == (Kind.DATE, "2011-07", None, None)
    assert credit.full_id == "sme-credit/credit-granted"
    assert credit.line == 5


def test_every_problem_in_every_file_is_reported_at_once(factbase: Path) -> None:
    write_topic(factbase, "one", fact("bad_id"), fact("ok", unit="斤"))
    write_topic(factbase, "two", fact("x", value='"68"'), fact("y", qualifier="roughly"), fact("z", source="nowhere"))
    found = problems_of(factbase)
    assert found == [
        f"{factbase}/one.toml:5: one/bad_id: id 'bad_id' is not kebab-case (a-z, 0-9, -)",
        f"{factbase}/one.toml:18: one/ok: unknown unit '斤'",
        f"{factbase}/two.toml:5: two/x: value must be a number, not str '68'",
        f"{factbase}/two.toml:18: two/y: unknown qualifier 'roughly' (expected one of: exact, about, nearly, over, at_least, under, at_most, range)",
        f"{factbase}/two.toml:31: two/z: source 'nowhere' is not listed in sources.toml",
    ]


def test_duplicate_ids_and_missing_fields(factbase: Path) -> None:
    broken = fact("b").replace('quote = "引文"\n', "")
    write_topic(factbase, "dup", fact("a"), fact("a"), broken)
    found = problems_of(factbase)
    assert found == [
        f"{factbase}/dup.toml:18: dup/a: duplicate id (first at line 5)",
        f"{factbase}/dup.toml:31: dup/b: missing required field 'quote'",
    ]


def test_toml_syntax_error_names_line_and_column(factbase: Path) -> None:
    (factbase / "bad.toml").write_text('[topic]\ntitle = "x\n', encoding="utf-8")
    [problem] = problems_of(factbase)
    assert problem.startswith(f"{factbase}/bad.toml:2:")
    assert "TOML syntax error" in problem


def test_bad_dates_and_ranges(factbase: Path) -> None:
    event = 'id = "e"\nlabel = "l"\nlabel_en = "l"\ndate = "2024-13"\nentity = "e"\nsource = "xiamen-practice"\nquote = "q"\n'
    backwards = 'id = "r"\nlabel = "l"\nlabel_en = "l"\nlower = 9\nupper = 1\nunit = "%"\nqualifier = "range"\nentity = "e"\nsource = "xiamen-practice"\nquote = "q"\n'
    write_topic(factbase, "dates", "\n[[fact]]\n" + event, "\n[[fact]]\n" + backwards.replace('qualifier = "range"', 'qualifier = "exact"'))
    found = problems_of(factbase)
    assert found == [
        f"{factbase}/dates.toml:5: dates/e: date '2024-13' is not YYYY, YYYY-MM or YYYY-MM-DD",
        f"{factbase}/dates.toml:14: dates/r: lower 9 is greater than upper 1",
        f'{factbase}/dates.toml:14: dates/r: a fact with lower and upper needs qualifier = "range"',
    ]


def test_not_utf8_and_bom(factbase: Path) -> None:
    (factbase / "latin.toml").write_bytes('[topic]\ntitle = "caf\xe9"\n'.encode("latin-1"))
    bom = write_topic(factbase, "bom", fact("a"))
    bom.write_bytes(b"\xef\xbb\xbf" + bom.read_bytes())
    [problem] = problems_of(factbase)
    assert problem == f"{factbase}/latin.toml:2: not UTF-8 (byte 0xe9)"
    (factbase / "latin.toml").unlink()
    assert "bom/a" in [f.full_id for f in load_factbase(factbase).facts]


def test_empty_missing_and_looping_directories(tmp_path: Path) -> None:
    assert problems_of(tmp_path) == [f"{tmp_path}: {NO_SOURCES}"]
    assert problems_of(tmp_path / "nope") == [f"{tmp_path}/nope: fact directory does not exist"]
    loop = tmp_path / "loop"
    os.symlink(loop, loop)
    [problem] = problems_of(loop)
    assert problem.startswith(f"{loop}: ")


def test_unreadable_file(factbase: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # chmod 000 does not stop root (CI runs as root), so refuse the read the way the OS would.
    path = write_topic(factbase, "secret", fact("a"))
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "secret.toml":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert problems_of(factbase) == [f"{path}: cannot read file: Permission denied"]


def test_symlink_loop_file_is_reported(factbase: Path) -> None:
    loop = factbase / "loop.toml"
    os.symlink(loop, loop)
    [problem] = problems_of(factbase)
    assert problem.startswith(f"{loop}: cannot read file:")


def test_unknown_keys_are_reported_not_ignored(factbase: Path) -> None:
    write_topic(factbase, "typo", fact("a").replace("value = 1", "vaule = 1"))
    assert problems_of(factbase) == [
        f"{factbase}/typo.toml:5: typo/a: unknown key 'vaule'",
        f"{factbase}/typo.toml:5: typo/a: missing value (or lower and upper for a range, or date for an event)",
    ]


def test_resolution_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XMFACTS_FACTS", str(tmp_path))
    assert resolve_facts_dir() == tmp_path
    assert resolve_facts_dir(BASIC) == BASIC
    monkeypatch.delenv("XMFACTS_FACTS")
    assert (resolve_facts_dir() / "sources.toml").is_file()


@given(st.lists(st.sampled_from(["[[fact]]", "  [[ fact ]]", "id = 'a'", "", "quote = \"[[fact]]\"", "# [[fact]]", "x\r"]), max_size=30))
def test_each_fact_header_is_found_on_its_own_line(lines: list[str]) -> None:
    from xmfacts.factbase.parse import _FACT_HEADER, _header_lines

    text = "\n".join(lines)
    assert _header_lines(text) == [text.count("\n", 0, m.start()) + 1 for m in _FACT_HEADER.finditer(text)]
    assert _header_lines(text) == [n for n, line in enumerate(lines, 1) if _FACT_HEADER.match(line)]


# ---- the fast reader of fmt's layout gives exactly what tomllib gives ------------------------


def _exactly(value: object) -> object:
    """A value with its types spelled out: Decimal('29.20') is not Decimal('29.2'), nor 1 True."""
    if isinstance(value, dict):
        return ("dict", [(k, _exactly(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_exactly(v) for v in value])
    return (type(value).__name__, repr(value))


def _tomllib(text: str) -> object:
    import tomllib

    try:
        return _exactly(tomllib.loads(text, parse_float=Decimal))
    except tomllib.TOMLDecodeError:
        return "error"


_KEYS = st.from_regex(r"[A-Za-z0-9_-]{1,12}", fullmatch=True)
_TEXT = st.text(st.characters(codec="utf-8"), max_size=30)  # any character: tomli-w escapes what it must
_SCALAR = (
    _TEXT
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-(10**9), max_value=10**9)
    | st.booleans()
    | st.lists(_TEXT, max_size=4)
)
_TABLE = st.dictionaries(_KEYS, _SCALAR, max_size=8)


@settings(max_examples=300, deadline=None)
@given(topic=_TABLE, facts=st.lists(_TABLE, min_size=1, max_size=5), sources=st.booleans())
def test_the_fast_reader_gives_what_tomllib_gives_for_fmts_layout(topic: dict, facts: list, sources: bool) -> None:
    from xmfacts.authoring.tomltext import canonical_text
    from xmfacts.factbase.parse import read_canonical

    # as `xmfacts fmt` writes a topic file, or sources.toml
    text = canonical_text({"source": facts} if sources else {"topic": topic, "fact": facts}, sources)
    read = read_canonical(text)
    assert read is not None, text
    assert _exactly(read) == _tomllib(text)


@settings(max_examples=300, deadline=None)
@given(
    base=_TABLE,
    extra=st.lists(
        st.sampled_from(
            ['x = 1', 'x = "a"', '[topic]', '[[fact]]', '[fact]', 'y = [', '    "a",', ']', 'z = 1.5e3', 'w = 01', 'v = "\\q"', 'u = "\\ud800"',
             's = "\\U0001F600"', '# note', 'k = 2024-01-01', "  ", 'q = +1', "t = 'lit'", 'a = "x" # c', 'e = ""', 'r = "\r"', 'n = nan', 'x = 1\r']
        ),
        max_size=8,
    ),
    where=st.integers(min_value=0, max_value=40),
)
def test_the_fast_reader_gives_what_tomllib_gives_or_leaves_the_file_to_it(base: dict, extra: list, where: int) -> None:
    from xmfacts.authoring.tomltext import canonical_text
    from xmfacts.factbase.parse import read_canonical

    lines = canonical_text({"topic": base, "fact": [base, base]}, False).split("\n")
    lines[where:where] = extra
    text = "\n".join(lines)
    read = read_canonical(text)
    if read is not None:
        assert _exactly(read) == _tomllib(text)


def test_the_fast_reader_reads_the_shipped_and_generated_files() -> None:
    import tomllib

    from xmfacts.factbase.parse import read_canonical

    for path in resolve_facts_dir(None).glob("*.toml"):
        text = path.read_text(encoding="utf-8")
        read = read_canonical(text)
        assert read is not None, path
        assert _exactly(read) == _exactly(tomllib.loads(text, parse_float=Decimal))


@pytest.mark.parametrize(
    ("line", "read_here"),
    [
        ('u = "\\U0001F600\\u00e9\\t\\"\\\\"', True),
        ("u = -0.50", True),
        ("u = 1e5", True),
        ('u = "\\ud800"', False),  # tomllib's error to report
        ('u = "\\U00110000"', False),
        ('u = "\\q"', False),
        ("u = 1_000", False),  # valid TOML that fmt does not write: tomllib's to read
        ("u = 01", False),
        ("u = +1", False),
        ("u = inf", False),
    ],
)
def test_the_fast_reader_reads_an_escape_or_a_number_as_tomllib_does_or_not_at_all(line: str, read_here: bool) -> None:
    from xmfacts.factbase.parse import read_canonical

    text = f"[topic]\n{line}\n"
    read = read_canonical(text)
    assert (read is not None) == read_here
    if read is not None:
        assert _exactly(read) == _tomllib(text)


def test_a_series_is_named_like_an_id_and_each_observation_says_when(factbase: Path) -> None:
    dated = fact("gdp-2021").replace('id = "gdp-2021"\n', 'id = "gdp-2021"\nseries = "gdp"\nas_of = "2021"\nstatus = "preliminary"\n')
    undated = fact("gdp-x").replace('id = "gdp-x"\n', 'id = "gdp-x"\nseries = "gdp"\n')
    badly = fact("gdp-y").replace('id = "gdp-y"\n', 'id = "gdp-y"\nseries = "GDP"\nas_of = "2020"\nstatus = "final"\n')
    write_topic(factbase, "economy", dated, undated, badly)
    assert problems_of(factbase) == [
        f"{factbase}/economy.toml:21: economy/gdp-x: an observation of a series needs as_of: the period its figure holds for",
        f"{factbase}/economy.toml:35: economy/gdp-y: series 'GDP' is not kebab-case (a-z, 0-9, -)",
        f"{factbase}/economy.toml:35: economy/gdp-y: unknown status 'final' (expected one of: preliminary, revised, as printed)",
    ]


def test_an_observation_knows_its_series_and_status(factbase: Path) -> None:
    dated = fact("gdp-2021").replace('id = "gdp-2021"\n', 'id = "gdp-2021"\nseries = "gdp"\nas_of = "2021"\nstatus = "revised"\n')
    write_topic(factbase, "economy", dated)
    [observation] = [f for f in load_factbase(factbase).facts if f.topic == "economy"]
    assert (observation.series, observation.series_id, observation.status) == ("gdp", "economy/gdp", "revised")


def test_a_source_says_what_kind_of_page_it_is(factbase: Path) -> None:
    sources = factbase / "sources.toml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text + '\n[[source]]\nid = "b"\ntitle = "公报"\nkind = "statistical bulletin"\nurl = "http://tjj.xm.gov.cn/"\n'
                       '\n[[source]]\nid = "c"\ntitle = "?"\nkind = "blog"\n', encoding="utf-8")
    assert problems_of(factbase) == [
        f"{sources}: source 'c': unknown kind 'blog' (expected one of: article, statistical bulletin, government site, newspaper, mirror, report)",
    ]
    sources.write_text(text + '\n[[source]]\nid = "b"\ntitle = "公报"\nkind = "statistical bulletin"\nurl = "http://tjj.xm.gov.cn/"\n', encoding="utf-8")
    bulletin = {s.id: s for s in load_factbase(factbase).sources}["b"]
    assert (bulletin.kind, bulletin.url) == ("statistical bulletin", "http://tjj.xm.gov.cn/")
