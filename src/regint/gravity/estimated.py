"""A scenario estimation that several scenarios share, and its form as frames for a cache.

:class:`Estimated` is what every scenario with the same estimation (spec, sample, domestic
rule, GE year) shares: the PPML fit and the GE sample's trade costs. It is expensive (two PPML
fits); :func:`compute_estimated_frames` and :func:`compute_estimated_from_frames` turn it into
plain frames and back, exactly (float64 kept bit for bit), so the api can keep it beside the
warehouse (``regint.storage.fitcache``). The pair effects themselves are not kept: the costs
already hold them, and nothing downstream reads them again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from regint.core.errors import InputError
from regint.gravity.agreements import Agreements, compute_dummies
from regint.gravity.estimate import DOMESTIC_PAIR, GravityFit, compute_ppml
from regint.gravity.scenario import Scenario
from regint.gravity.spec import GravitySpec
from regint.gravity.world import (
    WorldInputs,
    compute_complete_countries,
    compute_sample,
    compute_world_panel,
)

GEO = ("ln_dist", "contig", "lang", "colony")
Progress = Callable[[str], None]

# The modules whose code decides an Estimated: a cached one is used only by the same code.
CODE = ("agreements", "estimate", "estimated", "newton", "run", "spec", "world")


@dataclass(frozen=True)
class Estimated:
    """The fit and the GE sample's costs shared by scenarios with the same estimation.

    ``costs`` is the grid of GE-sample pairs (exporter-major, in ``ge_countries`` order) with
    ``tij_bar`` and the agreement dummies; ``output`` and ``expenditure`` each country's sums of
    the observed flows of the GE year (domestic included), in ``ge_countries`` order.
    """

    countries: tuple[str, ...]
    fit: GravityFit
    ge_countries: tuple[str, ...]
    costs: pd.DataFrame = field(repr=False)
    output: np.ndarray = field(repr=False)
    expenditure: np.ndarray = field(repr=False)
    rows: np.ndarray = field(repr=False)
    cols: np.ndarray = field(repr=False)


def _costs(
    fit: GravityFit, year: int, countries: Sequence[str], distance: pd.DataFrame
) -> pd.DataFrame:
    """exp(pair effect) for every pair of the GE sample; pairs never observed predicted."""
    grid = pd.MultiIndex.from_product([countries, countries], names=["exporter", "importer"])
    frame = grid.to_frame(index=False).merge(distance, on=["exporter", "importer"], how="left")
    frame["year"] = year
    fe = fit.fixed_effects["fe_pair"]
    key = (frame["exporter"] + "_" + frame["importer"]).where(
        frame["exporter"] != frame["importer"], DOMESTIC_PAIR
    )
    frame["tij_bar"] = np.exp(key.map(fe) - fe[DOMESTIC_PAIR])
    todo = frame["tij_bar"].isna() & (frame["exporter"] != frame["importer"])
    if todo.any():
        known = frame.loc[frame["tij_bar"].notna() & (frame["exporter"] != frame["importer"])]
        xb, fx = _geography_fit(known.dropna(subset=list(GEO)))
        pred = np.exp(
            sum(xb[t] * frame[t] for t in GEO)
            + frame["exporter"].map(fx["exporter"])
            + frame["importer"].map(fx["importer"])
        )
        frame.loc[todo, "tij_bar"] = pred[todo]
    if frame["tij_bar"].isna().any():
        bad = frame.loc[frame["tij_bar"].isna()].iloc[0]
        raise InputError("scenario", f"no trade cost for {bad['exporter']} -> {bad['importer']}")
    frame["is_cost_predicted"] = todo
    return frame


def _geography_fit(known: pd.DataFrame) -> tuple[dict[str, float], dict[str, pd.Series]]:
    from regint.gravity.spec import GravitySpec

    spec = GravitySpec(
        "missing-pair-costs", GEO, ("exporter", "importer"), dependent="tij_bar", vcov="hetero"
    )
    fit = compute_ppml(known, spec)
    return {t: fit.coef(t) for t in GEO}, fit.fixed_effects


def compute_scenario_sample(s: Scenario, inputs: WorldInputs) -> list[str]:
    named = (*s.change.members, *s.change.partners)
    countries = compute_sample(inputs, s.top, (*s.region, *s.keep, s.reference, *named))
    missing = [c for c in (*s.region, s.reference) if c not in countries]
    if missing:
        raise InputError("scenario.region", f"no flows or no GDP for {', '.join(missing)}")
    check_change_countries(s, countries, "an unknown code, or no flows or no GDP in the panel")
    return countries


def check_change_countries(s: Scenario, countries: Sequence[str], why: str) -> None:
    """Raise ``InputError`` naming the change's key when a country it names is not in ``countries``."""
    for key, codes in (("members", s.change.members), ("partners", s.change.partners)):
        absent = [c for c in codes if c not in countries]
        if absent:
            raise InputError(f"scenario.change.{key}", f"{', '.join(absent)}: {why}")


def compute_estimated(
    s: Scenario, inputs: WorldInputs, agreements: Agreements, say: Progress
) -> Estimated:
    """Fit ``s.estimation`` on its sample and prepare the GE sample's costs (see Estimated)."""
    countries = compute_scenario_sample(s, inputs)
    panel = compute_dummies(compute_world_panel(inputs, countries, s.domestic_rule), agreements)
    say(f"estimating on {len(panel):,} flows among {len(countries)} countries")
    # regint's Newton engine: the estimates of pyfixest.fepois (tests/gravity/test_newton.py;
    # benchmarks/bench_gravity.py) in a tenth of the time, and the same bytes in any process.
    fit = compute_ppml(panel, s.estimation, engine="newton")
    ge = compute_complete_countries(panel, s.year)
    costs = compute_dummies(_costs(fit, s.year, ge, inputs.distance), agreements)
    obs = panel.loc[
        (panel["year"] == s.year) & panel["exporter"].isin(ge) & panel["importer"].isin(ge)
    ]
    trade = obs.pivot(index="exporter", columns="importer", values="trade")
    matrix = trade.reindex(index=ge, columns=ge).to_numpy(dtype=float)
    rows, cols = compute_positions(costs, ge)
    return Estimated(
        tuple(countries),
        fit,
        tuple(ge),
        costs,
        np.nansum(matrix, axis=1),
        np.nansum(matrix, axis=0),
        rows,
        cols,
    )


def compute_positions(
    frame: pd.DataFrame, countries: Sequence[str]
) -> tuple[np.ndarray, np.ndarray]:
    """Row and column of each pair of ``frame`` in the square matrix over ``countries``."""
    where = {c: k for k, c in enumerate(countries)}
    return (
        frame["exporter"].map(where).to_numpy(dtype=np.intp),
        frame["importer"].map(where).to_numpy(dtype=np.intp),
    )


def compute_estimated_frames(est: Estimated) -> tuple[dict[str, pd.DataFrame], dict[str, Any]]:
    """``est`` as frames and a JSON-able record (see the module docstring)."""
    fit = est.fit
    frames = {
        "coefficients": fit.coefficients,
        "vcov": fit.vcov.rename_axis("term").reset_index(),
        "costs": est.costs,
        "totals": pd.DataFrame(
            {
                "country": list(est.ge_countries),
                "output": est.output,
                "expenditure": est.expenditure,
            }
        ),
    }
    record = {
        "countries": list(est.countries),
        "ge_countries": list(est.ge_countries),
        "n_input": fit.n_input,
        "n_used": fit.n_used,
        "dropped": [list(d) for d in fit.dropped],
        "notes": list(fit.notes),
        "engine": fit.engine,
    }
    return frames, record


def compute_estimated_from_frames(
    frames: dict[str, pd.DataFrame], record: dict[str, Any], spec: GravitySpec
) -> Estimated:
    """The :class:`Estimated` that :func:`compute_estimated_frames` was given."""
    ge = tuple(record["ge_countries"])
    fit = GravityFit(
        spec=spec,
        coefficients=frames["coefficients"],
        vcov=frames["vcov"].set_index("term").rename_axis(None),
        n_input=int(record["n_input"]),
        n_used=int(record["n_used"]),
        dropped=tuple((str(r), int(n)) for r, n in record["dropped"]),
        notes=tuple(record["notes"]),
        fixed_effects={},
        engine=str(record["engine"]),
    )
    costs = frames["costs"]
    rows, cols = compute_positions(costs, ge)
    totals = frames["totals"]
    if tuple(totals["country"]) != ge:
        raise ValueError("totals do not follow the GE sample")
    return Estimated(
        tuple(record["countries"]),
        fit,
        ge,
        costs,
        totals["output"].to_numpy(dtype=float),
        totals["expenditure"].to_numpy(dtype=float),
        rows,
        cols,
    )


def read_code_fingerprint() -> str:
    """sha256 of the source of the modules in ``CODE`` (a cache made by other code is not used)."""
    digest = hashlib.sha256()
    for name in CODE:
        digest.update((Path(__file__).parent / f"{name}.py").read_bytes())
    return digest.hexdigest()


def compute_cache_key(*parts: object) -> str:
    """One hex key from the inputs' fingerprints and the estimation's key."""
    return hashlib.sha256(json.dumps([str(p) for p in parts]).encode()).hexdigest()
