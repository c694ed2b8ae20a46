"""The report section on the three GE scenarios (a C5 FTA, Uzbekistan in the EAEU, lower C5
border costs): per-state effects on real GDP and exports with 95% intervals.

Running the scenarios takes tens of seconds each, so the section renders results computed
beforehand: ``collect_scenarios`` runs them through the api, ``render_scenarios_section`` turns
them into HTML. Not yet called by ``build_report`` (the report's time budget and its reshaping).
"""

from __future__ import annotations

from collections.abc import Sequence

from regint.api import gravity
from regint.api.gravity import GravityTable
from regint.core.options import PathLike, Progress
from regint.report.html import esc, fmt, paragraphs, section, table

SCENARIOS = ("c5-fta", "uzb-eaeu", "c5-border-costs")


def collect_scenarios(
    warehouse: PathLike | None = None, progress: Progress | None = None, draws: int = 200
) -> list[GravityTable]:
    """Run the three shipped scenarios (``draws`` Monte Carlo draws each)."""
    return [
        gravity.run_scenario(name, {"draws": str(draws)}, warehouse=warehouse, progress=progress)
        for name in SCENARIOS
    ]


def _interval(value: float, lo: float | None, hi: float | None) -> str:
    if lo is None or hi is None:
        return fmt(value)
    return f"{fmt(value)} [{fmt(lo)}, {fmt(hi)}]"


def _one(result: GravityTable) -> str:
    prov = result.provenance.to_dict()
    frame = result.frame.loc[result.frame["is_region"]].copy()
    for m in ("rgdp_change_pct", "exports_change_pct"):
        lo, hi = f"{m}_lo", f"{m}_hi"
        frame[f"{m}_shown"] = [
            _interval(r[m], r.get(lo), r.get(hi)) for r in frame.to_dict(orient="records")
        ]
    cols = {
        "country": "state",
        "rgdp_change_pct_shown": "real GDP, % [95% interval]",
        "exports_change_pct_shown": "exports, % [95% interval]",
    }
    draws = prov["draws"]
    summary = result.extra.get("region_summary", {})
    notes = [
        *result.notes,
        f"Monte Carlo: {draws['solved']} draws solved, {draws['failed']} failed",
        "intra-C5 share of the C5's exports: " + " to ".join(f"{v:.1%}" for v in summary.values()),
    ]
    title = prov["scenario"]["title"]
    return f"<h3>{esc(title)}</h3>" + table(frame, cols) + paragraphs(notes)


def render_scenarios_section(results: Sequence[GravityTable]) -> str:
    """The HTML section; each scenario with its table, notes and interval counts."""
    intro = (
        "Structural gravity (PPML with exporter-year, importer-year and pair effects) and "
        "full-endowment general equilibrium, after Yotov et al. (2016). Domestic flows are built "
        "from WDI GDP: DOTS has none."
    )
    body = "".join(_one(r) for r in results)
    return section("scenarios", "What would integration do? GE scenarios", body, esc(intro))
