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


KNOWN = {"KAZ", "UZB", "KGZ", "SUN"}
TRADED = {"KAZ", "UZB", "KGZ"}


@pytest.mark.parametrize("spec", ["", " , ", []])
def test_empty_country_list_is_an_error_not_the_default(spec):
    with pytest.raises(InputError, match="--countries"):
        parse_countries(spec, KNOWN)


@pytest.mark.parametrize("spec", ["KAZ", "KAZ,kaz"])
def test_a_region_needs_at_least_two_countries(spec):
    with pytest.raises(InputError, match="--countries: a region needs at least two countries"):
        parse_countries(spec, KNOWN)


def test_known_code_without_trade_flows_is_refused():
    with pytest.raises(InputError, match="'SUN' is not a country in the trade data"):
        parse_countries("SUN,UZB", KNOWN, traded=TRADED)
    assert parse_countries("KAZ,UZB", KNOWN, traded=TRADED) == ["KAZ", "UZB"]


def test_single_year_errors_can_name_the_year_option():
    with pytest.raises(InputError, match="^--year: 1800 is out of range"):
        parse_years(1800, 1992, 2025, argument="--year")
    with pytest.raises(InputError, match="^--year:"):
        parse_years("18x0", 1992, 2025, argument="--year")


def test_default_region_is_recognised_in_every_spelling():
    from regint.api.options import is_default_region
    from regint.core.regions import C5_REGION, Region

    assert all(is_default_region(s) for s in (None, "c5", " C5 ", C5_REGION))
    assert not any(is_default_region(s) for s in ("eaeu", Region.fixed("x", "x", {"KAZ", "UZB"})))


def test_region_without_members_on_its_date_is_named():
    from regint.api.options import require_members
    from regint.core.regions import Region

    empty = Region.fixed("eaeu@1990-01-01", "EAEU, members on 1990-01-01", ())
    with pytest.raises(InputError, match="^--region: eaeu had no members on 1990-01-01"):
        require_members(empty)


def test_years_without_members_are_listed_and_all_empty_is_an_error():
    from regint.api.options import check_region_years
    from regint.core.regions import Region

    region = Region.yearly("eaeu", "EAEU", {2015: {"KAZ", "RUS"}, 2016: {"KAZ", "RUS"}})
    assert check_region_years(region, [2013, 2014, 2015, 2016]) == [2013, 2014]
    with pytest.raises(InputError, match="^--region: eaeu had no members in 1995-2000"):
        check_region_years(region, list(range(1995, 2001)))
