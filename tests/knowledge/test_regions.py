"""Region sets from membership spells: fixed on a date, or year by year on 1 July."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from regint.core.errors import InputError
from regint.knowledge.base import KnowledgeBase
from regint.knowledge.load import read_kb
from regint.knowledge.regions import parse_region, region_from_org


@pytest.fixture(scope="module")
def mini(fixtures_dir: Path) -> KnowledgeBase:
    return read_kb(fixtures_dir / "knowledge" / "kb")


def test_yearly_region_counts_full_members_on_1_july(mini: KnowledgeBase) -> None:
    region = region_from_org(mini, "alpha", years=range(1994, 2011))
    assert region.is_time_varying
    assert region.members(1997) == {"KAZ"}
    # UZB's start is known only to the year: placed at 1998-01-01, so it counts in 1998
    assert region.members(1998) == {"KAZ", "UZB"}
    # suspended from 2008-10-20: still a member on 1 July 2008, not in 2009
    assert region.members(2008) == {"KAZ", "UZB"}
    assert region.members(2009) == {"KAZ"}
    assert region.all_members() == {"KAZ", "UZB"}
    assert "1 July" in region.source and "first day of its window" in region.source


def test_a_month_precision_start_is_placed_at_the_first_of_the_month(mini: KnowledgeBase) -> None:
    region = region_from_org(mini, "beta", years=[2001, 2014, 2015])
    assert region.members(2001) == {"KGZ"}  # from "2001-05"
    assert region.members(2015) == frozenset()  # dissolved 2015-01-01


def test_fixed_region_on_a_date(mini: KnowledgeBase) -> None:
    region = region_from_org(mini, "alpha", on=dt.date(2010, 1, 1))
    assert not region.is_time_varying
    assert region.members(1950) == {"KAZ"}
    assert region.id == "alpha@2010-01-01"


@pytest.mark.parametrize(
    ("spec", "year", "expected"),
    [
        ("eaeu", 2016, {"ARM", "BLR", "KAZ", "KGZ", "RUS"}),
        ("eaeu", 2014, set()),
        ("eaeu@2015-06-01", 2000, {"ARM", "BLR", "KAZ", "RUS"}),
        ("EAEU @ 2016-01-01", 2030, {"ARM", "BLR", "KAZ", "KGZ", "RUS"}),
        ("eurasec@2007", 1999, {"BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB"}),
        ("csto@2013-06-01", 2013, {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}),
        ("c5p1_usa@2020-01-01", 2020, {"KAZ", "KGZ", "TJK", "TKM", "UZB"}),
    ],
)
def test_region_strings(spec: str, year: int, expected: set[str]) -> None:
    assert parse_region(read_kb(), spec).members(year) == expected


def test_dialogue_formats_count_participants(mini: KnowledgeBase) -> None:
    region = parse_region(read_kb(), "c5p1_usa")
    assert region.members(2016) == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    assert "participant" in region.source


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("gamma", "unknown region 'gamma'; known: c5, alpha"),
        ("alpha@2010-02-30", "bad date '2010-02-30'"),
        ("alpha@soon", "bad date 'soon'"),
        ("alpha@@2010", "bad date '@2010'"),
        ("", "cannot read region"),
    ],
)
def test_bad_region_strings_raise_input_errors(
    mini: KnowledgeBase, spec: str, message: str
) -> None:
    with pytest.raises(InputError, match=message) as caught:
        parse_region(mini, spec)
    assert caught.value.parameter == "region"


def test_c5_only_coverage_is_stated_in_the_region_source() -> None:
    assert "only the C5" in parse_region(read_kb(), "c5p1_usa").source  # a dialogue format: allowed
    assert "only the C5" not in parse_region(read_kb(), "eaeu").source


@pytest.mark.parametrize("org", ["cis", "carec", "osce", "wto", "ots"])
def test_organisation_recorded_only_for_the_c5_cannot_define_a_region(org) -> None:
    with pytest.raises(InputError, match=f"members of '{org}' only for the C5"):
        parse_region(read_kb(), org)


def test_a_region_without_members_on_the_date_is_refused() -> None:
    with pytest.raises(InputError, match="'eaeu' had no members on 1990-01-01"):
        parse_region(read_kb(), "eaeu@1990-01-01")
