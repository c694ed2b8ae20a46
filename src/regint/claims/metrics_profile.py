"""Metrics on the external-partner profile: whom the members trade with, and how that moves.

"External centres" are the named groups of the profile (RUS, CHN, EU27, USA, TUR, IRN);
"region" is the REGION group (the other members that year).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from regint.claims.inputs import Context, TradeFrames
from regint.claims.metrics_trade import (
    Insufficient,
    NotApplicable,
    in_window,
    need_trade,
    period_note,
    rounded,
    window_of,
)
from regint.claims.model import Measure
from regint.claims.stats import compute_trend
from regint.core.vocab import PROFILE_PARTNERS, YEAR

REGION_GROUP = "REGION"


def compute_group_shares(
    trade: TradeFrames, window: tuple[int, int], members: Sequence[str] | None = None
) -> pd.DataFrame:
    """Per year: the external centres' and the region's share of the members' known trade.

    Years in which a member has no known trade, or its profile is masked (known partners cover
    too little of its trade), are dropped, so the country mix stays fixed.
    """
    profile = in_window(trade.profile, window)
    chosen = list(members) if members else list(trade.members)
    missing = [m for m in chosen if m not in trade.members]
    if missing:
        verb = "is not a member" if len(missing) == 1 else "are not members"
        raise NotApplicable(f"{', '.join(missing)} {verb}")
    profile = profile[profile["country"].isin(chosen)]
    cells = profile.assign(shown=profile["value"].notna()).groupby([YEAR, "country"])
    known = cells["trade_musd"].sum().unstack().reindex(columns=chosen)
    shown = cells["shown"].any().unstack().reindex(columns=chosen, fill_value=False)
    full_years = known.index[((known > 0) & shown.astype(bool)).all(axis=1)]
    profile = profile[profile[YEAR].isin(full_years)]
    pivot = profile.groupby([YEAR, "group"])["trade_musd"].sum().unstack(fill_value=0.0)
    total = pivot.sum(axis=1)
    ext_cols = [g for g in PROFILE_PARTNERS if g in pivot.columns]
    out = pd.DataFrame(
        {
            YEAR: pivot.index.astype("int64"),
            "external": (pivot[ext_cols].sum(axis=1) / total).to_numpy(),
            "region": (pivot.get(REGION_GROUP, 0.0) / total).to_numpy(),
        }
    )
    return out.reset_index(drop=True)


def _trend_detail(name: str, years: Sequence[int], values: Sequence[float]) -> tuple[str, Any]:
    est = compute_trend(years, values)
    return name, {"slope": rounded(est.value), "lo": rounded(est.lo), "hi": rounded(est.hi)}


def compute_profile_gap_trend(ctx: Context, params: dict[str, Any]) -> Measure:
    """Trend of (external centres' share - intra-regional share), percentage points a year."""
    trade = need_trade(ctx)
    window = window_of(params)
    shares = compute_group_shares(trade, window, params.get("members"))
    if len(shares) < 4:
        raise Insufficient(
            f"only {len(shares)} year(s) in {window[0]}-{window[1]} with every member's partners known"
        )
    years = tuple(int(y) for y in shares[YEAR])
    gap = 100.0 * (shares["external"] - shares["region"])
    est = compute_trend(years, gap)
    members = tuple(params.get("members") or trade.members)
    return Measure(
        value=rounded(est.value),
        lo=rounded(est.lo),
        hi=rounded(est.hi),
        unit="pp a year",
        details=(
            _trend_detail("external_share_trend_pp", years, 100 * shares["external"]),
            _trend_detail("region_share_trend_pp", years, 100 * shares["region"]),
            (
                "external_share_first_last",
                [rounded(shares["external"].iloc[0]), rounded(shares["external"].iloc[-1])],
            ),
            (
                "region_share_first_last",
                [rounded(shares["region"].iloc[0]), rounded(shares["region"].iloc[-1])],
            ),
            ("members", list(members)),
            ("years", f"{years[0]}-{years[-1]}"),
            ("n_years", len(years)),
        ),
        note=period_note(trade, years),
        series=(
            ("year", years),
            ("external", tuple(rounded(v) for v in shares["external"])),
            ("region", tuple(rounded(v) for v in shares["region"])),
        ),
    )


def compute_profile_ratio(ctx: Context, params: dict[str, Any]) -> Measure:
    """External centres' share / intra-regional share of the members' trade, pooled over the window."""
    trade = need_trade(ctx)
    window = window_of(params)
    shares = compute_group_shares(trade, window, params.get("members"))
    if shares.empty:
        raise Insufficient(f"no year in {window[0]}-{window[1]} with every member's partners known")
    ext, reg = float(shares["external"].mean()), float(shares["region"].mean())
    if reg <= 0:
        raise Insufficient("no intra-regional trade in the window")
    years = tuple(int(y) for y in shares[YEAR])
    return Measure(
        value=rounded(ext / reg),
        unit="ratio",
        details=(
            ("external_share", rounded(ext)),
            ("region_share", rounded(reg)),
            ("n_years", len(years)),
        ),
        note=period_note(trade, years),
    )


def _country_group_means(trade: TradeFrames, window: tuple[int, int]) -> pd.DataFrame:
    profile = in_window(trade.profile, window).dropna(subset=["value"])
    if profile.empty:
        raise Insufficient(f"no partner profile in {window[0]}-{window[1]}")
    return profile.groupby(["country", "group"])["value"].mean().unstack(fill_value=0.0)


def compute_dominance_share(ctx: Context, params: dict[str, Any]) -> Measure:
    """Share of members in which one external centre has at least ``min_share`` of trade."""
    trade = need_trade(ctx)
    means = _country_group_means(trade, window_of(params))
    ext = means[[g for g in PROFILE_PARTNERS if g in means.columns]]
    threshold = float(params.get("min_share", 0.25))
    top = {c: (str(ext.loc[c].idxmax()), rounded(float(ext.loc[c].max()), 3)) for c in ext.index}
    dominated = [c for c, (_, s) in top.items() if s is not None and s >= threshold]
    return Measure(
        value=rounded(len(dominated) / len(ext.index)),
        unit="share of states",
        details=(
            ("largest_centre", {c: f"{g} {s:.0%}" for c, (g, s) in top.items()}),
            ("dominated", dominated),
            ("min_share", threshold),
        ),
    )


def compute_states_external_above(ctx: Context, params: dict[str, Any]) -> Measure:
    """Share of members whose external centres' share exceeds their intra-regional share."""
    trade = need_trade(ctx)
    means = _country_group_means(trade, window_of(params))
    ext = means[[g for g in PROFILE_PARTNERS if g in means.columns]].sum(axis=1)
    reg = means.get(REGION_GROUP, pd.Series(0.0, index=means.index))
    above = ext > reg
    return Measure(
        value=rounded(float(above.mean())),
        unit="share of states",
        details=(
            ("external_vs_region", {c: f"{ext[c]:.0%} vs {reg[c]:.0%}" for c in means.index}),
        ),
        series=(
            ("country", tuple(means.index)),
            ("external", tuple(rounded(v) for v in ext)),
            ("region", tuple(rounded(v) for v in reg)),
        ),
    )
