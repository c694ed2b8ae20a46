"""The self-contained HTML report: the claims with their evidence, the regional system, trade.

>>> from regint.report import build_report
>>> result = build_report("c5", "report.html", progress=print)  # doctest: +SKIP

The file works offline: charts are inline SVG and the page loads no script, stylesheet, font or
image from anywhere.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from regint.api.gravity import GravityTable
from regint.api.index import IndexBuild, build_index
from regint.api.warehouse import check_output
from regint.core.errors import InputError, RegintError
from regint.core.marks import write_atomically
from regint.core.options import Progress, quiet
from regint.report.claims_section import render_claims
from regint.report.drivers_section import collect_drivers, render_drivers
from regint.report.html import esc, page
from regint.report.index_section import render_index
from regint.report.scenarios_section import collect_scenarios, render_scenarios_section
from regint.report.sections import (
    is_c5,
    render_methods,
    render_partners,
    render_provenance,
    render_summary,
    render_system,
    render_trade,
)
from regint.report.svg import report_style
from regint.report.view import ReportData, collect_report_data

NAV = (
    ("summary", "Verdicts"),
    ("system", "Regional system"),
    ("trade", "Trade integration"),
    ("partners", "External partners"),
    ("drivers", "Drivers beyond trade"),
    ("claims", "Claims"),
    ("index", "Integration index"),
    ("scenarios", "GE scenarios"),
    ("methods", "Data and methods"),
    ("provenance", "Provenance"),
)

__all__ = ["ReportResult", "build_report", "default_report_path", "render_report"]


@dataclass(frozen=True)
class ReportResult:
    """Where the report went, how big it is, how long it took, and the verdicts it shows."""

    path: Path
    size_bytes: int
    seconds: float
    verdicts: Mapping[str, str]
    timings: dict[str, float]


def default_report_path(region_id: str) -> Path:
    return Path(f"regint-report-{region_id}.html")


def scope_note(data: ReportData) -> str:
    """For a region other than the C5: what the study's claims can and cannot say about it."""
    if is_c5(data):
        return ""
    return (
        f"<p>The study is about Central Asia (the C5). On {esc(data.region.label)}, a test defined on "
        "the C5 states and their own organisations, or about a state that is not a member, is marked "
        "not applicable (insufficient data).</p>"
    )


def render_report(
    data: ReportData,
    progress: Progress | None = None,
    drivers: dict[str, pd.DataFrame] | None = None,
    index: IndexBuild | str | None = None,
    scenarios: Sequence[GravityTable] | str | None = None,
) -> str:
    """The report as one HTML string; ``drivers`` (from :func:`collect_drivers`) adds that
    section, ``index`` is the built index (or why there is none), ``scenarios`` the GE
    scenarios (from :func:`collect_scenarios`, or why they could not run)."""
    say = progress or quiet
    with report_style():
        say("drawing the regional system")
        system = render_system(data)
        say("drawing trade indicators")
        trade = render_trade(data) + render_partners(data)
        say("drawing the drivers beyond trade")
        beyond = render_drivers(drivers) if drivers else ""
        claims = render_claims(data, say)
        say("drawing the integration index")
        index_html = (
            render_index(index)
            if isinstance(index, IndexBuild)
            else render_index(None, index or "")
        )
        say("drawing the GE scenarios")
        scenarios_html = (
            render_scenarios_section(scenarios, data.region.label) if scenarios is not None else ""
        )
    say("writing data, methods and provenance")
    body = (
        render_summary(data)
        + system
        + trade
        + beyond
        + claims
        + index_html
        + scenarios_html
        + render_methods(data)
        + render_provenance(data)
    )
    title = f"Regional integration report: {data.region.label}"
    header = (
        f"<h1>{esc(title)}</h1><p>The conclusions of Makhmutova (2018), <em>Central Asia in Search for "
        "its Own Way of Integration</em>, checked against public data.</p>"
        f"{scope_note(data)}"
        f"<p>Generated {esc(data.generated_at)} by regint {esc(data.version)} · trade {data.years[0]}-"
        f"{data.years[1]} (IMF panel to {data.last_panel_year}) · knowledge base as of "
        f"{esc(data.overlap_date.isoformat())}</p>"
    )
    footer = (
        "Rebuild with <code>regint report</code>. Every number in this file can be recomputed with "
        "<code>regint claims check --json</code> and <code>regint indicators compute</code>."
    )
    return page(title, header, NAV, body, footer)


def write_report(path: Path, html: str) -> None:
    """Write atomically (never a half-written report); a failure names ``out``."""
    try:
        write_atomically(path, lambda tmp: tmp.write_text(html, encoding="utf-8"))
    except OSError as err:
        raise InputError("out", f"cannot write {path}: {err.strerror or err}") from None


def load_index(
    region: object, warehouse: str | os.PathLike[str] | None, say: Progress
) -> IndexBuild | str:
    """The index of the report's region, or the reason it cannot be built there."""
    say("building the integration index")
    try:
        return build_index(region=region, warehouse=warehouse, progress=say)  # type: ignore[arg-type]
    except RegintError as err:
        return str(err)


def build_report(
    region: str = "c5",
    out: str | os.PathLike[str] | None = None,
    *,
    countries: str | Sequence[str] | None = None,
    as_of: dt.date | None = None,
    warehouse: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
) -> ReportResult:
    """Collect, render and write the report; returns where it went and the verdicts."""
    say = progress or quiet
    start = time.perf_counter()
    # An unwritable ``out`` is the user's to fix: say so before seconds of computing, not after.
    check_output(default_report_path("check") if out is None else out, warehouse=warehouse)
    data = collect_report_data(
        region, countries=countries, as_of=as_of, warehouse=warehouse, progress=say
    )
    say("computing the drivers beyond trade")
    drivers_start = time.perf_counter()
    drivers = collect_drivers(data.region, warehouse)
    drivers_seconds = time.perf_counter() - drivers_start
    index = load_index(data.region, warehouse, say)
    say("running the GE scenarios")
    scenarios_start = time.perf_counter()
    scenarios = collect_scenarios(data.region, warehouse, say)
    scenarios_seconds = time.perf_counter() - scenarios_start
    html = render_report(data, say, drivers, index, scenarios)
    path = default_report_path(data.region.id) if out is None else Path(out)
    say(f"writing {path}")
    write_report(path, html)
    seconds = time.perf_counter() - start
    timings = {
        **data.timings,
        "drivers": drivers_seconds,
        "scenarios": scenarios_seconds,
        "total": seconds,
    }
    verdicts = {r.claim.id: r.verdict for r in data.check.results}
    return ReportResult(
        path=path,
        size_bytes=path.stat().st_size,
        seconds=seconds,
        verdicts=verdicts,
        timings=timings,
    )
