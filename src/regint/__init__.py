"""regint: an open observatory of regional integration, Central Asia (C5) by default.

A small public surface. Trade results are DataFrames with their provenance in
``attrs['provenance']`` (a :class:`~regint.core.provenance.Provenance`); knowledge-base and
claims results are objects with ``.to_frame()``. Options are validated by
:mod:`regint.core.options`; a bad one raises :class:`~regint.core.errors.InputError` naming
the parameter.

>>> import regint
>>> share = regint.compute("intra_regional_share", years="2005-2020")  # doctest: +SKIP
>>> regint.members("eaeu", on="2016-01-01").to_frame()  # doctest: +SKIP
>>> regint.status("UZB", "cst_csto", on="2013-06-01")  # doctest: +SKIP
>>> regint.check_claims().to_frame()  # doctest: +SKIP
>>> regint.report(out="report.html")  # doctest: +SKIP
>>> regint.replicate("rta").to_frame()  # doctest: +SKIP
>>> regint.run_scenario("c5-border-costs", params={"cut_pct": 20}, draws=200).to_frame()  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from regint.core.options import (
    BASIS_DEFAULT,
    CIF_FOB_DEFAULT,
    REGION_DEFAULT,
    Basis,
    Countries,
    DateLike,
    Level,
    PathLike,
    Progress,
    Years,
)
from regint.core.version import __version__

if TYPE_CHECKING:
    import pandas as pd

    from regint.api.claims import ClaimCheck
    from regint.api.gravity import GravityTable
    from regint.api.knowledge import StatusAnswer, Table
    from regint.core.regions import Region
    from regint.gravity.spec import GravitySpec
    from regint.report import ReportResult

__all__ = [
    "__version__",
    "build",
    "check_claims",
    "compute",
    "definitions",
    "estimate_gravity",
    "events",
    "indicators",
    "members",
    "memberships",
    "replicate",
    "report",
    "run_scenario",
    "run_scenarios",
    "scenarios",
    "status",
    "warehouse_status",
]


def __getattr__(name: str) -> Any:
    """``regint.api`` as an attribute, loaded on first use."""
    if name == "api":
        import importlib

        return importlib.import_module("regint.api")
    raise AttributeError(f"module 'regint' has no attribute '{name}'")


def compute(
    indicator: str,
    *,
    years: Years = None,
    basis: Basis = BASIS_DEFAULT,
    cif_fob: float = CIF_FOB_DEFAULT,
    region: str | Region | None = REGION_DEFAULT,
    countries: Countries = None,
    level: Level | None = None,
    warehouse: PathLike | None = None,
) -> pd.DataFrame:
    """Compute a trade-integration indicator from the warehouse.

    Parameters
    ----------
    indicator : str
        An indicator id, e.g. ``"intra_regional_share"`` (see :func:`indicators`).
    years : str, int, sequence of int or None
        ``"1995-2023"``, ``"2019"``, ``"2005,2010"``, a year or a list of years, each within
        the warehouse's range; None (the default) means every year. ``""`` is refused.
    basis : {"reported", "mirror", "reconciled"}
        Which side's report of each flow to use (default ``"reconciled"``).
    cif_fob : float
        The CIF/FOB factor dividing importers' CIF values, in [1.0, 1.5] (default 1.06, the
        IMF convention).
    region : str or Region
        ``"c5"`` (default), an organisation id (``"eaeu"``, yearly members) or
        ``"eaeu@2016-01-01"`` (members on a day).
    countries : str or sequence of str, optional
        ISO3 codes (``"KAZ,UZB"``) instead of ``region``; not both. A region needs at least
        two; one country works for the country-level indicators (``partner_profile``,
        ``partner_concentration``).
    level : {"region", "country"}, optional
        The level of the result (default: the indicator's first level).
    warehouse : path, optional
        The DuckDB warehouse (default: the user data folder, built on first use).

    Returns
    -------
    pandas.DataFrame
        One row per year (and country), with coverage columns; ``attrs['provenance']``
        holds the sources, build, basis, masking notes.

    Raises
    ------
    regint.core.errors.InputError
        A bad option; the error names the parameter (``cif_fob: ...``).
    """
    from regint.api.indicators import compute as _compute

    return _compute(
        indicator,
        years=years,
        basis=basis,
        cif_fob=cif_fob,
        region=region,
        countries=countries,
        level=level,
        warehouse=warehouse,
    )


def definitions(
    year: int,
    *,
    region: str | Region | None = REGION_DEFAULT,
    countries: Countries = None,
    cif_fob: float = CIF_FOB_DEFAULT,
    warehouse: PathLike | None = None,
) -> pd.DataFrame:
    """Intra-regional trade of one year under each counting convention, side by side.

    Parameters
    ----------
    year : int
        The year, within the warehouse's range.
    region, countries, cif_fob, warehouse
        As in :func:`compute`.

    Returns
    -------
    pandas.DataFrame
        One row per convention (US$ m, number of flows, description); the provenance says
        which member pairs have no known flow.
    """
    from regint.api.indicators import definitions as _definitions

    return _definitions(
        year, region=region, countries=countries, cif_fob=cif_fob, warehouse=warehouse
    )


def indicators() -> pd.DataFrame:
    """The indicator catalogue: id, title, unit, dimension, formula, citation, masking rule.

    Returns
    -------
    pandas.DataFrame
        One row per indicator; no warehouse is needed.
    """
    from regint.api.indicators import list_indicators

    return list_indicators()


def members(org: str, on: DateLike, *, full_only: bool = False) -> Table:
    """Members of an organisation on a date, from the knowledge base.

    Parameters
    ----------
    org : str
        An organisation id or alias, e.g. ``"eaeu"``, ``"cst_csto"``.
    on : datetime.date or str
        The day, ``"YYYY-MM-DD"``, not after today.
    full_only : bool
        Only full members (founding members and members), not observers or suspended states.

    Returns
    -------
    regint.knowledge.results.Table
        Rows with status, since, until and evidence; ``.to_frame()`` gives a DataFrame.
    """
    from regint.api.knowledge import members as _members

    return _members(org, on, full_only)


def memberships(country: str, on: DateLike, *, full_only: bool = False) -> Table:
    """Every organisation a country belonged to on a date.

    Parameters
    ----------
    country : str
        An ISO3 code, e.g. ``"UZB"``.
    on : datetime.date or str
        The day, ``"YYYY-MM-DD"``, not after today.
    full_only : bool
        Only full memberships.

    Returns
    -------
    regint.knowledge.results.Table
        One row per organisation; ``.to_frame()`` gives a DataFrame.
    """
    from regint.api.knowledge import memberships as _memberships

    return _memberships(country, on, full_only)


def status(country: str, org: str, on: DateLike) -> StatusAnswer:
    """A country's status in an organisation on a date (suspension is not membership).

    Parameters
    ----------
    country : str
        An ISO3 code.
    org : str
        An organisation id or alias.
    on : datetime.date or str
        The day, ``"YYYY-MM-DD"``, not after today.

    Returns
    -------
    regint.knowledge.results.StatusAnswer
        ``status``, ``is_member`` (None when the date falls in an uncertain window), evidence.
    """
    from regint.api.knowledge import status as _status

    return _status(country, org, on)


def events(
    start: DateLike | None = None,
    end: DateLike | None = None,
    *,
    type: str | None = None,
    country: str | None = None,
    org: str | None = None,
) -> Table:
    """Events (summits, treaties, conflicts...) between two dates, inclusive.

    Parameters
    ----------
    start, end : datetime.date or str, optional
        The first and last day, ``"YYYY-MM-DD"``; open-ended when None.
    type : str, optional
        An event type, e.g. ``"summit"``, ``"conflict"``.
    country : str, optional
        Only events a state took part in or hosted (ISO3).
    org : str, optional
        Only events of an organisation.

    Returns
    -------
    regint.knowledge.results.Table
        One row per event with its evidence.
    """
    from regint.api.knowledge import events as _events

    return _events(start, end, type, country, org)


def check_claims(
    region: str | Region | None = REGION_DEFAULT,
    *,
    countries: Countries = None,
    claims: Sequence[str] | str | None = None,
    as_of: dt.date | str | None = None,
    warehouse: PathLike | None = None,
    progress: Progress | None = None,
) -> ClaimCheck:
    """The study's claims with verdicts, evidence and robustness.

    Parameters
    ----------
    region : str or Region
        As in :func:`compute`.
    countries : str or sequence of str, optional
        At least two ISO3 codes instead of ``region``.
    claims : str or sequence of str, optional
        Only these claim ids (default: all).
    as_of : datetime.date or str, optional
        The evaluation date of knowledge-base tests, 1991-12-08 to today (default: today).
    warehouse : path, optional
        As in :func:`compute`.
    progress : callable, optional
        Receives one message per step.

    Returns
    -------
    regint.api.claims.ClaimCheck
        ``.to_frame()`` (one row per claim), ``.tests_frame()``, ``.to_dict()``.
    """
    from regint.api.claims import check_claims as _check

    return _check(
        region,
        countries=countries,
        claims=claims,
        as_of=as_of,
        warehouse=warehouse,
        progress=progress,
    )


def report(
    region: str = REGION_DEFAULT,
    out: PathLike | None = None,
    *,
    countries: Countries = None,
    as_of: dt.date | None = None,
    warehouse: PathLike | None = None,
    progress: Progress | None = None,
) -> ReportResult:
    """Write the self-contained HTML report.

    Parameters
    ----------
    region, countries, as_of, warehouse, progress
        As in :func:`check_claims`.
    out : path, optional
        Where to write the report (default: ``report-<region>.html`` in the working folder).

    Returns
    -------
    regint.report.ReportResult
        The path, size, time taken and the verdicts shown.
    """
    from regint.report import build_report

    return build_report(
        region, out, countries=countries, as_of=as_of, warehouse=warehouse, progress=progress
    )


def build(
    warehouse: PathLike | None = None, *, force: bool = False, progress: Progress | None = None
) -> dict[str, Any]:
    """Build the warehouse from the committed snapshot (skipped while it is up to date).

    Parameters
    ----------
    warehouse : path, optional
        As in :func:`compute`.
    force : bool
        Rebuild even if the snapshot is unchanged.
    progress : callable, optional
        Receives one message per step.

    Returns
    -------
    dict
        ``warehouse`` (path), ``built`` (bool) and ``fingerprint``.
    """
    from regint.api.data import build as _build

    return _build(warehouse, force=force, progress=progress)


def warehouse_status(warehouse: PathLike | None = None) -> pd.DataFrame:
    """The warehouse's tables with row counts; build information in the provenance.

    Parameters
    ----------
    warehouse : path, optional
        As in :func:`compute`.
    """
    from regint.api.data import status as _status

    return _status(warehouse)


def estimate_gravity(
    spec: str | GravitySpec | None = None,
    *,
    warehouse: PathLike | None = None,
    progress: Progress | None = None,
) -> GravityTable:
    """PPML with high-dimensional fixed effects on regint's world panel (``pyfixest.fepois``).

    Parameters
    ----------
    spec : str or GravitySpec, optional
        A YAML spec file or a :class:`~regint.gravity.spec.GravitySpec` (default: the
        agreement dummies ``fta``, ``cu``, ``eu`` with exporter-year, importer-year and pair
        effects, every four years 1992-2020, pair-clustered errors).
    warehouse : path, optional
        As in :func:`compute`.
    progress : callable, optional
        Receives one message per step.

    Returns
    -------
    regint.api.gravity.GravityTable
        ``.to_frame()``: one row per coefficient (estimate, standard error, interval), with the
        spec, the sample ledger and the sources in the provenance.
    """
    from regint.api.gravity import estimate

    return estimate(spec, warehouse=warehouse, progress=progress)


def replicate(
    application: str, *, closure: str = "book", progress: Progress | None = None
) -> GravityTable:
    """One application of Yotov et al. (2016), chapter 2, on the book's own data.

    Parameters
    ----------
    application : {"distance", "rta", "twb", "nafta"}
        ``distance`` and ``rta``: the PPML estimates; ``twb`` ("trade without borders") and
        ``nafta``: the general-equilibrium counterfactuals, per country.
    closure : {"book", "balanced"}
        How world spending adjusts in the full-endowment GE (``twb`` and ``nafta``).
    progress : callable, optional
        Receives one message per step.

    Returns
    -------
    regint.api.gravity.GravityTable
        ``.to_frame()`` with the book's figure beside regint's, or per-country changes in %.
    """
    from regint.api.gravity import replicate as _replicate

    return _replicate(application, closure=closure, progress=progress)


def scenarios() -> pd.DataFrame:
    """The shipped GE scenarios: name, title, kind of change, GE year, region, draws.

    Returns
    -------
    pandas.DataFrame
        One row per scenario, provenance in ``attrs['provenance']``.
    """
    from regint.api.gravity import list_scenarios

    return list_scenarios().to_frame()


def run_scenario(
    scenario: str,
    *,
    params: dict[str, Any] | None = None,
    draws: int | None = None,
    seed: int | None = None,
    warehouse: PathLike | None = None,
    progress: Progress | None = None,
) -> GravityTable:
    """Run a GE scenario: estimate, solve, and draw Monte Carlo intervals.

    Parameters
    ----------
    scenario : str
        A shipped scenario's name (see :func:`scenarios`) or a YAML spec file.
    params : dict, optional
        Values that override the spec, e.g. ``{"cut_pct": 20}`` or
        ``{"domestic_rule": "half_gdp_minus_exports"}``.
    draws : int, optional
        Monte Carlo draws of the coefficients (default: the spec's, 200); 0 for point estimates.
    seed : int, optional
        The draws' seed (default: the spec's).
    warehouse, progress
        As in :func:`estimate_gravity`.

    Returns
    -------
    regint.api.gravity.GravityTable
        ``.to_frame()``: one row per country with the changes in exports, real GDP, prices and
        inward resistance (%) and their 2.5-97.5% intervals; draws, convergence, the spec and
        sources in the provenance; the region's intra-regional share in ``.extra``.
    """
    from regint.api.gravity import run_scenario as _run

    return _run(scenario, params, warehouse, progress, draws=draws, seed=seed)


def run_scenarios(
    scenarios: Sequence[str] | None = None,
    *,
    region: str | Region | None = None,
    params: dict[str, Any] | None = None,
    draws: int | None = None,
    rule_check: bool = False,
    warehouse: PathLike | None = None,
    progress: Progress | None = None,
) -> list[GravityTable]:
    """Run several scenarios (default: the shipped three) with one shared estimation.

    Parameters
    ----------
    scenarios : sequence of str, optional
        Shipped names or YAML files.
    region : str or Region, optional
        Run them for this region's members (e.g. ``"eaeu"``) where they apply; one that does
        not apply comes back without rows and with the reason in ``.extra["not_applicable"]``.
    params, draws
        As in :func:`run_scenario`, for every scenario.
    rule_check : bool
        Also solve each under the alternative domestic-flow rule and say whether the signs hold
        (``.extra["domestic_rule_check"]``).
    warehouse, progress
        As in :func:`estimate_gravity`.

    Returns
    -------
    list of regint.api.gravity.GravityTable
        One per scenario, in order.
    """
    from regint.api.gravity import run_scenarios as _run

    return _run(scenarios, region, params, rule_check, warehouse, progress, draws=draws)
