"""Consistency checks over validated records (what ``regint kb check`` reports).

Fails on: duplicate ids, a reference to an unknown organisation or agreement, an unknown ISO3 code, a record
without evidence, an inverted or empty spell, overlapping spells of the same state in the same
organisation, and a spell that certainly lies outside its organisation's lifetime.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import combinations
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from regint.knowledge.base import Problem
from regint.knowledge.dates import PartialDate
from regint.knowledge.model import Agreement, Event, Organisation, Spell

if TYPE_CHECKING:
    from regint.knowledge.load import Parsed

_MIN = dt.date.min
_MAX = dt.date.max


def compute_problems(parsed: Parsed) -> list[Problem]:
    """All cross-record problems of ``parsed`` records, in file order."""
    orgs = {o.id for o in _of(parsed, "organizations", Organisation)}
    agreements = {a.id for a in _of(parsed, "agreements", Agreement)}
    found: list[Problem] = []
    for kind, records in parsed.records.items():
        for record in records:
            file, where = parsed.origins[id(record)]
            for message in _record_problems(record, orgs, agreements, parsed.country_names):
                found.append(Problem(file, where, message))
        found.extend(_duplicates(parsed, kind))
    found.extend(_spell_problems(parsed))
    return found


def _of(parsed: Parsed, kind: str, model: type) -> list[Any]:
    return [r for r in parsed.records.get(kind, []) if isinstance(r, model)]


def _duplicates(parsed: Parsed, kind: str) -> Iterator[Problem]:
    seen: set[str] = set()
    for record in parsed.records.get(kind, []):
        record_id = getattr(record, "id", "")
        if record_id in seen:
            file, where = parsed.origins[id(record)]
            yield Problem(file, where, f"duplicate id '{record_id}'")
        seen.add(record_id)


def _record_problems(
    record: BaseModel, orgs: set[str], agreements: set[str], countries: dict[str, str]
) -> Iterator[str]:
    if not getattr(record, "evidence", ()):
        yield "no evidence: add at least one URL under 'evidence'"
    for field, value in _org_refs(record):
        if value is not None and value not in orgs:
            yield f"{field}: unknown organisation '{value}'"
    if isinstance(record, Event):
        for agreement in record.agreements:
            if agreement not in agreements:
                yield f"agreements: unknown agreement '{agreement}'"
    for field, code in _country_refs(record):
        if countries and code not in countries:
            yield f"{field}: unknown ISO3 code '{code}'"


def _org_refs(record: BaseModel) -> Iterable[tuple[str, str | None]]:
    if isinstance(record, Organisation):
        return [
            ("predecessor", record.predecessor),
            ("successor", record.successor),
            ("parent", record.parent),
        ]
    if isinstance(record, Event):
        return [("org", record.org), *(("orgs", o) for o in record.orgs)]
    if isinstance(record, Spell | Agreement):
        return [("org", record.org)]
    return []


def _country_refs(record: BaseModel) -> Iterable[tuple[str, str]]:
    if isinstance(record, Spell):
        yield "country", record.country
    elif isinstance(record, Event):
        yield from (("countries", c) for c in record.countries)
        if record.host:
            yield "host", record.host
    elif isinstance(record, Agreement):
        for field in ("signatures", "accessions", "ratifications", "in_force_by_country"):
            yield from ((field, s.country) for s in getattr(record, field))
        yield from (("not_signed", c) for c in record.not_signed)
        if record.depositary:
            yield "depositary", record.depositary
        if record.resolution is not None:
            yield from (("resolution.sponsors", c) for c in record.resolution.sponsors)
            if record.resolution.initiator:
                yield "resolution.initiator", record.resolution.initiator


def _lo(date: PartialDate | None, *, latest: bool) -> dt.date:
    if date is None:
        return _MIN
    return date.latest if latest else date.earliest


def _hi(date: PartialDate | None, *, latest: bool) -> dt.date:
    if date is None:
        return _MAX
    return date.latest if latest else date.earliest


def _spell_problems(parsed: Parsed) -> Iterator[Problem]:
    orgs = {o.id: o for o in _of(parsed, "organizations", Organisation)}
    groups: dict[tuple[str, str], list[Spell]] = defaultdict(list)
    for spell in _of(parsed, "memberships", Spell):
        groups[(spell.org, spell.country)].append(spell)
        file, where = parsed.origins[id(spell)]
        for message in _spell_alone(spell, orgs.get(spell.org)):
            yield Problem(file, where, message)
    for spells in groups.values():
        for a, b in combinations(spells, 2):
            if _overlap(a, b):
                file, where = parsed.origins[id(b)]
                yield Problem(
                    file,
                    where,
                    f"overlaps spell '{a.id}' ({_span(a)}) for the same state and organisation",
                )


def _span(spell: Spell) -> str:
    return f"[{spell.start or '...'}, {spell.end or '...'})"


def _spell_alone(spell: Spell, org: Organisation | None) -> Iterator[str]:
    start, end = spell.start, spell.end
    if start is not None and end is not None:
        exact_empty = start.is_exact and end.is_exact and end.earliest <= start.earliest
        if end.latest < start.earliest or exact_empty:
            yield f"inverted or empty spell: 'to' {end} is not after 'from' {start}"
    if org is None or spell.status == "none":
        return
    if start is not None and start.latest < org.founded.earliest:
        yield f"starts {start}, before '{org.id}' was founded ({org.founded})"
    if org.dissolved is not None and (end is None or end.earliest > org.dissolved.latest):
        yield f"runs past the dissolution of '{org.id}' ({org.dissolved}); set 'to'"


def _overlap(a: Spell, b: Spell) -> bool:
    """True when two spells certainly share a day (an uncertain shared boundary is allowed)."""
    first_possible_common = max(_lo(a.start, latest=True), _lo(b.start, latest=True))
    last_possible_end = min(_hi(a.end, latest=False), _hi(b.end, latest=False))
    return first_possible_common < last_possible_end
