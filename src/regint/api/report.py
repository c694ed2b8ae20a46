"""Everything the HTML report shows, collected in one pass over the warehouse and knowledge base.

The report layer (``regint.report``) renders what :func:`collect_report_data` returns; it does
no computing of its own. Trade is loaded once per basis and shared between the claims and the
indicator charts.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from regint.api.claims import (
    ClaimCheck,
    WarehouseRun,
    evaluate_warehouse,
    load_kb_frames,
    make_check,
)
from regint.api.knowledge import overlap
from regint.api.warehouse import open_warehouse
from regint.claims import METRICS, ClaimSet, Context, KBFrames, read_claims
from regint.claims.institutions import compute_institutions
from regint.claims.metrics_kb import regional_summits
from regint.core.options import CIF_FOB_DEFAULT, PathLike, Progress, quiet
from regint.core.regions import Region
from regint.core.version import __version__
from regint.core.vocab import PANEL_LAST_YEAR
from regint.indicators.coverage import compute_coverage
from regint.indicators.definitions import compute_definitions_view
from regint.indicators.masking import (
    MIN_PAIRS_SHARE,
    MIN_PARTNER_COVERAGE,
    has_enough_coverage,
    has_enough_pairs,
)
from regint.indicators.registry import INDICATORS
from regint.indicators.registry import compute as compute_indicator
from regint.storage import queries

REGION_INDICATORS = (
    "intra_regional_share",
    "intra_regional_intensity",
    "homogeneous_intensity",
    "introversion",
)
DEFINITION_YEARS = (2018, 2021)  # a panel year and a year resting on national statistics
RECENT = (2016, 2020)  # the last five panel years
# Charts draw a region-level year only when most member pairs have a known flow, and a state's
# partner profile only when its known partners cover most of its trade: after 2020 a state that
# does not report appears only through its partners' reports, which would look like pure
# intra-regional trade. The indicators mask their values by the same rules (one definition, in
# regint.indicators.masking), so the report, the CLI and the API agree.
MIN_PAIRS_COVERED = MIN_PAIRS_SHARE
MIN_PROFILE_COVERAGE = MIN_PARTNER_COVERAGE


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
    generated_at: str
    version: str = __version__
    last_panel_year: int = PANEL_LAST_YEAR
    timings: dict[str, float] = field(default_factory=dict, compare=False)


def _region_indicators(data: Any, region: Region) -> dict[str, pd.DataFrame]:
    return {name: compute_indicator(name, data, region, "region") for name in REGION_INDICATORS}


def _definitions(
    con: Any, data: Any, region: Region, years: Sequence[int]
) -> dict[int, pd.DataFrame]:
    out = {}
    for year in DEFINITION_YEARS:
        if year not in years:
            continue
        members = region.members(year)
        both = queries.load_both_sides(con, members, year, year)
        out[year] = compute_definitions_view(both, data.flows, members, year, CIF_FOB_DEFAULT)
    return out


def compute_profile_means(profile: pd.DataFrame, window: tuple[int, int] = RECENT) -> pd.DataFrame:
    """Mean share of each partner group in each state's trade over ``window`` (country x group)."""
    recent = profile[(profile["year"] >= window[0]) & (profile["year"] <= window[1])]
    wide = recent.pivot_table(index="country", columns="group", values="value", aggfunc="mean")
    order = [
        g for g in ("RUS", "CHN", "EU27", "USA", "TUR", "IRN", "REGION", "OTHERS") if g in wide
    ]
    return wide[order].reset_index()


def compute_display_years(coverage: pd.DataFrame) -> list[int]:
    """Years in which enough member pairs have a known flow (the indicators' masking rule)."""
    return [int(y) for y in coverage["year"][has_enough_pairs(coverage["pairs_share"])]]


def _overlap(members: Sequence[str], on: dt.date) -> pd.DataFrame:
    frame = overlap(on, countries=list(members)).to_frame()
    return frame


def _read_warehouse(
    con: Any,
    region: str | Region | None,
    countries: str | Sequence[str] | None,
    kb: KBFrames,
    claim_set: ClaimSet,
    say: Progress,
) -> dict[str, Any]:
    """Everything the report takes from the warehouse, in one connection."""
    run = evaluate_warehouse(con, region, countries, kb, claim_set.claims, say)
    reg, years = run.region, run.years
    base = run.evaluation.data[("reconciled", CIF_FOB_DEFAULT)]
    say("computing indicators")
    return {
        "run": run,
        "indicators": _region_indicators(base, reg),
        "country_share": compute_indicator("intra_regional_share", base, reg, "country"),
        "definitions": _definitions(con, base, reg, years),
        "coverage": compute_coverage(base, reg, years),
    }


def collect_report_data(
    region: str | Region | None = "c5",
    *,
    countries: str | Sequence[str] | None = None,
    as_of: dt.date | None = None,
    warehouse: PathLike | None = None,
    progress: Progress | None = None,
) -> ReportData:
    """Evaluate the claims and gather every table and series the report shows."""
    say = progress or quiet
    start = time.perf_counter()
    claim_set = read_claims(metrics=set(METRICS))
    say("reading the knowledge base")
    kb, kb_prov = load_kb_frames(as_of)
    with open_warehouse(warehouse, progress=say) as con:
        got = _read_warehouse(con, region, countries, kb, claim_set, say)
    run: WarehouseRun = got["run"]
    reg, years, coverage = run.region, run.years, got["coverage"]
    check = make_check(run, kb, claim_set, kb_prov)
    members = sorted(reg.all_members())
    shown = compute_display_years(coverage)
    assert check.trade is not None  # the baseline always has trade frames
    profile, intra = check.trade.profile, check.trade.intra
    return ReportData(
        region=reg,
        check=check,
        indicators={k: v[v["year"].isin(shown)] for k, v in got["indicators"].items()},
        indicator_meta={k: INDICATORS[k].to_dict() for k in REGION_INDICATORS},
        country_share=got["country_share"],
        profile_recent=compute_profile_means(profile),
        profile_display=profile[has_enough_coverage(profile["coverage"])],
        intra_display=intra[intra["year"].isin(shown)],
        hidden_years=tuple(y for y in years if y not in shown),
        definitions=got["definitions"],
        coverage=coverage,
        institutions=compute_institutions(kb, members),
        overlap=_overlap(members, kb.as_of),
        overlap_date=kb.as_of,
        summits=regional_summits(Context(trade=None, kb=kb, region_members=tuple(members)), {}),
        sources=run.sources + kb_prov.get("sources", []),
        knowledge_base=kb_prov.get("knowledge_base", {}),
        build=run.build,
        years=(years[0], years[-1]),
        generated_at=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        timings={"data": time.perf_counter() - start},
    )
