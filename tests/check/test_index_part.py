"""Checking claims through the fact-base index gives the verdicts of checking against every fact.

The index hands the matcher only the facts whose measure the text names, with the whole base's
term statistics; every real sentence must get the same fact, verdict and subject both ways.
"""

from __future__ import annotations

import random
import shutil
import tomllib
from pathlib import Path
from collections.abc import Callable
from typing import Any

import pytest
import tomli_w

from xmfacts.check import check_claims, check_text
from xmfacts.index import load_factbase
from xmfacts.check.index_part import claim_source, measure_terms
from xmfacts.index.store import Store, with_store
from xmfacts.model import Fact

SHIPPED = Path(__file__).parents[2] / "facts"
SENTENCES = tomllib.loads((Path(__file__).parents[1] / "realworld" / "sentences.toml").read_text(encoding="utf-8"))["sentence"]
SOURCES = Path(__file__).parents[3] / "shared" / "sources"
CITIES = "福州 泉州 漳州 深圳 杭州 苏州".split()
DRAFT = (Path(__file__).parents[1] / "drafts" / "draft.md").read_text(encoding="utf-8")


def _verdicts(findings: list) -> list[tuple[str, str | None, str, tuple[str, ...]]]:  # type: ignore[type-arg]
    return [(f.reading.text, f.fact.full_id if f.fact else None, f.verdict.value, f.subject) for f in findings]


def test_claims_checked_through_the_index_get_the_same_verdicts() -> None:
    base = load_factbase(SHIPPED)
    # and English that names a measure with its small words left out (of, the)
    texts = [s["text"] for s in SENTENCES] + [DRAFT, "In 2023, urban residents' disposable income per person in Xiamen came to 77,000 yuan.",
                                                  # a record equal digit for digit, its measure said in other words
                                                  "In 2022, industrial firms above designated size in Xiamen added 245.08 billion yuan of value.",
                                                  # and the change after such a level, of a measure the text never names as the fact lists it
                                                  "In 2022 Xiamen's trade with the rest of the world totalled 922.56 billion yuan, an increase of 4 percent."]
    for text in texts:
        whole = check_text(base, text, written="2025-01-01")
        indexed = with_store(SHIPPED, lambda store: check_claims(store, text, written="2025-01-01"))
        assert _verdicts(indexed) == _verdicts(whole), text


@pytest.mark.parametrize(("text", "verdict"), [
    ("厦门信易贷平台授信1141.58亿元，惠及31万家中小企业", "unknown"),
    ("厦门信易贷平台授信1141.58亿元，惠及41万家中小企业", "mismatch"),
    ("The Xiamen Xinyidai platform has granted 114.158 billion yuan of credit, benefiting 310,000 SMEs", "unknown"),
])
def test_a_subject_named_nearby_spares_an_alarm_through_the_index_too(text: str, verdict: str) -> None:
    # its fact of 31万家 measures nothing the text names, so the index has to find it by its name
    whole = check_text(load_factbase(SHIPPED), text)
    indexed = with_store(SHIPPED, lambda store: check_claims(store, text))
    assert _verdicts(indexed) == _verdicts(whole)
    assert [v for _, _, v, _ in _verdicts(whole)] == ["match", verdict]


def test_only_facts_naming_a_measure_of_the_text_are_read() -> None:
    def read(store: Store) -> tuple[list[Fact], set[str], dict[str, set[str]]]:
        source = claim_source(store, ["上市公司"])
        lists, _ = source.members()
        numbers = sorted(set().union(*lists.values()))
        assert {number for _, number, _ in source.measure_rows()} == set(lists)
        city, by_name = source.named("天马在厦门")
        assert city is not None
        return [source.fact(n) for n in numbers], {source.fact(n).full_id for n in city}, {k: {source.fact(n).full_id for n in v} for k, v in by_name.items()}

    facts, city, by_name = with_store(SHIPPED, read)
    whole = load_factbase(SHIPPED).facts
    assert 0 < len(facts) < len(whole)
    assert all("上市公司" in f.measure for f in facts)
    assert [f.full_id for f in facts] == [f.full_id for f in whole if "上市公司" in f.measure]  # fact-base order
    assert city == {f.full_id for f in facts if f.entity == "厦门市"}
    assert by_name == ({"天马": {f.full_id for f in facts if "天马" in f.entity}} if any("天马" in f.entity for f in facts) else {})


def _varied(fact: dict[str, Any], n: int, rng: random.Random) -> dict[str, Any]:
    """A fact as another city's or company's: same measure, other names and figures."""
    city = rng.choice(CITIES)
    new = {**fact, "id": f"{fact['id']}-{n}", "label": city + fact["label"].replace("厦门", ""), "quote": fact["quote"]}
    if fact.get("entity") == "厦门市":
        new["entity"] = rng.choice([f"{city}市", "厦门市"])
    for key in ("value", "lower", "upper"):
        if isinstance(fact.get(key), int):
            new[key] = rng.choice([fact[key], max(1, fact[key] * rng.randint(1, 3))])
    if "lower" in new and "upper" in new and new["lower"] > new["upper"]:
        new["lower"], new["upper"] = new["upper"], new["lower"]
    return new


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fact base where every fact has a few dozen look-alikes, as a newsroom's grows."""
    root = tmp_path_factory.mktemp("crowded")
    shutil.copy(SHIPPED / "sources.toml", root / "sources.toml")
    rng = random.Random(12)
    for path in sorted(SHIPPED.glob("*.toml")):
        if path.name == "sources.toml":
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        copies = [_varied(f, n, rng) for n in range(25) for f in data["fact"]]
        rng.shuffle(copies)
        (root / path.name).write_text(tomli_w.dumps({"topic": data["topic"], "fact": data["fact"] + copies}), encoding="utf-8")
    return root


def test_a_crowded_base_checked_through_the_index_gets_the_same_verdicts(crowded: Path) -> None:
    base = load_factbase(crowded)
    assert len(base.facts) > 2000
    article = "".join(p.read_text(encoding="utf-8") for p in sorted(SOURCES.glob("*.txt"))) if SOURCES.is_dir() else ""
    for text in [DRAFT, *(s["text"] for s in SENTENCES), article]:
        whole = check_text(base, text, written="2025-01-01")
        indexed = with_store(crowded, lambda store: check_claims(store, text, written="2025-01-01"))
        assert _verdicts(indexed) == _verdicts(whole), text[:80]


def test_without_a_cache_check_and_search_answer_the_same(run: object) -> None:
    claim = "厦门境内上市公司有70家，天马累计投资超1000亿元，信易贷授信1141.58亿元"
    for args in (("check", claim, "--json"), ("search", "xinyidai", "--json"), ("search", "授信", "--json")):
        cached = run(*args, facts=SHIPPED)  # type: ignore[operator]
        uncached = run(*args, facts=SHIPPED, XMFACTS_NO_CACHE="1")  # type: ignore[operator]
        assert (uncached.exit_code, uncached.stdout) == (cached.exit_code, cached.stdout)
        assert cached.stdout.startswith("[\n")


def test_a_word_code_is_found_only_where_it_was_written() -> None:
    """check finds a clause's words in a fact's string of word codes with a substring test:
    no code may turn up inside or across the codes of other words, one- or two-character."""
    from xmfacts.check.index_part import word_code

    two = 0xD700 + 0x2000  # the first word numbered with two characters
    numbers = [0, 1, 0xD6FF, 0xD700, 0xD701, two - 1] + [two + high * 0x80000 + low for high in range(4) for low in range(4)]
    numbers += [two + 0x7FFFF, two + 0x80000, two + 0x80000 * 0x7FFFF + 0x7FFFF]
    codes = {n: word_code(n) for n in numbers}
    assert len(set(codes.values())) == len(codes)
    for n, code in codes.items():
        for a in numbers:
            for b in numbers:
                if n not in (a, b):
                    assert code not in codes[a] + codes[b], (n, a, b)


def test_the_index_sets_aside_only_figures_that_cannot_fit_a_claim() -> None:
    """check compares exactly only the facts SQLite keeps (IndexedFacts.may_fit, on figures
    rounded to floats): every fact whose figure overlaps a claim must be kept, claims that
    just touch a recorded bound or miss it by less than a float can tell included."""
    from decimal import Decimal

    from xmfacts.check.profile import _interval_of
    from xmfacts.figures.interval import Interval

    def kept(store: Store) -> None:
        source = claim_source(store, measure_terms(store))
        lists, _ = source.members()
        numbers = set().union(*lists.values())
        recorded = {n: _interval_of(plain) for n, plain in source.intervals(sorted(numbers)).items()}
        tiny = Decimal("1e-30")
        claims = []
        for interval in recorded.values():
            for bound in (interval.low, interval.high):
                if bound is not None:
                    claims += [Interval(bound, bound + 1, False, False), Interval(bound - 1, bound, False, False),
                               Interval(bound + tiny, bound + 1, False, False), Interval(bound - 1, bound - tiny, False, False)]
        assert len(claims) > 100
        for claim in claims:
            fits = {n for n, interval in recorded.items() if claim.overlaps(interval)}
            assert fits <= source.may_fit(numbers, lists, claim), claim
        # and it does set facts aside: a claim far above every figure keeps only the unbounded (dates)
        far = Interval(Decimal("1e40"), Decimal("2e40"), False, False)
        assert source.may_fit(numbers, lists, far) == {n for n, interval in recorded.items() if far.overlaps(interval)} != numbers

    with_store(SHIPPED, kept)


@pytest.mark.parametrize(
    ("edit", "in_place"),
    [
        # a retitled topic: its file is indexed again whole, after all the others
        (lambda text: text.replace('title = "', 'title = "新', 1), False),
        # facts edited and one removed: indexed again in place, each keeping its number
        (lambda text: "\n[[fact]]\n".join(text.replace('label = "', 'label = "新', 3).split("\n[[fact]]\n")[:-1]) + "\n", True),
    ],
)
def test_after_a_file_is_indexed_again_alone_check_gets_the_same_verdicts(
    edit: Callable[[str], str], in_place: bool, crowded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file indexed again whole numbers its facts after all the others: check then numbers
    facts by their places in their files, and must still give the verdicts of every fact; one
    indexed again in place keeps the build's numbers."""
    root = tmp_path / "facts"
    shutil.copytree(crowded, root)
    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(tmp_path / "cache"))
    with_store(root, lambda store: None)
    first = sorted(p for p in root.glob("*.toml") if p.name != "sources.toml")[0]
    first.write_text(edit(first.read_text(encoding="utf-8")), encoding="utf-8")
    renumbered = with_store(root, lambda store: not store.in_number_order())
    assert renumbered is not in_place
    base = load_factbase(root)

    def in_order(store: Store) -> list[str]:
        source = claim_source(store, measure_terms(store))
        lists, _ = source.members()
        return [source.fact(n).full_id for n in sorted(set().union(*lists.values()))]

    assert with_store(root, in_order) == [f.full_id for f in base.facts]  # numbered in fact-base order
    for text in [DRAFT, *(s["text"] for s in SENTENCES)]:
        whole = check_text(base, text, written="2025-01-01")
        indexed = with_store(root, lambda store: check_claims(store, text, written="2025-01-01"))
        assert _verdicts(indexed) == _verdicts(whole), text[:80]
