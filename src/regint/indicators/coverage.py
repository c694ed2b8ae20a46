"""Which sources and sides each year's (or each member-year's) intra-regional figures rest on."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from regint.core.options import check_level
from regint.core.regions import Region
from regint.core.vocab import (
    COUNTRY,
    EXPORTER,
    IMPORTER,
    PANEL_LAST_YEAR,
    SIDE,
    SOURCE,
    VALUE,
    YEAR,
)
from regint.indicators.base import TradeData
from regint.indicators.masking import compute_pairs_share

REGION_COLUMNS = (
    YEAR,
    "flow_sources",
    "sides",
    "pairs_covered",
    "pairs_share",
    "totals_source",
    "period",
)
COUNTRY_COLUMNS = (YEAR, COUNTRY, *REGION_COLUMNS[1:])


@dataclass
class _Tally:
    """Known flows among members for one year (region) or one member-year (country)."""

    sides: Counter[str] = field(default_factory=Counter)
    sources: set[str] = field(default_factory=set)
    pairs: set[frozenset[str]] = field(default_factory=set)

    def add(self, exporter: str, importer: str, side: object, source: object) -> None:
        self.sides[str(side) if isinstance(side, str) else "unknown"] += 1
        self.pairs.add(frozenset((exporter, importer)))
        if isinstance(source, str):
            self.sources.add(source)


def compute_coverage(
    data: TradeData, region: Region, years: Iterable[int], level: str = "region"
) -> pd.DataFrame:
    """Per year (region level) or per member and year (country level), what the flows rest on.

    ``pairs_covered`` counts unordered member pairs with a known flow in either direction (at
    country level, the member's own pairs with the other members); ``sides`` and
    ``flow_sources`` describe those flows; ``totals_source`` the source of T_i. The frames are
    small after the first filter, so plain Python keeps this fast.
    """
    check_level(level)
    years = sorted({int(y) for y in years})
    members = {y: region.members(y) for y in years}
    tallies = _tally_member_flows(data.flows, region, members, by_country=level == "country")
    totals = _totals_sources(data.totals)
    rows = []
    for year in years:
        n = len(members[year])
        if level == "region":
            row = _row(tallies.get((year, ""), _Tally()), n * (n - 1) // 2)
            sources = set().union(*(totals.get((year, c), set()) for c in members[year]))
            rows.append({YEAR: year, **row, "totals_source": _join(sources), **_period(year)})
            continue
        for country in sorted(members[year]):
            row = _row(tallies.get((year, country), _Tally()), n - 1)
            source = _join(totals.get((year, country), set()))
            rows.append(
                {YEAR: year, COUNTRY: country, **row, "totals_source": source, **_period(year)}
            )
    columns = REGION_COLUMNS if level == "region" else COUNTRY_COLUMNS
    return pd.DataFrame(rows, columns=list(columns))


def _tally_member_flows(
    flows: pd.DataFrame, region: Region, members: dict[int, frozenset[str]], by_country: bool
) -> dict[tuple[int, str], _Tally]:
    everyone = region.all_members()
    f = flows[flows[EXPORTER].isin(everyone) & flows[IMPORTER].isin(everyone)]
    sides = f[SIDE].tolist() if SIDE in f else [None] * len(f)
    sources = f[SOURCE].tolist() if SOURCE in f else [None] * len(f)
    tallies: dict[tuple[int, str], _Tally] = {}
    rows = zip(
        f[YEAR].tolist(),
        f[EXPORTER].tolist(),
        f[IMPORTER].tolist(),
        f[VALUE].tolist(),
        sides,
        sources,
        strict=True,
    )
    for year, exp, imp, value, side, source in rows:
        group = members.get(int(year), frozenset())
        if exp == imp or exp not in group or imp not in group or _missing(value):
            continue
        keys = ((int(year), exp), (int(year), imp)) if by_country else ((int(year), ""),)
        for key in keys:
            tallies.setdefault(key, _Tally()).add(exp, imp, side, source)
    return tallies


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _totals_sources(totals: pd.DataFrame) -> dict[tuple[int, str], set[str]]:
    out: dict[tuple[int, str], set[str]] = {}
    if SOURCE not in totals:
        return out
    for year, country, source in zip(
        totals[YEAR].tolist(), totals[COUNTRY].tolist(), totals[SOURCE].tolist(), strict=True
    ):
        if isinstance(source, str):
            out.setdefault((int(year), country), set()).add(source)
    return out


def _row(tally: _Tally, n_pairs: int) -> dict[str, object]:
    covered = len(tally.pairs)
    return {
        "flow_sources": _join(tally.sources),
        "sides": ", ".join(f"{k} {v}" for k, v in sorted(tally.sides.items())) or "none",
        "pairs_covered": f"{covered}/{n_pairs}",
        "pairs_share": float(compute_pairs_share([covered], [n_pairs])[0]),
    }


def _join(values: set[str]) -> str:
    return "+".join(sorted(values)) or "none"


def _period(year: int) -> dict[str, str]:
    return {"period": "panel" if year <= PANEL_LAST_YEAR else "national"}


# How a result's provenance states the counting convention (the same text everywhere).
PROVENANCE_COUNTING = (
    "Each directed flow is counted once (exporter -> importer); a pair's trade T_ij = X_ij + X_ji. "
    "T_R sums members' trade with the world, so intra-regional trade enters once per member."
)


def join_coverage(result: pd.DataFrame, coverage: pd.DataFrame, level: str) -> pd.DataFrame:
    """``result`` with the coverage columns it lacks, joined per year or per member-year."""
    keys = [YEAR, COUNTRY] if level == "country" else [YEAR]
    extra = [c for c in coverage.columns if c in keys or c not in result.columns]
    attrs = dict(result.attrs)
    merged = result.merge(coverage[extra], on=keys, how="left") if len(result) else result
    merged.attrs = attrs
    return merged


def source_ids(data: TradeData) -> set[str]:
    """Every source id behind ``data``'s flows, totals and world total."""
    frames = (data.flows, data.totals, data.world)
    return {str(s) for f in frames for s in f["source"].dropna().unique()}
