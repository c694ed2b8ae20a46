"""Compute trade-integration indicators from the warehouse, with provenance attached."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from regint.api.knowledge import resolve_region
from regint.api.warehouse import open_warehouse
from regint.core.errors import InputError
from regint.core.options import (
    BASIS_DEFAULT,
    CIF_FOB_DEFAULT,
    REGION_DEFAULT,
    Basis,
    Countries,
    Level,
    PathLike,
    Years,
    check_basis,
    check_cif_fob,
    check_level,
    parse_countries,
    parse_years,
)
from regint.core.provenance import Provenance, attach_provenance, make_provenance
from regint.core.regions import Region, check_region_years, is_default_region, require_members
from regint.core.version import __version__
from regint.core.vocab import Dimension
from regint.indicators.base import TradeData
from regint.indicators.coverage import (
    PROVENANCE_COUNTING,
    compute_coverage,
    join_coverage,
    source_ids,
)
from regint.indicators.masking import (
    compute_masking_notes,
    format_years,
    has_enough_coverage,
    has_enough_pairs,
)
from regint.indicators.registry import INDICATORS, indicators_in
from regint.indicators.registry import compute as compute_indicator
from regint.storage import queries

__all__ = [
    "catalogue_provenance",
    "compute",
    "definitions",
    "has_enough_coverage",
    "has_enough_pairs",
    "indicator_ids",
    "list_indicators",
    "load_trade_data",
    "region_for",
    "show_indicator",
]


def list_indicators(dimension: str | None = None) -> pd.DataFrame:
    """The indicator catalogue: id, title, dimension, unit, formula, direction, citation.

    ``dimension`` keeps one dimension (trade, people, water_energy, connectivity, security,
    institutions; spellings such as 'water and energy' are accepted). Its provenance is the
    indicators' citations and the code version (no warehouse needed).
    """
    metas = indicators_in(dimension)
    frame = pd.DataFrame([meta.to_dict() for meta in metas])
    return attach_provenance(frame, catalogue_provenance([m.id for m in metas]))


def indicator_ids(
    dimension: Dimension | None = None, level: Level | None = None
) -> tuple[str, ...]:
    """Ids of the registered indicators, in registry order, optionally of one dimension or level.

    >>> indicator_ids("trade", "region")[:2]
    ('intra_regional_share', 'intra_regional_intensity')
    """
    return tuple(
        meta.id
        for meta in INDICATORS.values()
        if (dimension is None or meta.dimension == dimension)
        and (level is None or level in meta.levels)
    )


def catalogue_provenance(indicator_ids: Sequence[str] | None = None) -> Provenance:
    """Where the definitions come from: each indicator's citation, and the code version."""
    ids = list(INDICATORS) if indicator_ids is None else list(indicator_ids)
    return make_provenance(
        view="indicator catalogue",
        citations={i: INDICATORS[i].citation for i in ids},
        code_version=__version__,
    )


def show_indicator(indicator_id: str) -> dict[str, Any]:
    """The metadata record of one indicator (formula, citation, masking rule and thresholds)."""
    if indicator_id not in INDICATORS:
        raise InputError(
            "indicator",
            f"unknown indicator '{indicator_id}'; choose one of {', '.join(INDICATORS)}",
        )
    return INDICATORS[indicator_id].to_dict()


def region_for(
    region: str | Region | None,
    countries: Countries,
    known: set[str],
    *,
    traded: set[str] | None = None,
    minimum: int = 2,
    why: str = "a region needs at least two countries",
) -> Region:
    """The region a user asked for: ``countries`` (at least two) or ``region``, never both.

    ``traded`` (the codes in the trade data, see :func:`regint.storage.queries.load_trade_countries`) refuses known codes
    that are not countries there, such as the USSR.
    """
    if countries is not None:
        if not is_default_region(region):
            raise InputError(
                "region",
                f"'{_region_name(region)}' and a country list cannot be combined: give one of them",
            )
        codes = parse_countries(countries, known, traded, minimum=minimum, why=why)
        return Region.fixed("custom", ", ".join(codes), codes, source="user list")
    return require_members(resolve_region(region if region is not None else REGION_DEFAULT))


def _region_name(region: str | Region | None) -> str:
    return region.id if isinstance(region, Region) else str(region)


def load_trade_data(
    con: Any, region: Region, years: list[int], basis: Basis, cif_fob: float
) -> TradeData:
    """Fill the indicators' input contract from the warehouse."""
    members = region.all_members()
    first, last = min(years), max(years)
    flows = queries.load_flows(con, members, first, last, basis, cif_fob)
    totals = queries.load_totals(con, members, first, last, basis, cif_fob)
    world = queries.load_world(con, first, last, basis, cif_fob)
    reference = queries.load_reference_totals(con, members, first, last)
    if len(years) != last - first + 1:  # a list with gaps: keep only the years asked for
        keep = set(years)
        flows, totals, world, reference = (
            f[f["year"].isin(keep)].reset_index(drop=True)
            for f in (flows, totals, world, reference)
        )
    return TradeData(
        flows=flows,
        totals=totals,
        world=world,
        basis=basis,
        cif_fob=cif_fob,
        reference_totals=reference,
    )


def _selection(
    con: Any,
    region: str | Region | None,
    countries: Countries,
    years: Years,
    parameter: str = "years",
    minimum: int = 2,
    why: str = "a region needs at least two countries",
) -> tuple[Region, list[int], list[int]]:
    """The region, the years asked for that have members, and those left out (no members)."""
    first, last = queries.load_year_range(con)
    year_list = parse_years(years, first, last, parameter)
    known = {r[0] for r in con.execute("SELECT iso3 FROM ref.countries").fetchall() if r[0]}
    traded = queries.load_trade_countries(con)
    reg = region_for(region, countries, known | traded, traded=traded, minimum=minimum, why=why)
    empty = check_region_years(reg, year_list)
    return reg, [y for y in year_list if y not in empty], empty


def compute(
    indicator: str,
    *,
    years: Years = None,
    basis: Basis = BASIS_DEFAULT,
    cif_fob: float = CIF_FOB_DEFAULT,
    region: str | Region | None = REGION_DEFAULT,
    countries: Countries = None,
    level: Level | None = None,
    warehouse: PathLike | None = None,
) -> pd.DataFrame:
    """Compute one indicator; the frame carries coverage columns and provenance.

    See :func:`regint.compute` for the parameters. Coverage columns are per year at region
    level and per member-year at country level. Values resting on too few member pairs or too
    little known trade are NaN (the indicator's ``masking`` rule);
    ``attrs['provenance']['notes']`` says where and why.
    """
    show_indicator(indicator)
    if INDICATORS[indicator].dimension != "trade":
        from regint.api.drivers import compute_driver_indicator

        # A trade basis or CIF/FOB factor means nothing to a driver: refuse it, never ignore it.
        if basis != BASIS_DEFAULT or cif_fob != CIF_FOB_DEFAULT:
            name = "basis" if basis != BASIS_DEFAULT else "cif_fob"
            raise InputError(
                name, f"applies to trade indicators only; {indicator} is a driver indicator"
            )
        return compute_driver_indicator(
            indicator,
            region=region,
            countries=countries,
            years=years,
            level=level,
            warehouse=warehouse,
        )
    basis = check_basis(basis)
    cif_fob = check_cif_fob(cif_fob)
    if level is not None:
        level = check_level(level)
    meta = INDICATORS[indicator]
    single = [m for m in INDICATORS.values() if m.min_countries == 1]
    why = (
        f"{indicator} needs at least two countries (a region); for one country use "
        f"{' or '.join(m.id for m in single)} at country level"
    )
    with open_warehouse(warehouse) as con:
        reg, year_list, left_out = _selection(
            con, region, countries, years, minimum=meta.min_countries, why=why
        )
        data = load_trade_data(con, reg, year_list, basis, cif_fob)
        result = compute_indicator(indicator, data, reg, level=level)
        level_used = result.attrs["level"]
        coverage = compute_coverage(data, reg, year_list, level=level_used)
        sources = queries.load_sources(con, source_ids(data))
        build = queries.load_build_info(con)
    notes = compute_masking_notes(result)  # before the coverage columns: each rule its column
    result = join_coverage(result, coverage, level_used)
    if left_out:
        notes.append(f"years with no members of {reg.id} are left out: {format_years(left_out)}")
    provenance = make_provenance(
        level=level_used,
        indicator=meta.to_dict(),
        region={"id": reg.id, "label": reg.label, "source": reg.source},
        basis=basis,
        cif_fob=cif_fob,
        counting=PROVENANCE_COUNTING,
        masking=meta.masking,
        notes=notes,
        sources=sources,
        build=build,
    )
    return attach_provenance(result, provenance)


def definitions(
    year: int,
    *,
    region: str | Region | None = REGION_DEFAULT,
    countries: Countries = None,
    cif_fob: float = CIF_FOB_DEFAULT,
    warehouse: PathLike | None = None,
) -> pd.DataFrame:
    """Intra-regional trade of one year under each counting convention, side by side.

    See :func:`regint.definitions` for the parameters. ``attrs['provenance']`` says how many
    member pairs have a known flow that year and which do not: each convention sums only the
    flows its side reports.
    """
    from regint.indicators.definitions import compute_definitions_view

    cif_fob = check_cif_fob(cif_fob)
    with open_warehouse(warehouse) as con:
        reg, (year_,), _ = _selection(con, region, countries, _one_year(year), parameter="year")
        members = reg.members(year_)
        both = queries.load_both_sides(con, members, year_, year_)
        reconciled = queries.load_flows(con, members, year_, year_, "reconciled", cif_fob)
        ids = set(both["exporter_source"].dropna()) | set(both["importer_source"].dropna())
        sources = queries.load_sources(con, ids)
        build = queries.load_build_info(con)
    frame = compute_definitions_view(both, reconciled, members, year_, cif_fob)
    view = frame.attrs["view"]
    return attach_provenance(
        frame,
        make_provenance(
            view="definitions",
            year=year_,
            region={"id": reg.id, "label": reg.label},
            members=sorted(members),
            cif_fob=cif_fob,
            pairs_covered=view["pairs_covered"],
            missing_pairs=view["missing_pairs"],
            sources=sources,
            build=build,
        ),
    )


def _one_year(year: object) -> int:
    """``year`` as an int; anything else is an InputError naming ``year``."""
    if isinstance(year, bool) or not isinstance(year, int | str):
        raise InputError("year", f"cannot read {year!r} as a year")
    text = str(year).strip()
    if not text.isdigit():
        raise InputError("year", f"cannot read {year!r} as a year; write e.g. 2018")
    return int(text)
