"""The warehouse as the api sees it: resolved path, built on first use, opened read-only."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from regint.storage.paths import resolve_warehouse_path, snapshot_dir
from regint.storage.snapshot import read_manifest
from regint.storage.warehouse import (
    build_warehouse,
    connect,
    snapshot_fingerprint,
    warehouse_fingerprint,
)

Progress = Callable[[str], None]


def ensure_warehouse(warehouse: str | os.PathLike[str] | None = None,
                     progress: Progress | None = None) -> Path:
    """The warehouse path, built from the default snapshot if it is missing or stale."""
    path = resolve_warehouse_path(warehouse)
    snap = snapshot_dir()
    current = warehouse_fingerprint(path)
    if current is None or current != snapshot_fingerprint(read_manifest(snap)):
        if current is not None and _has_updates(path):
            return path  # an updated warehouse is kept; `regint data build --force` resets it
        build_warehouse(snap, path, force=True, progress=progress)
    return path


def _has_updates(path: Path) -> bool:
    con = connect(path)
    try:
        rows = con.execute("SELECT count(*) FROM information_schema.tables "
                           "WHERE table_schema = 'meta' AND table_name = 'updates'").fetchone()
        return bool(rows and rows[0])
    finally:
        con.close()


@contextmanager
def open_warehouse(warehouse: str | os.PathLike[str] | None = None,
                   progress: Progress | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to an up-to-date warehouse."""
    path = ensure_warehouse(warehouse, progress)
    con = connect(path, read_only=True)
    try:
        yield con
    finally:
        con.close()
