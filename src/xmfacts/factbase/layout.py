"""The fact base on disk: file names and the keys of each table, in canonical order, once.

The parser accepts exactly these keys, ``xmfacts fmt`` and ``xmfacts add`` write them in
this order, and docs/fact-format.md describes them. A new fact field is added here and in
``xmfacts.model``.
"""

from __future__ import annotations

import re

SOURCES_FILE = "sources.toml"
TOPIC_SUFFIX = ".toml"

# Keys of a [[fact]] table, in the order fmt and add write them.
FACT_KEYS = (
    "id", "label", "label_en", "value", "lower", "upper", "date", "unit", "qualifier",
    "as_of", "entity", "measure", "source", "quote", "tags", "note",
)
REQUIRED_TEXT = ("id", "label", "label_en", "entity", "source", "quote")
TOPIC_KEYS = ("title", "title_en")
SOURCE_KEYS = ("id", "title", "outlet", "published", "authors", "url")

KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
