"""Convert the seed fact base (``ca-facts.yaml``) into the knowledge base's record files.

Run once (it is a tool, not part of the runtime package); the records it writes were then reviewed
by hand (see ``data/knowledge/REVIEW.md``)::

    python tools/seed_converter.py ../shared/knowledge/ca-facts.yaml data/knowledge

The conversion is mechanical: it renames keys to the schema, maps seed-only statuses onto the
model's vocabulary, links agreements and events to organisations and gives every record an id.

>>> build_records_from_seed(Path("../shared/knowledge/ca-facts.yaml"), Path("data/knowledge"))  # doctest: +SKIP
{'organizations': 34, 'memberships': 155, 'agreements': 25, 'events': 123}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from regint.core.errors import DataError

# --- writing reviewed-looking YAML (moved here from the package: only this tool writes it) ---


class Quoted(str):
    """A string always written in double quotes (dates, so YAML never turns them into numbers)."""


class FlowList(list[Any]):
    """A list written on one line: ``[KAZ, KGZ, UZB]``."""


class _Dumper(yaml.SafeDumper):
    pass


def _quoted(dumper: yaml.SafeDumper, data: Quoted) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style='"')


def _flow(dumper: yaml.SafeDumper, data: FlowList) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(data), flow_style=True)


_Dumper.add_representer(Quoted, _quoted)
_Dumper.add_representer(FlowList, _flow)


def dump_record(record: Mapping[str, Any]) -> str:
    """One record as a YAML list item."""
    text = yaml.dump(
        [dict(record)],
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=110,
        default_flow_style=False,
    )
    return text


def build_records_file(
    path: Path, header: str, records: Iterable[Mapping[str, Any]], group_by: str | None = None
) -> int:
    """Write records to ``path`` with a comment header; a comment line opens each group."""
    lines = [f"# {line}".rstrip() for line in header.strip().splitlines()]
    lines.append("")
    count = 0
    group = object()
    for record in records:
        if group_by is not None and record.get(group_by) != group:
            group = record.get(group_by)
            lines.append(f"# --- {group} ---")
        lines.append(dump_record(record).rstrip("\n"))
        lines.append("")
        count += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return count


# Seed statuses outside the model, and what they become (documented in knowledge-model.md).
STATUS_MAP = {"party": "member", "frozen": "suspended", "signatory": "participant"}

ALIASES = {
    "cst_csto": ["csto", "cst"],
    "eurasec": ["eaec", "evrazes"],
    "eaeu": ["eeu"],
    "eacu": ["customs_union"],
    "ots": ["turkic_council"],
    "ca_ces_1994": ["cau", "ces"],
    "c5_consultative": ["consultative_meetings"],
    "cis_cu_1995": ["cu_1995"],
}

AGREEMENT_ORG = {
    "alma_ata_protocol_1991": "cis",
    "cst_1992": "cst_csto",
    "icwc_agreement_1992": "icwc",
    "kzylorda_1993": "ifas",
    "kaz_uzb_ces_1994": "ca_ces_1994",
    "ces_trilateral_1994": "ca_ces_1994",
    "eurasec_treaty_2000": "eurasec",
    "caco_treaty_2002": "caco",
    "csto_charter_2002": "cst_csto",
    "uzb_csto_restoration_protocol_2006": "cst_csto",
    "nakhchivan_2009": "ots",
    "cis_fta_2011": "cis_fta",
    "eaeu_treaty_2014": "eaeu",
    "eurasec_termination_2014": "eurasec",
    "ca_friendship_treaty_2022": "c5_consultative",
    "china_ca_treaty_2025": "china_ca",
}

# Where a summit took place -> the host state (first word of the seed's 'place' field).
PLACE_HOST = {
    "Alma-Ata": "KAZ",
    "Almaty": "KAZ",
    "Astana": "KAZ",
    "Kyzylorda": "KAZ",
    "Semipalatinsk": "KAZ",
    "Ashgabat": "TKM",
    "Avaza": "TKM",
    "Turkmenbashi": "TKM",
    "Bishkek": "KGZ",
    "Cholpon-Ata": "KGZ",
    "Osh": "KGZ",
    "Batken": "KGZ",
    "Dushanbe": "TJK",
    "Khujand": "TJK",
    "Tashkent": "UZB",
    "Samarkand": "UZB",
    "Andijan": "UZB",
    "Baku": "AZE",
    "Nakhchivan": "AZE",
    "Berlin": "DEU",
    "Chisinau": "MDA",
    "Istanbul": "TUR",
    "Jeddah": "SAU",
    "Kazan": "RUS",
    "Moscow": "RUS",
    "Sochi": "RUS",
    "St": "RUS",
    "Minsk": "BLR",
    "Luxembourg": "LUX",
    "New": "USA",
    "Washington": "USA",
    "Shanghai": "CHN",
    "Xi'an": "CHN",
    "Tokyo": "JPN",
    "South": "KOR",
}

_EVENT_KEYS = (
    "date",
    "type",
    "title",
    "countries",
    "place",
    "status",
    "source",
    "confidence",
    "note",
)


def read_seed(path: Path) -> dict[str, Any]:
    """The seed file as a mapping; errors name the file."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise DataError(str(path), f"cannot read the seed: {err}") from None
    for key in ("organizations", "agreements", "memberships", "events"):
        if not isinstance(data.get(key), list):
            raise DataError(str(path), f"the seed lacks a '{key}' list")
    return data


def build_records_from_seed(path: Path, out_dir: Path) -> dict[str, int]:
    """Write organizations/memberships/agreements/events YAML files; returns record counts."""
    seed = read_seed(path)
    header = (
        f"Converted from {Path(path).name} by tools/seed_converter.py, then reviewed by hand.\n"
        "One fact per record; 'evidence' lists the pages the fact was read in."
    )
    meetings = _consultative_meetings(seed["organizations"])
    return {
        "organizations": build_records_file(
            out_dir / "organizations.yaml", header, [_org(o) for o in seed["organizations"]]
        ),
        "memberships": build_records_file(
            out_dir / "memberships.yaml",
            header,
            [_spell(m) for m in seed["memberships"]],
            group_by="org",
        ),
        "agreements": build_records_file(
            out_dir / "agreements.yaml", header, [_agreement(a) for a in seed["agreements"]]
        ),
        "events": build_records_file(
            out_dir / "events.yaml",
            header,
            _events(seed["events"], meetings, seed["organizations"]),
        ),
    }


def _date(value: Any) -> Quoted | None:
    return None if value in (None, "") else Quoted(str(value))


def _join(*parts: Any) -> str:
    return "; ".join(str(p) for p in parts if p)


def _compact(record: dict[str, Any]) -> dict[str, Any]:
    """Drop empty optional fields so the files stay short."""
    keep = {"from", "to", "dissolved", "evidence"}
    return {k: v for k, v in record.items() if k in keep or v not in (None, "", [], {})}


def _org(o: dict[str, Any]) -> dict[str, Any]:
    return _compact(
        {
            "id": o["id"],
            "name_en": o["name_en"],
            "name_ru": o.get("name_ru", ""),
            "aliases": FlowList(ALIASES.get(o["id"], [])),
            "type": o["type"],
            "secondary_types": FlowList(o.get("secondary_types", [])),
            "depth_declared": o.get("balassa_declared"),
            "depth_achieved": o.get("balassa_achieved"),
            "depth_note": _join(
                o.get("balassa_note"),
                o.get("balassa_declared_note"),
                o.get("balassa_achieved_note"),
            ),
            "has_supranational_bodies": o.get("supranational_bodies", False),
            "supranational_note": o.get("supranational_note", ""),
            "founded": _date(o.get("founded")),
            "founded_note": o.get("founded_note", ""),
            "dissolved": _date(o.get("dissolved")),
            "dissolved_note": o.get("dissolved_note", ""),
            "predecessor": o.get("predecessor"),
            "successor": o.get("successor"),
            "parent": o.get("parent"),
            "members_coverage": "c5",
            "confidence": o["confidence"],
            "evidence": list(o.get("source", [])),
            "note": o.get("confidence_note", ""),
        }
    )


def spell_id(org: str, country: str, start: Any, status: str) -> str:
    """A readable, unique id: ``org.COUNTRY.start`` (``org.COUNTRY.status`` when unbounded)."""
    return f"{org}.{country}.{start if start else status}"


def _spell(m: dict[str, Any]) -> dict[str, Any]:
    status = STATUS_MAP.get(m["status"], m["status"])
    note = m.get("note", "")
    if status != m["status"]:
        note = _join(note, f"seed status '{m['status']}'")
    return _compact(
        {
            "id": spell_id(m["org"], m["country"], m.get("from"), status),
            "org": m["org"],
            "country": m["country"],
            "status": status,
            "from": _date(m.get("from")),
            "to": _date(m.get("to")),
            "confidence": m["confidence"],
            "evidence": list(m.get("source", [])),
            "note": note,
        }
    )


def _signatures(a: dict[str, Any]) -> list[dict[str, Any]]:
    if a.get("signatures"):
        return [_compact({**s, "date": _date(s.get("date"))}) for s in a["signatures"]]
    given = a.get("signatories_c5") or []
    by = given if isinstance(given, dict) else {c: "" for c in given}
    return [
        _compact({"country": c, "date": _date(a.get("date_signed")), "by": who})
        for c, who in by.items()
    ]


def _act(entry: dict[str, Any]) -> dict[str, Any]:
    """An accession or ratification: the first date-like key is the date, the rest a note."""
    date_keys = ("date", "in_force", "law_signed", "date_signed", "senate", "parliament")
    date = next((entry[k] for k in date_keys if entry.get(k)), None)
    extra = {
        k: v
        for k, v in entry.items()
        if k not in ("country", "place", "instrument", "note", "confidence") and v != date
    }
    note = _join(entry.get("note"), ", ".join(f"{k}: {v}" for k, v in extra.items()))
    return _compact(
        {
            "country": entry["country"],
            "date": _date(date),
            "place": entry.get("place", ""),
            "instrument": entry.get("instrument", ""),
            "note": note,
        }
    )


def _in_force(a: dict[str, Any]) -> tuple[Quoted | None, str]:
    value = a.get("in_force")
    if value is None or str(value)[:4].isdigit():
        return _date(value), ""
    return None, str(value)


_AGREEMENT_KNOWN = {
    "id",
    "title",
    "title_ru",
    "date_signed",
    "place",
    "signatories_c5",
    "signatures",
    "accessions",
    "ratifications",
    "in_force",
    "in_force_c5",
    "terminated",
    "not_signed",
    "non_signatories_c5",
    "non_parties_c5",
    "depositary",
    "source",
    "confidence",
    "note",
    "date_adopted",
}


def _agreement(a: dict[str, Any]) -> dict[str, Any]:
    in_force, in_force_note = _in_force(a)
    ratifications = a.get("ratifications")
    details = {k: str(v) for k, v in a.items() if k not in _AGREEMENT_KNOWN}
    if isinstance(ratifications, str):
        details["ratifications"] = ratifications
        ratifications = []
    by_country = [
        _compact(
            {
                "country": c,
                "date": _date(v.get("date")),
                "confidence": v.get("confidence"),
                "note": v.get("note", ""),
            }
        )
        for c, v in (a.get("in_force_c5") or {}).items()
    ]
    not_signed = a.get("not_signed") or a.get("non_signatories_c5") or a.get("non_parties_c5") or []
    return _compact(
        {
            "id": a["id"],
            "title": a["title"],
            "title_ru": a.get("title_ru", ""),
            "org": AGREEMENT_ORG.get(a["id"]),
            "signed": _date(a.get("date_signed") or a.get("date_adopted")),
            "place": a.get("place", ""),
            "signatures": _signatures(a),
            "accessions": [_act(x) for x in a.get("accessions", [])],
            "ratifications": [_act(x) for x in ratifications or []],
            "in_force": in_force,
            "in_force_note": in_force_note,
            "in_force_by_country": by_country,
            "terminated": _date(a.get("terminated")),
            "not_signed": FlowList(not_signed),
            "depositary": a.get("depositary"),
            "details": details,
            "confidence": a["confidence"],
            "evidence": list(a.get("source", [])),
            "note": _join(a.get("note"), a.get("not_signed_note")),
        }
    )


def _consultative_meetings(orgs: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    for org in orgs:
        if org["id"] == "c5_consultative":
            return {str(m["date"]): m for m in org.get("meetings", [])}
    return {}


def _first_summits(orgs: Iterable[dict[str, Any]]) -> dict[str, str]:
    return {
        str(o["first_leaders_summit"]["date"]): o["id"]
        for o in orgs
        if o.get("first_leaders_summit")
    }


def _events(
    events: list[dict[str, Any]], meetings: dict[str, dict[str, Any]], orgs: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    firsts = _first_summits(orgs)
    seen: dict[str, int] = {}
    out = []
    for e in events:
        base = f"{e['date']}_{e['type']}"
        seen[base] = seen.get(base, 0) + 1
        event_id = base if seen[base] == 1 else f"{base}_{seen[base]}"
        out.append(_event(e, event_id, meetings.get(str(e["date"])), firsts))
    return out


def _event(
    e: dict[str, Any], event_id: str, meeting: dict[str, Any] | None, firsts: dict[str, str]
) -> dict[str, Any]:
    place = e.get("place", "")
    host = PLACE_HOST.get(place.split()[0].rstrip(",")) if place else None
    record = {
        "id": "ev_" + event_id.replace("-", ""),
        "date": _date(e["date"]),
        "type": e["type"],
        "title": e["title"],
        "status": e.get("status", "held"),
        "org": None,
        "number": None,
        "host": host,
        "place": place,
        "countries": FlowList(e.get("countries", [])),
        "confidence": e["confidence"],
        "evidence": list(e.get("source", [])),
        "note": e.get("note", ""),
    }
    if e["type"] == "summit" and str(e["date"]) in firsts:
        record["org"] = firsts[str(e["date"])]
    if meeting and e["type"] in ("summit", "postponement"):
        record.update(
            org="c5_consultative",
            number=meeting.get("n"),
            host=meeting.get("country", host),
            chair=meeting.get("chair", ""),
            guests=FlowList(meeting.get("guests", [])),
            outcomes=list(meeting.get("outcomes", [])),
        )
        record["evidence"] = list(
            dict.fromkeys(record["evidence"] + list(meeting.get("source", [])))
        )
        record["note"] = _join(record["note"], meeting.get("note"))
    unknown = set(e) - set(_EVENT_KEYS)
    if unknown:
        record["note"] = _join(record["note"], ", ".join(f"{k}: {e[k]}" for k in sorted(unknown)))
    return _compact(record)


if __name__ == "__main__":
    import sys

    if len(sys.argv) != 3:
        sys.exit("usage: python tools/seed_converter.py SEED.yaml OUT_DIR")
    print(build_records_from_seed(Path(sys.argv[1]), Path(sys.argv[2])))
