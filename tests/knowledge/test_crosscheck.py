"""The knowledge base against COW IGO v3 and DESTA: committed derived tables and the raw files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from regint.core.vocab import C5
from regint.knowledge.crosscheck import COW_TO_KB, crosscheck_cow, crosscheck_desta
from regint.knowledge.derived import (
    COW_COLUMNS,
    DESTA_COLUMNS,
    build_derived_tables,
    read_derived_cow,
    read_derived_desta,
)
from regint.knowledge.load import default_kb_dir, read_kb
from regint.sources.cow_igo import COW_TO_ISO3, read_cow_igo, read_cow_states
from regint.sources.desta import read_desta


@pytest.fixture(scope="module")
def cow_check():
    return crosscheck_cow(read_kb(), read_derived_cow())


def _verdicts(table, ioname: str, country: str) -> dict[int, str]:
    return {
        r["year"]: r["verdict"]
        for r in table.rows
        if r["ioname"] == ioname and r["country"] == country
    }


def test_derived_cow_table_is_small_and_limited_to_kb_igos() -> None:
    frame = read_derived_cow()
    assert tuple(frame.columns) == COW_COLUMNS
    assert set(frame["ioname"]) == set(COW_TO_KB)
    assert set(C5) <= set(frame["country"])
    assert frame["year"].between(1991, 2014).all()
    assert len(frame) < 5000


def test_kb_and_cow_mostly_agree(cow_check) -> None:
    verdicts = pd.Series(cow_check.column("verdict")).value_counts()
    assert verdicts["agree"] / len(cow_check) > 0.9
    assert cow_check.notes[0].startswith("agree:")


def test_cow_disagreements_found_in_review_are_reported(cow_check) -> None:
    notes = set(cow_check.notes)
    # COW keeps UZB in the CSTO 2002-2005; the KB has it out of the treaty 1999-2006
    assert "csto UZB 2002-2005: COW full, KB none" in notes
    # COW never codes UZB's EurAsEC suspension (2008-10-20)
    assert "eaec UZB 2009-2014: COW full, KB suspended" in notes
    # COW counts EurAsEC from signature (2000), the KB from entry into force (May 2001)
    assert "eaec KAZ 2000: COW full, KB none" in notes
    assert _verdicts(cow_check, "eaec", "UZB")[2008] == "agree"


def test_joining_during_the_year_is_a_timing_difference(cow_check) -> None:
    # KGZ joined the WTO on 1998-12-20; COW codes 1998 as member
    assert _verdicts(cow_check, "wto", "KGZ")[1998] == "timing"
    assert _verdicts(cow_check, "cis", "TKM")[2005] == "timing"  # associate from 2005-08-26


def test_states_outside_the_c5_are_compared_only_where_the_kb_is_complete(cow_check) -> None:
    compared = {(r["ioname"], r["country"]) for r in cow_check.rows if r["country"] not in C5}
    assert ("eaec", "RUS") in compared
    assert not any(ioname in ("cis", "osce", "wto") for ioname, _ in compared)


def test_desta_comparison_flags_later_national_entry_into_force() -> None:
    table = crosscheck_desta(read_kb(), read_derived_desta())
    verdicts = {(r["org"], r["country"]): r["verdict"] for r in table.rows}
    assert verdicts[("eaeu", "KGZ")] == "agree"
    assert verdicts[("eurasec", "UZB")] == "agree"
    assert verdicts[("cis_fta", "UZB")] == "kb_later"  # DESTA lists UZB as a 2011 party
    assert verdicts[("cis_cu_1995", "KAZ")] == "kb_earlier"
    assert verdicts[("ca_ces_1994", "TJK")] == "desta_missing"


def test_derived_desta_table_holds_only_c5_parties() -> None:
    frame = read_derived_desta()
    assert tuple(frame.columns) == DESTA_COLUMNS
    assert set(frame["country"]) <= set(C5)
    assert {"Eurasian Economic Union (EAEU)", "Central Asian Economic Community"} <= set(
        frame["name"]
    )


@pytest.mark.rawdata
def test_cow_codes_match_the_cow_state_list(raw_dir: Path) -> None:
    states = read_cow_states(raw_dir).set_index("ccode")
    names = {
        "TKM": "Turkmenistan",
        "TJK": "Tajikistan",
        "KGZ": "Kyrgyzstan",
        "UZB": "Uzbekistan",
        "KAZ": "Kazakhstan",
        "RUS": "Russia",
        "BLR": "Belarus",
        "ARM": "Armenia",
        "GEO": "Georgia",
        "AZE": "Azerbaijan",
        "UKR": "Ukraine",
        "MDA": "Moldova",
        "CHN": "China",
        "AFG": "Afghanistan",
        "IRN": "Iran",
        "TUR": "Turkey",
        "IND": "India",
        "PAK": "Pakistan",
    }
    assert {iso3: states.loc[code, "statenme"] for code, iso3 in COW_TO_ISO3.items()} == names


@pytest.mark.rawdata
def test_raw_cow_file_gives_the_known_c5_memberships(raw_dir: Path) -> None:
    table = read_cow_igo(raw_dir, ["csto", "eaec", "wto"], countries=C5)
    frame = table.frame.set_index(["ioname", "country", "year"])["cow_status_label"]
    assert frame[("wto", "KGZ", 1998)] == "full"
    assert frame[("csto", "UZB", 2012)] == "none"
    assert frame[("eaec", "UZB", 2006)] == "full"
    assert table.origin.source_id == "cow_igo"
    assert "Pevehouse" in table.origin.citation


@pytest.mark.rawdata
def test_raw_desta_file_gives_the_eaeu_accession_of_kyrgyzstan(raw_dir: Path) -> None:
    table = read_desta(raw_dir, {417: "KGZ", 398: "KAZ"})
    kgz = table.frame[(table.frame["number"] == "1040+2") & (table.frame["country"] == "KGZ")]
    assert kgz[["role", "year_signed", "entry_force_year"]].values.tolist() == [
        ["acceding", 2014, 2015]
    ]
    assert "Dür" in table.origin.citation


@pytest.mark.rawdata
def test_committed_derived_tables_are_what_the_raw_files_give(
    raw_dir: Path, tmp_path: Path
) -> None:
    paths = build_derived_tables(raw_dir, tmp_path)
    committed = default_kb_dir()
    for key, name in (
        ("cow", "derived/cow_igo_c5.csv"),
        ("desta", "derived/desta_c5.csv"),
        ("countries", "countries.csv"),
    ):
        assert paths[key].read_text(encoding="utf-8") == (committed / name).read_text(
            encoding="utf-8"
        ), name
