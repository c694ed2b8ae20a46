"""Small derived tables committed with the knowledge base, and their readers.

- ``countries.csv``: the ISO3 codes the knowledge base accepts (from Datahub country-codes), so the
  KB validates codes without the raw data.
- ``derived/cow_igo_c5.csv``: COW IGO v3 memberships, 1991-2014, of the C5 and a few partners in
  the IGOs the KB covers.
- ``derived/desta_c5.csv``: DESTA agreements with a C5 party, one row per agreement and C5 party.

COW and DESTA have no explicit open licence, so only these derived tables are shipped, with their
citations (``derived/CITATION.md``). Rebuild all three with ``build_derived_tables(raw_dir)``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from regint.core.errors import DataError
from regint.core.vocab import C5
from regint.knowledge.crosscheck import COW_TO_KB
from regint.knowledge.load import COUNTRIES_FILE, default_kb_dir
from regint.sources.countries import read_country_codes
from regint.sources.cow_igo import read_cow_igo
from regint.sources.desta import read_desta

COW_FILE = "derived/cow_igo_c5.csv"
DESTA_FILE = "derived/desta_c5.csv"
COW_COLUMNS = ("ioname", "country", "cow_code", "year", "cow_status", "cow_status_label")
DESTA_COLUMNS = (
    "number",
    "base_treaty",
    "name",
    "entry_type",
    "year_signed",
    "entry_force_year",
    "typememb",
    "country",
    "role",
    "n_parties",
)


def build_country_list(raw_dir: Path, out_dir: Path | None = None) -> Path:
    """Write ``countries.csv`` (iso3, iso_numeric, name): ISO 3166 codes only."""
    ref = read_country_codes(Path(raw_dir)).frame
    ref = ref[ref["code_status"] == "iso"][["iso3", "iso_numeric", "name"]].sort_values("iso3")
    path = (out_dir or default_kb_dir()) / COUNTRIES_FILE
    ref.to_csv(path, index=False)
    return path


def build_derived_tables(raw_dir: Path, out_dir: Path | None = None) -> dict[str, Path]:
    """Write the country list and the COW and DESTA derived tables; returns their paths."""
    out = out_dir or default_kb_dir()
    (out / "derived").mkdir(parents=True, exist_ok=True)
    countries = build_country_list(raw_dir, out)
    cow = read_cow_igo(Path(raw_dir), sorted(COW_TO_KB)).frame
    cow_path = out / COW_FILE
    cow[list(COW_COLUMNS)].to_csv(cow_path, index=False)
    numeric = _numeric_to_iso3(out / COUNTRIES_FILE, C5)
    desta = read_desta(Path(raw_dir), numeric).frame
    desta_path = out / DESTA_FILE
    desta[list(DESTA_COLUMNS)].to_csv(desta_path, index=False)
    return {"countries": countries, "cow": cow_path, "desta": desta_path}


def _numeric_to_iso3(countries_csv: Path, keep: tuple[str, ...]) -> dict[int, str]:
    frame = pd.read_csv(countries_csv, dtype=str, keep_default_na=False)
    frame = frame[frame["iso3"].isin(keep)]
    return {int(n): iso3 for n, iso3 in zip(frame["iso_numeric"], frame["iso3"], strict=True)}


def _read(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    if not path.is_file():
        raise DataError(
            str(path), "derived table not found; rebuild with build_derived_tables(raw_dir)"
        )
    frame = pd.read_csv(path)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataError(str(path), f"missing column(s): {', '.join(missing)}")
    return frame


def read_derived_cow(path: Path | None = None) -> pd.DataFrame:
    """The committed COW IGO derived table."""
    return _read(path or default_kb_dir() / COW_FILE, COW_COLUMNS)


def read_derived_desta(path: Path | None = None) -> pd.DataFrame:
    """The committed DESTA derived table."""
    frame = _read(path or default_kb_dir() / DESTA_FILE, DESTA_COLUMNS)
    return frame.astype({"entry_force_year": "Int64", "year_signed": "Int64"})
