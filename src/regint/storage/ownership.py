"""What regint may delete or replace beside a warehouse: only what it can prove it wrote.

Every file regint makes next to a warehouse ``W`` lives in one folder, ``.W.regint`` beside it,
which holds a marker file written when regint made the folder:

- build and update temporaries, ``tmp-<pid>-<token>.duckdb`` and ``update-<pid>-<token>.duckdb``
  (with their ``.wal``), made only while the build lock is held;
- ``lock``, the build lock (``flock``: the kernel releases it when its holder dies, so a killed
  build never leaves a stale lock);
- ``warehouse.json``, the record of the warehouse file regint last swapped in (device and inode),
  so that a damaged file that was positively a regint warehouse can be replaced by
  ``regint data build --force``, while a damaged file regint never wrote cannot.

Nothing outside that folder is ever deleted, and inside it only names of the forms above are.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

try:  # POSIX; elsewhere builds are not serialised between processes
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

MARKER = "MADE-BY-REGINT"
MARKER_TEXT = (
    "regint made this folder for the temporaries, lock and ownership record of the warehouse "
    "beside it. regint deletes only its own temporaries here; the folder may be removed when no "
    "regint command is running.\n"
)
RECORD = "warehouse.json"
LOCK = "lock"
_TEMPORARY = re.compile(r"^(tmp|update)-(\d+)-([0-9a-f]{16})\.duckdb(\.wal)?$")


def own_dir(target: Path) -> Path:
    """The folder beside ``target`` that holds regint's own files for it."""
    return target.with_name(f".{target.name}.regint")


def is_own_dir(folder: Path) -> bool:
    """True when ``folder`` carries regint's marker (so regint made it)."""
    marker = folder / MARKER
    try:
        return marker.is_file() and marker.read_text(encoding="utf-8") == MARKER_TEXT
    except OSError:
        return False


def make_own_dir(target: Path) -> Path:
    """Create (or reuse) regint's folder beside ``target``; refuse a folder regint did not make."""
    folder = own_dir(target)
    if folder.exists() and not is_own_dir(folder):
        from regint.core.errors import WarehouseError

        raise WarehouseError(
            f"{folder} exists but regint did not make it; regint will not write into it. "
            "Move it away or choose another `warehouse`."
        )
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / MARKER
    if not marker.exists():
        marker.write_text(MARKER_TEXT, encoding="utf-8")
    return folder


def new_temporary(target: Path, tag: str) -> Path:
    """A fresh temporary path in regint's folder: ``<tag>-<pid>-<random token>.duckdb``."""
    folder = make_own_dir(target)
    return folder / f"{tag}-{os.getpid()}-{secrets.token_hex(8)}.duckdb"


def own_temporaries(target: Path) -> list[Path]:
    """The temporaries in regint's folder beside ``target`` (none if regint did not make it)."""
    folder = own_dir(target)
    if not is_own_dir(folder):
        return []
    return sorted(p for p in folder.iterdir() if _TEMPORARY.match(p.name))


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Delete the temporaries that no running regint process is writing; return what was deleted.

    A temporary is made only under the build lock, so when this process can take the lock every
    temporary not made by this process is stale. When the lock is busy (another build is
    running) nothing is deleted. Files that cannot be deleted (a read-only folder) are left.
    """
    if not own_temporaries(target):
        return []
    with build_lock(target, wait=False) as held:
        return remove_unlocked_temporaries(target) if held else []


def remove_unlocked_temporaries(target: Path) -> list[Path]:
    """:func:`remove_stale_temporaries` for a caller that already holds the build lock."""
    removed: list[Path] = []
    for path in own_temporaries(target):
        match = _TEMPORARY.match(path.name)
        if match and int(match.group(2)) != os.getpid():
            with suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def remove_temporary(path: Path) -> None:
    """Delete one temporary of this process (and its ``.wal``); a missing file is fine."""
    for p in (path, path.with_name(path.name + ".wal")):
        with suppress(FileNotFoundError):
            p.unlink()


@contextmanager
def build_lock(target: Path, *, wait: bool = True) -> Iterator[bool]:
    """Hold the build lock of ``target``; yields False when ``wait`` is False and it is busy.

    Where the folder cannot be written (a read-only place), yields False without locking.
    """
    try:
        folder = make_own_dir(target)
        handle: IO[str] = open(folder / LOCK, "a")  # noqa: SIM115 - closed below
    except OSError:
        yield False
        return
    try:
        if fcntl is not None:
            flags = fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB)
            try:
                fcntl.flock(handle.fileno(), flags)
            except BlockingIOError:
                yield False
                return
        yield True
    finally:
        handle.close()  # closing releases the lock


def record_warehouse(target: Path) -> None:
    """Record that ``target`` (this device and inode) is a warehouse regint wrote."""
    folder = make_own_dir(target)
    stat = target.stat()
    record = {"warehouse": target.name, "device": stat.st_dev, "inode": stat.st_ino}
    tmp = folder / f"{RECORD}.{os.getpid()}"
    tmp.write_text(json.dumps(record) + "\n", encoding="utf-8")
    os.replace(tmp, folder / RECORD)


def was_recorded(target: Path) -> bool:
    """True when ``target`` is the very file regint last recorded as its warehouse."""
    folder = own_dir(target)
    if not is_own_dir(folder):
        return False
    try:
        record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        stat = target.stat()
    except (OSError, ValueError):
        return False
    return (
        isinstance(record, dict)
        and record.get("warehouse") == target.name
        and record.get("device") == stat.st_dev
        and record.get("inode") == stat.st_ino
    )
