"""Metrics of the drivers beyond trade: water and energy, raw-material exports, migration.

They read ``ctx.drivers`` (the driver indicators' input, :class:`DriverData`) and the members
of the scenario's country set, so the region variants of the robustness machinery apply.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from regint.claims.inputs import Context
from regint.claims.metrics_trade import Insufficient, rounded
from regint.claims.model import Measure
from regint.core.regions import Region
from regint.indicators.drivers.base import DriverData, wdi_series
from regint.indicators.registry import compute_driver

FUEL, ORES = "tx.val.fuel.zs.un", "tx.val.mmtl.zs.un"


def _drivers(ctx: Context) -> tuple[DriverData, Region]:
    if ctx.drivers is None:
        raise Insufficient("no driver data (WDI, migrant stock) were loaded for this evaluation")
    members = ctx.trade.members if ctx.trade is not None else ctx.region_members
    return ctx.drivers, Region.fixed("claims", ctx.region_label or "region", members)


def _window(params: dict[str, Any]) -> list[int]:
    first, last = params["window"]
    return list(range(int(first), int(last) + 1))


def compute_pairs_interdependent(ctx: Context, params: dict[str, Any]) -> Measure:
    """Share of member pairs whose mean water-for-energy complementarity reaches ``min_level``."""
    data, region = _drivers(ctx)
    pairs = compute_driver("water_energy_complementarity", data, region, "pair", _window(params))
    means = pairs.groupby(["reporter", "partner"])["value"].mean().dropna()
    if means.empty:
        raise Insufficient("no member pair has withdrawals and net energy imports in the window")
    level = float(params.get("min_level", 0.2))
    strong = means[means >= level]
    total = len(pairs.groupby(["reporter", "partner"]))
    names = [f"{a}-{b} {v:.2f}" for (a, b), v in strong.sort_values(ascending=False).items()]
    return Measure(
        value=rounded(len(strong) / len(means)),
        unit="share of member pairs",
        details=(
            ("pairs_with_data", f"{len(means)} of {total}"),
            ("interdependent_pairs", ", ".join(names) or "none"),
            ("min_level", level),
        ),
        series=(
            ("pair", tuple(f"{a}-{b}" for a, b in means.index)),
            ("complementarity", tuple(round(float(v), 4) for v in means)),
        ),
    )


def compute_downstream_years(ctx: Context, params: dict[str, Any]) -> Measure:
    """Share of years where one member withdraws > 100% of its internal water, another < 50%."""
    data, region = _drivers(ctx)
    water = wdi_series(data, "er.h2o.fwtl.zs")
    hits, known = [], []
    for year in _window(params):
        values = {c: water.get((c, year), np.nan) for c in region.members(year)}
        values = {c: float(v) for c, v in values.items() if pd.notna(v)}
        if len(values) < 2:
            continue
        known.append(year)
        down = [c for c, v in values.items() if v > float(params.get("above", 100))]
        up = [c for c, v in values.items() if v < float(params.get("below", 50))]
        if down and up:
            hits.append(year)
    if not known:
        raise Insufficient("fewer than two members have withdrawal data in any year of the window")
    return Measure(
        value=rounded(len(hits) / len(known)),
        unit="share of years",
        details=(("years_with_data", len(known)), ("years_interdependent", len(hits))),
    )


def compute_raw_material_share(ctx: Context, params: dict[str, Any]) -> Measure:
    """Mean over members of the window mean of (fuel + ores-and-metals) % of merchandise exports."""
    data, region = _drivers(ctx)
    codes = tuple(params.get("codes", (FUEL, ORES)))
    parts = [wdi_series(data, code) for code in codes]
    per_member, left_out = {}, []
    for country in sorted(region.all_members()):
        years = [
            sum(float(p[(country, y)]) for p in parts)
            for y in _window(params)
            if all((country, y) in p.index and pd.notna(p[(country, y)]) for p in parts)
        ]
        if years:
            per_member[country] = float(np.mean(years)) / 100
        else:
            left_out.append(country)
    if not per_member:
        raise Insufficient("no member has the export-structure series in the window")
    note = f"no data in the window for {', '.join(left_out)}" if left_out else ""
    return Measure(
        value=rounded(float(np.mean(list(per_member.values())))),
        unit="share of merchandise exports",
        details=tuple((c, round(v, 4)) for c, v in per_member.items()),
        note=note,
        series=(("country", tuple(per_member)), ("share", tuple(per_member.values()))),
    )


def _russia_vs_region(data: DriverData, region: Region, years: list[int]) -> pd.DataFrame:
    russia = compute_driver("emigrant_share_russia", data, region, "region", years)
    intra = compute_driver("emigrant_intra_share", data, region, "region", years)
    out = russia[["year", "value"]].rename(columns={"value": "russia"})
    out["region"] = intra["value"].to_numpy()
    out["ratio"] = out["russia"] / out["region"].where(out["region"] > 0)
    return out.dropna(subset=["ratio"])


def compute_russia_over_region(ctx: Context, params: dict[str, Any]) -> Measure:
    """Russia's share of the members' emigrants divided by the intra-regional share, one year."""
    data, region = _drivers(ctx)
    year = int(params["year"])
    frame = _russia_vs_region(data, region, [year])
    if frame.empty:
        raise Insufficient(f"no UN DESA stocks for the members in {year}")
    row = frame.iloc[0]
    return Measure(
        value=rounded(float(row["ratio"])),
        unit="ratio (Russia / intra-regional share of emigrants)",
        details=(
            ("year", year),
            ("share_in_russia", rounded(float(row["russia"]))),
            ("share_in_region", rounded(float(row["region"]))),
        ),
    )


def compute_russia_years(ctx: Context, params: dict[str, Any]) -> Measure:
    """Share of the UN DESA years in the window where Russia's share exceeds the region's."""
    data, region = _drivers(ctx)
    frame = _russia_vs_region(data, region, _window(params))
    if frame.empty:
        raise Insufficient("no UN DESA stocks for the members in the window")
    return Measure(
        value=rounded(float((frame["ratio"] > 1).mean())),
        unit="share of years",
        details=(("years", ", ".join(str(y) for y in frame["year"])),),
        series=(
            ("year", tuple(int(y) for y in frame["year"])),
            ("russia", tuple(round(float(v), 4) for v in frame["russia"])),
            ("region", tuple(round(float(v), 4) for v in frame["region"])),
        ),
    )
