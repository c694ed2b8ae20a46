"""A tiny but complete snapshot, built with the project's own writer, for warehouse tests.

Countries: KAZ, UZB, TKM (the region) and RUS, CHN (outsiders); years 1999-2001 in the
"panel" and 2021 from "national statistics". Values are invented round numbers chosen so
that results can be checked by hand.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from regint.core.vocab import FLOW_COLUMNS
from regint.storage.snapshot import write_snapshot

# exporter, importer, year, exporter_fob, importer_cif
_FLOWS = [
    ("KAZ", "UZB", 1999, 100.0, 106.0),
    ("UZB", "KAZ", 1999, 40.0, 53.0),
    ("KAZ", "RUS", 1999, 300.0, 318.0),
    ("RUS", "KAZ", 1999, 500.0, 530.0),
    ("TKM", "KAZ", 1999, 10.0, 21.2),
    ("UZB", "CHN", 1999, None, 106.0),
    ("CHN", "RUS", 1999, 1000.0, 1060.0),
    ("RUS", "CHN", 1999, 800.0, 848.0),
    ("KAZ", "UZB", 2000, 120.0, 127.2),
    ("UZB", "KAZ", 2000, 60.0, 63.6),
    ("KAZ", "RUS", 2000, 310.0, None),
    ("CHN", "RUS", 2000, 900.0, 954.0),
    ("KAZ", "UZB", 2021, 200.0, 212.0),
    ("UZB", "KAZ", 2021, 90.0, None),
]


def tiny_tables() -> dict[str, pd.DataFrame]:
    flows = pd.DataFrame(_FLOWS, columns=list(FLOW_COLUMNS[:5]))
    flows["exporter_source"] = (
        flows["exporter_fob_musd"].notna().map({True: "imf_dots", False: None})
    )
    flows["importer_source"] = (
        flows["importer_cif_musd"].notna().map({True: "imf_dots", False: None})
    )
    later = flows["year"] > 2020
    flows.loc[later & flows["exporter_fob_musd"].notna(), "exporter_source"] = "kaz_bns"
    flows.loc[later & flows["importer_cif_musd"].notna(), "importer_source"] = "uzb_siat"
    wdi = pd.DataFrame(
        {
            "country": ["KAZ", "KAZ", "UZB", "UZB", "TKM", "TKM", "WLD", "WLD"],
            "year": [2021] * 8,
            "indicator": ["tx.val.mrch.cd.wt", "tm.val.mrch.cd.wt"] * 4,
            "value": [600e6, 400e6, 300e6, 200e6, 50e6, 50e6, 10000e6, 10000e6],
            "is_aggregate": [False] * 6 + [True] * 2,
        }
    )
    countries = pd.DataFrame(
        {
            "iso3": ["KAZ", "UZB", "TKM", "RUS", "CHN", "KGZ", "TJK"],
            "name": [
                "Kazakhstan",
                "Uzbekistan",
                "Turkmenistan",
                "Russia",
                "China",
                "Kyrgyzstan",
                "Tajikistan",
            ],
        }
    )
    national = pd.DataFrame(
        {
            "reporter": ["KAZ"],
            "partner": ["UZB"],
            "partner_kind": ["country"],
            "flow": ["exports"],
            "year": [2021],
            "value_musd": [200.0],
            "source_id": ["kaz_bns"],
            "source_file": ["tiny"],
        }
    )
    totals = pd.DataFrame(
        {
            "reporter": ["KAZ"],
            "year": [2021],
            "flow": ["exports"],
            "total_musd": [600.0],
            "allocated_musd": [600.0],
            "unallocated_musd": [0.0],
            "source_id": ["kaz_bns"],
        }
    )
    return {
        "flows": flows,
        "wdi": wdi,
        "countries": countries,
        "national": national,
        "national_totals": totals,
    }


def tiny_manifest() -> dict:
    return {
        "code_version": "test",
        "built_at": "2026-01-01T00:00:00+00:00",
        "sources": [
            {
                "source_id": "imf_dots",
                "producer": "IMF",
                "title": "DOTS (tiny test copy)",
                "licence": "reuse with attribution (IMF terms)",
                "urls": ["https://data.imf.org"],
                "redistributable": "yes",
                "citation": "Source: International Monetary Fund, Direction of Trade Statistics (DOTS)",
            }
        ],
        "inputs": {"imf_dots": [{"path": "tiny.xlsx", "sha256": "0" * 64, "size": 1}]},
        "tables": {"flows": {"sources": ["imf_dots"]}},
    }


def write_tiny_snapshot(out_dir: Path) -> Path:
    return write_snapshot(tiny_tables(), tiny_manifest(), out_dir)
