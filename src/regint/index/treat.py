"""Outlier treatment, following the rule COINr documents (JRC): test skew and kurtosis, winsorise
a few points, and fall back to a log transform.

An indicator fails when its absolute sample skewness exceeds ``skew`` (default 2) AND its sample
excess kurtosis exceeds ``kurtosis`` (default 3.5), pooled over the whole panel. A failing
indicator is winsorised one point at a time (the most extreme value on the side of the skew takes
the next value inward) up to ``winmax`` points; if it still fails, the original values are
log-transformed instead: ``log(1 + 99 (x - min) / (max - min))`` for positive skew, the mirror
image for negative skew. Both keep the order of values.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats


@dataclass(frozen=True)
class Treatment:
    """What happened to one indicator: 'none', 'winsorised' (points) or 'log'."""

    indicator: str
    action: str
    points: int
    skew: float
    kurtosis: float


def compute_shape(x: np.ndarray) -> tuple[float, float]:
    """Sample skewness and excess kurtosis (bias-corrected) of the non-missing values."""
    x = x[~np.isnan(x)]
    if len(x) < 4 or np.ptp(x) == 0:
        return 0.0, 0.0
    with np.errstate(all="ignore"):  # a near-constant series: no shape to speak of
        s, k = float(stats.skew(x, bias=False)), float(stats.kurtosis(x, bias=False))
    return (s, k) if np.isfinite(s) and np.isfinite(k) else (0.0, 0.0)


def _fails(x: np.ndarray, skew: float, kurtosis: float) -> bool:
    s, k = compute_shape(x)
    return abs(s) > skew and k > kurtosis


def compute_winsorised(
    x: np.ndarray, skew: float, kurtosis: float, winmax: int
) -> tuple[np.ndarray, int]:
    """Winsorise up to ``winmax`` points; return the values and how many points moved (-1: failed)."""
    out = x.copy()
    for n in range(1, winmax + 1):
        s, _ = compute_shape(out)
        seen = np.flatnonzero(~np.isnan(out))
        order = seen[np.argsort(out[seen], kind="stable")]
        if s > 0:
            out[out == out[order[-1]]] = out[order[-1 - n]] if n < len(order) else out[order[-1]]
        else:
            out[out == out[order[0]]] = out[order[n]] if n < len(order) else out[order[0]]
        if not _fails(out, skew, kurtosis):
            return out, n
    return x, -1


def compute_log(x: np.ndarray, positive_skew: bool) -> np.ndarray:
    """The order-keeping log transform used when winsorising does not suffice."""
    low, high = np.nanmin(x), np.nanmax(x)
    scaled = (x - low) / (high - low) if positive_skew else (high - x) / (high - low)
    out = np.log1p(99.0 * scaled)
    return out if positive_skew else -out


def compute_treatment(
    values: np.ndarray, indicators: tuple[str, ...], skew: float, kurtosis: float, winmax: int
) -> tuple[np.ndarray, list[Treatment]]:
    """Treat every indicator of a (units, years, indicators) array, panel-wide."""
    out = values.copy()
    record = []
    for k, name in enumerate(indicators):
        flat = values[:, :, k].ravel()
        s, kurt = compute_shape(flat)
        if not (abs(s) > skew and kurt > kurtosis):
            record.append(Treatment(name, "none", 0, s, kurt))
            continue
        treated, points = compute_winsorised(flat, skew, kurtosis, winmax)
        if points > 0:
            record.append(Treatment(name, "winsorised", points, s, kurt))
        else:
            treated = compute_log(flat, s > 0)
            record.append(Treatment(name, "log", 0, s, kurt))
        out[:, :, k] = treated.reshape(values.shape[:2])
    return out, record
