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
