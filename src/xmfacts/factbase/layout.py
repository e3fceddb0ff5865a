"""The fact base on disk: file names and the keys of each table, in canonical order, once.

The parser accepts exactly these keys, ``xmfacts fmt`` and ``xmfacts add`` write them in
this order, and docs/fact-format.md describes them. A fact's keys come from its fields'
declaration (``xmfacts.fields``), so a new fact field is added there and in ``xmfacts.model``.
"""

from __future__ import annotations

import re

from xmfacts.fields import required_text, toml_keys

SOURCES_FILE = "sources.toml"
TOPIC_SUFFIX = ".toml"
# Said when a fact directory holds no TOML at all: what to add for it to become a fact base.
NO_SOURCES = (
    f"no {SOURCES_FILE}: a fact base starts with one listing its articles "
    "([[source]] with id, title, outlet, published; see docs/fact-format.md)"
)

# Keys of a [[fact]] table, in the order fmt and add write them.
FACT_KEYS = toml_keys()
# Keys a [[fact]] table must give as non-empty strings, in the order the parser reports them.
REQUIRED_TEXT = required_text()
TOPIC_KEYS = ("title", "title_en")
SOURCE_KEYS = ("id", "title", "outlet", "published", "authors", "url", "kind")

KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
