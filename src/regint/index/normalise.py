"""Normalisation: put indicators on a common scale, the better end high.

- ``minmax``: 100 (x - min) / (max - min), in [0, 100];
- ``zscore``: (x - mean) / sd (population sd), mean 0 and sd 1;
- ``goalposts``: 100 (x - low) / (high - low) clipped to [0, 100], with the spec's goalposts;
- ``rank``: 100 (rank - 1) / (n - 1), ties at their mean rank, in [0, 100].

Direction -1 flips an indicator so that a higher normalised value always means more integration.
Scope ``panel`` (the default) takes min, max, mean, sd or ranks over every member unit-year, so
scores compare across years; scope ``year`` does it year by year (a cross-section each year).
An indicator with no spread (max = min, sd = 0, or one value) normalises to NaN: it tells
nothing about who is more integrated.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import stats


def _minmax(x: np.ndarray, axis: tuple[int, ...]) -> np.ndarray:
    low = np.nanmin(x, axis=axis, keepdims=True)
    span = np.nanmax(x, axis=axis, keepdims=True) - low
    with np.errstate(invalid="ignore", divide="ignore"):
        scaled = np.clip((x - low) / np.where(span > 0, span, 1), 0.0, 1.0)  # rounding
        return np.where(span > 0, 100.0 * scaled, np.nan)


def _zscore(x: np.ndarray, axis: tuple[int, ...]) -> np.ndarray:
    mean = np.nanmean(x, axis=axis, keepdims=True)
    sd = np.nanstd(x, axis=axis, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(sd > 0, (x - mean) / np.where(sd > 0, sd, 1), np.nan)


def _rank(x: np.ndarray, axis: tuple[int, ...]) -> np.ndarray:
    """Percentile ranks over ``axis`` (axis (0, 1) for the panel, (0,) for each year)."""
    if axis == (0, 1):
        return _rank_flat(x.ravel()).reshape(x.shape)
    out = np.full_like(x, np.nan)
    for t in range(x.shape[1]):
        out[:, t] = _rank_flat(x[:, t])
    return out


def _rank_flat(x: np.ndarray) -> np.ndarray:
    out = np.full_like(x, np.nan)
    seen = ~np.isnan(x)
    n = int(seen.sum())
    if n < 2 or np.ptp(x[seen]) == 0:
        return out
    out[seen] = 100.0 * (stats.rankdata(x[seen]) - 1) / (n - 1)
    return out


def compute_normalised(
    values: np.ndarray,
    method: str,
    directions: Sequence[int],
    scope: str = "panel",
    goalposts: Sequence[tuple[float, float] | None] | None = None,
) -> np.ndarray:
    """Normalise a (units, years, indicators) array indicator by indicator."""
    axis = (0, 1) if scope == "panel" else (0,)
    out = np.full_like(values, np.nan, dtype=float)
    for k, direction in enumerate(directions):
        x = values[:, :, k]
        if np.isnan(x).all():
            continue
        if method == "goalposts":
            if goalposts is None or goalposts[k] is None:
                raise ValueError("goalposts normalisation needs goalposts for every indicator")
            low, high = goalposts[k]  # type: ignore[misc]
            scaled = (x - low) / (high - low) if direction > 0 else (high - x) / (high - low)
            out[:, :, k] = np.clip(100.0 * scaled, 0.0, 100.0)
            continue
        signed = x if direction > 0 else -x
        if method == "minmax":
            out[:, :, k] = _minmax(signed, axis)
        elif method == "zscore":
            out[:, :, k] = _zscore(signed, axis)
        elif method == "rank":
            out[:, :, k] = _rank(signed, axis)
        else:  # the spec validator allows no other method
            raise ValueError(f"unknown normalisation {method!r}")
    return out
