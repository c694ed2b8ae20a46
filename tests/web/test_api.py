"""The JSON API in-process: page twins, origins, downloads, errors that name the parameter."""

from __future__ import annotations

import io
import json
import math

import pandas as pd
import pyarrow.parquet as pq
import pytest

from regint.api import indicators, knowledge
from regint.web.pages import PAGES

PAGE_IDS = [p.id for p in PAGES]


@pytest.mark.parametrize("page", PAGE_IDS)
def test_every_page_has_a_json_twin_with_origins(client, page):
    response = client.get(f"/api/v1/{page}")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["page"] == page
    assert set(body["tables"]) == set(next(p for p in PAGES if p.id == page).tables)
    assert body["origins"]["sources"], "every view names its sources"
    assert all(s.get("licence") for s in body["origins"]["sources"])
    html = client.get(f"/{page}")
    assert html.status_code == 200
    assert f'src="/static/js/pages/{page}.js"' in html.text


def test_trade_twin_carries_the_figures_of_the_api_call(client):
    body = client.get("/api/v1/trade?basis=mirror&cif_fob=1.1").json()
    expected = indicators.compute("intra_regional_share", basis="mirror", cif_fob=1.1)
    got = {r["year"]: r["value"] for r in body["tables"]["region"]["rows"]}
    for row in expected.itertuples():
        if math.isnan(row.value):
            assert got[row.year] is None, row.year
        else:
            assert got[row.year] == pytest.approx(row.value), row.year
    assert body["choices"]["break_year"] == 2021  # national statistics take over after DOTS


@pytest.mark.parametrize(
    ("query", "status", "parameter"),
    [
        ("/api/v1/trade?indicator=nope", 422, "indicator"),
        ("/api/v1/trade?cif_fob=3", 422, "cif_fob"),
        ("/api/v1/trade?cif_fob=nan", 422, "cif_fob"),
        ("/api/v1/trade?basis=both", 422, "basis"),
        ("/api/v1/trade?region=atlantis", 400, "region"),
        ("/api/v1/trade?year=1950", 422, "year"),
        ("/api/v1/trade?colour=red", 422, "colour"),
        ("/api/v1/overview?year=1800", 422, "year"),
        ("/api/v1/overview?year=abc", 422, "year"),
        ("/api/v1/partners?country=RUS", 400, "country"),
        ("/api/v1/partners?country=K%27Z", 422, "country"),
        ("/api/v1/institutions?org=atlantis", 400, "org"),
        ("/api/v1/institutions?on=2999-01-01", 400, "on"),
        ("/api/v1/institutions?on=31/12/2010", 422, "on"),
        ("/api/v1/institutions?event_type=party", 400, "event_type"),
        ("/api/v1/claims?as_of=1980-01-01", 400, "as_of"),
        ("/api/v1/trade/nope.csv", 422, "table"),
    ],
)
def test_bad_input_answers_4xx_naming_the_parameter(client, query, status, parameter):
    response = client.get(query)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["parameter"] == parameter
    assert error["message"] and "Traceback" not in response.text


def test_csv_download_carries_provenance_and_the_json_rows(client):
    response = client.get("/api/v1/partners/profile.csv?country=UZB")
    assert response.status_code == 200
    text = response.text
    assert text.startswith("# regint dashboard table")
    assert "# source: " in text and "# build: regint" in text
    frame = pd.read_csv(io.StringIO(text), comment="#")
    rows = client.get("/api/v1/partners?country=UZB").json()["tables"]["profile"]["rows"]
    assert len(frame) == len(rows)
    assert set(frame["country"]) == {"UZB"}


def test_parquet_download_keeps_provenance_in_its_metadata(client):
    response = client.get("/api/v1/institutions/overlap.parquet?on=2010-07-01")
    assert response.status_code == 200
    table = pq.read_table(io.BytesIO(response.content))
    meta = json.loads(table.schema.metadata[b"regint.provenance"])
    assert meta["sources"] and meta["url"].endswith("overlap.parquet")
    frame = table.to_pandas()
    matrix = knowledge.overlap("2010-07-01").to_frame().set_index("country")
    for row in frame.itertuples():
        expected = matrix.loc[row.country, row.org]
        assert row.status == ("" if pd.isna(expected) else str(expected).strip())


def test_security_headers_forbid_outside_origins(client):
    response = client.get("/overview")
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "http" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize(
    "path",
    [
        "/static/../app.py",
        "/static/..%2Fapp.py",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/static//etc/passwd",
        "/static/js/../../app.py",
    ],
)
def test_no_request_path_reaches_the_filesystem(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/json")


def test_static_files_are_served_from_the_package(client):
    response = client.get("/static/js/dash.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    again = client.get("/static/js/dash.js", headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304


def test_openapi_lists_every_page_and_its_downloads(client):
    spec = client.get("/api/v1/openapi.json").json()
    for page in PAGE_IDS:
        assert f"/api/v1/{page}" in spec["paths"]
        assert f"/api/v1/{page}/{{table}}.csv" in spec["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and "/api/v1/trade" in docs.text


def test_unknown_path_and_method_answer_json(client):
    assert client.get("/nowhere").json()["error"]["status"] == 404
    assert client.post("/api/v1/trade").status_code == 405


def test_home_redirects_to_the_overview(client):
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"] == "/overview"


def test_a_bad_page_url_answers_an_error_page(client):
    response = client.get("/trade?basis=both")
    assert response.status_code == 422
    assert "basis" in response.text and "<script" not in response.text


def test_a_repeated_request_gets_the_same_bytes_and_headers(client):
    first = client.get("/api/v1/partners?country=TJK")
    again = client.get("/api/v1/partners?country=TJK")  # answered from the per-worker index
    assert again.status_code == 200 and again.content == first.content
    assert "default-src 'none'" in again.headers["content-security-policy"]
    assert client.get("/api/v1/partners?country=TJK&x=1").status_code == 422


def test_institutions_search_the_knowledge_base(client):
    body = client.get("/api/v1/institutions?q=Manas").json()
    hits = body["tables"]["search"]["rows"]
    assert hits == knowledge.search("Manas", limit=50).to_frame().to_dict("records")
    assert hits and all(set(h) >= {"kind", "id", "title"} for h in hits)
    blank = client.get("/api/v1/institutions?q=%20%20")
    assert blank.status_code == 400 and blank.json()["error"]["parameter"] == "q"


def test_drivers_twin_lists_every_indicator_of_the_dimension(client):
    body = client.get("/api/v1/drivers?dimension=water_energy").json()
    ids = [r["id"] for r in body["tables"]["indicators"]["rows"]]
    assert ids == list(indicators.list_indicators("water_energy")["id"])
    assert {r["indicator"] for r in body["tables"]["series"]["rows"]} == set(ids)
    assert client.get("/api/v1/drivers?dimension=trade").status_code == 422


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("/api/v1/scenarios?scenario=..%2F..%2Fetc%2Fpasswd", 422),
        ("/api/v1/scenarios?scenario=%2Ftmp%2Fx.yaml", 422),
        ("/api/v1/scenarios?scenario=no-such-scenario", 400),
        ("/api/v1/scenarios?scenario=c5-fta&cut_pct=20", 400),
        ("/api/v1/scenarios?cut_pct=0", 422),
        ("/api/v1/scenarios?cut_pct=100", 422),
    ],
)
def test_scenario_input_is_checked_before_any_run(client, query, status):
    response = client.get(query)
    assert response.status_code == status, response.text
    assert response.json()["error"]["parameter"] in ("scenario", "cut_pct")


def test_scenario_region_table_is_in_per_cent():
    from regint.web.pages.scenarios import _summary

    frame = _summary(
        {
            "intra_regional_export_share_baseline": 0.0692,
            "intra_regional_export_share_counterfactual": 0.0674,
        }
    )
    assert list(frame.columns) == ["stage", "intra_regional_export_share_pct"]
    assert list(frame["stage"]) == ["baseline", "counterfactual"]
    assert list(frame["intra_regional_export_share_pct"]) == pytest.approx([6.92, 6.74])


def test_index_twin_has_scores_with_intervals(client):
    body = client.get("/api/v1/index?year=2015").json()
    states = [r for r in body["tables"]["states"]["rows"] if r["year"] == 2015]
    assert {r["country"] for r in states} == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    assert all(r["lower"] <= r["upper"] for r in states if r["lower"] is not None)
    assert client.get("/api/v1/index?region=atlantis").json()["error"]["parameter"] == "region"
