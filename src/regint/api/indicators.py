"""Compute trade-integration indicators from the warehouse, with provenance attached."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import pandas as pd

from regint.api.options import parse_countries, parse_years, resolve_region
from regint.api.warehouse import open_warehouse
from regint.core.provenance import attach_provenance
from regint.core.regions import Region
from regint.core.vocab import CIF_FOB_DEFAULT
from regint.indicators.base import TradeData
from regint.indicators.coverage import compute_coverage
from regint.indicators.registry import INDICATORS
from regint.indicators.registry import compute as compute_indicator
from regint.pipeline.reconcile import check_basis, check_cif_fob
from regint.storage import queries

PathLike = str | os.PathLike[str] | None

COUNTING = ("Each directed flow is counted once (exporter -> importer); a pair's trade T_ij = X_ij + X_ji. "
            "T_R sums members' trade with the world, so intra-regional trade enters once per member.")


def list_indicators() -> pd.DataFrame:
    """The indicator catalogue: id, title, unit, formula, direction, citation."""
    rows = [meta.to_dict() for meta in INDICATORS.values()]
    return pd.DataFrame(rows)


def show_indicator(indicator_id: str) -> dict[str, Any]:
    from regint.core.errors import InputError

    if indicator_id not in INDICATORS:
        raise InputError("indicator", f"unknown indicator '{indicator_id}'; choose one of {', '.join(INDICATORS)}")
    return INDICATORS[indicator_id].to_dict()


def region_for(region: str | Region | None, countries: str | Sequence[str] | None,
               known: set[str]) -> Region:
    if countries:
        codes = parse_countries(countries, known)
        return Region.fixed("custom", ", ".join(codes), codes, source="user list")
    return resolve_region(region)


def load_trade_data(con: Any, region: Region, years: list[int], basis: str, cif_fob: float) -> TradeData:
    """Fill the indicators' input contract from the warehouse."""
    members = region.all_members()
    first, last = min(years), max(years)
    flows = queries.load_flows(con, members, first, last, basis, cif_fob)
    totals = queries.load_totals(con, members, first, last, basis, cif_fob)
    world = queries.load_world(con, first, last, basis, cif_fob)
    if len(years) != last - first + 1:  # a list with gaps: keep only the years asked for
        keep = set(years)
        flows, totals, world = (f[f["year"].isin(keep)].reset_index(drop=True) for f in (flows, totals, world))
    return TradeData(flows=flows, totals=totals, world=world, basis=basis, cif_fob=cif_fob)


def compute(indicator: str, *, region: str | Region | None = "c5", countries: str | Sequence[str] | None = None,
            years: str | int | Sequence[int] | None = None, basis: str = "reconciled", level: str | None = None,
            cif_fob: float = CIF_FOB_DEFAULT, warehouse: PathLike = None) -> pd.DataFrame:
    """Compute one indicator; the frame carries per-year coverage columns and provenance.

    >>> import regint
    >>> share = regint.compute("intra_regional_share", years="2005-2020")  # doctest: +SKIP
    """
    show_indicator(indicator)
    check_basis(basis)
    check_cif_fob(cif_fob)
    with open_warehouse(warehouse) as con:
        first, last = queries.load_year_range(con)
        year_list = parse_years(years, first, last)
        reg = region_for(region, countries, queries.load_known_countries(con))
        data = load_trade_data(con, reg, year_list, basis, cif_fob)
        result = compute_indicator(indicator, data, reg, level=level)
        coverage = compute_coverage(data, reg, year_list)
        sources = queries.load_sources(con, _source_ids(data))
        build = queries.load_build_info(con)
    level_used = result.attrs.get("level", level)
    result = result.merge(coverage, on="year", how="left") if len(result) else result
    result.attrs["level"] = level_used
    provenance = {
        "level": level_used,
        "indicator": INDICATORS[indicator].to_dict(),
        "region": {"id": reg.id, "label": reg.label, "source": reg.source},
        "basis": basis, "cif_fob": cif_fob, "counting": COUNTING,
        "sources": sources, "build": build,
    }
    return attach_provenance(result, provenance)


def _source_ids(data: TradeData) -> set[str]:
    frames = (data.flows, data.totals, data.world)
    return {str(s) for f in frames for s in f["source"].dropna().unique()}


def definitions(year: int, *, region: str | Region | None = "c5", countries: str | Sequence[str] | None = None,
                cif_fob: float = CIF_FOB_DEFAULT, warehouse: PathLike = None) -> pd.DataFrame:
    """Intra-regional trade of one year under each counting convention, side by side."""
    from regint.indicators.definitions import compute_definitions_view

    check_cif_fob(cif_fob)
    with open_warehouse(warehouse) as con:
        first, last = queries.load_year_range(con)
        (year_,) = parse_years(int(year), first, last)
        reg = region_for(region, countries, queries.load_known_countries(con))
        members = reg.members(year_)
        both = queries.load_both_sides(con, members, year_, year_)
        reconciled = queries.load_flows(con, members, year_, year_, "reconciled", cif_fob)
        ids = set(both["exporter_source"].dropna()) | set(both["importer_source"].dropna())
        sources = queries.load_sources(con, ids)
        build = queries.load_build_info(con)
    frame = compute_definitions_view(both, reconciled, members, year_, cif_fob)
    return attach_provenance(frame, {
        "view": "definitions", "year": year_, "region": {"id": reg.id, "label": reg.label},
        "members": sorted(members), "cif_fob": cif_fob, "sources": sources, "build": build,
    })
