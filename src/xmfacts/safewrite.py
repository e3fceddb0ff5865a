"""Writing files so that an interrupted run never leaves a half-written one behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from xmfacts.errors import OutputError


def atomic_write(path: Path, data: str | bytes, force: bool = False) -> None:
    """Write to a temporary file beside ``path``, then rename it into place.

    The rename is atomic on one file system, so readers see the old file or the new one,
    never a mix. An existing file is only replaced with ``force``.
    """
    refuse_existing(path, force)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write in {directory}: {exc.strerror or exc}") from None
    try:
        binary = isinstance(data, bytes)
        with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            # keep the permissions a user gave the file they asked us to replace
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise


def refuse_existing(path: Path, force: bool) -> None:
    """Raise OutputError unless ``path`` may be written: it does not exist yet (or ``force``
    says to replace it), is no directory, and is a name the file system can hold."""
    try:
        exists, is_dir = path.exists(), path.is_dir()
    except OSError as exc:  # a name longer than the file system allows, a loop of links
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    if exists and not force:
        raise OutputError(f"{path} exists; use --force to overwrite it")
    if is_dir:
        raise OutputError(f"{path} is a directory")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
