"""Region definitions: a named set of countries, fixed or changing year by year."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from regint.core.vocab import C5


@dataclass(frozen=True)
class Region:
    """A set of countries whose membership may change by year.

    ``by_year`` overrides ``default`` for the years it names; a knowledge-base region
    (``eaeu``) fills it from dated membership spells.

    >>> Region.fixed("c5", "Central Asia (C5)", C5).members(2005) == frozenset(C5)
    True
    """

    id: str
    label: str
    default: frozenset[str]
    by_year: tuple[tuple[int, frozenset[str]], ...] = ()
    source: str = ""

    @classmethod
    def fixed(cls, region_id: str, label: str, members: Iterable[str], source: str = "") -> Region:
        return cls(region_id, label, frozenset(members), (), source)

    @classmethod
    def yearly(
        cls, region_id: str, label: str, members: Mapping[int, Iterable[str]], source: str = ""
    ) -> Region:
        by_year = tuple(sorted((int(y), frozenset(m)) for y, m in members.items()))
        everyone = frozenset().union(*(m for _, m in by_year)) if by_year else frozenset()
        return cls(region_id, label, everyone, by_year, source)

    def members(self, year: int) -> frozenset[str]:
        """Members in ``year``."""
        for y, m in self.by_year:
            if y == year:
                return m
        return self.default if not self.by_year else frozenset()

    def all_members(self) -> frozenset[str]:
        """Everyone who was a member in any year."""
        if not self.by_year:
            return self.default
        return frozenset().union(*(m for _, m in self.by_year))

    @property
    def is_time_varying(self) -> bool:
        return bool(self.by_year)


C5_REGION = Region.fixed("c5", "Central Asia (C5)", C5, source="regint core vocabulary")
