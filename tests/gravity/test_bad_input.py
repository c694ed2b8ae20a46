"""Bad input gets an error naming the spec key or parameter, never a silent number."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regint.core.errors import InputError
from regint.gravity import GEConvergenceError, GEProblem, GravitySpec, compute_ge, compute_ppml
from regint.gravity.scenario import read_scenario
from regint.gravity.spec import compute_spec

pytestmark = pytest.mark.filterwarnings("ignore")


def _frame(n: int = 6, years=(2000, 2004)) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    c = [f"C{i}" for i in range(n)]
    rows = [(a, b, y) for y in years for a in c for b in c]
    f = pd.DataFrame(rows, columns=["exporter", "importer", "year"])
    f["trade"] = rng.gamma(2.0, 10.0, len(f))
    f["ln_dist"] = np.where(f.exporter == f.importer, 0.0, rng.uniform(5, 9, len(f)))
    f["const"] = 1.0
    return f


def test_unknown_variable_names_the_spec_key():
    with pytest.raises(InputError) as err:
        compute_ppml(_frame(), GravitySpec("x", ("nope",), ("exporter", "importer")))
    assert err.value.parameter == "spec.regressors" and "nope" in str(err.value)


def test_unknown_year_and_unknown_key_are_refused():
    with pytest.raises(InputError, match="1999"):
        compute_ppml(_frame(), GravitySpec("x", ("ln_dist",), ("exporter",), years=(1999,)))
    with pytest.raises(InputError) as err:
        compute_spec({"name": "x", "regressors": ["a"], "colour": "red"})
    assert err.value.parameter == "spec.colour"


def test_a_demeaning_that_cannot_converge_tightly_falls_back_with_a_note(monkeypatch):
    from regint.gravity import estimate

    spec = GravitySpec("x", ("ln_dist",), ("exporter", "importer"))
    tight = estimate.compute_ppml(_frame(), spec)
    assert estimate.LOOSE_NOTE not in tight.notes
    monkeypatch.setitem(estimate.TIGHT, "fixef_maxiter", 1)  # cannot reach 1e-13 in one sweep
    loose = estimate.compute_ppml(_frame(), spec)
    assert estimate.LOOSE_NOTE in loose.notes
    assert loose.coef("ln_dist") == pytest.approx(tight.coef("ln_dist"), rel=1e-6)


def test_constant_regressor_is_a_singular_design():
    with pytest.raises(InputError, match="singular"):
        compute_ppml(_frame(), GravitySpec("x", ("const",), ("exporter", "importer")))


def test_unknown_scenario_change_and_agreement_are_refused(tmp_path):
    with pytest.raises(InputError, match="neither a shipped scenario"):
        read_scenario("no-such-scenario")
    with pytest.raises(InputError) as err:
        read_scenario("c5-fta", {"wings": "2"})
    assert err.value.parameter == "params"
    bad = tmp_path / "s.yaml"
    bad.write_text(
        "name: s\nregion: [KAZ]\nyear: 2020\nestimation: {regressors: [fta]}\n"
        "change: {kind: agreement, dummy: wto, members: [KAZ]}\n"
    )
    with pytest.raises(InputError) as err:
        read_scenario(str(bad))
    assert err.value.parameter == "scenario.change.dummy"


def test_cut_outside_zero_to_hundred_is_refused():
    with pytest.raises(InputError) as err:
        read_scenario("c5-border-costs", {"cut_pct": "120"})
    assert err.value.parameter == "scenario.change.cut_pct"


@pytest.mark.parametrize(
    ("key", "value"),
    [("sigma", "seven"), ("sigma", "true"), ("draws", "2.5"), ("draws", "abc"), ("seed", "[1]"),
     ("year", "'2020'"), ("top", "ten")],
)  # fmt: skip
def test_a_value_of_the_wrong_type_names_its_key(key, value):
    with pytest.raises(InputError) as err:
        read_scenario("c5-fta", {key: value})
    assert err.value.parameter == f"scenario.{key}"


def _problem(sigma: float = 5.0, scale: float = 2.0) -> GEProblem:
    tau = np.array([[1.0, 0.2, 0.1], [0.2, 1.0, 0.3], [0.1, 0.3, 1.0]])
    y = np.array([10.0, 6.0, 3.0])
    e = np.array([9.0, 7.0, 3.0])
    cfl = tau * np.where(np.eye(3) == 1, 1.0, scale)
    return GEProblem(("A", "B", "C"), y, e, tau, cfl, sigma, "A")


@pytest.mark.parametrize("sigma", [1.0, 0.5, 0.0, -2.0])
def test_elasticity_at_or_below_one_is_refused(sigma):
    with pytest.raises(InputError) as err:
        compute_ge(_problem(sigma))
    assert err.value.parameter == "sigma"


def test_non_convergence_raises_and_names_the_parameters():
    with pytest.raises(GEConvergenceError, match="max_iter"):
        compute_ge(_problem(), max_iter=2)


@settings(max_examples=25, deadline=None)
@given(
    st.floats(1.5, 12.0), st.floats(0.2, 5.0), st.sampled_from(["book", "balanced", "fixed_shares"])
)
def test_no_change_in_costs_changes_nothing_and_reference_stays_numeraire(sigma, scale, closure):
    same = compute_ge(_problem(sigma, 1.0), closure=closure).to_frame()
    assert np.allclose(same[["rgdp_change_pct", "price_change_pct"]], 0.0, atol=1e-7)
    moved = compute_ge(_problem(sigma, scale), closure=closure).to_frame().set_index("country")
    assert abs(moved.loc["A", "imr_change_pct"]) < 1e-7
    # lower costs between partners raise every country's real GDP
    if scale > 1.0:
        assert (moved["rgdp_change_pct"] > 0).all()


@settings(max_examples=15, deadline=None)
@given(st.permutations([0, 1, 2]))
def test_relabelling_countries_changes_nothing(order):
    base = _problem()
    idx = list(order)
    names = tuple(base.countries[i] for i in idx)
    perm = GEProblem(names, base.output[idx], base.expenditure[idx],
                     base.tau_baseline[np.ix_(idx, idx)], base.tau_counterfactual[np.ix_(idx, idx)],
                     base.sigma, "A")  # fmt: skip
    a = compute_ge(base).to_frame().set_index("country").sort_index()
    b = compute_ge(perm).to_frame().set_index("country").sort_index()
    assert np.allclose(a.to_numpy(), b.to_numpy(), rtol=1e-8, atol=1e-8)
