"""The masking rules: a value resting on too few member pairs or on too little known trade is NaN.

On the tiny world (tiny_world.py) with pieces removed: without the KGZ-UZB flows in 2003 only
2 of the 3 member pairs are known (0.67 < 0.7); with UZB's 2003 total raised to 200 its known
partners (90) cover 0.45 of its trade (< 0.5). The rows stay, with the column that says why.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from regint.indicators import INDICATORS, compute
from regint.indicators.masking import (
    MIN_PAIRS_SHARE,
    MIN_PARTNER_COVERAGE,
    compute_pairs_share,
    has_enough_coverage,
    has_enough_pairs,
)
from tests.indicators.tiny_world import flows_frame, make_data, totals_frame

PAIRS_INDICATORS = [
    ("intra_regional_share", "region"),
    ("intra_regional_share", "country"),
    ("intra_regional_intensity", "region"),
    ("intra_regional_intensity", "country"),
    ("homogeneous_intensity", "region"),
    ("introversion", "region"),
]


def without_kgz_uzb_2003():
    flows = flows_frame()
    pair = flows["exporter"].isin(["KGZ", "UZB"]) & flows["importer"].isin(["KGZ", "UZB"])
    return make_data(flows=flows[~(pair & (flows["year"] == 2003))].reset_index(drop=True))


def with_low_uzb_coverage_2003():
    totals = totals_frame()
    cell = (totals["country"] == "UZB") & (totals["year"] == 2003)
    return make_data(totals=totals.assign(trade_musd=totals["trade_musd"].where(~cell, 200.0)))


def at(frame: pd.DataFrame, year: int, country: str | None = None, column: str = "value"):
    rows = frame[frame["year"] == year]
    if country is not None:
        rows = rows[rows["country"] == country]
    return rows[column].to_numpy()


def test_thresholds_are_the_reports_rules():
    assert (MIN_PAIRS_SHARE, MIN_PARTNER_COVERAGE) == (0.7, 0.5)


def test_boundaries_pass_and_nan_fails():
    shares = compute_pairs_share(np.array([7, 14, 6, 0, 1]), np.array([10, 20, 10, 0, 1]))
    assert math.isnan(shares[3])
    assert has_enough_pairs(shares).tolist() == [True, True, False, False, True]
    assert has_enough_coverage(np.array([0.5, 0.49, np.nan, 1.0])).tolist() == [
        True,
        False,
        False,
        True,
    ]


@pytest.mark.parametrize(("indicator", "level"), PAIRS_INDICATORS)
def test_too_few_member_pairs_mask_the_value_but_keep_the_row(region, indicator, level):
    out = compute(indicator, without_kgz_uzb_2003(), region, level=level)
    if level == "region":
        assert np.isnan(at(out, 2003)).all() and len(at(out, 2003)) == 1
        assert at(out, 2003, column="pairs_share") == pytest.approx([2 / 3])
        assert np.isfinite(at(out, 2004)).all()
    else:
        # KAZ still knows both its pairs; KGZ and UZB know one of two.
        assert np.isfinite(at(out, 2003, "KAZ")).all()
        assert np.isnan(at(out, 2003, "KGZ")).all() and np.isnan(at(out, 2003, "UZB")).all()
        assert at(out, 2003, "KGZ", "pairs_share") == pytest.approx([0.5])


def test_masked_region_year_keeps_its_sums(region):
    out = compute("intra_regional_share", without_kgz_uzb_2003(), region)
    assert at(out, 2003, column="t_rr_musd") == pytest.approx([100.0])  # 2 * (15 + 35)
    assert at(out, 2003, column="t_r_musd") == pytest.approx([350.0])
    homogeneous = compute("homogeneous_intensity", without_kgz_uzb_2003(), region)
    for column in ("hi", "he", "outside_share"):
        assert np.isnan(at(homogeneous, 2003, column=column)).all(), column


def test_a_pair_known_in_one_direction_counts_as_covered(region):
    flows = flows_frame()
    drop = (flows["exporter"] == "KGZ") & (flows["importer"] == "UZB")  # UZB->KGZ stays
    out = compute("intra_regional_share", make_data(flows=flows[~drop]), region)
    assert at(out, 2003, column="pairs_share") == pytest.approx([1.0])
    assert np.isfinite(at(out, 2003)).all()


@pytest.mark.parametrize("indicator", ["partner_profile", "partner_concentration"])
def test_low_partner_coverage_masks_the_state_year(region, indicator):
    out = compute(indicator, with_low_uzb_coverage_2003(), region)
    assert at(out, 2003, "UZB", "coverage") == pytest.approx([0.45] * len(at(out, 2003, "UZB")))
    assert np.isnan(at(out, 2003, "UZB")).all()
    # Unmasked state-years keep their values (a profile group with no known flow stays NaN).
    assert np.isfinite(at(out, 2003, "KAZ")).any() and np.isfinite(at(out, 2004, "UZB")).any()
    assert np.isfinite(at(out, 2003, "KAZ", "coverage")).all()


def test_masked_profile_keeps_its_known_trade(region):
    out = compute("partner_profile", with_low_uzb_coverage_2003(), region)
    rows = out[(out["year"] == 2003) & (out["country"] == "UZB")].set_index("group")
    assert len(rows) == 8
    assert rows.loc["RUS", "trade_musd"] == pytest.approx(30.0)
    # A group with no known partner in a thinly covered state-year is unknown, not zero.
    assert np.isnan(rows.loc["CHN", "trade_musd"]) and np.isnan(rows.loc["USA", "trade_musd"])


def test_masked_concentration_keeps_partner_count(region):
    out = compute("partner_concentration", with_low_uzb_coverage_2003(), region)
    assert np.isnan(at(out, 2003, "UZB", "normalised")).all()
    assert at(out, 2003, "UZB", "n_partners").tolist() == [4]


@pytest.mark.parametrize("indicator_id", sorted(INDICATORS))
def test_every_record_states_its_masking_rule_and_threshold(indicator_id):
    record = INDICATORS[indicator_id].to_dict()
    assert "NaN" in record["masking"]
    if record["dimension"] != "trade":  # drivers: blank per state-year, no coverage threshold
        assert not record["thresholds"] and "never 0" in record["masking"]
        return
    assert record["thresholds"]
    for name, value in record["thresholds"].items():
        assert str(value) in record["masking"], name
