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
from regint.storage.schema import SCHEMAS, TABLES
from regint.storage.snapshot import read_manifest


def snapshot_fingerprint(manifest: dict[str, Any]) -> str:
    """A fingerprint of the snapshot's inputs and code version: changes trigger a rebuild."""
    from hashlib import sha256

    payload = json.dumps(
        {
            "inputs": manifest.get("inputs", {}),
            "files": manifest.get("files", {}),
            "sources": manifest.get("sources", []),
            "code": __version__,
        },
        sort_keys=True,
    )
    return sha256(payload.encode()).hexdigest()


def warehouse_fingerprint(path: Path) -> str | None:
    """The fingerprint recorded in an existing warehouse, or None."""
    if not path.exists():
        return None
    try:
        con = duckdb.connect(str(path), read_only=True)
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
    """Build ``target`` from ``snapshot``; return False when it was already up to date."""
    manifest = read_manifest(snapshot)
    fingerprint = snapshot_fingerprint(manifest)
    check_replaceable(target, force=force)
    if not force and warehouse_fingerprint(target) == fingerprint:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(target)
    with swap_in(target, "tmp", "warehouse build failed, previous warehouse kept") as con:
        _build_into(con, snapshot, manifest, fingerprint, progress or (lambda _m: None))
    return True


DUCKDB_MAGIC = b"DUCK"  # bytes 8-12 of every DuckDB database file


def check_replaceable(path: Path, *, force: bool = False) -> None:
    """Refuse to replace a file that is not a regint warehouse: nothing of the user's is lost.

    A file that is not DuckDB, or another program's DuckDB database, is never replaced. A
    damaged DuckDB file (one that no longer opens) is replaced only with ``force``.
    """
    if not path.exists():
        return
    if path.is_dir():
        raise WarehouseError(
            f"{path} is a folder, not a warehouse file; choose another --warehouse"
        )
    with open(path, "rb") as handle:
        head = handle.read(12)
    if head[8:12] != DUCKDB_MAGIC:
        raise WarehouseError(
            f"{path} is not a DuckDB file; regint will not overwrite it. "
            "Choose another --warehouse (or $REGINT_WAREHOUSE) or remove the file."
        )
    state = _warehouse_state(path)
    if state == "foreign":
        raise WarehouseError(
            f"{path} is another program's DuckDB database; regint will not touch it. "
            "Choose another --warehouse (or $REGINT_WAREHOUSE)."
        )
    if state == "damaged" and not force:
        raise WarehouseError(
            f"{path} is a damaged regint warehouse (it no longer opens). "
            "`regint data build --force` replaces it."
        )


def _warehouse_state(path: Path) -> str:
    """'regint' (ours), 'foreign' (a readable database without regint's meta.build) or 'damaged'."""
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return "damaged"
    try:
        tables = con.execute("SELECT schema_name, table_name FROM duckdb_tables()").fetchall()
    except duckdb.Error:
        return "damaged"
    finally:
        con.close()
    return "regint" if ("meta", "build") in tables else "foreign"


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Remove temporary files that interrupted builds or updates left beside ``target``."""
    removed = []
    for path in target.parent.glob(f"{target.name}.*-*"):
        pid = path.name.rsplit("-", 1)[-1].removesuffix(".wal")
        if pid.isdigit() and not _alive(int(pid)):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def swap_in(
    target: Path, tag: str, failure: str, *, from_target: bool = False
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a temporary file beside ``target`` that replaces it if the block succeeds.

    With ``from_target`` the temporary file starts as a copy of ``target``. A DuckDB error
    becomes ``WarehouseError(f"{failure}: {err}")``; on any failure ``target`` is left as it was
    and the temporary file is removed.
    """
    tmp = target.with_name(f"{target.name}.{tag}-{os.getpid()}")
    _remove(tmp)
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
    except duckdb.Error as err:
        raise WarehouseError(f"{failure}: {err}") from None
    finally:
        _remove(tmp)


def _remove(path: Path) -> None:
    for p in (path, path.with_name(path.name + ".wal")):
        if p.exists():
            p.unlink()


def _build_into(
    con: duckdb.DuckDBPyConnection,
    snapshot: Path,
    manifest: dict[str, Any],
    fingerprint: str,
    progress: Progress,
) -> None:
    con.execute("CREATE SCHEMA stage")
    for schema in SCHEMAS:
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    # Stage 1: load the snapshot as it is.
    for key, spec in TABLES.items():
        path = snapshot / f"{key}.parquet"
        if not path.exists():
            if spec.required:
                raise DataError(
                    str(path), "snapshot table missing; rebuild with `regint data snapshot`"
                )
            continue
        progress(f"loading {key}")
        try:
            con.execute(f"CREATE TABLE stage.{key} AS SELECT * FROM read_parquet(?)", [str(path)])
        except duckdb.Error as err:
            raise DataError(str(path), f"unreadable Parquet ({str(err).splitlines()[0]})") from None
    # Stage 2: publish into the final schemas, with comments.
    for key, spec in TABLES.items():
        if not _exists(con, "stage", key):
            continue
        progress(f"publishing {spec.qualified}")
        con.execute(f"CREATE TABLE {spec.qualified} AS SELECT * FROM stage.{key}")
        _comment(con, spec.qualified, spec.description, manifest.get("tables", {}).get(key, {}))
        for column, text in spec.columns.items():
            con.execute(f"COMMENT ON COLUMN {spec.qualified}.{column} IS {_literal(text)}")
    con.execute("DROP SCHEMA stage CASCADE")
    progress("precomputing totals")
    build_totals(con)
    _write_meta(con, manifest, fingerprint)


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


def _exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
        [schema, table],
    ).fetchone()
    return bool(row and row[0])


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
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as err:
        raise WarehouseError(f"cannot open warehouse {path}: {err}") from None
