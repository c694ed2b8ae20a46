"""Run scenarios: estimate on regint's panel, solve the GE, draw Monte Carlo intervals.

Uncertainty: the estimated coefficients are drawn from a normal with the pair-clustered
covariance (``scenario.draws`` draws, seeded); each draw re-solves the GE with its own
baseline and counterfactual costs (pair effects held at their estimates). A draw whose solve
fails is counted and reported, never dropped silently; intervals are the 2.5th and 97.5th
percentiles of the draws that solved.

Scenarios with the same estimation (spec, sample, domestic-flow rule, GE year) share one PPML
fit (:class:`~regint.gravity.estimated.Estimated`): :func:`compute_scenario_results` fits once per
estimation; with a ``cache_key`` naming the inputs (the warehouse and knowledge-base
fingerprints) it keeps the last few fits in memory, and with a ``store`` (the api's cache beside
the warehouse) between processes, so a later run does not refit. A run from a kept fit gives the
same numbers, bit for bit.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

import numpy as np
import pandas as pd

from regint.core.errors import InputError
from regint.gravity.agreements import Agreements
from regint.gravity.estimate import GravityFit
from regint.gravity.estimated import (
    Estimated,
    check_change_countries,
    compute_estimated,
    compute_scenario_sample,
)
from regint.gravity.ge import GEConvergenceError, GEProblem, GEResult
from regint.gravity.scenario import MIN_DRAWS, Scenario
from regint.gravity.solve import compute_ge
from regint.gravity.world import DOMESTIC_NOTE, WorldInputs

Progress = Callable[[str], None]
METRICS = ("exports_change_pct", "rgdp_change_pct", "price_change_pct", "imr_change_pct")
CACHE_SIZE = 4


class FitStore(Protocol):
    """Somewhere to keep an :class:`Estimated` between processes (the api's cache beside the
    warehouse); ``key`` is :func:`estimation_key`, the store adds its inputs' fingerprints."""

    def get(self, key: str, s: Scenario) -> Estimated | None: ...

    def put(self, key: str, est: Estimated) -> None: ...


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


@dataclass(frozen=True)
class _Design:
    """The arrays one GE solve needs, taken from the frame once (not once per draw)."""

    log_tij: np.ndarray
    baseline: dict[str, np.ndarray]
    counterfactual: dict[str, np.ndarray]
    changed: np.ndarray
    cut: float | None


_CACHE: OrderedDict[Hashable, Estimated] = OrderedDict()


def estimation_key(s: Scenario) -> str:
    """What the shared estimation depends on: the spec (its name aside), sample, rule, year."""
    spec = {k: v for k, v in s.estimation.to_dict().items() if k != "name"}
    key = {
        "spec": spec,
        "top": s.top,
        "keep": sorted({*s.region, *s.keep, s.reference}),
        "domestic_rule": s.domestic_rule,
        "year": s.year,
    }
    return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()


def _scatter(values: np.ndarray, rows: np.ndarray, cols: np.ndarray, n: int) -> np.ndarray:
    """A square matrix from pair values (blank where a pair has none)."""
    out = np.full((n, n), np.nan)
    out[rows, cols] = values
    return out


def _tau(log_tij: np.ndarray, beta: dict[str, float], columns: dict[str, np.ndarray]):
    eta = log_tij
    for name, col in columns.items():
        eta = eta + beta[name] * col
    return np.exp(eta)


def _design(frame: pd.DataFrame, s: Scenario) -> _Design:
    regs = s.estimation.regressors
    cut = None
    if s.change.kind == "cost_cut":
        cut = (1.0 - (s.change.cut_pct or 0.0) / 100.0) ** (1.0 - s.sigma)
    return _Design(
        np.log(frame["tij_bar"].to_numpy(dtype=float)),
        {r: frame[r].to_numpy(dtype=float) for r in regs},
        {r: frame[f"{r}_cfl"].to_numpy(dtype=float) for r in regs},
        frame["is_changed"].to_numpy(dtype=bool),
        cut,
    )


def _counterfactual(frame: pd.DataFrame, s: Scenario) -> pd.DataFrame:
    """The changed pairs and the regressors after the change.

    An agreement change leaves alone a pair that already has a deeper agreement it does not
    replace (the dummies are exclusive: a customs-union pair has no FTA dummy), so an FTA
    among the C5 does not add the FTA effect to the customs union of Kazakhstan and
    Kyrgyzstan. A change that reaches no pair is an error, not a zero.
    """
    out = frame.copy()
    pairs = s.change.pairs()
    changed = np.array(
        [(e, i) in pairs for e, i in zip(out["exporter"], out["importer"], strict=True)]
    )
    for reg in s.estimation.regressors:
        out[f"{reg}_cfl"] = out[reg]
    if s.change.kind == "agreement":
        others = [
            r for r in s.estimation.regressors if r not in (s.change.dummy, *s.change.replaces)
        ]
        deeper = out[others].to_numpy().any(axis=1) if others else np.zeros(len(out), bool)
        changed &= ~deeper & (out[s.change.dummy].to_numpy() == 0)
        if not changed.any():
            raise InputError(
                "scenario.change",
                f"every pair it names already has '{s.change.dummy}' or a deeper agreement: "
                "nothing changes",
            )
        out.loc[changed, f"{s.change.dummy}_cfl"] = 1
        for r in s.change.replaces:
            out.loc[changed, f"{r}_cfl"] = 0
    out["is_changed"] = changed
    return out


def _solve(est: Estimated, d: _Design, s: Scenario, beta: dict[str, float]) -> GEResult:
    tau_bln = _tau(d.log_tij, beta, d.baseline)
    tau_cfl = _tau(d.log_tij, beta, d.counterfactual)
    if d.cut is not None:
        tau_cfl[d.changed] *= d.cut
    n = len(est.ge_countries)
    prob = GEProblem(
        est.ge_countries,
        est.output,
        est.expenditure,
        _scatter(tau_bln, est.rows, est.cols, n),
        _scatter(tau_cfl, est.rows, est.cols, n),
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


def _estimated(
    s: Scenario,
    inputs: WorldInputs,
    agreements: Agreements,
    say: Progress,
    cache_key: Hashable | None,
    store: FitStore | None = None,
) -> Estimated:
    compute_scenario_sample(s, inputs)  # a region without data fails before seconds of fitting
    ekey = estimation_key(s)
    key = None if cache_key is None else (cache_key, ekey)
    if key is not None and key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    est = store.get(ekey, s) if store is not None else None
    if est is None:
        est = compute_estimated(s, inputs, agreements, say)
        if store is not None:
            store.put(ekey, est)
    if key is not None:
        _CACHE[key] = est
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return est


def compute_scenario_results(
    scenarios: Sequence[Scenario],
    inputs: WorldInputs,
    agreements: Agreements,
    progress: Progress | None = None,
    cache_key: Hashable | None = None,
    store: FitStore | None = None,
) -> list[ScenarioResult]:
    """Run ``scenarios``, fitting each distinct estimation once (see the module docstring).

    ``cache_key`` names the inputs (e.g. the warehouse and knowledge-base fingerprints); with
    it, fits are kept in memory for later calls with the same key. Without it, fits are shared
    within this call only.
    """
    out = compute_scenario_outcomes(scenarios, inputs, agreements, progress, cache_key, store)
    for o in out:
        if isinstance(o, InputError):
            raise o
    return out  # type: ignore[return-value]


def compute_scenario_outcomes(
    scenarios: Sequence[Scenario],
    inputs: WorldInputs,
    agreements: Agreements,
    progress: Progress | None = None,
    cache_key: Hashable | None = None,
    store: FitStore | None = None,
) -> list[ScenarioResult | InputError]:
    """:func:`compute_scenario_results`, with a scenario the data cannot run given as its error."""
    say = progress or (lambda _m: None)
    local: dict[str, Estimated | InputError] = {}
    out: list[ScenarioResult | InputError] = []
    for s in scenarios:
        k = estimation_key(s)
        if k not in local:
            try:
                local[k] = _estimated(s, inputs, agreements, say, cache_key, store)
            except InputError as err:
                local[k] = err
        est = local[k]
        try:
            out.append(est if isinstance(est, InputError) else _result(s, est, say))
        except InputError as err:
            out.append(err)
    return out


def compute_scenario_result(
    s: Scenario,
    inputs: WorldInputs,
    agreements: Agreements,
    progress: Progress | None = None,
    cache_key: Hashable | None = None,
    store: FitStore | None = None,
) -> ScenarioResult:
    """Estimate, solve and draw one scenario; see the module docstring."""
    return compute_scenario_results([s], inputs, agreements, progress, cache_key, store)[0]


def _result(s: Scenario, est: Estimated, say: Progress) -> ScenarioResult:
    for c in (*s.region, s.reference):
        if c not in est.ge_countries:
            raise InputError(
                "scenario.region", f"{c} has no domestic flow or distances in {s.year}"
            )
    check_change_countries(s, est.ge_countries, f"no domestic flow or distances in {s.year}")
    say(f"{s.name}: solving the general equilibrium")
    fit = replace(est.fit, spec=s.estimation)
    frame = _counterfactual(est.costs, s)
    design = _design(frame, s)
    point = _solve(est, design, s, {r: fit.coef(r) for r in s.estimation.regressors})
    table, draws, failures = _draw(s, fit, est, design, point, say)
    dropped = sorted(set(est.countries) - set(est.ge_countries))
    notes: tuple[str, ...] = (
        DOMESTIC_NOTE.format(rule=s.domestic_rule),
        f"GE sample: {len(est.ge_countries)} countries, {s.year}; left out for want of a domestic flow or distances: {', '.join(dropped) or 'none'}",
        f"{int(frame['is_cost_predicted'].sum())} pairs never observed: their cost is predicted from geography",
        "pair effects are held at their estimates in the draws; only the agreement coefficients vary",
    )
    if s.draws < MIN_DRAWS:
        notes += (
            f"only {s.draws} Monte Carlo draws (at least {MIN_DRAWS} are needed for intervals): "
            + ("point estimates only, no intervals" if s.draws == 0 else "intervals are rough"),
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


def _draw(
    s: Scenario, fit: GravityFit, est: Estimated, design: _Design, point: GEResult, say: Progress
) -> tuple[pd.DataFrame, int, list[str]]:
    regs = list(s.estimation.regressors)
    base = point.to_frame().set_index("country")
    rng = np.random.default_rng(s.seed)
    mean = np.array([fit.coef(r) for r in regs])
    cov = fit.vcov.loc[regs, regs].to_numpy()
    samples, failures = [], []
    for k, b in enumerate(rng.multivariate_normal(mean, cov, size=s.draws)):
        if k % 50 == 0:
            say(f"{s.name}: Monte Carlo draw {k + 1} of {s.draws}")
        try:
            res = _solve(est, design, s, dict(zip(regs, b, strict=True)))
        except GEConvergenceError as err:
            failures.append(f"draw {k}: {err}")
            continue
        samples.append(res.to_frame()[list(METRICS)].to_numpy())
    table = base[list(METRICS)].copy()
    if samples:
        stack = np.stack(samples)
        for j, m in enumerate(METRICS):
            table[f"{m}_lo"] = np.percentile(stack[:, :, j], 2.5, axis=0)
            table[f"{m}_hi"] = np.percentile(stack[:, :, j], 97.5, axis=0)
    table.insert(0, "is_region", table.index.isin(s.region))
    table = table.reset_index().sort_values(
        ["is_region", "country"], ascending=[False, True], ignore_index=True
    )
    return table, len(samples), failures
