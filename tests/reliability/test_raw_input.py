"""Findings 9 and 10: raw data must prove itself; a drop against the committed snapshot stops it."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from regint.core.errors import DataError
from regint.sources import national, wdi
from regint.sources.contract import Contents, check_contents
from regint.storage.snapshot_diff import compute_snapshot_diff, count_rows, require_explained


def test_a_national_file_with_only_its_header_fails_naming_it(fixtures_dir, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(fixtures_dir / "national", raw)
    shutil.copytree(fixtures_dir / "countries", raw, dirs_exist_ok=True)
    path = raw / "kaz-bns-trade-by-partner" / "kaz_trade_by_partner_long.csv"
    path.write_text(path.read_text().splitlines()[0] + "\n")
    with pytest.raises(DataError, match="only a header") as caught:
        national.read_kaz_bns(raw)
    assert str(path) in str(caught.value)


def test_the_real_sources_declare_what_they_must_contain():
    kaz = national.SOURCES["KAZ"].contents
    assert kaz.reporters == ("KAZ",) and set(range(2018, 2024)) <= set(kaz.years)
    assert kaz.min_rows > 1000 and wdi.CONTENTS.min_rows > 10_000


def test_a_shrunken_source_fails_its_declaration(tmp_path):
    frame = pd.DataFrame({"reporter": ["KAZ"] * 3, "year": [2018, 2019, 2020]})
    with pytest.raises(DataError, match="2021-2023"):
        check_contents(frame, Contents(years=tuple(range(2018, 2024))), tmp_path / "kaz.csv")
    with pytest.raises(DataError, match="fewer than the 10"):
        check_contents(frame, Contents(min_rows=10), tmp_path / "kaz.csv")
    with pytest.raises(DataError, match="UZB"):
        check_contents(frame, Contents(reporters=("UZB",)), tmp_path / "kaz.csv")


def test_an_unknown_wdi_code_fails_instead_of_passing_as_an_aggregate(fixtures_dir, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(fixtures_dir / "wdi", raw)
    shutil.copytree(fixtures_dir / "countries", raw, dirs_exist_ok=True)
    path = raw / "wb-wdi" / "indicators" / "ny.gdp.mktp.cd.csv"
    text = path.read_text()
    assert ",KAZ," in text
    path.write_text(text.replace(",KAZ,", ",XYZ,", 1))
    with pytest.raises(DataError, match="unknown country code 'XYZ'") as caught:
        wdi.read_wdi(raw, ["ny.gdp.mktp.cd"])
    assert str(path) in str(caught.value)


def test_a_drop_against_the_committed_snapshot_is_refused_unless_accepted():
    before = pd.DataFrame(
        {"exporter_source": ["kaz_bns"] * 400 + ["imf_dots"] * 1000, "year": [2021] * 1400}
    )
    after = before.iloc[400:].assign(importer_source=None)
    diff = compute_snapshot_diff(count_rows(before, "flows", "x"), count_rows(after, "flows", "x"))
    with pytest.raises(DataError, match=r"flows, kaz_bns, 2021: 400 -> 0 rows"):
        require_explained(diff, accept_changes=False, where="raw")
    require_explained(diff, accept_changes=True, where="raw")
