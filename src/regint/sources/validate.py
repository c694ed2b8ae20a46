"""Strict CSV reading shared by the readers of this package: a bad cell fails naming its row.

Row numbers are 1-based data rows (the header is not counted): a frame must keep the index
:func:`read_csv_checked` gave it, so an index label ``i`` is data row ``i + 1`` of the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from regint.core.errors import DataError


def read_csv_checked(path: Path, columns: Iterable[str]) -> pd.DataFrame:
    """A CSV read as text (no NA guessing) that must exist and hold ``columns``."""
    if not path.is_file():
        raise DataError(str(path), "file not found")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as err:
        raise DataError(str(path), f"malformed CSV: {str(err).strip()}") from None
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataError(str(path), f"missing column(s): {', '.join(missing)}")
    if frame.empty:  # a file emptied to its header must not pass as "no data this time"
        raise DataError(str(path), "no data rows (only a header)")
    return frame.reset_index(drop=True)


def reject_rows(mask: pd.Series, path: Path, describe: Callable[[int], str]) -> None:
    """Raise a DataError at the first row where ``mask`` is True; ``describe(i)`` says why.

    ``i`` is that row's index label, so ``describe`` can read the offending cells with it.
    """
    if mask.any():
        i = int(mask.index[mask.to_numpy(dtype=bool)][0])
        raise DataError(str(path), describe(i), row=i + 1)


def parse_numbers(
    frame: pd.DataFrame,
    column: str,
    path: Path,
    *,
    allow_negative: bool = False,
    allow_blank: bool = False,
) -> pd.Series:
    """``frame[column]`` as floats; the first bad cell raises a DataError naming its row."""
    text = frame[column].astype(str).str.strip()
    values = pd.to_numeric(text, errors="coerce").astype(float)
    blank = text == ""
    reject_rows(
        values.isna() & ~(blank & allow_blank),
        path,
        lambda i: f"non-numeric {column} '{text.loc[i]}'",
    )
    if not allow_negative:
        reject_rows(values < 0, path, lambda i: f"negative {column} {values.loc[i]}")
    return values


def parse_years(frame: pd.DataFrame, column: str, path: Path) -> pd.Series:
    """``frame[column]`` as integer years (1900-2100)."""
    text = frame[column].astype(str).str.strip()
    reject_rows(~text.str.fullmatch(r"(19|20)\d\d"), path, lambda i: f"bad year '{text.loc[i]}'")
    return text.astype(int)


def check_codes(codes: pd.Series, known: frozenset[str], path: Path, what: str) -> None:
    """Every non-null code must be in the country reference; the first unknown one raises."""
    unknown = codes.notna() & ~codes.isin(known)
    reject_rows(unknown, path, lambda i: f"unknown {what} code '{codes.loc[i]}'")
