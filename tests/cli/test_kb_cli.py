"""``regint kb …`` through click's CliRunner, through cli.main, and as the real entry point."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from regint.cli.kb import group
from regint.core.errors import InputError


def run(*args: str):
    return CliRunner().invoke(group, list(args), catch_exceptions=True)


def test_members_as_json_with_origins() -> None:
    result = run("members", "eaeu", "--on", "2016-01-01", "--full-only", "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert sorted(row["country"] for row in payload["data"]) == ["ARM", "BLR", "KAZ", "KGZ", "RUS"]
    assert payload["origins"]["evidence"]
    assert payload["origins"]["sources"][0]["source_id"] == "seed_facts"


def test_status_distinguishes_suspension() -> None:
    result = run("status", "UZB", "cst_csto", "--on", "2013-06-01", "--json")
    assert json.loads(result.stdout)["data"][0]["status"] == "suspended"
    table = run("status", "UZB", "csto", "--on", "2013-06-01")
    assert "UZB in cst_csto on 2013-06-01: suspended" in table.stdout


def test_memberships_full_only_as_csv_with_provenance_comments() -> None:
    result = run("memberships", "UZB", "--on", "2007-06-30", "--full-only", "--csv")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("# source:")
    body = [line for line in lines if not line.startswith("#")]
    assert body[0].startswith("org,name,type,status")
    assert sorted(line.split(",")[0] for line in body[1:]) == [
        "carec",
        "cis",
        "cst_csto",
        "eco",
        "eurasec",
        "icwc",
        "ifas",
        "osce",
        "sco",
    ]


def test_uncertain_answers_say_so_in_the_table() -> None:
    result = run("members", "eurasec", "--on", "2001-05-15")
    assert result.exit_code == 0
    assert "falls inside an uncertain window" in result.stdout


SUMMITS_2018_2025 = ("events", "--from", "2018-01-01", "--to", "2025-12-31", "--type", "summit")


def summits_2018_2025(*filters: str) -> list[dict]:
    """The JSON rows of ``kb events`` for the summits of 2018-2025, narrowed by ``filters``."""
    return json.loads(run(*SUMMITS_2018_2025, *filters, "--json").stdout)["data"]


def test_consultative_summits_are_listed_with_hosts() -> None:
    rows = summits_2018_2025("--org", "c5_consultative")
    assert [(r["date"], r["host"]) for r in rows] == [
        ("2018-03-15", "KAZ"),
        ("2019-11-29", "UZB"),
        ("2021-08-06", "TKM"),
        ("2022-07-21", "KGZ"),
        ("2023-09-14", "TJK"),
        ("2024-08-09", "KAZ"),
        ("2025-11-16", "UZB"),
    ]


def test_events_filtered_by_country() -> None:
    rows = summits_2018_2025("--country", "KGZ")
    assert rows and all("KGZ" in r["countries"] or r["host"] == "KGZ" for r in rows)


def test_signatories_of_the_2022_treaty() -> None:
    rows = json.loads(run("signatories", "ca_friendship_treaty_2022", "--json").stdout)["data"]
    assert [(r["country"], r["date"]) for r in rows if r["act"] == "signed"] == [
        ("KAZ", "2022-07-21"),
        ("KGZ", "2022-07-21"),
        ("UZB", "2022-07-21"),
        ("TJK", "2025-08-28"),
    ]


@pytest.mark.parametrize(
    "args",
    [
        ("timeline", "caco"),
        ("overlap", "--on", "2020-01-01"),
        ("overlap", "--on", "2020-01-01", "--countries", "KAZ,UZB,RUS", "--full-only"),
        ("shared", "KAZ", "UZB", "--on", "2020-01-01", "--evidence"),
        ("orgs",),
        ("agreements",),
        ("agreements", "--country", "TKM"),
        ("crosscheck", "--disagreements-only"),
        ("crosscheck", "--source", "desta"),
    ],
)
def test_every_listing_renders_as_a_table(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert "source:" in result.stdout


def test_timeline_json_is_in_date_order() -> None:
    rows = json.loads(run("timeline", "caco", "--json").stdout)["data"]
    assert rows[0]["what"] == "founded" and rows[-1]["what"] == "dissolved"


def test_check_passes_on_the_committed_knowledge_base() -> None:
    result = run("check")
    assert result.exit_code == 0
    assert "knowledge base OK: 34 organisations, 184 membership spells" in result.stdout


def test_check_fails_and_names_file_and_record(tmp_path: Path, fixtures_dir: Path) -> None:
    folder = tmp_path / "kb"
    shutil.copytree(fixtures_dir / "knowledge" / "kb", folder)
    path = folder / "memberships.yaml"
    path.write_text(path.read_text().replace('to: "2008-10-20"', 'to: "2009-06-01"'))
    result = run("check", "--path", str(folder))
    assert result.exit_code == 3
    assert "memberships.yaml, record alpha.UZB.2008-10-20" in result.stdout
    assert "overlaps spell 'alpha.UZB.1998'" in result.stdout


def test_unknown_ids_raise_input_errors() -> None:
    result = run("members", "nato", "--on", "2016-01-01")
    assert isinstance(result.exception, InputError)
    assert "known ids:" in str(result.exception)
    assert isinstance(run("events", "--type", "party").exception, InputError)


def test_main_prints_the_message_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    from regint.cli.main import main

    with pytest.raises(SystemExit) as caught:
        main(["kb", "status", "UZB", "nato", "--on", "2013-06-01"])
    assert caught.value.code == 2
    assert "unknown organisation 'nato'" in capsys.readouterr().err


def test_real_entry_point_answers_and_fails_cleanly() -> None:
    exe = Path(sys.executable).with_name("regint")
    if not exe.exists():
        pytest.skip("the regint entry point is not installed next to this Python")
    ok = subprocess.run(
        [str(exe), "kb", "status", "UZB", "cst_csto", "--on", "2013-06-01", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["data"][0]["status"] == "suspended"
    bad = subprocess.run(
        [str(exe), "kb", "members", "eaeu", "--on", "2016-13-01"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert bad.returncode == 2
    assert "bad date '2016-13-01'" in bad.stderr
    assert "Traceback" not in bad.stderr


@pytest.mark.parametrize(
    ("args", "prefix"),
    [
        (("shared", "KAZ", "ZZZ", "--on", "2016-01-01"), "B: unknown country code 'ZZZ'"),
        (("shared", "ZZZ", "KAZ", "--on", "2016-01-01"), "A: unknown country code 'ZZZ'"),
        (("status", "ZZZ", "eaeu", "--on", "2016-01-01"), "COUNTRY: unknown country code"),
        (("status", "KAZ", "nato", "--on", "2016-01-01"), "ORG: unknown organisation 'nato'"),
        (("members", "nato", "--on", "2016-01-01"), "ORG: unknown organisation"),
        (("timeline", "nato"), "ORG: unknown organisation"),
        (("memberships", "ZZZ", "--on", "2016-01-01"), "COUNTRY: unknown country code"),
        (("signatories", "no_treaty"), "AGREEMENT: unknown agreement 'no_treaty'"),
    ],
)
def test_errors_name_positional_arguments_as_the_help_does(args, prefix, capsys) -> None:
    # QA #13: "error: b: unknown country code 'ZZZ'" while the help says A and B.
    from regint.cli.main import main

    result = run(*args)
    assert isinstance(result.exception, InputError)  # the api names the Python parameter...
    assert result.exception.parameter == prefix.split(":")[0].lower()
    with pytest.raises(SystemExit) as caught:  # ...and the CLI translates it, in one place
        main(["kb", *args])
    assert caught.value.code == 2
    assert f"error: {prefix}" in capsys.readouterr().err
    usage = run(args[0], "--help").stdout
    assert f" {prefix.split(':')[0]}" in usage.splitlines()[0]


def test_search_prints_kind_and_id_and_show_prints_the_record() -> None:
    result = run("search", "Kempir")
    assert result.exit_code == 0, result.output
    assert "kgz_uzb_border_2022" in result.stdout
    shown = run("show", "kgz_uzb_border_2022")
    assert shown.exit_code == 0, shown.output
    for text in ("details", "depositary", "terminated", "evidence:", "events ("):
        assert text in shown.stdout


def test_show_json_has_record_links_and_origins() -> None:
    payload = json.loads(run("show", "ev_20220106_status_change", "--json").stdout)
    assert payload["record"]["orgs"] == ["cst_csto"]
    assert payload["links"]["orgs"][0]["id"] == "cst_csto"
    assert payload["origins"]["sources"]


def test_events_org_alias_and_unknown_org() -> None:
    ids = {r["id"] for r in json.loads(run("events", "--org", "csto", "--json").stdout)["data"]}
    assert "ev_20121219_suspension" in ids
    bad = run("events", "--org", "nato")
    assert bad.exit_code != 0


@pytest.mark.parametrize(
    ("flag", "parameter"),
    [("--org", "org"), ("--country", "country"), ("--type", "type"), ("--from", "start"),
     ("--to", "end")],
)  # fmt: skip
def test_an_empty_events_filter_is_refused_not_ignored(flag: str, parameter: str) -> None:
    result = run("events", flag, "")
    assert isinstance(result.exception, InputError), result.output
    assert result.exception.parameter == parameter


def test_events_json_has_every_documented_field() -> None:
    row = json.loads(run("events", "--org", "c5_consultative", "--json").stdout)["data"][0]
    for name in ("id", "org", "number", "chair", "guests", "outcomes"):
        assert name in row
