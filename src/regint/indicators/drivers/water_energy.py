"""Water and energy: who needs whose water, and who needs whose energy.

The pairwise complementarity (an index in [0, 1]) of a downstream state i and an upstream
state j, year t, from three WDI series:

- W = annual freshwater withdrawals as a share of internal renewable resources (er.h2o.fwtl.zs
  / 100). i's *water gap* g_i = max(0, 1 - 1/W_i) is the part of its withdrawals its own
  resources cannot cover (it must come from upstream); j's *spare water* s_j = max(0, 1 - W_j)
  is the part of its resources it does not use.
- E = net energy imports as a share of energy use (eg.imp.cons.zs / 100; negative = net
  exporter). j's *energy need* n_j = min(1, max(0, E_j)); i's *energy surplus*
  x_i = min(1, max(0, -E_i)).
- A swap of water for energy is worth something only if both sides need it, so the directed
  measure is the geometric mean of the water need and the energy need:
  C_i<-j = sqrt((g_i * s_j) * (n_j * x_i)), and the pair's complementarity, whichever way the
  swap runs, is C_ij = max(C_i<-j, C_j<-i). 0: neither needs the other; 1: i uses only water
  that rises in j, j uses none of it, j imports all its energy and i exports all of its own.

It measures *potential* interdependence from national aggregates: it does not know which
rivers a pair shares (two states may complement each other on paper and share no basin).
"""

from __future__ import annotations

import itertools
import math

import pandas as pd

from regint.core.regions import Region
from regint.indicators.drivers.base import (
    DriverData,
    compute_pair_mean,
    wdi_series,
)

WATER = "er.h2o.fwtl.zs"
ENERGY = "eg.imp.cons.zs"


def _parts(water: pd.Series, energy: pd.Series, country: str, year: int) -> dict[str, float] | None:
    w = water.get((country, year), float("nan"))
    e = energy.get((country, year), float("nan"))
    if pd.isna(w) or pd.isna(e) or w <= 0:
        return None
    w, e = float(w) / 100, float(e) / 100
    return {
        "gap": max(0.0, 1 - 1 / w),
        "spare": max(0.0, 1 - w),
        "need": min(1.0, max(0.0, e)),
        "surplus": min(1.0, max(0.0, -e)),
    }


def compute_directed(down: dict[str, float], up: dict[str, float]) -> float:
    """C_i<-j: the geometric mean of i's water need from j and j's energy need from i."""
    water = down["gap"] * up["spare"]
    energy = up["need"] * down["surplus"]
    return math.sqrt(water * energy)


def _pair_rows(data: DriverData, region: Region, years: list[int]) -> pd.DataFrame:
    rows = []
    water, energy = wdi_series(data, WATER), wdi_series(data, ENERGY)
    for year in years:
        members = sorted(region.members(year))
        parts = {c: _parts(water, energy, c, year) for c in members}
        for a, b in itertools.combinations(members, 2):
            pa, pb = parts[a], parts[b]
            if pa is None or pb is None:
                missing = ", ".join(c for c in (a, b) if parts[c] is None)
                rows.append(
                    (
                        a,
                        b,
                        year,
                        math.nan,
                        math.nan,
                        math.nan,
                        f"no WDI withdrawals or net energy imports for {missing} in {year}",
                    )
                )
                continue
            a_down, b_down = compute_directed(pa, pb), compute_directed(pb, pa)
            rows.append((a, b, year, max(a_down, b_down), a_down, b_down, ""))
    return pd.DataFrame(
        rows,
        columns=[
            "reporter",
            "partner",
            "year",
            "value",
            "reporter_downstream",
            "partner_downstream",
            "note",
        ],
    )


def compute_complementarity(
    data: DriverData, region: Region, level: str, years: list[int]
) -> pd.DataFrame:
    """Pair level: C_ij per member pair and year; region level: the mean over pairs."""
    pairs = _pair_rows(data, region, years)
    if level == "pair":
        return pairs
    return compute_pair_mean(pairs, years, "no member pair with both WDI series")
