"""Findings 1, 2, 4 and 7: regint deletes or replaces only what it can prove it wrote."""

from __future__ import annotations

import os
import subprocess

import duckdb
import pytest

from regint.api.data import status
from regint.core.errors import WarehouseError
from regint.storage.ownership import make_own_dir, own_dir
from regint.storage.warehouse import build_warehouse, warehouse_fingerprint


def test_a_read_never_deletes_the_users_numbered_copies(tiny_snapshot, tmp_path, monkeypatch):
    # Finding 1: W.*-<digits> files of the user's vanished after an indicators command.
    monkeypatch.setenv("REGINT_SNAPSHOT", str(tiny_snapshot))
    target = tmp_path / "w.duckdb"
    build_warehouse(tiny_snapshot, target)
    backup = tmp_path / "w.duckdb.backup-2024"
    copy = tmp_path / "w.duckdb.copy-20250101"
    tmp_like = tmp_path / "w.duckdb.tmp-99999"
    for path in (backup, copy, tmp_like):
        path.write_bytes(b"the user's own file")
    status(target)
    build_warehouse(tiny_snapshot, target, force=True)
    for path in (backup, copy, tmp_like):
        assert path.read_bytes() == b"the user's own file"


def _truncate(path, keep):
    data = path.read_bytes()
    path.write_bytes(data[:keep])


def test_a_damaged_foreign_duckdb_file_is_never_replaced(tiny_snapshot, tmp_path):
    # Finding 2: another program's DuckDB file, cut in half, was called a damaged warehouse.
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE t AS SELECT range AS x FROM range(200000)")
    con.close()
    _truncate(other, other.stat().st_size // 2)
    before = other.read_bytes()
    for force in (False, True):
        with pytest.raises(WarehouseError, match="no record of writing it"):
            build_warehouse(tiny_snapshot, other, force=force)
    assert other.read_bytes() == before


def test_a_damaged_header_of_our_warehouse_is_repaired_with_force(tiny_snapshot, tmp_path):
    # Finding 4: 4 KB of noise at offset 0 could not be repaired by `data build --force`.
    target = tmp_path / "w.duckdb"
    build_warehouse(tiny_snapshot, target)
    with open(target, "r+b") as handle:
        handle.write(os.urandom(4096))
    with pytest.raises(WarehouseError, match="data build --force"):
        build_warehouse(tiny_snapshot, target)
    assert build_warehouse(tiny_snapshot, target, force=True) is True
    assert warehouse_fingerprint(target) is not None


def test_a_file_that_is_not_duckdb_is_never_replaced_even_with_force(tiny_snapshot, tmp_path):
    notes = tmp_path / "notes.duckdb"
    notes.write_text("my thesis notes\n" * 1000)
    with pytest.raises(WarehouseError, match="not a DuckDB file"):
        build_warehouse(tiny_snapshot, notes, force=True)
    assert notes.read_text().startswith("my thesis notes")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.duckdb"]  # no folder left


def test_a_foreign_warehouse_is_named_as_such_by_every_command(tmp_path, capsys):
    from regint.storage.integrity import check_warehouse
    from tests.reliability.conftest import invoke

    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE t AS SELECT 1 AS x")
    con.close()
    before = other.read_bytes()
    with pytest.raises(WarehouseError, match="another program's DuckDB database"):
        check_warehouse(other)  # not "run `regint data build`", which would refuse it too
    for args in (["data", "check"], ["data", "status"], ["data", "build", "--force"]):
        code, _, err = invoke(capsys, "--warehouse", str(other), *args)
        assert code == 4 and "another program's DuckDB database" in err, (args, err)
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.duckdb"]


def test_a_folder_regint_did_not_make_is_not_used(tiny_snapshot, tmp_path):
    target = tmp_path / "w.duckdb"
    own_dir(target).mkdir()
    (own_dir(target) / "tmp-1-0123456789abcdef.duckdb").write_bytes(b"someone else's")
    with pytest.raises(WarehouseError, match="regint did not make it"):
        build_warehouse(tiny_snapshot, target)
    assert (own_dir(target) / "tmp-1-0123456789abcdef.duckdb").exists()


def test_a_no_op_build_removes_its_stale_temporaries(tiny_snapshot, tmp_path):
    # Finding 8 (second half): a no-op `data build` did not clean up.
    target = tmp_path / "w.duckdb"
    build_warehouse(tiny_snapshot, target)
    stale = make_own_dir(target) / "tmp-999999-0123456789abcdef.duckdb"
    stale.write_bytes(b"half a build")
    assert build_warehouse(tiny_snapshot, target) is False
    assert not stale.exists()


@pytest.fixture()
def read_only_folder(tmp_path):
    """A real read-only file system (tmpfs remounted read-only); root ignores chmod."""
    mount = tmp_path / "ro"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)]).returncode:
        pytest.skip("cannot mount a tmpfs here (needs root and mount rights)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)])


def test_a_leftover_temporary_in_a_read_only_folder_does_not_block_reads(
    tiny_snapshot, read_only_folder, monkeypatch
):
    # Finding 7: "W.duckdb.tmp-99999: Permission denied" on every read.
    monkeypatch.setenv("REGINT_SNAPSHOT", str(tiny_snapshot))
    target = read_only_folder / "w.duckdb"
    build_warehouse(tiny_snapshot, target)
    stale = own_dir(target) / "tmp-999999-0123456789abcdef.duckdb"
    stale.write_bytes(b"left by a killed build")
    (read_only_folder / "w.duckdb.tmp-99999").write_bytes(b"old-style leftover")
    remount = ["mount", "-o", "remount,ro", str(read_only_folder)]
    if subprocess.run(remount).returncode:
        pytest.skip("cannot remount the tmpfs read-only")
    frame = status(target)
    assert len(frame) > 0
    assert frame.attrs["provenance"]["build"]["health"].startswith("ok")
