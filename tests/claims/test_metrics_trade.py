"""Trade metrics on hand-built frames whose answers can be worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from regint.claims.inputs import Context, compute_intra_flows, region_variants
from regint.claims.metrics import compute_measure
from regint.core.regions import C5_REGION, Region
from tests.claims.frames import make_trade

WINDOW = (2005, 2020)


def _measure(metric, trade, **params):
    return compute_measure(metric, Context(trade, None), {"window": WINDOW, **params})


def test_share_involving_the_key_pair_counts_every_pair_with_either_actor():
    # KAZ-UZB 150, KAZ-KGZ 40, TJK-KGZ 5: (150 + 40) / 195
    m = _measure("trade_share_involving", make_trade(), actors=("KAZ", "UZB"))
    assert m.value == pytest.approx(190 / 195, abs=1e-4)
    assert m.detail_dict()["equal_pairs_benchmark"] == pytest.approx(0.7)
    assert m.detail_dict()["pair_share_between_actors"] == pytest.approx(150 / 195, abs=1e-4)


def test_share_involving_an_actor_outside_the_region_is_not_applicable():
    m = _measure("trade_share_involving", make_trade(members=("KGZ", "TJK")), actors=("KAZ", "UZB"))
    assert m.value is None and not m.is_applicable
    assert m.note == "not applicable to region C5: KAZ, UZB are not members"


def test_top_strength_years_counts_years_in_which_the_actors_lead():
    pairs = {("KAZ", "UZB"): lambda y: 100.0, ("TJK", "KGZ"): lambda y: 300.0 if y >= 2017 else 1.0}
    m = _measure("top_strength_years", make_trade(pairs=pairs), actors=("KAZ", "UZB"))
    assert m.value == pytest.approx(12 / 16, abs=1e-4)  # 2005-2016 of 2005-2020


def test_years_above_and_mean_value_read_the_indicator_series():
    trade = make_trade(
        intensity=lambda y: 0.5 if y < 2009 else 2.0, share=lambda y: 0.05 + 0.01 * (y - 2016)
    )
    assert _measure("years_above", trade, indicator="intensity", above=1.0).value == pytest.approx(
        12 / 16
    )
    m = compute_measure(
        "mean_value", Context(trade, None), {"indicator": "share", "window": (2016, 2020)}
    )
    assert m.value == pytest.approx(0.07)


def test_mean_value_needs_every_year_of_its_window():
    m = compute_measure(
        "mean_value",
        Context(make_trade(years=range(2005, 2019)), None),
        {"indicator": "share", "window": (2016, 2020)},
    )
    assert m.value is None and "lack a value" in m.note


def _profile(external: float, region: float):
    return lambda y, c: {
        "RUS": external(y),
        "REGION": region(y),
        "OTHERS": 100.0 - external(y) - region(y),
    }


def test_gap_trend_is_positive_when_outside_powers_gain_on_the_region():
    trade = make_trade(profile=_profile(lambda y: 40 + (y - 2005), lambda y: 10 - 0.2 * (y - 2005)))
    m = _measure("profile_gap_trend", trade)
    assert m.value == pytest.approx(1.2, abs=1e-3)  # +1 pp external, -0.2 pp region a year
    assert m.lo <= m.value <= m.hi
    assert m.detail_dict()["region_share_trend_pp"]["slope"] == pytest.approx(-0.2, abs=1e-3)


def test_gap_trend_for_named_members_marks_national_years():
    trade = make_trade(
        years=range(2015, 2024), profile=_profile(lambda y: 50.0, lambda y: 5 + (y - 2015))
    )
    m = compute_measure(
        "profile_gap_trend",
        Context(trade, None),
        {"window": (2018, 2023), "members": ("KAZ", "UZB")},
    )
    assert m.value == pytest.approx(-1.0, abs=1e-3)
    assert "2021-2023 rest on national statistics" in m.note


def test_ratio_dominance_and_leaning_out_on_a_fixed_profile():
    trade = make_trade(
        profile=lambda y, c: (
            {"CHN": 40.0, "RUS": 20.0, "REGION": 10.0, "OTHERS": 30.0}
            if c in ("KAZ", "TKM", "UZB")
            else {"RUS": 20.0, "REGION": 30.0, "OTHERS": 50.0}
        )
    )
    params = {"window": (2016, 2020)}
    ctx = Context(trade, None)
    ratio = compute_measure("profile_ratio", ctx, params)
    assert ratio.value == pytest.approx((3 * 0.6 + 2 * 0.2) / (3 * 0.1 + 2 * 0.3), abs=1e-3)
    dominance = compute_measure("dominance_share", ctx, {**params, "min_share": 0.25})
    assert dominance.value == pytest.approx(0.6)
    leaning = compute_measure("states_external_above_region", ctx, params)
    assert leaning.value == pytest.approx(0.6)
    assert leaning.series_dict()["country"] == ("KAZ", "KGZ", "TJK", "TKM", "UZB")


def test_concentration_trend_reads_the_normalised_index():
    m = _measure(
        "indicator_trend",
        make_trade(hhi=lambda y, c: 0.1 + 0.01 * (y - 2005)),
        indicator="concentration",
    )
    assert m.value == pytest.approx(0.01, abs=1e-6)


def test_break_metric_finds_a_step_in_the_share():
    trade = make_trade(share=lambda y: 0.05 + (0.03 if y >= 2017 else 0.0) + 0.0001 * ((y * 7) % 3))
    m = _measure("break_test", trade, series="share", break_year=2017, search=(2012, 2018))
    assert m.value == pytest.approx(3.0, abs=0.1)  # percentage points
    assert m.lo > 0 and m.detail_dict()["best_break_year"] == 2017
    assert set(m.series_dict()) == {"year", "y", "fitted", "pre_trend"}


def test_actor_contribution_attributes_the_rise_to_the_actors_pairs():
    pairs = {
        ("KAZ", "UZB"): lambda y: 100.0 if y < 2017 else 160.0,
        ("KAZ", "KGZ"): lambda y: 50.0 if y < 2017 else 70.0,
    }
    m = compute_measure(
        "actor_contribution",
        Context(make_trade(pairs=pairs), None),
        {"actor": "UZB", "before": (2012, 2016), "after": (2017, 2020)},
    )
    assert m.value == pytest.approx(60 / 80)


def test_actor_contribution_has_nothing_to_attribute_when_trade_fell():
    pairs = {("KAZ", "UZB"): lambda y: 100.0 if y < 2017 else 60.0}
    m = compute_measure(
        "actor_contribution",
        Context(make_trade(pairs=pairs), None),
        {"actor": "UZB", "before": (2012, 2016), "after": (2017, 2020)},
    )
    assert m.value is None and "did not rise" in m.note


def test_intra_flows_keep_only_flows_between_members_of_that_year():
    region = Region.yearly("r", "R", {2000: {"KAZ", "UZB"}, 2001: {"KAZ", "UZB", "KGZ"}})
    flows = pd.DataFrame(
        {
            "exporter": ["KAZ", "KAZ", "KAZ", "RUS"],
            "importer": ["UZB", "KGZ", "KGZ", "KAZ"],
            "year": [2000, 2000, 2001, 2001],
            "value_musd": [1.0, 2.0, 3.0, 4.0],
        }
    )
    intra = compute_intra_flows(flows, region)
    assert list(zip(intra["year"], intra["importer"], strict=True)) == [
        (2000, "UZB"),
        (2001, "KGZ"),
    ]


def test_region_variants_of_the_c5_and_of_other_regions():
    assert [v[0] for v in region_variants(C5_REGION)] == ["c5_no_tkm", "kaz_uzb_kgz"]
    other = Region.fixed("x", "X", ["AAA", "BBB", "CCC"])
    variants = region_variants(other)
    assert len(variants) == 3 and all(len(r.all_members()) == 2 for _, _, r in variants)
    assert region_variants(Region.fixed("y", "Y", ["AAA", "BBB"])) == []
