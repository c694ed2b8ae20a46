"""Updater merges: newer years land with their provenance; the DOTS panel is never overwritten."""

from __future__ import annotations

import pandas as pd
import pytest

from regint.core.errors import WarehouseError
from regint.core.provenance import Origin
from regint.storage.integrity import open_read_only
from regint.storage.update import build_update
from regint.storage.warehouse import build_warehouse
from tests.tiny import write_tiny_snapshot

IMTS = Origin("imf_imts", "IMF", "International Trade in Goods (IMTS)", "IMF terms", note="test")


@pytest.fixture()
def warehouse(tmp_path):
    target = tmp_path / "wh.duckdb"
    build_warehouse(write_tiny_snapshot(tmp_path / "snap"), target)
    return target


def incoming(rows):
    frame = pd.DataFrame(
        rows, columns=["exporter", "importer", "year", "exporter_fob_musd", "importer_cif_musd"]
    )
    frame["exporter_source"] = (
        frame["exporter_fob_musd"].notna().map({True: "imf_imts", False: None})
    )
    frame["importer_source"] = (
        frame["importer_cif_musd"].notna().map({True: "imf_imts", False: None})
    )
    return frame


def test_update_adds_new_years_and_replaces_national_values_but_not_dots(warehouse):
    rows = [
        ("KAZ", "UZB", 1999, 999.0, None),  # a DOTS value: kept
        ("UZB", "KAZ", 2021, None, 95.0),  # fills a missing side
        ("KAZ", "UZB", 2021, 205.0, None),  # replaces a national value
        ("KAZ", "CHN", 2022, 50.0, 52.0),
    ]  # a new row
    counts = build_update(warehouse, IMTS, flows=incoming(rows))
    assert counts["flows"] == 3
    con = open_read_only(warehouse)
    get = lambda e, i, y: con.execute(  # noqa: E731
        "SELECT exporter_fob_musd, importer_cif_musd, exporter_source, importer_source FROM trade.flows "
        "WHERE exporter = ? AND importer = ? AND year = ?",
        [e, i, y],
    ).fetchone()
    assert get("KAZ", "UZB", 1999)[0] == 100.0
    assert get("UZB", "KAZ", 2021)[1:4:2] == (95.0, "imf_imts")
    assert get("KAZ", "UZB", 2021)[0] == 205.0 and get("KAZ", "UZB", 2021)[2] == "imf_imts"
    assert get("KAZ", "CHN", 2022)[:2] == (50.0, 52.0)
    assert con.execute("SELECT source_id FROM meta.updates").fetchone()[0] == "imf_imts"
    assert (
        con.execute("SELECT count(*) FROM meta.sources WHERE source_id = 'imf_imts'").fetchone()[0]
        == 1
    )
    con.close()


def test_failed_update_leaves_warehouse_as_it_was(warehouse):
    before = warehouse.read_bytes()
    bad = incoming([("KAZ", "UZB", 2022, 1.0, None)]).rename(columns={"year": "yr"})
    with pytest.raises(KeyError):
        build_update(warehouse, IMTS, flows=bad)
    assert warehouse.read_bytes() == before
    assert not list(warehouse.parent.glob("*.update-*"))


def test_update_without_warehouse_says_build_first(tmp_path):
    with pytest.raises(WarehouseError, match="regint data build"):
        build_update(tmp_path / "none.duckdb", IMTS, flows=incoming([]))
