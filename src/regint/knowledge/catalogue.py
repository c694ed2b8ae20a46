"""Listings of the knowledge base: organisations, agreements and an agreement's signatories."""

from __future__ import annotations

import json
from typing import Any

from regint.knowledge.base import KnowledgeBase
from regint.knowledge.model import Agreement, Record, Signature
from regint.knowledge.results import Table


def organisations(kb: KnowledgeBase) -> Table:
    """Every organisation with its type, Balassa depth and supranational bodies."""
    rows = []
    for o in kb.organisations:
        rows.append(
            {
                **_all_fields(o),  # every field for machine outputs; the reading view wins
                "id": o.id,
                "name": o.name_en,
                "type": o.type,
                "depth_declared": o.depth_declared or "n/a",
                "depth_achieved": o.depth_achieved or "n/a",
                "supranational": _yes_no(o.has_supranational_bodies),
                "founded": str(o.founded),
                "dissolved": str(o.dissolved) if o.dissolved else "",
                "successor": o.successor or "",
                "members_recorded": o.members_coverage,
                "confidence": o.confidence,
                "aliases": ", ".join(o.aliases),
                "evidence": o.evidence,
            }
        )
    columns = (
        "id",
        "name",
        "type",
        "depth_declared",
        "depth_achieved",
        "supranational",
        "founded",
        "dissolved",
        "successor",
        "members_recorded",
    )
    notes = (
        "depth on Balassa's scale (none < PTA < FTA < customs_union < common_market < "
        "economic_union); n/a where the scale does not apply",
    )
    return Table(
        "Organisations",
        columns,
        tuple(rows),
        notes,
        kb.provenance({u for r in rows for u in r["evidence"]}),
    )


def _all_fields(record: Record) -> dict[str, Any]:
    """Every field of ``record`` as plain text, for machine outputs (--json, --csv, --parquet).

    Lists are joined, nested records (signatures, a resolution) written as JSON text.
    """
    out: dict[str, Any] = {}
    for name, value in record.model_dump(mode="json", exclude={"evidence"}).items():
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            out[name] = ", ".join(value)
        elif isinstance(value, list | dict):
            out[name] = json.dumps(value, ensure_ascii=False) if value else ""
        else:
            out[name] = value
    return out


def _yes_no(value: bool | str) -> str:
    return value if isinstance(value, str) else ("yes" if value else "no")


def agreements(kb: KnowledgeBase, country: str | None = None) -> Table:
    """Every agreement (or those a country signed, acceded to or ratified)."""
    code = kb.country(country, "country") if country else None
    rows = []
    for a in kb.agreements:
        parties = sorted({s.country for s in (*a.signatures, *a.accessions)})
        later = {
            s.country: s.date
            for s in (*a.signatures, *a.accessions)
            if s.date is not None and a.signed is not None and s.date != a.signed
        }
        if code and code not in parties:
            continue
        rows.append(
            {
                **_all_fields(a),
                "id": a.id,
                "title": a.title,
                "signed": str(a.signed) if a.signed else "",
                "place": a.place,
                # A party that signed or acceded later shows its own date.
                "parties": " ".join(f"{p} ({later[p]})" if p in later else p for p in parties),
                "in_force": str(a.in_force) if a.in_force else a.in_force_note or "",
                "org": a.org or "",
                "confidence": a.confidence,
                "evidence": a.evidence,
            }
        )
    columns = ("id", "title", "signed", "place", "parties", "in_force", "org")
    return Table(
        "Agreements",
        columns,
        tuple(rows),
        (),
        kb.provenance({u for r in rows for u in r["evidence"]}),
    )


def signatories(kb: KnowledgeBase, agreement_id: str) -> Table:
    """Who signed, acceded to, ratified or brought into force an agreement, and when."""
    a = kb.agreement(agreement_id)
    rows: list[dict[str, Any]] = []
    for act, items in (
        ("signed", a.signatures),
        ("acceded", a.accessions),
        ("ratified", a.ratifications),
        ("in force", a.in_force_by_country),
    ):
        rows.extend(_act_row(act, s, a) for s in items)
    rows.extend(
        {
            "country": c,
            "act": "not signed",
            "date": "",
            "by": "",
            "place": "",
            "note": a.note,
            "evidence": a.evidence,
        }
        for c in a.not_signed
    )
    return Table(
        f"{a.title} ({a.id})",
        ("country", "act", "date", "by", "place", "note"),
        tuple(rows),
        tuple(_agreement_notes(a)),
        kb.provenance(set(a.evidence)),
    )


def _act_row(act: str, s: Signature, a: Agreement) -> dict[str, Any]:
    return {
        "country": s.country,
        "act": act,
        "date": str(s.date) if s.date else "",
        "by": s.by,
        "place": s.place or (a.place if act == "signed" else ""),
        "note": "; ".join(x for x in (s.instrument, s.note) if x),
        "evidence": a.evidence,
    }


def _agreement_notes(a: Agreement) -> list[str]:
    verb = "adopted" if a.kind == "un_resolution" else "signed"
    where = f" in {a.place}" if a.place else " (place not recorded)"
    notes = [f"{verb} {a.signed}{where}" if a.signed else f"{verb}: date not recorded"]
    if a.resolution is not None:
        r = a.resolution
        notes.append(
            f"{r.symbol} of the {r.body}; adoption: {r.adoption or 'not recorded'}; "
            f"initiator: {r.initiator or 'not recorded'}"
        )
    if a.in_force:
        notes.append(f"in force {a.in_force}")
    elif a.in_force_note:
        notes.append(f"entry into force: {a.in_force_note}")
    if a.terminated:
        notes.append(f"terminated {a.terminated}")
    return notes
