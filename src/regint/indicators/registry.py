"""Every indicator by id: its metadata record and the function that computes it."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from regint.core.errors import InputError
from regint.core.options import Level
from regint.core.regions import C5_REGION, Region
from regint.indicators.base import IndicatorMeta, TradeData, check_indicator_level
from regint.indicators.concentration import CONCENTRATION, compute_partner_concentration
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
    chosen = meta.levels[0] if level is None else level
    check_indicator_level(meta, chosen)
    return _FUNCTIONS[indicator_id](data, region, chosen)
