"""The report the browser tests open, built once per session; where screenshots go."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from regint.report import build_report

ROOT = Path(__file__).resolve().parents[2]
# Screenshots are kept as test artefacts here (git-ignored); REGINT_ARTIFACTS moves them.
ARTIFACTS = Path(os.environ.get("REGINT_ARTIFACTS", ROOT / "test-artifacts")) / "report"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.fixture(scope="session")
def e2e_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if chromium() is None:
        pytest.skip("no chromium binary on this machine (CI installs Debian's chromium)")
    folder = tmp_path_factory.mktemp("e2e")
    return build_report("c5", folder / "report.html", warehouse=folder / "wh.duckdb").path
