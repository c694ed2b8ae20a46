"""The report's index section: scores with intervals over time, each state's dimension profile,
the sensitivity chart, and what the Monte Carlo varied and held fixed.

It renders an :class:`regint.api.index.IndexBuild`; it computes nothing of its own.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from regint.api.index import IndexBuild
from regint.report.html import esc, figure, section, table
from regint.report.svg import WIDE, figure_svg, new_figure

STATE_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf")
SECTION_ID = "index"
SECTION_TITLE = "Integration index"


def _source(build: IndexBuild) -> str:
    names = sorted({str(s.get("source_id")) for s in build.provenance.get("sources", [])})
    spec = build.spec
    return (
        f"regint index ({spec.name}, spec sha256 {spec.sha256[:12]}, seed "
        f"{spec.uncertainty.seed}); data: {', '.join(names)}"
    )


def plot_region_scores(region: pd.DataFrame) -> Figure:
    """The grouping's score per year with its 5-95% interval."""
    fig = new_figure(WIDE, 3.0)
    ax = fig.add_subplot()
    ax.fill_between(
        region["year"],
        region["lower"],
        region["upper"],
        color="#6a3d9a",
        alpha=0.2,
        lw=0,
        label="5-95% interval",
    )
    ax.plot(region["year"], region["score"], color="#6a3d9a", lw=1.8, label="score (baseline)")
    ax.set_ylabel("index score")
    ax.legend(loc="upper left")
    return fig


def plot_state_scores(states: pd.DataFrame) -> Figure:
    """Each state's score per year with its interval, one panel per state."""
    units = sorted(states["country"].unique())
    cols = min(len(units), 5)
    rows = int(np.ceil(len(units) / cols))
    fig = new_figure(WIDE, 1.9 * rows + 0.4)
    axes = fig.subplots(rows, cols, sharey=True, squeeze=False)
    for n, unit in enumerate(units):
        ax = axes[n // cols][n % cols]
        f = states[states["country"] == unit]
        colour = STATE_COLOURS[n % len(STATE_COLOURS)]
        ax.fill_between(f["year"], f["lower"], f["upper"], color=colour, alpha=0.2, lw=0)
        ax.plot(f["year"], f["score"], color=colour, lw=1.4)
        ax.set_title(unit)
    for n in range(len(units), rows * cols):
        axes[n // cols][n % cols].set_visible(False)
    return fig


def plot_sensitivity(sobol: pd.DataFrame) -> Figure:
    """Sobol total (ST) and first-order (S1) indices of the grouping's score, largest first."""
    f = sobol.sort_values("ST")
    fig = new_figure(WIDE * 0.75, 0.6 + 0.28 * len(f))
    ax = fig.add_subplot()
    y = np.arange(len(f))
    ax.barh(y + 0.2, f["ST"], height=0.4, xerr=f["ST_conf"], color="#6a3d9a", label="total (ST)")
    ax.barh(y - 0.2, f["S1"].clip(lower=0), height=0.4, color="#c2a5cf", label="first order (S1)")
    ax.set_yticks(y, [str(v).replace("_", " ") for v in f["factor"]])
    ax.set_xlabel("share of the variance of the score")
    ax.legend(loc="lower right")
    return fig


def _profile(build: IndexBuild, grouping: str, year: int) -> pd.DataFrame:
    dims = build.dimensions_frame()
    dims = dims[(dims["grouping"] == grouping) & (dims["year"] == year)]
    wide = dims.pivot(index="country", columns="dimension", values="score")
    order = [d.id for d in build.spec.dimensions if d.id in wide.columns]
    return wide[order].reset_index()


def _profile_year(states: pd.DataFrame) -> int:
    """The latest year in which every state's values are at most 25% imputed (else the latest)."""
    worst = states.groupby("year")["imputed_share"].max()
    good = worst[worst <= 0.25]
    return int(good.index.max() if len(good) else states["year"].max())


def _assumptions(build: IndexBuild) -> str:
    a = build.assumptions()
    varied = "".join(f"<li>{esc(v)}</li>" for v in a["varied"])
    fixed = "".join(f"<li>{esc(v)}</li>" for v in a["fixed"])
    return f"<h3>Varied</h3><ul>{varied}</ul><h3>Held fixed</h3><ul>{fixed}</ul>"


def render_grouping(build: IndexBuild, grouping: str, label: str) -> str:
    """Charts and tables of one grouping."""
    region = build.region_frame()
    region = region[region["grouping"] == grouping]
    states = build.to_frame()
    states = states[states["grouping"] == grouping]
    source = _source(build)
    parts = [f"<h3>{esc(label)}</h3>"]
    if not region.empty:
        parts.append(
            figure(
                figure_svg(plot_region_scores(region), f"{label}: index score"),
                f"{label}: the grouping's score (mean of its members) with its 5-95% interval over {build.provenance['replications']} Monte Carlo replications.",
                source,
            )
        )
    if not states.empty:
        parts.append(
            figure(
                figure_svg(plot_state_scores(states), f"{label}: scores per state"),
                "Each state's score with its 5-95% interval.",
                source,
            )
        )
        year = _profile_year(states)
        profile = _profile(build, grouping, year)
        shares = states[states["year"] == year].set_index("country")["imputed_share"]
        profile["imputed"] = [shares.get(c, np.nan) for c in profile["country"]]
        parts.append(
            f"<p>Dimension profile in {year}, the latest year in which no state's indicators are "
            "more than a quarter imputed (0-100 per dimension, higher is more integrated; "
            "imputed: share of the state's indicator values that were imputed):</p>"
        )
        parts.append(table(profile))
    sobol = build.sensitivity_frame()
    sobol = sobol[(sobol["grouping"] == grouping) & (sobol["target"] == "region")]
    if not sobol.empty:
        year = int(sobol["year"].iloc[0])
        parts.append(
            figure(
                figure_svg(plot_sensitivity(sobol), f"{label}: sensitivity"),
                f"Which choices move the grouping's {year} score: Sobol indices (bars: total, lighter: first order; whiskers: 95% bootstrap interval).",
                source,
            )
        )
    return "".join(parts)


def render_index(build: IndexBuild | None, unavailable: str = "") -> str:
    """The whole section; ``unavailable`` explains a missing index instead."""
    if build is None:
        return section(
            SECTION_ID,
            SECTION_TITLE,
            f"<p>The index could not be built here: {esc(unavailable)}</p>",
        )
    intro = (
        "A composite of the study's drivers and barriers (trade, people, water and energy, "
        "connectivity, institutions, security, and dependence on one outside power), built with documented methods; every score "
        "has a 5-95% interval from a Monte Carlo over the construction choices. Method: "
        "docs/explanation/index.md; rebuild with <code>regint index build</code>."
    )
    body = "".join(render_grouping(build, r.grouping, r.label) for r in build.runs)
    weights = build.weights_frame()[["grouping", "indicator", "dimension", "nominal", "effective"]]
    body += "<h3>Nominal and effective weights</h3><p>Effective: each indicator's share of the variance of the score.</p>"
    body += table(weights)
    body += _assumptions(build)
    return section(SECTION_ID, SECTION_TITLE, body, intro)
