"""Pair trade T_ij of region members, and the per-member and per-region sums every indicator uses.

Pairs are held as integer-coded numpy arrays, so each aggregate is one ``np.bincount``: the
indicators run on every CLI and API query, and pandas merges on string keys cost about ten
times as much on the C5 x 1992-2020 panel.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from regint.core.regions import Region
from regint.core.vocab import COUNTRY, EXPORTER, IMPORTER, PARTNER, VALUE, YEAR
from regint.indicators.base import TRADE, TradeData, data_years, lookup_totals, world_totals
from regint.indicators.masking import compute_pairs_share


@dataclass(frozen=True)
class PairTable:
    """T_ij for every member i (in the years it is a member) and every known partner j.

    Row r says: in ``years[year_pos[r]]``, ``codes[country[r]]`` traded ``trade[r]`` US$ m
    with ``codes[partner[r]]``. ``is_member[t, k]`` is True when ``codes[k]`` is a member in
    ``years[t]``.
    """

    years: np.ndarray
    codes: np.ndarray
    is_member: np.ndarray
    year_pos: np.ndarray
    country: np.ndarray
    partner: np.ndarray
    trade: np.ndarray

    @property
    def n_cells(self) -> int:
        return len(self.years) * len(self.codes)

    @property
    def cell(self) -> np.ndarray:
        """Each row's (year, country) cell, a flat position in ``is_member``."""
        return self.year_pos * len(self.codes) + self.country

    @property
    def partner_is_member(self) -> np.ndarray:
        return self.is_member[self.year_pos, self.partner]

    def per_cell(self, weights: np.ndarray | None = None) -> np.ndarray:
        """Sum of ``weights`` (or a count of rows) per (year, country) cell."""
        return np.bincount(self.cell, weights=weights, minlength=self.n_cells)

    def member_cells(self) -> tuple[np.ndarray, pd.DataFrame]:
        """The cells of (year, member) and a ``year, country`` frame in the same order."""
        ys, cs = np.nonzero(self.is_member)
        frame = pd.DataFrame({YEAR: self.years[ys], COUNTRY: self.codes[cs]})
        return ys * len(self.codes) + cs, frame


def build_pair_table(
    flows: pd.DataFrame, members_by_year: Mapping[int, Iterable[str]]
) -> PairTable:
    """Pair trade of the members named in ``members_by_year`` (years without members skipped).

    Self-flows and missing values are dropped (unknown, not zero); a flow between two members
    appears once in each member's rows.
    """
    members = {int(y): frozenset(m) for y, m in members_by_year.items() if m}
    years = np.array(sorted(members), dtype="int64")
    n = len(flows)
    ids, uniques = pd.factorize(pd.concat([flows[EXPORTER], flows[IMPORTER]], ignore_index=True))
    known = set(uniques)
    extra = sorted(frozenset().union(*members.values()) - known) if members else []
    codes = np.array([*uniques, *extra], dtype=object)
    position = {code: k for k, code in enumerate(codes)}
    is_member = np.zeros((len(years), len(codes)), dtype=bool)
    for t, year in enumerate(years):
        is_member[t, [position[c] for c in members[int(year)]]] = True
    exporter, importer = ids[:n], ids[n:]
    year_pos, in_years = _year_positions(flows[YEAR].to_numpy(dtype="int64"), years)
    value = flows[VALUE].to_numpy(dtype="float64", na_value=np.nan)
    keep = in_years & ~np.isnan(value) & (exporter != importer) & (exporter >= 0) & (importer >= 0)
    as_exp = keep & is_member[year_pos, exporter]
    as_imp = keep & is_member[year_pos, importer]
    rows_year = np.concatenate([year_pos[as_exp], year_pos[as_imp]])
    rows_country = np.concatenate([exporter[as_exp], importer[as_imp]])
    rows_partner = np.concatenate([importer[as_exp], exporter[as_imp]])
    rows_value = np.concatenate([value[as_exp], value[as_imp]])
    # T_ij = X_ij + X_ji: the exporter row of one flow and the importer row of the other meet.
    k = len(codes)
    key = (rows_year.astype("int64") * k + rows_country) * k + rows_partner
    unique_keys, inverse = np.unique(key, return_inverse=True)
    trade = np.bincount(inverse, weights=rows_value, minlength=len(unique_keys))
    return PairTable(
        years=years,
        codes=codes,
        is_member=is_member,
        year_pos=unique_keys // (k * k),
        country=(unique_keys // k) % k,
        partner=unique_keys % k,
        trade=trade,
    )


def _year_positions(flow_year: np.ndarray, years: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each flow's position in ``years`` (0 where absent) and whether it is present."""
    if len(years) == 0:
        return np.zeros(len(flow_year), dtype="int64"), np.zeros(len(flow_year), dtype=bool)
    pos = np.minimum(np.searchsorted(years, flow_year), len(years) - 1)
    return pos, years[pos] == flow_year


def region_pair_table(data: TradeData, region: Region) -> PairTable:
    """The pair table of ``region``'s members, year by year, over the years ``data`` covers."""
    return build_pair_table(data.flows, {y: region.members(y) for y in data_years(data, region)})


def compute_pair_trade(flows: pd.DataFrame, countries: Iterable[str]) -> pd.DataFrame:
    """T_ij = X_ij + X_ji for each i in ``countries`` and each known partner j, every year.

    Symmetric: where both i and j are in ``countries`` the (i, j) and (j, i) rows are equal.
    """
    group = frozenset(countries)
    years = pd.unique(flows[YEAR])
    table = build_pair_table(flows, {int(y): group for y in years})
    frame = pd.DataFrame(
        {
            YEAR: table.years[table.year_pos],
            COUNTRY: table.codes[table.country],
            PARTNER: table.codes[table.partner],
            TRADE: table.trade,
        }
    )
    return frame.sort_values([YEAR, COUNTRY, PARTNER]).reset_index(drop=True)


def country_aggregates(data: TradeData, region: Region) -> pd.DataFrame:
    """Per member and year: intra, known and total trade, partners, region and world totals.

    ``total_musd`` (T_i) and ``t_r_musd`` (T_R) are NaN where a member's total is missing;
    ``pairs_share`` is the part of the member's pairs with the other members that have a known
    flow (NaN for a lone member).
    """
    table = region_pair_table(data, region)
    cells, out = table.member_cells()
    out["intra_musd"] = table.per_cell(table.trade * table.partner_is_member)[cells]
    out["known_musd"] = table.per_cell(table.trade)[cells]
    out["n_partners"] = table.per_cell((table.trade > 0).astype("float64"))[cells].astype("int64")
    out["n_known"] = table.per_cell()[cells].astype("int64")
    out["total_musd"] = lookup_totals(data, out)
    year_pos = cells // len(table.codes)
    # A pair is covered when a flow is known in either direction; each member sees its own.
    member_pairs = table.per_cell(table.partner_is_member.astype("float64"))[cells]
    out["n_member_pairs"] = member_pairs.astype("int64")
    others = table.is_member.sum(axis=1)[year_pos] - 1
    out["pairs_share"] = compute_pairs_share(member_pairs, others)
    total = out["total_musd"].to_numpy()
    t_r = _per_year(np.nan_to_num(total), year_pos, len(table.years))
    # A member without a total makes T_R unknown for that year, never silently smaller.
    gaps = _per_year(np.isnan(total).astype("float64"), year_pos, len(table.years))
    out["t_r_musd"] = np.where(gaps > 0, np.nan, t_r)[year_pos]
    out["t_w_musd"] = out[YEAR].map(world_totals(data)).astype("float64")
    return out


def _per_year(values: np.ndarray, year_pos: np.ndarray, n_years: int) -> np.ndarray:
    return np.bincount(year_pos, weights=values, minlength=n_years)


def region_aggregates(data: TradeData, region: Region) -> pd.DataFrame:
    """Per year: T_RR, T_R, T_W, member counts and ``pairs_share``.

    T_RR is NaN where no member pair has a known flow.
    """
    per = country_aggregates(data, region)
    years, year_pos = np.unique(per[YEAR].to_numpy(), return_inverse=True)
    first = np.unique(year_pos, return_index=True)[1]
    n_with_flows = _per_year((per["n_known"] > 0).to_numpy(dtype="float64"), year_pos, len(years))
    t_rr = _per_year(per["intra_musd"].to_numpy(), year_pos, len(years))
    n_members = np.bincount(year_pos, minlength=len(years)).astype("int64")
    # Each covered pair is seen by both of its members.
    covered = _per_year(per["n_member_pairs"].to_numpy(dtype="float64"), year_pos, len(years)) / 2
    return pd.DataFrame(
        {
            YEAR: years,
            # No known member pair is unknown, not "no intra-regional trade".
            "t_rr_musd": np.where(covered > 0, t_rr, np.nan),
            "t_r_musd": per["t_r_musd"].to_numpy()[first],
            "t_w_musd": per["t_w_musd"].to_numpy()[first],
            "n_members": n_members,
            "n_members_with_flows": n_with_flows.astype("int64"),
            "pairs_share": compute_pairs_share(covered, n_members * (n_members - 1) / 2),
        }
    )
