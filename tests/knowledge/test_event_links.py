"""Events are linked to every organisation they concern; statuses and --on windows."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regint.api import knowledge as api
from regint.core.errors import InputError
from regint.knowledge.base import KnowledgeBase
from regint.knowledge.dates import PartialDate
from regint.knowledge.load import read_kb
from regint.knowledge.status import compute_status


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return read_kb()


@pytest.mark.parametrize("org", ["cst_csto", "csto", "CSTO", "cst"])
def test_csto_events_include_the_2012_suspension_and_the_2022_deployment(
    kb: KnowledgeBase, org: str
) -> None:
    ids = set(api.events(org=org, kb=kb).column("id"))
    assert {"ev_20121219_suspension", "ev_20220106_status_change"} <= ids


@pytest.mark.parametrize("org", ["caco", "eurasec", "cis", "eaeu", "ots", "ca_ces_1994", "icca"])
def test_every_organisation_with_events_lists_them(kb: KnowledgeBase, org: str) -> None:
    assert len(api.events(org=org, kb=kb)) > 0
    kinds = set(api.timeline(org, kb=kb).column("kind"))
    assert kinds - {"organisation", "membership", "agreement"}, "the timeline shows events"


def test_unknown_organisation_is_an_error_in_events(kb: KnowledgeBase) -> None:
    with pytest.raises(InputError, match="unknown organisation"):
        api.events(org="nato", kb=kb)


def test_postponed_and_cancelled_events_are_not_held(kb: KnowledgeBase) -> None:
    status = dict(
        zip(api.events(kb=kb).column("id"), api.events(kb=kb).column("status"), strict=True)
    )
    assert status["ev_2020_postponement"] == "postponed"
    assert status["ev_20250505_postponement"] == "postponed"
    assert status["ev_202408_postponement"] == "cancelled"


def test_machine_output_has_every_event_field(kb: KnowledgeBase) -> None:
    frame = api.events(org="c5_consultative", kb=kb).to_frame(full=True)
    for name in ("id", "org", "number", "chair", "guests", "outcomes", "agreements"):
        assert name in frame.columns


def test_on_a_year_is_uncertain_where_the_status_changes_inside_it(kb: KnowledgeBase) -> None:
    answer = api.status("UZB", "csto", on="2012", kb=kb)
    assert answer.status == "uncertain"
    assert set(answer.possible) == {"member", "suspended"}
    assert api.status("UZB", "csto", on="2014", kb=kb).status == "suspended"


def test_on_a_month_is_certain_when_nothing_changes_inside_it(kb: KnowledgeBase) -> None:
    answer = api.status("KGZ", "eaeu", on="2016-05", kb=kb)
    assert (answer.status, answer.uncertain) == ("member", False)
    assert api.status("KGZ", "eaeu", on="2015-08", kb=kb).status == "uncertain"


def test_members_on_a_year(kb: KnowledgeBase) -> None:
    table = api.members("eaeu", on="2015", kb=kb)
    by_country = dict(zip(table.column("country"), table.column("status"), strict=True))
    assert by_country["KGZ"] == "uncertain"
    assert by_country["KAZ"] == "founding_member"


def test_a_future_year_is_refused(kb: KnowledgeBase) -> None:
    with pytest.raises(InputError, match="future"):
        api.status("KAZ", "eaeu", on="2999", kb=kb)


PAIRS = sorted({(s.org, s.country) for s in read_kb().spells})


@settings(max_examples=40, deadline=None)
@given(
    pair=st.sampled_from(PAIRS),
    year=st.integers(min_value=1991, max_value=2025),
    month=st.one_of(st.none(), st.integers(min_value=1, max_value=12)),
)
def test_a_window_answer_agrees_with_every_day_in_it(pair, year, month) -> None:
    kb = read_kb()
    org, country = pair
    on = PartialDate(year, month)
    answer = compute_status(kb, kb.org(org), country, on)
    days = [on.earliest + dt.timedelta(days=i) for i in range((on.latest - on.earliest).days + 1)]
    seen: set[str] = set()
    for day in days:
        daily = compute_status(kb, kb.org(org), country, day)
        seen.update(daily.possible)
    if answer.uncertain:
        assert set(answer.possible) <= seen and len(seen) > 1
    else:
        assert seen == {answer.status}, (org, country, str(on), seen)
