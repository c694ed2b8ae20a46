"""One report per test session, built from the committed default snapshot into a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from regint.report import ReportResult, build_report


@pytest.fixture(scope="session")
def c5_report(tmp_path_factory: pytest.TempPathFactory) -> ReportResult:
    folder = tmp_path_factory.mktemp("report")
    messages: list[str] = []
    result = build_report(
        "c5", folder / "report.html", warehouse=folder / "wh.duckdb", progress=messages.append
    )
    assert messages, "the build reports progress"
    return result


@pytest.fixture(scope="session")
def c5_html(c5_report: ReportResult) -> str:
    return Path(c5_report.path).read_text(encoding="utf-8")
