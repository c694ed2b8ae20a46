"""``regint data …`` and ``regint indicators …`` in-process with click's CliRunner.

The subprocess tests (test_data_cli.py) check the real entry point; these check the commands'
output and exit codes quickly, on the tiny snapshot, and count towards coverage.
"""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from regint.cli.main import cli
from tests.tiny import write_tiny_snapshot


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("cli")
    mp = pytest.MonkeyPatch()
    mp.setenv("REGINT_SNAPSHOT", str(write_tiny_snapshot(root / "snapshot")))
    yield root / "wh.duckdb"
    mp.undo()


def run(warehouse, *args: str):
    return CliRunner().invoke(cli, ["--warehouse", str(warehouse), *args])


def test_data_build_then_status_lists_the_tables(warehouse) -> None:
    built = run(warehouse, "data", "build")
    assert built.exit_code == 0, built.output
    status = run(warehouse, "data", "status", "--json")
    assert status.exit_code == 0, status.output
    payload = json.loads(status.stdout)
    assert "trade.flows" in {row["table"] for row in payload["data"]}
    assert payload["origins"]["build"]["code_version"]


def test_data_sources_lists_producers_and_licences_as_csv(warehouse) -> None:
    result = run(warehouse, "data", "sources", "--csv")
    assert result.exit_code == 0, result.output
    header = next(line for line in result.stdout.splitlines() if not line.startswith("#"))
    assert header.startswith("source_id,producer,title,licence")


def test_indicators_list_and_show(warehouse) -> None:
    listed = run(warehouse, "indicators", "list", "--json")
    assert listed.exit_code == 0, listed.output
    ids = [row["id"] for row in json.loads(listed.stdout)["data"]]
    assert "intra_regional_share" in ids
    shown = run(warehouse, "indicators", "show", "introversion")
    assert shown.exit_code == 0 and "Iapadre" in shown.stdout


def test_indicators_compute_writes_parquet_with_provenance(warehouse, tmp_path) -> None:
    out = tmp_path / "share.parquet"
    args = ["indicators", "compute", "intra_regional_share", "--countries", "KAZ,UZB"]
    result = run(warehouse, *args, "--parquet", str(out))
    assert result.exit_code == 0, result.output
    meta = pq.read_schema(out).metadata
    origins = json.loads(meta[b"regint.provenance"])
    assert origins["basis"] == "reconciled" and origins["sources"]


def test_indicators_compute_as_csv_states_basis_and_sources(warehouse) -> None:
    result = run(warehouse, "indicators", "compute", "intra_regional_share", "--csv")
    assert result.exit_code == 0, result.output
    comments = [line for line in result.stdout.splitlines() if line.startswith("#")]
    assert any("basis: reconciled (CIF/FOB 1.06)" in c for c in comments)
    assert any(c.startswith("# source:") for c in comments)


@pytest.mark.parametrize(
    ("args", "parameter"),
    [
        (["--cif-fob", "2"], "cif_fob"),
        (["--years", ""], "years"),
        (["--countries", "KAZ"], "countries"),
    ],
)
def test_bad_options_raise_errors_naming_the_parameter(warehouse, args, parameter) -> None:
    from regint.core.errors import InputError

    result = run(warehouse, "indicators", "compute", "intra_regional_share", *args)
    assert result.exit_code != 0
    assert isinstance(result.exception, InputError)
    assert result.exception.parameter == parameter


def test_help_states_allowed_ranges_and_values() -> None:
    text = CliRunner().invoke(cli, ["indicators", "compute", "--help"]).stdout
    assert "1.0 to 1.5" in text
    assert "reported|mirror|reconciled" in text
    assert "region|country" in text
