"""Static files, read once from the package's ``static`` folder into memory.

A request path is only ever a key of this dictionary: it never reaches the filesystem, so no
``..`` or encoded trick can read another file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"

TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
}


@dataclass(frozen=True)
class StaticFile:
    body: bytes
    media_type: str
    etag: str


def read_static_files(root: Path = STATIC_DIR) -> dict[str, StaticFile]:
    """Every servable file under ``root`` by its relative POSIX path (known types only)."""
    files = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in TYPES:
            body = path.read_bytes()
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            files[path.relative_to(root).as_posix()] = StaticFile(body, TYPES[path.suffix], etag)
    return files
