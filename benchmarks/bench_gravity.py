"""Benchmark: regint's gravity estimation and GE solver against their peers, on identical data.

Run:  pip install -e ".[bench]" && python benchmarks/bench_gravity.py [--glm-countries 35]
      [--skip ppml ge world world-peer]

Prints
1. PPML with exporter-year, importer-year and pair effects on the book's RTA panel (Yotov et al.
   2016, ch. 2): regint's two engines (pyfixest and its Newton solver) on the full panel against
   the book; then regint against a statsmodels Poisson GLM with dummy variables and against
   ``gme`` (which builds the same dummies for statsmodels). The dummy-variable peers run on the
   panel restricted to the first ``--glm-countries`` countries (alphabetical; domestic pairs
   sharing one pair effect, as in the book), because the full panel does not fit them: its
   dense design is 28,482 x 3,168 (720 MB), statsmodels' GLM takes no sparse design, and its
   IRLS step (a pseudo-inverse of the whitened design) costs about n p^2, 84 times the
   30-country cost, about two hours on two cores. 35 countries (7,350 x 1,015) is the largest
   that runs in a few minutes. The GLM uses ``wls_method="pinv"``: with the default ``lstsq`` the
   remaining collinear dummies make it stop at ``maxiter`` unconverged (5.7e-8 off). Agreement:
   relative difference of the RTA coefficient. Time ratios.
2. GE "trade without borders" (2006, sigma 7, reference DEU): regint against ``gegravity`` 0.3 on
   the same inputs (the book's estimates as cost coefficients). gegravity holds output and
   expenditure shares at baseline in its resistance and price equations, so the like-for-like
   comparison is with regint's ``fixed_shares`` closure (docs/explanation/gravity.md); regint's
   ``book`` and ``balanced`` closures are printed for contrast. gegravity runs with its default
   root finder (``hybr``, which returns the mirror root -p for some prices) and with ``lm``.
   Largest relative difference of the levels (1 + change/100) of prices, real GDP, inward
   resistances and exports; time ratios.
3. Three-way fixed-effects PPML on regint's own world panel, 1992-2020 every four years, each
   engine in a fresh process: time (data, fit) and peak RSS; regint's default (``auto``: the
   Newton engine on this panel) against ``pyfixest.fepois`` with the same spec (the previous
   default; about ten minutes, skip with ``--skip world-peer``): agreement and time ratio.
Targets: agreement 1e-6 relative and >= 20x against the GLM; GE >= 10x faster than gegravity;
world panel <= 60 s and <= 4 GB. The machine may be shared: the load average is printed.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
import warnings

import numpy as np
import pandas as pd

warnings.simplefilter("ignore")


def _timed(func, *args, **kwargs):
    start = time.perf_counter()
    out = func(*args, **kwargs)
    return out, time.perf_counter() - start


def _subset(n: int) -> pd.DataFrame:
    from regint.gravity import book

    panel = book.read_book_panel()
    keep = sorted(panel["exporter"].unique())[:n]
    sub = panel.loc[panel["exporter"].isin(keep) & panel["importer"].isin(keep)].copy()
    sub["pair"] = np.where(sub["exporter"] == sub["importer"], -1, sub["pair_id"])
    sub["exp_year"] = sub["exporter"] + sub["year"].astype(str)
    sub["imp_year"] = sub["importer"] + sub["year"].astype(str)
    # pairs that never trade are separated: every estimator must drop them the same way
    total = sub.groupby("pair")["trade"].transform("sum")
    return sub.loc[total > 0].reset_index(drop=True)


def bench_ppml(n: int) -> None:
    from regint.gravity import book, compute_ppml

    print("== 1. PPML, book's RTA panel (exporter-year, importer-year, pair effects) ==", _load())
    panel = book.read_book_panel()
    for engine in ("pyfixest", "newton"):
        fit, t = _timed(compute_ppml, panel, book.RTA_SPEC, fixed_effects=False, engine=engine)
        print(f"regint ({engine}), full panel: RTA {fit.coef('RTA'):.10f} (book 0.557185), "
              f"robust SE {fit.se('RTA'):.6f} (book 0.056), {t:.2f} s, {fit.n_used} obs, "
              f"{fit.n_dropped} dropped")  # fmt: skip
    sub = _subset(n)
    ours, t_ours = _timed(compute_ppml, sub, book.RTA_SPEC)
    b_ours = ours.coef("RTA")
    print(f"subset of the first {n} countries: {len(sub)} obs")
    print(f"  regint (pyfixest)       RTA {b_ours:.10f}  {t_ours:8.2f} s")
    glm = _bench_glm(sub)
    if glm is not None:
        b, t, iters, width = glm
        print(f"  statsmodels GLM dummies RTA {b:.10f}  {t:8.2f} s  rel.diff "
              f"{abs(b - b_ours) / abs(b_ours):.1e}  regint {t / t_ours:.1f}x faster "
              f"({width} columns, {iters} IRLS iterations)")  # fmt: skip
    _bench_gme(sub, b_ours, t_ours)


def _bench_glm(sub: pd.DataFrame):
    try:
        import statsmodels.api as sm
    except ImportError as err:
        print(f"  statsmodels: not installed ({err}); pip install -e '.[bench]'")
        return None
    x = pd.get_dummies(
        sub[["exp_year", "imp_year", "pair"]].astype(str), drop_first=False, dtype=float
    )
    x = x.drop(columns=[c for c in x.columns if c.startswith("imp_year_")][:1])
    x = x.drop(columns=[c for c in x.columns if c.startswith("pair_")][:1])
    x["RTA"] = sub["RTA"].astype(float)
    start = time.perf_counter()
    # pinv: the remaining collinear dummies make the default lstsq step stall at maxiter
    res = sm.GLM(sub["trade"], x, family=sm.families.Poisson()).fit(
        tol=1e-10, maxiter=100, wls_method="pinv"
    )
    t = time.perf_counter() - start
    return float(res.params["RTA"]), t, res.fit_history["iteration"], x.shape[1]


def _bench_gme(sub: pd.DataFrame, b_ours: float, t_ours: float) -> None:
    try:
        import gme
    except Exception as err:  # noqa: BLE001 - report why the peer cannot run
        print(f"  gme: cannot be imported: {type(err).__name__}: {err}")
        return
    try:
        data = gme.EstimationData(sub, imp_var_name="importer", exp_var_name="exporter",
                                  trade_var_name="trade", year_var_name="year")  # fmt: skip
        model = gme.EstimationModel(data, lhs_var="trade", rhs_var=["RTA"],
                                    fixed_effects=[["exporter", "year"], ["importer", "year"], "pair"],
                                    cluster_on="pair")  # fmt: skip
        start = time.perf_counter()
        res = model.estimate()
        t = time.perf_counter() - start
        b = float(res["all"].params["RTA"])
        print(
            f"  gme 1.3 (statsmodels)   RTA {b:.10f}  {t:8.2f} s  rel.diff {abs(b - b_ours) / abs(b_ours):.1e}  regint {t / t_ours:.1f}x faster"
        )
    except Exception as err:  # noqa: BLE001
        print(f"  gme: failed on this data: {type(err).__name__}: {str(err)[:300]}")


COMPARED = {
    "price_change_pct": "factory gate price change (percent)",
    "rgdp_change_pct": "GDP change (percent)",
    "imr_change_pct": "imr change (percent)",
    "exports_change_pct": "foreign exports change (percent)",
}


def bench_ge() -> None:
    from regint.gravity import book, compute_ge, compute_ppml

    print("== 2. GE 'trade without borders' (2006, sigma 7, reference DEU) ==", _load())
    panel = book.read_book_panel()
    fit = compute_ppml(panel, book.DISTANCE_SPEC)
    prob = book.compute_twb_problem(panel, fit)
    runs = {c: _timed(compute_ge, prob, closure=c) for c in ("fixed_shares", "book", "balanced")}
    for c, (res, t) in runs.items():
        print(f"  regint ({c} closure): {t * 1000:.1f} ms, "
              f"iterations {[x.iterations for x in res.convergence]}")  # fmt: skip
    try:
        model, t_build, rescale = _gegravity_model(panel, fit)
        peers = {m: _timed(_gegravity_simulate, model, m) for m in ("hybr", "lm")}
    except Exception as err:  # noqa: BLE001 - report why the peer cannot run
        print(f"  gegravity: failed: {type(err).__name__}: {str(err)[:300]}")
        return
    print(f"  gegravity 0.3: baseline {t_build:.1f} s (omr_rescale {rescale:g}, the first of "
          "1, 10, 100, 1000, ... whose baseline solve converges with positive resistances)")  # fmt: skip
    ours_fs, t_fs = runs["fixed_shares"]
    for method, (table, t_sim) in peers.items():
        price = table[COMPARED["price_change_pct"]]
        negative = sorted(price.index[price <= -100.0])
        print(f"  gegravity simulate(ge_method='{method}'): {t_sim:.1f} s; "
              f"negative factory-gate prices: {', '.join(negative) or 'none'}")  # fmt: skip
        rel = _largest_rel(ours_fs, table)
        worst = max(rel, key=lambda k: rel[k][0])
        print(f"    vs regint fixed_shares: largest relative difference {rel[worst][0]:.2e} "
              f"({worst}, {rel[worst][1]}); by column "
              + ", ".join(f"{k} {v[0]:.1e}" for k, v in rel.items()))  # fmt: skip
        print(f"    time ratio (baseline + simulate) / regint: "
              f"{(t_build + t_sim) / t_fs:,.0f}x; simulate alone {t_sim / t_fs:,.0f}x")  # fmt: skip
    table = peers["lm"][0]
    for c in ("book", "balanced"):
        gaps = {k: v[0] for k, v in _largest_rel(runs[c][0], table).items()}
        print(f"  regint {c} closure vs gegravity (lm), a different system: "
              + ", ".join(f"{k} {v:.1e}" for k, v in gaps.items()))  # fmt: skip


def _largest_rel(res, table: pd.DataFrame) -> dict[str, tuple[float, str]]:
    """Largest relative difference of the levels (1 + change/100), per column, and where."""
    ours = res.to_frame().set_index("country")
    out = {}
    for col, peer_col in COMPARED.items():
        a, b = 1 + ours[col] / 100, 1 + table[peer_col].reindex(ours.index) / 100
        rel = np.abs(a / b - 1)
        out[col] = (float(rel.max()), str(rel.idxmax()))
    return out


def _gegravity_model(panel: pd.DataFrame, fit):
    import gegravity as ge

    d = panel.loc[panel["year"] == 2006].copy()
    d["year"] = d["year"].astype(str)
    d["output"] = d.groupby("exporter")["trade"].transform("sum")
    d["expenditure"] = d.groupby("importer")["trade"].transform("sum")
    base = ge.BaselineData(
        d, trade_var_name="trade", expend_var_name="expenditure", output_var_name="output"
    )
    terms = ["ln_DIST", "CNTG", "INTL_BRDR"]
    est = pd.DataFrame(
        {"var": terms, "coeff": [fit.coef(t) for t in terms], "se": [fit.se(t) for t in terms]}
    )
    coeffs = ge.CostCoeffs(est, identifier_col="var", coeff_col="coeff", stderr_col="se")
    start = time.perf_counter()
    for rescale in (1, 10, 100, 1000, 1e4, 1e5, 0.1, 0.01):  # gegravity needs a workable scale
        model = ge.OneSectorGE(base, year="2006", reference_importer="DEU", sigma=7,
                               expend_var_name="expenditure", output_var_name="output",
                               cost_variables=terms, cost_coeff_values=coeffs, quiet=True)  # fmt: skip
        try:
            model.build_baseline(omr_rescale=rescale)
        except ValueError:
            continue
        if model.solver_diagnostics["baseline_MRs"].success:
            break
    else:
        raise RuntimeError("no omr_rescale gives a converged baseline")
    exp = model.baseline_data.copy()
    exp["INTL_BRDR"] = 0
    model.define_experiment(exp)
    return model, time.perf_counter() - start, rescale


def _gegravity_simulate(model, method: str) -> pd.DataFrame:
    import copy

    m = copy.deepcopy(model)  # simulate() consumes the model
    m.simulate(ge_method=method)
    return m.country_results


WORLD = """
import sys, time, warnings
warnings.simplefilter("ignore")
t = time.perf_counter()
from regint.api.knowledge import load_kb
from regint.api.warehouse import open_warehouse
from regint.gravity import agreements as agr
from regint.gravity.estimate import compute_ppml
from regint.gravity.scenario import PANEL_YEARS
from regint.gravity.world import compute_sample, compute_world_panel, load_world_inputs
from regint.api.gravity import DEFAULT_SPEC
with open_warehouse(None) as con:
    inputs = load_world_inputs(con, PANEL_YEARS)
panel = compute_world_panel(inputs, compute_sample(inputs, None, ()))
panel = agr.compute_dummies(panel, agr.compute_agreements(load_kb(), PANEL_YEARS))
t_data = time.perf_counter() - t
t = time.perf_counter()
fit = compute_ppml(panel, DEFAULT_SPEC, fixed_effects=False, engine=sys.argv[1])
t_fit = time.perf_counter() - t
# VmHWM: this process's own peak (ru_maxrss would carry the parent's over fork and exec)
with open("/proc/self/status", encoding="utf-8") as f:
    rss = next(int(line.split()[1]) for line in f if line.startswith("VmHWM")) / 1024
print(repr((fit.coefficients["estimate"].tolist(), fit.coefficients["std_error"].tolist(),
            fit.n_used, fit.n_input, fit.dropped, t_data, t_fit, rss, fit.engine)))
"""


def _world(engine: str):
    import ast

    out = subprocess.run([sys.executable, "-c", WORLD, engine], capture_output=True, text=True)
    if out.returncode:
        print(f"  {engine}: failed: {out.stderr.strip().splitlines()[-1:]}")
        return None
    return ast.literal_eval(out.stdout.strip().splitlines()[-1])


def bench_world(peer: bool) -> None:
    print("== 3. Three-way FE PPML, regint's world panel, 1992-2020 every 4 years ==", _load())
    print("  (each run in a fresh process: warehouse load, panel and dummies, then the fit)")
    runs = {"auto": _world("auto")}
    print(f"  ({_load()} after regint's run)")
    if peer:
        runs["pyfixest"] = _world("pyfixest")
        print(f"  ({_load()} after pyfixest's run)")
    terms = ("fta", "cu", "eu")
    for r in runs.values():
        if r is None:
            continue
        est, se, n_used, n_input, dropped, t_data, t_fit, rss, engine = r
        print(f"  {engine}: data {t_data:.1f} s + fit {t_fit:.1f} s = {t_data + t_fit:.1f} s, "
              f"peak RSS {rss:,.0f} MB; {n_used:,} of {n_input:,} obs used, dropped "
              + "; ".join(f"{n} {why.split(' (')[0]}" for why, n in dropped))  # fmt: skip
        print(
            "    "
            + ", ".join(f"{t} {b:.7f} ({s:.7f})" for t, b, s in zip(terms, est, se, strict=True))
        )
    if runs.get("pyfixest") and runs["auto"]:
        a, b = runs["auto"], runs["pyfixest"]
        rel_b = max(abs(x - y) / abs(y) for x, y in zip(a[0], b[0], strict=True))
        rel_s = max(abs(x - y) / abs(y) for x, y in zip(a[1], b[1], strict=True))
        print(f"  agreement with pyfixest.fepois: coefficients {rel_b:.1e}, standard errors "
              f"{rel_s:.1e} (relative); fit {b[6] / a[6]:.0f}x faster, whole run "
              f"{(b[5] + b[6]) / (a[5] + a[6]):.0f}x")  # fmt: skip


def _load() -> str:
    with open("/proc/loadavg", encoding="utf-8") as f:
        return "[load average " + " ".join(f.read().split()[:3]) + "]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--glm-countries", type=int, default=35)
    parser.add_argument(
        "--skip", nargs="*", default=[], choices=["ppml", "ge", "world", "world-peer"]
    )
    args = parser.parse_args()
    if "ppml" not in args.skip:
        bench_ppml(args.glm_countries)
    if "ge" not in args.skip:
        bench_ge()
    if "world" not in args.skip:
        bench_world(peer="world-peer" not in args.skip)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"benchmark process peak RSS {rss:.0f} MB (sections 1-2); {_load()}")


if __name__ == "__main__":
    main()
