"""Aggregation: indicators into dimension scores, dimensions into the index, for many weight sets
at once.

Each mean is weighted and skips missing values, re-scaling the weights of what is present:

- ``arithmetic``: sum w x / sum w (full compensation);
- ``geometric``: exp(sum w log(x + c) / sum w) - c (partial compensation);
- ``harmonic``: sum w / sum (w / (x + c)) - c (least compensation).

Geometric and harmonic means need positive values, so every value is shifted by
``c = 1 - min(0, smallest normalised value)`` before and shifted back after: on a 0-100 scale c = 1.
A dimension with no indicator present is missing; the index of a unit-year is missing when the
dimensions present carry less than ``min_weight`` of the dimension weight.

Weights come as matrices with one row per weight set (a Monte Carlo replication), so one call
scores every replication with a few matrix products.
"""

from __future__ import annotations

import numpy as np


def compute_shift(values: np.ndarray) -> float:
    """The shift c that makes every value at least 1 (for geometric and harmonic means)."""
    low = np.nanmin(values) if np.isfinite(values).any() else 0.0
    return float(1.0 - min(0.0, low))


def _transform(x: np.ndarray, method: str, c: float) -> np.ndarray:
    if method == "arithmetic":
        return x
    if method == "geometric":
        return np.log(x + c)
    if method == "harmonic":
        return 1.0 / (x + c)
    raise ValueError(f"unknown aggregation {method!r}")


def _inverse(m: np.ndarray, method: str, c: float) -> np.ndarray:
    if method == "arithmetic":
        return m
    if method == "geometric":
        return np.exp(m) - c
    return 1.0 / m - c


def compute_weighted_mean(
    x: np.ndarray, weights: np.ndarray, method: str, c: float, min_weight: float = 0.0
) -> tuple[np.ndarray, np.ndarray]:
    """Weighted means of the rows of ``x`` (cells, items) for each weight row (sets, items).

    Returns the means (cells, sets) and the share of weight present (cells, sets); a mean whose
    present weight is zero, or below ``min_weight`` times the row's total, is NaN.
    """
    present = ~np.isnan(x)
    filled = np.where(present, _transform(np.where(present, x, 1.0), method, c), 0.0)
    num = filled @ weights.T
    den = present.astype(float) @ weights.T
    total = weights.sum(axis=1)[None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(total > 0, den / np.where(total > 0, total, 1), 0.0)
        mean = _inverse(num / np.where(den > 0, den, 1.0), method, c)
    ok = (den > 0) & (share >= min_weight - 1e-12)
    return np.where(ok, mean, np.nan), share


def compute_scores(
    x: np.ndarray,
    indicator_weights: np.ndarray,
    dimension_weights: np.ndarray,
    membership: np.ndarray,
    method: str,
    min_weight: float,
    c: float | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Dimension scores and the index for every weight set.

    ``x``: (cells, K) normalised values; ``indicator_weights``: (R, K), each dimension's block
    summing to one; ``dimension_weights``: (R, D); ``membership``: (K, D) 0/1.
    Returns dimension scores (cells, R, D), the index (cells, R) and its weight coverage (cells, R).
    """
    shift = compute_shift(x) if c is None else c
    cells, sets, dims = x.shape[0], indicator_weights.shape[0], membership.shape[1]
    dim_scores = np.empty((cells, sets, dims))
    for d in range(dims):
        w = indicator_weights * membership[:, d][None, :]
        dim_scores[:, :, d], _ = compute_weighted_mean(x, w, method, shift)
    present = ~np.isnan(dim_scores)
    t = np.where(present, _transform(np.where(present, dim_scores, 1.0), method, shift), 0.0)
    v = dimension_weights[None, :, :]
    num = (t * v).sum(axis=2)
    den = (present * v).sum(axis=2)
    total = dimension_weights.sum(axis=1)[None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        share = den / np.where(total > 0, total, 1)
        index = _inverse(num / np.where(den > 0, den, 1.0), method, shift)
    ok = (den > 0) & (share >= min_weight - 1e-12)
    return dim_scores, np.where(ok, index, np.nan), share
