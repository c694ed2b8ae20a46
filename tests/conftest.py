"""Shared fixtures. Tests run offline; raw-data tests skip where ../shared/data-raw is absent."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# No timed assertions: Hypothesis's per-example deadline fails tests on a loaded machine (seen
# under coverage on 2 shared cores), which says nothing about the code. Speed is benchmarked.
settings.register_profile("regint", deadline=None)
settings.load_profile("regint")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


_TEST_FOLDERS: list[Path] = []


def pytest_configure(config: pytest.Config) -> None:
    """Tests never touch the user's own warehouse: default it to a temporary file."""
    folder = Path(tempfile.mkdtemp(prefix="regint-tests-"))
    _TEST_FOLDERS.append(folder)
    os.environ["REGINT_WAREHOUSE"] = str(folder / "warehouse.duckdb")


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the temporary folder this run made (and only that one)."""
    while _TEST_FOLDERS:
        shutil.rmtree(_TEST_FOLDERS.pop(), ignore_errors=True)


def _raw_dir() -> Path | None:
    env = os.environ.get("REGINT_RAW_DATA")
    candidates = [Path(env)] if env else []
    candidates.append(ROOT.parent / "shared" / "data-raw")
    for path in candidates:
        if path.is_dir():
            return path
    return None


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    """The raw public sources, or skip the test where they are absent (a fresh clone)."""
    path = _raw_dir()
    if path is None:
        pytest.skip(
            "../shared/data-raw is absent: raw-data tests run where it is present, as in CI"
        )
    return path


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES
