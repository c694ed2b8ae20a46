"""Compute the driver indicators (people, water and energy, connectivity, security,
institutions) from the warehouse and the knowledge base, with provenance attached."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd

from regint.api.knowledge import load_kb
from regint.api.warehouse import open_warehouse
from regint.core.options import Countries, PathLike, Years, check_level, parse_years
from regint.core.provenance import attach_provenance, make_provenance
from regint.core.regions import Region, check_region_years
from regint.core.vocab import LAST_YEAR
from regint.indicators.drivers.base import DriverData
from regint.indicators.drivers.registry import KB
from regint.indicators.registry import INDICATORS, compute_driver
from regint.knowledge.frames import compute_event_frame, compute_org_frame, compute_spell_frame
from regint.storage import drivers as store
from regint.storage import queries

FIRST_DRIVER_YEAR = 1990  # the first year of the WDI rows and UN DESA stocks in the snapshot
UNVERIFIED = {
    "un_desa_migrant_stock": "UN DESA migrant stock: licence (CC BY 3.0 IGO) not verified; "
    "identity with International Migrant Stock 2020 inferred",
    "wb_knomad_2017": "World Bank/KNOMAD 2017 matrices: modelled estimates; terms not verified",
}


def load_driver_data(con: Any, members: frozenset[str], as_of: dt.date | None = None) -> DriverData:
    """Fill the driver indicators' input contract from the warehouse and the knowledge base.

    ``as_of`` is the date event counts stop at (today by default).
    """
    kb = load_kb()
    geo, dist = store.load_geography(con, members)
    return DriverData(
        wdi=store.load_wdi_for(con, members),
        migrants=store.load_migrant_stock(con, members),
        remittances=store.load_remittances(con, members),
        geo=geo,
        geodist=dist,
        events=compute_event_frame(kb, as_of),
        spells=compute_spell_frame(kb),
        orgs=compute_org_frame(kb),
    )


def compute_driver_indicator(
    indicator: str,
    *,
    region: str | Region | None = "c5",
    countries: Countries = None,
    years: Years = None,
    level: str | None = None,
    warehouse: PathLike | None = None,
) -> pd.DataFrame:
    """One driver indicator for a region (or a country list) and years, with provenance.

    Values the data do not give are NaN with a ``note``; ``attrs['provenance']['notes']`` sums
    them up. The frame is tidy: ``country`` (or ``reporter``/``partner``), ``year``, ``value``.
    """
    from regint.api.indicators import region_for

    meta = INDICATORS[indicator]
    if level is not None:
        level = check_level(level)
    year_list = parse_years(years, FIRST_DRIVER_YEAR, LAST_YEAR)
    with open_warehouse(warehouse) as con:
        known = {r[0] for r in con.execute("SELECT iso3 FROM ref.countries").fetchall() if r[0]}
        reg = region_for(region, countries, known)
        empty = check_region_years(reg, year_list)
        year_list = [y for y in year_list if y not in empty]
        data = load_driver_data(con, reg.all_members())
        sources = queries.load_sources(con, [s for s in meta.sources if s != KB])
        build = queries.load_build_info(con)
    result = compute_driver(indicator, data, reg, level, year_list)
    if KB in meta.sources:
        sources += load_kb().provenance()["sources"]
    provenance = make_provenance(
        level=result.attrs["level"],
        indicator=meta.to_dict(),
        dimension=meta.dimension,
        unit=meta.unit,
        direction=meta.direction,
        region={"id": reg.id, "label": reg.label, "source": reg.source},
        notes=_notes(result, meta.sources),
        sources=sources,
        build=build,
    )
    return attach_provenance(result, provenance)


def compute_driver_panel(
    requests: Sequence[tuple[str, str, str]],
    *,
    region: Region,
    warehouse: PathLike | None = None,
) -> list[pd.DataFrame]:
    """Several driver indicators on one warehouse read: ``(id, level, years)`` per request.

    One frame per request, in order; each carries ``attrs['provenance']`` like
    :func:`compute_driver_indicator` (the report draws one chart per dimension from these).
    """
    with open_warehouse(warehouse) as con:
        data = load_driver_data(con, region.all_members())
        sources = {s["source_id"]: s for s in queries.load_sources(con)}
        build = queries.load_build_info(con)
    kb_sources = load_kb().provenance()["sources"]
    out = []
    for indicator, level, years in requests:
        meta = INDICATORS[indicator]
        year_list = parse_years(years, FIRST_DRIVER_YEAR, LAST_YEAR)
        result = compute_driver(indicator, data, region, level, year_list)
        used = [sources[s] for s in meta.sources if s in sources]
        used += kb_sources if KB in meta.sources else []
        provenance = make_provenance(
            level=level,
            indicator=meta.to_dict(),
            dimension=meta.dimension,
            unit=meta.unit,
            direction=meta.direction,
            region={"id": region.id, "label": region.label},
            notes=_notes(result, meta.sources),
            sources=used,
            build=build,
        )
        out.append(attach_provenance(result, provenance))
    return out


def _notes(result: pd.DataFrame, source_ids: tuple[str, ...]) -> list[str]:
    notes = [UNVERIFIED[s] for s in source_ids if s in UNVERIFIED]
    if "value" in result.columns and len(result):
        blank = int(result["value"].isna().sum())
        if blank:
            notes.append(
                f"{blank} of {len(result)} values are blank (no data): the 'note' column says why"
            )
    return notes
