"""Fill gaps in the panel: interpolation, carry-forward within a limit, regional means.

Steps run in the order the spec lists them; each fills only what the previous ones left. A filled
cell is flagged (``imputed``), so every output can say which values rest on imputation. Nothing is
extrapolated beyond a unit's first or last observation except by ``carry`` (at most
``carry_limit`` years) or by the regional mean of that year.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def compute_interpolation(values: np.ndarray) -> np.ndarray:
    """Linear interpolation along years, inside each unit's observed range only."""
    out = values.copy()
    units, years, inds = values.shape
    t = np.arange(years)
    for u in range(units):
        for k in range(inds):
            series = values[u, :, k]
            seen = ~np.isnan(series)
            if seen.sum() < 2:
                continue
            inside = (t > t[seen][0]) & (t < t[seen][-1]) & ~seen
            out[u, inside, k] = np.interp(t[inside], t[seen], series[seen])
    return out


def compute_carry(values: np.ndarray, limit: int) -> np.ndarray:
    """Carry the last observation forward (then the first one back) at most ``limit`` years."""
    out = values.copy()
    for step in range(1, limit + 1):
        fwd = np.full_like(values, np.nan)
        fwd[:, step:, :] = values[:, :-step, :]
        out = np.where(np.isnan(out), fwd, out)
    for step in range(1, limit + 1):
        back = np.full_like(values, np.nan)
        back[:, :-step, :] = values[:, step:, :]
        out = np.where(np.isnan(out), back, out)
    return out


def compute_regional_mean(values: np.ndarray, member: np.ndarray) -> np.ndarray:
    """Fill a member's gap with the mean of the other members' values that year."""
    with np.errstate(invalid="ignore"):
        counts = (~np.isnan(values)).sum(axis=0)
        means = np.where(counts > 0, np.nansum(values, axis=0) / np.maximum(counts, 1), np.nan)
    filled = np.where(np.isnan(values), means[None, :, :], values)
    return np.where(member[:, :, None], filled, np.nan)


def compute_imputation(
    values: np.ndarray, member: np.ndarray, steps: Sequence[str], carry_limit: int
) -> tuple[np.ndarray, np.ndarray]:
    """Run ``steps`` in order; return the filled values and the mask of imputed cells."""
    out = values.copy()
    for step in steps:
        if step == "interpolate":
            out = compute_interpolation(out)
        elif step == "carry":
            out = compute_carry(out, carry_limit)
        elif step == "regional_mean":
            out = compute_regional_mean(out, member)
        else:  # the spec validator allows no other step
            raise ValueError(f"unknown imputation step {step!r}")
    out = np.where(member[:, :, None], out, np.nan)
    return out, np.isnan(values) & ~np.isnan(out)
