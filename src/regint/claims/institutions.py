"""The institutional landscape as one table: what the report's timeline and depth charts show."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from regint.claims.inputs import KBFrames
from regint.claims.metrics_kb import classify_orgs
from regint.core.vocab import FULL_STATUSES

INSTITUTION_COLUMNS = (
    "id",
    "name",
    "type",
    "founded",
    "dissolved",
    "end",
    "is_alive",
    "lifetime_years",
    "kind",
    "depth_declared",
    "depth_achieved",
    "supranational",
    "region_members",
)


def compute_institutions(
    kb: KBFrames, region: Sequence[str], membership: str = "founding"
) -> pd.DataFrame:
    """Organisations with at least two region states as full members, ever.

    ``kind`` is ``region-only`` (every founding full member in the region), ``with outsiders``
    or ``membership partly recorded`` (the knowledge base lists only the region's members).
    """
    inside = frozenset(region)
    orgs = classify_orgs(kb, region, membership)
    full = kb.spells[kb.spells["status"].isin(FULL_STATUSES) & kb.spells["country"].isin(inside)]
    members = full.groupby("org")["country"].agg(lambda cs: tuple(sorted(set(cs))))
    orgs["region_members"] = orgs["id"].map(members)
    orgs = orgs[orgs["region_members"].map(lambda m: isinstance(m, tuple) and len(m) >= 2)].copy()
    orgs["kind"] = [
        "region-only" if only else "with outsiders" if ext else "membership partly recorded"
        for only, ext in zip(orgs["is_c5_only"], orgs["is_external"], strict=True)
    ]
    orgs["is_alive"] = orgs["dissolved"].map(lambda d: d is None or pd.isna(d))
    orgs["end"] = [
        kb.as_of if alive else d
        for alive, d in zip(orgs["is_alive"], orgs["dissolved"], strict=True)
    ]
    orgs["lifetime_years"] = [
        (e - f).days / 365.25 for f, e in zip(orgs["founded"], orgs["end"], strict=True)
    ]
    orgs = orgs.sort_values(["founded", "name"], kind="stable").reset_index(drop=True)
    return orgs[list(INSTITUTION_COLUMNS)]
