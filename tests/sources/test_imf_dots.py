"""The IMF DOTS Excel reader: layout, names, duplicates and every kind of bad file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from regint.core.errors import DataError
from regint.core.vocab import SRC_DOTS
from regint.sources.imf_dots import (
    DOTS_COLUMNS,
    WORKBOOK_COLUMNS,
    read_country_names,
    read_dots,
    read_dots_workbook,
)


@pytest.fixture(scope="module")
def dots_fixtures(fixtures_dir: Path) -> Path:
    return fixtures_dir / "imf_dots"


@pytest.fixture(scope="module")
def kaz_workbook(dots_fixtures: Path) -> pd.DataFrame:
    return read_dots_workbook(dots_fixtures / "tree" / "imf-dots" / "raw" / "DOTS_1.xlsx")


@pytest.fixture(scope="module")
def fixture_table(dots_fixtures: Path):
    return read_dots(dots_fixtures / "tree")


def _value(frame: pd.DataFrame, **where) -> list[float]:
    mask = pd.Series(True, index=frame.index)
    for column, wanted in where.items():
        mask &= frame[column] == wanted
    return frame.loc[mask, "value_musd"].tolist()


def _raw_tree(tmp_path: Path, dots_fixtures: Path, *extra: tuple[str, str]) -> Path:
    """A raw_dir holding the good fixture files plus ``(bad file, name in the tree)``."""
    raw = tmp_path / "imf-dots" / "raw"
    shutil.copytree(dots_fixtures / "tree" / "imf-dots" / "raw", raw)
    for source, name in extra:
        shutil.copy(dots_fixtures / "bad" / source, raw / name)
    return tmp_path


# --- one workbook -------------------------------------------------------------------------


def test_workbook_is_read_in_long_form_with_the_reporter_from_row_4(kaz_workbook):
    assert tuple(kaz_workbook.columns) == WORKBOOK_COLUMNS
    assert set(kaz_workbook["reporter_name"]) == {"Kazakhstan, Rep. of"}
    assert set(kaz_workbook["flow"]) == {"exports_fob", "imports_cif"}
    assert _value(
        kaz_workbook, partner_name="China, P.R.: Mainland", flow="exports_fob", year=2019
    ) == [78.0]
    assert _value(
        kaz_workbook, partner_name="Russian Federation", flow="imports_cif", year=2020
    ) == [130.0]


def test_empty_cells_are_unknown_not_zero(kaz_workbook):
    russia = kaz_workbook[
        (kaz_workbook["partner_name"] == "Russian Federation")
        & (kaz_workbook["flow"] == "exports_fob")
    ]
    assert sorted(russia["year"]) == [2018, 2019]  # 2020 is empty in the sheet


def test_an_exact_zero_is_kept_as_a_value(kaz_workbook):
    assert _value(kaz_workbook, partner_name="Kyrgyz Rep.", year=2020) == [0.0]


def test_imf_estimates_written_as_text_are_parsed_and_flagged(kaz_workbook):
    tkm = kaz_workbook[kaz_workbook["partner_name"] == "Turkmenistan"].set_index("year")
    assert tkm.loc[2019, "value_musd"] == 1234.5
    assert tkm["is_estimate"].to_dict() == {2018: True, 2019: True, 2020: False}


def test_workbook_keeps_aggregates_and_the_repeated_australia_row(kaz_workbook):
    assert "World" in set(kaz_workbook["partner_name"])
    assert _value(kaz_workbook, partner_name="Australia", year=2020) == [1.5, 1.5]


def test_years_are_found_structurally_not_by_column_letter(dots_fixtures, kaz_workbook):
    # The same table moved down three rows and right two columns reads the same.
    shifted = read_dots_workbook(dots_fixtures / "layout" / "shifted_three_rows_two_columns.xlsx")
    pd.testing.assert_frame_equal(shifted, kaz_workbook)


def test_year_column_is_int16(kaz_workbook):
    assert kaz_workbook["year"].dtype == "int16"


@pytest.mark.parametrize(
    ("name", "row", "words"),
    [
        ("truncated.xlsx", None, "not a readable xlsx"),
        ("not_a_workbook.xlsx", None, "not a readable xlsx"),
        ("missing_imports_sheet.xlsx", None, "missing sheet 'Imports, CIF'"),
        ("no_year_header.xlsx", None, "no row of year labels"),
        ("non_numeric_value.xlsx", 14, "non-numeric value 'n.a.' in the 2019 column (D)"),
        ("negative_value.xlsx", 14, "negative value -56.0 in the 2019 column (D)"),
        ("unit_thousands.xlsx", 5, "unit is 'US Dollars, Thousands'"),
        ("reporters_differ.xlsx", 4, "different reporters"),
    ],
)
def test_bad_workbook_raises_data_error_naming_file_and_row(dots_fixtures, name, row, words):
    path = dots_fixtures / "bad" / name
    with pytest.raises(DataError) as caught:
        read_dots_workbook(path)
    assert caught.value.path == str(path)
    assert caught.value.row == row
    assert words in str(caught.value)


def test_missing_file_raises_data_error(tmp_path):
    with pytest.raises(DataError, match="file not found"):
        read_dots_workbook(tmp_path / "DOTS_999.xlsx")


# --- the name map -------------------------------------------------------------------------


def test_country_name_map_classifies_countries_history_and_aggregates():
    names = read_country_names().set_index("imf_name")
    assert names.loc["Kazakhstan, Rep. of", "iso3"] == "KAZ"
    assert names.loc["Kosovo, Rep. of", "iso3"] == "XKX"
    assert names.loc["Taiwan Province of China", "kind"] == "country"
    for historical in ("USSR", "Yugoslavia", "Czechoslovakia", "Belgium-Luxembourg"):
        assert names.loc[historical, "kind"] == "historical_or_special"
    assert names.loc["World", "kind"] == "aggregate_or_unspecified"
    assert pd.isna(names.loc["World", "iso3"])


def test_country_name_map_rejects_an_unknown_kind(tmp_path):
    bad = tmp_path / "names.csv"
    bad.write_text("imf_name,iso3,kind\nAtlantis,ATL,island\n", encoding="utf-8")
    with pytest.raises(DataError, match="kind 'island'") as caught:
        read_country_names(bad)
    assert caught.value.row == 2


def test_country_name_map_rejects_an_iso3_used_twice(tmp_path):
    bad = tmp_path / "names.csv"
    bad.write_text("imf_name,iso3,kind\nA,AAA,country\nB,AAA,country\n", encoding="utf-8")
    with pytest.raises(DataError, match="iso3 used by two countries"):
        read_country_names(bad)


# --- all workbooks ------------------------------------------------------------------------


def test_read_dots_returns_iso3_countries_only(fixture_table):
    frame = fixture_table.frame
    assert tuple(frame.columns) == DOTS_COLUMNS
    assert set(frame["reporter"]) == {"KAZ", "UZB"}  # the World file is skipped
    assert set(frame["partner"]) == {"AUS", "CHN", "KGZ", "RUS", "TKM", "UZB", "KAZ"}
    assert "SUN" not in set(frame["partner"])  # USSR is historical, never a country


def test_read_dots_drops_the_repeated_australia_row(fixture_table):
    frame = fixture_table.frame
    assert _value(frame, reporter="KAZ", partner="AUS") == [1.5]
    assert not frame.duplicated(["reporter", "partner", "flow", "year"]).any()


def test_read_dots_maps_partner_names(fixture_table):
    frame = fixture_table.frame
    assert _value(frame, reporter="KAZ", partner="CHN", flow="exports_fob", year=2019) == [78.0]
    assert _value(frame, reporter="UZB", partner="KAZ", flow="imports_cif", year=2020) == [26.5]
    assert _value(frame, reporter="KAZ", partner="UZB", flow="exports_fob", year=2019) == [22.0]


def test_read_dots_is_sorted_with_string_codes(fixture_table):
    frame = fixture_table.frame
    keys = ["reporter", "partner", "flow", "year"]
    assert frame.equals(frame.sort_values(keys, ignore_index=True))
    assert frame["reporter"].dtype == "string"
    assert frame["value_musd"].dtype == "float64"


def test_read_dots_skips_aggregate_reporters_and_says_so(fixture_table):
    assert any("DOTS_3.xlsx" in note for note in fixture_table.notes)


def test_read_dots_origin_locks_every_file(fixture_table):
    origin = fixture_table.origin
    assert origin.source_id == SRC_DOTS
    assert [f.path for f in origin.files] == [f"imf-dots/raw/DOTS_{n}.xlsx" for n in (1, 2, 3)]
    assert all(len(f.sha256) == 64 for f in origin.files)
    assert "International Monetary Fund" in origin.producer


def test_exact_duplicate_file_is_dropped(dots_fixtures, tmp_path, fixture_table):
    raw = _raw_tree(tmp_path, dots_fixtures)
    shutil.copy(raw / "imf-dots" / "raw" / "DOTS_1.xlsx", raw / "imf-dots" / "raw" / "DOTS_4.xlsx")
    table = read_dots(raw)
    assert table.frame.equals(fixture_table.frame)


def test_conflicting_duplicate_raises_naming_both_files(dots_fixtures, tmp_path):
    raw = _raw_tree(tmp_path, dots_fixtures, ("conflicting_kazakhstan.xlsx", "DOTS_4.xlsx"))
    with pytest.raises(DataError) as caught:
        read_dots(raw)
    message = str(caught.value)
    assert "DOTS_1.xlsx" in message and "DOTS_4.xlsx" in message
    assert "reporter=KAZ partner=CHN flow=exports_fob year=2019" in message


def test_unmapped_name_raises_naming_file_row_and_the_map(dots_fixtures, tmp_path):
    raw = _raw_tree(tmp_path, dots_fixtures, ("unmapped_name.xlsx", "DOTS_4.xlsx"))
    with pytest.raises(DataError) as caught:
        read_dots(raw)
    assert caught.value.path.endswith("DOTS_4.xlsx")
    assert caught.value.row == 18
    assert "unmapped country name 'Atlantis'" in str(caught.value)
    assert "data/reference/imf_country_names.csv" in str(caught.value)


def test_a_corrupt_file_among_good_ones_fails_the_read(dots_fixtures, tmp_path):
    raw = _raw_tree(tmp_path, dots_fixtures, ("truncated.xlsx", "DOTS_10.xlsx"))
    with pytest.raises(DataError, match="DOTS_10.xlsx"):
        read_dots(raw)


def test_no_workbooks_raises_data_error(tmp_path):
    with pytest.raises(DataError, match="no DOTS_"):
        read_dots(tmp_path)


# --- the real 235 files -------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_table(raw_dir: Path):
    return read_dots(raw_dir)


def _comparable(frame: pd.DataFrame, reporter: str, partner: str) -> pd.DataFrame:
    """Reporter, partner, flow, year and value in plain dtypes, sorted on the keys."""
    return pd.DataFrame(
        {
            "reporter": frame[reporter].astype(str).to_numpy(),
            "partner": frame[partner].astype(str).to_numpy(),
            "flow": frame["flow"].astype(str).to_numpy(),
            "year": frame["year"].astype(int).to_numpy(),
            "value_musd": frame["value_musd"].to_numpy(),
        }
    ).sort_values(["reporter", "partner", "flow", "year"], ignore_index=True)


@pytest.mark.rawdata
def test_real_files_reproduce_the_derived_parquet_for_countries(real_table, raw_dir):
    """Reported cells match the derived long file exactly; estimates are extra (it dropped them)."""
    derived = pd.read_parquet(raw_dir / "imf-dots" / "dots_bilateral_long.parquet")
    derived = derived[
        (derived["reporter_kind"] == "country") & (derived["partner_kind"] == "country")
    ]
    theirs = _comparable(derived, "reporter_iso3", "partner_iso3")
    ours = _comparable(real_table.frame[~real_table.frame["is_estimate"]], "reporter", "partner")
    assert len(ours) == len(theirs) == 1_642_911
    pd.testing.assert_frame_equal(ours, theirs, check_exact=True)


@pytest.mark.rawdata
def test_real_files_hold_imf_estimates_the_derived_file_left_out(real_table):
    estimates = real_table.frame["is_estimate"]
    assert int(estimates.sum()) == 161_160
    assert len(real_table.frame) == 1_804_071


@pytest.mark.rawdata
def test_real_files_match_the_source_spot_checks(real_table):
    frame = real_table.frame
    assert (
        round(_value(frame, reporter="KAZ", partner="CHN", flow="exports_fob", year=2019)[0])
        == 7823
    )
    assert (
        round(_value(frame, reporter="KAZ", partner="RUS", flow="imports_cif", year=2019)[0])
        == 14065
    )


@pytest.mark.rawdata
def test_real_files_have_209_country_reporters_and_no_historical_codes(real_table):
    frame = real_table.frame
    assert frame["reporter"].nunique() == 209
    reporters, partners = set(frame["reporter"].unique()), set(frame["partner"].unique())
    assert not (reporters | partners) & {
        "SUN",
        "YUG",
        "CSK",
        "SCG",
        "DDR",
        "ANT",
        "BLX",
        "YAR",
        "YMD",
    }
    assert "TWN" in partners and "TWN" not in reporters
    assert (frame["year"].min(), frame["year"].max()) == (1960, 2020)
