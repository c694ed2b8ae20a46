"""``regint report`` from the command line: writes the file and says what it found."""

from __future__ import annotations

from click.testing import CliRunner

from regint.cli.main import cli


def test_cli_writes_the_report_and_summarises_the_verdicts(tmp_path):
    out = tmp_path / "c5.html"
    result = CliRunner().invoke(
        cli, ["--warehouse", str(tmp_path / "wh.duckdb"), "report", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.exists() and out.stat().st_size > 100_000
    assert "8 claims" in result.output and str(out) in result.output


def test_cli_rejects_an_unknown_region_without_a_traceback(tmp_path):
    result = CliRunner().invoke(
        cli,
        [
            "--warehouse",
            str(tmp_path / "wh.duckdb"),
            "report",
            "--region",
            "atlantis",
            "--out",
            str(tmp_path / "x.html"),
        ],
    )
    assert result.exit_code != 0
    assert not (tmp_path / "x.html").exists()
