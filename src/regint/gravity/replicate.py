"""Replication of Yotov et al. (2016), chapter 2: the estimates and the two GE applications.

``compute_replication(name)`` returns a :class:`Replication`: regint's numbers beside the book's
published ones (from the book's own Stata output), with the spec and the solver's convergence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

import numpy as np
import pandas as pd

from regint.core.errors import InputError
from regint.gravity import book
from regint.gravity.estimate import GravityFit, compute_ppml
from regint.gravity.ge import Convergence, GEProblem, GEResult
from regint.gravity.solve import Closure, compute_ge

Application = Literal["distance", "rta", "twb", "nafta"]
APPLICATIONS: tuple[str, ...] = get_args(Application)
Progress = Callable[[str], None]

# The book's published estimates (chapter 2 logs): term -> (estimate, robust standard error)
BOOK_ESTIMATES = {
    "distance": {"ln_DIST": (-0.7912879, 0.0501494), "INTL_BRDR": (-2.47445, 0.1193816)},
    "rta": {"RTA": (0.5571853, 0.055771)},
}
BOOK_DROPPED = {"distance": 0, "rta": 84}
GE_COLUMNS = ("exports_change_pct", "rgdp_change_pct", "price_change_pct", "imr_change_pct")
BOOK_COLUMNS = {
    "exports_change_pct": "change_Xi_FULL",
    "rgdp_change_pct": "change_rGDP_FULL",
    "price_change_pct": "change_price_FULL",
    "imr_change_pct": "change_IMR_FULL",
    "exports_change_cdl_pct": "change_Xi_CDL",
}


@dataclass(frozen=True)
class Replication:
    """One application: regint's table, the book's, and how they were computed."""

    application: str
    table: pd.DataFrame
    fit: GravityFit
    convergence: tuple[Convergence, ...] = ()
    notes: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()


def _estimates_table(name: str, fit: GravityFit) -> pd.DataFrame:
    rows = []
    for term, (b, se) in BOOK_ESTIMATES[name].items():
        rows.append(
            {
                "term": term,
                "estimate": fit.coef(term),
                "std_error": fit.se(term),
                "book_estimate": b,
                "book_std_error": se,
                "n_used": fit.n_used,
                "n_dropped": fit.n_dropped,
                "book_n_dropped": BOOK_DROPPED[name],
            }
        )
    return pd.DataFrame(rows)


def compute_effects_of(result: GEResult) -> pd.DataFrame:
    """Per-country effects of the *baseline's* policy (the book's NAFTA convention).

    The counterfactual removes the policy, so its effects are baseline over counterfactual:
    ``(1 / hat - 1) * 100`` for exports, real GDP, prices and inward resistance.
    """
    frame = result.to_frame()
    for col in (*GE_COLUMNS, "exports_change_cdl_pct", "imr_change_cdl_pct", "omr_change_pct"):
        frame[col] = (1.0 / (1.0 + frame[col] / 100.0) - 1.0) * 100.0
    return frame


def _ge_table(name: str, result: GEResult) -> pd.DataFrame:
    ours = compute_effects_of(result) if name == "nafta" else result.to_frame()
    published = book.read_book_results(name).rename(
        columns={v: f"book_{k}" for k, v in BOOK_COLUMNS.items()}
    )
    if name == "nafta":
        # the book reports NAFTA's price effect as (1 - p_hat) * 100, not (1/p_hat - 1) * 100
        p_hat = 1.0 - published["book_price_change_pct"] / 100.0
        published["book_price_change_pct"] = (1.0 / p_hat - 1.0) * 100.0
    keep = ["country", *[f"book_{k}" for k in BOOK_COLUMNS]]
    return ours.merge(published[keep], on="country", how="left")


def compute_replication(
    name: str, closure: Closure = "book", progress: Progress | None = None
) -> Replication:
    """Run one application of the book on its shipped data.

    Parameters
    ----------
    name
        ``distance``, ``rta``, ``twb`` (trade without borders) or ``nafta``.
    closure
        The GE closure for ``twb`` and ``nafta`` (see :mod:`regint.gravity.closure`).
    """
    if name not in APPLICATIONS:
        raise InputError("application", f"'{name}' is not one of {', '.join(APPLICATIONS)}")
    say = progress or (lambda _m: None)
    panel = book.read_book_panel()
    spec = book.DISTANCE_SPEC if name in ("distance", "twb") else book.RTA_SPEC
    say(f"estimating {spec.name}")
    fit = compute_ppml(panel, spec)
    if name in ("distance", "rta"):
        return Replication(name, _estimates_table(name, fit), fit)
    say("building the counterfactual")
    prob: GEProblem = (
        book.compute_twb_problem(panel, fit)
        if name == "twb"
        else book.compute_nafta_problem(panel, fit)
    )
    say("solving the general equilibrium")
    result = compute_ge(prob, closure=closure)
    notes: tuple[str, ...] = (
        "full-endowment GE, sigma = 7, reference importer DEU (the book's choices)",
        "percent changes: exports exclude domestic sales; real GDP is output over the inward "
        "resistance P_i",
    )
    if name == "nafta":
        notes += ("effects of NAFTA: the 1994 world with NAFTA over the world without it",)
    table = _ge_table(name, result)
    return Replication(name, table, fit, result.convergence, notes, {"result": result})


def compute_max_gap(rep: Replication) -> dict[str, float]:
    """Largest absolute gap (percentage points) between regint and the book, per column."""
    out = {}
    for col in GE_COLUMNS:
        gap = (rep.table[col] - rep.table[f"book_{col}"]).abs()
        out[col] = float(np.nanmax(gap.to_numpy()))
    return out
