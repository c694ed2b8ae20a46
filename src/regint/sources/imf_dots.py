"""IMF Direction of Trade Statistics (DOTS): the IMF's per-country Excel exports.

Each ``DOTS_N.xlsx`` holds one reporter with two sheets, ``Exports, FOB`` and
``Imports, CIF``: a title, the reporter name and the unit above a row of year labels,
then one row per partner (partner name, then US$ millions per year). An empty cell is
unknown, never zero.

>>> table = read_dots(raw_data_dir())  # doctest: +SKIP
>>> table.frame.columns.tolist()  # doctest: +SKIP
['reporter', 'partner', 'flow', 'year', 'value_musd', 'is_estimate']

The exports write IMF estimates as text with an ``e`` suffix (``'1,380.50 e'``, about 7%
of the cells, mostly for countries that do not report): they are read as numbers and
flagged ``is_estimate``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import python_calamine

from regint.core.errors import DataError
from regint.core.provenance import SourceTable
from regint.core.vocab import SRC_DOTS
from regint.sources.contract import Contents, year_span
from regint.sources.imf_names import KIND_COUNTRY, read_country_names
from regint.sources.records import lock_files, make_origin

SHEETS: dict[str, str] = {"Exports, FOB": "exports_fob", "Imports, CIF": "imports_cif"}
UNIT = "US Dollars, Millions"
# What the shipped DOTS exports must contain (checked when the snapshot is built).
CONTENTS = Contents(min_rows=1_500_000, years=year_span(1992, 2020), year_column="year")
WORKBOOK_COLUMNS: tuple[str, ...] = (
    "reporter_name",
    "partner_name",
    "flow",
    "year",
    "value_musd",
    "is_estimate",
)
DOTS_COLUMNS: tuple[str, ...] = ("reporter", "partner", "flow", "year", "value_musd", "is_estimate")
_KEYS = ["reporter", "partner", "flow", "year"]
_YEAR = re.compile(r"^\d{4}$")
# IMF estimates are written as text: "1,380.50 e".
_NUMBER_TEXT = re.compile(r"^\s*(?P<number>-?[0-9][0-9,]*(?:\.[0-9]+)?)\s*(?P<flag>e)?\s*$")


# --- one workbook -------------------------------------------------------------------------


def read_dots_workbook(path: str | Path) -> pd.DataFrame:
    """One IMF DOTS Excel export in long form: reporter_name, partner_name, flow, year, value_musd.

    Raises DataError for a file that is not an xlsx, lacks a sheet or the year labels,
    or holds a non-numeric or negative value.
    """
    frame = _read_book(Path(path))
    assert frame is not None  # no reporter filter: every book is read
    frame = frame.loc[:, list(WORKBOOK_COLUMNS)]
    for column in ("reporter_name", "partner_name", "flow"):
        frame[column] = frame[column].astype(object).astype("string")
    return frame


def _read_book(path: Path, keep: Callable[[str, int], bool] | None = None) -> pd.DataFrame | None:
    """Both sheets of a workbook, with the Excel ``row`` of every value.

    ``keep(reporter_name, row)`` may reject the reporter before its values are checked:
    aggregate reporters (World) carry IMF residuals that can be negative.
    """
    book = _open_book(path)
    frames: list[pd.DataFrame] = []
    reporters: list[str] = []
    for sheet, flow in SHEETS.items():
        rows, origin = _sheet_rows(book, path, sheet)
        header = _year_header_index(rows, path, sheet)
        reporter, reporter_row = _reporter_name(rows[:header], path, sheet, origin)
        if reporters and reporter != reporters[0]:
            raise DataError(
                str(path),
                f"the sheets name different reporters: '{reporters[0]}' and '{reporter}'",
                row=reporter_row,
            )
        if keep is not None and not keep(reporter, reporter_row):
            return None
        frame = _sheet_values(rows, header, origin, path, sheet)
        frame["reporter_name"] = _constant(reporter, len(frame))
        frame["flow"] = _constant(flow, len(frame))
        frames.append(frame)
        reporters.append(reporter)
    return pd.concat(frames, ignore_index=True)


def _constant(text: str, n: int) -> pd.Categorical:
    """A column holding one string: categorical, as millions of str cells cost seconds."""
    return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories=[text])


def _open_book(path: Path) -> python_calamine.CalamineWorkbook:
    if not path.is_file():
        raise DataError(str(path), "file not found")
    try:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.CalamineError as err:
        raise DataError(
            str(path), f"not a readable xlsx workbook (corrupt or truncated?): {err}"
        ) from None


def _sheet_rows(
    book: python_calamine.CalamineWorkbook, path: Path, sheet: str
) -> tuple[list[list[Any]], tuple[int, int]]:
    """The sheet's cells and the 0-based (row, column) where they start.

    calamine drops leading empty rows and columns, so Excel positions are the origin
    plus the index.
    """
    if sheet not in book.sheet_names:
        raise DataError(str(path), f"missing sheet '{sheet}' (found {book.sheet_names})")
    try:
        data = book.get_sheet_by_name(sheet)
        rows = data.to_python()
    except python_calamine.CalamineError as err:
        raise DataError(str(path), f"sheet '{sheet}' is unreadable: {err}") from None
    start = data.start or (0, 0)
    width = max((len(r) for r in rows), default=0)
    return [list(r) + [""] * (width - len(r)) for r in rows], (start[0], start[1])


def _year_of(cell: Any) -> int | None:
    """A year label: the text '1992' (as the IMF writes it) or the number 1992."""
    if isinstance(cell, str) and _YEAR.match(cell.strip()):
        year = int(cell)
    elif isinstance(cell, int | float) and not isinstance(cell, bool) and float(cell).is_integer():
        year = int(cell)
    else:
        return None
    return year if 1900 <= year <= 2100 else None


def _is_blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _year_header_index(rows: list[list[Any]], path: Path, sheet: str) -> int:
    """The row of year labels: empty first cell, every other filled cell a year."""
    for i, row in enumerate(rows):
        filled = [c for c in row[1:] if not _is_blank(c)]
        if _is_blank(row[0]) and filled and all(_year_of(c) is not None for c in filled):
            return i
    raise DataError(str(path), f"sheet '{sheet}': no row of year labels found")


def _reporter_name(
    top: list[list[Any]], path: Path, sheet: str, origin: tuple[int, int]
) -> tuple[str, int]:
    """The reporter: the label just above the unit line (title, reporter, unit)."""
    labels = [(i, str(r[0]).strip()) for i, r in enumerate(top) if not _is_blank(r[0])]
    units = [k for k, (_, text) in enumerate(labels) if text.lower().startswith("us dollars")]
    if not units:
        raise DataError(str(path), f"sheet '{sheet}': no unit line ('{UNIT}') above the years")
    k = units[0]
    if labels[k][1] != UNIT:
        raise DataError(
            str(path),
            f"sheet '{sheet}': unit is '{labels[k][1]}', expected '{UNIT}'",
            row=origin[0] + labels[k][0] + 1,
        )
    if k == 0:
        raise DataError(str(path), f"sheet '{sheet}': no reporter name above the unit line")
    index, name = labels[k - 1]
    return name, origin[0] + index + 1


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _sheet_values(
    rows: list[list[Any]], header: int, origin: tuple[int, int], path: Path, sheet: str
) -> pd.DataFrame:
    """Partner rows below the year labels as long (partner_name, year, value_musd, is_estimate, row)."""
    years = {j: _year_of(c) for j, c in enumerate(rows[header]) if j > 0 and not _is_blank(c)}
    if len(set(years.values())) != len(years):
        raise DataError(
            str(path), f"sheet '{sheet}': a year label appears twice", row=origin[0] + header + 1
        )
    grid = np.empty((len(rows) - header - 1, len(rows[header])), dtype=object)
    if len(grid):
        grid[:] = rows[header + 1 :]
    _check_unlabelled(grid, years, origin, header, path, sheet)
    cols = sorted(years)
    cells = grid[:, cols].ravel(order="C")
    values, estimate, blank = _parse_cells(cells)
    where = (~blank).nonzero()[0]
    values, estimate = values[where], estimate[where]
    _check_values(cells, values, where, cols, years, origin, header, path, sheet)
    n_cols = len(cols)
    row_of = where // n_cols
    names = np.array([str(c).strip() for c in grid[:, 0]], dtype=object)
    unnamed = names[row_of] == ""
    if unnamed.any():
        row = origin[0] + header + 2 + int(row_of[unnamed.nonzero()[0][0]])
        raise DataError(str(path), f"sheet '{sheet}': values without a partner name", row=row)
    return pd.DataFrame(
        {
            "partner_name": pd.Categorical(names[row_of]),
            "year": np.array([years[c] for c in cols], dtype=np.int16)[where % n_cols],
            "value_musd": values,
            "is_estimate": estimate,
            "row": origin[0] + header + 2 + row_of,
        }
    )


def _parse_cells(cells: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Values, estimate flags and blanks of a flat array of cells.

    Numbers are taken as they are. The exports write IMF estimates as formatted text with
    an ``e`` suffix (``'1,380.50 e'``). Any other text comes back as NaN for the caller to
    report. Vectorised: the 235 files hold about six million cells.
    """
    values = pd.to_numeric(pd.Series(cells, dtype=object), errors="coerce").to_numpy(
        dtype=float, copy=True
    )
    blank = np.asarray(cells == "", dtype=bool)
    estimate = np.zeros(len(cells), dtype=bool)
    text = np.isnan(values) & ~blank
    if text.any():
        odd = cells[text]
        blank[text] = [_is_blank(c) for c in odd]
        found = [_NUMBER_TEXT.match(str(c)) for c in odd]
        values[text] = [float(m["number"].replace(",", "")) if m else np.nan for m in found]
        estimate[text] = [bool(m and m["flag"]) for m in found]
    return values, estimate, blank


def _check_unlabelled(
    grid: np.ndarray,
    years: dict[int, int | None],
    origin: tuple[int, int],
    header: int,
    path: Path,
    sheet: str,
) -> None:
    """A value under a column with no year label cannot be placed: fail rather than guess."""
    for j in (j for j in range(1, grid.shape[1]) if j not in years):
        filled = [i for i, cell in enumerate(grid[:, j]) if not _is_blank(cell)]
        if filled:
            where = f"value in column {_column_letter(origin[1] + j)}, which has no year label"
            raise DataError(
                str(path), f"sheet '{sheet}': {where}", row=origin[0] + header + 2 + filled[0]
            )


def _check_values(
    cells: np.ndarray,
    values: np.ndarray,
    where: np.ndarray,
    cols: list[int],
    years: dict[int, int | None],
    origin: tuple[int, int],
    header: int,
    path: Path,
    sheet: str,
) -> None:
    """Every filled cell is a finite number >= 0 (0 is fine); the first bad one is named."""
    bad = ~np.isfinite(values) | (values < 0)
    if not bad.any():
        return
    first = int(bad.nonzero()[0][0])
    i, k = divmod(int(where[first]), len(cols))
    column = f"the {years[cols[k]]} column ({_column_letter(origin[1] + cols[k])})"
    if math.isfinite(values[first]):
        message = f"negative value {values[first]} in {column}"
    else:
        message = f"non-numeric value {cells[where[first]]!r} in {column}"
    raise DataError(str(path), f"sheet '{sheet}': {message}", row=origin[0] + header + 2 + i)


# --- all workbooks ------------------------------------------------------------------------


def _file_number(path: Path) -> tuple[int, str]:
    digits = re.findall(r"\d+", path.stem)
    return (int(digits[-1]) if digits else -1, path.name)


def read_dots(raw_dir: str | Path, *, world: bool = False) -> SourceTable:
    """Every ``imf-dots/raw/DOTS_*.xlsx`` under ``raw_dir``: reporter, partner (ISO3), flow, year...

    Only countries are kept, as reporters and partners: aggregates and historical or
    special entities (USSR, Yugoslavia, Belgium-Luxembourg...) are dropped. Exact
    duplicate rows are dropped; a conflicting duplicate raises DataError naming the files.
    With ``world=True`` each reporter's "World" row is kept too, as partner ``WLD``: the
    reporter's own total, including trade it does not allocate to a partner country.
    """
    root = Path(raw_dir)
    files = sorted((root / "imf-dots" / "raw").glob("DOTS_*.xlsx"), key=_file_number)
    if not files:
        raise DataError(str(root / "imf-dots" / "raw"), "no DOTS_*.xlsx files found")
    lookup = _name_lookup(read_country_names())
    frames, skipped = [], []
    for number, path in enumerate(files):
        frame = _read_book(path, keep=_country_reporter(lookup, path))
        if frame is None:
            skipped.append(path.name)
            continue
        parts = _to_iso3(frame, lookup, path, world=world)
        parts["file"] = np.full(len(parts["row"]), number, dtype=np.int16)
        frames.append(parts)
    if not frames:
        raise DataError(str(root / "imf-dots" / "raw"), "no workbook has a country reporter")
    joined = pd.DataFrame({k: np.concatenate([f[k] for f in frames]) for k in frames[0]})
    frame, dropped = _drop_duplicates(joined, files)
    notes = (
        f"read {len(files)} workbooks; {len(skipped)} non-country reporters skipped: {', '.join(skipped)}",
        f"{dropped} exact duplicate rows dropped",
    )
    origin = make_origin(SRC_DOTS, lock_files(files, root=root))
    return SourceTable(frame=frame, origin=origin, notes=notes)


WORLD = "World"  # the IMF's name of a reporter's total row


def _name_lookup(names: pd.DataFrame) -> dict[str, tuple[str | None, str]]:
    """imf_name -> (iso3 or None, kind)."""
    return {
        str(rec.imf_name): (None if pd.isna(rec.iso3) else str(rec.iso3), str(rec.kind))
        for rec in names.itertuples(index=False)
    }


def _unmapped(path: Path, name: str, row: int) -> DataError:
    return DataError(
        str(path),
        f"unmapped country name '{name}'; add it to data/reference/imf_country_names.csv",
        row=row,
    )


def _country_reporter(
    lookup: dict[str, tuple[str | None, str]], path: Path
) -> Callable[[str, int], bool]:
    def keep(name: str, row: int) -> bool:
        if name not in lookup:
            raise _unmapped(path, name, row)
        return lookup[name][1] == KIND_COUNTRY

    return keep


def _to_iso3(
    frame: pd.DataFrame, lookup: dict[str, tuple[str | None, str]], path: Path, world: bool = False
) -> dict[str, np.ndarray]:
    """Map names to ISO3 and keep country partners; an unknown name fails loudly."""
    names = pd.Categorical(frame["partner_name"])
    labels = [str(name) for name in names.categories]
    for code, name in enumerate(labels):
        if name not in lookup:
            first = int(np.argmax(names.codes == code))
            raise _unmapped(path, name, int(frame["row"].iloc[first]))
    iso3 = np.array(
        [
            lookup[n][0]
            if lookup[n][1] == KIND_COUNTRY
            else ("WLD" if world and n == WORLD else "")
            for n in labels
        ]
        + [""]
    )
    partner = iso3[names.codes].astype(object)  # code -1 never occurs: blank names fail earlier
    keep = partner != ""
    reporter = lookup[str(frame["reporter_name"].iloc[0])][0] if len(frame) else ""
    return {
        "reporter": np.full(int(keep.sum()), reporter, dtype=object),
        "partner": partner[keep],
        "flow": np.asarray(frame["flow"], dtype=object)[keep],
        "year": frame["year"].to_numpy(dtype=np.int16)[keep],
        "value_musd": frame["value_musd"].to_numpy(dtype=float)[keep],
        "is_estimate": frame["is_estimate"].to_numpy(dtype=bool)[keep],
        "row": frame["row"].to_numpy()[keep],
    }


def _drop_duplicates(frame: pd.DataFrame, files: list[Path]) -> tuple[pd.DataFrame, int]:
    """Drop exact duplicates (the repeated Australia row, Nicaragua twice); fail on conflicts."""
    for column in ("reporter", "partner", "flow"):
        frame[column] = pd.Categorical(frame[column].to_numpy(dtype=object))  # fast, sorted codes
    repeated = frame[frame.duplicated(_KEYS, keep=False)]
    spread = repeated.groupby(_KEYS, observed=True)["value_musd"].nunique()
    if (spread > 1).any():
        key = spread[spread > 1].index[0]
        rows = repeated.set_index(_KEYS).loc[[key]]
        names = [files[int(f)].name for f in rows["file"]]
        places = sorted({f"{n} row {r}" for n, r in zip(names, rows["row"], strict=True)})
        raise DataError(
            ", ".join(sorted(set(names))),
            f"conflicting values for reporter={key[0]} partner={key[1]} flow={key[2]} "
            f"year={key[3]}: {sorted(set(rows['value_musd']))} at {'; '.join(places)}",
        )
    unique = frame.drop_duplicates(_KEYS).sort_values(_KEYS, ignore_index=True)
    out = unique.loc[:, list(DOTS_COLUMNS)]
    for column in ("reporter", "partner", "flow"):
        out[column] = out[column].astype(object).astype("string")
    return out, len(frame) - len(unique)
