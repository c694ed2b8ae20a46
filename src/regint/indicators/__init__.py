"""Integration indicators: pure functions, each with a metadata record that names its dimension.

Trade indicators read :class:`TradeData`; the drivers beyond trade (people, water and energy,
connectivity, security, institutions) read :class:`~regint.indicators.drivers.base.DriverData`.

>>> from regint.indicators import INDICATORS
>>> INDICATORS["intra_regional_share"].dimension, INDICATORS["net_energy_imports"].dimension
('trade', 'water_energy')
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
