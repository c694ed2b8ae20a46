"""Finding 3: an output path never lands on the warehouse, the snapshot or another input."""

from __future__ import annotations

from pathlib import Path

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


# An output path that names an existing file regint did not write is refused, for every kind
# of output; regint's own earlier outputs (marked) are rewritten.
FOREIGN_OUTPUTS = [
    (["indicators", "compute", "intra_regional_share", "--parquet", "{f}"], "--parquet"),
    (["data", "sources", "--parquet", "{f}"], "--parquet"),
    (["claims", "list", "--parquet", "{f}"], "--parquet"),
    (["kb", "orgs", "--parquet", "{f}"], "--parquet"),
    (["gravity", "replicate", "distance", "--parquet", "{f}"], "--parquet"),
    (["report", "--out", "{f}"], "--out"),
]


@pytest.mark.parametrize(("args", "flag"), FOREIGN_OUTPUTS)
@pytest.mark.parametrize("content", [b"precious notes\n", b"PAR1 not a parquet file PAR1"])
def test_an_existing_file_regint_did_not_write_is_kept(
    built, tmp_path, capsys, args, flag, content
):
    target = copy_warehouse(built, tmp_path)
    victim = tmp_path / "thesis.txt"
    victim.write_bytes(content)
    filled = [a.format(f=victim) for a in args]
    code, _, err = invoke(capsys, "--warehouse", str(target), *filled)
    assert code == 2, err
    assert flag in err and "regint did not write it" in err and "Traceback" not in err
    assert victim.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".thesis")) == []


def test_a_device_is_never_replaced_by_an_output(built, tmp_path, capsys):
    target = copy_warehouse(built, tmp_path)
    code, _, err = invoke(
        capsys, "--warehouse", str(target), "data", "sources", "--parquet", "/dev/null"
    )
    assert code == 2 and "not a regular file" in err
    assert not Path("/dev/null").is_file()


def test_a_symlink_to_a_foreign_file_is_refused(built, tmp_path, capsys):
    target = copy_warehouse(built, tmp_path)
    victim = tmp_path / "README.md"
    victim.write_text("# my project\n")
    (tmp_path / "out.parquet").symlink_to(victim)
    code, _, err = invoke(
        capsys, "--warehouse", str(target), "data", "sources", "--parquet",
        str(tmp_path / "out.parquet"),
    )  # fmt: skip
    assert code == 2 and "regint did not write it" in err
    assert victim.read_text() == "# my project\n"


def test_regint_rewrites_its_own_parquet_and_an_empty_file(built, tmp_path, capsys):
    import pyarrow.parquet as pq

    target = copy_warehouse(built, tmp_path)
    out = tmp_path / "sources.parquet"
    out.touch()  # an empty file holds nothing to lose
    for _ in range(2):  # the second run replaces the first run's output
        code, _, err = invoke(
            capsys, "--warehouse", str(target), "data", "sources", "--parquet", str(out)
        )
        assert code == 0, err
        assert b"regint.provenance" in pq.read_schema(out).metadata
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".regint-tmp")] == []


def test_a_report_from_an_earlier_run_is_recognised(tmp_path):
    from regint.core.marks import HTML_MARK, is_regint_output
    from regint.report.html import page

    report = tmp_path / "report.html"
    report.write_text(page("t", "h", [], "b", "f"))
    assert HTML_MARK in report.read_text()
    assert is_regint_output(report)
    (tmp_path / "other.html").write_text("<html><head><title>mine</title></head></html>")
    assert not is_regint_output(tmp_path / "other.html")


def test_a_failed_write_leaves_the_old_output_and_no_temporary(tmp_path):
    from regint.core.marks import write_atomically

    out = tmp_path / "report.html"
    out.write_text("old")

    def fail(tmp):
        tmp.write_text("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_atomically(out, fail)
    assert out.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_rewriting_a_snapshot_keeps_the_files_it_did_not_write(tmp_path):
    from tests.tiny import write_tiny_snapshot

    snap = write_tiny_snapshot(tmp_path / "snapshot")
    (snap / "my-extract.parquet").write_bytes(b"the user's own table")
    (snap / "README.md").write_text("notes\n")
    write_tiny_snapshot(snap)  # the same folder again: regint's tables are replaced
    assert (snap / "my-extract.parquet").read_bytes() == b"the user's own table"
    assert (snap / "README.md").read_text() == "notes\n"
    assert (snap / "manifest.json").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["snapshot"]  # no old folder left behind


@pytest.mark.parametrize(
    "args",
    [["indicators", "compute", "intra_regional_share", "--parquet", ""],
     ["claims", "check", "--parquet", " "], ["report", "--out", ""]],
)  # fmt: skip
def test_an_empty_output_path_is_refused_not_ignored(built, tmp_path, capsys, args):
    target = copy_warehouse(built, tmp_path)
    code, out, err = invoke(capsys, "--warehouse", str(target), *args)
    assert code == 2 and "the path is empty" in err and args[-2] in err
    assert out == ""


def test_an_output_gets_ordinary_permissions_or_keeps_its_own(tmp_path):
    import os
    import stat

    from regint.core.marks import write_atomically

    mask = os.umask(0o022)
    try:
        fresh = tmp_path / "report.html"
        write_atomically(fresh, lambda tmp: tmp.write_text("new"))
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644  # not mkstemp's private 0600
        fresh.chmod(0o640)
        write_atomically(fresh, lambda tmp: tmp.write_text("again"))
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o640
    finally:
        os.umask(mask)
