"""A state's status in an organisation on a date: the core rule every query builds on.

A spell covers a query date when it has started (``from`` <= date) and not ended (date < ``to``).
With a boundary known only to a month or a year, the answer can be 'maybe': the date falls
inside the boundary's window. Then the status is reported as ``'uncertain'`` with the candidates,
never guessed.

The question itself may be a window: ``on`` given as a year or a month (a :class:`PartialDate`)
stands for every day of it. The same rule answers it: a spell that holds on every day of the
window holds; one that may hold on some day of it is a candidate, and the answer is
``'uncertain'`` when more than one status is possible.
"""

from __future__ import annotations

import datetime as dt

from regint.core.vocab import C5, FULL_STATUSES
from regint.knowledge.base import KnowledgeBase
from regint.knowledge.dates import PartialDate, combine, starts_by, still_before
from regint.knowledge.model import Organisation, Spell, weakest
from regint.knowledge.results import StatusAnswer

QueryDate = dt.date | PartialDate


def first_day(on: QueryDate) -> dt.date:
    """The first day a query date stands for."""
    return on.earliest if isinstance(on, PartialDate) else on


def last_day(on: QueryDate) -> dt.date:
    """The last day a query date stands for."""
    return on.latest if isinstance(on, PartialDate) else on


def _day_coverage(spell: Spell, day: dt.date) -> str:
    return combine(starts_by(spell.start, day), still_before(spell.end, day))


def coverage(spell: Spell, on: QueryDate) -> str:
    """'yes', 'no' or 'maybe': does ``spell`` hold on ``on`` (on every day of a window)?"""
    if not isinstance(on, PartialDate):
        return _day_coverage(spell, on)
    if _day_coverage(spell, on.earliest) == _day_coverage(spell, on.latest) == "yes":
        return "yes"  # a spell's sure days form one interval: both ends in it means all days
    may_start = spell.start.earliest if spell.start else dt.date.min
    may_end = spell.end.latest if spell.end else dt.date.max  # exclusive
    if may_end <= on.earliest or may_start > on.latest:
        return "no"
    return "maybe"


def compute_status(
    kb: KnowledgeBase, org: Organisation, country: str, on: QueryDate
) -> StatusAnswer:
    """The status of ``country`` in ``org`` on ``on`` (ids already validated)."""
    spells = kb.spells_for(org.id, country)
    sure = [s for s in spells if coverage(s, on) == "yes"]
    maybe = [s for s in spells if coverage(s, on) == "maybe"]
    if maybe:
        return _uncertain(kb, org, country, on, sure, maybe)
    if sure:
        spell = sure[0]
        return StatusAnswer(
            country,
            org.id,
            on,
            spell.status,
            (spell.status,),
            spell.status in FULL_STATUSES,
            False,
            _text(spell.start),
            _text(spell.end),
            spell.id,
            spell.confidence,
            spell.note,
            spell.evidence,
            kb.provenance(set(spell.evidence)),
        )
    return StatusAnswer(
        country,
        org.id,
        on,
        "none",
        ("none",),
        False,
        False,
        note=_absence_note(kb, org, country, on),
        provenance=kb.provenance(),
    )


def _text(date: PartialDate | None) -> str | None:
    return None if date is None else str(date)


def _uncertain(
    kb: KnowledgeBase,
    org: Organisation,
    country: str,
    on: QueryDate,
    sure: list[Spell],
    maybe: list[Spell],
) -> StatusAnswer:
    candidates = [*sure, *maybe]
    possible = list(dict.fromkeys(s.status for s in candidates))
    if not sure and not _one_of(maybe) and "none" not in possible:
        possible.append("none")
    if isinstance(on, PartialDate):
        spans = "; ".join(
            f"'{s.status}' from {s.start or '...'} to {s.end or '...'}" for s in maybe
        )
        note = (
            f"{on} stands for {on.earliest} to {on.latest}, and a status changes inside it "
            f"({spans}): the status could be {' or '.join(possible)}"
        )
    else:
        windows = "; ".join(_window(s, on) for s in maybe)
        note = (
            f"{on} falls inside an uncertain window ({windows}): the status could be "
            f"{' or '.join(possible)}"
        )
    full = [p in FULL_STATUSES for p in possible]
    is_member = True if all(full) else (False if not any(full) else None)
    evidence = tuple(dict.fromkeys(u for s in candidates for u in s.evidence))
    return StatusAnswer(
        country,
        org.id,
        on,
        "uncertain",
        tuple(possible),
        is_member,
        True,
        note=note,
        evidence=evidence,
        confidence=weakest(s.confidence for s in candidates),
        provenance=kb.provenance(set(evidence)),
    )


def _one_of(maybe: list[Spell]) -> bool:
    """True when the uncertain spells meet at one shared boundary: exactly one of them holds."""
    if len(maybe) != 2:
        return False
    a, b = sorted(maybe, key=lambda s: s.start.earliest if s.start else dt.date.min)
    return a.end is not None and a.end == b.start


def _window(spell: Spell, on: dt.date) -> str:
    if starts_by(spell.start, on) == "maybe":
        assert spell.start is not None
        return f"'{spell.status}' starts in {spell.start}, known to the {spell.start.precision}"
    assert spell.end is not None
    return f"'{spell.status}' ends in {spell.end}, known to the {spell.end.precision}"


def _absence_note(kb: KnowledgeBase, org: Organisation, country: str, on: QueryDate) -> str:
    if isinstance(on, PartialDate):
        on = on.latest
    if on < org.founded.earliest:
        return f"{org.id} was founded {org.founded}; it did not exist on {on}"
    if org.dissolved is not None and org.dissolved.latest <= on:
        return f"{org.id} was dissolved {org.dissolved}"
    if not kb.spells_for(org.id, country):
        if org.members_coverage == "c5" and country not in C5:
            return (
                f"the knowledge base records {org.id}'s membership for the C5 only; "
                f"nothing is recorded for {country}"
            )
        return f"no membership of {country} in {org.id} is recorded"
    return f"{country} held no status in {org.id} on {on}"


def resolved_status(kb: KnowledgeBase, org_id: str, country: str, on: dt.date) -> str:
    """The status on ``on`` with every boundary placed at the first day of its window.

    Used where an answer must be definite (yearly region sets, the COW cross-check); the rule is
    documented in docs/explanation/knowledge-model.md.
    """
    for spell in kb.spells_for(org_id, country):
        start_ok = spell.start is None or spell.start.earliest <= on
        end_ok = spell.end is None or on < spell.end.earliest
        if start_ok and end_ok:
            return spell.status
    return "none"
