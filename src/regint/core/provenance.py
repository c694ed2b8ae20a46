"""Provenance records that travel with every table, export and chart."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from regint.core.marks import PARQUET_MARK


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


@dataclass(frozen=True, eq=False)
class Provenance(Mapping[str, Any]):
    """What a result rests on: the facts of its view, its sources and the warehouse build.

    Made by :func:`make_provenance` only, and serialised the same way everywhere: JSON
    ``origins`` (:meth:`to_dict`), CSV ``#`` lines (:meth:`to_lines`), Parquet key-value
    metadata (:meth:`to_parquet_metadata`) and chart footers (:meth:`producer`). It reads like a
    mapping (``prov["sources"]``, ``prov.get("notes")``) so results print the same as before.

    >>> prov = make_provenance(basis="reconciled", sources=[{"source_id": "imf_dots",
    ...     "producer": "IMF (International Monetary Fund)", "title": "DOTS", "licence": "IMF"}])
    >>> prov["basis"], prov.producer("imf_dots")
    ('reconciled', 'IMF')
    >>> prov.to_lines()
    ['source: DOTS [IMF]']
    """

    facts: tuple[tuple[str, Any], ...] = ()
    sources: tuple[Mapping[str, Any], ...] | None = None
    build: Mapping[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON ``origins`` of a result: its facts, then ``sources`` and ``build``."""
        out = dict(self.facts)
        if self.sources is not None:
            out["sources"] = [dict(s) for s in self.sources]
        if self.build is not None:
            out["build"] = dict(self.build)
        return out

    def to_lines(self, notes: Sequence[str] = ()) -> list[str]:
        """CSV comment lines (without the ``#``): ``notes``, each source, the build."""
        lines = list(notes)
        for src in self.sources or ():
            lines.append(
                f"source: {src.get('citation') or src.get('title')} [{src.get('licence')}]"
            )
        if self.build:
            b = self.build
            lines.append(f"build: regint {b.get('code_version')} at {b.get('built_at')}")
        return lines

    def to_parquet_metadata(self) -> dict[bytes, bytes]:
        """Parquet key-value metadata: ``regint.provenance`` holds :meth:`to_dict` as JSON."""
        return {PARQUET_MARK: json.dumps(self.to_dict(), default=str).encode()}

    def producer(self, source_id: str) -> str | None:
        """The short name of a source's producer for a chart footer ('IMF'), None if unused."""
        for src in self.sources or ():
            if src.get("source_id") == source_id:
                return str(src.get("producer") or source_id).split(" (")[0]
        return None

    def __getitem__(self, key: str) -> Any:
        return self.to_dict()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.to_dict())

    def __len__(self) -> int:
        return len(self.to_dict())


def make_provenance(
    *,
    sources: Iterable[Mapping[str, Any]] | None = None,
    build: Mapping[str, Any] | None = None,
    **facts: Any,
) -> Provenance:
    """The one constructor of :class:`Provenance`; ``facts`` keep the order they are given in."""
    return Provenance(
        facts=tuple(facts.items()),
        sources=None if sources is None else tuple(sources),
        build=build,
    )


def as_provenance(value: Mapping[str, Any] | None) -> Provenance:
    """``value`` as a :class:`Provenance` (a plain mapping goes through :func:`make_provenance`)."""
    if isinstance(value, Provenance):
        return value
    return make_provenance(**dict(value or {}))


def attach_provenance(
    frame: pd.DataFrame, provenance: Provenance | Mapping[str, Any]
) -> pd.DataFrame:
    """Attach provenance to a frame (``frame.attrs['provenance']``) and return the frame."""
    frame.attrs["provenance"] = as_provenance(provenance)
    return frame
