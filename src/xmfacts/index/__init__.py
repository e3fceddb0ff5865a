"""The fact-base index: storage that knows no feature.

``store`` (the connection, the facts, and ``with_store`` to open the current index),
``build`` (keeping it current with the TOML), ``workers`` (parsing and preparing files in
worker processes), ``records`` (a fact as stored), ``parts`` (what a feature implements to keep
tables of its own here) and ``progress`` (a long build's progress, shown by what the CLI hands in).
"""

from xmfacts.index.store import Store, load_factbase, open_store, with_store

__all__ = ["Store", "load_factbase", "open_store", "with_store"]
