"""Which sources and sides each year's intra-regional figures rest on."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import pandas as pd

from regint.core.regions import Region
from regint.core.vocab import PANEL_LAST_YEAR
from regint.indicators.base import TradeData


def compute_coverage(data: TradeData, region: Region, years: Iterable[int]) -> pd.DataFrame:
    """Per year: sources and sides of the flows among members, pairs covered, totals source.

    ``pairs_covered`` counts unordered member pairs with a known flow in either direction.
    The frames are small after the first filter, so plain Python keeps this fast.
    """
    years = sorted(set(years))
    everyone = region.all_members()
    f = data.flows
    f = f[f["exporter"].isin(everyone) & f["importer"].isin(everyone)]
    sources: dict[int, set[str]] = defaultdict(set)
    sides: dict[int, Counter[str]] = defaultdict(Counter)
    pairs: dict[int, set[frozenset[str]]] = defaultdict(set)
    members = {y: region.members(y) for y in years}
    for year, exp, imp, side, source in zip(f["year"].tolist(), f["exporter"].tolist(), f["importer"].tolist(),
                                            f["side"].tolist(), f["source"].tolist(), strict=True):
        if year in members and exp in members[year] and imp in members[year]:
            sides[year][side] += 1
            pairs[year].add(frozenset((exp, imp)))
            if isinstance(source, str):
                sources[year].add(source)
    totals: dict[int, set[str]] = defaultdict(set)
    for year, source in zip(data.totals["year"].tolist(), data.totals["source"].tolist(), strict=True):
        if isinstance(source, str):
            totals[year].add(source)
    rows = []
    for year in years:
        n = len(members[year])
        rows.append({
            "year": year,
            "flow_sources": "+".join(sorted(sources[year])) or "none",
            "sides": ", ".join(f"{k} {v}" for k, v in sorted(sides[year].items())) or "none",
            "pairs_covered": f"{len(pairs[year])}/{n * (n - 1) // 2}",
            "totals_source": "+".join(sorted(totals[year])) or "none",
            "period": "panel" if year <= PANEL_LAST_YEAR else "national",
        })
    return pd.DataFrame(rows)
