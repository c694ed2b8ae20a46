"""The gravity verbs of the top-level API: they run, and a bad argument names its parameter."""

from __future__ import annotations

import pytest

import regint
from regint.core.errors import InputError
from regint.gravity.spec import GravitySpec

pytestmark = pytest.mark.filterwarnings("ignore")


def test_gravity_verbs_are_public():
    for name in ("estimate_gravity", "replicate", "scenarios", "run_scenario", "run_scenarios"):
        assert name in regint.__all__ and callable(getattr(regint, name))


def test_scenarios_lists_the_shipped_three():
    frame = regint.scenarios()
    assert set(frame["name"]) == {"c5-fta", "uzb-eaeu", "c5-border-costs"}
    assert "provenance" in frame.attrs


def test_replicate_gives_the_books_rta_estimate():
    frame = regint.replicate("rta").to_frame()
    assert not frame.empty and "provenance" in frame.attrs


def test_estimate_gravity_takes_a_spec_object():
    # One year, international flows, exporter and importer effects: the full default spec is
    # the benchmark's job (benchmarks/bench_gravity.py).
    spec = GravitySpec(
        "small", ("ln_dist", "contig", "fta"), ("exporter", "importer"), years=(2020,),
        international_only=True,
    )  # fmt: skip
    coef = regint.estimate_gravity(spec).to_frame().set_index("term")
    assert set(coef.index) == {"ln_dist", "contig", "fta"}
    assert coef.loc["ln_dist", "estimate"] < 0
    assert (coef["std_error"] > 0).all()


def test_run_scenario_with_params_and_draws():
    result = regint.run_scenario("c5-border-costs", params={"cut_pct": 20}, draws=4, seed=1)
    prov = result.provenance.to_dict()
    assert prov["scenario"]["change"]["cut_pct"] == 20
    assert prov["draws"]["requested"] == 4 and prov["scenario"]["seed"] == 1
    region = result.to_frame().query("is_region")
    assert list(region["country"]) == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    assert (region["exports_change_pct"] > 0).all()


def test_run_scenarios_for_another_region_says_what_does_not_apply():
    results = regint.run_scenarios(region="eaeu", draws=0)
    by_name = {r.provenance.to_dict()["scenario"]["name"]: r for r in results}
    assert set(by_name) == {"c5-fta", "uzb-eaeu", "c5-border-costs"}
    assert "nothing changes" in by_name["c5-fta"].extra["not_applicable"]
    assert set(by_name["uzb-eaeu"].frame.query("is_region")["country"]) == {
        "ARM", "BLR", "KAZ", "KGZ", "RUS"
    }  # fmt: skip


@pytest.mark.parametrize(
    ("call", "parameter"),
    [
        (lambda: regint.replicate("gravity"), "application"),
        (lambda: regint.replicate("twb", closure="open"), "closure"),
        (lambda: regint.estimate_gravity("no-such-spec.yaml"), "spec"),
        (lambda: regint.estimate_gravity(42), "spec"),  # type: ignore[arg-type]
        (lambda: regint.run_scenario("no-such-scenario"), "scenario"),
        (lambda: regint.run_scenario("c5-fta", draws=-1), "draws"),
        (lambda: regint.run_scenario("c5-fta", seed=1.5), "seed"),  # type: ignore[arg-type]
        (lambda: regint.run_scenario("c5-fta", params={"bogus": 1}), "params"),
        (lambda: regint.run_scenarios(region="atlantis"), "region"),
        (lambda: regint.run_scenarios([]), "scenarios"),
    ],
)
def test_bad_argument_names_the_parameter(call, parameter):
    with pytest.raises(InputError) as err:
        call()
    assert err.value.parameter == parameter
