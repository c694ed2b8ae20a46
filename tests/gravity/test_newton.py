"""regint's Newton PPML engine against pyfixest, its first-order conditions, its bad input."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regint.core.errors import InputError
from regint.gravity import book
from regint.gravity.estimate import compute_ppml
from regint.gravity.newton import compute_ppml_newton
from regint.gravity.spec import GravitySpec

pytestmark = pytest.mark.filterwarnings("ignore")


@pytest.fixture(scope="module")
def panel():
    return book.read_book_panel()


@pytest.mark.parametrize(
    ("vcov", "small_sample"),
    [("hetero", False), ("iid", False), ("cluster_pair", True), ("cluster_pair", False)],
)
def test_newton_equals_pyfixest_on_the_books_rta_panel(panel, vcov, small_sample):
    spec = replace(book.RTA_SPEC, vcov=vcov, small_sample=small_sample)
    ref = compute_ppml(panel, spec, engine="pyfixest", fixed_effects=False)
    new = compute_ppml(panel, spec, engine="newton", fixed_effects=False)
    assert new.coef("RTA") == pytest.approx(ref.coef("RTA"), rel=1e-8)
    assert new.se("RTA") == pytest.approx(ref.se("RTA"), rel=1e-6)
    assert new.n_used == ref.n_used == 28482
    assert new.n_dropped == ref.n_dropped == 84
    assert new.engine.startswith("regint newton")


def test_newton_recovers_fixed_effects_that_reproduce_the_fit(panel):
    fit = compute_ppml(panel, book.RTA_SPEC, engine="newton")
    assert set(fit.fixed_effects) == {"fe_exporter_year", "fe_importer_year", "fe_pair"}


def _panel(seed: int, n: int, years: int) -> tuple[np.ndarray, np.ndarray, list, np.ndarray]:
    rng = np.random.default_rng(seed)
    ex, im, yr = np.meshgrid(np.arange(n), np.arange(n), np.arange(years), indexing="ij")
    ex, im, yr = ex.ravel(), im.ravel(), yr.ravel()
    x = rng.normal(size=(len(ex), 2))
    pair_fe = rng.normal(size=n * n)[ex * n + im]
    mu = np.exp(0.3 * x[:, 0] - 0.2 * x[:, 1] + pair_fe + 0.1 * yr)
    y = rng.poisson(5 * mu).astype(float)
    codes = [ex * years + yr, im * years + yr]
    return y, x, codes, ex * n + im


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 10_000))
def test_newton_solves_the_poisson_first_order_conditions(seed):
    y, x, codes, pair = _panel(seed, 6, 3)
    total = np.bincount(pair, weights=y)
    keep = total[pair] > 0
    y, x, pair = y[keep], x[keep], pd.factorize(pair[keep])[0]
    codes = [pd.factorize(c[keep])[0] for c in codes]
    fit = compute_ppml_newton(y, x, codes, pair)
    resid = y - fit.mu
    scale = y.sum()
    assert np.max(np.abs(x.T @ resid)) < 1e-7 * scale
    for c in [*codes, pair]:
        assert np.max(np.abs(np.bincount(c, weights=resid))) < 1e-7 * scale


def test_engine_must_be_known(panel):
    with pytest.raises(InputError) as err:
        compute_ppml(panel, book.RTA_SPEC, engine="fast")  # type: ignore[arg-type]
    assert err.value.parameter == "engine"


def test_newton_needs_a_pair_effect(panel):
    with pytest.raises(InputError) as err:
        compute_ppml(panel, book.DISTANCE_SPEC, engine="newton")
    assert err.value.parameter == "engine"


def test_newton_refuses_a_regressor_the_fixed_effects_absorb(panel):
    frame = panel.assign(GEO=panel["ln_DIST"])
    spec = GravitySpec("absorbed", ("RTA", "GEO"), pair_column="pair_id", vcov="cluster_pair")
    with pytest.raises(InputError) as err:
        compute_ppml(frame, spec, engine="newton")
    assert "GEO" in str(err.value)
