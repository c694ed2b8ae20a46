"""Finding 5: damage inside the file is found by `data check` and named the same way everywhere."""

from __future__ import annotations

import os

import pytest

from tests.reliability.conftest import copy_warehouse, invoke, run_regint


def _noise(path, fraction):
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.seek(int(size * fraction) // 4096 * 4096)
        handle.write(os.urandom(4096))


@pytest.mark.parametrize("fraction", [0.25, 0.5, 0.75])
def test_noise_inside_the_warehouse_is_found_and_named(built, tmp_path, capsys, fraction):
    target = copy_warehouse(built, tmp_path)
    assert invoke(capsys, "--warehouse", str(target), "data", "check")[0] == 0
    _noise(target, fraction)
    code, out, err = invoke(capsys, "--warehouse", str(target), "data", "check")
    assert code == 4, out + err
    assert "regint data build --force" in out + err
    code, out, _ = invoke(capsys, "--warehouse", str(target), "data", "status")
    assert code == 4 and "damaged" in out


def test_a_query_on_a_damaged_block_says_damaged_not_internal_error(built, tmp_path):
    target = copy_warehouse(built, tmp_path)
    _noise(target, 0.3)  # inside trade.flows, which every indicator reads
    out = run_regint("--warehouse", str(target), "indicators", "compute", "intra_regional_share")
    assert out.returncode == 4, out.stderr
    assert "internal error" not in out.stderr and "Please report" not in out.stderr
    assert str(target) in out.stderr and "regint data build --force" in out.stderr
    fixed = run_regint("--warehouse", str(target), "data", "build", "--force")
    assert fixed.returncode == 0, fixed.stderr
    assert run_regint("--warehouse", str(target), "data", "check").returncode == 0


def test_a_corruption_error_that_escapes_the_api_gets_the_same_message(tmp_path):
    import duckdb

    from regint.cli.main import _report

    err = duckdb.IOException("Corrupt database file: computed checksum 1 does not match 2")
    code = _report(err, ["--warehouse", str(tmp_path / "w.duckdb"), "data", "status"])
    assert code == 4
