"""What other outlets print about Xiamen, against the record (benchmarks/coverage.py, issue 22).

The passages were restated and labelled before any observation was entered; the frozen half
was never looked at while entering them. The floors are what was measured when the data went
in (README, "Series"): a change that loses an observation others print fails here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from xmfacts.index import load_factbase
from xmfacts.model import FactBase

_SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "coverage.py"
_spec = importlib.util.spec_from_file_location("coverage_bench", _SCRIPT)
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
sys.modules["coverage_bench"] = bench
_spec.loader.exec_module(bench)

SHIPPED = Path(__file__).resolve().parents[2] / "facts"


def test_the_passages_are_labelled_before_tuning_and_halved() -> None:
    figures = bench.measure(FactBase((), ()))
    assert {f.half for f in figures} == {"frozen", "tuning"}
    assert len({f.url for f in figures}) >= 12
    assert all(f.fact is None for f in figures)  # nothing is on record in an empty base
    assert not any(f.labelled_on_record for f in figures if f.beat)  # and nothing was before issue 22


def test_the_share_on_record_holds() -> None:
    shares = bench.shares(bench.measure(load_factbase(SHIPPED)))
    assert shares["frozen"] == (6, 30) or shares["frozen"][0] > 6
    assert shares["tuning"][0] >= 20


def test_a_page_printed_with_more_digits_agrees_with_a_rounder_record() -> None:
    base = load_factbase(SHIPPED)
    [passage] = [p for p in bench._passages() if "7802.66" in p["text"]]
    reading = bench._reading(passage["text"], "7802.66亿元")
    assert bench.on_record(base, reading, "2022", "地区生产总值") is not None
    assert bench.on_record(base, reading, "2021", "地区生产总值") is None  # another year's record does not count
