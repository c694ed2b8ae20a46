"""One vocabulary for columns, units, options and country sets, written down once."""

from __future__ import annotations

from typing import Literal, get_args

# --- keys -------------------------------------------------------------------------------
EXPORTER = "exporter"
IMPORTER = "importer"
REPORTER = "reporter"
PARTNER = "partner"
YEAR = "year"
COUNTRY = "country"

# --- the directed-flow table (warehouse ``trade.flows``, snapshot ``flows.parquet``) ---
# One row per exporter -> importer -> year. Both sides' reports sit side by side.
EXPORTER_FOB = "exporter_fob_musd"  # the exporter's report of its exports, FOB
IMPORTER_CIF = "importer_cif_musd"  # the importer's report of its imports, CIF
EXPORTER_SOURCE = "exporter_source"  # source id behind EXPORTER_FOB, or null
IMPORTER_SOURCE = "importer_source"  # source id behind IMPORTER_CIF, or null
FLOW_COLUMNS = (
    EXPORTER,
    IMPORTER,
    YEAR,
    EXPORTER_FOB,
    IMPORTER_CIF,
    EXPORTER_SOURCE,
    IMPORTER_SOURCE,
)

# --- after reconciliation (what indicators read) ----------------------------------------
VALUE = "value_musd"  # the flow on the chosen basis, US$ millions, FOB
SIDE = "side"  # 'reported' (exporter's) or 'mirror' (importer's / cif_fob)
SOURCE = "source"

# --- options: types, defaults and validators live in regint.core.options -----------------
Side = Literal["reported", "mirror"]

# --- years ------------------------------------------------------------------------------
FIRST_YEAR = 1992  # the C5 exist as states in DOTS from 1992
PANEL_LAST_YEAR = 2020  # the world panel (IMF DOTS) ends here
LAST_YEAR = 2025  # the newest year any shipped source reaches

# --- indicator dimensions ---------------------------------------------------------------
# The study's drivers of integration, each a family of indicators (trade first).
Dimension = Literal["trade", "people", "water_energy", "connectivity", "security", "institutions"]
DIMENSIONS: tuple[Dimension, ...] = get_args(Dimension)

# --- membership ---------------------------------------------------------------------------
# Statuses that count as full membership (suspended, observer, partner do not).
FULL_STATUSES: frozenset[str] = frozenset({"founding_member", "member"})

# --- country sets -----------------------------------------------------------------------
C5: tuple[str, ...] = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
KEY_PAIR: tuple[str, ...] = ("KAZ", "UZB")

# Reporters whose own export reports are not used on the reconciled basis.
# Turkmenistan hardly reports: DOTS rows for it are IMF estimates.
ALWAYS_MIRROR: tuple[str, ...] = ("TKM",)
# Uzbekistan has no country-level partner detail in DOTS before 2000.
MIRROR_BEFORE: dict[str, int] = {"UZB": 2000}

# The EU-27 (the 2020 composition) with each member's year of accession to the EU/EEC.
# A member counts from its accession year; the United Kingdom is never counted.
EU27_ACCESSION: dict[str, int] = {
    "BEL": 1958,
    "DEU": 1958,
    "FRA": 1958,
    "ITA": 1958,
    "LUX": 1958,
    "NLD": 1958,
    "DNK": 1973,
    "IRL": 1973,
    "GRC": 1981,
    "ESP": 1986,
    "PRT": 1986,
    "AUT": 1995,
    "FIN": 1995,
    "SWE": 1995,
    "CYP": 2004,
    "CZE": 2004,
    "EST": 2004,
    "HUN": 2004,
    "LVA": 2004,
    "LTU": 2004,
    "MLT": 2004,
    "POL": 2004,
    "SVK": 2004,
    "SVN": 2004,
    "BGR": 2007,
    "ROU": 2007,
    "HRV": 2013,
}


def eu27_members(year: int) -> frozenset[str]:
    """EU-27 members (2020 composition) that had joined by ``year``."""
    return frozenset(c for c, joined in EU27_ACCESSION.items() if joined <= year)


# External centres of power in the external-partner profile, in display order.
PROFILE_PARTNERS: tuple[str, ...] = ("RUS", "CHN", "EU27", "USA", "TUR", "IRN")
PROFILE_GROUPS: tuple[str, ...] = (*PROFILE_PARTNERS, "REGION", "OTHERS")

# A source id ending in this suffix marks an IMF estimate, not the reporter's own figure
# ("imf_dots_estimate"): the one-sided bases ignore it; reconciliation uses it last.
ESTIMATE_SUFFIX = "_estimate"

# --- source ids -------------------------------------------------------------------------
SRC_DOTS = "imf_dots"
SRC_IMTS = "imf_imts"
SRC_KAZ = "kaz_bns"
SRC_UZB = "uzb_siat"
SRC_KGZ = "kgz_nsc"
SRC_EUROSTAT = "eurostat_comext"
SRC_WDI = "wb_wdi"
SRC_CEPII = "cepii_geodist"
SRC_COUNTRY_CODES = "country_codes"
SRC_UN_MIGRANTS = "un_desa_migrant_stock"
SRC_KNOMAD = "wb_knomad_2017"

# Balassa's ladder as ranks (none = 0 ... economic_union = 5): the one copy that the drivers'
# indicators, the claims and the index use; the knowledge model's ``Depth`` names the same rungs.
DEPTH_RANK: dict[str, int] = {
    "none": 0,
    "PTA": 1,
    "FTA": 2,
    "customs_union": 3,
    "common_market": 4,
    "economic_union": 5,
}
