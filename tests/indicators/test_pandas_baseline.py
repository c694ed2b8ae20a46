"""The benchmark's plain-pandas peer agrees with regint.indicators on the tiny world."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

from regint.indicators import TradeData, compute
from tests.indicators.random_worlds import NAMED, World, worlds
from tests.indicators.tiny_world import (
    MEMBERS,
    REGION,
    YEARS,
    agreeing_both_sides_frame,
    flows_frame,
    make_data,
    totals_frame,
    world_frame,
)

BASELINE = Path(__file__).resolve().parents[2] / "benchmarks" / "pandas_baseline.py"


def baseline_module():
    spec = importlib.util.spec_from_file_location("pandas_baseline", BASELINE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_baseline():
    return baseline_module().baseline_indicators


def keyed(frame: pd.DataFrame, keys: list[str], column: str = "value") -> dict:
    return dict(zip(frame[keys].itertuples(index=False, name=None), frame[column], strict=True))


CASES = [
    ("intra_regional_share", "region", "intra_regional_share", ["year"]),
    ("intra_regional_intensity", "region", "intra_regional_intensity", ["year"]),
    ("homogeneous_intensity", "region", "homogeneous_intensity", ["year"]),
    ("introversion", "region", "introversion", ["year"]),
    ("intra_regional_share", "country", "intra_regional_share_country", ["year", "country"]),
    (
        "intra_regional_intensity",
        "country",
        "intra_regional_intensity_country",
        ["year", "country"],
    ),
    ("partner_concentration", "country", "partner_concentration", ["year", "country"]),
    ("partner_profile", "country", "partner_profile", ["year", "country", "group"]),
]


@pytest.mark.parametrize(("indicator", "level", "key", "keys"), CASES)
def test_baseline_matches_indicators_with_given_totals(indicator, level, key, keys):
    peer = load_baseline()(
        agreeing_both_sides_frame(), MEMBERS, YEARS, totals=totals_frame(), world=world_frame()
    )
    ours = compute(indicator, make_data(), REGION, level=level)
    assert_matches_peer(keyed(ours, keys), keyed(peer[key], keys))


def assert_matches_peer(ours: dict, peer: dict) -> None:
    """Equal, except that a profile group with no known flow is NaN here and 0 in the peer."""
    unknown = {k for k, v in ours.items() if v != v and peer.get(k) == 0}
    peer = {k: (float("nan") if k in unknown else v) for k, v in peer.items()}
    assert ours == pytest.approx(peer, nan_ok=True)


def derived_data() -> TradeData:
    """Totals as the peer derives them without a totals table: T_i = sum of i's flows."""
    flows = flows_frame()
    exports = flows.groupby(["exporter", "year"])["value_musd"].sum()
    imports = flows.groupby(["importer", "year"])["value_musd"].sum()
    t = exports.add(imports, fill_value=0.0).rename("trade_musd").reset_index()
    totals = t.rename(columns={"exporter": "country"})
    world = totals.groupby("year", as_index=False)["trade_musd"].sum()
    return make_data(totals=totals, world=world)


@pytest.mark.parametrize(("indicator", "level", "key", "keys"), CASES)
def test_baseline_matches_indicators_with_derived_totals(indicator, level, key, keys):
    peer = load_baseline()(agreeing_both_sides_frame(), MEMBERS, YEARS)
    ours = compute(indicator, derived_data(), REGION, level=level)
    assert_matches_peer(keyed(ours, keys), keyed(peer[key], keys))


def test_baseline_concentration_extras_match(data, region):
    peer = load_baseline()(
        agreeing_both_sides_frame(), MEMBERS, YEARS, totals=totals_frame(), world=world_frame()
    )
    ours = compute("partner_concentration", data, region)
    for column in ("normalised", "n_partners", "coverage"):
        expected = keyed(peer["partner_concentration"], ["year", "country"], column)
        assert keyed(ours, ["year", "country"], column) == pytest.approx(expected)


def both_sides_of(world: World) -> pd.DataFrame:
    """Every flow as an exporter's report, with no importer report (reconciles to itself)."""
    flows = world.flows.rename(columns={"value_musd": "exporter_fob_musd"})
    return flows.assign(importer_cif_musd=float("nan"))


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # the peer divides 0 by 0 on empty worlds
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worlds(pool=NAMED))
def test_baseline_matches_indicators_on_random_worlds(world):
    years = sorted(set(world.totals["year"]))
    peer = load_baseline()(
        both_sides_of(world), world.members, years, totals=world.totals, world=world.world
    )
    for indicator, level, key, keys in CASES:
        ours = keyed(compute(indicator, world.data(), world.region, level=level), keys)
        theirs = keyed(peer[key], keys)
        # regint says NaN (unknown) where a member has no known flow, or at 0/0 limits.
        defined = {k: v for k, v in ours.items() if math.isfinite(v) and math.isfinite(theirs[k])}
        assert defined == pytest.approx({k: theirs[k] for k in defined}, rel=1e-9, abs=1e-12)
        assert len(ours) == len(theirs)


def test_baseline_reconciles_like_the_pipeline():
    from regint.pipeline.reconcile import reconcile_flows

    rows = [  # exporter, importer, year, fob, cif, exporter_source, importer_source
        ("KAZ", "KGZ", 2003, 10.0, 11.66, "imf_dots", "imf_dots"),  # importer first
        ("KAZ", "UZB", 2003, 20.0, None, "imf_dots", None),  # exporter where no import report
        ("TKM", "KAZ", 2003, 50.0, 63.6, "imf_dots", "imf_dots"),  # TKM: mirror
        ("TKM", "UZB", 2003, 50.0, None, "imf_dots", None),  # TKM without mirror: unknown
        ("UZB", "KAZ", 1999, 30.0, None, "imf_dots", None),  # UZB before 2000: unknown
        ("UZB", "KAZ", 2001, 30.0, None, "imf_dots", None),  # UZB from 2000: its report
        ("TJK", "UZB", 2005, 67.0, None, "imf_dots_estimate", None),  # estimate, last resort
        ("UZB", "TJK", 2005, 4.0, 144.0, "imf_dots_estimate", "imf_dots"),  # report beats estimate
    ]
    columns = [
        "exporter",
        "importer",
        "year",
        "exporter_fob_musd",
        "importer_cif_musd",
        "exporter_source",
        "importer_source",
    ]
    both = pd.DataFrame(rows, columns=columns)
    ours = keyed(
        baseline_module().reconcile_inline(both, 1.06), ["exporter", "importer", "year"], "value"
    )
    pipeline = reconcile_flows(both, "reconciled", 1.06)
    expected = keyed(pipeline, ["exporter", "importer", "year"], "value_musd")
    assert ours == pytest.approx(expected)
    assert ("TKM", "UZB", 2003) not in ours and ("UZB", "KAZ", 1999) not in ours
