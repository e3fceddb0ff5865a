"""Look-ups by id: one fact, one topic, a topic's facts, and "did you mean" for a typo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xmfacts.errors import NoSuchFactError, UnknownIdError
from xmfacts.model import Fact, FactBase, Topic

if TYPE_CHECKING:
    from collections.abc import Sequence

    from xmfacts.index.store import Store
    from xmfacts.series import Series


def _all_ids(base: FactBase) -> list[str]:
    return [t.id for t in base.topics] + [f.full_id for f in base.facts]


def suggest(base: FactBase, wanted: str, n: int = 3) -> list[str]:
    """Closest ids: first by spelling, then facts whose short id is the one typed."""
    import difflib  # only when an id is wrong

    ids = _all_ids(base) if "/" not in wanted else [f.full_id for f in base.facts]
    # Ids share long topic prefixes, so a loose cutoff suggests every fact of the topic;
    # ask for a close match first and settle for a looser one only when there is none.
    close = difflib.get_close_matches(wanted, ids, n=n, cutoff=0.8) or difflib.get_close_matches(
        wanted, ids, n=n, cutoff=0.6
    )
    tail = wanted.rsplit("/", 1)[-1]
    same_short = [f.full_id for f in base.facts if f.id == tail and f.full_id not in close]
    return (close + same_short)[:n]


def find_fact(base: FactBase, full_id: str) -> Fact:
    for fact in base.facts:
        if fact.full_id == full_id:
            return fact
    raise UnknownIdError(full_id, suggest(base, full_id))


def find_topic(base: FactBase, topic_id: str) -> Topic:
    for topic in base.topics:
        if topic.id == topic_id:
            return topic
    close = suggest(base, topic_id)
    raise UnknownIdError(topic_id, [t.id for t in base.topics if t.id in close])


def show(base: FactBase, wanted: str) -> Fact | Topic | Series:
    """A fact by full id, a topic by its id, or a series (topic/series) when no fact has its id."""
    if "/" not in wanted:
        for topic in base.topics:
            if topic.id == wanted:
                return topic
    found = _series(base.facts, wanted)
    if found is not None and not any(f.full_id == wanted for f in base.facts):
        return found
    try:
        return find_fact(base, wanted)
    except UnknownIdError as exc:
        raise NoSuchFactError(exc.wanted, list(exc.suggestions)) from None


def show_in(store: Store, wanted: str) -> Fact | Topic | Series:
    """``show`` reading one row of the fact-base index; the whole base only to suggest ids."""
    if "/" not in wanted:
        topic = store.topic(wanted)
        if topic is not None:
            return topic
    fact = store.fact(wanted)
    if fact is not None:
        return fact
    if "/" in wanted:  # a series: the observations in its topic (one topic read, not the base)
        home = store.topic(wanted.split("/", 1)[0])
        found = _series(home.facts, wanted) if home is not None else None
        if found is not None:
            return found
    return show(store.factbase(), wanted)


def _series(facts: Sequence[Fact], wanted: str) -> Series | None:
    """The series ``wanted`` (topic/series), if some facts are its observations."""
    from xmfacts.series import series_in  # only when an id names no fact

    return series_in(f for f in facts if f.series_id == wanted).get(wanted)


def select(base: FactBase, topic: str | None = None) -> list[Fact]:
    """Every fact, or one topic's, in fact-base order."""
    if topic is None:
        return list(base.facts)
    return list(find_topic(base, topic).facts)
