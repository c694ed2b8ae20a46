"""UN DESA International Migrant Stock 2020: bilateral (destination x origin), 1990-2020.

The shipped file is a copy of the destination-by-origin table (one row per pair, one column
per year, persons). The reader returns it long: ``destination``, ``origin`` (ISO3), ``year``,
``migrants_persons``. A blank cell is unknown and left out, never stored as zero; a zero the
file states is kept. Two ISO2 codes in the file (``PS``, ``TZ``) are mapped to ISO3.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from regint.core.provenance import SourceTable
from regint.core.vocab import C5, SRC_UN_MIGRANTS
from regint.sources.contract import Contents
from regint.sources.countries import known_codes
from regint.sources.records import lock_files, make_origin
from regint.sources.validate import check_codes, parse_numbers, read_csv_checked, reject_rows

FOLDER = "un-desa-migrant-stock"
FILE = "migrant_stock_bilateral_1990_2020.csv"
YEARS = ("1990", "1995", "2000", "2005", "2010", "2015", "2020")
# The file uses ISO2 for two economies by mistake (SOURCE.md): map them, nothing else.
ISO2_FIXES = {"PS": "PSE", "TZ": "TZA"}
# A known defect of the shipped copy: 21 origins of Malta appear twice with different numbers
# (pandas index 11,4xx and 24,0xx). Which row is Malta's cannot be told, so both rows of these
# pairs are left out, with a note. Any other duplicate pair is an error.
AMBIGUOUS_DESTINATIONS = frozenset({"MLT"})
OUTPUT_COLUMNS = ("destination", "origin", "year", "migrants_persons")
# What the file must hold (80,367 usable rows on 2026-12-06): every year, the C5 as origins.
CONTENTS = Contents(
    min_rows=70_000,
    years=tuple(int(y) for y in YEARS),
    reporters=C5,
    reporter_column="origin",
)


def read_migrant_stock(raw_dir: Path) -> SourceTable:
    """Bilateral migrant stocks by destination, origin and year, in persons.

    Raises DataError naming the file and row for a missing column, an unknown country code,
    a pair listed twice, a non-numeric or a negative stock.

    >>> stock = read_migrant_stock(raw_data_dir()).frame  # doctest: +SKIP
    """
    raw_dir = Path(raw_dir)
    path = raw_dir / FOLDER / FILE
    raw = read_csv_checked(path, ("dest", "orig", *YEARS))
    known = known_codes(raw_dir)
    codes = {}
    for col, what in (("dest", "destination"), ("orig", "origin")):
        code = raw[col].str.strip().replace(ISO2_FIXES)
        check_codes(code, known, path, what)
        codes[col] = code
    reject_rows(
        pd.Series(codes["dest"] == codes["orig"], index=raw.index),
        path,
        lambda i: f"destination equals origin '{codes['dest'].loc[i]}'",
    )
    pairs = pd.DataFrame(codes)
    twice = pairs.duplicated(keep=False)
    dropped = twice & pairs["dest"].isin(AMBIGUOUS_DESTINATIONS)
    reject_rows(
        twice & ~dropped,
        path,
        lambda i: f"duplicate pair {codes['dest'].loc[i]} <- {codes['orig'].loc[i]}",
    )
    frames = []
    for year in YEARS:
        # Negative persons are impossible: parse_numbers rejects them with the row.
        values = parse_numbers(raw, year, path, allow_blank=True)
        frames.append(
            pd.DataFrame(
                {
                    "destination": codes["dest"],
                    "origin": codes["orig"],
                    "year": int(year),
                    "migrants_persons": values,
                }
            )
        )
    keep = pd.concat([~dropped] * len(YEARS), ignore_index=True)
    frame = pd.concat(frames, ignore_index=True)[keep]
    frame = frame[frame["migrants_persons"].notna()].reset_index(drop=True)
    origin = make_origin(SRC_UN_MIGRANTS, lock_files([path], root=raw_dir))
    notes = [
        "UN DESA licence (CC BY 3.0 IGO) not verified for this edition; the file's identity "
        "with UN DESA International Migrant Stock 2020 is inferred, not checked row by row",
    ]
    if dropped.any():
        left = pairs[dropped].drop_duplicates()
        notes.append(
            f"{len(left)} pairs listed twice with different numbers were left out (destination "
            f"{', '.join(sorted(set(left['dest'])))}; origins {', '.join(sorted(left['orig']))})"
        )
    return SourceTable(frame[list(OUTPUT_COLUMNS)], origin, tuple(notes))
