"""Fixtures for the indicator tests; the tiny world itself is in tiny_world.py."""

from __future__ import annotations

import pytest

from regint.core.regions import Region
from regint.indicators import TradeData
from tests.indicators.tiny_world import REGION, make_data


@pytest.fixture
def data() -> TradeData:
    return make_data()


@pytest.fixture
def region() -> Region:
    return REGION
