"""Directed flows from IMF reporter tables: both sides on one row, with their sources."""

from __future__ import annotations

from pathlib import Path

import hypothesis.strategies as st
import pandas as pd
import pytest
from hypothesis import given, settings

from regint.core.errors import InputError
from regint.core.provenance import Origin, SourceTable
from regint.core.vocab import FLOW_COLUMNS, SRC_DOTS, SRC_IMTS
from regint.pipeline.dots import build_dots_flows, build_imts_flows
from regint.sources.imf_dots import read_dots


def _long(*rows: tuple) -> pd.DataFrame:
    """reporter, partner, flow, year, value_musd[, is_estimate] rows as a DOTS-shaped frame."""
    columns = ["reporter", "partner", "flow", "year", "value_musd", "is_estimate"]
    full = [r if len(r) == 6 else (*r, False) for r in rows]
    return pd.DataFrame(full, columns=columns)


def _row(flows: pd.DataFrame, exporter: str, importer: str, year: int) -> dict:
    hit = flows[
        (flows["exporter"] == exporter) & (flows["importer"] == importer) & (flows["year"] == year)
    ]
    assert len(hit) == 1, hit
    return hit.iloc[0].to_dict()


def test_exporter_and_importer_reports_meet_on_one_row():
    frame = _long(
        ("KAZ", "UZB", "exports_fob", 2019, 22.0), ("UZB", "KAZ", "imports_cif", 2019, 23.0)
    )
    row = _row(build_dots_flows(frame), "KAZ", "UZB", 2019)
    assert (row["exporter_fob_musd"], row["importer_cif_musd"]) == (22.0, 23.0)
    assert (row["exporter_source"], row["importer_source"]) == (SRC_DOTS, SRC_DOTS)


def test_imports_are_the_importers_report_of_the_exporter():
    # UZB reports imports from KAZ: that is the flow KAZ -> UZB, not UZB -> KAZ.
    frame = _long(("UZB", "KAZ", "imports_cif", 2019, 23.0))
    flows = build_dots_flows(frame)
    assert flows[["exporter", "importer"]].values.tolist() == [["KAZ", "UZB"]]


def test_one_sided_flows_are_kept_with_a_null_source():
    frame = _long(
        ("KAZ", "CHN", "exports_fob", 2019, 78.0), ("UZB", "CHN", "imports_cif", 2019, 5.0)
    )
    flows = build_dots_flows(frame)
    kaz = _row(flows, "KAZ", "CHN", 2019)
    assert pd.isna(kaz["importer_cif_musd"]) and pd.isna(kaz["importer_source"])
    chn = _row(flows, "CHN", "UZB", 2019)
    assert pd.isna(chn["exporter_fob_musd"]) and pd.isna(chn["exporter_source"])
    assert chn["importer_source"] == SRC_DOTS


def test_self_pairs_are_dropped():
    frame = _long(
        ("ANT", "ANT", "exports_fob", 2019, 1.0), ("KAZ", "UZB", "exports_fob", 2019, 2.0)
    )
    assert build_dots_flows(frame)["exporter"].tolist() == ["KAZ"]


def test_years_outside_the_window_are_dropped():
    frame = _long(*[("KAZ", "UZB", "exports_fob", y, 1.0) for y in (1991, 1992, 2020, 2021)])
    assert build_dots_flows(frame)["year"].tolist() == [1992, 2020]
    assert build_dots_flows(frame, 2020, 2021)["year"].tolist() == [2020, 2021]


def test_imf_estimates_are_left_out_unless_asked_for():
    frame = _long(
        ("TKM", "KAZ", "exports_fob", 2019, 9.0, True), ("KAZ", "TKM", "imports_cif", 2019, 8.0)
    )
    dropped = _row(build_dots_flows(frame), "TKM", "KAZ", 2019)
    assert pd.isna(dropped["exporter_fob_musd"]) and dropped["importer_cif_musd"] == 8.0
    kept = _row(build_dots_flows(frame, estimates="keep"), "TKM", "KAZ", 2019)
    assert kept["exporter_fob_musd"] == 9.0


def test_a_zero_is_a_value_with_a_source():
    row = _row(
        build_dots_flows(_long(("KGZ", "KAZ", "exports_fob", 2020, 0.0))), "KGZ", "KAZ", 2020
    )
    assert row["exporter_fob_musd"] == 0.0 and row["exporter_source"] == SRC_DOTS


def test_schema_dtypes_and_order():
    frame = _long(
        ("UZB", "KAZ", "exports_fob", 2019, 1.0),
        ("KAZ", "UZB", "exports_fob", 2020, 2.0),
        ("KAZ", "UZB", "exports_fob", 2019, 3.0),
    )
    flows = build_dots_flows(frame)
    assert tuple(flows.columns) == FLOW_COLUMNS
    assert flows[["exporter", "year"]].values.tolist() == [
        ["KAZ", 2019],
        ["KAZ", 2020],
        ["UZB", 2019],
    ]
    dtypes = {c: str(t) for c, t in flows.dtypes.items()}
    assert dtypes == {
        "exporter": "string",
        "importer": "string",
        "year": "int16",
        "exporter_fob_musd": "float64",
        "importer_cif_musd": "float64",
        "exporter_source": "string",
        "importer_source": "string",
    }


def test_empty_input_gives_an_empty_table_with_the_schema():
    flows = build_dots_flows(_long())
    assert flows.empty and tuple(flows.columns) == FLOW_COLUMNS


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"first_year": 2021, "last_year": 2020}, "first_year"),
        ({"estimates": "average"}, "estimates"),
    ],
)
def test_bad_options_raise_input_error(kwargs, argument):
    with pytest.raises(InputError) as caught:
        build_dots_flows(_long(("KAZ", "UZB", "exports_fob", 2019, 1.0)), **kwargs)
    assert caught.value.argument == argument


def test_bad_estimates_option_lists_the_allowed_values():
    with pytest.raises(InputError, match=r"\['drop', 'keep', 'flag'\]"):
        build_dots_flows(_long(), estimates="average")


def test_unknown_flow_and_duplicates_raise_input_error():
    with pytest.raises(InputError, match="unknown flow"):
        build_dots_flows(_long(("KAZ", "UZB", "reexports", 2019, 1.0)))
    twice = _long(
        ("KAZ", "UZB", "exports_fob", 2019, 1.0), ("KAZ", "UZB", "exports_fob", 2019, 2.0)
    )
    with pytest.raises(InputError, match="more than one value"):
        build_dots_flows(twice)
    with pytest.raises(InputError, match="missing columns"):
        build_dots_flows(pd.DataFrame({"reporter": ["KAZ"]}))


def test_imts_flows_carry_the_imts_source_and_reach_past_2020():
    frame = _long(
        ("KAZ", "UZB", "exports_fob", 2023, 3.0), ("UZB", "KAZ", "imports_cif", 2023, 3.5)
    )
    origin = Origin(SRC_IMTS, "IMF", "IMTS", "IMF terms")
    row = _row(
        build_imts_flows(SourceTable(frame.drop(columns="is_estimate"), origin)), "KAZ", "UZB", 2023
    )
    assert (row["exporter_source"], row["importer_source"]) == (SRC_IMTS, SRC_IMTS)


def test_fixture_workbooks_become_flows(fixtures_dir: Path):
    table = read_dots(fixtures_dir / "imf_dots" / "tree")
    flows = build_dots_flows(table.frame, 2018, 2020)
    row = _row(flows, "KAZ", "UZB", 2019)
    assert (row["exporter_fob_musd"], row["importer_cif_musd"]) == (22.0, 23.0)
    assert pd.isna(_row(flows, "UZB", "KAZ", 2019)["exporter_fob_musd"])  # empty cell in the sheet


CODES = st.sampled_from(["KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS"])
ROWS = st.lists(
    st.tuples(
        CODES,
        CODES,
        st.sampled_from(["exports_fob", "imports_cif"]),
        st.integers(1990, 2022),
        st.floats(0, 1e6, allow_nan=False),
    ),
    max_size=30,
    unique_by=lambda r: r[:4],
)


@settings(max_examples=60, deadline=None)
@given(ROWS)
def test_every_value_in_the_window_lands_once_in_its_place(rows):
    frame = _long(*rows)
    flows = build_dots_flows(frame).set_index(["exporter", "importer", "year"])
    expected = 0
    for reporter, partner, flow, year, value in rows:
        if reporter == partner or not 1992 <= year <= 2020:
            continue
        expected += 1
        if flow == "exports_fob":
            assert flows.loc[(reporter, partner, year), "exporter_fob_musd"] == value
        else:
            assert flows.loc[(partner, reporter, year), "importer_cif_musd"] == value
    assert int(flows[["exporter_fob_musd", "importer_cif_musd"]].notna().sum().sum()) == expected
    assert flows.index.is_unique


@pytest.mark.rawdata
def test_real_dots_flows_hold_the_source_spot_checks(raw_dir: Path):
    flows = build_dots_flows(read_dots(raw_dir).frame)
    assert round(_row(flows, "KAZ", "CHN", 2019)["exporter_fob_musd"]) == 7823
    assert round(_row(flows, "RUS", "KAZ", 2019)["importer_cif_musd"]) == 14065
    assert (flows["year"].min(), flows["year"].max()) == (1992, 2020)
    assert not (flows["exporter"] == flows["importer"]).any()


def test_flagged_estimates_keep_their_value_under_an_estimate_source():
    frame = _long(
        ("TKM", "UZB", "exports_fob", 2012, 50.0), ("UZB", "TKM", "imports_cif", 2012, 40.0)
    )
    frame["is_estimate"] = [True, False]
    flows = build_dots_flows(frame, estimates="flag").iloc[0]
    assert flows["exporter_fob_musd"] == 50.0 and flows["exporter_source"] == "imf_dots_estimate"
    assert flows["importer_cif_musd"] == 40.0 and flows["importer_source"] == "imf_dots"


def test_turkmen_rows_filled_from_partners_are_flagged_as_estimates():
    frame = _long(
        ("KAZ", "TKM", "exports_fob", 2018, 100.0),
        ("TKM", "KAZ", "imports_cif", 2018, 106.0),  # the IMF's fill: KAZ's exports x 1.06
        ("TKM", "UZB", "exports_fob", 2018, 50.0),
        ("UZB", "TKM", "imports_cif", 2018, 60.0),  # a genuine second observation
        ("KAZ", "UZB", "exports_fob", 2018, 10.0),
        ("UZB", "KAZ", "imports_cif", 2018, 10.6),  # equal by chance, but neither side is TKM
    )
    flows = build_dots_flows(frame, estimates="flag")
    assert _row(flows, "KAZ", "TKM", 2018)["importer_source"] == "imf_dots_estimate"
    assert _row(flows, "KAZ", "TKM", 2018)["exporter_source"] == "imf_dots"
    assert _row(flows, "TKM", "UZB", 2018)["exporter_source"] == "imf_dots"
    assert _row(flows, "KAZ", "UZB", 2018)["importer_source"] == "imf_dots"
