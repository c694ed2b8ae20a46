"""The marks that prove a file is one of regint's outputs, and how outputs are written.

regint replaces an existing output file only when it can prove it wrote it (DESIGN: "nothing
lost"). Every file output carries a mark: the HTML report has ``HTML_MARK`` in its head, a
Parquet file has the ``PARQUET_MARK`` key in its footer's key-value metadata. A file without a
mark is someone else's and is never overwritten.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> (folder / "notes.txt").write_text("precious")
8
>>> is_regint_output(folder / "notes.txt")
False
>>> (folder / "report.html").write_text("<html><head>" + HTML_MARK + "</head></html>")
66
>>> is_regint_output(folder / "report.html")
True
"""

from __future__ import annotations

import os
import stat
import struct
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

HTML_MARK = '<meta name="generator" content="regint">'
PARQUET_MARK = b"regint.provenance"

_HEAD_BYTES = 64 * 1024  # the report's mark sits in its first kilobyte
_PARQUET_MAGIC = b"PAR1"
_MAX_FOOTER = 64 * 1024 * 1024  # a larger footer is not one regint writes


def is_regint_output(path: Path) -> bool:
    """True when ``path`` is a file regint wrote: a report with its mark or a marked Parquet.

    The test reads at most the file's first 64 KiB and, for Parquet, its footer; it never
    trusts the file name. A file that cannot be read is not proven to be regint's.
    """
    try:
        with Path(path).open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
            if head.startswith(_PARQUET_MAGIC):
                return PARQUET_MARK in _parquet_footer(handle)
    except OSError:
        return False
    return HTML_MARK.encode() in head


def _parquet_footer(handle: BinaryIO) -> bytes:
    """The Thrift-encoded footer of an open Parquet file (b'' when it is not well formed)."""
    size = handle.seek(0, 2)
    if size < 12:
        return b""
    handle.seek(size - 8)
    tail = handle.read(8)
    (length,) = struct.unpack("<I", tail[:4])
    if tail[4:] != _PARQUET_MAGIC or length > min(size - 12, _MAX_FOOTER):
        return b""
    handle.seek(size - 8 - length)
    return handle.read(length)


def write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(tmp)`` on a fresh temporary beside ``path``, then rename it over ``path``.

    An interrupted or failed write leaves ``path`` as it was and removes the temporary, which
    has a new, unique name, so no file of the user's is ever taken for it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".regint-tmp", dir=path.parent)
    os.close(handle)
    tmp = Path(name)
    try:
        write(tmp)
        os.chmod(tmp, _mode_for(path))  # mkstemp makes it private; an output is not
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The permissions ``path`` has, or those a new file gets under the process's umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
