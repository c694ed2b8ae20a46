"""The DuckDB warehouse: built from the snapshot, atomically, with provenance inside.

A build writes to a temporary file beside the target and renames it into place only when
every stage succeeded, so a failed or interrupted build leaves the previous warehouse as it
was. The build records the snapshot's input checksums in ``meta.inputs``; a later build
is skipped while they are unchanged.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from regint.core.errors import DataError, WarehouseError
from regint.core.options import BASES, CIF_FOB_DEFAULT, Progress
from regint.core.version import __version__
from regint.core.vocab import PANEL_LAST_YEAR
from regint.pipeline.reconcile import reconcile_sql
from regint.storage.integrity import (
    build_table_record,
    check_replaceable,
    check_warehouse,
    damage_error,
    is_corruption,
    is_write_failure,
    open_read_only,
)
from regint.storage.ownership import (
    build_lock,
    new_temporary,
    record_warehouse,
    remove_temporary,
    remove_unlocked_temporaries,
)
from regint.storage.schema import SCHEMAS, TABLES
from regint.storage.snapshot import read_manifest

# Bumped when the warehouse layout changes (2: meta.tables), so older warehouses are rebuilt.
WAREHOUSE_FORMAT = 2


def snapshot_fingerprint(manifest: dict[str, Any]) -> str:
    """A fingerprint of the snapshot's inputs and code version: changes trigger a rebuild."""
    from hashlib import sha256

    payload = json.dumps(
        {
            "inputs": manifest.get("inputs", {}),
            "files": manifest.get("files", {}),
            "sources": manifest.get("sources", []),
            "code": __version__,
            "format": WAREHOUSE_FORMAT,
        },
        sort_keys=True,
    )
    return sha256(payload.encode()).hexdigest()


def warehouse_fingerprint(path: Path) -> str | None:
    """The fingerprint recorded in an existing warehouse, or None."""
    if not path.exists():
        return None
    try:
        con = open_read_only(path)
    except duckdb.Error:
        return None
    try:
        row = con.execute("SELECT value FROM meta.build WHERE key = 'fingerprint'").fetchone()
        return row[0] if row else None
    except duckdb.Error:
        return None
    finally:
        con.close()


def build_warehouse(
    snapshot: Path, target: Path, *, force: bool = False, progress: Progress | None = None
) -> bool:
    """Build ``target`` from ``snapshot``; return False when it was already up to date.

    Builds of one warehouse are serialised by a lock, so processes that all find it missing
    build it once. Every build, the no-op too, removes the temporaries that interrupted builds
    left in regint's own folder beside ``target``. A no-op build reads the whole warehouse, so a
    damaged one is reported (and replaced only with ``force``).
    """
    manifest = read_manifest(snapshot)
    fingerprint = snapshot_fingerprint(manifest)
    check_replaceable(target, force=force)  # a foreign file: refused before any folder is made
    target.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(target):
        remove_unlocked_temporaries(target)
        check_replaceable(target, force=force)
        if not force and warehouse_fingerprint(target) == fingerprint:
            _require_healthy(target)
            record_warehouse(target)
            return False
        with swap_in(target, "tmp", "warehouse build failed, previous warehouse kept") as con:
            _build_into(con, snapshot, manifest, fingerprint, progress or (lambda _m: None))
    return True


def _require_healthy(target: Path) -> None:
    problems = [c for c in check_warehouse(target) if c.problem]
    if problems:
        first = problems[0]
        raise damage_error(target, f"{first.table}: {first.problem}")


@contextmanager
def swap_in(
    target: Path, tag: str, failure: str, *, from_target: bool = False
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a temporary file that replaces ``target`` if the block succeeds.

    The temporary lives in regint's own folder beside ``target`` (same file system, so the
    final rename is atomic); with ``from_target`` it starts as a copy of ``target``. A failure
    to write (a full disk) becomes a ``WarehouseError`` naming ``target``; any other DuckDB
    error becomes ``WarehouseError(f"{failure}: {err}")``. On any failure, an interrupt
    included, ``target`` is left as it was and the temporary file is removed. On success the
    new file is recorded as regint's warehouse.
    """
    tmp = new_temporary(target, tag)
    try:
        if from_target:
            shutil.copyfile(target, tmp)
        con = duckdb.connect(str(tmp))
        try:
            yield con
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, target)
        record_warehouse(target)
    except (duckdb.Error, OSError) as err:
        if is_write_failure(err):
            raise WarehouseError(
                f"cannot write the warehouse {target} ({_first_line(err)}); "
                "the previous warehouse is kept. Free some space or choose another `warehouse`."
            ) from None
        if isinstance(err, OSError):
            raise
        raise WarehouseError(f"{failure}: {err}") from None
    finally:
        remove_temporary(tmp)


def _first_line(err: BaseException) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__


def _build_into(
    con: duckdb.DuckDBPyConnection,
    snapshot: Path,
    manifest: dict[str, Any],
    fingerprint: str,
    progress: Progress,
) -> None:
    for schema in SCHEMAS:
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    # Each snapshot table goes straight to its final place: the file is a temporary until
    # every table is in, so nothing half-built is ever seen (and no dropped staging copy
    # leaves free blocks behind).
    for key, spec in TABLES.items():
        path = snapshot / f"{key}.parquet"
        if not path.exists():
            if spec.required:
                raise DataError(
                    str(path), "snapshot table missing; rebuild with `regint data snapshot`"
                )
            continue
        progress(f"loading {spec.qualified}")
        try:
            con.execute(
                f"CREATE TABLE {spec.qualified} AS SELECT * FROM read_parquet(?)", [str(path)]
            )
        except duckdb.Error as err:
            if is_write_failure(err):
                raise  # the warehouse being written, not this input, is at fault
            raise DataError(str(path), f"unreadable Parquet ({_first_line(err)})") from None
        _comment(con, spec.qualified, spec.description, manifest.get("tables", {}).get(key, {}))
        for column, text in spec.columns.items():
            con.execute(f"COMMENT ON COLUMN {spec.qualified}.{column} IS {_literal(text)}")
    progress("precomputing totals")
    con.execute("SET threads = 1")  # a fixed summation order: the same totals on every build
    build_totals(con)
    _write_meta(con, manifest, fingerprint)
    progress("fingerprinting tables")
    build_table_record(con)


def build_totals(con: duckdb.DuckDBPyConnection) -> None:
    """T_i and T_W of the panel years on each basis at the default CIF/FOB factor.

    Queries at that factor read these small tables instead of aggregating the whole panel;
    any other factor is computed on the fly from ``trade.flows`` with the same SQL rule.
    """
    con.execute(
        "CREATE OR REPLACE TABLE trade.totals (basis VARCHAR, cif_fob DOUBLE, country VARCHAR, "
        "year INTEGER, trade_musd DOUBLE)"
    )
    con.execute(
        "CREATE OR REPLACE TABLE trade.world_totals (basis VARCHAR, cif_fob DOUBLE, year INTEGER, "
        "trade_musd DOUBLE)"
    )
    panel = f"SELECT * FROM trade.flows WHERE year <= {PANEL_LAST_YEAR}"
    for basis in BASES:
        flows = reconcile_sql(panel, basis, CIF_FOB_DEFAULT)
        con.execute(f"""
            INSERT INTO trade.totals
            SELECT '{basis}', {CIF_FOB_DEFAULT!r}, country, year, sum(v) FROM (
                SELECT exporter AS country, year, value_musd AS v FROM ({flows})
                UNION ALL SELECT importer, year, value_musd FROM ({flows}))
            GROUP BY country, year""")
        con.execute(f"""INSERT INTO trade.world_totals
            SELECT '{basis}', {CIF_FOB_DEFAULT!r}, year, 2 * sum(value_musd) FROM ({flows}) GROUP BY year""")
    for table, text in _TOTALS_COMMENTS.items():
        con.execute(f"COMMENT ON TABLE {table} IS {_literal(text)}")


_TOTALS_COMMENTS = {
    "trade.totals": (
        "T_i, each country's trade with the world in the panel years (sum over partner "
        "countries), by basis, at the default CIF/FOB factor; derived from trade.flows"
    ),
    "trade.world_totals": (
        "T_W, world trade (the sum of every country's T_i) in the panel years, by basis, "
        "at the default CIF/FOB factor; derived from trade.flows"
    ),
}


def _comment(
    con: duckdb.DuckDBPyConnection, table: str, description: str, sources: dict[str, Any]
) -> None:
    ids = ", ".join(sources.get("sources", [])) if sources else ""
    text = f"{description} Sources: {ids}." if ids else description
    con.execute(f"COMMENT ON TABLE {table} IS {_literal(text)}")


def _literal(text: str) -> str:
    """A SQL string literal (COMMENT ON takes no parameters)."""
    return "'" + text.replace("'", "''") + "'"


def _write_meta(con: duckdb.DuckDBPyConnection, manifest: dict[str, Any], fingerprint: str) -> None:
    built = {
        "fingerprint": fingerprint,
        "code_version": __version__,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "snapshot_built_at": manifest.get("built_at", ""),
        "snapshot_code_version": manifest.get("code_version", ""),
        "duckdb_version": duckdb.__version__,
    }
    con.execute("CREATE TABLE meta.build (key VARCHAR, value VARCHAR)")
    con.executemany("INSERT INTO meta.build VALUES (?, ?)", list(built.items()))
    con.execute(
        "CREATE TABLE meta.sources (source_id VARCHAR, producer VARCHAR, title VARCHAR, licence VARCHAR, "
        "urls VARCHAR[], redistributable VARCHAR, citation VARCHAR, note VARCHAR)"
    )
    for src in manifest.get("sources", []):
        con.execute(
            "INSERT INTO meta.sources VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                src["source_id"],
                src["producer"],
                src["title"],
                src["licence"],
                src.get("urls", []),
                src.get("redistributable", ""),
                src.get("citation", ""),
                src.get("note", ""),
            ],
        )
    con.execute(
        "CREATE TABLE meta.inputs (source_id VARCHAR, path VARCHAR, sha256 VARCHAR, size BIGINT)"
    )
    for source_id, files in manifest.get("inputs", {}).items():
        for f in files:
            con.execute(
                "INSERT INTO meta.inputs VALUES (?, ?, ?, ?)",
                [source_id, f["path"], f["sha256"], f["size"]],
            )
    con.execute(
        "COMMENT ON TABLE meta.build IS 'How and when this warehouse was built (code version, fingerprint)'"
    )
    con.execute(
        "COMMENT ON TABLE meta.sources IS 'Every source behind the warehouse: producer, licence, citation'"
    )
    con.execute(
        "COMMENT ON TABLE meta.inputs IS 'Checksums of the raw input files behind the snapshot'"
    )


def connect(path: Path, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; a missing or unreadable file is a WarehouseError with advice."""
    if not path.exists():
        raise WarehouseError(f"no warehouse at {path}; run `regint data build`")
    try:
        if read_only:
            return open_read_only(path)  # one thread: the same query gives the same bits
        return duckdb.connect(str(path))
    except duckdb.Error as err:
        if is_corruption(err):
            raise damage_error(path, err) from None
        raise WarehouseError(f"cannot open warehouse {path}: {err}") from None
