"""Monte Carlo and Sobol: deterministic for a seed, honest about what it varied."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from regint.index.panel import compute_panel
from regint.index.run import compute_run
from regint.index.spec import parse_spec, read_spec

UNITS = ("KAZ", "KGZ", "TJK", "TKM", "UZB")


def panel(seed: int = 1):
    rng = np.random.default_rng(seed)
    rows = [
        (u, y, k, rng.lognormal())
        for u in UNITS
        for y in range(2000, 2012)
        for k in ("a1", "a2", "b1", "b2")
        if rng.random() > 0.15
    ]
    frame = pd.DataFrame(rows, columns=["country", "year", "indicator", "value"])
    return compute_panel(frame, ["a1", "a2", "b1", "b2"], list(range(2000, 2012)))


def spec(vary: dict, samples: int = 16, seed: int = 7, perturbation: float | None = None):
    if perturbation is not None:
        vary = {**vary, "perturbation": perturbation}
    return parse_spec(
        {
            "first_year": 2000,
            "dimensions": [
                {"id": "a", "indicators": [{"id": "a1"}, {"id": "a2"}]},
                {"id": "b", "indicators": [{"id": "b1"}, {"id": "b2"}]},
            ],
            "uncertainty": {"samples": samples, "seed": seed, "vary": vary},
        },
        "mc.yaml",
    )


def test_same_spec_and_seed_give_the_same_numbers():
    s = spec({"normalisation": ["minmax", "rank"], "aggregation": ["arithmetic", "geometric"]})
    one, two = compute_run(panel(), s, "c5", "C5"), compute_run(panel(), s, "c5", "C5")
    pd.testing.assert_frame_equal(one.scores_frame(), two.scores_frame())
    pd.testing.assert_frame_equal(one.sobol, two.sobol)
    other = compute_run(panel(), spec({"normalisation": ["minmax", "rank"]}, seed=8), "c5", "C5")
    assert not np.array_equal(other.replications.sample, one.replications.sample)


def test_every_score_has_an_interval_and_the_baseline_is_one_of_the_replications():
    run = compute_run(panel(), spec({"aggregation": ["arithmetic", "harmonic"]}), "c5", "C5")
    frame = run.scores_frame()
    assert frame[["score", "lower", "upper"]].notna().all().all()
    assert (frame["lower"] <= frame["upper"]).all()
    region = run.region_frame()
    assert region[["score", "lower", "upper"]].notna().all().all()
    # Only the perturbation moves weights around the baseline: the baseline lies in the range.
    reps = run.replications.scores
    base = run.result.index
    assert (
        (np.nanmin(reps, axis=-1) <= base + 1e-9) & (base <= np.nanmax(reps, axis=-1) + 1e-9)
    ).all()


def test_printout_lists_what_was_varied_and_what_was_held_fixed():
    run = compute_run(
        panel(), spec({"normalisation": ["minmax", "zscore"]}, perturbation=0), "c5", "C5"
    )
    varied = " ".join(run.varied)
    assert "normalisation" in varied and "minmax | zscore" in varied
    assert "aggregation" not in varied
    fixed = " ".join(run.fixed)
    assert "aggregation: arithmetic" in fixed and "weights: equal" in fixed
    assert "not perturbed" in fixed and "outlier rule" in fixed


def test_sobol_gives_all_variance_to_the_only_factor_varied():
    run = compute_run(
        panel(),
        spec(
            {"aggregation": ["arithmetic", "harmonic"], "exclusion": False},
            samples=64,
            perturbation=0,
        ),
        "c5",
        "C5",
    )
    s = run.sobol[run.sobol["target"] == "region"]
    assert list(s["factor"]) == ["aggregation"]
    assert s["ST"].iloc[0] == pytest.approx(1.0, abs=0.1)


def test_default_framework_runs_at_least_a_thousand_replications():
    s = read_spec()
    factors = 5 + len(s.dimensions)  # imputation, normalisation, weights, aggregation, exclusion
    assert s.uncertainty.samples * (factors + 2) >= 1000


def test_rank_distribution_sums_to_one_per_state_and_year():
    run = compute_run(panel(), spec({"normalisation": ["minmax", "rank"]}), "c5", "C5")
    ranks = run.ranks_frame()
    totals = ranks.groupby(["country", "year"])["share"].sum()
    assert np.allclose(totals, 1.0)
    assert set(ranks["rank"]) <= {1, 2, 3, 4, 5}
