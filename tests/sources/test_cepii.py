"""CEPII GeoDist: distances and ties between pairs, and country geography."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from regint.core.errors import DataError
from regint.sources.cepii import read_geo, read_geodist

DIST = Path("cepii-geodist") / "dist_cepii.csv"
GEO = Path("cepii-geodist") / "geo_cepii.csv"


@pytest.fixture
def raw(tmp_path: Path, fixtures_dir: Path) -> Path:
    shutil.copytree(fixtures_dir / "countries" / "country-codes", tmp_path / "country-codes")
    shutil.copytree(fixtures_dir / "cepii" / "cepii-geodist", tmp_path / "cepii-geodist")
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_old_cepii_codes_are_renamed_and_former_ones_flagged(raw: Path) -> None:
    frame = read_geodist(raw).frame
    codes = set(frame["origin"])
    assert "ROU" in codes and "ROM" not in codes
    assert {"YUG", "ANT"} <= codes
    flagged = frame[frame["has_former_code"]]
    assert set(flagged["origin"]) | set(flagged["destination"]) >= {"YUG", "ANT"}
    assert not frame[(frame["origin"] == "KAZ") & (frame["destination"] == "ROU")][
        "has_former_code"
    ].any()


def test_pair_variables_keep_their_values_and_units(raw: Path) -> None:
    frame = read_geodist(raw).frame.set_index(["origin", "destination"])
    kaz_uzb = frame.loc[("KAZ", "UZB")]
    assert bool(kaz_uzb["contig"]) and bool(kaz_uzb["comcol"]) and not bool(kaz_uzb["colony"])
    assert kaz_uzb["dist_km"] == pytest.approx(673.882)
    assert kaz_uzb["distw_km"] == pytest.approx(1080.526, abs=0.001)
    assert frame["contig"].dtype == bool


def test_a_missing_weighted_distance_stays_unknown(raw: Path) -> None:
    frame = read_geodist(raw).frame.set_index(["origin", "destination"])
    assert frame.loc[("KAZ", "MAC"), "dist_km"] == pytest.approx(4095.8643)
    assert frame.loc[("KAZ", "MAC"), ["distw_km", "distwces_km"]].isna().all()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("KAZ,UZB,1,0,0,0,1", "KAZ,UZB,2,0,0,0,1", "contig must be 0 or 1"),
        ("KAZ,UZB,1,0,0,0,1,0,0,0,673.882", "KAZ,UZB,1,0,0,0,1,0,0,0,-673.882", "negative dist"),
        (
            "KAZ,UZB,1,0,0,0,1,0,0,0,673.882",
            "KAZ,UZB,1,0,0,0,1,0,0,0,far",
            "non-numeric dist 'far'",
        ),
        ("KAZ,UZB,1", "KAZ,UZZ,1", "unknown iso_d code 'UZZ'"),
        ("KAZ,UZB,1", "KAZ,KAZ,1", "duplicate pair KAZ-KAZ"),
    ],
)
def test_bad_pair_rows_raise_data_error_with_their_row(
    raw: Path, old: str, new: str, message: str
) -> None:
    _edit(raw / DIST, old, new)
    with pytest.raises(DataError, match=message) as caught:
        read_geodist(raw)
    assert caught.value.row is not None and caught.value.row > 1


def test_geo_takes_the_capital_row_of_each_country(raw: Path) -> None:
    frame = read_geo(raw).frame.set_index("iso3")
    assert frame.loc["KAZ", "capital"] == "Astana"
    assert (frame.loc["KAZ", "lat"], frame.loc["KAZ", "lon"]) == pytest.approx((51.17, 71.47))
    assert bool(frame.loc["UZB", "landlocked"]) and not bool(frame.loc["ROU", "landlocked"])
    assert frame.loc["UZB", "continent"] == "Asia"
    assert frame.index.is_unique and "ROM" not in frame.index
    assert bool(frame.loc["YUG", "has_former_code"])


def test_geo_continent_no_is_missing(raw: Path) -> None:
    frame = read_geo(raw).frame.set_index("iso3")
    assert frame["continent"].isna().to_dict() == {
        "ANT": False,
        "KAZ": False,
        "ROU": False,
        "ATF": True,
        "UZB": False,
        "YUG": False,
    }


def test_geo_refuses_two_capitals(raw: Path) -> None:
    _edit(raw / GEO, "Alma-Ata (Almaty),43.25,76.95,2", "Alma-Ata (Almaty),43.25,76.95,1")
    with pytest.raises(DataError, match="two capitals \\(cap == 1\\) for KAZ") as caught:
        read_geo(raw)
    assert caught.value.row == 3


def test_geo_refuses_a_country_without_capital_row(raw: Path) -> None:
    _edit(raw / GEO, "Tachkent,41.266666,69.21667,1", "Tachkent,41.266666,69.21667,0")
    with pytest.raises(DataError, match="no capital row \\(cap == 1\\) for UZB"):
        read_geo(raw)


def test_geo_refuses_a_latitude_beyond_the_pole(raw: Path) -> None:
    _edit(raw / GEO, "Astana,Astana,51.", "Astana,Astana,151.")
    with pytest.raises(DataError, match="lat 151.* out of range") as caught:
        read_geo(raw)
    assert caught.value.row == 3


# --- the real files ----------------------------------------------------------------------


@pytest.mark.rawdata
def test_real_geodist_matches_source_md(raw_dir: Path) -> None:
    dist = read_geodist(raw_dir).frame
    assert len(dist) == 50176 and dist["origin"].nunique() == 224
    assert not {"ROM", "ZAR", "TMP", "PAL"} & set(dist["origin"])
    pairs = dist.set_index(["origin", "destination"])
    assert pairs.loc[("KAZ", "UZB"), "dist_km"] == pytest.approx(673.9, abs=0.1)
    assert pairs.loc[("KAZ", "UZB"), "distw_km"] == pytest.approx(1080.5, abs=0.1)
    c5 = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    for country in c5:
        assert pairs.loc[(country, "RUS"), "colony"]
    assert pairs.loc[("KAZ", "RUS"), "comlang_off"]
    assert all(pairs.loc[(a, b), "comcol"] for a in c5 for b in c5 if a != b)
    assert dist["distw_km"].isna().sum() == 2215
    geo = read_geo(raw_dir).frame.set_index("iso3")
    assert len(geo) == 225
    assert geo.loc[c5, "landlocked"].all()
