"""What the HTML report needs from the warehouse and the knowledge base, loaded in one pass.

The report owns its view model and display rules (:mod:`regint.report.view`); it tells this
function which indicators and which definition years to load. Trade is loaded once per basis
and shared between the claims and the indicator series.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from regint.api.claims import (
    ClaimCheck,
    evaluate_warehouse,
    load_kb_frames,
    make_check,
)
from regint.api.knowledge import overlap
from regint.api.warehouse import open_warehouse
from regint.claims import METRICS, Context, read_claims
from regint.claims.institutions import compute_institutions
from regint.claims.metrics_kb import regional_summits
from regint.core.options import (
    BASIS_DEFAULT,
    CIF_FOB_DEFAULT,
    REGION_DEFAULT,
    Countries,
    PathLike,
    Progress,
    quiet,
)
from regint.core.regions import Region
from regint.indicators.base import TradeData
from regint.indicators.coverage import compute_coverage
from regint.indicators.definitions import compute_definitions_view
from regint.indicators.registry import compute as compute_indicator
from regint.storage import queries


@dataclass(frozen=True)
class ReportInputs:
    """The claims' verdicts and the baseline tables the report draws, with their provenance."""

    check: ClaimCheck
    years: list[int]
    indicators: dict[str, pd.DataFrame]  # region level, every year
    country_share: pd.DataFrame
    definitions: dict[int, pd.DataFrame]
    coverage: pd.DataFrame
    institutions: pd.DataFrame
    overlap: pd.DataFrame
    summits: pd.DataFrame
    country_names: dict[str, str]  # from the reference table ref.countries


def _definitions(
    con: Any, data: TradeData, region: Region, years: Sequence[int], wanted: Sequence[int]
) -> dict[int, pd.DataFrame]:
    out = {}
    for year in (y for y in wanted if y in years):
        members = region.members(year)
        both = queries.load_both_sides(con, members, year, year)
        out[year] = compute_definitions_view(both, data.flows, members, year, data.cif_fob)
    return out


def load_report_inputs(
    region: str | Region | None = REGION_DEFAULT,
    *,
    indicators: Sequence[str],
    definition_years: Sequence[int],
    countries: Countries = None,
    as_of: dt.date | None = None,
    warehouse: PathLike | None = None,
    progress: Progress | None = None,
) -> ReportInputs:
    """Evaluate the claims and load the baseline series ``indicators`` and ``definition_years``."""
    say = progress or quiet
    claim_set = read_claims(metrics=set(METRICS))
    say("reading the knowledge base")
    kb, kb_prov = load_kb_frames(as_of)
    with open_warehouse(warehouse, progress=say) as con:
        run = evaluate_warehouse(con, region, countries, kb, claim_set.claims, say)
        reg, years = run.region, run.years
        base = run.evaluation.data[(BASIS_DEFAULT, CIF_FOB_DEFAULT)]
        say("computing indicators")
        series = {name: compute_indicator(name, base, reg, "region") for name in indicators}
        country_share = compute_indicator("intra_regional_share", base, reg, "country")
        definitions = _definitions(con, base, reg, years, definition_years)
        coverage = compute_coverage(base, reg, years)
        names = queries.load_country_names(con)
    members = sorted(reg.all_members())
    return ReportInputs(
        check=make_check(run, kb, claim_set, kb_prov),
        years=years,
        indicators=series,
        country_share=country_share,
        definitions=definitions,
        coverage=coverage,
        institutions=compute_institutions(kb, members),
        overlap=overlap(kb.as_of, countries=members).to_frame(),
        summits=regional_summits(Context(trade=None, kb=kb, region_members=tuple(members)), {}),
        country_names=names,
    )
