"""DESTA (Design of Trade Agreements), list of treaties v02_02: agreements with given parties.

Reads ``desta/desta_list_of_treaties_02_02.csv`` (one row per treaty or accession; member
columns ``c1..c91`` hold ISO numeric codes, ``mc1..mc91`` their role in an accession) and returns
one row per agreement and party of interest. DESTA's licence is unclear: regint ships only a
small derived table, cited as Dür, Baccini & Elsig (2014).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from regint.core.errors import DataError
from regint.core.provenance import SourceTable
from regint.sources.records import lock_files, make_origin

SRC_DESTA = "desta"
FOLDER = "desta"
TREATIES = "desta_list_of_treaties_02_02.csv"
_BASE = ("number", "base_treaty", "name", "entry_type", "year", "entryforceyear", "typememb")
# mc codes in accession rows: 1 the acceding state, 2 a state already party; 0 in base treaties.
_ROLES = {0: "party", 1: "acceding", 2: "existing_member", 3: "other"}
MAX_MEMBERS = 91
OUTPUT_DTYPES = {
    "number": "string",
    "base_treaty": "int64",
    "name": "string",
    "entry_type": "string",
    "year_signed": "Int64",
    "entry_force_year": "Int64",
    "typememb": "Int64",
    "country": "string",
    "role": "string",
    "n_parties": "int64",
}


def read_desta(raw_dir: Path, numeric_to_iso3: Mapping[int, str]) -> SourceTable:
    """One row per (agreement, party) for the parties in ``numeric_to_iso3`` (ISO numeric -> ISO3).

    Columns: number, base_treaty, name, entry_type, year_signed, entry_force_year, typememb,
    country, role (party | acceding | existing_member), n_parties. ``entry_force_year`` is
    missing for many CIS-era agreements; DESTA's ``year`` is the year of signature.
    """
    path = Path(raw_dir) / FOLDER / TREATIES
    if not path.is_file():
        raise DataError(str(path), "file not found")
    try:
        frame = pd.read_csv(path, encoding="utf-8-sig", low_memory=False)
    except (pd.errors.ParserError, UnicodeDecodeError) as err:
        raise DataError(str(path), f"malformed CSV: {err}") from None
    member_cols = [f"c{i}" for i in range(1, MAX_MEMBERS + 1)]
    missing = [c for c in (*_BASE, *member_cols) if c not in frame.columns]
    if missing:
        raise DataError(str(path), f"missing column(s): {', '.join(missing[:5])}")
    rows = []
    for record in frame.to_dict(orient="records"):
        rows.extend(_parties(record, numeric_to_iso3))
    out = pd.DataFrame(rows, columns=list(OUTPUT_DTYPES)).astype(OUTPUT_DTYPES)
    out = out.sort_values(["year_signed", "number", "country"]).reset_index(drop=True)
    origin = make_origin(SRC_DESTA, lock_files([path], root=Path(raw_dir)))
    return SourceTable(out, origin, ("DESTA list of treaties, version 02_02",))


def _parties(record: dict[str, Any], numeric_to_iso3: Mapping[int, str]) -> list[dict[str, Any]]:
    members = []
    for i in range(1, MAX_MEMBERS + 1):
        code = record.get(f"c{i}")
        if code is not None and pd.notna(code):
            role = record.get(f"mc{i}")
            members.append(
                (
                    int(code),
                    _ROLES.get(int(role), "party")
                    if role is not None and pd.notna(role)
                    else "party",
                )
            )
    force = record["entryforceyear"]
    return [
        {
            "number": str(record["number"]),
            "base_treaty": int(record["base_treaty"]),
            "name": record["name"],
            "entry_type": record["entry_type"],
            "year_signed": int(record["year"]) if pd.notna(record["year"]) else None,
            "entry_force_year": int(force) if pd.notna(force) else None,
            "typememb": int(record["typememb"]) if pd.notna(record["typememb"]) else None,
            "country": numeric_to_iso3[code],
            "role": role,
            "n_parties": len(members),
        }
        for code, role in members
        if code in numeric_to_iso3
    ]
