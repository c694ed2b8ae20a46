"""The data and indicator commands, end to end on a tiny real snapshot and warehouse."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.tiny import write_tiny_snapshot


@pytest.fixture()
def env(tmp_path, monkeypatch):
    snap = write_tiny_snapshot(tmp_path / "snapshot")
    monkeypatch.setenv("REGINT_SNAPSHOT", str(snap))
    monkeypatch.setenv("REGINT_WAREHOUSE", str(tmp_path / "wh.duckdb"))
    return tmp_path


def regint(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    exe = shutil.which("regint") or str(Path(sys.executable).with_name("regint"))
    return subprocess.run(
        [exe, *args],
        capture_output=True,
        text=True,
        env=env or os.environ.copy(),
        check=False,
        timeout=120,
    )


def test_build_then_status_lists_tables(env):
    done = regint("data", "build")
    assert done.returncode == 0, done.stderr
    assert "warehouse built" in done.stdout
    again = regint("data", "build")
    assert "already up to date" in again.stdout
    status = regint("data", "status", "--json")
    payload = json.loads(status.stdout)
    tables = {row["table"] for row in payload["data"]}
    assert {"trade.flows", "meta.build", "meta.sources", "macro.wdi"} <= tables
    assert payload["origins"]["build"]["fingerprint"]


def test_compute_prints_series_with_sources_and_sides(env):
    done = regint(
        "indicators",
        "compute",
        "intra_regional_share",
        "--countries",
        "KAZ,UZB",
        "--years",
        "1999-2000",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    rows = {r["year"]: r for r in payload["data"]}
    # 1999, reconciled: KAZ->UZB 106/1.06 = 100, UZB->KAZ 53/1.06 = 50 (mirror first);
    # T_KAZ = 100+50+318/1.06+530/1.06+21.2/1.06 = 970; T_UZB = 100+50+106/1.06 = 250.
    assert rows[1999]["value"] == pytest.approx(300 / 1220)
    assert rows[1999]["sides"] == "mirror 2"
    assert rows[1999]["flow_sources"] == "imf_dots"
    assert payload["origins"]["basis"] == "reconciled"
    assert payload["origins"]["sources"][0]["citation"].startswith(
        "Source: International Monetary Fund"
    )


def test_csv_output_carries_provenance_comments(env):
    done = regint(
        "indicators",
        "compute",
        "intra_regional_share",
        "--countries",
        "KAZ,UZB",
        "--years",
        "1999",
        "--csv",
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any(line.startswith("# source:") for line in lines)
    assert any(line.startswith("year,value") for line in lines)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["indicators", "compute", "intra_regional_share", "--years", "1950-1960"], "--years"),
        (["indicators", "compute", "intra_regional_share", "--countries", "KAZ,XXX"], "XXX"),
        (["indicators", "compute", "intra_regional_share", "--region", "atlantis"], "--region"),
        (["indicators", "compute", "no_such_indicator"], "indicator"),
        (["indicators", "compute", "intra_regional_share", "--cif-fob", "3"], "--cif-fob"),
        (["indicators", "compute", "intra_regional_share", "--json", "--csv"], "--json and --csv"),
        (
            ["indicators", "list", "--csv", "--parquet", "/nonexistent/x.parquet"],
            "--csv and --parquet",
        ),
        (
            ["indicators", "compute", "intra_regional_share", "--countries", ""],
            "--countries: no country",
        ),
        (
            ["indicators", "compute", "intra_regional_share", "--countries", "KAZ"],
            "at least two countries",
        ),
        (
            [
                "indicators",
                "compute",
                "intra_regional_share",
                "--region",
                "eaeu",
                "--countries",
                "KAZ,UZB",
            ],
            "--region: 'eaeu' and a country list cannot be combined",
        ),
        (
            ["indicators", "compute", "intra_regional_share", "--region", "eaeu@1990-01-01"],
            "had no members on 1990-01-01",
        ),
        (
            ["indicators", "compute", "intra_regional_share", "--countries", "KGZ,UZB"],
            "'KGZ' is not a country in the trade data",
        ),
        (["indicators", "definitions", "--year", "1800"], "--year: 1800"),
    ],
)
def test_bad_arguments_get_a_clear_error_and_nonzero_exit(env, args, needle):
    done = regint(*args)
    assert done.returncode == 2, done.stdout + done.stderr
    assert needle in done.stderr
    assert "Traceback" not in done.stderr


def test_corrupt_snapshot_fails_cleanly_and_keeps_the_warehouse(env):
    assert regint("data", "build").returncode == 0
    wh = Path(os.environ["REGINT_WAREHOUSE"])
    before = wh.read_bytes()
    (Path(os.environ["REGINT_SNAPSHOT"]) / "flows.parquet").write_bytes(b"garbage")
    done = regint("data", "build", "--force")
    assert done.returncode == 3
    assert "flows.parquet" in done.stderr and "Traceback" not in done.stderr
    assert wh.read_bytes() == before


def test_parquet_export_has_provenance_metadata(env, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "share.parquet"
    done = regint(
        "indicators",
        "compute",
        "intra_regional_share",
        "--countries",
        "KAZ,UZB",
        "--years",
        "1999",
        "--parquet",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    meta = pq.read_schema(out).metadata
    assert b"imf_dots" in meta[b"regint.provenance"]


def test_masked_years_and_missing_pairs_are_explained(env):
    done = regint(
        "indicators",
        "compute",
        "intra_regional_share",
        "--countries",
        "KAZ,UZB,TKM",
        "--years",
        "1999",
    )
    assert done.returncode == 0, done.stderr
    assert "value is NaN in 1999: fewer than 70% of the member pairs" in done.stdout
    view = regint("indicators", "definitions", "--year", "1999", "--countries", "KAZ,UZB,TKM")
    assert view.returncode == 0, view.stderr
    assert "only 2 of 3 member pairs have a known flow (missing: TKM-UZB)" in view.stdout


def test_catalogue_and_definition_outputs_carry_provenance(env):
    listed = json.loads(regint("indicators", "list", "--json").stdout)
    assert set(listed["origins"]["citations"]) == {row["id"] for row in listed["data"]}
    csv = regint("indicators", "list", "--csv").stdout.splitlines()
    assert any(line.startswith("# citation introversion: Iapadre") for line in csv)
    shown = json.loads(regint("indicators", "show", "partner_profile", "--json").stdout)
    assert shown["data"]["thresholds"] == {"min_partner_coverage": 0.5}
    assert "Makhmutova" in shown["origins"]["citations"]["partner_profile"]


def test_licences_in_brackets_are_printed_as_written(env):
    """Rich must not swallow '[CC BY 4.0]'-style text as markup."""
    done = regint(
        "indicators", "compute", "intra_regional_share", "--countries", "KAZ,UZB", "--years", "1999"
    )
    assert done.returncode == 0, done.stderr
    assert "[reuse with attribution (IMF terms)]" in done.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["--warehouse", "{afile}/wh.duckdb", "data", "build"],
        ["indicators", "compute", "intra_regional_share", "--parquet", "{afile}/x.parquet"],
    ],
)
def test_unwritable_paths_name_their_option(env, tmp_path, args):
    afile = tmp_path / "afile"
    afile.write_text("a file, not a folder")
    done = regint(*(a.format(afile=afile) for a in args))
    option = "--warehouse" if "--warehouse" in args else "--parquet"
    assert done.returncode == 2, done.stderr
    assert f"{option}: cannot write" in done.stderr and "Traceback" not in done.stderr
    assert not done.stderr.startswith("\n")


def test_update_blames_the_option_the_user_gave(env):
    done = regint("data", "update", "--source", "wdi", "--from-year", "3000")
    assert done.returncode == 2
    assert "--from-year" in done.stderr


def test_sources_lists_every_source_record_and_where_it_is_used(env):
    import json as _json

    done = regint("data", "sources", "--json")
    assert done.returncode == 0, done.stderr
    used = {row["source_id"]: row["used_in"] for row in _json.loads(done.stdout)["data"]}
    assert used["imf_dots"] == "warehouse"
    assert used["desta"].startswith("knowledge base") and used["cow_igo"].startswith(
        "knowledge base"
    )
    assert used["kgz_nsc"].startswith("optional import")


def test_first_use_says_it_builds_and_status_names_the_file(env):
    first = regint("indicators", "compute", "intra_regional_share", "--json")
    assert first.returncode == 0, first.stderr
    assert first.stderr.count("building the warehouse at") == 1
    assert str(env / "wh.duckdb") in first.stderr
    again = regint("indicators", "compute", "intra_regional_share", "--json")
    assert "building the warehouse" not in again.stderr
    status = regint("data", "status")
    assert str(env / "wh.duckdb") in status.stdout


def test_a_command_with_its_own_progress_display_also_says_it_builds(env):
    first = regint("claims", "check", "--json")
    assert first.returncode == 0, first.stderr
    assert first.stderr.count("building the warehouse at") == 1
