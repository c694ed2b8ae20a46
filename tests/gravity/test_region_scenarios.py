"""Scenarios re-targeted to another region, the agreement change, and the domestic-rule check."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from regint.core.errors import InputError
from regint.core.regions import Region
from regint.gravity.batch import MATERIAL_PCT, compute_members, compute_rule_check
from regint.gravity.run import _counterfactual, estimation_key
from regint.gravity.scenario import compute_for_region, read_scenario

C5 = ("KAZ", "KGZ", "TJK", "TKM", "UZB")


def test_scenario_for_its_own_region_is_unchanged():
    s = read_scenario("c5-fta")
    assert compute_for_region(s, tuple(reversed(C5)), "C5") is s


def test_change_among_the_region_follows_the_region_and_keeps_its_estimation_sample():
    s = read_scenario("c5-border-costs")
    eaeu = ("ARM", "BLR", "KAZ", "KGZ", "RUS")
    t = compute_for_region(s, eaeu, "EAEU")
    assert t.region == eaeu and t.change.members == eaeu
    assert t.title == "Lower border and transit costs inside EAEU"
    assert t.sha256 != s.sha256
    # every EAEU member is already kept in the sample: the fit is shared with the C5 run
    assert estimation_key(t) == estimation_key(s)


def test_scenario_between_named_states_does_not_apply_to_a_region_without_them():
    s = read_scenario("uzb-eaeu")
    with pytest.raises(InputError) as err:
        compute_for_region(s, ("TJK", "TKM"), "TJK and TKM")
    assert err.value.parameter == "region"
    assert "none of them is in TJK and TKM" in err.value.reason
    applied = compute_for_region(s, ("ARM", "BLR", "KAZ", "KGZ", "RUS"), "EAEU")
    assert applied.change == s.change and applied.region == ("ARM", "BLR", "KAZ", "KGZ", "RUS")


def test_an_agreement_among_one_state_does_not_apply():
    with pytest.raises(InputError, match="has one"):
        compute_for_region(read_scenario("c5-fta"), ("KAZ",), "Kazakhstan")


def test_yearly_region_uses_its_members_in_the_ge_year():
    region = Region.yearly("x", "X", {2016: {"KAZ", "RUS"}, 2020: {"KAZ", "RUS", "KGZ"}})
    assert compute_members(region, 2020) == ("KAZ", "KGZ", "RUS")
    assert compute_members(region, 2018) == ("KAZ", "RUS")


def _pairs(rows):
    f = pd.DataFrame(rows, columns=["exporter", "importer", "fta", "cu", "eu"])
    return f


def test_fta_is_not_added_to_a_customs_union_pair():
    frame = _pairs(
        [("KAZ", "KGZ", 0, 1, 0), ("KAZ", "TKM", 0, 0, 0), ("KAZ", "TJK", 1, 0, 0),
         ("KAZ", "CHN", 0, 0, 0)]
    )  # fmt: skip
    out = _counterfactual(frame, read_scenario("c5-fta"))
    assert list(out["is_changed"]) == [False, True, False, False]
    assert list(out["fta_cfl"]) == [0, 1, 1, 0]
    assert list(out["cu_cfl"]) == [1, 0, 0, 0]


def test_customs_union_replaces_the_fta_it_deepens():
    frame = _pairs([("UZB", "KAZ", 1, 0, 0), ("UZB", "TJK", 1, 0, 0)])
    out = _counterfactual(frame, read_scenario("uzb-eaeu"))
    assert list(out["is_changed"]) == [True, False]
    assert list(out["cu_cfl"]) == [1, 0] and list(out["fta_cfl"]) == [0, 1]


def test_a_change_that_reaches_no_pair_is_an_error_not_a_zero():
    frame = _pairs([("KAZ", "KGZ", 0, 1, 0), ("KGZ", "KAZ", 0, 1, 0)])
    with pytest.raises(InputError) as err:
        _counterfactual(frame, read_scenario("c5-fta"))
    assert err.value.parameter == "scenario.change"


def _result(region, rows):
    table = pd.DataFrame(rows, columns=["country", "rgdp_change_pct", "exports_change_pct"])
    return SimpleNamespace(scenario=SimpleNamespace(region=region), table=table)


def test_rule_check_flags_a_material_sign_flip_and_ignores_noise():
    main = _result(("A", "B"), [("A", 0.5, 2.0), ("B", MATERIAL_PCT / 10, 1.0)])
    alt = _result(("A", "B"), [("A", -0.2, 1.5), ("B", -MATERIAL_PCT / 10, 0.5)])
    check = compute_rule_check(main, alt)  # type: ignore[arg-type]
    assert check["verdict"] == "not determined by these data"
    flips = [(r["country"], r["measure"]) for r in check["rows"] if r["is_sign_flip"]]
    assert flips == [("A", "real GDP")]
    assert "A real GDP" in check["text"]
    same = compute_rule_check(main, main)  # type: ignore[arg-type]
    assert same["verdict"] == "robust" and not any(r["is_sign_flip"] for r in same["rows"])
