"""Run a scenario: estimate on regint's panel, solve the GE, draw Monte Carlo intervals.

Uncertainty: the estimated coefficients are drawn from a normal with the pair-clustered
covariance (``scenario.draws`` draws, seeded); each draw re-solves the GE with its own
baseline and counterfactual costs (pair effects held at their estimates). A draw whose solve
fails is counted and reported, never dropped silently; intervals are the 2.5th and 97.5th
percentiles of the draws that solved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from regint.core.errors import InputError
from regint.gravity.agreements import Agreements, compute_dummies
from regint.gravity.estimate import DOMESTIC_PAIR, GravityFit, compute_ppml
from regint.gravity.ge import GEConvergenceError, GEProblem
from regint.gravity.scenario import Scenario
from regint.gravity.solve import compute_ge
from regint.gravity.world import (
    DOMESTIC_NOTE,
    WorldInputs,
    compute_complete_countries,
    compute_sample,
    compute_world_panel,
)

Progress = Callable[[str], None]
METRICS = ("exports_change_pct", "rgdp_change_pct", "price_change_pct", "imr_change_pct")
GEO = ("ln_dist", "contig", "lang", "colony")


@dataclass(frozen=True)
class ScenarioResult:
    """Per-country effects with intervals, the region's summary and how they were computed."""

    scenario: Scenario
    table: pd.DataFrame
    region: dict[str, Any]
    fit: GravityFit
    draws_ok: int
    draws_failed: int
    failures: tuple[str, ...]
    convergence: tuple[dict[str, Any], ...]
    notes: tuple[str, ...] = field(default=())

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()


def _costs(
    fit: GravityFit, year: int, countries: list[str], distance: pd.DataFrame
) -> pd.DataFrame:
    """exp(pair effect) for every pair of the GE sample; pairs never observed predicted."""
    grid = pd.MultiIndex.from_product([countries, countries], names=["exporter", "importer"])
    frame = grid.to_frame(index=False).merge(distance, on=["exporter", "importer"], how="left")
    frame["year"] = year
    fe = fit.fixed_effects["fe_pair"]
    key = (frame["exporter"] + "_" + frame["importer"]).where(
        frame["exporter"] != frame["importer"], DOMESTIC_PAIR
    )
    frame["tij_bar"] = np.exp(key.map(fe) - fe[DOMESTIC_PAIR])
    todo = frame["tij_bar"].isna() & (frame["exporter"] != frame["importer"])
    if todo.any():
        known = frame.loc[frame["tij_bar"].notna() & (frame["exporter"] != frame["importer"])]
        xb, fx = _geography_fit(known.dropna(subset=list(GEO)))
        pred = np.exp(
            sum(xb[t] * frame[t] for t in GEO)
            + frame["exporter"].map(fx["exporter"])
            + frame["importer"].map(fx["importer"])
        )
        frame.loc[todo, "tij_bar"] = pred[todo]
    if frame["tij_bar"].isna().any():
        bad = frame.loc[frame["tij_bar"].isna()].iloc[0]
        raise InputError("scenario", f"no trade cost for {bad['exporter']} -> {bad['importer']}")
    frame["is_cost_predicted"] = todo
    return frame


def _geography_fit(known: pd.DataFrame) -> tuple[dict[str, float], dict[str, pd.Series]]:
    from regint.gravity.spec import GravitySpec

    spec = GravitySpec(
        "missing-pair-costs", GEO, ("exporter", "importer"), dependent="tij_bar", vcov="hetero"
    )
    fit = compute_ppml(known, spec)
    return {t: fit.coef(t) for t in GEO}, fit.fixed_effects


def _matrix(frame: pd.DataFrame, col: str, countries: list[str]) -> np.ndarray:
    wide = frame.pivot(index="exporter", columns="importer", values=col)
    return wide.reindex(index=countries, columns=countries).to_numpy(dtype=float)


def _tau(frame: pd.DataFrame, beta: dict[str, float], dummies: dict[str, str]) -> np.ndarray:
    eta = np.log(frame["tij_bar"].to_numpy(dtype=float))
    for name, col in dummies.items():
        eta = eta + beta[name] * frame[col].to_numpy(dtype=float)
    return np.exp(eta)


def _counterfactual(frame: pd.DataFrame, s: Scenario) -> pd.DataFrame:
    out = frame.copy()
    changed = [
        (e, i) in s.change.pairs() for e, i in zip(out["exporter"], out["importer"], strict=True)
    ]
    out["is_changed"] = changed
    for reg in s.estimation.regressors:
        out[f"{reg}_cfl"] = out[reg]
    if s.change.kind == "agreement":
        out.loc[out["is_changed"], f"{s.change.dummy}_cfl"] = 1
        for r in s.change.replaces:
            out.loc[out["is_changed"], f"{r}_cfl"] = 0
    return out


def _solve(
    frame: pd.DataFrame,
    s: Scenario,
    beta: dict[str, float],
    countries: list[str],
    y: np.ndarray,
    e: np.ndarray,
):
    regs = s.estimation.regressors
    frame = frame.assign(tau_bln=_tau(frame, beta, {r: r for r in regs}))
    frame["tau_cfl"] = _tau(frame, beta, {r: f"{r}_cfl" for r in regs})
    if s.change.kind == "cost_cut":
        cut = (1.0 - (s.change.cut_pct or 0.0) / 100.0) ** (1.0 - s.sigma)
        frame.loc[frame["is_changed"], "tau_cfl"] *= cut
    prob = GEProblem(
        tuple(countries),
        y,
        e,
        _matrix(frame, "tau_bln", countries),
        _matrix(frame, "tau_cfl", countries),
        s.sigma,
        s.reference,
    )
    return compute_ge(prob, closure=s.closure)  # type: ignore[arg-type]


def compute_region_summary(result: Any, region: tuple[str, ...]) -> dict[str, float]:
    """Intra-regional share of the region's exports, baseline and full-endowment counterfactual."""
    idx = [result.countries.index(c) for c in region if c in result.countries]
    off = ~np.eye(len(result.countries), dtype=bool)
    out = {}
    for name, x in (("baseline", result.trade_baseline), ("counterfactual", result.trade_full)):
        x = np.where(off, x, 0.0)
        out[f"intra_regional_export_share_{name}"] = float(x[np.ix_(idx, idx)].sum() / x[idx].sum())
    return out


def compute_scenario_result(
    s: Scenario, inputs: WorldInputs, agreements: Agreements, progress: Progress | None = None
) -> ScenarioResult:
    """Estimate, solve and draw; see the module docstring."""
    say = progress or (lambda _m: None)
    keep = (*s.region, *s.keep, s.reference)
    countries = compute_sample(inputs, s.top, keep)
    missing = [c for c in (*s.region, s.reference) if c not in countries]
    if missing:
        raise InputError("scenario.region", f"no flows or no GDP for {', '.join(missing)}")
    panel = compute_dummies(compute_world_panel(inputs, countries, s.domestic_rule), agreements)
    say(f"estimating on {len(panel):,} flows among {len(countries)} countries")
    fit = compute_ppml(panel, s.estimation)
    ge_countries = compute_complete_countries(panel, s.year)
    dropped = sorted(set(countries) - set(ge_countries))
    for c in (*s.region, s.reference):
        if c not in ge_countries:
            raise InputError(
                "scenario.region", f"{c} has no domestic flow or distances in {s.year}"
            )
    say("solving the general equilibrium")
    costs = _costs(fit, s.year, ge_countries, inputs.distance)
    frame = _counterfactual(compute_dummies(costs, agreements), s)
    obs = panel.loc[
        (panel["year"] == s.year)
        & panel["exporter"].isin(ge_countries)
        & panel["importer"].isin(ge_countries)
    ]
    trade = _matrix(obs, "trade", ge_countries)
    y, e = np.nansum(trade, axis=1), np.nansum(trade, axis=0)
    beta = {r: fit.coef(r) for r in s.estimation.regressors}
    point = _solve(frame, s, beta, ge_countries, y, e)
    table, draws, failures = _draw(s, fit, frame, ge_countries, y, e, point, say)
    notes = (
        DOMESTIC_NOTE.format(rule=s.domestic_rule),
        f"GE sample: {len(ge_countries)} countries, {s.year}; left out for want of a domestic flow or distances: {', '.join(dropped) or 'none'}",
        f"{int(frame['is_cost_predicted'].sum())} pairs never observed: their cost is predicted from geography",
        "pair effects are held at their estimates in the draws; only the agreement coefficients vary",
    )
    return ScenarioResult(
        s,
        table,
        compute_region_summary(point, s.region),
        fit,
        draws,
        len(failures),
        tuple(failures),
        tuple(c.to_dict() for c in point.convergence),
        notes,
    )


def _draw(s, fit, frame, countries, y, e, point, say):
    regs = list(s.estimation.regressors)
    base = point.to_frame().set_index("country")
    rng = np.random.default_rng(s.seed)
    mean = np.array([fit.coef(r) for r in regs])
    cov = fit.vcov.loc[regs, regs].to_numpy()
    samples, failures = [], []
    for k, b in enumerate(rng.multivariate_normal(mean, cov, size=s.draws)):
        if k % 50 == 0:
            say(f"Monte Carlo draw {k + 1} of {s.draws}")
        try:
            res = _solve(frame, s, dict(zip(regs, b, strict=True)), countries, y, e)
        except GEConvergenceError as err:
            failures.append(f"draw {k}: {err}")
            continue
        samples.append(res.to_frame().set_index("country")[list(METRICS)])
    table = base[list(METRICS)].copy()
    if samples:
        stack = np.stack([f.to_numpy() for f in samples])
        for j, m in enumerate(METRICS):
            table[f"{m}_lo"] = np.percentile(stack[:, :, j], 2.5, axis=0)
            table[f"{m}_hi"] = np.percentile(stack[:, :, j], 97.5, axis=0)
    table.insert(0, "is_region", table.index.isin(s.region))
    table = table.reset_index().sort_values(
        ["is_region", "country"], ascending=[False, True], ignore_index=True
    )
    return table, len(samples), failures
