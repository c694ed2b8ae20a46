"""Properties of the indicators on random small worlds (Hypothesis; see random_worlds.py)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regint.indicators import INDICATORS, compute, compute_pair_trade
from tests.indicators.random_worlds import NAMED, NEUTRAL, World, worlds

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CASES = [
    (i, lvl) for i, meta in INDICATORS.items() if meta.dimension == "trade" for lvl in meta.levels
]


def values(world: World, indicator: str, level: str, column: str = "value") -> list[float]:
    return compute(indicator, world.data(), world.region, level=level)[column].tolist()


def finite(xs):
    return [x for x in xs if not (isinstance(x, float) and math.isnan(x))]


@SETTINGS
@given(worlds(pool=NAMED))
def test_shares_lie_between_zero_and_one(world):
    for level in ("region", "country"):
        assert all(
            -1e-12 <= s <= 1 + 1e-12 for s in finite(values(world, "intra_regional_share", level))
        )
    coverage = finite(values(world, "partner_concentration", "country", "coverage"))
    assert all(0 <= c <= 1 + 1e-12 for c in coverage)


@SETTINGS
@given(worlds(pool=NAMED))
def test_profile_shares_sum_to_one(world):
    out = compute("partner_profile", world.data(), world.region)
    assert len(out) % 8 == 0
    sums = out.groupby(["year", "country"])["value"].sum(min_count=8).dropna()
    assert np.allclose(sums, 1.0)
    assert finite(out["value"].tolist()) == [
        v for v in finite(out["value"].tolist()) if 0 <= v <= 1
    ]


@SETTINGS
@given(worlds(pool=NAMED))
def test_introversion_lies_in_minus_one_to_one(world):
    assert all(
        -1 - 1e-12 <= r <= 1 + 1e-12 for r in finite(values(world, "introversion", "region"))
    )


@SETTINGS
@given(worlds())
def test_introversion_agrees_with_hi_and_he(world):
    out = compute("introversion", world.data(), world.region)
    ok = np.isfinite(out["hi"]) & np.isfinite(out["he"]) & ((out["hi"] + out["he"]) > 0)
    expected = (out["hi"] - out["he"]) / (out["hi"] + out["he"])
    assert np.allclose(out.loc[ok, "value"], expected[ok])


@SETTINGS
@given(worlds(pool=NAMED))
def test_normalised_concentration_lies_in_zero_to_one(world):
    out = compute("partner_concentration", world.data(), world.region).dropna(subset=["value"])
    assert ((out["normalised"] >= 0) & (out["normalised"] <= 1)).all()
    assert (out["value"] <= 1 + 1e-12).all()
    assert (out["value"] >= 1 / out["n_partners"] - 1e-12).all()


@SETTINGS
@given(worlds(closed=True))
def test_closed_region_has_full_share_and_full_introversion(world):
    # Members trade only with each other (T_OR = 0) and outsiders have trade (T_O > 0).
    share = values(world, "intra_regional_share", "region")
    rtii = values(world, "introversion", "region")
    assert share == pytest.approx([1.0] * len(share))
    assert rtii == pytest.approx([1.0] * len(rtii))


def relabelled(world: World, mapping: dict[str, str]) -> World:
    flows = world.flows.assign(
        exporter=world.flows["exporter"].map(mapping), importer=world.flows["importer"].map(mapping)
    )
    totals = world.totals.assign(country=world.totals["country"].map(mapping))
    return World(flows, totals, world.world, frozenset(mapping[m] for m in world.members))


def comparable(frame: pd.DataFrame, mapping: dict[str, str] | None = None) -> dict:
    keys = [k for k in ("year", "country", "group") if k in frame.columns]
    frame = (
        frame.assign(country=frame["country"].map(mapping))
        if mapping and "country" in keys
        else frame
    )
    return {
        tuple(k): v
        for k, v in zip(frame[keys].itertuples(index=False), frame["value"], strict=True)
    }


def assert_same_indicators(
    world: World, other: World, mapping: dict[str, str] | None = None, **tolerance: float
) -> None:
    """Every indicator at every level is the same on ``other`` as on ``world`` (relabelled)."""
    for indicator, level in CASES:
        before = comparable(compute(indicator, world.data(), world.region, level=level), mapping)
        after = comparable(compute(indicator, other.data(), other.region, level=level))
        assert after == pytest.approx(before, nan_ok=True, **tolerance), indicator


@SETTINGS
@given(worlds(), st.permutations(NEUTRAL))
def test_relabelling_countries_changes_nothing(world, codes):
    mapping = dict(zip(NEUTRAL, codes, strict=True))
    assert_same_indicators(world, relabelled(world, mapping), mapping, rel=1e-9)


@SETTINGS
@given(worlds(pool=NAMED), st.floats(0.01, 100, allow_nan=False))
def test_scaling_every_flow_and_total_changes_nothing(world, factor):
    scaled = World(
        world.flows.assign(value_musd=world.flows["value_musd"] * factor),
        world.totals.assign(trade_musd=world.totals["trade_musd"] * factor),
        world.world.assign(trade_musd=world.world["trade_musd"] * factor),
        world.members,
    )
    assert_same_indicators(world, scaled, rel=1e-9, abs=1e-12)


@SETTINGS
@given(worlds(pool=NAMED))
def test_reversing_every_flow_changes_nothing(world):
    # Indicators are on total trade T_ij = X_ij + X_ji, symmetric in the direction of flows.
    reversed_flows = world.flows.rename(columns={"exporter": "importer", "importer": "exporter"})
    other = World(reversed_flows, world.totals, world.world, world.members)
    assert_same_indicators(world, other, rel=1e-9, abs=1e-12)


@SETTINGS
@given(worlds(pool=NAMED))
def test_pair_trade_is_symmetric(world):
    everyone = set(world.flows["exporter"]) | set(world.flows["importer"])
    pairs = compute_pair_trade(world.flows, everyone)
    forward = pairs.set_index(["year", "country", "partner"])["trade_musd"]
    backward = pairs.set_index(["year", "partner", "country"])["trade_musd"]
    backward.index = backward.index.set_names(["year", "country", "partner"])
    assert forward.sort_index().to_dict() == pytest.approx(backward.sort_index().to_dict())
