"""Reports built once per test session, from the committed default snapshot, in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from regint.report import ReportResult, build_report


@pytest.fixture(scope="session")
def report_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("report")


@pytest.fixture(scope="session")
def c5_report(report_folder: Path) -> ReportResult:
    messages: list[str] = []
    result = build_report(
        "c5",
        report_folder / "report.html",
        warehouse=report_folder / "wh.duckdb",
        progress=messages.append,
    )
    assert messages, "the build reports progress"
    return result


@pytest.fixture(scope="session")
def c5_html(c5_report: ReportResult) -> str:
    return Path(c5_report.path).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def eaeu_report(report_folder: Path, c5_report: ReportResult) -> ReportResult:
    # After c5_report, so the warehouse is built once and shared.
    return build_report("eaeu", report_folder / "eaeu.html", warehouse=report_folder / "wh.duckdb")


@pytest.fixture(scope="session")
def eaeu_html(eaeu_report: ReportResult) -> str:
    return Path(eaeu_report.path).read_text(encoding="utf-8")
