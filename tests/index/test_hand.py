"""Small examples computed by hand (three states, two dimensions) match to 1e-12.

x1 = (1, 2, 4) -> min-max (0, 100/3, 100); x2 = (10, 30, 20), direction -1 -> (100, 0, 50);
x3 = (3, 6, 5) -> (0, 100, 200/3). Equal weights: d1 = (50, 50/3, 75), d2 = (0, 100, 200/3).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from regint.index.build import compute_index
from regint.index.impute import compute_imputation
from regint.index.weights import compute_pca_weights
from tests.index.frames import hand_panel, hand_spec

TOL = 1e-12
D1 = (50.0, 50.0 / 3.0, 75.0)
D2 = (0.0, 100.0, 200.0 / 3.0)
N = {"x1": (0.0, 100.0 / 3.0, 100.0), "x2": (100.0, 0.0, 50.0), "x3": (0.0, 100.0, 200.0 / 3.0)}


def scores(**methods):
    result = compute_index(hand_panel(), hand_spec(**methods))
    return result, result.index[:, 0]


def test_minmax_arithmetic_equal_weights_matches_hand_values():
    result, index = scores()
    expected = [(a + b) / 2 for a, b in zip(D1, D2, strict=True)]  # 25, 175/3, 425/6
    assert np.allclose(index, expected, atol=TOL, rtol=0)
    assert np.allclose(result.dimensions[:, 0, 0], D1, atol=TOL, rtol=0)
    assert result.region[0] == pytest.approx(sum(expected) / 3, abs=TOL)
    assert index[0] == pytest.approx(25.0, abs=TOL)


def test_geometric_mean_shifts_by_one_on_a_zero_to_hundred_scale():
    _, index = scores(aggregation={"method": "geometric"})
    for u in range(3):
        d1 = math.sqrt((N["x1"][u] + 1) * (N["x2"][u] + 1)) - 1
        d2 = N["x3"][u]
        assert index[u] == pytest.approx(math.sqrt((d1 + 1) * (d2 + 1)) - 1, abs=TOL)


def test_harmonic_mean_matches_hand_values():
    _, index = scores(aggregation={"method": "harmonic"})
    for u in range(3):
        d1 = 2 / (1 / (N["x1"][u] + 1) + 1 / (N["x2"][u] + 1)) - 1
        d2 = N["x3"][u]
        assert index[u] == pytest.approx(2 / (1 / (d1 + 1) + 1 / (d2 + 1)) - 1, abs=TOL)


def test_user_weights_match_hand_values():
    spec = {
        "weights": {"method": "user"},
        "dimensions": [
            {
                "id": "d1",
                "weight": 0.75,
                "indicators": [
                    {"id": "x1", "weight": 0.25},
                    {"id": "x2", "direction": -1, "weight": 0.75},
                ],
            },
            {"id": "d2", "weight": 0.25, "indicators": [{"id": "x3", "weight": 1.0}]},
        ],
    }
    _, index = scores(**spec)
    for u in range(3):
        d1 = 0.25 * N["x1"][u] + 0.75 * N["x2"][u]
        assert index[u] == pytest.approx(0.75 * d1 + 0.25 * N["x3"][u], abs=TOL)


def test_zscore_and_rank_match_hand_values():
    _, index = scores(normalisation={"method": "rank"})
    # ranks: x1 (0, 50, 100), x2 flipped (100, 0, 50), x3 (0, 100, 50); d1 (50, 25, 75)
    assert np.allclose(index, [25.0, (25.0 + 100.0) / 2, (75.0 + 50.0) / 2], atol=TOL, rtol=0)
    _, z = scores(normalisation={"method": "zscore"})
    x1 = np.array([1.0, 2.0, 4.0])
    z1 = (x1 - x1.mean()) / x1.std()
    x2 = -np.array([10.0, 30.0, 20.0])
    z2 = (x2 - x2.mean()) / x2.std()
    x3 = np.array([3.0, 6.0, 5.0])
    z3 = (x3 - x3.mean()) / x3.std()
    assert np.allclose(z, ((z1 + z2) / 2 + z3) / 2, atol=TOL, rtol=0)


def test_goalposts_clip_and_flip():
    spec = {
        "normalisation": {"method": "goalposts"},
        "dimensions": [
            {
                "id": "d1",
                "indicators": [
                    {"id": "x1", "goalposts": [0, 2]},
                    {"id": "x2", "direction": -1, "goalposts": [0, 40]},
                ],
            },
            {"id": "d2", "indicators": [{"id": "x3", "goalposts": [0, 10]}]},
        ],
    }
    _, index = scores(**spec)
    x1 = [50.0, 100.0, 100.0]  # 4 is above the upper goalpost: clipped at 100
    x2 = [75.0, 25.0, 50.0]
    x3 = [30.0, 60.0, 50.0]
    expected = [((a + b) / 2 + c) / 2 for a, b, c in zip(x1, x2, x3, strict=True)]
    assert np.allclose(index, expected, atol=TOL, rtol=0)


def test_interpolation_carry_and_regional_mean_fill_and_flag():
    nan = np.nan
    values = np.array([[[1.0], [nan], [3.0], [nan]], [[2.0], [4.0], [nan], [nan]]])
    member = np.ones((2, 4), dtype=bool)
    filled, flags = compute_imputation(values, member, ["interpolate"], 1)
    assert filled[0, 1, 0] == pytest.approx(2.0, abs=TOL)
    assert np.isnan(filled[0, 3, 0])  # no extrapolation
    filled, flags = compute_imputation(values, member, ["interpolate", "carry"], 1)
    assert filled[0, 3, 0] == 3.0 and filled[1, 2, 0] == 4.0 and np.isnan(filled[1, 3, 0])
    filled, flags = compute_imputation(values, member, ["interpolate", "carry", "regional_mean"], 1)
    assert filled[1, 3, 0] == 3.0  # the only other member's (carried) value that year
    assert flags.sum() == 4 and not flags[0, 0, 0]


def test_pca_weights_of_two_collinear_indicators_are_equal_and_effective_weights_sum_to_one():
    x = np.array([[0.0, 0.0, 5.0], [50.0, 50.0, 0.0], [100.0, 100.0, 10.0], [20.0, 20.0, 3.0]])
    membership = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    w, v = compute_pca_weights(x, membership)
    assert np.allclose(w, [0.5, 0.5, 1.0], atol=TOL)
    assert v.sum() == pytest.approx(1.0, abs=TOL)
    result, _ = scores()
    assert result.weights["effective"].sum() == pytest.approx(1.0, abs=TOL)
    assert result.weights["nominal"].sum() == pytest.approx(1.0, abs=TOL)
