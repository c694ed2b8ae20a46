"""The study's claims through the Python API: list them, check them against the data.

>>> from regint.api import claims
>>> check = claims.check_claims()  # doctest: +SKIP
>>> check.to_frame()[["id", "verdict"]]  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from regint.api.drivers import load_driver_data
from regint.api.indicators import load_trade_data, region_for
from regint.api.knowledge import load_kb
from regint.api.warehouse import open_warehouse
from regint.claims import (
    METRICS,
    Claim,
    ClaimResult,
    ClaimSet,
    KBFrames,
    Scenario,
    TradeFrames,
    compute_kb_frames,
    read_claims,
)
from regint.claims.evaluate import BASELINE
from regint.claims.metrics import KB_METRICS
from regint.claims.model import Measure, TestResult, spec_dict
from regint.claims.scenarios import Evaluation, check_as_of, evaluate_claims, pick_claims
from regint.core.errors import InputError
from regint.core.options import Basis, PathLike, Progress, quiet
from regint.core.provenance import Provenance, attach_provenance, make_provenance
from regint.core.regions import Region
from regint.core.vocab import C5
from regint.indicators.base import TradeData
from regint.knowledge.base import KB_CITATION
from regint.storage import queries

# The result types the delivery layers render (they import them from here, not from claims).
__all__ = [
    "KB_METRICS",
    "ClaimCheck",
    "ClaimList",
    "ClaimResult",
    "Measure",
    "TestResult",
    "check_as_of",
    "check_claims",
    "list_claims",
]


def _frame(rows: list[dict[str, Any]], provenance: Provenance) -> pd.DataFrame:
    """Rows as a frame with provenance; conclusion numbers as nullable integers.

    Assertions have no conclusion number, so the column needs the nullable dtype.
    """
    frame = pd.DataFrame(rows)
    if "conclusion" in frame:
        frame["conclusion"] = frame["conclusion"].astype("Int64")
    return attach_provenance(frame, provenance)


@dataclass(frozen=True)
class ClaimList:
    """The declared claims and their tests."""

    claim_set: ClaimSet

    def to_frame(self) -> pd.DataFrame:
        rows = [
            {
                "id": c.id,
                "conclusion": c.conclusion,
                "kind": c.kind,
                "title": c.title,
                "tests": ", ".join(t.id for t in c.tests),
            }
            for c in self.claim_set.claims
        ]
        return _frame(rows, self.provenance)

    def tests_frame(self) -> pd.DataFrame:
        rows = [
            {
                "claim": c.id,
                "test": t.id,
                "metric": t.metric,
                "prediction": t.prediction,
                "rule": t.rule.describe(),
                "robustness": ", ".join(t.robustness),
                "applies_to": t.applies_to,
            }
            for c in self.claim_set.claims
            for t in c.tests
        ]
        return _frame(rows, self.provenance)

    @property
    def provenance(self) -> Provenance:
        return make_provenance(**_spec_provenance(self.claim_set))

    def to_dict(self) -> dict[str, Any]:
        return {
            "claims": [spec_dict(c) for c in self.claim_set.claims],
            "origins": self.provenance.to_dict(),
        }


@dataclass(frozen=True)
class ClaimCheck:
    """Verdicts with their evidence, plus the baseline frames they were computed from."""

    results: tuple[ClaimResult, ...]
    region: Region
    scenarios: tuple[Scenario, ...]
    trade: TradeFrames | None
    kb: KBFrames | None
    provenance: Provenance = field(default_factory=make_provenance, compare=False)

    def to_frame(self) -> pd.DataFrame:
        """One row per claim: id, conclusion, title, verdict, summary."""
        rows = [
            {
                "id": r.claim.id,
                "conclusion": r.claim.conclusion,
                "title": r.claim.title,
                "verdict": r.verdict,
                "summary": r.summary,
            }
            for r in self.results
        ]
        return _frame(rows, self.provenance)

    def tests_frame(self) -> pd.DataFrame:
        """One row per test: value, CI, baseline verdict, final verdict and what flips it."""
        rows = []
        for r in self.results:
            for t in r.tests:
                m = t.baseline
                rows.append(
                    {
                        "claim": r.claim.id,
                        "test": t.test.id,
                        "value": m.value,
                        "lo": m.lo,
                        "hi": m.hi,
                        "unit": m.unit,
                        "rule": t.test.rule.describe(),
                        "baseline_verdict": t.baseline_verdict,
                        "verdict": t.verdict,
                        "flips": ", ".join(t.flips),
                        "note": m.note,
                    }
                )
        return _frame(rows, self.provenance)

    def to_dict(self) -> dict[str, Any]:
        return {"claims": [r.to_dict() for r in self.results], "origins": self.provenance.to_dict()}

    def get(self, claim_id: str) -> ClaimResult:
        for r in self.results:
            if r.claim.id == claim_id:
                return r
        raise InputError("claim", f"unknown claim '{claim_id}'")


def list_claims() -> ClaimList:
    """The study's claims and their pre-declared tests, worded for the C5 (their home region)."""
    claim_set = read_claims(metrics=set(METRICS))
    return ClaimList(replace(claim_set, claims=tuple(c.for_region(C5) for c in claim_set.claims)))


def _spec_provenance(claim_set: ClaimSet) -> dict[str, Any]:
    return {
        "claims_spec": {
            "path": "regint/claims/spec.yaml",
            "sha256": claim_set.sha256,
            "declared_on": claim_set.declared_on,
        },
        "study": claim_set.citation,
    }


def load_kb_frames(as_of: dt.date | None = None) -> tuple[KBFrames, Provenance]:
    """The knowledge base as the frames the claims read, with its provenance."""
    kb = load_kb()
    frames = compute_kb_frames(
        kb.organisations, kb.spells, kb.events, KB_CITATION, check_as_of(as_of)
    )
    return frames, kb.provenance()


def check_claims(
    region: str | Region | None = "c5",
    *,
    countries: str | Sequence[str] | None = None,
    claims: Sequence[str] | str | None = None,
    as_of: dt.date | str | None = None,
    warehouse: PathLike | None = None,
    progress: Progress | None = None,
) -> ClaimCheck:
    """Check the claims against the warehouse and the knowledge base.

    Every test is evaluated on the baseline (reconciled basis, CIF/FOB 1.06, the region) and
    rerun on the alternatives; see :func:`build_scenarios` and ``regint/claims/spec.yaml``.
    """
    say = progress or quiet
    claim_set = read_claims(metrics=set(METRICS))
    chosen = pick_claims(claim_set, claims)
    say("reading the knowledge base")
    kb, kb_prov = load_kb_frames(check_as_of(as_of))
    with open_warehouse(warehouse, progress=say) as con:
        run = evaluate_warehouse(con, region, countries, kb, chosen, say)
    return make_check(run, kb, claim_set, kb_prov)


@dataclass(frozen=True)
class WarehouseRun:
    """An evaluation on the warehouse: the region it resolved to, its years, its provenance."""

    region: Region
    years: list[int]
    evaluation: Evaluation
    sources: list[dict[str, Any]]
    build: dict[str, str]


def evaluate_warehouse(
    con: Any,
    region: str | Region | None,
    countries: str | Sequence[str] | None,
    kb: KBFrames,
    chosen: Sequence[Claim],
    progress: Progress,
) -> WarehouseRun:
    """Resolve ``region`` on an open warehouse, evaluate ``chosen`` there, read its provenance."""
    years = warehouse_years(con)
    reg = region_for(region, countries, queries.load_known_countries(con))

    def load(basis: Basis, cif_fob: float) -> TradeData:
        return load_trade_data(con, reg, years, basis, cif_fob)

    progress("loading the drivers beyond trade (WDI, migrant stocks)")
    drivers = load_driver_data(con, reg.all_members(), kb.as_of)
    evaluation = evaluate_claims(reg, chosen, load, kb, progress, drivers=drivers)
    sources, build = queries.load_sources(con), queries.load_build_info(con)
    return WarehouseRun(reg, years, evaluation, sources, build)


def warehouse_years(con: Any) -> list[int]:
    """Every year the warehouse's flows cover."""
    first, last = queries.load_year_range(con)
    return list(range(first, last + 1))


def make_check(
    run: WarehouseRun, kb: KBFrames, claim_set: ClaimSet, kb_prov: Provenance
) -> ClaimCheck:
    """Wrap an evaluation with its provenance."""
    region, evaluation = run.region, run.evaluation
    provenance = make_provenance(
        **_spec_provenance(claim_set),
        region={
            "id": region.id,
            "label": region.label,
            "members": sorted(region.all_members()),
            "source": region.source,
        },
        scenarios=[s.__dict__ for s in evaluation.scenarios],
        as_of=kb.as_of.isoformat(),
        knowledge_base=kb_prov.get("knowledge_base", {}),
        sources=run.sources + list(kb_prov.get("sources", [])),
        build=run.build,
    )
    return ClaimCheck(
        results=evaluation.results,
        region=region,
        scenarios=evaluation.scenarios,
        trade=evaluation.contexts[BASELINE].trade,
        kb=kb,
        provenance=provenance,
    )
