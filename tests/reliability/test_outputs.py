"""Finding 3: an output path never lands on the warehouse, the snapshot or another input."""

from __future__ import annotations

import pytest

from regint.storage.paths import snapshot_dir
from tests.reliability.conftest import copy_warehouse, invoke


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (["indicators", "compute", "intra_regional_share", "--parquet", "{w}"], "--parquet"),
        (["report", "--out", "{w}"], "--out"),
        (["data", "status", "--parquet", "{link}"], "--parquet"),
        (["claims", "list", "--parquet", "{w}.wal"], "--parquet"),
    ],
)
def test_an_output_on_the_warehouse_is_refused(built, tmp_path, capsys, args, flag):
    target = copy_warehouse(built, tmp_path)
    (tmp_path / "link.duckdb").symlink_to(target)
    before = target.read_bytes()
    filled = [a.format(w=target, link=tmp_path / "link.duckdb") for a in args]
    code, _, err = invoke(capsys, "--warehouse", str(target), *filled)
    assert code == 2, err
    assert flag in err and "which regint reads" in err
    assert target.read_bytes() == before


def test_an_output_inside_the_snapshot_is_refused(built, tmp_path, capsys):
    target = copy_warehouse(built, tmp_path)
    victim = snapshot_dir() / "flows.parquet"
    before = victim.read_bytes()
    code, _, err = invoke(
        capsys, "--warehouse", str(target), "indicators", "compute", "intra_regional_share",
        "--parquet", str(victim),
    )  # fmt: skip
    assert code == 2 and "snapshot folder" in err
    assert victim.read_bytes() == before


def test_a_snapshot_never_replaces_a_folder_it_did_not_write(tmp_path):
    from regint.api.data import build_snapshot
    from regint.core.errors import DataError

    mine = tmp_path / "thesis"
    mine.mkdir()
    (mine / "chapter1.parquet").write_bytes(b"not regint's")
    raw = tmp_path / "raw"
    raw.mkdir()
    with pytest.raises(DataError, match="will not replace it"):
        build_snapshot(raw, mine)
    with pytest.raises(DataError, match="over the raw data"):
        build_snapshot(raw, raw)
    assert (mine / "chapter1.parquet").read_bytes() == b"not regint's"
