"""A compiled copy of the fact base, so a lookup does not re-parse TOML on every run.

Parsing and validating the TOML is most of what a lookup costs beyond starting Python
(benchmarks/startup.py). The cache is keyed by a hash of every fact file's bytes, so an
edit is picked up on the next run however quickly it follows; it lives in the user's cache
directory and any trouble with it (unwritable, corrupt, from another version) just means
parsing the TOML as if there were no cache.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from pathlib import Path

from xmfacts import __version__
from xmfacts.model import FactBase

ENV_DIR = "XMFACTS_CACHE_DIR"
ENV_OFF = "XMFACTS_NO_CACHE"


def cache_dir() -> Path | None:
    if os.environ.get(ENV_OFF):
        return None
    explicit = os.environ.get(ENV_DIR)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "xmfacts"


def fingerprint(root: Path, files: list[tuple[str, bytes]]) -> str:
    """Version, place, and each file's name, size and two checksums (64 bits of content).

    zlib's checksums cost nothing to import, where hashlib's OpenSSL costs ~3 ms per run.
    """
    parts = [__version__, sys.version, str(root.resolve())]
    for name, data in files:
        parts.append(f"{name}:{len(data)}:{zlib.crc32(data):08x}{zlib.adler32(data):08x}")
    text = "\n".join(parts).encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}{len(text):x}"


def _path(key: str) -> Path | None:
    directory = cache_dir()
    return directory / "factbase.pickle" if directory else None


def load(key: str) -> FactBase | None:
    path = _path(key)
    if path is None:
        return None
    try:
        with open(path, "rb") as handle:
            stored_key, base = pickle.load(handle)
    except Exception:  # missing, truncated, or written by an incompatible version
        return None
    return base if stored_key == key and isinstance(base, FactBase) else None


def store(key: str, base: FactBase) -> None:
    path = _path(key)
    if path is None:
        return
    import tempfile  # only on a cache miss

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".factbase.", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((key, base), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception:
        # A read-only home or a full disk must not break a lookup; the next run parses again.
        try:
            os.unlink(tmp)
        except Exception:
            pass
