"""Parse and validate user options at the boundary: years, countries, regions, basis."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from regint.core.errors import InputError
from regint.core.regions import C5_REGION, Region
from regint.core.vocab import FIRST_YEAR, LAST_YEAR

_RANGE = re.compile(r"^\s*(\d{4})\s*(?:[-:]|\.\.)\s*(\d{4})\s*$")


def parse_years(spec: str | int | Sequence[int] | None, first: int = FIRST_YEAR,
                last: int = LAST_YEAR) -> list[int]:
    """'1995-2023', '2005', '2005,2010,2015' or a sequence; each year within [first, last]."""
    if spec is None or spec == "":
        return list(range(first, last + 1))
    if isinstance(spec, int):
        years = [spec]
    elif isinstance(spec, str):
        years = _parse_year_string(spec)
    else:
        years = [int(y) for y in spec]
    bad = [y for y in years if not first <= y <= last]
    if bad:
        raise InputError("--years", f"{bad[0]} is out of range; data cover {first}-{last}")
    return sorted(set(years))


def _parse_year_string(spec: str) -> list[int]:
    years: list[int] = []
    for part in spec.split(","):
        match = _RANGE.match(part)
        if match:
            a, b = int(match.group(1)), int(match.group(2))
            if a > b:
                raise InputError("--years", f"'{part.strip()}' runs backwards")
            years.extend(range(a, b + 1))
        elif part.strip().isdigit() and len(part.strip()) == 4:
            years.append(int(part))
        else:
            raise InputError("--years", f"cannot read '{part.strip()}'; use 2005, 1995-2023 or 2005,2010")
    return years


def parse_countries(spec: str | Iterable[str], known: set[str]) -> list[str]:
    """'KAZ,UZB' or a list; every code must be a known ISO3 code."""
    codes = [c.strip().upper() for c in (spec.split(",") if isinstance(spec, str) else spec)]
    codes = [c for c in codes if c]
    if not codes:
        raise InputError("--countries", "no country codes given")
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise InputError("--countries", f"unknown country code '{unknown[0]}' (use ISO 3166 alpha-3, e.g. KAZ)")
    return list(dict.fromkeys(codes))


def resolve_region(spec: str | Region | None) -> Region:
    """A Region from an id ('c5', 'eaeu', 'eaeu@2016-01-01') or a Region."""
    if isinstance(spec, Region):
        return spec
    if spec is None or spec.lower() == "c5":
        return C5_REGION
    try:
        from regint.api.knowledge import resolve_region as kb_resolve
    except ImportError:
        raise InputError("--region", f"unknown region '{spec}'; known: c5") from None
    return kb_resolve(spec)
