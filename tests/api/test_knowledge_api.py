"""The knowledge base through the Python facade: dates as strings, regions, bad arguments."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from regint.api import knowledge as kb
from regint.core.errors import InputError
from regint.core.regions import C5_REGION


def test_dates_may_be_strings_or_dates() -> None:
    assert kb.status("UZB", "cst_csto", "2013-06-01") == kb.status(
        "UZB", "cst_csto", dt.date(2013, 6, 1)
    )


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: kb.status("UZB", "cst_csto", "2013-6"), "on"),
        (lambda: kb.members("eaeu", "01.01.2016"), "on"),
        (lambda: kb.members("eaeu", ""), "on"),
        (lambda: kb.events(start="spring 2018"), "start"),
        (lambda: kb.events(end="yesterday"), "end"),
        (lambda: kb.status("UZB", "nato", "2013-06-01"), "org"),
        (lambda: kb.memberships("UZ", "2013-06-01"), "country"),
        (lambda: kb.shared("KAZ", "XXX", "2013-06-01"), "b"),
        (lambda: kb.signatories("treaty_of_nowhere"), "agreement"),
        (lambda: kb.cross_check("gatt"), "source"),
        (lambda: kb.resolve_region("nato"), "region"),
    ],
)
def test_bad_arguments_raise_input_errors_naming_them(call, argument: str) -> None:
    with pytest.raises(InputError) as caught:
        call()
    assert caught.value.argument == argument
    assert caught.value.exit_code == 2


def test_resolve_region_knows_c5_and_lists_known_ids_for_an_unknown_one() -> None:
    assert kb.resolve_region("c5") is C5_REGION
    assert kb.resolve_region("C5") is C5_REGION
    with pytest.raises(
        InputError, match=r"unknown region 'nato'; known: c5, c5_consultative, c5p1_usa"
    ):
        kb.resolve_region("nato")


def test_resolve_region_gives_year_by_year_eaeu_membership() -> None:
    region = kb.resolve_region("eaeu")
    assert region.id == "eaeu"
    assert region.members(2015) == {"ARM", "BLR", "KAZ", "RUS"}
    assert region.members(2016) == {"ARM", "BLR", "KAZ", "KGZ", "RUS"}
    assert region.members(2010) == frozenset()


def test_resolve_region_fixed_on_a_date() -> None:
    region = kb.resolve_region("eaeu@2016-01-01")
    assert region.members(2016) & {"KAZ", "KGZ", "TJK", "TKM", "UZB"} == {"KAZ", "KGZ"}


def test_region_from_org_accepts_years_and_a_date_string() -> None:
    assert set(dict(kb.region_from_org("sco", years=[2017, 2018]).by_year)) == {2017, 2018}
    assert "IND" in kb.region_from_org("sco", on="2018-01-01").members(2018)


def test_the_lead_region_option_reaches_the_knowledge_base() -> None:
    from regint.api.knowledge import resolve_region

    assert resolve_region("eaeu@2016-01-01").members(2016) == kb.resolve_region(
        "eaeu@2016-01-01"
    ).members(2016)


def test_overlap_accepts_a_comma_separated_country_list() -> None:
    table = kb.overlap("2020-01-01", "kaz, uzb")
    assert table.column("country") == ["KAZ", "UZB"]


def test_results_are_frames_with_provenance() -> None:
    frame = kb.memberships("UZB", "2007-06-30", full_only=True).to_frame()
    assert "org" in frame.columns
    assert frame.attrs["provenance"]["evidence"]
    assert frame.attrs["provenance"]["sources"][0]["citation"]


def test_check_reports_problems_of_another_folder(tmp_path: Path, fixtures_dir: Path) -> None:
    assert kb.check() == []
    problems = kb.check(tmp_path)
    assert {p.file for p in problems} >= {"organizations.yaml", "memberships.yaml"}


def test_cross_check_uses_the_committed_derived_tables() -> None:
    assert len(kb.cross_check("cow")) > 1000
    assert {r["org"] for r in kb.cross_check("desta").rows} >= {"eaeu", "eurasec", "cis_fta"}


def test_a_future_date_is_refused_for_point_in_time_questions() -> None:
    with pytest.raises(InputError, match="on: 2099-01-01 is in the future"):
        kb.members("eaeu", "2099-01-01")


def test_event_range_bounds_accept_a_year_or_a_month_like_on() -> None:
    # --from 2012 --to 2012 is the whole year, as a day range 2012-01-01..2012-12-31 is.
    by_year = [r["id"] for r in kb.events("2012", "2012", org="cst_csto").rows]
    by_day = [r["id"] for r in kb.events("2012-01-01", "2012-12-31", org="cst_csto").rows]
    assert by_year == by_day
    assert "ev_20121219_suspension" in by_year
    assert [r["id"] for r in kb.events("2012-06", "2012-06", org="cst_csto").rows] == [
        "ev_20120628_suspension"
    ]


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [("2012-13", None, "^start: bad date"), ("2030", "2020", "^start: 2030-01-01 is after")],
)
def test_bad_event_ranges_name_the_argument(start: str, end: str | None, message: str) -> None:
    with pytest.raises(InputError, match=message):
        kb.events(start, end)


@pytest.mark.parametrize("on", ["", "  ", None])
def test_a_missing_on_date_names_every_accepted_form(on: str | None) -> None:
    with pytest.raises(InputError, match="^on: a date is required: YYYY-MM-DD, YYYY-MM or YYYY"):
        kb.members("eaeu", on)  # type: ignore[arg-type]
