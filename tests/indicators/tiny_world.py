"""A tiny hand-built world for the indicator oracle tests (made up for regint; public domain).

Region R = {KAZ, KGZ, UZB}; outsiders RUS and POL (POL joins the EU in 2004, so it moves from
OTHERS to EU27 in the partner profile). Two years, 2003 and 2004; 2004 equals 2003 except
KAZ->UZB = 45 (20 in 2003). Values are reconciled FOB US$ m; UZB->KGZ exists only as a mirror.

Directed flows (2003):          pair trade T_ij = X_ij + X_ji (2003; 2004 differs in KAZ-UZB = 60)
  KAZ->KGZ 10  KGZ->KAZ  5        KAZ-KGZ 15   KAZ-UZB 35   KGZ-UZB  5
  KAZ->UZB 20  UZB->KAZ 15        KAZ-RUS 100  KAZ-POL 50
  KGZ->UZB  2  UZB->KGZ  3        KGZ-RUS 15   KGZ-POL 15
  KAZ->RUS 40  RUS->KAZ 60        UZB-RUS 30   UZB-POL 20
  KAZ->POL 30  POL->KAZ 20        RUS-POL 200
  KGZ->RUS  5  RUS->KGZ 10
  POL->KGZ 15  (no KGZ->POL)
  UZB->RUS 10  RUS->UZB 20
  UZB->POL 10  POL->UZB 10
  RUS->POL 100 POL->RUS 100

Totals T_i: 2003 KAZ 200, KGZ 50, UZB 100 (10 with unknown partners), RUS 400, POL 500;
            2004 KAZ 225, KGZ 50, UZB 125 (10 unknown), RUS 400, POL 500.
World T_W:  2003 1400, 2004 1600.
"""

from __future__ import annotations

import math

import pandas as pd

from regint.core.regions import Region
from regint.indicators import TradeData

MEMBERS = frozenset({"KAZ", "KGZ", "UZB"})
REGION = Region.fixed("c3", "KAZ, KGZ and UZB", MEMBERS)
YEARS = (2003, 2004)
CIF_FOB = 1.06

FLOWS_2003: dict[tuple[str, str], float] = {
    ("KAZ", "KGZ"): 10,
    ("KGZ", "KAZ"): 5,
    ("KAZ", "UZB"): 20,
    ("UZB", "KAZ"): 15,
    ("KGZ", "UZB"): 2,
    ("UZB", "KGZ"): 3,
    ("KAZ", "RUS"): 40,
    ("RUS", "KAZ"): 60,
    ("KAZ", "POL"): 30,
    ("POL", "KAZ"): 20,
    ("KGZ", "RUS"): 5,
    ("RUS", "KGZ"): 10,
    ("POL", "KGZ"): 15,
    ("UZB", "RUS"): 10,
    ("RUS", "UZB"): 20,
    ("UZB", "POL"): 10,
    ("POL", "UZB"): 10,
    ("RUS", "POL"): 100,
    ("POL", "RUS"): 100,
}
FLOWS_2004 = {**FLOWS_2003, ("KAZ", "UZB"): 45}
TOTALS = {
    2003: {"KAZ": 200, "KGZ": 50, "UZB": 100, "RUS": 400, "POL": 500},
    2004: {"KAZ": 225, "KGZ": 50, "UZB": 125, "RUS": 400, "POL": 500},
}
WORLD = {2003: 1400, 2004: 1600}

# The importers' CIF reports of the intra-regional flows (2003); UZB->KAZ is not reported by
# KAZ and UZB->KGZ is reported only by KGZ. Every other flow: CIF = FOB * 1.06.
INTRA_CIF_2003 = {
    ("KAZ", "KGZ"): 11.66,
    ("KGZ", "KAZ"): 5.30,
    ("KAZ", "UZB"): 23.32,
    ("UZB", "KAZ"): math.nan,
    ("KGZ", "UZB"): 2.12,
    ("UZB", "KGZ"): 3.18,
}
MIRROR_ONLY = {("UZB", "KGZ")}


def flows_frame() -> pd.DataFrame:
    """The reconciled directed flows, one row per flow and year."""
    rows = []
    for year, flows in ((2003, FLOWS_2003), (2004, FLOWS_2004)):
        for (exporter, importer), value in flows.items():
            side = "mirror" if (exporter, importer) in MIRROR_ONLY else "reported"
            rows.append((exporter, importer, year, float(value), side, "test"))
    columns = ["exporter", "importer", "year", "value_musd", "side", "source"]
    return pd.DataFrame(rows, columns=columns)


def totals_frame() -> pd.DataFrame:
    rows = [(c, y, float(v), "test") for y, by in TOTALS.items() for c, v in by.items()]
    return pd.DataFrame(rows, columns=["country", "year", "trade_musd", "source"])


def world_frame() -> pd.DataFrame:
    rows = [(y, float(v), "test") for y, v in WORLD.items()]
    return pd.DataFrame(rows, columns=["year", "trade_musd", "source"])


def both_sides_frame() -> pd.DataFrame:
    """The raw two-sided table the reconciled flows come from."""
    rows = []
    for year, flows in ((2003, FLOWS_2003), (2004, FLOWS_2004)):
        for (exporter, importer), value in flows.items():
            fob = math.nan if (exporter, importer) in MIRROR_ONLY else float(value)
            cif = INTRA_CIF_2003.get((exporter, importer), float(value) * CIF_FOB)
            if year == 2004 and (exporter, importer) == ("KAZ", "UZB"):
                cif = 47.70
            rows.append((exporter, importer, year, fob, cif))
    columns = ["exporter", "importer", "year", "exporter_fob_musd", "importer_cif_musd"]
    return pd.DataFrame(rows, columns=columns)


def make_data(
    flows: pd.DataFrame | None = None,
    totals: pd.DataFrame | None = None,
    world: pd.DataFrame | None = None,
) -> TradeData:
    return TradeData(
        flows=flows_frame() if flows is None else flows,
        totals=totals_frame() if totals is None else totals,
        world=world_frame() if world is None else world,
        basis="reconciled",
    )


def agreeing_both_sides_frame() -> pd.DataFrame:
    """Both sides agree (CIF = FOB * 1.06), so any reconciliation rule yields ``flows_frame``."""
    frame = both_sides_frame()
    flows = flows_frame()
    return frame.assign(importer_cif_musd=flows["value_musd"] * CIF_FOB)
