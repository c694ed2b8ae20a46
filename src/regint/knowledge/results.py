"""Query results: small frozen objects with ``.to_frame()`` and provenance attached."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from regint.core.provenance import Provenance, attach_provenance, make_provenance
from regint.knowledge.dates import PartialDate


@dataclass(frozen=True)
class Table:
    """A tabular answer: rows of plain values, notes for the reader, provenance.

    Each row may carry an ``evidence`` tuple (the URLs behind it); ``to_frame()`` leaves it out
    unless asked, and the provenance lists every URL used.
    """

    title: str
    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]
    notes: tuple[str, ...] = ()
    provenance: Provenance = field(default_factory=make_provenance, compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)

    def column(self, name: str) -> list[Any]:
        """The values of one column, in row order."""
        return [row.get(name) for row in self.rows]

    @property
    def is_uncertain(self) -> bool:
        """True when any row is flagged uncertain (a date boundary falls in its window)."""
        return any(row.get("uncertain") for row in self.rows)

    @property
    def all_columns(self) -> tuple[str, ...]:
        """``columns`` followed by every other field the rows carry (not evidence)."""
        extra = dict.fromkeys(
            k for row in self.rows for k in row if k not in self.columns and k != "evidence"
        )
        return (*self.columns, *(k for k in extra if not k.startswith("_")))

    def to_frame(self, evidence: bool = False, full: bool = False) -> pd.DataFrame:
        """The rows as a DataFrame with ``attrs['provenance']``.

        ``columns`` are the reading view; ``full=True`` adds every other field of the rows
        (what ``--json``, ``--csv`` and ``--parquet`` print) and ``evidence=True`` the URLs.
        """
        columns = list(self.all_columns if full else self.columns)
        columns += ["evidence"] if evidence else []
        data = [{c: _cell(row.get(c)) for c in columns} for row in self.rows]
        frame = pd.DataFrame(data, columns=columns)
        return attach_provenance(frame, self.provenance)


def _cell(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return " ".join(str(v) for v in value)
    return value


@dataclass(frozen=True)
class StatusAnswer:
    """A state's status in an organisation on a date, with suspension kept apart from membership.

    ``status`` is one of the model's statuses, or ``'uncertain'`` when the date falls inside the
    window of a boundary known only to a month or year; ``possible`` then lists the candidates.
    ``is_member`` is True/False for full membership, None when uncertain between the two.
    ``on`` is a day, or a month or year (a :class:`PartialDate`) standing for each of its days.
    """

    country: str
    org: str
    on: dt.date | PartialDate
    status: str
    possible: tuple[str, ...]
    is_member: bool | None
    uncertain: bool
    since: str | None = None
    until: str | None = None
    spell_id: str | None = None
    confidence: str | None = None
    note: str = ""
    evidence: tuple[str, ...] = ()
    provenance: Provenance = field(default_factory=make_provenance, compare=False, repr=False)

    COLUMNS = (
        "country",
        "org",
        "on",
        "status",
        "possible",
        "is_member",
        "uncertain",
        "since",
        "until",
        "confidence",
        "note",
    )

    def as_row(self) -> dict[str, Any]:
        row = {c: getattr(self, c) for c in self.COLUMNS}
        row["on"] = str(self.on)
        row["possible"] = ", ".join(self.possible)
        row["evidence"] = self.evidence
        return row

    def to_frame(self, evidence: bool = False) -> pd.DataFrame:
        return Table("status", self.COLUMNS, (self.as_row(),), (), self.provenance).to_frame(
            evidence
        )
