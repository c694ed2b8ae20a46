"""One record in full: every field, its evidence and its links to other records.

``find_record`` accepts the id of any record (organisation, agreement, membership spell,
event) or an organisation alias; an unknown id raises InputError with the closest ids.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from regint.core.errors import InputError
from regint.core.provenance import Provenance, make_provenance
from regint.knowledge.base import KnowledgeBase
from regint.knowledge.model import Agreement, Event, Organisation, Record, Spell

KIND_NAMES: dict[type[Record], str] = {
    Organisation: "organisation",
    Agreement: "agreement",
    Spell: "membership",
    Event: "event",
}


@dataclass(frozen=True)
class RecordView:
    """A record with every documented field, its evidence and its links.

    ``fields`` holds the record as its YAML would hold it (dates as written, lists as lists);
    ``links`` maps a relation (``org``, ``agreements``, ``events``, ``memberships`` …) to the
    ids of the linked records, each with a one-line label.
    """

    kind: str
    id: str
    fields: dict[str, Any]
    evidence: tuple[str, ...]
    links: dict[str, tuple[tuple[str, str], ...]]
    provenance: Provenance = field(default_factory=make_provenance, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: kind, id, every field, evidence and links."""
        return {
            "kind": self.kind,
            "id": self.id,
            "record": self.fields,
            "evidence": list(self.evidence),
            "links": {
                k: [{"id": i, "label": label} for i, label in v] for k, v in self.links.items()
            },
        }


def find_record(kb: KnowledgeBase, record_id: str, argument: str = "record_id") -> Record:
    """The record with this id (or organisation alias), of any kind."""
    key = str(record_id).strip()
    for records in (kb.organisations, kb.agreements, kb.events, kb.spells):
        for record in records:
            if getattr(record, "id", None) in (key, key.lower()):
                return record
    if kb.has_org(key):
        return kb.org(key)
    ids = [
        str(getattr(r, "id", ""))
        for r in (*kb.organisations, *kb.agreements, *kb.events, *kb.spells)
    ]
    close = difflib.get_close_matches(key.lower(), ids, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise InputError(
        argument,
        f"no record with id '{record_id}'{hint} (find ids with `regint kb search TEXT`)",
    )


def show_record(kb: KnowledgeBase, record_id: str) -> RecordView:
    """``record_id`` in full, with its links."""
    record = find_record(kb, record_id)
    dumped = record.model_dump(mode="json", by_alias=True, exclude={"evidence"})
    # The id first, the shared confidence and note last, as a reader expects.
    tail = {k: dumped.pop(k) for k in ("confidence", "note")}
    fields = {"id": dumped.pop("id", None), **dumped, **tail}
    links = _links(kb, record)
    return RecordView(
        KIND_NAMES[type(record)],
        str(getattr(record, "id", "")),
        fields,
        record.evidence,
        {k: v for k, v in links.items() if v},
        kb.provenance(set(record.evidence)),
    )


def _label_org(kb: KnowledgeBase, org_id: str | None) -> tuple[tuple[str, str], ...]:
    if not org_id or not kb.has_org(org_id):
        return ()
    return ((org_id, kb.org(org_id).name_en),)


def _event_label(e: Event) -> str:
    status = "" if e.status == "held" else f" [{e.status}]"
    return f"{e.date} {e.title}{status}"


def _links(kb: KnowledgeBase, record: Record) -> dict[str, tuple[tuple[str, str], ...]]:
    if isinstance(record, Organisation):
        return _org_links(kb, record)
    if isinstance(record, Agreement):
        events = tuple((e.id, _event_label(e)) for e in kb.events if record.id in e.agreements)
        return {"org": _label_org(kb, record.org), "events": events}
    if isinstance(record, Event):
        by_id = {a.id: a for a in kb.agreements}
        return {
            "orgs": tuple(pair for o in record.all_orgs for pair in _label_org(kb, o)),
            "agreements": tuple((a, by_id[a].title) for a in record.agreements if a in by_id),
        }
    if isinstance(record, Spell):
        others = tuple(
            (s.id, f"{s.status} from {s.start or '...'} to {s.end or '...'}")
            for s in kb.spells_for(record.org, record.country)
            if s.id != record.id
        )
        return {"org": _label_org(kb, record.org), "same_state_and_org": others}
    return {}


def _org_links(kb: KnowledgeBase, o: Organisation) -> dict[str, tuple[tuple[str, str], ...]]:
    related = tuple(
        pair for rel in (o.predecessor, o.successor, o.parent) for pair in _label_org(kb, rel)
    )
    return {
        "related_orgs": related,
        "memberships": tuple(
            (s.id, f"{s.country} {s.status} from {s.start or '...'} to {s.end or '...'}")
            for c in kb.countries_in(o.id)
            for s in kb.spells_for(o.id, c)
        ),
        "agreements": tuple(
            (a.id, f"{a.signed or ''} {a.title}".strip()) for a in kb.agreements if a.org == o.id
        ),
        "events": tuple((e.id, _event_label(e)) for e in kb.events if o.id in e.all_orgs),
    }
