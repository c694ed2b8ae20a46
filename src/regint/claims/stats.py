"""Small, self-contained statistics for the claims: trends and structural breaks.

Annual series here are short (15-20 points) and autocorrelated, so standard errors are
Newey-West (HAC) with a Bartlett kernel, and confidence intervals use Student's t. Everything
is numpy/scipy and pure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

CONFIDENCE = 0.95


@dataclass(frozen=True)
class Fit:
    """An OLS fit: coefficients, their covariance (HAC or classical) and residual sum of squares."""

    coef: np.ndarray
    cov: np.ndarray
    ssr: float
    n: int
    k: int

    @property
    def dof(self) -> int:
        return self.n - self.k


@dataclass(frozen=True)
class Estimate:
    """A point estimate with a two-sided confidence interval and its p-value against zero."""

    value: float
    lo: float
    hi: float
    se: float
    p_value: float
    n: int

    @property
    def excludes_zero(self) -> bool:
        return self.lo > 0 or self.hi < 0


@dataclass(frozen=True)
class BreakTest:
    """A segmented regression y = a + b t + c D + d D (t - tb), D = 1[t >= tb], and its Chow test.

    ``effect`` is the mean post-break deviation from the extrapolated pre-break trend,
    c + d * mean(t - tb) over the post-break years: the size of the change in the units of y.
    """

    break_year: int
    f_stat: float
    p_value: float
    level_shift: Estimate
    slope_change: Estimate
    effect: Estimate
    pre_slope: Estimate
    n_pre: int
    n_post: int
    best_break_year: int | None


def newey_west_lag(n: int) -> int:
    """The Stock-Watson rule of thumb, 0.75 n^(1/3), rounded down."""
    return max(0, int(math.floor(0.75 * n ** (1.0 / 3.0))))


def compute_ols(x: np.ndarray, y: np.ndarray, hac_lag: int | None = None) -> Fit:
    """OLS of y on the columns of x; HAC covariance with ``hac_lag`` (None: the default rule)."""
    n, k = x.shape
    if n <= k:
        raise ValueError(f"{n} observations cannot fit {k} coefficients")
    xtx_inv = np.linalg.pinv(x.T @ x)
    coef = xtx_inv @ x.T @ y
    resid = y - x @ coef
    ssr = float(resid @ resid)
    lag = newey_west_lag(n) if hac_lag is None else hac_lag
    scores = x * resid[:, None]
    meat = scores.T @ scores
    for j in range(1, lag + 1):
        weight = 1.0 - j / (lag + 1.0)
        gamma = scores[j:].T @ scores[:-j]
        meat += weight * (gamma + gamma.T)
    # Small-sample correction n/(n-k), as in Stata's newey/regress.
    cov = xtx_inv @ meat @ xtx_inv * n / (n - k)
    return Fit(coef=coef, cov=cov, ssr=ssr, n=n, k=k)


def _estimate(fit: Fit, gradient: np.ndarray, confidence: float) -> Estimate:
    value = float(gradient @ fit.coef)
    se = float(math.sqrt(max(gradient @ fit.cov @ gradient, 0.0)))
    tcrit = float(stats.t.ppf(0.5 + confidence / 2.0, fit.dof))
    if se == 0.0:
        p = 0.0 if value != 0.0 else 1.0
    else:
        p = float(2.0 * stats.t.sf(abs(value) / se, fit.dof))
    return Estimate(value, value - tcrit * se, value + tcrit * se, se, p, fit.n)


def _clean(years: Sequence[float], values: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    t = np.asarray(years, dtype="float64")
    y = np.asarray(values, dtype="float64")
    keep = np.isfinite(t) & np.isfinite(y)
    return t[keep], y[keep]


def compute_trend(
    years: Sequence[float], values: Sequence[float], confidence: float = CONFIDENCE
) -> Estimate:
    """The linear trend (units of y per year) with a HAC confidence interval.

    >>> round(compute_trend([2000, 2001, 2002, 2003], [1.0, 2.0, 3.0, 4.0]).value, 6)
    1.0
    """
    t, y = _clean(years, values)
    if len(t) < 4:
        raise ValueError(f"a trend needs at least 4 years with data, got {len(t)}")
    x = np.column_stack([np.ones_like(t), t - t.mean()])
    return _estimate(compute_ols(x, y), np.array([0.0, 1.0]), confidence)


def _design(t: np.ndarray, break_year: float) -> np.ndarray:
    post = (t >= break_year).astype("float64")
    return np.column_stack([np.ones_like(t), t - break_year, post, post * (t - break_year)])


def _chow(t: np.ndarray, y: np.ndarray, break_year: float) -> tuple[float, float, Fit]:
    """F statistic and p-value of H0: no level shift and no slope change at ``break_year``."""
    full = compute_ols(_design(t, break_year), y)
    restricted = compute_ols(_design(t, break_year)[:, :2], y)
    dof = full.dof
    if full.ssr <= 0.0:
        return math.inf, 0.0, full
    f_stat = ((restricted.ssr - full.ssr) / 2.0) / (full.ssr / dof)
    return float(f_stat), float(stats.f.sf(f_stat, 2, dof)), full


def compute_break_test(
    years: Sequence[float],
    values: Sequence[float],
    break_year: int,
    confidence: float = CONFIDENCE,
    search: Sequence[int] = (),
    min_segment: int = 3,
) -> BreakTest:
    """Chow-type test of a break at ``break_year`` with effect size and confidence interval.

    ``search`` lists candidate years; the one with the largest F (a Quandt-style search) is
    reported as ``best_break_year``, as a description, not a test. Each segment needs at least
    ``min_segment`` points.
    """
    t, y = _clean(years, values)
    n_pre, n_post = int((t < break_year).sum()), int((t >= break_year).sum())
    if min(n_pre, n_post) < min_segment or len(t) < 2 * min_segment + 1:
        raise ValueError(
            f"a break at {break_year} needs >= {min_segment} years on each side "
            f"(got {n_pre} before, {n_post} from)"
        )
    f_stat, p_value, fit = _chow(t, y, break_year)
    post_offset = float((t[t >= break_year] - break_year).mean())
    return BreakTest(
        break_year=int(break_year),
        f_stat=f_stat,
        p_value=p_value,
        level_shift=_estimate(fit, np.array([0.0, 0.0, 1.0, 0.0]), confidence),
        slope_change=_estimate(fit, np.array([0.0, 0.0, 0.0, 1.0]), confidence),
        effect=_estimate(fit, np.array([0.0, 0.0, 1.0, post_offset]), confidence),
        pre_slope=_estimate(fit, np.array([0.0, 1.0, 0.0, 0.0]), confidence),
        n_pre=n_pre,
        n_post=n_post,
        best_break_year=_best_break(t, y, search, min_segment),
    )


def _best_break(
    t: np.ndarray, y: np.ndarray, search: Sequence[int], min_segment: int
) -> int | None:
    best, best_f = None, -math.inf
    for year in search:
        if min((t < year).sum(), (t >= year).sum()) < min_segment:
            continue
        f_stat, _, _ = _chow(t, y, year)
        if f_stat > best_f:
            best, best_f = int(year), f_stat
    return best


def compute_fitted_break(
    years: Sequence[float], values: Sequence[float], break_year: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(years, segmented fit, pre-break trend extrapolated) for plotting a break test."""
    t, y = _clean(years, values)
    fit = compute_ols(_design(t, break_year), y)
    x = _design(t, break_year)
    counterfactual = x[:, :2] @ fit.coef[:2]
    return t, x @ fit.coef, counterfactual
