"""National statistics by partner as directed flows, their totals, and the bridge check with DOTS.

The world panel (IMF DOTS) ends in 2020; KAZ, UZB (and optionally KGZ) national statistics carry
the C5 flows after it. Each value keeps its source id. Only country partners become flows:
totals, unallocated and special rows stay in :func:`build_national_totals`, where users see how
much of each total no partner country can claim.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from regint.core.errors import InputError
from regint.core.provenance import SourceTable
from regint.core.vocab import (
    C5,
    EXPORTER,
    EXPORTER_FOB,
    EXPORTER_SOURCE,
    FLOW_COLUMNS,
    IMPORTER,
    IMPORTER_CIF,
    IMPORTER_SOURCE,
    YEAR,
)

KEY = [EXPORTER, IMPORTER, YEAR]
TOTAL_COLUMNS = (
    "reporter",
    "year",
    "flow",
    "total_musd",
    "allocated_musd",
    "unallocated_musd",
    "unallocated_listed_musd",
    "is_total_derived",
    "source_id",
)
COMPARE_COLUMNS = (
    "reporter",
    "flow",
    "year",
    "scope",
    "partner",
    "national_musd",
    "dots_musd",
    "diff_musd",
    "rel_diff",
    "source_id",
)
MAJOR_PARTNERS = ("RUS", "CHN", *C5)


def _long(tables: Iterable[SourceTable | pd.DataFrame]) -> pd.DataFrame:
    """The national by-partner frames stacked (each as read by ``sources.national``)."""
    frames = [t.frame if isinstance(t, SourceTable) else t for t in tables]
    if not frames:
        raise InputError("tables", "no national tables given")
    return pd.concat(frames, ignore_index=True)


def build_national_flows(
    tables: Iterable[SourceTable | pd.DataFrame], years: Iterable[int]
) -> pd.DataFrame:
    """Directed flows (``FLOW_COLUMNS``) from national statistics, country partners only.

    A reporter's exports to j become the row reporter -> j with ``exporter_fob_musd``; its imports
    from j become j -> reporter with ``importer_cif_musd``. KAZ exports to UZB and UZB imports from
    KAZ land on the same row.
    """
    years = [int(y) for y in years]
    long = _long(tables)
    long = long[(long["partner_kind"] == "country") & long["year"].isin(years)]
    exports = long[long["flow"] == "exports"].rename(
        columns={
            "reporter": EXPORTER,
            "partner": IMPORTER,
            "value_musd": EXPORTER_FOB,
            "source_id": EXPORTER_SOURCE,
        }
    )
    imports = long[long["flow"] == "imports"].rename(
        columns={
            "reporter": IMPORTER,
            "partner": EXPORTER,
            "value_musd": IMPORTER_CIF,
            "source_id": IMPORTER_SOURCE,
        }
    )
    exports = exports[[*KEY, EXPORTER_FOB, EXPORTER_SOURCE]]
    imports = imports[[*KEY, IMPORTER_CIF, IMPORTER_SOURCE]]
    for side, frame in (("exports", exports), ("imports", imports)):
        dup = frame.duplicated(KEY)
        if dup.any():
            row = frame[dup].iloc[0]
            raise InputError(
                "tables",
                f"two tables report the {side} {row[EXPORTER]} -> {row[IMPORTER]} in {row[YEAR]}",
            )
    flows = exports.merge(imports, on=KEY, how="outer")
    flows = flows.sort_values(KEY, ignore_index=True)
    return flows[list(FLOW_COLUMNS)]


def build_national_totals(tables: Iterable[SourceTable | pd.DataFrame]) -> pd.DataFrame:
    """Each reporter's total by year and flow, and how much of it no partner country claims.

    ``total_musd`` is the source's total row, or the sum of all rows where it has none (UZB:
    ``is_total_derived``). ``allocated_musd`` sums the country rows; ``unallocated_musd`` is the
    rest of the total; ``unallocated_listed_musd`` is the part the source lists as such ("Other
    countries", "Undefined country", special rows). For KGZ exports 2021 the two differ by about
    US$ 1.1 bn that the table shows nowhere.
    """
    long = _long(tables)
    long = long.assign(
        kind=long["partner_kind"].replace({"special": "unallocated"}),
    )
    keys = ["reporter", "year", "flow", "source_id"]
    wide = long.pivot_table(
        index=keys, columns="kind", values="value_musd", aggfunc="sum", observed=True
    )
    wide = wide.reindex(columns=["country", "total", "unallocated"]).reset_index()
    wide.columns.name = None
    listed = wide["unallocated"].fillna(0.0)
    allocated = wide["country"].fillna(0.0)
    derived = wide["total"].isna()
    total = wide["total"].where(~derived, allocated + listed)
    out = wide[keys].assign(
        total_musd=total,
        allocated_musd=allocated,
        unallocated_musd=total - allocated,
        unallocated_listed_musd=listed,
        is_total_derived=derived.to_numpy(dtype=bool),
    )
    out = out.sort_values(["reporter", "flow", "year"], ignore_index=True)
    return out[list(TOTAL_COLUMNS)]


def compare_with_dots(
    national_tables: Iterable[SourceTable | pd.DataFrame],
    dots_flows: pd.DataFrame,
    years: Sequence[int] = (2019, 2020),
    dots_world: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The bridge check: national statistics against DOTS in the years both cover.

    For each reporter, flow and year it compares (``scope``):
    - 'partner': the flows with RUS, CHN and the other C5 (the reporter's own report in both);
    - 'country_sum': the sum over partner countries (national allocated vs DOTS country rows);
    - 'world': the national total against DOTS's 'World' row, when ``dots_world`` (columns
      reporter, flow ('exports'/'imports'), year, value_musd) is given. DOTS flows hold countries
      only, so its world total cannot come from ``dots_flows``.

    ``rel_diff`` is national / DOTS - 1.
    """
    missing = [c for c in FLOW_COLUMNS if c not in dots_flows.columns]
    if missing:
        raise InputError("dots_flows", f"missing column(s): {', '.join(missing)}")
    long = _long(national_tables)
    long = long[long["year"].isin([int(y) for y in years])]
    dots = _dots_by_reporter(dots_flows, years)
    rows = [_partner_rows(long, dots), _country_sum_rows(long, dots)]
    if dots_world is not None:
        rows.append(_world_rows(long, dots_world))
    out = pd.concat(rows, ignore_index=True)
    out["diff_musd"] = out["national_musd"] - out["dots_musd"]
    out["rel_diff"] = out["national_musd"] / out["dots_musd"] - 1.0
    order = {"world": 0, "country_sum": 1, "partner": 2}
    out = out.sort_values(
        ["reporter", "flow", "year", "scope", "partner"],
        key=lambda s: s.map(order) if s.name == "scope" else s,
        ignore_index=True,
    )
    return out[list(COMPARE_COLUMNS)]


def _dots_by_reporter(dots_flows: pd.DataFrame, years: Sequence[int]) -> pd.DataFrame:
    """DOTS flows seen from each reporter: reporter, partner, flow, year, dots_musd."""
    flows = dots_flows[dots_flows[YEAR].isin([int(y) for y in years])]
    exports = flows.rename(columns={EXPORTER: "reporter", IMPORTER: "partner"}).assign(
        flow="exports", dots_musd=flows[EXPORTER_FOB]
    )
    imports = flows.rename(columns={IMPORTER: "reporter", EXPORTER: "partner"}).assign(
        flow="imports", dots_musd=flows[IMPORTER_CIF]
    )
    cols = ["reporter", "partner", "flow", YEAR, "dots_musd"]
    both = pd.concat([exports[cols], imports[cols]], ignore_index=True)
    both = both[both["dots_musd"].notna()].astype({"reporter": str, "partner": str})
    if both.duplicated(["reporter", "partner", "flow", YEAR]).any():
        raise InputError("dots_flows", "duplicate (exporter, importer, year) rows")
    return both


def _partner_rows(long: pd.DataFrame, dots: pd.DataFrame) -> pd.DataFrame:
    country = long[(long["partner_kind"] == "country") & long["partner"].isin(MAJOR_PARTNERS)]
    national = country[["reporter", "partner", "flow", YEAR, "value_musd", "source_id"]]
    national = national.astype({"reporter": str, "partner": str})
    out = national.merge(dots, on=["reporter", "partner", "flow", YEAR], how="left")
    return out.rename(columns={"value_musd": "national_musd"}).assign(scope="partner")


def _country_sum_rows(long: pd.DataFrame, dots: pd.DataFrame) -> pd.DataFrame:
    keys = ["reporter", "flow", YEAR]
    country = long[long["partner_kind"] == "country"]
    national = country.groupby([*keys, "source_id"], as_index=False)["value_musd"].sum()
    reporters = national["reporter"].astype(str).unique()
    dots_sum = (
        dots[dots["reporter"].isin(reporters)].groupby(keys, as_index=False)["dots_musd"].sum()
    )
    national = national.astype({"reporter": str})
    out = national.merge(dots_sum, on=keys, how="left")
    return out.rename(columns={"value_musd": "national_musd"}).assign(
        scope="country_sum", partner=None
    )


def _world_rows(long: pd.DataFrame, dots_world: pd.DataFrame) -> pd.DataFrame:
    totals = build_national_totals([long])
    world = dots_world.rename(columns={"value_musd": "dots_musd"}).astype({"reporter": str})
    world = world[["reporter", "flow", YEAR, "dots_musd"]]
    out = totals.astype({"reporter": str}).merge(world, on=["reporter", "flow", YEAR], how="left")
    out = out.rename(columns={"total_musd": "national_musd"})
    return out[["reporter", "flow", YEAR, "national_musd", "dots_musd", "source_id"]].assign(
        scope="world", partner=None
    )
