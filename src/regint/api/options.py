"""Parse and validate user options at the boundary: years, countries, regions, basis."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from regint.core.errors import InputError
from regint.core.regions import C5_REGION, Region
from regint.core.vocab import FIRST_YEAR, LAST_YEAR

_RANGE = re.compile(r"^\s*(\d{4})\s*(?:[-:]|\.\.)\s*(\d{4})\s*$")


def parse_years(
    spec: str | int | Sequence[int] | None,
    first: int = FIRST_YEAR,
    last: int = LAST_YEAR,
    argument: str = "--years",
) -> list[int]:
    """'1995-2023', '2005', '2005,2010,2015' or a sequence; each year within [first, last].

    ``argument`` is the option an error names (``--year`` for a single-year command).
    """
    if spec is None or spec == "":
        return list(range(first, last + 1))
    if isinstance(spec, int):
        years = [spec]
    elif isinstance(spec, str):
        years = _parse_year_string(spec, argument)
    else:
        years = [int(y) for y in spec]
    bad = [y for y in years if not first <= y <= last]
    if bad:
        raise InputError(argument, f"{bad[0]} is out of range; data cover {first}-{last}")
    return sorted(set(years))


def _parse_year_string(spec: str, argument: str = "--years") -> list[int]:
    years: list[int] = []
    for part in spec.split(","):
        match = _RANGE.match(part)
        if match:
            a, b = int(match.group(1)), int(match.group(2))
            if a > b:
                raise InputError(argument, f"'{part.strip()}' runs backwards")
            years.extend(range(a, b + 1))
        elif part.strip().isdigit() and len(part.strip()) == 4:
            years.append(int(part))
        else:
            raise InputError(
                argument, f"cannot read '{part.strip()}'; use 2005, 1995-2023 or 2005,2010"
            )
    return years


MIN_COUNTRIES = 2


def parse_countries(
    spec: str | Iterable[str],
    known: set[str],
    traded: set[str] | None = None,
    minimum: int = MIN_COUNTRIES,
    why: str = "a region needs at least two countries",
) -> list[str]:
    """'KAZ,UZB' or a list of at least ``minimum`` known ISO3 codes (``why`` says why).

    ``known`` holds every code regint knows; ``traded``, when given, the codes that are countries
    in the trade data: a known code outside it (SUN, YUG: historical entities) is refused too.
    """
    codes = [c.strip().upper() for c in (spec.split(",") if isinstance(spec, str) else spec)]
    codes = list(dict.fromkeys(c for c in codes if c))
    if not codes:
        raise InputError("--countries", "no country codes given (e.g. --countries KAZ,UZB)")
    unknown = [c for c in codes if c not in known and (traded is None or c not in traded)]
    if unknown:
        raise InputError(
            "--countries", f"unknown country code '{unknown[0]}' (use ISO 3166 alpha-3, e.g. KAZ)"
        )
    absent = [c for c in codes if traded is not None and c not in traded]
    if absent:
        raise InputError(
            "--countries",
            f"'{absent[0]}' is not a country in the trade data (historical "
            "entities such as SUN or YUG and aggregates are kept out of the flows)",
        )
    if len(codes) < minimum:
        raise InputError("--countries", why)
    return codes


def is_default_region(spec: str | Region | None) -> bool:
    """True for the default region (None, 'c5' or the C5 region itself)."""
    if isinstance(spec, Region):
        return spec == C5_REGION
    return spec is None or spec.strip().lower() == "c5"


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


def require_members(region: Region) -> Region:
    """``region`` itself; InputError('--region') when it has no member at all.

    >>> require_members(C5_REGION).id
    'c5'
    """
    if region.all_members():
        return region
    name, _, when = region.id.partition("@")
    if when:
        raise InputError("--region", f"{name} had no members on {when}")
    raise InputError("--region", f"{region.id} had no members in any year")


def check_region_years(region: Region, years: Sequence[int]) -> list[int]:
    """The years of ``years`` in which ``region`` has no member; InputError when that is all of them.

    >>> check_region_years(C5_REGION, [2005, 2006])
    []
    """
    require_members(region)
    empty = [y for y in years if not region.members(y)]
    if not years or len(empty) < len(years):
        return empty
    span = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
    raise InputError("--region", f"{region.id} had no members in {span}")


def check_output_path(path: str | os.PathLike[str], argument: str = "--out") -> Path:
    """Fail fast, before any computing, when ``path`` cannot be written.

    The nearest existing folder on the way to ``path`` must accept a new file (the missing
    folders below it are made when the file is written). Raises
    ``InputError(argument, 'cannot write <path>: <reason>')``.
    """
    target = Path(path)

    def refuse(reason: str) -> InputError:
        return InputError(argument, f"cannot write {target}: {reason}")

    if target.is_dir():
        raise refuse("it is a folder")
    folder = target.parent
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    if not folder.is_dir():
        raise refuse(f"{folder} is not a folder")
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as err:
        raise refuse(f"cannot create a file in {folder} ({err.strerror or err})") from None
    return target
