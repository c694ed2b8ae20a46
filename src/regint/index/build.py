"""Build the index from a tidy panel and a spec: screen, impute, treat, normalise, weight,
aggregate, diagnose. Pure functions; the same panel and spec give the same numbers.

A state's score in a year is the index of its indicators; the grouping's score in a year is the
mean of its members' scores (as the Africa Regional Integration Index scores a regional
community), and is missing unless every member that year has a score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from regint.core.vocab import COUNTRY, YEAR
from regint.index.aggregate import compute_scores, compute_shift
from regint.index.diagnostics import compute_diagnostics
from regint.index.impute import compute_imputation
from regint.index.normalise import compute_normalised
from regint.index.panel import INDICATOR, Panel, compute_screening
from regint.index.spec import Spec, SpecError
from regint.index.treat import Treatment, compute_treatment
from regint.index.weights import (
    compute_effective_weights,
    compute_equal_weights,
    compute_membership,
    compute_pca_weights,
    compute_user_weights,
)


def check_screened(spec: Spec, kept: Sequence[str]) -> None:
    """Every dimension keeps at least one indicator after screening; SpecError otherwise."""
    for n, d in enumerate(spec.dimensions):
        if not any(i.id in kept for i in d.indicators):
            ids = ", ".join(i.id for i in d.indicators)
            raise SpecError(
                spec.path,
                f"dimensions[{n}]",
                f"dimension {d.id!r} has no indicator left after screening ({ids} cover less "
                f"than {spec.min_coverage:.0%} of member-years)",
            )


@dataclass(frozen=True)
class Prepared:
    """The screened panel and what every variant of the construction shares."""

    spec: Spec
    panel: Panel
    screening: pd.DataFrame
    membership: np.ndarray

    @property
    def directions(self) -> list[int]:
        by_id = {i.id: i.direction for d in self.spec.dimensions for i in d.indicators}
        return [by_id[k] for k in self.panel.indicators]

    @property
    def goalposts(self) -> list[tuple[float, float] | None]:
        by_id = {i.id: i.goalposts for d in self.spec.dimensions for i in d.indicators}
        return [by_id[k] for k in self.panel.indicators]


@dataclass(frozen=True)
class Layer:
    """The panel after one imputation and one normalisation: (units, years, K) arrays."""

    normalised: np.ndarray
    imputed: np.ndarray
    treatments: tuple[Treatment, ...]

    def cells(self) -> np.ndarray:
        """The normalised values as (cells, K), cells = units x years."""
        return self.normalised.reshape(-1, self.normalised.shape[2])


def compute_prepared(panel: Panel, spec: Spec) -> Prepared:
    """Screen the indicators by coverage; SpecError when a dimension loses all of them."""
    wanted = [i for i in spec.indicators if i in panel.indicators]
    in_range = np.array([y >= spec.first_year for y in panel.years])
    scoped = Panel(
        panel.units,
        tuple(y for y, k in zip(panel.years, in_range, strict=True) if k),
        panel.indicators,
        panel.values[:, in_range, :],
        panel.member[:, in_range],
    ).select(wanted)
    screening = compute_screening(scoped, spec.min_coverage)
    kept = tuple(screening.loc[screening["is_kept"], INDICATOR])
    check_screened(spec, kept)
    return Prepared(spec, scoped.select(kept), screening, compute_membership(spec, kept))


def compute_layer(prep: Prepared, steps: Sequence[str], normalisation: str) -> Layer:
    """Impute with ``steps``, treat outliers (the spec's rule), normalise with ``normalisation``."""
    spec, panel = prep.spec, prep.panel
    filled, imputed = compute_imputation(panel.values, panel.member, steps, spec.carry_limit)
    treatments: list[Treatment] = []
    if spec.outliers == "coinr":
        filled, treatments = compute_treatment(
            filled, panel.indicators, spec.skew, spec.kurtosis, spec.winmax
        )
    normalised = compute_normalised(
        filled, normalisation, prep.directions, spec.scope, prep.goalposts
    )
    return Layer(normalised, imputed, tuple(treatments))


def compute_nominal_weights(
    prep: Prepared, layer: Layer, scheme: str
) -> tuple[np.ndarray, np.ndarray]:
    """Indicator weights (K,) summing to one per dimension, and dimension weights (D,)."""
    if scheme == "equal":
        return compute_equal_weights(prep.membership)
    if scheme == "user":
        return compute_user_weights(prep.spec, prep.panel.indicators, prep.membership)
    if scheme == "pca":
        return compute_pca_weights(layer.cells(), prep.membership)
    raise ValueError(f"unknown weights {scheme!r}")


def compute_region_scores(index: np.ndarray, member: np.ndarray) -> np.ndarray:
    """Mean member score per year (last axis may hold replications); NaN unless all scored.

    ``index``: (units, years, ...) with the same leading axes as ``member`` (units, years).
    """
    m = member.reshape(member.shape + (1,) * (index.ndim - 2))
    scored = np.where(m, ~np.isnan(index), True).all(axis=0)
    count = m.sum(axis=0)
    total = np.where(m, np.nan_to_num(index), 0.0).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(scored & (count > 0), total / np.where(count > 0, count, 1), np.nan)


@dataclass(frozen=True)
class IndexResult:
    """A built index: scores, dimension scores, weights, and every step's record."""

    spec: Spec
    prepared: Prepared
    layer: Layer
    index: np.ndarray  # (units, years)
    dimensions: np.ndarray  # (units, years, D)
    region: np.ndarray  # (years,)
    weights: pd.DataFrame
    diagnostics: dict[str, Any] = field(compare=False)

    @property
    def units(self) -> tuple[str, ...]:
        return self.prepared.panel.units

    @property
    def years(self) -> tuple[int, ...]:
        return self.prepared.panel.years

    def scores_frame(self) -> pd.DataFrame:
        """country, year, score, imputed_share (members only, missing scores kept as NaN)."""
        u, t = np.nonzero(self.prepared.panel.member)
        imputed = self.layer.imputed.mean(axis=2)
        return pd.DataFrame(
            {
                COUNTRY: [self.units[i] for i in u],
                YEAR: [self.years[j] for j in t],
                "score": self.index[u, t],
                "imputed_share": imputed[u, t],
            }
        )

    def dimensions_frame(self) -> pd.DataFrame:
        """country, year, dimension, score."""
        u, t = np.nonzero(self.prepared.panel.member)
        dims = [d.id for d in self.spec.dimensions]
        return pd.DataFrame(
            [
                (self.units[i], self.years[j], dim, self.dimensions[i, j, d])
                for i, j in zip(u, t, strict=True)
                for d, dim in enumerate(dims)
            ],
            columns=[COUNTRY, YEAR, "dimension", "score"],
        )

    def normalised_frame(self) -> pd.DataFrame:
        """country, year, indicator, value (normalised), is_imputed."""
        u, t = np.nonzero(self.prepared.panel.member)
        names = self.prepared.panel.indicators
        rows = [
            (
                self.units[i],
                self.years[j],
                k,
                self.layer.normalised[i, j, n],
                bool(self.layer.imputed[i, j, n]),
            )
            for i, j in zip(u, t, strict=True)
            for n, k in enumerate(names)
        ]
        return pd.DataFrame(rows, columns=[COUNTRY, YEAR, INDICATOR, "value", "is_imputed"])


def compute_index(panel: Panel, spec: Spec) -> IndexResult:
    """Build the index with the spec's own choices (the baseline)."""
    prep = compute_prepared(panel, spec)
    layer = compute_layer(prep, spec.imputation, spec.normalisation)
    return compute_index_on(prep, layer, spec.weights, spec.aggregation)


def compute_index_on(prep: Prepared, layer: Layer, scheme: str, method: str) -> IndexResult:
    """Score one prepared layer with a weighting scheme and an aggregation method."""
    spec, panel = prep.spec, prep.panel
    w, v = compute_nominal_weights(prep, layer, scheme)
    x = layer.cells()
    dims, index, _ = compute_scores(
        x, w[None, :], v[None, :], prep.membership, method, spec.min_weight, compute_shift(x)
    )
    shape = panel.member.shape
    index2 = index[:, 0].reshape(shape)
    overall = w * (prep.membership @ v)
    weights = pd.DataFrame(
        {
            INDICATOR: list(panel.indicators),
            "dimension": [spec.dimension_of(k) for k in panel.indicators],
            "weight": w,
            "dimension_weight": prep.membership @ v,
            "nominal": overall,
            "effective": compute_effective_weights(x, overall, index[:, 0]),
        }
    )
    dim_ids = tuple(d.id for d in spec.dimensions)
    return IndexResult(
        spec=spec,
        prepared=prep,
        layer=layer,
        index=index2,
        dimensions=dims[:, 0, :].reshape(shape + (len(dim_ids),)),
        region=compute_region_scores(index2, panel.member),
        weights=weights,
        diagnostics=compute_diagnostics(x, panel.indicators, dim_ids, prep.membership),
    )
