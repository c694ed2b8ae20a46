"""Chart cosmetics a reader notices: whole labels, year labels on every panel, consistent units."""

from __future__ import annotations

import pandas as pd
import pytest

from regint.api.knowledge import load_kb
from regint.claims.model import Measure
from regint.report.charts_claims import plot_break
from regint.report.charts_system import GROUP_COLOURS, plot_overlap, plot_profiles, short_name
from regint.report.svg import report_style


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Eurasian Economic Union (EAEU)", "EAEU"),
        (
            "Collective Security Treaty (1992) / Collective Security Treaty Organization (CSTO, 2002)",
            "CSTO",
        ),
        ("CIS Free Trade Area (Treaty on a Free Trade Area, 2011)", "CIS Free Trade Area"),
        (
            "Gulf Cooperation Council (GCC) - Central Asia strategic dialogue / summit",
            "GCC - Central Asia strategic\ndialogue",
        ),
        (
            "Consultative Meetings of the Heads of State of Central Asia",
            "Consultative Meetings of the Heads\nof State of Central Asia",
        ),
    ],
)
def test_short_names_use_acronyms_or_wrap(name, label):
    assert short_name(name) == label


def test_no_organisation_label_is_cut():
    # QA #20: "CIS Free Trad…", "Collective Se…", "Consultative Meetings of the Head…".
    for org in load_kb().organisations:
        for width in (22, 34, 40):
            label = short_name(org.name_en, width)
            assert "…" not in label, org.id
            words = label.replace("\n", " ").split()
            assert " ".join(words) in org.name_en or words[0] in org.name_en, org.id


def test_overlap_chart_names_each_organisation_whole():
    overlap = pd.DataFrame(
        {
            "country": ["KAZ", "UZB"],
            "cis_fta": ["member", ""],
            "c5_consultative": ["founding_member", "founding_member"],
        }
    )
    names = {
        "cis_fta": "CIS Free Trade Area (Treaty on a Free Trade Area, 2011)",
        "c5_consultative": "Consultative Meetings of the Heads of State of Central Asia",
    }
    with report_style():
        ax = plot_overlap(overlap, names).axes[0]
    labels = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    assert labels == ["CIS Free Trade Area", names["c5_consultative"]]


def _profiles(countries) -> pd.DataFrame:
    rows = [
        (year, country, group, 1 / len(GROUP_COLOURS))
        for year in range(1995, 2021)
        for country in countries
        for group in GROUP_COLOURS
    ]
    return pd.DataFrame(rows, columns=["year", "country", "group", "value"])


def _has_year_labels(ax) -> bool:
    return any(t.get_visible() and t.get_text() for t in ax.get_xticklabels())


@pytest.mark.parametrize("n", [2, 4, 5, 7])
def test_every_partner_profile_panel_has_year_labels(n):
    # QA #20: the TJK panel (top right, nothing below it) had no year labels.
    countries = ["KAZ", "KGZ", "TJK", "TKM", "UZB", "ARM", "BLR"][:n]
    with report_style():
        fig = plot_profiles(_profiles(countries), 1995, 2020)
    fig.draw_without_rendering()  # tick labels get their text at draw time
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title(loc="left") for ax in panels] == sorted(countries)
    cells = {
        (ax.get_subplotspec().rowspan.start, ax.get_subplotspec().colspan.start): ax
        for ax in panels
    }
    for (row, col), ax in cells.items():
        # A panel shows the years unless a panel right below it does.
        assert _has_year_labels(ax) or (row + 1, col) in cells, ax.get_title(loc="left")


def test_break_chart_labels_the_share_in_percent():
    # QA #20: the y axis said "pp of the share" for a share drawn in %.
    measure = Measure(
        0.5,
        -1.0,
        2.0,
        unit="pp",
        series=(
            ("year", (2014, 2015, 2016, 2017, 2018, 2019, 2020)),
            ("y", (5.0, 5.5, 6.0, 7.0, 7.5, 8.0, 8.5)),
            ("fitted", (5.0, 5.5, 6.0, 7.0, 7.5, 8.0, 8.5)),
            ("pre_trend", (5.0, 5.5, 6.0, 6.5, 7.0, 7.5, 8.0)),
        ),
    )
    with report_style():
        ax = plot_break(measure, 2017, "intra-regional trade share (%)").axes[0]
    assert ax.get_ylabel() == "intra-regional trade share (%)"
