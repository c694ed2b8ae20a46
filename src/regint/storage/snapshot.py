"""The default snapshot: compact Parquet files plus a manifest, written atomically."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from regint.core.errors import DataError

MANIFEST = "manifest.json"


def write_snapshot(
    tables: dict[str, pd.DataFrame],
    manifest: dict[str, Any],
    out_dir: Path,
    sort_keys: dict[str, list[str]] | None = None,
) -> Path:
    """Write every table as ``<name>.parquet`` (zstd) and the manifest; swap the folder in.

    The new snapshot is written beside ``out_dir`` and renamed over it only when every file
    is written, so a failed build leaves the previous snapshot as it was.
    """
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        files = {}
        for name, frame in tables.items():
            keys = (sort_keys or {}).get(name)
            if keys:
                frame = frame.sort_values(keys, kind="stable").reset_index(drop=True)
            table = pa.Table.from_pandas(frame, preserve_index=False)
            meta = dict(table.schema.metadata or {})
            meta[b"regint.table"] = name.encode()
            meta[b"regint.sources"] = json.dumps(manifest.get("tables", {}).get(name, {})).encode()
            table = table.replace_schema_metadata(meta)
            path = tmp / f"{name}.parquet"
            pq.write_table(table, path, compression="zstd", compression_level=19)
            files[name] = {
                "rows": len(frame),
                "bytes": path.stat().st_size,
                "sha256": _sha256(path),
            }
        manifest = {**manifest, "files": files}
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        _swap_in(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out_dir


def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def _swap_in(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}-old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    # Files kept beside the Parquet tables (README, LICENCES) travel with the new snapshot.
    if old.exists():
        for extra in old.iterdir():
            if extra.suffix not in (".parquet",) and extra.name != MANIFEST:
                dest = target / extra.name
                if not dest.exists():
                    shutil.move(str(extra), dest)
        shutil.rmtree(old)


def read_manifest(snapshot: Path) -> dict[str, Any]:
    """The snapshot's manifest: inputs, checksums, row counts, code version."""
    path = Path(snapshot) / MANIFEST
    if not path.exists():
        raise DataError(
            str(path), "snapshot manifest is missing; rebuild with `regint data snapshot`"
        )
    try:
        return json.loads(path.read_text())
    except json.JSONDecodeError as err:
        raise DataError(str(path), f"malformed manifest: {err}") from None
