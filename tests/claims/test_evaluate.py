"""Verdict rules, their combination, and robustness reruns that turn a verdict into mixed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regint.claims.evaluate import Scenario, combine, evaluate_claim, evaluate_test, judge
from regint.claims.inputs import Context
from regint.claims.model import Alternative, Claim, Measure, Rule, TestSpec
from tests.claims.frames import make_trade


@pytest.mark.parametrize(
    ("rule", "value", "expected"),
    [
        (Rule("at_least", 0.8, 0.7), 0.85, "supported"),
        (Rule("at_least", 0.8, 0.7), 0.75, "mixed"),
        (Rule("at_least", 0.8, 0.7), 0.65, "contradicted"),
        (Rule("at_least", 0.8), 0.79, "contradicted"),
        (Rule("at_most", 0.15, 0.25), 0.10, "supported"),
        (Rule("at_most", 0.15, 0.25), 0.20, "mixed"),
        (Rule("at_most", 0.15, 0.25), 0.30, "contradicted"),
    ],
)
def test_threshold_rules_reach_every_verdict(rule, value, expected):
    assert judge(rule, Measure(value)) == expected


@pytest.mark.parametrize(
    ("value", "lo", "hi", "expected"),
    [
        (1.0, 0.2, 1.8, "supported"),
        (0.5, -0.3, 1.3, "mixed"),
        # A CI that includes the threshold is inconclusive whatever the estimate's sign (QA #7:
        # -0.23 [-0.70, 0.24] was labelled contradicted, 0.065 [-0.60, 0.73] mixed).
        (-0.23, -0.70, 0.24, "mixed"),
        (0.065, -0.60, 0.73, "mixed"),
        (-1.0, -1.8, -0.2, "contradicted"),
    ],
)
def test_ci_rule_is_decided_by_the_whole_interval(value, lo, hi, expected):
    assert judge(Rule("ci_above", 0.0), Measure(value, lo, hi)) == expected


def test_ci_below_is_the_mirror_image():
    assert judge(Rule("ci_below", 0.0), Measure(-1.0, -1.5, -0.5)) == "supported"
    assert judge(Rule("ci_below", 0.0), Measure(0.2, -0.5, 0.9)) == "mixed"
    assert judge(Rule("ci_below", 0.0), Measure(1.0, 0.5, 1.5)) == "contradicted"


SWAP = {"supported": "contradicted", "contradicted": "supported", "mixed": "mixed"}


# Quarter steps are exact in binary, so reflecting a CI involves no rounding.
QUARTERS = st.integers(-20, 20).map(lambda k: k / 4)


@given(value=QUARTERS, below=QUARTERS.map(abs), above=QUARTERS.map(abs), threshold=QUARTERS)
def test_ci_rules_are_symmetric(value, below, above, threshold):
    measure = Measure(value, value - below, value + above)
    # Reflected about the threshold, the same evidence points the other way.
    mirrored = Measure(
        2 * threshold - value, 2 * threshold - value - above, 2 * threshold - value + below
    )
    verdict = judge(Rule("ci_above", threshold), measure)
    assert judge(Rule("ci_above", threshold), mirrored) == SWAP[verdict]
    assert judge(Rule("ci_below", threshold), measure) == SWAP[verdict]


@pytest.mark.parametrize("kind", ["ci_above", "ci_below"])
def test_ci_rule_text_states_all_three_branches(kind):
    text = Rule(kind, 0.0).describe()
    assert "supported if the whole 95% CI" in text
    assert "contradicted if it lies" in text and "mixed (inconclusive)" in text


def test_threshold_rule_text_states_the_grey_zone():
    assert Rule("at_least", 0.8, 0.5).describe() == (
        "supported if >= 0.8; contradicted if < 0.5; mixed in between"
    )
    assert Rule("at_most", 2).describe() == "supported if <= 2; contradicted otherwise"


def test_missing_value_is_insufficient_and_context_has_no_verdict():
    assert judge(Rule("at_least", 1.0), Measure(None, note="no data")) == "insufficient_data"
    assert judge(Rule("describe"), Measure(3.0)) is None


def test_combine_keeps_agreement_and_turns_disagreement_into_mixed():
    assert combine(["supported", "supported", "insufficient_data"]) == "supported"
    assert combine(["supported", "contradicted"]) == "mixed"
    assert combine(["insufficient_data", None]) == "insufficient_data"


def _share_test(**extra) -> TestSpec:
    return TestSpec(
        id="low_share",
        metric="mean_value",
        prediction="share <= 10%",
        rule=Rule("at_most", 0.10, 0.20),
        params=(("indicator", "share"), ("window", (2016, 2020))),
        **extra,
    )


def _contexts(**alternatives) -> dict[str, Context]:
    out = {"baseline": Context(make_trade(share=lambda y: 0.08), None)}
    for key, share in alternatives.items():
        out[key] = Context(make_trade(share=lambda y, s=share: s), None)
    return out


def test_a_verdict_that_flips_under_another_basis_becomes_mixed():
    scenarios = [Scenario("basis_mirror", "basis", "mirror basis", "mirror", 1.06)]
    result = evaluate_test(
        _share_test(robustness=("basis",)), _contexts(basis_mirror=0.30), scenarios
    )
    assert result.baseline_verdict == "supported"
    assert result.verdict == "mixed"
    assert result.flips == ("mirror basis",)


def test_reruns_that_agree_keep_the_verdict():
    scenarios = [Scenario("basis_mirror", "basis", "mirror basis", "mirror", 1.06)]
    result = evaluate_test(
        _share_test(robustness=("basis",)), _contexts(basis_mirror=0.09), scenarios
    )
    assert result.verdict == "supported" and not result.flips


def test_reruns_only_along_the_declared_dimensions_and_skip_degenerate_regions():
    scenarios = [
        Scenario("basis_mirror", "basis", "mirror basis", "mirror", 1.06),
        Scenario("region_small", "region", "small region", "reconciled", 1.06, "small"),
    ]
    spec = _share_test(robustness=("region",), skip_regions=("small",))
    result = evaluate_test(spec, _contexts(basis_mirror=0.5, region_small=0.5), scenarios)
    assert result.verdict == "supported" and result.variants == ()


def test_an_alternative_window_that_lacks_data_does_not_flip_the_verdict():
    alt = Alternative("window", "2030-2031", (("window", (2030, 2031)),))
    result = evaluate_test(_share_test(robustness=("window",), alternatives=(alt,)), _contexts())
    assert result.variants[0].verdict == "insufficient_data"
    assert result.verdict == "supported"


def test_an_alternative_window_that_disagrees_makes_the_test_mixed():
    trade = make_trade(share=lambda y: 0.08 if y >= 2016 else 0.30)
    alt = Alternative("window", "2006-2010", (("window", (2006, 2010)),))
    result = evaluate_test(
        _share_test(robustness=("window",), alternatives=(alt,)), {"baseline": Context(trade, None)}
    )
    assert result.verdict == "mixed" and result.flips == ("2006-2010",)


def test_claim_verdict_ignores_context_and_unanswerable_tests():
    context = TestSpec(
        id="ctx",
        metric="mean_value",
        prediction="",
        rule=Rule("describe"),
        params=(("indicator", "share"), ("window", (2016, 2020))),
    )
    gap = TestSpec(
        id="gap", metric="product_complementarity", prediction="", rule=Rule("at_least", 0.5)
    )
    claim = Claim(
        id="c",
        title="t",
        statement="s",
        conclusion=4,
        source="",
        tests=(_share_test(), context, gap),
    )
    result = evaluate_claim(claim, _contexts())
    assert [t.verdict for t in result.tests] == ["supported", None, "insufficient_data"]
    assert result.verdict == "supported"
    assert "1 insufficient data" in result.summary


def test_claim_with_only_unanswerable_tests_is_insufficient_data():
    gap = TestSpec(
        id="gap", metric="product_complementarity", prediction="", rule=Rule("at_least", 0.5)
    )
    claim = Claim(id="c", title="t", statement="s", conclusion=None, source="", tests=(gap,))
    result = evaluate_claim(claim, _contexts())
    assert result.verdict == "insufficient_data"
    assert "trade by product" in result.tests[0].baseline.note
