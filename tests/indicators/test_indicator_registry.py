"""The registry: ids, levels, metadata records, and bad arguments that name themselves."""

from __future__ import annotations

import pandas as pd
import pytest

from regint.core.errors import InputError
from regint.indicators import INDICATORS, TradeData, compute, get_indicator
from tests.indicators.tiny_world import flows_frame, make_data, totals_frame, world_frame

EXPECTED_IDS = {
    "intra_regional_share",
    "intra_regional_intensity",
    "homogeneous_intensity",
    "introversion",
    "partner_concentration",
    "partner_profile",
}


DRIVER_DIMENSIONS = {"people", "water_energy", "connectivity", "security", "institutions"}


def test_registry_holds_every_indicator_of_the_design():
    trade = {i for i, meta in INDICATORS.items() if meta.dimension == "trade"}
    assert trade == EXPECTED_IDS
    # The drivers beyond trade (issue 10): every other entry belongs to one of their dimensions.
    others = {meta.dimension for i, meta in INDICATORS.items() if i not in EXPECTED_IDS}
    assert others == DRIVER_DIMENSIONS


def test_unknown_indicator_lists_the_allowed_ids(data, region):
    with pytest.raises(InputError) as err:
        compute("intra_regional_shares", data, region)
    assert err.value.argument == "indicator"
    for indicator_id in EXPECTED_IDS:
        assert indicator_id in str(err.value)
    with pytest.raises(InputError, match="indicator"):
        get_indicator("hhi")


@pytest.mark.parametrize(
    ("indicator_id", "level"),
    [
        ("partner_profile", "region"),
        ("partner_concentration", "region"),
        ("introversion", "country"),
        ("homogeneous_intensity", "country"),
        ("intra_regional_share", "world"),
    ],
)
def test_unsupported_level_names_the_level_argument(data, region, indicator_id, level):
    with pytest.raises(InputError) as err:
        compute(indicator_id, data, region, level=level)
    assert err.value.parameter == "level"
    assert level in str(err.value)


def test_level_none_picks_the_first_supported_level(data, region):
    assert compute("partner_profile", data, region).attrs["level"] == "country"
    assert "country" not in compute("intra_regional_share", data, region).columns


@pytest.mark.parametrize("indicator_id", sorted(EXPECTED_IDS))
def test_every_result_carries_its_metadata_and_basis(data, region, indicator_id):
    meta = INDICATORS[indicator_id]
    for level in meta.levels:
        out = compute(indicator_id, data, region, level=level)
        assert out.attrs["indicator"] == meta.to_dict()
        assert out.attrs["basis"] == "reconciled"
        assert out.attrs["level"] == level
        assert out.attrs["region"]["id"] == region.id
        assert {"year", "value"} <= set(out.columns)
        assert ("country" in out.columns) == (level == "country")


@pytest.mark.parametrize("indicator_id", sorted(EXPECTED_IDS))
def test_every_record_is_complete(indicator_id):
    record = INDICATORS[indicator_id].to_dict()
    for key in ("id", "title", "unit", "formula", "direction", "citation", "counting"):
        assert record[key], key
    assert record["id"] == indicator_id
    assert set(record["levels"]) <= {"region", "country"} and record["levels"]
    assert "once per directed flow" in record["counting"]


def test_homogeneous_and_introversion_cite_iapadre():
    assert "Iapadre" in INDICATORS["homogeneous_intensity"].citation
    assert "Iapadre" in INDICATORS["introversion"].citation


@pytest.mark.parametrize(
    ("change", "argument"),
    [
        ({"basis": "fob"}, "basis"),
        ({"cif_fob": 0.0}, "cif_fob"),
        ({"flows": flows_frame().drop(columns="value_musd")}, "data"),
        ({"totals": totals_frame().rename(columns={"country": "iso3"})}, "data"),
        ({"world": world_frame().drop(columns="trade_musd")}, "data"),
        ({"flows": flows_frame().assign(value_musd=-1.0)}, "data"),
        ({"totals": totals_frame().assign(trade_musd=-5.0)}, "data"),
        ({"flows": pd.concat([flows_frame(), flows_frame().head(1)], ignore_index=True)}, "data"),
        (
            {"totals": pd.concat([totals_frame(), totals_frame().head(1)], ignore_index=True)},
            "data",
        ),
    ],
)
def test_bad_trade_data_is_refused_with_a_named_argument(change, argument):
    fields = {
        "flows": flows_frame(),
        "totals": totals_frame(),
        "world": world_frame(),
        "basis": "mirror",
    }
    with pytest.raises(InputError) as err:
        TradeData(**{**fields, **change})
    assert err.value.argument == argument


def test_result_is_sorted_by_year_then_country(region):
    flows = flows_frame().sample(frac=1.0, random_state=3).reset_index(drop=True)
    out = compute("intra_regional_share", make_data(flows=flows), region, level="country")
    keys = list(zip(out["year"], out["country"], strict=True))
    assert keys == sorted(keys)
