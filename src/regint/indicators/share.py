"""Intra-regional trade share: how much of the members' trade stays inside the region."""

from __future__ import annotations

import pandas as pd

from regint.core.options import Level
from regint.core.regions import C5_REGION, Region
from regint.core.vocab import COUNTRY, YEAR
from regint.indicators.base import IndicatorMeta, TradeData, check_indicator_level, finish, ratio
from regint.indicators.masking import (
    PAIRS_RULE,
    PAIRS_SHARE_COLUMN,
    PAIRS_THRESHOLDS,
    mask_by_pairs,
)
from regint.indicators.pairs import country_aggregates, region_aggregates

CITATION_SHARE = (
    "Asian Development Bank, Asia Regional Integration Center (ARIC), Integration Indicators: "
    "technical notes; UNCTAD Handbook of Statistics (intra-trade of groups); Hamanaka, S. (2015) "
    "The Selection of Trade Integration Indicators, ADB Economics Working Paper 455"
)

SHARE = IndicatorMeta(
    id="intra_regional_share",
    title="Intra-regional trade share",
    unit="share (0-1)",
    formula=(
        "region: S_R = T_RR / T_R, T_RR = sum_{i in R} sum_{j in R\\i} T_ij, T_R = sum_{i in R} T_i; "
        "country: s_i = sum_{j in R\\i} T_ij / T_i"
    ),
    direction="higher = more integrated",
    citation=CITATION_SHARE,
    levels=("region", "country"),
    dimension="trade",
    range="[0, 1] when flows and totals are consistent",
    columns=(
        ("t_rr_musd", "T_RR: members' trade with other members, US$ m (region level)"),
        ("t_r_musd", "T_R: members' total trade with the world, US$ m (region level)"),
        ("n_members", "members in that year (region level)"),
        ("n_members_with_flows", "members with at least one known flow (region level)"),
        ("intra_musd", "sum_{j in R\\i} T_ij, US$ m (country level)"),
        ("total_musd", "T_i, total trade with the world, US$ m (country level)"),
        PAIRS_SHARE_COLUMN,
    ),
    notes=(
        "NaN for a year in which a member has no total trade (T_i) or no member pair has a known "
        "flow (t_rr_musd is NaN then too); a country with no known flow that year is NaN. Not "
        "clipped: a value above 1 means the flows exceed the totals (inconsistent sources)."
    ),
    masking=PAIRS_RULE,
    thresholds=PAIRS_THRESHOLDS,
)


def compute_intra_regional_share(
    data: TradeData, region: Region = C5_REGION, level: Level = "region"
) -> pd.DataFrame:
    """S_R by year (region level) or s_i by member and year (country level)."""
    check_indicator_level(SHARE, level)
    if level == "region":
        agg = region_shares(data, region)
        cols = [
            YEAR,
            "value",
            "t_rr_musd",
            "t_r_musd",
            "n_members",
            "n_members_with_flows",
            "pairs_share",
        ]
        return finish(agg[cols], SHARE, data, region, level)
    per = country_shares(data, region)
    cols = [YEAR, COUNTRY, "value", "intra_musd", "total_musd", "pairs_share"]
    return finish(per[cols], SHARE, data, region, level)


def region_shares(data: TradeData, region: Region) -> pd.DataFrame:
    """Region aggregates plus ``value`` = S_R = T_RR / T_R (NaN on too few pairs)."""
    agg = region_aggregates(data, region)
    agg["value"] = mask_by_pairs(ratio(agg["t_rr_musd"], agg["t_r_musd"]), agg["pairs_share"])
    return agg


def country_shares(data: TradeData, region: Region) -> pd.DataFrame:
    """Country aggregates plus ``value`` = s_i (NaN without a known flow or on too few pairs)."""
    per = country_aggregates(data, region)
    share = ratio(per["intra_musd"], per["total_musd"]).where(per["n_known"] > 0)
    per["value"] = mask_by_pairs(share, per["pairs_share"])
    return per
