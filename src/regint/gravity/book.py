"""The book's own data and procedure: Yotov, Piermartini, Monteiro & Larch (2016), chapter 2.

``read_book_panel`` reads the compact copy of the chapter 2 panel shipped under
``data/reference/yotov2016/`` (69 countries, 1986-2006 every four years, domestic flows
included). The specs reproduce the book's estimates; ``compute_twb_problem`` and
``compute_nafta_problem`` build the GE inputs of its two applications exactly as its Stata
code does; ``compute_book_procedure`` is the book's iterative PPML loop (a PPML with exporter and
importer effects re-estimated at every step), written out here to prove that the direct solver in
:mod:`regint.gravity.ge` reaches the same equilibrium.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from regint.core.errors import DataError
from regint.gravity.estimate import DOMESTIC_PAIR, GravityFit, compute_ppml
from regint.gravity.ge import GEConvergenceError, GEProblem
from regint.gravity.spec import GravitySpec
from regint.sources.paths import project_data_dir

BOOK_CITATION = (
    "Yotov, Y. V., Piermartini, R., Monteiro, J.-A. and Larch, M. (2016), An Advanced Guide to "
    "Trade Policy Analysis: The Structural Gravity Model, WTO and UNCTAD, Geneva, chapter 2; "
    "data as redistributed by pachadotdev/tradepolicy (CC BY 4.0)"
)
SIGMA = 7.0
REFERENCE = "DEU"
NAFTA = ("CAN", "MEX", "USA")

DISTANCE_SPEC = GravitySpec(
    name="yotov2016_ch2_app1_distance",
    regressors=("ln_DIST", "CNTG", "INTL_BRDR"),
    fixed_effects=("exporter", "importer"),
    years=(2006,),
    vcov="hetero",
    small_sample=False,
)
RTA_SPEC = GravitySpec(
    name="yotov2016_ch2_app2_rta",
    regressors=("RTA",),
    fixed_effects=("exporter_year", "importer_year", "pair"),
    pair_column="pair_id",
    shared_domestic_pair=True,
    vcov="hetero",
    small_sample=False,
)
COST_SPEC = GravitySpec(
    name="yotov2016_ch2_app2_missing_costs",
    dependent="tij",
    regressors=("ln_DIST", "CNTG", "LANG", "CLNY"),
    fixed_effects=("exporter", "importer"),
    years=(1994,),
    international_only=True,
    vcov="cluster_pair",
    pair_column="pair_id",
)


def book_data_dir() -> Path:
    return project_data_dir() / "reference" / "yotov2016"


def read_book_panel(path: Path | None = None) -> pd.DataFrame:
    """The chapter 2 panel with ``ln_DIST`` and ``INTL_BRDR`` added."""
    p = path or book_data_dir() / "ch2_panel.parquet"
    if not p.exists():
        raise DataError(str(p), "the book's chapter 2 panel is missing from this installation")
    frame = pd.read_parquet(p)
    frame["year"] = frame["year"].astype(int)
    frame["ln_DIST"] = np.log(frame["DIST"])
    frame["INTL_BRDR"] = (frame["exporter"] != frame["importer"]).astype(int)
    return frame


def read_book_results(application: str) -> pd.DataFrame:
    """The book's own published per-country GE results (its Stata output), for comparison."""
    return pd.read_csv(book_data_dir() / f"book_{application}.csv")


@dataclass(frozen=True)
class Matrices:
    """One year of the panel as N x N arrays (rows exporters), countries sorted."""

    countries: tuple[str, ...]
    trade: np.ndarray
    output: np.ndarray
    expenditure: np.ndarray


def compute_matrices(
    year_frame: pd.DataFrame, column: str = "trade"
) -> tuple[Matrices, np.ndarray]:
    """Square the long frame of one year; returns the matrices and ``column`` as a matrix."""
    countries = tuple(sorted(set(year_frame["exporter"]) | set(year_frame["importer"])))
    wide = year_frame.pivot(index="exporter", columns="importer", values=column)
    wide = wide.reindex(index=countries, columns=countries)
    trade = year_frame.pivot(index="exporter", columns="importer", values="trade")
    trade = trade.reindex(index=countries, columns=countries).to_numpy(dtype=float)
    if np.isnan(trade).any():
        raise DataError("ch2_panel.parquet", "the year's trade matrix is not complete")
    mats = Matrices(countries, trade, trade.sum(axis=1), trade.sum(axis=0))
    return mats, wide.to_numpy(dtype=float)


def compute_twb_problem(panel: pd.DataFrame, fit: GravityFit) -> GEProblem:
    """ "Trade without borders": 2006, the international-border coefficient set to zero."""
    year = panel.loc[panel["year"] == 2006].copy()
    b = {t: fit.coef(t) for t in ("ln_DIST", "CNTG", "INTL_BRDR")}
    geo = b["ln_DIST"] * year["ln_DIST"] + b["CNTG"] * year["CNTG"]
    year["tau_bln"] = np.exp(geo + b["INTL_BRDR"] * year["INTL_BRDR"])
    year["tau_cfl"] = np.exp(geo)
    mats, tau0 = compute_matrices(year, "tau_bln")
    _, tau1 = compute_matrices(year, "tau_cfl")
    return GEProblem(mats.countries, mats.output, mats.expenditure, tau0, tau1, SIGMA, REFERENCE)


def compute_pair_costs(panel: pd.DataFrame, fit: GravityFit, year: int = 1994) -> pd.DataFrame:
    """exp(pair effect), domestic pairs 1; pairs without an estimate filled as the book does.

    Pairs that never trade have no pair effect (the separation check drops them). The book
    predicts their cost from a PPML of the estimated exp(pair effect) on distance, contiguity,
    language and colony with exporter and importer effects, on the year's international pairs.
    """
    fe = fit.fixed_effects["fe_pair"]
    frame = panel.loc[panel["year"] == year].copy()
    key = frame["pair_id"].astype(str).where(frame["exporter"] != frame["importer"], DOMESTIC_PAIR)
    gamma = key.map(fe) - fe[DOMESTIC_PAIR]
    frame["tij"] = np.exp(gamma)
    cost = compute_ppml(frame.loc[frame["tij"].notna()], COST_SPEC)
    missing = frame["tij"].isna() & (frame["exporter"] != frame["importer"])
    xb = sum(cost.coef(t) * frame[t] for t in COST_SPEC.regressors)
    fx = cost.fixed_effects
    pred = np.exp(
        xb + frame["exporter"].map(fx["exporter"]) + frame["importer"].map(fx["importer"])
    )
    frame["tij_bar"] = frame["tij"].where(~missing, pred)
    frame["is_cost_predicted"] = missing
    return frame


def compute_nafta_problem(panel: pd.DataFrame, fit: GravityFit) -> GEProblem:
    """NAFTA (book's application 2): 1994, the RTA dummy of NAFTA pairs set to zero."""
    frame = compute_pair_costs(panel, fit)
    beta = fit.coef("RTA")
    both = frame["exporter"].isin(NAFTA) & frame["importer"].isin(NAFTA)
    frame["tau_bln"] = frame["tij_bar"] * np.exp(beta * frame["RTA"])
    frame["tau_cfl"] = frame["tij_bar"] * np.exp(beta * frame["RTA"].where(~both, 0))
    mats, tau0 = compute_matrices(frame, "tau_bln")
    _, tau1 = compute_matrices(frame, "tau_cfl")
    return GEProblem(mats.countries, mats.output, mats.expenditure, tau0, tau1, SIGMA, REFERENCE)


def compute_ppml_two_way(
    y: np.ndarray,
    offset: np.ndarray,
    ref: int,
    start: tuple[np.ndarray, np.ndarray] | None = None,
    tol: float = 1e-12,
    max_iter: int = 200,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """PPML of an N x N flow matrix on exporter and importer dummies with a log offset.

    Newton steps on the Poisson likelihood (the Hessian of the dummy design, written in its block
    form), not the biproportional shortcut, so the book's loop below is the book's procedure.
    Returns the exponentiated exporter effects, importer effects (the reference importer's is 1)
    and the fitted flows. ``start`` (exporter and importer effects) warm-starts the steps.
    """
    n = y.shape[0]
    keep = np.arange(n) != ref
    if start is None:
        alpha, gamma = np.log(y.sum(axis=1) / np.exp(offset).sum(axis=1)), np.zeros(n)
    else:
        alpha, gamma = np.log(start[0]), np.log(start[1])
    step = np.full(2 * n - 1, np.inf)
    for _ in range(max_iter):
        mu = np.exp(offset + alpha[:, None] + gamma[None, :])
        resid = y - mu
        grad = np.concatenate([resid.sum(axis=1), resid.sum(axis=0)[keep]])
        hess = np.block(
            [
                [np.diag(mu.sum(axis=1)), mu[:, keep]],
                [mu[:, keep].T, np.diag(mu.sum(axis=0)[keep])],
            ]
        )
        step = np.linalg.solve(hess, grad)
        # a damped step while far away keeps the exponentials finite
        step *= min(1.0, 1.0 / max(1.0, float(np.max(np.abs(step)))))
        alpha += step[:n]
        gamma[keep] += step[n:]
        if np.max(np.abs(step)) < tol:
            break
    else:
        raise GEConvergenceError("PPML (Newton)", max_iter, float(np.max(np.abs(step))), tol)
    mu = np.exp(offset + alpha[:, None] + gamma[None, :])
    return np.exp(alpha), np.exp(gamma), mu
