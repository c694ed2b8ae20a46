"""The input contract of every indicator, the metadata record, and small shared helpers.

Every indicator reads a :class:`TradeData` (directed flows on one basis, country totals and the
world total) and a :class:`~regint.core.regions.Region`, and returns a tidy frame whose
``attrs['indicator']`` is its :class:`IndicatorMeta` as a dict. Nothing here does I/O.

Counting convention, used by every indicator: T_ij = X_ij + X_ji, each directed flow taken
once from ``flows``. A region's internal trade T_RR = sum over members i of T_i,R\\i, so each
intra-regional flow appears in both members' trade, exactly as T_R = sum of members' T_i does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from regint.core.errors import InputError
from regint.core.options import CIF_FOB_DEFAULT, Basis, check_basis, check_cif_fob, check_level
from regint.core.regions import Region
from regint.core.vocab import COUNTRY, EXPORTER, IMPORTER, VALUE, YEAR, Dimension

TRADE = "trade_musd"  # a country's (or the world's) total trade, US$ m
COUNTING_NOTE = (
    "bilateral flows counted once per directed flow (T_ij = X_ij + X_ji); T_RR counts each "
    "intra-regional flow in both members' trade, as T_R counts it in both members' totals"
)
REQUIRED_FLOW_COLUMNS = (EXPORTER, IMPORTER, YEAR, VALUE)
REQUIRED_TOTAL_COLUMNS = (COUNTRY, YEAR, TRADE)
REQUIRED_WORLD_COLUMNS = (YEAR, TRADE)


@dataclass(frozen=True)
class TradeData:
    """Trade on one basis, as the api layer loads it from the warehouse.

    ``flows`` holds at least every directed flow in which a country of interest is exporter or
    importer (``exporter, importer, year, value_musd`` >= 0, FOB US$ m; ``side``, ``source``).
    ``totals`` holds T_i (``country, year, trade_musd``), ``world`` holds T_W (``year,
    trade_musd``), the sum over all countries of T_i.
    """

    flows: pd.DataFrame
    totals: pd.DataFrame
    world: pd.DataFrame
    basis: Basis
    cif_fob: float = CIF_FOB_DEFAULT
    # Each state's total trade from a source independent of the flows (``country, year,
    # trade_musd``: WDI merchandise exports + imports), the denominator of partner coverage.
    # None: coverage falls back to ``totals``, which in the panel years is the sum over known
    # partners, so coverage is 1 by construction there.
    reference_totals: pd.DataFrame | None = None

    def __post_init__(self) -> None:
        check_basis(self.basis)
        check_cif_fob(self.cif_fob)
        _require(self.flows, REQUIRED_FLOW_COLUMNS, "flows")
        _require(self.totals, REQUIRED_TOTAL_COLUMNS, "totals")
        _require(self.world, REQUIRED_WORLD_COLUMNS, "world")
        _reject_negative(self.flows, VALUE, "flows")
        _reject_negative(self.totals, TRADE, "totals")
        _reject_duplicates(self.flows, [EXPORTER, IMPORTER, YEAR], "flows")
        _reject_duplicates(self.totals, [COUNTRY, YEAR], "totals")
        _reject_duplicates(self.world, [YEAR], "world")


def _require(frame: pd.DataFrame, columns: Iterable[str], name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError("data", f"{name} lacks column(s) {', '.join(missing)}")


def _reject_negative(frame: pd.DataFrame, column: str, name: str) -> None:
    if (frame[column] < 0).any():
        raise InputError("data", f"{name}.{column} has negative values")


def _reject_duplicates(frame: pd.DataFrame, keys: list[str], name: str) -> None:
    # The single-count contract breaks silently if a directed flow appears twice.
    dup = frame.duplicated(keys)
    if dup.any():
        first = frame.loc[dup, keys].iloc[0].tolist()
        raise InputError("data", f"{name} has duplicate rows for {keys} = {first}")


@dataclass(frozen=True)
class IndicatorMeta:
    """What an indicator measures, how, and where the definition comes from.

    One record per indicator, next to its ``compute_*`` function; the registry
    (:mod:`regint.indicators.registry`) lists the pair once, and the CLI, the generated reference
    (``docs/reference/indicators.md``) and the report iterate the registry.
    """

    id: str
    title: str
    unit: str
    formula: str
    direction: str
    citation: str
    levels: tuple[str, ...]
    dimension: Dimension  # the driver of integration it measures (regint.core.vocab.DIMENSIONS)
    columns: tuple[tuple[str, str], ...] = ()  # (extra column, meaning)
    counting: str = COUNTING_NOTE
    notes: str = ""
    range: str = ""
    masking: str = ""  # when ``value`` is NaN although it could be computed, and why
    thresholds: tuple[tuple[str, float], ...] = ()  # the constants the masking rule uses
    sources: tuple[str, ...] = ()  # source ids the indicator reads (drivers; trade: per value)
    # 1 where a single state's value means something on its own (its partners), else 2: an
    # intra-regional measure of a one-state "region" would be an empty sum, not a finding.
    min_countries: int = 2

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["levels"] = list(self.levels)
        out["columns"] = {name: meaning for name, meaning in self.columns}
        out["thresholds"] = {name: value for name, value in self.thresholds}
        out["sources"] = list(self.sources)
        return out


def check_indicator_level(meta: IndicatorMeta, level: str) -> None:
    """Raise InputError('level') unless ``level`` is a level and ``meta`` supports it."""
    check_level(level)
    if level not in meta.levels:
        raise InputError(
            "level", f"{meta.id} supports level(s) {', '.join(meta.levels)}, not {level!r}"
        )


def finish(
    frame: pd.DataFrame, meta: IndicatorMeta, data: TradeData, region: Region, level: str
) -> pd.DataFrame:
    """Sort, reset the index and attach the metadata the delivery layers print."""
    # Stable on year and country only, so a caller's order within them (profile groups) survives.
    keys = [k for k in (YEAR, COUNTRY) if k in frame.columns]
    out = frame.sort_values(keys, kind="stable").reset_index(drop=True) if keys else frame
    out.attrs["indicator"] = meta.to_dict()
    out.attrs["basis"] = data.basis
    out.attrs["level"] = level
    out.attrs["region"] = {"id": region.id, "label": region.label}
    return out


def data_years(data: TradeData, region: Region) -> list[int]:
    """Years with any flow or total in ``data`` in which ``region`` has at least one member.

    A year with totals but no flow still gets a row (NaN), so a gap shows instead of vanishing.
    """
    years = set(pd.unique(data.flows[YEAR])) | set(pd.unique(data.totals[YEAR]))
    return [y for y in sorted(int(y) for y in years) if region.members(y)]


def lookup_totals(
    data: TradeData, frame: pd.DataFrame, totals: pd.DataFrame | None = None
) -> pd.Series:
    """T_i for each (country, year) row of ``frame``, NaN where ``totals`` (default
    ``data.totals``) has none."""
    totals = data.totals if totals is None else totals
    # Only the rows asked for: totals may cover every partner of every member.
    wanted = totals[totals[COUNTRY].isin(frame[COUNTRY].unique())]
    lookup = {
        (c, int(y)): float(v)
        for c, y, v in zip(wanted[COUNTRY], wanted[YEAR], wanted[TRADE], strict=True)
    }
    values = [
        lookup.get((c, int(y)), np.nan) for c, y in zip(frame[COUNTRY], frame[YEAR], strict=True)
    ]
    return pd.Series(values, index=frame.index, dtype="float64")


def known_coverage(data: TradeData, known: np.ndarray, members: pd.DataFrame) -> pd.Series:
    """K_i / T_i for each (country, year) row of ``members``: the known-partner part of T_i.

    ``known`` holds K_i, the trade with known partners, in the order of ``members``' rows. T_i
    is the independent total (``data.reference_totals``) where the data carry one: a sum over
    the known partners themselves could never show that partners are missing.
    """
    return ratio(pd.Series(known), lookup_totals(data, members, data.reference_totals))


def world_totals(data: TradeData) -> pd.Series:
    """T_W by year (a Series indexed by year)."""
    world = data.world[[YEAR, TRADE]].astype({YEAR: "int64"})
    return world.set_index(YEAR)[TRADE]


def ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator / denominator with 0/0 -> NaN and x/0 -> inf, without warnings."""
    num = numerator.to_numpy(dtype="float64", na_value=np.nan)
    den = denominator.to_numpy(dtype="float64", na_value=np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        return pd.Series(num / den, index=numerator.index)
