"""Shell completion of fact ids and topic ids, for `xmfacts show capital-markets/li<TAB>`.

Imported only when the shell asks for candidates (Typer's `_XMFACTS_COMPLETE` is set):
no lookup pays for it. The ids come from the compiled cache, as for any lookup, so a
<TAB> costs about as much as `xmfacts show ID --json`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from xmfacts.errors import XmfactsError

if TYPE_CHECKING:
    from xmfacts.model import FactBase


def _base(facts_dir: str | os.PathLike[str] | None) -> FactBase | None:
    from xmfacts.index import load_factbase

    try:
        return load_factbase(facts_dir)
    except (XmfactsError, OSError):
        return None  # a broken fact base completes nothing rather than printing an error into the prompt


def topic_ids(facts_dir: str | os.PathLike[str] | None, incomplete: str) -> list[str]:
    base = _base(facts_dir)
    return [t.id for t in base.topics if t.id.startswith(incomplete)] if base else []


def fact_or_topic_ids(facts_dir: str | os.PathLike[str] | None, incomplete: str) -> list[str]:
    """Topics until a '/' is typed (so `cap<TAB>` does not list every fact), then that topic's facts."""
    base = _base(facts_dir)
    if base is None:
        return []
    if "/" not in incomplete:
        topics = [t.id for t in base.topics if t.id.startswith(incomplete)]
        if len(topics) == 1:  # one topic left: offer it and its facts, so the next <TAB> goes on
            return [topics[0], *(f.full_id for f in base.facts if f.topic == topics[0])]
        return topics
    return [f.full_id for f in base.facts if f.full_id.startswith(incomplete)]
