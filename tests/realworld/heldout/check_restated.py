"""Check that restated test texts copy no run of 12 characters from the pages they came from.

In Chinese a run is 12 characters. In English, where 12 characters is two short words
(" in Xiamen, ", " enterprises"), a run is 4 words in a row instead.

Usage: python tests/realworld/heldout/check_restated.py PAGES_DIR FILE.toml [FILE.toml ...]

PAGES_DIR holds plain-text excerpts of the source pages (as fetched from the library's
`pages` corpus). They are NOT kept in the repository: keep them in a scratch folder. Every
text of every [[sentence]] is compared with every excerpt in PAGES_DIR.

Before comparing, both sides are NFKC-folded and lower-cased, the pinyin glosses that
mirror sites insert after characters (發(fā)展) are removed, and the labelled figure texts and
the proper names below are masked: a figure must be kept exactly as printed and a name
cannot be reworded, so neither counts as copied wording. Runs are checked twice, as
written and with spaces and punctuation removed. Exit 1 when any run is found.
"""

from __future__ import annotations

import re
import sys
import tomllib
import unicodedata
from pathlib import Path

RUN = 12
GLOSS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
# Proper names that cannot be reworded; everything else must be.
NAMES = [
    "Xiamen International Bank",
    "Tan Kah Kee Innovation Laboratory",
    "Amoy Island Hydrogen Technology",
    "Technology Innovation Fund",
    "Xiamen Torch",
    "厦门金圆产业发展有限公司",
    "廈門國際銀行",
    "厦门轨道建设发展集团",
    "中国企业联合会",
    "中国企业家协会",
    "厦门市中小企业协会",
    "厦门市统计局",
]


def fold(text: str) -> str:
    return GLOSS.sub("", unicodedata.normalize("NFKC", text)).lower()


def squeeze(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum() or ch == "\x00")


def masked(text: str, figures: list[str]) -> str:
    out = fold(text)
    for piece in sorted({fold(f) for f in figures} | {fold(n) for n in NAMES}, key=len, reverse=True):
        if piece:
            out = out.replace(piece, "\x00")
    return out


CJK = re.compile(r"[\u3400-\u9fff]")
WORDS = 4


def runs(text: str) -> set[str]:
    return {text[i : i + RUN] for i in range(len(text) - RUN + 1) if "\x00" not in text[i : i + RUN]}


def word_runs(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9\x00]+(?:['’-][a-z0-9]+)*", text)
    return {" ".join(words[i : i + WORDS]) for i in range(len(words) - WORDS + 1) if not any("\x00" in w for w in words[i : i + WORDS])}


def main(argv: list[str]) -> int:
    pages_dir, files = Path(argv[0]), argv[1:]
    pages = [fold(p.read_text(encoding="utf-8")) for p in sorted(pages_dir.glob("*.txt"))]
    squeezed = [squeeze(p) for p in pages]
    page_words = [" ".join(re.findall(r"[a-z0-9]+(?:['’-][a-z0-9]+)*", p)) for p in pages]
    bad = 0
    for name in files:
        for item in tomllib.loads(Path(name).read_text(encoding="utf-8"))["sentence"]:
            figures = [f["text"] for f in item.get("figure", [])]
            text = masked(item["text"], figures)
            if CJK.search(text):
                hits = {r for r in runs(text) if any(r in p for p in pages)}
                hits |= {r for r in runs(squeeze(text)) if any(r in p for p in squeezed)}
            else:
                hits = {r for r in word_runs(text) if any(r in w for w in page_words)}
            if hits:
                bad += 1
                print(f"{name}: {item['text'][:40]!r}: {sorted(hits)[:3]}")
    print(f"{bad} text(s) with a copied run ({RUN} characters, or {WORDS} English words)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
