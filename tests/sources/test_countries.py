"""The country reference (Datahub country-codes)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from regint.core.errors import DataError
from regint.sources.countries import (
    EXTRA_CODES,
    OUTPUT_COLUMNS,
    known_codes,
    read_country_codes,
)

CSV = Path("country-codes") / "country-codes.csv"


@pytest.fixture
def raw(tmp_path: Path, fixtures_dir: Path) -> Path:
    shutil.copytree(fixtures_dir / "countries" / "country-codes", tmp_path / "country-codes")
    return tmp_path


def test_namibia_keeps_its_iso2_code_na(raw: Path) -> None:
    frame = read_country_codes(raw).frame.set_index("iso3")
    assert frame.loc["NAM", "iso2"] == "NA"


def test_the_reference_has_names_regions_and_flags(raw: Path) -> None:
    table = read_country_codes(raw)
    frame = table.frame.set_index("iso3")
    assert tuple(table.frame.columns) == OUTPUT_COLUMNS
    kaz = frame.loc["KAZ"]
    assert (kaz["name"], kaz["name_ru"], kaz["iso_numeric"]) == ("Kazakhstan", "Казахстан", "398")
    assert (kaz["region"], kaz["subregion"]) == ("Asia", "Central Asia")
    assert bool(kaz["is_lldc"]) and bool(kaz["is_independent"])
    assert frame.loc["AFG", "iso_numeric"] == "004"  # zero-padded
    assert not bool(frame.loc["DEU", "is_lldc"])
    assert table.origin.source_id == "country_codes"


def test_russian_names_fall_back_to_the_official_name_and_lose_footnote_stars(raw: Path) -> None:
    frame = read_country_codes(raw).frame.set_index("iso3")
    assert frame.loc["TWN", "name_ru"] == "Тайвань"  # no UNTERM entry: official_name_ru
    assert not frame.loc["PSE", "name_ru"].endswith("*")
    assert frame.loc["PSE", "independence_status"] == "In contention"
    assert not bool(frame.loc["PSE", "is_independent"])


def test_codes_our_trade_sources_use_are_present(raw: Path) -> None:
    frame = read_country_codes(raw).frame.set_index("iso3")
    for code in ("TWN", "ANT", "XKX", "CHI", "SUN", "YUG", "SCG", "CSK"):
        assert code in frame.index
    assert frame.loc["ANT", "code_status"] == "historical"
    assert frame.loc["XKX", "code_status"] == "user-assigned"
    assert frame.loc["KAZ", "code_status"] == "iso"
    assert known_codes(raw) >= {"KAZ", "ANT", "XKX"}


def test_a_duplicate_iso3_is_refused(raw: Path) -> None:
    lines = (raw / CSV).read_text(encoding="utf-8").splitlines(keepends=True)
    (raw / CSV).write_text("".join(lines + [lines[1]]), encoding="utf-8")
    with pytest.raises(DataError, match="duplicate ISO3") as caught:
        read_country_codes(raw)
    assert caught.value.row == len(lines)


def test_a_reference_without_iso3_column_is_refused(raw: Path) -> None:
    text = (raw / CSV).read_text(encoding="utf-8")
    (raw / CSV).write_text(text.replace("ISO3166-1-Alpha-3", "ISO3", 1), encoding="utf-8")
    with pytest.raises(DataError, match="missing column\\(s\\): ISO3166-1-Alpha-3"):
        read_country_codes(raw)


@pytest.mark.rawdata
def test_real_reference_has_every_code_and_the_c5_as_lldcs(raw_dir: Path) -> None:
    frame = read_country_codes(raw_dir).frame.set_index("iso3")
    assert len(frame) == 249 + len(EXTRA_CODES)
    c5 = frame.loc[["KAZ", "KGZ", "TJK", "TKM", "UZB"]]
    assert (c5["subregion"] == "Central Asia").all() and c5["is_lldc"].all()
    assert frame.loc["NAM", "iso2"] == "NA" and frame.loc["TWN", "code_status"] == "iso"
    assert frame["name"].notna().all()
