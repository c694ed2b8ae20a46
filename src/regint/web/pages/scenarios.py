"""Scenarios: a shipped general-equilibrium gravity scenario, its parameter changed by the user.

The scenario is chosen by name among the shipped ones only (never a path); its results are each
state's change in exports and real GDP with Monte Carlo intervals. A run takes tens of seconds:
the runner's time limit answers 503 meanwhile, and the result is cached per worker.
"""

from __future__ import annotations

import functools
from typing import Any

import pandas as pd
from pydantic import Field

from regint.api import gravity
from regint.core.errors import InputError
from regint.web.pages.base import Page, Params, View, merge_origins

COST_CUT = "cost_cut"


class ScenariosParams(Params):
    scenario: str = Field(
        "c5-border-costs",
        pattern=r"^[a-z0-9][a-z0-9-]{0,39}$",
        description="A shipped scenario (GET /api/v1/scenarios lists them in choices).",
    )
    cut_pct: float | None = Field(
        None,
        gt=0,
        lt=100,
        allow_inf_nan=False,
        description="Cut in intra-regional trade costs, percent (cost-cut scenarios only).",
    )


@functools.lru_cache(maxsize=1)
def _shipped() -> pd.DataFrame:
    return gravity.list_scenarios().to_frame()


@functools.lru_cache(maxsize=16)
def _run(scenario: str, cut_pct: float | None) -> Any:
    overrides = {} if cut_pct is None else {"cut_pct": repr(cut_pct)}
    return gravity.run_scenario(scenario, overrides)


def build(params: ScenariosParams) -> View:
    shipped = _shipped()
    names = [str(n) for n in shipped["name"]]
    if params.scenario not in names:  # only shipped names reach the api: never a file path
        raise InputError("scenario", f"unknown scenario '{params.scenario}'; choose one of {names}")
    row = shipped[shipped["name"] == params.scenario].iloc[0]
    if params.cut_pct is not None and row["change"] != COST_CUT:
        raise InputError("cut_pct", f"applies to cost-cut scenarios only, not {params.scenario}")
    result = _run(params.scenario, params.cut_pct)
    summary = _summary(result.extra.get("region_summary", {}))
    prov = result.provenance
    change = dict(prov.get("scenario", {}).get("change", {}))
    return View(
        tables={
            "results": result.frame,
            "summary": summary,
            "coefficients": pd.DataFrame(result.extra.get("coefficients", [])),
        },
        origins=merge_origins(_without_inputs(prov)),
        notes=list(result.notes),
        choices={
            "scenarios": shipped[["name", "title", "change"]].to_dict("records"),
            "title": str(row["title"]),
            "change": change,
            "is_cost_cut": row["change"] == COST_CUT,
            "draws": prov.get("draws", {}),
        },
    )


SHARE = "intra_regional_export_share_"


def _summary(region: dict[str, float]) -> pd.DataFrame:
    """The region's intra-regional export share, baseline and counterfactual, in per cent (the
    api gives fractions; the page and its JSON twin show per cent, as the column name says)."""
    return pd.DataFrame(
        [
            {"stage": key.removeprefix(SHARE), "intra_regional_export_share_pct": 100.0 * value}
            for key, value in region.items()
            if key.startswith(SHARE)
        ],
        columns=["stage", "intra_regional_export_share_pct"],
    )


def _without_inputs(prov: Any) -> dict[str, Any]:
    return dict(prov.to_dict())


PAGE = Page(
    id="scenarios",
    title="Scenarios",
    summary="What if: a C5 free trade area, Uzbekistan in the EAEU, lower border costs inside the C5.",
    params=ScenariosParams,
    build=build,
    tables=("results", "summary", "coefficients"),
)
