"""Build, inspect and update the warehouse and the default snapshot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from regint.api.warehouse import open_warehouse
from regint.core.options import PathLike, Progress, check_output_path
from regint.core.provenance import attach_provenance, make_provenance
from regint.pipeline.snapshot import SORT_KEYS, build_snapshot_tables
from regint.sources.paths import raw_data_dir
from regint.sources.records import make_origin, read_source_records
from regint.storage import queries
from regint.storage.paths import resolve_warehouse_path, snapshot_dir
from regint.storage.snapshot import read_manifest, write_snapshot
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
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Rebuild the default snapshot from the raw public sources with the project's own loaders."""
    raw_dir = raw_data_dir(raw)
    target = Path(out_dir) if out_dir else snapshot_dir()
    result = build_snapshot_tables(raw_dir, include_kgz=include_kgz, progress=progress)
    write_snapshot(result.tables, result.manifest(), target, sort_keys=SORT_KEYS)
    manifest = read_manifest(target)
    return {"snapshot": str(target), "files": manifest["files"], "notes": manifest.get("notes", [])}


def status(warehouse: PathLike | None = None) -> pd.DataFrame:
    """Tables in the warehouse with row counts and comments; build info in the provenance."""
    with open_warehouse(warehouse) as con:
        frame = queries.load_table_counts(con)
        info = queries.load_build_info(con)
    info["warehouse"] = str(resolve_warehouse_path(warehouse))
    return attach_provenance(frame, make_provenance(build=info))


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
    return {
        "imf_imts": "online updater (regint data update)",
        "kgz_nsc": "optional import (--include-kgz)",
        "cow_igo": "knowledge base (derived table)",
        "desta": "knowledge base (derived table)",
        "seed_facts": "knowledge base",
    }.get(source_id, "not in this warehouse")
