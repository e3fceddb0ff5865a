"""The fact base on disk: where it is (locate), its files' layout (layout), reading and
validating TOML (parse), and reading it whole without the index (load). The index that
commands read lives in ``xmfacts.index``."""

from xmfacts.factbase.load import read_valid

__all__ = ["read_valid"]
