"""Trade-integration indicators: pure functions over :class:`TradeData`, each with a metadata record.

>>> from regint.indicators import INDICATORS
>>> sorted(INDICATORS)[:2]
['homogeneous_intensity', 'intra_regional_intensity']
"""

from regint.indicators.base import IndicatorMeta, TradeData
from regint.indicators.concentration import compute_partner_concentration
from regint.indicators.definitions import compute_definitions_view
from regint.indicators.intensity import (
    compute_homogeneous_intensity,
    compute_intra_regional_intensity,
    compute_introversion,
)
from regint.indicators.pairs import compute_pair_trade
from regint.indicators.profile import compute_partner_profile
from regint.indicators.registry import INDICATORS, compute, get_indicator
from regint.indicators.share import compute_intra_regional_share

__all__ = [
    "INDICATORS",
    "IndicatorMeta",
    "TradeData",
    "compute",
    "compute_definitions_view",
    "compute_homogeneous_intensity",
    "compute_intra_regional_intensity",
    "compute_intra_regional_share",
    "compute_introversion",
    "compute_pair_trade",
    "compute_partner_concentration",
    "compute_partner_profile",
    "get_indicator",
]
