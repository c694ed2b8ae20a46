"""Oracle tests on the committed default snapshot: published figures and data rules.

These run on a fresh clone (no ../shared needed). The last test rebuilds the snapshot from
the raw sources where they are present and checks that the committed one is what the
project's own code produces.
"""

from __future__ import annotations

import pandas as pd
import pytest

import regint
from regint.core.vocab import C5
from regint.storage.integrity import open_read_only
from regint.storage.paths import snapshot_dir
from regint.storage.warehouse import build_warehouse


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("default") / "warehouse.duckdb"
    build_warehouse(snapshot_dir(), path)
    return path


@pytest.fixture(scope="session")
def share(warehouse):
    return regint.compute("intra_regional_share", years="1995-2023", warehouse=warehouse).set_index(
        "year"
    )


def test_reconciled_c5_share_2005_2020_lies_in_carec_published_range(share):
    """CAREC Institute (2024): the share of trade within Central Asia ranged 4.6%-9.1% in 2005-2021."""
    values = share.loc[2005:2020, "value"]
    assert values.between(0.046, 0.091).all(), values[~values.between(0.046, 0.091)]


def test_c5_share_is_higher_in_2020_than_in_2005(share):
    assert share.loc[2020, "value"] > share.loc[2005, "value"]


def test_each_year_says_which_sources_and_sides_it_rests_on(share):
    assert (
        share.loc[1995:2020, "flow_sources"].isin(["imf_dots", "imf_dots+imf_dots_estimate"]).all()
    )
    assert share.loc[2021:2023, "flow_sources"].str.contains("kaz_bns").all()
    assert share.loc[2021:2023, "totals_source"].eq("wb_wdi").all()
    assert share["sides"].str.contains("mirror").all()
    assert share.attrs["provenance"]["basis"] == "reconciled"


def test_kaz_and_uzb_merchandise_totals_2019_agree_with_wdi(warehouse):
    con = open_read_only(warehouse)
    rows = con.execute("""
        SELECT r.reporter, r.flow, r.world_musd, w.value / 1e6 AS wdi
        FROM trade.reported_totals r JOIN macro.wdi w ON w.country = r.reporter AND w.year = r.year
         AND w.indicator = CASE r.flow WHEN 'exports' THEN 'tx.val.mrch.cd.wt' ELSE 'tm.val.mrch.cd.wt' END
        WHERE r.year = 2019 AND r.reporter IN ('KAZ', 'UZB')""").fetchall()
    con.close()
    assert len(rows) == 4
    for reporter, flow, dots, wdi in rows:
        assert dots == pytest.approx(wdi, rel=0.03), (reporter, flow)


def test_panel_holds_every_country_pair_and_national_years_only_for_c5():
    flows = pd.read_parquet(snapshot_dir() / "flows.parquet")
    panel = flows[flows["year"] <= 2020]
    assert panel["year"].min() == 1992
    assert panel["exporter"].nunique() > 200 and panel["importer"].nunique() > 200
    later = flows[flows["year"] > 2020]
    assert later["year"].max() == 2025
    assert (later["exporter"].isin(C5) | later["importer"].isin(C5)).all()
    sources = set(later["exporter_source"].dropna()) | set(later["importer_source"].dropna())
    assert sources == {"kaz_bns", "uzb_siat"}  # the Kyrgyz tables are an optional import only
    # Uzbek exports reach 2025, imports only 2023.
    assert later.loc[later["exporter"] == "UZB", "year"].max() == 2025
    assert (
        later.loc[later["importer"] == "UZB", "importer_cif_musd"]
        .notna()
        .groupby(later["year"])
        .any()
        .loc[2024:]
        .sum()
        == 0
    )


def test_both_sides_are_kept_side_by_side():
    flows = pd.read_parquet(snapshot_dir() / "flows.parquet")
    kaz_chn = flows[
        (flows.exporter == "KAZ") & (flows.importer == "CHN") & (flows.year == 2019)
    ].iloc[0]
    assert kaz_chn["exporter_fob_musd"] == pytest.approx(7823.41, abs=0.01)  # SOURCE.md spot check
    assert kaz_chn["importer_cif_musd"] > 0
    assert kaz_chn["exporter_source"] == kaz_chn["importer_source"] == "imf_dots"


def test_no_aggregate_or_historical_entity_is_a_country_in_flows():
    flows = pd.read_parquet(snapshot_dir() / "flows.parquet", columns=["exporter", "importer"])
    codes = set(flows["exporter"]) | set(flows["importer"])
    assert not codes & {"SUN", "YUG", "CSK", "DDR", "WLD", "EUU", "BLX"}


def test_committed_data_stays_within_budget():
    from regint.sources.paths import project_data_dir

    total = sum(p.stat().st_size for p in project_data_dir().rglob("*") if p.is_file())
    assert total < 30e6, f"committed data is {total / 1e6:.1f} MB"


@pytest.mark.rawdata
def test_committed_snapshot_is_what_the_pipeline_builds_from_raw(raw_dir, tmp_path):
    from regint.api.data import build_snapshot

    out = tmp_path / "snap"
    build_snapshot(raw_dir, out)
    for name in ("flows", "reported_totals", "national", "wdi"):
        fresh = pd.read_parquet(out / f"{name}.parquet")
        committed = pd.read_parquet(snapshot_dir() / f"{name}.parquet")
        pd.testing.assert_frame_equal(fresh, committed, check_dtype=False)
