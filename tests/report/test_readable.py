"""A report a reader can trust: share axes from zero, one format per unit, honest footers,
and the switch to national statistics drawn as a break."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from regint.core.numbers import format_measure, format_number
from regint.report.charts_system import plot_indicators, plot_intra_trade
from regint.report.svg import report_style

LAST_PANEL = 2020


@pytest.mark.parametrize(
    ("value", "unit", "lo", "hi", "text"),
    [
        (1.0, "rung (0-5)", None, None, "1 rung (0-5)"),
        (7.0, "years", None, None, "7 years"),
        (6.5, "years", None, None, "6.5 years"),
        (10.0, "organisations", None, None, "10 organisations"),
        (-0.2308, "pp a year", -0.7, 0.239, "-0.23 [-0.70, 0.24] pp a year"),
        (0.9785, "share", None, None, "97.9%"),
        (1.0, "share of years", None, None, "100% of years"),
        (0.0777, "intra_regional_share", None, None, "7.8%"),
        (1.23456, "intra_regional_intensity", None, None, "1.235 intra_regional_intensity"),
        (None, "years", None, None, "no value"),
    ],
)
def test_one_number_format_per_unit(value, unit, lo, hi, text) -> None:
    assert format_measure(value, unit, lo, hi) == text


@pytest.mark.parametrize("unit", ["years", "share", "pp a year", "ratio", "rung (0-5)"])
def test_a_value_and_its_interval_share_the_format(unit) -> None:
    decimals = {
        len(x.split(".")[1]) if "." in x else 0
        for x in (
            format_number(0.25, unit).rstrip("%"),
            format_number(0.75, unit).rstrip("%"),
        )
    }
    assert len(decimals) == 1


def _frames() -> dict[str, pd.DataFrame]:
    years = list(range(2014, 2024))
    share = [0.05, 0.055, 0.06, 0.062, 0.065, 0.07, 0.072, 0.10, 0.11, 0.105]
    out = {"intra_regional_share": pd.DataFrame({"year": years, "value": share})}
    for key in ("intra_regional_intensity", "homogeneous_intensity", "introversion"):
        out[key] = pd.DataFrame({"year": years, "value": np.linspace(0.5, 0.9, len(years))})
    return out


def test_share_axis_starts_at_zero_with_headroom_and_the_line_breaks_at_the_source_switch():
    with report_style():
        fig = plot_indicators(_frames(), LAST_PANEL)
    ax = fig.axes[0]
    bottom, top = ax.get_ylim()
    assert bottom == 0
    assert top > 11.0 * 1.1  # headroom above the highest value (11%)
    lines = [line for line in ax.get_lines() if len(line.get_xdata()) > 1]
    spans = [(min(line.get_xdata()), max(line.get_xdata())) for line in lines]
    assert all(not (lo <= LAST_PANEL < hi) for lo, hi in spans), "no segment crosses the switch"
    labels = " ".join(t.get_text() for t in ax.texts)
    assert "national statistics" in labels


def test_intra_trade_bars_leave_headroom_and_mark_the_switch():
    rows = [
        {"year": y, "exporter": "KAZ", "importer": "UZB", "value_musd": 1000.0 * (y - 2010)}
        for y in range(2015, 2024)
    ]
    with report_style():
        fig = plot_intra_trade(pd.DataFrame(rows), ["KAZ", "UZB"], LAST_PANEL)
    ax = fig.axes[0]
    assert ax.get_ylim()[0] == 0
    assert ax.get_ylim()[1] >= 13 * 1.25  # the highest bar is 13 bn; the legend sits above it
    assert any("national statistics" in t.get_text() for t in ax.texts)


def _footers(html: str) -> dict[str, str]:
    found = re.findall(
        r'<figure class="chart" id="([^"]+)">.*?<span class="source">(.*?)</span>', html, re.S
    )
    return dict(found)


def test_footers_of_knowledge_base_claims_cite_only_the_knowledge_base(c5_html):
    footers = _footers(c5_html)
    for claim in ("sovereignty_cap", "institutions_did_not_last"):
        text = footers[f"fig-{claim}-robustness"]
        assert "knowledge base" in text
        assert "Monetary Fund" not in text and "Statistics" not in text


def test_a_chart_of_panel_years_cites_only_the_panel(c5_html):
    text = _footers(c5_html)["fig-lean_on_external"]
    assert "Monetary Fund" in text
    assert "Uzbekistan" not in text and "Kazakhstan" not in text


def test_eaeu_footers_never_cite_uzbek_statistics(eaeu_html):
    for fig_id, text in _footers(eaeu_html).items():
        assert "Uzbekistan" not in text, fig_id


def test_no_three_decimal_counts_in_the_report(c5_html):
    assert not re.search(r"\b\d+\.000 (rung|years|organisations)", c5_html)
