"""One number format per unit, for every figure a person reads (report, CLI tables).

A share is a percentage with one decimal ("97.9%", "100% of years"); a count of whole things
(organisations, years, rungs) is an integer when it is whole and has one decimal otherwise; a
rate has two decimals; an index three; the yearly trend of an index four. A value and its interval use the same format.
"""

from __future__ import annotations

import math
from typing import Any

# Units counted in whole things: an integer when whole ("7 years"), else one decimal ("6.5 years").
_COUNTS = ("organisations", "years", "rung", "rungs", "states", "summits")
# Rates and ratios: two decimals.
_RATES = ("pp", "log points", "pp a year", "summits a year", "ratio")


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def unit_kind(unit: str) -> str:
    """'share', 'count', 'rate', 'trend' or 'index': how numbers of ``unit`` are written."""
    text = unit.strip().lower()
    if text.startswith("share") or text.endswith("_share") or text == "%":
        return "share"
    if text in _RATES:
        return "rate"
    if text.endswith("a year"):  # the yearly trend of an index: small numbers
        return "trend"
    if text.split(" (")[0] in _COUNTS:
        return "count"
    return "index"


def format_number(value: Any, unit: str) -> str:
    """``value`` written the way every number of ``unit`` is written (no unit attached)."""
    if _missing(value):
        return "–"
    number = float(value)
    kind = unit_kind(unit)
    if kind == "share":
        pct = 100 * number
        return f"{pct:.0f}%" if pct == round(pct) else f"{pct:.1f}%"
    if kind == "count":
        return f"{number:,.0f}" if number == round(number) else f"{number:,.1f}"
    if kind == "rate":
        return f"{number:,.2f}"
    if kind == "trend":
        return f"{number:,.4f}"
    return f"{number:,.3f}"


def unit_label(unit: str) -> str:
    """The words written after a number of ``unit`` ('share of years' -> 'of years')."""
    text = unit.strip()
    if unit_kind(text) != "share":
        return text
    rest = text[len("share") :].strip() if text.lower().startswith("share") else ""
    return rest


def format_measure(value: Any, unit: str, lo: Any = None, hi: Any = None) -> str:
    """'97.9% of years', '7 years', '-0.23 [-0.70, 0.24] pp a year': value, interval, unit."""
    if _missing(value):
        return "no value"
    interval = ""
    if not _missing(lo) and not _missing(hi):
        interval = f" [{format_number(lo, unit)}, {format_number(hi, unit)}]"
    return f"{format_number(value, unit)}{interval} {unit_label(unit)}".strip()
