"""The drivers' claim metrics on hand-made frames, and the dated amendment in the spec."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from regint.claims import METRICS, Context, read_claims
from regint.claims.metrics import compute_measure
from tests.indicators.test_drivers import _data, _stock, _wdi


def _ctx(members: tuple[str, ...], **frames: pd.DataFrame) -> Context:
    return Context(trade=None, kb=None, region_members=members, drivers=_data(**frames))


def test_raw_material_share_averages_members_and_names_the_missing() -> None:
    wdi = _wdi(
        [
            ("KAZ", 2020, "tx.val.fuel.zs.un", 70.0),
            ("KAZ", 2020, "tx.val.mmtl.zs.un", 10.0),
            ("KGZ", 2020, "tx.val.fuel.zs.un", 5.0),
            ("KGZ", 2020, "tx.val.mmtl.zs.un", 15.0),
            ("TKM", 2020, "tx.val.fuel.zs.un", 90.0),
        ]  # no ores-and-metals share: left out
    )
    m = compute_measure(
        "raw_material_export_share", _ctx(("KAZ", "KGZ", "TKM"), wdi=wdi), {"window": [2020, 2020]}
    )
    assert m.value == pytest.approx(0.5) and "TKM" in m.note


def test_russia_over_region_ratio_by_hand() -> None:
    stock = _stock(
        [
            ("RUS", "KGZ", 2020, 600.0),
            ("KAZ", "KGZ", 2020, 200.0),
            ("RUS", "KAZ", 2020, 900.0),
            ("KGZ", "KAZ", 2020, 100.0),
            ("DEU", "KAZ", 2020, 200.0),
        ]
    )
    m = compute_measure(
        "migration_russia_over_region", _ctx(("KAZ", "KGZ"), migrants=stock), {"year": 2020}
    )
    assert m.value == pytest.approx((1500 / 2000) / (300 / 2000))


def test_no_driver_data_is_insufficient_not_a_verdict() -> None:
    ctx = Context(trade=None, kb=None, region_members=("KAZ", "KGZ"))
    m = compute_measure("we_pairs_interdependent", ctx, {"window": [2010, 2020]})
    assert m.value is None and "no driver data" in m.note


def test_raw_material_test_records_its_amendment_with_date_and_reason() -> None:
    spec = read_claims(metrics=set(METRICS))
    test = next(t for t in spec.get("trade_basis").tests if t.id == "raw_material_pooling")
    assert test.metric == "raw_material_export_share"
    assert re.match(r"AMENDED \d{4}-\d\d-\d\d", test.amendment)
    assert "product_complementarity" in test.amendment  # what it replaced
