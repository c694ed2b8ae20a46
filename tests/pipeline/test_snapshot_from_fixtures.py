"""The snapshot pipeline end to end on the small committed fixtures (no ../shared needed).

Raw tree (symlinks to tests/fixtures) -> sources' loaders -> pipeline.snapshot -> storage writes
the snapshot -> storage builds a warehouse from it -> an indicator query reads it back.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from regint.pipeline.snapshot import SORT_KEYS, build_snapshot_tables
from regint.storage.snapshot import read_manifest, write_snapshot
from regint.storage.warehouse import build_warehouse, connect

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RAW_FOLDERS = (
    "imf_dots/tree/imf-dots",
    "cepii/cepii-geodist",
    "countries/country-codes",
    "eurostat/eurostat-eu27-exports-by-partner",
    "national/kaz-bns-trade-by-partner",
    "national/uzb-siat-trade-by-partner",
    "national/kgz-nsc-trade-by-partner",
    "drivers/un-desa-migrant-stock",
    "drivers/wb-knomad-bilateral-2017",
)
# wb-wdi joins two fixtures: the WDI series and the World Bank name list the KNOMAD reader uses.
WDI_FILES = (
    *sorted((FIXTURES / "wdi/wb-wdi/indicators").glob("*.csv")),
    FIXTURES / "drivers/wb-wdi/indicators/sp.pop.totl.csv",
)
FIXTURE_WDI = ("ny.gdp.mktp.cd", "ny.gdp.mktp.kd.zg", "pa.nus.fcrf")


def make_raw_tree(root: Path) -> Path:
    """A raw-data folder laid out as ../shared/data-raw, pointing at the fixtures."""
    raw = root / "raw"
    raw.mkdir()
    for folder in RAW_FOLDERS:
        source = FIXTURES / folder
        (raw / source.name).symlink_to(source)
    indicators = raw / "wb-wdi" / "indicators"
    indicators.mkdir(parents=True)
    for path in WDI_FILES:
        (indicators / path.name).symlink_to(path)
    return raw


def _build(root: Path, include_kgz: bool = False) -> Path:
    build = build_snapshot_tables(
        make_raw_tree(root),
        include_kgz=include_kgz,
        wdi_indicators=FIXTURE_WDI,
        verify_contents=False,  # the sources' declared contents describe the real files
    )
    return write_snapshot(build.tables, build.manifest(), root / "snapshot", sort_keys=SORT_KEYS)


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("snap"))


def test_every_table_is_written_with_its_sources_and_input_locks(snapshot: Path) -> None:
    manifest = read_manifest(snapshot)
    expected = {"countries", "flows", "reported_totals", "national", "national_totals", "wdi"}
    assert expected | {"eu27_exports", "geodist", "geo"} <= set(manifest["tables"])
    assert manifest["tables"]["flows"]["sources"] == ["imf_dots", "kaz_bns", "uzb_siat"]
    locks = manifest["inputs"]["imf_dots"]
    assert {Path(f["path"]).name for f in locks} == {"DOTS_1.xlsx", "DOTS_2.xlsx", "DOTS_3.xlsx"}
    assert all(len(f["sha256"]) == 64 and f["size"] > 0 for f in locks)
    assert any("--include-kgz" in note or "Kyrgyz" in note for note in manifest["notes"])


def test_the_optional_kyrgyz_tables_enter_only_when_asked(tmp_path: Path) -> None:
    with_kgz = read_manifest(_build(tmp_path, include_kgz=True))
    assert "kgz_nsc" in with_kgz["tables"]["national"]["sources"]
    # Only the people sources' licence caveats remain; nothing about the Kyrgyz tables.
    assert not any("Kyrgyz" in note or "include-kgz" in note for note in with_kgz["notes"])


def test_the_same_inputs_give_the_same_table_bytes(snapshot: Path, tmp_path: Path) -> None:
    again = _build(tmp_path)
    for table in sorted(snapshot.glob("*.parquet")):
        assert (again / table.name).read_bytes() == table.read_bytes(), table.name


def test_a_warehouse_built_from_it_answers_with_provenance(snapshot: Path, tmp_path: Path) -> None:
    target = tmp_path / "wh.duckdb"
    assert build_warehouse(snapshot, target)
    con = connect(target, read_only=True)
    try:
        flows = con.execute("SELECT count(*) FROM trade.flows").fetchone()
        sources = {r[0] for r in con.execute("SELECT source_id FROM meta.sources").fetchall()}
    finally:
        con.close()
    assert flows is not None and flows[0] > 0
    assert {"imf_dots", "kaz_bns", "uzb_siat", "wb_wdi", "cepii_geodist"} <= sources


def test_the_declared_contents_are_checked_and_stop_a_small_file(tmp_path: Path) -> None:
    from regint.core.errors import DataError

    with pytest.raises(DataError, match="fewer than"):
        build_snapshot_tables(make_raw_tree(tmp_path), wdi_indicators=FIXTURE_WDI)
