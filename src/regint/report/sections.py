"""The report's sections other than the claims: summary, regional system, trade, partners,
data and methods, provenance."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from regint.core.options import CIF_FOB_DEFAULT
from regint.core.vocab import C5
from regint.report import charts_system as cs
from regint.report.html import (
    badge,
    esc,
    figure,
    fmt,
    link,
    paragraphs,
    pct,
    rows_table,
    section,
    table,
)
from regint.report.sources import kb_source, trade_source
from regint.report.svg import figure_svg
from regint.report.view import MIN_PAIRS_COVERED, MIN_PROFILE_COVERAGE, ReportData


def render_summary(data: ReportData) -> str:
    rows = [
        {
            "n": i,
            "claim": f'<a href="#claim-{esc(r.claim.id)}">{esc(r.claim.title)}</a>',
            "kind": f"conclusion {r.claim.conclusion}" if r.claim.conclusion else "assertion",
            "verdict": badge(r.verdict),
            "summary": r.summary,
        }
        for i, r in enumerate(data.check.results, start=1)
    ]
    body = table(
        pd.DataFrame(rows),
        {"n": "#", "claim": "Claim", "kind": "Kind", "verdict": "Verdict", "summary": "Tests"},
        formats={"n": str, "kind": str, "summary": str},
        raw=("claim", "verdict"),
    )
    members = sorted(data.region.all_members())
    label = esc(data.region.label)
    # A user's own list is labelled by its codes already: don't print them twice.
    who = (
        label
        if sorted(data.region.label.replace(" ", "").split(",")) == members
        else (f"{label} ({', '.join(members)})")
    )
    intro = (
        f"The study's five conclusions and three of its factual assertions, put to the data for {who}. "
        "Verdicts: supported, contradicted, mixed (the tests disagree, or a verdict changes under "
        "a reasonable alternative definition), insufficient data."
    )
    return section("summary", "Verdicts at a glance", body, intro)


def _region_only_table(inst: pd.DataFrame) -> str:
    only = inst[inst["kind"] == "region-only"]
    if only.empty:
        return ""
    cols = {
        "name": "Organisation",
        "founded": "Founded",
        "dissolved": "Dissolved or merged",
        "lifetime_years": "Years",
        "region_members": "Full members",
    }
    formats: dict[str, Callable[[Any], str]] = {
        "founded": str,
        "dissolved": lambda d: "–" if d is None or pd.isna(d) else str(d),
        "lifetime_years": lambda v: f"{v:.1f}",
        "region_members": ", ".join,
    }
    return "<h3>Region-only organisations</h3>" + table(only, cols, formats=formats)


def is_c5(data: ReportData) -> bool:
    """Whether the report is on the study's own region, the five Central Asian states."""
    return data.region.all_members() == frozenset(C5)


PARTLY_RECORDED = (
    "Grey, 'membership partly recorded': the knowledge base records the membership of that "
    "organisation only for the C5 states, so it can be classed neither as region-only nor as "
    "having outside members."
)


def system_intro(data: ReportData) -> str:
    """The regional-system lead; the study's two stages are named only for the C5."""
    text = (
        "Who belonged to what, and when, from the knowledge base: every membership is a dated "
        "spell with its evidence."
    )
    if is_c5(data):
        return text + (
            " The first stage (the 1990s) and the second (from 2016) of the study's institutional "
            "history show up as two clusters."
        )
    return text + (
        f" The charts show the organisations with at least two members of {esc(data.region.label)}. "
        "The study's two-stage institutional history (the 1990s, and from 2016) is that of the C5 "
        "and is not read into this region."
    )


def render_system(data: ReportData) -> str:
    inst = data.institutions
    parts = []
    if len(inst):
        fig = cs.plot_timeline(inst, data.summits, data.overlap_date)
        caption = (
            "Organisations with at least two region states as full members, from founding to "
            "dissolution or merger (pale: still existing). Triangles: summits of the region's "
            "heads of state in their own format. " + PARTLY_RECORDED
        )
        parts.append(
            figure(
                figure_svg(fig, "institutions timeline"), caption, kb_source(data), "fig-timeline"
            )
        )
    if len(data.overlap):
        orgs = data.check.kb.orgs if data.check.kb is not None else inst
        fig = cs.plot_overlap(data.overlap, dict(zip(orgs["id"], orgs["name"], strict=True)))
        caption = (
            f"Status of each state on {data.overlap_date.isoformat()}: F founding member, M member, "
            "A associate, O observer, S suspended, P participant in a dialogue format."
        )
        if not is_c5(data):
            caption += (
                " The knowledge base records the membership of some organisations (the CIS, "
                "CAREC, the OSCE, the dialogue formats) only for the C5 states: there a blank "
                "cell of another state means unknown, not absent."
            )
        parts.append(
            figure(figure_svg(fig, "membership overlap"), caption, kb_source(data), "fig-overlap")
        )
    parts.append(_region_only_table(inst))
    return section("system", "The regional system", "".join(parts), system_intro(data))


def _definitions_table(view: pd.DataFrame) -> str:
    cols = {
        "label": "Convention",
        "counting": "Counting",
        "value_musd": "US$ m",
        "ratio_to_reconciled": "× reconciled",
        "n_flows": "Values",
    }
    return table(view, cols, formats={"ratio_to_reconciled": _ratio, "value_musd": fmt})


def _ratio(value: Any) -> str:
    return "–" if value is None or pd.isna(value) else f"{float(value):.2f}"


def hidden_note(data: ReportData) -> str:
    """Which years the region-level charts leave out, and why."""
    if not data.hidden_years:
        return ""
    years = ", ".join(str(y) for y in data.hidden_years)
    return f" Not drawn: {years} (fewer than {MIN_PAIRS_COVERED:.0%} of member pairs have a known flow)."


def render_trade(data: ReportData) -> str:
    parts = [
        figure(
            figure_svg(
                cs.plot_indicators(data.indicators, data.last_panel_year), "trade indicators"
            ),
            "Intra-regional trade share, intensity, homogeneous intensity and introversion (methodology §4); "
            "shaded years rest on national statistics, not on the IMF panel; the line is broken "
            "where the source changes." + hidden_note(data),
            trade_source(data, {y for f in data.indicators.values() for y in f["year"]}),
            "fig-indicators",
        )
    ]
    if len(data.intra_display):
        actors = [a for a in ("KAZ", "UZB") if a in data.region.all_members()]
        fig = cs.plot_intra_trade(data.intra_display, actors, data.last_panel_year)
        parts.append(
            figure(
                figure_svg(fig, "intra trade"),
                "Trade among the members, by pair; after "
                f"{data.last_panel_year} flows between two states that do not report are missing."
                + hidden_note(data),
                trade_source(data, set(data.intra_display["year"])),
                "fig-intra",
            )
        )
    for year, view in data.definitions.items():
        parts.append(
            f"<h3>Definitions view: intra-regional trade in {year}</h3>" + _definitions_table(view)
        )
    intro = (
        "How integrated is the region's trade, and how do the numbers depend on how trade is counted? "
        "Published figures disagree mostly because they count differently; the definitions view puts "
        "the conventions side by side."
    )
    return section("trade", "Trade integration over time", "".join(parts), intro)


def render_partners(data: ReportData) -> str:
    profile = data.profile_display
    parts = []
    if len(profile):
        fig = cs.plot_profiles(profile, 1995, data.last_panel_year)
        parts.append(
            figure(
                figure_svg(fig, "partner profiles"),
                "Each state's trade with known partners by group (REGION: the other members). Dashed "
                "line: the IMF panel ends; later years rest on national statistics and mirrors, and a "
                "state-year is drawn only where its known partners cover at least "
                f"{MIN_PROFILE_COVERAGE:.0%} of its trade.",
                trade_source(data, set(profile["year"])),
                "fig-profiles",
            )
        )
    if len(data.profile_recent):
        cols = {c: c for c in data.profile_recent.columns}
        cols["country"] = "State"
        parts.append(
            "<h3>Mean shares, 2016-2020</h3>"
            + table(data.profile_recent, cols, formats={c: pct for c in cols if c != "country"})
        )
    intro = (
        "Whom each state leans on: the shares of Russia, China, the EU-27, the USA, Turkey, Iran, the rest "
        'of the region and all others, the measurable face of "bandwagoning".'
    )
    return section("partners", "The external-partner profile of each state", "".join(parts), intro)


def _and(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def _gap_items(data: ReportData) -> list[str]:
    cov = data.coverage
    late = cov[cov["period"] == "national"] if "period" in cov else cov.iloc[0:0]
    items = [
        f"The world panel (IMF DOTS) ends in {data.last_panel_year}. Trends and most tests use "
        f"2005-{data.last_panel_year}; windows reaching later are marked and used as robustness checks."
    ]
    for row in late.itertuples(index=False):
        items.append(
            f"{row.year}: intra-regional pairs covered {row.pairs_covered}; flows from "
            f"{row.flow_sources}; totals from {row.totals_source}."
        )
    members = data.region.all_members()
    # Who reports after the panel is read from the data (the warehouse's flows), not written here.
    names = data.country_names
    reporters = [names.get(c, c) for c in data.late_reporters]
    after = f"After {data.last_panel_year} only {_and(reporters) or 'no state'} report"
    after += "s" if len(reporters) == 1 else ""
    after += " trade by partner in this warehouse"
    if "KGZ" not in data.late_reporters:
        after += " (Kyrgyzstan's tables are an optional import, whose licence is unclear)"
    # Which members then appear only through their partners' reports depends on the region.
    silent = [names.get(c, c) for c in sorted(members - set(data.late_reporters))]
    if silent:
        after += (
            f"; {_and(silent)} appear{'s' if len(silent) == 1 else ''} only as partners, so their "
            "flows are mirrors, and flows between two states that do not report are unknown"
        )
    items.append(after + ".")
    if "TKM" in members:
        items.append(
            "Turkmenistan hardly reports at all: its exports are always taken from its partners' imports."
        )
    items.append(
        "Trade by product is not in the warehouse, so claims about raw materials and farm produce "
        "cannot be tested yet."
    )
    return items


def render_methods(data: ReportData) -> str:
    text = paragraphs(
        [
            "<strong>Trade.</strong> Bilateral flows come from the IMF Direction of Trade Statistics (1992-2020) "
            "and national statistics after 2020. Each directed flow has the exporter's report (FOB) and the "
            f"importer's (CIF); the mirror value divides the CIF report by a CIF/FOB factor ({CIF_FOB_DEFAULT}). The reconciled "
            "value, used by default, prefers the importer's report and falls back on the exporter's, except for "
            "Turkmenistan (always mirror) and Uzbekistan before 2000. Each flow is counted once; T_RR counts "
            "every intra-regional flow in both members' trade, as T_R counts it in both members' totals.",
            "<strong>Claims.</strong> Tests are declared in <code>regint/claims/spec.yaml</code> "
            f"(declared on {esc(data.check.provenance.get('claims_spec', {}).get('declared_on', ''))}). Trends use "
            "OLS with Newey-West standard errors; the structural break is a segmented regression with a Chow F "
            "test, its effect being the mean post-break deviation from the pre-break trend, with a 95% CI.",
            "<strong>Knowledge base.</strong> Organisations, membership spells and events are reviewed YAML "
            "records with evidence URLs; 'region-only' means every founding full member is a region state, and "
            "an organisation whose membership is recorded only for the C5 is not classified.",
        ]
    )
    gaps = (
        "<h3>Data gaps</h3><ul class='gaps'>"
        + "".join(f"<li>{esc(i)}</li>" for i in _gap_items(data))
        + "</ul>"
    )
    cols = {
        "year": "Year",
        "period": "Period",
        "flow_sources": "Flow sources",
        "sides": "Sides",
        "pairs_covered": "Pairs",
        "totals_source": "Totals",
    }
    coverage = table(data.coverage, cols, formats={"year": str}) if len(data.coverage) else ""
    body = (
        text
        + gaps
        + f"<details><summary>Coverage of intra-regional flows by year</summary>{coverage}</details>"
    )
    return section("methods", "Data and methods", body)


def render_provenance(data: ReportData) -> str:
    rows = [
        {
            "source": s.get("source_id"),
            "producer": s.get("producer"),
            "title": s.get("title"),
            "licence": s.get("licence"),
            "redistributable": s.get("redistributable"),
            "link": link(s["urls"][0], "source") if s.get("urls") else "",
        }
        for s in data.sources
    ]
    cols = {
        "source": "Id",
        "producer": "Producer",
        "title": "Title",
        "licence": "Licence",
        "redistributable": "Redistributable",
        "link": "Link",
    }
    sources = rows_table(rows, cols, raw=("link",))
    spec = data.check.provenance.get("claims_spec", {})
    build = data.build
    text = paragraphs(
        [
            f"<strong>Study.</strong> {esc(data.check.provenance.get('study', ''))}.",
            f"<strong>Knowledge base.</strong> {esc(data.knowledge_base.get('citation', ''))} "
            f"(version {esc(data.knowledge_base.get('fingerprint', ''))}).",
            f"<strong>Claims spec.</strong> sha256 {esc(spec.get('sha256', ''))[:16]}…, declared on "
            f"{esc(spec.get('declared_on', ''))}.",
            f"<strong>Warehouse.</strong> built {esc(build.get('built_at', ''))} by regint "
            f"{esc(build.get('code_version', ''))} from the snapshot of {esc(build.get('snapshot_built_at', ''))}; "
            f"fingerprint {esc(str(build.get('fingerprint', ''))[:16])}….",
        ]
    )
    return section("provenance", "Provenance and licences", text + sources)
