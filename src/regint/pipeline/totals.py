"""Each reporter's own totals with the world, next to what it allocates to partner countries.

The gap between the two is trade the reporter does not attribute to any partner country
(for Uzbekistan, mostly non-monetary gold). Indicators use partner sums; this table says how
much that leaves out, and lets users check the loaders against WDI.
"""

from __future__ import annotations

import pandas as pd

from regint.core.vocab import FIRST_YEAR, PANEL_LAST_YEAR, SRC_DOTS

WORLD = "WLD"
_FLOWS = {"exports_fob": "exports", "imports_cif": "imports"}


def split_world_rows(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(country rows, World rows) of a DOTS long table read with ``world=True``."""
    is_world = frame["partner"] == WORLD
    return frame[~is_world].reset_index(drop=True), frame[is_world].reset_index(drop=True)


def build_reported_totals(
    countries: pd.DataFrame,
    world: pd.DataFrame,
    first_year: int = FIRST_YEAR,
    last_year: int = PANEL_LAST_YEAR,
    source_id: str = SRC_DOTS,
) -> pd.DataFrame:
    """reporter, year, flow, world_musd, country_sum_musd, unallocated_share, is_estimate, source."""
    keys = ["reporter", "year", "flow"]
    in_years = lambda f: f[(f["year"] >= first_year) & (f["year"] <= last_year)]  # noqa: E731
    totals = in_years(world).rename(columns={"value_musd": "world_musd"})[
        [*keys, "world_musd", "is_estimate"]
    ]
    sums = (
        in_years(countries)
        .groupby(keys, observed=True)["value_musd"]
        .sum()
        .rename("country_sum_musd")
        .reset_index()
    )
    out = totals.merge(sums, on=keys, how="left")
    out["unallocated_share"] = 1 - out["country_sum_musd"] / out["world_musd"].where(
        out["world_musd"] > 0
    )
    out["flow"] = out["flow"].map(_FLOWS)
    out["source"] = source_id
    out["year"] = out["year"].astype("int16")
    return out.sort_values(keys).reset_index(drop=True)[
        [
            "reporter",
            "year",
            "flow",
            "world_musd",
            "country_sum_musd",
            "unallocated_share",
            "is_estimate",
            "source",
        ]
    ]
