"""Charts of the regional system (institutions, memberships) and of trade over time.

Every ``plot_*`` function takes plain frames and returns a matplotlib Figure; nothing here
computes an indicator or a verdict.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from regint.report.svg import WIDE, new_figure

KIND_COLOURS = {
    "region-only": "#6a3d9a",
    "with outsiders": "#e08214",
    "membership partly recorded": "#9e9e9e",
}
GROUP_COLOURS = {
    "RUS": "#c0392b",
    "CHN": "#f0a202",
    "EU27": "#2e6fb7",
    "USA": "#1b2a49",
    "TUR": "#16a085",
    "IRN": "#7cb342",
    "REGION": "#8e44ad",
    "OTHERS": "#cfcfcf",
}
NATIONAL_SHADE = "#f3efe0"
STATUS_CODES = {
    "founding_member": ("F", 4),
    "member": ("M", 4),
    "associate_member": ("A", 3),
    "observer": ("O", 2),
    "suspended": ("S", 1),
    "withdrawn": ("W", 1),
    "participant": ("P", 2),
    "uncertain": ("?", 1),
}
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9\-+]{1,11})[;,)]")


def short_name(name: str, width: int = 34) -> str:
    """A chart label that never cuts a name.

    The acronym where the name has one ('Eurasian Economic Union (EAEU)' -> 'EAEU'; 'Collective
    Security Treaty Organization (CSTO, 2002)' -> 'CSTO'), else the name before any ' / ' or
    ' (', wrapped onto lines of at most ``width`` characters.
    """
    found = _ACRONYM.search(name)
    if found:
        rest = name[found.end() :].split(" / ")[0].strip()
        # 'Gulf Cooperation Council (GCC) - Central Asia ...' is a format with the GCC, not the GCC.
        label = f"{found.group(1)} {rest}" if rest.startswith("- ") else found.group(1)
    else:
        label = name.split(" / ")[0].split(" (")[0]
    return "\n".join(textwrap.wrap(label, width, break_on_hyphens=False)) or name


def shade_national(ax, last_panel_year: int, last_year: float) -> None:
    """Shade the years that rest on national statistics instead of the IMF panel."""
    if last_year > last_panel_year:
        ax.axvspan(last_panel_year + 0.5, last_year + 0.5, color=NATIONAL_SHADE, zorder=0, lw=0)


BREAK_COLOUR = "#8a5a00"


def mark_source_break(ax, last_panel_year: int, label: bool = True) -> None:
    """A dashed line where the data switch from the IMF panel to national statistics, labelled
    on the chart itself, so a reader who skims sees that the series changes source there."""
    x = last_panel_year + 0.5
    ax.axvline(x, color=BREAK_COLOUR, lw=1.1, ls=(0, (4, 2)), zorder=1)
    if label:
        ax.annotate(
            "break: IMF data | national statistics",
            xy=(x, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=7,
            color=BREAK_COLOUR,
            annotation_clip=False,
        )


def plot_with_break(ax, years, values, last_panel_year: int, **style) -> None:  # noqa: ANN001
    """Plot a yearly series as two unconnected pieces, before and after the source change.

    The line never joins the last IMF-panel year to the first year on national statistics: a
    jump there is a change of source as much as a change of trade.
    """
    x = np.asarray(list(years), dtype=float)
    y = np.asarray([np.nan if v is None else v for v in values], dtype=float)
    before = x <= last_panel_year
    ax.plot(x[before], y[before], **style)
    if (~before).any():
        style = {k: v for k, v in style.items() if k != "label"}
        ax.plot(x[~before], y[~before], **style)
        if before.any():
            mark_source_break(ax, last_panel_year)


def from_zero(ax, values, headroom: float = 0.15) -> None:  # noqa: ANN001
    """Start the y axis at zero and leave ``headroom`` above the highest value."""
    finite = [float(v) for v in np.ravel(np.asarray(values, dtype=float)) if np.isfinite(v)]
    top = max(finite, default=1.0)
    ax.set_ylim(0, top * (1 + headroom) if top > 0 else 1.0)


def _year_fraction(day: dt.date) -> float:
    return day.year + (day.timetuple().tm_yday - 1) / 365.25


def plot_timeline(inst: pd.DataFrame, summits: pd.DataFrame, as_of: dt.date) -> Figure:
    """Organisations with region members as bars from founding to dissolution (or today)."""
    n = len(inst)
    fig = new_figure(WIDE, 1.0 + 0.26 * (n + 1))
    ax = fig.add_subplot()
    for i, row in enumerate(inst.itertuples(index=False)):
        start, end = _year_fraction(row.founded), _year_fraction(row.end)
        colour = KIND_COLOURS.get(row.kind, "#9e9e9e")
        ax.barh(
            i,
            max(end - start, 0.15),
            left=start,
            color=colour,
            alpha=0.5 if row.is_alive else 0.95,
            height=0.62,
            lw=0,
        )
    labels = [short_name(name) for name in inst["name"]]
    if len(summits):
        ax.scatter(
            [_year_fraction(d) for d in summits["date"]],
            [n] * len(summits),
            marker="v",
            color="#333333",
            s=18,
            zorder=3,
        )
        labels.append("regional summits")
    ax.set_yticks(range(len(labels)), labels, fontsize=7.5)
    ax.set_ylim(len(labels) - 0.4, -0.7)
    first = min((d.year for d in inst["founded"]), default=1991)
    ax.set_xlim(min(first, 1991) - 1, as_of.year + 1.5)
    ax.axvline(_year_fraction(as_of), color="#777777", lw=0.8, ls=":")
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    handles = [Patch(color=c, label=k) for k, c in KIND_COLOURS.items()]
    fig.legend(handles=handles, loc="outside upper left", ncols=3)
    return fig


def plot_overlap(overlap: pd.DataFrame, names: Mapping[str, str]) -> Figure:
    """Organisations x states: who held which status on the date.

    Organisations run down the rows so their names read horizontally, whole.
    """
    cols = [
        c
        for c in overlap.columns
        if c not in ("country", "n_full") and overlap[c].astype(str).str.len().gt(0).any()
    ]
    countries = list(overlap["country"])
    grid = np.zeros((len(cols), len(countries)))
    fig = new_figure(min(WIDE, 2.9 + 0.62 * len(countries)), 0.9 + 0.25 * len(cols))
    ax = fig.add_subplot()
    for j, row in enumerate(overlap.itertuples(index=False)):
        values = row._asdict()
        for i, col in enumerate(cols):
            code, level = STATUS_CODES.get(str(values.get(col) or ""), ("", 0))
            grid[i, j] = level
            if code:
                colour = "white" if level >= 3 else "#222222"
                ax.text(j, i, code, ha="center", va="center", fontsize=7, color=colour)
    cmap = ListedColormap(["#ffffff", "#f4c7a1", "#c6dbef", "#6baed6", "#08519c"])
    ax.imshow(grid, cmap=cmap, vmin=0, vmax=4, aspect="auto")
    ax.set_yticks(range(len(cols)), [short_name(names.get(c, c), 40) for c in cols], fontsize=7.5)
    ax.set_xticks(range(len(countries)), countries)
    ax.xaxis.tick_top()
    ax.grid(False)
    ax.set_xticks(np.arange(-0.5, len(countries)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(cols)), minor=True)
    ax.grid(which="minor", color="white", lw=1.2)
    ax.tick_params(which="both", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return fig


def plot_indicators(frames: Mapping[str, pd.DataFrame], last_panel_year: int) -> Figure:
    """Share, intensity, homogeneous intensity and introversion of the region over time."""
    panels = (
        ("intra_regional_share", "Intra-regional trade share (%)", 100.0, None),
        ("intra_regional_intensity", "Intra-regional intensity (1 = neutral)", 1.0, 1.0),
        ("homogeneous_intensity", "Homogeneous intensity (1 = neutral)", 1.0, 1.0),
        ("introversion", "Introversion RTII (0 = neutral)", 1.0, 0.0),
    )
    fig = new_figure(WIDE, 4.8)
    axes = fig.subplots(2, 2, sharex=True)
    for ax, (key, title, scale, ref) in zip(axes.flat, panels, strict=True):
        frame = frames.get(key, pd.DataFrame({"year": [], "value": []})).dropna(subset=["value"])
        if len(frame):
            shade_national(ax, last_panel_year, float(frame["year"].max()))
            values = frame["value"] * scale
            plot_with_break(
                ax,
                frame["year"],
                values,
                last_panel_year,
                color="#6a3d9a",
                lw=1.6,
                marker="o",
                ms=2.5,
            )
            if key == "intra_regional_share":  # a share: the axis starts at zero
                from_zero(ax, values)
        if ref is not None:
            ax.axhline(ref, color="#555555", lw=0.8, ls="--")
        ax.set_title(title, loc="left", fontsize=9, pad=12)
    return fig


def plot_intra_trade(intra: pd.DataFrame, actors: Sequence[str], last_panel_year: int) -> Figure:
    """Intra-regional trade, US$ bn a year, split by whether a pair involves the key actors."""
    flows = intra.copy()
    a, b = (list(actors) + ["", ""])[:2]
    has_a = flows["exporter"].eq(a) | flows["importer"].eq(a)
    has_b = flows["exporter"].eq(b) | flows["importer"].eq(b)
    flows["pair"] = np.select(
        [has_a & has_b, has_a, has_b],
        [f"{a}–{b}", f"other pairs with {a}", f"other pairs with {b}"],
        "other pairs",
    )
    table = (
        flows.pivot_table(index="year", columns="pair", values="value_musd", aggfunc="sum").fillna(
            0
        )
        / 1000
    )
    order = [
        c
        for c in (f"{a}–{b}", f"other pairs with {a}", f"other pairs with {b}", "other pairs")
        if c in table
    ]
    colours = ["#6a3d9a", "#9e7cc1", "#e08214", "#cfcfcf"]
    fig = new_figure(WIDE, 3.2)
    ax = fig.add_subplot()
    if len(table):
        shade_national(ax, last_panel_year, float(table.index.max()))
        if table.index.min() <= last_panel_year < table.index.max():
            mark_source_break(ax, last_panel_year)
    bottom = np.zeros(len(table))
    for col, colour in zip(order, colours, strict=False):
        ax.bar(table.index, table[col], bottom=bottom, color=colour, label=col, width=0.8)
        bottom += table[col].to_numpy()
    from_zero(ax, bottom, headroom=0.3)  # room for the legend above the highest bar
    ax.set_ylabel("US$ bn (each flow once, FOB)")
    ax.legend(ncols=4, loc="upper left")
    return fig


def plot_profiles(profile: pd.DataFrame, first_year: int, last_panel_year: int) -> Figure:
    """Each state's trade by partner group: stacked shares over time."""
    countries = sorted(profile["country"].unique())
    ncols = 3 if len(countries) > 4 else max(len(countries), 1)
    nrows = int(np.ceil(len(countries) / ncols)) or 1
    fig = new_figure(WIDE, 1.2 + 2.0 * nrows)
    axes = np.atleast_1d(fig.subplots(nrows, ncols, sharex=True, sharey=True)).ravel()
    groups = list(GROUP_COLOURS)
    for ax, country in zip(axes, countries, strict=False):
        data = profile[(profile["country"] == country) & (profile["year"] >= first_year)]
        wide = (
            data.pivot_table(index="year", columns="group", values="value")
            .reindex(columns=groups)
            .fillna(0)
        )
        if len(wide):
            ax.stackplot(
                wide.index,
                [wide[g] * 100 for g in groups],
                colors=[GROUP_COLOURS[g] for g in groups],
                lw=0,
            )
            if wide.index.min() <= last_panel_year < wide.index.max():
                mark_source_break(ax, last_panel_year, label=False)
        ax.set_title(country, loc="left")
        ax.set_ylim(0, 100)
        ax.grid(False)
    for ax in axes[len(countries) :]:
        ax.set_visible(False)
    # A panel with no visible panel below it keeps its year labels (sharex hides them).
    for i, ax in enumerate(axes[: len(countries)]):
        if i + ncols >= len(countries):
            ax.xaxis.set_tick_params(labelbottom=True)
    handles: list[Artist] = [Patch(color=GROUP_COLOURS[g], label=g) for g in groups]
    handles.append(
        Line2D([], [], color=BREAK_COLOUR, ls=(0, (4, 2)), label="break: IMF | national data")
    )
    fig.legend(handles=handles, loc="outside lower center", ncols=5)
    return fig
