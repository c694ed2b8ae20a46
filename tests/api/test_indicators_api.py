"""regint.api.indicators on the tiny warehouse (tests/tiny.py): coverage, masking, bad selections.

Among KAZ, UZB, TKM in 1999 the known flows are KAZ->UZB, UZB->KAZ and TKM->KAZ (all mirrors
on the reconciled basis): pairs KAZ-UZB and KAZ-TKM are covered, TKM-UZB is not (2 of 3).
In 2021 KAZ-UZB trade is 200 + 90 = 290 against WDI totals of 1000 (KAZ) and 500 (UZB).
"""

from __future__ import annotations

import math

import pytest

from regint.api import indicators as api
from regint.core.errors import InputError
from regint.core.regions import Region
from regint.indicators import INDICATORS
from tests.tiny import write_tiny_snapshot

C3 = "KAZ,UZB,TKM"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    root = tmp_path_factory.mktemp("tiny")
    snapshot = write_tiny_snapshot(root / "snapshot")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REGINT_SNAPSHOT", str(snapshot))
        yield root / "wh.duckdb"


def rows(frame, **where):
    for column, value in where.items():
        frame = frame[frame[column] == value]
    assert len(frame) == 1, where
    return frame.iloc[0]


def test_country_level_coverage_is_per_member_year(warehouse):
    out = api.compute(
        "intra_regional_share", countries=C3, years="1999", level="country", warehouse=warehouse
    )
    kaz, uzb, tkm = (rows(out, country=c) for c in ("KAZ", "UZB", "TKM"))
    assert (kaz["pairs_covered"], kaz["sides"]) == ("2/2", "mirror 3")
    assert (uzb["pairs_covered"], uzb["sides"]) == ("1/2", "mirror 2")
    assert (tkm["pairs_covered"], tkm["sides"]) == ("1/2", "mirror 1")
    assert kaz["totals_source"] == "imf_dots" and kaz["flow_sources"] == "imf_dots"
    assert list(out.columns).count("pairs_share") == 1


def test_country_values_on_too_few_pairs_are_nan_with_a_note(warehouse):
    out = api.compute(
        "intra_regional_share", countries=C3, years="1999", level="country", warehouse=warehouse
    )
    assert rows(out, country="KAZ")["value"] > 0
    assert math.isnan(rows(out, country="UZB")["value"])
    notes = out.attrs["provenance"]["notes"]
    assert any("TKM 1999; UZB 1999" in n and "70%" in n for n in notes), notes


def test_region_value_on_two_of_three_pairs_is_nan_and_the_row_stays(warehouse):
    out = api.compute("intra_regional_share", countries=C3, years="1999-2000", warehouse=warehouse)
    assert out["year"].tolist() == [1999, 2000]
    assert out["value"].isna().all()
    assert out["pairs_covered"].tolist() == ["2/3", "1/3"]
    assert out["pairs_share"].tolist() == pytest.approx([2 / 3, 1 / 3])
    assert "value is NaN in 1999-2000" in out.attrs["provenance"]["notes"][0]
    assert "pairs_share" in out.attrs["provenance"]["masking"]


def test_profile_on_low_partner_coverage_is_nan(warehouse):
    out = api.compute("partner_profile", countries="KAZ,UZB", years="2021", warehouse=warehouse)
    kaz, uzb = out[out["country"] == "KAZ"], out[out["country"] == "UZB"]
    assert kaz["coverage"].iloc[0] == pytest.approx(0.29) and kaz["value"].isna().all()
    assert uzb["coverage"].iloc[0] == pytest.approx(0.58)
    assert uzb.set_index("group").loc["REGION", "value"] == pytest.approx(1.0)
    notes = out.attrs["provenance"]["notes"]
    assert notes == [n for n in notes if "KAZ 2021" in n and "coverage" in n] and notes


def test_years_without_members_are_left_out_with_a_note(warehouse):
    region = Region.yearly("tv", "KAZ and UZB from 2000", {2000: {"KAZ", "UZB"}})
    out = api.compute("intra_regional_share", region=region, years="1999-2000", warehouse=warehouse)
    assert out["year"].tolist() == [2000]
    assert "years with no members of tv are left out: 1999" in out.attrs["provenance"]["notes"]
    with pytest.raises(InputError, match="^region: tv had no members in 1999"):
        api.compute("intra_regional_share", region=region, years="1999", warehouse=warehouse)


def test_code_without_trade_flows_is_refused(warehouse):
    # KGZ is in the tiny reference table but has no flow, as SUN in the real one.
    with pytest.raises(InputError, match="countries: 'KGZ' is not a country in the trade data"):
        api.compute("intra_regional_share", countries="KGZ,UZB", warehouse=warehouse)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"countries": ""}, "countries: no country codes given"),
        ({"countries": "KAZ"}, "countries: intra_regional_share needs at least two countries"),
        ({"region": "eaeu", "countries": "KAZ,UZB"}, "region: 'eaeu' and a country list"),
    ],
)
def test_empty_or_conflicting_selection_is_an_error(warehouse, options, message):
    with pytest.raises(InputError, match=message):
        api.compute("intra_regional_share", warehouse=warehouse, **options)


def test_definitions_name_the_year_option_and_report_pairs(warehouse):
    with pytest.raises(InputError, match="^year: 1800"):
        api.definitions(1800, countries=C3, warehouse=warehouse)
    out = api.definitions(1999, countries=C3, warehouse=warehouse)
    assert out.attrs["provenance"]["pairs_covered"] == "2/3"
    assert out.attrs["provenance"]["missing_pairs"] == ["TKM-UZB"]


def test_catalogue_carries_citations_and_code_version():
    frame = api.list_indicators()
    provenance = frame.attrs["provenance"]
    assert set(provenance["citations"]) == set(INDICATORS)
    assert provenance["code_version"]
    assert {"masking", "thresholds"} <= set(frame.columns)
    assert api.show_indicator("partner_profile")["thresholds"] == {"min_partner_coverage": 0.5}
