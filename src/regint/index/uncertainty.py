"""Uncertainty and sensitivity: Monte Carlo over the construction choices, Sobol indices.

Each replication draws one value for every factor the spec lets vary: the imputation steps, the
normalisation, the weighting scheme, the aggregation, which indicator (if any) is left out, and a
multiplicative perturbation of each dimension weight (uniform in 1 +/- ``perturbation``). The draws
are a Saltelli design (SALib), so the same replications give intervals and Sobol first-order and
total indices. A discrete factor reads its uniform draw u as option floor(u n).

Every replication's scores are mapped linearly onto the baseline's panel range (its lowest and
highest unit-year score) before intervals and ranks are taken: normalisations put indicators on
different scales (a z-score is not a 0-100 value), and only the positions of states, not the units
of a scale, are comparable across replications (decision 0007).

Everything not listed as a factor is held fixed; :func:`compute_fixed` says what that is.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import sobol as sobol_sample

from regint.index.aggregate import compute_scores, compute_shift
from regint.index.build import (
    Layer,
    Prepared,
    compute_layer,
    compute_nominal_weights,
    compute_region_scores,
)
from regint.index.weights import _normalise_blocks


@dataclass(frozen=True)
class Factor:
    """One varied assumption: its name and its options (None for a continuous perturbation)."""

    name: str
    options: tuple[Any, ...] | None
    description: str

    def pick(self, u: np.ndarray) -> np.ndarray:
        """Option indices for uniform draws ``u``."""
        n = len(self.options or ())
        return np.minimum((u * n).astype(int), n - 1)


@dataclass(frozen=True)
class Design:
    """The factors varied and the SALib problem describing them."""

    factors: tuple[Factor, ...]

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.factors]

    def problem(self) -> dict[str, Any]:
        n = len(self.factors)
        return {"num_vars": n, "names": self.names, "bounds": [[0.0, 1.0]] * n}

    def column(self, name: str) -> int:
        return self.names.index(name)


def _droppable(prep: Prepared) -> tuple[str | None, ...]:
    """Indicators whose dimension keeps another one: the candidates for leaving one out."""
    counts = prep.membership.sum(axis=0)
    ks = [
        k for k, name in enumerate(prep.panel.indicators) if counts[prep.membership[k].argmax()] > 1
    ]
    return (None, *(prep.panel.indicators[k] for k in ks))


def compute_design(prep: Prepared) -> Design:
    """The factors the spec lets vary (a factor with a single option is held fixed)."""
    u = prep.spec.uncertainty
    factors = [
        Factor("imputation", u.imputation, "imputation steps"),
        Factor("normalisation", u.normalisation, "normalisation method"),
        Factor("weights", u.weights, "weighting scheme"),
        Factor("aggregation", u.aggregation, "aggregation method"),
    ]
    if u.exclusion:
        factors.append(Factor("exclusion", _droppable(prep), "one indicator left out, or none"))
    out = [f for f in factors if f.options is not None and len(f.options) > 1]
    if u.perturbation > 0:
        out += [
            Factor(f"weight_{d.id}", None, f"weight of {d.id} times U(1 +/- {u.perturbation:g})")
            for d in prep.spec.dimensions
        ]
    return Design(tuple(out))


def compute_fixed(prep: Prepared, design: Design) -> list[str]:
    """The assumptions held fixed in every replication, in words."""
    s, varied = prep.spec, set(design.names)
    fixed = [
        f"screening: indicators covering at least {s.min_coverage:.0%} of member-years",
        f"carry-forward limit: {s.carry_limit} years",
        f"outlier rule: {s.outliers} (|skew| > {s.skew:g} and kurtosis > {s.kurtosis:g}, "
        f"winsorise up to {s.winmax} points, else log)",
        f"normalisation scope: {s.scope}",
        f"dimension coverage needed for a score: {s.min_weight:.0%} of the weight",
        "the framework: which indicators make each dimension, and their directions",
        "the data: trade basis, CIF/FOB factor, grouping membership by year",
    ]
    for name, value in (
        ("imputation", " -> ".join(s.imputation) or "none"),
        ("normalisation", s.normalisation),
        ("weights", s.weights),
        ("aggregation", s.aggregation),
    ):
        if name not in varied:
            fixed.append(f"{name}: {value}")
    if "exclusion" not in varied:
        fixed.append("indicator inclusion: every screened indicator")
    if not any(n.startswith("weight_") for n in varied):
        fixed.append("dimension weights: not perturbed")
    return fixed


def compute_sample(design: Design, samples: int, seed: int) -> np.ndarray:
    """The Saltelli design: samples x (factors + 2) rows in [0, 1]."""
    if not design.factors:
        return np.zeros((1, 0))
    return sobol_sample.sample(
        design.problem(), samples, calc_second_order=False, scramble=True, seed=seed
    )


@dataclass(frozen=True)
class Replications:
    """Scores of every replication: (units, years, R) and the grouping's (years, R)."""

    design: Design
    sample: np.ndarray
    scores: np.ndarray
    region: np.ndarray


def _choice(design: Design, sample: np.ndarray, name: str, default: Any) -> np.ndarray:
    if name not in design.names:
        return np.zeros(sample.shape[0], dtype=int)
    f = design.factors[design.column(name)]
    return f.pick(sample[:, design.column(name)])


def _options(design: Design, name: str, default: Any) -> tuple[Any, ...]:
    if name not in design.names:
        return (default,)
    return design.factors[design.column(name)].options or (default,)


def _weights_for(
    prep: Prepared,
    layer: Layer,
    schemes: tuple[str, ...],
    picks: dict[str, np.ndarray],
    rows: np.ndarray,
    design: Design,
    sample: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Indicator (Rg, K) and dimension (Rg, D) weights of the replications in ``rows``."""
    base = [compute_nominal_weights(prep, layer, s) for s in schemes]
    w = np.stack([base[i][0] for i in picks["weights"][rows]])
    v = np.stack([base[i][1] for i in picks["weights"][rows]])
    drop = picks["exclusion"][rows]
    if "exclusion" in design.names:
        names = design.factors[design.column("exclusion")].options or ()
        cols = [prep.panel.indicators.index(n) if n else -1 for n in names]
        k = np.array(cols)[drop]
        hit = k >= 0
        w[np.flatnonzero(hit), k[hit]] = 0.0
    w = _normalise_blocks(w, prep.membership)
    delta = prep.spec.uncertainty.perturbation
    for d, dim in enumerate(prep.spec.dimensions):
        name = f"weight_{dim.id}"
        if name in design.names:
            v[:, d] *= 1.0 + delta * (2.0 * sample[rows, design.column(name)] - 1.0)
    return w, v / v.sum(axis=1, keepdims=True)


def compute_replications(
    prep: Prepared, design: Design, sample: np.ndarray, baseline: np.ndarray
) -> Replications:
    """Score every replication, grouped by (imputation, normalisation, aggregation) so each group
    is a few matrix products; scores mapped onto the baseline's panel range."""
    spec = prep.spec
    picks = {
        name: _choice(design, sample, name, None)
        for name in ("imputation", "normalisation", "weights", "aggregation", "exclusion")
    }
    imps = _options(design, "imputation", spec.imputation)
    norms = _options(design, "normalisation", spec.normalisation)
    schemes = _options(design, "weights", spec.weights)
    aggs = _options(design, "aggregation", spec.aggregation)
    units, years = prep.panel.member.shape
    out = np.full((units * years, sample.shape[0]), np.nan)
    layers: dict[tuple[int, int], Layer] = {}
    for key in sorted(
        set(zip(picks["imputation"], picks["normalisation"], picks["aggregation"], strict=True))
    ):
        i, n, a = (int(x) for x in key)
        rows = np.flatnonzero(
            (picks["imputation"] == i) & (picks["normalisation"] == n) & (picks["aggregation"] == a)
        )
        if (i, n) not in layers:
            layers[(i, n)] = compute_layer(prep, imps[i], norms[n])
        layer = layers[(i, n)]
        w, v = _weights_for(prep, layer, schemes, picks, rows, design, sample)
        x = layer.cells()
        _, index, _ = compute_scores(
            x, w, v, prep.membership, aggs[a], spec.min_weight, compute_shift(x)
        )
        out[:, rows] = index
    scores = _onto_baseline(out, baseline.ravel()).reshape(units, years, -1)
    return Replications(design, sample, scores, compute_region_scores(scores, prep.panel.member))


def _onto_baseline(scores: np.ndarray, baseline: np.ndarray) -> np.ndarray:
    """Map each column of ``scores`` linearly so its min and max match the baseline's."""
    if not np.isfinite(baseline).any():
        return scores
    b_low, b_high = np.nanmin(baseline), np.nanmax(baseline)
    with np.errstate(invalid="ignore", divide="ignore"), _quiet():
        low, high = np.nanmin(scores, axis=0), np.nanmax(scores, axis=0)
    span = high - low
    scale = np.where(span > 0, (b_high - b_low) / np.where(span > 0, span, 1), 0.0)
    return b_low + (scores - low[None, :]) * scale[None, :]


@contextmanager
def _quiet() -> Iterator[None]:
    """Silence numpy's 'All-NaN slice' warnings for a cell no replication scores."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        yield


def compute_interval(values: np.ndarray, low: float, high: float) -> tuple[np.ndarray, np.ndarray]:
    """Quantiles over the last axis, ignoring replications without a score."""
    with _quiet():
        return np.nanquantile(values, low, axis=-1), np.nanquantile(values, high, axis=-1)


def compute_ranks(scores: np.ndarray, member: np.ndarray) -> np.ndarray:
    """Rank of each member among the members scored that year, per replication (1 = highest)."""
    s = np.where(member[:, :, None], scores, np.nan)
    higher = (s[None, :, :, :] > s[:, None, :, :]).sum(axis=1)
    return np.where(np.isnan(s), np.nan, 1.0 + higher)


def compute_sobol(design: Design, y: np.ndarray, seed: int) -> dict[str, np.ndarray] | None:
    """First-order and total Sobol indices of output ``y`` (None if it is not finite everywhere
    or does not vary)."""
    if not design.factors or not np.isfinite(y).all() or np.ptp(y) == 0:
        return None
    res = sobol_analyze.analyze(
        design.problem(), y, calc_second_order=False, num_resamples=100, seed=seed
    )
    return {key: np.asarray(res[key]) for key in ("S1", "S1_conf", "ST", "ST_conf")}
