"""PPML gravity estimation with high-dimensional fixed effects (``pyfixest.fepois``).

``compute_ppml`` keeps a ledger of every observation it does not use and why: a missing value,
the separation checks (a fixed-effect group whose flows are all zero, so its effect would be
minus infinity; pyfixest's ``fe`` and ``ir`` checks), or a singleton fixed-effect group. A
regressor the fixed effects absorb, or a sample with nothing left, is an error naming the spec
key, never a silent coefficient.
"""

from __future__ import annotations

import importlib.metadata
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

import numpy as np
import pandas as pd

from regint.core.errors import InputError
from regint.gravity.spec import GravitySpec

DOMESTIC_PAIR = "__domestic__"
FE_COLUMNS = {
    "exporter": "exporter",
    "importer": "importer",
    "exporter_year": "fe_exporter_year",
    "importer_year": "fe_importer_year",
    "pair": "fe_pair",
}
PAIR = "fe_pair"
Progress = Callable[[str], None]
Engine = Literal["auto", "pyfixest", "newton"]
ENGINES: tuple[str, ...] = get_args(Engine)
# From this many observations, ``engine="auto"`` uses regint's Newton solver for specs with a
# pair effect (see :mod:`regint.gravity.newton`); below it, pyfixest is fast enough.
NEWTON_MIN_OBS = 100_000
# pyfixest orders the fixed effects by a set of their names, so the order of its demeaning
# sweeps follows Python's per-process string hashing. Converged this far, every order gives the
# same digits (same inputs, same bytes); its defaults (1e-8) leave noise in the 7th digit of
# the SEs. A panel whose demeaning cannot get this far (the world panel, whose Poisson weights
# span twelve orders of magnitude) is fitted at pyfixest's defaults, with LOOSE_NOTE.
TIGHT = {"fixef_tol": 1e-13, "iwls_tol": 1e-10}
LOOSE_NOTE = (
    "pyfixest's demeaning did not converge to 1e-13; fitted at its default tolerances, so the "
    "last digits of the standard errors may differ between processes (engine='newton' does not)"
)


@dataclass(frozen=True)
class GravityFit:
    """The estimates of one spec, with the sample ledger and the covariance."""

    spec: GravitySpec
    coefficients: pd.DataFrame  # term, estimate, std_error, z, p_value, ci_low, ci_high
    vcov: pd.DataFrame
    n_input: int
    n_used: int
    dropped: tuple[tuple[str, int], ...]
    notes: tuple[str, ...]
    fixed_effects: dict[str, pd.Series] = field(repr=False, compare=False)
    engine: str = ""

    def coef(self, term: str) -> float:
        """The estimate of ``term`` (raises :class:`InputError` naming it when absent)."""
        row = self.coefficients.loc[self.coefficients["term"] == term]
        if row.empty:
            raise InputError("term", f"'{term}' is not a regressor of spec '{self.spec.name}'")
        return float(row["estimate"].iloc[0])

    def se(self, term: str) -> float:
        row = self.coefficients.loc[self.coefficients["term"] == term]
        if row.empty:
            raise InputError("term", f"'{term}' is not a regressor of spec '{self.spec.name}'")
        return float(row["std_error"].iloc[0])

    @property
    def n_dropped(self) -> int:
        return sum(n for _, n in self.dropped)

    def to_frame(self) -> pd.DataFrame:
        """The coefficient table, with the spec and the ledger in ``attrs``."""
        frame = self.coefficients.copy()
        frame.attrs["gravity"] = self.summary()
        return frame

    def summary(self) -> dict[str, Any]:
        """Everything needed to read the estimates: spec, sample ledger, engine, notes."""
        return {
            "spec": self.spec.to_dict(),
            "spec_sha256": self.spec.sha256,
            "n_input": self.n_input,
            "n_used": self.n_used,
            "dropped": [{"reason": r, "n": n} for r, n in self.dropped],
            "engine": self.engine,
            "notes": list(self.notes),
        }


def compute_design(frame: pd.DataFrame, spec: GravitySpec) -> pd.DataFrame:
    """The estimation frame: the spec's years and flows, plus fixed-effect id columns."""
    spec.check_frame(frame)
    data = frame
    if spec.years is not None:
        data = data.loc[data["year"].isin(spec.years)]
    if spec.international_only:
        data = data.loc[data["exporter"] != data["importer"]]
    data = data.copy()
    year = data["year"].astype(int).astype(str)
    data["fe_exporter_year"] = data["exporter"].astype(str) + "_" + year
    data["fe_importer_year"] = data["importer"].astype(str) + "_" + year
    if spec.pair_column:
        pair = data[spec.pair_column].astype(str)
    else:
        pair = data["exporter"].astype(str) + "_" + data["importer"].astype(str)
    if spec.shared_domestic_pair:
        pair = pair.where(data["exporter"] != data["importer"], DOMESTIC_PAIR)
    data[PAIR] = pair
    return data


def _formula(spec: GravitySpec) -> str:
    fes = " + ".join(FE_COLUMNS[f] for f in spec.fixed_effects)
    rhs = " + ".join(spec.regressors)
    return f"{spec.dependent} ~ {rhs}" + (f" | {fes}" if fes else "")


def _vcov(spec: GravitySpec) -> Any:
    if spec.vcov == "cluster_pair":
        return {"CRV1": PAIR}
    return spec.vcov


def _check_values(data: pd.DataFrame, spec: GravitySpec) -> tuple[pd.DataFrame, int]:
    cols = [spec.dependent, *spec.regressors]
    bad = data[cols].isna().any(axis=1) | ~np.isfinite(data[cols].astype(float)).all(axis=1)
    kept = data.loc[~bad]
    if (kept[spec.dependent] < 0).any():
        row = kept.loc[kept[spec.dependent] < 0].iloc[0]
        raise InputError(
            "spec.dependent",
            f"'{spec.dependent}' is negative for {row['exporter']} -> {row['importer']}, "
            f"{row['year']}: a flow cannot be negative",
        )
    if kept.empty:
        raise InputError("spec", "no observation has every variable of the spec")
    return kept, int(bad.sum())


def compute_ppml(
    frame: pd.DataFrame,
    spec: GravitySpec,
    progress: Progress | None = None,
    fixed_effects: bool = True,
    engine: Engine = "auto",
) -> GravityFit:
    """Estimate ``spec`` by PPML on ``frame`` (one row per exporter, importer, year).

    ``fixed_effects=False`` skips recovering the fixed effects (needed for GE, not for the
    coefficients). ``engine``: ``pyfixest`` (``pyfixest.fepois``), ``newton`` (regint's exact
    Newton solver with the pair effect concentrated out, for large panels: same first-order
    conditions, see :mod:`regint.gravity.newton`) or ``auto`` (``newton`` from
    ``NEWTON_MIN_OBS`` observations when the spec has a pair effect and pair-clustered or
    uncorrected errors, else ``pyfixest``).

    Examples
    --------
    >>> fit = compute_ppml(panel, GravitySpec("rta", ("RTA",)))  # doctest: +SKIP
    >>> round(fit.coef("RTA"), 3)  # doctest: +SKIP
    0.557
    """

    say = progress or (lambda _m: None)
    data = compute_design(frame, spec)
    n_input = len(data)
    data, n_missing = _check_values(data, spec)
    for reg in spec.regressors:
        if data[reg].nunique() < 2:
            raise InputError(
                "spec.regressors", f"'{reg}' does not vary in the sample: singular design"
            )
    if engine not in ENGINES:
        raise InputError("engine", f"'{engine}' is not one of {', '.join(ENGINES)}")
    if engine == "newton" or (engine == "auto" and _wants_newton(data, spec)):
        from regint.gravity.newton import compute_fit_newton

        say(f"PPML (Newton) on {len(data):,} observations")
        return compute_fit_newton(data, spec, n_input, n_missing, fixed_effects)
    say(f"PPML on {len(data):,} observations")
    caught: list[str] = []
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        try:
            fit = _fepois(data, spec, TIGHT)
        except (ValueError, RuntimeError):  # only "Demeaning failed" comes through
            fit = _fepois(data, spec, {})  # pyfixest's own tolerances: it converges there
            caught.append(LOOSE_NOTE)
        caught += [str(w.message) for w in seen if _relevant(w)]
    return _collect(fit, spec, n_input, n_missing, len(data), caught, fixed_effects)


def _fepois(data: pd.DataFrame, spec: GravitySpec, tolerances: dict[str, float]) -> Any:
    """``pyfixest.fepois`` on ``spec``; a failure is an ``InputError`` naming the spec."""
    import pyfixest as pf

    try:
        return pf.fepois(
            _formula(spec),
            data,
            vcov=_vcov(spec),
            ssc=pf.ssc(k_adj=spec.small_sample, G_adj=spec.small_sample),
            separation_check=list(spec.separation),
            **tolerances,
        )
    except np.linalg.LinAlgError as err:
        raise InputError("spec", f"PPML failed for spec '{spec.name}': {err}") from None
    except (ValueError, RuntimeError) as err:
        if tolerances and "Demeaning failed" in str(err):
            raise
        raise InputError("spec", f"PPML failed for spec '{spec.name}': {err}") from None


def _wants_newton(data: pd.DataFrame, spec: GravitySpec) -> bool:
    supported = spec.vcov == "cluster_pair" or not spec.small_sample
    return len(data) >= NEWTON_MIN_OBS and "pair" in spec.fixed_effects and supported


def compute_coefficient_table(
    terms: list[str], estimate: np.ndarray, std_error: np.ndarray, dist: Any
) -> pd.DataFrame:
    """term, estimate, std_error, z, p_value and the 95% interval; ``dist``: a scipy law."""
    coefs = pd.DataFrame({"term": terms, "estimate": estimate, "std_error": std_error})
    coefs["z"] = coefs["estimate"] / coefs["std_error"]
    coefs["p_value"] = 2 * dist.sf(np.abs(coefs["z"].to_numpy()))
    coefs["ci_low"] = coefs["estimate"] - 1.959964 * coefs["std_error"]
    coefs["ci_high"] = coefs["estimate"] + 1.959964 * coefs["std_error"]
    if not np.all(np.isfinite(coefs[["estimate", "std_error"]].to_numpy())):
        raise InputError("spec", "non-finite estimates: singular design")
    return coefs


def _relevant(w: warnings.WarningMessage) -> bool:
    return not issubclass(w.category, DeprecationWarning | FutureWarning) and "deprecat" not in str(
        w.message
    )


def _collect(
    fit: Any,
    spec: GravitySpec,
    n_input: int,
    n_missing: int,
    n_kept: int,
    caught: list[str],
    with_effects: bool = True,
) -> GravityFit:
    estimated = set(fit.coef().index)
    absent = [r for r in spec.regressors if r not in estimated]
    if absent:
        raise InputError(
            "spec.regressors",
            f"{', '.join(absent)} collinear with the fixed effects or separated: singular design",
        )
    coefs = pd.DataFrame(
        {
            "term": list(fit.coef().index),
            "estimate": fit.coef().to_numpy(),
            "std_error": fit.se().to_numpy(),
            "z": fit.tstat().to_numpy(),
            "p_value": fit.pvalue().to_numpy(),
        }
    )
    coefs["ci_low"] = coefs["estimate"] - 1.959964 * coefs["std_error"]
    coefs["ci_high"] = coefs["estimate"] + 1.959964 * coefs["std_error"]
    if not np.all(np.isfinite(coefs[["estimate", "std_error"]].to_numpy())):
        raise InputError("spec", f"spec '{spec.name}' gives non-finite estimates: singular design")
    n_sep = int(getattr(fit, "n_separation_na", 0) or 0)
    n_other = n_kept - int(fit._N) - n_sep
    dropped = (
        ("missing value", n_missing),
        ("separation (a fixed-effect group or regressor pattern with only zero flows)", n_sep),
        ("singleton fixed-effect group", max(n_other, 0)),
    )
    names = list(fit.coef().index)
    vcov = pd.DataFrame(np.asarray(fit._vcov), index=names, columns=names)
    return GravityFit(
        spec=spec,
        coefficients=coefs,
        vcov=vcov,
        n_input=n_input,
        n_used=int(fit._N),
        dropped=tuple((r, n) for r, n in dropped if n),
        notes=tuple(dict.fromkeys(caught)),
        fixed_effects=_fixed_effects(fit, spec) if with_effects else {},
        engine=f"pyfixest {importlib.metadata.version('pyfixest')} fepois",
    )


def _fixed_effects(fit: Any, spec: GravitySpec) -> dict[str, pd.Series]:
    """The fixed effects (logs) on the estimation sample, recovered by ``compute_fixed_effects``.

    pyfixest's ``fixef()`` for Poisson models does not reproduce the fitted values here, so the
    effects are recomputed from the Poisson first-order conditions with the estimated
    coefficients as an offset.
    """
    if not spec.fixed_effects:
        return {}
    used = fit._data
    offset = sum(float(fit.coef()[r]) * used[r].to_numpy(dtype=float) for r in spec.regressors)
    names = [FE_COLUMNS[f] for f in spec.fixed_effects]
    return compute_fixed_effects(used[spec.dependent].to_numpy(dtype=float), offset, used[names])


def compute_fixed_effects(
    y: np.ndarray,
    offset: np.ndarray,
    groups: pd.DataFrame,
    tol: float = 1e-11,
    max_iter: int = 50_000,
) -> dict[str, pd.Series]:
    """Solve the Poisson first-order conditions for the fixed effects, given an offset.

    Iterative scaling: each group's effect is rescaled until its fitted flows sum to its observed
    flows. The effects are identified up to normalisations; every group but the first is
    normalised to a geometric mean of one (callers compare effects within a group).
    """
    codes, logs, labels = [], [], []
    for col in groups.columns:
        c, u = pd.factorize(groups[col], sort=True)
        codes.append(c)
        labels.append(u)
        logs.append(np.zeros(len(u)))
    mu = np.exp(np.asarray(offset, dtype=float))
    logs[0] += np.log(y.sum() / mu.sum())  # a start on the right scale, recorded in group 0
    mu = mu * (y.sum() / mu.sum())
    for _ in range(max_iter):
        worst = 0.0
        for k, c in enumerate(codes):
            ratio = np.bincount(c, weights=y) / np.bincount(c, weights=mu)
            step = np.log(ratio)
            logs[k] += step
            mu *= ratio[c]
            worst = max(worst, float(np.max(np.abs(step))))
        if worst < tol:
            break
    else:
        raise InputError("spec", f"the fixed effects did not converge (last step {worst:.2g})")
    shift = [float(np.mean(v)) for v in logs]
    logs[0] = logs[0] + sum(shift[1:])
    for k in range(1, len(logs)):
        logs[k] = logs[k] - shift[k]
    return {
        col: pd.Series(v, index=pd.Index(u, name=col))
        for col, v, u in zip(groups.columns, logs, labels, strict=True)
    }
