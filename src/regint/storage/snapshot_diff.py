"""What a new snapshot changes against the committed one: rows per table, source and year.

``regint data snapshot`` prints this diff, writes it into the new snapshot (``changes.json``)
and refuses an unexplained drop: a (table, source, year) group that loses more than
:data:`MAX_DROP` of its rows, or disappears, stops the snapshot unless the user accepts the
changes (``--accept-changes``). Raw files that lost rows (an emptied national file, a truncated
download) thus cannot silently take flows out of the snapshot.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

MAX_DROP = 0.03  # "a few percent": revisions move a group by less; lost files by far more
DIFF_COLUMNS = ["table", "source", "year", "rows_before", "rows_after", "change"]
# Columns that say which source a row comes from, per table (a flow has one per side).
SOURCE_COLUMNS = {
    "flows": ("exporter_source", "importer_source"),
    "national": ("source_id",),
    "reported_totals": ("source",),
}


def count_rows(frame: pd.DataFrame, table: str, default_source: str) -> pd.DataFrame:
    """Rows of ``frame`` per source and year (year -1 where the table has no year)."""
    year = frame["year"].astype("int64") if "year" in frame else pd.Series(-1, index=frame.index)
    parts = [
        pd.DataFrame({"row": frame.index, "source": frame[c], "year": year})
        for c in SOURCE_COLUMNS.get(table, ())
        if c in frame
    ]
    if parts:  # a row counts once under each source it rests on (a flow has two sides)
        keyed = pd.concat(parts, ignore_index=True).dropna().drop_duplicates(["row", "source"])
    else:
        keyed = pd.DataFrame({"source": default_source, "year": year})
    counts = keyed.groupby(["source", "year"], sort=True).size().rename("rows").reset_index()
    return counts.assign(table=table)


def read_snapshot_counts(snapshot: Path, tables: list[str]) -> pd.DataFrame:
    """The committed snapshot's rows per table, source and year (empty where it is absent)."""
    frames = []
    try:
        manifest = json.loads((Path(snapshot) / "manifest.json").read_text())
    except (OSError, ValueError):
        manifest = {}
    for table in tables:
        path = Path(snapshot) / f"{table}.parquet"
        if not path.is_file():
            continue
        wanted = [c for c in ("year", *SOURCE_COLUMNS.get(table, ())) if c in _columns(path)]
        frame = pq.read_table(path, columns=wanted).to_pandas() if wanted else _rows_only(path)
        ids = manifest.get("tables", {}).get(table, {}).get("sources", [])
        frames.append(count_rows(frame, table, "+".join(ids) or "all"))
    if not frames:
        return pd.DataFrame(columns=["source", "year", "rows", "table"])
    return pd.concat(frames, ignore_index=True)


def _columns(path: Path) -> list[str]:
    return list(pq.read_schema(path).names)


def _rows_only(path: Path) -> pd.DataFrame:
    return pd.DataFrame(index=range(pq.read_metadata(path).num_rows))


def compute_snapshot_diff(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Rows before and after per (table, source, year), with the relative change."""
    keys = ["table", "source", "year"]
    merged = pd.merge(
        before.rename(columns={"rows": "rows_before"}),
        after.rename(columns={"rows": "rows_after"}),
        on=keys,
        how="outer",
    )
    merged[["rows_before", "rows_after"]] = (
        merged[["rows_before", "rows_after"]].fillna(0).astype("int64")
    )
    before_n = merged["rows_before"].where(merged["rows_before"] > 0)
    merged["change"] = (merged["rows_after"] - merged["rows_before"]) / before_n
    return merged.sort_values(keys, kind="stable").reset_index(drop=True)[DIFF_COLUMNS]


def find_drops(diff: pd.DataFrame, max_drop: float = MAX_DROP) -> pd.DataFrame:
    """The groups that lose more than ``max_drop`` of their rows (or vanish)."""
    return diff[diff["change"] < -max_drop].reset_index(drop=True)


def describe_group(row: pd.Series) -> str:
    """'flows, kaz_bns, 2021: 400 -> 0 rows' for one diff row."""
    year = "" if int(row["year"]) < 0 else f", {int(row['year'])}"
    return (
        f"{row['table']}, {row['source']}{year}: "
        f"{int(row['rows_before']):,} -> {int(row['rows_after']):,} rows"
    )


def compute_table_counts(
    tables: dict[str, pd.DataFrame], table_sources: dict[str, list[str]]
) -> pd.DataFrame:
    """Rows per table, source and year of a snapshot being built (its tables in memory)."""
    frames = [
        count_rows(frame, name, "+".join(table_sources.get(name, [])) or "all")
        for name, frame in tables.items()
    ]
    return pd.concat(frames, ignore_index=True)


def require_explained(diff: pd.DataFrame, *, accept_changes: bool, where: str) -> None:
    """Raise a DataError naming ``where`` when a group drops by more than :data:`MAX_DROP`."""
    from regint.core.errors import DataError

    drops = find_drops(diff)
    if drops.empty or accept_changes:
        return
    shown = "; ".join(describe_group(row) for _, row in drops.head(5).iterrows())
    more = f" (and {len(drops) - 5} more)" if len(drops) > 5 else ""
    raise DataError(
        where,
        f"the new snapshot loses more than {MAX_DROP:.0%} of the rows of {len(drops)} "
        f"table/source/year group(s) against the committed snapshot: {shown}{more}. Nothing was "
        "written. Check the raw files; if the drop is explained, rerun with `accept_changes`.",
    )


def diff_records(diff: pd.DataFrame) -> list[dict[str, object]]:
    """The groups whose row count changed, as JSON-ready records (``changes.json``)."""
    changed = diff[diff["rows_before"] != diff["rows_after"]]
    return [
        {
            "table": row["table"],
            "source": row["source"],
            "year": None if int(row["year"]) < 0 else int(row["year"]),
            "rows_before": int(row["rows_before"]),
            "rows_after": int(row["rows_after"]),
        }
        for _, row in changed.iterrows()
    ]
