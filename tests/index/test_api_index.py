"""The default index on a warehouse built from the committed snapshot (works on a fresh clone)."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from regint.api import index as api
from regint.cli.main import cli, main
from regint.core.errors import InputError
from regint.core.vocab import C5


@pytest.fixture(scope="module")
def warehouse(index_warehouse):
    return index_warehouse


@pytest.fixture(scope="module")
def built(warehouse):
    messages: list[str] = []
    result = api.build_index(warehouse=warehouse, progress=messages.append)
    assert messages
    return result


def test_default_c5_index_has_an_interval_on_every_score_from_1995(built):
    states = built.to_frame()
    assert set(states["country"]) == set(C5)
    assert states["year"].min() == 1995 and states["year"].max() >= 2020
    assert states[["score", "lower", "upper"]].notna().all().all()
    region = built.region_frame()
    assert region[["score", "lower", "upper"]].notna().all().all()
    assert region["year"].min() == 1995
    assert built.provenance["replications"] >= 1000


def test_every_output_carries_sources_licences_and_the_spec(built):
    for frame in (built.to_frame(), built.region_frame(), built.sensitivity_frame()):
        prov = frame.attrs["provenance"]
        assert prov["spec"]["sha256"] and "dimensions:" in prov["spec"]["text"]
        assert all(s.get("licence") for s in prov["sources"])
        assert {s["source_id"] for s in prov["sources"]} >= {"imf_dots", "wb_wdi"}


def test_weights_dimensions_and_sensitivity_are_reported(built):
    weights = built.weights_frame()
    assert weights["nominal"].sum() == pytest.approx(1.0)
    assert weights["effective"].notna().all()
    dims = built.dimensions_frame()
    assert set(dims["dimension"]) == {d.id for d in built.spec.dimensions}
    sobol = built.sensitivity_frame()
    region = sobol[sobol["target"] == "region"]
    assert {"normalisation", "weights", "aggregation"} <= set(region["factor"])
    assert (region["ST"] >= -0.05).all()


def test_cli_json_rows_have_country_year_score_lower_upper(warehouse, built):
    result = CliRunner().invoke(
        cli, ["--warehouse", str(warehouse), "index", "show", "--year", "2010", "--json"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["origins"]["spec"]["sha256"] == built.spec.sha256
    rows = payload["data"]
    assert {r["country"] for r in rows} == set(C5)
    assert all({"country", "year", "score", "lower", "upper"} <= set(r) for r in rows)


def test_cli_build_writes_parquet_with_provenance(warehouse, tmp_path):
    out = tmp_path / "index.parquet"
    result = CliRunner().invoke(
        cli,
        ["--warehouse", str(warehouse), "index", "build", "--samples", "16", "--parquet", str(out)],
    )
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert b"regint.provenance" in table.schema.metadata
    frame = table.to_pandas()
    assert set(frame["level"]) == {"country", "region"}
    assert frame[["score", "lower", "upper"]].notna().all().all()


def test_cli_sensitivity_lists_varied_and_fixed(warehouse):
    result = CliRunner().invoke(
        cli, ["--warehouse", str(warehouse), "index", "sensitivity", "--samples", "16", "--csv"]
    )
    assert result.exit_code == 0, result.output
    assert "# varied: normalisation" in result.output and "# held fixed: " in result.output


def test_bad_samples_and_bad_spec_are_refused(tmp_path, warehouse, capsys):
    with pytest.raises(InputError, match="samples"):
        api.build_index(samples=100, warehouse=warehouse)
    spec = tmp_path / "mine.yaml"
    spec.write_text(
        "dimensions:\n  - id: d\n    indicators: [{id: gdp_growth}]\n", encoding="utf-8"
    )
    with pytest.raises(SystemExit) as exit_:
        main(["--warehouse", str(warehouse), "index", "build", str(spec)])
    assert exit_.value.code == 3
    err = capsys.readouterr().err
    assert "mine.yaml" in err and "dimensions[0].indicators[0].id" in err


def test_grouping_scores_differ_by_grouping(warehouse):
    built = api.build_index(region="c5,eaeu", samples=8, warehouse=warehouse)
    frame = built.to_frame()
    kaz = frame[(frame["country"] == "KAZ") & (frame["year"] == 2016)]
    assert set(kaz["grouping"]) == {"c5", "eaeu"}
    assert isinstance(built.region_frame(), pd.DataFrame)
