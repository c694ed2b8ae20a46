"""Merge newer data from the online updaters into a copy of the warehouse, then swap it in.

Rules: a value from an updater fills or replaces a side of a flow unless that side comes from
the IMF DOTS panel, which is never overwritten; WDI rows are replaced by country, year and
indicator. Every update is recorded in ``meta.updates`` and its source in ``meta.sources``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from regint.core.errors import WarehouseError
from regint.core.provenance import Origin
from regint.core.vocab import FLOW_COLUMNS, SRC_DOTS
from regint.storage.integrity import build_table_record
from regint.storage.ownership import build_lock
from regint.storage.warehouse import swap_in

_SIDES = (("exporter_fob_musd", "exporter_source"), ("importer_cif_musd", "importer_source"))


def build_update(
    target: Path, origin: Origin, flows: pd.DataFrame | None = None, wdi: pd.DataFrame | None = None
) -> dict[str, int]:
    """Apply one updater's rows to ``target`` atomically; return counts of changed rows."""
    if not target.exists():
        raise WarehouseError(f"no warehouse at {target}; run `regint data build` first")
    with (
        build_lock(target),
        swap_in(
            target, "update", "update failed, warehouse kept as it was", from_target=True
        ) as con,
    ):
        counts = {
            "flows": _merge_flows(con, flows) if flows is not None else 0,
            "wdi": _merge_wdi(con, wdi) if wdi is not None else 0,
        }
        _record(con, origin, counts)
        build_table_record(con)
    return counts


def _count(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> int:
    """The single number a statement returns (rows changed, or a count); 0 when none."""
    row = con.execute(sql, params).fetchone() if params else con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def _merge_flows(con: duckdb.DuckDBPyConnection, flows: pd.DataFrame) -> int:
    con.register("incoming", flows[list(FLOW_COLUMNS)])
    changed = 0
    for value, source in _SIDES:
        update = f"""
            UPDATE trade.flows AS f SET {value} = i.{value}, {source} = i.{source}
            FROM incoming AS i
            WHERE f.exporter = i.exporter AND f.importer = i.importer AND f.year = i.year
              AND i.{value} IS NOT NULL AND coalesce(f.{source}, '') <> '{SRC_DOTS}'"""
        changed += _count(con, update)
    changed += _count(
        con,
        """INSERT INTO trade.flows SELECT i.* FROM incoming AS i
           ANTI JOIN trade.flows AS f USING (exporter, importer, year)""",
    )
    con.unregister("incoming")
    return int(changed)


def _merge_wdi(con: duckdb.DuckDBPyConnection, wdi: pd.DataFrame) -> int:
    columns = [c[0] for c in con.execute("DESCRIBE macro.wdi").fetchall()]
    frame = wdi.reindex(columns=columns)
    con.register("incoming", frame)
    con.execute("""DELETE FROM macro.wdi AS w USING incoming AS i
                   WHERE w.country = i.country AND w.year = i.year AND w.indicator = i.indicator""")
    n = _count(con, "INSERT INTO macro.wdi SELECT * FROM incoming")
    con.unregister("incoming")
    return int(n)


def _record(con: duckdb.DuckDBPyConnection, origin: Origin, counts: dict[str, int]) -> None:
    con.execute(
        "CREATE TABLE IF NOT EXISTS meta.updates (source_id VARCHAR, applied_at VARCHAR, "
        "flows_rows BIGINT, wdi_rows BIGINT, note VARCHAR)"
    )
    con.execute(
        "INSERT INTO meta.updates VALUES (?, ?, ?, ?, ?)",
        [
            origin.source_id,
            datetime.now(UTC).isoformat(timespec="seconds"),
            counts["flows"],
            counts["wdi"],
            origin.note,
        ],
    )
    exists = _count(
        con, "SELECT count(*) FROM meta.sources WHERE source_id = ?", [origin.source_id]
    )
    if not exists:
        con.execute(
            "INSERT INTO meta.sources VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                origin.source_id,
                origin.producer,
                origin.title,
                origin.licence,
                list(origin.urls),
                origin.redistributable,
                origin.citation,
                origin.note,
            ],
        )
