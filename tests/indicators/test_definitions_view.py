"""Intra-regional trade under each counting convention, on the tiny world's 2003 (by hand).

Intra flows 2003 (exporter FOB / importer CIF):
  KAZ->KGZ 10 / 11.66   KGZ->KAZ 5 / 5.30   KAZ->UZB 20 / 23.32
  UZB->KAZ 15 / -       KGZ->UZB 2 / 2.12   UZB->KGZ -  / 3.18
reconciled (FOB, mirror for UZB->KGZ) = 10 + 5 + 20 + 15 + 2 + 3 = 55
exports only = 52 (5 flows); imports CIF = 45.58 (5 flows); mirror = 45.58 / 1.06 = 43
both sides' turnovers = 52 + 45.58 = 97.58 (10 reports); S_R numerator T_RR = 2 * 55 = 110
"""

from __future__ import annotations

import math

import pytest

from regint.core.errors import InputError
from regint.indicators import compute_definitions_view
from tests.indicators.tiny_world import MEMBERS, both_sides_frame, flows_frame


def view(year: int = 2003, members=MEMBERS, cif_fob: float = 1.06):
    out = compute_definitions_view(both_sides_frame(), flows_frame(), members, year, cif_fob)
    return out.set_index("convention")


def test_each_convention_equals_hand_value():
    out = view()
    assert out["value_musd"].to_dict() == pytest.approx(
        {
            "reconciled": 55.0,
            "reported_turnover_sum": 97.58,
            "exports_only": 52.0,
            "mirror_only": 43.0,
            "imports_cif": 45.58,
            "share_numerator": 110.0,
        }
    )
    assert out["n_flows"].to_dict() == {
        "reconciled": 6,
        "reported_turnover_sum": 10,
        "exports_only": 5,
        "mirror_only": 5,
        "imports_cif": 5,
        "share_numerator": 6,
    }


def test_ratio_to_reconciled_shows_the_double_count():
    out = view()
    assert out.loc["reconciled", "ratio_to_reconciled"] == pytest.approx(1.0)
    assert out.loc["reported_turnover_sum", "ratio_to_reconciled"] == pytest.approx(97.58 / 55)
    assert out.loc["share_numerator", "ratio_to_reconciled"] == pytest.approx(2.0)


def test_cif_fob_factor_changes_only_the_mirror_row():
    out = view(cif_fob=1.10)
    assert out.loc["mirror_only", "value_musd"] == pytest.approx(45.58 / 1.10)
    assert out.loc["imports_cif", "value_musd"] == pytest.approx(45.58)


def test_every_row_describes_itself_and_the_view_its_inputs():
    out = compute_definitions_view(both_sides_frame(), flows_frame(), MEMBERS, 2003)
    assert out["description"].str.len().min() > 40
    assert out.attrs["view"] == {
        "year": 2003,
        "members": ["KAZ", "KGZ", "UZB"],
        "cif_fob": 1.06,
        "pairs_covered": "3/3",
        "missing_pairs": [],
    }


def test_view_says_which_member_pairs_have_no_known_flow():
    flows = flows_frame()
    pair = flows["exporter"].isin(["KGZ", "UZB"]) & flows["importer"].isin(["KGZ", "UZB"])
    out = compute_definitions_view(both_sides_frame(), flows[~pair], MEMBERS, 2003)
    assert out.attrs["view"]["pairs_covered"] == "2/3"
    assert out.attrs["view"]["missing_pairs"] == ["KGZ-UZB"]


def test_each_one_sided_row_says_it_covers_only_the_flows_its_side_reports():
    out = view()
    for convention in ("reported_turnover_sum", "exports_only", "mirror_only", "imports_cif"):
        assert "Covers only" in out.loc[convention, "description"], convention


def test_only_flows_between_members_of_that_year_count():
    out = view(year=2004, members={"KAZ", "KGZ"})
    # KAZ->KGZ 10 and KGZ->KAZ 5 only.
    assert out.loc["reconciled", "value_musd"] == pytest.approx(15.0)
    assert out.loc["exports_only", "value_musd"] == pytest.approx(15.0)


def test_year_without_flows_is_unknown_not_zero():
    out = view(year=1999)
    assert out["value_musd"].map(math.isnan).all()
    assert (out["n_flows"] == 0).all()
    assert out["ratio_to_reconciled"].map(math.isnan).all()


def test_bad_inputs_name_their_argument():
    with pytest.raises(InputError, match="both_sides"):
        compute_definitions_view(flows_frame(), flows_frame(), MEMBERS, 2003)
    with pytest.raises(InputError, match="^cif_fob: "):
        compute_definitions_view(both_sides_frame(), flows_frame(), MEMBERS, 2003, cif_fob=-1)


def test_imf_estimates_are_not_counted_as_a_members_report():
    both = both_sides_frame()
    both["exporter_source"] = "imf_dots"
    both["importer_source"] = "imf_dots"
    # KAZ->KGZ's export cell (10) is an IMF estimate: no longer in the exporters' reports.
    is_cell = (both["exporter"] == "KAZ") & (both["importer"] == "KGZ") & (both["year"] == 2003)
    both.loc[is_cell, "exporter_source"] = "imf_dots_estimate"
    out = compute_definitions_view(both, flows_frame(), MEMBERS, 2003).set_index("convention")
    assert out.loc["exports_only", "value_musd"] == pytest.approx(42.0)
    assert out.loc["exports_only", "n_flows"] == 4
    assert out.loc["reported_turnover_sum", "value_musd"] == pytest.approx(87.58)
    assert out.loc["reconciled", "value_musd"] == pytest.approx(55.0)
