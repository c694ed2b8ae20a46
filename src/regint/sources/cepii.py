"""CEPII GeoDist: bilateral distances and ties (``dist_cepii``) and country geography (``geo_cepii``).

GeoDist uses CEPII's 2011-era codes. Four are renamed to current ISO3 (ROM, ZAR, TMP, PAL); YUG
(Serbia and Montenegro) and ANT (Netherlands Antilles) have no current successor code, so they
are kept and flagged (``has_former_code``). The table is time-invariant (built around 2011).
``origin``/``destination`` are CEPII's ``iso_o``/``iso_d``; most variables are symmetric.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from regint.core.errors import DataError
from regint.core.provenance import SourceTable
from regint.core.vocab import SRC_CEPII
from regint.sources.contract import Contents
from regint.sources.countries import known_codes
from regint.sources.records import lock_files, make_origin
from regint.sources.validate import check_codes, parse_numbers, read_csv_checked, reject_rows

FOLDER = "cepii-geodist"
DIST_FILE = "dist_cepii.csv"
GEO_FILE = "geo_cepii.csv"
# What the shipped GeoDist files must contain (checked when the snapshot is built).
DIST_CONTENTS = Contents(min_rows=40_000)
GEO_CONTENTS = Contents(min_rows=200)
RENAMED = {"ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "PAL": "PSE"}
FORMER = ("YUG", "ANT")  # no current ISO3 successor: kept, flagged
DUMMIES = (
    "contig",
    "comlang_off",
    "comlang_ethno",
    "colony",
    "comcol",
    "curcol",
    "col45",
    "smctry",
)
DISTANCES = {
    "dist": "dist_km",
    "distcap": "distcap_km",
    "distw": "distw_km",
    "distwces": "distwces_km",
}
GEO_COLUMNS = ("iso3", "country", "landlocked", "continent", "city_en", "lat", "lon", "cap")


def read_geodist(raw_dir: Path) -> SourceTable:
    """Every ordered pair (i = j included): dummies, distances in km, ``has_former_code``.

    ``distw_km`` and ``distwces_km`` (population-weighted) are missing for some pairs: unknown,
    not zero.
    """
    raw_dir = Path(raw_dir)
    path = raw_dir / FOLDER / DIST_FILE
    raw = read_csv_checked(path, ("iso_o", "iso_d", *DUMMIES, *DISTANCES))
    frame = pd.DataFrame(
        {"origin": _recode(raw["iso_o"]), "destination": _recode(raw["iso_d"])}, index=raw.index
    )
    known = known_codes(raw_dir)
    check_codes(frame["origin"], known, path, "iso_o")
    check_codes(frame["destination"], known, path, "iso_d")
    for column in DUMMIES:
        frame[column] = _flag(raw, column, path)
    for column, name in DISTANCES.items():
        frame[name] = parse_numbers(raw, column, path, allow_blank=True)
    frame["has_former_code"] = frame["origin"].isin(FORMER) | frame["destination"].isin(FORMER)
    reject_rows(
        frame.duplicated(["origin", "destination"]),
        path,
        lambda i: f"duplicate pair {frame.at[i, 'origin']}-{frame.at[i, 'destination']}",
    )
    origin = make_origin(SRC_CEPII, lock_files([path], root=raw_dir))
    notes = (f"CEPII codes renamed: {RENAMED}; kept and flagged: {', '.join(FORMER)}",)
    return SourceTable(frame.reset_index(drop=True), origin, notes)


def read_geo(raw_dir: Path) -> SourceTable:
    """One row per country: ``iso3``, ``landlocked``, ``lat``/``lon`` of the capital, ``continent``.

    ``geo_cepii`` has one row per main city; the capital is the row with ``cap == 1``.
    """
    raw_dir = Path(raw_dir)
    path = raw_dir / FOLDER / GEO_FILE
    raw = read_csv_checked(path, GEO_COLUMNS)
    capitals = raw[raw["cap"].str.strip() == "1"]
    frame = pd.DataFrame(
        {
            "iso3": _recode(capitals["iso3"]),
            "name": capitals["country"],
            "capital": capitals["city_en"],
            "landlocked": _flag(capitals, "landlocked", path),
            "lat": parse_numbers(capitals, "lat", path, allow_negative=True),
            "lon": parse_numbers(capitals, "lon", path, allow_negative=True),
            # CEPII writes "No" for the French Southern Territories: no continent.
            "continent": capitals["continent"].where(capitals["continent"] != "No", None),
        },
        index=capitals.index,
    )
    check_codes(frame["iso3"], known_codes(raw_dir), path, "iso3")
    reject_rows(
        frame.duplicated("iso3"),
        path,
        lambda i: f"two capitals (cap == 1) for {frame.at[i, 'iso3']}",
    )
    lacking = sorted(set(_recode(raw["iso3"])) - set(frame["iso3"]))
    if lacking:
        raise DataError(str(path), f"no capital row (cap == 1) for {', '.join(lacking)}")
    for column, bound in (("lat", 90.0), ("lon", 180.0)):
        reject_rows(
            frame[column].abs() > bound,
            path,
            lambda i: f"{column} {frame.at[i, column]} out of range",  # noqa: B023 - called at once
        )
    frame["has_former_code"] = frame["iso3"].isin(FORMER)
    origin = make_origin(SRC_CEPII, lock_files([path], root=raw_dir))
    return SourceTable(frame.reset_index(drop=True), origin)


def _recode(codes: pd.Series) -> pd.Series:
    return codes.str.strip().replace(RENAMED)


def _flag(frame: pd.DataFrame, column: str, path: Path) -> pd.Series:
    values = parse_numbers(frame, column, path)
    reject_rows(
        ~values.isin([0.0, 1.0]),
        path,
        lambda i: f"{column} must be 0 or 1, not '{frame.at[i, column]}'",
    )
    return values.astype(bool)
