"""The Central Asia Integration Index through the Python API.

>>> from regint.api import index
>>> built = index.build_index()  # doctest: +SKIP
>>> built.region_frame()[["year", "score", "lower", "upper"]].tail(3)  # doctest: +SKIP

Everything is computed on call from the warehouse, the knowledge base and the spec; the result is
the same for the same spec, seed and warehouse, and every frame carries the spec (its text and
sha256), the sources and their licences in ``attrs['provenance']``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from regint.api.drivers import load_driver_data
from regint.api.indicators import load_trade_data, region_for
from regint.api.knowledge import load_kb
from regint.api.warehouse import open_warehouse
from regint.core.errors import InputError
from regint.core.options import CIF_FOB_DEFAULT, Basis, PathLike, Progress, quiet
from regint.core.provenance import Provenance, attach_provenance, make_provenance
from regint.core.regions import Region
from regint.index import inputs
from regint.index.panel import compute_panel
from regint.index.run import GroupingRun, compute_run
from regint.index.spec import Spec, read_spec
from regint.storage import queries

BASIS: Basis = "reconciled"


def read_index_spec(spec: PathLike | None = None) -> Spec:
    """The spec at ``spec`` (default: the shipped framework), checked against the catalogue."""
    return read_spec(Path(spec) if spec else None, known=set(inputs.CATALOGUE))


def with_uncertainty(spec: Spec, samples: int | None, seed: int | None) -> Spec:
    """``spec`` with another Saltelli base sample size or seed; InputError naming the parameter."""
    u = spec.uncertainty
    if samples is not None:
        if isinstance(samples, bool) or not isinstance(samples, int) or samples < 8:
            raise InputError("samples", f"must be an integer of at least 8 (got {samples!r})")
        if samples & (samples - 1):
            raise InputError("samples", f"must be a power of two, e.g. 64, 128 (got {samples})")
        u = replace(u, samples=samples)
    if seed is not None:
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**32:
            raise InputError("seed", f"must be an integer in [0, 2**32) (got {seed!r})")
        u = replace(u, seed=seed)
    return replace(spec, uncertainty=u)


def parse_groupings(
    region: str | Region | Sequence[str] | None,
    countries: str | Sequence[str] | None,
    known: set[str],
    traded: set[str],
) -> list[Region]:
    """Regions from 'c5,eaeu,cis' (or a list), or one user country list."""
    if countries is not None or isinstance(region, Region) or region is None:
        single = region if isinstance(region, Region | str) or region is None else ",".join(region)
        return [region_for(single, countries, known, traded=traded)]
    names = region.split(",") if isinstance(region, str) else list(region)
    names = [n.strip() for n in names if n.strip()]
    if not names:
        raise InputError("region", "give at least one region, e.g. c5 or c5,eaeu,cis")
    return [region_for(n, None, known, traded=traded) for n in dict.fromkeys(names)]


@dataclass(frozen=True)
class IndexBuild:
    """Every grouping's index: scores with intervals, dimensions, weights, sensitivity."""

    spec: Spec
    runs: tuple[GroupingRun, ...]
    provenance: Provenance = field(default_factory=make_provenance, compare=False)

    def _cat(self, frames: list[pd.DataFrame]) -> pd.DataFrame:
        frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        return attach_provenance(frame, self.provenance)

    def to_frame(self) -> pd.DataFrame:
        """Per state and grouping: country, year, score, lower, upper, ranks, imputed share."""
        return self._cat([r.scores_frame() for r in self.runs])

    def region_frame(self) -> pd.DataFrame:
        """Per grouping: region, year, score, lower, upper (mean of its members)."""
        return self._cat([r.region_frame() for r in self.runs])

    def dimensions_frame(self) -> pd.DataFrame:
        """Each state's dimension profile: grouping, country, year, dimension, score."""
        frames = []
        for r in self.runs:
            f = r.result.dimensions_frame()
            f.insert(0, "grouping", r.grouping)
            frames.append(f)
        return self._cat(frames)

    def weights_frame(self) -> pd.DataFrame:
        """Nominal and effective weights of each indicator, per grouping."""
        frames = []
        for r in self.runs:
            f = r.result.weights.copy()
            f.insert(0, "grouping", r.grouping)
            frames.append(f)
        return self._cat(frames)

    def sensitivity_frame(self) -> pd.DataFrame:
        """Sobol first-order (S1) and total (ST) indices per grouping, target and factor."""
        return self._cat([r.sobol for r in self.runs])

    def ranks_frame(self) -> pd.DataFrame:
        """The rank distribution: grouping, country, year, rank, share of replications."""
        return self._cat([r.ranks_frame() for r in self.runs])

    def screening_frame(self) -> pd.DataFrame:
        """Indicator coverage and whether it passed screening, per grouping."""
        frames = []
        for r in self.runs:
            f = r.result.prepared.screening.copy()
            f.insert(0, "grouping", r.grouping)
            frames.append(f)
        return self._cat(frames)

    def diagnostics_frame(self) -> pd.DataFrame:
        """Per grouping and dimension: mean correlation within and across, alpha, PC1 share."""
        rows = [
            {"grouping": r.grouping, **{k: v for k, v in d.items() if k != "pc1_loadings"}}
            for r in self.runs
            for d in r.result.diagnostics["dimensions"]
        ]
        return attach_provenance(pd.DataFrame(rows), self.provenance)

    def assumptions(self) -> dict[str, list[str]]:
        """What the Monte Carlo varied and what it held fixed (the same for every grouping)."""
        run = self.runs[0]
        return {"varied": list(run.varied), "fixed": list(run.fixed)}


def load_grouping_panel(con: Any, kb: Any, region: Region, years: list[int]) -> pd.DataFrame:
    """The tidy panel of one grouping: trade indicators, WDI series, knowledge-base counts."""
    trade = load_trade_data(con, region, years, BASIS, CIF_FOB_DEFAULT)
    wdi = queries.load_wdi(con, region.all_members(), inputs.WDI_CODES, years[0], years[-1])
    drivers = load_driver_data(con, region.all_members())
    return inputs.compute_inputs(trade, wdi, kb, drivers, region, years)


def build_index(
    spec: PathLike | None = None,
    *,
    region: str | Region | Sequence[str] | None = "c5",
    countries: str | Sequence[str] | None = None,
    samples: int | None = None,
    seed: int | None = None,
    warehouse: PathLike | None = None,
    progress: Progress | None = None,
) -> IndexBuild:
    """Build the index for each grouping in ``region`` ('c5', 'c5,eaeu,cis', a Region).

    Parameters
    ----------
    spec
        A spec file (YAML); default: the framework shipped with regint.
    region, countries
        The groupings: region ids separated by commas, or one list of ISO3 codes.
    samples, seed
        Override the spec's Saltelli base sample (a power of two) and random seed.
    warehouse
        The DuckDB warehouse (default: the user data folder).
    progress
        Called with a short message at each step.

    Returns
    -------
    IndexBuild
        Scores with 5-95% intervals per state and grouping, dimension profiles, weights,
        Sobol indices; every frame carries provenance (sources, licences, the spec).
    """
    say = progress or quiet
    chosen = with_uncertainty(read_index_spec(spec), samples, seed)
    say("reading the knowledge base")
    kb = load_kb()
    runs = []
    with open_warehouse(warehouse, progress=say) as con:
        first, last = queries.load_year_range(con)
        years = list(range(max(first, chosen.first_year), last + 1))
        known = {r[0] for r in con.execute("SELECT iso3 FROM ref.countries").fetchall() if r[0]}
        traded = queries.load_trade_countries(con)
        for reg in parse_groupings(region, countries, known | traded, traded):
            say(f"gathering indicators for {reg.label}")
            frame = load_grouping_panel(con, kb, reg, years)
            panel = compute_panel(
                frame, chosen.indicators, years, inputs.members_by_year(reg, years)
            )
            say(f"building and running the Monte Carlo for {reg.label}")
            runs.append(compute_run(panel, chosen, reg.id, reg.label))
        used = {s for i in chosen.indicators for s in inputs.CATALOGUE[i].sources}
        sources = queries.load_sources(con, used)
        build = queries.load_build_info(con)
    return IndexBuild(chosen, tuple(runs), _provenance(chosen, runs, sources, build, kb))


def _provenance(
    spec: Spec,
    runs: list[GroupingRun],
    sources: list[dict[str, Any]],
    build: dict[str, str],
    kb: Any,
) -> Provenance:
    kb_prov = kb.provenance()
    return make_provenance(
        view="Central Asia Integration Index",
        spec={"name": spec.name, "path": spec.path, "sha256": spec.sha256, "text": spec.text},
        seed=spec.uncertainty.seed,
        replications=int(runs[0].replications.sample.shape[0]) if runs else 0,
        interval=list(spec.uncertainty.interval),
        groupings=[
            {"id": r.grouping, "label": r.label, "members": list(r.result.units)} for r in runs
        ],
        indicators=[inputs.CATALOGUE[i].to_dict() for i in spec.indicators],
        trade={"basis": BASIS, "cif_fob": CIF_FOB_DEFAULT},
        assumptions={"varied": list(runs[0].varied), "fixed": list(runs[0].fixed)} if runs else {},
        knowledge_base=kb_prov.get("knowledge_base", {}),
        sources=sources + list(kb_prov.get("sources", [])),
        build=build,
    )


def list_index_indicators() -> pd.DataFrame:
    """The catalogue of indicators an index spec may name: source, unit, direction, why."""
    frame = pd.DataFrame([m.to_dict() for m in inputs.CATALOGUE.values()])
    frame["sources"] = [", ".join(s) for s in frame["sources"]]
    return attach_provenance(frame, make_provenance(view="index indicator catalogue"))
