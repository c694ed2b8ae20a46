"""regint: an open observatory of regional integration, Central Asia (C5) by default.

A small public surface. Trade results are DataFrames with their provenance in
``attrs['provenance']``; knowledge-base and claims results are objects with ``.to_frame()``.

>>> import regint
>>> share = regint.compute("intra_regional_share", years="2005-2020")  # doctest: +SKIP
>>> regint.members("eaeu", on="2016-01-01").to_frame()  # doctest: +SKIP
>>> regint.status("UZB", "cst_csto", on="2013-06-01")  # doctest: +SKIP
>>> regint.check_claims().to_frame()  # doctest: +SKIP
>>> regint.report(out="report.html")  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

from regint.core.version import __version__

__all__ = [
    "__version__",
    "build",
    "check_claims",
    "compute",
    "definitions",
    "events",
    "indicators",
    "members",
    "memberships",
    "report",
    "status",
    "warehouse_status",
]


def __getattr__(name: str) -> Any:
    """``regint.api`` as an attribute, loaded on first use."""
    if name == "api":
        import importlib

        return importlib.import_module("regint.api")
    raise AttributeError(f"module 'regint' has no attribute '{name}'")


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


def memberships(country: str, on: str, **options: Any) -> Any:
    """Every organisation a country belonged to on a date."""
    from regint.api.knowledge import memberships as _memberships

    return _memberships(country, on, **options)


def status(country: str, org: str, on: str) -> Any:
    """A country's status in an organisation on a date (suspension is not membership)."""
    from regint.api.knowledge import status as _status

    return _status(country, org, on)


def events(start: str | None = None, end: str | None = None, **options: Any) -> Any:
    """Events (summits, treaties, conflicts...) between two dates."""
    from regint.api.knowledge import events as _events

    return _events(start, end, **options)


def check_claims(region: str = "c5", **options: Any) -> Any:
    """The study's claims with verdicts, evidence and robustness."""
    from regint.api.claims import check_claims as _check

    return _check(region, **options)


def report(region: str = "c5", out: str | None = None, **options: Any) -> Any:
    """Write the self-contained HTML report; returns its path, size and verdicts."""
    from regint.report import build_report

    return build_report(region, out, **options)


def build(**options: Any) -> Any:
    """Build the warehouse from the default snapshot."""
    from regint.api.data import build as _build

    return _build(**options)


def warehouse_status(**options: Any) -> Any:
    """The warehouse's tables and build information."""
    from regint.api.data import status as _status

    return _status(**options)
