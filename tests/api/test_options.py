"""Option parsing at the boundary: every bad value names its argument."""

from __future__ import annotations

import pytest

from regint.api.options import parse_countries, parse_years, resolve_region
from regint.core.errors import InputError


def test_year_range_and_lists_are_read():
    assert parse_years("1995-1997") == [1995, 1996, 1997]
    assert parse_years("2005,2010") == [2005, 2010]
    assert parse_years(2005) == [2005]


@pytest.mark.parametrize("spec", ["1980-1990", "2030", "1999-1995", "nineteen", "20x5"])
def test_bad_years_name_the_argument(spec):
    with pytest.raises(InputError, match="--years"):
        parse_years(spec, 1992, 2025)


def test_unknown_country_code_is_named():
    with pytest.raises(InputError, match="XYZ"):
        parse_countries("KAZ,XYZ", {"KAZ", "UZB"})
    assert parse_countries("kaz, uzb", {"KAZ", "UZB"}) == ["KAZ", "UZB"]


def test_unknown_region_is_rejected():
    with pytest.raises(InputError, match="--region"):
        resolve_region("atlantis")


def test_default_region_is_c5():
    assert resolve_region(None).members(2000) == frozenset({"KAZ", "KGZ", "TJK", "TKM", "UZB"})
