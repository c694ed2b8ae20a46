"""Weights: equal, user (from the spec), or two-stage PCA; and the effective weights.

Nominal weights come in two levels: indicator weights that sum to one inside each dimension,
and dimension weights that sum to one. An indicator's overall nominal weight is the product.

Two-stage PCA (as ADB's ARCII does): inside each dimension, the indicator weights are the squared
loadings of the first principal component of the indicators' correlation matrix (they sum to one);
then the dimension weights are the squared loadings of the first principal component of the
dimension scores. Correlations use complete unit-years; with fewer than three, or a dimension of
one indicator, the weights stay equal.

Effective weights answer "how much does each indicator actually drive the score": indicator k's
share of the index variance, w_k cov(x_k, index) / var(index) over the unit-years where all
indicators are present. For an arithmetic mean these shares sum to one exactly.
"""

from __future__ import annotations

import numpy as np

from regint.index.spec import Spec


def compute_membership(spec: Spec, kept: tuple[str, ...]) -> np.ndarray:
    """(K, D) 0/1 matrix: indicator k belongs to dimension d."""
    dims = [d.id for d in spec.dimensions]
    m = np.zeros((len(kept), len(dims)))
    for k, ind in enumerate(kept):
        m[k, dims.index(spec.dimension_of(ind))] = 1.0
    return m


def _normalise_blocks(w: np.ndarray, membership: np.ndarray) -> np.ndarray:
    """Rescale ``w`` (R, K) so each dimension's block sums to one (zero blocks stay zero)."""
    block = w @ membership  # (R, D)
    per_k = block @ membership.T  # (R, K): the block total of each indicator's dimension
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(per_k > 0, w / np.where(per_k > 0, per_k, 1), 0.0)


def compute_equal_weights(membership: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Equal weights: (K,) inside each dimension and (D,) across dimensions."""
    w = _normalise_blocks(np.ones((1, membership.shape[0])), membership)[0]
    return w, np.full(membership.shape[1], 1.0 / membership.shape[1])


def compute_user_weights(
    spec: Spec, kept: tuple[str, ...], membership: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The spec's weights, re-scaled inside each dimension over the indicators kept."""
    by_id = {i.id: i.weight for d in spec.dimensions for i in d.indicators}
    raw = np.array([[by_id[i] if by_id[i] is not None else 1.0 for i in kept]])
    dims = np.array([d.weight if d.weight is not None else 1.0 for d in spec.dimensions])
    return _normalise_blocks(raw, membership)[0], dims / dims.sum()


def compute_first_component(x: np.ndarray) -> tuple[np.ndarray, float] | None:
    """Loadings of the first principal component of the correlation matrix of ``x``'s columns
    and the share of variance it explains; None when there are too few complete rows."""
    rows = x[~np.isnan(x).any(axis=1)]
    if rows.shape[0] < 3 or x.shape[1] < 2 or (rows.std(axis=0) == 0).any():
        return None
    corr = np.corrcoef(rows, rowvar=False)
    vals, vecs = np.linalg.eigh(corr)
    first = vecs[:, -1]
    first = first if first.sum() >= 0 else -first  # a sign convention, for reading only
    return first, float(vals[-1] / vals.sum())


def compute_pca_weights(x: np.ndarray, membership: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Two-stage PCA weights from normalised values ``x`` (cells, K)."""
    w, v = compute_equal_weights(membership)
    w = w.copy()
    for d in range(membership.shape[1]):
        cols = np.flatnonzero(membership[:, d])
        pc = compute_first_component(x[:, cols])
        if pc is not None:
            w[cols] = pc[0] ** 2
    dim_scores = np.column_stack(
        [_block_mean(x, w, membership[:, d]) for d in range(membership.shape[1])]
    )
    pc = compute_first_component(dim_scores)
    if pc is not None:
        v = pc[0] ** 2
    return w, v


def _block_mean(x: np.ndarray, w: np.ndarray, in_dim: np.ndarray) -> np.ndarray:
    weights = w * in_dim
    present = ~np.isnan(x)
    num = np.where(present, x, 0.0) @ weights
    den = present @ weights
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def compute_effective_weights(x: np.ndarray, overall: np.ndarray, index: np.ndarray) -> np.ndarray:
    """Each indicator's share of the index variance (NaN when the index does not vary)."""
    ok = ~np.isnan(x).any(axis=1) & ~np.isnan(index)
    if ok.sum() < 2:
        return np.full(x.shape[1], np.nan)
    xs, ys = x[ok], index[ok]
    var = ys.var()
    if var == 0:
        return np.full(x.shape[1], np.nan)
    cov = ((xs - xs.mean(axis=0)) * (ys - ys.mean())[:, None]).mean(axis=0)
    return overall * cov / var
