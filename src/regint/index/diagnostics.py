"""Statistical diagnostics of a built index: correlations, Cronbach's alpha, PCA loadings.

All are computed on the normalised, treated values pooled over the panel's unit-years (complete
rows for alpha and PCA, pairwise-complete for correlations). They describe the data, they do not
change the index: a negative correlation inside a dimension, or a low alpha, is a warning that
the dimension's indicators do not measure one thing.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from regint.index.weights import compute_first_component


def compute_correlations(x: np.ndarray, names: tuple[str, ...]) -> pd.DataFrame:
    """Pairwise-complete Pearson correlations between indicators."""
    return pd.DataFrame(x, columns=list(names)).corr(min_periods=3)


def compute_alpha(x: np.ndarray) -> float:
    """Cronbach's alpha of the columns of ``x`` over complete rows (NaN for < 2 columns)."""
    rows = x[~np.isnan(x).any(axis=1)]
    k = x.shape[1]
    if k < 2 or rows.shape[0] < 3:
        return float("nan")
    total = rows.sum(axis=1).var(ddof=1)
    if total == 0:
        return float("nan")
    return float(k / (k - 1) * (1 - rows.var(axis=0, ddof=1).sum() / total))


def _mean_off_diagonal(block: np.ndarray) -> float:
    square = block.shape[0] == block.shape[1]
    vals = block[np.eye(block.shape[0]) == 0] if square else block.ravel()
    vals = vals[~np.isnan(vals)]
    return float(vals.mean()) if vals.size else float("nan")


def compute_diagnostics(
    x: np.ndarray, names: tuple[str, ...], dims: tuple[str, ...], membership: np.ndarray
) -> dict[str, Any]:
    """Correlations within and across dimensions, alpha and first-component loadings per dimension."""
    corr = compute_correlations(x, names)
    c = corr.to_numpy()
    out: dict[str, Any] = {"correlations": corr, "dimensions": []}
    for d, dim in enumerate(dims):
        cols = np.flatnonzero(membership[:, d])
        others = np.flatnonzero(membership[:, d] == 0)
        pc = compute_first_component(x[:, cols])
        out["dimensions"].append(
            {
                "dimension": dim,
                "indicators": len(cols),
                "mean_r_within": _mean_off_diagonal(c[np.ix_(cols, cols)])
                if len(cols) > 1
                else float("nan"),
                "mean_r_across": _mean_off_diagonal(c[np.ix_(cols, others)])
                if len(others)
                else float("nan"),
                "cronbach_alpha": compute_alpha(x[:, cols]),
                "pc1_share": pc[1] if pc else float("nan"),
                "pc1_loadings": dict(
                    zip(
                        [names[i] for i in cols],
                        (pc[0] if pc else [float("nan")] * len(cols)),
                        strict=True,
                    )
                ),
            }
        )
    return out
