"""``regint report`` from the command line: writes the file and says what it found."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from regint import report
from regint.cli.main import cli, main
from regint.core.errors import InputError
from regint.core.options import check_output_path


def test_cli_writes_the_report_and_summarises_the_verdicts(tmp_path):
    out = tmp_path / "c5.html"
    result = CliRunner().invoke(
        cli, ["--warehouse", str(tmp_path / "wh.duckdb"), "report", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.exists() and out.stat().st_size > 100_000
    assert "10 claims" in result.output and str(out) in result.output


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


@pytest.fixture
def no_computing(monkeypatch):
    """Fail the test if the report's data are collected (the path must be checked first)."""

    def never(*args, **kwargs):
        raise AssertionError("the report was computed before --out was checked")

    monkeypatch.setattr(report, "collect_report_data", never)


def _out_refused(tmp_path, out: str, capsys) -> str:
    with pytest.raises(SystemExit) as caught:
        main(["--warehouse", str(tmp_path / "wh.duckdb"), "report", "--out", out])
    assert caught.value.code == 2
    return capsys.readouterr().err


def test_an_out_under_a_file_is_refused_before_computing(tmp_path, no_computing, capsys):
    (tmp_path / "afile").write_text("x")
    err = _out_refused(tmp_path, str(tmp_path / "afile" / "r.html"), capsys)
    assert "--out: cannot write" in err and "afile is not a folder" in err
    assert "internal error" not in err


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs Linux /proc")
def test_an_out_in_a_folder_that_takes_no_files_is_refused(tmp_path, no_computing, capsys):
    err = _out_refused(tmp_path, "/proc/r.html", capsys)
    assert "--out: cannot write /proc/r.html: cannot create a file in /proc" in err


def test_an_out_in_a_folder_still_to_make_is_accepted(tmp_path):
    target = tmp_path / "new" / "deeper" / "r.html"
    assert check_output_path(target) == target
    assert not (tmp_path / "new").exists()  # the check makes nothing


def test_the_python_api_refuses_an_unwritable_out_too(tmp_path, no_computing):
    (tmp_path / "afile").write_text("x")
    with pytest.raises(InputError, match="^out: cannot write"):
        report.build_report("c5", tmp_path / "afile" / "r.html", warehouse=tmp_path / "w.duckdb")
