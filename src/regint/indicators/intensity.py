"""Intensity-type indicators: the intra-regional share set against a size benchmark.

The plain intensity compares S_R with the region's weight in world trade; the homogeneous
intensities (Iapadre 2006) compare like with like: the members' propensity to trade inside the
region with the outsiders' propensity to trade with it. The introversion index RTII maps the
two onto [-1, 1].
"""

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
from regint.indicators.share import CITATION_SHARE, country_shares, region_shares

CITATION_IAPADRE = (
    "Iapadre, L. (2006) Regional integration agreements and the geography of world trade: "
    "statistical indicators and empirical evidence, in P. De Lombaerde (ed.), Assessment and "
    "Measurement of Regional Integration, Routledge; Hamanaka, S. (2015) The Selection of Trade "
    "Integration Indicators, ADB Economics Working Paper 455"
)

INTENSITY = IndicatorMeta(
    id="intra_regional_intensity",
    title="Intra-regional trade intensity",
    unit="index (1 = neutral)",
    formula=(
        "region: I_R = S_R / (T_R / T_W); "
        "country: I_i = s_i / (T_{R\\i} / T_W), T_{R\\i} = T_R - T_i"
    ),
    direction="higher = more integrated; 1 = members trade with each other as much as their "
    "weight in world trade predicts",
    citation=CITATION_SHARE + "; WITS trade intensity index (country level)",
    levels=("region", "country"),
    dimension="trade",
    range="[0, inf)",
    columns=(
        ("share", "S_R (region level) or s_i (country level)"),
        ("t_r_musd", "T_R (region) or T_{R\\i} (country): the benchmark's trade, US$ m"),
        ("t_w_musd", "T_W: world trade, sum over all countries of T_i, US$ m"),
        PAIRS_SHARE_COLUMN,
    ),
    notes=(
        "Country level uses the WITS form: the weight of the other members in world trade, with "
        "T_W not reduced by T_i (the Kojima variant T_W - T_i is not used). The intensity "
        "has an upper bound T_W / T_R that shrinks as the region grows (Iapadre 2006): compare "
        "regions of different size with the introversion index."
    ),
    masking=PAIRS_RULE,
    thresholds=PAIRS_THRESHOLDS,
)

HOMOGENEOUS = IndicatorMeta(
    id="homogeneous_intensity",
    title="Homogeneous intra- and extra-regional trade intensity",
    unit="index (1 = neutral)",
    formula=(
        "HI_R = S_R / (T_OR / T_O); HE_R = (1 - S_R) / (1 - T_OR / T_O); "
        "T_OR = T_R - T_RR, T_O = T_W - T_R"
    ),
    direction="hi: higher = more integrated; he: higher = more outward-oriented",
    citation=CITATION_IAPADRE,
    levels=("region",),
    dimension="trade",
    range="[0, inf)",
    columns=(
        ("hi", "HI_R, the homogeneous intra-regional intensity (= value)"),
        ("he", "HE_R, the homogeneous extra-regional intensity"),
        ("share", "S_R"),
        ("outside_share", "T_OR / T_O: the region's share in outsiders' trade"),
        PAIRS_SHARE_COLUMN,
    ),
    notes="hi is inf when outsiders do not trade with the region (T_OR = 0) and S_R > 0.",
    masking=PAIRS_RULE + " hi, he and outside_share are masked with it.",
    thresholds=PAIRS_THRESHOLDS,
)

INTROVERSION = IndicatorMeta(
    id="introversion",
    title="Regional trade introversion index (RTII)",
    unit="index in [-1, 1]",
    formula=(
        "RTII = (HI_R - HE_R) / (HI_R + HE_R) = (S_R - b) / (S_R + b - 2 S_R b), b = T_OR / T_O"
    ),
    direction="higher = more integrated; > 0 inward bias, 0 neutral, < 0 outward bias",
    citation=CITATION_IAPADRE,
    levels=("region",),
    dimension="trade",
    range="[-1, 1]",
    columns=(("hi", "HI_R"), ("he", "HE_R"), PAIRS_SHARE_COLUMN),
    notes=(
        "Computed from the closed form, so the limits are exact: a region trading only with "
        "itself (S_R = 1, T_OR = 0) has RTII = 1, one with no internal trade has RTII = -1 if "
        "outsiders trade with it. NaN when the closed form is 0/0 (S_R = b = 0 or S_R = b = 1) "
        "or when outsiders have no trade at all (T_O = 0)."
    ),
    masking=PAIRS_RULE + " hi, he and outside_share are masked with it.",
    thresholds=PAIRS_THRESHOLDS,
)


def compute_intra_regional_intensity(
    data: TradeData, region: Region = C5_REGION, level: Level = "region"
) -> pd.DataFrame:
    """I_R = S_R / (T_R / T_W) by year, or I_i = s_i / (T_{R\\i} / T_W) by member and year."""
    check_indicator_level(INTENSITY, level)
    if level == "region":
        agg = region_shares(data, region).rename(columns={"value": "share"})
        cols = [YEAR, "value", "share", "t_r_musd", "t_w_musd", "pairs_share"]
    else:
        agg = country_shares(data, region).rename(columns={"value": "share"})
        agg["t_r_musd"] = agg["t_r_musd"] - agg["total_musd"]  # the other members' trade
        cols = [YEAR, COUNTRY, "value", "share", "t_r_musd", "t_w_musd", "pairs_share"]
    agg["value"] = ratio(agg["share"], ratio(agg["t_r_musd"], agg["t_w_musd"]))
    return finish(agg[cols], INTENSITY, data, region, level)


def homogeneous_frame(data: TradeData, region: Region) -> pd.DataFrame:
    """Per year: S_R, b = T_OR / T_O, HI_R, HE_R and RTII (closed form)."""
    agg = region_shares(data, region).rename(columns={"value": "share"})
    a = agg["share"]  # already masked by the pairs rule
    outside = ratio(agg["t_r_musd"] - agg["t_rr_musd"], agg["t_w_musd"] - agg["t_r_musd"])
    b = mask_by_pairs(outside, agg["pairs_share"])  # T_OR rests on T_RR as well
    agg["outside_share"] = b
    agg["hi"] = ratio(a, b)
    agg["he"] = ratio(1.0 - a, 1.0 - b)
    # The closed form avoids inf/inf: (a/b - (1-a)/(1-b)) / (a/b + (1-a)/(1-b)).
    agg["rtii"] = ratio(a - b, a + b - 2.0 * a * b)
    return agg


def compute_homogeneous_intensity(
    data: TradeData, region: Region = C5_REGION, level: Level = "region"
) -> pd.DataFrame:
    """HI_R (``value`` and ``hi``) and HE_R (``he``) by year."""
    columns = ("hi", "he", "share", "outside_share", "pairs_share")
    return _homogeneous_indicator(HOMOGENEOUS, "hi", columns, data, region, level)


def compute_introversion(
    data: TradeData, region: Region = C5_REGION, level: Level = "region"
) -> pd.DataFrame:
    """RTII = (HI_R - HE_R) / (HI_R + HE_R) by year, in [-1, 1]."""
    columns = ("hi", "he", "pairs_share")
    return _homogeneous_indicator(INTROVERSION, "rtii", columns, data, region, level)


def _homogeneous_indicator(
    meta: IndicatorMeta,
    value: str,
    columns: tuple[str, ...],
    data: TradeData,
    region: Region,
    level: Level,
) -> pd.DataFrame:
    """One column of :func:`homogeneous_frame` as ``value``, with ``columns`` beside it."""
    check_indicator_level(meta, level)
    agg = homogeneous_frame(data, region)
    agg["value"] = agg[value]
    return finish(agg[[YEAR, "value", *columns]], meta, data, region, level)
