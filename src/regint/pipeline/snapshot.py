"""Assemble the default snapshot's tables from the raw public sources.

The snapshot holds:
- ``flows``: every country pair of the IMF DOTS world panel for 1992-2020, and the C5 flows
  from national statistics for the years after the panel (2021-2025 where a source has
  them), each value with its source id, both sides side by side;
- ``reported_totals``: each DOTS reporter's own World total next to its partner sum;
- ``national`` and ``national_totals``: the national tables as published (for the bridge
  check and for coverage notes);
- ``eu27_exports``, ``wdi``, ``countries``, ``geodist``, ``geo``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from regint.core.options import Progress
from regint.core.provenance import Origin, SourceTable
from regint.core.version import __version__
from regint.core.vocab import FIRST_YEAR, FLOW_COLUMNS, LAST_YEAR, PANEL_LAST_YEAR

# WDI indicators the snapshot keeps (all countries, from 1990).
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

    def add(self, name: str, frame: pd.DataFrame, *sources: SourceTable) -> None:
        self.tables[name] = frame.reset_index(drop=True)
        self.table_sources[name] = sorted({s.origin.source_id for s in sources})
        for s in sources:
            self.origins[s.origin.source_id] = s.origin

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
}


def build_snapshot_tables(
    raw_dir: Path, *, include_kgz: bool = False, progress: Progress | None = None
) -> SnapshotBuild:
    """Read every source through its loader and harmonise it into snapshot tables."""
    from regint.pipeline.dots import build_dots_flows
    from regint.pipeline.national import build_national_flows, build_national_totals
    from regint.pipeline.totals import build_reported_totals, split_world_rows
    from regint.sources import cepii, countries, eurostat, imf_dots, national, wdi
    from regint.sources.contract import check_contents

    say = progress or (lambda _m: None)
    out = SnapshotBuild()
    say("country reference")
    ref = countries.read_country_codes(raw_dir)
    out.add("countries", ref.frame, ref)
    say("IMF DOTS workbooks")
    dots = imf_dots.read_dots(raw_dir, world=True)
    country_rows, world_rows = split_world_rows(dots.frame)
    panel = build_dots_flows(
        country_rows, first_year=FIRST_YEAR, last_year=PANEL_LAST_YEAR, estimates="flag"
    )
    say("national statistics")
    nat_tables = national.read_national(raw_dir, include_kgz=include_kgz)
    for table in nat_tables:  # each source proves it holds what it must
        spec = national.SOURCES[str(table.frame["reporter"].iloc[0])]
        check_contents(table.frame, spec.contents, raw_dir / spec.folder / spec.file)
    later = build_national_flows(nat_tables, years=range(PANEL_LAST_YEAR + 1, LAST_YEAR + 1))
    flows = pd.concat([panel, later], ignore_index=True)[list(FLOW_COLUMNS)]
    out.add("flows", flows, dots, *nat_tables)
    out.add("reported_totals", build_reported_totals(country_rows, world_rows), dots)
    out.add("national", pd.concat([t.frame for t in nat_tables], ignore_index=True), *nat_tables)
    out.add("national_totals", build_national_totals(nat_tables), *nat_tables)
    if not include_kgz:
        out.notes.append(
            "Kyrgyz NSC tables left out (licence unverified): import with --include-kgz."
        )
    say("World Development Indicators")
    wdi_table = wdi.read_wdi(raw_dir, indicators=WDI_INDICATORS, first_year=1990)
    check_contents(wdi_table.frame, wdi.CONTENTS, raw_dir / wdi.FOLDER)
    out.add("wdi", wdi_table.frame, wdi_table)
    say("Eurostat EU-27 exports")
    rates = wdi_table.frame[wdi_table.frame["indicator"] == "pa.nus.fcrf"]
    eu = eurostat.read_eurostat_eu27_exports(raw_dir, rates)
    out.add("eu27_exports", eu.frame, eu, wdi_table)
    say("CEPII GeoDist")
    dist, geo = cepii.read_geodist(raw_dir), cepii.read_geo(raw_dir)
    out.add("geodist", dist.frame, dist)
    out.add("geo", geo.frame, geo)
    return out
