"""The IMF IMTS updater, offline: constructed SDMX-CSV bodies served by ``responses``.

``responses`` answers only the registered URL; any other request raises, so no test can
reach the network by accident.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import requests
import responses
from responses import matchers

from regint.core.errors import DataError, InputError, NetworkError
from regint.core.vocab import SRC_IMTS
from regint.pipeline.dots import build_imts_flows
from regint.sources.imf_dots import DOTS_COLUMNS
from regint.sources.imf_imts import ACCEPT, BASE_URL, fetch_imts, imts_url, read_imts_csv

URL = f"{BASE_URL}/data/IMF.STA,IMTS/KAZ+UZB.XG_FOB_USD+MG_CIF_USD..A"
QUERY = {"startPeriod": "2021", "endPeriod": "2023"}


@pytest.fixture(scope="module")
def imts_dir(fixtures_dir: Path) -> Path:
    return fixtures_dir / "imf_imts"


@pytest.fixture
def served(imts_dir: Path):
    """A responses mock that serves one body for the KAZ+UZB 2021-2023 query."""

    def serve(name: str, status: int = 200, content_type: str = ACCEPT):
        mock.add(
            responses.GET,
            URL,
            body=(imts_dir / name).read_bytes(),
            status=status,
            content_type=content_type,
            match=[
                matchers.query_param_matcher(QUERY),
                matchers.header_matcher({"Accept": ACCEPT}),
            ],
        )

    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        yield serve


@pytest.fixture
def kaz_uzb(served):
    served("imts_kaz_uzb_2021_2023.csv")
    return fetch_imts(["KAZ", "UZB"], 2021, 2023)


def _value(frame: pd.DataFrame, reporter: str, partner: str, flow: str, year: int) -> list[float]:
    hit = frame[
        (frame["reporter"] == reporter)
        & (frame["partner"] == partner)
        & (frame["flow"] == flow)
        & (frame["year"] == year)
    ]
    return hit["value_musd"].tolist()


def test_query_names_reporters_indicators_and_annual_frequency():
    assert imts_url(["KAZ", "UZB"]) == URL
    assert imts_url(["KAZ"], "https://mirror.example/sdmx/").endswith(
        "/sdmx/data/IMF.STA,IMTS/KAZ.XG_FOB_USD+MG_CIF_USD..A"
    )


def test_fetch_returns_the_dots_shape(kaz_uzb):
    assert tuple(kaz_uzb.frame.columns) == DOTS_COLUMNS
    assert kaz_uzb.frame["year"].dtype == "int16"
    assert kaz_uzb.frame["reporter"].dtype == "string"


def test_us_dollars_become_millions_and_scale_is_not_applied(kaz_uzb):
    frame = kaz_uzb.frame
    assert _value(frame, "KAZ", "CHN", "exports_fob", 2022) == [13200.0]
    assert _value(frame, "KAZ", "CHN", "exports_fob", 2023) == [pytest.approx(15575.2500005)]
    assert _value(frame, "UZB", "KAZ", "imports_cif", 2022) == [2600.0]


def test_aggregates_and_historical_codes_are_excluded(kaz_uzb):
    codes = set(kaz_uzb.frame["reporter"]) | set(kaz_uzb.frame["partner"])
    assert not codes & {"G001", "G163", "SUN"}
    assert any("G001, G163, SUN" in note for note in kaz_uzb.notes)


def test_imf_kosovo_code_becomes_xkx(kaz_uzb):
    assert _value(kaz_uzb.frame, "KAZ", "XKX", "exports_fob", 2022) == [1.25]


def test_missing_values_are_dropped_and_zero_is_kept(kaz_uzb):
    frame = kaz_uzb.frame
    assert _value(frame, "UZB", "KAZ", "imports_cif", 2023) == []  # empty OBS_VALUE
    assert _value(frame, "UZB", "CHN", "imports_cif", 2022) == []  # NaN
    assert _value(frame, "UZB", "TKM", "imports_cif", 2022) == [0.0]


def test_years_outside_the_query_and_other_indicators_are_dropped(kaz_uzb):
    frame = kaz_uzb.frame
    assert frame["year"].between(2021, 2023).all()  # the body also holds 2020
    assert set(frame["flow"]) == {"exports_fob", "imports_cif"}  # TBG_USD is dropped
    assert len(frame) == 14


def test_observation_status_e_marks_an_estimate(kaz_uzb):
    frame = kaz_uzb.frame
    assert frame.loc[frame["is_estimate"], ["reporter", "partner", "year"]].values.tolist() == [
        ["KAZ", "CHN", 2022]
    ]


def test_origin_records_the_query_and_the_body_checksum(kaz_uzb, imts_dir):
    import hashlib

    origin = kaz_uzb.origin
    assert origin.source_id == SRC_IMTS
    (lock,) = origin.files
    assert lock.path.startswith(URL) and "startPeriod=2021" in lock.path
    body = (imts_dir / "imts_kaz_uzb_2021_2023.csv").read_bytes()
    assert lock.sha256 == hashlib.sha256(body).hexdigest()
    assert "fetched" in origin.note


def test_sdmx_csv_2_reads_like_sdmx_csv_1(imts_dir, served):
    served("imts_kaz_uzb_2022_sdmx_csv_2.csv")
    two = fetch_imts(["KAZ", "UZB"], 2021, 2023).frame
    one = read_imts_csv(imts_dir / "imts_kaz_uzb_2021_2023.csv", 2022, 2022).frame
    keys = ["reporter", "partner", "flow", "year"]
    merged = two.merge(one, on=keys, suffixes=("_2", "_1"))
    assert len(merged) == len(two) == 3
    assert (merged["value_musd_2"] == merged["value_musd_1"]).all()


def test_http_500_raises_network_error(served):
    served("error_page.html", status=500, content_type="text/html")
    with pytest.raises(NetworkError, match="HTTP 500"):
        fetch_imts(["KAZ", "UZB"], 2021, 2023)


def test_timeout_raises_network_error():
    with responses.RequestsMock() as mock:
        mock.add(responses.GET, URL, body=requests.Timeout("read timed out"))
        with pytest.raises(NetworkError, match="did not answer within 5 s"):
            fetch_imts(["KAZ", "UZB"], 2021, 2023, timeout=5)


def test_an_unregistered_url_never_reaches_the_network():
    # responses refuses every URL it was not given; the updater reports that as a NetworkError.
    with responses.RequestsMock(), pytest.raises(NetworkError, match="cannot reach"):
        fetch_imts(["KAZ"], 2021, 2023, base_url="https://api.imf.org/another/path")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("error_page.html", "not SDMX-CSV"),
        ("not_sdmx_csv.txt", "missing columns"),
        ("non_numeric_value.csv", "non-numeric OBS_VALUE 'about 9 bn'"),
    ],
)
def test_garbage_body_with_http_200_raises_data_error(served, name, words):
    served(name)
    with pytest.raises(DataError, match=words) as caught:
        fetch_imts(["KAZ", "UZB"], 2021, 2023)
    assert caught.value.path.startswith(URL)


def test_non_numeric_value_names_the_line(imts_dir):
    with pytest.raises(DataError) as caught:
        read_imts_csv(imts_dir / "non_numeric_value.csv")
    assert caught.value.row == 3


def test_conflicting_duplicate_observations_raise_data_error(imts_dir):
    with pytest.raises(DataError, match=r"year=2022 on lines \[2, 3\]"):
        read_imts_csv(imts_dir / "conflicting_values.csv")


def test_session_and_base_url_are_parameters(imts_dir):
    base = "https://mirror.example/sdmx"
    with responses.RequestsMock() as mock:
        mock.add(
            responses.GET,
            imts_url(["KAZ"], base),
            body=(imts_dir / "imts_kaz_uzb_2021_2023.csv").read_bytes(),
        )
        table = fetch_imts(["kaz"], 2022, 2022, session=requests.Session(), base_url=base)
    assert set(table.frame["year"]) == {2022}


@pytest.mark.parametrize(
    ("args", "argument"),
    [
        (([], 2021, 2023), "reporters"),
        ((["Kazakhstan"], 2021, 2023), "reporters"),
        ((["KAZ"], 2023, 2021), "start_year"),
    ],
)
def test_bad_arguments_raise_input_error_before_any_request(args, argument):
    with responses.RequestsMock(), pytest.raises(InputError) as caught:
        fetch_imts(*args)
    assert caught.value.argument == argument


def test_imts_table_becomes_directed_flows_tagged_imf_imts(kaz_uzb):
    flows = build_imts_flows(kaz_uzb, 2021, 2023)
    row = flows[
        (flows["exporter"] == "KAZ") & (flows["importer"] == "UZB") & (flows["year"] == 2022)
    ]
    assert row[["exporter_fob_musd", "importer_cif_musd"]].values.tolist() == [[2450.0, 2600.0]]
    assert set(flows["exporter_source"].dropna()) == {SRC_IMTS}
