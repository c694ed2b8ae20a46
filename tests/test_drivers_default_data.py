"""The driver indicators on the committed default snapshot: published figures, CLI and API.

Runs on a fresh clone (no ../shared needed).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import regint
from regint.core.vocab import C5
from regint.storage.paths import snapshot_dir
from regint.storage.warehouse import build_warehouse


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("drivers") / "warehouse.duckdb"
    build_warehouse(snapshot_dir(), path)
    return path


def test_withdrawals_2020_match_the_published_wdi_figures(warehouse):
    """Issue 10 / SOURCE.md: TKM 1,868%, UZB 306%, KAZ 38%, KGZ 16%, TJK 17% of internal resources."""
    frame = regint.compute(
        "water_withdrawal_internal", years="2000-2020", level="country", warehouse=warehouse
    )
    assert set(frame["country"]) == set(C5) and len(frame) == 5 * 21
    v = frame[frame["year"] == 2020].set_index("country")["value"].round(0)
    assert v.to_dict() == {"KAZ": 38, "KGZ": 16, "TJK": 17, "TKM": 1868, "UZB": 306}
    sources = frame.attrs["provenance"]["sources"]
    assert [s["licence"] for s in sources] == ["CC BY 4.0"]
    assert frame.attrs["provenance"]["dimension"] == "water_energy"


def test_russia_sends_the_published_remittances(warehouse):
    """SOURCE.md (KNOMAD 2017): Russia -> Uzbekistan US$ 2,838.7 m, -> Kyrgyz Republic 1,904.3 m."""
    frame = regint.compute("remittance_sources_2017", years="2017", warehouse=warehouse)
    rus = frame[frame["partner"] == "RUS"].set_index("reporter")["remittances_musd"]
    assert rus["UZB"] == pytest.approx(2838.7, abs=0.05)
    assert rus["KGZ"] == pytest.approx(1904.3, abs=0.05)
    assert any("not verified" in n for n in frame.attrs["provenance"]["notes"])


def test_every_driver_indicator_computes_for_the_c5_and_a_custom_list(warehouse):
    for meta in regint.api.indicators.list_indicators().itertuples():
        if meta.dimension == "trade":
            continue
        for kwargs in ({}, {"countries": "KAZ,UZB,RUS"}):
            frame = regint.compute(meta.id, years="2015-2020", warehouse=warehouse, **kwargs)
            assert {"year", "value"} <= set(frame.columns), meta.id
            assert frame.attrs["provenance"]["sources"], meta.id


def _regint(*args: str, warehouse: Path) -> subprocess.CompletedProcess:
    exe = shutil.which("regint") or str(Path(sys.executable).with_name("regint"))
    env = {**os.environ, "REGINT_WAREHOUSE": str(warehouse)}
    return subprocess.run([exe, *args], capture_output=True, text=True, env=env, check=False)


def test_cli_lists_one_dimension_and_computes_with_sources(warehouse):
    listed = _regint(
        "indicators", "list", "--dimension", "water and energy", "--json", warehouse=warehouse
    )
    assert listed.returncode == 0, listed.stderr
    ids = {row["id"] for row in json.loads(listed.stdout)["data"]}
    assert ids == {
        "water_withdrawal_internal",
        "renewable_electricity_share",
        "net_energy_imports",
        "water_energy_complementarity",
    }
    done = _regint(
        "indicators",
        "compute",
        "net_energy_imports",
        "--level",
        "country",
        "--years",
        "2000-2020",
        warehouse=warehouse,
    )
    assert done.returncode == 0, done.stderr
    assert "World Development Indicators" in done.stdout and "CC BY 4.0" in done.stdout
    bad = _regint("indicators", "list", "--dimension", "weather", warehouse=warehouse)
    assert bad.returncode != 0 and "allowed: trade" in bad.stderr
