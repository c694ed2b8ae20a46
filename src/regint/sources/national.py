"""National trade statistics by partner: Kazakhstan (BNS), Uzbekistan (SIAT), Kyrgyzstan (NSC).

They carry the C5 flows past 2020, where the IMF DOTS world panel ends. The loader input is the
tidy long CSV in each raw folder (``*_trade_by_partner_long.csv``, documented in its SOURCE.md and
derived there from the publishers' unmodified files in ``raw/``). Every row is validated.

Rows that no partner country can claim are kept, never dropped and never mapped to a country:
``partner_kind`` is 'total', 'unallocated' (UZB "Other countries", KGZ "Undefined country": often
gold) or 'special' (KGZ import rows "European Union (EU)", "UN", "Channel Islands"), with a null
partner. Group aggregates and continent subtotals (unusable for KGZ after 2018) are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from regint.core.provenance import SourceTable
from regint.core.vocab import SRC_KAZ, SRC_KGZ, SRC_UZB
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

PARTNER_KINDS = ("country", "total", "unallocated", "special")
FLOWS = ("exports", "imports")
OUTPUT_COLUMNS = (
    "reporter",
    "partner",
    "partner_kind",
    "partner_name",
    "flow",
    "year",
    "value_musd",
    "source_id",
    "source_file",
)
REQUIRED = (
    "reporter_iso3",
    "partner_iso3",
    "partner_name_source",
    "partner_kind",
    "flow",
    "year",
    "value_kusd",
    "source_file",
)


@dataclass(frozen=True)
class NationalSource:
    """Where one national source lives and what its long file may contain."""

    source_id: str
    reporter: str
    folder: str
    file: str
    kinds: tuple[str, ...]  # partner_kind values the file may hold (aggregates are dropped)
    has_vintages: bool = False  # several vintages, the newest flagged ``preferred``
    notes: tuple[str, ...] = ()
    contents: Contents = Contents()  # what the real file must hold (checked by the snapshot)


KAZ_BNS = NationalSource(
    SRC_KAZ,
    "KAZ",
    "kaz-bns-trade-by-partner",
    "kaz_trade_by_partner_long.csv",
    ("total", "aggregate", "country"),
    contents=Contents(min_rows=2_000, years=year_span(2018, 2023), reporters=("KAZ",)),
    notes=(
        "KAZ BNS: exports FOB, imports CIF (usual practice, not stated); partner = country of "
        "destination/origin (suspected). EAEU mutual trade comes from enterprise surveys.",
    ),
)
UZB_SIAT = NationalSource(
    SRC_UZB,
    "UZB",
    "uzb-siat-trade-by-partner",
    "uzb_trade_by_partner_long.csv",
    ("country", "unallocated"),
    has_vintages=True,
    contents=Contents(min_rows=6_000, years=year_span(2010, 2025), reporters=("UZB",)),
    notes=(
        "UZB SIAT: totals probably include services (they exceed WDI merchandise trade); do not "
        "mix with goods-only sources without saying so.",
        "UZB SIAT: 'Other countries' (unallocated, probably gold) is 40-45% of exports after 2022.",
        "UZB SIAT: no total row in the source; the total is the sum of all rows.",
        "UZB SIAT: exports 2015-2025 from the 2026 vintage, 2010-2014 and imports from 2024 ones.",
    ),
)
KGZ_NSC = NationalSource(
    SRC_KGZ,
    "KGZ",
    "kgz-nsc-trade-by-partner",
    "kgz_trade_by_partner_long.csv",
    ("total", "aggregate", "country", "unallocated", "special"),
    notes=(
        "KGZ NSC: licence unverified (possibly CC BY-NC-SA 4.0): an optional import.",
        "KGZ NSC: country rows do not always add up to the total (exports 2021: about US$ 1.1 bn, "
        "probably gold, is attributed to no partner). Continent subtotals are dropped.",
        "KGZ NSC: imports 2023 are preliminary. '-' (no flow) is stored as 0.",
    ),
)
SOURCES = {s.reporter: s for s in (KAZ_BNS, UZB_SIAT, KGZ_NSC)}
SOURCE_IDS = {s.source_id: s for s in (KAZ_BNS, UZB_SIAT, KGZ_NSC)}


def read_kaz_bns(raw_dir: Path) -> SourceTable:
    """Kazakhstan's exports and imports by partner, 2018-2023, US$ millions (BNS)."""
    return read_national_source(raw_dir, KAZ_BNS)


def read_uzb_siat(raw_dir: Path) -> SourceTable:
    """Uzbekistan's exports (2010-2025) and imports (2010-2023) by partner, US$ millions (SIAT)."""
    return read_national_source(raw_dir, UZB_SIAT)


def read_kgz_nsc(raw_dir: Path) -> SourceTable:
    """Kyrgyzstan's exports and imports by partner, 1994-2023, US$ millions (NSC)."""
    return read_national_source(raw_dir, KGZ_NSC)


def read_national(raw_dir: Path, include_kgz: bool = False) -> list[SourceTable]:
    """The national sources: KAZ and UZB, plus KGZ when asked (its licence is unverified)."""
    tables = [read_kaz_bns(raw_dir), read_uzb_siat(raw_dir)]
    if include_kgz:
        tables.append(read_kgz_nsc(raw_dir))
    return tables


def read_national_source(raw_dir: Path, source: NationalSource) -> SourceTable:
    """One national long file, validated, in the common by-partner layout (``OUTPUT_COLUMNS``)."""
    raw_dir = Path(raw_dir)
    path = raw_dir / source.folder / source.file
    required = REQUIRED + (("preferred",) if source.has_vintages else ())
    raw = read_csv_checked(path, required)
    if source.has_vintages:
        raw = _preferred_vintage(raw, path)
    _check_labels(raw, path, source)
    frame = pd.DataFrame(
        {
            "reporter": raw["reporter_iso3"],
            "partner": raw["partner_iso3"].where(raw["partner_iso3"] != "", None),
            "partner_kind": raw["partner_kind"],
            "partner_name": raw["partner_name_source"],
            "flow": raw["flow"],
            "year": parse_years(raw, "year", path),
            "value_musd": parse_numbers(raw, "value_kusd", path) / 1000.0,
            "source_id": source.source_id,
            "source_file": source.folder + "/" + raw["source_file"],
        },
        index=raw.index,
    )
    frame = frame[frame["partner_kind"] != "aggregate"]
    _check_partners(frame, path, raw_dir)
    frame, merged = _merge_empty_duplicates(frame, path)
    notes = source.notes + (
        (f"merged {merged} duplicate partner rows that carry no flow",) if merged else ()
    )
    out = frame.reset_index(drop=True).astype({"year": "int64"})
    origin = make_origin(source.source_id, lock_files([path], root=raw_dir))
    return SourceTable(out[list(OUTPUT_COLUMNS)], origin, notes)


def _preferred_vintage(raw: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Only the newest vintage of each flow-year (the file flags it ``preferred``)."""
    flag = raw["preferred"].str.strip()
    reject_rows(
        ~flag.isin(["True", "False"]),
        path,
        lambda i: f"preferred must be True or False, not '{flag[i]}'",
    )
    return raw[flag == "True"]


def _check_labels(raw: pd.DataFrame, path: Path, source: NationalSource) -> None:
    """Reporter, partner kind and flow must hold known labels."""
    checks = (
        ("reporter_iso3", (source.reporter,)),
        ("partner_kind", source.kinds),
        ("flow", FLOWS),
    )
    for column, allowed in checks:
        reject_rows(
            ~raw[column].isin(allowed),
            path,
            lambda i: f"{column} '{raw.at[i, column]}' not one of {', '.join(allowed)}",  # noqa: B023 - called at once
        )


def _check_partners(frame: pd.DataFrame, path: Path, raw_dir: Path) -> None:
    """Country rows carry a known ISO3 code; every other row carries none."""
    is_country = frame["partner_kind"] == "country"
    reject_rows(
        is_country & frame["partner"].isna(),
        path,
        lambda i: f"country row '{frame.at[i, 'partner_name']}' has no ISO3",
    )
    # An unallocated or total row mapped to a country would credit that country with the rest.
    reject_rows(
        ~is_country & frame["partner"].notna(),
        path,
        lambda i: (
            f"{frame.at[i, 'partner_kind']} row carries a partner code '{frame.at[i, 'partner']}'"
        ),
    )
    check_codes(frame["partner"], known_codes(raw_dir), path, "partner")
    own = (frame["partner"] == frame["reporter"]).fillna(False)
    reject_rows(own, path, lambda _: "a reporter cannot be its own partner")


def _clash(row: pd.Series) -> str:
    what = row["partner"] if row["partner_kind"] == "country" else "total"
    return f"duplicate row for {what}, {row['flow']}, {row['year']}"


def _merge_empty_duplicates(frame: pd.DataFrame, path: Path) -> tuple[pd.DataFrame, int]:
    """Drop duplicate (partner, flow, year) rows that carry no flow; any other duplicate fails.

    KGZ prints El Salvador twice ("Salvador", "El Salvador") and fills at most one per year.
    """
    key = ["partner_kind", "partner", "flow", "year"]
    keyed = frame[frame["partner_kind"].isin(["country", "total"])]
    dup = keyed[keyed.duplicated(key, keep=False)]
    if dup.empty:
        return frame, 0
    reject_rows(dup[dup["value_musd"] != 0].duplicated(key), path, lambda i: _clash(frame.loc[i]))
    keep = dup.sort_values("value_musd", ascending=False, kind="stable").drop_duplicates(key)
    drop = dup.index.difference(keep.index)
    return frame.drop(index=drop), len(drop)
