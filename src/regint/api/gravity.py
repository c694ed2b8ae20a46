"""Structural gravity and GE scenarios through the Python API, with provenance attached.

>>> from regint.api import gravity
>>> gravity.replicate("rta").to_frame()  # doctest: +SKIP
>>> gravity.run_scenario("c5-fta").to_frame()  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from regint.api.knowledge import load_kb
from regint.api.warehouse import open_warehouse
from regint.core.errors import InputError
from regint.core.options import PathLike, Progress
from regint.core.provenance import Provenance, attach_provenance, make_provenance
from regint.core.version import __version__
from regint.gravity import agreements as agr
from regint.gravity.book import BOOK_CITATION
from regint.gravity.estimate import GravityFit, compute_ppml
from regint.gravity.replicate import APPLICATIONS, compute_replication
from regint.gravity.run import ScenarioResult, compute_scenario_result
from regint.gravity.scenario import PANEL_YEARS, list_scenario_files, read_scenario
from regint.gravity.solve import CLOSURES
from regint.gravity.spec import GravitySpec, read_spec
from regint.gravity.world import DOMESTIC_NOTE, load_world_inputs
from regint.storage import queries

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


def estimate(
    spec: str | GravitySpec | None = None,
    warehouse: PathLike | None = None,
    progress: Progress | None = None,
) -> GravityTable:
    """PPML on regint's world panel (every four years 1992-2020); ``spec``: a YAML file or spec."""
    s = DEFAULT_SPEC if spec is None else spec if isinstance(spec, GravitySpec) else read_spec(spec)
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


def run_scenario(
    scenario: str,
    params: Mapping[str, str] | None = None,
    warehouse: PathLike | None = None,
    progress: Progress | None = None,
) -> GravityTable:
    """Run a shipped scenario (by name) or a YAML spec; ``params`` override its values."""
    s = read_scenario(scenario, dict(params or {}))
    with open_warehouse(warehouse, progress) as con:
        inputs = load_world_inputs(con, s.estimation.years or PANEL_YEARS)
        sources = _world_sources(con)
        build = queries.load_build_info(con)
    agreements = agr.compute_agreements(load_kb(), s.estimation.years or PANEL_YEARS)
    result: ScenarioResult = compute_scenario_result(s, inputs, agreements, progress)
    prov = make_provenance(
        view=f"gravity scenario: {s.name}", scenario=s.to_dict(), scenario_sha256=s.sha256,
        estimation=result.fit.summary(), convergence=list(result.convergence),
        draws={"requested": s.draws, "solved": result.draws_ok, "failed": result.draws_failed,
               "failures": list(result.failures)},
        code_version=__version__, sources=sources, build=build,
    )  # fmt: skip
    coef = result.fit.coefficients[["term", "estimate", "std_error"]]
    extra = {"region_summary": result.region, "coefficients": coef.to_dict(orient="records")}
    return GravityTable(result.table, prov, result.notes, extra)
