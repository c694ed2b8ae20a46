"""Random small worlds for property tests (Hypothesis strategies).

A world: 3-7 countries, 1-2 years, random directed flows (some absent), a region of 1 to n-1
members, totals T_i = known trade + a non-negative part with unknown partners, and T_W = sum
of T_i + the trade of countries outside the frame (at least their side of the unknown part).
Totals are consistent with flows, so shares stay in [0, 1] and T_OR <= T_O.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from hypothesis import strategies as st

from regint.core.regions import Region
from regint.indicators import TradeData

NEUTRAL = ("AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG")
NAMED = ("KAZ", "UZB", "RUS", "CHN", "DEU", "USA", "TUR", "IRN", "GBR")


@dataclass(frozen=True)
class World:
    flows: pd.DataFrame
    totals: pd.DataFrame
    world: pd.DataFrame
    members: frozenset[str]

    def data(self) -> TradeData:
        return TradeData(self.flows, self.totals, self.world, basis="reconciled")

    @property
    def region(self) -> Region:
        return Region.fixed("r", "random region", self.members)


def totals_for(flows: pd.DataFrame, countries, years, unknown: float, rest: float):
    known: dict[tuple[str, int], float] = {}
    for a, b, y, v in flows.itertuples(index=False):
        known[(a, y)] = known.get((a, y), 0.0) + v
        known[(b, y)] = known.get((b, y), 0.0) + v
    rows = [(c, y, known.get((c, y), 0.0) + unknown) for c in countries for y in years]
    totals = pd.DataFrame(rows, columns=["country", "year", "trade_musd"])
    world = totals.groupby("year", as_index=False)["trade_musd"].sum()
    # The unknown part of T_i is trade with countries outside the frame: their side counts in T_W.
    world["trade_musd"] += rest + unknown * len(countries)
    return totals, world


@st.composite
def worlds(draw, pool=NEUTRAL, closed: bool = False) -> World:
    n = draw(st.integers(3, min(7, len(pool))))
    countries = draw(st.permutations(pool))[:n]
    k = draw(st.integers(2 if closed else 1, n - 1))
    members = frozenset(countries[:k])
    years = (2010, 2011)[: draw(st.integers(1, 2))]
    # Flows are US$ m with a few decimals: tiny magnitudes would only test float cancellation.
    value = st.one_of(st.none(), st.just(0.0), st.floats(0.01, 1000, allow_nan=False))
    # A closed region knows every member pair (0 or more), so the pairs rule never masks it.
    known = st.one_of(st.just(0.0), st.floats(0.01, 1000, allow_nan=False))
    rows = []
    for y in years:
        for a in countries:
            for b in countries:
                crosses = (a in members) != (b in members)
                inside = a in members and b in members
                v = (
                    None
                    if a == b or (closed and crosses)
                    else draw(known if closed and inside else value)
                )
                if v is not None:
                    rows.append((a, b, y, v))
    if closed:  # one positive flow inside the region every year, so S_R is defined
        first = (countries[0], countries[1])
        rows = [r for r in rows if (r[0], r[1]) != first]
        rows += [(*first, y, 5.0) for y in years]
    flows = pd.DataFrame(rows, columns=["exporter", "importer", "year", "value_musd"])
    flows = flows.astype({"value_musd": "float64", "year": "int64"})
    unknown = 0.0 if closed else draw(st.floats(0, 500, allow_nan=False))
    rest = draw(st.floats(1, 5000, allow_nan=False))
    totals, world = totals_for(flows, countries, years, unknown, rest)
    return World(flows, totals, world, members)
