"""Index indicators taken from the drivers beyond trade (``regint.indicators.drivers``).

Each entry names a driver indicator, the level it is read at and why it is in the index. A
pair-level driver (water and energy complementarity, shared institutions) becomes a state's
value as the mean over its partners in the grouping that year. Titles, units and sources come
from the driver's own metadata record, so they are written once.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from regint.core.regions import Region
from regint.core.vocab import COUNTRY, YEAR
from regint.index.panel import INDICATOR, PANEL_COLUMNS, VALUE
from regint.indicators.drivers.base import DriverData
from regint.indicators.registry import INDICATORS, compute_driver

# id -> (level, direction, why it is in)
DRIVERS: dict[str, tuple[str, int, str]] = {
    "emigrant_intra_share": (
        "country",
        1,
        "People: the share of a state's emigrants who live in another member state (UN DESA "
        "stocks, five-yearly) measures the cross-border ties the study names.",
    ),
    "immigrant_intra_share": (
        "country",
        1,
        "People: the share of a state's immigrants who come from another member state.",
    ),
    "remittances_gdp": (
        "country",
        1,
        "People: remittance inflows measure labour migration's weight in the economy (much of "
        "it from Russia and Kazakhstan, so it is a tie within the EAEU more than the C5).",
    ),
    "water_energy_complementarity": (
        "pair",
        1,
        "Water and energy: how much a state and its partners need each other's water or energy "
        "(upstream hydro against downstream demand), the shared problem the study puts first; "
        "a state's value is the mean over its partners.",
    ),
    "logistics_performance": (
        "country",
        1,
        "Connectivity: every C5 state is landlocked; the quality of trade logistics is what "
        "joint transport infrastructure is for.",
    ),
    "rail_density": ("country", 1, "Connectivity: the rail network per area."),
    "air_departures_per_million": ("country", 1, "Connectivity: air links per inhabitant."),
    "broadband_per_100": ("country", 1, "Connectivity: digital links per inhabitant."),
    "shared_membership_depth": (
        "pair",
        1,
        "Institutions: organisations a state shares with each partner, weighted by depth; a "
        "state's value is the mean over its partners.",
    ),
    "border_settlements": (
        "country",
        1,
        "Security: border disputes are a barrier the study names; each settlement removes one.",
    ),
    "interstate_incidents": (
        "country",
        -1,
        "Security: armed incidents between members are mutual distrust at its most visible.",
    ),
}


def driver_meta(ident: str) -> dict[str, object]:
    """The catalogue fields of a driver-based index indicator (from its metadata record)."""
    level, direction, why = DRIVERS[ident]
    meta = INDICATORS[ident]
    definition = meta.formula + (" (mean over partners in the grouping)" if level == "pair" else "")
    return {
        "id": ident,
        "title": meta.title,
        "unit": meta.unit,
        "direction": direction,
        "sources": tuple(meta.sources),
        "why": why,
        "definition": definition,
    }


def compute_driver_inputs(
    data: DriverData, region: Region, years: Sequence[int], wanted: Sequence[str]
) -> pd.DataFrame:
    """The driver indicators in ``wanted`` as a tidy panel for the members of ``region``."""
    frames = []
    for ident in wanted:
        if ident not in DRIVERS:
            continue
        level = DRIVERS[ident][0]
        out = compute_driver(ident, data, region, level, list(years))
        if level == "pair":  # each unordered pair once: count it for both states
            sides = [out.rename(columns={side: COUNTRY}) for side in ("reporter", "partner")]
            both = pd.concat([f[[COUNTRY, YEAR, "value"]] for f in sides], ignore_index=True)
            out = both.groupby([COUNTRY, YEAR], as_index=False)["value"].mean()
        frames.append(
            pd.DataFrame(
                {
                    COUNTRY: out[COUNTRY].astype(str),
                    YEAR: out[YEAR].astype(int),
                    INDICATOR: ident,
                    VALUE: out["value"].astype(float),
                }
            )
        )
    if not frames:
        return pd.DataFrame(columns=list(PANEL_COLUMNS))
    return pd.concat(frames, ignore_index=True)
