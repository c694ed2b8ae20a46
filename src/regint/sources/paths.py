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

    Looked up in this order: the argument, ``$REGINT_RAW_DATA``, then ``shared/data-raw`` beside
    the checkout, beside the working folder, or inside it.
    """
    if explicit is not None:
        candidates = [Path(explicit)]
    elif os.environ.get("REGINT_RAW_DATA"):
        candidates = [Path(os.environ["REGINT_RAW_DATA"])]
    else:
        checkout = Path(__file__).resolve().parents[3]
        here = Path.cwd()
        candidates = [
            checkout.parent / "shared" / "data-raw",
            here.parent / "shared" / "data-raw",
            here / "shared" / "data-raw",
        ]
    for path in candidates:
        if path.is_dir():
            return path
    looked = ", ".join(str(p) for p in dict.fromkeys(candidates))
    raise InputError(
        "raw",
        f"raw data folder not found (looked in {looked}); give the folder or set REGINT_RAW_DATA",
    )
