"""``regint claims`` through the Python API and the CLI, on a warehouse built from the committed snapshot."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from regint.api import claims as api
from regint.claims import VERDICTS
from regint.cli.main import cli, main
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


def test_uzbek_opening_on_the_eaeu_is_not_applicable_not_contradicted(warehouse):
    # QA #6: it was contradicted from summits_resume = 0, although UZB is not an EAEU member.
    result = api.check_claims("eaeu", claims="uzbek_opening", warehouse=warehouse)
    claim = result.get("uzbek_opening")
    assert claim.verdict == "insufficient_data"
    for test in claim.tests:
        assert test.baseline.note.startswith("not applicable to region Eurasian Economic Union")


def test_coordination_on_kaz_and_uzb_is_not_applicable_not_contradicted(warehouse):
    # QA #6: the C5 Consultative Meetings counted as "with outsiders" for the pair KAZ, UZB.
    result = api.check_claims(
        countries="KAZ,UZB", claims="coordination_over_ladder", warehouse=warehouse
    )
    claim = result.get("coordination_over_ladder")
    assert claim.verdict == "insufficient_data"
    assert all("not applicable to region KAZ, UZB" in t.baseline.note for t in claim.tests)
    tests = result.tests_frame()
    assert tests["note"].str.startswith("not applicable").all()


def test_the_ci_rule_text_reaches_the_api_and_the_cli(check):
    tests = check.tests_frame().set_index("test")
    assert "mixed (inconclusive)" in tests.loc["gap_widens_since_2005", "rule"]
    gap = check.get("bandwagoning").tests[0]
    # -0.23 [-0.70, 0.24] straddles 0: inconclusive, not contradicted (QA #7).
    assert gap.baseline.lo < 0 < gap.baseline.hi
    assert gap.baseline_verdict == "mixed"


def test_cli_lists_claims_as_csv_and_parquet(tmp_path):
    import pyarrow.parquet as pq

    runner = CliRunner()
    listed = runner.invoke(cli, ["claims", "list", "--tests", "--csv"])
    assert listed.exit_code == 0, listed.output
    lines = [x for x in listed.stdout.splitlines() if x and not x.startswith("#")]
    assert lines[0].split(",")[:3] == ["claim", "test", "metric"]
    assert "applies_to" in lines[0] and any("summits_resume" in x for x in lines)
    out = tmp_path / "claims.parquet"
    written = runner.invoke(cli, ["claims", "list", "--parquet", str(out)])
    assert written.exit_code == 0, written.output
    table = pq.read_table(out)
    assert table.num_rows == len(api.list_claims().claim_set.claims)
    assert b"regint.provenance" in table.schema.metadata


def test_cli_checks_claims_as_csv_and_parquet(warehouse, tmp_path):
    import pyarrow.parquet as pq

    runner = CliRunner()
    base = ["--warehouse", str(warehouse), "claims", "check", "--claim", "trade_basis"]
    as_csv = runner.invoke(cli, [*base, "--csv"])
    assert as_csv.exit_code == 0, as_csv.output
    rows = [x for x in as_csv.stdout.splitlines() if x and not x.startswith("#")]
    assert rows[0].startswith("id,conclusion,title,verdict") and len(rows) == 2
    assert "[green]" not in as_csv.output  # no terminal markup in data
    out = tmp_path / "tests.parquet"
    written = runner.invoke(cli, [*base, "--tests", "--parquet", str(out)])
    assert written.exit_code == 0, written.output
    frame = pq.read_table(out).to_pandas()
    assert list(frame["test"]) == [
        "regional_trade_bias",
        "common_market_distant",
        "raw_material_pooling",
    ]


def test_cli_refuses_an_unwritable_parquet_path_before_checking(
    warehouse, tmp_path, monkeypatch, capsys
):
    def never(*args, **kwargs):
        raise AssertionError("claims were checked before the output path")

    monkeypatch.setattr(api, "check_claims", never)
    (tmp_path / "afile").write_text("x")
    target = tmp_path / "afile" / "x.parquet"
    with pytest.raises(SystemExit) as caught:
        main(["--warehouse", str(warehouse), "claims", "check", "--parquet", str(target)])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "--parquet: cannot write" in err and "is not a folder" in err


def test_cli_table_shows_verdicts_as_plain_words(warehouse):
    result = CliRunner().invoke(
        cli, ["--warehouse", str(warehouse), "claims", "check", "--claim", "trade_basis"]
    )
    assert result.exit_code == 0, result.output
    assert "supported" in result.stdout and "[green]" not in result.stdout


# --- QA pass 2 ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("as_of", "match"),
    [
        ("1900-01-01", "1900-01-01 is before 1991-12-08"),
        ("1991-12-07", "is before 1991-12-08"),
        ("2099-01-01", "2099-01-01 is in the future"),
        (dt.date.today() + dt.timedelta(days=1), "is in the future"),
        ("yesterday", "bad date 'yesterday'"),
    ],
)
def test_impossible_as_of_dates_are_refused(as_of, match):
    # QA #6: --as-of 1900-01-01 gave substantive verdicts; 2099-01-01 was accepted.
    with pytest.raises(InputError, match=match) as caught:
        api.check_as_of(as_of)
    assert caught.value.parameter == "as_of"


def test_as_of_between_independence_and_today_is_accepted():
    assert api.check_as_of("1991-12-08") == dt.date(1991, 12, 8)
    assert api.check_as_of(dt.datetime(2016, 1, 1, 12)) == dt.date(2016, 1, 1)
    assert api.check_as_of(dt.date.today()) == dt.date.today()
    assert api.check_as_of(None) is None


def test_cli_refuses_an_impossible_as_of_before_checking(warehouse, monkeypatch, capsys):
    monkeypatch.setattr(api, "open_warehouse", None)  # must not be reached
    with pytest.raises(SystemExit) as caught:
        main(["--warehouse", str(warehouse), "claims", "check", "--as-of", "1900-01-01"])
    assert caught.value.code == 2
    assert "--as-of: 1900-01-01 is before 1991-12-08" in capsys.readouterr().err


def test_cli_tables_show_words_not_machine_values(warehouse):
    # QA #12: "<NA>" in the conclusion column and "insufficient_data" in the verdict column.
    runner = CliRunner()
    listed = runner.invoke(cli, ["claims", "list"])
    assert listed.exit_code == 0 and "<NA>" not in listed.stdout
    base = ["--warehouse", str(warehouse), "claims", "check", "--countries", "KAZ,UZB"]
    table = runner.invoke(cli, [*base, "--claim", "sovereignty_cap,uzbek_opening"])
    assert table.exit_code == 0, table.output
    assert "<NA>" not in table.stdout and "insufficient_data" not in table.stdout
    assert "insufficient data" in table.stdout
    tests = runner.invoke(cli, [*base, "--claim", "sovereignty_cap", "--tests"])
    assert "insufficient_data" not in tests.stdout and "insufficient data" in tests.stdout
    as_json = json.loads(runner.invoke(cli, [*base, "--claim", "sovereignty_cap", "--json"]).stdout)
    assert as_json["claims"][0]["verdict"] == "insufficient_data"  # the machine value stays


def test_outside_power_claims_on_a_region_with_russia_are_not_applicable(warehouse):
    # QA #5: on RUS, BLR "the C5 states lean on external partners" was supported, with Russia
    # as an external centre; single_power_dominance ("3 of 5 states") ran on 2 states.
    result = api.check_claims(
        countries="RUS,BLR", claims="lean_on_external,bandwagoning", warehouse=warehouse
    )
    for claim in result.results:
        assert claim.verdict == "insufficient_data", claim.summary
        assert all(not t.is_applicable for t in claim.tests)
        assert "C5" not in claim.claim.title
    notes = result.tests_frame().set_index("test")["note"]
    assert "treats RUS as an outside power" in notes["external_outweighs_region"]
    assert "treats RUS as an outside power" in notes["single_power_dominance"]
