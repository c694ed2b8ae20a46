"""World Bank / KNOMAD bilateral matrices for 2017: remittances (US$ m) and migrant stocks.

Both files are square matrices with World Bank country names:
- remittances, sheet ``Bilateral_Remittances_2017``: rows are *sending* countries, columns
  *receiving* countries; header in the second row;
- migrant stocks, sheet ``Bilateral_Migration_2017``: rows are *origins*, columns
  *destinations*; header in the second row; "Other North/South" and "World" are aggregates.

Names map to ISO3 through the World Bank's own name list (the ``Country Name``/``Country Code``
columns of the shipped WDI files) plus the few older names below. An unmapped name fails,
naming the file, sheet and Excel row or column. Values are modelled estimates, not reported
flows. Zero cells are kept only where the file states zero; blank cells are left out.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from regint.core.errors import DataError
from regint.core.provenance import SourceTable
from regint.core.vocab import C5, SRC_KNOMAD
from regint.sources.contract import Contents
from regint.sources.records import lock_files, make_origin

FOLDER = "wb-knomad-bilateral-2017"
REMITTANCE_FILE = "WB_Bilateral_Remittance_Estimates_2017.xlsx"
REMITTANCE_SHEET = "Bilateral_Remittances_2017"
MIGRANT_FILE = "WB_Bilateral_Estimates_Migrant_Stocks_2017.xlsx"
MIGRANT_SHEET = "Bilateral_Migration_2017"
NAMES_FILE = "wb-wdi/indicators/sp.pop.totl.csv"  # World Bank names with their codes
# Names of the 2018 files that the World Bank has since changed (same economies).
OLD_NAMES = {
    "Czech Republic": "CZE",
    "Faeroe Islands": "FRO",
    "Korea, Dem. Rep.": "PRK",
    "Macedonia, FYR": "MKD",
    "Puerto Rico": "PRI",
    "Somalia": "SOM",
    "Swaziland": "SWZ",
    "Turkey": "TUR",
    "Vietnam": "VNM",
}
AGGREGATES = frozenset({"WORLD", "World", "Other North", "Other South"})
YEAR = 2017
REMITTANCE_COLUMNS = ("sender", "receiver", "year", "remittances_musd")
# What each matrix must hold (about 45,800 cells on 2026-12-06), with every C5 state in it.
REMITTANCE_CONTENTS = Contents(min_rows=40_000, reporters=C5, reporter_column="receiver")
MIGRANT_CONTENTS = Contents(min_rows=40_000, reporters=C5, reporter_column="origin")
MIGRANT_COLUMNS = ("destination", "origin", "year", "migrants_persons")


def read_knomad_remittances(raw_dir: Path) -> SourceTable:
    """Bilateral remittance estimates for 2017 (US$ m), long: sender, receiver, value."""
    frame = _read_matrix(Path(raw_dir), REMITTANCE_FILE, REMITTANCE_SHEET)
    out = frame.rename(columns={"row": "sender", "col": "receiver", "value": "remittances_musd"})
    return _table(Path(raw_dir), REMITTANCE_FILE, out[list(REMITTANCE_COLUMNS)])


def read_knomad_migrants(raw_dir: Path) -> SourceTable:
    """Bilateral migrant stock estimates for 2017 (persons), long: destination, origin."""
    frame = _read_matrix(Path(raw_dir), MIGRANT_FILE, MIGRANT_SHEET)
    out = frame.rename(columns={"row": "origin", "col": "destination", "value": "migrants_persons"})
    return _table(Path(raw_dir), MIGRANT_FILE, out[list(MIGRANT_COLUMNS)])


def _table(raw_dir: Path, file: str, frame: pd.DataFrame) -> SourceTable:
    paths = [raw_dir / FOLDER / file, raw_dir / NAMES_FILE]
    origin = make_origin(SRC_KNOMAD, lock_files(paths, root=raw_dir))
    notes = (
        "modelled estimates for 2017, not reported flows; World Bank terms for this file not "
        "checked (World Bank data are generally CC BY 4.0)",
    )
    return SourceTable(frame.reset_index(drop=True), origin, notes)


def read_wb_names(raw_dir: Path) -> dict[str, str]:
    """World Bank country name -> ISO3 (or WB aggregate code), from the shipped WDI file."""
    path = raw_dir / NAMES_FILE
    if not path.is_file():
        raise DataError(str(path), "file not found (the World Bank name list)")
    names = pd.read_csv(path, usecols=["Country Name", "Country Code"], dtype=str)
    mapping = dict(zip(names["Country Name"], names["Country Code"], strict=True))
    return {**mapping, **OLD_NAMES}


def _read_matrix(raw_dir: Path, file: str, sheet: str) -> pd.DataFrame:
    """The matrix as long rows (row code, column code, value), aggregates and notes dropped."""
    path = raw_dir / FOLDER / file
    where = f"{path} [{sheet}]"
    if not path.is_file():
        raise DataError(str(path), "file not found")
    try:
        grid = pd.read_excel(path, sheet_name=sheet, header=None, dtype=object, engine="openpyxl")
    except ValueError as err:  # a missing sheet or an unreadable workbook
        raise DataError(str(path), f"cannot read sheet '{sheet}': {err}") from None
    names = read_wb_names(raw_dir)
    if grid.shape[0] < 3 or grid.shape[1] < 3:
        raise DataError(where, "too small to be the bilateral matrix")
    cols = _column_codes(grid, names, where)
    rows = _row_codes(grid, names, where)
    records = []
    for r, row_code in rows:
        for c, col_code in cols:
            records.append((row_code, col_code, _cell(grid.iat[r, c], where, r, c)))
    frame = pd.DataFrame(records, columns=["row", "col", "value"])
    frame["year"] = YEAR
    return frame[frame["value"].notna()]


def _column_codes(grid: pd.DataFrame, names: dict[str, str], where: str) -> list[tuple[int, str]]:
    out, seen = [], set()
    for c in range(1, grid.shape[1]):
        name = grid.iat[1, c]
        if _is_blank(name) or str(name).strip() in AGGREGATES:
            continue
        code = _code(str(name).strip(), names, where, f"header column {_excel_col(c)}")
        if code in seen:
            raise DataError(where, f"column {_excel_col(c)}: '{name}' appears twice")
        seen.add(code)
        out.append((c, code))
    return out


def _row_codes(grid: pd.DataFrame, names: dict[str, str], where: str) -> list[tuple[int, str]]:
    out, seen = [], set()
    for r in range(2, grid.shape[0]):
        name = grid.iat[r, 0]
        if _is_blank(name):
            break  # the matrix ends at the first empty row; notes follow
        name = str(name).strip()
        if name in AGGREGATES:
            continue
        code = _code(name, names, where, f"row {r + 1}")
        if code in seen:
            raise DataError(where, f"'{name}' appears twice", row=r + 1)
        seen.add(code)
        out.append((r, code))
    return out


def _code(name: str, names: dict[str, str], where: str, at: str) -> str:
    try:
        return names[name]
    except KeyError:
        raise DataError(where, f"{at}: unknown country name '{name}'") from None


def _cell(value: object, where: str, r: int, c: int) -> float | None:
    if _is_blank(value):
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        raise DataError(
            where, f"cell {_excel_col(c)}{r + 1}: non-numeric value '{value}'", row=r + 1
        ) from None
    if number < 0:
        raise DataError(where, f"cell {_excel_col(c)}{r + 1}: negative value {number}", row=r + 1)
    return number


def _is_blank(value: object) -> bool:
    """Empty, or the file's '-' (no estimate: e.g. India <-> Pakistan), which is unknown, not 0."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return True
    return str(value).strip() in ("", "-")


def _excel_col(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
