"""Every indicator on the tiny world (tiny_world.py), against values computed by hand.

Hand computation, R = {KAZ, KGZ, UZB}:

2003  T_RR = 2 * (15 + 35 + 5) = 110    T_R = 200 + 50 + 100 = 350    T_W = 1400
      S_R = 110/350 = 11/35             I_R = (11/35) / (350/1400) = 44/35
      T_OR = 350 - 110 = 240  T_O = 1400 - 350 = 1050  b = 240/1050 = 8/35
      HI = (11/35)/(8/35) = 11/8        HE = (24/35)/(27/35) = 8/9
      RTII = (11/8 - 8/9)/(11/8 + 8/9) = 35/163
2004  T_RR = 2 * (15 + 60 + 5) = 160    T_R = 225 + 50 + 125 = 400    T_W = 1600
      S_R = 0.4   I_R = 0.4/0.25 = 1.6  b = 240/1200 = 0.2
      HI = 2      HE = 0.6/0.8 = 0.75   RTII = 1.25/2.75 = 5/11

Country level, s_i = T_i,R\\i / T_i and I_i = s_i / ((T_R - T_i)/T_W):
2003  KAZ 50/200 = 0.25, I = 0.25/(150/1400) = 7/3
      KGZ 20/50 = 0.4,   I = 0.4/(300/1400) = 28/15
      UZB 40/100 = 0.4,  I = 0.4/(250/1400) = 2.24
2004  KAZ 75/225 = 1/3,  I = (1/3)/(175/1600) = 64/21
      KGZ 20/50 = 0.4,   I = 0.4/(350/1600) = 64/35
      UZB 65/125 = 0.52, I = 0.52/(275/1600) = 832/275

Partner concentration over known partners:
2003  KAZ 15,35,100,50 of 200: H = .075^2+.175^2+.5^2+.25^2 = .34875, norm (.34875-.25)/.75
      KGZ 15,5,15,15 of 50:     H = .3^2*3 + .1^2 = .28, norm .04
      UZB 35,5,30,20 of 90:     H = 102/324 = 17/54, norm 7/81, coverage 90/100
2004  KAZ 15,60,100,50 of 225:  H = 16325/50625 = 653/2025, norm 587/6075
      UZB 60,5,30,20 of 115:    H = 4925/13225 = 197/529, norm 259/1587, coverage 115/125
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from regint.indicators import (
    compute_homogeneous_intensity,
    compute_intra_regional_intensity,
    compute_intra_regional_share,
    compute_introversion,
    compute_partner_concentration,
    compute_partner_profile,
)


def by_year(frame: pd.DataFrame, column: str = "value") -> dict[int, float]:
    return dict(zip(frame["year"], frame[column], strict=True))


def by_country(frame: pd.DataFrame, column: str = "value") -> dict[tuple[int, str], float]:
    return dict(zip(zip(frame["year"], frame["country"], strict=True), frame[column], strict=True))


def test_region_share_equals_hand_value(data, region):
    out = compute_intra_regional_share(data, region)
    assert by_year(out) == pytest.approx({2003: 11 / 35, 2004: 0.4})
    assert by_year(out, "t_rr_musd") == pytest.approx({2003: 110, 2004: 160})
    assert by_year(out, "t_r_musd") == pytest.approx({2003: 350, 2004: 400})


def test_country_share_equals_hand_value(data, region):
    out = compute_intra_regional_share(data, region, level="country")
    assert by_country(out) == pytest.approx(
        {
            (2003, "KAZ"): 0.25,
            (2003, "KGZ"): 0.4,
            (2003, "UZB"): 0.4,
            (2004, "KAZ"): 1 / 3,
            (2004, "KGZ"): 0.4,
            (2004, "UZB"): 0.52,
        }
    )


def test_region_intensity_equals_hand_value(data, region):
    out = compute_intra_regional_intensity(data, region)
    assert by_year(out) == pytest.approx({2003: 44 / 35, 2004: 1.6})


def test_country_intensity_equals_hand_value(data, region):
    out = compute_intra_regional_intensity(data, region, level="country")
    assert by_country(out) == pytest.approx(
        {
            (2003, "KAZ"): 7 / 3,
            (2003, "KGZ"): 28 / 15,
            (2003, "UZB"): 2.24,
            (2004, "KAZ"): 64 / 21,
            (2004, "KGZ"): 64 / 35,
            (2004, "UZB"): 832 / 275,
        }
    )


def test_homogeneous_intensity_equals_hand_value(data, region):
    out = compute_homogeneous_intensity(data, region)
    assert by_year(out, "hi") == pytest.approx({2003: 11 / 8, 2004: 2.0})
    assert by_year(out, "he") == pytest.approx({2003: 8 / 9, 2004: 0.75})
    assert by_year(out, "outside_share") == pytest.approx({2003: 8 / 35, 2004: 0.2})
    assert list(out["value"]) == list(out["hi"])


def test_introversion_equals_hand_value(data, region):
    out = compute_introversion(data, region)
    assert by_year(out) == pytest.approx({2003: 35 / 163, 2004: 5 / 11})


def test_partner_concentration_equals_hand_value(data, region):
    out = compute_partner_concentration(data, region)
    assert by_country(out) == pytest.approx(
        {
            (2003, "KAZ"): 0.34875,
            (2003, "KGZ"): 0.28,
            (2003, "UZB"): 17 / 54,
            (2004, "KAZ"): 653 / 2025,
            (2004, "KGZ"): 0.28,
            (2004, "UZB"): 197 / 529,
        }
    )
    assert by_country(out, "normalised") == pytest.approx(
        {
            (2003, "KAZ"): 0.09875 / 0.75,
            (2003, "KGZ"): 0.04,
            (2003, "UZB"): 7 / 81,
            (2004, "KAZ"): 587 / 6075,
            (2004, "KGZ"): 0.04,
            (2004, "UZB"): 259 / 1587,
        }
    )
    assert set(out["n_partners"]) == {4}
    assert by_country(out, "coverage")[(2003, "UZB")] == pytest.approx(0.9)
    assert by_country(out, "coverage")[(2004, "UZB")] == pytest.approx(0.92)
    assert by_country(out, "coverage")[(2004, "KAZ")] == pytest.approx(1.0)


def test_partner_profile_equals_hand_value(data, region):
    out = compute_partner_profile(data, region)
    shares = {
        (y, c, g): v
        for y, c, g, v in out[["year", "country", "group", "value"]].itertuples(index=False)
    }
    expected_nonzero = {
        (2003, "KAZ", "RUS"): 0.5,
        (2003, "KAZ", "REGION"): 0.25,
        (2003, "KAZ", "OTHERS"): 0.25,
        (2003, "KGZ", "RUS"): 0.3,
        (2003, "KGZ", "REGION"): 0.4,
        (2003, "KGZ", "OTHERS"): 0.3,
        (2003, "UZB", "RUS"): 1 / 3,
        (2003, "UZB", "REGION"): 4 / 9,
        (2003, "UZB", "OTHERS"): 2 / 9,
        (2004, "KAZ", "RUS"): 4 / 9,
        (2004, "KAZ", "EU27"): 2 / 9,
        (2004, "KAZ", "REGION"): 1 / 3,
        (2004, "KGZ", "RUS"): 0.3,
        (2004, "KGZ", "EU27"): 0.3,
        (2004, "KGZ", "REGION"): 0.4,
        (2004, "UZB", "RUS"): 6 / 23,
        (2004, "UZB", "EU27"): 4 / 23,
        (2004, "UZB", "REGION"): 13 / 23,
    }
    # A group with no known flow is unknown (NaN), never 0 (issue 8, item 11).
    expected = {key: expected_nonzero.get(key, float("nan")) for key in shares}
    assert len(shares) == 2 * 3 * 8
    assert shares == pytest.approx(expected, nan_ok=True)


def test_poland_moves_from_others_to_eu27_on_accession(data, region):
    out = compute_partner_profile(data, region)
    kaz = out[out["country"] == "KAZ"].set_index(["year", "group"])["trade_musd"]
    # No flow known with a group: unknown (NaN), not 0.
    assert np.isnan(kaz[(2003, "EU27")]) and kaz[(2003, "OTHERS")] == 50.0
    assert kaz[(2004, "EU27")] == 50.0 and np.isnan(kaz[(2004, "OTHERS")])


def test_profile_groups_come_in_display_order(data, region):
    out = compute_partner_profile(data, region)
    first = out[(out["year"] == 2003) & (out["country"] == "KAZ")]["group"].tolist()
    assert first == ["RUS", "CHN", "EU27", "USA", "TUR", "IRN", "REGION", "OTHERS"]


def test_profile_coverage_is_known_trade_over_total(data, region):
    out = compute_partner_profile(data, region)
    cov = out.groupby(["year", "country"])["coverage"].first()
    assert cov[(2003, "UZB")] == pytest.approx(0.9)
    assert cov[(2004, "UZB")] == pytest.approx(0.92)
    assert cov[(2003, "KAZ")] == pytest.approx(1.0)
