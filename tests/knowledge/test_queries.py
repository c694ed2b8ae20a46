"""Time-aware queries: statuses, members, timelines, overlaps, events, with provenance."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regint.core.errors import InputError
from regint.knowledge import catalogue, queries
from regint.knowledge.base import KnowledgeBase
from regint.knowledge.load import read_kb
from regint.knowledge.regions import region_from_org

D = dt.date


@pytest.fixture(scope="module")
def mini(fixtures_dir: Path) -> KnowledgeBase:
    return read_kb(fixtures_dir / "knowledge" / "kb")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return read_kb()


def test_suspension_is_reported_apart_from_membership(mini: KnowledgeBase) -> None:
    answer = queries.status(mini, "UZB", "alpha", D(2010, 1, 1))
    assert (answer.status, answer.is_member, answer.uncertain) == ("suspended", False, False)
    assert answer.since == "2008-10-20"
    assert answer.evidence == ("https://example.org/alpha/uzb-suspended",)


def test_a_date_inside_a_year_precision_boundary_is_uncertain(mini: KnowledgeBase) -> None:
    answer = queries.status(mini, "UZB", "alpha", D(1998, 6, 1))
    assert answer.status == "uncertain"
    assert answer.possible == ("member", "none")
    assert answer.is_member is None
    assert "1998" in answer.note and "year" in answer.note
    assert queries.status(mini, "UZB", "alpha", D(1999, 1, 1)).status == "member"
    assert queries.status(mini, "UZB", "alpha", D(1997, 12, 31)).status == "none"


def test_an_explicit_non_membership_carries_its_evidence(mini: KnowledgeBase) -> None:
    answer = queries.status(mini, "TKM", "alpha", D(2000, 1, 1))
    assert answer.status == "none"
    assert answer.note == "never applied"
    assert answer.evidence == ("https://example.org/alpha/tkm",)


def test_absence_before_founding_and_after_dissolution_is_explained(mini: KnowledgeBase) -> None:
    assert "did not exist" in queries.status(mini, "KGZ", "beta", D(1999, 1, 1)).note
    assert "dissolved" in queries.status(mini, "KGZ", "beta", D(2016, 1, 1)).note
    assert "no membership" in queries.status(mini, "TJK", "alpha", D(2000, 1, 1)).note


def test_aliases_and_case_are_accepted(mini: KnowledgeBase) -> None:
    assert queries.status(mini, "kaz", "AU", D(2000, 1, 1)).status == "founding_member"


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda k: queries.status(k, "UZB", "gamma", D(2000, 1, 1)), "org"),
        (lambda k: queries.status(k, "XXX", "alpha", D(2000, 1, 1)), "country"),
        (lambda k: queries.members(k, "alfa", D(2000, 1, 1)), "org"),
        (lambda k: queries.events(k, type="skirmish"), "type"),
        (lambda k: queries.events(k, D(2010, 1, 1), D(2000, 1, 1)), "end"),
        (lambda k: queries.overlap_matrix(k, D(2000, 1, 1), ["KAZ", "ZZZ"]), "countries"),
        (lambda k: catalogue.signatories(k, "no_such_treaty"), "agreement"),
    ],
)
def test_unknown_ids_raise_input_errors_naming_the_argument(
    mini: KnowledgeBase, call, argument
) -> None:
    with pytest.raises(InputError) as caught:
        call(mini)
    assert caught.value.argument == argument


def test_unknown_organisation_error_lists_known_ids_and_a_suggestion(mini: KnowledgeBase) -> None:
    with pytest.raises(InputError, match=r"did you mean alpha\?\); known ids: alpha, beta"):
        queries.members(mini, "alfa", D(2000, 1, 1))


def test_members_flags_uncertain_rows_and_full_only_keeps_them(mini: KnowledgeBase) -> None:
    table = queries.members(mini, "alpha", D(1998, 6, 1), full_only=True)
    assert table.column("country") == ["KAZ", "UZB"]
    assert table.column("uncertain") == [False, True]
    assert table.is_uncertain


def test_results_carry_provenance_with_evidence_and_citation(mini: KnowledgeBase) -> None:
    frame = queries.members(mini, "alpha", D(2000, 1, 1)).to_frame()
    provenance = frame.attrs["provenance"]
    assert provenance["evidence"] == [
        "https://example.org/alpha/kaz",
        "https://example.org/alpha/uzb",
    ]
    assert provenance["sources"][0]["source_id"] == "seed_facts"
    assert "knowledge base" in provenance["knowledge_base"]["citation"]
    assert "evidence" not in frame.columns
    assert (
        "evidence" in queries.members(mini, "alpha", D(2000, 1, 1)).to_frame(evidence=True).columns
    )


def test_timeline_is_in_date_order_with_founding_first(mini: KnowledgeBase) -> None:
    table = queries.timeline(mini, "alpha")
    dates = table.column("date")
    assert table.rows[0]["what"] == "founded"
    assert dates == ["1994-01-10", "1994-01-10", "1994-01-10", "1994-01-10", "1998", "2008-10-20"]
    assert table.column("kind")[:2] == ["organisation", "membership"]


def test_overlap_matrix_has_a_cell_per_country_and_organisation(mini: KnowledgeBase) -> None:
    table = queries.overlap_matrix(mini, D(2005, 1, 1), ["KAZ", "UZB", "KGZ"])
    assert table.columns == ("country", "alpha", "beta", "n_full")
    matrix = {r["country"]: (r["alpha"], r["beta"], r["n_full"]) for r in table.rows}
    assert matrix == {
        "KAZ": ("founding_member", "", 1),
        "UZB": ("member", "", 1),
        "KGZ": ("", "founding_member", 1),
    }


def test_shared_memberships_skip_suspended_states(kb: KnowledgeBase) -> None:
    shared = queries.shared_memberships(kb, "KAZ", "UZB", D(2010, 1, 1))
    assert "eurasec" not in shared.column("org")  # UZB suspended from 2008-10-20
    assert "cis" in shared.column("org")


def test_events_filter_by_window_type_and_country(mini: KnowledgeBase) -> None:
    assert queries.events(mini, D(2010, 6, 1), D(2010, 6, 30)).column("id") == ["ev_2010_conflict"]
    assert queries.events(mini, type="founding").column("id") == ["ev_19940110_founding"]
    assert queries.events(mini, country="UZB").column("id") == ["ev_19940110_founding"]
    assert len(queries.events(mini, country="TKM")) == 0


def test_organisations_list_depth_and_supranational_bodies(mini: KnowledgeBase) -> None:
    rows = {r["id"]: r for r in catalogue.organisations(mini).rows}
    assert (rows["alpha"]["depth_declared"], rows["alpha"]["depth_achieved"]) == (
        "common_market",
        "FTA",
    )
    assert (rows["beta"]["depth_achieved"], rows["beta"]["supranational"]) == ("n/a", "partial")


def test_agreement_signatories_include_accessions_and_refusals(mini: KnowledgeBase) -> None:
    rows = catalogue.signatories(mini, "alpha_treaty_1994").rows
    assert [(r["country"], r["act"], r["date"]) for r in rows] == [
        ("KAZ", "signed", "1994-01-10"),
        ("UZB", "acceded", "1998"),
        ("TKM", "not signed", ""),
    ]
    assert catalogue.agreements(mini, country="UZB").column("id") == ["alpha_treaty_1994"]


def test_real_kb_csto_timeline_shows_uzbekistans_three_changes(kb: KnowledgeBase) -> None:
    rows = [
        r
        for r in queries.timeline(kb, "cst_csto").rows
        if r["country"] == "UZB" and r["kind"] == "membership"
    ]
    assert [(r["date"], r["what"]) for r in rows] == [
        ("1994-04-20", "founding_member"),
        ("1999-04-20", "withdrawn"),
        ("2006-08-16", "member"),
        ("2012-12-19", "suspended"),
    ]


def test_overlap_on_2020_places_turkmenistan_outside_the_blocs(kb: KnowledgeBase) -> None:
    table = queries.overlap_matrix(kb, D(2020, 1, 1), full_only=True)
    n_full = dict(zip(table.column("country"), table.column("n_full"), strict=True))
    assert n_full["TKM"] < min(n_full[c] for c in ("KAZ", "KGZ", "TJK", "UZB"))
    tkm = next(r for r in table.rows if r["country"] == "TKM")
    assert tkm["cst_csto"] == "" and tkm["sco"] == "" and tkm["eaeu"] == ""


_ORGS = ("cis", "eurasec", "eaeu", "cst_csto", "sco", "ifas", "cis_fta", "carec", "wto", "caco")


@settings(max_examples=150, deadline=None)
@given(
    st.dates(min_value=D(1991, 1, 1), max_value=D(2026, 12, 31)),
    st.sampled_from(("KAZ", "KGZ", "TJK", "TKM", "UZB")),
    st.sampled_from(_ORGS),
)
def test_region_rule_agrees_with_status_wherever_the_status_is_certain(
    on: dt.date, country: str, org: str
) -> None:
    kb = read_kb()
    answer = queries.status(kb, country, org, on)
    in_region = country in region_from_org(kb, org, on=on).members(on.year)
    if not answer.uncertain:
        assert in_region == bool(answer.is_member)
    else:  # the region resolves the uncertainty to one of the candidates
        assert len(answer.possible) >= 2
        assert in_region in {p in ("founding_member", "member") for p in answer.possible}
