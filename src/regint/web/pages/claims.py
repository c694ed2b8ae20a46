"""Claims: the study's conclusions with their verdicts, tests, figures and robustness grids."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from pydantic import Field

from regint.web.pages import cached
from regint.web.pages.base import Page, Params, View, merge_origins
from regint.web.pages.trade import REGION_PATTERN


class ClaimsParams(Params):
    region: str = Field("c5", pattern=REGION_PATTERN, description="Region id (c5, eaeu, ...).")
    as_of: dt.date | None = Field(
        None, description="Judge the knowledge base as it stood on this date (YYYY-MM-DD)."
    )


ROBUSTNESS_COLUMNS = ["claim", "test", "dimension", "label", "value", "lo", "hi", "verdict"]


def build(params: ClaimsParams) -> View:
    as_of = params.as_of.isoformat() if params.as_of else None
    check = cached.claim_check(params.region, as_of)
    return View(
        tables={
            "verdicts": check.to_frame(),
            "tests": check.tests_frame(),
            "robustness": _robustness(check.to_dict()["claims"]),
        },
        origins=merge_origins(check.provenance),
        choices={
            "regions": list(cached.REGION_CHOICES),
            "statements": {c["id"]: c.get("statement", "") for c in check.to_dict()["claims"]},
        },
    )


def _robustness(claims: list[dict[str, Any]]) -> pd.DataFrame:
    """One row per claim, test and scenario (the baseline first), as the grids show them."""
    rows = []
    for claim in claims:
        for test in claim.get("tests", []):
            base = {"claim": claim["id"], "test": test["id"]}
            rows.append(
                {
                    **base,
                    "dimension": "baseline",
                    "label": "baseline",
                    "value": test.get("value"),
                    "lo": test.get("lo"),
                    "hi": test.get("hi"),
                    "verdict": test.get("baseline_verdict"),
                }
            )
            for alt in test.get("robustness", []):
                rows.append({**base, **{k: alt.get(k) for k in ROBUSTNESS_COLUMNS[2:]}})
    return pd.DataFrame(rows, columns=ROBUSTNESS_COLUMNS)


PAGE = Page(
    id="claims",
    title="Claims",
    summary="Each conclusion of the study as a claim with pre-declared tests and a verdict.",
    params=ClaimsParams,
    build=build,
    tables=("verdicts", "tests", "robustness"),
)
