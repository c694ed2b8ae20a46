"""Institutions: the organisations two states both belong to, weighted by how deep they went.

For a pair (i, j) and year t, on 1 July of t: S_ij = sum over organisations where both are full
members (status founding_member or member) of w = 1 + rank of the organisation's *achieved*
Balassa depth (none 0, PTA 1, FTA 2, customs union 3, common market 4, economic union 5; an
organisation where the scale does not apply, such as a security pact, counts as 0). Every shared
organisation counts at least 1; one that achieved a customs union counts 4. The region value is
the mean of S_ij over member pairs.

The knowledge base records members of some organisations (CIS, CAREC, OSCE ...) only for the
five Central Asian states: for pairs with another state S_ij undercounts, and the frame says so.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pandas as pd

from regint.core.regions import Region
from regint.core.vocab import C5, DEPTH_RANK
from regint.indicators.drivers.base import DriverData, compute_pair_mean

FULL = frozenset({"founding_member", "member"})


def _weights(data: DriverData) -> dict[str, float]:
    return {
        str(org): 1.0 + DEPTH_RANK.get(str(depth), 0)
        for org, depth in zip(data.orgs["id"], data.orgs["depth_achieved"], strict=True)
    }


def _members_on(data: DriverData, day: dt.date) -> dict[str, set[str]]:
    """Organisation -> full members on ``day`` (half-open spells [start, end))."""
    out: dict[str, set[str]] = {}
    spells = data.spells[data.spells["status"].isin(FULL)]
    for org, country, start, end in zip(
        spells["org"], spells["country"], spells["start"], spells["end"], strict=True
    ):
        if (start is None or start <= day) and (end is None or pd.isna(end) or day < end):
            out.setdefault(str(org), set()).add(str(country))
    return out


def _pair_rows(data: DriverData, region: Region, years: list[int]) -> pd.DataFrame:
    weights = _weights(data)
    rows = []
    for year in years:
        members_of = _members_on(data, dt.date(year, 7, 1))
        for a, b in itertools.combinations(sorted(region.members(year)), 2):
            shared = sorted(o for o, m in members_of.items() if a in m and b in m)
            value = sum(weights.get(o, 1.0) for o in shared)
            note = "" if {a, b} <= set(C5) else "some memberships are recorded only for the C5"
            rows.append((a, b, year, float(value), len(shared), ", ".join(shared), note))
    return pd.DataFrame(
        rows,
        columns=["reporter", "partner", "year", "value", "organisations", "shared", "note"],
    )


def compute_shared_depth(
    data: DriverData, region: Region, level: str, years: list[int]
) -> pd.DataFrame:
    """Pair level: S_ij per member pair and year; region level: the mean over pairs."""
    pairs = _pair_rows(data, region, years)
    if level == "pair":
        return pairs
    return compute_pair_mean(pairs, years, "fewer than two members")
