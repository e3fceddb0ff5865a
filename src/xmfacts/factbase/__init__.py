"""The fact base on disk: where it is (locate), its files' layout (layout), reading and
validating TOML (parse), the compiled cache (cache), and loading through both (load)."""

from xmfacts.factbase.load import load_factbase, read_valid

__all__ = ["load_factbase", "read_valid"]
