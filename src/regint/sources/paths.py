"""Where the project's committed data and the raw inputs live."""

from __future__ import annotations

import os
from pathlib import Path

from regint.core.errors import InputError


def project_data_dir() -> Path:
    """The committed ``data/`` folder: in a checkout, or packaged as ``regint/_data``."""
    here = Path(__file__).resolve()
    packaged = here.parents[1] / "_data"
    if packaged.is_dir():
        return packaged
    checkout = here.parents[3] / "data"
    return checkout


def raw_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The raw public sources (``../shared/data-raw`` in development).

    Looked up in this order: the argument, ``$REGINT_RAW_DATA``, ``../shared/data-raw``
    next to the checkout.
    """
    if explicit is not None:
        path = Path(explicit)
    elif os.environ.get("REGINT_RAW_DATA"):
        path = Path(os.environ["REGINT_RAW_DATA"])
    else:
        path = Path(__file__).resolve().parents[3].parent / "shared" / "data-raw"
    if not path.is_dir():
        raise InputError("--raw", f"raw data folder not found: {path}")
    return path
