"""Scenarios end to end on the warehouse built from the committed snapshot (no ../shared)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from regint.api import gravity
from regint.gravity.scenario import list_scenario_files

pytestmark = pytest.mark.filterwarnings("ignore")


@pytest.fixture(scope="module")
def uzb_eaeu():
    return gravity.run_scenario("uzb-eaeu", {"draws": "30"})


def test_shipped_scenarios_are_the_three_the_study_asks_for():
    assert set(list_scenario_files()) == {"c5-fta", "uzb-eaeu", "c5-border-costs"}


def test_scenario_gives_each_c5_state_an_interval_around_its_estimate(uzb_eaeu):
    frame = uzb_eaeu.to_frame()
    region = frame.loc[frame["is_region"]].set_index("country")
    assert list(region.index) == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    for m in ("rgdp_change_pct", "exports_change_pct"):
        assert (region[f"{m}_lo"] <= region[m] + 1e-9).all()
        assert (region[m] <= region[f"{m}_hi"] + 1e-9).all()
    assert np.isfinite(region["rgdp_change_pct"]).all()


def test_scenario_reports_draws_domestic_rule_and_provenance(uzb_eaeu):
    prov = uzb_eaeu.provenance.to_dict()
    assert prov["draws"]["requested"] == 30
    assert prov["draws"]["solved"] + prov["draws"]["failed"] == 30
    assert any("DOTS has no domestic" in n for n in uzb_eaeu.notes)
    assert {s["source_id"] for s in prov["sources"]} >= {"imf_dots", "wb_wdi", "cepii_geodist"}
    assert prov["estimation"]["spec"]["vcov"] == "cluster_pair"
    json.dumps(uzb_eaeu.to_dict(), default=str)  # serialisable as the CLI prints it


def test_alternative_domestic_rule_runs_and_differs():
    alt = gravity.run_scenario(
        "c5-border-costs", {"draws": "0", "domestic_rule": "half_gdp_minus_exports"}
    )
    base = gravity.run_scenario("c5-border-costs", {"draws": "0"})
    a = alt.to_frame().set_index("country").loc["KGZ", "rgdp_change_pct"]
    b = base.to_frame().set_index("country").loc["KGZ", "rgdp_change_pct"]
    assert a > 0 and b > 0 and a != pytest.approx(b, rel=1e-6)
    assert any("half_gdp_minus_exports" in n for n in alt.notes)


def test_report_section_lists_each_state_with_an_interval(uzb_eaeu):
    from regint.report.scenarios_section import render_scenarios_section

    html = render_scenarios_section([uzb_eaeu])
    for state in ("KAZ", "KGZ", "TJK", "TKM", "UZB"):
        assert f"<td>{state}</td>" in html
    assert "[" in html and "DOTS has no domestic" in html
