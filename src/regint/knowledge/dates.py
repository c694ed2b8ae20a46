"""Dates known to a day, a month or a year, and where a query date falls relative to them.

A membership spell starts and ends on dates that the sources give with different precision:
``"2015-08-06"`` (day), ``"2001-05"`` (month) or ``"1997"`` (year). The precision is the
precision of how the date is written. A date known to the month stands for *some* day of that
month; a query that falls inside that window cannot be answered for sure, and the knowledge base
says so instead of guessing.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal, get_args

Precision = Literal["day", "month", "year"]
PRECISIONS: tuple[str, ...] = get_args(Precision)

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class PartialDate:
    """A calendar date known to a day, a month or a year.

    >>> PartialDate.parse("2001-05").precision
    'month'
    >>> str(PartialDate.parse("2001-05").latest)
    '2001-05-31'
    """

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        """Read 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (or a date, or a bare year as int)."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
            return cls(value)
        if not isinstance(value, str):
            raise ValueError(f"bad date {value!r}: write 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'")
        match = _PATTERN.match(value.strip())
        if not match:
            raise ValueError(f"bad date '{value}': write 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"bad date '{value}': month {month} does not exist")
        if day is not None:
            assert month is not None
            if not 1 <= day <= calendar.monthrange(year, month)[1]:
                raise ValueError(
                    f"bad date '{value}': day {day} does not exist in {year}-{month:02d}"
                )
        return cls(year, month, day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def earliest(self) -> dt.date:
        """The first day this date may stand for."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The last day this date may stand for."""
        if self.day is not None:
            return self.earliest
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def is_exact(self) -> bool:
        return self.day is not None

    def __str__(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


Coverage = Literal["yes", "no", "maybe"]


def starts_by(start: PartialDate | None, on: dt.date) -> Coverage:
    """Whether something that starts on ``start`` (inclusive) has started on ``on``."""
    if start is None or start.latest <= on:
        return "yes"
    if on < start.earliest:
        return "no"
    return "maybe"


def still_before(end: PartialDate | None, on: dt.date) -> Coverage:
    """Whether ``on`` is before an exclusive ``end`` (the first day the state no longer holds)."""
    if end is None or on < end.earliest:
        return "yes"
    if end.latest <= on:
        return "no"
    return "maybe"


def combine(a: Coverage, b: Coverage) -> Coverage:
    """Both must hold: 'no' wins, then 'maybe'."""
    if "no" in (a, b):
        return "no"
    return "maybe" if "maybe" in (a, b) else "yes"
