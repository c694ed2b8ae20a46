"""The warehouse build: real DuckDB files from a real (tiny) snapshot, never mocked."""

from __future__ import annotations

import duckdb
import pytest

from regint.core.errors import DataError, WarehouseError
from regint.storage.integrity import open_read_only
from regint.storage.ownership import make_own_dir
from regint.storage.snapshot import read_manifest
from regint.storage.warehouse import build_warehouse, connect, warehouse_fingerprint
from tests.tiny import write_tiny_snapshot


@pytest.fixture()
def snapshot(tmp_path):
    return write_tiny_snapshot(tmp_path / "snapshot")


def test_build_creates_tables_with_comments_and_meta(snapshot, tmp_path):
    target = tmp_path / "wh.duckdb"
    assert build_warehouse(snapshot, target) is True
    con = open_read_only(target)
    assert con.execute("SELECT count(*) FROM trade.flows").fetchone()[0] == 14
    comment = con.execute(
        "SELECT comment FROM duckdb_tables() WHERE table_name = 'flows'"
    ).fetchone()[0]
    assert "IMF DOTS" in comment and "imf_dots" in comment
    col = con.execute(
        "SELECT comment FROM duckdb_columns() WHERE table_name = 'flows' "
        "AND column_name = 'importer_cif_musd'"
    ).fetchone()[0]
    assert "CIF" in col
    meta = dict(con.execute("SELECT key, value FROM meta.build").fetchall())
    assert meta["fingerprint"] and meta["code_version"]
    assert con.execute("SELECT sha256 FROM meta.inputs").fetchone()[0] == "0" * 64
    assert (
        con.execute(
            "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'stage'"
        ).fetchone()[0]
        == 0
    )
    con.close()


def test_unchanged_snapshot_is_not_rebuilt(snapshot, tmp_path):
    target = tmp_path / "wh.duckdb"
    build_warehouse(snapshot, target)
    first = warehouse_fingerprint(target)
    assert build_warehouse(snapshot, target) is False
    assert build_warehouse(snapshot, target, force=True) is True
    assert warehouse_fingerprint(target) == first


def test_failed_build_leaves_previous_warehouse_untouched(snapshot, tmp_path):
    target = tmp_path / "wh.duckdb"
    build_warehouse(snapshot, target)
    before = target.read_bytes()
    (snapshot / "flows.parquet").write_bytes(b"PAR1 this is not parquet")
    with pytest.raises(DataError, match="flows.parquet"):
        build_warehouse(snapshot, target, force=True)
    assert target.read_bytes() == before
    assert not list(tmp_path.glob("wh.duckdb.tmp-*"))


def test_missing_required_table_names_the_file(snapshot, tmp_path):
    (snapshot / "wdi.parquet").unlink()
    with pytest.raises(DataError, match="wdi.parquet"):
        build_warehouse(snapshot, tmp_path / "wh.duckdb")
    assert not (tmp_path / "wh.duckdb").exists()


def test_connect_to_missing_warehouse_says_how_to_build(tmp_path):
    with pytest.raises(WarehouseError, match="regint data build"):
        connect(tmp_path / "none.duckdb")


def test_snapshot_write_is_atomic_and_keeps_manifest(snapshot):
    manifest = read_manifest(snapshot)
    assert manifest["files"]["flows"]["rows"] == 14
    assert not list(snapshot.parent.glob(".snapshot-*"))


def test_a_file_that_is_not_duckdb_is_never_overwritten(snapshot, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("important notes")
    for force in (False, True):
        with pytest.raises(WarehouseError, match="not a DuckDB file"):
            build_warehouse(snapshot, notes, force=force)
    assert notes.read_text() == "important notes"


def test_a_damaged_warehouse_is_replaced_only_with_force(snapshot, tmp_path):
    target = tmp_path / "wh.duckdb"
    build_warehouse(snapshot, target)
    data = target.read_bytes()
    target.write_bytes(data[:16384])  # the header survives, the database does not
    with pytest.raises(WarehouseError, match="data build --force"):
        build_warehouse(snapshot, target)
    assert build_warehouse(snapshot, target, force=True) is True
    assert warehouse_fingerprint(target) is not None


def test_temporaries_of_interrupted_builds_are_removed(snapshot, tmp_path):
    target = tmp_path / "wh.duckdb"
    folder = make_own_dir(target)
    dead = folder / "tmp-999999999-0123456789abcdef.duckdb"
    dead.write_bytes(b"half a build")
    (folder / (dead.name + ".wal")).write_bytes(b"wal")
    lookalike = tmp_path / "wh.duckdb.tmp-999999999"  # not in regint's folder: not provably ours
    lookalike.write_bytes(b"the user's")
    build_warehouse(snapshot, target)
    assert not list(folder.glob("tmp-*"))
    assert lookalike.read_bytes() == b"the user's"


def test_another_programs_duckdb_database_is_never_replaced(snapshot, tmp_path):
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE t AS SELECT 42 AS answer")
    con.close()
    for force in (False, True):
        with pytest.raises(WarehouseError, match="another program's DuckDB database"):
            build_warehouse(snapshot, other, force=force)
    con = open_read_only(other)
    assert con.execute("SELECT answer FROM t").fetchone() == (42,)
    con.close()
