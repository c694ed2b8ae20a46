"""regint: an open observatory of regional integration, Central Asia (C5) by default.

A small public surface; every result is a DataFrame (or an object with ``.to_frame()``) with
its provenance in ``attrs['provenance']``.

>>> import regint
>>> share = regint.compute("intra_regional_share", years="2005-2020")  # doctest: +SKIP
>>> regint.members("eaeu", on="2016-01-01")  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

from regint.core.version import __version__

__all__ = ["build", "compute", "definitions", "indicators", "members", "status", "__version__"]


def compute(indicator: str, **options: Any) -> Any:
    """Compute a trade-integration indicator (see ``regint.api.indicators.compute``)."""
    from regint.api.indicators import compute as _compute

    return _compute(indicator, **options)


def definitions(year: int, **options: Any) -> Any:
    """Intra-regional trade of one year under each counting convention."""
    from regint.api.indicators import definitions as _definitions

    return _definitions(year, **options)


def indicators() -> Any:
    """The indicator catalogue."""
    from regint.api.indicators import list_indicators

    return list_indicators()


def members(org: str, on: str, **options: Any) -> Any:
    """Members of an organisation on a date, from the knowledge base."""
    from regint.api.knowledge import members as _members

    return _members(org, on, **options)


def build(**options: Any) -> Any:
    """Build the warehouse from the default snapshot."""
    from regint.api.data import build as _build

    return _build(**options)


def status(**options: Any) -> Any:
    """The warehouse's tables and build information."""
    from regint.api.data import status as _status

    return _status(**options)
