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
CHANGES = "changes.json"  # the diff against the committed snapshot (regint.storage.snapshot_diff)


def check_snapshot_target(out_dir: Path, raw_dir: Path) -> None:
    """Refuse a snapshot folder that would replace the raw data or a folder that is not a snapshot.

    Replacing ``out_dir`` deletes its old Parquet files, so it must be absent, empty, or a
    snapshot regint wrote (a folder with a regint ``manifest.json``).
    """
    out = Path(out_dir).resolve()
    raw = Path(raw_dir).resolve()
    if out == raw or out.is_relative_to(raw) or raw.is_relative_to(out):
        raise DataError(str(out_dir), "the snapshot cannot be written over the raw data it reads")
    if out.is_file():
        raise DataError(str(out_dir), "is a file, not a snapshot folder")
    if out.is_dir() and any(out.iterdir()) and not _is_snapshot(out):
        raise DataError(
            str(out_dir),
            "is a folder that holds no regint snapshot (no manifest.json written by regint); "
            "regint will not replace it. Choose an empty or new folder.",
        )


def _is_snapshot(folder: Path) -> bool:
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and "code_version" in manifest and "files" in manifest


def write_snapshot(
    tables: dict[str, pd.DataFrame],
    manifest: dict[str, Any],
    out_dir: Path,
    sort_keys: dict[str, list[str]] | None = None,
    extra: dict[str, str] | None = None,
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
        for name, text in (extra or {}).items():
            (tmp / name).write_text(text + "\n", encoding="utf-8")
        _swap_in(tmp, out_dir)
    except OSError as err:
        shutil.rmtree(tmp, ignore_errors=True)
        # Name the snapshot being written, not whichever input happened to be open.
        raise DataError(
            str(out_dir), f"cannot write the snapshot ({err.strerror or err})"
        ) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out_dir


def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def _swap_in(new: Path, target: Path) -> None:
    # A fresh name for the old folder: a folder of the user's is never taken for it.
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
    old.rmdir()
    if target.exists():
        target.rename(old)
    new.rename(target)
    if not old.exists():
        return
    # Only the files the old manifest lists are regint's to delete. Anything else kept beside
    # the tables (README, LICENCES, a file of the user's) travels with the new snapshot.
    written = _written_files(old)
    for extra in sorted(old.iterdir()):
        dest = target / extra.name
        if extra.name not in written and not dest.exists():
            shutil.move(str(extra), dest)
    for name in written:
        (old / name).unlink(missing_ok=True)
    try:
        old.rmdir()
    except OSError:  # a file of the user's whose name the new snapshot took: it stays there
        pass


def _written_files(folder: Path) -> set[str]:
    """The names in ``folder`` that regint wrote: its manifest, its diff and the listed tables."""
    try:
        files = json.loads((folder / MANIFEST).read_text()).get("files", {})
    except (OSError, ValueError, AttributeError):
        files = {}
    return {MANIFEST, CHANGES, *(f"{name}.parquet" for name in files)}


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
