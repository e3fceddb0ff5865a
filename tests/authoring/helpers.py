"""Shared drafts and helpers for the authoring tests."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path


from xmfacts.authoring.add import Draft
from xmfacts.model import Fact


SOURCES = '[[source]]\nid = "s1"\ntitle = "Source"\n'
TOPIC = "capital-markets"


def draft(**changes: object) -> Draft:
    base = Draft(
        topic=TOPIC,
        id="new-listings",
        label="新增上市公司",
        label_en="New listings",
        source="xiamen-practice",
        quote="新增上市公司29.20家",
        value=Decimal("29.20"),
        unit="家",
        measure=("新增上市公司",),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def listing(root: Path) -> dict[str, bytes]:
    """Every file in the directory (hidden temp files included) with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(root.iterdir())}


def unplaced(facts: tuple[Fact, ...]) -> list[Fact]:
    return [dataclasses.replace(f, line=0) for f in facts]


ODD = (
    "# Capital markets, kept by hand\n"
    "[topic]   # the header\n"
    'title="资本市场"\n'
    "title_en = 'Capital markets'\n"
    "\n\n"
    "[[fact]]\n"
    '  id = "listed-companies"   # 68家\n'
    'label = "厦门境内上市公司数量"\n'
    'label_en = """Companies listed on domestic exchanges, # not a comment\nbased in Xiamen"""\n'
    "value=68\n"
    'unit = "家"\n'
    'entity = "厦门市"\n'
    'source = "xiamen-practice"\n'
    'quote = "目前厦门境内上市公司68家"\n'
    'tags = [ "上市公司",\n  "listed companies" ]  # trailing comment, no newline at the end'
)
