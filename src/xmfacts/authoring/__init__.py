"""Writing the fact base: `add` (add.py), `fmt` (fmt.py) and the TOML text both write (tomltext.py)."""
