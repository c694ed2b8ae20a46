"""Derived results kept beside a warehouse, in regint's own folder ``.W.regint/cache/``.

An entry is a folder ``<kind>-<key>`` (``key``: 64 hex digits, made by the caller from the
fingerprints of everything the result depends on) holding one Parquet file per frame and
``entry.json`` (the kind, the key, the frames' names and the caller's record). It is written
into a temporary folder ``tmp-<pid>-<token>`` beside it and renamed into place, so a reader never
sees half an entry; when two processes race, the first rename wins and the other's temporary is
deleted. An entry is read only from regint's marked folder (:mod:`regint.storage.ownership`)
and only when its ``entry.json`` names the same kind and key; anything unreadable is a miss, never
an error. regint deletes nothing here but its own temporaries. A folder that cannot be written
(a read-only warehouse) gives no cache, not an error: the caller computes instead.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
from contextlib import suppress
from pathlib import Path
from typing import Any

import pandas as pd

from regint.storage.ownership import is_own_dir, make_own_dir, own_dir

CACHE = "cache"
ENTRY = "entry.json"
_NAME = re.compile(r"^[a-z]+$")
_KEY = re.compile(r"^[0-9a-f]{64}$")


def _entry_dir(warehouse: Path, kind: str, key: str) -> Path:
    if not _NAME.match(kind) or not _KEY.match(key):
        raise ValueError(f"a cache entry is <letters>-<64 hex>, not {kind}-{key}")
    return own_dir(warehouse) / CACHE / f"{kind}-{key}"


def load_cache_entry(
    warehouse: Path, kind: str, key: str
) -> tuple[dict[str, pd.DataFrame], dict[str, Any]] | None:
    """The frames and record stored under ``kind``/``key`` beside ``warehouse``, or None."""
    folder = _entry_dir(warehouse, kind, key)
    if not is_own_dir(own_dir(warehouse)) or not folder.is_dir():
        return None
    try:
        entry = json.loads((folder / ENTRY).read_text(encoding="utf-8"))
        if entry.get("kind") != kind or entry.get("key") != key:
            return None
        frames = {name: pd.read_parquet(folder / f"{name}.parquet") for name in entry["frames"]}
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return frames, entry.get("record", {})


def build_cache_entry(
    warehouse: Path,
    kind: str,
    key: str,
    frames: dict[str, pd.DataFrame],
    record: dict[str, Any],
) -> bool:
    """Store ``frames`` and ``record`` under ``kind``/``key``; False when it could not."""
    target = _entry_dir(warehouse, kind, key)
    if target.is_dir():
        return True
    tmp: Path | None = None
    try:
        root = make_own_dir(warehouse) / CACHE
        root.mkdir(exist_ok=True)
        tmp = root / f"tmp-{os.getpid()}-{secrets.token_hex(8)}"
        tmp.mkdir()
        for name, frame in frames.items():
            if not _NAME.match(name):
                raise ValueError(f"frame name {name!r}")
            frame.to_parquet(tmp / f"{name}.parquet", index=False)
        entry = {"kind": kind, "key": key, "frames": list(frames), "record": record}
        (tmp / ENTRY).write_text(json.dumps(entry, sort_keys=True), encoding="utf-8")
        tmp.rename(target)
        return True
    except OSError:  # read-only folder, disk full, or another process renamed first
        return target.is_dir()
    except Exception:  # noqa: BLE001 - a cache never breaks the computation it serves
        return False
    finally:
        if tmp is not None and tmp.exists():
            with suppress(OSError):
                shutil.rmtree(tmp)
