"""The warehouse as the api sees it: resolved path, built on first use, opened read-only."""

from __future__ import annotations

import atexit
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from regint.core.errors import InputError, WarehouseError
from regint.core.options import PathLike, Progress, check_output_file, check_output_path
from regint.storage.integrity import check_replaceable, damage_error, is_corruption
from regint.storage.ownership import record_warehouse, remove_stale_temporaries
from regint.storage.paths import find_input_clash, resolve_warehouse_path, snapshot_dir
from regint.storage.snapshot import read_manifest
from regint.storage.warehouse import (
    build_warehouse,
    connect,
    snapshot_fingerprint,
    warehouse_fingerprint,
)

# Who to tell when a command has to build the warehouse before it can answer (the CLI prints
# one line); the api itself prints nothing.
_BUILD_NOTICES: list[Callable[[Path], None]] = []


def on_build(notice: Callable[[Path], None]) -> None:
    """Call ``notice(path)`` when a warehouse is built on first use (or rebuilt when stale)."""
    _BUILD_NOTICES[:] = [notice]


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
    wanted = snapshot_fingerprint(read_manifest(snap))
    if not _needs_build(path, wanted):
        _record_quietly(path)
        return
    check_output_path(path, "warehouse")
    if _BUILD_NOTICES:  # with or without a progress display: a first build is never silent
        _BUILD_NOTICES[-1](path)
    # Processes that all find the warehouse missing or stale build it once: the build runs
    # under a lock and the others, once they hold it, find it up to date.
    build_warehouse(snap, path, progress=progress)


def check_output(
    path: PathLike, parameter: str = "out", *, warehouse: PathLike | None = None
) -> Path:
    """Fail fast when an output ``path`` cannot be written or would land on an input.

    An output never overwrites the warehouse (``warehouse``, else the default), its journal,
    regint's folder beside it, the snapshot or the raw data: ``InputError(parameter, ...)``
    says which. Then :func:`regint.core.options.check_output_file` checks it can be written and
    that an existing file there is one regint wrote.
    """
    clash = find_input_clash(path, warehouse)
    if clash:
        raise InputError(
            parameter,
            f"cannot write {path}: it is {clash}, which regint reads; choose another file",
        )
    return check_output_file(path, parameter)


def damage_of(err: BaseException, warehouse: PathLike | None = None) -> WarehouseError | None:
    """The damaged-warehouse error for a DuckDB corruption ``err`` (None for any other error)."""
    if not is_corruption(err):
        return None
    return damage_error(resolve_warehouse_path(warehouse), err)


def _needs_build(path: Path, wanted: str) -> bool:
    current = warehouse_fingerprint(path)
    if current is not None and current != wanted and _has_updates(path):
        return False  # an updated warehouse is kept; `regint data build --force` resets it
    return current != wanted


def _record_quietly(path: Path) -> None:
    """Record a recognised warehouse as regint's (where its folder can be written)."""
    try:
        record_warehouse(path)
    except (OSError, WarehouseError):
        pass


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
    except duckdb.Error as err:
        if is_corruption(err):
            _OPEN.pop(key, None)
            raise damage_error(path, err) from None
        raise
    finally:
        cursor.close()


def close_all() -> None:
    """Close every cached connection (before rebuilding a warehouse in place, or at exit)."""
    while _OPEN:
        _, (_, con) = _OPEN.popitem()
        con.close()


atexit.register(close_all)
