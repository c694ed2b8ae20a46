"""The pre-declared claims spec: complete, valid, and strict about what it accepts."""

from __future__ import annotations

import pytest

from regint.claims import METRICS, read_claims
from regint.claims.model import DIMENSIONS
from regint.core.errors import DataError


@pytest.fixture(scope="module")
def claim_set():
    return read_claims(metrics=set(METRICS))


def test_spec_holds_the_five_conclusions_and_the_assertions(claim_set):
    assert sorted(c.conclusion for c in claim_set.claims if c.conclusion) == [1, 2, 3, 4, 5]
    ids = {c.id for c in claim_set.claims}
    assert {"uzbek_opening", "institutions_did_not_last", "lean_on_external"} <= ids
    assert claim_set.declared_on and "10.24833" in claim_set.citation


def test_every_claim_has_a_judged_test_with_a_prediction(claim_set):
    for claim in claim_set.claims:
        judged = [t for t in claim.tests if t.rule.kind != "describe"]
        assert judged, claim.id
        assert all(t.prediction for t in claim.tests), claim.id


def test_every_alternative_names_a_dimension_the_test_is_robust_along(claim_set):
    for claim in claim_set.claims:
        for test in claim.tests:
            for alt in test.alternatives:
                assert alt.dimension in DIMENSIONS
                assert alt.dimension in test.robustness or alt.dimension == "measure", (
                    test.id,
                    alt.label,
                )


def test_bandwagoning_is_tested_since_2005_and_since_2018(claim_set):
    windows = {t.param_dict().get("window") for t in claim_set.get("bandwagoning").tests}
    assert (2005, 2020) in windows and (2018, 2023) in windows


def _write(tmp_path, text: str):
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD_TEST = "{id: t1, metric: mean_value, prediction: p, rule: {kind: at_most, threshold: 0.1}}"


def _assert_refused(tmp_path, claim: str, match: str, **kwargs) -> None:
    """A spec holding the one ``claim`` (YAML flow style) is refused with ``match``."""
    with pytest.raises(DataError, match=match):
        read_claims(_write(tmp_path, f"claims:\n  - {claim}\n"), **kwargs)


def _with_test(test: str) -> str:
    """A claim whose one test is ``{id: t1, <test>}``."""
    return f"{{id: c1, tests: [{{id: t1, {test}}}]}}"


def test_an_unknown_metric_is_named(tmp_path):
    claim = _with_test("metric: nope, rule: {kind: at_least}")
    _assert_refused(tmp_path, claim, "unknown metric 'nope'", metrics=set(METRICS))


def test_a_bad_rule_or_dimension_is_refused(tmp_path):
    _assert_refused(tmp_path, _with_test("metric: mean_value, rule: {kind: maybe}"), "rule.kind")
    claim = _with_test("metric: mean_value, rule: {kind: at_least}, robustness: [weather]")
    _assert_refused(tmp_path, claim, "weather")


def test_a_yaml_boolean_parameter_name_is_refused(tmp_path):
    claim = _with_test("metric: mean_value, rule: {kind: at_least}, params: {on: '2020-01-01'}")
    _assert_refused(tmp_path, claim, "not a string")


def test_unknown_keys_and_duplicate_ids_are_refused(tmp_path):
    _assert_refused(tmp_path, f"{{id: c1, colour: red, tests: [{GOOD_TEST}]}}", "unknown key")
    _assert_refused(tmp_path, f"{{id: c1, tests: [{GOOD_TEST}, {GOOD_TEST}]}}", "duplicate")


def test_a_claim_without_tests_is_refused(tmp_path):
    _assert_refused(tmp_path, "{id: c1, tests: []}", "at least one test")
