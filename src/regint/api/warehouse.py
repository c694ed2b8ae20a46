"""The warehouse as the api sees it: resolved path, built on first use, opened read-only."""

from __future__ import annotations

import atexit
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from regint.core.options import PathLike, Progress, check_output_path
from regint.storage.paths import resolve_warehouse_path, snapshot_dir
from regint.storage.snapshot import read_manifest
from regint.storage.warehouse import (
    build_warehouse,
    check_replaceable,
    connect,
    remove_stale_temporaries,
    snapshot_fingerprint,
    warehouse_fingerprint,
)

# Warehouses already checked in this process: (path, snapshot) -> (size, mtime) when checked.
_CHECKED: dict[tuple[Path, Path], tuple[int, int]] = {}


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def ensure_warehouse(warehouse: PathLike | None = None, progress: Progress | None = None) -> Path:
    """The warehouse path, built from the default snapshot if it is missing or stale."""
    path = resolve_warehouse_path(warehouse)
    snap = snapshot_dir()
    key = (path.resolve(), snap.resolve())
    if path.exists() and _CHECKED.get(key) == _stamp(path):
        return path
    _check_or_build(path, snap, progress)
    _CHECKED[key] = _stamp(path)
    return path


def _check_or_build(path: Path, snap: Path, progress: Progress | None) -> None:
    check_replaceable(path)  # never silently replace a file that is not our warehouse
    remove_stale_temporaries(path)
    current = warehouse_fingerprint(path)
    if current is None or current != snapshot_fingerprint(read_manifest(snap)):
        if current is not None and _has_updates(path):
            return  # an updated warehouse is kept; `regint data build --force` resets it
        check_output_path(path, "warehouse")
        build_warehouse(snap, path, force=True, progress=progress)


def _has_updates(path: Path) -> bool:
    con = connect(path)
    try:
        rows = con.execute(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_schema = 'meta' AND table_name = 'updates'"
        ).fetchone()
        return bool(rows and rows[0])
    finally:
        con.close()


# One read-only connection per warehouse file, reused while the file is unchanged: opening
# DuckDB costs more than a typical indicator query.
_OPEN: dict[Path, tuple[tuple[int, int], duckdb.DuckDBPyConnection]] = {}


@contextmanager
def open_warehouse(
    warehouse: PathLike | None = None, progress: Progress | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to an up-to-date warehouse (a cursor on a cached connection)."""
    path = ensure_warehouse(warehouse, progress)
    key, stamp = path.resolve(), _stamp(path)
    cached = _OPEN.get(key)
    if cached is None or cached[0] != stamp:
        if cached is not None:
            cached[1].close()
        _OPEN[key] = (stamp, connect(path, read_only=True))
    cursor = _OPEN[key][1].cursor()
    try:
        yield cursor
    finally:
        cursor.close()


def close_all() -> None:
    """Close every cached connection (before rebuilding a warehouse in place, or at exit)."""
    while _OPEN:
        _, (_, con) = _OPEN.popitem()
        con.close()


atexit.register(close_all)
