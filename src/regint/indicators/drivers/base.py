"""The input contract of the driver indicators and the helpers they share.

Every driver indicator reads a :class:`DriverData` (frames the api layer loads from the warehouse
and the knowledge base), a :class:`~regint.core.regions.Region` and the years asked for, and
returns a tidy frame:

- level ``country``: ``country, year, value, note``;
- level ``region``: ``year, value, note``;
- level ``pair``: ``reporter, partner, year, value, note``.

A value the data do not give is NaN with a ``note`` saying why, never 0. Nothing here does I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from regint.core.errors import InputError
from regint.core.regions import Region

WDI_COLUMNS = ("country", "year", "indicator", "value")
MIGRANT_COLUMNS = ("destination", "origin", "year", "migrants_persons")
REMITTANCE_COLUMNS = ("sender", "receiver", "remittances_musd")
EVENT_COLUMNS = ("date", "type", "status", "countries")
SPELL_COLUMNS = ("org", "country", "status", "start", "end")
ORG_COLUMNS = ("id", "depth_achieved")


@dataclass(frozen=True)
class DriverData:
    """What the driver indicators read, as plain frames.

    - ``wdi``: country, year, indicator (lower-case WDI code), value;
    - ``migrants``: destination, origin, year, migrants_persons (UN DESA, five-yearly);
    - ``remittances``: sender, receiver, remittances_musd (KNOMAD 2017);
    - ``geo``: iso3, landlocked; ``geodist``: origin, destination, contig, dist_km (CEPII);
    - ``events``: date (datetime.date), type, status, countries (tuple of ISO3);
    - ``spells``: org, country, status, start, end (dates; None = open);
    - ``orgs``: id, depth_achieved (a Balassa rung name or None).
    """

    wdi: pd.DataFrame
    migrants: pd.DataFrame
    remittances: pd.DataFrame
    geo: pd.DataFrame
    geodist: pd.DataFrame
    events: pd.DataFrame
    spells: pd.DataFrame
    orgs: pd.DataFrame

    def __post_init__(self) -> None:
        for name, columns in (
            ("wdi", WDI_COLUMNS),
            ("migrants", MIGRANT_COLUMNS),
            ("remittances", REMITTANCE_COLUMNS),
            ("events", EVENT_COLUMNS),
            ("spells", SPELL_COLUMNS),
            ("orgs", ORG_COLUMNS),
        ):
            missing = [c for c in columns if c not in getattr(self, name).columns]
            if missing:
                raise InputError("data", f"{name} lacks column(s) {', '.join(missing)}")
        if (self.migrants["migrants_persons"] < 0).any():
            raise InputError("data", "migrants.migrants_persons has negative values")


Compute = Callable[[DriverData, Region, str, list[int]], pd.DataFrame]


def member_years(region: Region, years: Iterable[int]) -> pd.DataFrame:
    """One row per (country, year) where the country is a member that year."""
    rows = [(c, int(y)) for y in years for c in sorted(region.members(int(y)))]
    return pd.DataFrame(rows, columns=["country", "year"]).astype({"year": "int64"})


def wdi_series(data: DriverData, code: str) -> pd.Series:
    """One WDI indicator as a Series indexed by (country, year)."""
    rows = data.wdi[data.wdi["indicator"] == code]
    return rows.set_index(["country", "year"])["value"].astype(float)


def lookup(series: pd.Series, frame: pd.DataFrame) -> pd.Series:
    """``series`` values for each (country, year) row of ``frame``; NaN where absent."""
    keys = pd.MultiIndex.from_frame(frame[["country", "year"]])
    return pd.Series(series.reindex(keys).to_numpy(dtype=float), index=frame.index)


def with_notes(frame: pd.DataFrame, missing: str) -> pd.DataFrame:
    """Add a ``note`` column: ``missing`` (formatted with the row) where value is NaN."""
    out = frame.copy()
    notes = [
        missing.format(**row) if pd.isna(row["value"]) else ""
        for row in out.to_dict(orient="records")
    ]
    out["note"] = notes
    return out


def divide(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator / denominator; NaN where either is missing or the denominator is 0."""
    num = numerator.to_numpy(dtype=float)
    den = denominator.to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(den == 0, np.nan, num / den)
    return pd.Series(out, index=numerator.index)


def year_of(value: object) -> int | None:
    """The year of a date-like value (None stays None)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, dt.date):
        return value.year
    return int(str(value)[:4])


def region_frame(rows: list[tuple[int, float, str]]) -> pd.DataFrame:
    """A region-level frame from (year, value, note) rows."""
    frame = pd.DataFrame(rows, columns=["year", "value", "note"])
    return frame.astype({"year": "int64", "value": "float64"})


def compute_pair_mean(pairs: pd.DataFrame, years: list[int], missing_note: str) -> pd.DataFrame:
    """Region level of a pair indicator: each year's mean over the member pairs with a value.

    A year with no known pair is blank with ``missing_note``; pairs without a value are left
    out of the mean and counted in the note, never read as 0.
    """
    rows: list[tuple[int, float, str]] = []
    for year in years:
        group = pairs[pairs["year"] == year]
        known = group["value"].dropna()
        if known.empty:
            rows.append((year, float("nan"), missing_note))
            continue
        gaps = len(group) - len(known)
        note = f"{gaps} of {len(group)} pairs lack data" if gaps else ""
        rows.append((year, float(known.mean()), note))
    return region_frame(rows)
