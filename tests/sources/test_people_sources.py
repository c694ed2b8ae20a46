"""UN DESA migrant stock and KNOMAD 2017 readers: real rows, strict failures naming file and row."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from regint.core.errors import DataError
from regint.sources.knomad import read_knomad_migrants, read_knomad_remittances
from regint.sources.migrant_stock import FILE, FOLDER, read_migrant_stock

MIGRANTS = Path(FOLDER) / FILE


@pytest.fixture
def raw(tmp_path: Path, fixtures_dir: Path) -> Path:
    shutil.copytree(fixtures_dir / "countries" / "country-codes", tmp_path / "country-codes")
    for folder in ("un-desa-migrant-stock", "wb-knomad-bilateral-2017", "wb-wdi"):
        shutil.copytree(fixtures_dir / "drivers" / folder, tmp_path / folder)
    return tmp_path


def _edit_csv(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_migrant_stock_is_long_with_published_values(raw: Path) -> None:
    table = read_migrant_stock(raw)
    frame = table.frame.set_index(["destination", "origin", "year"])["migrants_persons"]
    # SOURCE.md spot values: KAZ-born in RUS 2020 and UZB-born in RUS 2020.
    assert frame[("RUS", "KAZ", 2020)] == 2_558_907
    assert frame[("RUS", "UZB", 2020)] == 1_146_175
    assert table.origin.source_id == "un_desa_migrant_stock"
    assert any("not verified" in n for n in table.notes)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (",RUS,KAZ,2349697", ",RUS,XXX,2349697", "unknown origin code 'XXX'"),
        (",RUS,KAZ,2349697", ",RUS,KAZ,-2349697", "negative 1990"),
        (",RUS,KAZ,2349697", ",RUS,KAZ,lots", "non-numeric 1990"),
    ],
)
def test_bad_migrant_rows_fail_naming_file_and_row(
    raw: Path, old: str, new: str, message: str
) -> None:
    _edit_csv(raw / MIGRANTS, old, new)
    with pytest.raises(DataError, match=message) as err:
        read_migrant_stock(raw)
    assert FILE in str(err.value) and err.value.row == 2


def test_duplicate_migrant_pair_fails(raw: Path) -> None:
    path = raw / MIGRANTS
    lines = path.read_text().splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n")
    with pytest.raises(DataError, match="duplicate pair KGZ <- KAZ"):
        read_migrant_stock(raw)


def test_missing_migrant_file_fails(raw: Path) -> None:
    (raw / MIGRANTS).unlink()
    with pytest.raises(DataError, match="file not found"):
        read_migrant_stock(raw)


def test_knomad_remittances_match_the_published_values(raw: Path) -> None:
    frame = read_knomad_remittances(raw).frame.set_index(["sender", "receiver"])
    values = frame["remittances_musd"]
    # SOURCE.md: remittances from Russia, US$ m 2017.
    assert values[("RUS", "UZB")] == pytest.approx(2838.7, abs=0.05)
    assert values[("RUS", "KGZ")] == pytest.approx(1904.3, abs=0.05)
    assert values[("RUS", "TKM")] == pytest.approx(10.3, abs=0.05)
    assert set(frame.reset_index()["year"]) == {2017}


def test_knomad_migrants_orient_rows_as_origins(raw: Path) -> None:
    frame = read_knomad_migrants(raw).frame.set_index(["destination", "origin"])
    # Far more Uzbek-born live in Russia than Russian-born in Uzbekistan? Not assumed: both read.
    assert frame.loc[("RUS", "UZB"), "migrants_persons"] > 0
    assert frame.loc[("KAZ", "RUS"), "migrants_persons"] > 0


def _set_cell(path: Path, row: int, col: int, value: object) -> None:
    book = openpyxl.load_workbook(path)
    book.active.cell(row=row, column=col, value=value)
    book.save(path)


def test_negative_remittance_fails_naming_the_cell(raw: Path) -> None:
    path = raw / "wb-knomad-bilateral-2017" / "WB_Bilateral_Remittance_Estimates_2017.xlsx"
    _set_cell(path, 3, 2, -5)
    with pytest.raises(DataError, match=r"cell B3: negative value") as err:
        read_knomad_remittances(raw)
    assert "WB_Bilateral_Remittance_Estimates_2017.xlsx" in str(err.value)


def test_unknown_country_name_fails(raw: Path) -> None:
    path = raw / "wb-knomad-bilateral-2017" / "WB_Bilateral_Remittance_Estimates_2017.xlsx"
    _set_cell(path, 3, 1, "Atlantis")
    with pytest.raises(DataError, match="row 3: unknown country name 'Atlantis'"):
        read_knomad_remittances(raw)


def test_no_estimate_dash_is_left_out_not_zero(raw: Path) -> None:
    path = raw / "wb-knomad-bilateral-2017" / "WB_Bilateral_Remittance_Estimates_2017.xlsx"
    _set_cell(path, 3, 2, "-")
    before = len(read_knomad_migrants(raw).frame)
    frame = read_knomad_remittances(raw).frame
    assert len(frame) == 35  # 6 x 6 cells minus the one without an estimate
    assert before == 36


def test_wdi_impossible_value_fails_naming_file_and_row(tmp_path: Path, fixtures_dir: Path) -> None:
    from regint.sources.wdi import read_wdi

    shutil.copytree(fixtures_dir / "countries" / "country-codes", tmp_path / "country-codes")
    shutil.copytree(fixtures_dir / "wdi" / "wb-wdi", tmp_path / "wb-wdi")
    path = tmp_path / "wb-wdi" / "indicators" / "ny.gdp.mktp.cd.csv"
    lines = path.read_text().splitlines()
    cells = lines[1].split(",")
    cells[-1] = "-" + cells[-1]
    path.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n")
    with pytest.raises(DataError, match="impossible value .* for ny.gdp.mktp.cd") as err:
        read_wdi(tmp_path, ["ny.gdp.mktp.cd"])
    assert err.value.row == 1 and "ny.gdp.mktp.cd.csv" in str(err.value)


def test_a_truncated_file_fails_the_declared_contents(raw: Path) -> None:
    """The fixtures hold a few rows: the snapshot's contents check must refuse them."""
    from regint.sources import knomad, migrant_stock
    from regint.sources.contract import check_contents

    with pytest.raises(DataError, match="fewer than the 70,000"):
        check_contents(read_migrant_stock(raw).frame, migrant_stock.CONTENTS, raw / MIGRANTS)
    with pytest.raises(DataError, match="fewer than the 40,000"):
        check_contents(
            read_knomad_remittances(raw).frame, knomad.REMITTANCE_CONTENTS, raw / "remittances"
        )
