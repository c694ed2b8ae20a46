"""Knowledge-base metrics on a small hand-built institutional history."""

from __future__ import annotations

import pytest

from regint.claims.inputs import Context
from regint.claims.institutions import compute_institutions
from regint.claims.metrics import compute_measure
from regint.claims.metrics_kb import classify_orgs
from tests.claims.frames import C5, make_kb

ORGS = [
    # a 1990s economic body that declared a common market and merged into a bigger one
    {
        "id": "ces",
        "founded": "1994-01-10",
        "dissolved": "1998-07-17",
        "depth_declared": 4.0,
        "depth_achieved": 1.0,
    },
    # it later admitted Russia: C5-only at founding, not over its whole life
    {
        "id": "caco",
        "founded": "2002-02-28",
        "dissolved": "2005-10-06",
        "type": "political",
        "depth_declared": 4.0,
        "depth_achieved": 1.0,
    },
    # a water body that still exists
    {"id": "water", "founded": "1993-01-04", "type": "water"},
    # a deep union with outsiders and supranational bodies
    {
        "id": "union",
        "founded": "2015-01-01",
        "depth_declared": 5.0,
        "depth_achieved": 4.0,
        "supranational": 1.0,
    },
    # membership recorded only for the C5: cannot be classified
    {
        "id": "cis",
        "founded": "1991-12-08",
        "coverage": "c5",
        "depth_declared": 5.0,
        "depth_achieved": 1.0,
    },
    {
        "id": "meetings",
        "founded": "2018-03-15",
        "type": "dialogue",
        "depth_declared": 0.0,
        "depth_achieved": 0.0,
    },
]
SPELLS = [
    ("ces", "KAZ", "founding_member", "1994-01-10", "1998-07-17"),
    ("ces", "UZB", "founding_member", "1994-01-10", "1998-07-17"),
    ("ces", "KGZ", "member", "1994-04-30", "1998-07-17"),
    ("caco", "KAZ", "founding_member", "2002-02-28", None),
    ("caco", "UZB", "founding_member", "2002-02-28", None),
    ("caco", "RUS", "member", "2004-05-28", None),
    ("water", "KAZ", "founding_member", "1993-01-04", None),
    ("water", "TKM", "founding_member", "1993-01-04", None),
    ("union", "KAZ", "founding_member", "2015-01-01", None),
    ("union", "KGZ", "member", "2015-08-12", None),
    ("union", "RUS", "founding_member", "2015-01-01", None),
    ("union", "UZB", "observer", "2020-12-11", None),
    ("cis", "KAZ", "founding_member", "1991-12-21", None),
    ("cis", "UZB", "founding_member", "1991-12-21", None),
    ("meetings", "KAZ", "founding_member", "2018-03-15", None),
    ("meetings", "UZB", "founding_member", "2018-03-15", None),
    ("meetings", "AZE", "member", "2025-11-16", None),
]
EVENTS = [
    {"date": "1993-01-04", "countries": C5},
    {"date": "2018-03-15", "org": "meetings", "countries": C5},
    {"date": "2019-11-29", "org": "meetings", "countries": C5},
    {"date": "2021-08-06", "org": "meetings", "countries": C5},
    {"date": "2022-10-14", "org": "union", "countries": C5},  # an outside-led summit: never counted
    {"date": "2023-09-19", "countries": (*C5, "USA")},  # a C5+1 summit without an org on record
    {"date": "2024-08-09", "org": "meetings", "countries": C5, "status": "planned"},
]


def ctx() -> Context:
    return Context(None, make_kb(ORGS, SPELLS, EVENTS), C5)


def measure(metric: str, **params):
    return compute_measure(metric, ctx(), params)


def test_classification_uses_founding_members_and_needs_complete_records():
    orgs = classify_orgs(ctx().kb, C5).set_index("id")
    assert orgs.loc[["ces", "caco", "water", "meetings"], "is_c5_only"].all()
    assert not orgs.loc["union", "is_c5_only"] and orgs.loc["union", "is_external"]
    assert not orgs.loc["cis", "is_c5_only"] and not orgs.loc["cis", "is_external"]
    ever = classify_orgs(ctx().kb, C5, "ever").set_index("id")
    assert not ever.loc["caco", "is_c5_only"] and not ever.loc["meetings", "is_c5_only"]


def test_no_region_only_body_was_supranational():
    m = measure("kb_c5_only_supranational")
    assert m.value == 0 and m.detail_dict()["c5_only_organisations"] == 4


def test_depth_metrics():
    assert measure("kb_c5_only_max_depth").value == 1
    assert measure("kb_c5_only_declared_gap").value == 1.0
    gap = measure("kb_depth_gap_external")
    assert gap.value == 3 and "UNION" in gap.detail_dict()["deepest_with_outsiders"]


def test_ladder_failure_counts_bodies_that_declared_a_rung():
    m = measure("kb_c5_only_ladder_failure")
    assert m.value == 1.0 and m.detail_dict()["declared_a_rung"] == ["CES", "CACO"]


def test_dissolved_share_and_lifetimes_depend_on_the_types_counted():
    params = {"founded": (1991, 2002), "by": 2010}
    assert measure("kb_dissolved_share", types=("political", "economic"), **params).value == 1.0
    assert measure("kb_dissolved_share", types=None, **params).value == pytest.approx(
        2 / 3, abs=1e-3
    )
    life = measure("kb_median_lifetime", founded=(1991, 2002), types=None)
    assert life.value == pytest.approx(4.5, abs=0.1)  # 4.5 (CES), 3.6 (CACO), 33 (water, alive)
    assert life.detail_dict()["still_existing"] == ["WATER"]


def test_summits_count_own_format_only_and_held_only():
    years = measure("kb_consultative_years", first=2018, last=2025)
    assert years.detail_dict()["years_with_a_summit"] == [2018, 2019, 2021]
    change = measure("kb_summit_rate_change", before=(2006, 2016), after=(2017, 2025))
    assert change.value == pytest.approx(3 / 9, abs=1e-3)
    only_org = measure("kb_consultative_years", first=1991, last=2025, summits="org")
    assert only_org.value == 3  # the 1993 meeting had no organisation on record


def test_shared_memberships_on_a_date():
    m = measure("kb_shared_memberships", actors=("KAZ", "UZB"), date="2003-01-01")
    assert m.value == 2  # CACO and the CIS; the CES had ended
    assert m.detail_dict()["shared"] == ["CACO", "CIS"]


def test_institutions_table_classifies_and_dates_each_body():
    inst = compute_institutions(ctx().kb, C5).set_index("id")
    assert inst.loc["ces", "kind"] == "region-only" and not inst.loc["ces", "is_alive"]
    assert inst.loc["union", "kind"] == "with outsiders"
    assert inst.loc["cis", "kind"] == "membership partly recorded"
    assert inst.loc["ces", "region_members"] == ("KAZ", "KGZ", "UZB")


def test_kb_metrics_without_a_knowledge_base_are_insufficient():
    m = compute_measure("kb_c5_only_max_depth", Context(None, None), {})
    assert m.value is None and "not loaded" in m.note
