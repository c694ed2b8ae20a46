"""WDI: the shipped-file reader and the World Bank API v2 updater (offline, on constructed bodies)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import requests
import responses
from responses import matchers

from regint.core.errors import DataError, InputError, NetworkError
from regint.sources.wdi import OUTPUT_COLUMNS, fetch_wdi, parse_wb_page, read_wdi

API = "https://api.worldbank.org/v2"
GDP_URL = f"{API}/country/KAZ;WLD/indicator/NY.GDP.MKTP.CD"


@pytest.fixture
def raw(tmp_path: Path, fixtures_dir: Path) -> Path:
    shutil.copytree(fixtures_dir / "countries" / "country-codes", tmp_path / "country-codes")
    shutil.copytree(fixtures_dir / "wdi" / "wb-wdi", tmp_path / "wb-wdi")
    return tmp_path


@pytest.fixture
def api_body(fixtures_dir: Path):
    def load(name: str):
        return json.loads((fixtures_dir / "wdi" / "api" / name).read_text(encoding="utf-8"))

    return load


def _params(page: int, per_page: int = 2, date: str = "2019:2020") -> list:
    query = {"format": "json", "date": date, "per_page": str(per_page), "page": str(page)}
    return [matchers.query_param_matcher(query)]


# --- file reader -------------------------------------------------------------------------


def test_wdi_files_become_one_long_frame_with_lower_case_codes(raw: Path) -> None:
    table = read_wdi(raw)
    frame = table.frame
    assert tuple(frame.columns) == OUTPUT_COLUMNS
    assert set(frame["indicator"]) == {"ny.gdp.mktp.cd", "ny.gdp.mktp.kd.zg", "pa.nus.fcrf"}
    kaz = frame[(frame["country"] == "KAZ") & (frame["indicator"] == "ny.gdp.mktp.kd.zg")]
    assert kaz.set_index("year")["value"].to_dict() == pytest.approx({2019: 4.5, 2020: -2.5})
    assert table.origin.source_id == "wb_wdi" and len(table.origin.files) == 3


def test_aggregates_are_flagged_but_kosovo_and_channel_islands_are_economies(raw: Path) -> None:
    frame = read_wdi(raw, ["ny.gdp.mktp.cd"]).frame
    flags = frame.drop_duplicates("country").set_index("country")["is_aggregate"].to_dict()
    assert flags == {
        "CHI": False,
        "EMU": True,
        "KAZ": False,
        "UZB": False,
        "WLD": True,
        "XKX": False,
    }


def test_years_before_first_year_and_missing_values_are_left_out(raw: Path) -> None:
    frame = read_wdi(raw, ["NY.GDP.MKTP.CD", "ny.gdp.mktp.kd.zg"], first_year=1990).frame
    assert frame["year"].min() == 2019
    assert 2021 not in set(frame["year"])  # the empty KAZ 2021 growth value is unknown, not 0
    assert len(read_wdi(raw, ["ny.gdp.mktp.cd"], first_year=1960).frame) == 9


def test_an_unknown_indicator_lists_the_available_ones(raw: Path) -> None:
    with pytest.raises(InputError, match="unknown indicator 'sp.pop.totl'; available: ny.gdp"):
        read_wdi(raw, ["sp.pop.totl"])


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Kazakhstan,KAZ,2022,lots", "non-numeric Value 'lots'"),
        ("Kazakhstan,KAZ,2019,1.0", "duplicate row for KAZ 2019"),
        ("Kazakhstan,KZ,2022,1.0", "malformed country code 'KZ'"),
        ("Kazakhstan,KAZ,20x2,1.0", "bad year '20x2'"),
    ],
)
def test_a_bad_wdi_row_raises_data_error_with_its_row(raw: Path, line: str, message: str) -> None:
    path = raw / "wb-wdi" / "indicators" / "ny.gdp.mktp.kd.zg.csv"
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=message) as caught:
        read_wdi(raw, ["ny.gdp.mktp.kd.zg"])
    assert caught.value.row == 4


def test_a_wdi_file_without_value_column_is_refused(raw: Path) -> None:
    path = raw / "wb-wdi" / "indicators" / "pa.nus.fcrf.csv"
    path.write_text("Country Name,Country Code,Year\nGermany,DEU,2019\n", encoding="utf-8")
    with pytest.raises(DataError, match="missing column"):
        read_wdi(raw, ["pa.nus.fcrf"])


@pytest.mark.rawdata
def test_real_wdi_files_hold_c5_merchandise_totals(raw_dir: Path) -> None:
    frame = read_wdi(raw_dir, ["tx.val.mrch.cd.wt", "tm.val.mrch.cd.wt"]).frame
    value = frame.set_index(["country", "indicator", "year"])["value"]
    # SOURCE.md of the KAZ BNS files: WDI merchandise exports 2022 = 84.59 bn, 2023 = 78.53 bn.
    assert value[("KAZ", "tx.val.mrch.cd.wt", 2022)] / 1e9 == pytest.approx(84.59, abs=0.01)
    assert value[("KAZ", "tx.val.mrch.cd.wt", 2023)] / 1e9 == pytest.approx(78.53, abs=0.01)
    # SOURCE.md of the KGZ NSC files: WDI 2023 exports 3,380 m, imports 12,520 m.
    assert value[("KGZ", "tm.val.mrch.cd.wt", 2023)] / 1e6 == pytest.approx(12520, abs=5)
    c5 = frame[frame["country"].isin(["KAZ", "KGZ", "TJK", "TKM", "UZB"])]
    assert c5.groupby("country")["year"].max().min() == 2025
    assert (
        not c5["is_aggregate"].any() and frame.loc[frame["country"] == "WLD", "is_aggregate"].all()
    )


# --- the online updater ------------------------------------------------------------------


@responses.activate
def test_fetch_reads_every_page_and_drops_null_values(api_body) -> None:
    responses.get(GDP_URL, json=api_body("gdp_page1.json"), match=_params(1))
    responses.get(GDP_URL, json=api_body("gdp_page2.json"), match=_params(2))
    table = fetch_wdi(
        ["ny.gdp.mktp.cd"], ["KAZ", "WLD"], 2019, 2020, per_page=2, country_codes={"KAZ", "UZB"}
    )
    frame = table.frame
    assert tuple(frame.columns) == OUTPUT_COLUMNS
    assert len(responses.calls) == 2
    got = frame.set_index(["country", "year"])["value"].to_dict()
    assert got == {
        ("KAZ", 2020): 171082365861.423,
        ("KAZ", 2019): 181667184854.501,
        ("WLD", 2020): 86388502867289.2,
    }
    assert set(frame["indicator"]) == {"ny.gdp.mktp.cd"}
    assert frame.set_index("country")["is_aggregate"].to_dict() == {"KAZ": False, "WLD": True}
    assert "World Bank API v2" in table.origin.note and GDP_URL in table.origin.note


@responses.activate
def test_fetch_without_the_country_reference_leaves_is_aggregate_unknown(api_body) -> None:
    responses.get(GDP_URL, json=api_body("gdp_page1.json"), match=_params(1))
    responses.get(GDP_URL, json=api_body("gdp_page2.json"), match=_params(2))
    frame = fetch_wdi(["ny.gdp.mktp.cd"], ["KAZ", "WLD"], 2019, 2020, per_page=2).frame
    assert frame["is_aggregate"].isna().all()


@responses.activate
def test_fetch_of_no_data_returns_an_empty_frame(api_body) -> None:
    url = f"{API}/country/TKM/indicator/LP.LPI.OVRL.XQ"
    responses.get(url, json=api_body("no_data.json"), match=_params(1, 1000, "2023:2024"))
    frame = fetch_wdi("lp.lpi.ovrl.xq", ["TKM"], 2023, 2024).frame
    assert frame.empty and tuple(frame.columns) == OUTPUT_COLUMNS


@responses.activate
def test_an_api_error_message_is_a_network_error(api_body) -> None:
    responses.get(GDP_URL, json=api_body("error_message.json"))
    with pytest.raises(NetworkError, match="120 Invalid value: The provided parameter value"):
        fetch_wdi(["ny.gdp.mktp.cd"], ["KAZ", "WLD"], 2019, 2020)


@responses.activate
@pytest.mark.parametrize("status", [404, 500, 503])
def test_an_http_error_is_a_network_error(status: int) -> None:
    responses.get(GDP_URL, status=status, body="Service unavailable")
    with pytest.raises(NetworkError, match=f"HTTP {status}"):
        fetch_wdi(["ny.gdp.mktp.cd"], ["KAZ", "WLD"], 2019, 2020)


@responses.activate
def test_a_timeout_is_a_network_error() -> None:
    responses.get(GDP_URL, body=requests.Timeout("read timed out"))
    with pytest.raises(NetworkError, match="timed out after 5 s"):
        fetch_wdi(["ny.gdp.mktp.cd"], ["KAZ", "WLD"], 2019, 2020, timeout=5)


@responses.activate
def test_a_connection_failure_is_a_network_error() -> None:
    responses.get(GDP_URL, body=requests.ConnectionError("no route to host"))
    with pytest.raises(NetworkError, match="cannot reach the World Bank API"):
        fetch_wdi(["ny.gdp.mktp.cd"], ["KAZ", "WLD"], 2019, 2020)


@responses.activate
@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("bad_value.json", "non-numeric value '171 bn'"),
        ("no_metadata.json", "expected a JSON array"),
    ],
)
def test_a_malformed_body_is_a_data_error(api_body, body: str, message: str) -> None:
    responses.get(GDP_URL, json=api_body(body))
    with pytest.raises(DataError, match=message):
        fetch_wdi(["ny.gdp.mktp.cd"], ["KAZ", "WLD"], 2019, 2020)


@responses.activate
def test_a_body_that_is_not_json_is_a_data_error() -> None:
    responses.get(GDP_URL, body="<html>maintenance</html>", content_type="text/html")
    with pytest.raises(DataError, match="not JSON"):
        fetch_wdi(["ny.gdp.mktp.cd"], ["KAZ", "WLD"], 2019, 2020)


def test_parse_wb_page_reads_paging_and_records(api_body) -> None:
    pages, records = parse_wb_page(api_body("gdp_page1.json"))
    assert pages == 2 and [r["date"] for r in records] == ["2020", "2019"]
    assert parse_wb_page(api_body("no_data.json")) == (0, [])
    with pytest.raises(DataError, match="expected \\[metadata, records\\], got 3"):
        parse_wb_page([{"page": 1, "pages": 1}, [], []])


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"indicators": [], "countries": ["KAZ"]}, "indicators"),
        ({"indicators": ["gdp"], "countries": ["KAZ"]}, "indicators"),
        ({"indicators": ["ny.gdp.mktp.cd"], "countries": []}, "countries"),
        ({"indicators": ["ny.gdp.mktp.cd"], "countries": ["Kazakhstan"]}, "countries"),
        ({"indicators": ["ny.gdp.mktp.cd"], "countries": ["KAZ"], "start_year": 2021}, "years"),
    ],
)
def test_bad_arguments_fail_before_any_request(kwargs: dict, argument: str) -> None:
    args = {"start_year": 2019, "end_year": 2020, **kwargs}
    with responses.RequestsMock(assert_all_requests_are_fired=False):
        with pytest.raises(InputError) as caught:
            fetch_wdi(**args)
    assert caught.value.argument == argument
