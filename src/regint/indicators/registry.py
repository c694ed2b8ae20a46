"""Every indicator by id: its metadata record and the function that computes it."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from regint.core.errors import InputError
from regint.core.options import Level, parse_dimension
from regint.core.regions import C5_REGION, Region
from regint.indicators.base import IndicatorMeta, TradeData, check_indicator_level
from regint.indicators.concentration import CONCENTRATION, compute_partner_concentration
from regint.indicators.drivers.base import DriverData
from regint.indicators.drivers.registry import ENTRIES as DRIVER_ENTRIES
from regint.indicators.intensity import (
    HOMOGENEOUS,
    INTENSITY,
    INTROVERSION,
    compute_homogeneous_intensity,
    compute_intra_regional_intensity,
    compute_introversion,
)
from regint.indicators.profile import PROFILE, compute_partner_profile
from regint.indicators.share import SHARE, compute_intra_regional_share

Compute = Callable[..., pd.DataFrame]  # (data, region, level) -> frame

_ENTRIES: tuple[tuple[IndicatorMeta, Compute], ...] = (
    (SHARE, compute_intra_regional_share),
    (INTENSITY, compute_intra_regional_intensity),
    (HOMOGENEOUS, compute_homogeneous_intensity),
    (INTROVERSION, compute_introversion),
    (CONCENTRATION, compute_partner_concentration),
    (PROFILE, compute_partner_profile),
)

INDICATORS: dict[str, IndicatorMeta] = {meta.id: meta for meta, _ in _ENTRIES}
# The drivers beyond trade read DriverData, not TradeData: the api dispatches on the dimension.
DRIVER_INDICATORS: dict[str, IndicatorMeta] = {meta.id: meta for meta, _ in DRIVER_ENTRIES}
DRIVER_FUNCTIONS = {meta.id: fn for meta, fn in DRIVER_ENTRIES}
INDICATORS.update(DRIVER_INDICATORS)
_FUNCTIONS: dict[str, Compute] = {meta.id: fn for meta, fn in _ENTRIES}


def get_indicator(indicator_id: str) -> IndicatorMeta:
    """The metadata record of ``indicator_id``; InputError listing the allowed ids otherwise."""
    try:
        return INDICATORS[indicator_id]
    except KeyError:
        allowed = ", ".join(INDICATORS)
        raise InputError(
            "indicator", f"unknown indicator {indicator_id!r}; allowed: {allowed}"
        ) from None


def indicators_in(dimension: str | None = None) -> list[IndicatorMeta]:
    """The catalogue, or the indicators of one dimension (see regint.core.vocab.parse_dimension)."""
    if dimension is None:
        return list(INDICATORS.values())
    key = parse_dimension(dimension)
    return [m for m in INDICATORS.values() if m.dimension == key]


def compute_driver(
    indicator_id: str, data: DriverData, region: Region, level: str | None, years: list[int]
) -> pd.DataFrame:
    """Compute a driver indicator; the frame carries ``attrs['indicator']`` and ``attrs['level']``."""
    meta = get_indicator(indicator_id)
    if indicator_id not in DRIVER_FUNCTIONS:
        raise InputError("indicator", f"{indicator_id} is a trade indicator: use compute()")
    chosen = meta.levels[0] if level is None else level
    check_indicator_level(meta, chosen)
    out = DRIVER_FUNCTIONS[indicator_id](data, region, chosen, list(years)).reset_index(drop=True)
    out.attrs["indicator"] = meta.to_dict()
    out.attrs["level"] = chosen
    out.attrs["region"] = {"id": region.id, "label": region.label}
    return out


def compute(
    indicator_id: str,
    data: TradeData,
    region: Region = C5_REGION,
    level: Level | None = None,
) -> pd.DataFrame:
    """Compute ``indicator_id`` on ``data`` for ``region``.

    ``level`` is 'region' or 'country'; None picks the indicator's first supported level
    (region where it has one). The frame carries ``attrs['indicator']`` (the metadata record),
    ``attrs['basis']``, ``attrs['level']`` and ``attrs['region']``.
    """
    meta = get_indicator(indicator_id)
    if indicator_id not in _FUNCTIONS:
        raise InputError("indicator", f"{indicator_id} is a driver indicator: use compute_driver()")
    chosen = meta.levels[0] if level is None else level
    check_indicator_level(meta, chosen)
    return _FUNCTIONS[indicator_id](data, region, chosen)
