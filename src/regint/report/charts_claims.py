"""Charts of the evidence behind each claim, drawn from the measures the evaluation returned."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from regint.api.claims import ClaimResult, Measure
from regint.report.charts_system import (
    KIND_COLOURS,
    from_zero,
    mark_source_break,
    plot_with_break,
    shade_national,
    short_name,
)
from regint.report.svg import WIDE, new_figure

VERDICT_COLOURS = {
    "supported": "#2e7d32",
    "contradicted": "#c62828",
    "mixed": "#f2b705",
    "insufficient_data": "#bdbdbd",
}
LADDER = ("none", "PTA", "FTA", "customs\nunion", "common\nmarket", "economic\nunion")


def plot_robustness(result: ClaimResult) -> Figure:
    """Each test's verdict on the baseline and under every alternative definition."""
    tests = [t for t in result.tests if not t.is_context]
    columns: list[str] = ["baseline"]
    for t in tests:
        columns += [v.label for v in t.variants if v.label not in columns]
    longest = max(len(c) for c in columns)
    label = max((len(t.test.id) for t in tests), default=10)
    width = min(WIDE, 1.2 + 0.075 * label + 0.8 * len(columns))
    fig = new_figure(width, 0.9 + 0.3 * max(len(tests), 1) + 0.055 * longest)
    ax = fig.add_subplot()
    for i, t in enumerate(tests):
        cells = {"baseline": t.baseline_verdict, **{v.label: v.verdict for v in t.variants}}
        for j, col in enumerate(columns):
            verdict = cells.get(col, "n/a")
            colour = VERDICT_COLOURS.get(str(verdict), "#ffffff")
            ax.add_patch(_cell(j, i, colour))
            if verdict == "n/a":
                ax.text(j, i, "–", ha="center", va="center", fontsize=7, color="#999999")
    ax.set_xlim(-0.5, len(columns) - 0.5)
    ax.set_ylim(len(tests) - 0.5, -0.5)
    ax.set_xticks(range(len(columns)), columns, rotation=40, ha="right", fontsize=7)
    ax.set_yticks(range(len(tests)), [t.test.id for t in tests], fontsize=7.5)
    ax.grid(False)
    ax.tick_params(length=0)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    handles = [Patch(color=c, label=v.replace("_", " ")) for v, c in VERDICT_COLOURS.items()]
    fig.legend(handles=handles, loc="outside upper left", ncols=4)
    return fig


def _cell(x: float, y: float, colour: str):  # noqa: ANN202 - a matplotlib Rectangle
    from matplotlib.patches import Rectangle

    return Rectangle((x - 0.46, y - 0.4), 0.92, 0.8, color=colour, lw=0)


def plot_depth(inst: pd.DataFrame) -> Figure:
    """Declared (hollow) against achieved (filled) depth on Balassa's ladder."""
    rated = inst.dropna(subset=["depth_declared", "depth_achieved"], how="all")
    fig = new_figure(WIDE, 1.4 + 0.26 * max(len(rated), 1))
    ax = fig.add_subplot()
    for i, row in enumerate(rated.itertuples(index=False)):
        colour = KIND_COLOURS.get(row.kind, "#9e9e9e")
        if not np.isnan(row.depth_achieved):
            ax.barh(i, row.depth_achieved + 0.08, left=-0.08, color=colour, height=0.55)
        if not np.isnan(row.depth_declared):
            ax.scatter(
                row.depth_declared, i, s=36, facecolors="white", edgecolors=colour, lw=1.5, zorder=3
            )
        marker = (
            " ★ supranational"
            if row.supranational > 0.75
            else " ◐ partly"
            if row.supranational > 0
            else ""
        )
        ax.text(5.25, i, marker, va="center", fontsize=7)
    ax.set_yticks(range(len(rated)), [short_name(n) for n in rated["name"]], fontsize=7.5)
    ax.set_ylim(len(rated) - 0.5, -0.5)
    ax.set_xlim(-0.2, 6.6)
    ax.set_xticks(range(6), LADDER, fontsize=7)
    handles = [Patch(color=c, label=f"{k} (achieved)") for k, c in KIND_COLOURS.items()]
    handles.append(Patch(facecolor="white", edgecolor="#555555", label="declared (circle)"))
    fig.legend(handles=handles, loc="outside lower center", ncols=4)
    return fig


def plot_summits(summits: pd.DataFrame, first: int, last: int) -> Figure:
    """Summits of the region's states in their own format, per year."""
    years = pd.Series([d.year for d in summits["date"]], dtype="int64")
    counts = years.value_counts().reindex(range(first, last + 1), fill_value=0)
    fig = new_figure(WIDE, 2.4)
    ax = fig.add_subplot()
    ax.bar(counts.index, counts.values, color="#6a3d9a", width=0.75)
    from_zero(ax, counts.values)
    ax.set_ylabel("summits")
    ax.yaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
    return fig


def plot_bars(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float], str]],
    ylabel: str,
    percent: bool = True,
) -> Figure:
    """Grouped bars: one group per label, one bar per named series."""
    fig = new_figure(WIDE, 2.8)
    ax = fig.add_subplot()
    width = 0.8 / max(len(series), 1)
    x = np.arange(len(labels))
    for k, (name, values, colour) in enumerate(series):
        vals = np.array([np.nan if v is None else v for v in values], dtype=float) * (
            100 if percent else 1
        )
        ax.bar(
            x + (k - (len(series) - 1) / 2) * width,
            vals,
            width=width * 0.95,
            color=colour,
            label=name,
        )
    ax.set_xticks(x, list(labels))
    ax.set_ylabel(ylabel)
    values = [v for _, vals, _ in series for v in vals if v is not None]
    scale = 100 if percent else 1
    from_zero(ax, [v * scale for v in values], headroom=0.3 if len(series) > 1 else 0.15)
    if len(series) > 1:
        ax.legend(ncols=len(series), loc="upper right")
    return fig


def plot_lines(
    panels: Sequence[tuple[str, Sequence[int], Sequence[float], Sequence[float]]],
    last_panel_year: int,
) -> Figure:
    """One panel per series (title, years, values, reference lines such as a test's thresholds)."""
    fig = new_figure(WIDE, 2.8)
    axes = np.atleast_1d(fig.subplots(1, len(panels)))
    for ax, (title, years, values, refs) in zip(axes, panels, strict=True):
        vals = np.array([np.nan if v is None else v for v in values], dtype=float)
        if len(years):
            shade_national(ax, last_panel_year, max(years))
            plot_with_break(
                ax, years, vals, last_panel_year, color="#6a3d9a", marker="o", ms=2.5, lw=1.5
            )
            if np.nanmin(vals, initial=0.0) >= 0:  # shares and intensities: from zero
                from_zero(ax, [*vals, *refs])
        for ref in refs:
            ax.axhline(ref, color="#c62828", lw=0.9, ls="--")
        ax.set_title(title, loc="left", fontsize=9, pad=12)
    return fig


def plot_shares(measure: Measure, last_panel_year: int) -> Figure:
    """External centres' and intra-regional shares over time, with their linear trends."""
    series = measure.series_dict()
    years = np.array(series.get("year", ()), dtype=float)
    fig = new_figure(WIDE, 2.8)
    axes = fig.subplots(1, 2)
    for ax, (key, label, colour) in zip(
        axes,
        (("external", "external centres", "#e08214"), ("region", "intra-regional", "#6a3d9a")),
        strict=True,
    ):
        vals = (
            np.array([np.nan if v is None else v for v in series.get(key, ())], dtype=float) * 100
        )
        if len(years) >= 2:
            shade_national(ax, last_panel_year, years.max())
            plot_with_break(
                ax, years, vals, last_panel_year, color=colour, marker="o", ms=2.5, lw=1.5
            )
            slope, icpt = np.polyfit(years, vals, 1)
            ax.plot(years, slope * years + icpt, color=colour, ls="--", lw=0.9)
            from_zero(ax, vals)  # a share: the axis starts at zero
        ax.set_title(f"{label} share of trade (%)", loc="left", fontsize=9, pad=12)
    return fig


def plot_break(
    measure: Measure, break_year: int, ylabel: str, last_panel_year: int | None = None
) -> Figure:
    """The series, its segmented fit and the pre-break trend carried forward."""
    series = measure.series_dict()
    years = np.array(series.get("year", ()), dtype=float)
    fig = new_figure(WIDE, 3.0)
    ax = fig.add_subplot()
    if len(years):

        def arr(key: str) -> np.ndarray:
            return np.array([np.nan if v is None else v for v in series.get(key, ())], dtype=float)

        observed = arr("y")
        ax.plot(years, observed, "o", color="#333333", ms=3.5, label="observed")
        ax.plot(years, arr("fitted"), color="#6a3d9a", lw=1.6, label="segmented fit")
        post = years >= break_year
        ax.plot(
            years[post],
            arr("pre_trend")[post],
            color="#6a3d9a",
            lw=1.1,
            ls="--",
            label="pre-break trend carried forward",
        )
        ax.axvline(break_year - 0.5, color="#c62828", lw=0.9, ls=":")
        if last_panel_year is not None and years.min() <= last_panel_year < years.max():
            mark_source_break(ax, last_panel_year)
        if "%" in ylabel:  # a share: the axis starts at zero
            from_zero(ax, [*observed, *arr("fitted")], headroom=0.3)
    ax.set_ylabel(ylabel)
    ax.legend(loc="upper left")
    return fig


def plot_lifetimes(inst: pd.DataFrame) -> Figure:
    """How long each organisation lived (or has lived so far)."""
    fig = new_figure(WIDE, 1.0 + 0.26 * max(len(inst), 1))
    ax = fig.add_subplot()
    colours = ["#9e9e9e" if alive else "#6a3d9a" for alive in inst["is_alive"]]
    ax.barh(range(len(inst)), inst["lifetime_years"], color=colours, height=0.6)
    ax.set_yticks(range(len(inst)), [short_name(n) for n in inst["name"]], fontsize=7.5)
    ax.set_ylim(len(inst) - 0.5, -0.5)
    ax.set_xlabel("years")
    ax.legend(
        handles=[
            Patch(color="#6a3d9a", label="dissolved or merged"),
            Patch(color="#9e9e9e", label="still existing (age to date)"),
        ],
        loc="lower right",
    )
    return fig
