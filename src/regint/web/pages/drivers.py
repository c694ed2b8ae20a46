"""Drivers beyond trade: one view per dimension (people, water and energy, connectivity,
security, institutions), every indicator of the dimension over time for the region's states."""

from __future__ import annotations

from typing import Literal

import pandas as pd
from pydantic import Field

from regint.api import indicators
from regint.web.pages import cached
from regint.web.pages.base import Page, Params, View, merge_origins
from regint.web.pages.trade import REGION_PATTERN

DriverDimension = Literal["people", "water_energy", "connectivity", "security", "institutions"]
LONG_COLUMNS = ["indicator", "level", "country", "partner", "year", "value", "note"]


class DriversParams(Params):
    dimension: DriverDimension = Field("people", description="The driver dimension shown.")
    region: str = Field("c5", pattern=REGION_PATTERN, description="Region id (c5, eaeu, ...).")


def build(params: DriversParams) -> View:
    catalogue = indicators.list_indicators(params.dimension)
    frames, provs = [], []
    for row in catalogue.itertuples(index=False):
        level = str(list(row.levels)[0])
        frame = cached.series(str(row.id), params.region, level)
        provs.append(frame.attrs["provenance"])
        frames.append(_long(str(row.id), level, frame))
    series = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=LONG_COLUMNS)
    keep = ["id", "title", "unit", "direction", "levels", "formula", "citation"]
    table = catalogue[[c for c in keep if c in catalogue.columns]].copy()
    table["levels"] = table["levels"].map(lambda v: ", ".join(v))
    return View(
        tables={"indicators": table, "series": series},
        origins=merge_origins(*provs),
        notes=[n for p in provs for n in (p.get("notes") or [])],
        choices={
            "dimensions": ["people", "water_energy", "connectivity", "security", "institutions"],
            "regions": list(cached.REGION_CHOICES),
        },
    )


def _long(indicator: str, level: str, frame: pd.DataFrame) -> pd.DataFrame:
    """One indicator's rows in the page's long form (country or reporter/partner, year, value)."""
    out = pd.DataFrame(
        {
            "indicator": indicator,
            "level": level,
            "country": frame["reporter"] if "reporter" in frame else frame.get("country", "region"),
            "partner": frame["partner"] if "partner" in frame else None,
            "year": frame["year"],
            "value": frame["value"],
            "note": frame["note"] if "note" in frame else None,
        }
    )
    return out[LONG_COLUMNS]


PAGE = Page(
    id="drivers",
    title="Drivers",
    summary="Integration beyond trade: people, water and energy, connectivity, security, institutions.",
    params=DriversParams,
    build=build,
    tables=("indicators", "series"),
)
