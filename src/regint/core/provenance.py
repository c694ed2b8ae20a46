"""Provenance records that travel with every table, export and chart."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd


@dataclass(frozen=True)
class FileLock:
    """A generated lock record of one raw input file."""

    path: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Origin:
    """Where a table came from: the hand-written source record plus file locks.

    ``source_id`` matches a record in ``data/sources/<source_id>.yaml``.
    """

    source_id: str
    producer: str
    title: str
    licence: str
    urls: tuple[str, ...] = ()
    redistributable: str = "yes"
    citation: str = ""
    files: tuple[FileLock, ...] = ()
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "source_id": self.source_id,
            "producer": self.producer,
            "title": self.title,
            "licence": self.licence,
            "urls": list(self.urls),
            "redistributable": self.redistributable,
            "citation": self.citation,
            "files": [f.__dict__ for f in self.files],
            "note": self.note,
        }


@dataclass(frozen=True)
class SourceTable:
    """A tidy frame read from one provider, with its origin."""

    frame: pd.DataFrame
    origin: Origin
    notes: tuple[str, ...] = field(default_factory=tuple)


def attach_provenance(frame: pd.DataFrame, provenance: dict[str, Any]) -> pd.DataFrame:
    """Attach a provenance dict to a frame (``frame.attrs['provenance']``) and return it."""
    frame.attrs["provenance"] = provenance
    return frame
