"""``regint claims`` through the Python API and the CLI, on a warehouse built from the committed snapshot."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from regint.api import claims as api
from regint.claims import VERDICTS
from regint.cli.main import cli
from regint.core.errors import InputError


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    return tmp_path_factory.mktemp("claims") / "wh.duckdb"


@pytest.fixture(scope="module")
def check(warehouse):
    return api.check_claims("c5", warehouse=warehouse)


def test_list_claims_gives_claims_and_tests_with_provenance():
    listing = api.list_claims()
    frame = listing.to_frame()
    assert list(frame.columns) == ["id", "conclusion", "kind", "title", "tests"]
    assert frame.attrs["provenance"]["claims_spec"]["sha256"]
    assert len(listing.tests_frame()) == sum(len(c.tests) for c in listing.claim_set.claims)


def test_check_gives_every_claim_a_verdict_with_its_numbers(check):
    frame = check.to_frame()
    assert set(frame["verdict"]) <= set(VERDICTS)
    assert len(frame) == len(api.list_claims().claim_set.claims)
    tests = check.tests_frame()
    judged = tests[tests["verdict"].notna() & (tests["verdict"] != "insufficient_data")]
    assert judged["value"].notna().all()


def test_check_reruns_on_bases_factors_and_region_variants(check):
    dims = {s.dimension for s in check.scenarios}
    assert dims == {"baseline", "basis", "cif_fob", "region"}
    break_test = next(
        t for t in check.get("uzbek_opening").tests if t.test.id == "break_in_intra_share"
    )
    labels = {v.label for v in break_test.variants}
    assert {
        "reported basis",
        "mirror basis",
        "CIF/FOB 1.10",
        "C5 without Turkmenistan",
        "break in 2016",
    } <= labels


def test_check_result_is_json_with_origins(check):
    payload = json.loads(json.dumps(check.to_dict(), default=str))
    assert payload["origins"]["region"]["members"] == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    assert any(s["source_id"] == "imf_dots" for s in payload["origins"]["sources"])
    assert payload["claims"][0]["tests"][0]["robustness"] is not None


def test_unknown_claim_id_is_an_input_error(warehouse):
    with pytest.raises(InputError, match="unknown claim"):
        api.check_claims(claims="no_such_claim", warehouse=warehouse)


def test_cli_lists_and_checks_claims(warehouse):
    runner = CliRunner()
    listed = runner.invoke(cli, ["claims", "list", "--json"])
    assert listed.exit_code == 0 and json.loads(listed.output)["claims"]
    checked = runner.invoke(
        cli, ["--warehouse", str(warehouse), "claims", "check", "--claim", "key_actors", "--json"]
    )
    assert checked.exit_code == 0, checked.output
    payload = json.loads(checked.output)
    assert [c["id"] for c in payload["claims"]] == ["key_actors"]
    table = runner.invoke(
        cli, ["--warehouse", str(warehouse), "claims", "check", "--claim", "trade_basis", "--tests"]
    )
    assert table.exit_code == 0 and "raw_material_pooling" in table.output
