"""Correlates of War IGO data v3: state memberships in intergovernmental organisations.

Reads ``cow-igo-v3/state_year_format3.parquet`` (one column per IGO, one row per state-year)
and returns a long frame for the states and IGOs asked for. COW's licence is unclear: regint
ships only a small derived table (see ``regint.knowledge.derived``), cited as
Pevehouse, Nordstrom, McManus & Jamison (2020).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from regint.core.errors import DataError
from regint.core.provenance import SourceTable
from regint.sources.records import lock_files, make_origin

SRC_COW_IGO = "cow_igo"
FOLDER = "cow-igo-v3"
STATE_YEAR = "state_year_format3.parquet"
STATES = "states2016.csv"

# COW state codes -> ISO3 for the states the knowledge base records (C5 and their partners).
COW_TO_ISO3: dict[int, str] = {
    701: "TKM",
    702: "TJK",
    703: "KGZ",
    704: "UZB",
    705: "KAZ",
    365: "RUS",
    370: "BLR",
    371: "ARM",
    372: "GEO",
    373: "AZE",
    369: "UKR",
    359: "MDA",
    710: "CHN",
    700: "AFG",
    630: "IRN",
    640: "TUR",
    750: "IND",
    770: "PAK",
}

# COW's membership codes (igoR documentation).
STATUS_LABELS: dict[int, str] = {
    0: "none",
    1: "full",
    2: "associate",
    3: "observer",
    -9: "missing",
    -1: "not_in_system",
}


def read_cow_igo(
    raw_dir: Path,
    ionames: Iterable[str],
    countries: Iterable[str] | None = None,
    first_year: int = 1991,
) -> SourceTable:
    """COW memberships (every code, including 0 'none') as country, year, ioname, cow_status.

    ``countries`` are ISO3 codes from :data:`COW_TO_ISO3` (default: all of them).
    """
    path = Path(raw_dir) / FOLDER / STATE_YEAR
    if not path.is_file():
        raise DataError(str(path), "file not found")
    wanted = list(dict.fromkeys(ionames))
    iso = dict(COW_TO_ISO3)
    if countries is not None:
        keep = set(countries)
        iso = {code: c for code, c in iso.items() if c in keep}
    try:
        frame = pd.read_parquet(path, columns=["ccode", "year", *wanted])
    except (OSError, ValueError, KeyError) as err:
        raise DataError(str(path), f"cannot read the COW state-year table: {err}") from None
    frame = frame[frame["ccode"].isin(list(iso)) & (frame["year"] >= first_year)]
    long = frame.melt(id_vars=["ccode", "year"], var_name="ioname", value_name="cow_status")
    long = long.dropna(subset=["cow_status"])
    unknown = set(long["cow_status"].astype(int)) - set(STATUS_LABELS)
    if unknown:
        raise DataError(str(path), f"unknown COW status code(s): {sorted(unknown)}")
    out = pd.DataFrame(
        {
            "country": long["ccode"].astype(int).map(iso).astype("string"),
            "cow_code": long["ccode"].astype(int),
            "year": long["year"].astype(int),
            "ioname": long["ioname"].astype("string"),
            "cow_status": long["cow_status"].astype(int),
        }
    )
    out["cow_status_label"] = out["cow_status"].map(STATUS_LABELS).astype("string")
    out = out.sort_values(["ioname", "country", "year"]).reset_index(drop=True)
    origin = make_origin(SRC_COW_IGO, lock_files([path], root=Path(raw_dir)))
    return SourceTable(out, origin, (f"COW IGO v3, years {first_year}-{int(out['year'].max())}",))


def read_cow_states(raw_dir: Path) -> pd.DataFrame:
    """COW's state list (ccode, stateabb, statenme) to check :data:`COW_TO_ISO3` against."""
    path = Path(raw_dir) / FOLDER / STATES
    if not path.is_file():
        raise DataError(str(path), "file not found")
    frame = pd.read_csv(path)
    missing = {"ccode", "statenme"} - set(frame.columns)
    if missing:
        raise DataError(str(path), f"missing column(s): {', '.join(sorted(missing))}")
    return frame.drop_duplicates("ccode")
