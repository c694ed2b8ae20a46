"""The claims section: each claim with its verdict, pre-declared tests, evidence and reruns."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from regint.api.claims import KB_METRICS, ClaimResult, Measure, TestResult
from regint.core.numbers import format_measure
from regint.report import charts_claims as cc
from regint.report.html import badge, esc, figure, fmt, rows_table, section, table
from regint.report.sections import PARTLY_RECORDED
from regint.report.sources import kb_source, trade_source
from regint.report.svg import figure_svg
from regint.report.view import ReportData

EvidenceChart = Callable[[ReportData, ClaimResult], tuple[Any, str, str] | None]
MeasureChart = Callable[[ReportData, ClaimResult, Measure], tuple[Any, str, str]]


def _measure(result: ClaimResult, test_id: str) -> Measure | None:
    for t in result.tests:
        if t.test.id == test_id and t.baseline.series:
            return t.baseline
    return None


def _on_measure(test_id: str, draw: MeasureChart) -> EvidenceChart:
    """An evidence chart drawn from the baseline measure of ``test_id``; none without a series."""

    def chart(data: ReportData, result: ClaimResult):  # noqa: ANN202
        measure = _measure(result, test_id)
        return None if measure is None else draw(data, result, measure)

    return chart


def _years_of(measure: Measure, span: object = None) -> set[int] | None:
    """The years a measure's chart draws: its series' years, or a 'YYYY-YYYY' detail."""
    years = measure.series_dict().get("year")
    if years:
        return {int(y) for y in years}
    first, _, last = str(span or "").partition("-")
    if first.strip().isdigit():
        return set(range(int(first), int(last or first) + 1))
    return None


def _bars(measure: Measure, bars: list[tuple[str, str, str]], unit: str):  # noqa: ANN202 - a Figure
    """Bars by country of the measure's series: one (label, series key, colour) per bar."""
    s = measure.series_dict()
    return cc.plot_bars(
        s["country"], [(label, s[key], colour) for label, key, colour in bars], unit
    )


def _depth(data: ReportData, _: ClaimResult):  # noqa: ANN202 - (figure, caption, source) or None
    inst = data.institutions
    if inst.empty:
        return None
    return (
        cc.plot_depth(inst),
        "Balassa depth declared (circle) and achieved (bar) by the organisations "
        "with at least two region members; ★ marks supranational bodies. " + PARTLY_RECORDED,
        kb_source(data),
    )


def _summits(data: ReportData, _: ClaimResult):  # noqa: ANN202
    return (
        cc.plot_summits(data.summits, 1991, data.overlap_date.year),
        "Summits of the region's heads of state in their own format (no outside power), per year.",
        kb_source(data),
    )


def _strength(data: ReportData, _: ClaimResult, measure: Measure):  # noqa: ANN202
    return (
        _bars(measure, [("strength share", "strength_share", "#6a3d9a")], "% of network strength"),
        "Mean share of each state in the strength (weighted degree) of the intra-regional trade "
        f"network, {measure.detail_dict().get('years', '')}.",
        trade_source(data, _years_of(measure, measure.detail_dict().get("years"))),
    )


def _trade_basis(data: ReportData, _: ClaimResult):  # noqa: ANN202
    share = data.indicators["intra_regional_share"].dropna(subset=["value"])
    intensity = data.indicators["intra_regional_intensity"].dropna(subset=["value"])
    fig = cc.plot_lines(
        [
            (
                "Intra-regional intensity (threshold 1)",
                list(intensity["year"]),
                list(intensity["value"]),
                [1.0],
            ),
            (
                "Intra-regional share, % (thresholds 15, 25)",
                list(share["year"]),
                list(share["value"] * 100),
                [15.0, 25.0],
            ),
        ],
        data.last_panel_year,
    )
    return (
        fig,
        "The two trade tests' series with their thresholds; shaded years rest on national statistics.",
        trade_source(data, {*share["year"], *intensity["year"]}),
    )


def _bandwagon(data: ReportData, _: ClaimResult, measure: Measure):  # noqa: ANN202
    return (
        cc.plot_shares(measure, data.last_panel_year),
        "Shares of the external centres (RUS, CHN, EU-27, USA, TUR, IRN) and of the region in the members' "
        "trade with known partners, with linear trends (dashed).",
        trade_source(data, _years_of(measure)),
    )


def _break(data: ReportData, result: ClaimResult, measure: Measure):  # noqa: ANN202
    spec = next(t.test for t in result.tests if t.test.id == "break_in_intra_share")
    year = int(spec.param_dict().get("break_year", 2017))
    d = measure.detail_dict()
    share = d.get("series", "share") == "share"
    ylabel = "intra-regional trade share (%)" if share else "intra-regional trade (log US$ m)"
    effect = "percentage points (pp) of the share" if share else "log points"
    return (
        cc.plot_break(measure, year, ylabel, data.last_panel_year),
        f"The {ylabel} and a segmented regression with a break in {year} "
        f"(Chow F = {fmt(d.get('chow_f'))}, p = {fmt(d.get('chow_p'))}). The test's effect is the "
        f"mean gap between the observed series and the pre-break trend from {year}, in {effect}.",
        trade_source(data, _years_of(measure)),
    )


def _lifetimes(data: ReportData, _: ClaimResult):  # noqa: ANN202
    inst = data.institutions[data.institutions["kind"] == "region-only"]
    if inst.empty:
        return None
    return (
        cc.plot_lifetimes(inst),
        "Lifetime of each region-only organisation (founding to dissolution or "
        "merger; still-existing ones to date).",
        kb_source(data),
    )


def _lean(data: ReportData, _: ClaimResult, measure: Measure):  # noqa: ANN202
    bars = [("external centres", "external", "#e08214"), ("intra-regional", "region", "#6a3d9a")]
    return (
        _bars(measure, bars, "% of trade"),
        "Each state's trade with the external centres and with the region, mean 2016-2020.",
        trade_source(data, range(2016, 2021)),
    )


EVIDENCE: dict[str, EvidenceChart] = {
    "sovereignty_cap": _depth,
    "coordination_over_ladder": _summits,
    "key_actors": _on_measure("key_pair_centrality", _strength),
    "trade_basis": _trade_basis,
    "bandwagoning": _on_measure("gap_widens_since_2005", _bandwagon),
    "uzbek_opening": _on_measure("break_in_intra_share", _break),
    "institutions_did_not_last": _lifetimes,
    "lean_on_external": _on_measure("states_leaning_out", _lean),
}


def _value(m: Measure) -> str:
    return format_measure(m.value, m.unit, m.lo, m.hi)


def _tests_table(result: ClaimResult) -> str:
    rows = [
        {
            "test": t.test.id,
            "prediction": t.test.prediction,
            "rule": t.test.rule.describe(),
            "result": _value(t.baseline) + (f" — {t.baseline.note}" if t.baseline.note else ""),
            "baseline": badge(t.baseline_verdict),
            "verdict": badge(t.verdict),
            "flips": ", ".join(t.flips) or "–",
        }
        for t in result.tests
    ]
    cols = {
        "test": "Test",
        "prediction": "Prediction (declared before the data)",
        "rule": "Rule",
        "result": "Result (baseline)",
        "baseline": "Baseline",
        "verdict": "Verdict",
        "flips": "Changes under",
    }
    return table(
        pd.DataFrame(rows),
        cols,
        formats={k: str for k in cols},
        raw=("baseline", "verdict"),
        css="tests",
    )


def _detail_list(result: TestResult) -> str:
    items = "".join(
        f"<li><code>{esc(k)}</code>: {esc(_plain(v))}</li>" for k, v in result.baseline.details
    )
    rows = [
        {
            "dimension": v.dimension,
            "alternative": v.label,
            "value": _value(v.measure),
            "verdict": badge(v.verdict),
            "note": v.measure.note or "",
        }
        for v in result.variants
    ]
    cols = {
        "dimension": "Dimension",
        "alternative": "Alternative",
        "value": "Value",
        "verdict": "Verdict",
        "note": "Note",
    }
    reruns = rows_table(
        rows,
        cols,
        "<p class='note'>No alternative applies.</p>",
        formats={"value": str, "note": str, "alternative": str, "dimension": str},
        raw=("verdict",),
    )
    why = f"<p class='note'>{esc(result.test.rationale)}</p>" if result.test.rationale else ""
    if result.test.amendment:
        why += f"<p class='note'><strong>{esc(result.test.amendment)}</strong></p>"
    return f"<h4>{esc(result.test.id)}</h4>{why}<ul>{items}</ul>{reruns}"


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value) or "none"
    return fmt(value, 4)


def is_applicable(result: ClaimResult) -> bool:
    """Whether any judged test of the claim applies to the region."""
    return any(t.is_applicable for t in result.tests if not t.is_context)


def _charts(data: ReportData, result: ClaimResult) -> list[str]:
    """The claim's evidence chart (if it has one) and its robustness chart."""
    out = []
    chart = EVIDENCE.get(result.claim.id)
    made = chart(data, result) if chart else None
    if made:
        fig, caption, source = made
        out.append(figure(figure_svg(fig, caption), caption, source, f"fig-{result.claim.id}"))
    robust = cc.plot_robustness(result)
    out.append(
        figure(
            figure_svg(robust, "robustness"),
            "Verdict of each test on the baseline and under each alternative definition "
            "(– : does not apply).",
            _robustness_source(data, result),
            f"fig-{result.claim.id}-robustness",
        )
    )
    return out


def _robustness_source(data: ReportData, result: ClaimResult) -> str:
    """The sources the claim's judged tests rest on: the knowledge base, trade data, or both."""
    metrics = {t.test.metric for t in result.tests if not t.is_context}
    parts = []
    if metrics - KB_METRICS:
        parts.append(trade_source(data))
    if metrics & KB_METRICS:
        parts.append(kb_source(data))
    return "; ".join(parts)


def render_claim(data: ReportData, result: ClaimResult, number: int) -> str:
    claim = result.claim
    kind = f"conclusion {claim.conclusion}" if claim.conclusion else "factual assertion"
    parts = [
        f'<article class="claim" id="claim-{esc(claim.id)}">',
        f"<h3>{number}. {esc(claim.title)}{badge(result.verdict)}</h3>",
        f"<blockquote>{esc(claim.statement)}</blockquote>",
        f"<p class='note'>{esc(kind)} · {esc(claim.source)} · claim id <code>{esc(claim.id)}</code></p>",
        f"<p><strong>Verdict: {esc(result.verdict.replace('_', ' '))}.</strong> {esc(result.summary)}.</p>",
    ]
    if claim.note:
        parts.append(f"<p class='note'>{esc(claim.note)}</p>")
    parts.append(_tests_table(result))
    if is_applicable(result):
        parts += _charts(data, result)
    else:
        parts.append(
            f"<p class='note'>Not applicable to {esc(data.region.label)}: the claim's tests presuppose "
            "states or organisations this region does not have, so no evidence chart is drawn.</p>"
        )
    details = "".join(_detail_list(t) for t in result.tests)
    parts.append(
        f"<details><summary>Numbers behind each test and every rerun</summary>{details}</details>"
    )
    parts.append("</article>")
    return "".join(parts)


def render_claims(data: ReportData, progress: Callable[[str], None]) -> str:
    body = []
    for number, result in enumerate(data.check.results, start=1):
        progress(f"drawing claim {number}/{len(data.check.results)}")
        body.append(render_claim(data, result, number))
    # The scenarios are the claims' own policy; the text reads them from the check it describes.
    scenarios = data.check.scenarios
    base = next(s for s in scenarios if s.dimension == "baseline")
    factors = " and ".join(f"{s.cif_fob:.2f}" for s in scenarios if s.dimension == "cif_fob")
    bases = " and ".join(s.basis for s in scenarios if s.dimension == "basis")
    intro = (
        "Each claim carries tests declared before the data were looked at (metric, prediction, "
        f"threshold). Baseline: {base.basis} trade basis, CIF/FOB {base.cif_fob}. Each test is "
        f"rerun on the {bases} bases, CIF/FOB {factors}, the region variants and the windows "
        "the spec lists; <strong>a verdict that changes under any rerun is reported as mixed</strong>. "
        "A claim's verdict combines its tests, leaving out those the data cannot answer. A test whose "
        "premise does not hold for the region (it names a state that is not a member, it treats a member "
        "as an outside power, or it is defined on the C5 states and their own organisations) is <em>insufficient data</em>, marked "
        "<em>not applicable</em>, never a verdict."
    )
    return section("claims", "The claims, tested", "".join(body), intro)
