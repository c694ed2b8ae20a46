"""What a source must contain before its data may enter the snapshot: raw data proves itself.

Each source declares a :class:`Contents` (a field of its declaration, e.g.
:class:`regint.sources.national.NationalSource`, or a module constant such as
``regint.sources.wdi.CONTENTS``). :func:`check_contents` fails, naming the file, when a read
frame holds fewer rows than declared, misses a declared year or a declared reporter. A file
emptied to its header, or cut to a few years, then stops the snapshot instead of silently
taking flows out of it.

A new source fills the same field; ``regint.pipeline.snapshot`` checks every declaration.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from regint.core.errors import DataError


@dataclass(frozen=True)
class Contents:
    """What a source's frame must hold.

    Attributes
    ----------
    min_rows
        At least this many rows (set well below today's count: a real revision may drop a few).
    years
        Every one of these years must appear in ``year_column``.
    reporters
        Every one of these codes must appear in ``reporter_column``.
    """

    min_rows: int = 1
    years: tuple[int, ...] = ()
    reporters: tuple[str, ...] = ()
    year_column: str = "year"
    reporter_column: str = "reporter"


def year_span(first: int, last: int) -> tuple[int, ...]:
    """The years ``first`` to ``last`` inclusive, for :attr:`Contents.years`."""
    return tuple(range(first, last + 1))


def check_contents(frame: pd.DataFrame, contents: Contents, path: str | Path) -> None:
    """Raise a :class:`DataError` naming ``path`` when ``frame`` holds less than declared."""
    if len(frame) < contents.min_rows:
        raise DataError(
            str(path),
            f"holds {len(frame):,} usable rows, fewer than the {contents.min_rows:,} this source "
            "must contain (an emptied or truncated file?)",
        )
    if contents.years:
        present = set(pd.to_numeric(frame[contents.year_column], errors="coerce").dropna())
        missing = [y for y in contents.years if y not in present]
        if missing:
            raise DataError(str(path), f"no rows for {_span(missing)}, which it must contain")
    if contents.reporters:
        present_codes = set(frame[contents.reporter_column].dropna())
        absent = [c for c in contents.reporters if c not in present_codes]
        if absent:
            raise DataError(
                str(path), f"no rows for reporter(s) {', '.join(absent)}, which it must contain"
            )


def _span(years: list[int]) -> str:
    if len(years) > 1 and years[-1] - years[0] == len(years) - 1:
        return f"the years {years[0]}-{years[-1]}"
    return "the year(s) " + ", ".join(str(y) for y in years)
