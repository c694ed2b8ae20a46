"""Every `indicators compute` table fits an 80-column terminal with its key columns in full."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from rich.console import Console

from regint.cli import render
from regint.cli.main import cli
from regint.indicators.registry import INDICATORS

CASES = [(i, level) for i, meta in INDICATORS.items() for level in meta.levels]


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture()
def narrow(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "console", Console(width=80, soft_wrap=True))


@pytest.mark.parametrize(("indicator", "level"), CASES)
def test_key_columns_show_in_full_at_80_columns(narrow: None, indicator: str, level: str) -> None:
    args = ("indicators", "compute", indicator, "--years", "2019", "--level", level)
    table = _run(*args)
    rows = json.loads(_run(*args, "--json"))["data"]
    lines = table.splitlines()
    body = [line for line in lines if line.startswith(("│", "┃", "┏", "└"))]
    assert body and all(len(line) <= 80 for line in body), "the table fits 80 columns"
    assert not any("…" in line for line in body), "no cell is cut"
    header = next(line for line in body if line.startswith("┃"))
    unit = INDICATORS[indicator].unit
    assert ("value (%)" if unit.startswith("share") else "value") in header
    for key in ("year", "country", "group"):
        if key in rows[0]:
            assert key in header
    shown = " ".join(body)
    # The renderer's rule: a column reaching 100 (US$ m, % of resources) shows 1 decimal.
    big = any(r["value"] is not None and abs(r["value"]) >= 100 for r in rows)
    for row in rows:
        if row["value"] is None:
            continue
        plain = f"{row['value']:,.1f}" if big else f"{row['value']:,.4f}"
        text = f"{100 * row['value']:.2f}" if unit.startswith("share") else plain
        assert text in shown, (row, text)
    if any("more column(s)" in line for line in lines):
        assert "--wide" in table


def test_wide_shows_every_column(narrow: None) -> None:
    args = ("indicators", "compute", "intra_regional_share", "--years", "2019")
    columns = len(json.loads(_run(*args, "--json"))["data"][0])
    top = next(line for line in _run(*args, "--wide").splitlines() if line.startswith("┏"))
    assert top.count("┳") + 1 == columns
    narrow_top = next(line for line in _run(*args).splitlines() if line.startswith("┏"))
    assert narrow_top.count("┳") + 1 < columns


def test_machine_outputs_keep_fractions_and_say_so() -> None:
    args = ("indicators", "compute", "intra_regional_share", "--years", "2019")
    payload = json.loads(_run(*args, "--json"))
    assert 0 < payload["data"][0]["value"] < 1
    assert "fraction" in payload["origins"]["units"]["value"]
    csv = _run(*args, "--csv")
    assert any(line.startswith("# value") and "fraction" in line for line in csv.splitlines())
    # Rounded at the documented precision: no float noise in text outputs.
    data_lines = [line for line in csv.splitlines() if not line.startswith("#")]
    assert not any("0000000000" in line or "9999999999" in line for line in data_lines)


def test_one_country_partner_profile_at_country_level() -> None:
    args = ("indicators", "compute", "partner_profile", "--countries", "KAZ", "--level", "country")
    rows = json.loads(_run(*args, "--years", "2019", "--json"))["data"]
    assert {r["country"] for r in rows} == {"KAZ"}
    assert len(rows) == 8


def test_one_country_intra_regional_share_is_refused_with_the_alternative() -> None:
    result = CliRunner().invoke(
        cli, ["indicators", "compute", "intra_regional_share", "--countries", "KAZ"]
    )
    assert result.exit_code != 0
    assert "partner_profile" in str(result.exception) + result.output


def test_real_terminal_width_from_columns_env() -> None:
    env = {**os.environ, "COLUMNS": "80"}
    out = subprocess.run(
        [sys.executable, "-c", "from regint.cli.main import main; main()", "indicators"]
        + ["compute", "intra_regional_share", "--years", "2019"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    table = [line for line in out.stdout.splitlines() if line.startswith("│")]
    assert table and all(len(line) <= 80 for line in table)
    assert "value (%)" in out.stdout


@pytest.mark.parametrize(
    "args", [("kb", "agreements"), ("kb", "events"), ("claims", "list", "--tests")]
)
def test_other_tables_fit_80_columns_with_their_ids_whole(narrow: None, args) -> None:
    out = _run(*args)
    body = [line for line in out.splitlines() if line.startswith(("│", "┃", "┏", "└"))]
    assert body and all(len(line) <= 80 for line in body)
    first_cells = [line.split("│")[1].strip() for line in body if line.startswith("│")]
    assert not any("…" in cell for cell in first_cells), "ids are never cut"
