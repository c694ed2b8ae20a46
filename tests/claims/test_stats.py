"""The trend and break statistics on synthetic series with known answers."""

from __future__ import annotations

import numpy as np
import pytest

from regint.claims.stats import compute_break_test, compute_trend, newey_west_lag

YEARS = np.arange(2005, 2021)


def _series(
    level_shift: float, slope_change: float, noise: float, seed: int, break_year: int = 2017
):
    rng = np.random.default_rng(seed)
    t = YEARS.astype(float)
    post = (t >= break_year).astype(float)
    return (
        5.0
        + 0.2 * (t - break_year)
        + level_shift * post
        + slope_change * post * (t - break_year)
        + rng.normal(0.0, noise, len(t))
    )


def test_trend_recovers_a_known_slope_within_its_interval():
    rng = np.random.default_rng(1)
    y = 3.0 + 0.5 * (YEARS - 2005) + rng.normal(0, 0.2, len(YEARS))
    est = compute_trend(YEARS, y)
    assert est.lo < 0.5 < est.hi
    assert est.lo > 0.4 and est.hi < 0.6


def test_trend_of_a_flat_noisy_series_straddles_zero():
    rng = np.random.default_rng(7)
    est = compute_trend(YEARS, rng.normal(0, 1, len(YEARS)))
    assert est.lo < 0 < est.hi


def test_trend_ignores_missing_years_and_needs_four_points():
    y = np.array([1.0, np.nan, 3.0, 4.0, 5.0])
    est = compute_trend(np.arange(5), y)
    assert est.value == pytest.approx(1.0)
    with pytest.raises(ValueError, match="at least 4"):
        compute_trend([1, 2, 3], [1.0, 2.0, 3.0])


def test_break_test_detects_a_known_level_shift_and_sizes_it():
    y = _series(level_shift=2.0, slope_change=0.0, noise=0.15, seed=3)
    test = compute_break_test(YEARS, y, 2017, search=range(2010, 2019))
    assert test.p_value < 0.001
    assert test.effect.lo < 2.0 < test.effect.hi
    assert test.level_shift.lo > 1.0
    assert test.best_break_year == 2017
    assert (test.n_pre, test.n_post) == (12, 4)


def test_break_effect_includes_the_slope_change_over_the_post_years():
    # No level shift, slope +1 a year after 2017: mean deviation over 2017-2020 = mean(0,1,2,3) = 1.5.
    y = _series(level_shift=0.0, slope_change=1.0, noise=0.0001, seed=5)
    test = compute_break_test(YEARS, y, 2017)
    assert test.effect.value == pytest.approx(1.5, abs=1e-3)
    assert test.slope_change.value == pytest.approx(1.0, abs=1e-3)


def test_break_test_rejects_no_break_at_about_its_nominal_rate():
    rejections = sum(
        compute_break_test(YEARS, _series(0.0, 0.0, 0.5, seed), 2017).p_value < 0.05
        for seed in range(400)
    )
    assert 0.02 <= rejections / 400 <= 0.09


def test_break_test_needs_points_on_both_sides():
    with pytest.raises(ValueError, match="each side"):
        compute_break_test(YEARS, _series(0, 0, 0.1, 1), 2019)


def test_newey_west_lag_grows_slowly():
    assert newey_west_lag(16) == 1
    assert newey_west_lag(100) == 3
