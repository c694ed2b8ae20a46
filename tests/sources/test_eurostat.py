"""Eurostat Comext EU-27 exports by partner, and their conversion from EUR to US$."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from regint.core.errors import DataError, InputError
from regint.sources.eurostat import (
    FILE,
    FOLDER,
    OUTPUT_COLUMNS,
    compute_eur_usd_rates,
    read_eurostat_eu27_exports,
)


@pytest.fixture
def raw(tmp_path: Path, fixtures_dir: Path) -> Path:
    shutil.copytree(fixtures_dir / "countries" / "country-codes", tmp_path / "country-codes")
    shutil.copytree(fixtures_dir / "wdi" / "wb-wdi", tmp_path / "wb-wdi")
    shutil.copytree(fixtures_dir / "eurostat" / FOLDER, tmp_path / FOLDER)
    return tmp_path


def wdi_rates(rates: dict[tuple[str, int], float]) -> pd.DataFrame:
    """A WDI-like long frame of pa.nus.fcrf (euro per US$)."""
    rows = [(c, y, "pa.nus.fcrf", v) for (c, y), v in rates.items()]
    return pd.DataFrame(rows, columns=["country", "year", "indicator", "value"])


FLAT = wdi_rates({("EMU", y): 0.8 for y in (2016, 2018, 2019, 2020, 2021)})


def test_values_are_converted_from_euro_with_the_annual_rate(raw: Path) -> None:
    frame = read_eurostat_eu27_exports(raw, rates=FLAT).frame
    assert tuple(frame.columns) == OUTPUT_COLUMNS
    kaz = frame[(frame["partner"] == "KAZ") & (frame["year"] == 2019)].iloc[0]
    assert kaz["value_eur"] == 5917319466.0
    # 0.8 euro per dollar: EUR 5,917 m is US$ 7,397 m.
    assert kaz["value_musd"] == pytest.approx(5917.319466 / 0.8)


def test_the_euro_area_rate_comes_first_and_a_member_fills_a_missing_year() -> None:
    wdi = wdi_rates(
        {
            ("EMU", 2019): 0.89,
            ("DEU", 2019): 0.5,
            ("DEU", 2021): 0.85,
            ("FRA", 2021): 0.1,
            ("DEU", 1998): 1.76,
        }
    )
    rates = compute_eur_usd_rates(wdi).set_index("year")
    assert rates.loc[2019, "eur_per_usd"] == 0.89 and rates.loc[2019, "rate_country"] == "EMU"
    assert rates.loc[2021, "eur_per_usd"] == 0.85 and rates.loc[2021, "rate_country"] == "DEU"
    # Germany's 1998 figure is converted Deutsche Mark, not a euro rate.
    assert 1998 not in rates.index


def test_rates_are_read_from_the_wdi_files_when_not_given(raw: Path) -> None:
    frame = read_eurostat_eu27_exports(raw).frame.set_index(["partner", "year"])
    assert frame.loc[("UZB", 2020), "eur_per_usd"] == pytest.approx(0.875506396987998)
    # The fixture has no EMU rate for 2021: Germany's (the same euro rate) is used.
    assert frame.loc[("UZB", 2021), "eur_per_usd"] == pytest.approx(0.84549413889045)


def test_a_year_without_a_rate_is_refused(raw: Path) -> None:
    with pytest.raises(InputError, match="no EUR/USD rate for 2016, 2018"):
        read_eurostat_eu27_exports(
            raw, rates=wdi_rates({("EMU", y): 0.9 for y in (2019, 2020, 2021)})
        )


def test_the_extra_eu_total_is_kept_as_a_total_without_partner(raw: Path) -> None:
    frame = read_eurostat_eu27_exports(raw, rates=FLAT).frame
    total = frame[frame["partner_kind"] == "total"]
    assert sorted(total["year"]) == [2016, 2018]
    assert total["partner"].isna().all()


def test_french_2016_labels_carry_the_same_iso3(raw: Path) -> None:
    frame = read_eurostat_eu27_exports(raw, rates=FLAT).frame
    tjk = frame[frame["partner"] == "TJK"].set_index("year")["partner_label"]
    assert tjk.to_dict() == {2016: "Tadjikistan", 2018: "Tajikistan"}


@pytest.mark.parametrize(
    ("old", "new", "message", "row"),
    [
        (
            ",KAZ,Kazakhstan,exports,2019,5917319466.0",
            ",KAZ,Kazakhstan,exports,2019,-1.0",
            "negative value_eur",
            2,
        ),
        (
            ",KAZ,Kazakhstan,exports,2019,5917319466.0",
            ",KAZ,Kazakhstan,exports,2019,n/a",
            "non-numeric value_eur 'n/a'",
            2,
        ),
        (
            ",KAZ,Kazakhstan,exports,2019",
            ",KAZ,Kazakhstan,exports,2018",
            "duplicate row for KAZ 2018",
            2,
        ),
        (
            ",KAZ,Kazakhstan,exports,2019",
            ",QAZ,Kazakhstan,exports,2019",
            "unknown partner code 'QAZ'",
            2,
        ),
        (
            ",KAZ,Kazakhstan,exports,2019",
            ",KAZ,Kazakhstan,imports,2019",
            "flow 'imports' is not exports",
            2,
        ),
        (
            ",KAZ,Kazakhstan,exports,2019",
            ",,Kazakhstan,exports,2019",
            "partner 'Kazakhstan' has no ISO3",
            2,
        ),
    ],
)
def test_bad_rows_raise_data_error_naming_the_row(
    raw: Path, old: str, new: str, message: str, row: int
) -> None:
    path = raw / FOLDER / FILE
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError, match=message) as caught:
        read_eurostat_eu27_exports(raw, rates=FLAT)
    assert caught.value.row == row


def test_a_file_without_value_column_is_refused(raw: Path) -> None:
    path = raw / FOLDER / FILE
    path.write_text("reporter,partner_iso3,partner_label,flow,year,source_file\n", encoding="utf-8")
    with pytest.raises(DataError, match="missing column\\(s\\): value_eur"):
        read_eurostat_eu27_exports(raw, rates=FLAT)


# --- the real files ----------------------------------------------------------------------


@pytest.mark.rawdata
def test_real_file_matches_the_c5_table_of_source_md(raw_dir: Path) -> None:
    frame = read_eurostat_eu27_exports(raw_dir).frame
    assert len(frame) == 205
    eur_m = frame.set_index(["partner", "year"])["value_eur"] / 1e6
    documented = {
        ("KAZ", 2019): 5917,
        ("KGZ", 2019): 329,
        ("TJK", 2019): 167,
        ("TKM", 2019): 555,
        ("UZB", 2019): 2494,
        ("KAZ", 2023): 12110,
        ("KGZ", 2023): 2734,
        ("UZB", 2023): 4355,
    }
    for key, value in documented.items():
        assert eur_m[key] == pytest.approx(value, abs=0.6)
    usd = frame.set_index(["partner", "year"])["value_musd"]
    # WDI euro-area rate 2019: 0.8933 euro per US$.
    assert usd[("KAZ", 2019)] == pytest.approx(5917.319 / 0.893276, rel=1e-6)


@pytest.mark.rawdata
def test_derived_file_matches_the_raw_comext_extracts(raw_dir: Path) -> None:
    """The loader input agrees with the unmodified extracts, French 2016 labels included."""
    frame = read_eurostat_eu27_exports(raw_dir).frame
    labels = {
        "Kazakhstan": "KAZ",
        "Kyrgyzstan": "KGZ",
        "Tajikistan": "TJK",
        "Tadjikistan": "TJK",
        "Turkmenistan": "TKM",
        "Turkménistan": "TKM",
        "Uzbekistan": "UZB",
        "Ouzbékistan": "UZB",
        "Kirghizistan": "KGZ",
    }
    found = []
    for path in sorted((raw_dir / FOLDER / "raw").glob("Relational_View_*.csv")):
        extract = pd.read_csv(path, dtype=str, keep_default_na=False)
        extract = extract[extract["PARTNER"].isin(labels)]
        year = extract["PERIOD"].str[-4:].astype(int)
        found.append(
            pd.DataFrame(
                {
                    "partner": extract["PARTNER"].map(labels),
                    "year": year,
                    "raw_eur": extract["VALUE_IN_EUR"].astype(float),
                }
            )
        )
    raw = pd.concat(found)
    assert len(raw) == 5 * 14
    merged = raw.merge(frame, on=["partner", "year"], how="left")
    assert (merged["raw_eur"] == merged["value_eur"]).all()
