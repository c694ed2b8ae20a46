"""Eurostat Comext: EU-27 exports of goods by partner, in euro and converted to US$.

The EU's exports are the mirror of C5 imports from the EU after 2020. The loader input is the
tidy subset ``eu27_exports_to_c5_and_neighbours.csv`` (the C5 and their neighbours: AFG, ARM, AZE,
BLR, CHN, GEO, MNG, RUS, TUR), derived in the raw folder from the 14 unmodified Comext
``Relational_View_*.csv`` files in ``raw/``. Those label partners by name only, in English except
the 2016 file, which is French ("Tadjikistan", "Turkménistan"); the derived file maps both.

Values are euro. ``value_musd`` uses the annual average official rate of the euro area from WDI
(``pa.nus.fcrf``, euro per US$, code EMU), falling back to a member that uses the euro (DEU,
FRA) for a year EMU lacks, from 1999 on.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from regint.core.errors import InputError
from regint.core.provenance import SourceTable
from regint.core.vocab import SRC_EUROSTAT
from regint.sources.contract import Contents, year_span
from regint.sources.countries import known_codes
from regint.sources.records import lock_files, make_origin
from regint.sources.validate import (
    check_codes,
    parse_numbers,
    parse_years,
    read_csv_checked,
    reject_rows,
)
from regint.sources.wdi import read_wdi

FOLDER = "eurostat-eu27-exports-by-partner"
FILE = "eu27_exports_to_c5_and_neighbours.csv"
REPORTER = "EU27_2020"
TOTAL_CODE = "EXTRA_EU27"  # the Extra-EU27 total, only in the 2010-2018 files
RATE_INDICATOR = "pa.nus.fcrf"
# What the shipped Comext extract must contain (checked when the snapshot is built).
CONTENTS = Contents(min_rows=150, years=year_span(2010, 2023), reporter_column="reporter")
# Euro area first; then members that have used the euro since 1999.
RATE_COUNTRIES = ("EMU", "DEU", "FRA", "ITA", "ESP", "NLD")
EURO_START = 1999
REQUIRED = ("reporter", "partner_iso3", "partner_label", "flow", "year", "value_eur", "source_file")
OUTPUT_COLUMNS = (
    "reporter",
    "partner",
    "partner_kind",
    "partner_label",
    "flow",
    "year",
    "value_eur",
    "eur_per_usd",
    "value_musd",
    "source_id",
    "source_file",
)


def compute_eur_usd_rates(wdi: pd.DataFrame) -> pd.DataFrame:
    """Annual euro-per-US$ rates (``year``, ``eur_per_usd``, ``rate_country``) from WDI rows.

    ``wdi`` is the long WDI frame (``country``, ``year``, ``indicator``, ``value``) holding
    ``pa.nus.fcrf``. For each year the first of ``RATE_COUNTRIES`` with a value is used.
    """
    missing = [c for c in ("country", "year", "indicator", "value") if c not in wdi.columns]
    if missing:
        raise InputError("rates", f"missing column(s): {', '.join(missing)}")
    rows = wdi[
        (wdi["indicator"] == RATE_INDICATOR)
        & wdi["country"].isin(RATE_COUNTRIES)
        & (wdi["year"] >= EURO_START)
        & wdi["value"].notna()
    ]
    rank = rows["country"].map({c: i for i, c in enumerate(RATE_COUNTRIES)})
    best = rows.assign(rank=rank).sort_values(["year", "rank"]).drop_duplicates("year")
    out = best.rename(columns={"value": "eur_per_usd", "country": "rate_country"})
    out = out[["year", "eur_per_usd", "rate_country"]].astype({"year": "int64"})
    if (out["eur_per_usd"] <= 0).any():
        raise InputError("rates", "a EUR/USD rate is not positive")
    return out.reset_index(drop=True)


def read_eurostat_eu27_exports(raw_dir: Path, rates: pd.DataFrame | None = None) -> SourceTable:
    """EU-27 exports to the C5 and their neighbours, 2010-2023, in euro and US$ millions.

    ``rates`` is the long WDI frame holding ``pa.nus.fcrf`` (see :func:`compute_eur_usd_rates`);
    when None it is read from ``wb-wdi`` in ``raw_dir``.
    """
    raw_dir = Path(raw_dir)
    path = raw_dir / FOLDER / FILE
    raw = read_csv_checked(path, REQUIRED)
    _check_labels(raw, path)
    is_total = raw["partner_iso3"] == TOTAL_CODE
    frame = pd.DataFrame(
        {
            "reporter": raw["reporter"],
            "partner": raw["partner_iso3"].where(~is_total & (raw["partner_iso3"] != ""), None),
            "partner_kind": is_total.map({True: "total", False: "country"}),
            "partner_label": raw["partner_label"],
            "flow": raw["flow"],
            "year": parse_years(raw, "year", path),
            "value_eur": parse_numbers(raw, "value_eur", path),
            "source_id": SRC_EUROSTAT,
            "source_file": FOLDER + "/" + raw["source_file"],
        }
    )
    _check_partners(frame, path, raw_dir)
    if rates is None:
        rates = read_wdi(raw_dir, [RATE_INDICATOR], first_year=EURO_START).frame
    frame = _convert(frame, compute_eur_usd_rates(rates))
    origin = make_origin(SRC_EUROSTAT, lock_files([path], root=raw_dir))
    notes = (
        "Eurostat: EU-27 (2020 composition) exports, the mirror of partner imports from the EU; "
        "EU imports from these partners are not included.",
        "Eurostat: converted to US$ with the WDI euro-area official rate (pa.nus.fcrf, annual "
        "average).",
    )
    return SourceTable(frame[list(OUTPUT_COLUMNS)], origin, notes)


def _check_labels(raw: pd.DataFrame, path: Path) -> None:
    for column, allowed in (("reporter", (REPORTER,)), ("flow", ("exports",))):
        reject_rows(
            ~raw[column].isin(allowed),
            path,
            lambda i: f"{column} '{raw.at[i, column]}' is not {allowed[0]}",  # noqa: B023 - called at once
        )


def _check_partners(frame: pd.DataFrame, path: Path, raw_dir: Path) -> None:
    reject_rows(
        (frame["partner_kind"] == "country") & frame["partner"].isna(),
        path,
        lambda i: f"partner '{frame.at[i, 'partner_label']}' has no ISO3",
    )
    check_codes(frame["partner"], known_codes(raw_dir), path, "partner")
    reject_rows(
        frame.duplicated(["partner_kind", "partner", "year"]),
        path,
        lambda i: f"duplicate row for {_partner(frame.loc[i])} {frame.at[i, 'year']}",
    )


def _partner(row: pd.Series) -> str:
    return row["partner"] if row["partner_kind"] == "country" else "total"


def _convert(frame: pd.DataFrame, rates: pd.DataFrame) -> pd.DataFrame:
    """Add ``eur_per_usd`` and ``value_musd``; every year must have a rate."""
    out = frame.merge(rates[["year", "eur_per_usd"]], on="year", how="left")
    lacking = sorted(out.loc[out["eur_per_usd"].isna(), "year"].unique())
    if lacking:
        raise InputError("rates", f"no EUR/USD rate for {', '.join(map(str, lacking))}")
    out["value_musd"] = out["value_eur"] / out["eur_per_usd"] / 1e6
    return out.reset_index(drop=True)
