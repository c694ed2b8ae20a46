"""Matplotlib figures as inline SVG: text kept as text, ids unique per figure, no external refs."""

from __future__ import annotations

import contextlib
import io
import itertools
import re

import matplotlib

matplotlib.use("Agg")  # no display: the report is built headless

from matplotlib.figure import Figure  # noqa: E402

STYLE = {
    "svg.fonttype": "none",  # text stays text: smaller files, searchable, selectable
    "svg.hashsalt": "regint",  # deterministic ids, so rebuilding gives the same file
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],  # ships with matplotlib; browsers fall back to their sans
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#e4e4e4",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "legend.fontsize": 8,
}

_COUNTER = itertools.count(1)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)


WIDE = 9.8  # inches: about the report's text width at 96 dpi


def report_style() -> contextlib.AbstractContextManager[None]:
    """The report's matplotlib style; draw inside it (axes read rcParams when they are made)."""
    return matplotlib.rc_context(STYLE)  # type: ignore[arg-type]


def new_figure(width: float = WIDE, height: float = 3.6) -> Figure:
    """A figure of ``width`` x ``height`` inches, laid out to fit its labels."""
    return Figure(figsize=(width, height), layout="constrained")


def _prefix_ids(svg: str, prefix: str) -> str:
    """Make every id unique to this figure, so several inline SVGs never share an id."""
    svg = re.sub(r'\bid="', f'id="{prefix}', svg)
    svg = svg.replace("url(#", f"url(#{prefix}")
    return re.sub(r'href="#', f'href="#{prefix}', svg)


def figure_svg(fig: Figure, label: str = "") -> str:
    """The figure as an inline ``<svg>`` element (no XML prolog; CSS shrinks it to fit)."""
    buffer = io.StringIO()
    with matplotlib.rc_context(STYLE):  # type: ignore[arg-type]
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "regint"})
    svg = buffer.getvalue()
    svg = _METADATA.sub("", svg[svg.index("<svg") :])
    if label:
        svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    return _prefix_ids(svg, f"f{next(_COUNTER)}-")
