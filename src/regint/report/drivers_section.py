"""The report's "Drivers beyond trade" section: one chart per dimension, each with its sources.

People (where emigrants live), water and energy (who needs whose water, who imports energy),
connectivity (logistics), security (recorded events) and institutions (shared memberships
weighted by depth). The numbers come from :func:`regint.api.drivers.compute_driver_panel`.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import pandas as pd

from regint.api.drivers import compute_driver_panel
from regint.core.regions import Region
from regint.report.html import esc, figure, pct, rows_table, section
from regint.report.svg import figure_svg, new_figure

SEC_ID = "drivers"
TITLE = "Drivers beyond trade"
LATEST_STOCK = "2020"
REQUESTS = (
    ("emigrant_share_russia", "country", LATEST_STOCK),
    ("emigrant_intra_share", "country", LATEST_STOCK),
    ("emigrant_share_russia", "region", "1990-2020"),
    ("water_withdrawal_internal", "country", "2020"),
    ("net_energy_imports", "country", "2020"),
    ("water_energy_complementarity", "pair", "2010-2020"),
    ("logistics_performance", "country", "2007-2023"),
    ("landlocked_status", "country", "2020"),
    ("interstate_incidents", "region", "1991-2025"),
    ("border_settlements", "region", "1991-2025"),
    ("base_closures", "region", "1991-2025"),
    ("deployments", "region", "1991-2025"),
    ("shared_membership_depth", "region", "1991-2025"),
)
SECURITY = ("interstate_incidents", "border_settlements", "base_closures", "deployments")


def collect_drivers(
    region: Region, warehouse: str | os.PathLike[str] | None = None
) -> dict[str, pd.DataFrame]:
    """Every series the section draws; keys ``id`` or ``id@level`` when an id is drawn twice."""
    frames = compute_driver_panel(REQUESTS, region=region, warehouse=warehouse)
    out: dict[str, pd.DataFrame] = {}
    for (indicator, level, _), frame in zip(REQUESTS, frames, strict=True):
        out[indicator if indicator not in out else f"{indicator}@{level}"] = frame
    return out


def _sources(*frames: pd.DataFrame) -> str:
    """'producer, title [licence]' for every source behind ``frames``, once each."""
    seen: dict[str, str] = {}
    for frame in frames:
        for s in frame.attrs.get("provenance", {}).get("sources", []):
            seen.setdefault(
                s.get("source_id", s.get("title", "")),
                f"{s.get('producer', '')}, {s.get('title', '')} [{s.get('licence', '')}]",
            )
    return "; ".join(seen.values()) + "; computed by regint"


def _bars(ax: Any, labels: list[str], series: dict[str, list[float]]) -> None:
    width = 0.8 / max(len(series), 1)
    x = np.arange(len(labels))
    for k, (name, values) in enumerate(series.items()):
        ax.bar(x + k * width - 0.4 + width / 2, values, width, label=name)
    ax.set_xticks(x, labels)


def _people(d: dict[str, pd.DataFrame]) -> str:
    russia, intra = d["emigrant_share_russia"], d["emigrant_intra_share"]
    labels = list(russia["country"])
    fig = new_figure(height=3.0)
    ax = fig.subplots()
    _bars(
        ax,
        labels,
        {"in Russia": list(russia["value"]), "in the other members": list(intra["value"])},
    )
    ax.set_ylabel("share of emigrants, 2020")
    ax.legend()
    caption = (
        "Where each state's emigrants live (UN DESA stocks, 2020): Russia against all the other "
        "member states together. A missing bar is a missing value, not zero."
    )
    return figure(figure_svg(fig, "emigrants"), caption, _sources(russia, intra), "fig-people")


def _water(d: dict[str, pd.DataFrame]) -> str:
    water, energy = d["water_withdrawal_internal"], d["net_energy_imports"]
    fig = new_figure(height=3.0)
    left, right = fig.subplots(1, 2)
    left.bar(water["country"], water["value"])
    if (water["value"] > 0).any():
        left.set_yscale("log")
    left.axhline(100, color="#888", linewidth=0.8)
    left.set_title("Freshwater withdrawals, % of internal resources (log)")
    right.bar(energy["country"], energy["value"])
    right.axhline(0, color="#888", linewidth=0.8)
    right.set_title("Net energy imports, % of energy use")
    caption = (
        "2020. Above the 100% line a state uses more water than rises on its territory (it depends "
        "on upstream states); below 0 a state exports energy. Downstream water users are the "
        "energy exporters, and the upstream states import energy."
    )
    return figure(
        figure_svg(fig, "water and energy"), caption, _sources(water, energy), "fig-water"
    )


def _connectivity(d: dict[str, pd.DataFrame]) -> str:
    lpi = d["logistics_performance"].dropna(subset=["value"])
    fig = new_figure(height=3.0)
    ax = fig.subplots()
    for country, rows in lpi.groupby("country"):
        ax.plot(rows["year"], rows["value"], marker="o", label=country)
    ax.set_ylabel("LPI, overall (1-5)")
    if not lpi.empty:
        ax.legend(ncols=5)
    land = d["landlocked_status"]
    double = ", ".join(land.loc[land["value"] == 2, "country"]) or "none"
    caption = (
        "Logistics Performance Index in the survey years. Every member is landlocked (CEPII); "
        f"double-landlocked: {double}."
    )
    return figure(figure_svg(fig, "logistics"), caption, _sources(lpi, land), "fig-connectivity")


def _security(d: dict[str, pd.DataFrame]) -> str:
    frames = [d[k] for k in SECURITY]
    fig = new_figure(height=3.0)
    ax = fig.subplots()
    bottom = np.zeros(len(frames[0]))
    for name, frame in zip(SECURITY, frames, strict=True):
        values = frame["value"].fillna(0).to_numpy()  # drawing only: blank years are noted below
        ax.bar(frame["year"], values, bottom=bottom, label=name.replace("_", " "))
        bottom += values
    ax.set_ylabel("recorded events")
    ax.set_ylim(0, max(1.0, float(bottom.max()) + 1))
    ax.legend(ncols=4)
    blank = frames[0].loc[frames[0]["value"].isna(), "year"].tolist()
    after = (
        f" Years after the knowledge base's date ({', '.join(map(str, blank))}) are blank."
        if blank
        else ""
    )
    caption = (
        "Security events recorded in the knowledge base per year (curated, not exhaustive)." + after
    )
    return figure(figure_svg(fig, "security events"), caption, _sources(*frames), "fig-security")


def _institutions(d: dict[str, pd.DataFrame]) -> str:
    depth = d["shared_membership_depth"]
    fig = new_figure(height=2.8)
    ax = fig.subplots()
    ax.plot(depth["year"], depth["value"])
    ax.set_ylim(0, max(1.0, float(depth["value"].max(skipna=True) or 0) + 1))
    ax.set_ylabel("mean weighted shared memberships")
    caption = (
        "For each pair of member states, the organisations both belong to, each weighted by 1 + "
        "its achieved rung on Balassa's ladder; the mean over pairs, year by year."
    )
    return figure(
        figure_svg(fig, "shared memberships"), caption, _sources(depth), "fig-institutions"
    )


def _pairs_table(d: dict[str, pd.DataFrame]) -> str:
    pairs = d["water_energy_complementarity"]
    means = pairs.groupby(["reporter", "partner"])["value"].mean().dropna()
    rows = [
        {"pair": f"{a}-{b}", "complementarity 2010-2020": f"{v:.2f}"}
        for (a, b), v in means.sort_values(ascending=False).head(5).items()
    ]
    columns = {"pair": "pair", "complementarity 2010-2020": "mean complementarity, 2010-2020"}
    return rows_table(rows, columns, empty="<p>No pair has data.</p>")


def render_drivers(drivers: dict[str, pd.DataFrame]) -> str:
    """The section's HTML (call inside :func:`regint.report.svg.report_style`)."""
    migr = drivers["emigrant_share_russia@region"].dropna(subset=["value"])
    lead = ""
    if not migr.empty:
        last = migr.iloc[-1]
        lead = f"In {int(last['year'])} {pct(last['value'])} of the members' emigrants lived in Russia. "
    body = (
        "<h3>People</h3>"
        + _people(drivers)
        + "<h3>Water and energy</h3>"
        + _water(drivers)
        + "<p>The pairs that need each other most (water-for-energy complementarity, "
        "<code>regint indicators show water_energy_complementarity</code>):</p>"
        + _pairs_table(drivers)
        + "<h3>Connectivity</h3>"
        + _connectivity(drivers)
        + "<h3>Security</h3>"
        + _security(drivers)
        + "<h3>Institutions</h3>"
        + _institutions(drivers)
        + "<p class='note'>Licences: the UN DESA migrant stock and the KNOMAD matrices have "
        "unverified terms (see Data and methods). Every series: <code>regint indicators list "
        "--dimension people</code> (or water_energy, connectivity, security, institutions).</p>"
    )
    intro = esc(lead) + (
        "The study names shared water and energy, transport, security and the movement of people "
        "as the problems that push the states together. These charts measure them."
    )
    return section(SEC_ID, TITLE, body, intro)
