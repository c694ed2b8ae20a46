"""Driver indicators that are a WDI series, or a ratio of two, per member state and year."""

from __future__ import annotations

import pandas as pd

from regint.core.regions import Region
from regint.indicators.drivers.base import (
    Compute,
    DriverData,
    divide,
    lookup,
    member_years,
    wdi_series,
    with_notes,
)


def series_indicator(code: str) -> Compute:
    """An indicator that is WDI series ``code`` as published, per member and year."""

    def compute(data: DriverData, region: Region, level: str, years: list[int]) -> pd.DataFrame:
        frame = member_years(region, years)
        frame["value"] = lookup(wdi_series(data, code), frame)
        return with_notes(frame, f"no WDI value of {code} for {{country}} {{year}}")

    return compute


def ratio_indicator(numerator: str, denominator: str, scale: float) -> Compute:
    """scale x WDI ``numerator`` / WDI ``denominator``, per member and year."""

    def compute(data: DriverData, region: Region, level: str, years: list[int]) -> pd.DataFrame:
        frame = member_years(region, years)
        num = lookup(wdi_series(data, numerator), frame)
        den = lookup(wdi_series(data, denominator), frame)
        frame["value"] = divide(num, den) * scale
        return with_notes(
            frame, f"no WDI value of {numerator} or {denominator} for {{country}} {{year}}"
        )

    return compute
