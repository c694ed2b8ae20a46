"""Region definitions: a named set of countries, fixed or changing year by year."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from regint.core.errors import InputError
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


def is_default_region(spec: str | Region | None) -> bool:
    """True for the default region (None, 'c5' or the C5 region itself)."""
    if isinstance(spec, Region):
        return spec == C5_REGION
    return spec is None or spec.strip().lower() == "c5"


def require_members(region: Region, parameter: str = "region") -> Region:
    """``region`` itself; InputError naming ``parameter`` when it has no member at all.

    >>> require_members(C5_REGION).id
    'c5'
    """
    if region.all_members():
        return region
    name, _, when = region.id.partition("@")
    if when:
        raise InputError(parameter, f"{name} had no members on {when}")
    raise InputError(parameter, f"{region.id} had no members in any year")


def check_region_years(
    region: Region, years: Sequence[int], parameter: str = "region"
) -> list[int]:
    """The years of ``years`` in which ``region`` has no member; InputError when that is all of them.

    >>> check_region_years(C5_REGION, [2005, 2006])
    []
    """
    require_members(region, parameter)
    empty = [y for y in years if not region.members(y)]
    if not years or len(empty) < len(years):
        return empty
    span = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
    raise InputError(parameter, f"{region.id} had no members in {span}")
