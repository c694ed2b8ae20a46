"""Dates known to a day, month or year, and where a query date falls against them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regint.core.errors import InputError
from regint.core.options import parse_date
from regint.knowledge.dates import PartialDate, starts_by, still_before


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("2015-08-06", "day", "2015-08-06", "2015-08-06"),
        ("2001-05", "month", "2001-05-01", "2001-05-31"),
        ("2016", "year", "2016-01-01", "2016-12-31"),
        ("2024-02", "month", "2024-02-01", "2024-02-29"),
    ],
)
def test_precision_follows_how_the_date_is_written(
    text: str, precision: str, earliest: str, latest: str
) -> None:
    date = PartialDate.parse(text)
    assert date.precision == precision
    assert (date.earliest.isoformat(), date.latest.isoformat()) == (earliest, latest)
    assert str(date) == text


@pytest.mark.parametrize(
    "bad", ["2015-13", "2015-02-30", "15-01-2015", "2015/01/01", "", "soon", None, 3.5]
)
def test_bad_dates_are_refused_with_the_accepted_formats(bad: object) -> None:
    with pytest.raises(ValueError, match="bad date"):
        PartialDate.parse(bad)


def test_yaml_dates_and_bare_years_are_accepted() -> None:
    assert PartialDate.parse(dt.date(2015, 8, 6)).precision == "day"
    assert PartialDate.parse(1997) == PartialDate(1997)


def test_a_start_known_to_the_month_is_uncertain_inside_that_month() -> None:
    may = PartialDate.parse("2001-05")
    assert starts_by(may, dt.date(2001, 4, 30)) == "no"
    assert starts_by(may, dt.date(2001, 5, 15)) == "maybe"
    assert starts_by(may, dt.date(2001, 5, 31)) == "yes"
    assert starts_by(None, dt.date(1900, 1, 1)) == "yes"


def test_an_exclusive_end_no_longer_holds_on_its_own_day() -> None:
    end = PartialDate.parse("2008-10-20")
    assert still_before(end, dt.date(2008, 10, 19)) == "yes"
    assert still_before(end, dt.date(2008, 10, 20)) == "no"
    assert still_before(PartialDate.parse("2016"), dt.date(2016, 6, 1)) == "maybe"
    assert still_before(None, dt.date(2100, 1, 1)) == "yes"


def test_query_dates_must_be_full_days() -> None:
    assert parse_date("2016-01-01") == dt.date(2016, 1, 1)
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        parse_date("2016-01")


partial_dates = st.builds(
    lambda d, precision: PartialDate(
        d.year, d.month if precision != "year" else None, d.day if precision == "day" else None
    ),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.sampled_from(["day", "month", "year"]),
)


@given(partial_dates)
def test_a_partial_date_round_trips_and_its_window_is_ordered(date: PartialDate) -> None:
    assert PartialDate.parse(str(date)) == date
    assert date.earliest <= date.latest


@given(partial_dates, st.dates(min_value=dt.date(1899, 1, 1), max_value=dt.date(2101, 12, 31)))
def test_start_and_end_checks_agree_outside_the_window(date: PartialDate, on: dt.date) -> None:
    # Outside the window a date is either after (start passed, end reached) or before both.
    begun, before_end = starts_by(date, on), still_before(date, on)
    if on < date.earliest:
        assert (begun, before_end) == ("no", "yes")
    elif on >= date.latest:
        assert (begun, before_end) == ("yes", "no")
    else:
        assert begun == before_end == "maybe"
