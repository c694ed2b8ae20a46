"""Connectivity: geography that the states cannot change (landlocked, double-landlocked, how far
the sea is) from CEPII GeoDist. The WDI series (LPI, rail, air, broadband) are in the registry as
WDI-based indicators.

CEPII's ``landlocked`` flag is time-invariant (c. 2011); so are the distances, which are between
each country's main cities, not to ports: ``coast_distance_km`` is a proxy for the distance to
the sea, the great-circle distance to the main city of the nearest country that is not
landlocked.
"""

from __future__ import annotations

import pandas as pd

from regint.core.regions import Region
from regint.indicators.drivers.base import DriverData, member_years

TIME_INVARIANT = "time-invariant (CEPII GeoDist, c. 2011), repeated for each year"


def _landlocked(data: DriverData) -> dict[str, bool]:
    return {str(k): bool(v) for k, v in zip(data.geo["iso3"], data.geo["landlocked"], strict=True)}


def _neighbours(data: DriverData) -> dict[str, set[str]]:
    dist = data.geodist
    contig = dist[dist["contig"].astype(bool) & (dist["origin"] != dist["destination"])]
    out: dict[str, set[str]] = {}
    for a, b in zip(contig["origin"], contig["destination"], strict=True):
        out.setdefault(str(a), set()).add(str(b))
    return out


def compute_landlocked_status(
    data: DriverData, region: Region, level: str, years: list[int]
) -> pd.DataFrame:
    """0 = has a coast, 1 = landlocked, 2 = double-landlocked (every neighbour landlocked)."""
    land, near = _landlocked(data), _neighbours(data)
    frame = member_years(region, years)
    values, notes = [], []
    for country in frame["country"]:
        if country not in land:
            values.append(float("nan"))
            notes.append(f"{country} is not in CEPII GeoDist")
            continue
        status = 0.0
        if land[country]:
            around = near.get(country, set())
            status = 2.0 if around and all(land.get(n, False) for n in around) else 1.0
        values.append(status)
        notes.append(TIME_INVARIANT)
    frame["value"], frame["note"] = values, notes
    return frame


def compute_coast_distance(
    data: DriverData, region: Region, level: str, years: list[int]
) -> pd.DataFrame:
    """Distance (km) from the main city to that of the nearest country with a coast (a proxy)."""
    land = _landlocked(data)
    coastal = {c for c, is_land in land.items() if not is_land}
    dist = data.geodist[data.geodist["destination"].isin(coastal)]
    nearest = dist.groupby("origin")["dist_km"].min()
    frame = member_years(region, years)
    frame["value"] = [float(nearest.get(c, float("nan"))) for c in frame["country"]]
    frame["note"] = [
        (
            f"{TIME_INVARIANT}; 0 where the state has a coast"
            if pd.notna(v)
            else f"{c} is not in CEPII GeoDist"
        )
        for c, v in zip(frame["country"], frame["value"], strict=True)
    ]
    # A state with its own coast is at distance 0 from the sea.
    own = frame["country"].map(lambda c: c in coastal)
    frame.loc[own, "value"] = 0.0
    return frame
