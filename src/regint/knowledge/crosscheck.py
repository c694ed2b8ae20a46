"""Cross-check the knowledge base against COW IGO v3 (1991-2014) and DESTA.

COW codes a state-year as full/associate/observer/none; the KB's status on 1 July of the year
is compared with it. A disagreement that disappears when any day of the year is allowed is a
'timing' difference (joined or left during the year), not a contradiction. Outside the C5 the
KB records full members only, so there only full membership is compared.

DESTA gives the year an agreement (or an accession to it) was signed and, often, the year it
entered into force; the year each C5 state joined the matching KB organisation is compared with
both ('kb_later' usually means the KB records a state's own, later entry into force).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import pandas as pd

from regint.core.provenance import Provenance
from regint.core.vocab import C5, FULL_STATUSES
from regint.knowledge.base import KnowledgeBase
from regint.knowledge.dates import PartialDate
from regint.knowledge.results import Table
from regint.knowledge.status import resolved_status

# COW ioname -> the KB organisations that correspond to it (a lineage, in order).
COW_TO_KB: dict[str, tuple[str, ...]] = {
    "cis": ("cis",),
    "csto": ("cst_csto",),
    "eaec": ("eurasec",),
    "caecc": ("ca_ces_1994", "caec", "caco"),
    "sco": ("shanghai_five", "sco"),
    "eco": ("eco",),
    "osce": ("osce",),
    "wto": ("wto",),
    "aralsea": ("ifas",),
}

# DESTA base treaty -> the KB organisation whose membership it creates.
DESTA_TO_KB: dict[int, str] = {
    191: "ca_ces_1994",
    108: "cis_cu_1995",
    434: "eurasec",
    104: "eacu",
    1040: "eaeu",
    811: "cis_fta",
}

_CATEGORY = {
    "founding_member": "full",
    "member": "full",
    "associate_member": "associate",
    "observer": "observer",
    "suspended": "suspended",
    "participant": "participant",
    "withdrawn": "none",
    "none": "none",
}
_COW_ABSENT = {"not_in_system", "missing"}


def kb_category(kb: KnowledgeBase, orgs: tuple[str, ...], country: str, on: dt.date) -> str:
    """The COW-comparable category of ``country`` in an org lineage on a day."""
    for org in orgs:
        category = _CATEGORY[resolved_status(kb, org, country, on)]
        if category != "none":
            return category
    return "none"


def _year_days(kb: KnowledgeBase, orgs: tuple[str, ...], country: str, year: int) -> list[dt.date]:
    """1 January plus every spell boundary inside ``year``: the days where a status can change."""
    days = {dt.date(year, 1, 1)}
    for org in orgs:
        for s in kb.spells_for(org, country):
            days.update(d.earliest for d in (s.start, s.end) if d and d.earliest.year == year)
    return sorted(days)


def _verdict(cow: str, on_july: str, any_day: set[str]) -> str:
    if cow in _COW_ABSENT:
        return "agree" if on_july == "none" else "cow_not_coded"
    if cow == on_july:
        return "agree"
    return "timing" if cow in any_day else "disagree"


def _compared(kb: KnowledgeBase, orgs: tuple[str, ...], country: str) -> bool:
    """Compare C5 states always; others only where the KB records every member."""
    return country in C5 or all(kb.org(o).members_coverage == "complete" for o in orgs)


def _full_or_not(category: str) -> str:
    """Outside the C5 the KB records full members only, so only full membership is compared."""
    return category if category in ("full", "none", *_COW_ABSENT) else "none"


def crosscheck_cow(kb: KnowledgeBase, cow_table: pd.DataFrame) -> Table:
    """One row per COW state-year of the IGOs the KB covers, with a verdict.

    Verdicts: agree; timing (the KB category held on some day of the year, not on 1 July);
    disagree; cow_not_coded (COW has -1/-9 where the KB records a status).
    """
    rows = []
    for rec in cow_table.to_dict(orient="records"):
        orgs = COW_TO_KB.get(rec["ioname"])
        if not orgs or not _compared(kb, orgs, rec["country"]):
            continue
        year, country = int(rec["year"]), rec["country"]
        on_july = kb_category(kb, orgs, country, dt.date(year, 7, 1))
        any_day = {kb_category(kb, orgs, country, d) for d in _year_days(kb, orgs, country, year)}
        cow = rec["cow_status_label"]
        if country not in C5:
            cow, on_july = _full_or_not(cow), _full_or_not(on_july)
            any_day = {_full_or_not(c) for c in any_day}
        rows.append(
            {
                "ioname": rec["ioname"],
                "kb_orgs": " ".join(orgs),
                "country": country,
                "year": year,
                "cow": cow,
                "kb_on_1_july": on_july,
                "kb_any_day": " ".join(sorted(any_day)),
                "verdict": _verdict(cow, on_july, any_day),
            }
        )
    columns = (
        "ioname",
        "kb_orgs",
        "country",
        "year",
        "cow",
        "kb_on_1_july",
        "kb_any_day",
        "verdict",
    )
    notes = tuple(_summary(rows)) + tuple(summarise_disagreements(rows))
    return Table(
        "Knowledge base vs COW IGO v3", columns, tuple(rows), notes, _provenance(kb, "cow_igo")
    )


def _summary(rows: list[dict[str, Any]]) -> list[str]:
    counts = pd.Series([r["verdict"] for r in rows], dtype="string").value_counts()
    return [", ".join(f"{k}: {v}" for k, v in counts.items()) + f" (of {len(rows)} state-years)"]


def summarise_disagreements(rows: Iterable[dict[str, Any]]) -> list[str]:
    """Disagreements as runs of consecutive years: 'csto UZB 2002-2005: COW full, KB none'."""
    runs: list[list[Any]] = []
    for r in sorted(
        (r for r in rows if r["verdict"] == "disagree"),
        key=lambda r: (r["ioname"], r["country"], r["year"]),
    ):
        key = (r["ioname"], r["country"], r["cow"], r["kb_on_1_july"])
        if runs and runs[-1][0] == key and runs[-1][2] == r["year"] - 1:
            runs[-1][2] = r["year"]
        else:
            runs.append([key, r["year"], r["year"]])
    lines = []
    for (ioname, country, cow, kb_cat), first, last in runs:
        span = str(first) if first == last else f"{first}-{last}"
        lines.append(f"{ioname} {country} {span}: COW {cow}, KB {kb_cat}")
    return lines


def _first_full_start(kb: KnowledgeBase, org: str, country: str) -> PartialDate | None:
    starts = [
        s.start
        for s in kb.spells_for(org, country)
        if s.status in FULL_STATUSES and s.start is not None
    ]
    return min(starts, key=lambda d: d.earliest, default=None)


def crosscheck_desta(kb: KnowledgeBase, desta_table: pd.DataFrame) -> Table:
    """Compare the year each C5 state joined an organisation with DESTA's signature/in-force years."""
    rows = []
    for base, org in DESTA_TO_KB.items():
        family = desta_table[
            (desta_table["base_treaty"] == base) & desta_table["role"].isin(["party", "acceding"])
        ]
        joined = {c for c in kb.countries_in(org) if c in C5 and _first_full_start(kb, org, c)}
        for country in sorted(set(family["country"]) | joined):
            mine = family[family["country"] == country]
            start = _first_full_start(kb, org, country)
            signed = int(mine["year_signed"].min()) if len(mine) else None
            forced = mine["entry_force_year"].dropna()
            in_force = int(forced.min()) if len(forced) else None
            rows.append(
                {
                    "desta_base": base,
                    "desta_name": str(mine["name"].iloc[0]) if len(mine) else "",
                    "org": org,
                    "country": country,
                    "kb_joined": str(start) if start else "",
                    "desta_signed": signed,
                    "desta_in_force": in_force,
                    "verdict": _desta_verdict(start, signed, in_force),
                }
            )
    columns = (
        "desta_base",
        "desta_name",
        "org",
        "country",
        "kb_joined",
        "desta_signed",
        "desta_in_force",
        "verdict",
    )
    notes = _summary(rows) if rows else []
    return Table(
        "Knowledge base vs DESTA", columns, tuple(rows), tuple(notes), _provenance(kb, "desta")
    )


def _desta_verdict(start: PartialDate | None, signed: int | None, in_force: int | None) -> str:
    """agree (KB year is DESTA's signature or entry-into-force year), kb_later, kb_earlier, ..."""
    if start is None:
        return "kb_not_member"
    if signed is None:
        return "desta_missing"
    years = {y for y in (signed, in_force) if y is not None}
    if start.year in years:
        return "agree"
    return "kb_later" if start.year > max(years) else "kb_earlier"


def _provenance(kb: KnowledgeBase, source_id: str) -> Provenance:
    from regint.sources.records import make_origin

    return kb.provenance(extra=[make_origin(source_id)])
