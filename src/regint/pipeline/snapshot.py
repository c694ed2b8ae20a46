"""Assemble the default snapshot's tables from the raw public sources.

The snapshot holds:
- ``flows``: every country pair of the IMF DOTS world panel for 1992-2020, and the C5 flows
  from national statistics for the years after the panel (2021-2025 where a source has
  them), each value with its source id, both sides side by side;
- ``reported_totals``: each DOTS reporter's own World total next to its partner sum;
- ``national`` and ``national_totals``: the national tables as published (for the bridge
  check and for coverage notes);
- ``eu27_exports``, ``wdi``, ``countries``, ``geodist``, ``geo``;
- ``migrant_stock``, ``remittances_2017``, ``migrants_2017``: the people driver (UN DESA, KNOMAD).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from regint.core.options import Progress, quiet
from regint.core.provenance import Origin, SourceTable
from regint.core.version import __version__
from regint.core.vocab import FIRST_YEAR, FLOW_COLUMNS, LAST_YEAR, PANEL_LAST_YEAR
from regint.sources.contract import check_contents

# WDI indicators the online updater refreshes by default (the snapshot keeps every shipped one).
WDI_INDICATORS = (
    "ny.gdp.mktp.cd",
    "ny.gdp.pcap.cd",
    "sp.pop.totl",
    "tx.val.mrch.cd.wt",
    "tm.val.mrch.cd.wt",
    "tg.val.totl.gd.zs",
    "bx.trf.pwkr.cd.dt",
    "bx.klt.dinv.cd.wd",
    "lp.lpi.ovrl.xq",
    "pa.nus.fcrf",
    "tx.val.fuel.zs.un",
    "tx.val.mmtl.zs.un",
    "ny.gdp.mktp.kd.zg",
)


@dataclass
class SnapshotBuild:
    """Tables ready to write, with the origins and input locks behind them."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    origins: dict[str, Origin] = field(default_factory=dict)
    table_sources: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    read: dict[str, SourceTable] = field(default_factory=dict)

    def add(self, name: str, frame: pd.DataFrame, *sources: SourceTable) -> None:
        """Set table ``name``, read from ``sources`` (it replaces an earlier version)."""
        self.tables[name] = frame.reset_index(drop=True)
        self.table_sources[name] = sorted({s.origin.source_id for s in sources})
        for s in sources:
            self.origins[s.origin.source_id] = s.origin
            self.read[s.origin.source_id] = s

    def sources_of(self, name: str) -> list[SourceTable]:
        """The source tables behind table ``name`` so far."""
        return [self.read[sid] for sid in self.table_sources.get(name, [])]

    def source_table(self, source_id: str) -> SourceTable:
        """A source already read in this build (a later step may build on it)."""
        return self.read[source_id]

    def manifest(self) -> dict[str, Any]:
        return {
            "code_version": __version__,
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "years": {
                "panel": [FIRST_YEAR, PANEL_LAST_YEAR],
                "national": [PANEL_LAST_YEAR + 1, LAST_YEAR],
            },
            "sources": [o.to_dict() | {"files": []} for o in self.origins.values()],
            "inputs": {sid: [f.__dict__ for f in o.files] for sid, o in self.origins.items()},
            "tables": {name: {"sources": ids} for name, ids in self.table_sources.items()},
            "notes": self.notes,
        }


SORT_KEYS = {
    "flows": ["exporter", "importer", "year"],
    "national": ["reporter", "flow", "partner_kind", "partner", "year"],
    "wdi": ["indicator", "country", "year"],
    "migrant_stock": ["destination", "origin", "year"],
    "remittances_2017": ["sender", "receiver"],
    "migrants_2017": ["destination", "origin"],
}


@dataclass(frozen=True)
class SnapshotRequest:
    """What a snapshot step may need besides the raw folder."""

    raw_dir: Path
    sources: tuple[str, ...]  # the registry ids read in this build
    wdi_indicators: tuple[str, ...] | None = None  # None: every file in wb-wdi/indicators
    verify_contents: bool = True  # each source proves it holds what it declares (real files)


def _step_countries(req: SnapshotRequest, out: SnapshotBuild) -> None:
    from regint.sources import countries

    ref = countries.read_country_codes(req.raw_dir)
    out.add("countries", ref.frame, ref)


def _step_dots(req: SnapshotRequest, out: SnapshotBuild) -> None:
    from regint.pipeline.dots import build_dots_flows
    from regint.pipeline.totals import build_reported_totals, split_world_rows
    from regint.sources import imf_dots

    dots = imf_dots.read_dots(req.raw_dir, world=True)
    if req.verify_contents:
        check_contents(dots.frame, imf_dots.CONTENTS, req.raw_dir / "imf-dots")
    country_rows, world_rows = split_world_rows(dots.frame)
    panel = build_dots_flows(
        country_rows, first_year=FIRST_YEAR, last_year=PANEL_LAST_YEAR, estimates="flag"
    )
    out.add("flows", panel[list(FLOW_COLUMNS)], dots)
    out.add("reported_totals", build_reported_totals(country_rows, world_rows), dots)


def _step_national(req: SnapshotRequest, out: SnapshotBuild) -> None:
    """The national statistics, together: two reporters' reports may fill one flow's two sides."""
    from regint.pipeline.national import build_national_flows, build_national_totals
    from regint.sources import national

    wanted = [national.SOURCE_IDS[sid] for sid in req.sources if sid in national.SOURCE_IDS]
    tables = [national.read_national_source(req.raw_dir, spec) for spec in wanted]
    for spec, table in zip(wanted, tables, strict=True):  # each source proves what it holds
        if req.verify_contents:
            check_contents(table.frame, spec.contents, req.raw_dir / spec.folder / spec.file)
    later = build_national_flows(tables, years=range(PANEL_LAST_YEAR + 1, LAST_YEAR + 1))
    panel = out.tables["flows"]
    flows = pd.concat([panel, later], ignore_index=True)[list(FLOW_COLUMNS)]
    out.add("flows", flows, *out.sources_of("flows"), *tables)
    out.add("national", pd.concat([t.frame for t in tables], ignore_index=True), *tables)
    out.add("national_totals", build_national_totals(tables), *tables)


def _step_wdi(req: SnapshotRequest, out: SnapshotBuild) -> None:
    from regint.sources import wdi

    table = wdi.read_wdi(req.raw_dir, indicators=req.wdi_indicators, first_year=1990)
    if req.verify_contents:
        check_contents(table.frame, wdi.CONTENTS, req.raw_dir / wdi.FOLDER)
    out.add("wdi", table.frame, table)


def _step_migrant_stock(req: SnapshotRequest, out: SnapshotBuild) -> None:
    """UN DESA bilateral migrant stocks (licence unverified: the table's notes say so)."""
    from regint.sources import migrant_stock

    table = migrant_stock.read_migrant_stock(req.raw_dir)
    if req.verify_contents:
        path = req.raw_dir / migrant_stock.FOLDER / migrant_stock.FILE
        check_contents(table.frame, migrant_stock.CONTENTS, path)
    out.add("migrant_stock", table.frame, table)
    out.notes.extend(f"migrant_stock: {note}" for note in table.notes)


def _step_knomad(req: SnapshotRequest, out: SnapshotBuild) -> None:
    """World Bank/KNOMAD 2017 remittance and migrant-stock matrices (terms unverified)."""
    from regint.sources import knomad

    folder = req.raw_dir / knomad.FOLDER
    for name, table, contents, file in (
        (
            "remittances_2017",
            knomad.read_knomad_remittances(req.raw_dir),
            knomad.REMITTANCE_CONTENTS,
            knomad.REMITTANCE_FILE,
        ),
        (
            "migrants_2017",
            knomad.read_knomad_migrants(req.raw_dir),
            knomad.MIGRANT_CONTENTS,
            knomad.MIGRANT_FILE,
        ),
    ):
        if req.verify_contents:
            check_contents(table.frame, contents, folder / file)
        out.add(name, table.frame, table)
        out.notes.extend(f"{name}: {note}" for note in table.notes)


def _step_eurostat(req: SnapshotRequest, out: SnapshotBuild) -> None:
    from regint.sources import eurostat

    wdi_table = out.source_table("wb_wdi")
    rates = wdi_table.frame[wdi_table.frame["indicator"] == "pa.nus.fcrf"]
    eu = eurostat.read_eurostat_eu27_exports(req.raw_dir, rates)
    if req.verify_contents:
        path = req.raw_dir / eurostat.FOLDER / eurostat.FILE
        check_contents(eu.frame, eurostat.CONTENTS, path)
    out.add("eu27_exports", eu.frame, eu, wdi_table)


def _step_cepii(req: SnapshotRequest, out: SnapshotBuild) -> None:
    from regint.sources import cepii

    dist, geo = cepii.read_geodist(req.raw_dir), cepii.read_geo(req.raw_dir)
    if req.verify_contents:
        folder = req.raw_dir / cepii.FOLDER
        check_contents(dist.frame, cepii.DIST_CONTENTS, folder / cepii.DIST_FILE)
        check_contents(geo.frame, cepii.GEO_CONTENTS, folder / cepii.GEO_FILE)
    out.add("geodist", dist.frame, dist)
    out.add("geo", geo.frame, geo)


Step = Callable[[SnapshotRequest, SnapshotBuild], None]
# One step per source module of the registry (regint.sources.registry.SOURCES), with what it
# says while it runs. A module that serves several sources (national) reads them together.
STEPS: dict[str, tuple[str, Step]] = {
    "countries": ("country reference", _step_countries),
    "imf_dots": ("IMF DOTS workbooks", _step_dots),
    "national": ("national statistics", _step_national),
    "wdi": ("World Development Indicators", _step_wdi),
    "eurostat": ("Eurostat EU-27 exports", _step_eurostat),
    "cepii": ("CEPII GeoDist", _step_cepii),
    "migrant_stock": ("people: UN DESA migrant stocks", _step_migrant_stock),
    "knomad": ("people: KNOMAD remittances and migrants 2017", _step_knomad),
}


def build_snapshot_tables(
    raw_dir: Path,
    *,
    include_kgz: bool = False,
    wdi_indicators: tuple[str, ...] | None = None,
    verify_contents: bool = True,
    progress: Progress | None = None,
) -> SnapshotBuild:
    """Read every snapshot source of the registry, in its order, and harmonise it into tables.

    ``include_kgz`` adds the optional sources (the Kyrgyz NSC tables, whose licence is
    unverified); ``wdi_indicators`` are the WDI series kept (default: every shipped file, 44 on
    2026-12-06; the test fixtures hold three);
    ``verify_contents=False`` skips the sources' declared minimum contents, which describe the
    real files (only the tests' small fixtures need it).
    """
    from regint.sources.registry import snapshot_sources

    say = progress or quiet
    chosen = snapshot_sources(include_optional=include_kgz)
    request = SnapshotRequest(
        Path(raw_dir), tuple(s.id for s in chosen), wdi_indicators, verify_contents
    )
    out = SnapshotBuild()
    for module in dict.fromkeys(s.module for s in chosen):
        label, step = STEPS[module]
        say(label)
        step(request, out)
    if not include_kgz:
        out.notes.append(
            "Kyrgyz NSC tables left out (licence unverified): import with --include-kgz."
        )
    return out
