"""The tidy panel (country, year, indicator, value) as a units x years x indicators array.

Every construction step works on the array; a relabelling of countries only permutes its first
axis, so no step depends on the order or the names of the units.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from regint.core.vocab import COUNTRY, YEAR

INDICATOR = "indicator"
VALUE = "value"
PANEL_COLUMNS = (COUNTRY, YEAR, INDICATOR, VALUE)


@dataclass(frozen=True)
class Panel:
    """Values of each indicator for each unit and year; ``member`` marks unit-years in scope.

    ``values`` has shape (units, years, indicators) and NaN where nothing is known. Cells outside
    ``member`` (a state before it joined a grouping) are always NaN.
    """

    units: tuple[str, ...]
    years: tuple[int, ...]
    indicators: tuple[str, ...]
    values: np.ndarray
    member: np.ndarray

    def select(self, indicators: Sequence[str]) -> Panel:
        """The panel restricted to ``indicators`` (in that order)."""
        idx = [self.indicators.index(i) for i in indicators]
        return replace(self, indicators=tuple(indicators), values=self.values[:, :, idx])

    def with_values(self, values: np.ndarray) -> Panel:
        return replace(self, values=np.where(self.member[:, :, None], values, np.nan))


def compute_panel(
    frame: pd.DataFrame,
    indicators: Sequence[str],
    years: Sequence[int],
    members: Mapping[int, frozenset[str]] | None = None,
) -> Panel:
    """Pivot a tidy frame into a :class:`Panel`.

    ``members`` maps a year to the units in scope that year; None puts every unit of ``frame``
    in scope every year. Rows of other indicators, years or units are ignored; a duplicate
    (country, year, indicator) row is an error, never silently averaged.
    """
    frame = frame[frame[INDICATOR].isin(indicators) & frame[YEAR].isin(years)]
    if members is not None:
        everyone = sorted(set().union(*members.values())) if members else []
    else:
        everyone = sorted(str(u) for u in pd.unique(frame[COUNTRY]))
    frame = frame[frame[COUNTRY].isin(everyone)]
    dup = frame.duplicated([COUNTRY, YEAR, INDICATOR])
    if dup.any():
        row = frame[dup].iloc[0]
        raise ValueError(f"duplicate panel row {row[COUNTRY]} {row[YEAR]} {row[INDICATOR]}")
    units, yrs, inds = tuple(everyone), tuple(int(y) for y in years), tuple(indicators)
    values = np.full((len(units), len(yrs), len(inds)), np.nan)
    if len(frame):
        u = pd.Index(units).get_indexer(pd.Index(frame[COUNTRY]))
        t = pd.Index(yrs).get_indexer(pd.Index(frame[YEAR].astype(int)))
        k = pd.Index(inds).get_indexer(pd.Index(frame[INDICATOR]))
        values[u, t, k] = frame[VALUE].to_numpy(dtype=float)
    member = np.ones((len(units), len(yrs)), dtype=bool)
    if members is not None:
        member = np.array([[u in members.get(y, frozenset()) for y in yrs] for u in units], bool)
        member = member.reshape(len(units), len(yrs))
    values[~member] = np.nan
    return Panel(units, yrs, inds, values, member)


def compute_coverage(panel: Panel) -> np.ndarray:
    """Share of member unit-years with an observed value, per indicator."""
    n = panel.member.sum()
    if n == 0:
        return np.zeros(len(panel.indicators))
    return (~np.isnan(panel.values)).sum(axis=(0, 1)) / n


def compute_screening(panel: Panel, min_coverage: float) -> pd.DataFrame:
    """One row per indicator: coverage and whether it passes ``min_coverage``."""
    cov = compute_coverage(panel)
    return pd.DataFrame(
        {INDICATOR: list(panel.indicators), "coverage": cov, "is_kept": cov >= min_coverage}
    )
