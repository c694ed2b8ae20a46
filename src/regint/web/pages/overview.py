"""Overview: a map of the region coloured by an indicator in a year, key figures, verdicts."""

from __future__ import annotations

from typing import Literal

import pandas as pd
from pydantic import Field

from regint.core.vocab import FIRST_YEAR, LAST_YEAR
from regint.web.pages import cached
from regint.web.pages.base import Page, Params, View, merge_origins

MapIndicator = Literal["intra_regional_share", "intra_regional_intensity", "partner_concentration"]
KEY_FIGURES = ("intra_regional_share", "intra_regional_intensity", "introversion")


class OverviewParams(Params):
    indicator: MapIndicator = Field(
        "intra_regional_share", description="Indicator that colours the map (country level)."
    )
    year: int | None = Field(
        None,
        ge=FIRST_YEAR,
        le=LAST_YEAR,
        description="Year shown (default: the last year with values).",
    )
    region: str = Field(
        "c5",
        pattern=r"^[A-Za-z0-9_]{1,40}(@[0-9-]{4,10})?$",
        description="Region id: c5, an organisation (eaeu) or organisation@date.",
    )


def build(params: OverviewParams) -> View:
    states = cached.series(params.indicator, params.region, "country")
    # By default, the last year in which the region's own share has a value (not a year that
    # rests on one state's statistics alone).
    share = cached.series("intra_regional_share", params.region, "region")
    year = cached.pick_year(states, params.year) if params.year else cached.pick_year(share, None)
    on_map = states[states["year"] == year].reset_index(drop=True)
    figures, provs = _key_figures(params.region, year)
    check = cached.claim_check(params.region, None)
    verdicts = check.to_frame()
    return View(
        tables={"map": on_map, "key_figures": figures, "verdicts": verdicts},
        origins=merge_origins(states.attrs["provenance"], *provs, check.provenance),
        choices={
            "indicators": cached.indicator_choices("country"),
            "years": sorted(int(y) for y in states["year"].unique()),
            "year": year,
            "members": sorted(check.region.all_members()),
            "regions": list(cached.REGION_CHOICES),
        },
    )


def _key_figures(region: str, year: int) -> tuple[pd.DataFrame, list[dict]]:
    rows, provs = [], []
    for indicator in KEY_FIGURES:
        frame = cached.series(indicator, region, "region")
        provs.append(frame.attrs["provenance"])
        meta = frame.attrs["provenance"]["indicator"]
        match = frame[frame["year"] == year]
        value = float(match["value"].iloc[0]) if len(match) else float("nan")
        rows.append(
            {
                "indicator": indicator,
                "title": meta["title"],
                "unit": meta["unit"],
                "year": year,
                "value": value,
                "flow_sources": match["flow_sources"].iloc[0] if len(match) else None,
            }
        )
    return pd.DataFrame(rows), provs


PAGE = Page(
    id="overview",
    title="Overview",
    summary="The region on a map, its key figures and the study's claims at a glance.",
    params=OverviewParams,
    build=build,
    tables=("map", "key_figures", "verdicts"),
)
