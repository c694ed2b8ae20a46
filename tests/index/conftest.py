"""One warehouse, built from the committed snapshot, for every index test that needs data."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def index_warehouse(tmp_path_factory):
    return tmp_path_factory.mktemp("index") / "wh.duckdb"
