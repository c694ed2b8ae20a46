"""The report section on the three GE scenarios (an FTA among the region's states, Uzbekistan in
the EAEU, lower border costs inside the region): per member, the change in real GDP and exports
with the Monte Carlo interval, the draws that failed, the domestic-flow rule check, and sources.

The numbers come from :func:`regint.api.gravity.run_scenarios`, which runs the three with one
shared estimation, re-targets them to the report's region and says why one does not apply.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from regint.api import gravity
from regint.api.gravity import GravityTable
from regint.core.errors import RegintError
from regint.core.options import PathLike, Progress
from regint.core.regions import Region
from regint.report.html import esc, figure, fmt, paragraphs, section, table
from regint.report.svg import WIDE, figure_svg, new_figure

SEC_ID = "scenarios"
TITLE = "What would integration do? GE scenarios"
SCENARIOS = ("c5-fta", "uzb-eaeu", "c5-border-costs")
MEASURES = (("rgdp_change_pct", "Real GDP"), ("exports_change_pct", "Exports"))
INTERVAL = "95% interval: 2.5th-97.5th percentile of the Monte Carlo draws"
# The domestic-flow rule check re-estimates under the alternative rule: on a warehouse's first
# report that fit is the section's most expensive step (docs/explanation/gravity.md, "Cost").
RULE_CHECK = True


def collect_scenarios(
    region: Region | str | None = None,
    warehouse: PathLike | None = None,
    progress: Progress | None = None,
) -> list[GravityTable] | str:
    """The three shipped scenarios for ``region``, with the domestic-flow rule check; or why
    they could not run at all."""
    try:
        return gravity.run_scenarios(
            SCENARIOS, region=region, rule_check=RULE_CHECK, warehouse=warehouse, progress=progress
        )
    except RegintError as err:
        return str(err)


def _interval(value: Any, lo: Any, hi: Any) -> str:
    if lo is None or hi is None or (isinstance(lo, float) and np.isnan(lo)):
        return fmt(value)
    return f"{fmt(value)} [{fmt(lo)}, {fmt(hi)}]"


def _what(prov: dict[str, Any], coefficients: list[dict[str, Any]]) -> str:
    """The spec in words: the change, the parameters and the coefficient it applies (with SE)."""
    s = prov["scenario"]
    change = s["change"]
    coef = {c["term"]: c for c in coefficients}
    members = ", ".join(change["members"])
    if change["kind"] == "agreement":
        used = [change["dummy"], *change.get("replaces", [])]
        what = (
            f"Switches the <code>{esc(change['dummy'])}</code> agreement effect on for the pairs "
            f"between {esc(members)} and {esc(', '.join(change['partners']) or 'each other')} "
            "that have no such or deeper agreement"
            + (f", replacing <code>{esc(', '.join(change['replaces']))}</code>" if change.get("replaces") else "")
            + "."
        )  # fmt: skip
    else:
        used = []
        what = (
            f"Cuts trade costs among {esc(members)} by {change['cut_pct']:g}% "
            "(a parameter: <code>--param cut_pct=20</code>); the draws vary the agreement "
            "coefficients behind the baseline costs."
        )
    est = "; ".join(
        f"<code>{esc(t)}</code> {coef[t]['estimate']:+.3f} (SE {coef[t]['std_error']:.3f})"
        for t in coef
    )
    applied = f" Coefficient applied: {esc(', '.join(used))}." if used else ""
    return (
        f"<p>{what} GE year {s['year']}, σ = {s['sigma']:g}, reference importer "
        f"{esc(s['reference'])}, closure <code>{esc(s['closure'])}</code>, domestic flows "
        f"<code>{esc(s['domestic_rule'])}</code>; {s['draws']} draws, seed {s['seed']}.{applied} "
        f"PPML estimates (pair-clustered SE): {est}. Spec sha256 "
        f"<code>{esc(prov['scenario_sha256'][:12])}</code>.</p>"
    )


def plot_scenario(members: pd.DataFrame, title: str) -> Figure:
    """Each member's change in real GDP and exports with its interval (two panels)."""
    fig = new_figure(WIDE, 0.9 + 0.32 * len(members))
    axes = fig.subplots(1, 2, sharey=True)
    y = np.arange(len(members))
    for ax, (col, label) in zip(axes, MEASURES, strict=True):
        value = members[col].to_numpy(dtype=float)
        lo = members.get(f"{col}_lo", members[col]).to_numpy(dtype=float)
        hi = members.get(f"{col}_hi", members[col]).to_numpy(dtype=float)
        ax.errorbar(value, y, xerr=[value - lo, hi - value], fmt="o", color="#6a3d9a", capsize=3)
        ax.axvline(0, color="#888", linewidth=0.8)
        ax.set_title(f"{label}, change in %")
        ax.set_yticks(y, list(members["country"]))
    axes[0].invert_yaxis()  # the axes share y: invert once, first member on top
    fig.suptitle(title, fontsize=10)
    return fig


def _source(prov: dict[str, Any]) -> str:
    names = []
    for s in prov.get("sources", []):
        name = s.get("producer") or s.get("title") or s.get("source_id", "")
        if s.get("source_id") == "agreements":
            name = f"agreements: {s.get('title', '')}"
        licence = str(s.get("licence", "")).split(" (")[0].split(". ")[0]
        names.append(f"{name} [{licence}]")
    built = str(prov.get("build", {}).get("fingerprint", ""))[:12]
    return (
        "; ".join(dict.fromkeys(names))
        + "; DESTA as a derived table only; regint knowledge base (agreement and membership "
        f"spells); estimated and solved by regint {prov.get('code_version', '')}, warehouse {built}"
    )


def _rule_check(check: dict[str, Any] | None) -> str:
    if not check:
        return ""
    return f"<p><strong>Domestic-flow rule check ({esc(check['verdict'])}).</strong> {esc(check['text'])}</p>"


def _one(result: GravityTable, region_label: str) -> str:
    prov = result.provenance.to_dict()
    title = prov["scenario"]["title"]
    head = f'<h3 id="scenario-{esc(prov["scenario"]["name"])}">{esc(title)}</h3>'
    if result.extra.get("not_applicable"):
        return (
            head
            + f"<p>Does not apply to {esc(region_label)}: {esc(result.extra['not_applicable'])}</p>"
        )
    frame = result.frame.loc[result.frame["is_region"]].copy()
    rows = frame.to_dict(orient="records")
    for col, _ in MEASURES:
        frame[f"{col}_shown"] = [
            _interval(r[col], r.get(f"{col}_lo"), r.get(f"{col}_hi")) for r in rows
        ]
    cols = {
        "country": "State",
        "rgdp_change_pct_shown": "Real GDP, % change [95% interval]",
        "exports_change_pct_shown": "Exports, % change [95% interval]",
    }
    draws = prov["draws"]
    share = result.extra.get("region_summary", {})
    notes = [
        f"Monte Carlo: {draws['requested']} draws of the coefficients; {draws['solved']} solved, "
        f"<strong>{draws['failed']} failed</strong> (counted, not dropped silently).",
        "Intra-regional share of the members' exports: "
        + " → ".join(f"{v:.2%}" for v in share.values())
        + " (baseline → counterfactual).",
        *(esc(n) for n in result.notes),
    ]
    chart = figure(
        figure_svg(plot_scenario(frame, title), f"{title}: change in real GDP and exports"),
        f"{title}: each member's change in real GDP and exports against the baseline ({INTERVAL}).",
        _source(prov),
    )
    return (
        head
        + _what(prov, result.extra.get("coefficients", []))
        + chart
        + table(frame, cols)
        + _rule_check(result.extra.get("domestic_rule_check"))
        + paragraphs(notes)
    )


def render_scenarios_section(
    results: Sequence[GravityTable] | str, region_label: str = "the region"
) -> str:
    """The HTML section: each scenario with its spec, chart, table, draws, checks and sources;
    ``results`` may be the reason the scenarios could not run."""
    intro = (
        "Structural gravity (PPML with exporter-year, importer-year and pair effects on regint's "
        "world panel, every four years 1992-2020) and full-endowment general equilibrium in 2020, "
        f"after Yotov et al. (2016). Intervals: {INTERVAL} (each draw re-solves the GE). DOTS has "
        "no domestic flows: they are built from WDI GDP, and each scenario is checked under a "
        "second rule. Method: docs/explanation/gravity.md; rerun with "
        "<code>regint scenario run NAME</code>."
    )
    if isinstance(results, str):
        body = f"<p>The scenarios could not run here: {esc(results)}</p>"
    else:
        body = "".join(_one(r, region_label) for r in results)
    return section(SEC_ID, TITLE, body, intro)
