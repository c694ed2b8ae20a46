"""One vocabulary for user options: each option's type, default and validator, written once.

Every entry point (the Python API, the CLI, the report, later the web API) validates its options
with these functions. An error names the *Python parameter* (``cif_fob``, ``years``); the CLI
translates a parameter to its flag (``--cif-fob``) in one place, ``regint.cli.main``.

>>> check_cif_fob(1.06)
1.06
>>> parse_years("2018-2020", 1992, 2025)
[2018, 2019, 2020]
>>> check_basis("mirror")
'mirror'
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Literal, get_args

from regint.core.errors import InputError
from regint.core.marks import is_regint_output
from regint.core.vocab import DIMENSIONS, Dimension

# --- shared type aliases -----------------------------------------------------------------
PathLike = str | os.PathLike[str]
"""A file path as a user may give it."""
Progress = Callable[[str], None]
"""A progress callback: receives one short message per step."""


def quiet(_: str) -> None:
    """The default progress callback: say nothing."""


# --- trade basis ---------------------------------------------------------------------------
Basis = Literal["reported", "mirror", "reconciled"]
BASES: tuple[Basis, ...] = get_args(Basis)
BASIS_DEFAULT: Basis = "reconciled"


def check_basis(basis: Basis | str, parameter: str = "basis") -> Basis:
    """``basis`` itself when it is one of :data:`BASES`; InputError naming ``parameter`` otherwise.

    >>> check_basis("fob")
    Traceback (most recent call last):
    ...
    regint.core.errors.InputError: basis: unknown basis 'fob'; allowed: reported, mirror, reconciled
    """
    for allowed in BASES:
        if basis == allowed:
            return allowed
    raise InputError(parameter, f"unknown basis {basis!r}; allowed: {', '.join(BASES)}")


# --- level -------------------------------------------------------------------------------
Level = Literal["region", "country", "pair"]
LEVELS: tuple[Level, ...] = get_args(Level)


def check_level(level: Level | str, parameter: str = "level") -> Level:
    """``level`` itself when it is one of :data:`LEVELS`; InputError naming ``parameter`` otherwise."""
    for allowed in LEVELS:
        if level == allowed:
            return allowed
    raise InputError(parameter, f"unknown level {level!r}; allowed: {', '.join(LEVELS)}")


# The study's drivers of integration (regint.core.vocab.DIMENSIONS): one parser for users' spellings.
def parse_dimension(text: str, parameter: str = "dimension") -> Dimension:
    """A dimension from a user's spelling: case, hyphens, spaces and 'and' are forgiven.

    >>> parse_dimension("Water and energy"), parse_dimension("water-energy")
    ('water_energy', 'water_energy')
    """
    key = "_".join(str(text).strip().lower().replace("-", " ").replace("&", " ").split())
    key = key.replace("_and_", "_")
    for allowed in DIMENSIONS:
        if key == allowed:
            return allowed
    raise InputError(parameter, f"unknown dimension {text!r}; allowed: {', '.join(DIMENSIONS)}")


# --- CIF/FOB factor ------------------------------------------------------------------------
CIF_FOB_DEFAULT = 1.06
"""The IMF convention: an importer's CIF value is 6% above the exporter's FOB value."""
CIF_FOB_RANGE = (1.0, 1.5)
"""Allowed factors: below 1 a CIF value would be smaller than FOB; above 1.5 no published
estimate of freight and insurance margins reaches (Gaulier et al. 2008 find 1.03-1.10)."""


def check_cif_fob(value: float, parameter: str = "cif_fob") -> float:
    """The CIF/FOB factor as a float within :data:`CIF_FOB_RANGE` (inclusive).

    >>> check_cif_fob(2.0)
    Traceback (most recent call last):
    ...
    regint.core.errors.InputError: cif_fob: CIF/FOB factor 2.0 is outside [1.0, 1.5]
    """
    low, high = CIF_FOB_RANGE
    try:
        factor = float(value)
    except (TypeError, ValueError):
        raise InputError(parameter, f"CIF/FOB factor {value!r} is not a number") from None
    if isinstance(value, bool) or math.isnan(factor) or not low <= factor <= high:
        raise InputError(parameter, f"CIF/FOB factor {value} is outside [{low}, {high}]")
    return factor


# --- years ---------------------------------------------------------------------------------
Years = str | int | Sequence[int] | None
"""'1995-2023', '2019', '2005,2010', a year, a list of years, or None for every year."""

_RANGE = re.compile(r"^\s*(\d{4})\s*(?:[-:]|\.\.)\s*(\d{4})\s*$")


def parse_years(spec: Years, first: int, last: int, parameter: str = "years") -> list[int]:
    """The sorted years of ``spec``, each within [first, last]; None means all of them.

    An empty string is refused: it is a mistake (an unset shell variable), not "all years".

    >>> parse_years("2019", 1992, 2025)
    [2019]
    >>> parse_years("", 1992, 2025)
    Traceback (most recent call last):
    ...
    regint.core.errors.InputError: years: no year given; write 2005, 1995-2023 or 2005,2010 (or leave it out for all years)
    """
    if spec is None:
        return list(range(first, last + 1))
    if isinstance(spec, bool):
        raise InputError(parameter, f"cannot read {spec!r} as years")
    if isinstance(spec, int):
        years = [spec]
    elif isinstance(spec, str):
        years = _parse_year_string(spec, parameter)
    else:
        try:
            years = [int(y) for y in spec]
        except (TypeError, ValueError):
            raise InputError(parameter, f"cannot read {spec!r} as years") from None
        if not years:
            raise InputError(parameter, "no year given (an empty list); leave it out for all years")
    bad = [y for y in years if not first <= y <= last]
    if bad:
        raise InputError(parameter, f"{bad[0]} is out of range; data cover {first}-{last}")
    return sorted(set(years))


def _parse_year_string(spec: str, parameter: str) -> list[int]:
    if not spec.strip():
        raise InputError(
            parameter,
            "no year given; write 2005, 1995-2023 or 2005,2010 (or leave it out for all years)",
        )
    years: list[int] = []
    for part in spec.split(","):
        match = _RANGE.match(part)
        if match:
            a, b = int(match.group(1)), int(match.group(2))
            if a > b:
                raise InputError(parameter, f"'{part.strip()}' runs backwards")
            years.extend(range(a, b + 1))
        elif part.strip().isdigit() and len(part.strip()) == 4:
            years.append(int(part))
        else:
            raise InputError(
                parameter, f"cannot read '{part.strip()}'; use 2005, 1995-2023 or 2005,2010"
            )
    return years


# --- countries -----------------------------------------------------------------------------
Countries = str | Sequence[str] | None
"""'KAZ,UZB' or a list of ISO3 codes; None means "use the region"."""
MIN_COUNTRIES = 2


def parse_countries(
    spec: str | Iterable[str],
    known: set[str],
    traded: set[str] | None = None,
    parameter: str = "countries",
    minimum: int = MIN_COUNTRIES,
    why: str = "a region needs at least two countries",
) -> list[str]:
    """'KAZ,UZB' or a list of at least ``minimum`` known ISO3 codes, upper-cased, duplicates
    dropped (``why`` says why a shorter list is refused).

    ``known`` holds every code regint knows; ``traded``, when given, the codes that are countries
    in the trade data: a known code outside it (SUN, YUG: historical entities) is refused too.

    >>> parse_countries("kaz, uzb", {"KAZ", "UZB"})
    ['KAZ', 'UZB']
    """
    items: list[object] = (
        list(spec.split(","))
        if isinstance(spec, str)
        else list(spec)
        if _iterable(spec)
        else [spec]
    )
    codes = [c.strip().upper() for c in items if isinstance(c, str)]
    if len(codes) != len(items):
        raise InputError(parameter, f"cannot read {spec!r}: give ISO3 codes, 'KAZ,UZB' or a list")
    codes = list(dict.fromkeys(c for c in codes if c))
    if not codes:
        raise InputError(parameter, "no country codes given (e.g. KAZ,UZB)")
    unknown = [c for c in codes if c not in known and (traded is None or c not in traded)]
    if unknown:
        raise InputError(
            parameter, f"unknown country code '{unknown[0]}' (use ISO 3166 alpha-3, e.g. KAZ)"
        )
    absent = [c for c in codes if traded is not None and c not in traded]
    if absent:
        raise InputError(
            parameter,
            f"'{absent[0]}' is not a country in the trade data (historical "
            "entities such as SUN or YUG and aggregates are kept out of the flows)",
        )
    if len(codes) < minimum:
        raise InputError(parameter, why)
    return codes


def _iterable(value: object) -> bool:
    return isinstance(value, Iterable)


# --- region --------------------------------------------------------------------------------
REGION_DEFAULT = "c5"
"""Central Asia: KAZ, KGZ, TJK, TKM, UZB."""

# --- dates ---------------------------------------------------------------------------------
DateLike = dt.date | str
"""A day as ``datetime.date`` or 'YYYY-MM-DD'."""


def parse_date(value: DateLike, parameter: str = "on", *, future: bool = True) -> dt.date:
    """A full day from a date or 'YYYY-MM-DD'; with ``future=False`` a day after today is refused.

    >>> parse_date("2016-01-01")
    datetime.date(2016, 1, 1)
    >>> parse_date("2016-13-01")
    Traceback (most recent call last):
    ...
    regint.core.errors.InputError: on: bad date '2016-13-01': write YYYY-MM-DD, e.g. 2016-01-01
    """
    if isinstance(value, dt.datetime):  # a datetime is a date, but does not compare with one
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        text = str(value).strip()
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise InputError(
                parameter, f"bad date '{text}': write YYYY-MM-DD, e.g. 2016-01-01"
            ) from None
    if not future and day > dt.date.today():
        raise InputError(
            parameter, f"{day} is in the future; the knowledge base records facts up to today"
        )
    return day


# --- output paths --------------------------------------------------------------------------


def check_output_path(path: PathLike, parameter: str = "out") -> Path:
    """Fail fast, before any computing, when ``path`` cannot be written.

    The nearest existing folder on the way to ``path`` must accept a new file (the missing
    folders below it are made when the file is written). Raises
    ``InputError(parameter, 'cannot write <path>: <reason>')``. This is the one check in
    ``core`` that touches the file system: it creates and removes a temporary file.
    """
    if not str(path).strip():
        raise InputError(parameter, "the path is empty; name a file")
    target = Path(path)

    def refuse(reason: str) -> InputError:
        return InputError(parameter, f"cannot write {target}: {reason}")

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


def check_output_file(path: PathLike, parameter: str = "out") -> Path:
    """:func:`check_output_path`, and refuse to replace a file regint cannot prove it wrote.

    An existing non-empty file is replaced only when it carries regint's output mark
    (:func:`regint.core.marks.is_regint_output`): a report or Parquet file from an earlier run.
    Anything else is the user's, and ``InputError(parameter, ...)`` says so.
    """
    target = check_output_path(path, parameter)
    if target.exists() and not target.is_file():  # a device or a pipe is never replaced
        raise InputError(parameter, f"cannot write {target}: it is not a regular file")
    if target.is_file() and target.stat().st_size > 0 and not is_regint_output(target):
        raise InputError(
            parameter,
            f"cannot write {target}: it exists and regint did not write it; "
            "choose another file or move it away",
        )
    return target
