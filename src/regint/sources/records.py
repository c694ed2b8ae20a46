"""Hand-written source records (``data/sources/<id>.yaml``) and generated file locks."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from regint.core.errors import DataError
from regint.core.provenance import FileLock, Origin
from regint.sources.paths import project_data_dir


def sha256_of(path: Path) -> str:
    """The sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def lock_files(paths: Iterable[Path], root: Path | None = None) -> tuple[FileLock, ...]:
    """Lock records (sha256, size) for files; paths are shown relative to ``root``."""
    locks = []
    for path in sorted(Path(p) for p in paths):
        shown = str(path.relative_to(root)) if root is not None else path.name
        locks.append(FileLock(shown, sha256_of(path), path.stat().st_size))
    return tuple(locks)


@lru_cache(maxsize=64)
def read_source_record(source_id: str) -> dict[str, Any]:
    """The hand-written record of a source: producer, title, licence, URLs, redistribution."""
    path = project_data_dir() / "sources" / f"{source_id}.yaml"
    if not path.exists():
        raise DataError(str(path), f"no source record for '{source_id}'")
    try:
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise DataError(str(path), f"malformed YAML: {err}") from None
    for key in ("id", "producer", "title", "licence"):
        if key not in record:
            raise DataError(str(path), f"source record lacks '{key}'")
    return record


def read_source_records() -> list[dict[str, Any]]:
    """Every hand-written source record in ``data/sources``, sorted by id."""
    folder = project_data_dir() / "sources"
    return [read_source_record(path.stem) for path in sorted(folder.glob("*.yaml"))]


def make_origin(source_id: str, files: tuple[FileLock, ...] = (), note: str = "") -> Origin:
    """An Origin from the source record of ``source_id`` plus file locks."""
    rec = read_source_record(source_id)
    return Origin(
        source_id=source_id,
        producer=rec["producer"],
        title=rec["title"],
        licence=rec["licence"],
        urls=tuple(rec.get("urls", ())),
        redistributable=_yes_no(rec.get("redistributable", "yes")),
        citation=rec.get("citation", ""),
        files=files,
        note=note,
    )


def _yes_no(value: object) -> str:
    """YAML reads a bare yes/no as a boolean: keep the words."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
