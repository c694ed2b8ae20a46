"""The api calls the pages share, memoised per worker by their (validated) arguments.

A page's view is cached whole by the runner; these caches let different views reuse one
computation (the overview's verdicts are the claims page's, the map and the trade page share an
indicator series). They hold a few dozen entries, and they are only called from the runner's
single computing thread.
"""

from __future__ import annotations

import functools
from typing import Any

import pandas as pd

from regint.api import claims, indicators, knowledge
from regint.core.options import (
    BASES,
    BASIS_DEFAULT,
    CIF_FOB_DEFAULT,
    REGION_DEFAULT,
    Basis,
    Level,
    parse_years,
)

REGION_CHOICES = (REGION_DEFAULT, "eaeu", "cis", "sco", "eco", "cst_csto", "carec", "ots")
__all__ = ["BASES", "REGION_CHOICES"]


@functools.lru_cache(maxsize=64)
def series(
    indicator: str,
    region: str,
    level: Level,
    basis: Basis = BASIS_DEFAULT,
    cif_fob: float = CIF_FOB_DEFAULT,
) -> pd.DataFrame:
    """Every year of one indicator (``indicators.compute``); treat the result as read-only."""
    return indicators.compute(indicator, region=region, level=level, basis=basis, cif_fob=cif_fob)


@functools.lru_cache(maxsize=8)
def claim_check(region: str, as_of: str | None) -> Any:
    """The claims checked on ``region`` (``claims.check_claims``)."""
    return claims.check_claims(region, as_of=as_of)


@functools.lru_cache(maxsize=1)
def catalogue() -> pd.DataFrame:
    """The indicator catalogue (``indicators.list_indicators``)."""
    return indicators.list_indicators()


@functools.lru_cache(maxsize=1)
def organisations() -> pd.DataFrame:
    """Every organisation of the knowledge base (``knowledge.organisations``)."""
    return knowledge.organisations().to_frame()


def indicator_choices(level: str | None = None) -> list[dict[str, str]]:
    """Indicators (id, title, unit) the catalogue offers, at ``level`` when given."""
    frame = catalogue()
    rows = []
    for row in frame.itertuples(index=False):
        levels = list(getattr(row, "levels", None) or [])
        if level is None or level in levels:
            rows.append({"id": str(row.id), "title": str(row.title), "unit": str(row.unit)})
    return rows


def pick_year(frame: pd.DataFrame, year: int | None, argument: str = "year") -> int:
    """``year`` checked against the years ``frame`` covers, or its last year with a value."""
    years = sorted(int(y) for y in frame["year"].unique())
    if not years:
        return int(year or 0)
    if year is None:  # the latest of the years in which the most rows have a value
        counts = frame.loc[frame["value"].notna()].groupby("year").size()
        return int(counts[counts == counts.max()].index.max()) if len(counts) else years[-1]
    return parse_years(int(year), years[0], years[-1], argument)[0]
