"""Every data source regint knows, in one registry: the snapshot, the schema and the updater
iterate it.

A source is one module in :mod:`regint.sources` (``read_*`` for files, ``fetch_*`` for APIs),
one hand-written record ``data/sources/<id>.yaml`` (producer, licence, URLs, redistribution),
and one :class:`SourceEntry` here. ``docs/how-to/add-a-data-source.md`` walks through adding
one.

>>> [s.id for s in snapshot_sources()][:3]
['country_codes', 'imf_dots', 'kaz_bns']
>>> source("wb_wdi").updater
'wdi'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from regint.core.errors import InputError

Role = Literal["snapshot", "optional", "updater", "knowledge"]


@dataclass(frozen=True)
class SourceEntry:
    """One source: where its raw files sit, which tables it feeds, and how it is used.

    ``role``: ``snapshot`` (always in the default snapshot), ``optional`` (imported on request,
    e.g. an unclear licence), ``updater`` (online only) or ``knowledge`` (the knowledge base's
    derived tables). ``tables`` are the snapshot tables it feeds (``storage.schema.TABLES``
    keys); ``updater`` the id of its online updater (``regint data update --source``).
    """

    id: str
    module: str
    role: Role
    raw_folder: str | None = None
    tables: tuple[str, ...] = ()
    updater: str | None = None
    use: str = ""


# In the order the snapshot reads them: a later step may use an earlier one's tables (Eurostat
# converts EUR with the WDI exchange rates; national statistics extend the DOTS flows).
SOURCES: tuple[SourceEntry, ...] = (
    SourceEntry(
        "country_codes", "countries", "snapshot", "country-codes", ("countries",), use="reference"
    ),
    SourceEntry(
        "imf_dots", "imf_dots", "snapshot", "imf-dots", ("flows", "reported_totals"), use="trade"
    ),
    SourceEntry(
        "kaz_bns",
        "national",
        "snapshot",
        "kaz-bns-trade-by-partner",
        ("flows", "national", "national_totals"),
        use="trade after the panel",
    ),
    SourceEntry(
        "uzb_siat",
        "national",
        "snapshot",
        "uzb-siat-trade-by-partner",
        ("flows", "national", "national_totals"),
        use="trade after the panel",
    ),
    SourceEntry(
        "kgz_nsc",
        "national",
        "optional",
        "kgz-nsc-trade-by-partner",
        ("flows", "national", "national_totals"),
        use="optional import (--include-kgz)",
    ),
    SourceEntry(
        "imf_imts", "imf_imts", "updater", updater="imts", use="online updater (regint data update)"
    ),
    SourceEntry("wb_wdi", "wdi", "snapshot", "wb-wdi", ("wdi",), "wdi", use="macro covariates"),
    SourceEntry(
        "eurostat_comext",
        "eurostat",
        "snapshot",
        "eurostat-eu27-exports-by-partner",
        ("eu27_exports",),
        use="EU-27 exports (a mirror)",
    ),
    SourceEntry(
        "cepii_geodist", "cepii", "snapshot", "cepii-geodist", ("geodist", "geo"), use="geography"
    ),
    SourceEntry(
        "un_desa_migrant_stock",
        "migrant_stock",
        "snapshot",
        "un-desa-migrant-stock",
        ("migrant_stock",),
        use="people: bilateral migrant stocks (licence unverified)",
    ),
    SourceEntry(
        "wb_knomad_2017",
        "knomad",
        "snapshot",
        "wb-knomad-bilateral-2017",
        ("remittances_2017", "migrants_2017"),
        use="people: remittance and migrant matrices 2017 (terms unverified)",
    ),
    SourceEntry(
        "cow_igo", "cow_igo", "knowledge", "cow-igo-v3", use="knowledge base (derived table)"
    ),
    SourceEntry("desta", "desta", "knowledge", "desta", use="knowledge base (derived table)"),
    SourceEntry("seed_facts", "", "knowledge", use="knowledge base"),
)


def source(source_id: str) -> SourceEntry:
    """The registry entry of ``source_id``; InputError listing the known ids otherwise."""
    for entry in SOURCES:
        if entry.id == source_id:
            return entry
    known = ", ".join(s.id for s in SOURCES)
    raise InputError("source_id", f"unknown source '{source_id}'; known: {known}")


def snapshot_sources(include_optional: bool = False) -> tuple[SourceEntry, ...]:
    """Sources of the default snapshot in reading order (with the optional ones when asked)."""
    roles = {"snapshot", "optional"} if include_optional else {"snapshot"}
    return tuple(s for s in SOURCES if s.role in roles)


def updaters() -> dict[str, SourceEntry]:
    """Updater id -> source, in registry order."""
    return {s.updater: s for s in SOURCES if s.updater}


def snapshot_tables() -> tuple[str, ...]:
    """Every table some snapshot source feeds, in first-seen order."""
    seen: dict[str, None] = {}
    for entry in snapshot_sources(include_optional=True):
        seen.update(dict.fromkeys(entry.tables))
    return tuple(seen)
