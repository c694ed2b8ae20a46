"""A test whose premise does not hold for the region is insufficient data, never a verdict.

QA #6: on the EAEU, "Uzbekistan's opening revived regional cooperation" was contradicted (no C5
summits) although Uzbekistan is not a member; on KAZ+UZB, "coordination suits the region" was
judged on the C5 Consultative Meetings as if they were an outside format.
"""

from __future__ import annotations

import pytest

from regint.claims import METRICS, read_claims
from regint.claims.evaluate import evaluate_claim, evaluate_test
from regint.claims.inputs import Context
from regint.claims.model import Premise, Rule, TestSpec
from regint.core.errors import DataError
from tests.claims.frames import C5, make_kb, make_trade
from tests.claims.test_metrics_kb import EVENTS, ORGS, SPELLS

EAEU = ("ARM", "BLR", "KAZ", "KGZ", "RUS")
EAEU_PAIRS = {
    ("KAZ", "RUS"): lambda y: 100.0,
    ("RUS", "BLR"): lambda y: 80.0,
    ("KGZ", "KAZ"): lambda y: 10.0,
    ("ARM", "RUS"): lambda y: 5.0,
}


@pytest.fixture(scope="module")
def claims():
    return read_claims(metrics=set(METRICS))


def _contexts(members, label, pairs=None) -> dict[str, Context]:
    trade = make_trade(members=members, region_id=label.lower(), pairs=pairs)
    kb = make_kb(ORGS, SPELLS, EVENTS)
    return {"baseline": Context(trade, kb, tuple(members), label)}


def _assert_not_applicable(result, region_label: str) -> None:
    assert result.verdict == "insufficient_data", result.summary
    judged = [t for t in result.tests if not t.is_context]
    for test in judged:
        assert test.verdict == "insufficient_data", test.test.id
        assert not test.is_applicable, test.test.id
        assert test.baseline.note.startswith(f"not applicable to region {region_label}:")
        assert test.variants == ()  # no reruns either
    assert "not applicable to this region" in result.summary


def test_uzbek_opening_is_not_applicable_to_a_region_without_uzbekistan(claims):
    result = evaluate_claim(claims.get("uzbek_opening"), _contexts(EAEU, "EAEU", EAEU_PAIRS))
    _assert_not_applicable(result, "EAEU")
    notes = {t.test.id: t.baseline.note for t in result.tests}
    assert "the test is about UZB, which is not a member" in notes["break_in_intra_share"]


@pytest.mark.parametrize(
    "claim_id", ["sovereignty_cap", "coordination_over_ladder", "institutions_did_not_last"]
)
def test_tests_on_c5_only_bodies_are_not_applicable_outside_the_c5(claims, claim_id):
    result = evaluate_claim(claims.get(claim_id), _contexts(("KAZ", "UZB"), "KAZ, UZB"))
    _assert_not_applicable(result, "KAZ, UZB")
    assert all("defined on the C5" in t.baseline.note for t in result.tests)


def test_the_same_claims_apply_to_the_c5(claims):
    contexts = _contexts(C5, "C5")
    for claim_id in ("uzbek_opening", "coordination_over_ladder", "key_actors"):
        result = evaluate_claim(claims.get(claim_id), contexts)
        assert all(t.is_applicable for t in result.tests), claim_id
        assert "not applicable" not in result.summary


def test_a_test_naming_a_state_outside_the_region_is_not_applicable():
    spec = TestSpec(
        id="t",
        metric="mean_value",
        prediction="",
        rule=Rule("at_most", 0.1),
        params=(("indicator", "share"), ("window", (2016, 2020))),
        premise=Premise(members=("TKM",)),
    )
    result = evaluate_test(spec, _contexts(EAEU, "EAEU", EAEU_PAIRS))
    assert result.verdict == "insufficient_data"
    assert result.baseline.note == (
        "not applicable to region EAEU: the test is about TKM, which is not a member"
    )


@pytest.mark.parametrize(
    ("test_id", "members", "reason"),
    [
        ("key_pair_trade_share", ("KAZ", "UZB"), "every pair of members involves KAZ or UZB"),
        ("key_pair_trade_share", ("KAZ", "KGZ", "UZB"), "every pair of members involves"),
        ("key_pair_centrality", ("KAZ", "UZB"), "no member besides KAZ, UZB"),
        ("uzbekistan_drives_change", ("KAZ", "UZB"), "every pair of members involves UZB"),
    ],
)
def test_a_share_that_is_100_percent_by_construction_is_not_applicable(
    claims, test_id, members, reason
):
    claim = next(c for c in claims.claims if any(t.id == test_id for t in c.tests))
    spec = next(t for t in claim.tests if t.id == test_id)
    pairs = {("KAZ", "UZB"): lambda y: 100.0 + y - 2005, ("UZB", "KAZ"): lambda y: 50.0}
    result = evaluate_test(spec, _contexts(members, "small", pairs))
    assert result.verdict == "insufficient_data"
    assert result.baseline.note.startswith("not applicable to region SMALL:")
    assert reason in result.baseline.note


def test_context_tests_outside_their_region_carry_the_reason_but_no_verdict(claims):
    spec = next(t for t in claims.get("key_actors").tests if t.id == "key_pair_memberships")
    result = evaluate_test(spec, _contexts(EAEU, "EAEU", EAEU_PAIRS))
    assert result.verdict is None and result.baseline.value is None
    assert "UZB, which is not a member" in result.baseline.note


def test_the_spec_scopes_each_claim_to_the_regions_it_was_written_for(claims):
    premises = {t.id: t.applies_to for c in claims.claims for t in c.tests}
    assert premises["coordination_format_lasts"] == "the C5 only"
    assert premises["summits_resume"] == "the C5 only; regions that include UZB"
    assert premises["break_in_intra_share"] == "regions that include UZB"
    outside = "regions without RUS, CHN, EU27, USA, TUR, IRN as members"
    assert premises["gap_widens_since_2018"] == f"regions that include KAZ, UZB; {outside}"
    assert premises["external_outweighs_region"] == outside
    assert premises["single_power_dominance"] == outside
    assert premises["regional_trade_bias"] == "any region"


def _spec(tmp_path, text: str):
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    return path


TEST = "{id: t1, metric: mean_value, rule: {kind: at_most}"


def test_a_claims_premise_holds_for_each_of_its_tests(tmp_path):
    text = (
        "claims:\n  - {id: c1, applies_to: {members: [UZB]}, tests: ["
        f"{TEST}, applies_to: {{region: c5, members: [KAZ]}}}}, {{id: t2, metric: mean_value, "
        "rule: {kind: at_most}}]}\n"
    )
    first, second = read_claims(_spec(tmp_path, text)).claims[0].tests
    assert first.premise == Premise("c5", ("UZB", "KAZ"))
    assert second.premise == Premise(None, ("UZB",))


@pytest.mark.parametrize(
    ("premise", "match"),
    [
        ("{region: eaeu}", "applies_to.region 'eaeu'"),
        ("{members: [Uzbekistan]}", "not an ISO3 code"),
        ("{colour: red}", "unknown key"),
        ("{excludes: [Russia]}", "applies_to.excludes 'Russia' is not an ISO3 code or one of EU27"),
        ("[c5]", "must be a mapping"),
    ],
)
def test_a_bad_premise_is_refused(tmp_path, premise, match):
    text = f"claims:\n  - {{id: c1, tests: [{TEST}, applies_to: {premise}}}]}}\n"
    with pytest.raises(DataError, match=match):
        read_claims(_spec(tmp_path, text))


# --- QA pass 2 ---------------------------------------------------------------------------------
# #5: with Russia a member, "the C5 states lean on external partners" was supported with Russia
# counted as an external centre, and the bandwagoning tests ran on RUS, BLR.
RUS_BLR_PAIRS = {("RUS", "BLR"): lambda y: 80.0, ("BLR", "RUS"): lambda y: 60.0}


@pytest.mark.parametrize("claim_id", ["lean_on_external", "bandwagoning"])
@pytest.mark.parametrize(
    ("members", "label", "pairs"),
    [(EAEU, "EAEU", EAEU_PAIRS), (("BLR", "RUS"), "RUS, BLR", RUS_BLR_PAIRS)],
)
def test_tests_treating_a_member_as_an_outside_power_are_not_applicable(
    claims, claim_id, members, label, pairs
):
    result = evaluate_claim(claims.get(claim_id), _contexts(members, label, pairs))
    _assert_not_applicable(result, label)
    notes = [t.baseline.note for t in result.tests]
    assert any("treats RUS as an outside power, but it is a member" in n for n in notes)


def test_an_eu_member_state_in_the_region_fails_the_outside_power_premise(claims):
    members = ("DEU", "KAZ", "UZB")
    pairs = {("KAZ", "UZB"): lambda y: 100.0, ("DEU", "KAZ"): lambda y: 50.0}
    result = evaluate_claim(claims.get("lean_on_external"), _contexts(members, "MIX", pairs))
    _assert_not_applicable(result, "MIX")
    assert "treats DEU (EU27) as an outside power" in result.tests[0].baseline.note


def test_outside_power_tests_still_apply_where_no_outside_power_is_a_member(claims):
    pairs = {("KAZ", "UZB"): lambda y: 100.0 + y - 2005, ("UZB", "KAZ"): lambda y: 50.0}
    for members in (C5, ("KAZ", "UZB")):
        result = evaluate_claim(claims.get("lean_on_external"), _contexts(members, "R", pairs))
        assert all(t.is_applicable for t in result.tests), members
        assert result.verdict == "supported"


def test_a_premise_excluding_outside_powers_merges_and_reads_from_the_spec(tmp_path):
    text = (
        "claims:\n  - {id: c1, applies_to: {excludes: [RUS]}, tests: ["
        f"{TEST}, applies_to: {{excludes: [EU27, RUS]}}}}]}}\n"
    )
    (test,) = read_claims(_spec(tmp_path, text)).claims[0].tests
    assert test.premise == Premise(None, (), ("RUS", "EU27"))


def test_count_thresholds_are_declared_as_shares_of_the_members(claims):
    dominance = next(t for c in claims.claims for t in c.tests if t.id == "single_power_dominance")
    assert "3 of 5 states" not in dominance.prediction.split("(")[0]
    assert "a share of the members, whatever their number" in dominance.prediction
    assert dominance.rule == Rule("at_least", 0.6, 0.4)  # a share, not a count


# The texts of claims that may run outside the C5 must not call that region the C5.
def test_claim_texts_name_the_c5_only_on_the_c5(claims):
    pairs = {
        ("KAZ", "UZB"): lambda y: 100.0,
        ("UZB", "KAZ"): lambda y: 50.0,
        ("KAZ", "KGZ"): lambda y: 40.0,
    }
    contexts = _contexts(("KAZ", "KGZ", "UZB"), "KAZ, KGZ, UZB", pairs)
    for claim in claims.claims:
        result = evaluate_claim(claim, contexts)
        texts = [result.claim.title, result.claim.statement]
        texts += [t.test.prediction for t in result.tests if t.is_applicable]
        assert not [x for x in texts if "C5" in x or "{" in x], claim.id
    on_c5 = evaluate_claim(claims.get("lean_on_external"), _contexts(C5, "C5"))
    assert on_c5.claim.title == "The C5 states lean on external partners"
    on_pair = evaluate_claim(claims.get("lean_on_external"), _contexts(("KAZ", "UZB"), "KAZ, UZB"))
    assert on_pair.claim.title == "The region's states lean on external partners"


# #14: the pair's shared memberships are measured "against the other pairs": a region of the pair
# alone has none, as its sibling tests already said.
def test_shared_memberships_of_the_pair_alone_are_not_applicable(claims):
    spec = next(t for t in claims.get("key_actors").tests if t.id == "key_pair_memberships")
    result = evaluate_test(spec, _contexts(("KAZ", "UZB"), "KAZ, UZB"))
    assert not result.is_applicable and result.verdict is None
    assert result.baseline.note == (
        "not applicable to region KAZ, UZB: the region has no member besides KAZ, UZB"
    )
    wider = evaluate_test(spec, _contexts(("KAZ", "KGZ", "UZB"), "KAZ, KGZ, UZB"))
    assert wider.is_applicable and wider.baseline.value is not None
