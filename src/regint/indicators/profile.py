"""External-partner profile: whom each state leans on (the measurable face of "bandwagoning")."""

from __future__ import annotations

import numpy as np
import pandas as pd

from regint.core.options import Level
from regint.core.regions import C5_REGION, Region
from regint.core.vocab import COUNTRY, PROFILE_GROUPS, YEAR, eu27_members
from regint.indicators.base import (
    TRADE,
    IndicatorMeta,
    TradeData,
    check_indicator_level,
    finish,
    known_coverage,
)
from regint.indicators.masking import COVERAGE_RULE, COVERAGE_THRESHOLDS, has_enough_coverage
from regint.indicators.pairs import PairTable, region_pair_table

GROUP = "group"
NO_FLOW_NOTE = "no flow known with this group in either direction: unknown, not zero"
REGION_GROUP = "REGION"
OTHERS_GROUP = "OTHERS"
EU27_GROUP = "EU27"

PROFILE = IndicatorMeta(
    id="partner_profile",
    min_countries=1,
    title="External-partner profile",
    unit="share (0-1) of trade with known partners",
    formula=(
        "share_{i,g} = sum_{j in g} T_ij / sum_j T_ij, g in RUS, CHN, EU27 (members by year), "
        "USA, TUR, IRN, REGION (other members that year), OTHERS; coverage = sum_j T_ij / T_i"
    ),
    direction="descriptive: a higher share of an external centre = more reliance on it",
    citation=(
        "Makhmutova, E. V. (2018) Central Asia in Search for its Own Way of Integration, MGIMO "
        "Review of International Relations 4(61): 78-91 (external centres of power); "
        "Walt, S. (1987) The Origins of Alliances (bandwagoning)"
    ),
    levels=("country",),
    dimension="trade",
    range="[0, 1]; the known groups of a state-year sum to 1",
    columns=(
        ("group", "RUS, CHN, EU27, USA, TUR, IRN, REGION, OTHERS"),
        ("trade_musd", "sum_{j in g} T_ij over known partners, US$ m"),
        (
            "coverage",
            "sum_j T_ij / T_i: the part of total trade whose partner is known; T_i is the "
            "state's WDI merchandise trade (exports + imports), independent of the flows",
        ),
        ("note", "why a share is blank where it is not masked (no flow known with the group)"),
    ),
    notes=(
        "A partner that is a member of the region that year counts in REGION, even if it is also "
        "a named centre (e.g. RUS in the EAEU), so the named groups are always external. EU27 "
        "is the 2020 composition, each member from its accession year (the UK never). Every "
        "group appears in every row set. A group with no known flow in either direction that "
        "year has a NaN share and trade_musd and a note: unknown, never 0. The known shares "
        "sum to 1."
    ),
    masking=COVERAGE_RULE
    + " All eight shares of the state-year are masked; trade_musd keeps the known "
    "sums and is NaN for groups with no known partner.",
    thresholds=COVERAGE_THRESHOLDS,
)


def group_matrix(table: PairTable) -> np.ndarray:
    """Position in PROFILE_GROUPS of each (year, partner); REGION for that year's members."""
    position = {g: k for k, g in enumerate(PROFILE_GROUPS)}
    named = np.array(
        [position[c] if c in position and c != EU27_GROUP else -1 for c in table.codes],
        dtype="int64",
    ).reshape(1, -1)
    is_eu = np.array(
        [np.isin(table.codes, list(eu27_members(int(y)))) for y in table.years], dtype=bool
    ).reshape(len(table.years), len(table.codes))
    groups = np.where(is_eu, position[EU27_GROUP], position[OTHERS_GROUP])
    groups = np.where(named >= 0, named, groups)
    return np.where(table.is_member, position[REGION_GROUP], groups)


def compute_partner_profile(
    data: TradeData, region: Region = C5_REGION, level: Level = "country"
) -> pd.DataFrame:
    """Long frame: year, country, group, value (share), trade_musd, coverage.

    The shares of a state-year are NaN where known partners cover too little of its trade.
    """
    check_indicator_level(PROFILE, level)
    table = region_pair_table(data, region)
    cells, members = table.member_cells()
    n_groups = len(PROFILE_GROUPS)
    group = group_matrix(table)[table.year_pos, table.partner]
    slots = table.cell * n_groups + group
    size = table.n_cells * n_groups
    by_group = np.bincount(slots, weights=table.trade, minlength=size)
    by_group = by_group.reshape(table.n_cells, n_groups)[cells]
    n_known = np.bincount(slots, minlength=size).reshape(table.n_cells, n_groups)[cells]
    known = by_group.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = by_group / known[:, None]
    coverage = known_coverage(data, known, members).to_numpy()
    shares[~has_enough_coverage(coverage)] = np.nan
    # A group with no known flow in either direction is unknown, not zero: blank, with a note.
    unknown = n_known == 0
    shares[unknown] = np.nan
    by_group = np.where(unknown, np.nan, by_group)
    out = pd.DataFrame(
        {
            YEAR: np.repeat(members[YEAR].to_numpy(), n_groups),
            COUNTRY: np.repeat(members[COUNTRY].to_numpy(), n_groups),
            GROUP: np.tile(np.array(PROFILE_GROUPS, dtype=object), len(members)),
            "value": shares.ravel(),
            TRADE: by_group.ravel(),
            "coverage": np.repeat(coverage, n_groups),
        }
    )
    out["note"] = np.where(unknown.ravel(), NO_FLOW_NOTE, "")
    # Rows come in display order of the groups (RUS, CHN, ... OTHERS); finish sorts stably.
    return finish(out, PROFILE, data, region, level)
