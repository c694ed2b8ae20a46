"""regint's own gravity panel: reconciled DOTS flows, CEPII covariates, WDI GDP, domestic flows.

**DOTS has no domestic (intra-national) flows.** Structural gravity needs them (a country's
sales to itself are part of its output and its spending), so regint builds them by a documented
rule, and every output that depends on them says so:

- ``gdp_minus_exports`` (default): X_ii = GDP_i - sum_j X_ij, GDP from WDI (NY.GDP.MKTP.CD), the
  exports from the panel itself (reconciled basis, US$ millions);
- ``half_gdp_minus_exports`` (the sensitivity check): X_ii = GDP_i / 2 - sum_j X_ij, as if only
  half of value added were tradable goods and services.

A country-year whose rule gives no positive value (no GDP, or exports above the GDP share) has
no domestic flow: it is blank, never zero, and the country leaves the GE sample with a note.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

import duckdb
import numpy as np
import pandas as pd

from regint.core.errors import InputError
from regint.pipeline.reconcile import reconcile_sql

DomesticRule = Literal["gdp_minus_exports", "half_gdp_minus_exports"]
DOMESTIC_RULES: tuple[str, ...] = get_args(DomesticRule)
DOMESTIC_SHARE = {"gdp_minus_exports": 1.0, "half_gdp_minus_exports": 0.5}
DOMESTIC_NOTE = (
    "DOTS has no domestic (intra-national) flows; regint builds them as {rule} (WDI GDP minus "
    "the panel's exports); see docs/explanation/gravity.md"
)
Progress = Callable[[str], None]


@dataclass(frozen=True)
class WorldInputs:
    """What the panel is built from, as read from the warehouse."""

    flows: pd.DataFrame  # exporter, importer, year, trade (US$ m, reconciled)
    gdp: pd.DataFrame  # country, year, gdp_musd
    distance: pd.DataFrame  # exporter, importer, ln_dist, contig, lang, colony
    sources: tuple[dict, ...]


def load_world_inputs(
    con: duckdb.DuckDBPyConnection, years: Sequence[int], cif_fob: float = 1.06
) -> WorldInputs:
    """Read flows (reconciled basis), GDP and CEPII covariates for ``years``."""
    ys = ", ".join(str(int(y)) for y in years)
    rec = reconcile_sql(f"SELECT * FROM trade.flows WHERE year IN ({ys})", "reconciled", cif_fob)
    flows = con.sql(
        f"SELECT exporter, importer, year, value_musd AS trade FROM ({rec}) "
        "WHERE value_musd IS NOT NULL AND exporter <> importer"
    ).df()
    gdp = con.sql(
        "SELECT country, year, value / 1e6 AS gdp_musd FROM macro.wdi "
        f"WHERE indicator = 'ny.gdp.mktp.cd' AND NOT is_aggregate AND year IN ({ys}) "
        "AND value IS NOT NULL"
    ).df()
    distance = con.sql(
        "SELECT origin AS exporter, destination AS importer, ln(distw_km) AS ln_dist, "
        "CAST(contig AS INT) AS contig, CAST(comlang_off AS INT) AS lang, "
        "CAST(colony AS INT) AS colony FROM geo.distance WHERE distw_km > 0"
    ).df()
    sources = con.sql(
        "SELECT * FROM meta.sources WHERE source_id IN ('imf_dots', 'wb_wdi', 'cepii_geodist')"
    ).df()
    return WorldInputs(flows, gdp, distance, tuple(sources.to_dict(orient="records")))


def compute_domestic(inputs: WorldInputs, rule: DomesticRule) -> pd.DataFrame:
    """Domestic flows by ``rule`` (see the module docstring); blank where the rule fails."""
    if rule not in DOMESTIC_RULES:
        raise InputError("domestic_rule", f"'{rule}' is not one of {', '.join(DOMESTIC_RULES)}")
    exports = inputs.flows.groupby(["exporter", "year"], as_index=False)["trade"].sum()
    exports = exports.rename(columns={"exporter": "country", "trade": "exports"})
    out = exports.merge(inputs.gdp, on=["country", "year"], how="left")
    value = DOMESTIC_SHARE[rule] * out["gdp_musd"] - out["exports"]
    out["trade"] = value.where(value > 0)
    out["exporter"] = out["importer"] = out["country"]
    return out[["exporter", "importer", "year", "trade"]]


def compute_sample(inputs: WorldInputs, top: int | None, keep: Sequence[str]) -> list[str]:
    """Countries in the panel: all with flows and GDP, or the ``top`` traders plus ``keep``."""
    have_gdp = set(inputs.gdp["country"])
    totals = (
        inputs.flows.groupby("exporter")["trade"]
        .sum()
        .add(inputs.flows.groupby("importer")["trade"].sum(), fill_value=0)
    )
    totals = totals[totals.index.isin(have_gdp)].sort_values(ascending=False)
    chosen = list(totals.index) if top is None else list(totals.index[:top])
    return sorted(set(chosen) | (set(keep) & set(totals.index)))


def compute_world_panel(
    inputs: WorldInputs,
    countries: Sequence[str],
    rule: DomesticRule = "gdp_minus_exports",
) -> pd.DataFrame:
    """The estimation panel among ``countries``: flows, domestic flows and covariates.

    Unknown international flows stay out (PPML uses observed flows only; a missing cell is not a
    zero). ``is_domestic`` marks the built domestic flows.
    """
    c = set(countries)
    flows = inputs.flows.loc[inputs.flows["exporter"].isin(c) & inputs.flows["importer"].isin(c)]
    domestic = compute_domestic(inputs, rule)
    domestic = domestic.loc[domestic["exporter"].isin(c)]
    panel = pd.concat([flows, domestic.dropna(subset=["trade"])], ignore_index=True)
    panel = panel.merge(inputs.distance, on=["exporter", "importer"], how="left")
    panel["is_domestic"] = (panel["exporter"] == panel["importer"]).astype(int)
    panel["intl_brdr"] = 1 - panel["is_domestic"]
    panel["year"] = panel["year"].astype(int)
    return panel.sort_values(["year", "exporter", "importer"], ignore_index=True)


def compute_complete_countries(panel: pd.DataFrame, year: int) -> list[str]:
    """Countries with a domestic flow and a distance to every other in ``year`` (GE sample)."""
    yr = panel.loc[panel["year"] == year]
    dom = set(yr.loc[yr["is_domestic"] == 1, "exporter"])
    has_dist = yr.dropna(subset=["ln_dist"])
    out = sorted(dom & set(has_dist["exporter"]) & set(has_dist["importer"]))
    return [c for c in out if np.isfinite(yr.loc[yr["exporter"] == c, "trade"]).any()]
