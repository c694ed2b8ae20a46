"""The committed map of IMF country names to ISO3 codes (``data/reference/imf_country_names.csv``).

Shared by the DOTS loader and the IMTS updater; an IMF name missing from it fails the build.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from regint.core.errors import DataError
from regint.sources.paths import project_data_dir

KIND_COUNTRY = "country"
KINDS: tuple[str, ...] = (KIND_COUNTRY, "historical_or_special", "aggregate_or_unspecified")
COUNTRY_NAMES = Path("reference") / "imf_country_names.csv"


def read_country_names(path: str | Path | None = None) -> pd.DataFrame:
    """The IMF country-name map: imf_name, iso3, kind (data/reference/imf_country_names.csv).

    ``kind`` is one of ``country``, ``historical_or_special``, ``aggregate_or_unspecified``;
    aggregates have no iso3.
    """
    csv = Path(path) if path is not None else project_data_dir() / COUNTRY_NAMES
    try:
        frame = pd.read_csv(csv, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise DataError(str(csv), "country-name map not found") from None
    except (pd.errors.ParserError, UnicodeDecodeError) as err:
        raise DataError(str(csv), f"malformed CSV: {err}") from None
    missing = {"imf_name", "iso3", "kind"} - set(frame.columns)
    if missing:
        raise DataError(str(csv), f"missing columns {sorted(missing)}")
    _check_names(frame, csv)
    frame = frame.loc[:, ["imf_name", "iso3", "kind"]].astype("string")
    frame["iso3"] = frame["iso3"].mask(frame["iso3"] == "")
    return frame


def _check_names(frame: pd.DataFrame, csv: Path) -> None:
    for i, rec in enumerate(frame.itertuples(index=False), start=2):  # row 1 is the header
        if rec.kind not in KINDS:
            raise DataError(str(csv), f"kind '{rec.kind}' is not one of {list(KINDS)}", row=i)
        if (rec.kind == "aggregate_or_unspecified") == bool(rec.iso3):
            raise DataError(str(csv), "iso3 must be empty for aggregates and set otherwise", row=i)
    dupes = frame["imf_name"][frame["imf_name"].duplicated()].tolist()
    if dupes:
        raise DataError(str(csv), f"imf_name listed twice: {dupes}")
    countries = frame.loc[frame["kind"] == KIND_COUNTRY, "iso3"]
    if countries.duplicated().any():
        raise DataError(
            str(csv), f"iso3 used by two countries: {countries[countries.duplicated()].tolist()}"
        )
