"""Where the warehouse and the default snapshot live."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from regint.sources.paths import project_data_dir

WAREHOUSE_ENV = "REGINT_WAREHOUSE"


def default_warehouse_path() -> Path:
    """``$REGINT_WAREHOUSE``, else ``<user data dir>/regint/warehouse.duckdb``."""
    env = os.environ.get(WAREHOUSE_ENV)
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("regint", appauthor=False)) / "warehouse.duckdb"


def resolve_warehouse_path(explicit: str | os.PathLike[str] | None) -> Path:
    return Path(explicit) if explicit else default_warehouse_path()


SNAPSHOT_ENV = "REGINT_SNAPSHOT"


def snapshot_dir() -> Path:
    """The default snapshot: ``$REGINT_SNAPSHOT``, else the committed ``data/snapshot``."""
    env = os.environ.get(SNAPSHOT_ENV)
    return Path(env) if env else project_data_dir() / "snapshot"


def find_input_clash(
    output: str | os.PathLike[str], warehouse: str | os.PathLike[str] | None = None
) -> str | None:
    """What ``output`` would overwrite among regint's inputs, or None when it is free.

    The inputs are the warehouse in use (``warehouse``, else the default one), the default
    warehouse, regint's own folder beside each, the snapshot folder and the raw-data folder
    (``$REGINT_RAW_DATA``). A path inside one of those folders clashes too. Paths are compared
    after resolving symbolic links, and existing files by identity (a hard link clashes).
    """
    from regint.storage.ownership import own_dir

    target = Path(output).expanduser()
    files = {resolve_warehouse_path(warehouse): "the warehouse in use"}
    files.setdefault(default_warehouse_path(), "the default warehouse")
    folders = {snapshot_dir(): "the snapshot folder"}
    for path, name in list(files.items()):
        files[path.with_name(path.name + ".wal")] = f"the journal of {name}"
        folders[own_dir(path)] = f"regint's folder beside {name}"
    raw = os.environ.get("REGINT_RAW_DATA")
    if raw:
        folders[Path(raw)] = "the raw-data folder"
    for path, name in files.items():
        if _same_file(target, path):
            return f"{name} ({path})"
    for folder, name in folders.items():
        if _same_file(target, folder) or _inside(target, folder):
            return (
                f"{name} ({folder})" if _same_file(target, folder) else f"inside {name} ({folder})"
            )
    return None


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False
