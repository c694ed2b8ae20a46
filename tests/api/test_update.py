"""Online updaters end to end, offline: responses built to the APIs' documented formats.

Any request that is not registered fails the test (responses' default), so nothing here can
reach the network.
"""

from __future__ import annotations

import json
import re

import pytest
import responses
from responses import matchers

from regint.api.update import update
from regint.api.warehouse import ensure_warehouse
from regint.core.errors import InputError, NetworkError
from regint.storage.integrity import open_read_only
from tests.tiny import write_tiny_snapshot


@pytest.fixture()
def warehouse(tmp_path, monkeypatch):
    monkeypatch.setenv("REGINT_SNAPSHOT", str(write_tiny_snapshot(tmp_path / "snap")))
    return tmp_path / "wh.duckdb"


def test_imts_update_merges_newer_years_with_provenance(warehouse, fixtures_dir):
    body = (fixtures_dir / "imf_imts" / "imts_kaz_uzb_2021_2023.csv").read_bytes()
    with responses.RequestsMock() as mock:
        mock.get(
            re.compile(r"https://api\.imf\.org/.*/IMF\.STA,IMTS/KAZ\+UZB\..*"),
            body=body,
            content_type="application/vnd.sdmx.data+csv",
        )
        result = update(
            ["imts"], first_year=2021, last_year=2023, reporters=["KAZ", "UZB"], warehouse=warehouse
        )
    assert result[0]["updater"] == "imts" and result[0]["flows"] > 0
    con = open_read_only(warehouse)
    n = con.execute(
        "SELECT count(*) FROM trade.flows WHERE exporter_source = 'imf_imts' "
        "OR importer_source = 'imf_imts'"
    ).fetchone()[0]
    dots = con.execute(
        "SELECT count(*) FROM trade.flows WHERE year <= 2020 AND "
        "(exporter_source = 'imf_imts' OR importer_source = 'imf_imts')"
    ).fetchone()[0]
    logged = con.execute("SELECT source_id FROM meta.updates").fetchall()
    con.close()
    assert n > 0 and dots == 0
    assert logged == [("imf_imts",)]
    # The next command keeps the updated warehouse instead of rebuilding it from the snapshot.
    ensure_warehouse(warehouse)
    con = open_read_only(warehouse)
    assert con.execute("SELECT count(*) FROM meta.updates").fetchone()[0] == 1
    con.close()


def test_wdi_update_replaces_rows_by_country_year_indicator(warehouse, fixtures_dir):
    pages = [
        json.loads((fixtures_dir / "wdi" / "api" / f"gdp_page{i}.json").read_text()) for i in (1, 2)
    ]
    url = re.compile(r"https://api\.worldbank\.org/v2/country/all/indicator/NY\.GDP\.MKTP\.CD.*")
    with responses.RequestsMock() as mock:
        for i, page in enumerate(pages, start=1):
            mock.get(
                url,
                json=page,
                match=[matchers.query_param_matcher({"page": str(i)}, strict_match=False)],
            )
        result = update(
            ["wdi"],
            first_year=2019,
            last_year=2020,
            indicators=["ny.gdp.mktp.cd"],
            warehouse=warehouse,
        )
    assert result[0]["wdi"] == 3
    con = open_read_only(warehouse)
    got = con.execute(
        "SELECT value FROM macro.wdi WHERE country = 'KAZ' AND year = 2020 "
        "AND indicator = 'ny.gdp.mktp.cd'"
    ).fetchone()[0]
    con.close()
    assert got == pytest.approx(171082365861.423)


def test_unreachable_service_is_a_network_error_and_the_warehouse_is_kept(warehouse):
    ensure_warehouse(warehouse)
    before = warehouse.read_bytes()
    with responses.RequestsMock() as mock:
        mock.get(re.compile(r"https://api\.imf\.org/.*"), status=503)
        with pytest.raises(NetworkError, match="503"):
            update(["imts"], first_year=2021, last_year=2022, warehouse=warehouse)
    assert warehouse.read_bytes() == before


def test_unknown_updater_is_named():
    with pytest.raises(InputError, match="^which: "):
        update(["comtrade"])


@pytest.mark.parametrize(
    ("first", "last", "argument"), [(1800, 2020, "^first_year: "), (2021, 2020, "^last_year: ")]
)
def test_bad_year_bounds_name_the_option(first, last, argument):
    with pytest.raises(InputError, match=argument):
        update(["wdi"], first_year=first, last_year=last)
