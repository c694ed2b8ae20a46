"""Missing data and changing membership: NaN where a number would be wrong, members year by year."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from regint.core.regions import Region
from regint.indicators import (
    compute_homogeneous_intensity,
    compute_intra_regional_intensity,
    compute_intra_regional_share,
    compute_introversion,
    compute_partner_concentration,
    compute_partner_profile,
)
from tests.indicators.tiny_world import flows_frame, make_data, totals_frame


def value_at(frame: pd.DataFrame, year: int, country: str | None = None, column: str = "value"):
    rows = frame[frame["year"] == year]
    if country is not None:
        rows = rows[rows["country"] == country]
    assert len(rows) == 1
    return rows[column].iloc[0]


def data_without_total(country: str, year: int):
    totals = totals_frame()
    keep = ~((totals["country"] == country) & (totals["year"] == year))
    return make_data(totals=totals[keep].reset_index(drop=True))


def test_member_without_total_makes_that_year_nan(region):
    data = data_without_total("KGZ", 2004)
    share = compute_intra_regional_share(data, region)
    assert math.isnan(value_at(share, 2004))
    assert value_at(share, 2003) == pytest.approx(11 / 35)
    for compute in (
        compute_intra_regional_intensity,
        compute_homogeneous_intensity,
        compute_introversion,
    ):
        assert math.isnan(value_at(compute(data, region), 2004))


def test_member_without_total_leaves_other_members_shares(region):
    data = data_without_total("KGZ", 2004)
    share = compute_intra_regional_share(data, region, level="country")
    assert math.isnan(value_at(share, 2004, "KGZ"))
    assert value_at(share, 2004, "KAZ") == pytest.approx(1 / 3)
    # The intensity benchmark needs T_R, which is unknown without KGZ's total.
    intensity = compute_intra_regional_intensity(data, region, level="country")
    assert math.isnan(value_at(intensity, 2004, "KAZ"))


def test_concentration_without_total_is_masked_as_its_coverage_is_unknown(region):
    # H over known partners is computable (0.28), but nothing shows they are most of the trade.
    data = data_without_total("KGZ", 2004)
    out = compute_partner_concentration(data, region)
    assert math.isnan(value_at(out, 2004, "KGZ"))
    assert math.isnan(value_at(out, 2004, "KGZ", "coverage"))
    assert value_at(out, 2004, "KGZ", "n_partners") == 4
    assert value_at(out, 2003, "KGZ") == pytest.approx(0.28)


def test_region_uses_members_of_each_year():
    # KAZ and KGZ only in 2003: T_RR = 2 * 15 = 30, T_R = 200 + 50 = 250.
    region = Region.yearly("tv", "changing", {2003: {"KAZ", "KGZ"}, 2004: {"KAZ", "KGZ", "UZB"}})
    data = make_data()
    share = compute_intra_regional_share(data, region)
    assert value_at(share, 2003) == pytest.approx(30 / 250)
    assert value_at(share, 2004) == pytest.approx(0.4)
    assert value_at(share, 2003, column="n_members") == 2
    countries = compute_intra_regional_share(data, region, level="country")
    assert set(countries.loc[countries["year"] == 2003, "country"]) == {"KAZ", "KGZ"}
    assert set(countries.loc[countries["year"] == 2004, "country"]) == {"KAZ", "KGZ", "UZB"}


def test_non_member_partner_is_not_region_in_profile():
    # KAZ 2003: UZB (35) is not a member yet, so it joins POL (50) in OTHERS: 85/200.
    region = Region.yearly("tv", "changing", {2003: {"KAZ", "KGZ"}, 2004: {"KAZ", "KGZ", "UZB"}})
    out = compute_partner_profile(make_data(), region)
    kaz = out[(out["country"] == "KAZ")].set_index(["year", "group"])["value"]
    assert kaz[(2003, "OTHERS")] == pytest.approx(85 / 200)
    assert kaz[(2003, "REGION")] == pytest.approx(15 / 200)
    assert kaz[(2004, "REGION")] == pytest.approx(75 / 225)


def test_member_without_any_flow_is_nan_but_counts_in_totals():
    # TJK has a total (10) but no known flow: its own share is unknown; T_R includes it.
    # Its three pairs are unknown, so only 3 of 6 pairs are covered: the region value is masked
    # (pairs rule), its sums are kept.
    region = Region.fixed("c4", "with TJK", {"KAZ", "KGZ", "UZB", "TJK"})
    totals = pd.concat(
        [
            totals_frame(),
            pd.DataFrame(
                {
                    "country": ["TJK"] * 2,
                    "year": [2003, 2004],
                    "trade_musd": [10.0, 10.0],
                    "source": ["test"] * 2,
                }
            ),
        ],
        ignore_index=True,
    )
    data = make_data(totals=totals)
    share = compute_intra_regional_share(data, region)
    assert math.isnan(value_at(share, 2003))
    assert value_at(share, 2003, column="t_rr_musd") == pytest.approx(110)
    assert value_at(share, 2003, column="t_r_musd") == pytest.approx(360)
    assert value_at(share, 2003, column="pairs_share") == pytest.approx(0.5)
    assert value_at(share, 2003, column="n_members_with_flows") == 3
    countries = compute_intra_regional_share(data, region, level="country")
    assert math.isnan(value_at(countries, 2003, "TJK"))
    profile = compute_partner_profile(data, region)
    assert profile[profile["country"] == "TJK"]["value"].isna().all()
    hhi = compute_partner_concentration(data, region)
    assert math.isnan(value_at(hhi, 2003, "TJK"))
    assert value_at(hhi, 2003, "TJK", "n_partners") == 0


def test_year_without_member_flows_is_nan_not_zero(region):
    extra = pd.DataFrame(
        {
            "exporter": ["RUS"],
            "importer": ["POL"],
            "year": [2005],
            "value_musd": [100.0],
            "side": ["reported"],
            "source": ["test"],
        }
    )
    data = make_data(flows=pd.concat([flows_frame(), extra], ignore_index=True))
    share = compute_intra_regional_share(data, region)
    assert math.isnan(value_at(share, 2005))
    assert value_at(share, 2005, column="n_members_with_flows") == 0


def test_missing_flow_values_and_self_flows_are_ignored(region, data):
    extra = pd.DataFrame(
        {
            "exporter": ["KAZ", "KGZ"],
            "importer": ["KAZ", "TJK"],
            "year": [2003, 2003],
            "value_musd": [999.0, None],
            "side": ["reported"] * 2,
            "source": ["test"] * 2,
        }
    )
    noisy = make_data(flows=pd.concat([flows_frame(), extra], ignore_index=True))
    pd.testing.assert_frame_equal(
        compute_partner_concentration(noisy, region), compute_partner_concentration(data, region)
    )
    pd.testing.assert_frame_equal(
        compute_intra_regional_share(noisy, region), compute_intra_regional_share(data, region)
    )


def test_empty_inputs_give_empty_frames_with_their_columns(region):
    from regint.indicators import INDICATORS, TradeData, compute

    empty = TradeData(
        flows=pd.DataFrame({"exporter": [], "importer": [], "year": [], "value_musd": []}).astype(
            {"exporter": "str", "importer": "str", "year": "int64", "value_musd": "float64"}
        ),
        totals=pd.DataFrame({"country": [], "year": [], "trade_musd": []}).astype(
            {"country": "str", "year": "int64", "trade_musd": "float64"}
        ),
        world=pd.DataFrame({"year": [], "trade_musd": []}).astype({"year": "int64"}),
        basis="mirror",
    )
    for indicator_id, meta in INDICATORS.items():
        if (
            meta.dimension != "trade"
        ):  # the drivers read DriverData (tests/indicators/test_drivers.py)
            continue
        for level in meta.levels:
            out = compute(indicator_id, empty, region, level=level)
            assert len(out) == 0 and {"year", "value"} <= set(out.columns)
