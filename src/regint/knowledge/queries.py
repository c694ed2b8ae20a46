"""Time-aware questions over the knowledge base. Pure functions: the KB in, a result out.

Every function validates its ids against the KB (an unknown one raises InputError naming the
known ids) and returns a :class:`Table` or :class:`StatusAnswer` with provenance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from regint.core.errors import InputError
from regint.core.vocab import C5, FULL_STATUSES
from regint.knowledge.base import KnowledgeBase
from regint.knowledge.model import EVENT_TYPES, Event, Organisation
from regint.knowledge.results import StatusAnswer, Table
from regint.knowledge.status import QueryDate, compute_status, last_day

# A suspended or withdrawn state does not sit in the organisation with the other.
_NOT_SHARED = frozenset({"none", "withdrawn", "suspended"})


def status(kb: KnowledgeBase, country: str, org: str, on: QueryDate) -> StatusAnswer:
    """``country``'s status in ``org`` on ``on``; suspension is kept apart from membership.

    >>> status(read_kb(), "UZB", "cst_csto", dt.date(2013, 6, 1)).status  # doctest: +SKIP
    'suspended'
    """
    return compute_status(kb, kb.org(org), kb.country(country), on)


def _keep(answer: StatusAnswer, full_only: bool) -> bool:
    if answer.status == "none":
        return False
    if full_only:
        return answer.is_member is not False
    return True


# The columns of a status row (see _status_row) that a membership table shows.
_STATUS_COLUMNS = (
    "status",
    "is_full_member",
    "uncertain",
    "since",
    "until",
    "confidence",
    "note",
    "spell_id",
)


def _status_row(answer: StatusAnswer) -> dict[str, Any]:
    return {
        "status": answer.status,
        "possible": ", ".join(answer.possible),
        "is_full_member": answer.is_member,
        "uncertain": answer.uncertain,
        "since": answer.since,
        "until": answer.until,
        "confidence": answer.confidence,
        "note": answer.note,
        "spell_id": answer.spell_id or "",  # the record `kb show` takes
        "evidence": answer.evidence,
    }


def _evidence(rows: Iterable[dict[str, Any]]) -> set[str]:
    return {url for row in rows for url in row.get("evidence", ())}


def _table(
    kb: KnowledgeBase,
    title: str,
    columns: tuple[str, ...],
    rows: Sequence[dict[str, Any]],
    notes: Sequence[str] = (),
) -> Table:
    """A Table whose provenance cites the evidence of its rows."""
    return Table(title, columns, tuple(rows), tuple(notes), kb.provenance(_evidence(rows)))


def members(kb: KnowledgeBase, org: str, on: QueryDate, full_only: bool = False) -> Table:
    """The states holding a status in ``org`` on ``on`` (with ``full_only``: full members)."""
    o = kb.org(org)
    rows = []
    for country in kb.countries_in(o.id):
        answer = compute_status(kb, o, country, on)
        if _keep(answer, full_only):
            rows.append(
                {
                    "country": country,
                    "name": kb.country_names.get(country, ""),
                    **_status_row(answer),
                }
            )
    notes = [_coverage_note(o)] if o.members_coverage == "c5" else []
    if last_day(on) < o.founded.earliest:
        notes.append(f"{o.id} was founded {o.founded}")
    columns = ("country", "name", *_STATUS_COLUMNS)
    return _table(kb, f"Members of {o.id} on {on}", columns, rows, notes)


def _coverage_note(org: Organisation) -> str:
    return f"the knowledge base records {org.id}'s membership for the C5 only (and a few others)"


def memberships(kb: KnowledgeBase, country: str, on: QueryDate, full_only: bool = False) -> Table:
    """Every organisation in which ``country`` held a status on ``on``."""
    code = kb.country(country)
    rows = []
    for org_id in kb.orgs_of(code):
        o = kb.org(org_id)
        answer = compute_status(kb, o, code, on)
        if _keep(answer, full_only):
            rows.append({"org": o.id, "name": o.name_en, "type": o.type, **_status_row(answer)})
    columns = ("org", "name", "type", *_STATUS_COLUMNS)
    title = f"{'Full memberships' if full_only else 'Memberships'} of {code} on {on}"
    return _table(kb, title, columns, rows)


def timeline(kb: KnowledgeBase, org: str) -> Table:
    """``org``'s history in date order: founding, each spell, linked agreements and events."""
    o = kb.org(org)
    rows = [
        _row(o.founded, "organisation", "", "founded", o.founded_note, o.confidence, o.evidence)
    ]
    for country in kb.countries_in(o.id):
        for s in kb.spells_for(o.id, country):
            if s.start is not None:
                until = f"until {s.end}" if s.end else "ongoing"
                rows.append(
                    _row(s.start, "membership", country, s.status, until, s.confidence, s.evidence)
                )
    for a in (a for a in kb.agreements if a.org == o.id and a.signed is not None):
        assert a.signed is not None
        rows.append(_row(a.signed, "agreement", "", a.title, a.place, a.confidence, a.evidence))
    for e in (e for e in kb.events if o.id in e.all_orgs):
        rows.append(_row(e.date, e.type, e.host or "", e.title, e.place, e.confidence, e.evidence))
    if o.dissolved is not None:
        rows.append(
            _row(
                o.dissolved,
                "organisation",
                "",
                "dissolved",
                o.dissolved_note,
                o.confidence,
                o.evidence,
            )
        )
    rows.sort(key=_timeline_order)
    columns = ("date", "precision", "kind", "country", "what", "detail", "confidence")
    notes = [f"successor: {o.successor}"] if o.successor else []
    return _table(kb, f"Timeline of {o.id}: {o.name_en}", columns, rows, notes)


def _timeline_order(row: dict[str, Any]) -> tuple[Any, int]:
    """Date order; on one day the founding comes first and the dissolution last."""
    if row["kind"] == "organisation":
        return (row["_sort"], 2 if row["what"] == "dissolved" else 0)
    return (row["_sort"], 1)


def _row(
    date: Any,
    kind: str,
    country: str,
    what: str,
    detail: str,
    confidence: str,
    evidence: tuple[str, ...],
) -> dict[str, Any]:
    return {
        "date": str(date),
        "precision": date.precision,
        "kind": kind,
        "country": country,
        "what": what,
        "detail": detail,
        "confidence": confidence,
        "evidence": evidence,
        "_sort": date.earliest,
    }


def overlap_matrix(
    kb: KnowledgeBase,
    on: QueryDate,
    countries: Sequence[str] | None = None,
    full_only: bool = False,
) -> Table:
    """Countries x organisations on ``on``: each cell is the status ('' when none)."""
    codes = [kb.country(c, "countries") for c in (countries or C5)]
    cells: dict[str, dict[str, str]] = {c: {} for c in codes}
    evidence: set[str] = set()
    for o in kb.organisations:
        for code in codes:
            answer = compute_status(kb, o, code, on)
            if _keep(answer, full_only):
                cells[code][o.id] = answer.status
                evidence.update(answer.evidence)
    orgs = [o.id for o in kb.organisations if any(o.id in cells[c] for c in codes)]
    rows = tuple(
        {
            "country": c,
            **{o: cells[c].get(o, "") for o in orgs},
            "n_full": sum(cells[c].get(o, "") in FULL_STATUSES for o in orgs),
        }
        for c in codes
    )
    notes = (
        "cells: founding_member/member are full membership; 'uncertain' means the status may "
        "differ within the date's window (a boundary known only to a month or year, or a year "
        "or month asked for)",
    )
    return Table(
        f"Overlap of memberships on {on}",
        ("country", *orgs, "n_full"),
        rows,
        notes,
        kb.provenance(evidence),
    )


def shared_memberships(
    kb: KnowledgeBase, a: str, b: str, on: QueryDate, full_only: bool = False
) -> Table:
    """Organisations in which both ``a`` and ``b`` held a status on ``on``."""
    ca, cb = kb.country(a, "a"), kb.country(b, "b")
    rows = []
    for o in kb.organisations:
        sa, sb = compute_status(kb, o, ca, on), compute_status(kb, o, cb, on)
        if sa.status in _NOT_SHARED or sb.status in _NOT_SHARED:
            continue
        both_full = sa.is_member and sb.is_member
        if full_only and both_full is not True:
            continue
        rows.append(
            {
                "org": o.id,
                "name": o.name_en,
                f"status_{ca}": sa.status,
                f"status_{cb}": sb.status,
                "both_full_members": bool(both_full),
                "uncertain": sa.uncertain or sb.uncertain,
                "evidence": tuple(dict.fromkeys(sa.evidence + sb.evidence)),
            }
        )
    columns = ("org", "name", f"status_{ca}", f"status_{cb}", "both_full_members", "uncertain")
    notes = ("a suspended or withdrawn membership is not shared",)
    return _table(kb, f"Memberships shared by {ca} and {cb} on {on}", columns, rows, notes)


def events(
    kb: KnowledgeBase,
    start: dt.date | None = None,
    end: dt.date | None = None,
    type: str | None = None,
    country: str | None = None,
    org: str | None = None,
) -> Table:
    """Events whose date may fall in [start, end], optionally of one type, country or org.

    ``org`` (an id or alias) matches every event that concerns the organisation: those of its
    format (``org``) and those linked to it (``orgs``).
    """
    if type is not None and type not in EVENT_TYPES:
        raise InputError("type", f"unknown event type '{type}'; allowed: {', '.join(EVENT_TYPES)}")
    code = kb.country(country, "country") if country is not None else None
    org_id = kb.org(org, "org").id if org is not None else None
    if start and end and end < start:
        raise InputError("end", f"{end} is before the start {start}")
    rows = []
    for e in kb.events:
        if (start and e.date.latest < start) or (end and e.date.earliest > end):
            continue
        if (type and e.type != type) or (org_id and org_id not in e.all_orgs):
            continue
        if code and code not in e.countries and code != e.host:
            continue
        rows.append(event_row(e))
    columns = ("id", "date", "title", "status", "type", "place", "host", "countries")
    span = f" {start or '...'} to {end or '...'}" if start or end else " (all dates)"
    return _table(kb, f"Events{span}", columns, rows)


def event_row(e: Event) -> dict[str, Any]:
    """Every documented field of an event, as plain values (lists joined by the renderer)."""
    return {
        "id": e.id,
        "date": str(e.date),
        "precision": e.date.precision,
        "type": e.type,
        "title": e.title,
        "status": e.status,
        "org": e.org,
        "orgs": " ".join(e.all_orgs),
        "agreements": " ".join(e.agreements),
        "number": e.number,
        "host": e.host,
        "place": e.place,
        "countries": " ".join(e.countries),
        "chair": e.chair,
        "guests": "; ".join(e.guests),
        "outcomes": "; ".join(e.outcomes),
        "confidence": e.confidence,
        "note": e.note,
        "evidence": e.evidence,
    }
