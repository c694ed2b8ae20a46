"""Mirror reconciliation (docs/explanation/methodology.md §3, decision 0004)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regint.core.errors import InputError
from regint.pipeline.reconcile import reconcile_flows


def flows(rows):
    frame = pd.DataFrame(
        rows, columns=["exporter", "importer", "year", "exporter_fob_musd", "importer_cif_musd"]
    )
    frame["exporter_source"] = (
        frame["exporter_fob_musd"].notna().map({True: "imf_dots", False: None})
    )
    frame["importer_source"] = (
        frame["importer_cif_musd"].notna().map({True: "imf_dots", False: None})
    )
    return frame


def one(frame, basis="reconciled", cif_fob=1.06):
    out = reconcile_flows(frame, basis, cif_fob)
    return {
        (r.exporter, r.importer, r.year): (round(r.value_musd, 6), r.side) for r in out.itertuples()
    }


def test_importer_report_is_preferred_with_cif_fob_adjustment():
    assert one(flows([("KAZ", "RUS", 2010, 100.0, 212.0)])) == {
        ("KAZ", "RUS", 2010): (200.0, "mirror")
    }


def test_exporter_report_fills_a_missing_importer_report():
    assert one(flows([("KAZ", "RUS", 2010, 100.0, None)])) == {
        ("KAZ", "RUS", 2010): (100.0, "reported")
    }


def test_mirror_is_used_for_turkmenistan_even_when_it_reports():
    got = one(flows([("TKM", "KAZ", 2010, 50.0, 106.0), ("KAZ", "TKM", 2010, 30.0, None)]))
    assert got[("TKM", "KAZ", 2010)] == (100.0, "mirror")
    assert got[("KAZ", "TKM", 2010)] == (30.0, "reported")


def test_turkmen_flow_without_mirror_is_unknown_not_its_own_estimate():
    assert one(flows([("TKM", "CHN", 2010, 500.0, None)])) == {}


def test_uzbek_own_reports_are_used_from_2000_only():
    got = one(flows([("UZB", "KAZ", 1999, 40.0, None), ("UZB", "KAZ", 2000, 40.0, None)]))
    assert ("UZB", "KAZ", 1999) not in got
    assert got[("UZB", "KAZ", 2000)] == (40.0, "reported")


def test_cif_fob_factor_is_a_parameter():
    assert one(flows([("KAZ", "RUS", 2010, None, 110.0)]), cif_fob=1.10) == {
        ("KAZ", "RUS", 2010): (100.0, "mirror")
    }


def test_reported_and_mirror_bases_take_one_side_only():
    frame = flows([("KAZ", "RUS", 2010, 100.0, None), ("RUS", "KAZ", 2010, None, 53.0)])
    assert one(frame, "reported") == {("KAZ", "RUS", 2010): (100.0, "reported")}
    assert one(frame, "mirror") == {("RUS", "KAZ", 2010): (50.0, "mirror")}


@pytest.mark.parametrize(
    ("basis", "factor", "argument"), [("both", 1.06, "^basis: "), ("mirror", 0.5, "^cif_fob: ")]
)
def test_bad_options_name_the_argument(basis, factor, argument):
    with pytest.raises(InputError, match=argument):
        reconcile_flows(flows([("KAZ", "RUS", 2010, 1.0, 1.0)]), basis, factor)


values = st.one_of(st.none(), st.floats(min_value=0, max_value=1e6, allow_nan=False))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["KAZ", "UZB", "TKM", "RUS"]),
            st.sampled_from(["CHN", "USA"]),
            st.integers(1995, 2005),
            values,
            values,
        ),
        min_size=1,
        max_size=20,
        unique_by=lambda r: r[:3],
    )
)
def test_reconciled_takes_each_value_from_one_of_the_two_sides(rows):
    frame = flows(rows)
    rec = reconcile_flows(frame, "reconciled", 1.06).set_index(["exporter", "importer", "year"])
    rep = reconcile_flows(frame, "reported").set_index(["exporter", "importer", "year"])[
        "value_musd"
    ]
    mir = reconcile_flows(frame, "mirror").set_index(["exporter", "importer", "year"])["value_musd"]
    for key, row in rec.iterrows():
        source = rep if row["side"] == "reported" else mir
        assert row["value_musd"] == pytest.approx(source[key])
    # Every flow with a usable mirror is present on the reconciled basis.
    assert set(mir.index) <= set(rec.index)


def test_imf_estimates_are_a_last_resort_flagged_as_such():
    frame = flows(
        [
            ("UZB", "TKM", 2012, 40.0, None),
            ("TKM", "UZB", 2012, 50.0, None),
            ("KAZ", "UZB", 2012, 30.0, 53.0),
        ]
    )
    frame.loc[0, "exporter_source"] = "imf_dots_estimate"
    frame.loc[2, "importer_source"] = "imf_dots_estimate"
    got = one(frame)
    assert got[("UZB", "TKM", 2012)] == (40.0, "estimate")
    assert ("TKM", "UZB", 2012) not in got  # Turkmenistan's own report is never used
    assert got[("KAZ", "UZB", 2012)] == (30.0, "reported")  # an own report beats an estimate
    assert one(frame, "reported") == {
        ("TKM", "UZB", 2012): (50.0, "reported"),
        ("KAZ", "UZB", 2012): (30.0, "reported"),
    }
    assert one(frame, "mirror") == {}
