"""People: where each member's emigrants live and who its immigrants are (UN DESA migrant
stock), and who sends it remittances (KNOMAD 2017).

Shares of emigrants use as denominator the sum over the destinations the file lists for the
origin: UN DESA's 'other/unknown' destinations are absent from the shipped copy, so the shares
are of emigrants with a known country of residence.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd

from regint.core.regions import Region
from regint.indicators.drivers.base import DriverData, region_frame

STOCK_YEARS = (1990, 1995, 2000, 2005, 2010, 2015, 2020)
REMITTANCE_YEAR = 2017

# (members that year, country) -> the destinations (or origins) counted in the numerator
Selector = Callable[[frozenset[str], str], frozenset[str]]


def _others(members: frozenset[str], country: str) -> frozenset[str]:
    return members - {country}


def _fixed(code: str) -> Selector:
    return lambda _members, country: frozenset() if country == code else frozenset({code})


def _stock_share(
    data: DriverData,
    region: Region,
    level: str,
    years: list[int],
    *,
    side: str,
    select: Selector,
    what: str,
) -> pd.DataFrame:
    """Share of a member's emigrants (side='origin') or immigrants (side='destination')."""
    other = "destination" if side == "origin" else "origin"
    stock = data.migrants
    rows = []
    for year in years:
        members = region.members(year)
        in_year = stock[stock["year"] == year]
        for country in sorted(members):
            mine = in_year[in_year[side] == country]
            chosen = select(members, country)
            total = float(mine["migrants_persons"].sum())
            part = float(mine.loc[mine[other].isin(chosen), "migrants_persons"].sum())
            rows.append((country, year, part, total, bool(chosen), len(mine) > 0))
    frame = pd.DataFrame(rows, columns=["country", "year", "part", "total", "has_target", "known"])
    if level == "region":
        return _pooled(frame, what)
    frame["value"] = [
        p / t if (known and target and t > 0) else float("nan")
        for p, t, known, target in zip(
            frame["part"], frame["total"], frame["known"], frame["has_target"], strict=True
        )
    ]
    frame["note"] = [_stock_note(r, what) for r in frame.to_dict(orient="records")]
    return frame[["country", "year", "value", "note"]]


def _stock_note(row: dict[str, object], what: str) -> str:
    if row["year"] not in STOCK_YEARS:
        return "UN DESA stocks exist for 1990, 1995, ..., 2020 only"
    if not row["known"]:
        return f"no UN DESA rows for {row['country']} in {row['year']}"
    if not row["has_target"]:
        return f"not defined: {row['country']} is itself {what}"
    return ""


def _pooled(frame: pd.DataFrame, what: str) -> pd.DataFrame:
    rows = []
    for year, group in frame.groupby("year", sort=True):
        usable = group[group["known"] & group["has_target"]]
        total = float(usable["total"].sum())
        if int(year) not in STOCK_YEARS or total <= 0:
            rows.append(
                (int(year), float("nan"), "UN DESA stocks exist for 1990-2020 every 5 years")
            )
            continue
        left_out = sorted(set(group["country"]) - set(usable["country"]))
        note = f"left out: {', '.join(left_out)} ({what} or no data)" if left_out else ""
        rows.append((int(year), float(usable["part"].sum()) / total, note))
    return region_frame(rows)


def compute_emigrant_intra_share(
    data: DriverData, region: Region, level: str, years: list[int]
) -> pd.DataFrame:
    """Share of the members' emigrants who live in another member state."""
    return _stock_share(
        data, region, level, years, side="origin", select=_others, what="the only member"
    )


def compute_immigrant_intra_share(
    data: DriverData, region: Region, level: str, years: list[int]
) -> pd.DataFrame:
    """Share of the members' immigrants who were born in another member state."""
    return _stock_share(
        data, region, level, years, side="destination", select=_others, what="the only member"
    )


def compute_emigrant_share_russia(
    data: DriverData, region: Region, level: str, years: list[int]
) -> pd.DataFrame:
    """Share of the members' emigrants who live in Russia."""
    return _stock_share(
        data, region, level, years, side="origin", select=_fixed("RUS"), what="Russia"
    )


def compute_emigrant_share_kazakhstan(
    data: DriverData, region: Region, level: str, years: list[int]
) -> pd.DataFrame:
    """Share of the members' emigrants who live in Kazakhstan."""
    return _stock_share(
        data, region, level, years, side="origin", select=_fixed("KAZ"), what="Kazakhstan"
    )


def compute_remittance_sources(
    data: DriverData, region: Region, level: str, years: list[int]
) -> pd.DataFrame:
    """Pair level: the share of each member's 2017 remittance inflows sent from each country.

    reporter = the receiving member, partner = the sending country; only 2017 exists.
    """
    columns = ["reporter", "partner", "year", "value", "remittances_musd", "note"]
    rem = data.remittances
    rows: list[tuple[object, ...]] = []
    for year in years:
        for country in sorted(region.members(year)):
            if year != REMITTANCE_YEAR:
                rows.append(
                    (
                        country,
                        None,
                        year,
                        math.nan,
                        math.nan,
                        "the KNOMAD bilateral matrix exists for 2017 only",
                    )
                )
                continue
            inflow = rem[(rem["receiver"] == country) & (rem["remittances_musd"] > 0)]
            total = float(inflow["remittances_musd"].sum())
            if total <= 0:
                rows.append(
                    (
                        country,
                        None,
                        year,
                        math.nan,
                        math.nan,
                        f"no KNOMAD estimate of remittances received by {country}",
                    )
                )
                continue
            for sender, value in zip(inflow["sender"], inflow["remittances_musd"], strict=True):
                rows.append((country, sender, year, value / total, value, ""))
    frame = pd.DataFrame(rows, columns=columns)
    order = ["year", "reporter", "value"]
    return frame.sort_values(order, ascending=[True, True, False]).reset_index(drop=True)
