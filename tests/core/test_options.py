"""One option vocabulary (regint.core.options): every bad value names its Python parameter."""

from __future__ import annotations

import pytest

from regint.api.knowledge import resolve_region
from regint.core.errors import InputError
from regint.core.options import parse_countries, parse_years


def test_year_range_and_lists_are_read():
    assert parse_years("1995-1997", 1992, 2025) == [1995, 1996, 1997]
    assert parse_years("2005,2010", 1992, 2025) == [2005, 2010]
    assert parse_years(2005, 1992, 2025) == [2005]


@pytest.mark.parametrize("spec", ["1980-1990", "2030", "1999-1995", "nineteen", "20x5"])
def test_bad_years_name_the_argument(spec):
    with pytest.raises(InputError, match="^years: "):
        parse_years(spec, 1992, 2025)


def test_unknown_country_code_is_named():
    with pytest.raises(InputError, match="XYZ"):
        parse_countries("KAZ,XYZ", {"KAZ", "UZB"})
    assert parse_countries("kaz, uzb", {"KAZ", "UZB"}) == ["KAZ", "UZB"]


def test_unknown_region_is_rejected():
    with pytest.raises(InputError, match="^region: "):
        resolve_region("atlantis")


def test_default_region_is_c5():
    assert resolve_region("c5").members(2000) == frozenset({"KAZ", "KGZ", "TJK", "TKM", "UZB"})


KNOWN = {"KAZ", "UZB", "KGZ", "SUN"}
TRADED = {"KAZ", "UZB", "KGZ"}


@pytest.mark.parametrize("spec", ["", " , ", []])
def test_empty_country_list_is_an_error_not_the_default(spec):
    with pytest.raises(InputError, match="^countries: "):
        parse_countries(spec, KNOWN)


@pytest.mark.parametrize("spec", ["KAZ", "KAZ,kaz"])
def test_a_region_needs_at_least_two_countries(spec):
    with pytest.raises(InputError, match="^countries: a region needs at least two countries"):
        parse_countries(spec, KNOWN)


def test_known_code_without_trade_flows_is_refused():
    with pytest.raises(InputError, match="'SUN' is not a country in the trade data"):
        parse_countries("SUN,UZB", KNOWN, traded=TRADED)
    assert parse_countries("KAZ,UZB", KNOWN, traded=TRADED) == ["KAZ", "UZB"]


def test_single_year_errors_can_name_the_year_option():
    with pytest.raises(InputError, match="^year: 1800 is out of range"):
        parse_years(1800, 1992, 2025, parameter="year")
    with pytest.raises(InputError, match="^year:"):
        parse_years("18x0", 1992, 2025, parameter="year")


def test_default_region_is_recognised_in_every_spelling():
    from regint.core.regions import C5_REGION, Region, is_default_region

    assert all(is_default_region(s) for s in (None, "c5", " C5 ", C5_REGION))
    assert not any(is_default_region(s) for s in ("eaeu", Region.fixed("x", "x", {"KAZ", "UZB"})))


def test_region_without_members_on_its_date_is_named():
    from regint.core.regions import Region, require_members

    empty = Region.fixed("eaeu@1990-01-01", "EAEU, members on 1990-01-01", ())
    with pytest.raises(InputError, match="^region: eaeu had no members on 1990-01-01"):
        require_members(empty)


def test_years_without_members_are_listed_and_all_empty_is_an_error():
    from regint.core.regions import Region, check_region_years

    region = Region.yearly("eaeu", "EAEU", {2015: {"KAZ", "RUS"}, 2016: {"KAZ", "RUS"}})
    assert check_region_years(region, [2013, 2014, 2015, 2016]) == [2013, 2014]
    with pytest.raises(InputError, match="^region: eaeu had no members in 1995-2000"):
        check_region_years(region, list(range(1995, 2001)))


def test_an_empty_year_string_is_refused_not_read_as_all_years():
    with pytest.raises(InputError, match="^years: no year given"):
        parse_years("", 1992, 2025)
    assert parse_years(None, 2019, 2020) == [2019, 2020]


@pytest.mark.parametrize("factor", [0.99, 1.51, 2.0, -1.0, float("nan")])
def test_cif_fob_outside_its_range_names_the_parameter(factor):
    from regint.core.options import check_cif_fob

    with pytest.raises(InputError, match=r"^cif_fob: CIF/FOB factor .* is outside \[1.0, 1.5\]"):
        check_cif_fob(factor)


@pytest.mark.parametrize("factor", [1.0, 1.06, 1.5])
def test_cif_fob_range_is_inclusive(factor):
    from regint.core.options import check_cif_fob

    assert check_cif_fob(factor) == factor


def test_basis_and_level_list_their_allowed_values():
    from regint.core.options import check_basis, check_level

    with pytest.raises(InputError, match="^basis: .*reported, mirror, reconciled"):
        check_basis("fob")
    with pytest.raises(InputError, match="^level: .*region, country"):
        check_level("world")


def test_dates_are_read_and_the_future_refused_where_asked():
    import datetime as dt

    from regint.core.options import parse_date

    assert parse_date(dt.datetime(2016, 1, 1, 12)) == dt.date(2016, 1, 1)
    with pytest.raises(InputError, match="^as_of: bad date"):
        parse_date("2016-02-30", "as_of")
    with pytest.raises(InputError, match="^on: 2999-01-01 is in the future"):
        parse_date("2999-01-01", future=False)


def test_no_error_outside_the_cli_names_a_flag():
    """An InputError raised outside regint.cli names a Python parameter, never a CLI flag."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "src" / "regint"
    flag = re.compile(r"(InputError|refuse)\(\s*f?[\"']--")
    found = [
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if "cli" not in p.relative_to(root).parts and flag.search(p.read_text())
    ]
    assert found == []


@pytest.mark.parametrize("spec", [5, ["KAZ", 5], [None]])
def test_countries_of_a_wrong_type_name_the_argument(spec):
    with pytest.raises(InputError, match="^countries: cannot read"):
        parse_countries(spec, {"KAZ", "UZB"})


def test_countries_from_a_generator_are_read_once():
    assert parse_countries((c for c in ["kaz", "uzb"]), {"KAZ", "UZB"}) == ["KAZ", "UZB"]


@pytest.mark.parametrize("spec", [5, 2.5, ["c5"]])
def test_a_region_of_a_wrong_type_names_the_argument(spec):
    with pytest.raises(InputError, match="^region: cannot read"):
        resolve_region(spec)
