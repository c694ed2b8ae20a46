"""Trade integration: indicators over time for the region and each state, with their switches."""

from __future__ import annotations

from typing import Literal

import pandas as pd
from pydantic import Field

from regint.api import indicators
from regint.core.options import BASIS_DEFAULT, CIF_FOB_DEFAULT, CIF_FOB_RANGE, Basis
from regint.core.vocab import FIRST_YEAR, LAST_YEAR
from regint.web.pages import cached
from regint.web.pages.base import Page, Params, View, merge_origins

TradeIndicator = Literal[
    "intra_regional_share",
    "intra_regional_intensity",
    "homogeneous_intensity",
    "introversion",
    "partner_concentration",
]
REGION_PATTERN = r"^[A-Za-z0-9_]{1,40}(@[0-9-]{4,10})?$"


class TradeParams(Params):
    indicator: TradeIndicator = Field("intra_regional_share", description="Indicator id.")
    region: str = Field("c5", pattern=REGION_PATTERN, description="Region id (c5, eaeu, ...).")
    basis: Basis = Field(BASIS_DEFAULT, description="Trade basis: whose report a flow rests on.")
    cif_fob: float = Field(
        CIF_FOB_DEFAULT,
        ge=CIF_FOB_RANGE[0],
        le=CIF_FOB_RANGE[1],
        allow_inf_nan=False,
        description="CIF/FOB factor dividing importers' CIF values (the core option's range).",
    )
    year: int = Field(
        2018,
        ge=FIRST_YEAR,
        le=LAST_YEAR,
        description="Year of the counting-convention (definitions) view.",
    )


def build(params: TradeParams) -> View:
    region = cached.series(
        params.indicator, params.region, "region", params.basis, round(params.cif_fob, 4)
    )
    provs = [region.attrs["provenance"]]
    levels = region.attrs["provenance"]["indicator"]["levels"]
    states = pd.DataFrame(columns=["year", "country", "value", "period"])
    if "country" in levels:
        states = cached.series(
            params.indicator, params.region, "country", params.basis, round(params.cif_fob, 4)
        )
        provs.append(states.attrs["provenance"])
    definitions = indicators.definitions(params.year, region=params.region, cif_fob=params.cif_fob)
    provs.append(definitions.attrs["provenance"])
    meta = region.attrs["provenance"]["indicator"]
    national = sorted(int(y) for y in region.loc[region["period"] != "panel", "year"])
    return View(
        tables={"region": region, "states": states, "definitions": definitions},
        origins=merge_origins(*provs),
        notes=list(region.attrs["provenance"].get("notes", [])),
        choices={
            "indicators": cached.indicator_choices(),
            "indicator": {k: meta[k] for k in ("id", "title", "unit", "formula", "direction")},
            "bases": list(cached.BASES),
            "regions": list(cached.REGION_CHOICES),
            "break_year": national[0] if national else None,
            "counting": region.attrs["provenance"].get("counting", ""),
        },
    )


PAGE = Page(
    id="trade",
    title="Trade integration",
    summary="Intra-regional trade indicators over time, for the region and each state.",
    params=TradeParams,
    build=build,
    tables=("region", "states", "definitions"),
)
