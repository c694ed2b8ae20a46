"""Structural gravity and GE scenarios through the Python API, with provenance attached.

>>> from regint.api import gravity
>>> gravity.replicate("rta").to_frame()  # doctest: +SKIP
>>> gravity.run_scenario("c5-fta").to_frame()  # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from regint.api.knowledge import load_kb, resolve_region
from regint.api.warehouse import open_warehouse
from regint.core.errors import InputError, WarehouseError
from regint.core.options import PathLike, Progress
from regint.core.provenance import Provenance, attach_provenance, make_provenance
from regint.core.regions import Region, require_members
from regint.core.version import __version__
from regint.gravity import agreements as agr
from regint.gravity.batch import RegionRun, compute_region_runs
from regint.gravity.book import BOOK_CITATION
from regint.gravity.estimate import GravityFit, compute_ppml
from regint.gravity.estimated import (
    Estimated,
    compute_cache_key,
    compute_estimated_frames,
    compute_estimated_from_frames,
    read_code_fingerprint,
)
from regint.gravity.replicate import APPLICATIONS, compute_replication
from regint.gravity.run import ScenarioResult, compute_scenario_result
from regint.gravity.scenario import PANEL_YEARS, Scenario, list_scenario_files, read_scenario
from regint.gravity.solve import CLOSURES
from regint.gravity.spec import GravitySpec, read_spec
from regint.gravity.world import DOMESTIC_NOTE, WorldInputs, load_world_inputs
from regint.storage import fitcache, queries
from regint.storage.paths import resolve_warehouse_path

DEFAULT_SPEC = GravitySpec(
    name="regint-world-panel",
    regressors=("fta", "cu", "eu"),
    years=PANEL_YEARS,
)
BOOK_LICENCE = "CC BY 4.0 (data as redistributed by pachadotdev/tradepolicy)"


@dataclass(frozen=True)
class GravityTable:
    """A result table with its provenance (``to_frame()``, ``to_dict()``)."""

    frame: pd.DataFrame
    provenance: Provenance
    notes: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_frame(self) -> pd.DataFrame:
        return attach_provenance(self.frame.copy(), self.provenance)

    def to_dict(self) -> dict[str, Any]:
        records = self.frame.astype(object).where(self.frame.notna(), None)
        return {
            "data": records.to_dict(orient="records"),
            "notes": list(self.notes),
            **self.extra,
            "origins": self.provenance.to_dict(),
        }


def replicate(
    application: str, closure: str = "book", progress: Progress | None = None
) -> GravityTable:
    """One application of Yotov et al. (2016), ch. 2: ``distance``, ``rta``, ``twb``, ``nafta``."""
    if application not in APPLICATIONS:
        raise InputError("application", f"'{application}' is not one of {', '.join(APPLICATIONS)}")
    if closure not in CLOSURES:
        raise InputError("closure", f"'{closure}' is not one of {', '.join(CLOSURES)}")
    rep = compute_replication(application, closure=closure, progress=progress)  # type: ignore[arg-type]
    prov = make_provenance(
        view=f"gravity replication: {application}",
        spec=rep.fit.spec.to_dict(),
        estimation=rep.fit.summary(),
        convergence=[c.to_dict() for c in rep.convergence],
        closure=closure if application in ("twb", "nafta") else None,
        code_version=__version__,
        sources=[
            {
                "source_id": "yotov2016",
                "producer": "WTO and UNCTAD",
                "title": "An Advanced Guide to Trade Policy Analysis, chapter 2 datasets",
                "citation": BOOK_CITATION,
                "licence": BOOK_LICENCE,
            }
        ],
    )
    return GravityTable(rep.table, prov, rep.notes)


def _world_sources(con: Any) -> list[dict[str, Any]]:
    sources = queries.load_sources(con, ["imf_dots", "wb_wdi", "cepii_geodist", "desta"])
    for cite in agr.CITATIONS:
        sources.append({"source_id": "agreements", "title": cite, "licence": "see citation"})
    return sources


def _read_spec(spec: str | os.PathLike[str]) -> GravitySpec:
    if not isinstance(spec, str | os.PathLike):
        raise InputError("spec", f"a YAML file or a GravitySpec, not {type(spec).__name__}")
    if not Path(spec).is_file():
        raise InputError("spec", f"{spec} is not a file")
    return read_spec(Path(spec))


def _overrides(
    params: Mapping[str, Any] | None, draws: int | None, seed: int | None
) -> dict[str, str]:
    """``params`` as the scenario reader takes them, with ``draws`` and ``seed`` checked."""
    if params is not None and not isinstance(params, Mapping):
        raise InputError("params", "a mapping of parameter names to values")
    out = {str(k): str(v) for k, v in (params or {}).items()}
    for name, value in (("draws", draws), ("seed", seed)):
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InputError(name, f"a whole number >= 0, got {value!r}")
        out[name] = str(value)
    return out


def estimate(
    spec: str | GravitySpec | None = None,
    warehouse: PathLike | None = None,
    progress: Progress | None = None,
) -> GravityTable:
    """PPML on regint's world panel (every four years 1992-2020); ``spec``: a YAML file or spec."""
    s = (
        DEFAULT_SPEC
        if spec is None
        else spec
        if isinstance(spec, GravitySpec)
        else _read_spec(spec)
    )
    years = s.years or PANEL_YEARS
    from regint.gravity.world import compute_sample, compute_world_panel

    with open_warehouse(warehouse, progress) as con:
        inputs = load_world_inputs(con, years)
        sources = _world_sources(con)
        build = queries.load_build_info(con)
    panel = compute_world_panel(inputs, compute_sample(inputs, None, ()))
    panel = agr.compute_dummies(panel, agr.compute_agreements(load_kb(), years))
    fit: GravityFit = compute_ppml(panel, s, progress, fixed_effects=False)
    notes = (DOMESTIC_NOTE.format(rule="gdp_minus_exports"),)
    prov = make_provenance(
        view="gravity estimate", spec=s.to_dict(), estimation=fit.summary(),
        code_version=__version__, sources=sources, build=build,
    )  # fmt: skip
    return GravityTable(fit.coefficients, prov, notes)


def list_scenarios() -> GravityTable:
    """The shipped scenarios: name, title, change, year."""
    rows = []
    for name, path in list_scenario_files().items():
        s = read_scenario(str(path))
        rows.append(
            {"name": name, "title": s.title, "change": s.change.kind, "year": s.year,
             "region": ",".join(s.region), "draws": s.draws}
        )  # fmt: skip
    prov = make_provenance(view="gravity scenarios", code_version=__version__)
    return GravityTable(pd.DataFrame(rows), prov)


@dataclass(frozen=True)
class _FitStore:
    """Scenario fits kept beside the warehouse (``regint.storage.fitcache``), keyed by the
    warehouse and knowledge-base fingerprints, the estimation and the gravity code."""

    warehouse: Path
    inputs: tuple[str, ...]

    def _key(self, ekey: str) -> str:
        return compute_cache_key(*self.inputs, ekey, read_code_fingerprint(), __version__)

    def get(self, key: str, s: Scenario) -> Estimated | None:
        hit = fitcache.load_cache_entry(self.warehouse, "fit", self._key(key))
        return None if hit is None else compute_estimated_from_frames(*hit, s.estimation)

    def put(self, key: str, est: Estimated) -> None:
        fitcache.build_cache_entry(
            self.warehouse, "fit", self._key(key), *compute_estimated_frames(est)
        )


@dataclass(frozen=True)
class _WorldData:
    inputs: WorldInputs
    agreements: agr.Agreements
    sources: list[dict[str, Any]]
    build: dict[str, str]
    cache_key: tuple[str, ...]
    store: _FitStore


def _world_data(
    years: Sequence[int], warehouse: PathLike | None, progress: Progress | None
) -> _WorldData:
    kb = load_kb()
    with open_warehouse(warehouse, progress) as con:
        try:
            inputs = load_world_inputs(con, years)
        except duckdb.CatalogException as err:  # a warehouse built without a gravity input
            raise WarehouseError(
                f"the warehouse lacks an input of the gravity panel: {err}"
            ) from None
        sources = _world_sources(con)
        build = queries.load_build_info(con)
    # Fits are shared in memory only while the warehouse and the knowledge base are the same.
    key = (str(build.get("fingerprint", "")), kb.fingerprint, ",".join(map(str, years)))
    store = _FitStore(resolve_warehouse_path(warehouse), key)
    return _WorldData(inputs, agr.compute_agreements(kb, years), sources, build, key, store)


def _scenario_table(
    s: Scenario, run: RegionRun | ScenarioResult, world: _WorldData
) -> GravityTable:
    """A scenario's result (or why it does not apply) with its provenance."""
    result = run if isinstance(run, ScenarioResult) else run.result
    head: dict[str, Any] = {
        "view": f"gravity scenario: {s.name}",
        "scenario": s.to_dict(),
        "scenario_sha256": s.sha256,
    }
    tail: dict[str, Any] = {
        "code_version": __version__,
        "sources": world.sources,
        "build": world.build,
    }
    if result is None:
        why = run.not_applicable if isinstance(run, RegionRun) else ""
        prov = make_provenance(**head, **tail)
        return GravityTable(pd.DataFrame(), prov, (why,), {"not_applicable": why})
    prov = make_provenance(
        **head, estimation=result.fit.summary(), convergence=list(result.convergence),
        draws={"requested": s.draws, "solved": result.draws_ok, "failed": result.draws_failed,
               "failures": list(result.failures)},
        **tail,
    )  # fmt: skip
    coef = result.fit.coefficients[["term", "estimate", "std_error"]]
    extra = {"region_summary": result.region, "coefficients": coef.to_dict(orient="records")}
    if isinstance(run, RegionRun) and run.rule_check is not None:
        extra["domestic_rule_check"] = run.rule_check
    return GravityTable(result.table, prov, result.notes, extra)


def run_scenario(
    scenario: str,
    params: Mapping[str, Any] | None = None,
    warehouse: PathLike | None = None,
    progress: Progress | None = None,
    *,
    draws: int | None = None,
    seed: int | None = None,
) -> GravityTable:
    """Run a shipped scenario (by name) or a YAML spec; ``params`` override its values."""
    if not isinstance(scenario, str):
        raise InputError("scenario", f"a shipped scenario's name or a YAML file, not {scenario!r}")
    s = read_scenario(scenario, _overrides(params, draws, seed))
    world = _world_data(s.estimation.years or PANEL_YEARS, warehouse, progress)
    result = compute_scenario_result(
        s, world.inputs, world.agreements, progress, world.cache_key, world.store
    )
    return _scenario_table(s, result, world)


def run_scenarios(
    scenarios: Sequence[str] | None = None,
    region: str | Region | None = None,
    params: Mapping[str, Any] | None = None,
    rule_check: bool = False,
    warehouse: PathLike | None = None,
    progress: Progress | None = None,
    *,
    draws: int | None = None,
    seed: int | None = None,
) -> list[GravityTable]:
    """Run scenarios (default: the shipped ones) for ``region``, sharing their estimation.

    ``region`` (default: each scenario's own) re-targets a scenario to that region's members
    where it applies; one that does not apply comes back with no rows and the reason in
    ``extra["not_applicable"]``. ``rule_check`` adds each scenario's point estimates under the
    alternative domestic-flow rule and the verdict (``extra["domestic_rule_check"]``).
    """
    if isinstance(scenarios, str):
        scenarios = [scenarios]
    names = list(list_scenario_files()) if scenarios is None else list(scenarios)
    if not names:
        raise InputError("scenarios", "give at least one scenario")
    specs = [read_scenario(n, _overrides(params, draws, seed)) for n in names]
    target = None if region is None else require_members(resolve_region(region))
    years = sorted({y for s in specs for y in (s.estimation.years or PANEL_YEARS)})
    world = _world_data(years, warehouse, progress)
    runs = compute_region_runs(
        specs, target, world.inputs, world.agreements, rule_check, progress, world.cache_key,
        world.store,
    )  # fmt: skip
    return [_scenario_table(r.scenario, r, world) for r in runs]
