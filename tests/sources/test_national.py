"""National trade-by-partner readers: KAZ BNS, UZB SIAT, KGZ NSC."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from regint.core.errors import DataError
from regint.sources.national import (
    KAZ_BNS,
    OUTPUT_COLUMNS,
    UZB_SIAT,
    read_kaz_bns,
    read_kgz_nsc,
    read_national,
    read_uzb_siat,
)

KAZ_FILE = Path(KAZ_BNS.folder) / KAZ_BNS.file
UZB_FILE = Path(UZB_SIAT.folder) / UZB_SIAT.file


@pytest.fixture
def raw(tmp_path: Path, fixtures_dir: Path) -> Path:
    """A raw folder holding the good national fixtures and the country reference."""
    shutil.copytree(fixtures_dir / "countries" / "country-codes", tmp_path / "country-codes")
    for folder in (fixtures_dir / "national").iterdir():
        if folder.name.endswith("-trade-by-partner"):
            shutil.copytree(folder, tmp_path / folder.name)
    return tmp_path


def _value(frame: pd.DataFrame, partner: str | None, flow: str, year: int, kind: str = "country"):
    rows = frame[
        (frame["partner_kind"] == kind) & (frame["flow"] == flow) & (frame["year"] == year)
    ]
    rows = rows[rows["partner"].isna()] if partner is None else rows[rows["partner"] == partner]
    assert len(rows) == 1, rows
    return rows["value_musd"].iloc[0]


def test_values_are_converted_from_thousand_usd_to_millions(raw: Path) -> None:
    frame = read_kaz_bns(raw).frame
    assert _value(frame, "RUS", "exports", 2021) == pytest.approx(200.0)
    assert _value(frame, None, "imports", 2021, kind="total") == pytest.approx(600.0)


def test_output_has_the_common_columns_and_kaz_provenance(raw: Path) -> None:
    table = read_kaz_bns(raw)
    assert tuple(table.frame.columns) == OUTPUT_COLUMNS
    assert set(table.frame["source_id"]) == {"kaz_bns"}
    assert table.origin.source_id == "kaz_bns"
    assert [f.path for f in table.origin.files] == [str(KAZ_FILE)]
    assert table.frame["year"].dtype == "int64"


def test_group_aggregates_are_dropped_and_the_total_is_kept(raw: Path) -> None:
    frame = read_kaz_bns(raw).frame
    assert set(frame["partner_kind"]) == {"country", "total"}
    assert "Страны СНГ" not in set(frame["partner_name"])
    assert frame.loc[frame["partner_kind"] == "total", "partner"].isna().all()


def test_only_the_preferred_uzb_vintage_is_read(raw: Path) -> None:
    frame = read_uzb_siat(raw).frame
    assert _value(frame, "KAZ", "exports", 2021) == pytest.approx(90.0)
    # The malformed Turks-and-Caicos-like row is flagged not preferred: it must not appear.
    assert "TKM" not in set(frame["partner"].dropna())


def test_uzb_other_countries_stay_unallocated_with_no_partner(raw: Path) -> None:
    frame = read_uzb_siat(raw).frame
    assert _value(frame, None, "exports", 2021, kind="unallocated") == pytest.approx(400.0)
    unallocated = frame[frame["partner_kind"] == "unallocated"]
    assert set(unallocated["partner_name"]) == {"Other countries"}


def test_kgz_drops_groupings_and_continents_but_keeps_total_undefined_and_special(
    raw: Path,
) -> None:
    table = read_kgz_nsc(raw)
    frame = table.frame
    assert not {"CIS", "Europe"} & set(frame["partner_name"])
    assert _value(frame, None, "exports", 2021, kind="total") == pytest.approx(2000.0)
    assert _value(frame, None, "exports", 2021, kind="unallocated") == pytest.approx(0.1)
    assert _value(frame, None, "imports", 2021, kind="special") == pytest.approx(5.0)
    assert table.origin.redistributable.startswith("no")


def test_kgz_salvador_rows_merge_when_only_one_carries_a_flow(raw: Path) -> None:
    table = read_kgz_nsc(raw)
    assert _value(table.frame, "SLV", "imports", 2021) == pytest.approx(0.025)
    assert any("merged 1 duplicate" in note for note in table.notes)


def test_read_national_includes_kgz_only_when_asked(raw: Path) -> None:
    assert [t.origin.source_id for t in read_national(raw)] == ["kaz_bns", "uzb_siat"]
    ids = [t.origin.source_id for t in read_national(raw, include_kgz=True)]
    assert ids == ["kaz_bns", "uzb_siat", "kgz_nsc"]


@pytest.mark.parametrize(
    ("bad_file", "message", "row"),
    [
        ("malformed.csv", "malformed CSV", None),
        ("ragged.csv", "malformed CSV", None),
        ("missing_column.csv", "missing column(s): value_kusd", None),
        ("negative_value.csv", "negative value_kusd", 2),
        ("non_numeric.csv", "non-numeric value_kusd '12 345'", 2),
        ("unknown_iso3.csv", "unknown partner code 'XYZ'", 2),
        ("duplicate_row.csv", "duplicate row for RUS, exports, 2021", 3),
        ("total_with_code.csv", "total row carries a partner code 'CHN'", 2),
        ("bad_year.csv", "bad year '21'", 2),
    ],
)
def test_bad_input_raises_data_error_naming_file_and_row(
    raw: Path, fixtures_dir: Path, bad_file: str, message: str, row: int | None
) -> None:
    shutil.copy(fixtures_dir / "national" / "bad" / bad_file, raw / KAZ_FILE)
    with pytest.raises(DataError) as caught:
        read_kaz_bns(raw)
    assert message in str(caught.value)
    assert caught.value.path.endswith(KAZ_BNS.file)
    assert caught.value.row == row


@pytest.mark.parametrize(
    ("file", "old", "new", "read", "message", "row"),
    [
        pytest.param(
            KAZ_FILE,
            "\nKAZ,",
            "\nUZB,",
            read_kaz_bns,
            "reporter_iso3 'UZB' not one of KAZ",
            1,
            id="a_file_of_another_reporter",
        ),
        pytest.param(
            KAZ_FILE,
            "KAZ,CHN,Китай",
            "KAZ,,Китай",
            read_kaz_bns,
            "country row 'Китай' has no ISO3",
            7,
            id="a_country_row_without_iso3",
        ),
        pytest.param(
            UZB_FILE,
            ",True\n",
            ",yes\n",
            read_uzb_siat,
            "preferred must be True or False",
            1,
            id="an_unknown_preferred_flag",
        ),
    ],
)
def test_a_bad_label_is_refused_naming_its_row(
    raw: Path, file: Path, old: str, new: str, read, message: str, row: int
) -> None:
    path = raw / file
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError, match=message) as caught:
        read(raw)
    assert caught.value.row == row


def test_a_missing_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="file not found"):
        read_kaz_bns(tmp_path)


# --- the real files ----------------------------------------------------------------------


def _total(frame: pd.DataFrame, flow: str, year: int) -> float:
    rows = frame[(frame["flow"] == flow) & (frame["year"] == year)]
    if (rows["partner_kind"] == "total").any():
        return rows.loc[rows["partner_kind"] == "total", "value_musd"].sum()
    return rows["value_musd"].sum()


@pytest.mark.rawdata
def test_kaz_real_file_matches_source_md_totals(raw_dir: Path) -> None:
    frame = read_kaz_bns(raw_dir).frame
    assert len(frame) == 2458 - 132  # SOURCE.md rows minus 11 aggregates x 2 flows x 6 years
    documented = {
        2018: (61.11, 33.66),
        2019: (58.07, 39.71),
        2020: (47.54, 38.93),
        2021: (60.32, 41.42),
        2022: (84.59, 50.93),
        2023: (79.14, 60.41),
    }
    for year, (exports_bn, imports_bn) in documented.items():
        assert _total(frame, "exports", year) / 1000 == pytest.approx(exports_bn, abs=0.006)
        assert _total(frame, "imports", year) / 1000 == pytest.approx(imports_bn, abs=0.006)
    # Country rows add up to the total row (SOURCE.md: difference < US$ 1 thousand).
    country = (
        frame[frame["partner_kind"] == "country"].groupby(["flow", "year"])["value_musd"].sum()
    )
    total = frame[frame["partner_kind"] == "total"].set_index(["flow", "year"])["value_musd"]
    assert (country - total).abs().max() < 0.001
    assert _value(frame, "RUS", "exports", 2019) == pytest.approx(5671, abs=1)
    assert _value(frame, "UZB", "exports", 2023) == pytest.approx(3130, abs=1)


@pytest.mark.rawdata
def test_uzb_real_file_matches_source_md_totals(raw_dir: Path) -> None:
    frame = read_uzb_siat(raw_dir).frame
    assert frame["partner_kind"].value_counts().to_dict() == {"country": 6892, "unallocated": 30}
    documented = {
        2019: (17.46, 24.29),
        2020: (15.10, 21.15),
        2021: (16.66, 25.51),
        2022: (19.73, 30.77),
        2023: (24.87, 38.66),
        2024: (27.27, None),
        2025: (34.24, None),
    }
    for year, (exports_bn, imports_bn) in documented.items():
        assert _total(frame, "exports", year) / 1000 == pytest.approx(exports_bn, abs=0.006)
        if imports_bn is None:
            assert frame[(frame["flow"] == "imports") & (frame["year"] == year)].empty
        else:
            assert _total(frame, "imports", year) / 1000 == pytest.approx(imports_bn, abs=0.006)
    other = _value(frame, None, "exports", 2023, kind="unallocated")
    assert other / 1000 == pytest.approx(10.35, abs=0.006)
    assert _value(frame, "KAZ", "imports", 2023) == pytest.approx(3069, abs=1)
    assert _value(frame, "RUS", "exports", 2019) == pytest.approx(2532, abs=1)


@pytest.mark.rawdata
def test_kgz_real_file_matches_source_md_totals(raw_dir: Path) -> None:
    table = read_kgz_nsc(raw_dir)
    frame = table.frame
    # 10,917 rows minus 9 groupings/continents x 2 flows x 30 years minus the 30 empty
    # "El Salvador"/"Salvador" duplicates.
    assert len(frame) == 10917 - 540 - 30
    documented = {
        2019: (1986, 4989),
        2020: (1973, 3719),
        2021: (2752, 5580),
        2022: (2255, 9803),
        2023: (3385, 12352),
    }
    for year, (exports_m, imports_m) in documented.items():
        assert _total(frame, "exports", year) == pytest.approx(exports_m, abs=0.6)
        assert _total(frame, "imports", year) == pytest.approx(imports_m, abs=0.6)
    assert frame.loc[frame["partner_kind"] != "country", "partner"].isna().all()
