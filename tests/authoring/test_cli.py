"""`xmfacts add` and `xmfacts fmt` through the real Typer app: exit codes and exact output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xmfacts.present.json import FACT_KEYS

from ..conftest import Run
from .test_add import NEW_BLOCK

TOPIC = "capital-markets"
ADD = (
    "add", TOPIC, "--id", "new-listings", "--label", "新增上市公司", "--label-en", "New listings",
    "--value", "29.20", "--unit", "家", "--source", "xiamen-practice", "--quote", "新增上市公司29.20家",
    "--measure", "新增上市公司",
)
# the same fact the core tests render: one blank line, then the block
BLOCK = "\n" + NEW_BLOCK


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(root.iterdir())}


@pytest.mark.parametrize("command", ["add", "fmt"])
def test_help_has_an_example(run: Run, command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert f"xmfacts {command}" in result.stdout.replace("\n", " ")
    assert "Example" in result.stdout


def test_add_appends_and_confirms(run: Run, factbase: Path) -> None:
    path = factbase / f"{TOPIC}.toml"
    old = path.read_bytes()
    result = run(*ADD, facts=factbase)
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"added {TOPIC}/new-listings to {path}\n", "")
    assert path.read_bytes() == old + BLOCK.encode("utf-8")
    shown = json.loads(run("show", f"{TOPIC}/new-listings", "--json", facts=factbase).stdout)
    assert (shown["value"], shown["unit"], shown["entity"]) == (29.2, "家", "厦门市")


def test_add_json_prints_the_stored_fact(run: Run, factbase: Path) -> None:
    result = run(
        "add", TOPIC, "--id", "cost-cut", "--label", "降低融资成本", "--label-en", "Financing cost cut",
        "--lower", "10", "--upper", "40.0", "--unit", "%", "--as-of", "2024", "--entity", "厦门象屿",
        "--source", "xiamen-practice", "--quote", "降低融资成本10%—40%", "--measure", "融资成本", "--tags", "融资成本， financing cost,",
        "--note", "as printed", "--json", facts=factbase,
    )
    assert (result.exit_code, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    assert list(data) == list(FACT_KEYS)
    assert data == {
        "id": f"{TOPIC}/cost-cut",
        "topic": TOPIC,
        "label": "降低融资成本",
        "label_en": "Financing cost cut",
        "kind": "range",
        "value": None,
        "lower": 10,
        "upper": 40,
        "unit": "%",
        "qualifier": "range",
        "scale": 1,
        "base_unit": "percent",
        "date": None,
        "as_of": "2024",
        "entity": "厦门象屿",
        "quote": "降低融资成本10%—40%",
        "tags": ["融资成本", "financing cost"],
        "note": "as printed",
        "series": None,
        "status": None,
        "source": {
            "id": "xiamen-practice",
            "title": "“鹭”高飞——科技创新和产业创新深度融合的“厦门实践”",
            "outlet": "中国证券报",
            "published": None,
        },
    }
    assert (factbase / f"{TOPIC}.toml").read_text(encoding="utf-8").endswith(
        '\n[[fact]]\nid = "cost-cut"\nlabel = "降低融资成本"\nlabel_en = "Financing cost cut"\nlower = 10\nupper = 40.0\n'
        'unit = "%"\nqualifier = "range"\nas_of = "2024"\nentity = "厦门象屿"\nmeasure = [\n    "融资成本",\n]\nsource = "xiamen-practice"\n'
        'quote = "降低融资成本10%—40%"\ntags = [\n    "融资成本",\n    "financing cost",\n]\nnote = "as printed"\n'
    )


def test_add_an_event(run: Run, factbase: Path) -> None:
    result = run(
        "add", "sme-credit", "--id", "platform-launched", "--label", "平台上线", "--label-en", "Platform launched",
        "--date", "2019-05", "--source", "xiamen-practice", "--quote", "2019年5月上线", "--measure", "上线", "--json", facts=factbase,
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["kind"], data["date"], data["unit"], data["qualifier"]) == ("date", "2019-05", None, "exact")


def test_add_to_a_new_topic(run: Run, factbase: Path) -> None:
    path = factbase / "ipo-pipeline.toml"
    without = run(*ADD[:1], "ipo-pipeline", *ADD[2:], "--title", "上市后备", facts=factbase)
    assert (without.exit_code, without.stdout) == (2, "")
    assert without.stderr == f"xmfacts: error: topic 'ipo-pipeline' is new: give --title-en to create {path}\n"
    assert not path.exists()
    result = run(*ADD[:1], "ipo-pipeline", *ADD[2:], "--title", "上市后备", "--title-en", "IPO pipeline", facts=factbase)
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"added ipo-pipeline/new-listings to {path} (new topic)\n", "")
    assert path.read_text(encoding="utf-8") == '[topic]\ntitle = "上市后备"\ntitle_en = "IPO pipeline"\n' + BLOCK
    assert run("validate", facts=factbase).stdout == "ok: 9 facts in 3 topics\n"


def test_add_invalid_exits_2_and_writes_nothing(run: Run, factbase: Path) -> None:
    before = snapshot(factbase)
    path = factbase / f"{TOPIC}.toml"
    result = run(*[("斤" if arg == "家" else arg) for arg in ADD], facts=factbase)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"xmfacts: error: {path}: {TOPIC}/new-listings: unknown unit '斤'\n"
    duplicate = run(*[("listed-companies" if arg == "new-listings" else arg) for arg in ADD], facts=factbase)
    assert (duplicate.exit_code, duplicate.stderr) == (2, f"xmfacts: error: {path}: {TOPIC}/listed-companies: duplicate id (first at line 5)\n")
    assert snapshot(factbase) == before


def test_add_bad_number_is_a_usage_error(run: Run, factbase: Path) -> None:
    before = snapshot(factbase)
    result = run(*[("29,2o" if arg == "29.20" else arg) for arg in ADD], facts=factbase)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "xmfacts: error: --value '29,2o' is not a number (write it as printed, e.g. 29.20)\n"
    assert snapshot(factbase) == before


def test_add_with_source_text_traces_the_quote(run: Run, factbase: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("今年新增上市公司 29.20家。", encoding="utf-8")
    before = snapshot(factbase)
    wrong = run(*[("新增上市公司30家" if arg == "新增上市公司29.20家" else arg) for arg in ADD], "--source-text", str(article), facts=factbase)
    path = factbase / f"{TOPIC}.toml"
    assert (wrong.exit_code, wrong.stdout) == (2, "")
    assert wrong.stderr == (
        f"xmfacts: error: {path}: {TOPIC}/new-listings: quote not found in the source text: '新增上市公司30家'\n"
        f"xmfacts: error: {path}: {TOPIC}/new-listings: figure 29.20家 is not printed in its quote '新增上市公司30家'\n"
    )
    assert snapshot(factbase) == before
    right = run(*ADD, "-s", str(article), facts=factbase)
    assert (right.exit_code, right.stdout) == (0, f"added {TOPIC}/new-listings to {path}\n")


def test_fmt_check_then_fmt_then_check(run: Run, factbase: Path) -> None:
    before = snapshot(factbase)
    check = run("fmt", "--check", facts=factbase)
    assert (check.exit_code, check.stderr) == (1, "")
    assert check.stdout == (
        f"would reformat {factbase}/capital-markets.toml\n"
        f"would reformat {factbase}/sme-credit.toml\n"
        f"would reformat {factbase}/sources.toml\n"
        "3 files would be reformatted\n"
    )
    assert snapshot(factbase) == before
    done = run("fmt", facts=factbase)
    assert (done.exit_code, done.stderr) == (0, "")
    assert done.stdout == (
        f"reformatted {factbase}/capital-markets.toml\n"
        f"reformatted {factbase}/sme-credit.toml\n"
        f"reformatted {factbase}/sources.toml\n"
        "3 files reformatted\n"
    )
    again = run("fmt", "--check", facts=factbase)
    assert (again.exit_code, again.stdout, again.stderr) == (0, "3 files already formatted\n", "")
    assert run("validate", facts=factbase).stdout == "ok: 8 facts in 2 topics\n"


def test_fmt_leaves_a_commented_file_alone_without_force(run: Run, factbase: Path) -> None:
    path = factbase / "sme-credit.toml"
    path.write_text("# kept by the desk\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    commented = path.read_bytes()
    notice = f"{path}: has comments; left alone (use --force to rewrite and drop them)\n"
    check = run("fmt", "--check", facts=factbase)
    assert (check.exit_code, check.stderr) == (1, "")
    assert check.stdout == (
        f"would reformat {factbase}/capital-markets.toml\n"
        + notice
        + f"would reformat {factbase}/sources.toml\n"
        "2 files would be reformatted, 1 file left alone (comments)\n"
    )
    done = run("fmt", facts=factbase)
    assert (done.exit_code, done.stderr) == (0, "")
    assert done.stdout == (
        f"reformatted {factbase}/capital-markets.toml\n"
        + notice
        + f"reformatted {factbase}/sources.toml\n"
        "2 files reformatted, 1 file left alone (comments)\n"
    )
    assert path.read_bytes() == commented
    quiet = run("fmt", "--check", facts=factbase)
    assert (quiet.exit_code, quiet.stdout) == (0, notice + "2 files already formatted, 1 file left alone (comments)\n")
    forced_check = run("fmt", "--check", "--force", facts=factbase)
    assert (forced_check.exit_code, forced_check.stdout) == (1, f"would reformat {path}\n1 file would be reformatted, 2 files already formatted\n")
    forced = run("fmt", "--force", facts=factbase)
    assert (forced.exit_code, forced.stdout) == (0, f"reformatted {path}\n1 file reformatted, 2 files already formatted\n")
    assert not path.read_text(encoding="utf-8").startswith("#")


def test_fmt_refuses_an_invalid_base(run: Run, factbase: Path) -> None:
    path = factbase / "sme-credit.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('unit = "万家"', 'unit = "斤"'), encoding="utf-8")
    before = snapshot(factbase)
    result = run("fmt", facts=factbase)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"xmfacts: error: {path}:18: sme-credit/smes-with-credit: unknown unit '斤'\n"
    assert snapshot(factbase) == before
