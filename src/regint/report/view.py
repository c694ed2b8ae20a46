"""The report's view model: what it shows, and the display rules that decide it.

:func:`collect_report_data` asks the api for the claims and the baseline series
(:func:`regint.api.report.load_report_inputs`) and applies the report's own rules: which
indicators and definition years it draws, which years are hidden, the partner-profile window.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from regint.api.claims import ClaimCheck
from regint.api.indicators import (
    has_enough_coverage,
    has_enough_pairs,
    indicator_ids,
    show_indicator,
)
from regint.api.report import load_report_inputs
from regint.core.options import REGION_DEFAULT, Countries, PathLike, Progress, quiet
from regint.core.regions import Region
from regint.core.version import __version__
from regint.core.vocab import PANEL_LAST_YEAR, PROFILE_GROUPS

# The report's trade series: every trade indicator with a region level, in registry order.
REGION_INDICATORS = indicator_ids("trade", "region")
DEFINITION_YEARS = (2018, 2021)  # a panel year and a year resting on national statistics
RECENT = (2016, 2020)  # the last five panel years
# Charts draw a region-level year only when most member pairs have a known flow, and a state's
# partner profile only when its known partners cover most of its trade: after 2020 a state that
# does not report appears only through its partners' reports, which would look like pure
# intra-regional trade. The indicators mask their values by the same rules (one definition, in
# regint.indicators.masking), so the report, the CLI and the API agree.
# The thresholds are read from the indicators' own records, not imported from anywhere.
MIN_PAIRS_COVERED: float = show_indicator("intra_regional_share")["thresholds"]["min_pairs_share"]
MIN_PROFILE_COVERAGE: float = show_indicator("partner_profile")["thresholds"][
    "min_partner_coverage"
]


@dataclass(frozen=True)
class ReportData:
    """The inputs of the report: verdicts, indicator series, knowledge-base tables, provenance."""

    region: Region
    check: ClaimCheck
    indicators: dict[str, pd.DataFrame]
    indicator_meta: dict[str, dict[str, Any]]
    country_share: pd.DataFrame
    profile_recent: pd.DataFrame
    profile_display: pd.DataFrame
    intra_display: pd.DataFrame
    hidden_years: tuple[int, ...]
    definitions: dict[int, pd.DataFrame]
    coverage: pd.DataFrame
    institutions: pd.DataFrame
    overlap: pd.DataFrame
    overlap_date: dt.date
    summits: pd.DataFrame
    sources: list[dict[str, Any]]
    knowledge_base: dict[str, Any]
    build: dict[str, str]
    years: tuple[int, int]
    country_names: dict[str, str]  # ISO3 -> name, from ref.countries
    late_reporters: tuple[str, ...]  # whose own reports carry the years after the panel
    generated_at: str
    version: str = __version__
    last_panel_year: int = PANEL_LAST_YEAR
    timings: dict[str, float] = field(default_factory=dict, compare=False)


def compute_profile_means(profile: pd.DataFrame, window: tuple[int, int] = RECENT) -> pd.DataFrame:
    """Mean share of each partner group in each state's trade over ``window`` (country x group)."""
    recent = profile[(profile["year"] >= window[0]) & (profile["year"] <= window[1])]
    wide = recent.pivot_table(index="country", columns="group", values="value", aggfunc="mean")
    order = [g for g in PROFILE_GROUPS if g in wide]
    return wide[order].reset_index()


def compute_display_years(coverage: pd.DataFrame) -> list[int]:
    """Years in which enough member pairs have a known flow (the indicators' masking rule)."""
    return [int(y) for y in coverage["year"][has_enough_pairs(coverage["pairs_share"])]]


def collect_report_data(
    region: str | Region | None = REGION_DEFAULT,
    *,
    countries: Countries = None,
    as_of: dt.date | None = None,
    warehouse: PathLike | None = None,
    progress: Progress | None = None,
) -> ReportData:
    """Evaluate the claims and gather every table and series the report shows."""
    start = time.perf_counter()
    got = load_report_inputs(
        region,
        indicators=REGION_INDICATORS,
        definition_years=DEFINITION_YEARS,
        countries=countries,
        as_of=as_of,
        warehouse=warehouse,
        progress=progress or quiet,
    )
    check, years = got.check, got.years
    shown = compute_display_years(got.coverage)
    assert check.trade is not None  # the baseline always has trade frames
    profile, intra = check.trade.profile, check.trade.intra
    prov = check.provenance
    kb = check.kb
    assert kb is not None  # the report always reads the knowledge base
    return ReportData(
        region=check.region,
        check=check,
        indicators={k: v[v["year"].isin(shown)] for k, v in got.indicators.items()},
        indicator_meta={k: show_indicator(k) for k in REGION_INDICATORS},
        country_share=got.country_share,
        profile_recent=compute_profile_means(profile),
        profile_display=profile[has_enough_coverage(profile["coverage"])],
        intra_display=intra[intra["year"].isin(shown)],
        hidden_years=tuple(y for y in years if y not in shown),
        definitions=got.definitions,
        coverage=got.coverage,
        institutions=got.institutions,
        overlap=got.overlap,
        overlap_date=kb.as_of,
        summits=got.summits,
        sources=list(prov.get("sources", [])),
        knowledge_base=dict(prov.get("knowledge_base", {})),
        build=dict(prov.get("build", {})),
        years=(years[0], years[-1]),
        country_names=got.country_names,
        late_reporters=check.trade.late_reporters,
        generated_at=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        timings={"data": time.perf_counter() - start},
    )
