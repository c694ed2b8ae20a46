"""Index: the Central Asia Integration Index, scores with intervals, profiles, sensitivity."""

from __future__ import annotations

import functools
from typing import Any

from pydantic import Field

from regint.api import index
from regint.core.vocab import FIRST_YEAR, LAST_YEAR
from regint.web.pages import cached
from regint.web.pages.base import Page, Params, View, merge_origins
from regint.web.pages.trade import REGION_PATTERN


class IndexParams(Params):
    region: str = Field("c5", pattern=REGION_PATTERN, description="The grouping (c5, eaeu, ...).")
    year: int | None = Field(
        None, ge=FIRST_YEAR, le=LAST_YEAR, description="Year of the state comparison and profiles."
    )


@functools.lru_cache(maxsize=4)
def _build(region: str) -> Any:
    """The index of one grouping with the shipped spec (``index.build_index``)."""
    return index.build_index(region=region)


def build(params: IndexParams) -> View:
    built = _build(params.region)
    states = built.to_frame()
    year = cached.pick_year(states.rename(columns={"score": "value"}), params.year)
    sensitivity = built.sensitivity_frame()
    dims = built.dimensions_frame()
    return View(
        tables={
            "region": built.region_frame(),
            "states": states,
            "dimensions": dims[dims["year"] == year].reset_index(drop=True),
            "sensitivity": sensitivity,
            "weights": built.weights_frame(),
        },
        origins=merge_origins(_without_spec_text(built.provenance)),
        choices={
            "year": year,
            "years": sorted(int(y) for y in states["year"].unique()),
            "regions": list(cached.REGION_CHOICES),
            "assumptions": built.assumptions(),
        },
    )


def _without_spec_text(prov: Any) -> dict[str, Any]:
    """The index's provenance without the spec's full YAML text (its sha256 names it)."""
    out = dict(prov.to_dict())
    out["spec"] = {k: v for k, v in dict(out.get("spec", {})).items() if k != "text"}
    return out


PAGE = Page(
    id="index",
    title="Index",
    summary="The Central Asia Integration Index: scores with intervals, dimensions, sensitivity.",
    params=IndexParams,
    build=build,
    tables=("region", "states", "dimensions", "sensitivity", "weights"),
)
