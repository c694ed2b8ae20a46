"""Partner concentration: how much a state's trade hangs on a few partners (Herfindahl-Hirschman)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from regint.core.options import Level
from regint.core.regions import C5_REGION, Region
from regint.core.vocab import COUNTRY, YEAR
from regint.indicators.base import (
    IndicatorMeta,
    TradeData,
    check_indicator_level,
    finish,
    known_coverage,
)
from regint.indicators.masking import COVERAGE_RULE, COVERAGE_THRESHOLDS, mask_by_coverage
from regint.indicators.pairs import region_pair_table

CONCENTRATION = IndicatorMeta(
    id="partner_concentration",
    min_countries=1,
    title="Partner concentration (Herfindahl-Hirschman index)",
    unit="index in [1/N, 1]",
    formula=(
        "H_i = sum_j (T_ij / K_i)^2, K_i = sum_j T_ij over known partners; "
        "normalised = (H_i - 1/N) / (1 - 1/N), N = #{j : T_ij > 0}; coverage = K_i / T_i"
    ),
    direction="higher = trade more concentrated on few partners (not a measure of integration)",
    citation=(
        "Hirschman, A. O. (1945) National Power and the Structure of Foreign Trade, University "
        "of California Press; Herfindahl, O. C. (1950) Concentration in the U.S. Steel Industry, "
        "PhD thesis, Columbia University; UNCTAD, market concentration index"
    ),
    levels=("country",),
    dimension="trade",
    range="value in [1/N, 1]; normalised in [0, 1]",
    columns=(
        ("normalised", "(H - 1/N) / (1 - 1/N); 1 when N = 1 (a single partner)"),
        ("n_partners", "N: partners with T_ij > 0"),
        ("coverage", "K_i / T_i: the part of total trade whose partner is known"),
    ),
    notes=(
        "Shares are over known partners so they sum to 1; read `coverage` before comparing "
        "states or years. NaN where the state has no known partner; coverage is NaN where T_i "
        "is missing. All partners count, members of the region included."
    ),
    masking=COVERAGE_RULE + " normalised is masked with it; n_partners is kept.",
    thresholds=COVERAGE_THRESHOLDS,
)


def compute_partner_concentration(
    data: TradeData, region: Region = C5_REGION, level: Level = "country"
) -> pd.DataFrame:
    """H_i, its normalised form, N and coverage by member and year (NaN on low coverage)."""
    check_indicator_level(CONCENTRATION, level)
    table = region_pair_table(data, region)
    cells, out = table.member_cells()
    known = table.per_cell(table.trade)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = table.trade / known[table.cell]
    n_partners = table.per_cell((table.trade > 0).astype("float64"))[cells].astype("int64")
    coverage = known_coverage(data, known[cells], out)
    hhi = pd.Series(table.per_cell(share**2)[cells]).where(n_partners > 0)
    out["value"] = mask_by_coverage(hhi, coverage)
    out["normalised"] = normalised_hhi(out["value"], pd.Series(n_partners))
    out["n_partners"] = n_partners
    out["coverage"] = coverage
    cols = [YEAR, COUNTRY, "value", "normalised", "n_partners", "coverage"]
    return finish(out[cols], CONCENTRATION, data, region, level)


def normalised_hhi(hhi: pd.Series, n: pd.Series) -> pd.Series:
    """(H - 1/N) / (1 - 1/N); 1 for a single partner (the 0/0 limit taken as full concentration)."""
    n_float = n.astype("float64").where(n > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        floor = 1.0 / n_float
        out = (hhi - floor) / (1.0 - floor)
    out = out.where(n != 1, 1.0).where(n > 0)
    # Rounding can push a perfectly even split a hair below 0.
    return out.clip(lower=0.0, upper=1.0)
