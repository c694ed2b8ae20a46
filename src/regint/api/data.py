"""Build, inspect and update the warehouse and the default snapshot."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from regint.api.warehouse import ensure_warehouse, open_warehouse
from regint.core.errors import InputError
from regint.core.options import PathLike, Progress, check_output_path
from regint.core.provenance import attach_provenance, make_provenance
from regint.pipeline.snapshot import SORT_KEYS, build_snapshot_tables
from regint.sources.paths import raw_data_dir
from regint.sources.records import make_origin, read_source_records
from regint.sources.registry import source
from regint.storage import queries
from regint.storage.integrity import REPAIR, check_warehouse
from regint.storage.paths import resolve_warehouse_path, snapshot_dir
from regint.storage.snapshot import CHANGES, check_snapshot_target, read_manifest, write_snapshot
from regint.storage.snapshot_diff import (
    compute_snapshot_diff,
    compute_table_counts,
    diff_records,
    read_snapshot_counts,
    require_explained,
)
from regint.storage.warehouse import build_warehouse, warehouse_fingerprint


def build(
    warehouse: PathLike | None = None, *, force: bool = False, progress: Progress | None = None
) -> dict[str, Any]:
    """Build the warehouse from the committed snapshot (skipped while it is up to date)."""
    path = check_output_path(resolve_warehouse_path(warehouse), "warehouse")
    built = build_warehouse(snapshot_dir(), path, force=force, progress=progress)
    return {"warehouse": str(path), "built": built, "fingerprint": warehouse_fingerprint(path)}


def build_snapshot(
    raw: PathLike | None = None,
    out_dir: PathLike | None = None,
    *,
    include_kgz: bool = False,
    accept_changes: bool = False,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Rebuild the default snapshot from the raw public sources with the project's own loaders.

    The new tables are compared with the committed snapshot (rows per table, source and year);
    a group that loses more than a few percent of its rows stops the build with a
    :class:`~regint.core.errors.DataError` unless ``accept_changes``. The changed groups are
    written into the new snapshot as ``changes.json`` and returned under ``changes``.
    """
    raw_dir = raw_data_dir(raw)
    target = Path(out_dir) if out_dir else snapshot_dir()
    check_snapshot_target(target, raw_dir)
    result = build_snapshot_tables(raw_dir, include_kgz=include_kgz, progress=progress)
    diff = compute_snapshot_diff(
        read_snapshot_counts(snapshot_dir(), list(result.tables)),
        compute_table_counts(result.tables, result.table_sources),
    )
    require_explained(diff, accept_changes=accept_changes, where=str(raw_dir))
    changes = diff_records(diff)
    against = read_manifest(snapshot_dir()).get("built_at") if _has_manifest() else None
    extra = {CHANGES: json.dumps({"against_built_at": against, "changes": changes}, indent=1)}
    write_snapshot(result.tables, result.manifest(), target, sort_keys=SORT_KEYS, extra=extra)
    manifest = read_manifest(target)
    return {
        "snapshot": str(target),
        "files": manifest["files"],
        "notes": manifest.get("notes", []),
        "changes": changes,
    }


def _has_manifest() -> bool:
    return (snapshot_dir() / "manifest.json").is_file()


def status(warehouse: PathLike | None = None) -> pd.DataFrame:
    """Tables with row counts and comments; path, size, build time and health in the provenance.

    Health comes from a full read of every table (:func:`check`), so a damaged block shows here.
    """
    path = ensure_warehouse(warehouse)
    checks = check(path)
    with open_warehouse(path) as con:
        frame = queries.load_table_counts(con)
        info = queries.load_build_info(con)
    info["warehouse"] = str(path)
    info["size_bytes"] = str(path.stat().st_size)
    info["health"] = checks.attrs["health"]
    return attach_provenance(frame, make_provenance(build=info))


def check(warehouse: PathLike | None = None) -> pd.DataFrame:
    """Read every table of the warehouse and compare row counts and fingerprints with its build.

    One row per table (``table``, ``rows``, ``recorded_rows``, ``problem``); ``attrs['health']``
    is ``'ok'`` or a one-line summary with the fix. A warehouse that does not open raises
    :class:`~regint.core.errors.WarehouseError` (exit code 4) naming the file and the fix.
    """
    path = resolve_warehouse_path(warehouse)
    rows = check_warehouse(path)
    frame = pd.DataFrame(
        [(c.table, c.rows, c.recorded_rows, c.problem) for c in rows],
        columns=["table", "rows", "recorded_rows", "problem"],
    )
    bad = [c for c in rows if c.problem]
    health = (
        "ok: every table read and matches its build record"
        if not bad
        else f"damaged: {bad[0].table}: {bad[0].problem}; {REPAIR}"
    )
    frame.attrs["health"] = health
    frame.attrs["healthy"] = not bad
    frame.attrs["warehouse"] = str(path)
    return frame


def sources(warehouse: PathLike | None = None) -> pd.DataFrame:
    """Every source regint knows: producer, licence, citation, redistribution, and where it is used.

    The warehouse's own sources (``meta.sources``) come first; then the sources of the knowledge
    base, the optional imports and the online updaters, from their records in ``data/sources``.
    """
    with open_warehouse(warehouse) as con:
        rows = queries.load_sources(con)
        info = queries.load_build_info(con)
    for row in rows:
        row["used_in"] = "warehouse"
    seen = {row["source_id"] for row in rows}
    for record in read_source_records():
        if record["id"] not in seen:
            rows.append(
                {
                    "source_id": record["id"],
                    "producer": record["producer"],
                    "title": record["title"],
                    "licence": record["licence"],
                    "urls": record.get("urls", []),
                    "redistributable": make_origin(record["id"]).redistributable,
                    "citation": record.get("citation", ""),
                    "note": "",
                    "used_in": _use_of(record["id"]),
                }
            )
    frame = pd.DataFrame(rows)
    if len(frame):
        frame["urls"] = frame["urls"].map(lambda u: " ".join(u))
    return attach_provenance(frame, make_provenance(build=info))


def _use_of(source_id: str) -> str:
    """How a source outside the warehouse is used (its registry entry says)."""
    try:
        entry = source(source_id)
    except InputError:
        return "not in this warehouse"
    return entry.use if entry.role != "snapshot" else "not in this warehouse"
