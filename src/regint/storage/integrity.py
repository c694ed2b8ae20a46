"""Recognise a regint warehouse positively, verify it block by block, and name damage plainly.

- A file is a regint warehouse when it opens as DuckDB and holds ``meta.build`` with a
  fingerprint. A readable DuckDB file without it is another program's and is never touched.
- A file that does not open is replaced (with ``--force``) only when regint recorded it as its
  own warehouse (:mod:`regint.storage.ownership`); otherwise it is never overwritten.
- ``meta.tables`` records each data table's row count and fingerprint (the sum of its row
  hashes, which reads every column of every row); :func:`check_warehouse` reads every table
  again, so DuckDB verifies every block's checksum, and compares.
- Every DuckDB corruption error becomes one :class:`WarehouseError` (exit code 4) that names the
  file and the fix.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import duckdb

from regint.core.errors import WarehouseError
from regint.storage.ownership import was_recorded

DUCKDB_MAGIC = b"DUCK"  # bytes 8-12 of every DuckDB database file
DATA_SCHEMAS = ("trade", "macro", "ref", "geo")
REPAIR = "rebuild it with `regint data build --force`"
State = Literal["absent", "regint", "foreign", "damaged", "unknown"]

_CORRUPTION_HINTS = (
    "corrupt",
    "checksum",
    "not a valid duckdb",
    "invalidated because of a previous fatal error",
    "could not read enough bytes",
    "failed to read",
)
_WRITE_HINTS = (
    "no space left",
    "disk full",
    "disk quota",
    "read-only file system",
    "could not write",
    "failed to write",
    "could not fsync",
    "could not truncate",
)
_WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG}


# Every read-only connection regint opens uses this configuration: DuckDB refuses a second
# connection to a file already open in the process with a different one. One thread makes
# scans and sums run in one fixed order, so the same query gives the same floating-point bits.
READ_CONFIG: dict[str, str | bool | int | float | list[str]] = {"threads": 1}


def open_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only DuckDB connection with :data:`READ_CONFIG` (errors are DuckDB's)."""
    return duckdb.connect(str(path), read_only=True, config=READ_CONFIG)


def is_corruption(err: BaseException) -> bool:
    """True for a DuckDB error that means the database file is damaged."""
    if not isinstance(err, duckdb.Error):
        return False
    if isinstance(err, duckdb.InternalException | duckdb.SerializationException):
        return True
    text = str(err).lower()
    return any(hint in text for hint in _CORRUPTION_HINTS)


def is_write_failure(err: BaseException) -> bool:
    """True for an error that says a file could not be written (a full disk, a read-only one)."""
    if isinstance(err, OSError) and err.errno in _WRITE_ERRNOS:
        return True
    text = str(err).lower()
    return any(hint in text for hint in _WRITE_HINTS)


def damage_error(path: Path, err: BaseException | str) -> WarehouseError:
    """The one message for a damaged warehouse: the file, what DuckDB said, the fix."""
    reason = str(err).strip().splitlines()[0] if str(err).strip() else "unreadable"
    return WarehouseError(f"the warehouse {path} is damaged ({reason}); {REPAIR}")


def warehouse_state(path: Path) -> State:
    """'regint', 'foreign' (a readable database without regint's meta), 'damaged' (a file
    regint recorded as its warehouse that no longer reads), 'unknown' (any other file) or
    'absent'."""
    if not path.exists():
        return "absent"
    try:
        con = open_read_only(path)
    except duckdb.Error:
        return "damaged" if was_recorded(path) else "unknown"
    try:
        tables = con.execute("SELECT schema_name, table_name FROM duckdb_tables()").fetchall()
        if ("meta", "build") not in tables:
            return "foreign"
        row = con.execute("SELECT count(*) FROM meta.build WHERE key = 'fingerprint'").fetchone()
        return "regint" if row and row[0] else "foreign"
    except duckdb.Error:
        return "damaged" if was_recorded(path) else "unknown"
    finally:
        con.close()


def check_replaceable(path: Path, *, force: bool = False) -> None:
    """Refuse to replace a file regint cannot prove is its warehouse: nothing of the user's is lost.

    Another program's database and any file regint cannot recognise are never replaced,
    ``force`` or not; a damaged file recorded as regint's warehouse is replaced with ``force``.
    """
    if path.is_dir():
        raise WarehouseError(
            f"{path} is a folder, not a warehouse file; choose another `warehouse`"
        )
    state = warehouse_state(path)
    if state == "foreign":
        raise WarehouseError(
            f"{path} is another program's DuckDB database; regint will not touch it. "
            "Choose another `warehouse` (or $REGINT_WAREHOUSE)."
        )
    if state == "unknown":
        what = "a DuckDB file regint cannot read" if _has_magic(path) else "not a DuckDB file"
        raise WarehouseError(
            f"{path} is {what}, and regint has no record of writing it; regint will not "
            f"overwrite it{', `force` or not' if force else ''}. Choose another `warehouse` "
            "(or $REGINT_WAREHOUSE), or move the file away yourself."
        )
    if state == "damaged" and not force:
        raise damage_error(path, "it no longer opens")


def _has_magic(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(12)[8:12] == DUCKDB_MAGIC
    except OSError:
        return False


def compute_table_fingerprints(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int, str]]:
    """(table, rows, fingerprint) of every data table; reading them verifies every block."""
    schemas = ", ".join(f"'{s}'" for s in DATA_SCHEMAS)
    names = con.execute(
        f"SELECT schema_name || '.' || table_name FROM duckdb_tables() "
        f"WHERE schema_name IN ({schemas}) ORDER BY 1"
    ).fetchall()
    out = []
    for (name,) in names:
        rows, total = _scan(con, name)
        out.append((name, int(rows), str(total or 0)))
    return out


def _scan(con: duckdb.DuckDBPyConnection, table: str) -> tuple[int, object]:
    """Row count and sum of row hashes of ``table``: reads every column of every row."""
    row = con.execute(f"SELECT count(*), sum(hash(t)) FROM {table} AS t").fetchone()
    return (int(row[0]), row[1]) if row else (0, None)


def build_table_record(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)write ``meta.tables``: each data table's row count and fingerprint."""
    con.execute(
        "CREATE OR REPLACE TABLE meta.tables (table_name VARCHAR, rows BIGINT, fingerprint VARCHAR)"
    )
    con.executemany("INSERT INTO meta.tables VALUES (?, ?, ?)", compute_table_fingerprints(con))
    con.execute(
        "COMMENT ON TABLE meta.tables IS 'Row count and fingerprint (sum of row hashes) of every "
        "data table at build time; `regint data check` compares them'"
    )


@dataclass(frozen=True)
class TableCheck:
    """The check of one table: rows found and recorded, and what is wrong (empty when nothing)."""

    table: str
    rows: int | None
    recorded_rows: int | None
    problem: str


def check_warehouse(path: Path) -> list[TableCheck]:
    """Read every table of the warehouse at ``path`` and compare with ``meta.tables``.

    Raises :class:`WarehouseError` when the file does not open or is not a regint warehouse.
    """
    state = warehouse_state(path)
    if state in ("unknown", "foreign"):
        check_replaceable(path)  # says whose file it is and that regint will not touch it
    if state == "absent":
        raise WarehouseError(f"there is no regint warehouse at {path}; run `regint data build`")
    if state == "damaged":
        raise damage_error(path, "it no longer opens")
    try:
        con = open_read_only(path)
    except duckdb.Error as err:
        raise damage_error(path, err) from None
    try:
        return _check_tables(con)
    finally:
        con.close()


def _check_tables(con: duckdb.DuckDBPyConnection) -> list[TableCheck]:
    try:
        recorded = {
            name: (int(rows), fp)
            for name, rows, fp in con.execute("SELECT * FROM meta.tables").fetchall()
        }
        built_with = dict(con.execute("SELECT key, value FROM meta.build").fetchall())
    except duckdb.Error as err:
        return [TableCheck("meta.tables", None, None, f"unreadable: {_first_line(err)}")]
    same_engine = built_with.get("duckdb_version") == duckdb.__version__
    checks = []
    for name, (rows, fp) in sorted(recorded.items()):
        try:
            found, total = _scan(con, name)
        except duckdb.Error as err:
            checks.append(TableCheck(name, None, rows, f"damaged: {_first_line(err)}"))
            if is_corruption(err):
                break  # DuckDB invalidates the database after a fatal read error
            continue
        problem = ""
        if int(found) != rows:
            problem = f"{found} rows, {rows} recorded at build time"
        elif same_engine and str(total or 0) != fp:
            problem = "content differs from its fingerprint at build time"
        checks.append(TableCheck(name, int(found), rows, problem))
    return checks


def _first_line(err: BaseException) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
